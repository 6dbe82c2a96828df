"""The initiatives part's pages: the description form, the stage, the owner, the list and the
front page, as the roles see them."""

from __future__ import annotations

import pytest
from django.urls import reverse

from charlie.portfolio.models import Initiative, Stage, Tag
from charlie.portfolio.tests.factories import BeaconFactory, InitiativeFactory

pytestmark = pytest.mark.django_db


def _form(**overrides):
    data = {
        "title": "Digital vagtplan",
        "forvaltning": "",
        "purpose": "Færre opkald om vagter.",
        "depends_on": "",
        "it_systems": "KMD Nexus\nSD Løn",
        "dpia": "unknown",
        "dpia_note": "",
        "must_do_reason": "",
    }
    data.update(overrides)
    return data


def test_hr_creates_and_edits_an_initiative(client_as, org):
    client = client_as("hr")
    beacon = BeaconFactory(title="Mere tid til borgerne")
    response = client.post(
        reverse("portfolio:initiative_new"),
        _form(forvaltning=str(org.social.pk), beacon_ids=[str(beacon.pk)], tags=[Tag.TRIAL]),
    )
    initiative = Initiative.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("portfolio:initiative", args=[initiative.number])
    assert initiative.it_systems == ["KMD Nexus", "SD Løn"]
    page = client.get(response.url).content.decode()
    assert "Digital vagtplan" in page
    assert "Mere tid til borgerne" in page and "Afprøvning" in page and "Social og Sundhed" in page

    edit = reverse("portfolio:initiative_edit", args=[initiative.number])
    form = client.get(edit).content.decode()
    assert "KMD Nexus\nSD Løn" in form
    response = client.post(edit, _form(title="Digital vagtplan 2.0", depends_on="5, x"))
    assert response.status_code == 400
    assert "ikke »x«" in response.content.decode()
    response = client.post(edit, _form(depends_on="77"))
    assert response.status_code == 400
    assert "intet initiativ med nummer 77" in response.content.decode()
    response = client.post(edit, _form(dpia="needed", must_do="on"))
    body = response.content.decode()
    assert response.status_code == 400
    assert 'href="#id_dpia_note"' in body and 'href="#id_must_do_reason"' in body


def test_hr_changes_the_stage(client_as):
    client = client_as("hr")
    initiative = InitiativeFactory(stage=Stage.ANALYSIS)
    url = reverse("portfolio:initiative_stage", args=[initiative.number])
    response = client.post(url, {"stage": "decided", "note": "Byrådet 12. marts"})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.stage == Stage.DECIDED
    page = client.get(reverse("portfolio:initiative", args=[initiative.number])).content.decode()
    assert "Byrådet 12. marts" in page
    # The same stage again is refused beside the field.
    response = client.post(url, {"stage": "decided"})
    assert response.status_code == 400
    assert "allerede i fasen" in response.content.decode()


def test_hr_chooses_and_removes_the_owner(client_as, org):
    client = client_as("hr")
    initiative = InitiativeFactory()
    url = reverse("portfolio:initiative_owner", args=[initiative.number])
    page = client.get(url, {"q": org.person_in_skole.employee_number}).content.decode()
    assert org.person_in_skole.full_name in page
    response = client.post(url, {"person_id": org.person_in_skole.pk})
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert initiative.owner == org.person_in_skole
    assert client.post(url, {"action": "remove"}).status_code == 302
    initiative.refresh_from_db()
    assert initiative.owner is None
    # Someone who does not exist is not found.
    assert client.post(url, {"person_id": 999_999}).status_code == 404


def test_names_in_the_list_for_managers_not_analysts(client_as, org):
    InitiativeFactory(title="Digital vagtplan", owner=org.person_in_skole)
    url = reverse("portfolio:initiatives")
    assert org.person_in_skole.full_name in client_as("manager").get(url).content.decode()
    page = client_as("analyst").get(url).content.decode()
    assert "Digital vagtplan" in page
    assert org.person_in_skole.full_name not in page
    assert "Nyt initiativ" not in page


def test_the_list_filters_by_query_string(client_as):
    InitiativeFactory(title="Robot til bilag", stage=Stage.IDEA)
    InitiativeFactory(title="Chatbot", stage=Stage.RUNNING)
    client = client_as("hr")
    page = client.get(reverse("portfolio:initiatives"), {"stage": "running"}).content.decode()
    assert "Chatbot" in page and "Robot til bilag" not in page
    # A value that is not a choice is ignored, not an error.
    response = client.get(reverse("portfolio:initiatives"), {"stage": "nonsense"})
    assert response.status_code == 200


def test_the_front_page_counts_stages_for_readers(client_as):
    InitiativeFactory(stage=Stage.RUNNING)
    page = client_as("analyst").get(reverse("portfolio:home")).content.decode()
    assert "?stage=running" in page
    page = client_as("employee").get(reverse("portfolio:home")).content.decode()
    assert "?stage=running" not in page
    assert "Du har ikke indsendt idéer endnu." in page
