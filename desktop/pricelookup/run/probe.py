""""Test connection": one cheap authenticated call per service, to prove a key before a run.

Monitorize gets two: its alerts, and its product list, whose method (GET or POST) the doc
leaves open; a server could accept the key on alerts and still refuse what a run reads.
"""

from __future__ import annotations

from pricelookup.redaction import tell_log_filters
from pricelookup.services.monitorize import MonitorizeClient
from pricelookup.services.officiscan import OfficiscanClient
from pricelookup.services.priceapi import PriceApiClient
from pricelookup.services.snipcart import SnipcartClient
from pricelookup.settings import Endpoints

#: a code OfficiScan knows in every environment (a French CIP13), for the probe's one snapshot
_PROBE_CODE = "3401560010011"


async def test_connection(service: str, endpoints: Endpoints, key: str) -> str:
    """Make one cheap authenticated call to ``service`` with ``key``; a sentence saying it worked, or raise
    the service's error (``AuthenticationError`` for a refused key)."""
    tell_log_filters([key])  # a typed key is not in the keyring yet: redact it from the logs too
    url = endpoints.url(service)
    if service == "priceapi":
        async with PriceApiClient(url, key) as pa:
            usage = await pa.usage_today()
        if usage.quota is None:
            return f"PriceAPI: connected; {usage.credits} credits used today."
        return f"PriceAPI: connected; {usage.credits} of {usage.quota} credits used today."
    if service == "officiscan":
        async with OfficiscanClient(url, key) as oc:
            await oc.snapshots(_PROBE_CODE, days=1)
        return "OfficiScan: connected; the key was accepted."
    if service == "monitorize":
        async with MonitorizeClient(url, key) as mz:
            await mz.alerts()
            # a run reads the product lists, whose method the doc leaves open (GET or POST) and which
            # a server may refuse while alerts work: the lightest list proves what a run needs
            products = await mz.products()
        return f"Monitorize: connected; the key was accepted and the product list answered ({len(products):,} products)."
    if service == "snipcart":
        async with SnipcartClient(url, key) as sc:
            async for _product in sc.iter_products():
                break
        return "Snipcart: connected; the key was accepted."
    raise ValueError(f"unknown service {service!r}")


# pytest would otherwise collect the function of this name as a test of the package
test_connection.__test__ = False  # type: ignore[attr-defined]
