"""Progress reporting and cancellation: the engine's two side channels.

The engine calls a :data:`ProgressSink` with immutable :class:`Progress`
snapshots; the CLI draws a bar, the GUI emits a queued signal. A sink must be
cheap and must not block (the GUI's sink only posts to the UI thread).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from pricelookup.errors import RunCancelled

Stage = Literal[
    "reading", "validating", "planning", "priceapi", "officiscan", "monitorize",
    "snipcart", "merging", "exporting", "done",
]


@dataclass(frozen=True, slots=True)
class JobProgress:
    """One PriceAPI job as the user sees it."""

    job_id: str | None  # None until the POST answered
    status: str  # planned | new | enqueued | working | finishing | finished | downloaded | failed
    requested: int
    completed: int
    progress: int  # 0..100 as the service reports it


@dataclass(frozen=True, slots=True)
class Progress:
    """A snapshot of a run's progress. ``fraction`` is 0..1 over the whole run."""

    stage: Stage
    done: int
    total: int
    fraction: float
    eta_seconds: float | None = None
    message: str | None = None  # plain words for the log panel / stderr
    jobs: tuple[JobProgress, ...] = field(default=())


ProgressSink = Callable[[Progress], None]


def ignore_progress(_: Progress) -> None:
    """A sink that drops everything (tests, scripts)."""


class CancelToken:
    """Thread-safe cancel flag the GUI/CLI sets and the engine checks.

    The engine checks it between steps and while waiting (``wait`` wakes up as
    soon as it is set), so a cancel is obeyed within a second.
    """

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        """Ask the run to stop: no new submissions, no more polling."""
        self._event.set()

    @property
    def cancelled(self) -> bool:
        """True once :meth:`cancel` was called."""
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        """Raise :class:`RunCancelled` when the run was cancelled."""
        if self._event.is_set():
            raise RunCancelled("The run was cancelled; submitted jobs stay in the journal and can be resumed.")
