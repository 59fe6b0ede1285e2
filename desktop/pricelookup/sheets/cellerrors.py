"""Cells the string read turns into blanks: error cells (#N/A, #REF!...) and formulas without a saved value.

fastexcel's ``dtypes="string"`` gives None for an error cell, which would
make "#N/A" look like a blank code. Its own error positions need pyarrow
(~170 MB, too heavy for the installer), so for xlsx/xlsm the sheet XML is
scanned here for cells with ``t="e"``. The scan streams the zip member in
chunks and only parses chunks that contain an error cell, so its cost is one
inflate of the sheet; the reader runs it only when the code column has null
cells in non-blank rows.

The same scan finds formula cells without a cached value (``<f>`` and no
``<v>``, or an empty one): openpyxl and other scripts write formulas that way
and only a spreadsheet program computes them on open. calamine reads them as
blank, so a code computed by a formula would look "empty"; they are put back as
:data:`FORMULA_WITHOUT_VALUE`, in the code column only (validation turns that
marker into "formula with no saved value...").

Error cells are kept as their literal: that *is* the marker validation reads
("Excel error cell #N/A"). ods error cells are recovered by :mod:`odsscan`
(LibreOffice's own codes read as "Err:502"); xls and xlsb ones are not
(documented limit): they stay empty.
"""

from __future__ import annotations

import re

from pricelookup.sheets.grid import letter_index
from pricelookup.sheets.ooxml import Source, open_zip

CHUNK = 4 * 1024 * 1024
#: what a formula cell without a saved value reads as, in the code column (never a code,
#: never a formula: it does not start with "=", so no export turns it into one)
FORMULA_WITHOUT_VALUE = "(formula without a saved value)"
# One error cell: <c r="B12" s="3" t="e"><f>..</f><v>#N/A</v></c>, optionally namespace-prefixed.
_CELL_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*?\bt=[\"']e[\"'][^>/]*)>(.*?)</(?:\w+:)?c>", re.S)
_REF_RE = re.compile(rb"\br=[\"']([A-Z]{1,3})(\d+)[\"']")
_VALUE_RE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


#: how a formula cell without a value ends (unprefixed, as every writer we know emits
#: it): "<f>..</f></c>", "<f .../></c>" (shared formula), "<f>..</f><v></v></c>", "<v/></c>"
_NO_VALUE_ENDS = (b"</f></c>", b"/></c>", b"<v></v></c>")
# the whole cell, once a candidate end is found: <c r="A2"><f>1+1</f><v></v></c>
_FORMULA_CELL_RE = re.compile(
    rb"<(?:\w+:)?c\b([^>]*)>\s*<(?:\w+:)?f\b(?:[^>]*/>|[^>]*>[^<]*</(?:\w+:)?f>)\s*"
    rb"(<(?:\w+:)?v\s*/>|<(?:\w+:)?v>\s*</(?:\w+:)?v>)?\s*</(?:\w+:)?c>"
)
_TYPE_RE = re.compile(rb"\bt=[\"'](\w+)[\"']")


def _has_error(buffer: bytes) -> bool:
    # memchr-speed test before any regex runs on the chunk
    return b't="e"' in buffer or b"t='e'" in buffer


def _no_value(cell: re.Match[bytes]) -> bool:
    """False for the formula cells whose empty <v> *is* their saved value."""
    kind = _TYPE_RE.search(cell.group(1))
    cell_type = kind.group(1) if kind else b"n"
    if cell_type == b"e":
        return False  # an error cell: the error scan reports it
    # A text formula whose result is "" is saved as t="str" with an empty <v>.
    return not (cell.group(2) is not None and cell_type in (b"str", b"inlineStr"))


def _formula_cells(buffer: bytes, column: int | None) -> list[tuple[int, int, str]]:
    """Formula cells without a saved value in ``buffer`` (whole cells only)."""
    out: list[tuple[int, int, str]] = []
    seen: set[int] = set()
    for end_marker in _NO_VALUE_ENDS:
        pos = buffer.find(end_marker)
        while pos >= 0:
            # The cell starts at the last "<c " / "<c>" before its end (cells do not nest).
            start = max(buffer.rfind(b"<c ", 0, pos), buffer.rfind(b"<c>", 0, pos))
            if start >= 0 and start not in seen:
                seen.add(start)
                match = _FORMULA_CELL_RE.match(buffer, start, pos + len(end_marker))
                ref = _REF_RE.search(match.group(1)) if match and _no_value(match) else None
                if ref is not None:
                    col = letter_index(ref.group(1).decode("ascii"))
                    if col is not None and (column is None or col == column):
                        out.append((int(ref.group(2)), col, FORMULA_WITHOUT_VALUE))
            pos = buffer.find(end_marker, pos + 1)
    return out


def _marks_in(buffer: bytes, column: int | None) -> list[tuple[int, int, str]]:
    found = _cells_in(buffer, column) if _has_error(buffer) else []
    if b"<f" in buffer:
        found.extend(_formula_cells(buffer, column))
    return found


def _cells_in(buffer: bytes, column: int | None) -> list[tuple[int, int, str]]:
    out: list[tuple[int, int, str]] = []
    for match in _CELL_RE.finditer(buffer):
        ref = _REF_RE.search(match.group(1))
        if ref is None:
            continue  # cells without r= cannot be placed without counting every cell
        col = letter_index(ref.group(1).decode("ascii"))
        if col is None or (column is not None and col != column):
            continue
        value = _VALUE_RE.search(match.group(2))
        text = value.group(1).decode("utf-8", "replace") if value else "#ERROR"
        out.append((int(ref.group(2)), col, text))
    return out


def xlsx_error_cells(data: Source, part: str, *, column: int | None = None) -> list[tuple[int, int, str]]:
    """``(sheet_row_1_based, column_index_0_based, text)`` for each error cell of ``part``, and
    each formula cell without a saved value (text :data:`FORMULA_WITHOUT_VALUE`), in sheet order.

    ``column`` restricts the result to one sheet column.
    """
    out: list[tuple[int, int, str]] = []
    with open_zip(data) as zf, zf.open(part) as stream:
        carry = b""
        while True:
            chunk = stream.read(CHUNK)
            buffer = carry + chunk
            if not chunk:
                out.extend(_marks_in(buffer, column))
                break
            # Cut after the last complete cell so no cell spans two buffers.
            cut = buffer.rfind(b"</c>")
            cut = buffer.rfind(b":c>") if cut < 0 else cut
            if cut < 0:
                carry = buffer
                continue
            cut = buffer.index(b">", cut) + 1
            head, carry = buffer[:cut], buffer[cut:]
            out.extend(_marks_in(head, column))
    out.sort()
    return out
