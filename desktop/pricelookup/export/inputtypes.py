"""The analyst's own columns keep their types in the workbook: numbers, dates, booleans, text.

The reader hands every input column over as text, so that codes keep their
leading zeros. Only the code column must stay text; a ``Prix TTC`` of ``3,57``
should reach the Results sheet as the number 3.57, not as the text ``'3,57'``
(left-aligned, no sums, a green triangle in Excel). A column is typed only when
*every* non-empty value reads as that type the same way; anything mixed or in
doubt stays text, exactly as it was:

- numbers: ``-12``, ``3.57`` or ``3,57``, ``1 234,50``, ``1,234.50``,
  ``1.234,50``. The decimal mark is the column's own: when its values read
  as numbers with ``.`` as the mark and also with ``,`` and the two readings
  differ (a column of ``1,234`` only), it stays text. Never a number: a
  leading zero (``007`` is an identifier), more than 15 significant digits
  (Excel would round them), currency signs, percents, exponents.
- dates and date-times: ISO ``2026-11-05`` and ``2026-11-05 10:30[:00]`` (how
  the reader renders an xlsx date cell), and ``05/11/2026`` when the column
  itself tells day from month (some first part above 12, no second part
  above 12, or the reverse); otherwise text.
- booleans: ``true``/``false`` (what the reader makes of a TRUE/FALSE cell) and
  ``VRAI``/``FAUX``, any case.

Everything is a polars expression over the column: typing a 1M-row table costs
a few regex passes per column.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal

import polars as pl

from pricelookup.export.columns import Kind

#: thin, non-breaking and narrow non-breaking spaces group thousands in French files
_SPACE = "[ \u00a0\u202f]"
_WHOLE = r"-?(?:0|[1-9]\d*)"
_GROUPED = r"-?[1-9]\d{{0,2}}(?:{sep}\d{{3}})+"
#: number patterns per decimal mark: plain, or grouped by the other mark or by spaces
_BY_COMMA, _BY_DOT, _BY_SPACE = (_GROUPED.format(sep=sep) for sep in (",", r"\.", _SPACE))
_NUMBER = {
    ".": rf"^(?:{_WHOLE}|{_BY_COMMA}|{_BY_SPACE})(?:\.\d+)?$",
    ",": rf"^(?:{_WHOLE}|{_BY_DOT}|{_BY_SPACE})(?:,\d+)?$",
}
_GROUPING = {".": f"[,{_SPACE[1:-1]}]", ",": f"[.{_SPACE[1:-1]}]"}
#: Excel keeps 15 significant digits; more would be silently rounded
_MAX_DIGITS = 15

_ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"
_ISO_DATETIME = r"^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?$"
_SLASH_DATE = r"^\d{2}/\d{2}/\d{4}$"
_TRUE = ("true", "vrai")
_FALSE = ("false", "faux")

How = Literal["text", "dot", "comma", "iso-date", "iso-datetime", "day-first", "month-first", "bool"]


@dataclass(frozen=True, slots=True)
class InputType:
    """How one input column is written: its kind, and how its text becomes that kind."""

    kind: Kind
    how: How


TEXT = InputType("text", "text")


def infer_types(frame: pl.DataFrame, *, keep_text: frozenset[str] = frozenset()) -> dict[str, InputType]:
    """The type of every column of ``frame`` (all ``pl.String``); ``keep_text`` stay text (the codes)."""
    return {name: TEXT if name in keep_text else infer_type(frame.get_column(name)) for name in frame.columns}


def infer_type(column: pl.Series) -> InputType:
    """The one type every non-empty value of ``column`` has, or :data:`TEXT`."""
    values = column.cast(pl.String).str.strip_chars().replace("", None).drop_nulls()
    if values.is_empty():
        return TEXT
    lower = values.str.to_lowercase()
    if lower.is_in([*_TRUE, *_FALSE]).all():
        return InputType("bool", "bool")
    number = _number_type(values)
    if number is not None:
        return number
    if values.str.contains(_ISO_DATE).all():
        return InputType("date", "iso-date")
    if values.str.contains(_ISO_DATETIME).all():
        parsed = values.str.to_datetime(strict=False)
        if parsed.null_count() == 0:
            return InputType("date" if _all_midnight(parsed) else "datetime", "iso-datetime")
        return TEXT
    if values.str.contains(_SLASH_DATE).all():
        first = values.str.slice(0, 2).cast(pl.Int32)
        second = values.str.slice(3, 2).cast(pl.Int32)
        how: How | None = None
        if (first > 12).any() and not (second > 12).any():
            how = "day-first"
        elif (second > 12).any() and not (first > 12).any():
            how = "month-first"
        if how is not None and typed(values, InputType("date", how)).null_count() == 0:
            return InputType("date", how)
    return TEXT


def _all_midnight(parsed: pl.Series) -> bool:
    return bool((parsed.dt.hour() == 0).all() and (parsed.dt.minute() == 0).all()
                and (parsed.dt.second() == 0).all() and (parsed.dt.nanosecond() == 0).all())


def _number_type(values: pl.Series) -> InputType | None:
    marks: tuple[tuple[str, How], ...] = ((".", "dot"), (",", "comma"))
    readings: dict[How, pl.Series] = {how: _decimal_text(values, mark) for mark, how in marks
                                      if values.str.contains(_NUMBER[mark]).all()}
    if not readings:
        return None
    if len(readings) == 2 and not readings["dot"].equals(readings["comma"]):
        return None  # "1,234": a thousand or one and a bit? the column does not say
    how: How = "dot" if "dot" in readings else "comma"
    digits = readings[how].str.replace_all(r"[^\d]", "").str.strip_chars_start("0").str.len_chars()
    if (digits > _MAX_DIGITS).any():
        return None
    return InputType("number", how)


def _decimal_text(values: pl.Series, mark: str) -> pl.Series:
    """``1 234,50`` -> ``1234.50``: grouping removed, the decimal mark a dot (exact, no float)."""
    plain = values.str.strip_chars().str.replace_all(_GROUPING[mark], "")
    return plain.str.replace(",", ".", literal=True) if mark == "," else plain


def typed(column: pl.Series, kind: InputType) -> pl.Series:
    """``column`` written as ``kind`` says (numbers as exact decimal text, which the sheet writes as numbers)."""
    values = column.cast(pl.String).str.strip_chars().replace("", None)
    how = kind.how
    if how == "text":
        return column
    if how in ("dot", "comma"):
        return _decimal_text(values, "." if how == "dot" else ",")
    if how == "bool":
        lower = values.str.to_lowercase()
        return (pl.select(pl.when(lower.is_in(_TRUE)).then(True).when(lower.is_in(_FALSE)).then(False)
                          .otherwise(None).cast(pl.Boolean)).to_series().alias(column.name))
    if how == "iso-date":
        return values.str.to_date("%Y-%m-%d", strict=False)
    if how == "iso-datetime":
        stamps = values.str.to_datetime(strict=False, time_unit="us")
        return stamps.dt.date() if kind.kind == "date" else stamps
    return values.str.to_date("%d/%m/%Y" if how == "day-first" else "%m/%d/%Y", strict=False)


def typed_columns(frame: pl.DataFrame, types: Mapping[str, InputType]) -> pl.DataFrame:
    """``frame`` with every typed column converted (text columns untouched)."""
    changes = {name: typed(frame.get_column(name), t) for name, t in types.items()
               if t.how != "text" and name in frame.columns}
    return frame.with_columns(**changes) if changes else frame
