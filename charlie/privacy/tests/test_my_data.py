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
    # The overview's skills and MUS sections are read for competence development (skills).
    assert {row.entry.purpose for row in hr_rows} == {"hr_administration", "kompetenceudvikling"}
    assert {
        row.entry.category for row in hr_rows if row.entry.purpose == "kompetenceudvikling"
    } == {"kompetencer"}
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


def test_each_purpose_is_described_once_with_the_categories_it_uses(client_as, org):
    response = client_as("employee").get(reverse("privacy:my_data"))
    data = response.context["data"]
    html = response.content.decode()
    by_code = {use.purpose.code: use for use in data.purposes}
    # Stamdata and Ansættelse share the purposes of people; each purpose is one section.
    hr = by_code["hr_administration"]
    assert {"stamdata", "ansaettelse"} <= {code for code, _label in hr.categories}
    assert len(by_code) == len(data.purposes)
    for use in data.purposes:
        assert html.count(f'id="formaal-{use.purpose.code}"') == 1
        # Its description is written once, not once per category.
        description = use.purpose.description.splitlines()[0]
        assert html.count(description) == 1, description
    # Each category links to its purposes instead of repeating them.
    assert html.count('href="#formaal-hr_administration"') == len(
        [c for c in data.categories if "hr_administration" in {p.code for p in c.purposes}]
    )


def test_others_reads_stand_apart_from_the_persons_own(client_as, users, org):
    hr = client_as("hr")
    hr.get(reverse("people:detail", kwargs={"person_id": org.person_in_nord.pk}))
    hr.logout()
    client = client_as("employee")
    client.get(reverse("privacy:my_data"))  # an earlier visit of one's own
    response = client.get(reverse("privacy:my_data"))
    data = response.context["data"]
    assert {row.entry.actor_username for row in data.audit_by_others} == {"test-hr"}
    assert {row.entry.actor_username for row in data.audit_own} == {"test-employee"}
    assert data.others_count == len(data.audit_by_others)
    assert data.own_count == 2 * len(data_providers())
    assert data.audit_count == data.others_count + data.own_count
    html = response.content.decode()
    # HR's reads are in the open table; the person's own are folded away in <details>.
    others = html.index("Hvem har set eller ændret mine oplysninger</caption>")
    details = html.index("<details")
    assert others < details
    assert "test-employee" not in html[others:details]
    assert "test-employee" in html[details:]
    assert "Det, du selv har set og gjort (" in html


def test_without_reads_by_others_the_page_says_so(client_as, users, org):
    response = client_as("employee").get(reverse("privacy:my_data"))
    assert response.context["data"].others_count == 0
    assert "Ingen andre har set eller ændret dine oplysninger." in response.content.decode()


def test_one_menu_item_for_ones_own_data(client_as):
    from charlie.core.navigation import entries_for

    labels = [
        str(e.label)
        for e in entries_for(client_as("employee").get(reverse("home")).wsgi_request.user)
    ]
    assert labels.count("Mine data") == 1
    assert "Mine oplysninger" not in labels
