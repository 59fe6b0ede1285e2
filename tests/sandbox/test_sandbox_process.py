"""The window's sandbox: the same services, served by a child process."""

from __future__ import annotations

import json
import multiprocessing
import urllib.request

from pricelookup.sandbox import SandboxConfig
from pricelookup.sandbox.process import SandboxProcess, sandbox_in_child_process


def _get(url: str) -> tuple[int, dict]:
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(url, timeout=10) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def test_served_from_a_child_process_until_the_block_ends() -> None:
    with sandbox_in_child_process(SandboxConfig(job_seconds=5.0, seed=3)) as sandbox:
        assert isinstance(sandbox, SandboxProcess)
        assert sandbox.url.startswith("http://127.0.0.1:")
        children = [p for p in multiprocessing.active_children() if p.name == "pricelookup-sandbox"]
        assert len(children) == 1
        status, body = _get(sandbox.url + "/priceapi/jobs/nope?token=invalid")
        assert status in (401, 403)  # the service's own authentication error, over real HTTP
        assert sandbox.stats()["priceapi"]["requests"] >= 1 and body

        assert sandbox.configure(job_seconds=60.0)["job_seconds"] == 60.0
        sandbox.inject("priceapi", "GET", "/jobs", "http_500", 1)
        assert sandbox.stats()["priceapi"]["jobs_created"] == 0
    assert not children[0].is_alive()
