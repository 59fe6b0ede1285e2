"""Test-wide settings: headless Qt, and no test ever touches the user's real folders.

Every path the app derives from platformdirs (journal, logs, QSettings) is
pointed at a throw-away folder for the session, so a test run can neither read
nor damage an analyst's journal or settings.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

# pytest rewrites the asserts of every test module at import, in every worker: ~6 s of CPU per
# worker for this suite. It caches the result in __pycache__ unless bytecode writing is off
# (PYTHONDONTWRITEBYTECODE, set on some machines and CI images): on for the test session, so a
# second run, and every child interpreter, reads the compiled modules (git ignores them).
sys.dont_write_bytecode = False


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """``-n auto``: one worker per core, plus one for the moments tests wait on sandboxes and child
    processes. Since the suite stopped waiting on real time it is CPU-bound, and a fourth worker on
    2 cores only adds contention: 1,657 tests alternated on 2026-12-06 (a fresh clone, warm), 3 workers
    107 s and 106 s (~200 s of CPU), 4 workers 128 s and 126 s (~245 s of CPU)."""
    return (os.cpu_count() or 1) + 1

_SESSION_HOME = Path(tempfile.mkdtemp(prefix="pricelookup-tests-"))
for var, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config"),
                 ("XDG_CACHE_HOME", "cache"), ("XDG_STATE_HOME", "state")):
    os.environ[var] = str(_SESSION_HOME / sub)
os.environ["PRICELOOKUP_DATA_DIR"] = str(_SESSION_HOME / "journal")
# Keys must never come from the developer's environment during tests.
for var in ("PRICELOOKUP_PRICEAPI_TOKEN", "PRICELOOKUP_OFFICISCAN_KEY",
            "PRICELOOKUP_MONITORIZE_KEY", "PRICELOOKUP_SNIPCART_KEY"):
    os.environ.pop(var, None)


# --- logging as each test found it -------------------------------------------------------------------

#: loggers whose level tests and ``pricelookup -v`` turn up
_TUNED_LOGGERS = ("", "httpx", "httpcore", "pricelookup")


@pytest.fixture(autouse=True)
def _logging_as_it_was() -> Iterator[None]:
    """Each test leaves logging as it found it: the CLI's stderr handler goes (a ``main([...])`` under
    test points it at the test's captured stderr, closed afterwards) and the levels a test turned
    up come down. Left behind, the two made every later HTTP request of the worker log its
    httpcore traces into a closed stream, each failure with its stack: ~4,000 of them, ~7 s of CPU."""
    from pricelookup.logsetup import CLI_HANDLER

    levels = {name: logging.getLogger(name).level for name in _TUNED_LOGGERS}
    yield
    root = logging.getLogger()
    for handler in [h for h in root.handlers if h.get_name() == CLI_HANDLER]:
        root.removeHandler(handler)
        handler.close()
    for name, level in levels.items():
        logging.getLogger(name).setLevel(level)


# --- the sandbox's product universe, and time that tests can skip (see warpclock.py) -----------------


@pytest.fixture(scope="session")
def catalogue() -> Any:
    """The sandbox's fixed product universe (built once per test session)."""
    from pricelookup.sandbox.data import Catalogue

    return Catalogue.build()

@pytest.fixture(scope="module")
def warp() -> Any:
    """The module's :class:`~warpclock.WarpClock`: sandboxes run their jobs on it, and a run polls on
    it with ``tuning=warp.tuning()`` (``pricelookup run``: under ``cli_on_warp``)."""
    from warpclock import WarpClock

    return WarpClock()


@pytest.fixture
def cli_on_warp(monkeypatch: pytest.MonkeyPatch, warp: Any) -> Any:
    """``pricelookup run`` in this process polls on ``warp``, and its ``--sandbox`` runs its jobs on it.

    Both also allow OfficiScan 200 requests/s instead of 20 (its pace is not what these tests are
    about, and it is real time)."""
    from functools import partial

    import pricelookup.cli.run as command
    from warpclock import serve_sandbox

    @contextlib.contextmanager
    def embedded(config: Any, **_: Any) -> Iterator[Any]:
        sandbox = serve_sandbox(config.with_changes(officiscan_rate=200.0), clock=warp)
        try:
            yield sandbox
        finally:
            sandbox.stop()

    monkeypatch.setattr(command, "RunRequest", partial(command.RunRequest, tuning=warp.tuning(officiscan_rate=200.0)))
    monkeypatch.setattr(command, "running_sandbox", embedded)
    return warp
