"""Per-product figures: lowest, median, gap, rank, own-price parsing, enrichment summaries."""

from __future__ import annotations

from decimal import Decimal

import pytest
from export_builders import mz_offer, offer, snapshot

from pricelookup.export.metrics import (
    gap_to_lowest_pct,
    main_currency,
    median,
    monitorize_summary,
    offer_stats,
    officiscan_summary,
    parse_price_text,
    rank_among_shops,
)
from pricelookup.records import MonitorizeProduct

D = Decimal


def test_median_is_exact() -> None:
    assert median([D("1.10"), D("3.30"), D("2.20")]) == D("2.20")
    assert median([D("1.10"), D("2.25")]) == D("1.675")
    assert median([]) is None


def test_offer_stats_compare_within_the_main_currency() -> None:
    offers = [offer("A", "12.00"), offer("B", "9.99"), offer("A", "11.00"), offer("US", "5.00", currency="USD"),
              offer("C", None)]
    st = offer_stats(offers)
    assert st.offer_count == 5
    assert st.currency == "EUR"
    assert (st.lowest, st.lowest_shop) == (D("9.99"), "B")
    assert st.median == D("11.00")
    assert st.shop_prices == (D("9.99"), D("11.00"))  # shop A's cheapest offer only


def test_offer_stats_without_prices() -> None:
    st = offer_stats([offer("A", None)])
    assert st.offer_count == 1 and st.lowest is None and st.shop_prices == ()
    assert offer_stats([]).offer_count == 0


def test_main_currency_is_most_common_first_seen_on_ties() -> None:
    assert main_currency(["USD", "EUR", "eur"]) == "EUR"
    assert main_currency(["USD", "EUR"]) == "USD"
    assert main_currency([None, "??"]) is None


def test_gap_and_rank() -> None:
    assert gap_to_lowest_pct(D("12.50"), D("10")) == D("25.00")
    assert gap_to_lowest_pct(D("9"), D("10")) == D("-10.00")
    assert gap_to_lowest_pct(None, D("10")) is None
    assert gap_to_lowest_pct(D("1"), D("0")) is None
    shops = (D("9"), D("10"), D("10"), D("12"))
    assert rank_among_shops(D("8"), shops) == 1
    assert rank_among_shops(D("10"), shops) == 2  # ties share a rank
    assert rank_among_shops(D("11"), shops) == 4
    assert rank_among_shops(D("11"), ()) is None


@pytest.mark.parametrize(("text", "want"), [
    ("12.50", "12.50"), ("12,5", "12.5"), ("1 234,50 €", "1234.50"), ("€1,234.50", "1234.50"),
    ("1\u202f234,50", "1234.50"), ("1,234", "1234"), ("1.234.567", "1234567"), ("0,125", "0.125"),
    ("12.345,67", "12345.67"), ("-5", "-5"), ("12", "12"), (".5", "0.5"),
])
def test_parse_price_text(text: str, want: str) -> None:
    assert parse_price_text(text) == D(want)


@pytest.mark.parametrize("text", [None, "", "abc", "N/A", "--", "1-2"])
def test_parse_price_text_refuses_non_prices(text: str | None) -> None:
    assert parse_price_text(text) is None


def test_officiscan_summary_latest_per_network() -> None:
    g = "03400000000011"
    snaps = [snapshot(1, g, "net1", "10.00", 0), snapshot(2, g, "net1", "12.00", 5, in_stock=False),
             snapshot(3, g, "net2", "11.00", 2), snapshot(4, g, "net2", "9.00", 1)]
    s = officiscan_summary(snaps)
    assert (s.networks, s.snapshots) == (2, 4)
    assert s.latest is not None and s.latest.id == 2
    assert s.lowest_now is not None and s.lowest_now.id == 3  # latest per network: 12.00 and 11.00
    assert (s.min_price, s.max_price) == (D("9.00"), D("12.00"))
    assert s.in_stock is True and s.in_stock_networks == 1
    assert officiscan_summary([]).networks == 0


def test_monitorize_summary_prefers_monitorize_lowest() -> None:
    prod = MonitorizeProduct("1", "P", "340", (mz_offer("a", "10"), mz_offer("b", "8", stock=3)))
    s = monitorize_summary(prod)
    assert s.lowest is not None and s.lowest.site == "a"  # b is out of stock
    assert (s.offers, s.in_stock_offers, s.min_price, s.max_price) == (2, 1, D("8"), D("10"))
    low = MonitorizeProduct("1", "P", "340", (mz_offer("c", "9"),))
    assert monitorize_summary(prod, low).lowest.site == "c"  # type: ignore[union-attr]
    assert monitorize_summary(None).offers == 0
