"""Export: choose the layout and where to save, then open the file or its folder.

Also the run picker behind "Export again", which rebuilds a finished run's
result from the journal without calling any service.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale, QObject, Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

translate = QCoreApplication.translate


@dataclass(frozen=True)
class ExportChoice:
    """What the analyst chose in :class:`ExportDialog`."""

    path: Path
    layout: str  # "row" | "column"
    max_offer_columns: int


class ExportDialog(QDialog):
    """Layout (row/column), offers cap, and the target file (default ``<input>-prices.xlsx``)."""

    def __init__(self, default_path: Path, *, layout: str = "row", max_offer_columns: int = 20,
                 input_path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export to Excel"))
        self._input_path = input_path
        self.row_layout = QRadioButton(self.tr("One row per offer (best for pivot tables)"))
        self.column_layout = QRadioButton(self.tr("One row per code, offers side by side"))
        group = QButtonGroup(self)
        group.addButton(self.row_layout)
        group.addButton(self.column_layout)
        (self.column_layout if layout == "column" else self.row_layout).setChecked(True)
        self.max_offers = QSpinBox()
        self.max_offers.setRange(1, 200)
        self.max_offers.setValue(max_offer_columns)
        self.max_offers.setToolTip(self.tr("Column layout: at most this many offers side by side"))
        self.path_edit = QLineEdit(str(default_path))
        self.path_edit.setToolTip(self.tr("The workbook to write; your input file is never overwritten"))
        browse = QPushButton(self.tr("Save As…"))
        browse.clicked.connect(self._browse)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)
        form = QFormLayout()
        form.addRow(self.tr("Layout:"), self.row_layout)
        form.addRow("", self.column_layout)
        form.addRow(self.tr("Offers side by side:"), self.max_offers)
        form.addRow(self.tr("File:"), path_row)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.export_button = self.buttons.addButton(self.tr("Export"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout_box = QVBoxLayout(self)
        layout_box.addLayout(form)
        layout_box.addWidget(self.problem)
        layout_box.addWidget(self.buttons)
        self.column_layout.toggled.connect(self.max_offers.setEnabled)
        self.max_offers.setEnabled(self.column_layout.isChecked())
        self.resize(620, 220)

    def choice(self) -> ExportChoice:
        """The current choice (valid after ``accepted``)."""
        return ExportChoice(Path(self.path_edit.text().strip()).expanduser(),
                            "column" if self.column_layout.isChecked() else "row", self.max_offers.value())

    def _browse(self) -> None:
        path, _filter = QFileDialog.getSaveFileName(self, self.tr("Save the workbook as"), self.path_edit.text(),
                                                    self.tr("Excel workbook (*.xlsx)"))
        if path:
            if not path.lower().endswith(".xlsx"):
                path += ".xlsx"
            self.path_edit.setText(path)

    def _accept(self) -> None:
        path = self.choice().path
        if not path.name:
            self.problem.setText(self.tr("Choose a file name first."))
            return
        if path.suffix.lower() != ".xlsx":
            self.path_edit.setText(str(path) + ".xlsx")
            path = self.choice().path
        if self._input_path is not None and path.resolve() == self._input_path.resolve():
            self.problem.setText(self.tr("That is your input file: choose another name so it is not overwritten."))
            return
        if not path.parent.is_dir():
            self.problem.setText(self.tr("The folder {folder} does not exist: choose another place.").format(
                folder=str(path.parent)))
            return
        self.accept()


class ExportDone(QObject):
    """The counts of the "Export finished" box, each agreeing with its number ("1 row", "2 rows"):
    lupdate marks a plural only in a ``self.tr()`` call with the count, not in ``translate()``."""

    def saved(self, name: str, rows: int) -> str:
        """``Saved products-prices.xlsx (318 rows).``"""
        return self.tr("Saved {name} (%Ln row(s)).", None, rows).format(name=name)

    def notes(self, report: Any) -> list[str]:
        """What the workbook could not hold as asked: links left as text, texts cut."""
        notes = []
        if getattr(report, "hyperlinks_as_text", 0):
            notes.append(self.tr("%Ln link(s) written as plain text: Excel allows about 65,000 links per sheet.",
                                 None, int(report.hyperlinks_as_text)))
        if getattr(report, "truncated_cells", 0):
            notes.append(self.tr("%Ln very long text(s) cut to Excel's cell limit.", None, int(report.truncated_cells)))
        return notes


def show_export_done(parent: QWidget | None, report: Any) -> QMessageBox:
    """Say where the workbook is, with "Open file" and "Show in folder" (non-blocking)."""
    path = Path(report.path)
    words = ExportDone()
    box = QMessageBox(QMessageBox.Icon.Information, translate("ExportDialog", "Export finished"),
                      words.saved(path.name, int(report.rows_written)), QMessageBox.StandardButton.NoButton, parent)
    box.setObjectName("export_done_box")
    box.setInformativeText("\n".join([str(path), *words.notes(report)]))
    open_file = box.addButton(translate("ExportDialog", "Open file"), QMessageBox.ButtonRole.ActionRole)
    show_folder = box.addButton(translate("ExportDialog", "Show in folder"), QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Close)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

    def clicked(button: Any) -> None:
        if button is open_file:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        elif button is show_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent)))

    box.buttonClicked.connect(clicked)
    box.open()
    return box


class RunPickerDialog(QDialog):
    """Pick a journaled run (newest first): to export it again, or (``purpose="open"``) to show it."""

    def __init__(self, runs: Sequence[Any], parent: QWidget | None = None, *, purpose: str = "export") -> None:
        super().__init__(parent)
        opening = purpose == "open"
        self.setWindowTitle(self.tr("Open a previous run") if opening else self.tr("Export a previous run"))
        self._runs = sorted(runs, key=lambda r: str(getattr(r, "started_at", "")), reverse=True)
        intro = QLabel(self.tr("The run's table, answers, offers and price history are read from the journal: "
                               "no service is called, nothing is paid.") if opening else
                       self.tr("The workbook is written again from the journal: no service is called, "
                               "nothing is paid."))
        intro.setWordWrap(True)
        self.table = QTableWidget(len(self._runs), 4)
        self.table.setHorizontalHeaderLabels([self.tr("Started"), self.tr("File"), self.tr("Status"), self.tr("Run")])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        locale = QLocale()
        for row, run in enumerate(self._runs):
            started = getattr(run, "started_at", None)
            started_text = locale.toString(started, QLocale.FormatType.ShortFormat) if started is not None and hasattr(
                started, "year") else str(started or "")
            input_path = getattr(run, "input_path", None)
            values = [started_text, Path(input_path).name if input_path else self.tr("Snipcart catalogue"),
                      str(getattr(run, "status", "")), str(run.run_id)]
            for column, value in enumerate(values):
                item = QTableWidgetItem(value)
                if column == 1 and input_path:
                    item.setToolTip(str(input_path))
                self.table.setItem(row, column, item)
        if self._runs:
            self.table.selectRow(0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.ok = buttons.addButton(self.tr("Open") if opening else self.tr("Export…"),
                                    QDialogButtonBox.ButtonRole.AcceptRole)
        self.ok.setEnabled(bool(self._runs))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.table.doubleClicked.connect(lambda _i: self.accept())
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table)
        layout.addWidget(buttons)
        self.resize(720, 360)

    def selected_run(self) -> Any | None:
        """The chosen run's info, or None."""
        rows = self.table.selectionModel().selectedRows()
        return self._runs[rows[0].row()] if rows else None
