"""The analyst's own columns keep their types: numbers as numbers, dates as dates, the codes as text."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from export_builders import SOFFICE, convert, ean13, make_result, make_table, read_sheet
from hypothesis import given
from hypothesis import strategies as st

from pricelookup.export.inputtypes import infer_type, typed
from pricelookup.export.workbook import export_workbook
from pricelookup.sheets import SheetTable


def _type(values: list[str | None]) -> tuple[str, list[object]]:
    column = pl.Series("x", values, dtype=pl.String)
    kind = infer_type(column)
    return kind.kind, typed(column, kind).to_list()


@pytest.mark.parametrize(("values", "kind", "out"), [
    (["3,57", "1 234,50", None, ""], "number", ["3.57", "1234.50", None, None]),  # a French CSV
    (["1\u202f234,5", "12"], "number", ["1234.5", "12"]),  # narrow no-break space groups thousands
    (["3.57", "10", "-0.5"], "number", ["3.57", "10", "-0.5"]),  # what the reader makes of xlsx numbers
    (["1,234.50", "2.5"], "number", ["1234.50", "2.5"]),
    (["1.234,5", "2,5"], "number", ["1234.5", "2.5"]),
    (["true", "FALSE", "Vrai"], "bool", [True, False, True]),
    (["2026-11-01 00:00:00", "2026-11-02 00:00:00"], "date", [date(2026, 11, 1), date(2026, 11, 2)]),
    (["2026-11-01 10:30:00"], "datetime", [datetime(2026, 11, 1, 10, 30)]),
    (["2026-11-05"], "date", [date(2026, 11, 5)]),
    (["05/11/2026", "25/11/2026"], "date", [date(2026, 11, 5), date(2026, 11, 25)]),  # day first: 25 says so
    (["11/05/2026", "11/25/2026"], "date", [date(2026, 11, 5), date(2026, 11, 25)]),  # month first
])
def test_a_column_of_one_type_gets_it(values: list[str | None], kind: str, out: list[object]) -> None:
    assert _type(values) == (kind, out)


@pytest.mark.parametrize("values", [
    ["1,234", "2,345"],  # a thousand, or one and a bit? the column does not say
    ["1,5", "2.5"],  # two decimal marks in one column
    ["007", "12"],  # a leading zero: an identifier
    ["1234567890123456"],  # 16 digits: Excel would round them
    ["12 €", "3"],  # a currency sign
    ["12%"],
    ["1e5"],
    ["05/11/2026"],  # day or month first?
    ["3.57", "n/a"],  # mixed
    ["true", "1"],
    ["", None],
])
def test_a_mixed_or_doubtful_column_stays_text(values: list[str | None]) -> None:
    kind, out = _type(values)
    assert kind == "text"
    assert out == values


@given(st.decimals(min_value=Decimal("-1e9"), max_value=Decimal("1e9"), places=2, allow_nan=False),
       st.sampled_from(["en", "fr", "plain"]))
def test_a_number_reads_back_exactly_in_any_common_writing(value: Decimal, style: str) -> None:
    text = f"{value:,.2f}" if style == "en" else f"{value:.2f}"
    if style == "fr":
        text = f"{value:,.2f}".replace(",", "\u00a0").replace(".", ",")
    kind, out = _type([text, "1"])
    assert kind == "number"
    assert Decimal(str(out[0])) == value


def _french_table(tmp_path: Path) -> tuple[SheetTable, list[str]]:
    codes = [ean13(7000 + i, prefix="0340") for i in range(4)]  # leading zeros to keep
    table = make_table(tmp_path, {
        "EAN": codes,
        "Prix TTC": ["3,57", "1 234,50", "", "12"],
        "Date": ["05/11/2026", "25/11/2026", "01/12/2026", ""],
        "Actif": ["VRAI", "FAUX", "VRAI", "VRAI"],
        "Réf": ["007", "008", "009", "010"],
        "Note": ["3,5", "cher", "", "1"],
    }, "EAN", name="prix.csv")
    return table, codes


@pytest.mark.parametrize("layout", ["row", "column"])
def test_the_results_sheet_keeps_the_input_types_in_both_layouts(tmp_path: Path, layout: str) -> None:
    table, codes = _french_table(tmp_path)
    path = export_workbook(make_result(table), tmp_path / f"{layout}.xlsx", layout=layout).path  # type: ignore[arg-type]
    _, rows = read_sheet(path, "Results")
    assert [r["Prix TTC"].value for r in rows] == [3.57, 1234.5, None, 12]
    assert all(r["Prix TTC"].data_type == "n" for r in rows if r["Prix TTC"].value is not None)
    assert [r["Date"].value for r in rows][:3] == [datetime(2026, 11, 5), datetime(2026, 11, 25), datetime(2026, 12, 1)]
    assert rows[0]["Date"].is_date and rows[0]["Date"].number_format == "yyyy-mm-dd"
    assert [r["Actif"].value for r in rows] == [True, False, True, True]
    assert [r["Réf"].value for r in rows] == ["007", "008", "009", "010"]  # identifiers stay text
    assert [r["Note"].value for r in rows] == ["3,5", "cher", None, "1"]  # mixed stays text, as typed
    assert [r["EAN"].value for r in rows] == codes  # the codes: text with their zeros
    fast = openpyxl.load_workbook(path, read_only=True)["Results"]
    header = [c.value for c in next(fast.iter_rows(max_row=1))]
    prices = [r[header.index("Prix TTC")] for r in fast.iter_rows(min_row=2, values_only=True)]
    assert prices == [3.57, 1234.5, None, 12]


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
@pytest.mark.libreoffice
@pytest.mark.slow
def test_libreoffice_reads_the_analysts_numbers_as_numbers(tmp_path: Path) -> None:
    table, codes = _french_table(tmp_path)
    path = export_workbook(make_result(table), tmp_path / "lo.xlsx").path
    rows = convert(path, tmp_path)["Results"]
    assert [r["Prix TTC"] for r in rows] == [("3.57", False), ("1234.5", False), ("", False), ("12", False)]
    assert [r["EAN"] for r in rows] == [(c, True) for c in codes]
    assert rows[1]["Note"] == ("cher", True)


def test_the_code_column_is_never_typed(tmp_path: Path) -> None:
    """Even a code column of plain numbers stays text: a number would drop the zeros."""
    table = make_table(tmp_path, {"EAN": [ean13(1), ean13(2)], "Qte": ["1", "2"]}, "EAN")
    path = export_workbook(make_result(table), tmp_path / "codes.xlsx").path
    _, rows = read_sheet(path, "Results")
    assert [r["EAN"].data_type for r in rows] == ["s", "s"]
    assert [r["Qte"].value for r in rows] == [1, 2]
