"""The APV's pure rules (``charlie.wellbeing.apv``): the next APV 3 years on (arbejdsmiljøloven
§ 15 a, stk. 1), what each step must hold (§ 15 a, stk. 2 and 3), reminders and the sickness
absence's window. Every date here is worked out by hand."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from charlie.wellbeing import apv as rules
from charlie.wellbeing.apv import ApvFacts, DueDateProblem, DueStatus, Missing, Reminder

# --- The next APV: 3 years on --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("completed", "due"),
    [
        (date(2027, 3, 15), date(2030, 3, 15)),
        (date(2027, 12, 31), date(2030, 12, 31)),
        (date(2027, 1, 1), date(2030, 1, 1)),
        # 29 February: 2031 has none, so the day before (the safe side of a deadline).
        (date(2028, 2, 29), date(2031, 2, 28)),
        # 3 years after 28 February 2029 is 28 February 2032, although 2032 is a leap year.
        (date(2029, 2, 28), date(2032, 2, 28)),
        # 1 March stays 1 March, also into a leap year.
        (date(2029, 3, 1), date(2032, 3, 1)),
    ],
)
def test_next_apv_is_due_3_years_after_completion(completed, due):
    assert rules.next_due(completed) == due


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 12, 31)))
def test_next_apv_is_never_more_than_3_years_on(completed):
    due = rules.next_due(completed)
    assert due.year == completed.year + 3
    assert (due.month, due.day) <= (completed.month, completed.day)
    assert 365 * 3 <= (due - completed).days <= 365 * 3 + 1


def test_hr_may_set_the_next_apv_sooner_never_later():
    completed = date(2027, 3, 15)
    assert rules.check_earlier_due(completed, date(2028, 9, 1)) is None
    assert rules.check_earlier_due(completed, date(2030, 3, 15)) is None  # the law's day
    assert rules.check_earlier_due(completed, completed) is None
    assert rules.check_earlier_due(completed, date(2030, 3, 16)) is DueDateProblem.LATER_THAN_LAW
    assert rules.check_earlier_due(completed, date(2027, 3, 14)) is DueDateProblem.BEFORE_COMPLETION


# --- Where a unit stands -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "in_progress", "status"),
    [
        (date(2029, 11, 30), False, DueStatus.OK),  # 91 days before 1 March 2030
        (date(2029, 12, 1), False, DueStatus.SOON),  # 90 days before
        (date(2030, 3, 1), False, DueStatus.SOON),  # the due day itself
        (date(2030, 3, 2), False, DueStatus.OVERDUE),
        (date(2029, 12, 1), True, DueStatus.IN_PROGRESS),
        (date(2030, 3, 2), True, DueStatus.OVERDUE),  # a new one is under way, but late
    ],
)
def test_due_status(today, in_progress, status):
    assert (
        rules.due_status(date(2030, 3, 1), today, warn_days=90, in_progress=in_progress) == status
    )


def test_a_unit_without_a_completed_apv():
    assert rules.due_status(None, date(2027, 1, 1), warn_days=90) == DueStatus.MISSING
    assert (
        rules.due_status(None, date(2027, 1, 1), warn_days=90, in_progress=True)
        == DueStatus.IN_PROGRESS
    )


# --- Reminders of the next APV -------------------------------------------------------------------


def _remind(today: date, reminded_on: date | None) -> Reminder | None:
    # Due 1 June 2030; the warning starts 90 days before: 3 March 2030 (31 + 30 + 29 days).
    return rules.apv_reminder(
        date(2030, 6, 1), today, days_before=90, repeat_days=30, reminded_on=reminded_on
    )


def test_apv_reminders_once_soon_once_overdue_then_every_30_days():
    assert _remind(date(2030, 3, 2), None) is None
    assert _remind(date(2030, 3, 3), None) is Reminder.SOON
    assert _remind(date(2030, 3, 4), date(2030, 3, 3)) is None
    assert _remind(date(2030, 6, 1), date(2030, 3, 3)) is None  # the due day: not late yet
    assert _remind(date(2030, 6, 2), date(2030, 3, 3)) is Reminder.OVERDUE
    assert _remind(date(2030, 7, 1), date(2030, 6, 2)) is None  # 29 days later
    assert _remind(date(2030, 7, 2), date(2030, 6, 2)) is Reminder.OVERDUE  # 30 days later


def test_a_job_that_did_not_run_reminds_on_its_next_run():
    assert _remind(date(2030, 5, 20), None) is Reminder.SOON
    assert _remind(date(2030, 8, 1), None) is Reminder.OVERDUE
    # Reminded before the warning period (the date was moved sooner since): once more.
    assert _remind(date(2030, 4, 1), date(2030, 1, 5)) is Reminder.SOON


# --- Actions -------------------------------------------------------------------------------------


def test_an_action_is_overdue_from_the_day_after_its_deadline_while_open():
    deadline = date(2027, 3, 1)
    assert not rules.action_overdue(deadline, "planned", date(2027, 3, 1))
    assert rules.action_overdue(deadline, "planned", date(2027, 3, 2))
    assert rules.action_overdue(deadline, "in_progress", date(2027, 3, 2))
    assert not rules.action_overdue(deadline, "done", date(2027, 3, 2))
    assert not rules.action_overdue(deadline, "dropped", date(2027, 3, 2))


def test_the_owner_of_an_overdue_action_is_reminded_every_7_days():
    def due(today: date, reminded_on: date | None) -> bool:
        return rules.action_reminder_due(
            date(2027, 3, 1), "planned", today, reminded_on=reminded_on, every_days=7
        )

    assert not due(date(2027, 3, 1), None)
    assert due(date(2027, 3, 2), None)
    assert not due(date(2027, 3, 8), date(2027, 3, 2))  # 6 days later
    assert due(date(2027, 3, 9), date(2027, 3, 2))  # 7 days later
    assert not rules.action_reminder_due(
        date(2027, 3, 1), "done", date(2027, 4, 1), reminded_on=None, every_days=7
    )


# --- What each step must hold --------------------------------------------------------------------

COMPLETE = ApvFacts(
    participants=True,
    survey=False,
    walkthrough_items=3,
    walkthrough_assessed=3,
    absence_fetched=True,
    absence_assessed=True,
    assessment=True,
    problems=2,
    problems_without_action=0,
    follow_up_guidelines=True,
)


def test_a_complete_apv_may_be_completed():
    assert rules.missing_before("done", COMPLETE) == []


def test_mapping_needs_participants_a_method_the_walkthrough_assessed_and_the_absence():
    empty = ApvFacts()
    assert rules.missing_before("prioritising", empty) == [
        Missing.PARTICIPANTS,
        Missing.MAPPING,
        Missing.ABSENCE,
        Missing.ABSENCE_ASSESSMENT,
    ]
    half = ApvFacts(
        participants=True,
        walkthrough_items=3,
        walkthrough_assessed=2,
        absence_fetched=True,
        absence_assessed=True,
    )
    assert rules.missing_before("prioritising", half) == [Missing.WALKTHROUGH_UNASSESSED]
    # A survey alone is a mapping.
    survey_only = ApvFacts(
        participants=True, survey=True, absence_fetched=True, absence_assessed=True
    )
    assert rules.missing_before("prioritising", survey_only) == []


def test_sickness_absence_must_be_fetched_and_assessed():
    from dataclasses import replace

    assert rules.missing_before("done", replace(COMPLETE, absence_fetched=False)) == [
        Missing.ABSENCE
    ]
    assert rules.missing_before("done", replace(COMPLETE, absence_assessed=False)) == [
        Missing.ABSENCE_ASSESSMENT
    ]


def test_each_later_step_checks_every_step_before_it():
    from dataclasses import replace

    assert rules.missing_before("action_plan", replace(COMPLETE, assessment=False)) == [
        Missing.ASSESSMENT
    ]
    assert rules.missing_before("prioritising", replace(COMPLETE, assessment=False)) == []
    no_action = replace(COMPLETE, problems_without_action=1)
    assert rules.missing_before("follow_up", no_action) == [Missing.PROBLEM_WITHOUT_ACTION]
    assert rules.missing_before("action_plan", no_action) == []
    no_guidelines = replace(COMPLETE, follow_up_guidelines=False)
    assert rules.missing_before("done", no_guidelines) == [Missing.FOLLOW_UP]
    assert rules.missing_before("follow_up", no_guidelines) == []
    # Going back to an earlier step (or staying at the first) needs nothing.
    assert rules.missing_before("mapping", ApvFacts()) == []


def test_an_apv_without_problems_needs_no_actions():
    from dataclasses import replace

    assert rules.missing_before("done", replace(COMPLETE, problems=0)) == []


def test_unknown_step():
    with pytest.raises(ValueError, match="unknown APV step"):
        rules.missing_before("kladde", COMPLETE)


def test_steps_move_one_forward_or_back_to_any_earlier():
    assert rules.may_move("mapping", "prioritising")
    assert not rules.may_move("mapping", "action_plan")
    assert rules.may_move("follow_up", "done")
    assert rules.may_move("follow_up", "mapping")
    assert not rules.may_move("follow_up", "follow_up")
    assert not rules.may_move("done", "follow_up")  # a completed APV stays completed
    assert not rules.may_move("mapping", "kladde")


# --- The sickness absence's window ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "months", "window"),
    [
        (date(2027, 3, 15), 1, (date(2026, 3, 1), date(2027, 2, 28))),
        (date(2027, 1, 1), 1, (date(2026, 1, 1), date(2026, 12, 31))),
        (date(2028, 3, 1), 1, (date(2027, 3, 1), date(2028, 2, 29))),  # a leap February
        (date(2027, 3, 15), 3, (date(2026, 1, 1), date(2026, 12, 31))),
        (date(2027, 5, 2), 3, (date(2026, 4, 1), date(2027, 3, 31))),
        (date(2027, 8, 20), 6, (date(2026, 7, 1), date(2027, 6, 30))),
        (date(2027, 12, 31), 12, (date(2026, 1, 1), date(2026, 12, 31))),
    ],
)
def test_absence_window_is_the_last_12_whole_months(today, months, window):
    assert rules.absence_window(today, months) == window


def test_absence_window_refuses_other_period_lengths():
    with pytest.raises(ValueError):
        rules.absence_window(date(2027, 1, 1), 2)


def test_the_period_is_stored_as_an_iso_interval():
    text = rules.format_period(date(2026, 3, 1), date(2027, 2, 28))
    assert text == "2026-03-01/2027-02-28"
    assert rules.parse_period(text) == (date(2026, 3, 1), date(2027, 2, 28))
    assert rules.parse_period("") is None
    assert rules.parse_period("marts/april") is None
