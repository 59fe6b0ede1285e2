"""The detail pane, its chart and "what changed since the last run": widget-free functions, then the window
on the fake engine (fast), then one real run on the sandbox.

The fake engine's ``product_detail`` answers :func:`gui_fakes.fake_product_detail` (7 offers; 4 history
series of 5, 5, 4 and 3 points; an own price), instantly, unless a test holds a code's answer back with a
gate to see what the pane does with a late answer.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import polars as pl
import pytest
from gui_fakes import FakeEngine, fake_product_detail, gtin14, open_window
from PySide6.QtCore import QLocale, Qt, QUrl
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QCheckBox, QTableView, QWidget

from pricelookup.detail import OfferLine, SourceNote
from pricelookup.gui import product_view as pv
from pricelookup.gui.resources import install_translators
from pricelookup.gui.table_model import ColumnKind
from pricelookup.settings import RunSettings

NBSP = "\u00a0"
NNBSP = "\u202f"
FR = QLocale(QLocale.Language.French, QLocale.Country.France)
EN = QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
#: the first row of the fake table whose code is plainly valid after the rows with problems (index 1 to 5)
FIRST_VALID = 6

# --- widget-free: cells, series, sentences ----------------------------------------------------------------------


def test_every_offer_becomes_a_row_with_cells_keys_and_clipboard_values() -> None:
    detail = fake_product_detail("run-1", gtin14(7))
    rows = pv.offer_rows(detail, EN)
    assert len(rows) == len(detail.offers) == 7
    first = rows[0]
    assert first.cells[:3] == ("PriceAPI", "Pharmacie Lafayette", "€3.07")
    assert first.cells[3:7] == ("€4.90", "€7.97", "in stock", "1")
    assert first.keys[2] == pytest.approx(3.07) and first.url == f"https://shop.example/lafayette/{gtin14(7)}"
    assert first.copy[2:4] == ("3.07", "EUR")  # a number Excel reads, and its currency apart
    officiscan = rows[5]
    assert officiscan.cells[9] == "05/12/2026" and officiscan.cells[8] == "€3.97"  # the strike price


def test_offers_sort_by_value_with_missing_numbers_last() -> None:
    offers = [OfferLine("PriceAPI", name, Decimal(price) if price else None, "EUR")
              for name, price in (("a", "9.50"), ("b", "10.00"), ("c", None), ("d", "2.25"))]
    rows = [pv.offer_row(o, EN) for o in offers]
    assert [r.offer.seller for r in pv.sort_rows(rows, 2, descending=False)] == ["d", "a", "b", "c"]
    assert [r.offer.seller for r in pv.sort_rows(rows, 2, descending=True)] == ["b", "a", "d", "c"]
    assert [r.offer.seller for r in pv.sort_rows(rows, 1, descending=True)] == ["d", "c", "b", "a"]


def test_offers_copy_as_tab_separated_text_with_a_header_line() -> None:
    rows = pv.offer_rows(fake_product_detail("run-1", gtin14(7)), FR)
    text = pv.offers_tsv(rows[:2])
    lines = text.splitlines()
    assert len(lines) == 3 and text.endswith("\n")
    assert lines[0].split("\t")[:4] == ["Source", "Seller", "Price", "Currency"]
    cells = lines[1].split("\t")
    assert len(cells) == len(pv.copy_headers()) == 12
    assert cells[2] == "3,07" and cells[3] == "EUR" and cells[-1].startswith("https://")  # French Excel's comma


def test_one_chart_series_per_history_series_and_the_own_price_line() -> None:
    detail = fake_product_detail("run-1", gtin14(7))
    series = pv.chart_series(detail)
    assert [s.name for s in series] == ["OfficiScan · Giphar", "OfficiScan · Pharmavie", "Monitorize · pharma-gdd.com",
                                        "PriceAPI · lowest per run"]
    assert [len(s.points) for s in series] == [5, 5, 4, 3]
    assert [s.markers for s in series] == [False, False, False, True]  # PriceAPI's runs get a marker each
    own = pv.own_price_series(detail, series)
    assert own is not None and own.dashed and {p.y for p in own.points} == {3.37}
    xs = [p.x_ms for s in series for p in s.points]
    assert [p.x_ms for p in own.points] == [min(xs), max(xs)]
    assert pv.own_price_series(fake_product_detail("run-1", gtin14(7), own_price=False), series) is None
    assert pv.chart_series(fake_product_detail("run-1", gtin14(7), history=False)) == []


def test_hovering_tells_date_seller_price_and_note_of_the_nearest_point() -> None:
    giphar = pv.chart_series(fake_product_detail("run-1", gtin14(7)))[0]
    promo = giphar.points[2]  # the one with a note
    assert pv.hover_text(giphar, promo.x_ms + 3_600_000, FR) == f"21/11/2026 · Giphar · 3,84{NBSP}€\npromo"
    assert pv.hover_text(giphar, giphar.points[-1].x_ms, EN) == "05/12/2026 · Giphar · €3.64"


def test_axis_formats_follow_the_locale() -> None:
    assert pv.value_label_format("EUR", FR) == f"%.2f{NBSP}€"
    assert pv.value_label_format("EUR", EN) == "€%.2f"
    assert pv.value_label_format("JPY", EN) == f"JPY{NBSP}%.0f"  # no decimals; the code where "¥" would be ambiguous
    assert pv.value_label_format(None, FR) == "%.2f"
    assert pv.axis_date_format(FR) == "dd/MM/yyyy"


def test_the_change_cell_and_its_tooltip() -> None:
    assert pv.change_text("3.25", 2, EN) == f"▲ 3.25{NBSP}% · offers +2"
    assert pv.change_text("-1.10", None, FR) == f"▼ 1,10{NBSP}%"
    assert pv.change_text("0.00", -1, EN) == f"= 0.00{NBSP}% · offers −1"
    assert pv.change_text(None, None, EN) == ""
    assert pv.change_tooltip("3.20 EUR", "3.23", 14, 2, EN) == "Lowest price €3.10 → €3.20, offers 12 → 14"
    # a dear price: the rounded percentage no longer gives its cents for certain
    assert pv.change_tooltip("1234.56 EUR", "10.00", None, None, EN).startswith("Lowest price ≈€1,122.33 → ")


def test_the_earlier_price_is_worked_back_exactly_when_it_says_so() -> None:
    said_exact = 0
    for old_cents in range(1, 30_000, 37):
        old = Decimal(old_cents) / 100
        for new in (old * Decimal("1.0325"), old * Decimal("0.9"), old + Decimal("0.01"), old * 3):
            new = new.quantize(Decimal("0.01"))
            pct = ((new - old) / old * 100).quantize(Decimal("0.01"))
            back, exact = pv.old_price(new, pct, 2)
            if exact:
                said_exact += 1
                assert back == old, (old, new, pct, back)
            else:
                assert old >= 40  # the doubt grows with the price: below 40.00 the cents are always certain
    assert said_exact > 1000


def test_the_pane_sentences() -> None:
    detail = fake_product_detail("run-1", gtin14(7))
    assert pv.facts_text(detail, EN) == "Sanofi · Health > Pain relief · rated 86/100 (1,234 reviews)"
    assert pv.own_price_text(detail, EN) == f"Your price: €3.37 · 9.77{NBSP}% above the lowest · rank 3"
    assert pv.move_text(detail, EN) == f"Since the run of 21/11/2026: lowest ▼ 3.15{NBSP}%, offers 2 → 3"
    assert pv.status_text(detail) == f"Code {gtin14(7)}: valid · found by PriceAPI"
    bare = fake_product_detail("run-1", gtin14(7), history=False)
    assert pv.history_absent_text(bare).splitlines() == [
        "OfficiScan has no data for this product.", "Monitorize was not asked in this run."]
    # a note without its template is read back into it, or said as it is (its source in front when it lacks it)
    assert pv.note_sentence(SourceNote("Monitorize", "Monitorize was not asked in this run")) == \
        "Monitorize was not asked in this run."
    assert pv.note_sentence(SourceNote("OfficiScan", "timeout")) == "OfficiScan: timeout."


# --- the window on the fake engine ----------------------------------------------------------------------------------


def load(qtbot: Any, window: Any, path: Path) -> None:
    window.open_path(path)
    qtbot.waitUntil(lambda: window.validated is not None and not window.session.loading, timeout=5000)


def run(qtbot: Any, window: Any, path: Path) -> None:
    load(qtbot, window, path)
    with qtbot.waitSignal(window.bridge.run_finished, timeout=10000):
        window.start_run()


def select(qtbot: Any, window: Any, row: int) -> Any:
    """Click row ``row`` of the table; the product shown (once the pane has it)."""
    view = window.table_view
    QTest.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.visualRect(window.model.index(row, 1)).center())
    gtin = window.model.gtin_at(row)
    qtbot.waitUntil(lambda: window.detail_pane.detail is not None and window.detail_pane.detail.gtin14 == gtin,
                    timeout=5000)
    return window.detail_pane.detail


def offers_view(window: Any) -> QTableView:
    return window.findChild(QTableView, "detail_offers")


def test_selecting_a_row_shows_its_product(qtbot: Any, window: Any, spreadsheet: Path, fake_engine: FakeEngine) -> None:
    run(qtbot, window, spreadsheet)
    pane = window.findChild(QWidget, "product_detail")
    assert pane is window.detail_pane and pane.isVisible()
    detail = select(qtbot, window, FIRST_VALID)
    assert fake_engine.detail_calls == [("run-1", window.model.gtin_at(FIRST_VALID))]
    assert pane.title.text() == detail.name
    assert "Sanofi" in pane.facts.text() and detail.gtin14 in pane.gtins.text()
    assert detail.url in pane.link.text() and pane.link.openExternalLinks()
    assert pane.own_price.text().startswith("Your price: ") and "rank 3" in pane.own_price.text()
    assert pane.price_move.text().startswith("Since the run of 21/11/2026: lowest ▼")
    assert offers_view(window).model().rowCount() == len(detail.offers) == 7
    assert pane.offers_label.text() == "7 offers"
    chart = window.findChild(QWidget, "price_history_chart")
    assert chart is pane.chart and chart.isVisible()
    lines = chart.chart().series()
    assert len(lines) == len(detail.history) + 1  # + the own price line
    assert [s.count() for s in lines] == [5, 5, 4, 3, 2]
    assert [s.name() for s in lines][-2:] == ["PriceAPI · lowest per run", "Your price"]
    assert lines[3].pointsVisible() and lines[-1].pen().style() == Qt.PenStyle.DashLine
    assert chart.chart().localizeNumbers()


def test_arrow_keys_move_the_pane_and_the_table_keeps_the_focus(qtbot: Any, window: Any, spreadsheet: Path,
                                                              fake_engine: FakeEngine) -> None:
    run(qtbot, window, spreadsheet)
    view = window.table_view
    window.activateWindow()
    view.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view, timeout=3000)
    select(qtbot, window, FIRST_VALID)
    for row in (FIRST_VALID + 1, FIRST_VALID + 2):
        QTest.keyClick(view, Qt.Key.Key_Down)
        assert view.currentIndex().row() == row
        gtin = window.model.gtin_at(row)
        qtbot.waitUntil(lambda g=gtin: window.detail_pane.detail.gtin14 == g, timeout=5000)
        assert QApplication.focusWidget() is view
    QTest.keyClick(view, Qt.Key.Key_Up)
    qtbot.waitUntil(lambda: window.detail_pane.detail.gtin14 == window.model.gtin_at(FIRST_VALID + 1), timeout=5000)
    assert QApplication.focusWidget() is view


def test_arrowing_fast_asks_only_where_the_selection_rests(qtbot: Any, window: Any, spreadsheet: Path,
                                                           fake_engine: FakeEngine) -> None:
    run(qtbot, window, spreadsheet)
    view = window.table_view
    select(qtbot, window, FIRST_VALID)
    fake_engine.detail_calls.clear()
    for _ in range(4):  # one after the other, no event loop between them: faster than any debounce
        QTest.keyClick(view, Qt.Key.Key_Down)
    last = window.model.gtin_at(FIRST_VALID + 4)
    qtbot.waitUntil(lambda: window.detail_pane.detail.gtin14 == last, timeout=5000)
    assert [g for _run, g in fake_engine.detail_calls] == [last]


def test_a_held_arrow_key_still_refreshes_the_pane_now_and_then(qtbot: Any) -> None:
    from pricelookup.gui.detail_pane import MAX_WAIT_MS, DetailPane

    asked: list[str] = []

    def fetch(run_id: str, gtin: str, done: Any, _failed: Any) -> int:
        asked.append(gtin)
        done(fake_product_detail(run_id, gtin, history=False))
        return 1

    pane = DetailPane(fetch)
    qtbot.addWidget(pane)
    for i in range(20):  # a new row every 30 ms for 600 ms: never resting as long as the debounce
        pane.ask("run-1", gtin14(100 + i))
        qtbot.wait(30)
    qtbot.waitUntil(lambda: pane.detail is not None and pane.detail.gtin14 == gtin14(119), timeout=3000)
    assert 2 <= len(asked) < 20, asked  # some on the way (every MAX_WAIT_MS at most), not one per row
    assert asked[-1] == gtin14(119) and MAX_WAIT_MS <= 600


def test_a_late_answer_for_an_earlier_row_is_dropped(qtbot: Any, window: Any, spreadsheet: Path,
                                                     fake_engine: FakeEngine) -> None:
    run(qtbot, window, spreadsheet)
    pane = window.detail_pane
    first, second = window.model.gtin_at(FIRST_VALID), window.model.gtin_at(FIRST_VALID + 1)
    gate = fake_engine.detail_gates[first] = threading.Event()
    shown: list[str] = []
    pane.detail_shown.connect(lambda detail: shown.append(detail.gtin14))
    view = window.table_view
    view.setCurrentIndex(window.model.index(FIRST_VALID, 1))
    qtbot.waitUntil(lambda: len(fake_engine.detail_calls) == 1, timeout=3000)  # the first answer is held back
    view.setCurrentIndex(window.model.index(FIRST_VALID + 1, 1))
    qtbot.wait(200)
    assert len(fake_engine.detail_calls) == 1  # one request at a time: the second waits for the first's answer
    gate.set()
    qtbot.waitUntil(lambda: shown == [second], timeout=5000)
    assert pane.dropped == 1 and [g for _r, g in fake_engine.detail_calls] == [first, second]
    qtbot.wait(150)
    assert shown == [second] and pane.detail.gtin14 == second


def test_ctrl_c_copies_the_selected_offers_or_all(qtbot: Any, window: Any, spreadsheet: Path) -> None:
    run(qtbot, window, spreadsheet)
    detail = select(qtbot, window, FIRST_VALID)
    view = offers_view(window)
    clipboard = QGuiApplication.clipboard()
    clipboard.clear()
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = clipboard.text().splitlines()
    assert len(lines) == len(detail.offers) + 1
    assert lines[0] == "\t".join(pv.copy_headers())
    prices = [float(line.split("\t")[2]) for line in lines[1:]]
    assert prices == sorted(prices)  # in the order shown: by price, cheapest first
    view.selectRow(0)
    view.selectionModel().select(view.model().index(2, 0),
                                 view.selectionModel().SelectionFlag.Select | view.selectionModel().SelectionFlag.Rows)
    QTest.keyClick(view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    lines = clipboard.text().splitlines()
    assert len(lines) == 3 and lines[1].split("\t")[2] == f"{min(prices):.2f}"


def test_enter_or_a_double_click_opens_the_offer_page(qtbot: Any, window: Any, spreadsheet: Path) -> None:
    run(qtbot, window, spreadsheet)
    select(qtbot, window, FIRST_VALID)
    pane = window.detail_pane
    opened: list[QUrl] = []
    pane.open_url = opened.append
    view = offers_view(window)
    view.sortByColumn(1, Qt.SortOrder.AscendingOrder)  # by seller: Doc Morris first
    view.setCurrentIndex(view.model().index(0, 0))
    QTest.keyClick(view, Qt.Key.Key_Return)
    assert [u.toString() for u in opened] == [view.model().index(0, 0).data(Qt.ItemDataRole.UserRole)]
    assert "docmorris" in opened[0].toString()
    view.doubleClicked.emit(view.model().index(1, 0))  # Giphar, an OfficiScan network: no page to open
    assert len(opened) == 1
    view.doubleClicked.emit(view.model().index(3, 0))
    assert len(opened) == 2 and opened[1].toString().startswith("https://pharma-gdd.example/")


def test_offer_prices_sort_as_numbers(qtbot: Any, window: Any, spreadsheet: Path) -> None:
    run(qtbot, window, spreadsheet)
    select(qtbot, window, FIRST_VALID)
    view = offers_view(window)
    view.sortByColumn(4, Qt.SortOrder.DescendingOrder)
    totals = [view.model().row_at(r).offer.total for r in range(view.model().rowCount())]
    known = [t for t in totals if t is not None]
    assert known == sorted(known, reverse=True) and totals[len(known):] == [None] * (len(totals) - len(known))


def test_a_product_without_history_says_why_instead_of_an_empty_chart(qtbot: Any, window: Any, spreadsheet: Path,
                                                                     fake_engine: FakeEngine) -> None:
    run(qtbot, window, spreadsheet)
    fake_engine.no_history.add(window.model.gtin_at(FIRST_VALID))
    select(qtbot, window, FIRST_VALID)
    pane = window.detail_pane
    note = pane.history_note
    assert note.objectName() == "price_history_note" and note.isVisible()
    assert note.text().splitlines() == ["OfficiScan has no data for this product.",
                                        "Monitorize was not asked in this run."]
    assert pane.chart is None or not pane.chart.isVisible()
    select(qtbot, window, FIRST_VALID + 1)  # one with history: the chart comes back
    assert pane.chart.isVisible() and not note.isVisible()


def test_rows_without_a_code_or_a_run_are_explained(qtbot: Any, window: Any, spreadsheet: Path,
                                                    fake_engine: FakeEngine) -> None:
    load(qtbot, window, spreadsheet)
    pane = window.detail_pane
    view = window.table_view
    view.setCurrentIndex(window.model.index(FIRST_VALID, 1))
    assert pane.stack.currentIndex() == pane.PAGE_MESSAGE and pane.message.text().startswith("No run yet")
    assert not pane.isVisible()  # beside a table no run looked up, the pane would only say that
    with qtbot.waitSignal(window.bridge.run_finished, timeout=10000):
        window.start_run()
    assert pane.isVisible()
    view.setCurrentIndex(window.model.index(2, 1))  # the empty cell
    assert pane.message.text().startswith("Row 4 has no usable code")
    view.setCurrentIndex(window.model.index(1, 1))  # the wrong check digit: the reason follows
    assert pane.message.text().startswith("Row 3 has no usable code") and "check digit" in pane.message.text()
    assert fake_engine.detail_calls == []


def test_a_journal_error_is_said_in_the_pane(qtbot: Any, window: Any, spreadsheet: Path) -> None:
    run(qtbot, window, spreadsheet)
    pane = window.detail_pane
    pane.ask("missing", window.model.gtin_at(FIRST_VALID))
    qtbot.waitUntil(lambda: "could not be read from the journal" in pane.message.text(), timeout=5000)
    assert "run missing is not in the journal" in pane.message.text()


def test_the_pane_follows_a_run_in_progress(qtbot: Any, window: Any, spreadsheet: Path,
                                            fake_engine: FakeEngine) -> None:
    fake_engine.step_seconds, fake_engine.steps = 0.3, 10
    load(qtbot, window, spreadsheet)
    window.table_view.setCurrentIndex(window.model.index(FIRST_VALID, 1))
    window.start_run()
    # the run's id comes with its progress: the pane shows its products while it runs
    qtbot.waitUntil(lambda: window.detail_pane.detail is not None, timeout=5000)
    assert window.session.running and window.detail_pane.detail.run_id == "run-1"
    assert window.table_view.currentIndex().row() == FIRST_VALID
    with qtbot.waitSignal(window.bridge.run_finished, timeout=10000):
        pass
    assert window.table_view.currentIndex().row() == FIRST_VALID  # the answers came, the selection stayed


def test_hover_and_legend_clicks_on_the_chart(qtbot: Any, window: Any, spreadsheet: Path) -> None:
    run(qtbot, window, spreadsheet)
    select(qtbot, window, FIRST_VALID)
    chart = window.detail_pane.chart
    giphar = chart.lines()[0]
    giphar.hovered.emit(giphar.at(2), True)
    assert chart.last_hover.startswith("21/11/2026 · Giphar · €") and chart.last_hover.endswith("\npromo")
    marker = chart.chart().legend().markers(giphar)[0]
    marker.clicked.emit()
    assert not giphar.isVisible() and marker.isVisible() and marker.labelBrush().color().alphaF() < 0.5
    marker.clicked.emit()
    assert giphar.isVisible() and marker.labelBrush().color().alphaF() == 1.0


# --- what changed since the last run --------------------------------------------------------------------------------


def test_the_change_column_and_the_changed_only_filter(qtbot: Any, window: Any, spreadsheet: Path,
                                                      fake_engine: FakeEngine) -> None:
    changed_only = window.findChild(QCheckBox, "changed_only")
    assert changed_only is window.input_bar.changed_check and not changed_only.isEnabled()
    fake_engine.changes = True
    run(qtbot, window, spreadsheet)
    model = window.model
    assert changed_only.isEnabled() and model.has_changes
    kinds = [model.column_kind(c) for c in range(model.columnCount())]
    column = kinds.index(ColumnKind.CHANGE)
    assert kinds[column - 1] == ColumnKind.LOWEST
    answers = window.result.answers
    frame_row = answers["changed"].to_list().index(True)
    assert model.data(model.index(frame_row, column)) == f"▲ 3.25{NBSP}% · offers +1"
    assert model.data(model.index(frame_row, column), Qt.ItemDataRole.ForegroundRole).red() > 150
    assert model.data(model.index(frame_row, column), Qt.ItemDataRole.ToolTipRole) == "Lowest price €3.10 → €3.20, offers 0 → 1"
    changed = int(answers["changed"].fill_null(False).sum())
    assert 0 < changed < answers.height
    changed_only.setChecked(True)
    assert model.rowCount() == changed == model.changed_count()
    assert all(answers["changed"][model.source_row(r)] for r in range(model.rowCount()))
    window.input_bar.problems_check.setChecked(True)  # both filters: changed AND a problem
    checks = window.validated.checks
    both = answers.with_columns(problem=(checks["status"] != "valid") | checks["duplicate_of"].is_not_null()
                                | checks["restricted"].fill_null(False)).filter(
        pl.col("changed").fill_null(False) & pl.col("problem")).height
    assert model.rowCount() == both
    changed_only.setChecked(False)
    assert model.rowCount() == model.problem_count()


def test_no_change_column_without_an_earlier_run(qtbot: Any, window: Any, spreadsheet: Path) -> None:
    run(qtbot, window, spreadsheet)
    model = window.model
    assert ColumnKind.CHANGE not in [model.column_kind(c) for c in range(model.columnCount())]
    assert not window.input_bar.changed_check.isEnabled()


def test_opening_a_previous_run_shows_it_and_its_products(qtbot: Any, window: Any, fake_engine: FakeEngine) -> None:
    fake_engine.runs = [SimpleNamespace(run_id="run-0", status="finished", started_at=datetime(2026, 12, 5, tzinfo=UTC),
                                        input_path="/tmp/earlier.xlsx", settings=RunSettings())]
    window.open_run_action.trigger()
    qtbot.waitUntil(lambda: getattr(window, "run_picker", None) is not None and window.run_picker.isVisible(),
                    timeout=5000)
    picker = window.run_picker
    assert picker.windowTitle() == "Open a previous run" and picker.ok.text() == "Open"
    picker.ok.click()
    qtbot.waitUntil(lambda: window.result is not None, timeout=5000)
    assert fake_engine.outcome_loads == ["run-0"] and window.result.run_id == "run-0"
    assert window.input_bar.file_label.text() == "<b>earlier.xlsx</b>" and window.export_action.isEnabled()
    assert window.input_bar.changed_check.isEnabled()
    detail = select(qtbot, window, FIRST_VALID)
    assert detail.run_id == "run-0"


# --- French ------------------------------------------------------------------------------------------------------------------


@pytest.fixture
def french_window(qapp: Any, qtbot: Any, qsettings: Any, fake_engine: FakeEngine, tmp_path: Path) -> Iterator[Any]:
    previous_locale = QLocale()
    translators = install_translators(qapp, "fr")
    try:
        yield from open_window(qtbot, qsettings, fake_engine, tmp_path)
    finally:
        for translator in translators:
            qapp.removeTranslator(translator)
        QLocale.setDefault(previous_locale)


def test_the_pane_speaks_french(qtbot: Any, french_window: Any, spreadsheet: Path, fake_engine: FakeEngine) -> None:
    window = french_window
    fake_engine.changes = True
    run(qtbot, window, spreadsheet)
    assert window.input_bar.changed_check.text() == "Modifiés seulement"
    detail = select(qtbot, window, FIRST_VALID)
    pane = window.detail_pane
    assert pane.own_price.text() == f"Votre prix : 3,36{NBSP}€ · 9,80{NBSP}% au-dessus du plus bas · rang 3"
    assert pane.price_move.text() == f"Depuis la recherche du 21/11/2026 : plus bas ▼ 3,16{NBSP}%, offres 2 → 3"
    assert pane.offers_label.text() == "7 offres"
    view = offers_view(window)
    assert view.model().headerData(2, Qt.Orientation.Horizontal) == "Prix"
    cells = {view.model().index(r, 9).data() for r in range(view.model().rowCount())}
    assert "05/12/2026" in cells
    assert view.model().index(0, 2).data() == f"3,06{NBSP}€"  # the cheapest first
    chart = pane.chart
    y_axis = chart.chart().axes(Qt.Orientation.Vertical)[0]
    x_axis = chart.chart().axes(Qt.Orientation.Horizontal)[0]
    assert y_axis.labelFormat() == f"%.2f{NBSP}€" and x_axis.format() == "dd/MM/yyyy"
    assert chart.chart().locale().language() == QLocale.Language.French
    assert chart.chart().series()[-1].name() == "Votre prix"
    model = window.model
    column = [model.column_kind(c) for c in range(model.columnCount())].index(ColumnKind.CHANGE)
    assert model.headerData(column, Qt.Orientation.Horizontal) == "Évolution"
    assert detail.gtin14 in pane.gtins.text()


def test_no_history_is_explained_in_french(qtbot: Any, french_window: Any, spreadsheet: Path,
                                           fake_engine: FakeEngine) -> None:
    window = french_window
    run(qtbot, window, spreadsheet)
    fake_engine.no_history.add(window.model.gtin_at(FIRST_VALID))
    select(qtbot, window, FIRST_VALID)
    assert window.detail_pane.history_note.text().splitlines() == [
        "OfficiScan n’a aucune donnée pour ce produit.", "Monitorize n’a pas été interrogé dans cette recherche."]


def test_a_hostile_name_shows_as_typed_and_a_long_one_cut(qtbot: Any, window: Any) -> None:
    # a scraped name may look like HTML, carry an ANSI colour, or run to 40,000 characters
    import dataclasses

    from PySide6.QtCore import QPointF

    from pricelookup.gui.detail_pane import TITLE_CHARS

    base = fake_product_detail("run-1", gtin14(3))
    hostile = dataclasses.replace(base, name="<img src='x'><b>Bold</b> \x1b[31m" + "x" * 40_000)
    pane = window.detail_pane
    pane.show_detail(hostile)
    assert pane.title.textFormat() == Qt.TextFormat.PlainText
    assert pane.title.text().startswith("<img src='x'><b>Bold</b>") and len(pane.title.text()) == TITLE_CHARS
    spiked = dataclasses.replace(base, history=(dataclasses.replace(
        base.history[0], seller="<i>shop</i>", points=base.history[0].points),))
    pane.show_detail(spiked)
    chart = pane.chart
    assert chart is not None
    line = chart.lines()[0]
    line.hovered.emit(QPointF(line.at(0)), True)
    from PySide6.QtWidgets import QToolTip

    assert "<i>shop</i>" in chart.last_hover  # the words, as the vendor wrote them...
    assert "&lt;i&gt;shop&lt;/i&gt;" in QToolTip.text()  # ...shown as typed, not as italics


# --- one real run on the sandbox ----------------------------------------------------------------------------------------


@pytest.mark.slow
def test_the_pane_shows_the_sandbox_offers_of_a_real_run(qtbot: Any, qsettings: Any, tmp_path: Path) -> None:
    """The real engine (in its child process) against the embedded sandbox: the pane's offers of a found
    product are the sandbox's own offers for that code, read back from the journal by run.api.product_detail."""
    from pricelookup.gui.bridge import EngineBridge
    from pricelookup.gui.main_window import MainWindow
    from pricelookup.sandbox import SandboxConfig
    from pricelookup.sandbox import data as sandbox_data

    codes = [gtin14(i)[1:] for i in range(12)]  # EAN-13s of the French pharmacy range
    source = tmp_path / "codes.csv"
    source.write_text("EAN;Name\n" + "".join(f"{c};Product {i}\n" for i, c in enumerate(codes)), encoding="utf-8")
    bridge = EngineBridge(sandbox_config=SandboxConfig(job_seconds=0.5))
    window = MainWindow(bridge, qsettings, sandbox=True, data_dir=tmp_path / "journal")
    qtbot.addWidget(window)
    window.show()
    try:
        window.panels.officiscan.enabled.setChecked(False)  # PriceAPI alone: the pane's offers are its offers
        window.panels.monitorize.enabled.setChecked(False)
        load(qtbot, window, source)
        with qtbot.waitSignal(window.bridge.run_finished, timeout=60000):
            window.start_run()
        answers = window.result.answers
        row = next(r for r in range(answers.height) if answers["success"][r] and answers["offers"][r])
        detail = select(qtbot, window, row)
        settings = window.result.settings
        expected = sandbox_data.priceapi_product(codes[row], 0, source=settings.source, country=settings.country,
                                                 completeness=settings.completeness)["offers"]
        view = offers_view(window)
        assert view.model().rowCount() == len(detail.offers) == len(expected) == answers["offers"][row]
        assert {(o.seller, o.price, o.currency, o.url) for o in detail.offers} == {
            (o["shop_name"], Decimal(str(o["price"])), o["currency"], o["url"]) for o in expected}
        assert detail.run_id == window.result.run_id and detail.lookup == "found"
        assert window.detail_pane.title.text() == sandbox_data.product_info(codes[row]).name
    finally:
        window._closing_confirmed = True
        window.close()
        bridge.shutdown()


@pytest.mark.slow
def test_two_runs_on_two_sandbox_days_show_what_changed_and_the_history(qtbot: Any, qsettings: Any,
                                                                        tmp_path: Path) -> None:
    """The analyst's second look: the same codes yesterday and today on the moving sandbox market, with
    OfficiScan and Monitorize (and its history) on. Yesterday's run went through the engine as
    ``pricelookup run`` takes it (on a sandbox whose jobs skip their waits: a second window run was
    half this test's CPU); today's through the window. After it the Change column and "Changed only"
    show the moved products, and a product's chart has one line per history series the journal holds
    (OfficiScan networks, Monitorize sites, and the PriceAPI lowest with one point per run)."""
    import asyncio
    from datetime import date, timedelta

    from pricelookup.gui.bridge import EngineBridge
    from pricelookup.gui.main_window import MainWindow
    from pricelookup.run.api import RunRequest, run_lookup
    from pricelookup.run.progress import CancelToken
    from pricelookup.sandbox import SandboxConfig
    from pricelookup.sandbox import data as sandbox_data
    from pricelookup.settings import Endpoints, ServiceKeys
    from warpclock import WarpClock, serve_sandbox

    catalogue = sandbox_data.Catalogue.build()
    codes = sorted(set(catalogue.pharmacy_codes()) & catalogue.monitorize_eans())[:6]
    assert len(codes) == 6
    source = tmp_path / "codes.csv"
    source.write_text("EAN;Name\n" + "".join(f"{c};Product {i}\n" for i, c in enumerate(codes)), encoding="utf-8")
    journal = tmp_path / "journal"
    today = date(2026, 12, 5)
    warp = WarpClock()
    yesterday = serve_sandbox(SandboxConfig(day=today - timedelta(days=1)), clock=warp, catalogue=catalogue)
    try:
        settings = RunSettings(officiscan=True, monitorize=True, monitorize_history=True)
        asyncio.run(run_lookup(RunRequest(input_path=source, settings=settings, data_dir=journal,
                                          endpoints=Endpoints.for_sandbox(yesterday.url),
                                          keys=ServiceKeys.sandbox(), tuning=warp.tuning()),
                               progress=lambda p: None, cancel=CancelToken()))
    finally:
        yesterday.stop()
    bridge = EngineBridge(sandbox_config=SandboxConfig(job_seconds=0.5, day=today))
    window = MainWindow(bridge, qsettings, sandbox=True, data_dir=journal)
    qtbot.addWidget(window)
    window.show()
    try:
        window.panels.officiscan.enabled.setChecked(True)
        window.panels.monitorize.enabled.setChecked(True)
        window.panels.monitorize.history.setChecked(True)
        load(qtbot, window, source)
        with qtbot.waitSignal(window.bridge.run_finished, timeout=120000):
            window.start_run()
        model, check = window.model, window.findChild(QCheckBox, "changed_only")
        changed = model.changed_count()
        assert model.has_changes and check.isEnabled()
        assert 0 < changed <= len(codes), "the market moved overnight: some products changed"
        check.setChecked(True)
        assert model.rowCount() == changed
        answers = window.result.answers
        assert all(answers["changed"][model.source_row(r)] for r in range(model.rowCount()))
        detail = select(qtbot, window, 0)
        assert detail.move is not None and detail.move.changed
        chart = window.detail_pane.chart
        assert chart is not None
        own = 1 if detail.own_price is not None else 0
        assert len(chart.lines()) == len(detail.history) + own
        assert [line.count() for line in chart.lines()[:len(detail.history)]] == [
            len(s.points) for s in detail.history]
        by_source = {s.source for s in detail.history}
        assert by_source == {"OfficiScan", "Monitorize", "PriceAPI"}
        lowest = next(s for s in detail.history if s.source == "PriceAPI")
        assert len(lowest.points) == 2  # yesterday's run and today's
    finally:
        window._closing_confirmed = True
        window.close()
        bridge.shutdown()
