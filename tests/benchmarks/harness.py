"""A small benchmark harness: cases, sizes, side-by-side medians.

A case is a function that prepares its data (not timed) and returns the
callable to time. Each repeat runs in a fresh subprocess so that peak RSS is
that process's own and one case's garbage never slows the next. Cases of one
group run interleaved (A, B, A, B, ...) so that the machine's noise falls on
both sides of a ratio alike: this 2-core machine is shared and noisy, so we
only ever quote medians and ratios measured in one run.

Usage from a ``bench_<area>.py`` module::

    from harness import Size, case

    @case(group="gtin", name="check_column 1M", baseline="stdnum loop 1M", max_seconds=0.5)
    def check_column_1m(size: Size, work: Path) -> Callable[[], object]:
        codes = make_codes(size.pick(full=1_000_000, smoke=1_000))
        return lambda: check_column(codes)
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Prepared = Callable[[], Any]


@dataclass(frozen=True)
class Size:
    """``full`` for the documented numbers, ``smoke`` for the CI run that only checks cases still work."""

    name: str

    @property
    def smoke(self) -> bool:
        """True in the tiny CI size."""
        return self.name == "smoke"

    def pick(self, *, full: Any, smoke: Any) -> Any:
        """The value for this size."""
        return smoke if self.smoke else full


@dataclass(frozen=True)
class Case:
    """One benchmark case and its target."""

    group: str
    name: str
    func: Callable[[Size, Path], Prepared]
    module: str
    baseline: str | None = None  # name of another case in the same group
    max_ratio: float | None = None  # median / baseline median must stay <= this
    max_seconds: float | None = None  # absolute target for the median
    max_rss_mb: float | None = None  # peak RSS target
    repeats: int = 5
    note: str = ""

    @property
    def key(self) -> str:
        """``module::function``, how a child process finds the case."""
        return f"{self.module}::{self.func.__name__}"


#: filled by the @case decorator when bench modules are imported (test tooling only)
REGISTRY: list[Case] = []


def case(
    *,
    group: str,
    name: str,
    baseline: str | None = None,
    max_ratio: float | None = None,
    max_seconds: float | None = None,
    max_rss_mb: float | None = None,
    repeats: int = 5,
    note: str = "",
) -> Callable[[Callable[[Size, Path], Prepared]], Callable[[Size, Path], Prepared]]:
    """Register a benchmark case (see the module docstring)."""

    def register(func: Callable[[Size, Path], Prepared]) -> Callable[[Size, Path], Prepared]:
        REGISTRY.append(
            Case(group=group, name=name, func=func, module=func.__module__, baseline=baseline,
                 max_ratio=max_ratio, max_seconds=max_seconds, max_rss_mb=max_rss_mb,
                 repeats=repeats, note=note)
        )
        return func

    return register
