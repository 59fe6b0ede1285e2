"""Faithful simulations of PriceAPI, OfficiScan, Monitorize and Snipcart on 127.0.0.1.

The product's embedded default: ``--sandbox`` runs the whole app against it
with no keys, and every test uses it. One HTTP server serves all four APIs
under path prefixes (``/priceapi``, ``/officiscan``, ``/monitorize``,
``/snipcart``) plus ``GET /_sandbox/stats``::

    from pricelookup.sandbox import SandboxConfig, running_sandbox
    with running_sandbox(SandboxConfig(job_seconds=2.0)) as sb:
        sb.url                # "http://127.0.0.1:PORT"
        sb.stats()            # same dict as GET /_sandbox/stats
        sb.inject("priceapi", "POST", "/jobs", kind="reset_after_body", count=1)
        sb.configure(daily_quota=10)

Any key is accepted except the literal ``invalid``. Data are deterministic
(:mod:`pricelookup.sandbox.data` predicts them). Imports no Qt.
"""

from __future__ import annotations

from pricelookup.sandbox.config import SandboxConfig
from pricelookup.sandbox.server import RunningSandbox, Sandbox, running_sandbox

__all__ = ["RunningSandbox", "Sandbox", "SandboxConfig", "running_sandbox"]
