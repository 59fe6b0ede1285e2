"""Write the release-0.1.0 journal fixture (see README.md): two runs of the engine on the sandbox,
and ``expected.json``: everything that release reads back from it (load_run), field by field.

Run it with the code of the release whose journal format it must hold, e.g. from an export of
that commit, never with a later version (which would write its own format):

    git -C /work/main archive <commit> | tar -x -C /tmp/rel
    PYTHONPATH=/tmp/rel/desktop .venv/bin/python tests/data/journals/release-0.1.0/make_journal.py OUT_DIR
    PYTHONPATH=/tmp/rel/desktop .venv/bin/python .../make_journal.py --expected-only OUT_DIR  # re-read only

Run A (finished): 20 codes with OfficiScan (7 days, variants) and Monitorize (history) answers.
Run B (cancelled, resumable): 12 of run A's codes (reused from its answers, the 20-hour cache)
and 6 new ones, whose job was submitted and not yet collected when the run was cancelled.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import shutil
import sqlite3
import sys
from pathlib import Path

import pricelookup
from pricelookup.errors import RunCancelled
from pricelookup.run.api import RunRequest, list_runs, load_run, run_lookup
from pricelookup.run.progress import CancelToken, Progress
from pricelookup.sandbox import SandboxConfig, running_sandbox
from pricelookup.sandbox import data as sdata
from pricelookup.settings import Endpoints, RunSettings, ServiceKeys


def pick_codes() -> tuple[list[str], list[str]]:
    """Run A's 20 codes and run B's 6 new ones: a mix of what the services answer."""
    cat = sdata.Catalogue.build()
    usable = [c for c in cat.universe if c not in sdata.HOSTILE_CODES]
    found = [c for c in usable if sdata.priceapi_outcome(c) == "found"]
    oc = cat.officiscan_by_ean()
    mon = cat.monitorize_eans()
    matched = {m.ean13 for m in cat.monitorize if m.matched}
    with_variants = [c for c in found if c in oc and oc[c].variants][:1]
    officiscan = [c for c in found if c in oc and c not in with_variants][:5]
    monitorize = [c for c in found if c in mon and c in matched and c not in officiscan][:5]
    not_found = [c for c in usable if sdata.priceapi_outcome(c) == "not found"][:2]
    failed = [c for c in usable if sdata.priceapi_outcome(c) in ("failed to access source", "error")][:1]
    chosen = [*with_variants, *officiscan, *monitorize, *not_found, *failed]
    rest = [c for c in found if c not in chosen]
    a = chosen + rest[: 20 - len(chosen)]
    b = [c for c in rest[20 - len(chosen):] if c not in a][:6]
    return a, b


def write_input(path: Path, codes: list[str]) -> Path:
    path.write_text("ean;label\n" + "".join(f"{c};item {i}\n" for i, c in enumerate(codes)), encoding="utf-8")
    return path


def main(out: Path) -> None:
    if out.exists():
        shutil.rmtree(out)
    data = out / "data"
    inputs = out / "inputs"
    inputs.mkdir(parents=True)
    a_codes, b_new = pick_codes()
    keys = ServiceKeys.sandbox()
    with running_sandbox(SandboxConfig(job_seconds=30.0, parallel_jobs=4, officiscan_rate=500)) as sb:
        endpoints = Endpoints.for_sandbox(sb.url)
        a = RunRequest(input_path=write_input(inputs / "codes-a.csv", a_codes), endpoints=endpoints, keys=keys,
                       data_dir=data, settings=RunSettings(officiscan=True, officiscan_days=7,
                                                           officiscan_variants=True, monitorize=True,
                                                           monitorize_history=True))
        result = asyncio.run(run_lookup(a, progress=lambda p: None, cancel=CancelToken()))
        print("run A", result.run_id, result.status, len(result.priceapi), "answers,",
              len(result.officiscan), "officiscan,", len(result.monitorize), "monitorize")
        result.priceapi.close()  # type: ignore[attr-defined]  # its read connection (JournalProducts)

        b = RunRequest(input_path=write_input(inputs / "codes-b.csv", a_codes[:12] + b_new), endpoints=endpoints,
                       keys=keys, data_dir=data, settings=RunSettings(officiscan=False, monitorize=False))
        cancel = CancelToken()

        def sink(p: Progress) -> None:
            if p.jobs and all(j.job_id for j in p.jobs):
                cancel.cancel()  # the job is submitted: stop before it is collected

        try:
            asyncio.run(run_lookup(b, progress=sink, cancel=cancel))
            raise SystemExit("run B was not cancelled in time: run again")
        except RunCancelled as exc:
            print("run B cancelled:", exc)


def fold(data: Path) -> None:
    """One self-contained file: the WAL folded in, rollback-journal mode, no locks."""
    db = sqlite3.connect(data / "journal.sqlite3")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("PRAGMA journal_mode=DELETE")
    db.execute("VACUUM")
    for run_id, status, version in db.execute("SELECT run_id, status, app_version FROM runs ORDER BY run_id"):
        print(run_id, status, version)
    print(json.dumps(db.execute("SELECT run_id, state, n_values FROM jobs").fetchall()))
    db.close()
    for p in data.rglob("lock"):
        p.unlink()
    for p in data.glob("journal.sqlite3-*"):
        p.unlink()
    print("pricelookup", pricelookup.__version__, "from", Path(pricelookup.__file__).parent)


def plain(value: object) -> object:
    """A record as JSON, by field name; Decimals and dates as their repr (tests/run/test_journal_release.py
    turns what the current code reads into the same)."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple | list):
        return [plain(v) for v in value]
    if value is None or isinstance(value, str | int | bool):
        return value
    return repr(value)


def digest(points: tuple[object, ...]) -> dict[str, object]:
    """A long history in short: its count, first and last points, and the SHA-256 of all of it."""
    everything = json.dumps(plain(points), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return {"points": len(points), "first": plain(points[0]) if points else None,
            "last": plain(points[-1]) if points else None,
            "sha256": hashlib.sha256(everything.encode("utf-8")).hexdigest()}


def write_expected(out: Path) -> None:
    """``expected.json``: what this release reads from the journal in ``out``, field by field."""
    data = out / "data"
    runs = {r.status: r.run_id for r in list_runs(data)}
    a = load_run(runs["finished"], data)
    b = load_run(runs["cancelled"], data)
    expected = {
        "finished_run": a.run_id, "cancelled_run": b.run_id,
        "priceapi": {g: plain(p) for g, p in sorted(a.priceapi.items())},
        "cached_in_cancelled_run": sorted(b.cached),
        **{kind: {g: plain(v) for g, v in sorted(getattr(a, kind).items())}
           for kind in ("officiscan", "officiscan_variants", "monitorize", "monitorize_lowest")},
        "monitorize_history": {g: digest(v) for g, v in sorted(a.monitorize_history.items())},
        "outcome_counts": a.priceapi.outcome_counts(),  # type: ignore[attr-defined]
        "offers_per_shop": dict(sorted(a.priceapi.offers_per_shop().items())),  # type: ignore[attr-defined]
        "offer_count_stats_3": a.priceapi.offer_count_stats(3),  # type: ignore[attr-defined]
    }
    for r in (a, b):  # their read connections (JournalProducts), the previous run's too
        r.priceapi.close()  # type: ignore[attr-defined]
        if r.previous is not None:
            r.previous.priceapi.close()  # type: ignore[attr-defined]
    (out / "expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    target = Path(sys.argv[-1])
    if sys.argv[1] != "--expected-only":
        main(target)
    write_expected(target)  # opening the journal puts it back in WAL mode: fold it afterwards
    fold(target / "data")
