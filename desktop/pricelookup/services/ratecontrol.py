"""Adaptive per-host rate control: slow down when a service says "too much", speed up again after.

The idea comes from MusicBrainz Picard's ``picard/webservice/ratecontrol.py``,
which borrows TCP's congestion control: every host has

* a *delay* between the starts of two requests, doubled-ish on trouble and
  halved on every good answer until it is back at the configured minimum, and
* a *congestion window*: how many requests may be unanswered at once. On
  trouble it drops to one; on good answers it grows by one per answer ("slow
  start", exponential per round trip) until it reaches half of the window we
  had when trouble came, then by ``1/window`` per answer ("congestion
  avoidance", linear), so we creep back to the load that hurt instead of
  jumping straight into it again.

Differences from Picard, on purpose:

* The state lives in an instance (one controller per service per run), never in
  module globals, so two runs or two tests cannot disturb each other.
* A server's ``Retry-After`` blocks the whole host for that long (``block()``),
  not just the request that got it: otherwise the other in-flight requests of
  the same service would walk straight into the same 429.
* The window never grows past the service's concurrency cap (Picard's grows
  without bound; its global queue is what limits it).
* One slow-down per congestion event, as TCP reduces its window once per
  loss event: when six requests are in flight and all six get a 429, that is
  one "too fast", not six (Picard would double the delay six times, to 32 s).
  Answers to requests sent *before* the last slow-down neither slow down
  further nor speed up: they say nothing about the new pace. Requests carry a
  ticket (a sequence number) from :meth:`acquire` to :meth:`release` for this.
* The clock and sleep function are injected so tests run on fake time.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]

#: below this the delay is "no delay" (snap to the configured minimum)
_NEGLIGIBLE_DELAY = 0.001


@dataclass
class HostState:
    """Rate state of one host (mutable; owned by :class:`AdaptiveRateController`)."""

    min_delay: float  # configured floor between request starts, seconds
    delay: float  # current delay between request starts, seconds
    window: float  # congestion window: requests allowed in flight at once (int() of it)
    ssthresh: float = 0.0  # slow-start threshold; 0 = no trouble seen yet
    exponent: int = 0  # backoff exponent for the next slow-down
    in_flight: int = 0
    last_start: float | None = None  # clock() of the last request start
    issued: int = 0  # tickets handed out by acquire()
    slowdown_ticket: int = 0  # last ticket issued when we last slowed down
    blocked_until: float = 0.0  # clock() before which nothing may start (Retry-After)
    slowdowns: int = 0  # how many times we slowed down (observability/tests)


@dataclass(frozen=True)
class HostSnapshot:
    """Read-only view of a host's state, for logs, progress and tests."""

    delay: float
    window: float
    in_flight: int
    blocked_until: float
    slowdowns: int


class AdaptiveRateController:
    """Per-host pacing and congestion window, adapted from the answers we get.

    Use :meth:`acquire` before sending and :meth:`release` with what happened;
    :meth:`block` when the server named a time to come back.
    """

    def __init__(
        self,
        *,
        min_delay: float = 0.0,
        max_window: int = 8,
        initial_window: float = 1.0,
        slowdown_base: float = 1.0,
        max_exponent: int = 5,
        initial_delay: float | None = None,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
    ) -> None:
        """``min_delay``: seconds between request starts at best (1/requests-per-second).

        ``slowdown_base * 2**exponent`` is the delay after trouble (capped at
        ``2**max_exponent`` times the base: 32 s by default, as in Picard).
        ``initial_delay`` (None: ``min_delay``): the delay a host starts with, for a service
        whose limit is unknown; good answers halve it down to ``min_delay``.
        """
        if max_window < 1:
            raise ValueError("max_window must be >= 1")
        self.min_delay = max(0.0, min_delay)
        self.max_window = max_window
        self.initial_window = max(1.0, min(float(initial_window), float(max_window)))
        self.initial_delay = self.min_delay if initial_delay is None else max(self.min_delay, initial_delay)
        self.slowdown_base = slowdown_base
        self.max_exponent = max_exponent
        self._clock = clock
        self._sleep = sleep
        self._hosts: dict[str, HostState] = {}
        # Waiters for a free window slot wait on an Event that release() sets and
        # replaces (a sync "notify all", usable in ``finally`` without awaiting).
        # Kept per event loop: asyncio primitives bind to the loop that first
        # waits on them, and the GUI may estimate and run in different loops.
        self._changed: asyncio.Event | None = None
        self._changed_loop: asyncio.AbstractEventLoop | None = None

    # --- state ---------------------------------------------------------------

    def _state(self, host: str) -> HostState:
        st = self._hosts.get(host)
        if st is None:
            st = HostState(min_delay=self.min_delay, delay=self.initial_delay, window=self.initial_window)
            self._hosts[host] = st
        return st

    def snapshot(self, host: str) -> HostSnapshot:
        """Current state of ``host`` (a fresh host reports its initial state)."""
        st = self._state(host)
        return HostSnapshot(st.delay, st.window, st.in_flight, st.blocked_until, st.slowdowns)

    def _changed_event(self) -> asyncio.Event:
        loop = asyncio.get_running_loop()
        if self._changed is None or self._changed_loop is not loop:
            self._changed = asyncio.Event()
            self._changed_loop = loop
        return self._changed

    def _notify(self) -> None:
        ev, self._changed = self._changed, None  # the next waiter makes a fresh one
        if ev is not None:
            ev.set()

    # --- the three operations --------------------------------------------------

    async def acquire(self, host: str) -> int:
        """Wait until a request to ``host`` may start, count it as in flight; returns its ticket."""
        st = self._state(host)
        while True:
            now = self._clock()
            if st.in_flight >= max(1, int(st.window)):
                # the window is full: wait for an answer to come back (release notifies)
                await self._changed_event().wait()
                continue
            earliest = st.blocked_until
            if st.last_start is not None:
                earliest = max(earliest, st.last_start + st.delay)
            wait = earliest - now
            if wait > 0:
                await self._sleep(wait)
                continue  # someone else may have started meanwhile: check again
            st.in_flight += 1
            st.last_start = now
            st.issued += 1
            return st.issued

    def release(self, host: str, ticket: int | None = None, *, slow_down: bool = False,
                success: bool = False) -> None:
        """Count an answer (or failure) from ``host`` and adapt.

        ``slow_down``: the server said it is overloaded (429, 503). ``success``:
        a normal answer that tells us the pace is fine. Neither (a 500, a
        dropped connection) leaves the pace as it is: such failures say nothing
        about how fast we may go. ``ticket`` (from :meth:`acquire`) tells
        answers to requests sent before the last slow-down, which are ignored.
        """
        st = self._state(host)
        st.in_flight = max(0, st.in_flight - 1)
        stale = ticket is not None and ticket <= st.slowdown_ticket
        if stale:
            pass  # sent at the old pace: this answer is part of the event we already reacted to
        elif slow_down:
            self._slow_down(host, st)
        elif success and st.in_flight <= st.window:
            self._speed_up(host, st)
        self._notify()

    def block(self, host: str, seconds: float) -> None:
        """Let nothing start on ``host`` for ``seconds`` (the server's Retry-After)."""
        st = self._state(host)
        st.blocked_until = max(st.blocked_until, self._clock() + max(0.0, seconds))

    # --- adaptation --------------------------------------------------------------

    def _slow_down(self, host: str, st: HostState) -> None:
        # Exponential pacing: 1 s, 2 s, 4 s ... up to 32 s between starts, never
        # below the configured minimum.
        new_delay = max(self.slowdown_base * (2**st.exponent), st.min_delay)
        st.exponent = min(st.exponent + 1, self.max_exponent)
        # Remember half of the window that got us into trouble: growth turns
        # linear there. Back to one request at a time meanwhile.
        st.ssthresh = max(1.0, st.window / 2.0)
        st.window = 1.0
        st.slowdowns += 1
        st.slowdown_ticket = st.issued
        log.debug("%s: slowing down; delay %.3fs -> %.3fs, window -> 1, ssthresh %.1f",
                  host, st.delay, new_delay, st.ssthresh)
        st.delay = new_delay

    def _speed_up(self, host: str, st: HostState) -> None:
        st.exponent = 0  # out of backoff
        new_delay = st.delay / 2.0
        if new_delay < max(st.min_delay, _NEGLIGIBLE_DELAY):
            new_delay = st.min_delay
        if st.ssthresh and st.window >= st.ssthresh:
            new_window = st.window + 1.0 / st.window  # congestion avoidance: linear growth
        else:
            new_window = st.window + 1.0  # slow start: one more per answer
        new_window = min(new_window, float(self.max_window))
        if new_delay != st.delay or new_window != st.window:
            log.debug("%s: speeding up; delay %.3fs -> %.3fs, window %.2f -> %.2f",
                      host, st.delay, new_delay, st.window, new_window)
        st.delay = new_delay
        st.window = new_window
