"""Sheet metadata of xlsx/xlsm/xlsb packages, read without loading any sheet.

fastexcel only tells a sheet's visibility after parsing the whole sheet, and
never whether it is a chart sheet. Picking "the first visible worksheet with
data" must not parse a hidden million-row sheet first, so the names, states
and kinds come from the small workbook part and its relationships instead.
"""

from __future__ import annotations

import io
import posixpath
import struct
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

#: a workbook as bytes already read, or as its path (big zips are never read whole)
Source = bytes | Path

Visibility = Literal["visible", "hidden", "veryhidden"]
SheetKind = Literal["worksheet", "chart", "dialog", "macro"]


@dataclass(frozen=True)
class SheetMeta:
    """One sheet as the workbook part declares it."""

    name: str
    visible: Visibility
    kind: SheetKind
    part: str | None  # zip member holding the sheet, when known


def open_zip(source: Source) -> zipfile.ZipFile:
    """A ZipFile over bytes or a path (only the members asked for are read)."""
    return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _attr(elem: ET.Element, local_name: str) -> str | None:
    for key, value in elem.attrib.items():
        if _local(key) == local_name:
            return value
    return None


def _kind_from_rel_type(rel_type: str) -> SheetKind:
    tail = rel_type.rsplit("/", 1)[-1].lower()
    if tail == "chartsheet":
        return "chart"
    if tail == "dialogsheet":
        return "dialog"
    if tail in ("xlmacrosheet", "xlintlmacrosheet", "macrosheet"):
        return "macro"
    return "worksheet"


def _visibility(state: str | None) -> Visibility:
    state = (state or "visible").lower()
    if state == "veryhidden":
        return "veryhidden"
    if state == "hidden":
        return "hidden"
    return "visible"


def _rels_path(part: str) -> str:
    folder, name = posixpath.split(part)
    return posixpath.join(folder, "_rels", name + ".rels")


def _read_rels(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, resolved target part) of ``part``."""
    try:
        root = ET.fromstring(zf.read(_rels_path(part)))
    except (KeyError, ET.ParseError):
        return {}
    folder = posixpath.dirname(part)
    rels: dict[str, tuple[str, str]] = {}
    for rel in root:
        rid, rtype, target = rel.get("Id"), rel.get("Type", ""), rel.get("Target", "")
        if not rid:
            continue
        resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
            posixpath.join(folder, target)
        )
        rels[rid] = (rtype, resolved)
    return rels


def _workbook_part(zf: zipfile.ZipFile, names: set[str], default: str) -> str:
    for rtype, target in _read_rels(zf, "").values():
        if rtype.endswith("/officeDocument") and target in names:
            return target
    return default


def xlsx_sheets(zf: zipfile.ZipFile) -> list[SheetMeta]:
    """Sheets of an xlsx/xlsm package in workbook order (empty list when unreadable)."""
    names = set(zf.namelist())
    part = _workbook_part(zf, names, "xl/workbook.xml")
    try:
        root = ET.fromstring(zf.read(part))
    except (KeyError, ET.ParseError):
        return []
    rels = _read_rels(zf, part)
    out: list[SheetMeta] = []
    for elem in root.iter():
        if _local(elem.tag) != "sheet":
            continue
        rid = _attr(elem, "id")
        rtype, target = rels.get(rid or "", ("", None))
        out.append(
            SheetMeta(
                name=elem.get("name", ""),
                visible=_visibility(elem.get("state")),
                kind=_kind_from_rel_type(rtype),
                part=target,
            )
        )
    return out


# --- xlsb -------------------------------------------------------------------

BRT_BUNDLE_SH = 0x9C  # [MS-XLSB] 2.4.304 BrtBundleSh


def iter_records(data: bytes):  # type: ignore[no-untyped-def]
    """Yield ``(record_type, payload)`` of an xlsb binary part ([MS-XLSB] 2.1.4)."""
    pos, end = 0, len(data)
    while pos < end:
        rtype = 0
        for shift in (0, 7):
            if pos >= end:
                return
            byte = data[pos]
            pos += 1
            rtype |= (byte & 0x7F) << shift
            if not byte & 0x80:
                break
        size = 0
        for shift in (0, 7, 14, 21):
            if pos >= end:
                return
            byte = data[pos]
            pos += 1
            size |= (byte & 0x7F) << shift
            if not byte & 0x80:
                break
        if pos + size > end:
            return
        yield rtype, data[pos : pos + size]
        pos += size


def _wide_string(buf: bytes, pos: int) -> tuple[str | None, int]:
    (count,) = struct.unpack_from("<I", buf, pos)
    pos += 4
    if count == 0xFFFFFFFF:
        return None, pos
    raw = buf[pos : pos + 2 * count]
    return raw.decode("utf-16-le", "replace"), pos + 2 * count


def xlsb_sheets(zf: zipfile.ZipFile) -> list[SheetMeta]:
    """Sheets of an xlsb package in workbook order (empty list when unreadable)."""
    names = set(zf.namelist())
    part = _workbook_part(zf, names, "xl/workbook.bin")
    try:
        data = zf.read(part)
    except KeyError:
        return []
    rels = _read_rels(zf, part)
    out: list[SheetMeta] = []
    states: dict[int, Visibility] = {0: "visible", 1: "hidden", 2: "veryhidden"}
    for rtype, payload in iter_records(data):
        if rtype != BRT_BUNDLE_SH or len(payload) < 12:
            continue
        try:
            (hs_state,) = struct.unpack_from("<I", payload, 0)
            rid, pos = _wide_string(payload, 8)
            name, _ = _wide_string(payload, pos)
        except struct.error:
            return []
        rel_type, target = rels.get(rid or "", ("", None))
        out.append(
            SheetMeta(
                name=name or "",
                visible=states.get(hs_state & 0x3, "visible"),
                kind=_kind_from_rel_type(rel_type),
                part=target,
            )
        )
    return out
