"""The xlsx package: the file openpyxl saves, with our rows put into its empty sheets.

openpyxl writes everything around the cells through its public API
(``Workbook.save``): the workbook and styles parts, sheet views, column widths,
frozen panes, autofilters and the Summary's chart. Its sheets are saved empty.
While the zip is copied into the target, each worksheet part gets three things
of ours (:class:`SheetPart`): its ``<sheetData>`` rows, streamed from a file
:mod:`~pricelookup.export.xlsxstream` wrote; the ``<dimension>`` Excel itself
writes (openpyxl's read-only mode reports no row count without it); and the
``<hyperlinks>`` of its cells with their relationships.

The only thing relied on in openpyxl's output is the worksheet schema
(ECMA-376 ``CT_Worksheet``): one ``<dimension>`` and one empty ``<sheetData>``
per sheet, elements in schema order. If a release ever wrote otherwise,
:class:`PackageError` says so instead of writing a damaged file.
"""

from __future__ import annotations

import io
import posixpath
import re
import shutil
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from pricelookup.sheets.ooxml import xlsx_parts

_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_HYPERLINK_TYPE = f"{_REL_NS}/hyperlink"

_DIMENSION = re.compile(r"<dimension\b[^>]*/>")
_EMPTY_SHEET_DATA = re.compile(r"<sheetData\s*/>|<sheetData>\s*</sheetData>")
#: the elements ``CT_Worksheet`` places after ``<hyperlinks>``: ours go before the first one present
_AFTER_HYPERLINKS = re.compile(
    r"<(?:printOptions|pageMargins|pageSetup|headerFooter|rowBreaks|colBreaks|customProperties|cellWatches"
    r"|ignoredErrors|smartTags|drawing|legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls"
    r"|webPublishItems|tableParts|extLst)\b|</worksheet>")
#: relationship ids of our links; openpyxl numbers its own rId1, rId2...
_LINK_ID = "rIdLink{}"
_COPY_CHUNK = 1 << 20


class PackageError(RuntimeError):
    """openpyxl's saved workbook is not shaped as the splice expects (a library change)."""


@dataclass
class SheetPart:
    """What we write into one sheet of the saved package."""

    rows_file: Path  # the sheet's ``<row>`` elements, UTF-8
    dimension: str = "A1"  # the used range, "A1:K1001"
    links: Sequence[tuple[str, str]] = field(default_factory=list)  # (cell reference, URL)


def assemble(skeleton: bytes, sheets: Mapping[str, SheetPart], target: Path, *, compresslevel: int) -> None:
    """Write ``target``: the package ``skeleton`` (openpyxl's save) with each titled sheet filled in."""
    with zipfile.ZipFile(io.BytesIO(skeleton)) as source:
        members = xlsx_parts(source)
        filling: dict[str, SheetPart] = {}
        for title, part in sheets.items():
            member = members.get(title)
            if member is None:
                raise PackageError(f"openpyxl saved no worksheet part for the sheet {title!r}")
            filling[member] = part
        link_rels = {_rels_name(m): p.links for m, p in filling.items() if p.links}
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED, allowZip64=True,
                             compresslevel=compresslevel) as out:
            for name in source.namelist():
                if name in filling:
                    _write_sheet(out, name, source.read(name).decode("utf-8"), filling[name])
                elif name in link_rels:
                    out.writestr(name, _with_links(source.read(name).decode("utf-8"), link_rels.pop(name)))
                else:
                    out.writestr(name, source.read(name))
            for name, links in link_rels.items():  # sheets that had no relationships of their own
                out.writestr(name, _with_links(f'<Relationships xmlns="{_PKG_REL_NS}"></Relationships>', links))


def _rels_name(member: str) -> str:
    folder, name = posixpath.split(member)
    return posixpath.join(folder, "_rels", f"{name}.rels")


def _write_sheet(out: zipfile.ZipFile, name: str, xml: str, part: SheetPart) -> None:
    head, tail = split_sheet(xml, part)
    head_bytes, tail_bytes = head.encode("utf-8"), tail.encode("utf-8")
    size = len(head_bytes) + part.rows_file.stat().st_size + len(tail_bytes)
    # zipfile's own rule for a member of known size: ZIP64 headers only when it may pass 2 GiB
    zip64 = size * 1.05 > zipfile.ZIP64_LIMIT
    with out.open(name, "w", force_zip64=zip64) as dst, part.rows_file.open("rb") as rows:
        dst.write(head_bytes)
        shutil.copyfileobj(rows, dst, _COPY_CHUNK)
        dst.write(tail_bytes)


def split_sheet(xml: str, part: SheetPart) -> tuple[str, str]:
    """openpyxl's empty worksheet part as the text before and after our rows."""
    xml, found = _DIMENSION.subn(f'<dimension ref="{part.dimension}"/>', xml, count=1)
    empty = _EMPTY_SHEET_DATA.search(xml)
    if found != 1 or empty is None:
        raise PackageError("openpyxl wrote a worksheet without <dimension> or an empty <sheetData>; "
                           "this openpyxl release is not supported by the export")
    head, tail = xml[: empty.start()] + "<sheetData>", "</sheetData>" + xml[empty.end():]
    if part.links:
        anchor = _AFTER_HYPERLINKS.search(tail)
        assert anchor is not None  # "</worksheet>" is among the alternatives
        tail = tail[: anchor.start()] + hyperlinks_xml(part.links) + tail[anchor.start():]
    return head, tail


def hyperlinks_xml(links: Sequence[tuple[str, str]]) -> str:
    """The sheet's ``<hyperlinks>`` element; link ``i`` points to relationship ``rIdLink{i}``."""
    out = [f'<hyperlinks xmlns:r="{_REL_NS}">']
    out += [f'<hyperlink ref="{ref}" r:id="{_LINK_ID.format(i)}"/>' for i, (ref, _) in enumerate(links, 1)]
    out.append("</hyperlinks>")
    return "".join(out)


def _with_links(rels_xml: str, links: Sequence[tuple[str, str]]) -> str:
    """A relationships part with one external hyperlink relationship per link added."""
    close = rels_xml.rfind("</Relationships>")
    if close < 0:
        raise PackageError("openpyxl wrote a relationships part without </Relationships>")
    ours = "".join(f'<Relationship Id="{_LINK_ID.format(i)}" Type="{_HYPERLINK_TYPE}" '
                   f'Target="{_attr(url)}" TargetMode="External"/>' for i, (_, url) in enumerate(links, 1))
    return rels_xml[:close] + ours + rels_xml[close:]


def _attr(value: str) -> str:
    """Escape an XML attribute value (double-quoted)."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
            .replace("\n", "&#10;").replace("\r", "&#13;").replace("\t", "&#9;"))
