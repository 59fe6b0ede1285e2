"""Which column holds the product codes.

Two signals, both required to agree when they can:

* the header name (EAN, GTIN-14, UPC, code-barres, "Code EAN", CIP13, ACL,
  Gencod... — case-, accent- and punctuation-insensitive, matched by whole
  words so "Clean" or "Scan date" do not count);
* the content: the share of a sample of the column's values that normalise
  to a usable code (``pricelookup.gtin.check_column`` says valid or
  repaired). A numeric "SKU" or "Prix" column fails this, because random
  numbers pass a GS1 check digit one time in ten at best.

``column=`` overrides by header name or by sheet column letter.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

import polars as pl

from pricelookup.errors import SettingsError
from pricelookup.gtin import check_column
from pricelookup.phrasing import COMMA, QT_TRANSLATE_NOOP, Phrase, joined, phrase

#: compact header words (accents, case, spaces and punctuation removed) that name a code column
CODE_WORDS = frozenset(
    {
        "ean", "eans", "ean8", "ean13", "ean14", "eanucc", "eancode", "codeean", "ean13code",
        "gtin", "gtins", "gtin8", "gtin12", "gtin13", "gtin14", "codegtin",
        "upc", "upca", "upce", "upc12", "codeupc",
        "barcode", "barcodes", "codebarre", "codebarres", "codesbarres",
        "cip", "cip7", "cip13", "codecip",
        "acl", "acl7", "acl13", "codeacl",
        "gencod", "gencode", "codegencod",
        "isbn", "isbn13",
    }
)
_WORD_RE = re.compile(r"^(ean|gtin|upc|cip|acl|isbn)\d{0,2}$")
SAMPLE_SIZE = 2_000
CONTENT_SHARE = 0.5  # a column found by content alone must be mostly codes
NAMED_SHARE_FLOOR = 0.2  # below this a named column loses to a column that is mostly codes
OTHER_CODES_SHARE = 0.8  # another column this full of valid codes is named in the reason


@dataclass(frozen=True)
class CodeColumn:
    """The chosen column and why (shown to the analyst; the window translates the phrase)."""

    name: str
    why: Phrase

    @property
    def reason(self) -> str:
        """Why, in English (the CLI, the export and the journal)."""
        return str(self.why)


def fold(text: str) -> str:
    """Lower-case, accents removed, punctuation turned into spaces."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(re.sub(r"[^0-9a-z]+", " ", plain.casefold()).split())


def header_match(header: str) -> str | None:
    """The code word a header contains ("EAN 13" -> "ean13"), else None."""
    tokens = fold(header).split()
    if not tokens:
        return None
    joined = "".join(tokens)
    if joined in CODE_WORDS:
        return joined
    for n in (3, 2):  # "code barre s", "code ean", "ean 13"
        for i in range(len(tokens) - n + 1):
            compact = "".join(tokens[i : i + n])
            if compact in CODE_WORDS:
                return compact
    for token in tokens:
        if token in CODE_WORDS or _WORD_RE.match(token):
            return token
    return None


def sample_values(series: pl.Series, size: int = SAMPLE_SIZE) -> pl.Series:
    """Non-blank values: the first half of the sample from the top, the rest spread over the column."""
    values = series.drop_nulls()
    if values.len() <= size:
        return values
    head = values.head(size // 2)
    rest = values.slice(size // 2)
    step = max(1, rest.len() // (size - size // 2))
    return pl.concat([head, rest.gather_every(step)])


def valid_shares(frame: pl.DataFrame, *, cip7: bool = False) -> dict[str, float | None]:
    """Per column, the share of sampled non-empty values that are usable codes (None: no values).

    All samples go through one ``check_column`` call: its fixed cost per call
    is larger than the work on a 2,000-value sample.
    """
    samples = [sample_values(frame[name]).cast(pl.String) for name in frame.columns]
    lengths = [s.len() for s in samples]
    shares: dict[str, float | None] = dict.fromkeys(frame.columns)
    if not sum(lengths):
        return shares
    # numeric=True: would the value be a code if it were a number cell (as most are)?
    # A text of 9 to 11 digits is still invalid (validation says why), but the column holds codes.
    status = check_column(pl.concat(samples).rename("value"), cip7=cip7, numeric=True)["status"]
    offset = 0
    for name, n in zip(frame.columns, lengths, strict=True):
        part = status.slice(offset, n)
        offset += n
        non_empty = int((part != "empty").sum())
        if non_empty:
            shares[name] = int(part.is_in(["valid", "repaired"]).sum()) / non_empty
    return shares


def describe_columns(names: Sequence[str], letters: Sequence[str]) -> Phrase:
    """'A "EAN", B "Prix"' for messages."""
    return joined([_column_label(name, letter) for name, letter in zip(names, letters, strict=True)], COMMA)


def _column_label(name: str, letter: str) -> Phrase:
    """'B "Prix"', or the letter alone for a column without a header name."""
    if name == letter:
        return phrase("{letter}", letter=letter)  # nothing to translate
    return phrase(QT_TRANSLATE_NOOP("Engine", '{letter} "{name}"'), letter=letter, name=name)


def resolve_override(
    wanted: str, names: Sequence[str], letters: Sequence[str], *, where: str | Phrase
) -> CodeColumn:
    """The column ``wanted`` names: header name (exact, then case/accent-insensitive) or letter."""
    by_name = phrase(QT_TRANSLATE_NOOP("Engine", 'chosen with --column "{wanted}"'), wanted=wanted)
    if wanted in names:
        return CodeColumn(wanted, by_name)
    folded = [n for n in names if fold(n) == fold(wanted)]
    if len(folded) == 1:
        return CodeColumn(folded[0], by_name)
    upper = wanted.strip().upper()
    if upper in letters:
        name = names[list(letters).index(upper)]
        return CodeColumn(name, phrase(QT_TRANSLATE_NOOP(
            "Engine", 'chosen with --column {letter} (column {letter}, "{name}")'), letter=upper, name=name))
    raise SettingsError(phrase(QT_TRANSLATE_NOOP(
        "Engine", '{where}: no column "{wanted}"; give a header name or a column letter. Columns: {columns}'),
        where=where, wanted=wanted, columns=describe_columns(names, letters)))


def find_code_column(
    frame: pl.DataFrame,
    letters: Sequence[str],
    *,
    column: str | None = None,
    cip7: bool = False,
    where: str | Phrase,
) -> CodeColumn:
    """Choose the code column of ``frame`` (data rows only; names are the header names).

    ``where`` ("file.xlsx, sheet Produits") prefixes error messages.
    """
    names = frame.columns
    if column is not None:
        return resolve_override(column, names, letters, where=where)
    shares = valid_shares(frame, cip7=cip7)
    chosen = _choose(names, letters, shares, where=where)
    return _note_other_code_columns(chosen, names, letters, shares)


def _percent(share: float) -> str:
    # the number alone (what f"{share:.0%}" writes without its "%"): languages space the sign differently
    return f"{share * 100:.0f}"


def _pct(share: float | None) -> Phrase:
    if share is None:
        return phrase(QT_TRANSLATE_NOOP("Engine", "no values"))
    return phrase(QT_TRANSLATE_NOOP("Engine", "{percent}% of values are valid codes"), percent=_percent(share))


def _choose(
    names: Sequence[str], letters: Sequence[str], shares: dict[str, float | None], *, where: str | Phrase
) -> CodeColumn:
    """The code column by header name and content (see the module docstring)."""
    named = [(n, word) for n in names if (word := header_match(n)) is not None]

    by_content = [(s, -i, n) for i, n in enumerate(names) if (s := shares[n]) is not None]
    best_content = max(by_content, default=None)
    if named:
        name, word = max(named, key=lambda nw: (shares[nw[0]] or 0.0, -names.index(nw[0])))
        share = shares[name]
        if (
            (share or 0.0) >= NAMED_SHARE_FLOOR
            or best_content is None
            or best_content[0] < CONTENT_SHARE
            or best_content[2] == name
        ):
            return CodeColumn(name, phrase(QT_TRANSLATE_NOOP("Engine", 'header "{name}" matches "{word}"; {share}'),
                                           name=name, word=word, share=_pct(share)))
        other = best_content[2]
        return CodeColumn(other, phrase(QT_TRANSLATE_NOOP(
            "Engine", 'header "{name}" matches "{word}" but only {share}; column "{other}" has {other_share}'),
            name=name, word=word, share=_pct(share), other=other, other_share=_pct(best_content[0])))
    if best_content is not None and best_content[0] >= CONTENT_SHARE:
        share, _, name = best_content
        label = _column_label(name, letters[names.index(name)])
        return CodeColumn(name, phrase(QT_TRANSLATE_NOOP(
            "Engine", "no header names a code column; in column {column} {share}"), column=label, share=_pct(share)))
    filled = [n for n in names if shares[n] is not None]
    if len(filled) == 1:
        # A one-column list is a list of codes, even if they are all bad.
        name = filled[0]
        return CodeColumn(name, phrase(QT_TRANSLATE_NOOP("Engine", "the only column with values; {share}"),
                                       share=_pct(shares[name])))
    raise SettingsError(phrase(QT_TRANSLATE_NOOP(
        "Engine", "{where}: cannot tell which column holds the product codes (no header like EAN, GTIN, "
        "UPC or code-barres, and no column where most values are valid codes). "
        "Name it with --column (header or letter). Columns: {columns}"),
        where=where, columns=describe_columns(names, letters)))


def _note_other_code_columns(
    chosen: CodeColumn, names: Sequence[str], letters: Sequence[str], shares: dict[str, float | None]
) -> CodeColumn:
    """The choice, its reason naming any other column that is also mostly valid codes.

    A catalogue often carries two (carton and unit EAN, "EAN" and "EAN_2"):
    the first stays chosen, as before, but the analyst is told, because the
    other may be the one meant.
    """
    others = [
        (name, letter, share)
        for name, letter in zip(names, letters, strict=True)
        if name != chosen.name and (share := shares[name]) is not None and share >= OTHER_CODES_SHARE
    ]
    if not others:
        return chosen
    found = [
        phrase(QT_TRANSLATE_NOOP("Engine", "column {letter} ({percent}% valid codes)"),
               letter=letter, percent=_percent(share)) if name == letter
        else phrase(QT_TRANSLATE_NOOP("Engine", 'column "{name}" ({letter}, {percent}% valid codes)'),
                    name=name, letter=letter, percent=_percent(share))
        for name, letter, share in others
    ]
    return CodeColumn(chosen.name, phrase(QT_TRANSLATE_NOOP(
        "Engine", "{reason}; also found: {found}; use --column to choose"),
        reason=chosen.why, found=joined(found, COMMA)))
