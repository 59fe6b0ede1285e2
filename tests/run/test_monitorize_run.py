"""A run's Monitorize enrichment, and "Test connection", whichever way the server reads the doc
(issue #16): GET-only or POST-only reads, redirected paths, history under the /list/ names.

Each run goes through the engine over loopback HTTP against a sandbox played one way; its
Monitorize columns (the Results sheet's ``monitorize.*`` and the Monitorize offer and history
sheets' rows) must be those of a run against a sandbox that takes everything.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from runhelpers import InputFile, make_input, request_for, run_sync, universe_codes

from pricelookup.errors import AuthenticationError
from pricelookup.export.details import monitorize_history_chunks, monitorize_offer_chunks
from pricelookup.export.results import TextCleaner, plan_results, results_chunks
from pricelookup.results import RunResult
from pricelookup.run import api
from pricelookup.run.enrichment import MONITORIZE_WAITING
from pricelookup.run.progress import Progress
from pricelookup.sandbox import RunningSandbox, SandboxConfig
from pricelookup.sandbox.data import Catalogue
from pricelookup.settings import Endpoints
from warpclock import WarpClock, serve_sandbox

READINGS: dict[str, dict[str, Any]] = {
    "get-only": {"monitorize_method": "get"},
    "post-only": {"monitorize_method": "post"},
    "post-only, redirected to the slashed paths, history under the list names": {
        "monitorize_method": "post", "monitorize_trailing_slash": "add", "monitorize_history_fields": "list"},
    "get-only, redirected to the slashed paths (308)": {
        "monitorize_method": "get", "monitorize_trailing_slash": "add", "monitorize_redirect_status": 308},
}


def monitorize_columns(result: RunResult) -> dict[str, pl.DataFrame]:
    """What the workbook shows of Monitorize: the Results sheet's ``monitorize.*`` columns (one row
    per input row) and the rows of the Monitorize offers and history sheets."""
    plan = plan_results(result, layout="column", max_offer_columns=1)
    chunks, _clean = results_chunks(result, plan)
    frame = pl.concat(list(chunks))
    clean = TextCleaner()
    sheets = {
        "results": frame.select([c for c in frame.columns if c.startswith("monitorize.")]),
        "offers": pl.concat(list(monitorize_offer_chunks(result, clean))),
        "history": pl.concat(list(monitorize_history_chunks(result, clean))),
    }
    # prices as numbers: under the /list/ names history sends 9.1 where it wrote "9.10" (the same
    # price, the same cell in Excel, but another text in the frame)
    return {name: sheet.with_columns(pl.col(c).cast(pl.Float64) for c in sheet.columns if "price" in c)
            for name, sheet in sheets.items()}


@pytest.fixture(scope="module")
def catalogue(catalogue: Catalogue) -> Catalogue:
    """The sandbox's catalogue with 300 of its 3,000 Monitorize products, those of the input's codes
    among them: these runs compare how the lists are read, not their length."""
    wanted = set(universe_codes(60))
    kept = [m for m in catalogue.monitorize if m.ean13 in wanted or m.ref in wanted]
    others = [m for m in catalogue.monitorize if m not in kept]
    return dataclasses.replace(catalogue, monitorize=tuple(kept + others[: 300 - len(kept)]))


@pytest.fixture(scope="module")
def codes(tmp_path_factory: pytest.TempPathFactory) -> InputFile:
    return make_input(tmp_path_factory.mktemp("input") / "codes.csv", 60, every_repaired=0)


def run_against(sb: RunningSandbox, inp: InputFile, data_dir: Path, warp: WarpClock,
                progress: list[Progress] | None = None) -> RunResult:
    return run_sync(request_for(sb, inp.path, data_dir, monitorize=True, monitorize_history=True,
                                tuning=warp.tuning()), progress=progress)


@pytest.fixture(scope="module")
def lenient(catalogue: Catalogue, warp: WarpClock, codes: InputFile,
            tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, pl.DataFrame]]:
    """The Monitorize columns of a run against a sandbox taking both methods and both spellings."""
    sb = serve_sandbox(SandboxConfig(job_seconds=0.3), clock=warp, catalogue=catalogue)
    try:
        result = run_against(sb, codes, tmp_path_factory.mktemp("lenient"), warp)
    finally:
        sb.stop()
    assert result.service_failures == {}
    columns = monitorize_columns(result)
    # the comparison below means something: matches, offers and history are there
    assert columns["results"].get_column("monitorize.id").drop_nulls().len() >= 5
    assert columns["offers"].height > 10 and columns["history"].height > 10
    yield columns


@pytest.mark.parametrize("reading", sorted(READINGS))
def test_a_run_gets_the_same_monitorize_columns_whichever_way_the_server_reads_the_doc(
        reading: str, sandbox_factory: Any, warp: WarpClock, codes: InputFile, lenient: dict[str, pl.DataFrame],
        tmp_path: Path) -> None:
    sb = sandbox_factory(job_seconds=0.3, **READINGS[reading])
    progress: list[Progress] = []
    result = run_against(sb, codes, tmp_path / "data", warp, progress)
    assert result.service_failures == {}
    columns = monitorize_columns(result)
    for sheet, frame in lenient.items():
        assert columns[sheet].equals(frame), sheet
    stats = sb.stats()["monitorize"]
    # the sandbox really played it that way: the client had to switch, or to follow redirects
    assert (stats["methods_refused"] > 0) == (READINGS[reading]["monitorize_method"] == "post")
    assert (stats["redirects"] > 0) == ("monitorize_trailing_slash" in READINGS[reading])
    # the long wait for the whole-account lists is said, before their answer came
    messages = [p.message for p in progress if p.message]
    assert MONITORIZE_WAITING in messages
    assert messages.index(MONITORIZE_WAITING) < next(i for i, m in enumerate(messages) if "codes matched" in m)


def test_test_connection_reads_a_product_list_as_a_run_does(sandbox_factory: Any) -> None:
    strict = sandbox_factory(monitorize_method="post")
    said = asyncio.run(api.test_connection("monitorize", Endpoints.for_sandbox(strict.url), "any-sandbox-key"))
    assert said.startswith("Monitorize: connected") and "product list answered" in said
    assert strict.stats()["monitorize"]["methods_refused"] == 1  # its GET of list/, then POST worked

    # a server accepting the key on alerts but not on the lists: before, "Test connection" said all was fine
    refusing = sandbox_factory()
    refusing.inject("monitorize", "*", "/api/product/list", "unauthorized", count=1)
    with pytest.raises(AuthenticationError, match=r"^Monitorize"):
        asyncio.run(api.test_connection("monitorize", Endpoints.for_sandbox(refusing.url), "any-sandbox-key"))
    assert refusing.stats()["monitorize"]["requests"] == 2  # alerts answered, then the list refused the key
