"""The validated input table kept beside the journal (parquet), so a run can be exported again
or resumed without its file."""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl

from pricelookup.errors import JournalError
from pricelookup.sheets import SheetTable
from pricelookup.validation import ValidatedTable


def table_dir(root: Path, run_id: str) -> Path:
    """The folder of run ``run_id`` under the data folder ``root`` (its table and its lock)."""
    return root / "runs" / run_id


def store_validated(root: Path, run_id: str, validated: ValidatedTable) -> None:
    """Keep the validated input beside the journal so the run can be exported again without the file."""
    d = table_dir(root, run_id)
    d.mkdir(parents=True, exist_ok=True)
    t = validated.table
    meta = {"path": str(t.path), "sheet": t.sheet, "header_row": t.header_row, "code_column": t.code_column,
            "code_column_reason": t.code_column_reason, "sha256": t.sha256, "sheets": list(t.sheets),
            "row_numbers_name": t.row_numbers.name}
    # write everything to temporary names first, then rename: a crash leaves no half table
    tmp = {name: d / f".{name}.tmp" for name in ("frame.parquet", "rows.parquet", "checks.parquet", "table.json")}
    t.frame.write_parquet(tmp["frame.parquet"])
    t.row_numbers.to_frame("row").write_parquet(tmp["rows.parquet"])
    validated.checks.write_parquet(tmp["checks.parquet"])
    tmp["table.json"].write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")
    for name, path in tmp.items():
        path.replace(d / name)


def load_validated(root: Path, run_id: str) -> ValidatedTable:
    """The validated input table stored with run ``run_id``."""
    d = table_dir(root, run_id)
    try:
        meta = json.loads((d / "table.json").read_text(encoding="utf-8"))
        frame = pl.read_parquet(d / "frame.parquet")
        rows = pl.read_parquet(d / "rows.parquet").get_column("row").rename(meta.get("row_numbers_name") or "row")
        checks = pl.read_parquet(d / "checks.parquet")
    except (OSError, ValueError, pl.exceptions.PolarsError) as exc:
        raise JournalError(f"The input table of run {run_id} is missing or damaged in {d} ({exc}); run the "
                           "look-up again from the input file.") from None
    table = SheetTable(path=Path(meta["path"]), sheet=meta["sheet"], header_row=meta["header_row"], frame=frame,
                       row_numbers=rows, code_column=meta["code_column"],
                       code_column_reason=meta["code_column_reason"], sha256=meta["sha256"],
                       sheets=tuple(meta["sheets"]))
    return ValidatedTable(table=table, checks=checks)
