"""Shared fixtures of the service-client tests: a fake clock for the HTTP policy."""

from __future__ import annotations

import pytest

from warpclock import FakeClock


@pytest.fixture
def fake_clock() -> FakeClock:
    """A fresh fake clock per test."""
    return FakeClock()
