"""XLSX export: row layout, 100,000 products x 10 offers = ~985,000 rows x 43 columns.

Cases (group "export"):
- "export_workbook row layout": the real export of a synthetic RunResult
  (built in setup, not timed): Results + Summary (+ chart) + Errors, with
  safety, formats and hyperlinks (capped at 65,530).
- "openpyxl write-only loop (baseline)": the same rows, prepared in setup as
  plain Python values (numbers as floats, dates as datetimes), written with a
  bare openpyxl write-only ``ws.append`` loop: no safety, no formats. The
  target is export_workbook <= 1.2x this, peak RSS <= 1.5 GB.
- "openpyxl normal mode (naive)": the same kind of rows with openpyxl's normal
  (in-memory) workbook, at 1/10 of the size (~98,000 rows) and one repeat: at
  full size it needs ~3 min and ~7 GB. Its time is not comparable with the
  two others; look at its RSS per row.

The Results sheet has 43 columns (PriceAPI's own CSV has 27 of them), more than the
~30 the issue sized the benchmark with. Each full export takes one to two minutes
(the baseline several); repeats are 3.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
from harness import Size, case

from pricelookup.records import PriceApiOffer, PriceApiProduct
from pricelookup.results import RunResult
from pricelookup.settings import RunSettings
from pricelookup.sheets import SheetTable
from pricelookup.validation import validate_table

OFFERS = 10
SHOPS = [f"Pharmacie {c}" for c in "ABCDEFGHIJKLMNOPQRST"] + ["=Hostile shop", "+Shop plus"]


def _ean13(n: int) -> str:
    body = f"340{n:09d}"
    weights = [1, 3] * 6
    total = sum(int(d) * w for d, w in zip(body, weights, strict=True))
    return body + str((10 - total % 10) % 10)


def synthetic_result(products: int, work: Path, offers: int = OFFERS, seed: int = 7) -> RunResult:
    """A finished run: ``products`` input rows (0.5% invalid, 1% duplicates), 98.5% found with ``offers`` offers.

    100,000 products give ~985,000 Results rows (a duplicate repeats its first row's offers).
    """
    rng = random.Random(seed)
    codes: list[str | None] = []
    for i in range(products):
        r = rng.random()
        if r < 0.005:
            codes.append(f"12{i}")  # too short: invalid
        elif r < 0.015 and i > 10:
            codes.append(codes[rng.randrange(i - 10, i)] or _ean13(i))
        else:
            codes.append(_ean13(i))
    frame = pl.DataFrame({
        "EAN": codes,
        "Designation": [f"Produit {i} crème hydratante 50 ml" for i in range(products)],
        "Marque": [f"Marque {i % 300}" for i in range(products)],
        "Prix": [f"{rng.randint(100, 9999) / 100:.2f}".replace(".", ",") for _ in range(products)],
    })
    path = work / "input.xlsx"
    if not path.exists():
        path.write_bytes(b"synthetic input")
    table = SheetTable(path=path, sheet="Produits", header_row=1, frame=frame,
                       row_numbers=pl.Series(range(2, products + 2), dtype=pl.Int64), code_column="EAN",
                       code_column_reason="synthetic", sha256=hashlib.sha256(b"synthetic").hexdigest(),
                       sheets=("Produits",))
    validated = validate_table(table)
    priceapi: dict[str, PriceApiProduct] = {}
    updated = datetime(2026, 5, 1, 6, 0)
    for g in validated.lookup_codes(include_restricted=False):
        r = rng.random()
        if r < 0.01:
            priceapi[g] = PriceApiProduct(value=g, success=False, reason="not found", source="google-shopping",
                                          country="fr", key="gtin")
            continue
        if r < 0.015:
            priceapi[g] = PriceApiProduct(value=g, success=False, reason="failed to access source",
                                          source="google-shopping", country="fr", key="gtin")
            continue
        base = rng.randint(200, 9000)
        offer_list = []
        for k in range(offers):
            cents = base + rng.randint(-150, 400)
            ship = rng.choice((None, 0, 290, 490))
            price = Decimal(cents) / 100
            shipping = None if ship is None else Decimal(ship) / 100
            offer_list.append(PriceApiOffer(
                shop_name=SHOPS[(k * 7 + cents) % len(SHOPS)], price=price,
                price_with_shipping=None if shipping is None else price + shipping, shipping_costs=shipping,
                currency="EUR", url=f"https://shop{k}.example.fr/p/{g}?ref=pl&k={k}",
                name=f"Crème hydratante {g[-5:]} 50 ml - offre {k}", availability_code="in_stock",
                availability_text="En stock", position=k + 1, position_with_shipping=k + 1,
            ))
        priceapi[g] = PriceApiProduct(
            value=g, success=True, reason=None, source="google-shopping", country="fr", key="gtin",
            id=f"{rng.getrandbits(60)}", name=f"Crème hydratante {g[-5:]} 50 ml", brand_name="Marque",
            category_name="Hygiène > Soins", review_count=rng.randint(0, 500), review_rating=rng.randint(0, 100),
            gtins=(g,), url=f"https://www.google.fr/shopping/product/{g}",
            updated_at=updated + timedelta(minutes=rng.randint(0, 600)), offers=tuple(offer_list),
        )
    return RunResult(run_id="bench", validated=validated,
                     settings=RunSettings(officiscan=False, monitorize=False, own_price_column="Prix"),
                     status="finished", started_at=datetime(2026, 5, 2, 8), finished_at=datetime(2026, 5, 2, 9),
                     app_version="bench", credits_used=len(priceapi), priceapi=priceapi)


def prepared_rows(result: RunResult) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The Results rows of the row layout as plain Python values (what a bare openpyxl loop gets)."""
    from pricelookup.export.results import plan_results, results_chunks

    plan = plan_results(result, layout="row", max_offer_columns=20)
    chunks, _ = results_chunks(result, plan)
    headers = [c.header for c in plan.columns]
    rows: list[tuple[Any, ...]] = []
    for chunk in chunks:
        frame = chunk.select([pl.col(c.key) if c.key in chunk.columns else pl.lit(None).alias(c.key)
                              for c in plan.columns])
        frame = frame.select([(pl.col(c.key).cast(pl.Float64) if c.kind in ("price", "number") else pl.col(c.key))
                              .alias(f"c{i}") for i, c in enumerate(plan.columns)])
        rows.extend(frame.iter_rows())
    return headers, rows


@case(group="export", name="export_workbook row layout", baseline="openpyxl write-only loop (baseline)",
      max_ratio=1.2, max_rss_mb=1536, repeats=3)
def export_row_layout(size: Size, work: Path) -> Callable[[], object]:
    from pricelookup.export.workbook import export_workbook

    result = synthetic_result(size.pick(full=100_000, smoke=150), work)
    out = work / "export-row.xlsx"

    def run() -> dict[str, float]:
        report = export_workbook(result, out, layout="row")
        return {"rows": float(report.rows_written), "MB": out.stat().st_size / 2**20,
                "links": float(report.hyperlinks_written)}

    return run


@case(group="export", name="openpyxl write-only loop (baseline)", repeats=3,
      note="same rows as plain values, no safety/formats")
def openpyxl_write_only(size: Size, work: Path) -> Callable[[], object]:
    from openpyxl import Workbook

    result = synthetic_result(size.pick(full=100_000, smoke=150), work)
    headers, rows = prepared_rows(result)
    del result
    out = work / "baseline.xlsx"

    def run() -> dict[str, float]:
        wb = Workbook(write_only=True)
        ws = wb.create_sheet("Results")
        ws.append(headers)
        for row in rows:
            ws.append(row)
        wb.save(out)
        return {"rows": float(len(rows)), "MB": out.stat().st_size / 2**20}

    return run


@case(group="export", name="openpyxl normal mode (naive)", repeats=1,
      note="1/10 size (10,000 products, ~98,000 rows), one run: full size needs ~3 min and ~7 GB")
def openpyxl_naive(size: Size, work: Path) -> Callable[[], object]:
    from openpyxl import Workbook

    result = synthetic_result(size.pick(full=10_000, smoke=150), work)
    headers, rows = prepared_rows(result)
    del result
    out = work / "naive.xlsx"

    def run() -> dict[str, float]:
        wb = Workbook()
        ws = wb.active
        ws.append(headers)
        for row in rows:
            ws.append(row)
        wb.save(out)
        return {"rows": float(len(rows)), "MB": out.stat().st_size / 2**20}

    return run
