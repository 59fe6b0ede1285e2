"""The engine's one door (``pricelookup.run.api``): what the window's "Test connection" and key
settings call, against the sandbox over loopback and an in-memory keyring."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.errors import PasswordDeleteError

from pricelookup.errors import AuthenticationError
from pricelookup.run import api
from pricelookup.settings import SERVICE_NAMES, SERVICES, Endpoints

PLANTED = "PLANTED-door-test-value-0123456789"


class MemoryKeyring(KeyringBackend):
    """An in-memory keyring backend."""

    priority = 1  # type: ignore[assignment]

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service: str, username: str) -> str | None:
        return self.store.get((service, username))

    def set_password(self, service: str, username: str, password: str) -> None:
        self.store[(service, username)] = password

    def delete_password(self, service: str, username: str) -> None:
        if (service, username) not in self.store:
            raise PasswordDeleteError("none")
        del self.store[(service, username)]


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    previous = keyring.get_keyring()
    ring = MemoryKeyring()
    keyring.set_keyring(ring)
    try:
        yield ring
    finally:
        keyring.set_keyring(previous)


@pytest.mark.parametrize("service", SERVICES)
def test_test_connection_proves_a_key_with_one_call_and_says_so(shared_sandbox: Any, service: str) -> None:
    sandbox = shared_sandbox
    endpoints = Endpoints.for_sandbox(str(sandbox.url))
    before = sandbox.stats()
    said = asyncio.run(api.test_connection(service, endpoints, "any-sandbox-key"))
    assert said.startswith(f"{SERVICE_NAMES[service]}: connected")
    after = sandbox.stats()
    # one cheap call, nothing paid; Monitorize also reads its product list (what a run needs)
    assert after[service]["requests"] - before[service]["requests"] == (2 if service == "monitorize" else 1)
    assert after["priceapi"]["credits_charged"] == before["priceapi"]["credits_charged"]
    with pytest.raises(AuthenticationError):
        asyncio.run(api.test_connection(service, endpoints, "invalid"))


def test_keys_are_read_and_written_through_the_door(memory_keyring: MemoryKeyring) -> None:
    assert api.key_statuses()["priceapi"].source == "missing"
    api.save_keys({"priceapi": PLANTED})
    statuses = api.key_statuses()
    assert statuses["priceapi"].source == "keyring"
    assert PLANTED not in repr(statuses) and PLANTED not in statuses["priceapi"].detail  # never the key itself
    assert api.load_keys(["priceapi"]).get("priceapi") == PLANTED
    api.save_keys({"priceapi": None})
    assert api.key_statuses()["priceapi"].source == "missing"
    assert memory_keyring.store == {}
