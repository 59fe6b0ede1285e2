"""One product of a run, from the journal alone (``run.api.product_detail``), and what moved since the
previous run (``compare_product``: the Changes sheet, the window's columns, the detail pane's move).

Three runs of the engine over loopback HTTP against the sandbox, on one journal:

1. OfficiScan, Monitorize with its history, an own-price column;
2. the same codes again, ``realtime``: PriceAPI answers anew (a second point in the lowest-price
   history), and run 1 is its previous run;
3. the same codes, ``daily_updated`` with OfficiScan and Monitorize off: its PriceAPI answers are
   copies of run 2's (the cache), which the history counts once.
"""

from __future__ import annotations

import dataclasses
import sqlite3
from collections import defaultdict
from datetime import UTC, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl
import pytest
from runhelpers import request_for, run_sync

from pricelookup.detail import ProductDetail, SourceNote
from pricelookup.errors import JournalError
from pricelookup.export.changes import compare_product, diff_runs
from pricelookup.export.metrics import (
    gap_to_lowest_pct,
    offer_stats,
    parse_price_text,
    rank_among_shops,
)
from pricelookup.journal import Journal
from pricelookup.outcome import ANSWER_SCHEMA, outcome_of
from pricelookup.phrasing import SOURCE_NOTE_TEMPLATES, read_phrases
from pricelookup.records import PriceApiOffer, PriceApiProduct
from pricelookup.results import RunResult
from pricelookup.run import codec
from pricelookup.run.api import load_outcome, load_run, product_detail
from pricelookup.run.table_store import store_validated
from pricelookup.sandbox import SandboxConfig
from pricelookup.sandbox.data import Catalogue, priceapi_outcome
from pricelookup.sheets import read_table
from pricelookup.validation import validate_table
from warpclock import WarpClock, serve_sandbox

PARIS = ZoneInfo("Europe/Paris")


@dataclasses.dataclass(frozen=True)
class Runs:
    data_dir: Path
    first: RunResult
    second: RunResult
    third: RunResult
    rich: tuple[str, ...]  # GTIN-14s found by PriceAPI, followed by OfficiScan, matched by Monitorize
    codes: tuple[str, ...]  # every GTIN-14 of the input, in order
    own: dict[str, str]  # GTIN-14 -> own price as typed


def _codes(catalogue: Catalogue) -> tuple[list[str], list[str]]:
    """Eight candidates for "rich" codes (PriceAPI finds them, OfficiScan follows them, Monitorize
    matches them by EAN), then twelve more of the universe (not found ones and others among them)."""
    matched = {m.ean13 for m in catalogue.monitorize if m.matched and m.ref == m.ean13}
    rich = [o.ean13 for o in catalogue.officiscan
            if o.ean13 in matched and priceapi_outcome(o.ean13.zfill(14), 0) == "found"][:8]
    others = [c for c in catalogue.universe[20:400] if c not in rich and c.isdigit()][:12]
    return rich, others


@pytest.fixture(scope="module")
def runs(catalogue: Catalogue, warp: WarpClock, tmp_path_factory: pytest.TempPathFactory) -> Runs:
    rich, others = _codes(catalogue)
    folder = tmp_path_factory.mktemp("detail")
    codes = [*rich, *others]
    own = {c.zfill(14): f"{3 + i},{i % 10}9" for i, c in enumerate(codes)}
    inp = folder / "codes.csv"
    inp.write_text("ean;name;prix\n" + "".join(f"{c};product {i};{own[c.zfill(14)]}\n" for i, c in enumerate(codes)),
                   encoding="utf-8")
    data_dir = folder / "journal"
    sb = serve_sandbox(SandboxConfig(job_seconds=0.3, officiscan_rate=500.0), clock=warp, catalogue=catalogue)
    try:
        common: dict[str, Any] = {"tuning": warp.tuning(officiscan_rate=500.0), "own_price_column": "prix"}
        rich_settings: dict[str, Any] = {"officiscan": True, "officiscan_days": 10, "monitorize": True,
                                         "monitorize_history": True}
        first = run_sync(request_for(sb, inp, data_dir, **rich_settings, **common))
        second = run_sync(request_for(sb, inp, data_dir, currentness="realtime", **rich_settings, **common))
        third = run_sync(request_for(sb, inp, data_dir, **common))
    finally:
        sb.stop()
    for r in (first, second, third):
        assert r.status == "finished" and r.service_failures == {}
    assert third.cached == frozenset(third.priceapi)  # all copies of run 2's answers
    # found with offers (a product found on one page may have none)
    with_offers = tuple(g for c in rich if (g := c.zfill(14)) in second.priceapi and second.priceapi[g].offers)
    assert len(with_offers) >= 2
    return Runs(data_dir, first, second, third, with_offers, tuple(c.zfill(14) for c in codes), own)


def detail(runs: Runs, result: RunResult, gtin14: str) -> ProductDetail:
    return product_detail(result.run_id, gtin14, runs.data_dir)


# --- the offers -------------------------------------------------------------------------------------------


def test_the_offers_are_every_answer_the_run_stored(runs: Runs) -> None:
    result = runs.second
    for g in runs.codes:
        d = detail(runs, result, g)
        product = result.priceapi.get(g)
        priceapi = [o for o in d.offers if o.source == "PriceAPI"]
        want = product.offers if product is not None and product.success else ()
        assert len(priceapi) == len(want)
        assert [(o.seller, o.price, o.shipping, o.total, o.currency, o.position, o.url) for o in priceapi] == [
            (w.shop_name or "", w.price, w.shipping_costs, w.price_with_shipping, w.currency, w.position, w.url)
            for w in want]
        assert all(o.availability == (w.availability_text or w.availability_code) for o, w in zip(priceapi, want,
                                                                                                  strict=True))
        mz = result.monitorize.get(g)
        assert [(o.seller, o.price, o.promo, o.strike_price, o.availability) for o in d.offers
                if o.source == "Monitorize"] == [(m.site, m.price, m.promo, m.strike_price, m.stock_label)
                                                 for m in (mz.offers if mz else ())]
        snaps = result.officiscan.get(g, ())
        officiscan = [o for o in d.offers if o.source == "OfficiScan"]
        assert [o.seller for o in officiscan] == sorted({s.network for s in snaps})  # the latest per network
        for o in officiscan:
            latest = max((s for s in snaps if s.network == o.seller), key=lambda s: (s.collected_at, s.id))
            assert (o.price, o.strike_price, o.in_stock, o.seen_at) == (
                latest.price_current, latest.price_original, latest.in_stock, latest.collected_at)
        # PriceAPI's offers first, then Monitorize's, then OfficiScan's
        order = {"PriceAPI": 0, "Monitorize": 1, "OfficiScan": 2}
        assert [order[o.source] for o in d.offers] == sorted(order[o.source] for o in d.offers)


def test_a_rich_code_has_offers_of_all_three_sources_and_its_product(runs: Runs) -> None:
    for g in runs.rich:
        d = detail(runs, runs.second, g)
        product = runs.second.priceapi[g]
        assert {o.source for o in d.offers} == {"PriceAPI", "Monitorize", "OfficiScan"}
        assert (d.lookup, d.status, d.name, d.brand, d.category, d.rating, d.review_count, d.gtins, d.url) == (
            "found", "valid", product.name, product.brand_name, product.category_name, product.review_rating,
            product.review_count, product.gtins, product.url)


def test_the_own_price_gap_and_rank_are_those_of_the_workbook(runs: Runs) -> None:
    for g in runs.codes:
        d = detail(runs, runs.second, g)
        own = parse_price_text(runs.own[g])
        assert own is not None and d.own_price == own
        product = runs.second.priceapi.get(g)
        if product is not None and product.success and product.offers:
            stats = offer_stats(product.offers)
            assert (d.lowest, d.currency) == (stats.lowest, stats.currency)
            assert d.own_gap_pct == gap_to_lowest_pct(own, stats.lowest)
            assert d.own_rank == rank_among_shops(own, stats.shop_prices)
        else:
            assert d.lowest is None and d.own_gap_pct is None and d.own_rank is None


def test_not_found_and_failed_codes_say_so(runs: Runs) -> None:
    for g in runs.codes:
        product = runs.second.priceapi[g]
        if product.success:
            continue
        d = detail(runs, runs.second, g)
        assert d.lookup == product.reason and not [o for o in d.offers if o.source == "PriceAPI"]
        words = {n.text for n in d.notes if n.source == "PriceAPI"}
        assert words & {"PriceAPI did not find this product", f"PriceAPI gave no answer for this product: "
                                                                f"{product.reason}"}


# --- the history ------------------------------------------------------------------------------------------


def test_one_series_per_officiscan_network_with_every_snapshot(runs: Runs) -> None:
    for g in runs.rich:
        d = detail(runs, runs.second, g)
        snaps = runs.second.officiscan[g]
        by_network: dict[str, list[Any]] = defaultdict(list)
        for s in sorted(snaps, key=lambda s: (s.collected_at, s.id)):
            if s.price_current is not None:
                by_network[s.network].append((s.collected_at, s.price_current))
        series = {s.seller: s for s in d.history if s.source == "OfficiScan"}
        assert set(series) == set(by_network) and len(series) >= 2
        for network, points in by_network.items():
            assert [(p.at, p.price) for p in series[network].points] == points
            assert all(p.at.tzinfo is not None for p in series[network].points)


def test_one_series_per_monitorize_site_dated_at_midnight_in_paris(runs: Runs) -> None:
    seen = 0
    for g in runs.rich:
        d = detail(runs, runs.second, g)
        by_site: dict[str, list[Any]] = defaultdict(list)
        for p in sorted(runs.second.monitorize_history.get(g, ()), key=lambda p: p.date):
            if p.price is not None:
                by_site[p.site].append((datetime.combine(p.date, time(), tzinfo=PARIS), p.price))
        series = {s.seller: s for s in d.history if s.source == "Monitorize"}
        assert set(series) == set(by_site)
        for site, points in by_site.items():
            assert [(p.at, p.price) for p in series[site].points] == points
            assert series[site].currency == "EUR"
        seen += len(series)
    assert seen >= 2


def test_the_lowest_priceapi_price_has_one_point_per_run_and_a_cached_copy_is_no_new_point(runs: Runs) -> None:
    with Journal.open(runs.data_dir) as journal:
        for g in runs.rich:
            answers = [journal.stored_result(r.run_id, g) for r in (runs.first, runs.second)]
            copy = journal.stored_result(runs.third.run_id, g)
            assert copy is not None and answers[1] is not None
            assert copy.origin_run == runs.second.run_id and copy.fetched_at == answers[1].fetched_at
            # each point at the time PriceAPI dates its data (updated_at), else when it answered
            products = [(a, codec.product_from_json(a.product_json)) for a in answers if a is not None]
            want = sorted((p.updated_at.astimezone(UTC) if p.updated_at else datetime.fromtimestamp(a.fetched_at, UTC),
                           offer_stats(p.offers).lowest) for a, p in products)
            for result in (runs.first, runs.second, runs.third):  # whichever run is shown: the same history
                (lowest,) = [s for s in detail(runs, result, g).history if s.source == "PriceAPI"]
                assert lowest.seller == "lowest" and lowest.currency == "EUR"
                assert [(p.at, p.price) for p in lowest.points] == want and len(want) == 2


# --- what moved -------------------------------------------------------------------------------------------


def test_the_move_is_the_changes_sheets_comparison_with_the_previous_run(runs: Runs) -> None:
    second = load_run(runs.second.run_id, runs.data_dir)
    assert second.previous is not None and second.previous.run_id == runs.first.run_id
    sheet = diff_runs(runs.codes, second.priceapi, second.previous.priceapi, second.monitorize,
                      second.previous.monitorize, second.settings.change_threshold_pct)
    for g in runs.codes:
        move = detail(runs, runs.second, g).move
        assert move is not None and move.previous_run == runs.first.run_id
        c = compare_product(g, second.previous.priceapi.get(g), second.priceapi.get(g),
                            second.previous.monitorize.get(g), second.monitorize.get(g),
                            second.settings.change_threshold_pct)
        assert (move.old_lowest, move.new_lowest, move.lowest_pct, move.old_offers, move.new_offers) == (
            c.old_lowest, c.new_lowest, c.lowest_pct, c.old_offers, c.new_offers)
        assert move.changes == len([x for x in sheet if x.gtin14 == g]) == len(c.changes)
    assert detail(runs, runs.first, runs.rich[0]).move is None  # nothing before the first run


def test_the_windows_columns_are_the_comparison_of_each_row(runs: Runs) -> None:
    second = load_run(runs.second.run_id, runs.data_dir)
    assert second.previous is not None
    outcome = outcome_of(second)
    assert outcome.answers.columns == list(ANSWER_SCHEMA)
    assert outcome.answers.schema["offers_move"] == pl.Int32 and outcome.answers.schema["changed"] == pl.Boolean
    rows = outcome.answers.select("lowest_move_pct", "offers_move", "changed").rows()
    threshold = second.settings.change_threshold_pct
    for g, row in zip(second.validated.checks.get_column("gtin14").to_list(), rows, strict=True):
        c = compare_product(g, second.previous.priceapi.get(g), second.priceapi.get(g),
                            second.previous.monitorize.get(g), second.monitorize.get(g), threshold)
        assert row == (None if c.lowest_pct is None else str(c.lowest_pct), c.offers_move, c.changed)
        if second.priceapi[g].success:  # found both times: compared
            assert row[1] is not None and row[2] is not None
    # no previous run: all three null
    first = outcome_of(load_run(runs.first.run_id, runs.data_dir))
    assert first.answers.select("lowest_move_pct", "offers_move", "changed").null_count().row(0) == (
        first.answers.height,) * 3


def test_load_outcome_opens_a_journaled_run_for_the_window(runs: Runs) -> None:
    outcome = load_outcome(runs.second.run_id, runs.data_dir)
    expected = outcome_of(load_run(runs.second.run_id, runs.data_dir), include_table=True)
    assert outcome.run_id == runs.second.run_id and outcome.status == "finished"
    assert outcome.answers.equals(expected.answers)
    assert outcome.validated is not None and outcome.validated.checks.equals(runs.second.validated.checks)
    assert (outcome.found, outcome.failed, outcome.cached) == (expected.found, expected.failed, expected.cached)


def test_the_previous_run_is_the_latest_earlier_one_over_the_same_codes(runs: Runs) -> None:
    with Journal.open(runs.data_dir) as journal:
        def previous(result: Any) -> str | None:
            return journal.previous_run_of(result.run_id, source=result.settings.source,
                                           country=result.settings.country)

        assert [previous(r) for r in (runs.first, runs.second, runs.third)] == [
            None, runs.first.run_id, runs.second.run_id]
        assert journal.previous_run_of(runs.second.run_id, source="amazon", country="fr") is None


def test_previous_run_of_counts_the_codes_in_doubt(tmp_path: Path) -> None:
    with Journal.open(tmp_path) as journal:
        def run(codes: list[str], country: str = "fr") -> str:
            run_id = journal.create_run(input_path=None, input_sha256="x", sheet=None, code_column=None,
                                        settings={"country": country}, fingerprint={}, endpoint="e", sandbox=True,
                                        app_version="t", rows=len(codes), codes=len(codes))
            job = journal.add_intent(run_id, 0, codes)
            journal.store_download(job, run_id, [(c, "[]", True, None) for c in codes], free_credits=0,
                                   paid_credits=0, lookup_key="k", currentness="daily_updated")
            journal.set_run_status(run_id, "finished", finished=True)
            return run_id

        older = run(["a", "b"])
        other_country = run(["c"], "de")
        newer = run(["c"])
        me = run(["d"])
        for extra, want in (((), None), (("zzz",), None), (("a", "c"), newer)):
            assert journal.previous_run_of(me, source="google-shopping", country="fr", extra_codes=extra) == want
        assert journal.previous_run_of(me, source="google-shopping", country="fr", extra_codes=("c",)) == newer
        assert journal.previous_run_of(me, source="google-shopping", country="fr", extra_codes=("a",)) == older
        assert journal.previous_run_of(me, source="google-shopping", country="de", extra_codes=("c",)) == other_country


# --- notes ------------------------------------------------------------------------------------------------


def test_a_source_that_was_off_says_so(runs: Runs) -> None:
    d = detail(runs, runs.third, runs.rich[0])
    assert SourceNote("OfficiScan", "OfficiScan was not asked in this run") in [
        dataclasses.replace(n, phrase=None) for n in d.notes]
    assert SourceNote("Monitorize", "Monitorize was not asked in this run") in [
        dataclasses.replace(n, phrase=None) for n in d.notes]
    assert {o.source for o in d.offers} == {"PriceAPI"}
    assert {s.source for s in d.history} == {"PriceAPI"}
    for n in d.notes:  # the window translates them: each is one of the templates, filled in
        assert n.phrase is not None and str(n.phrase) == n.text and n.phrase.template in SOURCE_NOTE_TEMPLATES
        assert read_phrases(n.text, SOURCE_NOTE_TEMPLATES) is not None


def test_a_rich_code_of_a_run_with_every_source_has_no_note(runs: Runs) -> None:
    assert detail(runs, runs.second, runs.rich[0]).notes == ()


def test_a_code_monitorize_does_not_know_says_so(runs: Runs) -> None:
    unmatched = [g for g in runs.codes if g not in runs.second.monitorize]
    assert unmatched
    d = detail(runs, runs.second, unmatched[0])
    assert ("Monitorize", "Monitorize has no data for this product") in [(n.source, n.text) for n in d.notes]


# --- errors, a run in progress, an older journal ------------------------------------------------------------


def test_an_unknown_run_or_code_is_a_journal_error_that_says_what_to_do(runs: Runs, tmp_path: Path) -> None:
    with pytest.raises(JournalError, match=r"no run 'nope'.*pricelookup runs"):
        product_detail("nope", runs.rich[0], runs.data_dir)
    with pytest.raises(JournalError, match=rf"Run {runs.second.run_id} has no product 04006381333931.*pricelookup runs"):
        product_detail(runs.second.run_id, "04006381333931", runs.data_dir)
    with pytest.raises(JournalError, match="There is no journal in"):
        product_detail(runs.second.run_id, runs.rich[0], tmp_path / "empty")


def _running_run(folder: Path) -> tuple[Path, str, list[str]]:
    """A run still going: its table stored, two of its three codes answered so far."""
    csv = folder / "in.csv"
    csv.write_text("ean\n3401284890894\n4006381333931\n0885909666966\n", encoding="utf-8")
    validated = validate_table(read_table(csv))
    codes = validated.lookup_codes(include_restricted=False)
    data_dir = folder / "journal"
    with Journal.open(data_dir) as journal:
        run_id = journal.create_run(input_path=str(csv), input_sha256="x", sheet=None, code_column="ean",
                                    settings={"officiscan": True, "monitorize": True}, fingerprint={},
                                    endpoint="e", sandbox=True, app_version="t", rows=3, codes=3)
        store_validated(data_dir, run_id, validated)
        job = journal.add_intent(run_id, 0, codes[:2])
        offer = PriceApiOffer("Shop", Decimal("9.90"), None, None, "EUR", availability_code="in_stock", position=1)
        found = [(c, codec.product_to_json(PriceApiProduct(c, True, None, "google-shopping", "fr", "gtin", name="N",
                                                            offers=(offer,))), True, None) for c in codes[:2]]
        journal.store_download(job, run_id, found, free_credits=0, paid_credits=2, lookup_key="k",
                               currentness="daily_updated")
    return data_dir, run_id, codes


def test_a_run_in_progress_is_read_as_far_as_it_got_while_it_writes(tmp_path: Path) -> None:
    data_dir, run_id, codes = _running_run(tmp_path)
    writer = sqlite3.connect(data_dir / "journal.sqlite3", isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")  # the engine in the middle of a write: reading does not wait
    try:
        answered = product_detail(run_id, codes[0], data_dir)
        waiting = product_detail(run_id, codes[2], data_dir)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert answered.lookup == "found" and [(o.seller, o.price) for o in answered.offers] == [("Shop", Decimal("9.90"))]
    assert waiting.lookup == "not looked up yet" and waiting.offers == ()
    notes = {(n.source, n.text) for n in waiting.notes}
    assert {("PriceAPI", "PriceAPI has not answered for this product yet"),
            ("OfficiScan", "OfficiScan has not answered for this product yet"),
            ("Monitorize", "Monitorize has not answered for this product yet")} <= notes


def test_a_journal_of_an_earlier_release_gets_the_code_index_on_first_read(tmp_path: Path) -> None:
    data_dir, run_id, codes = _running_run(tmp_path)
    db = sqlite3.connect(data_dir / "journal.sqlite3")
    db.execute("DROP INDEX ix_results_gtin")
    db.commit()
    db.close()
    assert product_detail(run_id, codes[0], data_dir).lookup == "found"
    db = sqlite3.connect(data_dir / "journal.sqlite3")
    plan = db.execute("EXPLAIN QUERY PLAN SELECT product FROM priceapi_results WHERE gtin14 = ?", (codes[0],)).fetchall()
    db.close()
    assert "ix_results_gtin" in str(plan)
