"""A status answer that lands while the run is being cancelled ends as a cancel, not as an error."""

from __future__ import annotations

import asyncio
import contextlib
from types import SimpleNamespace

from pricelookup.run.priceapi_jobs import JobHandle, PriceApiJobRunner
from pricelookup.settings import RunSettings


class _FinishedClient:
    """A client whose status request comes back "finished" whatever happens around it."""

    async def job_status(self, job_id: str) -> SimpleNamespace:
        return SimpleNamespace(status="finished", completed=1, progress=100)


def test_a_finished_job_seen_while_the_group_shuts_down_is_left_for_resume() -> None:
    journal = SimpleNamespace(update_job_status=lambda *args: None)
    h = JobHandle(row=1, chunk=0, values=("03401351277399",), job_id="job-1", state="submitted", status="working")
    outcome: dict[str, BaseException] = {}

    async def scenario() -> None:
        runner = PriceApiJobRunner(_FinishedClient(), journal, "run", RunSettings(),  # type: ignore[arg-type]
                                   lookup_key="gtin", on_products=lambda *a: None, on_change=lambda m: None)
        runner.planner.add_known_job(h.row, 1, runner.now())

        async def fail() -> None:
            raise ValueError("another part of the run failed")

        try:
            async with asyncio.TaskGroup() as tg:
                tg.create_task(fail())
                with contextlib.suppress(asyncio.CancelledError):
                    await asyncio.sleep(1)  # the failing task makes the group abort: this body is cancelled
                try:
                    await runner._poll(h, tg)  # the status answer arrives now
                except BaseException as exc:
                    outcome["poll"] = exc
        except* ValueError:
            pass

    asyncio.run(scenario())
    assert isinstance(outcome["poll"], asyncio.CancelledError), outcome  # not "TaskGroup is shutting down"
    assert h.state == "submitted" and h.status == "finished"  # not downloading: a resumed run collects it
