"""The sandbox application: routing by service prefix, the fault hook, stats,
and the runner that serves it on its own thread and event loop.

Routes::

    /priceapi/...      PriceAPI        (pricelookup.sandbox.priceapi)
    /officiscan/...    OfficiScan      (pricelookup.sandbox.officiscan)
    /monitorize/...    Monitorize      (pricelookup.sandbox.monitorize)
    /snipcart/...      Snipcart        (pricelookup.sandbox.snipcart)
    GET  /_sandbox/stats      counts per service (the same dict as ``stats()``)
    POST /_sandbox/inject     {"service", "method", "path_prefix", "kind", "count"}
    POST /_sandbox/configure  {"daily_quota": 10, "faults": 0.1, ...}

The two POSTs let a test steer a sandbox that runs in another process
(``pricelookup sandbox``) the way ``inject()``/``configure()`` steer one in-process.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import json
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from pricelookup.sandbox.common import Context, json_response
from pricelookup.sandbox.config import SandboxConfig
from pricelookup.sandbox.data import Catalogue
from pricelookup.sandbox.faults import FaultKind, FaultPlanner, html_error_page, refusal_response
from pricelookup.sandbox.httpserver import HttpServer, Request, Response
from pricelookup.sandbox.monitorize import Monitorize
from pricelookup.sandbox.officiscan import Officiscan
from pricelookup.sandbox.priceapi import PriceApi
from pricelookup.sandbox.snipcart import Snipcart
from pricelookup.settings import SERVICES

T = TypeVar("T")


class Service(Protocol):
    """What each service simulation provides to the router."""

    def handle(self, req: Request, path: str, *, stuck: bool = False) -> Response: ...

    @staticmethod
    def read_only(method: str, path: str) -> bool: ...

    @staticmethod
    def creates_job(method: str, path: str) -> bool: ...


class Sandbox:
    """All four services behind one ``app(request) -> Response`` callable.

    Its state (jobs, credits, added products, rate buckets, counters) lives here
    and in the service objects; it is only touched on the event loop's thread.
    ``monotonic`` and ``wallclock`` can be replaced to drive time in unit tests.
    """

    def __init__(self, config: SandboxConfig | None = None, *, catalogue: Catalogue | None = None,
                 monotonic: Callable[[], float] = time.monotonic, wallclock: Callable[[], float] = time.time) -> None:
        self.config = config or SandboxConfig()
        self.catalogue = catalogue or Catalogue.build()
        self.ctx = Context(lambda: self.config, self.catalogue, monotonic, wallclock)
        self.faults = FaultPlanner(self.config.seed, self.config.faults)
        self.priceapi = PriceApi(self.ctx)
        self.services: dict[str, Service] = {
            "priceapi": self.priceapi,
            "officiscan": Officiscan(self.ctx),
            "monitorize": Monitorize(self.ctx),
            "snipcart": Snipcart(self.ctx),
        }
        self._faults_by_kind: dict[str, dict[str, int]] = {s: {} for s in SERVICES}

    # --- control ---

    def inject(self, service: str, method: str, path_prefix: str, kind: FaultKind, count: int = 1) -> None:
        """Make the next ``count`` requests to ``service`` matching ``method`` ("*" for any) and
        ``path_prefix`` (relative to the service prefix, e.g. "/jobs") fail with ``kind``."""
        if service not in SERVICES:
            raise ValueError(f"unknown service {service!r}; one of {', '.join(SERVICES)}")
        self.faults.inject(service, method, path_prefix, kind, count)

    def configure(self, **changes: Any) -> SandboxConfig:
        """Change settings at run time (e.g. ``daily_quota=10``, ``faults=0.1``).

        Job timing changes apply to jobs submitted afterwards; a new ``seed``
        changes prices and outcomes of later answers, a new ``day`` (a date or
        ``"YYYY-MM-DD"``) the day later answers are of.
        """
        self.config = self.config.with_changes(**changes)
        self.faults.rate = self.config.faults
        return self.config

    def stats(self) -> dict[str, dict[str, Any]]:
        """Counts per service: requests, faults, and for PriceAPI jobs, values and credits."""
        self.priceapi.settle()
        out: dict[str, dict[str, Any]] = {}
        for name in SERVICES:
            counters: dict[str, Any] = dict(self.ctx.counters.get(name, {}))
            counters["faults_by_kind"] = dict(self._faults_by_kind[name])
            out[name] = counters
        return out

    # --- the application ---

    def __call__(self, req: Request) -> Response:
        path = req.raw_path
        slash = path.find("/", 1)
        name = path[1:] if slash < 0 else path[1:slash]
        service = self.services.get(name)
        if service is None:
            return self._control(req, path)
        sub = "/" if slash < 0 else path[slash:]
        self.ctx.count(name, "requests")
        kind = None
        if self.faults.active:
            kind = self.faults.choose(name, req.method, sub, read_only=service.read_only(req.method, sub),
                                      creates_job=service.creates_job(req.method, sub))
        if kind is None:
            return service.handle(req, sub)
        self.ctx.count(name, "faults_injected")
        by_kind = self._faults_by_kind[name]
        by_kind[kind] = by_kind.get(kind, 0) + 1
        cfg = self.config
        refusal = refusal_response(kind, cfg.retry_after_seconds)
        if refusal is not None:
            return refusal  # not handled: safe for the client to retry
        resp = service.handle(req, sub, stuck=kind == "stuck_at_100")
        if kind == "latency":
            resp.delay = self.faults.latency(cfg.latency_seconds)
        elif kind == "reset_mid_body":
            resp.cut = True
        elif kind == "reset_after_body":
            resp.reset = True
        elif kind == "gateway_504":
            # a proxy in front gave up waiting: the request was handled, its answer replaced
            return Response(504, html_error_page(504), "text/html")
        elif kind == "slow_body":
            resp.slow_seconds = cfg.slow_body_seconds
        return resp

    def tick(self) -> None:
        """Background work between requests (the server calls it every few tens of milliseconds)."""
        self.priceapi.build_ahead()

    def _control(self, req: Request, path: str) -> Response:
        path = path.rstrip("/") or "/"
        if path == "/_sandbox/stats" and req.method in ("GET", "HEAD"):
            return json_response(self.stats())
        if path in ("/_sandbox/inject", "/_sandbox/configure") and req.method == "POST":
            try:
                body = json.loads(req.body or b"{}")
                if not isinstance(body, dict):
                    raise ValueError("expected a JSON object")
                if path.endswith("inject"):
                    self.inject(body["service"], body.get("method", "*"), body.get("path_prefix", "/"),
                                body["kind"], int(body.get("count", 1)))
                    return json_response({"ok": True, "pending": self.faults.pending()})
                cfg = self.configure(**body)
                return json_response({"ok": True, "config": cfg.as_json()})
            except (ValueError, TypeError, KeyError) as exc:
                return json_response({"ok": False, "error": str(exc)}, 400)
        if path == "/" and req.method in ("GET", "HEAD"):
            return json_response({"sandbox": "pricelookup", "services": [f"/{s}" for s in SERVICES],
                                  "stats": "/_sandbox/stats", "note": "simulated data; any key but 'invalid' works"})
        return json_response({"error": f"no such sandbox path: {path}", "services": [f"/{s}" for s in SERVICES]}, 404)


class RunningSandbox:
    """A :class:`Sandbox` served on 127.0.0.1 from its own thread and event loop.

    Thread-safe: ``stats``, ``inject`` and ``configure`` run on the sandbox's loop.
    """

    def __init__(self, config: SandboxConfig | None = None, *, host: str = "127.0.0.1", port: int = 0,
                 catalogue: Catalogue | None = None) -> None:
        self.sandbox = Sandbox(config, catalogue=catalogue)
        self._host = host
        self._port = port
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._server: HttpServer | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None

    @property
    def url(self) -> str:
        """``http://127.0.0.1:PORT``; the services live under /priceapi, /officiscan, /monitorize, /snipcart."""
        assert self._server is not None, "sandbox not started"
        return f"http://{self._host}:{self._server.port}"

    @property
    def identity(self) -> str:
        """What this sandbox answers (:meth:`SandboxConfig.identity`), for the journal's reuse of answers."""
        return self.sandbox.config.identity()

    @property
    def port(self) -> int:
        """The TCP port the sandbox listens on."""
        assert self._server is not None, "sandbox not started"
        return self._server.port

    def start(self) -> RunningSandbox:
        """Start serving; returns when the port is bound (raises OSError if it cannot be)."""
        self._thread = threading.Thread(target=self._run, name="pricelookup-sandbox", daemon=True)
        self._thread.start()
        self._ready.wait(30)
        if self._error is not None:
            raise self._error
        return self

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        self._loop = loop
        asyncio.set_event_loop(loop)
        self._server = HttpServer(self.sandbox, self._host, self._port, ticker=self.sandbox.tick)
        try:
            loop.run_until_complete(self._server.start())
        except BaseException as exc:  # report a bind failure to start()
            self._error = exc
            self._ready.set()
            loop.close()
            return
        self._ready.set()
        try:
            loop.run_forever()
        finally:
            loop.run_until_complete(self._server.stop())
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    def stop(self) -> None:
        """Stop serving and wait for the thread to end."""
        if self._loop is not None and self._thread is not None and self._thread.is_alive():
            self._loop.call_soon_threadsafe(self._loop.stop)
            self._thread.join(10)

    def _call(self, fn: Callable[[], T]) -> T:
        loop = self._loop
        if loop is None or threading.current_thread() is self._thread:
            return fn()
        fut: concurrent.futures.Future[T] = concurrent.futures.Future()

        def run() -> None:
            try:
                fut.set_result(fn())
            except BaseException as exc:
                fut.set_exception(exc)

        loop.call_soon_threadsafe(run)
        return fut.result(30)

    def stats(self) -> dict[str, dict[str, Any]]:
        """The same dict as ``GET /_sandbox/stats``."""
        return self._call(self.sandbox.stats)

    def inject(self, service: str, method: str, path_prefix: str, kind: FaultKind, count: int = 1) -> None:
        """See :meth:`Sandbox.inject`."""
        self._call(lambda: self.sandbox.inject(service, method, path_prefix, kind, count))

    def configure(self, **changes: Any) -> SandboxConfig:
        """See :meth:`Sandbox.configure`."""
        return self._call(lambda: self.sandbox.configure(**changes))

    def __enter__(self) -> RunningSandbox:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@contextmanager
def running_sandbox(config: SandboxConfig | None = None, *, port: int = 0,
                    catalogue: Catalogue | None = None) -> Iterator[RunningSandbox]:
    """Serve the sandbox on 127.0.0.1 (a free port unless ``port``) for the duration of the block.

    ``catalogue`` reuses an already built :class:`Catalogue` (saves ~0.1 s per start in tests).
    """
    sb = RunningSandbox(config, port=port, catalogue=catalogue).start()
    try:
        yield sb
    finally:
        sb.stop()
