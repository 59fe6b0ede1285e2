"""Fixtures for the desktop window's tests: headless Qt, isolated settings, a fake engine."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from gui_fakes import FakeEngine, open_window

# --- fixtures ---------------------------------------------------------------------------------------


@pytest.fixture(autouse=True)
def english(qapp: Any) -> Iterator[None]:
    """Every window test sees what the app shows an English user: the English plural forms
    (pricelookup_en.qm: "1 credit", "2 credits") and the English locale (grouped digits), as
    ``install_translators`` sets them up at start. Tests in French install theirs on top."""
    from PySide6.QtCore import QLocale

    from pricelookup.gui.resources import install_translators

    previous_locale = QLocale()
    translators = install_translators(qapp, "en")
    assert translators, "pricelookup_en.qm must load"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous_locale)


@pytest.fixture
def qsettings(tmp_path: Path) -> Any:
    from PySide6.QtCore import QSettings

    return QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def fake_engine() -> FakeEngine:
    return FakeEngine()


@pytest.fixture
def window(qtbot: Any, qsettings: Any, fake_engine: FakeEngine, tmp_path: Path) -> Iterator[Any]:
    """A main window on the fake engine; closed (and its engine thread joined) after the test."""
    yield from open_window(qtbot, qsettings, fake_engine, tmp_path)



@pytest.fixture
def spreadsheet(tmp_path: Path) -> Path:
    """A file with a supported name (the fake engine does not read it)."""
    path = tmp_path / "products.xlsx"
    path.write_bytes(b"PK\x03\x04 not really")
    return path
