"""Fixtures of the run tests (helpers live in runhelpers.py).

Time: every sandbox here runs its jobs on the module's :class:`~warpclock.WarpClock`
(``warp``, tests/conftest.py). A run started with ``tuning=warp.tuning()`` (or, for
``pricelookup run``, under the ``cli_on_warp`` fixture) skips its waits between polls, so
a job's seconds pass at once; a run with the default tuning waits in real time, as a
test of a cancel mid-run needs.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pricelookup.sandbox import RunningSandbox, SandboxConfig
from pricelookup.sandbox.data import Catalogue
from warpclock import WarpClock, serve_sandbox


@pytest.fixture
def sandbox_factory(catalogue: Catalogue, warp: WarpClock) -> Iterator[Any]:
    """Start sandboxes of their own on demand (stopped at the end of the test): for tests that
    inject faults, configure the sandbox, or count what it was sent from zero."""
    started: list[RunningSandbox] = []

    def start(**cfg: Any) -> RunningSandbox:
        sb = serve_sandbox(SandboxConfig(**cfg), clock=warp, catalogue=catalogue)
        started.append(sb)
        return sb

    yield start
    for sb in reversed(started):
        sb.stop()


@pytest.fixture(scope="module")
def shared_sandbox(catalogue: Catalogue, warp: WarpClock) -> Iterator[RunningSandbox]:
    """One sandbox for the module's tests that inject no fault and change no setting
    (quick jobs; whatever they count, they count as a difference)."""
    sb = serve_sandbox(SandboxConfig(job_seconds=0.3), clock=warp, catalogue=catalogue)
    yield sb
    sb.stop()
