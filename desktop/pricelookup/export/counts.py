"""The counts a run's summary shows, by name: the Summary sheet's and ``pricelookup run``'s final lines.

Pure arithmetic over a :class:`~pricelookup.results.RunResult`, apart from the
workbook code: the engine's :class:`~pricelookup.run.contracts.RunSummary`
counts with it too, and an engine process should not load openpyxl to count
(importing the workbook writer costs ~0.17 s of start-up).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pricelookup.export import aggregates
from pricelookup.export.aggregates import ProductStore

if TYPE_CHECKING:
    from pricelookup.results import RunResult


@dataclass(frozen=True)
class LookupCounts:
    """Counts over unique codes (duplicates share their first row's answer).

    ``looked_up`` = ``found`` + ``not_found`` + ``failed``: every code PriceAPI was asked
    about (or answered from a recent run). ``not_looked_up`` is every usable code without
    an answer, restricted ones included (:func:`summary_counts` tells those apart).
    """

    looked_up: int
    found: int
    not_found: int
    failed: int
    from_cache: int
    not_looked_up: int
    offers: int


def lookup_counts(result: RunResult) -> LookupCounts:
    """PriceAPI outcome counts over the unique GTIN-14s of the input."""
    gtins = result.validated.checks.get_column("gtin14").drop_nulls().unique().to_list()
    if isinstance(result.priceapi, ProductStore):
        # a journal-backed run holds exactly its input's codes: counted in SQL, nothing decoded
        found, not_found, failed, offers = aggregates.outcome_counts(result.priceapi)
        missing = sum(1 for g in gtins if g not in result.priceapi)
        cached = sum(1 for g in gtins if g in result.cached)
    else:
        answered = [g for g in gtins if g in result.priceapi]
        found, not_found, failed, offers = aggregates.tally(result.priceapi[g] for g in answered)
        missing = len(gtins) - len(answered)
        cached = sum(1 for g in answered if g in result.cached)
    return LookupCounts(found + not_found + failed, found, not_found, failed, cached, missing, offers)


def restricted_left_out(result: RunResult) -> int:
    """Unique restricted-circulation and coupon codes the run did not look up because they are restricted.

    The codes a run asks for are ``validated.lookup_codes(include_restricted=...)``
    (the plan, and the engine's own warning counts them so); left out are those the
    "include restricted" setting would have added. ``pricelookup run`` prints the same
    count, computed the same way.
    """
    if result.settings.include_restricted:
        return 0
    # every distinct usable code, less those the plan asks for without restricted ones
    validated = result.validated
    return validated.summary().unique - len(validated.lookup_codes(include_restricted=False))


@dataclass(frozen=True)
class SummaryCounts:
    """The counts the Summary sheet and ``pricelookup run``'s final summary both show, by name.

    Rows by status (``valid`` + ``repaired`` + ``invalid`` + ``empty`` = ``rows``;
    ``duplicates`` are rows repeating an earlier code), then unique codes:
    ``looked_up`` (= ``found`` + ``not_found`` + ``failed``, ``from_recent_runs`` of them free),
    ``restricted_left_out`` and ``not_looked_up`` (any other reason: cancelled, quota), and
    the credits paid.
    """

    rows: int
    valid: int
    repaired: int
    invalid: int
    empty: int
    duplicates: int
    looked_up: int
    found: int
    not_found: int
    failed: int
    from_recent_runs: int
    restricted_left_out: int
    not_looked_up: int
    credits_used: int

    def items(self) -> list[tuple[str, int]]:
        """(name, count) in the Summary sheet's order and with its labels (the CLI prints them lower-case)."""
        return [(COUNT_LABELS[name], getattr(self, name)) for name in COUNT_LABELS]


#: each count's label, in the order both faces show them
COUNT_LABELS: dict[str, str] = {
    "rows": "Rows", "valid": "Valid", "repaired": "Repaired", "invalid": "Invalid", "empty": "Empty",
    "duplicates": "Duplicates", "looked_up": "Looked up", "found": "Found", "not_found": "Not found",
    "failed": "Failed", "from_recent_runs": "From recent runs (free)", "restricted_left_out": "Restricted left out",
    "not_looked_up": "Not looked up", "credits_used": "Credits used",
}


def summary_counts(result: RunResult, codes: LookupCounts | None = None) -> SummaryCounts:
    """The Summary sheet's counts of ``result``: rows from the validator's own summary, codes from
    :func:`lookup_counts` (``codes``, when the caller has them already)."""
    rows = result.validated.summary()
    codes = codes or lookup_counts(result)
    restricted = restricted_left_out(result)
    return SummaryCounts(
        rows=rows.rows, valid=rows.valid, repaired=rows.repaired, invalid=rows.invalid, empty=rows.empty,
        duplicates=rows.duplicates, looked_up=codes.looked_up, found=codes.found, not_found=codes.not_found,
        failed=codes.failed, from_recent_runs=codes.from_cache, restricted_left_out=restricted,
        not_looked_up=codes.not_looked_up - restricted, credits_used=result.credits_used)
