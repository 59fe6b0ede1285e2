"""The sandbox's settings (one frozen object; ``Sandbox.configure`` swaps it at run time)."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from typing import Any, Literal

#: what ``monitorize_method`` may be: both methods, or only the one each reading of the doc says
MONITORIZE_METHODS = ("any", "get", "post")
#: what ``monitorize_trailing_slash`` may be: both spellings answer, or one is redirected to the other
MONITORIZE_TRAILING_SLASH = ("optional", "add", "strip")
#: what ``monitorize_history_fields`` may be: the names history uses today, or the /list/ names it will use
MONITORIZE_HISTORY_FIELDS = ("history", "list")


#: the version of the sandbox's simulated answers (sandbox/data.py): bump it when a (seed, code)
#: gets another answer, so journals stop reusing the old ones as "recent runs"
#: (2: prices move with the day, see data.market_price)
DATA_VERSION = 2

#: the environment variable that sets the day of the sandboxes ``pricelookup run --sandbox`` and the
#: window start (``pricelookup sandbox`` has ``--day``)
DAY_VARIABLE = "PRICELOOKUP_SANDBOX_DAY"
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_day(text: str, what: str = "the sandbox day") -> date:
    """``YYYY-MM-DD`` as a date; ValueError naming ``what`` (an option, a variable) otherwise.

    Stricter than ``date.fromisoformat``, which also takes ``20250301`` and ``2025-W09-6``: a
    sandbox day is written one way only.
    """
    value = text.strip()
    try:
        if not _DAY.fullmatch(value):
            raise ValueError(value)
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError(f"{what} must be a date written YYYY-MM-DD, such as 2025-03-01 (got {text!r})") from None


def day_from_environment(environ: Mapping[str, str] | None = None) -> date | None:
    """The day :data:`DAY_VARIABLE` sets for the embedded sandbox, None when it is unset or empty;
    ValueError when it is not a ``YYYY-MM-DD`` date."""
    text = (os.environ if environ is None else environ).get(DAY_VARIABLE, "").strip()
    return parse_day(text, DAY_VARIABLE) if text else None


@dataclass(frozen=True)
class SandboxConfig:
    """How the simulated services behave.

    ``job_seconds`` is how long a 1000-value PriceAPI job takes from the moment it
    starts working until it is finished (smaller jobs scale down, with a floor of
    5 % of it); ``parallel_jobs`` jobs per account work at once, the rest wait
    as ``enqueued`` (FIFO). ``faults`` is the share of requests that get a random
    fault (seeded by ``seed``); ``officiscan_rate`` the requests per second one
    OfficiScan key may make; ``daily_quota`` PriceAPI's daily credit quota.
    """

    job_seconds: float = 20.0
    parallel_jobs: int = 4
    faults: float = 0.0
    seed: int = 0
    officiscan_rate: float = 20.0
    daily_quota: int = 1_000_000
    #: how long the ``stuck_at_100`` fault holds a job at working/100; None: 3 x job_seconds
    #: (= the doc's "up to 1 minute" at the CLI's default of 20 s)
    stuck_seconds: float | None = None
    #: the ``latency`` fault waits a random time up to this before answering
    latency_seconds: float = 0.5
    #: the ``slow_body`` fault dribbles the body over this many seconds
    slow_body_seconds: float = 1.0
    #: the value of Retry-After (seconds, and the HTTP-date that far ahead) on injected 429s
    retry_after_seconds: int = 1
    #: Monitorize ``product/add`` answers ``1209{"id": 1221}`` (text before the JSON) as its doc shows
    monitorize_add_garbage: bool = True
    #: the method Monitorize's five reads (``list/``, ``list/allOffers``, ``list/lowestOffers``,
    #: ``history/``, ``history-ref/``) accept: "any" (both), "get" (the doc's endpoint lines) or
    #: "post" (the doc's cURL samples); the other method gets ``405 Method Not Allowed``. In "get"
    #: and "post" every other path keeps the one method its doc gives (alerts GET, add POST).
    monitorize_method: Literal["any", "get", "post"] = "any"
    #: "optional": a path with or without its trailing slash answers alike; "add" / "strip": the
    #: other spelling of a read's path is redirected (``monitorize_redirect_status``) to this one
    #: (the doc writes ``api/product/add/`` and ``.../add`` interchangeably; its samples follow redirects)
    monitorize_trailing_slash: Literal["optional", "add", "strip"] = "optional"
    monitorize_redirect_status: int = 301
    #: "history": history points named as today (``stockT`` code, ``stock`` label, ``promotion``);
    #: "list": the /list/ names the doc announces for them (``stock`` code, ``stockLabel``, ``promo``)
    monitorize_history_fields: Literal["history", "list"] = "history"
    #: the sandbox's "today": the day its prices are of, and the date of the times it sends (their
    #: time of day is the wall clock's). None: the real UTC date, whenever a request comes. A string
    #: ``YYYY-MM-DD`` is taken too (``/_sandbox/configure`` receives JSON).
    day: date | None = None

    def identity(self) -> str:
        """What answers, not where it listens: equal for every sandbox whose PriceAPI answers are equal.

        The embedded sandbox listens on a new port every time; keyed by its address, two
        ``pricelookup run --sandbox`` in a row never reused each other's answers. A sandbox set to a
        day answers that day's prices: the day is part of what it is, so a run on another day is not
        served the answers of this one. (Without a day, answers are reused within the journal's
        currentness window, 20 h, as those of a real service whose prices move too.)
        """
        day = "" if self.day is None else f":day={self.day.isoformat()}"
        return f"pricelookup-sandbox:seed={self.seed}:data={DATA_VERSION}{day}"

    def __post_init__(self) -> None:
        if isinstance(self.day, str):  # from JSON (the control path) or a hand-written config
            object.__setattr__(self, "day", parse_day(self.day, "day"))
        elif self.day is not None and (not isinstance(self.day, date) or isinstance(self.day, datetime)):
            raise ValueError("day must be a date (YYYY-MM-DD) or None")
        if self.job_seconds < 0:
            raise ValueError("job_seconds must be >= 0")
        if self.parallel_jobs < 1:
            raise ValueError("parallel_jobs must be >= 1")
        if not 0.0 <= self.faults <= 1.0:
            raise ValueError("faults must be between 0 and 1")
        if self.officiscan_rate <= 0:
            raise ValueError("officiscan_rate must be > 0")
        if self.daily_quota < 0:
            raise ValueError("daily_quota must be >= 0")
        if self.monitorize_method not in MONITORIZE_METHODS:
            raise ValueError(f"monitorize_method must be one of {', '.join(MONITORIZE_METHODS)}")
        if self.monitorize_trailing_slash not in MONITORIZE_TRAILING_SLASH:
            raise ValueError(f"monitorize_trailing_slash must be one of {', '.join(MONITORIZE_TRAILING_SLASH)}")
        if self.monitorize_redirect_status not in (301, 302, 303, 307, 308):
            raise ValueError("monitorize_redirect_status must be 301, 302, 303, 307 or 308")
        if self.monitorize_history_fields not in MONITORIZE_HISTORY_FIELDS:
            raise ValueError(f"monitorize_history_fields must be one of {', '.join(MONITORIZE_HISTORY_FIELDS)}")

    def with_changes(self, **changes: Any) -> SandboxConfig:
        """A copy with ``changes`` applied; unknown names raise TypeError."""
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise TypeError(f"unknown sandbox setting(s): {', '.join(sorted(unknown))}")
        return replace(self, **changes)

    def as_json(self) -> dict[str, Any]:
        """The settings as JSON values (the day as ``YYYY-MM-DD``), for the control path's answers."""
        out = {f.name: getattr(self, f.name) for f in fields(self)}
        out["day"] = None if self.day is None else self.day.isoformat()
        return out

    @property
    def effective_stuck_seconds(self) -> float:
        """Seconds a ``stuck_at_100`` job stays at progress 100 on top of its normal time."""
        return self.stuck_seconds if self.stuck_seconds is not None else 3.0 * self.job_seconds
