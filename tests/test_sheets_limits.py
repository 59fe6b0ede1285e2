"""Memory guards (sheet extent, zip bombs) and the error-cell scan used for big sheets."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
import xlsxwriter

import pricelookup.sheets as sheets
import pricelookup.sheets.cellerrors as cellerrors
import pricelookup.sheets.workbook as workbook
from pricelookup.errors import InputFileError
from pricelookup.sheets import read_table
from pricelookup.sheets.cellerrors import xlsx_error_cells
from pricelookup.sheets.limits import xlsx_extent


def run_child(code: str) -> tuple[str, int]:
    """Run reader code in a child: a failing guard must not abort the test process."""
    wrapper = (
        f"{code}\n"
        # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child of a
        # big pytest process would report the parent's peak instead of its own.
        "print('maxrss_kb', [int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM')][0])\n"
    )
    out = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr[-2000:]
    lines = out.stdout.strip().splitlines()
    return "\n".join(lines[:-1]), int(lines[-1].split()[1])


def test_far_corner_cell_is_refused_without_allocating(tmp_path: Path) -> None:
    """A1 + XFD1048576 would make calamine allocate 17G cells and abort the process."""
    path = tmp_path / "corner.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_column(0, 0, ["EAN", "3401351277399"])
    ws.write(1_048_575, 16_383, "x")
    wb.close()
    out, rss_kb = run_child(
        "from pricelookup.sheets import read_table\n"
        "try:\n"
        f"    read_table({str(path)!r})\n"
        "except Exception as e:\n"
        "    print(type(e).__name__, e)\n"
    )
    assert out.startswith("InputFileError") and "refused" in out and "17,179,869,184 cells" in out
    assert rss_kb < 400 * 1024


def test_stale_dimension_does_not_block_a_small_table(tmp_path: Path) -> None:
    path = tmp_path / "stale.xlsx"
    wb = xlsxwriter.Workbook(str(path))
    wb.add_worksheet().write_column(0, 0, ["EAN", "3401351277399"])
    wb.close()
    # Rewrite the dimension as if the whole sheet were used.
    patched = tmp_path / "stale2.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(patched, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:A2"/>', b'<dimension ref="A1:XFD1048576"/>')
                assert b"XFD1048576" in data
            dst.writestr(info, data)
    assert xlsx_extent(patched.read_bytes(), "xl/worksheets/sheet1.xml") == (1_048_576, 16_384)
    assert read_table(patched).frame["EAN"].to_list() == ["3401351277399"]


@pytest.mark.slow
def test_zip_bomb_refused_from_declared_sizes(tmp_path: Path) -> None:
    path = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"spreadsheetml")
        with zf.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            block = b"\x00" * (8 * 1024 * 1024)
            for _ in range(40):  # 320 MB of zeros -> ~0.3 MB packed
                member.write(block)
    assert path.stat().st_size < 2 * 1024 * 1024
    with pytest.raises(InputFileError, match="refused: it unpacks to"):
        read_table(path)


def error_workbook(path: Path, rows: int) -> Path:
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.write_row(0, 0, ["EAN", "Prix"])
    for r in range(1, rows + 1):
        if r % 7 == 0:
            ws.write_formula(r, 0, "=NA()", None, "#N/A")
            ws.write_formula(r, 1, "=1/0", None, "#DIV/0!")
        else:
            ws.write_string(r, 0, "3401351277399")
            ws.write_number(r, 1, r)
    wb.close()
    return path


def test_chunked_error_scan_matches_whole_scan(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = error_workbook(tmp_path / "e.xlsx", 300).read_bytes()
    whole = xlsx_error_cells(data, "xl/worksheets/sheet1.xml")
    monkeypatch.setattr(cellerrors, "CHUNK", 97)  # cells straddle every chunk boundary
    chunked = xlsx_error_cells(data, "xl/worksheets/sheet1.xml")
    assert chunked == whole
    assert len(whole) == 2 * (300 // 7)
    assert whole[0] == (8, 0, "#N/A") and whole[1] == (8, 1, "#DIV/0!")
    assert xlsx_error_cells(data, "xl/worksheets/sheet1.xml", column=1)[0] == (8, 1, "#DIV/0!")


def test_big_sheet_scans_only_the_code_column(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Above FULL_ERROR_SCAN_ROWS only the code column gets its error literals back."""
    path = error_workbook(tmp_path / "big.xlsx", 50)
    monkeypatch.setattr(workbook, "FULL_ERROR_SCAN_ROWS", 10)
    monkeypatch.setattr(sheets, "FULL_ERROR_SCAN_ROWS", 10)
    table = read_table(path)
    assert table.frame["EAN"][6] == "#N/A"
    assert table.frame["Prix"][6] is None  # documented limit for big sheets
    small = read_table(path, column="EAN")
    assert small.frame["EAN"][6] == "#N/A"
    monkeypatch.undo()
    assert read_table(path).frame["Prix"][6] == "#DIV/0!"  # small sheets: every column
