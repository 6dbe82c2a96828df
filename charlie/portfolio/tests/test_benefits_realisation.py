"""The pure rules of benefits realisation (``portfolio.realisation``), against figures worked by
hand."""

from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from charlie.portfolio import realisation as r


def test_quarters_from_the_first_day_the_last_one_cut_at_the_end():
    assert r.period_bounds(date(2027, 2, 1), date(2027, 12, 31), 3) == [
        (date(2027, 2, 1), date(2027, 4, 30)),
        (date(2027, 5, 1), date(2027, 7, 31)),
        (date(2027, 8, 1), date(2027, 10, 31)),
        (date(2027, 11, 1), date(2027, 12, 31)),
    ]


def test_years_and_a_31st_stepping_through_february():
    assert r.period_bounds(date(2027, 1, 1), date(2028, 12, 31), 12) == [
        (date(2027, 1, 1), date(2027, 12, 31)),
        (date(2028, 1, 1), date(2028, 12, 31)),
    ]
    assert r.add_months(date(2027, 1, 31), 1) == date(2027, 2, 28)
    assert r.add_months(date(2028, 1, 31), 1) == date(2028, 2, 29)
    assert r.add_months(date(2027, 12, 15), 3) == date(2028, 3, 15)


def test_bad_bounds_are_refused():
    with pytest.raises(ValueError):
        r.period_bounds(date(2027, 1, 2), date(2027, 1, 1), 3)
    with pytest.raises(ValueError):
        r.period_bounds(date(2027, 1, 1), date(2027, 12, 31), 0)
    with pytest.raises(ValueError, match="more than"):
        r.period_bounds(date(2000, 1, 1), date(2030, 1, 1), 3)  # 121 quarters


@settings(suppress_health_check=[HealthCheck.too_slow], max_examples=60, deadline=None)
@given(
    start=st.dates(min_value=date(2000, 1, 1), max_value=date(2040, 12, 31)),
    days=st.integers(min_value=0, max_value=3000),
    months=st.sampled_from([3, 12]),
)
def test_periods_tile_the_benefit_without_gaps(start, days, months):
    from datetime import timedelta

    end = start + timedelta(days=days)
    bounds = r.period_bounds(start, end, months)
    assert bounds[0][0] == start and bounds[-1][1] == end
    for (_a, b), (c, _d) in itertools.pairwise(bounds):
        assert c == b + timedelta(days=1)
    assert all(a <= b for a, b in bounds)


def test_plan_against_realised_by_hand():
    on = date(2027, 7, 1)
    periods = [
        r.Period(date(2027, 1, 1), date(2027, 3, 31), Decimal(300), Decimal(250)),
        r.Period(date(2027, 4, 1), date(2027, 6, 30), Decimal(300), None),  # due, missing
        r.Period(date(2027, 7, 1), date(2027, 9, 30), Decimal(400), Decimal(100)),  # early
        r.Period(date(2027, 10, 1), date(2027, 12, 31), Decimal(400), None),
    ]
    s = r.summarise(periods, on)
    assert s.planned_total == Decimal(1400)
    # Due: Q1 and Q2 (300 + 300); Q3 has a value entered early (400): 1000 planned so far.
    assert s.planned_so_far == Decimal(1000)
    assert s.realised_so_far == Decimal(350)
    assert (s.due, s.missing) == (2, 1)
    assert s.share == pytest.approx(0.35)
    assert s.difference == Decimal(-650)


def test_nothing_planned_so_far_has_no_share_and_combine_adds_up():
    s = r.summarise([r.Period(date(2027, 1, 1), date(2027, 3, 31), Decimal(10))], date(2026, 1, 1))
    assert s.share is None and s.planned_so_far == 0
    both = r.combine([s, r.Summary(Decimal(5), Decimal(5), Decimal(4), 1, 0)])
    assert both == r.Summary(Decimal(15), Decimal(5), Decimal(4), 1, 0)
    assert both.share == pytest.approx(0.8)
