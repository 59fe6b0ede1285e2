"""Hostile data end to end, and the atomic write with clear errors."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import openpyxl
import pytest
from export_builders import (
    CONTROL,
    CONTROL_CLEAN,
    HOSTILE,
    LONG_NAME,
    ean13,
    g14,
    make_result,
    make_table,
    offer,
    product,
    read_sheet,
    rich_result,
)
from openpyxl.utils.escape import unescape

from pricelookup.errors import ExportError
from pricelookup.export import cells
from pricelookup.export.workbook import export_workbook
from pricelookup.export.xlsxstream import WorkbookStream
from pricelookup.results import RunResult

NAMES = [*HOSTILE, CONTROL, LONG_NAME]


def hostile_result(tmp_path: Path) -> RunResult:
    """Every hostile string as an input cell, a header, a product name and a shop name."""
    codes = [ean13(100 + i) for i in range(len(NAMES))]
    # "-1" alone would be typed as the number -1; one formula-like text keeps the column text
    formula_like = ["-1"] * (len(NAMES) - 1) + ["@SUM(A1)"]
    table = make_table(tmp_path, {"EAN": codes, "=HYPERLINK(\"x\")": NAMES, "+header": formula_like}, "EAN")
    priceapi = {g14(c): product(g14(c), [offer(name, "1.00", url=f"https://s.example/{i}")], name=name,
                                brand_name=name)
                for i, (c, name) in enumerate(zip(codes, NAMES, strict=True))}
    return make_result(table, priceapi=priceapi)


def test_hostile_names_are_written_as_the_same_text(tmp_path: Path) -> None:
    report = export_workbook(hostile_result(tmp_path), tmp_path / "hostile.xlsx")
    headers, rows = read_sheet(report.path, "Results")
    assert headers[1:3] == ['=HYPERLINK("x")', "+header"]
    assert len(rows) == len(NAMES)
    for raw, row in zip(NAMES, rows, strict=True):
        want = cells.clean_text(raw)[0]
        for header in ('=HYPERLINK("x")', "priceapi.name", "priceapi.brand_name", "priceapi.offer.shop_name",
                       "lowest_price_shop"):
            cell = row[header]
            assert cell.data_type == "s", (header, raw[:30])
            assert unescape(cell.value) == want, (header, raw[:30])
        assert row["+header"].value in ("-1", "@SUM(A1)") and row["+header"].data_type == "s"
    # cut with a note, control characters removed, and counted
    long_row = rows[NAMES.index(LONG_NAME)]
    assert long_row["priceapi.name"].value.endswith(cells.truncation_note(40_000))
    assert len(long_row["priceapi.name"].value) == cells.MAX_CELL_CHARS
    assert rows[NAMES.index(CONTROL)]["priceapi.name"].value == CONTROL_CLEAN
    assert report.truncated_cells == 5  # input cell, name, brand, shop, lowest shop
    assert report.stripped_cells == 5
    summary = {r[0].value: r[1].value for r in openpyxl.load_workbook(report.path)["Summary"].iter_rows()}
    assert summary["Cells cut to 32,767 characters"] == 5
    assert summary["Values with control characters removed"] == 5


def test_formula_like_text_gets_quote_prefix(tmp_path: Path) -> None:
    report = export_workbook(hostile_result(tmp_path), tmp_path / "q.xlsx")
    _, rows = read_sheet(report.path, "Results")
    by_name = {unescape(r["priceapi.name"].value): r["priceapi.name"] for r in rows}
    assert by_name["=cmd|' /C calc'!A0"].quotePrefix
    assert by_name["#N/A"].quotePrefix and by_name["@SUM(1)"].quotePrefix
    assert not by_name["Emoji 🧴💊 name"].quotePrefix


def test_the_input_file_is_never_overwritten(tmp_path: Path) -> None:
    result = hostile_result(tmp_path)
    source = result.validated.table.path
    before = source.read_bytes()
    with pytest.raises(ExportError, match="input file"):
        export_workbook(result, source)
    with pytest.raises(ExportError, match="input file"):
        export_workbook(result, tmp_path / "sub" / ".." / source.name)
    assert source.read_bytes() == before


def test_an_existing_file_is_replaced_only_when_the_new_one_is_complete(tmp_path: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "prices.xlsx"
    target.write_bytes(b"previous export")

    def disk_full(self: WorkbookStream, path: Path, **kw: object) -> None:
        path.write_bytes(b"half a workbook")
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(WorkbookStream, "save", disk_full)
    with pytest.raises(ExportError, match="disk is full") as info:
        export_workbook(hostile_result(tmp_path), target)
    assert "another drive" in str(info.value)
    assert target.read_bytes() == b"previous export"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".~")) == []

    monkeypatch.undo()
    export_workbook(hostile_result(tmp_path), target)
    assert openpyxl.load_workbook(target).sheetnames[0] == "Results"


def test_a_target_open_in_another_program_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "prices.xlsx"
    (tmp_path / ".~lock.prices.xlsx#").write_text("analyst,host,...")
    with pytest.raises(ExportError, match="open in another program"):
        export_workbook(hostile_result(tmp_path), target)
    assert not target.exists()


def test_unwritable_folder_and_permission_errors(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    result = hostile_result(tmp_path)
    with pytest.raises(ExportError, match="does not exist"):
        export_workbook(result, tmp_path / "missing" / "x.xlsx")
    with pytest.raises(ExportError, match="is a folder"):
        export_workbook(result, tmp_path)
    with pytest.raises(ExportError, match="layout"):
        export_workbook(result, tmp_path / "x.xlsx", layout="diagonal")  # type: ignore[arg-type]

    real_access = os.access
    monkeypatch.setattr(os, "access", lambda p, mode: False if Path(p) == tmp_path else real_access(p, mode))
    with pytest.raises(ExportError, match="cannot write in the folder"):
        export_workbook(result, tmp_path / "x.xlsx")
    monkeypatch.undo()

    real_open = os.open

    def denied(path: str | os.PathLike[str], flags: int, mode: int = 0o777, **kw: object) -> int:
        if str(path).endswith(".xlsx.tmp"):  # the workbook's temporary file, beside the target
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", denied)
    with pytest.raises(ExportError, match="permission denied"):
        export_workbook(result, tmp_path / "x.xlsx")


def test_replace_failure_on_a_locked_target_is_clear(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "prices.xlsx"
    target.write_bytes(b"open in Excel")

    def locked(src: str, dst: object) -> None:  # what Windows answers when Excel holds the file
        raise PermissionError(errno.EACCES, "Permission denied", str(dst))

    monkeypatch.setattr(os, "replace", locked)
    with pytest.raises(ExportError, match="close it") as info:
        export_workbook(hostile_result(tmp_path), target)
    assert str(target) in str(info.value)
    assert target.read_bytes() == b"open in Excel"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o002, 0o664), (0o077, 0o600)])
def test_the_workbook_gets_the_users_normal_permissions(tmp_path: Path, umask: int, mode: int) -> None:
    """Colleagues on a shared folder can open it: the umask decides, not a private temporary file's 0600."""
    old = os.umask(umask)
    try:
        path = export_workbook(rich_result(tmp_path), tmp_path / "shared.xlsx").path
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == mode
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
