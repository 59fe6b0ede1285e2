"""Hostile servers: every client call, fed random statuses, bodies, headers and disconnects,
either returns its typed result or raises one of our ServiceErrors — never anything else,
never the key in a message, and a job submission is never sent twice unless it provably
never left."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pricelookup.errors import ServiceError
from pricelookup.services.http import HttpPolicy
from pricelookup.services.monitorize import MonitorizeClient
from pricelookup.services.officiscan import OfficiscanClient
from pricelookup.services.priceapi import PriceApiClient
from pricelookup.services.snipcart import SnipcartClient
from warpclock import WarpClock

KEY = "FuzzKey0123456789abcdefABCDEF"

STATUSES = [200, 200, 200, 201, 204, 301, 302, 400, 401, 402, 403, 404, 405, 408, 409, 413, 422, 429, 500, 502,
            503, 504, 599]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-10**12, 10**12) | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner, max_size=5),
    max_leaves=20,
)
# bodies shaped like the services' own answers, with wrong types and values inside
shaped = st.fixed_dictionaries({}, optional={
    "success": st.booleans(), "reason": st.sampled_from(["unauthorized", "job not found", "daily quota exceeded",
                                                         "source disabled", "whatever", KEY.lower(), ""]),
    "job_id": st.text(max_size=30) | st.integers(), "status": st.sampled_from(["new", "working", "finished",
                                                                               "cancelled", "bogus", ""]),
    "requested": json_values, "completed": json_values, "progress": json_values, "products": json_values,
    "items": json_values, "data": json_values, "usage": json_values, "totalItems": json_values,
    "offers": json_values, "results": json_values,
})


@st.composite
def answers(draw: st.DrawFn) -> Any:
    """One server answer: a response or a transport failure."""
    kind = draw(st.sampled_from(["response", "response", "response", "connect", "read", "remote", "timeout"]))
    if kind == "connect":
        return httpx.ConnectError("refused")
    if kind == "read":
        return httpx.ReadError("reset by peer")
    if kind == "remote":
        return httpx.RemoteProtocolError("server disconnected")
    if kind == "timeout":
        return httpx.ReadTimeout("slow")
    status = draw(st.sampled_from(STATUSES))
    body_kind = draw(st.sampled_from(["shaped", "json", "bytes", "html", "empty"]))
    headers: dict[str, str] = {}
    if draw(st.booleans()):
        headers["Retry-After"] = draw(st.sampled_from(["0", "1", "100000", "-5", "soon", "Wed, 21 Oct 2099 07:28:00 GMT",
                                                       "Thu, 01 Jan 1970 00:00:00 GMT"]))
    if status in (301, 302):
        headers["Location"] = draw(st.sampled_from([f"http://evil.example/?token={KEY}", "/elsewhere",
                                                    "https://api.example.test/x"]))
    if body_kind == "shaped":
        content = json.dumps(draw(shaped)).encode()
    elif body_kind == "json":
        content = json.dumps(draw(json_values)).encode()
    elif body_kind == "bytes":
        content = draw(st.binary(max_size=64))
    elif body_kind == "html":
        content = f"<html><body>Error for {KEY}</body></html>".encode()
    else:
        content = b""
    return httpx.Response(status, headers=headers, content=content)


CALLS: dict[str, tuple[type, Callable[[Any], Awaitable[Any]]]] = {
    "priceapi.create_job": (PriceApiClient, lambda c: c.create_job(source="google-shopping", country="fr", key="gtin",
                                                                  values=["00012345678905"])),
    "priceapi.job_status": (PriceApiClient, lambda c: c.job_status("abc")),
    "priceapi.results": (PriceApiClient, lambda c: c.results("abc")),
    "priceapi.usage_today": (PriceApiClient, lambda c: c.usage_today()),
    "officiscan.snapshots": (OfficiscanClient, lambda c: c.snapshots("3401351277399")),
    "officiscan.variants": (OfficiscanClient, lambda c: c.variants(12)),
    "monitorize.all_offers": (MonitorizeClient, lambda c: c.all_offers()),
    "monitorize.history": (MonitorizeClient, lambda c: c.history("12")),
    "snipcart.products": (SnipcartClient, lambda c: c.products()),
}


@pytest.mark.parametrize("call", sorted(CALLS))
@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(script=st.lists(answers(), min_size=1, max_size=6))
def test_any_answer_is_a_result_or_a_service_error(call: str, script: list[Any]) -> None:
    cls, fn = CALLS[call]
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        item = script[min(len(sent), len(script)) - 1]
        if isinstance(item, Exception):
            raise item
        return httpx.Response(item.status_code, headers=item.headers, content=item.content, request=request)

    clock = WarpClock()  # waits pass at once, and the clock moves on by as much
    policy = HttpPolicy(clock=clock, sleep=clock.sleep, max_attempts=4, retry_after_cap=5.0)

    async def main() -> Any:
        async with cls("https://api.example.test", KEY, transport=httpx.MockTransport(handler), policy=policy) as c:
            return await fn(c)

    try:
        asyncio.run(main())
    except ServiceError as exc:
        for text in (str(exc), repr(exc)):
            assert KEY.lower() not in text.lower(), text
    # anything else escaping is the failure this test exists for (pytest reports it)

    if call == "priceapi.create_job":
        # a submission is sent again only after an answer that proves nothing was created:
        # a connection that never opened, or a 429
        for i in range(len(sent) - 1):
            item = script[min(i, len(script) - 1)]
            assert isinstance(item, httpx.ConnectError) or item.status_code == 429 or (
                item.status_code >= 500 and b'"success": false' in item.content and b'"reason"' in item.content
            ), (i, item)
