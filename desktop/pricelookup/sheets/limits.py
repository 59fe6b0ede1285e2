"""Refuse sheets whose extent would exhaust memory, before calamine allocates it.

calamine turns a sheet into a dense range from its first to its last cell. A
2-cell xlsx with values in A1 and XFD1048576 makes it allocate 17 billion
cells (549 GB): the process aborts on the spot, no exception to catch. Excel
and every writer we know record the used range (``<dimension ref=...>`` in
xlsx, BrtWsDim in xlsb) at the start of the sheet part, so reading the first
kilobytes of the sheet is enough to say no. When an xlsx has no dimension
element, the cell references are scanned instead (one inflate of the sheet).

ODS repeats are counted by :mod:`.odsscan` (calamine's own limit, 100M
cells, comes after it has allocated gigabytes) and xls is bounded by its
format (65,536 x 256). Parts whose zip headers under-declare their size are
caught by :mod:`.zipguard`, which runs before this module reads them.
"""

from __future__ import annotations

import re
import struct
import zipfile

from pricelookup.sheets.grid import letter_index
from pricelookup.sheets.ooxml import Source, iter_records, open_zip

#: ~32 bytes per cell in calamine's range plus the string frame: 40M cells is ~1.5 GB
MAX_CELLS = 40_000_000
HEAD_BYTES = 64 * 1024
_DIMENSION_RE = re.compile(rb"<(?:\w+:)?dimension\b[^>]*\bref=[\"']([A-Z]+)?(\d+)?(?::([A-Z]+)(\d+))?[\"']")
_CELL_REF_RE = re.compile(rb"<(?:\w+:)?c\b[^>]*?\br=[\"']([A-Z]{1,3})(\d+)[\"']")
BRT_WS_DIM = 0x94  # [MS-XLSB] 2.4.864 BrtWsDim
BRT_BEGIN_SHEET_DATA = 0x91


def _extent_from_refs(c1: bytes | None, r1: bytes | None, c2: bytes | None, r2: bytes | None) -> tuple[int, int] | None:
    if c1 is None or r1 is None:
        return None
    first_col = letter_index(c1.decode()) or 0
    first_row = int(r1)
    if c2 is None or r2 is None:
        return 1, 1
    last_col = letter_index(c2.decode())
    if last_col is None:
        return None
    return int(r2) - first_row + 1, last_col - first_col + 1


def xlsx_extent(data: Source, part: str, *, trust_dimension: bool = True) -> tuple[int, int] | None:
    """(rows, columns) the sheet spans, from its dimension element or, failing that, its cells."""
    with open_zip(data) as zf, zf.open(part) as stream:
        head = stream.read(HEAD_BYTES)
        match = _DIMENSION_RE.search(head) if trust_dimension else None
        if match is not None:
            extent = _extent_from_refs(*match.groups())
            if extent is not None and extent != (1, 1):
                return extent
            # "A1" is what some writers put for any size: check the cells.
        max_row = max_col = 0
        min_row = min_col = None
        carry = b""
        chunk = head
        while chunk:
            buffer = carry + chunk
            cut = buffer.rfind(b">") + 1
            buffer, carry = buffer[:cut], buffer[cut:]
            for col_letters, row_digits in _CELL_REF_RE.findall(buffer):
                row = int(row_digits)
                col = letter_index(col_letters.decode()) or 0
                max_row, max_col = max(max_row, row), max(max_col, col)
                min_row = row if min_row is None else min(min_row, row)
                min_col = col if min_col is None else min(min_col, col)
            chunk = stream.read(4 * 1024 * 1024)
    if min_row is None or min_col is None:
        return None
    return max_row - min_row + 1, max_col - min_col + 1


def xlsb_extent(data: Source, part: str) -> tuple[int, int] | None:
    """(rows, columns) from the BrtWsDim record at the start of an xlsb sheet part."""
    with open_zip(data) as zf, zf.open(part) as stream:
        head = stream.read(HEAD_BYTES)
    for rtype, payload in iter_records(head):
        if rtype == BRT_WS_DIM and len(payload) >= 16:
            rw_first, rw_last, col_first, col_last = struct.unpack_from("<IIII", payload)
            return rw_last - rw_first + 1, col_last - col_first + 1
        if rtype == BRT_BEGIN_SHEET_DATA:
            break
    return None


def too_many_cells(extent: tuple[int, int] | None) -> bool:
    """True when a sheet of that extent must not be loaded."""
    return extent is not None and extent[0] * extent[1] > MAX_CELLS


def oversized_extent(data: Source, part: str, *, xlsb: bool) -> tuple[int, int] | None:
    """The sheet's extent when it is too large to load, else None.

    An xlsx whose declared dimension is too large is checked against its
    actual cell references before being refused (a stale dimension must not
    block a small table).
    """
    try:
        if xlsb:
            extent = xlsb_extent(data, part)
            return extent if too_many_cells(extent) else None
        extent = xlsx_extent(data, part)
        if too_many_cells(extent):
            extent = xlsx_extent(data, part, trust_dimension=False)
        return extent if too_many_cells(extent) else None
    except (KeyError, zipfile.BadZipFile, OSError, EOFError, struct.error):
        return None  # calamine will report the damage
