"""Workbooks (xlsx, xlsm, xls, xlsb, ods) into an all-text grid, through fastexcel (calamine).

Every column is read with ``dtypes="string"``: type inference would turn a
text "0012345678905" into 12345678905 or a null. With ``header_row=None`` and
``skip_rows=0`` fastexcel returns the sheet from row 1 on, so frame row ``i``
is sheet row ``i + 1`` and the header can be detected here. Numbers come out
as their shortest text ("3401351277399", "-5.5", "29.02"), booleans as
"true"/"false", dates as "2021-01-01 00:00:00".

Sheet choice: the first *visible worksheet* holding any cell. Hidden, very
hidden, chart, dialog and macro sheets are only read when named. Which sheet is
which comes from python-calamine's ``sheets_metadata`` (the same engine):
fastexcel tells a sheet's visibility only once it has parsed the whole sheet,
and never whether it is a chart sheet.
"""

from __future__ import annotations

import concurrent.futures
import io
import logging
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import fastexcel
import polars as pl
import python_calamine

from pricelookup.errors import InputFileError, SettingsError
from pricelookup.phrasing import COMMA, QT_TRANSLATE_NOOP, Phrase, joined, phrase
from pricelookup.sheets import cfbguard, zipguard
from pricelookup.sheets.cellerrors import FORMULA_WITHOUT_VALUE, xlsx_error_cells
from pricelookup.sheets.detect import FileKind
from pricelookup.sheets.grid import Grid, column_letter, letter_index, split_controls
from pricelookup.sheets.limits import oversized_extent
from pricelookup.sheets.numformat import scientific_cells, scientific_styles
from pricelookup.sheets.odsscan import OdsScan, scan_ods
from pricelookup.sheets.ooxml import Source, open_zip, workbook_only, xlsb_parts, xlsx_parts

Visibility = Literal["visible", "hidden", "veryhidden"]
SheetKind = Literal["worksheet", "chart", "dialog", "macro"]


@dataclass(frozen=True)
class SheetInfo:
    """A sheet as the GUI's picker shows it."""

    name: str
    visibility: Visibility
    kind: SheetKind

    @property
    def visible(self) -> bool:
        """True for a sheet the analyst sees in Excel's tab bar."""
        return self.visibility == "visible"

    @property
    def pickable(self) -> bool:
        """True for a sheet the automatic choice may take (visible worksheet)."""
        return self.visible and self.kind == "worksheet"


PROTECTED_MESSAGE = phrase(QT_TRANSLATE_NOOP(
    "Engine", "protected: save a copy without a password and use that "
    "(the workbook is encrypted with a password, so it cannot be read)"))


def _in_sheet(sheet: str | None) -> str | Phrase:
    """' (sheet "Name")' after "refused" or "not a valid spreadsheet", or nothing."""
    return phrase(QT_TRANSLATE_NOOP("Engine", ' (sheet "{sheet}")'), sheet=sheet) if sheet else ""


def _damaged(where: str | Phrase, problem: str | Phrase) -> Phrase:
    return phrase(QT_TRANSLATE_NOOP("Engine", "not a valid spreadsheet{where}: it is damaged — {problem}; "
                                    "open it in Excel or LibreOffice and save it again"),
                  where=where, problem=problem)


def calamine_error(exc: Exception, display: str, *, sheet: str | None = None) -> InputFileError:
    """Turn a fastexcel/calamine exception into the analyst's message."""
    text = str(exc)
    first = text.strip().splitlines()[0] if text.strip() else type(exc).__name__
    where = _in_sheet(sheet)
    lowered = text.lower()
    if "password" in lowered or "encrypt" in lowered:
        return InputFileError(display, PROTECTED_MESSAGE)
    if "cell limit exceeded" in lowered or "too large" in lowered:
        return InputFileError(display, phrase(QT_TRANSLATE_NOOP(
            "Engine", "refused{where}: the file declares far more cells than any real sheet "
            "(too large, or a decompression bomb); re-save it from Excel or LibreOffice"), where=where))
    # calamine's own words for the damage (``first``) stay in English
    return InputFileError(display, phrase(QT_TRANSLATE_NOOP(
        "Engine", "not a valid spreadsheet{where}: it is damaged or truncated ({problem}); "
        "open it in Excel or LibreOffice and save it again"), where=where, problem=first))


_SUFFIXES = {
    FileKind.XLSX: (".xlsx", ".xlsm", ".xltx", ".xltm"),
    FileKind.XLSB: (".xlsb",),
    FileKind.XLS: (".xls", ".xlt"),
    FileKind.ODS: (".ods",),
}
#: sheets up to this many rows get every error cell recovered (the scan costs ~1 ms per 1,000 rows)
FULL_ERROR_SCAN_ROWS = 100_000
#: sheet XML from which the number-cell read starts beside the text read (~40,000 rows of
#: four columns); below it the extra read, when needed at all, takes a fraction of a second
PARALLEL_NUMBER_READ_BYTES = 8 * 2**20

log = logging.getLogger(__name__)


def guard_error(exc: zipguard.Refused | zipguard.Damaged, display: str,
                *, sheet: str | None = None) -> InputFileError:
    """The analyst's message for a part the bomb guard would not let calamine read.

    The guard's own account (sizes, zip member names) stays in English inside it.
    """
    where = _in_sheet(sheet)
    if isinstance(exc, zipguard.Refused):
        return InputFileError(display, phrase(QT_TRANSLATE_NOOP("Engine", "refused{where}: {problem}"),
                                              where=where, problem=str(exc)))
    return InputFileError(display, _damaged(where, str(exc)))


def open_reader(data: Source, kind: FileKind, path: Path, display: str) -> fastexcel.ExcelReader:
    """Open the workbook; calamine errors become InputFileError.

    When the extension agrees with the signature, calamine opens the path
    (lazily: ~0 ms, against ~0.2 s to parse a 34 MB workbook from bytes, and
    its errors are specific, e.g. "password protected" for an xls). Otherwise
    it gets the bytes and guesses the format from them, as we did.
    """
    by_path = path.suffix.lower() in _SUFFIXES.get(kind, ())
    try:
        if by_path:
            return fastexcel.read_excel(path)
        return fastexcel.read_excel(data if isinstance(data, bytes) else data.read_bytes())
    except (fastexcel.FastExcelError, OSError, ValueError) as exc:
        raise calamine_error(exc, display) from exc


def package_parts(data: Source, kind: FileKind) -> dict[str, str | None]:
    """Sheet name -> zip member holding it (xlsx/xlsb); {} for other formats or when unreadable."""
    if kind not in (FileKind.XLSX, FileKind.XLSB):
        return {}
    try:
        with open_zip(data) as zf:
            return xlsx_parts(zf) if kind is FileKind.XLSX else xlsb_parts(zf)
    except (zipfile.BadZipFile, OSError, ValueError):
        return {}


def _visibility(value: python_calamine.SheetVisibleEnum) -> Visibility:
    # (the enum's members are not hashable: compared one by one)
    if value == python_calamine.SheetVisibleEnum.Hidden:
        return "hidden"
    if value == python_calamine.SheetVisibleEnum.VeryHidden:
        return "veryhidden"
    return "visible"


def _kind(value: python_calamine.SheetTypeEnum) -> SheetKind:
    if value == python_calamine.SheetTypeEnum.ChartSheet:
        return "chart"
    if value == python_calamine.SheetTypeEnum.DialogSheet:
        return "dialog"
    if value in (python_calamine.SheetTypeEnum.MacroSheet, python_calamine.SheetTypeEnum.Vba):
        return "macro"
    return "worksheet"


def sheet_metadata(data: Source, kind: FileKind, path: Path) -> dict[str, SheetInfo]:
    """Name, visibility and kind of every sheet of an xlsx/xlsb/xls, from python-calamine;
    {} for an ods, or when it cannot tell (:meth:`Workbook.info` then loads the sheet).

    An xlsx/xlsb is listed from its workbook part alone (:func:`.ooxml.workbook_only`):
    no sheet, nor the shared strings, is parsed. An xls is parsed whole, as well as by
    fastexcel (+0.07 s of CPU for 10 MB). Not an ods: calamine would parse every sheet
    again (+0.35 s for 120,000 rows), while fastexcel, which already has, tells a
    sheet's visibility by loading it (~2 ms); and ods has no chart sheets.
    """
    if kind not in (FileKind.XLSX, FileKind.XLSB, FileKind.XLS):
        return {}
    try:
        if kind is FileKind.XLS:
            raw = data if isinstance(data, bytes) else path.read_bytes()
        else:
            with open_zip(data) as zf:
                raw = workbook_only(zf, xlsb=kind is FileKind.XLSB)
        with python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(raw)) as book:
            return {m.name: SheetInfo(m.name, _visibility(m.visible), _kind(m.typ)) for m in book.sheets_metadata}
    except (python_calamine.CalamineError, KeyError, zipfile.BadZipFile, OSError, EOFError, ValueError, zlib.error):
        return {}


class Workbook:
    """An open workbook: lists its sheets and loads one as a text grid.

    Sheets loaded while discovering visibility (ods, where only loading tells
    it) are kept for the lifetime of this object, so no sheet is parsed twice
    during one read.
    """

    def __init__(self, data: Source, kind: FileKind, path: Path, display: str) -> None:
        self.kind = kind
        self.display = display
        self._data = data
        #: zip parts already inflated by the bomb guard (zipguard) and found sound
        self._guarded: set[str] = set()
        self._ods: OdsScan | None = None
        #: every error / formula-without-value cell of a sheet, once scanned whole
        self._marks: dict[str, list[tuple[int, int, str]]] = {}
        # calamine parses the shared strings, styles and workbook parts when it opens
        # the file (and every sheet of an ods): count what they really inflate to first.
        self._guard_package()
        self._path = path
        # Before fastexcel's open: python-calamine parses a whole xls too, and has freed it
        # by then (peak RSS of a 10 MB xls: +1 MB this way, +32 MB the other way round).
        metas = sheet_metadata(data, kind, path)
        self._reader = open_reader(data, kind, path, display)
        #: speculative reads of which cells hold numbers, started beside a big sheet's text read
        self._numbers: dict[str, concurrent.futures.Future[pl.DataFrame]] = {}
        self._names: list[str] = list(self._reader.sheet_names)
        self._loaded: dict[str, tuple[Grid, Visibility]] = {}
        names = set(self._names)
        self._meta: dict[str, SheetInfo] = metas if set(metas) == names else {}
        parts = package_parts(data, kind)
        self._parts: dict[str, str | None] = parts if set(parts) == names else {}
        #: the scientific cell formats of an xlsx/xlsm, read on first use (None: not yet)
        self._scientific_styles: frozenset[int] | None = None

    def _guard_package(self) -> None:
        if self.kind is FileKind.XLS and isinstance(self._data, bytes):
            # calamine loops until the process aborts on a compound file whose chains loop.
            problem = cfbguard.structure_problem(self._data)
            if problem is not None:
                raise InputFileError(self.display, _damaged("", problem))
        if self.kind not in (FileKind.XLSX, FileKind.XLSB, FileKind.ODS):
            return
        try:
            zipguard.check_package(self._data, self.kind)
            if self.kind is FileKind.ODS:
                self._ods = scan_ods(self._data)
        except (zipguard.Refused, zipguard.Damaged) as exc:
            raise guard_error(exc, self.display) from exc
        except (KeyError, zipfile.BadZipFile, OSError, EOFError):
            pass  # a missing content.xml or a broken directory: calamine says what is wrong

    def _guard_sheet(self, name: str) -> None:
        """Inflate the sheet's part once, counting, before calamine loads it (xlsx/xlsb)."""
        if self.kind not in (FileKind.XLSX, FileKind.XLSB):
            return
        part = self.part_of(name)
        key = part or "*"
        if key in self._guarded:
            return
        xlsb = self.kind is FileKind.XLSB
        try:
            if part is None:
                # The workbook part does not say which part holds the sheet: check them all.
                zipguard.check_all_sheet_parts(self._data, xlsb=xlsb)
            else:
                zipguard.check_sheet_part(self._data, part, xlsb=xlsb)
        except (zipguard.Refused, zipguard.Damaged) as exc:
            raise guard_error(exc, self.display, sheet=name) from exc
        except (KeyError, zipfile.BadZipFile, OSError, EOFError):
            pass  # calamine reports the missing part
        self._guarded.add(key)

    @property
    def names(self) -> list[str]:
        """All sheet names in workbook order."""
        return list(self._names)

    def part_of(self, name: str) -> str | None:
        """Zip member holding sheet ``name`` (xlsx/xlsb), for the cell-error scan."""
        return self._parts.get(name)

    def info(self, name: str) -> SheetInfo:
        """Visibility and kind of one sheet (loads it for ods, or when python-calamine could not tell)."""
        meta = self._meta.get(name)
        if meta is not None:
            return meta
        try:
            _, visibility = self._load(name)
        except InputFileError:
            # A sheet calamine cannot parse as a worksheet (an xlsb chart
            # sheet fails this way) is not offered for reading.
            return SheetInfo(name, "visible", "chart")
        return SheetInfo(name, visibility, "worksheet")

    def infos(self) -> list[SheetInfo]:
        """Every sheet, in order."""
        return [self.info(n) for n in self._names]

    def _load(self, name: str) -> tuple[Grid, Visibility]:
        cached = self._loaded.get(name)
        if cached is not None:
            return cached
        self._guard_sheet(name)
        self._check_extent(name)
        self._start_number_read(name)
        try:
            sheet = self._reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="string")
            frame = pl.DataFrame(sheet)
            letters = tuple(column_letter(c.absolute_index) for c in sheet.available_columns())
            visibility: Visibility = sheet.visible
        except (fastexcel.FastExcelError, OSError, ValueError) as exc:
            raise calamine_error(exc, self.display, sheet=name) from exc
        raw: dict[str, pl.Series] = {}
        if self.kind is FileKind.XLS:
            # calamine decodes some BIFF strings with embedded NULs; xls
            # sheets are at most 65,536 rows, so cleaning every cell is cheap.
            # (The code column's go back to validation: see Grid.raw.)
            frame, raw = split_controls(frame)
            raw = {letters[frame.columns.index(col)]: values for col, values in raw.items()}
        frame = frame.rename(dict(zip(frame.columns, letters, strict=True)))
        if frame.height <= FULL_ERROR_SCAN_ROWS and self._may_hide_errors(name, frame):
            frame = self._patch_all_errors(name, frame)
        grid = Grid(frame=frame, first_row=1, letters=letters, sheet=name, raw=raw,
                    scientific=self._scientific(name, frame.height))
        self._loaded[name] = (grid, visibility)
        return grid, visibility

    def _scientific(self, name: str, height: int) -> dict[str, pl.Series]:
        """Column letter -> which grid rows are number cells with a scientific number format
        (see :mod:`.numformat`); {} for other formats, or a workbook without such a format."""
        part = self.part_of(name)
        if self.kind is not FileKind.XLSX or part is None or height == 0:
            return {}
        if self._scientific_styles is None:
            self._scientific_styles = scientific_styles(self._data)
        if not self._scientific_styles:
            return {}
        try:
            cells = scientific_cells(self._data, part, self._scientific_styles)
        except (KeyError, zipfile.BadZipFile, OSError, EOFError, zlib.error, zipguard.Refused, zipguard.Damaged):
            return {}  # calamine has read the sheet; the General half of rule 11 still applies
        out: dict[str, pl.Series] = {}
        for letter, rows in cells.items():
            inside = [r - 1 for r in rows if 0 < r <= height]  # grid row i is sheet row i + 1
            if inside:
                out[letter] = pl.repeat(False, height, dtype=pl.Boolean, eager=True).scatter(inside, True)
        return out

    def _start_number_read(self, name: str) -> None:
        """For a big xlsx/xlsb sheet, read which cells are numbers on a second reader, in a thread,
        while the text read runs: calamine releases the GIL, so on two cores both take the time
        of one. Measured on the 1M-row reading benchmark: read + validate 5.7 s with the number
        read after the text read, 3.6 s beside it (polars.read_excel alone: 2.7 s)."""
        part = self.part_of(name)
        if part is None or self.kind not in (FileKind.XLSX, FileKind.XLSB) or name in self._numbers:
            return
        try:
            with zipfile.ZipFile(self._data if isinstance(self._data, Path) else io.BytesIO(self._data)) as zf:
                size = zf.getinfo(part).file_size
        except (KeyError, zipfile.BadZipFile, OSError):
            return
        if size < PARALLEL_NUMBER_READ_BYTES:
            return  # small: read on demand, if a code's length ever makes the difference

        def read() -> pl.DataFrame:
            reader = open_reader(self._data, self.kind, self._path, self.display)
            sheet = reader.load_sheet(name, header_row=None, skip_rows=0, dtypes="boolean")
            frame = pl.DataFrame(sheet)
            letters = [column_letter(c.absolute_index) for c in sheet.available_columns()]
            return frame.rename(dict(zip(frame.columns, letters, strict=True)))

        pool = concurrent.futures.ThreadPoolExecutor(max_workers=1, thread_name_prefix="number-cells")
        self._numbers[name] = pool.submit(read)
        pool.shutdown(wait=False)

    def number_cells(self, name: str, letter: str) -> pl.Series | None:
        """Which cells of column ``letter`` of sheet ``name`` hold a number (True) rather than text
        or nothing (False), one per row of the loaded grid; None when the reader cannot tell.

        fastexcel reads every cell as text for the grid, so ``123456784`` typed as a number and
        as text look alike there; read as booleans, number cells come back true/false and text
        null. Only asked when a code's length makes the difference (see sheets.__init__).
        """
        index = letter_index(letter)
        if index is None or self.kind is FileKind.CSV:
            return None
        pending = self._numbers.get(name)
        if pending is not None:
            try:
                frame = pending.result()
                if letter in frame.columns:
                    return frame.get_column(letter).is_not_null().rename(letter)
            except Exception:
                log.debug("speculative number read of %s failed", name, exc_info=True)
        try:
            sheet = self._reader.load_sheet(name, header_row=None, skip_rows=0, use_columns=[index],
                                            dtypes={index: "boolean"})
            column = pl.DataFrame(sheet).to_series()
        except (fastexcel.FastExcelError, OSError, ValueError, pl.exceptions.PolarsError):
            return None
        return column.is_not_null().rename(letter)

    def _check_extent(self, name: str) -> None:
        part = self.part_of(name)
        if part is None or self.kind not in (FileKind.XLSX, FileKind.XLSB):
            return
        extent = oversized_extent(self._data, part, xlsb=self.kind is FileKind.XLSB)
        if extent is not None:
            rows, cols = extent
            raise InputFileError(self.display, phrase(QT_TRANSLATE_NOOP(
                "Engine", 'refused: sheet "{sheet}" spans {rows} rows x {columns} columns '
                "({cells} cells), more than this tool can hold in memory. "
                "Delete stray cells far from the table (Ctrl+End shows the last one), "
                "or copy the table to a new workbook"),
                sheet=name, rows=f"{rows:,}", columns=f"{cols:,}", cells=f"{rows * cols:,}"))

    def _may_hide_errors(self, name: str, frame: pl.DataFrame) -> bool:
        """Whether the sheet may hold error cells the text read lost."""
        if self.kind is FileKind.ODS:
            return bool(self._ods and self._ods.errors.get(name))  # known from the guard's scan
        return any(frame[c].null_count() for c in frame.columns)

    def error_cells(self, name: str, column: int | None = None) -> list[tuple[int, int, str]]:
        """Cells of sheet ``name`` the text read left blank, as (sheet row, column index, text).

        ``text`` is the error literal ("#N/A", "Err:502") or, for xlsx/xlsm,
        :data:`~.cellerrors.FORMULA_WITHOUT_VALUE`. [] when not recoverable:
        supported for xlsx/xlsm (sheet XML) and ods (the guard's scan of
        content.xml); xls and xlsb error cells stay empty.
        """
        whole = self._marks.get(name)
        if whole is not None:
            return whole if column is None else [m for m in whole if m[1] == column]
        if self.kind is FileKind.ODS:
            found = self._ods.errors.get(name, []) if self._ods else []
            return found if column is None else [m for m in found if m[1] == column]
        part = self.part_of(name)
        if self.kind is not FileKind.XLSX or part is None:
            return []
        try:
            found = xlsx_error_cells(self._data, part, column=column)
        except (KeyError, zipfile.BadZipFile, OSError, EOFError, zlib.error):
            return []
        if column is None:
            self._marks[name] = found
        return found

    def _patch_all_errors(self, name: str, frame: pl.DataFrame) -> pl.DataFrame:
        """Put the error literals back into the blank cells (frame row i = sheet row i + 1).

        Formula cells without a value are left blank here: only the code
        column gets that marker (see :func:`.table.build_table`), other columns
        stay as the spreadsheet would show them before recalculating.
        """
        by_letter: dict[str, tuple[list[int], list[str]]] = {}
        for row, col, text in self.error_cells(name):
            if text == FORMULA_WITHOUT_VALUE:
                continue
            letter = column_letter(col)
            if letter in frame.columns and 0 < row <= frame.height:
                idx, vals = by_letter.setdefault(letter, ([], []))
                idx.append(row - 1)
                vals.append(text)
        if not by_letter:
            return frame
        fillers = [
            fill_blanks(
                pl.col(letter),
                pl.repeat(None, frame.height, dtype=pl.String, eager=True).scatter(idx, vals),
            ).alias(letter)
            for letter, (idx, vals) in by_letter.items()
        ]
        return frame.with_columns(fillers)

    def load(self, name: str) -> Grid:
        """The grid of sheet ``name``."""
        return self._load(name)[0]

    def resolve_name(self, wanted: str) -> str:
        """The sheet called ``wanted`` (exact, else case/space-insensitive); SettingsError if none."""
        if wanted in self._names:
            return wanted
        folded = [n for n in self._names if n.strip().casefold() == wanted.strip().casefold()]
        if len(folded) == 1:
            return folded[0]
        listing = joined([phrase(QT_TRANSLATE_NOOP("Engine", '"{sheet}"'), sheet=n) for n in self._names], COMMA)
        raise SettingsError(phrase(QT_TRANSLATE_NOOP(
            "Engine", '{path}: no sheet named "{sheet}"; the sheets are: {sheets}'),
            path=self.display, sheet=wanted, sheets=listing))

    def choose(self, wanted: str | None) -> Grid:
        """The named sheet, or the first visible worksheet with data."""
        if wanted is not None:
            return self.load(self.resolve_name(wanted))
        skipped: list[Phrase] = []
        for name in self._names:
            info = self.info(name)
            if not info.pickable:
                what = info.kind if info.kind != "worksheet" else info.visibility
                skipped.append(phrase(_SKIPPED[what], sheet=name))
                continue
            grid = self.load(name)
            if has_cells(grid.frame):
                return grid
            skipped.append(phrase(_SKIPPED["empty"], sheet=name))
        detail = joined(skipped) if skipped else phrase(QT_TRANSLATE_NOOP("Engine", "the workbook has no sheets"))
        raise InputFileError(self.display, phrase(QT_TRANSLATE_NOOP(
            "Engine", "no data: no visible worksheet holds any cell ({detail}). "
            "Name a hidden sheet with --sheet if the codes are there"), detail=detail))


#: why a sheet was passed over when choosing one, by its kind or visibility
_SKIPPED: dict[str, str] = {
    "hidden": QT_TRANSLATE_NOOP("Engine", '"{sheet}" (hidden)'),
    "veryhidden": QT_TRANSLATE_NOOP("Engine", '"{sheet}" (veryhidden)'),
    "chart": QT_TRANSLATE_NOOP("Engine", '"{sheet}" (chart)'),
    "dialog": QT_TRANSLATE_NOOP("Engine", '"{sheet}" (dialog)'),
    "macro": QT_TRANSLATE_NOOP("Engine", '"{sheet}" (macro)'),
    "empty": QT_TRANSLATE_NOOP("Engine", '"{sheet}" (empty)'),
}


def fill_blanks(column: pl.Expr, filler: pl.Series) -> pl.Expr:
    """``column`` with ``filler``'s values where the cell is blank (null, or "" as calamine
    reads an ods error cell); real text is never overwritten."""
    blank = column.is_null() | (column == "")
    return pl.when(blank & pl.lit(filler).is_not_null()).then(pl.lit(filler)).otherwise(column)


def has_cells(frame: pl.DataFrame) -> bool:
    """True when any cell is non-null (null_count is O(1) in polars)."""
    return frame.height > 0 and any(
        frame[c].null_count() < frame.height for c in frame.columns
    )
