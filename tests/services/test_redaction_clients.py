"""Keys never leave the process in any output: a server that echoes the key back, in every shape.

A loopback HTTP server (real sockets, so httpx *and* httpcore log as in production)
answers every request with the key it received echoed back: in a JSON
``reason``/``message``/``error``/``detail``, an HTML error page, the status line,
response headers, a redirect's ``Location`` (query and host), a job status. For
each client call the resulting exception (``str``, ``repr``, the formatted
traceback, its attributes) and every log record at DEBUG must be free of the
key, whatever its case and however it was percent-encoded.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import threading
import traceback
from collections.abc import Awaitable, Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import httpx
import pytest

from pricelookup.errors import ServiceError
from pricelookup.logsetup import LIBRARY_LOGGERS, redact_library_loggers
from pricelookup.redaction import RedactingFilter
from pricelookup.services.client import ServiceClient
from pricelookup.services.http import HttpPolicy
from pricelookup.services.monitorize import MonitorizeClient
from pricelookup.services.officiscan import OfficiscanClient
from pricelookup.services.priceapi import PriceApiClient, priceapi_error
from pricelookup.services.snipcart import SnipcartClient
from warpclock import WarpClock

# Mixed case on purpose: the leak this guards against came out lower-cased. Letters and digits
# only, so that a key can also be echoed as a host name.
PRICEAPI_KEY = "PlantedPriceApiKey0123456789abcdefXYZ"
OFFICISCAN_KEY = "ocPlantedOfficiScanKey0123456789XYZ"
MONITORIZE_KEY = "PlantedMonitorizeKey0123456789abcXYZ"
SNIPCART_KEY = "PlantedSnipcartKey0123456789abcdefXYZ"
ALL_KEYS = (PRICEAPI_KEY, OFFICISCAN_KEY, MONITORIZE_KEY, SNIPCART_KEY)


def key_forms(key: str) -> list[str]:
    """How a key may leak: as is, percent-encoded, and any 12-character piece of it (a cut key)."""
    forms = [key, quote(key, safe=""), "".join(f"%{b:02x}" for b in key.encode())]
    forms += [key[i:i + 12] for i in range(len(key) - 11)]
    return forms


def assert_no_key(text: str, keys: tuple[str, ...] = ALL_KEYS, where: str = "") -> None:
    """No form of any planted key in ``text``, compared case-insensitively."""
    low = text.lower()
    for key in keys:
        for form in key_forms(key):
            assert form.lower() not in low, f"{where}: the key leaked as {form!r} in:\n{text}"


def echo(key: str) -> str:
    """A server message that repeats ``key`` in every form it could come back in."""
    pct = "".join(f"%{b:02x}" for b in key.encode())
    return f"Unsupported source for token {key} ({key.lower()} / {key.upper()} / {pct} / {quote(key.lower())})"


# --- the echoing server ------------------------------------------------------------------------------


def received_key(handler: BaseHTTPRequestHandler, body: bytes) -> str:
    """The key of a request, wherever it travelled (query, form, Bearer, Basic, Apitoken)."""
    query = parse_qs(urlsplit(handler.path).query)
    if "token" in query:
        return query["token"][0]
    form = parse_qs(body.decode("utf-8", "replace"))
    if "token" in form:
        return form["token"][0]
    auth = handler.headers.get("Authorization", "")
    if auth.startswith("Bearer "):
        return auth[len("Bearer "):]
    if auth.startswith("Basic "):
        return base64.b64decode(auth[len("Basic "):]).decode().rstrip(":")
    return handler.headers.get("Apitoken", "")


class EchoServer:
    """A loopback server answering every request in one ``shape`` that echoes the key back."""

    def __init__(self) -> None:
        self.shape = "json_reason_400"
        self.seen: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # quiet test output
                pass

            def do_GET(self) -> None:
                server.answer(self, b"")

            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                server.answer(self, body)

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> EchoServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def answer(self, h: BaseHTTPRequestHandler, body: bytes) -> None:
        key = received_key(h, body)
        self.seen.append(h.path)
        said = echo(key)
        # every answer also carries the key in its headers (httpcore logs them at DEBUG)
        headers = [("X-Echo-Token", key), ("X-Echo-Lower", key.lower()),
                   ("WWW-Authenticate", f'Bearer error="invalid_token", token="{key}"')]
        status, ctype, phrase = 400, "application/json", None
        shape = self.shape
        if urlsplit(h.path).path.endswith("/elsewhere"):  # the target of redirect_query
            status, payload = 404, json.dumps({"message": said}).encode()
        elif shape == "json_reason_400":
            payload = json.dumps({"success": False, "reason": said}).encode()
        elif shape == "json_reason_200":
            status, payload = 200, json.dumps({"success": False, "reason": said}).encode()
        elif shape == "json_message_401":
            status, payload = 401, json.dumps({"message": said}).encode()
        elif shape == "json_error_403":
            status, payload = 403, json.dumps({"error": said, "error_description": said}).encode()
        elif shape == "json_detail_422":
            status, payload = 422, json.dumps({"detail": said}).encode()
        elif shape == "json_429":
            status, payload = 429, json.dumps({"success": False, "reason": said}).encode()
            headers.append(("Retry-After", "0"))
        elif shape == "json_500":
            status, payload = 500, json.dumps({"success": False, "reason": said, "message": said}).encode()
        elif shape == "html_500":
            status, ctype = 500, "text/html"
            payload = f"<html><body><h1>Internal Server Error</h1><p>{said}</p></body></html>".encode()
        elif shape == "html_404":
            status, ctype = 404, "text/html"
            payload = f"<html><body><h1>Not Found</h1><p>{said}</p></body></html>".encode()
        elif shape == "reason_phrase":
            phrase = f"Bad token {key.lower()}"
            payload = b"{}"
        elif shape == "header_only":
            ctype, payload = "text/plain", b"refused"
        elif shape == "redirect_query":
            status, payload = 302, b""
            headers.append(("Location", f"{self.url}/priceapi/elsewhere?token={key}&copy={key.lower()}"))
        elif shape == "redirect_host":
            status, payload = 302, b""
            headers.append(("Location", f"http://{key}.example.invalid/x?token={key}"))
        elif shape == "job_status_echo":
            status, payload = 200, json.dumps({"job_id": "job1", "status": key, "requested": 1}).encode()
        else:  # pragma: no cover - a typo in a test
            raise AssertionError(shape)
        h.send_response(status, phrase)
        h.send_header("Content-Type", ctype)
        h.send_header("Content-Length", str(len(payload)))
        for name, value in headers:
            h.send_header(name, value)
        h.end_headers()
        h.wfile.write(payload)


SHAPES = ("json_reason_400", "json_reason_200", "json_message_401", "json_error_403", "json_detail_422", "json_429",
          "json_500", "html_500", "html_404", "reason_phrase", "header_only", "redirect_query", "redirect_host",
          "job_status_echo")


def quick_policy() -> HttpPolicy:
    """Retries without waiting: backoff, Retry-After and the pacing after a 429/503 pass on a warp
    clock (a sleep that did not move the clock would leave the pacing waiting for real time)."""
    clock = WarpClock()
    return HttpPolicy(clock=clock, sleep=clock.sleep, max_attempts=2)


Call = Callable[[Any], Awaitable[Any]]

CALLS: dict[str, tuple[type[ServiceClient], str, str, Call]] = {
    "priceapi_usage": (PriceApiClient, "priceapi", PRICEAPI_KEY, lambda c: c.usage_today()),
    "priceapi_status": (PriceApiClient, "priceapi", PRICEAPI_KEY, lambda c: c.job_status("job1")),
    "priceapi_results": (PriceApiClient, "priceapi", PRICEAPI_KEY, lambda c: c.results("job1")),
    "priceapi_create": (PriceApiClient, "priceapi", PRICEAPI_KEY,
                        lambda c: c.create_job(source="google-shopping", country="fr", key="gtin",
                                               values=["03017620422003"])),
    "officiscan": (OfficiscanClient, "officiscan", OFFICISCAN_KEY, lambda c: c.snapshots("3017620422003")),
    "monitorize": (MonitorizeClient, "monitorize", MONITORIZE_KEY, lambda c: c.all_offers()),
    "snipcart": (SnipcartClient, "snipcart", SNIPCART_KEY, lambda c: c.products()),
}


@pytest.fixture(scope="module")
def echo_server() -> Iterator[EchoServer]:
    with EchoServer() as server:
        yield server


@pytest.fixture
def debug_logs(caplog: pytest.LogCaptureFixture) -> Iterator[pytest.LogCaptureFixture]:
    """Every record at DEBUG, httpx and httpcore included, as the app's logging set-up leaves them."""
    before = {name: list(logging.getLogger(name).filters) for name in LIBRARY_LOGGERS}
    redact_library_loggers()
    caplog.set_level(logging.DEBUG)
    for name in ("httpx", "httpcore", "pricelookup"):
        caplog.set_level(logging.DEBUG, logger=name)
    yield caplog
    for name, filters in before.items():
        logging.getLogger(name).filters[:] = filters


def exception_text(exc: BaseException) -> str:
    """Everything about ``exc`` that could be printed: str, repr, traceback, attributes."""
    return "\n".join([str(exc), repr(exc), "".join(traceback.format_exception(exc)), repr(vars(exc))])


def log_text(caplog: pytest.LogCaptureFixture) -> str:
    parts = [caplog.text]
    for record in caplog.records:
        parts.append(record.getMessage())
        if record.exc_text:
            parts.append(record.exc_text)
    return "\n".join(parts)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("call", sorted(CALLS))
def test_no_key_in_errors_or_logs_whatever_the_server_echoes(echo_server: EchoServer, debug_logs, call: str,
                                                             shape: str) -> None:
    client_cls, prefix, key, do = CALLS[call]
    echo_server.shape = shape

    async def main() -> None:
        async with client_cls(f"{echo_server.url}/{prefix}", key, policy=quick_policy()) as client:
            await do(client)

    with pytest.raises(ServiceError) as info:
        asyncio.run(main())
    assert_no_key(exception_text(info.value), where=f"{call}/{shape}: the exception")
    assert_no_key(log_text(debug_logs), where=f"{call}/{shape}: the log")
    # the logs are not empty: the key was really sent and the library did log (and was redacted)
    assert any(r.name == "httpx" for r in debug_logs.records)


def test_the_echo_really_reaches_the_messages_and_logs(echo_server: EchoServer, debug_logs) -> None:
    """The server's words still reach the analyst, with the key taken out (the test would pass vacuously
    if the echo never got anywhere)."""
    echo_server.shape = "json_reason_400"

    async def main() -> None:
        async with PriceApiClient(f"{echo_server.url}/priceapi", PRICEAPI_KEY, policy=quick_policy()) as client:
            await client.usage_today()

    with pytest.raises(ServiceError) as info:
        asyncio.run(main())
    assert "unsupported source for token [redacted]" in str(info.value).lower()
    echo_server.shape = "header_only"
    with pytest.raises(ServiceError):
        asyncio.run(main())
    text = log_text(debug_logs)
    assert "x-echo-token" in text.lower() and "[redacted]" in text  # httpcore's header trace, scrubbed
    assert_no_key(text)


# --- without a server: the pure pieces ---------------------------------------------------------------


def test_priceapi_reason_is_redacted_before_it_is_lower_cased() -> None:
    """The leak as reported: the reason was lower-cased, then redacted case-sensitively (too late)."""
    err = priceapi_error("Unsupported source for token PLANTEDKEY123abc", what="GET /v2/me/usage_today",
                         secrets=("PLANTEDKEY123abc",))
    assert err is not None
    assert_no_key(exception_text(err), ("PLANTEDKEY123abc",))
    # still readable, in the service's own case
    assert "Unsupported source for token [redacted]" in str(err)


@pytest.mark.parametrize("body", [
    {"success": False, "reason": f"unauthorized token {PRICEAPI_KEY.upper()}"},
    {"success": False, "reason": f"bad token {quote(PRICEAPI_KEY.lower())}"},
    {"success": False, "reason": "token=" + "".join(f"%{b:02X}" for b in PRICEAPI_KEY.encode())},
])
def test_priceapi_request_errors_on_a_mock_transport(body: dict[str, Any], debug_logs) -> None:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, json=body)

    async def main() -> None:
        async with PriceApiClient("https://api.example.test", PRICEAPI_KEY, transport=httpx.MockTransport(handler),
                                  policy=quick_policy()) as client:
            await client.usage_today()

    with pytest.raises(ServiceError) as info:
        asyncio.run(main())
    assert_no_key(exception_text(info.value))
    assert_no_key(log_text(debug_logs))


def test_product_reasons_never_carry_the_token() -> None:
    """Failed products' reasons go to the journal and the Errors sheet: the token is taken out."""
    results = {"job_id": "job1", "status": "finished", "free_credits": 0, "paid_credits": 1, "products": [
        {"value": "03017620422003", "success": False, "reason": f"failed to access source for {PRICEAPI_KEY.lower()}"},
        {"value": "04006381333931", "success": False, "reason": "not found"},
    ]}

    async def main() -> Any:
        transport = httpx.MockTransport(lambda _r: httpx.Response(200, json=results))
        async with PriceApiClient("https://api.example.test", PRICEAPI_KEY, transport=transport,
                                  policy=quick_policy()) as client:
            return await client.results("job1")

    got = asyncio.run(main())
    reasons = [p.reason for p in got.products]
    assert reasons == ["failed to access source for [redacted]", "not found"]


def test_a_key_known_only_to_the_process_is_scrubbed_from_any_error(debug_logs) -> None:
    """A message built without the key at hand (a redirect's host name) is still scrubbed: the client
    told the process-wide set of keys."""
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"Location": f"http://{SNIPCART_KEY}.example.invalid/"})

    async def main() -> None:
        async with PriceApiClient("https://api.example.test", SNIPCART_KEY, transport=httpx.MockTransport(handler),
                                  policy=quick_policy()) as client:
            await client.results("job1")

    with pytest.raises(ServiceError) as info:
        asyncio.run(main())
    assert "plain-HTTP" in str(info.value)
    assert_no_key(exception_text(info.value))


def test_library_loggers_redact_before_any_handler() -> None:
    """A record made on httpx's logger is clean even for a handler without the redacting filter."""
    before = list(logging.getLogger("httpx").filters)
    redact_library_loggers()
    redact_library_loggers()  # idempotent
    try:
        assert sum(isinstance(f, RedactingFilter) for f in logging.getLogger("httpx").filters) == 1
        record = logging.getLogger("httpx").makeRecord(
            "httpx", logging.INFO, __file__, 1, "HTTP Request: %s %s", ("GET", f"https://x/?token={PRICEAPI_KEY}"),
            None)
        assert logging.getLogger("httpx").filter(record)
        assert_no_key(record.getMessage())
    finally:
        logging.getLogger("httpx").filters[:] = before
