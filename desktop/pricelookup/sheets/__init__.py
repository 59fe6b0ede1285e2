"""Reading input spreadsheets: any of xlsx, xlsm, xls, xlsb, ods, csv/tsv/txt into an all-text table.

``read_table`` is the only entry point the rest of the application needs. It
sniffs the file's signature, parses it (zip workbooks from the path, other
kinds from bytes read once), hashes it on a second thread meanwhile, and
returns every data row with its sheet row number, every cell as the text
the spreadsheet shows, and the column that holds the product codes.

Modules, one job each:

* :mod:`.detect` — what the bytes are (signatures, encryption, zip bombs);
* :mod:`.csvfile` — delimited text: encoding, delimiter, quotes;
* :mod:`.workbook` — workbooks via fastexcel/calamine, sheet choice (which
  sheet is hidden or a chart: python-calamine's sheets_metadata);
* :mod:`.ooxml` — the zip member holding each xlsx/xlsb sheet;
* :mod:`.header` — header row detection and column names;
* :mod:`.codecolumn` — which column holds the codes;
* :mod:`.cellerrors` — error cells (#N/A) and formulas without a saved value,
  which the text read loses;
* :mod:`.numformat` — which number cells have a scientific number format
  (xlsx/xlsm), whose digits may be what a 2.53E+11 display left of them;
* :mod:`.table` — assembling the data rows (blank rows, row numbers);
* :mod:`.cfbguard` — xls compound files whose sector chains loop;
* :mod:`.limits` — sheet extents; :mod:`.zipguard` — what zip parts really
  inflate to (decompression bombs); :mod:`.odsscan` — ods repeat bombs and
  error cells.

Hostile and damaged files (see :func:`reader_boundary`): whatever a library
raises on a file (zlib.error, KeyError, a calamine panic...) becomes an
InputFileError naming the file; the bombs calamine cannot survive are refused
before it starts (:mod:`.zipguard`, :mod:`.odsscan`, :func:`.cfbguard.structure_problem`).

Known limits (measured on the shared test files):

* Error cells (#N/A...) come back as their literal in xlsx/xlsm and ods
  ("Err:502" for LibreOffice's own codes). In xls and xlsb they read as empty. For
  sheets over 100,000 rows only the code column is restored (scanning costs
  one inflate of the sheet XML, paid only when the code column has empty cells).
* A formula without a saved value (openpyxl writes them) reads as
  :data:`.cellerrors.FORMULA_WITHOUT_VALUE` in the code column of an xlsx/xlsm,
  and as empty elsewhere and in other formats.
* Chart sheets are recognised in xlsx, xlsb and xls; ods has none as such.
* A sheet spanning more than 40M cells is refused before calamine would
  allocate it (it aborts the process otherwise, e.g. A1 + XFD1048576); a
  workbook part inflating past 1 GiB, or an ods / a large xlsx sheet holding
  more than 20M cells (repeats multiplied out), is refused too. Checking costs
  one inflate of the sheet before calamine's own (~0.3 s for 1M rows x 4
  columns) and, for ods, a scan of content.xml (~2 s for 1M rows).
  Not guarded: an xlsx whose cells have no ``r`` attribute and whose rows are
  very wide (calamine places such cells one after another).
* CSV row numbers count records: a quoted field spanning two lines is one row,
  as Excel shows it. A CSV is read leniently (an unclosed quote is a plain
  character, a longer row keeps every field); when that leaves no code column,
  the error says what is wrong on which lines (:func:`.csvfile.diagnose`).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pricelookup.errors import InputFileError, PriceLookupError, SettingsError
from pricelookup.phrasing import QT_TRANSLATE_NOOP, Phrase, phrase
from pricelookup.sheets.csvfile import decimal_comma_split, diagnose, read_csv_grid
from pricelookup.sheets.detect import FileKind, Sniffed, Verdict, is_zip, sniff_bytes, sniff_zip
from pricelookup.sheets.grid import CONTROL_PATTERN, Grid, column_letter
from pricelookup.sheets.ooxml import Source
from pricelookup.sheets.table import ErrorScan, Table, build_table
from pricelookup.sheets.workbook import FULL_ERROR_SCAN_ROWS, PROTECTED_MESSAGE, SheetInfo, Workbook

__all__ = ["SheetInfo", "SheetTable", "list_sheets", "read_table"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class SheetTable:
    """One sheet's data rows, all text, with where each row sits in the sheet."""

    path: Path
    sheet: str  # worksheet name; for CSV/TSV/TXT the file name
    header_row: int | None  # 1-based sheet row of the header; None: no header (columns named A, B, C...)
    frame: pl.DataFrame  # all columns pl.String, header names (disambiguated "col", "col_2"...), in order
    row_numbers: pl.Series  # Int64, 1-based sheet row of each frame row
    code_column: str  # name in ``frame`` of the column holding the codes
    code_column_reason: str  # why that column was chosen, for the analyst (English)
    sha256: str  # hash of the input file bytes
    sheets: tuple[str, ...]  # all worksheet names (for the GUI's picker)
    # Boolean per frame row: the code cell held a number, not text (its leading zeros
    # may have been dropped; see pricelookup.gtin). None: no such cell, or a CSV.
    numeric_codes: pl.Series | None = None
    # code_column_reason as a template and its values, for the window to translate; None when the
    # table did not come from the reader (the Snipcart import, a table rebuilt from the journal)
    code_column_why: Phrase | None = None
    # Boolean per frame row: the code cell was a number with a scientific number format (its
    # digits may be rounded; gtin's rule 11). None: no such cell, or a format that does not keep it.
    scientific_codes: pl.Series | None = None
    # the code column holds ISBN-10s (gtin's "ISBN-10"; the reason says so)
    isbn10: bool = False


HEAD_BYTES = 64 * 1024


def _read_file(path: Path, display: str, limit: int = -1) -> bytes:
    """The file's bytes (the first ``limit`` only, when given), with an analyst's message on failure."""
    try:
        with path.open("rb") as fh:
            return fh.read(limit)
    except FileNotFoundError:
        raise InputFileError(display, phrase(QT_TRANSLATE_NOOP(
            "Engine", "file not found; check the name and folder"))) from None
    except IsADirectoryError:
        raise InputFileError(display, phrase(QT_TRANSLATE_NOOP(
            "Engine", "this is a folder, not a spreadsheet file"))) from None
    except PermissionError:
        raise InputFileError(display, phrase(QT_TRANSLATE_NOOP(
            "Engine", "cannot open the file (permission denied, or locked by another program)"
        ))) from None
    except OSError as exc:
        # the system's own words for the problem stay as they are (English, or the OS's language)
        raise InputFileError(display, phrase(QT_TRANSLATE_NOOP("Engine", "cannot read the file ({problem})"),
                                             problem=exc.strerror or str(exc))) from None


def _read_bytes(path: Path, display: str) -> bytes:
    return _read_file(path, display)


def _read_head(path: Path, display: str) -> bytes:
    return _read_file(path, display, HEAD_BYTES)


def _load_source(path: Path, display: str) -> tuple[Source, FileKind]:
    """The file as something the parsers can read, and its kind (raises for unreadable files).

    Zip containers (xlsx, xlsm, xlsb, ods) are sniffed from their directory and
    parsed from the path, so a 35 MB workbook is not first read into memory
    here; every other kind is read whole (CSV and xls need the bytes anyway).
    """
    head = _read_head(path, display)
    if is_zip(head):
        return path, _verdict(sniff_zip(path), display)
    data = _read_bytes(path, display)
    return data, _verdict(sniff_bytes(data, path.suffix.lower()), display)


def _verdict(sniffed: Sniffed, display: str) -> FileKind:
    if sniffed.kind is not None:
        return sniffed.kind
    if sniffed.verdict is Verdict.EMPTY:
        raise InputFileError(display, phrase(QT_TRANSLATE_NOOP("Engine", "no data: the file is empty")))
    if sniffed.verdict is Verdict.PROTECTED:
        raise InputFileError(display, PROTECTED_MESSAGE)
    if sniffed.verdict is Verdict.TOO_LARGE:
        raise InputFileError(display, phrase(QT_TRANSLATE_NOOP("Engine", "refused: {detail}"),
                                             detail=sniffed.why or ""))
    raise InputFileError(display, phrase(QT_TRANSLATE_NOOP(
        "Engine", "not a valid spreadsheet: {detail}. Open it in Excel or LibreOffice and save it as .xlsx or .csv"),
        detail=sniffed.why or ""))


def _sha256(source: Source) -> str:
    if isinstance(source, bytes):
        return hashlib.sha256(source).hexdigest()
    with source.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def read_table(path: str | Path, *, sheet: str | None = None, column: str | None = None) -> SheetTable:
    """Read the data rows of a spreadsheet and find its code column.

    ``sheet``: a worksheet name (default: the first visible worksheet with
    data; for CSV only the file name is accepted). ``column``: the code
    column by header name or sheet letter (default: detected by header name
    and content). Raises :class:`InputFileError` when the file cannot be read
    and :class:`SettingsError` for an unknown sheet or column.
    """
    p = Path(path)
    display = str(path)
    with reader_boundary(display):
        source, kind = _load_source(p, display)
        # hashlib releases the GIL, and so does calamine while parsing: hashing on
        # the other core costs nothing on the wall clock.
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256") as pool:
            digest = pool.submit(_sha256, source)
            table, grid, sheets, numeric = _read(source, kind, p, display, sheet=sheet, column=column)
            sha256 = digest.result()
        return SheetTable(
            path=p,
            sheet=grid.sheet,
            header_row=table.header_row,
            frame=table.frame,
            row_numbers=table.row_numbers,
            code_column=table.code.name,
            code_column_reason=table.code.reason,
            sha256=sha256,
            sheets=sheets,
            numeric_codes=numeric,
            code_column_why=table.code.why,
            scientific_codes=_scientific_codes(table, grid),
            isbn10=table.code.isbn10,
        )


def _read(
    source: Source, kind: FileKind, p: Path, display: str, *, sheet: str | None, column: str | None
) -> tuple[Table, Grid, tuple[str, ...], pl.Series | None]:
    """Parse and assemble; returns the table, the grid it comes from, all sheet names and the number
    code cells."""
    scan: ErrorScan | None = None
    workbook: Workbook | None = None
    if kind is FileKind.CSV:
        if sheet is not None and sheet not in (p.name, p.stem):
            raise SettingsError(phrase(QT_TRANSLATE_NOOP("Engine", '{path}: a {kind} file has no sheet "{sheet}"'),
                                       path=display, kind=p.suffix or phrase(QT_TRANSLATE_NOOP("Engine", "text")),
                                       sheet=sheet))
        assert isinstance(source, bytes)  # _load_source reads text files whole
        csv = read_csv_grid(source)
        letters = tuple(column_letter(i) for i in range(csv.frame.width))
        by_letter = dict(zip(csv.frame.columns, letters, strict=True))
        frame = csv.frame.rename(by_letter)
        raw = {by_letter[name]: values for name, values in csv.raw.items()}
        grid = Grid(frame=frame, first_row=1, letters=letters, sheet=p.name, raw=raw)
        sheets: tuple[str, ...] = (p.name,)
        where: Phrase = phrase(QT_TRANSLATE_NOOP("Engine", "file {name}"), name=p.name)
    else:
        workbook = Workbook(source, kind, p, display)
        grid = workbook.choose(sheet)
        sheets = tuple(workbook.names)
        where = phrase(QT_TRANSLATE_NOOP("Engine", 'sheet "{sheet}"'), sheet=grid.sheet)
        if grid.frame.height > FULL_ERROR_SCAN_ROWS or kind in (FileKind.XLSX, FileKind.ODS):
            # Small sheets had every error cell restored on load; for big ones
            # only the code column is scanned, and only if it has blank cells.
            # xlsx code columns are also where formulas without a saved value
            # are reported (from the load's scan when there was one), and ods
            # error cells come from the guard's scan at no cost.
            chosen = grid.sheet

            def scan(col: int) -> list[tuple[int, int, str]]:
                return workbook.error_cells(chosen, column=col)

    if kind is FileKind.CSV:
        assert isinstance(source, bytes)
        table = _build_csv_table(source, grid, csv.delimiter, column=column, where=where, display=display)
    else:
        table = build_table(grid, column=column, where=where, display=display, scan_errors=scan)
    table = _with_raw_codes(table, grid)
    numeric = _numeric_codes(table, grid, workbook) if workbook is not None else None
    return table, grid, sheets, numeric


def _build_csv_table(
    raw: bytes, grid: Grid, delimiter: str, *, column: str | None, where: Phrase, display: str
) -> Table:
    """:func:`build_table` for a delimited file, saying what is wrong with the file when
    that is why its table cannot be understood (see :func:`.csvfile.diagnose`)."""
    try:
        table = build_table(grid, column=column, where=where, display=display)
    except SettingsError as exc:
        problem = diagnose(raw) if column is None else None
        if problem is None:
            raise
        # what diagnose() found on which lines stays in English: it quotes the file's own text
        raise InputFileError(display, phrase(QT_TRANSLATE_NOOP(
            "Engine", "cannot tell which column holds the product codes, and {problem}. "
            "Correct the file and save it again (or name the code column with --column)"), problem=problem)) from exc
    split = decimal_comma_split(table.frame, table.letters, table.row_numbers, delimiter)
    if split is not None:
        raise InputFileError(display, split)
    return table


def _code_letter(table: Table) -> str:
    return table.letters[table.frame.columns.index(table.code.name)]


def _with_raw_codes(table: Table, grid: Grid) -> Table:
    """The code column with the control characters the reader removed put back.

    Validation removes them from codes itself and notes it on the row
    ("control characters removed"), the same for every format.
    """
    raw = grid.raw.get(_code_letter(table))
    if raw is None or raw.len() != grid.frame.height:
        return table
    name = table.code.name
    read = pl.col(name)
    was = pl.lit(raw.gather(table.row_numbers - grid.first_row))
    # only where the two differ by the control characters alone (never by error literals...)
    same = was.str.replace_all(CONTROL_PATTERN, "") == read
    codes = pl.when(same.fill_null(False)).then(was).otherwise(read).alias(name)
    return dataclasses.replace(table, frame=table.frame.with_columns(codes))


def _numeric_codes(table: Table, grid: Grid, workbook: Workbook) -> pl.Series | None:
    """Which code cells were numbers (see :attr:`SheetTable.numeric_codes`), or None.

    Only asked of the workbook when a code of 7 to 12 digits could be either:
    for the others a number and a text give the same verdict.
    """
    codes = table.frame.get_column(table.code.name)
    lengths = codes.str.len_bytes()
    maybe = codes.filter(lengths.is_between(7, 12))
    if maybe.len() == 0 or not maybe.str.contains(r"^[0-9]+$").any():
        return None
    cells = workbook.number_cells(grid.sheet, _code_letter(table))
    if cells is None or cells.len() != grid.frame.height:
        return None
    return cells.gather(table.row_numbers - grid.first_row).rename(table.code.name)


def _scientific_codes(table: Table, grid: Grid) -> pl.Series | None:
    """Which code cells were numbers with a scientific number format (see
    :attr:`SheetTable.scientific_codes`), or None."""
    cells = grid.scientific.get(_code_letter(table))
    if cells is None or cells.len() != grid.frame.height:
        return None
    return cells.gather(table.row_numbers - grid.first_row).rename(table.code.name)


def list_sheets(path: str | Path) -> list[SheetInfo]:
    """Every sheet of a workbook with its visibility and kind (a CSV is one visible "sheet").

    For xlsx/xlsm/xlsb this reads only the workbook part, and an xls is parsed
    whole (python-calamine); for an ods each sheet is loaded.
    """
    p = Path(path)
    display = str(path)
    with reader_boundary(display):
        source, kind = _load_source(p, display)
        if kind is FileKind.CSV:
            return [SheetInfo(p.name, "visible", "worksheet")]
        return Workbook(source, kind, p, display).infos()


#: what a library raises on a file it cannot parse, for the analyst (anything else is
#: reported by its type name)
_DAMAGE_WORDS = {
    "error": QT_TRANSLATE_NOOP("Engine", "damaged compressed data"),  # zlib.error
    "BadZipFile": QT_TRANSLATE_NOOP("Engine", "a damaged zip container"),
    "UnicodeDecodeError": QT_TRANSLATE_NOOP("Engine", "text that is not valid in its encoding"),
    "ParseError": QT_TRANSLATE_NOOP("Engine", "XML that cannot be parsed"),
}


#: exceptions that point at our code rather than at the file
_BUG_TYPES = (NameError, AttributeError, TypeError, AssertionError, ImportError)


@contextmanager
def reader_boundary(display: str) -> Iterator[None]:
    """Turn anything a format library raises into an :class:`InputFileError` naming the file.

    calamine, fastexcel, zipfile, zlib, struct, the XML parsers and our own
    scanners raise whatever they raise on a damaged file (zlib.error, KeyError,
    IndexError, OverflowError, RecursionError, pyo3's PanicException, which is
    a BaseException...). The analyst gets one line saying the file is damaged
    and what to do; the original exception goes to the log (at INFO, with its
    traceback: the GUI's log file keeps it, the CLI shows it with --verbose).
    Our own errors (InputFileError, SettingsError) pass through unchanged, and
    so do KeyboardInterrupt and SystemExit.
    """
    try:
        yield
    except PriceLookupError:
        raise
    except (KeyboardInterrupt, SystemExit, GeneratorExit):
        raise
    except MemoryError as exc:
        log.info("%s: out of memory while reading", display, exc_info=True)
        raise InputFileError(display, phrase(QT_TRANSLATE_NOOP(
            "Engine", "refused: reading it needs more memory than this computer has free "
            "(a very large table, or a crafted file). Split the table into smaller files"))) from exc
    except BaseException as exc:
        kind = type(exc).__name__
        log.info("%s: unreadable (%s: %s)", display, kind, exc, exc_info=True)
        known = _DAMAGE_WORDS.get(kind)
        what = phrase(known) if known else phrase(QT_TRANSLATE_NOOP("Engine", "the reader failed with {kind}"),
                                                  kind=kind)
        if isinstance(exc, _BUG_TYPES):
            # Not something a damaged file makes a library raise: say so, so it gets reported.
            what = phrase(QT_TRANSLATE_NOOP(
                "Engine", "{what}; if the file opens in Excel this is a bug in Price Lookup, please report it"),
                what=what)
        raise InputFileError(display, phrase(QT_TRANSLATE_NOOP(
            "Engine", "not a valid spreadsheet: it is damaged or truncated ({what}); "
            "open it in Excel or LibreOffice and save it again"), what=what)) from exc
