"""What kind of file is this? Decided from its bytes (signatures), never from its extension.

A ``.xls`` that is really a web page, a ``.xlsx`` that is a renamed Word
document, an encrypted workbook or a zip bomb must each get a message an
analyst can act on, before any parser gets to misreport it (openpyxl says
"File is not a zip file" for a password-protected xlsx, for instance).

The sniffing itself is pure (bytes and zip member names in, verdict out); the
only I/O is opening the zip directory of the bytes already read.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from pricelookup.phrasing import QT_TRANSLATE_NOOP, Phrase, phrase

ZIP_MAGIC = b"PK\x03\x04"
EMPTY_ZIP_MAGIC = b"PK\x05\x06"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

#: extensions an analyst expects to be a workbook: text content there is "not a valid spreadsheet"
WORKBOOK_EXTENSIONS = frozenset({".xlsx", ".xlsm", ".xltx", ".xltm", ".xls", ".xlsb", ".ods"})

# Zip-bomb guard. A real 1M-row x 4-column sheet is ~200 MB of XML at a ratio
# of ~6:1; Excel's maximum sheet (1,048,576 x 16,384 cells) cannot be read by
# this tool in memory anyway. Declared sizes are checked before anything is
# inflated, so a bomb is refused in milliseconds.
MAX_UNCOMPRESSED_BYTES = 4 * 1024**3
MAX_RATIO = 250
RATIO_CHECK_FROM_BYTES = 256 * 1024**2


_CONTENT_RE = re.compile(rb"[^ \t\r\n\x00\xef\xbb\xbf\xff\xfe]")


class FileKind(StrEnum):
    """The container formats the reader understands."""

    XLSX = "xlsx"  # also xlsm / xltx: Office Open XML spreadsheet
    XLSB = "xlsb"
    XLS = "xls"  # BIFF8 inside an OLE compound file
    ODS = "ods"
    CSV = "csv"  # any delimited text: csv, tsv, txt


class Verdict(StrEnum):
    """Why a file cannot be read at all (maps to the analyst's message)."""

    EMPTY = "empty"
    PROTECTED = "protected"
    NOT_SPREADSHEET = "not_spreadsheet"
    TOO_LARGE = "too_large"


@dataclass(frozen=True)
class Sniffed:
    """Result of sniffing: a readable kind, or a verdict with details for the message."""

    kind: FileKind | None
    verdict: Verdict | None = None
    #: what the file is instead, for the message (a phrase: the window translates it)
    why: Phrase | None = None

    @property
    def detail(self) -> str:
        """``why`` in English ("" when there is nothing to add)."""
        return "" if self.why is None else str(self.why)


_WORD = phrase(QT_TRANSLATE_NOOP("Engine", "it is a Word document"))


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff_ole(data: bytes) -> Sniffed:
    """Classify an OLE compound file.

    Directory entries store stream names in UTF-16LE; looking for the names in
    the bytes avoids parsing the (possibly corrupt, see OOM_alloc3.xls) sector
    chains here. A false hit only means the real parser gets to say no.
    """
    if _utf16("EncryptedPackage") in data or _utf16("EncryptionInfo") in data:
        # Office 2007+ files (xlsx/xlsb/xlsm) saved with a password are OLE
        # containers holding the encrypted zip.
        return Sniffed(None, Verdict.PROTECTED)
    if _utf16("Workbook") in data or _utf16("Book") in data:
        return Sniffed(FileKind.XLS)
    if _utf16("WordDocument") in data:
        return Sniffed(None, Verdict.NOT_SPREADSHEET, _WORD)
    return Sniffed(None, Verdict.NOT_SPREADSHEET, phrase(QT_TRANSLATE_NOOP(
        "Engine", "it is an Office file without a workbook")))


def _zip_bomb_check(infos: list[zipfile.ZipInfo]) -> Sniffed | None:
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > MAX_UNCOMPRESSED_BYTES or (
        total > RATIO_CHECK_FROM_BYTES and total / packed > MAX_RATIO
    ):
        return Sniffed(None, Verdict.TOO_LARGE, phrase(QT_TRANSLATE_NOOP(
            "Engine", "it unpacks to {unpacked} MB from {packed} MB (too large, or a decompression bomb)"),
            unpacked=f"{total / 1024**2:,.0f}", packed=f"{packed / 1024**2:,.1f}"))
    return None


def classify_zip_members(names: set[str], read: dict[str, bytes]) -> Sniffed:
    """Classify a zip by its member names and small members already read.

    ``read`` maps ``mimetype``, ``[Content_Types].xml`` and
    ``META-INF/manifest.xml`` (when present) to their bytes.
    """
    mimetype = read.get("mimetype", b"").strip()
    if mimetype or "content.xml" in names:
        if mimetype and mimetype != b"application/vnd.oasis.opendocument.spreadsheet":
            what = mimetype.decode("ascii", "replace").rsplit(".", 1)[-1]
            return Sniffed(None, Verdict.NOT_SPREADSHEET, phrase(QT_TRANSLATE_NOOP(
                "Engine", "it is an OpenDocument {kind} file"), kind=what))
        if b"encryption-data" in read.get("META-INF/manifest.xml", b""):
            return Sniffed(None, Verdict.PROTECTED)
        return Sniffed(FileKind.ODS)
    types = read.get("[Content_Types].xml", b"")
    if b"sheet.binary" in types or any(n.endswith("workbook.bin") for n in names):
        return Sniffed(FileKind.XLSB)
    if b"spreadsheetml" in types or b"ms-excel" in types or "xl/workbook.xml" in names:
        return Sniffed(FileKind.XLSX)
    if b"wordprocessingml" in types:
        return Sniffed(None, Verdict.NOT_SPREADSHEET, _WORD)
    if b"presentationml" in types:
        return Sniffed(None, Verdict.NOT_SPREADSHEET, phrase(QT_TRANSLATE_NOOP("Engine", "it is a PowerPoint file")))
    return Sniffed(None, Verdict.NOT_SPREADSHEET, phrase(QT_TRANSLATE_NOOP(
        "Engine", "it is a zip archive, not a workbook")))


def sniff_zip(source: bytes | Path) -> Sniffed:
    """Classify a zip container (xlsx, xlsm, xlsb, ods or something else) from its directory."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as zf:
            infos = zf.infolist()
            bomb = _zip_bomb_check(infos)
            if bomb is not None:
                return bomb
            names = {i.filename for i in infos}
            read: dict[str, bytes] = {}
            for small in ("mimetype", "[Content_Types].xml", "META-INF/manifest.xml"):
                info = next((i for i in infos if i.filename == small), None)
                if info is not None and info.file_size < 1024 * 1024:
                    read[small] = zf.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        # the zip library's own words stay in English
        return Sniffed(None, Verdict.NOT_SPREADSHEET, phrase(QT_TRANSLATE_NOOP(
            "Engine", "the zip container is damaged ({problem})"), problem=str(exc)))
    return classify_zip_members(names, read)


def looks_like_markup(head: bytes) -> Phrase | None:
    """Web exports often save HTML or XML under a .xls name; say so."""
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if start.startswith((b"<!doctype html", b"<html", b"<table")):
        return phrase(QT_TRANSLATE_NOOP("Engine", "it is a web page (HTML)"))
    if start.startswith(b"<?xml"):
        if b"urn:schemas-microsoft-com:office:spreadsheet" in head:
            return phrase(QT_TRANSLATE_NOOP("Engine", "it is an Excel 2003 XML spreadsheet"))
        return phrase(QT_TRANSLATE_NOOP("Engine", "it is an XML file"))
    return None


def is_zip(head: bytes) -> bool:
    """True when the first bytes are a zip signature (xlsx, xlsm, xlsb, ods)."""
    return head.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC))


def sniff_bytes(data: bytes, suffix: str) -> Sniffed:
    """Classify the whole file content. ``suffix`` (lower-case, with dot) only shapes messages."""
    if _CONTENT_RE.search(data) is None:  # stops at the first real byte; strip() would copy
        return Sniffed(None, Verdict.EMPTY)
    if data.startswith(OLE_MAGIC):
        return sniff_ole(data)
    if data.startswith((ZIP_MAGIC, EMPTY_ZIP_MAGIC)):
        return sniff_zip(data)
    # No workbook signature: text (CSV/TSV/TXT) or something else.
    markup = looks_like_markup(data[:4096])
    if markup is not None:
        return Sniffed(None, Verdict.NOT_SPREADSHEET, markup)
    if suffix in WORKBOOK_EXTENSIONS:
        # A truncated download, a text note or a CSV renamed to .xls: Excel
        # itself refuses or warns. We refuse and say what it is.
        return Sniffed(None, Verdict.NOT_SPREADSHEET, phrase(QT_TRANSLATE_NOOP(
            "Engine", "it has no {suffix} signature (damaged, truncated, or another kind of file renamed)"),
            suffix=suffix))
    if not is_probably_text(data[:65536]):
        return Sniffed(None, Verdict.NOT_SPREADSHEET, phrase(QT_TRANSLATE_NOOP(
            "Engine", "it is neither a workbook nor a text file")))
    return Sniffed(FileKind.CSV)


def is_probably_text(head: bytes) -> bool:
    """True for text in UTF-8/UTF-16/cp1252; False for binary data (images, pdf...)."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    if b"\x00" in head:
        # UTF-16 without a BOM has a NUL in every other byte; other binaries
        # have NULs scattered (we accept only the UTF-16 pattern).
        odd, even = head[1::2], head[0::2]
        half = max(1, len(head) // 2)
        if odd.count(0) > 0.9 * half or even.count(0) > 0.9 * half:
            return True
        # A few stray NULs in a text export are cleaned later; many mean binary.
        if head.count(0) > max(2, len(head) // 200):
            return False
    if head.startswith(b"%PDF") or head.startswith(b"\x89PNG"):
        return False
    controls = sum(head.count(bytes([c])) for c in range(1, 32) if c not in (9, 10, 13, 12))
    return controls <= max(2, len(head) // 100)
