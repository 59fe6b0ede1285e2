"""Logging set-up shared by the CLI and the GUI.

Every handler gets the key-redacting filter from :mod:`pricelookup.secrets`
(httpx logs full URLs at INFO, and PriceAPI's token travels in the query).
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path


def _redacting_filter() -> logging.Filter:
    from pricelookup.secrets import RedactingFilter

    return RedactingFilter()


def configure_cli_logging(*, verbose: bool) -> None:
    """Warnings (or everything with ``verbose``) to stderr, keys redacted."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_redacting_filter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)
    # httpx logs every request at INFO; keep it out of normal output
    logging.getLogger("httpx").setLevel(logging.DEBUG if verbose else logging.WARNING)


def configure_file_logging(log_dir: Path) -> Path:
    """Also log INFO and up to ``log_dir/pricelookup.log`` (the GUI's crash log)."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / "pricelookup.log"
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(_redacting_filter())
    root = logging.getLogger()
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    return path
