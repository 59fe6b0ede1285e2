"""Shared fixtures of the service-client tests: a fake clock for the HTTP policy."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest


class FakeClock:
    """Monotonic clock + sleep + wall clock on fake time: sleeping advances time instantly.

    ``sleeps`` records every requested sleep so tests can check backoff and
    Retry-After without waiting for real.
    """

    EPOCH = datetime(2026, 3, 2, 12, 0, 0, tzinfo=UTC)

    def __init__(self) -> None:
        self.now = 0.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)  # still let other tasks run, as a real sleep would

    def wall(self) -> datetime:
        return self.EPOCH + timedelta(seconds=self.now)


@pytest.fixture
def fake_clock() -> FakeClock:
    """A fresh fake clock per test."""
    return FakeClock()
