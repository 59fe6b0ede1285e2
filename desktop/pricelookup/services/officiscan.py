"""OfficiScan client: price snapshots of French pharmacy products, and variants.

``Authorization: Bearer oc_...``. Prices arrive as JSON numbers (``12.95``);
they are parsed straight into Decimal, never through a binary float. Both
endpoints are paginated (``page``, ``per_page`` up to 100, ``pages``); the
client follows every page. OfficiScan limits requests per key and answers 429
with Retry-After; the shared policy waits and the rate controller slows down.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from pricelookup.errors import RequestRejectedError
from pricelookup.records import OfficiscanSnapshot, OfficiscanVariant
from pricelookup.services import decode
from pricelookup.services.client import ServiceClient
from pricelookup.services.http import HttpPolicy

#: documented maxima
MAX_PER_PAGE = 100
MAX_DAYS = 90
#: a runaway ``pages`` value must not keep us paging forever
_MAX_PAGES = 10_000


def parse_snapshot(raw: Any) -> OfficiscanSnapshot | None:
    """One snapshot (None when it lacks the id or the date it is about)."""
    s = decode.as_dict(raw)
    sid = decode.to_int(s.get("id"))
    collected = decode.to_datetime(s.get("collected_at"))
    if sid is None or collected is None:
        return None
    price = decode.as_dict(s.get("price"))
    stock = decode.as_dict(s.get("stock"))
    rating = decode.as_dict(s.get("rating"))
    rank = decode.as_dict(s.get("rank"))
    promo = decode.as_dict(s.get("promo"))
    return OfficiscanSnapshot(
        id=sid,
        product_id=decode.to_int(s.get("product_id")),
        ean13=decode.to_str(s.get("ean13")),
        collected_at=collected,
        network=decode.to_str(s.get("network")) or "",
        source=decode.to_str(s.get("source")),
        price_current=decode.to_decimal(price.get("current")),
        price_original=decode.to_decimal(price.get("original")),
        currency=decode.to_str(price.get("currency")),
        in_stock=decode.to_bool(stock.get("available")),
        stock_label=decode.to_str(stock.get("label")),
        rating_value=decode.to_decimal(rating.get("value")),
        rating_count=decode.to_int(rating.get("count")),
        rank_position=decode.to_int(rank.get("position")),
        promo_text=decode.to_str(promo.get("text")),
    )


def parse_variant(raw: Any) -> OfficiscanVariant | None:
    """One variant (None without an id)."""
    v = decode.as_dict(raw)
    vid = decode.to_int(v.get("id"))
    if vid is None:
        return None
    latest = decode.as_dict(v.get("latest"))
    return OfficiscanVariant(
        id=vid,
        ean13=decode.to_str(v.get("ean13")),
        ean7=decode.to_str(v.get("ean7")),
        brand=decode.to_str(v.get("brand")),
        name=decode.to_str(v.get("name")),
        packaging=decode.to_str(decode.as_dict(v.get("format")).get("packaging")),
        is_default=decode.to_bool(v.get("is_default")) is True,
        latest_price=decode.to_decimal(latest.get("price")),
        latest_in_stock=decode.to_bool(latest.get("in_stock")),
    )


class OfficiscanClient(ServiceClient):
    """Async client of the OfficiScan API (``https://api.officiscan.com``)."""

    service_id = "officiscan"

    @classmethod
    def default_policy(cls) -> HttpPolicy:
        """20 requests/s at most to start with (the sandbox's default limit); 429s slow it further."""
        return HttpPolicy(min_interval=1 / 20, max_concurrency=4)

    def _auth_headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self._require_key()}"}

    async def _pages(self, path: str, params: dict[str, Any]) -> list[Any]:
        """Every item of every page of ``path`` (``data`` lists), in order."""
        items: list[Any] = []
        page = 1
        while page <= _MAX_PAGES:
            body = await self._get_json(path, params={**params, "page": page, "per_page": MAX_PER_PAGE})
            if not isinstance(body, dict) or not isinstance(body.get("data"), list):
                raise self._shape_error(path, "an object with a data list")
            data = body["data"]
            items.extend(data)
            pages = decode.to_int(body.get("pages"))
            if not data or pages is None or page >= pages:
                break
            page += 1
        return items

    async def snapshots(self, ean: str, *, days: int = 7, network: str | None = None) -> list[OfficiscanSnapshot]:
        """All snapshots of ``ean`` over the last ``days`` (1..90), every page, every network (or one)."""
        if not 1 <= days <= MAX_DAYS:
            raise RequestRejectedError("OfficiScan", f"history of {days} days asked; OfficiScan keeps 1 to "
                                       f"{MAX_DAYS} days. Change the OfficiScan days setting.")
        params: dict[str, Any] = {"ean": ean, "days": days}
        if network:
            params["network"] = network
        raw = await self._pages("/v1/snapshots", params)
        return [s for s in (parse_snapshot(r) for r in raw) if s is not None]

    async def variants(self, product_id: int) -> list[OfficiscanVariant]:
        """All variants of parent product ``product_id``, every page."""
        path = f"/v1/products/{quote(str(product_id), safe='')}/variants"
        raw = await self._pages(path, {})
        return [v for v in (parse_variant(r) for r in raw) if v is not None]
