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

from collections.abc import Mapping, Sequence
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
from pricelookup.phrasing import QT_TRANSLATE_NOOP, Phrase, phrase
from pricelookup.redaction import redact
from pricelookup.services import decode
from pricelookup.services.retry import Attempt, DeadlineExceeded, resume_time, wait_words

# --- messages (never from str(httpx exception), never with a query string) --------------
#
# Each message is a Phrase (pricelookup.phrasing): str() is the English text the CLI, the log and
# the journal use; the window translates the templates, all listed in TEMPLATES (a failure the
# journal keeps as text is read back with them: pricelookup.run.phrases).

_TRANSPORT: tuple[tuple[type[BaseException], str], ...] = (
    (DeadlineExceeded, QT_TRANSLATE_NOOP("Engine", "the call took longer than its deadline")),
    (httpx.ConnectTimeout, QT_TRANSLATE_NOOP("Engine", "the connection timed out")),
    (httpx.ConnectError, QT_TRANSLATE_NOOP("Engine", "the connection was refused or the host was not found")),
    (httpx.PoolTimeout, QT_TRANSLATE_NOOP("Engine", "no free connection became available in time")),
    (httpx.WriteTimeout, QT_TRANSLATE_NOOP("Engine", "sending the request timed out")),
    (httpx.RemoteProtocolError, QT_TRANSLATE_NOOP(
        "Engine", "the server closed the connection without a complete answer")),
    (httpx.ReadError, QT_TRANSLATE_NOOP("Engine", "the connection was reset while reading the answer")),
    (httpx.WriteError, QT_TRANSLATE_NOOP("Engine", "the connection was reset while sending the request")),
    (httpx.TooManyRedirects, QT_TRANSLATE_NOOP("Engine", "too many redirects")),
    (httpx.DecodingError, QT_TRANSLATE_NOOP("Engine", "the answer could not be decoded")),
    (httpx.ProxyError, QT_TRANSLATE_NOOP("Engine", "the proxy refused the connection")),
    (httpx.UnsupportedProtocol, QT_TRANSLATE_NOOP("Engine", "the address uses an unsupported protocol")),
)
_NO_ANSWER_WITHIN = QT_TRANSLATE_NOOP("Engine", "no answer within {seconds} s")
_NO_ANSWER = QT_TRANSLATE_NOOP("Engine", "no answer in time")
_NETWORK_ERROR = QT_TRANSLATE_NOOP("Engine", "network error ({kind})")
#: a failure after several attempts
_AFTER_ATTEMPTS = QT_TRANSLATE_NOOP("Engine", "{problem} after {n} attempts")

#: an HTTP answer, as the messages quote it: its status (and reason phrase), what it was, what it said
_HTTP = QT_TRANSLATE_NOOP("Engine", "HTTP {code}")
_ERROR_PAGE = QT_TRANSLATE_NOOP("Engine", "{answer}, answered with an error page")
_SERVICE_SAYS = QT_TRANSLATE_NOOP("Engine", "{answer} — the service says: “{detail}”")

_KEY_HINT = QT_TRANSLATE_NOOP("Engine", "check it in Settings > Keys")
_KEY_HINT_ENV = QT_TRANSLATE_NOOP("Engine", "check it in Settings > Keys (or {env})")

_OVER_DEADLINE = QT_TRANSLATE_NOOP("Engine", "{what}: {problem}; try again later (a run continues with --resume).")
_BAD_ADDRESS = QT_TRANSLATE_NOOP("Engine", "{what}: {problem}; check the service address in Settings.")
_UNREACHABLE = QT_TRANSLATE_NOOP(
    "Engine", "could not be reached for {what}: {problem}. Check the network connection, or try again later.")
#: per key word ("key", "token": a sentence each, for the languages that agree words with them)
_REFUSED = {
    "key": QT_TRANSLATE_NOOP("Engine", "the key was refused ({answer}); {hint}."),
    "token": QT_TRANSLATE_NOOP("Engine", "the token was refused ({answer}); {hint}."),
}
_DOES_NOT_EXIST = QT_TRANSLATE_NOOP("Engine", "{what} does not exist (HTTP 404); check the service address in Settings.")
_NOT_FOUND = QT_TRANSLATE_NOOP("Engine", "{what}: not found ({answer}).")
_TOO_MANY = QT_TRANSLATE_NOOP("Engine", "too many requests ({answer}): {wait} (--resume continues where it stopped).")
_ASKS_TO_WAIT = QT_TRANSLATE_NOOP("Engine", "the service asks to wait {wait}. Run again {when}")
_STILL_LIMITING = QT_TRANSLATE_NOOP("Engine", "the service is still limiting requests. Wait a few minutes, then run again")
_STILL_LIMITING_AFTER = QT_TRANSLATE_NOOP(
    "Engine", "the service is still limiting requests after {n} attempts. Wait a few minutes, then run again")
_UNAVAILABLE = QT_TRANSLATE_NOOP(
    "Engine", "the service is unavailable ({answer}) for {what}; try again later (a run continues with --resume).")
_UNAVAILABLE_AFTER = QT_TRANSLATE_NOOP(
    "Engine", "the service is unavailable ({answer}) after {n} attempts for {what}; try again later "
    "(a run continues with --resume).")
_REDIRECTED = QT_TRANSLATE_NOOP(
    "Engine", "{what} was redirected (HTTP {code}) unexpectedly; check the service address in Settings.")
_REJECTED = QT_TRANSLATE_NOOP(
    "Engine", "{what} was rejected ({answer}); check the run settings (source, country, days, parameters).")
#: a request that failed after it was sent (the policy does not send it again: it may have been processed)
UNCERTAIN = QT_TRANSLATE_NOOP(
    "Engine", "{what}: {detail} after the request was sent; the service may have processed it, so it was not "
    "sent again.")
ANSWERED_HTTP = QT_TRANSLATE_NOOP("Engine", "it answered HTTP {code}")
#: a wait as :func:`~pricelookup.services.retry.wait_words` says it, and when it ends
_WAIT_WORDS = (QT_TRANSLATE_NOOP("Engine", "{n} s"), QT_TRANSLATE_NOOP("Engine", "{n} minutes"),
               QT_TRANSLATE_NOOP("Engine", "{n} hours"), QT_TRANSLATE_NOOP("Engine", "{n} days"))
_AFTER_TIME = QT_TRANSLATE_NOOP("Engine", "after {time}")

#: every template of this module's messages
TEMPLATES: tuple[str, ...] = (
    *(t for _, t in _TRANSPORT), _NO_ANSWER_WITHIN, _NO_ANSWER, _NETWORK_ERROR, _AFTER_ATTEMPTS, _HTTP, _ERROR_PAGE,
    _SERVICE_SAYS, _KEY_HINT, _KEY_HINT_ENV, _OVER_DEADLINE, _BAD_ADDRESS, _UNREACHABLE, *_REFUSED.values(),
    _DOES_NOT_EXIST, _NOT_FOUND, _TOO_MANY, _ASKS_TO_WAIT, _STILL_LIMITING, _STILL_LIMITING_AFTER, _UNAVAILABLE,
    _UNAVAILABLE_AFTER, _REDIRECTED, _REJECTED, UNCERTAIN, ANSWERED_HTTP, *_WAIT_WORDS, _AFTER_TIME,
)


def describe_error(error: BaseException, *, read_timeout: float | None = None) -> Phrase:
    """Plain words for a transport failure, from its type only (str() may hold the URL)."""
    if isinstance(error, httpx.ReadTimeout):
        return phrase(_NO_ANSWER_WITHIN, seconds=f"{read_timeout:.0f}") if read_timeout else phrase(_NO_ANSWER)
    for kind, template in _TRANSPORT:
        if isinstance(error, kind):
            return phrase(template)
    return phrase(_NETWORK_ERROR, kind=type(error).__name__)


def after_attempts(problem: Phrase, number: int) -> Phrase:
    """``problem``, saying how many attempts it took when there were several."""
    return phrase(_AFTER_ATTEMPTS, problem=problem, n=number) if number > 1 else problem


def _wait_phrase(seconds: float) -> Phrase:
    """:func:`~pricelookup.services.retry.wait_words` as a phrase ("90 s", "25 minutes", "3.5 hours")."""
    words = wait_words(seconds)
    number, unit = words.split(" ", 1)
    return phrase(_WAIT_WORDS[("s", "minutes", "hours", "days").index(unit)], n=number)


def _resume_phrase(seconds: float) -> Phrase:
    """:func:`~pricelookup.services.retry.resume_time` as a phrase ("after 14:05")."""
    return phrase(_AFTER_TIME, time=resume_time(seconds).removeprefix("after "))


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
    def key_hint(self) -> Phrase:
        """Where the analyst fixes a refused key."""
        return phrase(_KEY_HINT_ENV, env=self.env_var) if self.env_var else phrase(_KEY_HINT)

    def key_template(self, templates: Mapping[str, str]) -> str:
        """Of ``templates`` (one per key word: "key", "token"), the one of this service's key word."""
        return templates.get(self.key_word, templates["key"])


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
    resp = attempt.response
    if resp is None:
        err = attempt.error or DeadlineExceeded()
        if isinstance(err, DeadlineExceeded):
            return ServiceUnavailableError(info.name, phrase(
                _OVER_DEADLINE, what=what, problem=after_attempts(describe_error(err), attempt.number)))
        if isinstance(err, httpx.UnsupportedProtocol | httpx.TooManyRedirects):
            return BadResponseError(info.name, phrase(_BAD_ADDRESS, what=what, problem=describe_error(err)))
        return ServiceUnavailableError(info.name, phrase(_UNREACHABLE, what=what, problem=after_attempts(
            describe_error(err, read_timeout=read_timeout), attempt.number)))
    status = resp.status_code
    reason_phrase = redact(resp.reason_phrase, secrets)  # the status line is server text: it may echo a key
    code = f"{status} {reason_phrase}" if reason_phrase and len(reason_phrase) < 80 else str(status)
    page = looks_like_html(resp)
    # a 5xx's own JSON words too (PriceAPI's {"success": false, "reason": ...}); not an error page's
    detail = error_detail(resp, secrets) if 400 <= status < 500 or (status >= 500 and not page) else ""

    def answer(code: str, *, error_page: bool = False) -> Phrase:
        said = phrase(_HTTP, code=code)
        if error_page:
            said = phrase(_ERROR_PAGE, answer=said)
        return phrase(_SERVICE_SAYS, answer=said, detail=detail) if detail else said

    if status in (401, 403):
        return AuthenticationError(info.name, phrase(info.key_template(_REFUSED), answer=answer(code),
                                                     hint=info.key_hint))
    if status == 404:
        if page or not resp.content:
            return NotFoundError(info.name, phrase(_DOES_NOT_EXIST, what=what))
        return NotFoundError(info.name, phrase(_NOT_FOUND, what=what, answer=answer("404")))
    if status == 429:
        if attempt.retry_after is not None and retry_after_cap is not None and attempt.retry_after > retry_after_cap:
            wait = phrase(_ASKS_TO_WAIT, wait=_wait_phrase(attempt.retry_after),
                          when=_resume_phrase(attempt.retry_after))
        elif attempt.number > 1:
            wait = phrase(_STILL_LIMITING_AFTER, n=attempt.number)
        else:
            wait = phrase(_STILL_LIMITING)
        return RateLimitedError(info.name, phrase(_TOO_MANY, answer=answer("429"), wait=wait),
                                retry_after=attempt.retry_after)
    if status >= 500 or status == 408:
        said = answer(code, error_page=page)
        if attempt.number > 1:
            return ServiceUnavailableError(info.name, phrase(_UNAVAILABLE_AFTER, answer=said, n=attempt.number,
                                                             what=what))
        return ServiceUnavailableError(info.name, phrase(_UNAVAILABLE, answer=said, what=what))
    if 300 <= status < 400:
        return BadResponseError(info.name, phrase(_REDIRECTED, what=what, code=str(status)))
    return RequestRejectedError(info.name, phrase(_REJECTED, what=what, answer=answer(code)))
