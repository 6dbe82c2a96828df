"""The analysis part's interfaces: ``charlie skills gap|candidates``, the API and the pages with
data (issue 13, point 11)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from charlie.people.tests.factories import EmploymentFactory
from charlie.privacy.models import AuditEntry
from charlie.skills.models import OptIn, OptInKind, ProposalStatus, TeamProposal
from charlie.skills.services.common import DETAIL_CANDIDATE
from charlie.skills.tests.factories import (
    RoleProfileFactory,
    RoleRequirementFactory,
    SkillAssessmentFactory,
    SkillFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def role(org):
    profile = RoleProfileFactory(code="sosu-naere", name="SOSU-assistent i det nære")
    skill = SkillFactory(name="Medicinhåndtering")
    RoleRequirementFactory(profile=profile, skill=skill, min_level=3)
    SkillAssessmentFactory(person=org.person_in_nord, skill=skill, level=2)
    return profile, skill


def _run(*args: str) -> str:
    out = io.StringIO()
    call_command("skills", *args, stdout=out)
    return out.getvalue()


def test_cli_gap_as_json(org, role):
    profile, _skill = role
    data = json.loads(
        _run("gap", "--employee", org.person_in_nord.employee_number, "--role", profile.code)
    )
    assert data["role"] == "sosu-naere"
    assert data["missing"] == [
        {
            "skill_id": _skill.pk,
            "skill": "Medicinhåndtering",
            "required_level": 3,
            "held_level": 2,
            "missing_levels": 1,
            "essential": True,
        }
    ]
    assert [h["held_level"] for h in data["held"]] == [2]
    entry = AuditEntry.objects.get(subject_person_id=org.person_in_nord.pk)
    assert entry.channel == "cli" and entry.purpose == "kompetenceudvikling"


def test_cli_gap_unknown(org, role):
    with pytest.raises(CommandError):
        _run("gap", "--employee", "nobody", "--role", "sosu-naere")
    with pytest.raises(CommandError):
        _run("gap", "--employee", org.person_in_nord.employee_number, "--role", "nope")


def test_cli_candidates_json_and_csv(org, role):
    profile, _skill = role
    OptIn.objects.create(person=org.person_in_nord, kind=OptInKind.NEW_OPPORTUNITIES, opted_in=True)
    data = json.loads(_run("candidates", "--role", profile.code, "--top", "5"))
    assert [c["employee_number"] for c in data["candidates"]] == [
        org.person_in_nord.employee_number
    ]
    assert data["candidates"][0]["coverage"] == round(2 / 3, 4)
    rows = list(
        csv.reader(
            io.StringIO(_run("candidates", "--role", profile.code, "--format", "csv")),
            delimiter=";",
        )
    )
    assert rows[0][:3] == ["rank", "employee_number", "name"]
    assert rows[1][1] == org.person_in_nord.employee_number
    assert AuditEntry.objects.filter(detail=DETAIL_CANDIDATE).count() == 2


def test_api_gap_and_candidates(client_as, org, role):
    profile, _skill = role
    client = client_as("hr")
    url = reverse(
        "api:skills_gap",
        kwargs={"employee": org.person_in_nord.employee_number, "profile": profile.code},
    )
    body = client.get(url).json()
    assert body["missing"][0]["held_level"] == 2
    csv_url = reverse("api:skills_candidates", kwargs={"profile": profile.code})
    response = client.get(csv_url, {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    assert client.get(csv_url, {"top": 0}).status_code == 422
    assert (
        client.get(reverse("api:skills_candidates", kwargs={"profile": "nope"})).status_code == 404
    )


def test_pages_with_data(client_as, org, role):
    profile, _skill = role
    for _ in range(6):
        EmploymentFactory(org_unit=org.nord)
    client = client_as("hr")
    page = client.get(reverse("skills:heatmap"), {"rolle": profile.code})
    assert page.status_code == 200 and "Medicinhåndtering" in page.content.decode()
    page = client.get(reverse("skills:heatmap"), {"rolle": profile.code, "enhed": org.aeldre.pk})
    assert "Plejecenter Nord" in page.content.decode()
    page = client.get(reverse("skills:retiring"), {"rolle": profile.code, "aar": 2030})
    assert page.status_code == 200
    page = client.get(
        reverse("skills:person_gap", kwargs={"person_id": org.person_in_nord.pk}),
        {"rolle": profile.code},
    )
    assert "1 niveau" in page.content.decode()
    assert client.get(reverse("skills:candidates"), {"rolle": profile.code}).status_code == 200
    assert client.get(reverse("skills:shortages")).status_code == 200


def test_team_page_flow(client_as, org, role):
    _profile, skill = role
    OptIn.objects.create(person=org.person_in_nord, kind=OptInKind.PROJECTS, opted_in=True)
    client = client_as("hr")
    response = client.post(
        reverse("skills:teams"),
        {"name": "Medicin i hjemmeplejen", "skill_1": skill.pk, "level_1": 2, "hours_1": 40},
    )
    assert response.status_code == 302
    proposal = TeamProposal.objects.get()
    page = client.get(response["Location"]).content.decode()
    assert org.person_in_nord.employee_number in page
    client.post(reverse("skills:team_decide", args=[proposal.pk]), {"decision": "reject"})
    proposal.refresh_from_db()
    assert proposal.status == ProposalStatus.REJECTED
    bad = client.post(reverse("skills:teams"), {"name": "Uden behov"})
    assert bad.status_code == 422
