"""Make the platform icon files the installers need from resources/icons/pricelookup.svg.

    python packaging/make_icons.py --ico build/icons/pricelookup.ico          # Windows (build.ps1)
    python packaging/make_icons.py --iconset build/icons/pricelookup.iconset  # macOS (make_dmg.sh, then iconutil)

Run with the build venv's Python (it needs PySide6, which renders the SVG). The
GUI work ships the SVG and PNGs of 16-256 px; Windows wants one .ico holding
several sizes and macOS an .icns made by ``iconutil`` from an .iconset folder of
PNGs named icon_<n>x<n>[@2x].png up to 1024 px, which PNGs of 256 px cannot
give crisply. Rendering from the SVG gives every size sharp, with no Pillow.

The .ico is written by hand: a 6-byte ICONDIR header, one 16-byte ICONDIRENTRY
per image, then the images as PNG data (allowed in .ico since Windows Vista).
If resources/icons/ already holds pricelookup.ico / pricelookup.icns, the spec
uses those and this script is not needed.
"""

from __future__ import annotations

import argparse
import os
import struct
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SVG = ROOT / "resources" / "icons" / "pricelookup.svg"
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
# iconutil's names: (file stem, pixels)
ICONSET = [
    (f"icon_{n}x{n}{suffix}", n * scale)
    for n in (16, 32, 128, 256, 512)
    for suffix, scale in (("", 1), ("@2x", 2))
]


def render_png(svg: Path, size: int) -> bytes:
    """The SVG rendered to a transparent size x size PNG."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice, Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(svg))
    if not renderer.isValid():
        raise SystemExit(f"make_icons.py: cannot read {svg}")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    if not image.save(buffer, "PNG"):
        raise SystemExit("make_icons.py: PNG encoding failed")
    return bytes(data.data())


def ico_bytes(pngs: dict[int, bytes]) -> bytes:
    """An .ico file holding the given PNG images (size -> PNG bytes)."""
    sizes = sorted(pngs)
    header = struct.pack("<HHH", 0, 1, len(sizes))  # reserved, type 1 = icon, image count
    offset = len(header) + 16 * len(sizes)
    entries, blobs = b"", b""
    for size in sizes:
        png = pngs[size]
        dim = 0 if size >= 256 else size  # 0 means 256 in an ICONDIRENTRY
        entries += struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset + len(blobs))
        blobs += png
    return header + entries + blobs


def main(argv: list[str] | None = None) -> int:
    """Write the requested icon files; returns the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ico", type=Path, help="write a Windows .ico here")
    parser.add_argument("--iconset", type=Path, help="write a macOS .iconset folder here (for iconutil -c icns)")
    parser.add_argument("--svg", type=Path, default=SVG, help=f"source SVG (default {SVG.relative_to(ROOT)})")
    args = parser.parse_args(argv)
    if not (args.ico or args.iconset):
        parser.error("nothing to do: give --ico and/or --iconset")
    if not args.svg.is_file():
        print(f"make_icons.py: no {args.svg}; the installers will use default icons", file=sys.stderr)
        return 1
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication([])  # QImage/QPainter need one  # noqa: F841
    if args.ico:
        args.ico.parent.mkdir(parents=True, exist_ok=True)
        args.ico.write_bytes(ico_bytes({n: render_png(args.svg, n) for n in ICO_SIZES}))
        print(f"make_icons.py: wrote {args.ico} ({', '.join(map(str, ICO_SIZES))} px)")
    if args.iconset:
        args.iconset.mkdir(parents=True, exist_ok=True)
        for stem, pixels in ICONSET:
            (args.iconset / f"{stem}.png").write_bytes(render_png(args.svg, pixels))
        print(f"make_icons.py: wrote {args.iconset}/ ({len(ICONSET)} PNGs up to 1024 px)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
