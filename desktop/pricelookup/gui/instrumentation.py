"""Smoke-test and start-up timing hooks of ``pricelookup-gui``; none of them runs in normal use.

* ``--quit-after SECONDS`` / ``PRICELOOKUP_GUI_QUIT_AFTER_MS`` (:func:`quit_after_from_env`,
  :func:`close_after`): print ``window shown after N ms`` once the window is
  first painted, then close it as a user would (packaging/linux/smoke.sh,
  measure.sh).
* ``--smoke-run`` (:func:`smoke_run`): once the file given on the command line
  is loaded, run the look-up, print how it ended and close; it proves that the
  engine's child process starts from a frozen executable.

Everything printed goes to stderr with a ``pricelookup-gui:`` prefix.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer

#: fallback origin of "window shown after N ms" where the process start time is unknown
#: (app.py imports this module before the window's modules, as it was taken before them)
_IMPORTED_AT = time.perf_counter()


def quit_after_from_env() -> float | None:
    """``PRICELOOKUP_GUI_QUIT_AFTER_MS`` (smoke tests; same as ``--quit-after``) in seconds, or None."""
    raw = os.environ.get("PRICELOOKUP_GUI_QUIT_AFTER_MS", "").strip()
    try:
        return max(0, int(raw)) / 1000 if raw else None
    except ValueError:
        return None


def ms_since_process_start() -> float:
    """Milliseconds since this process was started (Linux: /proc; elsewhere: since this module loaded).

    Measured from the process start, so a frozen build's bootloader and Python
    start-up count too: that is what a user waits for after double-clicking.
    """
    try:
        fields = Path("/proc/self/stat").read_text().rpartition(")")[2].split()
        started = int(fields[19]) / os.sysconf("SC_CLK_TCK")  # field 22 "starttime", in ticks since boot
        # the kernel counts starttime on CLOCK_BOOTTIME (/proc/uptime may lag it in containers)
        return (time.clock_gettime(time.CLOCK_BOOTTIME) - started) * 1000.0
    except (OSError, ValueError, IndexError, AttributeError):
        return (time.perf_counter() - _IMPORTED_AT) * 1000.0


class FirstExposeReporter(QObject):
    """Prints ``window shown after N ms`` once, right after the window is first exposed and painted."""

    def __init__(self, window: Any) -> None:
        super().__init__(window)
        self._done = False
        handle = window.windowHandle()  # exists once the window has been shown
        if handle is None or handle.isExposed():
            QTimer.singleShot(0, self._report)
        else:
            handle.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Report just after the first expose event (the widgets paint while it is handled)."""
        if not self._done and event.type() == QEvent.Type.Expose:
            QTimer.singleShot(0, self._report)
        return False

    def _report(self) -> None:
        if not self._done:
            self._done = True
            _say(f"window shown after {ms_since_process_start():.0f} ms")


def close_after(window: Any, seconds: float) -> None:
    """Smoke tests of frozen/installed builds: say when ``window`` is on screen, close it after ``seconds``."""
    FirstExposeReporter(window)
    QTimer.singleShot(int(seconds * 1000), window.close)


def smoke_run(window: Any, bridge: Any, outcome: dict[str, int]) -> None:
    """``--smoke-run``: start the look-up once the file is loaded; print how it ended; close the window.

    ``outcome["code"]`` becomes the exit code: 0 when the run finished, 1 otherwise.
    """

    def say_and_close(line: str, code: int) -> None:
        _say(line)
        outcome["code"] = code
        window.close()

    def start_when_loaded() -> None:
        if window.validated is None or window.session.loading:
            QTimer.singleShot(50, start_when_loaded)
            return
        window.start_run()

    bridge.run_finished.connect(lambda result: say_and_close(
        f"run finished: {result.found + result.failed} codes answered, status {result.status}", 0))
    bridge.run_failed.connect(lambda exc: say_and_close(f"run failed: {exc}", 1))
    bridge.run_cancelled.connect(lambda: say_and_close("run cancelled", 1))
    QTimer.singleShot(0, start_when_loaded)


def _say(line: str) -> None:
    print(f"pricelookup-gui: {line}", file=sys.stderr, flush=True)
