"""Redaction of API keys from log lines and messages.

One reason to change: how keys are found in text. Where keys are stored and
loaded is :mod:`pricelookup.secrets`; this module only scrubs them, so that
:mod:`pricelookup.errors` and :mod:`pricelookup.logsetup` can use it without
importing the keyring side. It imports nothing of this application.

* :class:`RedactingFilter` / :func:`redact` take keys out of log lines:
  PriceAPI's token travels in the query string, and httpx logs every URL at
  INFO. Known keys are matched whatever their case and however they were
  percent-encoded: a server may echo a key back lower-cased or URL-encoded.
* :func:`redact_known_keys` scrubs every key this process has seen (loaded,
  typed, given to a client) from any text: the last line of defence for
  messages printed far from where the key was loaded (the CLI's top level,
  ``str()`` of every application error).
"""

from __future__ import annotations

import base64
import functools
import logging
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass

REDACTED = "[redacted]"

#: ``token=...`` and friends in URLs, form bodies and text; not ``key=`` (PriceAPI's
#: ``key=gtin`` is a parameter, not a secret)
_QUERY_SECRET = re.compile(
    r"(?i)(?<![\w-])((?:access_|api_|api)?token|api_?key|apitoken|password|secret)"
    r"(=|%3D)([^&\s\"'<>#;,)]+)"
)
#: ``Authorization: Bearer x``, ``'apitoken': 'x'``, ``(b'authorization', b'Basic x')``
_HEADER_SECRET = re.compile(
    r"(?i)((?<![\w-])(?:proxy-)?authorization|(?<![\w-])apitoken|(?<![\w-])x-api-key)"
    r"(['\"]?\s*[:=,]\s*(?:b?['\"])?)((?:bearer|basic|token)\s+)?([^\s'\",)}\]]+)"
)
#: JSON fields ``"token": "x"``
_JSON_SECRET = re.compile(r"(?i)([\"'](?:token|apitoken|api_key|password)[\"']\s*:\s*[\"'])([^\"']+)")

#: known keys shorter than this are not replaced literally: real keys are long
#: (PriceAPI's are 64 characters), and replacing a short word such as the
#: sandbox's key "sandbox" would mangle ordinary log text. Short keys are still
#: caught by the patterns above wherever they travel (query, headers).
MIN_LITERAL_KEY_LENGTH = 8


def _char_pattern(ch: str) -> str:
    """Regex alternatives for one character of a key, as it may come back from a server.

    The character itself (the pattern is compiled case-insensitive), its UTF-8 bytes
    percent-encoded once or twice (``%2B``, ``%2b``, ``%252B``) in upper *and* lower case (a
    server may lower-case a key and then URL-encode it), ``+`` for a space (form encoding) and
    ``\\/`` for a slash (JSON escaping).
    """
    alternatives = [re.escape(ch)]
    for variant in dict.fromkeys((ch, ch.lower(), ch.upper())):
        alternatives.append("".join(f"%(?:25)?{b:02x}" for b in variant.encode("utf-8")))
    if ch == " ":
        alternatives.append(r"\+")
    if ch == "/":
        alternatives.append(r"\\/")
    return "(?:" + "|".join(alternatives) + ")"


def _key_alternatives(key: str) -> list[str]:
    """Regex alternatives matching ``key`` in text: any case, any percent-encoding, Basic header."""
    alternatives = []
    if len(key) >= MIN_LITERAL_KEY_LENGTH:
        alternatives.append("".join(_char_pattern(ch) for ch in key))
    # Snipcart's key travels as base64("key:") in a Basic header; base64 has no case to lose,
    # matching it case-insensitively only ever redacts more
    basic = base64.b64encode(f"{key}:".encode()).decode("ascii")
    alternatives.extend(re.escape(form) for form in dict.fromkeys((basic, basic.rstrip("=")))
                        if len(form) >= MIN_LITERAL_KEY_LENGTH)
    return alternatives


@dataclass(frozen=True)
class _KeyMatcher:
    """Finds every form of a set of keys in text: one case-insensitive pattern, and a fast path."""

    pattern: re.Pattern[str]
    #: lower-cased forms that a plain substring test finds (the keys themselves, their Basic forms)
    plain: tuple[str, ...]
    #: characters whose presence may hide a key from that test (``%`` of percent-encoding...)
    escapes: tuple[str, ...]
    #: False when lower() and the pattern's case folding might disagree (non-ASCII keys)
    fast: bool

    def sub(self, text: str) -> str:
        """``text`` with every form of the keys replaced by :data:`REDACTED`."""
        # Fast path: nearly every log line holds no key at all, and the full pattern (a choice of
        # encodings per character) costs ~30 us a line, which a verbose run pays per request.
        # Only text holding a plain form, or an escape that could hide one, needs the pattern.
        if self.fast and not any(e in text for e in self.escapes):
            low = text.lower()
            if not any(p in low for p in self.plain):
                return text
        return self.pattern.sub(REDACTED, text)


@functools.lru_cache(maxsize=32)
def _known_key_matcher(keys: frozenset[str]) -> _KeyMatcher | None:
    """The matcher of every form of ``keys`` (None when there is nothing to match).

    Cached: the log filter and :func:`redact_known_keys` ask with the same (immutable)
    snapshot of keys again and again, and compiling costs far more than matching.
    """
    ordered = sorted(keys, key=len, reverse=True)  # longest first: a key may contain another
    alternatives = [alt for key in ordered for alt in _key_alternatives(key)]
    if not alternatives:
        return None
    plain = [key.lower() for key in ordered if len(key) >= MIN_LITERAL_KEY_LENGTH]
    for key in ordered:
        basic = base64.b64encode(f"{key}:".encode()).decode("ascii").rstrip("=")
        if len(basic) >= MIN_LITERAL_KEY_LENGTH:
            plain.append(basic.lower())
    long_keys = [key for key in ordered if len(key) >= MIN_LITERAL_KEY_LENGTH]
    escapes = ["%"] if long_keys else []
    if any("/" in key for key in long_keys):
        escapes.append("\\")
    if any(" " in key for key in long_keys):
        escapes.append("+")
    return _KeyMatcher(re.compile("|".join(alternatives), re.IGNORECASE), tuple(plain), tuple(escapes),
                       fast=all(key.isascii() for key in ordered))


def _clean_keys(keys: Iterable[str | None]) -> frozenset[str]:
    return frozenset(k.strip() for k in keys if k and k.strip())


def redact(text: str, keys: Iterable[str | None] = ()) -> str:
    """``text`` with token/header values and every form of the given ``keys`` replaced.

    Pure function. Known keys are replaced in any case (``PlantedKey``, ``plantedkey``,
    ``PLANTEDKEY``) and any percent-encoding, *before* anything else looks at the text:
    redact first, then lower-case or cut it, never the other way round. The patterns alone
    already catch ``token=`` query values and ``Authorization`` / ``Apitoken`` header values
    whatever the key is.
    """
    if not text:
        return text
    matcher = _known_key_matcher(_clean_keys(keys))
    if matcher is not None:
        text = matcher.sub(text)
    # each pattern runs only when the words it needs are there: most lines have none of them
    low = text.lower()
    secret_words = "token" in low or "key" in low or "password" in low or "secret" in low
    if secret_words:
        text = _QUERY_SECRET.sub(lambda m: f"{m.group(1)}{m.group(2)}{REDACTED}", text)
    if "authorization" in low or "apitoken" in low or "x-api-key" in low:
        text = _HEADER_SECRET.sub(lambda m: f"{m.group(1)}{m.group(2)}{m.group(3) or ''}{REDACTED}", text)
    if secret_words:
        text = _JSON_SECRET.sub(lambda m: f"{m.group(1)}{REDACTED}", text)
    return text


class KnownKeys:
    """The key values this process holds, so that whatever it prints or logs can be scrubbed.

    This is the one deliberate exception to the house rule of no module-global mutable
    state: an error may be formatted far from where its key was loaded (the CLI's top level,
    a traceback, a log handler some library or test added), and only a process-wide set lets
    that last line of defence know what to scrub. It is fed by
    :func:`pricelookup.secrets.load_keys`, :class:`pricelookup.secrets.KeyStore`,
    :func:`tell_log_filters`, :class:`RedactingFilter` and the service clients; it only
    ever grows, holds nothing but key values, and never shows them.
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        #: replaced, never mutated: readers take the current snapshot without locking
        self._keys: frozenset[str] = frozenset()

    def add(self, keys: Iterable[str | None]) -> None:
        """Remember these key values (None, empty and blank are ignored)."""
        new = _clean_keys(keys)
        if new <= self._keys:
            return
        with self._lock:
            self._keys = self._keys | new

    def snapshot(self) -> frozenset[str]:
        """The keys known right now (an immutable set)."""
        return self._keys

    def __len__(self) -> int:
        return len(self._keys)

    def __repr__(self) -> str:  # never the keys
        return f"KnownKeys({len(self._keys)} keys)"


#: every key this process has seen; see :class:`KnownKeys` for why this one global exists
_KNOWN_KEYS = KnownKeys()


def remember_keys(keys: Iterable[str | None]) -> None:
    """Add key values to the process-wide set scrubbed by :func:`redact_known_keys` and the log filters."""
    _KNOWN_KEYS.add(keys)


def redact_known_keys(text: str) -> str:
    """``text`` without any key this process knows (any case, any encoding) nor any token/header value.

    The last line of defence for anything printed: call it on every message that goes to
    stdout/stderr or a dialog, even one believed clean. Cheap (one cached pattern).
    """
    return redact(text, _KNOWN_KEYS.snapshot())


class RedactingFilter(logging.Filter):
    """A logging filter that redacts keys from the message, the traceback and the stack.

    Install it on *handlers* (:mod:`pricelookup.logsetup` does): filters on
    loggers do not see records propagated from child loggers. (logsetup also puts
    it on the HTTP libraries' own loggers, so their records are clean before any
    handler, even one installed by someone else, sees them.) It redacts every
    key of the process-wide :class:`KnownKeys` set, so a filter installed before
    the keys were loaded still knows them; :meth:`add_keys` adds to that set.
    """

    def __init__(self, keys: Iterable[str | None] = ()) -> None:
        super().__init__()
        self.add_keys(keys)

    def add_keys(self, keys: Iterable[str | None]) -> None:
        """Also redact these key values (None and empty are ignored), here and everywhere else."""
        remember_keys(keys)

    def filter(self, record: logging.LogRecord) -> bool:
        """Rewrite ``record`` in place with keys redacted; never drops a record."""
        try:
            message = record.getMessage()
        except Exception:  # a bad %-format must not lose the line, nor leak its args
            message = str(record.msg)
        keys = _KNOWN_KEYS.snapshot()
        record.msg = redact(message, keys)
        record.args = None
        if record.exc_info and not record.exc_text:
            # format the traceback now so that the redacted text is what handlers print
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text, keys)
        if record.stack_info:
            record.stack_info = redact(record.stack_info, keys)
        return True


def tell_log_filters(keys: Iterable[str | None], logger: logging.Logger | None = None) -> int:
    """Give ``keys`` to every :class:`RedactingFilter` on the handlers of ``logger`` (root).

    Returns how many filters were told. The keys also join the process-wide set that
    :func:`redact_known_keys` and every :class:`RedactingFilter` use.
    """
    keys = [k for k in keys if k]
    remember_keys(keys)
    told = 0
    for handler in (logger or logging.getLogger()).handlers:
        for flt in handler.filters:
            if isinstance(flt, RedactingFilter):
                flt.add_keys(keys)
                told += 1
    return told
