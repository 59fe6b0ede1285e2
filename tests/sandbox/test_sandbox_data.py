"""The sandbox's data: deterministic, realistic, shared between services, hostile - and the samples."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from pricelookup.sandbox import data

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "resources" / "samples"


def test_the_same_code_and_seed_give_the_same_answer_another_seed_other_prices(catalogue) -> None:
    code = catalogue.pharmacy_codes()[0]
    a = data.priceapi_product(code, 0, updated_at="t")
    assert a == data.priceapi_product(code, 0, updated_at="t")
    assert data.Catalogue.build() == catalogue
    prices = {s: [o["price"] for o in data.priceapi_all_offers(code, s, source="google-shopping", country="fr")]
              for s in range(5)}
    assert len({tuple(p) for p in prices.values()}) > 1  # the seed changes prices...
    assert {data.product_info(code).name} == {data.priceapi_product(code, s).get("name", data.product_info(code).name)
                                               for s in range(5)}  # ...not what the product is


def test_universe_a_few_thousand_ean13_with_a_good_share_of_french_pharmacy(catalogue) -> None:
    u = catalogue.universe
    assert len(u) == len(set(u)) == data.UNIVERSE_SIZE
    assert all(len(c) == 13 and data.gtin14(c) == c.zfill(14) and not data.is_restricted(c.zfill(14)) for c in u)
    pharmacy = catalogue.pharmacy_codes()
    assert 0.4 < len(pharmacy) / len(u) < 0.6
    assert any(c.startswith("34009") for c in pharmacy) and any(c.startswith("3401") for c in pharmacy)
    med = [data.product_info(c) for c in pharmacy if c.startswith("3400")]
    assert all(i.category == "Médicaments" for i in med)
    assert any("comprimés" in i.name for i in med)
    prices = [data.reference_price_cents(c, 0) for c in pharmacy]
    assert min(prices) > 100 and max(prices) < 5500  # pharmacy prices, in cents
    assert {data.product_info(c).category for c in u} >= {"Médicaments", "Parapharmacie", "Électronique", "Livres"}


def test_the_same_products_under_officiscan_monitorize_and_snipcart(catalogue) -> None:
    u = set(catalogue.universe)
    mon, snip, oc = catalogue.monitorize_eans(), catalogue.snipcart_eans(), set(catalogue.officiscan_by_ean())
    assert mon <= u and snip <= u and oc <= u
    assert len(mon & snip) > 500
    assert len(mon & snip & oc) > 200
    assert all(data.is_pharmacy(c) for c in oc)
    assert "3401351277399" in oc  # the doc's example code answers


def test_hostile_names_and_shops_are_there_and_one_name_is_40000_characters() -> None:
    names = {k: data.product_info(c).name for c, k in data.HOSTILE_CODES.items()}
    assert names["formula_eq"].startswith("=") and names["formula_plus"].startswith("+")
    assert names["formula_minus"].startswith("-") and names["formula_at"].startswith("@")
    assert any(ord(ch) < 32 and ch not in "\t\n\r" for ch in names["control"])
    assert "\u202e" in names["rtl"] and any("\u0590" <= ch <= "\u06ff" for ch in names["rtl"])
    assert any(ord(ch) > 0xFFFF for ch in names["emoji"])
    assert len(names["long"]) == 40_000 and data.LONG_NAME_CODE in data.HOSTILE_CODES
    for code in data.HOSTILE_CODES:
        assert data.priceapi_outcome(code) == "found"
    shops = Counter(o["shop_name"] for i in range(3000)
                    for o in data.priceapi_all_offers(data.make_code("400", "h", i), 0, source="google-shopping",
                                                      country="fr"))
    hostile_shops = [s for s in shops if s in data.HOSTILE_SHOPS]
    assert len(hostile_shops) >= 5 and sum(shops[s] for s in hostile_shops) < 0.05 * sum(shops.values())


def test_offer_prices_are_exact_strings_and_currencies_follow_the_country() -> None:
    code = "3401351277399"
    for country, currency in (("fr", "EUR"), ("gb", "GBP"), ("us", "USD")):
        offers = data.priceapi_all_offers(code, 0, source="google-shopping", country=country)
        assert offers and {o["currency"] for o in offers} == {currency}
        assert all(Decimal(o["price"]).as_tuple().exponent == -2 for o in offers)
        assert [Decimal(o["price"]) for o in offers] == sorted(Decimal(o["price"]) for o in offers)


@pytest.mark.slow  # the samples script in a fresh interpreter
def test_samples_regenerate_byte_for_byte(tmp_path: Path) -> None:
    subprocess.run([sys.executable, str(SAMPLES / "make_samples.py"), str(tmp_path)], check=True, cwd=ROOT,
                   capture_output=True)
    for name in ("products.xlsx", "produits-fr.csv"):
        assert (tmp_path / name).read_bytes() == (SAMPLES / name).read_bytes(), name


def test_samples_hold_what_real_sheets_hold(catalogue) -> None:
    ws = openpyxl.load_workbook(SAMPLES / "products.xlsx").active
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0] == ("EAN", "Produit", "Prix") and 50 <= len(rows) - 1 <= 70
    codes = [r[0] for r in rows[1:]]
    text = [c for c in codes if isinstance(c, str)]
    assert sum(isinstance(c, int) for c in codes) >= 5  # stored as numbers
    assert any(isinstance(c, int) and str(c).zfill(13) in catalogue.universe and len(str(c)) == 12 for c in codes)
    assert any("-" in c for c in text) and any(" " in c for c in text)
    assert any(c.isdigit() and len(c) == 13 and data.gtin14(c) is None for c in text)  # wrong check digit
    assert None in codes and len(set(codes)) < len(codes)  # a blank and a duplicate
    assert any(c.isdigit() and data.is_restricted(c.zfill(14)) for c in text)
    assert sum(c in catalogue.universe and data.is_pharmacy(c) for c in text) >= 15
    assert all(isinstance(r[2], float | int) for r in rows[1:])
    assert not any(isinstance(r[1], str) and r[1].startswith("=") for r in rows)  # no formulas in the input
    raw = (SAMPLES / "produits-fr.csv").read_bytes()
    assert b"\r\n" in raw and raw.decode("cp1252").splitlines()[0] == "Code EAN;Désignation;Prix TTC;Stock"
    assert b"," in raw and "é".encode("cp1252") in raw
