"""GTIN normalisation and validation (pricelookup.gtin).

Three kinds of evidence:
* python-stdnum's ``stdnum.ean`` is an independent oracle for the check digit
  (hypothesis: random valid codes, one-digit corruptions, transpositions,
  padded and separated forms);
* the GTIN vectors gathered from five projects (tests/data/gtin_vectors.csv);
* the scalar ``check_code`` and the vectorised ``check_column`` agree on
  everything, including hostile text (hypothesis).
"""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import ean

from pricelookup.gtin import (
    LOST_DIGITS_REASON,
    CodeCheck,
    check_code,
    check_column,
    gs1_check_digit,
)

DATA = Path(__file__).parent / "data"

NBSP, NNBSP, ZWSP, BOM = "\u00a0", "\u202f", "\u200b", "\ufeff"


def as_tuple(c: CodeCheck) -> tuple[str | None, str, str | None, bool]:
    return (c.gtin14, c.status, c.reason, c.restricted)


def column_tuples(values: list[object], *, cip7: bool = False, dtype: pl.DataType | None = None,
                  numeric: list[bool] | None = None) -> list[tuple[str | None, str, str | None, bool]]:
    series = pl.Series("v", values, dtype=dtype) if dtype is not None else pl.Series("v", values)
    mask = None if numeric is None else pl.Series("n", numeric, dtype=pl.Boolean)
    frame = check_column(series, cip7=cip7, numeric=mask)
    assert frame.columns == ["gtin14", "status", "reason", "restricted"]
    assert frame.height == len(values)
    return list(frame.iter_rows())


def assert_agree(values: list[object], *, cip7: bool = False, dtype: pl.DataType | None = None,
                 numeric: list[bool] | None = None) -> None:
    """check_column gives exactly what check_code gives, value by value, in order."""
    vector = column_tuples(values, cip7=cip7, dtype=dtype, numeric=numeric)
    flags = numeric if numeric is not None else [False] * len(values)
    for value, number, got in zip(values, flags, vector, strict=True):
        assert got == as_tuple(check_code(value, cip7=cip7, numeric=number)), (repr(value), number)


#: the notes trimming gives (rule 3), by what was trimmed
TRIM_NOTES = {"spaces": "spaces removed", "invisible": "invisible characters removed"}


def trim_note(ends: str) -> str | None:
    """The note for trimming ``ends`` off a code: spaces, and anything else as invisible characters."""
    notes = [TRIM_NOTES["spaces"]] if " " in ends else []
    if ends.replace(" ", ""):
        notes.append(TRIM_NOTES["invisible"])
    return "; ".join(notes) or None


def join_notes(*notes: str | None) -> str | None:
    return "; ".join(n for n in notes if n) or None


def with_check(body: str) -> str:
    return body + ean.calc_check_digit(body)


# --- the shared test vectors --------------------------------------------------------

def load_vectors() -> list[dict[str, str]]:
    with (DATA / "gtin_vectors.csv").open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


VECTORS = load_vectors()

#: vectors that are restricted circulation numbers (GS1 prefixes 02x/2xx, GTIN-8 starting 0 or 2)
RESTRICTED_VECTORS = {
    "00011112", "201111111115", "0204341706595", "0256844308646", "29428984",
    "00000017", "07038013",
}


def test_vectors_file_is_complete() -> None:
    assert len(VECTORS) == 62
    assert {v["expected"] for v in VECTORS} == {
        "valid", "valid_after_cleanup", "valid_after_strip", "valid_as_gtin14_not_ean13",
        "valid_rcn", "invalid_length", "invalid_format", "invalid_checksum",
    }


@pytest.mark.parametrize("vector", VECTORS, ids=[repr(v["input"]) for v in VECTORS])
def test_gtin_vector(vector: dict[str, str]) -> None:
    value, expected = vector["input"], vector["expected"]
    got = check_code(value)
    assert as_tuple(got) == column_tuples([value])[0]
    digits = "".join(ch for ch in value if ch in "0123456789")
    if expected.startswith("valid"):
        assert got.gtin14 == digits.zfill(14)
        assert ean.is_valid(digits)  # the oracle agrees the code is valid
        wanted_status = "repaired" if expected == "valid_after_cleanup" else "valid"
        assert got.status == wanted_status
        assert got.restricted == (value.strip() in RESTRICTED_VECTORS)
        if expected == "valid_rcn":
            assert got.restricted
        if got.restricted:
            assert got.reason and ("restricted" in got.reason or "coupon" in got.reason)
        elif expected == "valid_after_strip":  # trimmed: noted, still valid
            assert got.reason == trim_note(value.replace(value.strip(), ""))
        elif got.status == "valid":
            assert got.reason is None
    else:
        assert got.status == "invalid"
        assert got.gtin14 is None
        assert got.reason
        if expected == "invalid_checksum":
            assert got.reason.startswith("wrong check digit: the last digit should be ")
            assert got.reason.endswith(f"{ean.calc_check_digit(digits[:-1])}, not {digits[-1]}")
        elif expected == "invalid_length" and len(digits) in (7, 9, 10, 11):
            # stdnum refuses the length; typed as text it is no GTIN length...
            assert got.reason.startswith(f"{len(digits)} digits: not a GTIN length (8, 12, 13 or 14)")
            # ...and as a number cell we restore the leading zeros a spreadsheet
            # drops, and the padded code must then pass the check digit (it does not)
            assert (check_code(value, numeric=True).reason or "").startswith("wrong check digit")
        elif expected == "invalid_length":
            assert got.reason.startswith(("too short", "too long"))
        else:  # invalid_format: letters or digits that are not ASCII
            assert "letters" in got.reason or "not a digit 0-9" in got.reason


def test_vector_check_digit_named_in_reason() -> None:
    got = check_code("5901234123458")
    assert got == CodeCheck(None, "invalid", "wrong check digit: the last digit should be 7, not 8", False)


# --- stdnum as the oracle (hypothesis) ------------------------------------------------

DIGITS = "0123456789"


@st.composite
def valid_codes(draw: st.DrawFn, lengths: tuple[int, ...] = (8, 12, 13, 14)) -> str:
    length = draw(st.sampled_from(lengths))
    body = draw(st.text(alphabet=DIGITS, min_size=length - 1, max_size=length - 1))
    code = with_check(body)
    if set(code) == {"0"}:  # all zeros is a placeholder, tested on its own
        code = with_check(body[:-1] + "1")
    return code


@settings(max_examples=60, deadline=None)
@given(st.lists(valid_codes(), min_size=1, max_size=40))
def test_random_valid_codes_are_valid_and_keyed_by_gtin14(codes: list[str]) -> None:
    vector = column_tuples(codes)
    for code, (gtin14, status, _reason, restricted) in zip(codes, vector, strict=True):
        assert ean.is_valid(code)
        assert gtin14 == code.zfill(14)
        assert status == "valid"
        assert as_tuple(check_code(code)) == (gtin14, status, _reason, restricted)


@settings(max_examples=60, deadline=None)
@given(valid_codes(), st.data())
def test_one_digit_corruption_is_always_detected(code: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(code) - 1))
    new = data.draw(st.sampled_from([d for d in DIGITS if d != code[i]]))
    corrupted = code[:i] + new + code[i + 1:]
    assert not ean.is_valid(corrupted)
    got = check_code(corrupted)
    assert got.status == "invalid" and got.gtin14 is None
    if set(corrupted) != {"0"}:
        expected = ean.calc_check_digit(corrupted[:-1])
        assert got.reason == (
            f"wrong check digit: the last digit should be {expected}, not {corrupted[-1]}"
        )
    assert as_tuple(got) == column_tuples([corrupted])[0]


@settings(max_examples=60, deadline=None)
@given(valid_codes(), st.data())
def test_adjacent_transpositions_agree_with_stdnum(code: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(code) - 2))
    swapped = code[:i] + code[i + 1] + code[i] + code[i + 2:]
    got = check_code(swapped)
    usable = got.gtin14 is not None
    assert usable == ean.is_valid(swapped)
    a, b = int(code[i]), int(code[i + 1])
    if a != b and abs(a - b) != 5:  # GS1 mod 10 misses only swaps of digits 5 apart
        assert not usable


@settings(max_examples=60, deadline=None)
@given(valid_codes())
def test_padded_and_stripped_forms_are_one_product(code: str) -> None:
    key = code.zfill(14)
    for k in range(len(code), 15):
        text = check_code(code.zfill(k))
        if k in (8, 12, 13, 14):  # a GTIN length: the text is taken as it is
            assert text.gtin14 == key and text.status == "valid"
        else:  # a text is never padded
            assert text.gtin14 is None and text.status == "invalid"
            assert text.reason and text.reason.startswith(f"{k} digits: not a GTIN length")
        assert check_code(code.zfill(k), numeric=True).gtin14 == key
    stripped = code.lstrip("0")
    as_number = check_code(int(stripped) if stripped else 0)
    assert as_number == check_code(stripped, numeric=True)
    if len(stripped) < 7:
        assert as_number.status == "invalid" and as_number.reason and as_number.reason.startswith("too short")
    else:
        # a number cell that lost its zeros: padded back, and the note says so
        assert as_number.gtin14 == key
        padded = len(stripped) <= 12
        assert as_number.status == ("repaired" if padded else "valid")
        assert (as_number.reason or "").startswith("leading zeros restored") == padded
    assert_agree([code, stripped, code.zfill(14)])
    assert_agree([code, stripped, code.zfill(14)], numeric=[True, True, False])


SEPARATORS = [" ", "-", ".", NBSP, NNBSP, "\u2013", "\t", "  ", " - "]


@settings(max_examples=60, deadline=None)
@given(valid_codes((13,)), st.data())
def test_separated_forms_are_repaired_to_the_same_key(code: str, data: st.DataObject) -> None:
    cuts = sorted(data.draw(st.sets(st.integers(1, len(code) - 1), min_size=1, max_size=4)))
    seps = [data.draw(st.sampled_from(SEPARATORS)) for _ in cuts]
    text, last = "", 0
    for cut, sep in zip(cuts, seps, strict=True):
        text += code[last:cut] + sep
        last = cut
    text += code[last:]
    got = check_code(text)
    if len(cuts) == 1 and seps[0] == ".":
        # one dot is a decimal point, not a separator
        assert got.status == "invalid"
        return
    assert got.gtin14 == code.zfill(14)
    assert got.status == "repaired"
    assert got.reason and got.reason.startswith("separators removed: ")
    assert_agree([text])


@settings(max_examples=40, deadline=None)
@given(valid_codes(), st.lists(st.sampled_from([" ", "\t", "\n", "\r\n", NBSP, NNBSP, ZWSP, BOM, "\u3000"]),
                              min_size=1, max_size=4))
def test_surrounding_whitespace_is_trimmed_and_noted_without_a_repair(code: str, ws: list[str]) -> None:
    text = "".join(ws) + code + "".join(reversed(ws))
    got, plain = check_code(text), check_code(code)
    assert (got.gtin14, got.status, got.restricted) == (plain.gtin14, plain.status, plain.restricted)
    assert got.status == "valid"
    assert got.reason == join_notes(trim_note("".join(ws)), plain.reason)
    assert_agree([text])


NON_ASCII_DIGITS = ["²", "᭓", "３", "٣", "۳", "०", "⁰", "①", "𝟘"]


@settings(max_examples=40, deadline=None)
@given(valid_codes(), st.sampled_from(NON_ASCII_DIGITS), st.data())
def test_digits_that_are_not_ascii_are_invalid(code: str, fake: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(code) - 1))
    text = code[:i] + fake + code[i + 1:]
    assert fake.isdigit() or fake.isnumeric()  # str.isdigit() would have accepted it
    got = check_code(text)
    assert got.status == "invalid"
    assert got.reason == f'contains "{fake}", which is not a digit 0-9'
    assert_agree([text])


@settings(max_examples=40, deadline=None)
@given(st.text(alphabet=DIGITS, min_size=7, max_size=7).filter(lambda s: s != "0000000"))
def test_cip7_becomes_cip13_with_an_ean13_check_digit(cip7: str) -> None:
    got = check_code(cip7, cip7=True)
    assert got.status == "repaired" and got.reason == "CIP7 converted to CIP13"
    assert got.gtin14 is not None
    cip13 = got.gtin14[1:]
    assert got.gtin14[0] == "0" and cip13.startswith("34009" + cip7)
    assert ean.is_valid(cip13)
    assert_agree([cip7], cip7=True)
    # without the option a 7-digit number is a GTIN-8 that lost its leading zero; a text is no GTIN
    assert check_code(int(cip7)).gtin14 in (None, cip7.zfill(14))
    assert check_code(cip7).reason == (
        "7 digits: not a GTIN length (8, 12, 13 or 14); "
        "if a spreadsheet dropped leading zeros, re-export the column as text"
    )


def test_cip7_example() -> None:
    # CIP7 3400935 of a real presentation -> CIP13 3400934009357? computed, not guessed:
    got = check_code("3400935", cip7=True)
    assert got.gtin14 == "0" + with_check("34009" + "3400935")
    assert check_code(3400935, cip7=True) == got
    spaced = check_code(" 3400935 ", cip7=True)
    assert spaced == CodeCheck(got.gtin14, "repaired", "spaces removed; CIP7 converted to CIP13", False)


# --- the rules, one by one -----------------------------------------------------------

@pytest.mark.parametrize("value", [None, "", "   ", "\t\n", NBSP, ZWSP + BOM, "'", float("nan")])
def test_empty(value: object) -> None:
    assert check_code(value) == CodeCheck(None, "empty", None, False)


@pytest.mark.parametrize("literal", ["#N/A", "#REF!", "#VALUE!", "#DIV/0!", "#NAME?", "#NULL!", "#NUM!"])
def test_excel_error_cells(literal: str) -> None:
    assert check_code(literal) == CodeCheck(None, "invalid", f"Excel error cell {literal}", False)
    assert check_code(f" {literal} ").reason == f"Excel error cell {literal}"


@pytest.mark.parametrize("text", ["NULL", "null", "NaN", "None", "N/A", "n/a"])
def test_placeholder_words_are_not_codes(text: str) -> None:
    assert check_code(text) == CodeCheck(None, "invalid", f'the text "{text}" is not a code', False)


@pytest.mark.parametrize("text", ["3,40135E+12", "3.40135E+12", "3.4E12", "3.40135e+12", "3E+12", "-3.4E+12"])
def test_scientific_notation_lost_digits(text: str) -> None:
    assert check_code(text) == CodeCheck(None, "invalid", LOST_DIGITS_REASON, False)


def test_whole_floats_become_their_digits() -> None:
    assert check_code("3401351277399.0").gtin14 == "03401351277399"
    assert check_code("3401351277399.0").status == "valid"
    assert check_code("3401351277399,00").gtin14 == "03401351277399"  # French decimal comma
    assert check_code(3401351277399.0) == check_code("3401351277399")
    assert check_code(3401351277399) == check_code("3401351277399")
    assert check_code(95673400332.0).gtin14 == "00095673400332"
    assert check_code(Decimal("3401351277399")) == check_code("3401351277399")


def test_more_than_15_significant_digits_are_lost() -> None:
    assert check_code("1234567890123456.0").reason == LOST_DIGITS_REASON
    assert check_code(1.234567890123456e15).reason == LOST_DIGITS_REASON
    assert check_code(1e20).reason == LOST_DIGITS_REASON
    # a 16-digit integer *text* is just too long
    assert check_code("1234567890123456").reason == "too long: 16 digits (a GTIN has at most 14)"


def test_decimals_and_other_numbers() -> None:
    assert check_code("3401351277399.5").reason == "a decimal number, not a code"
    assert check_code(2.5).reason == "a decimal number, not a code"
    assert check_code(True).reason == "a TRUE/FALSE cell, not a code"
    assert check_code(dt.date(2021, 1, 1)).reason == "a date, not a code"
    assert check_code(dt.datetime(2021, 1, 1, 12)).reason == "a date, not a code"
    assert check_code(-3401351277399).reason == "starts or ends with a hyphen or dot"


def test_lengths() -> None:
    assert check_code("123").reason == "too short: 3 digits (a GTIN has 8 to 14)"
    assert check_code("1").reason == "too short: 1 digit (a GTIN has 8 to 14)"
    assert check_code("123456789012345").reason == "too long: 15 digits (a GTIN has at most 14)"
    assert check_code("00000000").reason == "all zeros, not a code"
    assert check_code("0000000", cip7=True).reason == "all zeros, not a code"


def test_letters_and_stray_characters() -> None:
    assert check_code("750103AAAA309").reason == "contains letters, not only digits"
    assert check_code("EAN 3401351277399").reason == "contains letters, not only digits"
    assert check_code("3401351277399/1").reason == 'contains "/", which is not a digit 0-9'
    assert check_code("+3401351277399").reason == 'contains "+", which is not a digit 0-9'
    assert check_code("3401351\x90277399").reason == "contains a control character"  # C1: never removed
    assert check_code("3401351277399-").reason == "starts or ends with a hyphen or dot"
    assert check_code("- -").reason == "no digits, not a code"


def test_repairs_name_their_rule() -> None:
    assert check_code("3401-351277-399").reason == "separators removed: hyphens"
    assert check_code("3 401 351 277 399").reason == "separators removed: spaces"
    assert check_code(f"3{NNBSP}401.351-277399").reason == "separators removed: spaces, hyphens, dots"
    assert check_code("3401.351.277.399").reason == "separators removed: dots"
    assert check_code(f"34013{ZWSP}51277399").reason == "invisible characters removed"
    assert check_code("'3401351277399").reason == "leading apostrophe removed"
    assert check_code("'095673400332").reason == "leading apostrophe removed"
    assert check_code("'95673400332", numeric=True).reason == "leading apostrophe removed; leading zeros restored"


def test_a_upc_a_and_its_ean13_are_one_key() -> None:
    assert check_code("036000291452").gtin14 == check_code("0036000291452").gtin14 == "00036000291452"
    assert check_code(36000291452).status == "repaired"  # Excel dropped the UPC's leading zero
    assert check_code(36000291452).gtin14 == "00036000291452"


def restricted_code(prefix: str, length: int = 13) -> str:
    return with_check(prefix + "1" * (length - 1 - len(prefix)))


@pytest.mark.parametrize(
    ("code", "word"),
    [
        (restricted_code("020"), "020-029"), (restricted_code("029"), "020-029"),
        (restricted_code("200"), "200-299"), (restricted_code("299"), "200-299"),
        (restricted_code("040"), "040-049"), (restricted_code("049"), "040-049"),
        (restricted_code("050"), "prefix 05"), (restricted_code("059"), "prefix 05"),
        (restricted_code("980"), "980"),
        (restricted_code("981"), "981-984"), (restricted_code("984"), "981-984"),
        (restricted_code("990"), "prefix 99"), (restricted_code("999"), "prefix 99"),
        (restricted_code("2", 12), "020-029"),  # UPC-A number system 2 = EAN-13 prefix 02x
        (restricted_code("4", 12), "040-049"),
        (restricted_code("5", 12), "prefix 05"),  # UPC coupons
        (restricted_code("0", 8), "GTIN-8 starting with 0"),
        (restricted_code("2", 8), "GTIN-8 starting with 2"),
        (restricted_code("1029", 14), "020-029"),  # a case of a restricted item
    ],
)
def test_restricted_prefixes(code: str, word: str) -> None:
    got = check_code(code)
    assert got.status == "valid" and got.gtin14 == code.zfill(14)
    assert got.restricted
    assert got.reason and word in got.reason
    assert_agree([code])


@pytest.mark.parametrize("prefix", ["019", "030", "039", "060", "199", "300", "340", "979", "985", "977"])
def test_ordinary_prefixes_are_not_restricted(prefix: str) -> None:
    got = check_code(restricted_code(prefix))
    assert got.status == "valid" and not got.restricted and got.reason is None


def test_gtin8_not_starting_with_0_or_2_is_not_restricted() -> None:
    for code in ("96385074", "10061282", "73513537"):
        assert not check_code(code).restricted


def test_repaired_and_restricted_reasons_are_joined() -> None:
    got = check_code(7038013)  # GTIN-8 07038013 without its zero (a number cell)
    assert got == CodeCheck(
        "00000007038013", "repaired",
        "leading zeros restored; restricted circulation code (GTIN-8 starting with 0): company-internal",
        True,
    )


def test_gs1_check_digit() -> None:
    assert gs1_check_digit("590123412345") == 7
    assert gs1_check_digit("0590123412345") == 7  # leading zeros never change it
    assert gs1_check_digit("9843210987654") == int(ean.calc_check_digit("9843210987654"))


# --- the vectorised path agrees with the scalar one ----------------------------------------

def test_check_column_shape_and_types() -> None:
    out = check_column(pl.Series(["3401351277399", None, "x"]))
    assert out.schema == pl.Schema(
        {"gtin14": pl.String, "status": pl.String, "reason": pl.String, "restricted": pl.Boolean}
    )
    empty = check_column(pl.Series([], dtype=pl.String))
    assert empty.height == 0 and empty.columns == ["gtin14", "status", "reason", "restricted"]


def test_check_column_leaves_its_input_alone() -> None:
    values = ["3401351277399", "3-401351-277399", "x", None, "95673400332", " 3401351277399"] * 50
    series = pl.Series("EAN", values)
    check_column(series)
    assert series.to_list() == values


def test_polars_integer_cast_quirks_do_not_leak_into_the_fast_path() -> None:
    # the fast path relies on polars' str -> UInt64 cast accepting only [+]?[0-9]+
    tricky = ["+5901234123457", " 5901234123457", "5901234123457 ", "0x5", "1_000_0000",
              "٣٤٠١٣٥١٢٧٧٣٩٩", "１２３４５６７８", "-5901234123457", "5901234123457\n",
              "99999999999999999999", "18446744073709551615", "059012341234570"]
    assert_agree(tricky)


def test_agreement_on_a_mixed_column() -> None:
    values = [v["input"] for v in VECTORS] + [
        None, "", "  ", "#N/A", "NULL", "3,40135E+12", "3401351277399.0", "1234567890123456.0",
        "3-401351-277399", "'3401351277399", f"3{ZWSP}401351277399", "95673400332", "1234567",
        "3401351277399.5", "- -", "+", "\x01", "inf",
    ]
    assert_agree(values)
    assert_agree(values, cip7=True)


def test_agreement_on_reasons_a_column_builds_for_itself() -> None:
    # quoted cells and "too long" (any number of digits) get their texts per column,
    # side by side in one table: several of each, repeated, in any order
    values = ["#N/A", "12345678901234567", "null", "1" * 21, "3401²", "#N/A", "12345678901234567",
              "NULL", "#REF!", "0" * 30 + "1", "3401³", "3401351277399", None, "1" * 21]
    assert_agree(values)
    assert_agree(values, cip7=True)
    # whole numbers written as floats: the integer part, zeros of its own included
    assert_agree(["100.00", "3401351277390,0", "0000000000000100.0", "0.0", "1000000000000000000,00"])


def test_agreement_on_numeric_columns() -> None:
    ints = [3401351277399, 95673400332, 0, -5, 12345678901234567, None, 7038013]
    assert_agree(ints, dtype=pl.Int64)
    assert_agree(ints, dtype=pl.Int64, cip7=True)
    floats = [3401351277399.0, 95673400332.0, 2.5, 1e15, 1e20, float("nan"), float("inf"),
              -float("inf"), None, -0.0, 1.234567890123456e14]
    assert_agree(floats, dtype=pl.Float64)
    assert_agree([True, False, None], dtype=pl.Boolean)
    assert_agree([dt.date(2021, 1, 1), None], dtype=pl.Date)
    assert_agree([None, None], dtype=pl.Null)


# hostile text: digits, separators, whitespace, invisible and look-alike characters
ALPHABET = (
    DIGITS * 4 + " -.,'+eE#/AaNnUuLl" + "\t\n\r" + NBSP + NNBSP + ZWSP + BOM
    + "\u2013\u2212²᭓３٣\x00\x01\x7f\x0b\x1f\x90\u00ad\u200e\u2060!?"
)

hostile_text = st.one_of(
    st.text(alphabet=ALPHABET, max_size=20),
    st.text(max_size=12),
    valid_codes().map(lambda c: c.lstrip("0")),
    st.tuples(valid_codes(), st.sampled_from([*SEPARATORS, "", "'"]), st.integers(1, 7)).map(
        lambda t: t[0][: t[2]] + t[1] + t[0][t[2]:]
    ),
    st.sampled_from(["#N/A", "#REF!", "NULL", "null", "3,40135E+12", "3.4E12", "3401351277399.0",
                     "1234567890123456.0", "", None]),
    st.integers(0, 10**15).map(str),
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile_text, min_size=1, max_size=30), st.booleans())
def test_scalar_and_vector_agree_on_any_text(values: list[str | None], cip7: bool) -> None:
    assert_agree(values, cip7=cip7)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(hostile_text, st.booleans()), min_size=1, max_size=30), st.booleans())
def test_scalar_and_vector_agree_on_text_from_number_cells(cells: list[tuple[str | None, bool]],
                                                            cip7: bool) -> None:
    # the reader marks which text cells were numbers; both paths apply the same rules to them
    assert_agree([v for v, _ in cells], cip7=cip7, numeric=[n for _, n in cells])


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-(10**16), 10**16)), min_size=1, max_size=30))
def test_scalar_and_vector_agree_on_integers(values: list[int | None]) -> None:
    assert_agree(values, dtype=pl.Int64)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True),
                          st.integers(0, 10**14).map(float)), min_size=1, max_size=30))
def test_scalar_and_vector_agree_on_floats(values: list[float | None]) -> None:
    assert_agree(values, dtype=pl.Float64)


@settings(max_examples=30, deadline=None)
@given(hostile_text)
def test_every_verdict_is_consistent(value: str | None) -> None:
    got = check_code(value)
    assert (got.gtin14 is None) == (got.status in ("invalid", "empty"))
    if got.gtin14 is not None:
        assert len(got.gtin14) == 14 and got.gtin14.isascii() and got.gtin14.isdecimal()
        assert ean.is_valid(got.gtin14)
    if got.status in ("invalid", "repaired"):
        assert got.reason
    if got.status == "empty":
        assert got.reason is None and not got.restricted
    if got.restricted:
        assert got.gtin14 is not None and got.reason
