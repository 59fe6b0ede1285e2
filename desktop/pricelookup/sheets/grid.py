"""The raw grid every format is turned into, before header and code-column detection.

A grid is an all-``pl.String`` frame plus where it sits in the sheet: row ``i``
of the frame is sheet row ``first_row + i`` (1-based, as Excel shows it) and
column ``j`` is sheet column ``letters[j]``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import polars as pl

#: control characters no cell should carry (tab, LF and CR are legitimate in cells)
CONTROL_PATTERN = r"[\x00-\x08\x0B\x0C\x0E-\x1F\x7F]"
_LETTERS_RE = re.compile(r"^[A-Za-z]{1,3}$")
MAX_COLUMNS = 16_384  # Excel's XFD


@dataclass(frozen=True)
class Grid:
    """Cells of one sheet as text, and their sheet coordinates."""

    frame: pl.DataFrame
    first_row: int
    letters: tuple[str, ...]
    sheet: str
    #: the columns (by letter) that had control characters removed, as they were read:
    #: the code column's are given back to validation, which removes and notes them
    raw: dict[str, pl.Series] = field(default_factory=dict)
    #: the columns (by letter) holding number cells with a scientific number format: True on
    #: those rows of the grid (xlsx/xlsm only, see :mod:`.numformat`; gtin's rule 11)
    scientific: dict[str, pl.Series] = field(default_factory=dict)

    def head_rows(self, n: int) -> list[tuple[str | None, ...]]:
        """The first ``n`` rows as tuples (for header detection)."""
        return self.frame.head(n).rows()


def column_letter(index: int) -> str:
    """0 -> "A", 25 -> "Z", 26 -> "AA" (spreadsheet column letters)."""
    if index < 0:
        raise ValueError(f"negative column index {index}")
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


def letter_index(letters: str) -> int | None:
    """ "A" -> 0, "aa" -> 26; None when ``letters`` is not a column reference within XFD."""
    if not _LETTERS_RE.match(letters):
        return None
    index = 0
    for ch in letters.upper():
        index = index * 26 + (ord(ch) - ord("A") + 1)
    return index - 1 if index <= MAX_COLUMNS else None


def strip_controls(frame: pl.DataFrame, columns: list[str] | None = None) -> pl.DataFrame:
    """Remove control characters from the given String columns (all when None).

    Broken exports (calamine reads some BIFF strings of sheet_name_parsing.xls
    as "T\\x00i\\x00t\\x00...") carry them; they mean nothing to an analyst and
    openpyxl refuses to write them back.
    """
    return split_controls(frame, columns)[0]


def split_controls(
    frame: pl.DataFrame, columns: list[str] | None = None
) -> tuple[pl.DataFrame, dict[str, pl.Series]]:
    """:func:`strip_controls`, and the columns it changed as they were (for :attr:`Grid.raw`)."""
    names = frame.columns if columns is None else columns
    dirty = [
        name
        for name in names
        if frame[name].dtype == pl.String and bool(frame[name].str.contains(CONTROL_PATTERN).any())
    ]
    if not dirty:
        return frame, {}
    return frame.with_columns(pl.col(dirty).str.replace_all(CONTROL_PATTERN, "")), {n: frame[n] for n in dirty}
