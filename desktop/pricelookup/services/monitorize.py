"""Monitorize client: imported products, their offers, price history, alerts.

``Apitoken`` header; a bad key gets ``HTTP 401 Erreur d'authentification``.

Where the documentation is ambiguous, the client works either way:

* **GET or POST**: the endpoint lines of ``list/``, ``list/allOffers``,
  ``list/lowestOffers``, ``history/`` and ``history-ref/`` say GET, their cURL
  samples send POST. Each is read with the documented GET first; a 404, a 405
  or a "method not allowed" page is asked again with POST, and the method that
  worked is kept per endpoint for the rest of the client's life (one run) and
  logged once. Either way the call only reads, so it is retried like any read.
  ``api/alerts`` is GET in both places and ``product/add`` is a write: POST
  only, as documented, and never asked with another method.
* **Redirects**: the samples follow them (``CURLOPT_FOLLOWLOCATION``) and write
  ``api/product/add/`` and ``.../add`` alike. The reads follow up to
  :data:`MAX_REDIRECTS` redirects to the *same* scheme, host and port, keeping
  their method as cURL does with ``CURLOPT_CUSTOMREQUEST``; a redirect anywhere
  else is refused before anything is sent there, so the ``Apitoken`` header
  never leaves for another host or for plain HTTP. ``product/add`` follows none.
* **History field names**: the doc announces that ``history/`` and
  ``history-ref/`` will take the /list/ names (``stock`` the code,
  ``stockLabel``, ``promo``) instead of today's (``stockT``, ``stock`` the
  label, ``promotion``); both namings are read.
* **Slow whole-account lists**: ``list/allOffers`` and ``list/lowestOffers``
  answer for the whole account at once, unpaginated (the samples set no
  timeout at all), so they get :data:`FULL_LIST_READ_TIMEOUT` and
  :data:`FULL_LIST_DEADLINE` instead of the policy's 30 s / 180 s.

Warts handled as the documentation shows them:

* list offers carry prices as JSON numbers (parsed straight into Decimal) and
  ``prixBarre: 0`` meaning "no strike price" (-> None);
* history carries numbers as strings (``"63.69"``, ``"stockT": "1"``) and
  ``prixBarre: null``; its example object is closed with ``]``;
* ``product/add``'s example answer has stray text before the JSON
  (``1209{"id": 1221}``).
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Literal
from urllib.parse import quote

import httpx

from pricelookup.errors import BadResponseError, RequestRejectedError, ServiceError
from pricelookup.phrasing import QT_TRANSLATE_NOOP, phrase
from pricelookup.records import MonitorizeHistoryPoint, MonitorizeOffer, MonitorizeProduct
from pricelookup.redaction import redact
from pricelookup.services import decode
from pricelookup.services.client import NOT_JSON, ServiceClient
from pricelookup.services.http import HttpPolicy
from pricelookup.services.retry import Attempt
from pricelookup.services.wording import final_error

log = logging.getLogger(__name__)

Method = Literal["GET", "POST"]

# the words of Monitorize's own failures (templates: pricelookup.phrasing)
_NEITHER_METHOD = QT_TRANSLATE_NOOP(
    "Engine", "{path} refused both GET and POST (HTTP {get} and {post}); the API may have changed. Report it.")
_METHOD_PAGE = QT_TRANSLATE_NOOP(
    "Engine", "answered {path} with a web page saying the method is not allowed (HTTP {code}); the API may have "
    "changed. Report it.")
_REDIRECT_LOOP = QT_TRANSLATE_NOOP(
    "Engine", "{what} was redirected more than {most} times; check the Monitorize address in Settings.")
_REDIRECT_NOWHERE = QT_TRANSLATE_NOOP(
    "Engine", "{what} was redirected (HTTP {code}) without saying where; try again later, and report it if it "
    "persists.")
_REDIRECT_INVALID = QT_TRANSLATE_NOOP(
    "Engine", "{what} was redirected (HTTP {code}) to an address that is not valid; report it.")
_REDIRECT_REFUSED = QT_TRANSLATE_NOOP(
    "Engine", "{what} was redirected (HTTP {code}) to {where}: {why}; the redirect was not followed and the key was "
    "not sent. Check the Monitorize address in Settings, and report it if it persists.")
_PLAIN_HTTP = QT_TRANSLATE_NOOP("Engine", "plain HTTP, where the key would travel unencrypted")
_ANOTHER_ADDRESS = QT_TRANSLATE_NOOP("Engine", "another address, which must not receive the Monitorize key")
_NO_NAME = QT_TRANSLATE_NOOP("Engine", "a product needs a name; nothing was created.")
#: every template of this module's messages
TEMPLATES: tuple[str, ...] = (_NEITHER_METHOD, _METHOD_PAGE, _REDIRECT_LOOP, _REDIRECT_NOWHERE, _REDIRECT_INVALID,
                              _REDIRECT_REFUSED, _PLAIN_HTTP, _ANOTHER_ADDRESS, _NO_NAME)

#: Read timeout (seconds between bytes) of ``list/allOffers`` and ``list/lowestOffers``. They
#: answer for the whole account in one unpaginated body, and a PHP script typically builds the
#: whole JSON (json_encode, then echo) before it writes the first byte, so this wait covers the
#: server's whole work, not a pause mid-body: minutes for a large account. The doc's samples set no timeout at all
#: (``CURLOPT_TIMEOUT => 0``); ten minutes still ends a call to a server that hung.
FULL_LIST_READ_TIMEOUT = 600.0
#: The whole call's deadline for those two lists, retries included: room for one full wait, one
#: retry after a dropped connection and the backoff between (the policy's 180 s would cut the
#: first wait short).
FULL_LIST_DEADLINE = 1500.0
#: Redirects followed per read: the doc's samples allow 10; a trailing-slash hop (or a moved
#: path) needs one or two, so more than 5 is a loop.
MAX_REDIRECTS = 5
_REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})

# --- tolerant decoding and parsing (pure) --------------------------------------------------------


def loads_tolerant(data: bytes) -> Any:
    """JSON as Monitorize sends it: strict first, then the documented warts repaired.

    Repairs: stray text before the first ``{``/``[`` (``1209{...}``), and an
    object closed with ``]`` (the history example). Raises ValueError when the
    text is still not JSON after that.
    """
    try:
        return decode.loads(data)
    except ValueError:
        pass
    text = data.decode("utf-8", errors="replace").strip()
    starts = [i for i in (text.find("{"), text.find("[")) if i >= 0]
    if not starts:
        raise ValueError("no JSON value in the answer")
    text = text[min(starts):]
    decoder = json.JSONDecoder(parse_float=Decimal, parse_constant=lambda _c: None)
    try:
        value, _end = decoder.raw_decode(text)  # ignores trailing garbage after a complete value
        return value
    except ValueError:
        pass
    if text.startswith("{") and text.endswith("]"):
        return decode.loads(text[:-1] + "}")
    raise ValueError("not JSON")


def _strike_price(value: object) -> Decimal | None:
    # 0 (lists) and null (history) both mean "no strike price"
    price = decode.to_decimal(value)
    return None if price is None or price == 0 else price


def parse_offer(raw: Any) -> MonitorizeOffer:
    """One site's offer from ``list/allOffers`` or ``list/lowestOffers``."""
    o = decode.as_dict(raw)
    return MonitorizeOffer(
        site=decode.to_str(o.get("site")) or "",
        name=decode.to_str(o.get("nom")),
        url=decode.to_str(o.get("url")),
        price=decode.to_decimal(o.get("prix")),
        stock=decode.to_int(o.get("stock")),
        stock_label=decode.to_str(o.get("stockLabel")),
        promo=decode.to_str(o.get("promo")) or None,
        strike_price=_strike_price(o.get("prixBarre")),
    )


def parse_product(raw: Any) -> MonitorizeProduct | None:
    """One imported product (None without an id)."""
    p = decode.as_dict(raw)
    pid = decode.to_str(p.get("id"))
    if not pid:
        return None
    return MonitorizeProduct(
        id=pid,
        name=decode.to_str(p.get("nom")) or "",
        ref=decode.to_str(p.get("ref")) or None,
        offers=tuple(parse_offer(o) for o in decode.as_list(p.get("offers"))),
    )


def _history_stock(d: dict[str, Any]) -> tuple[int | None, str | None]:
    """(stock code, stock label) of a history point, under either naming.

    Today: ``stockT`` is the code and ``stock`` the label. Announced (the /list/ names):
    ``stock`` is the code and ``stockLabel`` the label. Read by the old name alone, a
    renamed point would lose its code and show the code as its label ("1").
    """
    stock = d.get("stock")
    if "stockT" in d:
        label = d.get("stockLabel") if "stockLabel" in d else stock
        return decode.to_int(d.get("stockT")), decode.to_str(label)
    if "stockLabel" in d:
        return decode.to_int(stock), decode.to_str(d.get("stockLabel"))
    # neither companion: a number is the code (the list naming), anything else the label
    code = decode.to_int(stock)
    return (code, None) if code is not None else (None, decode.to_str(stock))


def parse_history_point(site: str, raw: Any) -> MonitorizeHistoryPoint | None:
    """One dated point of one site's history (None without a readable date).

    Reads today's names (``stockT``, ``stock``, ``promotion``) and the /list/ names the doc
    announces for history (``stock``, ``stockLabel``, ``promo``) alike.
    """
    d = decode.as_dict(raw)
    day = decode.to_date(d.get("date"))
    if day is None:
        return None
    code, label = _history_stock(d)
    return MonitorizeHistoryPoint(
        site=site,
        date=day,
        price=decode.to_decimal(d.get("prix")),
        stock=code,
        stock_label=label,
        promo=decode.to_str(d.get("promotion")) or decode.to_str(d.get("promo")) or None,
        strike_price=_strike_price(d.get("prixBarre")),
    )


def parse_history(body: Any) -> list[MonitorizeHistoryPoint]:
    """``{site: {idTab, nom, url, data: [{date, prix, stockT, stock, promotion, prixBarre}]}}`` -> points.

    Ordered by site as sent, then by date. An empty history may come as ``[]``. The points
    may also carry the /list/ names (see :func:`parse_history_point`).
    """
    if isinstance(body, list) and not body:
        return []
    if not isinstance(body, dict):
        raise ValueError("history is not an object")
    points: list[MonitorizeHistoryPoint] = []
    for site, entry in body.items():
        e = decode.as_dict(entry)
        site_points = [pt for pt in (parse_history_point(str(site), raw) for raw in decode.as_list(e.get("data")))
                       if pt is not None]
        site_points.sort(key=lambda p: p.date)
        points.extend(site_points)
    return points


def refuses_method(response: httpx.Response) -> bool:
    """True when ``response`` says the method was wrong rather than the request: 404 or 405 (a
    route missing for this method looks like a missing page), or a page saying "method not
    allowed" (a framework or firewall's own status: 400, 403, even 200)."""
    status = response.status_code
    if status in (404, 405):
        return True
    if status in (401, 407, 408, 429) or not (200 <= status < 300 or 400 <= status < 500):
        return False  # the key, a proxy, or "ask again later": not about the method
    head = response.content[:4096].lower()
    if 200 <= status < 300 and not head.lstrip().startswith(b"<"):
        return False  # a 2xx answer with data is data, whatever words a product name holds
    return b"method not allowed" in head


class _Redirected(ServiceError):
    """Internal: a read was answered with a redirect; :meth:`MonitorizeClient._follow` decides."""

    def __init__(self, service: str, response: httpx.Response) -> None:
        super().__init__(service, f"redirected (HTTP {response.status_code})")
        self.response = response


class _MethodRefused(ServiceError):
    """Internal: a read's method looks refused; ``error`` is what the call ends with if the other
    method does not help. ``method_only``: the answer was about the method (405, a "not allowed"
    page), not a 404 that may mean the product is unknown."""

    def __init__(self, service: str, status: int, error: ServiceError, *, method_only: bool) -> None:
        super().__init__(service, f"the method looks refused (HTTP {status})")
        self.status = status
        self.error = error
        self.method_only = method_only


class MonitorizeClient(ServiceClient):
    """Async client of the Monitorize API (``https://www.monitorize.fr``).

    One instance per run: it remembers, per endpoint, whether GET or POST worked.
    """

    service_id = "monitorize"

    def __init__(self, base_url: str, key: str, *, transport: httpx.AsyncBaseTransport | None = None,
                 policy: HttpPolicy | None = None, full_list_read_timeout: float = FULL_LIST_READ_TIMEOUT,
                 full_list_deadline: float = FULL_LIST_DEADLINE) -> None:
        """``full_list_*``: the read timeout and deadline of ``list/allOffers`` and ``list/lowestOffers``
        (see :data:`FULL_LIST_READ_TIMEOUT`; tests make them short)."""
        super().__init__(base_url, key, transport=transport, policy=policy)
        self.full_list_read_timeout = full_list_read_timeout
        self.full_list_deadline = full_list_deadline
        #: endpoint (e.g. "api/product/list/allOffers") -> the method that worked for it
        self.methods: dict[str, Method] = {}

    def _auth_headers(self) -> dict[str, str]:
        return {"Apitoken": self._require_key()}

    # --- reads: GET or POST, redirects on the same host, long waits for the full lists --------

    def _full_list_timeout(self) -> httpx.Timeout:
        t = self.policy.timeout
        return httpx.Timeout(connect=t.connect, read=self.full_list_read_timeout, write=t.write, pool=t.pool)

    async def _read(self, endpoint: str, path: str, *, full_list: bool = False) -> Any:
        """The decoded answer of a read whose method the doc leaves open (GET, else POST).

        ``endpoint`` names the endpoint whatever the id in ``path``: the method learnt for
        ``history/1`` is used for ``history/2``.
        """
        known = self.methods.get(endpoint)
        if known is not None:
            response = await self._follow(known, path, full_list=full_list)
            return self._decode(response, path)
        try:
            response = await self._follow("GET", path, full_list=full_list, watch_method=True)
        except _MethodRefused as on_get:
            try:
                response = await self._follow("POST", path, full_list=full_list, watch_method=True)
            except _MethodRefused as on_post:
                raise self._neither(endpoint, path, on_get, on_post) from None
            self._learn(endpoint, "POST", refused=on_get.status)
        else:
            self._learn(endpoint, "GET")
        return self._decode(response, path)

    def _neither(self, endpoint: str, path: str, on_get: _MethodRefused, on_post: _MethodRefused) -> ServiceError:
        """The error of a read that GET and POST both did not get an answer to."""
        if on_get.method_only and on_post.method_only:
            return RequestRejectedError(self.info.name, phrase(_NEITHER_METHOD, path=path, get=str(on_get.status),
                                                               post=str(on_post.status)))
        if on_get.method_only:  # GET is not the way; POST reached it and says "not found"
            self._learn(endpoint, "POST", refused=on_get.status)
            return on_post.error
        if on_post.method_only:  # POST is not the way; GET's 404 is the real answer
            self._learn(endpoint, "GET")
            return on_get.error
        return on_post.error  # 404 both ways: nothing learnt, the product is not there

    def _learn(self, endpoint: str, method: Method, *, refused: int | None = None) -> None:
        if endpoint in self.methods:
            return  # concurrent calls may learn it together: logged once
        self.methods[endpoint] = method
        if refused is None:
            log.info("Monitorize %s answers GET, as documented; GET is used for it in this run.", endpoint)
        else:
            log.info("Monitorize %s refused GET (HTTP %d) and answers POST, as the doc's samples send it; "
                     "POST is used for it in this run.", endpoint, refused)

    async def _follow(self, method: Method, path: str, *, full_list: bool = False,
                      watch_method: bool = False) -> httpx.Response:
        """Send one read, following redirects on the same origin with the same method.

        ``watch_method``: a refused-looking answer (:func:`refuses_method`) raises
        :class:`_MethodRefused` instead of its usual error, for :meth:`_read` to try the other method.
        """
        url = httpx.URL(self.url(path))
        timeout = self._full_list_timeout() if full_list else httpx.USE_CLIENT_DEFAULT
        deadline = self.full_list_deadline if full_list else None
        classify = self._read_classifier(watch_method)
        for _hop in range(MAX_REDIRECTS + 1):
            request = self._http.build_request(method, url, headers=self._auth_headers(), timeout=timeout)
            try:
                # a read, whatever its method: asking again changes nothing on the server
                response = await self.policy.send(self._http, request, service=self.info, idempotent=True,
                                                  classify=classify, secrets=(self._key,), call_deadline=deadline)
            except _Redirected as moved:
                url = self._redirect_target(request, moved.response)
                continue
            if watch_method and refuses_method(response):  # a 2xx "method not allowed" page
                raise _MethodRefused(self.info.name, response.status_code, BadResponseError(
                    self.info.name, phrase(_METHOD_PAGE, path=path, code=str(response.status_code))),
                    method_only=True)
            return response
        raise BadResponseError(self.info.name, phrase(_REDIRECT_LOOP, what=f"{method} {path}", most=f"{MAX_REDIRECTS}"))

    def _read_classifier(self, watch_method: bool) -> Callable[[httpx.Response], ServiceError | None]:
        def classify(response: httpx.Response) -> ServiceError | None:
            status = response.status_code
            if status in _REDIRECT_STATUSES:
                return _Redirected(self.info.name, response)
            if watch_method and refuses_method(response):
                error = final_error(self.info, response.request, Attempt(1, True, response),
                                    read_timeout=self.policy.timeout.read or 0.0, secrets=(self._key,))
                return _MethodRefused(self.info.name, status, error, method_only=status != 404)
            return None

        return classify

    def _redirect_target(self, request: httpx.Request, response: httpx.Response) -> httpx.URL:
        """Where a redirect of ``request`` leads, if it stays on the same scheme, host and port.

        Anything else is refused *before* a request goes there: the ``Apitoken`` header would go
        with it, to a host that is not Monitorize or over plain HTTP.
        """
        what = f"{request.method} {request.url.path}"
        status = response.status_code
        location = response.headers.get("location", "").strip()
        if not location:
            raise BadResponseError(self.info.name, phrase(_REDIRECT_NOWHERE, what=what, code=str(status)))
        try:
            target = request.url.join(location)
        except (httpx.InvalidURL, ValueError):
            raise BadResponseError(self.info.name, phrase(_REDIRECT_INVALID, what=what, code=str(status))) from None
        here = (request.url.scheme, request.url.host, request.url.port)
        if (target.scheme, target.host, target.port) != here:
            port = f":{target.port}" if target.port else ""
            where = redact(f"{target.scheme}://{target.host}{port}", (self._key,))  # server text
            why = (_PLAIN_HTTP if target.scheme != request.url.scheme and request.url.scheme == "https"
                   else _ANOTHER_ADDRESS)
            raise BadResponseError(self.info.name, phrase(_REDIRECT_REFUSED, what=what, code=str(status), where=where,
                                                          why=phrase(why)))
        return target

    def _decode(self, response: httpx.Response, path: str) -> Any:
        # Monitorize (PHP) labels some JSON answers text/html, so sniff the body, not the header
        if response.content.lstrip()[:1] == b"<":
            return super()._decode(response, path)  # raises the plain-words "web page" error
        try:
            return loads_tolerant(response.content)
        except ValueError:
            raise BadResponseError("Monitorize", phrase(NOT_JSON, path=path, code=str(response.status_code))) from None

    async def _product_list(self, path: str, *, full_list: bool = False) -> list[MonitorizeProduct]:
        body = await self._read(path.lstrip("/"), path, full_list=full_list)
        if not isinstance(body, list):
            raise self._shape_error(path, "a list of products")
        return [p for p in (parse_product(r) for r in body) if p is not None]

    async def products(self) -> list[MonitorizeProduct]:
        """``api/product/list/``: imported products (name, id, ref), without offers.

        The whole account too, but three short fields per product: the policy's timeouts.
        """
        return await self._product_list("/api/product/list/")

    async def all_offers(self) -> list[MonitorizeProduct]:
        """``api/product/list/allOffers``: every product with every site's offer (a long wait, see
        :data:`FULL_LIST_READ_TIMEOUT`)."""
        return await self._product_list("/api/product/list/allOffers", full_list=True)

    async def lowest_offers(self) -> list[MonitorizeProduct]:
        """``api/product/list/lowestOffers``: each product's cheapest in-stock offer(s) (a long wait,
        see :data:`FULL_LIST_READ_TIMEOUT`)."""
        return await self._product_list("/api/product/list/lowestOffers", full_list=True)

    async def _history(self, endpoint: str, path: str) -> list[MonitorizeHistoryPoint]:
        body = await self._read(endpoint, path)
        try:
            return parse_history(body)
        except ValueError:
            raise self._shape_error(path, "an object of sites with dated prices") from None

    async def history(self, product_id: str) -> list[MonitorizeHistoryPoint]:
        """``api/product/history/{id}``: price movements per site, by Monitorize id."""
        return await self._history("api/product/history/{id}",
                                   f"/api/product/history/{quote(str(product_id), safe='')}")

    async def history_ref(self, ref: str) -> list[MonitorizeHistoryPoint]:
        """``api/product/history-ref/{ref}``: the same, by your own reference (usually the EAN)."""
        return await self._history("api/product/history-ref/{ref}",
                                   f"/api/product/history-ref/{quote(str(ref), safe='')}")

    async def add_product(self, name: str, ref: str | None = None) -> str:
        """``api/product/add``: create a product to match; returns its Monitorize id.

        Not idempotent (a repeat would create a second product): retried only
        when it certainly was not sent or Monitorize answered 429/5xx. A write: POST
        only, as documented, never asked again with GET, and no redirect is followed
        (a redirected POST may lose its form, or create the product twice).
        """
        if not name.strip():
            raise RequestRejectedError("Monitorize", phrase(_NO_NAME))
        path = "/api/product/add"
        form = {"name": name} | ({"ref": ref} if ref else {})
        response = await self._request("POST", path, data=form, idempotent=False)
        body = self._decode(response, path)
        pid = decode.to_str(decode.as_dict(body).get("id"))
        if not pid:
            raise self._shape_error(path, "an object with the new product's id")
        return pid

    async def alerts(self) -> list[dict[str, Any]]:
        """``api/alerts``: the account's alerts as sent (prices as Decimal where numeric).

        GET on its endpoint line and in its sample alike: no POST fallback; redirects followed.
        """
        path = "/api/alerts"
        body = self._decode(await self._follow("GET", path), path)
        if isinstance(body, dict) and not body:
            return []
        if not isinstance(body, list):
            raise self._shape_error(path, "a list of alerts")
        return [decode.as_dict(a) for a in body if isinstance(a, dict)]
