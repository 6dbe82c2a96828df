""" "Mine data" (GDPR art. 15 and 20): the page and the JSON download show the user's own data,
the purposes that use it and who has read or changed it, and record the viewing itself."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from charlie.people.services import access_for
from charlie.privacy import services
from charlie.privacy.models import AuditEntry
from charlie.privacy.registry import data_providers

pytestmark = pytest.mark.django_db


def test_people_registers_providers_for_its_categories():
    assert {"stamdata", "ansaettelse"} <= set(data_providers())


def test_page_lists_own_stamdata_and_employments(client_as, org):
    person = org.person_in_nord
    employment = person.employments.get()
    response = client_as("employee").get(reverse("privacy:my_data"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Mine data" in html
    assert person.employee_number in html
    assert person.full_name in html
    assert employment.job_title in html
    assert "Plejecenter Nord" in html
    # The purposes that use the data, with their legal basis.
    assert "HR-administration" in html
    assert "GDPR art. 15" in html
    assert reverse("privacy:my_data_json") in html


def test_page_shows_hr_reading_the_person(client_as, users, org):
    hr = client_as("hr")
    detail = reverse("people:detail", kwargs={"person_id": org.person_in_nord.pk})
    assert hr.get(detail).status_code == 200
    hr.logout()

    response = client_as("employee").get(reverse("privacy:my_data"))
    assert response.status_code == 200
    data = response.context["data"]
    hr_rows = [row for row in data.audit if row.entry.actor_username == "test-hr"]
    assert hr_rows, "the HR read is not on the page"
    assert {row.entry.purpose for row in hr_rows} == {"hr_administration"}
    assert all(row.entry.subject_person_id == org.person_in_nord.pk for row in data.audit)
    assert data.audit_count == len(data.audit)
    # Newest first.
    times = [row.entry.at for row in data.audit]
    assert times == sorted(times, reverse=True)
    html = response.content.decode()
    assert "Hvem har set eller ændret mine oplysninger" in html
    assert "test-hr" in html
    assert "HR-administration" in html


def test_json_download_holds_the_same(client_as, users, org):
    hr = client_as("hr")
    hr.get(reverse("people:detail", kwargs={"person_id": org.person_in_nord.pk}))
    hr.logout()

    response = client_as("employee").get(reverse("privacy:my_data_json"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="mine-data-')
    assert response["Content-Disposition"].endswith('.json"')
    raw = response.content.decode("utf-8")
    assert "Fødselsdato" in raw  # ensure_ascii=False: Danish letters as they are
    payload = json.loads(raw)
    by_code = {c["kode"]: c for c in payload["kategorier"]}
    person = org.person_in_nord
    assert by_code["stamdata"]["oplysninger"][0]["Medarbejdernummer"] == person.employee_number
    jobs = [row["Stilling"] for row in by_code["ansaettelse"]["oplysninger"]]
    assert jobs == [person.employments.get().job_title]
    purposes = {p["kode"] for p in by_code["ansaettelse"]["formål"]}
    assert {"hr_administration", "egen_indsigt"} <= purposes
    assert all(p["retsgrundlag"] for p in by_code["ansaettelse"]["formål"])
    assert any(e["bruger"] == "test-hr" for e in payload["logning"])
    assert len(payload["logning"]) == AuditEntry.objects.filter(subject_person_id=person.pk).count()


def test_another_persons_data_never_appears(client_as, users, org):
    others = [org.person_in_syd, org.person_in_skole, users["hr"].person]
    hr = client_as("hr")
    for other in others:
        hr.get(reverse("people:detail", kwargs={"person_id": other.pk}))
    hr.logout()

    client = client_as("employee")
    html = client.get(reverse("privacy:my_data")).content.decode()
    raw = client.get(reverse("privacy:my_data_json")).content.decode()
    for other in others:
        for text in (html, raw):
            assert other.employee_number not in text
            assert other.full_name not in text
    data = services.my_data(access_for(users["employee"]))
    assert {row.entry.subject_person_id for row in data.audit} == {org.person_in_nord.pk}


def test_user_without_a_person_gets_the_empty_state(client_as):
    client = client_as("analyst")
    response = client.get(reverse("privacy:my_data"))
    assert response.status_code == 200
    assert "Der er ingen oplysninger om dig" in response.content.decode()
    payload = json.loads(client.get(reverse("privacy:my_data_json")).content)
    assert payload["har_oplysninger"] is False
    assert payload["kategorier"] == [] and payload["logning"] == []
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize("url_name", ["privacy:my_data", "privacy:my_data_json"])
def test_viewing_my_data_is_recorded_as_own_insight(url_name, client_as, users, org):
    client_as("employee").get(reverse(url_name))
    entries = AuditEntry.objects.filter(actor=users["employee"])
    assert {e.category for e in entries} == set(data_providers())
    assert all(e.subject_person_id == org.person_in_nord.pk for e in entries)
    assert {(e.purpose, e.channel, e.action) for e in entries} == {("egen_indsigt", "ui", "read")}


def test_the_page_caps_the_audit_list(client_as, users, org, monkeypatch):
    monkeypatch.setattr(services, "MY_DATA_AUDIT_LIMIT", 1)
    response = client_as("employee").get(reverse("privacy:my_data"))
    data = response.context["data"]
    assert len(data.audit) == 1
    assert data.audit_count == len(data_providers())


def test_anonymous_is_sent_to_log_in(client):
    for name in ("privacy:my_data", "privacy:my_data_json"):
        assert client.get(reverse(name)).status_code == 302


def test_menu_entry_only_for_users_with_a_person(client_as):
    assert "Mine data" in client_as("employee").get(reverse("home")).content.decode()
    assert "Mine data" not in client_as("analyst").get(reverse("home")).content.decode()
