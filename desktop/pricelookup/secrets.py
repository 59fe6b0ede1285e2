"""API keys: the OS keyring, environment overrides, and redaction of keys from logs.

* Keys live in the OS keyring (``keyring``; service name ``pricelookup``, user
  name = the service: ``priceapi``, ``officiscan``, ``monitorize``,
  ``snipcart``). Environment variables override them for automation:
  ``PRICELOOKUP_PRICEAPI_TOKEN``, ``PRICELOOKUP_OFFICISCAN_KEY``,
  ``PRICELOOKUP_MONITORIZE_KEY``, ``PRICELOOKUP_SNIPCART_KEY``.
* Every keyring call runs in a daemon thread and is given up after a few
  seconds: the Secret Service backend can wait forever on an unlock prompt
  nobody sees (no desktop session, prompt behind a window).
* With no usable keyring we say so and point to the environment variables.
  There is never a plaintext fallback: the file-based ``keyrings.alt``
  backends are refused even when installed.
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
import os
import re
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from pricelookup.errors import KeyStoreError
from pricelookup.settings import SERVICES, ServiceKeys

log = logging.getLogger(__name__)

KEYRING_SERVICE = "pricelookup"

#: environment variables that override the keyring
KEY_ENV_VARS: dict[str, str] = {
    "priceapi": "PRICELOOKUP_PRICEAPI_TOKEN",
    "officiscan": "PRICELOOKUP_OFFICISCAN_KEY",
    "monitorize": "PRICELOOKUP_MONITORIZE_KEY",
    "snipcart": "PRICELOOKUP_SNIPCART_KEY",
}

KEY_NAMES = {"priceapi": "PriceAPI token", "officiscan": "OfficiScan key",
          "monitorize": "Monitorize key", "snipcart": "Snipcart key"}

#: seconds before a keyring call is given up
DEFAULT_TIMEOUT = 3.0

T = TypeVar("T")


# --- redaction ---------------------------------------------------------------------------

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
    that last line of defence know what to scrub. It is fed by :func:`load_keys`,
    :class:`KeyStore`, :func:`tell_log_filters`, :class:`RedactingFilter` and the service
    clients; it only ever grows, holds nothing but key values, and never shows them.
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


# --- keyring with a timeout ------------------------------------------------------------------


def _call_with_timeout(fn: Callable[[], T], timeout: float, what: str) -> T:
    """Run ``fn`` in a daemon thread; :class:`KeyStoreError` if it does not finish in ``timeout``.

    A hung call keeps its daemon thread (Python cannot kill a thread) but the
    caller moves on, and the thread does not keep the process alive.
    """
    box: dict[str, Any] = {}
    done = threading.Event()

    def run() -> None:
        try:
            box["value"] = fn()
        except BaseException as exc:  # handed to the caller below
            box["error"] = exc
        finally:
            done.set()

    threading.Thread(target=run, name="pricelookup-keyring", daemon=True).start()
    if not done.wait(timeout):
        raise KeyStoreError(
            f"the system keyring did not answer within {timeout:.0f} s while {what} (it may be "
            "locked, waiting for a password prompt you cannot see). Unlock it and try again, or set "
            "the key in an environment variable instead (PRICELOOKUP_PRICEAPI_TOKEN, "
            "PRICELOOKUP_OFFICISCAN_KEY, PRICELOOKUP_MONITORIZE_KEY, PRICELOOKUP_SNIPCART_KEY).")
    if "error" in box:
        raise box["error"]
    return box["value"]


def backend_problem(backend: Any) -> str | None:
    """Why ``backend`` cannot hold keys safely, or None when it can."""
    from keyring.backends import chainer, fail, null

    if isinstance(backend, fail.Keyring | null.Keyring):
        return "no system keyring (Secret Service, KWallet, macOS Keychain, Windows Credential Manager) is available"
    if isinstance(backend, chainer.ChainerBackend):
        usable = [b for b in backend.backends if backend_problem(b) is None]
        if not usable:
            return "no system keyring (Secret Service, KWallet, macOS Keychain, Windows Credential Manager) is available"
        return None
    if type(backend).__module__.startswith("keyrings.alt"):
        return ("the only keyring available stores keys in a file (keyrings.alt), which this tool "
                "does not use")
    return None


def backend_name(backend: Any) -> str:
    """A short human name of a keyring backend."""
    name = getattr(type(backend), "name", None) or type(backend).__name__
    return str(name)


KeySource = Literal["environment", "keyring", "missing"]


@dataclass(frozen=True)
class KeyStatus:
    """Where a service's key comes from (never the key itself)."""

    service: str
    source: KeySource
    detail: str  # plain words for `pricelookup keys status`
    also_in_keyring: bool = False


class KeyStore:
    """Keys from the environment and the OS keyring, every keyring call under a timeout.

    ``backend`` (a keyring backend object) and ``env`` are injectable for
    tests; by default the process environment and ``keyring.get_keyring()``.
    """

    def __init__(self, *, backend: Any = None, env: Mapping[str, str] | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self._backend = backend
        self._env = env if env is not None else os.environ
        self.timeout = timeout

    # --- backend ---------------------------------------------------------------------------

    def backend(self) -> Any:
        """The keyring backend (resolved once, under the timeout: probing D-Bus can hang too)."""
        if self._backend is None:
            import keyring

            self._backend = _call_with_timeout(keyring.get_keyring, self.timeout, "looking for a keyring")
        return self._backend

    def problem(self) -> str | None:
        """Why keys cannot be stored in the keyring here, or None."""
        return backend_problem(self.backend())

    def no_keyring_error(self, service: str, problem: str) -> KeyStoreError:
        return KeyStoreError(f"cannot store the {KEY_NAMES[service]}: {problem}. Set the environment variable "
                             f"{KEY_ENV_VARS[service]} instead (keys are never written to a plain file).")

    # --- reading -------------------------------------------------------------------------------

    def from_env(self, service: str) -> str | None:
        """The key from the environment variable, or None when unset or blank."""
        value = self._env.get(KEY_ENV_VARS[check_service(service)], "")
        return value.strip() or None

    def from_keyring_many(self, services: Iterable[str]) -> dict[str, str | None]:
        """Keys from the keyring in one thread call (one timeout for all); None where absent.

        With no usable keyring every value is None (the caller's "no key"
        message names the environment variable). A hung or failing keyring
        raises :class:`KeyStoreError`.
        """
        wanted = [check_service(s) for s in services]
        if not wanted:
            return {}
        backend = self.backend()
        if backend_problem(backend) is not None:
            log.debug("no usable keyring: %s", backend_problem(backend))
            return dict.fromkeys(wanted)

        def read_all() -> dict[str, str | None]:
            return {s: backend.get_password(KEYRING_SERVICE, s) for s in wanted}

        try:
            found = _call_with_timeout(read_all, self.timeout, "reading the keys")
        except KeyStoreError:
            raise
        except Exception as exc:
            raise KeyStoreError(f"the system keyring could not be read ({type(exc).__name__}); unlock it "
                                "and try again, or use the PRICELOOKUP_..._KEY / _TOKEN environment "
                                "variables.") from None
        return {s: (v.strip() or None) if isinstance(v, str) else None for s, v in found.items()}

    def get(self, service: str) -> str | None:
        """The key of ``service``: environment first, then keyring; None when there is none."""
        return self.get_many([service])[service]

    def get_many(self, services: Iterable[str]) -> dict[str, str | None]:
        """Keys of several services, asking the keyring only for those the environment lacks."""
        services = [check_service(s) for s in services]
        keys = {s: self.from_env(s) for s in services}
        missing = [s for s, v in keys.items() if v is None]
        if missing:
            keys.update(self.from_keyring_many(missing))
        remember_keys(keys.values())  # whatever is printed later must not show them
        return keys

    def status(self, service: str) -> KeyStatus:
        """Where the key of ``service`` comes from, in words, without showing it."""
        env_var = KEY_ENV_VARS[check_service(service)]
        in_env = self.from_env(service) is not None
        try:
            problem = self.problem()
            in_keyring = problem is None and self.from_keyring_many([service])[service] is not None
            where = backend_name(self.backend())
        except KeyStoreError as exc:
            problem, in_keyring, where = str(exc), False, ""
        if in_env:
            extra = " (a key in the keyring is ignored while it is set)" if in_keyring else ""
            return KeyStatus(service, "environment", f"from the environment variable {env_var}{extra}",
                             also_in_keyring=in_keyring)
        if in_keyring:
            return KeyStatus(service, "keyring", f"stored in the system keyring ({where})")
        if problem:
            return KeyStatus(service, "missing", f"not set; {problem}. Set {env_var}.")
        return KeyStatus(service, "missing",
                         f"not set; run `pricelookup keys set {service}` or set {env_var}")

    # --- writing ---------------------------------------------------------------------------------

    def set(self, service: str, key: str) -> str:
        """Store ``key`` in the keyring; returns the backend's name. Never writes a file."""
        service = check_service(service)
        key = key.strip()
        if not key:
            raise KeyStoreError(f"the {KEY_NAMES[service]} is empty; nothing was stored.")
        backend = self.backend()
        problem = backend_problem(backend)
        if problem:
            raise self.no_keyring_error(service, problem)
        try:
            _call_with_timeout(lambda: backend.set_password(KEYRING_SERVICE, service, key), self.timeout,
                               "storing the key")
        except KeyStoreError:
            raise
        except Exception as exc:
            raise KeyStoreError(f"the system keyring refused to store the {KEY_NAMES[service]} "
                                f"({type(exc).__name__}); unlock it and try again, or set "
                                f"{KEY_ENV_VARS[service]} instead.") from None
        return backend_name(backend)

    def delete(self, service: str) -> bool:
        """Remove the stored key; False when there was none."""
        service = check_service(service)
        backend = self.backend()
        problem = backend_problem(backend)
        if problem:
            return False
        from keyring.errors import PasswordDeleteError

        def run() -> bool:
            try:
                backend.delete_password(KEYRING_SERVICE, service)
            except PasswordDeleteError:
                return False
            return True

        try:
            return _call_with_timeout(run, self.timeout, "deleting the key")
        except KeyStoreError:
            raise
        except Exception as exc:
            raise KeyStoreError(f"the system keyring could not delete the {KEY_NAMES[service]} "
                                f"({type(exc).__name__}); unlock it and try again.") from None


def check_service(service: str) -> str:
    if service not in KEY_ENV_VARS:
        raise KeyStoreError(f"unknown service {service!r}; use one of: {', '.join(SERVICES)}")
    return service


# --- the module-level API the rest of the app uses --------------------------------------------


def get_key(service: str, *, store: KeyStore | None = None) -> str | None:
    """The key of ``service`` (environment variable first, then the keyring), or None."""
    return (store or KeyStore()).get(service)


def set_key(service: str, key: str, *, store: KeyStore | None = None) -> str:
    """Store ``key`` in the OS keyring; returns the keyring's name. Raises KeyStoreError."""
    return (store or KeyStore()).set(service, key)


def delete_key(service: str, *, store: KeyStore | None = None) -> bool:
    """Remove the stored key of ``service``; False when none was stored."""
    return (store or KeyStore()).delete(service)


def load_keys(services: Iterable[str] = SERVICES, *, store: KeyStore | None = None) -> ServiceKeys:
    """All keys for a run (one keyring round trip), and tell the log filters to redact them.

    Services without a key get None; the run says which key is missing and how
    to set it when it needs one.
    """
    keys = (store or KeyStore()).get_many(services)
    tell_log_filters(keys.values())
    return ServiceKeys(**{s: keys.get(s) for s in SERVICES if s in keys})


def missing_key_message(service: str) -> str:
    """What to tell the analyst when ``service`` has no key."""
    return (f"no {KEY_NAMES[check_service(service)]} is set: add it in Settings > Keys, run "
            f"`pricelookup keys set {service}`, or set {KEY_ENV_VARS[service]}.")
