"""Draw the Price Lookup app icon: an SVG by hand, PNGs rendered from it with Qt.

Run from the repository root (outputs are committed; re-run after editing the SVG):

    .venv/bin/python resources/icons/make_icons.py

The icon is a price tag carrying a barcode on a blue tile, with a magnifier:
"look up the price of a code". It must read at 16 px, so shapes are bold and few.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).resolve().parent
SIZES = (16, 24, 32, 48, 64, 128, 256)

SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>Price Lookup</title>
  <defs>
    <linearGradient id="tile" x1="0" y1="0" x2="0" y2="1">
      <stop offset="0" stop-color="#2f8fdc"/>
      <stop offset="1" stop-color="#1a5fa3"/>
    </linearGradient>
  </defs>
  <rect x="8" y="8" width="240" height="240" rx="48" fill="url(#tile)"/>
  <!-- the price tag, tilted, with its hole -->
  <g transform="rotate(-20 120 124)">
    <path d="M56 72 H156 L196 124 L156 176 H56 Q44 176 44 164 V84 Q44 72 56 72 Z" fill="#ffffff"/>
    <circle cx="168" cy="124" r="9" fill="#1a5fa3"/>
    <!-- barcode -->
    <rect x="62" y="90" width="8" height="68" fill="#1d1d1d"/>
    <rect x="76" y="90" width="4" height="68" fill="#1d1d1d"/>
    <rect x="86" y="90" width="10" height="68" fill="#1d1d1d"/>
    <rect x="102" y="90" width="4" height="68" fill="#1d1d1d"/>
    <rect x="112" y="90" width="8" height="68" fill="#1d1d1d"/>
    <rect x="126" y="90" width="4" height="68" fill="#1d1d1d"/>
    <rect x="136" y="90" width="6" height="68" fill="#1d1d1d"/>
  </g>
  <!-- magnifier -->
  <circle cx="176" cy="176" r="34" fill="#f2c14e" fill-opacity="0.35" stroke="#f2c14e" stroke-width="14"/>
  <line x1="201" y1="201" x2="230" y2="230" stroke="#f2c14e" stroke-width="20" stroke-linecap="round"/>
</svg>
"""


def main() -> int:
    """Write pricelookup.svg and pricelookup-<size>.png for every size."""
    from PySide6.QtCore import QByteArray, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    svg_path = HERE / "pricelookup.svg"
    svg_path.write_text(SVG, encoding="utf-8")
    renderer = QSvgRenderer(QByteArray(SVG.encode("utf-8")))
    if not renderer.isValid():
        print("the SVG does not parse", file=sys.stderr)
        return 1
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        out = HERE / f"pricelookup-{size}.png"
        if not image.save(str(out), "PNG"):
            print(f"could not write {out}", file=sys.stderr)
            return 1
    del app
    print(f"wrote {svg_path.name} and {len(SIZES)} PNGs in {HERE}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
