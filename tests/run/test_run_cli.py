"""`pricelookup run` and `pricelookup runs` on the sandbox: output, summary, exit codes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from runhelpers import make_input

from pricelookup import cli
from pricelookup.cli.run import CliProgress
from pricelookup.run.api import list_runs, load_run
from pricelookup.run.progress import JobProgress, Progress
from pricelookup.sandbox import data as sdata


def _run(argv: list[str]) -> int:
    return cli.main(["run", *argv])


def test_run_writes_the_workbook_and_a_summary(tmp_path: Path, shared_sandbox, capsys, cli_on_warp) -> None:
    sb = shared_sandbox
    inp = make_input(tmp_path / "codes.csv", 60, duplicates=3, invalid=2)
    out = tmp_path / "out.xlsx"
    code = _run([str(inp.path), "-o", str(out), "--sandbox-url", sb.url, "--data-dir", str(tmp_path / "d"),
                 "--no-officiscan"])
    captured = capsys.readouterr()
    failed = sum(1 for g in inp.unique if sdata.priceapi_outcome(g, 0) not in ("found", "not found"))
    assert code == (1 if failed else 0)
    assert f"failed {failed}" in captured.out
    assert f"rows {inp.rows}" in captured.out and "credits" in captured.out
    # stderr is not a terminal here: plain progress lines instead of a bar
    assert "Submitted job 1 (60 codes)" in captured.err
    assert "Sandbox: simulated services" in captured.err
    wb = openpyxl.load_workbook(out, read_only=True)
    assert wb.sheetnames[0] == "Results"
    (run,) = list_runs(tmp_path / "d")
    assert run.sandbox and run.codes == 60 and run.status == "finished"
    assert len(load_run(run.run_id, tmp_path / "d").priceapi) == 60

    assert cli.main(["runs", "--data-dir", str(tmp_path / "d")]) == 0
    listing = capsys.readouterr().out
    assert run.run_id in listing and "finished" in listing and "codes.csv" in listing


def test_quota_too_low_exits_3_before_paying(tmp_path: Path, sandbox_factory, capsys) -> None:
    sb = sandbox_factory(job_seconds=0.3, daily_quota=5)
    inp = make_input(tmp_path / "codes.csv", 30)
    code = _run([str(inp.path), "-o", str(tmp_path / "o.xlsx"), "--sandbox-url", sb.url, "--data-dir",
                 str(tmp_path / "d"), "--quiet"])
    assert code == cli.EXIT_SERVICE
    assert "30 credits" in capsys.readouterr().err
    assert sb.stats()["priceapi"]["jobs_created"] == 0
    assert not (tmp_path / "o.xlsx").exists()


def test_bad_input_exits_2(tmp_path: Path, capsys) -> None:
    assert _run([str(tmp_path / "missing.csv"), "-o", str(tmp_path / "o.xlsx"), "--sandbox-url",
                 "http://127.0.0.1:9", "--data-dir", str(tmp_path / "d")]) == cli.EXIT_BAD_INPUT
    assert "missing.csv" in capsys.readouterr().err
    same = tmp_path / "codes.xlsx"
    assert _run([str(same), "-o", str(same), "--sandbox-url", "http://127.0.0.1:9"]) == cli.EXIT_BAD_INPUT
    assert "never overwritten" in capsys.readouterr().err
    assert _run(["-o", str(tmp_path / "o.xlsx"), "--sandbox-url", "http://127.0.0.1:9"]) == cli.EXIT_BAD_INPUT


@pytest.mark.parametrize("key", ["keyword", "source_id"])
def test_only_the_gtin_key_is_offered(tmp_path: Path, capsys, key: str) -> None:
    """The engine looks up by GTIN only: PriceAPI's keyword and source_id keys are not offered (they
    used to be, and the run then refused them)."""
    with pytest.raises(SystemExit) as info:
        _run([str(tmp_path / "codes.csv"), "-o", str(tmp_path / "o.xlsx"), "--key", key,
              "--sandbox-url", "http://127.0.0.1:9"])
    assert info.value.code == 2
    assert f"invalid choice: '{key}'" in capsys.readouterr().err
    args = cli.build_parser().parse_args(["run", "codes.csv", "-o", "o.xlsx", "--key", "gtin"])
    assert args.key == "gtin"


@pytest.mark.slow
def test_missing_key_exits_3_naming_the_variable(tmp_path: Path) -> None:
    # A fresh interpreter: keyring threads left hanging by earlier tests in this process
    # (the time-out tests) must not decide what this one sees.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRICELOOKUP_") or k == "PRICELOOKUP_DATA_DIR"}
    env["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
    inp = make_input(tmp_path / "codes.csv", 5)
    proc = subprocess.run(
        [sys.executable, "-m", "pricelookup", "run", str(inp.path), "-o", str(tmp_path / "o.xlsx"),
         "--data-dir", str(tmp_path / "d"), "--quiet"],
        capture_output=True, text=True, env=env, timeout=120,
    )
    assert proc.returncode == cli.EXIT_SERVICE, proc.stderr
    assert "PRICELOOKUP_PRICEAPI_TOKEN" in proc.stderr and "pricelookup keys set priceapi" in proc.stderr


@pytest.mark.slow
def test_embedded_sandbox_demo_runs_in_seconds(tmp_path: Path, capsys) -> None:
    inp = make_input(tmp_path / "codes.csv", 40)
    code = _run([str(inp.path), "-o", str(tmp_path / "o.xlsx"), "--sandbox", "--data-dir", str(tmp_path / "d")])
    assert code in (0, 1)
    assert (tmp_path / "o.xlsx").exists()
    assert "Run " in capsys.readouterr().out


def test_progress_sink_draws_a_bar_on_a_terminal(tmp_path: Path) -> None:
    class Tty:
        def __init__(self) -> None:
            self.text = ""

        def write(self, s: str) -> int:
            self.text += s
            return len(s)

        def flush(self) -> None:
            pass

        def isatty(self) -> bool:
            return True

    stream = Tty()
    sink = CliProgress(quiet=False, stream=stream)  # type: ignore[arg-type]
    jobs = (JobProgress("j1", "working", 1000, 500, 50),)
    sink(Progress("priceapi", 500, 1000, 0.35, eta_seconds=75, message="Submitted job 1", jobs=jobs))
    sink(Progress("priceapi", 800, 1000, 0.56, eta_seconds=3725))
    sink.close()
    assert "Submitted job 1" in stream.text
    assert "ETA 1:15" in stream.text and "ETA 1:02:05" in stream.text
    assert "56%" in stream.text

    quiet = Tty()
    q = CliProgress(quiet=True, stream=quiet)  # type: ignore[arg-type]
    q(Progress("priceapi", 1, 2, 0.5, message="hello"))
    assert quiet.text == ""
