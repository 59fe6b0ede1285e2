"""OfficiScan (French pharmacy price watch), simulated from its doc.

* ``Authorization: Bearer <key>``: a missing header, another scheme or the key
  ``invalid`` get 401. The doc's keys start with ``oc_``; the sandbox follows
  the project rule "any key but ``invalid``" and accepts others too.
* ``GET /v1/snapshots``: ean, product_id, network, days (1-90, default 7), page
  (>= 1), per_page (1-100, default 50); the doc's pagination fields total,
  page, per_page, pages (pages is at least 1). Newest first. Each product is
  followed on 2-5 networks, each collecting every 1-3 days, so a product has a
  history of snapshots over the days. An unknown ean gives an empty page, not
  an error. Out-of-range or non-numeric parameters get 422 with a message that
  names the parameter and its range. ``collected_at`` carries no time zone, as
  in the doc: it is OfficiScan's local time, Europe/Paris.
* Products follow the doc's model: a *parent* (``has_variants`` true) has
  variants with ids of their own, and a variant (other than the default one,
  which shares the parent's EAN) is a product with its own EAN and snapshots,
  whose ``product_id`` is the variant's id. The doc names ``has_variants`` on
  products without showing where an answer carries it: here every snapshot
  carries it for its product (the one answer a client reads per product).
* ``GET /v1/products/{id}/variants`` (page, per_page): the variants of a parent;
  a product without variants gets an empty list; a variant's id (it is not a
  parent) and an unknown id get 404.
* A per-key rate limit of ``officiscan_rate`` requests per second (token
  bucket, burst of one second's worth) answers 429 with Retry-After.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from pricelookup.sandbox import data
from pricelookup.sandbox.common import INVALID_KEY, Context, json_response, parse_int
from pricelookup.sandbox.httpserver import Request, Response, split_path

SERVICE = "officiscan"
MAX_DAYS = 90
MAX_PER_PAGE = 100
_EAN = re.compile(r"\d{8,14}")
#: OfficiScan's local time: its times carry no zone
PARIS = ZoneInfo("Europe/Paris")


def _problem(status: int, code: str, message: str) -> Response:
    return json_response({"error": code, "message": message}, status)


@dataclass
class _Bucket:
    tokens: float
    stamp: float


@dataclass(frozen=True)
class _Product:
    """A product OfficiScan follows: a catalogue item (parent or plain) or one of its variants."""

    product_id: int
    ean13: str
    item: data.OfficiscanItem  # the catalogue item (the parent, for a variant)
    variant: int | None = None  # k of the parent's variant k, None for the item itself

    @property
    def has_variants(self) -> bool:
        return self.variant is None and self.item.variants > 0


def variant_id(item: data.OfficiscanItem, k: int) -> int:
    """The own id of variant ``k`` of a parent (ids of their own, as in the doc's model)."""
    return item.product_id * 100 + k + 1


def variant_ean(item: data.OfficiscanItem, k: int) -> str:
    """Variant ``k``'s EAN-13: the default variant (k = 0) shares the parent's."""
    return item.ean13 if k == 0 else data.make_code(item.ean13[:5], "variant", item.ean13, k)


class Officiscan:
    """The OfficiScan simulation; one per sandbox, used on the event loop only."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self._buckets: dict[str, _Bucket] = {}
        # variants_requests: answered variants requests; variants_not_parent: those asked with an id
        # that is no parent's (a variant's own id, or unknown): what a client should never send
        for name in ("requests", "faults_injected", "rate_limited", "variants_requests", "variants_not_parent"):
            ctx.count(SERVICE, name, 0)

    @functools.cached_property
    def _followed(self) -> tuple[dict[int, _Product], dict[str, _Product]]:
        """Every followed product, by id and by EAN-13: the catalogue's items and their variants (their
        own ids and EANs). Built on the first OfficiScan request, not at every sandbox's start (~10 ms)."""
        products = {o.product_id: _Product(o.product_id, o.ean13, o) for o in self.ctx.catalogue.officiscan}
        by_ean = {o.ean13: products[o.product_id] for o in self.ctx.catalogue.officiscan}
        for o in self.ctx.catalogue.officiscan:
            for k in range(o.variants):
                v = _Product(variant_id(o, k), variant_ean(o, k), o, k)
                products[v.product_id] = v
                by_ean.setdefault(v.ean13, v)  # the default variant's EAN is the parent's
        return products, by_ean

    @property
    def products(self) -> dict[int, _Product]:
        """The followed products by id."""
        return self._followed[0]

    @property
    def product_by_ean(self) -> dict[str, _Product]:
        """The followed products by EAN-13."""
        return self._followed[1]

    @staticmethod
    def read_only(method: str, path: str) -> bool:
        """Every OfficiScan endpoint only reads."""
        return True

    @staticmethod
    def creates_job(method: str, path: str) -> bool:
        """OfficiScan has no jobs."""
        return False

    def handle(self, req: Request, path: str, **_: object) -> Response:
        """Answer one request; ``path`` is relative to ``/officiscan``."""
        auth = req.header("authorization") or ""
        scheme, _sp, key = auth.partition(" ")
        key = key.strip()
        if scheme.lower() != "bearer" or not key or key == INVALID_KEY:
            return json_response({"error": "unauthenticated", "message": "Clé API manquante ou invalide."}, 401,
                                 headers=[("WWW-Authenticate", 'Bearer realm="officiscan"')])
        limited = self._rate_limit(key)
        if limited is not None:
            return limited
        parts = split_path(path)
        if req.method not in ("GET", "HEAD"):
            return _problem(405, "method_not_allowed", "Méthode non autorisée : utilisez GET.")
        if parts == ["v1", "snapshots"]:
            return self.snapshots(req)
        if len(parts) == 4 and parts[:2] == ["v1", "products"] and parts[3] == "variants":
            return self.variants(req, parts[2])
        return _problem(404, "not_found", "Ressource introuvable.")

    def _rate_limit(self, key: str) -> Response | None:
        rate = self.ctx.config.officiscan_rate
        burst = max(1.0, rate)
        now = self.ctx.monotonic()
        b = self._buckets.get(key)
        if b is None:
            b = self._buckets[key] = _Bucket(burst, now)
        b.tokens = min(burst, b.tokens + (now - b.stamp) * rate)
        b.stamp = now
        if b.tokens >= 1.0:
            b.tokens -= 1.0
            return None
        self.ctx.count(SERVICE, "rate_limited")
        wait = max(1, int(-(-(1.0 - b.tokens) // rate)))
        return json_response(
            {"error": "rate_limited", "message": f"Trop de requêtes : limite de {rate:g} requêtes par seconde."},
            429, headers=[("Retry-After", str(wait)), ("X-RateLimit-Limit", f"{rate:g}")])

    # --- endpoints ---

    @staticmethod
    def _int_param(req: Request, name: str, default: int, lo: int, hi: int | None) -> int | Response:
        try:
            value = parse_int(req.arg(name))
        except ValueError:
            return _problem(422, "invalid_parameter", f"Le paramètre {name} doit être un entier.")
        if value is None:
            return default
        if value < lo or (hi is not None and value > hi):
            rng = f"entre {lo} et {hi}" if hi is not None else f"supérieur ou égal à {lo}"
            return _problem(422, "invalid_parameter", f"Le paramètre {name} doit être compris {rng} (reçu : {value}).")
        return value

    def snapshots(self, req: Request) -> Response:
        """``GET /v1/snapshots``."""
        days = self._int_param(req, "days", 7, 1, MAX_DAYS)
        page = self._int_param(req, "page", 1, 1, None)
        per_page = self._int_param(req, "per_page", 50, 1, MAX_PER_PAGE)
        product_id = self._int_param(req, "product_id", 0, 1, None) if req.arg("product_id") else None
        for p in (days, page, per_page, product_id):
            if isinstance(p, Response):
                return p
        assert isinstance(days, int) and isinstance(page, int) and isinstance(per_page, int)
        ean = req.arg("ean")
        if ean is not None and not _EAN.fullmatch(ean):
            return _problem(422, "invalid_parameter", "Le paramètre ean doit être un code EAN de 8 à 14 chiffres.")
        network = req.arg("network") or None
        items = list(self.products.values())
        if ean is not None:
            hit = self.product_by_ean.get(ean)
            items = [hit] if hit else []
        if product_id is not None:
            items = [o for o in items if o.product_id == product_id]
        # OfficiScan's days are French days: its times are Paris local time (on the sandbox's day)
        now = self.ctx.now_in(PARIS)
        # enumerate (product, day, network) keys; build full records only for the page asked
        keys: list[tuple[_Product, int, int]] = []
        today = now.date().toordinal()
        for item in items:
            nets = [(net, 1 + data.stable_hash("every", item.ean13, net) % 3) for net in item.item.networks
                    if network is None or data.OFFICISCAN_NETWORKS[net][0] == network]
            for ago in range(days):
                for net, every in nets:
                    if (today - ago) % every == 0:
                        keys.append((item, ago, net))
        total = len(keys)
        start = (page - 1) * per_page
        page_data = [self._snapshot(item, ago, net, now) for item, ago, net in keys[start:start + per_page]]
        return json_response({
            "product_id": product_id, "ean": ean, "network": network, "days": days, "data": page_data,
            "total": total, "page": page, "per_page": per_page, "pages": max(1, -(-total // per_page)),
        })

    def _snapshot(self, item: _Product, ago: int, net: int, now: datetime) -> dict[str, object]:
        seed = self.ctx.config.seed
        network, source = data.OFFICISCAN_NETWORKS[net]
        day = now.date() - timedelta(days=ago)
        h = data.stable_hash("snap", item.ean13, network, day.toordinal(), seed)
        at = datetime(day.year, day.month, day.day, 6 + h % 14, (h >> 8) % 60, (h >> 16) % 60, tzinfo=PARIS)
        if at > now:  # today's collection time is still ahead: it happened a little earlier (that day)
            at = max((now - timedelta(minutes=1 + (h >> 24) % 30)).astimezone(PARIS),
                     datetime(day.year, day.month, day.day, tzinfo=PARIS))
        # the network's price that day, from the market every service shares (data.market_price)
        market = data.market_day(item.ean13, seed, network, day)
        original = market.original_cents
        in_stock = market.in_stock
        rated = (h >> 44) % 100 < 70
        position = 1 + (h >> 48) % 60
        return {
            "id": 5_000_000 + data.stable_hash("snap-id", item.product_id, net, day.toordinal()) % 90_000_000,
            "product_id": item.product_id,
            "ean13": item.ean13,
            # Paris wall time, without a zone, as the doc shows it
            "collected_at": at.strftime("%Y-%m-%dT%H:%M:%S"),
            "price": {"current": market.cents / 100, "original": None if original is None else original / 100,
                      "range": None, "currency": "EUR"},
            "stock": {"available": in_stock, "label": "En stock" if in_stock else "Rupture de stock"},
            "rating": {"value": round(3.0 + ((h >> 52) % 21) / 10, 1) if rated else None,
                       "count": 1 + (h >> 56) % 250 if rated else 0},
            "rank": {"position": position, "page": (position - 1) // 30 + 1, "page_size": 30},
            "promo": {"text": f"-{market.promo_pct}%", "slug": "promo-saison", "type": "percentage",
                      "badge": "Promotion", "loyalty": None} if market.promo_pct else None,
            "network": network,
            "source": source,
            "has_variants": item.has_variants,
        }

    def variants(self, req: Request, raw_id: str) -> Response:
        """``GET /v1/products/{id}/variants``."""
        try:
            product_id = parse_int(raw_id)
        except ValueError:
            product_id = None
        if product_id is None:
            return _problem(422, "invalid_parameter", "L'identifiant produit doit être un entier.")
        page = self._int_param(req, "page", 1, 1, None)
        per_page = self._int_param(req, "per_page", 50, 1, MAX_PER_PAGE)
        for p in (page, per_page):
            if isinstance(p, Response):
                return p
        assert isinstance(page, int) and isinstance(per_page, int)
        self.ctx.count(SERVICE, "variants_requests")
        product = self.products.get(product_id)
        if product is None or not product.has_variants:
            self.ctx.count(SERVICE, "variants_not_parent")
        if product is None:
            return _problem(404, "not_found", f"Produit {product_id} introuvable.")
        if product.variant is not None:
            return _problem(404, "not_found", f"Produit {product_id} : ce n'est pas un produit parent (variante du "
                                              f"produit {product.item.product_id}).")
        item = product.item
        variants = [self._variant(item, k) for k in range(item.variants)]
        start = (page - 1) * per_page
        return json_response({
            "product_id": product_id, "data": variants[start:start + per_page], "total": len(variants),
            "page": page, "per_page": per_page, "pages": max(1, -(-len(variants) // per_page)),
        })

    def _variant(self, item: data.OfficiscanItem, k: int) -> dict[str, object]:
        ean = variant_ean(item, k)
        info = data.product_info(ean) if k else data.product_info(item.ean13)
        h = data.stable_hash("variant", item.ean13, k)
        qty = (8, 16, 24, 30, 60)[h % 5]
        today = self.ctx.today()
        stamp = datetime(today.year, today.month, today.day, tzinfo=PARIS) - timedelta(hours=1 + (h >> 8) % 48)
        indexed = date(2023, 1, 1) + timedelta(days=(h >> 16) % 700)
        latest = data.market_day(ean, self.ctx.config.seed, "latest", today)  # its latest price, any network
        return {
            "id": variant_id(item, k),
            "ean13": ean,
            "ean7": ean[5:12] if ean.startswith("34009") else None,
            "brand": info.brand.lower(),
            "name": info.name if k == 0 else f"{item.name} ({qty})",
            "description": info.name,
            "currency": "EUR",
            "format": {"packaging": f"Boîte de {qty}", "quantity": str(qty), "unit": "unités"},
            "images": {"url": f"https://cdn.officiscan.example/img/{ean}.jpg"},
            "has_ean": True,
            "is_default": k == 0,
            "variation": {"type": "quantité", "value": str(qty)},
            "indexed_at": f"{indexed.isoformat()}T08:00:00",
            "last_collected_at": stamp.strftime("%Y-%m-%dT%H:%M:%S"),
            "latest": {"price": latest.cents / 100, "in_stock": latest.in_stock},
        }
