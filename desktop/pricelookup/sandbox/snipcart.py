"""Snipcart's products API (the shop's own catalogue), simulated from its doc.

* Basic auth with the API key as user name and an empty password; no or a
  malformed Authorization header, or the key ``invalid``, get 401 with
  ASP.NET's message (Snipcart runs on .NET).
* ``Accept: application/json`` is required on every request, as the doc says
  ("notre API n'accepte que ... application/json"): without it (httpx sends
  ``*/*`` by default) the answer is 406 Not Acceptable with a JSON message.
* ``GET /api/products`` (limit default 20, offset, userDefinedId, from, to,
  orderBy nbrSales | salesValue | creationDate) -> totalItems, offset, limit,
  items. Archived products are not listed.
* ``GET /api/products/{id}``: by Snipcart id or userDefinedId.
* ``POST /api/products`` {fetchUrl}: "crawls" the URL - the sandbox has no
  internet, so it derives 1-3 products from the URL deterministically, adds
  them to the catalogue and answers them as an array.
* ``PUT /api/products/{id}``: only inventory (inventoryManagementMethod,
  stock, allowOutOfStockPurchases, variants) can change.
* ``DELETE /api/products/{id}`` archives the product (answered with it).
* Bodies may be the JavaScript-ish literals the doc's curl examples send
  (``{fetchUrl: '...'}``): Json.NET accepts those.
* Most products' userDefinedId is their EAN-13; some have a SKU there and the
  EAN in a custom field named ``EAN``; a few (gift cards, fees) have none.
"""

from __future__ import annotations

import base64
import binascii
import functools
from datetime import UTC, datetime, timedelta
from typing import Any

from pricelookup.sandbox import data
from pricelookup.sandbox.common import INVALID_KEY, Context, json_response, lenient_json, parse_int
from pricelookup.sandbox.httpserver import Request, Response, split_path

SERVICE = "snipcart"
ORDER_BY = ("nbrSales", "salesValue", "creationDate")
_EPOCH = datetime(2021, 1, 4, 9, 0, tzinfo=UTC)


def _message(status: int, message: str, **extra: Any) -> Response:
    return json_response({"message": message, **extra}, status)


def _iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{dt.microsecond // 1000:03d}Z"


def _parse_dt(text: str) -> datetime:
    value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


class Snipcart:
    """The Snipcart simulation; one per sandbox, used on the event loop only."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        for name in ("requests", "faults_injected", "updates"):
            ctx.count(SERVICE, name, 0)

    @functools.cached_property
    def items(self) -> list[dict[str, Any]]:
        """The shop's products, built on the first Snipcart request: they were ~40 ms of every
        sandbox's start (80 % of it), for a service most runs never call."""
        return [self._base_product(s) for s in self.ctx.catalogue.snipcart]

    @functools.cached_property
    def by_id(self) -> dict[str, dict[str, Any]]:
        """The products by Snipcart id."""
        return {p["id"]: p for p in self.items}

    @functools.cached_property
    def by_uid(self) -> dict[str, dict[str, Any]]:
        """The products by the shop's own id (``userDefinedId``)."""
        return {p["userDefinedId"]: p for p in self.items}

    def _reindex(self) -> None:
        """Forget the indexes after the catalogue changed; the next look-up rebuilds them."""
        for index in ("by_id", "by_uid"):
            self.__dict__.pop(index, None)

    @staticmethod
    def read_only(method: str, path: str) -> bool:
        """GET only reads; POST/PUT/DELETE change the catalogue."""
        return method in ("GET", "HEAD")

    @staticmethod
    def creates_job(method: str, path: str) -> bool:
        """Snipcart has no jobs."""
        return False

    # --- the catalogue ---

    def _base_product(self, s: data.SnipcartItem) -> dict[str, Any]:
        seed = self.ctx.config.seed
        h = data.stable_hash("snip", s.user_defined_id)
        if s.ean13 is not None:
            market = data.reference_price_cents(s.ean13, seed)
            price_cents = int(market * (0.92 + 0.2 * ((h % 1000) / 1000)))
            price_cents -= price_cents % 10 - 9 if price_cents > 100 else 0
        else:
            price_cents = next(p for uid, _n, p in data.SNIPCART_EXTRAS if uid == s.user_defined_id)
        created = _EPOCH + timedelta(minutes=s.index * 97 + h % 60)
        modified = created + timedelta(days=(h >> 8) % 300, seconds=(h >> 16) % 3600)
        sales = 0 if (h >> 24) % 4 == 0 else (h >> 28) % 120
        stock = (h >> 36) % 60 if (h >> 42) % 10 else 0
        custom: list[dict[str, Any]] = []
        if s.ean_in_custom_field:
            custom.append({"name": "EAN", "operation": "", "type": "hidden", "options": "", "required": False,
                           "value": s.ean13, "optionsArray": []})
        slug = "-".join("".join(c if c.isalnum() else " " for c in s.name[:50].lower()).split()) or "produit"
        return {
            "mode": "Live",
            "userDefinedId": s.user_defined_id,
            "url": f"/produits/{slug}",
            "price": price_cents / 100,
            "name": s.name,
            "description": "",
            "image": f"https://www.ma-boutique.example/img/{s.user_defined_id}.jpg",
            "archived": False,
            "inventoryManagementMethod": "Single",
            "stock": stock,
            "totalStock": stock,
            "allowOutOfStockPurchases": False,
            "statistics": {"numberOfSales": sales, "totalSales": round(sales * price_cents / 100, 2)},
            "customFields": custom,
            "metadata": None,
            "id": s.id,
            "creationDate": _iso(created),
            "modificationDate": _iso(modified),
            # not part of the answer: when it last sold, for the from/to filters
            "_lastSale": None if sales == 0 else modified + timedelta(days=(h >> 48) % 200),
        }

    @staticmethod
    def _public(p: dict[str, Any]) -> dict[str, Any]:
        return {k: v for k, v in p.items() if not k.startswith("_")}

    def _find(self, ident: str) -> dict[str, Any] | None:
        return self.by_id.get(ident) or self.by_uid.get(ident)

    # --- requests ---

    def handle(self, req: Request, path: str, **_: object) -> Response:
        """Answer one request; ``path`` is relative to ``/snipcart``."""
        if not self._authorized(req):
            return _message(401, "Authorization has been denied for this request.")
        accept = (req.header("accept") or "").lower()
        if "application/json" not in accept:
            return _message(406, "Our API only accepts application/json: send the header Accept: application/json.")
        parts = split_path(path)
        if parts[:2] != ["api", "products"] or len(parts) > 3:
            return _message(404, "No HTTP resource was found that matches the request URI.")
        method = "GET" if req.method == "HEAD" else req.method
        if len(parts) == 2:
            if method == "GET":
                return self.list_products(req)
            if method == "POST":
                return self.fetch_products(req)
            return _message(405, f"The requested resource does not support http method '{req.method}'.")
        ident = parts[2]
        if method == "GET":
            product = self._find(ident)
            if product is None:
                return _message(404, f"Product '{ident}' not found.")
            return json_response(self._public(product))
        if method == "PUT":
            return self.update_product(req, ident)
        if method == "DELETE":
            product = self._find(ident)
            if product is None:
                return _message(404, f"Product '{ident}' not found.")
            product["archived"] = True
            self.ctx.count(SERVICE, "updates")
            return json_response(self._public(product))
        return _message(405, f"The requested resource does not support http method '{req.method}'.")

    @staticmethod
    def _authorized(req: Request) -> bool:
        scheme, _sp, blob = (req.header("authorization") or "").partition(" ")
        if scheme.lower() != "basic":
            return False
        try:
            user, _colon, _password = base64.b64decode(blob.strip(), validate=True).decode("utf-8").partition(":")
        except (binascii.Error, UnicodeDecodeError, ValueError):
            return False
        return bool(user) and user != INVALID_KEY

    def list_products(self, req: Request) -> Response:
        """``GET /api/products``."""
        try:
            limit = parse_int(req.arg("limit"))
            offset = parse_int(req.arg("offset"))
        except ValueError:
            return _message(400, "The request is invalid.", modelState={"limit/offset": ["must be integers"]})
        limit = 20 if limit is None else limit
        offset = 0 if offset is None else offset
        if limit < 1 or offset < 0:
            return _message(400, "The request is invalid.", modelState={"limit/offset": ["out of range"]})
        items = [p for p in self.items if not p["archived"]]
        uid = req.arg("userDefinedId")
        if uid:
            items = [p for p in items if p["userDefinedId"] == uid]
        try:
            since, until = req.arg("from"), req.arg("to")
            start = _parse_dt(since) if since else None
            end = _parse_dt(until) if until else None
        except ValueError:
            return _message(400, "The request is invalid.", modelState={"from/to": ["not a valid date"]})
        if start is not None or end is not None:
            items = [p for p in items if p["_lastSale"] is not None
                     and (start is None or p["_lastSale"] >= start) and (end is None or p["_lastSale"] <= end)]
        order = req.arg("orderBy")
        if order:
            if order not in ORDER_BY:
                return _message(400, "The request is invalid.", modelState={"orderBy": [f"one of {', '.join(ORDER_BY)}"]})
            key = {"nbrSales": lambda p: p["statistics"]["numberOfSales"],
                   "salesValue": lambda p: p["statistics"]["totalSales"],
                   "creationDate": lambda p: p["creationDate"]}[order]
            items = sorted(items, key=key, reverse=True)
        return json_response({"totalItems": len(items), "offset": offset, "limit": limit,
                              "items": [self._public(p) for p in items[offset:offset + limit]]})

    def _body(self, req: Request) -> dict[str, Any] | Response:
        try:
            obj = lenient_json(req.body.decode("utf-8")) if req.body.strip() else {}
        except (ValueError, UnicodeDecodeError):
            return _message(400, "The request is invalid.", modelState={"body": ["could not be read as JSON"]})
        if not isinstance(obj, dict):
            return _message(400, "The request is invalid.", modelState={"body": ["must be a JSON object"]})
        return obj

    def fetch_products(self, req: Request) -> Response:
        """``POST /api/products`` {fetchUrl}."""
        body = self._body(req)
        if isinstance(body, Response):
            return body
        url = body.get("fetchUrl")
        if not isinstance(url, str) or not url.startswith(("http://", "https://")):
            return _message(400, "The request is invalid.", modelState={"fetchUrl": ["The fetchUrl field is required."]})
        h = data.stable_hash("fetch", url)
        path = "/" + url.split("://", 1)[1].partition("/")[2]
        imported = []
        for i in range(1 + h % 3):
            uid = str(100 + (h >> (8 * i)) % 900)
            existing = self.by_uid.get(uid)
            if existing is not None:
                existing["archived"] = False  # fetched again: restored
                imported.append(existing)
                continue
            now = self.ctx.now_utc()
            product = {
                "mode": "Live", "userDefinedId": uid, "url": path, "price": float(10 * (i + 1)),
                "name": f"Product {uid}", "description": None, "image": None, "archived": False,
                "statistics": {"numberOfSales": 0, "totalSales": 0}, "customFields": [], "metadata": None,
                "id": data.guid("snipcart-fetch", url, uid), "creationDate": _iso(now), "modificationDate": _iso(now),
                "_lastSale": None,
            }
            self.items.append(product)
            imported.append(product)
        self._reindex()
        self.ctx.count(SERVICE, "updates")
        return json_response([self._public(p) for p in imported])

    def update_product(self, req: Request, ident: str) -> Response:
        """``PUT /api/products/{id}``: inventory values only."""
        product = self._find(ident)
        if product is None:
            return _message(404, f"Product '{ident}' not found.")
        body = self._body(req)
        if isinstance(body, Response):
            return body
        method = body.get("inventoryManagementMethod")
        if method is not None and method not in ("Single", "Variant"):
            return _message(400, "The request is invalid.",
                            modelState={"inventoryManagementMethod": ["must be Single or Variant"]})
        stock = body.get("stock")
        if stock is not None and (not isinstance(stock, int) or isinstance(stock, bool)):
            return _message(400, "The request is invalid.", modelState={"stock": ["must be an integer"]})
        allow = body.get("allowOutOfStockPurchases")
        if allow is not None and not isinstance(allow, bool):
            return _message(400, "The request is invalid.", modelState={"allowOutOfStockPurchases": ["must be a boolean"]})
        variants = body.get("variants")
        if variants is not None:
            if not isinstance(variants, list) or any(not isinstance(v, dict) or "variation" not in v for v in variants):
                return _message(400, "The request is invalid.", modelState={"variants": ["each needs a variation"]})
            product["variants"] = variants
        if method is not None:
            product["inventoryManagementMethod"] = method
        if stock is not None:
            product["stock"] = stock
        if allow is not None:
            product["allowOutOfStockPurchases"] = allow
        if product.get("inventoryManagementMethod") == "Variant" and product.get("variants"):
            product["totalStock"] = sum(int(v.get("stock") or 0) for v in product["variants"])
        else:
            product["totalStock"] = product.get("stock")
        product["modificationDate"] = _iso(self.ctx.now_utc())
        self.ctx.count(SERVICE, "updates")
        return json_response(self._public(product))
