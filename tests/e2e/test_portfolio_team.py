"""The right team for an initiative in the browser (issue 17, point 6): the portfolio owner
enters the skill needs, has Charlie propose a team among people who opted in, turns the gap into
a learning need with a course, and accepts the team; the proposed employee sees it in "Mine
data". axe-core checks every page, on a desktop and at 375 px."""

from __future__ import annotations

from typing import Any

from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, login

pytestmark = E2E

PHONE = {"width": 375, "height": 740}


def _data(org: Any) -> tuple[int, int, int]:
    from charlie.learning.tests.factories import CourseFactory, CourseSkillFactory
    from charlie.portfolio.tests.factories import InitiativeFactory
    from charlie.skills.models import OptIn, OptInKind
    from charlie.skills.tests.factories import SkillAssessmentFactory, SkillFactory

    lead = SkillFactory(name="Projektledelse")
    tech = SkillFactory(name="Velfærdsteknologi")
    SkillAssessmentFactory(person=org.person_in_nord, skill=lead, level=3)
    OptIn.objects.create(person=org.person_in_nord, kind=OptInKind.PROJECTS, opted_in=True)
    CourseSkillFactory(
        skill=tech, level=3, course=CourseFactory(code="vt-grund", title="Velfærdsteknologi 1")
    )
    initiative = InitiativeFactory(number=41, title="Digital nattevagt")
    return initiative.number, lead.pk, tech.pk


def _sideways(page: Any) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth + 1"))


def test_portfolio_owner_sets_the_team_and_the_employee_sees_it(page, live_server, users, org):
    number, lead, tech = _data(org)
    base = f"{live_server.url}/digitalisering/initiativer/{number}/hold/"
    login(page, live_server, "hr")

    page.goto(base)
    expect(page.get_by_role("heading", level=1)).to_have_text("Projekthold: 41. Digital nattevagt")
    assert_accessible(page, "the team page, empty")

    page.get_by_role("link", name="Ret kompetencebehov").click()
    page.get_by_label("Kompetence 1", exact=True).select_option(str(lead))
    page.get_by_label("Niveau 1", exact=True).fill("2")
    page.get_by_label("Timer 1", exact=True).fill("120")
    page.get_by_label("Kompetence 2", exact=True).select_option(str(tech))
    page.get_by_label("Niveau 2", exact=True).fill("3")
    page.get_by_label("Timer 2", exact=True).fill("40")
    # A level off the scale is refused with the line named, and nothing is saved.
    page.get_by_label("Niveau 2", exact=True).fill("8")
    page.get_by_role("button", name="Gem kompetencebehov").click()
    expect(page.get_by_role("alert")).to_contain_text("Linje 2")
    assert_accessible(page, "the needs form with an error")
    page.get_by_label("Niveau 2", exact=True).fill("3")
    page.get_by_role("button", name="Gem kompetencebehov").click()
    needs = page.get_by_role("table", name="Kompetencer, initiativet har brug for")
    expect(needs).to_contain_text("Velfærdsteknologi")

    page.get_by_role("button", name="Foreslå hold").click()
    members = page.get_by_role("table", name="Foreslåede deltagere")
    expect(members).to_contain_text(org.person_in_nord.employee_number)
    expect(page.get_by_text("Holdet dækker 75 %")).to_be_visible()
    coverage = page.get_by_role("table", name="Initiativets behov og hvem der dækker dem")
    expect(coverage.get_by_role("link", name="Velfærdsteknologi 1")).to_be_visible()
    assert_accessible(page, "a draft team")

    page.get_by_role("button", name="Gør huller til læringsbehov").click()
    expect(page.get_by_text("1 hul er gjort til et læringsbehov.")).to_be_visible()
    page.get_by_role("button", name="Godkend projektholdet").click()
    expect(page.get_by_text("Status: Godkendt")).to_be_visible()
    expect(page.get_by_text("1 person får besked på e-mail")).to_be_visible()

    page.goto(base)
    expect(page.get_by_role("table", name="Initiativets læringsbehov")).to_contain_text(
        "Velfærdsteknologi 1"
    )
    expect(page.get_by_role("table", name="Holdforslag, nyeste først")).to_contain_text("Godkendt")
    assert_accessible(page, "the team page with a team and a learning need")

    page.set_viewport_size(PHONE)
    for path in ("", "behov/"):
        page.goto(f"{base}{path}")
        assert not _sideways(page), f"{path or 'the team page'} scrolls sideways at 375 px"
        assert_accessible(page, f"{path or 'the team page'} at 375 px")

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, "employee")
    page.goto(f"{live_server.url}/privacy/mine-data/")
    expect(page.get_by_text("Projekthold i digitaliseringsporteføljen")).to_be_visible()
