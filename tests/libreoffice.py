"""LibreOffice as an outside program in the tests: ``soffice --headless --convert-to``.

A plain module (not conftest.py), imported by tests/ and tests/export/ alike. Each start of
soffice costs ~1.3 s of CPU, and a start on a brand-new user profile costs more: soffice.bin
creates the profile, then restarts itself. So every conversion of one pytest process uses the
same profile, created on first use, and removed when the process exits. Each process (each
xdist worker) has a profile of its own, and a lock keeps two conversions of one process apart:
two soffice instances never use one profile at the same time. :func:`convert` takes several
files in one start; prefer one call for every file of a module over one call per test.
"""

from __future__ import annotations

import atexit
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from collections.abc import Sequence
from pathlib import Path

import pytest

#: the LibreOffice program, or None when LibreOffice is not installed
SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")

#: how long one soffice start may take (a cold start on a busy 2-core machine: ~10 s)
TIMEOUT = 240.0

_lock = threading.Lock()
_home: Path | None = None  # this process's folder: HOME for soffice, the profile inside


def require() -> str:
    """The soffice program; skips the test when LibreOffice is not installed."""
    if SOFFICE is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    return SOFFICE


def _process_home() -> Path:
    global _home
    if _home is None or not _home.exists():
        _home = Path(tempfile.mkdtemp(prefix=f"pricelookup-lo-{os.getpid()}-"))
        atexit.register(shutil.rmtree, _home, True)
    return _home


def _forget_profile() -> None:
    """After a failed or killed start the profile may be half written or locked: use a new one."""
    global _home
    if _home is not None:
        shutil.rmtree(_home, ignore_errors=True)
    _home = None


def run(fmt: str, outdir: Path, sources: Sequence[Path], *, timeout: float = TIMEOUT) -> str:
    """``soffice --convert-to fmt --outdir outdir *sources`` in ONE start; soffice's output.

    Fails the test, with soffice's stdout and stderr, when soffice fails or takes longer than
    ``timeout`` (it and every process it started are then killed)."""
    exe = require()
    assert sources, "nothing to convert"
    outdir.mkdir(parents=True, exist_ok=True)
    with _lock:
        home = _process_home()
        command = [exe, f"-env:UserInstallation={(home / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", fmt, "--outdir", str(outdir), *map(str, sources)]
        # a session of its own: on a timeout the whole group goes (soffice.bin outlives oosplash)
        proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                                start_new_session=True, env={**os.environ, "HOME": str(home)})
        try:
            stdout, stderr = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            stdout, stderr = proc.communicate()
            _forget_profile()
            raise AssertionError(f"LibreOffice took more than {timeout:g} s to convert {len(sources)} "
                                 f"file(s) to {fmt}\nstdout: {stdout}\nstderr: {stderr}") from None
        if proc.returncode != 0:
            _forget_profile()
            raise AssertionError(f"LibreOffice failed (exit {proc.returncode}) converting to {fmt}: "
                                 f"{[str(s) for s in sources]}\nstdout: {stdout}\nstderr: {stderr}")
    return f"stdout: {stdout}\nstderr: {stderr}"


def convert(sources: Sequence[Path], fmt: str, outdir: Path, *, timeout: float = TIMEOUT) -> list[Path]:
    """Every file of ``sources`` converted to ``fmt`` (``ods``, ``xls``...) in ONE soffice start:
    ``outdir / <stem>.<fmt>``, in the order of ``sources``.

    soffice exits 0 even when it could not load a file: a missing output fails the test."""
    stems = [Path(s).stem for s in sources]
    assert len(set(stems)) == len(stems), f"two sources would convert to the same file: {stems}"
    output = run(fmt, outdir, sources, timeout=timeout)
    extension = fmt.split(":", 1)[0]
    converted = [outdir / f"{stem}.{extension}" for stem in stems]
    missing = [p.name for p in converted if not p.exists()]
    assert not missing, f"LibreOffice wrote no {', '.join(missing)} in {outdir}\n{output}"
    return converted


def convert_one(source: Path, fmt: str, outdir: Path, *, timeout: float = TIMEOUT) -> Path:
    """One file converted to ``fmt``: ``outdir / <stem>.<fmt>`` (see :func:`convert`)."""
    return convert([source], fmt, outdir, timeout=timeout)[0]
