"""ValidatedTable: per-row checks, duplicates by GTIN-14, summary and look-up list."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pricelookup.cli.validate import render_json
from pricelookup.errors import SettingsError
from pricelookup.gtin import EXCEL_ROUNDED_REASON, check_code
from pricelookup.sheets import SheetTable
from pricelookup.validation import CHECKS_SCHEMA, ValidationSummary, validate_table


def make_table(codes: list[str | None], *, rows: list[int] | None = None, column: str = "EAN",
               numeric: list[bool] | None = None) -> SheetTable:
    """A SheetTable as the reader builds it: all-text frame, sheet row numbers (and number cells)."""
    n = len(codes)
    frame = pl.DataFrame(
        {"Produit": [f"p{i}" for i in range(n)], column: codes},
        schema={"Produit": pl.String, column: pl.String},
    )
    numbers = rows if rows is not None else list(range(2, n + 2))
    return SheetTable(
        path=Path("/data/products.xlsx"), sheet="Feuil1", header_row=1, frame=frame,
        row_numbers=pl.Series("row", numbers, dtype=pl.Int64), code_column=column,
        code_column_reason='header "EAN" matches "ean"', sha256="0" * 64, sheets=("Feuil1",),
        numeric_codes=None if numeric is None else pl.Series("number", numeric, dtype=pl.Boolean),
    )


A = "3401351277399"
B = "5901234123457"


def _restricted() -> str:
    """A valid code with the restricted-circulation GS1 prefix 201."""
    body = "201111111111"
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


R = _restricted()  # restricted circulation (GS1 prefix 201)


def test_checks_schema_and_order() -> None:
    v = validate_table(make_table([A, None, "x", B]))
    assert v.checks.schema == pl.Schema(CHECKS_SCHEMA)
    assert v.checks["row"].to_list() == [2, 3, 4, 5]
    assert v.checks["input"].to_list() == [A, None, "x", B]
    assert v.checks["status"].to_list() == ["valid", "empty", "invalid", "valid"]


def test_row_numbers_come_from_the_sheet() -> None:
    # header on row 4, a blank row 6 dropped by the reader
    v = validate_table(make_table([A, "bad", B], rows=[5, 7, 8]))
    assert v.problems().rows() == [(7, "bad", "contains letters, not only digits")]


def test_duplicates_point_to_the_first_occurrence() -> None:
    codes = [A, B, f"{A[:4]}-{A[4:]}", "0" + A, "bad", "bad", None, None, B]
    v = validate_table(make_table(codes, rows=[10, 11, 12, 13, 14, 15, 16, 17, 18]))
    c = v.checks
    assert c["duplicate_of"].to_list() == [None, None, 10, 10, None, None, None, None, 11]
    # duplicates keep their own status; their reason says what happened
    assert c["status"].to_list()[2:4] == ["repaired", "valid"]
    assert c["reason"].to_list() == [
        None, None, "separators removed: hyphens; duplicate of row 10", "duplicate of row 10",
        "contains letters, not only digits", "contains letters, not only digits", None, None,
        "duplicate of row 11",
    ]
    assert c["gtin14"].to_list()[:4] == ["0" + A, "0" + B, "0" + A, "0" + A]


def test_summary_counts() -> None:
    codes = [A, B, A, "95673400332", "bad", None, "  ", R, R]
    number = [False, False, False, True, False, False, False, False, False]  # a number cell lost its zeros
    s = validate_table(make_table(codes, numeric=number)).summary()
    assert s == ValidationSummary(rows=9, valid=5, repaired=1, invalid=1, empty=2,
                                  duplicates=2, unique=4, restricted=2, control_removed=0)
    assert s.valid + s.repaired + s.invalid + s.empty == s.rows
    # the same digits typed as text are not padded: invalid, with the reason why
    text = validate_table(make_table(codes))
    assert text.summary().invalid == 2
    assert text.checks["reason"][3].startswith("11 digits: not a GTIN length")


def test_summary_counts_codes_that_lost_control_characters() -> None:
    v = validate_table(make_table([A, f"{A[:5]}\x00{A[5:]}", f"\x00{B}", "x\x00", None]))
    assert v.checks["reason"].to_list()[:3] == [None, "control characters removed; duplicate of row 2",
                                                "control characters removed"]
    assert v.summary().control_removed == 2


def test_lookup_codes_unique_in_first_seen_order() -> None:
    v = validate_table(make_table([B, R, A, B, "0" + A, "bad", None]))
    assert v.lookup_codes(include_restricted=False) == ["0" + B, "0" + A]
    assert v.lookup_codes(include_restricted=True) == ["0" + B, "0" + R, "0" + A]


def test_restricted_duplicate_reason_keeps_both_notes() -> None:
    v = validate_table(make_table([R, R]))
    reason = v.checks["reason"][1]
    assert reason.startswith("restricted circulation code") and reason.endswith("; duplicate of row 2")
    assert v.checks["restricted"].to_list() == [True, True]


def test_cip7_option_is_passed_through() -> None:
    plain = validate_table(make_table(["3400935"]))
    cip = validate_table(make_table(["3400935"]), cip7=True)
    assert cip.checks["reason"][0] == "CIP7 converted to CIP13"
    assert cip.checks["gtin14"][0].startswith("034009")
    assert plain.checks["gtin14"][0] != cip.checks["gtin14"][0]


def test_unknown_code_column_is_a_settings_error() -> None:
    table = make_table([A])
    broken = SheetTable(**{**table.__dict__, "code_column": "GTIN"})
    with pytest.raises(SettingsError, match='no column "GTIN"'):
        validate_table(broken)


def test_non_string_code_column_is_checked_as_numbers() -> None:
    # e.g. a table built by the engine from an API: numbers, not text
    table = make_table([A])
    frame = pl.DataFrame({"Produit": ["p"], "EAN": [3401351277399.0]})
    numeric = SheetTable(**{**table.__dict__, "frame": frame})
    v = validate_table(numeric)
    assert v.checks["gtin14"].to_list() == ["0" + A]
    assert v.checks["input"].dtype == pl.String


def test_json_rows_round_trip_hostile_text() -> None:
    hostile = ['"quoted"', "back\\slash", "tab\there", "new\nline", "\x01ctl", "é€😀", "\u2028", None]
    v = validate_table(make_table(hostile))
    doc = json.loads(render_json(v, file="products.xlsx"))
    assert [r["input"] for r in doc["rows"]] == hostile
    assert list(doc) == ["file", "sheet", "header_row", "column", "summary", "rows"]


POOL = [A, B, R, "0" + A, f"{A[:4]} {A[4:]}", "bad", None, "", "95673400332", "0095673400332"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(POOL), min_size=1, max_size=60))
def test_duplicates_match_a_plain_python_reference(codes: list[str | None]) -> None:
    v = validate_table(make_table(codes))
    first: dict[str, int] = {}
    expected_dup: list[int | None] = []
    for row, code in zip(range(2, len(codes) + 2), codes, strict=True):
        key = check_code(code).gtin14
        if key is None:
            expected_dup.append(None)
        elif key in first:
            expected_dup.append(first[key])
        else:
            first[key] = row
            expected_dup.append(None)
    assert v.checks["duplicate_of"].to_list() == expected_dup
    assert v.summary().unique == len(first)
    assert v.lookup_codes(include_restricted=True) == list(first)


# --- what the reader knows of the code column (issue #15) -----------------------------------------


def test_scientific_number_cells_and_isbn10_columns_reach_the_rules() -> None:
    table = make_table(["9780439023480", "9780439023480", "253000000000", A])
    plain = validate_table(table).checks
    assert plain["reason"].to_list()[:3] == ["wrong check digit: the last digit should be 1, not 0",
                                             "wrong check digit: the last digit should be 1, not 0",
                                             EXCEL_ROUNDED_REASON]  # 6 significant digits: any cell
    sci = replace(table, scientific_codes=pl.Series([True, False, False, True]))
    got = validate_table(sci).checks
    assert got["reason"].to_list()[0] == EXCEL_ROUNDED_REASON  # the cell's scientific format decides
    assert got["status"].to_list() == ["invalid", "invalid", "invalid", "valid"]
    books = validate_table(replace(make_table(["439023483", "0439023483"]), isbn10=True))
    assert books.checks["gtin14"].to_list() == ["09780439023481"] * 2
    assert books.checks["duplicate_of"].to_list() == [None, 2]  # one book, looked up once
    with pytest.raises(ValueError, match="scientific_codes has 1 entries for 4 rows"):
        validate_table(replace(table, scientific_codes=pl.Series([True])))
