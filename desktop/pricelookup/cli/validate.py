"""``pricelookup validate``: read a spreadsheet, check every code, print the verdict.

Two outputs:

* human (default): file, sheet, header row, the chosen code column and why,
  the counts, then the first problems with their sheet row numbers;
* ``--json``: exactly one JSON object on stdout, a contract outside checks read::

    {"file", "sheet", "header_row", "column",
     "summary": {"rows", "valid", "repaired", "invalid", "empty", "duplicates", "unique"},
     "rows": [{"row", "input", "gtin14", "status", "reason", "duplicate_of"}, ...]}

  Every data row once, in sheet order; ``gtin14`` is null exactly when the code
  is unusable. The rows are serialised by polars (``DataFrame.write_json``),
  not by a million ``json.dumps`` calls. Output is UTF-8.

Exit 0 when the file was read, whatever its codes; a file that cannot be read
raises :class:`~pricelookup.errors.InputFileError`, which ``pricelookup.cli``
turns into exit 2 with a one-line message on stderr.
"""

from __future__ import annotations

import io
import json
import sys
from io import IOBase
from pathlib import Path
from typing import IO, cast

import polars as pl

from pricelookup.sheets import read_table
from pricelookup.validation import ValidatedTable, ValidationSummary, validate_table

__all__ = [
    "JSON_ROW_KEYS",
    "JSON_SUMMARY_KEYS",
    "render_human",
    "render_json",
    "validate_command",
    "write_json_document",
]

#: the key order of the --json contract
JSON_SUMMARY_KEYS = ("rows", "valid", "repaired", "invalid", "empty", "duplicates", "unique")
JSON_ROW_KEYS = ("row", "input", "gtin14", "status", "reason", "duplicate_of")

#: how many problem rows the human output lists
MAX_PROBLEMS = 20
#: how many repaired rows the human output lists
MAX_REPAIRS = 10


def validate_command(
    path: str | Path,
    *,
    sheet: str | None = None,
    column: str | None = None,
    cip7: bool = False,
    as_json: bool = False,
    out: IO[str] | None = None,
) -> int:
    """Run ``pricelookup validate`` and return its exit code (0: the file was read).

    Raises :class:`InputFileError` / :class:`SettingsError` (from the reader)
    when the file, sheet or column cannot be used; the CLI maps them to exit 2.
    ``out`` defaults to ``sys.stdout``.
    """
    table = read_table(path, sheet=sheet, column=column)
    validated = validate_table(table, cip7=cip7)
    stream = sys.stdout if out is None else out
    if as_json:
        _write_json(stream, validated, file=str(path))
    else:
        stream.write(render_human(validated, file=str(path)))
        stream.flush()
    return 0


def _write_json(stream: IO[str], validated: ValidatedTable, *, file: str) -> None:
    """Write the --json document to a text stream, through its binary buffer when it has one.

    Going through the buffer streams ~120 MB for a million rows without
    decoding or copying it, and does not depend on the console's locale
    encoding (JSON is UTF-8).
    """
    buffer = getattr(stream, "buffer", None)
    if buffer is None:
        stream.write(render_json(validated, file=file).decode("utf-8"))
        stream.flush()
        return
    stream.flush()
    write_json_document(buffer, validated, file=file)
    buffer.flush()


def write_json_document(sink: IO[bytes], validated: ValidatedTable, *, file: str) -> None:
    """Write the --json document (UTF-8, one trailing newline) to a binary stream."""
    table = validated.table
    summary = validated.summary()
    head = {
        "file": file,
        "sheet": table.sheet,
        "header_row": table.header_row,
        "column": table.code_column,
        "summary": {key: getattr(summary, key) for key in JSON_SUMMARY_KEYS},
    }
    head_json = json.dumps(head, ensure_ascii=False)
    sink.write(head_json[:-1].encode("utf-8") + b', "rows": ')
    # polars writes a row-oriented array of objects, keys in column order
    # polars' stub names IOBase; any binary stream works (a BytesIO in the tests, stdout's buffer here)
    validated.checks.select(JSON_ROW_KEYS).write_json(cast("IOBase", sink))
    sink.write(b"}\n")


def render_json(validated: ValidatedTable, *, file: str) -> bytes:
    """The --json document as UTF-8 bytes."""
    buf = io.BytesIO()
    write_json_document(buf, validated, file=file)
    return buf.getvalue()


def _quote(text: str | None, limit: int = 40) -> str:
    """A cell shown on one line: JSON-quoted (control characters visible), cut if long."""
    if text is None:
        return "(blank)"
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return json.dumps(text, ensure_ascii=False)


def _count_lines(summary: ValidationSummary) -> list[str]:
    def line(label: str, n: int, note: str = "") -> str:
        return f"  {label:<13}{n:>12,}{note}"

    lines = [
        line("rows", summary.rows),
        line("valid", summary.valid),
        line("repaired", summary.repaired, "  (usable; see the reason)" if summary.repaired else ""),
        line("invalid", summary.invalid, "  (cannot be looked up)" if summary.invalid else ""),
        line("empty", summary.empty),
        line(
            "duplicates",
            summary.duplicates,
            "  (same GTIN as an earlier row; looked up once)" if summary.duplicates else "",
        ),
        line("unique codes", summary.unique),
    ]
    if summary.restricted:
        lines.append(
            line("restricted", summary.restricted,
                 "  (in-store, company-internal or coupon codes; not looked up unless asked)")
        )
    return lines


def _row_lines(frame: pl.DataFrame, limit: int) -> list[str]:
    width = len(str(frame.get_column("row").max() or 0)) if frame.height else 1
    return [
        f"  row {row:>{width}}  {_quote(text)}: {reason}"
        for row, text, reason in frame.head(limit).select("row", "input", "reason").iter_rows()
    ]


def render_human(validated: ValidatedTable, *, file: str) -> str:
    """The human report: where the codes came from, the counts, the first problems."""
    table = validated.table
    summary = validated.summary()
    checks = validated.checks
    lines = [f"File:        {file}"]
    others = [s for s in table.sheets if s != table.sheet]
    sheet_note = f"  (other sheets: {', '.join(others)})" if others else ""
    lines.append(f"Sheet:       {table.sheet}{sheet_note}")
    if table.header_row is None:
        lines.append("Header row:  none (columns named by their letters A, B, C...)")
    else:
        lines.append(f"Header row:  {table.header_row}")
    lines.append(f"Code column: {table.code_column} ({table.code_column_reason})")
    lines.append("")
    lines.append("Codes:")
    lines.extend(_count_lines(summary))

    problems = checks.filter(pl.col("status") == "invalid")
    repairs = checks.filter(pl.col("status") == "repaired")
    for title, rows, most in (("Problems", problems, MAX_PROBLEMS), ("Repaired", repairs, MAX_REPAIRS)):
        if rows.height:
            shown = min(rows.height, most)
            lines.append("")
            lines.append(f"{title} (first {shown} of {rows.height:,}):" if rows.height > shown else f"{title}:")
            lines.extend(_row_lines(rows, most))
    if not problems.height:
        lines.append("")
        lines.append("No problems: every non-empty code is usable.")
    lines.append("")
    lines.append("Use --json for every row.")
    return "\n".join(lines) + "\n"
