#!/usr/bin/env bash
# Measure the Linux packaging budgets on the built artefacts (a benchmark, not a test).
#
#   bash packaging/linux/measure.sh [--installed] [--runs N] [--strict]
#
# Reads dist/pricelookup/ (the frozen bundle, byte for byte what the .deb puts in
# /opt/pricelookup) and dist/pricelookup_*.deb; --installed measures /opt/pricelookup
# instead. Prints a markdown table:
#
#   bundle size unpacked      <= 300 MB  (issue #13: QtCharts for the price history chart)
#   .deb size                 <= 80 MB   (xz)
#   pricelookup --version     <= 1 s      median wall time of N runs after one warm-up, and CPU time
#   main window shown         <= 3 s      pricelookup-gui --sandbox, offscreen (and X11 under Xvfb if
#                                         xvfb-run exists): time from exec to the first paint of the window
#
# "window shown" is the app's own "window shown after N ms" line (pricelookup-gui
# prints it, measured from process start, when --quit-after is given); the table also
# gives the external time from exec to that line reaching us. Without the line it
# falls back to an upper bound: the whole run (start, show, close) minus the quit timer.
# Wall times depend on the machine's load: the load average is printed with them, and
# CPU time (user+sys) is given because it does not.
#
# Exits 0 when the artefacts are missing (nothing to measure: says so) or when every
# budget holds; with --strict, exits 1 if a budget is exceeded.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PY="$(command -v python3)" || { echo "measure.sh: needs python3" >&2; exit 2; }
exec "$PY" - "$@" <<'PYEOF'
"""The measurements; stdlib only so that it runs with any python3."""

from __future__ import annotations

import argparse
import glob
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BUDGET_BUNDLE_MB = 300
BUDGET_DEB_MB = 80
BUDGET_VERSION_S = 1.0
BUDGET_SHOWN_S = 3.0
SHOWN_RE = re.compile(r"window shown after (\d+(?:\.\d+)?) ms")


def dir_bytes(path: Path) -> int:
    """Apparent size of all regular files (symlinks counted as links), like `du -sb`."""
    total = 0
    for root, dirs, files in os.walk(path):
        for name in files + dirs:
            p = os.path.join(root, name)
            st = os.lstat(p)
            if not os.path.isdir(p) or os.path.islink(p):
                total += st.st_size
    return total


def run_timed(cmd: list[str], env: dict[str, str], timeout: float) -> tuple[float, float, int, str]:
    """(wall s, cpu s of the child, exit code, combined output)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout, text=True)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, proc.returncode, proc.stdout


def gui_once(cmd: list[str], env: dict[str, str], quit_after: float) -> dict[str, float | None]:
    """One GUI start: app-reported ms, external ms to that line, total wall, cpu."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    app_ms = ext_ms = None
    out_lines = []
    assert proc.stdout is not None
    for line in proc.stdout:
        out_lines.append(line)
        m = SHOWN_RE.search(line)
        if m and app_ms is None:
            ext_ms = (time.perf_counter() - t0) * 1000
            app_ms = float(m.group(1))
    rc = proc.wait(timeout=120)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if rc != 0:
        sys.stderr.write("".join(out_lines[-30:]))
        raise SystemExit(f"measure.sh: {' '.join(cmd)} exited {rc}")
    return {"app_ms": app_ms, "ext_ms": ext_ms, "upper_ms": (wall - quit_after) * 1000,
            "cpu_s": (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)}


def main() -> int:
    ap = argparse.ArgumentParser(prog="measure.sh")
    ap.add_argument("--installed", action="store_true", help="measure /opt/pricelookup (installed .deb)")
    ap.add_argument("--runs", type=int, default=7, help="--version runs (GUI: a third of it, at least 3)")
    ap.add_argument("--strict", action="store_true", help="exit 1 if a budget is exceeded")
    args = ap.parse_args()

    bundle = Path("/opt/pricelookup") if args.installed else Path("dist/pricelookup")
    debs = sorted(glob.glob("dist/pricelookup_*.deb"))
    if not (bundle / "pricelookup").exists():
        print(f"measure.sh: no {bundle}/pricelookup: nothing to measure (run packaging/linux/build.sh)")
        return 0

    scratch = Path(tempfile.mkdtemp(prefix="pricelookup-measure."))
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "PRICELOOKUP_"))}
    env.update(HOME=str(scratch / "home"), XDG_CONFIG_HOME=str(scratch / "home/.config"),
               XDG_DATA_HOME=str(scratch / "home/.local/share"), XDG_STATE_HOME=str(scratch / "home/.local/state"),
               XDG_CACHE_HOME=str(scratch / "home/.cache"), XDG_RUNTIME_DIR=str(scratch / "run"),
               PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    (scratch / "run").mkdir(mode=0o700, parents=True)
    rows: list[tuple[str, str, str, bool | None]] = []
    load = os.getloadavg()[0]

    # sizes
    size = dir_bytes(bundle)
    rows.append(("bundle unpacked", f"{size / 1e6:.1f} MB ({size / 2**20:.1f} MiB)", f"<= {BUDGET_BUNDLE_MB} MB",
                 size / 1e6 <= BUDGET_BUNDLE_MB))
    biggest = sorted(((dir_bytes(p) if p.is_dir() else p.stat().st_size, p.name)
                      for p in (bundle / "_internal").iterdir() if not p.is_symlink()), reverse=True)[:6]
    # Regular files only: on Linux pricelookup-gui is a symlink to the one executable.
    exe_files = [bundle / n for n in ("pricelookup", "pricelookup-gui") if (bundle / n).is_file() and not (bundle / n).is_symlink()]
    exes = sum(p.stat().st_size for p in exe_files)
    if debs:
        deb = Path(debs[-1])
        deb_mb = deb.stat().st_size / 1e6
        rows.append((f".deb ({deb.name})", f"{deb_mb:.1f} MB", f"<= {BUDGET_DEB_MB} MB (xz)", deb_mb <= BUDGET_DEB_MB))

    # --version
    exe = str(bundle / "pricelookup")
    run_timed([exe, "--version"], env, 60)  # warm the page cache once
    walls, cpus = [], []
    for _ in range(max(args.runs, 1)):
        wall, cpu, rc, out = run_timed([exe, "--version"], env, 60)
        if rc != 0:
            raise SystemExit(f"measure.sh: {exe} --version exited {rc}: {out}")
        walls.append(wall)
        cpus.append(cpu)
    med = statistics.median(walls)
    rows.append(("pricelookup --version", f"median {med * 1000:.0f} ms wall (min {min(walls) * 1000:.0f}), "
                 f"{statistics.median(cpus) * 1000:.0f} ms CPU, {len(walls)} runs", f"<= {BUDGET_VERSION_S:.0f} s",
                 med <= BUDGET_VERSION_S))

    # GUI
    quit_after = 0.5
    gui = [str(bundle / "pricelookup-gui"), "--sandbox", "--quit-after", str(quit_after),
           "--data-dir", str(scratch / "data")]
    modes = [("offscreen", [], {"QT_QPA_PLATFORM": "offscreen"})]
    if shutil.which("xvfb-run"):
        modes.append(("X11 (xcb, Xvfb)", ["xvfb-run", "-a", "-s", "-screen 0 1280x800x24"], {"QT_QPA_PLATFORM": "xcb"}))
    for label, prefix, extra in modes:
        genv = dict(env, PRICELOOKUP_GUI_QUIT_AFTER_MS=str(int(quit_after * 1000)), **extra)
        gui_once(prefix + gui, genv, quit_after)  # warm-up
        results = [gui_once(prefix + gui, genv, quit_after) for _ in range(max(3, args.runs // 3))]
        if all(r["app_ms"] is not None for r in results):
            app = statistics.median(r["app_ms"] for r in results)
            ext = statistics.median(r["ext_ms"] for r in results)
            value = f"median {app:.0f} ms (app), {ext:.0f} ms exec-to-line"
            shown_s = max(app, ext) / 1000
        else:
            upper = statistics.median(r["upper_ms"] for r in results)
            value = f"<= {upper:.0f} ms (upper bound: no 'window shown' line)"
            shown_s = upper / 1000
        cpu = statistics.median(r["cpu_s"] for r in results)
        rows.append((f"main window shown, {label}", f"{value}; {cpu * 1000:.0f} ms CPU whole run, {len(results)} runs",
                     f"<= {BUDGET_SHOWN_S:.0f} s", shown_s <= BUDGET_SHOWN_S))
    shutil.rmtree(scratch, ignore_errors=True)

    print(f"\n### Packaging ({'installed ' if args.installed else ''}{bundle}; load average {load:.1f} on "
          f"{os.cpu_count()} CPUs)\n")
    print("| metric | measured | budget | ok |")
    print("|---|---|---|---|")
    for name, value, budget, ok in rows:
        print(f"| {name} | {value} | {budget} | {'-' if ok is None else ('yes' if ok else 'NO')} |")
    print("\nLargest parts of the bundle: " + ", ".join(f"{n} {b / 1e6:.1f} MB" for b, n in biggest)
          + f", the executable{'s' if len(exe_files) > 1 else ''} {exes / 1e6:.1f} MB "
          + ("(each embeds the Python archive)" if len(exe_files) > 1 else "(pricelookup-gui is a symlink to it)"))
    over = [r[0] for r in rows if r[3] is False]
    if over:
        print(f"\nOver budget: {', '.join(over)}")
    return 1 if (over and args.strict) else 0


raise SystemExit(main())
PYEOF
