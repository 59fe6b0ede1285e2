"""The adaptive poll schedule against a simulated FIFO PriceAPI queue (no clock, no HTTP)."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import pytest

from pricelookup.run.polling import PollConfig, PollPacer, PollPlanner


@dataclass
class SimJob:
    requested: int
    submitted: float
    start: float | None = None
    extra_tail: float = 0.0


class FifoService:
    """PriceAPI's queue as the doc describes it: K jobs work at once, the rest wait FIFO.

    A job works ``requested / rate`` seconds, then sits at "working, 100" for
    ``tail * 0.6`` and "finishing" for ``tail * 0.4`` before "finished".
    """

    def __init__(self, *, parallel: int, rate: float, tail: float) -> None:
        self.parallel, self.rate, self.tail = parallel, rate, tail
        self.jobs: list[SimJob] = []

    def submit(self, requested: int, at: float, extra_tail: float = 0.0) -> int:
        self.jobs.append(SimJob(requested, at, extra_tail=extra_tail))
        return len(self.jobs) - 1

    def finish_time(self, i: int) -> float:
        self._schedule()
        job = self.jobs[i]
        assert job.start is not None
        return job.start + job.requested / self.rate + self.tail + job.extra_tail

    def _schedule(self) -> None:
        # FIFO with K slots: a job starts when a slot frees (or at submission)
        ends: list[float] = []
        for job in self.jobs:
            if len(ends) < self.parallel:
                job.start = job.submitted
            else:
                ends.sort()
                job.start = max(job.submitted, ends.pop(0))
            ends.append(job.start + job.requested / self.rate + self.tail + job.extra_tail)

    def status(self, i: int, at: float) -> tuple[str, int, int]:
        self._schedule()
        job = self.jobs[i]
        assert job.start is not None
        if at < job.start:
            return ("new" if at - job.submitted < 0.05 else "enqueued", 0, 0)
        work = job.requested / self.rate
        if at < job.start + work:
            done = int((at - job.start) * self.rate)
            return ("working", done, int(100 * done / job.requested))
        end = self.finish_time(i)
        if at >= end:
            return ("finished", job.requested, 100)
        if at < job.start + work + (self.tail + job.extra_tail) * 0.6:
            return ("working", job.requested, 100)
        return ("finishing", job.requested, 100)


def drive(service: FifoService, planner: PollPlanner, n_jobs: int, requested: int = 1000,
          submit_gap: float = 0.01) -> tuple[dict[int, float], dict[int, int]]:
    """Run the planner against the service; returns detection lag and request count per job."""
    for i in range(n_jobs):
        at = i * submit_gap
        service.submit(requested, at)
        planner.add_job(i, requested, at + 0.005)
    requests = {i: 0 for i in range(n_jobs)}
    lag: dict[int, float] = {}
    now = 0.0
    for _ in range(100_000):
        sched = planner.schedule(now)
        if not sched:
            break
        now = max(now, min(sched.values()))
        for key, t in sched.items():
            if t <= now:
                status, completed, progress = service.status(key, now)
                requests[key] += 1
                planner.observe(key, now, status, completed, progress)
                if status == "finished":
                    lag[key] = now - service.finish_time(key)
        now += 0.002  # each batch of requests takes a little time
    return lag, requests


def test_finished_jobs_are_seen_promptly_and_waiting_jobs_are_asked_rarely() -> None:
    service = FifoService(parallel=10, rate=500.0, tail=0.4)  # 1000 values: 2 s + 0.4 s tail
    planner = PollPlanner()
    lag, requests = drive(service, planner, 100)
    assert len(lag) == 100
    # the run ends when the last job ends: that one must be seen within a fraction of a second
    last = max(range(100), key=service.finish_time)
    assert lag[last] <= 0.5
    assert sorted(lag.values())[95] <= 1.0
    # far fewer requests than a fixed 0.25 s poll of every job (which would be ~10 per second of wait)
    per_job = sum(requests.values()) / 100
    assert per_job <= 12, per_job
    # what was learned matches the service
    assert planner.parallel == 10
    assert planner.rate == pytest.approx(500.0, rel=0.05)
    assert planner.tail is not None and 0.1 <= planner.tail <= 0.8


def test_jobs_deep_in_the_queue_are_not_hammered() -> None:
    service = FifoService(parallel=2, rate=50.0, tail=1.0)  # 20 s per job, 10 rounds
    planner = PollPlanner()
    lag, requests = drive(service, planner, 20)
    # the last job waits ~180 s in the queue: asked only a handful of times meanwhile
    assert requests[19] <= 12, requests[19]
    assert max(lag.values()) <= 2.0


def test_a_job_stuck_at_100_is_asked_with_a_growing_interval() -> None:
    service = FifoService(parallel=4, rate=500.0, tail=0.5)
    planner = PollPlanner()
    service.submit(1000, 0.0, extra_tail=60.0)  # the doc: "up to 1 minute" at 100
    planner.add_job(0, 1000, 0.0)
    now, asked = 0.0, 0
    while True:
        sched = planner.schedule(now)
        if not sched:
            break
        now = sched[0]
        status, completed, progress = service.status(0, now)
        asked += 1
        planner.observe(0, now, status, completed, progress)
    assert now - service.finish_time(0) <= PollConfig().overdue_max_interval + 1e-9
    # 60 s stuck: polled about every 5 s at most, not every 0.25 s
    assert asked <= 30, asked


def test_first_answer_comes_early_and_estimates_appear() -> None:
    planner = PollPlanner()
    planner.add_job("a", 1000, 10.0)
    planner.add_job("b", 1000, 10.0)
    sched = planner.schedule(10.0)
    assert sched == {"a": pytest.approx(10.5), "b": pytest.approx(10.5)}
    assert planner.eta(10.0) is None  # nothing is known yet
    planner.observe("a", 10.5, "working", 100, 10)
    planner.observe("b", 10.5, "enqueued", 0, 0)
    planner.observe("a", 11.5, "working", 300, 30)
    assert planner.rate == pytest.approx(200.0)
    eta = planner.eta(11.5)
    # a ends at 11.5 + 700/200 + tail; b starts then and works 5 s + tail
    tail = PollConfig().prior_tail
    assert eta == pytest.approx(3.5 + tail + 5 + tail, rel=0.01)
    assert planner.completed_values() == 300
    assert planner.requested_values() == 2000


def test_fifo_inference_marks_earlier_jobs_started() -> None:
    planner = PollPlanner()
    for k in range(3):
        planner.add_job(k, 1000, 0.0)
    planner.observe(2, 1.0, "working", 100, 10)
    sched = planner.schedule(1.0)
    # jobs 0 and 1 must have started too: they are scheduled, not treated as waiting
    est = planner.estimates(1.0)
    assert est[0].start is not None and est[1].start is not None
    assert set(sched) == {0, 1, 2}


def test_forget_stops_scheduling() -> None:
    planner = PollPlanner()
    planner.add_job("x", 10, 0.0)
    planner.forget("x")
    assert planner.schedule(1.0) == {}
    assert planner.is_finished("x")


def test_critical_path_on_the_benchmark_shape() -> None:
    """100 jobs, K=10, 2 s each: the last detection comes close to ceil(100/10) x 2 s."""
    service = FifoService(parallel=10, rate=1000 / 1.6, tail=0.4)
    planner = PollPlanner()
    lag, _ = drive(service, planner, 100)
    end = max(service.finish_time(i) + lag[i] for i in range(100))
    critical = math.ceil(100 / 10) * 2.0
    assert end <= critical * 1.05


def drive_paced(service: FifoService, planner: PollPlanner, pacer: PollPacer, n_jobs: int,
                requested: int = 1000) -> tuple[dict[int, float], int, list[float]]:
    """As :func:`drive`, one request at a time within ``pacer``'s cap, the most urgent job first (as
    the job runner does); returns detection lags, the request count and the request times."""
    for i in range(n_jobs):
        service.submit(requested, i * 0.015 + 0.1)
        planner.add_job(i, requested, i * 0.015 + 0.01)
    lag: dict[int, float] = {}
    times: list[float] = []
    now = 0.0
    for _ in range(100_000):
        sched = planner.schedule(now)
        if not sched:
            break
        due = [k for k, t in sched.items() if t <= now + 0.002]
        if not due:
            now = max(now, min(sched.values()))
            continue
        if not pacer.take(now):
            now = pacer.ready_at()
            continue
        urgency = planner.urgency(now)
        key = min(due, key=urgency.__getitem__)
        status, completed, progress = service.status(key, now)
        times.append(now)
        planner.observe(key, now, status, completed, progress)
        if status == "finished":
            lag[key] = now - service.finish_time(key)
        now += 0.01  # one request's round trip
    return lag, len(times), times


@pytest.mark.parametrize(("cap", "within", "per_job"), [
    (2.0, 1.11, 1.3), (PollConfig().max_polls_per_second, 1.08, 2.0), (4.0, 1.06, 2.5)])
def test_the_poll_cap_holds_and_the_benchmark_shape_still_ends_near_its_critical_path(cap: float, within: float,
                                                                                         per_job: float) -> None:
    """bench_run's shape (100 jobs of 1,000, 10 at once, 5 s each: 0.75 climbing, 0.25 at 100 % and
    finishing) under the run-wide cap: never more than ``cap`` requests a second, each job seen
    finished ~once, and the last one soon after the critical path. The last wave's ten jobs end
    together and need ten answers: at 2 a second that alone is 5 s (10 % of 50 s)."""
    service = FifoService(parallel=10, rate=1000 / 3.75, tail=1.25)
    planner = PollPlanner(PollConfig(max_polls_per_second=cap))
    lag, requests, times = drive_paced(service, planner, PollPacer(cap), 100)
    assert len(lag) == 100
    assert min(b - a for a, b in itertools.pairwise(times)) >= 1 / cap - 1e-9
    end = max(service.finish_time(i) + lag[i] for i in range(100))
    critical = math.ceil(100 / 10) * 5.0
    assert end <= critical * within, end / critical
    assert requests / 100 <= per_job, requests / 100
    # late answers did not inflate what was learned (a K or tail too large pushes every estimate
    # late, and the polls with it); with ~1 answer per job K may stay below the truth
    assert 1 <= planner.parallel <= 10
    assert planner.tail is None or planner.tail <= 2.5


def test_a_job_known_to_wait_gets_no_first_request_of_its_own() -> None:
    planner = PollPlanner()
    for k in range(4):
        planner.add_job(k, 1000, 0.0)
    planner.observe(0, 0.5, "working", 100, 10)
    planner.observe(1, 0.5, "enqueued", 0, 0)  # FIFO: 2 and 3, submitted before, wait too
    sched = planner.schedule(0.5)
    assert sched[2] >= 0.5 + PollConfig().waiting_max_interval - 1e-9
    assert sched[3] >= 0.5 + PollConfig().waiting_max_interval - 1e-9


def test_urgency_puts_the_job_expected_to_finish_first_first() -> None:
    planner = PollPlanner()
    for k in ("slow", "fast", "unknown"):
        planner.add_job(k, 1000, 0.0)
    planner.observe("slow", 1.0, "working", 100, 10)
    planner.observe("fast", 1.0, "working", 800, 80)
    planner.observe("slow", 2.0, "working", 200, 20)
    planner.observe("fast", 2.0, "working", 900, 90)
    order = sorted(planner.urgency(2.0), key=planner.urgency(2.0).__getitem__)
    assert order == ["fast", "slow", "unknown"]


def test_the_pacer_spaces_requests_evenly() -> None:
    pacer = PollPacer(2.0)
    assert pacer.take(10.0) and not pacer.take(10.2) and pacer.ready_at() == pytest.approx(10.5)
    assert pacer.take(10.5) and not pacer.take(10.9) and pacer.take(11.0)
    assert pacer.take(20.0)  # idle time is not saved up: no bursts
    assert not pacer.take(20.1)
    with pytest.raises(ValueError):
        PollPacer(0)
