"""The ``pricelookup`` command: the terminal face over the engine.

This package is the only code that prints to a terminal: the parser and the
exit codes here, one module per subcommand (``run`` for run/runs, ``export``,
``sandbox``, ``keys``, ``validate``, ``show``), each reaching the engine through
:mod:`pricelookup.run.api`. The subcommand modules are imported when their
subcommand runs so that ``pricelookup --version`` stays instant.

Exit codes:
  0  done
  1  done, but some rows failed to look up (see the Errors sheet)
  2  bad input: unreadable file, unknown sheet/column, bad option
  3  service or key error: key refused, quota/budget exceeded, service down
  4  unexpected internal error: one line on stderr, the details in the log file
  130 cancelled (Ctrl-C); submitted jobs stay in the journal for --resume

No traceback reaches the terminal: expected failures are one-line messages, and
anything unexpected is logged in full to the log file with a one-line pointer.
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence

from pricelookup import __version__
from pricelookup.cli.exitcodes import (
    EXIT_BAD_INPUT,
    EXIT_CANCELLED,
    EXIT_FAILED_ROWS,
    EXIT_INTERNAL,
    EXIT_OK,
    EXIT_SERVICE,
)

__all__ = ["EXIT_BAD_INPUT", "EXIT_CANCELLED", "EXIT_FAILED_ROWS", "EXIT_INTERNAL", "EXIT_OK", "EXIT_SERVICE",
           "build_parser", "main"]


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--sheet", help="worksheet name (default: first visible sheet with data)")
    p.add_argument("--column", help="code column: header name or column letter (default: detected)")
    p.add_argument("--cip7", action="store_true", help="treat 7-digit codes as French CIP7 and convert them to CIP13")


def _add_data_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument("--data-dir", help="journal folder (default: $PRICELOOKUP_DATA_DIR or the user data dir)")


def build_parser() -> argparse.ArgumentParser:
    """The full argument parser (also used to document the CLI in tests)."""
    parser = argparse.ArgumentParser(
        prog="pricelookup",
        description="Check product codes in a spreadsheet, look them up in PriceAPI, "
        "enrich with OfficiScan and Monitorize, and export an XLSX.",
    )
    parser.add_argument("--version", action="version", version=f"pricelookup {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    p = sub.add_parser("validate", help="check every code of a spreadsheet; nothing is looked up")
    p.add_argument("input", metavar="INPUT", help="xlsx, xlsm, xls, xlsb, ods, csv, tsv or txt file")
    _add_input_options(p)
    p.add_argument("--json", action="store_true", help="print one JSON object (stable contract)")

    p = sub.add_parser("run", help="look up every valid code and write an XLSX")
    p.add_argument("input", metavar="INPUT", nargs="?", help="spreadsheet of codes (omit with --snipcart)")
    p.add_argument("-o", "--output", required=True, help="the XLSX to write")
    p.add_argument("--layout", choices=("row", "column"), default="row",
                   help="row: one row per offer (pivot tables); column: one row per code")
    _add_input_options(p)
    p.add_argument("--source", default="google-shopping", help="PriceAPI source (default google-shopping)")
    p.add_argument("--country", default="fr", help="PriceAPI country, ISO alpha-2 lower case (default fr)")
    # only gtin: the run is keyed by GTIN-14 from the input to the workbook; PriceAPI's keyword and
    # source_id keys are not offered until the engine supports them end to end
    p.add_argument("--key", default="gtin", choices=("gtin",),
                   help="PriceAPI key: gtin (GTIN, EAN or UPC), the only one supported")
    p.add_argument("--completeness", default="one_page", choices=("one_page", "all_pages", "at_least_two_shops"))
    p.add_argument("--currentness", default="daily_updated", choices=("daily_updated", "realtime"))
    p.add_argument("--include-restricted", action="store_true",
                   help="also look up restricted-circulation and coupon codes (paid)")
    p.add_argument("--no-officiscan", action="store_true", help="skip OfficiScan enrichment")
    p.add_argument("--officiscan-days", type=int, default=30, help="OfficiScan history in days, max 90 (default 30)")
    p.add_argument("--officiscan-network", help="only this OfficiScan network")
    p.add_argument("--officiscan-variants", action="store_true", help="also fetch OfficiScan variants")
    p.add_argument("--no-monitorize", action="store_true", help="skip Monitorize enrichment")
    p.add_argument("--monitorize-column", help="input column matched against Monitorize refs (default: the code)")
    p.add_argument("--monitorize-history", action="store_true", help="also fetch Monitorize price history")
    p.add_argument("--snipcart", action="store_true", help="start from the shop's Snipcart catalogue instead of a file")
    p.add_argument("--own-price-column", help="input column holding your own price (gap and rank columns)")
    p.add_argument("--max-offers", type=int, default=20, help="column layout: offers side by side at most (default 20)")
    p.add_argument("--budget", type=int, help="stop before paying if the estimate is above this many credits")
    again = p.add_mutually_exclusive_group()
    again.add_argument("--resume", action="store_true",
                       help="continue an interrupted run of the same file and settings")
    again.add_argument("--new", action="store_true",
                       help="start a new run even though an interrupted one exists (its answers and "
                            "submitted jobs are reused where the settings match)")
    p.add_argument("--resend-uncertain", action="store_true",
                   help="also send again codes whose earlier submission is uncertain "
                        "(that job may exist and be charged: this can pay twice)")
    _add_data_dir(p)
    where = p.add_mutually_exclusive_group()
    where.add_argument("--sandbox", action="store_true", help="run against the embedded sandbox (simulated data, no keys)")
    where.add_argument("--sandbox-url", metavar="URL", help="use a running `pricelookup sandbox` at URL")
    p.add_argument("--quiet", action="store_true", help="no progress bar")

    p = sub.add_parser("export", help="write the XLSX of a journaled run again, without calling any service")
    p.add_argument("--run", required=True, metavar="ID", help="run id (see `pricelookup runs`)")
    p.add_argument("-o", "--output", required=True)
    p.add_argument("--layout", choices=("row", "column"), default="row")
    p.add_argument("--max-offers", type=int, default=20)
    _add_data_dir(p)

    p = sub.add_parser("runs", help="list the runs in the journal")
    _add_data_dir(p)

    p = sub.add_parser("show", help="one product of a journaled run: every offer and its price history "
                                    "(no service is called)")
    p.add_argument("--run", required=True, metavar="ID", help="run id (see `pricelookup runs`)")
    p.add_argument("gtin", metavar="GTIN", help="the product's code: EAN-13, UPC-A or GTIN-14")
    p.add_argument("--json", action="store_true", help="print one JSON object (stable contract, see the README)")
    _add_data_dir(p)

    p = sub.add_parser("sandbox", help="serve the four simulated services on 127.0.0.1 until Ctrl-C")
    p.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    p.add_argument("--job-seconds", type=float, default=20.0, help="how long a 1000-value PriceAPI job works")
    p.add_argument("--parallel-jobs", type=int, default=4, help="PriceAPI jobs working at once per account")
    p.add_argument("--faults", type=float, default=0.0, help="share of requests that get an injected fault (0..1)")
    p.add_argument("--seed", type=int, default=0, help="data seed: same seed, same products and prices")
    p.add_argument("--day", metavar="YYYY-MM-DD",
                   help="the sandbox's today: prices move with the days; same seed and day, same prices "
                        "(default: the real date, UTC)")
    p.add_argument("--officiscan-rate", type=float, default=20.0, help="OfficiScan requests per second per key")
    p.add_argument("--daily-quota", type=int, default=1_000_000, help="PriceAPI daily credit quota")
    p.add_argument("--monitorize-method", choices=("any", "get", "post"), default="any",
                   help="the method Monitorize's list and history reads accept (its doc says GET on the endpoint "
                        "lines, POST in the samples); the other one gets 405")
    p.add_argument("--monitorize-trailing-slash", choices=("optional", "add", "strip"), default="optional",
                   help="redirect (301) Monitorize reads to the spelling with (add) or without (strip) a trailing slash")
    p.add_argument("--monitorize-history-fields", choices=("history", "list"), default="history",
                   help="name Monitorize's history fields as today (history) or as the doc announces (list)")

    p = sub.add_parser("keys", help="store or remove API keys in the OS keyring")
    p.add_argument("action", choices=("set", "delete", "status"))
    p.add_argument("service", nargs="?", choices=("priceapi", "officiscan", "monitorize", "snipcart"))

    p = sub.add_parser("gui", help="open the desktop window")
    p.add_argument("file", nargs="?", help="spreadsheet to open at once")
    p.add_argument("--sandbox", action="store_true", help="use the embedded sandbox (simulated data)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``pricelookup`` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    # lazy: logging, the error words and the subcommands stay off the `--version` path
    from pricelookup.cli.dispatch import run_guarded

    return run_guarded(parser, args)


if __name__ == "__main__":
    raise SystemExit(main())
