"""Counts under the table: rows, valid, repaired, invalid, empty, duplicates, unique.

Each count sits next to a swatch of the colour its rows have in the table, so
the bar doubles as the legend.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QColor, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QWidget

from pricelookup.gui.row_status import CATEGORY_COLOURS, Category

if TYPE_CHECKING:
    from pricelookup.validation import ValidatedTable


def _distinct_restricted(validated: ValidatedTable) -> int:
    """Distinct restricted or coupon codes: those a run leaves out unless asked (what
    ``lookup_codes(include_restricted=True)`` adds to ``lookup_codes(include_restricted=False)``)."""
    # lazy: polars loads with the first file, not before the window's first paint (the bar is built empty)
    import polars as pl

    first_usable = pl.col("gtin14").is_not_null() & pl.col("duplicate_of").is_null()
    return int(validated.checks.select((first_usable & pl.col("restricted").fill_null(False)).sum()).item())


def swatch(colour: QColor | None, size: int = 12) -> QPixmap:
    """A small rounded square of ``colour`` (an outline only for "no colour")."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    if colour is not None:
        solid = QColor(colour)
        solid.setAlpha(min(255, colour.alpha() * 2 + 60))  # the tint, a bit stronger so it reads at 12 px
        painter.setBrush(solid)
    painter.setPen(QColor(128, 128, 128))
    painter.drawRoundedRect(1, 1, size - 2, size - 2, 3, 3)
    painter.end()
    return pixmap


class SummaryBar(QWidget):
    """One label per count, with its colour swatch and a tooltip saying what it means."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        self._labels: dict[str, QLabel] = {}
        entries = [
            ("rows", None, self.tr("Data rows read from the sheet")),
            ("valid", None, self.tr("Codes that are correct as they are")),
            ("repaired", CATEGORY_COLOURS[Category.REPAIRED],
             self.tr("Codes made usable by a safe repair (spaces removed, leading zeros restored…); hover a row for details")),
            ("invalid", CATEGORY_COLOURS[Category.INVALID], self.tr("Codes that cannot be used; hover a row for the reason")),
            ("empty", CATEGORY_COLOURS[Category.EMPTY], self.tr("Rows with no code")),
            ("duplicates", CATEGORY_COLOURS[Category.DUPLICATE],
             self.tr("Rows repeating a code seen earlier: looked up once, results shared")),
            ("restricted", CATEGORY_COLOURS[Category.RESTRICTED],
             self.tr("Restricted-circulation or coupon codes: not looked up unless you ask for them")),
            ("unique", None, self.tr("Distinct usable codes: what a run looks up (restricted and coupon codes only "
                                     "when you ask for them)")),
        ]
        for key, colour, tip in entries:
            if colour is not None:
                icon = QLabel()
                icon.setPixmap(swatch(colour))
                icon.setToolTip(tip)
                layout.addWidget(icon)
            label = QLabel()
            label.setToolTip(tip)
            label.setObjectName(f"summary_{key}")
            layout.addWidget(label)
            layout.addSpacing(14)
            self._labels[key] = label
        layout.addStretch(1)
        self._include_restricted = False
        self._restricted_codes = 0
        self.set_table(None)

    def counts(self) -> dict[str, int]:
        """The numbers shown (for tests)."""
        return dict(self._counts)

    def set_table(self, validated: ValidatedTable | None, *, include_restricted: bool | None = None) -> None:
        """Show ``validated``'s counts (or dashes); ``include_restricted``: whether a run looks those up."""
        if include_restricted is not None:
            self._include_restricted = include_restricted
        self._counts: dict[str, int] = {}
        if validated is not None:
            summary = validated.summary()
            self._restricted_codes = _distinct_restricted(validated)
            # what a run asks PriceAPI for, so the bar and the estimate say the same number
            unique = summary.unique - (0 if self._include_restricted else self._restricted_codes)
            self._counts = {
                "rows": summary.rows, "valid": summary.valid, "repaired": summary.repaired,
                "invalid": summary.invalid, "empty": summary.empty, "duplicates": summary.duplicates,
                "unique": unique, "restricted": summary.restricted,
            }
        self._show()

    def set_include_restricted(self, on: bool) -> None:
        """Restricted and coupon codes are looked up (or not): the codes to look up change."""
        if on == self._include_restricted:
            return
        self._include_restricted = on
        if "unique" in self._counts:
            self._counts["unique"] += self._restricted_codes if on else -self._restricted_codes
        self._show()

    def _show(self) -> None:
        names = {
            "rows": self.tr("Rows: {n}"), "valid": self.tr("Valid: {n}"), "repaired": self.tr("Repaired: {n}"),
            "invalid": self.tr("Invalid: {n}"), "empty": self.tr("Empty: {n}"),
            "duplicates": self.tr("Duplicates: {n}"), "restricted": self.tr("Restricted: {n}"),
            "unique": self.tr("Distinct codes to look up: {n}"),
        }
        locale = QLocale()
        for key, label in self._labels.items():
            value = self._counts.get(key)
            label.setText(names[key].format(n="–" if value is None else f"<b>{locale.toString(value)}</b>"))

