"""Header detection, code-column detection and file sniffing: the pure decisions of the reader."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter

from pricelookup.errors import InputFileError, SettingsError
from pricelookup.sheets import read_table
from pricelookup.sheets.codecolumn import find_code_column, header_match
from pricelookup.sheets.detect import FileKind, Verdict, classify_zip_members, sniff_bytes
from pricelookup.sheets.header import column_names, detect_header, disambiguate

# --- header ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ([("EAN", "Nom"), ("3401351277399", "a"), ("0012345678905", "b")], 0),
        ([("3401351277399", "a"), ("0012345678905", "b")], None),
        ([("Years Sheet", None), ("Month", "Year"), ("1", "2019"), ("2", "2020")], 1),
        ([(None, None, "Note 1", None), (None,) * 4, ("Columns", "Column A", "Column B", "Column C"),
          ("put data here", "1", "2", "3")], 2),
        ([("Liste des produits",), ("EAN",), ("3401351277399",), ("0012345678905",)], 1),
        ([("EAN",), ("Liste",), ("3401351277399",), ("0012345678905",)], 0),  # code word wins
        ([("1", "2"), ("3", "4")], None),
        ([("a", "0"), ("b", "1")], None),  # calamine test_no_header
        ([("Nom", "Ville"), ("Alice", "Paris"), ("Bob", "Lyon")], 0),  # all-text table
        ([("EAN", "Nom", "Prix"), ("1", "x", "2")], 0),
        ([("2019", "2020"), ("1", "2")], None),  # numeric "header" is data
    ],
)
def test_detect_header(rows: list[tuple[str | None, ...]], expected: int | None) -> None:
    assert detect_header(rows) == expected


def test_column_names_and_disambiguation() -> None:
    assert disambiguate(["col", "col", "col"]) == ["col", "col_2", "col_3"]
    assert disambiguate(["a", "a_2", "a"]) == ["a", "a_2", "a_3"]  # never collides with a real name
    assert column_names(("EAN", None, " Code\nEAN ", "EAN"), ["A", "B", "C", "D"]) == ["EAN", "B", "Code EAN", "EAN_2"]
    assert column_names(None, ["H", "I"]) == ["H", "I"]


# --- code column -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("header", "word"),
    [("EAN", "ean"), ("ean13", "ean13"), ("EAN 13", "ean13"), ("Code EAN", "codeean"),
     ("GTIN-14", "gtin14"), ("gtin14", "gtin14"), ("UPC", "upc"), ("Barcode", "barcode"),
     ("code-barres", "codebarres"), ("Code barre", "codebarre"), ("CODE_BARRE", "codebarre"),
     ("CIP 13", "cip13"), ("cip13", "cip13"), ("ACL", "acl"), ("Gencod", "gencod"),
     ("N° EAN produit", "ean"), ("Référence EAN", "ean"), ("ÉAN", "ean")],
)
def test_header_match(header: str, word: str) -> None:
    assert header_match(header) == word


@pytest.mark.parametrize("header", ["Clean", "Scan date", "SKU", "Prix", "Code", "Référence", "Oceans", "Jan"])
def test_header_no_match(header: str) -> None:
    assert header_match(header) is None


def frame(**cols: list[str | None]) -> pl.DataFrame:
    return pl.DataFrame(cols, schema=dict.fromkeys(cols, pl.String))


GOOD = ["3401351277399", "0012345678905", "4006381333931", "5012345678900", "9780471117094"] * 20


def test_numeric_sku_and_price_are_not_taken() -> None:
    f = frame(SKU=[str(10_000_000 + i) for i in range(100)],
              Prix=[f"{i}.99" for i in range(100)],
              Codes=GOOD)
    chosen = find_code_column(f, ["A", "B", "C"], where="t")
    assert chosen.name == "Codes"
    assert "column C" in chosen.reason and "100%" in chosen.reason


def test_header_name_with_content() -> None:
    f = frame(SKU=[str(i) for i in range(100)], EAN=GOOD)
    chosen = find_code_column(f, ["A", "B"], where="t")
    assert chosen.name == "EAN"
    assert chosen.reason == 'header "EAN" matches "ean"; 100% of values are valid codes'


def test_named_column_full_of_junk_loses_to_real_codes() -> None:
    f = frame(EAN=["n/a"] * 100, Produit=GOOD)
    chosen = find_code_column(f, ["A", "B"], where="t")
    assert chosen.name == "Produit" and 'header "EAN"' in chosen.reason


def test_two_named_columns_take_the_one_with_codes() -> None:
    f = frame(**{"EAN carton": ["x"] * 100, "EAN unité": GOOD})
    assert find_code_column(f, ["A", "B"], where="t").name == "EAN unité"


def test_no_code_column_asks_with_column_list() -> None:
    f = frame(col=["1", "2"], col_2=["2019", "2020"])
    with pytest.raises(SettingsError, match=r'--column.*Columns: A "col", B "col_2"'):
        find_code_column(f, ["A", "B"], where="sheet x")


def test_column_override_by_name_letter_and_unknown() -> None:
    f = frame(Réf=["1"], Code=["3401351277399"])
    assert find_code_column(f, ["B", "C"], column="Code", where="t").name == "Code"
    assert find_code_column(f, ["B", "C"], column="code", where="t").name == "Code"
    assert find_code_column(f, ["B", "C"], column="ref", where="t").name == "Réf"  # accents folded
    by_letter = find_code_column(f, ["B", "C"], column="c", where="t")
    assert by_letter.name == "Code" and "column C" in by_letter.reason
    with pytest.raises(SettingsError, match=r'no column "Z".*B "Réf", C "Code"'):
        find_code_column(f, ["B", "C"], column="Z", where="t")


def test_column_override_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "dup.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["col", "col", "col"])
    ws.write_row(1, 0, ["x", "3401351277399", "y"])
    wb.close()
    table = read_table(path)
    assert table.frame.columns == ["col", "col_2", "col_3"] and table.code_column == "col_2"
    assert read_table(path, column="C").code_column == "col_3"
    assert read_table(path, column="col_3").code_column == "col_3"


# --- sniffing --------------------------------------------------------------------------


def zip_bytes(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def test_sniff_zip_kinds() -> None:
    ct = b'<Types><Override ContentType="application/vnd.openxmlformats-officedocument.%s"/></Types>'
    assert sniff_bytes(zip_bytes({"[Content_Types].xml": ct % b"spreadsheetml.sheet.main+xml"}), ".xlsx").kind is FileKind.XLSX
    word = sniff_bytes(zip_bytes({"[Content_Types].xml": ct % b"wordprocessingml.document.main+xml"}), ".xlsx")
    assert word.verdict is Verdict.NOT_SPREADSHEET and "Word" in word.detail
    assert sniff_bytes(zip_bytes({"a.txt": b"x"}), ".xlsx").verdict is Verdict.NOT_SPREADSHEET
    odt = sniff_bytes(zip_bytes({"mimetype": b"application/vnd.oasis.opendocument.text"}), ".ods")
    assert odt.verdict is Verdict.NOT_SPREADSHEET
    assert classify_zip_members({"xl/workbook.bin"}, {}).kind is FileKind.XLSB
    enc = classify_zip_members({"content.xml"}, {"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                                                 "META-INF/manifest.xml": b"<manifest:encryption-data/>"})
    assert enc.verdict is Verdict.PROTECTED


def test_sniff_text_and_binaries() -> None:
    assert sniff_bytes(b"EAN;Nom\n1;2\n", ".csv").kind is FileKind.CSV
    assert sniff_bytes(b"EAN;Nom\n1;2\n", ".xls").verdict is Verdict.NOT_SPREADSHEET  # renamed text
    html = sniff_bytes(b"<html><table><tr><td>1</td></tr></table></html>", ".xls")
    assert html.verdict is Verdict.NOT_SPREADSHEET and "web page" in html.detail
    assert sniff_bytes(b"%PDF-1.4\n\x00\x01\x02binary", ".csv").verdict is Verdict.NOT_SPREADSHEET
    assert sniff_bytes(b"", ".xlsx").verdict is Verdict.EMPTY
    assert sniff_bytes(b"\r\n  \r\n", ".csv").verdict is Verdict.EMPTY
    ole = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100
    assert sniff_bytes(ole + "EncryptedPackage".encode("utf-16-le"), ".xlsx").verdict is Verdict.PROTECTED
    assert sniff_bytes(ole + "Workbook".encode("utf-16-le"), ".xlsx").kind is FileKind.XLS
    assert "Word" in sniff_bytes(ole + "WordDocument".encode("utf-16-le"), ".xls").detail


def test_signature_wins_over_extension(tmp_path: Path) -> None:
    real = tmp_path / "codes.xlsx"
    wb = xlsxwriter.Workbook(str(real))
    wb.add_worksheet().write_column(0, 0, ["EAN", "3401351277399"])
    wb.close()
    renamed = tmp_path / "codes.csv"
    renamed.write_bytes(real.read_bytes())
    assert read_table(renamed).frame["EAN"].to_list() == ["3401351277399"]
    fake = tmp_path / "report.xlsx"
    fake.write_text("<html><body>Session expired</body></html>")
    with pytest.raises(InputFileError, match="not a valid spreadsheet: it is a web page") as info:
        read_table(fake)
    assert "report.xlsx" in str(info.value)


def test_missing_file_and_folder(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="file not found"):
        read_table(tmp_path / "nope.xlsx")
    with pytest.raises(InputFileError, match="folder"):
        read_table(tmp_path)
