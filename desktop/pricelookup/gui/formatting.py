"""Prices and counts as the window writes them: in the UI language's locale, one way everywhere.

The engine hands the window prices as exact text (``"3.18 EUR"``, ``"25.0 EUR"``: a
Decimal and an ISO 4217 code). Shown as they come, a column mixes ``25.0 EUR`` with
``3.00 EUR``; here every price gets its currency's decimals and the locale's way of
writing money (``€3.00`` in English, ``3,00 €`` in French), and every count the
locale's digit grouping (``999,949`` / ``999 949``).

The locale is ``QLocale()``, the default that :func:`~pricelookup.gui.resources.install_translators`
sets from the chosen UI language.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from PySide6.QtCore import QLocale

#: ISO 4217 minor units that are not 2 (the standard's table, active currencies)
CURRENCY_DECIMALS: dict[str, int] = {
    **dict.fromkeys(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI",
                     "VND", "VUV", "XAF", "XOF", "XPF"), 0),
    **dict.fromkeys(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"), 3),
    **dict.fromkeys(("CLF", "UYW"), 4),
}
#: symbols an analyst reads at a glance; any other currency keeps its ISO code (CHF, SEK, CAD…),
#: because "$" or "kr" alone would not say which dollar or krona it is
CURRENCY_SYMBOLS: dict[str, str] = {"EUR": "€", "USD": "$", "GBP": "£"}
#: a price without a currency: written with the most common number of decimals
DEFAULT_DECIMALS = 2

_NBSP = "\u00a0"


def currency_decimals(code: str) -> int:
    """Digits after the decimal point for ISO 4217 ``code`` (2 unless the standard says otherwise)."""
    return CURRENCY_DECIMALS.get(code.upper(), 2)


def currency_symbol(code: str) -> str:
    """``€`` for EUR, ``$`` for USD, ``£`` for GBP; the ISO code itself otherwise."""
    return CURRENCY_SYMBOLS.get(code.upper(), code.upper())


def format_price(amount: Decimal, currency: str | None, locale: QLocale | None = None) -> str:
    """``amount`` in ``currency`` as ``locale`` writes money (``€3.00``, ``3,00 €``, ``¥1,500``, ``CHF 3.00``).

    The amount is rounded half-up to the currency's decimals while still a Decimal, so the
    float Qt formats is already the rounded value (no binary-rounding surprise at 2.675).
    """
    locale = locale or QLocale()
    if not currency:
        rounded = amount.quantize(Decimal(1).scaleb(-DEFAULT_DECIMALS), rounding=ROUND_HALF_UP)
        return locale.toString(float(rounded), "f", DEFAULT_DECIMALS)
    code = currency.strip()
    iso = len(code) == 3 and code.isalpha()
    decimals = currency_decimals(code) if iso else DEFAULT_DECIMALS
    symbol = currency_symbol(code) if iso else code
    rounded = amount.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)
    text = locale.toCurrencyString(float(rounded), symbol, decimals)
    if symbol.isalpha() and len(symbol) > 1:
        # English writes a symbol against the digits (€3.00); a letter code needs a space (CHF 3.00)
        text = re.sub(rf"{re.escape(symbol)}(?=[\d(\-])", symbol + _NBSP, text)
        text = re.sub(rf"(?<=\d){re.escape(symbol)}", _NBSP + symbol, text)
    return text


def format_price_text(text: str | None, locale: QLocale | None = None) -> str:
    """The engine's price text (``"3.18 EUR"``, ``"25.0 EUR"``, ``"3.18"``) for the window; empty for None.

    Text that is not a price is shown as it came, never dropped.
    """
    if not text:
        return ""
    amount_text, _space, currency = text.strip().partition(" ")
    try:
        amount = Decimal(amount_text)
    except InvalidOperation:
        return text
    if not amount.is_finite():
        return text
    return format_price(amount, currency.strip() or None, locale)


def format_count(n: int, locale: QLocale | None = None) -> str:
    """A count with the locale's digit grouping (``999,949`` in English, ``999 949`` in French)."""
    return (locale or QLocale()).toString(int(n))
