"""The words of a failed call: what an analyst reads when a service request ends in an error.

One reason to change: how failures are worded. Transport failures are described
from their type only (``str()`` of an httpx exception may hold the URL, and
PriceAPI's token travels in its query string); a request is named by its method
and URL *path*, never the query; every piece of server text quoted in a message
(a JSON error detail, a status line's reason phrase) is redacted first.
:func:`final_error` maps the last attempt of a call to the application error
(:mod:`pricelookup.errors`) that ends it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import httpx

from pricelookup.errors import (
    AuthenticationError,
    BadResponseError,
    NotFoundError,
    RateLimitedError,
    RequestRejectedError,
    ServiceError,
    ServiceUnavailableError,
)
from pricelookup.redaction import redact
from pricelookup.services import decode
from pricelookup.services.retry import Attempt, DeadlineExceeded, resume_time, wait_words

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
    # a 5xx's own JSON words too (PriceAPI's {"success": false, "reason": ...}); not an error page's
    detail = error_detail(resp, secrets) if 400 <= status < 500 or (status >= 500 and not page) else ""
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
        return ServiceUnavailableError(info.name, f"the service is unavailable (HTTP {status}{phrase}{error_page}"
                                       f"{said}){tries} for {what}; try again later (a run continues with "
                                       "--resume).")
    if 300 <= status < 400:
        return BadResponseError(info.name, f"{what} was redirected (HTTP {status}) unexpectedly; "
                                "check the service address in Settings.")
    return RequestRejectedError(info.name, f"{what} was rejected (HTTP {status}{phrase}{said}); "
                                "check the run settings (source, country, days, parameters).")
