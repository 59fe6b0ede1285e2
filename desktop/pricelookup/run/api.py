"""The one small door to the lookup run, shared by the CLI and the GUI.

``load_input`` reads and validates, ``estimate`` says what a run will cost,
``run_lookup`` runs it (progress to a sink, obeying a cancel token),
``find_unfinished_runs`` / ``list_runs`` / ``load_run`` read the journal.
Nothing here imports Qt; the GUI calls these from its engine thread.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pricelookup.run.polling import PollConfig
from pricelookup.settings import Endpoints, RunSettings, ServiceKeys

if TYPE_CHECKING:
    from pricelookup.results import RunResult
    from pricelookup.run.progress import CancelToken, ProgressSink
    from pricelookup.validation import ValidatedTable


@dataclass(frozen=True)
class RunTuning:
    """Knobs that are not analyst settings: rate limits and polling (tests, benchmarks, sandbox)."""

    #: OfficiScan requests per second at most (its per-key limit); 429s slow down further
    officiscan_rate: float = 20.0
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
class RunInfo:
    """One run of the journal, as lists and the resume prompt show it."""

    run_id: str
    input_path: str | None
    started_at: datetime
    status: str  # running | finished | partial | cancelled | failed (running + not locked = interrupted)
    settings: RunSettings
    finished_at: datetime | None = None
    sheet: str | None = None
    code_column: str | None = None
    rows: int | None = None
    codes: int | None = None
    credits_used: int = 0
    message: str | None = None
    sandbox: bool = False


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


def load_input(request: RunRequest) -> ValidatedTable:
    """Read and validate the input file (sync). With ``settings.snipcart_input`` the catalogue is
    imported instead (this then runs its own event loop: call :func:`load_input_async` from a loop)."""
    if request.settings.snipcart_input:
        try:
            asyncio.get_running_loop()
        except RuntimeError:
            return asyncio.run(load_input_async(request))
        from pricelookup.errors import SettingsError

        raise SettingsError("The Snipcart catalogue is imported asynchronously; use load_input_async.")
    from pricelookup.run.engine import read_and_validate

    return read_and_validate(request)


async def load_input_async(request: RunRequest) -> ValidatedTable:
    """:func:`load_input` for a caller inside an event loop (reading runs in a worker thread)."""
    from pricelookup.run.engine import import_snipcart_validated, read_and_validate

    if request.settings.snipcart_input:
        return await import_snipcart_validated(request)
    return await asyncio.to_thread(read_and_validate, request)


async def estimate(request: RunRequest, validated: ValidatedTable) -> CostEstimate:
    """The cost of running ``request`` on ``validated`` now (asks PriceAPI's usage_today)."""
    from pricelookup.run.engine import estimate_cost

    return await estimate_cost(request, validated)


async def run_lookup(request: RunRequest, *, progress: ProgressSink, cancel: CancelToken,
                     validated: ValidatedTable | None = None) -> RunResult:
    """Run the look-up to the end. Raises ``BudgetExceededError`` before paying anything when the
    estimate is over quota/budget, ``RunCancelled`` when cancelled, ``AuthenticationError`` etc. for
    PriceAPI failures; enrichment failures end up in ``RunResult.service_failures``."""
    from pricelookup.run.engine import Engine

    return await Engine(request, progress=progress, cancel=cancel).run(validated)


def find_unfinished_runs(data_dir: Path | None) -> list[RunInfo]:
    """Runs that ``--resume`` (or the GUI's resume prompt) can continue, newest first.

    Runs still going in another process (their lock is held) are left out.
    """
    from pricelookup.run.engine import unfinished_runs

    return unfinished_runs(data_dir)


def load_run(run_id: str, data_dir: Path | None) -> RunResult:
    """The full result of a journaled run, rebuilt from the journal alone (no service call)."""
    from pricelookup.run.engine import load_run_result

    return load_run_result(run_id, data_dir)


def list_runs(data_dir: Path | None) -> list[RunInfo]:
    """Every run in the journal, newest first."""
    from pricelookup.run.engine import all_runs

    return all_runs(data_dir)


def summarize_result(result: RunResult) -> RunSummary:
    """Counts for the final summary of a run."""
    from pricelookup.run.engine import summarize

    return summarize(result)
