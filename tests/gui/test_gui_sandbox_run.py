"""End to end through the window: the real engine against the embedded sandbox (loopback only).

The engine always runs in its child process, as in the app. The sandbox is the app's own
(a child process per window) where a test counts what it was sent or changes its settings;
one shared by the module where a test does neither; and for the cancel-and-resume test one
in this process on a warp clock, so that the jobs left in flight can finish at once.
"""

from __future__ import annotations

import contextlib
import multiprocessing
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from gui_fakes import ean13
from PySide6.QtWidgets import QMessageBox

from pricelookup.gui.bridge import EngineBridge
from pricelookup.gui.main_window import MainWindow
from pricelookup.sandbox import SandboxConfig
from pricelookup.sandbox.process import SandboxProcess, sandbox_in_child_process
from warpclock import WarpClock, serve_sandbox

pytestmark = pytest.mark.slow


def write_codes(path: Path, n: int) -> Path:
    """An xlsx of ``n`` valid EAN-13s, plus an invalid, an empty and a duplicate row."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Products"
    ws.append(["Name", "EAN", "Price"])
    for i in range(n):
        ws.append([f"Product {i}", ean13(i), "9.99"])
    ws.append(["Bad check digit", ean13(0)[:-1] + str((int(ean13(0)[-1]) + 1) % 10), "1"])
    ws.append(["No code", None, "1"])
    ws.append(["Again", ean13(1), "1"])
    # codes stored as text keep their zeros; the reader must see them as text too
    for row in ws.iter_rows(min_row=2, min_col=2, max_col=2):
        row[0].number_format = "@"
    wb.save(path)
    return path


CONFIG = SandboxConfig(job_seconds=0.5, officiscan_rate=200.0)


def _window(qtbot: Any, qsettings: Any, tmp_path: Path, bridge: EngineBridge) -> Iterator[MainWindow]:
    window = MainWindow(bridge, qsettings, sandbox=True, data_dir=tmp_path / "journal")
    qtbot.addWidget(window)
    window.show()
    yield window
    window._closing_confirmed = True
    window.close()
    bridge.shutdown()


@pytest.fixture
def sandbox_window(qtbot: Any, qsettings: Any, tmp_path: Path) -> Iterator[MainWindow]:
    """The window as the app runs it: its own embedded sandbox, in a child process."""
    yield from _window(qtbot, qsettings, tmp_path, EngineBridge(sandbox_config=CONFIG))


@pytest.fixture(scope="module")
def shared_sandbox() -> Iterator[SandboxProcess]:
    """One embedded sandbox (in its child process) for the module's tests that count nothing on it
    and change none of its settings."""
    with sandbox_in_child_process(CONFIG) as sandbox:
        yield sandbox


@pytest.fixture
def shared_sandbox_window(qtbot: Any, qsettings: Any, tmp_path: Path,
                          shared_sandbox: SandboxProcess) -> Iterator[MainWindow]:
    """A window whose sandbox mode uses the module's shared sandbox (left running when it closes)."""
    bridge = EngineBridge(sandbox=lambda: contextlib.nullcontext(shared_sandbox))
    yield from _window(qtbot, qsettings, tmp_path, bridge)


@contextlib.contextmanager
def _served(config: SandboxConfig, clock: WarpClock) -> Iterator[Any]:
    sandbox = serve_sandbox(config, clock=clock)
    try:
        yield sandbox
    finally:
        sandbox.stop()


@pytest.fixture
def warp_sandbox_window(qtbot: Any, qsettings: Any, tmp_path: Path, warp: WarpClock) -> Iterator[MainWindow]:
    """A window whose sandbox runs in this process, its jobs on ``warp`` (the engine is still a child)."""
    factory: Callable[[], Any] = lambda: _served(CONFIG, warp)  # noqa: E731
    yield from _window(qtbot, qsettings, tmp_path, EngineBridge(sandbox=factory))


def _open(qtbot: Any, window: MainWindow, path: Path) -> None:
    window.open_path(path)
    qtbot.waitUntil(lambda: window.validated is not None and not window.session.loading, timeout=20000)


def test_run_on_the_sandbox_to_the_end(qtbot: Any, sandbox_window: MainWindow, tmp_path: Path) -> None:
    window = sandbox_window
    _open(qtbot, window, write_codes(tmp_path / "codes.xlsx", 30))
    summary = window.validated.summary()
    assert (summary.rows, summary.invalid, summary.empty, summary.duplicates, summary.unique) == (33, 1, 1, 1, 30)
    assert window.input_bar.column_combo.currentText() == "EAN"
    qtbot.waitUntil(lambda: "credits" in window.run_panel.estimate_label.text(), timeout=20000)
    assert "30 codes" in window.run_panel.estimate_label.text()
    children: set[str] = set()
    window.bridge.progress.connect(lambda _: children.update(p.name for p in multiprocessing.active_children()))
    with qtbot.waitSignal(window.bridge.run_finished, timeout=60000):
        window.start_run()
    # the engine and the sandbox ran in processes of their own: the window kept its interpreter lock
    assert {"pricelookup-run", "pricelookup-sandbox"} <= children
    assert isinstance(window.bridge.sandbox_server, SandboxProcess)
    result = window.result
    assert result is not None and result.status == "finished"
    assert result.validated is None  # the window keeps its own table; only the answers come back
    assert result.answers.height == 33
    # every usable code answered (found or with its reason); the duplicate shares its first row's answer
    assert result.answers["looked_up"].sum() == 31 and result.found + result.failed == 30
    assert window.run_panel.progress_bar.value() == 1000
    assert window.run_panel.jobs_model.rowCount() == 1
    stats = window.bridge.sandbox_server.stats()["priceapi"]
    assert stats["values_submitted"] == stats["values_submitted_distinct"] == 30
    # the table now shows the answers, duplicates sharing their first row's
    model = window.model
    texts = {model.data(model.index(r, 2)) for r in range(model.rowCount())}
    assert "not looked up (unusable code)" in texts
    assert texts & {"found", "not found"}


def test_cancel_mid_run_then_resume_from_the_prompt(qtbot: Any, warp_sandbox_window: MainWindow, tmp_path: Path,
                                                    warp: WarpClock) -> None:
    window = warp_sandbox_window
    # OfficiScan allows 20 requests/s: leave it out so that 1,500 codes stay quick
    window.panels.officiscan.enabled.setChecked(False)
    _open(qtbot, window, write_codes(tmp_path / "codes.xlsx", 1500))  # two PriceAPI jobs
    qtbot.waitUntil(lambda: "credits" in window.run_panel.estimate_label.text(), timeout=20000)
    sandbox = window.bridge.sandbox_server
    sandbox.configure(job_seconds=8.0)  # long enough to be cancelled mid-way (a job keeps its duration)
    window.start_run()
    qtbot.waitUntil(lambda: sandbox.stats()["priceapi"]["jobs_created"] == 2, timeout=30000)
    with qtbot.waitSignal(window.bridge.run_cancelled, timeout=5000):  # obeyed within the engine's second
        window.cancel_run()
    assert not window.bridge.is_running

    window.check_unfinished_runs()
    qtbot.waitUntil(lambda: any(b.objectName() == "resume_box" and b.isVisible()
                                for b in window.findChildren(QMessageBox)), timeout=10000)
    box = next(b for b in window.findChildren(QMessageBox) if b.objectName() == "resume_box")
    assert "codes.xlsx" in box.text()
    warp.skip(60)  # the jobs left in flight finish meanwhile
    with qtbot.waitSignal(window.bridge.run_finished, timeout=60000):
        next(b for b in box.buttons() if b.text() == "Resume").click()
    log = window.run_panel.log_view.toPlainText()
    assert "Resuming run" in log, log
    assert window.result is not None and window.result.status == "finished"
    assert window.result.found + window.result.failed == 1500
    stats = sandbox.stats()["priceapi"]
    assert stats["jobs_created"] == 2  # the submitted jobs were collected, not submitted again
    assert stats["values_submitted"] == stats["values_submitted_distinct"] == 1500


@pytest.mark.parametrize("layout", ["row", "column"])
def test_export_after_a_sandbox_run(qtbot: Any, shared_sandbox_window: MainWindow, tmp_path: Path,
                                    layout: str) -> None:
    window = shared_sandbox_window
    window.panels.officiscan.enabled.setChecked(False)
    source = write_codes(tmp_path / "codes.xlsx", 12)
    _open(qtbot, window, source)
    with qtbot.waitSignal(window.bridge.run_finished, timeout=60000):
        window.start_run()
    window.export_action.trigger()
    dialog = window.export_dialog
    assert Path(dialog.path_edit.text()) == source.with_name("codes-prices.xlsx")  # beside the input
    (dialog.column_layout if layout == "column" else dialog.row_layout).setChecked(True)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: any(b.objectName() == "export_done_box" and b.isVisible()
                                for b in window.findChildren(QMessageBox)), timeout=60000)
    out = source.with_name("codes-prices.xlsx")
    workbook = openpyxl.load_workbook(out, read_only=True)
    assert workbook.sheetnames[0] == "Results"
    header = [c.value for c in next(workbook["Results"].iter_rows(max_row=1))]
    assert header[:3] == ["Name", "EAN", "Price"]  # the input columns first, as read
    if layout == "column":
        assert "priceapi.offers[0].price" in header
    else:
        assert "priceapi.offer.price" in header
    codes = {row[1] for row in workbook["Results"].iter_rows(min_row=2, values_only=True)}
    assert ean13(3) in codes  # text, leading digits intact
    workbook.close()
    assert source.read_bytes()[:2] == b"PK"  # the input is untouched


def test_import_snipcart_catalogue_and_run(qtbot: Any, shared_sandbox_window: MainWindow) -> None:
    window = shared_sandbox_window
    window.panels.officiscan.enabled.setChecked(False)
    window.panels.shop.import_button.click()
    qtbot.waitUntil(lambda: window.validated is not None and not window.session.loading, timeout=30000)
    assert window.validated.table.code_column == "snipcart.ean"
    assert "Snipcart" in window.input_bar.file_label.text()
    assert not window.input_bar.column_combo.isEnabled()
    with qtbot.waitSignal(window.bridge.run_finished, timeout=60000):
        window.start_run()
    assert window.result.settings.snipcart_input
    assert window.result.answers.height == window.validated.checks.height
    assert window.result.found + window.result.failed > 0


def test_closing_mid_run_cancels_and_keeps_the_journal(qtbot: Any, sandbox_window: MainWindow, tmp_path: Path) -> None:
    from pricelookup.run import api

    window = sandbox_window
    window.panels.officiscan.enabled.setChecked(False)
    _open(qtbot, window, write_codes(tmp_path / "codes.xlsx", 40))
    qtbot.waitUntil(lambda: "credits" in window.run_panel.estimate_label.text(), timeout=20000)
    window.bridge.sandbox_server.configure(job_seconds=60.0)
    window.start_run()
    qtbot.waitUntil(lambda: window.bridge.sandbox_server.stats()["priceapi"]["jobs_created"] == 1, timeout=30000)
    window.close()
    qtbot.waitUntil(lambda: any(b.objectName() == "close_box" and b.isVisible()
                                for b in window.findChildren(QMessageBox)), timeout=5000)
    box = next(b for b in window.findChildren(QMessageBox) if b.objectName() == "close_box")
    next(b for b in box.buttons() if b.text() == "Stop and close").click()
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=10000)
    assert window.bridge._thread is not None and not window.bridge._thread.is_alive()
    runs = api.find_unfinished_runs(tmp_path / "journal")
    assert [r.status for r in runs] == ["cancelled"]  # the journal knows, so the next start offers to resume


def test_test_connection_for_every_service_against_the_sandbox(qtbot: Any, sandbox_window: MainWindow) -> None:
    """All eight probes at once: also proves concurrent tasks share one embedded sandbox (the window's own)."""
    answers: dict[tuple[str, str], str] = {}
    for service in ("priceapi", "officiscan", "monitorize", "snipcart"):
        for key in ("any-key", "invalid"):  # the sandbox refuses the literal "invalid"
            sandbox_window.bridge.test_connection(
                service, key, sandbox=True,
                on_done=lambda text, s=service, k=key: answers.__setitem__((s, k), f"ok {text}"),
                on_error=lambda exc, s=service, k=key: answers.__setitem__((s, k), f"{type(exc).__name__} {exc}"))
    qtbot.waitUntil(lambda: len(answers) == 8, timeout=60000)
    for service in ("priceapi", "officiscan", "monitorize", "snipcart"):
        assert answers[(service, "any-key")].startswith("ok"), answers
        assert answers[(service, "invalid")].startswith("AuthenticationError"), answers
