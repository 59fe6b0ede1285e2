"""Deterministic data behind the four simulated services.

Everything here is a pure function of a product code, the ``seed`` and the
day: asking twice gives the same names, offers and prices, so an export can be
checked against the sandbox by asking it again. Only timestamps (and PriceAPI
job ids, which live in :mod:`pricelookup.sandbox.priceapi`) may differ between
runs.

* The market moves with the days (:func:`market_price`): each shop's price of a
  product drifts a few percent around its own level, goes on promotion now and
  then and is out of stock for some days. PriceAPI's offers, OfficiScan's
  snapshots and Monitorize's offers and history all come from it, so the
  history of a day, asked the day after, is what that day showed as current.

* Names, brands and categories depend on the code alone (a product keeps its
  name whatever the seed); prices, offers and PriceAPI outcomes depend on
  the code *and* the seed.
* The catalogue "universe" (:class:`Catalogue`) is fixed: a few thousand
  EAN-13 codes, half of them French pharmacy codes (3400x CIP13 medicines,
  3401x parapharmacy), shared by Monitorize (its imported products), Snipcart
  (the shop's catalogue) and OfficiScan (pharmacy codes), so enrichment has
  something to join. PriceAPI answers for any valid code.
* Hostile, as scraped data is: :data:`HOSTILE_CODES` names codes whose product
  names start with ``=``, ``+``, ``-``, ``@``, carry control characters, RTL
  text, emoji, or are 40,000 characters long; about 0.5 % of all other codes
  get a hostile name too, and a few shop names are hostile.

Nothing here holds mutable state; a :class:`Catalogue` is built once per
sandbox and never changes afterwards.
"""

from __future__ import annotations

import functools
import hashlib
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from types import MappingProxyType
from typing import Literal, NamedTuple, TypeVar

Outcome = Literal["found", "not found", "invalid value", "value disabled", "failed to access source", "error"]
OUTCOMES: tuple[Outcome, ...] = (
    "found", "not found", "invalid value", "value disabled", "failed to access source", "error",
)

#: product-level outcomes that are charged (the doc: "not found" costs like a found product)
CHARGED_OUTCOMES = frozenset({"found", "not found"})

UNIVERSE_SIZE = 3000
#: offers per PriceAPI result page
OFFERS_PER_PAGE = 10
LONG_NAME_LENGTH = 40_000

# --- hashing ---------------------------------------------------------------


def stable_hash(*parts: object) -> int:
    """A 64-bit hash of ``parts`` that is the same in every process (unlike ``hash``)."""
    text = "\x1f".join(map(str, parts))
    return int.from_bytes(hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest(), "big")


def _rng(*parts: object) -> random.Random:
    """A private random stream for one (purpose, code, seed...) combination."""
    return random.Random(stable_hash(*parts))


# --- GS1 codes ---------------------------------------------------------------


def check_digit(body: str) -> str:
    """GS1 mod-10 check digit of ``body`` (all digits but the last)."""
    # weights 3, 1, 3, 1... from the right
    if body.isascii() and body.isdigit():
        # the usual case, summed over the bytes (digit = byte - 48) rather than int() per
        # character: it runs several times for every product the sandbox builds
        raw = body.encode("ascii")
        odd, even = raw[-1::-2], raw[-2::-2]
        total = 3 * (sum(odd) - 48 * len(odd)) + sum(even) - 48 * len(even)
    else:
        total = 3 * sum(map(int, body[-1::-2])) + sum(map(int, body[-2::-2]))
    return str((10 - total % 10) % 10)


def _ascii_digits(value: str) -> bool:
    # str.isdigit() accepts "²" and other scripts' digits: only ASCII counts (isascii() first).
    return value.isascii() and value.isdigit()


def gtin14(value: str) -> str | None:
    """``value`` as a GTIN-14 when it is an 8- to 14-digit code with a correct check digit."""
    if not _ascii_digits(value) or not 8 <= len(value) <= 14:
        return None
    padded = value.zfill(14)
    return padded if check_digit(padded[:-1]) == padded[-1] else None


def ean13_of(code14: str) -> str:
    """The 13-digit form of a GTIN-14 that starts with 0 (else the GTIN-14 itself)."""
    return code14[1:] if code14.startswith("0") else code14


def is_restricted(code14: str) -> bool:
    """GS1 restricted-circulation and coupon prefixes (020-029, 040-049, 200-299, 05, 981-984, 99)."""
    c = ean13_of(code14)
    if len(c) != 13:
        return False
    return (
        c[:2] in ("02", "04", "05", "99")
        or c[0] == "2"
        or c[:3] in ("981", "982", "983", "984")
    )


def is_pharmacy(code: str) -> bool:
    """French pharmacy codes: 3400x (CIP13 medicines) and 3401x (parapharmacy, ACL)."""
    c = ean13_of(code.zfill(14)) if len(code) == 14 else code
    return c.startswith(("3400", "3401"))


def make_code(prefix: str, *parts: object, length: int = 13) -> str:
    """A valid GS1 code of ``length`` digits beginning with ``prefix``, derived from ``parts``."""
    n = length - 1 - len(prefix)
    body = prefix + str(stable_hash("code", prefix, *parts) % 10**n).zfill(n)
    return body + check_digit(body)


# --- vocabulary ---------------------------------------------------------------

_MEDICINES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Doliprane", "Sanofi", ("500 mg, 16 comprimés", "1000 mg, 8 comprimés", "1000 mg, 8 comprimés effervescents", "2,4 % sirop 100 ml", "300 mg, 10 sachets")),
    ("Dafalgan", "UPSA", ("1 g, 8 comprimés pelliculés", "500 mg, 16 gélules")),
    ("Efferalgan", "UPSA", ("500 mg, 16 comprimés effervescents", "1 g, 8 comprimés effervescents")),
    ("Spasfon", "Teva", ("80 mg, 30 comprimés enrobés", "Lyoc 80 mg, 10 lyophilisats")),
    ("Smecta", "Ipsen", ("3 g, 30 sachets", "fraise-orange, 12 sachets")),
    ("Gaviscon", "Reckitt", ("suspension buvable, 24 sachets", "menthe, 24 comprimés à croquer")),
    ("Biafine", "Johnson & Johnson", ("émulsion 186 g", "émulsion 93 g")),
    ("Advil", "Haleon", ("200 mg, 20 comprimés enrobés", "400 mg, 14 comprimés")),
    ("Nurofen", "Reckitt", ("400 mg, 12 comprimés", "200 mg, 20 capsules molles")),
    ("Humex Rhume", "Urgo", ("jour et nuit, 16 comprimés",)),
    ("Strepsils", "Reckitt", ("miel citron, 24 pastilles", "menthe, 24 pastilles")),
    ("Voltarène Emulgel", "Haleon", ("1 %, gel 100 g", "Actigo 2 %, gel 50 g")),
    ("Toplexil", "Sanofi", ("0,33 mg/ml sirop 150 ml",)),
    ("Magné B6", "Sanofi", ("48 comprimés pelliculés",)),
    ("Oscillococcinum", "Boiron", ("30 doses", "6 doses")),
    ("Arnica Montana 9 CH", "Boiron", ("tube granules 4 g",)),
    ("Lysopaïne", "Sanofi", ("maux de gorge, 18 comprimés à sucer",)),
    ("Imodium", "Johnson & Johnson", ("2 mg, 12 gélules", "Lingual 2 mg, 12 lyophilisats")),
    ("Maalox", "Sanofi", ("maux d'estomac, 40 comprimés à croquer",)),
    ("Fervex", "UPSA", ("adultes, 8 sachets",)),
    ("Actifed Rhume", "Johnson & Johnson", ("jour et nuit, 16 comprimés",)),
    ("Forlax", "Ipsen", ("10 g, 20 sachets",)),
    ("Daflon", "Servier", ("500 mg, 60 comprimés",)),
    ("Ibuprofène Biogaran", "Biogaran", ("400 mg, 30 comprimés",)),
    ("Paracétamol Arrow", "Arrow", ("1 g, 8 comprimés",)),
    ("Vogalib", "Zambon", ("7,5 mg, 8 lyophilisats oraux",)),
    ("Hextril", "Johnson & Johnson", ("0,1 % bain de bouche 400 ml",)),
    ("Dexeryl", "Pierre Fabre", ("crème 250 g",)),
)

_PARAPHARMACY: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("Avène", "Pierre Fabre", ("Eau thermale spray 300 ml", "Cicalfate+ crème réparatrice 40 ml", "Cleanance gel nettoyant 400 ml", "Tolérance Control crème 40 ml")),
    ("La Roche-Posay", "L'Oréal", ("Effaclar gel moussant 400 ml", "Cicaplast baume B5+ 100 ml", "Anthelios UVmune 400 SPF50+ 50 ml", "Lipikar baume AP+M 400 ml")),
    ("Bioderma", "NAOS", ("Sensibio H2O eau micellaire 500 ml", "Atoderm crème 500 ml", "Photoderm SPF50+ 40 ml")),
    ("Vichy", "L'Oréal", ("Minéral 89 booster 50 ml", "Dercos shampooing énergisant 200 ml")),
    ("Nuxe", "Nuxe", ("Huile prodigieuse 100 ml", "Rêve de miel baume lèvres 15 g")),
    ("Uriage", "Uriage", ("Eau thermale 300 ml", "Bariéderm crème isolante 75 ml")),
    ("Caudalie", "Caudalie", ("Vinoperfect sérum éclat 30 ml", "Eau de beauté 100 ml")),
    ("Weleda", "Weleda", ("Cold cream 30 ml", "Huile de massage à l'arnica 200 ml")),
    ("Mustela", "Expanscience", ("Gel lavant doux 500 ml", "Liniment 400 ml")),
    ("Klorane", "Pierre Fabre", ("Shampooing à l'avoine 400 ml",)),
    ("Ducray", "Pierre Fabre", ("Kelual DS shampooing 100 ml",)),
    ("Arkopharma", "Arkopharma", ("Arkogélules Harpagophyton, 45 gélules", "Azinc vitalité, 60 gélules")),
    ("Puressentiel", "Puressentiel", ("Spray assainissant 41 huiles essentielles 200 ml",)),
    ("Gallia", "Danone", ("Calisma 1er âge lait 830 g",)),
    ("Physiomer", "Omega Pharma", ("spray nasal 135 ml",)),
    ("Elgydium", "Pierre Fabre", ("dentifrice blancheur 75 ml",)),
    ("Compeed", "HRA Pharma", ("pansements ampoules, 10 unités",)),
    ("Urgo", "Urgo", ("pansements résistants, 20 unités",)),
)

_CATEGORIES: tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[int, int]], ...] = (
    ("Électronique", ("Sony", "JBL", "Philips", "Samsung", "Logitech", "Anker"),
     ("Casque sans fil", "Enceinte Bluetooth", "Souris sans fil", "Câble USB-C 2 m", "Chargeur secteur 25 W",
      "Écouteurs intra-auriculaires", "Clavier sans fil", "Batterie externe 10000 mAh"), (899, 29999)),
    ("Maison & cuisine", ("Tefal", "SEB", "Moulinex", "Brabantia", "Le Creuset", "Duralex"),
     ("Poêle 28 cm", "Bouilloire 1,7 L", "Grille-pain 2 fentes", "Cocotte 24 cm", "Lot de 6 verres", "Poubelle 30 L"),
     (699, 24999)),
    ("Jouets", ("LEGO", "Playmobil", "Hasbro", "Ravensburger", "Djeco", "Smoby"),
     ("Coffret de construction", "Puzzle 1000 pièces", "Jeu de société familial", "Figurine articulée", "Poupée"),
     (999, 12999)),
    ("Épicerie", ("Bonne Maman", "Lavazza", "Lindt", "Michel et Augustin", "St Michel", "Ricoré"),
     ("Confiture fraises 370 g", "Café en grains 1 kg", "Chocolat noir 70 % 100 g", "Galettes pur beurre 130 g"),
     (149, 1999)),
    ("Beauté", ("L'Oréal Paris", "Nivea", "Garnier", "Dove", "Sanex"),
     ("Gel douche 250 ml", "Shampooing 300 ml", "Crème mains 75 ml", "Déodorant 48 h 200 ml"), (199, 1499)),
    ("Sport", ("Kipsta", "Domyos", "Adidas", "Puma"),
     ("Ballon de football taille 5", "Tapis de yoga 8 mm", "Haltères 2 x 5 kg", "Gourde 750 ml"), (499, 7999)),
    ("Bricolage", ("Bosch", "Makita", "Stanley", "Black+Decker"),
     ("Perceuse-visseuse 18 V", "Mètre ruban 5 m", "Coffret 38 embouts", "Niveau à bulle 60 cm"), (599, 19999)),
)

_BOOKS: tuple[tuple[str, str], ...] = (
    ("L'Étranger", "Gallimard"), ("Le Petit Prince", "Gallimard"), ("Les Misérables, tome 1", "Le Livre de Poche"),
    ("Madame Bovary", "Flammarion"), ("Vingt mille lieues sous les mers", "Le Livre de Poche"),
    ("La Peste", "Folio"), ("Bonjour tristesse", "Pocket"), ("Germinal", "Actes Sud"),
)

_COLOURS = ("noir", "blanc", "bleu", "rouge", "gris", "vert")

#: hostile shop names (PriceAPI offers, Monitorize sites): formulas, control characters, RTL, emoji
HOSTILE_SHOPS: tuple[str, ...] = (
    '=HYPERLINK("http://example.invalid","Cliquez ici")',
    "+Pharma Discount",
    "-20% Parapharmacie",
    "@Santé Direct",
    "Pharma\x07Bell\x1b[0m",
    "صيدلية \u202eShop",
    "Ma Pharmacie 💊",
)

_PHARMACY_SHOPS: tuple[str, ...] = (
    "Pharmacie Lafayette", "Cocooncenter", "Newpharma", "Pharma GDD", "Santé Discount", "1001Pharmacies",
    "Pharmashopi", "Parapharmacie E.Leclerc", "Easypara", "Atida", "Pharmacie du Centre", "Univers Pharmacie",
    "Pharmacie Delecroix", "Aprium Pharmacie", "Mon Pharmacien", "Boticinal",
)
_GENERAL_SHOPS: tuple[str, ...] = (
    "Amazon.fr", "Cdiscount", "Fnac", "Darty", "Boulanger", "Carrefour", "E.Leclerc", "Rakuten", "Auchan",
    "Rue du Commerce", "LDLC", "Cultura", "La Redoute", "ManoMano", "King Jouet", "JouéClub", "Decathlon",
    "Conforama", "Leroy Merlin", "Castorama",
)

MONITORIZE_PHARMACY_SITES: tuple[str, ...] = (
    "pharmacie-lafayette.com", "cocooncenter.com", "newpharma.fr", "pharma-gdd.com", "santediscount.com",
    "1001pharmacies.com", "pharmashopi.com", "easypara.fr", "atida.fr",
)
MONITORIZE_GENERAL_SITES: tuple[str, ...] = (
    "amazon.fr", "cdiscount.com", "fnac.com", "darty.com", "boulanger.com", "carrefour.fr", "e.leclerc",
    "auchan.fr", "rakuten.fr", "manomano.fr", "cultura.com",
)
#: a Monitorize "site" that an export must keep as text
MONITORIZE_HOSTILE_SITE = "=cmd|' /C calc'!A0"

OFFICISCAN_NETWORKS: tuple[tuple[str, str], ...] = (
    ("cocooncenter", "cocooncenter.com"), ("pharmacie-lafayette", "pharmacielafayette.com"),
    ("newpharma", "newpharma.fr"), ("pharma-gdd", "pharma-gdd.com"), ("santediscount", "santediscount.com"),
    ("1001pharmacies", "1001pharmacies.com"), ("pharmashopi", "pharmashopi.com"), ("atida", "atida.fr"),
)

# --- hostile codes -------------------------------------------------------------

HostileKind = Literal["formula_eq", "formula_plus", "formula_minus", "formula_at", "control", "rtl", "emoji", "long"]
_HOSTILE_KINDS: tuple[HostileKind, ...] = (
    "formula_eq", "formula_plus", "formula_minus", "formula_at", "control", "rtl", "emoji", "long",
)


def _hostile_codes() -> Mapping[str, HostileKind]:
    out: dict[str, HostileKind] = {}
    for i, kind in enumerate(_HOSTILE_KINDS):
        # alternate pharmacy and other codes, so both halves of the universe carry hostile names
        out[make_code("3401" if i % 2 else "376", "hostile", kind)] = kind
    return MappingProxyType(out)


#: EAN-13 -> kind of hostile name; all of them are in the universe, in Monitorize and in Snipcart,
#: and PriceAPI always finds them. The "long" one has a 40,000-character name.
HOSTILE_CODES: Mapping[str, HostileKind] = _hostile_codes()
LONG_NAME_CODE: str = next(c for c, k in HOSTILE_CODES.items() if k == "long")


def hostile_kind(code13: str) -> HostileKind | None:
    """Which hostile name a code carries, if any (forced codes, then ~0.5 % of all others)."""
    kind = HOSTILE_CODES.get(code13)
    if kind is not None:
        return kind
    h = stable_hash("hostile", code13)
    if h % 200 == 0:
        return _HOSTILE_KINDS[(h >> 8) % 7]  # never "long": exactly one name is 40,000 characters
    return None


def make_hostile(name: str, kind: HostileKind) -> str:
    """``name`` turned into the kind of string scraped data really contains."""
    if kind == "formula_eq":
        return f'=HYPERLINK("http://example.invalid","{name}")'
    if kind == "formula_plus":
        return f"+33 {name}"
    if kind == "formula_minus":
        return f"-50% {name}"
    if kind == "formula_at":
        return f"@SUM(1+1) {name}"
    if kind == "control":
        return f"{name}\x07\x1b[31m rouge\x1b[0m\x0b\x7f"
    if kind == "rtl":
        return f"{name} \u202eموقع\u202c שלום"
    if kind == "emoji":
        return f"{name} 💊🧴✨ 👨\u200d👩\u200d👧"
    filler = " Lorem ipsum dolor sit amet, consectetur adipiscing elit."
    text = name + filler * (LONG_NAME_LENGTH // len(filler) + 1)
    return text[:LONG_NAME_LENGTH]


# --- products -------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ProductInfo:
    """What a code *is*: the same in every service (names never depend on the seed)."""

    ean13: str
    name: str
    brand: str
    category: str
    kind: Literal["medicament", "parapharmacie", "autre"]
    price_range_cents: tuple[int, int]


def product_info(code: str) -> ProductInfo:
    """Name, brand and category of any 8- to 14-digit code (stable, seed-independent)."""
    c13 = ean13_of(code.zfill(14)) if len(code) <= 14 else code
    h = stable_hash("info", c13)
    if c13.startswith("3400"):
        brand, lab, forms = _MEDICINES[h % len(_MEDICINES)]
        name, category, kind, prices = f"{brand} {forms[(h >> 16) % len(forms)]}", "Médicaments", "medicament", (129, 1599)
        brand = lab if (h >> 24) % 3 == 0 else brand
    elif c13.startswith("3401"):
        brand, _lab, lines = _PARAPHARMACY[h % len(_PARAPHARMACY)]
        name, category, kind, prices = f"{brand} {lines[(h >> 16) % len(lines)]}", "Parapharmacie", "parapharmacie", (349, 4999)
    elif c13.startswith(("978", "979")):
        title, publisher = _BOOKS[h % len(_BOOKS)]
        name, brand, category, kind, prices = f"{title} (poche)", publisher, "Livres", "autre", (490, 1290)
    else:
        category, brands, items, prices = _CATEGORIES[h % len(_CATEGORIES)]
        brand = brands[(h >> 8) % len(brands)]
        item = items[(h >> 16) % len(items)]
        suffix = _COLOURS[(h >> 24) % len(_COLOURS)] if category in ("Électronique", "Sport") else f"réf. {(h >> 32) % 900 + 100}"
        name, kind = f"{brand} {item} {suffix}", "autre"
    hk = hostile_kind(c13)
    if hk is not None:
        name = make_hostile(name, hk)
    return ProductInfo(c13, name, brand, category, kind, prices)  # type: ignore[arg-type]


def reference_price_cents(code13: str, seed: int, info: ProductInfo | None = None) -> int:
    """The product's typical market price in euro cents (offers scatter around it)."""
    lo, hi = (info or product_info(code13)).price_range_cents
    f = stable_hash("price", code13, seed) / 2**64
    cents = int(lo + (hi - lo) * f * f)  # skewed towards cheaper products
    return cents - cents % 10 + (9 if cents % 2 else 5)  # ends in 5 or 9: looks like a shelf price


def cents_str(cents: int, decimals: int = 2) -> str:
    """Cents as a price string without float rounding: 1295 -> '12.95'."""
    if decimals == 0:
        return str((cents + 50) // 100)
    sign = "-" if cents < 0 else ""
    cents = abs(cents)
    return f"{sign}{cents // 100}.{cents % 100:02d}"


# --- PriceAPI ---------------------------------------------------------------------

#: source -> (countries, keys); combinations the sandbox refuses are "unsupported ..."
PRICEAPI_SOURCES: Mapping[str, tuple[frozenset[str], frozenset[str]]] = MappingProxyType({
    "google-shopping": (frozenset({"de", "fr", "gb", "it", "es", "nl", "be", "at", "ch", "us", "au", "pl", "se",
                                   "dk", "no", "ie", "pt", "cz"}), frozenset({"gtin", "keyword"})),
    "amazon": (frozenset({"de", "fr", "gb", "it", "es", "us", "nl", "se", "pl", "jp", "ca"}),
               frozenset({"gtin", "keyword", "source_id"})),
    "idealo": (frozenset({"de", "fr", "gb", "it", "es", "at"}), frozenset({"gtin", "keyword"})),
    "ebay": (frozenset({"de", "fr", "gb", "it", "es", "us", "at"}), frozenset({"gtin", "keyword", "source_id"})),
    "cdiscount": (frozenset({"fr"}), frozenset({"gtin", "keyword", "source_id"})),
    "rakuten": (frozenset({"fr", "de", "jp"}), frozenset({"gtin", "keyword"})),
    "pricerunner": (frozenset({"gb", "se", "dk"}), frozenset({"gtin", "keyword"})),
})
#: temporarily disabled combinations, to show the doc's "source disabled" / "key disabled"
PRICEAPI_DISABLED_SOURCES = frozenset({("idealo", "es")})
PRICEAPI_DISABLED_KEYS = frozenset({("rakuten", "jp", "keyword")})

_CURRENCIES: Mapping[str, tuple[str, float, int]] = MappingProxyType({
    "gb": ("GBP", 0.86, 2), "us": ("USD", 1.08, 2), "ch": ("CHF", 0.95, 2), "se": ("SEK", 11.4, 2),
    "pl": ("PLN", 4.3, 2), "dk": ("DKK", 7.46, 2), "no": ("NOK", 11.5, 2), "cz": ("CZK", 25.2, 2),
    "jp": ("JPY", 160.0, 0), "ca": ("CAD", 1.47, 2), "au": ("AUD", 1.65, 2),
})
_TLD: Mapping[str, str] = MappingProxyType({"gb": "co.uk", "us": "com", "jp": "co.jp", "au": "com.au"})


def currency_of(country: str) -> tuple[str, float, int]:
    """(ISO 4217 code, rate from EUR, decimals) of a country's shops."""
    return _CURRENCIES.get(country, ("EUR", 1.0, 2))


def priceapi_outcome(value: str, seed: int = 0, *, key: str = "gtin", source: str = "google-shopping") -> Outcome:
    """What PriceAPI answers for one value: the predictor tests use.

    key=gtin: not 8-14 ASCII digits or a wrong check digit -> "invalid value" (costs nothing);
    restricted-circulation / coupon codes -> "not found"; the codes of :data:`HOSTILE_CODES`
    -> "found"; otherwise by the hash of (code, seed): value disabled ~1 %, failed to
    access source ~2 %, error ~1 %, not found ~8 %, found the rest.
    """
    return _outcome(value.strip(), seed, key, source)[0]


def _outcome(value: str, seed: int, key: str, source: str) -> tuple[Outcome, str]:
    """:func:`priceapi_outcome` of a stripped value, with the identity it was decided on
    (the GTIN-14 for key=gtin; "" for an invalid value), so a product build need not repeat it."""
    if key == "gtin":
        g = gtin14(value)
        if g is None:
            return "invalid value", ""
        if ean13_of(g) in HOSTILE_CODES:
            return "found", g
        if is_restricted(g):
            return "not found", g
        ident = g
    elif key == "source_id":
        ok = (len(value) == 10 and value.isalnum() and value.isascii() and value.upper() == value) if source == "amazon" \
            else (0 < len(value) <= 64 and all(c.isascii() and (c.isalnum() or c in "._-") for c in value))
        if not ok:
            return "invalid value", ""
        ident = f"sid:{value}"
    else:
        if not value:
            return "invalid value", ""
        ident = f"kw:{value.casefold()}"
    r = stable_hash("outcome", ident, seed) % 1000
    if r < 10:
        return "value disabled", ident
    if r < 30:
        return "failed to access source", ident
    if r < 40:
        return "error", ident
    if r < 120:
        return "not found", ident
    return "found", ident


def _product_code_for(value: str, key: str) -> str:
    """The EAN-13 whose product a value finds (a keyword or source id maps to some product)."""
    if key == "gtin":
        g = gtin14(value.strip())
        assert g is not None
        return ean13_of(g)
    return make_code("400" if stable_hash("kwcat", value) % 2 else "3401", "kw", key, value)


def _offer_count(code13: str, seed: int, source: str, country: str) -> int:
    r = stable_hash("noffers", code13, seed, source, country) % 100
    if r < 5:
        return 0  # found, but no shop sells it right now
    if r < 55:
        return 1 + r % 5
    if r < 90:
        return 6 + r % 7
    return 13 + r % 13


_AMAZON_SELLERS = ("Amazon", "Amazon.fr", "Pharmacie du Centre", "MegaDeals EU", "Boutique Santé", "TopPrix",
                   "Vendeur Pro 24")
_EBAY_SELLERS = ("ebay-pro-shop", "bonnesaffaires75", "pharma.outlet", "deal_express", "maison-et-jardin", "topventes")


def _shop_pool(code13: str, source: str) -> tuple[str, ...]:
    if source == "amazon":
        return _AMAZON_SELLERS
    if source == "ebay":
        return _EBAY_SELLERS
    return _PHARMACY_SHOPS if is_pharmacy(code13) else _GENERAL_SHOPS


def _slug(text: str) -> str:
    out = "".join(c.lower() if c.isascii() and c.isalnum() else "-" for c in text)
    return "-".join(p for p in out.split("-") if p) or "shop"


def _all_shops() -> Mapping[str, str]:
    shops = (*HOSTILE_SHOPS, *_PHARMACY_SHOPS, *_GENERAL_SHOPS, *_AMAZON_SELLERS, *_EBAY_SELLERS)
    return MappingProxyType({s: _slug(s) for s in shops})


def priceapi_all_offers(value: str, seed: int, *, source: str, country: str, key: str = "gtin",
                        info: ProductInfo | None = None, day: date | None = None) -> list[dict[str, object]]:
    """Every offer of a found product on ``day`` (default: today, UTC), cheapest first (before pages are cut)."""
    return _offers_of(_product_code_for(value, key), seed, source, country, info, day or utc_today())


_AVAILABILITY_TEXT: Mapping[str, str] = MappingProxyType({
    "in_stock": "En stock", "out_of_stock": "Rupture de stock", "available_on_order": "Sur commande",
    "preorder": "Précommande",
})


def _offers_of(code13: str, seed: int, source: str, country: str, info: ProductInfo | None, day: date,
               limit: int | None = None) -> list[dict[str, object]]:
    """:func:`priceapi_all_offers` of the product ``code13`` (the value already resolved), the
    ``limit`` cheapest only when given (all are priced, to sort them; only those are written out)."""
    n = _offer_count(code13, seed, source, country)
    if n == 0:
        return []
    rng = _rng("offers", code13, seed, source, country)
    currency, rate, decimals = currency_of(country)
    info = info or product_info(code13)
    ref = reference_price_cents(code13, seed, info)
    ordinal = day.toordinal()
    pool = _shop_pool(code13, source)
    npool = len(pool)
    nhostile = len(HOSTILE_SHOPS)
    random_, bits = rng.random, rng.getrandbits
    tld = _TLD.get(country, country)
    slugs = _SHOP_SLUGS
    # Everything an offer *is* (shop, market key, shipping, usual availability, title) is drawn here, in
    # the order the offers are made, from a stream that does not depend on the day: only the market
    # price and stock change from one day to the next, and the offers' order with them.
    raw: list[tuple[int, int | None, str, int, str, bool]] = []
    for index in range(n):
        shop = HOSTILE_SHOPS[int(random_() * nhostile)] if random_() < 0.03 else pool[int(random_() * npool)]
        # the offer's market key comes from the product's stream, not from market_key(): a blake2b
        # per offer would cost as much as the rest of the offer
        cents, _regular, _promo, in_stock = market_price(bits(64), ref, ordinal)
        if rate != 1.0:
            cents = max(1, int(cents * rate))
            if decimals == 0:
                cents -= cents % 100
        s = random_()
        shipping: int | None = None if s < 0.3 else 0 if s < 0.7 else _SHIPPING[int(random_() * 5)]
        if shipping and decimals == 0:
            shipping = int(shipping * rate) // 100 * 100
        a = random_()
        # PriceAPI's offers carry no strike price: a promotion shows as a lower price only
        availability = "in_stock" if a < 0.87 else "available_on_order" if a < 0.95 else "preorder"
        if availability == "in_stock" and not in_stock:
            availability = "out_of_stock"
        raw.append((cents, shipping, shop, index, availability, random_() < 0.7))
    raw.sort(key=lambda t: t[0])
    with_ship = sorted((t[0] + t[1], i) for i, t in enumerate(raw) if t[1] is not None)
    pos_ship = {i: rank + 1 for rank, (_total, i) in enumerate(with_ship)}
    offers: list[dict[str, object]] = []
    # cents_str() inlined for the usual two decimals: amounts here are never negative
    money = (lambda c: f"{c // 100}.{c % 100:02d}") if decimals == 2 else (lambda c: cents_str(c, decimals))
    texts = _AVAILABILITY_TEXT
    for i, (cents, shipping, shop, index, availability, plain_name) in enumerate(raw[:limit]):
        offers.append({
            "shop_name": shop,
            "price": money(cents),
            "price_with_shipping": None if shipping is None else money(cents + shipping),
            "shipping_costs": None if shipping is None else money(shipping),
            "currency": currency,
            "url": f"https://www.{slugs[shop]}.{tld}/p/{code13}?o={index + 1}",  # the offer's own: stable
            "name": info.name if plain_name else f"{info.name} - {shop}",
            "position": i + 1,
            "position_with_shipping": pos_ship.get(i),
            "availability_code": availability,
            "availability_text": texts[availability],
        })
    return offers


_SHOP_SLUGS: Mapping[str, str] = _all_shops()
_SHIPPING = (290, 399, 495, 590, 699)


def priceapi_pages(value: str, seed: int, *, source: str, country: str, key: str, completeness: str,
                   offers: list[dict[str, object]] | None = None, day: date | None = None) -> int:
    """Result pages gathered for a found product on ``day`` (each page costs one credit)."""
    if completeness == "one_page":
        return 1
    if offers is None:
        offers = priceapi_all_offers(value, seed, source=source, country=country, key=key, day=day)
    if completeness == "all_pages":
        return max(1, -(-len(offers) // OFFERS_PER_PAGE))
    # at_least_two_shops: "most of the time that will be 1"
    first = {o["shop_name"] for o in offers[:OFFERS_PER_PAGE]}
    return 2 if len(first) < 2 and len(offers) > OFFERS_PER_PAGE else 1


def priceapi_credits(value: str, seed: int = 0, *, source: str = "google-shopping", country: str = "fr",
                     key: str = "gtin", completeness: str = "one_page", currentness: str = "daily_updated",
                     day: date | None = None) -> int:
    """Credits one value costs, as the doc says: found and not found cost one per page gathered
    (not found: one page), realtime doubles, invalid value / value disabled / failed to access
    source / error cost nothing. (Only at_least_two_shops depends on ``day``: on the shops of the
    first page.)"""
    outcome = priceapi_outcome(value, seed, key=key, source=source)
    if outcome not in CHARGED_OUTCOMES:
        return 0
    pages = 1 if outcome == "not found" else priceapi_pages(
        value, seed, source=source, country=country, key=key, completeness=completeness, day=day)
    return pages * (2 if currentness == "realtime" else 1)


def _source_product_id(code13: str, source: str) -> str:
    h = stable_hash("pid", source, code13)
    if source == "amazon":
        alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
        return "B0" + "".join(alphabet[(h >> (5 * i)) % 36] for i in range(8))
    if source == "google-shopping":
        return str(10**19 + h % (9 * 10**18))
    return str(10**8 + h % (9 * 10**8))


def _product_url(source: str, country: str, pid: str) -> str:
    tld = _TLD.get(country, country)
    if source == "google-shopping":
        return f"https://www.google.{tld}/shopping/product/{pid}"
    if source == "amazon":
        return f"https://www.amazon.{tld}/dp/{pid}"
    return f"https://www.{source}.{tld}/produit/{pid}"


def _related_gtins(code13: str) -> list[str]:
    h = stable_hash("gtins", code13)
    related = [make_code(code13[:7], "rel", code13, i) for i in range(h % 4)]
    return sorted({code13.zfill(14), *(r.zfill(14) for r in related)})


def priceapi_product(value: str, seed: int = 0, *, source: str = "google-shopping", country: str = "fr",
                     key: str = "gtin", completeness: str = "one_page", updated_at: str | None = None,
                     day: date | None = None) -> dict[str, object]:
    """One entry of a finished job's ``products`` array on ``day`` (default: today, UTC), exactly as
    the JSON download shows it.

    Failed values carry only source, country, key, value, success and reason (as in the doc).
    ``updated_at`` is the only field that is not a function of the arguments.
    """
    value = value.strip()
    outcome, ident = _outcome(value, seed, key, source)
    head: dict[str, object] = {"source": source, "country": country, "key": key, "value": value}
    if outcome != "found":
        head.update(success=False, reason=outcome)
        return head
    # the GTIN-14 the outcome was decided on is the product's code (what _product_code_for gives)
    code13 = ean13_of(ident) if key == "gtin" else _product_code_for(value, key)
    info = product_info(code13)
    h = stable_hash("reviews", code13, source)
    review_count = 0 if h % 5 == 0 else (h >> 8) % 400 + 1
    pid = _source_product_id(code13, source)
    gtins = _related_gtins(code13)
    day = day or utc_today()
    if completeness == "one_page":  # the usual case: only the first page's offers are written out
        pages = 1
        offers = _offers_of(code13, seed, source, country, info, day, OFFERS_PER_PAGE)
    else:
        offers = _offers_of(code13, seed, source, country, info, day)
        pages = priceapi_pages(value, seed, source=source, country=country, key=key, completeness=completeness,
                               offers=offers)
    url = _product_url(source, country, pid)
    head.update({
        "success": True,
        "reason": None,
        "id": pid,
        "source_id": pid,
        "name": info.name,
        "brand_name": info.brand,
        "category_name": info.category,
        "review_count": review_count,
        "review_rating": None if review_count == 0 else 40 + (h >> 20) % 61,  # 0..100 scale
        "gtins": gtins,
        "eans": [ean13_of(g) for g in gtins],
        "url": url,
        "source_url": url,
        "updated_at": updated_at,
        "relevance": None if key == "gtin" else 50 + (h >> 30) % 51,
        "offers": offers[: pages * OFFERS_PER_PAGE],
    })
    return head


# --- the catalogue universe -------------------------------------------------------------


#: codes from the vendors' docs (OfficiScan's example EAN, PriceAPI's example GTINs as EAN-13)
DOC_EXAMPLE_CODES: tuple[str, ...] = ("3401351277399", "0885909666966", "8718108041581")


@functools.cache  # a pure function of constants: ~50 ms, and the tests ask for it often
def _universe_codes() -> tuple[str, ...]:
    codes: list[str] = [*HOSTILE_CODES, *DOC_EXAMPLE_CODES]
    seen = set(codes)
    i = 0
    while len(codes) < UNIVERSE_SIZE:
        h = stable_hash("universe", i)
        r = h % 100
        if r < 30:
            prefix = "34009"  # CIP13: medicines
        elif r < 50:
            prefix = "3401"  # ACL: parapharmacy
        elif r < 70:
            prefix = str(300 + (h >> 8) % 80)  # France, other categories
        elif r < 80:
            prefix = str(400 + (h >> 8) % 41)  # Germany
        elif r < 90:
            prefix = "0" + "01678"[(h >> 8) % 5]  # UPC-A, written as EAN-13 with a leading 0
        elif r < 95:
            prefix = str((54, 76, 80, 84, 87)[(h >> 8) % 5])  # BE, CH, IT, ES, NL
        else:
            prefix = "978"  # books
        code = make_code(prefix, "u", i)
        i += 1
        if code in seen or is_restricted(code.zfill(14)):
            continue
        seen.add(code)
        codes.append(code)
    return tuple(codes)


@dataclass(frozen=True, slots=True)
class MonitorizeItem:
    """A product imported into Monitorize (its ``ref`` is usually the EAN-13)."""

    id: int
    ean13: str
    name: str
    ref: str | None
    matched: bool  # matched products have offers; the others list with "offers": []


@dataclass(frozen=True, slots=True)
class SnipcartItem:
    """A product of the shop's Snipcart catalogue."""

    id: str  # Snipcart's GUID
    user_defined_id: str
    ean13: str | None  # the EAN, wherever the shop keeps it (userDefinedId or custom field "EAN")
    ean_in_custom_field: bool
    name: str
    index: int


@dataclass(frozen=True, slots=True)
class OfficiscanItem:
    """A pharmacy product OfficiScan follows on several networks."""

    product_id: int
    ean13: str
    name: str
    brand: str
    networks: tuple[int, ...]  # indexes into OFFICISCAN_NETWORKS
    variants: int  # 0: no variants


SNIPCART_EXTRAS: tuple[tuple[str, str, int], ...] = (
    ("CARTE-CADEAU-20", "Carte cadeau 20 €", 2000),
    ("CARTE-CADEAU-50", "Carte cadeau 50 €", 5000),
    ("FRAIS-PREPARATION", "Frais de préparation ordonnance", 150),
    ("ECHANTILLON-OFFERT", "Échantillon offert", 0),
    ("TROUSSE-VOYAGE", "Trousse de voyage vide", 499),
    ("SAC-ISOTHERME", "Sac isotherme pour médicaments", 899),
)


@dataclass(frozen=True)
class Catalogue:
    """The fixed product universe and which service knows which product.

    Build it once (``Catalogue.build()``, ~50 ms) and keep it; it never changes.
    """

    universe: tuple[str, ...]
    monitorize: tuple[MonitorizeItem, ...]
    snipcart: tuple[SnipcartItem, ...]
    officiscan: tuple[OfficiscanItem, ...]
    snipcart_extras: tuple[tuple[str, str, int], ...] = SNIPCART_EXTRAS

    @classmethod
    def build(cls) -> Catalogue:
        """Generate the universe and the service catalogues (deterministic, seed-independent)."""
        universe = _universe_codes()
        mon: list[MonitorizeItem] = []
        snip: list[SnipcartItem] = []
        oc: list[OfficiscanItem] = []
        for code in universe:
            h = stable_hash("membership", code)
            forced = code in HOSTILE_CODES
            info = product_info(code)
            if forced or h % 100 < 60:
                r = (h >> 8) % 100
                ref = code if r < 88 else (f"REF-{(h >> 16) % 100000:05d}" if r < 98 else None)
                mon.append(MonitorizeItem(len(mon) + 1, code, info.name, ref, forced or (h >> 24) % 100 < 85))
            if forced or (h >> 32) % 100 < (60 if is_pharmacy(code) else 25):
                r = (h >> 40) % 100
                in_field = r >= 85 and not forced
                uid = f"SKU-{(h >> 44) % 100000:05d}" if in_field else code
                sid = guid("snipcart", code)
                snip.append(SnipcartItem(sid, uid, code, in_field, info.name, len(snip)))
            if is_pharmacy(code) and (code in DOC_EXAMPLE_CODES or (h >> 48) % 100 < 85):
                k = 2 + (h >> 52) % 4
                start = (h >> 56) % len(OFFICISCAN_NETWORKS)
                nets = tuple(sorted((start + j * 3) % len(OFFICISCAN_NETWORKS) for j in range(k)))
                nets = tuple(dict.fromkeys(nets))
                variants = 2 + (h >> 60) % 3 if (h >> 58) % 5 == 0 else 0
                oc.append(OfficiscanItem(1000 + len(oc), code, info.name, info.brand, nets, variants))
        for uid, name, _price in SNIPCART_EXTRAS:  # "a few have none": no EAN anywhere
            snip.append(SnipcartItem(guid("snipcart", uid), uid, None, False, name, len(snip)))
        return cls(tuple(universe), tuple(mon), tuple(snip), tuple(oc))

    def pharmacy_codes(self) -> list[str]:
        """Universe codes that are French pharmacy codes (3400/3401)."""
        return [c for c in self.universe if is_pharmacy(c)]

    def monitorize_refs(self) -> dict[str, MonitorizeItem]:
        """Monitorize products by ref (products without a ref are left out)."""
        return {m.ref: m for m in self.monitorize if m.ref is not None}

    def monitorize_eans(self) -> set[str]:
        """EAN-13s that Monitorize holds under ref = EAN (how an analyst's rows are matched)."""
        return {m.ref for m in self.monitorize if m.ref is not None and m.ref == m.ean13}

    def snipcart_eans(self) -> set[str]:
        """EAN-13s of the shop's catalogue (userDefinedId or custom field)."""
        return {s.ean13 for s in self.snipcart if s.ean13 is not None}

    def officiscan_by_ean(self) -> dict[str, OfficiscanItem]:
        """OfficiScan products by EAN-13."""
        return {o.ean13: o for o in self.officiscan}


def guid(*parts: object) -> str:
    """A GUID-shaped id derived from ``parts`` (Snipcart ids)."""
    h = hashlib.blake2b("\x1f".join(map(str, parts)).encode(), digest_size=16).hexdigest()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{'89ab'[int(h[16], 16) % 4]}{h[17:20]}-{h[20:32]}"


def universe() -> tuple[str, ...]:
    """The universe's EAN-13 codes (convenience for tests; built once per process)."""
    return _universe_codes()


# --- the market: prices that move with the days ----------------------------------------
#
# One model prices every offer of every service: PriceAPI's offers, OfficiScan's snapshots and
# Monitorize's offers and history. A shop's offer of a product is identified by a 64-bit *key* (a
# hash of code, seed and where it is sold); its price on a day is a pure function of (key, reference
# price, day). Asking for day D costs the same whether D is today or ten years ago (three lookups,
# never a walk from an epoch), and a run on day D+1 sees as history exactly what a run on day D saw
# as current.
#
# How: three fixed *calendars* of MARKET_CALENDAR_DAYS days are drawn once, when the module loads,
# from a fixed stream (they are part of the model, like the vocabulary above): a bounded random walk
# (the drift), a promotion calendar and a stock calendar. Each offer reads each calendar at its own
# offset, taken from its key's bits, so two offers read unrelated stretches of 22 years. That keeps
# PriceAPI fast: it prices every offer of 100,000 codes, and hashing (key, day) instead cost 6 times as
# much per offer.

#: days in a calendar (a power of two: an offset is a mask); about 22 years before a pattern repeats
MARKET_CALENDAR_DAYS = 1 << 13
_CAL_MASK = MARKET_CALENDAR_DAYS - 1
_T = TypeVar("_T")
#: a shop's own price level, as a share of the product's reference price (shops scatter around it)
MARKET_LEVEL = (0.86, 1.20)
#: the drift wanders within +/- this share of the shop's level (bounded: no run-away walk)
MARKET_DRIFT = 0.05
#: a repricing moves the drift by at most this share of the level (shops reprice on ~40 % of the days)
MARKET_MAX_DAILY_MOVE = 0.025
#: promotions take 10 to 30 % off, for 3 to 7 days
MARKET_PROMO_PCT = (10, 30)
_LEVEL_LOW, _LEVEL_STEP = MARKET_LEVEL[0], (MARKET_LEVEL[1] - MARKET_LEVEL[0]) / 256  # 256 levels


def _walk_calendar(rng: random.Random) -> tuple[float, ...]:
    """The drift calendar: price factors 1 +/- MARKET_DRIFT, moving at most MARKET_MAX_DAILY_MOVE a day.

    A walk over half the calendar, reflected at its bounds, then the same walk backwards: the
    calendar is read in a circle, and the mirror joins its end to its start without a jump.
    """
    half: list[float] = []
    x = 0.0  # in units of MARKET_DRIFT: -1..1
    step = MARKET_MAX_DAILY_MOVE / MARKET_DRIFT
    for _ in range(MARKET_CALENDAR_DAYS // 2):
        if rng.random() < 0.4:  # a repricing day; the other days keep yesterday's price
            x += rng.uniform(-step, step)
            x = 2.0 - x if x > 1.0 else -2.0 - x if x < -1.0 else x
        half.append(1.0 + MARKET_DRIFT * x)
    return (*half, *reversed(half))


def _event_calendar(rng: random.Random, share: float, days: tuple[int, int], draw: Callable[[random.Random], _T],
                    default: _T) -> tuple[_T, ...]:
    """A calendar of spells: in ``share`` of the windows of 28-45 days, one spell of ``days`` days
    (inclusive bounds) holding ``draw(rng)``, ``default`` elsewhere. A spell stays inside its
    window, so spells never touch and never straddle the calendar's end."""
    out: list[_T] = [default] * MARKET_CALENDAR_DAYS
    first = 0
    while first < MARKET_CALENDAR_DAYS:
        size = min(rng.randint(28, 45), MARKET_CALENDAR_DAYS - first)
        length = rng.randint(*days)
        if rng.random() < share and length < size:
            start = first + rng.randrange(size - length)
            out[start:start + length] = [draw(rng)] * length
        first += size
    return tuple(out)


def _market_calendars() -> tuple[tuple[float, ...], tuple[int, ...], tuple[bool, ...]]:
    rng = random.Random(stable_hash("market-calendars"))
    drift = _walk_calendar(rng)
    promo = _event_calendar(rng, 0.40, (3, 7), lambda r: r.randint(*MARKET_PROMO_PCT), 0)
    stock = _event_calendar(rng, 0.45, (2, 12), lambda _r: False, True)
    return drift, promo, stock


_DRIFT, _PROMO, _STOCK = _market_calendars()


def market_price(key: int, reference_cents: int, day: int) -> tuple[int, int, int, bool]:
    """One offer's (price, regular price, promotion %, in stock) in euro cents on ``day`` (an ordinal).

    ``key`` is the offer's 64-bit identity (see :func:`market_key`), ``reference_cents`` the
    product's reference price. A pure function of the three, in O(1):

    * the shop's level, 0.86..1.20 of the reference (key bits 0-7, the same every day);
    * its drift on the day, +/- 5 % of that level, moving at most 2.5 % a day on the days the shop
      reprices (the drift calendar read at an offset of key bits 8-20);
    * a promotion (-10..-30 % for 3-7 days, in 40 % of 28-45-day windows; the regular price is kept
      as the strike price; bits 21-33) and an out-of-stock spell (2-12 days in 45 % of the
      windows; bits 34-46);
    * prices rounded as shelves show them: ending in 5 or 9 cents, or (one shop in eight, bits
      47-49) whole euros above 30 €.
    """
    # (written for speed: this runs for every PriceAPI offer)
    cents = int(reference_cents * (_LEVEL_LOW + _LEVEL_STEP * (key & 0xFF)) * _DRIFT[(day + (key >> 8)) & _CAL_MASK])
    whole_euros = not (key >> 47) & 7
    # the shelf price, inlined
    if cents < 20:
        regular = max(1, cents)
    elif cents >= 3000 and whole_euros:
        regular = cents - cents % 100
    else:
        last = cents % 10
        regular = cents - last + (9 if last >= 5 else 5)
    pct = _PROMO[(day + (key >> 21)) & _CAL_MASK]
    in_stock = _STOCK[(day + (key >> 34)) & _CAL_MASK]
    if not pct:
        return regular, regular, 0, in_stock
    cents = regular * (100 - pct) // 100
    if cents < 20:
        cents = max(1, cents)
    elif cents >= 3000 and whole_euros:
        cents -= cents % 100
    else:
        last = cents % 10
        cents += (9 if last >= 5 else 5) - last
    return cents, regular, pct, in_stock


class MarketDay(NamedTuple):
    """One shop's offer of one product on one day, in euro cents (see :func:`market_price`)."""

    cents: int  # what the shop asks that day, the promotion applied
    regular_cents: int  # its price without the promotion
    promo_pct: int  # 0, or the promotion's discount (10..30)
    in_stock: bool

    @property
    def original_cents(self) -> int | None:
        """The strike price during a promotion (the regular price), else None."""
        return self.regular_cents if self.promo_pct else None


def market_key(code13: str, seed: int, where: str) -> int:
    """The 64-bit identity of the offer of ``code13`` at ``where`` (a shop, site or network)."""
    return stable_hash("market", code13, seed, where)


@functools.lru_cache(maxsize=1 << 15)
def _market_basis(code13: str, seed: int, where: str) -> tuple[int, int]:
    # what does not depend on the day, kept: Monitorize's history asks for up to 400 days of one offer,
    # and the reference price needs product_info (~15 µs). The catalogue's offers are ~15,000 per seed
    # (OfficiScan ~7,400 with variants, Monitorize ~5,600, its feed), ~270 bytes each: at most ~9 MB
    return market_key(code13, seed, where), reference_price_cents(code13, seed)


def market_day(code13: str, seed: int, where: str, day: date) -> MarketDay:
    """The offer of ``code13`` at ``where`` (shop, site, network) on ``day``: the same whenever asked."""
    key, reference = _market_basis(code13, seed, where)
    return MarketDay(*market_price(key, reference, day.toordinal()))


# --- time series helpers shared by OfficiScan and Monitorize ---------------------------


def utc_today() -> date:
    """Today's UTC date: the day a sandbox answers for when none is set."""
    return datetime.now(UTC).date()


def daily_price_cents(code13: str, seed: int, where: str, day: date) -> int:
    """A shop's price on a given day (the promotion applied): :func:`market_day`'s ``cents``."""
    return market_day(code13, seed, where, day).cents


def days_back(today: date, n: int) -> list[date]:
    """``today`` and the ``n - 1`` days before it, newest first."""
    return [today - timedelta(days=i) for i in range(n)]


def pick(seq: Sequence[str], *parts: object) -> str:
    """A deterministic choice from ``seq``."""
    return seq[stable_hash("pick", *parts) % len(seq)]
