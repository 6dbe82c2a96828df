"""The pure date logic of the retention rules, with dates worked out by hand."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.core.calendar import add_months
from charlie.privacy.retention import (
    count_by_year,
    cutoff,
    cutoff_months,
    is_past,
    period_cutoff,
    period_in_range,
    period_range,
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


# --- Months ---


def test_ended_exactly_six_months_ago_is_not_yet_past():
    """On 23 November 2026, 6 months back is 23 May 2026: ended then, not yet past; 22 May: past."""
    assert cutoff_months(TODAY, 6) == date(2026, 5, 23)
    assert not is_past(date(2026, 5, 23), TODAY, 6, "months")
    assert is_past(date(2026, 5, 22), TODAY, 6, "months")
    assert not is_past(None, TODAY, 6, "months")


def test_six_months_at_the_end_of_august():
    """28 February 2027 + 6 months = 28 August 2027. On 28 August it ended exactly 6 months ago
    (not past; 27 February is); from 29 August on it is past. On 31 August 2027, 6 months back
    is 28 February 2027 clamped, so the cutoff is the day after: 1 March 2027, which is not past
    (1 March + 6 months = 1 September)."""
    assert cutoff_months(date(2027, 8, 28), 6) == date(2027, 2, 28)
    assert not is_past(date(2027, 2, 28), date(2027, 8, 28), 6, "months")
    assert is_past(date(2027, 2, 27), date(2027, 8, 28), 6, "months")
    assert is_past(date(2027, 2, 28), date(2027, 8, 29), 6, "months")
    assert cutoff_months(date(2027, 8, 31), 6) == date(2027, 3, 1)
    assert is_past(date(2027, 2, 28), date(2027, 8, 31), 6, "months")
    assert not is_past(date(2027, 3, 1), date(2027, 8, 31), 6, "months")
    assert not is_past(date(2027, 3, 1), date(2027, 9, 1), 6, "months")
    assert is_past(date(2027, 3, 1), date(2027, 9, 2), 6, "months")


def test_months_in_a_leap_year_and_across_new_year():
    """31 August 2028 − 6 months: 29 February 2028 (a leap year), clamped → cutoff 1 March 2028.
    15 January 2027 − 6 months = 15 July 2026. 31 March 2027 − 1 month: 28 February → 1 March."""
    assert cutoff_months(date(2028, 8, 31), 6) == date(2028, 3, 1)
    assert cutoff_months(date(2028, 8, 29), 6) == date(2028, 2, 29)
    assert cutoff_months(date(2027, 1, 15), 6) == date(2026, 7, 15)
    assert cutoff_months(date(2027, 3, 31), 1) == date(2027, 3, 1)
    assert cutoff_months(date(2027, 3, 31), 0) == date(2027, 3, 31)
    with pytest.raises(ValueError):
        cutoff_months(TODAY, -1)


def test_twelve_months_are_one_year_also_on_29_february():
    assert cutoff_months(date(2024, 2, 29), 12) == years_before(date(2024, 2, 29), 1)
    assert cutoff_months(date(2024, 2, 29), 48) == date(2020, 2, 29)
    assert period_cutoff(TODAY, 6, "months") == date(2026, 5, 23)
    assert period_cutoff(TODAY, 6, "years") == date(2020, 11, 23)


def test_periods_in_range():
    assert period_range("years") == (1, 50) and period_range("months") == (1, 600)
    assert not period_in_range(0, "months")
    assert period_in_range(1, "months") and period_in_range(600, "months")
    assert not period_in_range(601, "months")
    assert period_in_range(36, "months") and not period_in_range(51, "years")


@given(
    end=st.dates(min_value=date(1951, 1, 1), max_value=date(2099, 12, 31)),
    months=st.integers(min_value=1, max_value=600),
)
def test_past_from_the_day_after_the_month_anniversary(end, months):
    """Not past on ``end`` + N months (clamped), past from the day after."""
    anniversary = add_months(end, months)
    assert not is_past(end, anniversary, months, "months")
    assert is_past(end, anniversary + timedelta(days=1), months, "months")
    assert not is_past(end, anniversary - timedelta(days=1), months, "months")


@given(
    today=st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 12, 31)),
    years=st.integers(min_value=1, max_value=50),
)
def test_twelve_n_months_are_n_years(today, years):
    assert cutoff_months(today, 12 * years) == cutoff(today, years)
