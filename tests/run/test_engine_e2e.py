"""The engine end to end on the sandbox over loopback HTTP.

Runs poll on the module's warp clock (``tuning=warp.tuning()``): the sandbox's jobs take
their time, but nobody waits for it. Runs that must be cancelled mid-way poll in real time.
"""

from __future__ import annotations

import asyncio
import itertools
import threading
import time
from pathlib import Path

import pytest
from runhelpers import answers, make_input, request_for, run_sync

from pricelookup.errors import AuthenticationError, BudgetExceededError, RunCancelled
from pricelookup.journal import Journal
from pricelookup.run.api import (
    RunSummary,
    RunTuning,
    estimate,
    find_unfinished_runs,
    list_runs,
    load_input,
    load_run,
    run_lookup,
)
from pricelookup.run.enrichment import summarize_officiscan
from pricelookup.run.polling import PollConfig
from pricelookup.run.priceapi_jobs import UNCERTAIN_REASON
from pricelookup.run.progress import CancelToken, Progress
from pricelookup.sandbox import data as sdata
from pricelookup.settings import ServiceKeys


@pytest.mark.slow
def test_2500_codes_three_jobs_with_faults_every_row_comes_out(tmp_path: Path, sandbox_factory, warp) -> None:
    sb = sandbox_factory(job_seconds=1.0, parallel_jobs=2, faults=0.03, seed=7, retry_after_seconds=0)
    inp = make_input(tmp_path / "codes.csv", 2500, duplicates=30, invalid=20, empty=5)
    progress: list[Progress] = []
    result = run_sync(request_for(sb, inp.path, tmp_path / "data", tuning=warp.tuning()), progress=progress)

    # every input row is there, in order, with its own status
    checks = result.validated.checks
    assert checks.height == inp.rows
    statuses = checks.get_column("status").to_list()
    assert statuses.count("invalid") == inp.invalid
    assert statuses.count("repaired") == inp.repaired
    assert statuses.count("empty") == inp.empty
    assert checks.get_column("duplicate_of").is_not_null().sum() == inp.duplicates

    stats = sb.stats()["priceapi"]
    # nothing paid twice, even with faults on
    assert stats["values_submitted"] == stats["values_submitted_distinct"] <= 2500
    assert stats["jobs_created"] == 3
    # every usable code has PriceAPI's own answer, or says why it has none; nothing invented
    assert set(result.priceapi) == set(inp.unique)
    uncertain = {g for g, p in result.priceapi.items() if p.reason == UNCERTAIN_REASON}
    assert len(uncertain) in (0, 1000, 500)  # a whole chunk, if a POST answer was lost
    for g, p in result.priceapi.items():
        if g in uncertain:
            continue
        outcome = sdata.priceapi_outcome(g, 7)
        assert (outcome == "found") == p.success, (g, outcome, p.reason)
        if not p.success:
            assert p.reason == outcome
            assert p.offers == ()
    assert result.status == ("finished" if not uncertain else "partial")
    assert result.credits_used == stats["credits_charged"]

    # progress: fraction only grows, ends at 1, the job list shows the three jobs
    fractions = [p.fraction for p in progress]
    assert fractions[-1] == 1.0
    assert all(b >= a - 1e-9 for a, b in itertools.pairwise(fractions))
    with_jobs = [p for p in progress if len(p.jobs) == 3]
    assert with_jobs and all(j.job_id for j in with_jobs[-1].jobs if j.status != "uncertain")
    assert any(p.eta_seconds is not None for p in progress if p.stage == "priceapi")

    # the journal alone rebuilds the same result (export --run)
    again = load_run(result.run_id, tmp_path / "data")
    assert answers(again) == answers(result)
    assert again.validated.checks.equals(result.validated.checks)
    assert again.validated.table.frame.equals(result.validated.table.frame)
    assert again.credits_used == result.credits_used

    s = RunSummary.of(result)
    assert s.rows == inp.rows and s.found + s.not_found + s.failed == 2500


def test_quota_too_low_stops_before_paying(tmp_path: Path, sandbox_factory) -> None:
    sb = sandbox_factory(job_seconds=0.2, daily_quota=100)
    inp = make_input(tmp_path / "codes.csv", 150)
    with pytest.raises(BudgetExceededError) as e:
        run_sync(request_for(sb, inp.path, tmp_path / "data"))
    msg = str(e.value)
    assert "150 credits" in msg and "100 credits are left" in msg and "Nothing was submitted" in msg
    assert sb.stats()["priceapi"]["jobs_created"] == 0
    assert list_runs(tmp_path / "data") == []  # nothing half-started in the journal either


def test_budget_too_low_stops_before_paying(tmp_path: Path, shared_sandbox) -> None:
    sb = shared_sandbox
    created = sb.stats()["priceapi"]["jobs_created"]
    inp = make_input(tmp_path / "codes.csv", 50)
    with pytest.raises(BudgetExceededError, match="budget is 10 credits"):
        run_sync(request_for(sb, inp.path, tmp_path / "data", budget=10, currentness="realtime"))
    assert sb.stats()["priceapi"]["jobs_created"] == created


def test_estimate_counts_cost_quota_and_cache(tmp_path: Path, sandbox_factory) -> None:
    sb = sandbox_factory(job_seconds=0.2, daily_quota=5000)
    inp = make_input(tmp_path / "codes.csv", 1200, duplicates=10, invalid=5)
    req = request_for(sb, inp.path, tmp_path / "data", currentness="realtime", budget=3000)
    validated = load_input(req)
    est = asyncio.run(estimate(req, validated))
    assert (est.unique_codes, est.credits, est.jobs, est.cached) == (1200, 2400, 2, 0)
    assert est.remaining_today == 5000 and est.budget == 3000 and est.within_limits
    assert sb.stats()["priceapi"]["jobs_created"] == 0


def test_cancel_stops_promptly_and_resume_collects_without_paying_again(tmp_path: Path, sandbox_factory,
                                                                      warp) -> None:
    sb = sandbox_factory(job_seconds=4.0, parallel_jobs=3)
    inp = make_input(tmp_path / "codes.csv", 2100)
    cancel = CancelToken()
    submitted = threading.Event()
    cancelled_at: list[float] = []

    def sink(p: Progress) -> None:
        if sum(1 for j in p.jobs if j.job_id) == 3:
            submitted.set()

    def cancel_later() -> None:
        submitted.wait(20)
        time.sleep(0.3)  # well into polling
        cancelled_at.append(time.monotonic())
        cancel.cancel()

    threading.Thread(target=cancel_later, daemon=True).start()
    req = request_for(sb, inp.path, tmp_path / "data")
    with pytest.raises(RunCancelled, match="--resume"):
        asyncio.run(run_lookup(req, progress=sink, cancel=cancel))
    stopped = time.monotonic()
    assert submitted.is_set()
    assert stopped - cancelled_at[0] < 1.0
    requests_after = sb.stats()["priceapi"]["requests"]
    time.sleep(0.3)
    assert sb.stats()["priceapi"]["requests"] == requests_after  # no more polling

    # the job ids stay in the journal; the run is offered for resume
    (info,) = find_unfinished_runs(tmp_path / "data")
    assert info.status == "cancelled"
    with Journal.open(tmp_path / "data") as j:
        jobs = j.jobs(info.run_id)
    assert [bool(x.job_id) for x in jobs] == [True, True, True]

    created = sb.stats()["priceapi"]["jobs_created"]
    warp.skip(60)  # the jobs left in flight finish meanwhile
    result = run_sync(request_for(sb, inp.path, tmp_path / "data", resume=True, tuning=warp.tuning()))
    stats = sb.stats()["priceapi"]
    assert stats["jobs_created"] == created == 3
    assert stats["values_submitted"] == stats["values_submitted_distinct"] == 2100
    assert result.run_id == info.run_id and result.status == "finished"
    assert len(result.priceapi) == 2100
    assert find_unfinished_runs(tmp_path / "data") == []


def test_second_run_reuses_fresh_answers_instead_of_paying(tmp_path: Path, shared_sandbox, warp) -> None:
    sb = shared_sandbox
    inp = make_input(tmp_path / "codes.csv", 300)
    first = run_sync(request_for(sb, inp.path, tmp_path / "data", tuning=warp.tuning()))
    created, credits = sb.stats()["priceapi"]["jobs_created"], sb.stats()["priceapi"]["credits_charged"]
    assert first.cached == frozenset()
    second = run_sync(request_for(sb, inp.path, tmp_path / "data", tuning=warp.tuning()))
    assert sb.stats()["priceapi"]["jobs_created"] == created
    assert sb.stats()["priceapi"]["credits_charged"] == credits
    # every answer PriceAPI gave within the currentness window is reused, failures included
    assert second.cached == set(first.priceapi) == set(inp.unique)
    assert second.credits_used == 0
    assert answers(second) == answers(first)
    assert RunSummary.of(second).from_cache == 300
    # the earlier run is the "previous" one for the Changes sheet
    assert second.previous is not None and second.previous.run_id == first.run_id
    assert set(second.previous.priceapi) == set(first.priceapi)
    # other settings are not mixed in: another country pays again
    run_sync(request_for(sb, inp.path, tmp_path / "data", country="de", tuning=warp.tuning()))
    assert sb.stats()["priceapi"]["jobs_created"] > created


def test_uncertain_submission_is_never_resent_automatically(tmp_path: Path, sandbox_factory, warp) -> None:
    sb = sandbox_factory(job_seconds=0.3)
    inp = make_input(tmp_path / "codes.csv", 1500)
    sb.inject("priceapi", "POST", "/jobs", kind="reset_after_body", count=1)
    result = run_sync(request_for(sb, inp.path, tmp_path / "data", tuning=warp.tuning()))
    stats = sb.stats()["priceapi"]
    assert stats["jobs_created"] == 2  # the first job exists on the service, we never got its id
    uncertain = {g for g, p in result.priceapi.items() if p.reason == UNCERTAIN_REASON}
    assert uncertain == set(inp.unique[:1000])
    assert result.status == "partial"
    assert RunSummary.of(result).failed >= 1000

    (info,) = list_runs(tmp_path / "data")
    assert info.status == "partial"
    # a *new* run of the same file reuses the 500 answers and keeps the 1000 in doubt out too:
    # the first job may exist and be charged, and only the user may decide to pay again
    again = run_sync(request_for(sb, inp.path, tmp_path / "data", tuning=warp.tuning()))
    assert sb.stats()["priceapi"]["values_submitted"] == stats["values_submitted"]
    assert again.cached == set(inp.unique[1000:])
    assert {g for g, p in again.priceapi.items() if p.reason == UNCERTAIN_REASON} == set(inp.unique[:1000])
    # asked explicitly, a new run sends them again
    from dataclasses import replace

    paid = run_sync(replace(request_for(sb, inp.path, tmp_path / "data", tuning=warp.tuning()), resend_uncertain=True))
    assert sb.stats()["priceapi"]["values_submitted"] == stats["values_submitted"] + 1000
    assert not any(p.reason == UNCERTAIN_REASON for p in paid.priceapi.values())


def test_resume_keeps_uncertain_values_out_unless_asked(tmp_path: Path, sandbox_factory, warp) -> None:
    from dataclasses import replace

    sb = sandbox_factory(job_seconds=0.3)
    inp = make_input(tmp_path / "codes.csv", 1200)
    sb.inject("priceapi", "POST", "/jobs", kind="reset_after_body", count=1)
    first = run_sync(request_for(sb, inp.path, tmp_path / "data", tuning=warp.tuning()))
    assert first.status == "partial"
    # mark it interrupted (as after a crash) so --resume picks it up
    with Journal.open(tmp_path / "data") as j:
        j.set_run_status(first.run_id, "failed", message="test")
    before = sb.stats()["priceapi"]["values_submitted"]
    resumed = run_sync(request_for(sb, inp.path, tmp_path / "data", resume=True, tuning=warp.tuning()))
    assert resumed.run_id == first.run_id
    assert sb.stats()["priceapi"]["values_submitted"] == before  # uncertain values not re-sent
    assert sum(1 for p in resumed.priceapi.values() if p.reason == UNCERTAIN_REASON) == 1000
    with Journal.open(tmp_path / "data") as j:
        j.set_run_status(first.run_id, "failed", message="test")
    req = replace(request_for(sb, inp.path, tmp_path / "data", resume=True, tuning=warp.tuning()),
                  resend_uncertain=True)
    final = run_sync(req)
    assert sb.stats()["priceapi"]["values_submitted"] == before + 1000
    assert not any(p.reason == UNCERTAIN_REASON for p in final.priceapi.values())
    assert final.status == "finished"


def test_enrichment_overlaps_the_priceapi_queue(tmp_path: Path, sandbox_factory, warp) -> None:
    """OfficiScan and Monitorize work while the PriceAPI job is queued/working, not after it."""
    # 60 values: a 60 s job, which finishes only when the clock is skipped ahead below
    sb = sandbox_factory(job_seconds=1000.0, officiscan_rate=500)
    inp = make_input(tmp_path / "codes.csv", 60, every_repaired=0)
    req = request_for(sb, inp.path, tmp_path / "data", officiscan=True, monitorize=True, officiscan_days=30,
                      officiscan_variants=True, monitorize_history=True,
                      tuning=RunTuning(officiscan_rate=200.0, officiscan_concurrency=4,
                                       poll=PollConfig(max_interval=0.2)))
    at_download: list[dict] = []

    def sink(p: Progress) -> None:
        if p.message and p.message.startswith("Job ") and "finished" in p.message:
            at_download.append(sb.stats())

    def finish_the_job_once_enrichment_is_at_work() -> None:
        deadline = time.monotonic() + 30  # then it finishes anyway, and the assertions below say why
        while time.monotonic() < deadline:
            stats = sb.stats()
            if stats["officiscan"]["requests"] >= 10 and stats["monitorize"]["requests"] >= 2:
                break
            time.sleep(0.02)
        warp.skip(120)

    threading.Thread(target=finish_the_job_once_enrichment_is_at_work, daemon=True).start()
    result = asyncio.run(run_lookup(req, progress=sink, cancel=CancelToken()))
    (stats,) = at_download
    # when the PriceAPI job came back (it could not finish before they were), both enrichment services were at work
    assert stats["officiscan"]["requests"] >= 10
    assert stats["monitorize"]["requests"] >= 2
    assert result.service_failures == {}
    # OfficiScan: every pharmacy code known to OfficiScan has snapshots, summarised per network
    assert len(result.officiscan) == 60
    with_snaps = {g: s for g, s in result.officiscan.items() if s}
    assert with_snaps
    g, snaps = next(iter(with_snaps.items()))
    summary = summarize_officiscan(snaps)
    assert summary.min_price is not None and summary.min_price <= summary.max_price  # type: ignore[operator]
    assert set(summary.latest_per_network) == {s.network for s in snaps}
    assert all(s.ean13 in (None, g[1:]) for s in snaps)
    assert result.officiscan_variants and set(result.officiscan_variants) <= set(result.officiscan)
    # Monitorize: matched by ref == code (as GTIN-14)
    assert result.monitorize
    for g, p in result.monitorize.items():
        assert p.ref is not None and p.ref.strip().zfill(14) == g
    assert set(result.monitorize_lowest) <= set(result.monitorize)
    assert result.monitorize_history and set(result.monitorize_history) <= set(result.monitorize)


def test_enrichment_failure_does_not_stop_the_run(tmp_path: Path, shared_sandbox, warp) -> None:
    sb = shared_sandbox
    inp = make_input(tmp_path / "codes.csv", 40)
    keys = ServiceKeys(priceapi="ok", officiscan="invalid", monitorize="invalid", snipcart="ok")
    result = run_sync(request_for(sb, inp.path, tmp_path / "data", officiscan=True, monitorize=True, keys=keys,
                                  tuning=warp.tuning()))
    assert result.status == "finished" and len(result.priceapi) == 40
    assert set(result.service_failures) == {"officiscan", "monitorize"}
    assert "OfficiScan" in result.service_failures["officiscan"]
    assert load_run(result.run_id, tmp_path / "data").service_failures == result.service_failures


def test_missing_priceapi_key_names_the_variable(tmp_path: Path, shared_sandbox) -> None:
    sb = shared_sandbox
    created = sb.stats()["priceapi"]["jobs_created"]
    inp = make_input(tmp_path / "codes.csv", 10)
    with pytest.raises(AuthenticationError, match=r"PRICELOOKUP_PRICEAPI_TOKEN.*pricelookup keys set priceapi"):
        run_sync(request_for(sb, inp.path, tmp_path / "data", keys=ServiceKeys()))
    with pytest.raises(AuthenticationError, match="PriceAPI"):
        run_sync(request_for(sb, inp.path, tmp_path / "data", keys=ServiceKeys(priceapi="invalid")))
    assert sb.stats()["priceapi"]["jobs_created"] == created


def test_snipcart_catalogue_as_input(tmp_path: Path, shared_sandbox, warp) -> None:
    result = run_sync(request_for(shared_sandbox, None, tmp_path / "data", snipcart_input=True, tuning=warp.tuning()))
    table = result.validated.table
    assert table.code_column == "snipcart.ean"
    assert table.frame.columns[:6] == ["snipcart.id", "snipcart.userDefinedId", "snipcart.name", "snipcart.price",
                                       "snipcart.stock", "snipcart.ean"]
    assert table.frame.height == result.validated.checks.height > 0
    codes = result.validated.lookup_codes(include_restricted=False)
    assert codes and set(result.priceapi) == set(codes)
    # products without any EAN stay as rows (empty code), nothing dropped
    assert result.validated.checks.filter(result.validated.checks["status"] == "empty").height >= 1
    again = load_run(result.run_id, tmp_path / "data")
    assert again.validated.table.frame.equals(table.frame)


def test_cancel_during_a_post_marks_the_chunk_uncertain_and_resume_does_not_resend_it(
        tmp_path: Path, sandbox_factory, warp) -> None:
    sb = sandbox_factory(job_seconds=0.5, slow_body_seconds=4.0)
    inp = make_input(tmp_path / "codes.csv", 1500)
    sb.inject("priceapi", "POST", "/jobs", kind="slow_body", count=1)  # the job exists, its answer dribbles
    cancel = CancelToken()
    cancelled_at: list[float] = []

    def cancel_when_created() -> None:
        deadline = time.monotonic() + 30
        while sb.stats()["priceapi"]["jobs_created"] < 1 and time.monotonic() < deadline:
            time.sleep(0.02)
        time.sleep(0.2)
        cancelled_at.append(time.monotonic())
        cancel.cancel()

    threading.Thread(target=cancel_when_created, daemon=True).start()
    with pytest.raises(RunCancelled):
        run_sync(request_for(sb, inp.path, tmp_path / "data"), cancel=cancel)
    assert time.monotonic() - cancelled_at[0] < 1.0
    (info,) = find_unfinished_runs(tmp_path / "data")
    with Journal.open(tmp_path / "data") as j:
        (job,) = j.jobs(info.run_id)
    assert job.state == "uncertain" and "cancelled" in (job.error or "")
    assert sb.stats()["priceapi"]["jobs_created"] == 1

    result = run_sync(request_for(sb, inp.path, tmp_path / "data", resume=True, tuning=warp.tuning()))
    stats = sb.stats()["priceapi"]
    assert stats["jobs_created"] == 2  # only the chunk that was never sent
    assert stats["values_submitted"] == stats["values_submitted_distinct"] == 1500
    assert {g for g, p in result.priceapi.items() if p.reason == UNCERTAIN_REASON} == set(inp.unique[:1000])
    assert result.status == "partial"
