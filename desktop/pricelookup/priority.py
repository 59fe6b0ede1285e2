"""CPU priority of the window's helper processes (the engine, the export, the embedded sandbox).

They step back for the window and the analyst's other programs: on a busy
machine the scheduler then gives a waking GUI thread the CPU at once (one probe
run on this 2-core machine, 100,000 codes, before the repaint fix: p99
event-loop stall 45 ms -> 36 ms). The engine mostly waits on the network, so it loses
little (the benchmark's run time did not change).
"""

from __future__ import annotations

import contextlib
import os

#: POSIX niceness the helper processes add to their own
BACKGROUND_NICENESS = 10


def lower_priority(niceness: int = BACKGROUND_NICENESS) -> None:
    """Make this process yield the CPU to the window (POSIX ``nice``; a no-op where it does not exist)."""
    nice = getattr(os, "nice", None)
    if nice is not None:
        with contextlib.suppress(OSError):
            nice(niceness)
