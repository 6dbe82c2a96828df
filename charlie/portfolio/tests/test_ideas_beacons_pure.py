"""A beacon's progress (``portfolio.beacons``, pure): figures worked by hand, and properties."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.portfolio import beacons as b

D = dt.date
START, END = D(2025, 1, 1), D(2029, 1, 1)  # 1,461 days


def _p(latest, *, on, baseline="40", target="80", latest_on=None):
    return b.progress(
        baseline=Decimal(baseline),
        target=Decimal(target),
        baseline_on=START,
        deadline=END,
        latest=None if latest is None else Decimal(latest),
        latest_on=latest_on or on,
        on=on,
    )


def test_half_the_way_at_half_the_time_is_on_track():
    # 2027-01-01 is day 730 of 1,461 (2028 is a leap year): 49.97 % of the time; 60 on the way
    # from 40 to 80 is 50 % of the way: on track. A day later, 731/1,461 = 50.03 %: behind.
    p = _p("60", on=D(2027, 1, 1))
    assert p.share == 0.5
    assert p.expected_share == pytest.approx(730 / 1461)
    assert p.status == b.ON_TRACK
    assert _p("60", on=D(2027, 1, 2)).status == b.BEHIND
    assert p.bar_percent == 50 and p.remaining == Decimal(20)


def test_a_target_below_the_baseline_counts_the_way_down():
    # Hours spent on re-keying: 1,000 → 400. At 700 half the way is covered.
    p = _p("700", on=D(2026, 1, 1), baseline="1000", target="400")
    assert p.share == 0.5 and p.status == b.ON_TRACK
    assert p.remaining == Decimal(300)
    worse = _p("1100", on=D(2026, 1, 1), baseline="1000", target="400")
    assert worse.share == pytest.approx(-1 / 6) and worse.bar_percent == 0
    assert worse.status == b.BEHIND


def test_reached_beyond_the_target_and_after_the_deadline():
    p = _p("90", on=D(2030, 1, 1))
    assert p.share == 1.25 and p.status == b.REACHED and p.bar_percent == 100
    assert p.remaining == 0
    assert _p("79", on=D(2030, 1, 1)).status == b.MISSED


def test_no_measurement():
    p = _p(None, on=D(2026, 1, 1))
    assert p.share is None and p.status == b.NO_MEASUREMENT and p.bar_percent == 0
    assert p.percent is None and p.remaining is None
    assert _p(None, on=D(2029, 1, 2)).status == b.MISSED


def test_time_share_edges():
    assert b.time_share(START, END, D(2024, 1, 1)) == 0.0
    assert b.time_share(START, END, D(2030, 1, 1)) == 1.0
    assert b.time_share(START, START, START) == 1.0
    assert b.time_share(START, START, D(2024, 12, 31)) == 0.0


def test_holding_a_level():
    assert b.way_share(Decimal(5), Decimal(5), Decimal(5)) == 1.0
    assert b.way_share(Decimal(5), Decimal(5), Decimal(4)) == 0.0


values = st.decimals(min_value=-10_000, max_value=10_000, places=2, allow_nan=False)


@given(values, values, values, values)
def test_the_share_grows_as_the_value_moves_toward_the_target(baseline, target, x, y):
    if baseline == target:
        return
    lo, hi = sorted((x, y))
    toward = (lo, hi) if target > baseline else (hi, lo)
    assert b.way_share(baseline, target, toward[0]) <= b.way_share(baseline, target, toward[1])


@given(values, values, st.dates(D(2020, 1, 1), D(2035, 1, 1)))
def test_at_the_target_it_is_reached_and_the_bar_is_within_0_100(baseline, target, on):
    p = b.progress(
        baseline=baseline,
        target=target,
        baseline_on=START,
        deadline=END,
        latest=target,
        latest_on=on,
        on=on,
    )
    assert p.status == b.REACHED and p.bar_percent == 100
    assert 0.0 <= p.expected_share <= 1.0
