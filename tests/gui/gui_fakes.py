"""Fakes for the desktop window's tests (a module name of its own, so no clash with other conftests).

The fake engine answers like ``pricelookup.run.api`` (same shapes, same
signals through the real bridge) but instantly and deterministically, so the
window's behaviour can be tested without the sandbox; the end-to-end tests
use the real engine against the embedded sandbox. The tables it hands out are
not fakes: a :class:`~pricelookup.sheets.SheetTable` built here, checked by the
real :func:`~pricelookup.validation.validate_table`.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import polars as pl

from pricelookup.detail import (
    HistoryPoint,
    HistorySeries,
    OfferLine,
    PriceMove,
    ProductDetail,
    SourceNote,
)
from pricelookup.errors import JournalError, RunCancelled
from pricelookup.outcome import RunOutcome, outcome_of
from pricelookup.phrasing import SOURCE_NO_DATA, SOURCE_OFF, phrase
from pricelookup.records import PriceApiOffer, PriceApiProduct
from pricelookup.results import RunResult
from pricelookup.run.contracts import RunRequest
from pricelookup.run.progress import CancelToken, JobProgress, Progress
from pricelookup.secrets import KeyStatus
from pricelookup.settings import SERVICES, Endpoints, RunSettings, ServiceKeys
from pricelookup.sheets import SheetTable
from pricelookup.validation import ValidatedTable, validate_table

# --- a real ValidatedTable: the reader's shape, checked by the real validate_table() --------------


def gs1_code(body: str) -> str:
    """``body`` (12 digits) with its GS1 check digit: an EAN-13 (computed here, not by the product)."""
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def ean13(n: int) -> str:
    """A valid EAN-13 (GS1 check digit) of the French pharmacy range, built from ``n``."""
    return gs1_code(f"{340100000000 + n:012d}")


def gtin14(n: int) -> str:
    """The GTIN-14 of :func:`ean13` (a leading zero)."""
    return "0" + ean13(n)


def bad_check_digit(code: str) -> str:
    """``code`` with its last digit off by one: a wrong check digit."""
    return code[:-1] + str((int(code[-1]) + 1) % 10)


#: a restricted-circulation code (GS1 prefix 200-299: in-store or weighed items) with a valid check digit
RESTRICTED_CODE = gs1_code("200000000123")


def sheet_table(frame: pl.DataFrame, *, path: Path = Path("/tmp/products.xlsx"), code_column: str = "EAN",
                sheets: tuple[str, ...] = ("Products", "Notes"), header_row: int | None = 1,
                code_column_reason: str | None = None) -> SheetTable:
    """A :class:`SheetTable` as the reader builds it: all-text frame, sheet rows from 2 (after the header)."""
    return SheetTable(
        path=path, sheet=sheets[0], header_row=header_row, frame=frame,
        row_numbers=pl.Series("row", range(2, frame.height + 2), dtype=pl.Int64), code_column=code_column,
        code_column_reason=code_column_reason or f'header "{code_column}" matches "ean"',
        sha256=hashlib.sha256(b"x").hexdigest(), sheets=sheets)


def make_validated(rows: int = 12, *, path: Path = Path("/tmp/products.xlsx"), code_column: str = "EAN",
                   sheets: tuple[str, ...] = ("Products", "Notes")) -> ValidatedTable:
    """A small table checked by the real :func:`validate_table`: valid rows, then (row index 1 to 5)
    one wrong check digit, one empty cell, one code written with spaces (repaired), one duplicate
    of the first row, and one restricted-circulation code."""
    codes: list[str | None] = [ean13(i) for i in range(rows)]
    if rows >= 6:
        codes[1] = bad_check_digit(ean13(1))
        codes[2] = None
        c3 = ean13(3)
        codes[3] = f"{c3[:3]} {c3[3:7]} {c3[7:]}"
        codes[4] = codes[0]
        codes[5] = RESTRICTED_CODE
    frame = pl.DataFrame({
        "Name": [f"Product {i}" for i in range(rows)],
        code_column: codes,
        "Price": [f"{i}.99" for i in range(rows)],
    }, schema={"Name": pl.String, code_column: pl.String, "Price": pl.String})
    return validate_table(sheet_table(frame, path=path, code_column=code_column, sheets=sheets))


# --- one product as the engine's product_detail() describes it ------------------------------------

#: the dates of the fake history: five OfficiScan snapshots a week apart, ending on 5 December 2026
HISTORY_END = datetime(2026, 12, 5, 9, 0, tzinfo=UTC)


def fake_product_detail(run_id: str, gtin14: str, *, history: bool = True, own_price: bool = True) -> ProductDetail:
    """A realistic :class:`ProductDetail` of ``gtin14``: 3 PriceAPI offers, 2 Monitorize, 2 OfficiScan;
    with ``history``, 4 series (2 OfficiScan networks of 5 points, 1 Monitorize site of 4, PriceAPI's lowest
    over 3 runs); else none, and notes saying why."""
    n = int(gtin14[-5:-1])  # differs from code to code
    base = Decimal("3.00") + Decimal(n % 50) / 100
    day = timedelta(days=7)

    def at(i: int) -> datetime:
        return HISTORY_END - day * i

    offers = (
        OfferLine("PriceAPI", "Pharmacie Lafayette", base, "EUR", shipping=Decimal("4.90"), total=base + Decimal("4.90"),
                  availability="in stock", in_stock=True, position=1, url=f"https://shop.example/lafayette/{gtin14}"),
        OfferLine("PriceAPI", "Shop Apotheke", base + Decimal("0.45"), "EUR", shipping=Decimal("0"),
                  total=base + Decimal("0.45"), availability="in stock", in_stock=True, position=2,
                  url=f"https://shop.example/apotheke/{gtin14}"),
        OfferLine("PriceAPI", "Doc Morris", base + Decimal("1.20"), "EUR", shipping=Decimal("2.50"),
                  total=base + Decimal("3.70"), availability="2-3 days", in_stock=False, position=3,
                  url=f"https://shop.example/docmorris/{gtin14}"),
        OfferLine("Monitorize", "pharma-gdd.com", base + Decimal("0.20"), "EUR", in_stock=True, promo="-10% on 2",
                  strike_price=base + Decimal("0.80"), url=f"https://pharma-gdd.example/{gtin14}"),
        OfferLine("Monitorize", "newpharma.fr", base + Decimal("0.65"), "EUR", in_stock=False),
        OfferLine("OfficiScan", "Giphar", base + Decimal("0.57"), "EUR", in_stock=True,
                  strike_price=base + Decimal("0.90"), seen_at=at(0)),
        OfferLine("OfficiScan", "Pharmavie", base + Decimal("0.81"), "EUR", in_stock=True, seen_at=at(1)),
    )
    series: tuple[HistorySeries, ...] = ()
    notes: tuple[SourceNote, ...] = ()
    if history:
        series = (
            HistorySeries("OfficiScan", "Giphar", "EUR", tuple(
                HistoryPoint(at(i), base + Decimal("0.57") + Decimal(i % 3) / 10, "promo" if i == 2 else None)
                for i in range(4, -1, -1))),
            HistorySeries("OfficiScan", "Pharmavie", "EUR", tuple(
                HistoryPoint(at(i), base + Decimal("0.81") - Decimal(i) / 20) for i in range(4, -1, -1))),
            HistorySeries("Monitorize", "pharma-gdd.com", "EUR", tuple(
                HistoryPoint(at(i) + timedelta(days=1), base + Decimal("0.20") + Decimal(i) / 25,
                             "-10% on 2" if i == 0 else None) for i in range(3, -1, -1))),
            HistorySeries("PriceAPI", "lowest", "EUR", tuple(
                HistoryPoint(at(i * 2), base + Decimal(i) / 10) for i in range(2, -1, -1))),
        )
    else:
        said = (phrase(SOURCE_NO_DATA, source="OfficiScan"), phrase(SOURCE_OFF, source="Monitorize"))
        notes = (SourceNote("OfficiScan", str(said[0]), said[0]), SourceNote("Monitorize", str(said[1]), said[1]))
    move = PriceMove(previous_run="run-0", previous_at=at(2), old_lowest=base + Decimal("0.10"), new_lowest=base,
                     lowest_pct=(-Decimal("0.10") / (base + Decimal("0.10")) * 100).quantize(Decimal("0.01")),
                     old_offers=2, new_offers=3, changes=2)
    return ProductDetail(
        run_id=run_id, gtin14=gtin14, status="valid", note=None, lookup="found", name=f"Doliprane 1000 mg ({n})",
        brand="Sanofi", category="Health > Pain relief", rating=86, review_count=1234,
        gtins=(gtin14, gtin14[1:]), url=f"https://shop.example/product/{gtin14}", offers=offers, history=series,
        own_price=base + Decimal("0.30") if own_price else None,
        own_gap_pct=(Decimal("0.30") / base * 100).quantize(Decimal("0.01")) if own_price else None,
        own_rank=3 if own_price else None, lowest=base, currency="EUR", move=move, notes=notes)


def with_changes(outcome: RunOutcome, *, compared: bool) -> RunOutcome:
    """``outcome`` with the three columns of what moved since an earlier run: all null when not ``compared``;
    else found rows (their lowest price 3.20 EUR) alternate: up 3.25 % with one more offer, unchanged, and
    down 1.10 % with one offer less."""
    answers = outcome.answers
    n = answers.height
    if compared:
        found = answers["success"].fill_null(False).to_list()
        pct = [None if not f else ("3.25", "0.00", "-1.10")[i % 3] for i, f in enumerate(found)]
        move = [None if not f else (1, 0, -1)[i % 3] for i, f in enumerate(found)]
        changed = [None if not f else (True, False, True)[i % 3] for i, f in enumerate(found)]
        answers = answers.with_columns(lowest_price=pl.when(pl.col("success").fill_null(False))
                                       .then(pl.lit("3.20 EUR")).otherwise(pl.col("lowest_price")))
    else:
        pct, move, changed = [None] * n, [None] * n, [None] * n
    answers = answers.with_columns(pl.Series("lowest_move_pct", pct, dtype=pl.String),
                                   pl.Series("offers_move", move, dtype=pl.Int32),
                                   pl.Series("changed", changed, dtype=pl.Boolean))
    return replace(outcome, answers=answers)


# --- a fake engine -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FakeEstimate:
    unique_codes: int
    credits: int
    remaining_today: int | None
    budget: int | None
    cached: int
    jobs: int


@dataclass
class FakeEngine:
    """Implements the bridge's ``EngineDoor`` protocol (the functions of ``pricelookup.run.api``);
    records what it was asked. ``sandbox`` is the bridge's sandbox factory."""

    step_seconds: float = 0.01
    steps: int = 5
    unfinished: list[Any] = field(default_factory=list)
    runs: list[Any] = field(default_factory=list)
    fail_run: BaseException | None = None
    requests: list[Any] = field(default_factory=list)
    loads: list[tuple[Path, RunSettings]] = field(default_factory=list)
    exports: list[tuple[Path, str, int]] = field(default_factory=list)
    exported_runs: list[tuple[str, Path | None]] = field(default_factory=list)
    started: threading.Event = field(default_factory=threading.Event)
    sandbox_entered: int = 0
    keys: ServiceKeys = field(default_factory=lambda: ServiceKeys(priceapi="fake-token"))
    key_requests: list[tuple[str, ...]] = field(default_factory=list)  # services asked for, per call
    saved_keys: list[dict[str, str | None]] = field(default_factory=list)
    #: the run's outcome compares it with an earlier run (the Change column, "Changed only")
    changes: bool = False
    #: product_detail(): the calls, codes without history, codes whose answer waits for their gate
    detail_calls: list[tuple[str, str]] = field(default_factory=list)
    no_history: set[str] = field(default_factory=set)
    detail_gates: dict[str, threading.Event] = field(default_factory=dict)
    outcome_loads: list[str] = field(default_factory=list)

    def load_input(self, request: RunRequest) -> ValidatedTable:
        path, settings = request.input_path, request.settings
        assert path is not None
        self.loads.append((path, settings))
        if path.suffix == ".bad":
            from pricelookup.errors import InputFileError

            raise InputFileError(str(path), "not a valid spreadsheet")
        validated = make_validated(path=path)
        changes: dict[str, Any] = {}
        if settings.sheet:
            changes["sheet"] = settings.sheet
        if settings.column:
            changes.update(code_column=settings.column, code_column_reason="chosen by you")
        if changes:  # checked again, as the engine does when the analyst picks a sheet or a column
            validated = validate_table(replace(validated.table, **changes))
        return validated

    async def estimate(self, request: RunRequest, validated: Any) -> FakeEstimate:
        self.requests.append(request)
        n = len(validated.lookup_codes(include_restricted=request.settings.include_restricted))
        return FakeEstimate(n, n, 999_000, request.settings.budget, 0, 1)

    async def run_in_child_process(self, request: RunRequest, *, progress: Any, cancel: CancelToken,
                                   validated: Any = None) -> RunOutcome:
        self.requests.append(request)
        self.started.set()
        codes = validated.lookup_codes(include_restricted=False)
        for step in range(1, self.steps + 1):
            if cancel.cancelled:
                raise RunCancelled("The run was cancelled.")
            job = JobProgress("job-1", "working", len(codes), len(codes) * step // self.steps, 100 * step // self.steps)
            progress(Progress("priceapi", step, self.steps, step / self.steps, eta_seconds=1.0,
                              message=f"step {step}", jobs=(job,), run_id="run-1"))
            await asyncio.sleep(self.step_seconds)
        if self.fail_run is not None:
            raise self.fail_run
        products = {
            code: PriceApiProduct(code, i % 3 != 2, None if i % 3 != 2 else "not found", "google-shopping", "fr", "gtin",
                                  name=f"Product {i}", offers=(PriceApiOffer("Shop A", None, None, None, "EUR"),)
                                  if i % 3 != 2 else ())
            for i, code in enumerate(codes)
        }
        result = RunResult(run_id="run-1", validated=validated, settings=request.settings, status="finished",
                           started_at=datetime(2024, 1, 1), finished_at=datetime(2024, 1, 1), app_version="test",
                           credits_used=len(codes), priceapi=products)
        return with_changes(outcome_of(result), compared=self.changes)  # what the engine's child process sends back

    def find_unfinished_runs(self, data_dir: Path | None) -> list[Any]:
        return list(self.unfinished)

    def list_runs(self, data_dir: Path | None) -> list[Any]:
        return list(self.runs)

    def product_detail(self, run_id: str, gtin14: str, data_dir: Path | None) -> ProductDetail:
        self.detail_calls.append((run_id, gtin14))
        gate = self.detail_gates.get(gtin14)
        if gate is not None:
            gate.wait(10)
        if run_id == "missing":
            raise JournalError(f"run {run_id} is not in the journal")
        return fake_product_detail(run_id, gtin14, history=gtin14 not in self.no_history)

    def load_outcome(self, run_id: str, data_dir: Path | None) -> RunOutcome:
        self.outcome_loads.append(run_id)
        validated = make_validated(path=Path("/tmp/earlier.xlsx"))
        codes = validated.lookup_codes(include_restricted=False)
        products = {code: PriceApiProduct(code, True, None, "google-shopping", "fr", "gtin", name=f"Product {i}",
                                          offers=(PriceApiOffer("Shop A", None, None, None, "EUR"),))
                    for i, code in enumerate(codes)}
        result = RunResult(run_id=run_id, validated=validated, settings=RunSettings(), status="finished",
                           started_at=datetime(2026, 12, 5), finished_at=datetime(2026, 12, 5), app_version="test",
                           credits_used=0, priceapi=products)
        return with_changes(outcome_of(result, include_table=True), compared=True)

    async def export_in_child_process(self, run_id: str, data_dir: Path | None, path: Path, *, layout: str,
                     max_offer_columns: int) -> Any:
        self.exports.append((path, layout, max_offer_columns))
        self.exported_runs.append((run_id, data_dir))
        path.write_bytes(b"PK fake")
        return SimpleNamespace(path=path, rows_written=12, hyperlinks_written=0,
                               hyperlinks_as_text=0, truncated_cells=0)

    def load_keys(self, services: Any = ()) -> ServiceKeys:
        self.key_requests.append(tuple(services))
        return self.keys

    def key_statuses(self) -> dict[str, KeyStatus]:
        return {s: KeyStatus(s, "keyring" if self.keys.get(s) else "missing", "fake") for s in SERVICES}

    def save_keys(self, changes: Any) -> None:
        self.saved_keys.append(dict(changes))

    def sandbox(self) -> Any:
        import contextlib

        engine = self

        @contextlib.contextmanager
        def running() -> Any:
            engine.sandbox_entered += 1
            yield SimpleNamespace(url="http://127.0.0.1:9")

        return running()

    async def load_input_async(self, request: RunRequest) -> ValidatedTable:
        self.requests.append(request)
        return make_validated(path=Path("snipcart"), code_column="snipcart.ean")

    async def test_connection(self, service: str, endpoints: Endpoints, key: str) -> str:
        if key == "invalid":
            from pricelookup.errors import AuthenticationError

            raise AuthenticationError(service, "the key was refused")
        return f"{service} ok"


def open_window(qtbot: Any, qsettings: Any, engine: FakeEngine, tmp_path: Path) -> Iterator[Any]:
    """A shown main window on ``engine`` (for fixtures: yields it, then closes it and joins its thread)."""
    from pricelookup.gui.bridge import EngineBridge
    from pricelookup.gui.main_window import MainWindow

    bridge = EngineBridge(engine, sandbox=engine.sandbox)
    win = MainWindow(bridge, qsettings, data_dir=tmp_path / "journal")
    qtbot.addWidget(win)
    win.show()
    yield win
    win._closing_confirmed = True
    win.close()
    bridge.shutdown()
