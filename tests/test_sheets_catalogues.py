"""Real catalogue files (issue #15): each item on a file of that shape, written here.

1. Codes Excel destroyed: numbers shown as 2.53E+11 and saved so (xlsx, ods, CSV), and an
   ISBN-13 column with a scientific number format. Never valid, never paid, never collapsed.
2. Excel's text guard (="…", a leading apostrophe): removed, noted once per column, valid.
3. Control characters: one rule for every format, reported in the note and the count.
4. Book lists: ISBN-10 converted to EAN-13, an ISBN-13 column preferred unless it lost digits.
5. Code columns by the names real exports use, and by their shape.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pytest
import xlsxwriter
from stdnum import isbn

import libreoffice
import pricelookup.sheets.csvfile as csvfile
from pricelookup.errors import SettingsError
from pricelookup.gtin import CONTROL_NOTE, EXCEL_ROUNDED_REASON, LOST_DIGITS_REASON, gs1_check_digit
from pricelookup.sheets import read_table
from pricelookup.sheets.codecolumn import header_match, names_isbn
from pricelookup.sheets.numformat import is_scientific, scientific_styles
from pricelookup.validation import ValidatedTable, reason_phrases, validate_table
from test_sheets_hostile import ods_row, text_cell, write_ods

# --- 1. codes Excel destroyed ---------------------------------------------------------------------

#: what an Open Food Facts extract looks like after Excel: codes it showed as 2.53E+11 (6
#: significant digits at most) saved as those numbers, among intact ones
ROUNDED = [253000000000, 253000000000, 301000000000, 3017620000000, 8000000000000, 5449000000000]
INTACT = {4006381333931: "04006381333931", 737628064502: "00737628064502", 3017620422003: "03017620422003"}


def off_rows() -> list[tuple[int, str, str, int]]:
    """(code, url, product_name, created_t): codes rounded and intact, interleaved."""
    codes = [ROUNDED[0], *INTACT, *ROUNDED[1:]]
    return [(c, f"https://world.openfoodfacts.org/product/{c}", f"product {i}", 1_600_000_000 + i)
            for i, c in enumerate(codes)]


def off_xlsx(path: Path, *, code_format: str | None) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("off")
    fmt = wb.add_format({"num_format": code_format}) if code_format else None
    ws.write_row(0, 0, ["code", "url", "product_name", "created_t"])
    for r, (code, url, name, created) in enumerate(off_rows(), start=1):
        ws.write_number(r, 0, code, fmt)
        ws.write_row(r, 1, [url, name])
        ws.write_number(r, 3, created)
    wb.close()
    return path


def float_cell(value: int) -> bytes:
    # as LibreOffice writes a number it shows in scientific notation
    return (b'<table:table-cell office:value-type="float" office:value="%d" calcext:value-type="float">'
            b"<text:p>%.2E</text:p></table:table-cell>" % (value, value))


def off_ods(path: Path) -> Path:
    rows = ods_row(text_cell(b"code"), text_cell(b"url"), text_cell(b"product_name"), text_cell(b"created_t"))
    for code, url, name, created in off_rows():
        rows += ods_row(float_cell(code), text_cell(url.encode()), text_cell(name.encode()), float_cell(created))
    return write_ods(path, rows)


def assert_rounded_codes_are_lost(v: ValidatedTable) -> None:
    """Every rounded code invalid "digits lost by Excel" (never valid, never paid, no duplicate of
    another); the intact ones valid or repaired."""
    checks = v.checks
    lost = checks.filter(pl.col("input").is_in([str(c) for c in ROUNDED]))
    assert lost.height == len(ROUNDED)
    assert lost.select("gtin14", "status", "reason", "duplicate_of").unique().rows() == [
        (None, "invalid", EXCEL_ROUNDED_REASON, None)]
    kept = checks.filter(pl.col("input").is_in([str(c) for c in INTACT]))
    assert sorted(kept.get_column("gtin14").to_list()) == sorted(INTACT.values())
    assert sorted(v.lookup_codes(include_restricted=True)) == sorted(INTACT.values())
    s = v.summary()
    assert (s.invalid, s.valid + s.repaired, s.duplicates) == (len(ROUNDED), len(INTACT), 0)


@pytest.mark.parametrize("code_format", [None, "0.00E+00"])
def test_numbers_excel_rounded_in_an_xlsx_are_digits_lost(tmp_path: Path, code_format: str | None) -> None:
    table = read_table(off_xlsx(tmp_path / "off.xlsx", code_format=code_format))
    assert table.code_column == "code"
    assert_rounded_codes_are_lost(validate_table(table))


def test_numbers_excel_rounded_in_an_ods_are_digits_lost(tmp_path: Path) -> None:
    table = read_table(off_ods(tmp_path / "off.ods"))
    assert table.code_column == "code" and table.frame["code"][0] == "253000000000"
    assert_rounded_codes_are_lost(validate_table(table))


@pytest.mark.libreoffice
@pytest.mark.parametrize("fmt", ["ods", "xls"])
def test_numbers_excel_rounded_survive_a_libreoffice_save(tmp_path: Path, fmt: str) -> None:
    libreoffice.require()
    source = off_xlsx(tmp_path / "off.xlsx", code_format="0.00E+00")
    converted = libreoffice.convert_one(source, fmt, tmp_path / fmt)
    assert_rounded_codes_are_lost(validate_table(read_table(converted)))


def test_the_same_rows_in_csv_are_digits_lost_too(tmp_path: Path) -> None:
    # as Excel saves them (the display, 2.53E+11), and as a "fix" with a 0-decimal format saves them
    lines = ["code\tproduct_name"] + [f"{c:.2E}\tp" if c in ROUNDED else f"{c}\tp" for c in [*INTACT, *ROUNDED]]
    v = validate_table(read_table(write(tmp_path / "off.tsv", "\n".join(lines))))
    assert v.checks.filter(pl.col("status") == "invalid").get_column("reason").unique().to_list() == [
        LOST_DIGITS_REASON]
    lines = ["code\tproduct_name"] + [f"{c}\tp" for c in [*INTACT, *ROUNDED]]
    assert_rounded_codes_are_lost(validate_table(read_table(write(tmp_path / "fixed.tsv", "\n".join(lines)))))


#: book list rows: ISBN-10, its ISBN-13, and the ISBN-13 as a 12-digit scientific display leaves it
BOOKS = ["0439023483", "0439554934", "0316015849", "0061120081", "0743273567", "080442957X"]


def rounded_isbn13(ten: str) -> int:
    """The ISBN-13 of ``ten`` as 9.78043902348E+12 shows it: 12 significant digits and a 0."""
    return int(isbn.to_isbn13(ten)[:12] + "0")


def books_xlsx(path: Path, isbns: list[str]) -> Path:
    """A book list as Excel leaves it: the isbn column numbers (leading zero dropped, X as text),
    the isbn13 column numbers in a scientific format, rounded to what it showed."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("books")
    sci = wb.add_format({"num_format": "0.00000000000E+00"})
    ws.write_row(0, 0, ["bookID", "title", "authors", "isbn", "isbn13"])
    for r, ten in enumerate(isbns, start=1):
        ws.write_number(r, 0, r)
        ws.write_row(r, 1, [f"title {r}", f"author {r}"])
        if ten.endswith("X"):
            ws.write_string(r, 3, ten)
        else:
            ws.write_number(r, 3, int(ten))
        ws.write_number(r, 4, rounded_isbn13(ten), sci)
    wb.close()
    return path


def test_a_scientific_format_marks_an_isbn13_column_that_lost_digits(tmp_path: Path) -> None:
    path = books_xlsx(tmp_path / "books.xlsx", BOOKS)
    table = read_table(path, column="isbn13")
    assert table.scientific_codes is not None and table.scientific_codes.all()
    v = validate_table(table)
    assert v.checks.get_column("reason").unique().to_list() == [EXCEL_ROUNDED_REASON]
    assert v.lookup_codes(include_restricted=True) == []
    # the format is what tells: the same numbers in General are judged on their own digits
    wb = openpyxl.load_workbook(path)
    for row in wb["books"].iter_rows(min_row=2, min_col=5, max_col=5):
        row[0].number_format = "General"
    wb.save(tmp_path / "general.xlsx")
    table = read_table(tmp_path / "general.xlsx", column="isbn13")
    assert table.scientific_codes is None
    reasons = validate_table(table).checks.get_column("reason").to_list()
    assert EXCEL_ROUNDED_REASON not in reasons and reasons[0] == "wrong check digit: the last digit should be 1, not 0"


def test_scientific_number_formats_are_recognised(tmp_path: Path) -> None:
    for code in ("0.00E+00", "##0.0E+0", "0.000000000000E+00", "0.0e-0", '"E+"0.00E+00;[Red]0.00E-00'):
        assert is_scientific(code), code
    for code in ("General", "0", "0.00", '"E+"0', "[$-409]mmm d, yyyy", "#,##0.00 €", r"0\E+0"):
        assert not is_scientific(code), code
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["EAN", "Prix"])
    ws.append([3017620420000, 2.5])
    ws["A2"].number_format = "0.00E+00"  # Excel's built-in 11
    wb.save(tmp_path / "openpyxl.xlsx")
    assert scientific_styles(tmp_path / "openpyxl.xlsx")
    v = validate_table(read_table(tmp_path / "openpyxl.xlsx"))
    assert v.checks.row(0, named=True)["reason"] == EXCEL_ROUNDED_REASON
    # a damaged styles part is not an error, only nothing known
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(tmp_path / "openpyxl.xlsx") as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            dst.writestr(item, b"<styleSheet" if item.filename == "xl/styles.xml" else src.read(item))
    assert scientific_styles(broken) == frozenset()


# --- 2. Excel's text guard ------------------------------------------------------------------------


def write(path: Path, text: str) -> Path:
    path.write_text(text + "\n", encoding="utf-8")
    return path


def upc_as_ean13(n: int) -> str:
    """The ``n``-th of some EAN-13s with a leading zero (UPC-As), as a Shopify store holds them."""
    body = f"07{123_400_000 + n * 17:010d}"
    return body + str(gs1_check_digit(body))


def test_a_shopify_export_of_40_correct_codes_is_40_valid(tmp_path: Path) -> None:
    codes = [upc_as_ean13(i) for i in range(40)]
    lines = ["Handle,Title,Variant SKU,Variant Price,Variant Barcode"]
    lines += [f"item-{i},Item {i},SKU-{i:04d},{i}.99,'{code}" for i, code in enumerate(codes)]
    table = read_table(write(tmp_path / "products_export.csv", "\n".join(lines)))
    assert table.code_column == "Variant Barcode"
    assert table.code_column_reason.endswith(
        "Excel’s text guard (=\"…\" or a leading apostrophe) removed from 40 values")
    v = validate_table(table)
    s = v.summary()
    assert (s.valid, s.repaired, s.invalid) == (40, 0, 0)
    assert v.checks.get_column("reason").null_count() == 40  # noted once, for the column, not per row
    assert v.checks.get_column("gtin14").to_list() == [c.zfill(14) for c in codes]


@pytest.mark.parametrize("guard", ['="{}"', '"=""{}"""'])  # as written, and as a CSV writer quotes it
def test_a_goodreads_export_with_guarded_isbns_is_read(tmp_path: Path, guard: str) -> None:
    lines = ["bookID,title,average_rating,isbn,isbn13,num_pages"]
    for i, ten in enumerate(BOOKS, start=1):
        lines.append(f"{i},Title {i},4.{i},{guard.format(ten)},{guard.format(isbn.to_isbn13(ten))},{100 + i}")
    table = read_table(write(tmp_path / "books.csv", "\n".join(lines)))
    # before: "contains =", the column rejected and the wrong one picked
    assert table.code_column == "isbn13"
    assert "removed from 6 values" in table.code_column_reason
    v = validate_table(table)
    assert (v.summary().valid, v.summary().invalid) == (6, 0)
    assert v.checks.get_column("gtin14").to_list() == ["0" + isbn.to_isbn13(t) for t in BOOKS]


def test_guarded_text_cells_in_an_xlsx_too(tmp_path: Path) -> None:
    wb = xlsxwriter.Workbook(str(tmp_path / "g.xlsx"))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["EAN", "Nom"])
    for r, code in enumerate(['="0012345678905"', "'3017620422003", "4006381333931"], start=1):
        ws.write_string(r, 0, code)
        ws.write_string(r, 1, "x")
    wb.close()
    table = read_table(tmp_path / "g.xlsx")
    assert table.code_column_reason.endswith("removed from 2 values")
    assert validate_table(table).summary().valid == 3


def test_a_headerless_list_of_guarded_codes_keeps_its_first_code(tmp_path: Path) -> None:
    # a guarded code is a value, not a column title: the first row is data
    table = read_table(write(tmp_path / "codes.csv", '="0012345678905"\n="4006381333931"\n="3017620422003"'))
    assert table.header_row is None and table.frame.height == 3
    assert validate_table(table).summary().valid == 3


# --- 3. control characters: one rule for every format ---------------------------------------------

CONTROL_CODES = ["3401351\x00277399", "5901234123457", "40063813\x1f33931", "\x01\x02"]


def controls_csv(path: Path) -> Path:
    # long enough names that a few control bytes do not make the file look binary (detect.py)
    body = b"".join(c.encode() + b";" + b"Produit de test, " * 8 + b"\n" for c in CONTROL_CODES)
    path.write_bytes(b"EAN;Nom\n" + body)
    return path


def controls_xlsx(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))  # writes them as _x0000_, Excel's escape
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["EAN", "Nom"])
    for r, code in enumerate(CONTROL_CODES, start=1):
        ws.write_string(r, 0, code)
        ws.write_string(r, 1, "n")
    wb.close()
    return path


@pytest.mark.parametrize("shape", ["csv", "big csv with a NUL", "big csv, never cleaned", "xlsx"])
def test_control_characters_get_one_verdict_in_every_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                            shape: str) -> None:
    if shape.startswith("big"):
        monkeypatch.setattr(csvfile, "FULL_CLEAN_BYTES", 16)  # the reader's path for files over 8 MB
    path = controls_xlsx(tmp_path / "c.xlsx") if shape == "xlsx" else controls_csv(tmp_path / "c.csv")
    if shape == "big csv, never cleaned":  # no NUL: the file is not cleaned at all on load
        path.write_bytes(path.read_bytes().replace(b"\x00", b"\x0b"))
    v = validate_table(read_table(path))
    assert v.checks.select("gtin14", "status", "reason").rows() == [
        ("03401351277399", "repaired", CONTROL_NOTE), ("05901234123457", "valid", None),
        ("04006381333931", "repaired", CONTROL_NOTE), (None, "empty", None)]
    assert v.summary().control_removed == 2  # the Summary's count is the rows' notes


# --- 4. book lists: ISBN-10 -----------------------------------------------------------------------


def ean_of(ten: str) -> str:
    return "0" + isbn.to_isbn13(ten)


def test_a_book_list_whose_isbn13_lost_digits_takes_its_isbn10_column(tmp_path: Path) -> None:
    two_that_pass_gs1 = ["4390000004", "4390000179"]  # zero-padded they pass the GS1 check: wrong GTINs
    assert all(isbn.is_valid(t) for t in two_that_pass_gs1)
    table = read_table(books_xlsx(tmp_path / "books.xlsx", BOOKS + two_that_pass_gs1))
    assert table.code_column == "isbn" and table.isbn10
    reason = table.code_column_reason
    assert 'column "isbn13" lost its digits in Excel (100% of its values)' in reason
    assert "its ISBN-10s converted to EAN-13" in reason
    v = validate_table(table)
    checks = v.checks
    assert checks.get_column("gtin14").to_list() == [ean_of(t) for t in BOOKS + two_that_pass_gs1]
    assert set(checks.get_column("status")) == {"repaired"}
    assert checks.row(0, named=True)["reason"] == "leading zeros restored; ISBN-10 0439023483 → 9780439023481"
    assert checks.row(5, named=True)["reason"] == "ISBN-10 080442957X → 9780804429573"
    assert reason_phrases(checks.row(0, named=True)["reason"]) is not None  # the window can translate it
    # never the zero-padded GTIN a plain number column would give them
    assert not set(checks.get_column("gtin14")) & {t.zfill(14) for t in two_that_pass_gs1}


def test_a_book_list_with_a_usable_isbn13_takes_it(tmp_path: Path) -> None:
    lines = ["bookID,title,isbn,isbn13"] + [f"{i},T,{t},{isbn.to_isbn13(t)}" for i, t in enumerate(BOOKS)]
    table = read_table(write(tmp_path / "books.csv", "\n".join(lines)))
    assert table.code_column == "isbn13"
    assert 'also found: column "isbn" (C, 100% valid codes)' in table.code_column_reason
    assert "ISBN-10s converted" not in table.code_column_reason  # none to convert in this column
    assert validate_table(table).checks.get_column("gtin14").to_list() == [ean_of(t) for t in BOOKS]


def test_a_goodreads_csv_whose_isbn13_lost_digits_in_excel(tmp_path: Path) -> None:
    # Excel dropped the ISBN-10's leading zero and wrote the ISBN-13 as 9.78043902348e+12
    lines = ["bookID,title,isbn,isbn13"]
    lines += [f"{i},T,{t if t.endswith('X') else t.lstrip('0')},{float(isbn.to_isbn13(t)):.11e}"
              for i, t in enumerate(BOOKS)]  # (an ISBN-10 ending in X is text: Excel keeps its zero)
    table = read_table(write(tmp_path / "books.csv", "\n".join(lines)))
    assert table.code_column == "isbn"
    assert 'column "isbn13" lost its digits in Excel (100% of its values)' in table.code_column_reason
    v = validate_table(table)
    assert v.checks.get_column("gtin14").to_list() == [ean_of(t) for t in BOOKS]
    assert v.checks.row(0, named=True)["reason"] == "leading zeros restored; ISBN-10 0439023483 → 9780439023481"


def test_isbn10s_are_recognised_by_content_without_an_isbn_header(tmp_path: Path) -> None:
    lines = ["ref;titre"] + [f"{t};livre" for t in BOOKS]
    table = read_table(write(tmp_path / "livres.csv", "\n".join(lines)))
    assert table.code_column == "ref" and table.isbn10
    assert validate_table(table).summary().repaired == len(BOOKS)


@pytest.mark.parametrize(("header", "isbn10"), [("ISBN", True), ("isbn13", True), ("ISBN-10", True),
                                               ("Code ISBN", True), ("EAN/ISBN", False), ("ISBN (EAN-13)", False),
                                               ("EAN", False)])
def test_a_header_makes_an_isbn_column_only_when_it_names_isbn_alone(header: str, isbn10: bool) -> None:
    # a column of EANs and ISBNs: its 8-digit EAN-8s must not be read as ISBN-10s by its name
    assert names_isbn(header) is isbn10


def test_a_column_of_eans_with_a_few_isbn10s_stays_a_gtin_column(tmp_path: Path) -> None:
    eans = ["4006381333931", "3017620422003", "96385074", "5449000000996", "3760020507350", "0439023483"]
    table = read_table(write(tmp_path / "mixte.csv", "\n".join(["EAN/ISBN;nom"] + [f"{e};x" for e in eans])))
    assert table.code_column == "EAN/ISBN" and not table.isbn10
    statuses = validate_table(table).checks.get_column("status").to_list()
    assert statuses == ["valid"] * 5 + ["invalid"]  # the 10-digit text is no GTIN length: never padded


def test_a_upc_column_that_lost_two_zeros_is_never_taken_for_isbn10(tmp_path: Path) -> None:
    # 10-digit numbers: UPC-A 00xxxxxxxxxx without their zeros; they pass mod 11 1 time in 11
    upcs = []
    n = 1_234_567
    while len(upcs) < 40:
        body = f"00{n:09d}"
        upcs.append(body + str(gs1_check_digit(body)))
        n += 7919
    wb = xlsxwriter.Workbook(str(tmp_path / "upc.xlsx"))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["Article", "Code"])
    for r, upc in enumerate(upcs, start=1):
        ws.write_row(r, 0, [f"a{r}"])
        ws.write_number(r, 1, int(upc))
    wb.close()
    table = read_table(tmp_path / "upc.xlsx")
    assert table.code_column == "Code" and not table.isbn10
    v = validate_table(table)
    assert v.checks.get_column("gtin14").to_list() == [u.zfill(14) for u in upcs]


# --- 5. code columns by the names real exports use, and by their shape -----------------------------


@pytest.mark.parametrize("header", ["barcode", "Code-barres", "gencod", "EAN/UPC", "GTIN-13", "Variant Barcode",
                                    "EAN13", "UPC", "Code EAN", "ISBN", "isbn13", "Barcode (EAN)"])
def test_the_names_real_exports_use(header: str) -> None:
    assert header_match(header) is not None


def off_tsv(path: Path) -> Path:
    """An Open Food Facts export: tab-separated, codes in a column named `code`, most of them test
    values with wrong check digits, beside 10-digit timestamps and other numbers."""
    lines = ["code\turl\tcreator\tcreated_t\tproduct_name\tquantity\tenergy_100g"]
    codes = ["1234567890123", "3017620422003", "0000000000017", "2000000000017", "1111111111111",
             "9999999999999", "12345678", "4006381333931", "3760020507350", "5000000000018"] * 3
    for i, code in enumerate(codes):
        lines.append(f"{code}\thttp://world-fr.openfoodfacts.org/produit/{code}\topenfoodfacts-contributors\t"
                     f"{1_489_000_000 + 997 * i}\tproduit {i}\t{100 + i} g\t{1000 + i}.5")
    return write(path, "\n".join(lines))


def test_an_open_food_facts_export_takes_its_code_column(tmp_path: Path) -> None:
    table = read_table(off_tsv(tmp_path / "en.openfoodfacts.org.products.tsv"))
    assert table.code_column == "code"
    reason = table.code_column_reason
    assert reason.startswith('no header names a code column; column A "code" is the only one whose values look '
                             "like product codes (100% of them")
    v = validate_table(table)
    s = v.summary()
    assert f"{round(100 * s.invalid / s.rows)}% invalid" in reason
    assert s.invalid > s.valid  # few valid, taken anyway


def test_two_code_shaped_columns_are_asked_for_by_name(tmp_path: Path) -> None:
    bad = ["1234567890123", "1111111111111", "9999999999999", "12345678"] * 5
    other = ["2222222222222", "3333333333333", "87654321", "5555555555555"] * 5
    lines = ["ref\tautre\tnom"] + [f"{a}\t{b}\tx" for a, b in zip(bad, other, strict=True)]
    with pytest.raises(SettingsError, match=r'columns A "ref", B "autre" all hold values that look like product'):
        read_table(write(tmp_path / "two.tsv", "\n".join(lines)))
    # naming one settles it
    assert read_table(tmp_path / "two.tsv", column="autre").code_column == "autre"
