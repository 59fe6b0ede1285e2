"""Finding the app's icons and translations, in a checkout and in a frozen bundle.

They live in the repository's top-level ``resources/`` folder. A PyInstaller
bundle puts that folder under ``sys._MEIPASS``; ``PRICELOOKUP_RESOURCES``
overrides both (packagers, tests). A missing icon or translation never stops
the app: it falls back to no icon and English.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from PySide6.QtGui import QIcon

log = logging.getLogger(__name__)

#: sizes of the PNG app icons (resources/icons/pricelookup-<size>.png)
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: languages the window speaks; "system" follows the OS locale
LANGUAGES = ("system", "en", "fr")


def resources_dir() -> Path:
    """The ``resources/`` folder (may not exist in a bare wheel install)."""
    env = os.environ.get("PRICELOOKUP_RESOURCES")
    if env:
        return Path(env)
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen:
        return Path(frozen) / "resources"
    # desktop/pricelookup/gui/resources.py -> repository root
    return Path(__file__).resolve().parents[3] / "resources"


def app_icon() -> QIcon:
    """The application icon, every size we ship (Qt picks per screen scale)."""
    icon = QIcon()
    icons = resources_dir() / "icons"
    svg = icons / "pricelookup.svg"
    for size in ICON_SIZES:
        png = icons / f"pricelookup-{size}.png"
        if png.exists():
            icon.addFile(str(png))
    if svg.exists():
        icon.addFile(str(svg))
    return icon


def resolve_language(choice: str, locale: QLocale | None = None) -> str:
    """``"en"`` or ``"fr"`` for a settings choice (``"system"`` follows the locale)."""
    if choice in ("en", "fr"):
        return choice
    locale = locale or QLocale.system()
    return "fr" if locale.language() == QLocale.Language.French else "en"


def ui_locale(language: str, system: QLocale | None = None) -> QLocale:
    """The locale the window writes numbers, prices and dates in, for UI ``language`` ("en" or "fr").

    It follows the language, not the machine alone: French text with English digits
    (``999,949``) or English text with German ones (``999.949``) reads wrong. The
    system's own variant is kept when it speaks the language (fr_CA, fr_CH, en_US keep
    their conventions); otherwise France's French or the UK's English.
    """
    system = system or QLocale.system()
    if language == "fr":
        return system if system.language() == QLocale.Language.French else QLocale(
            QLocale.Language.French, QLocale.Country.France)
    return system if system.language() == QLocale.Language.English else QLocale(
        QLocale.Language.English, QLocale.Country.UnitedKingdom)


def install_translators(app: QCoreApplication, choice: str) -> list[QTranslator]:
    """Load our strings for the chosen language and Qt's own (standard buttons) for French.

    English loads ``pricelookup_en.qm`` too: it holds only the plural forms ("1 credit",
    "2 credits"), which Qt takes from a translation even in the source language. The
    default locale becomes the UI language's (:func:`ui_locale`), so counts and prices are
    written the way the text around them is.

    Returns the installed translators; the caller keeps them alive (a
    QTranslator that is garbage-collected silently stops translating).
    """
    language = resolve_language(choice)
    installed: list[QTranslator] = []
    QLocale.setDefault(ui_locale(language))
    ours = QTranslator(app)
    if ours.load(f"pricelookup_{language}", str(resources_dir() / "translations")):
        app.installTranslator(ours)
        installed.append(ours)
    else:
        log.warning("no %s translation found in %s", language, resources_dir() / "translations")
    if language == "en":
        return installed
    qt = QTranslator(app)
    if qt.load(f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        installed.append(qt)
    return installed
