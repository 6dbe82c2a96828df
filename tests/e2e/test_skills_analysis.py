"""Skills analysis in the browser (issue 13, points 6–8): HR looks at a person's gap, the
coverage heatmap, the retiring holders, the candidates and shortages, and puts a project team
together and accepts it. axe-core checks every page, on a desktop and at 375 px."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, login

pytestmark = E2E

PHONE = {"width": 375, "height": 740}


def _data(org: Any) -> tuple[str, int]:
    from charlie.people.tests.factories import EmploymentFactory
    from charlie.skills.models import OptIn, OptInKind
    from charlie.skills.tests.factories import (
        RoleProfileFactory,
        RoleRequirementFactory,
        SkillAssessmentFactory,
        SkillFactory,
    )

    profile = RoleProfileFactory(code="sosu-naere", name="SOSU-assistent i det nære")
    medicin = SkillFactory(name="Medicinhåndtering")
    demens = SkillFactory(name="Demens")
    RoleRequirementFactory(profile=profile, skill=medicin, min_level=3)
    RoleRequirementFactory(profile=profile, skill=demens, min_level=2, requirement="optional")
    people = [org.person_in_nord] + [EmploymentFactory(org_unit=org.nord).person for _ in range(11)]
    for i, person in enumerate(people):
        SkillAssessmentFactory(person=person, skill=medicin, level=2 + i % 2)
    for kind in (OptInKind.NEW_OPPORTUNITIES, OptInKind.PROJECTS):
        OptIn.objects.create(person=org.person_in_nord, kind=kind, opted_in=True)
    return profile.code, medicin.pk


def _sideways(page: Any) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1"))


def test_hr_analyses_skills_and_sets_a_team(page, live_server, users, org):
    code, medicin = _data(org)
    login(page, live_server, "hr")

    page.goto(f"{live_server.url}/kompetencer/person/{org.person_in_nord.pk}/gab/?rolle={code}")
    expect(page.get_by_role("table", name="Krav, niveau og gab")).to_contain_text(
        "Medicinhåndtering"
    )
    assert_accessible(page, "a person's gap")

    page.goto(f"{live_server.url}/kompetencer/analyse/daekning/")
    page.get_by_label("Stillingsprofil").select_option(code)
    page.get_by_role("button", name="Vis dækning").click()
    table = page.get_by_role("table", name="Andel, der opfylder kravet, pr. enhed")
    expect(table).to_contain_text("Testkommune")
    assert_accessible(page, "the coverage heatmap")
    table.get_by_role("link", name="Testkommune").click()
    expect(page.get_by_role("table")).to_contain_text("Social og Sundhed")

    page.goto(f"{live_server.url}/kompetencer/analyse/pension/?rolle={code}&aar=2030")
    expect(page.get_by_role("table")).to_contain_text("Medicinhåndtering")
    assert_accessible(page, "the retiring holders")

    page.goto(f"{live_server.url}/kompetencer/analyse/kandidater/?rolle={code}")
    expect(page.get_by_role("table", name="Kandidater, der har sagt ja (1 i alt)")).to_contain_text(
        org.person_in_nord.employee_number
    )
    assert_accessible(page, "the candidates")

    page.goto(f"{live_server.url}/kompetencer/analyse/mangel/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Omskoling mod mangelområder")
    assert_accessible(page, "the shortages")

    page.goto(f"{live_server.url}/kompetencer/analyse/hold/")
    assert_accessible(page, "the team form")
    page.get_by_label("Projektets navn").fill("Medicin i hjemmeplejen")
    page.get_by_label("Kompetence 1", exact=True).select_option(str(medicin))
    page.get_by_label("Niveau 1", exact=True).fill("2")
    page.get_by_label("Timer 1", exact=True).fill("40")
    page.get_by_role("button", name="Foreslå hold").click()
    members = page.get_by_role("table", name="Foreslåede deltagere")
    expect(members).to_contain_text(org.person_in_nord.employee_number)
    assert_accessible(page, "a team proposal")
    page.get_by_role("button", name="Godkend holdet").click()
    expect(page.get_by_text("Status: Godkendt")).to_be_visible()

    page.set_viewport_size(PHONE)
    for path in (
        f"/kompetencer/analyse/daekning/?rolle={code}",
        f"/kompetencer/analyse/kandidater/?rolle={code}",
        "/kompetencer/analyse/hold/",
    ):
        page.goto(f"{live_server.url}{path}")
        assert not _sideways(page), f"{path} scrolls sideways at 375 px"
        assert_accessible(page, f"{path} at 375 px")
