"""PriceAPI simulation: one test per fidelity point of the sandbox issue."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
from collections import Counter
from decimal import Decimal

import pytest

from pricelookup.sandbox import data
from pricelookup.sandbox.priceapi import ROW_COLUMNS
from pricelookup.services.client import tls_context

TOKEN = "test-token"


def codes(n: int, salt: str = "t", prefix: str = "3401") -> list[str]:
    return [data.make_code(prefix, salt, i) for i in range(n)]


def test_post_jobs_answers_job_id_status_new_and_distinct_count(client, form) -> None:
    values = ["3401351277399", "00885909666966", "3401351277399", "", "  08718108041581  "]
    r = client.post("/priceapi/jobs", data=form(values))
    assert r.status_code == 200
    body = r.json()
    assert set(body) == {"job_id", "status", "requested"}
    assert body["status"] == "new"
    assert body["requested"] == 3  # "Number of different values"
    assert len(body["job_id"]) == 24 and all(c in "0123456789abcdef" for c in body["job_id"])


def test_job_status_moves_through_every_documented_state_in_order(direct) -> None:
    d = direct(job_seconds=100.0, parallel_jobs=1)
    first = d.submit(codes(1000, "a"))
    second = d.submit(codes(10, "b"))
    assert d.status(first)["status"] == "new" and d.status(second)["status"] == "new"
    seen: list[tuple[str, int, int]] = []
    for _ in range(2000):
        s = d.status(first)
        seen.append((s["status"], s["completed"], s["progress"]))
        if s["status"] == "finished":
            break
        d.clock.advance(0.1)
    statuses = [s for s, _c, _p in seen]
    order = list(dict.fromkeys(statuses))
    assert order == ["new", "working", "finishing", "finished"]  # the first job never waits
    working = [(c, p) for s, c, p in seen if s == "working"]
    assert [p for _c, p in working] == sorted(p for _c, p in working)  # completed / progress climb
    assert working[0][1] < 10 and any(0 < p < 100 for _c, p in working)
    # "progress 100 but still working" for a while before finishing (the doc's warning)
    at_100 = [c for c, p in working if p == 100]
    assert len(at_100) >= 100 and set(at_100) == {1000}
    assert seen[-1] == ("finished", 1000, 100)


def test_second_job_waits_enqueued_while_the_account_slot_is_busy(direct) -> None:
    d = direct(job_seconds=10.0, parallel_jobs=1)
    first = d.submit(codes(1000, "a"))
    second = d.submit(codes(1000, "b"))
    d.clock.advance(1.0)
    assert d.status(first)["status"] == "working"
    assert d.status(second) | {"job_id": None} == {"job_id": None, "status": "enqueued", "requested": 1000,
                                                    "completed": 0, "progress": 0}


def test_job_seconds_sets_the_duration_of_a_1000_value_job_and_smaller_jobs_scale(direct) -> None:
    def duration(n: int, job_seconds: float) -> float:
        d = direct(job_seconds=job_seconds)
        job = d.submit(codes(n, f"d{n}"))
        t0 = d.clock.now
        while d.status(job)["status"] != "finished":
            d.clock.advance(0.05)
        return d.clock.now - t0

    assert 20.0 <= duration(1000, 20.0) <= 20.0 + 0.5 + 0.1  # + the short "new" phase
    assert 10.0 <= duration(1000, 10.0) <= 10.7
    assert duration(500, 20.0) == pytest.approx(10.4, abs=0.2)
    assert duration(2, 20.0) == pytest.approx(1.4, abs=0.2)  # floor: 5 % of job_seconds


def test_at_most_parallel_jobs_work_at_once_the_rest_wait_fifo(direct) -> None:
    d = direct(job_seconds=10.0, parallel_jobs=4)
    jobs = [d.submit(codes(1000, f"p{i}")) for i in range(10)]
    started: dict[str, float] = {}
    finished: dict[str, float] = {}
    max_working = 0
    while len(finished) < len(jobs):
        states = {j: d.status(j)["status"] for j in jobs}
        working = [j for j, s in states.items() if s in ("working", "finishing")]
        max_working = max(max_working, len(working))
        for j, s in states.items():
            if s in ("working", "finishing", "finished"):
                started.setdefault(j, d.clock.now)
            if s == "finished":
                finished.setdefault(j, d.clock.now)
        d.clock.advance(0.1)
    assert max_working == 4
    assert sorted(jobs, key=lambda j: (started[j], jobs.index(j))) == jobs  # FIFO
    # 10 jobs, 4 at a time: three rounds of 10 s; submitting more did not make them faster
    assert max(finished.values()) - 1000.0 == pytest.approx(30.0 + 0.2, abs=0.3)


def test_results_json_has_the_documented_product_and_offer_fields(client, form, wait) -> None:
    values = codes(300, "json")
    job = client.post("/priceapi/jobs", data=form(values)).json()["job_id"]
    wait(client, job)
    body = client.get(f"/priceapi/products/bulk/{job}", params={"token": TOKEN}).json()
    assert body["job_id"] == job and body["status"] == "finished"
    assert isinstance(body["free_credits"], int) and isinstance(body["paid_credits"], int)
    products = body["products"]
    assert [p["value"] for p in products] == values
    found = [p for p in products if p["success"]]
    assert len(found) > 200
    offers = [o for p in found for o in p["offers"]]
    for p in found:
        assert p["reason"] is None and isinstance(p["id"], str) and p["name"]
        assert p["review_rating"] is None or 0 <= p["review_rating"] <= 100
        assert isinstance(p["gtins"], list) and p["value"].zfill(14) in p["gtins"]
        assert all(len(g) == 14 and data.gtin14(g) == g for g in p["gtins"])
        assert p["url"].startswith("https://")
    for o in offers:
        assert {"shop_name", "price", "price_with_shipping", "shipping_costs", "currency", "url", "name",
                "availability_code", "availability_text", "position"} <= set(o)
        assert isinstance(o["price"], str) and Decimal(o["price"]) > 0  # prices as strings
        assert o["currency"] == "EUR"
        if o["shipping_costs"] is not None:
            assert Decimal(o["price_with_shipping"]) == Decimal(o["price"]) + Decimal(o["shipping_costs"])
    assert any(o["shipping_costs"] is None and o["price_with_shipping"] is None for o in offers)
    assert any(len(p["offers"]) == 0 for p in found)  # some products have no shop
    assert max(len(p["offers"]) for p in found) >= 5  # several shops per product
    assert Counter(len({o["shop_name"] for o in p["offers"]}) > 1 for p in found)[True] > 100


def test_results_csv_row_and_column_formats_use_the_docs_column_names(client, form, wait) -> None:
    values = codes(40, "csv")
    job = client.post("/priceapi/jobs", data=form(values)).json()["job_id"]
    wait(client, job)
    row = client.get(f"/priceapi/products/bulk/{job}.csv", params={"token": TOKEN, "format_option": "row"})
    assert row.headers["content-type"].startswith("text/csv")
    assert row.text.splitlines()[0] == ",".join(f'"{c}"' for c in ROW_COLUMNS)  # all values quoted
    rows = list(csv.DictReader(io.StringIO(row.text)))
    json_products = client.get(f"/priceapi/products/bulk/{job}.json", params={"token": TOKEN}).json()["products"]
    assert len(rows) == sum(max(1, len(p.get("offers") or [])) for p in json_products)  # one line per offer
    assert {r["value"] for r in rows} == set(values)
    column = client.get(f"/priceapi/products/bulk/{job}.csv", params={"token": TOKEN, "format_option": "column"})
    header = next(csv.reader(io.StringIO(column.text)))
    assert header[:17] == list(ROW_COLUMNS[:17])
    assert header[17:25] == [f"offers[0].{f}" for f in ("url", "name", "price", "price_with_shipping",
                                                         "shipping_costs", "availability_code",
                                                         "availability_text", "shop_name")]
    assert len(list(csv.reader(io.StringIO(column.text)))) == 1 + len(values)  # one line per product
    default = client.get(f"/priceapi/products/bulk/{job}.csv", params={"token": TOKEN})
    assert default.text == column.text  # "the current default is column for legacy reasons"


def test_results_xml_is_well_formed_and_shaped_like_the_doc(client, form, wait) -> None:
    values = [data.LONG_NAME_CODE, *(c for c, k in data.HOSTILE_CODES.items() if k == "control"), *codes(10, "x")]
    job = client.post("/priceapi/jobs", data=form(values)).json()["job_id"]
    wait(client, job)
    r = client.get(f"/priceapi/products/bulk/{job}.xml", params={"token": TOKEN})
    root = ET.fromstring(r.content)  # control characters in names did not break it
    assert root.tag == "hash" and root.findtext("job-id") == job
    assert root.find("status").get("type") == "symbol" and root.findtext("status") == "finished"
    products = root.find("products").findall("product")
    assert len(products) == len(values)
    first = products[0]
    assert first.find("success").get("type") == "boolean" and len(first.findtext("name")) == 40_000
    assert first.find("gtins").get("type") == "array" and first.find("gtins").findall("gtin")


@pytest.mark.parametrize(("form_changes", "reason", "status"), [
    ({"token": "invalid"}, "unauthorized", 401),
    ({"token": None}, "unauthorized", 401),
    ({"source": None}, "missing parameter", 400),
    ({"values": None}, "missing parameter", 400),
    ({"values": "\n \n"}, "missing parameter", 400),
    ({"country": "FR"}, "parameter value invalid", 400),
    ({"key": "ean"}, "parameter value invalid", 400),
    ({"completeness": "everything"}, "parameter value invalid", 400),
    ({"currentness": "yesterday"}, "parameter value invalid", 400),
    ({"source": "altavista"}, "unsupported source", 400),
    ({"country": "zz"}, "unsupported country", 400),
    ({"key": "source_id"}, "unsupported key", 400),
    ({"values": "\n".join(codes(1001, "many"))}, "too many values", 400),
])
def test_request_level_errors_use_the_docs_reasons(shared_client, form, form_changes, reason, status) -> None:
    f = {k: v for k, v in (form(["3401351277399"]) | form_changes).items() if v is not None}
    r = shared_client.post("/priceapi/jobs", data=f)
    assert r.status_code == status
    assert r.json() == {"success": False, "reason": reason}


def test_job_not_found_and_job_not_finished(make_sandbox, form) -> None:
    import httpx

    sb = make_sandbox(job_seconds=60.0)
    with httpx.Client(verify=tls_context(trust_env=False), base_url=sb.url) as c:
        job = c.post("/priceapi/jobs", data=form(["3401351277399"])).json()["job_id"]
        r = c.get(f"/priceapi/products/bulk/{job}", params={"token": TOKEN})
        assert (r.status_code, r.json()) == (409, {"success": False, "reason": "job not finished"})
        r = c.get("/priceapi/jobs/ffffffffffffffffffffffff", params={"token": TOKEN})
        assert (r.status_code, r.json()) == (404, {"success": False, "reason": "job not found"})
        r = c.get(f"/priceapi/jobs/{job}", params={"token": "someone-else"})  # "for given job_id and token"
        assert r.json()["reason"] == "job not found"
        r = c.get(f"/priceapi/jobs/{job}", params={"token": "invalid"})
        assert (r.status_code, r.json()["reason"]) == (401, "unauthorized")


def test_product_level_outcomes_have_the_docs_reasons_at_realistic_shares(client, form, wait) -> None:
    shares = Counter(data.priceapi_outcome(c) for c in codes(20_000, "share", "400"))
    total = sum(shares.values())
    assert 0.06 < shares["not found"] / total < 0.10
    assert 0.015 < shares["failed to access source"] / total < 0.025
    assert 0.005 < shares["error"] / total < 0.015
    assert 0.005 < shares["value disabled"] / total < 0.015
    bad_check = "3401351277398"
    values = [*codes(997, "outcomes"), bad_check, "12345", "00885909666966\\ 08718108041581"]
    job = client.post("/priceapi/jobs", data=form(values)).json()["job_id"]
    wait(client, job)
    products = client.get(f"/priceapi/products/bulk/{job}", params={"token": TOKEN}).json()["products"]
    reasons = Counter(p["reason"] for p in products)
    assert set(reasons) == {None, "not found", "invalid value", "value disabled", "failed to access source", "error"}
    for p in products:
        assert p["success"] == (p["reason"] is None)
        assert (p["reason"] or "found") == data.priceapi_outcome(p["value"])  # the predictor tests can use
    by_value = {p["value"]: p for p in products}
    assert by_value[bad_check]["reason"] == "invalid value"
    # the doc's curl example separates with "\ ": a space is not a separator, so it is one invalid value
    assert by_value["00885909666966\\ 08718108041581"]["reason"] == "invalid value"


def test_credits_follow_the_doc_and_are_deducted_only_when_the_job_finished(direct) -> None:
    d = direct(job_seconds=25.0)  # 400 values: 10 s
    values = codes(400, "credits")
    outcomes = Counter(data.priceapi_outcome(v) for v in values)
    assert outcomes["not found"] and outcomes["error"] and outcomes["failed to access source"]
    job = d.submit(values)
    d.clock.advance(9.0)
    assert d.status(job)["progress"] == 100 and d.status(job)["status"] != "finished"
    assert d.json("GET", f"/priceapi/v2/me/usage_today?token={TOKEN}")["usage"]["credits"] == 0
    d.clock.advance(2.0)
    assert d.status(job)["status"] == "finished"
    expected = outcomes["found"] + outcomes["not found"]  # not found costs, errors don't
    assert sum(data.priceapi_credits(v) for v in values) == expected
    usage = d.json("GET", f"/priceapi/v2/me/usage_today?token={TOKEN}")["usage"]
    assert usage["credits"] == usage["paid_credits"] == expected
    results = d.json("GET", f"/priceapi/products/bulk/{job}?token={TOKEN}")
    assert results["paid_credits"] + results["free_credits"] == expected
    realtime = d.submit(values, currentness="realtime")
    all_pages = d.submit(values, completeness="all_pages")
    d.clock.advance(60.0)
    assert d.status(realtime)["status"] == d.status(all_pages)["status"] == "finished"
    assert d.json("GET", f"/priceapi/products/bulk/{realtime}?token={TOKEN}")["paid_credits"] == 2 * expected
    pages = d.json("GET", f"/priceapi/products/bulk/{all_pages}?token={TOKEN}")["paid_credits"]
    predicted = sum(data.priceapi_credits(v, completeness="all_pages") for v in values)
    assert pages == predicted > expected  # all_pages costs one credit per page
    stats = d.sandbox.stats()["priceapi"]
    assert stats["credits_charged"] == expected + 2 * expected + predicted


def test_usage_today_and_month_show_the_credits(direct) -> None:
    d = direct(job_seconds=1.0, daily_quota=5000)
    job = d.submit(codes(50, "usage"))
    d.clock.advance(5.0)
    assert d.status(job)["status"] == "finished"
    expected = sum(data.priceapi_credits(v) for v in codes(50, "usage"))
    today = d.json("GET", f"/priceapi/v2/me/usage_today?token={TOKEN}")["usage"]
    assert today == {"date": today["date"], "credits": expected, "free_credits": 0, "paid_credits": expected,
                     "quota": 5000}
    month = d.json("GET", f"/priceapi/v2/me/usage_month?token={TOKEN}")
    assert month["usage"]["credits"] == expected and month["usage"]["to"] == today["date"]
    assert month["usage"]["from"].endswith("-01")
    assert month["usages"] == [{"date": today["date"], "credits": expected, "free_credits": 0,
                                "paid_credits": expected}]
    assert d.json("GET", "/priceapi/v2/me/usage_today?token=invalid") == {"success": False, "reason": "unauthorized"}


def test_a_low_daily_quota_refuses_new_jobs_once_used_up(direct) -> None:
    d = direct(job_seconds=1.0)
    d.sandbox.configure(daily_quota=10)
    a = d.submit(codes(30, "q1"))
    b = d.submit(codes(30, "q2"))  # accepted: credits are only deducted when a job finishes
    d.clock.advance(5.0)
    assert d.status(a)["status"] == d.status(b)["status"] == "finished"
    used = d.json("GET", f"/priceapi/v2/me/usage_today?token={TOKEN}")["usage"]["credits"]
    assert used > 10  # parallel jobs overshoot the quota, as the doc warns
    r = d.call("POST", "/priceapi/jobs", {"token": TOKEN, "source": "google-shopping", "country": "fr",
                                          "key": "gtin", "values": "3401351277399"})
    assert r.status == 403 and r.body == b'{"success":false,"reason":"daily quota exceeded"}'
    assert d.sandbox.stats()["priceapi"]["jobs_created"] == 2
    d.sandbox.configure(daily_quota=0)
    r = d.call("POST", "/priceapi/jobs", {"token": "other-account", "source": "google-shopping", "country": "fr",
                                          "key": "gtin", "values": "3401351277399"})
    assert r.status == 403


def test_same_request_gives_the_same_products_only_timestamps_and_ids_differ(client, form, wait) -> None:
    values = codes(100, "det")

    def run() -> tuple[str, list[dict]]:
        job = client.post("/priceapi/jobs", data=form(values)).json()["job_id"]
        wait(client, job)
        products = client.get(f"/priceapi/products/bulk/{job}", params={"token": TOKEN}).json()["products"]
        for p in products:
            p.pop("updated_at", None)
        return job, products

    job1, first = run()
    job2, second = run()
    assert job1 != job2
    assert first == second
    assert first == [{k: v for k, v in data.priceapi_product(v).items() if k != "updated_at"} for v in values]


def test_stats_prove_what_was_submitted_and_paid(client, form, wait, sandbox) -> None:
    a = client.post("/priceapi/jobs", data=form(codes(20, "s1"))).json()["job_id"]
    b = client.post("/priceapi/jobs", data=form(codes(20, "s1")[:5] + codes(5, "s2"))).json()["job_id"]
    wait(client, a)
    wait(client, b)
    stats = client.get("/_sandbox/stats").json()["priceapi"]
    assert stats["jobs_created"] == 2
    assert stats["values_submitted"] == 30
    assert stats["values_submitted_distinct"] == 25  # 5 values were submitted twice
    assert stats["status_requests"] >= 2
    assert stats["credits_charged"] == sum(data.priceapi_credits(v) for v in codes(20, "s1") + codes(20, "s1")[:5]
                                           + codes(5, "s2"))
    assert sandbox.stats()["priceapi"] == stats


def test_results_are_built_ahead_while_the_job_works_and_match_a_direct_build(direct) -> None:
    d = direct(job_seconds=10.0)
    values = codes(1000, "ahead")
    job_id = d.submit(values)
    d.clock.advance(4.0)  # about half way through "working"
    for _ in range(20):
        d.sandbox.tick()
    job = d.sandbox.priceapi.jobs[job_id]
    completed = d.status(job_id)["completed"]
    assert 0 < len(job.built) <= completed < 1000  # never ahead of what the crawlers completed
    d.clock.advance(10.0)
    products = d.json("GET", f"/priceapi/products/bulk/{job_id}?token={TOKEN}")["products"]
    assert [{k: v for k, v in p.items() if k != "updated_at"} for p in products] == \
        [{k: v for k, v in data.priceapi_product(v).items() if k != "updated_at"} for v in values]
    assert job.built == [] and d.sandbox.priceapi.built_total == 0  # released after the download
