"""Running a parsed ``pricelookup`` command: the subcommand asked for, its expected errors as one line
and an exit code, anything unexpected logged in full with a one-line pointer. No traceback reaches the
terminal."""

from __future__ import annotations

import argparse
import logging
import sys

from pricelookup import paths
from pricelookup.cli.exitcodes import EXIT_BAD_INPUT, EXIT_CANCELLED, EXIT_INTERNAL, EXIT_SERVICE
from pricelookup.cli.terminal import terminal_safe
from pricelookup.errors import (
    InputFileError,
    JournalError,
    KeyStoreError,
    PriceLookupError,
    RunCancelled,
    ServiceError,
    SettingsError,
)
from pricelookup.logsetup import configure_cli_logging
from pricelookup.redaction import RedactingFilter, redact_known_keys


def run_guarded(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Run the parsed command; returns its exit code (see :mod:`pricelookup.cli`)."""
    configure_cli_logging(verbose=args.verbose)
    try:
        return _dispatch(parser, args)
    except (SystemExit, KeyboardInterrupt):
        raise
    except BaseException as exc:  # the last guard: no traceback on the terminal, ever
        return _unexpected(exc)


def _unexpected(exc: BaseException) -> int:
    """Log ``exc`` in full to the log file and print one line that points to it."""
    where = "the log"
    try:
        path = paths.log_dir() / "pricelookup.log"
        path.parent.mkdir(parents=True, exist_ok=True)
        # a logger of its own that writes to the file only: the terminal gets the one line below
        crash = logging.getLogger("pricelookup.crash")
        crash.propagate = False
        handler = logging.FileHandler(path, encoding="utf-8")
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        handler.addFilter(RedactingFilter())
        crash.addHandler(handler)
        try:
            crash.error("unexpected error in `pricelookup %s`", " ".join(sys.argv[1:2]), exc_info=exc)
        finally:
            crash.removeHandler(handler)
            handler.close()
        where = str(path)
    except Exception:  # the log itself may be what is broken: the one line still goes out
        pass
    print(redact_known_keys(f"pricelookup: unexpected problem ({type(exc).__name__}); nothing already paid "
                            f"is lost (the journal keeps it). Details are in {where}; please report it."),
          file=sys.stderr)
    return EXIT_INTERNAL


def _dispatch(parser: argparse.ArgumentParser, args: argparse.Namespace) -> int:
    """Run the subcommand; expected errors become one line and an exit code."""
    try:
        if args.command == "validate":
            # lazy: only the subcommand asked for is loaded (polars, fastexcel, ~0.27 s to import)
            from pricelookup.cli.validate import validate_command

            return validate_command(args.input, sheet=args.sheet, column=args.column,
                                    cip7=args.cip7, as_json=args.json)
        if args.command == "run":
            # lazy: only the subcommand asked for is loaded (polars, httpx, openpyxl, sandbox, ~0.75 s to import)
            from pricelookup.cli.run import run_command

            return run_command(args)
        if args.command == "export":
            # lazy: only the subcommand asked for is loaded (polars, httpx, openpyxl, ~0.75 s to import)
            from pricelookup.cli.export import export_command

            return export_command(args)
        if args.command == "runs":
            # lazy: only the subcommand asked for is loaded (polars, httpx, openpyxl, sandbox, ~0.75 s to import)
            from pricelookup.cli.run import runs_command

            return runs_command(args)
        if args.command == "show":
            # lazy: only the subcommand asked for is loaded (polars, the journal, the engine's door, ~0.75 s)
            from pricelookup.cli.show import show_command

            return show_command(args)
        if args.command == "sandbox":
            # lazy: only the subcommand asked for is loaded (the sandbox server, ~0.09 s to import)
            from pricelookup.cli.sandbox import sandbox_command

            return sandbox_command(args)
        if args.command == "keys":
            # lazy: only the subcommand asked for is loaded (pricelookup.secrets, settings, ~15 ms to import)
            from pricelookup.cli.keys import keys_command

            return keys_command(args.action, args.service)
        if args.command == "gui":
            # lazy: only the subcommand asked for is loaded (PySide6, ~0.25 s to import)
            from pricelookup.gui.app import main as gui_main

            gui_argv = [a for a in (args.file,) if a] + (["--sandbox"] if args.sandbox else [])
            return gui_main(gui_argv)
    except KeyboardInterrupt:
        print("pricelookup: cancelled; run the same command with --resume to continue.", file=sys.stderr)
        return EXIT_CANCELLED
    except RunCancelled as exc:
        _say(exc)
        return EXIT_CANCELLED
    except KeyStoreError as exc:  # a missing or unreachable key is a key error, not bad input
        _say(exc)
        return EXIT_SERVICE
    except (InputFileError, SettingsError, JournalError) as exc:
        _say(exc)
        return EXIT_BAD_INPUT
    except ServiceError as exc:
        _say(exc)
        return EXIT_SERVICE
    except PriceLookupError as exc:
        _say(exc)
        return EXIT_BAD_INPUT
    parser.error(f"unknown command {args.command!r}")
    return EXIT_BAD_INPUT  # pragma: no cover - parser.error exits


def _say(exc: BaseException) -> None:
    """One line on stderr for an expected error, with every known key scrubbed out."""
    print(terminal_safe(redact_known_keys(f"pricelookup: {exc}")), file=sys.stderr)
