"""Every change made to what the analyst typed is named in the row's note (issue: code notes).

1. Text cells are never padded unless they have a GTIN length (8, 12, 13, 14);
   zero-padding is the repair of *number* cells, whose zeros the spreadsheet
   dropped. The reader tells validation which code cells were numbers.
2. Number cells of 8 and 12 digits are padded like the others and say so.
3. Trimmed spaces and invisible characters are noted (the code stays valid).
4. Control characters: one rule for every format (removed, noted, counted).
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import polars as pl
import pytest
import xlsxwriter
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum import ean

from pricelookup.export.summary import ExportFacts, summary_rows
from pricelookup.export.xlsxstream import SheetStats
from pricelookup.gtin import CONTROL_NOTE, CodeCheck, check_code, check_column
from pricelookup.results import RunResult
from pricelookup.settings import RunSettings
from pricelookup.sheets import SheetTable, read_table
from pricelookup.sheets.detect import FileKind
from pricelookup.sheets.workbook import Workbook
from pricelookup.validation import ValidationSummary, validate_table

CAL = Path(__file__).parent / "data" / "calamine"


def with_check(body: str) -> str:
    return body + ean.calc_check_digit(body)


def not_a_gtin_length(n: int) -> str:
    return (f"{n} digits: not a GTIN length (8, 12, 13 or 14); "
            "if a spreadsheet dropped leading zeros, re-export the column as text")


# valid codes whose leading zeros a spreadsheet would drop, by the length left
DROPPED = {
    7: with_check("0" + "703801")[1:],          # GTIN-8 07038013 -> 7038013
    8: with_check("00000" + "9638507")[5:],      # GTIN-8 96385074 as typed (a number keeps it)
    9: with_check("0000" + "12345678")[4:],      # 123456784
    10: with_check("000" + "123456789")[3:],     # 1234567895
    11: with_check("00" + "1234567890")[2:],     # 12345678905
    12: with_check("61414100001"),               # 614141000012: EAN-13 0614141000012 without its zero
}


def table_of(codes: list[str | None], numeric: list[bool] | None = None) -> SheetTable:
    n = len(codes)
    return SheetTable(
        path=Path("/data/codes.xlsx"), sheet="Feuil1", header_row=1,
        frame=pl.DataFrame({"EAN": codes}, schema={"EAN": pl.String}),
        row_numbers=pl.Series("row", range(2, n + 2), dtype=pl.Int64), code_column="EAN",
        code_column_reason="test", sha256="0" * 64, sheets=("Feuil1",),
        numeric_codes=None if numeric is None else pl.Series("n", numeric, dtype=pl.Boolean),
    )


# --- 1. text cells of 9 to 11 digits are not padded -------------------------------------

@pytest.mark.parametrize("n", [9, 10, 11])
def test_text_codes_of_9_to_11_digits_are_invalid_not_padded(n: int) -> None:
    text = DROPPED[n]
    assert len(text) == n and ean.is_valid(text.zfill(13))  # padding would have "worked"
    want = CodeCheck(None, "invalid", not_a_gtin_length(n), False)
    assert check_code(text) == want
    assert check_column(pl.Series([text])).row(0) == (None, "invalid", not_a_gtin_length(n), False)


def test_a_text_of_7_digits_is_no_gtin_but_still_a_cip7_on_request() -> None:
    assert check_code(DROPPED[7]).reason == not_a_gtin_length(7)
    assert check_code("3400935", cip7=True).reason == "CIP7 converted to CIP13"


@pytest.mark.parametrize("code", ["96385074", "036000291452", "3401351277399", "98412345678908"])
def test_text_codes_of_gtin_lengths_are_valid_as_typed(code: str) -> None:
    # 8, 12, 13 and 14 digits: the GTIN-14 key is only the canonical form, not a repair
    assert check_code(code) == CodeCheck(code.zfill(14), "valid", None, False)


@pytest.mark.parametrize("n", [7, 9, 10, 11])
def test_number_cells_that_lost_zeros_are_padded_in_every_form(n: int) -> None:
    code = DROPPED[n]
    want = check_code(int(code))
    assert (want.gtin14, want.status) == (code.zfill(14), "repaired")
    assert want.reason is not None and want.reason.startswith("leading zeros restored")
    assert want.restricted == (n == 7)  # a GTIN-8 that lost its zero starts with 0: company-internal
    assert check_code(float(code)) == want
    assert check_code(code, numeric=True) == want
    assert check_code(f"{code}.0") == CodeCheck(want.gtin14, "repaired", "zero decimals removed; " + want.reason,
                                                want.restricted)
    row = (want.gtin14, want.status, want.reason, want.restricted)
    assert check_column(pl.Series([int(code)])).row(0) == row
    assert check_column(pl.Series([float(code)])).row(0) == row
    assert check_column(pl.Series([code]), numeric=pl.Series([True])).row(0) == row
    assert check_column(pl.Series([code]), numeric=True).row(0) == row


def test_validate_table_uses_the_readers_number_cells() -> None:
    code = DROPPED[11]
    v = validate_table(table_of([code, code, None], numeric=[True, False, None]))
    assert v.checks.select("status", "reason").rows() == [
        ("repaired", "leading zeros restored"),
        ("invalid", not_a_gtin_length(11)),
        ("empty", None),
    ]
    with pytest.raises(ValueError, match="numeric_codes has 1 entries for 3 rows"):
        validate_table(table_of([code, code, None], numeric=[True]))


def write_number_and_text(path: Path) -> Path:
    """Column A: each code once as a number cell and once as a text cell; B: a name."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Codes")
    ws.write_row(0, 0, ["EAN", "Nom"])
    row = 1
    for n in (8, 9, 10, 11, 12):
        ws.write_number(row, 0, int(DROPPED[n]))
        ws.write_string(row + 1, 0, DROPPED[n])
        ws.write_string(row, 1, f"number {n}")
        ws.write_string(row + 1, 1, f"text {n}")
        row += 2
    ws.write_number(row, 0, 3401351277399)
    ws.write_string(row + 1, 0, "0012345678905")
    wb.close()
    return path


def test_xlsx_number_and_text_cells_get_their_own_rules(tmp_path: Path) -> None:
    table = read_table(write_number_and_text(tmp_path / "codes.xlsx"))
    assert table.numeric_codes is not None
    assert table.numeric_codes.to_list() == [True, False] * 5 + [True, False]
    checks = validate_table(table).checks
    by_name = dict(zip(table.frame["Nom"].to_list(), checks.select("status", "reason").rows(), strict=True))
    for n in (8, 12):  # 2. numbers padded and noted; text valid as typed
        assert by_name[f"number {n}"] == ("repaired", "leading zeros restored")
        assert by_name[f"text {n}"][0] == "valid"
    for n in (9, 10, 11):  # 1. numbers padded; text never
        assert by_name[f"number {n}"] == ("repaired", "leading zeros restored")
        assert by_name[f"text {n}"] == ("invalid", not_a_gtin_length(n))
    assert checks["status"].to_list()[-2:] == ["valid", "valid"]


def test_a_table_without_ambiguous_codes_does_not_read_the_sheet_twice(tmp_path: Path) -> None:
    path = tmp_path / "plain.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["EAN", "Nom"])
    ws.write_number(1, 0, 3401351277399)
    ws.write_string(2, 0, "0012345678905")
    wb.close()
    assert read_table(path).numeric_codes is None  # 13 digits: a number and a text agree


@pytest.mark.parametrize("name", ["any_sheets.xlsx", "any_sheets.xlsb", "any_sheets.xls", "any_sheets.ods"])
def test_number_cells_are_told_apart_in_every_workbook_format(name: str) -> None:
    # column A of "Visible" holds numbers 1, 3, 5 under a text cell
    path = CAL / name
    kind = {"xlsx": FileKind.XLSX, "xlsb": FileKind.XLSB, "xls": FileKind.XLS, "ods": FileKind.ODS}[
        name.rsplit(".", 1)[1]]
    source = path if kind is not FileKind.XLS else path.read_bytes()
    workbook = Workbook(source, kind, path, str(path))
    grid = workbook.load("Visible")
    cells = workbook.number_cells("Visible", "A")
    assert cells is not None and cells.len() == grid.frame.height
    texts = grid.frame["A"].to_list()
    assert [t for t, number in zip(texts, cells.to_list(), strict=True) if number] == ["1", "3", "5"]


def test_csv_cells_are_text(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_text(f"EAN;Nom\n{DROPPED[11]};a\n{DROPPED[12]};b\n", encoding="utf-8")
    table = read_table(path)
    assert table.numeric_codes is None
    assert validate_table(table).checks.select("status", "reason").rows() == [
        ("invalid", not_a_gtin_length(11)), ("valid", None)]


# --- 2. number cells of 8 and 12 digits: padded and noted ---------------------------------

@pytest.mark.parametrize("n", [8, 12])
def test_number_cells_of_8_and_12_digits_are_repaired_and_noted(n: int) -> None:
    code = DROPPED[n]
    assert len(code) == n
    want = CodeCheck(code.zfill(14), "repaired", "leading zeros restored", False)
    assert check_code(int(code)) == want
    assert check_code(code, numeric=True) == want
    row = (want.gtin14, want.status, want.reason, want.restricted)
    assert check_column(pl.Series([int(code)], dtype=pl.Int64)).row(0) == row
    assert check_column(pl.Series([float(code)], dtype=pl.Float64)).row(0) == row
    assert check_column(pl.Series([code]), numeric=pl.Series([True])).row(0) == row


def test_13_and_14_digit_numbers_are_taken_as_they_are() -> None:
    assert check_code(3401351277399) == CodeCheck("03401351277399", "valid", None, False)
    assert check_code(98412345678908) == CodeCheck("98412345678908", "valid", None, False)


# --- 3. trimming and separators are noted --------------------------------------------------

@pytest.mark.parametrize("ends", ["\u00a0", "\t", "\u200b", "\u200c", "\u200d", "\ufeff", "\u2060", "\n", "\u202f"])
def test_invisible_characters_at_the_ends_are_noted(ends: str) -> None:
    for text in (ends + "3401351277399", "3401351277399" + ends, ends + "3401351277399" + ends):
        want = CodeCheck("03401351277399", "valid", "invisible characters removed", False)
        assert check_code(text) == want, repr(text)
        assert check_column(pl.Series([text])).row(0) == ("03401351277399", "valid",
                                                          "invisible characters removed", False)


def test_spaces_at_the_ends_are_noted_and_keep_the_code_valid() -> None:
    assert check_code(" 3401351277399  ") == CodeCheck("03401351277399", "valid", "spaces removed", False)
    assert check_code(" \u00a03401351277399") == CodeCheck(
        "03401351277399", "valid", "spaces removed; invisible characters removed", False)
    # inner separators were and are a repair; spaces at the ends are then not named twice
    assert check_code(" 3401 351277399 ") == CodeCheck(
        "03401351277399", "repaired", "separators removed: spaces", False)
    assert check_code(" 3401-351277-399") == CodeCheck(
        "03401351277399", "repaired", "spaces removed; separators removed: hyphens", False)
    # Excel's text guard is not a repair and not noted on the row (the reader notes it per column)
    assert check_code("' 3401351277399") == CodeCheck("03401351277399", "valid", "spaces removed", False)


def test_a_trimmed_code_stays_valid_in_the_summary() -> None:
    s = validate_table(table_of([" 3401351277399", "\u00a05901234123457"])).summary()
    assert (s.valid, s.repaired) == (2, 0)


# --- 4. control characters: one rule for every format ------------------------------------

@pytest.mark.parametrize("text", ["3401351\x00277399", "\x003401351277399", "3401351277399\x00",
                                  "3401\x01351\x1f277399", "3401351277399\x7f", "\x0b3401351277399\x0c",
                                  " \x00 3401351277399"])
def test_control_characters_are_removed_and_noted(text: str) -> None:
    got = check_code(text)
    assert got.gtin14 == "03401351277399" and got.status == "repaired"
    assert got.reason is not None and CONTROL_NOTE in got.reason.split("; ")
    assert check_column(pl.Series([text])).row(0) == (got.gtin14, got.status, got.reason, got.restricted)


def test_only_control_characters_is_an_empty_cell() -> None:
    assert check_code("\x00\x01") == CodeCheck(None, "empty", None, False)


def write_controls_csv(path: Path) -> Path:
    path.write_bytes(b"EAN;Nom\n3401351\x00277399;a\x00b\n5901234123457;c\n\x01\x02;d\n")
    return path


def write_controls_xlsx(path: Path) -> Path:
    wb = xlsxwriter.Workbook(str(path))  # xlsxwriter writes a NUL as _x0000_, Excel's escape
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["EAN", "Nom"])
    for i, (code, name) in enumerate([("3401351\x00277399", "a\x00b"), ("5901234123457", "c"), ("\x01\x02", "d")]):
        ws.write_string(i + 1, 0, code)
        ws.write_string(i + 1, 1, name)
    wb.close()
    return path


def test_csv_and_xlsx_give_the_same_verdict_note_and_count(tmp_path: Path) -> None:
    results = []
    for path in (write_controls_csv(tmp_path / "c.csv"), write_controls_xlsx(tmp_path / "c.xlsx")):
        v = validate_table(read_table(path))
        results.append((v.checks.select("gtin14", "status", "reason").rows(), v.summary().control_removed))
    assert results[0] == results[1]
    rows, count = results[0]
    assert rows == [("03401351277399", "repaired", CONTROL_NOTE), ("05901234123457", "valid", None),
                    (None, "empty", None)]
    assert count == 1


def test_other_csv_columns_are_still_cleaned_on_load(tmp_path: Path) -> None:
    table = read_table(write_controls_csv(tmp_path / "c.csv"))
    assert table.frame["Nom"].to_list() == ["ab", "c", "d"]
    assert table.frame["EAN"].to_list()[0] == "3401351\x00277399"  # validation's to remove and note


def test_the_count_comes_from_the_notes() -> None:
    codes = ["3401351\x00277399", "\x005901234123457", "5901234123457", "abc\x00", None, "3401351\x00277399"]
    v = validate_table(table_of(codes))
    noted = sum(CONTROL_NOTE in (r or "") for r in v.checks["reason"].to_list())
    assert v.summary().control_removed == noted == 3
    assert v.summary() == ValidationSummary(rows=6, valid=1, repaired=3, invalid=1, empty=1, duplicates=2,
                                            unique=2, restricted=0, control_removed=3)


def test_the_summary_sheet_shows_the_count(tmp_path: Path) -> None:
    v = validate_table(read_table(write_controls_csv(tmp_path / "c.csv")))
    result = RunResult(run_id="r", validated=v, settings=RunSettings(officiscan=False, monitorize=False),
                       status="finished", started_at=datetime(2026, 5, 2), finished_at=datetime(2026, 5, 2),
                       app_version="0.1.0")
    facts = ExportFacts(layout="row", exported_at=datetime(2026, 5, 2), results=SheetStats())
    pairs = {r[0].value: r[1] for r in summary_rows(result, facts) if len(r) == 2}
    count = pairs["Codes with control characters removed"]
    assert getattr(count, "value", count) == 1


# --- the scalar and the vectorised path agree on number cells too -------------------------

cell_text = st.one_of(
    st.text(alphabet="0123456789", min_size=6, max_size=15),
    st.integers(1, 10**14).map(str),
    st.tuples(st.text(alphabet=" \t\u00a0\u200b\ufeff\x00\x01\x7f'", max_size=3),
              st.integers(10**6, 10**13).map(str),
              st.text(alphabet=" \t\u00a0\u2060\x00\x1f", max_size=3)).map("".join),
    st.integers(10**6, 10**12).map(lambda v: f"{v}.0"),
    st.sampled_from(["", None, "#N/A", "3-401351-277399", "abc", "\x00", "'"]),
)


# long columns, few examples: the vector path costs ~10 ms a call whatever the column's length
@settings(max_examples=18, deadline=None)
@given(st.lists(st.tuples(cell_text, st.booleans()), min_size=20, max_size=90), st.booleans())
def test_scalar_and_vector_agree_with_number_cells(cells: list[tuple[str | None, bool]], cip7: bool) -> None:
    values = [v for v, _ in cells]
    mask = [n for _, n in cells]
    frame = check_column(pl.Series("v", values, dtype=pl.String), cip7=cip7,
                         numeric=pl.Series("n", mask, dtype=pl.Boolean))
    for (value, number), row in zip(cells, frame.iter_rows(), strict=True):
        got = check_code(value, cip7=cip7, numeric=number)
        assert row == (got.gtin14, got.status, got.reason, got.restricted), (value, number)
        if got.gtin14 is not None:
            assert ean.is_valid(got.gtin14)  # the oracle agrees with every key we give


@settings(max_examples=60, deadline=None)
@given(st.integers(1, 10**13))
def test_a_number_and_its_text_marked_numeric_agree_with_stdnum(value: int) -> None:
    got = check_code(value)
    assert got == check_code(str(value), numeric=True)
    digits = str(value)
    if 7 <= len(digits) <= 14 and value:
        assert (got.gtin14 is not None) == ean.is_valid(digits.zfill(14))
        if got.gtin14 is not None:
            assert got.gtin14 == digits.zfill(14)
            assert got.status == ("repaired" if len(digits) <= 12 else "valid")
