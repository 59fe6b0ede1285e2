"""The sandbox must never be what a benchmark measures.

* simple requests per second: ``GET /priceapi/jobs/{id}`` over one keep-alive
  connection from this (timed) process to a sandbox in a *separate* process
  (``pricelookup sandbox``), the way the app's clients poll. Target >= 2,000/s,
  expressed as a time limit on a fixed number of requests.
* a 100,000-value run (100 jobs of 1,000 values) completes: submit, poll, and
  download every job; every value comes back once and is charged once.

The client is the standard library's ``http.client`` (raw keep-alive), not
httpx: httpx alone tops out near 1,000 requests/s here and would measure itself.
"""

from __future__ import annotations

import atexit
import http.client
import json
import os
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from harness import Size, case

REQUESTS_FULL = 10_000
TARGET_PER_S = 2_000


def _start_sandbox(*extra: str) -> tuple[subprocess.Popen[str], int]:
    """``pricelookup sandbox`` in its own process; returns it and its port."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pricelookup", "sandbox", "--port", "0", *extra],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    atexit.register(_stop, proc)
    line = proc.stdout.readline() if proc.stdout else ""
    match = re.search(r"http://127\.0\.0\.1:(\d+)", line)
    if not match:
        proc.kill()
        raise RuntimeError(f"sandbox did not start: {line!r}")
    return proc, int(match.group(1))


def _stop(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()


def _request(conn: http.client.HTTPConnection, method: str, path: str, body: str | None = None) -> tuple[int, bytes]:
    headers = {"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}
    conn.request(method, path, body=body, headers=headers)
    resp = conn.getresponse()
    return resp.status, resp.read()


def _codes(n: int, salt: str) -> list[str]:
    from pricelookup.sandbox import data

    # sequential bodies: distinct by construction (hash-made codes could collide)
    offset = data.stable_hash("bench", salt) % 10**6
    bodies = [f"{'3401' if i % 2 else '4000'}{(offset + i) % 10**8:08d}" for i in range(n)]
    return [b + data.check_digit(b) for b in bodies]


@case(group="sandbox", name="sandbox simple requests (GET /jobs/{id}, keep-alive)",
      max_seconds=REQUESTS_FULL / TARGET_PER_S, repeats=3,
      note=f"target >= {TARGET_PER_S} requests/s: {REQUESTS_FULL} requests in <= {REQUESTS_FULL / TARGET_PER_S:.0f} s")
def simple_requests(size: Size, work: Path) -> Callable[[], object]:
    n = size.pick(full=REQUESTS_FULL, smoke=200)
    proc, port = _start_sandbox("--job-seconds", "3600")
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    status, body = _request(conn, "POST", "/priceapi/jobs", urlencode(
        {"token": "bench", "source": "google-shopping", "country": "fr", "key": "gtin", "values": "3401351277399"}))
    assert status == 200, body
    path = f"/priceapi/jobs/{json.loads(body)['job_id']}?token=bench"
    for _ in range(50):  # warm up the connection and both processes
        _request(conn, "GET", path)

    def cpu_seconds() -> float:
        # the sandbox process's own CPU time: its capacity, whatever else loads the machine
        fields = Path(f"/proc/{proc.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def timed() -> dict[str, float]:
        cpu0 = cpu_seconds() if sys.platform == "linux" else 0.0
        start = time.perf_counter()
        for _ in range(n):
            status, _body = _request(conn, "GET", path)
            if status != 200:
                raise RuntimeError(f"status {status}")
        out = {"requests_per_s": n / (time.perf_counter() - start)}
        if sys.platform == "linux":
            cpu = max(cpu_seconds() - cpu0, 1e-3)
            out["sandbox_cpu_us_per_request"] = cpu / n * 1e6
        return out

    return timed


@case(group="sandbox", name="sandbox 100,000-value run (100 jobs x 1,000)", repeats=2,
      note="job_seconds=1, parallel_jobs=4: critical path 25 s plus downloads")
def hundred_thousand_values(size: Size, work: Path) -> Callable[[], object]:
    jobs = size.pick(full=100, smoke=3)
    per_job = size.pick(full=1000, smoke=50)
    codes = _codes(jobs * per_job, "run")
    _proc, port = _start_sandbox("--job-seconds", "1", "--parallel-jobs", "4")

    def timed() -> dict[str, float]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        ids: list[str] = []
        for j in range(jobs):
            values = "\n".join(codes[j * per_job:(j + 1) * per_job])
            status, body = _request(conn, "POST", "/priceapi/jobs", urlencode(
                {"token": "bench", "source": "google-shopping", "country": "fr", "key": "gtin", "values": values}))
            assert status == 200, body
            ids.append(json.loads(body)["job_id"])
        pending = list(ids)
        products = 0
        polls = 0
        while pending:
            still = []
            for job_id in pending:
                _s, body = _request(conn, "GET", f"/priceapi/jobs/{job_id}?token=bench")
                polls += 1
                if json.loads(body)["status"] != "finished":
                    still.append(job_id)
                    continue
                status, body = _request(conn, "GET", f"/priceapi/products/bulk/{job_id}?token=bench")
                assert status == 200, body[:200]
                products += len(json.loads(body)["products"])
            pending = still
            if pending:
                time.sleep(0.2)
        _s, body = _request(conn, "GET", "/_sandbox/stats")
        stats = json.loads(body)["priceapi"]
        if products != len(codes) or stats["values_submitted"] != len(codes) \
                or stats["values_submitted_distinct"] != len(codes):
            raise RuntimeError(f"lost or doubled values: {products} products, stats {stats}")
        return {"values": float(products), "status_requests_per_job": polls / jobs,
                "credits": float(stats["credits_charged"])}

    return timed
