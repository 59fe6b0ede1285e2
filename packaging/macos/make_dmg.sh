#!/usr/bin/env bash
# Build "Price Lookup.app" and its disk image dist/PriceLookup-<version>.dmg (macOS only).
#
#   bash packaging/macos/make_dmg.sh
#
# Prerequisites: macOS 11+ on the architecture you ship (PyInstaller does not cross-compile;
# build on Apple silicon for arm64, on an Intel Mac for x86_64), Python 3.11+ from python.org
# (a framework build; `python3` on PATH), internet access to PyPI. Xcode command-line tools
# are only needed for signing.
#
# 1. a build venv in build/venv-mac with the runtime dependencies and PyInstaller;
# 2. the icon: resources/icons/pricelookup.icns if the GUI work ships one, else
#    packaging/make_icons.py renders an .iconset from the SVG and iconutil makes build/icons/pricelookup.icns;
# 3. PyInstaller on packaging/pricelookup.spec: the BUNDLE section there makes dist/Price Lookup.app
#    (CFBundleIdentifier, document types for xlsx/xls/ods/csv, NSHighResolutionCapable, version);
# 4. checks: Info.plist is valid and names pricelookup-gui; the console tool inside answers --version;
# 5. optional signing: CODESIGN_IDENTITY="Developer ID Application: ..." signs the app (hardened
#    runtime); NOTARY_PROFILE=<notarytool keychain profile> also notarizes and staples the .dmg;
# 6. hdiutil: a compressed read-only image (UDZO) holding the app and an /Applications link,
#    then `hdiutil verify`, and a mount/unmount to run the app's console tool from the image.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
log() { printf '[make_dmg.sh] %s\n' "$*" >&2; }
die() { printf '[make_dmg.sh] ERROR: %s\n' "$*" >&2; exit 1; }
[[ $(uname -s) == Darwin ]] || die "macOS only (PyInstaller builds for the OS it runs on; hdiutil is macOS's)"

APP_NAME="Price Lookup"
APP="dist/$APP_NAME.app"
WORK="build/pyinstaller"
export PYINSTALLER_CONFIG_DIR="$ROOT/$WORK/cache"
VERSION="$(python3 -c 'import ast; t=ast.parse(open("desktop/pricelookup/__init__.py").read()); print(next(ast.literal_eval(n.value) for n in t.body if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "__version__"))')"
DMG="dist/PriceLookup-$VERSION-$(uname -m).dmg"
log "Price Lookup $VERSION for $(uname -m)"

# 1. build venv
VENV="build/venv-mac"
if [[ ! -x $VENV/bin/python ]]; then
    log "creating $VENV"
    python3 -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install -q --disable-pip-version-check -e ".[package]"

# 2. icon
if [[ ! -f resources/icons/pricelookup.icns ]]; then
    rm -rf build/icons/pricelookup.iconset
    "$VENV/bin/python" packaging/make_icons.py --iconset build/icons/pricelookup.iconset
    iconutil -c icns build/icons/pricelookup.iconset -o build/icons/pricelookup.icns
fi

# 3. PyInstaller -> dist/pricelookup/ and dist/Price Lookup.app
rm -rf "$APP"
"$VENV/bin/python" -m PyInstaller --noconfirm --distpath dist --workpath "$WORK/work" packaging/pricelookup.spec
[[ -d $APP ]] || die "PyInstaller made no $APP"

# 4. checks
plutil -lint "$APP/Contents/Info.plist" >/dev/null || die "invalid Info.plist"
[[ "$(plutil -extract CFBundleExecutable raw "$APP/Contents/Info.plist")" == pricelookup-gui ]] ||
    die "CFBundleExecutable is not pricelookup-gui: double-clicking would start the console tool"
got="$("$APP/Contents/MacOS/pricelookup" --version)"
[[ $got == "pricelookup $VERSION" ]] || die "the app's console tool said '$got'"

# 5. optional signing and notarization
if [[ -n ${CODESIGN_IDENTITY:-} ]]; then
    log "signing with '$CODESIGN_IDENTITY'"
    codesign --force --deep --options runtime --timestamp --sign "$CODESIGN_IDENTITY" "$APP"
    codesign --verify --deep --strict --verbose=2 "$APP"
fi

# 6. the disk image: the app plus a link to /Applications, so the user drags one onto the other
STAGE="build/dmg"
rm -rf "$STAGE" "$DMG"
mkdir -p "$STAGE"
ditto "$APP" "$STAGE/$APP_NAME.app"   # ditto keeps symlinks, extended attributes and signatures
ln -s /Applications "$STAGE/Applications"
hdiutil create -volname "$APP_NAME" -srcfolder "$STAGE" -fs HFS+ -format UDZO -imagekey zlib-level=9 -ov "$DMG"
hdiutil verify "$DMG"
if [[ -n ${CODESIGN_IDENTITY:-} ]]; then
    codesign --force --timestamp --sign "$CODESIGN_IDENTITY" "$DMG"
    if [[ -n ${NOTARY_PROFILE:-} ]]; then
        xcrun notarytool submit "$DMG" --keychain-profile "$NOTARY_PROFILE" --wait
        xcrun stapler staple "$DMG"
    fi
fi

# Mount it read-only (no Finder window) and run the console tool from the image.
MOUNT="$(mktemp -d /tmp/pricelookup-dmg.XXXXXX)"
hdiutil attach -nobrowse -readonly -mountpoint "$MOUNT" "$DMG" >/dev/null
trap 'hdiutil detach "$MOUNT" -quiet || true; rmdir "$MOUNT" 2>/dev/null || true' EXIT
got="$("$MOUNT/$APP_NAME.app/Contents/MacOS/pricelookup" --version)"
[[ $got == "pricelookup $VERSION" ]] || die "the app on the image said '$got'"
log "$DMG: $(du -h "$DMG" | cut -f1); app $(du -sh "$APP" | cut -f1)"
