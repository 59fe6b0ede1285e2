"""Fakes for the desktop window's tests (a module name of its own, so no clash with other conftests).

The fake engine answers like ``pricelookup.run.api`` (same shapes, same
signals through the real bridge) but instantly and deterministically, so the
window's behaviour can be tested without the sandbox; the end-to-end tests
use the real engine against the embedded sandbox.
"""

from __future__ import annotations

import asyncio
import hashlib
import threading
from dataclasses import dataclass, field
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
from pricelookup.validation import ValidationSummary

# --- a duck-typed ValidatedTable (shape of pricelookup.validation's) ------------------------------


@dataclass(frozen=True)
class FakeSheetTable:
    path: Path
    sheet: str
    header_row: int | None
    frame: pl.DataFrame
    row_numbers: pl.Series
    code_column: str
    code_column_reason: str
    sha256: str
    sheets: tuple[str, ...]


@dataclass(frozen=True)
class FakeValidated:
    table: FakeSheetTable
    checks: pl.DataFrame

    def summary(self) -> ValidationSummary:
        c = self.checks
        usable = c.filter(pl.col("gtin14").is_not_null())
        return ValidationSummary(
            rows=c.height,
            valid=int((c["status"] == "valid").sum()),
            repaired=int((c["status"] == "repaired").sum()),
            invalid=int((c["status"] == "invalid").sum()),
            empty=int((c["status"] == "empty").sum()),
            duplicates=int(c["duplicate_of"].is_not_null().sum()),
            unique=usable["gtin14"].n_unique(),
            restricted=int(usable["restricted"].fill_null(False).sum()),
        )

    def lookup_codes(self, *, include_restricted: bool) -> list[str]:
        c = self.checks.filter(pl.col("gtin14").is_not_null() & pl.col("duplicate_of").is_null())
        if not include_restricted:
            c = c.filter(~pl.col("restricted"))
        return c["gtin14"].to_list()


def ean13(n: int) -> str:
    """A valid EAN-13 (GS1 check digit) of the French pharmacy range, built from ``n``."""
    body = f"{340100000000 + n:012d}"
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def gtin14(n: int) -> str:
    """The GTIN-14 of :func:`ean13` (a leading zero)."""
    return "0" + ean13(n)


def make_validated(rows: int = 12, *, path: Path = Path("/tmp/products.xlsx"), code_column: str = "EAN",
                   sheets: tuple[str, ...] = ("Products", "Notes")) -> FakeValidated:
    """A small table: valid rows, then one invalid, one empty, one repaired, one duplicate, one restricted."""
    codes: list[str | None] = [gtin14(i)[1:] for i in range(rows)]
    status = ["valid"] * rows
    reason: list[str | None] = [None] * rows
    gtins: list[str | None] = [gtin14(i) for i in range(rows)]
    dup: list[int | None] = [None] * rows
    restricted = [False] * rows
    if rows >= 6:
        codes[1], status[1], reason[1], gtins[1] = "3401000000019", "invalid", "check digit should be 8", None
        codes[2], status[2], reason[2], gtins[2] = None, "empty", None, None
        codes[3], status[3], reason[3] = "340 1000 000036", "repaired", "spaces removed"
        codes[4], dup[4], gtins[4] = codes[0], 2, gtins[0]
        restricted[5], reason[5] = True, "restricted circulation number (prefix 20)"
    frame = pl.DataFrame({
        "Name": [f"Product {i}" for i in range(rows)],
        code_column: codes,
        "Price": [f"{i}.99" for i in range(rows)],
    }, schema={"Name": pl.String, code_column: pl.String, "Price": pl.String})
    row_numbers = pl.Series("row", range(2, rows + 2), dtype=pl.Int64)
    checks = pl.DataFrame({
        "row": row_numbers, "input": codes, "gtin14": gtins, "status": status, "reason": reason,
        "duplicate_of": dup, "restricted": restricted,
    }, schema={"row": pl.Int64, "input": pl.String, "gtin14": pl.String, "status": pl.String,
               "reason": pl.String, "duplicate_of": pl.Int64, "restricted": pl.Boolean})
    table = FakeSheetTable(path, sheets[0], 1, frame, row_numbers, code_column,
                           f'header "{code_column}" matches "ean"', hashlib.sha256(b"x").hexdigest(), sheets)
    return FakeValidated(table, checks)


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

    def load_input(self, request: RunRequest) -> FakeValidated:
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
        if changes:
            validated = FakeValidated(FakeSheetTable(**{**validated.table.__dict__, **changes}), validated.checks)
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

    async def load_input_async(self, request: RunRequest) -> FakeValidated:
        self.requests.append(request)
        return make_validated(path=Path("snipcart"), code_column="snipcart.ean")

    async def test_connection(self, service: str, endpoints: Endpoints, key: str) -> str:
        if key == "invalid":
            from pricelookup.errors import AuthenticationError

            raise AuthenticationError(service, "the key was refused")
        return f"{service} ok"


