"""The Changes diff between two runs (pure)."""

from __future__ import annotations

from decimal import Decimal

from export_builders import mz_offer, offer, product

from pricelookup.export.changes import diff_runs, pct_change, priceapi_changes
from pricelookup.records import MonitorizeProduct

G = "03400000000011"
T = Decimal("1")


def test_pct_change() -> None:
    assert pct_change(Decimal("10"), Decimal("11")) == Decimal("10.00")
    assert pct_change(Decimal("0"), Decimal("1")) is None
    assert pct_change(None, Decimal("1")) is None


def test_price_moves_above_the_threshold_only() -> None:
    old = product(G, [offer("A", "10.00"), offer("B", "10.00"), offer("C", "10.00")])
    new = product(G, [offer("A", "10.05"), offer("B", "9.00"), offer("C", "10.10")])
    got = {(c.shop, c.change, c.change_pct) for c in priceapi_changes(G, old, new, T)}
    # A +0.5 % is below 1 %; C +1.00 % is not above it
    assert got == {("B", "price down", Decimal("-10.00"))}


def test_offers_gained_lost_and_stock() -> None:
    old = product(G, [offer("A", "5"), offer("Gone", "6"), offer("S", "7", availability="in stock")])
    new = product(G, [offer("A", "5"), offer("New", "4"), offer("S", "7", availability="out of stock")])
    got = {(c.shop, c.change, c.old_stock, c.new_stock) for c in priceapi_changes(G, old, new, T)}
    assert got == {("Gone", "offer lost", "in stock", None), ("New", "offer gained", None, "in stock"),
                   ("S", "stock changed", "in stock", "out of stock")}


def test_found_state_changes_and_failures_are_not_changes() -> None:
    found = product(G, [offer("A", "5")])
    missing = product(G, success=False, reason="not found")
    failed = product(G, success=False, reason="failed to access source")
    assert [c.change for c in priceapi_changes(G, missing, found, T)] == ["now found"]
    assert [c.change for c in priceapi_changes(G, found, missing, T)] == ["no longer found"]
    assert priceapi_changes(G, found, failed, T) == []
    assert priceapi_changes(G, failed, found, T) == []


def test_diff_runs_keeps_input_order_and_covers_monitorize() -> None:
    g2 = "03400000000028"
    cur = {G: product(G, [offer("A", "20")]), g2: product(g2, [offer("A", "20")])}
    prev = {G: product(G, [offer("A", "10")]), g2: product(g2, [offer("A", "10")])}
    mz_old = {G: MonitorizeProduct("1", "P", G, (mz_offer("s", "10", stock=1),))}
    mz_new = {G: MonitorizeProduct("1", "P", G, (mz_offer("s", "10", stock=3),))}
    got = diff_runs([g2, G], cur, prev, mz_new, mz_old, T)
    assert [(c.gtin14, c.service, c.change) for c in got] == [
        (g2, "PriceAPI", "price up"), (G, "PriceAPI", "price up"), (G, "Monitorize", "stock changed")]
    assert got[-1].old_stock == "En stock" and got[-1].new_stock == "Rupture"
