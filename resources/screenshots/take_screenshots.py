"""Take the README's screenshots of the real window under Xvfb, as a user would see it.

    Xvfb :99 -screen 0 1400x900x24 &
    DISPLAY=:99 .venv/bin/python resources/screenshots/take_screenshots.py          # the four states
    DISPLAY=:99 .venv/bin/python resources/screenshots/take_screenshots.py en --dark
    DISPLAY=:99 .venv/bin/python resources/screenshots/take_screenshots.py fr
    DISPLAY=:99 .venv/bin/python resources/screenshots/take_screenshots.py fr --dark

Drives the window (sandbox mode, the shipped sample), and at each step grabs
the X screen where the window sits with Qt's own screen grab (tooltips included:
they are windows of their own, which ``window.grab()`` would miss). Writes:
``main-window-empty.png``, ``main-window-loaded.png`` (problems shown, a
tooltip open), ``main-window-running.png`` (mid-run), ``main-window-finished.png``,
``main-window-loaded-dark.png`` (with ``--dark``: a dark palette, to check the
status colours) and ``main-window-loaded-fr.png`` (with ``fr``: French); and in
each of the four variants, after a run, ``main-window-detail[-fr][-dark].png``:
the detail pane of a product with a price history, the mouse over a point of its
chart (the hover tooltip in the picture).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SAMPLE = ROOT / "resources" / "samples" / "products.xlsx"
WIDTH, HEIGHT = 1280, 800


def shoot(name: str) -> None:
    """Grab the X screen where the window sits (placed at 0,0): the window and any tooltip over it."""
    # lazy: like every Qt import of this script, once main() has checked DISPLAY
    from PySide6.QtGui import QGuiApplication

    screen = QGuiApplication.primaryScreen()
    # window id 0: the root window, so a tooltip (a window of its own) is in the picture too
    if not screen.grabWindow(0, 0, 0, WIDTH, HEIGHT).save(str(HERE / name)):
        raise OSError(f"could not write {HERE / name}")
    print("wrote", HERE / name)


def main() -> int:
    """Drive the window through its states and shoot each."""
    if not os.environ.get("DISPLAY"):
        print("start Xvfb and set DISPLAY first (see the docstring)", file=sys.stderr)
        return 2
    language = sys.argv[1] if len(sys.argv) > 1 else "en"
    dark = "--dark" in sys.argv
    work = Path(tempfile.mkdtemp(prefix="pricelookup-shots-"))
    os.environ["PRICELOOKUP_DATA_DIR"] = str(work / "journal")

    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtGui import QColor, QPalette
    from PySide6.QtWidgets import QApplication, QStyleFactory, QToolTip

    from pricelookup.gui.bridge import EngineBridge
    from pricelookup.gui.main_window import MainWindow
    from pricelookup.gui.resources import app_icon, install_translators
    from pricelookup.sandbox import SandboxConfig

    app = QApplication(sys.argv[:1])
    app.setApplicationDisplayName("Price Lookup")
    app.setWindowIcon(app_icon())
    translators = install_translators(app, language)
    if dark:  # what a dark desktop theme hands Qt: the Fusion style with a dark palette
        app.setStyle(QStyleFactory.create("Fusion"))
        palette = QPalette()
        for role, colour in ((QPalette.ColorRole.Window, "#2b2b2b"), (QPalette.ColorRole.WindowText, "#e6e6e6"),
                             (QPalette.ColorRole.Base, "#1e1e1e"), (QPalette.ColorRole.AlternateBase, "#262626"),
                             (QPalette.ColorRole.Text, "#e6e6e6"), (QPalette.ColorRole.Button, "#353535"),
                             (QPalette.ColorRole.ButtonText, "#e6e6e6"), (QPalette.ColorRole.Highlight, "#2f7fc1"),
                             (QPalette.ColorRole.HighlightedText, "#ffffff"), (QPalette.ColorRole.ToolTipBase, "#3a3a3a"),
                             (QPalette.ColorRole.ToolTipText, "#e6e6e6"), (QPalette.ColorRole.PlaceholderText, "#9a9a9a")):
            palette.setColor(role, QColor(colour))
        app.setPalette(palette)
    # PriceAPI jobs of ~60 codes take a few seconds in the sandbox: long enough to catch mid-run
    bridge = EngineBridge(sandbox_config=SandboxConfig(job_seconds=60.0))
    settings = QSettings(str(work / "settings.ini"), QSettings.Format.IniFormat)
    window = MainWindow(bridge, settings, sandbox=True, data_dir=work / "journal")
    window.move(0, 0)
    window.resize(WIDTH, HEIGHT)
    window.show()
    suffix = ("" if language == "en" else f"-{language}") + ("-dark" if dark else "")
    def loaded() -> bool:
        return window.validated is not None and not window.session.loading

    def wait_then(condition: object, action: object, poll: int = 200) -> None:
        def check() -> None:
            if condition():  # type: ignore[operator]
                action()  # type: ignore[operator]
            else:
                QTimer.singleShot(poll, check)
        QTimer.singleShot(poll, check)

    def step_loaded() -> None:
        from PySide6.QtTest import QTest
        from PySide6.QtWidgets import QAbstractItemView

        from pricelookup.gui.row_status import Category

        model = window.model
        view = window.table_view
        problems = [row for row in range(model.rowCount()) if model.category_at(row) != Category.VALID]
        if problems:  # show the rows that need a look, and hover an invalid one: the tooltip says why
            view.scrollTo(model.index(max(0, problems[0] - 2), 0), QAbstractItemView.ScrollHint.PositionAtTop)
            invalid = next((r for r in problems if model.category_at(r) == Category.INVALID), problems[0])
            QTimer.singleShot(300, lambda: QTest.mouseMove(view.viewport(),
                                                           view.visualRect(model.index(invalid, 4)).center()))
        QTimer.singleShot(2000, lambda: (shoot(f"main-window-loaded{suffix}.png"), QToolTip.hideText(),
                                         view.scrollToTop(),
                                         wait_then(lambda: window.session.estimate_shown, start_run)))

    def start_run() -> None:
        if suffix:  # the dark and French variants show the loaded file, then a short run's detail pane
            bridge.sandbox_server.configure(job_seconds=1.0)
            window.start_run()
            wait_then(lambda: window.result is not None, lambda: QTimer.singleShot(500, lambda: detail_shot(window_close)))
            return
        window.start_run()
        wait_then(lambda: window.run_panel.progress_bar.value() > 150 and window.run_panel.jobs_model.rowCount() > 0,
                  lambda: QTimer.singleShot(1500, running_shot))

    def running_shot() -> None:
        shoot("main-window-running.png")
        bridge.sandbox_server.configure(job_seconds=1.0)
        wait_then(lambda: window.result is not None, lambda: QTimer.singleShot(800, finished_shot))

    def finished_shot() -> None:
        shoot("main-window-finished.png")
        QTimer.singleShot(300, lambda: detail_shot(window_close))

    def detail_shot(after: object) -> None:
        """Select products that PriceAPI found until one has a price history; hover its chart; shoot."""
        from PySide6.QtTest import QTest

        model, view, pane = window.model, window.table_view, window.detail_pane
        found = window.result.answers["success"].fill_null(False)
        rows = [r for r in range(model.rowCount()) if model.gtin_at(r) and found[model.source_row(r)]][:25]
        view.setFocus()

        def settled(row: int) -> bool:
            detail = pane.detail
            shown = detail is not None and detail.gtin14 == model.gtin_at(row)
            return shown or (pane.wanted is None and pane.stack.currentIndex() == pane.PAGE_MESSAGE)

        def try_row(i: int) -> None:
            if i >= len(rows):
                print("no product with a price history among the first found ones", file=sys.stderr)
                shoot(f"main-window-detail{suffix}.png")
                after()  # type: ignore[operator]
                return
            view.setCurrentIndex(model.index(rows[i], 1))
            view.scrollTo(model.index(rows[i], 1))
            wait_then(lambda: settled(rows[i]), lambda: check(i), poll=100)

        def check(i: int) -> None:
            chart = pane.chart
            if pane.detail is None or chart is None or not chart.isVisible():
                try_row(i + 1)
                return
            line = max(chart.lines(), key=lambda ln: ln.count())  # the longest line: a point mid-way
            point = line.at(line.count() // 2)
            where = chart.viewport().mapFromGlobal(chart.global_position(line, point))
            QTimer.singleShot(600, lambda: QTest.mouseMove(chart.viewport(), where))
            QTimer.singleShot(2000, lambda: (shoot(f"main-window-detail{suffix}.png"), QToolTip.hideText(),
                                             QTimer.singleShot(300, after)))  # type: ignore[arg-type]

        try_row(0)

    def window_close() -> None:
        window._closing_confirmed = True
        window.close()
        app.quit()

    def first() -> None:
        if not suffix:
            shoot("main-window-empty.png")
        window.open_path(SAMPLE)
        wait_then(loaded, lambda: QTimer.singleShot(1500, step_loaded))

    QTimer.singleShot(1500, first)
    app.exec()
    bridge.shutdown()
    del translators
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
