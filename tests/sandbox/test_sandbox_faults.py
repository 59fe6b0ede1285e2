"""Faults: every kind on purpose, the random share, and the counts in the stats."""

from __future__ import annotations

import contextlib
import time
from email.utils import parsedate_to_datetime

import httpx
import pytest

from pricelookup.sandbox import data
from pricelookup.services.client import tls_context

TOKEN = "test-token"
MON = {"Apitoken": "k"}


@pytest.mark.parametrize(("kind", "status"), [("http_500", 500), ("http_502_html", 502), ("http_503_html", 503)])
def test_5xx_faults_answer_html_pages(sandbox, client, kind, status) -> None:
    sandbox.inject("monitorize", "GET", "/api/product/list", kind, count=1)
    r = client.get("/monitorize/api/product/list/", headers=MON)
    assert r.status_code == status
    assert r.headers["content-type"].startswith("text/html") and r.text.lstrip().startswith("<html>")
    assert client.get("/monitorize/api/product/list/", headers=MON).status_code == 200  # count=1: once only
    stats = sandbox.stats()["monitorize"]
    assert stats["faults_injected"] == 1 and stats["faults_by_kind"] == {kind: 1}


def test_429_with_retry_after_in_seconds_and_as_an_http_date(sandbox, client) -> None:
    sandbox.inject("priceapi", "GET", "/v2/me", "http_429_seconds")
    sandbox.inject("priceapi", "GET", "/v2/me", "http_429_date")
    first = client.get("/priceapi/v2/me/usage_today", params={"token": TOKEN})
    second = client.get("/priceapi/v2/me/usage_today", params={"token": TOKEN})
    assert first.status_code == second.status_code == 429
    assert first.headers["Retry-After"] == "1"
    when = parsedate_to_datetime(second.headers["Retry-After"])
    assert 0 < when.timestamp() - time.time() <= 3
    assert client.get("/priceapi/v2/me/usage_today", params={"token": TOKEN}).status_code == 200


def test_added_latency(sandbox, client) -> None:
    sandbox.configure(latency_seconds=0.3)
    sandbox.inject("officiscan", "*", "/v1", "latency")
    t0 = time.perf_counter()
    r = client.get("/officiscan/v1/snapshots", params={"ean": "3401351277399"}, headers={"Authorization": "Bearer oc"})
    assert r.status_code == 200 and time.perf_counter() - t0 >= 0.05


def test_connection_reset_mid_body(sandbox, client) -> None:
    sandbox.inject("snipcart", "GET", "/api/products", "reset_mid_body")
    with pytest.raises(httpx.TransportError):
        client.get("/snipcart/api/products", auth=("k", ""), headers={"Accept": "application/json"})
    r = client.get("/snipcart/api/products", auth=("k", ""), headers={"Accept": "application/json"})
    assert r.status_code == 200  # the next connection works


def test_reset_after_body_on_post_jobs_creates_the_job_but_loses_the_answer(sandbox, client, form) -> None:
    sandbox.inject("priceapi", "POST", "/jobs", "reset_after_body")
    with pytest.raises(httpx.TransportError):
        client.post("/priceapi/jobs", data=form(["3401351277399"]))
    stats = sandbox.stats()["priceapi"]
    assert stats["jobs_created"] == 1 and stats["values_submitted"] == 1  # it WAS created
    assert stats["faults_by_kind"] == {"reset_after_body": 1}


def test_slow_body_arrives_complete_but_slowly(sandbox, client) -> None:
    sandbox.configure(slow_body_seconds=0.5)
    sandbox.inject("monitorize", "*", "/api/alerts", "slow_body")
    t0 = time.perf_counter()
    r = client.get("/monitorize/api/alerts", headers=MON)
    assert time.perf_counter() - t0 >= 0.45
    assert r.status_code == 200 and len(r.json()) >= 10


def test_stuck_at_100_holds_a_job_at_working_100(sandbox, client, form, wait, warp) -> None:
    sandbox.configure(stuck_seconds=1.5)
    sandbox.inject("priceapi", "POST", "/jobs", "stuck_at_100")
    stuck = client.post("/priceapi/jobs", data=form(["3401351277399"])).json()["job_id"]
    normal = client.post("/priceapi/jobs", data=form(["3401351277398"])).json()["job_id"]
    wait(client, normal)
    warp.skip(0.3)
    s = client.get(f"/priceapi/jobs/{stuck}", params={"token": TOKEN}).json()
    assert (s["status"], s["progress"]) == ("working", 100)
    seen = wait(client, stuck)
    assert sum(1 for x in seen if (x["status"], x["progress"]) == ("working", 100)) >= 5


def test_random_faults_are_seeded_counted_and_never_make_a_job_post_uncertain(make_sandbox, form) -> None:
    sb = make_sandbox(faults=1.0, latency_seconds=0.06, slow_body_seconds=0.05, retry_after_seconds=1)
    created = 0
    with httpx.Client(verify=tls_context(trust_env=False), base_url=sb.url, timeout=10) as c:
        for i in range(60):
            r = c.post("/priceapi/jobs", data=form([data.make_code("400", "rf", i)]))  # never a reset
            created += r.status_code == 200
        for _ in range(60):
            with contextlib.suppress(httpx.TransportError):
                c.get("/monitorize/api/product/list", headers=MON)
    stats = sb.stats()
    assert stats["priceapi"]["jobs_created"] == created > 0
    kinds = stats["priceapi"]["faults_by_kind"]
    assert set(kinds) <= {"latency", "http_500", "http_502_html", "http_503_html", "http_429_seconds",
                          "http_429_date", "stuck_at_100"}
    assert stats["priceapi"]["faults_injected"] == 60
    assert {"reset_mid_body", "slow_body"} & set(stats["monitorize"]["faults_by_kind"])

    def kinds_for(seed: int) -> dict[str, int]:
        s = make_sandbox(faults=0.3, seed=seed, latency_seconds=0.06)
        with httpx.Client(verify=tls_context(trust_env=False), base_url=s.url, timeout=10) as c:
            for _ in range(40):
                with contextlib.suppress(httpx.TransportError):  # GETs may get random resets
                    c.get("/priceapi/v2/me/usage_today", params={"token": TOKEN})
        return s.stats()["priceapi"]["faults_by_kind"]

    assert kinds_for(7) == kinds_for(7)  # seeded
    assert 0 < sum(kinds_for(7).values()) < 40


def test_control_endpoints_steer_a_sandbox_in_another_process(sandbox, client) -> None:
    r = client.post("/_sandbox/inject", json={"service": "snipcart", "method": "GET", "path_prefix": "/api",
                                              "kind": "http_503_html", "count": 2})
    assert r.json() == {"ok": True, "pending": 2}
    assert client.post("/_sandbox/configure", json={"daily_quota": 7}).json()["config"]["daily_quota"] == 7
    assert client.get("/priceapi/v2/me/usage_today", params={"token": TOKEN}).json()["usage"]["quota"] == 7
    assert client.post("/_sandbox/configure", json={"no_such": 1}).status_code == 400
    assert client.post("/_sandbox/inject", json={"service": "x", "kind": "http_500"}).status_code == 400
    codes = [client.get("/snipcart/api/products", auth=("k", ""), headers={"Accept": "application/json"}).status_code
             for _ in range(3)]
    assert codes == [503, 503, 200]
