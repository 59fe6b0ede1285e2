"""The French translation: the .ts is the source of truth, complete, in step with the code and the .qm.

Qt's own workflow keeps it (README, "Translating the window"): ``pyside6-lupdate``
adds the strings of the code to ``pricelookup_fr.ts``, a translator fills them
in (Qt Linguist or any editor), ``pyside6-lrelease`` compiles the committed
``pricelookup_fr.qm``. The checks below are small pure functions over the .ts
text; each has a hand-made bad example showing it fails.

The engine's messages (reader errors, row notes, why a code column was chosen)
are English templates in the context "Engine" (``pricelookup.phrasing``); the
window tests at the end show them in French, with the English kept for the CLI,
the export and the journal.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from gui_fakes import FakeEngine, open_window
from PySide6.QtCore import QCoreApplication, QLocale, Qt

from pricelookup import gtin, validation
from pricelookup.errors import InputFileError, ServiceError, SettingsError
from pricelookup.gui.messages import describe_error
from pricelookup.gui.resources import install_translators
from pricelookup.phrasing import CONTEXT, QT_TRANSLATE_NOOP, phrase
from pricelookup.redaction import remember_keys
from pricelookup.run.contracts import RunRequest
from pricelookup.run.inputs import load_input
from pricelookup.validation import ValidatedTable

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "resources/translations"
TS = TRANSLATIONS / "pricelookup_fr.ts"
QM = TRANSLATIONS / "pricelookup_fr.qm"
#: English needs a translation file too, for its plural forms only ("1 credit", "2 credits")
EN_TS = TRANSLATIONS / "pricelookup_en.ts"
EN_QM = TRANSLATIONS / "pricelookup_en.qm"
#: what lupdate reads: every module of the package (the window's strings and the engine's templates)
SOURCES = sorted((ROOT / "desktop/pricelookup").rglob("*.py"))


# --- the checks, as pure functions over the .ts -----------------------------------------------------


@dataclass(frozen=True)
class Entry:
    """One ``<message>`` of a .ts file."""

    context: str
    source: str
    state: str | None  # the translation's type: None (finished), "unfinished", "obsolete", "vanished"
    forms: tuple[str, ...]  # the translation, or each of its numerus forms
    numerus: bool = False  # a plural message ("%n row(s)"): one form per plural rule of the language

    @property
    def live(self) -> bool:
        """False for strings the code no longer has (lupdate keeps them only without -no-obsolete)."""
        return self.state not in ("obsolete", "vanished")

    def __str__(self) -> str:
        return f"{self.context}: {self.source!r}"


def entries(ts_xml: str) -> list[Entry]:
    """Every message of a .ts file's text."""
    found = []
    for context in ET.fromstring(ts_xml).iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            translation = message.find("translation")
            assert translation is not None, f"{name}: a message without a translation element"
            numerus = translation.findall("numerusform") if message.get("numerus") == "yes" else [translation]
            forms = tuple(f.text or "" for f in numerus)
            found.append(Entry(name, message.findtext("source") or "", translation.get("type"), forms,
                               message.get("numerus") == "yes"))
    return found


def unfinished(found: list[Entry]) -> list[str]:
    """Live messages marked unfinished or with an empty translation (any numerus form)."""
    return [str(e) for e in found
            if e.live and (e.state == "unfinished" or not e.forms or not all(f.strip() for f in e.forms))]


#: ``{name}`` / ``{name:spec}`` (str.format) and Qt's ``%n`` / ``%1``..``%9`` (``%L1`` too)
PLACEHOLDER = re.compile(r"\{[^{}]*\}|%L?(?:n|[1-9])")


def placeholder_problems(found: list[Entry]) -> list[str]:
    """Live translations whose placeholders are not those of their source (every numerus form checked).

    Sets are compared, not counts: a translation may say ``{letter}`` once where
    English says it twice.
    """
    problems = []
    for e in found:
        if not e.live:
            continue
        want = set(PLACEHOLDER.findall(e.source))
        for form in e.forms:
            got = set(PLACEHOLDER.findall(form))
            if form and got != want:
                problems.append(f"{e} -> {form!r}: missing {sorted(want - got)}, unknown {sorted(got - want)}")
    return problems


def plural_problems(found: list[Entry], *, english: bool = False) -> list[str]:
    """Live plural messages without exactly two forms (singular, plural: both English and French have
    two; French uses the first for 0 and 1), and English forms still saying "(s)"."""
    problems = []
    for e in found:
        if not (e.live and e.numerus):
            continue
        if len(e.forms) != 2:
            problems.append(f"{e}: {len(e.forms)} forms")
        if english and any("(s)" in f for f in e.forms):
            problems.append(f"{e}: an English form says \"(s)\"")
    return problems


def missing_from(committed: list[Entry], fresh: list[Entry]) -> list[str]:
    """Strings lupdate found in the code (``fresh``) that the committed .ts lacks."""
    have = {(e.context, e.source) for e in committed if e.live}
    return sorted(str(e) for e in fresh if e.live and (e.context, e.source) not in have)


def unmarked_templates(code: str) -> list[str]:
    """Engine templates lupdate cannot see, in a module's source: a ``phrase(...)``/``Phrase(...)``
    whose template is a literal holding words (not a ``QT_TRANSLATE_NOOP`` call or a constant made of
    one), and ``QT_TRANSLATE_NOOP`` calls that are not two literals in the "Engine" context."""
    problems = []
    for node in ast.walk(ast.parse(code)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
        first = node.args[0]
        if name in ("phrase", "Phrase"):
            literal = first.value if isinstance(first, ast.Constant) and isinstance(first.value, str) else None
            words = literal is not None and re.sub(r"\{[^{}]*\}", "", literal).strip()
            if isinstance(first, ast.JoinedStr) or words:
                problems.append(f"line {node.lineno}: {ast.unparse(first)} is not marked for translation")
        elif name == "QT_TRANSLATE_NOOP":
            literals = [a.value for a in node.args if isinstance(a, ast.Constant) and isinstance(a.value, str)]
            if len(node.args) != 2 or len(literals) != 2 or literals[0] != CONTEXT:
                problems.append(f"line {node.lineno}: QT_TRANSLATE_NOOP needs two literals, the first {CONTEXT!r}")
    return problems


def qt_tool(name: str) -> Path:
    """A Qt tool PySide6 Essentials installs beside the interpreter; missing is a broken install."""
    for candidate in (Path(sys.executable).with_name(name), Path(sys.executable).with_name(name + ".exe")):
        if candidate.exists():
            return candidate
    raise AssertionError(f"{name} is missing next to {sys.executable}: it ships with PySide6 Essentials, reinstall it")


def lupdate(ts: Path, *extra: Path, plural_only: bool = False) -> list[Entry]:
    """lupdate over the package (and ``extra`` files) into ``ts``; its entries (``plural_only``: as the
    README makes the English file, only the messages with a count)."""
    english = ["-pluralonly", "-source-language", "en", "-target-language", "en"] if plural_only else []
    subprocess.run([str(qt_tool("pyside6-lupdate")), *map(str, SOURCES), *map(str, extra), "-no-obsolete",
                    *english, "-ts", str(ts)], check=True, capture_output=True)
    return entries(ts.read_text(encoding="utf-8"))


def lrelease(ts: Path, qm: Path) -> bytes:
    """The .qm pyside6-lrelease makes of ``ts``."""
    subprocess.run([str(qt_tool("pyside6-lrelease")), str(ts), "-qm", str(qm)], check=True, capture_output=True)
    return qm.read_bytes()


# --- the checks on the committed files ------------------------------------------------------------------


def test_every_live_message_has_a_translation() -> None:
    found = entries(TS.read_text(encoding="utf-8"))
    assert len(found) > 400
    assert unfinished(found) == []


def test_translations_keep_the_placeholders_of_their_source() -> None:
    assert placeholder_problems(entries(TS.read_text(encoding="utf-8"))) == []


def test_lupdate_finds_no_string_the_ts_lacks(tmp_path: Path) -> None:
    fresh = lupdate(tmp_path / "fresh.ts")
    assert {e.context for e in fresh} >= {"MainWindow", CONTEXT}  # it saw the window and the engine
    assert missing_from(entries(TS.read_text(encoding="utf-8")), fresh) == [], \
        "run pyside6-lupdate (README, Translating the window) and translate the new strings"


def test_the_committed_qm_is_compiled_from_the_ts(tmp_path: Path) -> None:
    assert lrelease(TS, tmp_path / "fresh.qm") == QM.read_bytes(), "run pyside6-lrelease (README)"


def test_english_plural_forms_are_complete_and_in_step_with_the_code(tmp_path: Path) -> None:
    found = entries(EN_TS.read_text(encoding="utf-8"))
    assert found and all(e.numerus for e in found)  # plural forms only: the rest is the English source
    assert unfinished(found) == [] and placeholder_problems(found) == []
    fresh = lupdate(tmp_path / "fresh_en.ts", plural_only=True)
    assert {e.context for e in fresh} >= {"MainWindow", "RunPanel"}
    assert missing_from(found, fresh) == [], \
        "run pyside6-lupdate -pluralonly for pricelookup_en.ts (README, Translating the window)"
    assert lrelease(EN_TS, tmp_path / "fresh_en.qm") == EN_QM.read_bytes(), "run pyside6-lrelease (README)"


def test_every_plural_has_its_singular_and_plural_forms_in_both_languages() -> None:
    french = entries(TS.read_text(encoding="utf-8"))
    english = entries(EN_TS.read_text(encoding="utf-8"))
    assert plural_problems(french) == [] and plural_problems(english, english=True) == []
    plurals = {(e.context, e.source) for e in french if e.live and e.numerus}
    assert len(plurals) >= 15 and plurals == {(e.context, e.source) for e in english if e.live}


def test_every_engine_template_is_marked_where_lupdate_sees_it() -> None:
    problems = {str(p.relative_to(ROOT)): unmarked_templates(p.read_text(encoding="utf-8")) for p in SOURCES}
    assert {k: v for k, v in problems.items() if v} == {}


# --- each check fails when it must ------------------------------------------------------------------------

BAD_TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr">
<context>
    <name>Engine</name>
    <message><source>file {name} is empty</source><translation type="unfinished"></translation></message>
    <message><source>no data</source><translation></translation></message>
    <message><source>gone</source><translation type="vanished"></translation></message>
    <message><source>old {x}</source><translation type="obsolete">ancien</translation></message>
    <message><source>sheet "{sheet}" of {path}</source>
        <translation>la feuille « {sheet} » de {chemin}</translation></message>
    <message><source>Row %1 of %2</source><translation>Ligne %1 sur %1</translation></message>
    <message numerus="yes"><source>%n rows</source><translation>
        <numerusform>%n ligne</numerusform><numerusform>des lignes</numerusform></translation></message>
    <message numerus="yes"><source>%n codes</source><translation>
        <numerusform>%n code</numerusform><numerusform></numerusform></translation></message>
    <message><source>ok {n}</source><translation>d’accord {n}</translation></message>
</context>
</TS>
"""


def test_the_completeness_check_names_unfinished_and_empty_translations() -> None:
    assert unfinished(entries(BAD_TS)) == [
        "Engine: 'file {name} is empty'", "Engine: 'no data'", "Engine: '%n codes'"]


def test_the_plural_check_names_missing_forms_and_english_placeholders() -> None:
    bad = BAD_TS.replace("<numerusform>%n ligne</numerusform><numerusform>des lignes</numerusform>",
                         "<numerusform>%n row(s)</numerusform>")
    assert plural_problems(entries(bad), english=True) == [
        "Engine: '%n rows': 1 forms", "Engine: '%n rows': an English form says \"(s)\""]
    assert plural_problems(entries(BAD_TS)) == []  # two forms each, even when one is still empty


def test_the_placeholder_check_names_every_mismatch() -> None:
    problems = placeholder_problems(entries(BAD_TS))
    assert len(problems) == 3, problems
    assert problems[0].startswith("Engine: 'sheet \"{sheet}\" of {path}' -> ") and "['{path}']" in problems[0]
    assert "Engine: 'Row %1 of %2'" in problems[1] and "['%2']" in problems[1]
    assert "Engine: '%n rows'" in problems[2] and "'des lignes'" in problems[2]  # a numerus form without %n


def test_the_lupdate_check_finds_a_new_string(tmp_path: Path) -> None:
    scratch = tmp_path / "scratch.py"
    scratch.write_text('from pricelookup.phrasing import QT_TRANSLATE_NOOP\n\n'
                       'NEW = QT_TRANSLATE_NOOP("Engine", "a sentence nobody has translated yet")\n', encoding="utf-8")
    fresh = lupdate(tmp_path / "fresh.ts", scratch)
    assert missing_from(entries(TS.read_text(encoding="utf-8")), fresh) == [
        "Engine: 'a sentence nobody has translated yet'"]


def test_the_qm_check_sees_a_translation_changed_after_compiling(tmp_path: Path) -> None:
    edited = tmp_path / "edited.ts"
    text = TS.read_text(encoding="utf-8")
    assert "<translation>Aucun fichier ouvert</translation>" in text
    edited.write_text(text.replace("<translation>Aucun fichier ouvert</translation>",
                                   "<translation>Pas de fichier ouvert</translation>"), encoding="utf-8")
    assert lrelease(edited, tmp_path / "edited.qm") != QM.read_bytes()


def test_the_marking_check_finds_templates_lupdate_cannot_see() -> None:
    code = ('phrase("file {name} is empty", name=n)\n'
            'Phrase(f"{n} rows")\n'
            'QT_TRANSLATE_NOOP("Window", "wrong context")\n'
            'QT_TRANSLATE_NOOP("Engine", TEXT)\n'
            'phrase(QT_TRANSLATE_NOOP("Engine", "marked {name}"), name=n)\n'
            'phrase(MARKED_CONSTANT)\n'
            'phrase("{letter}", letter=x)\n')  # nothing to translate: allowed
    assert [p.split(":")[0] for p in unmarked_templates(code)] == ["line 1", "line 2", "line 3", "line 4"]


# --- the engine's words in the French window ---------------------------------------------------------------


@pytest.fixture
def french(qapp: Any) -> Iterator[None]:
    """The French translators installed (before any widget is made), removed afterwards."""
    previous_locale = QLocale()
    translators = install_translators(qapp, "fr")
    assert translators, "pricelookup_fr.qm must load"
    yield
    for translator in translators:
        qapp.removeTranslator(translator)
    QLocale.setDefault(previous_locale)


class ReadingEngine(FakeEngine):
    """The fake engine, but files are read and checked by the engine's real loader."""

    def load_input(self, request: RunRequest) -> ValidatedTable:
        self.loads.append((request.input_path, request.settings))
        return load_input(request)


@pytest.fixture
def french_window(french: None, qtbot: Any, qsettings: Any, tmp_path: Path) -> Iterator[Any]:
    yield from open_window(qtbot, qsettings, ReadingEngine(), tmp_path)


def error_box(qtbot: Any, window: Any) -> Any:
    from PySide6.QtWidgets import QMessageBox

    def shown() -> list[QMessageBox]:
        return [b for b in window.findChildren(QMessageBox) if b.isVisible() and b.objectName() == "error_box"]

    qtbot.waitUntil(lambda: bool(shown()), timeout=5000)
    return shown()[0]


def test_a_reader_error_is_shown_in_french(qtbot: Any, french_window: Any, tmp_path: Path) -> None:
    missing = tmp_path / "produits.xlsx"
    french_window._start_load(missing, sheet=None, column=None)
    box = error_box(qtbot, french_window)
    assert box.windowTitle() == "Le fichier n’a pas pu être lu"
    assert f"{missing} : fichier introuvable ; vérifiez le nom et le dossier" in box.text()
    assert "not found" not in box.text()


def test_an_unknown_sheet_is_explained_in_french(qtbot: Any, french_window: Any, tmp_path: Path) -> None:
    csv = tmp_path / "codes.csv"
    csv.write_text("EAN;Nom\n3401351277399;Doliprane\n", encoding="utf-8")
    french_window._start_load(csv, sheet="Feuil2", column=None)
    box = error_box(qtbot, french_window)
    assert f"{csv} : un fichier .csv n’a pas de feuille « Feuil2 »" in box.text()


def test_row_notes_and_the_code_column_reason_are_shown_in_french(qtbot: Any, french_window: Any,
                                                                 tmp_path: Path) -> None:
    csv = tmp_path / "codes.csv"
    csv.write_text("EAN;Nom\n3401351277399;a\n340-1351-277399;b\n12345;c\n", encoding="utf-8")
    french_window._start_load(csv, sheet=None, column=None)
    qtbot.waitUntil(lambda: french_window.validated is not None, timeout=5000)
    model = french_window.model
    tips = [model.data(model.index(r, 0), Qt.ItemDataRole.ToolTipRole) for r in range(model.rowCount())]
    assert "séparateurs retirés : tirets ; doublon de la ligne 2" in tips[1]
    assert "trop court : 5 chiffres (un GTIN en a de 8 à 14)" in tips[2]
    assert model.data(model.index(2, 0)) == "invalide"
    header = model.headerData(model.code_view_column(), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
    assert header.startswith("Colonne des codes : l’en-tête « EAN » correspond à « ean » ; 67 % des valeurs")
    # what the export and the journal keep stays English
    reasons = french_window.validated.checks.get_column("reason").to_list()
    assert reasons[1:] == ["separators removed: hyphens; duplicate of row 2",
                           "too short: 5 digits (a GTIN has 8 to 14)"]
    assert french_window.validated.table.code_column_reason == \
        'header "EAN" matches "ean"; 67% of values are valid codes'


def test_an_error_without_a_template_stays_as_the_engine_said_it(french: None) -> None:
    exc = ServiceError("PriceAPI", "HTTP 502 from the server")
    assert describe_error(exc).text == "PriceAPI: HTTP 502 from the server"


def test_a_translated_message_is_still_redacted(french: None) -> None:
    key = "PLANTED-in-a-file-name-0123456789"
    remember_keys([key])
    exc = InputFileError(f"/tmp/{key}.xlsx", phrase(QT_TRANSLATE_NOOP("Engine", "no data: the file is empty")))
    text = describe_error(exc).text
    assert "aucune donnée : le fichier est vide" in text
    assert key not in text and "[redacted]" in text


def test_every_row_note_template_has_a_french_translation(french: None) -> None:
    # the notes a row's reason is read back into (gtin's and validation's), as the .qm answers them
    for template in validation.REASON_TEMPLATES:
        french_text = QCoreApplication.translate(CONTEXT, template)
        assert french_text != template, f"no French for the note {template!r}"
    assert set(gtin.NOTE_TEMPLATES) <= set(validation.REASON_TEMPLATES)


def test_settings_errors_made_from_templates_are_translated(french: None) -> None:
    exc = SettingsError(phrase(QT_TRANSLATE_NOOP(
        "Engine", '{path}: no sheet named "{sheet}"; the sheets are: {sheets}'), path="a.xlsx", sheet="X", sheets="Y"))
    message = describe_error(exc)
    assert message.title == "Réglage inutilisable"
    assert message.text == "a.xlsx : aucune feuille nommée « X » ; les feuilles sont : Y"
    assert str(exc) == 'a.xlsx: no sheet named "X"; the sheets are: Y'
