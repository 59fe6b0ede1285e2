#!/usr/bin/env python3
"""Run the benchmarks and print a markdown table.

    .venv/bin/python tests/benchmarks/run.py                 # full sizes (minutes)
    .venv/bin/python tests/benchmarks/run.py --size smoke    # tiny, checks the cases still work
    .venv/bin/python tests/benchmarks/run.py --group gtin --repeats 3

Results also go to tests/benchmarks/out/latest.json. With --check the exit
code is 1 when a target is missed (the default only reports).
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from harness import REGISTRY, Case, Size  # noqa: E402


def _load_cases() -> list[Case]:
    for path in sorted(HERE.glob("bench_*.py")):
        importlib.import_module(path.stem)
    return list(REGISTRY)


def _peak_rss_kib() -> int:
    """This process's own peak RSS. Not ru_maxrss: Linux carries it across exec, so a
    child would report its parent's peak when the parent was bigger."""
    try:
        with open("/proc/self/status") as status:
            return next(int(line.split()[1]) for line in status if line.startswith("VmHWM"))
    except (OSError, StopIteration):  # not Linux
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def _child(key: str, size: str, work: Path, prepare_only: bool) -> None:
    module, func_name = key.split("::")
    importlib.import_module(module)
    found = [c for c in REGISTRY if c.module == module and c.func.__name__ == func_name]
    (bench,) = found
    work.mkdir(parents=True, exist_ok=True)
    timed = bench.func(Size(size), work)
    if prepare_only:
        print(json.dumps({"prepared": True}))
        return
    start = time.perf_counter()
    extra = timed()
    seconds = time.perf_counter() - start
    rss_mb = _peak_rss_kib() / 1024
    metrics = {k: float(v) for k, v in extra.items()} if isinstance(extra, dict) else {}
    print(json.dumps({"seconds": seconds, "rss_mb": rss_mb, "metrics": metrics}))


def smoke_cases(module: str, work: Path) -> dict[str, dict]:
    """Every case of benchmark ``module`` at smoke size, one after the other in this process and
    through :func:`_child`'s own code (prepare, time, report), with one fixture folder for all as
    a real run has: case key -> ``{"report": ...}`` or ``{"error": traceback}``. For the suite's
    check that the cases still work (tests/test_benchmarks_smoke.py), not for measuring."""
    import contextlib
    import io
    import traceback

    outcome: dict[str, dict] = {}
    importlib.import_module(module)  # this module's cases only: the others would load Qt, openpyxl...
    for bench in list(REGISTRY):
        if bench.module != module:
            continue
        printed = io.StringIO()
        try:
            with contextlib.redirect_stdout(printed):
                _child(bench.key, "smoke", work / "smoke", False)
            outcome[bench.key] = {"report": json.loads(printed.getvalue().strip().splitlines()[-1])}
        except BaseException:
            outcome[bench.key] = {"error": traceback.format_exc()}
    return outcome


def _spawn(bench: Case, size: str, work: Path, prepare_only: bool = False) -> dict:
    cmd = [sys.executable, str(HERE / "run.py"), "--child", bench.key, "--size", size, "--work", str(work)]
    if prepare_only:
        cmd.append("--prepare-only")
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE.parent.parent)
    if proc.returncode != 0:
        raise RuntimeError(f"benchmark {bench.group}/{bench.name} failed:\n{proc.stdout}\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _fmt(x: float | None, digits: int = 3) -> str:
    return "–" if x is None else f"{x:.{digits}g}" if x < 1000 else f"{x:,.0f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--size", choices=("full", "smoke"), default="full")
    ap.add_argument("--group", action="append", help="only these groups (repeatable)")
    ap.add_argument("--repeats", type=int, help="override every case's repeat count")
    ap.add_argument("--work", type=Path, default=HERE / "out" / "work", help="fixture cache folder")
    ap.add_argument("--check", action="store_true", help="exit 1 when a target is missed")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--prepare-only", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:  # the parent already chose the size's own folder
        _child(args.child, args.size, args.work, args.prepare_only)
        return 0
    work = args.work / args.size

    cases = [c for c in _load_cases() if not args.group or c.group in args.group]
    if not cases:
        print("no benchmark cases selected", file=sys.stderr)
        return 2
    groups: dict[str, list[Case]] = defaultdict(list)
    for c in cases:
        groups[c.group].append(c)

    results: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for group, members in groups.items():
        for bench in members:  # build fixtures once, untimed, in a throwaway process
            _spawn(bench, args.size, work, prepare_only=True)
        rounds = max(1 if args.size == "smoke" else (args.repeats or c.repeats) for c in members)
        for r in range(rounds):
            for bench in members:  # interleaved: A, B, A, B ...
                wanted = 1 if args.size == "smoke" else (args.repeats or bench.repeats)
                if r < wanted:
                    results[(group, bench.name)].append(_spawn(bench, args.size, work))
                    print(f"  {group} / {bench.name}: run {r + 1}/{wanted} "
                          f"{results[(group, bench.name)][-1]['seconds']:.3f} s", file=sys.stderr)

    rows, missed, report = [], [], []
    for group, members in groups.items():
        med = {b.name: statistics.median(x["seconds"] for x in results[(group, b.name)]) for b in members}
        for b in members:
            runs = results[(group, b.name)]
            seconds = med[b.name]
            rss = max(x["rss_mb"] for x in runs)
            ratio = seconds / med[b.baseline] if b.baseline in med and med[b.baseline] > 0 else None
            metric_names = sorted({k for x in runs for k in x["metrics"]})
            metrics = {k: statistics.median(x["metrics"][k] for x in runs if k in x["metrics"]) for k in metric_names}
            targets, ok = [], True
            if b.max_ratio is not None:
                targets.append(f"≤{b.max_ratio}× {b.baseline}")
                ok &= ratio is not None and ratio <= b.max_ratio
            if b.max_seconds is not None:
                targets.append(f"≤{b.max_seconds} s")
                ok &= seconds <= b.max_seconds
            if b.max_rss_mb is not None:
                targets.append(f"≤{b.max_rss_mb:g} MB RSS")
                ok &= rss <= b.max_rss_mb
            notes = ", ".join(f"{k}={_fmt(v)}" for k, v in metrics.items())
            if b.note:
                notes = f"{notes}; {b.note}" if notes else b.note
            verdict = ("ok" if ok else "MISSED") if targets else ""
            if targets and not ok:
                missed.append(f"{group}/{b.name}")
            rows.append(f"| {group} | {b.name} | {_fmt(seconds)} | {len(runs)} | {_fmt(rss)} | "
                        f"{'' if ratio is None else f'{ratio:.2f}×'} | {'; '.join(targets)} | {verdict} | {notes} |")
            report.append({"group": group, "case": b.name, "median_s": seconds, "runs": len(runs),
                           "peak_rss_mb": rss, "ratio": ratio, "targets": targets, "ok": ok, "metrics": metrics})

    print(f"\nBenchmarks ({args.size} size, {os.cpu_count()} cores, medians of the runs shown)\n")
    print("| group | case | median s | runs | peak RSS MB | ratio | target | verdict | notes |")
    print("|---|---|---|---|---|---|---|---|---|")
    print("\n".join(rows))
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / f"latest-{args.size}.json").write_text(json.dumps(report, indent=2))
    if missed:
        print(f"\nmissed targets: {', '.join(missed)}", file=sys.stderr)
    return 1 if (args.check and missed) else 0


if __name__ == "__main__":
    raise SystemExit(main())
