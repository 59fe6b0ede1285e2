"""The Qt binding must not take references it does not own (a crash, not a leak, on Python 3.11).

PySide6 6.12.0's ``Signal.emit()`` returned ``True`` without a reference; each emit took
one off ``True``'s count until the interpreter aborted with "Fatal Python error:
bool_dealloc" — the window died after a run of ~5,000 codes (many progress signals).
pyproject.toml keeps that release out; this test fails on any binding that does it again.
"""

from __future__ import annotations

import sys
from typing import Any

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    with_object = Signal(object)
    plain = Signal()


def test_emitting_signals_leaves_true_false_and_none_alone(qapp: Any) -> None:
    emitter = _Emitter()
    seen: list[object] = []
    emitter.with_object.connect(seen.append)
    emitter.plain.connect(lambda: seen.append(None))
    before = [sys.getrefcount(x) for x in (True, False, None)]
    for _ in range(200):
        emitter.with_object.emit(1)
        emitter.plain.emit()
    seen.clear()
    after = [sys.getrefcount(x) for x in (True, False, None)]
    # a handful of references may come and go elsewhere; 200 emits losing one each may not
    assert all(abs(a - b) < 50 for a, b in zip(before, after, strict=True)), (before, after)
