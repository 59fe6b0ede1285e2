"""The four clients' parsing and error mapping, on httpx.MockTransport.

Answers are the documentation's own examples (quirks included) plus the
variations scraped data brings; the sandbox tests cover the same clients over
real HTTP.
"""

from __future__ import annotations

import asyncio
import base64
import json
from datetime import UTC, date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import httpx
import pytest

from pricelookup.errors import (
    AuthenticationError,
    BadResponseError,
    NotFoundError,
    QuotaExceededError,
    RateLimitedError,
    RequestRejectedError,
    ServiceError,
    ServiceUnavailableError,
)
from pricelookup.services.http import HttpPolicy
from pricelookup.services.monitorize import MonitorizeClient, loads_tolerant
from pricelookup.services.officiscan import OfficiscanClient, parse_snapshot
from pricelookup.services.priceapi import (
    JobNotFinished,
    JobSubmissionUncertain,
    PriceApiClient,
    SourceDisabledError,
)
from pricelookup.services.snipcart import SnipcartClient
from warpclock import WarpClock

TOKEN = "T0KEN" + "x" * 59


def quick_policy() -> HttpPolicy:
    """Retries without waiting: backoff, Retry-After and the pacing after a 429/503 pass on a warp
    clock (a sleep that did not move the clock would leave the pacing waiting for real time)."""
    clock = WarpClock()
    return HttpPolicy(clock=clock, sleep=clock.sleep, max_attempts=3)


def run(coro_factory, handler, client_cls, base="https://api.example.test", key=TOKEN):
    async def main():
        async with client_cls(base, key, transport=httpx.MockTransport(handler), policy=quick_policy()) as c:
            return await coro_factory(c)

    return asyncio.run(main())


# --- PriceAPI --------------------------------------------------------------------------------------

RESULTS_DOC = """{ "job_id": "1234567890abcdef12345678", "status": "finished", "free_credits": 0,
 "paid_credits": 2, "products": [ { "source": "google-shopping", "country": "de", "key": "gtin",
 "value": "00885909666966", "success": true, "reason": null, "id": "15858468867886681869",
 "name": "Apple iPad mini Wi-Fi 16 GB - Schwarz & Graphit", "brand_name": "Apple",
 "category_name": "Tablet", "review_count": 37, "review_rating": 100,
 "gtins": ["00047165900004", "00885909575329"], "url": "https://www.google.de/shopping/product/1",
 "some_new_field": {"nested": [1, 2.5]},
 "offers": [ { "shop_name": "Some Shop", "price": "284.99", "price_with_shipping": "284.99",
 "shipping_costs": "0.00", "currency": "EUR", "unknown": 1 },
 { "shop_name": "Another shop", "price": "289.82", "price_with_shipping": null, "shipping_costs": null,
 "currency": "EUR" } ] },
 { "source": "google-shopping", "country": "de", "key": "gtin", "value": "00885909666967",
 "success": false, "reason": "failed to access source" },
 { "source": "google-shopping", "country": "de", "key": "gtin", "value": "00000000000017",
 "success": false, "reason": "not found" } ] }"""


def test_priceapi_job_lifecycle_and_exact_prices():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        if request.method == "POST":
            return httpx.Response(200, json={"job_id": "1234567890abcdef12345678", "status": "new",
                                             "requested": 2})
        if request.url.path.startswith("/jobs/"):
            return httpx.Response(200, json={"job_id": "1234567890abcdef12345678", "status": "working",
                                             "requested": 2, "completed": 2, "progress": 100})
        return httpx.Response(200, text=RESULTS_DOC, headers={"content-type": "application/json"})

    async def flow(c: PriceApiClient):
        job = await c.create_job(source="google-shopping", country="de", key="gtin",
                                 values=["00885909666966", "08718108041581"], completeness="one_page",
                                 currentness="daily_updated")
        status = await c.job_status(job.job_id)
        results = await c.results(job.job_id)
        return job, status, results

    job, status, results = run(flow, handler, PriceApiClient)
    assert (job.status, job.requested, job.progress) == ("new", 2, 0)
    assert (status.status, status.progress) == ("working", 100)
    # the token travels in the POST form, not in its URL; in the query for GETs, as documented
    post = seen[0]
    form = dict(x.split("=", 1) for x in post.content.decode().split("&"))
    assert form["token"] == TOKEN and "token" not in str(post.url)
    assert form["values"] == "00885909666966%0A08718108041581"
    assert seen[1].url.params["token"] == TOKEN
    p0, p1, p2 = results.products
    assert p0.offers[0].price == Decimal("284.99") and p0.offers[0].shipping_costs == Decimal("0.00")
    assert p0.offers[1].price_with_shipping is None
    assert p0.value == "00885909666966" and p0.review_rating == 100 and p0.gtins[0] == "00047165900004"
    assert (p1.success, p1.reason, p1.offers) == (False, "failed to access source", ())
    assert (p2.success, p2.reason) == (False, "not found")
    assert results.paid_credits == 2
    assert sum(o.price for o in p0.offers) == Decimal("574.81")  # exact, no float drift


@pytest.mark.parametrize("reason,status,error", [
    ("unauthorized", 401, AuthenticationError),
    ("unauthorized", 200, AuthenticationError),
    ("daily quota exceeded", 403, QuotaExceededError),
    ("not enough free credits", 402, QuotaExceededError),
    ("job not found", 404, NotFoundError),
    ("job not finished", 200, JobNotFinished),
    ("parameter value invalid", 400, RequestRejectedError),
    ("unsupported country", 400, RequestRejectedError),
    ("too many values", 400, RequestRejectedError),
    ("source disabled", 400, SourceDisabledError),
    ("value disabled", 200, ServiceUnavailableError),
])
def test_priceapi_request_level_errors_map_and_are_final(reason, status, error):
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(status, json={"success": False, "reason": reason})

    with pytest.raises(error) as info:
        run(lambda c: c.results("abc"), handler, PriceApiClient)
    assert len(calls) == 1  # a definite answer: never retried (not even on 429/503)
    assert str(info.value).startswith("PriceAPI:") and reason in str(info.value)
    assert TOKEN not in str(info.value)
    if error is AuthenticationError:
        assert "PRICELOOKUP_PRICEAPI_TOKEN" in str(info.value)


@pytest.mark.parametrize("reason,status,error", [
    ("daily quota exceeded", 429, QuotaExceededError),
    ("source disabled", 503, SourceDisabledError),
    ("Job creation limit exceeded", 429, RateLimitedError),  # what PriceAPI's own site answers
    ("error", 500, ServiceUnavailableError),  # was "request refused": a run stopped on it
    ("parameter value invalid", 502, ServiceUnavailableError),
])
def test_priceapi_busy_status_decides_before_the_body(reason, status, error):
    """A 429/5xx with PriceAPI's usual error body is asked again; the body's words end the call, as
    the account's own problem (quota, disabled source) or as "busy", never as "refused"."""
    calls = []

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        return httpx.Response(status, json={"success": False, "reason": reason})

    with pytest.raises(error) as info:
        run(lambda c: c.results("abc"), handler, PriceApiClient)
    assert len(calls) == 3
    assert reason in str(info.value)


def test_priceapi_create_job_refuses_bad_batches_before_sending():
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(200, json={"job_id": "x", "status": "new", "requested": 1})

    for values in ([], [str(i) for i in range(1001)], ["1\n2"]):
        with pytest.raises(RequestRejectedError):
            run(lambda c, v=values: c.create_job(source="s", country="fr", key="gtin", values=v), handler,
                PriceApiClient)
    assert calls == []


@pytest.mark.parametrize("failure", [httpx.ReadTimeout("t"), httpx.RemoteProtocolError("reset")])
def test_priceapi_job_submission_uncertain_carries_values_and_is_not_resent(failure):
    calls = []

    def handler(request):
        calls.append(request)
        raise failure

    with pytest.raises(JobSubmissionUncertain) as info:
        run(lambda c: c.create_job(source="google-shopping", country="fr", key="gtin",
                                   values=["03401351277399", "00885909666966"]), handler, PriceApiClient)
    assert len(calls) == 1
    err = info.value
    assert isinstance(err, ServiceError)
    assert err.values == ("03401351277399", "00885909666966")
    assert (err.source, err.country, err.key) == ("google-shopping", "fr", "gtin")
    assert "not sent again" in str(err) and TOKEN not in str(err)


@pytest.mark.parametrize("status", [429, 503])
def test_priceapi_error_answer_naming_a_job_is_uncertain_and_never_resent(status):
    """An error answer to POST /jobs that carries a job_id says the job was created: whatever the
    status, it is not sent again (a 429 or a 5xx is otherwise asked again)."""
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(status, json={"success": False, "reason": "error", "job_id": "abc123"})

    with pytest.raises(JobSubmissionUncertain) as info:
        run(lambda c: c.create_job(source="google-shopping", country="fr", key="gtin", values=["03401351277399"]),
            handler, PriceApiClient)
    assert len(calls) == 1 and f"HTTP {status}" in str(info.value)


def test_priceapi_usage_today_and_month():
    def handler(request):
        if request.url.path.endswith("usage_today"):
            return httpx.Response(200, json={"usage": {"date": "2016-10-17", "credits": 1000,
                                                       "free_credits": 200, "paid_credits": 800,
                                                       "quota": 10000}})
        return httpx.Response(200, json={"usage": {"from": "2016-10-01", "to": "2016-10-17"}, "usages": [
            {"date": "2016-10-01", "credits": 1000, "free_credits": 1000, "paid_credits": 0},
            {"date": "2016-10-17", "credits": 55000, "free_credits": 0, "paid_credits": 55000}]})

    today = run(lambda c: c.usage_today(), handler, PriceApiClient)
    assert (today.date, today.credits, today.quota, today.remaining) == (date(2016, 10, 17), 1000, 10000, 9000)
    month = run(lambda c: c.usage_month(), handler, PriceApiClient)
    assert [u.credits for u in month] == [1000, 55000] and month[0].quota is None


def test_priceapi_unknown_status_and_bad_json_are_bad_responses():
    def weird(request):
        return httpx.Response(200, json={"job_id": "a", "status": "exploded", "requested": 1})

    with pytest.raises(BadResponseError, match="job status"):
        run(lambda c: c.job_status("a"), weird, PriceApiClient)

    def broken(request):
        return httpx.Response(200, text='{"job_id": "a", "status": ', headers={"content-type": "application/json"})

    with pytest.raises(BadResponseError, match="not valid JSON"):
        run(lambda c: c.job_status("a"), broken, PriceApiClient)

    def page(request):
        return httpx.Response(200, text="<html><body>Login</body></html>", headers={"content-type": "text/html"})

    with pytest.raises(BadResponseError, match="web page"):
        run(lambda c: c.usage_today(), page, PriceApiClient)


def test_priceapi_job_ids_cannot_escape_the_path():
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, json={"job_id": "a", "status": "new", "requested": 1})

    run(lambda c: c.job_status("../v2/me/usage_today?x="), handler, PriceApiClient)
    assert seen[0].url.path.startswith("/jobs/") and "usage_today" not in seen[0].url.path.split("/")[-2:][0]
    assert seen[0].url.raw_path.count(b"/") == 2


def test_missing_or_unsendable_key_is_an_authentication_error_without_the_key():
    def handler(request):
        raise AssertionError("nothing may be sent")

    with pytest.raises(AuthenticationError, match="keys set priceapi"):
        run(lambda c: c.usage_today(), handler, PriceApiClient, key="")
    with pytest.raises(AuthenticationError) as info:
        run(lambda c: c.usage_today(), handler, PriceApiClient, key="abc\ndef-secret")
    assert "def-secret" not in str(info.value)


# --- OfficiScan --------------------------------------------------------------------------------------


def snapshot(i: int, price: str = "12.95") -> dict:
    return {"id": i, "product_id": 29, "ean13": "3401351277399", "collected_at": "2026-04-29T17:34:54",
            "price": {"current": price, "original": "14.50", "range": None, "currency": "EUR"},
            "stock": {"available": True, "label": "En stock"}, "rating": {"value": 4.6, "count": 28},
            "rank": {"position": 12, "page": 1, "page_size": 30},
            "promo": {"text": "-10%", "slug": "promo", "type": "percentage", "badge": "Promotion",
                      "loyalty": None},
            "network": "cocooncenter", "source": "cocooncenter.com", "extra_field": [1]}


def test_officiscan_follows_every_page_with_bearer_and_exact_floats():
    seen = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        page = int(request.url.params["page"])
        items = [snapshot(page * 100 + i) for i in range(100 if page < 3 else 5)]
        # numbers as JSON floats, the way the doc shows them
        body = json.dumps({"product_id": None, "ean": "3401351277399", "network": None, "days": 30,
                           "data": items, "total": 205, "page": page, "per_page": 100, "pages": 3})
        body = body.replace('"12.95"', "12.95").replace('"14.50"', "14.50")
        return httpx.Response(200, text=body, headers={"content-type": "application/json"})

    snaps = run(lambda c: c.snapshots("3401351277399", days=30, network="cocooncenter"), handler,
                OfficiscanClient, key="oc_abc")
    assert len(snaps) == 205 and len(seen) == 3
    assert all(r.headers["authorization"] == "Bearer oc_abc" for r in seen)
    assert seen[0].url.params["per_page"] == "100" and seen[0].url.params["network"] == "cocooncenter"
    s = snaps[0]
    assert s.price_current == Decimal("12.95") and s.price_original == Decimal("14.50")
    assert s.rating_value == Decimal("4.6") and s.in_stock is True and s.promo_text == "-10%"
    # the doc's time has no zone: OfficiScan's local time, Paris (summer time in April: UTC+2)
    assert s.collected_at == datetime(2026, 4, 29, 17, 34, 54, tzinfo=ZoneInfo("Europe/Paris"))
    assert s.collected_at == datetime(2026, 4, 29, 15, 34, 54, tzinfo=UTC)
    assert s.has_variants is None  # the doc's snapshot does not say


@pytest.mark.parametrize(("sent", "utc"), [
    ("2026-01-15T09:00:00", datetime(2026, 1, 15, 8, 0, tzinfo=UTC)),  # winter: UTC+1
    ("2026-07-15T09:00:00", datetime(2026, 7, 15, 7, 0, tzinfo=UTC)),  # summer: UTC+2
    ("2026-03-29T03:30:00", datetime(2026, 3, 29, 1, 30, tzinfo=UTC)),  # just after the spring change
    ("2026-07-15T09:00:00Z", datetime(2026, 7, 15, 9, 0, tzinfo=UTC)),  # a zone it says is kept
    ("2026-07-15T09:00:00-04:00", datetime(2026, 7, 15, 13, 0, tzinfo=UTC)),
])
def test_officiscan_times_without_a_zone_are_paris_time(sent: str, utc: datetime) -> None:
    snap = parse_snapshot(snapshot(1) | {"collected_at": sent})
    assert snap is not None and snap.collected_at.tzinfo is not None
    assert snap.collected_at == utc


def test_officiscan_has_variants_is_read_where_the_answer_gives_it() -> None:
    assert parse_snapshot(snapshot(1) | {"has_variants": True}).has_variants is True  # type: ignore[union-attr]
    assert parse_snapshot(snapshot(1) | {"has_variants": False}).has_variants is False  # type: ignore[union-attr]
    nested = snapshot(1) | {"product": {"id": 29, "has_variants": True}}
    assert parse_snapshot(nested).has_variants is True  # type: ignore[union-attr]
    assert parse_snapshot(snapshot(1)).has_variants is None  # type: ignore[union-attr]


def test_officiscan_days_out_of_range_rejected_locally():
    with pytest.raises(RequestRejectedError, match="90"):
        run(lambda c: c.snapshots("3401351277399", days=91), lambda r: httpx.Response(500),
            OfficiscanClient, key="oc_abc")


def test_officiscan_variants():
    doc = {"product_id": 12345, "data": [
        {"id": 12346, "ean13": "3401560504508", "ean7": "6050451", "brand": "sanofi",
         "name": "doliprane 500mg comprimés", "format": {"packaging": "Boîte de 16 comprimés"},
         "is_default": True, "latest": {"price": 2.49, "in_stock": True}},
        {"id": 12347, "ean13": "3401560504509", "is_default": False, "latest": {"price": None}}],
        "total": 2, "page": 1, "per_page": 100, "pages": 1}
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json=doc)

    answer = run(lambda c: c.variants(12345), handler, OfficiscanClient, key="oc_k")
    assert seen[0].url.path == "/v1/products/12345/variants"  # the parent's id
    assert (answer.parent_id, answer.unknown_parent) == (12345, False)
    variants = answer.items
    assert variants[0].latest_price == Decimal("2.49") and variants[0].packaging == "Boîte de 16 comprimés"
    assert variants[1].latest_price is None and variants[1].is_default is False


def test_officiscan_variants_tell_no_variants_from_no_such_parent():
    empty = {"product_id": 7, "data": [], "total": 0, "page": 1, "per_page": 100, "pages": 1}
    none = run(lambda c: c.variants(7), lambda r: httpx.Response(200, json=empty), OfficiscanClient, key="oc_k")
    assert (none.items, none.unknown_parent) == ((), False)
    missing = run(lambda c: c.variants(12346), lambda r: httpx.Response(
        404, json={"error": "not_found", "message": "Produit 12346 introuvable."}), OfficiscanClient, key="oc_k")
    assert (missing.parent_id, missing.items, missing.unknown_parent) == (12346, (), True)


# --- Monitorize ------------------------------------------------------------------------------------

HISTORY_DOC = """{ "site1.com": { "idTab": "site1", "nom": "Produit 1", "url": "https://www.site1.com/p1",
 "data": [ { "date": "2020-02-20", "prix": "63.69", "stock": "Disponible en ligne", "stockT": "1",
 "promotion": null, "prixBarre": null }, { "date": "2019-03-29", "prix": "63.69",
 "stock": "Disponible en ligne", "stockT": "1", "promotion": null, "prixBarre": null } ] },
 "site2.com": { "idTab": "site2", "nom": "Produit 1", "url": "https://www.site2.com/p1",
 "data": [ { "date": "2019-03-25", "prix": "59.95", "stock": "En stock", "stockT": "1",
 "promotion": "Promo !", "prixBarre": "64.50" } ] } ]"""


def test_monitorize_history_warts_numbers_as_strings_and_bad_closing_bracket():
    seen = []

    def handler(request):
        seen.append(request)
        return httpx.Response(200, text=HISTORY_DOC, headers={"content-type": "application/json"})

    points = run(lambda c: c.history_ref("3401351277399"), handler, MonitorizeClient, key="mk")
    assert seen[0].headers["apitoken"] == "mk"
    assert seen[0].url.path == "/api/product/history-ref/3401351277399"
    assert [(p.site, p.date) for p in points] == [("site1.com", date(2019, 3, 29)),
                                                  ("site1.com", date(2020, 2, 20)),
                                                  ("site2.com", date(2019, 3, 25))]
    assert points[2].price == Decimal("59.95") and points[2].strike_price == Decimal("64.50")
    assert points[2].stock == 1 and points[2].promo == "Promo !" and points[0].strike_price is None


def test_monitorize_offers_floats_zero_strike_price_and_string_stock():
    body = ('[{"nom":"Produit 2","id":"2","ref":"3401351277399","offers":['
            '{"site":"site1.com","nom":"P","url":"https://s1/p","prix":200,"stock":1,"stockLabel":"En stock",'
            '"promo":null,"prixBarre":0},'
            '{"site":"site2.com","nom":"P","url":"https://s2/p","prix":219.1,"stock":"3",'
            '"stockLabel":"Rupture","promo":"Promotion","prixBarre":239.99,"new":true}]},'
            '{"nom":"Sans offre","id":3,"ref":"","offers":[]}]')
    products = run(lambda c: c.all_offers(), lambda r: httpx.Response(200, text=body), MonitorizeClient, key="mk")
    p, q = products
    assert p.ref == "3401351277399" and q.id == "3" and q.ref is None and q.offers == ()
    o1, o2 = p.offers
    assert o1.price == Decimal("200") and o1.strike_price is None and o1.stock == 1
    assert o2.price == Decimal("219.1") and o2.strike_price == Decimal("239.99") and o2.stock == 3


def test_monitorize_add_tolerates_text_before_the_json_and_is_not_repeated():
    calls = []

    def handler(request):
        calls.append(request)
        return httpx.Response(200, text='1209{\n"id": 1221\n}')

    assert run(lambda c: c.add_product("Doliprane", ref="3400930000000"), handler, MonitorizeClient,
               key="mk") == "1221"
    assert calls[0].method == "POST" and b"name=Doliprane" in calls[0].content

    def reset(request):
        calls.append(request)
        raise httpx.RemoteProtocolError("gone")

    calls.clear()
    with pytest.raises(ServiceError, match="not sent again"):
        run(lambda c: c.add_product("Doliprane"), reset, MonitorizeClient, key="mk")
    assert len(calls) == 1


def test_monitorize_401_with_its_french_reason():
    def handler(request):
        return httpx.Response(401, text="", extensions={"reason_phrase": b"Erreur d'authentification"})

    with pytest.raises(AuthenticationError) as info:
        run(lambda c: c.products(), handler, MonitorizeClient, key="mk")
    assert "Erreur d'authentification" in str(info.value)
    assert "PRICELOOKUP_MONITORIZE_KEY" in str(info.value)


def test_tolerant_loader_still_rejects_garbage():
    assert loads_tolerant(b'{"a": 1.10}') == {"a": Decimal("1.10")}
    with pytest.raises(ValueError):
        loads_tolerant(b"Erreur interne")


# --- Snipcart ----------------------------------------------------------------------------------------


def test_snipcart_pages_with_basic_auth_and_accept_header():
    seen = []
    total = 7

    def handler(request):
        seen.append(request)
        offset, limit = int(request.url.params["offset"]), int(request.url.params["limit"])
        items = [{"id": f"id-{i}", "userDefinedId": f"340135127739{i}", "price": 20.99, "name": f"P{i}",
                  "archived": False, "stock": "4", "customFields": [{"name": "EAN", "value": "3401351277399"}],
                  "metadata": None, "statistics": {"numberOfSales": 1, "totalSales": 608.71}}
                 for i in range(offset, min(total, offset + limit))]
        return httpx.Response(200, json={"totalItems": total, "offset": offset, "limit": limit, "items": items})

    products = run(lambda c: c.products(page_size=3), handler, SnipcartClient, key="snip_secret")
    assert [p.id for p in products] == [f"id-{i}" for i in range(7)]
    assert len(seen) == 3
    expected = "Basic " + base64.b64encode(b"snip_secret:").decode()
    assert all(r.headers["authorization"] == expected and r.headers["accept"] == "application/json"
               for r in seen)
    p = products[0]
    assert p.price == Decimal("20.99") and p.stock == 4 and p.custom_fields == (("EAN", "3401351277399"),)
    assert p.raw["statistics"]["totalSales"] == Decimal("608.71")


def test_snipcart_product_by_id_and_missing_product():
    def handler(request):
        if request.url.path.endswith("/AP1"):
            return httpx.Response(200, json={"id": "3932ecd1", "userDefinedId": "AP1", "price": 299.99,
                                             "archived": False, "totalStock": 11, "stock": 1})
        return httpx.Response(404, json={"message": "not found"})

    p = run(lambda c: c.product("AP1"), handler, SnipcartClient, key="s")
    assert p.user_defined_id == "AP1" and p.total_stock == 11 and p.price == Decimal("299.99")
    with pytest.raises(NotFoundError, match="Snipcart"):
        run(lambda c: c.product("nope"), handler, SnipcartClient, key="s")
