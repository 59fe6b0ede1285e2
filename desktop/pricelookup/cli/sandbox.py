"""``pricelookup sandbox``: serve the four simulated services until Ctrl-C."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import signal
import sys

from pricelookup.cli.exitcodes import EXIT_BAD_INPUT, EXIT_OK
from pricelookup.sandbox.config import SandboxConfig, parse_day
from pricelookup.sandbox.httpserver import HttpServer
from pricelookup.sandbox.server import Sandbox


def config_from_args(args: argparse.Namespace) -> SandboxConfig:
    """The sandbox settings the command-line options ask for; ValueError (one line) for a bad one."""
    # parsed here rather than by argparse (type=): a bad date is one line and exit code 2, like a bad
    # setting, without the usage text; and the parser does not import the sandbox
    day = getattr(args, "day", None)
    return SandboxConfig(
        job_seconds=args.job_seconds,
        parallel_jobs=args.parallel_jobs,
        faults=args.faults,
        seed=args.seed,
        officiscan_rate=args.officiscan_rate,
        daily_quota=args.daily_quota,
        monitorize_method=args.monitorize_method,
        monitorize_trailing_slash=args.monitorize_trailing_slash,
        monitorize_history_fields=args.monitorize_history_fields,
        day=None if day is None else parse_day(day, "--day"),
    )


def banner(url: str, config: SandboxConfig | None = None) -> str:
    """What the command prints once it serves: the four base URLs, how Monitorize reads its doc
    when not the default, the sandbox's day when one is set, and how to stop."""
    cfg = config or SandboxConfig()
    readings = [words for on, words in (
        (cfg.monitorize_method != "any", f"{cfg.monitorize_method.upper()} only on its list and history reads"),
        (cfg.monitorize_trailing_slash != "optional",
         f"reads redirected to the spelling {'with' if cfg.monitorize_trailing_slash == 'add' else 'without'} "
         "a trailing slash"),
        (cfg.monitorize_history_fields != "history", "history fields named like the lists"),
    ) if on]
    return "\n".join([
        f"Price Lookup sandbox (simulated data) at {url}",
        f"  PriceAPI    {url}/priceapi",
        f"  OfficiScan  {url}/officiscan",
        f"  Monitorize  {url}/monitorize",
        f"  Snipcart    {url}/snipcart",
        f"  Stats       {url}/_sandbox/stats",
        # a line of its own: each base URL stays the last thing on its line, for whoever reads them
        *([f"Monitorize reads its doc one way: {'; '.join(readings)}."] if readings else []),
        *([f"Sandbox day {cfg.day.isoformat()}: its prices and dates are of that day."] if cfg.day is not None else []),
        'Any key works except "invalid". Use it with: pricelookup run INPUT -o OUT.xlsx '
        f"--sandbox-url {url}",
        "Press Ctrl-C to stop.",
    ])


async def _serve(config: SandboxConfig, port: int) -> None:
    sandbox = Sandbox(config)
    server = HttpServer(sandbox, "127.0.0.1", port, ticker=sandbox.tick)
    await server.start()
    print(banner(f"http://127.0.0.1:{server.port}", config), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # Windows: Ctrl-C raises instead
            loop.add_signal_handler(sig, stop.set)
    try:
        await stop.wait()
    finally:
        await server.stop()


def sandbox_command(args: argparse.Namespace) -> int:
    """Entry point of ``pricelookup sandbox``; returns the exit code."""
    try:
        config = config_from_args(args)
    except ValueError as exc:
        print(f"pricelookup sandbox: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    try:
        asyncio.run(_serve(config, args.port))
    except KeyboardInterrupt:
        pass
    except OSError as exc:
        print(f"pricelookup sandbox: cannot listen on 127.0.0.1:{args.port} ({exc.strerror or exc}); "
              "choose another --port or omit it for a free one.", file=sys.stderr)
        return EXIT_BAD_INPUT
    print("Sandbox stopped.", file=sys.stderr)
    return EXIT_OK
