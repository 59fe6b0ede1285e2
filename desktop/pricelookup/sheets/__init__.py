"""Reading input spreadsheets: any of xlsx, xlsm, xls, xlsb, ods, csv/tsv/txt into an all-text table.

``read_table`` is the only entry point the rest of the application needs. It
sniffs the file's signature, parses it (zip workbooks from the path, other
kinds from bytes read once), hashes it on a second thread meanwhile, and
returns every data row with its sheet row number, every cell as the text
the spreadsheet shows, and the column that holds the product codes.

Modules, one job each:

* :mod:`.detect` — what the bytes are (signatures, encryption, zip bombs);
* :mod:`.csvfile` — delimited text: encoding, delimiter, quotes;
* :mod:`.workbook` — workbooks via fastexcel/calamine, sheet choice;
* :mod:`.ooxml` — xlsx/xlsb sheet metadata without loading sheets;
* :mod:`.header` — header row detection and column names;
* :mod:`.codecolumn` — which column holds the codes;
* :mod:`.cellerrors` — error cells (#N/A) that the text read loses;
* :mod:`.table` — assembling the data rows (blank rows, row numbers);
* :mod:`.biff` — xls sheet kinds and error cells; :mod:`.limits` — memory guards.

Known limits (measured on the shared test files):

* Error cells (#N/A...) come back as their literal in xlsx/xlsm and xls. In
  xlsb they read as empty, in ods as "" (calamine). For sheets over 100,000
  rows only the code column is restored (scanning costs one inflate of the
  sheet XML, paid only when the code column has empty cells).
* Chart sheets are recognised in xlsx, xlsb and xls; ods has none as such.
* A sheet spanning more than 40M cells is refused before calamine would
  allocate it (it aborts the process otherwise, e.g. A1 + XFD1048576).
* CSV row numbers count records: a quoted field spanning two lines is one row,
  as Excel shows it.
"""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from pricelookup.errors import InputFileError, SettingsError
from pricelookup.sheets.csvfile import read_grid
from pricelookup.sheets.detect import FileKind, Sniffed, Verdict, is_zip, sniff_bytes, sniff_zip
from pricelookup.sheets.grid import Grid, column_letter
from pricelookup.sheets.ooxml import Source
from pricelookup.sheets.table import ErrorScan, Table, build_table
from pricelookup.sheets.workbook import FULL_ERROR_SCAN_ROWS, PROTECTED_MESSAGE, SheetInfo, Workbook

__all__ = ["SheetInfo", "SheetTable", "list_sheets", "read_table"]


@dataclass(frozen=True)
class SheetTable:
    """One sheet's data rows, all text, with where each row sits in the sheet."""

    path: Path
    sheet: str  # worksheet name; for CSV/TSV/TXT the file name
    header_row: int | None  # 1-based sheet row of the header; None: no header (columns named A, B, C...)
    frame: pl.DataFrame  # all columns pl.String, header names (disambiguated "col", "col_2"...), in order
    row_numbers: pl.Series  # Int64, 1-based sheet row of each frame row
    code_column: str  # name in ``frame`` of the column holding the codes
    code_column_reason: str  # why that column was chosen, for the analyst
    sha256: str  # hash of the input file bytes
    sheets: tuple[str, ...]  # all worksheet names (for the GUI's picker)


HEAD_BYTES = 64 * 1024


def _read_file(path: Path, display: str, limit: int = -1) -> bytes:
    """The file's bytes (the first ``limit`` only, when given), with an analyst's message on failure."""
    try:
        with path.open("rb") as fh:
            return fh.read(limit)
    except FileNotFoundError:
        raise InputFileError(display, "file not found; check the name and folder") from None
    except IsADirectoryError:
        raise InputFileError(display, "this is a folder, not a spreadsheet file") from None
    except PermissionError:
        raise InputFileError(
            display, "cannot open the file (permission denied, or locked by another program)"
        ) from None
    except OSError as exc:
        raise InputFileError(display, f"cannot read the file ({exc.strerror or exc})") from None


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
        raise InputFileError(display, "no data: the file is empty")
    if sniffed.verdict is Verdict.PROTECTED:
        raise InputFileError(display, PROTECTED_MESSAGE)
    if sniffed.verdict is Verdict.TOO_LARGE:
        raise InputFileError(display, f"refused: {sniffed.detail}")
    raise InputFileError(
        display,
        f"not a valid spreadsheet: {sniffed.detail}. "
        "Open it in Excel or LibreOffice and save it as .xlsx or .csv",
    )


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
    source, kind = _load_source(p, display)
    # hashlib releases the GIL, and so does calamine while parsing: hashing on
    # the other core costs nothing on the wall clock.
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="sha256") as pool:
        digest = pool.submit(_sha256, source)
        table, grid_sheet, sheets = _read(source, kind, p, display, sheet=sheet, column=column)
        return SheetTable(
            path=p,
            sheet=grid_sheet,
            header_row=table.header_row,
            frame=table.frame,
            row_numbers=table.row_numbers,
            code_column=table.code.name,
            code_column_reason=table.code.reason,
            sha256=digest.result(),
            sheets=sheets,
        )


def _read(
    source: Source, kind: FileKind, p: Path, display: str, *, sheet: str | None, column: str | None
) -> tuple[Table, str, tuple[str, ...]]:
    """Parse and assemble; returns the table, the sheet name and all sheet names."""
    scan: ErrorScan | None = None
    if kind is FileKind.CSV:
        if sheet is not None and sheet not in (p.name, p.stem):
            raise SettingsError(f'{display}: a {p.suffix or "text"} file has no sheet "{sheet}"')
        assert isinstance(source, bytes)  # _load_source reads text files whole
        frame, _delimiter, _encoding = read_grid(source)
        letters = tuple(column_letter(i) for i in range(frame.width))
        frame = frame.rename(dict(zip(frame.columns, letters, strict=True)))
        grid = Grid(frame=frame, first_row=1, letters=letters, sheet=p.name)
        sheets: tuple[str, ...] = (p.name,)
        where = f"file {p.name}"
    else:
        workbook = Workbook(source, kind, p, display)
        grid = workbook.choose(sheet)
        sheets = tuple(workbook.names)
        where = f'sheet "{grid.sheet}"'
        if grid.frame.height > FULL_ERROR_SCAN_ROWS:
            # Small sheets had every error cell restored on load; for big
            # ones only the code column is scanned, and only if it has nulls.
            chosen = grid.sheet

            def scan(col: int) -> list[tuple[int, int, str]]:
                return workbook.error_cells(chosen, column=col)

    table = build_table(grid, column=column, where=where, display=display, scan_errors=scan)
    return table, grid.sheet, sheets


def list_sheets(path: str | Path) -> list[SheetInfo]:
    """Every sheet of a workbook with its visibility and kind (a CSV is one visible "sheet").

    For xlsx/xlsm/xlsb this reads only the workbook part; for xls and ods,
    whose visibility calamine reports only after parsing, each sheet is loaded.
    """
    p = Path(path)
    display = str(path)
    source, kind = _load_source(p, display)
    if kind is FileKind.CSV:
        return [SheetInfo(p.name, "visible", "worksheet")]
    return Workbook(source, kind, p, display).infos()
