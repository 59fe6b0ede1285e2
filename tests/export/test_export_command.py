"""``pricelookup export --run ID``: the workbook again from the journal, no service called."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import openpyxl
import pytest
from export_builders import REFS, SOFFICE, convert, ean13, g14, read_sheet, rich_result
from openpyxl.utils.escape import unescape

from pricelookup.cli import main
from pricelookup.export import cells
from pricelookup.results import RunResult
from pricelookup.run.api import load_run
from pricelookup.sandbox.data import HOSTILE_CODES


def test_export_command_writes_the_requested_layout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    seen: dict[str, Any] = {}

    def fake_load_run(run_id: str, data_dir: Path | None) -> RunResult:
        seen.update(run_id=run_id, data_dir=data_dir)
        return rich_result(tmp_path)

    monkeypatch.setattr("pricelookup.cli.export.load_run", fake_load_run)
    out = tmp_path / "again.xlsx"
    code = main(["export", "--run", "run-42", "-o", str(out), "--layout", "column", "--max-offers", "2",
                 "--data-dir", str(tmp_path / "journal")])
    assert code == 0
    assert seen == {"run_id": "run-42", "data_dir": tmp_path / "journal"}
    headers, rows = read_sheet(out, "Results")
    assert [r["Réf"].value for r in rows] == REFS
    assert "priceapi.offers[1].price" in headers and "priceapi.offers[2].price" not in headers
    printed = capsys.readouterr().out
    assert str(out) in printed and "9 rows" in printed and "column layout" in printed


def test_export_command_rejects_a_bad_offer_cap(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["export", "--run", "x", "-o", str(tmp_path / "x.xlsx"), "--max-offers", "0"])
    assert code == 2
    assert "--max-offers" in capsys.readouterr().err


@pytest.mark.slow
def test_run_then_export_again_from_the_journal_without_services(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                                 capsys: pytest.CaptureFixture[str],
                                                                 cli_on_warp: Any) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["EAN", "Nom", "Prix"])
    for i in range(30):
        ws.append([ean13(2000 + i), f"=Produit {i}", 1.25 + i])
    for code in HOSTILE_CODES:  # the sandbox's hostile names: formulas, controls, RTL, emoji, 40,000 chars
        ws.append([code, "hostile"])
    ws.append(["123", "bad"])
    source = tmp_path / "in.xlsx"
    wb.save(source)
    journal = tmp_path / "journal"
    first = tmp_path / "first.xlsx"
    code = main(["run", str(source), "-o", str(first), "--sandbox", "--data-dir", str(journal), "--quiet"])
    assert code in (0, 1)  # 1: some look-ups failed, as the sandbox arranges
    capsys.readouterr()
    main(["runs", "--data-dir", str(journal)])
    run_id = capsys.readouterr().out.splitlines()[1].split()[0]

    def no_network(*a: object, **kw: object) -> None:
        raise AssertionError("export must not call any service")

    monkeypatch.setattr(httpx.AsyncClient, "send", no_network)
    monkeypatch.setattr(httpx.Client, "send", no_network)
    again = tmp_path / "again.xlsx"
    assert main(["export", "--run", run_id, "-o", str(again), "--data-dir", str(journal)]) == 0
    h1, rows1 = read_sheet(first, "Results")
    h2, rows2 = read_sheet(again, "Results")
    assert h1 == h2
    assert [[c.value for c in r.values()] for r in rows1] == [[c.value for c in r.values()] for r in rows2]
    assert {r["EAN"].value for r in rows2} == {ean13(2000 + i) for i in range(30)} | set(HOSTILE_CODES) | {"123"}
    # the analyst's numbers stay numbers, in the run's workbook and in the one rebuilt from the journal
    for rows in (rows1, rows2):
        prices = {r["EAN"].value: r["Prix"].value for r in rows}  # row layout: a row per offer
        assert [prices[ean13(2000 + i)] for i in range(3)] == [1.25, 2.25, 3.25]
        assert {r["Prix"].data_type for r in rows if r["Prix"].value is not None} == {"n"}

    # every hostile name the sandbox sent comes out as the same text (cleaned and cut only)
    result = load_run(run_id, journal)
    seen_kinds = set()
    for r in rows2:
        code = r["EAN"].value
        if code not in HOSTILE_CODES:
            continue
        sent = result.priceapi[g14(code)].name
        assert sent is not None
        assert unescape(r["priceapi.name"].value) == cells.clean_text(sent)[0], HOSTILE_CODES[code]
        assert r["priceapi.name"].data_type == "s"
        seen_kinds.add(HOSTILE_CODES[code])
    assert seen_kinds == set(HOSTILE_CODES.values())
    if SOFFICE:  # and a real spreadsheet program reads them the same way
        lo_rows = convert(again, tmp_path)["Results"]
        for lo_row, r in zip(lo_rows, rows2, strict=True):
            if r["EAN"].value in HOSTILE_CODES:
                assert lo_row["priceapi.name"] == (unescape(r["priceapi.name"].value), True)
