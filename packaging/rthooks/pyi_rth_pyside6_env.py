"""Runtime hook of the Linux executable ``pricelookup`` (also ``pricelookup-gui``), in place of PyInstaller's pyi_rth_pyside6.

PyInstaller's hook imports PySide6.QtCore at the start of every executable, to
register an in-memory qt.conf. That loads Qt Core and ICU (~40 MB) and costs
~0.2 s of CPU before ``pricelookup --version`` or ``validate`` can even start,
although the command line never touches Qt. On Linux the qt.conf is not needed:
the bundle keeps the wheel's layout (``PySide6/Qt/lib`` next to ``plugins`` and
``translations``), and Qt finds its prefix relative to libQt6Core itself (as it
does in the venv). So this hook only sets what the original sets cheaply; Qt is
loaded when the GUI (``pricelookup-gui``, ``pricelookup gui``) imports it, and
PySide6 then registers its own embedded qt.conf (the packaging check run by
smoke.sh verifies that Qt finds translations and plugins). The Windows and macOS
builds keep PyInstaller's own hook (see packaging/pricelookup.spec).
"""


def _pyi_rthook() -> None:
    import os
    import sys

    qt_prefix = os.path.join(sys._MEIPASS, "PySide6", "Qt")
    os.environ["QT_PLUGIN_PATH"] = os.path.join(qt_prefix, "plugins")
    os.environ["QML2_IMPORT_PATH"] = os.path.join(qt_prefix, "qml")


_pyi_rthook()
del _pyi_rthook
