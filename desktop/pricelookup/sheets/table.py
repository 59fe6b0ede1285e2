"""From a raw text grid to the table of data rows: header, names, code column, blank rows.

Decisions documented here because callers and analysts depend on them:

* Row numbers are sheet rows as Excel shows them (1-based, counting the
  title/blank rows above the header).
* Fully blank rows (every cell empty or whitespace) are *dropped* from the
  frame wherever they are — between blocks of data or at the end — and do
  not stop reading; the remaining rows keep their real sheet row numbers.
  A row whose code cell is blank but which has other content is kept (its
  code is reported "empty").
* Columns with no header text are named by their sheet letter ("J"); such a
  column that is also completely empty is dropped.
* Error cells in the code column read as their literal ("#N/A") when the
  format lets us recover it (see :mod:`cellerrors`); a formula cell without a
  saved value reads as :data:`~.cellerrors.FORMULA_WITHOUT_VALUE` (xlsx/xlsm).
* Control characters are removed on load where they are known to come from
  decoding artefacts (every xls cell; CSV files up to 8 MB or holding a NUL),
  except in the code column: whatever the format, validation removes them
  from a code and says so on the row ("control characters removed").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

from pricelookup.errors import InputFileError
from pricelookup.phrasing import QT_TRANSLATE_NOOP, Phrase, phrase
from pricelookup.sheets.codecolumn import CodeColumn, find_code_column
from pricelookup.sheets.grid import Grid, letter_index
from pricelookup.sheets.header import SAMPLE_ROWS, column_names, detect_header

#: given a 0-based sheet column, return (sheet_row, sheet_col, "#N/A") for the cells the text
#: read left blank: error cells, and formula cells without a saved value
ErrorScan = Callable[[int], list[tuple[int, int, str]]]


@dataclass(frozen=True)
class Table:
    """Data rows with header names, their sheet row numbers, and the code column."""

    frame: pl.DataFrame
    row_numbers: pl.Series
    header_row: int | None
    letters: tuple[str, ...]
    code: CodeColumn


def _blank_expr(name: str) -> pl.Expr:
    col = pl.col(name)
    return col.is_null() | (col.str.strip_chars() == "")


def first_nonblank_row(frame: pl.DataFrame) -> int | None:
    """Index of the first row with any non-blank cell, or None."""
    if frame.width == 0 or frame.height == 0:
        return None
    head = frame.head(SAMPLE_ROWS)
    for i, row in enumerate(head.iter_rows()):
        if any(v is not None and v.strip() for v in row):
            return i
    found = (
        frame.with_row_index("__i")
        .filter(~pl.all_horizontal([_blank_expr(c) for c in frame.columns]))
        .select("__i")
        .head(1)
    )
    return int(found.item()) if found.height else None


def drop_blank_rows(frame: pl.DataFrame, rows: pl.Series, code: str) -> tuple[pl.DataFrame, pl.Series]:
    """Remove rows whose every cell is blank; the code column is checked first (cheap path)."""
    code_blank = frame.select(_blank_expr(code)).to_series()
    if not code_blank.any():
        return frame, rows
    candidates = code_blank.arg_true()
    sub = frame[candidates]
    all_blank = sub.select(pl.all_horizontal([_blank_expr(c) for c in frame.columns])).to_series()
    drop = candidates.filter(all_blank)
    if drop.len() == 0:
        return frame, rows
    keep = ~pl.Series(range(frame.height)).is_in(drop.implode())
    return frame.filter(keep), rows.filter(keep)


def patch_errors(
    frame: pl.DataFrame, code: str, errors: list[tuple[int, int, str]], first_sheet_row: int
) -> pl.DataFrame:
    """Write error literals into null code cells (frame row 0 is sheet row ``first_sheet_row``)."""
    placed = [(r - first_sheet_row, text) for r, _col, text in errors if 0 <= r - first_sheet_row < frame.height]
    if not placed:
        return frame
    filler = pl.repeat(None, frame.height, dtype=pl.String, eager=True).scatter(
        [i for i, _ in placed], [text for _, text in placed]
    )
    # Only cells the reader left blank (null, or "" for an ods error cell) take the
    # literal; real text is never overwritten.
    blank = pl.col(code).is_null() | (pl.col(code) == "")
    return frame.with_columns(
        pl.when(blank & pl.lit(filler).is_not_null()).then(pl.lit(filler)).otherwise(pl.col(code)).alias(code)
    )


def build_table(
    grid: Grid,
    *,
    column: str | None,
    where: str | Phrase,
    display: str,
    scan_errors: ErrorScan | None = None,
) -> Table:
    """Detect the header, name the columns, pick the code column and keep the data rows."""
    frame = grid.frame
    start = first_nonblank_row(frame)
    if start is None:
        raise InputFileError(display, phrase(QT_TRANSLATE_NOOP("Engine", "no data: {where} is empty"), where=where))
    sample = frame.slice(start, SAMPLE_ROWS).rows()
    h = detect_header(sample)
    header = sample[h] if h is not None else None
    names = column_names(header, grid.letters)
    data_start = start + h + 1 if h is not None else start
    header_row = grid.first_row + start + h if h is not None else None

    data = frame.slice(data_start).rename(dict(zip(frame.columns, names, strict=True)))
    letters = list(grid.letters)
    empty_unnamed = [
        n for n, letter in zip(names, letters, strict=True)
        if n == letter and data[n].null_count() == data.height
    ]
    if empty_unnamed and len(empty_unnamed) < len(names):
        keep_idx = [i for i, n in enumerate(names) if n not in empty_unnamed]
        data = data.drop(empty_unnamed)
        letters = [letters[i] for i in keep_idx]
    first_data_row = grid.first_row + data_start
    rows = pl.int_range(first_data_row, first_data_row + data.height, dtype=pl.Int64, eager=True).alias("row")

    if data.height == 0 or not _has_values(data):
        what = (QT_TRANSLATE_NOOP("Engine", "no data: {where} has only a header row") if h is not None
                else QT_TRANSLATE_NOOP("Engine", "no data: {where} has no data rows"))
        raise InputFileError(display, phrase(what, where=where))

    # which number cells carry a scientific format, for the data rows of each column (xlsx)
    scientific = {
        name: grid.scientific[letter].slice(data_start, data.height)
        for name, letter in zip(data.columns, letters, strict=True) if letter in grid.scientific
    }
    code = find_code_column(data, letters, column=column, where=where, scientific=scientific)
    if scan_errors is not None and _has_blank_cells(data[code.name]):
        errors = scan_errors(_sheet_col(letters[data.columns.index(code.name)]))
        if errors:
            data = patch_errors(data, code.name, errors, first_data_row)
    data, rows = drop_blank_rows(data, rows, code.name)
    if data.height == 0:
        raise InputFileError(display, phrase(QT_TRANSLATE_NOOP("Engine", "no data: {where} has no non-blank data rows"),
                                             where=where))
    return Table(frame=data, row_numbers=rows, header_row=header_row, letters=tuple(letters), code=code)


def _has_blank_cells(series: pl.Series) -> bool:
    """Null or "" cells (calamine reads an ods error cell as "")."""
    return series.null_count() > 0 or bool((series == "").any())


def _sheet_col(letter: str) -> int:
    index = letter_index(letter)
    assert index is not None  # letters come from column_letter()
    return index


def _has_values(frame: pl.DataFrame) -> bool:
    """Any non-blank cell? (the top rows answer it for any real table)."""
    if frame.height == 0:
        return False
    if frame.height > 1000 and _has_values(frame.head(1000)):
        return True
    nonnull = [c for c in frame.columns if frame[c].null_count() < frame.height]
    if not nonnull:
        return False
    return bool(frame.select(~pl.all_horizontal([_blank_expr(c) for c in nonnull])).to_series().any())
