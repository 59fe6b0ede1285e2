"""Small, explicit RunResults for the export tests (a module name of its own: no clash).

Tables are real :class:`~pricelookup.sheets.SheetTable` objects and checks come
from the real :func:`~pricelookup.validation.validate_table`, so the export is
tested against exactly what the reader and validator hand it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import polars as pl

import libreoffice
from pricelookup.gtin import gs1_check_digit
from pricelookup.records import (
    MonitorizeOffer,
    MonitorizeProduct,
    OfficiscanSnapshot,
    PriceApiOffer,
    PriceApiProduct,
)
from pricelookup.results import PreviousRun, RunResult
from pricelookup.settings import RunSettings
from pricelookup.sheets import SheetTable
from pricelookup.validation import validate_table

#: the sandbox's hostile names (issue 3) plus the issue 6 list
HOSTILE = [
    "=cmd|' /C calc'!A0",
    "+1",
    "-2",
    "@SUM(1)",
    "\tTabbed name",
    "\rCR name",
    "#N/A",
    "#ref!",
    "=HYPERLINK(\"http://evil.example\",\"click\")",
    "Crème <b>&</b> \"quotes\" 'single'",
    "مرحبا بالعالم RTL \u202eevil\u202c",
    "Emoji 🧴💊 name",
    "_x0041_ literal escape",
    "  spaced both ends  ",
    "line1\nline2",
]
CONTROL = "Ctrl\x01chars\x07here\x1f"
CONTROL_CLEAN = "Ctrlcharshere"
LONG_NAME = "L" * 40_000


def ean13(n: int, prefix: str = "340") -> str:
    """A valid EAN-13 with ``prefix`` and serial ``n``."""
    body = f"{prefix}{n:0{12 - len(prefix)}d}"
    return body + str(gs1_check_digit(body))


def g14(code: str) -> str:
    """GTIN-14 key of a code."""
    return code.zfill(14)


def make_table(tmp_path: Path, columns: dict[str, Sequence[str | None]], code_column: str,
               *, name: str = "input.xlsx", sheet: str = "Sheet1") -> SheetTable:
    """A SheetTable as the reader would return it (header on row 1, data from row 2)."""
    frame = pl.DataFrame({k: list(v) for k, v in columns.items()}, schema={k: pl.String for k in columns})
    path = tmp_path / name
    if not path.exists():
        path.write_bytes(b"input bytes")
    return SheetTable(
        path=path, sheet=sheet, header_row=1, frame=frame,
        row_numbers=pl.Series(range(2, frame.height + 2), dtype=pl.Int64),
        code_column=code_column, code_column_reason=f'header "{code_column}"',
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(), sheets=(sheet,),
    )


def offer(shop: str | None, price: str | None, *, currency: str | None = "EUR", url: str | None = None,
          name: str | None = None, shipping: str | None = None, availability: str | None = "in stock",
          position: int | None = None) -> PriceApiOffer:
    """A PriceAPI offer from strings (as the API sends prices)."""
    p = Decimal(price) if price is not None else None
    s = Decimal(shipping) if shipping is not None else None
    return PriceApiOffer(
        shop_name=shop, price=p, price_with_shipping=(p + s) if p is not None and s is not None else None,
        shipping_costs=s, currency=currency, url=url, name=name, availability_code=None,
        availability_text=availability, position=position, position_with_shipping=position,
    )


def product(gtin14: str, offers: Sequence[PriceApiOffer] = (), *, success: bool = True,
            reason: str | None = None, name: str | None = "Product", **kw: Any) -> PriceApiProduct:
    """A PriceAPI product answer."""
    return PriceApiProduct(
        value=gtin14, success=success, reason=reason, source="google-shopping", country="fr", key="gtin",
        id=kw.pop("id", f"id{gtin14[-6:]}") if success else None, name=name if success else None,
        brand_name=kw.pop("brand_name", "Brand") if success else None,
        category_name=kw.pop("category_name", "Pharmacie") if success else None,
        review_count=kw.pop("review_count", 12) if success else None,
        review_rating=kw.pop("review_rating", 87) if success else None,
        gtins=(gtin14,) if success else (), url=kw.pop("url", f"https://www.google.fr/shopping/product/{gtin14}")
        if success else None,
        updated_at=kw.pop("updated_at", datetime(2026, 5, 1, 10, 30)) if success else None,
        offers=tuple(offers), **kw,
    )


def snapshot(i: int, gtin14: str, network: str, price: str, day: int, *, in_stock: bool | None = True,
             currency: str = "EUR") -> OfficiscanSnapshot:
    """An OfficiScan snapshot ``day`` days after 2026-04-01."""
    return OfficiscanSnapshot(
        id=i, product_id=29, ean13=gtin14[1:], collected_at=datetime(2026, 4, 1, 9) + timedelta(days=day),
        network=network, source=f"{network}.com", price_current=Decimal(price), price_original=None,
        currency=currency, in_stock=in_stock, stock_label="En stock" if in_stock else "Rupture",
    )


def mz_offer(site: str, price: str, stock: int = 1, url: str | None = None) -> MonitorizeOffer:
    """A Monitorize site offer."""
    return MonitorizeOffer(site=site, name=f"Produit {site}", url=url, price=Decimal(price), stock=stock,
                           stock_label={1: "En stock", 2: "Inconnu", 3: "Rupture"}[stock], promo=None,
                           strike_price=None)


def make_result(table: SheetTable, *, settings: RunSettings | None = None, **kw: Any) -> RunResult:
    """A finished RunResult over ``table`` (validated for real)."""
    validated = validate_table(table)
    return RunResult(
        run_id=kw.pop("run_id", "run-test-1"), validated=validated,
        settings=settings or RunSettings(officiscan=False, monitorize=False),
        status=kw.pop("status", "finished"), started_at=datetime(2026, 5, 2, 8, 0, 0),
        finished_at=datetime(2026, 5, 2, 8, 5, 0), app_version="0.1.0", **kw,
    )


def previous_run(priceapi: dict[str, PriceApiProduct], monitorize: dict[str, MonitorizeProduct] | None = None,
                 ) -> PreviousRun:
    """An earlier run for the Changes sheet."""
    return PreviousRun(run_id="run-earlier", finished_at=datetime(2026, 4, 20, 18, 0), priceapi=priceapi,
                       monitorize=monitorize or {})


def read_sheet(path: Path, title: str) -> tuple[list[str], list[dict[str, Any]]]:
    """Header and rows (header -> openpyxl cell) of one sheet of a written workbook."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[title]
    rows = list(ws.iter_rows())
    headers = [c.value for c in rows[0]]
    return headers, [dict(zip(headers, r, strict=False)) for r in rows[1:] if any(c.value is not None for c in r)]


def values(rows: list[dict[str, Any]], header: str) -> list[Any]:
    """The values of one column."""
    return [r[header].value for r in rows]


# --- one rich run shared by the layout, LibreOffice and command tests ---------------------

A, B, C, D, E = (ean13(n) for n in (11, 22, 33, 44, 55))
RESTRICTED = ean13(7, "200")
REFS = ["00123", "00124", "00125", "00126", "00127", "00128", "00129", "00130", "00131"]
CODES = [A, B, "123", A, "", C, RESTRICTED, D, E]
PRICES = ["12,50", "9.99", "", "11", "", "", "", "5", "abc"]


def rich_result(tmp_path: Path, **kw: object) -> RunResult:
    """Nine input rows: found (3 offers, one in USD), not found, invalid, duplicate, empty, failed,
    restricted, found without offers, found from cache; OfficiScan and Monitorize for the first."""
    table = make_table(tmp_path, {"Réf": REFS, "Désignation": [f"Produit {i}" for i in range(9)],
                                  "EAN": CODES, "Prix": PRICES}, "EAN")
    priceapi = {
        g14(A): product(g14(A), [
            offer("Shop A", "12.90", url="https://a.example/p?id=1&x=2", shipping="2.00", position=1),
            offer("=Shop B", "10.00", url="https://b.example/p", position=2),
            offer("US Shop", "8.00", currency="USD", url="javascript:alert(1)", position=3),
        ], name="Crème A", eans=(A,), relevance=Decimal("0.87")),
        g14(B): product(g14(B), success=False, reason="not found"),
        g14(C): product(g14(C), success=False, reason="failed to access source"),
        g14(D): product(g14(D), [], name="Sans offre"),
        g14(E): product(g14(E), [offer("Shop A", "3.50")], name="Cached"),
    }
    settings = RunSettings(officiscan=True, monitorize=True, own_price_column="Prix",
                           change_threshold_pct=Decimal("5"))
    defaults: dict[str, object] = dict(
        settings=settings, priceapi=priceapi, cached=frozenset({g14(E)}), credits_used=4,
        officiscan={g14(A): (snapshot(1, g14(A), "cocooncenter", "12.95", 0),
                             snapshot(2, g14(A), "cocooncenter", "11.50", 3, in_stock=False),
                             snapshot(3, g14(A), "pharmashopi", "13.20", 1))},
        monitorize={g14(A): MonitorizeProduct("m1", "Crème A", A, (mz_offer("site1.com", "12.00"),
                                                                     mz_offer("site2.com", "9.50", 3)))},
    )
    defaults.update(kw)
    return make_result(table, **defaults)  # type: ignore[arg-type]




# --- LibreOffice as the outside reader ------------------------------------------------------

SOFFICE = libreoffice.SOFFICE

# field sep ",", quote '"', UTF-8, row 1, -, -, quote all text cells, -, raw values (not as shown), -, -, all sheets
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,true,true,false,false,false,-1"


def parse_csv(text: str) -> list[list[tuple[str, bool]]]:
    """Rows of (field, was_quoted): Python's csv module forgets which fields were quoted."""
    rows: list[list[tuple[str, bool]]] = []
    row: list[tuple[str, bool]] = []
    field: list[str] = []
    quoted = in_quotes = False
    i = 0
    while i < len(text):
        ch = text[i]
        if in_quotes:
            if ch == '"' and text[i + 1:i + 2] == '"':
                field.append('"')
                i += 1
            elif ch == '"':
                in_quotes = False
            else:
                field.append(ch)
        elif ch == '"':
            in_quotes = quoted = True
        elif ch == ",":
            row.append(("".join(field), quoted))
            field, quoted = [], False
        elif ch == "\n":
            row.append(("".join(field), quoted))
            rows.append(row)
            row, field, quoted = [], [], False
        else:
            field.append(ch)
        i += 1
    if field or row:
        row.append(("".join(field), quoted))
        rows.append(row)
    return rows


def convert_many(paths: Sequence[Path], outdir: Path) -> dict[Path, dict[str, list[dict[str, tuple[str, bool]]]]]:
    """Every sheet of every workbook of ``paths`` as LibreOffice reads it, from ONE soffice start:
    {path: {sheet: [{header: (text, quoted)}]}}."""
    stems = [p.stem for p in paths]
    # the CSV of sheet S of a.xlsx is a-S.csv: no stem may be another's, or another's followed by "-"
    assert len(set(stems)) == len(stems), stems
    assert not [a for a in stems for b in stems if a != b and b.startswith(f"{a}-")], stems
    output = libreoffice.run(CSV_FILTER, outdir, paths)
    result: dict[Path, dict[str, list[dict[str, tuple[str, bool]]]]] = {}
    for xlsx in paths:
        sheets: dict[str, list[dict[str, tuple[str, bool]]]] = {}
        for csv_file in outdir.glob(f"{xlsx.stem}-*.csv"):
            with open(csv_file, encoding="utf-8", newline="") as fh:  # keep CRs inside cells
                rows = parse_csv(fh.read())
            header = [f for f, _ in rows[0]]
            sheets[csv_file.stem.removeprefix(f"{xlsx.stem}-")] = [dict(zip(header, r, strict=False))
                                                                   for r in rows[1:]]
        assert sheets, f"LibreOffice wrote no CSV for {xlsx.name}: {output}"
        result[xlsx] = sheets
    return result


def convert(xlsx: Path, tmp_path: Path) -> dict[str, list[dict[str, tuple[str, bool]]]]:
    """Every sheet of ``xlsx`` as LibreOffice reads it: {sheet: [{header: (text, quoted)}]}."""
    return convert_many([xlsx], tmp_path / "csv")[xlsx]
