"""The Changes sheet's comparison as it was before ``compare_product`` (kept verbatim, names and all):
the reference tests/export/test_export_changes.py holds the refactored one to, byte for byte."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from pricelookup.export.changes import Change, pct_change
from pricelookup.records import MonitorizeOffer, MonitorizeProduct, PriceApiOffer, PriceApiProduct


def _definitive(p: PriceApiProduct | None) -> bool:
    """True for an answer about the market: found, or searched and not found."""
    return p is not None and (p.success or p.reason == "not found")


def _cheapest_by_shop(offers: Iterable[PriceApiOffer]) -> dict[str, PriceApiOffer]:
    out: dict[str, PriceApiOffer] = {}
    for o in offers:
        if not o.shop_name:
            continue
        seen = out.get(o.shop_name)
        if seen is None or (o.price is not None and (seen.price is None or o.price < seen.price)):
            out[o.shop_name] = o
    return out


def _lowest(offers: Iterable[PriceApiOffer]) -> Decimal | None:
    prices = [o.price for o in offers if o.price is not None]
    return min(prices) if prices else None


def _stock_text(o: PriceApiOffer) -> str | None:
    return o.availability_text or o.availability_code


def _price_change(gtin14: str, name: str | None, service: str, shop: str, old: Decimal | None,
                  new: Decimal | None, threshold_pct: Decimal, currency: str | None) -> Change | None:
    pct = pct_change(old, new)
    if pct is None or abs(pct) <= threshold_pct:
        return None
    return Change(gtin14, name, service, shop, "price up" if pct > 0 else "price down",
                  old, new, pct, currency=currency)


def priceapi_changes(gtin14: str, old: PriceApiProduct, new: PriceApiProduct,
                     threshold_pct: Decimal) -> list[Change]:
    """Changes of one product between two PriceAPI answers."""
    if not (_definitive(old) and _definitive(new)):
        return []
    name = new.name or old.name
    if old.success != new.success:
        change = "now found" if new.success else "no longer found"
        return [Change(gtin14, name, "PriceAPI", None, change,
                       old_price=_lowest(old.offers), new_price=_lowest(new.offers))]
    before, after = _cheapest_by_shop(old.offers), _cheapest_by_shop(new.offers)
    out: list[Change] = []
    for shop in sorted(before.keys() | after.keys()):
        o, n = before.get(shop), after.get(shop)
        if o is None and n is not None:
            out.append(Change(gtin14, name, "PriceAPI", shop, "offer gained", new_price=n.price,
                              new_stock=_stock_text(n), currency=n.currency))
        elif n is None and o is not None:
            out.append(Change(gtin14, name, "PriceAPI", shop, "offer lost", old_price=o.price,
                              old_stock=_stock_text(o), currency=o.currency))
        elif o is not None and n is not None:
            if o.currency == n.currency:
                moved = _price_change(gtin14, name, "PriceAPI", shop, o.price, n.price, threshold_pct, n.currency)
                if moved:
                    out.append(moved)
            if _stock_text(o) != _stock_text(n) and (_stock_text(o) or _stock_text(n)):
                out.append(Change(gtin14, name, "PriceAPI", shop, "stock changed", o.price, n.price,
                                  old_stock=_stock_text(o), new_stock=_stock_text(n), currency=n.currency))
    return out


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
    before, after = _sites(old), _sites(new)
    name = new.name or old.name
    out: list[Change] = []
    for site in sorted(before.keys() | after.keys()):
        o, n = before.get(site), after.get(site)
        if o is None and n is not None:
            out.append(Change(gtin14, name, "Monitorize", site, "offer gained", new_price=n.price,
                              new_stock=_mz_stock(n), currency="EUR"))
        elif n is None and o is not None:
            out.append(Change(gtin14, name, "Monitorize", site, "offer lost", old_price=o.price,
                              old_stock=_mz_stock(o), currency="EUR"))
        elif o is not None and n is not None:
            moved = _price_change(gtin14, name, "Monitorize", site, o.price, n.price, threshold_pct, "EUR")
            if moved:
                out.append(moved)
            if o.stock != n.stock:
                out.append(Change(gtin14, name, "Monitorize", site, "stock changed", o.price, n.price,
                                  old_stock=_mz_stock(o), new_stock=_mz_stock(n), currency="EUR"))
    return out


def diff_runs(
    gtins: Iterable[str],
    current_priceapi: Mapping[str, PriceApiProduct],
    previous_priceapi: Mapping[str, PriceApiProduct],
    current_monitorize: Mapping[str, MonitorizeProduct],
    previous_monitorize: Mapping[str, MonitorizeProduct],
    threshold_pct: Decimal,
) -> list[Change]:
    """Every change, product by product in the order of ``gtins`` (the input order)."""
    out: list[Change] = []
    for g in gtins:
        old_p, new_p = previous_priceapi.get(g), current_priceapi.get(g)
        if old_p is not None and new_p is not None:
            out += priceapi_changes(g, old_p, new_p, threshold_pct)
        old_m, new_m = previous_monitorize.get(g), current_monitorize.get(g)
        if old_m is not None and new_m is not None:
            out += monitorize_changes(g, old_m, new_m, threshold_pct)
    return out
