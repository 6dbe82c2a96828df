"""Danish working days (charlie.core.calendar), with hand-counted figures."""

from __future__ import annotations

import datetime as dt

import holidays
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from charlie.core import calendar
from charlie.core.calendar import (
    COMMON_DAYS_OFF,
    GRUNDLOVSDAG,
    WorkingCalendar,
    danish_public_holidays,
    get_calendar,
    store_bededag,
    working_days,
    working_days_array,
)

D = dt.date


def test_store_bededag_is_the_fourth_friday_after_easter():
    # Easter Sunday 2023 = 9 April; + 26 days = Friday 5 May. 2024: 31 March + 26 = 26 April.
    assert store_bededag(2023) == D(2023, 5, 5)
    assert store_bededag(2024) == D(2024, 4, 26)
    assert store_bededag(2023).weekday() == 4


@pytest.mark.parametrize("year", [2010, 2020, 2022, 2023])
def test_store_bededag_is_a_holiday_up_to_2023(year):
    assert store_bededag(year) in danish_public_holidays(year)
    assert not get_calendar().is_working_day(store_bededag(year))


@pytest.mark.parametrize("year", [2024, 2025, 2030])
def test_store_bededag_is_a_working_day_from_2024(year):
    # Abolished by lov nr. 203 af 28/02/2023.
    assert store_bededag(year) not in danish_public_holidays(year)
    assert get_calendar().is_working_day(store_bededag(year))


def test_installed_holidays_package_already_drops_store_bededag():
    # The installed package agrees with the law; the explicit correction is a safety net.
    assert D(2024, 4, 26) not in holidays.Denmark(years=2024)
    assert D(2023, 5, 5) in holidays.Denmark(years=2023)


def test_store_bededag_is_removed_even_if_the_package_lists_it(monkeypatch):
    real = holidays.Denmark

    def stale_denmark(years):
        result = dict(real(years=years).items())
        for year in years:
            result[store_bededag(year)] = "Store bededag"
        return result

    monkeypatch.setattr(calendar.holidays, "Denmark", lambda years: stale_denmark(years))
    result = calendar._public_holidays([2023, 2024])
    assert D(2023, 5, 5) in result
    assert D(2024, 4, 26) not in result


def test_working_days_per_year_hand_counted():
    # 2023: 260 weekdays. Holidays on weekdays: skærtorsdag 6/4, langfredag 7/4, 2. påskedag
    # 10/4, store bededag 5/5, Kr. himmelfart 18/5, 2. pinsedag 29/5, juledag 25/12 (Mon),
    # 2. juledag 26/12 → 8 (nytårsdag was a Sunday). 260 − 8 = 252.
    assert working_days(D(2023, 1, 1), D(2023, 12, 31)) == 252
    # 2024 (leap year, starts Monday): 262 weekdays. Holidays on weekdays: nytårsdag 1/1 (Mon),
    # 28/3, 29/3, 1/4, Kr. himmelfart 9/5, 2. pinsedag 20/5, 25/12, 26/12 → 8, no store bededag.
    # 262 − 8 = 254.
    assert working_days(D(2024, 1, 1), D(2024, 12, 31)) == 254


def test_grundlovsdag_christmas_eve_and_new_years_eve_are_working_days_by_default():
    cal = get_calendar()
    assert cal.is_working_day(D(2024, 6, 5))  # Wednesday
    assert cal.is_working_day(D(2024, 12, 24))  # Tuesday
    assert cal.is_working_day(D(2024, 12, 31))  # Tuesday
    # Given off by local agreement: all three fall on weekdays in 2024, so 254 − 3 = 251.
    assert working_days(D(2024, 1, 1), D(2024, 12, 31), extra_days_off=COMMON_DAYS_OFF) == 251
    assert working_days(D(2024, 6, 3), D(2024, 6, 7), extra_days_off=[GRUNDLOVSDAG]) == 4


def test_inclusive_ranges_and_empty_ranges():
    # Mon 8 Jan 2024 .. Sun 14 Jan 2024 → Mon–Fri = 5.
    assert working_days(D(2024, 1, 8), D(2024, 1, 14)) == 5
    assert working_days(D(2024, 1, 8), D(2024, 1, 8)) == 1
    assert working_days(D(2024, 1, 13), D(2024, 1, 14)) == 0  # weekend
    assert working_days(D(2024, 1, 9), D(2024, 1, 8)) == 0  # end before start
    # Easter week 2024: Mon 25/3 .. Mon 1/4: 25, 26, 27 work; 28, 29 holidays; 1/4 holiday.
    assert working_days(D(2024, 3, 25), D(2024, 4, 1)) == 3


def test_dates_outside_the_span_are_refused():
    with pytest.raises(ValueError, match="mellem"):
        working_days(D(1900, 1, 1), D(1900, 12, 31))
    with pytest.raises(ValueError):
        working_days_array(
            np.array(["2200-01-01"], dtype="datetime64[D]"),
            np.array(["2200-01-05"], dtype="datetime64[D]"),
        )


def test_calendar_is_cached_per_set_of_extra_days():
    assert get_calendar() is get_calendar(())
    assert get_calendar(COMMON_DAYS_OFF) is not get_calendar()
    assert isinstance(get_calendar(), WorkingCalendar)


dates = st.dates(min_value=D(1990, 1, 1), max_value=D(2060, 12, 31))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(dates, st.integers(-5, 800)), min_size=1, max_size=30))
def test_vectorised_equals_scalar_and_busday_count(ranges):
    starts = np.array([s for s, _ in ranges], dtype="datetime64[D]")
    ends = starts + np.array([n for _, n in ranges], dtype="timedelta64[D]")
    fast = working_days_array(starts, ends)
    cal = get_calendar()
    assert fast.tolist() == cal.working_days_busday(starts, ends).tolist()
    scalar = [working_days(s.item(), e.item()) for s, e in zip(starts, ends, strict=True)]
    assert fast.tolist() == scalar


@settings(max_examples=60, deadline=None)
@given(dates, st.integers(0, 400), st.integers(0, 400))
def test_adjacent_ranges_add_up(start, a, b):
    mid = start + dt.timedelta(days=a)
    end = mid + dt.timedelta(days=b + 1)
    assert working_days(start, end) == working_days(start, mid) + working_days(
        mid + dt.timedelta(days=1), end
    )
