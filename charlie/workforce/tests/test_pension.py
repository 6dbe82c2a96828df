"""Retirement ages (pensionsloven § 1 a, efterløn, tidlig pension, seniorpension), by hand.

Every expected date below is birth + the age in years and months, same day of the month; where
that day does not exist, the 1st of the next month (the module's convention). Calendar facts used:
leap years among those below: 1952, 1956, 1960, 1964, 1968, 1972, 2000, 2032, 2036 (divisible by
4; 2000 also by 400). Not leap: 2017, 2023, 2025, 2027, 2029, 2037, 2039, 2042, 2070.
September and November have 30 days.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.workforce.pension import (
    Age,
    efterloen,
    first_of_next_month,
    folkepension,
    folkepension_age,
    folkepension_ages,
    folkepension_date,
    folkepension_dates,
    folkepension_payable_from,
    folkepension_years,
    seniorpension_window,
    tidlig_pension_seniority,
    tidlig_pension_window,
)

# --- Age ----------------------------------------------------------------------------------------


def test_age_display_and_years():
    assert str(Age(65, 6)) == "65½"
    assert str(Age(67)) == "67"
    assert str(Age(65, 3)) == "65 år og 3 mdr."
    assert Age(65, 6).as_years() == 65.5
    assert Age(67).as_years() == 67.0
    assert Age(66, 6).minus(years=6, months=6) == Age(60)
    assert Age(70).minus(years=3) == Age(67)


@pytest.mark.parametrize(("years", "months"), [(-1, 0), (65, 12), (65, -1)])
def test_age_rejects_impossible_values(years, months):
    with pytest.raises(ValueError):
        Age(years, months)


# --- Folkepensionsalder: the table, worked out by hand -----------------------------------------

# (birth, expected age, expected day reached)
FOLKEPENSION_CASES = [
    # Born before 1 Jul 1939: 67 (lov nr. 287 af 12.05.1999). 30 Jun 1939 + 67 y.
    (date(1939, 6, 30), Age(67), date(2006, 6, 30)),
    # First cohort with 65: 1 Jul 1939 + 65 y.
    (date(1939, 7, 1), Age(65), date(2004, 7, 1)),
    # 29 Feb 1952 + 65 y = 29 Feb 2017, which does not exist → 1 Mar 2017.
    (date(1952, 2, 29), Age(65), date(2017, 3, 1)),
    (date(1953, 12, 31), Age(65), date(2018, 12, 31)),
    # 65½: 1 Jan 1954 + 65 y 6 m = 1 Jul 2019.
    (date(1954, 1, 1), Age(65, 6), date(2019, 7, 1)),
    # 31 Mar 1954 + 65 y 6 m = 31 Sep 2019 (no such day) → 1 Oct 2019.
    (date(1954, 3, 31), Age(65, 6), date(2019, 10, 1)),
    # 30 Jun 1954 + 65 y 6 m = 30 Dec 2019.
    (date(1954, 6, 30), Age(65, 6), date(2019, 12, 30)),
    (date(1954, 7, 1), Age(66), date(2020, 7, 1)),
    (date(1954, 12, 31), Age(66), date(2020, 12, 31)),
    # 66½: 1 Jan 1955 + 66 y 6 m = 1 Jul 2021.
    (date(1955, 1, 1), Age(66, 6), date(2021, 7, 1)),
    # 31 Mar 1955 + 66 y 6 m = 31 Sep 2021 (no such day) → 1 Oct 2021.
    (date(1955, 3, 31), Age(66, 6), date(2021, 10, 1)),
    # 31 May 1955 + 66 y 6 m = 31 Nov 2021 (no such day) → 1 Dec 2021.
    (date(1955, 5, 31), Age(66, 6), date(2021, 12, 1)),
    # 30 Jun 1955 + 66 y 6 m = 30 Dec 2021.
    (date(1955, 6, 30), Age(66, 6), date(2021, 12, 30)),
    (date(1955, 7, 1), Age(67), date(2022, 7, 1)),
    # 29 Feb 1956 + 67 y = 29 Feb 2023 (2023 not leap) → 1 Mar 2023.
    (date(1956, 2, 29), Age(67), date(2023, 3, 1)),
    # 29 Feb 1960 + 67 y = 29 Feb 2027 (not leap) → 1 Mar 2027.
    (date(1960, 2, 29), Age(67), date(2027, 3, 1)),
    (date(1962, 12, 31), Age(67), date(2029, 12, 31)),
    (date(1963, 1, 1), Age(68), date(2031, 1, 1)),
    # 29 Feb 1964 + 68 y = 29 Feb 2032, a leap year: the day exists.
    (date(1964, 2, 29), Age(68), date(2032, 2, 29)),
    (date(1966, 12, 31), Age(68), date(2034, 12, 31)),
    (date(1967, 1, 1), Age(69), date(2036, 1, 1)),
    # 29 Feb 1968 + 69 y = 29 Feb 2037 (not leap) → 1 Mar 2037.
    (date(1968, 2, 29), Age(69), date(2037, 3, 1)),
    (date(1970, 12, 31), Age(69), date(2039, 12, 31)),
    (date(1971, 1, 1), Age(70), date(2041, 1, 1)),
    # 29 Feb 1972 + 70 y = 29 Feb 2042 (not leap) → 1 Mar 2042.
    (date(1972, 2, 29), Age(70), date(2042, 3, 1)),
    (date(1974, 12, 31), Age(70), date(2044, 12, 31)),
    (date(1975, 1, 1), Age(70), date(2045, 1, 1)),
    (date(1975, 6, 15), Age(70), date(2045, 6, 15)),
    (date(1999, 12, 31), Age(70), date(2069, 12, 31)),
    # 29 Feb 2000 + 70 y = 29 Feb 2070 (not leap) → 1 Mar 2070.
    (date(2000, 2, 29), Age(70), date(2070, 3, 1)),
]


@pytest.mark.parametrize(("birth", "age", "reached"), FOLKEPENSION_CASES)
def test_folkepension_table(birth, age, reached):
    assert folkepension_age(birth) == age
    assert folkepension_date(birth) == reached
    rule = folkepension(birth)
    assert (rule.age, rule.reached_on, rule.legislated) == (age, reached, True)


@pytest.mark.parametrize(("birth", "age", "reached"), FOLKEPENSION_CASES)
def test_vectorised_matches_the_table(birth, age, reached):
    days = np.array([birth.isoformat()], dtype="datetime64[D]")
    assert folkepension_ages(days)[0] == age.as_years()
    assert folkepension_dates(days)[0] == np.datetime64(reached.isoformat(), "D")
    assert folkepension_years(days)[0] == reached.year


def test_notes_say_what_is_uncertain():
    assert folkepension(date(1960, 5, 10)).note == ""
    assert folkepension(date(1974, 12, 31)).note == ""  # 70 is fixed: no review reaches 2044
    assert "kan blive hævet" in str(folkepension(date(1975, 1, 1)).note)
    assert "67-årige" in str(folkepension(date(1939, 6, 30)).note)
    assert "1. oktober 2021" in str(folkepension(date(1955, 3, 31)).note)
    assert "konvention" in str(folkepension(date(1956, 2, 29)).note)
    assert "konvention" not in str(folkepension(date(1964, 2, 29)).note)  # 29 Feb 2032 exists


@pytest.mark.parametrize(
    ("birth", "payable_from"),
    [
        (date(1955, 7, 1), date(2022, 8, 1)),  # reaches 67 on 1 Jul 2022
        (date(1953, 12, 31), date(2019, 1, 1)),  # reaches 65 on 31 Dec 2018: next year
        (date(1956, 2, 29), date(2023, 4, 1)),  # reaches 67 on 1 Mar 2023 (convention)
    ],
)
def test_folkepension_payable_from_the_next_month(birth, payable_from):
    assert folkepension_payable_from(birth) == payable_from


# --- Efterløn -----------------------------------------------------------------------------------

# (birth, age, reached, legislated)
EFTERLOEN_CASES = [
    (date(1953, 12, 31), Age(60), date(2013, 12, 31), True),
    (date(1954, 1, 1), Age(60, 6), date(2014, 7, 1), True),
    (date(1954, 7, 1), Age(61), date(2015, 7, 1), True),
    (date(1955, 1, 1), Age(61, 6), date(2016, 7, 1), True),
    (date(1955, 7, 1), Age(62), date(2017, 7, 1), True),
    (date(1955, 12, 31), Age(62), date(2017, 12, 31), True),
    (date(1956, 1, 1), Age(62, 6), date(2018, 7, 1), True),
    (date(1956, 6, 30), Age(62, 6), date(2018, 12, 30), True),
    (date(1956, 7, 1), Age(63), date(2019, 7, 1), True),
    (date(1958, 12, 31), Age(63), date(2021, 12, 31), True),
    (date(1959, 1, 1), Age(63, 6), date(2022, 7, 1), True),
    # 31 Mar 1959 + 63 y 6 m = 31 Sep 2022 (no such day) → 1 Oct 2022.
    (date(1959, 3, 31), Age(63, 6), date(2022, 10, 1), True),
    (date(1959, 6, 30), Age(63, 6), date(2022, 12, 30), True),
    (date(1959, 7, 1), Age(64), date(2023, 7, 1), True),
    (date(1962, 12, 31), Age(64), date(2026, 12, 31), True),
    (date(1963, 1, 1), Age(65), date(2028, 1, 1), True),
    # 29 Feb 1964 + 65 y = 29 Feb 2029 (not leap) → 1 Mar 2029.
    (date(1964, 2, 29), Age(65), date(2029, 3, 1), True),
    (date(1966, 12, 31), Age(65), date(2031, 12, 31), True),
    (date(1967, 1, 1), Age(66), date(2033, 1, 1), True),
    (date(1970, 12, 31), Age(66), date(2036, 12, 31), True),
    # 1971–1974: 67, shown by Danske A-kasser with an asterisk: not confirmed as law.
    (date(1971, 1, 1), Age(67), date(2038, 1, 1), False),
    (date(1974, 12, 31), Age(67), date(2041, 12, 31), False),
    # 1975+: folkepensionsalder 70 − 3 = 67, a projection.
    (date(1975, 1, 1), Age(67), date(2042, 1, 1), False),
]


@pytest.mark.parametrize(("birth", "age", "reached", "legislated"), EFTERLOEN_CASES)
def test_efterloen_table(birth, age, reached, legislated):
    rule = efterloen(birth)
    assert rule is not None
    assert (rule.age, rule.reached_on, rule.legislated) == (age, reached, legislated)
    assert ("vedtaget" in str(rule.note)) is not legislated


# --- Windows ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("birth", "earliest", "ends", "apply_from", "seniority", "counted_at"),
    [
        # Paid from the 1st of the month after the age is reached (pensionsloven § 33, stk. 3).
        # P = 67 → 15 Mar 2027; 64 → 15 Mar 2024, paid from 1 Apr 2024; 61 → 15 Mar 2021, before
        # applications opened.
        (date(1960, 3, 15), date(2024, 4, 1), date(2027, 3, 15), date(2021, 8, 1), 42, "61"),
        # 1963 applies 7 years before: P = 68 → 10 May 2031; 65 → 10 May 2028, paid from 1 Jun;
        # 61 → 10 May 2024.
        (date(1963, 5, 10), date(2028, 6, 1), date(2031, 5, 10), date(2024, 5, 10), 42, "61"),
        # P = 68 → 10 May 2033; 65 → 10 May 2030, paid from 1 Jun; 6 years before: 62 → 10 May 2027.
        (date(1965, 5, 10), date(2030, 6, 1), date(2033, 5, 10), date(2027, 5, 10), 43, "62"),
        # 1967 applies 7 years before: P = 69 → 2 Feb 2036; 66 → 2 Feb 2033, paid from 1 Mar;
        # 62 → 2 Feb 2029.
        (date(1967, 2, 2), date(2033, 3, 1), date(2036, 2, 2), date(2029, 2, 2), 43, "62"),
        # P = 69 → 3 Mar 2038; 66 → 3 Mar 2035, paid from 1 Apr; 63 → 3 Mar 2032.
        (date(1969, 3, 3), date(2035, 4, 1), date(2038, 3, 3), date(2032, 3, 3), 44, "63"),
        # First cohort: P = 67 → 1 Jul 2022; 64 → 1 Jul 2019 (from 1 Aug 2019), but payments only
        # from 1 Jan 2022; applications 1 Aug 2021.
        (date(1955, 7, 1), date(2022, 1, 1), date(2022, 7, 1), date(2021, 8, 1), 42, "61"),
        # P = 70 → 29 Feb 2042 missing → 1 Mar 2042; 67 → 29 Feb 2039 missing → 1 Mar 2039,
        # paid from 1 Apr 2039; 64 → 29 Feb 2036, a leap day that exists.
        (date(1972, 2, 29), date(2039, 4, 1), date(2042, 3, 1), date(2036, 2, 29), None, "64"),
    ],
)
def test_tidlig_pension_window(birth, earliest, ends, apply_from, seniority, counted_at):
    window = tidlig_pension_window(birth)
    assert window is not None
    assert (window.earliest, window.ends, window.apply_from) == (earliest, ends, apply_from)
    assert f"når du fylder {counted_at} år" in str(window.conditions)
    needed = tidlig_pension_seniority(birth)
    if seniority is None:
        assert needed is None
        assert "ikke bekræftet" in str(window.conditions)
    else:
        assert needed == (seniority, seniority + 1, seniority + 2)
        assert f"mindst {seniority}, {seniority + 1} eller {seniority + 2} år" in str(
            window.conditions
        )


def test_no_tidlig_pension_before_the_first_cohort():
    # 30 Jun 1955 reaches 66½ on 30 Dec 2021, before the first payment on 1 Jan 2022.
    assert tidlig_pension_window(date(1955, 6, 30)) is None
    assert tidlig_pension_seniority(date(1955, 6, 30)) is None
    assert tidlig_pension_window(date(1950, 1, 1)) is None


@pytest.mark.parametrize(
    ("birth", "earliest", "ends", "apply_from"),
    [
        # Paid from the 1st of the month after the age is reached (pensionsloven § 33, stk. 2).
        # P = 67 → 15 Mar 2027; 61 → 15 Mar 2021, paid from 1 Apr 2021; 60½ → 15 Sep 2020.
        (date(1960, 3, 15), date(2021, 4, 1), date(2027, 3, 15), date(2020, 9, 15)),
        # P = 67 → 31 Mar 2029; 61 → 31 Mar 2023, paid from 1 Apr 2023; 60½ → 31 Sep 2022
        # missing → 1 Oct 2022.
        (date(1962, 3, 31), date(2023, 4, 1), date(2029, 3, 31), date(2022, 10, 1)),
        # P = 66 → 1 Jul 2020; 60 → 1 Jul 2014 and 59½ → 1 Jan 2014, both before the scheme.
        (date(1954, 7, 1), date(2020, 1, 1), date(2020, 7, 1), date(2020, 1, 1)),
        # P = 70 → 1 Jan 2045; 64 → 1 Jan 2039, paid from 1 Feb 2039; 63½ → 1 Jul 2038.
        (date(1975, 1, 1), date(2039, 2, 1), date(2045, 1, 1), date(2038, 7, 1)),
    ],
)
def test_seniorpension_window(birth, earliest, ends, apply_from):
    window = seniorpension_window(birth)
    assert window is not None
    assert (window.earliest, window.ends, window.apply_from) == (earliest, ends, apply_from)
    assert "15 timer" in str(window.conditions)


def test_no_seniorpension_for_those_retired_before_2020():
    # 1 Jan 1954 reached 65½ on 1 Jul 2019, before seniorpension began on 1 Jan 2020.
    assert seniorpension_window(date(1954, 1, 1)) is None


# --- Properties over many birth dates ------------------------------------------------------------


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


BIRTHS = st.one_of(
    st.dates(min_value=date(1940, 1, 1), max_value=date(2010, 12, 31)),
    st.builds(
        _month_end,
        st.integers(min_value=1940, max_value=2010),
        st.integers(min_value=1, max_value=12),
    ),
    st.builds(lambda y: date(y, 2, 29), st.sampled_from(range(1940, 2011, 4))),
)


@given(st.lists(BIRTHS, min_size=1, max_size=50))
def test_vectorised_equals_scalar(births):
    days = np.array([b.isoformat() for b in births], dtype="datetime64[D]")
    years = folkepension_years(days)
    dates = folkepension_dates(days)
    ages = folkepension_ages(days)
    for i, birth in enumerate(births):
        assert years[i] == folkepension_date(birth).year
        assert dates[i] == np.datetime64(folkepension_date(birth).isoformat(), "D")
        assert ages[i] == folkepension_age(birth).as_years()


@given(st.lists(BIRTHS, min_size=1, max_size=20))
def test_integer_days_are_accepted(births):
    days = np.array([b.isoformat() for b in births], dtype="datetime64[D]")
    as_int = days.astype(np.int64)
    assert (folkepension_years(as_int) == folkepension_years(days)).all()


def test_vectorised_rejects_missing_and_wrong_input():
    with pytest.raises(ValueError):
        folkepension_years(np.array(["1960-01-01", "NaT"], dtype="datetime64[D]"))
    with pytest.raises(TypeError):
        folkepension_ages(np.array([1960.5]))


@given(BIRTHS)
def test_order_of_events(birth):
    pension = folkepension(birth)
    early = efterloen(birth)
    assert early is not None
    assert early.reached_on < pension.reached_on
    if birth >= date(1959, 7, 1):
        # From 2nd half 1959 efterløn starts exactly 3 years before folkepension.
        assert early.age == pension.age.minus(years=3)
    for window in (tidlig_pension_window(birth), seniorpension_window(birth)):
        if window is not None:
            assert window.apply_from is not None
            assert window.apply_from <= window.earliest < window.ends == pension.reached_on


@given(BIRTHS)
def test_the_age_is_reached_on_the_birthday_or_just_after(birth):
    reached = folkepension_date(birth)
    if reached.day == birth.day:
        return
    # Only when the birthday does not exist in that month: the 1st of the next month.
    assert reached.day == 1
    assert birth.day > 28
    assert (reached - timedelta(days=1)).day < birth.day  # the month before was too short


def test_first_of_next_month_is_when_a_pension_can_first_be_paid():
    # pensionsloven § 33: "fra den 1. i måneden efter" — also when the day is itself a 1st, and
    # over the year end.
    assert first_of_next_month(date(2022, 7, 1)) == date(2022, 8, 1)
    assert first_of_next_month(date(2024, 3, 15)) == date(2024, 4, 1)
    assert first_of_next_month(date(2024, 12, 31)) == date(2025, 1, 1)
