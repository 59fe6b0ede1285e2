"""The ``product_detail`` pane beside the table: everything the journal knows of the selected row's product.

Selecting a row (click or arrow keys; the table keeps the focus) calls
:meth:`DetailPane.ask` with the run and the row's GTIN-14. The pane asks the
engine in the background (``fetch``: the bridge's ``product_detail``) and shows
the answer; it never waits on the GUI thread:

* **debounce**: a request leaves :data:`DEBOUNCE_MS` after the selection last
  moved, so arrowing through rows asks only for where the analyst stops; holding
  an arrow key still refreshes the pane every :data:`MAX_WAIT_MS` at most;
* **one request in flight, the latest wins**: while the engine answers one
  product, newer selections only replace the wanted one; when the answer comes,
  it is shown if it is still the wanted product, dropped otherwise (and the
  wanted one is asked for then). A stale answer is never shown.

It shows the product's name, brand, category, rating, GTINs, page, the code's
status and note, the own price line, what moved since the earlier run, every
offer in a sortable table (``detail_offers``: Enter or a double-click opens the
offer's page, Ctrl+C copies the selected offers, or all, as tab-separated text
with a header line) and the price history chart (``price_history_chart``; a
sentence saying why when there is none). The texts come from the widget-free
functions of :mod:`pricelookup.gui.product_view`.
"""

from __future__ import annotations

import html
import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
    QUrl,
    Signal,
)
from PySide6.QtGui import QDesktopServices, QGuiApplication, QKeyEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pricelookup.gui.messages import describe_error
from pricelookup.gui.product_view import (
    NUMERIC_OFFER_COLUMNS,
    OfferRow,
    ProductView,
    facts_text,
    gtins_text,
    history_absent_text,
    move_text,
    note_sentence,
    offer_headers,
    offer_rows,
    offers_tsv,
    own_price_text,
    plain_tooltip,
    sort_rows,
    status_text,
    title_text,
)

if TYPE_CHECKING:
    from pricelookup.detail import ProductDetail
    from pricelookup.gui.price_chart import PriceChart

log = logging.getLogger(__name__)

#: the selection must rest this long before the engine is asked (arrowing through rows asks nothing)
DEBOUNCE_MS = 60
#: ...but a held arrow key still refreshes the pane this often
MAX_WAIT_MS = 250

AnyIndex = QModelIndex | QPersistentModelIndex
#: ``fetch(run_id, gtin14, on_done, on_error)``: ask the engine for one product (the bridge's task id back)
Fetch = Callable[[str, str, Callable[[Any], None], Callable[[BaseException], None]], int]

_PRICE_COLUMN = 2
_ALIGN_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class OffersModel(QAbstractTableModel):
    """Every offer of one product; sorted by the view (numbers by value, missing ones last)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OfferRow] = []
        self._headers = offer_headers()
        self._sort: tuple[int, bool] = (_PRICE_COLUMN, False)

    def set_rows(self, rows: list[OfferRow]) -> None:
        """Show ``rows`` in the current sort order."""
        self.beginResetModel()
        column, descending = self._sort
        self._rows = sort_rows(rows, column, descending) if column >= 0 else list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> OfferRow:
        """The offer shown at ``row``."""
        return self._rows[row]

    def rows(self) -> list[OfferRow]:
        """The offers in the order shown."""
        return list(self._rows)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.cells[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in NUMERIC_OFFER_COLUMNS:
            return int(_ALIGN_RIGHT)
        if role == Qt.ItemDataRole.ToolTipRole:
            return row.url or None
        if role == Qt.ItemDataRole.UserRole:
            return row.url
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and \
                0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        self._sort = (column, order == Qt.SortOrder.DescendingOrder)
        self._rows = sort_rows(self._rows, column, self._sort[1]) if column >= 0 else self._rows
        self.layoutChanged.emit()


class OffersView(QTableView):
    """The ``detail_offers`` table: Enter opens the current offer's page, Ctrl+C copies offers."""

    open_requested = Signal(int)  # the row whose page to open
    copy_requested = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Copy):
            self.copy_requested.emit()
            return
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex().row())
            return
        super().keyPressEvent(event)


#: a product name longer than this shows cut, with "…" (a scraped name may be 40,000 characters long)
TITLE_CHARS = 300


def _shortened(text: str, most: int = TITLE_CHARS) -> str:
    return text if len(text) <= most else text[: most - 1] + "…"


def _centred_note(name: str) -> QLabel:
    """A sentence in the middle of its space, in place of what is missing (a product, a chart)."""
    label = QLabel()
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setAlignment(Qt.AlignmentFlag.AlignCenter)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
    label.setMargin(12)
    return label


def _label(name: str, *, bold: bool = False, scale: float = 1.0) -> QLabel:
    label = QLabel()
    label.setObjectName(name)
    # plain text: names and notes are the vendors' text, and a name such as "<img src=…>" must show as
    # typed, never be read as Qt's rich text
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)  # wraps to the pane's width
    if bold or scale != 1.0:
        font = label.font()
        font.setBold(bold)
        font.setPointSizeF(font.pointSizeF() * scale)
        label.setFont(font)
    return label


class DetailPane(QWidget):
    """Everything the journal knows of the selected row's product, asked for in the background."""

    #: a :class:`ProductDetail` was shown (tests, screenshots)
    detail_shown = Signal(object)
    #: the pane shows a sentence instead of a product (no run, no usable code, an error)
    message_shown = Signal(str)

    PAGE_MESSAGE, PAGE_DETAIL = range(2)

    def __init__(self, fetch: Fetch | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("product_detail")
        self._fetch = fetch
        #: opens an offer's page (tests replace it)
        self.open_url: Callable[[QUrl], object] = QDesktopServices.openUrl
        self._wanted: tuple[str, str] | None = None
        self._in_flight: tuple[str, str] | None = None
        self._first_unserved: float | None = None  # when the selection first moved since the last request
        self._detail: ProductDetail | None = None
        #: answers that came back for a product no longer selected, and were dropped (tests)
        self.dropped = 0
        self._chart: PriceChart | None = None
        self._chart_sizes: list[int] | None = None  # the offers/chart split while the chart was shown
        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(DEBOUNCE_MS)
        self._debounce.timeout.connect(self._send)
        self._build()
        self.show_message(self.tr("Select a row to see its product: every offer and the price history."))

    # --- construction ----------------------------------------------------------------------------------------

    def _build(self) -> None:
        self.message = _centred_note("detail_message")
        self.title = _label("detail_title", bold=True, scale=1.2)
        self.facts = _label("detail_facts")
        self.gtins = _label("detail_gtins")
        self.link = QLabel()
        self.link.setObjectName("detail_link")
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.link.setOpenExternalLinks(True)
        self.status = _label("detail_status")
        self.own_price = _label("detail_own_price", bold=True)
        self.price_move = _label("detail_move")
        self.offers_label = _label("detail_offers_count", bold=True)
        self.offers_model = OffersModel(self)
        self.offers_view = OffersView()
        self.offers_view.setObjectName("detail_offers")
        self.offers_view.setModel(self.offers_model)
        self.offers_view.setSortingEnabled(True)
        self.offers_view.sortByColumn(_PRICE_COLUMN, Qt.SortOrder.AscendingOrder)
        self.offers_view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.offers_view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.offers_view.setWordWrap(False)
        self.offers_view.verticalHeader().hide()
        self.offers_view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.offers_view.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 6)
        self.offers_view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.offers_view.horizontalHeader().setStretchLastSection(True)
        self.offers_view.setToolTip(self.tr("Enter or double-click: open the offer's page. "
                                            "Ctrl+C: copy the selected offers (or all) for Excel."))
        self.offers_view.doubleClicked.connect(lambda index: self.open_offer(index.row()))
        self.offers_view.open_requested.connect(self.open_offer)
        self.offers_view.copy_requested.connect(self.copy_offers)
        self.history_note = _centred_note("price_history_note")
        self.history_stack = QStackedWidget()
        self.history_stack.addWidget(self.history_note)
        self.notes = _label("detail_notes")

        offers_box = QWidget()
        offers_layout = QVBoxLayout(offers_box)
        offers_layout.setContentsMargins(0, 0, 0, 0)
        offers_layout.addWidget(self.offers_label)
        offers_layout.addWidget(self.offers_view, 1)
        self.split = QSplitter(Qt.Orientation.Vertical)
        self.split.setChildrenCollapsible(False)
        self.split.addWidget(offers_box)
        self.split.addWidget(self.history_stack)
        offers_box.setMinimumHeight(self.fontMetrics().height() * 6)
        self.history_stack.setMinimumHeight(200)  # 0 while a sentence stands for the chart
        self.split.setStretchFactor(0, 2)
        self.split.setStretchFactor(1, 3)

        detail = QWidget()
        layout = QVBoxLayout(detail)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.setSpacing(3)
        codes_row = QHBoxLayout()
        codes_row.setContentsMargins(0, 0, 0, 0)
        codes_row.addWidget(self.gtins, 1)
        codes_row.addWidget(self.link, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.title)
        layout.addWidget(self.facts)
        layout.addLayout(codes_row)
        for widget in (self.status, self.own_price, self.price_move):
            layout.addWidget(widget)
        layout.addWidget(self.split, 1)
        layout.addWidget(self.notes)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.message)
        self.stack.addWidget(detail)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

    # --- what to show ------------------------------------------------------------------------------------------

    @property
    def detail(self) -> ProductDetail | None:
        """The product shown, or None while the pane shows a sentence."""
        return self._detail

    @property
    def chart(self) -> PriceChart | None:
        """The price history chart, once a product with a history was shown."""
        return self._chart

    @property
    def wanted(self) -> tuple[str, str] | None:
        """The (run, GTIN-14) the pane is to show: the latest selection's."""
        return self._wanted

    def ask(self, run_id: str, gtin14: str) -> None:
        """Show the product ``gtin14`` of run ``run_id`` once the selection rests (the engine is asked then)."""
        key = (run_id, gtin14)
        if key == self._wanted and (self._in_flight == key or self._shown_key() == key):
            return  # already shown, or on its way
        self._wanted = key
        now = time.monotonic()
        if self._first_unserved is None:
            self._first_unserved = now
        if (now - self._first_unserved) * 1000 >= MAX_WAIT_MS and self._debounce.isActive():
            return  # a held arrow key: let the running timer fire rather than restart it
        self._debounce.start()

    def refresh(self) -> None:
        """Ask again for the product shown (a run goes on: its answers grow), unless one is on its way."""
        if self._wanted is not None and self._in_flight is None and not self._debounce.isActive():
            self._send()

    def show_message(self, text: str) -> None:
        """A sentence instead of a product (no run yet, no usable code, an error); a pending request is dropped."""
        self._debounce.stop()
        self._wanted = None
        self._first_unserved = None
        self._detail = None
        self.message.setText(text)
        self.stack.setCurrentIndex(self.PAGE_MESSAGE)
        self.message_shown.emit(text)

    def show_detail(self, detail: ProductDetail) -> None:
        """Lay ``detail`` out (the answer of the wanted product)."""
        self._detail = detail
        locale = QLocale()
        self.title.setText(_shortened(title_text(detail)))
        facts = facts_text(detail, locale)
        self.facts.setText(facts)
        self.facts.setVisible(bool(facts))
        self.gtins.setText(gtins_text(detail))
        if detail.url:
            words = html.escape(self.tr("Product page"))
            self.link.setText(f'<a href="{html.escape(detail.url, quote=True)}" style="color: {self._link_colour()}">'
                              f'{words}</a>')
            self.link.setToolTip(plain_tooltip(detail.url))
        self.link.setVisible(bool(detail.url))
        self.status.setText(status_text(detail))
        own = own_price_text(detail, locale)
        self.own_price.setText(own or "")
        self.own_price.setVisible(own is not None)
        move = move_text(detail, locale)
        self.price_move.setText(move or "")
        self.price_move.setVisible(move is not None)
        rows = offer_rows(detail, locale)
        self.offers_model.set_rows(rows)
        self.offers_label.setText(ProductView().offers(len(rows)) if rows else self.tr("No offers"))
        self.offers_view.resizeColumnsToContents()
        self._show_history(detail)
        notes = [note_sentence(n) for n in detail.notes]
        self.notes.setText("\n".join(notes))
        self.notes.setVisible(bool(notes) and self._chart is not None and self.history_stack.currentWidget() is self._chart)
        self.stack.setCurrentIndex(self.PAGE_DETAIL)
        self.detail_shown.emit(detail)

    def _link_colour(self) -> str:
        """The palette's link colour, unless it is too dark for a dark window (a dark theme that kept the
        default blue): then a light blue."""
        palette = self.palette()
        link = palette.color(QPalette.ColorRole.Link)
        if palette.color(QPalette.ColorRole.Window).lightness() < 128 and link.lightness() < 140:
            return "#7db8ff"
        return link.name()

    def _show_history(self, detail: ProductDetail) -> None:
        if any(series.points for series in detail.history):
            if self._chart is None:
                # lazy: QtCharts (PySide6-Addons) loads with the first product shown, not before the window's first paint
                from pricelookup.gui.price_chart import PriceChart

                self._chart = PriceChart()
                self.history_stack.addWidget(self._chart)
            if self._chart.show_detail(detail):
                self._history_room(chart=True)
                self.history_stack.setCurrentWidget(self._chart)
                return
        self.history_note.setText(history_absent_text(detail))
        self._history_room(chart=False)
        self.history_stack.setCurrentWidget(self.history_note)

    def _history_room(self, *, chart: bool) -> None:
        """A chart gets room below the offers; a sentence instead of it leaves the offers the rest."""
        showing_chart = self.history_stack.minimumHeight() > 0
        if chart == showing_chart:
            return  # the analyst's own splitter position stays
        sizes = self.split.sizes()
        total = sum(sizes)
        if chart:
            self.history_stack.setMinimumHeight(200)
            self.split.setSizes(self._chart_sizes or [total * 2 // 5, total - total * 2 // 5])
        else:
            self._chart_sizes = sizes if total else None
            self.history_stack.setMinimumHeight(0)
            note = self.history_note.heightForWidth(max(200, self.split.width())) + 8
            self.split.setSizes([max(0, total - note), note])

    # --- offers ----------------------------------------------------------------------------------------------------

    def open_offer(self, row: int) -> None:
        """Open the page of the offer shown at ``row`` in the browser (nothing when it has none)."""
        if 0 <= row < self.offers_model.rowCount():
            url = self.offers_model.row_at(row).url
            if url:
                self.open_url(QUrl(url))

    def offers_text(self) -> str:
        """The selected offers (or all when none is selected), tab-separated with a header line, in the order shown."""
        model = self.offers_model
        selection = self.offers_view.selectionModel()
        chosen = sorted({i.row() for i in selection.selectedRows()}) if selection is not None else []
        rows = [model.row_at(r) for r in chosen] if chosen else model.rows()
        return offers_tsv(rows)

    def copy_offers(self) -> None:
        """Ctrl+C: the offers to the clipboard, ready to paste into Excel."""
        QGuiApplication.clipboard().setText(self.offers_text())

    # --- the background request -------------------------------------------------------------------------------------

    def _shown_key(self) -> tuple[str, str] | None:
        detail = self._detail
        return None if detail is None else (detail.run_id, detail.gtin14)

    def _send(self) -> None:
        """Ask the engine for the wanted product, unless an answer is on its way (it is asked for then)."""
        self._debounce.stop()
        key = self._wanted
        if key is None or self._in_flight is not None or self._fetch is None:
            return
        self._in_flight = key
        self._first_unserved = None

        def done(detail: Any) -> None:
            self._answered(key, detail)

        def failed(exc: BaseException) -> None:
            self._failed(key, exc)

        self._fetch(key[0], key[1], done, failed)

    def _answered(self, key: tuple[str, str], detail: ProductDetail) -> None:
        self._in_flight = None
        if key != self._wanted:
            self.dropped += 1  # the selection moved on meanwhile: ask for where it is now
            self._send()
            return
        self.show_detail(detail)

    def _failed(self, key: tuple[str, str], exc: BaseException) -> None:
        self._in_flight = None
        if key != self._wanted:
            self.dropped += 1
            self._send()
            return
        message = describe_error(exc)
        log.info("product detail of %s in run %s failed: %s", key[1], key[0], exc)
        self.show_message(self.tr("This product could not be read from the journal: {text}").format(
            text=message.text or message.title))
