"""Pure helpers that turn the services' JSON into exact Python values.

Money never passes through binary floating point: JSON numbers with a
fraction are parsed straight into :class:`~decimal.Decimal` (``parse_float``),
and the numbers-as-strings some services send ("63.69") become Decimals too.
Each helper is tolerant of what scraped data really looks like (``null``,
``""``, ``"1"`` for 1) and returns None for what it cannot read rather than
guessing: a missing price stays missing.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


def loads(data: bytes | str) -> Any:
    """Parse JSON with every non-integer number as a Decimal.

    ``NaN`` / ``Infinity`` (not JSON, but some servers send them) become None.
    Raises :class:`ValueError` (``json.JSONDecodeError`` or ``UnicodeDecodeError``)
    on anything that is not JSON.
    """
    return json.loads(data, parse_float=Decimal, parse_constant=lambda _c: None)


def to_decimal(value: object) -> Decimal | None:
    """A price or rating as an exact Decimal, or None when absent or unreadable.

    Accepts Decimal (from :func:`loads`), int, and strings such as ``"284.99"``,
    ``" 58 "`` or the French ``"12,95"``. Booleans, NaN and infinities are None.
    """
    if value.__class__ is str:
        # fast path for the common case, a well-formed price string ("284.99"): Decimal() ignores
        # surrounding blanks as str.strip() does, so only what it refuses or reads as NaN/Infinity
        # (a decimal comma, "", "n/a"...) takes the full path below
        try:
            result = Decimal(value)
        except InvalidOperation:
            pass
        else:
            if result.is_finite():
                return result
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, int):
        result = Decimal(value)
    elif isinstance(value, str):
        text = value.strip()
        if not text:
            return None
        if _DECIMAL_COMMA.match(text):
            text = text.replace(",", ".")
        try:
            result = Decimal(text)
        except InvalidOperation:
            return None
    elif isinstance(value, float):
        # only reached when a caller bypassed loads(); repr() is the shortest
        # string that round-trips, so 12.95 stays 12.95 rather than 12.9499999...
        result = Decimal(repr(value))
    else:
        return None
    return result if result.is_finite() else None


def to_int(value: object) -> int | None:
    """An integer from an int, an integral Decimal or a digit string (``"1"``), else None."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, Decimal):
        return int(value) if value.is_finite() and value == value.to_integral_value() else None
    if isinstance(value, str):
        text = value.strip()
        if text[:1] in "+-":
            sign, digits = text[:1], text[1:]
        else:
            sign, digits = "", text
        if digits.isascii() and digits.isdigit():
            return int(sign + digits)
        dec = to_decimal(text)
        return to_int(dec) if dec is not None else None
    return None


def to_str(value: object) -> str | None:
    """Text as sent; numbers turned into their text; empty stays empty; null -> None."""
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | Decimal):
        return str(value)
    return None


def to_bool(value: object) -> bool | None:
    """A JSON boolean, or the usual spellings of one (``"true"``, ``1``, ``"0"``), else None."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return value != 0 if value in (0, 1) else None
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("true", "1", "yes", "oui"):
            return True
        if text in ("false", "0", "no", "non"):
            return False
    return None


def to_datetime(value: object) -> datetime | None:
    """An ISO 8601 date-time (``2026-04-29T17:34:54``, with or without ``Z``/offset), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError:
        return None


def to_date(value: object) -> date | None:
    """A ``YYYY-MM-DD`` date (a date-time is cut to its date), else None."""
    if not isinstance(value, str) or not value.strip():
        return None
    text = value.strip()
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def as_dict(value: object) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty dict (a missing nested object)."""
    return value if isinstance(value, dict) else {}


def as_list(value: object) -> list[Any]:
    """``value`` if it is a JSON array, else an empty list."""
    return value if isinstance(value, list) else []
