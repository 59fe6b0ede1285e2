"""Clients of the four services, on one shared HTTP policy (:mod:`.http`).

Import the clients from their modules, or from here::

    from pricelookup.services import PriceApiClient, HttpPolicy

Each client: ``Client(base_url, key, *, transport=None, policy=None)``, ``async
with`` support and ``aclose()``; answers are records of
:mod:`pricelookup.records`, failures errors of :mod:`pricelookup.errors`.
Imports are lazy so that ``import pricelookup.services`` does not load httpx.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pricelookup.errors import UncertainOutcomeError
    from pricelookup.services.http import HttpPolicy
    from pricelookup.services.monitorize import MonitorizeClient
    from pricelookup.services.officiscan import OfficiscanClient
    from pricelookup.services.priceapi import JobNotFinished, JobSubmissionUncertain, PriceApiClient
    from pricelookup.services.snipcart import SnipcartClient

_EXPORTS = {
    "HttpPolicy": "pricelookup.services.http",
    "UncertainOutcomeError": "pricelookup.errors",
    "PriceApiClient": "pricelookup.services.priceapi",
    "JobSubmissionUncertain": "pricelookup.services.priceapi",
    "JobNotFinished": "pricelookup.services.priceapi",
    "OfficiscanClient": "pricelookup.services.officiscan",
    "MonitorizeClient": "pricelookup.services.monitorize",
    "SnipcartClient": "pricelookup.services.snipcart",
}

__all__ = [
    "HttpPolicy",
    "JobNotFinished",
    "JobSubmissionUncertain",
    "MonitorizeClient",
    "OfficiscanClient",
    "PriceApiClient",
    "SnipcartClient",
    "UncertainOutcomeError",
]


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'pricelookup.services' has no attribute {name!r}")
    return getattr(importlib.import_module(module), name)
