"""Parsing a PriceAPI download into records: plain frozen records, equal to decoding every field
with the tolerant ``decode`` helpers (the parser's fast paths change the speed, never the result)."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pricelookup.records import PriceApiOffer, PriceApiProduct
from pricelookup.sandbox import data as sdata
from pricelookup.services import decode
from pricelookup.services.priceapi import parse_offer, parse_product, parse_results

OFFER_FIELDS = ("shop_name", "price", "price_with_shipping", "shipping_costs", "currency", "url", "name",
                "availability_code", "availability_text", "position", "position_with_shipping")
MONEY = {"price", "price_with_shipping", "shipping_costs"}
NUMBERS = {"position", "position_with_shipping"}


def oracle_offer(raw: Any) -> PriceApiOffer:
    """Every field through its ``decode`` helper, by name."""
    o = decode.as_dict(raw)
    return PriceApiOffer(**{f: (decode.to_decimal(o.get(f)) if f in MONEY else decode.to_int(o.get(f)) if f in NUMBERS
                               else decode.to_str(o.get(f))) for f in OFFER_FIELDS})


def oracle_product(raw: Any) -> PriceApiProduct:
    p = decode.as_dict(raw)
    rating = decode.to_int(p.get("review_rating"))
    return PriceApiProduct(
        value=decode.to_str(p.get("value")) or "",
        success=p.get("success") is True,
        reason=decode.to_str(p.get("reason")),
        source=decode.to_str(p.get("source")) or "",
        country=decode.to_str(p.get("country")) or "",
        key=decode.to_str(p.get("key")) or "",
        id=decode.to_str(p.get("id")) or decode.to_str(p.get("source_id")),
        name=decode.to_str(p.get("name")),
        brand_name=decode.to_str(p.get("brand_name")),
        category_name=decode.to_str(p.get("category_name")),
        review_count=decode.to_int(p.get("review_count")),
        review_rating=rating if rating is None or 0 <= rating <= 100 else None,
        gtins=tuple(g for g in (decode.to_str(x) for x in decode.as_list(p.get("gtins"))) if g),
        url=decode.to_str(p.get("url")) or decode.to_str(p.get("source_url")),
        updated_at=decode.to_datetime(p.get("updated_at")),
        offers=tuple(oracle_offer(o) for o in decode.as_list(p.get("offers"))),
        eans=tuple(e for e in (decode.to_str(x) for x in decode.as_list(p.get("eans"))) if e),
        relevance=decode.to_decimal(p.get("relevance")),
    )


def sandbox_download(n: int) -> dict[str, Any]:
    """A finished job's JSON as the sandbox serves it (decoded as the client decodes it)."""
    products = []
    for code in sdata.universe()[:n]:
        p = sdata.priceapi_product(code, 0)
        if p["success"]:
            p["updated_at"] = "2026-04-29T17:34:54Z"
        products.append(p)
    body = {"job_id": "j1", "status": "finished", "free_credits": 0, "paid_credits": n, "products": products}
    return decode.loads(json.dumps(body))  # type: ignore[no-any-return]


def test_a_download_gives_plain_frozen_records_equal_to_the_tolerant_decoding() -> None:
    body = sandbox_download(300)
    results = parse_results(body, job_id="j1", path="/products/bulk/j1")
    assert len(results.products) == 300 and (results.job_id, results.paid_credits) == ("j1", 300)
    offers = [o for p in results.products for o in p.offers]
    assert len(offers) > 300  # offers of found products, and a few hundred records each way
    for raw, p in zip(body["products"], results.products, strict=True):
        assert type(p) is PriceApiProduct and p == oracle_product(raw)
        assert all(type(o) is PriceApiOffer for o in p.offers)
    found = next(p for p in results.products if p.success and p.offers)
    assert found.updated_at == datetime(2026, 4, 29, 17, 34, 54, tzinfo=UTC)
    assert isinstance(found.offers[0].price, Decimal)
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.name = "changed"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        found.offers[0].price = Decimal("0")  # type: ignore[misc]
    assert hash(found) == hash(dataclasses.replace(found))


def test_what_the_fast_paths_skip_goes_through_the_decode_helpers() -> None:
    raw = {"value": 3401560504508, "success": True, "reason": None, "source": "google-shopping", "country": "fr",
           "key": "gtin", "source_id": 42, "name": 7, "brand_name": None, "review_count": "12",
           "review_rating": Decimal("101"), "gtins": ["03401560504508", "", 3401560504515], "source_url": "https://x",
           "updated_at": "not a date",
           "offers": [{"shop_name": 5, "price": "12,95", "price_with_shipping": Decimal("13.5"),
                       "shipping_costs": 0, "currency": "EUR", "position": "3", "position_with_shipping": True},
                      "not an offer", {"price": "n/a", "shop_name": "Shop"}]}
    p = parse_product(raw)
    assert p == oracle_product(raw)
    assert (p.value, p.id, p.name, p.review_count, p.review_rating, p.url) == (
        "3401560504508", "42", "7", 12, None, "https://x")
    assert p.gtins == ("03401560504508", "3401560504515")
    first, empty, third = p.offers
    assert (first.shop_name, first.price, first.price_with_shipping, first.shipping_costs, first.position,
            first.position_with_shipping) == ("5", Decimal("12.95"), Decimal("13.5"), Decimal("0"), 3, None)
    assert empty == PriceApiOffer(None, None, None, None, None)
    assert (third.shop_name, third.price) == ("Shop", None)
    assert parse_offer({"shop_name": "A", "price": "1.50"}).price == Decimal("1.50")
    assert str(parse_offer({"shop_name": "A", "price": "1.50"}).price) == "1.50"


scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=8),
                    st.decimals(allow_nan=False, allow_infinity=False, places=2),
                    st.sampled_from(["12.50", " 7 ", "3,20", "", "1e3", "NaN", "2026-01-02T03:04:05+01:00"]))
offer_dicts = st.dictionaries(st.sampled_from(OFFER_FIELDS), scalars)
product_dicts = st.fixed_dictionaries({}, optional={
    **{k: scalars for k in ("value", "success", "reason", "source", "country", "key", "id", "source_id", "name",
                            "brand_name", "category_name", "review_count", "review_rating", "url", "source_url",
                            "updated_at")},
    "gtins": st.one_of(scalars, st.lists(scalars, max_size=3)),
    "eans": st.one_of(scalars, st.lists(scalars, max_size=3)),
    "relevance": scalars,
    "offers": st.one_of(scalars, st.lists(st.one_of(offer_dicts, scalars), max_size=3)),
})


@settings(max_examples=300, deadline=None)
@given(product_dicts)
def test_any_product_parses_as_the_helpers_decode_it(raw: dict[str, Any]) -> None:
    assert parse_product(raw) == oracle_product(raw)


def test_eans_and_relevance_are_read_as_sent() -> None:
    """``eans`` is PriceAPI's own list (not the gtins cut to 13 digits); ``relevance`` (a product column
    of the doc's downloads, sent by the sandbox for keyword searches) is kept exactly."""
    raw = next(p for p in (sdata.priceapi_product(c, 0, key="keyword") for c in sdata.universe()[:50])
               if p["success"])
    p = parse_product(decode.loads(json.dumps(raw)))
    assert p.eans == tuple(raw["eans"]) and p.eans  # type: ignore[arg-type]
    assert p.relevance == Decimal(str(raw["relevance"])) and type(p.relevance) is Decimal
    odd = parse_product({"value": "1", "gtins": ["03401560504508"], "eans": ["3401560504508", "0123"],
                         "relevance": 0.875})
    assert odd.eans == ("3401560504508", "0123") and odd.relevance == Decimal("0.875")
    assert parse_product({"value": "1", "gtins": ["03401560504508"]}).eans == ()  # never derived
