"""The pure prioritisation (``portfolio.prioritise``): small cases worked by hand, and properties
checked against every subset of small random portfolios."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charlie.portfolio.prioritise import (
    INFEASIBLE,
    OPTIMAL,
    CriterionSpec,
    Item,
    Limits,
    PrioritisationError,
    Problem,
    feasible,
    greedy,
    relaxation,
    scale,
    solve,
    values,
)


def one_year(key, value, cost, *, hours=0.0, depends_on=(), must_do=False):
    return Item(key, value, (cost,), (hours,), tuple(depends_on), must_do)


def test_a_dependency_brings_what_it_needs():
    # Budget 200. A (4, 100 kr.) needs B (1, 100 kr.); C is worth 3.5 for 100 kr. A and C would
    # be worth 7.5 but A cannot come without B: {A, B} = 5 beats {B, C} = 4.5 and {C} = 3.5.
    items = [
        one_year(1, 4.0, 100, depends_on=[2]),
        one_year(2, 1.0, 100),
        one_year(3, 3.5, 100),
    ]
    result = solve(items, Limits.every_year(2027, 1, 200, None))
    assert result.status == OPTIMAL
    assert result.chosen == (1, 2)
    assert result.value == pytest.approx(5.0)
    assert result.costs == (200.0,)
    assert result.reasons[1].code == "chosen"
    assert result.reasons[2].code == "required"
    assert result.reasons[2].keys == (1,)
    c = result.reasons[3]
    assert (c.code, c.year, c.need, c.left) == ("budget", 2027, 100.0, 0.0)


def test_an_initiative_whose_dependency_does_not_fit_is_not_chosen_for_that_reason():
    # Budget 200. D (5, 50 kr.) needs E (0, 200 kr.): together 250 > 200. F (2, 150 kr.) fits.
    items = [
        one_year(1, 5.0, 50, depends_on=[2]),
        one_year(2, 0.0, 200),
        one_year(3, 2.0, 150),
    ]
    result = solve(items, Limits.every_year(2027, 1, 200, None))
    assert result.chosen == (3,)
    assert result.reasons[1].code == "dependency"
    assert result.reasons[1].keys == (2,)
    assert (result.reasons[2].code, result.reasons[2].need, result.reasons[2].left) == (
        "budget",
        200.0,
        50.0,
    )


def test_a_must_do_is_chosen_even_with_no_value():
    # Budget 200. The must-do M (0, 150 kr.) leaves 50: X (3, 100 kr.) no longer fits, Y (50)
    # does and uses the rest.
    items = [
        one_year(1, 0.0, 150, must_do=True),
        one_year(2, 3.0, 100),
        one_year(3, 2.0, 50),
    ]
    result = solve(items, Limits.every_year(2027, 1, 200, None))
    assert result.status == OPTIMAL
    assert result.chosen == (1, 3)
    assert result.value == pytest.approx(2.0)
    assert result.reasons[1].code == "must_do"
    assert (result.reasons[2].code, result.reasons[2].need, result.reasons[2].left) == (
        "budget",
        100.0,
        0.0,
    )
    # Without the must-do the optimiser would have taken X and Y (5).
    free = solve(items[1:], Limits.every_year(2027, 1, 200, None))
    assert free.chosen == (2, 3)


def test_the_binding_year_is_the_one_named():
    # Budgets 100 in 2027 and 200 in 2028. P costs (100, 0), Q (0, 100), R (60, 60).
    # {P, Q} = 6 costs (100, 100); {Q, R} = 7 costs (60, 160); P with R costs 160 in 2027.
    # So {Q, R}; P would need 100 in 2027 where 40 is left (2028 has room).
    items = [
        Item(1, 3.0, (100.0, 0.0), (0.0, 0.0)),
        Item(2, 3.0, (0.0, 100.0), (0.0, 0.0)),
        Item(3, 4.0, (60.0, 60.0), (0.0, 0.0)),
    ]
    limits = Limits(2027, (100.0, 200.0), (None, None))
    result = solve(items, limits)
    assert result.chosen == (2, 3)
    assert result.costs == (60.0, 160.0)
    reason = result.reasons[1]
    assert (reason.code, reason.year, reason.need, reason.left) == ("budget", 2027, 100.0, 40.0)
    # With 2028's budget at 150, {Q, R} costs 160 there: {P, Q} = 6 it is, and R is stopped by
    # 2027 (60 needed, 0 left) before 2028 is looked at.
    tighter = solve(items, Limits(2027, (100.0, 150.0), (None, None)))
    assert tighter.chosen == (1, 2)
    assert (tighter.reasons[3].code, tighter.reasons[3].year) == ("budget", 2027)


def test_hours_bind_when_the_money_is_there():
    # Plenty of money; 1,000 of our own hours. A (3, 800 h), B (2, 500 h), C (2, 400 h):
    # {B, C} = 4 in 900 hours beats {A} = 3.
    items = [
        one_year(1, 3.0, 10, hours=800),
        one_year(2, 2.0, 10, hours=500),
        one_year(3, 2.0, 10, hours=400),
    ]
    result = solve(items, Limits.every_year(2027, 1, 1_000_000, 1000))
    assert result.chosen == (2, 3)
    assert result.hours == (900.0,)
    reason = result.reasons[1]
    assert (reason.code, reason.year, reason.need, reason.left) == ("hours", 2027, 800.0, 100.0)


def test_must_dos_that_cannot_fit_are_reported_with_year_and_amounts():
    # Must-dos 1 (150 kr.) and 2 (100 kr., which needs 3 at 80 kr.) in a budget of 200, and
    # 2's 60 hours over a limit of 50 in the second year.
    items = [
        Item(1, 1.0, (150.0, 0.0), (0.0, 0.0), (), True),
        Item(2, 1.0, (100.0, 0.0), (0.0, 60.0), (3,), True),
        Item(3, 1.0, (80.0, 0.0), (0.0, 0.0)),
        Item(4, 5.0, (1.0, 0.0), (0.0, 0.0)),
    ]
    limits = Limits(2027, (200.0, 200.0), (None, 50.0))
    for result in (solve(items, limits), greedy(items, limits)):
        assert result.status == INFEASIBLE
        assert result.chosen == ()
        assert result.problems == (
            Problem("budget", 2027, 330.0, 200.0, (1, 2, 3)),
            Problem("hours", 2028, 60.0, 50.0, (1, 2, 3)),
        )


def test_greedy_takes_value_per_krone_and_can_miss_the_best():
    # Budget 100. A (6, 100 kr.) is worth 0.06 a krone; B (4, 60) 0.067 and C (1, 40) 0.025.
    # Greedy takes B then C (5); the optimum is A (6).
    items = [one_year(1, 6.0, 100), one_year(2, 4.0, 60), one_year(3, 1.0, 40)]
    limits = Limits.every_year(2027, 1, 100, None)
    assert greedy(items, limits).chosen == (2, 3)
    exact = solve(items, limits)
    assert exact.chosen == (1,)
    assert exact.reasons[2].code == "budget"
    assert exact.reasons[2].cheaper is False  # B is worth more a krone than A: not the reason


def test_the_relaxation_bounds_the_value_and_prices_each_initiative():
    # Budget 150, three initiatives of 100 kr. worth 3, 2 and 1. The relaxation takes the first
    # whole and half the second: 3 + 2 / 2 = 4, with the krone priced at 2 / 100 (the second's
    # value per krone, the one it stops at). Reduced costs: 3 − 100 · 0.02 = 1, 2 − 2 = 0 and
    # 1 − 2 = −1. The best set is {1} = 3, so the gap 4 − 3 = 1 decides no initiative: the
    # proof of optimality has to try them (none has a reduced cost larger than 1 in size).
    items = [one_year(1, 3.0, 100), one_year(2, 2.0, 100), one_year(3, 1.0, 100)]
    limits = Limits.every_year(2027, 1, 150, None)
    bound, reduced = relaxation(items, limits)
    assert bound == pytest.approx(4.0)
    assert list(reduced) == pytest.approx([1.0, 0.0, -1.0])
    assert solve(items, limits).value == pytest.approx(3.0)
    with pytest.raises(PrioritisationError, match="budget of 2027"):
        relaxation([one_year(1, 1.0, 200, must_do=True)], limits)


def test_no_limits_chooses_everything_of_value():
    items = [one_year(1, 2.0, 10), one_year(2, 0.0, 10)]
    result = solve(items, Limits.every_year(2027, 1, None, None))
    assert result.chosen in {(1,), (1, 2)}
    if 2 not in result.chosen:
        assert result.reasons[2].code == "no_value"


def test_bad_input_lists_every_problem():
    with pytest.raises(PrioritisationError) as error:
        solve(
            [Item(1, 1.0, (1.0,), (1.0,), (9,)), Item(1, float("nan"), (1.0, 2.0), (1.0,))],
            Limits.every_year(2027, 1, 10, None),
        )
    assert len(error.value.problems) == 4


def test_values_scale_computed_criteria_and_turn_lower_is_better_round():
    assert scale({1: 100.0, 2: 300.0, 3: 200.0, 4: None}) == {1: 0.0, 2: 5.0, 3: 2.5, 4: 0.0}
    assert scale({1: 7.0, 2: 7.0}) == {1: 2.5, 2: 2.5}
    criteria = [
        CriterionSpec("npv", 2.0, scaled=True),
        CriterionSpec("risk", 1.0, higher_is_better=False),
        CriterionSpec("fit", 1.0),
    ]
    scores = {
        1: {"npv": 1_000_000.0, "risk": 4.0, "fit": 5.0},
        2: {"npv": -500_000.0, "risk": 1.0, "fit": None},
    }
    result = values(criteria, scores)
    # 1: npv 5, risk 5 − 4 = 1, fit 5 → (2·5 + 1 + 5) / 4 = 4.
    # 2: npv 0, risk 5 − 1 = 4, fit missing 0 → (0 + 4 + 0) / 4 = 1.
    assert result[1] == {"npv": 5.0, "risk": 1.0, "fit": 5.0, "total": 4.0}
    assert result[2] == {"npv": 0.0, "risk": 4.0, "fit": 0.0, "total": 1.0}


# --- Properties --------------------------------------------------------------------------------


@st.composite
def portfolios(draw):
    n = draw(st.integers(1, 7))
    years = draw(st.integers(1, 3))
    amount = st.integers(0, 100).map(float)
    items = []
    for key in range(1, n + 1):
        earlier = list(range(1, key))
        depends_on = (
            draw(st.lists(st.sampled_from(earlier), max_size=2, unique=True)) if earlier else []
        )
        items.append(
            Item(
                key,
                float(draw(st.integers(0, 50))) / 10,
                tuple(draw(st.lists(amount, min_size=years, max_size=years))),
                tuple(draw(st.lists(amount, min_size=years, max_size=years))),
                tuple(depends_on),
                draw(st.integers(0, 9)) == 0,
            )
        )
    limit = st.one_of(st.none(), st.integers(0, 300).map(float))
    budget = tuple(draw(st.lists(limit, min_size=years, max_size=years)))
    hours = tuple(draw(st.lists(limit, min_size=years, max_size=years)))
    return items, Limits(2027, budget, hours)


def best_by_enumeration(items, limits):
    best = None
    keys = [item.key for item in items]
    value = {item.key: item.value for item in items}
    for r in range(len(keys) + 1):
        for subset in itertools.combinations(keys, r):
            if not feasible(items, limits, subset):
                total = sum(value[k] for k in subset)
                best = total if best is None or total > best else best
    return best


@settings(max_examples=150, deadline=None)
@given(portfolios())
def test_exact_is_optimal_never_below_greedy_and_within_every_limit(portfolio):
    items, limits = portfolio
    exact = solve(items, limits)
    heuristic = greedy(items, limits)
    best = best_by_enumeration(items, limits)
    if best is None:
        assert exact.status == heuristic.status == INFEASIBLE
        assert exact.problems
        return
    assert exact.status == OPTIMAL
    assert feasible(items, limits, exact.chosen) == []
    assert feasible(items, limits, heuristic.chosen) == []
    assert exact.value == pytest.approx(best, abs=1e-6)
    assert exact.value >= heuristic.value - 1e-9
    # The relaxation bounds the best value, and an initiative whose reduced cost is larger in
    # size than the gap is decided by its sign in every best set (reduced-cost fixing).
    bound, reduced = relaxation(items, limits)
    assert bound >= best - 1e-6
    for item, cost in zip(items, reduced, strict=True):
        if abs(cost) > bound - best + 1e-6 and not item.must_do:
            assert (item.key in exact.chosen) == (cost > 0)
    # Every initiative has a reason, chosen ones a chosen reason, the others not.
    assert set(exact.reasons) == {item.key for item in items}
    for key, reason in exact.reasons.items():
        assert reason.chosen == (key in exact.chosen)
        assert reason.code != "fits"  # a proven optimum leaves nothing that fits unchosen


def test_highs_prints_nothing_to_standard_output():
    """HiGHS writes its banner to file descriptor 1 when the first instance is made; that would
    break ``charlie portfolio prioritise --format json`` piped to another program."""
    import subprocess
    import sys
    from pathlib import Path

    code = (
        "from charlie.portfolio.prioritise import Item, Limits, solve\n"
        "r = solve([Item(1, 1.0, (1.0,), (0.0,))], Limits.every_year(2027, 1, 5, None))\n"
        "print(r.status)\n"
    )
    root = Path(__file__).resolve().parents[3]
    done = subprocess.run(  # noqa: S603 (our own interpreter and code)
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True
    )
    assert done.stdout == "optimal\n"
