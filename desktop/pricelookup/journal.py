"""The run journal: SQLite (stdlib, WAL), crash-safe, so nothing is paid twice.

One database per data dir (``journal.sqlite3``) holds every run:

* ``runs``: what was asked (input file hash, sheet, code column, settings,
  the PriceAPI endpoint) and how it ended;
* ``jobs``: one row per PriceAPI chunk. The row is written and **committed
  before** ``POST /jobs`` (state ``intent``) and gets its ``job_id`` right
  after the answer (``submitted``). A row left at ``intent`` (crash or cancel
  during the POST) or marked ``uncertain`` (timeout after the POST) may be a
  paid job whose id we never learnt: it is never sent again automatically;
* ``priceapi_results``: one row per (run, GTIN-14), the product as JSON
  (Decimals as strings), written in the same transaction that marks its job
  downloaded. Rows copied from an earlier run keep their original
  ``fetched_at`` and name their ``origin_run`` (the cache);
* ``enrichment``: OfficiScan / Monitorize answers per (run, kind, code);
* ``service_failures``: enrichment services that failed without stopping the run.

Every write that matters commits at once with ``synchronous=FULL``: a crash,
``kill -9`` or power cut loses at most the write in progress. The database is
used from one thread at a time (the engine's event loop thread).
"""

from __future__ import annotations

import json
import os
import sqlite3
import sys
import threading
import time
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pricelookup.errors import JournalError
from pricelookup.paths import JOURNAL_FILE
from pricelookup.settings import RunSettings

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS runs (
    run_id TEXT PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    updated_at TEXT NOT NULL,
    status TEXT NOT NULL,            -- running | finished | partial | cancelled | failed
    input_path TEXT,
    input_sha256 TEXT NOT NULL,
    sheet TEXT,
    code_column TEXT,
    settings_json TEXT NOT NULL,
    fingerprint TEXT NOT NULL,       -- canonical JSON of RunSettings.lookup_fingerprint()
    endpoint TEXT NOT NULL,          -- PriceAPI base URL: job ids only exist there
    lookup_key TEXT NOT NULL DEFAULT '', -- endpoint/source/country/key/completeness (cache key)
    sandbox INTEGER NOT NULL DEFAULT 0,
    app_version TEXT NOT NULL,
    message TEXT,
    rows INTEGER,
    codes INTEGER
);
CREATE TABLE IF NOT EXISTS jobs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    run_id TEXT NOT NULL REFERENCES runs(run_id),
    chunk INTEGER NOT NULL,
    vals TEXT NOT NULL,              -- the chunk's values, newline separated, as sent
    n_values INTEGER NOT NULL,
    state TEXT NOT NULL,             -- intent | submitted | downloaded | uncertain | failed
    job_id TEXT,
    status TEXT,
    completed INTEGER NOT NULL DEFAULT 0,
    progress INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    submitted_at TEXT,
    downloaded_at TEXT,
    free_credits INTEGER NOT NULL DEFAULT 0,
    paid_credits INTEGER NOT NULL DEFAULT 0,
    error TEXT
);
CREATE INDEX IF NOT EXISTS ix_jobs_run ON jobs(run_id);
CREATE TABLE IF NOT EXISTS priceapi_results (
    run_id TEXT NOT NULL,
    gtin14 TEXT NOT NULL,
    product TEXT NOT NULL,           -- JSON, see pricelookup.run.codec
    success INTEGER NOT NULL,
    reason TEXT,
    fetched_at REAL NOT NULL,        -- unix time PriceAPI answered (kept when copied as cache)
    lookup_key TEXT NOT NULL,        -- as in runs (kept per answer: a cached copy names its own)
    currentness TEXT NOT NULL,
    origin_run TEXT,                 -- not NULL: reused from that run's answer (cache)
    job INTEGER,                     -- jobs.id that answered it
    PRIMARY KEY (run_id, gtin14)
);
-- one code's answers in every run (its price history across runs, the detail pane)
CREATE INDEX IF NOT EXISTS ix_results_gtin ON priceapi_results(gtin14);
CREATE INDEX IF NOT EXISTS ix_runs_lookup ON runs(lookup_key, updated_at);
CREATE TABLE IF NOT EXISTS enrichment (
    run_id TEXT NOT NULL,
    kind TEXT NOT NULL,              -- officiscan | officiscan_variants | officiscan_error | monitorize | ...
    code TEXT NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (run_id, kind, code)
);
CREATE TABLE IF NOT EXISTS service_failures (
    run_id TEXT NOT NULL,
    service TEXT NOT NULL,
    message TEXT NOT NULL,
    PRIMARY KEY (run_id, service)
);
"""

#: runs that may be continued with --resume (a ``partial`` run too, while it has open work:
#: see :meth:`Journal.has_open_work`)
UNFINISHED = ("running", "cancelled", "failed")
#: job states whose values still need something from a later run: polled (submitted), or
#: in doubt (intent, uncertain: the job may exist) or lost by PriceAPI (failed)
OPEN_JOB_STATES = ("intent", "submitted", "uncertain", "failed")
#: runs whose answers count as a "previous run" for the Changes sheet
FINISHED = ("finished", "partial")


def utc_now() -> datetime:
    """Now, in UTC (the journal stores UTC)."""
    return datetime.now(UTC)


def _iso(dt: datetime | None = None) -> str:
    return (dt or utc_now()).isoformat(timespec="microseconds")


def canonical_json(data: Any) -> str:
    """Sorted, compact JSON: equal settings give equal text."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)


@dataclass(frozen=True)
class RunInfo:
    """One run of the journal: a row of ``runs`` with the credits its jobs used. What the run lists,
    the resume prompt and ``--resume`` read."""

    run_id: str
    started_at: datetime
    finished_at: datetime | None
    updated_at: datetime
    status: str
    input_path: str | None
    input_sha256: str
    sheet: str | None
    code_column: str | None
    settings: RunSettings
    fingerprint: str
    endpoint: str
    sandbox: bool
    app_version: str
    message: str | None
    rows: int | None
    codes: int | None
    credits_used: int = 0  # credits PriceAPI charged for this run's jobs (cache hits cost nothing)


@dataclass(frozen=True)
class JobRow:
    """One row of ``jobs`` (a chunk of at most 1,000 values)."""

    id: int
    run_id: str
    chunk: int
    values: tuple[str, ...]
    state: str
    job_id: str | None
    status: str | None
    completed: int
    progress: int
    submitted_at: datetime | None
    free_credits: int
    paid_credits: int
    error: str | None


@dataclass(frozen=True)
class StoredResult:
    """One stored PriceAPI answer."""

    gtin14: str
    product_json: str
    success: bool
    reason: str | None
    fetched_at: float
    run_id: str
    origin_run: str | None


def _dt(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


class Journal:
    """The SQLite journal of one data dir. Use as a context manager or call :meth:`close`."""

    def __init__(self, path: Path, *, read_only: bool = False) -> None:
        self.path = Path(path)
        # one connection, used by the event loop thread and (for flushed commits) a worker thread
        self._lock = threading.RLock()
        if read_only:
            self._open_read_only()
            return
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(self.path), timeout=30.0, isolation_level=None,
                                       check_same_thread=False)
            self._db.execute("PRAGMA journal_mode=WAL")
            # NORMAL in WAL mode: a commit survives a crash or kill -9 (it is in the OS's
            # hands); the writes that must also survive a power cut (the intent before a
            # POST, an uncertain submission) commit with FULL, which flushes everything
            # written before them too. See _tx(durable=True).
            self._db.execute("PRAGMA synchronous=NORMAL")
            self._db.execute("PRAGMA foreign_keys=ON")
            with self._tx(durable=True):
                for stmt in _SCHEMA.split(";"):
                    if stmt.strip():
                        self._db.execute(stmt)
                row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
                if row is None:
                    self._db.execute("INSERT INTO meta VALUES ('schema', ?)", (str(SCHEMA_VERSION),))
                elif int(row[0]) > SCHEMA_VERSION:
                    raise JournalError(f"The journal {self.path} was written by a newer version of Price "
                                       "Lookup; update the application or use another --data-dir.")
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"The journal {self.path} cannot be opened ({exc}); it may be damaged. Move "
                               "it away or use another --data-dir.") from None

    def _open_read_only(self) -> None:
        """A read-only connection: no schema written, no lock taken (a run may be writing meanwhile)."""
        try:
            self._db = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=30.0,
                                       isolation_level=None, check_same_thread=False)
            row = self._db.execute("SELECT value FROM meta WHERE key='schema'").fetchone()
        except sqlite3.DatabaseError as exc:
            raise JournalError(f"The journal {self.path} cannot be read ({exc}); it may be damaged. Move it "
                               "away or use another --data-dir.") from None
        if row is not None and int(row[0]) > SCHEMA_VERSION:
            self._db.close()
            raise JournalError(f"The journal {self.path} was written by a newer version of Price Lookup; update "
                               "the application or use another --data-dir.")

    @classmethod
    def open(cls, data_dir: Path) -> Journal:
        """The journal inside ``data_dir`` (created if missing)."""
        return cls(Path(data_dir) / JOURNAL_FILE)

    @classmethod
    def reader(cls, data_dir: Path) -> Journal:
        """The existing journal inside ``data_dir``, for reading only (its writes fail).

        Reading never waits for a run that is writing, and takes no run lock. A journal last
        opened by an earlier release is opened for writing once first, so that it gets the
        indexes of this one (``CREATE INDEX IF NOT EXISTS`` in the schema).
        """
        path = Path(data_dir) / JOURNAL_FILE
        journal = cls(path, read_only=True)
        if not journal._q("SELECT 1 FROM sqlite_master WHERE type='index' AND name='ix_results_gtin'"):
            try:
                cls(path).close()
            except JournalError:  # a journal we may not write (a read-only copy): read it without
                return journal
            journal.close()
            journal = cls(path, read_only=True)
        return journal

    def close(self) -> None:
        """Close the database."""
        with self._lock:
            self._db.close()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _tx(self, *, durable: bool = False) -> Iterator[sqlite3.Connection]:
        """One committed transaction (BEGIN IMMEDIATE: writers queue instead of failing late).

        ``durable``: the commit is flushed to disk (fsync) before this returns.
        """
        with self._lock:
            if durable:
                self._db.execute("PRAGMA synchronous=FULL")
            try:
                self._db.execute("BEGIN IMMEDIATE")
                try:
                    yield self._db
                except BaseException:
                    self._db.execute("ROLLBACK")
                    raise
                else:
                    self._db.execute("COMMIT")
            finally:
                if durable:
                    self._db.execute("PRAGMA synchronous=NORMAL")

    def _q(self, sql: str, args: Sequence[Any] = ()) -> list[Any]:
        """All rows of one query (under the lock: the engine writes from a worker thread too)."""
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # --- runs ---------------------------------------------------------------------------

    def create_run(self, *, input_path: str | None, input_sha256: str, sheet: str | None,
                   code_column: str | None, settings: dict[str, Any], fingerprint: dict[str, Any],
                   endpoint: str, sandbox: bool, app_version: str, rows: int, codes: int,
                   lookup_key: str = "") -> str:
        """A new run in state ``running``; returns its id (sortable by time)."""
        run_id = time.strftime("%Y%m%d-%H%M%S", time.gmtime()) + "-" + uuid.uuid4().hex[:6]
        now = _iso()
        with self._tx(durable=True) as db:
            db.execute(
                "INSERT INTO runs (run_id, started_at, updated_at, status, input_path, input_sha256, sheet, "
                "code_column, settings_json, fingerprint, endpoint, sandbox, app_version, rows, codes, lookup_key) "
                "VALUES (?, ?, ?, 'running', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (run_id, now, now, input_path, input_sha256, sheet, code_column, canonical_json(settings),
                 canonical_json(fingerprint), endpoint, int(sandbox), app_version, rows, codes, lookup_key),
            )
        return run_id

    def set_run_status(self, run_id: str, status: str, *, message: str | None = None,
                       finished: bool = False) -> None:
        """Record how a run stands (``finished`` also stamps its end time)."""
        now = _iso()
        with self._tx() as db:
            db.execute(
                "UPDATE runs SET status=?, message=?, updated_at=?, finished_at=CASE WHEN ? THEN ? "
                "ELSE finished_at END WHERE run_id=?",
                (status, message, now, int(finished), now, run_id),
            )

    def _run_from(self, r: sqlite3.Row | tuple[Any, ...]) -> RunInfo:
        return RunInfo(
            run_id=r[0], started_at=datetime.fromisoformat(r[1]), finished_at=_dt(r[2]),
            updated_at=datetime.fromisoformat(r[3]), status=r[4], input_path=r[5], input_sha256=r[6],
            sheet=r[7], code_column=r[8], settings=RunSettings.from_dict(json.loads(r[9])), fingerprint=r[10], endpoint=r[11],
            sandbox=bool(r[12]), app_version=r[13], message=r[14], rows=r[15], codes=r[16], credits_used=int(r[17]),
        )

    _RUN_COLS = ("run_id, started_at, finished_at, updated_at, status, input_path, input_sha256, sheet, "
                 "code_column, settings_json, fingerprint, endpoint, sandbox, app_version, message, rows, codes, "
                 "(SELECT COALESCE(SUM(free_credits + paid_credits), 0) FROM jobs WHERE jobs.run_id = runs.run_id)")

    def get_run(self, run_id: str) -> RunInfo:
        """The run ``run_id``; :class:`JournalError` if the journal has no such run."""
        rows = self._q(f"SELECT {self._RUN_COLS} FROM runs WHERE run_id=?", (run_id,))
        r = rows[0] if rows else None
        if r is None:
            raise JournalError(f"The journal {self.path} has no run {run_id!r}; `pricelookup runs` lists "
                               "the runs it holds.")
        return self._run_from(r)

    def list_runs(self, *, statuses: Sequence[str] | None = None) -> list[RunInfo]:
        """Runs, newest first (optionally only those in ``statuses``)."""
        sql = f"SELECT {self._RUN_COLS} FROM runs"
        args: tuple[Any, ...] = ()
        if statuses:
            sql += f" WHERE status IN ({','.join('?' * len(statuses))})"
            args = tuple(statuses)
        sql += " ORDER BY started_at DESC, run_id DESC"
        return [self._run_from(r) for r in self._q(sql, args)]

    def find_resumable(self, *, input_sha256: str | None, sheet: str | None, code_column: str | None,
                       fingerprint: dict[str, Any], endpoint: str) -> RunInfo | None:
        """The newest unfinished run of the same input and the same look-up settings, or None.

        A run of another file (hash), sheet, column, settings or PriceAPI endpoint
        is never mixed in. ``input_sha256=None`` (Snipcart catalogue) matches on
        the settings alone.
        """
        fp = canonical_json(fingerprint)
        for run in self.resumable_runs():
            if run.fingerprint != fp or run.endpoint != endpoint:
                continue
            if input_sha256 is not None and (run.input_sha256 != input_sha256 or run.sheet != sheet
                                             or run.code_column != code_column):
                continue
            if input_sha256 is None and not (run.input_path or "").startswith("snipcart:"):
                continue
            return run
        return None

    def has_open_work(self, run_id: str) -> bool:
        """True when ``run_id`` holds jobs to collect or in doubt, or codes not answered yet."""
        if self._q(f"SELECT 1 FROM jobs WHERE run_id=? AND state IN ({','.join('?' * len(OPEN_JOB_STATES))}) "
                   "LIMIT 1", (run_id, *OPEN_JOB_STATES)):
            return True
        ((codes, answered),) = self._q(
            "SELECT (SELECT codes FROM runs WHERE run_id=?), "
            "(SELECT COUNT(*) FROM priceapi_results WHERE run_id=?)", (run_id, run_id))
        return codes is not None and answered < codes

    def resumable_runs(self) -> list[RunInfo]:
        """Runs ``--resume`` may continue, newest first: interrupted ones, and ``partial`` ones that
        still have open work (an uncertain submission, jobs to collect, codes never submitted)."""
        return [r for r in self.list_runs(statuses=(*UNFINISHED, "partial"))
                if r.status != "partial" or self.has_open_work(r.run_id)]

    # --- jobs -----------------------------------------------------------------------------

    def open_jobs_elsewhere(self, codes: Iterable[str], *, lookup_key: str, exclude_run: str | None,
                            since: datetime) -> list[JobRow]:
        """Jobs of *other* runs with the same look-up key, created since ``since``, still to collect
        or in doubt, that hold any of ``codes`` (a new run collects or respects them instead of
        paying for the same values again)."""
        wanted = set(codes)
        rows = self._q(
            "SELECT j.id FROM jobs j JOIN runs r ON r.run_id = j.run_id WHERE r.lookup_key = ? "
            f"AND j.run_id IS NOT ? AND j.created_at >= ? AND j.state IN ({','.join('?' * len(OPEN_JOB_STATES))}) "
            "ORDER BY j.id", (lookup_key, exclude_run, _iso(since), *OPEN_JOB_STATES))
        ids = {r[0] for r in rows}
        if not ids:
            return []
        out: list[JobRow] = []
        for run_id in sorted({r[0] for r in self._q(
                f"SELECT DISTINCT run_id FROM jobs WHERE id IN ({','.join('?' * len(ids))})", tuple(ids))}):
            out.extend(j for j in self.jobs(run_id) if j.id in ids and not wanted.isdisjoint(j.values))
        return sorted(out, key=lambda j: j.id)


    def add_intent(self, run_id: str, chunk: int, values: Sequence[str]) -> int:
        """Record (and commit, flushed to disk) the intent to submit ``values`` as one job, BEFORE the POST."""
        with self._tx(durable=True) as db:
            cur = db.execute(
                "INSERT INTO jobs (run_id, chunk, vals, n_values, state, created_at) VALUES (?, ?, ?, ?, "
                "'intent', ?)", (run_id, chunk, "\n".join(values), len(values), _iso()))
        assert cur.lastrowid is not None
        return cur.lastrowid

    def mark_submitted(self, job: int, job_id: str, status: str) -> None:
        """The POST answered: the job exists under ``job_id`` (commit at once)."""
        with self._tx() as db:
            db.execute("UPDATE jobs SET state='submitted', job_id=?, status=?, submitted_at=?, error=NULL "
                       "WHERE id=?", (job_id, status, _iso(), job))

    def mark_uncertain(self, job: int, error: str) -> None:
        """The POST may have created a job whose id we never got: never re-sent automatically."""
        with self._tx(durable=True) as db:
            db.execute("UPDATE jobs SET state='uncertain', error=? WHERE id=?", (error, job))

    def mark_failed(self, job: int, error: str) -> None:
        """The job is lost on PriceAPI's side (e.g. job not found); its values are not re-sent automatically."""
        with self._tx() as db:
            db.execute("UPDATE jobs SET state='failed', error=? WHERE id=?", (error, job))

    def mark_rejected(self, job: int, error: str) -> None:
        """PriceAPI refused the POST outright (nothing created, nothing paid): the row is dropped."""
        with self._tx() as db:
            db.execute("DELETE FROM jobs WHERE id=? AND state='intent'", (job,))

    def retire(self, job: int, error: str) -> None:
        """An uncertain/failed job whose values the user chose to send again."""
        with self._tx() as db:
            db.execute("UPDATE jobs SET state='resent', error=? WHERE id=?", (error, job))

    def update_job_status(self, job: int, status: str, completed: int, progress: int) -> None:
        """Last seen status of a job (for the GUI's job list on resume); cheap, committed."""
        with self._tx() as db:
            db.execute("UPDATE jobs SET status=?, completed=?, progress=? WHERE id=?",
                       (status, completed, progress, job))

    def jobs(self, run_id: str) -> list[JobRow]:
        """Every job row of ``run_id``, in submission order."""
        rows = self._q(
            "SELECT id, run_id, chunk, vals, state, job_id, status, completed, progress, submitted_at, "
            "free_credits, paid_credits, error FROM jobs WHERE run_id=? ORDER BY id", (run_id,))
        return [JobRow(id=r[0], run_id=r[1], chunk=r[2], values=tuple(r[3].split("\n")) if r[3] else (),
                       state=r[4], job_id=r[5], status=r[6], completed=r[7], progress=r[8],
                       submitted_at=_dt(r[9]), free_credits=r[10], paid_credits=r[11], error=r[12])
                for r in rows]

    def store_download(self, job: int, run_id: str, results: Iterable[tuple[str, str, bool, str | None]], *,
                       free_credits: int, paid_credits: int, lookup_key: str, currentness: str,
                       fetched_at: float | None = None, adopted_by: str | None = None,
                       adopted: frozenset[str] = frozenset()) -> None:
        """A finished job's answers and its credits, and the job marked downloaded — one transaction.

        ``results`` are ``(gtin14, product_json, success, reason)``; ``run_id`` is the run that
        owns (and paid for) the job. A later run that collected it (``adopted_by``) gets the answers
        for its codes ``adopted`` as reused ones (``origin_run``: the owner), never its credits.
        """
        at = time.time() if fetched_at is None else fetched_at
        rows = list(results)
        with self._tx() as db:
            db.executemany(
                "INSERT OR REPLACE INTO priceapi_results (run_id, gtin14, product, success, reason, fetched_at, "
                "lookup_key, currentness, origin_run, job) VALUES (?, ?, ?, ?, ?, ?, ?, ?, NULL, ?)",
                ((run_id, g, p, int(s), r, at, lookup_key, currentness, job) for g, p, s, r in rows))
            if adopted_by is not None and adopted_by != run_id:
                db.executemany(
                    "INSERT OR REPLACE INTO priceapi_results (run_id, gtin14, product, success, reason, "
                    "fetched_at, lookup_key, currentness, origin_run, job) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                    ((adopted_by, g, p, int(s), r, at, lookup_key, currentness, run_id)
                     for g, p, s, r in rows if g in adopted))
            now = _iso()
            db.execute("UPDATE jobs SET state='downloaded', status='finished', downloaded_at=?, "
                       "free_credits=?, paid_credits=?, error=NULL WHERE id=?",
                       (now, free_credits, paid_credits, job))
            db.execute("UPDATE runs SET updated_at=? WHERE run_id=?", (now, run_id))

    # --- results ----------------------------------------------------------------------------

    def answered_codes(self, run_id: str) -> set[str]:
        """GTIN-14s this run already holds an answer for (downloaded or copied from the cache)."""
        return {r[0] for r in self._q("SELECT gtin14 FROM priceapi_results WHERE run_id=?", (run_id,))}

    def results(self, run_id: str, *, skip: set[str] | frozenset[str] = frozenset()) -> Iterator[StoredResult]:
        """Every stored PriceAPI answer of ``run_id`` (except the GTIN-14s in ``skip``)."""
        cols = "SELECT gtin14, product, success, reason, fetched_at, run_id, origin_run FROM priceapi_results "
        if skip:
            keys = [r[0] for r in self._q("SELECT gtin14 FROM priceapi_results WHERE run_id=?", (run_id,))
                    if r[0] not in skip]
            for k in keys:
                for r in self._q(cols + "WHERE run_id=? AND gtin14=?", (run_id, k)):
                    yield StoredResult(r[0], r[1], bool(r[2]), r[3], r[4], r[5], r[6])
            return
        # in pages, so a million answers never sit in memory twice (as rows and as records)
        last = ""
        while True:
            rows = self._q(cols + "WHERE run_id=? AND gtin14 > ? ORDER BY gtin14 LIMIT 2000", (run_id, last))
            for r in rows:
                yield StoredResult(r[0], r[1], bool(r[2]), r[3], r[4], r[5], r[6])
            if len(rows) < 2000:
                return
            last = rows[-1][0]

    def stored_result(self, run_id: str, gtin14: str) -> StoredResult | None:
        """The stored PriceAPI answer of one code in ``run_id``, or None."""
        rows = self._q("SELECT gtin14, product, success, reason, fetched_at, run_id, origin_run FROM priceapi_results "
                       "WHERE run_id=? AND gtin14=?", (run_id, gtin14))
        return StoredResult(rows[0][0], rows[0][1], bool(rows[0][2]), *rows[0][3:]) if rows else None

    def stored_results_of(self, gtin14: str) -> list[StoredResult]:
        """Every stored PriceAPI answer of one code, in every run, oldest answer first (cached copies
        included: they keep the ``fetched_at`` of the answer they copy)."""
        rows = self._q("SELECT gtin14, product, success, reason, fetched_at, run_id, origin_run FROM priceapi_results "
                       "WHERE gtin14=? ORDER BY fetched_at, origin_run IS NOT NULL, run_id", (gtin14,))
        return [StoredResult(r[0], r[1], bool(r[2]), r[3], r[4], r[5], r[6]) for r in rows]

    def settings_of(self, run_ids: Iterable[str]) -> dict[str, RunSettings]:
        """The settings of each of ``run_ids`` the journal holds."""
        ids = sorted(set(run_ids))
        out: dict[str, RunSettings] = {}
        for start in range(0, len(ids), 900):
            batch = ids[start:start + 900]
            for run_id, text in self._q(f"SELECT run_id, settings_json FROM runs WHERE run_id IN "
                                        f"({','.join('?' * len(batch))})", batch):
                out[run_id] = RunSettings.from_dict(json.loads(text))
        return out

    def values_in_doubt(self, run_id: str) -> dict[str, str]:
        """Values of ``run_id``'s jobs that may exist but were never confirmed (``intent``, ``uncertain``) or
        that PriceAPI lost (``failed``): value -> the state of its first such job."""
        out: dict[str, str] = {}
        for vals, state in self._q("SELECT vals, state FROM jobs WHERE run_id=? AND state IN ('intent', "
                                   "'uncertain', 'failed') ORDER BY id", (run_id,)):
            for v in vals.split("\n") if vals else ():
                out.setdefault(v, state)
        return out

    def cached_codes(self, run_id: str) -> set[str]:
        """GTIN-14s of ``run_id`` answered by reusing an earlier run's answer (not paid)."""
        return {r[0] for r in self._q(
            "SELECT gtin14 FROM priceapi_results WHERE run_id=? AND origin_run IS NOT NULL", (run_id,))}

    def credits_used(self, run_id: str) -> int:
        """Credits PriceAPI charged for this run's jobs (cache hits cost nothing)."""
        (r,) = self._q("SELECT COALESCE(SUM(free_credits + paid_credits), 0) FROM jobs WHERE run_id=?", (run_id,))
        return int(r[0])

    def cached_results(self, codes: Iterable[str], *, lookup_key: str, currentness: str, max_age_s: float,
                       exclude_run: str | None = None, now: float | None = None,
                       not_reasons: Sequence[str] = ()) -> dict[str, StoredResult]:
        """Fresh reusable answers from earlier runs for ``codes``: the newest per GTIN-14.

        Reusable: same endpoint/source/country/key/completeness (``lookup_key``),
        younger than ``max_age_s``. Every answer PriceAPI gave counts, product-level
        failures included (within the currentness window PriceAPI would answer the
        same); answers whose reason is in ``not_reasons`` (our own row statuses, not
        PriceAPI's) are not reused. A ``realtime`` request only reuses ``realtime``
        answers.
        """
        cutoff = (time.time() if now is None else now) - max_age_s
        cutoff_iso = _iso(datetime.fromtimestamp(cutoff, UTC))
        candidates = [r[0] for r in self._q(
            "SELECT run_id FROM runs WHERE lookup_key = ? AND updated_at >= ? AND run_id IS NOT ?",
            (lookup_key, cutoff_iso, exclude_run))]
        if not candidates:
            return {}
        wanted = set(codes)
        sql = ("SELECT gtin14, product, success, reason, fetched_at, run_id, origin_run FROM priceapi_results "
               "WHERE run_id = ? AND fetched_at >= ?")
        if currentness == "realtime":
            sql += " AND currentness = 'realtime'"
        skip = set(not_reasons)
        out: dict[str, StoredResult] = {}
        for run_id in candidates:
            for r in self._q(sql, (run_id, cutoff)):
                if r[0] not in wanted or (r[3] is not None and r[3] in skip):
                    continue
                prev = out.get(r[0])
                if prev is None or r[4] > prev.fetched_at:
                    out[r[0]] = StoredResult(r[0], r[1], bool(r[2]), r[3], r[4], r[5], r[6])
        return out

    def copy_cached(self, run_id: str, hits: Iterable[StoredResult], *, lookup_key: str,
                    currentness: str) -> None:
        """Put reused answers into ``run_id`` (original ``fetched_at`` kept, so they age correctly)."""
        with self._tx() as db:
            db.executemany(
                "INSERT OR IGNORE INTO priceapi_results (run_id, gtin14, product, success, reason, fetched_at, "
                "lookup_key, currentness, origin_run, job) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                ((run_id, h.gtin14, h.product_json, int(h.success), h.reason, h.fetched_at, lookup_key,
                  currentness, h.origin_run or h.run_id) for h in hits))

    def previous_run_of(self, run_id: str, *, source: str, country: str,
                        extra_codes: Iterable[str] = ()) -> str | None:
        """The latest earlier finished run of the same source and country that answered some of
        ``run_id``'s own codes: those it holds an answer for, and ``extra_codes`` (its rows without a
        stored answer, e.g. in doubt). Found in SQL, without reading every answer of every earlier run."""
        me = self.get_run(run_id)
        extra = sorted(set(extra_codes))
        for run in self.list_runs(statuses=FINISHED):
            if run.run_id == run_id or run.started_at > me.started_at:
                continue
            if run.settings.source != source or run.settings.country != country:
                continue
            if self._q("SELECT 1 FROM priceapi_results p WHERE p.run_id = ? AND EXISTS (SELECT 1 FROM "
                       "priceapi_results c WHERE c.run_id = ? AND c.gtin14 = p.gtin14) LIMIT 1",
                       (run.run_id, run_id)):
                return run.run_id
            for start in range(0, len(extra), 900):
                batch = extra[start:start + 900]
                if self._q(f"SELECT 1 FROM priceapi_results WHERE run_id = ? AND gtin14 IN "
                           f"({','.join('?' * len(batch))}) LIMIT 1", (run.run_id, *batch)):
                    return run.run_id
        return None

    # --- enrichment ---------------------------------------------------------------------------

    def put_enrichment(self, run_id: str, kind: str, items: Iterable[tuple[str, str]]) -> None:
        """Store enrichment answers ``(code, payload_json)`` of one kind (one transaction)."""
        with self._tx() as db:
            db.executemany("INSERT OR REPLACE INTO enrichment (run_id, kind, code, payload) VALUES (?, ?, ?, ?)",
                           ((run_id, kind, c, p) for c, p in items))

    def enrichment(self, run_id: str, kind: str) -> dict[str, str]:
        """Stored enrichment answers of one kind: code -> payload JSON."""
        return dict(self._q("SELECT code, payload FROM enrichment WHERE run_id=? AND kind=?", (run_id, kind)))

    def enrichment_of(self, run_id: str, kind: str, code: str) -> str | None:
        """The stored answer of ``kind`` for one code (payload JSON), or None."""
        rows = self._q("SELECT payload FROM enrichment WHERE run_id=? AND kind=? AND code=?", (run_id, kind, code))
        return rows[0][0] if rows else None

    def enrichment_codes(self, run_id: str, kind: str) -> set[str]:
        """Codes that have an answer of ``kind`` in ``run_id``."""
        return {r[0] for r in self._q("SELECT code FROM enrichment WHERE run_id=? AND kind=?", (run_id, kind))}

    def set_service_failure(self, run_id: str, service: str, message: str | None) -> None:
        """Record (or clear, with None) a service that failed without stopping the run."""
        with self._tx() as db:
            if message is None:
                db.execute("DELETE FROM service_failures WHERE run_id=? AND service=?", (run_id, service))
            else:
                db.execute("INSERT OR REPLACE INTO service_failures VALUES (?, ?, ?)", (run_id, service, message))

    def service_failures(self, run_id: str) -> dict[str, str]:
        """service -> message of the failures recorded for ``run_id``."""
        return dict(self._q("SELECT service, message FROM service_failures WHERE run_id=?", (run_id,)))


class RunLock:
    """An OS file lock held while a process works on a run.

    A killed process releases it by itself, so a crashed run can be resumed at
    once, while a run still going in another process (CLI and GUI at the same
    time) is not resumed twice.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: Any = None

    def acquire(self) -> bool:
        """Take the lock without waiting; False if another process holds it."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+b")  # noqa: SIM115 - held open for the lock's lifetime
        try:
            if sys.platform == "win32":
                # lazy: Windows-only module (no msvcrt elsewhere)
                import msvcrt

                fh.seek(0)
                msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
            else:
                # lazy: POSIX-only module (no fcntl on Windows)
                import fcntl

                fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            fh.close()
            return False
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()).encode())
        fh.flush()
        self._fh = fh
        return True

    def release(self) -> None:
        """Give the lock back (closing the file releases it on every platform)."""
        if self._fh is not None:
            try:
                if sys.platform == "win32":
                    # lazy: Windows-only module (no msvcrt elsewhere)
                    import msvcrt

                    self._fh.seek(0)
                    msvcrt.locking(self._fh.fileno(), msvcrt.LK_UNLCK, 1)
            except OSError:
                pass
            self._fh.close()
            self._fh = None

    def held_elsewhere(self) -> bool:
        """True if another process holds the lock right now."""
        if self._fh is not None:
            return False
        if not self.acquire():
            return True
        self.release()
        return False
