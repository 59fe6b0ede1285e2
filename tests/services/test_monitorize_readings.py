"""Monitorize where its doc reads two ways (issue #16): GET or POST, redirects, the announced
rename of the history fields, and the long wait of the whole-account lists.

Against the sandbox over loopback HTTP, made to read the doc one way or the other
(``SandboxConfig.monitorize_*``), and on ``httpx.MockTransport`` where a server must do what
the sandbox never does (redirect to another host, say "method not allowed" with a 403).
"""

from __future__ import annotations

import asyncio
import dataclasses
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from datetime import date
from decimal import Decimal
from typing import Any

import httpx
import pytest

from pricelookup.errors import (
    AuthenticationError,
    BadResponseError,
    NotFoundError,
    RequestRejectedError,
    ServiceError,
    ServiceUnavailableError,
)
from pricelookup.sandbox import RunningSandbox, SandboxConfig
from pricelookup.sandbox.data import Catalogue
from pricelookup.services.http import HttpPolicy
from pricelookup.services.monitorize import (
    FULL_LIST_DEADLINE,
    FULL_LIST_READ_TIMEOUT,
    MAX_REDIRECTS,
    MonitorizeClient,
    parse_history,
)
from warpclock import FakeClock, WarpClock, serve_sandbox

KEY = "PLANTED-monitorize-key-0001"
WARP = WarpClock()
FIVE_READS = {"api/product/list/", "api/product/list/allOffers", "api/product/list/lowestOffers",
              "api/product/history/{id}", "api/product/history-ref/{ref}"}


def fast_policy(**kw: Any) -> HttpPolicy:
    """Retries and their waits on the warp clock: they pass at once."""
    kw.setdefault("backoff_base", 0.01)
    kw.setdefault("backoff_cap", 0.05)
    kw.setdefault("read_timeout", 5.0)
    return HttpPolicy(clock=WARP, sleep=WARP.sleep, **kw)


@pytest.fixture(scope="module")
def catalogue(catalogue: Catalogue) -> Catalogue:
    """The sandbox's catalogue with its first 300 Monitorize products: these tests are about how
    the lists are asked for, not their length (the whole 3,000 made each test ~1 s of CPU)."""
    return dataclasses.replace(catalogue, monitorize=catalogue.monitorize[:300])


@pytest.fixture(scope="module")
def make(catalogue: Catalogue) -> Iterator[Callable[..., RunningSandbox]]:
    """Served sandboxes with Monitorize read one way or the other (all stopped at the module's end)."""
    started: dict[tuple[tuple[str, Any], ...], RunningSandbox] = {}

    def start(**changes: Any) -> RunningSandbox:
        key = tuple(sorted(changes.items()))
        if key not in started:
            started[key] = serve_sandbox(SandboxConfig(**changes), clock=WARP, catalogue=catalogue)
        return started[key]

    yield start
    for sb in started.values():
        sb.stop()


def on(sb: RunningSandbox, call: Callable[[MonitorizeClient], Awaitable[Any]], **kw: Any) -> tuple[Any, MonitorizeClient]:
    """``call`` on a fresh client of ``sb``'s Monitorize; returns its result and the client (closed)."""
    async def main() -> tuple[Any, MonitorizeClient]:
        async with MonitorizeClient(f"{sb.url}/monitorize", KEY, policy=fast_policy(), **kw) as c:
            return await call(c), c

    return asyncio.run(main())


def matched(catalogue: Catalogue, n: int = 3) -> list[Any]:
    """``n`` matched products with an EAN-13 ref, for history calls."""
    return [m for m in catalogue.monitorize if m.matched and m.ref and m.ref == m.ean13][:n]


def everything(catalogue: Catalogue) -> Callable[[MonitorizeClient], Awaitable[tuple[Any, ...]]]:
    """Every read a run or the probe makes: the three lists, history by id and by ref (three
    products each, so the method learnt on the first is used for the others), the alerts."""
    items = matched(catalogue)

    async def flow(c: MonitorizeClient) -> tuple[Any, ...]:
        return (await c.products(), await c.all_offers(), await c.lowest_offers(),
                [await c.history(str(m.id)) for m in items], [await c.history_ref(m.ref) for m in items],
                await c.alerts())

    return flow


@pytest.fixture(scope="module")
def baseline(make: Callable[..., RunningSandbox], catalogue: Catalogue) -> tuple[Any, ...]:
    """What a sandbox that takes both methods and both spellings answers."""
    result, _c = on(make(), everything(catalogue))
    products, offers, lowest, history, by_ref, alerts = result
    assert len(products) == len(offers) == len(lowest) == 300 and any(p.offers for p in offers)
    assert all(history) and all(by_ref) and alerts
    return tuple(result)


def stat(sb: RunningSandbox, name: str) -> int:
    return int(sb.stats()["monitorize"][name])


# --- GET or POST ------------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", ["get", "post"])
def test_a_get_only_and_a_post_only_server_give_the_same_answers(make, catalogue, baseline, mode) -> None:
    sb = make(monitorize_method=mode)
    refused = stat(sb, "methods_refused")
    result, client = on(sb, everything(catalogue))
    assert result == baseline
    # learnt per endpoint, kept for the client's life (the run): one refused GET per endpoint at most,
    # not one per history call
    assert client.methods == dict.fromkeys(FIVE_READS, mode.upper())
    assert stat(sb, "methods_refused") - refused == (5 if mode == "post" else 0)


def test_the_method_that_worked_is_logged_once_per_endpoint(make, catalogue, caplog) -> None:
    caplog.set_level(logging.INFO, logger="pricelookup.services.monitorize")
    sb = make(monitorize_method="post")
    items = matched(catalogue, 6)

    async def flow(c: MonitorizeClient) -> None:
        # concurrent calls all try GET before any learnt POST: still one line
        await asyncio.gather(*(c.history(str(m.id)) for m in items))
        await c.history(str(items[0].id))

    on(sb, flow)
    lines = [r.getMessage() for r in caplog.records if r.name == "pricelookup.services.monitorize"]
    assert len(lines) == 1 and all(r.levelno == logging.INFO for r in caplog.records)
    assert "api/product/history/{id}" in lines[0] and "POST" in lines[0] and "405" in lines[0]
    assert KEY not in caplog.text


@pytest.mark.parametrize("mode,requests,learnt", [("post", 2, "POST"), ("get", 2, "GET"), ("any", 2, None)])
def test_an_unknown_product_is_not_found_whichever_method_the_server_takes(make, mode, requests, learnt) -> None:
    sb = make(monitorize_method=mode)
    before = stat(sb, "requests")

    async def twice(c: MonitorizeClient) -> list[int]:
        sent = []
        for _ in range(2):
            start = stat(sb, "requests")
            with pytest.raises(NotFoundError, match=r"^Monitorize: .*404"):
                await c.history_ref("NO-SUCH-REF-42")
            sent.append(stat(sb, "requests") - start)
        return sent

    sent, client = on(sb, twice)
    # post-only: GET 405 then POST 404; get-only: GET 404 then POST 405. Either way the refusal
    # tells which method is the one, and the second call sends only that one. A server taking both
    # answers 404 both ways: nothing to learn, each call asks both.
    assert sent == [requests, 1 if learnt else 2]
    assert client.methods.get("api/product/history-ref/{ref}") == learnt
    assert stat(sb, "requests") - before == sum(sent)


def mock(handler: Callable[[httpx.Request], httpx.Response], **kw: Any) -> MonitorizeClient:
    clock = WarpClock()
    policy = HttpPolicy(clock=clock, sleep=clock.sleep, max_attempts=kw.pop("max_attempts", 3), **kw)
    return MonitorizeClient("https://www.monitorize.example", KEY, transport=httpx.MockTransport(handler),
                            policy=policy)


def run(client: MonitorizeClient, call: Callable[[MonitorizeClient], Awaitable[Any]]) -> Any:
    async def main() -> Any:
        async with client as c:
            return await call(c)

    return asyncio.run(main())


PAGE = b"<html><head><title>Error</title></head><body><h1>Method Not Allowed</h1></body></html>"


@pytest.mark.parametrize("status", [400, 403, 200])
def test_a_method_not_allowed_page_under_another_status_also_switches_to_post(status) -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.method)
        if request.method == "GET":
            return httpx.Response(status, content=PAGE, headers={"Content-Type": "text/html"})
        return httpx.Response(200, json=[{"nom": "P", "id": "7", "ref": "3400930000000"}])

    client = mock(handler)
    products = run(client, lambda c: c.products())
    assert [p.id for p in products] == ["7"] and sent == ["GET", "POST"]
    assert client.methods == {"api/product/list/": "POST"}


@pytest.mark.parametrize("status,body,error", [
    (401, b"Erreur d'authentification", AuthenticationError),
    (403, b'{"error": "forbidden"}', AuthenticationError),
    (400, b'{"error": "bad request"}', RequestRejectedError),
    (500, b"<html>oops</html>", ServiceUnavailableError),
])
def test_answers_that_are_not_about_the_method_are_not_asked_again_with_post(status, body, error) -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.method)
        return httpx.Response(status, content=body)

    with pytest.raises(error):
        run(mock(handler, max_attempts=2), lambda c: c.all_offers())
    assert set(sent) == {"GET"}  # a 500 is retried, with the same method


def test_a_server_refusing_both_methods_is_one_clear_error() -> None:
    sent: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request.method)
        return httpx.Response(405, content=PAGE, headers={"Content-Type": "text/html"})

    with pytest.raises(RequestRejectedError, match=r"^Monitorize: .*refused both GET and POST \(HTTP 405 and 405\)"):
        run(mock(handler), lambda c: c.lowest_offers())
    assert sent == ["GET", "POST"]


@pytest.mark.parametrize("status", [404, 405, 301])
def test_product_add_is_post_only_and_never_tried_another_way(status) -> None:
    sent: list[tuple[str, str]] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append((request.method, request.url.path))
        return httpx.Response(status, headers={"Location": "https://www.monitorize.example/api/product/add/"})

    with pytest.raises(ServiceError) as caught:
        run(mock(handler), lambda c: c.add_product("Doliprane", ref="3400930000000"))
    assert sent == [("POST", "/api/product/add")]  # no GET, no second POST, no redirect followed
    if status == 301:
        assert "redirected (HTTP 301) unexpectedly" in str(caught.value)


def test_product_add_works_on_a_strict_sandbox_with_post(make) -> None:
    for mode in ("get", "post"):
        new_id, _c = on(make(monitorize_method=mode), lambda c: c.add_product("Produit strict"))
        assert new_id.isdigit()


# --- redirects ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("slash,status,mode", [
    ("add", 301, "post"), ("add", 308, "get"), ("strip", 302, "post"), ("strip", 303, "any"), ("add", 307, "post"),
])
def test_reads_follow_a_redirect_on_the_same_host_keeping_their_method(make, catalogue, baseline, slash, status,
                                                                       mode) -> None:
    sb = make(monitorize_trailing_slash=slash, monitorize_redirect_status=status, monitorize_method=mode)
    redirects = stat(sb, "redirects")
    result, client = on(sb, everything(catalogue))
    assert result == baseline
    # every read was redirected once ("add": all our paths but list/ lack the slash, 9 reads; "strip":
    # only list/ has one); on a POST-only server the first GET of each endpoint was redirected too
    # (the web server redirects before PHP refuses the method)
    endpoints = 4 if slash == "add" else 1
    expected = (9 if slash == "add" else 1) + (endpoints if mode == "post" else 0)
    assert stat(sb, "redirects") - redirects == expected
    if mode == "post":  # a POST redirected even by 301/302 stays a POST, as cURL does with CUSTOMREQUEST
        assert set(client.methods.values()) == {"POST"}


@pytest.mark.parametrize("location,words", [
    ("https://evil.example/api/product/list/allOffers", "https://evil.example: another address"),
    ("http://www.monitorize.example/api/product/list/allOffers", "plain HTTP"),
    ("https://www.monitorize.example:8443/api/product/list/allOffers", ":8443: another address"),
    ("//monitorize.example/api/product/list/allOffers", "https://monitorize.example: another address"),
])
def test_a_redirect_elsewhere_is_refused_and_the_key_goes_nowhere_else(location, words) -> None:
    sent: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(301, headers={"Location": location})

    with pytest.raises(BadResponseError) as caught:
        run(mock(handler), lambda c: c.all_offers())
    message = str(caught.value)
    assert message.startswith("Monitorize: GET /api/product/list/allOffers was redirected (HTTP 301) to ")
    assert words in message and "not followed" in message and KEY not in message
    assert [r.url.host for r in sent] == ["www.monitorize.example"]
    assert all(r.url.scheme == "https" and r.url.port is None for r in sent)


def test_a_relative_redirect_is_followed_and_a_loop_or_no_location_is_an_error() -> None:
    sent: list[str] = []

    def relative(request: httpx.Request) -> httpx.Response:
        sent.append(f"{request.method} {request.url}")
        if request.url.path.endswith("/"):
            assert request.headers["Apitoken"] == KEY
            return httpx.Response(200, json=[])
        return httpx.Response(308, headers={"Location": "allOffers/"})

    assert run(mock(relative), lambda c: c.all_offers()) == []
    assert sent == ["GET https://www.monitorize.example/api/product/list/allOffers",
                    "GET https://www.monitorize.example/api/product/list/allOffers/"]

    loops: list[str] = []

    def loop(request: httpx.Request) -> httpx.Response:
        loops.append(request.url.path)
        return httpx.Response(302, headers={"Location": "/api/alerts/" if len(loops) % 2 else "/api/alerts"})

    with pytest.raises(BadResponseError, match=f"redirected more than {MAX_REDIRECTS} times"):
        run(mock(loop), lambda c: c.alerts())
    assert len(loops) == MAX_REDIRECTS + 1

    with pytest.raises(BadResponseError, match="without saying where"):
        run(mock(lambda r: httpx.Response(301)), lambda c: c.products())


# --- the announced rename of the history fields -----------------------------------------------------

TODAY = {"site2.com": {"idTab": "site2", "nom": "Produit 1", "url": "https://www.site2.com/produit1", "data": [
    {"date": "2019-03-25", "prix": "59.95", "stock": "En stock", "stockT": "1", "promotion": "Promo !",
     "prixBarre": "64.50"},
    {"date": "2020-02-20", "prix": "58", "stock": "Inconnu", "stockT": "2", "promotion": None, "prixBarre": None}]}}
RENAMED = {"site2.com": {"idTab": "site2", "nom": "Produit 1", "url": "https://www.site2.com/produit1", "data": [
    {"date": "2019-03-25", "prix": 59.95, "stock": 1, "stockLabel": "En stock", "promo": "Promo !",
     "prixBarre": 64.5},
    {"date": "2020-02-20", "prix": 58, "stock": 2, "stockLabel": "Inconnu", "promo": None, "prixBarre": 0}]}}


def test_history_reads_the_list_names_the_doc_announces_as_it_reads_todays() -> None:
    import json

    from pricelookup.services.decode import loads

    today, renamed = (parse_history(loads(json.dumps(body).encode())) for body in (TODAY, RENAMED))
    assert today == renamed
    first = renamed[0]
    assert (first.date, first.price, first.stock, first.stock_label, first.promo, first.strike_price) == (
        date(2019, 3, 25), Decimal("59.95"), 1, "En stock", "Promo !", Decimal("64.50"))
    # the two losses the issue names: promotion and stock were gone, and the label read "1"
    assert renamed[1].stock == 2 and renamed[1].stock_label == "Inconnu" and renamed[1].strike_price is None
    # a point with neither companion field: a number is the code, text the label
    (code_only,) = parse_history({"s": {"data": [{"date": "2020-01-01", "stock": "3"}]}})
    (label_only,) = parse_history({"s": {"data": [{"date": "2020-01-01", "stock": "Rupture"}]}})
    assert (code_only.stock, code_only.stock_label) == (3, None)
    assert (label_only.stock, label_only.stock_label) == (None, "Rupture")


def test_history_from_a_sandbox_using_the_list_names_is_the_same(make, catalogue, baseline) -> None:
    items = matched(catalogue)

    async def both(c: MonitorizeClient) -> tuple[Any, Any]:
        return ([await c.history(str(m.id)) for m in items], [await c.history_ref(m.ref) for m in items])

    (history, by_ref), _c = on(make(monitorize_history_fields="list"), both)
    assert history == baseline[3] and by_ref == baseline[4]
    points = [p for h in history for p in h]
    assert any(p.promo for p in points) and {p.stock for p in points} <= {1, 2, 3}
    assert all(p.stock_label in ("En stock", "Inconnu", "Rupture de stock") for p in points)


# --- the whole-account lists wait longer -------------------------------------------------------------


def test_the_full_lists_are_sent_with_their_own_read_timeout_the_others_with_the_policys() -> None:
    timeouts: dict[str, float] = {}

    def handler(request: httpx.Request) -> httpx.Response:
        timeouts[request.url.path] = request.extensions["timeout"]["read"]
        return httpx.Response(200, json=[] if "history" not in request.url.path else {})

    async def flow(c: MonitorizeClient) -> None:
        await c.all_offers()
        await c.lowest_offers()
        await c.products()
        await c.history("1")
        await c.alerts()

    run(mock(handler, read_timeout=30.0), flow)
    assert timeouts == {"/api/product/list/allOffers": FULL_LIST_READ_TIMEOUT,
                        "/api/product/list/lowestOffers": FULL_LIST_READ_TIMEOUT,
                        "/api/product/list/": 30.0, "/api/product/history/1": 30.0, "/api/alerts": 30.0}
    # minutes, as a large account needs; and the deadline leaves room for a retry after a full wait
    assert FULL_LIST_READ_TIMEOUT >= 300 and FULL_LIST_DEADLINE >= 2 * FULL_LIST_READ_TIMEOUT


def test_a_timed_out_full_list_says_how_long_it_waited() -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(ServiceUnavailableError, match=f"no answer within {FULL_LIST_READ_TIMEOUT:.0f} s"):
        run(mock(handler, max_attempts=1), lambda c: c.all_offers())
    with pytest.raises(ServiceUnavailableError, match="no answer within 30 s"):
        run(mock(handler, max_attempts=1, read_timeout=30.0), lambda c: c.products())


def test_the_full_lists_have_their_own_deadline() -> None:
    """A first try that timed out after 100 s: past a 50 s policy deadline a small call gives up,
    a full list (its own deadline) asks again and gets its answer."""
    clock = FakeClock()

    def make_client() -> MonitorizeClient:
        calls = {"n": 0}

        def handler(request: httpx.Request) -> httpx.Response:
            calls["n"] += 1
            if calls["n"] == 1:
                clock.now += 100.0  # the read timeout ran out after a long wait
                raise httpx.ReadTimeout("slow", request=request)
            return httpx.Response(200, json=[])

        policy = HttpPolicy(clock=clock, sleep=clock.sleep, deadline=50.0, backoff_base=0.01, backoff_cap=0.01)
        return MonitorizeClient("https://www.monitorize.example", KEY, transport=httpx.MockTransport(handler),
                                policy=policy)

    with pytest.raises(ServiceUnavailableError):
        run(make_client(), lambda c: c.products())
    assert run(make_client(), lambda c: c.all_offers()) == []


def test_a_slow_full_list_over_http_outlasts_the_policys_read_timeout(make) -> None:
    from faultproxy import FaultProxy

    sb = make()
    plan = lambda method, path, n: "late"  # noqa: E731 - every answer comes late
    with FaultProxy(sb.url, plan, late_seconds=0.6) as proxy:
        async def flow(c: MonitorizeClient) -> tuple[Any, BaseException | None]:
            offers = await c.all_offers()
            try:
                await c.products()
            except ServiceUnavailableError as exc:
                return offers, exc
            return offers, None

        async def main() -> tuple[Any, BaseException | None]:
            policy = fast_policy(read_timeout=0.2, deadline=0.4, max_attempts=1)
            async with MonitorizeClient(f"{proxy.url}/monitorize", KEY, policy=policy,
                                        full_list_read_timeout=10.0, full_list_deadline=20.0) as c:
                return await flow(c)

        offers, error = asyncio.run(main())
        time.sleep(0.6)  # the proxy finishes its late answer to the call that gave up
    assert [m for m, _p, _a in proxy.seen] == ["GET", "GET"]
    assert len(offers) == 300  # 0.6 s late, past the policy's 0.2 s timeout and 0.4 s deadline: still read
    assert isinstance(error, ServiceUnavailableError)  # the small call keeps the small timeout
