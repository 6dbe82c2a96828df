"""Follow-up deadlines from the data: spells, scope, audit, and ``charlie absence deadlines``."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from charlie.absence.models import AbsencePeriod
from charlie.absence.services import deadlines
from charlie.absence.spells import sickness_spells
from charlie.core.errors import NotFound
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry


def test_touching_and_overlapping_sickness_periods_are_one_spell():
    d = date
    periods = [
        (d(2025, 3, 3), d(2025, 3, 5), "sickness"),
        (d(2025, 3, 6), d(2025, 3, 10), "partial_sickness"),  # starts the day after: same spell
        (d(2025, 3, 9), d(2025, 3, 12), "sickness"),  # overlaps
        (d(2025, 3, 14), d(2025, 3, 14), "sickness"),  # a day's gap (13th): a new spell
        (d(2025, 4, 1), None, "sickness"),  # ongoing
        (d(2025, 4, 3), d(2025, 4, 4), "work_injury"),  # inside the ongoing one
    ]
    assert sickness_spells(periods) == [
        (d(2025, 3, 3), d(2025, 3, 12), ["sickness", "partial_sickness"]),
        (d(2025, 3, 14), d(2025, 3, 14), ["sickness"]),
        (d(2025, 4, 1), None, ["sickness", "work_injury"]),
    ]


@pytest.fixture
def sick(org):
    """Jensen in Plejecenter Nord, sick from Tuesday 4 March 2025, still sick."""
    person = org.person_in_nord
    employment = person.employments.get()
    employment.start_date = date(2020, 1, 1)
    employment.save()
    AbsencePeriod.objects.create(
        person=person, absence_type="sickness", start_date=date(2025, 3, 4), end_date=None
    )
    return person


@pytest.mark.django_db
def test_deadlines_of_an_ongoing_spell_worked_out_by_hand(sick, users):
    result = deadlines(access_for(users["hr"]), on=date(2025, 3, 20), person_id=sick.pk)
    (case,) = result.cases
    due = {o.code: o.due for o in case.obligations}
    # 1st sick day Tue 4 Mar 2025:
    # § 7 a interview no later than 4 weeks after: 4 Mar + 28 days = Tue 1 Apr.
    assert due["sickness_interview"] == date(2025, 4, 1)
    # § 30 employer period: 30 calendar days with 4 Mar as day 1 → last day 2 Apr.
    assert due["employer_period"] == date(2025, 4, 2)
    # § 40 wages paid: report within 5 weeks of the 1st day: 4 Mar + 35 = 8 Apr.
    assert due["nemrefusion_report"] == date(2025, 4, 8)
    # The jobcenter's first follow-up by the end of week 8, 4 Mar being day 1: 4 Mar + 55 = 28 Apr.
    assert due["jobcenter_follow_up"] == date(2025, 4, 28)
    # Local policy: contact on day 1, 5 and 14 → 4, 8 and 17 March.
    assert [due[f"contact_day_{n}"] for n in (1, 5, 14)] == [
        date(2025, 3, 4),
        date(2025, 3, 8),
        date(2025, 3, 17),
    ]
    assert AuditEntry.objects.filter(
        subject_person_id=sick.pk, category="fravaer", actor_username="test-hr"
    ).exists()


@pytest.mark.django_db
def test_deadlines_respect_scope(sick, org, users):
    with pytest.raises(NotFound):
        deadlines(access_for(users["analyst"]), on=date(2025, 3, 20), person_id=sick.pk)
    # The employee sees their own.
    own = deadlines(access_for(users["employee"]), on=date(2025, 3, 20), person_id=sick.pk)
    assert own.cases


@pytest.mark.django_db
def test_command_prints_json_and_audits_as_cli(sick):
    out = StringIO()
    call_command(
        "absence",
        "deadlines",
        "--employee",
        sick.employee_number,
        "--on",
        "2025-03-20",
        "--format",
        "json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["employee_number"] == sick.employee_number
    (case,) = data["cases"]
    assert case["first_day"] == "2025-03-04" and case["last_day"] is None
    interview = next(o for o in case["obligations"] if o["code"] == "sickness_interview")
    assert interview["due"] == "2025-04-01" and interview["applies"] is True
    assert "§ 7 a" in interview["legal_basis"]
    entry = AuditEntry.objects.get(subject_person_id=sick.pk, category="fravaer")
    assert (entry.channel, entry.actor_username) == ("cli", "")


@pytest.mark.django_db
def test_command_refuses_an_unknown_employee_and_a_bad_date(org):
    with pytest.raises(CommandError, match="ingen medarbejder"):
        call_command("absence", "deadlines", "--employee", "nope", stdout=StringIO())
    with pytest.raises(CommandError, match="ÅÅÅÅ-MM-DD"):
        call_command(
            "absence", "deadlines", "--employee", "x", "--on", "31-12-2025", stdout=StringIO()
        )
