"""The bar above the table: which file, which sheet, which code column, and the view filter."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QComboBox, QHBoxLayout, QLabel, QSizePolicy, QWidget

from pricelookup.gui.messages import code_column_reason

if TYPE_CHECKING:
    from pricelookup.validation import ValidatedTable


class InputBar(QWidget):
    """Sheet and column pickers; changing one asks the window to re-read off-thread."""

    sheet_changed = Signal(str)
    column_changed = Signal(str)
    cip7_changed = Signal(bool)
    problems_only_changed = Signal(bool)
    changed_only_changed = Signal(bool)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.file_label = QLabel(self.tr("No file open"))
        self.file_label.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.sheet_combo = QComboBox()
        self.sheet_combo.setToolTip(self.tr("The worksheet to read; changing it reads the file again"))
        self.sheet_combo.setMinimumContentsLength(12)
        self.column_combo = QComboBox()
        self.column_combo.setToolTip(self.tr("The column holding the product codes; changing it checks the codes again"))
        self.column_combo.setMinimumContentsLength(14)
        self.cip7_check = QCheckBox(self.tr("CIP7 codes"))
        self.cip7_check.setToolTip(self.tr("Treat 7-digit codes as French pharmacy CIP7 codes and convert them to CIP13"))
        self.problems_check = QCheckBox(self.tr("Problems only"))
        self.problems_check.setToolTip(self.tr("Show only rows that are invalid, empty, repaired, duplicated or restricted"))
        self.problems_check.setObjectName("problems_only")
        self.changed_check = QCheckBox(self.tr("Changed only"))
        self.changed_check.setObjectName("changed_only")
        self.set_changes_available(False)
        sheet_label = QLabel(self.tr("Sheet:"))
        sheet_label.setBuddy(self.sheet_combo)
        column_label = QLabel(self.tr("Code column:"))
        column_label.setBuddy(self.column_combo)
        for widget in (self.file_label, sheet_label, self.sheet_combo, column_label, self.column_combo,
                       self.cip7_check, self.problems_check, self.changed_check):
            layout.addWidget(widget)
        self.sheet_combo.activated.connect(lambda _i: self.sheet_changed.emit(self.sheet_combo.currentText()))
        self.column_combo.activated.connect(lambda _i: self.column_changed.emit(self.column_combo.currentData()))
        self.cip7_check.toggled.connect(self.cip7_changed)
        self.problems_check.toggled.connect(self.problems_only_changed)
        self.changed_check.toggled.connect(self.changed_only_changed)
        self.set_table(None)

    def set_table(self, validated: ValidatedTable | None, *, snipcart: bool = False) -> None:
        """Show ``validated``'s file, sheets and columns (no signals are emitted)."""
        for combo in (self.sheet_combo, self.column_combo):
            combo.blockSignals(True)
            combo.clear()
        if validated is None:
            self.file_label.setText(self.tr("Your Snipcart catalogue") if snipcart else self.tr("No file open"))
            self.file_label.setToolTip("")
        else:
            table = validated.table
            self.file_label.setText(f"<b>{table.path.name}</b>")
            self.file_label.setToolTip(str(table.path))
            self.sheet_combo.addItems(list(table.sheets) or [table.sheet])
            self.sheet_combo.setCurrentText(table.sheet)
            for name in table.frame.columns:
                self.column_combo.addItem(name, name)
            self.column_combo.setCurrentIndex(max(0, self.column_combo.findData(table.code_column)))
            self.column_combo.setToolTip(self.tr("Detected: {reason}\nPick another column to check it instead.").format(
                reason=code_column_reason(table)))
        self.sheet_combo.setEnabled(self.sheet_combo.count() > 1)
        self.column_combo.setEnabled(self.column_combo.count() > 0)
        for combo in (self.sheet_combo, self.column_combo):
            combo.blockSignals(False)

    def set_changes_available(self, available: bool) -> None:
        """"Changed only" applies once a run's outcome compares its codes with an earlier run."""
        self.changed_check.setEnabled(available)
        self.changed_check.setToolTip(
            self.tr("Show only rows whose lowest price or offer count moved since the earlier run over these codes")
            if available else
            self.tr("Applies after a run over codes an earlier run looked up too: it then shows only what moved"))

    def set_busy(self, busy: bool) -> None:
        """Disable the pickers while a file loads or a run goes on."""
        self.sheet_combo.setEnabled(not busy and self.sheet_combo.count() > 1)
        self.column_combo.setEnabled(not busy and self.column_combo.count() > 0)
        self.cip7_check.setEnabled(not busy)
