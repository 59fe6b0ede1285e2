"""The Changes diff between two runs (pure)."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from changes_reference import diff_runs as reference_diff_runs
from export_builders import mz_offer, offer, product
from hypothesis import given, settings
from hypothesis import strategies as st

from pricelookup.export.changes import compare_product, diff_runs, pct_change, priceapi_changes
from pricelookup.export.metrics import offer_stats
from pricelookup.records import MonitorizeOffer, MonitorizeProduct, PriceApiOffer, PriceApiProduct
from pricelookup.run import codec

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


# --- compare_product: the one comparison (the Changes sheet, the window's columns, the detail pane) -------

_shops = st.sampled_from(["A", "B", "C", "", None])
_prices = st.one_of(st.none(), st.sampled_from([Decimal(x) for x in ("0", "9.5", "9.99", "10", "10.0", "10.00",
                                                                     "10.10", "10.11", "11", "100")]))
_offers = st.builds(
    lambda shop, price, currency, code, text: PriceApiOffer(shop, price, None, None, currency, availability_code=code,
                                                            availability_text=text),
    _shops, _prices, st.sampled_from(["EUR", "EUR", "USD", "eur", None]),
    st.sampled_from([None, "in_stock", "out_of_stock"]), st.sampled_from([None, "", "En stock", "Rupture"]))
_products = st.one_of(st.none(), st.builds(
    lambda success, reason, offers, name: product(G, list(offers), success=success, reason=None if success else reason,
                                                  name=name),
    st.booleans(), st.sampled_from(["not found", "failed to access source"]), st.lists(_offers, max_size=6),
    st.sampled_from([None, "P"])))
_mz_offers = st.builds(
    lambda site, price, stock, label: MonitorizeOffer(site, None, None, price, stock, label, None, None),
    st.sampled_from(["s1", "s2", "s3"]), _prices, st.sampled_from([None, 1, 2, 3]), st.sampled_from([None, "", "En stock"]))
_mz_products = st.one_of(st.none(), st.builds(lambda offers: MonitorizeProduct("1", "P", G, tuple(offers)),
                                              st.lists(_mz_offers, max_size=4)))
_thresholds = st.sampled_from([Decimal("0"), Decimal("1"), Decimal("5"), Decimal("-1")])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_products, _products, _mz_products, _mz_products), min_size=1, max_size=4), _thresholds)
def test_diff_runs_is_compare_product_product_by_product_and_what_it_was(
        answers: list[tuple[Any, Any, Any, Any]], threshold: Decimal) -> None:
    gtins = [f"0340000000{i:04d}" for i in range(len(answers))]
    old_p = {g: a[0] for g, a in zip(gtins, answers, strict=True) if a[0] is not None}
    new_p = {g: a[1] for g, a in zip(gtins, answers, strict=True) if a[1] is not None}
    old_m = {g: a[2] for g, a in zip(gtins, answers, strict=True) if a[2] is not None}
    new_m = {g: a[3] for g, a in zip(gtins, answers, strict=True) if a[3] is not None}
    sheet = diff_runs(gtins, new_p, old_p, new_m, old_m, threshold)
    one_by_one = [compare_product(g, old_p.get(g), new_p.get(g), old_m.get(g), new_m.get(g), threshold)
                  for g in gtins]
    assert sheet == [c for x in one_by_one for c in x.changes]
    assert sheet == reference_diff_runs(gtins, new_p, old_p, new_m, old_m, threshold)  # the sheet as it was
    for g, c in zip(gtins, one_by_one, strict=True):
        first = compare_product(g, old_p.get(g), new_p.get(g), old_m.get(g), new_m.get(g), threshold, first_only=True)
        assert first.changes == c.changes[:1] and first.changed == c.changed
        assert dataclasses.replace(first, changes=c.changes) == c
        if c.changed is None:
            assert c.changes == []


@settings(max_examples=300, deadline=None)
@given(_products, _products, _thresholds)
def test_an_answer_read_in_brief_compares_as_the_whole_record(old: Any, new: Any, threshold: Decimal) -> None:
    def brief(p: PriceApiProduct | None) -> Any:
        return None if p is None else codec.product_brief_from_json(codec.product_to_json(p))

    whole = compare_product(G, old, new, None, None, threshold)
    assert compare_product(G, brief(old), brief(new), None, None, threshold) == whole
    for p, lowest, offers in ((old, whole.old_lowest, whole.old_offers), (new, whole.new_lowest, whole.new_offers)):
        if p is not None and p.success:
            assert lowest == offer_stats(p.offers).lowest and offers == len(p.offers)  # the lowest of the workbook
        else:
            assert lowest is None
            assert offers == (0 if p is not None and p.reason == "not found" else None)


def test_the_comparison_of_one_product() -> None:
    old = product(G, [offer("A", "10.00"), offer("B", "12.00")])
    new = product(G, [offer("A", "9.00"), offer("C", "12.00"), offer("D", "12.50")])
    c = compare_product(G, old, new, None, None, T)
    assert (c.old_lowest, c.new_lowest, c.lowest_pct, c.old_offers, c.new_offers) == (
        Decimal("10.00"), Decimal("9.00"), Decimal("-10.00"), 2, 3)
    assert c.offers_move == 1 and c.changed is True and c.compared
    assert [(x.shop, x.change) for x in c.changes] == [("A", "price down"), ("B", "offer lost"), ("C", "offer gained"),
                                                       ("D", "offer gained")]
    nothing = compare_product(G, None, new, None, None, T)
    assert (nothing.changed, nothing.offers_move, nothing.lowest_pct, nothing.changes) == (None, None, None, [])
    failed = product(G, success=False, reason="failed to access source")
    assert compare_product(G, failed, new, None, None, T).changed is None  # a failure says nothing of the market
    gone = compare_product(G, old, product(G, success=False, reason="not found"), None, None, T)
    assert (gone.changed, gone.new_offers, gone.offers_move, gone.lowest_pct) == (True, 0, -2, None)

