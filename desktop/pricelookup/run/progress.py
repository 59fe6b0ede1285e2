"""Progress reporting and cancellation: the engine's two side channels.

The engine calls a :data:`ProgressSink` with immutable :class:`Progress`
snapshots; the CLI draws a bar, the GUI emits a queued signal. A sink must be
cheap and must not block (the GUI's sink only posts to the UI thread).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from pricelookup.errors import RunCancelled
from pricelookup.phrasing import Phrase
from pricelookup.settings import RunSettings

log = logging.getLogger(__name__)

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
    #: the journal's id of the run, once it has one (the window asks the journal about a product mid-run)
    run_id: str | None = None
    #: ``message`` as the engine said it: an English template and its parameters, for the window to
    #: translate (``str(phrase) == message``); None with no message, or a message of plain text
    phrase: Phrase | None = None


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


# --- merging the stages of a run ------------------------------------------------------------

#: weights of the stages in the overall fraction
STAGE_WEIGHTS = {"priceapi": 0.70, "officiscan": 0.25, "monitorize": 0.05}


def stage_weights(settings: RunSettings) -> dict[str, float]:
    """The weights of the stages ``settings`` runs, for the overall fraction."""
    w = {"priceapi": STAGE_WEIGHTS["priceapi"]}
    if settings.officiscan:
        w["officiscan"] = STAGE_WEIGHTS["officiscan"]
    if settings.monitorize:
        w["monitorize"] = STAGE_WEIGHTS["monitorize"]
    return w


@dataclass
class _StageState:
    done: int = 0
    total: int = 0
    started: float | None = None
    eta: float | None = None


@dataclass
class Reporter:
    """Merges the concurrent stages into one :class:`Progress` stream (throttled)."""

    sink: ProgressSink
    weights: dict[str, float]
    interval: float = 0.1
    clock: Callable[[], float] = time.monotonic
    stages: dict[str, _StageState] = field(default_factory=dict)
    jobs: tuple[JobProgress, ...] = ()
    phase: Stage = "reading"
    run_id: str | None = None  # set by the engine once the journal has the run
    _last: float = float("-inf")
    _t0: float = field(default_factory=time.monotonic)

    def __post_init__(self) -> None:
        self.stages = {name: _StageState() for name in self.weights}
        self._t0 = self.clock()

    def set_phase(self, phase: Stage, message: str | Phrase | None = None) -> None:
        """A sequential phase (reading, planning, merging, done)."""
        self.phase = phase
        self.emit(message, force=True)

    def update(self, stage: str, done: int, total: int, *, eta: float | None = None,
               message: str | Phrase | None = None) -> None:
        """Progress of one concurrent stage."""
        st = self.stages.setdefault(stage, _StageState())
        if st.started is None:
            st.started = self.clock()
        st.done, st.total, st.eta = done, total, eta
        self.emit(message)

    def fraction(self) -> float:
        """0..1 over the whole run."""
        if self.phase == "done":
            return 1.0
        wsum = sum(self.weights.values())
        if wsum <= 0:
            return 0.0
        acc = 0.0
        for name, w in self.weights.items():
            st = self.stages.get(name)
            if st is not None and st.total > 0:
                acc += w * min(1.0, st.done / st.total)
            elif st is not None and st.started is not None:
                acc += w  # started with nothing to do
        return max(0.0, min(1.0, acc / wsum))

    def _eta(self, now: float) -> float | None:
        etas: list[float] = []
        for name in self.weights:
            st = self.stages[name]
            if st.total <= 0 or st.done >= st.total:
                continue
            if st.eta is not None:
                etas.append(st.eta)
            elif st.started is not None and st.done > 0:
                rate = st.done / max(1e-6, now - st.started)
                etas.append((st.total - st.done) / rate)
            else:
                return None
        return max(etas) if etas else None

    def _current(self) -> tuple[Stage, int, int]:
        if self.phase in ("priceapi", "officiscan", "monitorize"):
            for name in ("priceapi", "officiscan", "monitorize"):
                st = self.stages.get(name)
                if name in self.weights and st is not None and st.total > 0 and st.done < st.total:
                    return name, st.done, st.total
            st = self.stages.get("priceapi") or _StageState()
            return "priceapi", st.done, st.total
        return self.phase, 0, 0

    def emit(self, message: str | Phrase | None = None, *, force: bool = False) -> None:
        """Send a snapshot to the sink (at most every ``interval`` s unless forced or a message).

        A message said with a :class:`~pricelookup.phrasing.Phrase` reaches the sink as its English
        text (``Progress.message``) with the phrase beside it (``Progress.phrase``).
        """
        now = self.clock()
        if not force and message is None and now - self._last < self.interval:
            return
        self._last = now
        stage, done, total = self._current()
        p = Progress(stage=stage, done=done, total=total, fraction=self.fraction(),
                     eta_seconds=None if self.phase == "done" else self._eta(now),
                     message=None if message is None else str(message), jobs=self.jobs, run_id=self.run_id,
                     phrase=message if isinstance(message, Phrase) else None)
        try:
            self.sink(p)
        except Exception:  # a broken sink must not break the run
            log.exception("progress sink failed")
