"""The window's first file load and its journal check start together on two worker threads; both
import the engine's modules. Two threads importing one package graph at once trip Python's
import-lock deadlock guard and one of them gets a half-initialised module (the frozen app failed
with "cannot import name ... from partially initialized module"): the bridge imports under one lock."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

RACE = """
import os, sys, threading
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QCoreApplication
from pricelookup.gui.bridge import EngineBridge
app = QCoreApplication([])
bridge = EngineBridge()
barrier = threading.Barrier(2)
errors = []
def first_load():
    barrier.wait()
    try:
        bridge._load_engine().RunRequest
    except Exception as exc:
        errors.append(repr(exc))
def journal_check():
    barrier.wait()
    try:
        bridge.engine.find_unfinished_runs
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=first_load), threading.Thread(target=journal_check)]
for t in threads: t.start()
for t in threads: t.join()
print(errors or "ok")
"""


@pytest.mark.slow
def test_two_threads_loading_the_engine_at_once_both_get_whole_modules() -> None:
    # A fresh interpreter each time: the race only exists while the modules are not imported yet.
    for _ in range(3):
        proc = subprocess.run([sys.executable, "-c", RACE], capture_output=True, text=True, cwd=ROOT, timeout=120)
        assert proc.returncode == 0, proc.stderr[-2000:]
        assert proc.stdout.strip() == "ok", proc.stdout
