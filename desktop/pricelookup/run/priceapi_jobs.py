"""PriceAPI bulk jobs in flight: submit (journal first), poll adaptively, download each when finished.

All chunks are submitted one after the other as fast as PriceAPI answers:
the service queues them FIFO and works a few at once, so submitting early
costs nothing and keeps its queue full. Submission is sequential so that our
submission order *is* the FIFO order the poll planner reasons about.

Polling follows :class:`~pricelookup.run.polling.PollPlanner`, with one
:class:`~pricelookup.run.polling.PollPacer` for all the run's jobs (at most
``PollConfig.max_polls_per_second`` status requests a second, the job expected
to finish first asked first); each job is downloaded as soon as it is seen
finished, while the others keep working.

PriceAPI saying "busy" (429, 5xx; its own error body or not) is waited out: the
client's policy retries first; when its retries run out, a status request or a
download is asked again later, and a chunk whose ``POST /jobs`` was refused
with 429 (so not created) is submitted again after a wait. Only a wait longer
than :data:`LONGEST_WAIT`, or failures that persist, stop the run.
Every step is recorded in the journal before or right after it happens:

* intent row committed -> ``POST /jobs`` -> job id committed;
* a ``JobSubmissionUncertain`` (the POST may have created a job) marks the
  chunk ``uncertain``: never sent again automatically;
* results and credits are committed together with the job's ``downloaded``.
"""

from __future__ import annotations

import asyncio
import logging
import math
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass

from pricelookup.errors import (
    AuthenticationError,
    NotFoundError,
    QuotaExceededError,
    RateLimitedError,
    RequestRejectedError,
    ServiceError,
    words_of,
)
from pricelookup.journal import JobRow, Journal
from pricelookup.phrasing import QT_TRANSLATE_NOOP, Phrase, counted, phrase
from pricelookup.records import PriceApiProduct, PriceApiResults
from pricelookup.run import codec
from pricelookup.run.plan import CODES
from pricelookup.run.polling import PollConfig, PollPacer, PollPlanner
from pricelookup.run.progress import JobProgress
from pricelookup.services.priceapi import JobNotFinished, JobSubmissionUncertain, PriceApiClient
from pricelookup.settings import RunSettings

log = logging.getLogger(__name__)

#: reason on rows whose job submission may have reached PriceAPI without an answer
UNCERTAIN_REASON = "submission uncertain — not re-sent to avoid paying twice"
#: reason on rows whose values PriceAPI left out of a finished job's results
MISSING_REASON = "no answer for this code in PriceAPI's results"
#: reason on rows whose job PriceAPI lost (job not found)
LOST_REASON = "PriceAPI lost the job (job not found) — not re-sent to avoid paying twice"

#: errors that stop the run (the journal keeps every job for --resume): asking again would not
#: help (key refused, quota, a rejected request), or PriceAPI asked us to wait longer than a
#: run should sit idle (a RateLimitedError past :data:`LONGEST_WAIT`; shorter ones, which reach
#: the runner only past the policy's own waits, are waited out a few times more first)
STOPPING: tuple[type[ServiceError], ...] = (AuthenticationError, QuotaExceededError, RequestRejectedError,
                                            RateLimitedError)

#: the longest wait PriceAPI may ask for (Retry-After, seconds) that a run sits through; a longer
#: one stops the run (the journal keeps every job; --resume continues)
LONGEST_WAIT = 120.0

# what the runner says on the way (Progress.message; templates: pricelookup.phrasing). ``{job}`` is the
# job's number in the run before PriceAPI gave it an id, its id after.
_STOPPED_SUBMITTING = QT_TRANSLATE_NOOP("Engine", "Stopped submitting: {error}")
_NOT_CREATING = QT_TRANSLATE_NOOP(
    "Engine", "Job {job}: PriceAPI is not creating jobs for now ({error}); submitting it again in {wait} s")
_JOB_SAYS = QT_TRANSLATE_NOOP("Engine", "Job {job}: {error}")
_SUBMITTED = QT_TRANSLATE_NOOP("Engine", "Submitted job {job} ({codes}) as {id}")
_STATUS_UNAVAILABLE = QT_TRANSLATE_NOOP("Engine", "Job {job}: status unavailable for now ({error}); asking again later")
_DOWNLOAD_REFUSED = QT_TRANSLATE_NOOP("Engine", "Job {job}: download refused for now ({error}); trying again")
_DOWNLOAD_FAILED = QT_TRANSLATE_NOOP("Engine", "Job {job}: download failed ({error}); trying again")
_FINISHED = QT_TRANSLATE_NOOP("Engine", "Job {job} finished: {found} of {codes} found; downloaded")

#: states after which a job needs nothing more from this run
TERMINAL = frozenset({"downloaded", "uncertain", "failed", "rejected"})


def _too_long(exc: RateLimitedError) -> bool:
    """Whether PriceAPI asked for a wait longer than a run sits through (:data:`LONGEST_WAIT`)."""
    return exc.retry_after is not None and exc.retry_after > LONGEST_WAIT


def normalize_value(value: str) -> str:
    """A returned ``value`` as the GTIN-14 key it was requested with (PriceAPI echoes the request)."""
    if len(value) == 14:
        return value
    v = value.strip()
    return v.zfill(14) if v.isascii() and v.isdigit() and len(v) < 14 else v


def missing_product(value: str, settings: RunSettings, reason: str) -> PriceApiProduct:
    """A row status for a value PriceAPI gave no product for (nothing else is invented)."""
    return PriceApiProduct(value=value, success=False, reason=reason, source=settings.source,
                           country=settings.country, key=settings.key)


@dataclass
class JobHandle:
    """One chunk of this run as the runner tracks it."""

    row: int  # jobs.id in the journal (-1 until the intent is written)
    chunk: int
    values: tuple[str, ...]
    job_id: str | None = None
    state: str = "planned"  # planned | intent | submitted | downloading | downloaded | uncertain | failed | rejected
    status: str = "planned"  # as PriceAPI last reported it
    completed: int = 0
    progress: int = 0
    error: str | None = None
    poll_failures: int = 0
    not_before: float = 0.0
    #: the run that submitted (and pays for) the job, when it is another run's job collected here
    owner: str | None = None
    #: with ``owner``: the values of this run's own codes among the job's values
    adopted: frozenset[str] = frozenset()

    def view(self) -> JobProgress:
        """The user's view of this job."""
        status = self.state if self.state in ("downloaded", "uncertain", "failed") else self.status
        done = len(self.values) if self.state == "downloaded" else self.completed
        return JobProgress(job_id=self.job_id, status=status, requested=len(self.values), completed=done,
                           progress=100 if self.state == "downloaded" else self.progress)


class PriceApiJobRunner:
    """Runs one run's PriceAPI jobs to the end (or until cancelled).

    ``on_products`` receives each downloaded job's products (GTIN-14 -> product);
    ``on_change`` is called after anything the user may want to see changed.
    ``clock``/``sleep`` (else ``poll_config``'s, else the event loop's clock and
    ``asyncio.sleep``) time the polls and the download retries; tests inject a
    virtual clock, as :class:`~pricelookup.services.http.HttpPolicy` allows.
    """

    def __init__(
        self,
        client: PriceApiClient,
        journal: Journal,
        run_id: str,
        settings: RunSettings,
        *,
        lookup_key: str,
        on_products: Callable[[dict[str, PriceApiProduct], int], None],
        on_change: Callable[[str | Phrase | None], None],
        poll_config: PollConfig | None = None,
        max_parallel_polls: int = 8,
        max_parallel_downloads: int = 2,
        give_up_after_failures: int = 3,
        clock: Callable[[], float] | None = None,
        sleep: Callable[[float], Awaitable[None]] | None = None,
    ) -> None:
        self.client = client
        self.journal = journal
        self.run_id = run_id
        self.settings = settings
        self.lookup_key = lookup_key
        self.on_products = on_products
        self.on_change = on_change
        config = poll_config or PollConfig()
        self.planner = PollPlanner(config)
        self.handles: list[JobHandle] = []
        self._by_row: dict[int, JobHandle] = {}
        self._poll_slots = asyncio.Semaphore(max_parallel_polls)
        # one pace for every job of the run: what PriceAPI sees from this account in all
        self._pacer = PollPacer(config.max_polls_per_second)
        # Few downloads at once: with ten finished jobs, ten interleaved transfers all end late
        # together; two at a time deliver the first job's answers early, and it is parsed and
        # stored while the next one is still on its way.
        self._download_slots = asyncio.Semaphore(max_parallel_downloads)
        self._give_up = give_up_after_failures
        self._wake = asyncio.Event()
        self._submitting = False
        self.status_requests = 0
        #: set when submitting stopped early (quota exceeded mid-run): plain words
        self.submission_stopped: str | None = None
        self._loop = asyncio.get_running_loop()
        self._clock = clock or config.clock or self._loop.time
        self._sleep = sleep or config.sleep or asyncio.sleep

    # --- public ---------------------------------------------------------------------------

    def now(self) -> float:
        """The runner's clock (by default the event loop's monotonic time)."""
        return self._clock()

    def requested(self) -> int:
        """Values in every chunk of this run (submitted or not)."""
        return sum(len(h.values) for h in self.handles)

    def completed(self) -> int:
        """Values PriceAPI has completed (downloaded jobs count in full)."""
        total = 0
        for h in self.handles:
            if h.state in ("downloaded", "downloading"):
                total += len(h.values)
            elif h.state in ("uncertain", "failed", "rejected"):
                total += len(h.values)  # nothing more will happen to them in this run
            else:
                total += h.completed
        return total

    def eta(self) -> float | None:
        """Seconds until the last job should be finished, or None if unknown yet."""
        if any(h.state in ("planned", "intent") for h in self.handles):
            return None
        return self.planner.eta(self.now())

    def jobs_view(self) -> tuple[JobProgress, ...]:
        """Every job as the user sees it, in submission order."""
        return tuple(h.view() for h in self.handles)

    async def run(self, chunks: Sequence[tuple[str, ...]], known: Sequence[JobRow], *, first_chunk: int,
                  wanted: frozenset[str] = frozenset()) -> None:
        """Collect ``known`` jobs (resume: polled, never re-submitted) and submit ``chunks``.

        A known job of another run (an interrupted run holding some of the same codes) is
        collected for its owner, and this run takes the answers to its own codes ``wanted``.
        """
        for row in known:
            owner = row.run_id if row.run_id != self.run_id else None
            h = JobHandle(row=row.id, chunk=row.chunk, values=row.values, job_id=row.job_id, state="submitted",
                          status=row.status or "new", completed=row.completed, progress=row.progress,
                          owner=owner, adopted=frozenset(row.values) & wanted if owner else frozenset())
            self._add(h)
            self.planner.add_known_job(h.row, len(h.values), self.now())
        planned = [JobHandle(row=-1, chunk=first_chunk + i, values=tuple(c)) for i, c in enumerate(chunks)]
        self.handles.extend(planned)
        self._submitting = bool(planned)
        self.on_change(None)
        async with asyncio.TaskGroup() as tg:
            if planned:
                tg.create_task(self._submit_all(planned))
            tg.create_task(self._poll_loop(tg))

    # --- submission -----------------------------------------------------------------------------

    def _add(self, h: JobHandle) -> None:
        self.handles.append(h)
        self._by_row[h.row] = h

    async def _submit_all(self, planned: list[JobHandle]) -> None:
        try:
            for i, h in enumerate(planned):
                try:
                    await self._submit_waiting(h)
                except QuotaExceededError as exc:
                    # PriceAPI's daily quota ran out mid-run: what is submitted still runs to
                    # the end; the rest is left for another day (--resume submits it)
                    self.submission_stopped = str(exc)
                    for rest in planned[i:]:
                        if rest.state in ("planned", "rejected"):
                            rest.state, rest.status, rest.error = "rejected", "not submitted", str(exc)
                    self.on_change(phrase(_STOPPED_SUBMITTING, error=words_of(exc)))
                    return
        finally:
            self._submitting = False
            self._wake.set()

    async def _submit_waiting(self, h: JobHandle) -> None:
        """:meth:`_submit`, waiting and trying again while PriceAPI refuses to create the job (429).

        A 429 means the job was not created (an answer naming a job is uncertain, never a 429
        error), so submitting the chunk again cannot pay twice.
        """
        refusals = 0
        while True:
            try:
                await self._submit(h)
                return
            except RateLimitedError as exc:
                refusals += 1
                if _too_long(exc) or refusals >= self._give_up:
                    raise
                wait = max(exc.retry_after or 0.0, min(LONGEST_WAIT, 15.0 * 2 ** refusals))
                h.state, h.status, h.error = "planned", "planned", None
                self.on_change(phrase(_NOT_CREATING, job=f"{h.chunk + 1}", error=words_of(exc), wait=f"{wait:.0f}"))
                await self._sleep(wait)

    async def _submit(self, h: JobHandle) -> None:
        s = self.settings
        # the intent is committed and flushed to disk BEFORE the POST (in a worker thread: the
        # fsync must not hold up the polling of the jobs already submitted)
        intent = asyncio.ensure_future(asyncio.to_thread(self.journal.add_intent, self.run_id, h.chunk, h.values))
        try:
            h.row = await asyncio.shield(intent)
        except asyncio.CancelledError:
            # cancelled before the POST: nothing was sent, so the intent must not look uncertain later
            done, _ = await asyncio.wait({intent}, timeout=0.5)
            if intent in done and intent.exception() is None:
                self.journal.mark_rejected(intent.result(), "cancelled before it was sent")
            raise
        h.state = "intent"
        self._by_row[h.row] = h
        post = asyncio.ensure_future(self.client.create_job(
            source=s.source, country=s.country, key=s.key, values=h.values,
            completeness=s.completeness, currentness=s.currentness))
        try:
            job = await asyncio.shield(post)
        except asyncio.CancelledError:
            # cancelled while the POST is on its way: give it a moment to answer so its
            # job id is kept; otherwise the job may exist and is marked uncertain
            answered, _ = await asyncio.wait({post}, timeout=0.6)
            if post in answered and not post.cancelled() and post.exception() is None:
                job = post.result()
                self.journal.mark_submitted(h.row, job.job_id, job.status)
            else:
                post.cancel()
                self.journal.mark_uncertain(h.row, "the run was cancelled while this job was being submitted")
            raise
        except ServiceError as exc:
            if isinstance(exc, JobSubmissionUncertain):
                self.journal.mark_uncertain(h.row, str(exc))
                h.state, h.status, h.error = "uncertain", "uncertain", str(exc)
                self.on_change(phrase(_JOB_SAYS, job=f"{h.chunk + 1}", error=words_of(exc)))
                return
            # PriceAPI said no (or the request never left): nothing was created or paid
            self.journal.mark_rejected(h.row, str(exc))
            h.state, h.status, h.error = "rejected", "not submitted", str(exc)
            raise
        self.journal.mark_submitted(h.row, job.job_id, job.status)
        h.job_id, h.state, h.status = job.job_id, "submitted", job.status
        self.planner.add_job(h.row, len(h.values), self.now())
        self._wake.set()
        self.on_change(phrase(_SUBMITTED, job=f"{h.chunk + 1}", codes=counted(len(h.values), *CODES), id=job.job_id))

    # --- polling --------------------------------------------------------------------------------

    def _active(self) -> list[JobHandle]:
        return [h for h in self.handles if h.state == "submitted"]

    async def _poll_loop(self, tg: asyncio.TaskGroup) -> None:
        while True:
            active = self._active()
            if not active and not self._submitting:
                return  # downloads still running finish inside the task group
            now = self.now()
            sched = self.planner.schedule(now)
            due: list[JobHandle] = []
            next_at: float | None = None
            for h in active:
                t = max(sched.get(h.row, now), h.not_before)
                if t <= now + 0.002:
                    due.append(h)
                else:
                    next_at = t if next_at is None else min(next_at, t)
            if due and self._pacer.take(now):
                if len(due) > 1:
                    # the cap holds the others back: the job expected to finish first goes first
                    urgency = self.planner.urgency(now)
                    due.sort(key=lambda h: urgency.get(h.row, (math.inf, h.chunk)))
                await self._poll(due[0], tg)
                self.on_change(None)
                continue
            if due:
                next_at = self._pacer.ready_at()
            self._wake.clear()
            await self._doze(None if next_at is None else max(0.0, next_at - self.now()))

    async def _doze(self, seconds: float | None) -> None:
        """Wait until woken (a job submitted or downloaded) or ``seconds`` passed on the runner's clock."""
        if seconds is None:
            await self._wake.wait()
            return
        # asyncio.wait, not wait_for: Python 3.11's wait_for can swallow a cancel that arrives
        # as the wait ends, and this loop then started polls nobody cancelled (a run stopped by
        # an error sat for minutes behind a Retry-After block); asyncio.wait passes a cancel on
        woken = asyncio.ensure_future(self._wake.wait())
        slept = asyncio.ensure_future(self._sleep(seconds))
        try:
            await asyncio.wait((woken, slept), return_when=asyncio.FIRST_COMPLETED)
        finally:
            woken.cancel()
            slept.cancel()

    async def _poll(self, h: JobHandle, tg: asyncio.TaskGroup) -> None:
        assert h.job_id is not None
        async with self._poll_slots:
            try:
                self.status_requests += 1
                job = await self.client.job_status(h.job_id)
            except RateLimitedError as exc:
                # PriceAPI said "too many requests" past the policy's retries: a status can wait
                if _too_long(exc):
                    raise
                self._poll_failed(h, exc)
                return
            except STOPPING:
                raise
            except NotFoundError as exc:
                self._lose(h, exc)
                return
            except ServiceError as exc:
                self._poll_failed(h, exc)
                return
        h.poll_failures = 0
        at = self.now()
        changed = job.status != h.status
        h.status, h.completed, h.progress = job.status, job.completed, job.progress
        self.planner.observe(h.row, at, job.status, job.completed, job.progress)
        if changed:
            self.journal.update_job_status(h.row, job.status, job.completed, job.progress)
        if job.status == "finished":
            download = self._download(h)
            try:
                tg.create_task(download)
            except RuntimeError:
                # The group is shutting down: the run is being cancelled (or failed) while this
                # status answer was on its way, and the request did not give way to the cancel.
                # Say so as a cancel, not as an error of its own; the job is journaled as
                # finished, and a resumed run downloads it without paying again.
                download.close()
                raise asyncio.CancelledError from None
            h.state = "downloading"

    def _poll_failed(self, h: JobHandle, exc: ServiceError) -> None:
        """A status request failed after the policy's retries: ask again later, or give up."""
        h.poll_failures += 1
        if h.poll_failures >= self._give_up:
            raise exc
        wait = min(60.0, 5.0 * 2 ** h.poll_failures)
        if isinstance(exc, RateLimitedError) and exc.retry_after is not None:
            wait = max(wait, exc.retry_after)
        h.not_before = self.now() + wait
        self.on_change(phrase(_STATUS_UNAVAILABLE, job=f"{h.job_id}", error=words_of(exc)))

    def _lose(self, h: JobHandle, exc: NotFoundError) -> None:
        error = str(exc)
        self.journal.mark_failed(h.row, error)
        h.state, h.status, h.error = "failed", "failed", error
        self.planner.forget(h.row)
        self.on_change(phrase(_JOB_SAYS, job=f"{h.job_id}", error=words_of(exc)))

    # --- download ----------------------------------------------------------------------------------

    async def _download(self, h: JobHandle) -> None:
        assert h.job_id is not None
        attempt = 0
        while True:
            try:
                async with self._download_slots:
                    results: PriceApiResults = await self.client.results(h.job_id)
                break
            except JobNotFinished:
                attempt += 1
                await self._sleep(min(5.0, 0.25 * 2 ** attempt))
            except NotFoundError as exc:
                self._lose(h, exc)
                return
            except RateLimitedError as exc:
                # "too many requests" past the policy's retries: the results wait for us
                attempt += 1
                if _too_long(exc) or attempt >= self._give_up:
                    raise
                self.on_change(phrase(_DOWNLOAD_REFUSED, job=f"{h.job_id}", error=words_of(exc)))
                await self._sleep(max(exc.retry_after or 0.0, min(30.0, 2.0 * 2 ** attempt)))
            except STOPPING:
                raise
            except ServiceError as exc:
                attempt += 1
                if attempt >= self._give_up:
                    raise
                self.on_change(phrase(_DOWNLOAD_FAILED, job=f"{h.job_id}", error=words_of(exc)))
                await self._sleep(min(30.0, 2.0 * 2 ** attempt))
        await self._store(h, results)

    async def _store(self, h: JobHandle, results: PriceApiResults) -> None:
        wanted = set(h.values)
        products: dict[str, PriceApiProduct] = {}
        for p in results.products:
            g = normalize_value(p.value)
            if g in wanted and g not in products:
                products[g] = p
            elif g not in wanted:
                log.warning("PriceAPI job %s returned a value that was not requested; ignored", h.job_id)
        for v in h.values:
            if v not in products:
                products[v] = missing_product(v, self.settings, MISSING_REASON)
        rows = [(g, codec.product_to_json(p), p.success, p.reason) for g, p in products.items()]
        # the write (and its disk I/O) runs in a worker thread: sqlite releases the GIL, so the
        # next job's download is parsed meanwhile and polling is not held up
        await asyncio.to_thread(
            self.journal.store_download, h.row, h.owner or self.run_id, rows, free_credits=results.free_credits,
            paid_credits=results.paid_credits, lookup_key=self.lookup_key, currentness=self.settings.currentness,
            adopted_by=self.run_id if h.owner else None, adopted=h.adopted)
        h.state, h.status, h.progress = "downloaded", "finished", 100
        if h.owner:
            # another run's job: its credits are that run's; this run takes its own codes' answers
            self.on_products({g: p for g, p in products.items() if g in h.adopted}, 0)
        else:
            self.on_products(products, results.free_credits + results.paid_credits)
        found = sum(1 for p in products.values() if p.success)
        self.on_change(phrase(_FINISHED, job=f"{h.job_id}", found=f"{found:,}", codes=counted(len(h.values), *CODES)))
        self._wake.set()
