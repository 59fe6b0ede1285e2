"""What the window keeps of a finished run: its counts and one small row of answers per input row.

A :class:`~pricelookup.results.RunResult` of 100,000 codes is about a
million Python objects (products, offers, Decimals). The window only shows, per
row, whether PriceAPI found the code, the number of offers and three lowest
prices; the workbook is written from the journal, where the whole result is.
So the engine hands the window a :class:`RunOutcome`: a polars frame of those
few columns, aligned with the table's rows, which crosses a process boundary
in milliseconds and costs the window's garbage collector nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

import polars as pl

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
}


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


def outcome_of(result: RunResult, *, include_table: bool = False) -> RunOutcome:
    """The window's view of ``result`` (``include_table``: keep ``result.validated`` in it)."""
    per_code: dict[str, tuple[Any, ...]] = {}
    found = failed = 0
    officiscan, monitorize, cached = result.officiscan, result.monitorize, result.cached
    for gtin, product in result.priceapi.items():
        if product.success:
            found += 1
        else:
            failed += 1
        offers = product.offers if product.success else ()
        per_code[gtin] = (True, product.success, None if product.success else product.reason, gtin in cached,
                          len(offers) if product.success else None,
                          lowest_text((o.price, o.currency) for o in offers), None, None)
    for gtin in officiscan.keys() | result.monitorize.keys():
        per_code.setdefault(gtin, (None,) * 8)
    for gtin, snapshots in officiscan.items():
        latest: dict[str, Any] = {}
        for snap in snapshots:
            if snap.network not in latest or snap.collected_at > latest[snap.network].collected_at:
                latest[snap.network] = snap
        row = per_code[gtin]
        per_code[gtin] = (*row[:6], lowest_text((s.price_current, s.currency) for s in latest.values()), row[7])
    for gtin, mproduct in monitorize.items():
        row = per_code[gtin]
        per_code[gtin] = (*row[:7], lowest_text((o.price, "EUR") for o in mproduct.offers))

    by_code = pl.DataFrame(
        [(gtin, *values) for gtin, values in per_code.items()],
        schema={"gtin14": pl.String, **ANSWER_SCHEMA}, orient="row",
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
