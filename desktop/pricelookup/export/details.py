"""The detail sheets: "Errors", "OfficiScan history", "Monitorize offers", "Monitorize history", "Changes".

Each function yields polars frames keyed like the columns in
:mod:`pricelookup.export.columns`, in input order, a bounded number of
products at a time (OfficiScan history can run to millions of snapshots).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import polars as pl

from pricelookup.export import aggregates, cells
from pricelookup.export.changes import Change
from pricelookup.export.columns import (
    CHANGES_COLUMNS,
    ERRORS_COLUMNS,
    MONITORIZE_HISTORY_COLUMNS,
    MONITORIZE_OFFER_COLUMNS,
    OFFICISCAN_HISTORY_COLUMNS,
)
from pricelookup.export.metrics import monitorize_summary
from pricelookup.export.results import TextCleaner, first_rows, lookup_outcome, schema_of
from pricelookup.settings import SERVICE_NAMES

if TYPE_CHECKING:
    from pricelookup.results import RunResult

#: products per detail chunk
CHUNK_PRODUCTS = 2_000



def errors_frame(result: RunResult, clean: TextCleaner) -> pl.DataFrame:
    """One row per problem: services that failed, unusable codes, failed or missing look-ups.

    Codes are reported on their first row (duplicates share the answer);
    "not found" is an answer, not a problem; restricted codes left out on
    purpose are not problems either.
    """
    schema = schema_of(ERRORS_COLUMNS)
    service_rows = pl.DataFrame(
        {
            "row": [None] * len(result.service_failures),
            "input": [None] * len(result.service_failures),
            "gtin": [None] * len(result.service_failures),
            "problem": [f"{SERVICE_NAMES.get(k, k)} failed" for k in result.service_failures],
            "reason": [clean(v) for v in result.service_failures.values()],
        },
        schema=schema,
    )
    checks = result.validated.checks
    unusable = checks.filter(pl.col("status").is_in(["invalid", "empty"])).select(
        pl.col("row").cast(pl.Int64),
        pl.col("input").cast(pl.String),
        pl.lit(None, dtype=pl.String).alias("gtin"),
        pl.when(pl.col("status") == "empty").then(pl.lit("empty cell")).otherwise(pl.lit("invalid code"))
        .alias("problem"),
        pl.col("reason").cast(pl.String),
    )
    firsts = checks.filter(pl.col("gtin14").is_not_null() & pl.col("duplicate_of").is_null())
    problems: dict[str, list[object]] = {k: [] for k in schema}
    failed = aggregates.problem_keys(result.priceapi)  # answered codes that are problems: few
    reason: str | None
    for row, text, g, restricted in firsts.select("row", "input", "gtin14", "restricted").iter_rows():
        if g in result.priceapi and g not in failed:
            continue  # found or "not found": no need to decode the answer to know it
        product = result.priceapi.get(g)
        if product is not None:
            if product.success or product.reason == "not found":
                continue
            problem, reason = "look-up failed", product.reason or "no reason given"
        else:
            outcome = lookup_outcome(result, g, bool(restricted))
            if outcome == "not looked up (restricted)":
                continue
            problem, reason = "not looked up", outcome.removeprefix("not looked up").strip(" ()") or None
        problems["row"].append(row)
        problems["input"].append(text)
        problems["gtin"].append(g)
        problems["problem"].append(problem)
        problems["reason"].append(reason)
    lookups = pl.DataFrame(problems, schema=schema)
    per_row = pl.concat([unusable.cast(schema), lookups]).sort("row", maintain_order=True)  # type: ignore[arg-type]
    return pl.concat([service_rows, per_row])


def gtins_in_order(result: RunResult) -> list[str]:
    """Unique GTIN-14s in input order."""
    g = result.validated.checks.get_column("gtin14").drop_nulls()
    return g.unique(maintain_order=True).to_list()


def _batches(items: Sequence[str], size: int) -> Iterator[Sequence[str]]:
    for start in range(0, len(items), size):
        yield items[start:start + size]


def officiscan_history_chunks(result: RunResult, clean: TextCleaner,
                              chunk_products: int = CHUNK_PRODUCTS) -> Iterator[pl.DataFrame]:
    """One row per snapshot, products in input order, snapshots by time then network."""
    schema = schema_of(OFFICISCAN_HISTORY_COLUMNS)
    firsts = first_rows(result)
    gtins = [g for g in gtins_in_order(result) if result.officiscan.get(g)]
    dec = cells.decimal_text
    for batch in _batches(gtins, chunk_products):
        rows: dict[str, list[object]] = {k: [] for k in schema}
        for g in batch:
            for s in sorted(result.officiscan[g], key=lambda s: (s.collected_at, s.network)):
                rows["gtin"].append(g)
                rows["row"].append(firsts.get(g))
                rows["snapshot_id"].append(str(s.id))
                rows["product_id"].append(None if s.product_id is None else str(s.product_id))
                rows["ean13"].append(clean(s.ean13))
                rows["collected_at"].append(cells.local_naive(s.collected_at))
                rows["network"].append(clean(s.network))
                rows["source"].append(clean(s.source))
                rows["price_current"].append(dec(s.price_current))
                rows["price_original"].append(dec(s.price_original))
                rows["currency"].append(clean(s.currency))
                rows["in_stock"].append(s.in_stock)
                rows["stock_label"].append(clean(s.stock_label))
                rows["rating_value"].append(dec(s.rating_value))
                rows["rating_count"].append(s.rating_count)
                rows["rank_position"].append(s.rank_position)
                rows["promo_text"].append(clean(s.promo_text))
        yield pl.DataFrame(rows, schema=schema)


def monitorize_offer_chunks(result: RunResult, clean: TextCleaner,
                            chunk_products: int = CHUNK_PRODUCTS) -> Iterator[pl.DataFrame]:
    """One row per site offer (``allOffers``), flagged when it is Monitorize's lowest offer."""
    schema = schema_of(MONITORIZE_OFFER_COLUMNS)
    firsts = first_rows(result)
    gtins = [g for g in gtins_in_order(result) if g in result.monitorize]
    dec = cells.decimal_text
    for batch in _batches(gtins, chunk_products):
        rows: dict[str, list[object]] = {k: [] for k in schema}
        for g in batch:
            product = result.monitorize[g]
            # the same lowest offer as the Results sheet's monitorize.lowest_* columns
            best = monitorize_summary(product, result.monitorize_lowest.get(g)).lowest
            for o in product.offers:
                rows["gtin"].append(g)
                rows["row"].append(firsts.get(g))
                rows["monitorize_id"].append(clean(product.id))
                rows["product_name"].append(clean(product.name))
                rows["ref"].append(clean(product.ref))
                rows["site"].append(clean(o.site))
                rows["name"].append(clean(o.name))
                rows["url"].append(clean(o.url))
                rows["price"].append(dec(o.price))
                rows["strike_price"].append(dec(o.strike_price))
                rows["stock"].append(o.stock)
                rows["stock_label"].append(clean(o.stock_label))
                rows["promo"].append(clean(o.promo))
                rows["lowest"].append(best is not None and o.site == best.site and o.price == best.price)
        yield pl.DataFrame(rows, schema=schema)


def monitorize_history_chunks(result: RunResult, clean: TextCleaner,
                              chunk_products: int = CHUNK_PRODUCTS) -> Iterator[pl.DataFrame]:
    """One row per dated price point (``history`` / ``history-ref``), products in input order, by date then site."""
    schema = schema_of(MONITORIZE_HISTORY_COLUMNS)
    firsts = first_rows(result)
    gtins = [g for g in gtins_in_order(result) if result.monitorize_history.get(g)]
    dec = cells.decimal_text
    for batch in _batches(gtins, chunk_products):
        rows: dict[str, list[object]] = {k: [] for k in schema}
        for g in batch:
            product = result.monitorize.get(g)
            for point in sorted(result.monitorize_history[g], key=lambda p: (p.date, p.site)):
                rows["gtin"].append(g)
                rows["row"].append(firsts.get(g))
                rows["monitorize_id"].append(None if product is None else clean(product.id))
                rows["product_name"].append(None if product is None else clean(product.name))
                rows["site"].append(clean(point.site))
                rows["date"].append(point.date)
                rows["price"].append(dec(point.price))
                rows["strike_price"].append(dec(point.strike_price))
                rows["stock"].append(point.stock)
                rows["stock_label"].append(clean(point.stock_label))
                rows["promo"].append(clean(point.promo))
        yield pl.DataFrame(rows, schema=schema)


def changes_frame(changes: Sequence[Change], result: RunResult, clean: TextCleaner) -> pl.DataFrame:
    """The Changes sheet's rows."""
    schema = schema_of(CHANGES_COLUMNS)
    firsts = first_rows(result)
    dec = cells.decimal_text
    data = {
        "gtin": [c.gtin14 for c in changes],
        "row": [firsts.get(c.gtin14) for c in changes],
        "name": [clean(c.name) for c in changes],
        "service": [c.service for c in changes],
        "shop": [clean(c.shop) for c in changes],
        "change": [c.change for c in changes],
        "old_price": [dec(c.old_price) for c in changes],
        "new_price": [dec(c.new_price) for c in changes],
        "change_pct": [dec(c.change_pct) for c in changes],
        "old_stock": [clean(c.old_stock) for c in changes],
        "new_stock": [clean(c.new_stock) for c in changes],
        "currency": [clean(c.currency) for c in changes],
    }
    return pl.DataFrame(data, schema=schema)

