"""HR corrects a person's name and contact details, and closes a request for correction."""

import pytest
from django.urls import reverse

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people import services
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry, CorrectionRequest, CorrectionStatus

pytestmark = pytest.mark.django_db


def request_from(person, message="Mit telefonnummer er forkert."):
    return CorrectionRequest.objects.create(
        subject_person_id=person.pk, category="stamdata", message=message
    )


def test_hr_corrects_and_the_write_is_audited(org, users):
    person = org.person_in_skole
    values = {
        "first_name": person.first_name,
        "last_name": "Hansen-Bach",
        "email": "",
        "phone": "12 34 56 78",
    }
    _person, changed = services.correct_person(access_for(users["hr"]), person.pk, values=values)
    person.refresh_from_db()
    assert changed == ["last_name", "phone"] and person.last_name == "Hansen-Bach"
    entry = AuditEntry.objects.get(subject_person_id=person.pk, action="update")
    assert (entry.category, entry.purpose, entry.detail) == (
        "stamdata",
        "hr_administration",
        "ret:last_name,phone",
    )
    assert "Hansen-Bach" not in entry.detail  # names of fields, never the values
    # The search keys follow at once.
    assert person in services.find_people(access_for(users["hr"]), "hansen-b")


@pytest.mark.parametrize("role", ["manager", "employee", "analyst", "dpo", "admin"])
def test_only_hr_corrects(org, users, role):
    with pytest.raises(PermissionDenied):
        services.correct_person(
            access_for(users[role]), org.person_in_nord.pk, values={"phone": "1"}
        )


def test_no_one_corrects_their_own_record_and_names_are_required(org, users):
    hr = access_for(users["hr"])
    with pytest.raises(ValidationFailed):
        services.correct_person(hr, users["hr"].person.pk, values={"phone": "1"})
    with pytest.raises(ValidationFailed):
        services.correct_person(hr, org.person_in_nord.pk, values={"first_name": "  "})
    with pytest.raises(NotFound):
        services.correct_person(hr, 987654321, values={"phone": "1"})


def test_correction_closes_the_request(org, users):
    person = org.person_in_skole
    request = request_from(person)
    values = {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "email": "",
        "phone": "87654321",
    }
    services.correct_person(
        access_for(users["hr"]), person.pk, values=values, correction_id=request.pk
    )
    request.refresh_from_db()
    assert request.status == CorrectionStatus.DONE
    assert request.handled_by == users["hr"] and "Telefon" in request.response


def test_request_about_someone_else_is_refused_and_nothing_is_saved(org, users):
    request = request_from(org.person_in_nord)
    with pytest.raises(NotFound):
        services.correct_person(
            access_for(users["hr"]),
            org.person_in_skole.pk,
            values={"phone": "999"},
            correction_id=request.pk,
        )
    org.person_in_skole.refresh_from_db()
    assert org.person_in_skole.phone != "999"
    request.refresh_from_db()
    assert request.status == CorrectionStatus.OPEN


def test_the_pages(client_as, org):
    person = org.person_in_skole
    request = request_from(person)
    client = client_as("hr")
    detail = client.get(reverse("people:detail", args=[person.pk])).text
    assert reverse("people:edit", args=[person.pk]) in detail
    from_request = client.get(reverse("privacy:correction", args=[request.pk])).text
    link = f"{reverse('people:edit', args=[person.pk])}?rettelse={request.pk}"
    assert link in from_request
    form = client.get(link).text
    assert "Mit telefonnummer er forkert." in form and 'name="rettelse"' in form
    response = client.post(
        reverse("people:edit", args=[person.pk]),
        {
            "first_name": person.first_name,
            "last_name": person.last_name,
            "email": "jens@example.org",
            "phone": "",
            "rettelse": request.pk,
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == CorrectionStatus.DONE
    person.refresh_from_db()
    assert person.email == "jens@example.org"
    bad = client.post(
        reverse("people:edit", args=[person.pk]), {"first_name": "", "last_name": "X"}
    )
    assert bad.status_code == 400


def test_manager_gets_403_on_the_form(client_as, org):
    client = client_as("manager")
    assert client.get(reverse("people:edit", args=[org.person_in_nord.pk])).status_code == 403
    page = client.get(reverse("people:detail", args=[org.person_in_nord.pk])).text
    assert reverse("people:edit", args=[org.person_in_nord.pk]) not in page
