"""OfficiScan simulation: Bearer auth, snapshots with pagination, variants, 4xx, rate limit."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import httpx
import pytest

from pricelookup.sandbox import data
from pricelookup.services.client import tls_context

AUTH = {"Authorization": "Bearer oc_test"}


@pytest.fixture(scope="module")
def followed(catalogue) -> data.OfficiscanItem:
    """A product OfficiScan follows on at least three networks."""
    return next(o for o in catalogue.officiscan if len(o.networks) >= 3)


def test_bearer_key_required_invalid_refused_other_keys_accepted(shared_client) -> None:
    url = "/officiscan/v1/snapshots"
    assert shared_client.get(url, params={"ean": "3401351277399"}).status_code == 401
    r = shared_client.get(url, params={"ean": "3401351277399"}, headers={"Authorization": "Bearer invalid"})
    assert r.status_code == 401 and r.json()["message"]
    assert shared_client.get(url, headers={"Authorization": "Basic b2NfdGVzdDo="}).status_code == 401
    assert shared_client.get(url, params={"ean": "3401351277399"}, headers=AUTH).status_code == 200
    # the project rule: any key but "invalid" works, also one without the oc_ prefix
    assert shared_client.get(url, params={"ean": "3401351277399"},
                             headers={"Authorization": "Bearer sandbox"}).status_code == 200


def test_snapshots_have_the_docs_fields_and_pagination(shared_client, followed) -> None:
    r = shared_client.get("/officiscan/v1/snapshots", params={"ean": followed.ean13, "days": 30, "per_page": 10},
                          headers=AUTH)
    body = r.json()
    assert set(body) == {"product_id", "ean", "network", "days", "data", "total", "page", "per_page", "pages"}
    assert (body["ean"], body["days"], body["page"], body["per_page"]) == (followed.ean13, 30, 1, 10)
    assert body["pages"] == -(-body["total"] // 10) and len(body["data"]) == 10
    snap = body["data"][0]
    # the doc's fields, and has_variants for the product (the doc names it on products)
    assert set(snap) == {"id", "product_id", "ean13", "collected_at", "price", "stock", "rating", "rank", "promo",
                         "network", "source", "has_variants"}
    assert snap["ean13"] == followed.ean13 and snap["product_id"] == followed.product_id
    assert snap["has_variants"] is (followed.variants > 0)
    assert set(snap["price"]) == {"current", "original", "range", "currency"} and snap["price"]["currency"] == "EUR"
    assert isinstance(snap["price"]["current"], float) and isinstance(snap["stock"]["available"], bool)
    # no zone, as in the doc: Paris wall time, never ahead of Paris' clock
    collected = datetime.fromisoformat(snap["collected_at"])
    assert collected.tzinfo is None
    assert collected.replace(tzinfo=ZoneInfo("Europe/Paris")) <= datetime.now(UTC) + timedelta(minutes=1)


def test_all_pages_together_hold_every_snapshot_once(shared_client, followed) -> None:
    params = {"ean": followed.ean13, "days": 90, "per_page": 100}
    first = shared_client.get("/officiscan/v1/snapshots", params=params, headers=AUTH).json()
    assert first["pages"] >= 2
    ids = []
    for page in range(1, first["pages"] + 1):
        body = shared_client.get("/officiscan/v1/snapshots", params=params | {"page": page}, headers=AUTH).json()
        ids += [s["id"] for s in body["data"]]
    assert len(ids) == first["total"] == len(set(ids))
    beyond = shared_client.get("/officiscan/v1/snapshots", params=params | {"page": first["pages"] + 1},
                               headers=AUTH).json()
    assert beyond["data"] == [] and beyond["total"] == first["total"]


def test_several_networks_and_a_history_over_the_days(shared_client, followed) -> None:
    body = shared_client.get("/officiscan/v1/snapshots", params={"ean": followed.ean13, "days": 30,
                                                                  "per_page": 100}, headers=AUTH).json()
    networks = {s["network"] for s in body["data"]}
    days = {s["collected_at"][:10] for s in body["data"]}
    assert len(networks) >= 3 and len(days) >= 10
    stamps = [s["collected_at"][:10] for s in body["data"]]
    assert stamps == sorted(stamps, reverse=True)  # newest first
    one = sorted(networks)[0]
    filtered = shared_client.get("/officiscan/v1/snapshots", params={"ean": followed.ean13, "days": 30,
                                                                      "network": one}, headers=AUTH).json()
    assert filtered["network"] == one and {s["network"] for s in filtered["data"]} == {one}
    by_id = shared_client.get("/officiscan/v1/snapshots", params={"product_id": followed.product_id, "days": 30,
                                                                   "per_page": 100}, headers=AUTH).json()
    assert by_id["total"] == body["total"]
    unknown = shared_client.get("/officiscan/v1/snapshots", params={"ean": "4006381333931"}, headers=AUTH).json()
    assert (unknown["data"], unknown["total"]) == ([], 0)


@pytest.mark.parametrize(("params", "word"), [
    ({"days": 91}, "days"), ({"days": 0}, "days"), ({"per_page": 101}, "per_page"), ({"per_page": 0}, "per_page"),
    ({"page": 0}, "page"), ({"days": "7j"}, "days"), ({"ean": "34013512773x9"}, "ean"),
    ({"product_id": "abc"}, "product_id"),
])
def test_out_of_range_parameters_get_a_clear_4xx(shared_client, params, word) -> None:
    r = shared_client.get("/officiscan/v1/snapshots", params={"ean": "3401351277399"} | params, headers=AUTH)
    assert r.status_code == 422
    assert word in r.json()["message"]


def test_limits_themselves_are_accepted(shared_client) -> None:
    r = shared_client.get("/officiscan/v1/snapshots", params={"ean": "3401351277399", "days": 90, "per_page": 100},
                          headers=AUTH)
    assert r.status_code == 200 and r.json()["days"] == 90


def test_variants_of_a_parent_product(shared_client, catalogue) -> None:
    parent = next(o for o in catalogue.officiscan if o.variants)
    body = shared_client.get(f"/officiscan/v1/products/{parent.product_id}/variants", headers=AUTH).json()
    assert body["product_id"] == parent.product_id and body["total"] == parent.variants == len(body["data"])
    assert {"page", "per_page", "pages"} <= set(body)
    v = body["data"][0]
    assert v["is_default"] is True and v["ean13"] == parent.ean13
    assert {"id", "ean13", "ean7", "brand", "name", "format", "latest", "variation"} <= set(v)
    assert all(data.gtin14(x["ean13"]) for x in body["data"])
    plain = next(o for o in catalogue.officiscan if not o.variants)
    assert shared_client.get(f"/officiscan/v1/products/{plain.product_id}/variants",
                             headers=AUTH).json()["data"] == []
    assert shared_client.get("/officiscan/v1/products/999999999/variants", headers=AUTH).status_code == 404


def test_variants_are_products_of_their_own_and_not_parents(shared_client, catalogue) -> None:
    """The doc's model: a parent says has_variants; its variants have their own ids (and EANs), and
    a variant's snapshots name the variant, whose id the variants endpoint refuses (not a parent)."""
    parent = next(o for o in catalogue.officiscan if o.variants >= 2)
    variants = shared_client.get(f"/officiscan/v1/products/{parent.product_id}/variants", headers=AUTH).json()["data"]
    ids = {v["id"] for v in variants}
    assert parent.product_id not in ids and len(ids) == parent.variants
    mine = shared_client.get("/officiscan/v1/snapshots", params={"ean": parent.ean13}, headers=AUTH).json()["data"]
    assert mine and {(s["product_id"], s["has_variants"]) for s in mine} == {(parent.product_id, True)}
    other = next(v for v in variants if not v["is_default"])
    theirs = shared_client.get("/officiscan/v1/snapshots", params={"ean": other["ean13"]}, headers=AUTH).json()["data"]
    assert theirs and {(s["product_id"], s["has_variants"]) for s in theirs} == {(other["id"], False)}
    refused = shared_client.get(f"/officiscan/v1/products/{other['id']}/variants", headers=AUTH)
    assert refused.status_code == 404 and "parent" in refused.json()["message"]
    plain = next(o for o in catalogue.officiscan if not o.variants)
    snaps = shared_client.get("/officiscan/v1/snapshots", params={"ean": plain.ean13}, headers=AUTH).json()["data"]
    assert snaps and not any(s["has_variants"] for s in snaps)


def test_rate_limit_per_key_answers_429_with_retry_after(make_sandbox, warp) -> None:
    sb = make_sandbox(officiscan_rate=2.0)
    with httpx.Client(verify=tls_context(trust_env=False), base_url=sb.url) as c:
        t0 = warp()
        answers = [c.get("/officiscan/v1/snapshots", params={"ean": "3401351277399"}, headers=AUTH)
                   for _ in range(20)]
        elapsed = warp() - t0
        other_key = c.get("/officiscan/v1/snapshots", params={"ean": "3401351277399"},
                          headers={"Authorization": "Bearer oc_other"})
        limited = [r for r in answers if r.status_code == 429]
        allowed = 20 - len(limited)
        assert 2 <= allowed <= 2 + 2.0 * elapsed + 1  # a burst of 2, then 2 per second
        assert all(int(r.headers["Retry-After"]) >= 1 for r in limited)
        assert other_key.status_code == 200  # the limit is per key
        warp.skip(1.1)  # the key's bucket refills meanwhile
        assert c.get("/officiscan/v1/snapshots", params={"ean": "3401351277399"}, headers=AUTH).status_code == 200
    assert sb.stats()["officiscan"]["rate_limited"] == len(limited)
