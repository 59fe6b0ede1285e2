"""Every row of an input table checked: status, reason, GTIN-14 key and duplicates.

:func:`validate_table` runs :func:`pricelookup.gtin.check_column` over the code
column of a :class:`~pricelookup.sheets.SheetTable` and adds what only the
whole table knows: duplicates. Vectorised throughout, no Python loop per row
(timings: tests/benchmarks/bench_gtin.py).

Duplicates
----------
Two rows are duplicates when their usable codes have the same GTIN-14 (so
``3401351277399``, ``03401351277399`` and ``3-401351-277399`` are one
product). The first occurrence, in sheet order, is the one looked up; every
later row keeps its own status (``valid`` or ``repaired``) and gets
``duplicate_of`` = the sheet row number of that first occurrence. Its reason
says so too, because the reason is what the analyst reads in the export and
the GUI tooltip: "duplicate of row 12" alone, or appended to the row's own
note ("separators removed: hyphens; duplicate of row 12"). Invalid and empty
rows are never duplicates.

Reasons are stored as English text (the export and the journal keep them so);
:func:`reason_phrases` reads one back into the templates that wrote it, for
the window to show it in another language.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import polars as pl

from pricelookup.errors import SettingsError
from pricelookup.gtin import CONTROL_NOTE, NOTE_TEMPLATES, check_column
from pricelookup.phrasing import QT_TRANSLATE_NOOP, Phrase, phrase, read_phrases
from pricelookup.sheets.cellerrors import FORMULA_WITHOUT_VALUE  # the reader owns the marker

if TYPE_CHECKING:
    from pricelookup.sheets import SheetTable

__all__ = ["DUPLICATE_REASON_PREFIX", "ValidatedTable", "ValidationSummary", "reason_phrases", "validate_table"]

#: the note of a duplicate row, the last of its reason
DUPLICATE_NOTE = QT_TRANSLATE_NOOP("Engine", "duplicate of row {row}")
#: reasons of duplicate rows end with this followed by the sheet row number
DUPLICATE_REASON_PREFIX = DUPLICATE_NOTE.removesuffix("{row}")

#: column names and types of :attr:`ValidatedTable.checks`, in order
CHECKS_SCHEMA: dict[str, pl.DataType] = {
    "row": pl.Int64(),
    "input": pl.String(),
    "gtin14": pl.String(),
    "status": pl.String(),
    "reason": pl.String(),
    "duplicate_of": pl.Int64(),
    "restricted": pl.Boolean(),
}


@dataclass(frozen=True)
class ValidationSummary:
    """Counts over one validated table.

    ``valid`` + ``repaired`` + ``invalid`` + ``empty`` == ``rows``. Duplicates
    are counted in their own status too (a duplicate is still a valid code).
    ``unique`` is the number of distinct usable GTIN-14s (restricted ones
    included); ``restricted`` counts rows whose usable code is restricted.
    ``control_removed`` counts the rows whose code had control characters
    removed: the rows whose reason says so (``gtin.CONTROL_NOTE``).
    """

    rows: int
    valid: int
    repaired: int
    invalid: int
    empty: int
    duplicates: int
    unique: int
    restricted: int = 0
    control_removed: int = 0


@dataclass(frozen=True)
class ValidatedTable:
    """A :class:`SheetTable` with the verdict on each of its rows.

    ``checks`` has one row per ``table.frame`` row, in order, with the columns of
    :data:`CHECKS_SCHEMA`: row (sheet row), input (cell text as read), gtin14
    (null exactly when unusable), status, reason, duplicate_of, restricted.
    """

    table: SheetTable
    checks: pl.DataFrame

    def summary(self) -> ValidationSummary:
        """Counts of rows by status, duplicates and unique usable codes."""
        c = pl.col
        status = c("status")
        counts = self.checks.select(
            rows=pl.len(),
            valid=(status == "valid").sum(),
            repaired=(status == "repaired").sum(),
            invalid=(status == "invalid").sum(),
            empty=(status == "empty").sum(),
            duplicates=c("duplicate_of").is_not_null().sum(),
            # first occurrences of usable codes: no hashing needed
            unique=(c("gtin14").is_not_null() & c("duplicate_of").is_null()).sum(),
            restricted=(c("restricted") & c("gtin14").is_not_null()).sum(),
            # counted from the note itself, so the count and the rows' notes cannot disagree
            control_removed=c("reason").str.contains(CONTROL_NOTE, literal=True).fill_null(False).sum(),
        ).row(0, named=True)
        return ValidationSummary(**{k: int(v) for k, v in counts.items()})

    def lookup_codes(self, *, include_restricted: bool) -> list[str]:
        """Unique usable GTIN-14s in first-seen order: what a run asks PriceAPI for.

        Restricted-circulation and coupon codes are left out unless
        ``include_restricted`` (they identify nothing outside one shop or
        company, and a look-up costs credits).
        """
        # a usable row without duplicate_of is the first occurrence of its GTIN-14
        keep = pl.col("gtin14").is_not_null() & pl.col("duplicate_of").is_null()
        if not include_restricted:
            keep = keep & ~pl.col("restricted")
        return self.checks.filter(keep).get_column("gtin14").to_list()

    def problems(self) -> pl.DataFrame:
        """The invalid rows (row, input, reason), in sheet order."""
        return self.checks.filter(pl.col("status") == "invalid").select("row", "input", "reason")


def validate_table(table: SheetTable, *, cip7: bool = False) -> ValidatedTable:
    """Check the code column of ``table`` row by row and mark duplicates.

    ``cip7``: read 7-digit codes as French CIP7 and convert them to CIP13.
    Which code cells were numbers in the spreadsheet comes from
    ``table.numeric_codes`` (a text code of 9 to 11 digits is not padded, a
    number's is), which had a scientific number format from
    ``table.scientific_codes`` (their rounded digits are lost, gtin's rule 11),
    and whether the column holds ISBN-10s from ``table.isbn10``. Raises
    :class:`SettingsError` if the table's code column is not in its frame.
    """
    frame = table.frame
    if table.code_column not in frame.columns:
        raise SettingsError(phrase(QT_TRANSLATE_NOOP(
            "Engine", '{path}: sheet "{sheet}" has no column "{column}"; choose one of: {columns}'),
            path=str(table.path), sheet=table.sheet, column=table.code_column, columns=", ".join(frame.columns)))
    if table.row_numbers.len() != frame.height:
        raise ValueError(
            f"row_numbers has {table.row_numbers.len()} entries for {frame.height} rows"
        )
    codes = frame.get_column(table.code_column)
    numeric = table.numeric_codes
    if numeric is not None and numeric.len() != frame.height:
        raise ValueError(f"numeric_codes has {numeric.len()} entries for {frame.height} rows")
    scientific = table.scientific_codes
    if scientific is not None and scientific.len() != frame.height:
        raise ValueError(f"scientific_codes has {scientific.len()} entries for {frame.height} rows")
    verdicts = _with_reader_reasons(
        codes, check_column(codes, cip7=cip7, numeric=numeric, scientific=scientific, isbn10=table.isbn10))
    rows = table.row_numbers.cast(pl.Int64)
    duplicate_of = _first_occurrence_rows(verdicts.get_column("gtin14"), rows)
    checks = (
        pl.DataFrame(
            {
                "row": rows,
                "input": codes if codes.dtype == pl.String else codes.cast(pl.String),
            }
        )
        .hstack(verdicts)
        .with_columns(
            duplicate_of=duplicate_of,
            reason=_with_duplicate_notes(verdicts.get_column("reason"), duplicate_of),
        )
        .select(list(CHECKS_SCHEMA))
    )
    return ValidatedTable(table=table, checks=checks)


#: the reason of a code cell holding a formula that no spreadsheet program has computed yet
FORMULA_WITHOUT_VALUE_REASON = QT_TRANSLATE_NOOP(
    "Engine", "formula with no saved value — open and save the file in Excel, or export the sheet as values"
)
#: the reason of a LibreOffice error cell ("Err:502"), which is not an Excel error literal
CALC_ERROR_REASON = QT_TRANSLATE_NOOP("Engine", "LibreOffice error cell {text}")

#: every template a reason in the checks table is made of
REASON_TEMPLATES: tuple[str, ...] = (*NOTE_TEMPLATES, FORMULA_WITHOUT_VALUE_REASON, CALC_ERROR_REASON,
                                     DUPLICATE_NOTE)


def reason_phrases(reason: str) -> tuple[Phrase, ...] | None:
    """A row's reason read back into the notes that make it up, or None if it is not one of ours.

    ``"; ".join(map(str, phrases))`` gives ``reason`` back. Cheap enough for a
    tooltip (one regex per template); the stored text stays the only record.
    """
    return read_phrases(reason, REASON_TEMPLATES)


def _with_reader_reasons(codes: pl.Series, verdicts: pl.DataFrame) -> pl.DataFrame:
    """Reasons for the cells the reader marks (they are invalid like any text already):
    a formula without a saved value (``cellerrors.FORMULA_WITHOUT_VALUE``) and
    LibreOffice's own error cells ("Err:502"), which are not Excel literals."""
    text = codes.cast(pl.String)
    formula = text == FORMULA_WITHOUT_VALUE
    calc_error = text.str.contains(r"^Err:[0-9]{3}$")
    if not (formula.any() or calc_error.any()):
        return verdicts
    reason = (
        pl.when(pl.lit(formula)).then(pl.lit(FORMULA_WITHOUT_VALUE_REASON))
        .when(pl.lit(calc_error)).then(pl.lit(CALC_ERROR_REASON.removesuffix("{text}")) + pl.lit(text))
        .otherwise(pl.col("reason"))
    )
    return verdicts.with_columns(reason=reason)


def _with_duplicate_notes(reason: pl.Series, duplicate_of: pl.Series) -> pl.Series:
    """Reasons with "duplicate of row N" added (alone, or after "; "); only duplicate rows are touched."""
    idx = duplicate_of.is_not_null().arg_true()
    if idx.len() == 0:
        return reason
    c = pl.col
    notes = (
        pl.DataFrame({"reason": reason.gather(idx), "first": duplicate_of.gather(idx)})
        .select(
            pl.when(c("reason").is_null())
            .then(pl.concat_str([pl.lit(DUPLICATE_REASON_PREFIX), c("first")]))
            .otherwise(pl.concat_str([c("reason"), pl.lit("; " + DUPLICATE_REASON_PREFIX), c("first")]))
        )
        .to_series()
    )
    out = reason.clone()
    out.scatter(idx, notes)
    return out


def _first_occurrence_rows(gtin14: pl.Series, rows: pl.Series) -> pl.Series:
    """For each row whose GTIN-14 appeared earlier: the sheet row of the first; else null.

    Keys are hashed as integers (a GTIN-14 fits an Int64), several times faster
    than hashing the strings; the join only touches the duplicate rows.
    """
    out = pl.repeat(None, rows.len(), dtype=pl.Int64, eager=True).rename("duplicate_of")
    key = gtin14.cast(pl.Int64)
    is_dup = pl.select(key.is_not_null() & ~key.is_first_distinct()).to_series()
    dup_idx = is_dup.arg_true()
    if dup_idx.len() == 0:
        return out
    dup_keys = key.gather(dup_idx)
    firsts = (
        pl.DataFrame({"key": key, "first": rows})
        .filter(pl.col("key").is_in(dup_keys.unique().implode()))
        .unique("key", keep="first", maintain_order=True)
    )
    matched = (
        pl.DataFrame({"key": dup_keys})
        .join(firsts, on="key", how="left", maintain_order="left")
        .get_column("first")
    )
    out.scatter(dup_idx, matched)
    return out
