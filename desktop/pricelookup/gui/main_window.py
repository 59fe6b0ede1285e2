"""The main window: its widgets and the wiring between them, the settings and the engine bridge.

The document's state (which input, its checked table, estimate and last run,
the load and estimate generations, what may be done now) is a Qt-free
:class:`~pricelookup.gui.session.Session`: the slots here turn Qt events and
engine answers into its transitions, and its queries into enabled widgets.
Drag-and-drop plumbing is in :mod:`pricelookup.gui.file_drop`.

Beside the table, the ``product_detail`` pane (:mod:`pricelookup.gui.detail_pane`)
shows the selected row's product: the window tells it which run and which code
(the running run's id comes with its progress; a finished or opened run's with
its outcome), and the pane asks the engine in the background.

Nothing here waits: every piece of engine work goes to :class:`EngineBridge`
and comes back through a callback or a signal on the GUI thread. Every
question is an asynchronous message box (see :mod:`pricelookup.gui.dialogs`).
"""

from __future__ import annotations

import dataclasses
import json
import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QEvent,
    QLocale,
    QModelIndex,
    QObject,
    QSettings,
    QStandardPaths,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QAction,
    QCloseEvent,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QKeySequence,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHeaderView,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QStyle,
    QTableView,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from pricelookup import APP_NAME, __version__
from pricelookup.gui.bridge import EngineBridge, OnDone, OnError, RunSpec
from pricelookup.gui.detail_pane import DetailPane
from pricelookup.gui.dialogs import ask, show_error, show_info
from pricelookup.gui.export_dialog import (
    ExportChoice,
    ExportDialog,
    RunPickerDialog,
    show_export_done,
)
from pricelookup.gui.file_drop import (
    OPEN_FILTER_PATTERNS,
    answer_drag,
    check_path,
    decide_drop,
    default_export_path,
    defer_drop,
    forward_child_drag,
)
from pricelookup.gui.input_bar import InputBar
from pricelookup.gui.messages import (
    UserMessage,
    code_column_reason,
    describe_error,
    service_failure_text,
)
from pricelookup.gui.resources import resources_dir
from pricelookup.gui.run_panel import RunPanel
from pricelookup.gui.service_panels import ServicePanels
from pricelookup.gui.session import Session
from pricelookup.gui.settings_dialog import KEY_DATA_DIR, SettingsDialog
from pricelookup.gui.summary_bar import SummaryBar
from pricelookup.settings import RunSettings

if TYPE_CHECKING:
    from PySide6.QtCore import QMimeData

    from pricelookup.gui.table_model import ValidatedTableModel
    from pricelookup.outcome import RunOutcome
    from pricelookup.run.progress import Progress
    from pricelookup.validation import ValidatedTable

log = logging.getLogger(__name__)

KEY_RECENT = "ui/recent_files"
KEY_RUN_SETTINGS = "run/settings"
KEY_GEOMETRY = "ui/geometry"
KEY_SPLITTERS = "ui/splitters"
MAX_RECENT = 8
# Fields that belong to one file, not to the analyst's habits: never persisted.
_PER_FILE_FIELDS = ("sheet", "column", "snipcart_input", "monitorize_match_column", "own_price_column")

PAGE_EMPTY, PAGE_LOADING, PAGE_TABLE = range(3)
#: while a run goes on, the product shown in the detail pane is read again this often (its answers grow)
DETAIL_REFRESH_SECONDS = 2.0


def _load_run_settings(settings: QSettings) -> RunSettings:
    raw = settings.value(KEY_RUN_SETTINGS, "")
    if not raw:
        return RunSettings()
    try:
        data = json.loads(str(raw))
        for name in _PER_FILE_FIELDS:
            data.pop(name, None)
        return RunSettings.from_dict(data)
    except (ValueError, TypeError):
        log.warning("stored run settings unreadable; using defaults")
        return RunSettings()


def _save_run_settings(settings: QSettings, run_settings: RunSettings) -> None:
    data = run_settings.to_dict()
    for name in _PER_FILE_FIELDS:
        data.pop(name, None)
    settings.setValue(KEY_RUN_SETTINGS, json.dumps(data))


def window_title(name: str, *, sandbox: bool, sandbox_mark: str) -> str:
    """``products.xlsx [Sandbox] — Price Lookup``: what is open, the mode, then the app's name, once.

    On Linux and Windows Qt appends the application's display name (``app.py`` sets it to
    :data:`APP_NAME`) to every window title, unless the title already ends with it. Ending
    with it here gives the same title on every platform (macOS appends nothing) and never
    says the name twice.
    """
    head = " ".join(part for part in (name, sandbox_mark if sandbox else "") if part)
    return f"{head} — {APP_NAME}" if head else APP_NAME


def _settings_of(info: Any) -> RunSettings:
    settings = getattr(info, "settings", None)
    if isinstance(settings, RunSettings):
        return settings
    if isinstance(settings, dict):
        return RunSettings.from_dict(settings)
    return RunSettings()


class MainWindow(QMainWindow):
    """Drop a spreadsheet, see every code checked, run the look-up, export."""

    def __init__(self, bridge: EngineBridge, settings: QSettings, *, sandbox: bool = False,
                 data_dir: Path | None = None, log_path: Path | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._settings = settings
        self._sandbox = sandbox
        self._data_dir_override = data_dir
        self._log_path = log_path
        self._run_settings = _load_run_settings(settings)
        self._session = Session()
        self._model: ValidatedTableModel | None = None
        self._closing_confirmed = False  # closeEvent: the run has stopped, or the window may close anyway
        #: the journal's run whose products the detail pane shows (the running one once its id is known,
        #: else the last finished or opened one of the shown table)
        self._detail_run_id: str | None = None
        self._detail_refreshed = 0.0
        self._open_boxes: list[QMessageBox] = []

        self.setAcceptDrops(True)
        self.resize(1280, 820)
        self._build_actions()
        self._build_menus()
        self._build_ui()
        self._connect()
        self.panels.load(self._run_settings)
        self._set_sandbox(sandbox)
        geometry = settings.value(KEY_GEOMETRY)
        if geometry is not None:
            self.restoreGeometry(geometry)
        self._update_state()

    # --- construction --------------------------------------------------------------------------

    def _action(self, text: str, slot: Callable[[], Any], shortcut: QKeySequence | str | None = None,
                icon: QStyle.StandardPixmap | None = None, tip: str | None = None) -> QAction:
        action = QAction(text, self)
        if icon is not None:
            action.setIcon(self.style().standardIcon(icon))
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        if tip:
            action.setToolTip(tip)
            action.setStatusTip(tip)
        action.triggered.connect(lambda _checked=False: slot())
        return action

    def _build_actions(self) -> None:
        sp = QStyle.StandardPixmap
        self.open_action = self._action(self.tr("&Open…"), self.choose_file, "Ctrl+O", sp.SP_DialogOpenButton,
                                        self.tr("Open a spreadsheet of product codes (Ctrl+O)"))
        self.run_action = self._action(self.tr("&Run"), self.start_run, "Ctrl+R", sp.SP_MediaPlay,
                                       self.tr("Look up every usable code (Ctrl+R)"))
        self.cancel_action = self._action(self.tr("&Cancel run"), self.cancel_run, "Esc", sp.SP_MediaStop,
                                          self.tr("Stop the run (Esc); it can be resumed later"))
        self.export_action = self._action(self.tr("&Export…"), self.export_results, "Ctrl+E", sp.SP_DialogSaveButton,
                                          self.tr("Write the results to an Excel workbook (Ctrl+E)"))
        self.export_again_action = self._action(self.tr("Export a &previous run…"), self.export_previous_run, None,
                                                None, self.tr("Write a finished run's workbook again from the journal"))
        self.open_run_action = self._action(self.tr("Open a pre&vious run…"), self.open_previous_run, None, None,
                                            self.tr("Show a run of the journal again: its table, answers, offers "
                                                    "and price history (nothing is paid)"))
        self.quit_action = self._action(self.tr("&Quit"), self.close, "Ctrl+Q", None, self.tr("Close Price Lookup"))
        self.settings_action = self._action(self.tr("&Settings…"), self.open_settings, "Ctrl+,", None,
                                            self.tr("Keys, language and journal folder"))
        self.sandbox_action = QAction(self.tr("&Sandbox mode (simulated data)"), self)
        self.sandbox_action.setCheckable(True)
        self.sandbox_action.setStatusTip(self.tr("Run against the built-in simulated services: no keys needed, nothing is paid, "
                                                 "the data is made up"))
        self.sandbox_action.toggled.connect(self._set_sandbox)
        self.about_action = self._action(self.tr("&About Price Lookup"), self._about)

    def _build_menus(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&File"))
        menu.addAction(self.open_action)
        self.recent_menu = menu.addMenu(self.tr("Open &Recent"))
        self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
        menu.addAction(self.open_run_action)
        menu.addSeparator()
        menu.addAction(self.export_action)
        menu.addAction(self.export_again_action)
        menu.addSeparator()
        menu.addAction(self.quit_action)
        menu = self.menuBar().addMenu(self.tr("&Run"))
        menu.addAction(self.run_action)
        menu.addAction(self.cancel_action)
        menu.addSeparator()
        menu.addAction(self.sandbox_action)
        menu = self.menuBar().addMenu(self.tr("&Settings"))
        menu.addAction(self.settings_action)
        menu = self.menuBar().addMenu(self.tr("&Help"))
        menu.addAction(self.about_action)
        toolbar = QToolBar(self.tr("Main"))
        toolbar.setObjectName("main_toolbar")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setMovable(False)
        for action in (self.open_action, self.run_action, self.cancel_action, self.export_action):
            toolbar.addAction(action)
        toolbar.addSeparator()
        toolbar.addAction(self.sandbox_action)
        self.addToolBar(toolbar)

    def _build_ui(self) -> None:
        self.banner = QLabel(self.tr("Sandbox — simulated data: prices, shops and products are made up and nothing is paid. "
                                     "Switch it off in the Run menu to use your real services."))
        self.banner.setObjectName("sandbox_banner")
        self.banner.setWordWrap(True)
        # Explicit colours on both sides of the text: readable in light and dark themes alike.
        self.banner.setStyleSheet("QLabel#sandbox_banner { background: #f2c14e; color: #1f1f1f; "
                                  "padding: 6px 10px; font-weight: bold; border-radius: 3px; }")
        self.input_bar = InputBar()
        self.table_view = QTableView()
        self.table_view.setObjectName("codes_table")
        self.table_view.setAlternatingRowColors(False)
        self.table_view.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table_view.setWordWrap(False)
        self.table_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table_view.horizontalHeader().setResizeContentsPrecision(200)
        self.table_view.horizontalHeader().setStretchLastSection(True)
        self.stack = QStackedWidget()
        self.stack.addWidget(self._empty_page())
        self.stack.addWidget(self._loading_page())
        self.stack.addWidget(self.table_view)
        self.detail_pane = DetailPane(self._fetch_detail)
        self.detail_pane.setMinimumWidth(260)
        self.detail_pane.setVisible(False)  # once a run can say something of the table's products
        self.detail_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.detail_splitter.setObjectName("detail_splitter")
        self.detail_splitter.addWidget(self.stack)
        self.detail_splitter.addWidget(self.detail_pane)
        self.detail_splitter.setStretchFactor(0, 3)
        self.detail_splitter.setStretchFactor(1, 2)
        self.detail_splitter.setSizes([430, 490])
        self.panels = ServicePanels()
        self.panels.setMinimumWidth(340)
        self.summary_bar = SummaryBar()
        self.run_panel = RunPanel()
        self.run_panel.log_view.setAcceptDrops(False)

        top = QSplitter(Qt.Orientation.Horizontal)
        top.addWidget(self.detail_splitter)
        top.addWidget(self.panels)
        top.setStretchFactor(0, 4)
        top.setStretchFactor(1, 1)
        top.setSizes([920, 340])
        table_box = QWidget()
        table_layout = QVBoxLayout(table_box)
        table_layout.setContentsMargins(0, 0, 0, 0)
        table_layout.addWidget(self.input_bar)
        table_layout.addWidget(top, 1)
        table_layout.addWidget(self.summary_bar)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(table_box)
        self.splitter.addWidget(self.run_panel)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([560, 220])
        self._top_splitter = top
        central = QWidget()
        layout = QVBoxLayout(central)
        layout.addWidget(self.banner)
        layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.mode_label = QLabel()
        self.statusBar().addPermanentWidget(self.mode_label)

    def _empty_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        icon = QLabel()
        icon.setPixmap(self.style().standardIcon(QStyle.StandardPixmap.SP_DirOpenIcon).pixmap(48, 48))
        icon.setAlignment(Qt.AlignmentFlag.AlignCenter)
        title = QLabel(self.tr("Drop a spreadsheet of product codes here"))
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint = QLabel(self.tr("Excel (xlsx, xlsm, xls, xlsb), OpenDocument (ods) or text (csv, tsv, txt). "
                              "Every code is checked before anything is looked up."))
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        button = QPushButton(self.style().standardIcon(QStyle.StandardPixmap.SP_DialogOpenButton),
                             self.tr("Open a spreadsheet…"))
        button.clicked.connect(self.choose_file)
        self.sample_button = QPushButton(self.tr("Try the sample file"))
        self.sample_button.setToolTip(self.tr("Open the sample shipped with Price Lookup"))
        self.sample_button.clicked.connect(self._open_sample)
        self.sample_button.setVisible(self._sample_path() is not None)
        for widget in (icon, title, hint):
            layout.addWidget(widget)
        row = QVBoxLayout()
        row.setAlignment(Qt.AlignmentFlag.AlignCenter)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignCenter)
        row.addWidget(self.sample_button, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addLayout(row)
        layout.addStretch(2)
        return page

    def _loading_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addStretch(1)
        self.loading_label = QLabel()
        self.loading_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        busy = QProgressBar()
        busy.setRange(0, 0)
        busy.setMaximumWidth(320)
        layout.addWidget(self.loading_label)
        layout.addWidget(busy, 0, Qt.AlignmentFlag.AlignCenter)
        layout.addStretch(2)
        return page

    def _connect(self) -> None:
        self.input_bar.sheet_changed.connect(self._sheet_chosen)
        self.input_bar.column_changed.connect(self._column_chosen)
        self.input_bar.cip7_changed.connect(self._cip7_chosen)
        self.input_bar.problems_only_changed.connect(self._problems_only)
        self.input_bar.changed_only_changed.connect(self._changed_only)
        self.panels.changed.connect(self._panels_changed)
        self.panels.shop.import_requested.connect(self.use_snipcart_input)
        self.run_panel.run_button.clicked.connect(self.start_run)
        self.run_panel.cancel_button.clicked.connect(self.cancel_run)
        self.run_panel.export_button.clicked.connect(self.export_results)
        self._bridge.progress.connect(self.run_panel.show_progress)
        self._bridge.progress.connect(self._progress_seen)
        self._bridge.log_message.connect(self.run_panel.append_log)
        self._bridge.run_finished.connect(self._run_finished)
        self._bridge.run_failed.connect(self._run_failed)
        self._bridge.run_cancelled.connect(self._run_cancelled)
        self._estimate_timer = QTimer(self)
        self._estimate_timer.setSingleShot(True)
        self._estimate_timer.setInterval(300)
        self._estimate_timer.timeout.connect(self._request_estimate)

    # --- small helpers ----------------------------------------------------------------------------

    @property
    def bridge(self) -> EngineBridge:
        """The engine bridge (tests)."""
        return self._bridge

    @property
    def session(self) -> Session:
        """The document's state: input, checked table, estimate, last run, what may be done now."""
        return self._session

    @property
    def validated(self) -> ValidatedTable | None:
        """The loaded, validated table."""
        return self._session.validated

    @property
    def model(self) -> ValidatedTableModel | None:
        """The table model shown."""
        return self._model

    @property
    def result(self) -> RunOutcome | None:
        """What the window shows of the last run (the whole result is in the journal)."""
        return self._session.result

    @property
    def sandbox(self) -> bool:
        """True in sandbox mode."""
        return self._sandbox

    def data_dir(self) -> Path | None:
        """Journal folder: command line > Settings > engine default."""
        if self._data_dir_override is not None:
            return self._data_dir_override
        value = str(self._settings.value(KEY_DATA_DIR, "") or "").strip()
        return Path(value) if value else None

    def current_settings(self) -> RunSettings:
        """RunSettings from the panels and the loaded table's sheet/column."""
        settings = self.panels.apply(self._run_settings)
        snipcart_input, validated = self._session.snipcart_input, self._session.validated
        settings = dataclasses.replace(settings, snipcart_input=snipcart_input)
        if validated is not None and not snipcart_input:
            table = validated.table
            settings = dataclasses.replace(settings, sheet=table.sheet, column=table.code_column,
                                           cip7=self.input_bar.cip7_check.isChecked())
        return settings

    def _error(self, message: UserMessage) -> None:
        box = show_error(self, message)
        self._open_boxes.append(box)
        box.finished.connect(lambda _r=0, b=box: self._open_boxes.remove(b) if b in self._open_boxes else None)

    def _update_state(self) -> None:
        """The session's state into the widgets: enabled actions and buttons, busy pickers, the title."""
        session = self._session
        self.run_panel.set_state(can_run=session.has_input, running=session.running, can_export=session.can_export)
        self.run_action.setEnabled(session.can_run)
        self.cancel_action.setEnabled(session.can_cancel)
        self.export_action.setEnabled(session.can_export)
        self.open_action.setEnabled(session.can_open)
        self.open_run_action.setEnabled(session.can_open)
        self.sandbox_action.setEnabled(session.can_open)
        self.panels.setEnabled(session.can_open)
        self.input_bar.set_busy(session.pickers_locked)
        self.setAcceptDrops(session.can_open)
        input_path, snipcart_input = session.input_path, session.snipcart_input
        name = input_path.name if input_path and not snipcart_input else (
            self.tr("Snipcart catalogue") if snipcart_input else "")
        self.setWindowTitle(window_title(name, sandbox=self._sandbox, sandbox_mark=self.tr("[Sandbox]")))

    # --- opening files ---------------------------------------------------------------------------------

    def choose_file(self) -> None:
        """File > Open: the native dialog, starting in the last folder used."""
        recent = self.recent_files()
        start = str(Path(recent[0]).parent) if recent else QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation)
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Open a spreadsheet"), start,
            self.tr("Spreadsheets ({patterns});;All files (*)").format(patterns=OPEN_FILTER_PATTERNS))
        if path:
            self.open_path(path)

    def open_path(self, path: str | Path) -> None:
        """Open ``path`` (command line, File > Open, recent files); problems are explained in a dialog."""
        if self._session.running:
            self.statusBar().showMessage(self.tr("A run is in progress: wait for it to end or cancel it first."), 6000)
            return
        decision = check_path(Path(path).expanduser())
        if decision.problem is not None or decision.path is None:
            self._error(UserMessage(self.tr("Cannot open this"), decision.problem or ""))
            return
        self.panels.shop.set_snipcart_input(False)
        self._start_load(decision.path.resolve(), sheet=None, column=None)

    def handle_drop(self, mime: QMimeData) -> bool:
        """Open what was dropped, or explain why not. Returns True when a file is being opened."""
        decision = decide_drop(mime)
        if decision.problem is not None or decision.path is None:
            self._error(UserMessage(self.tr("Cannot open this"), decision.problem or ""))
            return False
        self.open_path(decision.path)
        return True

    def _start_load(self, path: Path, *, sheet: str | None, column: str | None, resume_after: bool = False,
                    settings: RunSettings | None = None) -> None:
        """Read ``path`` off-thread (``resume_after``: then continue its interrupted run)."""
        generation = self._session.start_load(resume_after=resume_after)
        base = settings or self.current_settings()
        load_settings = dataclasses.replace(base, sheet=sheet, column=column, snipcart_input=False,
                                            cip7=self.input_bar.cip7_check.isChecked() if settings is None else base.cip7)
        self.loading_label.setText(self.tr("Reading {name}…").format(name=path.name))
        self.stack.setCurrentIndex(PAGE_LOADING)
        self.statusBar().showMessage(self.tr("Reading {name}…").format(name=path.name))
        self._update_state()
        log.info("loading %s (sheet=%r, column=%r)", path, sheet, column)
        self._bridge.load(path, load_settings,
                          on_done=lambda validated: self._loaded(generation, path, validated),
                          on_error=lambda exc: self._load_failed(generation, path, exc))

    def _loaded(self, generation: int, path: Path, validated: ValidatedTable) -> None:
        if not self._session.loaded(generation, path, validated):
            return  # a newer load superseded this one
        self._show_table(validated)
        self.input_bar.set_table(validated)
        self._remember_recent(path)
        counts = self.summary_bar.counts()  # the codes a run looks up: the estimate's number too
        message = self.tr("{name}: {rows}, {unique}.").format(
            name=path.name, rows=self.tr("%Ln row(s) read", None, counts["rows"]),
            unique=self.tr("%Ln distinct code(s) to look up", None, counts["unique"]))
        problems = self._model.problem_count() if self._model is not None else 0
        if problems > 0 and not self.input_bar.problems_check.isChecked():
            message += " " + self.tr("Tick “Problems only” to see the %Ln row(s) that need a look.", None, problems)
        self.statusBar().showMessage(message, 15000)
        self.run_panel.append_log(self.tr("Opened {name}, sheet “{sheet}”, code column “{column}” ({reason}).").format(
            name=path.name, sheet=validated.table.sheet, column=validated.table.code_column,
            reason=code_column_reason(validated.table)))
        self._update_state()
        self._schedule_estimate()
        if self._session.take_resume_after_load():
            self.start_run(resume=True)

    def _show_table(self, validated: ValidatedTable) -> None:
        """Put ``validated`` (the session's table by now) in the table, the summary bar and the column pickers."""
        # lazy: the table model needs polars, which loads with the first file, not before the first paint
        from pricelookup.gui.table_model import ValidatedTableModel

        model = ValidatedTableModel(validated, self.table_view)
        model.set_problems_only(self.input_bar.problems_check.isChecked())
        model.set_changed_only(self.input_bar.changed_check.isChecked())
        old, self._model = self._model, model
        self.table_view.setModel(model)
        self.table_view.selectionModel().currentRowChanged.connect(self._current_row_changed)
        if old is not None:
            old.deleteLater()
        self._fit_columns()
        self.stack.setCurrentIndex(PAGE_TABLE)
        self.input_bar.set_changes_available(False)
        self._detail_run_id = None  # a new table: the earlier run's products are not its rows
        self._ask_detail()
        self.summary_bar.set_table(validated, include_restricted=self.panels.priceapi.restricted.isChecked())
        self.panels.set_columns(list(validated.table.frame.columns))

    def _fit_columns(self) -> None:
        """Columns about as wide as their contents, capped.

        Widths come from polars (longest text among the first rows) rather than Qt's
        resizeColumnsToContents, which calls data() for hundreds of cells on the GUI thread.
        """
        if self._model is None:
            return
        metrics = self.table_view.fontMetrics()
        digit = metrics.horizontalAdvance("0")
        header = self.table_view.horizontalHeader()
        for column, chars in enumerate(self._model.column_width_chars()):
            header.resizeSection(column, min(320, max(48, chars * digit + 16)))

    def _load_failed(self, generation: int, path: Path, exc: BaseException) -> None:
        if not self._session.load_failed(generation):
            return
        validated = self._session.validated
        self.stack.setCurrentIndex(PAGE_TABLE if validated is not None else PAGE_EMPTY)
        if validated is not None:
            self.input_bar.set_table(validated)
        self.statusBar().clearMessage()
        self._update_state()
        self._error(describe_error(exc, log_path=self._log_path, action=self.tr("Opening {name}").format(name=path.name)))

    def _sheet_chosen(self, sheet: str) -> None:
        input_path = self._session.input_path
        if input_path is not None:
            self._start_load(input_path, sheet=sheet, column=None)

    def _column_chosen(self, column: str) -> None:
        input_path, validated = self._session.input_path, self._session.validated
        if input_path is not None and validated is not None:
            self._start_load(input_path, sheet=validated.table.sheet, column=column)

    def _cip7_chosen(self, _on: bool) -> None:
        input_path, validated = self._session.input_path, self._session.validated
        if input_path is not None and validated is not None:
            table = validated.table
            self._start_load(input_path, sheet=table.sheet, column=table.code_column)

    def _problems_only(self, on: bool) -> None:
        model = self._model
        if model is not None:
            self._keeping_current_row(lambda: model.set_problems_only(on))

    def _changed_only(self, on: bool) -> None:
        model = self._model
        if model is not None:
            self._keeping_current_row(lambda: model.set_changed_only(on))

    def _keeping_current_row(self, change: Callable[[], None]) -> None:
        """Run ``change`` (which resets the model) and select the same spreadsheet row again if it is still shown."""
        model = self._model
        current = self.table_view.currentIndex()
        source = model.source_row(current.row()) if model is not None and current.isValid() else None
        column = max(0, current.column())
        change()
        if model is None or source is None:
            self._ask_detail()
            return
        row = model.view_row(source)
        if row is None:
            self._ask_detail()
            return
        self.table_view.setCurrentIndex(model.index(row, column))  # asks the pane (currentRowChanged)
        self.table_view.scrollTo(model.index(row, column))
        self._ask_detail()

    # --- the detail pane ------------------------------------------------------------------------------

    def _fetch_detail(self, run_id: str, gtin14: str, on_done: OnDone, on_error: OnError) -> int:
        return self._bridge.product_detail(run_id, gtin14, self.data_dir(), on_done=on_done, on_error=on_error)

    def _current_row_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self._ask_detail(current.row() if current.isValid() else -1)

    def _ask_detail(self, view_row: int | None = None) -> None:
        """Point the detail pane at the row shown at ``view_row`` (default: the table's current row)."""
        pane, model = self.detail_pane, self._model
        # beside a table no run has looked up yet, the pane would only say so: the table keeps the room
        pane.setVisible(model is not None and (self._detail_run_id is not None or self._session.running))
        if view_row is None:
            current = self.table_view.currentIndex()
            view_row = current.row() if current.isValid() else -1
        if model is None or not 0 <= view_row < model.rowCount():
            pane.show_message(self.tr("Select a row to see its product: every offer and the price history."))
            return
        gtin14 = model.gtin_at(view_row)
        if gtin14 is None:
            text = self.tr("Row {row} has no usable code, so nothing was looked up for it.").format(
                row=model.row_number_at(view_row))
            reason = model.reason_at(view_row)
            pane.show_message(f"{text}\n{reason}" if reason else text)
            return
        if self._detail_run_id is None:
            pane.show_message(
                self.tr("The run is starting: this product shows here as soon as the run is in the journal.")
                if self._session.running else
                self.tr("No run yet for this table. Run the look-up (Ctrl+R) to see this product's offers and price "
                        "history here, or open a previous run from the File menu."))
            return
        pane.ask(self._detail_run_id, gtin14)

    def _progress_seen(self, progress: Progress) -> None:
        """The running run's id arrives with its progress: from then on the pane shows its products."""
        run_id = progress.run_id
        if run_id and run_id != self._detail_run_id and self._session.running:
            self._detail_run_id = run_id
            self._detail_refreshed = time.monotonic()
            self._ask_detail()
            return
        now = time.monotonic()
        if now - self._detail_refreshed >= DETAIL_REFRESH_SECONDS:
            self._detail_refreshed = now
            self.detail_pane.refresh()

    def use_snipcart_input(self, *, after: Callable[[], None] | None = None) -> None:
        """Start from the shop's Snipcart catalogue: import it now (off-thread) and show it like a file."""
        if self._session.running:
            return
        generation = self._session.start_import()  # any file still loading is no longer wanted
        self.loading_label.setText(self.tr("Importing your Snipcart catalogue…"))
        self.stack.setCurrentIndex(PAGE_LOADING)
        self._update_state()
        settings = dataclasses.replace(self.panels.apply(self._run_settings), snipcart_input=True, sheet=None,
                                       column=None)
        spec = RunSpec(None, settings, self._sandbox, self.data_dir())

        def done(validated: ValidatedTable) -> None:
            if not self._session.imported(generation, validated):
                return
            self.panels.shop.set_snipcart_input(True)
            self._show_table(validated)
            self.input_bar.set_table(validated)
            self.input_bar.file_label.setText(self.tr("<b>Your Snipcart catalogue</b>"))
            self.run_panel.append_log(self.tr("Imported your Snipcart catalogue: %Ln product(s).", None,
                                              validated.checks.height))
            self._update_state()
            self._schedule_estimate()
            if after is not None:
                after()

        def failed(exc: BaseException) -> None:
            if not self._session.load_failed(generation):
                return
            self.stack.setCurrentIndex(PAGE_TABLE if self._session.validated is not None else PAGE_EMPTY)
            self._update_state()
            self._error(describe_error(exc, log_path=self._log_path,
                                       action=self.tr("Importing the Snipcart catalogue")))

        self._bridge.import_catalogue(spec, on_done=done, on_error=failed)

    # --- drag and drop -------------------------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Welcome a drag that may carry a file, unless a run goes on."""
        answer_drag(event, accepting=self._session.can_open)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """As :meth:`dragEnterEvent`, while the drag moves over the window."""
        answer_drag(event, accepting=self._session.can_open)

    def dropEvent(self, event: QDropEvent) -> None:
        """Open what was dropped once the drop has returned: the file manager should not wait for our dialogs."""
        defer_drop(event, self.handle_drop)

    def _accepts_drops(self) -> bool:
        return self._session.can_open

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Child widgets that take text drops (editable combos) pass file drops to the window."""
        if forward_child_drag(event, accepting=self._accepts_drops, drop=self.dropEvent):
            return True
        return super().eventFilter(watched, event)

    def showEvent(self, event: Any) -> None:
        """Route the file drops of child widgets that take drops themselves to the window."""
        super().showEvent(event)
        for widget in self.findChildren(QWidget):
            if widget.acceptDrops() and widget is not self:
                widget.installEventFilter(self)

    # --- recent files ------------------------------------------------------------------------------

    def recent_files(self) -> list[str]:
        """Recently opened files, newest first."""
        value = self._settings.value(KEY_RECENT, [])
        if isinstance(value, str):
            value = [value]
        return [str(v) for v in (value if isinstance(value, list) else [])]

    def _remember_recent(self, path: Path) -> None:
        if not self._settings.value("ui/remember_recent", True, type=bool):
            return
        files = [str(path)] + [p for p in self.recent_files() if p != str(path)]
        self._settings.setValue(KEY_RECENT, files[:MAX_RECENT])

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        files = self.recent_files()
        for number, file in enumerate(files, start=1):
            action = self.recent_menu.addAction(f"&{number} {Path(file).name}")
            action.setToolTip(file)
            action.setStatusTip(file)
            action.triggered.connect(lambda _c=False, f=file: self.open_path(f))
        if not files:
            empty = self.recent_menu.addAction(self.tr("No recent files"))
            empty.setEnabled(False)
        else:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction(self.tr("Clear the list"))
            clear.triggered.connect(lambda _c=False: self._settings.remove(KEY_RECENT))

    def _sample_path(self) -> Path | None:
        sample = resources_dir() / "samples" / "products.xlsx"
        return sample if sample.exists() else None

    def _open_sample(self) -> None:
        sample = self._sample_path()
        if sample is not None:
            self.open_path(sample)

    # --- sandbox and settings ---------------------------------------------------------------------------

    def set_sandbox(self, on: bool) -> None:
        """Switch sandbox mode (the menu toggle calls this)."""
        self.sandbox_action.setChecked(on)  # emits toggled -> _set_sandbox when it changes
        self._set_sandbox(on)

    def _set_sandbox(self, on: bool) -> None:
        if self._session.running:
            self.sandbox_action.setChecked(self._sandbox)
            return
        changed = on != self._sandbox
        self._sandbox = on
        self.sandbox_action.blockSignals(True)
        self.sandbox_action.setChecked(on)
        self.sandbox_action.blockSignals(False)
        self.banner.setVisible(on)
        self.mode_label.setText(self.tr("Sandbox: simulated data") if on else self.tr("Live services"))
        if changed:
            if not on:
                self._bridge.stop_sandbox()
            self._schedule_estimate()
        self._update_state()

    def open_settings(self) -> None:
        """The Settings dialog (keys, language, journal folder)."""
        dialog = SettingsDialog(self._bridge, self._settings, sandbox=self._sandbox, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(self._schedule_estimate)
        self.settings_dialog = dialog
        dialog.open()

    def _panels_changed(self) -> None:
        self._run_settings = self.panels.apply(self._run_settings)
        self.summary_bar.set_include_restricted(self._run_settings.include_restricted)
        _save_run_settings(self._settings, self._run_settings)
        self._schedule_estimate()

    def _about(self) -> None:
        show_info(self, self.tr("About Price Lookup"), f"{APP_NAME} {__version__}", self.tr(
            "Checks spreadsheets of product codes, looks them up in PriceAPI, adds OfficiScan and Monitorize prices "
            "and writes an Excel workbook.\nLog file: {log}").format(log=str(self._log_path or "")))

    # --- estimate ------------------------------------------------------------------------------------------

    def _schedule_estimate(self) -> None:
        if self._session.can_estimate:
            if not self._session.estimate_shown:
                self.run_panel.set_estimate_text(self.tr("Estimating the cost…"))
            self._estimate_timer.start()

    def _request_estimate(self) -> None:
        validated = self._session.validated
        if validated is None:
            return
        generation = self._session.start_estimate()
        spec = RunSpec(self._session.input_path, self.current_settings(), self._sandbox, self.data_dir())

        def done(estimate: Any) -> None:
            if self._session.estimated(generation, estimate):
                self.estimate = estimate
                self.run_panel.show_estimate(estimate)

        def failed(exc: BaseException) -> None:
            if not self._session.estimate_failed(generation):
                return
            message = describe_error(exc, log_path=self._log_path)
            self.run_panel.set_estimate_text(self.tr("<b>No estimate yet.</b> {text}").format(
                text=_html_escape(message.text)) + "<br>" + _html_escape(message.next_step or ""))

        self._bridge.estimate(spec, validated, on_done=done, on_error=failed)

    # --- the run ---------------------------------------------------------------------------------------------

    def start_run(self, *, resume: bool | None = None) -> None:
        """Run (Ctrl+R): look up every usable code; continues a run of the same input cut short earlier."""
        session = self._session
        if not session.can_run:
            return
        settings = self.current_settings()
        # Always ask the engine to continue an interrupted run of the same input and settings (it starts
        # a new run when there is none): a plain Run must never pay twice for what was already submitted.
        resume = True if resume is None else resume
        spec = RunSpec(None if session.snipcart_input else session.input_path, settings, self._sandbox,
                       self.data_dir(), resume=resume)
        model = self._model
        if model is not None:
            self._keeping_current_row(lambda: model.set_result(None))
            self.input_bar.set_changes_available(False)
        self._estimate_timer.stop()
        self.run_panel.reset_progress()
        self.run_panel.append_log(self.tr("Run started."))
        self._bridge.start_run(spec, session.validated)
        session.run_started()
        self._ask_detail()  # the pane comes beside the table: the run's products show there as it goes
        self._update_state()
        self.statusBar().showMessage(self.tr("Running… press Esc to cancel."))

    def cancel_run(self) -> None:
        """Cancel (Esc): the engine stops submitting and polling within a second."""
        if self._session.can_cancel:
            self._bridge.cancel_run()
            self.run_panel.append_log(self.tr("Cancelling… submitted jobs stay in the journal."))
            self.statusBar().showMessage(self.tr("Cancelling…"))
            self.run_panel.cancel_button.setEnabled(False)
            self.cancel_action.setEnabled(False)

    def _run_finished(self, result: RunOutcome) -> None:
        own_table = self._session.run_finished(result)
        if own_table is not None:
            self._show_table(own_table)  # e.g. the engine imported the Snipcart catalogue itself
        self._show_outcome(result)
        summary = self.run_summary_text(result)
        self.run_panel.append_log(summary)
        for service, problem in result.service_failures.items():
            self.run_panel.append_log(self.tr("{service} could not be used: {problem}").format(
                service=service, problem=service_failure_text(problem)))
        self.run_panel.show_end(result.status == "finished", self._status_word(result.status))
        self.statusBar().showMessage(summary + " " + self.tr("Press Export (Ctrl+E) to save the workbook."))
        self._update_state()
        self._maybe_close_after_run()

    def _show_outcome(self, result: RunOutcome) -> None:
        """The outcome's answers into the table (the current row stays), the pane on its run."""
        model = self._model
        self._detail_run_id = result.run_id
        if model is None:
            return
        self._keeping_current_row(lambda: model.set_result(result))
        self._fit_columns()
        self.input_bar.set_changes_available(model.has_changes)
        self.detail_pane.refresh()  # the run's last answers
        if model.has_changes:
            self.run_panel.append_log(self.tr("%Ln row(s) changed since the earlier run over these codes: tick "
                                              "“Changed only” to see them.", None, model.changed_count()))

    def run_summary_text(self, result: RunOutcome) -> str:
        """``Run finished: 46 found, 6 not found or failed, 51 credits used, 0 from recent runs (free).``"""
        # one count per piece: each gets its own plural form ("1 credit used", "2 credits used")
        return self.tr("Run {status}: {found}, {failed}, {credits}, {cached}.").format(
            status=self._status_word(result.status),
            found=self.tr("%Ln found", None, result.found),
            failed=self.tr("%Ln not found or failed", None, result.failed),
            credits=self.tr("%Ln credit(s) used", None, result.credits_used),
            cached=self.tr("%Ln from recent runs (free)", None, result.cached))

    def _status_word(self, status: str) -> str:
        return {"finished": self.tr("finished"), "partial": self.tr("finished with gaps"),
                "cancelled": self.tr("cancelled")}.get(status, status)

    def _run_failed(self, exc: BaseException) -> None:
        self._session.run_failed()
        message = describe_error(exc, log_path=self._log_path, action=self.tr("The run"))
        self.run_panel.append_log(self.tr("The run stopped: {text}").format(text=message.text))
        self.statusBar().showMessage(self.tr("The run stopped."), 10000)
        self.run_panel.show_end(False, self.tr("stopped"))
        self._update_state()
        if not self._session.closing_after_run:
            self._error(message)
        self._maybe_close_after_run()

    def _run_cancelled(self) -> None:
        self._session.run_cancelled()
        self.run_panel.append_log(self.tr("Cancelled. Press Run again to continue where it stopped "
                                          "(nothing already paid is paid again)."))
        self.statusBar().showMessage(self.tr("Cancelled."), 10000)
        self.run_panel.show_end(False, self.tr("cancelled"))
        self._update_state()
        self._maybe_close_after_run()

    def _maybe_close_after_run(self) -> None:
        if self._session.closing_after_run:
            self._closing_confirmed = True
            QTimer.singleShot(0, self.close)
        else:
            self._schedule_estimate()

    # --- resume prompt -----------------------------------------------------------------------------------

    def check_unfinished_runs(self) -> None:
        """Ask the journal (off-thread) whether a run was cut short; offer to resume it."""
        self._bridge.find_unfinished_runs(self.data_dir(), on_done=self._offer_resume,
                                          on_error=lambda exc: log.warning("could not read the journal: %s", exc))

    def _offer_resume(self, runs: list[Any]) -> None:
        # A sandbox run lives only as long as its embedded sandbox (its simulated jobs die with it), so
        # it can be resumed only while this window's sandbox is still running.
        runs = [r for r in runs if not getattr(r, "sandbox", False) or self._bridge.sandbox_url is not None]
        if not runs or self._session.running:
            return
        info = sorted(runs, key=lambda r: str(getattr(r, "started_at", "")))[-1]
        input_path = getattr(info, "input_path", None)
        name = Path(input_path).name if input_path else self.tr("your Snipcart catalogue")
        started = getattr(info, "started_at", None)
        when = QLocale().toString(started, QLocale.FormatType.ShortFormat) if started is not None and hasattr(
            started, "year") else str(started or "")
        self.resume_box = ask(
            self, self.tr("Resume the interrupted run?"),
            self.tr("The look-up of {name} started {when} did not finish.").format(name=name, when=when),
            [(self.tr("Resume"), QMessageBox.ButtonRole.AcceptRole), (self.tr("Not now"), QMessageBox.ButtonRole.RejectRole)],
            lambda choice: self._resume(info) if choice == 0 else None,
            informative=self.tr("Jobs already submitted are collected, and codes already answered are not paid "
                                "for again."),
            object_name="resume_box")

    def _resume(self, info: Any) -> None:
        settings = _settings_of(info)
        if bool(getattr(info, "sandbox", False)) != self._sandbox:
            self.set_sandbox(bool(getattr(info, "sandbox", False)))
        input_path = getattr(info, "input_path", None)
        self.panels.load(settings)
        self._run_settings = settings
        self.input_bar.cip7_check.blockSignals(True)
        self.input_bar.cip7_check.setChecked(settings.cip7)
        self.input_bar.cip7_check.blockSignals(False)
        if input_path is None or settings.snipcart_input or str(input_path).startswith("snipcart:"):
            self.use_snipcart_input(after=lambda: self.start_run(resume=True))
            return
        path = Path(input_path)
        if not path.is_file():
            self._error(UserMessage(self.tr("The input file is missing"), self.tr(
                "The interrupted run read {path}, which is no longer there.").format(path=str(path)), self.tr(
                "Put the file back (or reconnect the drive) and choose Resume again when Price Lookup starts; "
                "submitted jobs stay in the journal.")))
            return
        self.panels.shop.set_snipcart_input(False)
        self._start_load(path, sheet=settings.sheet, column=settings.column, settings=settings, resume_after=True)

    # --- export --------------------------------------------------------------------------------------------------

    def export_results(self) -> None:
        """Export (Ctrl+E): choose layout and file, then write the workbook off-thread."""
        session = self._session
        if session.result is None or not session.can_export:
            return
        self._open_export_dialog(session.result.run_id, session.result.settings,
                                 session.input_path if not session.snipcart_input else None)

    def _open_export_dialog(self, run_id: str, run_settings: RunSettings, input_path: Path | None) -> None:
        fallback = Path(QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation) or Path.home())
        layout = str(self._settings.value("export/layout", run_settings.layout))
        max_offers = int(str(self._settings.value("export/max_offers", run_settings.max_offer_columns)))
        dialog = ExportDialog(default_export_path(input_path, fallback_dir=fallback), layout=layout,
                              max_offer_columns=max_offers, input_path=input_path, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.export_to(run_id, dialog.choice()))
        self.export_dialog = dialog
        dialog.open()

    def export_to(self, run_id: str, choice: ExportChoice) -> None:
        """Write the workbook of run ``run_id`` as ``choice`` says (the engine rebuilds it from the journal)."""
        self._settings.setValue("export/layout", choice.layout)
        self._settings.setValue("export/max_offers", choice.max_offer_columns)
        self._session.export_started()
        self._update_state()
        self.statusBar().showMessage(self.tr("Writing {name}…").format(name=choice.path.name))
        self.run_panel.append_log(self.tr("Writing {path} ({layout} layout)…").format(
            path=str(choice.path), layout=self.tr("row") if choice.layout == "row" else self.tr("column")))

        def done(report: Any) -> None:
            self._session.export_ended()
            self._update_state()
            self.last_export = report
            self.statusBar().showMessage(self.tr("Saved {name}.").format(name=Path(report.path).name), 10000)
            self.run_panel.append_log(self.tr("Saved {path}.").format(path=str(report.path)))
            self.export_done_box = show_export_done(self, report)

        def failed(exc: BaseException) -> None:
            self._session.export_ended()
            self._update_state()
            self.statusBar().clearMessage()
            self._error(describe_error(exc, log_path=self._log_path, action=self.tr("The export")))

        self._bridge.export(run_id, self.data_dir(), choice.path, layout=choice.layout,
                            max_offer_columns=choice.max_offer_columns, on_done=done, on_error=failed)

    def export_previous_run(self) -> None:
        """File > Export a previous run: pick a journaled run, rebuild it, export it."""

        def show(runs: list[Any]) -> None:
            finished = [r for r in runs if str(getattr(r, "status", "")) in ("finished", "partial", "cancelled")]
            if not finished:
                show_info(self, self.tr("No earlier runs"), self.tr("The journal holds no finished run to export yet."))
                return
            dialog = RunPickerDialog(finished, self)
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self._export_run(dialog.selected_run()))
            self.run_picker = dialog
            dialog.open()

        self._bridge.list_runs(self.data_dir(), on_done=show, on_error=lambda exc: self._error(
            describe_error(exc, log_path=self._log_path, action=self.tr("Reading the journal"))))

    def open_previous_run(self) -> None:
        """File > Open a previous run: pick a journaled run and show it (its table, answers, offers, history)."""
        if not self._session.can_open:
            return

        def show(runs: list[Any]) -> None:
            done = [r for r in runs if str(getattr(r, "status", "")) in ("finished", "partial", "cancelled", "failed")]
            if not done:
                show_info(self, self.tr("No earlier runs"), self.tr("The journal holds no run to open yet."))
                return
            dialog = RunPickerDialog(done, self, purpose="open")
            dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            dialog.accepted.connect(lambda: self.open_run(dialog.selected_run()))
            self.run_picker = dialog
            dialog.open()

        self._bridge.list_runs(self.data_dir(), on_done=show, on_error=lambda exc: self._error(
            describe_error(exc, log_path=self._log_path, action=self.tr("Reading the journal"))))

    def open_run(self, info: Any) -> None:
        """Show journaled run ``info`` (a ``RunInfo``): the engine rebuilds its table and answers off-thread."""
        if info is None or not self._session.can_open:
            return
        run_id = str(info.run_id)
        generation = self._session.load_generation  # a file opened meanwhile wins
        self.statusBar().showMessage(self.tr("Opening run {run}…").format(run=run_id))

        def done(outcome: RunOutcome) -> None:
            if self._session.running or self._session.load_generation != generation:
                return
            table = outcome.validated
            if table is None:
                self._error(UserMessage(self.tr("The run cannot be shown"), self.tr(
                    "The journal no longer holds the table run {run} read.").format(run=run_id)))
                return
            settings = _settings_of(info)
            input_path = getattr(info, "input_path", None)
            snipcart = settings.snipcart_input or str(input_path or "").startswith("snipcart")
            self._session.run_opened(outcome, table, input_path=Path(input_path) if input_path else None,
                                     snipcart_input=snipcart)
            self.panels.shop.set_snipcart_input(snipcart)
            self.input_bar.cip7_check.blockSignals(True)
            self.input_bar.cip7_check.setChecked(settings.cip7)
            self.input_bar.cip7_check.blockSignals(False)
            self._show_table(table)
            self.input_bar.set_table(table, snipcart=snipcart)
            if snipcart:
                self.input_bar.file_label.setText(self.tr("<b>Your Snipcart catalogue</b>"))
            self._show_outcome(outcome)
            name = Path(input_path).name if input_path and not snipcart else self.tr("your Snipcart catalogue")
            self.run_panel.append_log(self.tr("Opened run {run} of {name} from the journal.").format(
                run=run_id, name=name))
            self.statusBar().showMessage(self.run_summary_text(outcome), 15000)
            self._update_state()
            self._schedule_estimate()

        self._bridge.load_outcome(run_id, self.data_dir(), on_done=done, on_error=lambda exc: self._error(
            describe_error(exc, log_path=self._log_path, action=self.tr("Opening the run"))))

    def _export_run(self, info: Any) -> None:
        if info is None:
            return
        input_path = getattr(info, "input_path", None)
        self._open_export_dialog(str(info.run_id), _settings_of(info), Path(input_path) if input_path else None)

    # --- closing ------------------------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        """Ask first while a run goes on; otherwise save the geometry and settings and stop the engine."""
        if self._session.running and not self._closing_confirmed:
            event.ignore()
            if self._session.closing_after_run:
                return  # already cancelling; the window closes when the run has stopped
            self.close_box = ask(
                self, self.tr("A run is in progress"),
                self.tr("Stop the run and close Price Lookup?"),
                [(self.tr("Stop and close"), QMessageBox.ButtonRole.DestructiveRole),
                 (self.tr("Keep running"), QMessageBox.ButtonRole.RejectRole)],
                self._close_answer, default=1,
                informative=self.tr("Jobs already submitted stay in the journal: next time, Price Lookup offers to "
                                    "resume them without paying twice."),
                object_name="close_box")
            return
        self._estimate_timer.stop()
        self._settings.setValue(KEY_GEOMETRY, self.saveGeometry())
        _save_run_settings(self._settings, self.panels.apply(self._run_settings))
        self._settings.sync()
        self._bridge.shutdown()
        event.accept()

    def _close_answer(self, choice: int) -> None:
        if choice != 0 or not self._session.running:
            if choice == 0:
                QTimer.singleShot(0, self.close)
            return
        self._session.close_when_run_ends()
        self.cancel_run()
        self.statusBar().showMessage(self.tr("Cancelling the run, then closing…"))


def _html_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
