"""Row status categories and their colours (light: no polars, so the window starts fast).

The table colours each row by what the check found; the summary bar uses the
same colours as its legend.
"""

from __future__ import annotations

from enum import IntEnum

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

translate = QCoreApplication.translate


class Category(IntEnum):
    """What colour a row gets; computed per row with polars (see :func:`row_categories`)."""

    VALID = 0
    REPAIRED = 1
    RESTRICTED = 2
    DUPLICATE = 3
    EMPTY = 4
    INVALID = 5


# Semi-transparent tints: blended over the view's own base colour they stay
# readable with the palette's text colour in both light and dark themes.
CATEGORY_COLOURS: dict[Category, QColor] = {
    Category.REPAIRED: QColor(230, 160, 0, 80),
    Category.RESTRICTED: QColor(150, 80, 210, 80),
    Category.DUPLICATE: QColor(0, 170, 170, 80),
    Category.EMPTY: QColor(128, 128, 128, 70),
    Category.INVALID: QColor(230, 50, 50, 95),
}


def category_label(category: Category) -> str:
    """The word shown in the Status column and the summary bar."""
    labels = {
        Category.VALID: translate("TableModel", "valid"),
        Category.REPAIRED: translate("TableModel", "repaired"),
        Category.RESTRICTED: translate("TableModel", "restricted"),
        Category.DUPLICATE: translate("TableModel", "duplicate"),
        Category.EMPTY: translate("TableModel", "empty"),
        Category.INVALID: translate("TableModel", "invalid"),
    }
    return labels[category]
