"""Which column holds the product codes.

The signals, in the order they decide:

1. The header name (EAN, GTIN-14, UPC, code-barres, "Code EAN", "EAN/UPC",
   "Variant Barcode", CIP13, ACL, Gencod, ISBN... — case-, accent- and
   punctuation-insensitive, matched by whole words so "Clean" or "Scan date"
   do not count; "Code" alone names too many things to count). Among several
   named columns, one whose values are mostly usable codes of their own wins
   over one usable only as ISBN-10s converted, then the larger share of usable
   values: so a book list's ISBN-13 column is taken before its ISBN-10 column,
   and the ISBN-10 column when the ISBN-13 one lost its digits in Excel (the
   reason then says so). A named column with hardly any usable value loses to
   a column that is mostly codes.
2. The content: the share of a sample of the column's values that normalise
   to a usable code (:func:`pricelookup.gtin.column_profile`); at least half.
   A numeric "SKU" or "Prix" column fails this, because random numbers pass a
   GS1 check digit one time in ten at best.
3. A one-column list is a list of codes, even if they are all bad.
4. The shape: the one column whose values mostly look like product codes
   (usable, or the digits of a GTIN length of 8, 12, 13 or 14 with a wrong
   check digit, or digits lost by Excel) is taken even if few of its values
   are valid: an Open Food Facts export names it "code" and holds many test
   values. The reason says what share of its values is invalid. When two or
   more columns have that shape and nothing above decides, the analyst is
   asked, with those columns named.

ISBN-10 (see :mod:`pricelookup.gtin`, "ISBN-10"): a column is read as ISBN-10s
when its header names ISBN and no other kind of code, or when at least :data:`ISBN10_MIN_VALUES` and at
least half of its sampled values are ISBN-10 candidates and at least 90% of
those pass the mod-11 check. Digits that happen to look like ISBN-10s pass it
1 time in 11, so an EAN-8 or UPC column is never taken for one.

Excel's text guard (``="…"`` or a leading apostrophe, gtin's rule 5) is removed
from each value without a note on the row; the reason notes it once, counted
over the whole column.

``column=`` overrides the choice by header name or by sheet column letter; the
ISBN-10 reading and the guard note still apply to the column named.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import polars as pl

from pricelookup.errors import SettingsError
from pricelookup.gtin import column_profile, count_text_guards
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
CODE_SHAPE_SHARE = 0.5  # a column found by its shape alone must mostly look like codes
LOST_NOTE_SHARE = 0.5  # another named column this full of digits lost by Excel is named in the reason
# a column is read as ISBN-10s by content when it has at least this many candidates, making
# at least ISBN10_CANDIDATE_SHARE of its values, and ISBN10_VALID_SHARE of them pass mod 11
ISBN10_MIN_VALUES = 3
ISBN10_CANDIDATE_SHARE = 0.5
ISBN10_VALID_SHARE = 0.9


@dataclass(frozen=True)
class CodeColumn:
    """The chosen column and why (shown to the analyst; the window translates the phrase)."""

    name: str
    why: Phrase
    # the column is read as ISBN-10s (gtin's "ISBN-10"): validation passes it on
    isbn10: bool = False

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


def _sample_index(series: pl.Series, size: int = SAMPLE_SIZE) -> pl.Series:
    """Positions of the sampled non-null values: the first half of the sample from the top, the
    rest spread over the column."""
    index = series.is_not_null().arg_true()
    if index.len() <= size:
        return index
    head = index.head(size // 2)
    rest = index.slice(size // 2)
    step = max(1, rest.len() // (size - size // 2))
    return pl.concat([head, rest.gather_every(step)])


def sample_values(series: pl.Series, size: int = SAMPLE_SIZE) -> pl.Series:
    """Non-blank values: the first half of the sample from the top, the rest spread over the column."""
    return series.gather(_sample_index(series, size))


@dataclass(frozen=True)
class ColumnFacts:
    """What a column's sample says: counts over its non-empty sampled values."""

    values: int
    usable: int  # valid or repaired
    shaped: int  # look like product codes (gtin.column_profile), usable or not
    lost: int  # digits lost by Excel (scientific notation, rounded)
    converted: int  # usable only as ISBN-10s converted to EAN-13
    candidates: int  # read as ISBN-10s, valid or not
    isbn10: bool  # the column is read as ISBN-10s

    @property
    def share(self) -> float:
        """The share of usable codes."""
        return self.usable / self.values

    @property
    def native(self) -> bool:
        """Mostly usable codes of its own (not ISBN-10s converted)."""
        return self.share >= CONTENT_SHARE and self.converted * 2 <= self.usable


def _facts(profile: pl.DataFrame, isbn10: bool) -> ColumnFacts | None:
    counts = profile.filter(~pl.col("empty")).select(
        values=pl.len(), usable=pl.col("usable").sum(), shaped=pl.col("shaped").sum(), lost=pl.col("lost").sum(),
        converted=pl.col("isbn10_valid").sum(), candidates=pl.col("isbn10").sum(),
    ).row(0, named=True)
    if not counts["values"]:
        return None
    return ColumnFacts(**{k: int(v) for k, v in counts.items()}, isbn10=isbn10)


def _isbn10_by_content(profile: pl.DataFrame) -> bool:
    """The content rule of the module docstring, on a column's ISBN-mode profile."""
    filled = profile.filter(~pl.col("empty"))
    candidates = int(filled.get_column("isbn10").sum())
    valid = int(filled.get_column("isbn10_valid").sum())
    return (
        candidates >= ISBN10_MIN_VALUES
        and candidates >= ISBN10_CANDIDATE_SHARE * filled.height
        and valid >= ISBN10_VALID_SHARE * candidates
    )


def _profiles(samples: dict[str, pl.Series], sci: dict[str, pl.Series], *, cip7: bool,
              isbn10: bool) -> dict[str, pl.DataFrame]:
    """gtin.column_profile of each sample, from one call: its fixed cost per call is larger than
    the work on a 2,000-value sample. numeric=True: would the value be a code if it were a number
    cell (as most are)? A text of 9 to 11 digits is still invalid (validation says why)."""
    names = [n for n, values in samples.items() if values.len()]
    if not names:
        return {n: column_profile(values) for n, values in samples.items()}
    values = pl.concat([samples[n] for n in names]).rename("value")
    scientific = None
    if any(n in sci for n in names):
        scientific = pl.concat([sci.get(n, pl.repeat(False, samples[n].len(), dtype=pl.Boolean, eager=True))
                                for n in names])
    profile = column_profile(values, cip7=cip7, numeric=True, scientific=scientific, isbn10=isbn10)
    out = {n: column_profile(values) for n, values in samples.items() if not values.len()}
    offset = 0
    for name in names:
        out[name] = profile.slice(offset, samples[name].len())
        offset += samples[name].len()
    return out


def column_facts(
    frame: pl.DataFrame, *, cip7: bool = False, scientific: Mapping[str, pl.Series] | None = None,
    names: Sequence[str] | None = None,
) -> dict[str, ColumnFacts | None]:
    """Per column (of ``names``, default all), what its sample says (None: no values).

    ``scientific``: column name -> which rows are number cells with a scientific
    number format (gtin's rule 11), as :attr:`.grid.Grid.scientific`. A column
    is read as ISBN-10s by its header or its content (module docstring); its
    content is probed only when enough of its values have 8 to 10 digits, so
    the usual table costs one profile of its samples.
    """
    names = list(frame.columns if names is None else names)
    scientific = scientific or {}
    index = {n: _sample_index(frame[n]) for n in names}
    samples = {n: frame[n].gather(index[n]).cast(pl.String) for n in names}
    sci = {n: scientific[n].gather(index[n]) for n in names if n in scientific}
    plain = _profiles(samples, sci, cip7=cip7, isbn10=False)
    named_isbn = {n for n in names if names_isbn(n)}
    probe = [n for n in names if n in named_isbn or _maybe_isbn10(samples[n])]
    isbn = _profiles({n: samples[n] for n in probe}, sci, cip7=cip7, isbn10=True) if probe else {}
    out: dict[str, ColumnFacts | None] = {}
    for name in names:
        if name in isbn and (name in named_isbn or _isbn10_by_content(isbn[name])):
            out[name] = _facts(isbn[name], isbn10=True)
        else:
            out[name] = _facts(plain[name], isbn10=False)
    return out


def names_isbn(header: str) -> bool:
    """Whether a header names an ISBN column and nothing else ("ISBN", "isbn13", "ISBN-10", not
    "EAN/ISBN": a column of EANs and ISBNs is read as ISBN-10s only if its content says so)."""
    tokens = fold(header).split()
    isbn = [t for t in tokens if re.fullmatch(r"isbn\d{0,2}", t)]
    rest = " ".join(t for t in tokens if t not in isbn)
    return bool(isbn) and header_match(rest) is None


def _maybe_isbn10(sample: pl.Series) -> bool:
    """Enough values of 8 to 10 digits (an X counts as one) for the ISBN-10 content rule to hold."""
    filled = sample.filter(sample.str.strip_chars().str.len_bytes() > 0)
    digits = filled.str.count_matches(r"[0-9Xx]")
    hits = int(digits.is_between(8, 10).sum())
    return hits >= ISBN10_MIN_VALUES and hits >= ISBN10_CANDIDATE_SHARE * filled.len()


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
    scientific: Mapping[str, pl.Series] | None = None,
) -> CodeColumn:
    """Choose the code column of ``frame`` (data rows only; names are the header names).

    ``where`` ("file.xlsx, sheet Produits") prefixes error messages.
    ``scientific``: see :func:`column_facts`.
    """
    names = frame.columns
    if column is not None:
        chosen = resolve_override(column, names, letters, where=where)
        facts = column_facts(frame, cip7=cip7, scientific=scientific, names=[chosen.name])
    else:
        facts = column_facts(frame, cip7=cip7, scientific=scientific)
        chosen = _choose(names, letters, facts, where=where)
        chosen = _note_other_code_columns(chosen, names, letters, facts)
    return _with_column_notes(chosen, frame.get_column(chosen.name), facts.get(chosen.name))


def _percent(share: float) -> str:
    # the number alone (what f"{share:.0%}" writes without its "%"): languages space the sign differently
    return f"{share * 100:.0f}"


def _pct(facts: ColumnFacts | None) -> Phrase:
    if facts is None:
        return phrase(QT_TRANSLATE_NOOP("Engine", "no values"))
    return phrase(QT_TRANSLATE_NOOP("Engine", "{percent}% of values are valid codes"), percent=_percent(facts.share))


def _share(facts: ColumnFacts | None) -> float | None:
    return None if facts is None else facts.share


def _choose(
    names: Sequence[str], letters: Sequence[str], facts: Mapping[str, ColumnFacts | None], *, where: str | Phrase
) -> CodeColumn:
    """The code column by header name, content and shape (see the module docstring)."""
    named = [(n, word) for n in names if (word := header_match(n)) is not None]

    by_content = [(s, -i, n) for i, n in enumerate(names) if (s := _share(facts[n])) is not None]
    best_content = max(by_content, default=None)
    if named:
        name, word = max(named, key=lambda nw: _named_rank(nw[0], names, facts))
        share = _share(facts[name])
        if (
            (share or 0.0) >= NAMED_SHARE_FLOOR
            or best_content is None
            or best_content[0] < CONTENT_SHARE
            or best_content[2] == name
        ):
            why = phrase(QT_TRANSLATE_NOOP("Engine", 'header "{name}" matches "{word}"; {share}'),
                         name=name, word=word, share=_pct(facts[name]))
            return _chosen(name, _with_lost_columns(why, name, [n for n, _ in named], facts), facts)
        other = best_content[2]
        return _chosen(other, phrase(QT_TRANSLATE_NOOP(
            "Engine", 'header "{name}" matches "{word}" but only {share}; column "{other}" has {other_share}'),
            name=name, word=word, share=_pct(facts[name]), other=other, other_share=_pct(facts[other])), facts)
    if best_content is not None and best_content[0] >= CONTENT_SHARE:
        _, _, name = best_content
        label = _column_label(name, letters[names.index(name)])
        return _chosen(name, phrase(QT_TRANSLATE_NOOP(
            "Engine", "no header names a code column; in column {column} {share}"),
            column=label, share=_pct(facts[name])), facts)
    filled = [n for n in names if facts[n] is not None]
    if len(filled) == 1:
        # A one-column list is a list of codes, even if they are all bad.
        name = filled[0]
        return _chosen(name, phrase(QT_TRANSLATE_NOOP("Engine", "the only column with values; {share}"),
                                    share=_pct(facts[name])), facts)
    shaped = [n for n in names if (f := facts[n]) is not None and f.shaped >= CODE_SHAPE_SHARE * f.values]
    labels = [_column_label(n, letters[names.index(n)]) for n in shaped]
    if len(shaped) == 1:
        found = facts[shaped[0]]
        assert found is not None
        return _chosen(shaped[0], phrase(QT_TRANSLATE_NOOP(
            "Engine", "no header names a code column; column {column} is the only one whose values look like "
            "product codes ({shaped}% of them: the digits of a GTIN, or digits lost by Excel); {valid}% are "
            "valid codes, {invalid}% invalid (each row's note says why)"),
            column=labels[0], shaped=_percent(found.shaped / found.values), valid=_percent(found.share),
            invalid=_percent(1 - found.share)), facts)
    if shaped:
        raise SettingsError(phrase(QT_TRANSLATE_NOOP(
            "Engine", "{where}: cannot tell which column holds the product codes: no header names one, and "
            "columns {columns} all hold values that look like product codes. "
            "Name it with --column (header or letter)"),
            where=where, columns=joined(labels, COMMA)))
    raise SettingsError(phrase(QT_TRANSLATE_NOOP(
        "Engine", "{where}: cannot tell which column holds the product codes (no header like EAN, GTIN, "
        "UPC or code-barres, and no column where most values are valid codes). "
        "Name it with --column (header or letter). Columns: {columns}"),
        where=where, columns=describe_columns(names, letters)))


def _named_rank(name: str, names: Sequence[str], facts: Mapping[str, ColumnFacts | None]) -> tuple[bool, float, int]:
    """How a named column ranks among the named ones: mostly usable codes of its own first (an
    ISBN-13 column before an ISBN-10 one), then by share of usable codes, then the first."""
    found = facts[name]
    return (found is not None and found.native, _share(found) or 0.0, -names.index(name))


def _chosen(name: str, why: Phrase, facts: Mapping[str, ColumnFacts | None]) -> CodeColumn:
    found = facts[name]
    return CodeColumn(name, why, isbn10=found is not None and found.isbn10)


def _with_lost_columns(
    why: Phrase, chosen: str, named: Sequence[str], facts: Mapping[str, ColumnFacts | None]
) -> Phrase:
    """``why``, naming the other named columns that are mostly digits lost by Excel: the analyst
    expects one of those, and learns why it was not taken (an isbn13 column of 9.78043902348E+12)."""
    lost = [
        phrase(QT_TRANSLATE_NOOP("Engine", 'column "{name}" lost its digits in Excel ({percent}% of its values)'),
               name=name, percent=_percent(found.lost / found.values))
        for name in named
        if name != chosen and (found := facts[name]) is not None and found.lost >= LOST_NOTE_SHARE * found.values
    ]
    if not lost:
        return why
    return phrase(QT_TRANSLATE_NOOP("Engine", "{reason}; not taken: {columns}"), reason=why, columns=joined(lost))


def _note_other_code_columns(
    chosen: CodeColumn, names: Sequence[str], letters: Sequence[str], facts: Mapping[str, ColumnFacts | None]
) -> CodeColumn:
    """The choice, its reason naming any other column that is also mostly valid codes.

    A catalogue often carries two (carton and unit EAN, "EAN" and "EAN_2"):
    the first stays chosen, as before, but the analyst is told, because the
    other may be the one meant.
    """
    others = [
        (name, letter, share)
        for name, letter in zip(names, letters, strict=True)
        if name != chosen.name and (share := _share(facts[name])) is not None and share >= OTHER_CODES_SHARE
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
        reason=chosen.why, found=joined(found, COMMA)), isbn10=chosen.isbn10)


def _with_column_notes(chosen: CodeColumn, values: pl.Series, facts: ColumnFacts | None) -> CodeColumn:
    """The choice, its reason saying what is done to the whole column: read as ISBN-10s, and
    Excel's text guard removed (counted over every value, not the sample)."""
    why = chosen.why
    isbn10 = facts is not None and facts.isbn10
    if isbn10 and facts is not None and facts.candidates:
        # (an ISBN column of ISBN-13s alone is read the same way, with nothing to say)
        why = phrase(QT_TRANSLATE_NOOP(
            "Engine", "{reason}; its ISBN-10s converted to EAN-13 (978, their first nine digits, "
            "a new check digit)"), reason=why)
    guards = count_text_guards(values if values.dtype == pl.String else values.cast(pl.String))
    if guards == 1:
        why = phrase(QT_TRANSLATE_NOOP(
            "Engine", '{reason}; Excel’s text guard (="…" or a leading apostrophe) removed from 1 value'), reason=why)
    elif guards:
        why = phrase(QT_TRANSLATE_NOOP(
            "Engine", '{reason}; Excel’s text guard (="…" or a leading apostrophe) removed from {count} values'),
            reason=why, count=str(guards))
    return CodeColumn(chosen.name, why, isbn10=isbn10)
