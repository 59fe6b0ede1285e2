"""Fixtures of the run tests (helpers live in runhelpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from pricelookup.sandbox import SandboxConfig, running_sandbox


@pytest.fixture
def sandbox_factory() -> Iterator[Any]:
    """Start sandboxes on demand (stopped at the end of the test)."""
    started: list[Any] = []

    def start(**cfg: Any) -> Any:
        cm = running_sandbox(SandboxConfig(**cfg))
        sb = cm.__enter__()
        started.append(cm)
        return sb

    yield start
    for cm in reversed(started):
        cm.__exit__(None, None, None)
