"""The team pages over HTTP: the needs form, "Foreslå hold", the proposal page and the decision."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from charlie.portfolio.models import SkillNeed, Team
from charlie.portfolio.tests.factories import InitiativeFactory
from charlie.skills.models import OptIn, OptInKind, TeamProposal
from charlie.skills.tests.factories import SkillAssessmentFactory, SkillFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiative(org):
    skill = SkillFactory(name="Projektledelse")
    SkillAssessmentFactory(person=org.person_in_nord, skill=skill, level=3)
    OptIn.objects.create(person=org.person_in_nord, kind=OptInKind.PROJECTS, opted_in=True)
    org.person_in_nord.email = "nord@example.org"
    org.person_in_nord.save()
    return InitiativeFactory(number=3, title="Robot til bilag"), skill


def test_needs_form_saves_and_reshows_the_saved_rows(client_as, initiative):
    _item, skill = initiative
    client = client_as("hr")
    url = reverse("portfolio:team_needs", kwargs={"number": 3})
    response = client.post(url, {"skill_1": skill.pk, "level_1": "2", "hours_1": "37.5"})
    assert response.status_code == 302
    assert response["Location"] == reverse("portfolio:team", kwargs={"number": 3})
    assert SkillNeed.objects.get().hours == 37.5
    page = client.get(url).content.decode()
    assert 'value="37.5"' in page
    overview = client.get(reverse("portfolio:team", kwargs={"number": 3})).content.decode()
    assert "Projektledelse" in overview


def test_needs_form_names_the_bad_line(client_as, initiative):
    _item, skill = initiative
    response = client_as("hr").post(
        reverse("portfolio:team_needs", kwargs={"number": 3}),
        {"skill_1": skill.pk, "level_1": "2", "hours_1": "10", "skill_2": skill.pk, "level_2": "3"},
    )
    assert response.status_code == 422
    assert "Linje 2" in response.content.decode()
    assert not SkillNeed.objects.exists()


def test_propose_without_needs_says_what_to_do(client_as, initiative):
    response = client_as("hr").post(
        reverse("portfolio:team_propose", kwargs={"number": 3}), {"hoejst": "12"}
    )
    assert response.status_code == 422
    assert "Angiv først de kompetencer" in response.content.decode()
    assert not Team.objects.exists()


def test_propose_show_and_accept(client_as, org, initiative, django_capture_on_commit_callbacks):
    item, skill = initiative
    SkillNeed.objects.create(initiative=item, skill_id=skill.pk, level=2, hours=40)
    client = client_as("hr")
    response = client.post(reverse("portfolio:team_propose", kwargs={"number": 3}), {"hoejst": "5"})
    team = Team.objects.get()
    url = reverse("portfolio:team_proposal", kwargs={"number": 3, "proposal_id": team.proposal_id})
    assert response["Location"] == url
    page = client.get(url).content.decode()
    assert org.person_in_nord.employee_number in page
    assert "Holdet dækker 100 %" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("portfolio:team_decide", kwargs={"number": 3, "proposal_id": team.proposal_id}),
            {"decision": "accept"},
        )
    assert response.status_code == 302
    assert TeamProposal.objects.get().status == "accepted"
    assert [m.to for m in mail.outbox] == [["nord@example.org"]]
    assert "3. Robot til bilag" in mail.outbox[0].body
    # The decided proposal has no buttons left.
    assert "Godkend projektholdet" not in client.get(url).content.decode()
