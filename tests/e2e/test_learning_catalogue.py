"""The course catalogue end to end (issue 14, "done when"): the employee finds a course by
search and asks to join a session; the manager approves from the approvals page; the employee
sees "Tilmeldt" on "Min læring", also on a phone (375 px). axe-core checks every page."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from charlie.learning.models import Course, Session
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E


def test_find_ask_approve_and_see_enrolled(page, live_server, users, org):
    course = Course.objects.create(
        code="forflytning",
        title="Forflytning for øvede",
        description="Sikker forflytning med lift og glidestykker.",
        format="classroom",
        provider="Rygcenteret",
        price=1200,
    )
    # A session in 30 days; the deadline 14 days before it.
    starts = timezone.now() + timedelta(days=30)
    Session.objects.create(
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        place="Plejecenter Nord",
        seats=8,
        registration_deadline=(starts - timedelta(days=14)).date(),
    )

    login(page, live_server, "employee")
    menu_link(page, "Kursuskatalog").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kursuskatalog")
    assert_accessible(page, "the catalogue")
    page.get_by_label("Søg", exact=True).fill("forflyt")
    page.get_by_role("button", name="Søg", exact=True).click()
    page.get_by_role("link", name="Forflytning for øvede").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Forflytning for øvede")
    expect(page.get_by_text("8 af 8")).to_be_visible()
    assert_accessible(page, "the course page")
    page.get_by_role("button", name="Tilmeld mig").click()
    expect(page.get_by_role("status")).to_contain_text("Afventer leder")
    expect(page.get_by_role("table", name="Mine tilmeldinger")).to_contain_text("Afventer leder")
    assert_accessible(page, "'Min læring' with a request")

    page.context.clear_cookies()
    login(page, live_server, "manager")
    menu_link(page, "Tilmeldinger til godkendelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilmeldinger til godkendelse")
    assert_accessible(page, "the approvals")
    page.get_by_role("button", name="Godkend").click()
    expect(page.get_by_role("status")).to_contain_text("Tilmeldt")
    expect(page.get_by_text("Der er ingen tilmeldinger, der venter på dig.")).to_be_visible()

    page.context.clear_cookies()
    login(page, live_server, "employee")
    menu_link(page, "Min læring").click()
    mine = page.get_by_role("table", name="Mine tilmeldinger")
    expect(mine).to_contain_text("Tilmeldt")
    expect(mine.get_by_role("link", name="Kalenderfil")).to_be_visible()
    assert_accessible(page, "'Min læring' enrolled")
    page.set_viewport_size(PHONE)
    page.reload()
    assert _sticking_out(page) == []
    assert_accessible(page, "'Min læring' at 375 px")


def test_hr_pages_are_accessible(page, live_server, users, org):
    course = Course.objects.create(code="hygiejne", title="Hygiejne", format="internal")
    starts = timezone.now() + timedelta(days=10)
    session = Session.objects.create(
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(hours=3),
        seats=4,
        registration_deadline=(starts - timedelta(days=3)).date(),
    )
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/laering/kurser/hygiejne/")
    assert_accessible(page, "the course page for HR")
    page.goto(f"{live_server.url}/laering/kurser/nyt/")
    page.get_by_role("button", name="Gem kursus").click()
    expect(page.get_by_role("alert")).to_contain_text("Kurset blev ikke gemt")
    assert_accessible(page, "the course form with errors")
    page.goto(f"{live_server.url}/laering/kurser/hold/{session.pk}/rediger/")
    assert_accessible(page, "the session form")
    page.goto(f"{live_server.url}/laering/kurser/hold/{session.pk}/deltagere/")
    assert_accessible(page, "the participants")
