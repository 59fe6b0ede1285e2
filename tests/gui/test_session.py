"""The window's document without Qt: every transition of :class:`Session`, and what it allows in each phase.

Plain pytest: no ``qtbot``, no QApplication. Tables, estimates and outcomes
are opaque to the session, so simple stand-ins do.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from pricelookup.gui.session import Phase, Session

FILE = Path("/data/products.xlsx")
OTHER = Path("/data/other.xlsx")


def table(name: str = "table") -> Any:
    """A stand-in for a ValidatedTable (the session only keeps and compares it)."""
    return SimpleNamespace(name=name)


def outcome(run_id: str = "run-1", validated: Any = None) -> Any:
    """A stand-in for a RunOutcome."""
    return SimpleNamespace(run_id=run_id, status="finished", validated=validated)


def opened(path: Path = FILE, shown: Any = None) -> Session:
    """A session with ``path`` loaded and its table shown."""
    session = Session()
    assert session.loaded(session.start_load(), path, shown if shown is not None else table())
    return session


# --- what each phase allows ----------------------------------------------------------------------------


def _in(state: str) -> Session:
    session = Session()
    if state == "empty":
        return session
    if state == "loading first file":
        session.start_load()
        return session
    session = opened()
    if state == "validated":
        return session
    if state == "reloading":
        session.start_load()
    elif state == "estimated":
        assert session.estimated(session.start_estimate(), "estimate")
    elif state == "running":
        session.run_started()
    elif state in ("finished", "exporting"):
        session.run_started()
        session.run_finished(outcome())
        if state == "exporting":
            session.export_started()
    elif state == "cancelled":
        session.run_started()
        session.run_cancelled()
    elif state == "failed":
        session.run_started()
        session.run_failed()
    elif state == "snipcart":
        assert session.imported(session.start_import(), table("catalogue"))
    return session


# state: (phase, can_run, can_cancel, can_export, can_open, can_estimate, pickers_locked)
EXPECTED = {
    "empty": (Phase.EMPTY, False, False, False, True, False, False),
    "loading first file": (Phase.LOADING, False, False, False, True, False, True),
    "validated": (Phase.VALIDATED, True, False, False, True, True, False),
    "reloading": (Phase.LOADING, False, False, False, True, True, True),
    "estimated": (Phase.ESTIMATED, True, False, False, True, True, False),
    "running": (Phase.RUNNING, False, True, False, False, False, True),
    "finished": (Phase.FINISHED, True, False, True, True, True, False),
    "exporting": (Phase.FINISHED, True, False, False, True, True, False),
    "cancelled": (Phase.CANCELLED, True, False, False, True, True, False),
    "failed": (Phase.FAILED, True, False, False, True, True, False),
    "snipcart": (Phase.VALIDATED, True, False, False, True, True, True),
}


@pytest.mark.parametrize("state", list(EXPECTED))
def test_what_each_phase_allows(state: str) -> None:
    s = _in(state)
    got = (s.phase, s.can_run, s.can_cancel, s.can_export, s.can_open, s.can_estimate, s.pickers_locked)
    assert got == EXPECTED[state]
    assert s.has_input == (s.validated is not None and not s.loading)


# --- loading ----------------------------------------------------------------------------------------------


def test_a_load_shows_its_table_and_path() -> None:
    session = Session()
    generation = session.start_load()
    assert (generation, session.load_generation, session.loading) == (1, 1, True)
    assert session.input_path is None  # known once the file is read
    shown = table()
    assert session.loaded(generation, FILE, shown)
    assert (session.validated, session.input_path, session.loading) == (shown, FILE, False)


def test_a_late_answer_of_an_earlier_load_is_ignored() -> None:
    session = Session()
    first = session.start_load()
    second = session.start_load()
    assert second == first + 1
    assert not session.loaded(first, OTHER, table("stale"))
    assert (session.validated, session.input_path, session.loading) == (None, None, True)
    newest = table("newest")
    assert session.loaded(second, FILE, newest)
    assert not session.load_failed(first)  # a late failure of the superseded load changes nothing
    assert (session.validated, session.input_path, session.phase) == (newest, FILE, Phase.VALIDATED)


def test_a_failed_load_keeps_the_table_shown_before() -> None:
    shown = table("shown")
    session = opened(FILE, shown)
    generation = session.start_load()
    assert session.phase is Phase.LOADING and not session.can_run
    assert session.load_failed(generation)
    assert (session.validated, session.input_path, session.loading) == (shown, FILE, False)
    assert session.phase is Phase.VALIDATED and session.can_run


def test_a_failed_first_load_goes_back_to_empty() -> None:
    session = Session()
    assert session.load_failed(session.start_load())
    assert session.phase is Phase.EMPTY and not session.loading


def test_resume_after_load_is_said_once_and_only_after_that_load() -> None:
    session = Session()
    generation = session.start_load(resume_after=True)
    assert session.loaded(generation, FILE, table())
    assert session.take_resume_after_load() is True
    assert session.take_resume_after_load() is False
    assert session.loaded(session.start_load(), FILE, table())  # a plain load asks for nothing
    assert session.take_resume_after_load() is False


def test_a_failed_load_drops_its_resume_request() -> None:
    session = Session()
    assert session.load_failed(session.start_load(resume_after=True))
    assert session.take_resume_after_load() is False


def test_a_new_load_replaces_a_pending_resume_request() -> None:
    session = Session()
    session.start_load(resume_after=True)
    assert session.loaded(session.start_load(), FILE, table())
    assert session.take_resume_after_load() is False


# --- the Snipcart catalogue ------------------------------------------------------------------------------


def test_importing_the_catalogue_makes_it_the_input() -> None:
    session = opened()
    generation = session.start_import()
    assert session.phase is Phase.LOADING and not session.snipcart_input  # still the file until it arrives
    catalogue = table("catalogue")
    assert session.imported(generation, catalogue)
    assert (session.snipcart_input, session.input_path, session.validated) == (True, None, catalogue)
    assert session.pickers_locked and session.can_run  # no sheet or column to pick; it can run


def test_an_import_supersedes_a_file_still_loading() -> None:
    session = Session()
    file_load = session.start_load(resume_after=True)
    import_ = session.start_import()
    assert not session.loaded(file_load, FILE, table("file"))
    assert session.take_resume_after_load() is False
    assert session.imported(import_, table("catalogue"))
    assert session.snipcart_input


def test_a_late_import_is_ignored_after_a_file_was_opened() -> None:
    session = Session()
    import_ = session.start_import()
    file_load = session.start_load()
    assert not session.imported(import_, table("catalogue"))
    assert not session.load_failed(import_)
    assert session.loading and not session.snipcart_input
    assert session.loaded(file_load, FILE, table("file"))
    assert not session.snipcart_input and session.input_path == FILE


def test_opening_a_file_ends_the_catalogue_input_at_once() -> None:
    session = Session()
    assert session.imported(session.start_import(), table("catalogue"))
    generation = session.start_load()
    assert not session.snipcart_input  # the run settings say "file" from the request on
    assert session.load_failed(generation)
    assert not session.snipcart_input and session.validated is not None


# --- estimate ------------------------------------------------------------------------------------------------


def test_an_estimate_arrives_and_is_shown() -> None:
    session = opened()
    generation = session.start_estimate()
    assert session.phase is Phase.VALIDATED and not session.estimate_shown
    assert session.estimated(generation, "42 credits")
    assert (session.phase, session.estimate, session.estimate_shown) == (Phase.ESTIMATED, "42 credits", True)


def test_a_late_estimate_of_earlier_settings_is_ignored() -> None:
    session = opened()
    first = session.start_estimate()
    second = session.start_estimate()
    assert not session.estimated(first, "old")
    assert not session.estimate_shown and session.estimate is None
    assert session.estimated(second, "new")
    assert not session.estimate_failed(first)  # a late failure of the old one does not hide the new one
    assert session.estimate == "new" and session.estimate_shown


def test_a_failed_estimate_hides_the_previous_one() -> None:
    session = opened()
    assert session.estimated(session.start_estimate(), "old")
    assert session.estimate_failed(session.start_estimate())
    assert (session.phase, session.estimate, session.estimate_shown) == (Phase.VALIDATED, None, False)


def test_a_new_table_drops_the_estimate_of_the_old_one() -> None:
    session = opened()
    assert session.estimated(session.start_estimate(), "estimate")
    assert session.loaded(session.start_load(), OTHER, table("other"))
    assert (session.phase, session.estimate, session.estimate_shown) == (Phase.VALIDATED, None, False)


def test_an_estimate_on_its_way_when_a_run_starts_is_ignored() -> None:
    session = opened()
    generation = session.start_estimate()
    session.run_started()
    assert session.estimate_generation == generation + 1
    assert not session.estimated(generation, "late")
    assert session.estimate is None and not session.estimate_shown


# --- the run ---------------------------------------------------------------------------------------------


def test_a_run_to_the_end() -> None:
    shown = table()
    session = opened(FILE, shown)
    session.run_started()
    assert session.phase is Phase.RUNNING and session.running and session.result is None
    done = outcome("run-7")
    assert session.run_finished(done) is None  # the run read the shown table: nothing new to show
    assert (session.phase, session.result, session.run_id, session.validated) == (Phase.FINISHED, done, "run-7", shown)
    assert not session.running and session.can_export and session.can_run


def test_an_outcome_that_brings_its_own_table_replaces_the_shown_one() -> None:
    session = opened(FILE, table("shown"))
    assert session.estimated(session.start_estimate(), "estimate")
    session.run_started()
    catalogue = table("imported by the run")
    done = outcome(validated=catalogue)
    assert session.run_finished(done) is catalogue
    assert (session.validated, session.result, session.phase) == (catalogue, done, Phase.FINISHED)
    assert not session.estimate_shown  # the estimate was of the old table


def test_an_outcome_carrying_the_shown_table_replaces_nothing() -> None:
    shown = table()
    session = opened(FILE, shown)
    session.run_started()
    assert session.run_finished(outcome(validated=shown)) is None
    assert session.validated is shown


def test_run_again_after_a_finished_run() -> None:
    session = opened()
    session.run_started()
    session.run_finished(outcome("first"))
    session.run_started()
    assert session.result is None and not session.can_export  # the old outcome goes with the new run
    assert session.phase is Phase.RUNNING
    second = outcome("second")
    session.run_finished(second)
    assert session.result is second and session.run_id == "second"


def test_cancel_during_a_run() -> None:
    session = opened()
    session.run_started()
    session.run_finished(outcome("first"))
    session.run_started()
    assert session.can_cancel and not session.can_open
    session.run_cancelled()
    assert session.phase is Phase.CANCELLED
    assert not session.can_cancel and session.can_run and session.can_open
    assert session.result is None and not session.can_export  # cancelled before an outcome: nothing to export


def test_a_failed_run() -> None:
    session = opened()
    session.run_started()
    session.run_failed()
    assert session.phase is Phase.FAILED and not session.running
    assert session.result is None and session.can_run and not session.can_export


def test_after_a_run_a_reload_that_fails_goes_back_to_how_the_run_ended() -> None:
    session = opened()
    session.run_started()
    done = outcome()
    session.run_finished(done)
    generation = session.start_load()
    assert session.phase is Phase.LOADING and not session.can_run
    assert session.load_failed(generation)
    assert session.phase is Phase.FINISHED and session.result is done and session.can_export


def test_a_new_table_after_a_run_starts_the_document_afresh() -> None:
    session = opened()
    session.run_started()
    session.run_cancelled()
    assert session.loaded(session.start_load(), OTHER, table("other"))
    assert session.phase is Phase.VALIDATED and session.result is None


def test_a_table_arriving_during_a_run_does_not_end_the_run() -> None:
    session = opened()
    generation = session.start_load()
    session.run_started()
    assert session.loaded(generation, OTHER, table("other"))
    assert session.running and session.phase is Phase.RUNNING and session.can_cancel


def test_stop_and_close_is_remembered_until_the_window_closes() -> None:
    session = opened()
    session.run_started()
    assert not session.closing_after_run
    session.close_when_run_ends()
    session.run_cancelled()
    assert session.closing_after_run


# --- export ------------------------------------------------------------------------------------------------


def test_one_export_at_a_time() -> None:
    session = opened()
    session.run_started()
    session.run_finished(outcome())
    session.export_started()
    assert session.exporting and not session.can_export
    session.export_ended()
    assert not session.exporting and session.can_export


def test_no_export_while_a_run_goes_on() -> None:
    session = opened()
    session.run_started()
    session.run_finished(outcome())
    session.run_started()
    assert not session.can_export


def test_opening_a_previous_run_shows_its_table_and_outcome() -> None:
    session = opened()
    late = session.start_load()  # a file still loading when the run is opened
    run_table, run = table("run's"), outcome("run-0")
    session.run_opened(run, run_table, input_path=OTHER, snipcart_input=False)
    assert session.validated is run_table and session.result is run and session.run_id == "run-0"
    assert session.input_path == OTHER and session.phase is Phase.FINISHED
    assert session.can_export and session.can_run and not session.loading
    assert not session.loaded(late, FILE, table())  # the load it superseded is ignored
    session.run_opened(run, run_table, input_path=None, snipcart_input=True)
    assert session.snipcart_input and session.input_path is None


# --- no Qt ------------------------------------------------------------------------------------------------------


def test_the_session_imports_no_qt() -> None:
    code = ("import sys, pricelookup.gui.session; "
            "print(sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))))")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert proc.stdout.strip() == "[]"
