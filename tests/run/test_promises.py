"""The README's promises under faults, from the CLI as an analyst runs it.

Never pay twice (an uncertain submission stays out, also through ``--resume``; a gateway
504 after the job was created is not re-posted; ``--resume`` with other settings refuses
with the numbers), and every stop midway ends with one message, the right exit code and
the rows answered so far in a workbook — never a traceback.

The CLI's runs poll on the module's warp clock (``cli_on_warp``): the sandbox's jobs take
their time, but nobody waits for it.
"""

from __future__ import annotations

import asyncio
from pathlib import Path

import openpyxl
import pytest
from runhelpers import make_input, request_for

from pricelookup import cli
from pricelookup.journal import Journal
from pricelookup.run.api import list_runs, load_run, run_lookup
from pricelookup.run.priceapi_jobs import UNCERTAIN_REASON
from pricelookup.run.progress import CancelToken, Progress


def _run(argv: list[str]) -> int:
    return cli.main(["run", *argv])


def _argv(sb, inp: Path, out: Path, data: Path, *more: str) -> list[str]:
    return [str(inp), "-o", str(out), "--sandbox-url", sb.url, "--data-dir", str(data), "--no-officiscan",
            "--no-monitorize", *more]


def _no_traceback(err: str) -> None:
    assert "Traceback" not in err and "ExceptionGroup" not in err, err


# --- money ----------------------------------------------------------------------------------------


def test_uncertain_submission_then_resume_finds_the_run_and_never_resends(tmp_path, sandbox_factory, capsys,
                                                                          cli_on_warp):
    sb = sandbox_factory(job_seconds=0.3)
    inp = make_input(tmp_path / "codes.csv", 1200)
    data, out = tmp_path / "d", tmp_path / "o.xlsx"
    sb.inject("priceapi", "POST", "/jobs", kind="reset_after_body", count=1)
    code = _run(_argv(sb, inp.path, out, data))
    first = capsys.readouterr()
    assert code == cli.EXIT_FAILED_ROWS
    assert "--resume" in first.err
    created = sb.stats()["priceapi"]["jobs_created"]
    submitted = sb.stats()["priceapi"]["values_submitted"]
    (run,) = list_runs(data)
    assert run.status == "partial"

    # following the advice: the same command with --resume finds that run and pays nothing
    code = _run(_argv(sb, inp.path, out, data, "--resume"))
    again = capsys.readouterr()
    assert code == cli.EXIT_FAILED_ROWS
    assert "No interrupted run" not in again.err
    assert f"Resuming run {run.run_id}" in again.err
    assert "1,000 codes are in doubt" in again.err and inp.unique[0] in again.err
    assert "--resend-uncertain" in again.err
    assert sb.stats()["priceapi"]["jobs_created"] == created
    assert sb.stats()["priceapi"]["values_submitted"] == submitted
    assert [r.run_id for r in list_runs(data)] == [run.run_id]

    # only an explicit request pays again, with the cost said first
    code = _run(_argv(sb, inp.path, out, data, "--resume", "--resend-uncertain"))
    paid = capsys.readouterr()
    assert "about 1,000 credits" in paid.err
    assert code in (cli.EXIT_OK, cli.EXIT_FAILED_ROWS)
    assert sb.stats()["priceapi"]["values_submitted"] == submitted + 1000
    result = load_run(run.run_id, data)
    assert not any(p.reason == UNCERTAIN_REASON for p in result.priceapi.values())


def test_gateway_504_after_the_job_was_created_is_not_posted_again(tmp_path, sandbox_factory, capsys, cli_on_warp):
    sb = sandbox_factory(job_seconds=0.3)
    inp = make_input(tmp_path / "codes.csv", 50)
    sb.inject("priceapi", "POST", "/jobs", kind="gateway_504", count=1)
    code = _run(_argv(sb, inp.path, tmp_path / "o.xlsx", tmp_path / "d"))
    err = capsys.readouterr().err
    assert code == cli.EXIT_FAILED_ROWS
    assert sb.stats()["priceapi"]["jobs_created"] == 1  # the gateway's server did create it...
    assert sb.stats()["priceapi"]["values_submitted"] == 50  # ...and it was never posted twice
    assert "HTTP 504" in err
    _no_traceback(err)


def _interrupted_run(sb, inp: Path, data: Path, **settings) -> str:
    """A run cancelled once all its jobs are submitted (they stay in the journal, uncollected).

    It polls in real time (the default tuning): on the warp clock its jobs could finish
    while the last one is being submitted."""
    cancel = CancelToken()

    def sink(p: Progress) -> None:
        if p.jobs and all(j.job_id for j in p.jobs):
            cancel.cancel()

    request = request_for(sb, inp, data, **settings)
    with pytest.raises(Exception, match="cancelled"):
        asyncio.run(run_lookup(request, progress=sink, cancel=cancel))
    (run,) = [r for r in list_runs(data) if r.status == "cancelled"]
    return run.run_id


def test_resume_with_other_settings_refuses_with_the_numbers_and_new_reuses_the_jobs(tmp_path, sandbox_factory,
                                                                                    capsys, cli_on_warp):
    sb = sandbox_factory(job_seconds=6)  # jobs stay in flight while the test looks
    inp = make_input(tmp_path / "codes.csv", 2000)
    data, out = tmp_path / "d", tmp_path / "o.xlsx"
    run_id = _interrupted_run(sb, inp.path, data)
    created = sb.stats()["priceapi"]["jobs_created"]
    assert created == 2

    # another country: its answers would not be these; refuse, with the numbers, before paying
    code = _run(_argv(sb, inp.path, out, data, "--resume", "--country", "de", "--quiet"))
    err = capsys.readouterr().err
    assert code == cli.EXIT_BAD_INPUT
    assert f"Run {run_id}" in err and "2 submitted jobs for 2,000 of these codes" in err
    assert "country fr instead of de" in err and "--new" in err
    assert sb.stats()["priceapi"]["jobs_created"] == created
    assert not out.exists()

    # one code changed: the file's hash differs, --resume refuses the same way
    changed = make_input(tmp_path / "changed.csv", 2000, start=1)
    code = _run(_argv(sb, changed.path, out, data, "--resume", "--quiet"))
    err = capsys.readouterr().err
    assert code == cli.EXIT_BAD_INPUT and "1,999 of these codes" in err

    # --new starts afresh, collecting the interrupted run's jobs for the codes they share
    sb.configure(job_seconds=0.3)
    code = _run(_argv(sb, changed.path, out, data, "--new", "--quiet"))
    capsys.readouterr()
    assert code in (cli.EXIT_OK, cli.EXIT_FAILED_ROWS)
    assert sb.stats()["priceapi"]["jobs_created"] == created + 1  # only the one new code is paid
    assert sb.stats()["priceapi"]["values_submitted"] == 2001
    newest = list_runs(data)[0]
    result = load_run(newest.run_id, data)
    assert set(result.priceapi) == set(changed.unique)
    assert result.credits_used <= 1
    # the interrupted run owns (and paid for) the jobs: their answers are in it too now
    with Journal.open(data) as j:
        assert len(j.answered_codes(run_id)) == 2000


# --- stops midway: one message, the right exit code, the rows so far ---------------------------------


@pytest.mark.parametrize("path", ["/jobs/", "/jobs"])
def test_retry_after_of_a_day_stops_cleanly_with_the_rows_so_far(tmp_path, sandbox_factory, capsys, path,
                                                                  cli_on_warp):
    sb = sandbox_factory(job_seconds=0.3, retry_after_seconds=100_000)
    inp = make_input(tmp_path / "codes.csv", 1500)
    out = tmp_path / "o.xlsx"
    method = "GET" if path.endswith("/") else "POST"
    if method == "POST":  # the second job's submission is told to wait a day
        sb.inject("priceapi", "POST", "/jobs", kind="latency", count=1)
        sb.inject("priceapi", "POST", "/jobs", kind="http_429_seconds", count=1)
    else:
        sb.inject("priceapi", "GET", "/jobs/", kind="http_429_seconds", count=1)
    code = _run(_argv(sb, inp.path, out, tmp_path / "d"))
    err = capsys.readouterr().err
    _no_traceback(err)
    assert code == cli.EXIT_SERVICE
    assert "HTTP 429" in err and "27.8 hours" in err
    assert "Run again after" in err
    assert out.exists()  # what was answered so far is written, as a cancel would
    assert openpyxl.load_workbook(out, read_only=True).sheetnames[0] == "Results"
    (run,) = list_runs(tmp_path / "d")
    assert run.status == "failed"  # resumable


def test_key_refused_mid_run_is_the_same_clean_message(tmp_path, sandbox_factory, capsys, cli_on_warp):
    sb = sandbox_factory(job_seconds=0.3)
    inp = make_input(tmp_path / "codes.csv", 1500)
    sb.inject("priceapi", "POST", "/jobs", kind="latency", count=1)  # the first POST goes through
    sb.inject("priceapi", "POST", "/jobs", kind="unauthorized", count=1)
    code = _run(_argv(sb, inp.path, tmp_path / "o.xlsx", tmp_path / "d"))
    err = capsys.readouterr().err
    _no_traceback(err)
    assert code == cli.EXIT_SERVICE
    assert "token was refused" in err
    assert (tmp_path / "o.xlsx").exists()


def test_missing_output_folder_is_refused_before_paying(tmp_path, shared_sandbox, capsys):
    sb = shared_sandbox
    created = sb.stats()["priceapi"]["jobs_created"]
    inp = make_input(tmp_path / "codes.csv", 20)
    code = _run(_argv(sb, inp.path, tmp_path / "no" / "such" / "o.xlsx", tmp_path / "d"))
    err = capsys.readouterr().err
    assert code == cli.EXIT_BAD_INPUT and "does not exist" in err
    assert sb.stats()["priceapi"]["jobs_created"] == created
    assert list_runs(tmp_path / "d") == []


def test_a_failed_write_after_paying_names_the_run_and_the_export_command(tmp_path, shared_sandbox, capsys,
                                                                          monkeypatch, cli_on_warp):
    sb = shared_sandbox
    inp = make_input(tmp_path / "codes.csv", 20)

    def disk_full(*a, **k):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("pricelookup.cli.run.export_workbook", disk_full)
    code = _run(_argv(sb, inp.path, tmp_path / "o.xlsx", tmp_path / "d"))
    err = capsys.readouterr().err
    (run,) = list_runs(tmp_path / "d")
    assert code == cli.EXIT_BAD_INPUT
    assert "No space left on device" in err
    assert f"pricelookup export --run {run.run_id} -o" in err
    _no_traceback(err)


def test_an_unexpected_error_is_one_line_and_the_details_go_to_the_log(tmp_path, capsys, monkeypatch):
    import pricelookup.cli.run as command
    import pricelookup.paths

    def boom(args):
        raise RuntimeError("internal detail")

    monkeypatch.setattr(command, "run_command", boom)
    monkeypatch.setattr(pricelookup.paths, "log_dir", lambda: tmp_path / "logs")
    code = _run(["x.csv", "-o", str(tmp_path / "o.xlsx")])
    err = capsys.readouterr().err
    assert code == cli.EXIT_INTERNAL
    assert err.count("\n") == 1 and "RuntimeError" in err and str(tmp_path / "logs") in err
    _no_traceback(err)
    assert "Traceback" in (tmp_path / "logs" / "pricelookup.log").read_text(encoding="utf-8")


def test_restricted_codes_are_warned_about_and_counted_alike(tmp_path, shared_sandbox, capsys, cli_on_warp):
    sb = shared_sandbox
    inp = make_input(tmp_path / "codes.csv", 10)
    # restricted-circulation (prefix 20-29) codes with valid check digits
    restricted = ["2000000000008", "2100000000005", "0200000000004"]
    with inp.path.open("a", encoding="utf-8") as f:
        for c in restricted:
            f.write(f"{c};restricted\n")
    out = tmp_path / "o.xlsx"
    code = _run(_argv(sb, inp.path, out, tmp_path / "d"))
    captured = capsys.readouterr()
    assert code in (cli.EXIT_OK, cli.EXIT_FAILED_ROWS)
    assert "3 restricted-circulation or coupon codes are not looked up" in captured.err
    # named alike in the summary and the workbook, and told apart from codes not looked up for another reason
    assert "restricted left out 3 | not looked up 0" in captured.out
    wb = openpyxl.load_workbook(out)
    summary = {r[0].value: r[1].value for r in wb["Summary"].iter_rows(min_col=1, max_col=2) if r[0].value}
    assert (summary["Restricted left out"], summary["Not looked up"]) == (3, 0)

    out2 = tmp_path / "o2.xlsx"
    _run(_argv(sb, inp.path, out2, tmp_path / "d", "--include-restricted"))
    captured = capsys.readouterr()
    assert "3 restricted-circulation or coupon codes are looked up and paid for" in captured.err
    assert "restricted left out 0 | not looked up 0" in captured.out
