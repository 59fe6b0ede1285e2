"""PriceAPI saying "busy" is waited out, and all of a run's status requests keep to one pace.

* A 429 or 5xx with PriceAPI's usual ``{"success": false, "reason": ...}`` body goes through the
  retry rules; when it outlasts the client's retries, a status request or a chunk's ``POST /jobs``
  (refused with 429: not created) is asked again later instead of ending the run, and nothing is
  paid twice. A wait longer than the run sits through still stops it.
* The run's status requests, all jobs together, are never closer than 1 / max_polls_per_second.
"""

from __future__ import annotations

import asyncio
import itertools
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from runhelpers import universe_codes

from pricelookup.errors import RateLimitedError, ServiceUnavailableError
from pricelookup.journal import JobRow, Journal
from pricelookup.records import PriceApiJob, PriceApiProduct, PriceApiResults
from pricelookup.run.polling import PollConfig
from pricelookup.run.priceapi_jobs import LONGEST_WAIT, PriceApiJobRunner
from pricelookup.services.http import HttpPolicy
from pricelookup.services.priceapi import PriceApiClient
from pricelookup.settings import RunSettings
from warpclock import FakeClock, WarpClock

# --- over HTTP, on the sandbox ---------------------------------------------------------------------


def collect(sb: Any, warp: WarpClock, tmp_path: Path, codes: list[str]) -> dict[str, PriceApiProduct]:
    """The job runner with a real client over loopback HTTP and a real journal, every wait (the
    client's retries, Retry-After, the runner's own) on the warp clock; returns the answers."""
    got: dict[str, PriceApiProduct] = {}
    policy = HttpPolicy(clock=warp, sleep=warp.sleep, backoff_base=0.2, backoff_cap=2.0)

    async def scenario(journal: Journal, run_id: str) -> None:
        async with PriceApiClient(f"{sb.url}/priceapi", "sandbox", policy=policy) as client:
            runner = PriceApiJobRunner(client, journal, run_id, RunSettings(), lookup_key="busy-test",
                                       on_products=lambda products, credits: got.update(products),
                                       on_change=lambda message: None,
                                       poll_config=PollConfig(clock=warp, sleep=warp.sleep))
            chunks = [tuple(codes[i:i + 1000]) for i in range(0, len(codes), 1000)]
            await runner.run(chunks, [], first_chunk=0)

    with Journal.open(tmp_path) as journal:
        run_id = journal.create_run(input_path=None, input_sha256="x", sheet=None, code_column=None, settings={},
                                    fingerprint={}, endpoint=sb.url, sandbox=True, app_version="test",
                                    rows=len(codes), codes=len(codes), lookup_key="busy-test")
        asyncio.run(scenario(journal, run_id))
    return got


def test_status_requests_refused_past_the_clients_retries_are_asked_again_later(tmp_path: Path, sandbox_factory,
                                                                              warp: WarpClock) -> None:
    sb = sandbox_factory(job_seconds=0.3, retry_after_seconds=1)
    codes = [c.zfill(14) for c in universe_codes(1500)]
    # PriceAPI's 429 with its usual body, more times than the client retries one request (5), then
    # a 500 with that body as many times: each used to stop the run ("rate limited", "refused")
    sb.inject("priceapi", "GET", "/jobs/", kind="priceapi_throttled", count=7)
    sb.inject("priceapi", "GET", "/jobs/", kind="priceapi_500_reason", count=5)
    got = collect(sb, warp, tmp_path, codes)
    stats = sb.stats()["priceapi"]
    assert stats["faults_by_kind"] == {"priceapi_throttled": 7, "priceapi_500_reason": 5}
    assert set(got) == set(codes)
    assert stats["jobs_created"] == 2 and stats["values_submitted"] == stats["values_submitted_distinct"] == 1500


def test_job_creation_refused_past_the_clients_retries_is_submitted_again_once(tmp_path: Path, sandbox_factory,
                                                                               warp: WarpClock) -> None:
    sb = sandbox_factory(job_seconds=0.3, retry_after_seconds=1)
    codes = [c.zfill(14) for c in universe_codes(1500)]
    # "Job creation limit exceeded" six times: the client's five tries of the first chunk, then one
    # more after the runner's wait; a 429 says the job was not created, so sending it again is safe
    sb.inject("priceapi", "POST", "/jobs", kind="priceapi_throttled", count=6)
    got = collect(sb, warp, tmp_path, codes)
    stats = sb.stats()["priceapi"]
    assert stats["faults_by_kind"] == {"priceapi_throttled": 6}
    assert set(got) == set(codes)
    assert stats["jobs_created"] == 2 and stats["values_submitted"] == stats["values_submitted_distinct"] == 1500


# --- the job runner alone, on a fake clock ------------------------------------------------------------

VALUES = ("03401351277399", "04006381333931")


class Service:
    """PriceAPI with ``n`` known jobs, each working ``seconds`` on ``clock``; ``status_errors`` are
    raised by the first status requests, in order."""

    def __init__(self, clock: FakeClock, n: int, seconds: float, status_errors: list[Exception] | None = None) -> None:
        self.clock, self.seconds = clock, seconds
        self.started = clock()
        self.asked: list[tuple[float, str]] = []
        self.errors = list(status_errors or [])
        self.jobs = [f"job-{i}" for i in range(n)]

    async def job_status(self, job_id: str) -> PriceApiJob:
        self.asked.append((self.clock(), job_id))
        if self.errors:
            raise self.errors.pop(0)
        # job i works from i * seconds / 2: they end one after the other
        start = self.started + self.jobs.index(job_id) * self.seconds / 2
        done = max(0.0, min(1.0, (self.clock() - start) / self.seconds))
        return PriceApiJob(job_id, "finished" if done >= 1.0 else "working", len(VALUES), int(done * len(VALUES)),
                           int(done * 100))

    async def results(self, job_id: str) -> PriceApiResults:
        products = tuple(PriceApiProduct(v, True, None, "google-shopping", "fr", "gtin") for v in VALUES)
        return PriceApiResults(job_id, 0, len(VALUES), products)


def known_jobs(n: int) -> list[JobRow]:
    return [JobRow(id=i + 1, run_id="run", chunk=i, values=VALUES, state="submitted", job_id=f"job-{i}",
                   status="working", completed=0, progress=0, submitted_at=None, free_credits=0, paid_credits=0,
                   error=None) for i in range(n)]


def run_jobs(service: Service, clock: FakeClock, n: int, **config: Any) -> PriceApiJobRunner:
    journal = SimpleNamespace(update_job_status=lambda *a: None, mark_failed=lambda *a: None,
                              store_download=lambda *a, **k: None)
    downloaded: dict[str, Any] = {}

    async def scenario() -> PriceApiJobRunner:
        runner = PriceApiJobRunner(service, journal, "run", RunSettings(), lookup_key="gtin",  # type: ignore[arg-type]
                                   on_products=lambda products, credits: downloaded.update(products),
                                   on_change=lambda message: None,
                                   poll_config=PollConfig(clock=clock, sleep=clock.sleep, **config))
        await runner.run([], known_jobs(n), first_chunk=n)
        return runner

    runner = asyncio.run(scenario())
    assert all(h.state == "downloaded" for h in runner.handles)
    return runner


@pytest.mark.parametrize("cap", [2.0, 0.5])
def test_all_jobs_together_keep_to_the_poll_cap(cap: float) -> None:
    clock = FakeClock()
    service = Service(clock, 12, seconds=20.0)
    run_jobs(service, clock, 12, max_polls_per_second=cap)
    times = [t for t, _job in service.asked]
    assert len({job for _t, job in service.asked}) == 12
    assert min(b - a for a, b in itertools.pairwise(times)) >= 1 / cap - 1e-9


def test_a_status_outlasting_the_clients_retries_is_asked_again_later() -> None:
    clock = FakeClock()
    busy = [RateLimitedError("PriceAPI", "too many requests (HTTP 429)", retry_after=30.0),
            ServiceUnavailableError("PriceAPI", "the service is unavailable (HTTP 500)")]
    service = Service(clock, 1, seconds=5.0, status_errors=busy)
    run_jobs(service, clock, 1)
    first, second, third = (t for t, _job in service.asked[:3])
    assert second - first >= 30.0  # the Retry-After it was given
    assert third > second


def test_a_wait_longer_than_a_run_sits_through_still_stops_it() -> None:
    clock = FakeClock()
    too_long = RateLimitedError("PriceAPI", "too many requests (HTTP 429)", retry_after=LONGEST_WAIT + 1)
    service = Service(clock, 1, seconds=5.0, status_errors=[too_long])
    with pytest.raises(ExceptionGroup) as info:
        run_jobs(service, clock, 1)
    assert info.group_contains(RateLimitedError)


def test_busy_status_requests_that_persist_stop_the_run() -> None:
    clock = FakeClock()
    service = Service(clock, 1, seconds=5.0,
                      status_errors=[ServiceUnavailableError("PriceAPI", "unavailable (HTTP 500)")] * 3)
    with pytest.raises(ExceptionGroup) as info:
        run_jobs(service, clock, 1)
    assert info.group_contains(ServiceUnavailableError) and len(service.asked) == 3
