"""One product as the detail pane and ``pricelookup show`` present it: every offer, the price history.

Plain typed records, Qt-free, built by the engine from the journal alone
(:func:`pricelookup.run.api.product_detail`) and read by both faces: the
window's ``product_detail`` pane and its ``price_history_chart``, and the CLI's
``show`` (whose ``--json`` has these very fields). Money is Decimal.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Literal

from pricelookup.phrasing import Phrase

#: the service an offer or a history series comes from
Source = Literal["PriceAPI", "Monitorize", "OfficiScan"]


@dataclass(frozen=True, slots=True)
class OfferLine:
    """One offer of the product, whatever service saw it (fields a service does not have are None).

    PriceAPI: a shop's offer (price, shipping, total, availability, position).
    Monitorize: a competitor site's offer (price, promo, strike price, stock).
    OfficiScan: a pharmacy network's latest snapshot (price, original price as strike price, stock, date).
    """

    source: Source
    seller: str  # shop, site or network
    price: Decimal | None
    currency: str | None
    shipping: Decimal | None = None
    total: Decimal | None = None  # price with shipping
    availability: str | None = None  # availability text / stock label, as the service words it
    in_stock: bool | None = None
    position: int | None = None
    promo: str | None = None
    strike_price: Decimal | None = None
    seen_at: datetime | None = None  # when the service saw this price (OfficiScan), else None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryPoint:
    """One dated price of one series."""

    at: datetime  # time-zone aware
    price: Decimal
    note: str | None = None  # promo / stock words shown on hover, when the service gave some


@dataclass(frozen=True, slots=True)
class HistorySeries:
    """The price of one seller over time (or the product's lowest PriceAPI price, run after run)."""

    source: Source
    seller: str  # network, site, or "lowest" for the PriceAPI runs series
    currency: str | None
    points: tuple[HistoryPoint, ...]  # oldest first


@dataclass(frozen=True, slots=True)
class PriceMove:
    """What moved for this product since an earlier run over it (same source and country).

    The very comparison the workbook's Changes sheet makes (:func:`pricelookup.export.changes.compare_product`).
    """

    previous_run: str
    previous_at: datetime
    old_lowest: Decimal | None
    new_lowest: Decimal | None
    lowest_pct: Decimal | None  # (new - old) / old in percent, to 0.01; None when not comparable
    old_offers: int | None
    new_offers: int | None
    changes: int  # rows this product has on the Changes sheet

    @property
    def changed(self) -> bool:
        """True when anything moved (the window's "Changed only" filter)."""
        return self.changes > 0


@dataclass(frozen=True, slots=True)
class SourceNote:
    """Why a source shows no offers or no history for this product, in words (English; the window
    translates through :mod:`pricelookup.phrasing` where it can)."""

    source: Source
    text: str
    #: the template and values ``text`` was made from (``str(phrase) == text``), for the window to
    #: translate (:data:`pricelookup.phrasing.SOURCE_NOTE_TEMPLATES`); None: say ``text`` as it is
    phrase: Phrase | None = None


@dataclass(frozen=True)
class ProductDetail:
    """Everything the journal knows of one GTIN-14 in one run, and its history across runs."""

    run_id: str
    gtin14: str
    #: the code's check status (valid / repaired / ...) and note, from the first input row with this code
    status: str | None
    note: str | None
    #: PriceAPI's outcome: "found", "not found", another reason, or "not looked up yet"
    lookup: str
    name: str | None = None
    brand: str | None = None
    category: str | None = None
    rating: int | None = None  # 0..100, as PriceAPI sends it
    review_count: int | None = None
    gtins: tuple[str, ...] = ()  # the GTINs PriceAPI knows the product under
    url: str | None = None  # the product's page
    offers: tuple[OfferLine, ...] = ()  # every offer: PriceAPI, then Monitorize, then OfficiScan
    history: tuple[HistorySeries, ...] = ()
    own_price: Decimal | None = None  # the analyst's own price (own-price column), when set
    own_gap_pct: Decimal | None = None  # own vs lowest PriceAPI price, percent
    own_rank: int | None = None  # 1 = nobody is cheaper
    lowest: Decimal | None = None  # lowest PriceAPI price (comparison currency)
    currency: str | None = None
    move: PriceMove | None = None
    notes: tuple[SourceNote, ...] = ()  # sources that are off, failed, or have no history
