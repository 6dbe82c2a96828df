"""The MUS dates (Aftale om kompetenceudvikling, § 5, stk. 3: a yearly MUS), worked by hand."""

from __future__ import annotations

from datetime import date

import pytest

from charlie.skills import mus_rules
from charlie.skills.mus_rules import MusState, add_months, is_overdue, next_due, status


def test_add_months_keeps_the_day_or_takes_the_last_of_a_shorter_month():
    assert add_months(date(2026, 3, 15), 12) == date(2027, 3, 15)
    assert add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert add_months(date(2024, 2, 29), 12) == date(2025, 2, 28)
    assert add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)
    assert add_months(date(2026, 3, 31), -1) == date(2026, 2, 28)


def test_next_due_is_a_year_after_the_last_mus_or_after_the_employment_start():
    # Held 10 March 2025: the next is due 10 March 2026, whenever the employment started.
    assert next_due(date(2025, 3, 10), date(2015, 3, 1), interval_months=12) == date(2026, 3, 10)
    # Never held, employed from 1 August 2026: due 1 August 2027.
    assert next_due(None, date(2026, 8, 1), interval_months=12) == date(2027, 8, 1)
    # A municipality that holds MUS every 6 months.
    assert next_due(date(2025, 3, 10), None, interval_months=6) == date(2025, 9, 10)
    assert next_due(None, None, interval_months=12) is None
    with pytest.raises(ValueError):
        next_due(None, date(2026, 1, 1), interval_months=0)


def test_overdue_only_when_the_date_has_passed_and_it_was_not_held():
    today = date(2026, 12, 6)
    assert is_overdue(date(2026, 12, 5), None, today)
    assert not is_overdue(date(2026, 12, 6), None, today)  # due today: not yet overdue
    assert not is_overdue(date(2026, 12, 5), date(2026, 12, 1), today)
    assert not is_overdue(None, None, today)


def test_status_of_a_person():
    today = date(2026, 12, 6)
    # Last MUS 1 November 2025 → due 1 November 2026 → overdue.
    assert status(
        last_held=date(2025, 11, 1), employed_from=None, open_due=None, today=today
    ) == mus_rules.MusStatusLine(date(2026, 11, 1), MusState.OVERDUE)
    # Held 1 January 2026 → due 1 January 2027, within 60 days: due soon.
    assert (
        status(last_held=date(2026, 1, 1), employed_from=None, open_due=None, today=today).state
        == MusState.DUE_SOON
    )
    # Held 1 June 2026 → due 1 June 2027: held, nothing to do yet.
    assert (
        status(last_held=date(2026, 6, 1), employed_from=None, open_due=None, today=today).state
        == MusState.HELD
    )
    # A planned meeting's own date counts, also when it is before the computed one.
    line = status(
        last_held=date(2026, 6, 1), employed_from=None, open_due=date(2027, 1, 15), today=today
    )
    assert line == mus_rules.MusStatusLine(date(2027, 1, 15), MusState.SCHEDULED)
    assert (
        status(last_held=None, employed_from=None, open_due=date(2026, 12, 1), today=today).state
        == MusState.OVERDUE
    )
    # New in the job 1 October 2026 → due 1 October 2027.
    assert status(
        last_held=None, employed_from=date(2026, 10, 1), open_due=None, today=today
    ) == mus_rules.MusStatusLine(date(2027, 10, 1), MusState.NOT_DUE)
    assert status(last_held=None, employed_from=None, open_due=None, today=today).state == (
        MusState.UNKNOWN
    )
