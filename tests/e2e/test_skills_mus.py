"""MUS, the development plan and the road map end to end (issue 13, point 4 and 5): the manager
plans the overdue MUS, the employee prepares in private and shares, adopts the road map toward
"Social- og sundhedsassistent i det nære sundhedsvæsen" into the plan, and both sign. axe-core
checks every page, also at 375 px."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, login, menu_link

pytestmark = E2E

PHONE = {"width": 375, "height": 740}
PRIVATE = "Jeg vil gerne arbejde mere med medicin"


def _target(org: Any) -> None:
    from charlie.skills.models import ActivityKind, LearningActivity
    from charlie.skills.tests.factories import (
        RoleProfileFactory,
        RoleRequirementFactory,
        SkillAssessmentFactory,
        SkillFactory,
    )

    profile = RoleProfileFactory(
        code="sosu-naere", name="Social- og sundhedsassistent i det nære sundhedsvæsen"
    )
    forflytning, medicin = SkillFactory(name="Forflytning"), SkillFactory(name="Medicinhåndtering")
    RoleRequirementFactory(profile=profile, skill=forflytning, min_level=3)
    RoleRequirementFactory(profile=profile, skill=medicin, min_level=2)
    SkillAssessmentFactory(person=org.person_in_nord, skill=forflytning, level=2)
    for skill, title, hours, level in [
        (forflytning, "Forflytning for øvede", 14, 3),
        (medicin, "Medicinhåndtering i hjemmeplejen", 30, 2),
    ]:
        LearningActivity.objects.create(
            skill=skill,
            kind=ActivityKind.COURSE,
            title=title,
            hours=Decimal(hours),
            raises_to=level,
            weeks=4,
        )


@pytest.fixture
def pages(browser: Any) -> Iterator[list[Any]]:
    """Extra browser contexts (one per user logged in at once), closed after the test."""
    contexts: list[Any] = []
    yield contexts
    for context in contexts:
        context.close()


def _as(pages: list[Any], browser: Any, live_server: Any, role: str, **options: Any) -> Any:
    context = browser.new_context(locale="da-DK", **options)
    pages.append(context)
    page = context.new_page()
    page.set_default_timeout(10_000)
    login(page, live_server, role)
    return page


def test_plan_prepare_share_adopt_and_sign(page, pages, browser, live_server, users, org):
    _target(org)
    # The manager: the person in Nord never had a MUS and is overdue; plan everyone due.
    login(page, live_server, "manager")
    menu_link(page, "MUS", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("MUS")
    overdue = page.get_by_role("table", name="1 medarbejder har overskredet sin MUS")
    expect(overdue).to_contain_text("Plejecenter Nord")
    assert_accessible(page, "the MUS list")
    page.get_by_role("button", name="Planlæg MUS for alle, der skal have en").click()
    expect(page.get_by_role("status")).to_contain_text("Der er planlagt 1 MUS.")
    name = org.person_in_nord.full_name
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"MUS med {name}")
    assert_accessible(page, "a MUS as the manager")
    mus_url = page.url

    # The employee prepares; until shared the manager does not see it.
    employee = _as(pages, browser, live_server, "employee")
    menu_link(employee, "Min MUS og udvikling").click()
    assert_accessible(employee, "Min MUS og udvikling")
    employee.goto(mus_url)
    employee.get_by_label("Hvad vil du tale om?").fill(PRIVATE)
    employee.get_by_role("button", name="Gem", exact=True).click()
    expect(employee.get_by_text("Kun du kan se din forberedelse")).to_be_visible()
    assert_accessible(employee, "a MUS as the employee")
    page.reload()
    expect(page.get_by_text("Medarbejderen har ikke delt sin forberedelse.")).to_be_visible()
    expect(page.get_by_text(PRIVATE)).to_have_count(0)
    employee.get_by_role("button", name="Del med min leder").click()
    expect(employee.get_by_text("Delt med din leder")).to_be_visible()
    page.reload()
    expect(page.get_by_text(PRIVATE)).to_be_visible()

    # The road map toward the target, adopted into the development plan.
    employee.get_by_role("link", name="Se din kompetencevej").click()
    employee.get_by_label("Mål (stillingsprofil)").select_option("sosu-naere")
    employee.get_by_role("button", name="Beregn").click()
    steps = employee.get_by_role("table", name="Foreslåede aktiviteter, vigtigste først")
    expect(steps).to_contain_text("Medicinhåndtering i hjemmeplejen")
    expect(steps).to_contain_text("Forflytning for øvede")
    expect(employee.get_by_text("I alt 44 timer")).to_be_visible()
    assert_accessible(employee, "the road map")
    employee.get_by_role("button", name="Vedtag i udviklingsplanen").click()
    expect(employee.get_by_role("heading", level=1)).to_have_text("Din udviklingsplan")
    expect(employee.get_by_role("table", name="Aktiviteter i planen")).to_contain_text(
        "Medicinhåndtering i hjemmeplejen"
    )
    assert_accessible(employee, "the development plan")
    employee.get_by_role("button", name="Underskriv som medarbejder").click()
    expect(employee.get_by_text("Planen venter på den anden underskrift")).to_be_visible()
    plan_url = employee.url

    page.goto(plan_url)
    page.get_by_role("button", name="Underskriv som leder").click()
    expect(page.get_by_text("Planen er underskrevet af begge.")).to_be_visible()
    assert_accessible(page, "a signed plan as the manager")


def test_pages_at_375_px(pages, browser, live_server, users, org):
    _target(org)
    employee = _as(pages, browser, live_server, "employee", viewport=PHONE)
    employee.goto(f"{live_server.url}/kompetencer/kompetencevej/?maal=sosu-naere")
    expect(employee.get_by_role("heading", level=1)).to_have_text("Din kompetencevej")
    assert_accessible(employee, "the road map at 375 px")
    hr = _as(pages, browser, live_server, "hr", viewport=PHONE)
    for path, heading in [
        ("/kompetencer/mus/", "MUS"),
        ("/kompetencer/mus/tal/", "MUS og udviklingsplaner"),
        ("/kompetencer/aktiviteter/", "Læringsaktiviteter"),
    ]:
        hr.goto(f"{live_server.url}{path}")
        expect(hr.get_by_role("heading", level=1)).to_have_text(heading)
        assert_accessible(hr, f"{path} at 375 px")
