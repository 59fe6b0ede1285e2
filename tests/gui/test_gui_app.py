"""The entry point, crash dialog, translations, icons and the .desktop entry."""

from __future__ import annotations

import configparser
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from lxml import etree
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QMessageBox

from pricelookup.gui import app as gui_app
from pricelookup.gui.resources import (
    ICON_SIZES,
    app_icon,
    install_translators,
    resolve_language,
    resources_dir,
)

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "resources/translations/pricelookup_fr.ts"


@pytest.mark.slow
def test_gui_script_starts_offscreen_and_quits_on_its_own(tmp_path: Path) -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_CONFIG_HOME": str(tmp_path / "config")}
    script = Path(sys.executable).with_name("pricelookup-gui")  # the installed gui-script
    command = [str(script)] if script.exists() else [
        sys.executable, "-c", "import sys; from pricelookup.gui.app import main; sys.exit(main())"]
    proc = subprocess.run([*command, "--quit-after", "0.5"], env=env, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    logs = list((tmp_path / "state").rglob("pricelookup.log"))
    assert logs and "Price Lookup 0" in logs[0].read_text()
    assert "Traceback" not in proc.stderr


@pytest.mark.slow
def test_smoke_run_looks_up_a_file_through_the_engine_process(tmp_path: Path) -> None:
    """What packaging/linux/smoke.sh asks of the frozen app: the window's look-up end to end."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_STATE_HOME": str(tmp_path / "state"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PRICELOOKUP_DATA_DIR": str(tmp_path / "data")}
    sample = Path(__file__).resolve().parents[2] / "resources/samples/products.xlsx"
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from pricelookup.gui.app import main; sys.exit(main())",
         "--sandbox", "--sandbox-job-seconds", "0.3", "--smoke-run", str(sample)],
        env=env, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "run finished: 52 codes answered, status finished" in proc.stderr
    # the child process logged into the same file as the window, keys redacted
    log_text = next((tmp_path / "state").rglob("pricelookup.log")).read_text()
    assert "POST http://127.0.0.1:" in log_text and "/priceapi/jobs" in log_text  # only the child submits
    assert "token=sandbox" not in log_text
    assert "Traceback" not in proc.stderr


def test_version_option_exits_cleanly(capsys: Any) -> None:
    with pytest.raises(SystemExit) as exc:
        gui_app.build_parser().parse_args(["--version"])
    assert exc.value.code == 0
    assert "pricelookup-gui" in capsys.readouterr().out


def test_crash_hook_logs_and_points_to_the_log_file(qtbot: Any, tmp_path: Path, caplog: Any) -> None:
    log_path = tmp_path / "pricelookup.log"
    reporter = gui_app._CrashReporter(log_path)
    try:
        raise ZeroDivisionError("boom")
    except ZeroDivisionError as exc:
        reporter.excepthook(type(exc), exc, exc.__traceback__)
    assert "ZeroDivisionError: boom" in caplog.text  # the traceback goes to the log, not the dialog
    qtbot.waitUntil(lambda: reporter._box is not None, timeout=3000)
    box: QMessageBox = reporter._box
    assert str(log_path) in box.informativeText()
    assert "Traceback" not in box.text() + box.informativeText()
    box.close()


def test_french_translation_is_complete_and_loads(qapp: Any) -> None:
    tree = etree.parse(str(TS))
    messages = tree.findall(".//message")
    assert len(messages) > 250
    unfinished = [m.findtext("source") for m in messages
                  if m.find("translation").get("type") in ("unfinished", "obsolete", "vanished")]
    assert unfinished == []
    previous_locale = QLocale()
    translators = install_translators(qapp, "fr")
    try:
        assert translators, "pricelookup_fr.qm must load"
        assert QCoreApplication.translate("MainWindow", "&Run") == "&Lancer"
        assert QCoreApplication.translate("FileDrop", "Nothing usable was dropped. Drop a spreadsheet file from your "
                                          "file manager.").startswith("Rien d’utilisable")
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous_locale)


def test_language_follows_the_system_locale() -> None:
    assert resolve_language("system", QLocale(QLocale.Language.French, QLocale.Country.Belgium)) == "fr"
    assert resolve_language("system", QLocale(QLocale.Language.German, QLocale.Country.Germany)) == "en"
    assert resolve_language("fr") == "fr"


def test_icons_exist_in_every_size(qapp: Any) -> None:
    icons = resources_dir() / "icons"
    assert (icons / "pricelookup.svg").read_text().lstrip().startswith("<?xml")
    for size in ICON_SIZES:
        assert (icons / f"pricelookup-{size}.png").stat().st_size > 100
    icon = app_icon()
    assert not icon.isNull()
    assert icon.pixmap(256, 256).width() == 256


def test_desktop_entry_opens_spreadsheets() -> None:
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive in .desktop files
    parser.read(ROOT / "resources/pricelookup.desktop", encoding="utf-8")
    entry = parser["Desktop Entry"]
    assert entry["Exec"] == "pricelookup-gui %f"
    assert entry["Type"] == "Application" and entry["Icon"] == "pricelookup"
    mime = set(entry["MimeType"].strip(";").split(";"))
    assert {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/vnd.ms-excel",
            "application/vnd.oasis.opendocument.spreadsheet", "text/csv"} <= mime
