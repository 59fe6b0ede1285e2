"""Plain typed records of what the four services answer.

The service clients build these from JSON; the run engine stores them in the
journal; the export writes them. Money is :class:`~decimal.Decimal`, from the
API's own strings, all the way to the workbook (never float arithmetic).
Records are frozen and slotted: a 1M-offer run holds a million of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

JobStatus = Literal["new", "enqueued", "working", "finishing", "finished"]


# --- PriceAPI --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class PriceApiJob:
    """State of one bulk job as ``GET /jobs/{id}`` reports it."""

    job_id: str
    status: JobStatus
    requested: int
    completed: int
    progress: int  # 0..100; 100 does not mean finished (see the PriceAPI doc)


@dataclass(frozen=True, slots=True)
class PriceApiOffer:
    """One shop's offer for a product (the CSV's ``offer.*`` columns)."""

    shop_name: str | None
    price: Decimal | None
    price_with_shipping: Decimal | None
    shipping_costs: Decimal | None
    currency: str | None
    url: str | None = None
    name: str | None = None
    availability_code: str | None = None
    availability_text: str | None = None
    position: int | None = None
    position_with_shipping: int | None = None


@dataclass(frozen=True, slots=True)
class PriceApiProduct:
    """One requested value's result in a finished bulk job.

    ``success`` False keeps the row with ``reason`` (not found, invalid value,
    value disabled, failed to access source, error); nothing is invented.
    """

    value: str  # as requested (a GTIN-14 for key=gtin)
    success: bool
    reason: str | None
    source: str
    country: str
    key: str
    id: str | None = None
    name: str | None = None
    brand_name: str | None = None
    category_name: str | None = None
    review_count: int | None = None
    review_rating: int | None = None  # 0..100
    gtins: tuple[str, ...] = ()
    url: str | None = None
    updated_at: datetime | None = None
    offers: tuple[PriceApiOffer, ...] = ()
    #: the product's EANs as PriceAPI lists them (its ``eans`` field), never derived from ``gtins``
    eans: tuple[str, ...] = ()
    #: PriceAPI's ``relevance`` (a product column of its downloads, doc section 3.1; the doc gives
    #: no scale, so it is kept exactly as sent), None when absent
    relevance: Decimal | None = None


@dataclass(frozen=True, slots=True)
class PriceApiResults:
    """A downloaded bulk job: products plus the credits it cost."""

    job_id: str
    free_credits: int
    paid_credits: int
    products: tuple[PriceApiProduct, ...]


@dataclass(frozen=True, slots=True)
class PriceApiUsage:
    """``/v2/me/usage_today`` (or one day of ``usage_month``)."""

    date: date
    credits: int
    free_credits: int
    paid_credits: int
    quota: int | None  # None for the monthly view

    @property
    def remaining(self) -> int | None:
        """Credits left today under the daily quota, or None when unknown."""
        return None if self.quota is None else max(0, self.quota - self.credits)


# --- OfficiScan ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class OfficiscanSnapshot:
    """One snapshot of one product on one pharmacy network at one moment."""

    id: int
    product_id: int | None
    ean13: str | None
    #: time-zone aware: OfficiScan sends it without a zone, read as its local time (Europe/Paris)
    collected_at: datetime
    network: str
    source: str | None
    price_current: Decimal | None
    price_original: Decimal | None
    currency: str | None
    in_stock: bool | None
    stock_label: str | None
    rating_value: Decimal | None = None
    rating_count: int | None = None
    rank_position: int | None = None
    promo_text: str | None = None
    #: whether the product has variants, where OfficiScan says so (``has_variants``); None: not said
    has_variants: bool | None = None


@dataclass(frozen=True, slots=True)
class OfficiscanVariant:
    """One variant of a parent product (``/v1/products/{id}/variants``)."""

    id: int
    ean13: str | None
    ean7: str | None
    brand: str | None
    name: str | None
    packaging: str | None
    is_default: bool
    latest_price: Decimal | None
    latest_in_stock: bool | None


# --- Monitorize ------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class MonitorizeOffer:
    """One site's offer (``list/allOffers`` / ``list/lowestOffers``)."""

    site: str
    name: str | None
    url: str | None
    price: Decimal | None
    stock: int | None  # 1 in stock, 2 unknown, 3 out of stock
    stock_label: str | None
    promo: str | None
    strike_price: Decimal | None  # prixBarre; 0 in the API means "none" -> None here


@dataclass(frozen=True, slots=True)
class MonitorizeProduct:
    """An imported product with its offers. ``ref`` is usually an EAN-13."""

    id: str
    name: str
    ref: str | None
    offers: tuple[MonitorizeOffer, ...] = ()


@dataclass(frozen=True, slots=True)
class MonitorizeHistoryPoint:
    """One dated price movement on one site (``history`` / ``history-ref``)."""

    site: str
    date: date
    price: Decimal | None
    stock: int | None
    stock_label: str | None
    promo: str | None
    strike_price: Decimal | None


# --- Snipcart --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SnipcartProduct:
    """One product of the shop's own catalogue."""

    id: str
    user_defined_id: str | None
    name: str | None
    price: Decimal | None
    stock: int | None
    total_stock: int | None
    archived: bool
    url: str | None
    custom_fields: tuple[tuple[str, str | None], ...] = ()  # (name, value)
    raw: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
