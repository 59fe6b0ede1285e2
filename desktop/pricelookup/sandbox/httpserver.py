"""A small, fast asyncio HTTP/1.1 server: just what the sandbox needs.

Python's ``http.server`` manages a few hundred requests per second here; this
one does several thousand on one core because a request that needs no waiting
is parsed, handled and answered inside ``data_received`` without creating a
task. It speaks HTTP/1.1 with keep-alive (and pipelining, answered in order),
Content-Length and chunked request bodies, ``Expect: 100-continue``, and lets
the application shape delivery for fault injection: a delay, a body dribbled
slowly, a connection reset mid-body or right after the request was read.

The application is a plain callable ``app(request) -> Response``; it must not
block (it runs on the event loop).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import struct
import time
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from email.utils import formatdate
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qs, unquote, unquote_plus

log = logging.getLogger(__name__)

MAX_HEAD_BYTES = 64 * 1024
MAX_BODY_BYTES = 32 * 1024 * 1024


@dataclass(slots=True)
class Request:
    """One parsed HTTP request. Header names are lower case; repeated headers are joined with ", "."""

    method: str
    target: str  # as sent: path and query, percent-encoded
    version: str
    headers: dict[str, str]
    body: bytes = b""
    _query: dict[str, list[str]] | None = None

    @property
    def raw_path(self) -> str:
        """The path part of the target, still percent-encoded."""
        i = self.target.find("?")
        return self.target if i < 0 else self.target[:i]

    @property
    def query_string(self) -> str:
        """The query part of the target (without ``?``)."""
        i = self.target.find("?")
        return "" if i < 0 else self.target[i + 1:]

    def query(self) -> dict[str, list[str]]:
        """Query parameters (all values of each name, in order)."""
        if self._query is None:
            self._query = parse_query(self.query_string)
        return self._query

    def arg(self, name: str) -> str | None:
        """The last value of query parameter ``name`` (Rack/PHP semantics), or None."""
        values = self.query().get(name)
        return values[-1] if values else None

    def header(self, name: str, default: str | None = None) -> str | None:
        """Header value by lower-case name."""
        return self.headers.get(name, default)

    def content_type(self) -> str:
        """The media type of the body, lower case, without parameters."""
        return (self.headers.get("content-type") or "").split(";", 1)[0].strip().lower()

    def form(self) -> dict[str, list[str]]:
        """URL-encoded body parameters (empty when the body is something else)."""
        ctype = self.content_type()
        if not self.body or ctype not in ("", "application/x-www-form-urlencoded"):
            return {}
        try:
            return parse_qs(self.body.decode("utf-8"), keep_blank_values=True)
        except UnicodeDecodeError:
            return parse_qs(self.body.decode("latin-1"), keep_blank_values=True)


@dataclass(slots=True)
class Response:
    """What the application answers, and how the server should deliver it.

    The delivery fields are for fault injection: ``delay`` waits before writing,
    ``slow_seconds`` dribbles the body in pieces over that time, ``cut`` writes
    the head and half the body then resets the connection, ``reset`` resets it
    without writing anything (the request *was* handled).
    """

    status: int = 200
    body: bytes = b""
    content_type: str | None = "application/json; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)
    reason: str | None = None
    delay: float = 0.0
    slow_seconds: float = 0.0
    cut: bool = False
    reset: bool = False

    @property
    def immediate(self) -> bool:
        """True when the response can be written at once (no fault shaping)."""
        return not (self.delay or self.slow_seconds or self.cut or self.reset)


App = Callable[[Request], Response]


class _BadRequest(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


class _DateCache:
    """The Date header, formatted once per second (formatdate is slow-ish)."""

    __slots__ = ("_second", "_value")

    def __init__(self) -> None:
        self._second = -1
        self._value = ""

    def get(self) -> str:
        now = int(time.time())
        if now != self._second:
            self._second = now
            self._value = formatdate(now, usegmt=True)
        return self._value


def _reason(status: int) -> str:
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Unknown"


class _Connection(asyncio.Protocol):
    """One client connection: parse requests, answer them in order."""

    def __init__(self, server: HttpServer) -> None:
        self.server = server
        self.transport: asyncio.Transport | None = None
        self.buf = bytearray()
        self.busy = False  # a shaped (delayed/slow) response is being delivered
        self.closed = False
        self.head: tuple[str, str, str, dict[str, str]] | None = None
        self.body_len = 0  # -1: chunked
        self.sent_continue = False

    # --- asyncio.Protocol ---

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        self.transport = transport
        self.server.connections.add(self)
        with contextlib.suppress(OSError, AttributeError):
            transport.get_extra_info("socket").setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.server.connections.discard(self)

    def data_received(self, data: bytes) -> None:
        self.buf += data
        if not self.busy:
            self._process()

    # --- parsing ---

    def _process(self) -> None:
        while not self.closed and not self.busy:
            try:
                req = self._parse_one()
            except _BadRequest as exc:
                self._write(Response(exc.status, f'{{"error": "{exc}"}}'.encode()), head_only=False, close=True)
                return
            if req is None:
                return
            keep_alive = self._keep_alive(req)
            try:
                resp = self.server.app(req)
            except Exception:  # the sandbox must answer, even when a handler has a bug
                log.exception("sandbox handler failed on %s %s", req.method, req.raw_path)
                resp = Response(500, b'{"error": "sandbox internal error"}')
            if resp.immediate:
                self._write(resp, head_only=req.method == "HEAD", close=not keep_alive)
            else:
                self.busy = True
                self.server.spawn(self._deliver(req, resp, keep_alive))

    def _parse_one(self) -> Request | None:
        buf = self.buf
        if self.head is None:
            end = buf.find(b"\r\n\r\n")
            if end < 0:
                if len(buf) > MAX_HEAD_BYTES:
                    raise _BadRequest(431, "request head too large")
                return None
            if end > MAX_HEAD_BYTES:
                raise _BadRequest(431, "request head too large")
            lines = bytes(buf[:end]).decode("latin-1").split("\r\n")
            del buf[: end + 4]
            while lines and not lines[0]:  # tolerate stray CRLF between requests
                lines.pop(0)
            if not lines:
                return None
            parts = lines[0].split(" ")
            if len(parts) != 3 or not parts[2].startswith("HTTP/1."):
                raise _BadRequest(400, "malformed request line")
            method, target, version = parts
            headers: dict[str, str] = {}
            for line in lines[1:]:
                name, sep, value = line.partition(":")
                if not sep or not name or name != name.strip():
                    raise _BadRequest(400, "malformed header line")
                name = name.lower()
                value = value.strip()
                headers[name] = f"{headers[name]}, {value}" if name in headers else value
            te = headers.get("transfer-encoding", "").lower()
            if "chunked" in te:
                self.body_len = -1
            else:
                cl = headers.get("content-length")
                if cl is None:
                    self.body_len = 0
                else:
                    if not cl.isdigit():
                        raise _BadRequest(400, "bad Content-Length")
                    self.body_len = int(cl)
                    if self.body_len > MAX_BODY_BYTES:
                        raise _BadRequest(413, "request body too large")
            self.head = (method, target, version, headers)
            self.sent_continue = False
        method, target, version, headers = self.head
        if self.body_len == -1:
            body = self._take_chunked()
            if body is None:
                self._maybe_continue(headers)
                return None
        else:
            if len(buf) < self.body_len:
                self._maybe_continue(headers)
                return None
            body = bytes(buf[: self.body_len])
            del buf[: self.body_len]
        self.head = None
        return Request(method, target, version, headers, body)

    def _maybe_continue(self, headers: dict[str, str]) -> None:
        # curl sends "Expect: 100-continue" for bodies over 1 KiB and waits a second without it
        if not self.sent_continue and headers.get("expect", "").lower() == "100-continue" and self.transport:
            self.sent_continue = True
            self.transport.write(b"HTTP/1.1 100 Continue\r\n\r\n")

    def _take_chunked(self) -> bytes | None:
        buf = self.buf
        pos = 0
        out = bytearray()
        while True:
            eol = buf.find(b"\r\n", pos)
            if eol < 0:
                return None
            size_text = bytes(buf[pos:eol]).split(b";", 1)[0].strip()
            try:
                size = int(size_text, 16)
            except ValueError:
                raise _BadRequest(400, "bad chunk size") from None
            pos = eol + 2
            if size == 0:
                # trailers end with an empty line
                end = buf.find(b"\r\n", pos)
                while end >= 0 and end != pos:
                    pos = end + 2
                    end = buf.find(b"\r\n", pos)
                if end < 0:
                    return None
                del buf[: end + 2]
                return bytes(out)
            if len(buf) < pos + size + 2:
                return None
            out += buf[pos: pos + size]
            pos += size + 2
            if len(out) > MAX_BODY_BYTES:
                raise _BadRequest(413, "request body too large")

    @staticmethod
    def _keep_alive(req: Request) -> bool:
        conn = req.headers.get("connection", "").lower()
        if req.version == "HTTP/1.0":
            return "keep-alive" in conn
        return "close" not in conn

    # --- writing ---

    def _head_bytes(self, resp: Response, body_len: int, close: bool) -> bytes:
        lines = [f"HTTP/1.1 {resp.status} {resp.reason or _reason(resp.status)}\r\n"
                 f"Server: pricelookup-sandbox\r\nDate: {self.server.dates.get()}\r\n"]
        if resp.content_type:
            lines.append(f"Content-Type: {resp.content_type}\r\n")
        lines.append(f"Content-Length: {body_len}\r\n")
        for name, value in resp.headers:
            lines.append(f"{name}: {value}\r\n")
        if close:
            lines.append("Connection: close\r\n")
        lines.append("\r\n")
        return "".join(lines).encode("latin-1")

    def _write(self, resp: Response, *, head_only: bool, close: bool) -> None:
        t = self.transport
        if t is None or self.closed:
            return
        head = self._head_bytes(resp, len(resp.body), close)
        t.write(head if head_only else head + resp.body)
        if close:
            self.closed = True
            t.close()

    def _reset(self) -> None:
        """Drop the connection with a TCP RST, as a crashed proxy would."""
        t = self.transport
        if t is None:
            return
        self.closed = True
        sock = t.get_extra_info("socket")
        with contextlib.suppress(OSError, AttributeError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        t.abort()

    async def _deliver(self, req: Request, resp: Response, keep_alive: bool) -> None:
        try:
            if resp.delay:
                await asyncio.sleep(resp.delay)
            t = self.transport
            if t is None or self.closed:
                return
            if resp.reset:
                self._reset()
                return
            body = b"" if req.method == "HEAD" else resp.body
            if resp.cut:
                t.write(self._head_bytes(resp, len(body), False) + body[: len(body) // 2])
                await asyncio.sleep(0.02)  # let the first half reach the client, then reset
                self._reset()
                return
            if resp.slow_seconds:
                t.write(self._head_bytes(resp, len(body), not keep_alive))
                pieces = max(2, min(20, len(body) // 16 or 2))
                step = -(-len(body) // pieces) or 1
                for i in range(0, len(body), step):
                    await asyncio.sleep(resp.slow_seconds / pieces)
                    if self.closed:
                        return
                    t.write(body[i: i + step])
                if not keep_alive:
                    self.closed = True
                    t.close()
                return
            self._write(resp, head_only=req.method == "HEAD", close=not keep_alive)
        finally:
            self.busy = False
            if not self.closed and self.buf:
                self._process()


class HttpServer:
    """Serves ``app`` on ``host:port`` (port 0: a free one) in the running event loop."""

    def __init__(self, app: App, host: str = "127.0.0.1", port: int = 0, *,
                 ticker: Callable[[], None] | None = None, tick_seconds: float = 0.05) -> None:
        self.app = app
        self.ticker = ticker
        self.tick_seconds = tick_seconds
        self._tick_handle: asyncio.TimerHandle | None = None
        self.host = host
        self.port = port
        self.dates = _DateCache()
        self.connections: set[_Connection] = set()
        self._server: asyncio.base_events.Server | None = None
        self._tasks: set[asyncio.Task[object]] = set()

    async def start(self) -> None:
        """Bind and start accepting connections; ``port`` holds the real port afterwards."""
        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(
            lambda: _Connection(self), self.host, self.port, reuse_address=True, backlog=1024)
        self.port = self._server.sockets[0].getsockname()[1]
        if self.ticker is not None:
            self._tick_handle = loop.call_later(self.tick_seconds, self._tick)

    def _tick(self) -> None:
        try:
            if self.ticker is not None:
                self.ticker()
        except Exception:  # background work must never stop the server
            log.exception("sandbox background work failed")
        self._tick_handle = asyncio.get_running_loop().call_later(self.tick_seconds, self._tick)

    def spawn(self, coro: Coroutine[Any, Any, object]) -> None:
        """Run a delivery coroutine, keeping a reference so it is not garbage-collected."""
        task = asyncio.get_running_loop().create_task(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def stop(self) -> None:
        """Stop accepting, drop open connections, cancel deliveries in flight."""
        if self._tick_handle is not None:
            self._tick_handle.cancel()
        if self._server is not None:
            self._server.close()
        for conn in list(self.connections):
            if conn.transport is not None:
                conn.transport.abort()
        for task in list(self._tasks):
            task.cancel()
        if self._server is not None:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2.0)


def parse_query(qs: str) -> dict[str, list[str]]:
    """``parse_qs(qs, keep_blank_values=True)``, faster for the plain ``a=b&c=d`` that clients send."""
    out: dict[str, list[str]] = {}
    if not qs:
        return out
    for part in qs.split("&"):
        if not part:
            continue
        name, _eq, value = part.partition("=")
        if "%" in part or "+" in part:
            name, value = unquote_plus(name), unquote_plus(value)
        out.setdefault(name, []).append(value)
    return out


def split_path(raw_path: str) -> list[str]:
    """Path segments, each percent-decoded on its own (so an encoded ``/`` stays inside its segment)."""
    return [unquote(p) for p in raw_path.split("/") if p]
