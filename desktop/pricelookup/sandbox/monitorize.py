"""Monitorize (competitor price watch), simulated from its doc, warts included.

* ``Apitoken`` header; a missing header or the key ``invalid`` get
  ``401 Erreur d'authentification`` (the doc's status line).
* GET and POST are both accepted everywhere by default, because the doc's own
  examples disagree (the endpoint lines say GET, the cURL examples send POST);
  a trailing slash is optional. Either reading can be made the only one:
  ``SandboxConfig(monitorize_method="get"|"post")`` (``pricelookup sandbox
  --monitorize-method``) answers ``405 Method Not Allowed`` (an HTML page, as
  a web server writes it) to the other method on the five ambiguous reads,
  and gives alerts and the feed GET only, ``product/add`` POST only.
* The doc's samples follow redirects and write ``api/product/add/`` and
  ``.../add`` alike: ``monitorize_trailing_slash="add"|"strip"`` answers the
  other spelling of a read's path with a redirect (``monitorize_redirect_status``,
  301 by default, an absolute ``Location`` on the same host), as a web server
  in front of PHP does. ``product/add`` is never redirected: the client
  refuses redirects on its one write.
* The doc announces that history will use the /list/ names:
  ``monitorize_history_fields="list"`` writes history points with ``stock``
  (the code, a number), ``stockLabel`` and ``promo`` (and numbers as numbers,
  ``prixBarre`` 0 for none) instead of ``stockT``, ``stock`` and ``promotion``.
* ``api/product/list/``, ``list/allOffers``, ``list/lowestOffers`` (the
  cheapest offer(s) not out of stock; ties all listed), ``history/{id}``,
  ``history-ref/{ref}``, ``product/add`` (name required, ref optional; the
  product then appears in the lists, not yet matched), ``api/alerts``,
  ``api/marketplaces/scripts/feed``.
* Numbers: floats in the lists (whole prices as ``150``, like the doc), but
  strings in history (``"63.69"``, ``"58"``, stockT ``"1"``) and in alerts;
  ``prixBarre`` is ``0`` for "none" in the lists and ``null`` in history;
  stock codes 1 in stock, 2 unknown, 3 out of stock.
* ``history-ref/{ref}`` takes your internal reference (the doc's URL template
  says ``ID_MONITORIZE_DU_PRODUIT`` there too, a copy-paste slip: the text
  says "selon votre référence interne"). The doc's history example ends with
  ``]`` after an object; the sandbox writes valid JSON.
* JSON is written as PHP's json_encode does (non-ASCII escaped as ``\\uXXXX``);
  an unmatched product's history is PHP's empty array ``[]``; an unknown id or
  ref answers 404.
* ``product/add`` answers ``1209{"id": 1221}``-style: text before the JSON
  object, as the doc's example shows (``Content-Type: text/html``, PHP's
  default). A client copes by reading from the first ``{``;
  ``SandboxConfig(monitorize_add_garbage=False)`` turns it off.
* Most products' ref is their EAN-13; some carry another internal reference,
  a few none.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pricelookup.sandbox import data
from pricelookup.sandbox.common import INVALID_KEY, Context, json_response, last, merged_params
from pricelookup.sandbox.httpserver import Request, Response, split_path

SERVICE = "monitorize"
_STOCK_LABELS = {1: "En stock", 2: "Inconnu", 3: "Rupture de stock"}
_TAGS = ("Prioritaire", "Concurrent direct", "Promo", "Parapharmacie", "Médicaments", "Top ventes")


@dataclass(frozen=True)
class _Product:
    id: int
    name: str
    ref: str | None
    ean13: str | None
    matched: bool


def _num(cents: int) -> int | float:
    """A price as PHP encodes a float: ``150`` when whole, ``79.99`` otherwise."""
    return cents // 100 if cents % 100 == 0 else cents / 100


def _num_str(cents: int) -> str:
    """A price as the history endpoints write it: ``"58"`` or ``"63.69"``."""
    return str(cents // 100) if cents % 100 == 0 else f"{cents // 100}.{cents % 100:02d}"


def _unauthorized() -> Response:
    return Response(401, b"Erreur d'authentification", "text/html; charset=UTF-8",
                    reason="Erreur d'authentification")


def _method_not_allowed(allow: str) -> Response:
    """405 as a web server or PHP framework writes it: an HTML page and the Allow header."""
    body = (b"<!DOCTYPE html><html><head><title>405 Method Not Allowed</title></head><body>"
            b"<h1>Method Not Allowed</h1><p>The requested method is not allowed for this URL.</p></body></html>")
    return Response(405, body, "text/html; charset=UTF-8", [("Allow", allow)])


def _ambiguous_read(p: list[str]) -> bool:
    """The five reads whose method the doc gives twice (GET on the endpoint line, POST in the sample)."""
    if p[:2] != ["api", "product"]:
        return False
    rest = p[2:]
    return rest in (["list"], ["list", "allOffers"], ["list", "lowestOffers"]) or (
        len(rest) == 2 and rest[0] in ("history", "history-ref"))


class Monitorize:
    """The Monitorize simulation; one per sandbox, used on the event loop only."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.products: list[_Product] = [
            _Product(m.id, m.name, m.ref, m.ean13, m.matched) for m in ctx.catalogue.monitorize]
        self.added: list[_Product] = []
        self._cache: dict[tuple[object, ...], Response] = {}
        for name in ("requests", "faults_injected", "products_added", "redirects", "methods_refused"):
            ctx.count(SERVICE, name, 0)

    @staticmethod
    def read_only(method: str, path: str) -> bool:
        """Everything but ``product/add`` only reads (whatever the method)."""
        return "/add" not in path

    @staticmethod
    def creates_job(method: str, path: str) -> bool:
        """Monitorize has no jobs."""
        return False

    def handle(self, req: Request, path: str, **_: object) -> Response:
        """Answer one request; ``path`` is relative to ``/monitorize``."""
        p = split_path(path)
        # the web server in front of PHP redirects before the application sees the key
        moved = self._slash_redirect(req, path, p)
        if moved is not None:
            return moved
        token = req.header("apitoken")
        if not token or token.strip() == INVALID_KEY:
            return _unauthorized()
        if req.method not in ("GET", "POST", "HEAD"):
            return _method_not_allowed("GET, POST")
        allowed = self._only_method(p)
        if allowed is not None and req.method != allowed and not (req.method == "HEAD" and allowed == "GET"):
            self.ctx.count(SERVICE, "methods_refused")
            return _method_not_allowed(allowed)
        if p[:2] == ["api", "product"]:
            rest = p[2:]
            if rest == ["list"]:
                return self._cached("list", lambda: [{"nom": x.name, "id": str(x.id), "ref": x.ref} for x in self._all()])
            if rest == ["list", "allOffers"]:
                return self._cached("all", lambda: [self._listing(x, lowest=False) for x in self._all()])
            if rest == ["list", "lowestOffers"]:
                return self._cached("lowest", lambda: [self._listing(x, lowest=True) for x in self._all()])
            if len(rest) == 2 and rest[0] == "history":
                return self._history(self._by_id(rest[1]))
            if len(rest) == 2 and rest[0] == "history-ref":
                return self._history(self._by_ref(rest[1]))
            if rest == ["add"]:
                return self._add(req)
        if p == ["api", "alerts"]:
            return self._cached("alerts", self._alerts)
        if p == ["api", "marketplaces", "scripts", "feed"]:
            return self._cached("feed", self._feed)
        return Response(404, b"<html><body><h1>404 Not Found</h1></body></html>", "text/html; charset=UTF-8")

    # --- the doc's two readings: one method only, one spelling only ---

    def _only_method(self, p: list[str]) -> str | None:
        """The one method path ``p`` accepts under ``monitorize_method`` (None: any, or no such path)."""
        mode = self.ctx.config.monitorize_method
        if mode == "any":
            return None
        if _ambiguous_read(p):
            return mode.upper()
        if p == ["api", "product", "add"]:
            return "POST"
        if p in (["api", "alerts"], ["api", "marketplaces", "scripts", "feed"]):
            return "GET"  # GET on its endpoint line and in its sample alike
        return None

    def _slash_redirect(self, req: Request, path: str, p: list[str]) -> Response | None:
        """A redirect to the configured spelling of a read's path, or None."""
        mode = self.ctx.config.monitorize_trailing_slash
        if mode == "optional" or not p or p[:3] == ["api", "product", "add"]:
            return None
        if (mode == "add") == path.endswith("/"):
            return None  # already spelled the configured way
        raw = req.raw_path
        target = raw + "/" if mode == "add" else raw.rstrip("/")
        if req.query_string:
            target += "?" + req.query_string
        host = req.header("host")
        location = f"http://{host}{target}" if host else target
        self.ctx.count(SERVICE, "redirects")
        body = (f"<html><head><title>Moved</title></head><body><h1>Moved</h1><p>The document has moved "
                f"<a href=\"{location}\">here</a>.</p></body></html>").encode()
        return Response(self.ctx.config.monitorize_redirect_status, body, "text/html; charset=iso-8859-1",
                        [("Location", location)])

    # --- catalogue ---

    def _all(self) -> list[_Product]:
        return self.products + self.added

    def _by_id(self, raw: str) -> _Product | None:
        if not raw.isdigit():
            return None
        pid = int(raw)
        if 1 <= pid <= len(self.products):
            return self.products[pid - 1]
        return next((x for x in self.added if x.id == pid), None)

    def _by_ref(self, ref: str) -> _Product | None:
        return next((x for x in self._all() if x.ref == ref), None)

    def _cached(self, name: str, build: object) -> Response:
        key = (name, self.ctx.config.seed, self.ctx.today(), len(self.added))
        hit = self._cache.get(key)
        if hit is None:
            self._cache = {k: v for k, v in self._cache.items() if k[1:] == key[1:]}
            hit = self._cache[key] = json_response(build(), ascii_only=True)  # type: ignore[operator]
        return Response(hit.status, hit.body, hit.content_type, list(hit.headers))

    # --- offers ---

    def _sites(self, ean13: str) -> list[str]:
        pool = data.MONITORIZE_PHARMACY_SITES if data.is_pharmacy(ean13) else data.MONITORIZE_GENERAL_SITES
        h = data.stable_hash("mon-sites", ean13)
        n = 1 + h % 6
        start = (h >> 8) % len(pool)
        sites = [pool[(start + 2 * i) % len(pool)] for i in range(n)]
        if ean13 in data.HOSTILE_CODES or (h >> 16) % 50 == 0:
            sites.append(data.MONITORIZE_HOSTILE_SITE)
        return list(dict.fromkeys(sites))

    def _offer(self, x: _Product, site: str, day: date) -> tuple[dict[str, object], int, int, int]:
        """The site's offer on ``day``, with its price, stock code and strike price (0: none) in cents."""
        assert x.ean13 is not None
        seed = self.ctx.config.seed
        # price, promotion and stock from the market every service shares (data.market_price)
        market = data.market_day(x.ean13, seed, site, day)
        cents = market.cents
        h = data.stable_hash("mon-offer", x.ean13, site, seed, day.toordinal() // 7)
        # an in-stock offer whose stock the scraper could not read, some weeks: "unknown"
        stock = 3 if not market.in_stock else 2 if h % 100 < 15 else 1
        promo = market.promo_pct > 0
        strike = market.regular_cents if promo else 0
        info_name = data.product_info(x.ean13).name
        title = info_name if (h >> 16) % 3 else info_name.upper()
        slug = "-".join(w for w in "".join(c if c.isalnum() else " " for c in info_name[:60].lower()).split())
        site_host = site if "." in site and site.isascii() and site.replace(".", "").replace("-", "").isalnum() \
            else "example.invalid"
        offer: dict[str, object] = {
            "site": site,
            "nom": title,
            "url": f"https://www.{site_host}/{slug or 'produit'}-{x.ean13[-6:]}",
            "prix": _num(cents),
            "stock": stock,
            "stockLabel": _STOCK_LABELS[stock],
            "promo": "Promotion" if promo else None,
            "prixBarre": _num(strike) if promo else 0,
        }
        return offer, cents, stock, strike

    def _listing(self, x: _Product, *, lowest: bool) -> dict[str, object]:
        offers: list[dict[str, object]] = []
        if x.matched and x.ean13 is not None:
            today = self.ctx.today()
            priced = [self._offer(x, s, today) for s in self._sites(x.ean13)]
            if lowest:
                available = [t for t in priced if t[2] != 3]  # out-of-stock offers are not returned
                if available:
                    best = min(t[1] for t in available)
                    offers = [t[0] for t in available if t[1] == best]
            else:
                offers = [t[0] for t in priced]
        return {"nom": x.name, "id": str(x.id), "ref": x.ref, "offers": offers}

    def _history(self, x: _Product | None) -> Response:
        if x is None:
            return json_response({"error": "Produit introuvable"}, 404, ascii_only=True)
        if not x.matched or x.ean13 is None:
            return json_response([], ascii_only=True)  # PHP's empty array
        today = self.ctx.today()
        out: dict[str, object] = {}
        for site in self._sites(x.ean13):
            first = today - timedelta(days=30 + data.stable_hash("first-seen", x.ean13, site) % 370)
            points: list[dict[str, object]] = []
            prev: tuple[object, ...] | None = None
            day = first
            while day <= today:
                offer, cents, stock, strike = self._offer(x, site, day)
                state = (cents, stock, offer["promo"], strike)
                if prev is None or state != prev or day == today:
                    points.append(self._history_point(day, cents, stock, offer["promo"], strike))
                    prev = state
                day += timedelta(days=1)
            first_offer = self._offer(x, site, today)[0]
            out[site] = {"idTab": site.split(".")[0], "nom": first_offer["nom"], "url": first_offer["url"],
                         "data": points}
        return json_response(out, ascii_only=True)

    def _history_point(self, day: date, cents: int, stock: int, promo: object, strike: int) -> dict[str, object]:
        if self.ctx.config.monitorize_history_fields == "list":
            # the names (and types) of the /list/ offers, which the doc says history will adopt
            return {"date": day.isoformat(), "prix": _num(cents), "stock": stock,
                    "stockLabel": _STOCK_LABELS[stock], "promo": promo, "prixBarre": _num(strike) if promo else 0}
        return {
            "date": day.isoformat(),
            "prix": _num_str(cents),
            "stock": _STOCK_LABELS[stock],
            "stockT": str(stock),
            "promotion": promo,
            "prixBarre": None if not promo else _num_str(strike),
        }

    # --- product/add, alerts, marketplaces ---

    def _add(self, req: Request) -> Response:
        params = merged_params(req)
        name = (last(params, "name") or "").strip()
        if not name:
            return json_response({"error": "Le champ name est obligatoire"}, 400, ascii_only=True)
        ref = (last(params, "ref") or "").strip() or None
        new_id = len(self.products) + 100 + len(self.added)
        self.added.append(_Product(new_id, name, ref, None, False))
        self.ctx.count(SERVICE, "products_added")
        if self.ctx.config.monitorize_add_garbage:
            body = f'{new_id - 12}{{\n"id": {new_id}\n}}'.encode()
            return Response(200, body, "text/html; charset=UTF-8")
        return json_response({"id": new_id}, ascii_only=True)

    def _matched_with_offers(self) -> list[_Product]:
        return [x for x in self.products if x.matched and x.ean13 is not None]

    def _alerts(self) -> list[dict[str, object]]:
        today = self.ctx.today()
        out: list[dict[str, object]] = []
        for x in self._matched_with_offers()[::60][:30]:
            assert x.ean13 is not None
            site = self._sites(x.ean13)[0]
            h = data.stable_hash("alert", x.ean13, self.ctx.config.seed)
            day = today - timedelta(days=h % 10)
            before, c1, s1, _strike1 = self._offer(x, site, day - timedelta(days=7))
            after, c2, s2, _strike2 = self._offer(x, site, day)
            if c1 == c2 and s1 == s2:
                c2 = c1 - 50 if c1 > 100 else c1 + 50
            out.append({
                "date": day.isoformat(), "nom": x.name, "site": site, "url": after["url"],
                "prix_1": _num_str(c1), "prix_2": _num_str(c2),
                "stock_1": _STOCK_LABELS[s1], "stock_2": _STOCK_LABELS[s2],
                "stockt_1": str(s1), "stockt_2": str(s2),
                "promo_1": before["promo"] or "", "promo_2": after["promo"] or "",
                "tags": [_TAGS[(h >> (8 * i)) % len(_TAGS)] for i in range(1 + (h >> 40) % 3)],
            })
        return out

    def _feed(self) -> list[dict[str, object]]:
        today = self.ctx.today()
        seed = self.ctx.config.seed
        out: list[dict[str, object]] = []
        for x in self._matched_with_offers()[:150]:
            assert x.ean13 is not None
            h = data.stable_hash("feed", x.ean13)
            row: dict[str, object] = {
                "product_name": x.name,
                # the doc types ref_interne as an integer: an EAN with a leading 0 loses it here
                "ref_interne": int(x.ref) if x.ref and x.ref.isdigit() else x.ref,
                "ref_prestashop": 10_000 + x.id,
                "product_url": f"https://www.ma-boutique.example/produit/{x.id}",
                "product_img": f"https://www.ma-boutique.example/img/{x.id}.jpg",
                "stock": h % 40,
            }
            for mp in ("amazon", "cdiscount", "manomano"):
                hm = data.stable_hash("feed-mp", x.ean13, mp)
                if hm % 3 == 0:
                    continue
                n = 1 + hm % 5
                offers = []
                for i in range(n):
                    cents = data.daily_price_cents(x.ean13, seed, f"{mp}-{i}", today)
                    offers.append({
                        "seller_name": f"Vendeur {1 + (hm >> (4 * i)) % 40}" if i else "Ma Boutique",
                        "seller_url": None if i % 2 else f"https://www.{mp}.fr/vendeur/{i}",
                        "price": _num(cents), "shipping_price": _num((0, 299, 490, 690)[(hm >> i) % 4]),
                        "shipping_delay": ("24h", "2-3 jours", "5-7 jours")[(hm >> (2 * i)) % 3],
                        "is_first": False, "scraped_on": f"{today.isoformat()} 0{(hm >> 3) % 9}:15:00",
                    })
                cheapest = min(range(n), key=lambda i: offers[i]["price"])  # type: ignore[arg-type, return-value]
                offers[cheapest]["is_first"] = True
                row[mp] = {"id": 1_000_000 + hm % 9_000_000, "url": f"https://www.{mp}.fr/p/{x.ean13}",
                           "offers_count": n, "active": True, "is_first": cheapest == 0, "offers": offers}
            out.append(row)
        return out
