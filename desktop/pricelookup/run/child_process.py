"""Run the look-up in a child process, behind the same call as :func:`pricelookup.run.api.run_lookup`.

Why a process and not just a thread: the window's event loop and the engine
share one interpreter lock. The engine makes single C calls that keep the lock
for tens of milliseconds (``json.loads`` of a 2 MB PriceAPI download, building
a polars frame), and every Python slot of the window has to wait for them:
with the engine on a thread of the GUI process the window stalled for 78 ms at
the 99th percentile of a 100,000-code run (tests/benchmarks/bench_gui.py). In
its own process the engine has its own lock; the GUI process only receives
small messages.

The conversation over one pipe, child to parent:

* ``("progress", Progress)`` whenever the engine reports (it throttles itself);
* ``("part", path, items)`` the answers of the result, a few thousand at a time,
  so that the parent never unpickles a million records in one go (that single
  C call would freeze the window for as long as it takes);
* ``("done", skeleton)`` the result with those dicts left empty, or
  ``("failed", exception)`` / ``("cancelled", message)``.

Cancelling sends a word down a second pipe, parent to child; the child turns
it into its own :class:`CancelToken`, so cancellation means exactly what it
means in-process (jobs already submitted stay in the journal). If the parent
disappears, that pipe reads end-of-file and the child cancels itself just the
same. (Not a ``multiprocessing.Event``: setting one blocks for ever if a
process died while waiting on it.) The journal is the child's: its run lock marks the run
as "going" for any other process, as with the CLI.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import logging
import multiprocessing
import pickle
import threading
from collections.abc import Iterator
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pricelookup.errors import PriceLookupError, RunCancelled

if TYPE_CHECKING:
    from pricelookup.run.api import RunRequest
    from pricelookup.run.progress import CancelToken, ProgressSink
    from pricelookup.run.result import RunResult
    from pricelookup.validation import ValidatedTable

log = logging.getLogger(__name__)

#: answers per "part" message: unpickling one part keeps the parent's lock for a few milliseconds
PART_SIZE = 2_000

#: the result's fields (and those of ``previous``) sent in parts; the others travel in the skeleton
_PARTED_FIELDS = ("priceapi", "officiscan", "officiscan_variants", "monitorize", "monitorize_lowest",
                  "monitorize_history")
_PREVIOUS_FIELDS = ("priceapi", "monitorize")


class EngineProcessError(PriceLookupError):
    """The engine's child process ended without an answer (crashed, killed, or could not start)."""


# --- the result in parts ------------------------------------------------------------------------


def split_result(result: RunResult, *, part_size: int = PART_SIZE,
                 keep_validated: bool = True) -> tuple[RunResult, list[tuple[str, list[tuple[Any, Any]]]]]:
    """``result`` as a skeleton (big dicts emptied) plus the dicts' items in parts of ``part_size``.

    With ``keep_validated=False`` the skeleton's ``validated`` is None: the
    parent already holds that table and puts it back (it is the table the
    window shows).
    """
    parts: list[tuple[str, list[tuple[Any, Any]]]] = []

    def chunks(path: str, mapping: dict[Any, Any]) -> None:
        items = list(mapping.items())
        for start in range(0, len(items), part_size):
            parts.append((path, items[start:start + part_size]))

    emptied: dict[str, Any] = {}
    for name in _PARTED_FIELDS:
        chunks(name, getattr(result, name))
        emptied[name] = {}
    if result.previous is not None:
        for name in _PREVIOUS_FIELDS:
            chunks(f"previous.{name}", getattr(result.previous, name))
        emptied["previous"] = dataclasses.replace(result.previous, **{n: {} for n in _PREVIOUS_FIELDS})
    if not keep_validated:
        emptied["validated"] = None
    return dataclasses.replace(result, **emptied), parts


class ResultAssembler:
    """Collects ``part`` messages and rebuilds the :class:`RunResult` from the skeleton."""

    def __init__(self) -> None:
        self._fields: dict[str, dict[Any, Any]] = {}

    def add(self, path: str, items: list[tuple[Any, Any]]) -> None:
        """Take one part."""
        self._fields.setdefault(path, {}).update(items)

    def build(self, skeleton: RunResult, validated: ValidatedTable | None) -> RunResult:
        """The whole result; ``validated`` replaces the skeleton's table when given."""
        top = {name: self._fields.get(name, {}) for name in _PARTED_FIELDS}
        if skeleton.previous is not None:
            top["previous"] = dataclasses.replace(
                skeleton.previous, **{n: self._fields.get(f"previous.{n}", {}) for n in _PREVIOUS_FIELDS})
        if validated is not None:
            top["validated"] = validated
        return dataclasses.replace(skeleton, **top)


# --- the parent side ---------------------------------------------------------------------------


async def run_lookup_in_child_process(request: RunRequest, *, progress: ProgressSink, cancel: CancelToken,
                                      validated: ValidatedTable | None = None) -> RunResult:
    """:func:`pricelookup.run.api.run_lookup`, with the engine in a child process.

    Same arguments, same result and the same exceptions (``RunCancelled``,
    ``BudgetExceededError``, service errors...), plus :class:`EngineProcessError`
    if the child dies without answering. Waiting happens in worker threads, so
    the caller's event loop stays free.
    """
    ctx = multiprocessing.get_context("spawn")  # fork would copy a Qt process's threads and locks
    receive, send = ctx.Pipe(duplex=False)
    stop_receive, stop_send = ctx.Pipe(duplex=False)
    process = ctx.Process(
        target=child_main, name="pricelookup-run",
        args=(request, validated, send, stop_receive, _log_file_of_this_process()),
    )
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

    assembler = ResultAssembler()
    try:
        while True:
            if cancel.cancelled:
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
                progress(message[1])
            elif kind == "part":
                assembler.add(message[1], message[2])
            elif kind == "done":
                return assembler.build(message[1], validated)
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
    return (f"The look-up process {how} before it finished. Jobs it submitted are in the journal: "
            "start the run again and choose Resume, and nothing paid is paid again.")


def _log_file_of_this_process() -> str | None:
    """The file the root logger writes to (the GUI's log), for the child to append to."""
    for handler in logging.getLogger().handlers:
        if isinstance(handler, logging.FileHandler):
            return handler.baseFilename
    return None


# --- the child side -----------------------------------------------------------------------------


def child_main(request: RunRequest, validated: ValidatedTable | None, send: Connection, stop: Connection,
               log_file: str | None) -> None:
    """Entry point of the child process: run the look-up, tell the parent everything over ``send``."""
    from pricelookup.run import api
    from pricelookup.run.progress import CancelToken

    _configure_child_logging(log_file, request)
    cancel = CancelToken()
    watcher = threading.Thread(target=_watch, args=(stop, cancel), name="pricelookup-cancel", daemon=True)
    watcher.start()
    lock = threading.Lock()  # progress may come from worker threads of the engine

    def sink(snapshot: Any) -> None:
        with lock:
            try:
                send.send(("progress", snapshot))
            except OSError:  # the parent is gone: nobody to run for
                cancel.cancel()

    try:
        result = asyncio.run(api.run_lookup(request, progress=sink, cancel=cancel, validated=validated))
    except RunCancelled as exc:
        _send_last(send, lock, ("cancelled", str(exc)))
    except BaseException as exc:
        if not isinstance(exc, PriceLookupError):
            log.error("the look-up failed", exc_info=exc)
        _send_last(send, lock, ("failed", _picklable(exc)))
    else:
        skeleton, parts = split_result(result, keep_validated=validated is None)
        with contextlib.suppress(OSError), lock:
            for path, items in parts:
                send.send(("part", path, items))
            send.send(("done", skeleton))
    finally:
        send.close()


def _watch(stop: Connection, cancel: CancelToken) -> None:
    """Turn the parent's stop word, or the parent's death (end of file), into a cancel of this run."""
    with contextlib.suppress(OSError):
        stop.poll(None)
    cancel.cancel()


def _send_last(send: Connection, lock: threading.Lock, message: tuple[Any, ...]) -> None:
    with contextlib.suppress(OSError), lock:
        send.send(message)


def _picklable(exc: BaseException) -> BaseException:
    """``exc`` if it survives a pickle round trip, else an :class:`EngineProcessError` with its words."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        return EngineProcessError(str(exc) or type(exc).__name__)
    return exc


def _configure_child_logging(log_file: str | None, request: RunRequest) -> None:
    """Append to the parent's log file, with the run's keys redacted like everywhere else."""
    if log_file is None:
        return
    from pricelookup.logsetup import configure_file_logging
    from pricelookup.secrets import tell_log_filters

    configure_file_logging(Path(log_file).parent)
    tell_log_filters(_keys_of(request))


def _keys_of(request: RunRequest) -> Iterator[str | None]:
    keys = request.keys
    for service in ("priceapi", "officiscan", "monitorize", "snipcart"):
        yield keys.get(service)
