"""Fixtures of the sandbox tests: a served sandbox, an httpx client, and a
sandbox driven directly on a fake clock (for job timelines without waiting).

The served sandboxes run their jobs on the module's warp clock (``warp``, tests/conftest.py):
``wait`` skips it ahead between two looks at a job instead of sleeping.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from pricelookup.sandbox import RunningSandbox, Sandbox, SandboxConfig
from pricelookup.sandbox.data import Catalogue
from pricelookup.sandbox.httpserver import Request, Response
from pricelookup.services.client import tls_context
from warpclock import WarpClock, serve_sandbox

TOKEN = "test-token"
#: OfficiScan's pace (20 requests/s of real time by default) is not what most of these tests are
#: about; the rate-limit test sets its own. A module's reads on the shared sandbox come faster than 20/s.
FAST = SandboxConfig(job_seconds=0.4, parallel_jobs=4, officiscan_rate=1000.0)


@pytest.fixture(scope="module")
def shared_sandbox(catalogue: Catalogue, warp: WarpClock) -> Iterator[RunningSandbox]:
    """One served sandbox per test module, for tests that only read."""
    sb = serve_sandbox(FAST, clock=warp, catalogue=catalogue)
    yield sb
    sb.stop()


@pytest.fixture
def sandbox(catalogue: Catalogue, warp: WarpClock) -> Iterator[RunningSandbox]:
    """A fresh served sandbox for tests that count, configure or inject."""
    sb = serve_sandbox(FAST, clock=warp, catalogue=catalogue)
    yield sb
    sb.stop()


@pytest.fixture
def make_sandbox(catalogue: Catalogue, warp: WarpClock) -> Iterator[Callable[..., RunningSandbox]]:
    """Start served sandboxes with other settings; all stopped at the end of the test."""
    started: list[RunningSandbox] = []

    def make(**changes: Any) -> RunningSandbox:
        sb = serve_sandbox(FAST.with_changes(**changes), clock=warp, catalogue=catalogue)
        started.append(sb)
        return sb

    yield make
    for sb in started:
        sb.stop()


def client_for(sb: RunningSandbox, **kwargs: Any) -> httpx.Client:
    """A keep-alive httpx client on the sandbox's base URL, with the product's one TLS context (httpx
    would load the CA bundle for each client, ~40 ms, though these calls are plain HTTP)."""
    return httpx.Client(verify=tls_context(trust_env=False), base_url=sb.url, timeout=kwargs.pop("timeout", 30),
                        **kwargs)


@pytest.fixture
def client(sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    """httpx client of the fresh ``sandbox``."""
    with client_for(sandbox) as c:
        yield c


@pytest.fixture
def shared_client(shared_sandbox: RunningSandbox) -> Iterator[httpx.Client]:
    """httpx client of the module's ``shared_sandbox``."""
    with client_for(shared_sandbox) as c:
        yield c


class FakeClock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@dataclass
class Direct:
    """A sandbox called without HTTP, on a fake clock."""

    sandbox: Sandbox
    clock: FakeClock

    def call(self, method: str, target: str, form: dict[str, str] | None = None,
             headers: dict[str, str] | None = None) -> Response:
        body = urlencode(form).encode() if form is not None else b""
        h = {"content-type": "application/x-www-form-urlencoded"} if form is not None else {}
        h.update({k.lower(): v for k, v in (headers or {}).items()})
        return self.sandbox(Request(method, target, "HTTP/1.1", h, body))

    def json(self, method: str, target: str, form: dict[str, str] | None = None) -> Any:
        import json

        return json.loads(self.call(method, target, form).body)

    def submit(self, values: list[str], token: str = TOKEN, **extra: str) -> str:
        form = {"token": token, "source": "google-shopping", "country": "fr", "key": "gtin",
                "values": "\n".join(values), **extra}
        answer = self.json("POST", "/priceapi/jobs", form)
        return str(answer["job_id"])

    def status(self, job_id: str, token: str = TOKEN) -> dict[str, Any]:
        return dict(self.json("GET", f"/priceapi/jobs/{job_id}?token={token}"))


@pytest.fixture
def direct(catalogue: Catalogue) -> Callable[..., Direct]:
    """Build a :class:`Direct` sandbox with the given settings."""

    def make(**changes: Any) -> Direct:
        clock = FakeClock()
        return Direct(Sandbox(FAST.with_changes(**changes), catalogue=catalogue, monotonic=clock), clock)

    return make


def job_form(values: list[str], **extra: str) -> dict[str, str]:
    """The form of a PriceAPI ``POST /jobs``."""
    return {"token": TOKEN, "source": "google-shopping", "country": "fr", "key": "gtin",
            "values": "\n".join(values), **extra}


@pytest.fixture
def form() -> Callable[..., dict[str, str]]:
    """:func:`job_form` as a fixture."""
    return job_form


def wait_finished(c: httpx.Client, job_id: str, token: str = TOKEN, timeout: float = 20.0, *,
                  clock: WarpClock) -> list[dict[str, Any]]:
    """Poll a job until finished, ``clock`` skipped 10 ms ahead between two looks; return every
    status answer seen."""
    seen: list[dict[str, Any]] = []
    deadline = clock() + timeout
    while clock() < deadline:
        s = c.get(f"/priceapi/jobs/{job_id}", params={"token": token}).json()
        seen.append(s)
        if s["status"] == "finished":
            return seen
        clock.skip(0.01)
    raise AssertionError(f"job {job_id} not finished after {timeout} s: {seen[-1]}")


@pytest.fixture
def wait(warp: WarpClock) -> Callable[..., list[dict[str, Any]]]:
    """:func:`wait_finished` on the module's warp clock, as a fixture."""
    return partial(wait_finished, clock=warp)
