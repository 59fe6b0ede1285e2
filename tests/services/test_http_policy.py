"""The shared HTTP policy on httpx.MockTransport and fake time.

These cover what the sandbox cannot produce on demand: exact Retry-After
arithmetic, HTTP-dates, deadlines, every 4xx, in-flight counting. The same
behaviours are exercised over real loopback HTTP in test_services_sandbox.py.
"""

from __future__ import annotations

import asyncio
import itertools
import random
from collections.abc import Callable
from datetime import timedelta
from email.utils import format_datetime

import httpx
import pytest

from pricelookup.errors import (
    AuthenticationError,
    BadResponseError,
    NotFoundError,
    RateLimitedError,
    RequestRejectedError,
    ServiceUnavailableError,
    SettingsError,
    UncertainOutcomeError,
)
from pricelookup.services.http import HttpPolicy
from pricelookup.services.officiscan import OfficiscanClient
from pricelookup.services.retry import Attempt, decide, full_jitter_backoff, parse_retry_after
from pricelookup.services.urls import check_base_url, is_loopback_host
from pricelookup.services.wording import ServiceInfo

INFO = ServiceInfo("OfficiScan", "key", "PRICELOOKUP_OFFICISCAN_KEY")
URL = "https://api.example.test/v1/things?token=SECRET-TOKEN-123456"

Handler = Callable[[httpx.Request], httpx.Response]


def policy_for(clock, **kw) -> HttpPolicy:
    kw.setdefault("rng", random.Random(7))
    return HttpPolicy(clock=clock, sleep=clock.sleep, wall_clock=clock.wall, **kw)


def scripted(*responses: httpx.Response | Exception) -> tuple[Handler, list[httpx.Request]]:
    """A handler that plays ``responses`` in order (the last one repeats) and records requests."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        item = responses[min(len(seen) - 1, len(responses) - 1)]
        if isinstance(item, Exception):
            raise item
        return item

    return handler, seen


async def send(policy: HttpPolicy, handler: Handler, *, method: str = "GET", idempotent: bool = True,
               follow_redirects: bool = False) -> httpx.Response:
    async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
        request = client.build_request(method, URL, data={"a": "b"} if method == "POST" else None)
        return await policy.send(client, request, service=INFO, idempotent=idempotent,
                                 follow_redirects=follow_redirects)


def html_page(status: int, **headers: str) -> httpx.Response:
    return httpx.Response(status, headers={"content-type": "text/html", **headers},
                          text="<!DOCTYPE html><html><body><h1>Service Unavailable</h1></body></html>")


# --- pure pieces ------------------------------------------------------------------------------


def test_retry_after_seconds_and_http_date(fake_clock):
    now = fake_clock.wall()
    assert parse_retry_after("7", now=now) == 7.0
    assert parse_retry_after(" 0 ", now=now) == 0.0
    assert parse_retry_after(format_datetime(now + timedelta(seconds=42), usegmt=True), now=now) == 42.0
    # a date in the past means "now", not a negative wait
    assert parse_retry_after(format_datetime(now - timedelta(hours=1), usegmt=True), now=now) == 0.0
    assert parse_retry_after("soon", now=now) is None
    assert parse_retry_after("", now=now) is None
    assert parse_retry_after(None, now=now) is None


def test_full_jitter_stays_between_zero_and_capped_exponential():
    rng = random.Random(1)
    for attempt in range(1, 12):
        ceiling = min(10.0, 0.5 * 2 ** (attempt - 1))
        delays = [full_jitter_backoff(attempt, base=0.5, cap=10.0, rng=rng) for _ in range(200)]
        assert all(0.0 <= d <= ceiling for d in delays)
        # full jitter really spreads: both halves of the range are used
        assert min(delays) < ceiling / 2 < max(delays)


def test_rules_never_repeat_a_sent_non_idempotent_request():
    sent_failure = Attempt(1, idempotent=False, error=httpx.ReadTimeout("x"))
    assert decide(sent_failure).uncertain and not decide(sent_failure).retry
    unsent = Attempt(1, idempotent=False, error=httpx.ConnectError("x"))
    assert decide(unsent).retry
    # a bare 5xx after the body went out may come from a gateway after the job was created
    for status in (408, 500, 502, 503, 504):
        gateway = decide(Attempt(1, idempotent=False, response=httpx.Response(status)))
        assert gateway.uncertain and not gateway.retry, status
    # the service's own refusal body, or a 429, says nothing was done: safe to ask again
    server_said_no = Attempt(1, idempotent=False, response=httpx.Response(503), refused=True)
    assert decide(server_said_no).retry
    assert decide(Attempt(1, idempotent=False, response=httpx.Response(429))).retry
    assert decide(Attempt(1, idempotent=True, error=httpx.ReadTimeout("x"))).retry
    for status in (400, 401, 403, 404, 422):
        assert not decide(Attempt(1, idempotent=True, response=httpx.Response(status))).retry


@pytest.mark.parametrize("host,ok", [
    ("127.0.0.1", True), ("127.10.20.30", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("LOCALHOST", True), ("128.0.0.1", False), ("example.com", False), ("localhost.evil.com", False),
    ("10.0.0.1", False), ("0.0.0.0", False),
])
def test_loopback_detection(host, ok):
    assert is_loopback_host(host) is ok


def test_plain_http_refused_except_loopback():
    for url in ("http://127.0.0.1:8080/priceapi", "http://localhost:1/x", "http://[::1]:9/x",
                "https://api.priceapi.com"):
        check_base_url(url, "PriceAPI")
    for url in ("http://api.priceapi.com", "http://10.1.2.3/x", "http://127.0.0.1.nip.io/x"):
        with pytest.raises(SettingsError, match="plain-HTTP"):
            check_base_url(url, "PriceAPI")
    with pytest.raises(SettingsError):
        check_base_url("ftp://api.priceapi.com", "PriceAPI")
    with pytest.raises(SettingsError, match="user name"):
        check_base_url("https://me:pw@api.priceapi.com", "PriceAPI")
    with pytest.raises(SettingsError):
        OfficiscanClient("http://api.officiscan.com", "oc_k")


# --- retries ----------------------------------------------------------------------------------------


def test_5xx_is_retried_with_backoff_then_succeeds(fake_clock):
    handler, seen = scripted(httpx.Response(500), httpx.Response(502), httpx.Response(200, json={"ok": 1}))
    policy = policy_for(fake_clock, backoff_base=0.5, backoff_cap=30)
    response = asyncio.run(send(policy, handler))
    assert response.json() == {"ok": 1}
    assert len(seen) == 3
    assert len(fake_clock.sleeps) == 2
    assert 0 <= fake_clock.sleeps[0] <= 0.5 and 0 <= fake_clock.sleeps[1] <= 1.0


def test_html_503_page_is_retried_then_reported_as_unavailable(fake_clock):
    handler, seen = scripted(html_page(503))
    policy = policy_for(fake_clock, max_attempts=4)
    with pytest.raises(ServiceUnavailableError) as info:
        asyncio.run(send(policy, handler))
    assert len(seen) == 4
    message = str(info.value)
    assert message.startswith("OfficiScan:") and "503" in message and "error page" in message
    assert "try again later" in message


def test_429_retry_after_seconds_is_waited_exactly(fake_clock):
    handler, seen = scripted(httpx.Response(429, headers={"Retry-After": "3"}), httpx.Response(200))
    asyncio.run(send(policy_for(fake_clock), handler))
    assert len(seen) == 2
    assert 3.0 in fake_clock.sleeps
    assert fake_clock.now >= 3.0


def test_429_retry_after_http_date_is_waited(fake_clock):
    when = format_datetime(fake_clock.wall() + timedelta(seconds=9), usegmt=True)
    handler, seen = scripted(httpx.Response(429, headers={"Retry-After": when}), httpx.Response(200))
    asyncio.run(send(policy_for(fake_clock), handler))
    assert len(seen) == 2
    assert fake_clock.now == pytest.approx(9.0, abs=1.0)


def test_retry_after_beyond_the_cap_ends_the_call_with_the_wait(fake_clock):
    handler, seen = scripted(httpx.Response(429, headers={"Retry-After": "3600"}))
    with pytest.raises(RateLimitedError) as info:
        asyncio.run(send(policy_for(fake_clock, retry_after_cap=60), handler))
    assert len(seen) == 1  # no hammering, no hour-long sleep inside one call
    assert info.value.retry_after == 3600
    assert "60 minutes" in str(info.value)
    assert sum(fake_clock.sleeps) < 1


def test_429_retries_run_out_as_rate_limited(fake_clock):
    handler, seen = scripted(httpx.Response(429, headers={"Retry-After": "1"}))
    with pytest.raises(RateLimitedError) as info:
        asyncio.run(send(policy_for(fake_clock, max_attempts=3), handler))
    assert len(seen) == 3
    assert "429" in str(info.value) and "--resume" in str(info.value)


@pytest.mark.parametrize("status,error", [
    (400, RequestRejectedError), (401, AuthenticationError), (403, AuthenticationError),
    (404, NotFoundError), (422, RequestRejectedError),
])
def test_client_errors_are_not_retried(fake_clock, status, error):
    handler, seen = scripted(httpx.Response(status, json={"error": "no"}))
    with pytest.raises(error) as info:
        asyncio.run(send(policy_for(fake_clock), handler))
    assert len(seen) == 1
    assert fake_clock.sleeps == []
    assert str(info.value).startswith("OfficiScan:")
    if error is AuthenticationError:
        assert "Settings > Keys" in str(info.value) and "PRICELOOKUP_OFFICISCAN_KEY" in str(info.value)


def test_408_is_retried(fake_clock):
    handler, seen = scripted(httpx.Response(408), httpx.Response(200))
    asyncio.run(send(policy_for(fake_clock), handler))
    assert len(seen) == 2


def test_idempotent_timeouts_and_resets_are_retried(fake_clock):
    handler, seen = scripted(httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("reset"),
                             httpx.ReadError("reset"), httpx.Response(200))
    asyncio.run(send(policy_for(fake_clock), handler))
    assert len(seen) == 4


@pytest.mark.parametrize("failure", [
    httpx.ReadTimeout("slow"), httpx.RemoteProtocolError("dropped"), httpx.ReadError("reset"),
    httpx.WriteTimeout("slow"),
])
def test_non_idempotent_post_is_not_repeated_after_it_may_have_arrived(fake_clock, failure):
    handler, seen = scripted(failure, httpx.Response(200))
    with pytest.raises(UncertainOutcomeError) as info:
        asyncio.run(send(policy_for(fake_clock), handler, method="POST", idempotent=False))
    assert len(seen) == 1
    assert "not sent again" in str(info.value)


def test_non_idempotent_post_is_retried_when_never_sent_or_refused(fake_clock):
    handler, seen = scripted(httpx.ConnectError("refused"), httpx.ConnectTimeout("syn"),
                             httpx.Response(429, headers={"Retry-After": "1"}), httpx.Response(200))
    response = asyncio.run(send(policy_for(fake_clock), handler, method="POST", idempotent=False))
    assert response.status_code == 200
    assert len(seen) == 4


@pytest.mark.parametrize("status", [500, 502, 503, 504, 408])
def test_non_idempotent_post_answered_5xx_is_uncertain_not_resent(fake_clock, status):
    handler, seen = scripted(httpx.Response(status, text="<html>gateway</html>"), httpx.Response(200))
    with pytest.raises(UncertainOutcomeError) as info:
        asyncio.run(send(policy_for(fake_clock), handler, method="POST", idempotent=False))
    assert len(seen) == 1
    assert f"HTTP {status}" in str(info.value)


def test_connection_failures_that_persist_end_as_unavailable(fake_clock):
    handler, seen = scripted(httpx.ConnectError("[Errno 111] Connection refused"))
    with pytest.raises(ServiceUnavailableError) as info:
        asyncio.run(send(policy_for(fake_clock, max_attempts=3), handler))
    assert len(seen) == 3
    assert "could not be reached" in str(info.value) and "network connection" in str(info.value)


def test_deadline_bounds_the_whole_call_including_backoff(fake_clock):
    handler, seen = scripted(httpx.Response(503))
    policy = policy_for(fake_clock, deadline=5.0, max_attempts=50, backoff_base=1.0, backoff_cap=60.0)
    with pytest.raises(ServiceUnavailableError):
        asyncio.run(send(policy, handler))
    assert fake_clock.now < 5.0  # never slept past the deadline
    assert 1 < len(seen) < 50


def test_real_deadline_cuts_a_hanging_answer():
    async def hang(request: httpx.Request) -> httpx.Response:
        await asyncio.sleep(10)
        return httpx.Response(200)

    async def main() -> None:
        policy = HttpPolicy(deadline=0.2)
        async with httpx.AsyncClient(transport=httpx.MockTransport(hang)) as client:
            request = client.build_request("GET", URL)
            await policy.send(client, request, service=INFO, idempotent=True)

    loop_start = asyncio.new_event_loop()
    try:
        t0 = loop_start.time()
        with pytest.raises(ServiceUnavailableError, match="deadline"):
            loop_start.run_until_complete(main())
        assert loop_start.time() - t0 < 2.0
    finally:
        loop_start.close()


def test_error_messages_never_carry_the_query_or_the_httpx_text(fake_clock):
    leaky = httpx.ConnectError(f"cannot reach {URL}")
    for handler in (scripted(leaky)[0], scripted(httpx.Response(401))[0], scripted(html_page(503))[0],
                    scripted(httpx.ReadTimeout(URL))[0]):
        with pytest.raises(Exception) as info:
            asyncio.run(send(policy_for(fake_clock, max_attempts=2), handler, method="POST", idempotent=False))
        text = f"{info.value} {info.value!r}"
        assert "SECRET-TOKEN" not in text and "token=" not in text
        assert info.value.__cause__ is None


def test_redirects_followed_only_when_asked_and_never_to_plain_http(fake_clock):
    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path == "/v1/things":
            return httpx.Response(302, headers={"Location": "https://cdn.example.test/result.json"})
        if request.url.host == "cdn.example.test":
            return httpx.Response(200, json={"moved": True})
        return httpx.Response(500)

    assert asyncio.run(send(policy_for(fake_clock), handler, follow_redirects=True)).json() == {"moved": True}
    with pytest.raises(BadResponseError, match="redirected"):
        asyncio.run(send(policy_for(fake_clock), handler, follow_redirects=False))

    def to_plain(request: httpx.Request) -> httpx.Response:
        if request.url.host == "api.officiscan.com":
            return httpx.Response(302, headers={"Location": "http://evil.example.test/steal"})
        raise AssertionError("the plain-HTTP redirect must not be followed")

    async def via_client() -> None:
        async with OfficiscanClient("https://api.officiscan.com", "oc_k",
                                    transport=httpx.MockTransport(to_plain)) as client:
            await client._get_json("/v1/x", follow_redirects=True)

    with pytest.raises(BadResponseError, match="plain-HTTP"):
        asyncio.run(via_client())


# --- concurrency cap and rate control ------------------------------------------------------------


def test_concurrency_cap_holds_under_load():
    in_flight = 0
    peak = 0

    async def handler(request: httpx.Request) -> httpx.Response:
        nonlocal in_flight, peak
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.005)
        in_flight -= 1
        return httpx.Response(200, json={})

    async def main() -> None:
        policy = HttpPolicy(max_concurrency=3, initial_window=3)
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            async def one() -> None:
                await policy.send(client, client.build_request("GET", URL), service=INFO, idempotent=True)
            await asyncio.gather(*(one() for _ in range(60)))

    asyncio.run(main())
    assert peak == 3  # used fully, never exceeded


def test_rate_control_slows_down_on_429_and_recovers(fake_clock):
    statuses = iter([429, 503] + [200] * 40)

    def handler(request: httpx.Request) -> httpx.Response:
        status = next(statuses)
        return httpx.Response(status, headers={"Retry-After": "0"} if status != 200 else {})

    policy = policy_for(fake_clock, min_interval=0.05, max_concurrency=4)
    host = "https://api.example.test"

    async def main() -> list[tuple[float, float]]:
        states = []
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            for _ in range(20):
                await policy.send(client, client.build_request("GET", URL), service=INFO, idempotent=True)
                snap = policy.rate.snapshot(host)
                states.append((snap.delay, snap.window))
        return states

    states = asyncio.run(main())
    snap = policy.rate.snapshot(host)
    assert snap.slowdowns == 2
    # right after trouble: slow (>= 1 s between requests) with a window of one...
    first_delay, first_window = states[0]
    assert first_delay >= 1.0 and first_window <= 2.0
    # ...then back to the configured pace and the full window
    assert snap.delay == pytest.approx(0.05)
    assert snap.window == pytest.approx(4.0)
    assert states[5][0] < states[0][0]


def test_retry_after_blocks_the_host_for_concurrent_requests(fake_clock):
    starts: list[float] = []
    first = True

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal first
        starts.append(fake_clock.now)
        if first:
            first = False
            return httpx.Response(429, headers={"Retry-After": "5"})
        return httpx.Response(200)

    policy = policy_for(fake_clock, max_concurrency=4, initial_window=4)

    async def main() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            await policy.send(client, client.build_request("GET", URL), service=INFO, idempotent=True)
            # the 429 blocked the host: another request now also waits out the 5 s
            await asyncio.gather(*(policy.send(client, client.build_request("GET", URL), service=INFO,
                                               idempotent=True) for _ in range(3)))

    asyncio.run(main())
    assert starts[0] == 0.0
    assert all(t >= 5.0 for t in starts[1:])


def test_min_interval_paces_requests(fake_clock):
    starts: list[float] = []

    def handler(request: httpx.Request) -> httpx.Response:
        starts.append(fake_clock.now)
        return httpx.Response(200)

    policy = policy_for(fake_clock, min_interval=0.25, max_concurrency=4, initial_window=4)

    async def main() -> None:
        async with httpx.AsyncClient(transport=httpx.MockTransport(handler)) as client:
            await asyncio.gather(*(policy.send(client, client.build_request("GET", URL), service=INFO,
                                               idempotent=True) for _ in range(5)))

    asyncio.run(main())
    gaps = [b - a for a, b in itertools.pairwise(starts)]
    assert len(starts) == 5
    assert all(g >= 0.25 - 1e-9 for g in gaps)
