"""Reading a 1M-row spreadsheet (code column + 3 others), against polars alone and pandas + openpyxl.

Group "reading" (same xlsx file for every case, generated once in ``work``):
- "polars.read_excel alone": the baseline, polars' own calamine reader with type inference.
- "pricelookup read_table + validate": our reader (all text, header and code-column
  detection, error cells, blank rows) plus GTIN validation of every row.
  Target: <= 1.3x the baseline, peak RSS <= 1 GB.
- "pandas + openpyxl": what analysts script today (~1 min at full size, one repeat;
  it also turns text codes into int64 and loses leading zeros).

Group "reading-csv": the same table as a 1M-row French CSV (';', cp1252, CRLF).
- "polars.read_csv alone" (baseline) and "pricelookup read_table (csv)", target < 1 s.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl
from harness import Size, case

ROWS = {"full": 1_000_000, "smoke": 2_000}


def _codes(rows: int) -> pl.DataFrame:
    """Deterministic valid EAN-13s (vectorised check digits), 20% stored as text with leading zeros."""
    body = (
        pl.int_range(0, rows, eager=True).cast(pl.UInt64) * 7919 % 10**12
    ).cast(pl.String).str.zfill(12)
    digits = [body.str.slice(i, 1).cast(pl.Int32) for i in range(12)]
    total = sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits))
    check = ((10 - total % 10) % 10).cast(pl.String)
    return pl.DataFrame({"code": body + check})


def xlsx_fixture(work: Path, rows: int) -> Path:
    """The 1M-row workbook, written once with xlsxwriter in constant_memory mode."""
    import xlsxwriter

    path = work / f"reading_{rows}.xlsx"
    if path.exists():
        return path
    codes = _codes(rows)["code"].to_list()
    tmp = path.with_suffix(".tmp.xlsx")
    wb = xlsxwriter.Workbook(str(tmp), {"constant_memory": True})
    ws = wb.add_worksheet("Produits")
    ws.write_row(0, 0, ["EAN", "SKU", "Désignation", "Prix"])
    write_number, write_string = ws.write_number, ws.write_string
    for r, code in enumerate(codes, start=1):
        if r % 5 == 0:
            write_string(r, 0, code)  # text cell, leading zeros kept
        else:
            write_number(r, 0, int(code))
        write_number(r, 1, 100_000 + r)
        write_string(r, 2, f"Produit {r}")
        write_number(r, 3, (r % 50_000) / 100 + 0.99)
    wb.close()
    tmp.rename(path)
    return path


def csv_fixture(work: Path, rows: int) -> Path:
    """The same table as a French CSV export: ';' separator, decimal commas, cp1252, CRLF."""
    path = work / f"reading_{rows}.csv"
    if path.exists():
        return path
    codes = _codes(rows)["code"]
    frame = pl.DataFrame(
        {
            "Code EAN": codes,
            "SKU": pl.int_range(100_001, 100_001 + rows, eager=True).cast(pl.String),
            "Désignation": pl.Series([f"Crème n°{r}" for r in range(1, rows + 1)]),
            "Prix": pl.Series([f"{(r % 50_000) // 100},{r % 100:02d}" for r in range(1, rows + 1)]),
        }
    )
    text = frame.write_csv(separator=";", line_terminator="\r\n")
    tmp = path.with_suffix(".tmp")
    tmp.write_bytes(text.encode("cp1252"))
    tmp.rename(path)
    return path


@case(group="reading", name="polars.read_excel alone", repeats=5)
def polars_read_excel(size: Size, work: Path) -> Callable[[], object]:
    path = xlsx_fixture(work, size.pick(**ROWS))
    return lambda: {"rows": float(pl.read_excel(path).height)}


@case(
    group="reading",
    name="pricelookup read_table + validate",
    baseline="polars.read_excel alone",
    max_ratio=1.3,
    max_rss_mb=1024,
    repeats=5,
)
def read_and_validate(size: Size, work: Path) -> Callable[[], object]:
    from pricelookup.sheets import read_table
    from pricelookup.validation import validate_table

    path = xlsx_fixture(work, size.pick(**ROWS))

    def run() -> dict[str, float]:
        table = read_table(path)
        summary = validate_table(table).summary()
        assert table.code_column == "EAN" and summary.rows == size.pick(**ROWS)
        return {"rows": float(summary.rows), "valid": float(summary.valid + summary.repaired)}

    return run


@case(group="reading", name="pandas + openpyxl", baseline="polars.read_excel alone", repeats=1,
      note="what analysts script today; codes become int64 (leading zeros lost)")
def pandas_openpyxl(size: Size, work: Path) -> Callable[[], object]:
    import pandas as pd

    path = xlsx_fixture(work, size.pick(**ROWS))
    return lambda: {"rows": float(len(pd.read_excel(path, engine="openpyxl")))}


@case(group="reading-csv", name="polars.read_csv alone", repeats=5)
def polars_read_csv(size: Size, work: Path) -> Callable[[], object]:
    path = csv_fixture(work, size.pick(**ROWS))
    return lambda: {"rows": float(pl.read_csv(path, separator=";", encoding="utf8-lossy").height)}


@case(group="reading-csv", name="pricelookup read_table (csv)", baseline="polars.read_csv alone",
      max_seconds=1.0, max_rss_mb=1024, repeats=5)
def read_csv_table(size: Size, work: Path) -> Callable[[], object]:
    from pricelookup.sheets import read_table

    path = csv_fixture(work, size.pick(**ROWS))

    def run() -> dict[str, float]:
        table = read_table(path)
        assert table.code_column == "Code EAN" and table.frame["Désignation"][0] == "Crème n°1"
        return {"rows": float(table.frame.height)}

    return run
