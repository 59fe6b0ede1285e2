"""Start / Cancel, the cost estimate, overall progress with ETA, the PriceAPI jobs and a log in plain words."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pricelookup.run.progress import JobProgress, Progress

translate = QCoreApplication.translate
AnyIndex = QModelIndex | QPersistentModelIndex


def stage_label(stage: str) -> str:
    """What the run is doing, in words."""
    labels = {
        "reading": translate("RunPanel", "Reading the file"),
        "validating": translate("RunPanel", "Checking the codes"),
        "planning": translate("RunPanel", "Planning the look-up"),
        "priceapi": translate("RunPanel", "Looking up prices (PriceAPI)"),
        "officiscan": translate("RunPanel", "Collecting pharmacy prices (OfficiScan)"),
        "monitorize": translate("RunPanel", "Collecting competitor offers (Monitorize)"),
        "snipcart": translate("RunPanel", "Importing your Snipcart catalogue"),
        "merging": translate("RunPanel", "Putting the results together"),
        "exporting": translate("RunPanel", "Writing the workbook"),
        "done": translate("RunPanel", "Done"),
    }
    return labels.get(stage, stage)


def job_status_label(status: str) -> str:
    """A PriceAPI job's state, in words."""
    labels = {
        "planned": translate("RunPanel", "planned"),
        "new": translate("RunPanel", "submitted"),
        "enqueued": translate("RunPanel", "waiting in queue"),
        "working": translate("RunPanel", "working"),
        "finishing": translate("RunPanel", "finishing"),
        "finished": translate("RunPanel", "finished"),
        "downloaded": translate("RunPanel", "downloaded"),
        "failed": translate("RunPanel", "failed"),
    }
    return labels.get(status, status)


def format_eta(seconds: float | None) -> str:
    """``about 2 min 10 s left`` (empty when unknown)."""
    if seconds is None or seconds < 0:
        return ""
    seconds = round(seconds)
    if seconds < 60:
        return translate("RunPanel", "about {s} s left").format(s=seconds)
    minutes, secs = divmod(seconds, 60)
    if minutes < 60:
        return translate("RunPanel", "about {m} min {s} s left").format(m=minutes, s=secs)
    hours, minutes = divmod(minutes, 60)
    return translate("RunPanel", "about {h} h {m} min left").format(h=hours, m=minutes)


class JobsModel(QAbstractTableModel):
    """The PriceAPI jobs of the running look-up: id, status, progress, codes."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._jobs: tuple[JobProgress, ...] = ()
        self._locale = QLocale()

    def set_jobs(self, jobs: tuple[JobProgress, ...]) -> None:
        """Show ``jobs``; same count -> cells updated in place (keeps scroll and selection)."""
        if len(jobs) == len(self._jobs):
            self._jobs = jobs
            if jobs:
                self.dataChanged.emit(self.index(0, 0), self.index(len(jobs) - 1, 3))
            return
        self.beginResetModel()
        self._jobs = jobs
        self.endResetModel()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._jobs)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._jobs):
            return None
        job = self._jobs[index.row()]
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return job.job_id or "—"
            if column == 1:
                return job_status_label(job.status)
            if column == 2:
                return f"{job.progress} %"
            if column == 3:
                n = self._locale.toString  # a job holds up to 1,000 codes: grouped as the locale does
                return f"{n(job.completed)} / {n(job.requested)}"
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (2, 3):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and job.status == "working" and job.progress >= 100:
            return translate("RunPanel", "PriceAPI reports 100 % but is still finishing this job; it will be collected.")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole or orientation != Qt.Orientation.Horizontal:
            return None
        names = (translate("RunPanel", "Job"), translate("RunPanel", "Status"),
                 translate("RunPanel", "Progress"), translate("RunPanel", "Codes"))
        return names[section] if 0 <= section < 4 else None


class RunPanel(QWidget):
    """Everything about running: estimate, buttons, progress, jobs, log."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        style = self.style()
        self.estimate_label = QLabel(self.tr("Open a spreadsheet to see what a run would cost."))
        self.estimate_label.setWordWrap(True)
        self.estimate_label.setTextFormat(Qt.TextFormat.RichText)
        self.run_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_MediaPlay), self.tr("Run"))
        self.run_button.setToolTip(self.tr("Look up every usable code (Ctrl+R)"))
        self.cancel_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_MediaStop), self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop the run (Esc); submitted jobs stay in the journal and can be resumed"))
        self.export_button = QPushButton(style.standardIcon(QStyle.StandardPixmap.SP_DialogSaveButton), self.tr("Export…"))
        self.export_button.setToolTip(self.tr("Write the results to an Excel workbook (Ctrl+E)"))
        self.progress_bar = QProgressBar()
        self.progress_bar.setRange(0, 1000)
        self.progress_bar.setTextVisible(True)
        self.progress_bar.setFormat("%p %")
        self.stage_label = QLabel()
        self.eta_label = QLabel()
        # Their text changes with every progress report: its width must not move the layout, or each
        # report would re-lay and repaint the whole window (measured: ~12 ms per report at 100k codes).
        for label in (self.stage_label, self.eta_label):
            label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.jobs_model = JobsModel(self)
        self.jobs_view = QTableView()
        self.jobs_view.setModel(self.jobs_model)
        self.jobs_view.verticalHeader().hide()
        self.jobs_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.jobs_view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        # Widths from the widest text each column can show, once: ResizeToContents would measure
        # every row at every progress report (~24 ms with 100 jobs, on the UI thread).
        metrics = self.jobs_view.fontMetrics()
        widest = {1: max((job_status_label(s) for s in ("planned", "new", "enqueued", "working", "finishing",
                                                          "finished", "downloaded", "failed")), key=metrics.horizontalAdvance),
                  2: "100 %", 3: "{n} / {n}".format(n=QLocale().toString(1000))}
        for column, text in widest.items():
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            title = str(self.jobs_model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(metrics.horizontalAdvance(text), metrics.horizontalAdvance(title)) + 24)
        # PriceAPI job ids are 24 hex digits: when narrow, keep both ends readable
        self.jobs_view.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.jobs_view.setToolTip(self.tr("PriceAPI bulk jobs of this run (up to 1,000 codes each)"))
        self.log_view = QPlainTextEdit()
        self.log_view.setReadOnly(True)
        self.log_view.setMaximumBlockCount(5000)
        self.log_view.setPlaceholderText(self.tr("What the run does appears here."))

        buttons = QHBoxLayout()
        buttons.addWidget(self.run_button)
        buttons.addWidget(self.cancel_button)
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        left = QVBoxLayout()
        left.addWidget(self.estimate_label)
        left.addLayout(buttons)
        progress_row = QGridLayout()
        progress_row.addWidget(self.progress_bar, 0, 0)
        # one line each, the panel's whole width: their widths are fixed by the layout, not by the text
        progress_row.addWidget(self.stage_label, 1, 0)
        progress_row.addWidget(self.eta_label, 2, 0)
        left.addLayout(progress_row)
        left.addStretch(1)
        left_box = QWidget()
        left_box.setLayout(left)
        left_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(left_box, 3)
        layout.addWidget(self.jobs_view, 3)
        layout.addWidget(self.log_view, 4)
        self.set_state(can_run=False, running=False, can_export=False)

    # --- state ------------------------------------------------------------------------

    def set_state(self, *, can_run: bool, running: bool, can_export: bool) -> None:
        """Enable the buttons that make sense now."""
        self.run_button.setEnabled(can_run and not running)
        self.cancel_button.setEnabled(running)
        self.export_button.setEnabled(can_export and not running)

    def reset_progress(self) -> None:
        """Clear progress and jobs before a run."""
        self.progress_bar.setValue(0)
        self.stage_label.clear()
        self.eta_label.clear()
        self.jobs_model.set_jobs(())

    def set_estimate_text(self, html: str) -> None:
        """Show the estimate (or why there is none)."""
        self.estimate_label.setText(html)

    def show_estimate(self, estimate: Any) -> None:
        """Format a ``CostEstimate`` for the analyst."""
        locale = QLocale()
        n = locale.toString
        lines = [self.tr("<b>Estimate:</b> <b>{credits}</b> for {codes} (PriceAPI jobs: {jobs})").format(
            credits=self.tr("%Ln credit(s)", None, estimate.credits),
            codes=self.tr("%Ln code(s) to look up", None, estimate.unique_codes), jobs=n(estimate.jobs))]
        if estimate.cached:
            lines.append(self.tr("Answered from recent runs, free: {cached}").format(cached=n(estimate.cached)))
        resumed = getattr(estimate, "already_answered", 0) + getattr(estimate, "in_flight", 0)
        if resumed:
            lines.append(self.tr("Already paid in the interrupted run, collected without paying again: {n}").format(
                n=n(resumed)))
        if getattr(estimate, "uncertain", 0):
            lines.append(self.tr("Codes whose submission is uncertain (not sent again): {n}").format(
                n=n(estimate.uncertain)))
        if getattr(estimate, "may_cost_more", False):
            lines.append(self.tr("With these offer settings a code may cost more than one credit."))
        if estimate.remaining_today is not None:
            remaining = self.tr("Today's remaining quota: %Ln credit(s)", None, estimate.remaining_today)
            if estimate.credits > estimate.remaining_today:
                remaining = f"<span style='color:#d64541'><b>{remaining}</b></span> " + self.tr(
                    "(not enough: the run would stop before paying)")
            lines.append(remaining)
        if estimate.budget is not None:
            over = estimate.credits > estimate.budget
            budget = self.tr("Your budget: %Ln credit(s)", None, estimate.budget)
            lines.append(f"<span style='color:#d64541'><b>{budget}</b></span>" if over else budget)
        self.estimate_label.setText("<br>".join(lines))

    def show_progress(self, progress: Progress) -> None:
        """Update bar, stage, ETA and jobs from one snapshot."""
        self.progress_bar.setValue(round(max(0.0, min(1.0, progress.fraction)) * 1000))
        stage = stage_label(progress.stage)
        if progress.total:
            locale = QLocale()
            stage = f"{stage} — {locale.toString(progress.done)} / {locale.toString(progress.total)}"
        self.stage_label.setText(stage)
        self.stage_label.setToolTip(stage)  # in full, should a narrow window cut it
        self.eta_label.setText(format_eta(progress.eta_seconds))
        if progress.jobs or progress.stage in ("priceapi", "done"):
            self.jobs_model.set_jobs(progress.jobs)

    def show_end(self, complete: bool, word: str) -> None:
        """The run is over: full bar when complete, the outcome instead of the stage, no ETA."""
        if complete:
            self.progress_bar.setValue(1000)
        self.stage_label.setText(stage_label("done") + f" ({word})")
        self.eta_label.clear()

    def append_log(self, text: str) -> None:
        """Add a timestamped line to the log panel."""
        self.log_view.appendPlainText(f"{datetime.now():%H:%M:%S}  {text}")
