"""Streaming XLSX writer: our own cell serializer inside openpyxl's package.

openpyxl (public API, normal mode) owns everything around the cells: the
workbook and styles parts, column widths, frozen panes, autofilter and the
Summary's chart; :mod:`~pricelookup.export.package` puts our rows into the
file it saves. The cells themselves are serialized here, column by column with
polars expressions, because openpyxl's per-cell path costs ~6-20 µs a cell (a
``Cell`` object, type sniffing, an XML element) and a 1M-row x 30-column
export has 30M cells. The vectorized path costs ~0.35 µs a cell (7.6x faster
than openpyxl's write-only loop, ``tests/benchmarks/bench_export.py``), so
safety checks and formats add no measurable time.

It is also the safety boundary: this serializer only ever emits inline
strings (``t="inlineStr"``), booleans and plain numbers. There is no code
path for a formula (``<f>``) or an error cell (``t="e"``), so whatever text
scraped data carries, the workbook shows it as text. The text rules
themselves are in :mod:`pricelookup.export.cells`.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, BinaryIO

import polars as pl
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from pricelookup.export import cells, package
from pricelookup.export.columns import Column, Kind
from pricelookup.export.package import SheetPart

#: Excel's sheet size; the header takes one row.
EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
#: rows turned into XML per polars pass: small enough to stay in cache (~2x faster than 50k)
XML_BATCH_ROWS = 10_000
#: rows whose text lengths set the column widths (never every cell of 1M rows)
WIDTH_SAMPLE_ROWS = 2_000

DATETIME_FORMAT = "yyyy-mm-dd hh:mm:ss"
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"
#: days between Excel's epoch (1899-12-30) and the Unix epoch
_UNIX_EPOCH_SERIAL = 25_569
_US_PER_DAY = 86_400_000_000

_ERROR_ALTERNATION = "|".join(re.escape(e[1:]) for e in sorted(cells.ERROR_LITERALS))
#: one regex pass: formula prefix, or a whole-cell error literal (any case)
_FORMULA_OR_ERROR_PATTERN = rf"^(?:[=+\-@\t\r]|(?i:#(?:{_ERROR_ALTERNATION})$))"


@dataclass
class SheetStats:
    """What writing one sheet (or a family of overflow sheets) did."""

    titles: list[str] = field(default_factory=list)
    rows: int = 0  # data rows, header excluded
    links: int = 0
    links_as_text: int = 0  # linkable URLs left as text because of the per-sheet cap
    truncated: int = 0
    stripped: int = 0  # cells that lost illegal control characters

    def add(self, other: SheetStats) -> None:
        """Accumulate ``other`` into this one."""
        self.titles += other.titles
        self.rows += other.rows
        self.links += other.links
        self.links_as_text += other.links_as_text
        self.truncated += other.truncated
        self.stripped += other.stripped


class StyleBook:
    """The few cell formats the export uses, registered once in the workbook.

    Each distinct (number format, bold, link, quotePrefix) gets one ``xf``
    index, looked up by the serializer as a plain string.
    """

    def __init__(self, ws: Worksheet) -> None:
        self._ws = ws  # any sheet of the workbook: styles are registered in its parent
        self._ids: dict[tuple[str, bool, bool, bool], str] = {}

    def sid(self, number_format: str = "General", *, bold: bool = False, link: bool = False,
            quote: bool = False) -> str:
        """Style index (as text) for a cell format; "0" is the default style."""
        key = (number_format, bold, link, quote)
        found = self._ids.get(key)
        if found is None:
            cell = WriteOnlyCell(self._ws)
            cell.number_format = number_format
            if bold:
                cell.font = Font(bold=True)
                cell.alignment = Alignment(vertical="top")
            if link:
                cell.font = Font(color="0563C1", underline="single")
            if quote:
                cell.quotePrefix = True
            found = str(cell.style_id)
            self._ids[key] = found
        return found

    def price(self, currency: str | None) -> str:
        """Style of a price in ``currency`` (None or junk: plain two decimals)."""
        return self.sid(cells.currency_format(currency))


def style_attr(sid: str) -> str:
    """`` s="N"`` or nothing for the default style."""
    return "" if sid == "0" else f' s="{sid}"'


# --- one value at a time (headers, Summary, small sheets) ----------------------


@dataclass(frozen=True, slots=True)
class CellValue:
    """A value for the scalar path, with an optional explicit number format."""

    value: Any
    number_format: str | None = None
    bold: bool = False


class ScalarCells:
    """Serializes single values with the same rules as the vectorized path."""

    def __init__(self, styles: StyleBook) -> None:
        self.styles = styles

    def cell_xml(self, ref: str, cell: CellValue | Any, stats: SheetStats) -> str:
        """XML of one cell (empty string for None/empty text)."""
        if not isinstance(cell, CellValue):
            cell = CellValue(cell)
        value, fmt, bold = cell.value, cell.number_format, cell.bold
        if value is None:
            return ""
        if isinstance(value, bool):
            return f'<c r="{ref}"{style_attr(self.styles.sid(fmt or "General", bold=bold))} t="b"><v>{int(value)}</v></c>'
        if isinstance(value, (int, float, Decimal)):
            text = cells.decimal_text(value)
            if text is None:
                return ""
            return f'<c r="{ref}"{style_attr(self.styles.sid(fmt or "General", bold=bold))}><v>{text}</v></c>'
        if isinstance(value, (datetime, date)):
            fmt = fmt or (DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT)
            return f'<c r="{ref}"{style_attr(self.styles.sid(fmt, bold=bold))}><v>{cells.excel_serial(value)!r}</v></c>'
        text = str(value)
        if text == "":
            return ""
        text = cells.strip_illegal(text)
        if text != str(value):
            stats.stripped += 1
        text, cut = cells.truncate(text)
        stats.truncated += cut
        sid = self.styles.sid(fmt or "General", bold=bold, quote=cells.is_formula_like(text))
        space = ' xml:space="preserve"' if cells.needs_preserve(text) else ""
        return (f'<c r="{ref}"{style_attr(sid)} t="inlineStr"><is><t{space}>'
                f"{cells.xml_escape(text)}</t></is></c>")

    def row_xml(self, row: int, values: Sequence[CellValue | Any], stats: SheetStats, first_col: int = 1) -> str:
        """XML of one ``<row>``."""
        out = [f'<row r="{row}">']
        for i, v in enumerate(values):
            out.append(self.cell_xml(f"{get_column_letter(first_col + i)}{row}", v, stats))
        out.append("</row>")
        return "".join(out)


# --- a column at a time (the data sheets) ------------------------------------------


_TEXT_KINDS = ("text", "code", "url")


class BatchSerializer:
    """Turns batches of a frame into ``<row>`` XML, column by column (vectorized).

    Two polars passes per batch: the first finds out, for every text column at
    once, whether anything needs work (illegal characters, over-long text,
    escaping, formula-like text, whitespace, linkable URLs); the second builds
    every cell's XML with only the steps that are needed. Per cell, the
    result is ``<c r="B7" s="2" t="inlineStr"><is><t>...</t></is></c>`` or null
    for an empty cell, and ``concat_str(ignore_nulls=True)`` joins a row.
    """

    def __init__(self, styles: StyleBook, columns: Sequence[Column]) -> None:
        self.styles = styles
        self.columns = list(columns)
        self.letters = [get_column_letter(i + 1) for i in range(len(self.columns))]
        # fixed styles, looked up once
        self._text = {q: style_attr(styles.sid("General", quote=q)) for q in (False, True)}
        self._code = {q: style_attr(styles.sid(TEXT_FORMAT, quote=q)) for q in (False, True)}
        self._link = style_attr(styles.sid("General", link=True))
        self._dt = style_attr(styles.sid(DATETIME_FORMAT))
        self._d = style_attr(styles.sid(DATE_FORMAT))

    def batch_xml(self, frame: pl.DataFrame, first_row: int, stats: SheetStats,
                  link_budget: list[int], hyperlinks: list[tuple[str, str]]) -> bytes:
        """XML of rows ``first_row`` .. for ``frame`` (its columns keyed by ``Column.key``)."""
        n = frame.height
        if n == 0:
            return b""
        present = [(j, c) for j, c in enumerate(self.columns) if c.key in frame.columns]
        work: dict[str, pl.Series] = {}
        for j, c in present:
            s = frame.get_column(c.key)
            if c.kind in _TEXT_KINDS and s.dtype != pl.String:
                s = s.cast(pl.String)
            work[f"c{j}"] = s
            key = c.currency_key
            if c.kind == "price" and key is not None and key in frame.columns and f"cur|{key}" not in work:
                work[f"cur|{key}"] = frame.get_column(key).cast(pl.String)
        data = pl.DataFrame(work, height=n)
        flags = self._scan(data, present)
        data = self._truncate(data, present, flags, stats)
        data = self._links(data, present, flags, first_row, stats, link_budget, hyperlinks)
        parts: list[pl.Expr] = [pl.lit('<row r="'), pl.col("_rn"), pl.lit('">')]
        for j, c in present:
            cell = self._cell_expr(data, j, c, flags)
            if cell is not None:
                parts.append(cell)
        parts.append(pl.lit("</row>"))
        data = data.with_columns(
            _rn=pl.int_range(first_row, first_row + n, dtype=pl.Int64).cast(pl.String))
        xml = data.select(pl.concat_str(parts, ignore_nulls=True).str.join("")).item()
        return xml.encode("utf-8")

    # -- pass 1: what needs doing -------------------------------------------------

    def _scan(self, data: pl.DataFrame, present: list[tuple[int, Column]]) -> dict[str, Any]:
        exprs: list[pl.Expr] = []
        for j, c in present:
            name = f"c{j}"
            v = pl.col(name)
            exprs.append(v.null_count().alias(f"{name}|nulls"))
            if c.kind not in _TEXT_KINDS:
                continue
            exprs += [
                v.str.contains(cells.ILLEGAL_XML_PATTERN).sum().alias(f"{name}|illegal"),
                (v.str.len_bytes() > cells.MAX_CELL_CHARS).any().alias(f"{name}|long"),
                v.str.contains(cells.XML_ESCAPE_PATTERN).any().alias(f"{name}|escape"),
                v.str.contains(_FORMULA_OR_ERROR_PATTERN).any().alias(f"{name}|formula"),
                v.str.contains(cells.PRESERVE_PATTERN).any().alias(f"{name}|preserve"),
                (v.str.len_bytes() == 0).any().alias(f"{name}|empty"),
            ]
            if c.kind == "url":
                linkable = (v.str.contains(cells.URL_PATTERN) & (v.str.len_bytes() <= cells.MAX_URL_CHARS))
                exprs.append(linkable.fill_null(False).arg_true().implode().alias(f"{name}|links"))
        return data.select(exprs).row(0, named=True)

    def _truncate(self, data: pl.DataFrame, present: list[tuple[int, Column]], flags: dict[str, Any],
                  stats: SheetStats) -> pl.DataFrame:
        """Strip illegal characters (counted) and cut over-long text (rare: in Python)."""
        updates: dict[str, pl.Series] = {}
        for j, c in present:
            name = f"c{j}"
            if c.kind not in _TEXT_KINDS:
                continue
            s = data.get_column(name)
            if not (flags[f"{name}|illegal"] or flags[f"{name}|empty"] or flags[f"{name}|long"]):
                continue
            if flags[f"{name}|illegal"]:
                stats.stripped += int(flags[f"{name}|illegal"])
                s = s.str.replace_all(cells.ILLEGAL_XML_PATTERN, "")
            if flags[f"{name}|empty"]:
                s = s.replace("", None)
            if flags[f"{name}|long"]:
                long = s.str.len_bytes() > cells.MAX_CELL_CHARS
                idx = long.arg_true()
                fixed = []
                for value in s.gather(idx).to_list():
                    text, cut = cells.truncate(value)
                    stats.truncated += cut
                    fixed.append(text)
                s = s.scatter(idx, pl.Series(fixed, dtype=pl.String))
            updates[name] = s
        return data.with_columns(**updates) if updates else data

    def _links(self, data: pl.DataFrame, present: list[tuple[int, Column]], flags: dict[str, Any],
               first_row: int, stats: SheetStats, link_budget: list[int],
               hyperlinks: list[tuple[str, str]]) -> pl.DataFrame:
        """Hyperlinks for linkable URLs while the sheet's budget lasts; the rest stay text."""
        updates: dict[str, pl.Series] = {}
        for j, c in present:
            name = f"c{j}"
            if c.kind != "url":
                continue
            idx: list[int] = flags[f"{name}|links"] or []
            if not idx:
                continue
            take = min(len(idx), link_budget[0])
            stats.links_as_text += len(idx) - take
            if not take:
                continue
            idx = idx[:take]
            link_budget[0] -= take
            stats.links += take
            letter = self.letters[j]
            targets = data.get_column(name).gather(idx).to_list()
            hyperlinks.extend((f"{letter}{first_row + i}", t) for i, t in zip(idx, targets, strict=True))
            updates[f"{name}|linked"] = pl.repeat(False, data.height, eager=True).scatter(idx, True)
        return data.with_columns(**updates) if updates else data

    # -- pass 2: the cells --------------------------------------------------------------

    def _cell_expr(self, data: pl.DataFrame, j: int, column: Column, flags: dict[str, Any]) -> pl.Expr | None:
        name = f"c{j}"
        if flags[f"{name}|nulls"] == data.height:
            return None
        v = pl.col(name)
        head = pl.lit(f'<c r="{self.letters[j]}')
        rn = pl.col("_rn")
        kind: Kind = column.kind
        if kind in _TEXT_KINDS:
            base = self._code if kind == "code" else self._text
            style: pl.Expr = pl.lit(base[False])
            if flags[f"{name}|formula"]:
                style = pl.when(v.str.contains(_FORMULA_OR_ERROR_PATTERN)).then(pl.lit(base[True])).otherwise(style)
            if f"{name}|linked" in data.columns:
                style = pl.when(pl.col(f"{name}|linked")).then(pl.lit(self._link)).otherwise(style)
            t_open: pl.Expr = pl.lit("<t>")
            if flags[f"{name}|preserve"]:
                t_open = (pl.when(v.str.contains(cells.PRESERVE_PATTERN))
                          .then(pl.lit('<t xml:space="preserve">')).otherwise(t_open))
            text = v
            if flags[f"{name}|escape"]:
                text = (v.str.replace_all("&", "&amp;", literal=True)
                        .str.replace_all("<", "&lt;", literal=True)
                        .str.replace_all(">", "&gt;", literal=True)
                        .str.replace_all("\r", "&#13;", literal=True)
                        .str.replace_all(cells.EXCEL_ESCAPE_PATTERN, "_x005F_$1"))
            return pl.concat_str([head, rn, pl.lit('"'), style, pl.lit(' t="inlineStr"><is>'), t_open, text,
                                  pl.lit("</t></is></c>")])
        dtype = data.schema[name]
        if kind == "bool":
            b = v.cast(pl.Boolean)
            value = pl.when(b).then(pl.lit("1")).when(b.not_()).then(pl.lit("0"))
            return pl.concat_str([head, rn, pl.lit('" t="b"><v>'), value, pl.lit("</v></c>")])
        if kind in ("datetime", "date"):
            if dtype == pl.Date:
                serial = (v.cast(pl.Int64) + _UNIX_EPOCH_SERIAL).cast(pl.String)
                sid = self._d
            else:
                serial = (v.dt.epoch("us").cast(pl.Float64) / _US_PER_DAY + _UNIX_EPOCH_SERIAL).cast(pl.String)
                sid = self._d if kind == "date" else self._dt
            return pl.concat_str([head, rn, pl.lit(f'"{sid}><v>'), serial, pl.lit("</v></c>")])
        # numbers: int, number, price (exact decimal text, or numeric dtypes)
        if dtype == pl.String:
            number = v
        elif dtype.is_float():
            number = v.fill_nan(None).cast(pl.String)
        else:
            number = v.cast(pl.String)
        style = self._price_style(data, column) if kind == "price" else pl.lit("")
        return pl.concat_str([head, rn, pl.lit('"'), style, pl.lit("><v>"), number, pl.lit("</v></c>")])

    def _price_style(self, data: pl.DataFrame, column: Column) -> pl.Expr:
        """Per-cell currency format from the currency column (``cur|<key>``), else the fixed one."""
        default = style_attr(self.styles.price(column.currency))
        name = f"cur|{column.currency_key}"
        if column.currency_key is None or name not in data.columns:
            return pl.lit(default)
        codes = data.get_column(name).drop_nulls().unique().to_list()
        mapping = {code: style_attr(self.styles.price(code)) for code in codes}
        if not mapping:
            return pl.lit(default)
        return (pl.col(name).replace_strict(mapping, default=default, return_dtype=pl.String)
                .fill_null(pl.lit(default)))


# --- the workbook ------------------------------------------------------------------


class WorkbookStream:
    """A workbook whose sheets' rows are written with :class:`BatchSerializer`.

    Sheets are created in display order up front (:meth:`add_sheet`) as empty
    openpyxl worksheets that carry the views, widths, filters and charts; each
    ``write_*`` call streams the sheet's rows to a file in ``parts_dir`` at
    once, so memory stays flat. :meth:`save` lets openpyxl save the workbook
    and puts the rows into it (:mod:`~pricelookup.export.package`).
    """

    def __init__(self, parts_dir: Path, *, max_rows: int = EXCEL_MAX_ROWS,
                 max_links: int = cells.MAX_LINKS_PER_SHEET) -> None:
        self.wb = Workbook()
        self.wb.remove(self.wb.active)  # sheets come from add_sheet, in display order
        self.parts_dir = parts_dir
        self.max_rows = max_rows
        self.max_links = max_links
        self._style_ws = self.wb.create_sheet("_styles")  # holder for style lookups; removed before saving
        self.styles = StyleBook(self._style_ws)
        self.scalar = ScalarCells(self.styles)
        self._parts: dict[str, SheetPart] = {}

    def add_sheet(self, title: str, *, after: Worksheet | None = None) -> Worksheet:
        """Create an empty sheet (at the end, or right after ``after``)."""
        index = None if after is None else self.wb.worksheets.index(after) + 1
        return self.wb.create_sheet(title, index)

    @contextmanager
    def _rows_of(self, ws: Worksheet) -> Iterator[tuple[BinaryIO, SheetPart]]:
        """The file that takes ``ws``'s ``<row>`` elements, and the part that will splice it in."""
        part = SheetPart(self.parts_dir / f"sheet{len(self._parts) + 1}.xml")
        with part.rows_file.open("wb", buffering=1 << 20) as fh:
            yield fh, part
        self._parts[ws.title] = part

    # -- big tables -----------------------------------------------------------

    def write_table(self, ws: Worksheet, columns: Sequence[Column],
                    chunks: Iterable[pl.DataFrame], *, overflow_title: Callable[[int], str] | None = None,
                    ) -> SheetStats:
        """Header + every chunk's rows; past Excel's row limit, continue in ``overflow_title(n)`` sheets.

        Frozen header row, autofilter over the data, widths from a sample of
        the first rows, hyperlinks capped per sheet.
        """
        if len(columns) > EXCEL_MAX_COLUMNS:
            raise ValueError(f"{len(columns)} columns: Excel allows {EXCEL_MAX_COLUMNS:,}")
        serializer = BatchSerializer(self.styles, columns)
        header = [CellValue(c.header, bold=True) for c in columns]
        batches = _rebatch(chunks, XML_BATCH_ROWS)
        batch = next(batches, None)
        widths = column_widths(columns, batch)
        last = get_column_letter(len(columns))
        capacity = self.max_rows - 1
        total = SheetStats()
        number = 1
        while True:
            stats = SheetStats(titles=[ws.title])
            links: list[tuple[str, str]] = []
            budget = [self.max_links]
            with self._rows_of(ws) as (fh, part):
                fh.write(self.scalar.row_xml(1, header, stats).encode("utf-8"))
                while batch is not None and stats.rows < capacity:
                    room = capacity - stats.rows
                    now, batch = (batch, None) if batch.height <= room else (batch.slice(0, room), batch.slice(room))
                    fh.write(serializer.batch_xml(now, 2 + stats.rows, stats, budget, links))
                    stats.rows += now.height
                    if batch is None:
                        batch = next(batches, None)
            part.dimension = f"A1:{last}{stats.rows + 1}"
            part.links = links
            ws.auto_filter.ref = part.dimension
            _setup_table_view(ws, widths)
            total.add(stats)
            if batch is None:
                return total
            number += 1
            title = overflow_title(number) if overflow_title else f"{ws.title[:25]} ({number})"
            ws = self.add_sheet(title, after=ws)

    # -- small sheets ---------------------------------------------------------------

    def write_grid(self, ws: Worksheet, rows: Sequence[Sequence[CellValue | Any]], *,
                   widths: Sequence[float] = (), before_close: Callable[[Worksheet], None] | None = None,
                   ) -> SheetStats:
        """A small sheet of single values (Summary): row by row, any types, same safety rules."""
        stats = SheetStats(titles=[ws.title], rows=len(rows))
        for i, w in enumerate(widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = w
        with self._rows_of(ws) as (fh, part):
            for r, values in enumerate(rows, 1):
                fh.write(self.scalar.row_xml(r, values, stats).encode("utf-8"))
        width = max((len(r) for r in rows), default=0)
        if width:
            part.dimension = f"A1:{get_column_letter(width)}{len(rows)}"
        if before_close is not None:
            before_close(ws)
        return stats

    def save(self, target: Path, *, compresslevel: int = 6) -> None:
        """Write the package to ``target`` (a temporary name; the caller renames it)."""
        self.wb.remove(self._style_ws)
        skeleton = io.BytesIO()
        self.wb.save(skeleton)
        package.assemble(skeleton.getvalue(), self._parts, target, compresslevel=compresslevel)


def _setup_table_view(ws: Worksheet, widths: Sequence[float]) -> None:
    ws.freeze_panes = "A2"
    for i, w in enumerate(widths, 1):
        ws.column_dimensions[get_column_letter(i)].width = w


def _rebatch(chunks: Iterable[pl.DataFrame], size: int) -> Iterator[pl.DataFrame]:
    """Slice arbitrary chunks into batches of at most ``size`` rows (empty chunks skipped)."""
    for chunk in chunks:
        for start in range(0, chunk.height, size):
            yield chunk.slice(start, size)


_FIXED_WIDTHS: dict[str, float] = {"datetime": 19, "date": 11, "bool": 8, "int": 10, "number": 11, "price": 13}


def column_widths(columns: Sequence[Column], sample: pl.DataFrame | None) -> list[float]:
    """Widths from the header and a sample of the first rows (90th percentile of text length)."""
    out: list[float] = []
    for c in columns:
        header = min(len(c.header), 40) + 2
        if c.kind in _FIXED_WIDTHS:
            out.append(float(max(header, _FIXED_WIDTHS[c.kind])))
            continue
        typical = 0.0
        if sample is not None and c.key in sample.columns:
            s = sample.get_column(c.key).head(WIDTH_SAMPLE_ROWS)
            if s.dtype == pl.String and s.null_count() < s.len():
                q = s.str.len_chars().quantile(0.9)
                typical = float(q) if q is not None else 0.0
        out.append(float(min(max(header, typical + 2, 8), 60)))
    return out
