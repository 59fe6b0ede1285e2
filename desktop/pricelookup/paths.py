"""Where the application keeps its journal and its logs.

The data dir holds the run journal (``journal.sqlite3``) and one folder per
run (``runs/<run_id>/``, the validated input table). Precedence, highest
first: an explicit ``--data-dir`` (or the GUI's setting), the
``PRICELOOKUP_DATA_DIR`` environment variable, the platform's user data dir
(``platformdirs``, app name ``pricelookup``).
"""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_NAME = "pricelookup"
DATA_DIR_ENV = "PRICELOOKUP_DATA_DIR"
JOURNAL_FILE = "journal.sqlite3"


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The data dir to use (not created): ``explicit`` > ``$PRICELOOKUP_DATA_DIR`` > user data dir."""
    if explicit:
        return Path(explicit).expanduser()
    env = os.environ.get(DATA_DIR_ENV)
    if env:
        return Path(env).expanduser()
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def journal_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """Path of the SQLite journal inside the data dir."""
    return data_dir(explicit) / JOURNAL_FILE


def run_dir(run_id: str, explicit: str | os.PathLike[str] | None = None) -> Path:
    """Folder of one run's stored files (validated input table)."""
    return data_dir(explicit) / "runs" / run_id


def log_dir() -> Path:
    """Where log files go (the GUI's crash log): the platform's user log dir."""
    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))
