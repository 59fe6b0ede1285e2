"""The main window on a fake engine: drops, pickers, run, cancel, resume, close, export, settings."""

from __future__ import annotations

import warnings
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from gui_fakes import FakeEngine
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from pricelookup.errors import AuthenticationError
from pricelookup.gui.export_dialog import ExportDialog
from pricelookup.settings import RunSettings, ServiceKeys


def drop(window: Any, urls: list[QUrl]) -> None:
    """Drag in, then drop, with real events, as a file manager would."""
    mime = QMimeData()
    mime.setUrls(urls)
    buttons, modifiers = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    with warnings.catch_warnings():  # PySide marks the QPoint constructor deprecated; it is the only one
        warnings.simplefilter("ignore", DeprecationWarning)
        enter = QDragEnterEvent(QPoint(200, 200), Qt.DropAction.CopyAction, mime, buttons, modifiers)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted(), "the window must accept a drag carrying files"
    QApplication.sendEvent(window, QDropEvent(QPointF(200, 200), Qt.DropAction.CopyAction, mime, buttons, modifiers))


def boxes(window: Any, name: str | None = None) -> list[QMessageBox]:
    found = [b for b in window.findChildren(QMessageBox) if b.isVisible()]
    return [b for b in found if name is None or b.objectName() == name]


def press(box: QMessageBox, label: str) -> None:
    button = next(b for b in box.buttons() if b.text() == label)
    button.click()


def load(qtbot: Any, window: Any, path: Path) -> None:
    window.open_path(path)
    qtbot.waitUntil(lambda: window.validated is not None and not window.session.loading, timeout=5000)


def test_dropping_a_spreadsheet_opens_it(qtbot: Any, window: Any, spreadsheet: Path, fake_engine: FakeEngine) -> None:
    drop(window, [QUrl.fromLocalFile(str(spreadsheet))])
    qtbot.waitUntil(lambda: window.validated is not None, timeout=5000)
    assert fake_engine.loads[-1][0] == spreadsheet.resolve()
    assert window.model.rowCount() == 12
    assert window.summary_bar.counts() == {"rows": 12, "valid": 9, "repaired": 1, "invalid": 1, "empty": 1,
                                           "duplicates": 1, "unique": 8, "restricted": 1}
    assert window.input_bar.column_combo.currentText() == "EAN"
    assert "products.xlsx" in window.windowTitle()
    assert window.run_panel.run_button.isEnabled()
    # the estimate arrives asynchronously, then shows the credits
    qtbot.waitUntil(lambda: "credits" in window.run_panel.estimate_label.text(), timeout=5000)
    assert str(spreadsheet.resolve()) in window.recent_files()


@pytest.mark.parametrize("kind", ["folder", "two files", "pdf", "http"])
def test_bad_drops_are_explained_not_crashing(qtbot: Any, window: Any, tmp_path: Path, spreadsheet: Path,
                                              fake_engine: FakeEngine, kind: str) -> None:
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    urls = {
        "folder": [QUrl.fromLocalFile(str(tmp_path))],
        "two files": [QUrl.fromLocalFile(str(spreadsheet)), QUrl.fromLocalFile(str(pdf))],
        "pdf": [QUrl.fromLocalFile(str(pdf))],
        "http": [QUrl("https://example.com/products.xlsx")],
    }[kind]
    drop(window, urls)
    qtbot.waitUntil(lambda: bool(boxes(window, "error_box")), timeout=3000)
    text = boxes(window, "error_box")[0].text()
    expected = {"folder": "is a folder", "two files": "one spreadsheet at a time", "pdf": "not a spreadsheet",
                "http": "web address"}[kind]
    assert expected in text
    assert "Traceback" not in text
    assert fake_engine.loads == []
    assert window.validated is None


def test_unreadable_file_gives_a_dialog_with_the_next_step(qtbot: Any, window: Any, tmp_path: Path) -> None:
    bad = tmp_path / "broken.xlsx"
    bad.write_bytes(b"x")
    # the fake engine refuses *.bad; rename after the extension check to reach the engine
    target = tmp_path / "broken.bad"
    bad.rename(target)
    window._start_load(target, sheet=None, column=None)
    qtbot.waitUntil(lambda: bool(boxes(window, "error_box")), timeout=3000)
    box = boxes(window, "error_box")[0]
    assert "not a valid spreadsheet" in box.text()
    assert "save a copy" in box.informativeText()
    assert window.stack.currentIndex() == 0  # back to the drop hint


def test_changing_column_and_sheet_reads_again_off_thread(qtbot: Any, window: Any, spreadsheet: Path,
                                                          fake_engine: FakeEngine) -> None:
    load(qtbot, window, spreadsheet)
    combo = window.input_bar.column_combo
    combo.setCurrentIndex(combo.findData("Price"))
    combo.activated.emit(combo.currentIndex())
    qtbot.waitUntil(lambda: window.validated.table.code_column == "Price", timeout=5000)
    assert fake_engine.loads[-1][1].column == "Price"
    assert window.model.headerData(window.model.code_view_column(), Qt.Orientation.Horizontal) == "▶ Price"
    sheet = window.input_bar.sheet_combo
    sheet.setCurrentIndex(1)
    sheet.activated.emit(1)
    qtbot.waitUntil(lambda: window.validated.table.sheet == "Notes", timeout=5000)
    assert fake_engine.loads[-1][1].sheet == "Notes"
    assert fake_engine.loads[-1][1].column is None  # a new sheet gets its column detected again


def test_problems_only_filters_the_view(qtbot: Any, window: Any, spreadsheet: Path) -> None:
    load(qtbot, window, spreadsheet)
    window.input_bar.problems_check.setChecked(True)
    assert window.model.rowCount() == 5
    window.input_bar.problems_check.setChecked(False)
    assert window.model.rowCount() == 12


def test_run_to_the_end_shows_results(qtbot: Any, window: Any, spreadsheet: Path, fake_engine: FakeEngine) -> None:
    load(qtbot, window, spreadsheet)
    with qtbot.waitSignal(window.bridge.run_finished, timeout=10000):
        window.run_action.trigger()
        assert window.run_panel.cancel_button.isEnabled()
        assert not window.run_panel.run_button.isEnabled()
    assert window.result is not None and window.result.status == "finished"
    assert window.run_panel.progress_bar.value() == 1000
    assert window.export_action.isEnabled()
    assert "step 5" in window.run_panel.log_view.toPlainText()
    assert window.model.columnCount() == 10  # PriceAPI (3), OfficiScan and Monitorize columns added
    # every Run lets the engine continue an interrupted run of the same input: never pay twice
    assert fake_engine.requests[-1].resume is True
    # keys are asked only for the services this run uses (a locked keyring must not stop it)
    settings = fake_engine.requests[-1].settings
    assert fake_engine.key_requests[-1] == settings.services_used()
    assert "snipcart" not in fake_engine.key_requests[-1]


def test_cancel_mid_run_then_run_again_resumes(qtbot: Any, window: Any, spreadsheet: Path,
                                               fake_engine: FakeEngine) -> None:
    fake_engine.step_seconds, fake_engine.steps = 0.05, 200
    load(qtbot, window, spreadsheet)
    window.start_run()
    qtbot.waitUntil(lambda: window.run_panel.progress_bar.value() > 0, timeout=5000)
    with qtbot.waitSignal(window.bridge.run_cancelled, timeout=3000):
        window.cancel_action.trigger()
    assert not window.bridge.is_running
    assert window.run_panel.run_button.isEnabled()
    assert "Cancelled" in window.run_panel.log_view.toPlainText()
    fake_engine.steps = 2
    with qtbot.waitSignal(window.bridge.run_finished, timeout=5000):
        window.start_run()
    assert fake_engine.requests[-1].resume is True  # same file and settings: continue, never pay twice


def test_failed_run_shows_what_to_do(qtbot: Any, window: Any, spreadsheet: Path, fake_engine: FakeEngine) -> None:
    fake_engine.fail_run = AuthenticationError("PriceAPI", "the token was refused.")
    load(qtbot, window, spreadsheet)
    with qtbot.waitSignal(window.bridge.run_failed, timeout=5000):
        window.start_run()
    qtbot.waitUntil(lambda: bool(boxes(window, "error_box")), timeout=3000)
    box = boxes(window, "error_box")[0]
    assert "PriceAPI: the token was refused." in box.text()
    assert "Settings" in box.informativeText()


def test_resume_prompt_after_an_interrupted_run(qtbot: Any, window: Any, spreadsheet: Path,
                                                fake_engine: FakeEngine) -> None:
    settings = RunSettings(sheet="Products", column="EAN", country="de")
    fake_engine.unfinished = [SimpleNamespace(run_id="r1", input_path=spreadsheet, started_at="2024-05-01 10:00",
                                              status="running", settings=settings)]
    window.check_unfinished_runs()
    qtbot.waitUntil(lambda: bool(boxes(window, "resume_box")), timeout=3000)
    box = boxes(window, "resume_box")[0]
    assert "products.xlsx" in box.text()
    with qtbot.waitSignal(window.bridge.run_finished, timeout=10000):
        press(box, "Resume")
    request = fake_engine.requests[-1]
    assert request.resume is True
    assert request.settings.country == "de"
    assert fake_engine.loads[-1][1].sheet == "Products"


def test_resume_prompt_can_be_declined(qtbot: Any, window: Any, spreadsheet: Path, fake_engine: FakeEngine) -> None:
    fake_engine.unfinished = [SimpleNamespace(run_id="r1", input_path=spreadsheet, started_at=None,
                                              status="running", settings=RunSettings())]
    window.check_unfinished_runs()
    qtbot.waitUntil(lambda: bool(boxes(window, "resume_box")), timeout=3000)
    press(boxes(window, "resume_box")[0], "Not now")
    qtbot.wait(100)
    assert fake_engine.loads == [] and fake_engine.requests == []


def test_closing_mid_run_asks_then_cancels_cleanly(qtbot: Any, window: Any, spreadsheet: Path,
                                                   fake_engine: FakeEngine) -> None:
    fake_engine.step_seconds, fake_engine.steps = 0.05, 400
    load(qtbot, window, spreadsheet)
    window.start_run()
    qtbot.waitUntil(lambda: fake_engine.started.is_set(), timeout=3000)
    window.close()
    qtbot.waitUntil(lambda: bool(boxes(window, "close_box")), timeout=3000)
    assert window.isVisible()  # nothing happens before the analyst answers
    press(boxes(window, "close_box")[0], "Keep running")
    qtbot.wait(50)
    assert window.isVisible() and window.bridge.is_running
    window.close()
    qtbot.waitUntil(lambda: bool(boxes(window, "close_box")), timeout=3000)
    press(boxes(window, "close_box")[0], "Stop and close")
    qtbot.waitUntil(lambda: not window.isVisible(), timeout=5000)
    thread = window.bridge._thread
    assert thread is not None and not thread.is_alive()  # loop stopped, thread joined


@pytest.mark.parametrize("layout", ["row", "column"])
def test_export_both_layouts(qtbot: Any, window: Any, spreadsheet: Path, fake_engine: FakeEngine, layout: str) -> None:
    load(qtbot, window, spreadsheet)
    with qtbot.waitSignal(window.bridge.run_finished, timeout=10000):
        window.start_run()
    window.export_action.trigger()
    dialog = window.export_dialog
    assert isinstance(dialog, ExportDialog)
    assert Path(dialog.path_edit.text()) == spreadsheet.resolve().with_name("products-prices.xlsx")
    (dialog.column_layout if layout == "column" else dialog.row_layout).setChecked(True)
    dialog.max_offers.setValue(7)
    dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(boxes(window, "export_done_box")), timeout=5000)
    path, used_layout, max_offers = fake_engine.exports[-1]
    assert (path.name, used_layout) == ("products-prices.xlsx", layout)
    assert max_offers == 7
    labels = [b.text() for b in boxes(window, "export_done_box")[0].buttons()]
    assert "Open file" in labels and "Show in folder" in labels


def test_export_refuses_to_overwrite_the_input(qtbot: Any, window: Any, spreadsheet: Path) -> None:
    load(qtbot, window, spreadsheet)
    with qtbot.waitSignal(window.bridge.run_finished, timeout=10000):
        window.start_run()
    window.export_results()
    dialog = window.export_dialog
    dialog.path_edit.setText(str(spreadsheet))
    dialog.export_button.click()
    assert dialog.isVisible()
    assert "input file" in dialog.problem.text()


def test_export_again_from_the_journal(qtbot: Any, window: Any, spreadsheet: Path, fake_engine: FakeEngine) -> None:
    fake_engine.runs = [SimpleNamespace(run_id="old-run", input_path=spreadsheet, started_at="2024-01-01",
                                        status="finished", settings=RunSettings())]
    window.export_again_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "run_picker", None) is not None and window.run_picker.isVisible(),
                    timeout=3000)
    assert window.run_picker.selected_run().run_id == "old-run"
    window.run_picker.ok.click()
    qtbot.waitUntil(lambda: getattr(window, "export_dialog", None) is not None and window.export_dialog.isVisible(),
                    timeout=3000)
    window.export_dialog.export_button.click()
    qtbot.waitUntil(lambda: bool(fake_engine.exports), timeout=3000)
    assert fake_engine.exports[-1][0].name == "products-prices.xlsx"
    assert fake_engine.exported_runs[-1] == ("old-run", window.data_dir())  # written from the journal


def test_sandbox_mode_is_labelled_and_uses_the_sandbox(qtbot: Any, window: Any, spreadsheet: Path,
                                                       fake_engine: FakeEngine) -> None:
    assert not window.banner.isVisible()
    window.sandbox_action.trigger()
    assert window.sandbox and window.banner.isVisible()
    assert "Sandbox" in window.banner.text() and "simulated" in window.banner.text()
    assert "Sandbox" in window.windowTitle()
    load(qtbot, window, spreadsheet)
    with qtbot.waitSignal(window.bridge.run_finished, timeout=10000):
        window.start_run()
    request = fake_engine.requests[-1]
    assert request.endpoints.sandbox and request.endpoints.priceapi.startswith("http://127.0.0.1:9/")
    assert request.keys.priceapi == "sandbox"
    assert fake_engine.sandbox_entered == 1
    assert not window.sandbox_action.isEnabled() or not window.bridge.is_running


def test_settings_persist_without_keys(qtbot: Any, window: Any, qsettings: Any, tmp_path: Path) -> None:
    window.panels.priceapi.country.setCurrentText("de")
    window.panels.officiscan.days.setValue(14)
    qsettings.sync()
    text = (tmp_path / "settings.ini").read_text()
    assert "de" in text and "14" in text
    window.open_settings()
    dialog = window.settings_dialog
    dialog.key_edits["priceapi"].setText("SECRET-TOKEN-123")
    dialog.test_connection("priceapi")
    qtbot.waitUntil(lambda: "works" in dialog.status_labels["priceapi"].text(), timeout=3000)
    dialog.key_edits["monitorize"].setText("invalid")
    dialog.test_connection("monitorize")
    qtbot.waitUntil(lambda: "✘" in dialog.status_labels["monitorize"].text(), timeout=3000)
    assert "refused" in dialog.status_labels["monitorize"].text()
    dialog.key_edits["priceapi"].clear()
    dialog.key_edits["monitorize"].clear()
    dialog.reject()
    qsettings.sync()
    assert "SECRET-TOKEN-123" not in (tmp_path / "settings.ini").read_text()


def test_keyboard_shortcuts_are_bound(window: Any) -> None:
    shortcuts = {a.shortcut().toString() for a in (window.open_action, window.run_action, window.cancel_action,
                                                   window.export_action, window.quit_action)}
    assert shortcuts == {"Ctrl+O", "Ctrl+R", "Esc", "Ctrl+E", "Ctrl+Q"}
    assert all(a.toolTip() for a in (window.open_action, window.run_action, window.cancel_action,
                                     window.export_action))


def test_missing_key_says_where_to_put_it(qtbot: Any, window: Any, spreadsheet: Path, fake_engine: FakeEngine) -> None:
    fake_engine.keys = ServiceKeys()
    load(qtbot, window, spreadsheet)
    qtbot.waitUntil(lambda: "No estimate yet" in window.run_panel.estimate_label.text(), timeout=5000)
    assert "PriceAPI" in window.run_panel.estimate_label.text()
    assert "sandbox mode" in window.run_panel.estimate_label.text()
    with qtbot.waitSignal(window.bridge.run_failed, timeout=5000):
        window.start_run()
    qtbot.waitUntil(lambda: bool(boxes(window, "error_box")), timeout=3000)
    box = boxes(window, "error_box")[0]
    assert box.windowTitle() == "No PriceAPI key yet"
    assert "Settings" in box.informativeText()
    assert fake_engine.requests == []  # nothing reached the engine without a key


def test_recent_files_menu_reopens_a_file(qtbot: Any, window: Any, spreadsheet: Path, fake_engine: FakeEngine) -> None:
    load(qtbot, window, spreadsheet)
    window._fill_recent_menu()
    actions = [a for a in window.recent_menu.actions() if a.text().endswith("products.xlsx")]
    assert actions and actions[0].toolTip() == str(spreadsheet.resolve())
    fake_engine.loads.clear()
    actions[0].trigger()
    qtbot.waitUntil(lambda: bool(fake_engine.loads), timeout=3000)
    assert fake_engine.loads[0][0] == spreadsheet.resolve()


def test_window_speaks_french(qtbot: Any, qapp: Any, qsettings: Any, fake_engine: FakeEngine) -> None:
    from PySide6.QtCore import QLocale

    from pricelookup.gui.bridge import EngineBridge
    from pricelookup.gui.main_window import MainWindow
    from pricelookup.gui.resources import install_translators

    previous_locale = QLocale()
    translators = install_translators(qapp, "fr")
    bridge = EngineBridge(fake_engine, sandbox=fake_engine.sandbox)
    try:
        win = MainWindow(bridge, qsettings, sandbox=True)
        qtbot.addWidget(win)
        assert win.run_action.text() == "&Lancer"
        assert win.banner.text().startswith("Bac à sable")
        assert win.run_panel.run_button.text() == "Lancer"
        assert win.summary_bar.findChild(QLabel, "summary_rows").text().startswith("Lignes")
        win._closing_confirmed = True
        win.close()
    finally:
        bridge.shutdown()
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous_locale)
