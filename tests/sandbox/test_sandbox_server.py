"""Shape: one loopback server, four prefixes, keys, the CLI command, HTTP/1.1 details."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import httpx
import pytest

from pricelookup.sandbox import SandboxConfig, running_sandbox
from pricelookup.services.client import tls_context

TOKEN = "test-token"


def test_one_server_on_loopback_serves_all_four_prefixes_and_stats(shared_sandbox, shared_client) -> None:
    assert shared_sandbox.url.startswith("http://127.0.0.1:")
    c = shared_client
    assert c.get("/priceapi/v2/me/usage_today", params={"token": TOKEN}).status_code == 200
    assert c.get("/officiscan/v1/snapshots", params={"ean": "3401351277399"},
                 headers={"Authorization": "Bearer oc_x"}).status_code == 200
    assert c.get("/monitorize/api/product/list/allOffers", headers={"Apitoken": "k"}).status_code == 200
    assert c.get("/snipcart/api/products", auth=("k", ""), headers={"Accept": "application/json"}).status_code == 200
    stats = c.get("/_sandbox/stats").json()
    assert set(stats) == {"priceapi", "officiscan", "monitorize", "snipcart"}
    assert {"requests", "jobs_created", "values_submitted", "values_submitted_distinct", "credits_charged",
            "faults_injected", "status_requests"} <= set(stats["priceapi"])
    assert {"requests", "faults_injected", "rate_limited"} <= set(stats["officiscan"])
    assert all(stats[s]["requests"] >= 1 for s in stats)
    assert shared_sandbox.stats()["monitorize"]["requests"] == stats["monitorize"]["requests"]
    assert c.get("/nowhere").status_code == 404


def test_bound_to_loopback_only(shared_sandbox) -> None:
    port = shared_sandbox.port
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("10.255.255.255", 1))  # no packet is sent: just picks the outgoing address
            other = probe.getsockname()[0]
        except OSError:
            other = None
    if other is None or other.startswith("127."):
        pytest.skip("no non-loopback address on this machine")
    with pytest.raises(OSError), socket.create_connection((other, port), timeout=1):
        pass


def test_invalid_key_gets_each_services_own_authentication_error(shared_client) -> None:
    c = shared_client
    r = c.get("/priceapi/v2/me/usage_today", params={"token": "invalid"})
    assert (r.status_code, r.json()) == (401, {"success": False, "reason": "unauthorized"})
    r = c.get("/officiscan/v1/snapshots", headers={"Authorization": "Bearer invalid"})
    assert r.status_code == 401 and r.json()["error"] == "unauthenticated"
    r = c.get("/monitorize/api/product/list/", headers={"Apitoken": "invalid"})
    assert (r.status_code, r.reason_phrase) == (401, "Erreur d'authentification")
    r = c.get("/snipcart/api/products", auth=("invalid", ""), headers={"Accept": "application/json"})
    assert r.status_code == 401 and "denied" in r.json()["message"]
    # any other key works
    assert c.get("/priceapi/v2/me/usage_today", params={"token": "x"}).status_code == 200


def test_keep_alive_pipelining_chunked_bodies_and_expect_100_continue(shared_sandbox) -> None:
    with socket.create_connection(("127.0.0.1", shared_sandbox.port), timeout=5) as s:
        path = f"/priceapi/v2/me/usage_today?token={TOKEN}"
        s.sendall(f"GET {path} HTTP/1.1\r\nHost: x\r\n\r\nGET {path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        data = b""
        while data.count(b"HTTP/1.1 200 OK") < 2:
            data += s.recv(65536)
        body = b"token=t&source=google-shopping&country=fr&key=gtin&values=3401351277399"
        chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(body), body)
        s.sendall(b"POST /priceapi/jobs HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                  b"Transfer-Encoding: chunked\r\nExpect: 100-continue\r\n\r\n")
        assert s.recv(100).startswith(b"HTTP/1.1 100 Continue")
        s.sendall(chunked)
        data = b""
        while b"job_id" not in data:
            data += s.recv(65536)
        assert b"HTTP/1.1 200 OK" in data and b'"requested":1' in data


def test_running_sandbox_frees_its_port_and_thread_when_done() -> None:
    with running_sandbox(SandboxConfig(job_seconds=0.1)) as sb:
        port = sb.port
        assert httpx.get(f"{sb.url}/_sandbox/stats").status_code == 200
    with pytest.raises(httpx.ConnectError):
        httpx.get(f"http://127.0.0.1:{port}/_sandbox/stats", timeout=2)


@pytest.mark.slow
def test_cli_sandbox_command_prints_the_four_base_urls_and_serves_until_interrupted() -> None:
    env = os.environ | {"PYTHONUNBUFFERED": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "pricelookup", "sandbox", "--job-seconds", "0.2",
                             "--parallel-jobs", "2", "--seed", "3", "--daily-quota", "55", "--officiscan-rate", "9"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        lines = [proc.stdout.readline() for _ in range(6)]
        base = lines[0].split(" at ")[1].strip()
        assert base.startswith("http://127.0.0.1:")
        for prefix in ("priceapi", "officiscan", "monitorize", "snipcart"):
            assert any(line.strip().endswith(f"{base}/{prefix}") for line in lines)
        usage = httpx.get(f"{base}/priceapi/v2/me/usage_today", params={"token": "t"}).json()
        assert usage["usage"]["quota"] == 55
        assert json.loads(httpx.get(f"{base}/_sandbox/stats").text)["priceapi"]["requests"] == 1
        proc.send_signal(signal.SIGINT)
        assert proc.wait(10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()


@pytest.mark.slow  # `pricelookup sandbox` in a fresh interpreter
def test_cli_sandbox_command_reports_a_busy_port(shared_sandbox) -> None:
    proc = subprocess.run([sys.executable, "-m", "pricelookup", "sandbox", "--port", str(shared_sandbox.port)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "--port" in proc.stderr


def test_many_concurrent_connections(shared_sandbox) -> None:
    import concurrent.futures

    def hit(i: int) -> int:
        with httpx.Client(verify=tls_context(trust_env=False), base_url=shared_sandbox.url) as c:
            return sum(c.get("/priceapi/v2/me/usage_today", params={"token": f"t{i}"}).status_code == 200
                       for _ in range(20))

    t0 = time.perf_counter()
    with concurrent.futures.ThreadPoolExecutor(8) as pool:
        assert sum(pool.map(hit, range(16))) == 320
    assert time.perf_counter() - t0 < 30
