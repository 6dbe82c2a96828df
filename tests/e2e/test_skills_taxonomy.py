"""The skill taxonomy and role profiles in a browser (issue 13, points 1 and 2): HR opens the
taxonomy from the menu, creates a local skill, merges another into it, maps a job family to an
ESCO occupation, starts a role profile from that occupation and saves a second version; axe-core
checks every page, and the pages at 375 px."""

from __future__ import annotations

from playwright.sync_api import expect

from charlie.skills.models import Occupation, OccupationSkill, RoleProfile
from charlie.skills.tests.factories import SkillFactory
from tests.e2e.helpers import E2E, assert_accessible, login, main_menu, menu_link

pytestmark = E2E


def _esco() -> Occupation:
    occ = Occupation.objects.create(
        uri="http://data.europa.eu/esco/occupation/e2e-sosu",
        name="social- og sundhedsassistent",
        code="5321.2",
        isco_group="5321",
    )
    demens = SkillFactory(name="Demens", uri="local:demens")
    OccupationSkill.objects.create(occupation=occ, skill=demens, essential=True)
    OccupationSkill.objects.create(
        occupation=occ, skill=SkillFactory(name="Velfærdsteknologi"), essential=False
    )
    return occ


def test_hr_keeps_the_taxonomy_and_versions_a_profile(page, live_server, users, org):
    occ = _esco()
    SkillFactory(name="Forflytning af borgere")
    login(page, live_server, "hr")
    menu_link(page, "Kompetencer og stillingsprofiler").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kompetencer")
    page.get_by_label("Kilde").select_option("digcomp")
    page.get_by_role("button", name="Søg").click()
    expect(page.get_by_role("heading", name="21 kompetencer")).to_be_visible()
    assert_accessible(page, "Kompetencer")

    page.get_by_role("link", name="Opret en lokal kompetence").click()
    assert_accessible(page, "Opret en lokal kompetence")
    page.get_by_role("button", name="Opret kompetence").click()
    expect(page.get_by_text("Kompetencen blev ikke oprettet")).to_be_visible()
    assert_accessible(page, "Opret en lokal kompetence with an error")
    page.get_by_label("Navn", exact=False).first.fill("Forflytning")
    page.get_by_role("button", name="Opret kompetence").click()
    expect(page.get_by_text("local:forflytning", exact=True)).to_be_visible()
    assert_accessible(page, "A local skill")

    # Merge "Forflytning af borgere" into "Forflytning".
    page.get_by_role("link", name="Tilbage til kompetencerne").click()
    page.get_by_label("Søg på navn eller id").fill("Forflytning af")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("link", name="Forflytning af borgere").click()
    page.get_by_role("textbox", name="Læg sammen med").fill("local:forflytning")
    page.get_by_role("button", name="Læg sammen").click()
    expect(page.get_by_text("er lagt sammen med »Forflytning«")).to_be_visible()

    # Map a job family to the ESCO occupation.
    page.get_by_role("link", name="Tilbage til kompetencerne").click()
    page.get_by_role("link", name="Stillingskategorier").click()
    assert_accessible(page, "Stillingskategorier og ESCO")
    page.get_by_role("table").get_by_role("link").first.click()
    page.get_by_label("Søg i ESCO-erhverv").fill("sundhedsassistent")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("button", name="Tilføj social- og sundhedsassistent").click()
    expect(page.get_by_text("Erhvervet er tilføjet.")).to_be_visible()
    assert_accessible(page, "A job family's ESCO occupations")

    # A role profile from the occupation, then a second version.
    page.goto(f"{live_server.url}/kompetencer/erhverv/{occ.pk}/")
    assert_accessible(page, "An ESCO occupation")
    page.get_by_role("link", name="Start en stillingsprofil fra dette erhverv").click()
    expect(page.get_by_role("table", name="Kompetencer, profilen kræver")).to_contain_text(
        "Velfærdsteknologi"
    )
    assert_accessible(page, "A new role profile from ESCO")
    page.get_by_role("button", name="Gem stillingsprofilen").click()
    expect(page.get_by_text("Stillingsprofilen er gemt som version 1.")).to_be_visible()
    assert_accessible(page, "A role profile")
    page.get_by_role("link", name="Ret profilen (ny version)").click()
    page.get_by_label("Mindste niveau: Demens").fill("3")
    page.get_by_label("Ændringsnote").fill("Demens på niveau 3")
    page.get_by_role("button", name="Gem stillingsprofilen").click()
    expect(page.get_by_text("Stillingsprofilen er gemt som version 2.")).to_be_visible()
    expect(page.get_by_role("table", name="Alle versioner, nyeste først")).to_contain_text(
        "Demens på niveau 3"
    )
    assert RoleProfile.objects.filter(occupation=occ).count() == 2

    page.set_viewport_size({"width": 375, "height": 800})
    for path in ("/kompetencer/taksonomi/", "/kompetencer/profiler/", "/kompetencer/grupper/"):
        page.goto(f"{live_server.url}{path}")
        assert_accessible(page, f"{path} at 375 px")


def test_an_employee_reads_but_does_not_change(page, live_server, users, org):
    login(page, live_server, "employee")
    expect(
        main_menu(page).get_by_role("link", name="Kompetencer og stillingsprofiler")
    ).to_have_count(0)
    page.goto(f"{live_server.url}/kompetencer/taksonomi/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kompetencer")
    expect(page.get_by_role("link", name="Opret en lokal kompetence")).to_have_count(0)
    page.goto(f"{live_server.url}/kompetencer/profiler/")
    assert_accessible(page, "Stillingsprofiler as an employee")
