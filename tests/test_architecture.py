"""The engine imports no Qt: checked by import-linter's contract and by a clean interpreter."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ENGINE_MODULES = [
    "pricelookup.cli", "pricelookup.gtin", "pricelookup.validation", "pricelookup.sheets",
    "pricelookup.sandbox", "pricelookup.services.priceapi", "pricelookup.run.api",
    "pricelookup.journal", "pricelookup.export",
]


def test_import_linter_contract_holds() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(lint), "--config", str(ROOT / "pyproject.toml")], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "Only pricelookup.gui imports Qt KEPT" in proc.stdout


def test_engine_modules_do_not_load_qt() -> None:
    code = (
        "import importlib, sys\n"
        f"for m in {ENGINE_MODULES!r}:\n"
        "    importlib.import_module(m)\n"
        "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        "print(','.join(bad))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "", f"Qt loaded by engine modules: {proc.stdout}"


def test_version_is_fast_and_light() -> None:
    code = "import sys, pricelookup.cli as c; print(sorted(m for m in ('polars','httpx','PySide6') if m in sys.modules))"
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.stdout.strip() == "[]", "the CLI module must import heavy libraries lazily"
