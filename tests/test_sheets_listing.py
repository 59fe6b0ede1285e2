"""Which sheets a workbook has, and which are hidden, very hidden or chart sheets, for every
shared test file (tests/data/calamine, tests/data/fastexcel).

The table was recorded from the reader this listing replaced (our own parsing of the
xlsx/xlsb workbook part and of the xls BOUNDSHEET records, and loading each ods sheet)
and from python-calamine's sheets_metadata: on all 53 files calamine opens, the two
agreed. In any_sheets.ods, "VeryHidden" is merely hidden (its table style says
display="false": ods has no very hidden state) and "Chart" is a plain table.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

from pricelookup.sheets import list_sheets
from pricelookup.sheets.detect import FileKind, is_zip, sniff_bytes, sniff_zip
from pricelookup.sheets.ooxml import workbook_only
from pricelookup.sheets.workbook import Workbook, sheet_metadata

DATA = Path(__file__).parent / "data"
FILES = sorted(f"{p.parent.name}/{p.name}" for folder in ("calamine", "fastexcel") for p in (DATA / folder).iterdir()
               if p.suffix.lower() in (".xlsx", ".xlsm", ".xlsb", ".xls", ".ods"))

Listing = list[tuple[str, str, str]]


def plain(*names: str) -> Listing:
    """Visible worksheets only."""
    return [(name, "visible", "worksheet") for name in names]


ANY_SHEETS = [("Visible", "visible", "worksheet"), ("Hidden", "hidden", "worksheet"),
              ("VeryHidden", "veryhidden", "worksheet"), ("Chart", "visible", "chart")]
EXPECTED: dict[str, Listing] = {
    # hidden, very hidden and chart sheets
    "calamine/any_sheets.xlsx": ANY_SHEETS,
    "calamine/any_sheets.xlsb": ANY_SHEETS,
    "calamine/any_sheets.xls": ANY_SHEETS,
    "calamine/any_sheets.ods": [("Visible", "visible", "worksheet"), ("Hidden", "hidden", "worksheet"),
                                ("VeryHidden", "hidden", "worksheet"), ("Chart", "visible", "worksheet")],
    "fastexcel/fixture-sheets-different-visibilities.xlsx": ANY_SHEETS[:3],
    # visible worksheets only
    "calamine/covered.ods": plain("sheet1"),
    "calamine/date.ods": plain("Sheet1"),
    "calamine/date_1904.xlsx": plain("Sheet1"),
    "calamine/empty-string.xls": plain("Sheet1"),
    "calamine/empty_shared_string.xlsx": plain("Sheet1"),
    "calamine/empty_shared_string_value.xlsx": plain("Sheet1"),
    "calamine/empty_sheet.xlsx": plain("Sheet1"),
    "calamine/encoded_entities.xlsx": plain("Sheet1"),
    "calamine/errors.xlsx": plain("Feuil1", "Feuil2", "Feuil3"),
    "calamine/formula.issue.xlsx": plain("Sheet1"),
    "calamine/has_x000D_.xlsx": plain("Sheet1"),
    "calamine/header-row.xlsx": plain("Sheet1"),
    "calamine/inlineStr_cdata.xlsx": plain("Sheet1"),
    "calamine/issue_261.xlsx": plain("Some Sheet"),
    "calamine/issue_646_unsupported_formula_function.xls": plain("Sheet1"),
    "calamine/issue_666_panic.xlsb": plain("Sheet1"),
    "calamine/issues.xlsx": plain("datatypes", "Sheet1", "issue2", "issue5", "issue6", "spc_chrs"),
    "calamine/merge_cells.xlsx": plain("Sheet1"),
    "calamine/merged_cells.ods": plain("Sheet1"),
    "calamine/minimal_package.xlsx": plain("Sheet1"),
    "calamine/multi-empty.ods": plain("Test"),
    "calamine/no-header.xlsx": plain("Feuille 1"),
    "calamine/nonstandard-xml-ns-prefix.xlsx": plain("Sheet1"),
    "calamine/number_rows_repeated.ods": plain("Sheet1", "Sheet2", "Sheet3"),
    "calamine/sheet_name_parsing.xls": plain("Sheet1"),
    "calamine/single-empty.ods": plain("Test"),
    "calamine/strict_iso_paths.xlsx": plain("ml_out"),
    "calamine/string-ref.xlsx": plain("Sheet1", "Sheet2"),
    "calamine/temperature-in-middle.xlsx": plain("Sheet1"),
    "calamine/vba.xlsm": plain("Sheet1", "Sheet2", "Sheet3"),
    "calamine/whitespace_trim.xlsx": plain("inlineStr", "SharedStrings"),
    "calamine/xls_wrong_decimals.xls": plain("Sheet1"),
    "fastexcel/decimal-numbers.xlsx": plain("Sheet1"),
    "fastexcel/div0.xlsx": plain("Sheet1"),
    "fastexcel/empty.ods": plain("Sheet1"),
    "fastexcel/empty.xlsx": plain("Sheet1"),
    "fastexcel/fixture-changing-header-location.xlsx": plain("Sheet1", "Sheet2", "Sheet3"),
    "fastexcel/fixture-invalid-cell-value-num.xlsx": plain("Result"),
    "fastexcel/fixture-invalid-cell-value.xlsx": plain("Sheet1"),
    "fastexcel/fixture-multi-dtypes-columns.xlsx": plain("Sheet1"),
    "fastexcel/fixture-single-sheet-duplicated-columns.xlsx": plain("January"),
    "fastexcel/fixture-type-errors.xlsx": plain("Sheet1"),
    "fastexcel/null-column.xlsx": plain("rcc_survey_simulation"),
    "fastexcel/sheet-and-table-with-offset.xlsx": plain("without-table", "with-table"),
    "fastexcel/sheet-and-table-with-whitespace.xlsx": plain("Without Table", "With Table"),
    "fastexcel/sheet-null-strings-empty.xlsx": plain("TEST"),
    "fastexcel/sheet-null-strings.xlsx": plain("TEST"),
    "fastexcel/sheet-with-na.xlsx": plain("Sheet1", "Broken refs"),
}
#: files calamine does not open (their messages are tested in test_sheets_wild / test_sheets_hostile)
NOT_OPENED = {
    "calamine/OOM_alloc3.xls": "a sector index past the end of the file",
    "calamine/issue252.xlsx": "a part larger than its declared size",
    "calamine/issue_385.xls": "password protected",
    "calamine/issue_594_dos.ods": "a repeat bomb",
    "calamine/pass_protected.ods": "password protected",
    "calamine/pass_protected.xlsb": "password protected",
    "calamine/pass_protected.xlsx": "password protected",
    "calamine/too_small.xls": "a 68-byte text file",
}


def open_workbook(name: str) -> Workbook:
    path = DATA / name
    data = path.read_bytes()
    sniffed = sniff_zip(path) if is_zip(data) else sniff_bytes(data, path.suffix.lower())
    assert sniffed.kind is not None, name
    return Workbook(path if is_zip(data) else data, sniffed.kind, path, name)


def test_every_test_file_is_in_the_table() -> None:
    assert sorted([*EXPECTED, *NOT_OPENED]) == FILES


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sheet_listing(name: str) -> None:
    assert [(i.name, i.visibility, i.kind) for i in list_sheets(DATA / name)] == EXPECTED[name]


@pytest.mark.parametrize("name", sorted(n for n in EXPECTED if not n.endswith(".ods")))
def test_listing_comes_from_calamine_without_loading_a_sheet(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    workbook = open_workbook(name)
    path = DATA / name
    source = path if workbook.kind is not FileKind.XLS else path.read_bytes()
    listed = sheet_metadata(source, workbook.kind, path)
    assert [(i.name, i.visibility, i.kind) for i in listed.values()] == EXPECTED[name]

    def no_loading(sheet: str) -> None:
        raise AssertionError(f"sheet {sheet!r} loaded to list the sheets")

    monkeypatch.setattr(workbook, "_load", no_loading)
    assert [(i.name, i.visibility, i.kind) for i in workbook.infos()] == EXPECTED[name]


@pytest.mark.parametrize("name", ["calamine/any_sheets.xlsx", "calamine/any_sheets.xlsb",
                                  "calamine/strict_iso_paths.xlsx", "calamine/whitespace_trim.xlsx"])
def test_calamine_gets_the_workbook_part_alone(name: str) -> None:
    """No sheet and no shared strings: calamine would parse those on opening (0.4 s at 1M rows)."""
    with zipfile.ZipFile(DATA / name) as zf:
        slim = workbook_only(zf, xlsb=name.endswith(".xlsb"))
        assert "xl/sharedStrings.xml" in zf.namelist() or "xl/sharedStrings.bin" in zf.namelist()
    members = set(zipfile.ZipFile(io.BytesIO(slim)).namelist())
    assert not any("sheet" in m.lower() or "styles" in m for m in members), members
    assert members & {"xl/workbook.xml", "xl/workbook.bin"}
