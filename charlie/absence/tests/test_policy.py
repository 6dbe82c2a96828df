"""Local absence policy: defaults, versions from a date, the dialogue trigger (dates by hand)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.absence.policy import (
    DEFAULT_POLICY,
    Period,
    Policy,
    PolicyVersion,
    add_months,
    add_years,
    contact_dates,
    find_dialogue_trigger,
    is_long_term,
    policy_for,
)


def test_defaults_from_domain():
    p = DEFAULT_POLICY
    assert p.contact_days == (1, 5, 14)
    assert (p.dialogue_min_periods, p.dialogue_periods_months) == (3, 6)
    assert (p.dialogue_min_days, p.dialogue_days_months) == (15, 12)
    assert p.short_term_max_days == 14
    assert p.section_56_renewal_lead_months == 2


def test_contact_dates_count_first_sick_day_as_day_1():
    # Tue 4 Mar 2025 = day 1; day 5 = Sat 8 Mar; day 14 = Mon 17 Mar.
    assert contact_dates(date(2025, 3, 4)) == [
        (1, date(2025, 3, 4)),
        (5, date(2025, 3, 8)),
        (14, date(2025, 3, 17)),
    ]
    # Over year end: Fri 27 Dec 2024 → day 5 = Tue 31 Dec, day 14 = Thu 9 Jan 2025.
    assert [d for _, d in contact_dates(date(2024, 12, 27))] == [
        date(2024, 12, 27),
        date(2024, 12, 31),
        date(2025, 1, 9),
    ]


def test_short_and_long_term_threshold():
    assert not is_long_term(14)
    assert is_long_term(15)
    assert not is_long_term(20, Policy(short_term_max_days=20))


def test_invalid_policy_is_rejected_in_danish():
    with pytest.raises(ValueError, match="ret politikken"):
        Policy(contact_days=(0, 5))
    with pytest.raises(ValueError, match="mindst 1"):
        Policy(dialogue_min_days=0)


V1 = PolicyVersion(date(2025, 1, 1), Policy(contact_days=(1, 5, 14)))
V2 = PolicyVersion(date(2025, 7, 1), Policy(contact_days=(2, 6, 14), dialogue_min_periods=2))


def test_policy_for_applies_from_its_date():
    versions = [V2, V1]  # order does not matter
    assert policy_for(date(2024, 12, 31), versions) is DEFAULT_POLICY
    assert policy_for(date(2025, 1, 1), versions) is V1.policy
    assert policy_for(date(2025, 6, 30), versions) is V1.policy
    assert policy_for(date(2025, 7, 1), versions) is V2.policy
    assert policy_for(date(2025, 7, 1), []) is DEFAULT_POLICY


def test_past_case_keeps_its_rule():
    # A sickness period that began Mon 30 Jun 2025 is judged under V1 even after V2 (1 Jul).
    first_sick_day = date(2025, 6, 30)
    assert policy_for(first_sick_day, [V1, V2]).contact_days == (1, 5, 14)


# --- dialogue trigger -------------------------------------------------------------------------


def test_three_periods_in_six_months():
    # Periods start Fri 10 Jan, Mon 3 Mar and Wed 9 Jul 2025. The 6-month window ending 9 Jul
    # is (9 Jan, 9 Jul] = 10 Jan – 9 Jul 2025: all three starts are in it → fires on 9 Jul.
    periods = [
        Period(date(2025, 1, 10), date(2025, 1, 12)),
        Period(date(2025, 3, 3), date(2025, 3, 4)),
        Period(date(2025, 7, 9), date(2025, 7, 9)),
    ]
    trigger = find_dialogue_trigger(periods, until=date(2025, 12, 31))
    assert trigger is not None
    assert (trigger.fires_on, trigger.reason, trigger.count) == (date(2025, 7, 9), "periods", 3)
    assert trigger.window_start == date(2025, 1, 10)


def test_three_periods_just_over_six_months_do_not_fire():
    # Third start Thu 10 Jul 2025: window = 11 Jan – 10 Jul; the 10 Jan start falls out → 2.
    # Sick days: 3 + 2 + 1 = 6 < 15.
    periods = [
        Period(date(2025, 1, 10), date(2025, 1, 12)),
        Period(date(2025, 3, 3), date(2025, 3, 4)),
        Period(date(2025, 7, 10), date(2025, 7, 10)),
    ]
    assert find_dialogue_trigger(periods, until=date(2025, 12, 31)) is None


def test_fifteen_days_in_twelve_months():
    # 7 days (Wed 1 – Tue 7 Jan 2025) + 8 days (Mon 2 – Mon 9 Jun 2025): the 15th sick day is
    # Mon 9 Jun 2025. Window (9 Jun 2024, 9 Jun 2025] holds all 15 → fires on 9 Jun.
    periods = [
        Period(date(2025, 1, 1), date(2025, 1, 7)),
        Period(date(2025, 6, 2), date(2025, 6, 9)),
    ]
    trigger = find_dialogue_trigger(periods, until=date(2025, 12, 31))
    assert trigger is not None
    assert (trigger.fires_on, trigger.reason, trigger.count) == (date(2025, 6, 9), "days", 15)
    assert trigger.window_start == date(2024, 6, 10)


def test_fifteen_days_spread_over_more_than_twelve_months_do_not_fire():
    # 7 days Sat 1 – Fri 7 Jun 2024 and 8 days Mon 2 – Mon 9 Jun 2025. On 9 Jun 2025 the
    # window starts 10 Jun 2024, so only the 8 days of 2025 count.
    periods = [
        Period(date(2024, 6, 1), date(2024, 6, 7)),
        Period(date(2025, 6, 2), date(2025, 6, 9)),
    ]
    assert find_dialogue_trigger(periods, until=date(2025, 12, 31)) is None


def test_days_window_across_leap_day_and_year_end():
    # 12 months ending Fri 28 Feb 2025: window (28 Feb 2024, 28 Feb 2025] =
    # 29 Feb 2024 – 28 Feb 2025 (366 days, includes the leap day).
    # Sick: Thu 29 Feb 2024 (1 day) + Fri 20 Dec 2024 – Sat 28 Dec 2024 (9 days)
    # + Mon 24 – Fri 28 Feb 2025 (5 days) = 15; the 15th day is 28 Feb 2025.
    periods = [
        Period(date(2024, 2, 29), date(2024, 2, 29)),
        Period(date(2024, 12, 20), date(2024, 12, 28)),
        Period(date(2025, 2, 24), date(2025, 2, 28)),
    ]
    trigger = find_dialogue_trigger(periods, until=date(2025, 12, 31))
    assert trigger is not None
    assert (trigger.fires_on, trigger.reason) == (date(2025, 2, 28), "days")
    assert trigger.window_start == date(2024, 2, 29)
    # With the first sick day on 28 Feb 2024 instead, it falls outside the window → 14 days.
    shifted = [Period(date(2024, 2, 28), date(2024, 2, 28)), *periods[1:]]
    assert find_dialogue_trigger(shifted, until=date(2025, 2, 28)) is None


def test_ongoing_period_counts_up_to_until():
    # Ongoing from Mon 3 Mar 2025: day 15 is Mon 17 Mar (3 Mar + 14).
    periods = [Period(date(2025, 3, 3))]
    assert find_dialogue_trigger(periods, until=date(2025, 3, 16)) is None
    trigger = find_dialogue_trigger(periods, until=date(2025, 3, 17))
    assert trigger is not None
    assert trigger.fires_on == date(2025, 3, 17)


def test_working_days_only_when_asked():
    # Ongoing from Mon 3 Mar 2025, counting Mon–Fri only: 3 weeks = 15 working days, the 15th
    # is Fri 21 Mar 2025.
    trigger = find_dialogue_trigger(
        [Period(date(2025, 3, 3))],
        until=date(2025, 4, 30),
        counts_as_sick_day=lambda d: d.weekday() < 5,
    )
    assert trigger is not None
    assert trigger.fires_on == date(2025, 3, 21)


def test_after_last_dialogue_fires_on_next_event():
    periods = [
        Period(date(2025, 1, 10), date(2025, 1, 12)),
        Period(date(2025, 3, 3), date(2025, 3, 4)),
        Period(date(2025, 4, 7), date(2025, 4, 7)),
        Period(date(2025, 5, 5), date(2025, 5, 5)),
    ]
    first = find_dialogue_trigger(periods, until=date(2025, 12, 31))
    assert first is not None and first.fires_on == date(2025, 4, 7)
    # Dialogue held 10 Apr 2025; the next period (Mon 5 May) still makes ≥ 3 in 6 months.
    again = find_dialogue_trigger(periods, after=date(2025, 4, 10), until=date(2025, 12, 31))
    assert again is not None
    assert (again.fires_on, again.count) == (date(2025, 5, 5), 4)


def test_versioned_policy_used_on_event_date():
    # V2 (from 1 Jul 2025) needs only 2 periods in 6 months.
    periods = [
        Period(date(2025, 6, 2), date(2025, 6, 2)),
        Period(date(2025, 6, 20), date(2025, 6, 20)),
    ]
    # Second start 20 Jun 2025 is under V1 (3 periods) → nothing.
    assert find_dialogue_trigger(periods, [V1, V2], until=date(2025, 12, 31)) is None
    later = [*periods[:1], Period(date(2025, 7, 2), date(2025, 7, 2))]
    trigger = find_dialogue_trigger(later, [V1, V2], until=date(2025, 12, 31))
    assert trigger is not None
    assert (trigger.fires_on, trigger.count) == (date(2025, 7, 2), 2)


def test_add_months_and_years():
    assert add_months(date(2025, 1, 31), 1) == date(2025, 2, 28)
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2025, 5, 31), -3) == date(2025, 2, 28)
    assert add_months(date(2024, 11, 15), 3) == date(2025, 2, 15)
    assert add_years(date(2024, 2, 29), 1) == date(2025, 3, 1)
    assert add_years(date(2024, 2, 29), 4) == date(2028, 2, 29)


# --- properties -------------------------------------------------------------------------------


@given(st.dates(), st.integers(min_value=-600, max_value=600))
def test_add_months_moves_exact_months_never_past_the_day(d, n):
    try:
        result = add_months(d, n)
    except (ValueError, OverflowError):
        return  # out of date range
    assert (result.year * 12 + result.month) - (d.year * 12 + d.month) == n
    assert result.day <= d.day


@given(
    st.lists(st.dates(min_value=date(2000, 1, 1), max_value=date(2030, 1, 1)), max_size=6),
    st.dates(min_value=date(1999, 1, 1), max_value=date(2031, 1, 1)),
)
def test_policy_for_picks_latest_version_not_after_date(starts, on):
    versions = [PolicyVersion(s, Policy(short_term_max_days=i + 1)) for i, s in enumerate(starts)]
    chosen = policy_for(on, versions)
    eligible = [v for v in versions if v.valid_from <= on]
    if not eligible:
        assert chosen is DEFAULT_POLICY
    else:
        latest = max(v.valid_from for v in eligible)
        assert chosen in [v.policy for v in eligible if v.valid_from == latest]


period_st = st.builds(
    lambda start, length: Period(start, start + timedelta(days=length)),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2025, 12, 31)),
    st.integers(min_value=0, max_value=10),
)


@given(st.lists(period_st, max_size=8))
def test_trigger_is_the_first_date_the_rule_holds(periods):
    until = date(2026, 1, 31)
    trigger = find_dialogue_trigger(periods, until=until)
    if trigger is None:
        return
    sick = {p.start + timedelta(days=i) for p in periods for i in range((p.end - p.start).days + 1)}
    if trigger.reason == "periods":
        assert trigger.fires_on in {p.start for p in periods}
        assert trigger.count >= DEFAULT_POLICY.dialogue_min_periods
    else:
        assert trigger.fires_on in sick
        assert trigger.count >= DEFAULT_POLICY.dialogue_min_days
    # Nothing fires before: cut the history the day before.
    day_before = trigger.fires_on - timedelta(days=1)
    assert find_dialogue_trigger(periods, until=day_before) is None
