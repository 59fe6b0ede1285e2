"""The main window's document, without Qt: its state, its transitions, what it allows.

One input (a spreadsheet, or the shop's Snipcart catalogue) goes
:attr:`Phase.EMPTY` → :attr:`Phase.LOADING` → :attr:`Phase.VALIDATED` →
:attr:`Phase.ESTIMATED` → :attr:`Phase.RUNNING` → :attr:`Phase.FINISHED` /
:attr:`Phase.CANCELLED` / :attr:`Phase.FAILED`, and may be run again or
replaced by another input from any phase but a run.

Loads and estimates answer late, from the engine thread: each one gets a
*generation* when it starts, and an answer whose generation is no longer the
newest is ignored (a file opened after another, an estimate asked again after
the settings changed, a run started while an estimate was on its way).

:class:`Session` only records and answers; the window
(:mod:`pricelookup.gui.main_window`) asks the engine, calls a transition when
the answer comes, and turns the queries (``can_run``, ``can_export``...) into
enabled buttons. This module imports no Qt, so it is tested without a
``QApplication`` (tests/gui/test_session.py).
"""

from __future__ import annotations

import enum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pricelookup.outcome import RunOutcome
    from pricelookup.run.contracts import CostEstimate
    from pricelookup.validation import ValidatedTable


class Phase(enum.Enum):
    """Where the document is; :attr:`Session.phase` derives it from the session's state."""

    #: nothing opened yet
    EMPTY = "empty"
    #: a file is being read or the Snipcart catalogue imported (an earlier table may still be shown)
    LOADING = "loading"
    #: a checked table is shown; its cost estimate has not arrived (or could not be made)
    VALIDATED = "validated"
    #: a checked table and its cost estimate are shown
    ESTIMATED = "estimated"
    #: the look-up of the shown table runs
    RUNNING = "running"
    #: the last run on the shown table came back with an outcome (its ``status`` says how complete)
    FINISHED = "finished"
    #: the last run on the shown table was cancelled before it produced an outcome
    CANCELLED = "cancelled"
    #: the last run on the shown table stopped on an error
    FAILED = "failed"


class Session:
    """The state of the window's document and its transitions (plain Python, no Qt).

    Transitions that answer a load or an estimate take the generation their
    ``start_*`` call returned and return False (changing nothing) when a newer
    load or estimate superseded it.
    """

    def __init__(self) -> None:
        self._input_path: Path | None = None
        self._snipcart_input = False
        self._validated: ValidatedTable | None = None
        self._estimate: CostEstimate | None = None
        self._estimate_shown = False
        self._result: RunOutcome | None = None
        #: RUNNING, or how the last run on the shown table ended; None when no run touched it
        self._run_phase: Phase | None = None
        self._load_generation = 0
        self._loading = False
        self._resume_after_load = False
        self._estimate_generation = 0
        self._exporting = False
        self._close_after_run = False

    # --- state ------------------------------------------------------------------------------

    @property
    def phase(self) -> Phase:
        """Where the document is (a run outranks a load, a load outranks how the last run ended)."""
        if self._run_phase is Phase.RUNNING:
            return Phase.RUNNING
        if self._loading:
            return Phase.LOADING
        if self._run_phase is not None:
            return self._run_phase
        if self._validated is None:
            return Phase.EMPTY
        return Phase.ESTIMATED if self._estimate_shown else Phase.VALIDATED

    @property
    def input_path(self) -> Path | None:
        """The file whose table is shown (None before the first load and for the Snipcart catalogue)."""
        return self._input_path

    @property
    def snipcart_input(self) -> bool:
        """True when the input is the shop's Snipcart catalogue rather than a file."""
        return self._snipcart_input

    @property
    def validated(self) -> ValidatedTable | None:
        """The checked table shown, or None."""
        return self._validated

    @property
    def estimate(self) -> CostEstimate | None:
        """The cost estimate of the shown table, or None while there is none."""
        return self._estimate

    @property
    def estimate_shown(self) -> bool:
        """True when an estimate of the shown table arrived (and no table or failure replaced it since)."""
        return self._estimate_shown

    @property
    def result(self) -> RunOutcome | None:
        """The outcome of the last run on the shown table (None while running, after a failure or a cancel)."""
        return self._result

    @property
    def run_id(self) -> str | None:
        """The journal's id of :attr:`result`'s run, or None."""
        return None if self._result is None else self._result.run_id

    @property
    def load_generation(self) -> int:
        """The generation of the newest load; answers of older ones are ignored."""
        return self._load_generation

    @property
    def estimate_generation(self) -> int:
        """The generation of the newest estimate; answers of older ones are ignored."""
        return self._estimate_generation

    @property
    def loading(self) -> bool:
        """True while a file is read or the Snipcart catalogue imported."""
        return self._loading

    @property
    def running(self) -> bool:
        """True from :meth:`run_started` until the run's end is reported."""
        return self._run_phase is Phase.RUNNING

    @property
    def exporting(self) -> bool:
        """True while a workbook is written."""
        return self._exporting

    @property
    def closing_after_run(self) -> bool:
        """True once the analyst chose to stop the run and close the window."""
        return self._close_after_run

    # --- queries the window turns into enabled widgets ---------------------------------------------

    @property
    def has_input(self) -> bool:
        """A checked table is shown and no load is replacing it."""
        return self._validated is not None and not self._loading

    @property
    def can_run(self) -> bool:
        """Run is possible: a checked table, no load, no run."""
        return self.has_input and not self.running

    @property
    def can_cancel(self) -> bool:
        """Cancel is possible: a run goes on."""
        return self.running

    @property
    def can_export(self) -> bool:
        """Export is possible: a run outcome is shown, no run goes on, no workbook is being written."""
        return self._result is not None and not self.running and not self._exporting

    @property
    def can_open(self) -> bool:
        """Another input (open, drop, import), sandbox mode and the service panels may change: no run."""
        return not self.running

    @property
    def can_estimate(self) -> bool:
        """An estimate makes sense: a checked table is shown and no run goes on."""
        return self._validated is not None and not self.running

    @property
    def pickers_locked(self) -> bool:
        """The sheet, column and CIP7 pickers stay still: a run, a load, or the Snipcart catalogue."""
        return self.running or self._loading or self._snipcart_input

    # --- loading ---------------------------------------------------------------------------------

    def start_load(self, *, resume_after: bool = False) -> int:
        """A file is being read: the input is a file from now on. Returns this load's generation.

        ``resume_after``: once it is shown, the interrupted run of it should go on
        (:meth:`take_resume_after_load` says so once).
        """
        self._snipcart_input = False
        return self._start(resume_after=resume_after)

    def start_import(self) -> int:
        """The Snipcart catalogue is being imported; any file still loading is no longer wanted."""
        return self._start(resume_after=False)

    def loaded(self, generation: int, path: Path, table: ValidatedTable) -> bool:
        """The file ``path`` was read and checked: show ``table``. False (nothing changes) if superseded."""
        if generation != self._load_generation:
            return False
        self._loading = False
        self._input_path = path
        self._show(table)
        return True

    def imported(self, generation: int, table: ValidatedTable) -> bool:
        """The Snipcart catalogue was imported as ``table``: it is the input now. False if superseded."""
        if generation != self._load_generation:
            return False
        self._snipcart_input = True
        self._loading = False
        self._input_path = None
        self._show(table)
        return True

    def load_failed(self, generation: int) -> bool:
        """The load (or import) failed: the earlier table, if any, stays. False if superseded."""
        if generation != self._load_generation:
            return False
        self._loading = False
        self._resume_after_load = False
        return True

    def take_resume_after_load(self) -> bool:
        """True once after the load started with ``resume_after=True`` was shown."""
        resume, self._resume_after_load = self._resume_after_load, False
        return resume

    # --- estimate ------------------------------------------------------------------------------

    def start_estimate(self) -> int:
        """An estimate of the shown table is asked for; returns its generation (earlier ones are void)."""
        self._estimate_generation += 1
        return self._estimate_generation

    def estimated(self, generation: int, estimate: CostEstimate) -> bool:
        """The estimate arrived: it is shown. False (ignored) if a newer estimate or a run superseded it."""
        if generation != self._estimate_generation:
            return False
        self._estimate = estimate
        self._estimate_shown = True
        return True

    def estimate_failed(self, generation: int) -> bool:
        """No estimate could be made: none is shown. False (ignored) if superseded."""
        if generation != self._estimate_generation:
            return False
        self._estimate = None
        self._estimate_shown = False
        return True

    # --- the run ---------------------------------------------------------------------------------

    def run_started(self) -> None:
        """The look-up started: the previous outcome goes, an estimate still on its way is void."""
        self._result = None
        self._estimate_generation += 1
        self._run_phase = Phase.RUNNING

    def run_finished(self, outcome: RunOutcome) -> ValidatedTable | None:
        """The run came back with ``outcome``.

        Returns the outcome's own table when it brought one that is not the shown
        table (the run imported the Snipcart catalogue itself): it replaced the
        shown one, and the window must now show it. None otherwise.
        """
        own_table = outcome.validated
        if own_table is not None and own_table is not self._validated:
            self._show(own_table)
        else:
            own_table = None
        self._result = outcome
        self._run_phase = Phase.FINISHED
        return own_table

    def run_opened(self, outcome: RunOutcome, table: ValidatedTable, *, input_path: Path | None,
                   snipcart_input: bool) -> None:
        """A previous run was opened from the journal: its table (``outcome.validated``) and its
        outcome are shown as if it had just finished; a load still on its way is void."""
        self._load_generation += 1
        self._loading = False
        self._resume_after_load = False
        self._snipcart_input = snipcart_input
        self._input_path = None if snipcart_input else input_path
        self._show(table)
        self._result = outcome
        self._run_phase = Phase.FINISHED

    def run_cancelled(self) -> None:
        """The run was cancelled before it produced an outcome (Run continues it)."""
        self._run_phase = Phase.CANCELLED

    def run_failed(self) -> None:
        """The run stopped on an error."""
        self._run_phase = Phase.FAILED

    def close_when_run_ends(self) -> None:
        """The analyst chose "Stop and close": the window closes once the run has stopped."""
        self._close_after_run = True

    # --- export ------------------------------------------------------------------------------------

    def export_started(self) -> None:
        """A workbook is being written."""
        self._exporting = True

    def export_ended(self) -> None:
        """The workbook was written, or could not be."""
        self._exporting = False

    # --- helpers -------------------------------------------------------------------------------------

    def _start(self, *, resume_after: bool) -> int:
        self._load_generation += 1
        self._loading = True
        self._resume_after_load = resume_after
        return self._load_generation

    def _show(self, table: ValidatedTable) -> None:
        """A new table is shown: its estimate and the last run's outcome belong to the old one."""
        self._validated = table
        self._result = None
        self._estimate = None
        self._estimate_shown = False
        if self._run_phase is not Phase.RUNNING:
            self._run_phase = None
