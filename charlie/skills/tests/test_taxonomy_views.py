"""The taxonomy and role-profile pages through HTTP: HR's whole flow (a local skill, a merge,
a profile started from an ESCO occupation and edited into version 2), and the errors shown
beside the input."""

from __future__ import annotations

import pytest
from django.urls import reverse

from charlie.people.models import JobFamily
from charlie.skills.models import Occupation, OccupationSkill, RoleProfile, Skill
from charlie.skills.tests.factories import SkillFactory

pytestmark = pytest.mark.django_db


def test_hr_creates_a_local_skill_and_finds_it(client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("hr")
    response = client.post(
        reverse("skills:skill_new"),
        {
            "name": "Forflytning",
            "description": "Sikker forflytning af borgere.",
            "scale": "default",
        },
    )
    skill = Skill.objects.get(uri="local:forflytning")
    assert response.status_code == 302
    assert response["Location"] == reverse("skills:skill", args=[skill.pk])
    page = client.get(reverse("skills:taxonomy"), {"q": "forflyt", "source": "local"})
    assert "Forflytning" in page.content.decode()
    again = client.post(reverse("skills:skill_new"), {"name": "forflytning", "scale": "default"})
    assert again.status_code == 400
    assert "findes allerede" in again.content.decode()


def test_the_list_is_paged(client_as) -> None:  # type: ignore[no-untyped-def]
    for n in range(55):
        SkillFactory(name=f"Demens {n:02d}")
    client = client_as("employee")
    first = client.get(reverse("skills:taxonomy"), {"q": "Demens"}).content.decode()
    assert "Demens 49" in first and "Demens 50" not in first
    assert "side=2" in first
    second = client.get(reverse("skills:taxonomy"), {"q": "Demens", "side": "2"}).content.decode()
    assert "Demens 54" in second


def test_hr_merges_and_retires(client_as) -> None:  # type: ignore[no-untyped-def]
    source = SkillFactory(name="Demensomsorg")
    target = SkillFactory(name="Demens", uri="local:demens")
    client = client_as("hr")
    bad = client.post(reverse("skills:skill_merge", args=[source.pk]), {"target": "ingen"})
    assert bad.status_code == 400
    ok = client.post(reverse("skills:skill_merge", args=[source.pk]), {"target": "local:demens"})
    assert ok.status_code == 302
    source.refresh_from_db()
    assert source.merged_into == target
    page = client.get(reverse("skills:skill", args=[source.pk])).content.decode()
    assert "lagt sammen med en anden" in page
    client.post(reverse("skills:skill_retire", args=[target.pk]))
    target.refresh_from_db()
    assert target.retired_on is not None


def test_a_profile_from_an_esco_occupation_then_a_new_version(client_as) -> None:  # type: ignore[no-untyped-def]
    occ = Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/sosu",
        name="social- og sundhedsassistent",
        isco_group="5321",
    )
    demens = SkillFactory(name="Demens")
    velfaerd = SkillFactory(name="Velfærdsteknologi")
    OccupationSkill.objects.create(occupation=occ, skill=demens, essential=True)
    OccupationSkill.objects.create(occupation=occ, skill=velfaerd, essential=False)
    client = client_as("hr")
    form = client.get(reverse("skills:role_profile_new"), {"occupation": occ.pk}).content.decode()
    assert "Social- og sundhedsassistent" in form and "Velfærdsteknologi" in form
    family = JobFamily.objects.order_by("pk").first()
    post = {
        "name": "Social- og sundhedsassistent",
        "job_family": family.pk,
        "occupation": occ.pk,
        "rows": "3",
        "r-0-skill": demens.pk, "r-0-level": "2", "r-0-kind": "essential",
        "r-1-skill": velfaerd.pk, "r-1-level": "1", "r-1-kind": "optional",
        "r-2-text": "", "r-2-level": "", "r-2-kind": "essential",
    }  # fmt: skip
    response = client.post(reverse("skills:role_profile_new"), post)
    assert response.status_code == 302
    profile = RoleProfile.objects.get(is_current=True, name="Social- og sundhedsassistent")
    assert profile.occupation == occ and profile.requirements.count() == 2

    edit = reverse("skills:role_profile_edit", args=[profile.code])
    assert client.get(edit).status_code == 200
    bad = {**post, "r-1-level": "7"}
    response = client.post(edit, bad)
    assert response.status_code == 400
    assert "skal være 1–4" in response.content.decode()
    changed = {**post, "r-1-remove": "1", "r-2-text": "Demens", "note": "Uden velfærdsteknologi"}
    response = client.post(edit, changed)
    assert response.status_code == 400  # Demens twice
    changed["r-2-text"] = ""
    assert client.post(edit, changed).status_code == 302
    current = RoleProfile.objects.get(code=profile.code, is_current=True)
    assert current.version == 2 and current.requirements.count() == 1
    page = client.get(reverse("skills:role_profile", args=[profile.code])).content.decode()
    assert "Uden velfærdsteknologi" in page
    assert "2 af 4 (Øvet)" in page
    used = client.get(reverse("skills:skill", args=[demens.pk])).content.decode()
    assert "Social- og sundhedsassistent</a>" in used  # the current profiles that require it
    old = client.get(reverse("skills:role_profile", args=[profile.code]), {"version": "1"})
    assert "ikke længere gælder" in old.content.decode()


def test_job_family_mapping_page(client_as) -> None:  # type: ignore[no-untyped-def]
    occ = Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/nurse", name="sygeplejerske", isco_group="2221"
    )
    family = JobFamily.objects.order_by("pk").first()
    client = client_as("hr")
    url = reverse("skills:job_family", args=[family.pk])
    found = client.get(url, {"q": "sygepl"}).content.decode()
    assert "sygeplejerske" in found
    assert client.post(url, {"occupation": occ.pk, "action": "add"}).status_code == 302
    listing = client.get(reverse("skills:job_families")).content.decode()
    assert "sygeplejerske" in listing


def test_groups_page_creates_and_renames(client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("hr")
    assert client.post(reverse("skills:groups"), {"name": "Sundhed"}).status_code == 302
    from charlie.skills.models import SkillGroup

    group = SkillGroup.objects.get(name="Sundhed")
    assert (
        client.post(reverse("skills:groups"), {"name": "Pleje", "group": group.pk}).status_code
        == 302
    )
    group.refresh_from_db()
    assert group.name == "Pleje"
    assert client.post(reverse("skills:groups"), {"name": "pleje"}).status_code == 400
