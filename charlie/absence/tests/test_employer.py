"""§ 30 is about employment with the employer — the kommune — not one unit's employment row
(sygedagpengeloven § 30, stk. 2 and 4; DOMAIN.md 1.4). Dates worked out by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from charlie.absence.rules import employer_period
from charlie.absence.spells import employed_since, hours_before, sickness_case


@dataclass(frozen=True)
class Job:
    start_date: date
    end_date: date | None
    weekly_hours: Decimal = Decimal(37)
    org_unit_id: int | None = 1
    notice_date: date | None = None


SICK = date(2025, 10, 1)  # Wednesday; the 8 weeks before are 6 Aug – 30 Sep 2025


def test_a_move_to_another_unit_does_not_restart_the_eight_weeks():
    # Unit X since 1 Mar 2015, unit Y from 1 Sep 2025 (a transfer: X ends the day before), sick
    # 1 Oct 2025. Employed by the kommune without a break since 2015: the employer period runs,
    # 30 calendar days with 1 Oct as day 1 → last day 30 Oct 2025.
    jobs = [Job(date(2015, 3, 1), date(2025, 8, 31)), Job(date(2025, 9, 1), None, org_unit_id=2)]
    case = sickness_case(SICK, None, jobs)
    assert case.employment_start == date(2015, 3, 1)
    assert case.hours_last_8_weeks == Decimal(37) * 8  # 56 days × 37 / 7 = 296 hours
    period = employer_period(case)
    assert period.applies and period.last_day == date(2025, 10, 30)


def test_a_new_contract_the_day_after_does_not_restart_it_either():
    jobs = [Job(date(2024, 1, 1), date(2025, 9, 14)), Job(date(2025, 9, 15), None)]
    assert employed_since(jobs, SICK) == date(2024, 1, 1)


def test_a_break_restarts_it_but_earlier_work_for_the_kommune_counts_under_stk_4():
    # Temp job 1 Jan – 31 Jul 2025, a month's break, a new job from 1 Sep 2025. Uninterrupted only
    # since 1 Sep (after 6 Aug), but the person worked for the kommune before and has
    # 1 – 30 Sep = 30 days × 37 / 7 = 158.6 hours in the 8 weeks: § 30, stk. 4 → employer period.
    jobs = [Job(date(2025, 1, 1), date(2025, 7, 31)), Job(date(2025, 9, 1), None)]
    case = sickness_case(SICK, None, jobs)
    assert case.employment_start == date(2025, 9, 1)
    assert case.earlier_employment
    assert round(case.hours_last_8_weeks, 1) == Decimal("158.6")
    assert employer_period(case).applies


def test_stk_4_needs_74_hours_in_the_eight_weeks():
    # As above, but the new job starts 20 Sep 2025 at 10 hours a week: 20 – 30 Sep = 11 days ×
    # 10 / 7 = 15.7 hours < 74, so the 8 weeks are required and not met.
    jobs = [
        Job(date(2025, 1, 1), date(2025, 7, 31)),
        Job(date(2025, 9, 20), None, weekly_hours=Decimal(10)),
    ]
    period = employer_period(sickness_case(SICK, None, jobs))
    assert not period.applies
    assert "8 uger" in str(period.reason)


def test_a_new_hire_with_no_earlier_work_has_no_employer_period():
    period = employer_period(sickness_case(SICK, None, [Job(date(2025, 9, 1), None)]))
    assert not period.applies
    assert "6. august 2025" in str(period.reason)  # should have been employed by 6 Aug 2025


def test_hours_count_every_employment_with_the_kommune():
    # Two part-time jobs at once, 20 + 17 hours a week, both all 8 weeks: 37 × 8 = 296 hours.
    jobs = [
        Job(date(2020, 1, 1), None, weekly_hours=Decimal(20)),
        Job(date(2021, 1, 1), None, weekly_hours=Decimal(17), org_unit_id=2),
    ]
    assert hours_before(jobs, SICK) == Decimal(296)
    # One that ended 13 Aug 2025 counts 6 – 13 Aug = 8 days × 37 / 7.
    assert hours_before([Job(date(2020, 1, 1), date(2025, 8, 13))], SICK) == Decimal(37) * 8 / 7


def test_the_leave_date_is_the_end_of_the_uninterrupted_employment():
    jobs = [Job(date(2015, 3, 1), date(2025, 8, 31)), Job(date(2025, 9, 1), date(2025, 12, 31))]
    assert sickness_case(SICK, None, jobs).leave_date == date(2025, 12, 31)
    jobs = [Job(date(2015, 3, 1), date(2025, 10, 31)), Job(date(2025, 11, 1), None)]
    assert sickness_case(SICK, None, jobs).leave_date is None  # a move, not a leaving
