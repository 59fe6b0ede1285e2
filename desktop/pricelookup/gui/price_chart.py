"""The price history of one product: a line per seller over time, and the analyst's own price.

One :class:`QLineSeries` per :class:`~pricelookup.detail.HistorySeries`
(``OfficiScan · <network>``, ``Monitorize · <site>``, and PriceAPI's lowest price
run after run, drawn with a marker at each run), and the own price as a flat
dashed line. Dates and prices are written in the UI language's locale
(``05/12/2026``, ``3,57 €`` in French: the chart localises its numbers with
``QLocale()``). Hovering a line tells the nearest point's date, seller, price and
note; clicking a legend entry hides or shows its line (the entry dims).

The chart follows the palette: a dark window gets the dark chart theme, with the
palette's own background and text colours, so it reads in either theme. What is
plotted comes from the widget-free functions of :mod:`pricelookup.gui.product_view`.

QtCharts comes with PySide6-Addons; the detail pane imports this module when it
first shows a product, not before the window's first paint.
"""

from __future__ import annotations

from PySide6.QtCharts import (
    QChart,
    QChartView,
    QDateTimeAxis,
    QLegend,
    QLegendMarker,
    QLineSeries,
    QValueAxis,
)
from PySide6.QtCore import QDateTime, QEvent, QLocale, QMargins, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QResizeEvent,
)
from PySide6.QtWidgets import QToolTip, QWidget

from pricelookup.detail import ProductDetail
from pricelookup.gui.product_view import (
    ChartSeries,
    axis_date_format,
    chart_currency,
    chart_series,
    hover_text,
    legend_label,
    own_price_series,
    plain_tooltip,
    value_label_format,
    value_range,
)

#: a hidden series' legend entry is drawn at this opacity
DIMMED = 0.35
_DAY_MS = 86_400_000


class PriceChart(QChartView):
    """The ``price_history_chart``: every history series of one product, and the own price line."""

    def __init__(self, parent: QWidget | None = None) -> None:
        chart = QChart()
        super().__init__(chart, parent)
        self.setObjectName("price_history_chart")
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setMinimumHeight(200)
        self._chart = chart
        chart.setLocalizeNumbers(True)
        chart.legend().setAlignment(Qt.AlignmentFlag.AlignBottom)
        chart.legend().setMarkerShape(QLegend.MarkerShape.MarkerShapeFromSeries)
        chart.legend().setShowToolTips(True)  # a name cut short to fit shows whole on hover
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setBackgroundRoundness(0)
        self._x_axis = QDateTimeAxis()
        self._y_axis = QValueAxis()
        self._y_axis.setTickCount(5)
        chart.addAxis(self._x_axis, Qt.AlignmentFlag.AlignBottom)
        chart.addAxis(self._y_axis, Qt.AlignmentFlag.AlignLeft)
        #: what each shown line plots, in the chart's order (hover texts, tests)
        self.plotted: list[ChartSeries] = []
        self._lines: list[QLineSeries] = []
        self._days = 2  # distinct days plotted (the date axis never has more ticks)
        #: the last hover text shown (tests, screenshots)
        self.last_hover: str = ""
        self._apply_palette()

    # --- content ------------------------------------------------------------------------------------------

    def show_detail(self, detail: ProductDetail) -> bool:
        """Plot ``detail``'s history; False (nothing plotted) when it has none."""
        chart = self._chart
        self._lines = []
        chart.removeAllSeries()  # deletes the old series (and their legend entries)
        plotted = chart_series(detail)
        own = own_price_series(detail, plotted)
        self.plotted = [*plotted, own] if own is not None else list(plotted)
        if not plotted:
            return False
        locale = QLocale()
        chart.setLocale(locale)
        self._apply_palette()  # the theme gives the new lines their colours
        for spec in self.plotted:
            line = QLineSeries()
            line.setName(spec.name)
            for point in spec.points:
                line.append(float(point.x_ms), point.y)
            chart.addSeries(line)
            line.attachAxis(self._x_axis)
            line.attachAxis(self._y_axis)
            if spec.dashed:
                pen = QPen(self.palette().color(QPalette.ColorRole.Text), 2, Qt.PenStyle.DashLine)
                line.setPen(pen)
            else:
                pen = line.pen()
                pen.setWidthF(2.0)
                line.setPen(pen)
            if spec.markers:
                line.setPointsVisible(True)
                line.setMarkerSize(5.0)
            line.hovered.connect(lambda point, state, s=spec, ln=line: self._hovered(s, ln, point, state))
            self._lines.append(line)
        xs = [p.x_ms for s in plotted for p in s.points]
        first, last = min(xs), max(xs)
        if last - first < _DAY_MS:
            first, last = first - _DAY_MS, last + _DAY_MS
        pad = (last - first) // 40
        self._x_axis.setRange(QDateTime.fromMSecsSinceEpoch(first - pad), QDateTime.fromMSecsSinceEpoch(last + pad))
        self._x_axis.setFormat(axis_date_format(locale))
        self._days = len({x // _DAY_MS for x in xs})
        self._fit_ticks()
        low, high, ticks = value_range(self.plotted)
        self._y_axis.setRange(low, high)
        self._y_axis.setTickCount(ticks)
        self._y_axis.setLabelFormat(value_label_format(chart_currency(detail, plotted), locale))
        for marker in chart.legend().markers():
            marker.clicked.connect(lambda m=marker: self.toggle(m))
        self._fit_legend()
        return True

    def _fit_ticks(self) -> None:
        """As many dates on the axis as fit whole (a date label is about ten digits wide)."""
        room = max(1, self.width() - 70) // max(1, self.fontMetrics().horizontalAdvance("00/00/0000") + 24)
        self._x_axis.setTickCount(max(2, min(6, self._days, room)))

    def _fit_legend(self) -> None:
        """Full names in the legend when they fit in one row, else each seller alone (the legend would cut
        them short; the lines keep their full names, which the legend shows on hover)."""
        legend = self._chart.legend()
        markers = legend.markers()
        if len(markers) != len(self.plotted):
            return
        metrics = QFontMetrics(legend.font())
        need = sum(metrics.horizontalAdvance(spec.name) + 3 * metrics.height() for spec in self.plotted)
        short = need > self.width() - 2 * metrics.height()
        for marker, spec in zip(markers, self.plotted, strict=True):
            marker.setLabel(legend_label(spec, short=short))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Fewer dates on a narrow chart, so that none is cut short; shorter legend names."""
        super().resizeEvent(event)
        self._fit_ticks()
        self._fit_legend()

    def lines(self) -> list[QLineSeries]:
        """The chart's lines, in :attr:`plotted`'s order."""
        return list(self._lines)

    def toggle(self, marker: QLegendMarker) -> None:
        """Hide or show the line of a clicked legend entry; a hidden line's entry stays, dimmed."""
        series = marker.series()
        series.setVisible(not series.isVisible())
        marker.setVisible(True)  # hiding a series hides its entry too: keep it, to click it back
        self._dim(marker, not series.isVisible())

    @staticmethod
    def _dim(marker: QLegendMarker, dimmed: bool) -> None:
        alpha = DIMMED if dimmed else 1.0
        brush = marker.labelBrush()
        colour = brush.color()
        colour.setAlphaF(alpha)
        marker.setLabelBrush(QBrush(colour))
        brush = marker.brush()
        colour = brush.color()
        colour.setAlphaF(alpha)
        marker.setBrush(QBrush(colour))
        pen = marker.pen()
        colour = pen.color()
        colour.setAlphaF(alpha)
        pen.setColor(colour)
        marker.setPen(pen)

    def _hovered(self, spec: ChartSeries, line: QLineSeries, point: QPointF, state: bool) -> None:
        if not state:
            QToolTip.hideText()
            return
        self.last_hover = hover_text(spec, point.x(), QLocale())
        QToolTip.showText(self.global_position(line, point) + QPoint(8, 8), plain_tooltip(self.last_hover), self)

    def global_position(self, line: QLineSeries, value: QPointF) -> QPoint:
        """Where the value ``value`` of ``line`` is drawn, in screen coordinates (the hover tooltip goes there)."""
        chart = self._chart
        return self.viewport().mapToGlobal(self.mapFromScene(chart.mapToScene(chart.mapToPosition(value, line))))

    # --- theme ------------------------------------------------------------------------------------------------

    def _apply_palette(self) -> None:
        """Light or dark chart theme after the window colour's lightness, with the palette's own colours."""
        palette = self.palette()
        window = palette.color(QPalette.ColorRole.Window)
        dark = window.lightness() < 128
        chart = self._chart
        theme = QChart.ChartTheme.ChartThemeDark if dark else QChart.ChartTheme.ChartThemeLight
        if chart.theme() != theme:
            chart.setTheme(theme)
        text = palette.color(QPalette.ColorRole.WindowText)
        chart.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Base)))
        chart.setPlotAreaBackgroundVisible(False)
        chart.legend().setLabelColor(text)
        grid = QColor(text)
        grid.setAlpha(45)
        font = QFont(self.font())
        for axis in (self._x_axis, self._y_axis):
            axis.setLabelsColor(text)
            axis.setLabelsFont(font)
            axis.setGridLineColor(grid)
            axis.setLinePenColor(grid)
        legend_font = QFont(self.font())
        legend_font.setPointSizeF(legend_font.pointSizeF() * 0.85)  # five names on one row of a narrow pane
        chart.legend().setFont(legend_font)
        self.setBackgroundBrush(QBrush(palette.color(QPalette.ColorRole.Base)))

    def changeEvent(self, event: QEvent) -> None:
        """Follow a palette change (the desktop switched between light and dark)."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._apply_palette()
