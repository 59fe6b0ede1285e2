"""The sheet as the analyst sees it: a thin Qt model over the polars frames.

``data()`` reads the frame on demand, one cell at a time, so a 1M-row sheet
shows in milliseconds and costs almost no memory: turning the columns into
Python lists first would take ~0.9 s and ~1 GB (measured on this kind of
machine). Everything computed per row — the status category that drives the
colours, the "problems only" and "changed only" index — is computed with polars
expressions once per model, never in a Python loop over rows.
"""

from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, Any

import polars as pl
from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

from pricelookup.gui.formatting import format_price_text
from pricelookup.gui.messages import code_column_reason, notes_text
from pricelookup.gui.product_view import change_text, change_tooltip, decimal_or_none
from pricelookup.gui.row_status import CATEGORY_COLOURS, Category, category_label
from pricelookup.validation import reason_phrases

if TYPE_CHECKING:
    from pricelookup.outcome import RunOutcome
    from pricelookup.validation import ValidatedTable

translate = QCoreApplication.translate

AnyIndex = QModelIndex | QPersistentModelIndex

_DISPLAY = int(Qt.ItemDataRole.DisplayRole)
_BACKGROUND = int(Qt.ItemDataRole.BackgroundRole)
_TOOLTIP = int(Qt.ItemDataRole.ToolTipRole)
_FONT = int(Qt.ItemDataRole.FontRole)
_ALIGNMENT = int(Qt.ItemDataRole.TextAlignmentRole)
_FOREGROUND = int(Qt.ItemDataRole.ForegroundRole)
_SERVED_ROLES = frozenset({_DISPLAY, _BACKGROUND, _TOOLTIP, _FONT, _ALIGNMENT, _FOREGROUND})
_ALIGN_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def row_categories(checks: pl.DataFrame) -> pl.Series:
    """One :class:`Category` per row (UInt8), computed by polars.

    Priority: invalid > empty > duplicate > restricted > repaired > valid, so a
    repaired duplicate shows as a duplicate (its tooltip still says both).
    """
    status = pl.col("status")
    expr = (
        pl.when(status == "invalid").then(pl.lit(int(Category.INVALID)))
        .when(status == "empty").then(pl.lit(int(Category.EMPTY)))
        .when(pl.col("duplicate_of").is_not_null()).then(pl.lit(int(Category.DUPLICATE)))
        .when(pl.col("restricted").fill_null(False)).then(pl.lit(int(Category.RESTRICTED)))
        .when(status == "repaired").then(pl.lit(int(Category.REPAIRED)))
        .otherwise(pl.lit(int(Category.VALID)))
        .cast(pl.UInt8)
    )
    return checks.select(expr.alias("category")).to_series()


class ColumnKind(IntEnum):
    """The kinds of column the model shows, left to right."""

    STATUS = 0
    GTIN = 1
    RESULT = 2
    OFFERS = 3
    LOWEST = 4
    OFFICISCAN = 5
    MONITORIZE = 6
    INPUT = 7
    CHANGE = 8  # what moved since the last run over the code (after Lowest price when shown)


_NUMERIC_KINDS = frozenset({ColumnKind.OFFERS, ColumnKind.LOWEST, ColumnKind.OFFICISCAN, ColumnKind.MONITORIZE,
                            ColumnKind.CHANGE})
#: the outcome's columns saying what moved since an earlier run (the engine may not send them)
_CHANGE_COLUMNS = ("lowest_move_pct", "offers_move", "changed")

#: the RunOutcome column each answer kind shows
_ANSWER_COLUMNS = {ColumnKind.OFFERS: "offers", ColumnKind.LOWEST: "lowest_price",
                   ColumnKind.OFFICISCAN: "officiscan_lowest", ColumnKind.MONITORIZE: "monitorize_lowest"}
#: the answer kinds that hold a price (the engine's exact text, "3.18 EUR")
_PRICE_KINDS = frozenset({ColumnKind.LOWEST, ColumnKind.OFFICISCAN, ColumnKind.MONITORIZE})


class ValidatedTableModel(QAbstractTableModel):
    """Read-only model: status, GTIN-14, (look-up results), then the input columns.

    The vertical header shows the sheet row numbers a person sees in the
    spreadsheet. With ``problems_only`` and/or ``changed_only`` the model maps view
    rows to frame rows through an index array that polars computed.
    """

    def __init__(self, validated: ValidatedTable, parent: Any = None) -> None:
        super().__init__(parent)
        self._validated = validated
        table = validated.table
        checks = validated.checks
        # Series objects, not lists: indexing a Series reads one value (~3 µs)
        self._input_names: list[str] = list(table.frame.columns)
        self._input_cols: list[pl.Series] = table.frame.get_columns()
        self._row_numbers: pl.Series = table.row_numbers
        self._gtin: pl.Series = checks.get_column("gtin14")
        self._status: pl.Series = checks.get_column("status")
        self._reason: pl.Series = checks.get_column("reason")
        self._dup: pl.Series = checks.get_column("duplicate_of")
        self._restricted: pl.Series = checks.get_column("restricted")
        self._categories = row_categories(checks)
        self._code_col = self._input_names.index(table.code_column) if table.code_column in self._input_names else -1
        self._index: pl.Series | None = None  # view row -> frame row when filtered (UInt32)
        self._problems_only = False
        self._changed_only = False
        self._has_changes = False  # the outcome says, for some rows, whether they changed since an earlier run
        self._rows = checks.height
        self._result: RunOutcome | None = None
        self._answers: dict[str, pl.Series] = {}  # the outcome's columns, one value per frame row
        # prices and counts in the UI language's locale; a column repeats few distinct prices, and the
        # view asks for each visible cell at every repaint, so each text is formatted once
        self._locale = QLocale()
        self._formatted: dict[str, str] = {}
        self._changes_formatted: dict[tuple[str | None, int | None, bool | None], str] = {}
        self._kinds: list[ColumnKind] = []
        self._rebuild_columns()
        self._bold = QFont()
        self._bold.setBold(True)
        highlight = QApplication.palette().color(QPalette.ColorRole.Highlight) if QApplication.instance() else QColor(48, 140, 198)
        self._code_tint = QColor(highlight.red(), highlight.green(), highlight.blue(), 45)
        # a rise in red, a fall in green: tones that read on the view's base colour, light or dark
        base = QApplication.palette().color(QPalette.ColorRole.Base) if QApplication.instance() else QColor("white")
        dark = base.lightness() < 128
        self._up_colour = QColor(255, 125, 110) if dark else QColor(185, 35, 25)
        self._down_colour = QColor(110, 205, 130) if dark else QColor(20, 125, 50)

    # --- public helpers ------------------------------------------------------

    @property
    def validated(self) -> ValidatedTable:
        """The table this model shows."""
        return self._validated

    @property
    def problems_only(self) -> bool:
        """True while only rows with a problem (anything but plainly valid) are shown."""
        return self._problems_only

    def set_problems_only(self, on: bool) -> None:
        """Show only rows that are not plainly valid; polars computes the row index, no Python loop."""
        if on == self._problems_only:
            return
        self._problems_only = on
        self._refilter()

    @property
    def changed_only(self) -> bool:
        """True while only rows whose product changed since an earlier run are asked for (it applies
        when the outcome says what changed: :attr:`has_changes`)."""
        return self._changed_only

    def set_changed_only(self, on: bool) -> None:
        """Show only rows whose ``changed`` answer is True; combines with :meth:`set_problems_only` (both must hold)."""
        if on == self._changed_only:
            return
        self._changed_only = on
        self._refilter()

    @property
    def has_changes(self) -> bool:
        """The outcome compares some rows with an earlier run (the Change column and "Changed only" apply)."""
        return self._has_changes

    def changed_count(self) -> int:
        """Rows whose product changed since the earlier run (what "changed only" shows on its own)."""
        if not self._has_changes:
            return 0
        return int(self._answers["changed"].fill_null(False).sum())

    def gtin_at(self, view_row: int) -> str | None:
        """The GTIN-14 of the row shown at ``view_row`` (None for a row without a usable code)."""
        if not 0 <= view_row < self._rows:
            return None
        value = self._gtin[self.source_row(view_row)]
        return None if value is None else str(value)

    def row_number_at(self, view_row: int) -> int:
        """The spreadsheet's row number of the row shown at ``view_row``."""
        return int(self._row_numbers[self.source_row(view_row)])

    def reason_at(self, view_row: int) -> str:
        """Why the row at ``view_row`` is not plainly valid, in the window's language (empty when it is)."""
        reason = self._reason[self.source_row(view_row)]
        return notes_text(reason, reason_phrases(reason)) if reason else ""

    def _refilter(self) -> None:
        self.beginResetModel()
        self._compute_index()
        self.endResetModel()

    def _compute_index(self) -> None:
        """The view's rows for the filters on, computed by polars (``arg_where``): no Python loop over rows."""
        conditions = []
        if self._problems_only:
            conditions.append(pl.col("category") != int(Category.VALID))
        if self._changed_only and self._has_changes:
            conditions.append(pl.col("changed").fill_null(False))
        if conditions:
            columns = [self._categories]
            if self._changed_only and self._has_changes:
                columns.append(self._answers["changed"].alias("changed"))
            frame = pl.DataFrame(columns)
            self._index = frame.select(pl.arg_where(pl.all_horizontal(conditions))).to_series()
        else:
            self._index = None
        self._rows = len(self._index) if self._index is not None else self._validated.checks.height

    def problem_count(self) -> int:
        """Rows that are not plainly valid (what "problems only" shows)."""
        return int((self._categories != int(Category.VALID)).sum())

    def set_result(self, result: RunOutcome | None) -> None:
        """Attach a run's answers: adds the Result / Offers / Lowest price columns."""
        if result is not None and result.answers.height != self._validated.checks.height:
            raise ValueError("the run's answers do not match this table's rows")
        self.beginResetModel()
        self._result = result
        self._answers = {} if result is None else {name: result.answers.get_column(name)
                                                    for name in result.answers.columns}
        self._has_changes = all(name in self._answers for name in _CHANGE_COLUMNS) and bool(
            self._answers["changed"].is_not_null().any())
        self._formatted = {}
        self._changes_formatted = {}
        self._rebuild_columns()
        self._compute_index()  # "changed only" applies to this outcome, or no longer
        self.endResetModel()

    def source_row(self, view_row: int) -> int:
        """Frame row shown at ``view_row``."""
        return int(self._index[view_row]) if self._index is not None else view_row

    def view_row(self, source_row: int) -> int | None:
        """The view row showing frame row ``source_row``, or None when a filter hides it (polars finds it)."""
        if self._index is None:
            return source_row if 0 <= source_row < self._rows else None
        found = self._index.to_frame("row").select(pl.arg_where(pl.col("row") == source_row)).to_series()
        return int(found[0]) if len(found) else None

    def column_kind(self, column: int) -> ColumnKind:
        """What column ``column`` shows."""
        return self._kinds[column]

    def code_view_column(self) -> int:
        """View column of the detected (or chosen) code column, or -1."""
        if self._code_col < 0:
            return -1
        return self._kinds.index(ColumnKind.INPUT) + self._code_col

    def category_at(self, view_row: int) -> Category:
        """Colour category of the row shown at ``view_row``."""
        return Category(self._categories[self.source_row(view_row)])

    # --- Qt model API -----------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        if parent.isValid():
            return 0
        return self._rows

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid():
            return 0
        return len(self._kinds)

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        # The view asks for many roles per visible cell at every repaint: leave early for the
        # roles we never answer, and keep the common path free of Qt enum lookups.
        if role not in _SERVED_ROLES:
            return None
        view_row = index.row()
        column = index.column()
        if not (0 <= view_row < self._rows and 0 <= column < len(self._kinds)):
            return None  # also an invalid index (row -1)
        row = view_row if self._index is None else int(self._index[view_row])
        kind = self._kinds[column]
        if role == _DISPLAY:
            return self._display(row, column, kind)
        is_code = kind == ColumnKind.INPUT and column - self._first_input == self._code_col
        if role == _BACKGROUND:
            category = self._categories[row]
            if category:  # Category.VALID is 0
                return CATEGORY_COLOURS[Category(category)]
            return self._code_tint if is_code else None
        if role == _TOOLTIP:
            if kind == ColumnKind.CHANGE:
                tip = self._change_tooltip(row)
                if tip:
                    return tip
            return self._tooltip(row)
        if role == _FONT:
            return self._bold if is_code else None
        if role == _ALIGNMENT and kind in _NUMERIC_KINDS:
            return _ALIGN_RIGHT
        if role == _FOREGROUND and kind == ColumnKind.CHANGE:
            pct = decimal_or_none(self._answers["lowest_move_pct"][row])
            if pct is None or pct == 0:
                return None
            return self._up_colour if pct > 0 else self._down_colour
        return None

    def column_width_chars(self) -> list[int]:
        """A width in characters per view column, from polars over the first rows (no Python row loop)."""
        sample = self._validated.table.frame.head(2000)
        lengths = sample.select(pl.all().cast(pl.String).str.len_chars().max().fill_null(0)).row(0) if \
            sample.width else ()
        widths = []
        for column, kind in enumerate(self._kinds):
            if kind == ColumnKind.INPUT:
                name = self._input_names[column - self._first_input]
                widths.append(max(len(name) + 2, int(lengths[column - self._first_input] or 0)))
            else:
                fixed = {ColumnKind.STATUS: 10, ColumnKind.GTIN: 14, ColumnKind.RESULT: 12, ColumnKind.OFFERS: 6,
                         ColumnKind.LOWEST: 11, ColumnKind.OFFICISCAN: 11, ColumnKind.MONITORIZE: 11,
                         ColumnKind.CHANGE: 19}[kind]
                widths.append(max(fixed, len(self._header_names[kind]) + 2))
        return widths

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Vertical:
            if role == Qt.ItemDataRole.DisplayRole and 0 <= section < self.rowCount():
                return str(self._row_numbers[self.source_row(section)])
            if role == Qt.ItemDataRole.ToolTipRole:
                return translate("TableModel", "Row number in the spreadsheet")
            return None
        if not (0 <= section < len(self._kinds)):
            return None
        kind = self._kinds[section]
        is_code = kind == ColumnKind.INPUT and section - self._first_input == self._code_col
        if role == Qt.ItemDataRole.DisplayRole:
            if kind == ColumnKind.INPUT:
                name = self._input_names[section - self._first_input]
                return f"▶ {name}" if is_code else name
            return self._header_names[kind]
        if role == Qt.ItemDataRole.FontRole and is_code:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            if is_code:
                return translate("TableModel", "Code column: {reason}").format(
                    reason=code_column_reason(self._validated.table))
            return self._header_tips.get(kind)
        return None

    # --- internals -----------------------------------------------------------------

    def _rebuild_columns(self) -> None:
        kinds = [ColumnKind.STATUS, ColumnKind.GTIN]
        if self._result is not None:
            kinds += [ColumnKind.RESULT, ColumnKind.OFFERS, ColumnKind.LOWEST]
            if self._has_changes:
                kinds.append(ColumnKind.CHANGE)
            if self._result.officiscan_ran or self._answers["officiscan_lowest"].is_not_null().any():
                kinds.append(ColumnKind.OFFICISCAN)
            if self._result.monitorize_ran or self._answers["monitorize_lowest"].is_not_null().any():
                kinds.append(ColumnKind.MONITORIZE)
        self._first_input = len(kinds)
        kinds += [ColumnKind.INPUT] * len(self._input_names)
        self._kinds = kinds
        self._header_names = {
            ColumnKind.STATUS: translate("TableModel", "Status"),
            ColumnKind.GTIN: translate("TableModel", "GTIN-14"),
            ColumnKind.RESULT: translate("TableModel", "PriceAPI"),
            ColumnKind.OFFERS: translate("TableModel", "Offers"),
            ColumnKind.LOWEST: translate("TableModel", "Lowest price"),
            ColumnKind.OFFICISCAN: translate("TableModel", "Pharmacies"),
            ColumnKind.MONITORIZE: translate("TableModel", "Competitors"),
            ColumnKind.CHANGE: translate("TableModel", "Change"),
        }
        self._header_tips = {
            ColumnKind.STATUS: translate("TableModel", "What the check found; hover a row for the reason"),
            ColumnKind.GTIN: translate("TableModel", "The code as it will be looked up (14 digits, leading zeros kept)"),
            ColumnKind.RESULT: translate("TableModel", "What PriceAPI answered for this code"),
            ColumnKind.OFFERS: translate("TableModel", "Number of shop offers found"),
            ColumnKind.LOWEST: translate("TableModel", "Lowest offer price (without shipping)"),
            ColumnKind.OFFICISCAN: translate("TableModel", "OfficiScan: lowest latest price among the pharmacy networks"),
            ColumnKind.MONITORIZE: translate("TableModel", "Monitorize: lowest price among your competitors' offers"),
            ColumnKind.CHANGE: translate("TableModel", "Since the earlier run over these codes: how the lowest price "
                                                       "moved (▲ up, ▼ down) and how many offers came or went"),
        }

    def _display(self, row: int, column: int, kind: ColumnKind) -> str:
        if kind == ColumnKind.INPUT:
            value = self._input_cols[column - self._first_input][row]
            return "" if value is None else str(value)
        if kind == ColumnKind.STATUS:
            return category_label(Category(self._categories[row]))
        if kind == ColumnKind.GTIN:
            value = self._gtin[row]
            return "" if value is None else value
        if self._result is None:
            return ""
        if kind == ColumnKind.RESULT:
            return self._result_text(row)
        if kind == ColumnKind.CHANGE:
            return self._change_text(row)
        column_name = _ANSWER_COLUMNS[kind]
        value = self._answers[column_name][row]
        if value is None:
            return ""
        if kind in _PRICE_KINDS:
            text = self._formatted.get(value)
            if text is None:
                text = self._formatted[value] = format_price_text(value, self._locale)
            return text
        return self._locale.toString(int(value))

    def _result_text(self, row: int) -> str:
        answers = self._answers
        if answers["looked_up"][row]:
            reason = answers["reason"][row]
            # PriceAPI's own words for a failure stay as it wrote them; its everyday "not found" is ours to say
            text = translate("TableModel", "found") if answers["success"][row] else (
                translate("TableModel", "not found") if reason == "not found" else
                reason or translate("TableModel", "failed"))
            if answers["from_cache"][row]:
                text = translate("TableModel", "{answer} (from an earlier run)").format(answer=text)
            return text
        if self._gtin[row] is None:
            return translate("TableModel", "not looked up (unusable code)")
        if self._restricted[row]:
            return translate("TableModel", "not looked up (restricted code)")
        return translate("TableModel", "not looked up")

    def _change_text(self, row: int) -> str:
        answers = self._answers
        key = (answers["lowest_move_pct"][row], answers["offers_move"][row], answers["changed"][row])
        text = self._changes_formatted.get(key)
        if text is None:
            pct, move, changed = key
            if changed is None:
                # not in the earlier run: new since then, when this run looked it up
                text = translate("TableModel", "new") if answers["looked_up"][row] else ""
            else:
                text = change_text(pct, move, self._locale) or (
                    "" if changed else translate("TableModel", "no change"))
            self._changes_formatted[key] = text
        return text

    def _change_tooltip(self, row: int) -> str:
        answers = self._answers
        if answers["changed"][row] is None:
            return translate("TableModel", "This code was not in the earlier run.") if answers["looked_up"][row] else ""
        return change_tooltip(answers["lowest_price"][row], answers["lowest_move_pct"][row], answers["offers"][row],
                              answers["offers_move"][row], self._locale)

    def _tooltip(self, row: int) -> str:
        category = Category(self._categories[row])
        parts = [translate("TableModel", "Row {row}: {status}").format(
            row=self._row_numbers[row], status=category_label(category))]
        reason = self._reason[row]
        if reason:
            # the stored reason is English (the export and the journal keep it so): shown translated
            parts.append(notes_text(reason, reason_phrases(reason)))
        dup = self._dup[row]
        if dup is not None:
            parts.append(translate("TableModel", "Duplicate of row {row}: it gets the same results.").format(row=dup))
        return "\n".join(parts)
