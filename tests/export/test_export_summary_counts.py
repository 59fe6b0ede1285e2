"""``pricelookup run``'s final summary and the workbook's Summary sheet count the same things the
same way (issue #15): same categories, same names, same numbers, on the same run."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import openpyxl
import pytest
from export_builders import g14, product, rich_result

from pricelookup import cli
from pricelookup.cli.run import summary_counts
from pricelookup.export.counts import COUNT_LABELS
from pricelookup.export.counts import summary_counts as sheet_counts
from pricelookup.export.workbook import export_workbook
from pricelookup.sandbox import data as sdata

#: every category the two must both show (rows first, then unique codes)
CATEGORIES = ["rows", "valid", "repaired", "invalid", "empty", "duplicates", "looked up", "found", "not found",
              "failed", "from recent runs (free)", "restricted left out", "not looked up", "credits used"]
#: restricted-circulation (GS1 prefix 20-29, 02) codes with valid check digits
RESTRICTED = ["2000000000008", "2100000000005", "0200000000004"]


def cli_counts(out: str) -> dict[str, int]:
    """The counts ``print_summary`` wrote: ``  rows 12 | valid 9 | …`` lines after ``Run <id>: <status>``."""
    lines = out.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("Run "))
    counts: dict[str, int] = {}
    for line in lines[start + 1:start + 3]:
        for piece in line.strip().split(" | "):
            name, _space, number = piece.rpartition(" ")
            counts[name] = int(number.replace(",", ""))
    return counts


def sheet_pairs(workbook: Path) -> dict[str, object]:
    """The Summary sheet's label (column A) -> value (column B), label in lower case."""
    ws = openpyxl.load_workbook(workbook, read_only=True)["Summary"]
    return {str(r[0]).lower(): r[1] for r in ws.iter_rows(min_col=1, max_col=2, values_only=True) if r[0]}


def codes_by_outcome() -> dict[str, list[str]]:
    """Sandbox codes by what its PriceAPI answers (deterministic), a few of each."""
    picked: dict[str, list[str]] = {"found": [], "not found": [], "failed": []}
    for code in sdata.universe():
        outcome = sdata.priceapi_outcome(code, 0)
        kind = outcome if outcome in ("found", "not found") else "failed"
        if len(picked[kind]) < (20 if kind == "found" else 2):
            picked[kind].append(code)
        if all(len(v) >= (20 if k == "found" else 2) for k, v in picked.items()):
            return picked
    raise AssertionError("the sandbox universe lacks an outcome")


def write_input(path: Path) -> dict[str, list[str]]:
    """A CSV with found, not found and failed codes, a repaired (hyphenated) one, an invalid one, an
    empty row, a duplicate and three restricted codes."""
    codes = codes_by_outcome()
    usable = codes["found"] + codes["not found"] + codes["failed"]
    lines = [f"{c};p{i}" for i, c in enumerate(usable)]
    first = usable[0]
    lines += [f"{usable[1][:1]}-{usable[1][1:7]}-{usable[1][7:]};hyphenated copy",  # repaired, and a duplicate
              f"{first};again",  # duplicate
              f"{first[:-1]}{(int(first[-1]) + 1) % 10};bad check digit",  # invalid
              ";no code"]  # empty
    lines += [f"{c};restricted" for c in RESTRICTED]
    path.write_text("ean;name\n" + "\n".join(lines) + "\n", encoding="utf-8")
    return codes


@pytest.mark.slow
def test_the_cli_summary_and_the_summary_sheet_agree_on_a_sandbox_run(tmp_path: Path, capsys: pytest.CaptureFixture,
                                                                     cli_on_warp: object) -> None:
    codes = write_input(tmp_path / "codes.csv")
    usable = sum(len(v) for v in codes.values())
    seen = []
    for run in ("first", "again"):  # the second run answers everything from the first: free
        out = tmp_path / f"{run}.xlsx"
        code = cli.main(["run", str(tmp_path / "codes.csv"), "-o", str(out), "--sandbox", "--data-dir",
                         str(tmp_path / "data"), "--no-officiscan", "--no-monitorize", "--quiet"])
        assert code == cli.EXIT_FAILED_ROWS  # the failed codes
        printed = cli_counts(capsys.readouterr().out)
        sheet = sheet_pairs(out)
        assert list(printed) == CATEGORIES  # every category, in the sheet's order, named as the sheet names it
        assert {name: sheet[name] for name in CATEGORIES} == printed
        seen.append(printed)

    first, again = seen
    rows = usable + 3 + 4  # usable, restricted, then hyphenated copy / duplicate / invalid / empty
    assert (first["rows"], first["valid"], first["repaired"], first["invalid"], first["empty"],
            first["duplicates"]) == (rows, usable + 3 + 1, 1, 1, 1, 2)
    assert (first["looked up"], first["found"], first["not found"], first["failed"]) == (
        usable, len(codes["found"]), len(codes["not found"]), len(codes["failed"]))
    assert (first["restricted left out"], first["not looked up"], first["from recent runs (free)"]) == (3, 0, 0)
    assert first["credits used"] > 0
    assert again["from recent runs (free)"] == usable and again["credits used"] == 0
    assert {k: v for k, v in again.items() if k not in ("from recent runs (free)", "credits used")} == \
        {k: v for k, v in first.items() if k not in ("from recent runs (free)", "credits used")}


def test_a_run_cut_short_counts_alike_in_both(tmp_path: Path) -> None:
    # the rich run (found, not found, failed, cached, restricted...) with one answer missing: cut short
    full = rich_result(tmp_path)
    missing = next(g for g, p in full.priceapi.items() if p.success and g not in full.cached)
    result = rich_result(tmp_path, status="partial",
                         priceapi={g: p for g, p in full.priceapi.items() if g != missing})
    printed = dict(summary_counts(result))
    sheet = sheet_pairs(export_workbook(result, tmp_path / "partial.xlsx").path)
    assert list(printed) == CATEGORIES == [label.lower() for label in COUNT_LABELS.values()]
    assert {name: sheet[name] for name in CATEGORIES} == printed
    assert dict(zip(CATEGORIES, [n for _label, n in sheet_counts(result).items()], strict=True)) == printed
    assert (printed["looked up"], printed["found"], printed["not found"], printed["failed"]) == (4, 2, 1, 1)
    assert (printed["from recent runs (free)"], printed["restricted left out"], printed["not looked up"]) == (1, 1, 1)


def test_restricted_codes_looked_up_on_request_are_not_left_out(tmp_path: Path) -> None:
    full = rich_result(tmp_path)
    settings = dataclasses.replace(full.settings, include_restricted=True)
    restricted = g14(next(c for c in full.validated.checks["input"].to_list() if c and c.startswith("200")))
    result = rich_result(tmp_path, settings=settings,
                         priceapi={**full.priceapi, restricted: product(restricted, success=False, reason="not found")})
    printed = dict(summary_counts(result))
    assert (printed["restricted left out"], printed["not looked up"], printed["not found"]) == (0, 0, 2)
    assert dict(zip(CATEGORIES, [n for _label, n in sheet_counts(result).items()], strict=True)) == printed
