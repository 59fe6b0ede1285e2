"""The simulated market moves with the days (issue #13): deterministic per (seed, day), small daily
moves, promotions and out-of-stock spells, one price function behind PriceAPI, OfficiScan and
Monitorize, and the sandbox's "today" settable (``SandboxConfig.day``, ``--day``,
``PRICELOOKUP_SANDBOX_DAY``)."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pricelookup.sandbox import SandboxConfig, data
from pricelookup.sandbox.config import DATA_VERSION, DAY_VARIABLE, day_from_environment, parse_day
from pricelookup.services.client import tls_context

DAY = date(2025, 3, 14)
AUTH = {"Authorization": "Bearer oc_test"}
TOKEN = "test-token"  # the conftest's (its job_form sends it)


def client_for(sb: Any) -> httpx.Client:
    """A keep-alive client on a served sandbox."""
    return httpx.Client(verify=tls_context(trust_env=False), base_url=sb.url, timeout=30)


def _rounding(*cents: int) -> int:
    """How far shelf rounding may move a price: 9 cents, or a whole euro for shops that write
    whole euros (only above 30 €)."""
    return 100 if max(cents) >= 3000 else 10


def _sample(catalogue: Any, n: int = 300) -> list[str]:
    return list(catalogue.universe[::len(catalogue.universe) // n])[:n]


# --- the price function -------------------------------------------------------------------------


@settings(max_examples=400, deadline=None)
@given(key=st.integers(0, 2**64 - 1), reference=st.integers(100, 200_000),
       day=st.integers(date(2000, 1, 1).toordinal(), date(2100, 1, 1).toordinal()))
def test_daily_moves_are_small_and_prices_stay_around_the_reference(key: int, reference: int, day: int) -> None:
    today, regular, promo, _stock = data.market_price(key, reference, day)
    tomorrow = data.market_price(key, reference, day + 1)[1]
    # the regular price moves at most MARKET_MAX_DAILY_MOVE (of the shop's level, <= 1/0.95 of today's
    # unrounded price) from one day to the next, plus the shelf rounding
    assert abs(tomorrow - regular) <= data.MARKET_MAX_DAILY_MOVE / 0.95 * regular + _rounding(regular, tomorrow)
    lo, hi = data.MARKET_LEVEL
    assert lo * (1 - data.MARKET_DRIFT) * reference - 100 <= regular <= hi * (1 + data.MARKET_DRIFT) * reference + 10
    if promo:
        assert data.MARKET_PROMO_PCT[0] <= promo <= data.MARKET_PROMO_PCT[1]
        assert today < regular
        assert abs(today - regular * (100 - promo) / 100) <= _rounding(today)
    else:
        assert today == regular


def test_the_drift_calendar_is_a_closed_walk_of_small_steps() -> None:
    """The calendar is read in a circle: no day, not even its last one, jumps."""
    drift = data._DRIFT
    assert len(drift) == data.MARKET_CALENDAR_DAYS
    steps = [abs(drift[i] - drift[i - 1]) for i in range(len(drift))]  # i = 0: from the last day to the first
    assert max(steps) <= data.MARKET_MAX_DAILY_MOVE + 1e-12
    assert 0.3 < sum(s > 0 for s in steps) / len(steps) < 0.5  # shops reprice on about 40 % of the days
    assert min(drift) >= 1 - data.MARKET_DRIFT and max(drift) <= 1 + data.MARKET_DRIFT


def test_same_seed_and_day_same_answers_another_day_other_prices(catalogue) -> None:
    def offers(code: str, day: date) -> list[dict[str, object]]:
        return data.priceapi_all_offers(code, 5, source="google-shopping", country="fr", day=day)

    # a product found with seed 5 that has more than one page of offers
    code = next(c for c in catalogue.pharmacy_codes()
                if data.priceapi_outcome(c, 5) == "found" and len(offers(c, DAY)) > data.OFFERS_PER_PAGE)
    a = data.priceapi_product(code, 5, day=DAY, completeness="all_pages")
    assert a == data.priceapi_product(code, 5, day=DAY, completeness="all_pages")
    assert data.market_day(code, 5, "cocooncenter", DAY) == data.market_day(code, 5, "cocooncenter", DAY)
    # one page is the start of all pages (only the offers written out are cut)
    assert data.priceapi_product(code, 5, day=DAY)["offers"] == offers(code, DAY)[:data.OFFERS_PER_PAGE]
    # what an offer *is* (its shop, its page) stays from one day to the next; its price, stock and rank move
    later = [DAY + timedelta(days=n) for n in range(1, 30)]
    assert all({(o["shop_name"], o["url"], o["name"]) for o in offers(code, d)}
               == {(o["shop_name"], o["url"], o["name"]) for o in offers(code, DAY)} for d in later)
    assert any(offers(code, d) != offers(code, DAY) for d in later)
    assert all({k: v for k, v in data.priceapi_product(code, 5, day=d, completeness="all_pages").items()
                if k != "offers"} == {k: v for k, v in a.items() if k != "offers"} for d in later)


def test_consecutive_days_differ_for_a_good_share_of_codes_by_small_moves(catalogue) -> None:
    codes = _sample(catalogue)
    changed = 0
    for code in codes:
        today = data.market_day(code, 0, "pharma-gdd", DAY)
        tomorrow = data.market_day(code, 0, "pharma-gdd", DAY + timedelta(days=1))
        if tomorrow.regular_cents != today.regular_cents:
            changed += 1
            move = abs(tomorrow.regular_cents - today.regular_cents)
            assert move <= 0.03 * today.regular_cents + _rounding(today.regular_cents, tomorrow.regular_cents)
    assert 0.2 < changed / len(codes) < 0.6
    # PriceAPI: most products have several offers, so most products' answers change from day to day
    found = [c for c in codes if data.priceapi_outcome(c) == "found"]
    moved = sum(data.priceapi_product(c, day=DAY)["offers"] != data.priceapi_product(c, day=DAY + timedelta(days=1))[
        "offers"] for c in found)
    assert moved / len(found) > 0.5


def test_promotions_and_out_of_stock_spells_over_90_days(catalogue) -> None:
    codes = _sample(catalogue, 100)
    days = [DAY - timedelta(days=n) for n in range(90)]
    promo_days = out_days = 0
    spells: list[int] = []
    with_promo = with_outage = 0
    for code in codes:
        series = [data.market_day(code, 0, "atida", d) for d in reversed(days)]
        promo = [m.promo_pct > 0 for m in series]
        out = [not m.in_stock for m in series]
        promo_days += sum(promo)
        out_days += sum(out)
        with_promo += any(promo)
        with_outage += any(out)
        run = 0
        for p in [*promo, False]:  # the lengths of the promotions seen whole
            if p:
                run += 1
            elif run:
                spells.append(run)
                run = 0
        for m in series:
            if m.promo_pct:
                assert m.original_cents == m.regular_cents > m.cents
            else:
                assert m.original_cents is None and m.cents == m.regular_cents
    total = len(codes) * len(days)
    assert 0.02 < promo_days / total < 0.12 and 0.03 < out_days / total < 0.15
    assert with_promo > len(codes) // 3 and with_outage > len(codes) // 3
    assert spells and max(spells) <= 7 and sum(spells) / len(spells) >= 3 - 1  # a few days each (edges cut some)


def test_priceapi_out_of_stock_follows_the_market_and_foreign_currencies_keep_two_decimals(catalogue) -> None:
    codes = [c for c in _sample(catalogue, 200) if data.priceapi_outcome(c) == "found"]
    offers = [o for c in codes for o in data.priceapi_all_offers(c, 0, source="google-shopping", country="fr", day=DAY)]
    share = sum(o["availability_code"] == "out_of_stock" for o in offers) / len(offers)
    assert 0.02 < share < 0.2
    gb = data.priceapi_all_offers(codes[0], 0, source="google-shopping", country="gb", day=DAY)
    assert all(Decimal(str(o["price"])).as_tuple().exponent == -2 for o in gb)


# --- the services: the same function, the sandbox's day ------------------------------------------


def _snapshots(c: httpx.Client, ean: str, days: int) -> list[dict[str, Any]]:
    body = c.get("/officiscan/v1/snapshots", params={"ean": ean, "days": days, "per_page": 100},
                 headers=AUTH).json()
    return list(body["data"])


def test_officiscan_history_of_yesterday_is_what_yesterdays_sandbox_showed(make_sandbox, catalogue) -> None:
    items = [o for o in catalogue.officiscan if len(o.networks) >= 3][:6]
    today, yesterday = make_sandbox(day=DAY), make_sandbox(day=DAY - timedelta(days=1))
    compared = 0
    with client_for(today) as now, client_for(yesterday) as before:
        for item in items:
            history = {(s["network"], s["collected_at"][:10]): s for s in _snapshots(now, item.ean13, 2)}
            current = _snapshots(before, item.ean13, 1)
            for snap in current:
                day = snap["collected_at"][:10]
                assert day == (DAY - timedelta(days=1)).isoformat()  # on the sandbox's day
                seen_later = history[(snap["network"], day)]
                for field in ("price", "stock", "promo", "id"):
                    assert seen_later[field] == snap[field], field
                compared += 1
            assert {s["collected_at"][:10] for s in _snapshots(now, item.ean13, 1)} <= {DAY.isoformat()}
    assert compared >= 4


def test_monitorize_history_of_yesterday_is_what_yesterdays_lists_showed(make_sandbox, catalogue) -> None:
    today, yesterday = make_sandbox(day=DAY), make_sandbox(day=DAY - timedelta(days=1))
    matched = [m for m in catalogue.monitorize if m.matched][:5]
    with client_for(today) as now, client_for(yesterday) as before:
        listing = {p["id"]: p for p in before.get("/monitorize/api/product/list/allOffers",
                                                  headers={"Apitoken": "k"}).json()}
        for m in matched:
            history = now.get(f"/monitorize/api/product/history/{m.id}", headers={"Apitoken": "k"}).json()
            for offer in listing[str(m.id)]["offers"]:
                points = history[offer["site"]]["data"]
                assert points[-1]["date"] == DAY.isoformat()  # today is the sandbox's day
                last = [p for p in points if p["date"] <= (DAY - timedelta(days=1)).isoformat()][-1]
                assert Decimal(last["prix"]) == Decimal(str(offer["prix"]))
                assert int(last["stockT"]) == offer["stock"]
                assert (last["promotion"] is None) == (offer["promo"] is None)
                assert (last["prixBarre"] is None) == (offer["prixBarre"] == 0)
                if offer["promo"]:
                    assert Decimal(last["prixBarre"]) == Decimal(str(offer["prixBarre"]))


def test_priceapi_answers_the_sandboxs_day_and_dates_it_on_that_day(make_sandbox, form, wait) -> None:
    values = [data.make_code("3401", "day", i) for i in range(40)]
    days = (DAY, DAY + timedelta(days=1))
    answers = []
    for day in days:
        with client_for(make_sandbox(day=day)) as c:
            job = c.post("/priceapi/jobs", data=form(values)).json()["job_id"]
            wait(c, job)
            products = c.get(f"/priceapi/products/bulk/{job}", params={"token": TOKEN}).json()["products"]
            usage = c.get("/priceapi/v2/me/usage_today", params={"token": TOKEN}).json()["usage"]
        assert usage["date"] == day.isoformat() and usage["credits"] > 0
        found = [p for p in products if p["success"]]
        assert found and all(p["updated_at"].startswith(day.isoformat()) for p in found)
        assert [{k: v for k, v in p.items() if k != "updated_at"} for p in products] == \
            [{k: v for k, v in data.priceapi_product(v, day=day).items() if k != "updated_at"} for v in values]
        answers.append(products)
    assert [p.get("offers") for p in answers[0]] != [p.get("offers") for p in answers[1]]


def test_the_day_can_be_changed_at_run_time_through_the_control_path(sandbox) -> None:
    with client_for(sandbox) as c:
        r = c.post("/_sandbox/configure", json={"day": "2024-02-29"})
        assert r.status_code == 200 and r.json()["config"]["day"] == "2024-02-29"
        assert sandbox.sandbox.config.day == date(2024, 2, 29)
        assert c.get("/priceapi/v2/me/usage_today", params={"token": TOKEN}).json()["usage"]["date"] == "2024-02-29"
        assert c.post("/_sandbox/configure", json={"day": "29/02/2024"}).status_code == 400


# --- the day's settings: config, identity, --day, PRICELOOKUP_SANDBOX_DAY ------------------------


def test_identity_differs_per_day_and_keeps_its_old_form_without_one() -> None:
    plain = SandboxConfig(seed=7)
    assert plain.identity() == f"pricelookup-sandbox:seed=7:data={DATA_VERSION}"
    a, b = SandboxConfig(seed=7, day=DAY), SandboxConfig(seed=7, day=DAY + timedelta(days=1))
    assert len({plain.identity(), a.identity(), b.identity()}) == 3
    assert a.identity() == SandboxConfig(seed=7, day=DAY, job_seconds=1.0).identity()  # what answers, not how fast
    assert SandboxConfig(day="2025-03-14").day == DAY  # type: ignore[arg-type]  # JSON's spelling
    assert plain.with_changes(day=DAY).day == DAY
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        SandboxConfig(day="14/03/2025")  # type: ignore[arg-type]


@pytest.mark.parametrize("text", ["2025-02-30", "14/03/2025", "20250314", "2025-W11-5", "tomorrow", "", "2025-3-14"])
def test_parse_day_takes_one_spelling_only(text: str) -> None:
    with pytest.raises(ValueError, match="YYYY-MM-DD"):
        parse_day(text, "--day")


def test_the_day_option_parses_and_a_bad_one_is_one_line_and_exit_code_2(capsys) -> None:
    from pricelookup.cli import build_parser, main
    from pricelookup.cli.sandbox import banner, config_from_args

    config = config_from_args(build_parser().parse_args(["sandbox", "--day", "2025-03-14", "--seed", "3"]))
    assert config.day == DAY and config.seed == 3
    assert "Sandbox day 2025-03-14" in banner("http://127.0.0.1:1", config)
    assert config_from_args(build_parser().parse_args(["sandbox"])).day is None
    assert main(["sandbox", "--day", "2025-02-30"]) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and "--day" in err and "YYYY-MM-DD" in err and "Traceback" not in err


def test_the_embedded_sandbox_takes_its_day_from_the_environment(monkeypatch) -> None:
    monkeypatch.delenv(DAY_VARIABLE, raising=False)
    assert day_from_environment() is None
    assert day_from_environment({DAY_VARIABLE: " 2025-03-14 "}) == DAY
    assert day_from_environment({DAY_VARIABLE: ""}) is None
    with pytest.raises(ValueError, match=DAY_VARIABLE):
        day_from_environment({DAY_VARIABLE: "2025-13-01"})


def test_a_bad_environment_day_stops_run_sandbox_with_one_line(monkeypatch, tmp_path, capsys) -> None:
    from pricelookup.cli import main

    monkeypatch.setenv(DAY_VARIABLE, "someday")
    source = tmp_path / "codes.csv"
    source.write_text("EAN\n3401560173049\n", encoding="utf-8")
    code = main(["run", str(source), "-o", str(tmp_path / "out.xlsx"), "--sandbox", "--no-officiscan",
                 "--no-monitorize", "--data-dir", str(tmp_path / "journal"), "--quiet"])
    err = capsys.readouterr().err.strip()
    assert code == 2 and DAY_VARIABLE in err and len(err.splitlines()) == 1
    assert not (tmp_path / "out.xlsx").exists()


def test_random_keys_reach_every_part_of_the_calendars() -> None:
    """Offers read the calendars at offsets spread over all of them (no two shops in lockstep)."""
    rng = random.Random(13)
    offsets = {(rng.getrandbits(64) >> 8) & (data.MARKET_CALENDAR_DAYS - 1) for _ in range(2000)}
    assert len(offsets) > 1500
