"""A small fault proxy of our own between a client and the sandbox, on 127.0.0.1.

The sandbox's own fault injection is the server failing; this is the road to it failing:
a connection reset after the request body (forwarded or not), an answer that comes late,
a gateway's 504 *after* the request was forwarded (the job exists), a 401 mid-run, a
Retry-After of a day, and a server echoing the key it received in its error.

One request per connection (``Connection: close``); ``plan(method, path, n)`` picks the
action for the n-th request (1-based). Runs its own event loop in a thread.
"""

from __future__ import annotations

import asyncio
import socket
import struct
import threading
from collections.abc import Callable
from urllib.parse import parse_qs, urlsplit

Action = str  # pass | reset_unforwarded | reset_after_forward | late | gateway_504 | unauthorized | retry_after_day | echo_key
ACTIONS = ("pass", "reset_unforwarded", "reset_after_forward", "late", "gateway_504", "unauthorized",
           "retry_after_day", "echo_key")


def _reset(writer: asyncio.StreamWriter) -> None:
    sock = writer.get_extra_info("socket")
    if sock is not None:  # RST instead of FIN: what a crashed middlebox does
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    writer.close()


def _response(status: int, reason: str, body: bytes, ctype: str = "application/json",
              extra: tuple[tuple[str, str], ...] = ()) -> bytes:
    head = [f"HTTP/1.1 {status} {reason}", f"Content-Type: {ctype}", f"Content-Length: {len(body)}",
            "Connection: close", *(f"{k}: {v}" for k, v in extra)]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


class FaultProxy:
    """Forward ``http://127.0.0.1:PORT/...`` to ``upstream`` with the faults ``plan`` chooses."""

    def __init__(self, upstream: str, plan: Callable[[str, str, int], Action], *, late_seconds: float = 1.0) -> None:
        parts = urlsplit(upstream)
        self.up_host, self.up_port = parts.hostname or "127.0.0.1", parts.port or 80
        self.plan = plan
        self.late_seconds = late_seconds
        self.count = 0
        self.seen: list[tuple[str, str, Action]] = []
        self._loop = asyncio.new_event_loop()
        self._ready = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.url = ""

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        server = self._loop.run_until_complete(asyncio.start_server(self._handle, "127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{server.sockets[0].getsockname()[1]}"
        self._server = server
        self._ready.set()
        self._loop.run_forever()
        server.close()
        self._loop.run_until_complete(server.wait_closed())

    def __enter__(self) -> FaultProxy:
        self._thread.start()
        self._ready.wait(10)
        return self

    def __exit__(self, *exc: object) -> None:
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(10)

    async def _read_request(self, reader: asyncio.StreamReader) -> tuple[bytes, str, str, bytes] | None:
        try:
            head = await reader.readuntil(b"\r\n\r\n")
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ConnectionError):
            return None
        lines = head.decode("latin-1").split("\r\n")
        method, target, _ = lines[0].split(" ", 2)
        length = 0
        for line in lines[1:]:
            if line.lower().startswith("content-length:"):
                length = int(line.split(":", 1)[1])
        body = await reader.readexactly(length) if length else b""
        return head, method, target, body

    async def _forward(self, head: bytes, body: bytes) -> bytes:
        lines = head.decode("latin-1").split("\r\n")
        kept = [ln for ln in lines[1:] if ln and not ln.lower().startswith(("connection:", "keep-alive:"))]
        request = "\r\n".join([lines[0], *kept, "Connection: close", "", ""]).encode("latin-1") + body
        r, w = await asyncio.open_connection(self.up_host, self.up_port)
        w.write(request)
        await w.drain()
        data = await r.read()
        w.close()
        return data

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            got = await self._read_request(reader)
            if got is None:
                writer.close()
                return
            head, method, target, body = got
            self.count += 1
            path = urlsplit(target).path
            action = self.plan(method, path, self.count)
            self.seen.append((method, path, action))
            if action == "reset_unforwarded":
                _reset(writer)
                return
            if action == "unauthorized":
                writer.write(_response(401, "Unauthorized", b'{"success": false, "reason": "unauthorized"}'))
            elif action == "retry_after_day":
                writer.write(_response(429, "Too Many Requests", b"<html>slow down</html>", "text/html",
                                       (("Retry-After", "86400"),)))
            elif action == "echo_key":
                query = parse_qs(urlsplit(target).query)
                form = parse_qs(body.decode("latin-1")) if body else {}
                headers = head.decode("latin-1")
                token = (query.get("token") or form.get("token") or [headers])[0]
                reason = f"Unsupported source for token {token}".encode("latin-1", "replace")
                writer.write(_response(400, "Bad Request", b'{"success": false, "reason": "' +
                                       reason.replace(b'"', b"'").replace(b"\r\n", b" ") + b'"}'))
            else:
                answer = await self._forward(head, body)
                if action == "reset_after_forward":
                    _reset(writer)
                    return
                if action == "late":
                    await asyncio.sleep(self.late_seconds)
                if action == "gateway_504":
                    answer = _response(504, "Gateway Time-out", b"<html>504 Gateway Time-out</html>", "text/html")
                writer.write(answer)
            await writer.drain()
            writer.close()
        except (ConnectionError, OSError):
            writer.close()
