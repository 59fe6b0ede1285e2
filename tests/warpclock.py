"""Time that tests can skip: the real monotonic clock plus every wait skipped on it.

A plain module (not conftest.py: several conftest modules exist in tests/). Shared by
a sandbox (``Sandbox(monotonic=...)``), the engine's job runner
(``PollConfig(clock=..., sleep=...)``, see :meth:`WarpClock.tuning`) and the clients'
``HttpPolicy(clock=..., sleep=...)``, every wait between polls, every backoff and
every Retry-After passes at once, while each request still goes over loopback HTTP
and everything else (the sandbox's latency faults, a proxy's late answers, a cancel
from another thread) keeps real time. A test may also jump ahead itself
(:meth:`WarpClock.skip`), e.g. to let jobs it kept in flight finish.
"""

from __future__ import annotations

import asyncio
import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from pricelookup.run.api import RunTuning
from pricelookup.run.polling import PollConfig
from pricelookup.sandbox import RunningSandbox, SandboxConfig
from pricelookup.sandbox.data import Catalogue


class WarpClock:
    """Monotonic seconds: ``time.monotonic()`` plus every skip so far (thread-safe).

    ``sleep`` skips instead of waiting (and lets other tasks run once, as a real
    sleep would); ``slept`` lists what was asked, so tests can check the waits.
    """

    def __init__(self) -> None:
        self._offset = 0.0
        self._lock = threading.Lock()
        self.slept: list[float] = []

    def __call__(self) -> float:
        return time.monotonic() + self._offset

    def skip(self, seconds: float) -> None:
        """Move the clock ``seconds`` ahead at once."""
        with self._lock:
            self._offset += max(0.0, seconds)

    async def sleep(self, seconds: float) -> None:
        """An ``asyncio.sleep`` that skips the time instead of waiting for it."""
        self.slept.append(seconds)
        self.skip(seconds)
        await asyncio.sleep(0)

    def tuning(self, **changes: Any) -> RunTuning:
        """A ``RunTuning`` whose job runner polls on this clock."""
        return RunTuning(poll=PollConfig(clock=self, sleep=self.sleep), **changes)


def serve_sandbox(config: SandboxConfig, *, clock: WarpClock | None = None,
                  catalogue: Catalogue | None = None) -> RunningSandbox:
    """A served sandbox (started; the caller stops it) whose jobs run on ``clock`` (real time if None)."""
    running = RunningSandbox(config, catalogue=catalogue)
    if clock is not None:
        # what Sandbox(monotonic=clock) would set; a second Sandbox would cost its ~0.07 s build again
        running.sandbox.ctx.monotonic = clock
    return running.start()


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
