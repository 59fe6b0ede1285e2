"""What an analyst notices in the first minute (issue #15), in English and in French.

The title says the app's name once; prices are written with their currency's decimals
the way the UI language writes money; quota and counts are grouped as the locale groups
digits; every "N things" agrees with N (Qt's plural forms: English from
pricelookup_en.qm, French from pricelookup_fr.qm, where 0 and 1 are singular).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from gui_fakes import FakeEngine, FakeEstimate, make_validated
from PySide6.QtCore import QLocale, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel

from pricelookup import APP_NAME
from pricelookup.gui.bridge import EngineBridge
from pricelookup.gui.export_dialog import show_export_done
from pricelookup.gui.file_drop import DroppedItem, choose_input
from pricelookup.gui.formatting import currency_decimals, format_price_text
from pricelookup.gui.main_window import MainWindow, window_title
from pricelookup.gui.resources import install_translators, ui_locale
from pricelookup.gui.run_panel import JobsModel, RunPanel
from pricelookup.gui.service_panels import OfficiscanPanel, PriceApiPanel
from pricelookup.gui.summary_bar import SummaryBar
from pricelookup.gui.table_model import ColumnKind, ValidatedTableModel
from pricelookup.outcome import outcome_of
from pricelookup.records import PriceApiOffer, PriceApiProduct
from pricelookup.results import RunResult
from pricelookup.run.progress import JobProgress
from pricelookup.settings import RunSettings

NNBSP = "\u202f"  # French groups digits with a narrow no-break space (CLDR)
NBSP = "\u00a0"  # and puts a no-break space before the currency symbol


@pytest.fixture(params=["en", "fr"])
def language(request: pytest.FixtureRequest, qapp: Any) -> Iterator[str]:
    """The window's language as the app sets it up (translators and locale), for one test."""
    previous_locale = QLocale()
    translators = install_translators(qapp, request.param)
    assert translators
    yield request.param
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous_locale)


@pytest.fixture
def display_name(qapp: Any) -> Iterator[str]:
    """The application display name ``app.py`` sets (Qt appends it to window titles)."""
    previous = QGuiApplication.applicationDisplayName()
    QGuiApplication.setApplicationDisplayName(APP_NAME)
    yield APP_NAME
    QGuiApplication.setApplicationDisplayName(previous)


def shown_by_qt(title: str, display_name: str, separator: str = " \u2014 ") -> str:
    """The title bar's text on Linux (xcb) and Windows: QPlatformWindow::formatWindowTitle appends the
    application display name to the window title, unless the title already ends with it."""
    return title if title.endswith(display_name) else f"{title}{separator}{display_name}"


def _window(qtbot: Any, qsettings: Any, engine: FakeEngine, tmp_path: Path, *, sandbox: bool) -> MainWindow:
    window = MainWindow(EngineBridge(engine, sandbox=engine.sandbox), qsettings, sandbox=sandbox,
                        data_dir=tmp_path / "journal")
    qtbot.addWidget(window)
    window.show()
    return window


def _close(window: MainWindow) -> None:
    window._closing_confirmed = True
    window.close()
    window.bridge.shutdown()


# --- the title ------------------------------------------------------------------------------------------


def test_the_rule_of_qt_titles_reproduces_the_reported_title() -> None:
    # what the analyst saw: the old title did not end with the app's name, so Qt added it again
    assert shown_by_qt("products.xlsx — Price Lookup [Sandbox]", APP_NAME) == \
        "products.xlsx — Price Lookup [Sandbox] — Price Lookup"
    assert shown_by_qt("products.xlsx [Sandbox] — Price Lookup", APP_NAME) == "products.xlsx [Sandbox] — Price Lookup"


def test_window_title_says_the_app_name_once_and_last() -> None:
    assert window_title("products.xlsx", sandbox=True, sandbox_mark="[Sandbox]") == \
        "products.xlsx [Sandbox] — Price Lookup"
    assert window_title("products.xlsx", sandbox=False, sandbox_mark="[Sandbox]") == "products.xlsx — Price Lookup"
    assert window_title("", sandbox=True, sandbox_mark="[Sandbox]") == "[Sandbox] — Price Lookup"
    assert window_title("", sandbox=False, sandbox_mark="[Sandbox]") == "Price Lookup"


def test_the_title_bar_names_the_app_once(qtbot: Any, qsettings: Any, tmp_path: Path, spreadsheet: Path,
                                          language: str, display_name: str) -> None:
    engine = FakeEngine()
    window = _window(qtbot, qsettings, engine, tmp_path, sandbox=True)
    try:
        mark = "[Sandbox]" if language == "en" else "[Bac à sable]"
        assert window.windowTitle() == f"{mark} — Price Lookup"
        window.open_path(spreadsheet)
        qtbot.waitUntil(lambda: window.validated is not None, timeout=5000)
        title = window.windowTitle()
        assert title == f"products.xlsx {mark} — Price Lookup"
        assert window.windowHandle().title() == title  # what the platform window is handed
        shown = shown_by_qt(title, display_name)
        assert shown == title and shown.count(APP_NAME) == 1
        window.set_sandbox(False)
        assert shown_by_qt(window.windowTitle(), display_name) == "products.xlsx — Price Lookup"
    finally:
        _close(window)


# --- prices -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("engine_text", "english", "french"), [
    ("25.0 EUR", "€25.00", f"25,00{NBSP}€"),  # the issue: "25.0 EUR" beside "3.00 EUR"
    ("3.00 EUR", "€3.00", f"3,00{NBSP}€"),
    ("3 EUR", "€3.00", f"3,00{NBSP}€"),
    ("2.675 EUR", "€2.68", f"2,68{NBSP}€"),  # half-up on the Decimal: a float would give 2.67
    ("1234.5 USD", "$1,234.50", f"1{NNBSP}234,50{NBSP}$"),
    ("9.5 GBP", "£9.50", f"9,50{NBSP}£"),
    ("1500.4 JPY", f"JPY{NBSP}1,500", f"1{NNBSP}500{NBSP}JPY"),  # no minor unit; no symbol of its own here
    ("1.2345 KWD", f"KWD{NBSP}1.235", f"1,235{NBSP}KWD"),  # three decimals
    ("12.3 CHF", f"CHF{NBSP}12.30", f"12,30{NBSP}CHF"),
    ("3.1", "3.10", "3,10"),  # no currency: two decimals
    ("n/a", "n/a", "n/a"),  # not a price: shown as it came
    (None, "", ""),
])
def test_prices_get_their_currency_decimals_and_the_locale(engine_text: str | None, english: str,
                                                          french: str) -> None:
    assert format_price_text(engine_text, ui_locale("en", QLocale(QLocale.Language.C))) == english
    assert format_price_text(engine_text, ui_locale("fr", QLocale(QLocale.Language.C))) == french


def test_currency_decimals_follow_iso_4217() -> None:
    assert [currency_decimals(c) for c in ("EUR", "usd", "GBP", "JPY", "KRW", "KWD", "TND", "CLF", "XYZ")] == \
        [2, 2, 2, 0, 0, 3, 3, 4, 2]


def test_the_table_writes_every_price_the_same_way(language: str) -> None:
    validated = make_validated(12)
    gtins = validated.checks["gtin14"]

    def found(gtin: str, price: str) -> PriceApiProduct:
        return PriceApiProduct(gtin, True, None, "google-shopping", "fr", "gtin",
                               offers=(PriceApiOffer("Shop", Decimal(price), None, None, "EUR"),) * 1200)

    result = RunResult(run_id="r", validated=validated, settings=RunSettings(officiscan=False, monitorize=False),
                       status="finished", started_at=datetime(2024, 1, 1), finished_at=None, app_version="t",
                       priceapi={gtins[0]: found(gtins[0], "25.0"), gtins[6]: found(gtins[6], "3.00")})
    outcome = outcome_of(result)
    assert outcome.answers["lowest_price"].to_list()[0] == "25.0 EUR"  # what the engine hands the window
    model = ValidatedTableModel(validated)
    model.set_result(outcome)
    lowest, offers = (next(c for c in range(model.columnCount()) if model.column_kind(c) == kind)
                      for kind in (ColumnKind.LOWEST, ColumnKind.OFFERS))
    cells = [model.data(model.index(row, lowest), Qt.ItemDataRole.DisplayRole) for row in (0, 6)]
    counts = model.data(model.index(0, offers), Qt.ItemDataRole.DisplayRole)
    if language == "en":
        assert cells == ["€25.00", "€3.00"] and counts == "1,200"
    else:
        assert cells == [f"25,00{NBSP}€", f"3,00{NBSP}€"] and counts == f"1{NNBSP}200"


def test_the_ui_locale_follows_the_ui_language() -> None:
    german = QLocale(QLocale.Language.German, QLocale.Country.Germany)
    assert ui_locale("fr", german).name() == "fr_FR"
    assert ui_locale("en", german).name() == "en_GB"  # English words with German digits would read wrong
    assert ui_locale("fr", QLocale(QLocale.Language.French, QLocale.Country.Canada)).name() == "fr_CA"
    assert ui_locale("en", QLocale(QLocale.Language.English, QLocale.Country.UnitedStates)).name() == "en_US"


# --- counts -----------------------------------------------------------------------------------------------


def test_quota_budget_and_counts_are_grouped_as_the_locale_does(qtbot: Any, language: str) -> None:
    panel = RunPanel()
    qtbot.addWidget(panel)
    panel.show_estimate(FakeEstimate(unique_codes=1234, credits=1234, remaining_today=999_949, budget=1_000_000,
                                     cached=0, jobs=2))
    text = panel.estimate_label.text()
    if language == "en":
        assert "1,234 credits</b> for 1,234 codes to look up" in text
        assert "Today's remaining quota: 999,949 credits" in text and "Your budget: 1,000,000 credits" in text
    else:
        assert f"1{NNBSP}234 crédits</b> pour 1{NNBSP}234 codes à rechercher" in text
        assert f"Quota restant aujourd’hui : 999{NNBSP}949 crédits" in text
        assert f"Votre budget : 1{NNBSP}000{NNBSP}000 crédits" in text

    jobs = JobsModel()
    jobs.set_jobs((JobProgress("job-1", "working", 1000, 1000, 100),))
    assert jobs.data(jobs.index(0, 3)) == ("1,000 / 1,000" if language == "en" else f"1{NNBSP}000 / 1{NNBSP}000")

    budget = PriceApiPanel()
    qtbot.addWidget(budget)
    budget.budget.setValue(100_000)
    assert budget.budget.text() == ("100,000 credits" if language == "en" else f"100{NNBSP}000 crédits")

    bar = SummaryBar()
    qtbot.addWidget(bar)
    bar.set_table(make_validated(1234))
    label = bar.findChild(QLabel, "summary_rows").text()
    assert label.endswith("<b>1,234</b>" if language == "en" else f"<b>1{NNBSP}234</b>")


# --- plurals ----------------------------------------------------------------------------------------------

#: what each language writes for 0, 1 and 2 (French: 0 and 1 are singular)
CREDITS = {"en": ("0 credits", "1 credit", "2 credits"), "fr": ("0 crédit", "1 crédit", "2 crédits")}


@pytest.mark.parametrize("n", [0, 1, 2])
def test_the_estimate_agrees_with_its_numbers(qtbot: Any, language: str, n: int) -> None:
    panel = RunPanel()
    qtbot.addWidget(panel)
    panel.show_estimate(FakeEstimate(unique_codes=n, credits=n, remaining_today=n, budget=n, cached=0, jobs=1))
    text = panel.estimate_label.text()
    credits = CREDITS[language][n]
    codes = {"en": ("0 codes to look up", "1 code to look up", "2 codes to look up"),
             "fr": ("0 code à rechercher", "1 code à rechercher", "2 codes à rechercher")}[language][n]
    assert f"<b>{credits}</b>" in text and codes in text
    assert ("Today's remaining quota: " if language == "en" else "Quota restant aujourd’hui : ") + credits in text
    assert ("Your budget: " if language == "en" else "Votre budget : ") + credits in text
    assert "(s)" not in text


@pytest.mark.parametrize("n", [0, 1, 2])
def test_the_run_summary_agrees_with_its_numbers(qtbot: Any, qsettings: Any, tmp_path: Path, language: str,
                                                 n: int) -> None:
    window = _window(qtbot, qsettings, FakeEngine(), tmp_path, sandbox=False)
    try:
        text = window.run_summary_text(SimpleNamespace(status="finished", found=n, failed=n, credits_used=n,
                                                       cached=n))
    finally:
        _close(window)
    expected = {
        "en": (f"Run finished: {n} found, {n} not found or failed, {('0 credits', '1 credit', '2 credits')[n]} used, "
               f"{n} from recent runs (free)."),
        "fr": (f"Recherche terminée : {n} {('trouvé', 'trouvé', 'trouvés')[n]}, "
               f"{n} {('introuvable', 'introuvable', 'introuvables')[n]} ou en échec, "
               f"{n} {('crédit utilisé', 'crédit utilisé', 'crédits utilisés')[n]}, "
               f"{n} repris ({('gratuit', 'gratuit', 'gratuits')[n]})."),
    }[language]
    assert text == expected


@pytest.mark.parametrize("n", [0, 1, 2])
def test_the_export_report_agrees_with_its_numbers(qtbot: Any, language: str, n: int) -> None:
    box = show_export_done(None, SimpleNamespace(path=Path("/tmp/out.xlsx"), rows_written=n, hyperlinks_as_text=n,
                                                 truncated_cells=n))
    qtbot.addWidget(box)
    rows = {"en": ("0 rows", "1 row", "2 rows"), "fr": ("0 ligne", "1 ligne", "2 lignes")}[language][n]
    assert f"({rows})." in box.text()
    notes = box.informativeText()
    if n:  # no note about zero links or texts
        assert {"en": ("", "1 link written", "2 links written"),
                "fr": ("", "1 lien écrit", "2 liens écrits")}[language][n] in notes
        assert {"en": ("", "1 very long text cut", "2 very long texts cut"),
                "fr": ("", "1 texte très long coupé", "2 textes très longs coupés")}[language][n] in notes
    assert "(s)" not in box.text() + notes
    box.close()


@pytest.mark.parametrize("n", [1, 2])
def test_spin_box_units_agree_with_their_value(qtbot: Any, language: str, n: int) -> None:
    priceapi, officiscan = PriceApiPanel(), OfficiscanPanel()
    qtbot.addWidget(priceapi)
    qtbot.addWidget(officiscan)
    priceapi.budget.setValue(n)
    officiscan.days.setValue(n)
    assert priceapi.budget.text() == CREDITS[language][n]
    assert officiscan.days.text() == {"en": ("", "1 day", "2 days"), "fr": ("", "1 jour", "2 jours")}[language][n]


@dataclass
class RowsEngine(FakeEngine):
    """The fake engine, handing out a table of ``rows`` valid codes."""

    rows: int = 1

    def load_input(self, request: Any) -> Any:
        self.loads.append((request.input_path, request.settings))
        return make_validated(self.rows, path=request.input_path)


@pytest.mark.parametrize("n", [1, 2])
def test_the_opened_file_message_agrees_with_its_numbers(qtbot: Any, qsettings: Any, tmp_path: Path,
                                                         spreadsheet: Path, language: str, n: int) -> None:
    window = _window(qtbot, qsettings, RowsEngine(rows=n), tmp_path, sandbox=False)
    try:
        window.open_path(spreadsheet)
        qtbot.waitUntil(lambda: window.validated is not None, timeout=5000)
        message = window.statusBar().currentMessage()
    finally:
        _close(window)
    expected = {"en": ("", "1 row read, 1 distinct code to look up", "2 rows read, 2 distinct codes to look up"),
                "fr": ("", "1 ligne lue, 1 code distinct à rechercher", "2 lignes lues, 2 codes distincts à rechercher")}
    assert message == f"products.xlsx{'' if language == 'en' else ' '}: {expected[language][n]}."


def test_a_drop_of_two_files_says_so_in_the_plural(language: str) -> None:
    items = [DroppedItem(Path(f"/tmp/{i}.xlsx"), f"file:///tmp/{i}.xlsx") for i in range(2)]
    problem = choose_input(items).problem or ""
    assert problem.startswith("2 items dropped." if language == "en" else "2 éléments déposés.")


def test_the_bar_and_the_estimate_count_the_same_codes_to_look_up(qtbot: Any, qsettings: Any, tmp_path: Path,
                                                                  spreadsheet: Path) -> None:
    # 9 distinct usable codes, one of them restricted: a run looks up 8 unless asked for restricted ones
    window = _window(qtbot, qsettings, FakeEngine(), tmp_path, sandbox=False)
    try:
        window.open_path(spreadsheet)
        qtbot.waitUntil(lambda: "8 codes to look up" in window.run_panel.estimate_label.text(), timeout=5000)
        bar = window.summary_bar.findChild(QLabel, "summary_unique")
        assert window.summary_bar.counts()["unique"] == 8 and bar.text().endswith("<b>8</b>")
        assert "8 distinct codes to look up" in window.statusBar().currentMessage()
        window.panels.priceapi.restricted.setChecked(True)
        qtbot.waitUntil(lambda: "9 codes to look up" in window.run_panel.estimate_label.text(), timeout=5000)
        assert window.summary_bar.counts()["unique"] == 9 and bar.text().endswith("<b>9</b>")
        window.panels.priceapi.restricted.setChecked(False)
        assert window.summary_bar.counts()["unique"] == 8
    finally:
        _close(window)
