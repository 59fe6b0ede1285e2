"""Excel error cells (#N/A, #REF!...) that the string read turns into nulls.

fastexcel's ``dtypes="string"`` gives None for an error cell, which would
make "#N/A" look like a blank code. Its own error positions need pyarrow
(~170 MB, too heavy for the installer), so for xlsx/xlsm the sheet XML is
scanned here for cells with ``t="e"``. The scan streams the zip member in
chunks and only parses chunks that contain an error cell, so its cost is one
inflate of the sheet; the reader runs it only when the code column has null
cells in non-blank rows.

xls error cells are recovered by :mod:`biff`; xlsb and ods ones are not
(documented limit): they stay empty (null, or "" for ods).
"""

from __future__ import annotations

import re

from pricelookup.sheets.grid import letter_index
from pricelookup.sheets.ooxml import Source, open_zip

CHUNK = 4 * 1024 * 1024
# One error cell: <c r="B12" s="3" t="e"><f>..</f><v>#N/A</v></c>, optionally namespace-prefixed.
_CELL_RE = re.compile(rb"<(?:\w+:)?c\b([^>]*?\bt=[\"']e[\"'][^>/]*)>(.*?)</(?:\w+:)?c>", re.S)
_REF_RE = re.compile(rb"\br=[\"']([A-Z]{1,3})(\d+)[\"']")
_VALUE_RE = re.compile(rb"<(?:\w+:)?v>([^<]*)</(?:\w+:)?v>")


def _has_error(buffer: bytes) -> bool:
    # memchr-speed test before any regex runs on the chunk
    return b't="e"' in buffer or b"t='e'" in buffer


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
    """``(sheet_row_1_based, column_index_0_based, "#N/A")`` for each error cell of ``part``.

    ``column`` restricts the result to one sheet column.
    """
    out: list[tuple[int, int, str]] = []
    with open_zip(data) as zf, zf.open(part) as stream:
        carry = b""
        while True:
            chunk = stream.read(CHUNK)
            buffer = carry + chunk
            if not chunk:
                if _has_error(buffer):
                    out.extend(_cells_in(buffer, column))
                break
            # Cut after the last complete cell so no cell spans two buffers.
            cut = buffer.rfind(b"</c>")
            cut = buffer.rfind(b":c>") if cut < 0 else cut
            if cut < 0:
                carry = buffer
                continue
            cut = buffer.index(b">", cut) + 1
            head, carry = buffer[:cut], buffer[cut:]
            if _has_error(head):
                out.extend(_cells_in(head, column))
    return out
