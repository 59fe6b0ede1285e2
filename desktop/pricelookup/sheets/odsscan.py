"""ODS ``content.xml``, streamed once before calamine opens the workbook: repeat bombs and error cells.

calamine parses every sheet of an ODS as it opens it, expanding
``table:number-rows-repeated`` / ``table:number-columns-repeated`` into real
cells and padding every row to the widest one. Measured: an 881-byte file
declaring 1,000,000 rows of 40 repeated cells took 13 s and 5 GB; a 105 KB one
with one 2,000-cell row above 200,000 one-cell rows reached 3 GB before
calamine's own 100M-cell limit stopped it. So this scan computes what calamine
would build, per sheet, *before* it does: the rows up to the last non-empty
row times the widest row, with repeats multiplied out. Above
:data:`~.zipguard.MAX_LOADED_CELLS` over the workbook the file is refused.

What does not count: trailing empty cells of a row and trailing empty rows of
a sheet. LibreOffice ends every row with
``<table:table-cell table:number-columns-repeated="1020"/>`` and every sheet
with ``<table:table-row table:number-rows-repeated="1048000">`` of empty cells;
calamine drops them too. Empty rows *between* data rows do count (calamine
keeps them).

The same pass records error cells. LibreOffice writes them as
``<table:table-cell table:formula="of:=NA()" office:value-type="string"
office:string-value="" calcext:value-type="error"><text:p>#N/A</text:p>`` and
calamine reads them as ""; their literal ("#N/A", "#DIV/0!", or "Err:502" for
LibreOffice's own codes) is kept here by sheet, row and column.

Speed: the bytes are split into rows and counted with C-level ``bytes``
methods; only rows holding a repeat (other than the trailing padding) or an
error cell are parsed with a regex. About 1-2 s for the 600 MB content.xml of a
1M-row x 4-column sheet (calamine: ~3 s); a typical ODS costs milliseconds.
"""

from __future__ import annotations

import html
import operator
import re
from dataclasses import dataclass, field
from itertools import repeat

from pricelookup.sheets import zipguard
from pricelookup.sheets.ooxml import Source, open_zip
from pricelookup.sheets.zipguard import Refused

ROW_END = b"</table:table-row>"
CELL = b"<table:table-cell"
COVERED = b"<table:covered-table-cell"
REPEATED = b'-repeated="'
ERROR = b'value-type="error"'
#: a table's start tag. Only the usual form is looked for: rows of a table opened otherwise
#: are counted with the previous table, which only makes that table's estimate larger.
TABLE_START = b"<table:table "
#: a single row larger than this is not a table an analyst made
MAX_ROW_BYTES = 128 * 1024**2
#: error cells recorded per workbook (a repeated error row must not fill memory with positions)
MAX_ERROR_CELLS = 1_000_000
#: distinct trailing paddings remembered (one per column count and style, in practice a few)
MAX_PADDINGS = 64
#: repeat counts above this are read as this (an int() of a 5,000-digit attribute would fail)
MAX_REPEAT = 10**9

_ROW_TAG = re.compile(rb"<table:table-row(?=[\s/>])([^>]*?)(/?)>")
_CELL_TAG = re.compile(rb"<table:(?:covered-)?table-cell(?=[\s/>])([^>]*?)(/?)>")
_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="(\d+)"')
_COLS_REPEATED = re.compile(rb'table:number-columns-repeated="(\d+)"')
_TABLE_NAME = re.compile(rb'table:name="([^"]*)"')
_TAG = re.compile(rb"<[^>]*>")
_PARAGRAPH_END = re.compile(rb"</text:p>\s*<text:p\b[^>]*>")


def _repeat(match: re.Match[bytes] | None) -> int:
    if match is None:
        return 1
    digits = match.group(1)
    return max(1, min(int(digits), MAX_REPEAT) if len(digits) <= 10 else MAX_REPEAT)


@dataclass
class _Sheet:
    """What calamine would build for one sheet, so far."""

    name: str
    rows: int = 0  # rows seen, repeats included
    extent: int = 0  # rows up to the last non-empty one
    width: int = 0  # widest row, trailing empty cells excluded

    @property
    def cells(self) -> int:
        """The dense range calamine allocates: every row up to the last one with data, padded
        to the widest row (an upper bound of the cells, and of its memory)."""
        return self.extent * self.width


@dataclass
class OdsScan:
    """The result of :func:`scan_ods`."""

    #: sheet name -> (sheet row 1-based, column 0-based, literal) of every error cell
    errors: dict[str, list[tuple[int, int, str]]] = field(default_factory=dict)
    #: the cells calamine will materialise, all sheets together (an upper bound)
    cells: int = 0


def _cell_text(piece: bytes, start: int) -> str:
    """The text of the cell whose start tag ends at ``start`` (paragraphs joined by newlines)."""
    end = piece.find(b"</table:table-cell>", start)
    inner = piece[start:end if end >= 0 else len(piece)]
    inner = _PARAGRAPH_END.sub(b"\n", inner)
    text = html.unescape(_TAG.sub(b"", inner).decode("utf-8", "replace")).strip()
    return text or "#ERROR"


def _padding_tail(piece: bytes) -> bytes | None:
    """The row's last tag when it is LibreOffice's trailing padding (an empty,
    self-closing, repeated cell right before the end of the row), else None."""
    tail = piece[piece.rfind(b"<table:"):]
    if (
        tail.startswith((CELL, COVERED))
        and tail.count(b"<") == 1
        and tail.count(REPEATED) == 1
        and b"office:" not in tail
        and tail.rstrip().endswith(b"/>")
    ):
        return tail
    return None


class _Scanner:
    """Feeds row-aligned pieces of content.xml; keeps per-sheet extents and error cells."""

    def __init__(self) -> None:
        self.sheets: list[_Sheet] = []
        self.errors: dict[str, list[tuple[int, int, str]]] = {}
        self.n_errors = 0
        # Trailing paddings seen so far. LibreOffice writes the same padding on most rows
        # of a table, so once seen, whole buffers of them are recognised at C speed and
        # only rows with other repeats go through the Python loop.
        self.paddings: set[bytes] = set()

    @property
    def current(self) -> _Sheet:
        if not self.sheets:  # rows before any table: count them under an unnamed sheet
            self.sheets.append(_Sheet(""))
        return self.sheets[-1]

    def feed(self, buf: bytes) -> None:
        """Process a buffer that ends at a row end (or is the very end of the part)."""
        starts: list[int] = []
        pos = buf.find(TABLE_START)
        while pos >= 0:
            starts.append(pos)
            pos = buf.find(TABLE_START, pos + 1)
        prev = 0
        for pos in starts:
            self._rows(buf[prev:pos])
            end = buf.find(b">", pos)
            name = _TABLE_NAME.search(buf, pos, end if end >= 0 else len(buf))
            self.sheets.append(_Sheet(html.unescape(name.group(1).decode("utf-8", "replace")) if name else ""))
            prev = pos
        self._rows(buf[prev:] if prev else buf)
        self._check()

    def _rows(self, seg: bytes) -> None:
        """Account for the rows of ``seg`` (one table's part of a buffer)."""
        if ROW_END not in seg:
            return
        rows = seg.split(ROW_END)
        rows.pop()  # what follows the last row end is not a row
        widths = list(map(bytes.count, rows, repeat(CELL)))
        if COVERED in seg:
            widths = list(map(operator.add, widths, map(bytes.count, rows, repeat(COVERED))))
        sheet = self.current
        repeats = seg.count(REPEATED)
        if repeats and self.paddings and ERROR not in seg:
            # The usual LibreOffice buffer: its only repeats are the trailing paddings
            # already seen. Counting them (C speed) proves it; their cells come off
            # the widths of the rows that end with them.
            trimmed = widths
            for padding in self.paddings:
                found = seg.count(padding + ROW_END)
                if found:
                    repeats -= found
                    trimmed = list(map(operator.sub, trimmed, map(bytes.endswith, rows, repeat(padding))))
            if not repeats:
                widths = trimmed
        if not repeats and ERROR not in seg:
            # No repeats: every row is what it shows. Cell tags are an upper bound of a
            # row's width (a trailing empty cell counts one).
            last = len(rows)
            while last and not widths[last - 1]:
                last -= 1
            if last:
                sheet.extent = sheet.rows + last
                sheet.width = max(sheet.width, max(widths))
            sheet.rows += len(rows)
            return
        for piece, width in zip(rows, widths, strict=True):
            rep = 1
            if REPEATED in piece or ERROR in piece:
                tail = None if ERROR in piece else _padding_tail(piece)
                if tail is not None:
                    if len(self.paddings) < MAX_PADDINGS:
                        self.paddings.add(tail)
                    piece = piece[: len(piece) - len(tail)]
                    width -= 1
                if REPEATED in piece or ERROR in piece:
                    rep, width = self._row(piece, sheet)
            sheet.rows += rep
            if width > 0:
                sheet.extent = sheet.rows
                if width > sheet.width:
                    sheet.width = width

    def _row(self, piece: bytes, sheet: _Sheet) -> tuple[int, int]:
        """(repeats, width without trailing empty cells) of one row, parsed; records its error cells."""
        # The row's own tag is the last one (column definitions may come first).
        row_tag = next(reversed(list(_ROW_TAG.finditer(piece))), None)
        if row_tag is None:
            return 1, 0
        rep = _repeat(_ROWS_REPEATED.search(row_tag.group(1)))
        pos = width = 0
        for cell in _CELL_TAG.finditer(piece, row_tag.end()):
            attrs = cell.group(1)
            n = _repeat(_COLS_REPEATED.search(attrs))
            empty = cell.group(2) == b"/" and b"office:value-type" not in attrs
            if ERROR in attrs and self.n_errors < MAX_ERROR_CELLS:
                text = "#ERROR" if cell.group(2) else _cell_text(piece, cell.end())
                found = self.errors.setdefault(sheet.name, [])
                budget = MAX_ERROR_CELLS - self.n_errors
                for r in range(min(rep, budget)):
                    for c in range(min(n, budget)):
                        found.append((sheet.rows + 1 + r, pos + c, text))
                        budget -= 1
                        if not budget:
                            break
                    if not budget:
                        break
                self.n_errors = MAX_ERROR_CELLS - budget
            pos += n
            if not empty:
                width = pos
            if pos > MAX_REPEAT:
                break
        return rep, width

    def _check(self) -> None:
        """Refuse as soon as the workbook would expand past the cell limit."""
        limit = zipguard.MAX_LOADED_CELLS
        total = sum(s.cells for s in self.sheets)
        if total <= limit:
            return
        worst = max(self.sheets, key=lambda s: s.cells)
        if worst.cells > limit:
            where = f'sheet "{worst.name}"' if worst.name else "a sheet"
            raise Refused(
                f"{where} expands to {worst.extent:,} rows x {worst.width:,} columns "
                f"({worst.cells:,} cells, counting repeated rows and columns), more than the "
                f"{limit:,} this tool can hold in memory (a decompression bomb, or formatting "
                "far beyond the table). Delete the rows and columns after the table and save again"
            )
        raise Refused(
            f"the sheets together expand to {total:,} cells (counting repeated rows and columns), "
            f"more than the {limit:,} this tool can hold in memory. Delete unneeded sheets, or "
            "copy the table to a new file"
        )

    def result(self) -> OdsScan:
        """What the scan found, for the workbook."""
        return OdsScan(errors=self.errors, cells=sum(s.cells for s in self.sheets))


def scan_ods(source: Source) -> OdsScan:
    """Stream content.xml once: refuse repeat bombs (Refused), collect error cells.

    Raises :class:`~.zipguard.Refused` / :class:`~.zipguard.Damaged` like
    :func:`~.zipguard.inflate`, and KeyError when there is no content.xml
    (calamine then says what is wrong).
    """
    with open_zip(source) as zf:
        info = zf.getinfo("content.xml")
    scanner = _Scanner()
    carry = b""
    for chunk in zipguard.inflate(source, info, limit=zipguard.MAX_PART_BYTES):
        buf = carry + chunk if carry else chunk
        cut = buf.rfind(ROW_END)
        if cut < 0:
            if len(buf) > MAX_ROW_BYTES:
                raise Refused(f"content.xml holds a single row of more than {MAX_ROW_BYTES // 1024**2} MB "
                              "(not a table; a damaged or crafted file)")
            carry = buf
            continue
        cut += len(ROW_END)
        scanner.feed(buf[:cut])
        carry = buf[cut:]
    if carry:
        scanner.feed(carry)
    return scanner.result()
