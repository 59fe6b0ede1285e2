"""When to ask a service again, and how long to wait first: pure decisions, no I/O.

One reason to change: the retry policy. This module reads ``Retry-After``
(seconds or HTTP-date), computes the full-jitter backoff, and turns what one
attempt produced (:class:`Attempt`) into a :class:`RetryDecision` through small
composable rules (:data:`DEFAULT_RULES`, first opinion wins). It never sends,
sleeps or reads a clock: :class:`~pricelookup.services.http.HttpPolicy` does
that and asks :func:`decide`. Being pure, every rule is tested on plain values.

* Retried: connection failures, timeouts and dropped connections of idempotent
  calls, HTTP 408, 429 and 5xx. Never retried: the other 4xx, which will not
  change by asking again.
* Non-idempotent calls (PriceAPI ``POST /jobs`` costs credits) are retried only
  when the request certainly never reached the server, when it was refused with
  429, or when the service answered with its own error body; otherwise the
  decision is "uncertain" and the caller reconciles instead of paying twice.
"""

from __future__ import annotations

import email.utils
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

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
