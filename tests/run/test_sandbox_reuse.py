"""The sandbox's answers are reused like real ones: a second ``pricelookup run --sandbox`` is free."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import openpyxl
import pytest

from pricelookup.cli import main
from pricelookup.run.queries import list_runs
from pricelookup.sandbox import SandboxConfig
from pricelookup.settings import Endpoints

pytestmark = pytest.mark.slow


def _codes_file(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["EAN"])
    for code in ("4006381333931", "3401560173049", "5000112548167", "0012345678905"):
        ws.cell(row=ws.max_row + 1, column=1).value = code  # text cells: the zeros stay
    path = tmp_path / "codes.xlsx"
    wb.save(path)
    return path


def test_two_sandbox_runs_in_a_row_pay_once(tmp_path: Path, cli_on_warp: Any,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Each embedded sandbox listens on a new port; the journal keys its answers by what it is."""
    source, journal = _codes_file(tmp_path), tmp_path / "journal"
    for name in ("first.xlsx", "second.xlsx"):
        code = main(["run", str(source), "-o", str(tmp_path / name), "--sandbox", "--no-officiscan",
                     "--no-monitorize", "--data-dir", str(journal), "--quiet"])
        assert code in (0, 1)
    out = capsys.readouterr().out
    second, first = list_runs(journal)  # newest first
    assert first.credits_used > 0
    assert second.credits_used == 0, out
    assert first.endpoint != second.endpoint  # two sandboxes, two ports: still one answer


def test_identity_says_what_answers_not_where() -> None:
    a = Endpoints.for_sandbox("http://127.0.0.1:1111", SandboxConfig(seed=7).identity())
    b = Endpoints.for_sandbox("http://127.0.0.1:2222", SandboxConfig(seed=7).identity())
    other_seed = Endpoints.for_sandbox("http://127.0.0.1:1111", SandboxConfig(seed=8).identity())
    assert a.priceapi_identity() == b.priceapi_identity() != other_seed.priceapi_identity()
    assert Endpoints().priceapi_identity() == Endpoints().priceapi  # a real service: its address
    assert Endpoints.for_sandbox("http://127.0.0.1:1111").priceapi_identity() == "http://127.0.0.1:1111/priceapi"
