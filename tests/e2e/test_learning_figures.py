"""Learning figures end to end (issue 14, point 5): the analyst opens "Læringstal", chooses
Ældreområdet and sees a chart and its table — figures for groups, no names, small groups hidden —
on a desktop and on a phone (375 px). axe-core checks every page."""

from __future__ import annotations

from playwright.sync_api import expect

from charlie.learning.tests.factories import CompletionFactory
from charlie.people.models import Employment
from charlie.people.services import today
from charlie.people.tests.factories import EmploymentFactory
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E


def test_analyst_sees_learning_figures(page, live_server, users, org):
    for _ in range(10):
        EmploymentFactory(org_unit=org.syd)
    for _ in range(8):
        EmploymentFactory(org_unit=org.nord)
    # Everyone in Syd (11) took a course of 7.4 hours today: in this year and these 12 months.
    for employment in Employment.objects.filter(org_unit=org.syd):
        CompletionFactory(person=employment.person, completed_on=today(), hours=7.4, cost=1000)

    login(page, live_server, "analyst")
    menu_link(page, "Læringstal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Læringstal")
    assert_accessible(page, "the learning figures")
    page.get_by_label("Enhed", exact=True).select_option(label="Ældreområdet")
    page.get_by_role("button", name="Vis").click()
    year = today().year
    expect(
        page.get_by_role("img", name=f"Læringstimer pr. årsværk pr. enhed, {year}")
    ).to_be_visible()
    table = page.get_by_role("table", name="Læring pr. enhed")
    expect(table).to_be_visible()
    # Syd: 11 people, 7.4 hours per FTE (the FTE is averaged from 1 January, all full time).
    syd = table.get_by_role("row", name="Plejecenter Syd")
    expect(syd).to_contain_text("11")
    expect(syd).to_contain_text("7,4")
    # Nord is hidden (21 − 11 − 9 would give away the manager alone): a dash, "skjult".
    expect(table.get_by_role("row", name="Plejecenter Nord")).to_contain_text("skjult")
    expect(page.get_by_text(org.person_in_syd.full_name)).to_have_count(0)
    assert_accessible(page, "the learning figures of Ældreområdet")

    page.set_viewport_size(PHONE)
    page.reload()
    assert _sticking_out(page) == []
    assert_accessible(page, "the learning figures at 375 px")
