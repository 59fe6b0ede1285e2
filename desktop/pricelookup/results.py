"""What a run produced: the contract between the engine/journal and export/GUI.

A :class:`RunResult` is rebuilt from the journal alone (``pricelookup export
--run ID``), so everything the workbook shows must be in here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Literal

from pricelookup.records import (
    MonitorizeHistoryPoint,
    MonitorizeProduct,
    OfficiscanSnapshot,
    OfficiscanVariant,
    PriceApiProduct,
)
from pricelookup.settings import RunSettings

if TYPE_CHECKING:
    from pricelookup.validation import ValidatedTable

RunStatus = Literal["finished", "partial", "cancelled"]


@dataclass(frozen=True)
class PreviousRun:
    """An earlier finished run over (some of) the same codes, for the Changes sheet."""

    run_id: str
    finished_at: datetime
    priceapi: Mapping[str, PriceApiProduct]
    monitorize: dict[str, MonitorizeProduct]


@dataclass(frozen=True)
class RunResult:
    """Everything one run knows, keyed by GTIN-14 where a service answered per code.

    ``validated.checks`` has one row per input row (in order); the dicts hold the
    answers per unique GTIN-14, so duplicate rows share their first row's answer.
    A GTIN-14 missing from ``priceapi`` was not looked up (restricted code,
    unusable code, cancelled run), which the export says in words.
    """

    run_id: str
    validated: ValidatedTable
    settings: RunSettings
    status: RunStatus
    started_at: datetime
    finished_at: datetime | None
    app_version: str
    credits_used: int = 0
    #: a plain dict in tests; a run's own result reads its answers from the journal as they are
    #: needed (:class:`pricelookup.run.store.JournalProducts`): memory bounded at any size
    priceapi: Mapping[str, PriceApiProduct] = field(default_factory=dict)
    cached: frozenset[str] = frozenset()  # GTIN-14s answered from an earlier run, not paid again
    officiscan: dict[str, tuple[OfficiscanSnapshot, ...]] = field(default_factory=dict)
    officiscan_variants: dict[str, tuple[OfficiscanVariant, ...]] = field(default_factory=dict)
    monitorize: dict[str, MonitorizeProduct] = field(default_factory=dict)  # allOffers, by GTIN-14
    monitorize_lowest: dict[str, MonitorizeProduct] = field(default_factory=dict)
    monitorize_history: dict[str, tuple[MonitorizeHistoryPoint, ...]] = field(default_factory=dict)
    #: service-wide failures that did not stop the run, e.g. {"officiscan": "OfficiScan: key refused..."}
    service_failures: dict[str, str] = field(default_factory=dict)
    previous: PreviousRun | None = None

    def __repr__(self) -> str:
        # Short on purpose: a RunResult holds up to a million records, and Python's asyncio
        # runner reprs a finished task's result when it restores the SIGINT handler
        # (signal._int_to_enum), which took seconds per 10,000 products with the generated repr.
        return (f"RunResult(run_id={self.run_id!r}, status={self.status!r}, "
                f"rows={self.validated.checks.height}, priceapi={len(self.priceapi)}, "
                f"credits_used={self.credits_used})")

