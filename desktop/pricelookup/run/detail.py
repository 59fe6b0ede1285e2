"""One product of one run, from the journal alone: every offer, its price history, what moved.

:func:`product_detail` is what the window's detail pane and ``pricelookup show`` read
(:class:`pricelookup.detail.ProductDetail`). It reads the journal through a read-only
connection and takes no run lock, so it answers while the run is still going (the answers land
in the journal as they come) as well as for a finished run, and it reads only the one code:

- the first input row with the code (its check status and note, the own price) from the
  run's stored tables, scanned for that row only;
- the run's answers for the code: PriceAPI's product and offers, Monitorize's offers and price
  history, OfficiScan's snapshots (the latest per network as offers, all of them as history);
- the product's lowest PriceAPI price in every run of the journal with the same source and
  country (one point per answer, dated by PriceAPI's ``updated_at``: a cached copy is the answer
  it copies), through the journal's index on the code;
- what moved since the previous run, the one the Changes sheet compares with, by the very
  comparison it makes (:func:`pricelookup.export.changes.compare_product`).

Target: p95 <= 100 ms for a product of a 100,000-code run (tests/benchmarks/bench_detail.py).
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, tzinfo
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import polars as pl

from pricelookup.detail import (
    HistoryPoint,
    HistorySeries,
    OfferLine,
    PriceMove,
    ProductDetail,
    Source,
    SourceNote,
)
from pricelookup.errors import JournalError
from pricelookup.export.changes import OfferView, compare_product, lowest_offer_price
from pricelookup.export.metrics import (
    gap_to_lowest_pct,
    offer_stats,
    parse_price_text,
    rank_among_shops,
)
from pricelookup.journal import Journal, RunInfo
from pricelookup.paths import JOURNAL_FILE
from pricelookup.paths import data_dir as resolve_data_dir
from pricelookup.phrasing import (
    HISTORY_OFF,
    OFFICISCAN_NO_EAN13,
    PRICEAPI_NO_ANSWER,
    PRICEAPI_NO_OFFERS,
    PRICEAPI_NOT_FOUND,
    PRICEAPI_RESTRICTED,
    SOURCE_CODE_FAILED,
    SOURCE_FAILED,
    SOURCE_NO_DATA,
    SOURCE_NO_HISTORY,
    SOURCE_NOT_YET,
    SOURCE_OFF,
    phrase,
)
from pricelookup.records import (
    MonitorizeHistoryPoint,
    MonitorizeProduct,
    OfficiscanSnapshot,
    PriceApiProduct,
)
from pricelookup.run import codec, enrichment
from pricelookup.run.queries import doubt_reasons
from pricelookup.run.table_store import table_dir

__all__ = ["NOT_LOOKED_UP_YET", "RESTRICTED_NOT_LOOKED_UP", "product_detail"]

#: :attr:`ProductDetail.lookup` of a code PriceAPI has not answered for (yet)
NOT_LOOKED_UP_YET = "not looked up yet"
#: ... of a restricted code the run left out of the look-up (as the workbook says it)
RESTRICTED_NOT_LOOKED_UP = "not looked up (restricted)"
#: Monitorize dates its history by day, in its (French) local time
MONITORIZE_TIME_ZONE = "Europe/Paris"

PRICEAPI: Source = "PriceAPI"
MONITORIZE: Source = "Monitorize"
OFFICISCAN: Source = "OfficiScan"


def product_detail(run_id: str, gtin14: str, data_dir: Path | None) -> ProductDetail:
    """Everything the journal knows of ``gtin14`` in run ``run_id`` (see the module doc).

    Raises :class:`JournalError` when there is no journal, no such run, or no input row of the
    run holds the code; the message says what to do.
    """
    root = resolve_data_dir(data_dir)
    if not (root / JOURNAL_FILE).exists():
        raise JournalError(f"There is no journal in {root}; run a look-up first or pass the right --data-dir.")
    with Journal.reader(root) as journal:
        return _Detail(journal, root, journal.get_run(run_id), gtin14).build()


@cache
def _paris() -> tzinfo:
    try:
        return ZoneInfo(MONITORIZE_TIME_ZONE)
    except (ZoneInfoNotFoundError, ValueError, OSError):  # no tz database (Windows without tzdata)
        return UTC


def _day_start(day: date) -> datetime:
    """Midnight of ``day`` in Monitorize's time zone (aware)."""
    return datetime.combine(day, time(), tzinfo=_paris())


def _words(*parts: str | None) -> str | None:
    """The service's own words for a point (promo, stock), joined; None without any."""
    said = [p for p in parts if p]
    return "; ".join(said) if said else None


def _in_stock_mz(stock: int | None) -> bool | None:
    return True if stock == 1 else False if stock == 3 else None


def _in_stock_priceapi(code: str | None) -> bool | None:
    return True if code == "in_stock" else False if code == "out_of_stock" else None


def _cheapest(offers: tuple[OfferView, ...], currency: str | None) -> tuple[Decimal | None, str | None]:
    """The lowest price of ``offers`` in the product's main currency (:func:`lowest_offer_price`), and the
    shop asking it."""
    lowest, main = lowest_offer_price(offers)
    if lowest is None or main != currency:
        return None, None
    shop = next((o.shop_name for o in offers if o.price == lowest), None)
    return lowest, shop


class _Detail:
    """Reads one code of one run; :meth:`build` makes the :class:`ProductDetail`."""

    def __init__(self, journal: Journal, root: Path, run: RunInfo, gtin14: str) -> None:
        self.journal = journal
        self.root = root
        self.run = run
        self.settings = run.settings
        self.gtin14 = gtin14
        self.notes: list[SourceNote] = []
        self.failures = journal.service_failures(run.run_id)

    # --- the parts ---------------------------------------------------------------------------

    def build(self) -> ProductDetail:
        run_id, g, s = self.run.run_id, self.gtin14, self.settings
        index, status, note, restricted = self._input_row()
        stored = self.journal.stored_result(run_id, g)
        product = codec.product_from_json(stored.product_json) if stored is not None else None
        doubt = self._in_doubt()
        lookup = self._lookup(product, doubt.get(g), restricted)
        stats = offer_stats(product.offers) if product is not None and product.success else None
        own = self._own_price(index)
        mz = self._enrichment(enrichment.MONITORIZE, MonitorizeProduct) if s.monitorize else None
        snapshots = self._enrichment(enrichment.OFFICISCAN, codec.SNAPSHOTS) if s.officiscan else None
        history_mz = (self._enrichment(enrichment.MONITORIZE_HISTORY, codec.HISTORY)
                      if s.monitorize and s.monitorize_history else None)

        offers = [*self._priceapi_offers(product), *self._monitorize_offers(mz), *self._officiscan_offers(snapshots)]
        lowest_series = self._lowest_series(stats.currency if stats is not None else None)
        history = [*([lowest_series] if lowest_series.points else []), *self._monitorize_history(history_mz),
                   *self._officiscan_history(snapshots)]
        self._priceapi_notes(product, lookup, lowest_series)
        self._monitorize_notes(mz, history_mz)
        self._officiscan_notes(snapshots)
        return ProductDetail(
            run_id=run_id, gtin14=g, status=status, note=note, lookup=lookup,
            name=product.name if product is not None else None,
            brand=product.brand_name if product is not None else None,
            category=product.category_name if product is not None else None,
            rating=product.review_rating if product is not None else None,
            review_count=product.review_count if product is not None else None,
            gtins=product.gtins if product is not None else (),
            url=product.url if product is not None else None,
            offers=tuple(offers), history=tuple(history), own_price=own,
            own_gap_pct=gap_to_lowest_pct(own, stats.lowest) if stats is not None else None,
            own_rank=rank_among_shops(own, stats.shop_prices) if stats is not None else None,
            lowest=stats.lowest if stats is not None else None,
            currency=stats.currency if stats is not None else None,
            move=self._move(product, mz, in_codes=stored is not None or g in doubt, doubt=doubt.keys()),
            notes=tuple(self.notes),
        )

    def _input_row(self) -> tuple[int, str | None, str | None, bool]:
        """(row index, status, note, restricted) of the first input row holding the code."""
        run_id = self.run.run_id
        path = table_dir(self.root, run_id) / "checks.parquet"
        try:
            found = (pl.scan_parquet(path).with_row_index("index").filter(pl.col("gtin14") == self.gtin14)
                     .select("index", "status", "reason", "restricted").head(1).collect())
        except (OSError, pl.exceptions.PolarsError) as exc:
            raise JournalError(f"The input table of run {run_id} is missing or damaged in {path.parent} ({exc}); "
                               "run the look-up again from the input file.") from None
        if found.height == 0:
            raise JournalError(f"Run {run_id} has no product {self.gtin14}: none of its input rows holds that code. "
                               "Check the code, or choose the run that looked it up (`pricelookup runs` lists them).")
        index, status, reason, restricted = found.row(0)
        return int(index), status, reason, bool(restricted)

    def _own_price(self, index: int) -> Decimal | None:
        column = self.settings.own_price_column
        if not column:
            return None
        path = table_dir(self.root, self.run.run_id) / "frame.parquet"
        try:
            cell = pl.scan_parquet(path).select(pl.col(column)).slice(index, 1).collect()
        except (OSError, pl.exceptions.PolarsError):  # no such column (any more): no own price
            return None
        value = cell.item() if cell.height else None
        return parse_price_text(None if value is None else str(value))

    def _in_doubt(self) -> dict[str, str]:
        """Codes of this run without an answer that may be paid already, or lost: code -> reason
        (what :func:`pricelookup.run.queries.build_result` says on their rows)."""
        return doubt_reasons(self.journal, self.run.run_id)

    def _lookup(self, product: PriceApiProduct | None, doubt: str | None, restricted: bool) -> str:
        if product is not None:
            return "found" if product.success else (product.reason or "failed")
        if doubt is not None:
            return doubt
        if restricted and not self.settings.include_restricted:
            return RESTRICTED_NOT_LOOKED_UP
        return NOT_LOOKED_UP_YET

    def _enrichment(self, kind: str, tp: Any) -> Any:
        """This code's answer of ``kind`` in this run, read as ``tp``; None without one."""
        text = self.journal.enrichment_of(self.run.run_id, kind, self.gtin14)
        return None if text is None else codec.record_from_json(tp, text)

    # --- offers ----------------------------------------------------------------------------------

    @staticmethod
    def _priceapi_offers(product: PriceApiProduct | None) -> list[OfferLine]:
        if product is None or not product.success:
            return []
        return [OfferLine(source=PRICEAPI, seller=o.shop_name or "", price=o.price, currency=o.currency,
                          shipping=o.shipping_costs, total=o.price_with_shipping,
                          availability=o.availability_text or o.availability_code,
                          in_stock=_in_stock_priceapi(o.availability_code), position=o.position, url=o.url)
                for o in product.offers]

    @staticmethod
    def _monitorize_offers(product: MonitorizeProduct | None) -> list[OfferLine]:
        if product is None:
            return []
        return [OfferLine(source=MONITORIZE, seller=o.site, price=o.price, currency="EUR",
                          availability=o.stock_label, in_stock=_in_stock_mz(o.stock), promo=o.promo,
                          strike_price=o.strike_price, url=o.url)
                for o in product.offers]

    @staticmethod
    def _latest_per_network(snapshots: tuple[OfficiscanSnapshot, ...]) -> list[OfficiscanSnapshot]:
        latest: dict[str, OfficiscanSnapshot] = {}
        for snap in snapshots:
            seen = latest.get(snap.network)
            if seen is None or (snap.collected_at, snap.id) > (seen.collected_at, seen.id):
                latest[snap.network] = snap
        return [latest[n] for n in sorted(latest)]

    def _officiscan_offers(self, snapshots: tuple[OfficiscanSnapshot, ...] | None) -> list[OfferLine]:
        if not snapshots:
            return []
        return [OfferLine(source=OFFICISCAN, seller=s.network, price=s.price_current, currency=s.currency,
                          availability=s.stock_label, in_stock=s.in_stock, promo=s.promo_text,
                          strike_price=s.price_original, seen_at=s.collected_at)
                for s in self._latest_per_network(snapshots)]

    # --- history ---------------------------------------------------------------------------------

    def _lowest_series(self, currency: str | None) -> HistorySeries:
        """The product's lowest PriceAPI price in every run of the same source and country, one point
        per answer (a cached copy keeps the time of the answer it copies, and is that answer)."""
        answers = [a for a in self.journal.stored_results_of(self.gtin14) if a.success]
        settings = self.journal.settings_of({a.run_id for a in answers})
        s = self.settings
        seen: set[float] = set()
        found: list[tuple[float, tuple[OfferView, ...]]] = []
        for a in answers:
            theirs = settings.get(a.run_id)
            if theirs is None or theirs.source != s.source or theirs.country != s.country or a.fetched_at in seen:
                continue
            seen.add(a.fetched_at)
            # the time PriceAPI says its data is from (its updated_at), else when it answered us: a job
            # answered hours after the shop was read, and the sandbox's days, are put where they belong
            product = codec.product_from_json(a.product_json)
            at = product.updated_at.timestamp() if product.updated_at is not None else a.fetched_at
            found.append((at, codec.product_brief_from_json(a.product_json).offers))
        if currency is None:  # this run has no price: the currency most of the answers price in
            counts = Counter(lowest_offer_price(offers)[1] for _, offers in found)
            counts.pop(None, None)
            currency = counts.most_common(1)[0][0] if counts else None
        points = []
        for at, offers in sorted(found, key=lambda f: f[0]):
            price, shop = _cheapest(offers, currency)
            if price is not None:
                points.append(HistoryPoint(at=datetime.fromtimestamp(at, UTC), price=price, note=shop))
        return HistorySeries(source=PRICEAPI, seller="lowest", currency=currency, points=tuple(points))

    @staticmethod
    def _monitorize_history(points: tuple[MonitorizeHistoryPoint, ...] | None) -> list[HistorySeries]:
        by_site: dict[str, list[MonitorizeHistoryPoint]] = {}
        for p in points or ():
            if p.price is not None:
                by_site.setdefault(p.site, []).append(p)
        return [HistorySeries(source=MONITORIZE, seller=site, currency="EUR", points=tuple(
                    HistoryPoint(at=_day_start(p.date), price=p.price, note=_words(p.promo, p.stock_label))
                    for p in sorted(by_site[site], key=lambda p: p.date) if p.price is not None))
                for site in sorted(by_site)]

    @staticmethod
    def _officiscan_history(snapshots: tuple[OfficiscanSnapshot, ...] | None) -> list[HistorySeries]:
        by_network: dict[str, list[OfficiscanSnapshot]] = {}
        for snap in snapshots or ():
            if snap.price_current is not None:
                by_network.setdefault(snap.network, []).append(snap)
        out = []
        for network in sorted(by_network):
            snaps = sorted(by_network[network], key=lambda s: (s.collected_at, s.id))
            currencies = Counter(s.currency for s in snaps if s.currency)
            out.append(HistorySeries(
                source=OFFICISCAN, seller=network,
                currency=currencies.most_common(1)[0][0] if currencies else None,
                points=tuple(HistoryPoint(at=s.collected_at, price=s.price_current, note=_words(s.promo_text,
                                                                                                 s.stock_label))
                             for s in snaps if s.price_current is not None)))
        return out

    # --- notes -----------------------------------------------------------------------------------

    def _note(self, source: Source, template: str, **params: str) -> None:
        said = phrase(template, source=source, **params) if "{source}" in template else phrase(template, **params)
        self.notes.append(SourceNote(source=source, text=str(said), phrase=said))

    def _service_state(self, source: Source, service: str, asked: bool) -> bool:
        """Notes when ``service`` was off or failed in this run; True when there is more to say."""
        if not asked:
            self._note(source, SOURCE_OFF)
            return False
        failure = self.failures.get(service)
        if failure is not None:
            self._note(source, SOURCE_FAILED, message=failure)
            return False
        return True

    def _not_there(self, source: Source) -> None:
        """No answer of ``source`` for this code: not yet (the run goes on) or none."""
        self._note(source, SOURCE_NOT_YET if self.run.status == "running" else SOURCE_NO_DATA)

    def _priceapi_notes(self, product: PriceApiProduct | None, lookup: str, lowest: HistorySeries) -> None:
        if product is None:
            if lookup == RESTRICTED_NOT_LOOKED_UP:
                self._note(PRICEAPI, PRICEAPI_RESTRICTED)
            elif lookup == NOT_LOOKED_UP_YET:
                self._note(PRICEAPI, SOURCE_NOT_YET)
            else:
                self._note(PRICEAPI, PRICEAPI_NO_ANSWER, reason=lookup)
        elif not product.success:
            if product.reason == "not found":
                self._note(PRICEAPI, PRICEAPI_NOT_FOUND)
            else:
                self._note(PRICEAPI, PRICEAPI_NO_ANSWER, reason=lookup)
        elif not product.offers:
            self._note(PRICEAPI, PRICEAPI_NO_OFFERS)
        elif not lowest.points:  # found, with offers, but no price to follow (none in its currency)
            self._note(PRICEAPI, SOURCE_NO_HISTORY)

    def _monitorize_notes(self, product: MonitorizeProduct | None,
                          history: tuple[MonitorizeHistoryPoint, ...] | None) -> None:
        s = self.settings
        if not self._service_state(MONITORIZE, "monitorize", s.monitorize):
            return
        if product is None:
            if self.journal.enrichment_codes(self.run.run_id, enrichment.MONITORIZE_DONE):
                self._note(MONITORIZE, SOURCE_NO_DATA)  # its whole list came: the product is not in it
            else:
                self._not_there(MONITORIZE)
            return
        if not s.monitorize_history:
            self._note(MONITORIZE, HISTORY_OFF)
        elif not any(p.price is not None for p in history or ()):
            self._note(MONITORIZE, SOURCE_NO_HISTORY)

    def _officiscan_notes(self, snapshots: tuple[OfficiscanSnapshot, ...] | None) -> None:
        if not self._service_state(OFFICISCAN, "officiscan", self.settings.officiscan):
            return
        if enrichment.ean13_of(self.gtin14) is None:
            self._note(OFFICISCAN, OFFICISCAN_NO_EAN13)
        elif snapshots is None:
            error = self.journal.enrichment_of(self.run.run_id, enrichment.OFFICISCAN_ERROR, self.gtin14)
            if error is not None:
                self._note(OFFICISCAN, SOURCE_CODE_FAILED, message=str(json.loads(error)))
            else:
                self._not_there(OFFICISCAN)
        elif not any(s.price_current is not None for s in snapshots):
            self._note(OFFICISCAN, SOURCE_NO_DATA)

    # --- what moved ------------------------------------------------------------------------------

    def _move(self, product: PriceApiProduct | None, mz: MonitorizeProduct | None, *, in_codes: bool,
              doubt: Iterable[str]) -> PriceMove | None:
        """The product against the previous run (the Changes sheet's: the latest earlier finished run of
        the same source and country over this run's codes); None without one or without this code in it."""
        journal, run_id, s = self.journal, self.run.run_id, self.settings
        prev_id = journal.previous_run_of(run_id, source=s.source, country=s.country, extra_codes=doubt)
        if prev_id is None:
            return None
        stored = journal.stored_result(prev_id, self.gtin14)
        old = codec.product_from_json(stored.product_json) if stored is not None else None
        # as on the Changes sheet: the earlier Monitorize answers of this run's own codes only
        old_mz_text = journal.enrichment_of(prev_id, enrichment.MONITORIZE, self.gtin14) if in_codes else None
        old_mz = codec.record_from_json(MonitorizeProduct, old_mz_text) if old_mz_text is not None else None
        if old is None and old_mz is None:
            return None
        c = compare_product(self.gtin14, old, product, old_mz, mz, s.change_threshold_pct)
        prev = journal.get_run(prev_id)
        return PriceMove(previous_run=prev_id, previous_at=prev.finished_at or prev.updated_at,
                         old_lowest=c.old_lowest, new_lowest=c.new_lowest, lowest_pct=c.lowest_pct,
                         old_offers=c.old_offers, new_offers=c.new_offers, changes=len(c.changes))
