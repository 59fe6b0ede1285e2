"""One product's detail from the journal of a big run, and the window's view of a whole run.

The journal (built once, cached under the work folder: ~1 minute and ~300 MB at full size)
holds three runs written the way the engine writes them (a job per 1,000 codes, its answers
in one transaction, the enrichment per code), with synthetic answers of ~10 offers each:

- an earlier run over the 100,000 codes (PriceAPI and Monitorize),
- the current run over the same codes, answered a day later with moved prices: PriceAPI,
  Monitorize with its price history, OfficiScan snapshots for a fifth of the codes
  (3 networks x 15 days), an own-price column,
- a small run of another country (1,000 of the codes), which the history must leave out.

Cases (group "detail"):
- "product_detail, 200 random codes of a 100,000-code run": ``run.api.product_detail`` for
  200 codes drawn at random (fixed seed), one after the other, each from a cold call (a new
  read connection, the stored tables scanned again). Reported: median_ms and p95_ms per
  product; target p95_ms <= 100.
- "outcome_of 100,000 codes, with a previous run" / "..., no previous run": what the engine
  hands the window at the end of a run (``outcome_of``), from the current run's result as the
  journal rebuilds it (``load_run``, not timed); the second with the previous run left out
  (``result.previous = None``), so the cost of the comparison columns is their difference.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import random
import shutil
import statistics
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
from harness import Size, case

from pricelookup.journal import Journal, canonical_json
from pricelookup.records import (
    MonitorizeHistoryPoint,
    MonitorizeOffer,
    MonitorizeProduct,
    OfficiscanSnapshot,
    PriceApiOffer,
    PriceApiProduct,
)
from pricelookup.run import codec, enrichment
from pricelookup.run.table_store import store_validated
from pricelookup.settings import RunSettings
from pricelookup.sheets import SheetTable
from pricelookup.validation import validate_table

OFFERS = 10
SHOPS = [f"Pharmacie {c}" for c in "ABCDEFGHIJKLMNOPQRST"]
SITES = ("pharma-gdd", "1001pharmacies", "newpharma", "citydropshop")
NETWORKS = ("Pharmacie Lafayette", "Pharmabest", "Giphar")
PARIS_DAY0 = date(2026, 4, 1)
LOOKUP_KEY = canonical_json({"endpoint": "https://api.priceapi.com", "source": "google-shopping", "country": "fr",
                             "key": "gtin", "completeness": "one_page"})
#: bump when the journal this module builds changes (the cached one is then built again)
BUILD_VERSION = 1


def ean13(n: int) -> str:
    """The ``n``-th synthetic French pharmacy code (EAN-13 with its check digit)."""
    body = f"340{n:09d}"
    total = sum(int(d) * w for d, w in zip(body, [1, 3] * 6, strict=True))
    return body + str((10 - total % 10) % 10)


def _table(codes: list[str], work: Path) -> SheetTable:
    rng = random.Random(11)
    frame = pl.DataFrame({
        "EAN": codes,
        "Designation": [f"Produit {i} crème 50 ml" for i in range(len(codes))],
        "Prix": [f"{rng.randint(100, 9999) / 100:.2f}".replace(".", ",") for _ in codes],
    })
    path = work / "detail-input.csv"
    return SheetTable(path=path, sheet="Produits", header_row=1, frame=frame,
                      row_numbers=pl.Series(range(2, len(codes) + 2), dtype=pl.Int64), code_column="EAN",
                      code_column_reason="synthetic", sha256=hashlib.sha256(str(len(codes)).encode()).hexdigest(),
                      sheets=("Produits",))


def _product(g: str, run: int, country: str) -> PriceApiProduct:
    """A found product with ~10 offers (1% not found); ``run`` moves the prices a little."""
    rng = random.Random(f"{g}/{run}")
    base = random.Random(g).randint(200, 9000)
    if random.Random(f"nf{g}").random() < 0.01:
        return PriceApiProduct(value=g, success=False, reason="not found", source="google-shopping",
                               country=country, key="gtin")
    offers = []
    for k in range(OFFERS - (1 if rng.random() < 0.3 else 0)):
        cents = base + rng.randint(-150, 400)
        ship = rng.choice((None, 0, 290, 490))
        price = Decimal(cents) / 100
        shipping = None if ship is None else Decimal(ship) / 100
        offers.append(PriceApiOffer(
            shop_name=SHOPS[(k * 7 + base) % len(SHOPS)], price=price,
            price_with_shipping=None if shipping is None else price + shipping, shipping_costs=shipping,
            currency="EUR", url=f"https://s{k}.example.fr/p/{g}", name=f"Crème {g[-5:]} 50 ml",
            availability_code="in_stock" if rng.random() < 0.9 else "out_of_stock",
            availability_text=None, position=k + 1, position_with_shipping=None,
        ))
    offers.sort(key=lambda o: o.price or 0)
    return PriceApiProduct(
        value=g, success=True, reason=None, source="google-shopping", country=country, key="gtin",
        id=str(rng.getrandbits(48)), name=f"Crème hydratante {g[-5:]} 50 ml", brand_name="Marque",
        category_name="Hygiène > Soins", review_count=rng.randint(0, 500), review_rating=rng.randint(0, 100),
        gtins=(g,), url=f"https://www.google.fr/shopping/product/{g}", offers=tuple(offers))


def _monitorize(g: str, run: int) -> MonitorizeProduct:
    rng = random.Random(f"mz{g}/{run}")
    base = random.Random(g).randint(200, 9000)
    offers = tuple(MonitorizeOffer(site=s, name=None, url=f"https://{s}.example/{g}",
                                   price=Decimal(base + rng.randint(-100, 300)) / 100, stock=rng.choice((1, 1, 3)),
                                   stock_label=None, promo=None, strike_price=None) for s in SITES[:3])
    return MonitorizeProduct(id=g[-6:], name=f"Produit {g}", ref=g[1:], offers=offers)


def _history(g: str) -> tuple[MonitorizeHistoryPoint, ...]:
    rng = random.Random(f"mh{g}")
    base = random.Random(g).randint(200, 9000)
    return tuple(MonitorizeHistoryPoint(site=s, date=PARIS_DAY0 + timedelta(days=7 * d),
                                        price=Decimal(base + rng.randint(-100, 300)) / 100, stock=1,
                                        stock_label="En stock", promo=None, strike_price=None)
                 for s in SITES[:3] for d in range(4))


def _snapshots(g: str, first_id: int) -> tuple[OfficiscanSnapshot, ...]:
    rng = random.Random(f"os{g}")
    base = random.Random(g).randint(200, 9000)
    out = []
    for n, net in enumerate(NETWORKS):
        for d in range(15):
            at = datetime(2026, 4, 1, 8, tzinfo=UTC) + timedelta(days=d)
            cents = base + rng.randint(-100, 300)
            out.append(OfficiscanSnapshot(id=first_id + n * 15 + d, product_id=int(g[-6:]), ean13=g[1:],
                                          collected_at=at, network=net, source="web",
                                          price_current=Decimal(cents) / 100,
                                          price_original=Decimal(cents + 100) / 100, currency="EUR",
                                          in_stock=True, stock_label="En stock"))
    return tuple(out)


def _write_run(journal: Journal, root: Path, table: SheetTable, codes: list[str], *, run: int,
               settings: RunSettings, fetched_at: float, officiscan: bool, history: bool) -> str:
    validated = validate_table(table)
    run_id = journal.create_run(input_path=str(table.path), input_sha256=table.sha256, sheet=table.sheet,
                                code_column=table.code_column, settings=settings.to_dict(),
                                fingerprint=settings.lookup_fingerprint(), endpoint="https://api.priceapi.com",
                                sandbox=False, app_version="bench", rows=table.frame.height, codes=len(codes),
                                lookup_key=LOOKUP_KEY)
    store_validated(root, run_id, validated)
    keys = validated.lookup_codes(include_restricted=False)
    for chunk, start in enumerate(range(0, len(keys), 1000)):
        values = keys[start:start + 1000]
        job = journal.add_intent(run_id, chunk, values)
        journal.mark_submitted(job, f"job-{run_id}-{chunk}", "new")
        rows = []
        for g in values:
            p = _product(g, run, settings.country)
            rows.append((g, codec.product_to_json(p), p.success, p.reason))
        journal.store_download(job, run_id, rows, free_credits=0, paid_credits=len(values), lookup_key=LOOKUP_KEY,
                               currentness="daily_updated", fetched_at=fetched_at + chunk)
        if settings.monitorize:
            mine = [g for g in values if int(g[-3:-1]) % 2 == 0]
            journal.put_enrichment(run_id, enrichment.MONITORIZE,
                                   [(g, codec.record_to_json(_monitorize(g, run))) for g in mine])
            if history:
                journal.put_enrichment(run_id, enrichment.MONITORIZE_HISTORY,
                                       [(g, codec.record_to_json(_history(g), codec.HISTORY)) for g in mine])
        if officiscan:
            mine = [g for g in values if int(g[-3:-1]) % 5 == 0]
            journal.put_enrichment(run_id, enrichment.OFFICISCAN,
                                   [(g, codec.record_to_json(_snapshots(g, 100 * i), codec.SNAPSHOTS))
                                    for i, g in enumerate(mine)])
    journal.set_run_status(run_id, "finished", finished=True)
    return run_id


def detail_journal(work: Path, codes: int) -> tuple[Path, dict[str, Any]]:
    """The cached journal folder of ``codes`` codes and what it holds (run ids, codes), built once."""
    root = work / f"detail-journal-{codes}"
    done = root / "built.json"
    if done.exists():
        built = json.loads(done.read_text())
        if built.get("version") == BUILD_VERSION:
            return root, built
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    all_codes = [ean13(i) for i in range(codes)]
    now = time.time()
    with Journal.open(root) as journal:
        base = RunSettings(officiscan=False, monitorize=True, own_price_column="Prix")
        earlier = _write_run(journal, root, _table(all_codes, root), all_codes, run=1, settings=base,
                             fetched_at=now - 86_400, officiscan=False, history=False)
        current_settings = dataclasses.replace(base, officiscan=True, monitorize_history=True)
        current = _write_run(journal, root, _table(all_codes, root), all_codes, run=2, settings=current_settings,
                             fetched_at=now, officiscan=True, history=True)
        few = all_codes[:1000]
        other = _write_run(journal, root, _table(few, root), few, run=3,
                           settings=dataclasses.replace(base, country="de"), fetched_at=now + 60,
                           officiscan=False, history=False)
    built = {"version": BUILD_VERSION, "earlier": earlier, "current": current, "other": other, "codes": codes}
    done.write_text(json.dumps(built))
    return root, built


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


@case(group="detail", name="product_detail, 200 random codes of a 100,000-code run", repeats=3,
      note="target p95_ms <= 100; journal: 3 runs, 201,000 PriceAPI answers")
def product_detail_200(size: Size, work: Path) -> Callable[[], object]:
    from pricelookup.run.api import product_detail

    n = size.pick(full=100_000, smoke=300)
    root, built = detail_journal(work, n)
    picks = random.Random(5).sample(range(n), size.pick(full=200, smoke=20))
    codes = [ean13(i).zfill(14) for i in picks]
    product_detail(built["current"], codes[0], root)  # the index exists and the file is in the page cache

    def run() -> dict[str, float]:
        times = []
        offers = 0
        for g in codes:
            start = time.perf_counter()
            detail = product_detail(built["current"], g, root)
            times.append((time.perf_counter() - start) * 1000)
            offers += len(detail.offers)
        return {"median_ms": statistics.median(times), "p95_ms": _percentile(times, 0.95),
                "max_ms": max(times), "offers_per_product": offers / len(codes)}

    return run


def _outcome_case(size: Size, work: Path, *, previous: bool) -> Callable[[], object]:
    from pricelookup.outcome import outcome_of
    from pricelookup.run.api import load_run

    root, built = detail_journal(work, size.pick(full=100_000, smoke=300))
    result = load_run(built["current"], root)
    assert result.previous is not None and result.previous.run_id == built["earlier"]
    if not previous:
        result = dataclasses.replace(result, previous=None)

    def run() -> dict[str, float]:
        outcome = outcome_of(result)
        return {"rows": float(outcome.answers.height)}

    return run


@case(group="detail", name="outcome_of 100,000 codes, with a previous run", repeats=3)
def outcome_with_previous(size: Size, work: Path) -> Callable[[], object]:
    return _outcome_case(size, work, previous=True)


@case(group="detail", name="outcome_of 100,000 codes, no previous run", repeats=3)
def outcome_without_previous(size: Size, work: Path) -> Callable[[], object]:
    return _outcome_case(size, work, previous=False)
