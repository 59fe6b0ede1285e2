"""A journal written by release 0.1.0 opens with this code (tests/data/journals/release-0.1.0).

That release stored rows as positional arrays without a layout version. This code reads them as
that release read them, field by field (``expected.json`` is what 0.1.0 itself read back from the
journal): a run's result, the SQL aggregates at fixed positions, the 20-hour cache and resume.
Fields added since (layout 2: a product's ``eans`` and ``relevance``, a snapshot's ``has_variants``)
read as their defaults, and a snapshot's zone-less ``collected_at`` as OfficiScan's local time
(:func:`as_read_now`). And moving a field in records.py no longer changes what a journal means,
while renaming one stops with a JournalError naming the record instead of reading values into the
wrong fields.
"""

from __future__ import annotations

import csv
import dataclasses
import hashlib
import inspect
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from pricelookup.journal import Journal, StoredResult
from pricelookup.records import PriceApiOffer, PriceApiProduct
from pricelookup.run import codec
from pricelookup.run.api import RunRequest, load_run
from pricelookup.run.planning import lookup_key_of, plan_lookup
from pricelookup.run.store import JournalProducts
from pricelookup.settings import Endpoints, ServiceKeys

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "journals" / "release-0.1.0"
EXPECTED: dict[str, Any] = json.loads((FIXTURE / "expected.json").read_text(encoding="utf-8"))
FINISHED, CANCELLED = EXPECTED["finished_run"], EXPECTED["cancelled_run"]
ENRICHMENT = ("officiscan", "officiscan_variants", "monitorize", "monitorize_lowest")


def _paris_repr(text: str) -> str:
    """A zone-less datetime's repr (``datetime.datetime(2026, 12, 5, 9, 46, 8)``) as the same wall time
    in Paris, OfficiScan's local time."""
    match = re.fullmatch(r"datetime\.datetime\(([\d, ]+)\)", text)
    assert match, text
    value = datetime(*(int(n) for n in match.group(1).split(",")))  # type: ignore[misc]
    return repr(value.replace(tzinfo=ZoneInfo("Europe/Paris")))


def as_read_now(kind: str, expected: dict[str, Any]) -> dict[str, Any]:
    """``expected`` (what 0.1.0 read) as this release reads the same rows: the fields added in layout 2
    as their defaults, a snapshot's collected_at as Paris time."""
    if kind == "priceapi":
        return {g: {**p, "eans": [], "relevance": None} for g, p in expected.items()}
    if kind == "officiscan":
        return {g: [{**s, "collected_at": _paris_repr(s["collected_at"]), "has_variants": None} for s in snaps]
                for g, snaps in expected.items()}
    return expected


PRICEAPI_NOW = as_read_now("priceapi", EXPECTED["priceapi"])


def plain(value: object) -> object:
    """A record as JSON by field name, Decimals and dates as their repr: as make_journal.py wrote
    what release 0.1.0 read."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | int | bool):
        return value
    return repr(value)


def digest(points: tuple[object, ...]) -> dict[str, object]:
    everything = json.dumps(plain(points), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {"points": len(points), "first": plain(points[0]) if points else None,
            "last": plain(points[-1]) if points else None,
            "sha256": hashlib.sha256(everything.encode("utf-8")).hexdigest()}


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A copy of the fixture's data folder: opening a journal writes to it (WAL, schema row)."""
    return Path(shutil.copytree(FIXTURE / "data", tmp_path / "data"))


def codes_of(name: str) -> list[str]:
    with (FIXTURE / "inputs" / name).open(encoding="utf-8") as f:
        return [row["ean"].zfill(14) for row in csv.DictReader(f, delimiter=";")]


def request_like(journal: Journal, run_id: str, data_dir: Path, input_name: str) -> RunRequest:
    """A request with the run's own settings and PriceAPI endpoint (cache and resume match on them)."""
    run = journal.get_run(run_id)
    return RunRequest(input_path=FIXTURE / "inputs" / input_name, settings=run.settings,
                      endpoints=Endpoints.for_sandbox(run.endpoint.removesuffix("/priceapi")),
                      keys=ServiceKeys.sandbox(), data_dir=data_dir)


def age_to_an_hour_ago(data_dir: Path) -> None:
    """As if the journal had been written an hour ago (the cache only reuses answers under 20 hours)."""
    an_hour_ago = datetime.now(UTC) - timedelta(hours=1)
    with sqlite3.connect(data_dir / "journal.sqlite3") as db:
        db.execute("UPDATE runs SET updated_at = ?", (an_hour_ago.isoformat(timespec="microseconds"),))
        db.execute("UPDATE priceapi_results SET fetched_at = ?", (an_hour_ago.timestamp(),))
    db.close()


def test_the_fixture_holds_release_0_1_0s_rows_without_a_layout_version() -> None:
    db = sqlite3.connect(f"{(FIXTURE / 'data' / 'journal.sqlite3').as_uri()}?mode=ro", uri=True)
    try:
        assert {r[0] for r in db.execute("SELECT app_version FROM runs")} == {"0.1.0"}
        products = [json.loads(r[0]) for r in db.execute("SELECT product FROM priceapi_results")]
        payloads = [json.loads(r[0]) for r in db.execute(
            "SELECT payload FROM enrichment WHERE kind IN ('officiscan', 'monitorize', 'monitorize_history')")]
    finally:
        db.close()
    assert len(products) == 32  # 20 answers of the finished run, 12 reused by the cancelled one
    assert all(len(p) == 16 and isinstance(p[-1], list) for p in products)  # offers last: no version
    assert payloads and all(not p or isinstance(p[-1], list) for p in payloads)


def test_the_finished_run_reads_back_as_release_0_1_0_read_it(data_dir: Path) -> None:
    result = load_run(FINISHED, data_dir)
    assert (result.status, result.app_version, result.credits_used) == ("finished", "0.1.0", 19)
    assert {g: plain(p) for g, p in result.priceapi.items()} == PRICEAPI_NOW
    for kind in ENRICHMENT:
        assert {g: plain(v) for g, v in getattr(result, kind).items()} == as_read_now(kind, EXPECTED[kind]), kind
    assert {g: digest(v) for g, v in result.monitorize_history.items()} == EXPECTED["monitorize_history"]

    # a few values in the open, as an analyst sees them in the workbook
    elgydium = result.priceapi["03401351277399"]
    assert isinstance(elgydium, PriceApiProduct) and elgydium.success
    assert (elgydium.name, elgydium.brand_name, elgydium.review_rating) == (
        "Elgydium dentifrice blancheur 75 ml", "Elgydium", 48)
    assert elgydium.gtins == ("03401351277399", "03401351435836")
    assert elgydium.updated_at is not None and elgydium.updated_at.tzinfo is not None
    (offer,) = elgydium.offers
    assert (offer.shop_name, offer.price, offer.currency, offer.position) == (
        "Santé Discount", Decimal("3.00"), "EUR", 1)
    assert type(offer.price) is Decimal and str(offer.price) == "3.00"
    fnac = result.priceapi["00885909666966"].offers[1]
    assert fnac == PriceApiOffer("Fnac", Decimal("1.36"), Decimal("5.35"), Decimal("3.99"), "EUR",
                                 "https://www.fnac.fr/p/0885909666966?o=2", "Lindt Confiture fraises 370 g réf. 841",
                                 "in_stock", "En stock", 2, 2)
    assert result.priceapi["03318984335368"].name.startswith('=HYPERLINK("')  # type: ignore[union-attr]
    assert (result.priceapi["03474467262078"].success, result.priceapi["03474467262078"].reason) == (False, "not found")
    variant = result.officiscan_variants["03401351277399"][0]
    assert (variant.brand, variant.packaging, variant.is_default, variant.latest_price) == (
        "elgydium", "Boîte de 30", True, Decimal("3.54"))
    snapshot = result.officiscan["03401351277399"][0]
    assert snapshot.ean13 == "3401351277399" and type(snapshot.price_current) is Decimal
    assert isinstance(snapshot.collected_at, datetime) and snapshot.network
    assert snapshot.collected_at.tzinfo is not None and snapshot.has_variants is None
    assert elgydium.eans == () and elgydium.relevance is None  # not in 0.1.0's rows: the defaults
    lindt = result.monitorize["00885909666966"]
    assert (lindt.id, lindt.ref) == ("9", "0885909666966")
    assert [(o.site, o.price) for o in lindt.offers][:2] == [
        ("auchan.fr", Decimal("1.84")), ("manomano.fr", Decimal("1.59"))]

    # the workbook's aggregates: SQL over the stored arrays at codec.OFFERS_AT / OFFER_SHOP_AT
    products = result.priceapi
    assert isinstance(products, JournalProducts)
    assert list(products.outcome_counts()) == EXPECTED["outcome_counts"] == [17, 2, 1, 93]
    assert list(products.offer_count_stats(3)) == EXPECTED["offer_count_stats_3"]
    assert dict(products.offers_per_shop()) == EXPECTED["offers_per_shop"]
    assert sum(products.offers_per_shop().values()) == sum(len(p.offers) for p in products.values()) == 93
    products.close()


def test_its_answers_serve_the_cache_beside_rows_written_now(data_dir: Path) -> None:
    age_to_an_hour_ago(data_dir)
    codes = codes_of("codes-a.csv")
    with Journal.open(data_dir) as journal:
        request = request_like(journal, FINISHED, data_dir, "codes-a.csv")
        planned = plan_lookup(journal, request, codes, None)
        assert set(planned.cache) == set(codes) and planned.plan.to_submit == ()  # nothing to pay again
        assert all(codec.product_from_json(h.product_json).value == g for g, h in planned.cache.items())

        # the engine's cache step: the old rows go into the new run as they are, beside one written now
        run = journal.create_run(input_path=None, input_sha256="x", sheet=None, code_column=None, settings={},
                                 fingerprint={}, endpoint=request.endpoints.priceapi, sandbox=True,
                                 app_version="now", rows=21, codes=21, lookup_key=lookup_key_of(request))
        journal.copy_cached(run, planned.cache.values(), lookup_key=lookup_key_of(request),
                            currentness=request.settings.currentness)
        fresh = PriceApiProduct("00000000000017", True, None, "google-shopping", "fr", "gtin", name="Fresh",
                                offers=(PriceApiOffer("Santé Discount", Decimal("2.50"), None, None, "EUR"),
                                        PriceApiOffer(None, Decimal("9.90"), None, None, "EUR")))
        journal.copy_cached(run, [StoredResult("00000000000017", codec.product_to_json(fresh), True, None,
                                               time.time(), run, None)],
                            lookup_key=lookup_key_of(request), currentness=request.settings.currentness)
    products = JournalProducts(data_dir / "journal.sqlite3", run)
    try:
        assert {g: plain(p) for g, p in products.items() if g != "00000000000017"} == PRICEAPI_NOW
        assert products["00000000000017"] == fresh
        found, not_found, failed, offers = EXPECTED["outcome_counts"]
        assert products.outcome_counts() == (found + 1, not_found, failed, offers + 2)
        shops = dict(EXPECTED["offers_per_shop"])
        shops["Santé Discount"] = shops.get("Santé Discount", 0) + 1
        shops["(no shop name)"] = shops.get("(no shop name)", 0) + 1
        assert dict(products.offers_per_shop()) == shops
    finally:
        products.close()


def test_the_cancelled_run_resumes_with_its_answers_and_its_submitted_job(data_dir: Path) -> None:
    codes = codes_of("codes-b.csv")
    cached = EXPECTED["cached_in_cancelled_run"]
    with Journal.open(data_dir) as journal:
        run = journal.get_run(CANCELLED)
        found = journal.find_resumable(input_sha256=run.input_sha256, sheet=run.sheet, code_column=run.code_column,
                                       fingerprint=json.loads(run.fingerprint), endpoint=run.endpoint)
        assert found is not None and found.run_id == CANCELLED
        planned = plan_lookup(journal, request_like(journal, CANCELLED, data_dir, "codes-b.csv"), codes, CANCELLED)
    assert planned.plan.answered == set(cached) and len(cached) == 12
    (job,) = planned.state.known_jobs
    assert set(job.values) == set(codes) - set(cached) and planned.plan.in_flight == set(job.values)
    assert planned.plan.to_submit == ()  # resume collects the job: nothing is paid twice

    result = load_run(CANCELLED, data_dir)
    assert result.status == "cancelled" and result.cached == frozenset(cached)
    assert {g: plain(result.priceapi[g]) for g in cached} == {g: PRICEAPI_NOW[g] for g in cached}
    result.priceapi.close()  # type: ignore[attr-defined]
    if result.previous is not None:
        result.previous.priceapi.close()  # type: ignore[attr-defined]


# --- records.py edited: a copy of the package in a child interpreter ------------------------------


def package_copy(tmp_path: Path, edits: dict[str, Any]) -> Path:
    """A copy of the package with some modules rewritten (``{"records.py": edit}``); the folder to put
    on PYTHONPATH."""
    root = tmp_path / "edited"
    shutil.copytree(ROOT / "desktop" / "pricelookup", root / "pricelookup",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name, edit in edits.items():
        module = root / "pricelookup" / name
        before = module.read_text(encoding="utf-8")
        after = edit(before)
        assert after != before, name
        module.write_text(after, encoding="utf-8")
    return root


def move_field(text: str, record: str, field: str, *, after: str) -> str:
    """``text`` with the line of ``record``'s ``field`` moved below its field ``after``."""
    lines = text.splitlines(keepends=True)
    start = lines.index(f"class {record}:\n")
    end = next((i for i in range(start + 1, len(lines)) if lines[i].startswith(("class ", "@dataclass"))), len(lines))
    at = next(i for i in range(start, end) if lines[i].startswith(f"    {field}: "))
    line = lines.pop(at)
    to = next(i for i in range(start, end - 1) if lines[i].startswith(f"    {after}: "))
    lines.insert(to + 1, line)
    return "".join(lines)


CHILD = r"""
import dataclasses, hashlib, json, sys
from pathlib import Path
import pricelookup
from pricelookup.errors import JournalError
from pricelookup.records import PriceApiOffer
from pricelookup.run import codec
from pricelookup.run.queries import load_run  # not run.api: the child needs no workbook writer
assert Path(pricelookup.__file__).parent.parent == Path(sys.argv[2]), pricelookup.__file__
{plain}
{digest}
out = {{"order": [f.name for f in dataclasses.fields(PriceApiOffer)]}}
try:
    r = load_run(sys.argv[3], Path(sys.argv[1]))
    out["priceapi"] = {{g: plain(p) for g, p in r.priceapi.items()}}
    for kind in {enrichment!r}:
        out[kind] = {{g: plain(v) for g, v in getattr(r, kind).items()}}
    out["monitorize_history"] = {{g: digest(v) for g, v in r.monitorize_history.items()}}
    out["offers_per_shop"] = dict(r.priceapi.offers_per_shop())
    snap = next(s for v in r.officiscan.values() for s in v)
    out["snapshot_round_trip"] = codec.record_from_json(codec.SNAPSHOTS, codec.record_to_json((snap,))) == (snap,)
    p = r.priceapi["00885909666966"]
    out["product_round_trip"] = codec.product_from_json(codec.product_to_json(p)) == p
    row = json.loads(codec.product_to_json(p))
    out["written_version"], out["written_shop"] = row[-1], row[codec.OFFERS_AT][0][codec.OFFER_SHOP_AT]
except JournalError as exc:
    out["error"] = str(exc)
print(json.dumps(out))
"""


def read_with_edits(tmp_path: Path, data_dir: Path, edits: dict[str, Any]) -> dict[str, Any]:
    """What a child interpreter with the edited package reads from the journal in ``data_dir``."""
    root = package_copy(tmp_path, edits)
    code = CHILD.format(plain=inspect.getsource(plain), digest=inspect.getsource(digest), enrichment=ENRICHMENT)
    env = {**os.environ, "PYTHONPATH": str(root)}
    proc = subprocess.run([sys.executable, "-c", code, str(data_dir), str(root), FINISHED], capture_output=True,
                          text=True, cwd=tmp_path, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.splitlines()[-1])  # type: ignore[no-any-return]


def test_moving_fields_in_records_py_changes_nothing_a_journal_means(tmp_path: Path, data_dir: Path) -> None:
    def reorder(text: str) -> str:
        text = move_field(text, "PriceApiOffer", "shop_name", after="currency")
        text = move_field(text, "PriceApiOffer", "price", after="shipping_costs")
        text = move_field(text, "PriceApiProduct", "source", after="country")
        text = move_field(text, "OfficiscanSnapshot", "network", after="stock_label")
        text = move_field(text, "MonitorizeOffer", "site", after="strike_price")
        return move_field(text, "MonitorizeHistoryPoint", "site", after="stock_label")

    got = read_with_edits(tmp_path, data_dir, {"records.py": reorder})
    assert "error" not in got, got.get("error")
    assert got["order"][:5] == ["price_with_shipping", "shipping_costs", "price", "currency", "shop_name"]
    assert got["priceapi"] == PRICEAPI_NOW
    for kind in (*ENRICHMENT, "monitorize_history", "offers_per_shop"):
        assert got[kind] == as_read_now(kind, EXPECTED[kind]), kind
    assert got["snapshot_round_trip"] and got["product_round_trip"]
    # rows written now keep release 0.1.0's positions, where run.store's SQL reads them
    assert got["written_version"] == codec.LAYOUT_VERSION
    assert got["written_shop"] == EXPECTED["priceapi"]["00885909666966"]["offers"][0]["shop_name"] == "Amazon.fr"


def test_renaming_a_field_stops_with_a_journal_error_naming_the_record(tmp_path: Path, data_dir: Path) -> None:
    def rename(text: str) -> str:
        return text.replace("    shop_name: str | None\n", "    shop: str | None\n")

    got = read_with_edits(tmp_path, data_dir, {"records.py": rename})
    assert "PriceApiOffer" in got["error"] and "shop_name" in got["error"], got
    assert "priceapi" not in got  # nothing was read into the wrong fields


def add_seller(text: str) -> str:
    last = "    promo_text: str | None = None\n"  # OfficiscanSnapshot's last field
    return text.replace(last, last + "    seller: str | None = None\n")


NEXT = codec.LAYOUT_VERSION + 1


def test_a_new_field_needs_a_new_layout_version(tmp_path: Path, data_dir: Path) -> None:
    got = read_with_edits(tmp_path, data_dir, {"records.py": add_seller})
    assert "OfficiscanSnapshot has field(s) seller" in got["error"] and f"layout version {NEXT}" in got["error"], got


def test_with_a_new_layout_old_rows_read_a_new_field_as_its_default(tmp_path: Path, data_dir: Path) -> None:
    def next_layout(text: str) -> str:
        known = ", ".join(f"{v}: _LAYOUT_{v}" for v in sorted(codec.LAYOUTS))
        return text.replace(
            f"LAYOUTS: dict[int, dict[type, tuple[str, ...]]] = {{{known}}}",
            f"LAYOUTS: dict[int, dict[type, tuple[str, ...]]] = {{{known}, {NEXT}: {{**_LAYOUT_{NEXT - 1}, "
            f"OfficiscanSnapshot: (*_LAYOUT_{NEXT - 1}[OfficiscanSnapshot], 'seller')}}}}")

    got = read_with_edits(tmp_path, data_dir, {"records.py": add_seller, "run/codec.py": next_layout})
    assert "error" not in got, got.get("error")
    seller = {g: [s.pop("seller") for s in snaps] for g, snaps in got["officiscan"].items()}
    assert {s for v in seller.values() for s in v} == {None}  # layout 1 rows: the field's default
    assert got["officiscan"] == as_read_now("officiscan", EXPECTED["officiscan"]) and got["priceapi"] == PRICEAPI_NOW
    assert got["snapshot_round_trip"] and got["product_round_trip"] and got["written_version"] == NEXT
