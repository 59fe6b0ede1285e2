"""Two trivial cases that keep the harness itself honest (smoke size runs in CI)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from harness import Size, case


@case(group="harness", name="sum a list", repeats=3)
def sum_list(size: Size, work: Path) -> Callable[[], object]:
    data = list(range(size.pick(full=5_000_000, smoke=1_000)))
    return lambda: {"total": float(sum(data))}


@case(group="harness", name="sum a list twice", baseline="sum a list", max_ratio=3.0, repeats=3)
def sum_list_twice(size: Size, work: Path) -> Callable[[], object]:
    data = list(range(size.pick(full=5_000_000, smoke=1_000)))
    return lambda: sum(data) + sum(data)
