"""Planning a PriceAPI look-up: which codes, in which chunks, for how many credits.

Pure functions, no I/O: the engine feeds them the validated codes, what the
journal already knows (answered, cached, submitted) and today's usage, and
gets back the chunks to submit and the cost, or the reason to stop before
paying anything.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pricelookup.errors import BudgetExceededError
from pricelookup.phrasing import QT_TRANSLATE_NOOP, SEMICOLON, Phrase, counted, joined, phrase
from pricelookup.settings import RunSettings

#: PriceAPI accepts at most this many values per bulk job ("too many values" above).
MAX_VALUES_PER_JOB = 1000

# --- counts as the run's messages say them: (one, many) for :func:`pricelookup.phrasing.counted` ------
CODES = (QT_TRANSLATE_NOOP("Engine", "1 code"), QT_TRANSLATE_NOOP("Engine", "{n} codes"))
JOBS = (QT_TRANSLATE_NOOP("Engine", "1 job"), QT_TRANSLATE_NOOP("Engine", "{n} jobs"))
CREDITS = (QT_TRANSLATE_NOOP("Engine", "1 credit"), QT_TRANSLATE_NOOP("Engine", "{n} credits"))

# why a look-up must not start (BudgetExceededError; templates: pricelookup.phrasing)
_PAGES = (QT_TRANSLATE_NOOP("Engine", "1 page"), QT_TRANSLATE_NOOP("Engine", "{n} pages"))
_TIMES = QT_TRANSLATE_NOOP("Engine", "{codes} x {pages}")
_REALTIME = QT_TRANSLATE_NOOP("Engine", "{why} x 2 (realtime)")
_NEEDS = QT_TRANSLATE_NOOP("Engine", "This look-up needs {credits} ({why})")
_NEEDS_AT_LEAST = QT_TRANSLATE_NOOP("Engine", "This look-up needs at least {credits} ({why})")
_LEFT_TODAY = (QT_TRANSLATE_NOOP("Engine", "only 1 credit is left in today's PriceAPI quota"),
               QT_TRANSLATE_NOOP("Engine", "only {n} credits are left in today's PriceAPI quota"))
_BUDGET_IS = QT_TRANSLATE_NOOP("Engine", "your budget is {credits}")
_NOTHING_PAID = QT_TRANSLATE_NOOP(
    "Engine", "{problem}. Nothing was submitted and nothing was paid. Look up fewer codes, raise the budget "
    "(--budget) or the daily quota in PriceAPI's Quota settings, or try again tomorrow.")


def unique_in_order(values: Iterable[str]) -> list[str]:
    """``values`` without repeats, first occurrence wins (order is kept for FIFO fairness)."""
    return list(dict.fromkeys(values))


def chunk_values(values: Sequence[str], size: int = MAX_VALUES_PER_JOB) -> list[tuple[str, ...]]:
    """Split ``values`` into consecutive chunks of at most ``size`` (PriceAPI's 1,000 limit)."""
    if size < 1 or size > MAX_VALUES_PER_JOB:
        raise ValueError(f"chunk size must be 1..{MAX_VALUES_PER_JOB}, not {size}")
    return [tuple(values[i : i + size]) for i in range(0, len(values), size)]


def pages_per_value(settings: RunSettings) -> int:
    """Result pages we expect to pay per value.

    ``one_page`` is exactly one. ``all_pages`` and ``at_least_two_shops`` cannot
    be foreseen (the doc: "most of the time that will be 1"), so the estimate
    counts one page and :func:`cost_may_exceed_estimate` says it may cost more.
    """
    return 1


def credits_per_page(settings: RunSettings) -> int:
    """Credits per result page: ``realtime`` costs double."""
    return 2 if settings.currentness == "realtime" else 1


def estimate_credits(n_values: int, settings: RunSettings) -> int:
    """Credits a look-up of ``n_values`` distinct values costs at least: values x pages (x2 realtime)."""
    return n_values * pages_per_value(settings) * credits_per_page(settings)


def cost_may_exceed_estimate(settings: RunSettings) -> bool:
    """True when the real cost can be higher than the estimate (more than one page per value)."""
    return settings.completeness != "one_page"


def job_count(n_values: int, size: int = MAX_VALUES_PER_JOB) -> int:
    """How many bulk jobs ``n_values`` values need."""
    return -(-n_values // size)


@dataclass(frozen=True)
class LookupPlan:
    """What a run will ask PriceAPI, after the journal took away what it already knows.

    ``to_submit`` are paid for; ``cached`` come from an earlier run's fresh answers;
    ``answered`` were already answered in this very run (resume); ``in_flight``
    sit in jobs submitted before (resume: polled, never submitted again);
    ``uncertain`` were in a job whose submission may or may not have reached
    PriceAPI: they are not sent again automatically.
    """

    codes: tuple[str, ...]
    to_submit: tuple[str, ...]
    cached: frozenset[str]
    answered: frozenset[str]
    in_flight: frozenset[str]
    uncertain: frozenset[str]

    @property
    def chunks(self) -> list[tuple[str, ...]]:
        """``to_submit`` in chunks of at most 1,000 values."""
        return chunk_values(self.to_submit)


def make_plan(
    codes: Sequence[str],
    *,
    cached: Iterable[str] = (),
    answered: Iterable[str] = (),
    in_flight: Iterable[str] = (),
    uncertain: Iterable[str] = (),
    resend_uncertain: bool = False,
) -> LookupPlan:
    """Decide which of ``codes`` (unique GTIN-14s, in first-seen order) must be paid for.

    Precedence: answered in this run > in flight > cached > uncertain (kept
    out unless ``resend_uncertain``) > to submit.
    """
    codes_t = tuple(unique_in_order(codes))
    wanted = set(codes_t)
    answered_s = frozenset(answered) & wanted
    in_flight_s = frozenset(in_flight) & wanted - answered_s
    known = answered_s | in_flight_s
    cached_s = frozenset(cached) & wanted - known
    known = known | cached_s
    uncertain_s = frozenset(uncertain) & wanted - known
    skip = known if resend_uncertain else known | uncertain_s
    to_submit = tuple(c for c in codes_t if c not in skip)
    return LookupPlan(
        codes=codes_t,
        to_submit=to_submit,
        cached=cached_s,
        answered=answered_s,
        in_flight=in_flight_s,
        uncertain=frozenset() if resend_uncertain else uncertain_s,
    )


def budget_problem(
    credits: int,
    *,
    remaining_today: int | None,
    budget: int | None,
    settings: RunSettings,
    n_values: int,
) -> Phrase | None:
    """Why a look-up costing ``credits`` must not start, in plain words, or None when it may.

    The message carries the numbers so the analyst can act on them.
    """
    if credits <= 0:
        return None
    over_quota = remaining_today is not None and credits > remaining_today
    over_budget = budget is not None and credits > budget
    if not (over_quota or over_budget):
        return None
    why = phrase(_TIMES, codes=counted(n_values, *CODES), pages=counted(pages_per_value(settings), *_PAGES))
    if credits_per_page(settings) == 2:
        why = phrase(_REALTIME, why=why)
    parts = [phrase(_NEEDS_AT_LEAST if cost_may_exceed_estimate(settings) else _NEEDS,
                    credits=counted(credits, *CREDITS), why=why)]
    if over_quota and remaining_today is not None:
        parts.append(counted(remaining_today, *_LEFT_TODAY))
    if over_budget and budget is not None:
        parts.append(phrase(_BUDGET_IS, credits=counted(budget, *CREDITS)))
    return phrase(_NOTHING_PAID, problem=joined(parts, SEMICOLON))


def check_budget(
    credits: int,
    *,
    remaining_today: int | None,
    budget: int | None,
    settings: RunSettings,
    n_values: int,
) -> None:
    """Raise :class:`BudgetExceededError` (before any POST) when ``credits`` is over quota or budget."""
    problem = budget_problem(
        credits, remaining_today=remaining_today, budget=budget, settings=settings, n_values=n_values
    )
    if problem is not None:
        raise BudgetExceededError("PriceAPI", problem)
