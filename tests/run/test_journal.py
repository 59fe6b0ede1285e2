"""The SQLite journal: intent before POST, results, cache, resume matching, previous run, locks."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

import pytest

from pricelookup.errors import JournalError
from pricelookup.journal import Journal, RunLock
from pricelookup.records import (
    MonitorizeOffer,
    MonitorizeProduct,
    OfficiscanSnapshot,
    PriceApiOffer,
    PriceApiProduct,
)
from pricelookup.run import codec

FP = {"source": "google-shopping", "country": "fr", "key": "gtin", "completeness": "one_page"}


def _run(j: Journal, sha: str = "abc", fp: dict | None = None, endpoint: str = "http://127.0.0.1:1/priceapi",
         settings: dict | None = None) -> str:
    return j.create_run(input_path="in.csv", input_sha256=sha, sheet="in.csv", code_column="ean",
                        settings=settings or {"source": "google-shopping", "country": "fr"},
                        fingerprint=fp or FP, endpoint=endpoint, sandbox=True, app_version="0", rows=3, codes=2,
                        lookup_key="k")


def _product(value: str, price: str = "12.50", success: bool = True, reason: str | None = None) -> PriceApiProduct:
    return PriceApiProduct(
        value=value, success=success, reason=reason, source="google-shopping", country="fr", key="gtin",
        id="42", name="=HYPERLINK(\"x\") ☺", gtins=(value,), url="https://x",
        updated_at=datetime(2024, 5, 1, 12, 0, tzinfo=UTC),
        offers=(PriceApiOffer("Shop", Decimal(price), Decimal("13.00"), None, "EUR", position=1),),
    )


def test_codec_round_trips_exactly() -> None:
    p = _product("03401560504508", price="0.10")
    back = codec.product_from_json(codec.product_to_json(p))
    assert back == p
    assert back.offers[0].price == Decimal("0.10") and str(back.offers[0].price) == "0.10"
    snaps = (OfficiscanSnapshot(1, 2, "3401560504508", datetime(2024, 1, 1, 8, 30), "cocooncenter", None,
                                Decimal("12.95"), None, "EUR", True, "En stock", Decimal("4.6"), 28),)
    assert codec.record_from_json(codec.SNAPSHOTS, codec.record_to_json(snaps)) == snaps
    mp = MonitorizeProduct("1", "Doliprane", "3400930000000",
                           (MonitorizeOffer("site", None, None, Decimal("2.49"), 1, "En stock", None, None),))
    assert codec.record_from_json(MonitorizeProduct, codec.record_to_json(mp)) == mp


def test_intent_is_committed_before_the_post_and_visible_to_another_connection(tmp_path: Path) -> None:
    with Journal.open(tmp_path) as j:
        run = _run(j)
        job = j.add_intent(run, 0, ["00000000000017", "00000000000024"])
        # another process (a crash survivor) sees the intent without any further commit
        other = Journal.open(tmp_path)
        (row,) = other.jobs(run)
        assert row.state == "intent" and row.job_id is None
        assert row.values == ("00000000000017", "00000000000024")
        j.mark_submitted(job, "job-1", "new")
        assert other.jobs(run)[0].state == "submitted"
        assert other.jobs(run)[0].job_id == "job-1"
        other.close()


def test_download_stores_results_and_credits_in_one_transaction(tmp_path: Path) -> None:
    with Journal.open(tmp_path) as j:
        run = _run(j)
        job = j.add_intent(run, 0, ["00000000000017"])
        j.mark_submitted(job, "job-1", "new")
        p = _product("00000000000017")
        j.store_download(job, run, [("00000000000017", codec.product_to_json(p), True, None)],
                         free_credits=0, paid_credits=1, lookup_key="k", currentness="daily_updated")
        assert j.jobs(run)[0].state == "downloaded"
        assert j.answered_codes(run) == {"00000000000017"}
        assert j.credits_used(run) == 1
        (stored,) = list(j.results(run))
        assert codec.product_from_json(stored.product_json) == p


def test_cache_reuses_fresh_answers_but_not_our_own_statuses(tmp_path: Path) -> None:
    with Journal.open(tmp_path) as j:
        old = _run(j)
        job = j.add_intent(old, 0, ["a", "b", "c"])
        j.mark_submitted(job, "job-1", "new")
        rows = [("a", "{}", True, None), ("b", "{}", False, "not found"), ("c", "{}", False, "no answer (ours)")]
        j.store_download(job, old, rows, free_credits=0, paid_credits=2, lookup_key="k", currentness="daily_updated",
                         fetched_at=time.time() - 3600)
        new = _run(j)
        hits = j.cached_results(["a", "b", "c", "d"], lookup_key="k", currentness="daily_updated",
                                max_age_s=20 * 3600, exclude_run=new, not_reasons=("no answer (ours)",))
        assert set(hits) == {"a", "b"}
        # other settings/endpoint: nothing
        assert j.cached_results(["a"], lookup_key="other", currentness="daily_updated", max_age_s=1e9) == {}
        # too old for realtime, and daily answers never serve a realtime request
        assert j.cached_results(["a"], lookup_key="k", currentness="realtime", max_age_s=1e9) == {}
        assert j.cached_results(["a"], lookup_key="k", currentness="daily_updated", max_age_s=60) == {}
        j.copy_cached(new, hits.values(), lookup_key="k", currentness="daily_updated")
        copied = {r.gtin14: r for r in j.results(new)}
        assert copied["a"].origin_run == old
        # the copy keeps its age: it does not become a fresh answer
        assert copied["a"].fetched_at == pytest.approx(hits["a"].fetched_at)
        assert j.credits_used(new) == 0


def test_resume_matches_only_same_file_settings_and_endpoint(tmp_path: Path) -> None:
    with Journal.open(tmp_path) as j:
        run = _run(j)
        kw = dict(input_sha256="abc", sheet="in.csv", code_column="ean", fingerprint=FP,
                  endpoint="http://127.0.0.1:1/priceapi")
        assert j.find_resumable(**kw).run_id == run  # type: ignore[union-attr]
        assert j.find_resumable(**{**kw, "input_sha256": "other"}) is None
        assert j.find_resumable(**{**kw, "fingerprint": {**FP, "country": "de"}}) is None
        assert j.find_resumable(**{**kw, "endpoint": "https://api.priceapi.com"}) is None
        assert j.find_resumable(**{**kw, "code_column": "B"}) is None
        # key order of the fingerprint does not matter
        assert j.find_resumable(**{**kw, "fingerprint": dict(reversed(list(FP.items())))}) is not None
        j.set_run_status(run, "finished", finished=True)
        assert j.find_resumable(**kw) is None
        assert j.get_run(run).finished_at is not None


def test_previous_run_is_the_latest_finished_with_overlapping_codes(tmp_path: Path) -> None:
    with Journal.open(tmp_path) as j:
        runs = []
        for codes in (["a"], ["b"], ["x"]):
            r = _run(j)
            job = j.add_intent(r, 0, codes)
            j.store_download(job, r, [(c, "{}", True, None) for c in codes], free_credits=0, paid_credits=1,
                             lookup_key="k", currentness="daily_updated")
            j.set_run_status(r, "finished", finished=True)
            runs.append(r)
        current = _run(j)  # no answer of its own yet: its codes are given
        kw = {"source": "google-shopping", "country": "fr"}
        assert j.previous_run_of(current, extra_codes=["a", "b"], **kw) == runs[1]
        assert j.previous_run_of(current, extra_codes=["a"], **kw) == runs[0]
        assert j.previous_run_of(current, extra_codes=["zzz"], **kw) is None
        assert j.previous_run_of(current, extra_codes=[], **kw) is None
        assert j.previous_run_of(current, extra_codes=["a"], source="amazon", country="fr") is None


def test_unknown_run_names_the_journal(tmp_path: Path) -> None:
    with Journal.open(tmp_path) as j, pytest.raises(JournalError, match="pricelookup runs"):
        j.get_run("nope")


def test_enrichment_and_failures(tmp_path: Path) -> None:
    with Journal.open(tmp_path) as j:
        run = _run(j)
        j.put_enrichment(run, "officiscan", [("a", "[]"), ("b", "[1]")])
        assert j.enrichment(run, "officiscan") == {"a": "[]", "b": "[1]"}
        assert j.enrichment_codes(run, "officiscan") == {"a", "b"}
        j.set_service_failure(run, "monitorize", "Monitorize: down")
        assert j.service_failures(run) == {"monitorize": "Monitorize: down"}
        j.set_service_failure(run, "monitorize", None)
        assert j.service_failures(run) == {}


def test_run_lock_is_released_when_the_holder_is_killed(tmp_path: Path) -> None:
    path = tmp_path / "lock"
    code = (f"import sys,time; sys.path[:0]={sys.path!r}; from pathlib import Path; "
            f"from pricelookup.journal import RunLock; l=RunLock(Path({str(path)!r})); "
            "assert l.acquire(); print('ok', flush=True); time.sleep(60)")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert proc.stdout is not None and proc.stdout.readline().strip() == "ok"
        assert RunLock(path).held_elsewhere()
        assert not RunLock(path).acquire()
    finally:
        proc.kill()
        proc.wait()
    lock = RunLock(path)
    assert lock.acquire()
    lock.release()
