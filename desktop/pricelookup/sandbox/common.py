"""What the four service simulations share: JSON answers, a clock, parameter parsing."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, tzinfo

from pricelookup.sandbox.config import SandboxConfig
from pricelookup.sandbox.data import Catalogue
from pricelookup.sandbox.httpserver import Request, Response

#: the literal key every service refuses (the issue's rule: any other key is accepted)
INVALID_KEY = "invalid"


def json_response(obj: object, status: int = 200, *, ascii_only: bool = False,
                  headers: list[tuple[str, str]] | None = None, reason: str | None = None) -> Response:
    """A JSON answer. ``ascii_only`` escapes non-ASCII as PHP's json_encode does by default."""
    body = json.dumps(obj, ensure_ascii=ascii_only, separators=(",", ":")).encode("utf-8")
    return Response(status, body, "application/json; charset=utf-8", headers or [], reason)


@dataclass
class Context:
    """What every service simulation gets from the sandbox: settings, clocks, shared data."""

    config_getter: Callable[[], SandboxConfig]
    catalogue: Catalogue
    monotonic: Callable[[], float] = time.monotonic
    wallclock: Callable[[], float] = time.time
    counters: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def config(self) -> SandboxConfig:
        """The settings in force now."""
        return self.config_getter()

    def now_utc(self) -> datetime:
        """Wall-clock time, UTC, on the sandbox's day (``config.day``) when one is set."""
        return self.now_in(UTC)

    def now_in(self, zone: tzinfo) -> datetime:
        """Wall-clock time in ``zone``; on the sandbox's day when one is set, the time of day kept (so
        the times a service sends still move on): a service's own calendar day (OfficiScan's is
        Paris's) is then the sandbox's day too."""
        now = datetime.fromtimestamp(self.wallclock(), zone)
        day = self.config.day
        return now if day is None else datetime.combine(day, now.timetz())

    def today(self) -> date:
        """The sandbox's day: ``config.day``, or today's UTC date (usage is counted per UTC day)."""
        day = self.config.day
        return day if day is not None else datetime.fromtimestamp(self.wallclock(), UTC).date()

    def count(self, service: str, name: str, n: int = 1) -> None:
        """Add ``n`` to a stats counter."""
        c = self.counters.setdefault(service, {})
        c[name] = c.get(name, 0) + n


def merged_params(req: Request) -> dict[str, list[str]]:
    """Query and body parameters together (body last, so it wins as in Rack/PHP).

    Bodies may be form-urlencoded or a JSON object (lists kept as lists of strings).
    """
    params: dict[str, list[str]] = {k: list(v) for k, v in req.query().items()}
    if req.content_type() == "application/json" and req.body:
        try:
            obj = json.loads(req.body)
        except (ValueError, UnicodeDecodeError):
            obj = None
        if isinstance(obj, dict):
            for k, v in obj.items():
                if isinstance(v, list):
                    params.setdefault(k, []).append("\n".join(str(x) for x in v))
                elif v is not None:
                    params.setdefault(k, []).append(str(v))
        return params
    for k, v in req.form().items():
        params.setdefault(k, []).extend(v)
    return params


def last(params: dict[str, list[str]], name: str) -> str | None:
    """The last value given for ``name`` (a repeated field keeps its last value, as Rack does)."""
    values = params.get(name)
    return values[-1] if values else None


_JS_KEY = re.compile(r'([{,]\s*)([A-Za-z_$][A-Za-z0-9_$]*)\s*:')
_SINGLE_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")


def lenient_json(text: str) -> object:
    """Parse JSON, or the JavaScript-ish object literals some docs show (``{fetchUrl: 'x'}``).

    Json.NET, behind Snipcart, accepts unquoted names and single-quoted strings.
    Raises ValueError when neither reading works.
    """
    try:
        return json.loads(text)
    except ValueError:
        pass
    fixed = _SINGLE_QUOTED.sub(lambda m: json.dumps(m.group(1).replace("\\'", "'")), text)
    fixed = _JS_KEY.sub(lambda m: f'{m.group(1)}"{m.group(2)}":', fixed)
    return json.loads(fixed)


def parse_int(text: str | None) -> int | None:
    """An integer parameter, or None when absent; ValueError when not an integer."""
    if text is None or text == "":
        return None
    text = text.strip()
    if not re.fullmatch(r"[+-]?\d{1,12}", text):
        raise ValueError(text)
    return int(text)
