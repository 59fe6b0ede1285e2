"""Regenerate the sample inputs shipped in resources/samples/, byte for byte.

    .venv/bin/python resources/samples/make_samples.py [OUTPUT_DIR]

* ``products.xlsx``: ~60 rows with a header "EAN", "Produit", "Prix" (the
  analyst's own price). Codes come from the sandbox's catalogue universe
  (French pharmacy 3400/3401 codes and other categories, many of them also in
  the sandbox's Monitorize, Snipcart and OfficiScan), plus what real sheets
  hold: codes stored as numbers (UPC codes lose their leading zero), hyphenated
  and spaced codes, wrong check digits, a duplicate, a blank, a restricted
  in-store code (2xxxx), and two codes whose scraped names are hostile.
* ``produits-fr.csv``: the French export kind - cp1252, ``;`` separated,
  decimal commas, CRLF line ends.

Deterministic: the same bytes every time (fixed document dates and zip
timestamps), so the files only change when this script does.
"""

from __future__ import annotations

import io
import re
import sys
import zipfile
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook

from pricelookup.sandbox import data

HERE = Path(__file__).resolve().parent
FIXED = datetime(2024, 1, 15, 9, 0, 0)


def _price(code: str) -> float:
    """The analyst's own price: near the market, in euros with two decimals."""
    cents = data.reference_price_cents(code, 0)
    cents = cents + (data.stable_hash("own", code) % 21 - 10) * cents // 100
    return round(cents / 100, 2)


def _wrong_check(code: str) -> str:
    return code[:-1] + str((int(code[-1]) + 3) % 10)


def _rows() -> list[tuple[object, str | None, float | None]]:
    cat = data.Catalogue.build()
    mon = cat.monitorize_eans()
    snip = cat.snipcart_eans()
    oc = set(cat.officiscan_by_ean())
    hostile = {c for c in cat.universe if data.hostile_kind(c) is not None}
    pharmacy = [c for c in cat.universe if data.is_pharmacy(c) and c not in hostile]
    joined = [c for c in pharmacy if c in mon and c in snip and c in oc]
    others = [c for c in cat.universe if not data.is_pharmacy(c) and c not in hostile and not c.startswith("0")]
    upc = [c for c in cat.universe if c.startswith("0") and c not in hostile]

    def row(code: object, text_code: str) -> tuple[object, str | None, float | None]:
        return code, data.product_info(text_code).name, _price(text_code)

    rows: list[tuple[object, str | None, float | None]] = []
    rows.append(row("3401351277399", "3401351277399"))  # OfficiScan's doc example
    rows += [row(c, c) for c in joined[:14]]  # in PriceAPI, Monitorize, Snipcart and OfficiScan
    rows += [row(c, c) for c in pharmacy[200:206]]
    rows += [row(c, c) for c in others[:18]]
    rows += [row(int(c), c) for c in upc[:5]]  # stored as numbers: the leading zero is gone
    rows += [row(int(c), c) for c in others[18:22]]  # numbers, nothing lost
    a, b, c = others[22], pharmacy[210], others[23]
    rows += [row(f"{a[:4]}-{a[4:8]}-{a[8:]}", a), row(f"{b[:1]} {b[1:7]} {b[7:]}", b), row(f"{c[:7]}.{c[7:]}", c)]
    rows += [(_wrong_check(x), data.product_info(x).name, _price(x)) for x in (others[24], pharmacy[211], others[25])]
    rows.append(rows[3])  # a duplicate of an earlier row
    rows.append((None, "Ligne sans code", 4.5))  # a blank code
    restricted = data.make_code("21", "sample", "restricted")
    rows.append((restricted, "Article pesé en magasin", 3.2))  # restricted circulation: flagged, not paid for
    # codes whose *scraped* names are hostile (a formula, 40,000 characters); the analyst's own names are plain
    rows += [(code, f"Article {code[-5:]}", _price(code)) for code, kind in data.HOSTILE_CODES.items()
             if kind in ("formula_eq", "long")]
    return rows


def _write_xlsx(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    ws.title = "Produits"
    ws.append(["EAN", "Produit", "Prix"])
    for code, name, price in _rows():
        ws.append([code, name, price])
        cell = ws.cell(row=ws.max_row, column=1)
        if isinstance(code, str):
            cell.number_format = "@"  # text, as a careful analyst keeps codes
        ws.cell(row=ws.max_row, column=3).number_format = "0.00"
    ws.column_dimensions["A"].width = 18
    ws.column_dimensions["B"].width = 60
    wb.properties.creator = "Price Lookup samples"
    wb.properties.created = FIXED
    wb.properties.modified = FIXED
    buf = io.BytesIO()
    wb.save(buf)
    # openpyxl stamps every zip entry with the current time: rewrite them with a fixed one
    with zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 1, 15, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            content = src.read(info.filename)
            if info.filename == "docProps/core.xml":  # openpyxl sets "modified" to now on save
                content = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                                 rb"\g<1>2024-01-15T09:00:00Z\g<2>", content)
            dst.writestr(fixed, content)


def _write_csv(path: Path) -> None:
    cat = data.Catalogue.build()
    hostile = set(data.HOSTILE_CODES)
    lines = ["Code EAN;Désignation;Prix TTC;Stock"]
    pharmacy = [c for c in cat.pharmacy_codes() if c not in hostile]
    picked = [c for c in pharmacy[40:200] if _cp1252_ok(data.product_info(c).name)][:24]
    for i, code in enumerate(picked):
        price = f"{_price(code):.2f}".replace(".", ",")
        lines.append(f"{code};{data.product_info(code).name};{price};{data.stable_hash('stock', code) % 50}")
        if i == 5:
            lines.append(f"{_wrong_check(code)};Code mal saisi;9,90;3")
        if i == 10:
            lines.append(";Produit sans code;1,50;0")
    lines.append(lines[3])  # duplicate
    lines.append("0" + data.make_code("08", "csv", "upc")[1:] + ";Article importé (UPC);12,00;7")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1252"))


def _cp1252_ok(text: str) -> bool:
    try:
        text.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return text.isprintable()


def main(argv: list[str]) -> int:
    """Write both samples into ``argv[0]`` (default: this folder)."""
    out = Path(argv[0]) if argv else HERE
    out.mkdir(parents=True, exist_ok=True)
    _write_xlsx(out / "products.xlsx")
    _write_csv(out / "produits-fr.csv")
    print(f"wrote {out / 'products.xlsx'} and {out / 'produits-fr.csv'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
