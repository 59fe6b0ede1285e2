"""Monitorize client: imported products, their offers, price history, alerts.

``Apitoken`` header; a bad key gets ``HTTP 401 Erreur d'authentification``.
The documentation's own examples use POST where it lists GET; the lists are
read with GET here (idempotent, so safely retried).

Warts handled as the documentation shows them:

* list offers carry prices as JSON numbers (parsed straight into Decimal) and
  ``prixBarre: 0`` meaning "no strike price" (-> None);
* history carries numbers as strings (``"63.69"``, ``"stockT": "1"``) and
  ``prixBarre: null``; its example object is closed with ``]``;
* ``product/add``'s example answer has stray text before the JSON
  (``1209{"id": 1221}``).
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any
from urllib.parse import quote

import httpx

from pricelookup.errors import BadResponseError, RequestRejectedError
from pricelookup.records import MonitorizeHistoryPoint, MonitorizeOffer, MonitorizeProduct
from pricelookup.services import decode
from pricelookup.services.client import ServiceClient

# --- tolerant decoding and parsing (pure) --------------------------------------------------------


def loads_tolerant(data: bytes) -> Any:
    """JSON as Monitorize sends it: strict first, then the documented warts repaired.

    Repairs: stray text before the first ``{``/``[`` (``1209{...}``), and an
    object closed with ``]`` (the history example). Raises ValueError when the
    text is still not JSON after that.
    """
    try:
        return decode.loads(data)
    except ValueError:
        pass
    text = data.decode("utf-8", errors="replace").strip()
    starts = [i for i in (text.find("{"), text.find("[")) if i >= 0]
    if not starts:
        raise ValueError("no JSON value in the answer")
    text = text[min(starts):]
    decoder = json.JSONDecoder(parse_float=Decimal, parse_constant=lambda _c: None)
    try:
        value, _end = decoder.raw_decode(text)  # ignores trailing garbage after a complete value
        return value
    except ValueError:
        pass
    if text.startswith("{") and text.endswith("]"):
        return decode.loads(text[:-1] + "}")
    raise ValueError("not JSON")


def _strike_price(value: object) -> Decimal | None:
    # 0 (lists) and null (history) both mean "no strike price"
    price = decode.to_decimal(value)
    return None if price is None or price == 0 else price


def parse_offer(raw: Any) -> MonitorizeOffer:
    """One site's offer from ``list/allOffers`` or ``list/lowestOffers``."""
    o = decode.as_dict(raw)
    return MonitorizeOffer(
        site=decode.to_str(o.get("site")) or "",
        name=decode.to_str(o.get("nom")),
        url=decode.to_str(o.get("url")),
        price=decode.to_decimal(o.get("prix")),
        stock=decode.to_int(o.get("stock")),
        stock_label=decode.to_str(o.get("stockLabel")),
        promo=decode.to_str(o.get("promo")) or None,
        strike_price=_strike_price(o.get("prixBarre")),
    )


def parse_product(raw: Any) -> MonitorizeProduct | None:
    """One imported product (None without an id)."""
    p = decode.as_dict(raw)
    pid = decode.to_str(p.get("id"))
    if not pid:
        return None
    return MonitorizeProduct(
        id=pid,
        name=decode.to_str(p.get("nom")) or "",
        ref=decode.to_str(p.get("ref")) or None,
        offers=tuple(parse_offer(o) for o in decode.as_list(p.get("offers"))),
    )


def parse_history(body: Any) -> list[MonitorizeHistoryPoint]:
    """``{site: {idTab, nom, url, data: [{date, prix, stockT, stock, promotion, prixBarre}]}}`` -> points.

    Ordered by site as sent, then by date. An empty history may come as ``[]``.
    """
    if isinstance(body, list) and not body:
        return []
    if not isinstance(body, dict):
        raise ValueError("history is not an object")
    points: list[MonitorizeHistoryPoint] = []
    for site, entry in body.items():
        e = decode.as_dict(entry)
        site_points = []
        for raw in decode.as_list(e.get("data")):
            d = decode.as_dict(raw)
            day = decode.to_date(d.get("date"))
            if day is None:
                continue
            site_points.append(MonitorizeHistoryPoint(
                site=str(site),
                date=day,
                price=decode.to_decimal(d.get("prix")),
                stock=decode.to_int(d.get("stockT")),
                stock_label=decode.to_str(d.get("stock")),
                promo=decode.to_str(d.get("promotion")) or None,
                strike_price=_strike_price(d.get("prixBarre")),
            ))
        site_points.sort(key=lambda p: p.date)
        points.extend(site_points)
    return points


class MonitorizeClient(ServiceClient):
    """Async client of the Monitorize API (``https://www.monitorize.fr``)."""

    service_id = "monitorize"

    def _auth_headers(self) -> dict[str, str]:
        return {"Apitoken": self._require_key()}

    def _decode(self, response: httpx.Response, path: str) -> Any:
        # Monitorize (PHP) labels some JSON answers text/html, so sniff the body, not the header
        if response.content.lstrip()[:1] == b"<":
            return super()._decode(response, path)  # raises the plain-words "web page" error
        try:
            return loads_tolerant(response.content)
        except ValueError:
            raise BadResponseError("Monitorize", f"answered {path} with data that is not valid JSON "
                                   f"(HTTP {response.status_code}); try again later, and report it if "
                                   "it persists.") from None

    async def _product_list(self, path: str) -> list[MonitorizeProduct]:
        body = await self._get_json(path)
        if not isinstance(body, list):
            raise self._shape_error(path, "a list of products")
        return [p for p in (parse_product(r) for r in body) if p is not None]

    async def products(self) -> list[MonitorizeProduct]:
        """``api/product/list/``: imported products (name, id, ref), without offers."""
        return await self._product_list("/api/product/list/")

    async def all_offers(self) -> list[MonitorizeProduct]:
        """``api/product/list/allOffers``: every product with every site's offer."""
        return await self._product_list("/api/product/list/allOffers")

    async def lowest_offers(self) -> list[MonitorizeProduct]:
        """``api/product/list/lowestOffers``: each product's cheapest in-stock offer(s)."""
        return await self._product_list("/api/product/list/lowestOffers")

    async def _history(self, path: str) -> list[MonitorizeHistoryPoint]:
        body = await self._get_json(path)
        try:
            return parse_history(body)
        except ValueError:
            raise self._shape_error(path, "an object of sites with dated prices") from None

    async def history(self, product_id: str) -> list[MonitorizeHistoryPoint]:
        """``api/product/history/{id}``: price movements per site, by Monitorize id."""
        return await self._history(f"/api/product/history/{quote(str(product_id), safe='')}")

    async def history_ref(self, ref: str) -> list[MonitorizeHistoryPoint]:
        """``api/product/history-ref/{ref}``: the same, by your own reference (usually the EAN)."""
        return await self._history(f"/api/product/history-ref/{quote(str(ref), safe='')}")

    async def add_product(self, name: str, ref: str | None = None) -> str:
        """``api/product/add``: create a product to match; returns its Monitorize id.

        Not idempotent (a repeat would create a second product): retried only
        when it certainly was not sent or Monitorize answered 429/5xx.
        """
        if not name.strip():
            raise RequestRejectedError("Monitorize", "a product needs a name; nothing was created.")
        path = "/api/product/add"
        form = {"name": name} | ({"ref": ref} if ref else {})
        response = await self._request("POST", path, data=form, idempotent=False)
        body = self._decode(response, path)
        pid = decode.to_str(decode.as_dict(body).get("id"))
        if not pid:
            raise self._shape_error(path, "an object with the new product's id")
        return pid

    async def alerts(self) -> list[dict[str, Any]]:
        """``api/alerts``: the account's alerts as sent (prices as Decimal where numeric)."""
        path = "/api/alerts"
        body = await self._get_json(path)
        if isinstance(body, dict) and not body:
            return []
        if not isinstance(body, list):
            raise self._shape_error(path, "a list of alerts")
        return [decode.as_dict(a) for a in body if isinstance(a, dict)]
