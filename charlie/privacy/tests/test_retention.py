"""The pure date logic of the retention rules, with dates worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.privacy.retention import (
    count_by_year,
    cutoff,
    is_past,
    years_before,
    years_in_range,
)

TODAY = date(2026, 11, 23)


def test_ended_exactly_n_years_ago_is_not_yet_past():
    assert not is_past(date(2021, 11, 23), TODAY, 5)


def test_one_day_more_is_past():
    assert is_past(date(2021, 11, 22), TODAY, 5)


def test_ended_later_is_not_past():
    assert not is_past(date(2021, 11, 24), TODAY, 5)
    assert not is_past(date(2026, 1, 1), TODAY, 5)


def test_an_open_period_is_never_past():
    assert not is_past(None, TODAY, 1)


def test_cutoff_is_the_same_day_n_years_earlier():
    assert cutoff(TODAY, 5) == date(2021, 11, 23)
    assert cutoff(TODAY, 0) == TODAY


def test_29_february_becomes_1_march():
    assert years_before(date(2024, 2, 29), 1) == date(2023, 3, 1)
    assert years_before(date(2024, 2, 29), 4) == date(2020, 2, 29)
    # On 29 February 2024 an item that ended 28 February 2023 is one year and a day old.
    assert is_past(date(2023, 2, 28), date(2024, 2, 29), 1)
    assert not is_past(date(2023, 3, 1), date(2024, 2, 29), 1)
    assert not is_past(date(2023, 2, 28), date(2024, 2, 28), 1)


def test_ended_on_29_february_is_past_from_1_march_five_years_on():
    end = date(2020, 2, 29)
    assert not is_past(end, date(2025, 2, 28), 5)
    assert is_past(end, date(2025, 3, 1), 5)


def test_negative_years_are_refused():
    with pytest.raises(ValueError):
        cutoff(TODAY, -1)


def test_years_in_range():
    assert not years_in_range(0)
    assert years_in_range(1)
    assert years_in_range(50)
    assert not years_in_range(51)


def test_count_by_year_oldest_first():
    ends = [date(2019, 5, 1), date(2017, 1, 1), date(2019, 12, 31), date(2018, 6, 6)]
    assert count_by_year(ends) == {2017: 1, 2018: 1, 2019: 2}
    assert list(count_by_year(ends)) == [2017, 2018, 2019]
    assert count_by_year([]) == {}


@given(
    end=st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31)),
    years=st.integers(min_value=1, max_value=50),
)
def test_past_from_the_day_after_the_anniversary(end, years):
    """Whatever the end date, the item is not past on its anniversary and past ever after."""
    anniversary = end.replace(year=end.year + years) if (end.month, end.day) != (2, 29) else None
    if anniversary is None:  # 29 February: the anniversary is 28 February or 29 February
        anniversary = date(end.year + years, 3, 1) - timedelta(days=1)
    assert not is_past(end, anniversary, years)
    assert is_past(end, anniversary + timedelta(days=1), years)
    assert not is_past(end, anniversary - timedelta(days=1), years)
