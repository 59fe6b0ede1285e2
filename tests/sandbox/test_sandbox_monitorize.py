"""Monitorize simulation: Apitoken, lists, history, add, alerts, feed - warts included."""

from __future__ import annotations

import json
import re

import pytest

from pricelookup.sandbox import data

H = {"Apitoken": "test-key"}


def test_apitoken_header_required_401_erreur_d_authentification(shared_client) -> None:
    for headers in ({}, {"Apitoken": "invalid"}):
        r = shared_client.get("/monitorize/api/product/list/", headers=headers)
        assert r.status_code == 401
        assert r.reason_phrase == "Erreur d'authentification"


@pytest.mark.parametrize("path", ["/monitorize/api/product/list/", "/monitorize/api/product/list",
                                  "/monitorize/api/product/list/allOffers", "/monitorize/api/product/list/allOffers/",
                                  "/monitorize/api/product/list/lowestOffers", "/monitorize/api/alerts",
                                  "/monitorize/api/marketplaces/scripts/feed/"])
def test_get_and_post_both_accepted_trailing_slash_optional(shared_client, path) -> None:
    got = shared_client.get(path, headers=H)
    posted = shared_client.post(path, headers=H)
    assert got.status_code == posted.status_code == 200
    assert got.json() == posted.json()


def test_product_list_most_refs_are_ean13_some_are_other_references(shared_client, catalogue) -> None:
    products = shared_client.get("/monitorize/api/product/list/", headers=H).json()
    assert len(products) == len(catalogue.monitorize) > 1000
    assert all(set(p) == {"nom", "id", "ref"} and isinstance(p["id"], str) for p in products)
    refs = [p["ref"] for p in products]
    eans = [r for r in refs if r is not None and re.fullmatch(r"\d{13}", r) and data.gtin14(r)]
    others = [r for r in refs if r is not None and r not in eans]
    assert len(eans) / len(refs) > 0.8
    assert others and all(r.startswith("REF-") for r in others)
    assert any(r is None for r in refs)
    # the same products as the shop and PriceAPI: a good share of pharmacy codes
    assert sum(data.is_pharmacy(r) for r in eans) > 300


def test_all_offers_shape_stock_codes_and_prix_barre_zero(shared_client) -> None:
    products = shared_client.post("/monitorize/api/product/list/allOffers", headers=H).json()
    offers = [o for p in products for o in p["offers"]]
    assert any(not p["offers"] for p in products)  # imported but not matched
    assert len(offers) > 2000
    for o in offers[:3000]:
        assert set(o) == {"site", "nom", "url", "prix", "stock", "stockLabel", "promo", "prixBarre"}
        assert isinstance(o["prix"], int | float) and not isinstance(o["prix"], bool)
        assert o["stock"] in (1, 2, 3)
        assert (o["promo"] is None) == (o["prixBarre"] == 0)  # 0 means "no strike price"
    assert {o["stock"] for o in offers} == {1, 2, 3}
    assert any(isinstance(o["prix"], int) for o in offers)  # whole prices as 150, like the doc


def test_lowest_offers_are_the_cheapest_in_stock_ones(shared_client) -> None:
    every = {p["id"]: p for p in shared_client.get("/monitorize/api/product/list/allOffers", headers=H).json()}
    lowest = shared_client.get("/monitorize/api/product/list/lowestOffers", headers=H).json()
    assert [p["id"] for p in lowest] == list(every)
    checked = 0
    for p in lowest:
        available = [o for o in every[p["id"]]["offers"] if o["stock"] != 3]
        assert all(o["stock"] != 3 for o in p["offers"])  # no out-of-stock offers
        if available:
            best = min(o["prix"] for o in available)
            assert p["offers"] and all(o["prix"] == best for o in p["offers"])
            assert len(p["offers"]) == sum(o["prix"] == best for o in available)
            checked += 1
        else:
            assert p["offers"] == []
    assert checked > 1000


def test_history_numbers_are_strings_and_history_ref_finds_the_same(shared_client, catalogue) -> None:
    item = next(m for m in catalogue.monitorize if m.matched and m.ref == m.ean13)
    by_id = shared_client.get(f"/monitorize/api/product/history/{item.id}", headers=H).json()
    by_ref = shared_client.post(f"/monitorize/api/product/history-ref/{item.ref}", headers=H).json()
    assert by_id == by_ref and by_id
    for site, entry in by_id.items():
        assert set(entry) == {"idTab", "nom", "url", "data"} and entry["idTab"] == site.split(".")[0]
        dates = [d["date"] for d in entry["data"]]
        assert dates == sorted(dates) and len(dates) >= 2
        for point in entry["data"]:
            assert isinstance(point["prix"], str) and re.fullmatch(r"\d+(\.\d\d)?", point["prix"])
            assert point["stockT"] in ("1", "2", "3")
            assert point["prixBarre"] is None or isinstance(point["prixBarre"], str)
    unmatched = next(m for m in catalogue.monitorize if not m.matched)
    r = shared_client.get(f"/monitorize/api/product/history/{unmatched.id}", headers=H)
    assert r.status_code == 200 and r.text == "[]"  # PHP's empty array
    assert shared_client.get("/monitorize/api/product/history/99999999", headers=H).status_code == 404
    assert shared_client.get("/monitorize/api/product/history-ref/NO-SUCH-REF", headers=H).status_code == 404


def test_json_is_escaped_like_php_json_encode(shared_client) -> None:
    r = shared_client.get("/monitorize/api/product/list", headers=H)
    assert r.content.isascii() and "\\u00" in r.text
    assert any(not p["nom"].isascii() for p in r.json())


def test_product_add_needs_a_name_ref_optional_and_answers_like_the_doc(client) -> None:
    r = client.post("/monitorize/api/product/add", data={"ref": "X1"}, headers=H)
    assert r.status_code == 400
    r = client.post("/monitorize/api/product/add/", data={"name": "Mon produit", "ref": "MA-REF-1"}, headers=H)
    assert r.status_code == 200
    # the doc's example answer has text before the JSON object: "1209{ "id": 1221 }"
    assert re.fullmatch(r'\d+\{\s*"id": \d+\s*\}', r.text)
    new_id = json.loads(r.text[r.text.index("{"):])["id"]
    r2 = client.get("/monitorize/api/product/add", params={"name": "Sans référence"}, headers=H)
    assert r2.status_code == 200
    listed = {p["id"]: p for p in client.get("/monitorize/api/product/list/", headers=H).json()}
    assert listed[str(new_id)] == {"nom": "Mon produit", "id": str(new_id), "ref": "MA-REF-1"}
    assert any(p["nom"] == "Sans référence" and p["ref"] is None for p in listed.values())
    offers = {p["id"]: p for p in client.get("/monitorize/api/product/list/allOffers", headers=H).json()}
    assert offers[str(new_id)]["offers"] == []  # not matched yet
    assert client.get("/_sandbox/stats").json()["monitorize"]["products_added"] == 2


def test_product_add_plain_json_when_configured(make_sandbox) -> None:
    import httpx

    sb = make_sandbox(monitorize_add_garbage=False)
    with httpx.Client(base_url=sb.url) as c:
        r = c.post("/monitorize/api/product/add", data={"name": "X"}, headers=H)
        assert isinstance(r.json()["id"], int)


def test_alerts_have_the_docs_fields(shared_client) -> None:
    alerts = shared_client.get("/monitorize/api/alerts", headers=H).json()
    assert len(alerts) >= 10
    for a in alerts:
        assert set(a) == {"date", "nom", "site", "url", "prix_1", "prix_2", "stock_1", "stock_2", "stockt_1",
                          "stockt_2", "promo_1", "promo_2", "tags"}
        assert isinstance(a["prix_1"], str) and a["stockt_1"] in ("1", "2", "3") and isinstance(a["tags"], list)
        assert (a["prix_1"], a["stockt_1"]) != (a["prix_2"], a["stockt_2"])  # an alert is a change


def test_marketplaces_feed(shared_client) -> None:
    feed = shared_client.get("/monitorize/api/marketplaces/scripts/feed", headers=H).json()
    assert len(feed) >= 100
    row = next(r for r in feed if "amazon" in r)
    assert {"product_name", "ref_interne", "ref_prestashop", "product_url", "product_img"} <= set(row)
    mp = row["amazon"]
    assert {"id", "url", "offers_count", "active", "is_first", "offers"} <= set(mp)
    assert mp["offers_count"] == len(mp["offers"]) and sum(o["is_first"] for o in mp["offers"]) == 1
    assert {"seller_name", "seller_url", "price", "shipping_price", "shipping_delay", "is_first",
            "scraped_on"} <= set(mp["offers"][0])
    assert any(isinstance(r["ref_interne"], int) for r in feed)  # "integer", as the doc types it
