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

from pricelookup.export.workbook import SheetLimits, export_workbook

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


def test_every_sheet_declares_its_used_range(tmp_path: Path) -> None:
    """The <dimension> Excel writes: openpyxl's read-only mode counts rows and columns from it."""
    from openpyxl import load_workbook  # lazy: only this test opens workbooks with openpyxl

    report = export_workbook(rich_result(tmp_path), tmp_path / "dims.xlsx",
                             limits=SheetLimits(max_rows=5, max_links=2))
    full = load_workbook(report.path)
    fast = load_workbook(report.path, read_only=True)
    assert fast.sheetnames == full.sheetnames == list(report.sheets)
    for name in full.sheetnames:
        normal = full[name]
        rows = list(normal.iter_rows(values_only=True))
        last_col = max((i for r in rows for i, v in enumerate(r, 1) if v is not None), default=1)
        assert (fast[name].max_row, fast[name].max_column) == (normal.max_row, normal.max_column), name
        assert fast[name].calculate_dimension() == f"A1:{normal.cell(1, last_col).column_letter}{len(rows)}", name
    assert [fast[n].max_row for n in fast.sheetnames if n.startswith("Results")] == [5, 5, 5, 2]


def test_links_join_the_relationships_a_sheet_already_has(tmp_path: Path) -> None:
    """A sheet with a chart already has a relationships part: the links are added to it, ids apart."""
    from openpyxl import Workbook, load_workbook  # lazy: only this test builds a skeleton by hand
    from openpyxl.chart import BarChart, Reference

    from pricelookup.export.package import SheetPart, assemble

    wb = Workbook()
    ws = wb.active
    ws.title = "Chart & links"
    chart = BarChart()
    chart.add_data(Reference(ws, min_col=1, min_row=1, max_row=2))
    ws.add_chart(chart, "C1")
    skeleton = tmp_path / "skeleton.xlsx"
    wb.save(skeleton)
    rows = tmp_path / "rows.xml"
    rows.write_text('<row r="1"><c r="A1" t="inlineStr"><is><t>https://shop.example/a?x=1&amp;y=2</t></is></c></row>'
                    '<row r="2"><c r="A2"><v>2</v></c></row>')
    target = tmp_path / "out.xlsx"
    assemble(skeleton.read_bytes(), {"Chart & links": SheetPart(rows, "A1:A2", [("A1", "https://shop.example/a?x=1&y=2")])},
             target, compresslevel=1)
    with zipfile.ZipFile(target) as z:
        rels = etree.fromstring(z.read("xl/worksheets/_rels/sheet1.xml.rels"))
        sheet = etree.fromstring(z.read("xl/worksheets/sheet1.xml"))
    kinds = sorted(r.get("Type").rsplit("/", 1)[-1] for r in rels)
    assert kinds == ["drawing", "hyperlink"]
    assert len({r.get("Id") for r in rels}) == 2
    assert [etree.QName(e).localname for e in sheet][-3:] == ["hyperlinks", "pageMargins", "drawing"]
    back = load_workbook(target)["Chart & links"]
    assert back["A1"].hyperlink.target == "https://shop.example/a?x=1&y=2"
    assert back["A2"].value == 2 and len(back._charts) == 1  # the chart survived the splice
    assert check_package(target)["xl/worksheets/sheet1.xml"] == 2


@pytest.mark.parametrize("sheet_xml", [
    '<worksheet xmlns="m"><sheetData><row r="1"/></sheetData></worksheet>',  # not empty
    '<worksheet xmlns="m"><sheetData/></worksheet>',  # no dimension
])
def test_a_worksheet_shaped_otherwise_is_refused_not_damaged(tmp_path: Path, sheet_xml: str) -> None:
    from pricelookup.export.package import PackageError, SheetPart, split_sheet

    with pytest.raises(PackageError, match="openpyxl release"):
        split_sheet(sheet_xml, SheetPart(tmp_path / "rows.xml"))


def test_the_export_needs_no_lxml(tmp_path: Path) -> None:
    """The frozen app leaves lxml out: openpyxl then writes with the standard library."""
    import subprocess  # lazy: only this test starts a child interpreter
    import sys

    script = (
        "import sys; sys.modules['lxml'] = None\n"
        "sys.path[:0] = [sys.argv[1], sys.argv[3]]  # export_builders, and the tests' own helpers\n"
        "from pathlib import Path\n"
        "from export_builders import rich_result\n"
        "from pricelookup.export.workbook import export_workbook\n"
        "import openpyxl.xml\n"
        "assert not openpyxl.xml.LXML\n"
        "print(export_workbook(rich_result(Path(sys.argv[2])), Path(sys.argv[2]) / 'plain.xlsx').path)\n"
    )
    done = subprocess.run([sys.executable, "-c", script, str(Path(__file__).parent), str(tmp_path),
                           str(Path(__file__).parents[1])],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    check_package(Path(done.stdout.strip()))
