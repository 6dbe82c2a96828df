"""The absence section of the person overview (absence.services.person, people.overview)."""

import datetime as dt

import pytest
from django.urls import reverse

from charlie.absence.models import RetentionPlan, Section56Agreement, TaskStatus
from charlie.absence.services.person import person_section
from charlie.absence.tests.factories import AbsencePeriodFactory, FollowUpTaskFactory
from charlie.core.errors import NotFound, PermissionDenied
from charlie.people.services import access_for
from charlie.people.tests.factories import EmploymentFactory
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db

ON = dt.date(2025, 6, 30)


def test_rate_over_twelve_months_by_hand(org, users):
    person = org.person_in_nord  # full time (37 h) since 2015
    AbsencePeriodFactory(
        person=person, start_date=dt.date(2025, 3, 3), end_date=dt.date(2025, 3, 14)
    )
    # Outside the 12 months (1 Jul 2024 – 30 Jun 2025): not in the rate, but listed.
    AbsencePeriodFactory(
        person=person, start_date=dt.date(2024, 3, 4), end_date=dt.date(2024, 3, 8)
    )
    section = person_section(access_for(users["hr"]), person, on=ON)
    # 10 working days sick of 253: 261 weekdays less 8 public holidays on weekdays (25–26 Dec,
    # 1 Jan, Maundy Thursday, Good Friday, Easter Monday, Ascension Day, Whit Monday).
    assert section["rate_percent"] == pytest.approx(100 * 10 / 253, abs=0.01)
    assert [p.first_day for p in section["periods"]] == [dt.date(2025, 3, 3), dt.date(2024, 3, 4)]
    assert section["periods"][0].days == 12
    assert section["spells"] == [(dt.date(2025, 3, 3), dt.date(2025, 3, 14))]


def test_tasks_agreements_and_plans(org, users):
    person = org.person_in_nord
    open_task = FollowUpTaskFactory(person=person, due=dt.date(2025, 6, 1))
    FollowUpTaskFactory(person=person, code="day_1_contact", status=TaskStatus.DONE)
    Section56Agreement.objects.create(
        person=person, approved_on=dt.date(2024, 1, 10), valid_until=dt.date(2026, 1, 9)
    )
    RetentionPlan.objects.create(
        person=person, first_day=dt.date(2025, 3, 3), requested_on=dt.date(2025, 3, 20)
    )
    section = person_section(access_for(users["manager"]), person, on=ON)
    assert [line.task for line in section["open_tasks"]] == [open_task]
    assert section["open_tasks"][0].overdue
    assert len(section["done_tasks"]) == 1 and section["done_count"] == 1
    assert len(section["agreements"]) == 1 and len(section["plans"]) == 1


def test_scope_and_permission(org, users):
    with pytest.raises(NotFound):
        person_section(access_for(users["manager"]), org.person_in_skole, on=ON)
    with pytest.raises(PermissionDenied):
        person_section(access_for(users["employee"]), org.person_in_nord, on=ON)


def test_manager_sees_only_the_time_in_their_units(org, users):
    person = org.person_in_nord
    job = person.employments.get()
    job.start_date = dt.date(2024, 1, 1)
    job.save()
    EmploymentFactory(
        person=person,
        org_unit=org.skole,
        start_date=dt.date(2015, 1, 1),
        end_date=dt.date(2023, 12, 31),
    )
    AbsencePeriodFactory(
        person=person, start_date=dt.date(2023, 5, 1), end_date=dt.date(2023, 5, 5)
    )
    AbsencePeriodFactory(
        person=person, start_date=dt.date(2025, 5, 5), end_date=dt.date(2025, 5, 6)
    )
    manager = person_section(access_for(users["manager"]), person, on=ON)
    assert [p.first_day for p in manager["periods"]] == [dt.date(2025, 5, 5)]
    hr = person_section(access_for(users["hr"]), person, on=ON)
    assert len(hr["periods"]) == 2


def test_person_page_shows_the_section_and_audits_it(client_as, org):
    person = org.person_in_nord
    AbsencePeriodFactory(
        person=person, start_date=dt.date(2025, 3, 3), end_date=dt.date(2025, 3, 14)
    )
    page = client_as("manager").get(reverse("people:detail", args=[person.pk])).text
    assert "Fravær og opfølgning" in page and "Sygefravær de seneste 12 måneder" in page
    assert "3. marts 2025" in page or "03.03.2025" in page
    entry = AuditEntry.objects.filter(
        subject_person_id=person.pk, category="fravaer", detail="person:overblik"
    ).get()
    assert entry.purpose == "personaleledelse" and entry.action == "read"
    # No pension for a manager (HR only), and no section for the employee's own page.
    assert "Slå pensionsdatoer op" not in page
    own = client_as("employee").get(reverse("people:detail", args=[person.pk])).text
    assert "Fravær og opfølgning" not in own


def test_hr_is_offered_the_pension_look_up_without_it_being_made(client_as, org):
    person = org.person_in_skole
    page = client_as("hr").get(reverse("people:detail", args=[person.pk])).text
    assert "Slå pensionsdatoer op" in page and "Fravær og opfølgning" in page
    assert reverse("workforce:person_pension", args=[person.pk]) in page
    # Opening the person is HR administration; a pension look-up is workforce planning.
    assert not AuditEntry.objects.filter(
        subject_person_id=person.pk, purpose="arbejdsstyrkeplanlaegning"
    ).exists()


def test_manager_of_another_unit_gets_404(client_as, org):
    response = client_as("manager").get(reverse("people:detail", args=[org.person_in_skole.pk]))
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(
        subject_person_id=org.person_in_skole.pk, category="fravaer"
    ).exists()
