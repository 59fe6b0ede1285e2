"""Which row is the header, and what the columns are called.

Spreadsheets from the wild put titles, notes and blank rows above the table
("Years Sheet", a stray "Note 1"), or have no header at all. The rule here:

* The *table columns* are the columns filled in at least half of the rows in
  the lower part of the sample (which is data in any real file).
* A row is *header-like* when it fills at least 60% of the table columns,
  most of its cells are labels (text that is not a number, date, boolean or
  error), and none of its cells in a numeric column is itself a number.
  A title or a note fills one cell of a wider table and is not header-like.
* The header is the last header-like row before the first data row (a row
  with a number in a numeric column), so a one-cell title above a one-column
  table loses to the "EAN" label under it.
* Tables without numeric columns take the first header-like row.
* No header-like row before the data: the sheet has no header; columns are
  named by their sheet letters.

Pure functions over a small sample of rows (tuples of ``str | None``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pricelookup.sheets.codecolumn import header_match

Row = Sequence[str | None]

SAMPLE_ROWS = 60  # rows read for the decision; headers sit near the top
COVERAGE = 0.6
NUMERIC_COLUMN_SHARE = 0.6

_NUMBER_RE = re.compile(
    r"""^[+\-\u2212]?                # sign
        [\d][\d\s\u00a0\u202f.,:/'’\-]*  # digits with separators, dates, times
        (?:[eE][+\-]?\d+)?           # exponent
        \s*[%€$£]?$""",
    re.VERBOSE,
)
_ERROR_RE = re.compile(r"^#[A-Z0-9/!?]+[!?]?$|^#GETTING_DATA$|^Err:\d+$")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_BOOLEANS = frozenset({"true", "false", "vrai", "faux"})


def is_blank(value: str | None) -> bool:
    """None, "" or whitespace only."""
    return value is None or not value.strip()


def _unguarded(text: str) -> str:
    """``text`` without Excel's text guard (``'0012…`` or ``="0012…"``, gtin's rule 5): a code
    written so is still a number to the eye, never a column title."""
    if text.startswith("'"):
        return text[1:].strip()
    if len(text) >= 3 and text.startswith('="') and text.endswith('"'):
        return text[2:-1].strip()
    return text


def is_value(value: str | None) -> bool:
    """A number, date, time, boolean or Excel error: something a header cell is not."""
    if is_blank(value):
        return False
    text = _unguarded(value.strip())  # type: ignore[union-attr]
    return (
        bool(_NUMBER_RE.match(text))
        or text.lower() in _BOOLEANS
        or bool(_ERROR_RE.match(text))
    )


def is_label(value: str | None) -> bool:
    """Text a person would write as a column title."""
    return not is_blank(value) and not is_value(value) and len(value.strip()) <= 120  # type: ignore[union-attr]


def _filled(row: Row) -> set[int]:
    return {i for i, v in enumerate(row) if not is_blank(v)}


def table_columns(rows: list[Row]) -> set[int]:
    """Columns filled in most rows of the lower half of the non-blank sample rows."""
    lower = rows[len(rows) // 2 :] if len(rows) > 1 else rows
    counts: dict[int, int] = {}
    for row in lower:
        for i in _filled(row):
            counts[i] = counts.get(i, 0) + 1
    need = len(lower) // 2 + 1  # a strict majority: one ragged row does not widen the table
    return {i for i, n in counts.items() if n >= need}


def numeric_columns(rows: list[Row], columns: set[int]) -> set[int]:
    """Table columns whose non-blank values (after the first row) are mostly values."""
    body = rows[1:] if len(rows) > 1 else rows
    out: set[int] = set()
    for c in columns:
        values = [r[c] for r in body if c < len(r) and not is_blank(r[c])]
        if values and sum(is_value(v) for v in values) >= NUMERIC_COLUMN_SHARE * len(values):
            out.add(c)
    return out


def _header_like(row: Row, columns: set[int], numeric: set[int]) -> bool:
    filled = _filled(row)
    if not filled or not columns:
        return False
    if len(filled & columns) < COVERAGE * len(columns):
        return False
    labels = sum(is_label(row[i]) for i in filled)
    if labels == 0 or labels < 0.5 * len(filled):
        return False
    return not any(is_value(row[i]) for i in filled & numeric)


def _data_like(row: Row, numeric: set[int]) -> bool:
    return any(i < len(row) and is_value(row[i]) for i in numeric)


def detect_header(sample: Sequence[Row]) -> int | None:
    """Index in ``sample`` of the header row, or None when the table has no header.

    ``sample`` is the top of the grid (blank rows included, so the index maps
    back to the grid).
    """
    nonblank = [i for i, row in enumerate(sample) if _filled(row)]
    if not nonblank:
        return None
    rows = [sample[i] for i in nonblank]
    if len(rows) == 1:
        # A lone row: a header with no data (caller reports "no data") when
        # it is all labels, else a single data row.
        only = rows[0]
        return nonblank[0] if all(is_label(only[i]) for i in _filled(only)) else None
    columns = table_columns(rows)
    numeric = numeric_columns(rows, columns)
    header: int | None = None
    header_names_code = False
    for pos, row in enumerate(rows):
        if numeric and _data_like(row, numeric):
            return header
        if _header_like(row, columns, numeric):
            if not numeric:
                return nonblank[pos]
            names_code = any(header_match(v) for v in row if v)
            # The last label row above the data is the header (titles sit
            # above it), unless an earlier one names the code column and
            # this one does not.
            if names_code or not header_names_code:
                header = nonblank[pos]
                header_names_code = names_code
    return header


def column_names(header: Row | None, letters: Sequence[str]) -> list[str]:
    """Unique column names: header text (trimmed), else the column letter; duplicates get _2, _3..."""
    raw: list[str] = []
    for j, letter in enumerate(letters):
        cell = header[j] if header is not None and j < len(header) else None
        text = "" if is_blank(cell) else _CONTROL_RE.sub("", " ".join(cell.split()))  # type: ignore[union-attr]
        raw.append(text or letter)
    return disambiguate(raw)


def disambiguate(names: Sequence[str]) -> list[str]:
    """``["col", "col", "col"]`` -> ``["col", "col_2", "col_3"]`` (never colliding with a real name)."""
    taken = set(names)
    seen: dict[str, int] = {}
    out: list[str] = []
    used: set[str] = set()
    for name in names:
        if name not in used:
            out.append(name)
            used.add(name)
            seen[name] = 1
            continue
        n = seen.get(name, 1)
        while True:
            n += 1
            candidate = f"{name}_{n}"
            if candidate not in taken and candidate not in used:
                break
        seen[name] = n
        out.append(candidate)
        used.add(candidate)
    return out
