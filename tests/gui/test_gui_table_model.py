"""The table model over the polars frames: Qt-correct, coloured, filtered, and cheap at 1M rows."""

from __future__ import annotations

import random
import time
import tracemalloc
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from gui_fakes import RESTRICTED_CODE, bad_check_digit, ean13, make_validated, sheet_table
from PySide6.QtCore import QModelIndex, Qt

from pricelookup.gui.table_model import CATEGORY_COLOURS, Category, ColumnKind, ValidatedTableModel
from pricelookup.outcome import outcome_of
from pricelookup.records import (
    MonitorizeOffer,
    MonitorizeProduct,
    OfficiscanSnapshot,
    PriceApiOffer,
    PriceApiProduct,
)
from pricelookup.results import RunResult
from pricelookup.settings import RunSettings
from pricelookup.validation import ValidatedTable, validate_table

DISPLAY = Qt.ItemDataRole.DisplayRole


def _cell(model: ValidatedTableModel, row: int, column: int, role: int = DISPLAY) -> Any:
    return model.data(model.index(row, column), role)


@pytest.mark.qt_log_level_fail("WARNING")  # Qt's own (C++) tester reports what it finds as Qt warnings
@pytest.mark.parametrize("force_py", [True, False], ids=["python-tester", "qt-tester"])
def test_model_passes_qt_model_tester(qtmodeltester: Any, force_py: bool) -> None:
    validated = make_validated()
    model = ValidatedTableModel(validated)
    qtmodeltester.check(model, force_py=force_py)
    # the tester keeps watching: the filter and the result columns reset the model correctly
    model.set_problems_only(True)
    model.set_result(outcome_of(RunResult(run_id="r", validated=validated, settings=RunSettings(),
                     status="finished", started_at=datetime(2024, 1, 1), finished_at=None, app_version="t")))
    model.set_problems_only(False)
    assert model.columnCount() == 10 and model.rowCount() == 12
    # answers for some rows, then none again: columns come and go, every state passes
    gtins = validated.checks["gtin14"]
    found = PriceApiProduct(gtins[0], True, None, "google-shopping", "fr", "gtin",
                            offers=(PriceApiOffer("Shop", Decimal("1.50"), None, None, "EUR"),))
    model.set_result(outcome_of(RunResult(run_id="r2", validated=validated, settings=RunSettings(),
                     status="finished", started_at=datetime(2024, 1, 1), finished_at=None, app_version="t",
                     priceapi={gtins[0]: found}, officiscan={gtins[0]: (_snapshot("pharma-a", "4.10", day=1),)})))
    model.set_problems_only(True)
    assert model.rowCount() == 5 and _cell(model, 0, 2) == "not looked up (unusable code)"
    model.set_result(None)
    model.set_problems_only(False)
    assert model.columnCount() == 5 and model.rowCount() == 12


def test_columns_rows_and_sheet_row_numbers() -> None:
    validated = make_validated(12)
    model = ValidatedTableModel(validated)
    assert model.rowCount() == 12
    assert model.columnCount() == 2 + 3  # status, GTIN-14, then Name / EAN / Price
    assert model.headerData(0, Qt.Orientation.Vertical) == "2"  # the header is row 1 of the sheet
    assert model.headerData(11, Qt.Orientation.Vertical) == "13"
    assert _cell(model, 0, 1) == validated.checks["gtin14"][0]
    assert _cell(model, 0, 2) == "Product 0"
    assert _cell(model, 2, 3) == ""  # an empty code shows as nothing, not "None"


def test_status_words_colours_and_reason_tooltips() -> None:
    model = ValidatedTableModel(make_validated(12))
    assert _cell(model, 0, 0) == "valid"
    assert _cell(model, 0, 0, Qt.ItemDataRole.BackgroundRole) is None
    assert _cell(model, 1, 0) == "invalid"
    assert _cell(model, 1, 4, Qt.ItemDataRole.BackgroundRole) == CATEGORY_COLOURS[Category.INVALID]
    right, wrong = ean13(1)[-1], bad_check_digit(ean13(1))[-1]
    assert f"wrong check digit: the last digit should be {right}, not {wrong}" in _cell(
        model, 1, 2, Qt.ItemDataRole.ToolTipRole)
    assert "Row 3" in _cell(model, 1, 2, Qt.ItemDataRole.ToolTipRole)  # sheet row, not frame index
    assert _cell(model, 2, 0) == "empty"
    assert _cell(model, 3, 0) == "repaired"
    assert "separators removed: spaces" in _cell(model, 3, 0, Qt.ItemDataRole.ToolTipRole)
    assert _cell(model, 4, 0) == "duplicate"
    assert "Duplicate of row 2" in _cell(model, 4, 0, Qt.ItemDataRole.ToolTipRole)
    assert _cell(model, 5, 0) == "restricted"
    assert "restricted circulation code" in _cell(model, 5, 0, Qt.ItemDataRole.ToolTipRole)
    assert _cell(model, 5, 1) == "0" + RESTRICTED_CODE
    # every colour is translucent, so it blends with a light or a dark base
    assert all(colour.alpha() < 128 for colour in CATEGORY_COLOURS.values())


def test_detected_code_column_is_highlighted() -> None:
    model = ValidatedTableModel(make_validated(12))
    code = model.code_view_column()
    assert model.column_kind(code) == ColumnKind.INPUT
    assert "EAN" in model.headerData(code, Qt.Orientation.Horizontal)
    assert model.headerData(code, Qt.Orientation.Horizontal, Qt.ItemDataRole.FontRole).bold()
    assert 'matches "ean"' in model.headerData(code, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert _cell(model, 0, code, Qt.ItemDataRole.FontRole).bold()
    assert _cell(model, 0, code, Qt.ItemDataRole.BackgroundRole) is not None  # tinted on a valid row
    assert _cell(model, 0, code + 1, Qt.ItemDataRole.BackgroundRole) is None


def test_problems_only_maps_view_rows_to_frame_rows() -> None:
    model = ValidatedTableModel(make_validated(12))
    model.set_problems_only(True)
    assert model.rowCount() == 5  # invalid, empty, repaired, duplicate, restricted
    assert [model.source_row(r) for r in range(5)] == [1, 2, 3, 4, 5]
    assert model.headerData(0, Qt.Orientation.Vertical) == "3"
    assert _cell(model, 0, 0) == "invalid"
    model.set_problems_only(False)
    assert model.rowCount() == 12


def test_result_columns_show_what_priceapi_answered() -> None:
    validated = make_validated(12)
    gtins = validated.checks["gtin14"]
    offer = PriceApiOffer("Shop", Decimal("12.30"), None, None, "EUR")
    cheaper = PriceApiOffer("Other", Decimal("9.90"), None, None, "EUR")
    result = RunResult(
        run_id="r", validated=validated, settings=RunSettings(), status="finished",  # type: ignore[arg-type]
        started_at=datetime(2024, 1, 1), finished_at=None, app_version="t",
        priceapi={
            gtins[0]: PriceApiProduct(gtins[0], True, None, "google-shopping", "fr", "gtin", offers=(offer, cheaper)),
            gtins[6]: PriceApiProduct(gtins[6], False, "not found", "google-shopping", "fr", "gtin"),
        },
        cached=frozenset({gtins[6]}),
        officiscan={gtins[0]: (
            _snapshot("pharma-a", "4.10", day=1), _snapshot("pharma-a", "3.95", day=2), _snapshot("pharma-b", "4.05", day=2),
        )},
        monitorize={gtins[0]: MonitorizeProduct("m1", "Product 0", gtins[0][1:], offers=(
            MonitorizeOffer("shop-x", None, None, Decimal("5.20"), 1, None, None, None),
            MonitorizeOffer("shop-y", None, None, None, 3, None, None, None),
        ))},
    )
    model = ValidatedTableModel(validated)
    outcome = outcome_of(result)
    assert (outcome.found, outcome.failed, outcome.cached) == (1, 1, 1)
    assert outcome.answers.height == validated.checks.height and outcome.validated is None
    model.set_result(outcome)
    assert model.columnCount() == 5 + 5  # PriceAPI, offers, lowest, pharmacies, competitors
    assert _cell(model, 0, 2) == "found"
    assert _cell(model, 0, 3) == "2"
    assert _cell(model, 0, 4) == "€9.90"  # the engine's "9.90 EUR", written as the (English) locale writes money
    assert _cell(model, 4, 2) == "found"  # the duplicate shares its first row's answer
    assert "not found" in _cell(model, 6, 2) and "earlier run" in _cell(model, 6, 2)
    assert _cell(model, 1, 2) == "not looked up (unusable code)"
    assert _cell(model, 5, 2) == "not looked up (restricted code)"
    assert _cell(model, 0, 5) == "€3.95"  # latest per network (a: 3.95 on day 2, b: 4.05), then the lowest
    assert _cell(model, 0, 6) == "€5.20"
    assert _cell(model, 6, 5) == "" and _cell(model, 6, 6) == ""


def _snapshot(network: str, price: str, *, day: int) -> OfficiscanSnapshot:
    return OfficiscanSnapshot(id=day, product_id=1, ean13=None, collected_at=datetime(2024, 1, day), network=network,
                              source=None, price_current=Decimal(price), price_original=None, currency="EUR",
                              in_stock=True, stock_label=None)


def _big_codes(rows: int) -> pl.Series:
    """EAN-13s 3401000000000 + i with their GS1 check digits, except every tenth row (i % 10 == 3),
    whose check digit is off by one; built by polars expressions (no Python per-row work)."""
    body = pl.int_range(0, rows, eager=True).cast(pl.Int64) + 340100000000
    weighted = sum((body // 10 ** k % 10) * (3 if k % 2 == 0 else 1) for k in range(12))
    check = (10 - weighted % 10) % 10
    check = pl.select(pl.when(pl.int_range(0, rows) % 10 == 3).then((check + 1) % 10).otherwise(check)).to_series()
    return (body.cast(pl.String) + check.cast(pl.String)).rename("EAN")


def _big_validated(rows: int) -> ValidatedTable:
    """1M rows checked by the real validator (built by polars expressions, no Python per-row work here either)."""
    codes = _big_codes(rows)
    frame = pl.DataFrame({"EAN": codes, "Name": codes})
    return validate_table(sheet_table(frame, path=Path("/tmp/big.xlsx"), sheets=("S",), code_column_reason="test"))


@pytest.mark.slow
def test_million_rows_model_is_built_without_materialising_rows() -> None:
    validated = _big_validated(1_000_000)
    tracemalloc.start()
    started = time.perf_counter()
    model = ValidatedTableModel(validated)
    model.set_problems_only(True)
    model.set_problems_only(False)
    elapsed = time.perf_counter() - started
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # Python-side allocations stay tiny: no list of a million values was built (that would be > 50 MB).
    assert peak < 5_000_000, f"model creation allocated {peak} bytes of Python objects"
    assert elapsed < 5.0  # generous: a correctness guard, the speed itself is the benchmark's job
    assert model.rowCount() == 1_000_000
    rng = random.Random(1)
    codes = validated.table.frame["EAN"]
    for row in rng.sample(range(1_000_000), 50):
        assert _cell(model, row, 2) == codes[row] and codes[row][:12] == str(340100000000 + row)
        assert _cell(model, row, 0) == ("invalid" if row % 10 == 3 else "valid")
        assert model.headerData(row, Qt.Orientation.Vertical) == str(row + 2)
    model.set_problems_only(True)
    assert model.rowCount() == 100_000
    assert model.source_row(99_999) == 999_993
    assert _cell(model, 99_999, 0) == "invalid"
    assert model.data(QModelIndex()) is None


@pytest.mark.qt_log_level_fail("WARNING")
@pytest.mark.parametrize("force_py", [True, False], ids=["python-tester", "qt-tester"])
def test_model_over_the_shipped_sample_passes_the_tester(qtmodeltester: Any, force_py: bool) -> None:
    """The real reader's output of the shipped sample, not a table built by the tests."""
    from pricelookup.sheets import read_table

    sample = Path(__file__).resolve().parents[2] / "resources/samples/products.xlsx"  # in the repository
    validated = validate_table(read_table(sample))
    model = ValidatedTableModel(validated)
    qtmodeltester.check(model, force_py=force_py)
    assert model.rowCount() == validated.checks.height
    statuses = {_cell(model, r, 0) for r in range(model.rowCount())}
    assert {"valid", "invalid", "repaired"} <= statuses
    model.set_problems_only(True)
    assert model.rowCount() == model.problem_count() < validated.checks.height
