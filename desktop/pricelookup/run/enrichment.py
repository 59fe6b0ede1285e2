"""OfficiScan, Monitorize and Snipcart around the PriceAPI look-up.

The pure parts (code forms, matching, summaries, the Snipcart table) are plain
functions; the stages are coroutines the engine runs concurrently with the
PriceAPI jobs, so a run lasts about as long as its slowest service.

* OfficiScan: snapshots per code over the chosen days (and network), within
  the service's rate limit (the client's policy paces the requests and slows
  down on 429); variants of the products found, on request, asked only for
  parent products (``has_variants``) with the parent's id (:func:`variant_parents`).
* Monitorize: ``allOffers`` and ``lowestOffers`` once per run, matched to rows
  by ``ref`` == code (both compared as GTIN-14) or by an input column the
  analyst chooses; price history of the matched products, on request.
* Snipcart: the shop's own catalogue as the input table.

An enrichment service that fails does not stop the run: the engine records
the failure in ``RunResult.service_failures`` and the workbook says so.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import polars as pl

from pricelookup.errors import (
    AuthenticationError,
    NotFoundError,
    QuotaExceededError,
    RequestRejectedError,
    ServiceError,
    SettingsError,
    words_of,
)
from pricelookup.phrasing import QT_TRANSLATE_NOOP, Phrase, counted, phrase
from pricelookup.records import (
    MonitorizeHistoryPoint,
    MonitorizeProduct,
    OfficiscanSnapshot,
    OfficiscanVariant,
    SnipcartProduct,
)
from pricelookup.run import codec
from pricelookup.run.plan import CODES
from pricelookup.sheets import SheetTable

if TYPE_CHECKING:

    from pricelookup.journal import Journal
    from pricelookup.services.monitorize import MonitorizeClient
    from pricelookup.services.officiscan import OfficiscanClient
    from pricelookup.validation import ValidatedTable

log = logging.getLogger(__name__)

#: journal kinds
OFFICISCAN = "officiscan"
OFFICISCAN_VARIANTS = "officiscan_variants"
OFFICISCAN_ERROR = "officiscan_error"
MONITORIZE = "monitorize"
MONITORIZE_LOWEST = "monitorize_lowest"
MONITORIZE_HISTORY = "monitorize_history"
MONITORIZE_DONE = "monitorize_done"
#: the codes held back because another run's submission of them is in doubt (a status, not an answer)
DOUBT_ELSEWHERE = "priceapi_doubt_elsewhere"

#: the progress message while Monitorize's whole-account lists are awaited (can take minutes)
MONITORIZE_WAITING = QT_TRANSLATE_NOOP(
    "Engine", "Waiting for Monitorize's full offer list (the whole account comes in one answer; on a large account "
    "this takes a few minutes)")
#: progress: how many codes were asked / matched ({codes}: "1 code" or "40 codes", see run.plan.CODES)
_OFFICISCAN_ASKED = QT_TRANSLATE_NOOP("Engine", "OfficiScan: {done} of {codes} asked")
_MONITORIZE_MATCHED = QT_TRANSLATE_NOOP("Engine", "Monitorize: {matched} of {codes} matched")

# why a service failed for the run (kept in the journal as English text: RunResult.service_failures;
# the window reads it back with FAILURE_TEMPLATES, see pricelookup.run.phrases)
_OFFICISCAN_GIVEN_UP = QT_TRANSLATE_NOOP(
    "Engine", "{error} (20 codes in a row failed; OfficiScan was given up for this run)")
#: one code, several codes
_OFFICISCAN_NOT_FETCHED = (
    QT_TRANSLATE_NOOP("Engine", "OfficiScan: 1 code could not be fetched (the service kept failing for it)."),
    QT_TRANSLATE_NOOP("Engine", "OfficiScan: {n} codes could not be fetched (the service kept failing for them)."))
_HISTORY_INCOMPLETE = QT_TRANSLATE_NOOP("Engine", "{error} (price history incomplete)")
#: a stage that failed in a way of no service's (the engine's guard says so)
UNEXPECTED_FAILURE = QT_TRANSLATE_NOOP(
    "Engine", "{service}: unexpected failure ({kind}); the run went on without it.")
FAILURE_TEMPLATES: tuple[str, ...] = (_OFFICISCAN_GIVEN_UP, *_OFFICISCAN_NOT_FETCHED, _HISTORY_INCOMPLETE,
                                      UNEXPECTED_FAILURE)
#: errors after which asking the service again in this run is pointless
_SERVICE_WIDE = (AuthenticationError, QuotaExceededError, RequestRejectedError)

Tick = Callable[[int, int, str | Phrase | None], None]  # done, total, message


# --- code forms ---------------------------------------------------------------------------


def _check_digit_ok(digits: str) -> bool:
    body, check = digits[:-1], int(digits[-1])
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10 == check


def as_gtin14(text: object) -> str | None:
    """``text`` as a GTIN-14 if it is a GTIN-8/12/13/14 with a correct check digit, else None.

    Used to compare Monitorize refs (usually an EAN-13, sometimes an internal
    reference) with the rows' codes: ``3400930000000`` and ``03400930000000``
    are the same product.
    """
    if text is None:
        return None
    s = re.sub(r"[\s\-.]", "", str(text))
    if not s.isascii() or not s.isdigit() or len(s) not in (8, 12, 13, 14):
        return None
    return s.zfill(14) if _check_digit_ok(s) else None


def ean13_of(gtin14: str) -> str | None:
    """The EAN-13 form OfficiScan is asked with, or None for a GTIN-14 with a packaging digit."""
    return gtin14[1:] if len(gtin14) == 14 and gtin14.startswith("0") else None


# --- OfficiScan ---------------------------------------------------------------------------


@dataclass(frozen=True)
class OfficiscanSummary:
    """Per row: the latest snapshot per network, and min / max / latest price over the period."""

    latest_per_network: dict[str, OfficiscanSnapshot]
    min_price: Decimal | None
    max_price: Decimal | None
    latest: OfficiscanSnapshot | None

    @property
    def latest_price(self) -> Decimal | None:
        """Price of the most recent snapshot (any network)."""
        return None if self.latest is None else self.latest.price_current


def summarize_officiscan(snapshots: Iterable[OfficiscanSnapshot]) -> OfficiscanSummary:
    """Summarise one code's snapshots (order does not matter)."""
    latest: dict[str, OfficiscanSnapshot] = {}
    prices: list[Decimal] = []
    overall: OfficiscanSnapshot | None = None
    for s in snapshots:
        cur = latest.get(s.network)
        if cur is None or (s.collected_at, s.id) > (cur.collected_at, cur.id):
            latest[s.network] = s
        if overall is None or (s.collected_at, s.id) > (overall.collected_at, overall.id):
            overall = s
        if s.price_current is not None:
            prices.append(s.price_current)
    return OfficiscanSummary(
        latest_per_network=dict(sorted(latest.items())),
        min_price=min(prices) if prices else None,
        max_price=max(prices) if prices else None,
        latest=overall,
    )


def variant_parents(snapshots: Iterable[OfficiscanSnapshot]) -> tuple[list[int], list[int]]:
    """The product ids to ask for variants, and those OfficiScan said nothing about.

    The variants endpoint takes a *parent's* id and is meant for products with
    ``has_variants=true``; a snapshot's ``product_id`` may be a variant's own id. So only ids
    whose snapshots say ``has_variants`` true are asked; false means no variants (not asked),
    and an id no snapshot says anything about is not asked either (returned second, for the log).
    """
    said: dict[int, bool | None] = {}
    for s in snapshots:
        if s.product_id is None:
            continue
        before = said.get(s.product_id)
        if s.has_variants is True or before is True:
            said[s.product_id] = True  # one snapshot saying so is enough
        elif s.has_variants is False or before is False:
            said[s.product_id] = False
        else:
            said[s.product_id] = None
    parents = sorted(pid for pid, has in said.items() if has)
    for pid in sorted(pid for pid, has in said.items() if has is False):
        log.debug("OfficiScan product %d has no variants (has_variants=false): not asked", pid)
    return parents, sorted(pid for pid, has in said.items() if has is None)


async def _variants_of(client: OfficiscanClient, parent_id: int) -> tuple[OfficiscanVariant, ...]:
    """The variants of one parent, saying in the log which "none" it was."""
    answer = await client.variants(parent_id)
    if answer.unknown_parent:
        log.warning("OfficiScan knows no parent product %d (404 on its variants): it was asked with the wrong id "
                    "although its snapshots say has_variants; no variants recorded", parent_id)
    elif not answer.items:
        log.info("OfficiScan parent product %d has no variants (an empty list)", parent_id)
    return answer.items


async def officiscan_stage(
    client: OfficiscanClient,
    journal: Journal,
    run_id: str,
    codes: Sequence[str],
    *,
    days: int,
    network: str | None,
    variants: bool,
    concurrency: int,
    tick: Tick,
    flush_every: int = 200,
) -> str | Phrase | None:
    """Ask OfficiScan for every code not asked yet in this run; answers go to the journal.

    Returns a plain-words failure message when the service failed for the run
    (key refused, too many errors), else None.
    """
    done_before = journal.enrichment_codes(run_id, OFFICISCAN)
    todo = [c for c in codes if c not in done_before and ean13_of(c) is not None]
    total = len(codes)
    done = total - len(todo)
    tick(done, total, None)
    if not todo:
        return None
    variant_cache: dict[int, tuple[OfficiscanVariant, ...]] = {}
    not_said: set[int] = set()  # products whose snapshots do not say has_variants
    pending: list[tuple[str, str]] = []
    pending_variants: list[tuple[str, str]] = []
    errors: list[tuple[str, str]] = []
    fatal: list[str | Phrase] = []
    consecutive_failures = 0
    queue: asyncio.Queue[str] = asyncio.Queue()
    for c in todo:
        queue.put_nowait(c)

    def flush() -> None:
        if pending:
            journal.put_enrichment(run_id, OFFICISCAN, pending)
            pending.clear()
        if pending_variants:
            journal.put_enrichment(run_id, OFFICISCAN_VARIANTS, pending_variants)
            pending_variants.clear()
        if errors:
            journal.put_enrichment(run_id, OFFICISCAN_ERROR, errors)
            errors.clear()

    async def one(code: str) -> None:
        nonlocal consecutive_failures
        ean = ean13_of(code)
        assert ean is not None
        try:
            snaps = tuple(await client.snapshots(ean, days=days, network=network))
        except NotFoundError:
            snaps = ()
        consecutive_failures = 0
        pending.append((code, codec.record_to_json(snaps, codec.SNAPSHOTS)))
        if variants:
            found: list[OfficiscanVariant] = []
            parents, unsaid = variant_parents(snaps)
            not_said.update(unsaid)
            for pid in parents:
                if pid not in variant_cache:
                    variant_cache[pid] = await _variants_of(client, pid)
                found.extend(variant_cache[pid])
            pending_variants.append((code, codec.record_to_json(tuple(found), codec.VARIANTS)))

    async def worker() -> None:
        nonlocal done, consecutive_failures
        while not fatal:
            try:
                code = queue.get_nowait()
            except asyncio.QueueEmpty:
                return
            try:
                await one(code)
            except _SERVICE_WIDE as exc:
                fatal.append(words_of(exc))
                return
            except ServiceError as exc:
                # one code failed after the client's retries: keep going, say so per code
                consecutive_failures += 1
                errors.append((code, json.dumps(str(exc))))
                if consecutive_failures >= 20:
                    fatal.append(phrase(_OFFICISCAN_GIVEN_UP, error=words_of(exc)))
                    return
            done += 1
            if len(pending) + len(errors) >= flush_every:
                flush()
            tick(done, total, None)

    try:
        await asyncio.gather(*(worker() for _ in range(max(1, concurrency))))
    finally:
        flush()
    if not_said:
        log.info("OfficiScan: %d product(s) whose snapshots do not say has_variants; their variants were not "
                 "asked for (the endpoint takes a parent product's id, for products with has_variants=true)",
                 len(not_said))
    n_err = len(journal.enrichment_codes(run_id, OFFICISCAN_ERROR) - journal.enrichment_codes(run_id, OFFICISCAN))
    tick(done, total, phrase(_OFFICISCAN_ASKED, done=f"{done:,}", codes=counted(total, *CODES)))
    if fatal:
        return fatal[0]
    if n_err:
        return counted(n_err, *_OFFICISCAN_NOT_FETCHED)
    return None


# --- Monitorize ---------------------------------------------------------------------------


def monitorize_keys_from_column(validated: ValidatedTable, column: str) -> dict[str, str]:
    """Match keys from an input column: cell text (and its GTIN-14 form) -> the row's GTIN-14.

    The first row with a usable code wins for a repeated cell value.
    """
    frame = validated.table.frame
    if column not in frame.columns:
        raise SettingsError(f"Monitorize match column {column!r} is not a column of {validated.table.sheet}; "
                            f"the columns are: {', '.join(frame.columns)}.")
    out: dict[str, str] = {}
    cells = frame.get_column(column).to_list()
    codes = validated.checks.get_column("gtin14").to_list()
    for cell, code in zip(cells, codes, strict=True):
        if cell is None or code is None:
            continue
        text = str(cell).strip()
        if not text:
            continue
        out.setdefault(text, code)
        g = as_gtin14(text)
        if g is not None:
            out.setdefault(g, code)
    return out


def match_monitorize(products: Iterable[MonitorizeProduct], keys: Mapping[str, str] | None,
                     codes: Iterable[str]) -> dict[str, MonitorizeProduct]:
    """Monitorize products per GTIN-14 of the rows.

    ``keys`` None: a product's ``ref`` is compared with the codes as GTIN-14.
    Otherwise ``keys`` maps an input column's values to the rows' GTIN-14s and
    the ref is looked up there as written (trimmed), then as GTIN-14.
    The first product wins when several share a ref.
    """
    wanted = set(codes)
    out: dict[str, MonitorizeProduct] = {}
    for p in products:
        if p.ref is None:
            continue
        if keys is None:
            g = as_gtin14(p.ref)
            target = g if g in wanted else None
        else:
            ref = p.ref.strip()
            target = keys.get(ref)
            if target is None:
                g = as_gtin14(ref)
                target = keys.get(g) if g is not None else None
        if target is not None and target not in out:
            out[target] = p
    return out


async def monitorize_stage(
    client: MonitorizeClient,
    journal: Journal,
    run_id: str,
    codes: Sequence[str],
    *,
    match_keys: Mapping[str, str] | None,
    history: bool,
    tick: Tick,
) -> str | Phrase | None:
    """``allOffers`` + ``lowestOffers`` once, matched to the rows; history on request.

    Returns a failure message when Monitorize failed for the run, else None.
    """
    steps = 2 + (1 if history else 0)
    if journal.enrichment_codes(run_id, MONITORIZE_DONE):
        tick(steps, steps, None)
        return None
    # the two lists are the whole account in one unpaginated answer each: on a large account
    # nothing visible happens for minutes, so say what the run is waiting for
    tick(0, steps, phrase(MONITORIZE_WAITING))
    try:
        all_offers, lowest = await asyncio.gather(client.all_offers(), client.lowest_offers())
    except ServiceError as exc:
        return words_of(exc)
    matched = match_monitorize(all_offers, match_keys, codes)
    matched_lowest = match_monitorize(lowest, match_keys, codes)
    journal.put_enrichment(run_id, MONITORIZE, ((g, codec.record_to_json(p)) for g, p in matched.items()))
    journal.put_enrichment(run_id, MONITORIZE_LOWEST,
                           ((g, codec.record_to_json(p)) for g, p in matched_lowest.items()))
    tick(2, steps, phrase(_MONITORIZE_MATCHED, matched=f"{len(matched):,}", codes=counted(len(codes), *CODES)))
    failure: Phrase | None = None
    if history:
        done_before = journal.enrichment_codes(run_id, MONITORIZE_HISTORY)
        todo = [(g, p) for g, p in matched.items() if g not in done_before]
        sem = asyncio.Semaphore(4)
        results: list[tuple[str, str]] = []

        async def one(g: str, p: MonitorizeProduct) -> None:
            async with sem:
                try:
                    pts: tuple[MonitorizeHistoryPoint, ...] = tuple(await client.history(p.id))
                except NotFoundError:
                    pts = ()
                results.append((g, codec.record_to_json(pts, codec.HISTORY)))

        try:
            await asyncio.gather(*(one(g, p) for g, p in todo))
        except ServiceError as exc:
            failure = phrase(_HISTORY_INCOMPLETE, error=words_of(exc))
        finally:
            if results:
                journal.put_enrichment(run_id, MONITORIZE_HISTORY, results)
        tick(3, steps, None)
    if failure is None:
        journal.put_enrichment(run_id, MONITORIZE_DONE, [("", "true")])
    return failure


# --- Snipcart as the input ------------------------------------------------------------------

SNIPCART_COLUMNS = ("snipcart.id", "snipcart.userDefinedId", "snipcart.name", "snipcart.price",
                    "snipcart.stock", "snipcart.ean")
_EAN_FIELD = re.compile(r"\b(ean|gtin|upc|barcode|code[ -_]?barre|cip)", re.IGNORECASE)


def snipcart_ean(p: SnipcartProduct) -> str | None:
    """Where the shop keeps the EAN: ``userDefinedId`` when it is a code, else a custom field
    named like EAN/GTIN/UPC/barcode (as written; validation checks it), else None."""
    if as_gtin14(p.user_defined_id) is not None:
        return (p.user_defined_id or "").strip()
    for name, value in p.custom_fields:
        if value and _EAN_FIELD.search(name or ""):
            return value.strip()
    return None


def snipcart_table(products: Sequence[SnipcartProduct], *, source: str) -> SheetTable:
    """The catalogue as the run's input table (all text, one row per product, in API order)."""
    def text(v: object) -> str | None:
        return None if v is None else str(v)

    data = {
        "snipcart.id": [p.id for p in products],
        "snipcart.userDefinedId": [p.user_defined_id for p in products],
        "snipcart.name": [p.name for p in products],
        "snipcart.price": [text(p.price) for p in products],
        "snipcart.stock": [text(p.stock) for p in products],
        "snipcart.ean": [snipcart_ean(p) for p in products],
    }
    frame = pl.DataFrame(data, schema={c: pl.String for c in SNIPCART_COLUMNS})
    digest = hashlib.sha256(json.dumps(data, sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return SheetTable(
        path=Path(source),
        sheet="Snipcart",
        header_row=1,
        frame=frame,
        row_numbers=pl.Series("row", list(range(2, len(products) + 2)), dtype=pl.Int64),
        code_column="snipcart.ean",
        code_column_reason="the EAN of each catalogue product (userDefinedId, or a custom field named EAN)",
        sha256=digest,
        sheets=("Snipcart",),
    )


async def import_snipcart(fetch: Callable[[], Awaitable[list[SnipcartProduct]]], *, source: str) -> SheetTable:
    """Fetch the whole catalogue (all pages) and build its input table."""
    products = await fetch()
    return snipcart_table(products, source=source)

