"""Shared helpers of the run tests: input files built from the sandbox's product universe.

A plain module (not conftest.py: several conftest modules exist in tests/, and
``from conftest import`` would pick whichever comes first). The sandbox fixture
lives in tests/run/conftest.py.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pricelookup.results import RunResult
from pricelookup.run.api import RunRequest, RunTuning, run_lookup
from pricelookup.run.progress import CancelToken, Progress
from pricelookup.sandbox import data as sdata
from pricelookup.settings import Endpoints, RunSettings, ServiceKeys


@dataclass(frozen=True)
class InputFile:
    path: Path
    rows: int  # data rows
    unique: tuple[str, ...]  # unique usable GTIN-14s in first-seen order
    invalid: int
    repaired: int
    duplicates: int
    empty: int


def universe_codes(n: int, *, start: int = 0) -> list[str]:
    """``n`` distinct EAN-13s the sandbox knows (none restricted)."""
    codes = sdata.universe()[start : start + n]
    assert len(codes) == n
    return list(codes)


def _hyphenate(code: str) -> str:
    return f"{code[:1]}-{code[1:7]}-{code[7:]}"


def _bad_check_digit(code: str) -> str:
    return code[:-1] + str((int(code[-1]) + 1) % 10)


def make_input(path: Path, n_unique: int, *, start: int = 0, every_repaired: int = 100, duplicates: int = 0,
               invalid: int = 0, empty: int = 0) -> InputFile:
    """A CSV (``;``) with ``n_unique`` usable codes (some written with hyphens: repaired),
    plus duplicate, invalid and empty rows spread through it."""
    codes = universe_codes(n_unique, start=start)
    lines: list[str] = []
    repaired = 0
    for i, c in enumerate(codes):
        if every_repaired and i % every_repaired == 7:
            lines.append(f"{_hyphenate(c)};product {i}")
            repaired += 1
        else:
            lines.append(f"{c};product {i}")
        if duplicates and i % max(1, n_unique // duplicates) == 3 and i // max(1, n_unique // duplicates) < duplicates:
            lines.append(f"{codes[i // 2]};duplicate of {i // 2}")
        if invalid and i % max(1, n_unique // invalid) == 5 and i // max(1, n_unique // invalid) < invalid:
            lines.append(f"{_bad_check_digit(codes[i])};bad check digit")
        if empty and i % max(1, n_unique // empty) == 9 and i // max(1, n_unique // empty) < empty:
            lines.append(";no code")
    path.write_text("ean;name\n" + "\n".join(lines) + "\n", encoding="utf-8")
    n_dup = sum(1 for line in lines if "duplicate of" in line)
    n_inv = sum(1 for line in lines if "bad check digit" in line)
    n_empty = sum(1 for line in lines if line.startswith(";"))
    return InputFile(path=path, rows=len(lines), unique=tuple(c.zfill(14) for c in codes), invalid=n_inv,
                     repaired=repaired, duplicates=n_dup, empty=n_empty)


def request_for(sb: Any, inp: Path | None, data_dir: Path, *, resume: bool = False, keys: ServiceKeys | None = None,
                tuning: RunTuning | None = None, **settings: Any) -> RunRequest:
    """A RunRequest against sandbox ``sb`` (OfficiScan and Monitorize off unless asked)."""
    settings.setdefault("officiscan", False)
    settings.setdefault("monitorize", False)
    return RunRequest(input_path=inp, settings=RunSettings(**settings), endpoints=Endpoints.for_sandbox(sb.url),
                      keys=keys or ServiceKeys.sandbox(), data_dir=data_dir, resume=resume,
                      tuning=tuning or RunTuning())


def run_sync(request: RunRequest, *, cancel: CancelToken | None = None,
             progress: list[Progress] | None = None) -> RunResult:
    """Run the engine to the end in a fresh event loop."""
    sink = progress.append if progress is not None else (lambda p: None)
    return asyncio.run(run_lookup(request, progress=sink, cancel=cancel or CancelToken()))


def answers(result: RunResult) -> dict[str, tuple[Any, ...]]:
    """What a run found per code, without timestamps (comparable across runs)."""
    out: dict[str, tuple[Any, ...]] = {}
    for g, p in result.priceapi.items():
        out[g] = (p.success, p.reason, p.name, p.brand_name, p.gtins,
                  tuple((o.shop_name, o.price, o.price_with_shipping, o.shipping_costs, o.currency)
                        for o in p.offers))
    return out
