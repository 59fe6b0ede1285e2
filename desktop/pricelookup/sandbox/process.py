"""The embedded sandbox in a child process, for the desktop app.

``running_sandbox`` serves from a thread of the calling process. That is right
for the CLI and the tests, but in the GUI process the simulated services would
compete with the window for the interpreter lock (the sandbox builds 2 MB
PriceAPI downloads with single ``json.dumps`` calls), which is not what an
analyst's machine sees with the real, remote services. So the window runs it
here: a child process that serves until told to stop or until its parent dies.

:class:`SandboxProcess` offers the same ``url``, ``stats()``, ``inject()`` and
``configure()`` as :class:`~pricelookup.sandbox.server.RunningSandbox`, over
the sandbox's own control paths (``/_sandbox/stats``, ``/_sandbox/inject``,
``/_sandbox/configure``).
"""

from __future__ import annotations

import json
import multiprocessing
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import replace
from multiprocessing.connection import Connection
from typing import Any

from pricelookup.priority import lower_priority
from pricelookup.sandbox.config import SandboxConfig, day_from_environment
from pricelookup.sandbox.server import running_sandbox

#: seconds to wait for the child to bind its port (a cold interpreter imports httpx, polars...)
START_TIMEOUT = 60.0


class SandboxProcessError(RuntimeError):
    """The sandbox process could not start."""


class SandboxProcess:
    """A handle on the sandbox served by a child process."""

    def __init__(self, url: str, identity: str | None = None) -> None:
        self.url = url
        self.identity = identity  # what it answers (SandboxConfig.identity), not where

    def _call(self, path: str, body: dict[str, Any] | None = None) -> dict[str, Any]:
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(self.url + path, data=data, method="GET" if body is None else "POST",
                                         headers={"Content-Type": "application/json"})
        # The loopback sandbox of this very app: no proxy, whatever the environment says.
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=30) as response:
            return json.loads(response.read())

    def stats(self) -> dict[str, dict[str, Any]]:
        """The same dict as ``GET /_sandbox/stats``."""
        return self._call("/_sandbox/stats")

    def inject(self, service: str, method: str, path_prefix: str, kind: str, count: int = 1) -> None:
        """See :meth:`pricelookup.sandbox.server.Sandbox.inject`."""
        self._call("/_sandbox/inject", {"service": service, "method": method, "path_prefix": path_prefix,
                                        "kind": kind, "count": count})

    def configure(self, **changes: Any) -> dict[str, Any]:
        """See :meth:`pricelookup.sandbox.server.Sandbox.configure`; returns the new settings as a dict."""
        return self._call("/_sandbox/configure", changes)["config"]


@contextmanager
def sandbox_in_child_process(config: SandboxConfig | None = None) -> Iterator[SandboxProcess]:
    """Serve the sandbox from a child process on a free port of 127.0.0.1 for the duration of the block.

    A ``config`` without a day takes the one ``PRICELOOKUP_SANDBOX_DAY`` sets (the window's sandbox);
    a malformed one raises :class:`SandboxProcessError` before anything starts.
    """
    config = config or SandboxConfig()
    if config.day is None:
        try:
            day = day_from_environment()
        except ValueError as exc:
            raise SandboxProcessError(str(exc)) from None
        config = replace(config, day=day)
    ctx = multiprocessing.get_context("spawn")  # never fork a process that runs Qt
    receive, send = ctx.Pipe(duplex=False)
    # Stopping is the end of this pipe: closed here on exit, or by the OS if this process dies.
    # (Not a multiprocessing.Event: setting one blocks for ever if a waiter died.)
    stop_receive, stop_send = ctx.Pipe(duplex=False)
    process = ctx.Process(target=_serve, args=(config, send, stop_receive),
                          name="pricelookup-sandbox", daemon=True)
    process.start()
    send.close()
    stop_receive.close()
    try:
        if not receive.poll(START_TIMEOUT):
            raise SandboxProcessError("The sandbox process did not start in time.")
        try:
            kind, value = receive.recv()
        except EOFError:
            raise SandboxProcessError(f"The sandbox process ended at start (exit code {process.exitcode}).") from None
        if kind != "url":
            raise SandboxProcessError(f"The sandbox could not start: {value}")
        yield SandboxProcess(value, config.identity())
    finally:
        stop_send.close()
        receive.close()
        process.join(10)
        if process.is_alive():
            process.kill()
            process.join(5)


def _serve(config: SandboxConfig, send: Connection, stop: Connection) -> None:
    """Child process: serve until ``stop`` reads end of file (closed by the parent, or the parent is gone)."""
    lower_priority()  # simulated remote services: the window comes first, as with real ones
    try:
        with running_sandbox(config) as sandbox:
            send.send(("url", str(sandbox.url)))
            send.close()
            stop.poll(None)
    except Exception as exc:  # a bind failure: say it to the parent, which raises it
        with suppress(OSError):
            send.send(("error", str(exc)))
