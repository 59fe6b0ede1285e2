"""The one door to the engine, shared by the CLI and the window.

Every face reaches the engine through the names of this module, with the real
request and result types (:mod:`pricelookup.run.contracts`,
:mod:`pricelookup.results`); the window's bridge holds this module itself as its
engine (any object with these functions will do: the tests pass a fake). Like
Anki's ``aqt/operations``, the face runs these core functions in one background
runner of its own and hears back by callback or signal.

Reading and checking the input
    :func:`load_input` (sync; the Snipcart catalogue runs its own loop),
    :func:`load_input_async` (inside a loop).
Before paying
    :func:`estimate`: the run's own planning plus today's PriceAPI quota.
Running
    :func:`run_lookup` in this process (the CLI: the whole :class:`RunResult`);
    :func:`run_in_child_process` (the window: a :class:`~pricelookup.outcome.RunOutcome`,
    so the engine's long C calls never hold the window's interpreter lock);
    :func:`export_in_child_process` likewise for the workbook.
The journal
    :func:`find_unfinished_runs`, :func:`list_runs`, :func:`load_run`; :func:`export_workbook`
    writes a run's result (``pricelookup export --run`` rebuilds it with :func:`load_run`);
    :func:`load_outcome`: what the window shows of a journaled run (opening an earlier run);
    :func:`product_detail`: one product of a run, every offer and its price history, read-only,
    while the run goes on too (the window's detail pane, ``pricelookup show``).
Keys
    :func:`load_keys`, :func:`key_statuses`, :func:`save_keys`, :func:`test_connection`.

Nothing here imports Qt; nothing here knows the sandbox (the faces start it and pass its
endpoints in the request).
"""

from __future__ import annotations

from collections.abc import Mapping

from pricelookup.detail import ProductDetail
from pricelookup.export.workbook import ExportReport, export_workbook
from pricelookup.journal import RunInfo
from pricelookup.outcome import RunOutcome
from pricelookup.results import RunResult
from pricelookup.run.child_process import export_in_child_process, run_in_child_process
from pricelookup.run.contracts import CostEstimate, RunRequest, RunSummary, RunTuning
from pricelookup.run.detail import product_detail
from pricelookup.run.engine import Engine
from pricelookup.run.inputs import load_input, load_input_async
from pricelookup.run.planning import estimate
from pricelookup.run.probe import test_connection
from pricelookup.run.progress import CancelToken, ProgressSink
from pricelookup.run.queries import find_unfinished_runs, list_runs, load_outcome, load_run
from pricelookup.secrets import KeyStatus, KeyStore, delete_key, load_keys, set_key
from pricelookup.settings import SERVICES
from pricelookup.validation import ValidatedTable

__all__ = [
    "CostEstimate", "ExportReport", "ProductDetail", "RunInfo", "RunOutcome", "RunRequest", "RunSummary", "RunTuning",
    "estimate", "export_in_child_process", "export_workbook", "find_unfinished_runs", "key_statuses", "list_runs",
    "load_input", "load_input_async", "load_keys", "load_outcome", "load_run", "product_detail",
    "run_in_child_process", "run_lookup", "save_keys", "test_connection",
]


async def run_lookup(request: RunRequest, *, progress: ProgressSink, cancel: CancelToken,
                     validated: ValidatedTable | None = None) -> RunResult:
    """Run the look-up to the end in this process. Raises ``BudgetExceededError`` before paying anything
    when the estimate is over quota/budget, ``RunCancelled`` when cancelled, ``AuthenticationError`` etc.
    for PriceAPI failures; enrichment failures end up in ``RunResult.service_failures``."""
    return await Engine(request, progress=progress, cancel=cancel).run(validated)


def key_statuses() -> dict[str, KeyStatus]:
    """Where each service's key comes from, in words (never the key). Blocking: a keyring may hang."""
    store = KeyStore()
    return {service: store.status(service) for service in SERVICES}


def save_keys(changes: Mapping[str, str | None]) -> None:
    """Store (a value) or delete (None) keys in the OS keyring. Blocking."""
    for service, value in changes.items():
        if value is None:
            delete_key(service)
        else:
            set_key(service, value)
