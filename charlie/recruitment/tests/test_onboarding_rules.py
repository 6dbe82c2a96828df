"""The pure onboarding dates (``recruitment.onboarding``), with dates worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.recruitment.onboarding import (
    Reminder,
    due_date,
    link_expires,
    link_works,
    offset_fits,
    open_check_in,
    phase_of,
    plan_ended,
    redated_due,
    reminder_due,
    terms_deadlines,
)

D = dt.date


# --- Ansættelsesbevisloven § 3 --------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "core", "other"),
    [
        # 1 March: day 1 of the seven is 2 March, the 7th is 8 March; 1 month → 1 April.
        (D(2027, 3, 1), D(2027, 3, 8), D(2027, 4, 1)),
        # 31 January: February 2027 has 28 days, so the month ends 28 February; 7 days → 7 Feb.
        (D(2027, 1, 31), D(2027, 2, 7), D(2027, 2, 28)),
        # 2028 is a leap year: 31 January → 29 February.
        (D(2028, 1, 31), D(2028, 2, 7), D(2028, 2, 29)),
        # 29 February 2028 → 29 March; 7 days → 7 March.
        (D(2028, 2, 29), D(2028, 3, 7), D(2028, 3, 29)),
        # Saturday 6 March 2027: calendar days, nothing shifts → Saturday 13 March, 6 April.
        (D(2027, 3, 6), D(2027, 3, 13), D(2027, 4, 6)),
        # Across the year: 28 December 2026 → 4 January 2027; 28 January 2027.
        (D(2026, 12, 28), D(2027, 1, 4), D(2027, 1, 28)),
        # 31 May → 30 June (June has 30 days).
        (D(2027, 5, 31), D(2027, 6, 7), D(2027, 6, 30)),
    ],
)
def test_terms_deadlines_by_hand(start, core, other):
    deadlines = terms_deadlines(start)
    assert deadlines.core_terms == core
    assert deadlines.other_terms == other


def test_a_deadline_on_a_weekend_stays_there():
    # Monday 1 March 2027 + 7 = Monday 8 March; Sunday 28 Feb 2027 + 7 = Sunday 7 March.
    assert terms_deadlines(D(2027, 2, 28)).core_terms == D(2027, 3, 7)
    assert D(2027, 3, 7).weekday() == 6


@given(st.dates(min_value=D(2023, 7, 1), max_value=D(2100, 12, 31)))
def test_the_core_terms_come_first_and_within_a_month(start):
    deadlines = terms_deadlines(start)
    assert start < deadlines.core_terms <= deadlines.other_terms
    assert (deadlines.other_terms - start).days in range(28, 32)


# --- Due dates and phases -------------------------------------------------------------------


def test_due_dates_are_calendar_days_from_the_first_working_day():
    start = D(2027, 3, 6)  # a Saturday
    assert due_date(start, -7) == D(2027, 2, 27)
    assert due_date(start, 0) == start
    assert due_date(start, 30) == D(2027, 4, 5)
    assert due_date(start, 90) == D(2027, 6, 4)


@pytest.mark.parametrize(
    ("offset", "phase"),
    [
        (-14, "before"),
        (-1, "before"),
        (0, "day_1"),
        (1, "week_1"),
        (7, "week_1"),
        (8, "day_30"),
        (30, "day_30"),
        (59, "day_30"),
        (60, "day_90"),
        (90, "day_90"),
    ],
)
def test_phase_of(offset, phase):
    assert phase_of(offset) == phase
    assert offset_fits(phase, offset)


def test_offsets_that_do_not_fit():
    assert not offset_fits("before", 0)
    assert not offset_fits("day_1", 1)
    assert not offset_fits("week_1", 8)
    assert not offset_fits("day_90", 366)
    assert not offset_fits("nonsense", 0)
    with pytest.raises(ValueError, match="366"):
        phase_of(-366)


# --- Reminders ------------------------------------------------------------------------------


def _due(today, *, reminded=None, statutory=False):
    return reminder_due(
        due_on=D(2027, 3, 8),
        today=today,
        days_before=3,
        statutory=statutory,
        reminded_on=reminded,
    )


def test_reminder_days_before_and_once():
    assert _due(D(2027, 3, 4)) is None  # 4 days before
    assert _due(D(2027, 3, 5)) == Reminder.SOON  # 3 days before
    assert _due(D(2027, 3, 6), reminded=D(2027, 3, 5)) is None
    assert _due(D(2027, 3, 8), reminded=D(2027, 3, 5)) is None  # due today: not yet overdue


def test_an_ordinary_task_is_reminded_once_even_when_overdue():
    assert _due(D(2027, 3, 9), reminded=D(2027, 3, 5)) is None
    # Never reminded (a plan started late): once, as overdue.
    assert _due(D(2027, 3, 20)) == Reminder.OVERDUE
    assert _due(D(2027, 3, 21), reminded=D(2027, 3, 20)) is None


def test_an_ansaettelsesbevis_task_is_reminded_again_when_overdue_and_only_once():
    assert _due(D(2027, 3, 5), statutory=True) == Reminder.SOON
    assert _due(D(2027, 3, 9), reminded=D(2027, 3, 5), statutory=True) == Reminder.OVERDUE
    assert _due(D(2027, 3, 10), reminded=D(2027, 3, 9), statutory=True) is None


# --- Check-ins and the link -----------------------------------------------------------------


def test_open_check_in():
    start = D(2027, 3, 1)
    assert open_check_in(start, D(2027, 3, 30)) is None  # day 29
    assert open_check_in(start, D(2027, 3, 31)) == 30  # start + 30
    assert open_check_in(start, D(2027, 5, 29)) == 30  # start + 89
    assert open_check_in(start, D(2027, 5, 30)) == 90  # start + 90


def test_the_link_works_until_its_last_day():
    start = D(2027, 3, 1)
    assert link_expires(start, 120) == D(2027, 6, 29)
    assert link_works(start, D(2027, 2, 1), 120)  # before the start
    assert link_works(start, D(2027, 6, 29), 120)
    assert not link_works(start, D(2027, 6, 30), 120)


# --- Moving the first working day ---------------------------------------------------------------


def _redated(kind, due, old, new, done=False):
    return redated_due(kind=kind, due_on=due, done=done, old_start=old, new_start=new)


def test_open_tasks_move_as_many_calendar_days_as_the_start():
    """Start 1 March 2027 moved to 15 March (14 days): a task due 22 February (7 days before)
    is due 8 March; one due 31 March (day 30) is due 14 April. Moved back from 15 March to
    1 February 2027 (42 days earlier): a task due 14 April is due 3 March, across February's 28
    days."""
    old, new = D(2027, 3, 1), D(2027, 3, 15)
    assert _redated("task", D(2027, 2, 22), old, new) == D(2027, 3, 8)
    assert _redated("course", D(2027, 3, 31), old, new) == D(2027, 4, 14)
    assert _redated("task", D(2027, 4, 14), new, D(2027, 2, 1)) == D(2027, 3, 3)


def test_a_done_task_keeps_its_date():
    assert _redated("task", D(2027, 2, 22), D(2027, 3, 1), D(2027, 3, 15), done=True) == D(
        2027, 2, 22
    )
    assert _redated("terms_7", D(2027, 3, 8), D(2027, 3, 1), D(2027, 3, 15), done=True) == D(
        2027, 3, 8
    )


@pytest.mark.parametrize(
    ("old", "new", "core", "other"),
    [
        # 1 → 15 March 2027: core 22 March, other 15 April (counted again, not moved).
        (D(2027, 3, 1), D(2027, 3, 15), D(2027, 3, 22), D(2027, 4, 15)),
        # 30 → 31 January 2028: the other terms stay on 29 February 2028 (a month from 30 and
        # from 31 January both end there in a leap year); the core terms move a day.
        (D(2028, 1, 30), D(2028, 1, 31), D(2028, 2, 7), D(2028, 2, 29)),
        # 31 March → 30 March 2027: the other terms stay on 30 April; core 6 April.
        (D(2027, 3, 31), D(2027, 3, 30), D(2027, 4, 6), D(2027, 4, 30)),
        # 28 February → 31 January 2027: other 28 February (clamped), core 7 February.
        (D(2027, 2, 28), D(2027, 1, 31), D(2027, 2, 7), D(2027, 2, 28)),
    ],
)
def test_the_ansaettelsesbevis_tasks_are_counted_again_from_the_new_start(old, new, core, other):
    before = terms_deadlines(old)
    assert _redated("terms_7", before.core_terms, old, new) == core
    assert _redated("terms_1m", before.other_terms, old, new) == other


# --- When a plan ended (its retention period runs from there) ---------------------------------


@pytest.mark.parametrize(
    ("start", "last_due", "ended"),
    [
        # 31 January 2027 + 90 days: 28 in February, 31 in March, 30 in April → 1 May 2027.
        (D(2027, 1, 31), D(2027, 3, 1), D(2027, 5, 1)),
        # The same start in a leap year: 29 days in February → 30 April 2028.
        (D(2028, 1, 31), None, D(2028, 4, 30)),
        # 1 December 2027 + 90 days: 30 to 31 December, 31 in January, 29 in February → 29
        # February 2028 (a leap day).
        (D(2027, 12, 1), D(2027, 12, 8), D(2028, 2, 29)),
        # A task a template put later than day 90 (day 180) decides.
        (D(2027, 1, 31), D(2027, 7, 30), D(2027, 7, 30)),
        # A task due exactly on the 90-day mark: the same day.
        (D(2027, 3, 1), D(2027, 5, 30), D(2027, 5, 30)),
    ],
)
def test_plan_ended(start, last_due, ended):
    assert plan_ended(start, last_due) == ended
