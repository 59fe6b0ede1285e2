"""Packaging: the pieces that can be checked without building installers.

The real proof is ``packaging/linux/build.sh && packaging/linux/smoke.sh`` (run by
.ci/run): they freeze, install and run the app. These tests cover what those do not:
the Windows/macOS recipes (which cannot run here) stay syntactically sound, the icon
files for them are well-formed, and the GUI's smoke-test hook behaves.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import struct
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"


def _load(path: Path):
    spec = importlib.util.spec_from_file_location(path.stem, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("script", ["linux/build.sh", "linux/smoke.sh", "linux/measure.sh", "macos/make_dmg.sh"])
def test_shell_scripts_parse_and_fail_loudly(script: str) -> None:
    path = PACKAGING / script
    assert subprocess.run(["bash", "-n", str(path)], capture_output=True).returncode == 0
    assert "set -euo pipefail" in path.read_text()


def test_spec_is_valid_python_and_reads_the_package_version() -> None:
    source = (PACKAGING / "pricelookup.spec").read_text()
    compile(source, "pricelookup.spec", "exec")
    assert "pricelookup.__version__" in source or "__version__" in source
    # both programs, one folder
    assert 'name="pricelookup"' in source and 'name="pricelookup-gui"' in source
    assert "COLLECT(" in source and "MERGE(" not in source


def test_inno_setup_script_is_per_user_with_a_fixed_app_id() -> None:
    iss = (PACKAGING / "windows" / "pricelookup.iss").read_text(encoding="utf-8-sig")
    setup = dict(
        line.split("=", 1) for line in iss.split("[Setup]", 1)[1].split("\n[", 1)[0].splitlines()
        if "=" in line and not line.lstrip().startswith((";", "#"))
    )
    assert setup["PrivilegesRequired"] == "lowest"
    app_id = setup["AppId"]
    assert app_id.startswith("{{") and app_id.endswith("}"), "a literal { must be doubled in Inno Setup"
    uuid.UUID(app_id[2:-1])  # raises if not a GUID
    assert setup["DefaultDirName"].startswith("{autopf}")
    # every [Registry] entry goes to HKA (HKCU in a per-user install): HKLM/HKCR would need admin rights
    registry = iss.split("[Registry]", 1)[1].split("\n[", 1)[0]
    roots = re.findall(r"^Root: (\w+);", registry, flags=re.M)
    assert roots and set(roots) == {"HKA"}
    assert '{autoprograms}\\{#AppName}"; Filename: "{app}\\{#GuiExe}"' in iss


def test_build_ps1_is_ascii_for_windows_powershell() -> None:
    # Windows PowerShell 5.1 reads a BOM-less script as ANSI: any non-ASCII byte would be mangled.
    (PACKAGING / "windows" / "build.ps1").read_bytes().decode("ascii")


def test_ico_container_points_at_each_png() -> None:
    make_icons = _load(PACKAGING / "make_icons.py")
    fake = {16: b"\x89PNG\r\n\x1a\n" + b"a" * 10, 256: b"\x89PNG\r\n\x1a\n" + b"b" * 20}
    data = make_icons.ico_bytes(fake)
    reserved, kind, count = struct.unpack_from("<HHH", data, 0)
    assert (reserved, kind, count) == (0, 1, 2)
    for i, size in enumerate(sorted(fake)):
        w, h, _, _, planes, bpp, length, offset = struct.unpack_from("<BBBBHHII", data, 6 + 16 * i)
        assert (w, h) == ((0, 0) if size == 256 else (size, size))  # 0 means 256
        assert (planes, bpp, length) == (1, 32, len(fake[size]))
        assert data[offset : offset + length] == fake[size]


def test_make_icons_writes_a_readable_ico_and_an_iconset(qapp, tmp_path: Path) -> None:
    from PySide6.QtGui import QImageReader

    make_icons = _load(PACKAGING / "make_icons.py")
    assert make_icons.main(["--ico", str(tmp_path / "p.ico"), "--iconset", str(tmp_path / "p.iconset")]) == 0
    reader = QImageReader(str(tmp_path / "p.ico"))
    sizes = []
    for i in range(reader.imageCount()):
        reader.jumpToImage(i)
        sizes.append(reader.read().width())
    assert sorted(sizes) == list(make_icons.ICO_SIZES)
    names = sorted(p.name for p in (tmp_path / "p.iconset").iterdir())
    assert len(names) == 10 and "icon_512x512@2x.png" in names and "icon_16x16.png" in names


@pytest.mark.parametrize(("raw", "expected"), [("1500", 1.5), ("0", 0.0), ("", None), ("soon", None), ("-3", 0.0)])
def test_gui_quit_after_env(monkeypatch: pytest.MonkeyPatch, raw: str, expected: float | None) -> None:
    from pricelookup.gui import instrumentation

    monkeypatch.setenv("PRICELOOKUP_GUI_QUIT_AFTER_MS", raw)
    assert instrumentation.quit_after_from_env() == expected


@pytest.mark.slow  # a fresh interpreter: the clock of process start-up
def test_gui_window_shown_clock_starts_with_the_process() -> None:
    # A fresh interpreter: its clock must start near 0 at process start and then follow the wall clock.
    code = ("import time; from pricelookup.gui.instrumentation import ms_since_process_start as f; "
            "a = f(); time.sleep(0.5); b = f(); print(a, b)")
    t0 = time.perf_counter()
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    wall_ms = (time.perf_counter() - t0) * 1000
    first, second = map(float, out.stdout.split())
    assert 0 < first < wall_ms - 450  # counted from the start of that process, not from boot or import
    assert 450 < second - first < 650  # ticks are 10 ms; sleep may overshoot a little


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils not installed")
def test_desktop_entry_is_valid() -> None:
    entry = ROOT / "resources" / "pricelookup.desktop"  # in the repository; build.sh installs it
    assert subprocess.run(["desktop-file-validate", str(entry)], capture_output=True).returncode == 0
