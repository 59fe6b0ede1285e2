"""The job runner times its polls on the clock and sleep it is given (as ``HttpPolicy`` does).

A job that a fake PriceAPI finishes ten minutes after the run starts is polled, seen
finished and downloaded on a fake clock in no real time; and a cancel that arrives while
the runner waits for its next poll ends the run at once.
"""

from __future__ import annotations

import asyncio
import time
from types import SimpleNamespace
from typing import Any

import pytest

from pricelookup.journal import JobRow
from pricelookup.records import PriceApiJob, PriceApiProduct, PriceApiResults
from pricelookup.run.polling import PollConfig
from pricelookup.run.priceapi_jobs import PriceApiJobRunner
from pricelookup.settings import RunSettings
from warpclock import FakeClock

VALUES = ("03401351277399", "04006381333931")
JOB_SECONDS = 600.0


class SlowJobService:
    """PriceAPI with one job that works for ``JOB_SECONDS`` on ``clock`` from its creation."""

    def __init__(self, clock: FakeClock) -> None:
        self.clock = clock
        self.started = clock()
        self.status_requests = 0
        self.downloads = 0

    async def job_status(self, job_id: str) -> PriceApiJob:
        self.status_requests += 1
        done = min(1.0, (self.clock() - self.started) / JOB_SECONDS)
        status = "finished" if done >= 1.0 else "working"
        return PriceApiJob(job_id, status, len(VALUES), int(done * len(VALUES)), int(done * 100))

    async def results(self, job_id: str) -> PriceApiResults:
        self.downloads += 1
        products = tuple(PriceApiProduct(v, True, None, "google-shopping", "fr", "gtin") for v in VALUES)
        return PriceApiResults(job_id, 0, len(VALUES), products)


def _journal() -> Any:
    stored: list[tuple[Any, ...]] = []
    return SimpleNamespace(update_job_status=lambda *a: None, mark_failed=lambda *a: None, stored=stored,
                           store_download=lambda *a, **k: stored.append(a))


def _known_job() -> JobRow:
    return JobRow(id=1, run_id="run", chunk=0, values=VALUES, state="submitted", job_id="job-1", status="working",
                  completed=0, progress=0, submitted_at=None, free_credits=0, paid_credits=0, error=None)


def _runner(service: SlowJobService, journal: Any, got: dict[str, Any], **kw: Any) -> PriceApiJobRunner:
    return PriceApiJobRunner(service, journal, "run", RunSettings(), lookup_key="gtin",  # type: ignore[arg-type]
                             on_products=lambda products, credits: got.update(products),
                             on_change=lambda message: None, **kw)


@pytest.mark.parametrize("how", ["arguments", "poll_config"])
def test_polls_wait_on_the_given_clock_and_sleep(how: str) -> None:
    clock = FakeClock()
    service = SlowJobService(clock)
    journal = _journal()
    got: dict[str, Any] = {}

    async def scenario() -> PriceApiJobRunner:
        if how == "arguments":
            runner = _runner(service, journal, got, clock=clock, sleep=clock.sleep)
        else:  # what RunTuning(poll=...) hands the engine's runner
            runner = _runner(service, journal, got, poll_config=PollConfig(clock=clock, sleep=clock.sleep))
        await runner.run([], [_known_job()], first_chunk=1)
        return runner

    started = time.monotonic()
    runner = asyncio.run(scenario())
    assert time.monotonic() - started < 5  # ten minutes of polling, on the fake clock only
    assert set(got) == set(VALUES) and service.downloads == 1 and len(journal.stored) == 1
    assert clock() - service.started >= JOB_SECONDS  # it waited (on its clock) until the job was finished
    assert sum(clock.sleeps) >= JOB_SECONDS
    # the schedule still applies (about 30 requests over the ten minutes): no busy polling
    assert 2 <= service.status_requests == runner.status_requests <= 60


def test_a_cancel_during_the_wait_for_the_next_poll_ends_the_run_at_once() -> None:
    clock = FakeClock()
    service = SlowJobService(clock)
    dozing = asyncio.Event()

    async def never(seconds: float) -> None:  # a sleep that only a cancel ends
        dozing.set()
        await asyncio.Event().wait()

    async def scenario() -> float:
        runner = _runner(service, _journal(), {}, clock=clock, sleep=never)
        task = asyncio.create_task(runner.run([], [_known_job()], first_chunk=1))
        await asyncio.wait_for(dozing.wait(), 5)
        asked = service.status_requests
        task.cancel()
        t0 = time.monotonic()
        with pytest.raises(asyncio.CancelledError):
            await task
        assert service.status_requests == asked  # no poll after the cancel
        return time.monotonic() - t0

    assert asyncio.run(scenario()) < 1.0
