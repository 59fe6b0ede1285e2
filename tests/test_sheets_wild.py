"""The public test spreadsheets of calamine and fastexcel, each with its expected outcome.

Expected values: /work/shared/testdata/README.md, which cites calamine's
tests/test.rs and fastexcel's python/tests (test names in the comments here).
Files are copied in tests/data/{calamine,fastexcel} with their MIT licences.
"""

from __future__ import annotations

import struct
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest

from pricelookup.errors import InputFileError, SettingsError
from pricelookup.sheets import cfbguard, list_sheets, read_table
from pricelookup.sheets.detect import sniff_bytes
from pricelookup.sheets.grid import Grid
from pricelookup.sheets.workbook import Workbook

DATA = Path(__file__).parent / "data"
CAL = DATA / "calamine"
FX = DATA / "fastexcel"


def grid(path: Path, sheet: str | None = None) -> Grid:
    """The raw text grid of a sheet (what the reader sees before header detection)."""
    data = path.read_bytes()
    kind = sniff_bytes(data, path.suffix.lower()).kind
    assert kind is not None, path
    wb = Workbook(data, kind, path, str(path))
    return wb.load(sheet or wb.names[0])


# --- sheets and visibility ---------------------------------------------------------


@pytest.mark.parametrize("ext", ["xlsx", "xls", "xlsb", "ods"])
def test_any_sheets_uses_visible_sheet_without_header(ext: str) -> None:
    # calamine any_sheets_*: Visible / Hidden / VeryHidden / Chart
    table = read_table(CAL / f"any_sheets.{ext}", column="A")
    assert table.sheet == "Visible"
    assert table.sheets == ("Visible", "Hidden", "VeryHidden", "Chart")
    assert table.header_row is None  # rows [1,2],[3,4]... are data, not a header
    assert table.frame.columns == ["A", "B"]
    assert table.frame.rows()[:3] == [("1", "2"), ("3", "4"), ("5", "6")]
    assert table.row_numbers.to_list()[:3] == [1, 2, 3]


@pytest.mark.parametrize("ext", ["xlsx", "xlsb", "xls"])
def test_list_sheets_reports_visibility_and_chart_kind(ext: str) -> None:
    infos = {i.name: i for i in list_sheets(CAL / f"any_sheets.{ext}")}
    assert infos["Visible"].visible and infos["Visible"].kind == "worksheet"
    assert infos["Hidden"].visibility == "hidden" and not infos["Hidden"].visible
    assert infos["VeryHidden"].visibility == "veryhidden"
    assert infos["Chart"].kind == "chart"


def looping_xls(path: Path) -> Path:
    """any_sheets.xls whose directory chain loops back on itself (one FAT entry changed)."""
    data = bytearray((CAL / "any_sheets.xls").read_bytes())
    assert struct.unpack_from("<H", data, 30)[0] == 9  # 512-byte sectors
    (dir_start,) = struct.unpack_from("<I", data, 48)
    (first_fat,) = struct.unpack_from("<I", data, 76)
    struct.pack_into("<I", data, (first_fat + 1) * 512 + dir_start * 4, dir_start)
    path.write_bytes(bytes(data))
    return path


def test_xls_whose_sector_chain_loops_is_refused(tmp_path: Path) -> None:
    # fastexcel's calamine 0.36 and python-calamine's 0.37 both abort the process on this
    # file ("memory allocation of 4294967296 bytes failed", in cfb::Sectors::get_chain):
    # cfbguard must refuse it first. In a child with 2 GB of address space, in case it does not.
    path = looping_xls(tmp_path / "loop.xls")
    assert cfbguard.structure_problem(path.read_bytes()) == "its sector chains loop back on themselves"
    code = (
        "import resource, sys\n"
        "resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))\n"
        "from pricelookup.sheets import read_table\n"
        "try:\n"
        f"    read_table({str(path)!r})\n"
        "except Exception as e:\n"
        "    print(type(e).__name__, e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-500:]
    assert out.stdout.startswith("InputFileError") and "loop back on themselves" in out.stdout, out.stdout


def test_hidden_sheets_are_read_only_when_named() -> None:
    path = FX / "fixture-sheets-different-visibilities.xlsx"
    # The visible sheet has one row of labels: a header with no data.
    with pytest.raises(InputFileError, match="no data"):
        read_table(path)
    grid_hidden = grid(path, "VeryHidden")
    assert grid_hidden.frame.rows() == [("very hidden 1", "very hidden  2")]
    with pytest.raises(SettingsError, match='"Visible", "Hidden", "VeryHidden"'):
        read_table(path, sheet="Nope")


# --- empty, protected, corrupt, bombs ---------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [CAL / "empty_sheet.xlsx", FX / "empty.xlsx", FX / "empty.ods", CAL / "vba.xlsm",
     CAL / "issue_666_panic.xlsb"],
    ids=lambda p: p.name,
)
def test_empty_workbooks_say_no_data(path: Path) -> None:
    # calamine empty_sheet / issue_666 (xlsb with an unmatched record opens, Sheet1 empty);
    # vba.xlsm is accepted as a workbook and its sheets are empty.
    with pytest.raises(InputFileError, match="no data") as info:
        read_table(path)
    assert path.name in str(info.value)


@pytest.mark.parametrize(
    "name", ["pass_protected.xlsx", "pass_protected.xlsb", "pass_protected.ods", "issue_385.xls"]
)
def test_password_protected(name: str) -> None:
    # calamine issue_102 / pass_protected_* / issue_385
    with pytest.raises(InputFileError, match="protected: save a copy without a password") as info:
        read_table(CAL / name)
    assert name in str(info.value)


@pytest.mark.parametrize("name", ["too_small.xls", "issue252.xlsx", "OOM_alloc3.xls"])
def test_corrupt_files_are_not_valid_spreadsheets(name: str) -> None:
    # too_small_xls (68-byte text named .xls), issue_252 (bad CRC), test_oom_allocation
    with pytest.raises(InputFileError, match="not a valid spreadsheet") as info:
        read_table(CAL / name)
    assert name in str(info.value)


def test_ods_repeat_bomb_refused_fast_and_small() -> None:
    # test_ods_dos_protection: 1.3 KB declaring 999,999,999 repeated rows x columns.
    # Run in a child so its peak RSS is its own.
    code = (
        "import resource, time, sys\n"
        "from pricelookup.sheets import read_table\n"
        "t = time.perf_counter()\n"
        "try:\n"
        f"    read_table({str(CAL / 'issue_594_dos.ods')!r})\n"
        "except Exception as e:\n"
        "    print(type(e).__name__, str(e).replace(chr(10), ' '))\n"
        "print(time.perf_counter() - t)\n"
        # VmHWM is this process's own peak; ru_maxrss survives exec and would show pytest's
        "print([int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    lines = out.stdout.strip().splitlines()
    assert lines[0].startswith("InputFileError") and "refused" in lines[0], out
    assert float(lines[1]) < 2.0
    assert int(lines[2]) < 400 * 1024  # KB: well under any blow-up


# --- header detection ------------------------------------------------------------------


def test_header_row_not_note() -> None:
    # calamine header_row: stray "Note 1" on row 3, real header on row 9
    table = read_table(CAL / "header-row.xlsx", column="Column A")
    assert table.header_row == 9
    assert table.frame.columns == ["Columns", "Column A", "Column B", "Column C"]
    assert table.frame.rows() == [("put data here", "1", "2", "3")]
    assert table.row_numbers.to_list() == [10]


def test_no_header_data_starts_at_row_3() -> None:
    # calamine test_no_header: sheet "Feuille 1", 2 empty rows, then a/0, b/1
    table = read_table(CAL / "no-header.xlsx", column="B")
    assert table.sheet == "Feuille 1"
    assert table.header_row is None
    assert table.frame.columns == ["A", "B"]
    assert table.frame.rows() == [("a", "0"), ("b", "1")]
    assert table.row_numbers.to_list() == [3, 4]


def test_changing_header_location() -> None:
    path = FX / "fixture-changing-header-location.xlsx"
    s1 = read_table(path, sheet="Sheet1", column="Month")  # title row above the header
    assert s1.header_row == 2 and s1.frame.columns == ["Month", "Year"]
    assert s1.frame.rows() == [("1", "2019"), ("2", "2020")]
    s2 = read_table(path, sheet="Sheet2", column="A")  # no header
    assert s2.header_row is None and s2.frame.columns == ["A", "B", "C"]
    assert s2.frame.rows() == [("1", "3", "5"), ("2", "4", "6")]
    s3 = read_table(path, sheet="Sheet3", column="Year")  # empty rows, then the header
    assert s3.frame.columns == ["Month", "Year"]
    assert s3.header_row is not None and s3.row_numbers[0] == s3.header_row + 1


def test_offset_table_and_unnamed_empty_column() -> None:
    # data at H10; J is blank in the header and in the data (fastexcel: __UNNAMED__2)
    table = read_table(FX / "sheet-and-table-with-offset.xlsx", column="H")
    assert table.header_row == 10
    assert table.frame.columns == ["Column at H10", "Column at I10", "Column at K10"]
    assert table.frame.rows() == [("1", "4", "7"), ("2", "5", "8"), ("3", "6", "9")]
    assert table.row_numbers.to_list() == [11, 12, 13]


def test_temperature_in_middle() -> None:
    table = read_table(CAL / "temperature-in-middle.xlsx", column="value")
    assert table.frame.columns == ["label", "value"]
    assert table.frame.rows() == [("celsius", "22.2222"), ("fahrenheit", "72")]


def test_duplicated_columns_are_disambiguated_and_code_column_asked() -> None:
    path = FX / "fixture-single-sheet-duplicated-columns.xlsx"
    with pytest.raises(SettingsError, match=r'--column.*A "col", B "col_2", C "col_3"'):
        read_table(path)
    table = read_table(path, column="B")
    assert table.frame.columns == ["col", "col_2", "col_3"]
    assert table.code_column == "col_2"


# --- values as text --------------------------------------------------------------------


def test_text_stays_text() -> None:
    assert read_table(CAL / "string-ref.xlsx").frame["col1"].to_list() == ["-8086931554011838357"]
    assert grid(CAL / "inlineStr_cdata.xlsx").frame.rows()[1] == ("12345", "NormalText")
    assert grid(CAL / "has_x000D_.xlsx").frame.rows() == [("ABC\r\nDEF",)]
    assert grid(CAL / "encoded_entities.xlsx").frame["A"].to_list()[0] == "&"
    spc = grid(CAL / "issues.xlsx", "spc_chrs").frame["A"].to_list()
    assert spc[:3] == ["&", "<", ">"] and any("☺" in v for v in spc if v)


def test_ids_with_mixed_types_keep_text_rows() -> None:
    # fastexcel test_dtypes: with inference "US00011"/"IN86868" become null
    table = read_table(FX / "fixture-multi-dtypes-columns.xlsx", column="Employee ID")
    ids = table.frame["Employee ID"].to_list()
    assert ids[:2] == ["123456", "44333"] and "US00011" in ids and "IN86868" in ids
    assert None not in ids


def test_decimal_artefacts_and_cached_formulas() -> None:
    assert read_table(FX / "decimal-numbers.xlsx").frame["Decimals"].to_list() == ["28.14", "29.02"]
    assert grid(CAL / "xls_wrong_decimals.xls").frame.rows() == [("0.525625",)]
    assert grid(CAL / "issue_646_unsupported_formula_function.xls").frame.rows() == [("1",)]
    assert grid(CAL / "formula.issue.xlsx").frame.rows()[0][:3] == ("23", None, "23")


def test_empty_strings_and_whitespace() -> None:
    assert grid(CAL / "empty-string.xls").frame.rows() == [("", "false")]
    assert grid(CAL / "empty_shared_string.xlsx").frame["A"].to_list() == ["abc", ""]
    rows = grid(CAL / "empty_shared_string_value.xlsx").frame.rows()
    assert rows[1] == ("Alice", None, "Active") and rows[2] == (None, "Berlin", None)
    ws = grid(CAL / "whitespace_trim.xlsx", "SharedStrings").frame.rows()
    assert ws[0][1] == "  preserved value  "  # kept as read; gtin strips before validating


def test_trailing_whitespace_rows_are_dropped() -> None:
    table = read_table(FX / "sheet-and-table-with-whitespace.xlsx", column="Column One")
    assert table.header_row == 3
    # rows 4..9 have content (row 7 has no "Column One" but "four"); 10..13 are blank/" "/""
    assert table.row_numbers.to_list() == [4, 5, 6, 7, 8, 9]
    assert table.frame["Column Two"].to_list() == ["one", "two", None, "four", "five", None]


def test_null_strings_are_text_not_blanks() -> None:
    nulls = read_table(FX / "sheet-null-strings.xlsx", column="FIRST_LABEL").frame
    empty = read_table(FX / "sheet-null-strings-empty.xlsx", column="FIRST_LABEL").frame
    assert nulls["DATES_AND_NULLS"][0] == "NULL"
    assert empty["DATES_AND_NULLS"][0] is None


def test_null_column_is_kept_when_named() -> None:
    table = read_table(FX / "null-column.xlsx")
    assert table.frame.columns == ["record_id", "nullonly"]
    assert table.frame["nullonly"].null_count() == table.frame.height


def test_dates_come_out_as_text() -> None:
    assert grid(CAL / "date_1904.xlsx").frame["A"][0] == "2021-01-01 00:00:00"
    assert grid(CAL / "date.ods").frame.rows()[0] == ("2021-01-01", "15")


def test_control_characters_stripped() -> None:
    # python-calamine returns 'T\x00i\x00t\x00e\x00l\x00' for sheet_name_parsing.xls
    rows = grid(CAL / "sheet_name_parsing.xls").frame.rows()
    assert rows[0][:3] == ("Titel", "Orginaltitel", "År")


# --- error cells -----------------------------------------------------------------------


def test_error_cells_are_literals_not_blanks() -> None:
    # calamine error_file: #DIV/0!, #NAME?, #VALUE!, #NULL!, #REF!, #NUM!, #N/A
    table = read_table(CAL / "errors.xlsx")
    assert table.frame["A"].to_list() == ["#DIV/0!", "#NAME?", "#VALUE!", "#NULL!", "#REF!", "#NUM!", "#N/A"]
    assert table.row_numbers.to_list() == [1, 2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize(
    ("name", "column", "expected"),
    [
        ("sheet-with-na.xlsx", "Amount", ["#N/A", "100"]),
        ("div0.xlsx", "quotient", ["#DIV/0!", "43", "22", "15"]),
        ("fixture-invalid-cell-value.xlsx", "Date", ["#N/A", "#VALUE!", "2021-01-01 00:00:00", "2021-05-05 00:00:00"]),
        ("fixture-invalid-cell-value-num.xlsx", "Column", ["8", "#NUM!"]),
    ],
)
def test_fastexcel_error_fixtures(name: str, column: str, expected: list[str]) -> None:
    # fastexcel/polars give null silently for these
    assert read_table(FX / name, column=column).frame[column].to_list() == expected


def test_type_errors_fixture_reads_every_value_as_text() -> None:
    values = grid(FX / "fixture-type-errors.xlsx").frame["A"].to_list()
    assert values[:5] == ["Column", None, "foo", "-1", "0"]
    assert "true" in values and "July 23rd" in values and "0.1" in values


# --- blank rows, repeats, merges, odd packages -----------------------------------------


@pytest.mark.parametrize("name", ["single-empty.ods", "multi-empty.ods"])
def test_blank_rows_do_not_stop_reading(name: str) -> None:
    # calamine issue_repeated_empty: header, bbb..eee, 7 empty rows, zzz
    table = read_table(CAL / name)
    assert table.frame["StringCol"].to_list() == ["bbb", "ccc", "ddd", "eee", "zzz"]
    assert table.row_numbers.to_list() == [2, 3, 4, 5, 13]


def test_ods_number_rows_repeated() -> None:
    # ods_number_rows_repeated: A/B, C/D, C/D, blank, blank, C/D, blank, C/D
    rows = grid(CAL / "number_rows_repeated.ods").frame.rows()
    assert rows == [("A", "B"), ("C", "D"), ("C", "D"), (None, None), (None, None),
                    ("C", "D"), (None, None), ("C", "D")]


def test_merged_cells_top_left_only() -> None:
    assert grid(CAL / "covered.ods").frame["A"].to_list() == ["a1", "a2", "a3"]
    rows = grid(CAL / "merge_cells.xlsx").frame.rows()
    assert rows == [("Row Merge", None, "Not Merged"), ("Column Merge", "Chunk Merged", None)]
    assert grid(CAL / "merged_cells.ods").frame.rows()[2] == (None, None, "C")


@pytest.mark.parametrize(
    ("name", "rows"),
    [("strict_iso_paths.xlsx", 75), ("issue_261.xlsx", None), ("minimal_package.xlsx", None),
     ("nonstandard-xml-ns-prefix.xlsx", 2)],
)
def test_odd_packages_read_normally(name: str, rows: int | None) -> None:
    g = grid(CAL / name)
    assert g.frame.height > 0
    if name == "issue_261.xlsx":
        assert g.frame.height == 66  # cells without r= attributes
    if name == "nonstandard-xml-ns-prefix.xlsx":
        assert g.frame.rows() == [("a", "b"), ("1", "3"), ("2", "4")]
    if rows is not None and name == "strict_iso_paths.xlsx":
        table = read_table(CAL / name, column="Item")
        assert table.frame.height == rows and table.header_row == 1


def test_sha256_is_of_the_file_bytes() -> None:
    import hashlib

    path = CAL / "errors.xlsx"
    assert read_table(path).sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    "path", sorted(CAL.glob("*.[xo][ld]s*")) + sorted(FX.glob("*.[xo][ld]s*")), ids=lambda p: p.name
)
def test_every_wild_file_reads_or_gives_an_analyst_message(path: Path) -> None:
    """No crash, no raw library exception: a table, or one of our two error types."""
    try:
        table = read_table(path)
    except (InputFileError, SettingsError) as exc:
        assert path.name in str(exc) or "column" in str(exc) or "sheet" in str(exc)
    else:
        assert table.frame.height == table.row_numbers.len() > 0
        assert all(dtype == pl.String for dtype in table.frame.dtypes)
        assert table.code_column in table.frame.columns
