"""AdaptiveRateController on its own (fake time)."""

from __future__ import annotations

import asyncio

import pytest

from pricelookup.services.ratecontrol import AdaptiveRateController

H = "https://api.example.test"


def controller(clock, **kw) -> AdaptiveRateController:
    return AdaptiveRateController(clock=clock, sleep=clock.sleep, **kw)


def test_slow_start_then_linear_growth_after_trouble(fake_clock):
    rc = controller(fake_clock, max_window=16)

    async def cycle(ok: bool = True, slow: bool = False) -> None:
        await rc.acquire(H)
        rc.release(H, success=ok, slow_down=slow)

    async def main() -> None:
        for _ in range(7):
            await cycle()
        assert rc.snapshot(H).window == 8  # slow start: +1 per answer
        await cycle(ok=False, slow=True)
        snap = rc.snapshot(H)
        assert snap.window == 1 and snap.delay == 1.0 and snap.slowdowns == 1
        for _ in range(3):
            await cycle()
        assert rc.snapshot(H).window == 4  # slow start again up to ssthresh (8 / 2)
        await cycle()
        # congestion avoidance: +1/window per answer
        assert rc.snapshot(H).window == pytest.approx(4.25)

    asyncio.run(main())


def test_repeated_trouble_backs_off_exponentially_with_a_ceiling(fake_clock):
    rc = controller(fake_clock, max_exponent=5)

    async def main() -> list[float]:
        delays = []
        for _ in range(8):
            await rc.acquire(H)
            rc.release(H, slow_down=True)
            delays.append(rc.snapshot(H).delay)
        return delays

    assert asyncio.run(main()) == [1, 2, 4, 8, 16, 32, 32, 32]


def test_neutral_failures_do_not_change_the_pace(fake_clock):
    rc = controller(fake_clock)

    async def main() -> None:
        await rc.acquire(H)
        rc.release(H, slow_down=True)
        before = rc.snapshot(H)
        await rc.acquire(H)
        rc.release(H)  # a 500 or a dropped connection: says nothing about our pace
        after = rc.snapshot(H)
        assert (after.delay, after.window) == (before.delay, before.window)

    asyncio.run(main())


def test_window_limits_requests_in_flight():
    rc = AdaptiveRateController(max_window=2, initial_window=2)
    in_flight = peak = 0

    async def one() -> None:
        nonlocal in_flight, peak
        await rc.acquire(H)
        in_flight += 1
        peak = max(peak, in_flight)
        await asyncio.sleep(0.002)
        in_flight -= 1
        rc.release(H)  # neutral: the window stays at 2

    async def main() -> None:
        await asyncio.gather(*(one() for _ in range(20)))

    asyncio.run(main())
    assert peak == 2


def test_hosts_are_independent_and_state_is_per_instance(fake_clock):
    a = controller(fake_clock)
    b = controller(fake_clock)

    async def main() -> None:
        await a.acquire(H)
        a.release(H, slow_down=True)

    asyncio.run(main())
    assert a.snapshot(H).slowdowns == 1
    assert a.snapshot("https://other.test").slowdowns == 0
    assert b.snapshot(H).slowdowns == 0  # no module-global state


def test_usable_from_two_event_loops_in_turn():
    rc = AdaptiveRateController(max_window=1)

    async def one() -> None:
        await asyncio.gather(*(cycle() for _ in range(3)))

    async def cycle() -> None:
        await rc.acquire(H)
        await asyncio.sleep(0)
        rc.release(H)

    asyncio.run(one())
    asyncio.run(one())  # a fresh loop (the GUI estimates and runs in different loops)
    assert rc.snapshot(H).in_flight == 0


def test_a_burst_of_429s_from_one_window_is_one_slow_down(fake_clock):
    rc = controller(fake_clock, max_window=6, initial_window=6)

    async def main() -> None:
        tickets = [await rc.acquire(H) for _ in range(6)]  # six in flight at the old pace
        for t in tickets:
            rc.release(H, t, slow_down=True)
        snap = rc.snapshot(H)
        assert snap.slowdowns == 1 and snap.delay == 1.0  # not 32 s
        # a request sent after the slow-down that also gets a 429 does escalate
        t = await rc.acquire(H)
        rc.release(H, t, slow_down=True)
        assert rc.snapshot(H).slowdowns == 2 and rc.snapshot(H).delay == 2.0
        # late successes of old requests do not speed up either
        old = rc.snapshot(H)
        rc.release(H, tickets[0], success=True)
        assert rc.snapshot(H).delay == old.delay

    asyncio.run(main())
