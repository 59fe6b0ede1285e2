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
from datetime import datetime
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import polars as pl

from pricelookup.errors import RunCancelled
from pricelookup.outcome import RunOutcome, outcome_of
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
                              message=f"step {step}", jobs=(job,)))
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
        return outcome_of(result)  # what the real engine's child process sends back

    def find_unfinished_runs(self, data_dir: Path | None) -> list[Any]:
        return list(self.unfinished)

    def list_runs(self, data_dir: Path | None) -> list[Any]:
        return list(self.runs)

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
