"""Snipcart client: the shop's own product catalogue (an alternative run input).

Basic authentication with the secret API key as user name and an empty
password, and ``Accept: application/json`` on every request (Snipcart refuses
anything else). ``GET /api/products`` pages with ``limit``/``offset`` and says
``totalItems``; the client follows every page.
"""

from __future__ import annotations

import base64
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import quote

from pricelookup.errors import RequestRejectedError
from pricelookup.records import SnipcartProduct
from pricelookup.services import decode
from pricelookup.services.client import ServiceClient

#: a runaway server (offset ignored) must not keep us paging forever
_MAX_PAGES = 100_000


def parse_product(raw: Any) -> SnipcartProduct | None:
    """One catalogue product (None without an id); ``raw`` keeps every field as sent."""
    p = decode.as_dict(raw)
    pid = decode.to_str(p.get("id"))
    if not pid:
        return None
    fields = []
    for f in decode.as_list(p.get("customFields")):
        fd = decode.as_dict(f)
        name = decode.to_str(fd.get("name"))
        if name is not None:
            fields.append((name, decode.to_str(fd.get("value"))))
    return SnipcartProduct(
        id=pid,
        user_defined_id=decode.to_str(p.get("userDefinedId")) or None,
        name=decode.to_str(p.get("name")),
        price=decode.to_decimal(p.get("price")),
        stock=decode.to_int(p.get("stock")),
        total_stock=decode.to_int(p.get("totalStock")),
        archived=decode.to_bool(p.get("archived")) is True,
        url=decode.to_str(p.get("url")),
        custom_fields=tuple(fields),
        raw=p,
    )


class SnipcartClient(ServiceClient):
    """Async client of the Snipcart products API (``https://app.snipcart.com``)."""

    service_id = "snipcart"

    def _auth_headers(self) -> dict[str, str]:
        basic = base64.b64encode(f"{self._require_key()}:".encode()).decode("ascii")
        return {"Authorization": f"Basic {basic}", "Accept": "application/json"}

    async def iter_products(self, *, page_size: int = 50) -> AsyncIterator[SnipcartProduct]:
        """Every product, page by page (``limit=page_size``), as they arrive."""
        if page_size < 1:
            raise RequestRejectedError("Snipcart", "the page size must be at least 1.")
        path = "/api/products"
        offset = 0
        for _ in range(_MAX_PAGES):
            body = await self._get_json(path, params={"limit": page_size, "offset": offset})
            if not isinstance(body, dict) or not isinstance(body.get("items"), list):
                raise self._shape_error(path, "an object with an items list")
            items = body["items"]
            for raw in items:
                product = parse_product(raw)
                if product is not None:
                    yield product
            offset += len(items)
            total = decode.to_int(body.get("totalItems"))
            if not items or (total is not None and offset >= total) or (total is None and len(items) < page_size):
                return

    async def products(self, *, page_size: int = 50) -> list[SnipcartProduct]:
        """The whole catalogue (all pages)."""
        return [p async for p in self.iter_products(page_size=page_size)]

    async def product(self, product_id: str) -> SnipcartProduct:
        """One product by Snipcart id or by your own ``userDefinedId``."""
        path = f"/api/products/{quote(str(product_id), safe='')}"
        body = await self._get_json(path)
        product = parse_product(body)
        if product is None:
            raise self._shape_error(path, "a product with an id")
        return product
