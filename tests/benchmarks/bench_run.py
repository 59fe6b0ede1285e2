"""The lookup run: 100,000 unique codes = 100 PriceAPI jobs, on a sandbox in its own process.

Cases (group "run"):

- "run_lookup 100 jobs": the engine (plan, journal, submit all, adaptive polling, download each job
  as soon as it is finished, the RunResult) against ``pricelookup sandbox --job-seconds 5
  --parallel-jobs 10``. The service works 10 jobs at once, FIFO, 5 s each, so nothing can
  finish before the critical path ceil(100 / 10) x 5 s = 50 s. Target: wall time <= 1.15 x that
  (57.5 s), peak RSS <= 1 GB.

  Why 5 s and not 2 s: on this 2-core machine both processes are CPU-bound at 2 s. Measured
  (notes engine_cpu_s / sandbox_cpu_s): the sandbox needs ~0.23 s of CPU per 1,000-product
  download and the engine ~0.2 s (mostly the client's JSON decoding and record parsing),
  ~44 s of CPU for 100 jobs, more than two cores can do in a 20 s critical path. At 2 s the
  benchmark measured the machine, not the engine's scheduling; at 5 s a real PriceAPI job
  (minutes) is still far slower, so the engine's share is what remains to see. OfficiScan is off (at its 20 requests/s limit 100,000 codes would
  take 5,000 s: that bound, not PriceAPI, would be the critical path); Monitorize is off (one
  call, measured by the services benchmarks). Notes: status requests per job (sandbox stats),
  the critical path, wall / critical path.
- "obvious way (10 jobs, x10 in notes)": one job at a time, a fixed 5 s between status
  requests, the same sandbox settings. At full size that takes ~100 x 5 s or more, so it is
  measured on 10 jobs; ``extrapolated_100_jobs_s`` (x10) is the number to compare with the
  engine's wall time.

The input is read and validated in setup (not timed): the reading benchmarks cover that.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import math
import re
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path

from harness import Size, case

JOB_SECONDS = 5.0
PARALLEL = 10
FULL_JOBS = 100


def _codes(n: int) -> list[str]:
    from pricelookup.sandbox import data

    bodies = [f"{'3401' if i % 2 else '4000'}{i:08d}" for i in range(n)]  # distinct by construction
    return [b + data.check_digit(b) for b in bodies]


def _input(work: Path, n: int) -> Path:
    path = work / f"codes-{n}.csv"
    if not path.exists():
        path.write_text("ean;label\n" + "\n".join(f"{c};item {i}" for i, c in enumerate(_codes(n))) + "\n",
                        encoding="utf-8")
    return path


def _start_sandbox(job_seconds: float, parallel: int) -> tuple[str, int]:
    """``pricelookup sandbox`` in its own process: its URL and pid."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pricelookup", "sandbox", "--port", "0", "--job-seconds", str(job_seconds),
         "--parallel-jobs", str(parallel), "--officiscan-rate", "1000"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    atexit.register(lambda: proc.poll() is None and (proc.terminate(), proc.wait(5)))
    line = proc.stdout.readline() if proc.stdout else ""
    match = re.search(r"http://127\.0\.0\.1:\d+", line)
    if not match:
        proc.kill()
        raise RuntimeError(f"sandbox did not start: {line!r}")
    return match.group(0), proc.pid


def _cpu_of(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    import psutil

    t = psutil.Process(pid).cpu_times()
    return t.user + t.system


def _stats(url: str) -> dict:
    with urllib.request.urlopen(f"{url}/_sandbox/stats", timeout=30) as r:
        return json.loads(r.read())["priceapi"]


@case(group="run", name="run_lookup 100 jobs (100,000 codes)", max_rss_mb=1024, repeats=2,
      max_seconds=1.15 * math.ceil(FULL_JOBS / PARALLEL) * JOB_SECONDS,
      note=f"sandbox job_seconds={JOB_SECONDS:g}, parallel_jobs={PARALLEL}: critical path "
           f"{math.ceil(FULL_JOBS / PARALLEL) * JOB_SECONDS:g} s; target <= 1.15x")
def engine_run(size: Size, work: Path) -> Callable[[], object]:
    from pricelookup.run.api import RunRequest, load_input, run_lookup
    from pricelookup.run.progress import CancelToken
    from pricelookup.settings import Endpoints, RunSettings, ServiceKeys

    jobs = size.pick(full=FULL_JOBS, smoke=3)
    job_seconds = size.pick(full=JOB_SECONDS, smoke=0.3)
    parallel = size.pick(full=PARALLEL, smoke=2)
    n = jobs * 1000
    url, sandbox_pid = _start_sandbox(job_seconds, parallel)
    data_dir = Path(tempfile.mkdtemp(dir=work, prefix="journal-"))
    request = RunRequest(input_path=_input(work, n), settings=RunSettings(officiscan=False, monitorize=False),
                         endpoints=Endpoints.for_sandbox(url), keys=ServiceKeys.sandbox(), data_dir=data_dir)
    validated = load_input(request)
    critical = math.ceil(jobs / parallel) * job_seconds

    def timed() -> dict[str, float]:
        start, cpu0, sb0 = time.perf_counter(), time.process_time(), _cpu_of(sandbox_pid)
        result = asyncio.run(run_lookup(request, progress=lambda p: None, cancel=CancelToken(),
                                        validated=validated))
        wall = time.perf_counter() - start
        cpu, sb_cpu = time.process_time() - cpu0, _cpu_of(sandbox_pid) - sb0
        stats = _stats(url)
        if len(result.priceapi) != n or stats["values_submitted"] != n or stats["values_submitted_distinct"] != n:
            raise RuntimeError(f"lost or doubled values: {len(result.priceapi)} answers, stats {stats}")
        # CPU seconds tell whether a missed target is the machine (shared, loaded) or the work
        return {"status_requests_per_job": stats["status_requests"] / stats["jobs_created"],
                "critical_path_s": critical, "wall_over_critical": wall / critical,
                "engine_cpu_s": cpu, "sandbox_cpu_s": sb_cpu}

    return timed


@case(group="run", name="obvious way: 1 job at a time, 5 s polling (10 jobs, x10 in notes)", repeats=1,
      note="measured on 10 jobs of 1,000 (a 5 s job needs two 5 s polls: a full 100-job run would take ~17 min); "
           "extrapolated_100_jobs_s = 10 x the measured time")
def obvious_way(size: Size, work: Path) -> Callable[[], object]:
    from pricelookup.services.priceapi import PriceApiClient

    jobs = size.pick(full=10, smoke=2)
    job_seconds = size.pick(full=JOB_SECONDS, smoke=0.3)
    poll = size.pick(full=5.0, smoke=0.3)
    codes = _codes(jobs * 1000)
    url, _pid = _start_sandbox(job_seconds, size.pick(full=PARALLEL, smoke=2))

    async def run() -> int:
        got = 0
        async with PriceApiClient(f"{url}/priceapi", "bench") as client:
            for j in range(jobs):
                job = await client.create_job(source="google-shopping", country="fr", key="gtin",
                                              values=codes[j * 1000:(j + 1) * 1000])
                while True:
                    await asyncio.sleep(poll)
                    if (await client.job_status(job.job_id)).status == "finished":
                        break
                got += len((await client.results(job.job_id)).products)
        return got

    def timed() -> dict[str, float]:
        start = time.perf_counter()
        got = asyncio.run(run())
        wall = time.perf_counter() - start
        if got != jobs * 1000:
            raise RuntimeError(f"{got} products for {jobs * 1000} values")
        stats = _stats(url)
        return {"status_requests_per_job": stats["status_requests"] / stats["jobs_created"],
                "extrapolated_100_jobs_s": wall * FULL_JOBS / jobs}

    return timed
