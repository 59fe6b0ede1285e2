"""The engine's words as translatable templates (pricelookup.phrasing), without Qt.

The English the CLI, the log, the export and the journal see is unchanged; the
templates travel beside it: on errors (also across the child process's pickle),
and, for the notes stored as text in a row's reason, by reading the text back.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import polars as pl
import pytest

from pricelookup import gtin
from pricelookup.errors import InputFileError, PriceLookupError, SettingsError
from pricelookup.phrasing import (
    QT_TRANSLATE_NOOP,
    Phrase,
    counted,
    joined,
    phrase,
    read_phrase,
    read_phrases,
    render,
)
from pricelookup.sheets import read_table
from pricelookup.validation import REASON_TEMPLATES, reason_phrases, validate_table


def test_a_phrase_reads_as_its_english_text_and_survives_a_pickle() -> None:
    where = phrase(QT_TRANSLATE_NOOP("Engine", 'sheet "{sheet}"'), sheet="Produits")
    p = phrase(QT_TRANSLATE_NOOP("Engine", "no data: {where} is empty"), where=where)
    assert str(p) == 'no data: sheet "Produits" is empty'
    assert pickle.loads(pickle.dumps(p)) == p


def test_render_translates_nested_phrases_and_falls_back_on_a_broken_translation() -> None:
    p = phrase("no data: {where} is empty", where=phrase('sheet "{sheet}"', sheet="S"))
    french = {"no data: {where} is empty": "aucune donnée : {where} est vide",
              'sheet "{sheet}"': "la feuille « {sheet} »"}
    assert render(p, lambda t: french.get(t, t)) == "aucune donnée : la feuille « S » est vide"
    assert render(p, lambda t: t.replace("{where}", "{wrong}")) == 'no data: sheet "S" is empty'


def test_an_error_made_from_a_phrase_keeps_english_args_and_the_phrase_across_a_pickle() -> None:
    exc = InputFileError("/data/p.xlsx", phrase(QT_TRANSLATE_NOOP("Engine", "no data: the file is empty")))
    assert str(exc) == "/data/p.xlsx: no data: the file is empty" and exc.args == (str(exc),)
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is InputFileError and back.path == "/data/p.xlsx" and str(back) == str(exc)
    assert back.phrase == exc.phrase and back.phrase is not None
    assert back.phrase.template == "{path}: {message}"
    # a plain message stays a plain message
    plain = SettingsError("--budget must be a number of credits, 0 or more.")
    assert plain.phrase is None and str(pickle.loads(pickle.dumps(plain))) == str(plain)


@pytest.mark.parametrize(("name", "content", "kwargs", "english"), [
    ("missing.csv", None, {}, "{path}: file not found; check the name and folder"),
    ("empty.csv", "", {}, "{path}: no data: the file is empty"),
    ("header.csv", "EAN;Prix\n", {}, "{path}: no data: file header.csv has only a header row"),
    ("codes.csv", "EAN;Prix\n3401351277399;2\n", {"sheet": "Feuil2"}, '{path}: a .csv file has no sheet "Feuil2"'),
    ("codes.csv", "EAN;Prix\n3401351277399;2\n", {"column": "Zut"},
     'file codes.csv: no column "Zut"; give a header name or a column letter. Columns: A "EAN", B "Prix"'),
    ("words.csv", "x;y\nfoo;bar\nbaz;qux\n", {},
     "file words.csv: cannot tell which column holds the product codes (no header like EAN, GTIN, UPC or "
     'code-barres, and no column where most values are valid codes). Name it with --column (header or letter). '
     'Columns: A "x", B "y"'),
])
def test_reader_errors_say_what_they_said_and_carry_their_template(
        tmp_path: Path, name: str, content: str | None, kwargs: dict[str, str], english: str) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(PriceLookupError) as caught:
        read_table(path, **kwargs)
    assert str(caught.value) == english.format(path=path)
    assert caught.value.phrase is not None and str(caught.value.phrase) == str(caught.value)


def test_the_code_column_reason_is_english_text_with_its_phrase_beside_it(tmp_path: Path) -> None:
    path = tmp_path / "codes.csv"
    path.write_text("EAN;EAN2\n3401351277399;3401351277399\n4006381333931;4006381333931\n", encoding="utf-8")
    table = read_table(path)
    assert table.code_column_reason == ('header "EAN" matches "ean"; 100% of values are valid codes; also found: '
                                        'column "EAN2" (B, 100% valid codes); use --column to choose')
    assert table.code_column_why is not None and str(table.code_column_why) == table.code_column_reason


def test_every_reason_gtin_can_write_reads_back_into_its_notes() -> None:
    # every verdict code with a fixed text (usable-code notes x restricted categories, too short,
    # wrong check digit, bad length, the plain kinds) and "too long" up to 40 digits
    codes = [c for c in gtin._fixed_reason_codes() if c is not None]
    codes += [gtin._TOO_LONG * gtin._KIND_SCALE + n for n in range(15, 41)]
    texts = {gtin._reason_text(c) for c in codes} - {None}
    assert len(texts) > 4000  # every combination of the noted flags x categories, and the rest
    unread = [t for t in texts if t is not None and reason_phrases(t) is None]
    assert unread == []
    for text in texts:
        assert text is not None
        phrases = reason_phrases(text)
        assert phrases is not None and str(joined(phrases)) == text


def test_reasons_quoting_the_cell_and_the_duplicate_note_read_back(tmp_path: Path) -> None:
    frame = pl.DataFrame({"EAN": ["3401351277399", "NULL", "12a45", "3²01351277399", "#N/A", "Err:502",
                                  "340-1351-277399", " 3401351277399"]})
    table = read_table(_csv(tmp_path, frame))
    checks = validate_table(table).checks
    reasons = [r for r in checks.get_column("reason").to_list() if r]
    assert 'the text "NULL" is not a code' in reasons and "Excel error cell #N/A" in reasons
    assert "LibreOffice error cell Err:502" in reasons
    assert "separators removed: hyphens; duplicate of row 2" in reasons
    for reason in reasons:
        phrases = reason_phrases(reason)
        assert phrases is not None, reason
        assert str(joined(phrases)) == reason
    assert reason_phrases("separators removed: hyphens; duplicate of row 2") == (
        Phrase("separators removed: hyphens"), Phrase("duplicate of row {row}", {"row": "2"}))


def _csv(tmp_path: Path, frame: pl.DataFrame) -> Path:
    path = tmp_path / "codes.csv"
    frame.write_csv(path, separator=";")
    return path


def test_text_that_is_not_made_of_our_notes_is_not_read_back() -> None:
    assert reason_phrases("found by a colleague") is None
    assert reason_phrases("leading zeros restored; found by a colleague") is None
    assert read_phrases("a; b; c", ["a; b", "c", "a"]) == (Phrase("a; b"), Phrase("c"))  # the longest wins
    assert set(gtin.NOTE_TEMPLATES) < set(REASON_TEMPLATES)


def test_counted_chooses_the_english_plural_and_separates_thousands() -> None:
    one, many = "1 job", "{n} jobs"
    assert [str(counted(n, one, many)) for n in (0, 1, 2, 1234)] == ["0 jobs", "1 job", "2 jobs", "1,234 jobs"]
    assert counted(1, one, many) == Phrase("1 job")


def test_a_whole_text_reads_back_into_nested_phrases() -> None:
    templates = ["{service}: {message}", "the service is unavailable ({answer}) for {what}; try again later.",
                 "HTTP {code}", "{answer}, answered with an error page", "{problem} (price history incomplete)"]
    text = "Monitorize: the service is unavailable (HTTP 502, answered with an error page) for GET /x; try again later."
    assert read_phrase(text, templates) == Phrase("{service}: {message}", {
        "service": "Monitorize",
        "message": Phrase("the service is unavailable ({answer}) for {what}; try again later.", {
            "answer": Phrase("{answer}, answered with an error page", {"answer": Phrase("HTTP {code}", {"code": "502"})}),
            "what": "GET /x"})})
    # a parameter no template matches stays text; a text no template matches is not read back
    assert read_phrase("Monitorize: down", templates) == Phrase("{service}: {message}",
                                                                {"service": "Monitorize", "message": "down"})
    assert read_phrase("down", templates) is None
    back = read_phrase(text + " (price history incomplete)", templates)
    assert back is not None and str(back) == text + " (price history incomplete)"
