"""API keys: the OS keyring and environment overrides.

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
* Every key loaded here is remembered by :mod:`pricelookup.redaction`, which
  takes keys out of log lines and messages.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeVar

from pricelookup.errors import KeyStoreError
from pricelookup.redaction import remember_keys, tell_log_filters
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
    # lazy: importing keyring costs ~0.1 s; only commands that touch the keyring pay it
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
            # lazy: importing keyring costs ~0.1 s; only commands that touch the keyring pay it
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
        # lazy: importing keyring costs ~0.1 s; only commands that touch the keyring pay it
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
