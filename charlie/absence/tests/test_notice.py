"""The notice exception of sygedagpengeloven § 7 a: no sickness interview is due when the
employee is under notice (opsagt) and leaves within 8 weeks of the 1st sick day (DOMAIN.md 1.1;
Personaleadministrativ Vejledning 24.2.3). It needs the day notice was given, recorded on the
employment as "opsagt den" (``Employment.notice_date``). Dates worked out by hand."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from charlie.absence.models import AbsencePeriod
from charlie.absence.rules import Code, sickness_interview
from charlie.absence.services import deadlines
from charlie.absence.spells import notice_given_on, sickness_case
from charlie.people.tests.factories import EmploymentFactory


@dataclass(frozen=True)
class Job:
    start_date: date
    end_date: date | None
    weekly_hours: Decimal = Decimal(37)
    org_unit_id: int | None = 1
    notice_date: date | None = None


#: Wednesday 1 October 2025. § 7 a: the interview is due "senest 4 uger efter første sygedag",
#: 1 Oct + 28 days = Wednesday 29 October 2025. "Fratræder inden 8 uger efter første sygedag":
#: 1 Oct + 56 days = Wednesday 26 November 2025.
SICK = date(2025, 10, 1)
DUE = date(2025, 10, 29)
EIGHT_WEEKS = date(2025, 11, 26)


def _interview(jobs: list[Job]):
    return sickness_interview(sickness_case(SICK, None, jobs))


def test_hand_worked_dates():
    assert (DUE - SICK).days == 28 and DUE.weekday() == 2
    assert (EIGHT_WEEKS - SICK).days == 56 and EIGHT_WEEKS.weekday() == 2


def test_under_notice_and_leaving_within_8_weeks_no_interview():
    """§ 7 a: notice given 15 Sep 2025, last day Fri 31 Oct 2025 ≤ 26 Nov 2025 → no duty."""
    jobs = [Job(date(2015, 3, 1), date(2025, 10, 31), notice_date=date(2025, 9, 15))]
    interview = _interview(jobs)
    assert interview.code == Code.SICKNESS_INTERVIEW
    assert interview.due == DUE
    assert not interview.applies
    assert "opsagt" in str(interview.reason) and "26. november 2025" in str(interview.reason)


def test_leaving_on_the_last_day_of_week_8_is_within_it():
    """§ 7 a: last day Wed 26 Nov 2025 = 1st sick day + 56: still within the 8 weeks."""
    jobs = [Job(date(2015, 3, 1), EIGHT_WEEKS, notice_date=date(2025, 9, 30))]
    assert not _interview(jobs).applies


def test_leaving_after_8_weeks_the_interview_is_due():
    """§ 7 a: last day Thu 27 Nov 2025 = 1st sick day + 57: after the 8 weeks → interview by
    29 Oct 2025."""
    jobs = [Job(date(2015, 3, 1), date(2025, 11, 27), notice_date=date(2025, 9, 15))]
    interview = _interview(jobs)
    assert interview.applies and interview.due == DUE


def test_without_a_notice_date_the_exception_cannot_apply():
    """The employment ends 31 Oct 2025, but nobody recorded a notice: the end of a fixed-term
    job is not a notice (opsigelse), so the interview is due."""
    assert _interview([Job(date(2015, 3, 1), date(2025, 10, 31))]).applies


def test_notice_given_after_the_deadline_does_not_undo_the_duty():
    """§ 7 a: the duty arose on 29 Oct 2025; notice given Thu 30 Oct 2025 (last day 20 Nov)
    comes too late to lift it. Notice given on the due day itself (29 Oct) does."""
    late = [Job(date(2015, 3, 1), date(2025, 11, 20), notice_date=date(2025, 10, 30))]
    assert _interview(late).applies
    on_time = [Job(date(2015, 3, 1), date(2025, 11, 20), notice_date=DUE)]
    assert not _interview(on_time).applies


def test_the_notice_is_the_one_of_the_employment_that_ends_the_employment_with_the_kommune():
    """A move to another unit on 1 Sep 2025 is not a leaving: the old row's end (31 Aug) is no
    leave date. The new row, notice given 10 Oct 2025 and ending 30 Nov 2025, is."""
    jobs = [
        Job(date(2015, 3, 1), date(2025, 8, 31), notice_date=date(2025, 7, 1)),
        Job(date(2025, 9, 1), date(2025, 11, 30), org_unit_id=2, notice_date=date(2025, 10, 10)),
    ]
    case = sickness_case(SICK, None, jobs)
    assert case.leave_date == date(2025, 11, 30)
    assert case.notice_given_on == date(2025, 10, 10)
    assert notice_given_on(jobs, None) is None


@pytest.mark.django_db
def test_the_deadlines_use_the_recorded_notice_date(org):
    """End to end: the employment's "opsagt den" reaches § 7 a through the follow-up service."""
    employment = EmploymentFactory(
        org_unit=org.nord,
        start_date=date(2015, 3, 1),
        end_date=date(2025, 10, 31),
        notice_date=date(2025, 9, 15),
    )
    AbsencePeriod.objects.create(
        person=employment.person, absence_type="sickness", start_date=SICK, end_date=None
    )
    result = deadlines(None, on=date(2025, 10, 6), person_id=employment.person_id)
    [case] = result.cases
    interview = next(o for o in case.obligations if o.code == Code.SICKNESS_INTERVIEW)
    assert not interview.applies
    employment.notice_date = None
    employment.save()
    result = deadlines(None, on=date(2025, 10, 6), person_id=employment.person_id)
    interview = next(o for o in result.cases[0].obligations if o.code == Code.SICKNESS_INTERVIEW)
    assert interview.applies and interview.due == DUE
