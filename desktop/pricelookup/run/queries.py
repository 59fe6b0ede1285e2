"""Reading the journal back: a run's full result rebuilt from it alone, and the lists of runs."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from pricelookup.errors import JournalError
from pricelookup.journal import Journal, RunInfo, RunLock
from pricelookup.outcome import RunOutcome, outcome_of
from pricelookup.paths import JOURNAL_FILE
from pricelookup.paths import data_dir as resolve_data_dir
from pricelookup.records import MonitorizeProduct
from pricelookup.results import PreviousRun, RunResult
from pricelookup.run import codec, enrichment
from pricelookup.run.priceapi_jobs import LOST_REASON, UNCERTAIN_REASON, missing_product
from pricelookup.run.store import JournalProducts
from pricelookup.run.table_store import load_validated, table_dir
from pricelookup.settings import RunSettings
from pricelookup.validation import ValidatedTable


def _status_for(run: RunInfo) -> str:
    if run.status in ("finished", "partial"):
        return run.status
    return "cancelled" if run.status == "cancelled" else "partial"


def doubt_reasons(journal: Journal, run_id: str) -> dict[str, str]:
    """Codes of ``run_id`` without an answer that may be paid already (a job never confirmed, here or
    in another run) or that PriceAPI lost: code -> the reason their rows give."""
    out = dict.fromkeys(journal.enrichment_codes(run_id, enrichment.DOUBT_ELSEWHERE), UNCERTAIN_REASON)
    for value, state in journal.values_in_doubt(run_id).items():
        out.setdefault(value, LOST_REASON if state == "failed" else UNCERTAIN_REASON)
    return out


def build_result(journal: Journal, root: Path, run_id: str, *,
                 validated: ValidatedTable | None = None) -> RunResult:
    """The :class:`RunResult` of ``run_id``, its answers read from the journal as they are needed."""
    run = journal.get_run(run_id)
    settings = run.settings
    if validated is None:
        validated = load_validated(root, run_id)
    cached = journal.cached_codes(run_id)
    # rows whose job may exist but was never confirmed, or was lost: say so, invent nothing
    # (a status, not an answer: kept in memory beside the stored answers, which win)
    status_rows = {v: missing_product(v, settings, reason) for v, reason in doubt_reasons(journal, run_id).items()}
    priceapi = JournalProducts(journal.path, run_id, extra=status_rows)

    def decode_kind(kind: str, tp: Any) -> dict[str, Any]:
        return {code: codec.record_from_json(tp, text) for code, text in journal.enrichment(run_id, kind).items()}

    previous = _previous(journal, run_id, priceapi.keys(), settings, in_doubt=status_rows.keys())
    return RunResult(
        run_id=run_id,
        validated=validated,
        settings=settings,
        status=_status_for(run),  # type: ignore[arg-type]
        started_at=run.started_at,
        finished_at=run.finished_at,
        app_version=run.app_version,
        credits_used=journal.credits_used(run_id),
        priceapi=priceapi,
        cached=frozenset(cached),
        officiscan=decode_kind(enrichment.OFFICISCAN, codec.SNAPSHOTS),
        officiscan_variants=decode_kind(enrichment.OFFICISCAN_VARIANTS, codec.VARIANTS),
        monitorize=decode_kind(enrichment.MONITORIZE, MonitorizeProduct),
        monitorize_lowest=decode_kind(enrichment.MONITORIZE_LOWEST, MonitorizeProduct),
        monitorize_history=decode_kind(enrichment.MONITORIZE_HISTORY, codec.HISTORY),
        service_failures=journal.service_failures(run_id),
        previous=previous,
    )


def _previous(journal: Journal, run_id: str, codes: Iterable[str], settings: RunSettings, *,
              in_doubt: Iterable[str]) -> PreviousRun | None:
    """The earlier run the Changes sheet compares ``run_id`` with (:meth:`Journal.previous_run`) over
    ``codes``: those ``run_id`` holds an answer for, and its rows ``in_doubt`` (no stored answer)."""
    prev_id = journal.previous_run_of(run_id, source=settings.source, country=settings.country,
                                      extra_codes=in_doubt)
    if prev_id is None:
        return None
    prev = journal.get_run(prev_id)
    products = JournalProducts(journal.path, prev_id)
    codes = set(codes)
    mon: dict[str, MonitorizeProduct] = {code: codec.record_from_json(MonitorizeProduct, text)
           for code, text in journal.enrichment(prev_id, enrichment.MONITORIZE).items() if code in codes}
    return PreviousRun(run_id=prev_id, finished_at=prev.finished_at or prev.updated_at, priceapi=products,
                       monitorize=mon)


def _open_existing(data_dir: Path | None) -> Journal | None:
    root = resolve_data_dir(data_dir)
    return Journal.open(root) if (root / JOURNAL_FILE).exists() else None


def list_runs(data_dir: Path | None) -> list[RunInfo]:
    """Every run, newest first."""
    journal = _open_existing(data_dir)
    if journal is None:
        return []
    with journal:
        return journal.list_runs()


def find_unfinished_runs(data_dir: Path | None) -> list[RunInfo]:
    """Runs that can be resumed (not finished, not being worked on elsewhere), newest first."""
    root = resolve_data_dir(data_dir)
    journal = _open_existing(data_dir)
    if journal is None:
        return []
    with journal:
        return [r for r in journal.resumable_runs()
                if not RunLock(table_dir(root, r.run_id) / "lock").held_elsewhere()]


def load_run(run_id: str, data_dir: Path | None) -> RunResult:
    """The full result of journaled run ``run_id``, rebuilt from the journal alone (no service call)."""
    root = resolve_data_dir(data_dir)
    journal = _open_existing(data_dir)
    if journal is None:
        raise JournalError(f"There is no journal in {root}; run a look-up first or pass the right --data-dir.")
    with journal:
        return build_result(journal, root, run_id)


def load_outcome(run_id: str, data_dir: Path | None) -> RunOutcome:
    """What the window shows of journaled run ``run_id`` (its table included): an earlier run opened
    again from the journal, as :func:`load_run` rebuilds it (no service call)."""
    return outcome_of(load_run(run_id, data_dir), include_table=True)
