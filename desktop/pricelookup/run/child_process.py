"""Engine work for the window in child processes: the look-up, and writing the workbook.

Why a process and not just a thread: the window's event loop and the engine
share one interpreter lock. The engine makes single C calls that keep the lock
for tens of milliseconds (``json.loads`` of a 2 MB PriceAPI download, building
a polars frame), and every Python slot of the window has to wait for them:
with the engine on a thread of the GUI process the window stalled for 126 ms at
the 99th percentile of a 100,000-code run (tests/benchmarks/bench_gui.py). In
its own process the engine has its own lock; the GUI process only receives
small messages.

What comes back of a run is a :class:`~pricelookup.outcome.RunOutcome`,
not the whole :class:`RunResult`: a million result objects would take seconds
to pickle and unpickle and would then weigh on the window's garbage collector.
The workbook is written by a child process too, from the journal (which holds
everything, as for ``pricelookup export --run ID``).

The conversation over one pipe, child to parent:

* ``("progress", Progress)`` whenever the engine reports (it throttles itself);
* ``("done", value)``, or ``("failed", exception)`` / ``("cancelled", message)``.

Cancelling sends a word down a second pipe, parent to child; the child turns
it into its own :class:`CancelToken`, so cancellation means exactly what it
means in-process (jobs already submitted stay in the journal). If the parent
disappears, that pipe reads end-of-file and the child cancels itself just the
same. (Not a ``multiprocessing.Event``: setting one blocks for ever if a
process died while waiting on it.) The journal is the child's: its run lock
marks the run as "going" for any other process, as with the CLI.

A program that starts these children from a script must guard its entry point
with ``if __name__ == "__main__":`` (the "spawn" start method imports the
parent's main module in the child); frozen programs call
``multiprocessing.freeze_support()`` first.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import multiprocessing
import pickle
import threading
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pricelookup.errors import PriceLookupError, RunCancelled
from pricelookup.logsetup import configure_file_logging
from pricelookup.outcome import RunOutcome, outcome_of
from pricelookup.priority import lower_priority
from pricelookup.redaction import tell_log_filters
from pricelookup.run.contracts import RunRequest
from pricelookup.run.engine import Engine
from pricelookup.run.progress import CancelToken, ProgressSink
from pricelookup.run.queries import load_run
from pricelookup.settings import SERVICES
from pricelookup.validation import ValidatedTable

if TYPE_CHECKING:
    from pricelookup.export.workbook import ExportReport

log = logging.getLogger(__name__)

#: the services whose keys the child's log must redact


class EngineProcessError(PriceLookupError):
    """The engine's child process ended without an answer (crashed, killed, or could not start)."""


# --- the parent side ---------------------------------------------------------------------------


async def run_in_child_process(request: RunRequest, *, progress: ProgressSink, cancel: CancelToken,
                               validated: ValidatedTable | None = None) -> RunOutcome:
    """The look-up (:class:`~pricelookup.run.engine.Engine`) in a child process; returns the run's :class:`RunOutcome`.

    Raises what ``run_lookup`` raises (``RunCancelled``, ``BudgetExceededError``,
    service errors...), plus :class:`EngineProcessError` if the child dies
    without answering. ``validated`` is the table the window shows; the
    outcome's rows are aligned with it (and ``outcome.validated`` is set only
    when the run read its own table). Waiting happens in worker threads, so
    the caller's event loop stays free.
    """
    return await _converse("pricelookup-run", _run_child, (request, validated), progress=progress, cancel=cancel,
                           keys=tuple(request.keys.get(s) for s in SERVICES))


async def export_in_child_process(run_id: str, data_dir: Path | None, path: Path, *, layout: str,
                                  max_offer_columns: int) -> ExportReport:
    """Write the workbook of journaled run ``run_id`` to ``path`` from a child process.

    The child rebuilds the run from the journal (no service is called) and
    writes it as ``pricelookup export --run`` does; raises ``ExportError`` etc.
    """
    return await _converse("pricelookup-export", _export_child,
                           (run_id, data_dir, Path(path), layout, max_offer_columns))


async def _converse(name: str, target: Callable[..., Any], args: tuple[Any, ...], *,
                    progress: ProgressSink | None = None, cancel: CancelToken | None = None,
                    keys: tuple[str | None, ...] = ()) -> Any:
    """Run ``target(*args, channel=..., cancel=...)`` in a spawned child (see :func:`_child_entry`);
    hand its progress to ``progress``, pass ``cancel`` on, and return its value or raise its error."""
    ctx = multiprocessing.get_context("spawn")  # fork would copy a Qt process's threads and locks
    receive, send = ctx.Pipe(duplex=False)
    stop_receive, stop_send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_child_entry, name=name,
                          args=(target, args, send, stop_receive, _log_file_of_this_process(), tuple(keys)))
    # start() pickles the arguments and execs a fresh interpreter: a moment, so off the loop
    await asyncio.to_thread(process.start)
    send.close()  # the child holds the only writing end: EOF here means it is gone
    stop_receive.close()
    stopped = False

    def stop() -> None:
        nonlocal stopped
        if not stopped:
            stopped = True
            with contextlib.suppress(OSError):  # the child may be gone already
                stop_send.send("stop")

    try:
        while True:
            if cancel is not None and cancel.cancelled:
                stop()
            if not await asyncio.to_thread(receive.poll, 0.2):
                if not process.is_alive() and not receive.poll():
                    raise EngineProcessError(_died_message(process))
                continue
            try:
                message = await asyncio.to_thread(receive.recv)
            except EOFError:
                await asyncio.to_thread(process.join, 5)
                raise EngineProcessError(_died_message(process)) from None
            kind = message[0]
            if kind == "progress":
                if progress is not None:
                    progress(message[1])
            elif kind == "done":
                return message[1]
            elif kind == "cancelled":
                raise RunCancelled(message[1])
            elif kind == "failed":
                raise message[1]
    except BaseException:
        stop()  # an abandoned wait (window closing, loop cancelled): the child stops too
        raise
    finally:
        receive.close()
        stop_send.close()
        await asyncio.to_thread(_reap, process)


def _reap(process: multiprocessing.process.BaseProcess) -> None:
    """Wait for the child to exit after its last word; kill it only if it hangs."""
    process.join(30)
    if process.is_alive():
        log.warning("the engine process did not exit; killing it")
        process.kill()
        process.join(5)


def _died_message(process: multiprocessing.process.BaseProcess) -> str:
    code = process.exitcode
    how = "did not start" if code is None else f"ended with exit code {code}"
    return (f"The engine process {how} before it finished. Jobs a look-up submitted are in the journal: "
            "start the run again and choose Resume, and nothing paid is paid again.")


def _log_file_of_this_process() -> str | None:
    """The file the root logger writes to (the GUI's log), for the child to append to."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler):
            return handler.baseFilename
    return None


# --- the child side -----------------------------------------------------------------------------


class _Channel:
    """The child's end of the conversation; thread-safe (progress may come from worker threads)."""

    def __init__(self, send: Connection, cancel: CancelToken) -> None:
        self._send = send
        self._cancel = cancel
        self._lock = threading.Lock()

    def say(self, *message: Any) -> None:
        with self._lock:
            try:
                self._send.send(message)
            except OSError:  # the parent is gone: nobody to work for
                self._cancel.cancel()


def _child_entry(target: Callable[..., Any], args: tuple[Any, ...], send: Connection, stop: Connection,
                 log_file: str | None, keys: tuple[str | None, ...]) -> None:
    """Entry point of every child: wire cancel and logging, run ``target``, say how it ended."""

    lower_priority()
    _configure_child_logging(log_file, keys)
    cancel = CancelToken()
    threading.Thread(target=_watch, args=(stop, cancel), name="pricelookup-cancel", daemon=True).start()
    channel = _Channel(send, cancel)
    try:
        value = target(*args, channel=channel, cancel=cancel)
    except RunCancelled as exc:
        channel.say("cancelled", str(exc))
    except BaseException as exc:
        if not isinstance(exc, PriceLookupError):
            log.error("%s failed", target.__name__.strip("_"), exc_info=exc)
        channel.say("failed", _picklable(exc))
    else:
        channel.say("done", value)
    finally:
        send.close()


def _run_child(request: RunRequest, validated: ValidatedTable | None, *, channel: _Channel,
               cancel: CancelToken) -> RunOutcome:
    engine = Engine(request, progress=lambda p: channel.say("progress", p), cancel=cancel)
    result = asyncio.run(engine.run(validated))
    return outcome_of(result, include_table=validated is None)


def _export_child(run_id: str, data_dir: Path | None, path: Path, layout: str, max_offer_columns: int, *,
                  channel: _Channel, cancel: CancelToken) -> ExportReport:
    # lazy: a look-up child never writes a workbook; the writer (openpyxl) is ~0.17 s of its start-up
    from pricelookup.export.workbook import export_workbook

    result = load_run(run_id, data_dir)
    return export_workbook(result, path, layout=layout, max_offer_columns=max_offer_columns)  # type: ignore[arg-type]


def _watch(stop: Connection, cancel: CancelToken) -> None:
    """Turn the parent's stop word, or the parent's death (end of file), into a cancel."""
    with contextlib.suppress(OSError):
        stop.poll(None)
    cancel.cancel()


def _picklable(exc: BaseException) -> BaseException:
    """``exc`` if it survives a pickle round trip, else an :class:`EngineProcessError` with its words."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return EngineProcessError(str(exc) or type(exc).__name__)
    return exc


def _configure_child_logging(log_file: str | None, keys: tuple[str | None, ...]) -> None:
    """Append to the parent's log file, with the keys in use redacted like everywhere else."""
    if log_file is None:
        return

    configure_file_logging(Path(log_file).parent)
    tell_log_filters(keys)
