"""Engine work in child processes (what the window uses) behaves exactly like the in-process run.

Every test here starts fresh interpreters (the child, or a parent script): all are marked slow.
"""

from __future__ import annotations

import asyncio
import dataclasses
import multiprocessing
import threading
from pathlib import Path

import pytest
from runhelpers import answers, make_input, request_for, run_sync

from pricelookup.errors import AuthenticationError, PriceLookupError, RateLimitedError, RunCancelled
from pricelookup.outcome import outcome_of
from pricelookup.run.api import find_unfinished_runs, load_input, load_run
from pricelookup.run.child_process import export_in_child_process, run_in_child_process
from pricelookup.run.progress import CancelToken, Progress
from pricelookup.settings import ServiceKeys


def _in_child(request, *, cancel: CancelToken | None = None, validated=None,
              progress: list[Progress] | None = None):
    sink = progress.append if progress is not None else (lambda p: None)
    return asyncio.run(run_in_child_process(request, progress=sink, cancel=cancel or CancelToken(),
                                            validated=validated))


@pytest.mark.slow
def test_child_run_gives_the_same_answers_as_the_in_process_run(tmp_path: Path, sandbox_factory, warp) -> None:
    sb = sandbox_factory(job_seconds=0.5, parallel_jobs=2, seed=3)
    inp = make_input(tmp_path / "codes.csv", 1500, duplicates=10, invalid=5)
    here = run_sync(request_for(sb, inp.path, tmp_path / "here", monitorize=True, tuning=warp.tuning()))

    request = request_for(sb, inp.path, tmp_path / "child", monitorize=True)
    validated = load_input(request)
    progress: list[Progress] = []
    there = _in_child(request, validated=validated, progress=progress)

    expected = outcome_of(here)
    assert there.answers.equals(expected.answers)
    assert there.answers.height == inp.rows and there.answers["monitorize_lowest"].is_not_null().any()
    assert (there.found, there.failed, there.credits_used) == (expected.found, expected.failed, here.credits_used)
    assert there.status == "finished" and there.validated is None  # the window already has its table
    assert progress and progress[-1].fraction == pytest.approx(1.0)
    assert {p.stage for p in progress} >= {"priceapi"}
    # the journal the child wrote holds the whole result
    assert answers(load_run(there.run_id, tmp_path / "child")) == answers(here)
    stats = sb.stats()["priceapi"]
    assert stats["values_submitted"] == 2 * len(inp.unique)  # two runs, two journals, each paid once


@pytest.mark.slow
def test_child_run_without_a_table_reads_the_input_itself(tmp_path: Path, sandbox_factory) -> None:
    sb = sandbox_factory(job_seconds=0.2, seed=1)
    inp = make_input(tmp_path / "codes.csv", 40)
    outcome = _in_child(request_for(sb, inp.path, tmp_path / "data"))
    assert outcome.validated is not None and outcome.validated.checks.height == inp.rows
    assert outcome.found + outcome.failed == len(inp.unique)


@pytest.mark.slow
def test_export_in_a_child_process_writes_the_journaled_run(tmp_path: Path, shared_sandbox, warp) -> None:
    import openpyxl

    inp = make_input(tmp_path / "codes.csv", 25)
    result = run_sync(request_for(shared_sandbox, inp.path, tmp_path / "data", tuning=warp.tuning()))
    out = tmp_path / "out.xlsx"
    report = asyncio.run(export_in_child_process(result.run_id, tmp_path / "data", out, layout="row",
                                                 max_offer_columns=3))
    assert report.path == out and report.rows_written >= 25
    workbook = openpyxl.load_workbook(out, read_only=True)
    assert workbook.sheetnames[0] == "Results"
    workbook.close()
    with pytest.raises(PriceLookupError):  # an unknown run: the journal's own error, across the boundary
        asyncio.run(export_in_child_process("no-such-run", tmp_path / "data", tmp_path / "x.xlsx", layout="row",
                                            max_offer_columns=3))


@pytest.mark.slow
def test_cancel_reaches_the_child_and_the_run_can_be_resumed(tmp_path: Path, sandbox_factory, warp) -> None:
    sb = sandbox_factory(job_seconds=30.0, seed=2)
    inp = make_input(tmp_path / "codes.csv", 300)
    data = tmp_path / "data"
    cancel = CancelToken()
    progress: list[Progress] = []

    def cancel_once_submitted(p: Progress) -> None:
        progress.append(p)
        if any(j.job_id for j in p.jobs):
            cancel.cancel()

    with pytest.raises(RunCancelled):
        asyncio.run(run_in_child_process(request_for(sb, inp.path, data), progress=cancel_once_submitted,
                                         cancel=cancel))
    assert sb.stats()["priceapi"]["jobs_created"] == 1
    # the child released the run's lock on its way out: the run is offered for resuming
    unfinished = find_unfinished_runs(data)
    assert len(unfinished) == 1
    assert not [p for p in multiprocessing.active_children() if p.name == "pricelookup-run"]

    warp.skip(60)  # the job left in flight finishes meanwhile
    resumed = _in_child(request_for(sb, inp.path, data, resume=True))
    assert resumed.found + resumed.failed == len(inp.unique)
    assert sb.stats()["priceapi"]["jobs_created"] == 1  # polled, not paid again


@pytest.mark.slow
def test_a_service_error_crosses_the_process_boundary_with_its_type(tmp_path: Path, shared_sandbox) -> None:
    sb = shared_sandbox
    inp = make_input(tmp_path / "codes.csv", 5)
    keys = dataclasses.replace(ServiceKeys.sandbox(), priceapi="invalid")
    with pytest.raises(AuthenticationError) as caught:
        _in_child(request_for(sb, inp.path, tmp_path / "data", keys=keys))
    assert caught.value.service == "PriceAPI"


def test_errors_of_the_hierarchy_pickle_with_their_attributes() -> None:
    import pickle

    exc = RateLimitedError("monitorize", "slow down", retry_after=2.5)
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is RateLimitedError
    assert (back.service, back.retry_after, str(back)) == ("monitorize", 2.5, str(exc))


@pytest.mark.slow
def test_the_child_stops_when_its_parent_is_gone(tmp_path: Path, sandbox_factory) -> None:
    """A parent that dies must not leave a look-up running on its own (it could go on paying)."""
    import subprocess
    import sys
    import time

    sb = sandbox_factory(job_seconds=60.0, seed=6)
    inp = make_input(tmp_path / "codes.csv", 20)
    data = tmp_path / "data"
    script = tmp_path / "parent.py"
    script.write_text(
        "import asyncio, sys\n"
        "from pathlib import Path\n"
        "from pricelookup.run.api import RunRequest\n"
        "from pricelookup.run.child_process import run_in_child_process\n"
        "from pricelookup.run.progress import CancelToken\n"
        "from pricelookup.settings import Endpoints, RunSettings, ServiceKeys\n"
        "if __name__ == '__main__':\n"
        f"    req = RunRequest(input_path=Path({str(inp.path)!r}), settings=RunSettings(officiscan=False, monitorize=False),\n"
        f"                     endpoints=Endpoints.for_sandbox({sb.url!r}), keys=ServiceKeys.sandbox(), data_dir=Path({str(data)!r}))\n"
        "    def sink(p):\n"
        "        if any(j.job_id for j in p.jobs): print('submitted', flush=True)\n"
        "    asyncio.run(run_in_child_process(req, progress=sink, cancel=CancelToken()))\n",
        encoding="utf-8")
    parent = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        line = ""
        timer = threading.Timer(60, parent.kill)
        timer.start()
        while "submitted" not in line:
            line = parent.stdout.readline()
            assert line, "the parent ended before the job was submitted"
        timer.cancel()
        parent.kill()
        parent.wait(10)
        # the orphaned child notices within a second or so, cancels, and releases the run's lock
        deadline = time.monotonic() + 20
        while not find_unfinished_runs(data) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert len(find_unfinished_runs(data)) == 1
    finally:
        if parent.poll() is None:
            parent.kill()
    assert sb.stats()["priceapi"]["jobs_created"] == 1


@pytest.mark.slow
def test_a_child_that_dies_says_so_and_points_to_resume(tmp_path: Path, sandbox_factory) -> None:
    import os
    import signal

    from pricelookup.run.child_process import EngineProcessError

    sb = sandbox_factory(job_seconds=60.0, seed=9)
    inp = make_input(tmp_path / "codes.csv", 10)

    def kill_once_submitted(p: Progress) -> None:
        if any(j.job_id for j in p.jobs):
            for child in multiprocessing.active_children():
                if child.name == "pricelookup-run" and child.pid:
                    os.kill(child.pid, signal.SIGKILL)

    with pytest.raises(EngineProcessError, match="Resume"):
        asyncio.run(run_in_child_process(request_for(sb, inp.path, tmp_path / "data"),
                                         progress=kill_once_submitted, cancel=CancelToken()))
    # the journal kept the submitted job: the run is offered for resuming, nothing is paid twice
    assert len(find_unfinished_runs(tmp_path / "data")) == 1
    assert sb.stats()["priceapi"]["jobs_created"] == 1
