"""What the window keeps of a finished run: its counts and one small row of answers per input row.

A :class:`~pricelookup.results.RunResult` of 100,000 codes is about a
million Python objects (products, offers, Decimals). The window only shows, per
row, whether PriceAPI found the code, the number of offers and three lowest
prices; the workbook is written from the journal, where the whole result is.
So the engine hands the window a :class:`RunOutcome`: a polars frame of those
few columns, aligned with the table's rows, which crosses a process boundary
in milliseconds and costs the window's garbage collector nothing.

With an earlier run over the same codes (``result.previous``, the one the Changes sheet
compares with), three more columns say what moved, from the very comparison the sheet makes
(:func:`pricelookup.export.changes.compare_product`). The answers are read from the journal in
brief (:meth:`pricelookup.run.store.JournalProducts.brief_items`: outcome and offers' prices,
shops and stock only), both runs' alike, so this pass over every answer stays about as quick
with a previous run as the whole records made it without one.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import TYPE_CHECKING, Any

import polars as pl

from pricelookup.export.changes import ProductView, compare_product
from pricelookup.settings import RunSettings

if TYPE_CHECKING:
    from pricelookup.results import RunResult, RunStatus
    from pricelookup.validation import ValidatedTable

#: one row per input row; all null where the row's code was not looked up
ANSWER_SCHEMA: dict[str, Any] = {
    "looked_up": pl.Boolean,  # PriceAPI answered for this row's code (found or not)
    "success": pl.Boolean,
    "reason": pl.String,  # PriceAPI's reason when not found
    "from_cache": pl.Boolean,  # answered by an earlier run, not paid again
    "offers": pl.Int32,
    "lowest_price": pl.String,  # "3.18 EUR": Decimal text, never a float
    "officiscan_lowest": pl.String,
    "monitorize_lowest": pl.String,
    # since the previous run over this code (``result.previous``); all null without one
    "lowest_move_pct": pl.String,  # lowest PriceAPI price, percent: "-3.25" (Decimal text); null: not comparable
    "offers_move": pl.Int32,  # PriceAPI offers now minus then ("not found": 0); null without both answers
    "changed": pl.Boolean,  # has rows on the Changes sheet; null: nothing to compare (no answer then, or now)
}
#: answers compared per block (the previous run's are fetched for a block at once)
_BLOCK = 2_000


@dataclass(frozen=True)
class RunOutcome:
    """A finished (or partial, or cancelled) run as the window shows it."""

    run_id: str
    status: RunStatus
    settings: RunSettings
    credits_used: int
    found: int  # unique codes PriceAPI found
    failed: int  # unique codes answered "not found" or with a failure reason
    cached: int  # unique codes answered from an earlier run
    #: one row per row of ``validated.checks``, columns of :data:`ANSWER_SCHEMA`
    answers: pl.DataFrame
    service_failures: dict[str, str] = field(default_factory=dict)
    #: the table the run read, when the window did not give it one (Snipcart catalogue imported by the run)
    validated: ValidatedTable | None = None

    @property
    def officiscan_ran(self) -> bool:
        """OfficiScan was asked (its column belongs in the table)."""
        return self.settings.officiscan

    @property
    def monitorize_ran(self) -> bool:
        """Monitorize was asked."""
        return self.settings.monitorize


def lowest_text(prices: Iterable[tuple[Decimal | None, str | None]]) -> str | None:
    """``"3.18 EUR"`` for the lowest known price, or None (Decimal all the way: no float rounding)."""
    known = [(price, currency) for price, currency in prices if price is not None]
    if not known:
        return None
    price, currency = min(known, key=lambda p: p[0])
    return f"{price} {currency or ''}".strip()


def _in_brief(products: Mapping[str, Any]) -> Iterable[tuple[str, ProductView]]:
    """Every answer, read in brief when the mapping can (the journal's), else as it is."""
    brief = getattr(products, "brief_items", None)
    return brief() if brief is not None else products.items()


def _many_in_brief(products: Mapping[str, Any], keys: Sequence[str]) -> Mapping[str, ProductView]:
    """The answers of ``keys`` that ``products`` has, read in brief when the mapping can."""
    many = getattr(products, "brief_many", None)
    if many is not None:
        return many(keys)
    return {k: p for k in keys if (p := products.get(k)) is not None}


def _blocks(items: Iterable[tuple[str, ProductView]]) -> Iterator[list[tuple[str, ProductView]]]:
    it = iter(items)
    while block := list(islice(it, _BLOCK)):
        yield block


def _pct_text(pct: Decimal | None) -> str | None:
    return None if pct is None else str(pct)


_NO_MOVE = (None, None, None)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """Python's cycle collector paused for one pass over every answer: the pass makes ~10 short-lived
    objects per answer and no cycle, and each collection they would trigger walks the whole result
    (millions of records): half the time of the pass at 100,000 codes. Restored after, as it was."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def outcome_of(result: RunResult, *, include_table: bool = False) -> RunOutcome:
    """The window's view of ``result`` (``include_table``: keep ``result.validated`` in it)."""
    with _cyclic_gc_paused():
        return _outcome_of(result, include_table=include_table)


def _outcome_of(result: RunResult, *, include_table: bool) -> RunOutcome:
    per_code: dict[str, list[Any]] = {}
    found = failed = 0
    officiscan, monitorize, cached = result.officiscan, result.monitorize, result.cached
    previous = result.previous
    threshold = result.settings.change_threshold_pct
    old_monitorize = previous.monitorize if previous is not None else {}
    for block in _blocks(_in_brief(result.priceapi)):
        olds = _many_in_brief(previous.priceapi, [g for g, _ in block]) if previous is not None else {}
        for gtin, product in block:
            success = product.success
            if success:
                found += 1
            else:
                failed += 1
            offers = product.offers if success else ()
            move: tuple[Any, ...] = _NO_MOVE
            if previous is not None:
                c = compare_product(gtin, olds.get(gtin), product, old_monitorize.get(gtin), monitorize.get(gtin),
                                    threshold, first_only=True)
                move = (_pct_text(c.lowest_pct), c.offers_move, c.changed)
            per_code[gtin] = [True, success, None if success else product.reason, gtin in cached,
                              len(offers) if success else None,
                              lowest_text((o.price, o.currency) for o in offers), None, None, *move]
    width = len(ANSWER_SCHEMA)
    for gtin in officiscan.keys() | monitorize.keys():
        if gtin not in per_code:
            row = per_code[gtin] = [None] * width
            if previous is not None and gtin in monitorize:
                # no PriceAPI answer now: only Monitorize can have moved (as on the Changes sheet)
                c = compare_product(gtin, None, None, old_monitorize.get(gtin), monitorize[gtin], threshold,
                                    first_only=True)
                row[8:11] = (_pct_text(c.lowest_pct), c.offers_move, c.changed)
    for gtin, snapshots in officiscan.items():
        latest: dict[str, Any] = {}
        for snap in snapshots:
            if snap.network not in latest or snap.collected_at > latest[snap.network].collected_at:
                latest[snap.network] = snap
        per_code[gtin][6] = lowest_text((s.price_current, s.currency) for s in latest.values())
    for gtin, mproduct in monitorize.items():
        per_code[gtin][7] = lowest_text((o.price, "EUR") for o in mproduct.offers)

    columns = [list(c) for c in zip(*per_code.values(), strict=True)] if per_code else [[]] * width
    by_code = pl.DataFrame(
        [pl.Series("gtin14", list(per_code), dtype=pl.String),
         *(pl.Series(name, values, dtype=dtype) for (name, dtype), values in zip(ANSWER_SCHEMA.items(), columns,
                                                                                  strict=True))],
    )
    # aligned with the table's rows: duplicates share their first row's answer, unusable codes get nulls
    answers = (
        result.validated.checks.select("gtin14")
        .join(by_code, on="gtin14", how="left", maintain_order="left")
        .drop("gtin14")
    )
    return RunOutcome(
        run_id=result.run_id, status=result.status, settings=result.settings, credits_used=result.credits_used,
        found=found, failed=failed, cached=len(cached), answers=answers,
        service_failures=dict(result.service_failures),
        validated=result.validated if include_table else None,
    )
