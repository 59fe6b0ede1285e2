"""Safe cell values: what may go into a workbook cell, and how.

Scraped data is hostile (names that begin with ``=``, control characters,
40,000-character strings). The rules, shared by every sheet:

- A string is always written as a *string cell* (inline string). The writer
  (:mod:`pricelookup.export.xlsxstream`) has no code path that emits a
  formula or an error cell, so ``=cmd|' /C calc'!A0`` or ``#N/A`` can only ever
  be text. Strings an editor would turn into a formula or an error when the
  analyst edits the cell (:func:`is_formula_like`) also get Excel's
  ``quotePrefix`` style, so they stay text after editing too.
- Characters XML 1.0 forbids (C0 controls except tab/LF/CR, U+FFFE/U+FFFF,
  lone surrogates) are removed: no spreadsheet can hold them.
- Text longer than Excel's 32,767-character cell limit is cut, with a note at
  the end of the cell saying how long it was.
- Excel decodes ``_xHHHH_`` inside strings as an escaped character; a literal
  ``_x0041_`` is therefore escaped as ``_x005F_x0041_`` so it reads back as
  written.

The same rules exist twice: here for single Python values (headers, Summary)
and as polars expressions in :mod:`~pricelookup.export.xlsxstream` for
million-row columns; ``tests/export/test_export_cells.py`` checks that both
agree on every hostile string.
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime, time
from decimal import Decimal

#: Excel's limit on characters in one cell (UTF-16 code units).
MAX_CELL_CHARS = 32_767
#: Excel keeps at most this many hyperlinks per worksheet; past it a file needs "repair".
MAX_LINKS_PER_SHEET = 65_530
#: Longer link targets upset Excel (its own limit is 2,079); such URLs stay plain text.
MAX_URL_CHARS = 2_000

#: First characters that make an editor read a typed string as a formula.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
#: Strings an editor turns into error values when typed into a cell.
ERROR_LITERALS = frozenset({
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
    "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!",
    "#UNKNOWN!", "#BUSY!",
})

#: XML 1.0 forbids these; lxml, Excel and LibreOffice all refuse them.
ILLEGAL_XML_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
#: The same class for polars (Rust regex; polars strings are valid UTF-8, so no surrogates).
ILLEGAL_XML_PATTERN = r"[\x00-\x08\x0B\x0C\x0E-\x1F\x{FFFE}\x{FFFF}]"
#: ``_xHHHH_`` sequences that Excel would decode; group 1 is what follows the underscore.
EXCEL_ESCAPE_PATTERN = r"_(x[0-9A-Fa-f]{4}_)"
_EXCEL_ESCAPE_RE = re.compile(EXCEL_ESCAPE_PATTERN)
#: What an XML text node must escape; CR as a character reference or parsers turn it into LF.
XML_ESCAPE_PATTERN = r"[&<>\r]|_x[0-9A-Fa-f]{4}_"
#: Text needing ``xml:space="preserve"`` (leading or trailing whitespace).
PRESERVE_PATTERN = r"^[ \t\n\r]|[ \t\n\r]$"
#: Anchored test for formula-like text (polars twin of :func:`is_formula_like`, minus literals).
FORMULA_PATTERN = r"^[=+\-@\t\r]"

#: Only these URLs become clickable: http(s), printable ASCII URI characters, bounded length.
#: ``javascript:``, ``file:`` or links with spaces/quotes stay plain text.
URL_PATTERN = r"^https?://[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+$"
_URL_RE = re.compile(URL_PATTERN)

_ISO_CURRENCY_RE = re.compile(r"[A-Z]{3}")
#: Currencies shown with their symbol; others with their ISO code after the number.
_CURRENCY_AFFIXES: dict[str, tuple[str, str]] = {
    "EUR": ("", ' "€"'),
    "USD": ('"$"', ""),
    "GBP": ('"£"', ""),
    "CHF": ("", ' "CHF"'),
    "JPY": ('"¥"', ""),
}
PLAIN_NUMBER_FORMAT = "#,##0.00"

EXCEL_EPOCH = datetime(1899, 12, 30)


def utf16_len(text: str) -> int:
    """Length in UTF-16 code units, the unit of Excel's cell limit (an emoji counts 2)."""
    if text.isascii():
        return len(text)
    return len(text.encode("utf-16-le")) // 2


def strip_illegal(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (fast path: printable text is untouched)."""
    if text.isprintable():
        return text
    return ILLEGAL_XML_RE.sub("", text)


def truncation_note(total_chars: int) -> str:
    """The note that ends a cut cell; ASCII plus one BMP character, so its length is exact."""
    return f" … [cut: {total_chars:,} characters, Excel keeps {MAX_CELL_CHARS:,}]"


def truncate(text: str) -> tuple[str, bool]:
    """Cut ``text`` to Excel's cell limit with a note; returns (text, was_cut)."""
    if len(text) <= MAX_CELL_CHARS // 2:  # fast path: even all-astral text fits
        return text, False
    units = utf16_len(text)
    if units <= MAX_CELL_CHARS:
        return text, False
    note = truncation_note(units)
    keep = MAX_CELL_CHARS - len(note)
    # cut on UTF-16 units; errors="ignore" drops a surrogate pair split in half
    head = text.encode("utf-16-le")[: keep * 2].decode("utf-16-le", errors="ignore")
    return head + note, True


def clean_text(text: str) -> tuple[str, bool]:
    """Illegal characters stripped, then cut to the cell limit; returns (text, was_cut)."""
    return truncate(strip_illegal(text))


def is_formula_like(text: str) -> bool:
    """True when an editor would turn this text into a formula or error if typed in.

    Such strings are still written as text; they additionally get the
    ``quotePrefix`` style so that editing the cell keeps them text.
    """
    return text[:1] in FORMULA_PREFIXES or text.upper() in ERROR_LITERALS


def xml_escape(text: str) -> str:
    """Escape ``text`` for an XML text node inside ``<t>`` (after :func:`clean_text`)."""
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:
        text = text.replace("\r", "&#13;")
    if "_x" in text:
        text = _EXCEL_ESCAPE_RE.sub(r"_x005F_\1", text)
    return text


def needs_preserve(text: str) -> bool:
    """True when leading/trailing whitespace must be kept with ``xml:space``."""
    return bool(text) and (text[0] in " \t\n\r" or text[-1] in " \t\n\r")


def is_linkable_url(url: str | None) -> bool:
    """True when ``url`` may become a clickable hyperlink (http/https, sane characters, length)."""
    return bool(url) and len(url) <= MAX_URL_CHARS and _URL_RE.match(url) is not None  # type: ignore[arg-type]


def currency_format(currency: str | None) -> str:
    """Number format for a price in ``currency`` (ISO 4217), e.g. EUR -> ``#,##0.00 "€"``.

    The code comes from scraped data, so only three capital letters ever reach
    the format string; anything else gets a plain two-decimal format.
    """
    if not currency:
        return PLAIN_NUMBER_FORMAT
    code = currency.strip().upper()
    if not _ISO_CURRENCY_RE.fullmatch(code):
        return PLAIN_NUMBER_FORMAT
    prefix, suffix = _CURRENCY_AFFIXES.get(code, ("", f' "{code}"'))
    return f"{prefix}{PLAIN_NUMBER_FORMAT}{suffix}"


def normalise_currency(currency: str | None) -> str | None:
    """Upper-case ISO code, or None when ``currency`` is not three letters."""
    if not currency:
        return None
    if len(currency) == 3 and currency.isascii() and currency.isalpha() and currency.isupper():
        return currency  # fast path: "EUR"
    code = currency.strip().upper()
    return code if _ISO_CURRENCY_RE.fullmatch(code) else None


def decimal_text(value: Decimal | int | float | None) -> str | None:
    """Exact numeric text for a ``<v>`` element, or None when there is no number to write.

    Decimals keep their own digits (``284.99`` stays ``284.99``; Excel parses
    that text to its nearest double, exactly as when typed in). NaN, infinities
    and magnitudes Excel cannot hold give None (an empty cell).
    """
    if type(value) is Decimal:  # fast path: API prices like Decimal("284.99")
        text = str(value)
        if "E" not in text and text[-1] in "0123456789":
            return text
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        if not value.is_finite() or (value != 0 and value.adjusted() > 300):
            return None
        return format(value, "f") if value.adjusted() < 20 else str(value)
    if isinstance(value, float):
        if not math.isfinite(value) or abs(value) > 1e300:
            return None
        return repr(value)
    return str(int(value))


def local_naive(value: datetime) -> datetime:
    """Excel has no time zones: aware datetimes are shown in the machine's local time."""
    if value.tzinfo is None:
        return value
    return value.astimezone().replace(tzinfo=None)


def excel_serial(value: datetime | date | time) -> float:
    """Excel's serial day number (1900 system) of a date or datetime (local time)."""
    if isinstance(value, datetime):
        delta = local_naive(value) - EXCEL_EPOCH
    elif isinstance(value, date):
        delta = datetime(value.year, value.month, value.day) - EXCEL_EPOCH
    else:
        return (value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6) / 86400
    return delta.days + (delta.seconds + delta.microseconds / 1e6) / 86400
