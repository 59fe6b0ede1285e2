"""The lookup run engine: one Qt-free coroutine shared by the CLI and the GUI.

Data flow (every arrow resumable from the journal):

input table -> validated codes -> plan (journal: answered / in flight /
uncertain; cache: fresh answers of earlier runs; cost vs quota and budget,
checked before any POST) -> concurrently: PriceAPI jobs (journal first, POST,
adaptive polling, download when finished) | OfficiScan per code | Monitorize
once -> answers in the journal -> RunResult (one answer per unique GTIN-14;
the export joins them back to every input row).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections.abc import Callable, Iterable
from contextlib import AsyncExitStack
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pricelookup import __version__
from pricelookup.errors import (
    AuthenticationError,
    JournalError,
    PriceLookupError,
    RunCancelled,
    ServiceError,
    SettingsError,
)
from pricelookup.journal import (
    JobRow,
    Journal,
    RunLock,
    RunRow,
    StoredResult,
    canonical_json,
    utc_now,
)
from pricelookup.paths import data_dir as resolve_data_dir
from pricelookup.records import MonitorizeProduct, PriceApiProduct
from pricelookup.results import PreviousRun, RunResult
from pricelookup.run import codec, enrichment
from pricelookup.run.plan import (
    LookupPlan,
    check_budget,
    cost_may_exceed_estimate,
    estimate_credits,
    job_count,
    make_plan,
)
from pricelookup.run.priceapi_jobs import (
    LOST_REASON,
    MISSING_REASON,
    UNCERTAIN_REASON,
    PriceApiJobRunner,
    missing_product,
)
from pricelookup.run.progress import CancelToken, JobProgress, Progress, ProgressSink, Stage
from pricelookup.run.store import JournalProducts
from pricelookup.secrets import KEY_ENV_VARS
from pricelookup.settings import SERVICE_NAMES, RunSettings

if TYPE_CHECKING:
    from pricelookup.run.api import CostEstimate, RunInfo, RunRequest, RunSummary
    from pricelookup.validation import ValidatedTable

log = logging.getLogger(__name__)

#: how long an answer stays current (PriceAPI's own definitions of currentness)
CURRENTNESS_WINDOW_S = {"daily_updated": 20 * 3600.0, "realtime": 15 * 60.0}
#: enrichment kind of the codes held back because another run's submission of them is in doubt
DOUBT_ELSEWHERE = "priceapi_doubt_elsewhere"
#: weights of the stages in the overall fraction
STAGE_WEIGHTS = {"priceapi": 0.70, "officiscan": 0.25, "monitorize": 0.05}


# --- input -------------------------------------------------------------------------------


def read_and_validate(request: RunRequest) -> ValidatedTable:
    """Read the input file and validate its code column."""
    from pricelookup.sheets import read_table
    from pricelookup.validation import validate_table

    if request.input_path is None:
        raise SettingsError("No input file given: name a spreadsheet, or import the Snipcart catalogue "
                            "(--snipcart).")
    s = request.settings
    table = read_table(request.input_path, sheet=s.sheet, column=s.column)
    return validate_table(table, cip7=s.cip7)


def _key_for(request: RunRequest, service: str) -> str:
    key = request.keys.get(service)
    if not key:
        name = SERVICE_NAMES[service]
        raise AuthenticationError(name, f"no key is set. Set {KEY_ENV_VARS[service]} or run "
                                  f"`pricelookup keys set {service}` (or use --sandbox to try the tool).")
    return key


async def import_snipcart_validated(request: RunRequest) -> ValidatedTable:
    """Import the shop's Snipcart catalogue (all pages) and validate its EANs."""
    from pricelookup.services.snipcart import SnipcartClient
    from pricelookup.validation import validate_table

    key = _key_for(request, "snipcart")
    async with SnipcartClient(request.endpoints.snipcart, key) as client:
        table = await enrichment.import_snipcart(client.products, source=f"snipcart:{request.endpoints.snipcart}")
    return validate_table(table, cip7=request.settings.cip7)


# --- the stored input table ---------------------------------------------------------------


def _table_dir(root: Path, run_id: str) -> Path:
    return root / "runs" / run_id


def store_validated(root: Path, run_id: str, validated: ValidatedTable) -> None:
    """Keep the validated input beside the journal so the run can be exported again without the file."""
    d = _table_dir(root, run_id)
    d.mkdir(parents=True, exist_ok=True)
    t = validated.table
    meta = {"path": str(t.path), "sheet": t.sheet, "header_row": t.header_row, "code_column": t.code_column,
            "code_column_reason": t.code_column_reason, "sha256": t.sha256, "sheets": list(t.sheets),
            "row_numbers_name": t.row_numbers.name}
    # write everything to temporary names first, then rename: a crash leaves no half table
    tmp = {name: d / f".{name}.tmp" for name in ("frame.parquet", "rows.parquet", "checks.parquet", "table.json")}
    t.frame.write_parquet(tmp["frame.parquet"])
    t.row_numbers.to_frame("row").write_parquet(tmp["rows.parquet"])
    validated.checks.write_parquet(tmp["checks.parquet"])
    tmp["table.json"].write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    for name, path in tmp.items():
        path.replace(d / name)


def load_validated(root: Path, run_id: str) -> ValidatedTable:
    """The validated input table stored with run ``run_id``."""
    import polars as pl

    from pricelookup.sheets import SheetTable
    from pricelookup.validation import ValidatedTable

    d = _table_dir(root, run_id)
    try:
        meta = json.loads((d / "table.json").read_text(encoding="utf-8"))
        frame = pl.read_parquet(d / "frame.parquet")
        rows = pl.read_parquet(d / "rows.parquet").get_column("row").rename(meta.get("row_numbers_name") or "row")
        checks = pl.read_parquet(d / "checks.parquet")
    except (OSError, ValueError, pl.exceptions.PolarsError) as exc:
        raise JournalError(f"The input table of run {run_id} is missing or damaged in {d} ({exc}); run the "
                           "look-up again from the input file.") from None
    table = SheetTable(path=Path(meta["path"]), sheet=meta["sheet"], header_row=meta["header_row"], frame=frame,
                       row_numbers=rows, code_column=meta["code_column"],
                       code_column_reason=meta["code_column_reason"], sha256=meta["sha256"],
                       sheets=tuple(meta["sheets"]))
    return ValidatedTable(table=table, checks=checks)


# --- progress -----------------------------------------------------------------------------


@dataclass
class _StageState:
    done: int = 0
    total: int = 0
    started: float | None = None
    eta: float | None = None


@dataclass
class Reporter:
    """Merges the concurrent stages into one :class:`Progress` stream (throttled)."""

    sink: ProgressSink
    weights: dict[str, float]
    interval: float = 0.1
    clock: Callable[[], float] = time.monotonic
    stages: dict[str, _StageState] = field(default_factory=dict)
    jobs: tuple[JobProgress, ...] = ()
    phase: Stage = "reading"
    _last: float = float("-inf")
    _t0: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.stages = {name: _StageState() for name in self.weights}
        self._t0 = self.clock()

    def set_phase(self, phase: Stage, message: str | None = None) -> None:
        """A sequential phase (reading, planning, merging, done)."""
        self.phase = phase
        self.emit(message, force=True)

    def update(self, stage: str, done: int, total: int, *, eta: float | None = None,
               message: str | None = None) -> None:
        """Progress of one concurrent stage."""
        st = self.stages.setdefault(stage, _StageState())
        if st.started is None:
            st.started = self.clock()
        st.done, st.total, st.eta = done, total, eta
        self.emit(message)

    def fraction(self) -> float:
        """0..1 over the whole run."""
        if self.phase == "done":
            return 1.0
        wsum = sum(self.weights.values())
        if wsum <= 0:
            return 0.0
        acc = 0.0
        for name, w in self.weights.items():
            st = self.stages.get(name)
            if st is not None and st.total > 0:
                acc += w * min(1.0, st.done / st.total)
            elif st is not None and st.started is not None:
                acc += w  # started with nothing to do
        return max(0.0, min(1.0, acc / wsum))

    def _eta(self, now: float) -> float | None:
        etas: list[float] = []
        for name in self.weights:
            st = self.stages[name]
            if st.total <= 0 or st.done >= st.total:
                continue
            if st.eta is not None:
                etas.append(st.eta)
            elif st.started is not None and st.done > 0:
                rate = st.done / max(1e-6, now - st.started)
                etas.append((st.total - st.done) / rate)
            else:
                return None
        return max(etas) if etas else None

    def _current(self) -> tuple[Stage, int, int]:
        if self.phase in ("priceapi", "officiscan", "monitorize"):
            for name in ("priceapi", "officiscan", "monitorize"):
                st = self.stages.get(name)
                if name in self.weights and st is not None and st.total > 0 and st.done < st.total:
                    return name, st.done, st.total  # type: ignore[return-value]
            st = self.stages.get("priceapi") or _StageState()
            return "priceapi", st.done, st.total
        return self.phase, 0, 0

    def emit(self, message: str | None = None, *, force: bool = False) -> None:
        """Send a snapshot to the sink (at most every ``interval`` s unless forced or a message)."""
        now = self.clock()
        if not force and message is None and now - self._last < self.interval:
            return
        self._last = now
        stage, done, total = self._current()
        p = Progress(stage=stage, done=done, total=total, fraction=self.fraction(),
                     eta_seconds=None if self.phase == "done" else self._eta(now), message=message,
                     jobs=self.jobs)
        try:
            self.sink(p)
        except Exception:  # a broken sink must not break the run
            log.exception("progress sink failed")


# --- the engine ---------------------------------------------------------------------------


def _lookup_key(request: RunRequest) -> str:
    s = request.settings
    return canonical_json({"endpoint": request.endpoints.priceapi, "source": s.source, "country": s.country,
                           "key": s.key, "completeness": s.completeness})


def _weights(settings: RunSettings) -> dict[str, float]:
    w = {"priceapi": STAGE_WEIGHTS["priceapi"]}
    if settings.officiscan:
        w["officiscan"] = STAGE_WEIGHTS["officiscan"]
    if settings.monitorize:
        w["monitorize"] = STAGE_WEIGHTS["monitorize"]
    return w


@dataclass
class _JournalState:
    """What the journal already knows about one run (resume)."""

    answered: set[str] = field(default_factory=set)
    known_jobs: list[JobRow] = field(default_factory=list)  # submitted, to poll/download
    uncertain_jobs: list[JobRow] = field(default_factory=list)  # intent/uncertain: maybe paid, id unknown
    failed_jobs: list[JobRow] = field(default_factory=list)  # lost by PriceAPI
    next_chunk: int = 0

    @cached_property
    def in_flight(self) -> set[str]:
        return {v for j in self.known_jobs for v in j.values}

    @cached_property
    def uncertain(self) -> set[str]:
        return {v for j in self.uncertain_jobs + self.failed_jobs for v in j.values}


def _journal_state(journal: Journal, run_id: str | None) -> _JournalState:
    if run_id is None:
        return _JournalState()
    st = _JournalState(answered=journal.answered_codes(run_id))
    for j in journal.jobs(run_id):
        st.next_chunk = max(st.next_chunk, j.chunk + 1)
        if j.state == "submitted" and j.job_id:
            st.known_jobs.append(j)
        elif j.state in ("intent", "uncertain"):
            st.uncertain_jobs.append(j)
        elif j.state == "failed":
            st.failed_jobs.append(j)
    return st


@dataclass(frozen=True)
class PlannedLookup:
    """What the journal takes off a look-up's bill: one answer for the estimate and the run alike."""

    plan: LookupPlan
    state: _JournalState  # the run's own journal (resume)
    cache: dict[str, StoredResult]  # fresh answers of earlier runs, by GTIN-14
    adopted: list[JobRow]  # other runs' submitted jobs holding some of these codes (collected)
    doubtful: list[JobRow]  # other runs' jobs in doubt holding some of these codes (not re-sent)


def plan_lookup(journal: Journal, request: RunRequest, codes: list[str], run_id: str | None) -> PlannedLookup:
    """Plan a look-up of ``codes`` against the journal (own run ``run_id`` when resuming).

    Precedence: answered in this run > in its submitted jobs > in another run's submitted jobs
    (same endpoint, source, country, key, completeness; collected, not paid again) > fresh
    answers of earlier runs (cache) > in doubt here or elsewhere (not re-sent unless asked) >
    to submit.
    """
    s = request.settings
    lookup_key = _lookup_key(request)
    window = CURRENTNESS_WINDOW_S[s.currentness]
    state = _journal_state(journal, run_id)
    wanted = frozenset(codes)
    pending = [c for c in codes if c not in state.answered and c not in state.in_flight]
    elsewhere = journal.open_jobs_elsewhere(pending, lookup_key=lookup_key, exclude_run=run_id,
                                            since=utc_now() - timedelta(seconds=window))
    adopted = [j for j in elsewhere if j.state == "submitted" and j.job_id]
    doubtful = [j for j in elsewhere if j.state in ("intent", "uncertain")]
    in_flight = state.in_flight | {v for j in adopted for v in j.values if v in wanted}
    uncertain = state.uncertain | {v for j in doubtful for v in j.values if v in wanted}
    pending = [c for c in pending if c not in in_flight]
    cache = journal.cached_results(pending, lookup_key=lookup_key, currentness=s.currentness, max_age_s=window,
                                   exclude_run=run_id, not_reasons=(MISSING_REASON,))
    plan = make_plan(codes, cached=cache.keys(), answered=state.answered, in_flight=in_flight,
                     uncertain=uncertain, resend_uncertain=request.resend_uncertain)
    return PlannedLookup(plan=plan, state=state, cache=cache, adopted=adopted, doubtful=doubtful)


class Engine:
    """One run. Create, then ``await run(validated)``."""

    def __init__(self, request: RunRequest, *, progress: ProgressSink, cancel: CancelToken) -> None:
        self.request = request
        self.settings = request.settings
        self.cancel = cancel
        self.root = resolve_data_dir(request.data_dir)
        self.reporter = Reporter(progress, _weights(request.settings), interval=request.tuning.progress_interval)
        self.run_id: str | None = None
        #: GTIN-14s answered so far; the answers themselves live in the journal, never all in memory
        self.answered: set[str] = set()
        self.credits = 0
        self._lock: RunLock | None = None

    async def run(self, validated: ValidatedTable | None) -> RunResult:
        """The whole run; see :func:`pricelookup.run.api.run_lookup`."""
        self.cancel.raise_if_cancelled()
        # the work runs in its own task so that a cancel stops exactly it, within a second
        inner = asyncio.create_task(self._guarded(validated))
        watcher = asyncio.create_task(self._watch_cancel(inner))
        try:
            return await inner
        except asyncio.CancelledError:
            if self.cancel.cancelled:
                cancelled = RunCancelled("The run was cancelled; submitted jobs stay in the journal. Run the "
                                         "same command with --resume to collect them.")
                cancelled.run_id = self.run_id
                raise cancelled from None
            raise
        finally:
            watcher.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await watcher

    async def _guarded(self, validated: ValidatedTable | None) -> RunResult:
        journal: Journal | None = None
        try:
            if validated is None:
                self.reporter.set_phase("snipcart" if self.settings.snipcart_input else "reading",
                                        "Importing the Snipcart catalogue" if self.settings.snipcart_input
                                        else f"Reading {self.request.input_path}")
                from pricelookup.run.api import load_input_async

                validated = await load_input_async(self.request)
            journal = Journal.open(self.root)
            return await self._run(journal, validated)
        except asyncio.CancelledError:
            self._end(journal, "cancelled", "cancelled by the user")
            raise
        except RunCancelled as exc:
            self._end(journal, "cancelled", "cancelled by the user")
            exc.run_id = self.run_id
            raise
        except PriceLookupError as exc:
            self._end(journal, "failed", str(exc))
            # the faces write what was answered so far, and name the run to resume
            exc.run_id = self.run_id
            raise
        except BaseException as exc:
            self._end(journal, "failed", f"unexpected error: {type(exc).__name__}")
            raise
        finally:
            if self._lock is not None:
                self._lock.release()
            if journal is not None:
                journal.close()

    async def _watch_cancel(self, work: asyncio.Task[Any]) -> None:
        while not self.cancel.cancelled:
            await asyncio.sleep(0.05)
        work.cancel()

    def _end(self, journal: Journal | None, status: str, message: str) -> None:
        if journal is not None and self.run_id is not None:
            try:
                journal.set_run_status(self.run_id, status, message=message)
            except Exception:  # the journal itself may be what failed
                log.exception("could not record the end of run %s", self.run_id)

    # --- the run proper --------------------------------------------------------------------------

    async def _run(self, journal: Journal, validated: ValidatedTable) -> RunResult:
        req, s, rep = self.request, self.settings, self.reporter
        if s.key != "gtin":
            raise SettingsError(f"PriceAPI key {s.key!r} is not supported yet; look up by gtin.")
        rep.set_phase("planning", None)
        codes = validated.lookup_codes(include_restricted=s.include_restricted)
        fingerprint = s.lookup_fingerprint()
        endpoint = req.endpoints.priceapi
        lookup_key = _lookup_key(req)
        table = validated.table
        snip = s.snipcart_input

        run_row: RunRow | None = None
        same_run = {"input_sha256": None if snip else table.sha256, "sheet": table.sheet,
                    "code_column": table.code_column, "fingerprint": fingerprint, "endpoint": endpoint}
        if req.resume:
            run_row = journal.find_resumable(**same_run)
            if run_row is None:
                # Another unfinished run may hold jobs for these very codes (other settings, a
                # changed file): starting a new paid run silently would pay for them again.
                conflict = resume_conflict(journal, codes, fingerprint=fingerprint, sha256=same_run["input_sha256"])
                if conflict is not None:
                    raise SettingsError(conflict)
                rep.emit("No interrupted run of this input with these settings was found; starting a new run.")
            else:
                lock = RunLock(_table_dir(self.root, run_row.run_id) / "lock")
                if not lock.acquire():
                    raise JournalError(f"Run {run_row.run_id} is being worked on by another Price Lookup window "
                                       "or command right now; let it finish or close it first.")
                self._lock = lock
                self.run_id = run_row.run_id
                with contextlib.suppress(JournalError):
                    validated = load_validated(self.root, run_row.run_id)
                    codes = validated.lookup_codes(include_restricted=s.include_restricted)
                rep.emit(f"Resuming run {run_row.run_id} started {run_row.started_at:%Y-%m-%d %H:%M} UTC")
        elif not req.new:
            earlier = journal.find_resumable(**same_run)
            if earlier is not None:
                rep.emit(f"Note: run {earlier.run_id} of this input was interrupted; this new run reuses its "
                         "answers and collects its submitted jobs (nothing is paid twice). `--resume` would "
                         "continue that run instead.")

        # settings mistakes stop the run here, before anything is paid
        match_keys = (enrichment.monitorize_keys_from_column(validated, s.monitorize_match_column)
                      if s.monitorize and s.monitorize_match_column else None)
        restricted = len(set(validated.lookup_codes(include_restricted=True)) - set(
            validated.lookup_codes(include_restricted=False)))
        if restricted and s.include_restricted:
            rep.emit(f"{restricted:,} restricted-circulation or coupon codes are looked up and paid for, as asked "
                     "(--include-restricted).")
        elif restricted:
            rep.emit(f"{restricted:,} restricted-circulation or coupon codes are not looked up: they identify "
                     "nothing outside one shop or country (--include-restricted looks them up, paid).")
        planned = plan_lookup(journal, req, codes, self.run_id)
        state, plan, cache, adopted = planned.state, planned.plan, planned.cache, planned.adopted
        wanted = frozenset(codes)
        if adopted:
            rep.emit(f"{sum(1 for j in adopted for v in j.values if v in wanted):,} codes are in "
                     f"{len(adopted)} jobs submitted by an earlier run ({', '.join(sorted({j.run_id for j in adopted}))}); "
                     "they are collected, not paid again.")
        doubt = doubt_message(plan, state.uncertain_jobs + state.failed_jobs + planned.doubtful,
                              req.resend_uncertain, s)
        if doubt:
            rep.emit(doubt)

        async with AsyncExitStack() as stack:
            pa = await stack.enter_async_context(self._client("priceapi"))
            credits = estimate_credits(len(plan.to_submit), s)
            if plan.to_submit:
                usage = await pa.usage_today()  # also proves the token before anything is written
                check_budget(credits, remaining_today=usage.remaining, budget=s.budget, settings=s,
                             n_values=len(plan.to_submit))
            more = " (it may cost more: several pages per code are possible)" if cost_may_exceed_estimate(s) else ""
            rep.emit(f"{len(plan.codes):,} codes to look up: {len(plan.answered):,} already answered, "
                     f"{len(plan.in_flight):,} in submitted jobs, {len(plan.cached):,} from recent runs (free), "
                     f"{len(plan.to_submit):,} to submit in {job_count(len(plan.to_submit))} jobs for about "
                     f"{credits:,} credits{more}.")

            if self.run_id is None:
                self.run_id = journal.create_run(
                    input_path=str(table.path) if snip else str(Path(table.path).resolve()),
                    input_sha256=table.sha256, sheet=table.sheet, code_column=table.code_column,
                    settings=s.to_dict(), fingerprint=fingerprint, endpoint=endpoint,
                    sandbox=req.endpoints.sandbox, app_version=__version__, rows=validated.checks.height,
                    codes=len(plan.codes), lookup_key=lookup_key)
                lock = RunLock(_table_dir(self.root, self.run_id) / "lock")
                lock.acquire()
                self._lock = lock
                store_validated(self.root, self.run_id, validated)
            else:
                journal.set_run_status(self.run_id, "running")
            run_id = self.run_id
            if req.resend_uncertain:
                for j in state.uncertain_jobs + state.failed_jobs:
                    journal.retire(j.id, "re-sent on request (--resend-uncertain)")
            else:
                for j in state.uncertain_jobs:
                    if j.job_id is None:
                        journal.mark_uncertain(j.id, j.error or "interrupted while the job was being submitted")
            if plan.cached:
                journal.copy_cached(run_id, (cache[c] for c in plan.cached), lookup_key=lookup_key,
                                    currentness=s.currentness)
            self.answered = journal.answered_codes(run_id)

            runner = PriceApiJobRunner(
                pa, journal, run_id, s, lookup_key=lookup_key, on_products=self._on_products,
                on_change=lambda msg: self._priceapi_progress(runner, plan, msg), poll_config=req.tuning.poll)
            rep.set_phase("priceapi", None)  # the runner reports as soon as its jobs are registered
            failures: dict[str, str] = {}
            try:
                async with asyncio.TaskGroup() as tg:
                    tg.create_task(runner.run(plan.chunks, [*state.known_jobs, *adopted], first_chunk=state.next_chunk,
                                              wanted=wanted))
                    if s.officiscan:
                        tg.create_task(self._guard("officiscan", failures,
                                                   self._officiscan(stack, journal, run_id, codes)))
                    if s.monitorize:
                        tg.create_task(self._guard("monitorize", failures,
                                                   self._monitorize(stack, journal, run_id, codes, match_keys)))
            except BaseExceptionGroup as group:
                # a task group wraps what stopped it; the faces expect the error itself
                raise first_error(group) from None
            for service in ("officiscan", "monitorize"):
                journal.set_service_failure(run_id, service, failures.get(service))
            submission_stopped = runner.submission_stopped

        rep.set_phase("merging", "Merging the answers")
        missing = [c for c in plan.codes if c not in self.answered]
        status = "partial" if missing or submission_stopped else "finished"
        message = submission_stopped
        uncertain = {v for j in journal.jobs(run_id) if j.state in ("intent", "uncertain") for v in j.values}
        # codes held back because another run's submission of them is in doubt: say so on their rows
        elsewhere = {v: j for j in planned.doubtful for v in j.values if v in plan.uncertain and v not in uncertain}
        if elsewhere:
            journal.put_enrichment(run_id, DOUBT_ELSEWHERE, (
                (v, json.dumps(f"{UNCERTAIN_REASON} (job {j.chunk + 1} of run {j.run_id})"))
                for v, j in elsewhere.items()))
        uncertain |= elsewhere.keys()
        if uncertain:
            message = (f"{len(uncertain):,} codes are in a job whose submission is uncertain: they were not sent "
                       "again, to avoid paying twice. `--resume --resend-uncertain` sends them again.")
            rep.emit(message)
        journal.set_run_status(run_id, status, message=message, finished=True)
        result = build_result(journal, self.root, run_id, validated=validated)
        rep.set_phase("done", f"Done: {len(plan.codes):,} codes, {result.credits_used:,} credits used.")
        return result

    def _client(self, service: str) -> Any:
        req = self.request
        key = _key_for(req, service)
        url = req.endpoints.url(service)
        if service == "priceapi":
            from pricelookup.services.priceapi import PriceApiClient

            return PriceApiClient(url, key)
        if service == "officiscan":
            from pricelookup.services.http import HttpPolicy
            from pricelookup.services.officiscan import OfficiscanClient

            t = req.tuning
            return OfficiscanClient(url, key, policy=HttpPolicy(min_interval=1 / t.officiscan_rate,
                                                                 max_concurrency=t.officiscan_concurrency))
        if service == "monitorize":
            from pricelookup.services.monitorize import MonitorizeClient

            return MonitorizeClient(url, key)
        raise ValueError(service)

    def _on_products(self, products: dict[str, PriceApiProduct], credits: int) -> None:
        # only the keys are kept: the answers are in the journal (a million products with their
        # offers were 6.4 GB of objects), and the result reads them back as they are needed
        self.answered.update(products)
        self.credits += credits

    def _priceapi_progress(self, runner: PriceApiJobRunner, plan: LookupPlan, message: str | None) -> None:
        known = len(plan.answered) + len(plan.cached)
        total = known + runner.requested() + len(plan.uncertain)
        done = known + runner.completed() + len(plan.uncertain)
        self.reporter.jobs = runner.jobs_view()
        self.reporter.update("priceapi", done, total, eta=runner.eta(), message=message)

    async def _guard(self, service: str, failures: dict[str, str], work: Any) -> None:
        """Run an enrichment stage; its failure is recorded, never stops the run."""
        try:
            problem = await work
        except ServiceError as exc:
            problem = str(exc)
        except (OSError, ValueError) as exc:
            problem = f"{SERVICE_NAMES[service]}: unexpected failure ({type(exc).__name__}); the run went on without it."
        if problem:
            failures[service] = problem
            self.reporter.update(service, 1, 1, message=f"{problem} The run goes on without it.")

    async def _officiscan(self, stack: AsyncExitStack, journal: Journal, run_id: str, codes: list[str]) -> str | None:
        client = await stack.enter_async_context(self._client("officiscan"))
        s, t = self.settings, self.request.tuning

        def tick(done: int, total: int, message: str | None) -> None:
            self.reporter.update("officiscan", done, total, message=message)

        return await enrichment.officiscan_stage(
            client, journal, run_id, codes, days=s.officiscan_days, network=s.officiscan_network,
            variants=s.officiscan_variants, concurrency=max(1, t.officiscan_concurrency * 2), tick=tick)

    async def _monitorize(self, stack: AsyncExitStack, journal: Journal, run_id: str, codes: list[str],
                          keys: dict[str, str] | None) -> str | None:
        client = await stack.enter_async_context(self._client("monitorize"))
        s = self.settings

        def tick(done: int, total: int, message: str | None) -> None:
            self.reporter.update("monitorize", done, total, message=message)

        return await enrichment.monitorize_stage(client, journal, run_id, codes, match_keys=keys,
                                                 history=s.monitorize_history, tick=tick)


def first_error(group: BaseExceptionGroup[Any]) -> BaseException:
    """The error that stopped a task group: the first of ours (PriceLookupError) at any depth, else
    a cancellation, else the first exception."""
    flat: list[BaseException] = []

    def walk(g: BaseExceptionGroup[Any]) -> None:
        for e in g.exceptions:
            if isinstance(e, BaseExceptionGroup):
                walk(e)
            else:
                flat.append(e)

    walk(group)
    for kind in (PriceLookupError, asyncio.CancelledError, KeyboardInterrupt):
        for e in flat:
            if isinstance(e, kind):
                return e
    return flat[0] if flat else group


def _fingerprint_diff(theirs: dict[str, Any], ours: dict[str, Any]) -> list[str]:
    return [f"{k} {theirs.get(k)!s} instead of {ours.get(k)!s}" for k in sorted(set(theirs) | set(ours))
            if theirs.get(k) != ours.get(k)]


def resume_conflict(journal: Journal, codes: Iterable[str], *, fingerprint: dict[str, Any],
                    sha256: str | None) -> str | None:
    """Why ``--resume`` must not start a new paid run: an unfinished run of other settings or of a
    changed file holds jobs for some of ``codes``; None when there is no such run."""
    wanted = set(codes)
    for run in journal.resumable_runs():
        jobs = [j for j in journal.jobs(run.run_id) if j.state in ("intent", "submitted", "uncertain")]
        submitted = [j for j in jobs if j.state == "submitted"]
        shared = {v for j in jobs for v in j.values if v in wanted}
        if not shared:
            continue
        diff = _fingerprint_diff(json.loads(run.fingerprint), fingerprint)
        if sha256 is not None and run.input_sha256 != sha256:
            diff.insert(0, f"input {Path(run.input_path or '?').name} as it was then")
        differs = f" ({'; '.join(diff)})" if diff else ""
        doubt = len(jobs) - len(submitted)
        in_doubt = f" and {doubt} job{'s' if doubt != 1 else ''} in doubt" if doubt else ""
        return (f"Run {run.run_id}{differs} has {len(submitted)} submitted job{'s' if len(submitted) != 1 else ''}"
                f"{in_doubt} for {len(shared):,} of these codes. `--resume` continues a run only with its own "
                "file and settings: resume it with those, or start afresh with `--new` (its answers and "
                "submitted jobs are reused where the settings match; nothing already paid is paid again).")
    return None


def doubt_message(plan: LookupPlan, jobs: Iterable[JobRow], resend: bool,
                  settings: RunSettings) -> str | None:
    """Which values are in doubt (a submission whose outcome is unknown) and what ``--resend-uncertain``
    would cost; None when no value of this plan is in doubt."""
    codes = set(plan.codes) - plan.answered - plan.cached
    doubtful = [j for j in jobs if not codes.isdisjoint(j.values)]
    values = [v for j in doubtful for v in j.values if v in codes]
    if not values:
        return None
    shown = ", ".join(values[:10]) + (f", … ({len(values) - 10:,} more)" if len(values) > 10 else "")
    where = "; ".join(f"job {j.chunk + 1} of run {j.run_id} ({j.error or 'no answer to its submission'})"
                      for j in doubtful[:3]) + (f"; {len(doubtful) - 3} more jobs" if len(doubtful) > 3 else "")
    credits = estimate_credits(len(values), settings)
    if resend:
        return (f"Sending again, as asked (--resend-uncertain), {len(values):,} codes whose earlier submission "
                f"is uncertain, for about {credits:,} credits (paid twice if the first job was created): {shown}.")
    return (f"{len(values):,} codes are in doubt — their job may have been created, so they are not sent "
            f"again: {shown}. From: {where}. PriceAPI offers no way to look a lost job up; "
            f"`--resume --resend-uncertain` sends them again for about {credits:,} credits "
            "(paid twice if the first job was created).")


# --- the result, from memory and the journal ------------------------------------------------------


def _status_for(run: RunRow) -> str:
    if run.status in ("finished", "partial"):
        return run.status
    return "cancelled" if run.status == "cancelled" else "partial"


def build_result(journal: Journal, root: Path, run_id: str, *,
                 validated: ValidatedTable | None = None) -> RunResult:
    """The :class:`RunResult` of ``run_id``, its answers read from the journal as they are needed."""
    run = journal.get_run(run_id)
    settings = RunSettings.from_dict(run.settings)
    if validated is None:
        validated = load_validated(root, run_id)
    cached = journal.cached_codes(run_id)
    # rows whose job may exist but was never confirmed, or was lost: say so, invent nothing
    # (a status, not an answer: kept in memory beside the stored answers, which win)
    status_rows: dict[str, PriceApiProduct] = {}
    for v in journal.enrichment(run_id, DOUBT_ELSEWHERE):
        status_rows[v] = missing_product(v, settings, UNCERTAIN_REASON)
    for j in journal.jobs(run_id):
        reason = {"intent": UNCERTAIN_REASON, "uncertain": UNCERTAIN_REASON, "failed": LOST_REASON}.get(j.state)
        if reason is None:
            continue
        for v in j.values:
            status_rows.setdefault(v, missing_product(v, settings, reason))
    priceapi = JournalProducts(journal.path, run_id, extra=status_rows)

    def decode_kind(kind: str, tp: Any) -> dict[str, Any]:
        return {code: codec.record_from_json(tp, text) for code, text in journal.enrichment(run_id, kind).items()}

    previous = _previous(journal, run_id, priceapi.keys(), settings)
    return RunResult(
        run_id=run_id,
        validated=validated,
        settings=settings,
        status=_status_for(run),  # type: ignore[arg-type]
        started_at=run.started_at,
        finished_at=run.finished_at,
        app_version=run.app_version,
        credits_used=journal.credits_used(run_id),
        priceapi=priceapi,
        cached=frozenset(cached),
        officiscan=decode_kind(enrichment.OFFICISCAN, codec.SNAPSHOTS),
        officiscan_variants=decode_kind(enrichment.OFFICISCAN_VARIANTS, codec.VARIANTS),
        monitorize=decode_kind(enrichment.MONITORIZE, MonitorizeProduct),
        monitorize_lowest=decode_kind(enrichment.MONITORIZE_LOWEST, MonitorizeProduct),
        monitorize_history=decode_kind(enrichment.MONITORIZE_HISTORY, codec.HISTORY),
        service_failures=journal.service_failures(run_id),
        previous=previous,
    )


def _previous(journal: Journal, run_id: str, codes: Iterable[str], settings: RunSettings) -> PreviousRun | None:
    codes = set(codes)
    prev_id = journal.previous_run(run_id, codes, source=settings.source, country=settings.country)
    if prev_id is None:
        return None
    prev = journal.get_run(prev_id)
    products = JournalProducts(journal.path, prev_id)
    mon = {code: codec.record_from_json(MonitorizeProduct, text)
           for code, text in journal.enrichment(prev_id, enrichment.MONITORIZE).items() if code in codes}
    return PreviousRun(run_id=prev_id, finished_at=prev.finished_at or prev.updated_at, priceapi=products,
                       monitorize=mon)


# --- estimate ----------------------------------------------------------------------------------


async def estimate_cost(request: RunRequest, validated: ValidatedTable) -> CostEstimate:
    """See :func:`pricelookup.run.api.estimate`."""
    from pricelookup.run.api import CostEstimate
    from pricelookup.services.priceapi import PriceApiClient

    s = request.settings
    codes = validated.lookup_codes(include_restricted=s.include_restricted)
    root = resolve_data_dir(request.data_dir)
    plan = make_plan(codes)
    from pricelookup.paths import JOURNAL_FILE

    if (root / JOURNAL_FILE).exists():
        with Journal.open(root) as journal:
            row = None
            if request.resume:
                row = journal.find_resumable(
                    input_sha256=None if s.snipcart_input else validated.table.sha256,
                    sheet=validated.table.sheet, code_column=validated.table.code_column,
                    fingerprint=s.lookup_fingerprint(), endpoint=request.endpoints.priceapi)
            plan = plan_lookup(journal, request, codes, row.run_id if row else None).plan
    remaining: int | None = None
    async with PriceApiClient(request.endpoints.priceapi, _key_for(request, "priceapi")) as pa:
        remaining = (await pa.usage_today()).remaining
    return CostEstimate(
        unique_codes=len(plan.codes), credits=estimate_credits(len(plan.to_submit), s), remaining_today=remaining,
        budget=s.budget, cached=len(plan.cached), jobs=job_count(len(plan.to_submit)),
        already_answered=len(plan.answered), in_flight=len(plan.in_flight), uncertain=len(plan.uncertain),
        may_cost_more=cost_may_exceed_estimate(s))


# --- journal queries --------------------------------------------------------------------------------


def _info(journal: Journal, run: RunRow) -> RunInfo:
    from pricelookup.run.api import RunInfo

    return RunInfo(run_id=run.run_id, input_path=run.input_path, started_at=run.started_at, status=run.status,
                   settings=RunSettings.from_dict(run.settings), finished_at=run.finished_at, sheet=run.sheet,
                   code_column=run.code_column, rows=run.rows, codes=run.codes,
                   credits_used=journal.credits_used(run.run_id), message=run.message, sandbox=run.sandbox)


def _open_existing(data_dir: Path | None) -> Journal | None:
    from pricelookup.paths import JOURNAL_FILE

    root = resolve_data_dir(data_dir)
    return Journal.open(root) if (root / JOURNAL_FILE).exists() else None


def all_runs(data_dir: Path | None) -> list[RunInfo]:
    """Every run, newest first."""
    journal = _open_existing(data_dir)
    if journal is None:
        return []
    with journal:
        return [_info(journal, r) for r in journal.list_runs()]


def unfinished_runs(data_dir: Path | None) -> list[RunInfo]:
    """Runs that can be resumed (not finished, not being worked on elsewhere), newest first."""
    root = resolve_data_dir(data_dir)
    journal = _open_existing(data_dir)
    if journal is None:
        return []
    with journal:
        return [_info(journal, r) for r in journal.resumable_runs()
                if not RunLock(_table_dir(root, r.run_id) / "lock").held_elsewhere()]


def load_run_result(run_id: str, data_dir: Path | None) -> RunResult:
    """See :func:`pricelookup.run.api.load_run`."""
    root = resolve_data_dir(data_dir)
    journal = _open_existing(data_dir)
    if journal is None:
        raise JournalError(f"There is no journal in {root}; run a look-up first or pass the right --data-dir.")
    with journal:
        return build_result(journal, root, run_id)


def summarize(result: RunResult) -> RunSummary:
    """Counts for the final summary."""
    from pricelookup.export.summary import lookup_counts
    from pricelookup.run.api import RunSummary

    checks = result.validated.checks
    statuses = checks.get_column("status").to_list()
    usable = sum(1 for st in statuses if st in ("valid", "repaired"))
    dup = checks.get_column("duplicate_of").is_not_null().sum() if "duplicate_of" in checks.columns else 0
    # the very counts of the workbook's Summary sheet: one count everywhere (restricted codes
    # that were not looked up are "not looked up" in both)
    c = lookup_counts(result)
    return RunSummary(
        rows=checks.height, valid=usable, invalid=len(statuses) - usable, duplicates=int(dup),
        looked_up=c.found + c.not_found, found=c.found, not_found=c.not_found, failed=c.failed,
        not_looked_up=c.not_looked_up, from_cache=c.from_cache, credits=result.credits_used)
