"""SIGKILL the CLI mid-run, rerun with --resume: nothing paid twice, same answers as an uninterrupted run."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from runhelpers import answers, make_input, request_for, run_sync

from pricelookup.run.api import find_unfinished_runs, list_runs, load_run

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


def _cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "pricelookup", "run", *args]


def _job_states(db: Path) -> list[str]:
    if not db.exists():
        return []
    try:
        con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=1)
        try:
            return [r[0] for r in con.execute("SELECT state FROM jobs ORDER BY id")]
        finally:
            con.close()
    except sqlite3.Error:
        return []


@pytest.mark.slow
def test_sigkill_then_resume_pays_once_and_equals_an_uninterrupted_run(tmp_path: Path, sandbox_factory,
                                                                      warp) -> None:
    inp = make_input(tmp_path / "codes.csv", 2500, duplicates=20, invalid=10, empty=3)

    # the reference: an uninterrupted run on its own sandbox (same data seed)
    ref_sb = sandbox_factory(job_seconds=0.3, seed=3)
    reference = run_sync(request_for(ref_sb, inp.path, tmp_path / "ref", tuning=warp.tuning()))
    assert reference.status == "finished"

    # the run we kill: one job works at a time, 2 s each (about 2 s to kill it between two downloads)
    sb = sandbox_factory(job_seconds=2.0, parallel_jobs=1, seed=3)
    data = tmp_path / "data"
    args = [str(inp.path), "-o", str(tmp_path / "out.xlsx"), "--sandbox-url", sb.url, "--data-dir", str(data),
            "--no-officiscan", "--no-monitorize", "--quiet"]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen(_cli(*args), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        states: list[str] = []
        # kill once every job is submitted and some, not all, are downloaded
        while time.monotonic() < deadline:
            states = _job_states(data / "journal.sqlite3")
            if len(states) == 3 and "intent" not in states and 0 < states.count("downloaded") < 3:
                break
            assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
            time.sleep(0.05)
        else:
            pytest.fail(f"the run never reached the kill point: {states}")
        proc.send_signal(signal.SIGKILL)
        proc.wait(10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert not (tmp_path / "out.xlsx").exists()
    (interrupted,) = find_unfinished_runs(data)
    assert interrupted.status == "running"  # it never got to say otherwise

    before = sb.stats()["priceapi"]
    assert before["jobs_created"] == 3
    warp.skip(60)  # the jobs left in flight finish meanwhile
    done = subprocess.run(_cli(*args, "--resume"), env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    assert (tmp_path / "out.xlsx").exists()

    stats = sb.stats()["priceapi"]
    # each value submitted exactly once, over both processes
    assert stats["jobs_created"] == 3
    assert stats["values_submitted"] == stats["values_submitted_distinct"] == 2500
    (run,) = list_runs(data)
    assert run.run_id == interrupted.run_id and run.status == "finished"
    assert find_unfinished_runs(data) == []
    resumed = load_run(run.run_id, data)
    assert answers(resumed) == answers(reference)
    assert resumed.validated.checks.equals(reference.validated.checks)
    assert resumed.credits_used == reference.credits_used == stats["credits_charged"]
