"""The run's contracts: what a face asks of a run, and what it is told back before and after.

Both the door (:mod:`pricelookup.run.api`) and the engine import these at the top:
a request (:class:`RunRequest` with its :class:`RunTuning`), the price of it before
anything is paid (:class:`CostEstimate`), and its counts afterwards (:class:`RunSummary`).
The result itself (:class:`~pricelookup.results.RunResult`) lives outside ``run/``,
beside the records, because Export and the window read it too.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pricelookup.export.counts import lookup_counts, summary_counts
from pricelookup.results import RunResult
from pricelookup.run.polling import PollConfig
from pricelookup.settings import Endpoints, RunSettings, ServiceKeys


@dataclass(frozen=True)
class RunTuning:
    """Knobs that are not analyst settings: rate limits and polling (tests, benchmarks, sandbox)."""

    #: OfficiScan requests per second at most: our own ceiling, OfficiScan publishes no limit
    #: (pricelookup.services.officiscan.MAX_RATE); 429s slow down below it
    officiscan_rate: float = 10.0
    #: OfficiScan requests per second to start from; the rate controller speeds up on good
    #: answers (pricelookup.services.officiscan.START_RATE)
    officiscan_start_rate: float = 2.0
    #: OfficiScan requests in flight at most
    officiscan_concurrency: int = 4
    #: the PriceAPI poll schedule
    poll: PollConfig = field(default_factory=PollConfig)
    #: smallest interval between two progress reports to the sink (seconds)
    progress_interval: float = 0.1


@dataclass(frozen=True)
class RunRequest:
    """Everything a run needs besides the progress sink and the cancel token."""

    input_path: Path | None  # None with settings.snipcart_input
    settings: RunSettings
    endpoints: Endpoints
    keys: ServiceKeys
    data_dir: Path | None = None  # None: $PRICELOOKUP_DATA_DIR or platformdirs user data dir
    resume: bool = False
    #: start a new run even though an interrupted run of this input exists (its answers and
    #: submitted jobs are still reused where the settings match)
    new: bool = False
    #: also re-submit chunks whose earlier submission is uncertain (may pay twice); off by default
    resend_uncertain: bool = False
    tuning: RunTuning = field(default_factory=RunTuning)


@dataclass(frozen=True)
class CostEstimate:
    """What a run would pay, before anything is paid."""

    unique_codes: int  # unique usable GTIN-14s to look up
    credits: int  # credits for the codes still to submit (at least, see ``may_cost_more``)
    remaining_today: int | None  # today's remaining PriceAPI quota (None: unknown)
    budget: int | None
    cached: int  # codes answered from an earlier run's fresh results (free)
    jobs: int  # bulk jobs to submit
    already_answered: int = 0  # resume: answered in the interrupted run
    in_flight: int = 0  # resume: in jobs submitted before (polled, not paid again)
    uncertain: int = 0  # resume: in jobs whose submission is uncertain (not re-sent)
    may_cost_more: bool = False  # all_pages / at_least_two_shops: more than one page per value possible

    @property
    def within_limits(self) -> bool:
        """False when the run would stop before paying (over quota or budget)."""
        over_quota = self.remaining_today is not None and self.credits > self.remaining_today
        over_budget = self.budget is not None and self.credits > self.budget
        return self.credits == 0 or not (over_quota or over_budget)


@dataclass(frozen=True)
class RunSummary:
    """The counts of a run's final summary (CLI) and the GUI's result line."""

    rows: int
    valid: int  # usable codes (valid or repaired) among the rows
    invalid: int  # invalid or empty
    duplicates: int
    looked_up: int  # unique codes with a PriceAPI answer (paid or cached)
    found: int
    not_found: int
    failed: int  # codes with a failure reason (source failed, uncertain submission, ...)
    not_looked_up: int  # usable codes with no answer (restricted, cancelled, quota)
    from_cache: int
    credits: int
    #: the workbook's Summary sheet counts, (label, count) in its order and with its labels: what
    #: ``pricelookup run`` prints at the end (one formula for both faces and the sheet)
    sheet_counts: tuple[tuple[str, int], ...] = ()

    @classmethod
    def of(cls, result: RunResult) -> RunSummary:
        """The counts of ``result``: the very counts of the workbook's Summary sheet."""
        checks = result.validated.checks
        statuses = checks.get_column("status").to_list()
        usable = sum(1 for st in statuses if st in ("valid", "repaired"))
        dup = checks.get_column("duplicate_of").is_not_null().sum() if "duplicate_of" in checks.columns else 0
        # the very counts of the workbook's Summary sheet: one count everywhere (restricted codes
        # that were not looked up are "not looked up" in both)
        c = lookup_counts(result)
        return cls(
            rows=checks.height, valid=usable, invalid=len(statuses) - usable, duplicates=int(dup),
            looked_up=c.found + c.not_found, found=c.found, not_found=c.not_found, failed=c.failed,
            not_looked_up=c.not_looked_up, from_cache=c.from_cache, credits=result.credits_used,
            sheet_counts=tuple(summary_counts(result, c).items()))
