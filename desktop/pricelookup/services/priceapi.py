"""PriceAPI client: bulk jobs (create, status, JSON results) and credit usage.

The token travels as a ``token`` parameter (form field for ``POST /jobs``,
query string otherwise), as the PriceAPI documentation says; the shared policy
keeps it out of every message, and the log filter out of every log line.

Request-level errors arrive as ``{"success": false, "reason": "..."}`` (with
whatever HTTP status); they map to the error hierarchy below. Product-level
failures (``not found``, ``invalid value``...) are not errors: they stay on
their :class:`~pricelookup.records.PriceApiProduct` with ``success=False``.

The HTTP status decides before the body: a 429 or 5xx carrying that body is
"busy, ask again later" (the retry and Retry-After rules of the shared policy),
with the body's reason quoted in the message if it persists; PriceAPI's own
site answers 429 ``{"success": false, "reason": "Job creation limit exceeded"}``.

``POST /jobs`` costs credits and is not idempotent: it is retried only when the
request certainly never reached PriceAPI, when PriceAPI answered 429, or a 5xx
with its own error body (it declined the job). After a timeout or reset once it
was sent, a bare 5xx (a gateway's 504 may come after the job was created), or
an error answer that carries a ``job_id`` (the job exists after all),
:class:`JobSubmissionUncertain` is raised with the values, and nothing is sent
again.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from decimal import Decimal
from operator import itemgetter
from typing import Any, get_args
from urllib.parse import quote

import httpx

from pricelookup.errors import (
    AuthenticationError,
    BadResponseError,
    NotFoundError,
    QuotaExceededError,
    RequestRejectedError,
    ServiceError,
    ServiceUnavailableError,
    UncertainOutcomeError,
)
from pricelookup.phrasing import QT_TRANSLATE_NOOP, Phrase, phrase
from pricelookup.records import (
    JobStatus,
    PriceApiJob,
    PriceApiOffer,
    PriceApiProduct,
    PriceApiResults,
    PriceApiUsage,
)
from pricelookup.redaction import redact
from pricelookup.services import decode
from pricelookup.services.client import SHAPE, ServiceClient
from pricelookup.services.http import HttpPolicy

#: PriceAPI's documented limit of values per bulk job
MAX_VALUES_PER_JOB = 1000

# the words of PriceAPI's own failures (templates: pricelookup.phrasing)
_UNAUTHORIZED = QT_TRANSLATE_NOOP("Engine", "the token was refused (unauthorized); check it in Settings > Keys "
                                  "(or {env}).")
_DAILY_QUOTA = QT_TRANSLATE_NOOP(
    "Engine", "the daily quota is used up (daily quota exceeded); raise it under Quota settings on the PriceAPI "
    "dashboard, or resume the run tomorrow (--resume).")
_NO_FREE_CREDITS = QT_TRANSLATE_NOOP(
    "Engine", "no free credits are left (not enough free credits); a paid PriceAPI subscription is needed.")
_JOB_NOT_FOUND = QT_TRANSLATE_NOOP(
    "Engine", "{what}: the job does not exist for this token (job not found); it may belong to another account "
    "or have expired.")
_JOB_NOT_FINISHED = QT_TRANSLATE_NOOP(
    "Engine", "{what}: the job is still in progress (job not finished); wait until its status is finished.")
_NOT_FOUND = QT_TRANSLATE_NOOP("Engine", "{what} does not exist (not found); check the PriceAPI address in Settings.")
_DISABLED = {
    "source disabled": QT_TRANSLATE_NOOP(
        "Engine", "{what}: PriceAPI has temporarily disabled this source (source disabled); try again later or "
        "choose another source/country."),
    "key disabled": QT_TRANSLATE_NOOP(
        "Engine", "{what}: PriceAPI has temporarily disabled this key (key disabled); try again later or choose "
        "another source/country."),
    "value disabled": QT_TRANSLATE_NOOP(
        "Engine", "{what}: PriceAPI has temporarily disabled this value (value disabled); try again later or "
        "choose another source/country."),
}
_REJECTED = QT_TRANSLATE_NOOP(
    "Engine", "{what}: the request was rejected ({reason}); check the source, country and key settings.")
_REFUSED = QT_TRANSLATE_NOOP("Engine", "{what}: the request was refused ({reason}).")
_ANSWERED_WITH_JOB = QT_TRANSLATE_NOOP("Engine", "{what}: answered HTTP {code} with a job id")
_ANSWERED_NAMING_JOB = QT_TRANSLATE_NOOP("Engine", "it answered HTTP {code} naming a job")
_NO_VALUES = QT_TRANSLATE_NOOP("Engine", "a job needs at least one value; nothing was submitted.")
_TOO_MANY_VALUES = QT_TRANSLATE_NOOP(
    "Engine", "a job takes at most {most} values ({n} given); split the values into several jobs.")
_LINE_BREAK = QT_TRANSLATE_NOOP(
    "Engine", "a value contains a line break, which PriceAPI uses to separate values; nothing was submitted.")
#: one value, several values
_SENT_UNKNOWN = (
    QT_TRANSLATE_NOOP(
        "Engine", "a job of 1 value was sent but whether it was created is unknown ({detail}). It may have been "
        "created and will be charged when it finishes, so it was not sent again. Resume the run (--resume) to "
        "reconcile it; do not resubmit these values by hand."),
    QT_TRANSLATE_NOOP(
        "Engine", "a job of {n} values was sent but whether it was created is unknown ({detail}). It may have been "
        "created and will be charged when it finishes, so it was not sent again. Resume the run (--resume) to "
        "reconcile it; do not resubmit these values by hand."),
)
#: every template of this module's messages
TEMPLATES: tuple[str, ...] = (
    _UNAUTHORIZED, _DAILY_QUOTA, _NO_FREE_CREDITS, _JOB_NOT_FOUND, _JOB_NOT_FINISHED, _NOT_FOUND, *_DISABLED.values(),
    _REJECTED, _REFUSED, _ANSWERED_WITH_JOB, _ANSWERED_NAMING_JOB, _NO_VALUES, _TOO_MANY_VALUES, _LINE_BREAK,
    *_SENT_UNKNOWN,
)

_JOB_STATUSES: frozenset[str] = frozenset(get_args(JobStatus))


class JobSubmissionUncertain(UncertainOutcomeError):
    """``POST /jobs`` failed after it was sent: the job may exist (and be paid for).

    It was *not* sent again. ``values`` (and source, country, key) say which job
    it was, so the run's journal can reconcile instead of paying twice.
    """

    def __init__(self, service: str, message: str | Phrase, *, values: Sequence[str], source: str, country: str,
                 key: str, detail: str | Phrase = "") -> None:
        super().__init__(service, message, detail=detail)
        self.values = tuple(values)
        self.source = source
        self.country = country
        self.key = key


class JobNotFinished(ServiceError):
    """Results were asked for a job that is still working: poll its status and ask again."""


class SourceDisabledError(ServiceUnavailableError):
    """PriceAPI disabled the source, key or value for a while: try again later."""


def priceapi_error(reason: object, *, what: str, secrets: Sequence[str] = ()) -> ServiceError | None:
    """The error for a request-level ``reason`` (``None`` if ``reason`` is not a known error).

    ``reason`` is server text and may echo the token ("unsupported source for token
    ..."): ``secrets`` (and any token pattern) are redacted from it *before* it is
    lower-cased or cut, since redacting the transformed text would miss them.
    """
    name = "PriceAPI"
    if not isinstance(reason, str):
        return None
    said = " ".join(redact(reason, secrets).split())
    what = redact(what, secrets)  # a redirected path is server text too
    r = said.lower()
    if r == "unauthorized":
        return AuthenticationError(name, phrase(_UNAUTHORIZED, env="PRICELOOKUP_PRICEAPI_TOKEN"))
    if r == "daily quota exceeded":
        return QuotaExceededError(name, phrase(_DAILY_QUOTA))
    if r == "not enough free credits":
        return QuotaExceededError(name, phrase(_NO_FREE_CREDITS))
    if r == "job not found":
        return NotFoundError(name, phrase(_JOB_NOT_FOUND, what=what))
    if r == "job not finished":
        return JobNotFinished(name, phrase(_JOB_NOT_FINISHED, what=what))
    if r == "not found":
        return NotFoundError(name, phrase(_NOT_FOUND, what=what))
    if r in _DISABLED:
        return SourceDisabledError(name, phrase(_DISABLED[r], what=what))
    if r in ("missing parameter", "parameter value invalid", "unsupported source", "unsupported country",
             "unsupported key", "too many values"):
        return RequestRejectedError(name, phrase(_REJECTED, what=what, reason=r))
    return RequestRejectedError(name, phrase(_REFUSED, what=what, reason=_short(said)))


def _short(text: str, limit: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _request_error(body: Any, *, what: str, secrets: Sequence[str] = ()) -> ServiceError | None:
    """PriceAPI's ``{"success": false, "reason": ...}`` as an error, else None (``secrets`` redacted)."""
    if isinstance(body, dict) and body.get("success") is False and "reason" in body and "products" not in body:
        return priceapi_error(body.get("reason"), what=what, secrets=secrets)
    return None


# --- parsing (pure) ---------------------------------------------------------------------------


def parse_job(body: Any, *, path: str, secrets: Sequence[str] = ()) -> PriceApiJob:
    """``{job_id, status, requested, completed, progress}`` -> :class:`PriceApiJob`.

    An unknown status is quoted in the error with ``secrets`` redacted first: cut to 30
    characters, an echoed key would no longer match the redaction, and half a key would leak.
    """
    if not isinstance(body, dict) or not decode.to_str(body.get("job_id")):
        raise _shape(path, "a job with a job_id")
    status = decode.to_str(body.get("status")) or ""
    if status not in _JOB_STATUSES:
        raise _shape(path, f"a known job status, got {_short(redact(status, secrets), 30)!r}")
    return PriceApiJob(
        job_id=decode.to_str(body["job_id"]) or "",
        status=status,  # type: ignore[arg-type]  # checked against JobStatus above
        requested=decode.to_int(body.get("requested")) or 0,
        completed=decode.to_int(body.get("completed")) or 0,
        progress=max(0, min(100, decode.to_int(body.get("progress")) or 0)),
    )


def parse_offer(raw: Any) -> PriceApiOffer:
    """One offer; prices from PriceAPI's strings into exact Decimals."""
    return _parse_offer(raw, {})


def parse_product(raw: Any) -> PriceApiProduct:
    """One product of a job's results; unknown fields are ignored, nothing is invented."""
    return _parse_product(raw, {})


# The parsers below are the hot path of a download (1,000 products, ~5,000 offers per job): what
# PriceAPI normally sends (str or null text, str prices, int numbers) is taken as is, without a
# helper call per field, and anything else goes through the tolerant ``decode`` helpers, so the
# result is the same as decoding every field with them. ``money`` memoizes price strings within
# one download (Decimals are immutable; shipping costs and many prices repeat). Records are built
# by their own constructors, by field name, so the order of their fields in
# :mod:`pricelookup.records` does not matter here. Their frozen __init__ is about half of the ~30 ms
# a download takes to parse; the run benchmark (100 jobs) stays within 1.15x its critical path.

#: the fields of an offer in PriceAPI's JSON (the record's own names)
_OFFER_FIELDS = ("shop_name", "price", "price_with_shipping", "shipping_costs", "currency", "url", "name",
                 "availability_code", "availability_text", "position", "position_with_shipping")
_offer_fields = itemgetter(*_OFFER_FIELDS)
_to_str = decode.to_str
_to_int = decode.to_int
_to_decimal = decode.to_decimal


def _money(value: Any, memo: dict[str, Decimal | None]) -> Decimal | None:
    """:func:`decode.to_decimal`, remembered per price string in ``memo``."""
    if value.__class__ is str:
        try:
            return memo[value]
        except KeyError:
            result = memo[value] = _to_decimal(value)
            return result
    return None if value is None else _to_decimal(value)


def _parse_offer(raw: Any, money: dict[str, Decimal | None]) -> PriceApiOffer:
    if raw.__class__ is dict:
        try:
            fields = _offer_fields(raw)  # all eleven in one call: PriceAPI sends every field
        except KeyError:
            fields = map(raw.get, _OFFER_FIELDS)
    else:
        fields = map(decode.as_dict(raw).get, _OFFER_FIELDS)
    shop, price, with_shipping, shipping, currency, url, name, a_code, a_text, pos, pos_ship = fields
    return PriceApiOffer(
        shop_name=shop if shop.__class__ is str or shop is None else _to_str(shop),
        price=_money(price, money),
        price_with_shipping=_money(with_shipping, money),
        shipping_costs=_money(shipping, money),
        currency=currency if currency.__class__ is str or currency is None else _to_str(currency),
        url=url if url.__class__ is str or url is None else _to_str(url),
        name=name if name.__class__ is str or name is None else _to_str(name),
        availability_code=a_code if a_code.__class__ is str or a_code is None else _to_str(a_code),
        availability_text=a_text if a_text.__class__ is str or a_text is None else _to_str(a_text),
        position=pos if pos.__class__ is int or pos is None else _to_int(pos),
        position_with_shipping=pos_ship if pos_ship.__class__ is int or pos_ship is None else _to_int(pos_ship),
    )


def _parse_product(raw: Any, money: dict[str, Decimal | None]) -> PriceApiProduct:
    p = raw if raw.__class__ is dict else decode.as_dict(raw)
    get = p.get
    rating = get("review_rating")
    if rating.__class__ is not int:
        rating = _to_int(rating)
    count = get("review_count")
    if count.__class__ is not int:
        count = _to_int(count)
    gtins = get("gtins")
    eans = get("eans")
    relevance = get("relevance")
    offers = get("offers")
    name, brand, category = get("name"), get("brand_name"), get("category_name")
    reason = get("reason")
    updated = get("updated_at")
    return PriceApiProduct(
        value=_to_str(get("value")) or "",
        success=get("success") is True,
        reason=reason if reason is None or reason.__class__ is str else _to_str(reason),
        source=_to_str(get("source")) or "",
        country=_to_str(get("country")) or "",
        key=_to_str(get("key")) or "",
        id=_to_str(get("id")) or _to_str(get("source_id")),
        name=name if name is None or name.__class__ is str else _to_str(name),
        brand_name=brand if brand is None or brand.__class__ is str else _to_str(brand),
        category_name=category if category is None or category.__class__ is str else _to_str(category),
        review_count=count,
        review_rating=rating if rating is None or 0 <= rating <= 100 else None,
        gtins=tuple(g for g in map(_to_str, gtins if gtins.__class__ is list else decode.as_list(gtins)) if g),
        url=_to_str(get("url")) or _to_str(get("source_url")),
        updated_at=None if updated is None else decode.to_datetime(updated),
        offers=tuple([_parse_offer(o, money)
                      for o in (offers if offers.__class__ is list else decode.as_list(offers))]),
        # as PriceAPI lists them: an EAN is not always a GTIN-14 without its leading 0
        eans=() if eans is None else tuple(e for e in map(_to_str, decode.as_list(eans)) if e),
        relevance=None if relevance is None else _to_decimal(relevance),
    )


def parse_results(body: Any, *, job_id: str, path: str) -> PriceApiResults:
    """A downloaded job (``/products/bulk/{id}``) -> :class:`PriceApiResults`."""
    if not isinstance(body, dict) or not isinstance(body.get("products"), list):
        raise _shape(path, "an object with a products list")
    money: dict[str, Decimal | None] = {}
    return PriceApiResults(
        job_id=decode.to_str(body.get("job_id")) or job_id,
        free_credits=decode.to_int(body.get("free_credits")) or 0,
        paid_credits=decode.to_int(body.get("paid_credits")) or 0,
        products=tuple([_parse_product(p, money) for p in body["products"]]),
    )


def parse_usage(raw: Any, *, with_quota: bool) -> PriceApiUsage | None:
    """One usage entry (``usage_today``'s ``usage`` or one day of ``usages``); None if undated."""
    u = decode.as_dict(raw)
    day = decode.to_date(u.get("date"))
    if day is None:
        return None
    return PriceApiUsage(
        date=day,
        credits=decode.to_int(u.get("credits")) or 0,
        free_credits=decode.to_int(u.get("free_credits")) or 0,
        paid_credits=decode.to_int(u.get("paid_credits")) or 0,
        quota=decode.to_int(u.get("quota")) if with_quota else None,
    )


def _shape(path: str, expected: str) -> ServiceError:
    return BadResponseError("PriceAPI", phrase(SHAPE, path=path, expected=expected))


# --- the client ---------------------------------------------------------------------------


class PriceApiClient(ServiceClient):
    """Async client of PriceAPI's bulk-job API (``https://api.priceapi.com``)."""

    service_id = "priceapi"
    key_word = "token"

    def __init__(self, base_url: str, key: str, *, transport: httpx.AsyncBaseTransport | None = None,
                 policy: HttpPolicy | None = None) -> None:
        """``key`` is the PriceAPI token."""
        super().__init__(base_url, key, transport=transport, policy=policy)
        # Job submissions get their own client without keep-alive: each POST
        # opens a fresh connection, so "connection failed" really means "never
        # sent" (a stale pooled connection could fail after the server read the
        # request), and only then do we retry a call that costs credits.
        self._post_http = self._new_client(httpx.Limits(max_connections=4, max_keepalive_connections=0))

    async def aclose(self) -> None:
        """Close both connection pools."""
        await self._post_http.aclose()
        await super().aclose()

    def _auth_params(self) -> dict[str, str]:
        return {"token": self._require_key()}

    def _classify(self, response: httpx.Response) -> ServiceError | None:
        try:
            body = decode.loads(response.content)
        except ValueError:
            return None
        what = f"{response.request.method} {response.request.url.path}"
        if response.request.method == "POST" and isinstance(body, dict) and decode.to_str(body.get("job_id")):
            # an error answer naming a job: the job was created, whatever the status says; asking
            # again would pay for it twice (the policy ends the call at once on this error)
            code = str(response.status_code)
            return UncertainOutcomeError("PriceAPI", phrase(_ANSWERED_WITH_JOB, what=what, code=code),
                                         detail=phrase(_ANSWERED_NAMING_JOB, code=code))
        return _request_error(body, what=what, secrets=(self._key,))

    async def _call(self, method: str, path: str, **kwargs: Any) -> Any:
        response = await self._request(method, path, **kwargs)
        body = self._decode(response, path)
        err = _request_error(body, what=f"{method} {path}", secrets=(self._key,))
        if err is not None:
            raise err
        return body

    # --- bulk jobs -------------------------------------------------------------------------

    async def create_job(self, *, source: str, country: str, key: str, values: Sequence[str],
                         completeness: str | None = None, currentness: str | None = None) -> PriceApiJob:
        """Submit one bulk job (1..1000 values). Costs credits once finished.

        Raises :class:`JobSubmissionUncertain` when the connection failed after
        the request was sent (the job may exist); it is never sent twice.
        """
        values = [str(v) for v in values]
        if not values:
            raise RequestRejectedError("PriceAPI", phrase(_NO_VALUES))
        if len(values) > MAX_VALUES_PER_JOB:
            raise RequestRejectedError("PriceAPI", phrase(_TOO_MANY_VALUES, most=f"{MAX_VALUES_PER_JOB}",
                                                          n=f"{len(values)}"))
        if any("\n" in v or "\r" in v for v in values):
            raise RequestRejectedError("PriceAPI", phrase(_LINE_BREAK))
        form: dict[str, str] = {"token": self._require_key(), "source": source, "country": country,
                                "key": key, "values": "\n".join(values)}
        if completeness:
            form["completeness"] = completeness
        if currentness:
            form["currentness"] = currentness
        path = "/jobs"
        try:
            # the token goes in the form body, as documented, not in the URL
            request = self._post_http.build_request("POST", self.url(path), data=form)
            response = await self.policy.send(self._post_http, request, service=self.info, idempotent=False,
                                              classify=self._classify, secrets=(self._key,))
        except UncertainOutcomeError as exc:
            raise JobSubmissionUncertain(
                "PriceAPI", phrase(_SENT_UNKNOWN[len(values) != 1], n=f"{len(values)}", detail=exc.detail_words),
                values=values, source=source, country=country, key=key, detail=exc.detail_words,
            ) from None
        body = self._decode(response, path)
        err = _request_error(body, what=f"POST {path}", secrets=(self._key,))
        if err is not None:
            raise err
        if isinstance(body, dict) and "requested" in body and "status" in body:
            body = {"completed": 0, "progress": 0, **body}
        return parse_job(body, path=path, secrets=(self._key,))

    async def job_status(self, job_id: str) -> PriceApiJob:
        """``GET /jobs/{id}``: status, requested, completed, progress (100 is not finished)."""
        path = f"/jobs/{quote(job_id, safe='')}"
        return parse_job(await self._call("GET", path), path=path, secrets=(self._key,))

    async def results(self, job_id: str) -> PriceApiResults:
        """``GET /products/bulk/{id}`` as JSON (redirects followed).

        Raises :class:`JobNotFinished` while the job is still working.
        """
        path = f"/products/bulk/{quote(job_id, safe='')}"
        body = await self._call("GET", path, follow_redirects=True)
        return self._without_key(parse_results(body, job_id=job_id, path=path))

    def _without_key(self, results: PriceApiResults) -> PriceApiResults:
        """``results`` with the token redacted from the products' failure reasons.

        A reason is server text that ends up in the journal, the Errors sheet and the
        GUI; a server echoing the token there must not put it in the workbook. Only
        failed products have a reason, so this costs next to nothing on a download.
        """
        changed = False
        products = list(results.products)
        for i, product in enumerate(products):
            if product.reason:
                clean = redact(product.reason, (self._key,))
                if clean != product.reason:
                    products[i] = dataclasses.replace(product, reason=clean)
                    changed = True
        return dataclasses.replace(results, products=tuple(products)) if changed else results

    # --- usage -------------------------------------------------------------------------------

    async def usage_today(self) -> PriceApiUsage:
        """``GET /v2/me/usage_today``: credits used today and the daily quota."""
        path = "/v2/me/usage_today"
        body = await self._call("GET", path)
        usage = parse_usage(decode.as_dict(body).get("usage"), with_quota=True)
        if usage is None:
            raise _shape(path, "a usage object with a date")
        return usage

    async def usage_month(self) -> list[PriceApiUsage]:
        """``GET /v2/me/usage_month``: one entry per day of the current month (quota None)."""
        path = "/v2/me/usage_month"
        body = await self._call("GET", path)
        if not isinstance(decode.as_dict(body).get("usages"), list):
            raise _shape(path, "a usages list")
        days = (parse_usage(u, with_quota=False) for u in body["usages"])
        return [d for d in days if d is not None]
