"""The "Results" sheet: one frame chunk at a time, in input order.

Row layout: one sheet row per (input row x offer), the product's columns
repeated; an input row without offers still appears once. Column layout: one
sheet row per input row, offers side by side. Every input row appears at
least once with its status, in its original order; a duplicate row gets the
same answers as its first occurrence (the answers are keyed by GTIN-14).

``lookup_status`` says in words what happened to each row: ``found``,
``not found``, ``failed (<PriceAPI reason>)``, any of these followed by
``(from cache)`` when the answer was reused instead of paid for again,
``not looked up (restricted)``, ``not looked up (run cancelled)`` /
``(PriceAPI failed)``, ``duplicate of row N: <its outcome>``, ``invalid code``
(``gtin_note`` says why) and ``no code`` (empty cell).

The chunks are polars frames keyed by :attr:`Column.key`, built from the
run's records with a few list comprehensions per chunk of input rows, so a
million offers never sit in memory as one frame.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

import polars as pl

from pricelookup.export import aggregates, cells
from pricelookup.export.columns import (
    COMPUTED_COLUMNS,
    MONITORIZE_COLUMNS,
    OFFICISCAN_COLUMNS,
    OFFICISCAN_VARIANT_COLUMNS,
    OWN_PRICE_COLUMNS,
    PRICEAPI_COLUMN_OFFER_FIELDS,
    PRICEAPI_PRODUCT_FIELDS,
    PRICEAPI_ROW_OFFER_FIELDS,
    STATUS_COLUMNS,
    Column,
    Kind,
    Layout,
    input_key,
    results_columns,
)
from pricelookup.export.inputtypes import InputType, infer_types, typed_columns
from pricelookup.export.metrics import (
    NO_OFFERS,
    OfferStats,
    gap_to_lowest_pct,
    monitorize_summary,
    offer_stats,
    officiscan_summary,
    parse_price_text,
    rank_among_shops,
)
from pricelookup.records import PriceApiOffer, PriceApiProduct

if TYPE_CHECKING:
    from pricelookup.results import RunResult

#: input rows per chunk: ~50k sheet rows in the row layout with 10 offers each
CHUNK_INPUT_ROWS = 5_000

_DTYPES: dict[Kind, pl.DataType] = {
    "text": pl.String(), "code": pl.String(), "url": pl.String(), "int": pl.Int64(),
    "number": pl.String(), "price": pl.String(), "datetime": pl.Datetime("us"),
    "date": pl.Date(), "bool": pl.Boolean(),
}


class TextCleaner:
    """Strips what XML forbids from Python strings before they enter polars.

    polars cannot hold lone surrogates (a JSON ``"\\ud800"`` decodes to one),
    so cleaning happens here for record strings; input-frame text is cleaned
    by the serializer. ``count`` is the number of strings that changed.
    """

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, value: str | None) -> str | None:
        if value is None or value.isprintable():
            return value
        cleaned = cells.strip_illegal(value)
        if cleaned != value:
            self.count += 1
        return cleaned


def schema_of(columns: Sequence[Column]) -> dict[str, pl.DataType]:
    """polars dtypes of the frame columns behind ``columns``."""
    return {c.key: _DTYPES[c.kind] for c in columns}


def _dt(value: datetime | None) -> datetime | None:
    return None if value is None else cells.local_naive(value)


@dataclass(frozen=True)
class ResultsPlan:
    """Decisions taken once for the whole Results sheet."""

    columns: list[Column]
    layout: Layout
    offer_slots: int
    officiscan: bool
    officiscan_variants: bool
    monitorize: bool
    own_price_column: str | None  # input column the own price comes from
    notes: tuple[str, ...]  # for the Summary sheet
    products_over_cap: int  # column layout: products with more offers than slots
    input_types: dict[str, InputType] = field(default_factory=dict)  # the analyst's columns, typed


def plan_results(result: RunResult, *, layout: Layout, max_offer_columns: int) -> ResultsPlan:
    """Which columns the Results sheet has for this run (see :mod:`.columns`)."""
    table = result.validated.table
    settings = result.settings
    input_columns = list(table.frame.columns)
    notes: list[str] = []
    own: str | None = settings.own_price_column
    if own is None and settings.snipcart_input and "snipcart.price" in input_columns:
        own = "snipcart.price"
    if own is not None and own not in input_columns:
        notes.append(f'Own price column "{own}" is not in the input; gap and rank columns left out.')
        own = None
    slots = 0
    over = 0
    if layout == "column":
        largest = aggregates.offer_count_stats(result.priceapi)[0]
        cap = max(0, max_offer_columns)
        slots = min(max(largest, 1), cap)
        over = aggregates.offer_count_stats(result.priceapi, slots)[2]
        if over:
            notes.append(f"{over:,} products have more than {slots} offers; the column layout shows "
                         f"the first {slots} (the row layout shows them all).")
    officiscan = settings.officiscan or bool(result.officiscan)
    if officiscan:
        zone = datetime.now().astimezone().tzname() or "local time"
        notes.append("OfficiScan sends its snapshot times (collected_at) without a time zone: they are read "
                     f"as Europe/Paris, OfficiScan's local time, and shown in this computer's time ({zone}).")
    variants = officiscan and (settings.officiscan_variants or bool(result.officiscan_variants))
    monitorize = settings.monitorize or bool(result.monitorize)
    types = infer_types(table.frame, keep_text=frozenset({table.code_column}))
    columns = results_columns(
        input_columns, table.code_column, layout=layout, offer_slots=slots,
        officiscan=officiscan, officiscan_variants=variants, monitorize=monitorize,
        own_price=own is not None, input_kinds={name: t.kind for name, t in types.items()},
    )
    return ResultsPlan(columns, layout, slots, officiscan, variants, monitorize, own, tuple(notes), over, types)


def lookup_outcome(result: RunResult, gtin14: str, restricted: bool) -> str:
    """What happened to one code's PriceAPI look-up, in words."""
    product = result.priceapi.get(gtin14)
    if product is None:
        if restricted and not result.settings.include_restricted:
            return "not looked up (restricted)"
        if "priceapi" in result.service_failures:
            return "not looked up (PriceAPI failed)"
        if result.status != "finished":
            return f"not looked up (run {result.status})"
        return "not looked up"
    if product.success:
        outcome = "found"
    elif product.reason == "not found":
        outcome = "not found"
    else:
        outcome = f"failed ({product.reason or 'no reason given'})"
    if gtin14 in result.cached:
        outcome += " (from cache)"
    return outcome


class _ResultsBuilder:
    """Builds Results chunks; one instance per export (holds the text cleaner)."""

    def __init__(self, result: RunResult, plan: ResultsPlan) -> None:
        self.result = result
        self.plan = plan
        self.clean = TextCleaner()
        self.schema = schema_of(plan.columns)
        keys = {c.key for c in plan.columns}
        self.product_keys = [k for k in self._product_key_order() if k in keys or k.startswith("_cur.")]
        self.offer_keys = [f"priceapi.offer.{name}" for name, _ in PRICEAPI_ROW_OFFER_FIELDS]
        self.row_keys = [c.key for c in STATUS_COLUMNS] + (
            [c.key for c in OWN_PRICE_COLUMNS] if plan.own_price_column else [])

    def _product_key_order(self) -> list[str]:
        keys = [f"priceapi.{name}" for name, _ in PRICEAPI_PRODUCT_FIELDS]
        if self.plan.layout == "column":
            for i in range(self.plan.offer_slots):
                keys += [f"priceapi.offers[{i}].{name}" for name, _ in PRICEAPI_COLUMN_OFFER_FIELDS]
        if self.plan.officiscan:
            keys += [c.key for c in OFFICISCAN_COLUMNS] + ["_cur.officiscan"]
            if self.plan.officiscan_variants:
                keys += [c.key for c in OFFICISCAN_VARIANT_COLUMNS]
        if self.plan.monitorize:
            keys += [c.key for c in MONITORIZE_COLUMNS]
        keys += [c.key for c in COMPUTED_COLUMNS] + ["_cur.lowest"]
        return keys

    # -- per product ---------------------------------------------------------------

    def product_row(self, gtin14: str, stats: OfferStats) -> dict[str, Any]:
        """Product-level values of one GTIN-14 (all of its rows share them)."""
        r = self.result
        c = self.clean
        out: dict[str, Any] = {}
        p = r.priceapi.get(gtin14)
        if p is not None:
            out.update({
                "priceapi.source": c(p.source), "priceapi.country": c(p.country), "priceapi.key": c(p.key),
                "priceapi.value": c(p.value), "priceapi.success": p.success, "priceapi.reason": c(p.reason),
                "priceapi.source_id": c(p.id), "priceapi.source_url": c(p.url),
                "priceapi.updated_at": _dt(p.updated_at),
                "priceapi.gtins": c(", ".join(p.gtins)) if p.gtins else None,
                # as PriceAPI sends them: an EAN list may differ from the GTINs (and be absent)
                "priceapi.eans": c(", ".join(p.eans)) if p.eans else None, "priceapi.name": c(p.name),
                "priceapi.brand_name": c(p.brand_name), "priceapi.category_name": c(p.category_name),
                "priceapi.review_count": p.review_count, "priceapi.review_rating": p.review_rating,
                "priceapi.relevance": cells.decimal_text(p.relevance),
            })
            if self.plan.layout == "column":
                for i, o in enumerate(p.offers[: self.plan.offer_slots]):
                    pre = f"priceapi.offers[{i}]."
                    out.update({
                        pre + "url": c(o.url), pre + "name": c(o.name),
                        pre + "price": cells.decimal_text(o.price),
                        pre + "price_with_shipping": cells.decimal_text(o.price_with_shipping),
                        pre + "shipping_costs": cells.decimal_text(o.shipping_costs),
                        pre + "availability_code": c(o.availability_code),
                        pre + "availability_text": c(o.availability_text),
                        pre + "shop_name": c(o.shop_name), pre + "currency": c(o.currency),
                    })
        if self.plan.officiscan:
            snaps = r.officiscan.get(gtin14)
            if snaps:
                s = officiscan_summary(snaps)
                out.update({
                    "officiscan.networks": s.networks, "officiscan.snapshots": s.snapshots,
                    "officiscan.latest_price": cells.decimal_text(s.latest.price_current) if s.latest else None,
                    "officiscan.latest_network": c(s.latest.network) if s.latest else None,
                    "officiscan.latest_at": _dt(s.latest.collected_at) if s.latest else None,
                    "officiscan.lowest_now_price":
                        cells.decimal_text(s.lowest_now.price_current) if s.lowest_now else None,
                    "officiscan.lowest_now_network": c(s.lowest_now.network) if s.lowest_now else None,
                    "officiscan.min_price": cells.decimal_text(s.min_price),
                    "officiscan.max_price": cells.decimal_text(s.max_price),
                    "officiscan.in_stock": s.in_stock, "officiscan.in_stock_networks": s.in_stock_networks,
                    "_cur.officiscan": s.currency,
                })
            if self.plan.officiscan_variants and gtin14 in r.officiscan_variants:
                out["officiscan.variants"] = len(r.officiscan_variants[gtin14])
        if self.plan.monitorize:
            m = r.monitorize.get(gtin14)
            low = r.monitorize_lowest.get(gtin14)
            if m is not None or low is not None:
                s2 = monitorize_summary(m, low)
                ident = m or low
                assert ident is not None
                out.update({
                    "monitorize.id": c(ident.id), "monitorize.name": c(ident.name),
                    "monitorize.ref": c(ident.ref), "monitorize.offers": s2.offers,
                    "monitorize.in_stock_offers": s2.in_stock_offers,
                    "monitorize.lowest_price": cells.decimal_text(s2.lowest.price) if s2.lowest else None,
                    "monitorize.lowest_site": c(s2.lowest.site) if s2.lowest else None,
                    "monitorize.min_price": cells.decimal_text(s2.min_price),
                    "monitorize.max_price": cells.decimal_text(s2.max_price),
                })
        if stats.offer_count or stats.lowest is not None:
            out.update({
                "lowest_price": cells.decimal_text(stats.lowest), "lowest_price_shop": c(stats.lowest_shop),
                "offer_count": stats.offer_count, "median_price": cells.decimal_text(stats.median),
                "_cur.lowest": stats.currency,
            })
        elif p is not None and p.success:
            out["offer_count"] = 0
        return out

    def _frame(self, rows: list[dict[str, Any]], keys: Sequence[str]) -> pl.DataFrame:
        schema = {k: self.schema.get(k, pl.String()) for k in keys}
        data = {k: [row.get(k) for row in rows] for k in keys}
        return pl.DataFrame(data, schema=schema)

    # -- per chunk -----------------------------------------------------------------

    def chunks(self, chunk_rows: int = CHUNK_INPUT_ROWS) -> Iterator[pl.DataFrame]:
        """Frames of Results rows, in input order."""
        table = self.result.validated.table
        checks = self.result.validated.checks
        frame = table.frame
        n = frame.height
        input_names = list(frame.columns)
        for start in range(0, n, chunk_rows):
            yield self._chunk(frame.slice(start, chunk_rows), checks.slice(start, chunk_rows), input_names)

    def _chunk(self, inputs: pl.DataFrame, checks: pl.DataFrame, input_names: list[str]) -> pl.DataFrame:
        r = self.result
        gtins: list[str | None] = checks.get_column("gtin14").to_list()
        statuses: list[str] = checks.get_column("status").to_list()
        dups: list[int | None] = checks.get_column("duplicate_of").to_list()
        restricted: list[bool | None] = checks.get_column("restricted").to_list()

        # products of this chunk, in first-seen order (fetched in one go from a journal-backed store)
        aggregates.prefetch(r.priceapi, (g for g in gtins if g is not None))
        index: dict[str, int] = {}
        outcomes: list[str] = []
        stats_by_product: list[OfferStats] = []
        product_rows: list[dict[str, Any]] = []
        for g, res in zip(gtins, restricted, strict=True):
            if g is None or g in index:
                continue
            index[g] = len(index)
            product = r.priceapi.get(g)
            stats = offer_stats(product.offers) if product is not None else NO_OFFERS
            stats_by_product.append(stats)
            outcomes.append(lookup_outcome(r, g, bool(res)))
            product_rows.append(self.product_row(g, stats))
        prod_idx: list[int | None] = [None if g is None else index[g] for g in gtins]

        # per input row: status columns (+ own price)
        lookup: list[str] = []
        for g, status, dup, pi in zip(gtins, statuses, dups, prod_idx, strict=True):
            if g is None or pi is None:
                lookup.append("no code" if status == "empty" else "invalid code")
            elif dup is not None:
                lookup.append(f"duplicate of row {dup}: {outcomes[pi]}")
            else:
                lookup.append(outcomes[pi])
        row_cols: dict[str, pl.Series] = {
            "gtin": checks.get_column("gtin14").cast(pl.String),
            "gtin_status": checks.get_column("status").cast(pl.String),
            "gtin_note": checks.get_column("reason").cast(pl.String),
            "lookup_status": pl.Series(lookup, dtype=pl.String),
        }
        if self.plan.own_price_column:
            own_texts = inputs.get_column(self.plan.own_price_column).to_list()
            own_prices = [parse_price_text(t) for t in own_texts]
            gaps: list[str | None] = []
            ranks: list[int | None] = []
            for own, pi in zip(own_prices, prod_idx, strict=True):
                st = stats_by_product[pi] if pi is not None else NO_OFFERS
                gaps.append(cells.decimal_text(gap_to_lowest_pct(own, st.lowest)))
                ranks.append(rank_among_shops(own, st.shop_prices))
            row_cols["own_price"] = pl.Series([cells.decimal_text(p) for p in own_prices], dtype=pl.String)
            row_cols["gap_to_lowest_pct"] = pl.Series(gaps, dtype=pl.String)
            row_cols["rank_among_shops"] = pl.Series(ranks, dtype=pl.Int64)
        base = (typed_columns(inputs, self.plan.input_types)
                .rename({name: input_key(i) for i, name in enumerate(input_names)}).with_columns(**row_cols))
        products = self._frame(product_rows, self.product_keys)
        prod_index = pl.Series(prod_idx, dtype=pl.UInt32)

        if self.plan.layout == "column":
            return pl.concat([base, products.select(pl.all().gather(prod_index))], how="horizontal")

        # row layout: one sheet row per offer (at least one per input row)
        in_idx: list[int] = []
        off_idx: list[int | None] = []
        offers: list[PriceApiOffer] = []
        offer_start: list[int] = []
        for g in index:
            p: PriceApiProduct | None = r.priceapi.get(g)
            offer_start.append(len(offers))
            if p is not None:
                offers.extend(p.offers)
        offer_count = [st.offer_count for st in stats_by_product]
        for i, pi in enumerate(prod_idx):
            count = offer_count[pi] if pi is not None else 0
            if count == 0:
                in_idx.append(i)
                off_idx.append(None)
            else:
                first = offer_start[pi]  # type: ignore[index]
                in_idx.extend([i] * count)
                off_idx.extend(range(first, first + count))
        gather_in = pl.Series(in_idx, dtype=pl.UInt32)
        out_prod = prod_index.gather(gather_in)
        return pl.concat([
            base.select(pl.all().gather(gather_in)),
            products.select(pl.all().gather(out_prod)),
            self._offers_frame(offers).select(pl.all().gather(pl.Series(off_idx, dtype=pl.UInt32))),
        ], how="horizontal")

    def _offers_frame(self, offers: list[PriceApiOffer]) -> pl.DataFrame:
        c = self.clean
        dec = cells.decimal_text
        data = {
            "priceapi.offer.url": [c(o.url) for o in offers],
            "priceapi.offer.name": [c(o.name) for o in offers],
            "priceapi.offer.price": [dec(o.price) for o in offers],
            "priceapi.offer.price_with_shipping": [dec(o.price_with_shipping) for o in offers],
            "priceapi.offer.shipping_costs": [dec(o.shipping_costs) for o in offers],
            "priceapi.offer.position": [o.position for o in offers],
            "priceapi.offer.position_with_shipping": [o.position_with_shipping for o in offers],
            "priceapi.offer.availability_code": [c(o.availability_code) for o in offers],
            "priceapi.offer.availability_text": [c(o.availability_text) for o in offers],
            "priceapi.offer.shop_name": [c(o.shop_name) for o in offers],
            "priceapi.offer.currency": [c(o.currency) for o in offers],
        }
        return pl.DataFrame(data, schema={k: self.schema[k] for k in self.offer_keys})


def results_chunks(result: RunResult, plan: ResultsPlan, *,
                   chunk_rows: int = CHUNK_INPUT_ROWS) -> tuple[Iterator[pl.DataFrame], TextCleaner]:
    """The Results chunks and the cleaner whose ``count`` says how many record strings lost characters."""
    builder = _ResultsBuilder(result, plan)
    return builder.chunks(chunk_rows), builder.clean


def offer_total(result: RunResult) -> int:
    """Number of PriceAPI offers over the rows (duplicates count again), for the Summary."""
    return aggregates.offer_count_stats(result.priceapi)[1]


def first_rows(result: RunResult) -> dict[str, int]:
    """Sheet row of the first occurrence of each GTIN-14."""
    checks = result.validated.checks.select("gtin14", "row").drop_nulls("gtin14")
    firsts = checks.unique(subset="gtin14", keep="first", maintain_order=True)
    return dict(zip(firsts.get_column("gtin14").to_list(), firsts.get_column("row").to_list(), strict=True))

