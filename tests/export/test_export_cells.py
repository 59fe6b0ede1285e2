"""Safe cell values: the pure rules, and the scalar and vectorized writers agreeing on them."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import polars as pl
import pytest
from export_builders import CONTROL, CONTROL_CLEAN, HOSTILE, LONG_NAME
from lxml import etree
from openpyxl.utils.escape import unescape

from pricelookup.export import cells
from pricelookup.export.columns import Column
from pricelookup.export.xlsxstream import CellValue, WorkbookStream


def test_strip_illegal_removes_xml_forbidden_characters_only() -> None:
    assert cells.strip_illegal(CONTROL) == CONTROL_CLEAN
    assert cells.strip_illegal("a\ud800b\ufffec") == "abc"
    kept = "tab\tline\nCR\r NBSP\u00a0 RTL\u202e emoji🧴"
    assert cells.strip_illegal(kept) == kept


def test_truncate_cuts_to_excel_limit_with_a_note() -> None:
    text, cut = cells.truncate(LONG_NAME)
    assert cut
    assert cells.utf16_len(text) == cells.MAX_CELL_CHARS
    assert text.startswith("L" * 1000)
    assert text.endswith(cells.truncation_note(40_000))
    assert "40,000" in text


def test_truncate_counts_utf16_units_and_never_splits_a_surrogate_pair() -> None:
    emoji = "🧴" * 20_000  # 40,000 UTF-16 units, 20,000 code points
    text, cut = cells.truncate(emoji)
    assert cut
    assert cells.utf16_len(text) <= cells.MAX_CELL_CHARS
    body = text[: -len(cells.truncation_note(40_000))]
    assert set(body) == {"🧴"}
    assert cells.truncate("x" * cells.MAX_CELL_CHARS) == ("x" * cells.MAX_CELL_CHARS, False)


@pytest.mark.parametrize("text", ["=1+1", "+1", "-2", "@SUM(1)", "\tx", "\rx", "#N/A", "#n/a", "#REF!", "#SPILL!"])
def test_formula_like_text_is_detected(text: str) -> None:
    assert cells.is_formula_like(text)


@pytest.mark.parametrize("text", ["1+1", "a=b", "#hashtag", "N/A", " =x", "Crème"])
def test_ordinary_text_is_not_formula_like(text: str) -> None:
    assert not cells.is_formula_like(text)


def test_xml_escape_covers_markup_cr_and_excel_escapes() -> None:
    assert cells.xml_escape("a&b<c>d\re") == "a&amp;b&lt;c&gt;d&#13;e"
    assert cells.xml_escape("_x0041_") == "_x005F_x0041_"
    assert cells.xml_escape("_x004_ _xZZZZ_") == "_x004_ _xZZZZ_"


@pytest.mark.parametrize(("url", "ok"), [
    ("https://shop.example/p?x=1&y=2", True),
    ("http://a.example/%20x", True),
    ("javascript:alert(1)", False),
    ("file:///etc/passwd", False),
    ("https://a.example/has space", False),
    ('https://a.example/"quote', False),
    ("https://a.example/" + "x" * 3000, False),
    (None, False),
    ("", False),
])
def test_only_plain_http_urls_become_links(url: str | None, ok: bool) -> None:
    assert cells.is_linkable_url(url) is ok


def test_currency_formats_are_built_from_iso_codes_only() -> None:
    assert cells.currency_format("EUR") == '#,##0.00 "€"'
    assert cells.currency_format("eur") == '#,##0.00 "€"'
    assert cells.currency_format("USD") == '"$"#,##0.00'
    assert cells.currency_format("PLN") == '#,##0.00 "PLN"'
    # junk from scraped data never reaches the format string
    assert cells.currency_format('E"]0;@') == cells.PLAIN_NUMBER_FORMAT
    assert cells.currency_format(None) == cells.PLAIN_NUMBER_FORMAT


def test_decimal_text_keeps_the_api_digits() -> None:
    assert cells.decimal_text(Decimal("284.99")) == "284.99"
    assert cells.decimal_text(Decimal("0.10")) == "0.10"
    assert cells.decimal_text(Decimal("1E+2")) == "100"
    assert cells.decimal_text(Decimal("1E-7")) == "0.0000001"
    assert cells.decimal_text(Decimal("NaN")) is None
    assert cells.decimal_text(Decimal("Infinity")) is None
    assert cells.decimal_text(None) is None
    assert cells.decimal_text(True) is None
    assert cells.decimal_text(12) == "12"
    assert cells.decimal_text(float("nan")) is None


def test_excel_serial_of_dates() -> None:
    assert cells.excel_serial(date(1900, 3, 1)) == 61
    assert cells.excel_serial(datetime(2026, 5, 1, 12, 0)) == pytest.approx(46143.5)


# --- the writers --------------------------------------------------------------------

ALL_HOSTILE = [*HOSTILE, CONTROL, LONG_NAME]


def _expected(text: str) -> str:
    return cells.clean_text(text)[0]


def _write_both(tmp_path: Path) -> Path:
    """One sheet written by the vectorized path, one by the scalar path, same strings."""
    book = WorkbookStream(tmp_path)
    ws_vec = book.add_sheet("vectorized")
    ws_sca = book.add_sheet("scalar")
    cols = [Column("text", "t", "text"), Column("code", "c", "code"), Column("url", "u", "url")]
    frame = pl.DataFrame({"t": ALL_HOSTILE, "c": ALL_HOSTILE, "u": ALL_HOSTILE})
    stats_vec = book.write_table(ws_vec, cols, [frame])
    stats_sca = book.write_grid(ws_sca, [[v, CellValue(v, "@")] for v in ALL_HOSTILE])
    assert stats_vec.truncated == 3 and stats_sca.truncated == 2
    assert stats_vec.stripped == 3 and stats_sca.stripped == 2
    assert stats_vec.links == 0  # none of these is a plain http(s) URL
    out = tmp_path / "cells.xlsx"
    book.save(out)
    return out


def test_hostile_strings_come_back_as_the_same_text_from_both_writers(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(_write_both(tmp_path))
    vec = [[c for c in row] for row in wb["vectorized"].iter_rows(min_row=2)]
    sca = [[c for c in row] for row in wb["scalar"].iter_rows()]
    assert len(vec) == len(sca) == len(ALL_HOSTILE)
    for raw, vrow, srow in zip(ALL_HOSTILE, vec, sca, strict=True):
        want = _expected(raw)
        for cell in (*vrow, *srow[:2]):
            assert cell.data_type == "s", (raw, cell.data_type)
            # openpyxl leaves Excel's _xHHHH_ escapes in inline strings; Excel and LibreOffice decode them
            assert unescape(cell.value) == want, raw[:40]
        assert vrow[1].number_format == "@" and srow[1].number_format == "@"
        assert vrow[0].quotePrefix == cells.is_formula_like(want) == srow[0].quotePrefix


def test_no_formula_or_error_cell_is_ever_written(tmp_path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(_write_both(tmp_path)) as z:
        for name in z.namelist():
            if name.startswith("xl/worksheets/sheet"):
                root = etree.fromstring(z.read(name))
                ns = {"m": "http://schemas.openxmlformats.org/spreadsheetml/2006/main"}
                assert root.findall(".//m:f", ns) == []
                types = {c.get("t") for c in root.iterfind(".//m:c", ns)}
                assert types <= {"inlineStr", "b", None}


def test_vectorized_links_respect_the_budget(tmp_path: Path) -> None:
    book = WorkbookStream(tmp_path, max_links=3)
    ws = book.add_sheet("links")
    urls = [f"https://shop.example/p/{i}?a=1&b=2" for i in range(5)] + ["javascript:x", None]
    stats = book.write_table(ws, [Column("url", "u", "url")], [pl.DataFrame({"u": urls})])
    out = tmp_path / "links.xlsx"
    book.save(out)
    assert (stats.links, stats.links_as_text) == (3, 2)
    sheet = openpyxl.load_workbook(out)["links"]
    linked = [c.hyperlink.target if c.hyperlink else None for (c,) in sheet.iter_rows(min_row=2, max_row=8)]
    assert linked[:3] == urls[:3]
    assert linked[3:] == [None] * 4
    assert [c.value for (c,) in sheet.iter_rows(min_row=2, max_row=8)] == urls
