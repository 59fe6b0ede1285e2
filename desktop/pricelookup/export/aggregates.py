"""Aggregates over a run's PriceAPI answers, asked of the answers' own store when it can.

A run's answers come as a ``Mapping[str, PriceApiProduct]``. A plain dict (tests, small
runs) is walked in Python; a store that keeps its answers in the journal
(:class:`pricelookup.run.store.JournalProducts`) answers in SQL without decoding a million
products, and fetches each export chunk's products in one query. Export knows it only by
the :class:`ProductStore` protocol, never by its class.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Protocol, runtime_checkable

from pricelookup.records import PriceApiProduct


@runtime_checkable
class ProductStore(Protocol):
    """What a journal-backed mapping of answers offers besides the Mapping itself."""

    def prefetch(self, keys: Iterable[str]) -> None: ...
    def outcome_counts(self) -> tuple[int, int, int, int]: ...
    def offers_per_shop(self) -> Counter[str]: ...
    def offer_count_stats(self, slots: int | None = None) -> tuple[int, int, int]: ...
    def problem_keys(self) -> frozenset[str]: ...


def prefetch(products: Mapping[str, PriceApiProduct], keys: Iterable[str]) -> None:
    """Warm the store for ``keys`` (one query per chunk instead of one per row); no-op for a dict."""
    if isinstance(products, ProductStore):
        products.prefetch(keys)


def tally(products: Iterable[PriceApiProduct]) -> tuple[int, int, int, int]:
    """(found, not found, failed, offers of the found ones) of decoded answers."""
    found = not_found = failed = offers = 0
    for p in products:
        if p.success:
            found += 1
            offers += len(p.offers)
        elif p.reason == "not found":
            not_found += 1
        else:
            failed += 1
    return found, not_found, failed, offers


def outcome_counts(products: Mapping[str, PriceApiProduct]) -> tuple[int, int, int, int]:
    """(found, not found, failed, offers of the found ones)."""
    if isinstance(products, ProductStore):
        return products.outcome_counts()
    return tally(products.values())


def offers_per_shop(products: Mapping[str, PriceApiProduct]) -> Counter[str]:
    """Offers per shop name ("(no shop name)" for offers without one)."""
    if isinstance(products, ProductStore):
        return products.offers_per_shop()
    counts: Counter[str] = Counter()
    for p in products.values():
        counts.update(o.shop_name or "(no shop name)" for o in p.offers)
    return counts


def offer_count_stats(products: Mapping[str, PriceApiProduct], slots: int | None = None) -> tuple[int, int, int]:
    """(largest offer count, total offers, products with more than ``slots`` offers)."""
    if isinstance(products, ProductStore):
        return products.offer_count_stats(slots)
    counts = [len(p.offers) for p in products.values()]
    over = sum(1 for n in counts if slots is not None and n > slots)
    return max(counts, default=0), sum(counts), over


def problem_keys(products: Mapping[str, PriceApiProduct]) -> frozenset[str]:
    """Codes whose look-up failed (neither found nor "not found")."""
    if isinstance(products, ProductStore):
        return products.problem_keys()
    return frozenset(g for g, p in products.items() if not p.success and p.reason != "not found")
