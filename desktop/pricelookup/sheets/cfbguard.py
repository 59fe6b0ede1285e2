"""Legacy .xls compound files whose sector chains loop, refused before calamine opens them.

Only the OLE2 structure ([MS-CFB]) is walked, never a BIFF record: calamine
reads the workbook itself, sheet list included (see :func:`structure_problem`).
"""

from __future__ import annotations

import struct

ENDOFCHAIN = 0xFFFFFFFE
FREESECT = 0xFFFFFFFF
MAX_SECTORS = 1 << 22  # 2-4 GB of sectors: nothing larger is a real workbook


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
