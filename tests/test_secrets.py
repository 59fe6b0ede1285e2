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

from pricelookup.errors import KeyStoreError
from pricelookup.secrets import (
    KEY_ENV_VARS,
    KEYRING_SERVICE,
    KeyStore,
    RedactingFilter,
    keys_command,
    load_keys,
    redact,
    tell_log_filters,
)

SECRET = "pk_live_9f8e7d6c5b4a39281706f5e4d3c2b1a0ffeeddccbbaa9988"


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
