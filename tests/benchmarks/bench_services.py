"""What the shared HTTP policy costs on top of plain httpx.

The same 2,000 ``GET /priceapi/jobs/{id}`` status polls (the engine's most
frequent call) against a sandbox in a separate process, once with a bare
``httpx.AsyncClient`` + ``json.loads``, once through ``PriceApiClient.job_status``
(rate controller, semaphore, retry bookkeeping, Decimal JSON, typed record).
Target: the policy adds at most 30 %. httpx itself is the bound here (~1,000
requests/s on this machine), so the ratio is what matters.
"""

from __future__ import annotations

import asyncio
import atexit
import json
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from harness import Size, case

REQUESTS_FULL = 2_000


def _sandbox_with_a_job() -> tuple[str, str]:
    """Start ``pricelookup sandbox`` in its own process and create one long job: (base URL, job id)."""
    import httpx

    proc = subprocess.Popen([sys.executable, "-m", "pricelookup", "sandbox", "--port", "0", "--job-seconds", "3600"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    atexit.register(lambda: proc.poll() is None and (proc.terminate(), proc.wait(5)))
    line = proc.stdout.readline() if proc.stdout else ""
    match = re.search(r"http://127\.0\.0\.1:(\d+)", line)
    if not match:
        proc.kill()
        raise RuntimeError(f"sandbox did not start: {line!r}")
    base = f"http://127.0.0.1:{match.group(1)}/priceapi"
    resp = httpx.post(f"{base}/jobs", data={"token": "bench", "source": "google-shopping", "country": "fr",
                                            "key": "gtin", "values": "3401351277399"})
    resp.raise_for_status()
    return base, resp.json()["job_id"]


@case(group="clients", name="raw httpx: GET /jobs/{id} sequential", repeats=5)
def raw_httpx(size: Size, work: Path) -> Callable[[], object]:
    import httpx

    n = size.pick(full=REQUESTS_FULL, smoke=50)
    base, job_id = _sandbox_with_a_job()

    async def polls() -> int:
        done = 0
        async with httpx.AsyncClient(trust_env=False) as client:
            for _ in range(n):
                r = await client.get(f"{base}/jobs/{job_id}", params={"token": "bench"})
                r.raise_for_status()
                done += json.loads(r.content)["requested"]
        return done

    def run() -> object:
        assert asyncio.run(polls()) == n
        return None

    return run


@case(group="clients", name="PriceApiClient.job_status sequential", baseline="raw httpx: GET /jobs/{id} sequential",
      max_ratio=1.3, repeats=5, note="shared HTTP policy + typed parsing vs bare httpx")
def through_policy(size: Size, work: Path) -> Callable[[], object]:
    from pricelookup.services.priceapi import PriceApiClient

    n = size.pick(full=REQUESTS_FULL, smoke=50)
    base, job_id = _sandbox_with_a_job()

    async def polls() -> int:
        done = 0
        async with PriceApiClient(base, "bench") as client:
            for _ in range(n):
                done += (await client.job_status(job_id)).requested
        return done

    def run() -> object:
        assert asyncio.run(polls()) == n
        return None

    return run
