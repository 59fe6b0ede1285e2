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
  created the job) raises :class:`UncertainOutcomeError`: the job may exist,
  and the run's journal reconciles instead of paying twice.
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
"""

from __future__ import annotations

import asyncio
import email.utils
import ipaddress
import logging
import random
import re
import ssl
import time
from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, ClassVar, Self

import httpx

from pricelookup import __version__
from pricelookup.errors import (
    AuthenticationError,
    BadResponseError,
    NotFoundError,
    QuotaExceededError,
    RateLimitedError,
    RequestRejectedError,
    ServiceError,
    ServiceUnavailableError,
    SettingsError,
)
from pricelookup.secrets import KEY_ENV_VARS, redact, remember_keys
from pricelookup.services import decode
from pricelookup.services.ratecontrol import AdaptiveRateController
from pricelookup.settings import SERVICE_NAMES

log = logging.getLogger(__name__)

Clock = Callable[[], float]
Sleep = Callable[[float], Awaitable[None]]
WallClock = Callable[[], datetime]


class UncertainOutcomeError(ServiceError):
    """A non-idempotent request may or may not have been processed by the server.

    The connection failed *after* the request was sent (read timeout, reset,
    deadline). Repeating it could do the thing twice (pay a PriceAPI job twice),
    so the policy stops and says so; the caller reconciles. ``detail`` says in
    plain words what failed ("the connection was reset while reading the answer").
    """

    def __init__(self, service: str, message: str, *, detail: str = "") -> None:
        super().__init__(service, message)
        self.detail = detail


# --- plain-HTTP refusal ---------------------------------------------------------


def host_key(url: httpx.URL) -> str:
    """``scheme://host[:port]``: the unit of rate control (one service may span hosts via redirects)."""
    port = f":{url.port}" if url.port else ""
    return f"{url.scheme}://{url.host}{port}"


def is_loopback_host(host: str) -> bool:
    """True for ``localhost``, 127.0.0.0/8 and ``::1`` (the only hosts plain HTTP may reach)."""
    name = host.strip("[]").lower().rstrip(".")
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def check_base_url(base_url: str, service: str) -> httpx.URL:
    """The parsed base URL, or :class:`SettingsError` if it is not https (or loopback http)."""
    try:
        url = httpx.URL(base_url.strip())
    except (httpx.InvalidURL, TypeError, ValueError):
        raise SettingsError(f"{service}: the service address is not a valid URL; "
                            "check it in Settings (it should look like https://...).") from None
    if url.scheme not in ("http", "https") or not url.host:
        raise SettingsError(f"{service}: the service address must start with https:// "
                            "and name a host; check it in Settings.")
    if url.userinfo:
        # a user:password in the address would end up in logs and messages
        raise SettingsError(f"{service}: the service address must not contain a user name "
                            "or password; keys go in Settings > Keys.")
    if url.scheme == "http" and not is_loopback_host(url.host):
        raise SettingsError(
            f"{service}: refusing the plain-HTTP address of host {url.host}: the key would "
            "travel unencrypted. Use https:// (plain http is allowed only for 127.0.0.1 / "
            "localhost, i.e. the sandbox)."
        )
    return url


# --- Retry-After and backoff (pure) ----------------------------------------------


def parse_retry_after(value: str | None, *, now: datetime) -> float | None:
    """Seconds to wait from a ``Retry-After`` header (delta-seconds or HTTP-date), or None.

    A date in the past means 0. Unreadable values are ignored (None): a bad
    header must not stop the normal backoff.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    if re.fullmatch(r"\d+(\.\d+)?", text):
        return float(text)
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    if when.tzinfo is None:  # RFC 9110 dates are GMT; obsolete forms may lack the zone
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def wait_words(seconds: float) -> str:
    """``seconds`` as an analyst reads a wait: "90 s", "25 minutes", "3.5 hours", "2 days"."""
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} minutes"
    if seconds < 48 * 3600:
        return f"{seconds / 3600:.1f} hours".replace(".0 hours", " hours")
    return f"{seconds / 86400:.0f} days"


def resume_time(seconds: float, *, now: datetime | None = None) -> str:
    """When a wait of ``seconds`` from ``now`` ends, in local time ("after 14:05", "after 2026-12-06 09:00")."""
    start = now or datetime.now(UTC)
    when = (start + timedelta(seconds=seconds)).astimezone()
    today = start.astimezone().date()
    return f"after {when:%H:%M}" if when.date() == today else f"after {when:%Y-%m-%d %H:%M}"


def full_jitter_backoff(attempt: int, *, base: float, cap: float, rng: random.Random) -> float:
    """Delay before retry number ``attempt`` (1 = first retry): uniform in [0, min(cap, base*2**(attempt-1))]."""
    ceiling = min(cap, base * (2 ** max(0, attempt - 1)))
    return rng.uniform(0.0, ceiling)


# --- retry decisions: small composable rules ------------------------------------------


class DeadlineExceeded(Exception):
    """Internal: the call's overall deadline ran out (``sent``: during an attempt, not before it)."""

    def __init__(self, *, sent: bool = True) -> None:
        super().__init__("deadline exceeded")
        self.sent = sent


#: errors raised before a single byte of the request left this machine
_NEVER_SENT: tuple[type[BaseException], ...] = (httpx.ConnectError, httpx.ConnectTimeout,
                                                httpx.PoolTimeout, httpx.UnsupportedProtocol)


def never_sent(error: BaseException) -> bool:
    """True when ``error`` guarantees the server never saw the request."""
    if isinstance(error, DeadlineExceeded):
        return not error.sent
    return isinstance(error, _NEVER_SENT)


@dataclass(frozen=True)
class Attempt:
    """What one try of a request produced, as the retry rules see it."""

    number: int  # 1-based
    idempotent: bool
    response: httpx.Response | None = None
    error: BaseException | None = None  # transport error / DeadlineExceeded
    retry_after: float | None = None  # seconds, from the response's Retry-After
    #: the service itself answered with its own error body ("refused"): the request was seen
    #: and declined, nothing was done (PriceAPI's ``{"success": false, "reason": ...}``)
    refused: bool = False


@dataclass(frozen=True)
class RetryDecision:
    """A rule's verdict: retry (after ``delay``, or the backoff when None), stop, or stop as uncertain."""

    retry: bool
    delay: float | None = None
    uncertain: bool = False
    reason: str = ""


RetryRule = Callable[[Attempt], RetryDecision | None]

#: statuses worth asking again: the server is busy or broken, not our request
RETRY_STATUSES = frozenset({408, 429, 500, 502, 503, 504})


def rule_stop_after_send_if_not_idempotent(a: Attempt) -> RetryDecision | None:
    """A non-idempotent request that failed after being sent is never repeated."""
    if not a.idempotent and a.error is not None and not never_sent(a.error):
        return RetryDecision(False, uncertain=True, reason="failed after the request was sent")
    return None


def rule_stop_answer_if_not_idempotent(a: Attempt) -> RetryDecision | None:
    """A non-idempotent request answered 408 or 5xx may have been carried out anyway.

    A gateway (a proxy, a load balancer) answers 502/504 when the server behind it was too
    slow, often *after* the server created the job; a 500 may come after the work was done.
    Only the service's own refusal body says nothing was done. 429 is a refusal by
    definition (RFC 6585: the request was not processed), so it is left to the next rules.
    """
    if (not a.idempotent and a.response is not None and a.response.status_code in RETRY_STATUSES
            and a.response.status_code != 429 and not a.refused):
        return RetryDecision(False, uncertain=True,
                             reason=f"answered HTTP {a.response.status_code} after the request was sent")
    return None


def rule_retry_unsent(a: Attempt) -> RetryDecision | None:
    """Connection failures before sending are always safe to retry (except a bad URL scheme)."""
    if isinstance(a.error, DeadlineExceeded):
        return RetryDecision(False, reason="deadline")
    if a.error is not None and never_sent(a.error):
        if isinstance(a.error, httpx.UnsupportedProtocol):
            return RetryDecision(False, reason="unsupported protocol")
        return RetryDecision(True, reason="could not connect")
    return None


def rule_retry_idempotent_failures(a: Attempt) -> RetryDecision | None:
    """Timeouts and dropped connections of idempotent calls are retried (not the deadline)."""
    if a.error is not None and a.idempotent:
        if isinstance(a.error, httpx.TooManyRedirects):
            return RetryDecision(False, reason="redirects")
        return RetryDecision(True, reason="connection failed")
    return None


def rule_retry_status(a: Attempt) -> RetryDecision | None:
    """408, 429, 500, 502, 503, 504: retry, after Retry-After when the server gave one."""
    if a.response is not None and a.response.status_code in RETRY_STATUSES:
        return RetryDecision(True, delay=a.retry_after, reason=f"HTTP {a.response.status_code}")
    return None


DEFAULT_RULES: tuple[RetryRule, ...] = (
    rule_stop_after_send_if_not_idempotent,
    rule_stop_answer_if_not_idempotent,
    rule_retry_unsent,
    rule_retry_idempotent_failures,
    rule_retry_status,
)


def decide(attempt: Attempt, rules: Sequence[RetryRule] = DEFAULT_RULES) -> RetryDecision:
    """The first rule with an opinion wins; no opinion means do not retry."""
    for rule in rules:
        decision = rule(attempt)
        if decision is not None:
            return decision
    return RetryDecision(False, reason="not retryable")


# --- messages (never from str(httpx exception), never with a query string) --------------


def describe_error(error: BaseException, *, read_timeout: float | None = None) -> str:
    """Plain words for a transport failure, from its type only (str() may hold the URL)."""
    if isinstance(error, DeadlineExceeded):
        return "the call took longer than its deadline"
    if isinstance(error, httpx.ConnectTimeout):
        return "the connection timed out"
    if isinstance(error, httpx.ConnectError):
        return "the connection was refused or the host was not found"
    if isinstance(error, httpx.PoolTimeout):
        return "no free connection became available in time"
    if isinstance(error, httpx.ReadTimeout):
        return f"no answer within {read_timeout:.0f} s" if read_timeout else "no answer in time"
    if isinstance(error, httpx.WriteTimeout):
        return "sending the request timed out"
    if isinstance(error, httpx.RemoteProtocolError):
        return "the server closed the connection without a complete answer"
    if isinstance(error, httpx.ReadError):
        return "the connection was reset while reading the answer"
    if isinstance(error, httpx.WriteError):
        return "the connection was reset while sending the request"
    if isinstance(error, httpx.TooManyRedirects):
        return "too many redirects"
    if isinstance(error, httpx.DecodingError):
        return "the answer could not be decoded"
    if isinstance(error, httpx.ProxyError):
        return "the proxy refused the connection"
    if isinstance(error, httpx.UnsupportedProtocol):
        return "the address uses an unsupported protocol"
    return f"network error ({type(error).__name__})"


def looks_like_html(response: httpx.Response) -> bool:
    """True for an HTML page (an error page from a proxy or a down service)."""
    ctype = response.headers.get("content-type", "").lower()
    if "html" in ctype:
        return True
    head = response.content[:64].lstrip().lower()
    return head.startswith((b"<!doctype", b"<html", b"<head", b"<body"))


@dataclass(frozen=True)
class ServiceInfo:
    """What messages need to know about a service."""

    name: str  # "PriceAPI"
    key_word: str = "key"  # "token" for PriceAPI
    env_var: str = ""

    @property
    def key_hint(self) -> str:
        """Where the analyst fixes a refused key."""
        env = f" (or {self.env_var})" if self.env_var else ""
        return f"check it in Settings > Keys{env}"


def error_detail(response: httpx.Response, secrets: Sequence[str] = ()) -> str:
    """A short explanation the service put in a JSON error body (``message``/``error``/``reason``), or "".

    Redacted, then cut to one short line: it is server text going into a message. Redaction
    comes first: a key cut in two, or with its spacing changed, would no longer be recognised.
    """
    try:
        body = decode.loads(response.content)
    except ValueError:
        return ""
    if not isinstance(body, dict):
        return ""
    for field_name in ("message", "error_description", "error", "reason", "detail"):
        value = body.get(field_name)
        if isinstance(value, str) and value.strip():
            text = " ".join(redact(value, secrets).split())
            return text if len(text) <= 160 else text[:159] + "…"
    return ""


def final_error(info: ServiceInfo, request: httpx.Request, attempt: Attempt, *,
                read_timeout: float, retry_after_cap: float | None = None,
                secrets: Sequence[str] = ()) -> ServiceError:
    """The error that ends a call whose last attempt was ``attempt`` (already not retried).

    Every piece of server text in the message (the JSON detail, the status line's reason
    phrase, a path a redirect chose) has ``secrets`` redacted.
    """
    what = redact(f"{request.method} {request.url.path}", secrets)
    tries = f" after {attempt.number} attempts" if attempt.number > 1 else ""
    resp = attempt.response
    if resp is None:
        err = attempt.error or DeadlineExceeded()
        if isinstance(err, DeadlineExceeded):
            return ServiceUnavailableError(info.name, f"{what}: {describe_error(err)}{tries}; "
                                           "try again later (a run continues with --resume).")
        if isinstance(err, httpx.UnsupportedProtocol | httpx.TooManyRedirects):
            return BadResponseError(info.name, f"{what}: {describe_error(err)}; "
                                    "check the service address in Settings.")
        return ServiceUnavailableError(
            info.name, f"could not be reached for {what}: {describe_error(err, read_timeout=read_timeout)}"
            f"{tries}. Check the network connection, or try again later.")
    status = resp.status_code
    reason_phrase = redact(resp.reason_phrase, secrets)  # the status line is server text: it may echo a key
    phrase = f" {reason_phrase}" if reason_phrase and len(reason_phrase) < 80 else ""
    page = looks_like_html(resp)
    detail = error_detail(resp, secrets) if 400 <= status < 500 else ""
    said = f" — the service says: “{detail}”" if detail else ""
    if status in (401, 403):
        return AuthenticationError(info.name, f"the {info.key_word} was refused (HTTP {status}{phrase}{said}); "
                                   f"{info.key_hint}.")
    if status == 404:
        if page or not resp.content:
            return NotFoundError(info.name, f"{what} does not exist (HTTP 404); check the service address "
                                 "in Settings.")
        return NotFoundError(info.name, f"{what}: not found (HTTP 404{said}).")
    if status == 429:
        if attempt.retry_after is not None and retry_after_cap is not None and attempt.retry_after > retry_after_cap:
            wait = f"the service asks to wait {wait_words(attempt.retry_after)}. Run again {resume_time(attempt.retry_after)}"
        else:
            wait = f"the service is still limiting requests{tries}. Wait a few minutes, then run again"
        return RateLimitedError(info.name, f"too many requests (HTTP 429{said}): {wait} (--resume continues "
                                "where it stopped).", retry_after=attempt.retry_after)
    if status >= 500 or status == 408:
        error_page = ", answered with an error page" if page else ""
        return ServiceUnavailableError(info.name, f"the service is unavailable (HTTP {status}{phrase}{error_page})"
                                       f"{tries} for {what}; try again later (a run continues with --resume).")
    if 300 <= status < 400:
        return BadResponseError(info.name, f"{what} was redirected (HTTP {status}) unexpectedly; "
                                "check the service address in Settings.")
    return RequestRejectedError(info.name, f"{what} was rejected (HTTP {status}{phrase}{said}); "
                                "check the run settings (source, country, days, parameters).")


# --- the policy ---------------------------------------------------------------------


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
        initial_window: float = 1.0,
        slowdown_base: float = 1.0,
        rules: Sequence[RetryRule] = DEFAULT_RULES,
        clock: Clock = time.monotonic,
        sleep: Sleep = asyncio.sleep,
        wall_clock: WallClock | None = None,
        rng: random.Random | None = None,
    ) -> None:
        """``min_interval``: seconds between request starts per host at best (1 / rate limit)."""
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
                                           clock=clock, sleep=sleep)
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
    ) -> httpx.Response:
        """Send ``request`` under the policy; the returned 2xx response has its body read.

        ``classify`` sees every non-2xx answer and may turn it into the service's
        own error (PriceAPI's ``{"success": false, "reason": ...}``); such errors
        are final unless the status is one worth asking again (429, 5xx), in which
        case they are raised only when the retries run out. Everything else is decided by the retry rules and
        ends, when retries run out, in an error from :func:`final_error`.
        ``secrets`` are redacted from any server text quoted in a message.
        """
        host = host_key(request.url)
        what = f"{service.name} {request.method} {request.url.path}"
        deadline = self._clock() + self.deadline
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
                # is still "busy, ask again later". Any other status with such a body is final.
                if specific is not None and status not in RETRY_STATUSES:
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
                    detail = f"it answered HTTP {response.status_code}"
                else:
                    detail = describe_error(error or DeadlineExceeded(), read_timeout=self.timeout.read)
                raise UncertainOutcomeError(
                    service.name,
                    f"{request.method} {request.url.path}: {detail} after the request was sent; the "
                    "service may have processed it, so it was not sent again.", detail=detail)
            read_timeout = self.timeout.read or 0.0
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
        """The error ending a call: the service's own words when it gave some (429 excepted: the
        generic message says how long to wait), else the generic one for the status."""
        status = attempt.response.status_code if attempt.response is not None else None
        if specific is not None and (status != 429 or isinstance(specific, QuotaExceededError)):
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


# --- the base of the four clients ---------------------------------------------------------


class LoopbackTransport(httpx.AsyncBaseTransport):
    """The transport of a client whose service is on loopback (the sandbox).

    Its requests are plain HTTP, which needs no TLS set-up, so the CA-verifying pool is made
    only if an https request ever comes (a redirect elsewhere): loading the CA bundle costs
    ~0.05-0.2 s per client, which httpx would otherwise pay up front for every pool.
    """

    def __init__(self, limits: httpx.Limits, tls_context: Callable[[], ssl.SSLContext]) -> None:
        """``tls_context`` gives the verifying context for https (called once, when first needed)."""
        # A bare client context trusts no certificate at all: this pool can never make an
        # unverified TLS connection. It only ever carries plain HTTP.
        self._plain = httpx.AsyncHTTPTransport(verify=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT), limits=limits,
                                               trust_env=False)
        self._limits = limits
        self._tls_context = tls_context
        self._secure: httpx.AsyncHTTPTransport | None = None

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        """Plain HTTP through the plain pool, https through the verifying one (made on first use)."""
        if request.url.scheme == "https":
            if self._secure is None:
                self._secure = httpx.AsyncHTTPTransport(verify=self._tls_context(), limits=self._limits,
                                                        trust_env=False)
            return await self._secure.handle_async_request(request)
        return await self._plain.handle_async_request(request)

    async def aclose(self) -> None:
        """Close both pools."""
        await self._plain.aclose()
        if self._secure is not None:
            await self._secure.aclose()



def _pricelookup_user_agent() -> str:
    return f"pricelookup/{__version__} (+httpx)"


class ServiceClient:
    """What the four clients share: base URL check, auth, the policy, JSON decoding.

    Subclasses set the class attributes and :meth:`_auth_headers`; they call
    :meth:`_get_json` / :meth:`_request` with paths relative to the base URL.
    """

    service_id: ClassVar[str] = ""
    key_word: ClassVar[str] = "key"

    def __init__(self, base_url: str, key: str, *, transport: httpx.AsyncBaseTransport | None = None,
                 policy: HttpPolicy | None = None) -> None:
        """``base_url`` like ``https://api.priceapi.com`` or ``http://127.0.0.1:P/priceapi``."""
        self.info = ServiceInfo(SERVICE_NAMES[self.service_id], self.key_word, KEY_ENV_VARS[self.service_id])
        url = check_base_url(base_url, self.info.name)
        self.base_url = str(url).rstrip("/")
        self._key = (key or "").strip()
        remember_keys([self._key])  # scrubbed from every message and log line, whoever prints it
        self.policy = policy if policy is not None else self.default_policy()
        self._transport = transport
        loopback = is_loopback_host(url.host)
        self._loopback = loopback
        self._tls: ssl.SSLContext | None = None
        self._client_options: dict[str, Any] = {
            "timeout": self.policy.timeout,
            # proxies from the environment are for the real services, never the local sandbox
            "trust_env": not loopback,
            "headers": {"User-Agent": _pricelookup_user_agent()},
            "event_hooks": {"request": [self._check_request]},
            "follow_redirects": False,
        }
        self._http = self._new_client()

    def _new_client(self, limits: httpx.Limits | None = None) -> httpx.AsyncClient:
        if self._transport is not None:
            return httpx.AsyncClient(transport=self._transport, **self._client_options)
        limits = limits or httpx.Limits(max_connections=max(10, self.policy.max_concurrency * 2))
        if self._loopback:
            return httpx.AsyncClient(transport=LoopbackTransport(limits, self._tls_context), **self._client_options)
        return httpx.AsyncClient(limits=limits, verify=self._tls_context(), **self._client_options)

    def _tls_context(self) -> ssl.SSLContext:
        """The CA-verifying TLS context of this client, made once and shared by all its connection
        pools (httpx's own default, which it would build again, at ~0.05-0.2 s, for every pool)."""
        if self._tls is None:
            self._tls = httpx.create_ssl_context(trust_env=self._client_options["trust_env"])
        return self._tls

    @classmethod
    def default_policy(cls) -> HttpPolicy:
        """The policy used when none is given (subclasses tune it to the service)."""
        return HttpPolicy()

    def __repr__(self) -> str:  # never the key
        return f"{type(self).__name__}({self.base_url!r})"

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        """Close the connections."""
        await self._http.aclose()

    # --- hooks for subclasses ---------------------------------------------------------

    def _auth_headers(self) -> dict[str, str]:
        return {}

    def _auth_params(self) -> dict[str, str]:
        return {}

    def _classify(self, response: httpx.Response) -> ServiceError | None:
        """Turn a non-2xx answer into the service's own error, or None for the generic mapping."""
        return None

    # --- plumbing ---------------------------------------------------------------------

    async def _check_request(self, request: httpx.Request) -> None:
        # runs for every request httpx sends, redirects included
        if request.url.scheme != "https" and not (request.url.scheme == "http" and is_loopback_host(request.url.host)):
            raise BadResponseError(self.info.name, f"refused to follow a redirect to a plain-HTTP or "
                                   f"unknown address on host {request.url.host}: the key would travel "
                                   "unencrypted. Check the service address in Settings.")

    def _require_key(self) -> str:
        key = self._key
        if not key:
            raise AuthenticationError(self.info.name, f"no {self.key_word} is set; add it in Settings > Keys, "
                                      f"with `pricelookup keys set {self.service_id}`, or in {self.info.env_var}.")
        if any(ord(c) < 0x20 or ord(c) == 0x7F for c in key) or not key.isascii():
            # httpx would put the whole header value (the key) in its error message
            raise AuthenticationError(self.info.name, f"the {self.key_word} contains characters that cannot be "
                                      f"sent (line breaks, accents...); {self.info.key_hint}.")
        return key

    def url(self, path: str) -> str:
        """Absolute URL of ``path`` (which starts with '/')."""
        return self.base_url + path

    async def _request(self, method: str, path: str, *, params: Mapping[str, Any] | None = None,
                       data: Mapping[str, Any] | None = None, idempotent: bool | None = None,
                       follow_redirects: bool = False, client: httpx.AsyncClient | None = None) -> httpx.Response:
        self._require_key()
        merged = {**self._auth_params(), **(params or {})}
        request = (client or self._http).build_request(
            method, self.url(path), params=merged or None, data=data, headers=self._auth_headers())
        if idempotent is None:
            idempotent = method in ("GET", "HEAD", "OPTIONS", "PUT", "DELETE")
        return await self.policy.send(client or self._http, request, service=self.info, idempotent=idempotent,
                                      follow_redirects=follow_redirects, classify=self._classify,
                                      secrets=(self._key,))

    def _decode(self, response: httpx.Response, path: str) -> Any:
        """The JSON body with Decimals, or :class:`BadResponseError` in plain words."""
        if looks_like_html(response):
            raise BadResponseError(self.info.name, f"answered {path} with a web page instead of data "
                                   f"(HTTP {response.status_code}); the service may be down or the address "
                                   "wrong. Check the address in Settings or try again later.")
        try:
            return decode.loads(response.content)
        except ValueError:
            raise BadResponseError(self.info.name, f"answered {path} with data that is not valid JSON "
                                   f"(HTTP {response.status_code}); try again later, and report it if it "
                                   "persists.") from None

    async def _get_json(self, path: str, *, params: Mapping[str, Any] | None = None,
                        follow_redirects: bool = False) -> Any:
        response = await self._request("GET", path, params=params, follow_redirects=follow_redirects)
        return self._decode(response, path)

    def _shape_error(self, path: str, expected: str) -> BadResponseError:
        return BadResponseError(self.info.name, f"answered {path} with an unexpected structure "
                                f"(expected {expected}); the API may have changed. Report it.")
