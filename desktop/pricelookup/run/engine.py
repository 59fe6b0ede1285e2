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
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from pricelookup import __version__
from pricelookup.errors import (
    JournalError,
    PriceLookupError,
    RunCancelled,
    ServiceError,
    SettingsError,
    words_of,
)
from pricelookup.journal import Journal, RunInfo, RunLock
from pricelookup.paths import data_dir as resolve_data_dir
from pricelookup.phrasing import QT_TRANSLATE_NOOP, Phrase, counted, phrase
from pricelookup.records import PriceApiProduct
from pricelookup.results import RunResult
from pricelookup.run import enrichment
from pricelookup.run.contracts import RunRequest
from pricelookup.run.inputs import key_for, load_input_async
from pricelookup.run.plan import (
    CODES,
    CREDITS,
    JOBS,
    LookupPlan,
    check_budget,
    cost_may_exceed_estimate,
    estimate_credits,
    job_count,
)
from pricelookup.run.planning import (
    doubt_message,
    lookup_key_of,
    plan_lookup,
    resume_conflict,
    same_input,
)
from pricelookup.run.priceapi_jobs import UNCERTAIN_REASON, PriceApiJobRunner
from pricelookup.run.progress import CancelToken, ProgressSink, Reporter, stage_weights
from pricelookup.run.queries import build_result
from pricelookup.run.table_store import load_validated, store_validated, table_dir
from pricelookup.services.monitorize import MonitorizeClient
from pricelookup.services.officiscan import OfficiscanClient
from pricelookup.services.priceapi import PriceApiClient
from pricelookup.settings import SERVICE_NAMES
from pricelookup.validation import ValidatedTable

log = logging.getLogger(__name__)

# --- what the run says on the way (Progress.message; templates: pricelookup.phrasing) ----------------------
_IMPORTING_SNIPCART = QT_TRANSLATE_NOOP("Engine", "Importing the Snipcart catalogue")
_READING = QT_TRANSLATE_NOOP("Engine", "Reading {path}")
_NO_RUN_TO_RESUME = QT_TRANSLATE_NOOP(
    "Engine", "No interrupted run of this input with these settings was found; starting a new run.")
_RESUMING = QT_TRANSLATE_NOOP("Engine", "Resuming run {run} started {started} UTC")
_EARLIER_RUN = QT_TRANSLATE_NOOP(
    "Engine", "Note: run {run} of this input was interrupted; this new run reuses its answers and collects its "
    "submitted jobs (nothing is paid twice). `--resume` would continue that run instead.")
_RESTRICTED_ASKED = (
    QT_TRANSLATE_NOOP("Engine", "1 restricted-circulation or coupon code is looked up and paid for, as asked "
                      "(--include-restricted)."),
    QT_TRANSLATE_NOOP("Engine", "{n} restricted-circulation or coupon codes are looked up and paid for, as asked "
                      "(--include-restricted)."))
_RESTRICTED_LEFT_OUT = (
    QT_TRANSLATE_NOOP("Engine", "1 restricted-circulation or coupon code is not looked up: it identifies nothing "
                      "outside one shop or country (--include-restricted looks it up, paid)."),
    QT_TRANSLATE_NOOP("Engine", "{n} restricted-circulation or coupon codes are not looked up: they identify "
                      "nothing outside one shop or country (--include-restricted looks them up, paid)."))
_ADOPTED = (
    QT_TRANSLATE_NOOP("Engine", "1 code is in {jobs} submitted by an earlier run ({runs}); it is collected, not "
                      "paid again."),
    QT_TRANSLATE_NOOP("Engine", "{n} codes are in {jobs} submitted by an earlier run ({runs}); they are collected, "
                      "not paid again."))
_TO_LOOK_UP = QT_TRANSLATE_NOOP(
    "Engine", "{codes} to look up: {answered} already answered, {in_flight} in submitted jobs, {cached} from "
    "recent runs (free), {to_submit} to submit in {jobs} for about {credits}.")
_MAY_COST_MORE = QT_TRANSLATE_NOOP("Engine", "{credits} (it may cost more: several pages per code are possible)")
_MERGING = QT_TRANSLATE_NOOP("Engine", "Merging the answers")
_UNCERTAIN_CODES = (
    QT_TRANSLATE_NOOP("Engine", "1 code is in a job whose submission is uncertain: it was not sent again, to avoid "
                      "paying twice. `--resume --resend-uncertain` sends it again."),
    QT_TRANSLATE_NOOP("Engine", "{n} codes are in a job whose submission is uncertain: they were not sent again, "
                      "to avoid paying twice. `--resume --resend-uncertain` sends them again."))
_DONE = QT_TRANSLATE_NOOP("Engine", "Done: {codes}, {credits} used.")
_GOES_ON_WITHOUT = QT_TRANSLATE_NOOP("Engine", "{problem} The run goes on without it.")
_RUN_BUSY = QT_TRANSLATE_NOOP(
    "Engine", "Run {run} is being worked on by another Price Lookup window or command right now; let it finish or "
    "close it first.")


class Engine:
    """One run. Create, then ``await run(validated)``."""

    def __init__(self, request: RunRequest, *, progress: ProgressSink, cancel: CancelToken) -> None:
        self.request = request
        self.settings = request.settings
        self.cancel = cancel
        self.root = resolve_data_dir(request.data_dir)
        self.reporter = Reporter(progress, stage_weights(request.settings), interval=request.tuning.progress_interval)
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
                                        phrase(_IMPORTING_SNIPCART) if self.settings.snipcart_input
                                        else phrase(_READING, path=str(self.request.input_path)))
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
        lookup_key = lookup_key_of(req)
        table = validated.table
        snip = s.snipcart_input

        run_row: RunInfo | None = None
        same_run = same_input(req, validated)
        if req.resume:
            run_row = journal.find_resumable(**same_run)
            if run_row is None:
                # Another unfinished run may hold jobs for these very codes (other settings, a
                # changed file): starting a new paid run silently would pay for them again.
                conflict = resume_conflict(journal, codes, fingerprint=fingerprint, sha256=same_run["input_sha256"])
                if conflict is not None:
                    raise SettingsError(conflict)
                rep.emit(phrase(_NO_RUN_TO_RESUME))
            else:
                lock = RunLock(table_dir(self.root, run_row.run_id) / "lock")
                if not lock.acquire():
                    raise JournalError(phrase(_RUN_BUSY, run=run_row.run_id))
                self._lock = lock
                self.run_id = run_row.run_id
                with contextlib.suppress(JournalError):
                    validated = load_validated(self.root, run_row.run_id)
                    codes = validated.lookup_codes(include_restricted=s.include_restricted)
                rep.emit(phrase(_RESUMING, run=run_row.run_id, started=f"{run_row.started_at:%Y-%m-%d %H:%M}"))
        elif not req.new:
            earlier = journal.find_resumable(**same_run)
            if earlier is not None:
                rep.emit(phrase(_EARLIER_RUN, run=earlier.run_id))

        # settings mistakes stop the run here, before anything is paid
        match_keys = (enrichment.monitorize_keys_from_column(validated, s.monitorize_match_column)
                      if s.monitorize and s.monitorize_match_column else None)
        restricted = len(set(validated.lookup_codes(include_restricted=True)) - set(
            validated.lookup_codes(include_restricted=False)))
        if restricted and s.include_restricted:
            rep.emit(counted(restricted, *_RESTRICTED_ASKED))
        elif restricted:
            rep.emit(counted(restricted, *_RESTRICTED_LEFT_OUT))
        planned = plan_lookup(journal, req, codes, self.run_id)
        state, plan, cache, adopted = planned.state, planned.plan, planned.cache, planned.adopted
        wanted = frozenset(codes)
        if adopted:
            n_adopted = sum(1 for j in adopted for v in j.values if v in wanted)
            rep.emit(phrase(_ADOPTED[n_adopted != 1], n=f"{n_adopted:,}", jobs=counted(len(adopted), *JOBS),
                            runs=", ".join(sorted({j.run_id for j in adopted}))))
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
            about = counted(credits, *CREDITS)
            rep.emit(phrase(
                _TO_LOOK_UP, codes=counted(len(plan.codes), *CODES), answered=f"{len(plan.answered):,}",
                in_flight=f"{len(plan.in_flight):,}", cached=f"{len(plan.cached):,}",
                to_submit=f"{len(plan.to_submit):,}", jobs=counted(job_count(len(plan.to_submit)), *JOBS),
                credits=phrase(_MAY_COST_MORE, credits=about) if cost_may_exceed_estimate(s) else about))

            if self.run_id is None:
                self.run_id = journal.create_run(
                    input_path=str(table.path) if snip else str(Path(table.path).resolve()),
                    input_sha256=table.sha256, sheet=table.sheet, code_column=table.code_column,
                    settings=s.to_dict(), fingerprint=fingerprint, endpoint=endpoint,
                    sandbox=req.endpoints.sandbox, app_version=__version__, rows=validated.checks.height,
                    codes=len(plan.codes), lookup_key=lookup_key)
                lock = RunLock(table_dir(self.root, self.run_id) / "lock")
                lock.acquire()
                self._lock = lock
                store_validated(self.root, self.run_id, validated)
            else:
                journal.set_run_status(self.run_id, "running")
            run_id = self.run_id
            rep.run_id = run_id  # from now on every progress snapshot names the run
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

        rep.set_phase("merging", phrase(_MERGING))
        missing = [c for c in plan.codes if c not in self.answered]
        status = "partial" if missing or submission_stopped else "finished"
        message = submission_stopped
        uncertain = {v for j in journal.jobs(run_id) if j.state in ("intent", "uncertain") for v in j.values}
        # codes held back because another run's submission of them is in doubt: say so on their rows
        elsewhere = {v: j for j in planned.doubtful for v in j.values if v in plan.uncertain and v not in uncertain}
        if elsewhere:
            journal.put_enrichment(run_id, enrichment.DOUBT_ELSEWHERE, (
                (v, json.dumps(f"{UNCERTAIN_REASON} (job {j.chunk + 1} of run {j.run_id})"))
                for v, j in elsewhere.items()))
        uncertain |= elsewhere.keys()
        if uncertain:
            said = counted(len(uncertain), *_UNCERTAIN_CODES)
            message = str(said)
            rep.emit(said)
        journal.set_run_status(run_id, status, message=message, finished=True)
        result = build_result(journal, self.root, run_id, validated=validated)
        rep.set_phase("done", phrase(_DONE, codes=counted(len(plan.codes), *CODES),
                                     credits=counted(result.credits_used, *CREDITS)))
        return result

    def _client(self, service: str) -> Any:
        req = self.request
        key = key_for(req, service)
        url = req.endpoints.url(service)
        if service == "priceapi":
            return PriceApiClient(url, key)
        if service == "officiscan":
            t = req.tuning
            return OfficiscanClient(url, key, policy=OfficiscanClient.paced_policy(
                max_rate=t.officiscan_rate, start_rate=t.officiscan_start_rate,
                max_concurrency=t.officiscan_concurrency))
        if service == "monitorize":
            return MonitorizeClient(url, key)
        raise ValueError(service)

    def _on_products(self, products: dict[str, PriceApiProduct], credits: int) -> None:
        # only the keys are kept: the answers are in the journal (a million products with their
        # offers were 6.4 GB of objects), and the result reads them back as they are needed
        self.answered.update(products)
        self.credits += credits

    def _priceapi_progress(self, runner: PriceApiJobRunner, plan: LookupPlan, message: str | Phrase | None) -> None:
        known = len(plan.answered) + len(plan.cached)
        total = known + runner.requested() + len(plan.uncertain)
        done = known + runner.completed() + len(plan.uncertain)
        self.reporter.jobs = runner.jobs_view()
        self.reporter.update("priceapi", done, total, eta=runner.eta(), message=message)

    async def _guard(self, service: str, failures: dict[str, str], work: Any) -> None:
        """Run an enrichment stage; its failure is recorded, never stops the run."""
        problem: str | Phrase | None
        try:
            problem = await work
        except ServiceError as exc:
            problem = words_of(exc)
        except (OSError, ValueError) as exc:
            problem = phrase(enrichment.UNEXPECTED_FAILURE, service=SERVICE_NAMES[service], kind=type(exc).__name__)
        if problem:
            failures[service] = str(problem)  # the journal keeps the English (the window reads it back)
            self.reporter.update(service, 1, 1, message=phrase(_GOES_ON_WITHOUT, problem=problem))

    async def _officiscan(self, stack: AsyncExitStack, journal: Journal, run_id: str,
                          codes: list[str]) -> str | Phrase | None:
        client = await stack.enter_async_context(self._client("officiscan"))
        s, t = self.settings, self.request.tuning

        def tick(done: int, total: int, message: str | Phrase | None) -> None:
            self.reporter.update("officiscan", done, total, message=message)

        return await enrichment.officiscan_stage(
            client, journal, run_id, codes, days=s.officiscan_days, network=s.officiscan_network,
            variants=s.officiscan_variants, concurrency=max(1, t.officiscan_concurrency * 2), tick=tick)

    async def _monitorize(self, stack: AsyncExitStack, journal: Journal, run_id: str, codes: list[str],
                          keys: dict[str, str] | None) -> str | Phrase | None:
        client = await stack.enter_async_context(self._client("monitorize"))
        s = self.settings

        def tick(done: int, total: int, message: str | Phrase | None) -> None:
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
