"""The engine's progress reporter: weighted fraction over concurrent stages, ETA, throttling."""

from __future__ import annotations

import pytest

from pricelookup.run.progress import JobProgress, Progress, Reporter


class Clock:
    def __init__(self) -> None:
        self.t = 100.0

    def __call__(self) -> float:
        return self.t


def test_fraction_is_weighted_over_the_stages_and_eta_is_the_slowest() -> None:
    seen: list[Progress] = []
    clock = Clock()
    rep = Reporter(seen.append, {"priceapi": 0.7, "officiscan": 0.25, "monitorize": 0.05}, interval=0.1,
                   clock=clock)
    rep.set_phase("priceapi")
    rep.jobs = (JobProgress("a", "working", 1000, 500, 50),)
    rep.update("priceapi", 500, 1000, eta=30.0)
    clock.t += 1
    rep.update("officiscan", 100, 400)  # no own ETA: from its rate, 100 per 1 s -> 3 s left
    clock.t += 1
    rep.update("monitorize", 2, 2, message="Monitorize: 10 of 40 codes matched")
    last = seen[-1]
    assert last.fraction == pytest.approx((0.7 * 0.5 + 0.25 * 0.25 + 0.05 * 1.0) / 1.0)
    assert last.stage == "priceapi" and (last.done, last.total) == (500, 1000)
    assert last.eta_seconds == pytest.approx(30.0)
    assert last.jobs[0].job_id == "a"
    assert last.message == "Monitorize: 10 of 40 codes matched"
    rep.update("priceapi", 1000, 1000, eta=0.0)
    clock.t += 1
    rep.update("officiscan", 200, 400)
    # PriceAPI done: the display follows the stage still working
    assert seen[-1].stage == "officiscan" and seen[-1].done == 200
    rep.set_phase("done", "Done")
    assert seen[-1].fraction == 1.0 and seen[-1].eta_seconds is None


def test_updates_without_a_message_are_throttled() -> None:
    seen: list[Progress] = []
    clock = Clock()
    rep = Reporter(seen.append, {"priceapi": 1.0}, interval=0.5, clock=clock)
    rep.set_phase("priceapi")
    n = len(seen)
    for i in range(100):
        rep.update("priceapi", i, 100)
        clock.t += 0.01  # 100 updates in 1 s
    assert len(seen) - n <= 3
    rep.update("priceapi", 100, 100, message="Job x finished")  # messages always go through
    assert seen[-1].message == "Job x finished"


def test_a_broken_sink_does_not_break_the_run() -> None:
    def sink(p: Progress) -> None:
        raise RuntimeError("GUI gone")

    rep = Reporter(sink, {"priceapi": 1.0})
    rep.set_phase("priceapi", "hello")  # no exception
    assert rep.fraction() == 0.0
