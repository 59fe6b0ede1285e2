"""The workbook contract: Results in both layouts, Summary, Errors and the detail sheets."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest
from export_builders import (
    REFS,
    A,
    B,
    C,
    g14,
    make_result,
    make_table,
    mz_offer,
    offer,
    previous_run,
    product,
    read_sheet,
    rich_result,
    values,
)

from pricelookup.export.workbook import SheetLimits, export_workbook
from pricelookup.records import MonitorizeProduct
from pricelookup.settings import RunSettings


@pytest.fixture(scope="module")
def row_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("row")
    result = rich_result(tmp, previous=previous_run(
        {g14(A): product(g14(A), [offer("Shop A", "10.00"), offer("Gone Shop", "9.00")], name="Crème A"),
         g14(B): product(g14(B), [offer("Shop A", "5.00")])},
        {g14(A): MonitorizeProduct("m1", "Crème A", A, (mz_offer("site1.com", "12.10"),
                                                         mz_offer("site2.com", "9.50", 1)))},
    ))
    report = export_workbook(result, tmp / "out.xlsx", layout="row")
    assert report.path == tmp / "out.xlsx"
    assert report.rows_written == 13
    return report.path


@pytest.fixture(scope="module")
def column_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("col")
    return export_workbook(rich_result(tmp), tmp / "out.xlsx", layout="column").path


PRICEAPI_PRODUCT = ["source", "country", "key", "value", "success", "reason", "source_id", "source_url",
                    "updated_at", "gtins", "eans", "name", "brand_name", "category_name", "review_count",
                    "review_rating", "relevance"]
ROW_OFFER = ["url", "name", "price", "price_with_shipping", "shipping_costs", "position",
             "position_with_shipping", "availability_code", "availability_text", "shop_name"]
COLUMN_OFFER = ["url", "name", "price", "price_with_shipping", "shipping_costs", "availability_code",
                "availability_text", "shop_name"]


def test_sheets_are_in_contract_order(row_book: Path) -> None:
    assert openpyxl.load_workbook(row_book).sheetnames == [
        "Results", "Summary", "Errors", "OfficiScan history", "Monitorize offers", "Changes"]


def test_row_layout_header_contract(row_book: Path) -> None:
    headers, _ = read_sheet(row_book, "Results")
    assert headers[:8] == ["Réf", "Désignation", "EAN", "Prix", "gtin", "gtin_status", "gtin_note", "lookup_status"]
    pa = [h for h in headers if h.startswith("priceapi.")]
    want = [f"priceapi.{f}" for f in PRICEAPI_PRODUCT] + [f"priceapi.offer.{f}" for f in ROW_OFFER]
    assert [h for h in pa if h in want] == want  # PriceAPI's own CSV order
    assert headers.index("priceapi.offer.shop_name") < headers.index("officiscan.networks")
    assert headers.index("officiscan.latest_price") < headers.index("monitorize.id")
    for h in ("officiscan.min_price", "officiscan.max_price", "officiscan.latest_at", "officiscan.in_stock",
              "monitorize.offers", "monitorize.lowest_price", "monitorize.lowest_site", "lowest_price",
              "lowest_price_shop", "offer_count", "median_price", "own_price", "gap_to_lowest_pct",
              "rank_among_shops"):
        assert h in headers
    assert not any(h.startswith("priceapi.offers[") for h in headers)
    assert len(headers) == len(set(headers))


def test_row_layout_keeps_input_order_and_every_row(row_book: Path) -> None:
    _, rows = read_sheet(row_book, "Results")
    refs = values(rows, "Réf")
    # one sheet row per offer: A has 3 offers (and its duplicate too), the others one row each
    assert refs == ["00123"] * 3 + ["00124", "00125"] + ["00126"] * 3 + REFS[4:]
    statuses = dict(zip(refs, values(rows, "lookup_status"), strict=True))
    assert statuses == {
        "00123": "found", "00124": "not found", "00125": "invalid code", "00126": "duplicate of row 2: found",
        "00127": "no code", "00128": "failed (failed to access source)",
        "00129": "not looked up (restricted)", "00130": "found", "00131": "found (from cache)",
    }


def test_duplicates_get_the_first_occurrence_results(row_book: Path) -> None:
    headers, rows = read_sheet(row_book, "Results")
    first = [r for r in rows if r["Réf"].value == "00123"]
    dup = [r for r in rows if r["Réf"].value == "00126"]
    shared = [h for h in headers if h.startswith(("priceapi.", "officiscan.", "monitorize."))
              or h in ("lowest_price", "offer_count", "median_price", "gtin")]
    assert [[r[h].value for h in shared] for r in first] == [[r[h].value for h in shared] for r in dup]


def test_codes_and_ids_are_text_with_the_at_format(row_book: Path) -> None:
    _, rows = read_sheet(row_book, "Results")
    r = rows[0]
    assert r["Réf"].value == "00123" and r["Réf"].data_type == "s"
    assert r["EAN"].value == A and r["EAN"].number_format == "@"
    assert r["gtin"].value == "0" + A and r["gtin"].data_type == "s" and r["gtin"].number_format == "@"
    assert r["priceapi.value"].value == "0" + A and r["priceapi.value"].number_format == "@"
    assert r["priceapi.eans"].value == A  # PriceAPI's own eans field
    assert r["priceapi.relevance"].value == 0.87 and r["priceapi.relevance"].data_type == "n"
    cached = next(x for x in rows if x["priceapi.name"].value == "Cached")
    assert cached["priceapi.gtins"].value and cached["priceapi.eans"].value is None  # never derived from gtins
    assert r["Prix"].value == "12,50" and r["Prix"].data_type == "s"  # input values as read


def test_prices_are_numbers_with_their_currency_format(row_book: Path) -> None:
    _, rows = read_sheet(row_book, "Results")
    a_rows = rows[:3]
    assert [r["priceapi.offer.price"].value for r in a_rows] == [12.9, 10.0, 8.0]
    assert all(r["priceapi.offer.price"].data_type == "n" for r in a_rows)
    assert a_rows[0]["priceapi.offer.price"].number_format == '#,##0.00 "€"'
    assert a_rows[2]["priceapi.offer.price"].number_format == '"$"#,##0.00'
    assert a_rows[0]["priceapi.offer.price_with_shipping"].value == 14.9
    assert a_rows[0]["priceapi.offer.shipping_costs"].value == 2.0
    assert a_rows[0]["priceapi.offer.currency"].value == "EUR"


def test_dates_booleans_ints_and_links(row_book: Path) -> None:
    _, rows = read_sheet(row_book, "Results")
    r = rows[0]
    assert r["priceapi.updated_at"].is_date and r["priceapi.updated_at"].value.isoformat() == "2026-05-01T10:30:00"
    assert r["priceapi.success"].value is True and r["priceapi.success"].data_type == "b"
    assert rows[3]["priceapi.success"].value is False
    assert r["priceapi.review_count"].value == 12 and r["priceapi.offer.position"].value == 1
    assert r["priceapi.offer.url"].hyperlink.target == "https://a.example/p?id=1&x=2"
    assert r["priceapi.source_url"].hyperlink is not None
    # a javascript: URL stays plain text
    assert rows[2]["priceapi.offer.url"].value == "javascript:alert(1)"
    assert rows[2]["priceapi.offer.url"].hyperlink is None
    assert r["officiscan.latest_at"].is_date


def test_computed_columns(row_book: Path) -> None:
    _, rows = read_sheet(row_book, "Results")
    r = rows[0]
    # the USD offer is left out of the comparison (no exchange rate is invented)
    assert r["lowest_price"].value == 10.0 and r["lowest_price_shop"].value == "=Shop B"
    assert r["offer_count"].value == 3
    assert r["median_price"].value == pytest.approx(11.45)
    assert r["own_price"].value == 12.5
    assert r["gap_to_lowest_pct"].value == 25.0
    assert r["rank_among_shops"].value == 2
    dup = rows[5]  # row 5: own price "11" on the duplicate row, same market
    assert dup["own_price"].value == 11 and dup["rank_among_shops"].value == 2
    assert dup["gap_to_lowest_pct"].value == 10
    d = next(x for x in rows if x["Réf"].value == "00130")
    assert d["offer_count"].value == 0 and d["lowest_price"].value is None
    bad_own = next(x for x in rows if x["Réf"].value == "00131")
    assert bad_own["own_price"].value is None and bad_own["lowest_price"].value == 3.5


def test_enrichment_columns(row_book: Path) -> None:
    _, rows = read_sheet(row_book, "Results")
    r = rows[0]
    assert r["officiscan.networks"].value == 2
    assert r["officiscan.snapshots"].value == 3
    assert r["officiscan.latest_price"].value == 11.5 and r["officiscan.latest_network"].value == "cocooncenter"
    assert r["officiscan.min_price"].value == 11.5 and r["officiscan.max_price"].value == 13.2
    assert r["officiscan.lowest_now_price"].value == 11.5
    assert r["officiscan.in_stock"].value is True and r["officiscan.in_stock_networks"].value == 1
    assert r["monitorize.id"].value == "m1" and r["monitorize.offers"].value == 2
    # site2 is cheaper but out of stock: Monitorize's lowest offer rule skips it
    assert r["monitorize.lowest_price"].value == 12 and r["monitorize.lowest_site"].value == "site1.com"
    assert r["monitorize.lowest_price"].number_format == '#,##0.00 "€"'
    assert rows[3]["officiscan.networks"].value is None


def test_header_frozen_and_autofiltered(row_book: Path) -> None:
    ws = openpyxl.load_workbook(row_book)["Results"]
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref.startswith("A1:") and ws.auto_filter.ref.endswith("14")
    widths = [ws.column_dimensions[c].width for c in ("A", "B", "E")]
    assert all(8 <= w <= 60 for w in widths)


def test_column_layout(column_book: Path) -> None:
    headers, rows = read_sheet(column_book, "Results")
    assert values(rows, "Réf") == REFS  # one row per input row, in order
    for i in range(3):
        want = [f"priceapi.offers[{i}].{f}" for f in COLUMN_OFFER]
        assert [h for h in headers if h in want] == want
    assert "priceapi.offers[3].url" not in headers
    assert not any(h.startswith("priceapi.offer.") for h in headers)
    r = rows[0]
    assert [r[f"priceapi.offers[{i}].price"].value for i in range(3)] == [12.9, 10.0, 8.0]
    assert r["priceapi.offers[2].price"].number_format == '"$"#,##0.00'
    assert r["priceapi.offers[1].shop_name"].value == "=Shop B"
    assert rows[3]["lookup_status"].value == "duplicate of row 2: found"
    assert rows[3]["priceapi.offers[0].price"].value == 12.9


def test_column_layout_offer_cap_is_noted(tmp_path: Path) -> None:
    path = export_workbook(rich_result(tmp_path), tmp_path / "cap.xlsx", layout="column",
                           max_offer_columns=2).path
    headers, rows = read_sheet(path, "Results")
    assert "priceapi.offers[1].price" in headers and "priceapi.offers[2].price" not in headers
    assert rows[0]["offer_count"].value == 3  # the count still says how many there are
    summary = [c.value for row in openpyxl.load_workbook(path)["Summary"].iter_rows() for c in row]
    assert any(isinstance(v, str) and "more than 2 offers" in v for v in summary)


def test_summary_sheet(row_book: Path) -> None:
    ws = openpyxl.load_workbook(row_book)["Summary"]
    pairs = {r[0].value: r[1].value for r in ws.iter_rows() if r[0].value is not None and len(r) > 1}
    assert pairs["Input file"] == "input.xlsx"
    assert len(pairs["Input SHA-256"]) == 64
    assert pairs["Sheet"] == "Sheet1" and pairs["Code column"] == "EAN"
    assert (pairs["Rows"], pairs["Valid"], pairs["Invalid"], pairs["Empty"], pairs["Duplicates"]) == (9, 7, 1, 1, 1)
    assert (pairs["Looked up"], pairs["Found"], pairs["Not found"], pairs["Failed"]) == (5, 3, 1, 1)
    assert pairs["From recent runs (free)"] == 1 and pairs["Credits used"] == 4
    assert (pairs["Repaired"], pairs["Restricted left out"], pairs["Not looked up"]) == (0, 1, 0)
    assert pairs["App version"] == "0.1.0" and pairs["Started"].year == 2026
    assert pairs["Compared with run"] == "run-earlier"
    assert pairs["Results rows"] == 13
    table = {r[3].value: r[4].value for r in ws.iter_rows(min_row=2) if len(r) > 4 and r[3].value}
    assert table["Shop A"] == 2 and table["=Shop B"] == 1
    with zipfile.ZipFile(row_book) as z:
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        assert len(charts) == 1
        chart = z.read(charts[0]).decode()
        assert "'Summary'!$E$2:$E$" in chart and "barChart" in chart


def test_errors_sheet(row_book: Path) -> None:
    _, rows = read_sheet(row_book, "Errors")
    got = [(r["row"].value, r["input"].value, r["problem"].value, r["reason"].value) for r in rows]
    assert got == [
        (4, "123", "invalid code", "too short: 3 digits (a GTIN has 8 to 14)"),
        (6, None, "empty cell", None),
        (7, C, "look-up failed", "failed to access source"),
    ]


def test_officiscan_and_monitorize_sheets(row_book: Path) -> None:
    _, snaps = read_sheet(row_book, "OfficiScan history")
    assert [(r["network"].value, r["price_current"].value) for r in snaps] == [
        ("cocooncenter", 12.95), ("pharmashopi", 13.2), ("cocooncenter", 11.5)]
    assert all(r["gtin"].value == "0" + A and r["row"].value == 2 for r in snaps)
    assert snaps[0]["collected_at"].is_date and snaps[2]["in_stock"].value is False
    _, offers = read_sheet(row_book, "Monitorize offers")
    assert [(r["site"].value, r["price"].value, r["lowest"].value) for r in offers] == [
        ("site1.com", 12, True), ("site2.com", 9.5, False)]


def test_changes_sheet(row_book: Path) -> None:
    _, rows = read_sheet(row_book, "Changes")
    got = {(r["gtin"].value[-13:], r["service"].value, r["shop"].value, r["change"].value) for r in rows}
    assert got == {
        (A, "PriceAPI", "Gone Shop", "offer lost"),
        (A, "PriceAPI", "=Shop B", "offer gained"),
        (A, "PriceAPI", "Shop A", "price up"),
        (A, "PriceAPI", "US Shop", "offer gained"),
        (B, "PriceAPI", None, "no longer found"),
        (A, "Monitorize", "site2.com", "stock changed"),
        # site1: 12.10 -> 12.00 is below the 5 % threshold: not a change
    }
    up = next(r for r in rows if r["change"].value == "price up")
    assert (up["old_price"].value, up["new_price"].value, up["change_pct"].value) == (10, 12.9, 29)


def test_snipcart_catalogue_columns_are_not_duplicated(tmp_path: Path) -> None:
    table = make_table(tmp_path, {
        "snipcart.id": ["sc1", "sc2"], "snipcart.userDefinedId": [A, B], "snipcart.name": ["=X", "Y"],
        "snipcart.price": ["11.00", "4.00"], "snipcart.stock": ["3", "0"], "snipcart.ean": [A, B],
    }, "snipcart.ean")
    result = make_result(table, settings=RunSettings(snipcart_input=True, officiscan=False, monitorize=False),
                         priceapi={g14(A): product(g14(A), [offer("Shop A", "10.00")])})
    path = export_workbook(result, tmp_path / "snip.xlsx").path
    headers, rows = read_sheet(path, "Results")
    assert [h for h in headers if h.startswith("snipcart.")] == [
        "snipcart.id", "snipcart.userDefinedId", "snipcart.name", "snipcart.price", "snipcart.stock", "snipcart.ean"]
    assert headers.count("snipcart.price") == 1
    assert rows[0]["own_price"].value == 11 and rows[0]["gap_to_lowest_pct"].value == 10
    assert not any(h.startswith(("officiscan.", "monitorize.")) for h in headers)
    assert openpyxl.load_workbook(path).sheetnames == ["Results", "Summary", "Errors"]


def test_input_headers_that_collide_with_ours_are_renamed(tmp_path: Path) -> None:
    table = make_table(tmp_path, {"gtin": [A], "lookup_status": ["mine"], "=evil": ["x"]}, "gtin")
    path = export_workbook(make_result(table), tmp_path / "c.xlsx").path
    headers, rows = read_sheet(path, "Results")
    assert headers[:3] == ["gtin (input)", "lookup_status (input)", "=evil"]
    assert headers.count("gtin") == 1 and rows[0]["gtin"].value == "0" + A
    assert rows[0]["lookup_status"].value == "not looked up"


def test_rows_past_the_sheet_limit_continue_on_a_second_sheet(tmp_path: Path) -> None:
    result = rich_result(tmp_path)
    report = export_workbook(result, tmp_path / "over.xlsx", limits=SheetLimits(max_rows=7))
    assert report.rows_written == 13
    wb = openpyxl.load_workbook(report.path)
    assert wb.sheetnames[:3] == ["Results", "Results (2)", "Results (3)"]
    refs = []
    for title in ("Results", "Results (2)", "Results (3)"):
        headers, rows = read_sheet(report.path, title)
        assert headers[0] == "Réf" and len(rows) <= 6
        refs += values(rows, "Réf")
    assert refs == ["00123"] * 3 + ["00124", "00125"] + ["00126"] * 3 + REFS[4:]


def test_hyperlink_cap_turns_the_rest_into_text_and_the_summary_says_so(tmp_path: Path) -> None:
    report = export_workbook(rich_result(tmp_path), tmp_path / "links.xlsx", limits=SheetLimits(max_links=3))
    assert report.hyperlinks_written >= 3 and report.hyperlinks_as_text > 0
    ws = openpyxl.load_workbook(report.path)["Results"]
    assert len(ws._hyperlinks) <= 3
    pairs = {r[0].value: r[1].value for r in openpyxl.load_workbook(report.path)["Summary"].iter_rows()}
    assert pairs["URLs left as plain text"] == report.hyperlinks_as_text
    assert "65,530" in pairs["Why"]


@pytest.mark.parametrize("layout", ["row", "column"])
def test_only_unusable_codes_still_give_every_row_and_a_chart(tmp_path: Path, layout: str) -> None:
    table = make_table(tmp_path, {"EAN": ["12", "", "abc", "3400000000013"]}, "EAN")
    path = export_workbook(make_result(table), tmp_path / "bad.xlsx", layout=layout).path  # type: ignore[arg-type]
    _, rows = read_sheet(path, "Results")
    assert values(rows, "lookup_status") == ["invalid code", "no code", "invalid code", "invalid code"]
    _, errors = read_sheet(path, "Errors")
    assert values(errors, "row") == [2, 3, 4, 5]
    with zipfile.ZipFile(path) as z:
        chart = next(z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/"))
    assert "What happened to the codes" in chart


def test_monitorize_history_gets_its_own_sheet_when_fetched(tmp_path: Path) -> None:
    """History fetched with --monitorize-history is journaled and shown: one row per dated point."""
    from datetime import date  # lazy: only this test builds history points
    from decimal import Decimal

    from pricelookup.records import MonitorizeHistoryPoint

    def point(site: str, day: int, price: str, stock: int | None = 1) -> MonitorizeHistoryPoint:
        return MonitorizeHistoryPoint(site, date(2026, 11, day), Decimal(price), stock,
                                      None if stock is None else "En stock", None, None)

    g = "0" + A
    history = {g: (point("site2.com", 3, "9.50"), point("site1.com", 1, "12.00"), point("site1.com", 3, "11.00", None))}
    settings = RunSettings(officiscan=False, monitorize=True, monitorize_history=True)
    path = export_workbook(rich_result(tmp_path, settings=settings, monitorize_history=history),
                           tmp_path / "history.xlsx").path
    book = openpyxl.load_workbook(path)
    assert book.sheetnames[-2:] == ["Monitorize offers", "Monitorize history"]
    headers, rows = read_sheet(path, "Monitorize history")
    assert headers == ["gtin", "row", "monitorize_id", "product_name", "site", "date", "price", "strike_price",
                       "stock", "stock_label", "promo"]
    got = [(r["site"].value, r["date"].value.date(), r["price"].value, r["stock"].value) for r in rows]
    assert got == [("site1.com", date(2026, 11, 1), 12, 1), ("site1.com", date(2026, 11, 3), 11, None),
                   ("site2.com", date(2026, 11, 3), 9.5, 1)]
    assert {(r["gtin"].value, r["row"].value, r["monitorize_id"].value) for r in rows} == {(g, 2, "m1")}
    # not fetched: no sheet
    plain = export_workbook(rich_result(tmp_path), tmp_path / "plain.xlsx").path
    assert "Monitorize history" not in openpyxl.load_workbook(plain).sheetnames


def test_the_summary_says_which_zone_officiscan_times_were_read_in(row_book: Path) -> None:
    summary = openpyxl.load_workbook(row_book)["Summary"]
    texts = [str(c.value) for row in summary.iter_rows() for c in row if c.value]
    assert any("collected_at" in t and "Europe/Paris" in t for t in texts)
