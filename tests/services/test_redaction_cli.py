"""`pricelookup run` end to end against services that echo the keys back: no key in any output.

The keys come from the environment (as in automation), the services' addresses from
``PRICELOOKUP_<SERVICE>_URL`` pointing at a loopback double that repeats the key it
received in every answer: error reasons, messages, status lines, headers, a
redirect's query, the failed products' reasons. Then stdout, stderr (with ``-v``:
httpx logs every URL) and every file the run wrote (journal, workbook, anything
under the temporary home) are searched for the keys, case-insensitively.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import zipfile
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from test_redaction_clients import (
    MONITORIZE_KEY,
    OFFICISCAN_KEY,
    PRICEAPI_KEY,
    SNIPCART_KEY,
    assert_no_key,
    echo,
    received_key,
)

CODES = ("3017620422003", "4006381333931", "5901234123457")


class EchoingServices:
    """PriceAPI, OfficiScan and Monitorize on one loopback port, every answer echoing the key.

    ``mode`` ``"request_error"``: PriceAPI refuses the first call with
    ``{"success": false, "reason": "Unsupported source for token <KEY>"}`` (the leak as
    reported). ``"full"``: a whole run goes through (usage, job, status, a redirected
    download whose products failed "for token <KEY>"), while OfficiScan and Monitorize
    refuse the key with an echo.
    """

    def __init__(self, mode: str) -> None:
        self.mode = mode
        self.keys_seen: set[str] = set()
        self.values: list[str] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                outer.answer(self, b"")

            def do_POST(self) -> None:
                outer.answer(self, self.rfile.read(int(self.headers.get("Content-Length") or 0)))

        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self._httpd.server_address[1]}"
        self._thread = threading.Thread(target=self._httpd.serve_forever, daemon=True)

    def __enter__(self) -> EchoingServices:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()

    def answer(self, h: BaseHTTPRequestHandler, body: bytes) -> None:
        key = received_key(h, body)
        self.keys_seen.add(key)
        path = urlsplit(h.path).path
        headers = [("X-Echo-Token", key), ("X-Echo-Lower", key.lower())]
        status, phrase, payload = 200, None, b"{}"
        if path.startswith("/officiscan/"):
            status, phrase = 401, f"Unauthorized {key.lower()}"
            payload = json.dumps({"message": echo(key)}).encode()
        elif path.startswith("/monitorize/"):
            status, payload = 403, json.dumps({"error": echo(key)}).encode()
        elif path == "/priceapi/v2/me/usage_today":
            if self.mode == "request_error":
                payload = json.dumps({"success": False, "reason": f"Unsupported source for token {key}"}).encode()
            else:
                payload = json.dumps({"usage": {"date": date.today().isoformat(), "credits": 0, "free_credits": 0,
                                                "paid_credits": 0, "quota": 100_000}}).encode()
        elif path == "/priceapi/jobs" and h.command == "POST":
            self.values = parse_qs(body.decode())["values"][0].split("\n")
            payload = json.dumps({"job_id": "job1", "status": "new", "requested": len(self.values)}).encode()
        elif path == "/priceapi/jobs/job1":
            n = len(self.values)
            payload = json.dumps({"job_id": "job1", "status": "finished", "requested": n, "completed": n,
                                  "progress": 100}).encode()
        elif path == "/priceapi/products/bulk/job1":
            status, payload = 302, b""
            headers.append(("Location", f"{self.url}/priceapi/download/job1?token={key}"))
        elif path == "/priceapi/download/job1":
            products = [{"source": "google-shopping", "country": "fr", "key": "gtin", "value": v, "success": False,
                         "reason": f"failed to access source: {echo(key)}"} for v in self.values]
            payload = json.dumps({"job_id": "job1", "status": "finished", "free_credits": 0,
                                  "paid_credits": len(products), "products": products}).encode()
        else:
            status, payload = 404, json.dumps({"success": False, "reason": echo(key)}).encode()
        h.send_response(status, phrase)
        h.send_header("Content-Type", "application/json")
        h.send_header("Content-Length", str(len(payload)))
        for name, value in headers:
            h.send_header(name, value)
        h.end_headers()
        h.wfile.write(payload)


def everything_written(root: Path) -> str:
    """The text of every file under ``root``; workbooks (zip) unpacked member by member."""
    parts = []
    for path in sorted(p for p in root.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if zipfile.is_zipfile(path):
            with zipfile.ZipFile(path) as z:
                data = b"\n".join(z.read(name) for name in z.namelist())
        parts.append(f"--- {path}\n" + data.decode("latin-1"))
    return "\n".join(parts)


@pytest.fixture
def run_cli(tmp_path: Path) -> Iterator[Any]:
    def run(services: EchoingServices) -> tuple[subprocess.CompletedProcess[str], Path]:
        home = tmp_path / "home"
        (tmp_path / "codes.csv").write_text("ean\n" + "\n".join(CODES) + "\n", encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if not k.startswith("PRICELOOKUP_")}
        env.update({
            "HOME": str(home), "XDG_DATA_HOME": str(home / "data"), "XDG_STATE_HOME": str(home / "state"),
            "XDG_CACHE_HOME": str(home / "cache"), "XDG_CONFIG_HOME": str(home / "config"),
            "PRICELOOKUP_DATA_DIR": str(tmp_path / "journal"),
            "PRICELOOKUP_PRICEAPI_TOKEN": PRICEAPI_KEY, "PRICELOOKUP_OFFICISCAN_KEY": OFFICISCAN_KEY,
            "PRICELOOKUP_MONITORIZE_KEY": MONITORIZE_KEY, "PRICELOOKUP_SNIPCART_KEY": SNIPCART_KEY,
            "PRICELOOKUP_PRICEAPI_URL": f"{services.url}/priceapi",
            "PRICELOOKUP_OFFICISCAN_URL": f"{services.url}/officiscan",
            "PRICELOOKUP_MONITORIZE_URL": f"{services.url}/monitorize",
            "PRICELOOKUP_SNIPCART_URL": f"{services.url}/snipcart",
            # never a real keyring, never the internet (a proxy nobody listens on)
            "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring",
            "HTTPS_PROXY": "http://127.0.0.1:9", "HTTP_PROXY": "http://127.0.0.1:9", "ALL_PROXY": "http://127.0.0.1:9",
        })
        proc = subprocess.run(
            [sys.executable, "-m", "pricelookup", "-v", "run", str(tmp_path / "codes.csv"), "-o",
             str(tmp_path / "out.xlsx")],
            cwd=tmp_path, env=env, capture_output=True, text=True, timeout=180)
        return proc, tmp_path

    yield run


@pytest.mark.slow  # a whole `pricelookup run` in a fresh interpreter
def test_a_refusal_echoing_the_token_is_printed_without_it(run_cli) -> None:
    """The reported leak: PriceAPI's reason echoed the token and stderr showed it lower-cased."""
    with EchoingServices("request_error") as services:
        proc, root = run_cli(services)
    assert PRICEAPI_KEY in services.keys_seen  # the planted key really was sent
    assert proc.returncode == 3, proc.stderr
    assert "pricelookup: PriceAPI:" in proc.stderr and "[redacted]" in proc.stderr
    assert_no_key(proc.stdout, where="stdout")
    assert_no_key(proc.stderr, where="stderr")
    assert_no_key(everything_written(root), where="files")


@pytest.mark.slow  # a whole `pricelookup run` in a fresh interpreter
def test_a_whole_run_against_echoing_services_writes_no_key_anywhere(run_cli) -> None:
    with EchoingServices("full") as services:
        proc, root = run_cli(services)
    assert {PRICEAPI_KEY, OFFICISCAN_KEY, MONITORIZE_KEY} <= services.keys_seen
    assert proc.returncode in (0, 1), proc.stderr
    assert (root / "out.xlsx").is_file()
    # the echoes did reach every output, scrubbed
    assert "officiscan:" in proc.stdout and "[redacted]" in proc.stdout
    assert "HTTP Request: GET" in proc.stderr and "[redacted]" in proc.stderr
    written = everything_written(root)
    assert "failed to access source" in written and "[redacted]" in written
    assert_no_key(proc.stdout, where="stdout")
    assert_no_key(proc.stderr, where="stderr")
    assert_no_key(written, where="files")
