"""Enrichment's pure parts: code forms, Monitorize matching, OfficiScan summary, Snipcart's EAN."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from runhelpers import make_input, request_for, run_sync

from pricelookup.errors import SettingsError
from pricelookup.records import MonitorizeProduct, OfficiscanSnapshot, SnipcartProduct
from pricelookup.run.enrichment import (
    as_gtin14,
    ean13_of,
    match_monitorize,
    snipcart_ean,
    summarize_officiscan,
)


def test_code_forms() -> None:
    assert as_gtin14("3400930000014") == "03400930000014"
    assert as_gtin14("036000291452") == "00036000291452"  # UPC-A
    assert as_gtin14("3 400930 000014") == as_gtin14("3400930000014")
    assert as_gtin14("3400930000017") is None  # wrong check digit
    assert as_gtin14("REF-0042") is None and as_gtin14(None) is None and as_gtin14("１２３") is None
    assert ean13_of("03400930000014") == "3400930000014"
    assert ean13_of("13400930000011") is None  # a case GTIN-14: no EAN-13 form


def _mp(ref: str | None, pid: str = "1") -> MonitorizeProduct:
    return MonitorizeProduct(id=pid, name="x", ref=ref)


def test_monitorize_matches_ref_as_gtin14_or_by_column() -> None:
    codes = ["03400930000014", "00036000291452"]
    products = [_mp("3400930000014", "a"), _mp("036000291452", "b"), _mp("SKU-9", "c"), _mp(None, "d"),
                _mp("03400930000014", "e")]
    matched = match_monitorize(products, None, codes)
    assert {g: p.id for g, p in matched.items()} == {"03400930000014": "a", "00036000291452": "b"}
    # by an input column: the ref is compared with the cell text
    by_col = match_monitorize(products, {"SKU-9": "03400930000014"}, codes)
    assert {g: p.id for g, p in by_col.items()} == {"03400930000014": "c"}


def _snap(i: int, network: str, day: int, price: str | None) -> OfficiscanSnapshot:
    return OfficiscanSnapshot(id=i, product_id=7, ean13="3400930000014", collected_at=datetime(2024, 5, day, 8),
                              network=network, source=None, price_current=None if price is None else Decimal(price),
                              price_original=None, currency="EUR", in_stock=True, stock_label=None)


def test_officiscan_summary_latest_per_network_and_range() -> None:
    snaps = [_snap(1, "b", 1, "12.50"), _snap(2, "a", 3, "11.90"), _snap(3, "b", 4, "13.10"), _snap(4, "a", 2, None)]
    s = summarize_officiscan(snaps)
    assert {n: x.id for n, x in s.latest_per_network.items()} == {"a": 2, "b": 3}
    assert (s.min_price, s.max_price) == (Decimal("11.90"), Decimal("13.10"))
    assert s.latest is not None and s.latest.id == 3 and s.latest_price == Decimal("13.10")
    empty = summarize_officiscan([])
    assert empty.latest is None and empty.min_price is None and empty.latest_per_network == {}


def test_snipcart_ean_from_id_or_custom_field() -> None:
    base = dict(id="g", name="n", price=None, stock=None, total_stock=None, archived=False, url=None)
    assert snipcart_ean(SnipcartProduct(user_defined_id="3400930000014", **base)) == "3400930000014"
    p = SnipcartProduct(user_defined_id="DOLI-500", custom_fields=(("Color", "red"), ("EAN", " 3400930000014 ")),
                        **base)
    assert snipcart_ean(p) == "3400930000014"
    assert snipcart_ean(SnipcartProduct(user_defined_id="GIFT-20", **base)) is None


def test_unknown_monitorize_column_stops_before_paying(tmp_path: Path, shared_sandbox) -> None:
    sb = shared_sandbox
    created = sb.stats()["priceapi"]["jobs_created"]
    inp = make_input(tmp_path / "codes.csv", 20)
    with pytest.raises(SettingsError, match="nope"):
        run_sync(request_for(sb, inp.path, tmp_path / "d", monitorize=True, monitorize_match_column="nope"))
    assert sb.stats()["priceapi"]["jobs_created"] == created
