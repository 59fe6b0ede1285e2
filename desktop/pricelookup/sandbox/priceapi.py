"""PriceAPI bulk jobs, simulated as its doc describes them (warts included).

* ``POST /jobs`` (token, source, country, key, values separated by ``\\n``,
  optional completeness and currentness) answers ``{job_id, status: "new",
  requested}`` where ``requested`` counts *different* values. Values are split
  on newlines only: keyword values contain spaces, so a space cannot be a
  separator (the doc's curl example, ``values=A\\ B``, is a mangled ``\\n``; a
  gtin value written that way is one "invalid value" that costs nothing).
  A repeated ``values`` field keeps its last occurrence, as Rails would.
* ``GET /jobs/{id}`` moves new -> enqueued -> working (completed and progress
  climbing) -> working at progress 100 (the doc: "up to 1 minute") ->
  finishing -> finished. A 1000-value job works ``job_seconds`` in all, smaller
  jobs proportionally less (floor: 5 % of it). At most ``parallel_jobs`` jobs
  per account (token) work at once; the others wait ``enqueued``, FIFO, so
  submitting more jobs at once does not make them faster.
* Credits are deducted when a job finishes, on that day: found and not found
  cost one credit per result page, realtime doubles, failures cost nothing.
  The daily quota is checked against credits already deducted, so parallel
  jobs can overshoot it, exactly as the doc warns.
* ``GET /products/bulk/{id}`` in JSON (default), ``.json``, ``.csv``
  (format_option row or column, default column "for legacy reasons") and
  ``.xml``; ``format=`` works too, the extension wins.
* Request-level errors are ``{"success": false, "reason": "..."}`` with the
  doc's reasons; HTTP statuses: 401 unauthorized, 400 for parameter problems
  and too many values, 402 not enough free credits, 403 daily quota exceeded,
  404 job not found, 409 job not finished, 503 source/key disabled.
"""

from __future__ import annotations

import heapq
import itertools
import json
import re
import secrets
import time
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from datetime import time as dt_time
from typing import cast

from pricelookup.sandbox import data
from pricelookup.sandbox.common import INVALID_KEY, Context, json_response, last, merged_params
from pricelookup.sandbox.httpserver import Request, Response, split_path

SERVICE = "priceapi"
MAX_VALUES = 1000
COMPLETENESS = ("one_page", "all_pages", "at_least_two_shops")
CURRENTNESS = ("daily_updated", "realtime")
KEYS = ("gtin", "keyword", "source_id")
INCLUDED_CREDITS = 50_000  # the plan's monthly credits, for usage_month's overusage
BUILD_PER_POLL = 250  # results built ahead per status poll, so no single answer blocks the loop for long
BUILD_TICK_SECONDS = 0.025  # building ahead on a timer tick stops after about this long
BUILD_STEP = 50  # products built between two looks at the clock
MAX_BUILT_AHEAD = 20_000  # products kept built ahead of their download, at most

_ERROR_STATUS = {
    "unauthorized": 401,
    "missing parameter": 400,
    "parameter value invalid": 400,
    "unsupported source": 400,
    "unsupported country": 400,
    "unsupported key": 400,
    "too many values": 400,
    "not enough free credits": 402,
    "daily quota exceeded": 403,
    "job not found": 404,
    "job not finished": 409,
    "source disabled": 503,
    "key disabled": 503,
}

ROW_COLUMNS = (
    "source", "country", "key", "value", "success", "reason", "source_id", "source_url", "updated_at", "gtins",
    "eans", "name", "brand_name", "category_name", "review_count", "review_rating", "relevance", "offer.url",
    "offer.name", "offer.price", "offer.price_with_shipping", "offer.shipping_costs", "offer.position",
    "offer.position_with_shipping", "offer.availability_code", "offer.availability_text", "offer.shop_name",
)
_PRODUCT_COLUMNS = ROW_COLUMNS[:17]
_COLUMN_OFFER_FIELDS = (
    "url", "name", "price", "price_with_shipping", "shipping_costs", "availability_code", "availability_text",
    "shop_name",
)
_COUNTRY = re.compile(r"[a-z]{2}")


#: compact JSON text as json_response() writes it (one encoder, not one per product)
_dumps = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def error(reason: str) -> Response:
    """A request-level error exactly as the doc shows it."""
    return json_response({"success": False, "reason": reason}, _ERROR_STATUS[reason])


@dataclass
class Job:
    """One bulk job and its precomputed timeline (monotonic seconds)."""

    job_id: str
    token: str
    source: str
    country: str
    key: str
    completeness: str
    currentness: str
    seed: int
    values: list[str]
    created: float
    created_wall: float
    ready: float  # end of "new"
    start: float  # starts working
    climb_end: float  # completed reaches requested, progress 100
    finishing_at: float  # working/100 -> finishing
    end: float  # finished
    stuck: bool = False
    #: the sandbox's day when the job was created: its products' prices are of that day, and their
    #: ``updated_at`` on it (None: today's UTC date, for jobs built by hand)
    day: date | None = None
    credits: int | None = None  # set when the job finishes (credits are deducted then)
    #: results built so far, in value order, each one product of the JSON download already
    #: serialized (UTF-8): filled as the crawlers "complete" values (on status polls and timer
    #: ticks), so the download neither builds nor encodes 1,000 products at once, and products
    #: waiting for their download take ~2 KB each rather than a tree of dicts; dropped once downloaded
    built: list[bytes] = field(default_factory=list)

    def finished_wall(self) -> datetime:
        """When the job finishes (or finished), wall clock (on the sandbox's day), UTC: fixed once it
        is scheduled."""
        return datetime.fromtimestamp(self.created_wall + (self.end - self.created), UTC)

    def status(self, now: float) -> tuple[str, int]:
        """(status, completed) at monotonic time ``now``."""
        n = len(self.values)
        if now >= self.end:
            return "finished", n
        if now >= self.finishing_at:
            return "finishing", n
        if now >= self.climb_end:
            return "working", n
        if now >= self.start:
            span = self.climb_end - self.start
            done = n if span <= 0 else int(n * (now - self.start) / span)
            return "working", min(n - 1, done) if n else 0
        if now >= self.ready:
            return "enqueued", 0
        return "new", 0


@dataclass
class Account:
    """Per-token state: working slots, jobs not yet charged, credits per day."""

    token: str
    slots: list[float] = field(default_factory=list)  # heap: when each working slot frees up
    pending: list[tuple[float, int, Job]] = field(default_factory=list)  # heap by end time
    usage: dict[date, int] = field(default_factory=dict)


class PriceApi:
    """The PriceAPI simulation; one per sandbox, used on the event loop only."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.jobs: dict[str, Job] = {}
        self.accounts: dict[str, Account] = {}
        self._seq = itertools.count()
        self._seen: set[tuple[str, str, str, str]] = set()  # distinct (source, country, key, value) submitted
        self.built_total = 0  # products built ahead and not downloaded yet
        for name in ("requests", "jobs_created", "values_submitted", "values_submitted_distinct",
                     "values_submitted_raw", "credits_charged", "faults_injected", "status_requests",
                     "results_downloads", "jobs_finished"):
            ctx.count(SERVICE, name, 0)

    # --- routing ---

    @staticmethod
    def read_only(method: str, path: str) -> bool:
        """Whether a request changes nothing (random resets may hit it)."""
        return method in ("GET", "HEAD")

    @staticmethod
    def creates_job(method: str, path: str) -> bool:
        """Whether the request is ``POST /jobs``."""
        return method == "POST" and path.rstrip("/") in ("/jobs", "/jobs.json")

    def handle(self, req: Request, path: str, *, stuck: bool = False) -> Response:
        """Answer one request; ``path`` is relative to ``/priceapi``."""
        parts = split_path(path)
        method = "GET" if req.method == "HEAD" else req.method
        if method == "POST" and parts in (["jobs"], ["jobs.json"]):
            return self.create_job(req, stuck=stuck)
        if method == "GET" and len(parts) == 2 and parts[0] == "jobs":
            return self.job_status(req, parts[1].removesuffix(".json"))
        if method == "GET" and len(parts) == 3 and parts[:2] == ["products", "bulk"]:
            return self.results(req, parts[2])
        if method == "GET" and parts == ["v2", "me", "usage_today"]:
            return self.usage_today(req)
        if method == "GET" and parts == ["v2", "me", "usage_month"]:
            return self.usage_month(req)
        return json_response({"success": False, "reason": "not found"}, 404)

    # --- accounts, scheduling, credits ---

    def _account(self, token: str) -> Account:
        acc = self.accounts.get(token)
        if acc is None:
            acc = self.accounts[token] = Account(token)
        return acc

    @staticmethod
    def _token(params: dict[str, list[str]]) -> str | None:
        token = last(params, "token")
        return None if not token or token == INVALID_KEY else token

    def settle(self, now: float | None = None) -> None:
        """Deduct the credits of every job that has finished by ``now`` (all accounts)."""
        now = self.ctx.monotonic() if now is None else now
        for acc in self.accounts.values():
            self._settle(acc, now)

    def _settle(self, acc: Account, now: float) -> None:
        while acc.pending and acc.pending[0][0] <= now:
            _end, _seq, job = heapq.heappop(acc.pending)
            credits = sum(
                data.priceapi_credits(v, job.seed, source=job.source, country=job.country, key=job.key,
                                      completeness=job.completeness, currentness=job.currentness, day=job.day)
                for v in job.values)
            job.credits = credits
            # the day the job finished on; a sandbox held on one day counts everything on it (its
            # usage_today must see a job that ran past midnight)
            finished_day = job.finished_wall().date()
            if self.ctx.config.day is not None and job.day is not None:
                finished_day = job.day
            acc.usage[finished_day] = acc.usage.get(finished_day, 0) + credits
            self.ctx.count(SERVICE, "credits_charged", credits)
            self.ctx.count(SERVICE, "jobs_finished")

    def _schedule(self, acc: Account, job: Job, size: int, now: float) -> None:
        cfg = self.ctx.config
        k = cfg.parallel_jobs
        while len(acc.slots) < k:
            heapq.heappush(acc.slots, now)
        while len(acc.slots) > k:  # fewer slots now: the ones that free up first go away
            heapq.heappop(acc.slots)
        duration = cfg.job_seconds * max(size, 50) / 1000.0
        job.ready = now + min(0.5, 0.02 * cfg.job_seconds)
        job.start = max(job.ready, heapq.heappop(acc.slots))
        job.climb_end = job.start + 0.75 * duration
        job.finishing_at = job.climb_end + 0.15 * duration + (cfg.effective_stuck_seconds if job.stuck else 0.0)
        job.end = job.finishing_at + 0.10 * duration
        heapq.heappush(acc.slots, job.end)
        heapq.heappush(acc.pending, (job.end, next(self._seq), job))

    # --- endpoints ---

    def create_job(self, req: Request, *, stuck: bool = False) -> Response:
        """``POST /jobs``."""
        params = merged_params(req)
        token = self._token(params)
        if token is None:
            return error("unauthorized")
        source, country, key = last(params, "source"), last(params, "country"), last(params, "key")
        raw_values = last(params, "values")
        if not source or not country or not key or raw_values is None:
            return error("missing parameter")
        if source not in data.PRICEAPI_SOURCES:
            return error("unsupported source")
        countries, keys = data.PRICEAPI_SOURCES[source]
        if not _COUNTRY.fullmatch(country):
            return error("parameter value invalid")
        if country not in countries:
            return error("unsupported country")
        if key not in KEYS:
            return error("parameter value invalid")
        if key not in keys:
            return error("unsupported key")
        if (source, country) in data.PRICEAPI_DISABLED_SOURCES:
            return error("source disabled")
        if (source, country, key) in data.PRICEAPI_DISABLED_KEYS:
            return error("key disabled")
        completeness = last(params, "completeness") or "one_page"
        currentness = last(params, "currentness") or "daily_updated"
        if completeness not in COMPLETENESS or currentness not in CURRENTNESS:
            return error("parameter value invalid")
        lines = [v.strip() for v in raw_values.replace("\r\n", "\n").split("\n")]
        values = list(dict.fromkeys(v for v in lines if v))
        if not values:
            return error("missing parameter")
        if len(values) > MAX_VALUES:
            return error("too many values")
        now = self.ctx.monotonic()
        acc = self._account(token)
        self._settle(acc, now)
        cfg = self.ctx.config
        if acc.usage.get(self.ctx.today(), 0) >= cfg.daily_quota:
            return error("daily quota exceeded")

        stamp = self.ctx.now_utc()  # on the sandbox's day: the job's wall times and its prices' day
        job = Job(secrets.token_hex(12), token, source, country, key, completeness, currentness, cfg.seed,
                  values, now, stamp.timestamp(), 0.0, 0.0, 0.0, 0.0, 0.0, stuck=stuck, day=stamp.date())
        self._schedule(acc, job, len(values), now)
        self.jobs[job.job_id] = job
        self.ctx.count(SERVICE, "jobs_created")
        self.ctx.count(SERVICE, "values_submitted", len(values))
        self.ctx.count(SERVICE, "values_submitted_raw", sum(1 for v in lines if v))
        for v in values:
            canon = v.zfill(14) if key == "gtin" and v.isascii() and v.isdigit() and len(v) <= 14 else v
            ident = (source, country, key, canon)
            if ident not in self._seen:
                self._seen.add(ident)
                self.ctx.count(SERVICE, "values_submitted_distinct")
        return json_response({"job_id": job.job_id, "status": "new", "requested": len(values)})

    def _owned_job(self, req: Request, job_id: str) -> Job | Response:
        token = self._token(req.query())
        if token is None:
            return error("unauthorized")
        job = self.jobs.get(job_id)
        if job is None or job.token != token:
            return error("job not found")
        return job

    def job_status(self, req: Request, job_id: str) -> Response:
        """``GET /jobs/{id}``."""
        self.ctx.count(SERVICE, "status_requests")
        job = self._owned_job(req, job_id)
        if isinstance(job, Response):
            return job
        now = self.ctx.monotonic()
        status, completed = job.status(now)
        if status == "finished":
            self._settle(self.accounts[job.token], now)
        if self.built_total < MAX_BUILT_AHEAD:
            self._build(job, min(completed, len(job.built) + BUILD_PER_POLL))
        n = len(job.values)
        return json_response({
            "job_id": job.job_id, "status": status, "requested": n, "completed": completed,
            "progress": completed * 100 // n if n else 100,
        })

    def results(self, req: Request, name: str) -> Response:
        """``GET /products/bulk/{id}[.json|.csv|.xml]``."""
        job_id, dot, ext = name.partition(".")
        fmt = (ext if dot else None) or req.arg("format") or "json"
        if fmt not in ("json", "csv", "xml"):
            return error("parameter value invalid")
        option = req.arg("format_option") or "column"
        if fmt == "csv" and option not in ("row", "column"):
            return error("parameter value invalid")
        job = self._owned_job(req, job_id)
        if isinstance(job, Response):
            return job
        now = self.ctx.monotonic()
        if job.status(now)[0] != "finished":
            return error("job not finished")
        self._settle(self.accounts[job.token], now)
        self.ctx.count(SERVICE, "results_downloads")
        fragments = self._products(job)
        credits = job.credits or 0
        if fmt == "json":
            # the products are serialized already: the answer is their join, the same bytes as
            # json_response() of the whole object, without encoding 2 MB while the client waits
            head = _dumps({"job_id": job.job_id, "status": "finished", "free_credits": 0, "paid_credits": credits})
            body = b"".join((head[:-1].encode("utf-8"), b',"products":[', b",".join(fragments), b"]}"))
            return Response(200, body, "application/json; charset=utf-8")
        products = [json.loads(f) for f in fragments]
        if fmt == "csv":
            body = (to_csv_row(products) if option == "row" else to_csv_column(products)).encode("utf-8")
            return Response(200, body, "text/csv; charset=utf-8")
        return Response(200, to_xml(job.job_id, credits, products).encode("utf-8"), "application/xml; charset=utf-8")

    def build_ahead(self, budget: int = 400, max_seconds: float = BUILD_TICK_SECONDS) -> int:
        """Build results of working jobs up to what their crawlers have completed, at most ``budget``
        products and about ``max_seconds`` of work (called on a timer, so downloads find their
        products ready without the loop being held up for long). Returns the count."""
        now = self.ctx.monotonic()
        # real time, not the context's clock (a fake one in tests): this bounds how long the
        # event loop is blocked
        stop_at = time.perf_counter() + max_seconds
        done = 0
        if self.built_total >= MAX_BUILT_AHEAD:  # nobody downloads: don't grow without bound
            return 0
        for acc in self.accounts.values():
            for _end, _seq, job in acc.pending:  # not yet finished, not yet downloaded
                if now < job.start:
                    continue
                _status, completed = job.status(now)
                while len(job.built) < completed:
                    if done >= budget or time.perf_counter() >= stop_at:
                        return done
                    before = len(job.built)
                    self._build(job, min(completed, before + BUILD_STEP, before + budget - done))
                    done += len(job.built) - before
        return done

    def _build(self, job: Job, upto: int) -> None:
        """Build and serialize the results of values ``len(job.built)..upto``.

        Deterministic: products depend on the value and the job's settings and day, ``updated_at`` on
        the value and the job's finishing time, which is fixed when the job is scheduled.
        """
        before = len(job.built)
        if upto <= before:
            return
        day = job.day or data.utc_today()
        # updated_at: up to the currentness window before the job finished, but on the job's day (the
        # day its prices are of): from its midnight to the job's end, or to the day's end for a job
        # that finished after it
        midnight = datetime.combine(day, dt_time(0), UTC)
        latest = min(job.finished_wall(), midnight + timedelta(days=1, seconds=-1))
        window = 15 * 60 if job.currentness == "realtime" else 20 * 3600
        window = max(1, min(window, int((latest - midnight).total_seconds()) + 1))
        append, product, stable_hash = job.built.append, data.priceapi_product, data.stable_hash
        source, country, key, completeness, seed = job.source, job.country, job.key, job.completeness, job.seed
        for v in job.values[before:upto]:
            p = product(v, seed, source=source, country=country, key=key, completeness=completeness, day=day)
            if p["success"]:
                age = stable_hash("age", p["value"]) % window
                p["updated_at"] = (latest - timedelta(seconds=age)).strftime("%Y-%m-%dT%H:%M:%SZ")
            append(_dumps(p).encode("utf-8"))
        self.built_total += len(job.built) - before

    def _products(self, job: Job) -> list[bytes]:
        """All the job's products, serialized, in value order; released from the job."""
        self._build(job, len(job.values))
        products, job.built = job.built, []  # a second download builds them again: memory stays flat
        self.built_total -= len(products)
        return products

    def _settled_account(self, req: Request) -> Account | None:
        """The caller's account with its finished jobs charged (usage is read after that), or None."""
        token = self._token(req.query())
        if token is None:
            return None
        acc = self._account(token)
        self._settle(acc, self.ctx.monotonic())
        return acc

    def usage_today(self, req: Request) -> Response:
        """``GET /v2/me/usage_today``."""
        acc = self._settled_account(req)
        if acc is None:
            return error("unauthorized")
        today = self.ctx.today()
        used = acc.usage.get(today, 0)
        return json_response({"usage": {"date": today.isoformat(), "credits": used, "free_credits": 0,
                                        "paid_credits": used, "quota": self.ctx.config.daily_quota}})

    def usage_month(self, req: Request) -> Response:
        """``GET /v2/me/usage_month``: the month so far, with one entry per day that used credits."""
        acc = self._settled_account(req)
        if acc is None:
            return error("unauthorized")
        today = self.ctx.today()
        first = today.replace(day=1)
        days = sorted((d, c) for d, c in acc.usage.items() if first <= d <= today and c > 0)
        total = sum(c for _d, c in days)
        return json_response({
            "usage": {"from": first.isoformat(), "to": today.isoformat(), "credits": total, "free_credits": 0,
                      "paid_credits": total, "included_credits": INCLUDED_CREDITS,
                      "overusage": max(0, total - INCLUDED_CREDITS)},
            "usages": [{"date": d.isoformat(), "credits": c, "free_credits": 0, "paid_credits": c} for d, c in days],
        })


# --- CSV and XML downloads ----------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        text = ""
    elif value is True:
        text = "true"
    elif value is False:
        text = "false"
    elif isinstance(value, list):
        text = ",".join(str(v) for v in value)
    else:
        text = str(value)
    return '"' + text.replace('"', '""') + '"'


def _line(values: list[object]) -> str:
    return ",".join(_cell(v) for v in values)


def to_csv_row(products: list[dict[str, object]]) -> str:
    """The row-based CSV: one line per offer, the product repeated (all values quoted)."""
    lines = [_line(list(ROW_COLUMNS))]
    for p in products:
        head = [p.get(c) for c in _PRODUCT_COLUMNS]
        offers = cast("list[dict[str, object]]", p.get("offers") or [{}])
        for o in offers:
            lines.append(_line(head + [o.get(c.removeprefix("offer.")) for c in ROW_COLUMNS[17:]]))
    return "\n".join(lines) + "\n"


def to_csv_column(products: list[dict[str, object]]) -> str:
    """The column-based CSV: one line per product, ``offers[i].*`` columns side by side."""
    width = max((len(p.get("offers") or []) for p in products), default=0)  # type: ignore[arg-type]
    header: list[object] = list(_PRODUCT_COLUMNS)
    for i in range(width):
        header += [f"offers[{i}].{f}" for f in _COLUMN_OFFER_FIELDS]
    lines = [_line(header)]
    for p in products:
        row = [p.get(c) for c in _PRODUCT_COLUMNS]
        offers = list(p.get("offers") or [])  # type: ignore[call-overload]
        for i in range(width):
            o = offers[i] if i < len(offers) else {}
            row += [o.get(f) for f in _COLUMN_OFFER_FIELDS]
        lines.append(_line(row))
    return "\n".join(lines) + "\n"


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: object) -> str:
    # Rails' Builder turns characters XML 1.0 cannot carry into "*"
    text = _XML_ILLEGAL.sub("*", str(value))
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _xml_field(name: str, value: object, indent: str) -> str:
    tag = name.replace("_", "-")
    if value is None:
        return f'{indent}<{tag} nil="true"/>'
    if isinstance(value, bool):
        return f'{indent}<{tag} type="boolean">{"true" if value else "false"}</{tag}>'
    if isinstance(value, int):
        return f'{indent}<{tag} type="integer">{value}</{tag}>'
    if isinstance(value, list):
        if value and isinstance(value[0], dict):
            inner = "\n".join(_xml_record("offer", v, indent + "  ") for v in value)
        else:
            inner = "\n".join(f"{indent}  <{tag[:-1]}>{_xml_text(v)}</{tag[:-1]}>" for v in value)
        return f'{indent}<{tag} type="array">\n{inner}\n{indent}</{tag}>' if value else f'{indent}<{tag} type="array"/>'
    return f"{indent}<{tag}>{_xml_text(value)}</{tag}>"


def _xml_record(tag: str, record: dict[str, object], indent: str) -> str:
    inner = "\n".join(_xml_field(k, v, indent + "  ") for k, v in record.items())
    return f"{indent}<{tag}>\n{inner}\n{indent}</{tag}>"


def to_xml(job_id: str, credits: int, products: list[dict[str, object]]) -> str:
    """The XML download, shaped like the doc's example (Rails ``to_xml``)."""
    items = "\n".join(_xml_record("product", p, "    ") for p in products)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<hash>\n'
            f"  <job-id>{job_id}</job-id>\n"
            '  <status type="symbol">finished</status>\n'
            '  <free-credits type="integer">0</free-credits>\n'
            f'  <paid-credits type="integer">{credits}</paid-credits>\n'
            f'  <products type="array">\n{items}\n  </products>\n</hash>\n')
