"""Decompression-bomb guard: what the parts of a workbook really inflate to, counted before calamine reads them.

:mod:`.detect` refuses packages whose *declared* sizes are absurd, but sizes in
zip headers are only declarations. A crafted xlsx can declare 5 KB for a sheet
that inflates to 1.4 GB of repeated XML, and calamine (through the Rust zip
crate) inflates until the deflate stream ends, whatever the header says —
measured: a sheet declaring 5,000 bytes and inflating to 360 MB was loaded as
8M cells, 580 MB RSS, with no error. Python's ``zipfile`` stops at the declared
size, so it cannot count either. This module inflates the raw deflate stream
itself, with ``isal_zlib.decompressobj`` (zlib's API, ISA-L's speed) and bounded output chunks, so the memory it
uses is a few MB whatever the part holds:

* a part that inflates to far more than its header declares is refused as
  soon as it does (honest writers record the exact size: much more is a
  forged header). The work is thus bounded by about twice the declared size,
  which detect.py has already judged, and a lying bomb is refused after a few
  MB; a part only slightly larger than declared is reported as damaged;
* a part larger than :data:`MAX_PART_BYTES` (a sheet, ODS ``content.xml``) or
  :data:`MAX_AUX_PART_BYTES` (shared strings, styles, workbook...) is refused;
* a worksheet large enough to hold more than :data:`MAX_LOADED_CELLS` cells
  has its cells counted on the way (:func:`check_xlsx_sheet`).

Cost: one inflate of each part calamine will parse, ~0.3 s for the 190 MB
sheet of a 1M-row x 4-column xlsx (measured: read_table + validate 3.13 s ->
3.42 s; polars.read_excel alone 2.5 s). Damaged
deflate data (``isal_zlib.error``) surfaces here as :class:`Damaged`, before any
parser sees it.

The limits are module constants read at call time, so tests can lower them.
"""

from __future__ import annotations

import io
import struct

# the 1M-row reading benchmark's 190 MB sheet), same raw-deflate API
from collections.abc import Iterator
from typing import BinaryIO
from zipfile import ZIP_DEFLATED, ZIP_STORED, ZipInfo

from isal import (
    isal_zlib,  # ISA-L's inflate: the whole sheet in half zlib's time (0.19 s vs 0.39 s for
)

from pricelookup.sheets.detect import FileKind
from pricelookup.sheets.ooxml import Source, open_zip

#: real inflated bytes of one sheet part (xlsx/xlsb) or of ODS content.xml. A 1M-row x 4-column
#: sheet is ~190 MB of XML; 1 GiB is ~1M rows x 20 columns, past which the cell limit bites anyway.
MAX_PART_BYTES = 1024**3
#: real inflated bytes of any other part calamine parses when it opens the workbook (shared
#: strings, styles, workbook, relationships). Shared strings of 1M distinct 50-character names
#: are ~70 MB; 256 MB of the smallest string element is ~20M strings (~0.5 GB once parsed).
MAX_AUX_PART_BYTES = 256 * 1024**2
#: cells calamine may materialise for one workbook. Measured: ~125 bytes per cell in calamine
#: (5 GB for an 881-byte ODS declaring 40M cells), ~100 bytes per cell for our whole read of a
#: 1M x 4 xlsx (383 MB). 20M cells is ~1M rows x 20 columns, more than any price list.
MAX_LOADED_CELLS = 20_000_000
#: the fewest XML bytes a stored cell takes (``<c><v/></c>``): a sheet part smaller than
#: MAX_LOADED_CELLS x this cannot hold too many cells, so its cells are not counted
MIN_CELL_XML_BYTES = 11
#: how far past its declared size a part may inflate and still be called damaged, not a bomb
#: (at least; a part may also overrun by its own declared size)
OVERRUN_BYTES = 1024 * 1024
#: compressed bytes read per step, and the most inflated bytes held at once
READ_CHUNK = 1024 * 1024
OUT_CHUNK = 4 * 1024 * 1024

_LOCAL_HEADER = b"PK\x03\x04"
#: where calamine finds worksheet parts; these are checked when their sheet is loaded
SHEET_FOLDERS = ("xl/worksheets/", "xl/chartsheets/", "xl/dialogsheets/", "xl/macrosheets/")
#: parts calamine may parse (XML and BIFF12 records); media, thumbnails and the like are never read
PARSED_SUFFIXES = (".xml", ".rels", ".bin", ".vml")


class Refused(Exception):
    """A part must not be loaded: too large, or a forged size. ``str()`` is the analyst's text."""


class Damaged(Exception):
    """A part cannot be inflated (corrupt deflate data, bad local header, cut short)."""


def _mb(n: int) -> str:
    return f"{n / 1024**2:,.0f} MB" if n >= 10 * 1024**2 else f"{n:,} bytes"


def _open(source: Source) -> BinaryIO:
    # BytesIO over bytes shares the buffer (no copy until written to).
    return io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")


def _data_offset(fh: BinaryIO, info: ZipInfo) -> int:
    """Offset of the member's compressed data, from its local header (the central
    directory does not say how long the local extra field is)."""
    fh.seek(info.header_offset)
    head = fh.read(30)
    if len(head) < 30 or head[:4] != _LOCAL_HEADER:
        raise Damaged(f"the zip entry of {info.filename} is damaged")
    name_len, extra_len = struct.unpack_from("<HH", head, 26)
    return info.header_offset + 30 + name_len + extra_len


def inflate(source: Source, info: ZipInfo, *, limit: int) -> Iterator[bytes]:
    """Yield the real inflated bytes of zip member ``info``, at most :data:`OUT_CHUNK` at a time.

    Raises :class:`Refused` as soon as more than ``limit`` bytes, or far more
    than the header declares, have come out; :class:`Damaged` when the data
    cannot be inflated or ends up slightly larger than declared. Only stored
    and deflated members exist in files Excel or LibreOffice write; other
    methods are refused as damaged.
    """
    name = info.filename
    if info.flag_bits & 0x1:
        raise Damaged(f"{name} is encrypted inside the zip, which spreadsheet programs never do")
    if info.compress_type not in (ZIP_STORED, ZIP_DEFLATED):
        raise Damaged(f"{name} uses zip compression method {info.compress_type}, "
                      "which spreadsheet programs do not write")
    declared = info.file_size
    if declared > limit:
        raise Refused(f"{name} unpacks to {_mb(declared)}, more than the {_mb(limit)} "
                      "this tool reads from one part (too large, or a decompression bomb). "
                      "Split the table into several files")
    with _open(source) as fh:
        fh.seek(_data_offset(fh, info))
        remaining = info.compress_size
        if info.compress_type == ZIP_STORED:
            # Stored data is what it is: calamine reads compress_size bytes.
            if remaining > limit:
                raise Refused(f"{name} holds {_mb(remaining)}, more than the {_mb(limit)} "
                              "this tool reads from one part. Split the table into several files")
            while remaining:
                raw = fh.read(min(remaining, OUT_CHUNK))
                if not raw:
                    raise Damaged(f"{name} is cut short (the file is truncated)")
                remaining -= len(raw)
                yield raw
            return
        inflater = isal_zlib.decompressobj(-isal_zlib.MAX_WBITS)  # raw deflate, as zip stores it
        total = 0
        # Past its declared size a part is either damaged (a few bytes more: calamine's
        # issue252.xlsx) or a bomb (megabytes more). Up to this many bytes the stream
        # may end and the file is called damaged; beyond, it is refused as a bomb.
        ceiling = min(limit, declared + max(declared, OVERRUN_BYTES))
        while not inflater.eof:
            if remaining <= 0:
                raise Damaged(f"{name} is cut short (the file is truncated)")
            raw = fh.read(min(remaining, READ_CHUNK))
            if not raw:
                raise Damaged(f"{name} is cut short (the file is truncated)")
            remaining -= len(raw)
            while raw and not inflater.eof:
                try:
                    out = inflater.decompress(raw, OUT_CHUNK)
                except isal_zlib.error as exc:  # type: ignore[misc]  # isal's stub does not declare it an exception
                    raise Damaged(f"the compressed data of {name} is corrupt ({exc})") from None
                total += len(out)
                if total > ceiling:
                    # The bomb's tell: far more bytes than its header admits. Stop here
                    # rather than at `limit`, so the work stays bounded by a size
                    # detect.py has already judged.
                    raise Refused(
                        f"{name} unpacks to more than the {_mb(declared)} its zip header declares "
                        "(a forged file, e.g. a decompression bomb). Ask for a new export of the data"
                    )
                if out:
                    yield out
                raw = inflater.unconsumed_tail
        if total > declared:
            raise Damaged(f"{name} is larger than its zip header says ({total:,} bytes, not {declared:,})")


def check_part(source: Source, info: ZipInfo, *, limit: int | None = None) -> int:
    """Inflate one part to count its real size (raises Refused/Damaged); returns the size."""
    total = 0
    for chunk in inflate(source, info, limit=MAX_AUX_PART_BYTES if limit is None else limit):
        total += len(chunk)
    return total


def check_xlsx_sheet(source: Source, info: ZipInfo) -> None:
    """Refuse a worksheet part (xlsx XML) that inflates too far or holds too many cells.

    Cells are counted only when the declared size could hold more than
    :data:`MAX_LOADED_CELLS` (a part that inflates past its declared size is
    refused anyway), so the usual sheet costs one inflate and nothing more.
    ``c>`` ends every stored cell (``</c>``, or ``</x:c>`` with a namespace
    prefix); it also counts ``<c>`` openers, which only makes the count an
    upper bound.
    """
    limit_cells = MAX_LOADED_CELLS
    count = info.file_size > limit_cells * MIN_CELL_XML_BYTES
    cells = 0
    for chunk in inflate(source, info, limit=MAX_PART_BYTES):
        if count:
            cells += chunk.count(b"c>")
            if cells > limit_cells:
                raise Refused(
                    f"{info.filename} holds more than {limit_cells:,} cells, more than this tool "
                    "can hold in memory (too large, or a decompression bomb). Delete unneeded "
                    "columns or split the table into several files"
                )


def check_package(source: Source, kind: FileKind) -> None:
    """Check every part calamine parses when it opens the workbook (not the sheets).

    xlsx/xlsb worksheets are checked one by one when loaded
    (:func:`check_sheet_part`); ODS ``content.xml`` by :mod:`.odsscan`.
    """
    with open_zip(source) as zf:
        infos = zf.infolist()
    for info in infos:
        name = info.filename
        if not name.lower().endswith(PARSED_SUFFIXES) or name.endswith("/"):
            continue
        if kind is FileKind.ODS and name == "content.xml":
            continue
        if kind in (FileKind.XLSX, FileKind.XLSB) and name.startswith(SHEET_FOLDERS):
            continue
        check_part(source, info)


def check_sheet_part(source: Source, part: str, *, xlsb: bool) -> None:
    """Check one worksheet part before calamine loads it (KeyError when it is missing)."""
    with open_zip(source) as zf:
        info = zf.getinfo(part)
    if xlsb:
        check_part(source, info, limit=MAX_PART_BYTES)
    else:
        check_xlsx_sheet(source, info)


def check_all_sheet_parts(source: Source, *, xlsb: bool) -> None:
    """Check every worksheet-like part (when the workbook does not say which part a sheet is)."""
    with open_zip(source) as zf:
        parts = [i.filename for i in zf.infolist()
                 if i.filename.startswith(SHEET_FOLDERS) and i.filename.lower().endswith(PARSED_SUFFIXES)]
    for part in parts:
        check_sheet_part(source, part, xlsb=xlsb)
