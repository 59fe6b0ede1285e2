"""The benchmark cases still run (tiny sizes); the numbers themselves live in the README.

Two tests: every case at smoke size, one test per benchmark module, in the test's own process
or, for modules that start servers or a window, in one fresh interpreter per module (``run.py``
gives each case two of its own, which is what the measurements need and what a check that
the cases work does not: 44 interpreter starts were most of this test's minute; one module
per test lets the workers share them out, where all of them in one test was the suite's
longest 72 s); and ``run.py`` itself, orchestration and report, on the harness's own cases.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCHMARKS = ROOT / "tests" / "benchmarks"

#: prints what ``run.smoke_cases`` gives for one module, as JSON, from a fresh interpreter
ALL_CASES = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
import run
print(json.dumps(run.smoke_cases(sys.argv[3], Path(sys.argv[2]))))
"""

#: modules whose cases run in the test's own process: computation only, nothing process-wide, no
#: server of their own (the others start sandboxes and stop them at exit, or a window); an
#: interpreter of their own was ~0.6 s of CPU apiece
IN_PROCESS = {"bench_detail", "bench_export", "bench_gtin", "bench_reading", "bench_selftest"}


def smoke_in_this_process(module: str, work: Path) -> dict[str, dict]:
    """``run.smoke_cases(module, work)`` with run.py loaded under a name of its own (``run`` is
    also a folder of tests); run.py puts tests/benchmarks on ``sys.path`` for its cases."""
    spec = importlib.util.spec_from_file_location("benchmarks_run", BENCHMARKS / "run.py")
    assert spec is not None and spec.loader is not None
    runner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(runner)
    return runner.smoke_cases(module, work)


#: every benchmark module (a module's cases share fixtures, so they run together)
MODULES = sorted(p.stem for p in BENCHMARKS.glob("bench_*.py"))


def test_the_benchmark_modules_are_all_there() -> None:
    assert len(MODULES) >= 10 and {"bench_selftest", "bench_detail", "bench_gui", "bench_export"} <= set(MODULES)


@pytest.mark.slow
@pytest.mark.timeout(600)
@pytest.mark.parametrize("module", MODULES)
def test_every_benchmark_case_runs_at_smoke_size(module: str, tmp_path: Path) -> None:
    if module in IN_PROCESS:
        outcome = smoke_in_this_process(module, tmp_path)
    else:
        proc = subprocess.run([sys.executable, "-c", ALL_CASES, str(BENCHMARKS), str(tmp_path), module],
                              capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        outcome = json.loads(proc.stdout.strip().splitlines()[-1])
    assert outcome and all(key.startswith(module + "::") for key in outcome)  # the module's cases were found
    failed = {key: got["error"] for key, got in outcome.items() if "error" in got}
    assert not failed, "\n\n".join(f"{key}:\n{tb}" for key, tb in failed.items())
    assert all(got["report"]["seconds"] >= 0 and got["report"]["rss_mb"] > 0 for got in outcome.values())


@pytest.mark.slow
def test_the_runner_measures_and_reports(tmp_path: Path) -> None:
    report_path = BENCHMARKS / "out" / "latest-smoke.json"
    previous = report_path.read_bytes() if report_path.exists() else None
    try:
        proc = subprocess.run(
            [sys.executable, str(BENCHMARKS / "run.py"), "--size", "smoke", "--group", "harness", "--work",
             str(tmp_path)], capture_output=True, text=True, cwd=ROOT)
        assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
        report = json.loads(report_path.read_text())
    finally:  # a full smoke report written by hand stays as it was
        if previous is not None:
            report_path.write_bytes(previous)
    cases = {(r["group"], r["case"]) for r in report}
    assert cases == {("harness", "sum a list"), ("harness", "sum a list twice")}
    assert all(r["runs"] >= 1 and r["median_s"] >= 0 for r in report)
    assert "| harness | sum a list twice |" in proc.stdout  # the table, with the ratio to its baseline
