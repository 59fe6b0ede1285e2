"""``pricelookup show --run ID GTIN [--json]``: one product of a journaled run, in a terminal."""

from __future__ import annotations

import json
from dataclasses import dataclass, fields
from datetime import datetime
from decimal import Decimal
from pathlib import Path

import pytest
from runhelpers import request_for, run_sync

from pricelookup import cli
from pricelookup.cli.show import detail_json, render_text
from pricelookup.detail import OfferLine, ProductDetail
from pricelookup.run.api import product_detail
from pricelookup.sandbox import SandboxConfig
from pricelookup.sandbox.data import Catalogue, priceapi_outcome
from warpclock import WarpClock, serve_sandbox

#: a code whose product name the sandbox fills with control characters (BEL, an ANSI colour, VT, DEL)
HOSTILE = "3760351800236"


@dataclass(frozen=True)
class Journaled:
    data_dir: Path
    run_id: str
    upc: str  # a UPC-A code (an EAN-13 with a leading 0) PriceAPI found, with offers
    rich: str  # an EAN-13 with offers of PriceAPI, Monitorize and OfficiScan


@pytest.fixture(scope="module")
def journaled(catalogue: Catalogue, warp: WarpClock, tmp_path_factory: pytest.TempPathFactory) -> Journaled:
    matched = {m.ean13 for m in catalogue.monitorize if m.matched and m.ref == m.ean13}
    found = [c for c in catalogue.universe if priceapi_outcome(c.zfill(14), 0) == "found"]
    upcs = [c for c in found if c.startswith("0")][:4]
    riches = [o.ean13 for o in catalogue.officiscan if o.ean13 in matched and o.ean13 in set(found)][:6]
    folder = tmp_path_factory.mktemp("show")
    inp = folder / "codes.csv"
    inp.write_text("ean;prix\n" + "".join(f"{c};{5 + i},50\n" for i, c in enumerate([*upcs, *riches, HOSTILE])),
                   encoding="utf-8")
    sb = serve_sandbox(SandboxConfig(job_seconds=0.3, officiscan_rate=500.0), clock=warp, catalogue=catalogue)
    try:
        result = run_sync(request_for(sb, inp, folder / "journal", officiscan=True, officiscan_days=7, monitorize=True,
                                      monitorize_history=True, own_price_column="prix",
                                      tuning=warp.tuning(officiscan_rate=500.0)))
    finally:
        sb.stop()
    assert result.status == "finished"

    def with_offers(code: str) -> bool:
        return bool(result.priceapi[code.zfill(14)].offers)

    upc = next(c for c in upcs if with_offers(c))
    rich = next(c for c in riches if with_offers(c) and c.zfill(14) in result.monitorize
                and result.officiscan.get(c.zfill(14)))
    return Journaled(folder / "journal", result.run_id, upc, rich)


def show(j: Journaled, *argv: str) -> int:
    return cli.main(["show", "--data-dir", str(j.data_dir), *argv])


def test_the_text_says_the_product_its_offers_its_move_and_its_history(journaled: Journaled, capsys) -> None:
    j = journaled
    assert show(j, "--run", j.run_id, j.rich) == 0
    out = capsys.readouterr().out
    d = product_detail(j.run_id, j.rich.zfill(14), j.data_dir)
    lines = out.splitlines()
    assert lines[0].startswith(f"{d.gtin14}  {d.name}")
    assert f"Run {j.run_id} · code valid · PriceAPI: found" in lines
    assert f"Offers ({len(d.offers)})" in lines
    header = next(i for i, line in enumerate(lines) if line.startswith("source "))
    table = lines[header + 1: header + 1 + len(d.offers)]
    assert [row.split()[0] for row in table] == [o.source for o in d.offers]
    for row, o in zip(table, d.offers, strict=True):  # each offer's seller and price on its row
        assert o.seller[:21] in row and str(o.price) in row
    # the columns are aligned: every price ends where the header's "price" ends
    end = lines[header].index("price") + len("price")
    assert all(row[:end].endswith(str(o.price)) for row, o in zip(table, d.offers, strict=True))
    assert f"Lowest PriceAPI price: {d.lowest} EUR" in lines
    assert any(line.startswith(f"Own price {d.own_price} EUR: ") and f"rank {d.own_rank}" in line for line in lines)
    assert "Since the previous run: no earlier run" in out  # the journal's only run
    assert f"History ({len(d.history)} series)" in lines
    for s in d.history:
        line = next(line for line in lines if line.startswith(f"  {s.source} {s.seller}"))
        n = len(s.points)
        assert f"{n} point{'s' if n > 1 else ''}" in line
        assert f"{s.points[0].price} → {s.points[-1].price}" in line
        assert f"{s.points[0].at.date()} → {s.points[-1].at.date()}" in line
    assert {s.source for s in d.history} == {"PriceAPI", "Monitorize", "OfficiScan"}
    assert max(len(line) for line in lines) <= 100


def test_a_code_is_taken_as_upc_a_ean_13_or_gtin_14_with_separators(journaled: Journaled, capsys) -> None:
    j = journaled
    outputs = []
    for written in (j.upc[1:], j.upc, j.upc.zfill(14), f"{j.upc[:1]}-{j.upc[1:7]} {j.upc[7:]}"):
        assert show(j, "--run", j.run_id, written) == 0
        outputs.append(capsys.readouterr().out)
    assert len(set(outputs)) == 1 and outputs[0].startswith(j.upc.zfill(14))


def test_json_is_the_detail_with_its_own_field_names(journaled: Journaled, capsys) -> None:
    j = journaled
    assert show(j, "--run", j.run_id, j.rich, "--json") == 0
    doc = json.loads(capsys.readouterr().out)
    d = product_detail(j.run_id, j.rich.zfill(14), j.data_dir)
    assert doc == detail_json(d)
    assert list(doc) == [f.name for f in fields(ProductDetail)]
    assert list(doc["offers"][0]) == [f.name for f in fields(OfferLine)]
    assert doc["gtin14"] == j.rich.zfill(14) and doc["lookup"] == "found" and doc["run_id"] == j.run_id
    assert len(doc["offers"]) == len(d.offers)
    assert [Decimal(o["price"]) for o in doc["offers"]] == [o.price for o in d.offers]  # Decimals as text
    assert doc["own_price"] == str(d.own_price) and doc["lowest"] == str(d.lowest)
    officiscan = [o for o in doc["offers"] if o["source"] == "OfficiScan"]
    assert officiscan and all(o["seen_at"] is not None for o in officiscan)
    assert [datetime.fromisoformat(o["seen_at"]) for o in officiscan] == [o.seen_at for o in d.offers
                                                                         if o.source == "OfficiScan"]
    series = {(s["source"], s["seller"]): s for s in doc["history"]}
    assert ("PriceAPI", "lowest") in series
    point = series[("PriceAPI", "lowest")]["points"][0]
    assert set(point) == {"at", "price", "note"} and datetime.fromisoformat(point["at"]).tzinfo is not None
    assert doc["move"] is None and doc["notes"] == []


def test_a_source_note_is_in_the_text_and_the_json(journaled: Journaled, capsys) -> None:
    j = journaled
    d = product_detail(j.run_id, j.upc.zfill(14), j.data_dir)
    assert d.notes, "a UPC-A code is no French pharmacy code: OfficiScan has nothing for it"
    text = render_text(d)
    assert "Notes" in text.splitlines() and all(f"  {n.text}" in text.splitlines() for n in d.notes)
    assert show(j, "--run", j.run_id, j.upc, "--json") == 0
    assert json.loads(capsys.readouterr().out)["notes"] == [{"source": n.source, "text": n.text} for n in d.notes]


def test_an_invalid_code_is_one_line_and_exit_2(journaled: Journaled, capsys) -> None:
    j = journaled
    bad = j.rich[:-1] + str((int(j.rich[-1]) + 1) % 10)
    assert show(j, "--run", j.run_id, bad) == cli.EXIT_BAD_INPUT
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    assert captured.err.startswith(f"pricelookup: '{bad}' is not a product code (wrong check digit")
    assert "Traceback" not in captured.err
    assert show(j, "--run", j.run_id, "hello") == cli.EXIT_BAD_INPUT
    assert "'hello' is not a product code" in capsys.readouterr().err


def test_an_unknown_run_or_a_code_not_in_the_run_is_the_journals_message(journaled: Journaled, capsys) -> None:
    j = journaled
    assert show(j, "--run", "20990101-000000-nope00", j.rich) == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no run '20990101-000000-nope00'" in err and "`pricelookup runs`" in err
    assert show(j, "--run", j.run_id, "4006381333931") == cli.EXIT_BAD_INPUT
    err = capsys.readouterr().err
    assert f"Run {j.run_id} has no product 04006381333931" in err and "Traceback" not in err


def test_a_vendors_control_characters_never_reach_the_terminal(journaled: Journaled,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    # printed as is, "\x1b[31m" would recolour the analyst's terminal and "\r" rewrite the line
    assert show(journaled, "--run", journaled.run_id, HOSTILE, "--json") == 0
    name = json.loads(capsys.readouterr().out)["name"]
    assert "\x1b[31m" in name and "\x07" in name  # the JSON keeps the name exactly (escaped)
    assert show(journaled, "--run", journaled.run_id, HOSTILE) == 0
    text = capsys.readouterr().out
    assert "rouge" in text and "\ufffd" in text
    assert not any(ch in text for ch in "\x07\x0b\x1b\x7f\r")
