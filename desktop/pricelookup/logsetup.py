"""Logging set-up shared by the CLI and the GUI.

Every handler gets the key-redacting filter from :mod:`pricelookup.redaction`
(httpx logs full URLs at INFO, and PriceAPI's token travels in the query).
The HTTP libraries' own loggers get it too (:func:`redact_library_loggers`),
so their records are already clean when they reach *any* handler, including
one this module did not install.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path

from pricelookup.redaction import RedactingFilter

#: loggers of the HTTP stack that write URLs (httpx: every request at INFO, query string
#: included) or raw response headers (httpcore's DEBUG traces), which a server may fill with
#: an echo of the key. httpcore logs on these child loggers, never on "httpcore" itself.
LIBRARY_LOGGERS = ("httpx", "httpcore.connection", "httpcore.http11", "httpcore.http2", "httpcore.proxy",
                   "httpcore.socks")


def redact_library_loggers() -> None:
    """Put the redacting filter on the HTTP libraries' loggers themselves (idempotent).

    A filter on a logger sees every record made on that logger before any handler
    does, so a handler added by someone else (a test's log capture, an embedding
    application) never receives a URL with the token in it. A logger's filter does
    not see its children's records, hence the list of the exact loggers.
    """
    for name in LIBRARY_LOGGERS:
        logger = logging.getLogger(name)
        if not any(isinstance(f, RedactingFilter) for f in logger.filters):
            logger.addFilter(RedactingFilter())


#: the name of the stderr handler :func:`configure_cli_logging` installs (a program that runs the
#: CLI in its own process, the tests for one, finds it by this name to take it away again)
CLI_HANDLER = "pricelookup-cli"


def configure_cli_logging(*, verbose: bool) -> None:
    """Warnings (or everything with ``verbose``) to stderr, keys redacted."""
    handler = logging.StreamHandler(sys.stderr)
    handler.set_name(CLI_HANDLER)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    redact_library_loggers()
    # httpx logs every request at INFO; keep it out of normal output
    logging.getLogger("httpx").setLevel(logging.DEBUG if verbose else logging.WARNING)
    # httpcore's DEBUG traces (every socket step, raw response headers) are noise even with -v:
    # the policy's own lines say what each request did
    logging.getLogger("httpcore").setLevel(logging.WARNING)


def configure_file_logging(log_dir: Path) -> Path:
    """Also log INFO and up to ``log_dir/pricelookup.log`` (the GUI's crash log)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "pricelookup.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactingFilter())
    root = logging.getLogger()
    root.addHandler(handler)
    redact_library_loggers()
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return path
