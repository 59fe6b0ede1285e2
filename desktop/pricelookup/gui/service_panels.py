"""One panel per service; together they edit the service part of :class:`RunSettings`.

Each panel reads its fields from a settings object (:meth:`load`) and writes
them back into a copy (:meth:`apply`); the window owns the settings object and
persists it. ``changed`` fires on every edit so the window can re-estimate.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pricelookup.settings import RunSettings

#: a few of PriceAPI's sources; the combo is editable because the dashboard lists more per account
PRICEAPI_SOURCES = ("google-shopping", "amazon", "idealo", "ebay", "cdiscount", "rakuten")
#: ISO 3166 alpha-2, lower case, as PriceAPI expects
PRICEAPI_COUNTRIES = ("fr", "be", "de", "es", "it", "nl", "at", "ch", "gb", "us")
#: OfficiScan networks seen in the documentation; free text is accepted
OFFICISCAN_NETWORKS = ("cocooncenter", "pharma-gdd", "newpharma", "easypara", "pharmashopi")


def _combo_data(combo: QComboBox, value: object) -> None:
    index = combo.findData(value)
    combo.setCurrentIndex(max(0, index))


class PriceApiPanel(QWidget):
    """Source, country, completeness, currentness, budget, restricted codes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.source = QComboBox()
        self.source.setEditable(True)
        self.source.addItems(PRICEAPI_SOURCES)
        self.source.setToolTip(self.tr("Price comparison site or marketplace to search (see your PriceAPI dashboard)"))
        self.country = QComboBox()
        self.country.setEditable(True)
        self.country.addItems(PRICEAPI_COUNTRIES)
        self.country.setToolTip(self.tr("Country of the source, two lower-case letters (fr, de…)"))
        self.completeness = QComboBox()
        self.completeness.addItem(self.tr("First page of offers"), "one_page")
        self.completeness.addItem(self.tr("All pages (costs 1 credit per page)"), "all_pages")
        self.completeness.addItem(self.tr("At least two shops"), "at_least_two_shops")
        self.completeness.setToolTip(self.tr("How many offers to collect per product"))
        self.currentness = QComboBox()
        self.currentness.addItem(self.tr("Updated daily"), "daily_updated")
        self.currentness.addItem(self.tr("Real time (costs double)"), "realtime")
        self.currentness.setToolTip(self.tr("Daily data may be up to a day old; real-time data is fetched now and costs twice as much"))
        self.budget = QSpinBox()
        self.budget.setRange(0, 100_000_000)
        self.budget.setSingleStep(1000)
        self.budget.setSpecialValueText(self.tr("no limit"))
        self.budget.setGroupSeparatorShown(True)  # 100,000 / 100 000: grouped as the UI language does
        self._budget_suffix(self.budget.value())
        self.budget.setToolTip(self.tr("The run stops before paying anything if its estimate is above this"))
        self.restricted = QCheckBox(self.tr("Also look up restricted and coupon codes"))
        self.restricted.setToolTip(self.tr("In-store and coupon codes rarely match anything online; they cost credits too"))
        form.addRow(self.tr("Source:"), self.source)
        form.addRow(self.tr("Country:"), self.country)
        form.addRow(self.tr("Offers:"), self.completeness)
        form.addRow(self.tr("Freshness:"), self.currentness)
        form.addRow(self.tr("Budget:"), self.budget)
        form.addRow(self.restricted)
        for combo in (self.source, self.country):
            combo.currentTextChanged.connect(lambda _t: self.changed.emit())
        for combo in (self.completeness, self.currentness):
            combo.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.budget.valueChanged.connect(self._budget_suffix)
        self.budget.valueChanged.connect(lambda _v: self.changed.emit())
        self.restricted.toggled.connect(lambda _b: self.changed.emit())

    def _budget_suffix(self, value: int) -> None:
        # the unit agrees with the number shown: "1 credit", "2 credits" (French: "0 crédit")
        self.budget.setSuffix(self.tr(" credit(s)", "budget unit", value))

    def load(self, settings: RunSettings) -> None:
        """Show ``settings``."""
        self.source.setCurrentText(settings.source)
        self.country.setCurrentText(settings.country)
        _combo_data(self.completeness, settings.completeness)
        _combo_data(self.currentness, settings.currentness)
        self.budget.setValue(settings.budget or 0)
        self.restricted.setChecked(settings.include_restricted)

    def apply(self, settings: RunSettings) -> RunSettings:
        """``settings`` with this panel's fields."""
        return dataclasses.replace(
            settings,
            source=self.source.currentText().strip() or "google-shopping",
            country=self.country.currentText().strip().lower() or "fr",
            completeness=self.completeness.currentData(),
            currentness=self.currentness.currentData(),
            budget=self.budget.value() or None,
            include_restricted=self.restricted.isChecked(),
        )


class OfficiscanPanel(QWidget):
    """Whether to ask OfficiScan, over how many days, which network."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.enabled = QCheckBox(self.tr("Add pharmacy prices from OfficiScan"))
        self.days = QSpinBox()
        self.days.setRange(1, 90)
        self._days_suffix(self.days.value())
        self.days.setToolTip(self.tr("Price history to collect, up to 90 days"))
        self.network = QComboBox()
        self.network.setEditable(True)
        self.network.addItem(self.tr("All networks"), None)
        for name in OFFICISCAN_NETWORKS:
            self.network.addItem(name, name)
        self.network.setToolTip(self.tr("Only this pharmacy network (type another name if needed)"))
        self.variants = QCheckBox(self.tr("Also fetch variants (sizes, packs)"))
        form.addRow(self.enabled)
        form.addRow(self.tr("History:"), self.days)
        form.addRow(self.tr("Network:"), self.network)
        form.addRow(self.variants)
        self.enabled.toggled.connect(self._sync)
        self.enabled.toggled.connect(lambda _b: self.changed.emit())
        self.days.valueChanged.connect(self._days_suffix)
        self.days.valueChanged.connect(lambda _v: self.changed.emit())
        self.network.currentTextChanged.connect(lambda _t: self.changed.emit())
        self.variants.toggled.connect(lambda _b: self.changed.emit())

    def _days_suffix(self, value: int) -> None:
        # "1 day", "30 days": the unit agrees with the number shown
        self.days.setSuffix(self.tr(" day(s)", "history length unit", value))

    def _sync(self, on: bool) -> None:
        for widget in (self.days, self.network, self.variants):
            widget.setEnabled(on)

    def load(self, settings: RunSettings) -> None:
        """Show ``settings``."""
        self.enabled.setChecked(settings.officiscan)
        self.days.setValue(settings.officiscan_days)
        if settings.officiscan_network:
            self.network.setCurrentText(settings.officiscan_network)
        else:
            self.network.setCurrentIndex(0)
        self.variants.setChecked(settings.officiscan_variants)
        self._sync(settings.officiscan)

    def apply(self, settings: RunSettings) -> RunSettings:
        """``settings`` with this panel's fields."""
        text = self.network.currentText().strip()
        network = None if text in ("", self.network.itemText(0)) else text
        return dataclasses.replace(settings, officiscan=self.enabled.isChecked(), officiscan_days=self.days.value(),
                                   officiscan_network=network, officiscan_variants=self.variants.isChecked())


class MonitorizePanel(QWidget):
    """Whether to ask Monitorize and which input column matches its product references."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        form = QFormLayout(self)
        self.enabled = QCheckBox(self.tr("Add competitor offers from Monitorize"))
        self.match_column = QComboBox()
        self.match_column.setToolTip(self.tr("Monitorize products are matched to your rows by their reference; "
                                             "by default the reference is compared with the code"))
        self.history = QCheckBox(self.tr("Also fetch price history"))
        form.addRow(self.enabled)
        form.addRow(self.tr("Match on:"), self.match_column)
        form.addRow(self.history)
        self.set_columns([])
        self.enabled.toggled.connect(self._sync)
        self.enabled.toggled.connect(lambda _b: self.changed.emit())
        self.match_column.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.history.toggled.connect(lambda _b: self.changed.emit())

    def _sync(self, on: bool) -> None:
        self.match_column.setEnabled(on)
        self.history.setEnabled(on)

    def set_columns(self, names: list[str]) -> None:
        """Offer the input's columns (keeps the choice when the column still exists)."""
        current = self.match_column.currentData()
        self.match_column.blockSignals(True)
        self.match_column.clear()
        self.match_column.addItem(self.tr("The code column"), None)
        for name in names:
            self.match_column.addItem(name, name)
        _combo_data(self.match_column, current)
        self.match_column.blockSignals(False)

    def load(self, settings: RunSettings) -> None:
        """Show ``settings``."""
        self.enabled.setChecked(settings.monitorize)
        if settings.monitorize_match_column and self.match_column.findData(settings.monitorize_match_column) < 0:
            self.match_column.addItem(settings.monitorize_match_column, settings.monitorize_match_column)
        _combo_data(self.match_column, settings.monitorize_match_column)
        self.history.setChecked(settings.monitorize_history)
        self._sync(settings.monitorize)

    def apply(self, settings: RunSettings) -> RunSettings:
        """``settings`` with this panel's fields."""
        return dataclasses.replace(settings, monitorize=self.enabled.isChecked(),
                                   monitorize_match_column=self.match_column.currentData(),
                                   monitorize_history=self.history.isChecked())


class ShopPanel(QWidget):
    """The analyst's own shop: import the Snipcart catalogue as input, or name an own-price column."""

    changed = Signal()
    #: the analyst asked to start from the Snipcart catalogue instead of a file
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Start from your own Snipcart catalogue instead of a file: its prices and stock "
                               "travel with each row, so the workbook compares them with the market."))
        intro.setWordWrap(True)
        self.import_button = QPushButton(self.tr("Import my catalogue"))
        self.import_button.setToolTip(self.tr("Use every product of your Snipcart shop as the input "
                                              "(needs a Snipcart key in Settings, or sandbox mode)"))
        self.state = QLabel()
        self.state.setWordWrap(True)
        form = QFormLayout()
        self.own_price = QComboBox()
        self.own_price.setToolTip(self.tr("A column of the input holding your own price: the workbook adds the gap "
                                          "to the lowest price and your rank among the shops"))
        form.addRow(self.tr("Your price column:"), self.own_price)
        layout.addWidget(intro)
        layout.addWidget(self.import_button)
        layout.addWidget(self.state)
        layout.addLayout(form)
        layout.addStretch(1)
        self.import_button.clicked.connect(self.import_requested)
        self.own_price.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.set_columns([])
        self.set_snipcart_input(False)

    def set_columns(self, names: list[str]) -> None:
        """Offer the input's columns as own-price candidates."""
        current = self.own_price.currentData()
        self.own_price.blockSignals(True)
        self.own_price.clear()
        self.own_price.addItem(self.tr("None"), None)
        for name in names:
            self.own_price.addItem(name, name)
        _combo_data(self.own_price, current)
        self.own_price.blockSignals(False)

    def set_snipcart_input(self, on: bool) -> None:
        """Say which input the next run uses."""
        self._snipcart = on
        self.state.setText(self.tr("Input: your Snipcart catalogue.") if on
                           else self.tr("Input: the open file."))
        self.own_price.setEnabled(not on)

    def load(self, settings: RunSettings) -> None:
        """Show ``settings``."""
        if settings.own_price_column and self.own_price.findData(settings.own_price_column) < 0:
            self.own_price.addItem(settings.own_price_column, settings.own_price_column)
        _combo_data(self.own_price, settings.own_price_column)

    def apply(self, settings: RunSettings) -> RunSettings:
        """``settings`` with this panel's fields."""
        return dataclasses.replace(settings, snipcart_input=self._snipcart,
                                   own_price_column=None if self._snipcart else self.own_price.currentData())


class ServicePanels(QTabWidget):
    """The four panels as tabs, read and written as one."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.priceapi = PriceApiPanel()
        self.officiscan = OfficiscanPanel()
        self.monitorize = MonitorizePanel()
        self.shop = ShopPanel()
        self.addTab(self.priceapi, "PriceAPI")
        self.addTab(self.officiscan, "OfficiScan")
        self.addTab(self.monitorize, "Monitorize")
        self.addTab(self.shop, self.tr("Snipcart"))
        self.setTabToolTip(0, self.tr("Market prices from price comparison sites (paid per code)"))
        self.setTabToolTip(1, self.tr("Prices in online pharmacies"))
        self.setTabToolTip(2, self.tr("Your competitors' offers as Monitorize tracks them"))
        self.setTabToolTip(3, self.tr("Your own shop's catalogue"))
        for panel in (self.priceapi, self.officiscan, self.monitorize, self.shop):
            panel.changed.connect(self.changed)

    def load(self, settings: RunSettings) -> None:
        """Show ``settings`` in every panel."""
        for panel in (self.priceapi, self.officiscan, self.monitorize, self.shop):
            panel.blockSignals(True)
            panel.load(settings)
            panel.blockSignals(False)

    def apply(self, settings: RunSettings) -> RunSettings:
        """``settings`` with every panel's fields."""
        for panel in (self.priceapi, self.officiscan, self.monitorize, self.shop):
            settings = panel.apply(settings)
        return settings

    def set_columns(self, names: list[str]) -> None:
        """The input's columns changed (new file / sheet)."""
        self.monitorize.set_columns(names)
        self.shop.set_columns(names)
