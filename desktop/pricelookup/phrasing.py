"""The engine's words as templates a face can translate, without the engine knowing Qt.

The engine speaks English: the CLI prints it, the log, the export and the journal
store it, and that does not change. The window speaks French too. So the messages
it shows from the engine (the reader's errors, the notes on each row) are built
from a :class:`Phrase`: an English template such as ``"{path}: file not found"``
and its parameters. ``str(phrase)`` is the English text, exactly what the engine
said before; the window translates the template instead and fills in the same
parameters (see ``pricelookup.gui.messages``).

Templates are marked with :func:`QT_TRANSLATE_NOOP` in the context
:data:`CONTEXT`. That is the name Qt's own ``pyside6-lupdate`` looks for, so it
extracts them into ``resources/translations/pricelookup_fr.ts`` like any window
string; here the function only returns its text. The marker must be called with
two string literals (lupdate reads the source, not the values).

Notes stored as plain English text (a row's reason in the checks table) are read
back into phrases by :func:`read_phrases`, matching them against the templates
that wrote them.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = ["COMMA", "CONTEXT", "HISTORY_OFF", "OFFICISCAN_NO_EAN13", "PRICEAPI_NOT_FOUND", "PRICEAPI_NO_ANSWER",
           "PRICEAPI_NO_OFFERS", "PRICEAPI_RESTRICTED", "QT_TRANSLATE_NOOP", "SEMICOLON", "SOURCE_CODE_FAILED",
           "SOURCE_FAILED", "SOURCE_NOTE_TEMPLATES", "SOURCE_NOT_YET", "SOURCE_NO_DATA", "SOURCE_NO_HISTORY",
           "SOURCE_OFF", "Phrase", "joined", "phrase", "read_phrases", "render"]

#: the translation context of every engine template (``<context><name>Engine</name>`` in the .ts)
CONTEXT = "Engine"


# an upper-case function name, against PEP 8: it is the name pyside6-lupdate recognises
def QT_TRANSLATE_NOOP(context: str, text: str) -> str:
    """``text`` unchanged: the call marks it for ``pyside6-lupdate`` under ``context``."""
    return text


@dataclass(frozen=True)
class Phrase:
    """An English template with ``{name}`` placeholders and the values that fill them.

    Picklable (errors carrying one cross from the engine's child process to the
    window) and compared by value.
    """

    template: str
    #: text, a number, or another phrase (translated too)
    params: Mapping[str, str | int | Phrase] = field(default_factory=dict)

    def __str__(self) -> str:
        return render(self, _same)


def _same(text: str) -> str:
    return text


def phrase(template: str, /, **params: str | int | Phrase) -> Phrase:
    """A :class:`Phrase` of ``template`` (a :func:`QT_TRANSLATE_NOOP` result) and ``params``."""
    return Phrase(template, params)


def counted(n: int, one: str, many: str) -> Phrase:
    """``n`` things in words, the English plural chosen here: ``one`` (a template saying "1 code")
    for 1, else ``many`` with ``{n}`` written with thousands separators ("1,234 codes")."""
    return Phrase(one) if n == 1 else phrase(many, n=f"{n:,}")


#: how the parts of a list are joined ("a; b", "a, b"): a template too, since languages space them differently
SEMICOLON = QT_TRANSLATE_NOOP("Engine", "{first}; {then}")
COMMA = QT_TRANSLATE_NOOP("Engine", "{first}, {then}")

# --- why a source shows nothing for one product (``pricelookup.detail.SourceNote``: the window's
# detail pane, ``pricelookup show``). ``{source}`` is a service's name (PriceAPI, Monitorize,
# OfficiScan), which is not translated; ``{message}`` and ``{reason}`` are the engine's English.
SOURCE_OFF = QT_TRANSLATE_NOOP("Engine", "{source} was not asked in this run")
SOURCE_FAILED = QT_TRANSLATE_NOOP("Engine", "{source} failed in this run: {message}")
SOURCE_CODE_FAILED = QT_TRANSLATE_NOOP("Engine", "{source} could not be asked for this product: {message}")
SOURCE_NOT_YET = QT_TRANSLATE_NOOP("Engine", "{source} has not answered for this product yet")
SOURCE_NO_DATA = QT_TRANSLATE_NOOP("Engine", "{source} has no data for this product")
SOURCE_NO_HISTORY = QT_TRANSLATE_NOOP("Engine", "{source} has no history for this product")
HISTORY_OFF = QT_TRANSLATE_NOOP("Engine", "{source} price history was not asked in this run")
PRICEAPI_NOT_FOUND = QT_TRANSLATE_NOOP("Engine", "PriceAPI did not find this product")
PRICEAPI_NO_ANSWER = QT_TRANSLATE_NOOP("Engine", "PriceAPI gave no answer for this product: {reason}")
PRICEAPI_NO_OFFERS = QT_TRANSLATE_NOOP("Engine", "PriceAPI lists no offers for this product")
PRICEAPI_RESTRICTED = QT_TRANSLATE_NOOP(
    "Engine", "PriceAPI was not asked for this code: restricted codes are left out of the look-up")
OFFICISCAN_NO_EAN13 = QT_TRANSLATE_NOOP(
    "Engine", "OfficiScan was not asked for this code: it is asked with EAN-13 codes only")
#: every template a :class:`~pricelookup.detail.SourceNote` is made of
SOURCE_NOTE_TEMPLATES = (SOURCE_OFF, SOURCE_FAILED, SOURCE_CODE_FAILED, SOURCE_NOT_YET, SOURCE_NO_DATA,
                         SOURCE_NO_HISTORY, HISTORY_OFF, PRICEAPI_NOT_FOUND, PRICEAPI_NO_ANSWER, PRICEAPI_NO_OFFERS,
                         PRICEAPI_RESTRICTED, OFFICISCAN_NO_EAN13)


def joined(parts: Sequence[Phrase], pair: str = SEMICOLON) -> Phrase:
    """``parts`` (at least one) as one phrase, each translated on its own and joined by ``pair``."""
    head = parts[0]
    for part in parts[1:]:
        head = phrase(pair, first=head, then=part)
    return head


def render(p: Phrase, translate: Callable[[str], str]) -> str:
    """``p`` with ``translate`` applied to its template and to those of the phrases among its params.

    A translation whose placeholders do not fit the parameters falls back to the
    English template rather than failing (tests/gui/test_translations.py keeps
    them equal, but a message must never be lost to a typo).
    """
    values = {k: render(v, translate) if isinstance(v, Phrase) else str(v) for k, v in p.params.items()}
    try:
        return translate(p.template).format_map(values)
    except (KeyError, IndexError, ValueError):
        return p.template.format_map(values)


@lru_cache(maxsize=32)
def _patterns(templates: tuple[str, ...], separator: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """One regex per template: literal text as is, each ``{name}`` a lazy group ending at a separator."""
    end = "(?=" + re.escape(separator) + r"|\Z)"
    compiled = []
    for template in templates:
        parts = []
        for literal, name, _spec, _conv in string.Formatter().parse(template):
            parts.append(re.escape(literal))
            if name is not None:
                parts.append(f"(?P<{name}>.+?)")
        compiled.append((template, re.compile("".join(parts) + end, re.DOTALL)))
    return tuple(compiled)


def read_phrases(text: str, templates: Iterable[str], *, separator: str = "; ") -> tuple[Phrase, ...] | None:
    """``text`` (notes joined by ``separator``) read back as the phrases that wrote it, or None.

    At each position the longest template that matches up to a separator or the
    end wins, so a template that itself contains the separator ("...; re-export
    the column as text") is read whole. None when any part matches no template:
    the caller then shows ``text`` as it is.
    """
    patterns = _patterns(tuple(templates), separator)
    found: list[Phrase] = []
    pos = 0
    while True:
        best: tuple[str, re.Match[str]] | None = None
        for template, pattern in patterns:
            m = pattern.match(text, pos)
            if m is not None and (best is None or m.end() > best[1].end()):
                best = (template, m)
        if best is None:
            return None
        template, m = best
        found.append(Phrase(template, m.groupdict()))
        if m.end() == len(text):
            return tuple(found)
        pos = m.end() + len(separator)


#: how deep :func:`read_phrase` reads parameters back (a phrase's parameter that is a phrase...)
_DEPTH = 6


@lru_cache(maxsize=32)
def _whole_patterns(templates: tuple[str, ...]) -> tuple[tuple[str, re.Pattern[str], int], ...]:
    """Per template: a regex for a whole text (literal text as is, each ``{name}`` a lazy group) and
    how many characters of literal text it has."""
    compiled = []
    for template in templates:
        parts: list[str] = []
        seen: set[str] = set()
        literal = 0
        for text, name, _spec, _conv in string.Formatter().parse(template):
            parts.append(re.escape(text))
            literal += len(text)
            if name is not None:
                parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
                seen.add(name)
        compiled.append((template, re.compile("".join(parts), re.DOTALL), literal))
    return tuple(compiled)


def read_phrase(text: str, templates: Iterable[str]) -> Phrase | None:
    """``text`` read back whole as the phrase that wrote it, or None when no template matches it.

    For English stored as text that was made of nested phrases (a service's failure kept in the
    journal: ``"{service}: {message}"`` around ``"the service is unavailable ({answer}) ..."``
    around ``"HTTP {code}"``): each parameter is read back too, and stays text when no template
    matches it (a path, a number, the service's own words). When several readings match, the one
    whose templates account for the most of the text wins. ``str()`` of the result is ``text``.
    """
    found = _read_whole(text, tuple(templates), 0)
    return found[0] if found is not None else None


def _read_whole(text: str, templates: tuple[str, ...], depth: int) -> tuple[Phrase, int, int] | None:
    """The best reading of ``text``: its phrase, how many characters its templates account for, and how
    many the outermost one does (between equal readings, the one whose outer template says most wins:
    "{answer}, answered with an error page" around "HTTP {code}", not the other way round)."""
    best: tuple[Phrase, int, int] | None = None
    for template, pattern, literal in _whole_patterns(templates):
        m = pattern.fullmatch(text)
        if m is None:
            continue
        score = literal
        params: dict[str, str | int | Phrase] = {}
        for name, value in m.groupdict().items():
            inner = _read_whole(value, templates, depth + 1) if depth < _DEPTH else None
            if inner is not None and inner[1] > 0:
                params[name], score = inner[0], score + inner[1]
            else:
                params[name] = value
        if best is None or (score, literal) > best[1:]:
            best = (Phrase(template, params), score, literal)
    return best
