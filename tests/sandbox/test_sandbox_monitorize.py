"""Monitorize simulation: Apitoken, lists, history, add, alerts, feed - warts included."""

from __future__ import annotations

import json
import re

import pytest

from pricelookup.sandbox import data
from pricelookup.services.client import tls_context

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
    with httpx.Client(verify=tls_context(trust_env=False), base_url=sb.url) as c:
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


# --- the doc's two readings: one method only, one spelling only, history under the /list/ names ---

READS = ["/monitorize/api/product/list/", "/monitorize/api/product/list/allOffers",
         "/monitorize/api/product/list/lowestOffers", "/monitorize/api/product/history/1",
         "/monitorize/api/product/history-ref/{ref}"]


def _reads(catalogue) -> list[str]:
    ref = next(m.ref for m in catalogue.monitorize if m.ref)
    return [p.format(ref=ref) for p in READS]


@pytest.mark.parametrize("mode", ["get", "post"])
def test_strict_method_mode_answers_405_to_the_other_method_on_the_five_reads(make_sandbox, catalogue, mode) -> None:
    import httpx

    sb = make_sandbox(monitorize_method=mode)
    other = "POST" if mode == "get" else "GET"
    with httpx.Client(verify=tls_context(trust_env=False), base_url=sb.url) as c:
        for path in _reads(catalogue):
            ok = c.request(mode.upper(), path, headers=H)
            refused = c.request(other, path, headers=H)
            assert ok.status_code == 200, path
            assert refused.status_code == 405, path
            assert refused.headers["allow"] == mode.upper()
            assert "Method Not Allowed" in refused.text and refused.headers["content-type"].startswith("text/html")
        # alerts say GET in both places of the doc, add is a write: one method each in either mode
        assert c.get("/monitorize/api/alerts", headers=H).status_code == 200
        assert c.post("/monitorize/api/alerts", headers=H).status_code == 405
        assert c.get("/monitorize/api/product/add", params={"name": "x"}, headers=H).status_code == 405
        assert c.post("/monitorize/api/product/add", data={"name": "x"}, headers=H).status_code == 200
        # a wrong key is still a 401 first, whatever the method
        assert c.request(other, _reads(catalogue)[0], headers={"Apitoken": "invalid"}).status_code == 401
        stats = c.get("/_sandbox/stats").json()["monitorize"]
    assert stats["methods_refused"] == len(READS) + 2


@pytest.mark.parametrize("mode,asked,expected", [
    ("add", "/monitorize/api/product/list/allOffers", "/monitorize/api/product/list/allOffers/"),
    ("add", "/monitorize/api/product/history/3?x=1", "/monitorize/api/product/history/3/?x=1"),
    ("strip", "/monitorize/api/product/list/", "/monitorize/api/product/list"),
    ("strip", "/monitorize/api/alerts/", "/monitorize/api/alerts"),
])
def test_trailing_slash_mode_redirects_the_other_spelling_on_the_same_host(make_sandbox, mode, asked,
                                                                          expected) -> None:
    import httpx

    sb = make_sandbox(monitorize_trailing_slash=mode, monitorize_redirect_status=308)
    with httpx.Client(verify=tls_context(trust_env=False), base_url=sb.url) as c:
        r = c.post(asked, headers=H)
        assert r.status_code == 308
        assert r.headers["location"] == f"{sb.url}{expected}"  # absolute, this very host and port
        assert c.post(expected, headers=H).status_code == 200  # the configured spelling answers
        # product/add is never redirected (the client follows no redirect on its one write)
        for add in ("/monitorize/api/product/add", "/monitorize/api/product/add/"):
            assert c.post(add, data={"name": "x"}, headers=H).status_code == 200
        assert c.get("/_sandbox/stats").json()["monitorize"]["redirects"] == 1


def test_history_under_the_list_names_carries_the_same_points(make_sandbox, catalogue) -> None:
    import httpx

    today, renamed = make_sandbox(), make_sandbox(monitorize_history_fields="list")
    item = next(m for m in catalogue.monitorize if m.matched)
    with httpx.Client(verify=tls_context(trust_env=False)) as c:
        old = c.get(f"{today.url}/monitorize/api/product/history/{item.id}", headers=H).json()
        new = c.get(f"{renamed.url}/monitorize/api/product/history/{item.id}", headers=H).json()
    assert old.keys() == new.keys() and old
    promos = 0
    for site in old:
        assert len(old[site]["data"]) == len(new[site]["data"])
        for a, b in zip(old[site]["data"], new[site]["data"], strict=True):
            assert set(b) == {"date", "prix", "stock", "stockLabel", "promo", "prixBarre"}
            assert (b["date"], b["stock"], b["stockLabel"], b["promo"]) == (a["date"], int(a["stockT"]), a["stock"],
                                                                          a["promotion"])
            assert str(b["prix"]) == a["prix"] or f"{b['prix']:.2f}" == a["prix"]
            assert (b["prixBarre"] == 0) == (a["prixBarre"] is None)  # "none" as the lists write it
            promos += b["promo"] is not None
    assert promos  # the promotion is really there under its new name


def test_the_readings_are_checked_and_can_be_switched_at_run_time(sandbox) -> None:
    import httpx

    from pricelookup.sandbox import SandboxConfig

    for bad in ({"monitorize_method": "put"}, {"monitorize_trailing_slash": "maybe"},
                {"monitorize_redirect_status": 200}, {"monitorize_history_fields": "other"}):
        with pytest.raises(ValueError, match=next(iter(bad))):
            SandboxConfig(**bad)
    with httpx.Client(verify=tls_context(trust_env=False), base_url=sandbox.url) as c:
        assert c.post("/monitorize/api/product/list/", headers=H).status_code == 200
        r = c.post("/_sandbox/configure", json={"monitorize_method": "get"})
        assert r.json()["config"]["monitorize_method"] == "get"
        assert c.post("/monitorize/api/product/list/", headers=H).status_code == 405
        assert c.post("/_sandbox/configure", json={"monitorize_method": "sometimes"}).status_code == 400


def test_the_sandbox_command_takes_the_readings_and_says_so() -> None:
    from pricelookup.cli import build_parser
    from pricelookup.cli.sandbox import banner, config_from_args

    default = config_from_args(build_parser().parse_args(["sandbox"]))
    assert (default.monitorize_method, default.monitorize_trailing_slash, default.monitorize_history_fields) == (
        "any", "optional", "history")
    assert "reads its doc" not in banner("http://127.0.0.1:1", default)
    args = build_parser().parse_args(["sandbox", "--monitorize-method", "post", "--monitorize-trailing-slash",
                                      "strip", "--monitorize-history-fields", "list"])
    config = config_from_args(args)
    assert (config.monitorize_method, config.monitorize_trailing_slash, config.monitorize_history_fields) == (
        "post", "strip", "list")
    text = banner("http://127.0.0.1:1", config)
    assert "POST only" in text and "without a trailing slash" in text and "named like the lists" in text
    # each base URL is still the last thing on its line
    assert any(line.endswith("http://127.0.0.1:1/monitorize") for line in text.splitlines())
    with pytest.raises(SystemExit):
        build_parser().parse_args(["sandbox", "--monitorize-method", "put"])
