"""The same product table written by xlsxwriter, openpyxl and LibreOffice (ods, xls), read back.

The table is what analysts send: a hidden helper sheet first, then a sheet
with a merged title, a blank row, the header on row 3, codes stored as
numbers and as text (leading zeros), a blank row in the middle, an #N/A from
a formula (empty in the xls, like every xls error cell), and a price column.
"""

from __future__ import annotations

from pathlib import Path

import openpyxl
import polars as pl
import pytest
import xlsxwriter

import libreoffice
from pricelookup.errors import InputFileError, SettingsError
from pricelookup.sheets import list_sheets, read_table

HEADER = ["Réf", "Désignation", "Code EAN", "Prix"]
# (row index 0-based in the sheet, values); codes: number, text with zeros, number
ROWS = [
    (3, ["A-1", "Crème été", 3401351277399, 12.5]),
    (4, ["A-2", "Pâte", "0012345678905", 3.99]),
    (5, ["A-3", "Lot", 4006381333931, 1234]),
    # row index 6 (sheet row 7) left blank on purpose
    (7, ["A-4", "Savon", 5012345678900, -2.5]),
    (8, ["A-5", "Erreur", None, 1]),  # code cell: =NA() / #N/A
    (9, ["A-6", "Court", 12345678905, 0.1]),  # UPC that lost its leading 0
]
EXPECTED_ROWS = [4, 5, 6, 8, 9, 10]
EXPECTED_CODES = ["3401351277399", "0012345678905", "4006381333931", "5012345678900", "#N/A", "12345678905"]


def write_xlsxwriter(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    helper = wb.add_worksheet("Aide")
    helper.write(0, 0, "hidden helper data")
    helper.write(1, 0, 1234567890128)
    helper.hide()
    ws = wb.add_worksheet("Produits")
    ws.activate()  # Excel cannot hide the active sheet
    ws.merge_range(0, 0, 0, 3, "Catalogue fournisseur — mars")
    ws.write_row(2, 0, HEADER)
    for r, values in ROWS:
        for c, v in enumerate(values):
            if c == 2 and v is None:
                ws.write_formula(r, c, "=NA()", None, "#N/A")
            elif isinstance(v, str):
                ws.write_string(r, c, v)
            else:
                ws.write_number(r, c, v)
    wb.close()
    return path


def write_openpyxl(path: Path) -> Path:
    wb = openpyxl.Workbook()
    helper = wb.active
    helper.title = "Aide"
    helper["A1"] = "hidden helper data"
    helper["A2"] = 1234567890128
    helper.sheet_state = "hidden"
    ws = wb.create_sheet("Produits")
    ws["A1"] = "Catalogue fournisseur — mars"
    ws.merge_cells("A1:D1")
    for c, h in enumerate(HEADER, start=1):
        ws.cell(row=3, column=c, value=h)
    for r, values in ROWS:
        for c, v in enumerate(values, start=1):
            cell = ws.cell(row=r + 1, column=c, value="#N/A" if (c == 3 and v is None) else v)
            if c == 3 and v is None:
                cell.data_type = "e"  # an error cell, as Excel stores a failed lookup
            elif isinstance(v, str):
                cell.data_type = "s"
    wb.active = 1
    wb.save(path)
    return path


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """xlsxwriter/openpyxl files, and ods/xls converted by LibreOffice when installed."""
    root = tmp_path_factory.mktemp("formats")
    out = {
        "xlsxwriter": write_xlsxwriter(root / "products.xlsx"),
        "openpyxl": write_openpyxl(root / "products_openpyxl.xlsx"),
    }
    if libreoffice.SOFFICE is not None:
        for fmt in ("ods", "xls"):
            out[fmt] = libreoffice.convert_one(out["xlsxwriter"], fmt, root / fmt)
    return out


FORMATS = ["xlsxwriter", "openpyxl", pytest.param("ods", marks=pytest.mark.libreoffice),
           pytest.param("xls", marks=pytest.mark.libreoffice)]


def get(files: dict[str, Path], fmt: str) -> Path:
    if fmt not in files:
        pytest.skip("LibreOffice (soffice) is not installed")
    return files[fmt]


@pytest.mark.parametrize("fmt", FORMATS)
def test_product_table(files: dict[str, Path], fmt: str) -> None:
    table = read_table(get(files, fmt))
    assert table.sheet == "Produits"  # the hidden helper sheet is skipped
    assert table.sheets == ("Aide", "Produits")
    assert table.header_row == 3  # not the merged title on row 1
    assert table.frame.columns == HEADER
    assert table.code_column == "Code EAN"
    assert 'header "Code EAN"' in table.code_column_reason
    assert table.row_numbers.dtype == pl.Int64
    assert table.row_numbers.to_list() == EXPECTED_ROWS  # blank row 7 dropped, numbering kept
    assert all(dtype == pl.String for dtype in table.frame.dtypes)
    codes = table.frame["Code EAN"].to_list()
    # ods error cells too: calamine gives "", the reader puts the literal back (odsscan);
    # xls error cells read as empty, as xlsb ones do (the documented limit)
    if fmt == "xls":
        assert codes == [None if code == "#N/A" else code for code in EXPECTED_CODES]
    else:
        assert codes == EXPECTED_CODES
    assert table.frame["Désignation"].to_list()[:2] == ["Crème été", "Pâte"]
    assert table.frame["Prix"].to_list() == ["12.5", "3.99", "1234", "-2.5", "1", "0.1"]


@pytest.mark.parametrize("fmt", FORMATS)
def test_named_hidden_sheet_and_unknown_sheet(files: dict[str, Path], fmt: str) -> None:
    path = get(files, fmt)
    hidden = read_table(path, sheet="Aide", column="A")
    assert hidden.frame.rows() == [("1234567890128",)]
    assert hidden.header_row == 1
    with pytest.raises(SettingsError, match=r'no sheet named "Prix".*"Aide", "Produits"'):
        read_table(path, sheet="Prix")


@pytest.mark.parametrize("fmt", FORMATS)
def test_list_sheets(files: dict[str, Path], fmt: str) -> None:
    infos = list_sheets(get(files, fmt))
    assert [(i.name, i.visible) for i in infos] == [("Aide", False), ("Produits", True)]


def test_numbers_become_plain_digits(tmp_path: Path) -> None:
    """Numeric cells: no ".0", no scientific notation, large integers exact up to 2**53."""
    path = tmp_path / "numbers.xlsx"
    values = [3401351277399, 3401351277399.0, 12345678905, 99999999999999, 10**15,
              2**53, -5, -5.5, 0.1, 29.020000000000003, 1e20]
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write(0, 0, "EAN")
    for i, v in enumerate(values, start=1):
        ws.write_number(i, 0, v)
    wb.close()
    got = read_table(path).frame["EAN"].to_list()
    assert got[:7] == ["3401351277399", "3401351277399", "12345678905", "99999999999999",
                       "1000000000000000", "9007199254740992", "-5"]
    assert got[7:10] == ["-5.5", "0.1", "29.02"]
    assert all("e" not in v.lower() and not v.endswith(".0") for v in got)


def test_booleans_and_dates_are_text_not_codes(tmp_path: Path) -> None:
    import datetime

    path = tmp_path / "types.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["EAN", "Quand"])
    ws.write_number(1, 0, 3401351277399)
    ws.write_datetime(1, 1, datetime.datetime(2024, 3, 1), wb.add_format({"num_format": "dd/mm/yyyy"}))
    ws.write_boolean(2, 0, True)
    wb.close()
    table = read_table(path)
    assert table.frame.rows() == [("3401351277399", "2024-03-01 00:00:00"), ("true", None)]


def test_table_at_an_offset_keeps_sheet_rows_and_letters(tmp_path: Path) -> None:
    path = tmp_path / "offset.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(4, 2, ["", "Produit", "Prix"])  # C5 blank header
    ws.write_row(5, 2, ["3401351277399", "a", "1"])
    ws.write_row(6, 2, ["0012345678905", "b", "2"])
    wb.close()
    table = read_table(path)
    assert table.header_row == 5
    assert table.frame.columns == ["C", "Produit", "Prix"]  # a blank header cell is named by its letter
    assert table.code_column == "C"
    assert table.row_numbers.to_list() == [6, 7]
    assert read_table(path, column="c").code_column == "C"


def test_header_only_sheet_is_no_data(tmp_path: Path) -> None:
    path = tmp_path / "header.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet().write_row(0, 0, ["EAN", "Nom"])
    wb.close()
    with pytest.raises(InputFileError, match="no data") as info:
        read_table(path)
    assert "header.xlsx" in str(info.value)


def test_first_visible_sheet_with_data_is_chosen(tmp_path: Path) -> None:
    path = tmp_path / "empty_first.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet("Vide")
    ws = wb.add_worksheet("Codes")
    ws.write_column(0, 0, ["EAN", "3401351277399"])
    wb.close()
    assert read_table(path).sheet == "Codes"
    assert read_table(path, sheet="codes").sheet == "Codes"  # case-insensitive when unique
