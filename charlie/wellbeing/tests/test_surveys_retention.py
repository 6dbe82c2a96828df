"""The invitations' retention rule (5 years after the survey closed, as the data-use register
says) through privacy's engine, and the daily job's registration."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from charlie.core.roles import Role
from charlie.core.tasks import daily_tasks
from charlie.people.services import operator_access
from charlie.privacy.registry import retention_rules
from charlie.wellbeing.models import Invitation, Response, Survey
from charlie.wellbeing.retention import INVITATIONS
from charlie.wellbeing.services import answering, surveys
from charlie.wellbeing.tests.factories import launched_survey, link_of, staff

pytestmark = pytest.mark.django_db

HR = operator_access(Role.HR, channel="cli")


def _closed_on(survey: Survey, day: dt.date) -> None:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(12)))
    Survey.objects.filter(pk=survey.pk).update(closed_at=moment)


def test_the_rule_is_registered_with_five_years():
    assert retention_rules()["wellbeing_invitations"] is INVITATIONS
    assert INVITATIONS.default_years == 5 and INVITATIONS.category == "trivsel"
    assert INVITATIONS.action == "delete"


def test_invitations_go_five_years_after_the_close_and_the_answers_stay(org):
    people = staff(org.nord, 6)
    old = launched_survey([org.nord], name="2020")
    answering.submit(
        link_of(Invitation.objects.filter(survey=old).first()),
        lambda f: ["3"] if f == "q-influence" else [],
    )
    surveys.close(HR, old.pk)
    _closed_on(old, dt.date(2021, 3, 1))
    recent = launched_survey([org.nord], name="2024")
    surveys.close(HR, recent.pk)
    _closed_on(recent, dt.date(2024, 3, 1))
    still_open = launched_survey([org.nord], name="2026")
    today = dt.date(2026, 3, 2)
    # Closed 1 March 2021: past 5 years on 2 March 2026; the 2024 survey and the open one stay.
    found = INVITATIONS.find(today, 5)
    assert set(found) == set(Invitation.objects.filter(survey=old).values_list("pk", flat=True))
    assert INVITATIONS.by_year(today, 5) == {2021: 7}
    assert INVITATIONS.find(dt.date(2026, 3, 1), 5) == []  # exactly 5 years: not yet
    applied = INVITATIONS.apply(found)
    assert applied.count == 7
    assert set(applied.person_ids) >= {p.pk for p in people}
    assert not Invitation.objects.filter(survey=old).exists()
    assert Invitation.objects.filter(survey__in=[recent, still_open]).count() == 14
    assert Response.objects.filter(survey=old).count() == 1  # the answers hold no person


def test_an_open_surveys_invitations_are_never_deleted(org):
    staff(org.nord, 6)
    survey = launched_survey([org.nord])
    ids = list(Invitation.objects.filter(survey=survey).values_list("pk", flat=True))
    assert INVITATIONS.apply(ids).count == 0


def test_the_daily_job_is_registered():
    names = {task.name for task in daily_tasks()}
    assert "wellbeing_surveys_daily_task" in names
