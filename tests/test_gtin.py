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
from collections.abc import Sequence
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from stdnum import ean, isbn

from pricelookup.gtin import (
    EXCEL_ROUNDED_REASON,
    LOST_DIGITS_REASON,
    CodeCheck,
    check_code,
    check_column,
    column_profile,
    count_text_guards,
    gs1_check_digit,
    isbn10_check_digit,
)

DATA = Path(__file__).parent / "data"
T = TypeVar("T")

NBSP, NNBSP, ZWSP, BOM = "\u00a0", "\u202f", "\u200b", "\ufeff"


def as_tuple(c: CodeCheck) -> tuple[str | None, str, str | None, bool]:
    return (c.gtin14, c.status, c.reason, c.restricted)


def column_tuples(values: Sequence[object], *, cip7: bool = False, dtype: pl.DataType | None = None,
                  numeric: list[bool] | None = None, scientific: list[bool] | None = None,
                  isbn10: bool = False) -> list[tuple[str | None, str, str | None, bool]]:
    series = pl.Series("v", values, dtype=dtype) if dtype is not None else pl.Series("v", values)
    mask = None if numeric is None else pl.Series("n", numeric, dtype=pl.Boolean)
    sci = None if scientific is None else pl.Series("s", scientific, dtype=pl.Boolean)
    frame = check_column(series, cip7=cip7, numeric=mask, scientific=sci, isbn10=isbn10)
    assert frame.columns == ["gtin14", "status", "reason", "restricted"]
    assert frame.height == len(values)
    return list(frame.iter_rows())


def assert_agree(values: Sequence[object], *, cip7: bool = False, dtype: pl.DataType | None = None,
                 numeric: list[bool] | None = None, scientific: list[bool] | None = None,
                 isbn10: bool = False) -> None:
    """check_column gives exactly what check_code gives, value by value, in order."""
    vector = column_tuples(values, cip7=cip7, dtype=dtype, numeric=numeric, scientific=scientific, isbn10=isbn10)
    flags = numeric if numeric is not None else [False] * len(values)
    sci = scientific if scientific is not None else [False] * len(values)
    for value, number, in_sci, got in zip(values, flags, sci, vector, strict=True):
        want = check_code(value, cip7=cip7, numeric=number, scientific=in_sci, isbn10=isbn10)
        assert got == as_tuple(want), (repr(value), number, in_sci, isbn10)


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
    if set(code) == {"0"} or excel_rounded(code):  # placeholders and rounded numbers: tested on their own
        code = with_check(body[:-1] + "1")
    return code


def several(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[list[T]]:
    """4 to 12 draws (8 on average) for one example. The vector check costs ~10 ms a call whatever
    its length, so the properties below check a handful of codes per example and compare the two
    paths once per example, with an eighth of the examples: as many codes, an eighth of the calls."""
    return st.lists(strategy, min_size=4, max_size=12)


def excel_rounded(digits: str) -> bool:
    """What Excel's General display leaves of a number of 12 digits or more (gtin rule 11):
    6 significant digits at most, the rest zeros."""
    number = digits.lstrip("0")
    return len(number) >= 12 and len(number.rstrip("0")) <= 6


@settings(max_examples=10, deadline=None)
@given(st.lists(valid_codes(), min_size=20, max_size=60))
def test_random_valid_codes_are_valid_and_keyed_by_gtin14(codes: list[str]) -> None:
    vector = column_tuples(codes)
    for code, (gtin14, status, _reason, restricted) in zip(codes, vector, strict=True):
        assert ean.is_valid(code)
        assert gtin14 == code.zfill(14)
        assert status == "valid"
        assert as_tuple(check_code(code)) == (gtin14, status, _reason, restricted)


@settings(max_examples=8, deadline=None)
@given(several(valid_codes()), st.data())
def test_one_digit_corruption_is_always_detected(codes: list[str], data: st.DataObject) -> None:
    corrupted = []
    for code in codes:
        i = data.draw(st.integers(0, len(code) - 1))
        new = data.draw(st.sampled_from([d for d in DIGITS if d != code[i]]))
        corrupted.append(code[:i] + new + code[i + 1:])
        assert not ean.is_valid(corrupted[-1])
        got = check_code(corrupted[-1])
        assert got.status == "invalid" and got.gtin14 is None
        if set(corrupted[-1]) != {"0"}:
            expected = ean.calc_check_digit(corrupted[-1][:-1])
            assert got.reason == (
                f"wrong check digit: the last digit should be {expected}, not {corrupted[-1][-1]}"
            )
    assert_agree(corrupted)


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


@settings(max_examples=8, deadline=None)
@given(several(valid_codes()))
def test_padded_and_stripped_forms_are_one_product(codes: list[str]) -> None:
    for code in codes:
        padded_and_stripped_forms_are_one_product(code)
    forms = [form for code in codes for form in (code, code.lstrip("0"), code.zfill(14))]
    assert_agree(forms)
    assert_agree(forms, numeric=[True, True, False] * len(codes))


def padded_and_stripped_forms_are_one_product(code: str) -> None:
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


SEPARATORS = [" ", "-", ".", NBSP, NNBSP, "\u2013", "\t", "  ", " - "]


@settings(max_examples=8, deadline=None)
@given(several(valid_codes((13,))), st.data())
def test_separated_forms_are_repaired_to_the_same_key(codes: list[str], data: st.DataObject) -> None:
    texts = []
    for code in codes:
        cuts = sorted(data.draw(st.sets(st.integers(1, len(code) - 1), min_size=1, max_size=4)))
        seps = [data.draw(st.sampled_from(SEPARATORS)) for _ in cuts]
        text, last = "", 0
        for cut, sep in zip(cuts, seps, strict=True):
            text += code[last:cut] + sep
            last = cut
        text += code[last:]
        texts.append(text)
        got = check_code(text)
        if len(cuts) == 1 and seps[0] == ".":
            # one dot is a decimal point, not a separator: the text is a number, never the code cut in two
            whole, _dot, fraction = text.partition(".")
            if set(fraction) == {"0"}:  # "305484878788.0" is the number 305484878788, read as that number
                assert got.gtin14 == check_code(whole).gtin14 != code.zfill(14)
            else:
                assert got.status == "invalid"
            continue
        assert got.gtin14 == code.zfill(14)
        assert got.status == "repaired"
        assert got.reason and got.reason.startswith("separators removed: ")
    assert_agree(texts)


WHITESPACE = [" ", "\t", "\n", "\r\n", NBSP, NNBSP, ZWSP, BOM, "\u3000"]


@settings(max_examples=5, deadline=None)
@given(several(st.tuples(valid_codes(), st.lists(st.sampled_from(WHITESPACE), min_size=1, max_size=4))))
def test_surrounding_whitespace_is_trimmed_and_noted_without_a_repair(cases: list[tuple[str, list[str]]]) -> None:
    texts = []
    for code, ws in cases:
        texts.append("".join(ws) + code + "".join(reversed(ws)))
        got, plain = check_code(texts[-1]), check_code(code)
        assert (got.gtin14, got.status, got.restricted) == (plain.gtin14, plain.status, plain.restricted)
        assert got.status == "valid"
        assert got.reason == join_notes(trim_note("".join(ws)), plain.reason)
    assert_agree(texts)


NON_ASCII_DIGITS = ["²", "᭓", "３", "٣", "۳", "०", "⁰", "①", "𝟘"]


@settings(max_examples=5, deadline=None)
@given(several(st.tuples(valid_codes(), st.sampled_from(NON_ASCII_DIGITS))), st.data())
def test_digits_that_are_not_ascii_are_invalid(cases: list[tuple[str, str]], data: st.DataObject) -> None:
    texts = []
    for code, fake in cases:
        i = data.draw(st.integers(0, len(code) - 1))
        texts.append(code[:i] + fake + code[i + 1:])
        assert fake.isdigit() or fake.isnumeric()  # str.isdigit() would have accepted it
        got = check_code(texts[-1])
        assert got.status == "invalid"
        assert got.reason == f'contains "{fake}", which is not a digit 0-9'
    assert_agree(texts)


@settings(max_examples=5, deadline=None)
@given(several(st.text(alphabet=DIGITS, min_size=7, max_size=7).filter(lambda s: s != "0000000")))
def test_cip7_becomes_cip13_with_an_ean13_check_digit(cip7s: list[str]) -> None:
    for cip7 in cip7s:
        cip7_becomes_cip13_with_an_ean13_check_digit(cip7)
    assert_agree(cip7s, cip7=True)


def cip7_becomes_cip13_with_an_ean13_check_digit(cip7: str) -> None:
    got = check_code(cip7, cip7=True)
    assert got.status == "repaired" and got.reason == "CIP7 converted to CIP13"
    assert got.gtin14 is not None
    cip13 = got.gtin14[1:]
    assert got.gtin14[0] == "0" and cip13.startswith("34009" + cip7)
    assert ean.is_valid(cip13)
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
    # Excel's text guard is how the cell says "text", not a repair: the reader notes it once per column
    assert check_code("'3401351277399") == CodeCheck("03401351277399", "valid", None, False)
    assert check_code("'095673400332") == CodeCheck("00095673400332", "valid", None, False)
    assert check_code("'95673400332", numeric=True).reason == "leading zeros restored"


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


# Long columns and few examples: the vector path costs ~10 ms a call whatever the column's length,
# and a column of 20 to 90 values (40 on average) holds the cases of ~7 short ones.
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(hostile_text, min_size=20, max_size=90), st.booleans())
def test_scalar_and_vector_agree_on_any_text(values: list[str | None], cip7: bool) -> None:
    assert_agree(values, cip7=cip7)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(hostile_text, st.booleans()), min_size=20, max_size=90), st.booleans())
def test_scalar_and_vector_agree_on_text_from_number_cells(cells: list[tuple[str | None, bool]],
                                                            cip7: bool) -> None:
    # the reader marks which text cells were numbers; both paths apply the same rules to them
    assert_agree([v for v, _ in cells], cip7=cip7, numeric=[n for _, n in cells])


@settings(max_examples=9, deadline=None)
@given(st.lists(st.one_of(st.none(), st.integers(-(10**16), 10**16)), min_size=20, max_size=90))
def test_scalar_and_vector_agree_on_integers(values: list[int | None]) -> None:
    assert_agree(values, dtype=pl.Int64)


@settings(max_examples=9, deadline=None)
@given(st.lists(st.one_of(st.none(), st.floats(allow_nan=True, allow_infinity=True),
                          st.integers(0, 10**14).map(float)), min_size=20, max_size=90))
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


# --- real catalogue files (issue #15): digits Excel rounded away (rule 11) --------------------------


def test_a_number_excel_showed_as_2_53e11_is_never_a_code() -> None:
    # the Open Food Facts rows: 12- and 13-digit codes Excel saved as the rounded number it showed
    for value in (253000000000, "253000000000", 253000000000.0, "253000000000.0", "2530000000000",
                  "3017620000000", "10000000000000", "0253000000000", "253 000 000 000"):
        for numeric in (False, True):
            got = check_code(value, numeric=numeric)
            assert got == CodeCheck(None, "invalid", EXCEL_ROUNDED_REASON, False), (value, numeric)
    # never "wrong check digit: should be 8, not 0", which invites a fix of a correct digit
    assert "check digit" not in EXCEL_ROUNDED_REASON and "as text" in EXCEL_ROUNDED_REASON
    # 7 significant digits, or 11 digits or fewer: General shows them whole, the code goes on
    assert check_code("3017621000000").reason == "wrong check digit: the last digit should be 2, not 0"
    assert check_code(4006381333931) == CodeCheck("04006381333931", "valid", None, False)
    assert check_code(12345000000, numeric=True).status == "invalid"  # its own check digit, not rule 11
    assert check_code(12345000000, numeric=True).reason != EXCEL_ROUNDED_REASON


@st.composite
def rounded_numbers(draw: st.DrawFn) -> int:
    """A number of 12 to 14 digits as Excel's General display leaves it: at most 6 significant digits."""
    digits = draw(st.integers(12, 14))
    significant = draw(st.integers(1, 6))
    head = draw(st.integers(10 ** (significant - 1), 10**significant - 1))
    return head * 10 ** (digits - significant)


@settings(max_examples=25, deadline=None)
@given(several(st.tuples(rounded_numbers(), st.booleans(), st.booleans())))
def test_every_rounded_number_is_lost_never_usable(cases: list[tuple[int, bool, bool]]) -> None:
    for x, numeric, as_text in cases:
        value: object = str(x) if as_text else x
        got = check_code(value, numeric=numeric)
        assert got == CodeCheck(None, "invalid", EXCEL_ROUNDED_REASON, False)
    texts = [(str(x), numeric) for x, numeric, as_text in cases if as_text]
    assert_agree([t for t, _ in texts], numeric=[n for _, n in texts])
    assert_agree([x for x, _, as_text in cases if not as_text], dtype=pl.Int64)


@settings(max_examples=300, deadline=None)
@given(valid_codes((8, 12, 13, 14)), st.booleans())
def test_no_valid_gtin_with_seven_significant_digits_or_fewer_than_12_is_flagged(code: str,
                                                                                   numeric: bool) -> None:
    # the property the threshold rests on: a code is flagged only if it is what the display leaves
    number = code.lstrip("0")
    flagged = check_code(code, numeric=numeric).reason == EXCEL_ROUNDED_REASON
    assert flagged == (len(number) >= 12 and len(number.rstrip("0")) <= 6)
    assert not flagged  # valid_codes() holds no rounded number: every valid code stays usable
    assert check_code(code, numeric=numeric).gtin14 == code.zfill(14)


@settings(max_examples=200, deadline=None)
@given(st.integers(12, 14), st.integers(10**5, 10**6 - 1))
def test_the_threshold_is_exactly_six_significant_digits(digits: int, head: int) -> None:
    # valid codes of `digits` digits ending in digits - 7 zeros: 7 significant digits, never flagged
    zeros = digits - 7
    for seventh in range(1, 10):
        code = f"{head}{seventh}" + "0" * zeros
        if ean.is_valid(code.zfill(14)):
            got = check_code(int(code))
            assert (got.gtin14, got.status) == (code.zfill(14), "repaired" if digits < 13 else "valid")
            assert EXCEL_ROUNDED_REASON not in (got.reason or "")
            break
    # one more zero (6 significant digits) is what the display leaves: flagged, valid check or not
    rounded = f"{head}" + "0" * (digits - 6)
    assert check_code(int(rounded)).reason == EXCEL_ROUNDED_REASON


def test_a_scientific_number_format_flags_a_rounded_last_digit() -> None:
    # xlsx keeps the format: 9.78043902348E+12 is a 13-digit ISBN-13 rounded to 12 digits and a 0
    assert check_code(9780439023480, scientific=True) == CodeCheck(None, "invalid", EXCEL_ROUNDED_REASON, False)
    assert check_code(9780439023480).reason == "wrong check digit: the last digit should be 1, not 0"
    # a number that does not end in 0 was not rounded, whatever its format
    assert check_code(9780439023481, scientific=True) == CodeCheck("09780439023481", "valid", None, False)
    assert_agree(["9780439023480", "9780439023481", "95673400330", "0", None, "12345670"],
                 numeric=[True] * 6, scientific=[True, True, True, True, True, False])


# --- Excel's text guard (rule 5) ------------------------------------------------------------------


@settings(max_examples=12, deadline=None)
@given(several(st.tuples(valid_codes(), st.sampled_from(["'{}", '="{}"', "'{} ", ' ="{}" ', '=" {}"']))))
def test_a_text_guard_is_removed_without_a_repair(cases: list[tuple[str, str]]) -> None:
    for code, form in cases:
        got = check_code(form.format(code))
        assert (got.gtin14, got.status) == (code.zfill(14), "valid")
        assert got.reason in (None, "spaces removed") or (got.restricted and got.reason is not None)
    assert_agree([text for code, form in cases for text in (form.format(code), code)])


def test_what_is_not_a_whole_guard_stays_what_it_was() -> None:
    assert check_code('="0012345678905').reason == 'contains "=", which is not a digit 0-9'  # no closing quote
    assert check_code('="').reason == 'contains "=", which is not a digit 0-9'
    assert check_code('=""').status == "empty" and check_code("'").status == "empty"
    assert check_code("'=\"0012345678905\"").reason == 'contains "=", which is not a digit 0-9'  # one guard
    assert check_code('="12345678905"').reason.startswith("11 digits: not a GTIN length")  # text stays text
    assert_agree(['="0012345678905', '="', '=""', "'", "'=\"0012345678905\"", '="12345678905"'])


def test_text_guards_are_counted_for_the_column_note() -> None:
    values = pl.Series(['="0012345678905"', "'4006381333931", "3017620422003", None, " '5901234123457",
                        "=0012345678905", "l'orange"])
    assert count_text_guards(values) == 3
    assert count_text_guards(pl.Series(["3017620422003"] * 3)) == 0
    assert count_text_guards(pl.Series([1, 2])) == 0


# --- ISBN-10 -------------------------------------------------------------------------------------


def test_isbn10_check_digit_is_mod_11() -> None:
    assert isbn10_check_digit("043902348") == 3
    assert isbn10_check_digit("43902348") == 3  # a dropped leading zero weighs nothing
    assert isbn10_check_digit("080442957") == 10  # written X


def test_the_issues_book_list_values() -> None:
    # Excel dropped the leading zero of 0439023483; it is an ISBN-10, not a GTIN to pad
    got = check_code(439023483, isbn10=True)
    assert got == CodeCheck("09780439023481", "repaired",
                            "leading zeros restored; ISBN-10 0439023483 → 9780439023481", False)
    assert "0" + isbn.to_isbn13("0439023483") == got.gtin14  # python-stdnum agrees
    assert check_code("043902348X", isbn10=True).reason == "not a valid ISBN-10: the check digit should be 3, not X"
    assert check_code("0-8044-2957-X", isbn10=True) == CodeCheck(
        "09780804429573", "repaired", "separators removed: hyphens; ISBN-10 080442957X → 9780804429573", False)
    assert check_code('="080442957x"', isbn10=True).gtin14 == "09780804429573"
    assert check_code("0439023484", isbn10=True).reason == "not a valid ISBN-10: the check digit should be 3, not 4"
    # without the column's say-so a 10-digit text is no GTIN length, and X is a letter
    assert check_code("0439023483").reason.startswith("10 digits: not a GTIN length")
    assert check_code("080442957X").reason == "contains letters, not only digits"
    # in an ISBN column the GTINs of 12 to 14 digits go on as GTINs; 8 digits are an ISBN-10 without
    # its two zeros (as Excel writes 0061120081 to a CSV), checked as such, never padded into a GTIN-8
    assert check_code("9780439023481", isbn10=True) == CodeCheck("09780439023481", "valid", None, False)
    assert check_code("61120081", isbn10=True).gtin14 == "09780061120084"
    assert check_code("12345670", isbn10=True).reason == "not a valid ISBN-10: the check digit should be 9, not 0"
    assert check_code("12345670").gtin14 == "00000012345670"  # a GTIN-8 anywhere else


def padded_gs1_valid_isbn10s() -> list[str]:
    """ISBN-10s (as a spreadsheet number drops their leading zero) that a GTIN reader would have
    zero-padded into a "valid" GTIN: the issue's two wrong codes paid for."""
    found = []
    for n in range(439000000, 439100000, 7):
        body = f"{n:09d}"[:9]
        check = isbn10_check_digit(body)
        if check < 10 and ean.is_valid((body + str(check)).zfill(13)):
            found.append(body + str(check))
        if len(found) == 2:
            return found
    raise AssertionError("no such ISBN-10")


def test_an_isbn10_that_passes_the_gs1_check_is_converted_not_padded() -> None:
    for text in padded_gs1_valid_isbn10s():
        assert check_code(int(text), numeric=True).status == "repaired"  # what a GTIN column does
        got = check_code(int(text), isbn10=True)
        assert got.gtin14 == "0" + isbn.to_isbn13(text) != text.zfill(14)


@settings(max_examples=25, deadline=None)
@given(several(st.tuples(st.text(alphabet=DIGITS, min_size=9, max_size=9),
                         st.sampled_from(["text", "number", "hyphens"]))))
def test_every_valid_isbn10_becomes_its_isbn13(cases: list[tuple[str, str]]) -> None:
    values: list[object] = []
    numeric: list[bool] = []
    for body, form in cases:
        for value, number in valid_isbn10_becomes_its_isbn13(body, form):
            values.append(value)
            numeric.append(number)
    assert_agree(values, isbn10=True, numeric=numeric)


def valid_isbn10_becomes_its_isbn13(body: str, form: str) -> list[tuple[object, bool]]:
    """Checks the ISBN-10 of ``body`` written as ``form``; returns the values (and whether each
    came from a number cell) the vector path must agree on."""
    check = isbn10_check_digit(body)
    text = body + ("X" if check == 10 else str(check))
    if set(body) == {"0"}:
        return []  # all zeros, a placeholder
    value = text
    number = form == "number"
    if number:
        if check == 10 or len(text.lstrip("0")) < 8:
            return []  # an X is never a number; a number keeps at least 8 of the 10 digits
        value = text.lstrip("0")  # what the reader gives for a number cell (numeric=True)
        assert check_code(int(text), isbn10=True) == check_code(value, isbn10=True, numeric=True)
    elif form == "hyphens":
        value = f"{text[0]}-{text[1:4]}-{text[4:9]}-{text[9]}"
    got = check_code(value, isbn10=True, numeric=number)
    assert got.status == "repaired" and got.gtin14 == "0" + isbn.to_isbn13(text)
    assert got.reason is not None and got.reason.endswith(f"ISBN-10 {text} → {isbn.to_isbn13(text)}")
    wrong = text[:9] + str((check + 1) % 10)
    assert check_code(wrong, isbn10=True).status == "invalid"
    return [(value, number), (wrong, False), (text.lower(), False)]


isbn_text = st.one_of(
    hostile_text,
    st.text(alphabet=DIGITS + "Xx- '=\"", min_size=8, max_size=16),
    st.integers(10**7, 10**10).map(str),
    st.sampled_from(["043902348X", "0-8044-2957-X", '="080442957X"', "'080442957x", "080442957X ",
                     "12345678X", "1234567890X", "X", "0000000000", "000000000X", "439023483"]),
)


@settings(max_examples=18, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(isbn_text, st.booleans(), st.booleans()), min_size=20, max_size=90), st.booleans())
def test_scalar_and_vector_agree_in_isbn_columns_and_on_formats(
        cells: list[tuple[str | None, bool, bool]], isbn10: bool) -> None:
    assert_agree([v for v, _, _ in cells], numeric=[n for _, n, _ in cells],
                 scientific=[s for _, _, s in cells], isbn10=isbn10)


def test_column_profile_says_what_choosing_a_column_needs() -> None:
    values = pl.Series(["4006381333931", "4006381333932", "253000000000", "2.53E+11", "", "abc", "12345678",
                        "1234567890", "0439023483"])
    got = column_profile(values).to_dicts()
    assert [r["usable"] for r in got] == [True, False, False, False, False, False, False, False, False]
    assert [r["lost"] for r in got] == [False, False, True, True, False, False, False, False, False]
    # a GTIN length with a wrong check digit looks like a code; 10 digits of text do not
    assert [r["shaped"] for r in got] == [True, True, True, True, False, False, True, False, False]
    assert [r["empty"] for r in got] == [False, False, False, False, True, False, False, False, False]
    isbn_mode = column_profile(values, isbn10=True).to_dicts()
    assert [r["isbn10"] for r in isbn_mode][-2:] == [True, True]
    assert [r["isbn10_valid"] for r in isbn_mode][-2:] == [False, True]
    assert column_profile(pl.Series([], dtype=pl.String)).height == 0
