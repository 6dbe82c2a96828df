"""A manager or HR reports an employee sick or well (the employee who calls in sick), from the
person overview: the follow-up tasks exist at once, the report is audited under the caller's
purpose, and the scope holds (issue 12, point 2)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from charlie.absence.models import AbsencePeriod, AbsenceType, FollowUpTask, TaskStatus
from charlie.absence.services import selfservice
from charlie.core.errors import NotFound
from charlie.people.services import access_for
from charlie.people.services import today as local_today
from charlie.privacy.models import Action, AuditEntry

pytestmark = pytest.mark.django_db


def test_the_manager_reports_an_employee_sick_and_the_day_1_task_is_there_at_once(
    org, users, client_as
):
    today = local_today()
    person = org.person_in_nord
    response = client_as("manager").post(
        reverse("absence:report_sick_for", kwargs={"person_id": person.pk}),
        {"first_day": today.isoformat()},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("people:detail", kwargs={"person_id": person.pk}) + (
        "#fravaer"
    )
    period = AbsencePeriod.objects.get(person=person)
    assert (period.absence_type, period.start_date, period.end_date) == (
        AbsenceType.SICKNESS,
        today,
        None,
    )
    task = FollowUpTask.objects.get(person=person, code="contact_day_1")
    assert (task.due, task.status) == (today, TaskStatus.OPEN)
    entry = AuditEntry.objects.get(
        subject_person_id=person.pk, action=Action.CREATE, detail="sygemelding"
    )
    assert (entry.actor_id, entry.purpose, entry.detail) == (
        users["manager"].pk,
        "personaleledelse",
        "sygemelding",
    )
    # The overview now offers "Meld rask" with the open sickness.
    page = client_as("manager").get(reverse("people:detail", kwargs={"person_id": person.pk}))
    html = page.content.decode()
    assert reverse("absence:report_well_for", kwargs={"person_id": person.pk}) in html
    assert reverse("absence:report_sick_for", kwargs={"person_id": person.pk}) not in html


def test_hr_reports_well_and_the_later_tasks_are_no_longer_needed(org, users):
    hr = access_for(users["hr"])
    person = org.person_in_skole
    first = local_today() - timedelta(days=6)
    selfservice.report_sick(hr, first_day=first, person_id=person.pk)
    assert FollowUpTask.objects.filter(person=person, status=TaskStatus.OPEN).exists()
    period = selfservice.report_well(hr, last_day=first, person_id=person.pk)
    assert period.end_date == first
    interview = FollowUpTask.objects.filter(person=person, code="sickness_interview").first()
    assert interview is None or interview.status != TaskStatus.OPEN
    entry = AuditEntry.objects.get(
        subject_person_id=person.pk, action=Action.UPDATE, detail="raskmelding"
    )
    assert (entry.purpose, entry.detail) == ("hr_administration", "raskmelding")


def test_the_scope_holds(org, users):
    today = local_today()
    with pytest.raises(NotFound):  # another unit's employee: as if they did not exist
        selfservice.report_sick(
            access_for(users["manager"]), first_day=today, person_id=org.person_in_skole.pk
        )
    with pytest.raises(PermissionDenied):  # an employee reports only themselves
        selfservice.report_sick(
            access_for(users["employee"]), first_day=today, person_id=org.person_in_skole.pk
        )
    for role in ("analyst", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            selfservice.report_sick(
                access_for(users[role]), first_day=today, person_id=org.person_in_nord.pk
            )
    assert not AbsencePeriod.objects.exists()


def test_the_errors_name_the_employee(org, users, client_as):
    person = org.person_in_nord
    manager = access_for(users["manager"])
    with pytest.raises(selfservice.ReportError, match="er ikke meldt syg"):
        selfservice.report_well(manager, last_day=local_today(), person_id=person.pk)
    selfservice.report_sick(manager, first_day=local_today(), person_id=person.pk)
    with pytest.raises(selfservice.ReportError, match=f"{person.full_name} er allerede meldt syg"):
        selfservice.report_sick(manager, first_day=local_today(), person_id=person.pk)
    # Through the page: the message is shown and nothing more is saved.
    response = client_as("manager").post(
        reverse("absence:report_sick_for", kwargs={"person_id": person.pk}),
        {"first_day": local_today().isoformat()},
        follow=True,
    )
    assert "er allerede meldt syg" in response.content.decode()
    assert AbsencePeriod.objects.filter(person=person).count() == 1
