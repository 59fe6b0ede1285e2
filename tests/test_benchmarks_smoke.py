"""The benchmark cases still run (tiny sizes); the numbers themselves live in the README."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_every_benchmark_case_runs_at_smoke_size(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, str(ROOT / "tests/benchmarks/run.py"), "--size", "smoke", "--work", str(tmp_path)],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    report = json.loads((ROOT / "tests/benchmarks/out/latest-smoke.json").read_text())
    cases = {(r["group"], r["case"]) for r in report}
    assert ("harness", "sum a list") in cases
    assert all(r["runs"] >= 1 and r["median_s"] >= 0 for r in report)
