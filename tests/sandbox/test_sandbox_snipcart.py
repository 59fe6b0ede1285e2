"""Snipcart simulation: Basic auth, Accept header, list/get, POST/PUT/DELETE, where the EAN lives."""

from __future__ import annotations

import re

from pricelookup.sandbox import data

AUTH = ("test-key", "")
JSON = {"Accept": "application/json"}


def test_basic_auth_key_as_user_name_empty_password(shared_client) -> None:
    assert shared_client.get("/snipcart/api/products", headers=JSON).status_code == 401
    r = shared_client.get("/snipcart/api/products", headers=JSON, auth=("invalid", ""))
    assert r.status_code == 401 and r.json()["message"] == "Authorization has been denied for this request."
    assert shared_client.get("/snipcart/api/products", headers=JSON | {"Authorization": "Bearer x"}).status_code == 401
    assert shared_client.get("/snipcart/api/products", headers=JSON, auth=AUTH).status_code == 200


def test_accept_application_json_is_required(shared_client) -> None:
    r = shared_client.get("/snipcart/api/products", auth=AUTH)  # httpx sends Accept: */*
    assert r.status_code == 406 and "application/json" in r.json()["message"]
    r = shared_client.get("/snipcart/api/products", auth=AUTH, headers={"Accept": "text/html"})
    assert r.status_code == 406
    r = shared_client.get("/snipcart/api/products", auth=AUTH, headers={"Accept": "application/json, text/plain"})
    assert r.status_code == 200


def test_list_products_paginates_with_limit_offset_total_items(shared_client, catalogue) -> None:
    first = shared_client.get("/snipcart/api/products", auth=AUTH, headers=JSON).json()
    assert set(first) == {"totalItems", "offset", "limit", "items"}
    assert (first["offset"], first["limit"], len(first["items"])) == (0, 20, 20)  # default limit 20
    total = first["totalItems"]
    assert total == len(catalogue.snipcart) > 500
    seen = []
    offset = 0
    while offset < total:
        page = shared_client.get("/snipcart/api/products", params={"limit": 250, "offset": offset},
                                 auth=AUTH, headers=JSON).json()
        seen += [p["id"] for p in page["items"]]
        offset += 250
    assert len(seen) == total == len(set(seen))
    item = first["items"][0]
    assert {"mode", "userDefinedId", "url", "price", "name", "archived", "statistics", "customFields", "id",
            "creationDate", "modificationDate", "stock", "inventoryManagementMethod"} <= set(item)
    assert isinstance(item["price"], float) and item["archived"] is False
    assert shared_client.get("/snipcart/api/products", params={"limit": 0}, auth=AUTH, headers=JSON).status_code == 400


def test_filter_by_user_defined_id_from_to_and_order_by(shared_client, catalogue) -> None:
    uid = catalogue.snipcart[5].user_defined_id
    one = shared_client.get("/snipcart/api/products", params={"userDefinedId": uid}, auth=AUTH, headers=JSON).json()
    assert one["totalItems"] == 1 and one["items"][0]["userDefinedId"] == uid
    by_sales = shared_client.get("/snipcart/api/products", params={"orderBy": "nbrSales", "limit": 50},
                                 auth=AUTH, headers=JSON).json()["items"]
    sales = [p["statistics"]["numberOfSales"] for p in by_sales]
    assert sales == sorted(sales, reverse=True) and sales[0] > 0
    newest = shared_client.get("/snipcart/api/products", params={"orderBy": "creationDate", "limit": 5},
                               auth=AUTH, headers=JSON).json()["items"]
    dates = [p["creationDate"] for p in newest]
    assert dates == sorted(dates, reverse=True)
    everything = shared_client.get("/snipcart/api/products", params={"limit": 5000}, auth=AUTH, headers=JSON).json()
    window = shared_client.get("/snipcart/api/products", params={"from": "2022-01-01T00:00:00Z", "to": "2022-06-30",
                                                                  "limit": 5000}, auth=AUTH, headers=JSON).json()
    assert 0 < window["totalItems"] < everything["totalItems"]
    assert shared_client.get("/snipcart/api/products", params={"orderBy": "price"}, auth=AUTH,
                             headers=JSON).status_code == 400


def test_get_product_by_snipcart_id_or_user_defined_id(shared_client, catalogue) -> None:
    item = catalogue.snipcart[3]
    by_id = shared_client.get(f"/snipcart/api/products/{item.id}", auth=AUTH, headers=JSON).json()
    by_uid = shared_client.get(f"/snipcart/api/products/{item.user_defined_id}", auth=AUTH, headers=JSON).json()
    assert by_id == by_uid and by_id["id"] == item.id
    assert shared_client.get("/snipcart/api/products/nope", auth=AUTH, headers=JSON).status_code == 404


def test_where_the_ean_lives_user_defined_id_custom_field_or_nowhere(shared_client) -> None:
    items = shared_client.get("/snipcart/api/products", params={"limit": 5000}, auth=AUTH, headers=JSON).json()["items"]
    in_uid = [p for p in items if re.fullmatch(r"\d{13}", p["userDefinedId"]) and data.gtin14(p["userDefinedId"])]
    in_field = [p for p in items if any(f["name"] == "EAN" for f in p["customFields"])]
    nowhere = [p for p in items if p not in in_uid and p not in in_field]
    assert len(in_uid) / len(items) > 0.75
    assert len(in_field) >= 20 and all(p["userDefinedId"].startswith("SKU-") for p in in_field)
    assert all(data.gtin14(f["value"]) for p in in_field for f in p["customFields"] if f["name"] == "EAN")
    assert 1 <= len(nowhere) <= 10


def test_put_updates_inventory_and_delete_archives(client) -> None:
    items = client.get("/snipcart/api/products", auth=AUTH, headers=JSON).json()["items"]
    uid = items[0]["userDefinedId"]
    # the doc's own curl example sends a JavaScript-ish body with single quotes
    r = client.put(f"/snipcart/api/products/{uid}", auth=AUTH, headers=JSON | {"Content-Type": "application/json"},
                   content="{ 'inventoryManagementMethod': 'Single', 'stock': 20 }")
    assert r.status_code == 200 and (r.json()["stock"], r.json()["totalStock"]) == (20, 20)
    assert client.get(f"/snipcart/api/products/{uid}", auth=AUTH, headers=JSON).json()["stock"] == 20
    bad = client.put(f"/snipcart/api/products/{uid}", auth=AUTH, headers=JSON, json={"inventoryManagementMethod": "X"})
    assert bad.status_code == 400
    r = client.delete(f"/snipcart/api/products/{uid}", auth=AUTH, headers=JSON | {"Content-Type": "application/json"})
    assert r.status_code == 200 and r.json()["archived"] is True
    listed = client.get("/snipcart/api/products", params={"limit": 5000}, auth=AUTH, headers=JSON).json()
    assert uid not in {p["userDefinedId"] for p in listed["items"]}  # archived: no longer listed
    assert client.get(f"/snipcart/api/products/{uid}", auth=AUTH, headers=JSON).json()["archived"] is True


def test_post_fetch_url_imports_products(client) -> None:
    before = client.get("/snipcart/api/products", auth=AUTH, headers=JSON).json()["totalItems"]
    r = client.post("/snipcart/api/products", auth=AUTH, headers=JSON | {"Content-Type": "application/json"},
                    content="{fetchUrl: 'https://yoursite.com/products.json'}")
    assert r.status_code == 200
    imported = r.json()
    assert isinstance(imported, list) and imported and all(p["url"] == "/products.json" for p in imported)
    after = client.get("/snipcart/api/products", auth=AUTH, headers=JSON).json()["totalItems"]
    assert after == before + len(imported)
    assert client.post("/snipcart/api/products", auth=AUTH, headers=JSON, json={}).status_code == 400
