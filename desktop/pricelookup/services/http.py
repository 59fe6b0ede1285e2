"""The one HTTP policy every service client goes through.

What it decides, and why:

* **Timeouts**: connect ~5 s (a host that does not answer a SYN in 5 s is not
  going to), read ~30 s between bytes, and an overall *deadline* per call
  (retries and waits included) so that a trickling body or a chain of retries
  cannot hold a run forever.
* **Retries** with exponential backoff and *full jitter* (sleep a random time
  between 0 and ``base * 2**n``, capped): jitter spreads the retries of many
  concurrent calls so they do not hit a recovering server in lock-step.
  Retried: connection failures, timeouts and dropped connections of idempotent
  calls, HTTP 408, 429 and 5xx. Never retried: 400/401/403/404/422 and the other
  4xx, which will not change by asking again.
* **Retry-After** (seconds or HTTP-date) is obeyed exactly when it is at most
  ``retry_after_cap``; a longer wait ends the call with a
  :class:`~pricelookup.errors.RateLimitedError` that carries the wait, so the
  run can decide instead of sleeping for an hour inside one request.
* **Non-idempotent calls** (PriceAPI ``POST /jobs`` costs credits) are retried
  only when the request certainly never reached the server (connect errors,
  pool timeouts), when it was refused with 429, or when the service answered a
  5xx with its own error body (it saw the request and declined it). A timeout,
  a reset, or a bare 408/5xx (a gateway's 504 often comes *after* the server
  created the job) raises :class:`~pricelookup.errors.UncertainOutcomeError`:
  the job may exist, and the run's journal reconciles instead of paying twice.
* **The status decides first**: a 429 or 5xx is "ask again later" even when its
  body is the service's usual error body; that body's words go in the message.
* **Concurrency cap** per service (a semaphore) and **adaptive per-host rate
  control** (:mod:`.ratecontrol`) that slows down on 429/503 and speeds up on
  success. All of it lives in the :class:`HttpPolicy` instance: one per service
  per run, never a module global.
* **Plain HTTP** is refused for anything but loopback (the sandbox): keys would
  travel in clear text. Redirect targets are checked too.
* **No key in any message**: errors are built from the method and the URL
  *path* (never the query, where PriceAPI's token travels), and httpx
  exceptions are described by their type, never passed on with ``str(exc)``.

The clock, the sleep function and the random generator are injectable so tests
of backoff and Retry-After run on fake time.

This module is the send loop only (one reason to change: how a call is carried
out). Its parts live beside it: the retry decisions, Retry-After and backoff in
:mod:`.retry`, the plain-HTTP refusal in :mod:`.urls`, the words of errors in
:mod:`.wording`, and the base of the four clients in :mod:`.client`.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from datetime import UTC, datetime

import httpx

from pricelookup.errors import (
    AuthenticationError,
    QuotaExceededError,
    ServiceError,
    ServiceUnavailableError,
    UncertainOutcomeError,
)
from pricelookup.phrasing import phrase
from pricelookup.services.ratecontrol import AdaptiveRateController
from pricelookup.services.retry import (
    DEFAULT_RULES,
    RETRY_STATUSES,
    Attempt,
    DeadlineExceeded,
    RetryRule,
    decide,
    full_jitter_backoff,
    parse_retry_after,
)
from pricelookup.services.urls import host_key
from pricelookup.services.wording import (
    ANSWERED_HTTP,
    UNCERTAIN,
    ServiceInfo,
    describe_error,
    final_error,
)

log = logging.getLogger(__name__)

#: a service's own error kept as the end of a call that was answered 429/5xx until the retries
#: ran out: these say something asking again will not change (or say "unavailable" already)
_KEPT_WHEN_BUSY = (QuotaExceededError, AuthenticationError, ServiceUnavailableError)

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]
WallClock = Callable[[], datetime]


def _read_timeout_of(request: httpx.Request, default: float | None) -> float | None:
    """The read timeout ``request`` is sent with (httpx keeps a per-request ``timeout=`` in its
    extensions), so that "no answer within N s" names the wait that really ran out."""
    timeout = request.extensions.get("timeout")
    if isinstance(timeout, dict):
        read = timeout.get("read", default)
        return read if isinstance(read, int | float) else default
    return default


class HttpPolicy:
    """Timeouts, retries, Retry-After, concurrency cap and adaptive rate control for one service.

    One instance per service per run; all state (semaphore, rate controller)
    lives here. ``clock``/``sleep``/``wall_clock``/``rng`` are injectable for tests.
    """

    def __init__(
        self,
        *,
        connect_timeout: float = 5.0,
        read_timeout: float = 30.0,
        write_timeout: float = 30.0,
        pool_timeout: float = 10.0,
        deadline: float = 180.0,
        max_attempts: int = 5,
        backoff_base: float = 0.5,
        backoff_cap: float = 30.0,
        retry_after_cap: float = 120.0,
        max_concurrency: int = 6,
        min_interval: float = 0.0,
        initial_interval: float | None = None,
        initial_window: float = 1.0,
        slowdown_base: float = 1.0,
        rules: Sequence[RetryRule] = DEFAULT_RULES,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        wall_clock: WallClock | None = None,
        rng: random.Random | None = None,
    ) -> None:
        """``min_interval``: seconds between request starts per host at best (1 / rate limit);
        ``initial_interval`` (None: ``min_interval``) the pace to start from, for a service whose
        limit is unknown: the rate controller speeds up from it on good answers."""
        if max_attempts < 1 or max_concurrency < 1:
            raise ValueError("max_attempts and max_concurrency must be >= 1")
        self.timeout = httpx.Timeout(connect=connect_timeout, read=read_timeout,
                                     write=write_timeout, pool=pool_timeout)
        self.deadline = deadline
        self.max_attempts = max_attempts
        self.backoff_base = backoff_base
        self.backoff_cap = backoff_cap
        self.retry_after_cap = retry_after_cap
        self.max_concurrency = max_concurrency
        self.rules = tuple(rules)
        self._clock = clock
        self._sleep = sleep
        self._wall_clock = wall_clock or (lambda: datetime.now(UTC))
        self._rng = rng or random.Random()
        self.rate = AdaptiveRateController(min_delay=min_interval, max_window=max_concurrency,
                                           initial_window=initial_window, slowdown_base=slowdown_base,
                                           initial_delay=initial_interval, clock=clock, sleep=sleep)
        self._semaphore: asyncio.Semaphore | None = None
        self._semaphore_loop: asyncio.AbstractEventLoop | None = None
        #: counters for logs, progress and tests
        self.stats: dict[str, int] = {"requests": 0, "retries": 0, "slowdowns": 0}

    def _slots(self) -> asyncio.Semaphore:
        # per event loop: a Semaphore binds to the first loop that waits on it
        loop = asyncio.get_running_loop()
        if self._semaphore is None or self._semaphore_loop is not loop:
            self._semaphore = asyncio.Semaphore(self.max_concurrency)
            self._semaphore_loop = loop
        return self._semaphore

    def backoff(self, retry_number: int) -> float:
        """Full-jitter delay before retry number ``retry_number`` (1-based)."""
        return full_jitter_backoff(retry_number, base=self.backoff_base, cap=self.backoff_cap, rng=self._rng)

    async def send(
        self,
        client: httpx.AsyncClient,
        request: httpx.Request,
        *,
        service: ServiceInfo,
        idempotent: bool,
        follow_redirects: bool = False,
        classify: Callable[[httpx.Response], ServiceError | None] | None = None,
        secrets: Sequence[str] = (),
        call_deadline: float | None = None,
    ) -> httpx.Response:
        """Send ``request`` under the policy; the returned 2xx response has its body read.

        ``classify`` sees every non-2xx answer and may turn it into the service's
        own error (PriceAPI's ``{"success": false, "reason": ...}``); such errors
        are final unless the status is one worth asking again (429, 5xx), in which
        case they are raised only when the retries run out. Everything else is decided by the retry rules and
        ends, when retries run out, in an error from :func:`final_error`.
        ``secrets`` are redacted from any server text quoted in a message.
        ``call_deadline`` (seconds) replaces the policy's deadline for this one call: a call known
        to be slow (Monitorize's whole-account lists) says so with it and with the request's own
        ``timeout``, which messages quote instead of the policy's.
        """
        host = host_key(request.url)
        what = f"{service.name} {request.method} {request.url.path}"
        deadline = self._clock() + (self.deadline if call_deadline is None else call_deadline)
        request_read_timeout = _read_timeout_of(request, self.timeout.read)
        number = 0
        while True:
            number += 1
            self.stats["requests"] += 1
            response, error = await self._attempt(client, request, host, deadline, follow_redirects)
            retry_after: float | None = None
            if response is not None:
                status = response.status_code
                log.debug("%s -> %d (attempt %d)", what, status, number)
                if 200 <= status < 300:
                    return response
                specific = classify(response) if classify is not None else None
                # The status decides first: a 429 or 5xx carrying the service's usual error body
                # is still "busy, ask again later". Any other status with such a body is final,
                # and so is an answer that says the request was carried out after all (an
                # UncertainOutcomeError: a job id in an error answer to a paid POST).
                if specific is not None and (status not in RETRY_STATUSES
                                             or isinstance(specific, UncertainOutcomeError)):
                    raise specific
                retry_after = parse_retry_after(response.headers.get("retry-after"), now=self._wall_clock())
                if retry_after is not None and status in (429, 503):
                    # everyone going to this host waits, not just this request
                    self.rate.block(host, min(retry_after, self.retry_after_cap))
            else:
                specific = None
                log.debug("%s failed: %s (attempt %d)", what, type(error).__name__, number)
            attempt = Attempt(number, idempotent, response, error, retry_after, refused=specific is not None)
            decision = decide(attempt, self.rules)
            if decision.uncertain:
                if response is not None:
                    detail = phrase(ANSWERED_HTTP, code=str(response.status_code))
                else:
                    detail = describe_error(error or DeadlineExceeded(), read_timeout=request_read_timeout)
                raise UncertainOutcomeError(
                    service.name, phrase(UNCERTAIN, what=f"{request.method} {request.url.path}", detail=detail),
                    detail=detail)
            read_timeout = request_read_timeout or 0.0
            if retry_after is not None and retry_after > self.retry_after_cap:
                raise final_error(service, request, attempt, read_timeout=read_timeout,
                                  retry_after_cap=self.retry_after_cap, secrets=secrets)
            if not decision.retry or number >= self.max_attempts:
                raise self._give_up(specific, service, request, attempt, read_timeout, secrets)
            delay = decision.delay if decision.delay is not None else self.backoff(number)
            if self._clock() + delay >= deadline:
                raise self._give_up(specific, service, request, attempt, read_timeout, secrets)
            self.stats["retries"] += 1
            log.info("%s: %s; retrying in %.1f s (attempt %d of %d)", what, decision.reason, delay,
                     number + 1, self.max_attempts)
            await self._sleep(delay)

    def _give_up(self, specific: ServiceError | None, service: ServiceInfo, request: httpx.Request,
                 attempt: Attempt, read_timeout: float, secrets: Sequence[str]) -> ServiceError:
        """The error ending a call: the service's own error when it names the account's problem
        (quota, key) or already says "unavailable", else the generic one for the status, which
        quotes the service's words. A 429 or 5xx is "busy" whatever its body says: turned into
        the body's "request refused", the run would stop instead of asking again later."""
        if specific is not None and isinstance(specific, _KEPT_WHEN_BUSY):
            return specific
        return final_error(service, request, attempt, read_timeout=read_timeout,
                           retry_after_cap=self.retry_after_cap, secrets=secrets)

    async def _attempt(
        self, client: httpx.AsyncClient, request: httpx.Request, host: str, deadline: float,
        follow_redirects: bool,
    ) -> tuple[httpx.Response | None, BaseException | None]:
        """One try under the semaphore and the rate controller; body fully read."""
        async with self._slots():
            ticket = await self.rate.acquire(host)
            slow_down = success = False
            try:
                remaining = deadline - self._clock()
                if remaining <= 0:
                    return None, DeadlineExceeded(sent=False)
                try:
                    async with asyncio.timeout(remaining):
                        response = await client.send(request, stream=True, follow_redirects=follow_redirects)
                        try:
                            await response.aread()
                        finally:
                            await response.aclose()
                except TimeoutError:
                    return None, DeadlineExceeded()
                except httpx.RequestError as exc:
                    return None, exc
                status = response.status_code
                slow_down = status in (429, 503)
                success = status < 500 and not slow_down
                return response, None
            finally:
                if slow_down:
                    self.stats["slowdowns"] += 1
                self.rate.release(host, ticket, slow_down=slow_down, success=success)
