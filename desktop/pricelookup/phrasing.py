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

__all__ = ["COMMA", "CONTEXT", "QT_TRANSLATE_NOOP", "SEMICOLON", "Phrase", "joined", "phrase", "read_phrases",
           "render"]

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


#: how the parts of a list are joined ("a; b", "a, b"): a template too, since languages space them differently
SEMICOLON = QT_TRANSLATE_NOOP("Engine", "{first}; {then}")
COMMA = QT_TRANSLATE_NOOP("Engine", "{first}, {then}")


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
