"""The work queue on the front page (issue 12, point 1): what each role must do today, from the
providers the apps register (``charlie.core.workqueue``), scoped and audited."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse

from charlie.absence.models import AbsencePeriod
from charlie.absence.tests.factories import FollowUpTaskFactory
from charlie.core import workqueue
from charlie.people.services import access_for
from charlie.people.services import today as local_today
from charlie.privacy.models import AuditEntry, CorrectionRequest, RetentionBatch

pytestmark = pytest.mark.django_db


@pytest.fixture
def due_tasks(org):
    today = local_today()
    org.person_in_nord.phone = "12 34 56 78"
    org.person_in_nord.save()
    overdue = FollowUpTaskFactory(
        person=org.person_in_nord,
        org_unit=org.nord,
        code="sickness_interview",
        first_day=today - timedelta(days=30),
        due=today - timedelta(days=2),
    )
    due_today = FollowUpTaskFactory(
        person=org.person_in_nord,
        org_unit=org.nord,
        code="contact_day_1",
        first_day=today,
        due=today,
    )
    later = FollowUpTaskFactory(
        person=org.person_in_syd,
        org_unit=org.syd,
        code="contact_day_1",
        first_day=today,
        due=today,
    )
    return overdue, due_today, later


def html(client, role):
    response = client(role).get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def test_manager_sees_todays_and_overdue_tasks_with_phone_and_person_link(
    org, users, due_tasks, client_as
):
    page = html(client_as, "manager")
    assert "Det skal du i dag" in page
    assert "Opfølgning i dag og overskredne frister" in page
    assert "Kontakt på 1. sygedag" in page and "Sygefraværssamtale" in page
    assert 'href="tel:12 34 56 78"' in page
    assert f'href="/people/{org.person_in_nord.pk}/"' in page
    assert org.person_in_syd.full_name not in page  # Syd is not the manager's unit
    reads = AuditEntry.objects.filter(detail__startswith="forside", actor=users["manager"])
    assert {(e.subject_person_id, e.category) for e in reads} >= {
        (org.person_in_nord.pk, "fravaer"),
        (org.person_in_nord.pk, "stamdata"),
    }


def test_manager_sees_who_is_sick_today(org, users, client_as):
    AbsencePeriod.objects.create(
        person=org.person_in_nord,
        absence_type="sickness",
        start_date=local_today() - timedelta(days=1),
    )
    AbsencePeriod.objects.create(
        person=org.person_in_syd, absence_type="sickness", start_date=local_today()
    )
    page = html(client_as, "manager")
    assert "Syge i dag" in page
    assert org.person_in_nord.full_name in page
    assert org.person_in_syd.full_name not in page


def test_hr_sees_overdue_by_unit_corrections_and_the_last_import(org, users, due_tasks, client_as):
    CorrectionRequest.objects.create(
        subject_person_id=org.person_in_nord.pk, category="stamdata", message="Forkert adresse"
    )
    page = html(client_as, "hr")
    assert "Overskredne opgaver i sygefraværsopfølgningen, pr. enhed" in page
    assert f"unit={org.nord.pk}&amp;due=overdue" in page
    assert "1 åben anmodning om rettelse" in page
    assert "Seneste import" in page
    # Counts per unit name no one: HR's queue reads no person's data.
    assert (
        org.person_in_nord.full_name
        not in page.split("Det skal du i dag")[1].split("</section>")[0]
    )


def test_dpo_sees_retention_proposals_and_corrections_and_nothing_coming(org, users, client_as):
    RetentionBatch.objects.create(
        rule_code="absence_periods",
        category="fravaer",
        action="delete",
        years=5,
        as_of=local_today(),
        count=3,
    )
    CorrectionRequest.objects.create(
        subject_person_id=org.person_in_nord.pk, category="stamdata", message="Forkert"
    )
    page = html(client_as, "dpo")
    assert "1 sletteforslag venter på din godkendelse" in page
    assert "1 åben anmodning om rettelse" in page
    assert reverse("privacy:corrections") not in page  # HR handles them, the DPO supervises
    assert "kommer" not in page.lower() and "coming" not in page.lower()


def test_employee_sees_own_sick_report_and_own_corrections(org, users, client_as):
    AbsencePeriod.objects.create(
        person=org.person_in_nord, absence_type="sickness", start_date=local_today()
    )
    CorrectionRequest.objects.create(
        subject_person_id=org.person_in_nord.pk, category="stamdata", message="Forkert"
    )
    page = html(client_as, "employee")
    assert "Du er meldt syg" in page and reverse("absence:my_absence") in page
    assert "Din anmodning om rettelse er under behandling" in page


@pytest.mark.parametrize("role", ["analyst", "admin"])
def test_roles_without_work_get_no_queue(users, client_as, role):
    assert "Det skal du i dag" not in html(client_as, role)


def test_a_provider_is_called_with_the_callers_access(users):
    seen = []

    def provider(access):
        seen.append(access.user)
        return [workqueue.QueueItem(key="x", title="X", count=1, urgency=workqueue.Urgency.INFO)]

    workqueue.register("test", provider, order=1)
    try:
        items = workqueue.items_for(access_for(users["analyst"]))
    finally:
        workqueue.unregister("test")
    assert seen == [users["analyst"]]
    assert [i.key for i in items] == ["x"]
