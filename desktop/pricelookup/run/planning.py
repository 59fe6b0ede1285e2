"""What the journal takes off a look-up's bill: the one planning step of the estimate and the run.

:func:`plan_lookup` decides, code by code, what is already answered, in a submitted job
(this run's or another's), fresh in an earlier run (free), in doubt (never re-sent unless
asked) or still to pay for; :func:`estimate` and the engine both call it, so the
estimate the analyst accepts is the run's own arithmetic. The pure chunk and credit
arithmetic is :mod:`pricelookup.run.plan`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from pricelookup.journal import JobRow, Journal, RunInfo, StoredResult, canonical_json, utc_now
from pricelookup.paths import JOURNAL_FILE
from pricelookup.paths import data_dir as resolve_data_dir
from pricelookup.phrasing import QT_TRANSLATE_NOOP, Phrase, counted, joined, phrase
from pricelookup.run.contracts import CostEstimate, RunRequest
from pricelookup.run.inputs import key_for
from pricelookup.run.plan import (
    CREDITS,
    JOBS,
    LookupPlan,
    cost_may_exceed_estimate,
    estimate_credits,
    job_count,
    make_plan,
)
from pricelookup.run.priceapi_jobs import MISSING_REASON
from pricelookup.services.priceapi import PriceApiClient
from pricelookup.settings import RunSettings
from pricelookup.validation import ValidatedTable

# why --resume must not start a new run (a SettingsError), and which codes are in doubt (progress);
# templates: pricelookup.phrasing
_INSTEAD_OF = QT_TRANSLATE_NOOP("Engine", "{setting} {theirs} instead of {ours}")
_INPUT_THEN = QT_TRANSLATE_NOOP("Engine", "input {name} as it was then")
_RUN_DIFFERS = QT_TRANSLATE_NOOP("Engine", "{run} ({differences})")
_SUBMITTED_JOBS = (QT_TRANSLATE_NOOP("Engine", "1 submitted job"), QT_TRANSLATE_NOOP("Engine", "{n} submitted jobs"))
_AND_IN_DOUBT = QT_TRANSLATE_NOOP("Engine", "{jobs} and {doubt} in doubt")
_RESUME_CONFLICT = QT_TRANSLATE_NOOP(
    "Engine", "Run {run} has {jobs} for {shared} of these codes. `--resume` continues a run only with its own file "
    "and settings: resume it with those, or start afresh with `--new` (its answers and submitted jobs are reused "
    "where the settings match; nothing already paid is paid again).")
_AND_MORE = QT_TRANSLATE_NOOP("Engine", "{codes}, … ({n} more)")
_DOUBTFUL_JOB = QT_TRANSLATE_NOOP("Engine", "job {job} of run {run} ({error})")
_NO_ANSWER = QT_TRANSLATE_NOOP("Engine", "no answer to its submission")
_MORE_JOBS = (QT_TRANSLATE_NOOP("Engine", "1 more job"), QT_TRANSLATE_NOOP("Engine", "{n} more jobs"))
#: one code, several codes
_RESENDING = (
    QT_TRANSLATE_NOOP("Engine", "Sending again, as asked (--resend-uncertain), 1 code whose earlier submission is "
                      "uncertain, for about {credits} (paid twice if the first job was created): {codes}."),
    QT_TRANSLATE_NOOP("Engine", "Sending again, as asked (--resend-uncertain), {n} codes whose earlier submission "
                      "is uncertain, for about {credits} (paid twice if the first job was created): {codes}."))
_IN_DOUBT = (
    QT_TRANSLATE_NOOP("Engine", "1 code is in doubt — its job may have been created, so it is not sent again: "
                      "{codes}. From: {where}. PriceAPI offers no way to look a lost job up; `--resume "
                      "--resend-uncertain` sends it again for about {credits} (paid twice if the first job was "
                      "created)."),
    QT_TRANSLATE_NOOP("Engine", "{n} codes are in doubt — their job may have been created, so they are not sent "
                      "again: {codes}. From: {where}. PriceAPI offers no way to look a lost job up; `--resume "
                      "--resend-uncertain` sends them again for about {credits} (paid twice if the first job was "
                      "created)."))

#: how long an answer stays current (PriceAPI's own definitions of currentness)
CURRENTNESS_WINDOW_S = {"daily_updated": 20 * 3600.0, "realtime": 15 * 60.0}


def lookup_key_of(request: RunRequest) -> str:
    """What makes two look-ups interchangeable: endpoint, source, country, key, completeness.

    The endpoint counts by identity: any embedded sandbox of the same seed and data, whatever
    its port; a real service by its address.
    """
    s = request.settings
    return canonical_json({"endpoint": request.endpoints.priceapi_identity(), "source": s.source, "country": s.country,
                           "key": s.key, "completeness": s.completeness})


@dataclass
class JournalState:
    """What the journal already knows about one run (resume)."""

    answered: set[str] = field(default_factory=set)
    known_jobs: list[JobRow] = field(default_factory=list)  # submitted, to poll/download
    uncertain_jobs: list[JobRow] = field(default_factory=list)  # intent/uncertain: maybe paid, id unknown
    failed_jobs: list[JobRow] = field(default_factory=list)  # lost by PriceAPI
    next_chunk: int = 0

    @cached_property
    def in_flight(self) -> set[str]:
        return {v for j in self.known_jobs for v in j.values}

    @cached_property
    def uncertain(self) -> set[str]:
        return {v for j in self.uncertain_jobs + self.failed_jobs for v in j.values}


def journal_state(journal: Journal, run_id: str | None) -> JournalState:
    if run_id is None:
        return JournalState()
    st = JournalState(answered=journal.answered_codes(run_id))
    for j in journal.jobs(run_id):
        st.next_chunk = max(st.next_chunk, j.chunk + 1)
        if j.state == "submitted" and j.job_id:
            st.known_jobs.append(j)
        elif j.state in ("intent", "uncertain"):
            st.uncertain_jobs.append(j)
        elif j.state == "failed":
            st.failed_jobs.append(j)
    return st


@dataclass(frozen=True)
class PlannedLookup:
    """What the journal takes off a look-up's bill: one answer for the estimate and the run alike."""

    plan: LookupPlan
    state: JournalState  # the run's own journal (resume)
    cache: dict[str, StoredResult]  # fresh answers of earlier runs, by GTIN-14
    adopted: list[JobRow]  # other runs' submitted jobs holding some of these codes (collected)
    doubtful: list[JobRow]  # other runs' jobs in doubt holding some of these codes (not re-sent)


def plan_lookup(journal: Journal, request: RunRequest, codes: list[str], run_id: str | None) -> PlannedLookup:
    """Plan a look-up of ``codes`` against the journal (own run ``run_id`` when resuming).

    Precedence: answered in this run > in its submitted jobs > in another run's submitted jobs
    (same endpoint, source, country, key, completeness; collected, not paid again) > fresh
    answers of earlier runs (cache) > in doubt here or elsewhere (not re-sent unless asked) >
    to submit.
    """
    s = request.settings
    lookup_key = lookup_key_of(request)
    window = CURRENTNESS_WINDOW_S[s.currentness]
    state = journal_state(journal, run_id)
    wanted = frozenset(codes)
    pending = [c for c in codes if c not in state.answered and c not in state.in_flight]
    elsewhere = journal.open_jobs_elsewhere(pending, lookup_key=lookup_key, exclude_run=run_id,
                                            since=utc_now() - timedelta(seconds=window))
    adopted = [j for j in elsewhere if j.state == "submitted" and j.job_id]
    doubtful = [j for j in elsewhere if j.state in ("intent", "uncertain")]
    in_flight = state.in_flight | {v for j in adopted for v in j.values if v in wanted}
    uncertain = state.uncertain | {v for j in doubtful for v in j.values if v in wanted}
    pending = [c for c in pending if c not in in_flight]
    cache = journal.cached_results(pending, lookup_key=lookup_key, currentness=s.currentness, max_age_s=window,
                                   exclude_run=run_id, not_reasons=(MISSING_REASON,))
    plan = make_plan(codes, cached=cache.keys(), answered=state.answered, in_flight=in_flight,
                     uncertain=uncertain, resend_uncertain=request.resend_uncertain)
    return PlannedLookup(plan=plan, state=state, cache=cache, adopted=adopted, doubtful=doubtful)


def same_input(request: RunRequest, validated: ValidatedTable) -> dict[str, Any]:
    """What a run must share with an interrupted one to continue it (``Journal.find_resumable``)."""
    s, table = request.settings, validated.table
    return {"input_sha256": None if s.snipcart_input else table.sha256, "sheet": table.sheet,
            "code_column": table.code_column, "fingerprint": s.lookup_fingerprint(),
            "endpoint": request.endpoints.priceapi}


def _fingerprint_diff(theirs: dict[str, Any], ours: dict[str, Any]) -> list[Phrase]:
    return [phrase(_INSTEAD_OF, setting=k, theirs=f"{theirs.get(k)!s}", ours=f"{ours.get(k)!s}")
            for k in sorted(set(theirs) | set(ours)) if theirs.get(k) != ours.get(k)]


def resume_conflict(journal: Journal, codes: Iterable[str], *, fingerprint: dict[str, Any],
                    sha256: str | None) -> Phrase | None:
    """Why ``--resume`` must not start a new paid run: an unfinished run of other settings or of a
    changed file holds jobs for some of ``codes``; None when there is no such run."""
    wanted = set(codes)
    for run in journal.resumable_runs():
        jobs = [j for j in journal.jobs(run.run_id) if j.state in ("intent", "submitted", "uncertain")]
        submitted = [j for j in jobs if j.state == "submitted"]
        shared = {v for j in jobs for v in j.values if v in wanted}
        if not shared:
            continue
        diff = _fingerprint_diff(json.loads(run.fingerprint), fingerprint)
        if sha256 is not None and run.input_sha256 != sha256:
            diff.insert(0, phrase(_INPUT_THEN, name=Path(run.input_path or '?').name))
        named: str | Phrase = run.run_id
        if diff:
            named = phrase(_RUN_DIFFERS, run=run.run_id, differences=joined(diff))
        held: Phrase = counted(len(submitted), *_SUBMITTED_JOBS)
        doubt = len(jobs) - len(submitted)
        if doubt:
            held = phrase(_AND_IN_DOUBT, jobs=held, doubt=counted(doubt, *JOBS))
        return phrase(_RESUME_CONFLICT, run=named, jobs=held, shared=f"{len(shared):,}")
    return None


def doubt_message(plan: LookupPlan, jobs: Iterable[JobRow], resend: bool,
                  settings: RunSettings) -> Phrase | None:
    """Which values are in doubt (a submission whose outcome is unknown) and what ``--resend-uncertain``
    would cost; None when no value of this plan is in doubt."""
    codes = set(plan.codes) - plan.answered - plan.cached
    doubtful = [j for j in jobs if not codes.isdisjoint(j.values)]
    values = [v for j in doubtful for v in j.values if v in codes]
    if not values:
        return None
    shown: str | Phrase = ", ".join(values[:10])
    if len(values) > 10:
        shown = phrase(_AND_MORE, codes=shown, n=f"{len(values) - 10:,}")
    parts = [phrase(_DOUBTFUL_JOB, job=f"{j.chunk + 1}", run=j.run_id, error=j.error or phrase(_NO_ANSWER))
             for j in doubtful[:3]]
    if len(doubtful) > 3:
        parts.append(counted(len(doubtful) - 3, *_MORE_JOBS))
    credits = counted(estimate_credits(len(values), settings), *CREDITS)
    n = f"{len(values):,}"
    if resend:
        return phrase(_RESENDING[len(values) != 1], n=n, credits=credits, codes=shown)
    return phrase(_IN_DOUBT[len(values) != 1], n=n, codes=shown, where=joined(parts), credits=credits)


async def estimate(request: RunRequest, validated: ValidatedTable) -> CostEstimate:
    """The cost of running ``request`` on ``validated`` now (asks PriceAPI's usage_today)."""
    s = request.settings
    codes = validated.lookup_codes(include_restricted=s.include_restricted)
    root = resolve_data_dir(request.data_dir)
    plan = make_plan(codes)
    if (root / JOURNAL_FILE).exists():
        with Journal.open(root) as journal:
            row: RunInfo | None = journal.find_resumable(**same_input(request, validated)) if request.resume else None
            plan = plan_lookup(journal, request, codes, row.run_id if row else None).plan
    remaining: int | None = None
    async with PriceApiClient(request.endpoints.priceapi, key_for(request, "priceapi")) as pa:
        remaining = (await pa.usage_today()).remaining
    return CostEstimate(
        unique_codes=len(plan.codes), credits=estimate_credits(len(plan.to_submit), s), remaining_today=remaining,
        budget=s.budget, cached=len(plan.cached), jobs=job_count(len(plan.to_submit)),
        already_answered=len(plan.answered), in_flight=len(plan.in_flight), uncertain=len(plan.uncertain),
        may_cost_more=cost_may_exceed_estimate(s))
