"""OfficiScan client: price snapshots of French pharmacy products, and variants.

``Authorization: Bearer oc_...``. Prices arrive as JSON numbers (``12.95``);
they are parsed straight into Decimal, never through a binary float. Both
endpoints are paginated (``page``, ``per_page`` up to 100, ``pages``); the
client follows every page.

* **Rate**: OfficiScan publishes no rate limit (neither of its documented
  endpoints names one). The client starts at :data:`START_RATE` requests per
  second and lets the adaptive controller (:mod:`.ratecontrol`) find the real
  limit: faster on good answers, up to a ceiling of our own
  (:data:`MAX_RATE`), slower on 429 (whose Retry-After is obeyed).
* **Time**: ``collected_at`` comes without a time zone (``2026-04-29T17:34:54``).
  OfficiScan is a French service watching French pharmacies, so a time without
  a zone is read as its local time, Europe/Paris (:func:`vendor_time`); a time
  that carries an offset keeps it. Snapshots hold aware datetimes.
* **Variants**: the variants endpoint takes a *parent* product's id and is meant
  "for products where ``has_variants=true``" (the doc). :meth:`OfficiscanClient.variants`
  tells "this parent has no variants" (an empty list) apart from "OfficiScan
  knows no such parent" (404: the id asked with was not a parent's).
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pricelookup.errors import NotFoundError, RequestRejectedError
from pricelookup.phrasing import QT_TRANSLATE_NOOP, phrase
from pricelookup.records import OfficiscanSnapshot, OfficiscanVariant
from pricelookup.services import decode
from pricelookup.services.client import ServiceClient
from pricelookup.services.http import HttpPolicy

#: documented maxima
MAX_PER_PAGE = 100
MAX_DAYS = 90
#: a runaway ``pages`` value must not keep us paging forever
_MAX_PAGES = 10_000

#: the zone of OfficiScan's times that carry none (see the module doc)
VENDOR_TIME_ZONE = "Europe/Paris"

# the words of OfficiScan's own failures (templates: pricelookup.phrasing)
_NO_ZONE_DATA = QT_TRANSLATE_NOOP(
    "Engine", "the time zone data of {zone} is missing from this installation, so OfficiScan's times cannot be "
    "read; reinstall Price Lookup.")
_DAYS_OUT_OF_RANGE = QT_TRANSLATE_NOOP(
    "Engine", "history of {days} days asked; OfficiScan keeps 1 to {most} days. Change the OfficiScan days setting.")
#: every template of this module's messages
TEMPLATES: tuple[str, ...] = (_NO_ZONE_DATA, _DAYS_OUT_OF_RANGE)

#: requests per second to start with: OfficiScan publishes no limit, so the first requests of a
#: run are slow and the adaptive controller speeds up from there while the answers are good
START_RATE = 2.0
#: our own ceiling, not the vendor's (it states none): no faster than this even without any 429
MAX_RATE = 10.0
#: requests in flight at most
MAX_CONCURRENCY = 4


@functools.cache
def _vendor_zone() -> tzinfo:
    try:
        return ZoneInfo(VENDOR_TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        # the tz database is missing (Windows without the tzdata package): say so instead of
        # silently taking the wrong hour; the run stops asking OfficiScan and goes on without it
        raise RequestRejectedError("OfficiScan", phrase(_NO_ZONE_DATA, zone=VENDOR_TIME_ZONE)) from None


def vendor_time(value: datetime) -> datetime:
    """``value`` as an aware datetime: a time without a zone is OfficiScan's local time (Europe/Paris)."""
    return value if value.tzinfo is not None else value.replace(tzinfo=_vendor_zone())


def parse_snapshot(raw: Any) -> OfficiscanSnapshot | None:
    """One snapshot (None when it lacks the id or the date it is about)."""
    s = decode.as_dict(raw)
    sid = decode.to_int(s.get("id"))
    collected = decode.to_datetime(s.get("collected_at"))
    if sid is None or collected is None:
        return None
    collected = vendor_time(collected)
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
        # the doc names has_variants on products, not on snapshots: read where it is given
        # (on the snapshot or on a product object inside it), else None (not said)
        has_variants=_has_variants(s),
    )


def _has_variants(s: dict[str, Any]) -> bool | None:
    said = decode.to_bool(s.get("has_variants"))
    if said is None:
        said = decode.to_bool(decode.as_dict(s.get("product")).get("has_variants"))
    return said


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
        """:meth:`paced_policy` with its defaults (start slow, find the limit from 429s)."""
        return cls.paced_policy()

    @staticmethod
    def paced_policy(*, max_rate: float = MAX_RATE, start_rate: float = START_RATE,
                     max_concurrency: int = MAX_CONCURRENCY, **policy: Any) -> HttpPolicy:
        """OfficiScan states no rate limit: start at ``start_rate`` requests/s, one in flight, and
        let the adaptive controller speed up on good answers to ``max_rate`` (our ceiling) and
        ``max_concurrency``, and slow down on 429s. ``policy``: more :class:`HttpPolicy` settings
        (a clock and sleep in tests)."""
        return HttpPolicy(min_interval=1 / max_rate, initial_interval=1 / min(start_rate, max_rate),
                          max_concurrency=max_concurrency, **policy)

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
            raise RequestRejectedError("OfficiScan", phrase(_DAYS_OUT_OF_RANGE, days=f"{days}", most=f"{MAX_DAYS}"))
        params: dict[str, Any] = {"ean": ean, "days": days}
        if network:
            params["network"] = network
        raw = await self._pages("/v1/snapshots", params)
        return [s for s in (parse_snapshot(r) for r in raw) if s is not None]

    async def variants(self, parent_id: int) -> Variants:
        """All variants of the parent product ``parent_id``, every page.

        Ask only for a product that has variants (``has_variants``): the endpoint takes the
        *parent's* id. A 404 says OfficiScan knows no parent of that id (``unknown_parent``:
        we asked with the wrong id), which is not the same as a parent without variants.
        """
        path = f"/v1/products/{quote(str(parent_id), safe='')}/variants"
        try:
            raw = await self._pages(path, {})
        except NotFoundError:
            return Variants(parent_id, (), unknown_parent=True)
        return Variants(parent_id, tuple(v for v in (parse_variant(r) for r in raw) if v is not None))


@dataclass(frozen=True)
class Variants:
    """What the variants endpoint said about one parent id."""

    parent_id: int
    items: tuple[OfficiscanVariant, ...]
    #: OfficiScan answered 404: no parent product has this id (not "no variants")
    unknown_parent: bool = False
