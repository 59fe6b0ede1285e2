#!/usr/bin/env bash
# Build the frozen Price Lookup bundle and its Debian package.
#
#   bash packaging/linux/build.sh
#
# 1. picks a Python: $PRICELOOKUP_BUILD_PYTHON, else the repo's .venv (what the
#    tests ran against), else a fresh build/venv with the runtime dependencies;
#    PRICELOOKUP_BUILD_VENV=fresh forces the fresh venv.
# 2. runs PyInstaller on packaging/pricelookup.spec -> dist/pricelookup/
#    (one folder, executable pricelookup and its second name pricelookup-gui, a symlink),
#    then trims ICU's data library to English/French (packaging/linux/trim_icu_data.py);
# 3. checks the bundle: both executables there, `--version` answers, the GUI and
#    the sandbox are inside, nothing from the test/Qt-Quick world slipped in;
# 4. computes Depends from the libraries the bundle links to but does not carry
#    (dpkg -S on this machine, a fixed table for the rest);
# 5. stages /opt/pricelookup, /usr/bin links, the .desktop entry and the hicolor
#    icons, and builds dist/pricelookup_<version>_<arch>.deb (xz).
#
# Non-interactive and idempotent; writes only to build/ and dist/. Runs as root in
# CI (apt-get is used only when a build tool is missing). Env knobs:
#   PRICELOOKUP_BUILD_PYTHON=/path/python   use this interpreter (must have the app's deps)
#   PRICELOOKUP_BUILD_VENV=fresh            ignore .venv, use/refresh build/venv
#   PRICELOOKUP_ALLOW_MISSING_GUI=1         build even if pricelookup.gui.app is absent (dev only)
#   PRICELOOKUP_XZ_LEVEL=6                  xz level for dpkg-deb (default 9)
#   PRICELOOKUP_FULL_ICU=1                  keep ICU's full 32 MB data (see trim_icu_data.py)
#   CLEAN=1                                 wipe PyInstaller's work dir and cache first
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"

log() { printf '[build.sh] %s\n' "$*" >&2; }
die() { printf '[build.sh] ERROR: %s\n' "$*" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_INPUT=1 PYTHONDONTWRITEBYTECODE=1

START=$SECONDS
WORK="$ROOT/build/pyinstaller"
DIST="$ROOT/dist"
BUNDLE="$DIST/pricelookup"
# PyInstaller keeps a cache of stripped binaries in ~/.cache by default; keep it under build/.
export PYINSTALLER_CONFIG_DIR="$WORK/cache"

# ---------------------------------------------------------------- build tools
apt_install() {
    # apt-get from Debian only; refresh the package lists once if they are missing or stale.
    [[ $(id -u) -eq 0 ]] || die "missing $*; install them (apt-get install $*) or run as root"
    apt-get install -y --no-install-recommends "$@" >/dev/null 2>&1 || {
        apt-get update -qq >/dev/null
        apt-get install -y --no-install-recommends "$@" >/dev/null
    }
}
missing=()
for tool in strip readelf objdump; do command -v "$tool" >/dev/null || missing+=(binutils); done
command -v dpkg-deb >/dev/null || missing+=(dpkg)
command -v ldconfig >/dev/null || missing+=(libc-bin)
# ICU data trimming (step 2b below): icupkg lists/removes items of ICU's data package, gcc
# (with binutils' as/ld) turns the result back into libicudata.so.NN.
if [[ ${PRICELOOKUP_FULL_ICU:-0} != 1 ]]; then
    command -v icupkg >/dev/null || missing+=(icu-devtools)
    command -v gcc >/dev/null || missing+=(gcc)
fi
if ((${#missing[@]})); then
    log "installing build tools: ${missing[*]}"
    apt_install $(printf '%s\n' "${missing[@]}" | sort -u)
fi

# ---------------------------------------------------------------- Python
pick_python() {
    if [[ -n ${PRICELOOKUP_BUILD_PYTHON:-} ]]; then
        echo "$PRICELOOKUP_BUILD_PYTHON"
        return
    fi
    if [[ ${PRICELOOKUP_BUILD_VENV:-} != fresh && -x .venv/bin/python ]] &&
        .venv/bin/python -c 'import pricelookup, PySide6, polars, fastexcel' 2>/dev/null; then
        echo "$ROOT/.venv/bin/python"
        return
    fi
    local venv="$ROOT/build/venv" stamp
    stamp="$(sha256sum pyproject.toml | cut -c1-16)"
    if [[ ! -x $venv/bin/python || "$(cat "$venv/.stamp" 2>/dev/null)" != "$stamp" ]]; then
        log "creating build venv $venv (runtime deps + PyInstaller from PyPI)"
        local base
        base="$(command -v python3.11 || command -v python3)" || die "no python3 on PATH"
        rm -rf "$venv"
        "$base" -m venv "$venv" || die "python3 -m venv failed (Debian: apt-get install python3-venv)"
        "$venv/bin/pip" install -q --upgrade pip >&2
        "$venv/bin/pip" install -q -e ".[package]" >&2
        echo "$stamp" >"$venv/.stamp"
    fi
    echo "$venv/bin/python"
}
PY="$(pick_python)"
log "python: $PY ($("$PY" -c 'import sys; print(sys.version.split()[0])'))"
"$PY" -c 'import PyInstaller' 2>/dev/null || {
    log "installing PyInstaller (pyproject extra [package]) into $(dirname "$PY")/.."
    "$PY" -m pip install -q 'pyinstaller>=6.10' >&2
}
VERSION="$("$PY" -c 'import ast,sys; t=ast.parse(open("desktop/pricelookup/__init__.py").read()); print(next(ast.literal_eval(n.value) for n in t.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "__version__"))')"
ARCH="$(dpkg --print-architecture)"
log "Price Lookup $VERSION for $ARCH"

# ---------------------------------------------------------------- PyInstaller
if [[ ${CLEAN:-0} == 1 ]]; then rm -rf "$WORK"; fi
mkdir -p "$WORK" "$DIST"
PYI_LOG="$WORK/pyinstaller.log"
log "PyInstaller: packaging/pricelookup.spec -> dist/pricelookup/ (log: ${PYI_LOG#"$ROOT"/})"
t0=$SECONDS
if ! "$PY" -m PyInstaller --noconfirm --distpath "$DIST" --workpath "$WORK/work" \
    packaging/pricelookup.spec >"$PYI_LOG" 2>&1; then
    tail -n 40 "$PYI_LOG" >&2
    die "PyInstaller failed (full log: $PYI_LOG)"
fi
grep -E '^\[pricelookup.spec\]| ERROR: ' "$PYI_LOG" | sed 's/^/    /' >&2 || true
log "PyInstaller done in $((SECONDS - t0)) s"

# ---------------------------------------------------------------- trim ICU's data
# Qt Core links ICU 73, whose libicudata.so.73 is a 32 MB data package covering every
# language; Qt only asks ICU for collation, legacy codecs, time-zone names and case mapping,
# and the app speaks English and French. trim_icu_data.py keeps what those need for en/fr
# (-29 MB; the reasons and the exact list are in its docstring); smoke.sh's packaging check
# then exercises each of them in the frozen program. PRICELOOKUP_FULL_ICU=1 skips this.
shopt -s nullglob
icu_data=("$BUNDLE"/_internal/PySide6/Qt/lib/libicudata.so.*)
shopt -u nullglob
if [[ ${PRICELOOKUP_FULL_ICU:-0} == 1 ]]; then
    log "PRICELOOKUP_FULL_ICU=1: keeping ICU's full data"
elif ((${#icu_data[@]} == 0)); then
    log "NOTE: no libicudata.so.* in the bundle (PySide6 without ICU?); nothing to trim"
else
    for lib in "${icu_data[@]}"; do
        [[ -L $lib ]] && continue
        "$PY" packaging/linux/trim_icu_data.py "$lib" --work "$WORK/icu" || die "trimming ICU data failed"
    done
fi

# ---------------------------------------------------------------- check the bundle
[[ -x $BUNDLE/pricelookup && -x $BUNDLE/pricelookup-gui ]] || die "dist/pricelookup/ lacks pricelookup or pricelookup-gui"
# One executable on Linux: pricelookup-gui is its second name (packaging/entry_linux.py dispatches on argv[0]).
[[ -L $BUNDLE/pricelookup-gui && "$(readlink "$BUNDLE/pricelookup-gui")" == pricelookup ]] ||
    die "dist/pricelookup/pricelookup-gui is not a symlink to pricelookup (see packaging/pricelookup.spec)"
got="$("$BUNDLE/pricelookup" --version)" || die "frozen 'pricelookup --version' failed"
[[ $got == "pricelookup $VERSION" ]] || die "frozen --version said '$got', expected 'pricelookup $VERSION'"
PYZ_TOC="$(ls "$WORK"/work/*/PYZ-00.toc)"
for mod in pricelookup.cli pricelookup.sandbox pricelookup.gui.app; do
    if ! grep -q "'$mod'" "$PYZ_TOC"; then
        if [[ $mod == pricelookup.gui.app && ${PRICELOOKUP_ALLOW_MISSING_GUI:-0} == 1 ]]; then
            log "WARNING: $mod is not in the bundle (PRICELOOKUP_ALLOW_MISSING_GUI=1); pricelookup-gui will not start"
        else
            die "$mod is not in the bundle: does desktop/${mod//.//}.py (or its package) exist and import?"
        fi
    fi
done
# Things that must never ship: test tools, and the Qt worlds the app does not use.
forbidden=()
for p in pytest _pytest hypothesis pandas pyarrow tkinter PySide6/Qt/qml; do
    [[ -e $BUNDLE/_internal/$p ]] && forbidden+=("_internal/$p")
done
while IFS= read -r f; do forbidden+=("${f#"$BUNDLE"/}"); done < <(
    find "$BUNDLE/_internal/PySide6" -name 'libQt6Qml*' -o -name 'libQt6Quick*' -o -name 'libQt6WebEngine*' \
        -o -name 'libQt6Designer*' -o -name 'libQt63D*' -o -name 'libQt6Multimedia*' -o -name 'libQt6Pdf*')
((${#forbidden[@]} == 0)) || die "bundle contains what it must not: ${forbidden[*]}"
# No dangling symlinks (a pruned library still referenced).
dangling="$(find "$BUNDLE" -xtype l)"
[[ -z $dangling ]] || die "dangling symlinks in the bundle: $dangling"

# ---------------------------------------------------------------- Depends
# Every ELF in the bundle; the sonames they need that the bundle does not carry
# come from the system and become Depends. Those needed only by the GTK3 theme
# plugin become Recommends (Qt falls back to its own theme without them).
declare -A SONAME_PKG=(
    [libc.so.6]=libc6 [libm.so.6]=libc6 [libdl.so.2]=libc6 [libpthread.so.0]=libc6 [librt.so.1]=libc6
    [libutil.so.1]=libc6 [libresolv.so.2]=libc6 [ld-linux-x86-64.so.2]=libc6 [libstdc++.so.6]=libstdc++6
    [libgcc_s.so.1]=libgcc-s1 [libz.so.1]=zlib1g [libbz2.so.1.0]=libbz2-1.0 [liblzma.so.5]=liblzma5
    [libzstd.so.1]=libzstd1 [libffi.so.8]=libffi8 [libexpat.so.1]=libexpat1 [libuuid.so.1]=libuuid1
    [libssl.so.3]=libssl3 [libcrypto.so.3]=libssl3 [libsqlite3.so.0]=libsqlite3-0 [libreadline.so.8]=libreadline8
    [libtinfo.so.6]=libtinfo6 [libncursesw.so.6]=libncursesw6 [libgdbm.so.6]=libgdbm6
    [libX11.so.6]=libx11-6 [libX11-xcb.so.1]=libx11-xcb1 [libxcb.so.1]=libxcb1 [libxcb-cursor.so.0]=libxcb-cursor0
    [libxcb-icccm.so.4]=libxcb-icccm4 [libxcb-image.so.0]=libxcb-image0 [libxcb-keysyms.so.1]=libxcb-keysyms1
    [libxcb-randr.so.0]=libxcb-randr0 [libxcb-render-util.so.0]=libxcb-render-util0 [libxcb-render.so.0]=libxcb-render0
    [libxcb-shape.so.0]=libxcb-shape0 [libxcb-shm.so.0]=libxcb-shm0 [libxcb-sync.so.1]=libxcb-sync1
    [libxcb-xfixes.so.0]=libxcb-xfixes0 [libxcb-xkb.so.1]=libxcb-xkb1 [libxcb-util.so.1]=libxcb-util1
    [libxcb-glx.so.0]=libxcb-glx0 [libxcb-xinput.so.0]=libxcb-xinput0 [libxkbcommon.so.0]=libxkbcommon0
    [libxkbcommon-x11.so.0]=libxkbcommon-x11-0 [libEGL.so.1]=libegl1 [libGL.so.1]=libgl1 [libOpenGL.so.0]=libopengl0
    [libGLX.so.0]=libglx0 [libfontconfig.so.1]=libfontconfig1 [libfreetype.so.6]=libfreetype6
    [libharfbuzz.so.0]=libharfbuzz0b [libpng16.so.16]=libpng16-16 [libdbus-1.so.3]=libdbus-1-3
    [libglib-2.0.so.0]=libglib2.0-0 [libgobject-2.0.so.0]=libglib2.0-0 [libgio-2.0.so.0]=libglib2.0-0
    [libgthread-2.0.so.0]=libglib2.0-0 [libgmodule-2.0.so.0]=libglib2.0-0 [libwayland-client.so.0]=libwayland-client0
    [libwayland-cursor.so.0]=libwayland-cursor0 [libwayland-egl.so.1]=libwayland-egl1 [libgtk-3.so.0]=libgtk-3-0
    [libgdk-3.so.0]=libgtk-3-0 [libpango-1.0.so.0]=libpango-1.0-0 [libpangocairo-1.0.so.0]=libpangocairo-1.0-0
    [libcairo.so.2]=libcairo2 [libcairo-gobject.so.2]=libcairo-gobject2 [libgdk_pixbuf-2.0.so.0]=libgdk-pixbuf-2.0-0
    [libatk-1.0.so.0]=libatk1.0-0 [libgssapi_krb5.so.2]=libgssapi-krb5-2 [libsystemd.so.0]=libsystemd0
)
soname_package() {
    # The Debian package that ships this soname: ask dpkg about the file the loader would use, else the table.
    local soname=$1 path pkg
    path="$(ldconfig -p | awk -v s="$soname" '$1 == s && $0 ~ /x86-64|64bit|AArch64|aarch64/ {print $NF; exit}')"
    [[ -z $path ]] && path="$(ldconfig -p | awk -v s="$soname" '$1 == s {print $NF; exit}')"
    if [[ -n $path ]]; then
        for candidate in "$path" "$(readlink -f "$path")" "/usr$path" "${path#/usr}"; do
            pkg="$(dpkg -S "$candidate" 2>/dev/null | head -n1 | cut -d: -f1)" && [[ -n $pkg && $pkg != *,* ]] && {
                echo "$pkg"
                return
            }
        done
    fi
    echo "${SONAME_PKG[$soname]:-}"
}
mapfile -t ELVES < <(find "$BUNDLE" -type f \( -name '*.so' -o -name '*.so.*' -o -perm -u+x \) -exec sh -c \
    'for f; do head -c4 "$f" | grep -q ELF && echo "$f"; done' sh {} +)
declare -A BUNDLED=() NEED_MAIN=() NEED_GTK=()
for f in "${ELVES[@]}"; do BUNDLED[$(basename "$f")]=1; done
while IFS= read -r l; do BUNDLED[$(basename "$l")]=1; done < <(find "$BUNDLE" -type l)
for f in "${ELVES[@]}"; do
    while IFS= read -r soname; do
        if [[ -n ${BUNDLED[$soname]:-} ]]; then continue; fi
        if [[ $f == */platformthemes/libqgtk3.so ]]; then NEED_GTK[$soname]=1; else NEED_MAIN[$soname]=1; fi
    done < <(readelf -d "$f" 2>/dev/null | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
done
declare -A DEPENDS=() RECOMMENDS=()
unknown=()
for soname in "${!NEED_MAIN[@]}"; do
    pkg="$(soname_package "$soname")"
    if [[ -n $pkg ]]; then DEPENDS[$pkg]=1; else unknown+=("$soname"); fi
done
for soname in "${!NEED_GTK[@]}"; do
    if [[ -n ${NEED_MAIN[$soname]:-} ]]; then continue; fi
    pkg="$(soname_package "$soname")"
    if [[ -n $pkg ]]; then RECOMMENDS[$pkg]=1; else unknown+=("$soname (gtk3 theme)"); fi
done
((${#unknown[@]} == 0)) || die "no Debian package known for: ${unknown[*]}; install it here or add it to SONAME_PKG in packaging/linux/build.sh"
# The newest glibc symbol version any bundled binary uses is the lowest libc6 we can run on.
GLIBC_MIN="$(for f in "${ELVES[@]}"; do objdump -T "$f" 2>/dev/null || true; done | { grep -o 'GLIBC_[0-9][0-9.]*' || true; } | sed 's/GLIBC_//' | sort -Vu | tail -n1)"
unset 'DEPENDS[libc6]'
for p in "${!RECOMMENDS[@]}"; do
    if [[ -n ${DEPENDS[$p]:-} ]]; then unset "RECOMMENDS[$p]"; fi
done
DEPENDS_LINE="libc6 (>= ${GLIBC_MIN:-2.28})$(printf ', %s\n' "${!DEPENDS[@]}" | sort | tr -d '\n')"
RECOMMENDS_LINE="$(printf '%s\n' "${!RECOMMENDS[@]}" | sort | paste -sd, | sed 's/,/, /g')"
log "Depends: $DEPENDS_LINE"
log "Recommends: ${RECOMMENDS_LINE:-none}"

# ---------------------------------------------------------------- stage the package
PKGROOT="$ROOT/build/deb/pricelookup_${VERSION}_${ARCH}"
rm -rf "$PKGROOT"
mkdir -p "$PKGROOT/DEBIAN" "$PKGROOT/opt" "$PKGROOT/usr/bin" "$PKGROOT/usr/share/applications" \
    "$PKGROOT/usr/share/doc/pricelookup"
cp -a "$BUNDLE" "$PKGROOT/opt/pricelookup"
# Symlinks: the PyInstaller bootloader resolves its own path (/proc/self/exe), so it finds _internal/.
ln -s /opt/pricelookup/pricelookup "$PKGROOT/usr/bin/pricelookup"
ln -s /opt/pricelookup/pricelookup-gui "$PKGROOT/usr/bin/pricelookup-gui"

# .desktop entry: the GUI work's resources/pricelookup.desktop when it exists.
DESKTOP="$PKGROOT/usr/share/applications/pricelookup.desktop"
if [[ -f resources/pricelookup.desktop ]]; then
    cp resources/pricelookup.desktop "$DESKTOP"
    grep -q '^Exec=pricelookup-gui' "$DESKTOP" || log "WARNING: resources/pricelookup.desktop: Exec= does not run pricelookup-gui"
    grep -q '^Icon=pricelookup$' "$DESKTOP" || log "WARNING: resources/pricelookup.desktop: Icon= is not 'pricelookup' (the installed icon name)"
else
    log "NOTE: no resources/pricelookup.desktop; generating one"
    cat >"$DESKTOP" <<'EOF'
[Desktop Entry]
Type=Application
Version=1.4
Name=Price Lookup
GenericName=Product price look-up
GenericName[fr]=Recherche de prix produits
Comment=Check product codes in a spreadsheet, look up market prices, export to Excel
Comment[fr]=Vérifier les codes produits d'un classeur, rechercher les prix du marché, exporter vers Excel
Exec=pricelookup-gui %f
Icon=pricelookup
Terminal=false
Categories=Office;Spreadsheet;
MimeType=application/vnd.openxmlformats-officedocument.spreadsheetml.sheet;application/vnd.ms-excel;application/vnd.ms-excel.sheet.macroEnabled.12;application/vnd.ms-excel.sheet.binary.macroEnabled.12;application/vnd.oasis.opendocument.spreadsheet;text/csv;text/tab-separated-values;
Keywords=EAN;GTIN;UPC;price;prix;PriceAPI;
EOF
fi
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$DESKTOP" || die "invalid .desktop entry"; fi

# Icons: resources/icons/pricelookup-<size>.png -> hicolor/<size>x<size>/apps/pricelookup.png; the SVG -> scalable.
n_icons=0
for png in resources/icons/pricelookup-*.png; do
    [[ -f $png ]] || continue
    size="${png##*-}"
    size="${size%.png}"
    [[ $size =~ ^[0-9]+$ ]] || continue
    install -D -m 0644 "$png" "$PKGROOT/usr/share/icons/hicolor/${size}x${size}/apps/pricelookup.png"
    n_icons=$((n_icons + 1))
done
if [[ -f resources/icons/pricelookup.svg ]]; then
    install -D -m 0644 resources/icons/pricelookup.svg "$PKGROOT/usr/share/icons/hicolor/scalable/apps/pricelookup.svg"
    n_icons=$((n_icons + 1))
fi
((n_icons > 0)) || log "WARNING: no resources/icons/pricelookup-<size>.png or pricelookup.svg: the menu entry will have a generic icon"

cat >"$PKGROOT/usr/share/doc/pricelookup/copyright" <<'EOF'
Price Lookup: proprietary; for internal use by the company's staff.

The program under /opt/pricelookup bundles a Python runtime and third-party
libraries under their own licences, among them: Python (PSF License), Qt 6 and
PySide6 (LGPL-3.0, dynamically linked: the Qt libraries in
/opt/pricelookup/_internal/PySide6/Qt/lib can be replaced), polars and
fastexcel and python-calamine (MIT), httpx (BSD-3-Clause), openpyxl (MIT), keyring (MIT),
platformdirs (MIT), cryptography (Apache-2.0 or BSD-3-Clause).
The licence files of the Python packages are in their *.dist-info folders
under /opt/pricelookup/_internal.
EOF

# Permissions as dpkg and lintian expect (cp -a kept the bundle's modes).
find "$PKGROOT" -type d -exec chmod 0755 {} +
find "$PKGROOT/usr/share" -type f -exec chmod 0644 {} +

INSTALLED_KB="$(du -sk --apparent-size "$PKGROOT" --exclude=DEBIAN | cut -f1)"
{
    echo "Package: pricelookup"
    echo "Version: $VERSION"
    echo "Section: utils"
    echo "Priority: optional"
    echo "Architecture: $ARCH"
    echo "Maintainer: Price Lookup maintainers <pricelookup@localhost>"
    echo "Installed-Size: $INSTALLED_KB"
    echo "Depends: $DEPENDS_LINE"
    [[ -n $RECOMMENDS_LINE ]] && echo "Recommends: $RECOMMENDS_LINE"
    echo "Suggests: gnome-keyring"
    echo "Description: check product codes and look up market prices"
    echo " Price Lookup reads a spreadsheet of EAN/GTIN/UPC codes, checks every code,"
    echo " looks the valid ones up in PriceAPI, enriches them with OfficiScan and"
    echo " Monitorize, and writes an Excel workbook. Commands: pricelookup-gui (the"
    echo " window) and pricelookup (the command line). Self-contained under"
    echo " /opt/pricelookup (Python and Qt included)."
} >"$PKGROOT/DEBIAN/control"

# ---------------------------------------------------------------- build the .deb
DEB="$DIST/pricelookup_${VERSION}_${ARCH}.deb"
rm -f "$DIST"/pricelookup_*.deb
t0=$SECONDS
dpkg-deb --root-owner-group -Zxz "-z${PRICELOOKUP_XZ_LEVEL:-9}" --build "$PKGROOT" "$DEB" >/dev/null
log "dpkg-deb done in $((SECONDS - t0)) s"
dpkg-deb --info "$DEB" >/dev/null || die "dpkg-deb cannot read back $DEB"

BUNDLE_BYTES="$(du -sb "$BUNDLE" | cut -f1)"
DEB_BYTES="$(stat -c %s "$DEB")"
log "bundle dist/pricelookup/: $((BUNDLE_BYTES / 1000000)) MB ($((BUNDLE_BYTES / 1048576)) MiB) unpacked"
log "package ${DEB#"$ROOT"/}: $((DEB_BYTES / 1000000)) MB ($DEB_BYTES bytes)"
log "done in $((SECONDS - START)) s"
