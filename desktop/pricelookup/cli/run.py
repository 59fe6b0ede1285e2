"""``pricelookup run`` and ``pricelookup runs``: the engine behind a terminal.

Progress goes to stderr: a tqdm bar with the engine's own ETA on a terminal,
plain lines otherwise (logs, CI), nothing with ``--quiet``. The final summary
goes to stdout. Exit codes are those of :mod:`pricelookup.cli`: 0 done, 1 done
with failed rows, 2 bad input, 3 service or key error, 130 cancelled.

Ctrl-C asks the run to stop (submitted jobs stay in the journal for
``--resume``); a second Ctrl-C interrupts at once.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import signal
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from tqdm import tqdm

from pricelookup.cli.exitcodes import EXIT_FAILED_ROWS, EXIT_OK
from pricelookup.cli.terminal import terminal_safe
from pricelookup.errors import ExportError, RunCancelled, ServiceError, SettingsError
from pricelookup.paths import journal_path
from pricelookup.redaction import redact_known_keys
from pricelookup.run.api import (
    RunRequest,
    RunSummary,
    export_workbook,
    list_runs,
    load_input,
    load_keys,
    load_run,
    run_lookup,
)
from pricelookup.run.progress import CancelToken, Progress
from pricelookup.sandbox import SandboxConfig, running_sandbox
from pricelookup.sandbox.config import day_from_environment
from pricelookup.settings import SERVICES, Endpoints, RunSettings, ServiceKeys

if TYPE_CHECKING:
    from pricelookup.results import RunResult

#: job duration of the embedded sandbox for ``--sandbox``: a demo on the sample ends in seconds
SANDBOX_JOB_SECONDS = 3.0


def settings_from_args(args: argparse.Namespace) -> RunSettings:
    """The run settings the flags describe (the same object the GUI builds from its panels)."""
    return RunSettings(
        sheet=args.sheet, column=args.column, cip7=args.cip7, include_restricted=args.include_restricted,
        source=args.source, country=args.country.lower(), key=args.key, completeness=args.completeness,
        currentness=args.currentness, budget=args.budget,
        officiscan=not args.no_officiscan, officiscan_days=args.officiscan_days,
        officiscan_network=args.officiscan_network, officiscan_variants=args.officiscan_variants,
        monitorize=not args.no_monitorize, monitorize_match_column=args.monitorize_column,
        monitorize_history=args.monitorize_history, snipcart_input=args.snipcart,
        layout=args.layout, max_offer_columns=args.max_offers, own_price_column=args.own_price_column,
    )


def _check_args(args: argparse.Namespace) -> None:
    if args.snipcart and args.input:
        raise SettingsError("Give either an input file or --snipcart (the shop's catalogue), not both.")
    if not args.snipcart and not args.input:
        raise SettingsError("Name the spreadsheet to look up (or use --snipcart to start from the shop's catalogue).")
    if args.budget is not None and args.budget < 0:
        raise SettingsError("--budget must be a number of credits, 0 or more.")
    if not 1 <= args.officiscan_days <= 90:
        raise SettingsError("--officiscan-days must be between 1 and 90 (OfficiScan keeps 90 days).")
    if args.max_offers < 1:
        raise SettingsError("--max-offers must be at least 1.")
    out = Path(args.output)
    if out.suffix.lower() != ".xlsx":
        raise SettingsError(f"The output {out} must be an .xlsx file.")
    if args.input and out.resolve() == Path(args.input).resolve():
        raise SettingsError("The output must not be the input file: the input is never overwritten.")
    check_output_writable(out)


def check_output_writable(out: Path) -> None:
    """Refuse, before anything is paid, an output whose folder is missing or not writable."""
    folder = out.expanduser().resolve().parent
    if not folder.is_dir():
        raise SettingsError(f"The output folder {folder} does not exist; create it or choose another -o path. "
                            "Nothing was looked up.")
    if out.exists() and out.is_dir():
        raise SettingsError(f"The output {out} is a folder; name an .xlsx file. Nothing was looked up.")
    try:  # access() is not enough (network shares, ACLs): really create a file there
        fd, probe = tempfile.mkstemp(prefix=".pricelookup-", suffix=".probe", dir=folder)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise SettingsError(f"Cannot write in the output folder {folder} ({exc.strerror or type(exc).__name__}); "
                            "choose another -o path. Nothing was looked up.") from None


@contextlib.contextmanager
def _endpoints(args: argparse.Namespace) -> Iterator[tuple[Endpoints, ServiceKeys]]:
    """Where the services are and the keys of those this run uses.

    Keys are looked up only for the services the flags switch on (PriceAPI always,
    OfficiScan unless ``--no-officiscan``, Monitorize unless ``--no-monitorize``,
    Snipcart only with ``--snipcart``), environment first: a locked keyring must not
    stop a run whose keys are all in the environment, nor one that does not need it.

    ``PRICELOOKUP_<SERVICE>_URL`` (``PRICELOOKUP_PRICEAPI_URL``...) points a service at
    another address with the real keys (a staging server, a company proxy, a test
    double); the usual address rules apply (https, or plain http to loopback only).
    """
    if args.sandbox:
        try:
            day = day_from_environment()  # PRICELOOKUP_SANDBOX_DAY: the embedded sandbox's today
        except ValueError as exc:
            raise SettingsError(str(exc)) from None
        with running_sandbox(SandboxConfig(job_seconds=SANDBOX_JOB_SECONDS, day=day)) as sb:
            yield Endpoints.for_sandbox(sb.url, sb.identity), ServiceKeys.sandbox()
        return
    if args.sandbox_url:
        yield Endpoints.for_sandbox(args.sandbox_url), ServiceKeys.sandbox()
        return
    used = settings_from_args(args).services_used()
    addresses = {s: os.environ[f"PRICELOOKUP_{s.upper()}_URL"].strip() for s in SERVICES
                 if os.environ.get(f"PRICELOOKUP_{s.upper()}_URL", "").strip()}
    yield Endpoints(**addresses), load_keys(used)  # type: ignore[arg-type]  # keys of SERVICES: the URL fields


class CliProgress:
    """Progress sink for a terminal: tqdm bar on a TTY, plain lines otherwise, nothing when quiet."""

    def __init__(self, *, quiet: bool, stream: TextIO | None = None, line_interval: float = 5.0) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.tty = bool(getattr(self.stream, "isatty", lambda: False)())
        self.line_interval = line_interval
        self._bar: Any = None
        self._last_line = 0.0
        self.last: Progress | None = None

    @staticmethod
    def _eta(p: Progress) -> str:
        if p.eta_seconds is None:
            return "ETA ?"
        s = round(p.eta_seconds)
        return f"ETA {s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"ETA {s // 60}:{s % 60:02d}"

    @staticmethod
    def _what(p: Progress) -> str:
        if p.total:
            return f"{p.stage} {p.done:,}/{p.total:,}"
        return p.stage

    def __call__(self, p: Progress) -> None:
        self.last = p
        if self.quiet:
            return
        if self.tty:
            self._tty(p)
        else:
            self._lines(p)

    def _tty(self, p: Progress) -> None:
        if self._bar is None:
            self._bar = tqdm(total=1000, file=self.stream, dynamic_ncols=True, leave=True,
                             bar_format="{desc}: {percentage:3.0f}%|{bar}| [{elapsed}, {postfix}]")
        if p.message:
            self._bar.write(p.message, file=self.stream)
        self._bar.set_description_str(self._what(p), refresh=False)
        self._bar.set_postfix_str(self._eta(p), refresh=False)
        self._bar.n = int(p.fraction * 1000)
        self._bar.refresh()

    def _lines(self, p: Progress) -> None:
        now = time.monotonic()
        if p.message:
            print(p.message, file=self.stream, flush=True)
        if p.stage == "done" or now - self._last_line >= self.line_interval:
            self._last_line = now
            eta = f", {self._eta(p)}" if p.eta_seconds is not None else ""
            print(f"{self._what(p)} ({p.fraction:.0%}){eta}", file=self.stream, flush=True)

    def close(self) -> None:
        """Finish the bar (leaves the last state on screen)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


@contextlib.contextmanager
def _ctrl_c_cancels(cancel: CancelToken) -> Iterator[None]:
    """First Ctrl-C: ask the run to stop cleanly; second: interrupt at once."""
    if not hasattr(signal, "SIGINT"):
        yield
        return
    previous = signal.getsignal(signal.SIGINT)

    def handler(signum: int, frame: Any) -> None:
        if cancel.cancelled:
            signal.signal(signal.SIGINT, signal.default_int_handler)
            raise KeyboardInterrupt
        print("\nStopping… (Ctrl-C again to interrupt at once)", file=sys.stderr, flush=True)
        cancel.cancel()

    try:
        signal.signal(signal.SIGINT, handler)
    except ValueError:  # not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def export_result(result: RunResult, output: Path, *, layout: str, max_offer_columns: int) -> str:
    """Write the workbook; returns a line for the summary.

    The look-ups are paid by now: when the write fails, the message names the run and the
    command that writes it again from the journal, without calling any service.
    """
    again = (f"Nothing is lost: `pricelookup export --run {result.run_id} -o OTHER.xlsx --layout {layout}` "
             "writes it from the journal without calling any service.")
    try:
        report = export_workbook(result, output, layout=layout, max_offer_columns=max_offer_columns)  # type: ignore[arg-type]
    except ExportError as exc:
        raise ExportError(f"{exc} {again}") from None
    except OSError as exc:
        raise ExportError(f"Could not write {output} ({exc.strerror or type(exc).__name__}). {again}") from None
    return f"Wrote {report.path} ({_counted(report.rows_written, 'row', 'rows')})."


def export_stopped_run(exc: BaseException, output: Path, *, layout: str, max_offer_columns: int,
                       data_dir: Path | None) -> None:
    """A run stopped by a service error or a cancel: write what was answered so far (as the GUI
    does), and say where. Never raises: the original error is what the user must see."""
    run_id = getattr(exc, "run_id", None)
    if not run_id:
        return
    try:
        result = load_run(run_id, data_dir)
        line = export_result(result, output, layout=layout, max_offer_columns=max_offer_columns)
        print(f"{line} The rows answered so far are in it; run {run_id} stays in the journal.", file=sys.stderr)
    except Exception as write_error:
        print(redact_known_keys(f"pricelookup: the answers so far could not be written ({write_error})."),
              file=sys.stderr)


def summary_counts(result: RunResult) -> list[tuple[str, int]]:
    """The final summary's counts: the workbook's Summary sheet's own (:attr:`RunSummary.sheet_counts`),
    with its labels in lower case."""
    return [(label.lower(), n) for label, n in RunSummary.of(result).sheet_counts]


def print_summary(result: RunResult, *, stream: TextIO | None = None) -> None:
    """The final summary: the Summary sheet's counts, rows on one line and unique codes on the next."""
    out = stream or sys.stdout
    counts = summary_counts(result)
    print(f"Run {result.run_id}: {result.status}", file=out)
    print("  " + " | ".join(f"{name} {n:,}" for name, n in counts[:6]), file=out)
    print("  " + " | ".join(f"{name} {n:,}" for name, n in counts[6:]), file=out)
    for service, message in sorted(result.service_failures.items()):
        print(terminal_safe(f"  {service}: {message}"), file=out)


def _counted(n: int, one: str, many: str) -> str:
    """``1 row``, ``2 rows``: the CLI speaks English only, so its plurals are chosen here."""
    return f"{n:,} {one if n == 1 else many}"


def run_command(args: argparse.Namespace) -> int:
    """``pricelookup run``: look up, export, summarise; returns the exit code."""
    _check_args(args)
    settings = settings_from_args(args)
    output = Path(args.output)
    progress = CliProgress(quiet=args.quiet)
    cancel = CancelToken()
    with _endpoints(args) as (endpoints, keys):
        request = RunRequest(
            input_path=Path(args.input) if args.input else None, settings=settings, endpoints=endpoints,
            keys=keys, data_dir=Path(args.data_dir) if args.data_dir else None, resume=args.resume,
            new=getattr(args, "new", False), resend_uncertain=getattr(args, "resend_uncertain", False))
        if endpoints.sandbox and not args.quiet:
            print("Sandbox: simulated services and data, nothing is paid.", file=sys.stderr)
        validated = None
        if not settings.snipcart_input:
            validated = load_input(request)
            _print_validation(validated, quiet=args.quiet)
        try:
            with _ctrl_c_cancels(cancel):
                result = asyncio.run(run_lookup(request, progress=progress, cancel=cancel, validated=validated))
        except (ServiceError, RunCancelled) as exc:
            # stopped midway (key refused, a wait of hours, cancel): the journal keeps everything;
            # the rows answered so far are written, and the error says how to go on
            progress.close()
            export_stopped_run(exc, output, layout=args.layout, max_offer_columns=args.max_offers,
                               data_dir=request.data_dir)
            raise
        finally:
            progress.close()
    line = export_result(result, output, layout=args.layout, max_offer_columns=args.max_offers)
    if not args.quiet:
        print(line, file=sys.stderr)
    print_summary(result)
    return EXIT_FAILED_ROWS if RunSummary.of(result).failed else EXIT_OK


def _print_validation(validated: Any, *, quiet: bool) -> None:
    if quiet:
        return
    t = validated.table
    s = validated.summary()
    print(f"Read {t.path.name}, {t.sheet}: {_counted(s.rows, 'row', 'rows')}; codes in column {t.code_column!r} "
          f"({t.code_column_reason}): {s.valid:,} valid, {s.repaired:,} repaired, {s.invalid:,} invalid, "
          f"{s.empty:,} empty, {_counted(s.duplicates, 'duplicate', 'duplicates')}, {s.unique:,} unique.",
          file=sys.stderr)


def runs_command(args: argparse.Namespace) -> int:
    """``pricelookup runs``: the journal's runs, newest first."""
    data_dir = Path(args.data_dir) if args.data_dir else None
    runs = list_runs(data_dir)
    if not runs:
        print(f"No runs in the journal ({journal_path(data_dir)}).")
        return EXIT_OK
    print(f"{'run id':<23} {'started (local time)':<20} {'status':<10} {'codes':>8} {'credits':>8}  file")
    for r in runs:
        when = r.started_at.astimezone().strftime("%Y-%m-%d %H:%M:%S")
        file = r.input_path or ""
        if r.sandbox:
            file += " [sandbox]"
        codes = "" if r.codes is None else f"{r.codes:,}"
        print(f"{r.run_id:<23} {when:<20} {r.status:<10} {codes:>8} {r.credits_used:>8,}  {file}")
    return EXIT_OK

