"""A real spreadsheet program reads the exports: LibreOffice converts every sheet to CSV.

The CSV filter quotes text cells and leaves numbers bare, so the CSV tells
text from numbers: codes must come back quoted with their zeros, prices bare.
The three workbooks are written once for the module and converted in ONE LibreOffice start
(~1.3 s of CPU each); each test checks its own workbook. LibreOffice's profile is the test
process's own (tests/libreoffice.py), so parallel runs don't clash.
"""

from __future__ import annotations

import pytest
from export_builders import (
    CONTROL,
    CONTROL_CLEAN,
    HOSTILE,
    LONG_NAME,
    REFS,
    SOFFICE,
    convert_many,
    ean13,
    g14,
    make_result,
    make_table,
    offer,
    product,
    rich_result,
)

from pricelookup.export import cells
from pricelookup.export.workbook import export_workbook

pytestmark = [
    pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed"),
    pytest.mark.libreoffice,
    pytest.mark.slow,
]

#: {"row" | "col" | "hostile": {sheet: [{header: (text, quoted)}]}}
ReadBack = dict[str, dict[str, list[dict[str, tuple[str, bool]]]]]


def _hostile_names() -> list[str]:
    return [*HOSTILE, CONTROL, LONG_NAME]


@pytest.fixture(scope="module")
def read_back(tmp_path_factory: pytest.TempPathFactory) -> ReadBack:
    """The module's three workbooks as LibreOffice reads them, all from one soffice start."""
    row_dir, col_dir, hostile_dir = (tmp_path_factory.mktemp(n) for n in ("row", "col", "hostile"))
    paths = {
        "row": export_workbook(rich_result(row_dir), row_dir / "row.xlsx", layout="row").path,
        "col": export_workbook(rich_result(col_dir), col_dir / "col.xlsx", layout="column").path,
    }
    names = _hostile_names()
    codes = [ean13(500 + i) for i in range(len(names))]
    table = make_table(hostile_dir, {"EAN": codes, "Nom": names}, "EAN")
    priceapi = {g14(c): product(g14(c), [offer(n, "2.50")], name=n) for c, n in zip(codes, names, strict=True)}
    paths["hostile"] = export_workbook(make_result(table, priceapi=priceapi), hostile_dir / "hostile.xlsx").path
    sheets = convert_many(list(paths.values()), tmp_path_factory.mktemp("csv"))
    return {key: sheets[path] for key, path in paths.items()}


def test_libreoffice_reads_the_row_layout(read_back: ReadBack) -> None:
    sheets = read_back["row"]
    assert set(sheets) == {"Results", "Summary", "Errors", "OfficiScan history", "Monitorize offers"}
    rows = sheets["Results"]
    assert [r["Réf"] for r in rows][:4] == [("00123", True)] * 3 + [("00124", True)]
    assert {r["Réf"][0] for r in rows} == set(REFS)
    first = rows[0]
    assert first["gtin"] == ("0" + ean13(11), True)  # code: text, zero kept
    assert first["EAN"] == (ean13(11), True)
    assert first["priceapi.offer.price"] == ("12.9", False)  # price: a number
    assert first["lowest_price"] == ("10", False)
    assert first["offer_count"] == ("3", False)
    assert first["priceapi.success"] == ("TRUE", False)
    assert first["priceapi.updated_at"] == ("2026-05-01 10:30:00", False)
    assert rows[1]["priceapi.offer.shop_name"] == ("=Shop B", True)
    errors = sheets["Errors"]
    assert [e["row"] for e in errors] == [("4", False), ("6", False), ("7", False)]


def test_libreoffice_reads_the_column_layout(read_back: ReadBack) -> None:
    rows = read_back["col"]["Results"]
    assert [r["Réf"][0] for r in rows] == REFS
    assert rows[0]["priceapi.offers[1].price"] == ("10", False)
    assert rows[0]["priceapi.offers[1].shop_name"] == ("=Shop B", True)


def test_libreoffice_shows_hostile_names_as_the_same_text(read_back: ReadBack) -> None:
    names = _hostile_names()
    rows = read_back["hostile"]["Results"]
    assert len(rows) == len(names)
    for raw, row in zip(names, rows, strict=True):
        want = cells.clean_text(raw)[0]
        for header in ("Nom", "priceapi.name", "priceapi.offer.shop_name"):
            got, quoted = row[header]
            assert got == want, (header, raw[:40], got[:60])
            assert quoted, (header, raw[:40])
        assert row["priceapi.offer.price"] == ("2.5", False)
    assert rows[names.index(CONTROL)]["Nom"][0] == CONTROL_CLEAN
