"""Cells the text read would leave blank, and what the analyst is told about the code column:
formulas without a saved value (xlsx), error cells in ods, a second column of valid codes."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import openpyxl
import pytest
import xlsxwriter

import libreoffice
from pricelookup.cli import main
from pricelookup.sheets import read_table
from pricelookup.sheets.cellerrors import FORMULA_WITHOUT_VALUE, xlsx_error_cells
from pricelookup.validation import FORMULA_WITHOUT_VALUE_REASON, validate_table
from test_sheets_hostile import error_cell, ods_row, text_cell, write_ods

TOP_KEYS = ["file", "sheet", "header_row", "column", "summary", "rows"]


# --- 3. formulas without a saved value ------------------------------------------------------


def openpyxl_formulas(path: Path, rows: int = 3) -> Path:
    """openpyxl writes <f> and an empty <v>: only a spreadsheet program computes the value."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["EAN", "Nom", "Prix"])
    ws.append(["3401351277399", "a", 1])
    ws["A3"] = "=1+1"
    ws["B3"] = "b"
    ws["C3"] = "=2*3"  # not the code column: stays blank
    ws["A4"] = '=CONCAT("340135","1277399")'
    ws["B4"] = "c"
    for r in range(5, 5 + rows):
        ws.append(["0012345678905", f"n{r}", r])
    wb.save(path)
    return path


def test_formula_without_value_is_reported_not_empty(tmp_path: Path) -> None:
    path = openpyxl_formulas(tmp_path / "f.xlsx")
    table = read_table(path)
    assert table.frame["EAN"].to_list()[:3] == ["3401351277399", FORMULA_WITHOUT_VALUE, FORMULA_WITHOUT_VALUE]
    assert table.frame["Prix"][1] is None  # other columns stay as read
    checks = validate_table(table).checks
    row3 = checks.filter(checks["row"] == 3).row(0, named=True)
    assert row3["status"] == "invalid" and row3["reason"] == FORMULA_WITHOUT_VALUE_REASON
    assert row3["gtin14"] is None
    assert "open and save the file in Excel, or export the sheet as values" in FORMULA_WITHOUT_VALUE_REASON


def test_formula_marker_on_big_sheets_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above FULL_ERROR_SCAN_ROWS only the code column is scanned: it still gets the marker."""
    import pricelookup.sheets as sheets
    import pricelookup.sheets.workbook as workbook

    monkeypatch.setattr(workbook, "FULL_ERROR_SCAN_ROWS", 3)
    monkeypatch.setattr(sheets, "FULL_ERROR_SCAN_ROWS", 3)
    table = read_table(openpyxl_formulas(tmp_path / "big.xlsx", rows=10))
    assert table.frame["EAN"][1] == FORMULA_WITHOUT_VALUE


def test_formulas_with_saved_values_are_not_marked(tmp_path: Path) -> None:
    path = tmp_path / "cached.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["EAN", "Nom"])
    ws.write_formula(1, 0, '="3401351277399"', None, "3401351277399")
    ws.write_string(2, 1, "blank on purpose")
    ws.write_formula(3, 0, "=NA()", None, "#N/A")
    wb.close()
    # Excel saves a text formula whose result is "" as t="str" with an empty <v>: a saved value.
    sheet = "xl/worksheets/sheet1.xml"
    with zipfile.ZipFile(path) as zf:
        parts = {i.filename: zf.read(i) for i in zf.infolist()}
    parts[sheet] = parts[sheet].replace(
        b'<c r="B3" t="s">', b'<c r="A3" t="str"><f>IF(1,"","x")</f><v></v></c><c r="B3" t="s">')
    assert b'<c r="A3" t="str">' in parts[sheet]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    assert xlsx_error_cells(path.read_bytes(), sheet) == [(4, 0, "#N/A")]
    assert read_table(path, column="A").frame["A"].to_list()[-3:] == ["3401351277399", "", "#N/A"]


def test_validate_prints_the_formula_reason(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = openpyxl_formulas(tmp_path / "f.xlsx")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert f'row 3  "{FORMULA_WITHOUT_VALUE}": {FORMULA_WITHOUT_VALUE_REASON}' in out


# --- 4. ods error cells -----------------------------------------------------------------------


def test_ods_error_cells_read_as_their_literal(tmp_path: Path) -> None:
    rows = (
        ods_row()  # an empty first row: positions stay sheet rows
        + ods_row(text_cell(b"EAN"), text_cell(b"Nom"))
        + ods_row(text_cell(b"3401351277399"), text_cell(b"a"))
        + ods_row(error_cell(b"of:=NA()", b"#N/A"), text_cell(b"b"))
        + ods_row(error_cell(b"of:=1/0", b"#DIV/0!"), text_cell(b"c"))
        + ods_row(error_cell(b"of:=SQRT(-1)", b"Err:502"), error_cell(b"of:=[.Z99]", b"#REF!"), repeat=2)
    )
    path = write_ods(tmp_path / "errors.ods", rows)
    table = read_table(path)
    assert table.header_row == 2
    assert table.frame["EAN"].to_list() == ["3401351277399", "#N/A", "#DIV/0!", "Err:502", "Err:502"]
    assert table.frame["Nom"].to_list() == ["a", "b", "c", "#REF!", "#REF!"]
    assert table.row_numbers.to_list() == [3, 4, 5, 6, 7]
    reasons = validate_table(table).checks["reason"].to_list()
    assert reasons[1:] == ["Excel error cell #N/A", "Excel error cell #DIV/0!",
                           "LibreOffice error cell Err:502", "LibreOffice error cell Err:502"]


def test_ods_error_cells_on_big_sheets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pricelookup.sheets as sheets
    import pricelookup.sheets.workbook as workbook

    monkeypatch.setattr(workbook, "FULL_ERROR_SCAN_ROWS", 3)
    monkeypatch.setattr(sheets, "FULL_ERROR_SCAN_ROWS", 3)
    rows = ods_row(text_cell(b"EAN"), text_cell(b"Nom")) + ods_row(text_cell(b"3401351277399"), text_cell(b"x")) * 5
    rows += ods_row(error_cell(b"of:=NA()", b"#N/A"), error_cell(b"of:=NA()", b"#N/A"))
    table = read_table(write_ods(tmp_path / "big.ods", rows))
    assert table.frame["EAN"][-1] == "#N/A"
    assert table.frame["Nom"][-1] == ""  # big sheets: only the code column (documented)


# --- 6. two columns of valid codes ---------------------------------------------------------------


def two_code_columns(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Produits")
    ws.write_row(0, 0, ["EAN", "Nom", "EAN"])  # carton and unit EAN: the second becomes EAN_2
    for r, (unit, carton) in enumerate([("3401351277399", "03401351277399"),
                                        ("0012345678905", "10012345678902"),
                                        ("4006381333931", "14006381333938")], start=1):
        ws.write_row(r, 0, [carton, f"p{r}", unit])
    wb.close()
    return path


def test_second_column_of_codes_is_named(tmp_path: Path) -> None:
    table = read_table(two_code_columns(tmp_path / "two.xlsx"))
    assert table.code_column == "EAN"  # still the first
    assert table.code_column_reason.endswith(
        'also found: column "EAN_2" (C, 100% valid codes); use --column to choose')
    chosen = read_table(tmp_path / "two.xlsx", column="EAN_2")
    assert "also found" not in chosen.code_column_reason  # chosen on purpose: nothing to say


def test_validate_shows_the_other_column_and_json_is_unchanged(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = two_code_columns(tmp_path / "two.xlsx")
    assert main(["validate", str(path)]) == 0
    out = capsys.readouterr().out
    assert 'also found: column "EAN_2" (C, 100% valid codes); use --column to choose' in out
    assert main(["validate", str(path), "--json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert list(doc) == TOP_KEYS and doc["column"] == "EAN"


def test_single_code_column_has_no_note(tmp_path: Path) -> None:
    path = tmp_path / "one.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["EAN", "SKU"])
    ws.write_row(1, 0, ["3401351277399", "100001"])
    ws.write_row(2, 0, ["0012345678905", "100002"])
    wb.close()
    assert "also found" not in read_table(path).code_column_reason
    assert zipfile.is_zipfile(path)


@pytest.mark.libreoffice
def test_ods_error_cells_as_libreoffice_writes_them(tmp_path: Path) -> None:
    """A real LibreOffice file: #N/A and #DIV/0! keep Excel's literals, SQRT(-1) is Err:502."""
    libreoffice.require()
    src = tmp_path / "errors.xlsx"
    wb = xlsxwriter.Workbook(str(src))
    ws = wb.add_worksheet("Produits")
    ws.write_row(0, 0, ["EAN", "Nom"])
    ws.write_row(1, 0, ["3401351277399", "a"])
    for r, (formula, cached) in enumerate([("=NA()", "#N/A"), ("=1/0", "#DIV/0!"), ("=SQRT(-1)", "#NUM!")], 2):
        ws.write_formula(r, 0, formula, None, cached)
        ws.write_string(r, 1, "x")
    wb.close()
    table = read_table(libreoffice.convert_one(src, "ods", tmp_path))
    assert table.frame["EAN"].to_list() == ["3401351277399", "#N/A", "#DIV/0!", "Err:502"]
    assert validate_table(table).checks["reason"].to_list()[1:] == [
        "Excel error cell #N/A", "Excel error cell #DIV/0!", "LibreOffice error cell Err:502"]
