"""Checks of the frozen Linux bundle that only the frozen program can make (run by smoke.sh).

Started as ``pricelookup-packaging-check`` (a symlink to the bundle's executable;
see packaging/entry_linux.py), it checks what the Linux packaging changed:

* multiprocessing "spawn" works with ONE executable: the worker is started as
  ``pricelookup --multiprocessing-fork ...`` and must become a worker, not the CLI;
  then what the window does on Run, the sandbox and the look-up each in a spawned
  child (a sandbox run of resources/samples/products.xlsx), then the product pane's
  data from the journal and its price history chart drawn offscreen (QtCharts, the
  one PySide6-Addons module the bundle keeps);
* Qt finds its translations (qtbase_fr) and plugins from the bundle's layout;
* the trimmed ICU data (packaging/linux/trim_icu_data.py) still has everything
  Qt Core asks ICU for: collation (QCollator, French and its Canadian tailoring,
  root order for other languages), the legacy text codecs (QStringEncoder /
  QStringDecoder by name), time-zone display names (QTimeZone), locale-aware case
  mapping (QLocale.toUpper).

Prints one line per check and exits 1 if any failed. Plain Python + QtCore (and
the chart on Qt's offscreen platform): no window, no display needed. Also runs in a dev venv (``python
packaging/linux/pricelookup_packaging_check.py``), which gives the reference
answers from the untrimmed ICU.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable


def _square(x: int) -> tuple[int, int]:
    """Runs in the spawned worker."""
    return x * x, os.getpid()


def check_multiprocessing() -> str:
    ctx = multiprocessing.get_context("spawn")
    with ctx.Pool(1) as pool:
        value, pid = pool.apply(_square, (7,))
    assert value == 49, value
    assert pid != os.getpid(), "the worker ran in this process"
    return f"spawned worker pid {pid} computed 7*7 = {value}"


def check_window_engine() -> str:
    """What the window does on Run and Export: sandbox, look-up and export each in a spawned child
    (gui/bridge.py through run.api)."""
    import asyncio
    import tempfile
    from pathlib import Path

    from pricelookup.run import api
    from pricelookup.run.progress import CancelToken
    from pricelookup.sandbox import SandboxConfig
    from pricelookup.sandbox.process import sandbox_in_child_process
    from pricelookup.settings import Endpoints, RunSettings, ServiceKeys

    base = Path(getattr(sys, "_MEIPASS", Path(__file__).resolve().parents[2]))
    sample = base / "resources" / "samples" / "products.xlsx"
    if not sample.is_file():
        return f"skipped: no {sample}"
    with tempfile.TemporaryDirectory() as tmp, sandbox_in_child_process(SandboxConfig(job_seconds=2.0)) as sandbox:
        request = api.RunRequest(input_path=sample, settings=RunSettings(), endpoints=Endpoints.for_sandbox(sandbox.url),
                                 keys=ServiceKeys.sandbox(), data_dir=Path(tmp))
        outcome = asyncio.run(api.run_in_child_process(request, progress=lambda _p: None, cancel=CancelToken()))
        answered = outcome.found + outcome.failed
        assert answered, f"no PriceAPI answers: {outcome!r}"
        out = Path(tmp) / "export.xlsx"
        report = asyncio.run(api.export_in_child_process(outcome.run_id, Path(tmp), out, layout="row",
                                                         max_offer_columns=5))
        assert out.is_file() and report.rows_written > 0, report
        gtin = _first_found(api.load_outcome(outcome.run_id, Path(tmp)))  # as File > Open a previous run
        chart = _history_chart(api.product_detail(outcome.run_id, gtin, Path(tmp)))
    return (f"sandbox child + look-up child: {answered} products, status {outcome.status}; "
            f"export child: {report.rows_written} rows; {chart}")


def _first_found(outcome: object) -> str:
    """The GTIN-14 of the first row PriceAPI found (the pane's product)."""
    validated = outcome.validated  # type: ignore[attr-defined]
    answers = outcome.answers  # type: ignore[attr-defined]
    found = answers.get_column("success").to_list()
    gtins = validated.checks.get_column("gtin14").to_list() if validated is not None else []
    return next(g for g, ok in zip(gtins, found, strict=False) if ok)


def _history_chart(detail: object) -> str:
    """The product pane's chart drawn offscreen: QtCharts (PySide6-Addons) is in the bundle and loads."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from pricelookup.gui.price_chart import PriceChart

    app = QApplication.instance() or QApplication(["pricelookup-packaging-check"])
    view = PriceChart()
    view.resize(480, 300)
    shown = view.show_detail(detail)  # type: ignore[arg-type]
    image = view.grab()
    assert not image.isNull(), "the chart drew nothing"
    del app
    return f"history chart: {len(view.lines())} series, drawn={shown}"


def check_qt_paths() -> str:
    from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

    tr_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    assert QTranslator().load("qtbase_fr", tr_dir), f"qtbase_fr.qm not loadable from {tr_dir}"
    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    paths = QCoreApplication.libraryPaths()
    assert any(os.path.isdir(os.path.join(p, "platforms")) for p in [plugins, *paths]), (plugins, paths)
    return f"translations {tr_dir}, plugins {plugins}"


def check_collation() -> str:
    from PySide6.QtCore import QCollator, QLocale

    def order(locale: str, words: list[str]) -> list[str]:
        collator = QCollator(QLocale(locale))
        return sorted(words, key=collator.sortKey)

    # Without ICU collation data Qt falls back to code-point order (é after z).
    fr = order("fr_FR", ["z", "é", "f", "E", "e", "côte", "cote"])
    assert fr == ["cote", "côte", "e", "E", "é", "f", "z"], fr
    # fr_CA's tailoring (backwards accents) comes from coll/fr_CA.res: proves the locale tailoring loads.
    ca = order("fr_CA", ["côté", "coté", "côte", "cote"])
    assert ca == ["cote", "côte", "coté", "côté"], ca
    # A language whose data was dropped: root (DUCET) order, which is right for German too.
    de = order("de_DE", ["b", "ä", "a", "Äpfel"])
    assert de == ["a", "ä", "Äpfel", "b"], de
    collator = QCollator(QLocale("en_GB"))
    collator.setNumericMode(True)
    assert collator.compare("item 9", "item 10") < 0
    return f"fr {' < '.join(fr)}; fr_CA {' < '.join(ca)}; de (root) {' < '.join(de)}"


def check_codecs() -> str:
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QStringConverter, QStringEncoder, QXmlStreamReader

    def xml_text(encoding: str, data: bytes) -> str:
        # PySide6 does not bind QStringDecoder's decode operator; QXmlStreamReader decodes a
        # document in its declared encoding through the same QStringDecoder (ICU for legacy ones).
        buf = QBuffer()
        buf.setData(QByteArray(b'<?xml version="1.0" encoding="' + encoding.encode() + b'"?><a>' + data + b"</a>"))
        buf.open(QIODevice.OpenModeFlag.ReadOnly)
        reader = QXmlStreamReader(buf)
        reader.readNextStartElement()
        text = reader.readElementText()
        assert not reader.hasError(), f"{encoding}: {reader.errorString()}"
        return text

    # windows-1252 / ISO-8859-15 / IBM850 / macintosh come from ICU converter tables (*.cnv);
    # UTF-*, ISO-8859-1 and US-ASCII are built into Qt or ICU's code.
    expected = {
        "windows-1252": (b"\x80\xe9\x9c", "€éœ"),
        "ISO-8859-15": (b"\xa4\xe9", "€é"),
        "IBM850": (b"\x82\x85", "éà"),
        "macintosh": (b"\x8e", "é"),
        "ISO-8859-1": (b"\xe9", "é"),
        "US-ASCII": (b"abc", "abc"),
    }
    for name, (data, text) in expected.items():
        assert QStringEncoder(name).isValid(), f"no encoder for {name}"
        got = xml_text(name, data)
        assert got == text, (name, got)
    codecs = QStringConverter.availableCodecs()
    assert "windows-1252" in codecs or "ibm-5348_P100-1997" in codecs, codecs
    return f"{', '.join(expected)} decode; {len(codecs)} codecs available"


def check_time_zones() -> str:
    from PySide6.QtCore import QLocale, QTimeZone

    def name(zone: bytes, locale: str) -> str:
        return QTimeZone(zone).displayName(QTimeZone.TimeType.StandardTime, QTimeZone.NameType.LongName,
                                           QLocale(locale))

    fr = name(b"Europe/Paris", "fr_FR")
    assert fr == "heure normale d’Europe centrale", fr
    en = name(b"America/New_York", "en_GB")
    assert en == "Eastern Standard Time", en
    return f"Europe/Paris in French: {fr}; America/New_York in English: {en}"


def check_case_mapping() -> str:
    from PySide6.QtCore import QLocale

    up = QLocale("fr_FR").toUpper("élève cœur")
    assert up == "ÉLÈVE CŒUR", up
    tr = QLocale("tr_TR").toUpper("i")
    assert tr == "İ", tr
    return f"fr {up}; tr i -> {tr}"


CHECKS: list[tuple[str, Callable[[], str]]] = [
    ("multiprocessing", check_multiprocessing),
    ("window engine", check_window_engine),
    ("qt paths", check_qt_paths),
    ("collation", check_collation),
    ("codecs", check_codecs),
    ("time zones", check_time_zones),
    ("case mapping", check_case_mapping),
]


def main() -> int:
    print(f"packaging check: argv[0]={sys.argv[0]!r} executable={sys.executable!r} "
          f"frozen={getattr(sys, 'frozen', False)}", flush=True)
    failed = 0
    for label, check in CHECKS:
        try:
            print(f"ok   {label}: {check()}", flush=True)
        except Exception as exc:  # report every failure, not only the first
            failed += 1
            print(f"FAIL {label}: {type(exc).__name__}: {exc}", flush=True)
    print("packaging check: " + (f"{failed} check(s) FAILED" if failed else "all ok"), flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main())
