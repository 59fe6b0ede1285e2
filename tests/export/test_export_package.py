"""The package itself: what Excel checks before it offers to "repair" a workbook.

Every part is well-formed XML; rows and cells are in order with matching
references; style indexes exist; every hyperlink has its relationship; the
hyperlink count per sheet stays under Excel's cap; no formula or error cell.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import polars as pl
import pytest
from export_builders import make_result, make_table, rich_result
from lxml import etree
from openpyxl.utils import column_index_from_string

from pricelookup.export import SheetLimits, export_workbook

NS = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
      "p": "http://schemas.openxmlformats.org/package/2006/relationships"}
_REF = re.compile(r"([A-Z]+)(\d+)$")


def check_package(path: Path, max_links: int = 65_530) -> dict[str, int]:
    """Assert the structural rules; returns rows per worksheet part."""
    rows_per_part: dict[str, int] = {}
    with zipfile.ZipFile(path) as z:
        names = set(z.namelist())
        parts = {n: etree.fromstring(z.read(n)) for n in names if n.endswith((".xml", ".rels"))}
        styles = parts["xl/styles.xml"]
        n_xf = len(styles.find("m:cellXfs", NS))
        types = etree.tostring(parts["[Content_Types].xml"]).decode()
        for name, root in parts.items():
            if not re.fullmatch(r"xl/worksheets/sheet\d+\.xml", name):
                continue
            assert f'PartName="/{name}"' in types
            assert root.findall(".//m:f", NS) == []
            last_row = 0
            for row in root.iterfind("m:sheetData/m:row", NS):
                r = int(row.get("r"))
                assert r > last_row, (name, r)
                last_row = r
                last_col = 0
                for c in row.iterfind("m:c", NS):
                    col, rr = _REF.match(c.get("r")).groups()  # type: ignore[union-attr]
                    assert int(rr) == r
                    ci = column_index_from_string(col)
                    assert ci > last_col, (name, c.get("r"))
                    last_col = ci
                    assert c.get("t") in (None, "inlineStr", "b")
                    assert int(c.get("s", "0")) < n_xf
            rows_per_part[name] = last_row
            links = root.findall("m:hyperlinks/m:hyperlink", NS)
            assert len(links) <= max_links
            if links:
                rels = parts[name.replace("worksheets/", "worksheets/_rels/") + ".rels"]
                targets = {r.get("Id"): r for r in rels.iterfind("p:Relationship", NS)}
                for link in links:
                    rel = targets[link.get(f"{{{NS['r']}}}id")]
                    assert rel.get("TargetMode") == "External"
                    assert rel.get("Target").startswith(("http://", "https://"))
    return rows_per_part


@pytest.mark.parametrize("layout", ["row", "column"])
def test_package_structure(tmp_path: Path, layout: str) -> None:
    report = export_workbook(rich_result(tmp_path), tmp_path / f"{layout}.xlsx", layout=layout)  # type: ignore[arg-type]
    rows = check_package(report.path)
    assert rows["xl/worksheets/sheet1.xml"] == report.rows_written + 1


def test_package_structure_with_caps_and_overflow(tmp_path: Path) -> None:
    report = export_workbook(rich_result(tmp_path), tmp_path / "caps.xlsx",
                             limits=SheetLimits(max_rows=5, max_links=2))
    rows = check_package(report.path, max_links=2)
    results_parts = [rows[f"xl/worksheets/sheet{i}.xml"] for i in range(1, 5)]
    assert sum(r - 1 for r in results_parts) == report.rows_written == 13


def test_an_empty_table_still_gives_a_valid_workbook(tmp_path: Path) -> None:
    table = make_table(tmp_path, {"snipcart.id": [], "snipcart.ean": []}, "snipcart.ean")
    assert table.frame.height == 0 and table.frame.schema["snipcart.id"] == pl.String
    report = export_workbook(make_result(table), tmp_path / "empty.xlsx")
    assert report.rows_written == 0
    assert check_package(report.path)["xl/worksheets/sheet1.xml"] == 1
