"""Which number cells of an xlsx sheet carry a scientific number format (``0.00E+00``).

Rule 11 of :mod:`pricelookup.gtin`: a number displayed in scientific notation may
have been rounded to what the display showed and saved that way (a trip through
CSV and back, or a copy of the displayed values), and a rounded number ends in 0.
The text read gives a number cell as its digits without its format, so the
format is read here, from the package itself:

* the styles part (``xl/styles.xml``): the cell formats (``cellXfs``, indexed by a
  cell's ``s`` attribute) whose number format is scientific, the built-in 11
  (``0.00E+00``) and 48 (``##0.0E+0``), or a custom ``formatCode`` with ``E+`` or
  ``E-`` outside its quoted, escaped and bracketed parts;
* the sheet part, only when at least one cell format is scientific (most
  workbooks have none, and pay nothing more): every number cell (no ``t``, or
  ``t="n"``) whose ``s`` is one of them, by column letter and sheet row. One
  more inflate of the sheet, scanned by one regex (~0.3 s for 300,000 such
  cells, ~0.15 s per 50 MB of sheet XML without any).

xlsx/xlsm only. xlsb keeps formats in binary records, xls in BIFF and ods in its
own styles; there the General half of rule 11 (12 to 14 digits ending in 6 to 8
zeros) still applies. A cell is found by its ``r`` and ``s`` attributes written
first and in that order, as every writer we know writes them; a cell without
``r`` cannot be placed without counting every cell and is left out, as in
:mod:`.cellerrors`.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
import zipfile

from pricelookup.sheets import zipguard
from pricelookup.sheets.ooxml import Source, open_zip, styles_part

# Excel's built-in number formats that are scientific (ECMA-376 18.8.30: 11 "0.00E+00", 48 "##0.0E+0")
BUILTIN_SCIENTIFIC = frozenset({11, 48})
# what a format code shows literally: "quoted text", \x escapes, [colour] or [$-409] sections
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]')
_EXPONENT = re.compile(r"[Ee][+-]")
# how many cells are recorded per sheet at most (a bound on memory; far past any price list)
MAX_CELLS = 20_000_000


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def is_scientific(format_code: str) -> bool:
    """Whether an Excel number format code shows numbers in scientific notation."""
    return any(_EXPONENT.search(section) for section in _LITERALS.sub("", format_code).split(";"))


def scientific_styles(source: Source) -> frozenset[int]:
    """The ``s`` indexes (cell formats) of the workbook whose number format is scientific.

    Empty when there are none, or when the styles part is missing or unreadable
    (then nothing is known, and only the General half of rule 11 applies).
    """
    try:
        with open_zip(source) as zf:
            part = styles_part(zf)
            if part is None:
                return frozenset()
            info = zf.getinfo(part)
        # the package guard has counted this part already; read it within the same limit
        data = b"".join(zipguard.inflate(source, info, limit=zipguard.MAX_AUX_PART_BYTES))
        root = ET.fromstring(data)
    except (KeyError, zipfile.BadZipFile, OSError, ET.ParseError, zipguard.Refused, zipguard.Damaged):
        return frozenset()
    custom: set[int] = set()
    xfs: list[ET.Element] = []
    for elem in root:
        name = _local(elem.tag)
        if name == "numFmts":
            for fmt in elem:
                code, ident = fmt.get("formatCode", ""), fmt.get("numFmtId", "")
                if ident.isdigit() and is_scientific(code):
                    custom.add(int(ident))
        elif name == "cellXfs":
            xfs = [xf for xf in elem if _local(xf.tag) == "xf"]
    wanted = BUILTIN_SCIENTIFIC | custom
    return frozenset(
        i for i, xf in enumerate(xfs) if (xf.get("numFmtId") or "0").isdigit() and int(xf.get("numFmtId") or 0) in wanted
    )


def scientific_cells(source: Source, part: str, styles: frozenset[int]) -> dict[str, list[int]]:
    """Column letter -> sheet rows (1-based) of the number cells of sheet ``part`` whose format
    is one of ``styles``. The part has passed the bomb guard when its sheet was loaded."""
    if not styles:
        return {}
    ids = b"|".join(str(s).encode() for s in sorted(styles))
    # a number cell's start tag with one of those styles: <c r="B12" s="3">, <x:c r="B12" s="3" t="n">.
    # Attributes in the order every writer puts them (Excel, LibreOffice, openpyxl, xlsxwriter);
    # no t but "n" (a text, boolean or error cell is never rounded by a number format), and no
    # "/>" (an empty cell). The literal start lets the regex engine skip to candidates: 48 MB of
    # XML in ~0.15 s, and no Python work but for the cells found.
    cell = re.compile(rb'c r="([A-Z]{1,3})([0-9]+)" s="(?:' + ids + rb')"(?: t="n")?>')
    found: dict[str, list[int]] = {}
    with open_zip(source) as zf:
        info = zf.getinfo(part)
    carry = b""
    for chunk in zipguard.inflate(source, info, limit=zipguard.MAX_PART_BYTES):
        buffer = carry + chunk
        # cut before the last tag opener: no start tag spans two buffers
        cut = buffer.rfind(b"<")
        head, carry = (buffer[:cut], buffer[cut:]) if cut > 0 else (b"", buffer)
        if _record(cell, head, found):
            return found
    _record(cell, carry, found)
    return found


def _record(cell: re.Pattern[bytes], buffer: bytes, found: dict[str, list[int]]) -> bool:
    """Add the number cells ``cell`` matches in ``buffer`` to ``found``; True once it is full."""
    for letters, row in cell.findall(buffer):
        found.setdefault(letters.decode("ascii"), []).append(int(row))
    # checked per buffer (a few MB of XML, so at most a few hundred thousand cells over)
    return sum(map(len, found.values())) >= MAX_CELLS
