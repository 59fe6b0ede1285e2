"""The architecture holds on every test run: import-linter's contracts (layers, forbidden imports,
no cycles), imports at the top of modules, and an engine that loads no Qt in a clean interpreter."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

ENGINE_MODULES = [
    "pricelookup.cli", "pricelookup.gtin", "pricelookup.validation", "pricelookup.sheets",
    "pricelookup.sandbox", "pricelookup.services.priceapi", "pricelookup.run.api",
    "pricelookup.journal", "pricelookup.export",
]


PACKAGE = ROOT / "desktop" / "pricelookup"

CONTRACTS = [
    "Faces above the run, the run above export and services, above sheets, above gtin",
    "The engine never imports a face",
    "Only pricelookup.gui imports Qt",
    "The engine does not know the sandbox",
    "Services know no run",
    "Export calls no service",
    "The sandbox is a world of its own: it uses none of our clients",
    "The window calls no service itself (only through the run's door)",
    "The faces reach the engine through its one door, run.api",
    "No import cycles between the package's modules (function-local imports counted)",
]


def test_import_linter_contracts_hold() -> None:
    lint = Path(sys.executable).with_name("lint-imports")
    proc = subprocess.run([str(lint), str(ROOT / "pyproject.toml")], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    # lint-imports pads each name to its column and may leave no space before the verdict
    kept = {line.rsplit("KEPT", 1)[0].strip() for line in proc.stdout.splitlines() if "KEPT" in line}
    assert set(CONTRACTS) <= kept, f"contracts not checked or not kept: {set(CONTRACTS) - kept}"


def _function_local_imports(path: Path) -> list[tuple[int, str, bool]]:
    """(line, module, has a reason) for every import inside a function of ``path``; the reason is a
    ``# lazy:`` comment on the line itself or above the block of imports it belongs to."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = []
    for func in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(func, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(func):
            if isinstance(node, (ast.Import, ast.ImportFrom)):
                module = node.module if isinstance(node, ast.ImportFrom) else node.names[0].name
                k = node.lineno - 1
                reason = "# lazy:" in lines[k]
                while not reason and k > 0:
                    k -= 1
                    above = lines[k].strip()
                    reason = above.startswith("# lazy:")
                    if not (reason or above.startswith(("from ", "import ", ")")) or above.endswith(",")):
                        break
                found.append((node.lineno, str(module), reason))
    return found


def test_imports_sit_at_the_top_unless_start_up_time_needs_them() -> None:
    # A module's header tells what it depends on; an import inside a function hides a dependency
    # (and once hid two import cycles). Only start-up time (`pricelookup --version`, the window's
    # first paint) or a child process justifies one, and it says so in a `# lazy:` line.
    unexplained = [f"{path.relative_to(ROOT)}:{line}: {module}"
                   for path in sorted(PACKAGE.rglob("*.py"))
                   for line, module, reason in _function_local_imports(path) if not reason]
    assert unexplained == [], "function-local imports without a `# lazy:` reason:\n" + "\n".join(unexplained)


def test_the_local_import_check_sees_what_it_must(tmp_path: Path) -> None:
    sample = tmp_path / "m.py"
    sample.write_text("import os\n\n\ndef f():\n    import json\n\n\ndef g():\n"
                      "    # lazy: the reason\n    import csv\n    import re\n", encoding="utf-8")
    assert _function_local_imports(sample) == [(5, "json", False), (10, "csv", True), (11, "re", True)]


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


def test_a_lookup_child_process_loads_no_workbook_writer() -> None:
    # every window run spawns an engine process; openpyxl was ~0.17 s of its start-up, for nothing
    code = ("import sys, pricelookup.run.child_process, pricelookup.run.engine\n"
            "print(sorted(m for m in ('openpyxl', 'pricelookup.export.workbook', 'PySide6') if m in sys.modules))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip() == "[]", f"a look-up child loads: {proc.stdout}"


def _private_imports(path: Path) -> list[tuple[int, str]]:
    """Imports of another project's private modules (``openpyxl.worksheet._writer``)."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = ([node.module or ""] if isinstance(node, ast.ImportFrom) and node.level == 0
                 else [a.name for a in node.names] if isinstance(node, ast.Import) else [])
        for name in names:
            parts = name.split(".")
            if parts[0] != "pricelookup" and any(p.startswith("_") and not p.startswith("__") for p in parts[1:]):
                found.append((node.lineno, name))
    return found


def test_no_module_imports_another_projects_private_modules() -> None:
    """Private modules change without notice between releases (the export once pinned openpyxl<3.2 for one)."""
    offenders = [f"{p.relative_to(ROOT)}:{line}: {name}" for p in sorted(PACKAGE.rglob("*.py"))
                 for line, name in _private_imports(p)]
    assert offenders == []


def test_the_private_import_check_sees_what_it_must(tmp_path: Path) -> None:
    sample = tmp_path / "sample.py"
    sample.write_text("from openpyxl.worksheet._writer import WorksheetWriter\nimport a.b\n"
                      "import pkg._private as p\nfrom pricelookup.x import _y\n")
    assert _private_imports(sample) == [(1, "openpyxl.worksheet._writer"), (3, "pkg._private")]
