"""Per-product figures an analyst wants beside the raw offers. Pure, Decimal only.

- lowest price and its shop, number of offers, median price: over the
  product's PriceAPI offers. Offers in another currency than the product's
  main one (the most common among its priced offers) are left out of the
  comparison rather than converted: we invent no exchange rate.
- with an own price: gap to the lowest price in percent, and the rank among
  the shops (1 = nobody is cheaper; shops tied on price share a rank).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pricelookup.export.cells import normalise_currency
from pricelookup.records import (
    MonitorizeOffer,
    MonitorizeProduct,
    OfficiscanSnapshot,
    PriceApiOffer,
)

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class OfferStats:
    """What :func:`offer_stats` computes for one product."""

    offer_count: int
    currency: str | None  # the comparison currency
    lowest: Decimal | None
    lowest_shop: str | None
    median: Decimal | None
    shop_prices: tuple[Decimal, ...]  # lowest price of each shop, ascending (for the rank)


NO_OFFERS = OfferStats(0, None, None, None, None, ())


def median(values: Sequence[Decimal]) -> Decimal | None:
    """Exact median of Decimals (mean of the two middle values for an even count)."""
    if not values:
        return None
    ordered = sorted(values)
    mid = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[mid]
    return (ordered[mid - 1] + ordered[mid]) / 2


def main_currency(currencies: Sequence[str | None]) -> str | None:
    """The most common currency (first seen wins a tie); None when none is known."""
    if currencies and currencies.count(currencies[0]) == len(currencies):  # fast path: all the same
        return normalise_currency(currencies[0])
    known = [c for c in (normalise_currency(c) for c in currencies) if c]
    if not known:
        return None
    counts = Counter(known)
    best = max(counts.values())
    return next(c for c in known if counts[c] == best)


def offer_stats(offers: Sequence[PriceApiOffer]) -> OfferStats:
    """Lowest/median price, offer count and per-shop prices of one product's offers."""
    if not offers:
        return NO_OFFERS
    priced = [o for o in offers if o.price is not None and o.price.is_finite()]
    currencies = [o.currency for o in priced]
    currency = main_currency(currencies)
    if currencies and currencies.count(currencies[0]) == len(currencies):
        comparable = priced  # one currency: nothing to leave out
    else:
        comparable = [o for o in priced if normalise_currency(o.currency) in (currency, None)]
    if not comparable:
        return OfferStats(len(offers), currency, None, None, None, ())
    best = min(comparable, key=lambda o: o.price)  # type: ignore[arg-type,return-value]
    per_shop: dict[str, Decimal] = {}
    for i, o in enumerate(comparable):
        shop = o.shop_name if o.shop_name else f"(offer {i + 1})"
        price = o.price
        assert price is not None
        if shop not in per_shop or price < per_shop[shop]:
            per_shop[shop] = price
    return OfferStats(
        offer_count=len(offers),
        currency=currency,
        lowest=best.price,
        lowest_shop=best.shop_name,
        median=median([o.price for o in comparable if o.price is not None]),
        shop_prices=tuple(sorted(per_shop.values())),
    )


def gap_to_lowest_pct(own: Decimal | None, lowest: Decimal | None) -> Decimal | None:
    """(own - lowest) / lowest in percent, to 0.01; None without both or with lowest <= 0."""
    if own is None or lowest is None or lowest <= 0:
        return None
    return ((own - lowest) / lowest * _HUNDRED).quantize(_CENT)


def rank_among_shops(own: Decimal | None, shop_prices: Sequence[Decimal]) -> int | None:
    """1 + the number of shops strictly cheaper than ``own``; None without a price or shops."""
    if own is None or not shop_prices:
        return None
    return 1 + sum(1 for p in shop_prices if p < own)


_PRICE_JUNK_RE = re.compile(r"[^\d,.\-]")


def parse_price_text(text: str | None) -> Decimal | None:
    """An analyst's own price as typed: ``12.50``, ``12,50``, ``1 234,50 €``, ``€1,234.50``.

    The last ``,`` or ``.`` is the decimal mark, unless exactly three digits
    follow it after a non-zero whole part with no other kind of separator
    (``1,234`` and ``1.234.567`` are thousands). Anything else gives None.
    """
    if text is None:
        return None
    cleaned = _PRICE_JUNK_RE.sub("", text.strip())
    if not re.fullmatch(r"-?[\d,.]*\d[\d,.]*", cleaned):
        return None
    last_sep = max(cleaned.rfind(","), cleaned.rfind("."))
    if last_sep < 0:
        number = cleaned
    else:
        sep, head, tail = cleaned[last_sep], cleaned[:last_sep], cleaned[last_sep + 1:]
        other = "." if sep == "," else ","
        thousands = (len(tail) == 3 and head.lstrip("-") not in ("", "0") and other not in head)
        whole = re.sub(r"[,.]", "", head)
        number = whole + tail if thousands else f"{whole or '0'}.{tail or '0'}"
    try:
        value = Decimal(number)
    except InvalidOperation:
        return None
    return value if value.is_finite() else None


# --- OfficiScan and Monitorize summaries --------------------------------------


@dataclass(frozen=True, slots=True)
class OfficiscanSummary:
    """One product's snapshots, summarised: latest per network and the period's range."""

    networks: int
    snapshots: int
    currency: str | None
    latest: OfficiscanSnapshot | None
    lowest_now: OfficiscanSnapshot | None  # cheapest of the latest snapshot per network
    min_price: Decimal | None
    max_price: Decimal | None
    in_stock: bool | None  # any network in stock now (None: no network says)
    in_stock_networks: int


def officiscan_summary(snapshots: Sequence[OfficiscanSnapshot]) -> OfficiscanSummary:
    """Latest snapshot per network, min/max/latest price over the period."""
    if not snapshots:
        return OfficiscanSummary(0, 0, None, None, None, None, None, None, 0)
    latest_by_network: dict[str, OfficiscanSnapshot] = {}
    for snap in snapshots:
        seen = latest_by_network.get(snap.network)
        if seen is None or snap.collected_at > seen.collected_at:
            latest_by_network[snap.network] = snap
    latest = max(snapshots, key=lambda s: s.collected_at)
    prices = [s.price_current for s in snapshots if s.price_current is not None]
    now_priced = [s for s in latest_by_network.values() if s.price_current is not None]
    stocks = [s.in_stock for s in latest_by_network.values() if s.in_stock is not None]
    return OfficiscanSummary(
        networks=len(latest_by_network),
        snapshots=len(snapshots),
        currency=main_currency([s.currency for s in snapshots]) or "EUR",
        latest=latest,
        lowest_now=min(now_priced, key=lambda s: s.price_current) if now_priced else None,  # type: ignore[arg-type,return-value]
        min_price=min(prices) if prices else None,
        max_price=max(prices) if prices else None,
        in_stock=any(stocks) if stocks else None,
        in_stock_networks=sum(1 for s in stocks if s),
    )


@dataclass(frozen=True, slots=True)
class MonitorizeSummary:
    """One Monitorize product's offers, summarised (prices in euros)."""

    offers: int
    in_stock_offers: int
    lowest: MonitorizeOffer | None
    min_price: Decimal | None
    max_price: Decimal | None


def monitorize_summary(product: MonitorizeProduct | None,
                       lowest: MonitorizeProduct | None = None) -> MonitorizeSummary:
    """Offer counts and prices; the lowest offer is Monitorize's own (``lowestOffers``) when known,
    else the cheapest offer not out of stock (the rule ``lowestOffers`` follows)."""
    offers = product.offers if product is not None else ()
    prices = [o.price for o in offers if o.price is not None]
    best: MonitorizeOffer | None = None
    if lowest is not None and lowest.offers:
        best = lowest.offers[0]
    else:
        candidates = [o for o in offers if o.price is not None and o.stock != 3]
        if candidates:
            best = min(candidates, key=lambda o: o.price)  # type: ignore[arg-type,return-value]
    return MonitorizeSummary(
        offers=len(offers),
        in_stock_offers=sum(1 for o in offers if o.stock == 1),
        lowest=best,
        min_price=min(prices) if prices else None,
        max_price=max(prices) if prices else None,
    )
