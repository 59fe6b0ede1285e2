"""GTIN normalisation and validation: one value at a time, or a whole column at once.

Pure functions, no I/O. :func:`check_code` checks one cell; :func:`check_column`
checks a polars Series without a Python loop (a million codes in well under a
second). Both follow the same rules, step by step, and give identical results
(a hypothesis test holds them to it).

Every change made to what the cell holds is named in the reason (the "note"),
even when the status stays ``valid``; the one exception is Excel's text guard
(rule 5), which is the spreadsheet's way of writing "this is text", not part of
the code: the reader notes it once for the whole column.

Number cells and text cells
---------------------------
A spreadsheet drops the leading zeros of a code stored as a *number*
(``0012345678905`` becomes 12345678905); a code stored as *text* is what the
analyst typed. So padding with zeros is a repair for number cells only. A cell
is a number when its value is one (``int``, ``float``, ``Decimal``; an integer,
float or decimal column), when the caller says so (``numeric=``: the reader
knows which cells of a text column were numbers in the workbook), or when its
text is a whole number written as a float (``"95673400332.0"``: a program
printed a number).

The rules, in the order they apply
----------------------------------
1. Value to text. ``None`` and float NaN are empty. ``str`` is taken as is. ``int``
   becomes its digits. A whole float below 10**15 becomes its digits
   (``3401351277399.0`` -> ``3401351277399``, never ``3.40135e12``); a float of
   10**15 or more has lost digits (a double holds 15-16 significant digits);
   a fractional float is "a decimal number". ``bool`` and dates are not codes.
   Anything else goes through ``str()``.
2. Control characters anywhere (C0 controls other than tab, line feed and
   carriage return, and DEL: the characters the readers and the XLSX writer
   cannot keep) are removed -> repaired "control characters removed". The same
   rule for every input format: a NUL in a CSV cell and a ``_x0000_`` in an
   xlsx cell give the same verdict. Other control characters (C1) are invalid.
3. Trim whitespace and invisible characters at both ends (Unicode spaces incl.
   NBSP U+00A0 and the narrow NBSP U+202F that French number formats use, tabs,
   line breaks, zero-width spaces, BOM, bidi marks, soft hyphen). Trimming is
   noted but is not a repair (the status stays ``valid``): "spaces removed"
   for ordinary spaces U+0020, "invisible characters removed" for anything
   else. Nothing left -> ``empty``.
4. Invisible characters *inside* the value are removed -> repaired
   "invisible characters removed".
5. Excel's text guard: a leading apostrophe (``'0012345678905``, as Shopify and
   others export barcodes) or a text formula around the whole value
   (``="0012345678905"``, as Goodreads and many exports write them to keep the
   zeros) is removed, and what it leaves is trimmed as in 3. It is not a repair
   and not noted on the row: the value *is* the text inside, typed as text
   (the reader notes the guard once per column, see
   :func:`count_text_guards`). A value with an apostrophe is never also read
   as a ``="…"`` guard.
6. Not codes -> invalid: Excel error literals (``#N/A``, ``#REF!``, ``#VALUE!``,
   ``#DIV/0!``, ``#NAME?``, ``#NULL!``, ``#NUM!`` and the newer ``#SPILL!``...) ->
   "Excel error cell #N/A"; placeholder words (NULL, NaN, None, N/A, NA, nil,
   any case) -> 'the text "NULL" is not a code'.
7. Scientific notation (``3,40135E+12``, ``3.40135E+12``, ``3.4E12``) -> invalid
   "digits lost by the spreadsheet; re-export the column as text". Never guessed.
8. A whole number written as a float (``3401351277399.0`` or with a decimal
   comma ``...,00``) -> its integer digits, noted "zero decimals removed" (not
   a repair), and the cell counts as a number (see above); with more than 15
   significant digits the spreadsheet has lost digits -> invalid (same reason
   as 7). Any other number with one decimal point or comma -> invalid "a
   decimal number".
9. Digit groups separated by spaces (any Unicode space), hyphens (incl.
   Unicode dashes and minus) or dots -> separators removed -> repaired, the
   note names what was removed ("separators removed: hyphens"; spaces trimmed
   at the ends are then not noted again).
10. Only ASCII digits 0-9 count. ``str.isdigit()`` is never used: superscripts,
    Balinese or full-width digits are invalid like letters. Reasons: "contains
    letters" (ASCII letters), 'contains "²", which is not a digit 0-9', "contains
    a control character" (C1 controls), "no digits", "starts or ends with a
    hyphen or dot".
11. Length: fewer than 7 digits -> "too short"; more than 14 -> "too long";
    all zeros -> invalid (a placeholder, never a product).

    Digits Excel rounded away -> invalid "digits lost by Excel ...", before
    any other digit rule, so such a number is never padded, never "repaired"
    into a valid code, never told to fix its check digit:

    * any value of 12 to 14 digits (leading zeros not counted) whose
      significant digits (trailing zeros not counted) number 6 or fewer.
      Excel's General format shows a number of 12 digits or more in at most
      11 characters, ``2.53E+11`` or at most ``1.23457E+11``: 6 significant
      digits. Saved as CSV (and opened again, or saved as xlsx/ods), the
      number becomes what was shown: ``253000000000``. So a code of 12, 13
      or 14 digits that ends in at least 6, 7 or 8 zeros is what such a
      display leaves. A real GTIN ends so only if its item reference is
      all zeros *and* its check digit is 0 (12 digits: 1 code in 10**6 at
      random); re-exporting that rare one is cheaper than paying for a made-up
      code, or for up to 41 products collapsed into one. Text cells too: a
      CSV keeps no cell types, and text digits may have been copied from such
      a display. Codes of 11 digits or fewer are shown whole by General, so
      this half of the rule never flags them, and any code with 7 significant
      digits or more goes on.
    * a number cell with a scientific number format (``scientific=``: the
      reader knows it for xlsx/xlsm, where the file keeps the format) whose
      digits end in 0: a display like ``9.78043902348E+12`` rounds a 13-digit
      ISBN-13 to 12 digits and a zero. A rounded number always ends in 0; a
      code that does not was not rounded and goes on.
12. With ``cip7=True`` a 7-digit code is a French CIP7 and becomes the CIP13
    ``34009`` + CIP7 + EAN-13 check digit -> repaired "CIP7 converted to CIP13".
    With ``isbn10=True`` (the reader says so for a column of ISBN-10s, see
    "ISBN-10" below) the ISBN-10 candidates are read as ISBN-10 and nothing else.
    Otherwise it depends on the cell:

    * a number cell of 7 to 12 digits has lost its leading zeros: padded ->
      repaired "leading zeros restored" (padding never changes a GS1 check
      digit); 13 and 14 digits are taken as they are;
    * a text cell of 8, 12, 13 or 14 digits (GTIN-8, UPC-A, EAN-13, GTIN-14)
      is valid as typed: padding it to the 14-digit key below is only the
      canonical form, not a repair, and is not noted;
    * a text cell of 7, 9, 10 or 11 digits is never padded -> invalid "9 digits:
      not a GTIN length (8, 12, 13 or 14); if a spreadsheet dropped leading
      zeros, re-export the column as text".
13. Canonical key: GTIN-14, so a UPC-A and the same code as EAN-13 with a
    leading 0 are one product. GS1 mod-10 check digit wrong -> invalid "wrong
    check digit: the last digit should be 7, not 8".
14. Restricted circulation and coupon numbers stay valid/repaired but get
    ``restricted=True`` and a reason (they are not looked up unless asked).
    The rule looks at the GTIN-13 part (the 14-digit key without its
    indicator digit, so a case GTIN-14 of a restricted item is restricted too):

    * 13-digit part starting with five zeros: it is a GTIN-8 (GS1 leaves GS1
      prefixes 0000001-0000099 unused to avoid collisions with GTIN-8, and
      0000000 is company-internal). GS1-8 prefixes starting with 0 or 2 are
      RCN-8, restricted circulation within a company (GS1 General
      Specifications 2.1.12; the same rule as jodal/biip's ``Rcn``).
    * Otherwise by GS1 prefix of the 13-digit part: 020-029 and 200-299
      restricted circulation within a geographic region (in-store and
      variable-weight codes), 040-049 within a company, 05 coupons (GS1 US),
      980 refund receipts, 981-984 coupons for common currency areas, 99
      coupons. 980 is not in the issue's list but a refund receipt is not a
      product either.

    Known limitation: 8-digit UPC-E codes are not expanded; they are read as
    GTIN-8 (and usually fail the check digit).

ISBN-10
-------
An ISBN-10 is not a GTIN: zero-padding it gives a wrong code that may even pass
the GS1 check (1 time in 10). It becomes a GTIN as ``978`` + its first nine
digits + a new GS1 check digit. Whether a column holds ISBN-10s is decided once
for the whole column, never value by value, by the reader (``isbn10=True``,
see ``sheets.codecolumn``): its header says ISBN, or most of its values are
ISBN-10 candidates and nearly all of those pass the mod-11 check (digits pass
it 1 time in 11 by chance, so an EAN-8 or UPC column never does). Outside such
a column nothing changes: 9 and 10 digits are not GTIN lengths and follow
rule 12. Inside it, only the candidates below are read differently: GTINs of
8 (as text), 12, 13 or 14 digits, ISBN-13s included, follow the GTIN rules.

In such a column the candidates are the values that, after rules 1-10, have
10 digits (the last may be ``X``/``x``: ``043902348X``, ``0-439-02348-X``),
9 digits (an ISBN-10 whose leading zero a spreadsheet dropped, or a 9-digit
SBN, its ancestor: both are the ISBN-10 with a 0 in front) or 8 digits (two
zeros dropped: ``0-00-...`` ISBNs). A CSV keeps no cell types, and Excel drops
those zeros before it writes one, so text cells count as well as numbers;
zeros in front weigh nothing in the mod-11 sum, so restoring them cannot make
a wrong ISBN right. An 8-digit GTIN-8 in a column of books is not plausible,
and the mod-11 check would stop 10 in 11 of those. The check
(weights 10 to 1, ``X`` = 10) decides: valid -> repaired, noted
``ISBN-10 0439023483 → 9780439023481`` (after "leading zeros restored" when
zeros were put back); invalid -> 'not a valid ISBN-10: the check digit should
be 3, not 4', never padded into a GTIN. Rule 11's rounding comes first.

Reasons are short plain English: they appear in the export and in the GUI's
tooltip. When a usable code has several notes they are joined with "; ", in
the order of the rules. An invalid code's reason says only why it is invalid.
Every note is written from a template in :data:`NOTE_TEMPLATES`, marked for
translation (:mod:`pricelookup.phrasing`): the window reads a stored reason back
into those templates to show it in French.
"""

from __future__ import annotations

import datetime as _dt
import functools
import math
import numbers
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final, Literal

import polars as pl

from pricelookup.phrasing import QT_TRANSLATE_NOOP

Status = Literal["valid", "repaired", "invalid", "empty"]

__all__ = [
    "CONTROL_NOTE",
    "EXCEL_ROUNDED_REASON",
    "ISBN10_NOTE",
    "LOST_DIGITS_REASON",
    "NOTE_TEMPLATES",
    "CodeCheck",
    "Status",
    "check_code",
    "check_column",
    "column_profile",
    "count_text_guards",
    "gs1_check_digit",
    "isbn10_check_digit",
]


@dataclass(frozen=True, slots=True)
class CodeCheck:
    """The verdict on one cell.

    ``gtin14`` is the canonical 14-digit key, or ``None`` exactly when the code
    is unusable (``invalid`` or ``empty``). ``reason`` says why a code is
    invalid, what was repaired, or why it is restricted; ``None`` for a plain
    valid code and for an empty cell.
    """

    gtin14: str | None
    status: Status
    reason: str | None
    restricted: bool


# --- character classes ---------------------------------------------------------
# Spelled out as explicit characters, never \s, \d or \p{..}: Python's re and the
# Rust regex engine polars uses disagree on what those mean, and the scalar and
# vectorised paths must agree on every input.

_WHITESPACE: Final = (
    "\t\n\r \x85\xa0\u1680"
    + "".join(chr(c) for c in range(0x2000, 0x200B))  # en quad .. hair space
    + "\u2028\u2029\u202f\u205f\u3000"
)
_INVISIBLE: Final = (
    "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff"
)
_TRIM: Final = _WHITESPACE + _INVISIBLE
_HYPHENS: Final = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SEPARATORS: Final = _WHITESPACE + _HYPHENS + "."
#: removed from codes with a note (rule 2): C0 controls but tab, LF and CR, and DEL; the
#: same set as the readers' ``sheets.grid.CONTROL_PATTERN`` and what XML 1.0 cannot hold
_CONTROL_REMOVED: Final = (
    "".join(chr(c) for c in range(0x00, 0x09)) + "\x0b\x0c"
    + "".join(chr(c) for c in range(0x0E, 0x20)) + "\x7f"
)
#: control characters that make a code invalid (C1; NEL U+0085 is whitespace)
_CONTROL: Final = "".join(chr(c) for c in range(0x80, 0x85)) + "".join(chr(c) for c in range(0x86, 0xA0))


def _cls(chars: str, *, negate: bool = False, extra: str = "") -> str:
    """A regex character class of exactly ``chars`` (+ raw ``extra`` like ``0-9``).

    Escapes what is special inside a class in either engine (Rust also treats
    ``&&``, ``--`` and ``~~`` as set operations).
    """
    body = "".join("\\" + c if c in "\\]^-[&~" else c for c in chars)
    return "[" + ("^" if negate else "") + extra + body + "]"


_RE_INVISIBLE: Final = _cls(_INVISIBLE)
_RE_WS: Final = _cls(_WHITESPACE)
_RE_HYPHEN: Final = _cls(_HYPHENS)
_RE_SEP: Final = _cls(_SEPARATORS)
_RE_CONTROL: Final = _cls(_CONTROL)
_RE_CONTROL_REMOVED: Final = _cls(_CONTROL_REMOVED)
_RE_NOT_DIGIT_OR_SEP: Final = _cls(_SEPARATORS, negate=True, extra="0-9")

_P_PURE: Final = r"^[0-9]+$"
_EXCEL_ERRORS: Final = (
    "#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
    "#GETTING_DATA", "#SPILL!", "#CALC!", "#FIELD!", "#BLOCKED!", "#CONNECT!", "#BUSY!",
    "#UNKNOWN!", "#PYTHON!",
)
_P_PLACEHOLDER: Final = (
    r"^(?:[Nn][Uu][Ll][Ll]|[Nn][Aa][Nn]|[Nn][Oo][Nn][Ee]|[Nn]/?[Aa]|[Nn][Ii][Ll])$"
)
_P_SCI: Final = r"^[+-]?[0-9]+(?:[.,][0-9]*)?[eE][+-]?[0-9]{1,3}$"
_P_WHOLE: Final = r"^([0-9]+)[.,]0+$"
_P_DECIMAL: Final = r"^[0-9]*[.,][0-9]+$"
_P_SEPARATED: Final = r"^[0-9]+(?:" + _RE_SEP + r"+[0-9]+)+$"
_P_LETTER: Final = r"[A-Za-z]"
_P_DIGIT: Final = r"[0-9]"
# an ISBN-10 ending in X (``043902348X``, ``0-439-02348-x``, ``="043902348X"``): nine digits, each
# maybe followed by one space or hyphen, then X; group 1 is what comes before the X, group 2 after
_P_ISBN_X: Final = (
    "^(" + _cls(_TRIM) + "*(?:'" + _cls(_TRIM) + '*|="' + _cls(_TRIM) + "*)?(?:[0-9]" + _cls(" " + _HYPHENS)
    + "?){9})[Xx](" + _cls(_TRIM) + '*"?' + _cls(_TRIM) + "*)$"
)

_CRE: Final = {
    name: re.compile(p)
    for name, p in {
        "invisible": _RE_INVISIBLE,
        "ws": _RE_WS,
        "hyphen": _RE_HYPHEN,
        "sep": _RE_SEP,
        "control": _RE_CONTROL,
        "control_removed": _RE_CONTROL_REMOVED,
        "bad": _RE_NOT_DIGIT_OR_SEP,
        "pure": _P_PURE,
        "placeholder": _P_PLACEHOLDER,
        "sci": _P_SCI,
        "whole": _P_WHOLE,
        "decimal": _P_DECIMAL,
        "separated": _P_SEPARATED,
        "letter": _P_LETTER,
        "digit": _P_DIGIT,
        "isbn_x": _P_ISBN_X,
    }.items()
}

# --- verdict codes -----------------------------------------------------------------
# Every verdict is an integer code; the reason text is a pure function of it
# (_reason_text), shared by both paths, so they cannot drift apart. Usable codes
# are `flags | category << _FLAG_BITS`; unusable ones `kind * 1_000_000 + param`.

_OK, _EMPTY, _TOO_SHORT, _TOO_LONG, _ALL_ZEROS, _BAD_CHECK, _LOST = 0, 1, 2, 3, 4, 5, 6
_DECIMAL, _LETTERS, _CONTROL_CHAR, _NO_DIGITS, _EDGE_SEP, _BOOL, _DATE = 7, 8, 9, 10, 11, 12, 13
_BAD_LENGTH = 14  # param: the number of digits of a text cell that no GTIN has
_ROUNDED = 15  # digits Excel rounded away (rule 11)
_ISBN_BAD = 16  # param: 11 * expected + found check digit of an ISBN-10 (10 stands for X)
# kinds whose reason quotes the cell (built from a template, not from the code)
_CHAR, _PLACEHOLDER, _EXCEL = 20, 21, 22
_KIND_SCALE: Final = 1_000_000

# What was done to a usable code, one bit each; each is named in the note, but for
# _F_GUARD (Excel's text guard, rule 5), which the reader notes once per column.
_F_INVISIBLE, _F_GUARD, _F_SPACES, _F_HYPHENS, _F_DOTS, _F_PADDED, _F_CIP7 = (
    1, 2, 4, 8, 16, 32, 64,
)
_F_TRIM_SPACES, _F_TRIM_INVISIBLE, _F_CONTROL, _F_WHOLE = 128, 256, 512, 1024
_FLAG_BITS: Final = 11
_FLAG_VALUES: Final = 1 << _FLAG_BITS
#: the flags that make a usable code "repaired"; the others (trimming the ends, zero
#: decimals of a number, the text guard) leave it "valid"
_REPAIRS: Final = _F_INVISIBLE | _F_SPACES | _F_HYPHENS | _F_DOTS | _F_PADDED | _F_CIP7 | _F_CONTROL

# The notes are templates marked for translation (``{name}`` placeholders); the reason
# column stores them in English, filled in.
_RESTRICTED_TEXT: Final = {
    1: QT_TRANSLATE_NOOP("Engine", "restricted circulation code (GS1 prefix 020-029): in-store or weighed item"),
    2: QT_TRANSLATE_NOOP("Engine", "restricted circulation code (GS1 prefix 200-299): in-store or weighed item"),
    3: QT_TRANSLATE_NOOP("Engine", "restricted circulation code (GS1 prefix 040-049): company-internal"),
    4: QT_TRANSLATE_NOOP("Engine", "coupon code (GS1 prefix 05)"),
    5: QT_TRANSLATE_NOOP("Engine", "refund receipt (GS1 prefix 980)"),
    6: QT_TRANSLATE_NOOP("Engine", "coupon code (GS1 prefix 981-984)"),
    7: QT_TRANSLATE_NOOP("Engine", "coupon code (GS1 prefix 99)"),
    8: QT_TRANSLATE_NOOP("Engine", "restricted circulation code (GTIN-8 starting with 0): company-internal"),
    9: QT_TRANSLATE_NOOP("Engine", "restricted circulation code (GTIN-8 starting with 2): company-internal"),
}

#: the reason given to numbers a spreadsheet has rounded or shown in scientific notation
LOST_DIGITS_REASON: Final = QT_TRANSLATE_NOOP("Engine", "digits lost by the spreadsheet; re-export the column as text")
#: the note of a code that had control characters removed (rule 2); counted by validation
CONTROL_NOTE: Final = QT_TRANSLATE_NOOP("Engine", "control characters removed")
#: the reason given to numbers whose last digits Excel rounded to zeros (rule 11)
EXCEL_ROUNDED_REASON: Final = QT_TRANSLATE_NOOP(
    "Engine", "digits lost by Excel: it rounded the number to its first digits followed by zeros "
    "(shown as 2.53E+11), so those zeros are not the code's; import the original file again "
    "with this column as text")
#: the note of an ISBN-10 converted to its EAN-13 (see "ISBN-10")
ISBN10_NOTE: Final = QT_TRANSLATE_NOOP("Engine", "ISBN-10 {isbn} → {ean}")
_ISBN10_BAD_TEXT: Final = QT_TRANSLATE_NOOP(
    "Engine", "not a valid ISBN-10: the check digit should be {expected}, not {found}")
#: notes no longer written, kept so that reasons stored by earlier versions (journals,
#: exports) still read back into translatable phrases
_RETIRED_NOTES: Final = (QT_TRANSLATE_NOOP("Engine", "leading apostrophe removed"),)

_FIXED_TEXT: Final = {
    _ALL_ZEROS: QT_TRANSLATE_NOOP("Engine", "all zeros, not a code"),
    _LOST: LOST_DIGITS_REASON,
    _ROUNDED: EXCEL_ROUNDED_REASON,
    _DECIMAL: QT_TRANSLATE_NOOP("Engine", "a decimal number, not a code"),
    _LETTERS: QT_TRANSLATE_NOOP("Engine", "contains letters, not only digits"),
    _CONTROL_CHAR: QT_TRANSLATE_NOOP("Engine", "contains a control character"),
    _NO_DIGITS: QT_TRANSLATE_NOOP("Engine", "no digits, not a code"),
    _EDGE_SEP: QT_TRANSLATE_NOOP("Engine", "starts or ends with a hyphen or dot"),
    _BOOL: QT_TRANSLATE_NOOP("Engine", "a TRUE/FALSE cell, not a code"),
    _DATE: QT_TRANSLATE_NOOP("Engine", "a date, not a code"),
}

#: the notes on a usable code, by the flag that earns each (in the order they are written)
_FLAG_NOTES: Final = {
    _F_TRIM_SPACES: QT_TRANSLATE_NOOP("Engine", "spaces removed"),
    _F_INVISIBLE: QT_TRANSLATE_NOOP("Engine", "invisible characters removed"),
    _F_CONTROL: CONTROL_NOTE,
    _F_WHOLE: QT_TRANSLATE_NOOP("Engine", "zero decimals removed"),
    _F_PADDED: QT_TRANSLATE_NOOP("Engine", "leading zeros restored"),
    _F_CIP7: QT_TRANSLATE_NOOP("Engine", "CIP7 converted to CIP13"),
}

#: "separators removed" by the separators found (spaces, hyphens, dots), each combination whole
#: so that a translation can word it as its language needs
_SEPARATOR_NOTES: Final = {
    _F_SPACES: QT_TRANSLATE_NOOP("Engine", "separators removed: spaces"),
    _F_HYPHENS: QT_TRANSLATE_NOOP("Engine", "separators removed: hyphens"),
    _F_DOTS: QT_TRANSLATE_NOOP("Engine", "separators removed: dots"),
    _F_SPACES | _F_HYPHENS: QT_TRANSLATE_NOOP("Engine", "separators removed: spaces, hyphens"),
    _F_SPACES | _F_DOTS: QT_TRANSLATE_NOOP("Engine", "separators removed: spaces, dots"),
    _F_HYPHENS | _F_DOTS: QT_TRANSLATE_NOOP("Engine", "separators removed: hyphens, dots"),
    _F_SPACES | _F_HYPHENS | _F_DOTS: QT_TRANSLATE_NOOP("Engine", "separators removed: spaces, hyphens, dots"),
}

#: reasons that name a number of digits: (one digit, any other number as {n})
_TOO_SHORT_TEXT: Final = (QT_TRANSLATE_NOOP("Engine", "too short: 1 digit (a GTIN has 8 to 14)"),
                          QT_TRANSLATE_NOOP("Engine", "too short: {n} digits (a GTIN has 8 to 14)"))
_TOO_LONG_TEXT: Final = (QT_TRANSLATE_NOOP("Engine", "too long: 1 digit (a GTIN has at most 14)"),
                         QT_TRANSLATE_NOOP("Engine", "too long: {n} digits (a GTIN has at most 14)"))
_BAD_LENGTH_TEXT: Final = (
    QT_TRANSLATE_NOOP("Engine", "1 digit: not a GTIN length (8, 12, 13 or 14); "
                      "if a spreadsheet dropped leading zeros, re-export the column as text"),
    QT_TRANSLATE_NOOP("Engine", "{n} digits: not a GTIN length (8, 12, 13 or 14); "
                      "if a spreadsheet dropped leading zeros, re-export the column as text"),
)
_BAD_CHECK_TEXT: Final = QT_TRANSLATE_NOOP(
    "Engine", "wrong check digit: the last digit should be {expected}, not {found}")

#: reasons quoting the cell: the one placeholder is the quoted text
_QUOTING_TEXT: Final = {
    _CHAR: QT_TRANSLATE_NOOP("Engine", 'contains "{text}", which is not a digit 0-9'),
    _PLACEHOLDER: QT_TRANSLATE_NOOP("Engine", 'the text "{text}" is not a code'),
    _EXCEL: QT_TRANSLATE_NOOP("Engine", "Excel error cell {text}"),
}
#: the same as (text before, text after) the quote, for polars to concatenate
_TEMPLATES: Final = {kind: tuple(text.split("{text}")) for kind, text in _QUOTING_TEXT.items()}

#: every template a reason written here is made of (a reason joins several with "; ")
NOTE_TEMPLATES: Final[tuple[str, ...]] = (
    *_RESTRICTED_TEXT.values(), *_FIXED_TEXT.values(), *_FLAG_NOTES.values(), *_SEPARATOR_NOTES.values(),
    *_TOO_SHORT_TEXT, *_TOO_LONG_TEXT, *_BAD_LENGTH_TEXT, _BAD_CHECK_TEXT, *_QUOTING_TEXT.values(),
    ISBN10_NOTE, _ISBN10_BAD_TEXT, *_RETIRED_NOTES,
)


def _counted(texts: tuple[str, str], n: int) -> str:
    one, many = texts
    return one if n == 1 else many.format(n=n)


def _reason_text(code: int) -> str | None:
    """Reason for a verdict code (see the encoding above)."""
    kind, param = divmod(code, _KIND_SCALE)
    if kind == _OK:
        flags, cat = param & (_FLAG_VALUES - 1), param >> _FLAG_BITS
        parts: list[str] = []
        if flags & _F_TRIM_SPACES and not flags & _F_SPACES:  # else "separators removed: spaces" says it
            parts.append(_FLAG_NOTES[_F_TRIM_SPACES])
        if flags & (_F_TRIM_INVISIBLE | _F_INVISIBLE):
            parts.append(_FLAG_NOTES[_F_INVISIBLE])
        for bit in (_F_CONTROL, _F_WHOLE):
            if flags & bit:
                parts.append(_FLAG_NOTES[bit])
        seps = flags & (_F_SPACES | _F_HYPHENS | _F_DOTS)
        if seps:
            parts.append(_SEPARATOR_NOTES[seps])
        for bit in (_F_PADDED, _F_CIP7):
            if flags & bit:
                parts.append(_FLAG_NOTES[bit])
        if cat:
            parts.append(_RESTRICTED_TEXT[cat])
        return "; ".join(parts) or None
    if kind == _EMPTY:
        return None
    if kind == _TOO_SHORT:
        return _counted(_TOO_SHORT_TEXT, param)
    if kind == _TOO_LONG:
        return _counted(_TOO_LONG_TEXT, param)
    if kind == _BAD_CHECK:
        expected, found = divmod(param, 10)
        return _BAD_CHECK_TEXT.format(expected=expected, found=found)
    if kind == _BAD_LENGTH:
        return _counted(_BAD_LENGTH_TEXT, param)
    if kind == _ISBN_BAD:
        expected, found = divmod(param, 11)
        return _ISBN10_BAD_TEXT.format(expected=_isbn_digit(expected), found=_isbn_digit(found))
    return _FIXED_TEXT[kind]


def _isbn_digit(value: int) -> str:
    """An ISBN-10 check digit as written: 0-9, or X for 10."""
    return "X" if value == 10 else str(value)


def _template(kind: int, detail: str) -> str:
    head, tail = _TEMPLATES[kind]
    return head + detail + tail


def _status_of(kind: int, flags: int) -> Status:
    if kind == _OK:
        return "repaired" if flags & _REPAIRS else "valid"
    return "empty" if kind == _EMPTY else "invalid"


# --- the GS1 arithmetic ----------------------------------------------------------------


def gs1_check_digit(body: str) -> int:
    """GS1 mod-10 check digit of ``body`` (all digits but the check digit), any length.

    Weights 3, 1, 3, ... from the rightmost body digit, so leading zeros never
    change it. The CIP13 check digit is this EAN-13 check digit.
    """
    total = sum(int(c) * (3 if i % 2 == 0 else 1) for i, c in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def _restricted_category(x14: int) -> int:
    hi = x14 // 10**7
    top13 = hi % 10**6  # the GTIN-13 part without its last 7 digits
    if top13 < 10:  # GTIN-13 part starts with five zeros: a GTIN-8
        return {0: 8, 2: 9}.get(hi % 10, 0)
    p3 = top13 // 1000
    if 20 <= p3 <= 29:
        return 1
    if 200 <= p3 <= 299:
        return 2
    if 40 <= p3 <= 49:
        return 3
    if 50 <= p3 <= 59:
        return 4
    if p3 == 980:
        return 5
    if 981 <= p3 <= 984:
        return 6
    if p3 >= 990:
        return 7
    return 0


_CIP13_BASE: Final = 34009 * 10**7  # "34009" + the 7 CIP digits = the 12-digit CIP13 body
_ISBN_BASE: Final = 978 * 10**9  # "978" + the first 9 ISBN-10 digits = the 12-digit EAN-13 body


def isbn10_check_digit(body: str) -> int:
    """ISBN-10 mod-11 check digit of the first nine digits ``body`` (10 is written X).

    Weights 10 down to 2 from the left; the check digit makes the weighted sum
    of all ten digits a multiple of 11. A leading zero weighs nothing, so an
    ISBN-10 missing its leading zero still checks once the zero is back.
    """
    total = sum(int(c) * (10 - i) for i, c in enumerate(body.zfill(9)))
    return (11 - total % 11) % 11


#: digit counts an ISBN-10 is read from in an ISBN column (see "ISBN-10"): ten, or nine or eight
#: (its leading zeros dropped by a spreadsheet, or a 9-digit SBN)
_ISBN_LENGTHS: Final = (8, 9, 10)
#: rule 11: the smallest number Excel's General format shows in scientific notation (12
#: digits) and the significant digits that display keeps at most ("1.23457E+11")
_GENERAL_SCI_FROM: Final = 10**11
_GENERAL_SCI_DIGITS: Final = 6


def _rounded(x: int, scientific: bool) -> bool:
    """Rule 11: does the number ``x`` (> 0) end in zeros an Excel display rounded it to?"""
    if scientific and x % 10 == 0:
        return True
    if x < _GENERAL_SCI_FROM:
        return False
    return x % 10 ** (len(str(x)) - _GENERAL_SCI_DIGITS) == 0




#: digit counts a text cell may have (GTIN-8, UPC-A, EAN-13, GTIN-14); others are not padded
_TEXT_LENGTHS: Final = (8, 12, 13, 14)
#: digit counts of a number cell that lost leading zeros: padded, "leading zeros restored"
_PADDED_LENGTHS: Final = (7, 8, 9, 10, 11, 12)


@dataclass(frozen=True, slots=True)
class _Reading:
    """How to read one cell's digits: the options of the call and what the reader knows of it."""

    cip7: bool = False
    number: bool = False  # a number cell (its leading zeros may have been dropped)
    scientific: bool = False  # a number cell with a scientific number format (rule 11)
    isbn10: bool = False  # the column holds ISBN-10s
    x_check: bool = False  # the value's last character was an ISBN-10 check digit X, read as 0


def _digits_verdict(digits: str, flags: int, how: _Reading) -> tuple[int, int, int, int, bool]:
    """(kind, param, flags, x14, isbn) for a string of ASCII digits; ``isbn``: read as an ISBN-10."""
    n = len(digits)
    if n < 7:
        return _TOO_SHORT, n, flags, 0, False
    if n > 14:
        return _TOO_LONG, min(n, _KIND_SCALE - 1), flags, 0, False
    x = int(digits)
    if x == 0:
        return _ALL_ZEROS, 0, flags, 0, False
    if _rounded(x, how.scientific):
        return _ROUNDED, 0, flags, 0, False
    if how.isbn10 and n in _ISBN_LENGTHS:
        flags = (flags & ~_F_PADDED) | (_F_PADDED if n < 10 else 0)
        found = 10 if how.x_check else x % 10
        expected = isbn10_check_digit(str(x // 10))
        if expected != found:
            return _ISBN_BAD, 11 * expected + found, flags, 0, True
        body = _ISBN_BASE + x // 10
        return _OK, 0, flags, body * 10 + gs1_check_digit(str(body)), True
    kind, param, flags, x14 = _gtin_digits_verdict(x, n, flags, how.cip7, how.number)
    return kind, param, flags, x14, False


def _gtin_digits_verdict(x: int, n: int, flags: int, cip7: bool, number: bool) -> tuple[int, int, int, int]:
    """Rules 12-13 for the ``n``-digit value ``x``: (kind, param, flags, x14)."""
    if cip7 and n == 7:
        body = _CIP13_BASE + x
        x14 = body * 10 + gs1_check_digit(str(body))
        flags |= _F_CIP7
    elif not number and n not in _TEXT_LENGTHS:
        return _BAD_LENGTH, n, flags, 0
    else:
        x14 = x
        if number and n in _PADDED_LENGTHS:
            flags |= _F_PADDED
    expected = gs1_check_digit(str(x14 // 10))
    found = x14 % 10
    if expected != found:
        return _BAD_CHECK, expected * 10 + found, flags, x14
    return _OK, 0, flags, x14


# --- scalar path ---------------------------------------------------------------------


def _value_text(value: object) -> tuple[str | None, int]:
    """Cell value -> (text, kind): kind is _OK unless the value is not a code at all."""
    if value is None:
        return None, _OK
    if isinstance(value, str):
        return value, _OK
    if isinstance(value, bool):
        return None, _BOOL
    if isinstance(value, int):
        return str(value), _OK
    if isinstance(value, float):
        return _float_text(value), _OK
    if isinstance(value, _dt.date | _dt.time):  # datetime is a date
        return None, _DATE
    return str(value), _OK


# Floats are reduced to a text that the string rules judge the same way in both
# paths: whole -> digits, too big to be exact -> a scientific literal (digits
# lost), fractional -> a decimal literal.
_FLOAT_LOST_TEXT: Final = "1E+99"
_FLOAT_DECIMAL_TEXT: Final = "0.5"
_FLOAT_EXACT_LIMIT: Final = 1e15


def _float_text(v: float) -> str | None:
    if math.isnan(v):
        return None
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    if v.is_integer():
        return str(int(v)) if abs(v) < _FLOAT_EXACT_LIMIT else _FLOAT_LOST_TEXT
    return _FLOAT_DECIMAL_TEXT


def _trim(text: str) -> tuple[str, int]:
    """Rule 3: ``text`` without whitespace and invisible characters at its ends, and the flags."""
    s = text.strip(_TRIM)
    if len(s) == len(text):
        return s, 0
    start = len(text) - len(text.lstrip(_TRIM))
    ends = text[:start] + text[start + len(s):]
    flags = _F_TRIM_SPACES if " " in ends else 0
    if ends.strip(" "):  # anything but an ordinary space
        flags |= _F_TRIM_INVISIBLE
    return s, flags


def _text_stage(text: str | None) -> tuple[int, str | None, int, str | None]:
    """Stage A for one text: (kind, digits, flags, reason quoting the cell or None)."""
    if text is None:
        return _EMPTY, None, 0, None
    flags = 0
    if _CRE["control_removed"].search(text):
        flags |= _F_CONTROL
        text = _CRE["control_removed"].sub("", text)
    s, trimmed = _trim(text)
    flags |= trimmed
    if not s:
        return _EMPTY, None, 0, None
    if _CRE["invisible"].search(s):
        flags |= _F_INVISIBLE
        s = _CRE["invisible"].sub("", s)
    inner = _guarded(s)
    if inner is not None:
        s, trimmed = _trim(inner)
        flags |= _F_GUARD | trimmed
        if not s:
            return _EMPTY, None, 0, None
    if s in _EXCEL_ERRORS:
        return _EXCEL, None, flags, _template(_EXCEL, s)
    if _CRE["placeholder"].fullmatch(s):
        return _PLACEHOLDER, None, flags, _template(_PLACEHOLDER, s)
    if _CRE["sci"].fullmatch(s):
        return _LOST, None, flags, None
    m = _CRE["whole"].fullmatch(s)
    if m:
        whole = m.group(1)
        if len(whole.lstrip("0")) > 15:
            return _LOST, None, flags, None
        return _OK, whole, flags | _F_WHOLE, None
    if _CRE["decimal"].fullmatch(s):
        return _DECIMAL, None, flags, None
    if _CRE["separated"].fullmatch(s):
        if _CRE["ws"].search(s):
            flags |= _F_SPACES
        if _CRE["hyphen"].search(s):
            flags |= _F_HYPHENS
        if "." in s:
            flags |= _F_DOTS
        return _OK, _CRE["sep"].sub("", s), flags, None
    if _CRE["pure"].fullmatch(s):
        return _OK, s, flags, None
    if _CRE["letter"].search(s):
        return _LETTERS, None, flags, None
    bad = _CRE["bad"].search(s)
    if bad:
        if _CRE["control"].fullmatch(bad.group(0)):
            return _CONTROL_CHAR, None, flags, None
        return _CHAR, None, flags, _template(_CHAR, bad.group(0))
    if not _CRE["digit"].search(s):
        return _NO_DIGITS, None, flags, None
    return _EDGE_SEP, None, flags, None


def _guarded(s: str) -> str | None:
    """Rule 5: what Excel's text guard around ``s`` holds (``'…`` or ``="…"``), or None."""
    if s.startswith("'"):
        return s[1:]
    if len(s) >= 3 and s.startswith('="') and s.endswith('"'):
        return s[2:-1]
    return None


def _is_number(value: object) -> bool:
    return isinstance(value, numbers.Number) and not isinstance(value, bool)


def _isbn_x(text: str | None) -> tuple[str | None, bool]:
    """An ISBN-10 whose check digit is X, with the X read as 0 so the text rules see digits
    (the verdict reads it back as 10); other texts unchanged. Only in an ISBN column."""
    if text is None or not _CRE["isbn_x"].fullmatch(text):
        return text, False
    return _CRE["isbn_x"].sub(r"\g<1>0\g<2>", text), True


def _isbn10_note(x: int, x_check: bool, x14: int) -> str:
    """The note of an ISBN-10 (its first nine digits and check digit in ``x``) converted to ``x14``."""
    isbn = f"{x:010d}"
    if x_check:
        isbn = isbn[:9] + "X"
    return ISBN10_NOTE.format(isbn=isbn, ean=f"{x14:013d}")


def check_code(
    value: object, *, cip7: bool = False, numeric: bool = False, scientific: bool = False, isbn10: bool = False
) -> CodeCheck:
    """Check one cell value (text as read, or a number/None from a typed reader).

    See the module docstring for the rules. ``cip7=True`` reads 7-digit codes as
    French CIP7 and converts them to CIP13. ``numeric=True`` says that a text
    value is what a *number* cell of the spreadsheet showed (so its leading
    zeros may have been dropped); a number value is a number cell anyway.
    ``scientific=True``: a number cell with a scientific number format (rule 11).
    ``isbn10=True``: the value comes from a column of ISBN-10s ("ISBN-10").
    """
    text, kind = _value_text(value)
    if kind != _OK:
        return CodeCheck(None, "invalid", _reason_text(kind * _KIND_SCALE), False)
    x_check = False
    if isbn10:
        text, x_check = _isbn_x(text)
    kind, digits, flags, detail = _text_stage(text)
    x14 = 0
    param = 0
    isbn = False
    if kind == _OK:
        assert digits is not None
        number_cell = numeric or _is_number(value)
        number = number_cell or bool(flags & _F_WHOLE)
        if number_cell:  # the decimals are the number's rendering, not the cell's text
            flags &= ~_F_WHOLE
        how = _Reading(cip7=cip7, number=number, scientific=scientific, isbn10=isbn10, x_check=x_check)
        kind, param, flags, x14, isbn = _digits_verdict(digits, flags, how)
    status = _status_of(kind, flags)
    if kind != _OK:
        reason = detail if detail is not None else _reason_text(kind * _KIND_SCALE + param)
        return CodeCheck(None, status, reason, False)
    cat = _restricted_category(x14)
    reason = _reason_text(flags | cat << _FLAG_BITS)
    if isbn:
        assert digits is not None
        note = _isbn10_note(int(digits), x_check, x14)
        return CodeCheck(f"{x14:014d}", "repaired", f"{reason}; {note}" if reason else note, cat != 0)
    return CodeCheck(f"{x14:014d}", status, reason, cat != 0)


# --- vectorised path -------------------------------------------------------------------

_OUTPUT_SCHEMA: Final = {
    "gtin14": pl.String,
    "status": pl.String,
    "reason": pl.String,
    "restricted": pl.Boolean,
}


def _nulls(name: str, n: int, dtype: type[pl.DataType]) -> pl.Series:
    """A Series of ``n`` nulls (fast: no Python list of a million Nones)."""
    return pl.repeat(None, n, dtype=dtype, eager=True).rename(name)


def _series_text(values: pl.Series) -> tuple[pl.Series, pl.Series | None]:
    """The column as text following :func:`_value_text`, plus a kind column or None."""
    dtype = values.dtype
    n = values.len()
    if dtype == pl.String:
        return values, None
    if dtype == pl.Null:
        return _nulls(values.name, n, pl.String), None
    if dtype == pl.Boolean:
        kind = pl.select(
            pl.when(values.is_null()).then(pl.lit(_OK)).otherwise(pl.lit(_BOOL)).cast(pl.Int32)
        ).to_series()
        return _nulls(values.name, n, pl.String), kind
    if isinstance(dtype, pl.Date | pl.Datetime | pl.Time):
        kind = pl.select(
            pl.when(values.is_null()).then(pl.lit(_OK)).otherwise(pl.lit(_DATE)).cast(pl.Int32)
        ).to_series()
        return _nulls(values.name, n, pl.String), kind
    if dtype.is_integer():
        return values.cast(pl.String), None
    if dtype.is_float():
        v = pl.col("v")
        text = (
            pl.DataFrame({"v": values.cast(pl.Float64)})
            .select(
                pl.when(v.is_null() | v.is_nan())
                .then(pl.lit(None, dtype=pl.String))
                .when(v.is_infinite())
                .then(pl.when(v > 0).then(pl.lit("inf")).otherwise(pl.lit("-inf")))
                .when((v.floor() == v) & (v.abs() < _FLOAT_EXACT_LIMIT))
                .then(v.cast(pl.Int64, strict=False).cast(pl.String))
                .when(v.floor() == v)
                .then(pl.lit(_FLOAT_LOST_TEXT))
                .otherwise(pl.lit(_FLOAT_DECIMAL_TEXT))
            )
            .to_series()
        )
        return text, None
    # categorical/enum, decimal, ...: their text, like str() in the scalar path
    return values.cast(pl.String), None


def _verdicts(
    rows: pl.DataFrame, kind: int | pl.Expr, *, digits: pl.Expr | None = None,
    flags: pl.Expr | None = None, detail: pl.Expr | None = None,
) -> pl.DataFrame:
    """Stage-A columns (i, kind, digits, flags, detail) for rows that one rule decided.

    ``flags`` defaults to the flags the rows already carry; ``digits`` and
    ``detail`` to null. Every rule returns this same schema, so the groups concatenate.
    """
    none = pl.lit(None, dtype=pl.String)
    return rows.select(
        pl.col("i"),
        kind=(kind if isinstance(kind, pl.Expr) else pl.lit(kind)).cast(pl.Int32),
        digits=none if digits is None else digits.cast(pl.String),
        flags=(pl.col("flags") if flags is None else flags).cast(pl.Int32),
        detail=none if detail is None else detail.cast(pl.String),
    )


def _quoted(kind: int) -> pl.Expr:
    """The reason that quotes the cell, from its template (see :func:`_template`)."""
    head, tail = _TEMPLATES[kind]
    return pl.concat_str([pl.lit(head), pl.col("s"), pl.lit(tail)])


def _trim_flags(before: pl.Expr, after: pl.Expr) -> pl.Expr:
    """Rule 3's flags (Int32) for ``after`` = ``before`` trimmed, as :func:`_trim` gives them.

    Computed without cutting the ends out: they hold a space exactly when
    ``before`` has more spaces than ``after``, and something else exactly when
    stripping only spaces leaves more than ``after``.
    """
    return (
        (before.str.count_matches(" ", literal=True) != after.str.count_matches(" ", literal=True))
        .cast(pl.Int32) * _F_TRIM_SPACES
        + (before.str.strip_chars(" ").str.len_bytes() != after.str.len_bytes()).cast(pl.Int32)
        * _F_TRIM_INVISIBLE
    )


def _clean_start(texts: pl.Series, flags: int) -> pl.DataFrame:
    """Rules 3 to 5 on ``texts``: a frame (i, s, flags), ``s`` ready for the rules that judge it.

    ``flags`` is what every row starts with. Only the rows that can need more
    than the trim are rewritten, unless the trim left nothing (empty, whatever
    it removed): those the trim changed, those with an invisible character
    (every one is non-ASCII: more bytes than characters) and those starting
    with an apostrophe or "=" (a text guard, rule 5: trimming leaves the first
    character as it is, so it is seen before or after rule 4 alike; so is the
    last, and rule 4 removes no quote). The other rows (nearly all) come back
    as trimmed, after the rewritten ones.
    """
    c, t, s = pl.col, pl.col("t"), pl.col("s")
    frame = pl.DataFrame({"t": texts}).with_row_index("i").with_columns(s=t.str.strip_chars(_TRIM))
    needs = frame.select(
        (s.str.len_bytes() > 0)
        & (
            (s.str.len_bytes() != t.str.len_bytes())
            | (s.str.len_bytes() != s.str.len_chars())
            | s.str.starts_with("'")
            | s.str.starts_with("=")
        )
    ).to_series().fill_null(False)
    todo = frame.filter(needs)
    rest = frame.select("i", "s").filter(~needs).with_columns(flags=pl.lit(flags, dtype=pl.Int32))
    if todo.height == 0:
        return rest
    none = pl.lit(0, dtype=pl.Int32)
    todo = (
        todo.with_columns(flags=flags + _trim_flags(t, s), inv=s.str.contains_any(list(_INVISIBLE)))
        .with_columns(
            s=pl.when(c("inv")).then(s.str.replace_all(_RE_INVISIBLE, "")).otherwise(s),
            flags=c("flags") + c("inv").cast(pl.Int32) * _F_INVISIBLE,
        )
        # rule 5, as _guarded(): an apostrophe, else ="…" around the whole value
        .with_columns(apos=s.str.starts_with("'"))
        .with_columns(
            guard=c("apos")
            | (s.str.starts_with('="') & s.str.ends_with('"') & (s.str.len_chars() >= 3))
        )
        .with_columns(
            t=pl.when(c("apos")).then(s.str.slice(1))
            .otherwise(s.str.strip_prefix('="').str.strip_suffix('"'))
        )
        .with_columns(s=pl.when(c("guard")).then(t.str.strip_chars(_TRIM)).otherwise(s))
        .select(
            "i",
            "s",
            # `|`, not `+`: the trim inside the guard can set the bits the first one set
            flags=c("flags") | pl.when(c("guard")).then(_trim_flags(t, s) | _F_GUARD).otherwise(none),
        )
    )
    return pl.concat([todo, rest])


def _whole_number(rows: pl.DataFrame) -> pl.DataFrame:
    """Rule 7, a whole number written as a float: its integer digits, or lost digits."""
    # "123.00" -> "123.": its zeros, then its one point or comma (cheaper than a regex capture)
    whole = pl.col("s").str.strip_chars_end("0").str.strip_chars_end(".,")
    lost = whole.str.strip_chars_start("0").str.len_bytes() > 15
    return _verdicts(
        rows, pl.when(lost).then(pl.lit(_LOST)).otherwise(pl.lit(_OK)), digits=pl.when(~lost).then(whole),
        flags=pl.col("flags") + _F_WHOLE,
    )


def _separated(rows: pl.DataFrame) -> pl.DataFrame:
    """Rule 8, digit groups with separators: the digits, the separators named in the flags."""
    s = pl.col("s")
    return _verdicts(
        rows, _OK,
        # literal replacements (Aho-Corasick): about twice as fast as a regex replace_all
        digits=s.str.replace_many(list(_SEPARATORS), [""] * len(_SEPARATORS)),
        flags=pl.col("flags")
        + s.str.contains_any(list(_WHITESPACE)).cast(pl.Int32) * _F_SPACES
        + s.str.contains_any(list(_HYPHENS)).cast(pl.Int32) * _F_HYPHENS
        + s.str.contains(".", literal=True).cast(pl.Int32) * _F_DOTS,
    )


def _junk(rows: pl.DataFrame) -> pl.DataFrame:
    """Rule 9 for what no other rule took: letters, look-alike digits, control characters..."""
    c = pl.col
    head, tail = _TEMPLATES[_CHAR]
    return _verdicts(
        rows.with_columns(bad=c("s").str.extract("(" + _RE_NOT_DIGIT_OR_SEP + ")", 1)).with_columns(
            kind=pl.when(c("s").str.contains(_P_LETTER)).then(pl.lit(_LETTERS))
            .when(c("bad").is_not_null())
            .then(pl.when(c("bad").str.contains(_RE_CONTROL)).then(pl.lit(_CONTROL_CHAR)).otherwise(pl.lit(_CHAR)))
            .when(~c("s").str.contains(_P_DIGIT)).then(pl.lit(_NO_DIGITS))
            .otherwise(pl.lit(_EDGE_SEP))
        ),
        c("kind"),
        detail=pl.when(c("kind") == _CHAR).then(pl.concat_str([pl.lit(head), c("bad"), pl.lit(tail)])),
    )


#: The rules of :func:`_text_stage` after rules 2 to 5, in its order:
#: (the test, what it decides for the rows it takes).
_TEXT_RULES: Final[tuple[tuple[pl.Expr, Callable[[pl.DataFrame], pl.DataFrame]], ...]] = (
    (pl.col("s").is_null() | (pl.col("s").str.len_bytes() == 0),
     lambda rows: _verdicts(rows, _EMPTY, flags=pl.lit(0))),
    (pl.col("s").is_in(_EXCEL_ERRORS), lambda rows: _verdicts(rows, _EXCEL, detail=_quoted(_EXCEL))),
    (pl.col("s").str.contains(_P_PLACEHOLDER),
     lambda rows: _verdicts(rows, _PLACEHOLDER, detail=_quoted(_PLACEHOLDER))),
    (pl.col("s").str.contains(_P_SCI), lambda rows: _verdicts(rows, _LOST)),
    (pl.col("s").str.contains(_P_WHOLE), _whole_number),
    (pl.col("s").str.contains(_P_DECIMAL), lambda rows: _verdicts(rows, _DECIMAL)),
    (pl.col("s").str.contains(_P_SEPARATED), _separated),
    (pl.col("s").str.contains(_P_PURE), lambda rows: _verdicts(rows, _OK, digits=pl.col("s"))),
)


def _text_stage_frame(texts: pl.Series, *, flags: int = 0) -> pl.DataFrame:
    """Stage A, vectorised (the slow path: only cells that are not plain digits).

    Returns one row per text, columns i (UInt32, the text's position in
    ``texts``), kind (Int32), digits (String), flags (Int32), detail (String),
    mirroring :func:`_text_stage` branch by branch. The rows come grouped by the
    rule that decided them, not in input order: use ``i``.

    Each rule tests only the rows no earlier rule took (a rule's rows are split
    off as a group). A regex costs about the same per row whatever it looks
    for, so this way a row pays for the tests up to its own rule, not for all.
    """
    c = pl.col
    rest = _clean_start(texts, flags)
    groups: list[pl.DataFrame] = []
    for test, decide in _TEXT_RULES:
        if rest.height == 0:
            break
        rest = rest.with_columns(hit=test.fill_null(False))
        taken = rest.filter(c("hit"))
        if taken.height:
            groups.append(decide(taken))
            rest = rest.filter(~c("hit"))
    if rest.height and not flags & _F_CONTROL:
        # Rule 2 comes last here, where it costs nothing to the other rows: no pattern
        # above admits a control character, so every text holding one is in `rest`.
        # Without them it goes through the rules again, as if they had gone first.
        ctrl = rest.get_column("s").str.contains_any(list(_CONTROL_REMOVED))
        if ctrl.any():
            redo = rest.get_column("i").filter(ctrl)
            cleaned = texts.gather(redo).str.replace_all(_RE_CONTROL_REMOVED, "")
            again = _text_stage_frame(cleaned, flags=flags | _F_CONTROL)
            groups.append(again.with_columns(i=pl.lit(redo).gather(c("i"))))
            rest = rest.filter(~ctrl)
    if rest.height:
        groups.append(_junk(rest))
    return pl.concat(groups, rechunk=False)


def _chunk_weights(first_weight: int) -> pl.Series:
    """Weighted digit sum mod 10 of every 5-digit chunk, weights alternating from the right.

    ``first_weight`` is the weight of the chunk's rightmost digit: 3 for a chunk
    starting at an even body position, 1 for an odd one. Only the sum mod 10
    matters for a check digit; UInt8 keeps the table (100 kB) in the CPU cache.
    """
    v = pl.int_range(0, 100_000, dtype=pl.Int32)
    w0, w1 = first_weight, 4 - first_weight
    return pl.select(
        (
            (
                w0 * (v % 10) + w1 * ((v // 10) % 10) + w0 * ((v // 100) % 10)
                + w1 * ((v // 1000) % 10) + w0 * (v // 10_000)
            ) % 10
        ).cast(pl.UInt8).alias("w5")
    ).to_series()


def _category_table() -> pl.Series:
    """Restricted category of every value of the 6 digits after the indicator digit.

    Those digits (``x14 // 10**7 % 10**6``) decide the category alone: below 10
    the GTIN-13 part starts with five zeros and the value *is* the GTIN-8's
    first digit; otherwise its first three digits are the GS1 prefix. One
    gather from this table replaces a chain of comparisons per row.
    """
    by_prefix = pl.Series([_restricted_category(p3 * 10**10 + 10**8) for p3 in range(1000)],
                          dtype=pl.Int8)
    by_gtin8 = pl.Series([_restricted_category(d * 10**7) for d in range(10)], dtype=pl.Int8)
    v = pl.int_range(0, 10**6, dtype=pl.Int32)
    return pl.select(
        pl.when(v < 10)
        .then(pl.lit(by_gtin8).gather(v.clip(upper_bound=9)))
        .otherwise(pl.lit(by_prefix).gather(v // 1000))
        .alias("cat")
    ).to_series()


# Read-only lookup tables, built once at import (a few milliseconds).
_WEIGHTS_EVEN: Final = _chunk_weights(3)
_WEIGHTS_ODD: Final = _chunk_weights(1)
_CATEGORY_TABLE: Final = _category_table()
_STATUS_TEXT: Final = pl.Series("status", ["valid", "repaired", "invalid", "empty"], dtype=pl.String)


def _check_digit_expr(x: pl.Expr) -> pl.Expr:
    """Expected GS1 check digit (UInt8) of the key ``x`` (a <= 14-digit UInt64; its last digit is ignored).

    The 13 body digits are cut into 5-digit chunks (body positions 0-4, 5-9,
    10-12); a 100,000-entry table per weight pattern gives each chunk's
    weighted sum mod 10: three gathers instead of 26 divisions. Unsigned
    arithmetic, because polars' signed floor division and modulo cost 2-3x more.
    """
    body = x // 10
    even, odd = pl.lit(_WEIGHTS_EVEN), pl.lit(_WEIGHTS_ODD)
    total = (
        even.gather(body % 100_000)
        + odd.gather((body // 100_000) % 100_000)
        + even.gather(body // 10_000_000_000)
    )
    return (10 - total % 10) % 10


def _restricted_expr(x14: pl.Expr) -> pl.Expr:
    """Restricted category (Int32) of each key, mirroring :func:`_restricted_category`."""
    return pl.lit(_CATEGORY_TABLE).gather((x14 // 10**7) % 10**6).cast(pl.Int32)


# --- reason ids (vectorised path) ------------------------------------------------------
# The reason column is one gather from a table of texts, indexed by a reason id
# computed with integer arithmetic (no per-row search). The ids below
# _N_FIXED_REASONS mean the same in every call; their texts are built once (on first use), by
# _reason_text, from the verdict code each id stands for (_fixed_reason_codes).
# From _N_FIXED_REASONS on, ids index texts of the call's own: the reasons that
# quote a cell and "too long" (which names any number of digits).

_ID_USABLE: Final = 0  # + flags + _FLAG_VALUES * restricted category (category < 10)
_ID_TOO_SHORT: Final = 10 * _FLAG_VALUES  # + number of digits (0-6)
_ID_BAD_CHECK: Final = _ID_TOO_SHORT + 7  # + 10 * expected + found
_ID_BAD_LENGTH: Final = _ID_BAD_CHECK + 100  # + number of digits (0-14)
_ID_ISBN_BAD: Final = _ID_BAD_LENGTH + 15  # + 11 * expected + found (0-10 each)
_ID_KIND: Final = _ID_ISBN_BAD + 121  # + kind, for the kinds whose reason has no parameter
_N_FIXED_REASONS: Final = _ID_KIND + _EXCEL + 1  # _EXCEL is the largest kind
_PLAIN_KINDS: Final = (
    _EMPTY, _ALL_ZEROS, _LOST, _DECIMAL, _LETTERS, _CONTROL_CHAR, _NO_DIGITS, _EDGE_SEP, _BOOL, _DATE, _ROUNDED,
)


def _fixed_reason_codes() -> list[int | None]:
    """The verdict code of every fixed reason id, in id order (None: an unused id)."""
    codes: list[int | None] = [flags | cat << _FLAG_BITS for cat in range(10) for flags in range(_FLAG_VALUES)]
    codes += [_TOO_SHORT * _KIND_SCALE + n for n in range(7)]
    codes += [_BAD_CHECK * _KIND_SCALE + p for p in range(100)]
    codes += [_BAD_LENGTH * _KIND_SCALE + n for n in range(15)]
    codes += [_ISBN_BAD * _KIND_SCALE + p for p in range(121)]
    codes += [kind * _KIND_SCALE if kind in _PLAIN_KINDS else None for kind in range(_EXCEL + 1)]
    assert len(codes) == _N_FIXED_REASONS
    return codes


@functools.cache
def _fixed_reasons() -> pl.Series:
    """The texts of the fixed reason ids (built on first use: ~20,000 texts, ~30 ms)."""
    return pl.Series(
        "reason",
        [None if code is None else _reason_text(code) for code in _fixed_reason_codes()],
        dtype=pl.String,
    )


def _parse_plain_digits(texts: pl.Series) -> pl.DataFrame:
    """Columns x (UInt64, 0 when not plain digits), nd (UInt32 bytes), plain (Boolean).

    ``plain`` marks the cells that are nothing but 1-14 ASCII digits: the fast
    path, whose digits are the text itself. polars' string -> UInt64 cast
    accepts exactly ``[+]?[0-9]+`` (a test pins this down), so "castable and at
    most 14 bytes" leaves only the '+' to rule out, and a castable text starts
    with '+' exactly when it sorts before "0" ('+' < '0' in byte order; a
    comparison reads the string's inline prefix, much cheaper than starts_with).
    """
    c = pl.col
    return (
        pl.DataFrame({"t": texts})
        .lazy()
        .with_columns(x=c("t").cast(pl.UInt64, strict=False), nd=c("t").str.len_bytes())
        .select(
            x=c("x").fill_null(0),
            nd=c("nd"),
            plain=(c("x").is_not_null() & (c("nd") <= 14) & (c("t") >= "0")).fill_null(False),
        )
        .collect()
    )


def _slow_rows(texts: pl.Series, slow: pl.Series) -> tuple[pl.DataFrame, pl.Series]:
    """Stage A for the cells that are not plain digits (``slow`` is True), as numbers.

    Returns a frame (idx, kind, flags, nd, x, own) with a row per slow cell,
    ``idx`` its position in the column; and the texts that ``own`` indexes:
    ``own`` is 1 + the index of the cell's own reason in them, or 0. A cell has
    its own reason when it is quoted, or when it has more than 14 digits (the
    "too long" reason that stage B will give it names their number).
    """
    c = pl.col
    stage = _text_stage_frame(texts.filter(slow))
    stage = stage.with_columns(
        idx=pl.lit(slow.arg_true()).gather(c("i")), nd=c("digits").str.len_bytes().fill_null(0)
    )
    quotes = stage.get_column("detail").drop_nulls().unique().sort()
    long_nd = stage.get_column("nd").filter(stage.get_column("nd") > 14).unique().sort()
    own_texts = pl.concat([
        quotes,
        pl.Series([_reason_text(_TOO_LONG * _KIND_SCALE + min(n, _KIND_SCALE - 1)) for n in long_nd],
                  dtype=pl.String),
    ])
    frame = stage.select(
        "idx", "kind", "flags", "nd",
        # 0 stands for "no number": more than 14 digits is "too long" whatever their value
        x=pl.when(c("nd") <= 14).then(c("digits").cast(pl.UInt64, strict=False)).fill_null(0),
        own=pl.when(c("detail").is_not_null())
        .then(pl.lit(quotes).search_sorted(c("detail")).cast(pl.Int32) + 1)
        .when(c("nd") > 14)
        .then(pl.lit(long_nd).search_sorted(c("nd")).cast(pl.Int32) + (quotes.len() + 1))
        .otherwise(pl.lit(0, dtype=pl.Int32)),
    )
    return frame, own_texts


def _general_rounded(x: pl.Series) -> pl.Series | None:
    """Rule 11's General half on the keys ``x`` (at most 14 digits), as :func:`_rounded`: 12, 13
    or 14 digits ending in at least 6, 7 or 8 zeros. None when no key does (the usual column).

    Six zeros at the end and 12 digits are needed for any of them, so one modulo over the
    column (~1.5 ms per 1M values) answers for nearly every column; the whole rule, inside
    stage B's chain, cost ~11 ms per 1M values on every call.
    """
    assert _GENERAL_SCI_FROM == 10**11 and _GENERAL_SCI_DIGITS == 6
    if not ((x % 10**6 == 0) & (x >= 10**11)).any():
        return None
    v = pl.col("x")
    return (
        x.to_frame("x")
        .select(
            rnd=(v % 10**6 == 0) & (v >= 10**11)
            & ((v < 10**12) | ((v % 10**7 == 0) & ((v < 10**13) | (v % 10**8 == 0))))
        )
        .to_series()
    )


def _rounded_expr(x: pl.Expr, rounded: bool, scientific: bool) -> pl.Expr:
    """Rule 11 in stage B: the column ``rnd`` (from :func:`_general_rounded`) when there is one,
    and with ``scientific`` a number cell of a scientific format (column ``sci``) ending in 0."""
    out = pl.col("rnd") if rounded else pl.lit(False)
    if scientific:
        out = out | (pl.col("sci") & (x % 10 == 0))
    return out


def _isbn10_check_expr(body9: pl.Expr) -> pl.Expr:
    """ISBN-10 check digit (0-10) of the nine digits ``body9``, as :func:`isbn10_check_digit`."""
    total = pl.lit(0, dtype=pl.UInt64)
    for j in range(9):  # the j-th digit from the right weighs j + 2
        total = total + (j + 2) * ((body9 // 10**j) % 10)
    return ((11 - total % 11) % 11).cast(pl.Int32)


_ISBN_NOTE_PARTS: Final = (
    ISBN10_NOTE.split("{isbn}")[0], *ISBN10_NOTE.split("{isbn}")[1].split("{ean}"),
)


def _final_verdicts(
    columns: pl.DataFrame, *, cip7: bool, number: bool, isbn10: bool = False, detail: bool = False
) -> pl.DataFrame:
    """Stage B for every cell: the digit rules 11-14 on numeric columns.

    ``columns`` has kind, flags, own (Int32, see :func:`_slow_rows`), nd
    (UInt32: number of digits), x (UInt64: their value) and optionally num
    (Boolean: the cell was a number cell), sci (Boolean: a number cell with a
    scientific format), xck (Boolean: an ISBN-10 X read as 0) and rnd (Boolean: rule 11's
    General half, see :func:`_general_rounded`). ``number``:
    every cell was. Returns gtin14, status, restricted and reason_id (Int32,
    see "reason ids"); with ``isbn10`` also isbn_note (String, the note of an
    ISBN-10 converted, else null); with ``detail`` also kind, nd and isbn
    (Boolean: read as an ISBN-10), for :func:`column_profile`.
    """
    c = pl.col
    whole = (c("flags") & _F_WHOLE) != 0  # a whole number written as a float: a number
    if number:
        q = columns.lazy().with_columns(num=pl.lit(True), flags=c("flags") & ~_F_WHOLE)
    elif "num" in columns.columns:
        q = columns.lazy().with_columns(
            num=c("num") | whole,
            flags=pl.when(c("num")).then(c("flags") & ~_F_WHOLE).otherwise(c("flags")),
        )
    else:
        q = columns.lazy().with_columns(num=whole)
    x, nd = c("x"), c("nd")
    bad_lengths = [n for n in range(7, 15) if n not in _TEXT_LENGTHS and not (cip7 and n == 7)]
    if isbn10:
        isbn_cand = nd.is_in(_ISBN_LENGTHS)
        if "xck" not in columns.columns:
            q = q.with_columns(xck=pl.lit(False))
    else:
        isbn_cand = pl.lit(False)
    # read as an ISBN-10 (a column only in an ISBN column: the usual call carries none)
    isbn = c("isbn") if isbn10 else pl.lit(False)
    q = q.with_columns(
        kind=pl.when(c("kind") != _OK).then(c("kind"))
        .when(nd < 7).then(pl.lit(_TOO_SHORT))
        .when(nd > 14).then(pl.lit(_TOO_LONG))
        .when(x == 0).then(pl.lit(_ALL_ZEROS))
        .when(_rounded_expr(x, "rnd" in columns.columns, "sci" in columns.columns)).then(pl.lit(_ROUNDED))
        .when(~c("num") & nd.is_in(bad_lengths) & ~isbn_cand).then(pl.lit(_BAD_LENGTH))
        .otherwise(pl.lit(_OK))
        .cast(pl.Int32),
    )
    if isbn10:
        q = q.with_columns(isbn=(c("kind") == _OK) & isbn_cand)
    lo, hi = _PADDED_LENGTHS[0], _PADDED_LENGTHS[-1]
    padded = (c("num") & nd.is_between(lo, hi)).cast(pl.Int32) * _F_PADDED
    # Only the branches a call can take are built: a when/then is computed on every row, and a
    # check digit costs three gathers per row. The usual column (no CIP7, no ISBN) pays for none.
    x14: pl.Expr = x
    new_flags = c("flags") + padded
    if cip7:
        cip_body = (pl.lit(_CIP13_BASE, dtype=pl.UInt64) + x) * 10
        x14 = pl.when(nd == 7).then(cip_body + _check_digit_expr(cip_body)).otherwise(x)
        new_flags = c("flags") + pl.when(nd == 7).then(pl.lit(_F_CIP7)).otherwise(padded)
    if isbn10:
        q = q.with_columns(
            i_expected=_isbn10_check_expr(x // 10),
            i_found=pl.when(c("xck")).then(pl.lit(10)).otherwise((x % 10).cast(pl.Int32)).cast(pl.Int32),
        ).with_columns(
            kind=pl.when(c("isbn") & (c("i_expected") != c("i_found"))).then(pl.lit(_ISBN_BAD))
            .otherwise(c("kind")).cast(pl.Int32),
        )
        isbn_body = (pl.lit(_ISBN_BASE, dtype=pl.UInt64) + x // 10) * 10
        x14 = pl.when(c("isbn")).then(isbn_body + _check_digit_expr(isbn_body)).otherwise(x14)
        # zeros put back in front of an ISBN-10 are noted; a GTIN's padding does not apply
        new_flags = pl.when(c("isbn")).then(c("flags") + (nd < 10).cast(pl.Int32) * _F_PADDED).otherwise(new_flags)
    q = q.with_columns(x14=x14, flags=new_flags)
    q = (
        q.with_columns(
            expected=_check_digit_expr(c("x14")).cast(pl.Int32),
            found=(c("x14") % 10).cast(pl.Int32),
            cat=_restricted_expr(c("x14")),
        )
        .with_columns(
            kind=pl.when((c("kind") == _OK) & (c("expected") != c("found")))
            .then(pl.lit(_BAD_CHECK))
            .otherwise(c("kind")),
        )
        .with_columns(ok=c("kind") == _OK)
    )
    reason_id = (
        pl.when(c("ok"))
        .then(_ID_USABLE + c("flags") + _FLAG_VALUES * c("cat"))
        .when(c("kind") == _TOO_SHORT)
        .then(_ID_TOO_SHORT + nd.cast(pl.Int32))
        .when(c("kind") == _BAD_LENGTH)
        .then(_ID_BAD_LENGTH + nd.cast(pl.Int32))
        .when(c("kind") == _BAD_CHECK)
        .then(_ID_BAD_CHECK + 10 * c("expected") + c("found"))
        .when(c("kind") == _ISBN_BAD)  # (only in an ISBN column)
        .then(_ID_ISBN_BAD + (11 * c("i_expected") + c("i_found") if isbn10 else pl.lit(0)))
        .when(c("kind").is_in([_CHAR, _PLACEHOLDER, _EXCEL, _TOO_LONG]))
        .then(_N_FIXED_REASONS - 1 + c("own"))
        .otherwise(_ID_KIND + c("kind"))
        .cast(pl.Int32)
    )
    extra: dict[str, pl.Expr] = {}
    if isbn10:
        # the ISBN-10 as written (ten digits, or nine and X) and its EAN-13, for the note
        ten = (x + 10**10).cast(pl.String).str.slice(1)
        isbn_text = pl.when(c("xck")).then(ten.str.slice(0, 9) + "X").otherwise(ten)
        head, mid, tail = _ISBN_NOTE_PARTS
        extra["isbn_note"] = pl.when(c("ok") & c("isbn")).then(
            pl.concat_str([pl.lit(head), isbn_text, pl.lit(mid), c("x14").cast(pl.String), pl.lit(tail)])
        )
    if detail:
        extra |= {"kind": c("kind"), "nd": nd, "isbn": isbn}
    return q.select(
        # the key as 14 digits: 10**14 + key has 15, the first being a 1 to drop
        # (one integer -> text cast, cheaper than padding; null where unusable)
        gtin14=(pl.when(c("ok")).then(c("x14")) + 10**14).cast(pl.String).str.slice(1, 14),
        status=pl.lit(_STATUS_TEXT).gather(
            pl.when(c("ok"))
            .then((((c("flags") & _REPAIRS) != 0) | isbn).cast(pl.Int32))
            .when(c("kind") == _EMPTY)
            .then(pl.lit(3, dtype=pl.Int32))
            .otherwise(pl.lit(2, dtype=pl.Int32))
        ),
        restricted=c("ok") & (c("cat") != 0),
        reason_id=reason_id,
        **extra,
    ).collect()


def _verdict_frame(
    values: pl.Series, *, cip7: bool, numeric: bool | pl.Series | None, scientific: pl.Series | None,
    isbn10: bool, detail: bool,
) -> tuple[pl.DataFrame, pl.Series]:
    """Stages A and B over a column: :func:`_final_verdicts`' frame and the reason texts it indexes."""
    n = values.len()
    number = values.dtype.is_numeric() or numeric is True
    num = _mask(numeric, n, "numeric") if isinstance(numeric, pl.Series) and not number else None
    sci = _mask(scientific, n, "scientific") if scientific is not None else None
    if sci is not None and not sci.any():
        sci = None  # nothing to look at: the common case pays nothing for rule 11's format half
    texts, pre_kind = _series_text(values)
    xck: pl.Series | None = None
    if isbn10:
        hit = texts.str.contains(_P_ISBN_X).fill_null(False)
        if hit.any():
            texts = pl.select(
                pl.when(pl.lit(hit)).then(pl.lit(texts).str.replace(_P_ISBN_X, "${1}0${2}")).otherwise(pl.lit(texts))
            ).to_series()
            xck = hit.rename("xck")
    parsed = _parse_plain_digits(texts)
    x, nd = parsed.get_column("x"), parsed.get_column("nd")
    kind = pl.zeros(n, pl.Int32, eager=True)
    flags = pl.zeros(n, pl.Int32, eager=True)
    own = pl.zeros(n, pl.Int32, eager=True)
    reasons = _fixed_reasons()
    slow = ~parsed.get_column("plain")
    if slow.any():
        rows, own_texts = _slow_rows(texts, slow)
        idx = rows.get_column("idx")
        for target, name in ((x, "x"), (nd, "nd"), (kind, "kind"), (flags, "flags"), (own, "own")):
            target.scatter(idx, rows.get_column(name))
        reasons = pl.concat([reasons, own_texts])
    if pre_kind is not None:  # booleans and dates: not codes whatever their text
        kind = pl.select(pl.when(pre_kind != _OK).then(pre_kind).otherwise(kind)).to_series()

    columns = pl.DataFrame({"kind": kind, "flags": flags, "own": own, "nd": nd, "x": x})
    for extra in (num, sci, xck, _general_rounded(x)):
        if extra is not None:
            columns = columns.with_columns(extra)
    out = _final_verdicts(columns, cip7=cip7, number=number, isbn10=isbn10, detail=detail)
    return out, reasons


def _mask(flags: pl.Series, n: int, name: str) -> pl.Series:
    """A per-value Boolean option as a column named ``num``/``sci`` (null: False)."""
    if flags.len() != n:
        raise ValueError(f"{name} has {flags.len()} entries for {n} values")
    return flags.cast(pl.Boolean).fill_null(False).rename({"numeric": "num", "scientific": "sci"}[name])


def check_column(
    values: pl.Series, *, cip7: bool = False, numeric: bool | pl.Series | None = None,
    scientific: pl.Series | None = None, isbn10: bool = False,
) -> pl.DataFrame:
    """Check a whole column at once; the result has one row per value, in order.

    Columns: ``gtin14`` (String, null when unusable), ``status`` (String: valid,
    repaired, invalid, empty), ``reason`` (String or null), ``restricted``
    (Boolean). Gives exactly what :func:`check_code` gives value by value
    (with ``numeric=`` and ``scientific=`` the value's entry of each).

    ``numeric`` says which text values are what a *number* cell showed (see
    "Number cells and text cells"): a Boolean Series as long as ``values``
    (null: text), or True for all. An integer, float or decimal column is
    numbers anyway. ``scientific`` says which were number cells with a
    scientific number format (rule 11), the same way. ``isbn10``: the column
    holds ISBN-10s (see "ISBN-10").

    Plain digit strings of up to 14 digits (most cells) take a fast path: one
    integer cast is all their text rules. Only the other cells go through the
    text rules, and their results are scattered back as numbers. Then the digit
    rules run on integers for every cell at once; text is built only for the
    output. No Python loop per row.
    """
    if values.len() == 0:
        _verdict_options(values, numeric, scientific)
        return pl.DataFrame(schema=_OUTPUT_SCHEMA)
    out, reasons = _verdict_frame(values, cip7=cip7, numeric=numeric, scientific=scientific, isbn10=isbn10,
                                  detail=False)
    reason = reasons.gather(out.get_column("reason_id")).rename("reason")
    if isbn10:
        note = out.get_column("isbn_note")
        if note.is_not_null().any():
            reason = pl.select(
                pl.when(pl.lit(note).is_null()).then(pl.lit(reason))
                .when(pl.lit(reason).is_null()).then(pl.lit(note))
                .otherwise(pl.concat_str([pl.lit(reason), pl.lit("; "), pl.lit(note)]))
            ).to_series().rename("reason")
    return pl.DataFrame(
        {
            "gtin14": out.get_column("gtin14"),
            "status": out.get_column("status"),
            "reason": reason,
            "restricted": out.get_column("restricted"),
        }
    )


def _verdict_options(values: pl.Series, numeric: bool | pl.Series | None, scientific: pl.Series | None) -> None:
    """Raise ValueError when a per-value option is not as long as ``values``."""
    for name, option in (("numeric", numeric), ("scientific", scientific)):
        if isinstance(option, pl.Series):
            _mask(option, values.len(), name)


#: the kinds of a value whose digits an Excel display rounded or wrote in scientific notation
_LOST_KINDS: Final = (_LOST, _ROUNDED)


def column_profile(
    values: pl.Series, *, cip7: bool = False, numeric: bool | pl.Series | None = None,
    scientific: pl.Series | None = None, isbn10: bool = False,
) -> pl.DataFrame:
    """What choosing a code column needs to know of each value (same options as :func:`check_column`).

    Boolean columns, one row per value: ``usable`` (valid or repaired),
    ``empty``, ``lost`` (digits lost: scientific notation, rounded by Excel),
    ``shaped`` (looks like a product code even if it is not a valid one: usable,
    lost, wrong only by its check digit with a GTIN length of 8, 12, 13 or 14
    digits, or an ISBN-10 candidate in ISBN mode), ``isbn10`` (read as an
    ISBN-10, valid or not) and ``isbn10_valid``.
    """
    if values.len() == 0:
        return pl.DataFrame(schema=dict.fromkeys(
            ("usable", "empty", "lost", "shaped", "isbn10", "isbn10_valid"), pl.Boolean))
    out, _ = _verdict_frame(values, cip7=cip7, numeric=numeric, scientific=scientific, isbn10=isbn10,
                            detail=True)
    c = pl.col
    usable = c("gtin14").is_not_null()
    lost = c("kind").is_in(_LOST_KINDS)
    return out.select(
        usable=usable,
        empty=c("kind") == _EMPTY,
        lost=lost,
        shaped=usable | lost | c("isbn") | ((c("kind") == _BAD_CHECK) & c("nd").is_in(_TEXT_LENGTHS)),
        isbn10=c("isbn"),
        isbn10_valid=c("isbn") & usable,
    )


def count_text_guards(values: pl.Series) -> int:
    """How many values carry Excel's text guard (rule 5: a leading apostrophe, or ="…" around the
    value), which the rules remove without a note: the reader says it once for the column."""
    if values.dtype != pl.String or values.len() == 0:
        return 0
    # one Aho-Corasick pass answers for the usual column, which has neither (~25 ms per 1M values)
    if not values.str.contains_any(["'", '="']).any():
        return 0
    s = pl.col("s")
    return int(
        pl.DataFrame({"s": values.str.strip_chars(_TRIM).str.replace_all(_RE_INVISIBLE, "")})
        .select(
            (s.str.starts_with("'") | (s.str.starts_with('="') & s.str.ends_with('"') & (s.str.len_chars() >= 3)))
            .sum()
        )
        .item()
    )
