"""The careers part end to end (issue 15, points 1 and 3): a manager asks HR for a position
with the workforce plan's shortage beside the form, HR approves it; the public finds a job on
the careers site, opens it on a phone (375 px) and reads a story. axe-core checks every page."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

from django.utils import timezone
from playwright.sync_api import expect

from charlie.people.tests.factories import job_family
from charlie.recruitment.models import AdStatus, Requisition, RequisitionStatus
from charlie.recruitment.tests.factories import JobAdFactory, StoryFactory
from charlie.workforce import services as workforce
from charlie.workforce.tests.data import make_history
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E


def test_a_manager_asks_for_a_position_and_hr_approves_it(page, live_server, users, org):
    make_history(org)
    workforce.create_illustrative_scenario()
    login(page, live_server, "manager")
    menu_link(page, "Stillingsønsker").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stillingsønsker")
    assert_accessible(page, "the requisitions list")
    page.get_by_role("link", name="Nyt stillingsønske").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyt stillingsønske")
    page.get_by_label("Enhed").select_option(label="Plejecenter Nord")
    page.get_by_label("Stillingskategori").select_option(value=str(job_family("sosu").pk))
    page.get_by_label("Stillingsbetegnelse").fill("Social- og sundhedsassistent, aften")
    page.get_by_label("Timer om ugen").fill("30")
    start = timezone.localdate() + dt.timedelta(days=60)
    page.get_by_label("Ønsket tiltrædelse").fill(start.isoformat())
    page.get_by_label("Begrundelse").select_option("shortage")
    year = workforce.today().year + 1
    page.get_by_label("År i personaleplanen").select_option(str(year))
    figure = page.locator("#shortage-figure")
    expect(figure).to_contain_text("forventet rekrutteringsbehov")
    expect(figure.get_by_role("link", name="Se personaleplanen")).to_be_visible()
    assert_accessible(page, "the requisition form with the plan's figure")
    page.get_by_role("button", name="Send til HR").click()
    expect(page.get_by_role("status")).to_contain_text("sendt til HR")
    expect(page.get_by_text("årsværk i", exact=False)).to_be_visible()
    assert_accessible(page, "the sent requisition")
    req = Requisition.objects.get()
    assert req.status == RequisitionStatus.SUBMITTED and req.shortage_year == year

    page.context.clear_cookies()
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/rekruttering/stillingsoensker/{req.pk}/")
    page.get_by_label("Bemærkning til lederen").fill("Godkendt i budgettet.")
    page.get_by_role("button", name="Godkend").click()
    expect(page.get_by_role("note").filter(has_text="HR har godkendt ønsket")).to_be_visible()
    assert_accessible(page, "the approved requisition")


def test_the_public_finds_a_job_on_a_phone_and_reads_a_story(page, live_server, org):
    for i in range(3):
        JobAdFactory(
            slug=f"job-{i}",
            title=f"Pædagog {i} til Solsikken",
            status=AdStatus.PUBLISHED,
            published_at=timezone.now(),
            deadline=timezone.localdate() + dt.timedelta(days=10 + i),
            summary="Vi søger en glad pædagog.",
        )
    JobAdFactory(
        slug="sosu-nord",
        title="Social- og sundhedsassistent til Plejecenter Nord",
        body="Om os\nVi er 40 kolleger.\n\n- Dagvagt\n- Weekend hver 3. uge\n\n"
        + "Vi tilbyder en god introduktion med en fast kollega. " * 20,
        status=AdStatus.PUBLISHED,
        published_at=timezone.now(),
        deadline=timezone.localdate() + dt.timedelta(days=20),
        salary_min=Decimal(28000),
        salary_max=Decimal(32000),
        street_address="Nørregade 12",
        contact_phone="96 63 11 00",
        contact_email="plejecenter.nord.rekruttering@kommune.example",
    )
    StoryFactory(
        slug="paa-cykel",
        title="På cykel til plejecentret",
        body="Jeg cykler 12 km hver dag.\n\n- Cykelparkering\n- Bad",
        published_at=timezone.now(),
    )
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/job/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ledige job")
    expect(page.get_by_role("heading", name="4 ledige job")).to_be_visible()
    assert _sticking_out(page) == []
    assert_accessible(page, "the careers list on a phone")
    page.get_by_label("Søg", exact=True).fill("weekend")
    page.get_by_role("button", name="Søg", exact=True).click()
    expect(page.get_by_role("heading", name="1 ledigt job")).to_be_visible()
    page.get_by_role("link", name="Social- og sundhedsassistent til Plejecenter Nord").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Social- og sundhedsassistent til Plejecenter Nord"
    )
    facts = page.get_by_role("complementary", name="Fakta om stillingen")
    expect(facts).to_contain_text("28.000–32.000 kr. om måneden")
    expect(page.get_by_role("link", name="Ansøg om stillingen")).to_have_attribute(
        "href", "ansoeg/"
    )
    assert _sticking_out(page) == []
    assert_accessible(page, "the job page on a phone")
    data = json.loads(page.locator('script[type="application/ld+json"]').text_content())
    assert data["@type"] == "JobPosting" and data["baseSalary"]["currency"] == "DKK"

    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("navigation", name="Karrieresiden").get_by_role(
        "link", name="Livet som ansat"
    ).click()
    page.get_by_role("link", name="På cykel til plejecentret").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("På cykel til plejecentret")
    assert_accessible(page, "a story")
    page.set_viewport_size(PHONE)
    assert _sticking_out(page) == []


def test_hr_publishes_a_story(page, live_server, users, org):
    login(page, live_server, "hr")
    menu_link(page, "Historier til karrieresiden").click()
    assert_accessible(page, "HR's stories")
    page.get_by_role("link", name="Skriv en historie").click()
    page.get_by_label("Titel").fill("Seniorordning med plads til livet")
    page.get_by_label("Adresse").fill("seniorordning")
    page.get_by_label("Tema").select_option("flexible")
    page.get_by_label("Kort beskrivelse").fill("Bente fortæller om sin seniorordning.")
    page.get_by_label("Tekst").fill("Jeg går ned i tid.\n\n- Fire dage om ugen")
    assert_accessible(page, "the story form")
    page.get_by_role("button", name="Gem historien").click()
    expect(page.get_by_role("status")).to_contain_text("Historien er gemt")
    page.get_by_role("button", name="Offentliggør").click()
    expect(page.get_by_role("status")).to_contain_text("offentliggjort")
    page.goto(f"{live_server.url}/job/historier/seniorordning/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Seniorordning med plads til livet")
