"""The green part of well-being in the browser (issue 16, points 6–8), with axe-core on every
page: HR makes and publishes an initiative, an employee joins it on a phone (375 px), HR sees
participation per unit in figures; the public "about this survey" page (also at 375 px); the
onboarding check-ins per unit and half-year with their chart and tables."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from charlie.people.tests.factories import EmploymentFactory
from charlie.recruitment.models import CheckIn
from charlie.recruitment.tests.factories import OnboardingPlanFactory
from charlie.wellbeing.models import Initiative, Participation, SurveyStatus
from charlie.wellbeing.tests.factories import (
    DimensionFactory,
    ParticipationFactory,
    QuestionFactory,
    SurveyFactory,
)
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E

DESKTOP = {"width": 1280, "height": 900}


def test_hr_publishes_an_employee_joins_on_a_phone_and_hr_sees_figures(
    page, live_server, org, users
):
    today = timezone.localdate()
    syd = [EmploymentFactory(org_unit=org.syd).person for _ in range(19)]
    skole = [EmploymentFactory(org_unit=org.skole).person for _ in range(12)]

    # HR makes an initiative, with a mistake first.
    login(page, live_server, "hr")
    menu_link(page, "Initiativer", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Grønne initiativer og sundhed")
    assert_accessible(page, "HR's list of initiatives, empty")
    page.get_by_role("link", name="Opret initiativ").click()
    page.get_by_label("Titel").fill("Vi cykler til arbejde")
    page.get_by_label("Type").select_option(label="Cykling")
    page.get_by_label("Kort beskrivelse").fill("Cykl til arbejde, og saml kilometer til din enhed.")
    page.get_by_label("Starter").fill(today.isoformat())
    page.get_by_label("Slutter").fill((today - dt.timedelta(days=1)).isoformat())
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("Slutdatoen skal være samme dag")
    assert_accessible(page, "the initiative form with an error")
    page.get_by_label("Slutter").fill((today + dt.timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("status").first).to_contain_text("ikke offentliggjort endnu")
    page.get_by_role("button", name=re.compile("Offentliggør.*Vi cykler")).click()
    expect(page.get_by_role("status").first).to_contain_text("er offentliggjort")
    assert_accessible(page, "HR's list of initiatives")
    page.get_by_role("link", name="Vi cykler til arbejde", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ret: Vi cykler til arbejde")
    assert_accessible(page, "the initiative form")

    # The employee, on a phone, joins.
    initiative = Initiative.objects.get()
    for person in syd[:8] + skole[:6]:
        ParticipationFactory(initiative=initiative, person=person, joined_on=today)
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    login(page, live_server, "employee")
    page.goto(f"{live_server.url}/trivsel/initiativer/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Grønne initiativer og sundhed")
    expect(page.get_by_text("14 tilmeldt")).to_be_visible()
    assert _sticking_out(page) == []
    assert_accessible(page, "the initiatives at 375 px")
    page.get_by_role("link", name="Vi cykler til arbejde", exact=True).click()
    assert_accessible(page, "an initiative at 375 px")
    page.get_by_role("button", name="Tilmeld mig").click()
    expect(page.get_by_text("Du er tilmeldt.").first).to_be_visible()
    assert _sticking_out(page) == []
    assert_accessible(page, "an initiative one joined, at 375 px")
    assert Participation.objects.filter(person=org.person_in_nord).exists()
    page.get_by_role("button", name="Afmeld").click()
    expect(page.get_by_role("status").first).to_contain_text("Du er afmeldt.")
    assert not Participation.objects.filter(person=org.person_in_nord).exists()

    # HR sees how many joined per unit, never who.
    page.context.clear_cookies()
    page.set_viewport_size(DESKTOP)
    login(page, live_server, "hr")
    menu_link(page, "Initiativer", exact=True).click()
    page.get_by_role("link", name=re.compile("Tilmeldte pr. enhed.*Vi cykler")).click()
    expect(page.get_by_role("table")).to_contain_text("Børn og Kultur")
    expect(page.locator("svg[role=img]")).to_have_count(1)
    assert_accessible(page, "participation per unit with its chart")
    page.get_by_label("Enhed", exact=True).select_option(label="Ældreområdet")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_role("table")).to_contain_text("Plejecenter Syd")
    assert_accessible(page, "participation in Ældreområdet")
    assert syd[0].first_name + " " + syd[0].last_name not in page.content()


def test_the_about_page_is_public_and_readable_on_a_phone(page, live_server, org):
    survey = SurveyFactory(name="Trivselsmåling 2027", status=SurveyStatus.OPEN, min_group=5)
    survey.units.add(org.social)
    harassment = DimensionFactory(version=survey.version, name="Krænkende adfærd", sensitive=True)
    QuestionFactory(version=survey.version, dimension=harassment)
    QuestionFactory(version=survey.version, kind="text", options=[])
    for size in (PHONE, DESKTOP):
        page.set_viewport_size(size)
        page.goto(f"{live_server.url}/trivsel/maalinger/{survey.pk}/om/")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            "Om målingen: Trivselsmåling 2027"
        )
        expect(
            page.get_by_role("heading", name="Dine svar er ikke knyttet til dig")
        ).to_be_visible()
        assert _sticking_out(page) == []
        assert_accessible(page, f"the about page at {size['width']} px")


def test_the_check_ins_in_figures(page, live_server, org, users):
    today = timezone.localdate()
    answers = {"equipped": "yes", "who_to_ask": "partly", "welcome": 4, "introduction": "no"}
    for unit in (org.syd, org.nord):
        for _ in range(6):
            plan = OnboardingPlanFactory(unit=unit, start_on=today - dt.timedelta(days=30))
            CheckIn.objects.create(plan=plan, day=30, answers=answers)
    login(page, live_server, "hr")
    menu_link(page, "Introduktion i tal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Nye medarbejderes svar efter 30 og 90 dage"
    )
    assert_accessible(page, "the check-ins, whole municipality")
    page.get_by_label("Enhed", exact=True).select_option(label="Ældreområdet")
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_role("table", name="Svar pr. enhed med underenheder")).to_contain_text(
        "Plejecenter Syd"
    )
    expect(page.locator("svg[role=img]")).to_have_count(2)
    assert_accessible(page, "the check-ins in Ældreområdet with charts")

    page.context.clear_cookies()
    login(page, live_server, "manager")
    menu_link(page, "Introduktion i tal").click()
    expect(page.get_by_role("table", name="Svar pr. enhed med underenheder")).to_contain_text(
        "Plejecenter Nord"
    )
    assert_accessible(page, "the check-ins, the manager's unit")
