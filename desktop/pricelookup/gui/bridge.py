"""The GUI's one door to the engine: an engine thread with its own asyncio loop.

The window never waits. It hands work to :class:`EngineBridge` and hears back
through queued signals (Qt delivers a signal emitted on the engine thread to
the GUI thread's event loop):

* one-off tasks (load a file, estimate the cost, test a key, export, look in
  the journal) answer through the callbacks given with them, called on the
  GUI thread;
* the run reports through :attr:`EngineBridge.progress`,
  :attr:`EngineBridge.log_message`, :attr:`EngineBridge.run_finished`,
  :attr:`EngineBridge.run_failed` and :attr:`EngineBridge.run_cancelled`.

The asyncio loop runs on a plain :class:`threading.Thread`, never on the GUI
thread: a long polars or openpyxl step would otherwise freeze the window.
Blocking work (reading a 1M-row file, writing the workbook, keyring calls) runs
in a small thread pool so that it does not hold up the loop either (a running
look-up keeps polling while a file loads).

The engine is reached in one hop: the bridge holds :mod:`pricelookup.run.api`
itself (typed by the :class:`EngineDoor` protocol, which the tests' fake
implements too). The look-up, the workbook export and the embedded sandbox run
in child processes: the engine thread then only waits on a pipe, and the
window keeps the interpreter lock to itself (on a thread of this process the
engine's long C calls stalled the window for 78 ms at the 99th percentile of a
100,000-code run; tests/benchmarks/bench_gui.py). The engine is imported on
the engine thread at its first use, so the window paints before it loads.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import threading
from collections.abc import Callable, Coroutine, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QCoreApplication, QObject, Signal, Slot

from pricelookup.errors import RunCancelled, SettingsError
from pricelookup.phrasing import CONTEXT, Phrase, render
from pricelookup.run.progress import CancelToken, Progress, ProgressSink
from pricelookup.settings import SERVICE_NAMES, Endpoints, RunSettings, ServiceKeys

if TYPE_CHECKING:
    from pricelookup.detail import ProductDetail
    from pricelookup.journal import RunInfo
    from pricelookup.outcome import RunOutcome
    from pricelookup.run.api import ExportReport
    from pricelookup.run.contracts import CostEstimate, RunRequest, RunTuning
    from pricelookup.sandbox import SandboxConfig
    from pricelookup.secrets import KeyStatus
    from pricelookup.validation import ValidatedTable

log = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
OnError = Callable[[BaseException], None]




class MissingKeyError(SettingsError):
    """No key is stored for a service the requested work needs (the window explains what to do)."""

    def __init__(self, service: str) -> None:
        self.service = service
        super().__init__(f"No {SERVICE_NAMES.get(service, service)} key is set yet.")


@dataclass(frozen=True)
class RunSpec:
    """What the window wants run; the bridge turns it into a ``RunRequest`` on the engine thread.

    Keys are not in here: they are fetched from the keyring on the engine
    thread at the last moment (a keyring call can hang on an unlock prompt).
    """

    input_path: Path | None
    settings: RunSettings
    sandbox: bool
    data_dir: Path | None = None
    resume: bool = False


class EngineDoor(Protocol):
    """What the window needs of the engine: the functions of :mod:`pricelookup.run.api`, which is the
    real implementation (a module satisfies this protocol); the window's tests pass a fake."""

    def load_input(self, request: RunRequest) -> ValidatedTable:
        """Read and validate the request's file (blocking; runs in the bridge's thread pool)."""
        ...

    async def load_input_async(self, request: RunRequest) -> ValidatedTable:
        """Import and validate the Snipcart catalogue (``request.settings.snipcart_input``)."""
        ...

    async def estimate(self, request: RunRequest, validated: ValidatedTable) -> CostEstimate:
        """Cost estimate and today's remaining quota."""
        ...

    async def run_in_child_process(self, request: RunRequest, *, progress: ProgressSink, cancel: CancelToken,
                                   validated: ValidatedTable | None = None) -> RunOutcome:
        """The look-up run; what the window shows of it (the whole result stays in the journal)."""
        ...

    async def export_in_child_process(self, run_id: str, data_dir: Path | None, path: Path, *, layout: str,
                                      max_offer_columns: int) -> ExportReport:
        """Write the workbook of journaled run ``run_id`` (rebuilt from the journal, no service called)."""
        ...

    def find_unfinished_runs(self, data_dir: Path | None) -> list[RunInfo]:
        """Runs the journal holds that did not finish."""
        ...

    def list_runs(self, data_dir: Path | None) -> list[RunInfo]:
        """Every run of the journal."""
        ...

    def product_detail(self, run_id: str, gtin14: str, data_dir: Path | None) -> ProductDetail:
        """Everything the journal knows of one product of run ``run_id`` (blocking; during a run too)."""
        ...

    def load_outcome(self, run_id: str, data_dir: Path | None) -> RunOutcome:
        """A journaled run as the window shows it, its checked table in ``validated`` (blocking)."""
        ...

    def load_keys(self, services: Iterable[str] = ...) -> ServiceKeys:
        """Keys of ``services`` from the environment, else the keyring (blocking)."""
        ...

    def key_statuses(self) -> dict[str, KeyStatus]:
        """Where each service's key comes from (blocking; never the key)."""
        ...

    def save_keys(self, changes: Mapping[str, str | None]) -> None:
        """Store (a value) or delete (None) keys in the OS keyring (blocking)."""
        ...

    async def test_connection(self, service: str, endpoints: Endpoints, key: str) -> str:
        """Make one cheap authenticated call; return a sentence saying it worked, or raise."""
        ...


class SandboxHandle(Protocol):
    """A running sandbox, as the bridge needs it."""

    url: str


#: starts a sandbox for the window's sandbox mode; entered once, closed when sandbox mode ends
SandboxFactory = Callable[[], contextlib.AbstractContextManager[Any]]


def _embedded_sandbox(config: SandboxConfig | None) -> SandboxFactory:
    """The embedded sandbox in a child process of its own (its HTTP serving would otherwise hold the
    window's interpreter lock)."""

    def start() -> contextlib.AbstractContextManager[Any]:
        # lazy: the sandbox package loads only when the window first needs it, not before its first paint
        from pricelookup.sandbox import SandboxConfig
        from pricelookup.sandbox.process import sandbox_in_child_process

        return sandbox_in_child_process(config or SandboxConfig())

    return start


def _in_window_language(message: str | Phrase) -> str:
    """A progress line as the log panel shows it: the engine's phrase translated (the "Engine" context, as
    :func:`pricelookup.gui.messages.translated` does: that module imports this one), plain text as it is."""
    if isinstance(message, Phrase):
        return render(message, lambda template: QCoreApplication.translate(CONTEXT, template))
    return message


@dataclass
class _Task:
    on_done: OnDone | None
    on_error: OnError | None
    future: Future[Any] | None = field(default=None)


class EngineBridge(QObject):
    """Runs engine work off the GUI thread and reports back through queued signals."""

    #: latest :class:`Progress` of the running look-up (coalesced: never floods the event queue)
    progress = Signal(object)
    #: a plain-words line for the log panel
    log_message = Signal(str)
    #: the run ended with a :class:`RunOutcome` (its ``status`` may be "partial" or "cancelled")
    run_finished = Signal(object)
    #: the run stopped on an error (the exception; its message is for the analyst)
    run_failed = Signal(object)
    #: the run was cancelled before it produced a result
    run_cancelled = Signal()
    #: True while a look-up runs
    running_changed = Signal(bool)

    _task_done = Signal(int, object)
    _task_failed = Signal(int, object)
    _progress_ready = Signal()
    _run_done = Signal(object, object)  # result or None, exception or None

    def __init__(self, engine: EngineDoor | None = None, parent: QObject | None = None, *,
                 sandbox: SandboxFactory | None = None, sandbox_config: SandboxConfig | None = None,
                 tuning: RunTuning | None = None) -> None:
        """``engine``: the door to the engine (default :mod:`pricelookup.run.api`, loaded on the engine
        thread); ``sandbox``: how sandbox mode starts its sandbox (default: the embedded one, with
        ``sandbox_config``); ``tuning``: the runs' ``RunTuning`` (tests, benchmarks)."""
        super().__init__(parent)
        self._door: EngineDoor | None = engine
        self._contracts: ModuleType | None = None
        # The engine's modules are imported on first use by whichever worker thread gets there
        # first. Two threads importing the same package graph at once (the window's first file
        # load and its journal check start together) trip Python's import-lock deadlock guard,
        # which hands one of them a half-initialised module: the frozen app then failed with
        # "cannot import name ... from partially initialized module". One lock, one importer.
        self._import_lock = threading.Lock()
        self._start_sandbox: SandboxFactory = sandbox or _embedded_sandbox(sandbox_config)
        self._tuning = tuning
        self._ids = itertools.count(1)
        self._tasks: dict[int, _Task] = {}
        self._thread: threading.Thread | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._loop_ready = threading.Event()
        self._pool: ThreadPoolExecutor | None = None
        self._sandbox_stack: contextlib.ExitStack | None = None
        self._sandbox_url: str | None = None
        self._sandbox_server: Any = None
        self._sandbox_lock: asyncio.Lock | None = None
        self._run_future: Future[Any] | None = None
        self._cancel: CancelToken | None = None
        # progress coalescing: the engine thread writes, the GUI thread drains
        self._progress_lock = threading.Lock()
        self._latest_progress: Progress | None = None
        self._pending_messages: list[str | Phrase] = []
        self._progress_posted = False
        self._closed = False
        self._task_done.connect(self._on_task_done)
        self._task_failed.connect(self._on_task_failed)
        self._progress_ready.connect(self._drain_progress)
        self._run_done.connect(self._on_run_done)

    # --- lifecycle ---------------------------------------------------------------

    @property
    def engine(self) -> EngineDoor:
        """The door to the engine (loaded on first use: the window paints before the engine is imported)."""
        self._load_engine()
        assert self._door is not None
        return self._door

    def _load_engine(self) -> ModuleType:
        """Import the door (unless one was given) and the run's contracts, once, under the import
        lock; returns :mod:`pricelookup.run.contracts`."""
        with self._import_lock:
            if self._door is None:
                # lazy: the engine (polars, httpx, openpyxl) loads off the GUI thread, after the first paint
                from pricelookup.run import api

                self._door = api
            if self._contracts is None:
                # lazy: the request types' module loads the engine's libraries too (see above)
                from pricelookup.run import contracts

                self._contracts = contracts
            return self._contracts

    @property
    def is_running(self) -> bool:
        """True while a look-up runs (from Start until finished/failed/cancelled is delivered)."""
        return self._run_future is not None

    @property
    def sandbox_url(self) -> str | None:
        """Base URL of the embedded sandbox once started, else None."""
        return self._sandbox_url

    @property
    def sandbox_server(self) -> Any:
        """The running embedded sandbox (``stats()``, ``configure()``), or None; for tests and benchmarks."""
        return self._sandbox_server

    def _ensure_started(self) -> asyncio.AbstractEventLoop:
        if self._closed:
            raise RuntimeError("the engine bridge is shut down")
        if self._loop is None:
            self._pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pricelookup-io")
            # shutdown() always stops and joins it; daemon only so that a hung service call past the join
            # timeout cannot keep a closed app's process alive
            self._thread = threading.Thread(target=self._thread_main, name="pricelookup-engine", daemon=True)
            self._thread.start()
            self._loop_ready.wait()
        assert self._loop is not None
        return self._loop

    def _thread_main(self) -> None:
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        self._sandbox_lock = asyncio.Lock()  # used only on this loop
        self._loop = loop
        self._loop_ready.set()
        try:
            loop.run_forever()
        finally:
            # Let anything still pending see its cancellation, then close the loop.
            pending = [t for t in asyncio.all_tasks(loop) if not t.done()]
            for task in pending:
                task.cancel()
            if pending:
                loop.run_until_complete(asyncio.gather(*pending, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def shutdown(self, timeout: float = 20.0) -> None:
        """Cancel a run, stop the sandbox, stop the loop and join the thread.

        Called once the window is closed. A running look-up is cancelled and
        awaited (its journal is flushed by the engine) before the loop stops,
        so nothing is cut off mid-write.
        """
        if self._closed:
            return
        self._closed = True
        if self._loop is None:
            return
        if self._cancel is not None:
            self._cancel.cancel()
        if self._run_future is not None:
            with contextlib.suppress(BaseException):
                self._run_future.result(timeout=timeout)
        fut = asyncio.run_coroutine_threadsafe(self._stop_sandbox(), self._loop)
        with contextlib.suppress(BaseException):
            fut.result(timeout=timeout)
        self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread is not None:
            self._thread.join(timeout)
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._tasks.clear()

    # --- generic tasks -----------------------------------------------------------------

    def _submit(self, make: Callable[[], Coroutine[Any, Any, Any]], on_done: OnDone | None = None,
               on_error: OnError | None = None) -> int:
        """Run the coroutine ``make()`` on the engine loop; callbacks run on the GUI thread.

        After :meth:`shutdown` nothing runs and -1 is returned (a late timer of a closing window).
        """
        if self._closed:
            log.debug("engine task refused: the bridge is shut down")
            return -1
        loop = self._ensure_started()
        task_id = next(self._ids)
        task = _Task(on_done, on_error)
        self._tasks[task_id] = task

        async def wrapper() -> None:
            try:
                value = await make()
            except BaseException as exc:  # reported to the GUI, which decides what the analyst sees
                if not isinstance(exc, (RunCancelled, asyncio.CancelledError)):
                    log.info("engine task %d failed", task_id, exc_info=exc)
                self._task_failed.emit(task_id, exc)
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
            else:
                self._task_done.emit(task_id, value)

        task.future = asyncio.run_coroutine_threadsafe(wrapper(), loop)
        return task_id

    def _submit_blocking(self, fn: Callable[..., Any], *args: Any, on_done: OnDone | None = None,
                        on_error: OnError | None = None, **kwargs: Any) -> int:
        """Run the blocking ``fn(*args, **kwargs)`` in the bridge's thread pool."""
        return self._submit(lambda: self._in_pool(fn, *args, **kwargs), on_done, on_error)

    async def _in_pool(self, fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, lambda: fn(*args, **kwargs))

    def forget(self, task_id: int) -> None:
        """Drop the callbacks of a task whose answer is no longer wanted (e.g. a superseded load)."""
        self._tasks.pop(task_id, None)

    @Slot(int, object)
    def _on_task_done(self, task_id: int, value: object) -> None:
        task = self._tasks.pop(task_id, None)
        if task is not None and task.on_done is not None:
            task.on_done(value)

    @Slot(int, object)
    def _on_task_failed(self, task_id: int, exc: object) -> None:
        task = self._tasks.pop(task_id, None)
        if task is None:
            return
        if task.on_error is not None:
            task.on_error(exc)  # type: ignore[arg-type]
        else:
            log.error("unhandled engine task failure: %r", exc)

    # --- engine work ----------------------------------------------------------------------

    def load(self, path: Path, settings: RunSettings, on_done: OnDone, on_error: OnError) -> int:
        """Read and validate ``path`` with ``settings`` (sheet, column, cip7) off the GUI thread."""
        def load() -> ValidatedTable:
            contracts = self._load_engine()
            request = contracts.RunRequest(input_path=path, settings=settings, endpoints=Endpoints(),
                                           keys=ServiceKeys())
            return self.engine.load_input(request)

        return self._submit_blocking(load, on_done=on_done, on_error=on_error)

    def estimate(self, spec: RunSpec, validated: ValidatedTable, on_done: OnDone, on_error: OnError) -> int:
        """Cost estimate and today's remaining quota for ``spec``."""

        async def work() -> CostEstimate:
            request = await self._request(spec)
            return await self.engine.estimate(request, validated)

        return self._submit(work, on_done, on_error)

    def test_connection(self, service: str, key: str | None, *, sandbox: bool, on_done: OnDone,
                        on_error: OnError) -> int:
        """Check ``key`` (None: the stored key) against ``service`` or the sandbox with one cheap call."""

        async def work() -> str:
            use = key
            if not use:
                stored = await self._in_pool(self.engine.load_keys, (service,))
                use = stored.get(service)
            if not use:
                raise SettingsError(
                    f"No key is stored for {SERVICE_NAMES.get(service, service)}: type it in the field, then press Test connection.")
            endpoints = await self._endpoints(sandbox)
            return await self.engine.test_connection(service, endpoints, use)

        return self._submit(work, on_done, on_error)

    def import_catalogue(self, spec: RunSpec, on_done: OnDone, on_error: OnError) -> int:
        """Import the shop's Snipcart catalogue as the input (keys from the keyring, or the sandbox)."""

        async def work() -> ValidatedTable:
            request = await self._request(spec)
            return await self.engine.load_input_async(request)

        return self._submit(work, on_done, on_error)

    def find_unfinished_runs(self, data_dir: Path | None, on_done: OnDone, on_error: OnError) -> int:
        """Unfinished runs in the journal (for the resume prompt)."""
        return self._submit_blocking(lambda: self.engine.find_unfinished_runs(data_dir), on_done=on_done, on_error=on_error)

    def list_runs(self, data_dir: Path | None, on_done: OnDone, on_error: OnError) -> int:
        """All journaled runs (for "Export again")."""
        return self._submit_blocking(lambda: self.engine.list_runs(data_dir), on_done=on_done, on_error=on_error)

    def product_detail(self, run_id: str, gtin14: str, data_dir: Path | None, on_done: OnDone,
                       on_error: OnError) -> int:
        """One product of run ``run_id`` as the journal knows it (a :class:`ProductDetail`), off the GUI thread."""
        return self._submit_blocking(lambda: self.engine.product_detail(run_id, gtin14, data_dir), on_done=on_done,
                                     on_error=on_error)

    def load_outcome(self, run_id: str, data_dir: Path | None, on_done: OnDone, on_error: OnError) -> int:
        """A previous run from the journal (a :class:`RunOutcome` with its table), off the GUI thread."""
        return self._submit_blocking(lambda: self.engine.load_outcome(run_id, data_dir), on_done=on_done,
                                     on_error=on_error)

    def export(self, run_id: str, data_dir: Path | None, path: Path, *, layout: str, max_offer_columns: int,
               on_done: OnDone, on_error: OnError) -> int:
        """Write the workbook of journaled run ``run_id`` (in a child process)."""
        return self._submit(lambda: self.engine.export_in_child_process(
            run_id, data_dir, path, layout=layout, max_offer_columns=max_offer_columns), on_done, on_error)

    def key_statuses(self, on_done: OnDone, on_error: OnError) -> int:
        """Where each service's key comes from (``KeyStatus`` per service; never the key)."""
        return self._submit_blocking(lambda: self.engine.key_statuses(), on_done=on_done, on_error=on_error)

    def save_keys(self, changes: Mapping[str, str | None], on_done: OnDone, on_error: OnError) -> int:
        """Store (a value) or delete (None) keys in the OS keyring."""
        return self._submit_blocking(lambda: self.engine.save_keys(changes), on_done=on_done, on_error=on_error)

    def stop_sandbox(self) -> None:
        """Stop the embedded sandbox when sandbox mode is switched off (no-op if not running)."""
        if self._loop is not None and self._sandbox_stack is not None and not self.is_running:
            asyncio.run_coroutine_threadsafe(self._stop_sandbox(), self._loop)

    # --- the run ------------------------------------------------------------------------------

    def start_run(self, spec: RunSpec, validated: ValidatedTable | None) -> None:
        """Start the look-up; it reports through the run signals. One run at a time."""
        if self.is_running:
            raise RuntimeError("a run is already in progress")
        loop = self._ensure_started()
        self._cancel = CancelToken()
        cancel = self._cancel
        with self._progress_lock:
            self._latest_progress = None
            self._pending_messages.clear()

        async def work() -> None:
            try:
                request = await self._request(spec)
                result = await self.engine.run_in_child_process(request, progress=self._sink, cancel=cancel,
                                                                validated=validated)
            except BaseException as exc:
                if not isinstance(exc, (RunCancelled, asyncio.CancelledError)):
                    log.warning("run failed", exc_info=exc)
                self._run_done.emit(None, exc)
                if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                    raise
            else:
                self._run_done.emit(result, None)

        self._run_future = asyncio.run_coroutine_threadsafe(work(), loop)
        self.running_changed.emit(True)

    def cancel_run(self) -> None:
        """Ask the running look-up to stop (it obeys within about a second)."""
        if self._cancel is not None:
            self._cancel.cancel()

    def _sink(self, progress: Progress) -> None:
        """The engine's progress sink: cheap, never blocks, called on the engine thread."""
        with self._progress_lock:
            self._latest_progress = progress
            if progress.message:
                self._pending_messages.append(progress.phrase or progress.message)
            if self._progress_posted:
                return
            self._progress_posted = True
        self._progress_ready.emit()

    @Slot()
    def _drain_progress(self) -> None:
        with self._progress_lock:
            progress = self._latest_progress
            messages = self._pending_messages[:]
            self._pending_messages.clear()
            self._progress_posted = False
        for message in messages:
            self.log_message.emit(_in_window_language(message))
        if progress is not None:
            self.progress.emit(progress)

    @Slot(object, object)
    def _on_run_done(self, result: object, exc: object) -> None:
        if self._closed:
            return
        self._drain_progress()  # the last snapshot and messages before the verdict
        self._run_future = None
        self._cancel = None
        self.running_changed.emit(False)
        if exc is None:
            self.run_finished.emit(result)
        elif isinstance(exc, (RunCancelled, asyncio.CancelledError)):
            self.run_cancelled.emit()
        else:
            self.run_failed.emit(exc)

    # --- engine-thread helpers -----------------------------------------------------------------

    async def _endpoints(self, sandbox: bool) -> Endpoints:
        if not sandbox:
            return Endpoints()
        assert self._sandbox_lock is not None
        async with self._sandbox_lock:  # several tasks may ask at once: start exactly one sandbox
            if self._sandbox_stack is None:
                stack = contextlib.ExitStack()
                # Starting the server takes a moment: do it in the pool so the loop keeps serving.
                with self._import_lock:  # the sandbox's modules are imported here: one importer at a time
                    starting = self._start_sandbox()
                server = await self._in_pool(stack.enter_context, starting)
                self._sandbox_stack = stack
                self._sandbox_server = server
                self._sandbox_url = str(server.url)
                log.info("embedded sandbox started at %s", self._sandbox_url)
            assert self._sandbox_url is not None
            # the embedded sandbox says what it answers; a test's stand-in may not
            return Endpoints.for_sandbox(self._sandbox_url, getattr(self._sandbox_server, "identity", None))

    async def _stop_sandbox(self) -> None:
        assert self._sandbox_lock is not None
        async with self._sandbox_lock:
            stack, self._sandbox_stack, self._sandbox_url = self._sandbox_stack, None, None
            self._sandbox_server = None
            if stack is not None:
                await self._in_pool(stack.close)
                log.info("embedded sandbox stopped")

    async def _request(self, spec: RunSpec) -> RunRequest:
        endpoints = await self._endpoints(spec.sandbox)
        # only the keys of the services this run uses: a locked keyring must not stop a run
        # whose keys are in the environment, nor ask for a key the run does not need
        used = spec.settings.services_used()
        keys = ServiceKeys.sandbox() if spec.sandbox else await self._in_pool(self.engine.load_keys, used)
        # The one key the work cannot do without; enrichment keys may be missing (those services are skipped).
        needed = "snipcart" if spec.settings.snipcart_input and spec.input_path is None else "priceapi"
        if not keys.get(needed):
            raise MissingKeyError(needed)
        contracts = self._load_engine()
        request: RunRequest = contracts.RunRequest(
            input_path=spec.input_path, settings=spec.settings, endpoints=endpoints, keys=keys,
            data_dir=spec.data_dir, resume=spec.resume, tuning=self._tuning or contracts.RunTuning())
        return request

