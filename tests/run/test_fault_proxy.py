"""``pricelookup run`` through a fault proxy of our own, as an outside tester would try it.

Whatever the road does to the requests — resets after the body, late answers, a gateway's
504 after forwarding, a 401 mid-run, a Retry-After of a day, a server echoing the key —
the CLI ends with one message and a documented exit code, never a traceback, never a value
submitted twice, and never the key in any output.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from runhelpers import make_input

from faultproxy import ACTIONS, FaultProxy
from pricelookup import cli

PLANTED = "PlantedKey0123456789abcdefXYZ"


def _env(monkeypatch: pytest.MonkeyPatch, proxy: FaultProxy) -> None:
    for service in ("priceapi", "officiscan", "monitorize"):
        monkeypatch.setenv(f"PRICELOOKUP_{service.upper()}_URL", f"{proxy.url}/{service}")
    monkeypatch.setenv("PRICELOOKUP_PRICEAPI_TOKEN", PLANTED)
    monkeypatch.setenv("PRICELOOKUP_OFFICISCAN_KEY", "oc_" + PLANTED)
    monkeypatch.setenv("PRICELOOKUP_MONITORIZE_KEY", PLANTED)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")


def _check_outputs(tmp_path: Path, out: str, err: str) -> None:
    assert "Traceback" not in err and "ExceptionGroup" not in err, err
    texts = [out, err]
    for path in tmp_path.rglob("*"):
        if path.is_file() and path.suffix in (".log", ".txt", ".json", ".csv"):
            texts.append(path.read_text(encoding="utf-8", errors="replace"))
    for text in texts:
        assert PLANTED.lower() not in text.lower()


@pytest.mark.slow
@pytest.mark.parametrize("seed", range(4))
def test_random_road_faults_end_cleanly_and_never_pay_twice(tmp_path, sandbox_factory, monkeypatch, capsys, seed,
                                                            cli_on_warp):
    sb = sandbox_factory(job_seconds=0.3)
    rng = random.Random(seed)
    weights = {"pass": 12, "reset_unforwarded": 1, "reset_after_forward": 1, "late": 1, "gateway_504": 1,
               "unauthorized": 0.3, "retry_after_day": 0.3, "echo_key": 0.5}

    def plan(method: str, path: str, n: int) -> str:
        return rng.choices(list(weights), weights=list(weights.values()))[0]

    inp = make_input(tmp_path / "codes.csv", 2500)
    with FaultProxy(sb.url, plan, late_seconds=0.5) as proxy:
        _env(monkeypatch, proxy)
        # OfficiScan off: at its 20 requests/s, 2,500 codes would take two minutes
        code = cli.main(["run", str(inp.path), "-o", str(tmp_path / "o.xlsx"), "--data-dir", str(tmp_path / "d"),
                         "--no-officiscan"])
    captured = capsys.readouterr()
    assert code in (cli.EXIT_OK, cli.EXIT_FAILED_ROWS, cli.EXIT_SERVICE), (code, captured.err)
    _check_outputs(tmp_path, captured.out, captured.err)
    stats = sb.stats()["priceapi"]
    assert stats["values_submitted"] == stats["values_submitted_distinct"]  # never paid twice
    assert {a for _, _, a in proxy.seen} <= set(ACTIONS)


@pytest.mark.parametrize("action,code,words", [
    ("gateway_504", cli.EXIT_FAILED_ROWS, "HTTP 504"),
    ("reset_after_forward", cli.EXIT_FAILED_ROWS, "--resend-uncertain"),
    ("unauthorized", cli.EXIT_SERVICE, "token was refused"),
    ("retry_after_day", cli.EXIT_SERVICE, "Run again after"),
    ("echo_key", cli.EXIT_SERVICE, "Unsupported source for token"),
])
def test_each_fault_on_the_second_job_submission(tmp_path, sandbox_factory, monkeypatch, capsys, action, code, words,
                                                 cli_on_warp):
    sb = sandbox_factory(job_seconds=0.3)
    posts = 0

    def plan(method: str, path: str, n: int) -> str:
        nonlocal posts
        if method == "POST" and path.endswith("/jobs"):
            posts += 1
            if posts == 2:
                return action
        return "pass"

    inp = make_input(tmp_path / "codes.csv", 1500)
    with FaultProxy(sb.url, plan) as proxy:
        _env(monkeypatch, proxy)
        got = cli.main(["run", str(inp.path), "-o", str(tmp_path / "o.xlsx"), "--data-dir", str(tmp_path / "d"),
                        "--no-officiscan", "--no-monitorize"])
    captured = capsys.readouterr()
    assert got == code, captured.err
    assert words in captured.err
    _check_outputs(tmp_path, captured.out, captured.err)
    stats = sb.stats()["priceapi"]
    assert stats["values_submitted"] == stats["values_submitted_distinct"]
    assert (tmp_path / "o.xlsx").exists()  # the rows answered so far, whatever stopped the run
