"""`pricelookup validate`: human output, the --json contract, exit codes."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import xlsxwriter

from pricelookup.cli import main

ROW_KEYS = ["row", "input", "gtin14", "status", "reason", "duplicate_of"]
SUMMARY_KEYS = ["rows", "valid", "repaired", "invalid", "empty", "duplicates", "unique"]
TOP_KEYS = ["file", "sheet", "header_row", "column", "summary", "rows"]


def write_catalogue(path: Path) -> Path:
    """A realistic workbook: a title row, the header on row 3, codes as text and as numbers."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet("Catalogue")
    ws.write(0, 0, "Export du 01/02/2024")
    ws.write_row(2, 0, ["Produit", "Code EAN", "Prix"])
    rows: list[tuple[str, str | int | None, float]] = [
        ("Doliprane", "3400935955838", 2.18),      # row 4: valid
        ("Numeric", 3401351277399, 3.5),           # row 5: a number cell
        ("Zeros", "0095673400332", 1.0),           # row 6: text keeps its zeros
        ("Dropped", 95673400332, 1.0),             # row 7: Excel dropped them -> repaired, dup of 6
        ("Sci", "3,40135E+12", 1.0),               # row 8: digits lost
        ("Hyphens", "3-400935-955838", 1.0),       # row 9: repaired, duplicate of row 4
        ("Blank", None, 1.0),                      # row 10: empty
        ("Bad", "5901234123458", 2.0),             # row 11: wrong check digit
    ]
    for i, (name, code, price) in enumerate(rows):
        ws.write_string(3 + i, 0, name)
        if isinstance(code, str):
            ws.write_string(3 + i, 1, code)
        elif code is not None:
            ws.write_number(3 + i, 1, code)
        ws.write_number(3 + i, 2, price)
    ws.write_string(11, 0, "Error")
    ws.write_formula(11, 1, "=NA()", None, "#N/A")  # row 12: Excel error cell
    other = wb.add_worksheet("Autres")
    other.write_row(0, 0, ["GTIN", "Nom"])
    other.write_string(1, 0, "5901234123457")
    other.write_string(1, 1, "x")
    wb.close()
    return path


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    return write_catalogue(tmp_path / "catalogue.xlsx")


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["validate", *args, "--json"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1  # exactly one JSON document, one line
    return json.loads(out)


def test_json_contract(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, str(catalogue))
    assert list(doc) == TOP_KEYS
    assert doc["file"] == str(catalogue)
    assert doc["sheet"] == "Catalogue"
    assert doc["header_row"] == 3
    assert doc["column"] == "Code EAN"
    assert list(doc["summary"]) == SUMMARY_KEYS
    assert doc["summary"] == {"rows": 9, "valid": 3, "repaired": 2, "invalid": 3, "empty": 1,
                              "duplicates": 2, "unique": 3}
    rows = doc["rows"]
    assert all(list(r) == ROW_KEYS for r in rows)
    assert [r["row"] for r in rows] == list(range(4, 13))  # every data row once, in order
    for r in rows:
        assert (r["gtin14"] is None) == (r["status"] in ("invalid", "empty"))
        assert r["status"] in ("valid", "repaired", "invalid", "empty")
    by_row = {r["row"]: r for r in rows}
    assert by_row[5]["input"] == "3401351277399" and by_row[5]["gtin14"] == "03401351277399"
    assert by_row[6]["gtin14"] == "00095673400332"
    assert by_row[7] == {"row": 7, "input": "95673400332", "gtin14": "00095673400332",
                         "status": "repaired", "reason": "leading zeros restored; duplicate of row 6",
                         "duplicate_of": 6}
    assert by_row[8]["reason"] == "digits lost by the spreadsheet; re-export the column as text"
    assert by_row[9]["duplicate_of"] == 4
    assert by_row[10] == {"row": 10, "input": None, "gtin14": None, "status": "empty",
                          "reason": None, "duplicate_of": None}
    assert by_row[11]["reason"] == "wrong check digit: the last digit should be 7, not 8"
    assert by_row[12]["reason"] == "Excel error cell #N/A"
    summary = doc["summary"]
    assert summary["rows"] == len(rows)
    assert summary["duplicates"] == sum(r["duplicate_of"] is not None for r in rows)


def test_human_output(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(catalogue)]) == 0
    out = capsys.readouterr().out
    assert f"File:        {catalogue}" in out
    assert "Sheet:       Catalogue  (other sheets: Autres)" in out
    assert "Header row:  3" in out
    assert 'Code column: Code EAN (header "Code EAN"' in out
    assert "  rows                    9" in out
    assert "  duplicates              2" in out
    assert 'row  8  "3,40135E+12": digits lost by the spreadsheet; re-export the column as text' in out
    assert 'row 11  "5901234123458": wrong check digit: the last digit should be 7, not 8' in out
    assert 'row 12  "#N/A": Excel error cell #N/A' in out
    assert 'row 9  "3-400935-955838": separators removed: hyphens; duplicate of row 4' in out


def test_human_output_lists_only_the_first_20_problems(tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "many.csv"
    path.write_text("EAN;Nom\n" + "".join(f"59012341234{i % 10}{i % 7};p{i}\n" for i in range(60)) +
                    "3400935955838;ok\n", encoding="utf-8")
    assert main(["validate", str(path), "--column", "EAN"]) == 0
    out = capsys.readouterr().out
    problems = [line for line in out.splitlines() if line.startswith("  row ") and "check digit" in line]
    assert len(problems) == 20
    assert "Problems (first 20 of " in out


def test_sheet_and_column_options(catalogue: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = run_json(capsys, str(catalogue), "--sheet", "Autres")
    assert doc["sheet"] == "Autres" and doc["column"] == "GTIN"
    assert doc["rows"] == [{"row": 2, "input": "5901234123457", "gtin14": "05901234123457",
                            "status": "valid", "reason": None, "duplicate_of": None}]
    doc = run_json(capsys, str(catalogue), "--column", "C")  # the price column, on request
    assert doc["column"] == "Prix"
    # prices are not codes: every priced row is invalid (row 12 has no price: empty)
    assert doc["summary"]["invalid"] == 8 and doc["summary"]["empty"] == 1
    assert doc["rows"][0]["reason"] == "a decimal number, not a code"


def test_cip7_option(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "cip.csv"
    path.write_text("CIP;Nom\n3400935;a\n3400935955838;b\n", encoding="utf-8")
    doc = run_json(capsys, str(path), "--cip7")
    first = doc["rows"][0]
    assert first["status"] == "repaired" and first["reason"] == "CIP7 converted to CIP13"
    assert first["gtin14"].startswith("034009")


def test_missing_file_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.xlsx"
    assert main(["validate", str(missing), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and str(missing) in captured.err
    assert captured.err.startswith("pricelookup: ")


def test_not_a_spreadsheet_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fake = tmp_path / "fake.xlsx"
    fake.write_bytes(b"this is not a workbook")
    assert main(["validate", str(fake)]) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1


@pytest.mark.slow  # `pricelookup validate` in fresh interpreters
def test_subprocess_json_and_exit_codes(catalogue: Path, tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "pricelookup", "validate", str(catalogue), "--json"],
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    doc = json.loads(proc.stdout.decode("utf-8"))
    assert list(doc) == TOP_KEYS and len(doc["rows"]) == 9
    missing = subprocess.run([sys.executable, "-m", "pricelookup", "validate", str(tmp_path / "x.csv")],
                             capture_output=True, text=True, timeout=120)
    assert missing.returncode == 2
    assert missing.stdout == "" and missing.stderr.count("\n") == 1


def test_json_to_a_text_stream_without_buffer(catalogue: Path) -> None:
    from pricelookup.cli.validate import validate_command

    out = io.StringIO()
    assert validate_command(catalogue, as_json=True, out=out) == 0
    doc = json.loads(out.getvalue())
    assert list(doc) == TOP_KEYS and len(doc["rows"]) == 9
