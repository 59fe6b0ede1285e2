"""Planning: chunks, cost, budget/quota checks, what the journal takes away."""

from __future__ import annotations

import pytest

from pricelookup.errors import BudgetExceededError, QuotaExceededError
from pricelookup.run.plan import (
    MAX_VALUES_PER_JOB,
    check_budget,
    chunk_values,
    cost_may_exceed_estimate,
    estimate_credits,
    job_count,
    make_plan,
    unique_in_order,
)
from pricelookup.settings import RunSettings


def test_chunks_are_at_most_1000_and_keep_order() -> None:
    values = [f"{i:014d}" for i in range(2500)]
    chunks = chunk_values(values)
    assert [len(c) for c in chunks] == [1000, 1000, 500]
    assert [v for c in chunks for v in c] == values
    assert job_count(2500) == 3 and job_count(1000) == 1 and job_count(0) == 0
    with pytest.raises(ValueError):
        chunk_values(values, MAX_VALUES_PER_JOB + 1)


def test_unique_in_order() -> None:
    assert unique_in_order(["b", "a", "b", "c", "a"]) == ["b", "a", "c"]


@pytest.mark.parametrize(
    ("completeness", "currentness", "credits", "more"),
    [
        ("one_page", "daily_updated", 300, False),
        ("one_page", "realtime", 600, False),
        ("all_pages", "daily_updated", 300, True),
        ("at_least_two_shops", "realtime", 600, True),
    ],
)
def test_cost_is_values_times_pages_times_two_for_realtime(completeness: str, currentness: str, credits: int,
                                                           more: bool) -> None:
    s = RunSettings(completeness=completeness, currentness=currentness)  # type: ignore[arg-type]
    assert estimate_credits(300, s) == credits
    assert cost_may_exceed_estimate(s) is more


def test_over_quota_or_budget_stops_with_the_numbers() -> None:
    s = RunSettings()
    check_budget(100, remaining_today=100, budget=None, settings=s, n_values=100)  # exactly fits
    with pytest.raises(BudgetExceededError) as e:
        check_budget(2500, remaining_today=1000, budget=None, settings=s, n_values=2500)
    msg = str(e.value)
    assert "2,500 credits" in msg and "1,000" in msg and "Nothing was submitted" in msg
    assert msg.startswith("PriceAPI:")
    assert isinstance(e.value, QuotaExceededError)
    with pytest.raises(BudgetExceededError, match="budget is 10 credits"):
        check_budget(20, remaining_today=None, budget=10, settings=RunSettings(currentness="realtime"), n_values=10)
    with pytest.raises(BudgetExceededError, match="at least 20 credits"):
        check_budget(20, remaining_today=5, budget=None, settings=RunSettings(completeness="all_pages"), n_values=20)
    check_budget(0, remaining_today=0, budget=0, settings=s, n_values=0)  # nothing to pay: fine


def test_plan_takes_away_what_the_journal_knows() -> None:
    codes = ["a", "b", "c", "d", "e", "a"]
    plan = make_plan(codes, answered={"a"}, in_flight={"b", "a"}, cached={"c", "b"}, uncertain={"d"})
    assert plan.codes == ("a", "b", "c", "d", "e")
    assert plan.answered == {"a"}
    assert plan.in_flight == {"b"}
    assert plan.cached == {"c"}
    assert plan.uncertain == {"d"}
    assert plan.to_submit == ("e",)
    resend = make_plan(codes, uncertain={"d"}, resend_uncertain=True)
    assert resend.to_submit == ("a", "b", "c", "d", "e") and resend.uncertain == frozenset()
    assert make_plan([f"{i}" for i in range(1001)]).chunks[1] == ("1000",)
