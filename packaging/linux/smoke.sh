#!/usr/bin/env bash
# Install the built .deb and smoke-test the FROZEN programs it installed, then uninstall.
#
#   bash packaging/linux/build.sh && bash packaging/linux/smoke.sh
#
# Checks, all against /usr/bin/pricelookup{,-gui} from the package (never the venv),
# run from a scratch folder with a scratch HOME so nothing reads the checkout:
#   1. apt-get installs dist/pricelookup_*.deb with its Depends; files land where they should;
#      no bundled library misses a system library once the Depends are in
#   2. pricelookup --version          prints the package version (timed); the packaging check
#      (packaging/linux/pricelookup_packaging_check.py) inside the frozen program passes
#   3. pricelookup validate SAMPLE --json   valid JSON with a summary
#   4. pricelookup run SAMPLE -o X.xlsx --sandbox --data-dir TMP   writes an XLSX (a zip with a workbook)
#   5. pricelookup-gui --sandbox, offscreen, quits on its own (and under Xvfb with the real
#      xcb plugin; Xvfb is installed from Debian if missing); so does `pricelookup gui --sandbox`;
#      each must print "window shown after N ms"; pricelookup-gui --smoke-run runs a sandbox look-up
#      from the window (engine and sandbox in spawned child processes) and must say "run finished"
#   6. apt-get purge removes it all
# Exit status 0 only if every check passed. KEEP_INSTALLED=1 skips the uninstall.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
log() { printf '[smoke.sh] %s\n' "$*" >&2; }
die() { printf '[smoke.sh] FAIL: %s\n' "$*" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive

[[ $(id -u) -eq 0 ]] || die "run as root (it installs a package)"
shopt -s nullglob
debs=(dist/pricelookup_*.deb)
shopt -u nullglob
((${#debs[@]} == 1)) || die "expected exactly one dist/pricelookup_*.deb, found ${#debs[@]}: run packaging/linux/build.sh first"
DEB="$ROOT/${debs[0]}"
VERSION="$(dpkg-deb -f "$DEB" Version)"
log "package $(basename "$DEB") ($(($(stat -c %s "$DEB") / 1000000)) MB), version $VERSION"

SCRATCH="$(mktemp -d /tmp/pricelookup-smoke.XXXXXX)"
cleanup() {
    local rc=$?
    if [[ ${KEEP_INSTALLED:-0} != 1 ]] && dpkg -s pricelookup >/dev/null 2>&1; then
        apt-get purge -y -qq pricelookup >/dev/null 2>&1 || dpkg --purge pricelookup >/dev/null 2>&1 || true
    fi
    rm -rf "$SCRATCH"
    exit "$rc"
}
trap cleanup EXIT
# A scratch home: QSettings, the log dir, the journal and keyring lookups stay out of root's real home.
export HOME="$SCRATCH/home" XDG_CONFIG_HOME="$SCRATCH/home/.config" XDG_DATA_HOME="$SCRATCH/home/.local/share" \
    XDG_STATE_HOME="$SCRATCH/home/.local/state" XDG_CACHE_HOME="$SCRATCH/home/.cache" XDG_RUNTIME_DIR="$SCRATCH/run"
mkdir -p "$HOME" "$XDG_RUNTIME_DIR" && chmod 0700 "$XDG_RUNTIME_DIR"
# No Secret Service in CI: keyring must not wait for one (sandbox runs need no keys).
export PYTHON_KEYRING_BACKEND=keyring.backends.null.Keyring
unset DBUS_SESSION_BUS_ADDRESS DISPLAY WAYLAND_DISPLAY QT_QPA_PLATFORM PRICELOOKUP_DATA_DIR PRICELOOKUP_RESOURCES

ms_now() { date +%s%3N; }

# ---------------------------------------------------------------- 1. install
if dpkg -s pricelookup >/dev/null 2>&1; then
    log "removing the pricelookup already installed"
    apt-get purge -y -qq pricelookup >/dev/null
fi
log "apt-get install ./$(basename "$DEB")"
if ! apt-get install -y -qq --no-install-recommends "$DEB" >"$SCRATCH/apt.log" 2>&1; then
    log "install failed; refreshing the package lists once and retrying"
    apt-get update -qq >/dev/null 2>&1 || true
    apt-get install -y -qq --no-install-recommends "$DEB" >"$SCRATCH/apt.log" 2>&1 || {
        tail -n 20 "$SCRATCH/apt.log" >&2
        die "apt-get install failed"
    }
fi
[[ "$(dpkg-query -W -f '${Status} ${Version}' pricelookup)" == "install ok installed $VERSION" ]] || die "dpkg does not list pricelookup $VERSION as installed"
for f in /opt/pricelookup/pricelookup /opt/pricelookup/pricelookup-gui; do [[ -x $f ]] || die "$f missing"; done
for f in /usr/bin/pricelookup /usr/bin/pricelookup-gui; do
    [[ "$(readlink -f "$f")" == /opt/pricelookup/* ]] || die "$f does not lead into /opt/pricelookup"
done
# One executable: pricelookup-gui is a second name for it (it picks the GUI by argv[0]).
[[ "$(readlink -f /usr/bin/pricelookup-gui)" == "$(readlink -f /usr/bin/pricelookup)" ]] ||
    die "/usr/bin/pricelookup-gui and /usr/bin/pricelookup are not the same executable"
[[ -f /usr/share/applications/pricelookup.desktop ]] || die "no /usr/share/applications/pricelookup.desktop"
grep -q '^Exec=pricelookup-gui' /usr/share/applications/pricelookup.desktop || die ".desktop Exec= does not start pricelookup-gui"
if compgen -G '/usr/share/icons/hicolor/*/apps/pricelookup.*' >/dev/null; then
    log "icons: $(cd /usr/share/icons/hicolor && echo */apps/pricelookup.* | tr ' ' ',')"
else
    log "WARNING: no hicolor icon installed (resources/icons/ had none at build time)"
fi
# Every bundled ELF must find its libraries now that the Depends are installed (the GTK3 theme
# plugin is exempt: it is optional, its libraries are only Recommended).
missing=""
while IFS= read -r -d '' f; do
    head -c4 "$f" | grep -q ELF || continue
    [[ $f == */platformthemes/libqgtk3.so ]] && continue
    nf="$(LD_LIBRARY_PATH=/opt/pricelookup/_internal:/opt/pricelookup/_internal/PySide6/Qt/lib ldd "$f" 2>/dev/null | grep 'not found' || true)"
    [[ -z $nf ]] || missing+="${f#/opt/pricelookup/}: $(echo "$nf" | awk '{print $1}' | paste -sd' ')"$'\n'
done < <(find /opt/pricelookup -type f \( -name '*.so*' -o -perm -u+x \) -print0)
[[ -z $missing ]] || die "libraries missing after install (add to Depends):"$'\n'"$missing"
log "install: ok ($(du -sh /opt/pricelookup | cut -f1) in /opt/pricelookup)"

cd "$SCRATCH"

# ---------------------------------------------------------------- 2. --version
times=()
for i in 1 2 3 4 5; do
    t0=$(ms_now)
    out="$(pricelookup --version)" || die "pricelookup --version failed"
    times+=($(($(ms_now) - t0)))
done
[[ $out == "pricelookup $VERSION" ]] || die "pricelookup --version printed '$out', expected 'pricelookup $VERSION'"
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
log "--version: ok, '$out' in ${times[0]} ms first, median $(median "${times[@]}") ms of ${#times[@]} (budget 1000 ms)"

# ---------------------------------------------------------------- 2b. checks inside the frozen program
# packaging/linux/pricelookup_packaging_check.py, run by the installed executable under the name
# pricelookup-packaging-check (a symlink in the scratch dir): multiprocessing "spawn" with the one
# executable, Qt's translations/plugins paths, and what Qt asks of the trimmed ICU data
# (QCollator fr/fr_CA/root, legacy codecs by name, time-zone names, case mapping).
ln -s /usr/bin/pricelookup "$SCRATCH/pricelookup-packaging-check"
rc=0
timeout 120 "$SCRATCH/pricelookup-packaging-check" >"$SCRATCH/check.log" 2>&1 || rc=$?
sed 's/^/    /' "$SCRATCH/check.log" >&2
((rc == 0)) || die "packaging check inside the frozen program failed (exit $rc)"
log "packaging check: ok"

# ---------------------------------------------------------------- 3. validate
SAMPLE="$ROOT/resources/samples/products.xlsx"
if [[ ! -f $SAMPLE ]]; then
    SAMPLE="$SCRATCH/codes.csv"
    log "NOTE: no resources/samples/products.xlsx; using a generated CSV"
    printf 'EAN;Produit\n3401351277399;A\n4006381333931;B\n0012345678905;C\n1234567890123;bad check digit\n;empty\n4006381333931;duplicate\n' >"$SAMPLE"
fi
rc=0
pricelookup validate "$SAMPLE" --json >"$SCRATCH/validate.json" 2>"$SCRATCH/validate.err" || rc=$?
((rc == 0)) || { cat "$SCRATCH/validate.err" >&2; die "validate exited $rc"; }
python3 - "$SCRATCH/validate.json" <<'EOF' || die "validate --json did not print the expected JSON"
import json, sys
doc = json.load(open(sys.argv[1]))
s = doc["summary"]
assert s["rows"] > 0 and s["valid"] + s["repaired"] > 0, s
assert len(doc["rows"]) == s["rows"], (len(doc["rows"]), s["rows"])
print(f"[smoke.sh] validate: ok, {s['rows']} rows: {s['valid']} valid, {s['repaired']} repaired, "
      f"{s['invalid']} invalid, {s['empty']} empty", file=sys.stderr)
EOF

# ---------------------------------------------------------------- 4. run --sandbox
OUT="$SCRATCH/prices.xlsx"
t0=$(ms_now)
rc=0
timeout 300 pricelookup run "$SAMPLE" -o "$OUT" --sandbox --data-dir "$SCRATCH/data" --quiet \
    >"$SCRATCH/run.out" 2>"$SCRATCH/run.err" || rc=$?
# 0 = done; 1 = done, some rows failed to look up (the sandbox simulates such codes)
if ((rc != 0 && rc != 1)); then
    tail -n 30 "$SCRATCH/run.err" >&2
    die "run --sandbox exited $rc"
fi
[[ -s $OUT ]] || die "run --sandbox wrote no $OUT"
python3 - "$OUT" <<'EOF' || die "$OUT is not an XLSX workbook"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = set(z.namelist())
assert "[Content_Types].xml" in names and "xl/workbook.xml" in names, sorted(names)[:10]
sheets = [n for n in names if n.startswith("xl/worksheets/sheet")]
assert sheets, "no worksheet"
print(f"[smoke.sh] run --sandbox: ok, {len(sheets)} worksheet(s), {sum(z.getinfo(n).file_size for n in sheets)} bytes of sheet XML",
      file=sys.stderr)
EOF
log "run --sandbox took $(($(ms_now) - t0)) ms (exit $rc)"

# ---------------------------------------------------------------- 5. GUI
# The window closes itself after QUIT_MS: --quit-after (pricelookup-gui's hidden option) and the
# PRICELOOKUP_GUI_QUIT_AFTER_MS variable agreed for smoke tests. When the app prints
# "window shown after N ms" that is reported; the wall time of the whole run is an upper bound.
QUIT_MS=1500
QUIT_S="$(awk -v ms="$QUIT_MS" 'BEGIN {print ms / 1000}')"
gui_smoke() { # $1 = label, rest = the command line (prefix such as env/xvfb-run, then the program)
    local label=$1 t0 rc=0 wall shown
    shift
    t0=$(ms_now)
    PRICELOOKUP_GUI_QUIT_AFTER_MS=$QUIT_MS PRICELOOKUP_DATA_DIR="$SCRATCH/gui-data" timeout 60 "$@" \
        >"$SCRATCH/gui-$label.log" 2>&1 || rc=$?
    wall=$(($(ms_now) - t0))
    if ((rc != 0)); then
        tail -n 30 "$SCRATCH/gui-$label.log" >&2
        die "GUI ($label) exited $rc (124 = did not quit on its own within 60 s)"
    fi
    if grep -E -i 'Traceback|could not load the Qt platform plugin|could not connect to display' "$SCRATCH/gui-$label.log" >&2; then
        die "GUI ($label) printed an error"
    fi
    shown="$(grep -o -E 'window shown after [0-9]+ ms' "$SCRATCH/gui-$label.log" | head -n1 || true)"
    [[ -n $shown ]] || die "GUI ($label) never said 'window shown after N ms' (did the window appear?)"
    log "GUI $label: ok, $shown; started, showed and quit in $wall ms (quit timer $QUIT_MS ms, budget: shown <= 3000 ms)"
}
gui_smoke offscreen env QT_QPA_PLATFORM=offscreen pricelookup-gui --sandbox --quit-after "$QUIT_S"
# The console program's `gui` subcommand: Qt is loaded late there (see packaging/rthooks/).
gui_smoke cli-gui env QT_QPA_PLATFORM=offscreen pricelookup gui --sandbox
# A look-up started from the window (pricelookup-gui --smoke-run: load the file, Run, print how it
# ended, close): the window's engine and sandbox run in spawned children of the one executable.
rc=0
t0=$(ms_now)
PRICELOOKUP_DATA_DIR="$SCRATCH/gui-run-data" QT_QPA_PLATFORM=offscreen timeout 180 \
    pricelookup-gui --sandbox --sandbox-job-seconds 2 --smoke-run "$SAMPLE" >"$SCRATCH/gui-run.log" 2>&1 || rc=$?
if ((rc != 0)) || ! grep -q 'pricelookup-gui: run finished' "$SCRATCH/gui-run.log"; then
    tail -n 30 "$SCRATCH/gui-run.log" >&2
    die "GUI --smoke-run did not finish its sandbox look-up (exit $rc)"
fi
log "GUI run: ok, $(grep -o 'run finished.*' "$SCRATCH/gui-run.log" | head -n1) in $(($(ms_now) - t0)) ms"
if ! command -v xvfb-run >/dev/null; then
    log "installing xvfb to test the real X11 (xcb) platform plugin"
    apt-get install -y -qq --no-install-recommends xvfb xauth >/dev/null 2>&1 ||
        { apt-get update -qq >/dev/null 2>&1 || true; apt-get install -y -qq --no-install-recommends xvfb xauth >/dev/null 2>&1; } ||
        log "WARNING: could not install xvfb; the xcb check is skipped"
fi
if command -v xvfb-run >/dev/null; then
    gui_smoke xcb xvfb-run -a -s '-screen 0 1280x800x24' env QT_QPA_PLATFORM=xcb pricelookup-gui --sandbox --quit-after "$QUIT_S"
fi

# ---------------------------------------------------------------- 6. uninstall
if [[ ${KEEP_INSTALLED:-0} == 1 ]]; then
    log "KEEP_INSTALLED=1: leaving pricelookup installed"
else
    apt-get purge -y -qq pricelookup >/dev/null
    for f in /opt/pricelookup /usr/bin/pricelookup /usr/bin/pricelookup-gui /usr/share/applications/pricelookup.desktop; do
        [[ ! -e $f && ! -L $f ]] || die "$f is still there after apt-get purge"
    done
    log "uninstall: ok (apt-get purge removed /opt/pricelookup, the commands and the menu entry)"
fi
log "all checks passed"
