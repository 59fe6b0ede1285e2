"""Keys: environment over keyring, keyring timeouts, no plaintext fallback, redaction."""

from __future__ import annotations

import io
import logging
import threading
import time

import pytest
from keyring.backend import KeyringBackend
from keyring.backends import fail, null
from keyring.errors import PasswordDeleteError

from pricelookup.cli.keys import keys_command
from pricelookup.errors import KeyStoreError
from pricelookup.redaction import RedactingFilter, redact, tell_log_filters
from pricelookup.secrets import (
    KEY_ENV_VARS,
    KEYRING_SERVICE,
    KeyStore,
    load_keys,
)

SECRET = "PLANTED-not-a-real-key-0123456789-abcdefXYZ"  # a planted test value, no real vendor format


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring backend (a stand-in for Secret Service / Keychain)."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        if (service, username) not in self.store:
            raise PasswordDeleteError("none")
        del self.store[(service, username)]


class HangingKeyring(MemoryKeyring):
    """Like Secret Service waiting on an unlock prompt nobody sees."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()

    def get_password(self, service, username):
        self.release.wait(30)
        return None

    set_password = get_password  # type: ignore[assignment]


class PlaintextLikeKeyring(MemoryKeyring):
    """Pretends to come from keyrings.alt (a file-based, plaintext store)."""


PlaintextLikeKeyring.__module__ = "keyrings.alt.file"


def test_environment_overrides_keyring_and_blank_env_is_ignored():
    backend = MemoryKeyring()
    backend.set_password(KEYRING_SERVICE, "priceapi", "from-keyring")
    backend.set_password(KEYRING_SERVICE, "snipcart", "snip-from-keyring")
    env = {"PRICELOOKUP_PRICEAPI_TOKEN": "from-env", "PRICELOOKUP_SNIPCART_KEY": "   "}
    store = KeyStore(backend=backend, env=env)
    assert store.get("priceapi") == "from-env"
    assert store.get("snipcart") == "snip-from-keyring"
    assert store.get("officiscan") is None
    keys = load_keys(store=store)
    assert (keys.priceapi, keys.snipcart, keys.monitorize) == ("from-env", "snip-from-keyring", None)
    assert "from-env" not in repr(keys)


def test_env_var_names_are_the_documented_ones():
    assert KEY_ENV_VARS == {"priceapi": "PRICELOOKUP_PRICEAPI_TOKEN", "officiscan": "PRICELOOKUP_OFFICISCAN_KEY",
                            "monitorize": "PRICELOOKUP_MONITORIZE_KEY", "snipcart": "PRICELOOKUP_SNIPCART_KEY"}


def test_hanging_keyring_times_out_quickly_with_the_env_route():
    backend = HangingKeyring()
    store = KeyStore(backend=backend, env={}, timeout=0.3)
    t0 = time.monotonic()
    with pytest.raises(KeyStoreError) as info:
        store.get("priceapi")
    assert time.monotonic() - t0 < 2.0
    assert "did not answer" in str(info.value) and "PRICELOOKUP_PRICEAPI_TOKEN" in str(info.value)
    with pytest.raises(KeyStoreError):
        store.set("priceapi", "x")
    # the environment still works without touching the hung keyring
    assert KeyStore(backend=backend, env={"PRICELOOKUP_PRICEAPI_TOKEN": "e"}, timeout=0.3).get("priceapi") == "e"
    backend.release.set()


@pytest.mark.parametrize("backend", [fail.Keyring(), null.Keyring(), PlaintextLikeKeyring()])
def test_no_usable_keyring_never_stores_and_points_to_env(backend):
    store = KeyStore(backend=backend, env={})
    assert store.problem()
    assert store.get("officiscan") is None
    with pytest.raises(KeyStoreError) as info:
        store.set("officiscan", SECRET)
    assert "PRICELOOKUP_OFFICISCAN_KEY" in str(info.value) and SECRET not in str(info.value)
    if isinstance(backend, PlaintextLikeKeyring):
        assert backend.store == {}  # nothing written to the plaintext store
    err = io.StringIO()
    assert keys_command("set", "officiscan", store=store, read_secret=lambda _p: SECRET, err=err) == 3
    assert "PRICELOOKUP_OFFICISCAN_KEY" in err.getvalue()


def test_keys_command_set_status_delete_never_prints_the_key():
    backend = MemoryKeyring()
    store = KeyStore(backend=backend, env={"PRICELOOKUP_MONITORIZE_KEY": "monitorize-env-key-123"})
    out, err = io.StringIO(), io.StringIO()
    prompts = []

    def read_secret(prompt: str) -> str:
        prompts.append(prompt)
        return f"  {SECRET}\n"

    assert keys_command("set", "priceapi", store=store, read_secret=read_secret, out=out, err=err) == 0
    assert backend.store[(KEYRING_SERVICE, "priceapi")] == SECRET
    assert "hidden" in prompts[0]
    assert keys_command("status", None, store=store, out=out, err=err) == 0
    text = out.getvalue()
    assert "stored in the system keyring" in text
    assert "from the environment variable PRICELOOKUP_MONITORIZE_KEY" in text
    assert "not set" in text and "pricelookup keys set officiscan" in text
    assert SECRET not in text and "monitorize-env-key-123" not in text
    assert keys_command("delete", "priceapi", store=store, out=out, err=err) == 0
    assert (KEYRING_SERVICE, "priceapi") not in backend.store
    assert keys_command("delete", "priceapi", store=store, out=out, err=err) == 0
    assert "no PriceAPI token was stored" in out.getvalue()
    assert keys_command("set", None, store=store, out=out, err=err) == 2
    assert keys_command("set", "snipcart", store=store, read_secret=lambda _p: "  ", out=out, err=err) == 2
    assert SECRET not in out.getvalue() + err.getvalue()


# --- redaction ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    f"HTTP Request: GET http://127.0.0.1:5/priceapi/jobs/abc?token={SECRET} \"HTTP/1.1 200 OK\"",
    f"POST body token={SECRET}&source=google-shopping&key=gtin",
    f"headers: Authorization: Bearer {SECRET}",
    f"{{'apitoken': '{SECRET}', 'accept': 'application/json'}}",
    f"[(b'authorization', b'Bearer {SECRET}'), (b'host', b'x')]",
    f'{{"token": "{SECRET}"}}',
    f"url=https://x/?a=1&TOKEN={SECRET}#frag",
])
def test_redact_patterns_catch_keys_without_knowing_them(text):
    out = redact(text)
    assert SECRET not in out
    assert "[redacted]" in out


def test_redact_keeps_ordinary_parameters():
    text = "source=google-shopping&country=fr&key=gtin&values=0123"
    assert redact(text) == text


def test_redact_known_keys_in_every_form():
    import base64
    from urllib.parse import quote

    key = "abc+def/ghi=jkl 123"
    basic = base64.b64encode(f"{key}:".encode()).decode()
    text = f"raw {key} | quoted {quote(key, safe='')} | basic {basic}"
    out = redact(text, [key])
    assert key not in out and quote(key, safe="") not in out and basic not in out
    # a short "key" (the sandbox's "sandbox") is not replaced in ordinary words
    assert redact("pricelookup.sandbox started", ["sandbox"]) == "pricelookup.sandbox started"


def test_redacting_filter_on_args_tracebacks_and_stack(tmp_path):
    log_file = tmp_path / "log.txt"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    flt = RedactingFilter()
    handler.addFilter(flt)
    logger = logging.getLogger("pricelookup.test_secrets_redaction")
    logger.propagate = False
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        flt.add_keys([SECRET, None, ""])
        logger.info("calling %s with %s", "url", f"?token={SECRET}")
        logger.debug("plain key mention %s", SECRET)
        try:
            raise RuntimeError(f"boom with {SECRET}")
        except RuntimeError:
            logger.exception("failed")
        logger.warning("stack", stack_info=True, extra={"note": SECRET})
        logger.info("bad format %s %s", "only-one-arg")  # must not crash nor drop the line
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = log_file.read_text(encoding="utf-8")
    assert SECRET not in text
    assert text.count("[redacted]") >= 3
    assert "RuntimeError" in text and "bad format" in text


def test_load_keys_tells_installed_filters():
    root = logging.getLogger()
    handler = logging.StreamHandler(io.StringIO())
    flt = RedactingFilter()
    handler.addFilter(flt)
    root.addHandler(handler)
    try:
        store = KeyStore(backend=MemoryKeyring(), env={"PRICELOOKUP_SNIPCART_KEY": SECRET})
        load_keys(store=store)
        record = logging.LogRecord("x", logging.INFO, __file__, 1, "key is %s", (SECRET,), None)
        flt.filter(record)
        assert SECRET not in record.getMessage()
        assert tell_log_filters(["another-long-key-value"]) >= 1
    finally:
        root.removeHandler(handler)


# --- keys echoed back in another case or encoding; the process-wide set of known keys ---------------------

PLANTED = "PlantedKey+0123/abcdefXYZ=9"


def _forms(key: str) -> list[str]:
    from urllib.parse import quote, quote_plus

    return [key, key.lower(), key.upper(), key.swapcase(), quote(key, safe=""), quote(key, safe="").lower(),
            quote(key.lower(), safe=""), quote_plus(key), quote(quote(key, safe=""), safe=""),
            "".join(f"%{b:02x}" for b in key.encode()), "".join(f"%{b:02X}" for b in key.lower().encode()),
            key.replace("/", "\\/")]


@pytest.mark.parametrize("form", _forms(PLANTED))
def test_redact_known_keys_whatever_the_case_or_the_encoding(form):
    text = f"Unsupported source for token {form} (was it {form}?)"
    out = redact(text, [PLANTED])
    assert out == "Unsupported source for token [redacted] (was it [redacted]?)"


def test_redact_first_then_transform():
    """Lower-casing before redacting was the leak: the redacted text survives any later transformation."""
    reason = f"Unsupported source for token {PLANTED}"
    assert PLANTED.lower() in reason.lower()  # what used to be redacted (case-sensitively, so: not at all)
    assert "plantedkey" not in redact(reason, [PLANTED]).lower()
    assert "plantedkey" not in redact(reason.lower(), [PLANTED]).lower()


def test_redact_known_keys_uses_every_key_the_process_has_seen():
    from pricelookup.redaction import redact_known_keys

    key = "PLANTED-process-wide-0123456789"
    assert redact_known_keys(f"x {key}") == f"x {key}"  # not known yet: nothing to scrub
    store = KeyStore(backend=MemoryKeyring(), env={"PRICELOOKUP_MONITORIZE_KEY": key})
    load_keys(["monitorize"], store=store)
    assert redact_known_keys(f"x {key.lower()} / {key.upper()}") == "x [redacted] / [redacted]"
    # token patterns too, whatever the key
    assert redact_known_keys("GET /jobs?token=whatever-it-is") == "GET /jobs?token=[redacted]"


def test_keys_read_from_the_keyring_or_told_to_filters_become_known():
    from pricelookup.redaction import redact_known_keys

    backend = MemoryKeyring()
    backend.set_password(KEYRING_SERVICE, "officiscan", "PLANTED-from-the-keyring-0123")
    KeyStore(backend=backend, env={}).get("officiscan")
    assert "[redacted]" in redact_known_keys("bearer planted-FROM-THE-KEYRING-0123")
    tell_log_filters(["PLANTED-typed-in-settings-0123"])  # the GUI's "test connection" with a typed key
    assert redact_known_keys("planted-TYPED-in-settings-0123") == "[redacted]"


def test_a_filter_installed_before_the_keys_were_loaded_still_redacts_them():
    flt = RedactingFilter()  # as logsetup installs it, at start-up, knowing no key
    KeyStore(backend=MemoryKeyring(), env={"PRICELOOKUP_SNIPCART_KEY": "PLANTED-late-loaded-0123456789"}).get("snipcart")
    record = logging.LogRecord("x", logging.INFO, __file__, 1, "server said %s", ("planted-LATE-loaded-0123456789",), None)
    flt.filter(record)
    assert record.getMessage() == "server said [redacted]"


def test_the_known_keys_never_show_themselves():
    from pricelookup.redaction import KnownKeys

    known = KnownKeys()
    known.add(["PLANTED-show-me-not-0123456789", None, "  "])
    assert len(known) == 1 and "show-me-not" not in repr(known)


def test_application_errors_scrub_known_keys_from_str_repr_pickle_and_traceback():
    import pickle
    import traceback

    from pricelookup.errors import JournalError, ServiceError
    from pricelookup.redaction import remember_keys

    key = "PLANTED-error-echoed-0123456789"
    remember_keys([key])
    for exc in (ServiceError("PriceAPI", f"refused ({key.lower()})"), JournalError(f"bad {key.upper()}")):
        texts = [str(exc), repr(exc), "".join(traceback.format_exception(exc)), str(pickle.loads(pickle.dumps(exc)))]
        for text in texts:
            assert key.lower() not in text.lower() and "[redacted]" in text
    # a ServiceError's message is scrubbed when made: what the journal and the GUI's pickle carry
    assert key.lower() not in ServiceError("X", key).args[0].lower()
    # a key that becomes known after the error was made is still scrubbed when it is shown
    later = "PLANTED-known-only-later-01234"
    exc = JournalError(f"bad {later}")
    remember_keys([later])
    assert later not in str(exc) and later not in repr(exc)


# --- keys of the services a run uses, environment first (a locked keyring must not stop the run) -------------


class BlockingKeyring(MemoryKeyring):
    """Every read blocks until released (Secret Service stuck on an unlock prompt); records what it was asked."""

    def __init__(self) -> None:
        super().__init__()
        self.release = threading.Event()
        self.asked: list[str] = []

    def get_password(self, service, username):
        self.asked.append(username)
        self.release.wait()  # forever, unless the test lets it go
        return None


class RecordingKeyring(MemoryKeyring):
    def __init__(self) -> None:
        super().__init__()
        self.asked: list[str] = []

    def get_password(self, service, username):
        self.asked.append(username)
        return super().get_password(service, username)


def _run_args(*flags: str):
    from pricelookup.cli import build_parser

    return build_parser().parse_args(["run", "codes.csv", "-o", "out.xlsx", *flags])


@pytest.fixture
def fake_keyring(monkeypatch):
    """Install a keyring backend for code that calls ``keyring.get_keyring()``; count those calls."""
    import keyring

    calls: list[object] = []

    def install(backend):
        def get_keyring():
            calls.append(backend)
            return backend

        monkeypatch.setattr(keyring, "get_keyring", get_keyring)
        return calls

    return install


def test_a_hanging_keyring_does_not_stop_a_run_whose_key_is_in_the_environment(monkeypatch, fake_keyring):
    from pricelookup.cli.run import _endpoints

    backend = BlockingKeyring()
    calls = fake_keyring(backend)
    monkeypatch.setenv("PRICELOOKUP_PRICEAPI_TOKEN", "env-token-0123456789")
    try:
        t0 = time.monotonic()
        with _endpoints(_run_args("--no-officiscan", "--no-monitorize")) as (endpoints, keys):
            elapsed = time.monotonic() - t0
        assert elapsed < 1.0  # not the 3 s keyring timeout
        assert keys.priceapi == "env-token-0123456789"
        assert (keys.officiscan, keys.monitorize, keys.snipcart) == (None, None, None)
        assert backend.asked == [] and calls == []  # the keyring was not even looked for
        assert endpoints.priceapi == "https://api.priceapi.com"
    finally:
        backend.release.set()


@pytest.mark.parametrize(("flags", "asked"), [
    ((), ["monitorize"]),
    (("--no-monitorize",), []),
    (("--snipcart", "--no-monitorize"), ["snipcart"]),
])
def test_a_run_asks_the_keyring_only_for_the_services_it_uses_and_lacks(monkeypatch, fake_keyring, flags, asked):
    from pricelookup.cli.run import _endpoints

    backend = RecordingKeyring()
    for service in ("priceapi", "officiscan", "monitorize", "snipcart"):
        backend.set_password(KEYRING_SERVICE, service, f"{service}-from-keyring")
    fake_keyring(backend)
    monkeypatch.setenv("PRICELOOKUP_PRICEAPI_TOKEN", "env-token")
    monkeypatch.setenv("PRICELOOKUP_OFFICISCAN_KEY", "env-oc")
    args = _run_args(*flags)
    if args.snipcart:
        args.input = None
    with _endpoints(args) as (_where, keys):
        pass
    assert backend.asked == asked
    assert (keys.priceapi, keys.officiscan) == ("env-token", "env-oc")
    for service in asked:
        assert keys.get(service) == f"{service}-from-keyring"


def test_service_addresses_from_the_environment(monkeypatch, fake_keyring):
    from pricelookup.cli.run import _endpoints

    fake_keyring(MemoryKeyring())
    monkeypatch.setenv("PRICELOOKUP_PRICEAPI_TOKEN", "env-token")
    monkeypatch.setenv("PRICELOOKUP_PRICEAPI_URL", " http://127.0.0.1:8123/priceapi ")
    with _endpoints(_run_args("--no-officiscan", "--no-monitorize")) as (endpoints, keys):
        pass
    assert endpoints.priceapi == "http://127.0.0.1:8123/priceapi"
    assert endpoints.officiscan == "https://api.officiscan.com" and not endpoints.sandbox
    assert keys.priceapi == "env-token"  # the real keys, not the sandbox's
