"""When to ask PriceAPI about each bulk job: an adaptive, pure poll schedule.

PriceAPI works a bounded number of an account's jobs at once and queues the
rest FIFO ("our queue works FIFO"). A job then climbs from 0 to 100 % at a
rate we can measure, sits at "working, progress 100" for a while ("it could
take up to 1 minute"), may show "finishing", and is finally "finished".

The planner learns three things from the status answers it is fed:

* the per-job work rate (values per second), from two observations of the
  same working job;
* the tail: seconds from 100 % to "finished";
* how many jobs the service works at once (K), from how many it reports
  working together.

From those it simulates the FIFO queue to estimate when each waiting job
starts and ends, and schedules the next status request of each job:

* a job far from its end (deep in the queue, or just started) is asked
  rarely — the queue is FIFO, so while the head of our line still waits, all
  jobs behind it wait too and need no request at all;
* a job close to its estimated end is asked often (at a share of the time
  left, never more often than ``min_interval``), so it is downloaded as soon
  as it is finished;
* a job past its estimated end (stuck at 100, a slow source) is asked with a
  growing interval, capped, so a stuck job is not hammered.

All jobs of a run together are asked at most ``max_polls_per_second`` times a
second (:class:`PollPacer`): PriceAPI publishes no limit for status requests,
and without a cap the schedule above reaches 4 requests per second per job
while it approaches a job's end (``min_interval``), 40 per second with ten jobs
working. When the pacer holds requests back, the job expected to finish first
goes first (:meth:`PollPlanner.urgency`): its answer is the one the run waits
for. Under a cap answers come later than scheduled, so the planner learns only
from answers that say something precise: the tail from a narrow bracket, the
parallelism from jobs that can still be working.

No clock and no I/O here: the engine passes ``now`` and the observations,
which makes the policy testable against a simulated service. (:class:`PollConfig`
only carries the job runner's clock and sleep, which tests replace.)
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field

WAITING = frozenset({"new", "enqueued"})
ACTIVE = frozenset({"working", "finishing"})


@dataclass(frozen=True)
class PollConfig:
    """Tuning of the poll schedule (seconds)."""

    #: never ask about one job more often than this
    min_interval: float = 0.25
    #: never leave a working job unasked for longer than this
    max_interval: float = 30.0
    #: first status request after the POST answered: tells which jobs started at once (K)
    first_poll_delay: float = 0.5
    #: before any rate is known: first interval, growing by ``growth`` per request
    unknown_interval: float = 1.0
    #: waiting jobs behind the head of the queue are still asked this rarely, as a safety net
    waiting_max_interval: float = 60.0
    #: the next request comes after this share of the time left to the estimated end
    approach: float = 0.7
    #: interval growth per request once a job is past its estimated end (or nothing is known)
    growth: float = 1.5
    #: cap of that growing interval
    overdue_max_interval: float = 5.0
    #: assumed seconds at 100 % before "finished" until one was measured; 0 means: ask as
    #: soon as 100 % should be reached, then back off while the job finishes
    prior_tail: float = 0.0
    #: weight of a new measurement in the learned rate and tail (exponential average)
    learn_weight: float = 0.3
    #: status requests per second for all the run's jobs together, at most (:class:`PollPacer`).
    #: PriceAPI states no limit. Not 2: every job needs at least one answer "finished", and jobs
    #: that ran together end together, so K jobs ending at once are seen within K / this seconds;
    #: bench_run's jobs end 2 a second (10 at once, 5 s each): at 2 its run took 1.15 x the critical
    #: path (the target), at 3 it takes 1.08-1.09 (uncapped 1.05-1.06) with 1.6 status requests per
    #: job instead of 5.2. Per job the schedule above still backs off as before
    max_polls_per_second: float = 3.0
    #: the job runner's monotonic clock and sleep (None: the event loop's clock, ``asyncio.sleep``).
    #: Tests give it a virtual clock shared with the sandbox: its sleeps move that clock on at
    #: once, so a job's seconds pass in no time while every request still goes over HTTP.
    clock: Callable[[], float] | None = field(default=None, compare=False, repr=False)
    sleep: Callable[[float], Awaitable[None]] | None = field(default=None, compare=False, repr=False)


@dataclass
class _Job:
    key: Hashable
    order: int
    requested: int
    submitted_at: float
    status: str = "new"
    completed: int = 0
    observations: int = 0
    last_obs_at: float | None = None
    last_waiting_at: float = 0.0  # last moment the job was known to wait (submitted or seen waiting)
    started_after: float | None = None  # the job started working after this moment
    inferred_started: bool = False  # started, known only because a later job was seen started (FIFO)
    prev_working: tuple[float, int] | None = None  # (time, completed) of the last working observation below 100 %
    own_rate: float | None = None
    reached_full_at: float | None = None  # (estimated) moment completed reached requested
    finished_at: float | None = None
    finish_est: float | None = None  # best estimate of the moment it really finished
    last_unfinished_at: float | None = None  # last answer that was not "finished"
    first_active_at: float | None = None  # first answer "working"/"finishing"
    last_active_at: float | None = None  # last answer "working"/"finishing"
    together: int = 0  # jobs proven working at first_active_at, this one included (see _seen_together)
    target: float | None = None  # the moment we expected something to change when we last scheduled it
    overdue: int = 0  # requests in a row past the target without any change


@dataclass
class JobEstimate:
    """What the planner expects of one job (absolute times, same clock as ``now``)."""

    start: float | None
    finish: float | None


@dataclass
class PollPlanner:
    """Adaptive poll schedule for the bulk jobs of one run (one service account).

    Call :meth:`add_job` in submission order (the FIFO order), :meth:`observe`
    with every status answer, then :meth:`schedule` for the next request time
    of every unfinished job.
    """

    config: PollConfig = field(default_factory=PollConfig)
    rate: float | None = None  # values per second per working job
    rate_measured: bool = False  # False while ``rate`` is only a first lower-bound guess
    tail: float | None = None  # seconds from 100 % to finished
    parallel: int = 0  # most jobs seen working at once (the service's K, as far as we know)
    _jobs: dict[Hashable, _Job] = field(default_factory=dict)
    _order: list[_Job] = field(default_factory=list)

    # --- feeding -----------------------------------------------------------

    def add_job(self, key: Hashable, requested: int, submitted_at: float) -> None:
        """Register a job right after its POST answered (call in submission order)."""
        job = _Job(key=key, order=len(self._order), requested=max(1, requested),
                   submitted_at=submitted_at, last_waiting_at=submitted_at)
        self._jobs[key] = job
        self._order.append(job)

    def add_known_job(self, key: Hashable, requested: int, submitted_at: float) -> None:
        """Register a job submitted by an earlier process (resume): asked at once."""
        self.add_job(key, requested, submitted_at - self.config.first_poll_delay)

    def forget(self, key: Hashable) -> None:
        """Stop scheduling ``key`` (failed or abandoned job)."""
        job = self._jobs.get(key)
        if job is not None and job.finished_at is None:
            job.finished_at = job.last_obs_at if job.last_obs_at is not None else job.submitted_at
            job.status = "finished"

    def observe(self, key: Hashable, at: float, status: str, completed: int, progress: int) -> None:
        """Feed one status answer of job ``key`` received at time ``at``."""
        job = self._jobs[key]
        previous = (job.status, job.completed)
        completed = max(0, min(completed, job.requested))
        if status == "finished" or (progress >= 100 and status in ACTIVE):
            completed = job.requested
        changed = previous != (status, completed)
        if job.target is not None and at >= job.target and not changed:
            job.overdue += 1
        elif changed:
            job.overdue = 0
        job.observations += 1
        job.last_obs_at = at

        if status in WAITING:
            job.status = status
            job.last_waiting_at = max(job.last_waiting_at, at)
            # FIFO: every job submitted after this one is waiting too
            for later in self._order[job.order + 1 :]:
                if later.started_after is None:
                    later.last_waiting_at = max(later.last_waiting_at, at)
            return

        if job.started_after is None:
            job.started_after = job.last_waiting_at
        job.inferred_started = False
        # FIFO: every job submitted before this one has started by now
        for earlier in self._order[: job.order]:
            if earlier.started_after is None:
                earlier.started_after = earlier.last_waiting_at
                earlier.inferred_started = True
                earlier.status = "working"

        if status == "working" and completed < job.requested:
            self._learn_rate(job, at, completed)
            job.prev_working = (at, completed)
        elif completed >= job.requested and job.reached_full_at is None:
            job.reached_full_at = self._full_time(job, at)

        job.status = status
        job.completed = completed
        if status == "finished":
            self._learn_tail(job, at)
            job.finished_at = at
        else:
            job.last_unfinished_at = at
        together = self._seen_together(job, at) if status in ACTIVE else 0
        self.parallel = max(self.parallel, self._working_at(at), together)

    def _seen_together(self, job: _Job, at: float) -> int:
        """Record that ``job`` was seen working at ``at``; the most jobs the answers now prove were
        working at one moment (a lower bound of K).

        When a job was first seen working, every job ahead of it had started (FIFO), so each of
        them seen working again at that moment or later was working then too. Unlike counting the
        jobs not yet seen finished, this holds however late the answers come. Kept per job, so one
        answer costs one pass over the jobs.
        """
        before = job.last_active_at
        job.last_active_at = at
        if job.first_active_at is None:
            job.first_active_at = at
            job.together = 1 + sum(1 for i in self._order[: job.order]
                                   if i.last_active_at is not None and i.last_active_at >= at)
        best = job.together
        for j in self._order[job.order + 1:]:
            if j.first_active_at is not None and j.first_active_at <= at and (before is None or before < j.first_active_at):
                j.together += 1  # ``job`` is now known to have been working when j was first seen working
            best = max(best, j.together)
        return best

    def _working_at(self, at: float) -> int:
        """Jobs that may be working at ``at``, as far as the answers tell (for K).

        A job last seen working whose estimated end has passed without an answer since is not
        counted: under the poll cap its "finished" may simply not have been asked yet, and
        counting it would make K grow with every late answer (and every estimate with it).
        """
        n = 0
        for j in self._order:
            if j.finished_at is not None or j.started_after is None or j.status not in ACTIVE:
                continue
            finish = self._active_finish(j)
            if finish is None or finish >= at or (j.last_obs_at is not None and j.last_obs_at >= finish):
                n += 1
        return n

    def _learn_rate(self, job: _Job, at: float, completed: int) -> None:
        w = self.config.learn_weight
        if job.prev_working is not None:
            t0, c0 = job.prev_working
            if at > t0 and completed > c0:
                sample = (completed - c0) / (at - t0)
                job.own_rate = sample if job.own_rate is None else (1 - w) * job.own_rate + w * sample
                if self.rate is None or not self.rate_measured:
                    self.rate = sample
                else:
                    self.rate = (1 - w) * self.rate + w * sample
                self.rate_measured = True
        elif completed > 0 and not self.rate_measured and job.started_after is not None and at > job.started_after:
            # first sight of a working job: it started after we last saw it wait, so this
            # is a lower bound of the rate; good enough until two observations measure it
            guess = completed / (at - job.started_after)
            self.rate = guess if self.rate is None else max(self.rate, guess)

    def _full_time(self, job: _Job, at: float) -> float:
        """Estimate when ``job`` reached 100 % (it is seen at 100 % or finished at ``at``)."""
        rate = job.own_rate or self.rate
        if job.prev_working is not None and rate:
            t0, c0 = job.prev_working
            return min(at, t0 + (job.requested - c0) / rate)
        if job.started_after is not None and rate:
            return min(at, max(job.started_after, job.started_after + job.requested / rate))
        return at

    def _learn_tail(self, job: _Job, at: float) -> None:
        before = job.last_unfinished_at
        lower = before if before is not None else job.submitted_at
        if job.reached_full_at is not None:
            lower = max(lower, job.reached_full_at)
        # it finished somewhere between the last "not finished" answer and this one
        job.finish_est = (lower + at) / 2
        seen_at_full = before is not None and job.reached_full_at is not None and before >= job.reached_full_at
        if not seen_at_full:
            return  # the bracket is too loose to say anything about the tail
        assert job.reached_full_at is not None
        if job.prev_working is None or at - lower > self.config.overdue_max_interval:
            # the moment of 100 % is only a lower bound (the job was never seen below it), or the
            # answers came too far apart (held back by the poll cap): the midpoint would be a guess,
            # and a tail learned from guesses pushes every estimate late
            return
        sample = max(0.0, job.finish_est - job.reached_full_at)
        w = self.config.learn_weight
        self.tail = sample if self.tail is None else (1 - w) * self.tail + w * sample

    # --- estimating --------------------------------------------------------

    def _tail(self) -> float:
        return self.tail if self.tail is not None else self.config.prior_tail

    def duration(self, requested: int) -> float | None:
        """Estimated seconds a job of ``requested`` values works, tail included; None if unknown."""
        if not self.rate:
            return None
        return requested / self.rate + self._tail()

    def _active_finish(self, job: _Job) -> float | None:
        """Estimated finish of a job that has started."""
        tail = self._tail()
        if job.reached_full_at is not None:
            return job.reached_full_at + tail
        rate = job.own_rate or self.rate
        if not rate:
            return None
        if job.prev_working is not None:
            t0, c0 = job.prev_working
            return t0 + (job.requested - c0) / rate + tail
        assert job.started_after is not None
        return job.started_after + job.requested / rate + tail

    def estimates(self, now: float) -> dict[Hashable, JobEstimate]:
        """Estimated start and finish of every unfinished job (simulating the FIFO queue).

        The whole line is replayed in submission order through K slots: a started
        job holds its slot until its (estimated) end, a waiting job takes the
        earliest free slot, but not before the last moment it was seen waiting.
        """
        out: dict[Hashable, JobEstimate] = {}
        k = max(self.parallel, 1)
        slots: list[float] = [float("-inf")] * k
        unknown = False
        for job in self._order:
            if job.finished_at is not None:
                end = job.finish_est if job.finish_est is not None else job.finished_at
                heapq.heapreplace(slots, end)
                continue
            if job.started_after is not None:
                finish = self._active_finish(job)
                out[job.key] = JobEstimate(start=job.started_after, finish=finish)
                if finish is None:
                    unknown = True
                heapq.heapreplace(slots, finish if finish is not None else now)
                continue
            d = self.duration(job.requested)
            if d is None or unknown:
                out[job.key] = JobEstimate(start=None, finish=None)
                continue
            start = max(slots[0], job.last_waiting_at)
            heapq.heapreplace(slots, start + d)
            out[job.key] = JobEstimate(start=start, finish=start + d)
        return out

    def eta(self, now: float) -> float | None:
        """Seconds until every job is finished, or None while that cannot be estimated."""
        ests = self.estimates(now)
        if not ests:
            return 0.0
        finishes = [e.finish for e in ests.values()]
        if any(f is None for f in finishes):
            return None
        return max(0.0, max(f for f in finishes if f is not None) - now)

    # --- scheduling --------------------------------------------------------

    def schedule(self, now: float) -> dict[Hashable, float]:
        """Absolute time of the next status request of every unfinished job."""
        cfg = self.config
        ests = self.estimates(now)
        out: dict[Hashable, float] = {}
        waiting_seen = 0  # waiting jobs scheduled so far, in FIFO order
        head_stuck = False  # the head of our line was asked past its expected start and still waits
        wave = max(self.parallel, 1)
        for job in self._order:
            if job.finished_at is not None:
                continue
            if job.last_obs_at is None and (job.started_after is not None
                                            or job.last_waiting_at <= job.submitted_at):
                # one early request per job tells which jobs the service started at once (K);
                # not for a job known to wait (a job ahead of it was seen waiting since it was
                # submitted): FIFO, it waits too, and is scheduled as the waiting jobs below
                out[job.key] = job.submitted_at + cfg.first_poll_delay
                job.target = None
                continue
            last = job.last_obs_at if job.last_obs_at is not None else job.last_waiting_at
            waiting = job.started_after is None
            if waiting:
                waiting_seen += 1
                if waiting_seen > 1 and (head_stuck or waiting_seen > wave):
                    # FIFO: these cannot start before the jobs ahead of them, which are watched;
                    # they are asked only as a rare safety net
                    job.target = None
                    out[job.key] = last + cfg.waiting_max_interval
                    continue
            est = ests.get(job.key, JobEstimate(None, None))
            if est.finish is None:
                interval = min(cfg.max_interval,
                               cfg.unknown_interval * cfg.growth ** max(0, job.observations - 1))
                job.target = None
                head_stuck = head_stuck or waiting
                out[job.key] = last + interval
                continue
            if waiting:
                assert est.start is not None
                # look once it should be well under way: one answer then tells its end
                target = est.start + 0.5 * (est.finish - est.start)
                job.target = target
                if job.overdue:
                    head_stuck = True
                    interval = min(cfg.overdue_max_interval, cfg.min_interval * cfg.growth ** job.overdue)
                else:
                    interval = min(cfg.waiting_max_interval, max(cfg.min_interval, target - last))
            else:
                target = est.finish
                job.target = target
                interval = self._interval(job, last, target, cap=cfg.max_interval)
            out[job.key] = last + interval
        return out

    def _interval(self, job: _Job, last: float, target: float, *, cap: float) -> float:
        cfg = self.config
        left = target - last
        if left <= 0 or job.overdue:
            # past its estimated end: ask again, less and less often
            return min(cfg.overdue_max_interval, cfg.min_interval * cfg.growth ** job.overdue)
        return min(cap, max(cfg.min_interval, cfg.approach * left))

    def urgency(self, now: float) -> dict[Hashable, tuple[float, int]]:
        """Sort key of every unfinished job when the poll cap holds requests back (smallest first).

        The job expected to finish first comes first: its answer is what the run waits for; a
        job with no estimate yet comes after those, in submission (FIFO) order.
        """
        ests = self.estimates(now)
        out: dict[Hashable, tuple[float, int]] = {}
        for job in self._order:
            if job.finished_at is None:
                est = ests.get(job.key)
                finish = est.finish if est is not None and est.finish is not None else math.inf
                out[job.key] = (finish, job.order)
        return out

    # --- reporting ---------------------------------------------------------

    def is_finished(self, key: Hashable) -> bool:
        """True once ``key`` was seen finished (or forgotten)."""
        return self._jobs[key].finished_at is not None

    def completed_values(self) -> int:
        """Values completed over all jobs as last reported (finished jobs count in full)."""
        return sum(j.requested if j.finished_at is not None else j.completed for j in self._order)

    def requested_values(self) -> int:
        """Values requested over all jobs."""
        return sum(j.requested for j in self._order)


class PollPacer:
    """The cap on the status requests of one run, all its jobs together (one per job runner).

    At most ``per_second`` requests a second, evenly spaced (no bursts): PriceAPI publishes no
    limit for status requests, so the run keeps to a pace no vendor would call abuse. Pure like
    the planner: the caller passes ``now`` from its own (injectable) clock.
    """

    def __init__(self, per_second: float) -> None:
        """``per_second`` > 0: requests per second at most."""
        if not per_second > 0:
            raise ValueError("per_second must be > 0")
        self.spacing = 1.0 / per_second
        self._next = -math.inf

    def ready_at(self) -> float:
        """The earliest moment the next request may start."""
        return self._next

    def take(self, now: float) -> bool:
        """Start a request at ``now`` if the cap allows it (True), else nothing (False)."""
        if now < self._next:
            return False
        self._next = now + self.spacing
        return True
