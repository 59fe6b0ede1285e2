"""Legacy .xls (BIFF8 in an OLE compound file): sheet kinds and error cells.

calamine reads the cells, but through fastexcel an error cell (#N/A) comes out
as a null and a chart sheet is indistinguishable from a worksheet. This module
reads just enough of the file to recover both:

* the compound file's ``Workbook`` stream ([MS-CFB]: header, FAT through the
  DIFAT, directory, sector chains — every index bounds-checked, since corrupt
  files such as OOM_alloc3.xls point sectors far past the end);
* BOUNDSHEET8 records (name, visibility, sheet type, stream offset);
* BOOLERR and FORMULA records whose value is an error ([MS-XLS] 2.5.10 Bes,
  2.5.133 FormulaValue).

Anything unexpected returns "unknown" (None / []) rather than raising: calamine
remains the authority on whether the file can be read at all.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

from pricelookup.sheets.ooxml import SheetKind, Visibility

ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
MAX_SECTORS = 1 << 22  # 2-4 GB of sectors: nothing larger is a real workbook

ERROR_CODES = {
    0x00: "#NULL!", 0x07: "#DIV/0!", 0x0F: "#VALUE!", 0x17: "#REF!",
    0x1D: "#NAME?", 0x24: "#NUM!", 0x2A: "#N/A", 0x2B: "#GETTING_DATA",
}
R_BOUNDSHEET = 0x0085
R_BOF = 0x0809
R_EOF = 0x000A
R_BOOLERR = 0x0205
R_FORMULA = 0x0006


class CfbError(ValueError):
    """The compound file structure is not what it claims."""


def _chain(fat: list[int], start: int, limit: int) -> list[int]:
    out: list[int] = []
    sector = start
    while sector not in (ENDOFCHAIN, FREESECT):
        if sector >= len(fat) or len(out) > limit:
            raise CfbError("broken sector chain")
        out.append(sector)
        sector = fat[sector]
    return out


def read_stream(data: bytes, names: tuple[str, ...] = ("Workbook", "Book")) -> bytes | None:
    """The first stream called one of ``names`` in the compound file ``data``, or None."""
    try:
        return _read_stream(data, names)
    except (CfbError, struct.error, IndexError):
        return None


def _read_stream(data: bytes, names: tuple[str, ...]) -> bytes | None:
    if len(data) < 512:
        raise CfbError("too small")
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if shift not in (9, 12) or mini_shift != 6:
        raise CfbError("bad sector size")
    size = 1 << shift
    n_sectors = (len(data) - 512 + size - 1) // size  # the header occupies sector "-1"
    if n_sectors > MAX_SECTORS:
        raise CfbError("too large")
    (n_fat, dir_start, _sig, mini_cutoff, mini_fat_start, n_mini_fat, difat_start, n_difat) = (
        struct.unpack_from("<I I I I I I I I", data, 44)
    )
    del _sig

    def sector(i: int) -> bytes:
        off = (i + 1) * size if size == 512 else 512 + i * size + (size - 512)
        if i >= n_sectors or off >= len(data):  # the last sector may be short
            raise CfbError("sector past end of file")
        return data[off : off + size]

    difat = list(struct.unpack_from("<109I", data, 76))
    next_difat = difat_start
    for _ in range(min(n_difat, MAX_SECTORS)):
        if next_difat in (ENDOFCHAIN, FREESECT):
            break
        block = struct.unpack(f"<{size // 4}I", sector(next_difat))
        difat.extend(block[:-1])
        next_difat = block[-1]
    fat_sectors = [s for s in difat[: min(n_fat, MAX_SECTORS)] if s not in (FREESECT, ENDOFCHAIN)]
    fat: list[int] = []
    for s in fat_sectors:
        fat.extend(struct.unpack(f"<{size // 4}I", sector(s)))
    limit = n_sectors + 1

    def stream(start: int, length: int) -> bytes:
        out = b"".join(sector(s) for s in _chain(fat, start, limit))
        return out[:length]

    directory = stream(dir_start, 1 << 40)
    entries = [directory[i : i + 128] for i in range(0, len(directory) - 127, 128)]
    root = entries[0] if entries else b""
    if not root:
        raise CfbError("no directory")
    for entry in entries:
        name_len = struct.unpack_from("<H", entry, 64)[0]
        name = entry[: max(0, name_len - 2)].decode("utf-16-le", "replace")
        if entry[66] != 2 or name not in names:  # 2 = stream object
            continue
        start, length = struct.unpack_from("<IQ", entry, 116)
        length &= 0xFFFFFFFF if shift == 9 else (1 << 64) - 1
        if length > len(data) * 2:
            raise CfbError("stream larger than the file")
        if length >= mini_cutoff:
            return stream(start, length)
        # Small stream: inside the mini stream (held by the root entry).
        root_start, root_len = struct.unpack_from("<IQ", root, 116)
        mini_stream = stream(root_start, root_len)
        mini_fat_raw = b"".join(sector(s) for s in _chain(fat, mini_fat_start, min(n_mini_fat, limit) + 1))
        mini_fat = list(struct.unpack(f"<{len(mini_fat_raw) // 4}I", mini_fat_raw))
        chunks = [mini_stream[s * 64 : s * 64 + 64] for s in _chain(mini_fat, start, len(mini_fat) + 1)]
        return b"".join(chunks)[:length]
    return None


def structure_problem(data: bytes) -> str | None:
    """What would make calamine loop without end on this compound file, or None.

    calamine follows every sector chain until it ends, appending each sector to
    a buffer: a chain that loops back on itself (one flipped byte in the FAT of
    a real file does it) grows that buffer until the process aborts on a 4 GB
    allocation, which no exception can catch (found by fuzzing issue_385.xls).
    So before calamine opens an xls, the chains it follows (DIFAT, directory,
    mini FAT, and every stream's) must end within as many steps as the file has
    sectors, and no stream may claim more bytes than the file holds. Damage
    calamine reports by itself (a sector past the end, a bad signature) is left
    to it: this returns None then.
    """
    try:
        return _structure_problem(data)
    except (CfbError, struct.error, IndexError):
        return None


def _loops(table: list[int], start: int, limit: int) -> bool:
    """True when the chain from ``start`` runs longer than ``limit`` steps (it loops)."""
    sector, steps = start, 0
    while sector not in (ENDOFCHAIN, FREESECT) and sector < len(table):
        steps += 1
        if steps > limit:
            return True
        sector = table[sector]
    return False


def _structure_problem(data: bytes) -> str | None:
    if len(data) < 512:
        return None
    shift, mini_shift = struct.unpack_from("<HH", data, 30)
    if shift not in (9, 12) or mini_shift != 6:
        return None
    size = 1 << shift
    n_sectors = (len(data) - 512 + size - 1) // size
    if n_sectors > MAX_SECTORS:
        return None
    (n_dir,) = struct.unpack_from("<I", data, 40)
    (n_fat, dir_start, _sig, mini_cutoff, mini_fat_start, n_mini_fat, difat_start, n_difat) = (
        struct.unpack_from("<I I I I I I I I", data, 44)
    )
    limit = n_sectors + 1
    if max(n_dir, n_fat, n_mini_fat, n_difat) > limit:
        return "its header declares more sectors than the file holds"

    def sector(i: int) -> bytes:
        off = (i + 1) * size  # the header fills sector -1 (its 512 bytes padded to the sector size)
        if i >= n_sectors or off >= len(data):
            raise CfbError("sector past end of file")
        return data[off : off + size]

    difat = list(struct.unpack_from("<109I", data, 76))
    next_difat, seen = difat_start, 0
    while next_difat not in (ENDOFCHAIN, FREESECT) and seen < n_difat:
        seen += 1
        block = struct.unpack(f"<{size // 4}I", sector(next_difat))
        difat.extend(block[:-1])
        next_difat = block[-1]
    fat: list[int] = []
    for s in difat[:n_fat]:
        if s not in (FREESECT, ENDOFCHAIN):
            fat.extend(struct.unpack(f"<{size // 4}I", sector(s)))
    loop = "its sector chains loop back on themselves"
    if _loops(fat, dir_start, limit) or _loops(fat, mini_fat_start, limit):
        return loop
    directory = b"".join(sector(s) for s in _chain(fat, dir_start, limit))
    mini_raw = b"".join(sector(s) for s in _chain(fat, mini_fat_start, limit))
    mini_fat = list(struct.unpack(f"<{len(mini_raw) // 4}I", mini_raw[: len(mini_raw) // 4 * 4]))
    for i in range(0, len(directory) - 127, 128):
        entry = directory[i : i + 128]
        if entry[66] not in (2, 5):  # stream, root (its stream is the mini stream)
            continue
        start, length = struct.unpack_from("<IQ", entry, 116)
        if shift == 9:
            length &= 0xFFFFFFFF  # version 3 files leave the high half undefined
        if length > len(data):
            return "a stream in it claims more bytes than the file holds"
        if entry[66] == 5 or length >= mini_cutoff:
            if _loops(fat, start, limit):
                return loop
        elif _loops(mini_fat, start, len(mini_fat) + 1):
            return loop
    return None


def _records(stream: bytes, start: int = 0):  # type: ignore[no-untyped-def]
    pos, end = start, len(stream)
    while pos + 4 <= end:
        rtype, length = struct.unpack_from("<HH", stream, pos)
        body = stream[pos + 4 : pos + 4 + length]
        yield pos, rtype, body
        pos += 4 + length


@dataclass(frozen=True)
class BiffSheet:
    """A BOUNDSHEET8 record."""

    name: str
    visible: Visibility
    kind: SheetKind
    offset: int  # stream position of the sheet's BOF


def _short_unicode(body: bytes, pos: int) -> str:
    count, flags = body[pos], body[pos + 1]
    raw = body[pos + 2 :]
    return raw[: 2 * count].decode("utf-16-le", "replace") if flags & 1 else raw[:count].decode("latin-1")


def sheets(stream: bytes) -> list[BiffSheet]:
    """Sheets declared in the workbook globals, in order."""
    kinds: dict[int, SheetKind] = {0: "worksheet", 1: "macro", 2: "chart", 6: "macro"}
    states: dict[int, Visibility] = {0: "visible", 1: "hidden", 2: "veryhidden"}
    out: list[BiffSheet] = []
    try:
        for _pos, rtype, body in _records(stream):
            if rtype == R_BOUNDSHEET and len(body) >= 8:
                (offset,) = struct.unpack_from("<I", body, 0)
                out.append(
                    BiffSheet(
                        name=_short_unicode(body, 6),
                        visible=states.get(body[4] & 0x3, "visible"),
                        kind=kinds.get(body[5], "worksheet"),
                        offset=offset,
                    )
                )
            elif rtype == R_EOF:
                break
    except (struct.error, IndexError):
        return []
    return out


def error_cells(stream: bytes, offset: int, column: int | None = None) -> list[tuple[int, int, str]]:
    """``(sheet_row_1_based, col, "#N/A")`` for the error cells of the sheet whose BOF is at ``offset``."""
    out: list[tuple[int, int, str]] = []
    try:
        for _pos, rtype, body in _records(stream, offset):
            if rtype == R_EOF:
                break
            if rtype == R_BOOLERR and len(body) >= 8 and body[7] == 1:
                row, col = struct.unpack_from("<HH", body, 0)
                code = body[6]
            elif rtype == R_FORMULA and len(body) >= 14 and body[12:14] == b"\xff\xff" and body[6] == 2:
                row, col = struct.unpack_from("<HH", body, 0)
                code = body[8]
            else:
                continue
            if column is None or col == column:
                out.append((row + 1, col, ERROR_CODES.get(code, "#ERROR")))
    except (struct.error, IndexError):
        return out
    return out
