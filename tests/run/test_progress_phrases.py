"""The engine's progress lines and service failures as phrases the window translates (pricelookup.phrasing).

``Progress.message`` stays the English the CLI prints; ``Progress.phrase`` is the
same words as a template marked with ``QT_TRANSLATE_NOOP("Engine", ...)`` and its
parameters. A service failure the journal keeps as English text reads back into
its phrases (pricelookup.run.phrases), so the window can show it translated too.
"""

from __future__ import annotations

import ast
import functools
import pickle
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from runhelpers import make_input, request_for, run_sync

from pricelookup.errors import AuthenticationError, ServiceError, words_of
from pricelookup.phrasing import CONTEXT, Phrase, render
from pricelookup.redaction import remember_keys
from pricelookup.run import enrichment
from pricelookup.run.phrases import SERVICE_FAILURE_TEMPLATES, service_failure_phrase
from pricelookup.run.plan import budget_problem
from pricelookup.run.progress import Progress, Reporter
from pricelookup.settings import RunSettings, ServiceKeys

PACKAGE = Path(__file__).resolve().parents[2] / "desktop/pricelookup"


@functools.cache  # the package's ~120 files parsed once per test process, not once per test (~0.5 s)
def marked_templates() -> frozenset[str]:
    """Every ``QT_TRANSLATE_NOOP("Engine", "...")`` of the package: what lupdate extracts."""
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "QT_TRANSLATE_NOOP"
                    and len(node.args) == 2 and isinstance(node.args[1], ast.Constant)):
                assert isinstance(node.args[0], ast.Constant) and node.args[0].value == CONTEXT
                found.add(node.args[1].value)
    return frozenset(found)


def templates_of(p: Phrase) -> Iterator[str]:
    """``p``'s template and those of the phrases among its parameters, at any depth."""
    yield p.template
    for value in p.params.values():
        if isinstance(value, Phrase):
            yield from templates_of(value)


def shout(template: str) -> str:
    """A stand-in translation: every template's words changed, its placeholders kept."""
    return re.sub(r"[^{}]+(?=\{|$)", lambda m: m.group(0).upper(), template)


def check_phrased(lines: list[Progress], marked: frozenset[str]) -> None:
    for p in lines:
        assert p.phrase is not None, f"a progress line said as plain text: {p.message!r}"
        assert str(p.phrase) == p.message
        unmarked = set(templates_of(p.phrase)) - marked
        assert not unmarked, f"templates not marked with QT_TRANSLATE_NOOP: {unmarked}"
        assert render(p.phrase, shout) != p.message  # the window gets other words, not the English


# --- a sandbox run, as the window sees it ---------------------------------------------------------------


def test_every_progress_line_of_a_run_is_a_marked_phrase_saying_the_former_english(
        tmp_path: Path, shared_sandbox: Any, warp: Any) -> None:
    inp = make_input(tmp_path / "codes.csv", 40)
    seen: list[Progress] = []
    result = run_sync(request_for(shared_sandbox, inp.path, tmp_path / "data", officiscan=True, monitorize=True,
                                  tuning=warp.tuning()), progress=seen)
    lines = [p for p in seen if p.message]
    check_phrased(lines, marked_templates())
    said = [p.message for p in lines]
    assert said[0] == f"Reading {inp.path}"
    # the plural follows the count: "in 1 job", not "in 1 jobs"
    assert ("40 codes to look up: 0 already answered, 0 in submitted jobs, 0 from recent runs (free), 40 to submit "
            "in 1 job for about 40 credits.") in said
    assert enrichment.MONITORIZE_WAITING in said and "OfficiScan: 40 of 40 codes asked" in said
    assert any(re.fullmatch(r"Submitted job 1 \(40 codes\) as \w+", m or "") for m in said)
    assert said[-1] == f"Done: 40 codes, {result.credits_used} credits used."
    assert pickle.loads(pickle.dumps(lines[-1])) == lines[-1]  # it crosses from the run's child process


def test_a_failed_service_is_said_as_a_phrase_and_its_recorded_text_reads_back(
        tmp_path: Path, shared_sandbox: Any, warp: Any) -> None:
    inp = make_input(tmp_path / "codes.csv", 20)
    keys = ServiceKeys(priceapi="ok", officiscan="invalid", monitorize="invalid", snipcart="ok")
    seen: list[Progress] = []
    result = run_sync(request_for(shared_sandbox, inp.path, tmp_path / "data", officiscan=True, monitorize=True,
                                  keys=keys, tuning=warp.tuning()), progress=seen)
    lines = [p for p in seen if p.message]
    check_phrased(lines, marked_templates())
    officiscan = result.service_failures["officiscan"]
    assert officiscan.startswith("OfficiScan: the key was refused (HTTP 401")
    assert officiscan.endswith("check it in Settings > Keys (or PRICELOOKUP_OFFICISCAN_KEY).")
    assert f"{officiscan} The run goes on without it." in [p.message for p in lines]
    for text in result.service_failures.values():
        back = service_failure_phrase(text)
        assert back is not None and str(back) == text
        assert "the key was refused ({answer}); {hint}." in set(templates_of(back))
        assert render(back, shout).startswith(text.split(":")[0] + ": THE KEY WAS REFUSED (HTTP 401")


# --- the words, one by one ---------------------------------------------------------------------------


def test_the_reporter_carries_the_phrase_beside_the_english_and_plain_text_as_before() -> None:
    seen: list[Progress] = []
    rep = Reporter(seen.append, {"priceapi": 1.0})
    said = Phrase(enrichment.MONITORIZE_WAITING)
    rep.update("priceapi", 0, 2, message=said)
    rep.update("priceapi", 1, 2, message="plain words")
    rep.emit(force=True)
    assert [(p.message, p.phrase) for p in seen] == [(enrichment.MONITORIZE_WAITING, said), ("plain words", None),
                                                     (None, None)]


def test_a_service_error_from_a_phrase_keeps_its_english_and_scrubs_keys_from_both() -> None:
    key = "PLANTED-progress-key-0123456789"
    remember_keys([key])
    exc = AuthenticationError("OfficiScan", Phrase("the key was refused ({answer}); {hint}.",
                                                   {"answer": f"HTTP 401 {key}", "hint": "check it"}))
    assert str(exc) == "OfficiScan: the key was refused (HTTP 401 [redacted]); check it."
    assert exc.phrase is not None and key not in repr(exc.phrase) and str(exc.phrase) == str(exc)
    back = pickle.loads(pickle.dumps(exc))
    assert back.phrase == exc.phrase and str(back) == str(exc)
    assert words_of(exc) == exc.phrase and words_of(ValueError("x")) == "x"
    plain = ServiceError("PriceAPI", "HTTP 502 from the server")
    assert plain.phrase is None and words_of(plain) == "PriceAPI: HTTP 502 from the server"


def test_the_budget_says_its_counts_in_the_singular_too() -> None:
    settings = RunSettings()
    one = budget_problem(1, remaining_today=0, budget=None, settings=settings, n_values=1)
    assert one is not None and str(one).startswith(
        "This look-up needs 1 credit (1 code x 1 page); only 0 credits are left in today's PriceAPI quota. "
        "Nothing was submitted and nothing was paid.")
    many = budget_problem(2_000, remaining_today=1, budget=1_500, settings=settings, n_values=2_000)
    assert many is not None and str(many).startswith(
        "This look-up needs 2,000 credits (2,000 codes x 1 page); only 1 credit is left in today's PriceAPI quota; "
        "your budget is 1,500 credits. Nothing was submitted")
    assert set(templates_of(many)) <= marked_templates()


@pytest.mark.parametrize("text", [
    "Monitorize: could not be reached for GET /api/list/allOffers: no answer within 600 s after 2 attempts. Check "
    "the network connection, or try again later.",
    "OfficiScan: the service is unavailable (HTTP 503 Service Unavailable, answered with an error page) after 3 "
    "attempts for GET /v1/snapshots; try again later (a run continues with --resume). (20 codes in a row failed; "
    "OfficiScan was given up for this run)",
    "OfficiScan: 12 codes could not be fetched (the service kept failing for them).",
    "Monitorize: unexpected failure (OSError); the run went on without it.",
])
def test_recorded_failures_read_back_whole(text: str) -> None:
    back = service_failure_phrase(text)
    assert back is not None and str(back) == text
    assert "{" not in render(back, shout).replace("{", "")  # every part rendered
    assert set(templates_of(back)) <= set(SERVICE_FAILURE_TEMPLATES)


def test_text_that_no_template_wrote_is_not_read_back() -> None:
    assert service_failure_phrase("the server said something else entirely") is None


def test_every_progress_message_in_the_run_package_is_said_with_a_phrase() -> None:
    # the calls that reach Progress.message: none may pass an f-string or a literal of words
    sinks = {"emit", "set_phase", "on_change", "tick", "update"}
    problems = []
    for path in sorted((PACKAGE / "run").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name not in sinks:
                continue
            args = [*node.args, *(k.value for k in node.keywords if k.arg == "message")]
            for arg in args:
                if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                                                      and " " in arg.value):
                    problems.append(f"{path.name}:{node.lineno}: {ast.unparse(arg)[:60]}")
    assert problems == []
