"""Fault injection: what goes wrong on the way to a real service.

Two sources of faults, both counted in the stats:

* deterministic injections for tests: ``inject(service, method, path_prefix,
  kind, count)`` makes the next ``count`` matching requests fail that way;
* a random share ``faults`` of all requests (seeded), with a kind drawn among
  those that fit the request.

Random faults never make the outcome of a request that changes something
uncertain: on Monitorize ``product/add`` and Snipcart writes they are limited
to answers that say the request was *not* handled (5xx, 429, added latency).
On ``POST /jobs`` they are 429s, latency and a job stuck at progress 100: a
bare 5xx there is, for a careful client, indistinguishable from a gateway
error *after* the job was created (the real thing: ``gateway_504``), so a
random one would only make runs stop as "uncertain". Resets after a write and
gateway errors after the job was created are only ever injected on purpose
(``reset_after_body``, ``gateway_504``), because no documented endpoint lets a
client find out afterwards whether its job was created.

PriceAPI says "busy" with its usual error body too: ``priceapi_throttled`` is
the 429 its own site answers (``{"success": false, "reason": "Job creation limit
exceeded"}``, with Retry-After), ``priceapi_500_reason`` a 500 with such a body.
Both say the request was not carried out; they are only injected on purpose.
"""

from __future__ import annotations

import random
import time
from dataclasses import dataclass
from email.utils import formatdate
from typing import Literal

from pricelookup.sandbox.httpserver import Response

FaultKind = Literal[
    "latency", "http_500", "http_502_html", "http_503_html", "http_429_seconds", "http_429_date",
    "reset_mid_body", "reset_after_body", "slow_body", "stuck_at_100", "gateway_504",
    "unauthorized", "priceapi_throttled", "priceapi_500_reason",
]
FAULT_KINDS: tuple[FaultKind, ...] = (
    "latency", "http_500", "http_502_html", "http_503_html", "http_429_seconds", "http_429_date",
    "reset_mid_body", "reset_after_body", "slow_body", "stuck_at_100", "gateway_504",
    "unauthorized", "priceapi_throttled", "priceapi_500_reason",
)
#: kinds after which the request was handled (side effects happened) though the answer is faulty
HANDLED_KINDS = frozenset({"latency", "reset_mid_body", "reset_after_body", "slow_body", "stuck_at_100",
                           "gateway_504"})

_REFUSALS: tuple[FaultKind, ...] = (
    "latency", "http_500", "http_502_html", "http_503_html", "http_429_seconds", "http_429_date",
)
_READ_ONLY_EXTRAS: tuple[FaultKind, ...] = ("reset_mid_body", "slow_body")
#: refusals a client can tell from "created, then the answer was lost" (see the module doc)
_JOB_REFUSALS: tuple[FaultKind, ...] = ("latency", "http_429_seconds", "http_429_date")

_HTML = {
    500: "Internal Server Error",
    502: "Bad Gateway",
    504: "Gateway Time-out",
    503: "Service Temporarily Unavailable",
    429: "Too Many Requests",
}


def html_error_page(status: int) -> bytes:
    """The kind of page a front proxy serves when the application behind it fails."""
    title = f"{status} {_HTML.get(status, 'Error')}"
    return (f"<html>\r\n<head><title>{title}</title></head>\r\n<body>\r\n<center><h1>{title}</h1></center>\r\n"
            f"<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n").encode("ascii")


@dataclass
class Injection:
    """A pending deterministic fault."""

    service: str
    method: str  # "*" matches any method
    path_prefix: str
    kind: FaultKind
    remaining: int

    def matches(self, service: str, method: str, path: str) -> bool:
        """Whether a request (path relative to the service prefix) gets this fault."""
        return (self.remaining > 0 and self.service == service
                and (self.method == "*" or self.method == method) and path.startswith(self.path_prefix))


class FaultPlanner:
    """Decides which request gets which fault. One per sandbox; runs on the event loop only."""

    def __init__(self, seed: int, rate: float) -> None:
        self._rng = random.Random(f"faults:{seed}")
        self.rate = rate
        self._injections: list[Injection] = []

    def inject(self, service: str, method: str, path_prefix: str, kind: FaultKind, count: int = 1) -> None:
        """Make the next ``count`` matching requests fail with ``kind``."""
        if kind not in FAULT_KINDS:
            raise ValueError(f"unknown fault kind {kind!r}; one of {', '.join(FAULT_KINDS)}")
        if count < 1:
            raise ValueError("count must be >= 1")
        if not path_prefix.startswith("/"):
            path_prefix = "/" + path_prefix
        self._injections.append(Injection(service, method.upper(), path_prefix, kind, count))

    @property
    def active(self) -> bool:
        """False when no request can get a fault (the common, fast case)."""
        return self.rate > 0.0 or bool(self._injections)

    def clear(self) -> None:
        """Forget pending injections."""
        self._injections.clear()

    def pending(self) -> int:
        """Injected faults not yet delivered."""
        return sum(i.remaining for i in self._injections)

    def choose(self, service: str, method: str, path: str, *, read_only: bool, creates_job: bool) -> FaultKind | None:
        """The fault for this request, or None. Injections first, then the random share."""
        for inj in self._injections:
            if inj.matches(service, method, path):
                inj.remaining -= 1
                if inj.remaining == 0:
                    self._injections.remove(inj)
                return inj.kind
        if self.rate <= 0.0 or self._rng.random() >= self.rate:
            return None
        kinds: tuple[FaultKind, ...] = _REFUSALS
        if read_only:
            kinds += _READ_ONLY_EXTRAS
        if creates_job:
            kinds = (*_JOB_REFUSALS, "stuck_at_100")
        return self._rng.choice(kinds)

    def latency(self, max_seconds: float) -> float:
        """A random added latency (at least 50 ms, so it is measurable)."""
        return 0.05 + self._rng.random() * max(0.0, max_seconds - 0.05)


def refusal_response(kind: FaultKind, retry_after: int) -> Response | None:
    """The answer for a fault that refuses the request outright, or None for other kinds."""
    if kind == "http_500":
        return Response(500, html_error_page(500), "text/html")
    if kind == "http_502_html":
        return Response(502, html_error_page(502), "text/html")
    if kind == "http_503_html":
        return Response(503, html_error_page(503), "text/html", [("Retry-After", str(retry_after))])
    if kind == "unauthorized":
        # the key revoked (or rotated) while a run is going: only ever injected on purpose
        return Response(401, b'{"success": false, "reason": "unauthorized"}', "application/json")
    if kind == "priceapi_throttled":
        return Response(429, b'{"success": false, "reason": "Job creation limit exceeded"}', "application/json",
                        [("Retry-After", str(retry_after))])
    if kind == "priceapi_500_reason":
        return Response(500, b'{"success": false, "reason": "error"}', "application/json")
    if kind == "http_429_seconds":
        return Response(429, html_error_page(429), "text/html", [("Retry-After", str(retry_after))])
    if kind == "http_429_date":
        # the HTTP-date has one-second resolution: one extra second so the wait is never 0
        when = formatdate(time.time() + retry_after + 1, usegmt=True)
        return Response(429, html_error_page(429), "text/html", [("Retry-After", when)])
    return None
