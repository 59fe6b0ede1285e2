"""The four clients against the sandbox over real loopback HTTP.

Every fault kind the sandbox can inject is either survived (retried to a good
answer) or reported as the right error; the sandbox's own request counters
prove that nothing was sent more often than it should be (a 401 once, a job
whose POST may have arrived never twice).

Time: the sandbox's jobs and the clients' waits (backoff, Retry-After, pacing) run on
the module's warp clock, so they pass at once; each request still goes over HTTP.
"""

from __future__ import annotations

import asyncio
import base64
import logging
import traceback
import uuid
from collections.abc import Awaitable, Callable, Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any
from urllib.parse import quote, quote_plus

import pytest

from pricelookup.errors import (
    AuthenticationError,
    NotFoundError,
    PriceLookupError,
    RequestRejectedError,
    ServiceUnavailableError,
)
from pricelookup.records import PriceApiResults
from pricelookup.redaction import RedactingFilter
from pricelookup.sandbox import SandboxConfig
from pricelookup.sandbox.data import Catalogue, priceapi_outcome, priceapi_product
from pricelookup.services import officiscan
from pricelookup.services.http import HttpPolicy
from pricelookup.services.monitorize import MonitorizeClient
from pricelookup.services.officiscan import OfficiscanClient
from pricelookup.services.priceapi import JobNotFinished, JobSubmissionUncertain, PriceApiClient
from pricelookup.services.snipcart import SnipcartClient
from warpclock import WarpClock, serve_sandbox

SEED = 3
GTINS = ["03401351277399", "04006381333931", "00885909666966", "03400930000120", "05901234123457",
         "00012345678905"]

CLIENTS: dict[str, type] = {"priceapi": PriceApiClient, "officiscan": OfficiscanClient,
                            "monitorize": MonitorizeClient, "snipcart": SnipcartClient}

#: the clock of the module's sandboxes and clients
WARP = WarpClock()


@pytest.fixture(scope="module")
def sb(catalogue: Catalogue) -> Iterator[Any]:
    """One sandbox for the module: quick jobs, no random faults, 1 s Retry-After."""
    s = serve_sandbox(SandboxConfig(job_seconds=0.4, parallel_jobs=4, faults=0.0, seed=SEED, officiscan_rate=200.0,
                                    retry_after_seconds=1), clock=WARP, catalogue=catalogue)
    yield s
    s.stop()


def fast_policy(**kw: Any) -> HttpPolicy:
    """Short backoff, on the warp clock: the waits of retries and Retry-After pass at once."""
    kw.setdefault("backoff_base", 0.01)
    kw.setdefault("backoff_cap", 0.05)
    kw.setdefault("retry_after_cap", 10.0)
    kw.setdefault("read_timeout", 5.0)
    return HttpPolicy(clock=WARP, sleep=WARP.sleep, **kw)


def client(sb: Any, service: str, key: str = "test-key-0123456789", **policy_kw: Any) -> Any:
    key = ("oc_" + key) if service == "officiscan" and key != "invalid" else key
    return CLIENTS[service](f"{sb.url}/{service}", key, policy=fast_policy(**policy_kw))


def use(sb: Any, service: str, call: Callable[[Any], Awaitable[Any]], **kw: Any) -> Any:
    async def main() -> Any:
        async with client(sb, service, **kw) as c:
            return await call(c)

    return asyncio.run(main())


def delta(sb: Any, service: str, action: Callable[[], Any]) -> tuple[Any, dict[str, int]]:
    """Run ``action``; return its result (or exception) and the change of the service's stats."""
    before = dict(sb.stats()[service])
    try:
        result: Any = action()
    except Exception as exc:  # the caller inspects it
        result = exc
    after = sb.stats()[service]
    return result, {k: v - before.get(k, 0) for k, v in after.items() if isinstance(v, int)}


async def wait_finished(c: PriceApiClient, job_id: str, timeout: float = 20.0) -> None:
    t0 = WARP()
    while WARP() - t0 < timeout:
        if (await c.job_status(job_id)).status == "finished":
            return
        await WARP.sleep(0.1)
    raise AssertionError("job did not finish")


# --- the normal path, service by service ---------------------------------------------------------


def test_priceapi_job_end_to_end_matches_the_sandbox_predictions(sb):
    async def flow(c: PriceApiClient) -> tuple[Any, PriceApiResults, Any]:
        job = await c.create_job(source="google-shopping", country="fr", key="gtin", values=GTINS)
        await wait_finished(c, job.job_id)
        return job, await c.results(job.job_id), await c.usage_today()

    (job, results, usage), d = delta(sb, "priceapi", lambda: use(sb, "priceapi", flow))
    assert job.requested == len(GTINS) and d["jobs_created"] == 1
    by_value = {p.value: p for p in results.products}
    assert set(by_value) == set(GTINS)
    for gtin, product in by_value.items():
        expected = priceapi_outcome(gtin, SEED)
        assert (product.success, product.reason) == ((True, None) if expected == "found" else (False, expected))
        for offer in product.offers:
            assert offer.price is None or isinstance(offer.price, Decimal)
        # eans as the answer lists them (not derived from gtins); relevance as sent (none for gtin)
        sent = priceapi_product(gtin, SEED)
        assert product.eans == tuple(sent.get("eans") or ())  # type: ignore[arg-type]
        assert product.relevance is None and sent.get("relevance") is None
    assert any(p.eans for p in by_value.values())
    assert usage.credits >= results.paid_credits + results.free_credits
    month = use(sb, "priceapi", lambda c: c.usage_month())
    assert month and month[-1].date == usage.date


def test_officiscan_snapshots_all_pages_and_variants(sb, catalogue):
    item = next(o for o in catalogue.officiscan if o.variants)
    snaps = use(sb, "officiscan", lambda c: c.snapshots(item.ean13, days=90))
    assert snaps and all(s.ean13 in (item.ean13, None) for s in snaps)
    assert len({s.id for s in snaps}) == len(snaps)  # pages stitched, nothing twice
    assert len({s.network for s in snaps}) >= 2
    assert all(s.price_current is None or isinstance(s.price_current, Decimal) for s in snaps)
    # the parent says so on its snapshots, and its id is the one the variants endpoint takes
    assert {(s.product_id, s.has_variants) for s in snaps} == {(item.product_id, True)}
    variants = use(sb, "officiscan", lambda c: c.variants(item.product_id))
    assert len(variants.items) == item.variants and not variants.unknown_parent
    # a variant's own id is no parent's: told apart from "no variants"
    other = next(v for v in variants.items if not v.is_default)
    assert use(sb, "officiscan", lambda c: c.variants(other.id)).unknown_parent
    assert use(sb, "officiscan", lambda c: c.snapshots("3401999999990")) == []


def test_monitorize_lists_history_add_and_alerts(sb, catalogue):
    async def flow(c: MonitorizeClient) -> tuple[Any, ...]:
        return (await c.products(), await c.all_offers(), await c.lowest_offers(), await c.alerts(),
                await c.add_product("Produit de test", ref="3401000000001"))

    products, offers, lowest, alerts, new_id = use(sb, "monitorize", flow)
    assert len(products) == len(offers) >= len(catalogue.monitorize)
    assert new_id.isdigit()
    matched = next(p for p in offers if p.offers and p.ref and p.ref.isdigit())
    assert all(o.strike_price is None or o.strike_price > 0 for p in offers for o in p.offers)
    assert all(o.stock in (1, 2, 3) for p in offers for o in p.offers)
    assert all(o.stock != 3 for p in lowest for o in p.offers)  # out of stock never the lowest
    history = use(sb, "monitorize", lambda c: c.history(matched.id))
    by_ref = use(sb, "monitorize", lambda c: c.history_ref(matched.ref))
    assert history and history == by_ref
    assert all(isinstance(p.price, Decimal) for p in history)
    assert isinstance(alerts, list)
    with pytest.raises(NotFoundError, match="Monitorize"):
        use(sb, "monitorize", lambda c: c.history_ref("NO-SUCH-REF-42"))


def test_snipcart_catalogue_all_pages_and_by_id(sb, catalogue):
    products = use(sb, "snipcart", lambda c: c.products(page_size=100))
    assert len(products) == len(catalogue.snipcart)
    assert len({p.id for p in products}) == len(products)
    one = use(sb, "snipcart", lambda c: c.product(products[3].id))
    assert one.id == products[3].id and one.price == products[3].price


def test_localhost_spelling_of_the_sandbox_also_works(sb):
    url = sb.url.replace("127.0.0.1", "localhost")

    async def main() -> Any:
        async with SnipcartClient(f"{url}/snipcart", "k", policy=fast_policy()) as c:
            return await c.product(( await c.products(page_size=5))[0].id)

    assert asyncio.run(main()).id


# --- faults -----------------------------------------------------------------------------------------

SURVIVABLE = ["http_500", "http_502_html", "http_503_html", "http_429_seconds", "http_429_date",
              "reset_mid_body", "reset_after_body", "latency", "slow_body"]


@pytest.mark.parametrize("kind", SURVIVABLE)
def test_each_fault_on_a_read_is_survived(sb, kind):
    sb.inject("priceapi", "GET", "/v2/me/usage_today", kind=kind, count=1)
    t0 = WARP()
    usage, d = delta(sb, "priceapi", lambda: use(sb, "priceapi", lambda c: c.usage_today()))
    assert not isinstance(usage, Exception), usage
    assert usage.quota is not None
    assert d["faults_injected"] == 1
    retried = kind not in ("latency", "slow_body")
    assert d["requests"] == (2 if retried else 1)
    if kind.startswith("http_429"):
        assert WARP() - t0 >= 0.9  # Retry-After (1 s; the date form rounds up) was waited


@pytest.mark.parametrize("service,method,path,call", [
    ("officiscan", "GET", "/v1/snapshots", lambda c: c.snapshots("3401351277399")),
    ("monitorize", "*", "/api/product/list/allOffers", lambda c: c.all_offers()),
    ("snipcart", "GET", "/api/products", lambda c: c.products(page_size=200)),
    ("priceapi", "GET", "/products/bulk", None),
])
def test_html_error_pages_and_resets_are_survived_by_every_client(sb, service, method, path, call):
    if call is None:  # results of a finished job, with the download reset mid-body first
        async def flow(c: PriceApiClient) -> Any:
            job = await c.create_job(source="google-shopping", country="fr", key="gtin", values=GTINS[:2])
            await wait_finished(c, job.job_id)
            sb.inject("priceapi", "GET", path, kind="http_503_html", count=1)
            sb.inject("priceapi", "GET", path, kind="reset_mid_body", count=1)
            return await c.results(job.job_id)

        result, d = delta(sb, service, lambda: use(sb, service, flow))
        assert len(result.products) == 2
    else:
        sb.inject(service, method, path, kind="http_502_html", count=1)
        sb.inject(service, method, path, kind="reset_mid_body", count=1)
        result, d = delta(sb, service, lambda: use(sb, service, call))
        assert not isinstance(result, Exception), result
    assert d["faults_injected"] == 2


def test_job_stuck_at_100_is_reported_as_not_finished_until_it_finishes(sb):
    sb.inject("priceapi", "POST", "/jobs", kind="stuck_at_100", count=1)

    async def flow(c: PriceApiClient) -> tuple[Any, Exception | None, PriceApiResults]:
        job = await c.create_job(source="google-shopping", country="fr", key="gtin", values=GTINS[:2])
        t0 = WARP()
        status = await c.job_status(job.job_id)
        while status.progress < 100 and WARP() - t0 < 10:
            await WARP.sleep(0.05)
            status = await c.job_status(job.job_id)
        early: Exception | None = None
        try:
            await c.results(job.job_id)
        except JobNotFinished as exc:
            early = exc
        await wait_finished(c, job.job_id)
        return status, early, await c.results(job.job_id)

    status, early, results = use(sb, "priceapi", flow)
    assert (status.status, status.progress) == ("working", 100)  # 100 is not finished
    assert isinstance(early, JobNotFinished) and "job not finished" in str(early)
    assert len(results.products) == 2


def test_persistent_503_is_reported_after_the_retry_budget(sb):
    sb.inject("priceapi", "GET", "/v2/me/usage_month", kind="http_503_html", count=4)
    err, d = delta(sb, "priceapi", lambda: use(sb, "priceapi", lambda c: c.usage_month(), max_attempts=3,
                                              retry_after_cap=0.5))
    # the sandbox's 503 says Retry-After: 1, above this policy's cap: the call ends at once
    assert isinstance(err, ServiceUnavailableError), err
    assert d["requests"] == 1
    err, d = delta(sb, "priceapi", lambda: use(sb, "priceapi", lambda c: c.usage_month(), max_attempts=3))
    assert isinstance(err, ServiceUnavailableError), err
    assert "503" in str(err) and "try again later" in str(err) and "error page" in str(err)
    assert d["requests"] == 3 and d["faults_injected"] == 3


def test_reset_after_post_jobs_is_uncertain_and_never_resent(sb):
    sb.inject("priceapi", "POST", "/jobs", kind="reset_after_body", count=1)
    values = ["03401351277399", "04006381333931", "00885909666966"]
    err, d = delta(sb, "priceapi", lambda: use(sb, "priceapi", lambda c: c.create_job(
        source="google-shopping", country="fr", key="gtin", values=values)))
    assert isinstance(err, JobSubmissionUncertain), err
    assert err.values == tuple(values)
    assert d["jobs_created"] == 1  # the sandbox did create it...
    assert d["requests"] == 1  # ...and it was not sent a second time


@pytest.mark.parametrize("kind", ["http_429_seconds", "http_429_date", "priceapi_throttled", "priceapi_500_reason"])
def test_refused_post_jobs_is_retried_and_created_once(sb, kind):
    """A 429 (any body), or a 5xx with PriceAPI's own error body, says the job was not created."""
    sb.inject("priceapi", "POST", "/jobs", kind=kind, count=1)
    job, d = delta(sb, "priceapi", lambda: use(sb, "priceapi", lambda c: c.create_job(
        source="google-shopping", country="fr", key="gtin", values=GTINS[:2])))
    assert not isinstance(job, Exception), job
    assert d["requests"] == 2 and d["jobs_created"] == 1


@pytest.mark.parametrize("kind", ["gateway_504", "http_500", "http_502_html", "http_503_html"])
def test_bare_5xx_on_post_jobs_is_uncertain_and_never_resent(sb, kind):
    """A gateway's 504 may come after the job was created (gateway_504 does create it): a bare
    5xx page on POST /jobs is never answered by sending the job again."""
    sb.inject("priceapi", "POST", "/jobs", kind=kind, count=1)
    err, d = delta(sb, "priceapi", lambda: use(sb, "priceapi", lambda c: c.create_job(
        source="google-shopping", country="fr", key="gtin", values=GTINS[:2])))
    assert isinstance(err, JobSubmissionUncertain), err
    assert f"HTTP {kind[-3:] if kind.startswith('gateway') else kind[5:8]}" in str(err)
    assert d["requests"] == 1
    assert d["jobs_created"] == (1 if kind == "gateway_504" else 0)


@pytest.mark.parametrize("service,call", [
    ("priceapi", lambda c: c.usage_today()),
    ("priceapi", lambda c: c.create_job(source="google-shopping", country="fr", key="gtin", values=GTINS[:1])),
    ("officiscan", lambda c: c.snapshots("3401351277399")),
    ("monitorize", lambda c: c.all_offers()),
    ("snipcart", lambda c: c.products()),
])
def test_401_stops_at_once_without_retries(sb, service, call):
    err, d = delta(sb, service, lambda: use(sb, service, call, key="invalid"))
    assert isinstance(err, AuthenticationError), err
    assert d["requests"] == 1
    assert "Settings > Keys" in str(err)
    assert str(err).startswith({"priceapi": "PriceAPI", "officiscan": "OfficiScan", "monitorize": "Monitorize",
                                "snipcart": "Snipcart"}[service])


def test_priceapi_request_level_errors_from_the_sandbox(sb):
    err, d = delta(sb, "priceapi", lambda: use(sb, "priceapi", lambda c: c.create_job(
        source="google-shopping", country="zz", key="gtin", values=GTINS[:1])))
    assert isinstance(err, RequestRejectedError) and "unsupported country" in str(err)
    assert d["requests"] == 1 and d["jobs_created"] == 0
    err = use_exc(sb, lambda c: c.job_status("0123456789abcdef01234567"))
    assert isinstance(err, NotFoundError) and "job not found" in str(err)


def use_exc(sb: Any, call: Callable[[Any], Awaitable[Any]]) -> Exception | Any:
    try:
        return use(sb, "priceapi", call)
    except Exception as exc:
        return exc


def test_quota_exceeded_is_reported(catalogue):
    from pricelookup.errors import QuotaExceededError

    small = serve_sandbox(SandboxConfig(job_seconds=0.2, daily_quota=1, seed=SEED), clock=WARP, catalogue=catalogue)
    try:
        async def flow(c: PriceApiClient) -> None:
            job = await c.create_job(source="google-shopping", country="fr", key="gtin", values=GTINS)
            await wait_finished(c, job.job_id)
            await c.create_job(source="google-shopping", country="fr", key="gtin", values=GTINS)

        with pytest.raises(QuotaExceededError, match="daily quota"):
            use(small, "priceapi", flow)
    finally:
        small.stop()


@pytest.mark.slow
def test_officiscan_rate_limit_slows_the_client_down_and_it_recovers(sb, catalogue):
    eans = [o.ean13 for o in catalogue.officiscan[:40]]
    # a short slow-down step keeps the test quick; the shape (x2 per event, /2 per success) is the same
    policy = fast_policy(max_concurrency=6, initial_window=6, min_interval=0.0, slowdown_base=0.2)
    host = sb.url

    async def main() -> tuple[list[Any], Any, Any]:
        async with OfficiscanClient(f"{sb.url}/officiscan", "oc_rate-test-key", policy=policy) as c:
            sb.configure(officiscan_rate=15.0)
            try:
                burst = await asyncio.gather(*(c.snapshots(e, days=1) for e in eans))
            finally:
                sb.configure(officiscan_rate=200.0)
            slowed = policy.rate.snapshot(host)
            for e in eans[:12]:  # the limit is gone: every answer is a success
                await c.snapshots(e, days=1)
            return burst, slowed, policy.rate.snapshot(host)

    out, d = delta(sb, "officiscan", lambda: asyncio.run(main()))
    assert not isinstance(out, Exception), out
    results, slowed, recovered = out
    assert len(results) == len(eans)
    assert d["rate_limited"] >= 1 and policy.stats["slowdowns"] >= 1 and slowed.slowdowns >= 1
    # it did not hammer: far fewer 429s than requests (one slow-down per congestion event)
    assert d["rate_limited"] < d["requests"] / 2
    # ...and successes brought the pace back: no delay between requests, the window open again
    assert recovered.delay == 0.0
    assert recovered.window >= min(6.0, slowed.window + 1)


# --- the planted key ------------------------------------------------------------------------------


def test_planted_key_never_reaches_logs_or_messages(sb, tmp_path: Path):
    planted = f"PLANTED{uuid.uuid4().hex}KEY"
    forms = {planted, quote(planted, safe=""), quote_plus(planted),
             base64.b64encode(f"{planted}:".encode()).decode().rstrip("="),
             base64.b64encode(f"oc_{planted}".encode()).decode().rstrip("=")}
    log_file = tmp_path / "debug.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())  # as logsetup installs it; not even told the key
    handler.setLevel(logging.DEBUG)
    root = logging.getLogger()
    old_level = root.level
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    for name in ("httpx", "httpcore", "pricelookup"):
        logging.getLogger(name).setLevel(logging.DEBUG)
    texts: list[str] = []

    def record(exc: BaseException) -> None:
        texts.append(str(exc))
        texts.append(repr(exc))
        texts.append("".join(traceback.format_exception(exc)))
        logging.getLogger("pricelookup.test").exception("run failed: %s", exc, exc_info=exc)

    async def run_everything() -> None:
        pa = PriceApiClient(f"{sb.url}/priceapi", planted, policy=fast_policy(max_attempts=2))
        oc = OfficiscanClient(f"{sb.url}/officiscan", f"oc_{planted}", policy=fast_policy(max_attempts=2))
        mo = MonitorizeClient(f"{sb.url}/monitorize", planted, policy=fast_policy(max_attempts=2))
        sn = SnipcartClient(f"{sb.url}/snipcart", planted, policy=fast_policy(max_attempts=2))
        texts.extend([repr(pa), repr(oc), repr(mo), repr(sn)])
        sb.inject("priceapi", "GET", "/v2/me/usage_today", kind="http_429_seconds", count=1)
        sb.inject("priceapi", "GET", "/jobs/", kind="reset_mid_body", count=1)
        sb.inject("officiscan", "GET", "/v1/snapshots", kind="http_500", count=1)
        sb.inject("monitorize", "*", "/api/product/list/allOffers", kind="http_503_html", count=5)
        sb.inject("snipcart", "GET", "/api/products", kind="reset_mid_body", count=1)
        calls: list[Callable[[], Awaitable[Any]]] = [
            lambda: pa.usage_today(),
            lambda: pa.usage_month(),
            lambda: pa.create_job(source="google-shopping", country="fr", key="gtin", values=GTINS[:3]),
            lambda: pa.job_status("ffffffffffffffffffffffff"),
            lambda: pa.results("ffffffffffffffffffffffff"),
            lambda: pa.create_job(source="nope", country="fr", key="gtin", values=GTINS[:1]),
            lambda: oc.snapshots("3401351277399", days=30),
            lambda: oc.snapshots("3401351277399", days=91),
            lambda: oc.variants(999999999),
            lambda: mo.all_offers(),
            lambda: mo.history_ref("NO-SUCH-REF"),
            lambda: sn.products(page_size=200),
            lambda: sn.product("no-such-product"),
        ]
        job = await pa.create_job(source="google-shopping", country="fr", key="gtin", values=GTINS[:2])
        calls.append(lambda: pa.job_status(job.job_id))
        calls.append(lambda: pa.results(job.job_id))  # probably "job not finished" yet
        sb.inject("priceapi", "POST", "/jobs", kind="reset_after_body", count=1)
        calls.append(lambda: pa.create_job(source="google-shopping", country="fr", key="gtin", values=GTINS[:2]))
        for call in calls:
            try:
                result = await call()
                texts.append(repr(result)[:5000])
            except PriceLookupError as exc:
                record(exc)
        for c in (pa, oc, mo, sn):
            await c.aclose()

    try:
        asyncio.run(run_everything())
    finally:
        root.removeHandler(handler)
        handler.close()
        root.setLevel(old_level)
    log_text = log_file.read_text(encoding="utf-8")
    # the test means something: requests were logged with their URLs, errors happened
    assert "HTTP Request: GET" in log_text and "[redacted]" in log_text
    assert sum("Error" in t for t in texts) >= 5
    everything = log_text + "\n".join(texts)
    for form in forms:
        assert form not in everything, f"a form of the key leaked: {form[:12]}..."
    assert "PLANTED" not in everything


def test_officiscan_starts_slow_and_finds_the_limit_it_was_never_told(sb, catalogue):
    """OfficiScan publishes no rate limit: the client starts at START_RATE, speeds up on good answers
    to its own ceiling, and a limit below that (here 4/s, which the client is not told) is found
    from the 429s, with few of them."""
    eans = [o.ean13 for o in catalogue.officiscan[:60]]
    policy = OfficiscanClient.paced_policy(clock=WARP, sleep=WARP.sleep, backoff_base=0.01, backoff_cap=0.05,
                                           slowdown_base=0.2)
    host = sb.url
    first = policy.rate.snapshot(host)
    assert first.delay == pytest.approx(1 / officiscan.START_RATE) and first.window == 1  # conservative start

    async def main() -> tuple[Any, Any, list[Any]]:
        async with OfficiscanClient(f"{sb.url}/officiscan", "oc_pace-test-key", policy=policy) as c:
            for e in eans[:8]:  # good answers: faster, up to our ceiling, never past it
                await c.snapshots(e, days=1)
            fast = policy.rate.snapshot(host)
            sb.configure(officiscan_rate=4.0)
            try:
                answers = await asyncio.gather(*(c.snapshots(e, days=1) for e in eans[8:]))
            finally:
                sb.configure(officiscan_rate=200.0)
            return fast, policy.rate.snapshot(host), answers

    out, d = delta(sb, "officiscan", lambda: asyncio.run(main()))
    assert not isinstance(out, Exception), out
    fast, limited, answers = out
    assert fast.delay == pytest.approx(1 / officiscan.MAX_RATE) and fast.window > 1
    assert len(answers) == len(eans) - 8  # every code answered in the end
    assert d["rate_limited"] >= 1 and limited.slowdowns >= 1  # the limit was met, and heeded
    assert d["rate_limited"] < d["requests"] / 3  # found without hammering


@pytest.mark.parametrize(("kind", "error", "words"), [
    ("priceapi_throttled", "RateLimitedError", "Job creation limit exceeded"),
    ("priceapi_500_reason", "ServiceUnavailableError", "the service says: “error”"),
])
def test_busy_with_priceapis_error_body_is_retried_and_ends_as_busy_not_refused(sb, kind, error, words):
    """The status decides before the body: PriceAPI's usual error body on a 429/5xx is asked again,
    and when the retries run out the error says "busy" (the body's words quoted), never "refused"
    (which would stop a run instead of waiting)."""
    sb.inject("priceapi", "GET", "/jobs/", kind=kind, count=2)
    job, d = delta(sb, "priceapi", lambda: use(sb, "priceapi", lambda c: c.job_status("no-such-job")))
    assert isinstance(job, NotFoundError), job  # the third try reached the sandbox: job not found
    assert d["faults_injected"] == 2
    sb.inject("priceapi", "GET", "/jobs/", kind=kind, count=5)
    err, _ = delta(sb, "priceapi", lambda: use(sb, "priceapi", lambda c: c.job_status("no-such-job")))
    assert type(err).__name__ == error and words in str(err), err
    assert not isinstance(err, RequestRejectedError)
