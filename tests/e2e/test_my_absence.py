""" "Mit fravær" end to end: the employee reports sick, sees the follow-up steps, reports well.
axe-core checks every state of the page."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, login, main_menu, menu_link

pytestmark = E2E


def test_report_sick_see_steps_and_report_well(page, live_server, users, org):
    today = timezone.localdate()
    login(page, live_server, "employee")
    menu_link(page, "Mit fravær").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mit fravær")
    expect(page.get_by_text("Skriv ikke, hvad du fejler")).to_be_visible()
    expect(page.get_by_text("Der er ikke registreret fravær for dig.")).to_be_visible()
    assert_accessible(page, "'Mit fravær' before any report")

    # The help on absence types opens and explains each type.
    page.get_by_text("Fraværstyper", exact=True).click()
    expect(page.get_by_text("Barns 1. og 2. sygedag", exact=True)).to_be_visible()
    assert_accessible(page, "'Mit fravær' with the absence types open")

    # Too far back: the error is shown at the field.
    first_day = page.get_by_label("Første sygedag")
    first_day.fill((today - timedelta(days=20)).isoformat())
    page.get_by_role("button", name="Meld mig syg").click()
    expect(page.get_by_role("alert")).to_contain_text("Sygemeldingen blev ikke gemt")
    expect(page.get_by_label("Første sygedag")).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("højst ligge 14 dage tilbage")).to_be_visible()
    assert_accessible(page, "'Mit fravær' with an error in the sick report")

    page.get_by_label("Første sygedag").fill(today.isoformat())
    page.get_by_role("button", name="Meld mig syg").click()
    expect(page.get_by_role("status")).to_contain_text("Du er meldt syg fra")
    expect(page.get_by_role("heading", level=2, name="Det sker nu")).to_be_visible()
    steps = page.get_by_role("table", name="Opfølgning på din sygeperiode")
    expect(steps).to_contain_text("Sygefraværssamtale med din leder senest")
    expect(steps).to_contain_text("Du kan bede om en fastholdelsesplan")
    expect(steps).not_to_contain_text("NemRefusion")
    history = page.get_by_role("table", name="Mit fravær, nyeste først")
    expect(history).to_contain_text("Egen sygdom")
    expect(history).to_contain_text("i gang")
    assert_accessible(page, "'Mit fravær' while sick")

    # A last sick day in the future is refused.
    page.get_by_label("Sidste sygedag").fill((today + timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Meld mig rask").click()
    expect(page.get_by_role("alert")).to_contain_text("Raskmeldingen blev ikke gemt")
    expect(page.get_by_text("Sidste sygedag kan ikke ligge i fremtiden")).to_be_visible()
    assert_accessible(page, "'Mit fravær' with an error in the recovery report")

    page.get_by_label("Sidste sygedag").fill(today.isoformat())
    page.get_by_role("button", name="Meld mig rask").click()
    expect(page.get_by_role("status")).to_contain_text("Du er meldt rask")
    expect(page.get_by_role("button", name="Meld mig syg")).to_be_visible()
    history = page.get_by_role("table", name="Mit fravær, nyeste først")
    expect(history).not_to_contain_text("i gang")
    assert_accessible(page, "'Mit fravær' after reporting well")


def test_user_without_a_person_sees_a_friendly_page(page, live_server, users):
    login(page, live_server, "analyst")
    expect(
        main_menu(page).get_by_role("link", name="Mit fravær", include_hidden=True)
    ).to_have_count(0)
    page.goto(f"{live_server.url}/absence/mit-fravaer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Mit fravær")
    expect(page.get_by_text("ikke knyttet til en medarbejder")).to_be_visible()
    assert_accessible(page, "'Mit fravær' without a person record")
