"""The portfolio's initiatives end to end (issue 17, point 3): HR opens "Digitalisering",
creates an initiative with its project description, moves it to "Besluttet", chooses its owner
and finds it in the list by stage; a manager reads it with the owner's name; an analyst reads
the list on a phone without names. axe-core checks every page."""

from __future__ import annotations

from playwright.sync_api import expect

from charlie.portfolio.tests.factories import BeaconFactory, InitiativeFactory
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E


def test_hr_describes_an_initiative(page, live_server, users, org):
    BeaconFactory(title="Mere tid til borgerne")
    InitiativeFactory(number=1, title="Fælles sagssystem")

    login(page, live_server, "hr")
    menu_link(page, "Digitalisering").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitalisering")
    expect(page.get_by_role("table", name="Initiativer i hver fase")).to_be_visible()
    assert_accessible(page, "the portfolio's front page")

    page.get_by_role("link", name="Nyt initiativ").click()
    assert_accessible(page, "the new initiative form")
    page.get_by_role("button", name="Opret").click()  # nothing filled in
    expect(page.get_by_role("alert")).to_contain_text("Titel")
    assert_accessible(page, "the form with errors")
    page.get_by_role("textbox", name="Titel").fill("Digital vagtplan")
    page.get_by_label("Forvaltning").select_option(label="Social og Sundhed")
    page.get_by_label("Formål").fill("Færre telefonopkald om ledige vagter.")
    page.get_by_label("Forudsætter initiativ nr.").fill("1")
    page.get_by_label("Mere tid til borgerne").check()
    page.get_by_label("Afprøvning").check()
    page.get_by_label("It-systemer").fill("KMD Nexus\nVagtplan.dk")
    page.get_by_label("Nødvendig", exact=True).check()
    page.get_by_label("Begrundelse for vurderingen").fill("Systemet behandler vagtønsker.")
    page.get_by_role("button", name="Opret").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Initiativ 2: Digital vagtplan")
    expect(page.get_by_text("KMD Nexus, Vagtplan.dk")).to_be_visible()
    expect(page.get_by_role("link", name="1. Fælles sagssystem")).to_be_visible()
    assert_accessible(page, "the initiative's page")

    page.get_by_label("Ny fase").select_option(label="Besluttet")
    page.get_by_label("Note (valgfri)").fill("Besluttet i direktionen")
    page.get_by_role("button", name="Skift fase").click()
    expect(page.get_by_role("table", name="Faseskift, ældste først")).to_contain_text(
        "Besluttet i direktionen"
    )

    page.get_by_role("link", name="Vælg ejer").click()
    page.get_by_label("Navn eller medarbejdernummer").fill(org.person_in_skole.employee_number)
    page.get_by_role("button", name="Søg").click()
    assert_accessible(page, "the owner search")
    name = org.person_in_skole.full_name
    page.get_by_role("button", name=f"Gør {name} til ejer").click()
    expect(page.get_by_text(f"{name} er nu ejer af initiativet.")).to_be_visible()

    page.get_by_role("link", name="Tilbage til initiativlisten").click()
    page.get_by_label("Fase").select_option(label="Besluttet")
    page.get_by_role("button", name="Søg").click()
    table = page.get_by_role("table", name="Initiativer efter nummer")
    expect(table.get_by_role("row")).to_have_count(2)  # the header and the one decided
    expect(table).to_contain_text(name)
    assert_accessible(page, "the filtered list")

    # A manager reads it with the owner's name; they cannot change it.
    page.context.clear_cookies()
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/digitalisering/initiativer/2/")
    expect(page.get_by_text(name)).to_be_visible()
    expect(page.get_by_role("button", name="Skift fase")).to_have_count(0)
    assert_accessible(page, "the initiative's page for a manager")


def test_analyst_reads_the_list_on_a_phone(page, live_server, users, org):
    for number in range(1, 4):
        InitiativeFactory(number=number, owner=org.person_in_syd)
    login(page, live_server, "analyst")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/digitalisering/initiativer/")
    expect(page.get_by_role("heading", name="3 initiativer")).to_be_visible()
    expect(page.get_by_text(org.person_in_syd.full_name)).to_have_count(0)
    assert _sticking_out(page) == []
    assert_accessible(page, "the list at 375 px")
