"""The Results column plan (pure)."""

from __future__ import annotations

from pricelookup.export.columns import input_key, results_columns


def plan(layout: str = "row", **kw: object) -> list:
    args = dict(layout=layout, offer_slots=2, officiscan=True, officiscan_variants=False, monitorize=True,
                own_price=True)
    args.update(kw)
    return results_columns(["SKU", "EAN", "Prix"], "EAN", **args)  # type: ignore[arg-type]


def test_input_columns_first_with_their_own_names() -> None:
    cols = plan()
    assert [c.header for c in cols[:7]] == ["SKU", "EAN", "Prix", "gtin", "gtin_status", "gtin_note", "lookup_status"]
    assert [c.key for c in cols[:3]] == [input_key(0), input_key(1), input_key(2)]
    assert cols[1].kind == "code" and cols[0].kind == "text"


def test_row_and_column_layout_offer_columns() -> None:
    row = [c.header for c in plan("row")]
    col = [c.header for c in plan("column")]
    assert "priceapi.offer.position" in row and "priceapi.offer.price" in row
    assert "priceapi.offers[1].shop_name" in col and "priceapi.offers[2].url" not in col
    assert not any("offer.position" in h for h in col)


def test_services_and_own_price_switch_their_columns() -> None:
    bare = [c.header for c in plan(officiscan=False, monitorize=False, own_price=False)]
    assert not any(h.startswith(("officiscan.", "monitorize.")) for h in bare)
    assert "own_price" not in bare and bare[-4:] == ["lowest_price", "lowest_price_shop", "offer_count", "median_price"]
    full = [c.header for c in plan(officiscan_variants=True)]
    assert full[-3:] == ["own_price", "gap_to_lowest_pct", "rank_among_shops"]
    assert "officiscan.variants" in full


def test_prices_carry_their_currency_source() -> None:
    cols = {c.header: c for c in plan("column")}
    assert cols["priceapi.offers[1].price"].currency_key == "priceapi.offers[1].currency"
    assert cols["monitorize.lowest_price"].currency == "EUR"
    assert cols["lowest_price"].currency_key == "_cur.lowest"
