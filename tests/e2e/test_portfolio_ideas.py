"""The portfolio's ideas part in the browser (issue 17, points 1 and 2), with axe-core on every
page: HR makes, publishes and measures a beacon that an employee then sees with its progress;
an employee submits a need on a phone (375 px), a colleague supports and comments on it, HR
turns it into an initiative, and the employee sees what happened on "Mine idéer"."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from charlie.portfolio.models import Idea, IdeaStatus, Initiative
from charlie.portfolio.tests.factories import IdeaFactory
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E


def _field(page, label: str):
    """The input labelled exactly ``label`` (a required field's label ends "(skal udfyldes)")."""
    return page.get_by_label(re.compile(rf"^{re.escape(label)}( \(skal udfyldes\))?$"))


def test_hr_makes_and_measures_a_beacon_that_everyone_sees(page, live_server, org, users):
    today = timezone.localdate()
    login(page, live_server, "hr")
    menu_link(page, "Pejlemærker", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Pejlemærker for digitaliseringen")
    assert_accessible(page, "the beacons, empty")
    page.get_by_role("link", name="Opret pejlemærke").click()
    _field(page, "Pejlemærke").fill("Mindre dobbeltarbejde")
    page.get_by_label("Indikator").fill("Timer brugt på genindtastning pr. måned")
    _field(page, "Enhed").fill("timer")
    _field(page, "Udgangspunkt").fill("1.000")
    page.get_by_label("Udgangspunktet er målt").fill((today - dt.timedelta(days=365)).isoformat())
    _field(page, "Mål").fill("400")
    page.get_by_label("Frist").fill((today - dt.timedelta(days=400)).isoformat())
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("Fristen skal ligge efter")
    assert_accessible(page, "the beacon form with an error")
    page.get_by_label("Frist").fill((today + dt.timedelta(days=365)).isoformat())
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("status").first).to_contain_text("ikke offentliggjort endnu")
    page.get_by_label("Målt den").fill(today.isoformat())
    page.get_by_label("Værdi").fill("700")
    page.get_by_role("button", name="Gem måling").click()
    expect(page.get_by_role("status").first).to_contain_text("Målingen er gemt")
    page.get_by_role("button", name="Offentliggør pejlemærket").click()
    expect(page.get_by_role("status").first).to_contain_text("er offentliggjort")
    assert_accessible(page, "a beacon, for HR, with its chart and table")

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    login(page, live_server, "employee")
    page.goto(f"{live_server.url}/digitalisering/pejlemaerker/")
    expect(page.get_by_text("50 % af vejen fra udgangspunkt til mål")).to_be_visible()
    assert _sticking_out(page) == []
    assert_accessible(page, "the beacons at 375 px")
    page.get_by_role("link", name="Mindre dobbeltarbejde").click()
    expect(page.get_by_role("button", name="Gem måling")).to_have_count(0)
    assert _sticking_out(page) == []
    assert_accessible(page, "a beacon at 375 px")


def test_an_idea_from_a_phone_becomes_an_initiative(page, live_server, org, users):
    for n in range(30):
        IdeaFactory(title=f"Ældre idé {n}")
    page.set_viewport_size(PHONE)
    login(page, live_server, "employee")
    page.goto(f"{live_server.url}/digitalisering/ideer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Idéer og behov fra medarbejderne")
    assert _sticking_out(page) == []
    assert_accessible(page, "the ideas at 375 px")
    page.get_by_role("link", name="Næste side").click()
    expect(page.get_by_text("Side 2 af 2")).to_be_visible()
    page.get_by_role("link", name="Indsend en idé eller et behov").click()
    page.get_by_text("Behov", exact=True).click()
    page.get_by_label("Overskrift").fill("Fravær tastes to gange")
    page.get_by_role("button", name="Send idéen").click()
    expect(page.get_by_role("alert")).to_contain_text("Beskrivelse")
    assert_accessible(page, "the idea form with an error at 375 px")
    page.get_by_label("Beskrivelse").fill("Vi taster fravær både i vagtplanen og i lønsystemet.")
    page.get_by_label("Hvor mange timer koster det om måneden?").fill("12,5")
    page.get_by_role("button", name="Send idéen").click()
    expect(page.get_by_role("status").first).to_contain_text("Tak for din idé")
    assert _sticking_out(page) == []
    assert_accessible(page, "one's own idea at 375 px")
    idea = Idea.objects.get(title="Fravær tastes to gange")

    # A colleague supports and comments.
    page.context.clear_cookies()
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/digitalisering/ideer/{idea.pk}/")
    page.get_by_role("button", name="Støt idéen").click()
    expect(page.get_by_text("1 medarbejder støtter idéen.")).to_be_visible()
    page.get_by_label("Din kommentar").fill("Det samme hos os.")
    page.get_by_role("button", name="Tilføj kommentar").click()
    expect(page.get_by_text("Det samme hos os.")).to_be_visible()
    expect(page.get_by_text("Dig ·")).to_be_visible()
    assert_accessible(page, "an idea one supports and commented on")

    # HR turns it into an initiative.
    page.context.clear_cookies()
    login(page, live_server, "hr")
    menu_link(page, "Idéer og behov").click()
    page.get_by_label("Status").select_option(label="Åbne (nye og under vurdering)")
    page.get_by_label("Sortering").select_option(label="Mest støttede først")
    page.get_by_role("button", name="Søg").click()
    page.get_by_role("link", name=f"{idea.pk}. Fravær tastes to gange").click()
    expect(page.get_by_text(f"Indsendt af {org.person_in_nord.full_name}")).to_be_visible()
    assert_accessible(page, "an idea for the portfolio owner")
    page.get_by_text("Afvis (begrundelse skal udfyldes)").click()
    page.get_by_role("button", name="Gem afgørelsen").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv en begrundelse")
    assert_accessible(page, "the triage form with an error")
    page.get_by_text("Gør til initiativ").click()
    _field(page, "Begrundelse").fill("Passer med pejlemærket om mindre dobbeltarbejde.")
    page.get_by_role("button", name="Gem afgørelsen").click()
    initiative = Initiative.objects.get()
    expect(page.get_by_role("status").first).to_contain_text(f"initiativ nr. {initiative.number}")

    # The employee sees what happened.
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    login(page, live_server, "employee")
    page.goto(f"{live_server.url}/digitalisering/ideer/mine/")
    expect(page.get_by_text("Passer med pejlemærket om mindre dobbeltarbejde.")).to_be_visible()
    assert _sticking_out(page) == []
    assert_accessible(page, "Mine idéer at 375 px")
    idea.refresh_from_db()
    assert idea.status == IdeaStatus.INITIATIVE and idea.initiative == initiative
