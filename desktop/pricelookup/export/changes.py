"""What moved since an earlier run over the same codes (the "Changes" sheet). Pure.

Compared per GTIN-14 and per shop (PriceAPI) or site (Monitorize):
- price changes whose size is above the threshold (percent of the old price),
- offers gained or lost by a shop,
- stock / availability changes,
- products found now that were not found before, and the reverse.

A look-up that failed (either time) says nothing about the market, so it is
never reported as a change.

:func:`compare_product` is the one comparison of one product between two runs: the Changes
sheet is its changes, product after product (:func:`diff_runs`); the window's "moved" columns
(:func:`pricelookup.outcome.outcome_of`) and the detail pane's move
(:func:`pricelookup.run.api.product_detail`) are its figures. It reads a PriceAPI answer
through :class:`ProductView` (the few fields it compares), so the window's columns can be
computed from the journal's answers read in brief (:func:`pricelookup.run.codec.product_brief_from_json`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import chain
from typing import Protocol

from pricelookup.export.cells import normalise_currency
from pricelookup.export.metrics import main_currency
from pricelookup.records import MonitorizeOffer, MonitorizeProduct

_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


class OfferView(Protocol):
    """What the comparison reads of a PriceAPI offer (a :class:`~pricelookup.records.PriceApiOffer`
    has it, and so does an offer read in brief)."""

    @property
    def shop_name(self) -> str | None: ...
    @property
    def price(self) -> Decimal | None: ...
    @property
    def currency(self) -> str | None: ...
    @property
    def availability_code(self) -> str | None: ...
    @property
    def availability_text(self) -> str | None: ...


class ProductView(Protocol):
    """What the comparison reads of a PriceAPI answer (a :class:`~pricelookup.records.PriceApiProduct`
    has it, and so does an answer read in brief)."""

    @property
    def success(self) -> bool: ...
    @property
    def reason(self) -> str | None: ...
    @property
    def name(self) -> str | None: ...
    @property
    def offers(self) -> Sequence[OfferView]: ...


@dataclass(frozen=True, slots=True)
class Change:
    """One row of the Changes sheet."""

    gtin14: str
    name: str | None
    service: str  # "PriceAPI" or "Monitorize"
    shop: str | None
    change: str  # price up | price down | offer gained | offer lost | stock changed | now found | no longer found
    old_price: Decimal | None = None
    new_price: Decimal | None = None
    change_pct: Decimal | None = None
    old_stock: str | None = None
    new_stock: str | None = None
    currency: str | None = None


def pct_change(old: Decimal | None, new: Decimal | None) -> Decimal | None:
    """(new - old) / old in percent, to 0.01; None when old is missing or not positive."""
    if old is None or new is None or old <= 0:
        return None
    return ((new - old) / old * _HUNDRED).quantize(_CENT)


def _definitive(p: ProductView | None) -> bool:
    """True for an answer about the market: found, or searched and not found."""
    return p is not None and (p.success or p.reason == "not found")


def _cheapest_by_shop(offers: Iterable[OfferView]) -> dict[str, OfferView]:
    out: dict[str, OfferView] = {}
    for o in offers:
        if not o.shop_name:
            continue
        seen = out.get(o.shop_name)
        if seen is None or (o.price is not None and (seen.price is None or o.price < seen.price)):
            out[o.shop_name] = o
    return out


def _lowest(offers: Iterable[OfferView]) -> Decimal | None:
    prices = [o.price for o in offers if o.price is not None]
    return min(prices) if prices else None


def lowest_offer_price(offers: Sequence[OfferView]) -> tuple[Decimal | None, str | None]:
    """The lowest price among offers in the product's main currency, and that currency: the
    lowest of :func:`pricelookup.export.metrics.offer_stats` (other currencies left out, never converted)."""
    priced = [o for o in offers if o.price is not None and o.price.is_finite()]
    if not priced:
        return None, None
    if len({o.currency for o in priced}) == 1:  # one currency: nothing to leave out
        return min([o.price for o in priced]), normalise_currency(priced[0].currency)  # type: ignore[type-var]
    currency = main_currency([o.currency for o in priced])
    comparable = [o.price for o in priced if normalise_currency(o.currency) in (currency, None)]
    return (min(comparable) if comparable else None), currency  # type: ignore[type-var]


def _stock_text(o: OfferView) -> str | None:
    return o.availability_text or o.availability_code


def _price_change(gtin14: str, name: str | None, service: str, shop: str, old: Decimal | None,
                  new: Decimal | None, threshold_pct: Decimal, currency: str | None) -> Change | None:
    if old == new and threshold_pct >= 0:  # the usual case, without arithmetic: 0 % is no move
        return None
    pct = pct_change(old, new)
    if pct is None or abs(pct) <= threshold_pct:
        return None
    return Change(gtin14, name, service, shop, "price up" if pct > 0 else "price down",
                  old, new, pct, currency=currency)


def priceapi_changes(gtin14: str, old: ProductView, new: ProductView,
                     threshold_pct: Decimal) -> list[Change]:
    """Changes of one product between two PriceAPI answers."""
    return list(_priceapi_changes(gtin14, old, new, threshold_pct))


def _priceapi_changes(gtin14: str, old: ProductView, new: ProductView,
                      threshold_pct: Decimal) -> Iterator[Change]:
    if not (_definitive(old) and _definitive(new)):
        return
    name = new.name or old.name
    if old.success != new.success:
        change = "now found" if new.success else "no longer found"
        yield Change(gtin14, name, "PriceAPI", None, change,
                     old_price=_lowest(old.offers), new_price=_lowest(new.offers))
        return
    before, after = _cheapest_by_shop(old.offers), _cheapest_by_shop(new.offers)
    for shop in sorted(before.keys() | after.keys()):
        o, n = before.get(shop), after.get(shop)
        if o is None and n is not None:
            yield Change(gtin14, name, "PriceAPI", shop, "offer gained", new_price=n.price,
                         new_stock=_stock_text(n), currency=n.currency)
        elif n is None and o is not None:
            yield Change(gtin14, name, "PriceAPI", shop, "offer lost", old_price=o.price,
                         old_stock=_stock_text(o), currency=o.currency)
        elif o is not None and n is not None:
            if o.currency == n.currency:
                moved = _price_change(gtin14, name, "PriceAPI", shop, o.price, n.price, threshold_pct, n.currency)
                if moved:
                    yield moved
            if _stock_text(o) != _stock_text(n) and (_stock_text(o) or _stock_text(n)):
                yield Change(gtin14, name, "PriceAPI", shop, "stock changed", o.price, n.price,
                             old_stock=_stock_text(o), new_stock=_stock_text(n), currency=n.currency)


def _sites(product: MonitorizeProduct) -> dict[str, MonitorizeOffer]:
    out: dict[str, MonitorizeOffer] = {}
    for o in product.offers:
        seen = out.get(o.site)
        if seen is None or (o.price is not None and (seen.price is None or o.price < seen.price)):
            out[o.site] = o
    return out


def _mz_stock(o: MonitorizeOffer) -> str | None:
    if o.stock_label:
        return o.stock_label
    return None if o.stock is None else str(o.stock)


def monitorize_changes(gtin14: str, old: MonitorizeProduct, new: MonitorizeProduct,
                       threshold_pct: Decimal) -> list[Change]:
    """Changes of one product's Monitorize offers (prices in euros)."""
    return list(_monitorize_changes(gtin14, old, new, threshold_pct))


def _monitorize_changes(gtin14: str, old: MonitorizeProduct, new: MonitorizeProduct,
                        threshold_pct: Decimal) -> Iterator[Change]:
    before, after = _sites(old), _sites(new)
    name = new.name or old.name
    for site in sorted(before.keys() | after.keys()):
        o, n = before.get(site), after.get(site)
        if o is None and n is not None:
            yield Change(gtin14, name, "Monitorize", site, "offer gained", new_price=n.price,
                         new_stock=_mz_stock(n), currency="EUR")
        elif n is None and o is not None:
            yield Change(gtin14, name, "Monitorize", site, "offer lost", old_price=o.price,
                         old_stock=_mz_stock(o), currency="EUR")
        elif o is not None and n is not None:
            moved = _price_change(gtin14, name, "Monitorize", site, o.price, n.price, threshold_pct, "EUR")
            if moved:
                yield moved
            if o.stock != n.stock:
                yield Change(gtin14, name, "Monitorize", site, "stock changed", o.price, n.price,
                             old_stock=_mz_stock(o), new_stock=_mz_stock(n), currency="EUR")


@dataclass(frozen=True, slots=True)
class ProductComparison:
    """One product between an earlier run and this one: its lowest PriceAPI price and offer count
    both times, and its rows of the Changes sheet."""

    gtin14: str
    old_lowest: Decimal | None  # lowest PriceAPI price in the main currency; None: not found / no answer
    new_lowest: Decimal | None
    lowest_pct: Decimal | None  # (new - old) / old in percent, to 0.01; None when not comparable
    old_offers: int | None  # PriceAPI offers (0: searched, not found); None: no answer about the market
    new_offers: int | None
    #: a comparison was made: both runs answered about the market (PriceAPI found / not found), or
    #: Monitorize matched the product both times; False: nothing to compare (``changes`` is empty)
    compared: bool = False
    changes: list[Change] = field(default_factory=list)

    @property
    def offers_move(self) -> int | None:
        """New minus old offer count, None without both."""
        return None if self.old_offers is None or self.new_offers is None else self.new_offers - self.old_offers

    @property
    def changed(self) -> bool | None:
        """True when the product has rows on the Changes sheet; None when nothing could be compared."""
        return bool(self.changes) if self.compared else None


def _offer_count(p: ProductView | None) -> int | None:
    if p is None:
        return None
    if p.success:
        return len(p.offers)
    return 0 if p.reason == "not found" else None


def compare_product(
    gtin14: str,
    old_priceapi: ProductView | None,
    new_priceapi: ProductView | None,
    old_monitorize: MonitorizeProduct | None,
    new_monitorize: MonitorizeProduct | None,
    threshold_pct: Decimal,
    *,
    first_only: bool = False,
) -> ProductComparison:
    """The one comparison of one product between two runs (None: no answer in that run).

    Its ``changes`` are the product's rows of the Changes sheet (PriceAPI's then Monitorize's); the
    lowest prices are compared when both are in the same currency. ``first_only``: only whether
    anything moved is wanted (the window's column): ``changes`` stops at the first one.
    """
    found: list[Iterator[Change]] = []
    compared = False
    if old_priceapi is not None and new_priceapi is not None:
        compared = _definitive(old_priceapi) and _definitive(new_priceapi)
        found.append(_priceapi_changes(gtin14, old_priceapi, new_priceapi, threshold_pct))
    if old_monitorize is not None and new_monitorize is not None:
        compared = True
        found.append(_monitorize_changes(gtin14, old_monitorize, new_monitorize, threshold_pct))
    if first_only:
        first = next(chain.from_iterable(found), None)
        changes = [] if first is None else [first]
    else:
        changes = list(chain.from_iterable(found))
    old_lowest, old_currency = (lowest_offer_price(old_priceapi.offers)
                                if old_priceapi is not None and old_priceapi.success else (None, None))
    new_lowest, new_currency = (lowest_offer_price(new_priceapi.offers)
                                if new_priceapi is not None and new_priceapi.success else (None, None))
    return ProductComparison(
        gtin14=gtin14, old_lowest=old_lowest, new_lowest=new_lowest,
        lowest_pct=pct_change(old_lowest, new_lowest) if old_currency == new_currency else None,
        old_offers=_offer_count(old_priceapi), new_offers=_offer_count(new_priceapi),
        compared=compared, changes=changes,
    )


def diff_runs(
    gtins: Iterable[str],
    current_priceapi: Mapping[str, ProductView],
    previous_priceapi: Mapping[str, ProductView],
    current_monitorize: Mapping[str, MonitorizeProduct],
    previous_monitorize: Mapping[str, MonitorizeProduct],
    threshold_pct: Decimal,
) -> list[Change]:
    """Every change, product by product in the order of ``gtins`` (the input order):
    the changes of :func:`compare_product`."""
    out: list[Change] = []
    for g in gtins:
        out += compare_product(g, previous_priceapi.get(g), current_priceapi.get(g), previous_monitorize.get(g),
                               current_monitorize.get(g), threshold_pct).changes
    return out
