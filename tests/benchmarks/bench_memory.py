"""Memory of a whole look-up as an analyst runs it: ``pricelookup run`` + export, whole process tree.

Cases (group "memory"):

- "cli run + export, 100,000 codes": ``pricelookup run codes.csv -o out.xlsx --sandbox-url …``
  in its own process against ``pricelookup sandbox`` in another, OfficiScan and Monitorize off.
  The peak is the largest sum of the resident memory of the CLI, the sandbox and any child
  they start, sampled every 50 ms (``tree_peak_mb``). Target: <= 600 MB.
- "cli run + export, 1,000,000 codes": the same at a million codes (1,000 jobs), column
  layout (one row per code: a row layout would be ~10M rows, beyond what Excel opens).
  Target: <= 2 GB. Slow (minutes): run it on its own, ``--group memory1m``.

Notes: ``journal_bytes_per_code`` (the journal's size on disk per answered code, WAL
included) and ``cli_peak_mb`` / ``sandbox_peak_mb`` (each process's own peak).

Set ``PRICELOOKUP_BENCH_PYTHONPATH`` to a checkout's ``desktop`` folder to measure another
version of the package side by side (before/after).
"""

from __future__ import annotations

import atexit
import os
import re
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path

from bench_run import _codes  # the same distinct codes the run benchmark uses
from harness import Size, case


def _env() -> dict[str, str]:
    env = dict(os.environ)
    other = os.environ.get("PRICELOOKUP_BENCH_PYTHONPATH")
    if other:
        env["PYTHONPATH"] = other + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _input(work: Path, n: int) -> Path:
    path = work / f"memory-codes-{n}.csv"
    if not path.exists():
        path.write_text("ean;label\n" + "\n".join(f"{c};item {i}" for i, c in enumerate(_codes(n))) + "\n",
                        encoding="utf-8")
    return path


class TreeSampler:
    """Peak of the summed RSS of some processes and all their descendants (a watchdog thread)."""

    def __init__(self, pids: list[int], interval: float = 0.05) -> None:
        import psutil

        self._roots = [psutil.Process(p) for p in pids]
        self.interval = interval
        self.peak = 0
        self.peaks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def _sample(self) -> None:
        import psutil

        total = 0
        for root in self._roots:
            try:
                procs = [root, *root.children(recursive=True)]
            except psutil.Error:
                continue
            for p in procs:
                try:
                    rss = p.memory_info().rss
                except psutil.Error:
                    continue
                total += rss
                self.peaks[p.pid] = max(self.peaks.get(p.pid, 0), rss)
        self.peak = max(self.peak, total)

    def _loop(self) -> None:
        while not self._stop.is_set():
            self._sample()
            self._stop.wait(self.interval)

    def __enter__(self) -> TreeSampler:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def _start_sandbox(job_seconds: float, parallel: int) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "pricelookup", "sandbox", "--port", "0", "--job-seconds", str(job_seconds),
         "--parallel-jobs", str(parallel)],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=_env())
    atexit.register(lambda: proc.poll() is None and (proc.terminate(), proc.wait(5)))
    return proc


def _sandbox_url(proc: subprocess.Popen[str]) -> str:
    line = proc.stdout.readline() if proc.stdout else ""
    match = re.search(r"http://127\.0\.0\.1:\d+", line)
    if not match:
        proc.kill()
        raise RuntimeError(f"sandbox did not start: {line!r}")
    return match.group(0)


def _journal_bytes(data_dir: Path) -> int:
    return sum(p.stat().st_size for p in data_dir.glob("journal.sqlite3*"))


def _cli_run(size: Size, work: Path, *, n_full: int, layout: str, job_seconds: float,
             parallel: int) -> Callable[[], dict[str, float]]:
    n = size.pick(full=n_full, smoke=300)
    inp = _input(work, n)

    def timed() -> dict[str, float]:
        sandbox = _start_sandbox(size.pick(full=job_seconds, smoke=0.3), parallel)
        url = _sandbox_url(sandbox)
        data_dir = Path(tempfile.mkdtemp(dir=work, prefix="memjournal-"))
        out = data_dir / "out.xlsx"
        cli = subprocess.Popen(
            [sys.executable, "-m", "pricelookup", "run", str(inp), "-o", str(out), "--layout", layout,
             "--sandbox-url", url, "--data-dir", str(data_dir), "--no-officiscan", "--no-monitorize", "--quiet"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=_env())
        with TreeSampler([cli.pid, sandbox.pid]) as sampler:
            _, err = cli.communicate()
        sandbox.terminate()
        sandbox.wait(10)
        if cli.returncode not in (0, 1) or not out.exists():
            raise RuntimeError(f"pricelookup run failed ({cli.returncode}): {err[-2000:]}")
        journal = _journal_bytes(data_dir)
        return {"tree_peak_mb": sampler.peak / 2**20, "cli_peak_mb": sampler.peaks.get(cli.pid, 0) / 2**20,
                "sandbox_peak_mb": sampler.peaks.get(sandbox.pid, 0) / 2**20,
                "journal_bytes_per_code": journal / n, "journal_mb": journal / 2**20}

    return timed


@case(group="memory", name="cli run + export, 100,000 codes (whole process tree)", repeats=1,
      note="tree_peak_mb is the number to hold to 600 MB (the harness's rss_mb is the benchmark "
           "process alone)")
def cli_run_100k(size: Size, work: Path) -> Callable[[], object]:
    return _cli_run(size, work, n_full=100_000, layout="row", job_seconds=2.0, parallel=20)


@case(group="memory1m", name="cli run + export, 1,000,000 codes, column layout (whole process tree)",
      repeats=1, note="tree_peak_mb is the number to hold to 2 GB")
def cli_run_1m(size: Size, work: Path) -> Callable[[], object]:
    return _cli_run(size, work, n_full=1_000_000, layout="column", job_seconds=2.0, parallel=50)
