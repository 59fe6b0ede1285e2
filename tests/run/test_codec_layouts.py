"""Journal rows carry their layout: records are stored by field name in versioned layouts, never by
the order of the fields in records.py, and a row that does not fit is refused, naming its kind.

Layout 2 (PriceAPI's eans and relevance, OfficiScan's has_variants, aware collected_at) is written
now; rows of layout 1 (release 0.1.0's, with or without a version) are still read, their new fields
as defaults and their zone-less collected_at as OfficiScan's local time."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from pricelookup.errors import JournalError
from pricelookup.records import (
    MonitorizeHistoryPoint,
    MonitorizeOffer,
    MonitorizeProduct,
    OfficiscanSnapshot,
    OfficiscanVariant,
    PriceApiOffer,
    PriceApiProduct,
)
from pricelookup.run import codec

#: release 0.1.0's rows, field by field: what every journal written before layouts existed holds.
#: Layout 1 must stay exactly this (a change needs a new version, never an edit).
RELEASE_0_1_0 = {
    PriceApiProduct: ("value", "success", "reason", "source", "country", "key", "id", "name", "brand_name",
                      "category_name", "review_count", "review_rating", "gtins", "url", "updated_at", "offers"),
    PriceApiOffer: ("shop_name", "price", "price_with_shipping", "shipping_costs", "currency", "url", "name",
                    "availability_code", "availability_text", "position", "position_with_shipping"),
    OfficiscanSnapshot: ("id", "product_id", "ean13", "collected_at", "network", "source", "price_current",
                         "price_original", "currency", "in_stock", "stock_label", "rating_value", "rating_count",
                         "rank_position", "promo_text"),
    OfficiscanVariant: ("id", "ean13", "ean7", "brand", "name", "packaging", "is_default", "latest_price",
                        "latest_in_stock"),
    MonitorizeProduct: ("id", "name", "ref", "offers"),
    MonitorizeOffer: ("site", "name", "url", "price", "stock", "stock_label", "promo", "strike_price"),
    MonitorizeHistoryPoint: ("site", "date", "price", "stock", "stock_label", "promo", "strike_price"),
}

OFFER = PriceApiOffer("Pharmacie Lafayette", Decimal("12.50"), Decimal("15.40"), Decimal("2.90"), "EUR",
                      "https://shop/1", "Doliprane 1000", "in_stock", "En stock", 1, 2)
PRODUCT = PriceApiProduct("03400930000000", True, None, "google-shopping", "fr", "gtin", "g-1", "Doliprane",
                          "Sanofi", "Médicaments", 12, 87, ("03400930000000",), "https://g/1",
                          datetime(2026, 4, 29, 17, 34, 54, tzinfo=UTC),
                          (OFFER, PriceApiOffer("Other", Decimal("0.10"), None, None, "EUR")))
PARIS = ZoneInfo("Europe/Paris")
#: what layout 2 adds, after release 0.1.0's fields (a product's offers stay at OFFERS_AT)
LAYOUT_2_ADDS = {PriceApiProduct: ("eans", "relevance"), OfficiscanSnapshot: ("has_variants",)}
NEW_PRODUCT = dataclasses.replace(PRODUCT, eans=("3400930000000",), relevance=Decimal("87.5"))
SNAPS = (OfficiscanSnapshot(1, 2, "3400930000000", datetime(2026, 1, 1, 8, 30, tzinfo=PARIS), "cocooncenter",
                            None, Decimal("12.95"), None, "EUR", True, "En stock", Decimal("4.6"), 28, 3, "-10 %",
                            has_variants=True),)
VARIANTS = (OfficiscanVariant(7, "3400930000001", "3000001", "Sanofi", "Doliprane 500", "boîte de 16", True,
                              Decimal("2.18"), True),)
MON = MonitorizeProduct("1", "Doliprane", "3400930000000",
                        (MonitorizeOffer("site", None, "https://m/1", Decimal("2.49"), 1, "En stock", None,
                                         Decimal("2.99")),))
HISTORY = (MonitorizeHistoryPoint("site", date(2026, 3, 1), Decimal("2.49"), 1, "En stock", "promo", None),)


def release_0_1_0_row(row: list) -> list:
    """A layout 2 row cut back to what release 0.1.0 wrote: its fields, no version."""
    return row[:len(RELEASE_0_1_0[PriceApiProduct])]


def test_layout_1_is_release_0_1_0s_and_the_sql_positions_hold() -> None:
    assert codec.LAYOUTS[1] == RELEASE_0_1_0
    assert max(codec.LAYOUTS) == codec.LAYOUT_VERSION == 2
    assert (codec.OFFERS_AT, codec.OFFER_SHOP_AT) == (15, 0)  # where run.store's SQL reads every row
    for record, added in LAYOUT_2_ADDS.items():  # appended: release 0.1.0's positions hold
        assert codec.LAYOUTS[2][record] == (*RELEASE_0_1_0[record], *added)
    assert {r: f for r, f in codec.LAYOUTS[2].items() if r not in LAYOUT_2_ADDS} == {
        r: f for r, f in RELEASE_0_1_0.items() if r not in LAYOUT_2_ADDS}


def test_rows_are_layout_2_arrays_ending_with_their_version() -> None:
    row = json.loads(codec.product_to_json(NEW_PRODUCT))
    assert row[-1] == codec.LAYOUT_VERSION == 2
    stored = dict(zip(codec.LAYOUTS[2][PriceApiProduct], row[:-1], strict=True))
    assert stored["value"] == "03400930000000" and stored["updated_at"] == "2026-04-29T17:34:54+00:00"
    assert (stored["eans"], stored["relevance"]) == (["3400930000000"], "87.5")  # exact, never a float
    offer = dict(zip(RELEASE_0_1_0[PriceApiOffer], stored["offers"][0], strict=True))
    assert offer == {"shop_name": "Pharmacie Lafayette", "price": "12.50", "price_with_shipping": "15.40",
                     "shipping_costs": "2.90", "currency": "EUR", "url": "https://shop/1", "name": "Doliprane 1000",
                     "availability_code": "in_stock", "availability_text": "En stock", "position": 1,
                     "position_with_shipping": 2}
    snap = json.loads(codec.record_to_json(SNAPS, codec.SNAPSHOTS))
    assert snap[-1] == 2
    fields = dict(zip(codec.LAYOUTS[2][OfficiscanSnapshot], snap[0], strict=True))
    assert fields["price_current"] == "12.95" and fields["has_variants"] is True
    assert fields["collected_at"] == "2026-01-01T08:30:00+01:00"  # with its zone: Paris in winter
    assert json.loads(codec.record_to_json(MON))[-1] == 2
    assert json.loads(codec.record_to_json((), codec.HISTORY)) == [2]


def test_every_kind_round_trips_exactly() -> None:
    back = codec.product_from_json(codec.product_to_json(PRODUCT))
    assert back == PRODUCT and str(back.offers[1].price) == "0.10"
    back = codec.product_from_json(codec.product_to_json(NEW_PRODUCT))
    assert back == NEW_PRODUCT and str(back.relevance) == "87.5"
    snaps = codec.record_from_json(codec.SNAPSHOTS, codec.record_to_json(SNAPS, codec.SNAPSHOTS))
    assert snaps[0].collected_at.utcoffset() == SNAPS[0].collected_at.utcoffset()
    assert codec.record_from_json(codec.SNAPSHOTS, codec.record_to_json(SNAPS, codec.SNAPSHOTS)) == SNAPS
    assert codec.record_from_json(codec.VARIANTS, codec.record_to_json(VARIANTS, codec.VARIANTS)) == VARIANTS
    assert codec.record_from_json(MonitorizeProduct, codec.record_to_json(MON)) == MON
    assert codec.record_from_json(codec.HISTORY, codec.record_to_json(HISTORY, codec.HISTORY)) == HISTORY
    assert codec.record_from_json(codec.HISTORY, codec.record_to_json((), codec.HISTORY)) == ()


def test_rows_without_a_version_are_release_0_1_0s() -> None:
    # what 0.1.0 wrote: its fields, no version; the fields it did not have read as their defaults
    old = release_0_1_0_row(json.loads(codec.product_to_json(NEW_PRODUCT)))
    assert codec.product_from_json(json.dumps(old)) == PRODUCT
    assert codec.product_from_json(json.dumps([*old, 1])) == PRODUCT  # the same with its version
    naive = ["1", 2, "3400930000000", "2026-07-01T08:30:00", "cocooncenter", None, "12.95", None, "EUR", True,
             "En stock", "4.6", 28, 3, "-10 %"]
    (snap,) = codec.record_from_json(codec.SNAPSHOTS, json.dumps([naive]))
    assert snap.has_variants is None
    assert codec.record_from_json(codec.SNAPSHOTS, "[]") == ()
    mon = json.loads(codec.record_to_json(MON))[:-1]
    assert codec.record_from_json(MonitorizeProduct, json.dumps(mon)) == MON


def test_layout_1_snapshot_times_without_a_zone_are_read_as_paris_time() -> None:
    """0.1.0 stored collected_at as OfficiScan sent it, without a zone: read as OfficiScan's local
    time, as the client reads answers now, so old and new snapshots compare and sort together."""
    def row(collected: str, version: int | None) -> str:
        snap = [7, 2, "3400930000000", collected, "cocooncenter", None, "12.95", None, "EUR", True, "En stock",
                None, None, None, None]
        return json.dumps([snap] if version is None else [snap, version])

    for version in (None, 1):
        (winter,) = codec.record_from_json(codec.SNAPSHOTS, row("2026-01-01T08:30:00", version))
        assert winter.collected_at == datetime(2026, 1, 1, 7, 30, tzinfo=UTC)
        (summer,) = codec.record_from_json(codec.SNAPSHOTS, row("2026-07-01T08:30:00", version))
        assert summer.collected_at == datetime(2026, 7, 1, 6, 30, tzinfo=UTC)
        (zoned,) = codec.record_from_json(codec.SNAPSHOTS, row("2026-07-01T08:30:00+00:00", version))
        assert zoned.collected_at == datetime(2026, 7, 1, 8, 30, tzinfo=UTC)  # a zone it had is kept
    assert sorted([winter.collected_at, SNAPS[0].collected_at]) == [SNAPS[0].collected_at, winter.collected_at]


def test_a_row_of_an_unknown_version_is_refused_naming_its_kind() -> None:
    row = json.loads(codec.product_to_json(PRODUCT))
    row[-1] = 99
    with pytest.raises(JournalError, match=r"PriceApiProduct has layout version 99.*newer release"):
        codec.product_from_json(json.dumps(row))
    snaps = json.loads(codec.record_to_json(SNAPS, codec.SNAPSHOTS))
    snaps[-1] = 3
    with pytest.raises(JournalError, match="OfficiscanSnapshot has layout version 3"):
        codec.record_from_json(codec.SNAPSHOTS, json.dumps(snaps))


def test_a_row_that_does_not_fit_its_layout_is_refused_naming_its_kind() -> None:
    row = json.loads(codec.product_to_json(PRODUCT))
    with pytest.raises(JournalError, match=r"PriceApiProduct does not fit its layout 1 \(16 values expected, got 17"):
        codec.product_from_json(json.dumps([*release_0_1_0_row(row), "extra", 1]))
    with pytest.raises(JournalError, match=r"PriceApiProduct does not fit its layout 2 \(18 values expected, got 16"):
        codec.product_from_json(json.dumps([*release_0_1_0_row(row), 2]))  # a 0.1.0 row claiming layout 2
    row[codec.OFFERS_AT][0].append("one more")
    with pytest.raises(JournalError, match=r"PriceApiOffer does not fit its layout 2 \(11 values expected, got 12"):
        codec.product_from_json(json.dumps(row))
    with pytest.raises(JournalError, match="MonitorizeOffer does not fit"):
        codec.record_from_json(MonitorizeProduct, '["1", "x", null, [["site", null]], 1]')
    with pytest.raises(JournalError, match=r"OfficiscanVariant.* not a JSON array"):
        codec.record_from_json(codec.VARIANTS, '{"id": 7}')
