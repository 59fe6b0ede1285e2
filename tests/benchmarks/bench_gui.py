"""The window stays responsive during a big look-up: GUI event-loop stalls during a sandbox run.

A QTimer ticks every 5 ms on the GUI thread and records the gaps between its
ticks while the real engine (on its own thread and loop) runs 100,000 codes
against the embedded sandbox, with the window shown (offscreen) and painting
progress. A gap much longer than 5 ms is a moment the window could not react.
Target: p99 gap < 50 ms.

Two cases, side by side: the app as it runs (the engine and the embedded
sandbox each in a child process, so the window keeps its interpreter lock to
itself), and the baseline of the engine on a thread of the GUI process with
the sandbox in a separate process (what the app did before: the engine's long
C calls, such as ``json.loads`` of a 2 MB download, held the lock the window's
slots need).

OfficiScan is switched off here: at its documented 20 requests/s, 100,000 codes
would take over an hour whatever the GUI does.
"""

from __future__ import annotations

import csv
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from harness import Size, case

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

TICK_MS = 5


def _ean13(n: int) -> str:
    body = f"{340100000000 + n:012d}"
    total = sum(int(d) * (3 if i % 2 == 0 else 1) for i, d in enumerate(reversed(body)))
    return body + str((10 - total % 10) % 10)


def _codes_file(work: Path, rows: int) -> Path:
    path = work / f"gui-codes-{rows}.csv"
    if not path.exists():
        with path.open("w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, delimiter=";")
            writer.writerow(["Name", "EAN", "Price"])
            for i in range(rows):
                writer.writerow([f"Product {i}", _ean13(i), "9,99"])
    return path


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


@case(group="gui", name="GUI stalls, 100k codes, --sandbox (engine in a child process)", repeats=3,
      note="target p99_stall_ms < 50; the app's way; OfficiScan off")
def gui_stalls_engine_process(size: Size, work: Path) -> Callable[[], object]:
    return _stall_case(size, work)


def _bridge(config: Any) -> Any:
    """The window's bridge with the embedded sandbox of ``config``."""
    from pricelookup.gui import bridge

    if hasattr(bridge, "DefaultEngine"):  # a version before the one-door bridge, measured side by side
        return bridge.EngineBridge(bridge.DefaultEngine(sandbox_config=config))
    return bridge.EngineBridge(sandbox_config=config)


def _shown_window(size: Size, work: Path, tag: str, journal: Path) -> tuple[Any, Any]:
    """The window on its bridge and embedded sandbox (8 jobs at once), shown, OfficiScan off."""
    from PySide6.QtCore import QSettings

    from pricelookup.gui.main_window import MainWindow
    from pricelookup.sandbox import SandboxConfig

    bridge = _bridge(SandboxConfig(job_seconds=size.pick(full=1.0, smoke=0.2), parallel_jobs=8))
    settings = QSettings(str(work / f"{tag}-settings-{os.getpid()}.ini"), QSettings.Format.IniFormat)
    window = MainWindow(bridge, settings, sandbox=True, data_dir=journal)
    window.resize(1280, 820)
    window.show()
    window.panels.officiscan.enabled.setChecked(False)
    return bridge, window


def _close(window: Any, bridge: Any, state: dict[str, Any]) -> None:
    """Close the window without its question and stop the bridge; raise if the run did not finish."""
    window._closing_confirmed = True
    window.close()
    bridge.shutdown()
    if state["error"] is not None:
        raise RuntimeError(f"the run did not finish: {state['error']!r}")


def _stalls(gaps: list[float], state: dict[str, Any]) -> dict[str, float]:
    """The stall metrics of a run's timer gaps (the first gap includes starting the timer)."""
    stalls = gaps[1:]
    return {
        "p99_stall_ms": _percentile(stalls, 0.99),
        "p50_stall_ms": _percentile(stalls, 0.50),
        "max_stall_ms": max(stalls, default=0.0),
        "run_s": state["ended"] - state["started"],
        "ticks": float(len(stalls)),
    }


def _stall_case(size: Size, work: Path) -> Callable[[], object]:
    rows = size.pick(full=100_000, smoke=200)
    path = _codes_file(work, rows)
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtWidgets import QApplication


    app = QApplication.instance() or QApplication(["bench"])
    journal = work / f"gui-journal-{os.getpid()}"

    def run() -> dict[str, float]:
        bridge, window = _shown_window(size, work, "gui", journal)
        gaps: list[float] = []
        clock = QElapsedTimer()
        ticker = QTimer()
        ticker.setTimerType(Qt.TimerType.PreciseTimer)
        ticker.setInterval(TICK_MS)
        state = {"last": 0.0, "result": None, "error": None, "started": 0.0, "ended": 0.0}

        def tick() -> None:
            now = clock.nsecsElapsed() / 1e6
            gaps.append(now - state["last"])
            state["last"] = now

        def finished(result: object) -> None:
            state["result"], state["ended"] = result, time.perf_counter()
            app.quit()

        def failed(exc: object) -> None:
            state["error"] = exc
            app.quit()

        def start_when_loaded() -> None:
            session = getattr(window, "session", None)  # None: a version measured side by side
            if window.validated is None or (session.loading if session is not None else window._loading):
                QTimer.singleShot(20, start_when_loaded)
                return
            clock.start()
            state["last"] = 0.0
            ticker.start()
            state["started"] = time.perf_counter()
            window.start_run()

        ticker.timeout.connect(tick)
        bridge.run_finished.connect(finished)
        bridge.run_failed.connect(failed)
        bridge.run_cancelled.connect(lambda: failed("cancelled"))
        QTimer.singleShot(0, lambda: window.open_path(path))
        QTimer.singleShot(0, start_when_loaded)
        app.exec()
        ticker.stop()
        _close(window, bridge, state)
        return _stalls(gaps, state)

    return run


#: a key press on the table this often while the run goes on (an analyst holding an arrow key, roughly)
KEY_MS = 30
#: the rows the arrowing goes down, then up, then down... (a screenful and more)
ARROW_ROWS = 300


@case(group="gui", name="GUI stalls, arrowing through rows during a run, 100k codes, --sandbox", repeats=3,
      note="target p99_stall_ms < 50; a Down/Up key every 30 ms on the table, the detail pane asking "
           "the journal (run.api.product_detail) for the selected product while the run writes it")
def gui_stalls_arrowing_during_run(size: Size, work: Path) -> Callable[[], object]:
    """The same run as above, while the analyst arrows through the table and the detail pane follows:
    each product the pane shows is read from the journal by the window's bridge (its thread pool, in
    the window's process), the pane and its chart are laid out on the GUI thread."""
    rows = size.pick(full=100_000, smoke=200)
    path = _codes_file(work, rows)
    from PySide6.QtCore import QElapsedTimer, Qt, QTimer
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication


    app = QApplication.instance() or QApplication(["bench"])
    journal = work / f"gui-arrow-journal-{os.getpid()}"

    def run() -> dict[str, float]:
        bridge, window = _shown_window(size, work, "gui-arrow", journal)
        pane = window.detail_pane
        gaps: list[float] = []
        clock = QElapsedTimer()
        ticker = QTimer()
        ticker.setTimerType(Qt.TimerType.PreciseTimer)
        ticker.setInterval(TICK_MS)
        keys = QTimer()
        keys.setTimerType(Qt.TimerType.PreciseTimer)
        keys.setInterval(KEY_MS)
        state: dict[str, Any] = {"last": 0.0, "error": None, "started": 0.0, "ended": 0.0, "keys": 0,
                                 "down": True, "shown": 0, "mid_run": 0, "message": ""}

        def tick() -> None:
            now = clock.nsecsElapsed() / 1e6
            gaps.append(now - state["last"])
            state["last"] = now

        def key() -> None:
            view = window.table_view
            row = view.currentIndex().row()
            if row >= ARROW_ROWS:
                state["down"] = False
            elif row <= 0:
                state["down"] = True
            QTest.keyClick(view, Qt.Key.Key_Down if state["down"] else Qt.Key.Key_Up)
            state["keys"] += 1

        def shown(_detail: object) -> None:
            state["shown"] += 1
            if window.session.running:
                state["mid_run"] += 1

        def finished(_result: object) -> None:
            state["ended"] = time.perf_counter()
            keys.stop()
            QTimer.singleShot(300, app.quit)  # the last answer of the pane lands

        def failed(exc: object) -> None:
            state["error"] = exc
            app.quit()

        def start_when_loaded() -> None:
            if window.validated is None or window.session.loading:
                QTimer.singleShot(20, start_when_loaded)
                return
            window.table_view.setFocus()
            window.table_view.setCurrentIndex(window.model.index(0, 1))
            clock.start()
            state["last"] = 0.0
            ticker.start()
            state["started"] = time.perf_counter()
            window.start_run()
            keys.start()

        ticker.timeout.connect(tick)
        keys.timeout.connect(key)
        pane.detail_shown.connect(shown)
        pane.message_shown.connect(lambda text: state.__setitem__("message", text))
        bridge.run_finished.connect(finished)
        bridge.run_failed.connect(failed)
        bridge.run_cancelled.connect(lambda: failed("cancelled"))
        QTimer.singleShot(0, lambda: window.open_path(path))
        QTimer.singleShot(0, start_when_loaded)
        app.exec()
        ticker.stop()
        keys.stop()
        _close(window, bridge, state)
        if not state["mid_run"]:
            raise RuntimeError(f"the pane showed no product during the run; it said: {state['message']!r}")
        return {**_stalls(gaps, state), "keys": float(state["keys"]), "details_shown": float(state["shown"]),
                "details_mid_run": float(state["mid_run"])}

    return run
