"""``pricelookup-gui [FILE] [--sandbox]``: the desktop application's entry point.

Sets up the QApplication (name, icon, high-DPI rounding, translations), the
log file in the user log dir, and an exception hook that logs anything
unexpected and shows a dialog pointing to the log instead of a traceback.
The smoke-test and start-up timing hooks (``--quit-after``, ``--smoke-run``)
live in :mod:`pricelookup.gui.instrumentation`.
"""

from __future__ import annotations

import argparse
import logging
import sys
import threading
import traceback
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from pricelookup import APP_NAME, __version__
from pricelookup.gui import instrumentation
from pricelookup.gui.bridge import EngineBridge
from pricelookup.gui.main_window import MainWindow
from pricelookup.gui.resources import app_icon, install_translators
from pricelookup.gui.settings_dialog import KEY_LANGUAGE
from pricelookup.logsetup import configure_file_logging
from pricelookup.paths import log_dir

log = logging.getLogger(__name__)


def build_parser() -> argparse.ArgumentParser:
    """Options of ``pricelookup-gui`` (``pricelookup gui`` passes the same)."""
    parser = argparse.ArgumentParser(prog="pricelookup-gui", description="Price Lookup desktop window")
    parser.add_argument("file", nargs="?", help="spreadsheet to open at once")
    parser.add_argument("--sandbox", action="store_true", help="use the embedded sandbox (simulated data)")
    parser.add_argument("--data-dir", help="journal folder (default: $PRICELOOKUP_DATA_DIR or the user data dir)")
    parser.add_argument("--version", action="version", version=f"pricelookup-gui {__version__}")
    # For smoke tests of installed/frozen builds: close the window after this many seconds.
    parser.add_argument("--quit-after", type=float, help=argparse.SUPPRESS)
    # For smoke tests of frozen builds: once FILE is loaded, run the look-up, say how it ended, close.
    # It proves that the engine's child process starts from the frozen executable.
    parser.add_argument("--smoke-run", action="store_true", help=argparse.SUPPRESS)
    # Sandbox speed for demos and screenshots (seconds per 1000-value PriceAPI job).
    parser.add_argument("--sandbox-job-seconds", type=float, help=argparse.SUPPRESS)
    return parser


class _CrashReporter(QObject):
    """Logs unexpected exceptions and shows one dialog at a time pointing to the log file.

    Exceptions from other threads are logged there and the dialog is posted to
    the GUI thread through a queued signal.
    """

    _show = Signal(str)

    def __init__(self, log_path: Path | None) -> None:
        super().__init__()
        self._log_path = log_path
        self._box: QMessageBox | None = None
        self._show.connect(self._show_dialog, Qt.ConnectionType.QueuedConnection)

    def excepthook(self, kind: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """``sys.excepthook``: log the traceback, show the dialog (Ctrl+C quits)."""
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        log.critical("unexpected error\n%s", "".join(traceback.format_exception(kind, exc, tb)))
        self._show.emit(type(exc).__name__)

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        """``threading.excepthook``: log the traceback, post the dialog to the GUI thread."""
        if args.exc_type is SystemExit:
            return
        log.critical("unexpected error in thread %s\n%s", args.thread.name if args.thread else "?",
                     "".join(traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)))
        self._show.emit(args.exc_type.__name__)

    def _show_dialog(self, kind: str) -> None:
        if self._box is not None:
            return  # one at a time: a loop of failures must not bury the window in dialogs
        translate = QCoreApplication.translate
        box = QMessageBox(QMessageBox.Icon.Critical, translate("App", "Unexpected problem"),
                          translate("App", "Price Lookup hit an unexpected problem ({kind}).").format(kind=kind),
                          QMessageBox.StandardButton.Ok, QApplication.activeWindow())
        box.setInformativeText(translate("App", "Details were written to {log}. Please send that file to support. "
                                                "Your data and the run journal are safe; you can carry on or restart "
                                                "Price Lookup.").format(log=str(self._log_path or "the log file")))
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        # ``finished`` (not ``destroyed``): it fires while both objects are surely alive
        box.finished.connect(self._forget_box)
        self._box = box
        box.open()

    def _forget_box(self, *_: Any) -> None:
        self._box = None


def _setup_logging() -> Path | None:
    """The log file in the user log dir (None when it cannot be written)."""
    try:
        path = configure_file_logging(log_dir())
    except OSError as exc:  # an unwritable log dir must not stop the app
        print(f"pricelookup-gui: cannot write the log file: {exc}", file=sys.stderr)
        return None
    # `pricelookup gui` arrives with the CLI's stderr handler: the file gets INFO, the console warnings only
    for handler in logging.getLogger().handlers:
        if type(handler) is logging.StreamHandler and handler.level == logging.NOTSET:
            handler.setLevel(logging.WARNING)
    return path


def main(argv: list[str] | None = None) -> int:
    """Start the window; returns the exit code."""
    args = build_parser().parse_args(sys.argv[1:] if argv is None else list(argv))
    # Fractional scale factors (125 %, 150 %) as the system sets them, not rounded: crisp icons and text.
    QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
    app = QApplication.instance() or QApplication([sys.argv[0] if sys.argv else "pricelookup-gui"])
    assert isinstance(app, QApplication)
    app.setApplicationName("pricelookup")
    app.setOrganizationName("pricelookup")
    app.setApplicationDisplayName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("pricelookup")

    log_path = _setup_logging()
    log.info("Price Lookup %s starting (sandbox=%s)", __version__, args.sandbox)
    reporter = _CrashReporter(log_path)
    previous_hooks = (sys.excepthook, threading.excepthook)
    sys.excepthook = reporter.excepthook
    threading.excepthook = reporter.thread_excepthook

    settings = QSettings()
    translators = install_translators(app, str(settings.value(KEY_LANGUAGE, "system")))
    app.setWindowIcon(app_icon())

    sandbox_config = None
    if args.sandbox_job_seconds is not None:
        # lazy: the sandbox package (~60 ms) loads before the first paint only for demos that pass this option
        from pricelookup.sandbox import SandboxConfig

        sandbox_config = SandboxConfig(job_seconds=args.sandbox_job_seconds)
    bridge = EngineBridge(sandbox_config=sandbox_config)
    window = MainWindow(bridge, settings, sandbox=args.sandbox,
                        data_dir=Path(args.data_dir).expanduser() if args.data_dir else None, log_path=log_path)
    window.show()
    if args.file:
        QTimer.singleShot(0, lambda: window.open_path(args.file))
    QTimer.singleShot(0, window.check_unfinished_runs)
    outcome = {"code": 0}
    if args.smoke_run:
        instrumentation.smoke_run(window, bridge, outcome)
    quit_after = args.quit_after if args.quit_after is not None else instrumentation.quit_after_from_env()
    if quit_after is not None:
        # Smoke tests of frozen/installed builds (packaging/linux/smoke.sh, measure.sh):
        # say when the window is on screen, then close it as a user would.
        instrumentation.close_after(window, quit_after)
    try:
        code = app.exec()
    finally:
        bridge.shutdown()
        sys.excepthook, threading.excepthook = previous_hooks
        del translators
    log.info("Price Lookup closed")
    return int(code) or outcome["code"]


if __name__ == "__main__":
    raise SystemExit(main())
