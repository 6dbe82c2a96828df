"""The recruitment pipeline end to end (issue 15, points 5 and 7): a committee member screens
an applicant anonymously and scores her, the chair shortlists her and her name appears, HR
writes and sends a letter, and the analyst reads the fairness figures — on a desktop and at
phone width, with axe-core on every page."""

from __future__ import annotations

import datetime as dt

from django.core import mail
from playwright.sync_api import expect

from charlie.people.services import today
from charlie.recruitment.models import StageChange
from charlie.recruitment.tests.factories import (
    ApplicationFactory,
    CommitteeMemberFactory,
    CriterionFactory,
    JobAdFactory,
    LetterTemplateFactory,
)
from tests.e2e.helpers import E2E, assert_accessible, login, main_menu, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E


def _round(users):
    ad = JobAdFactory(
        slug="sosu-nord",
        title="Social- og sundhedsassistent til Plejecenter Nord",
        status="published",
        deadline=today() + dt.timedelta(days=14),
    )
    CommitteeMemberFactory(ad=ad, user=users["employee"])
    CommitteeMemberFactory(ad=ad, user=users["manager"], chair=True)
    CriterionFactory(ad=ad, name="Faglighed", order=1)
    CriterionFactory(ad=ad, name="Samarbejde", order=2)
    sara = ApplicationFactory(
        ad=ad,
        number=7,
        name="Sara Holm",
        email="sara.holm@example.org",
        address="Skjultvej 9",
        birth_year=1988,
        gender="woman",
        motivation="Jeg brænder for ældreplejen.",
    )
    return ad, sara


def test_committee_member_screens_anonymously_and_scores(page, live_server, users):
    _ad, _sara = _round(users)
    login(page, live_server, "employee")
    menu_link(page, "Ansættelsesforløb").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine ansættelsesudvalg")
    assert_accessible(page, "the employee's committees")
    page.get_by_role("link", name="Social- og sundhedsassistent til Plejecenter Nord").click()
    expect(page.get_by_role("table", name="Antal ansøgere pr. trin")).to_be_visible()
    expect(page.get_by_role("link", name="A-7")).to_be_visible()
    for secret in ("Sara Holm", "Skjultvej", "1988"):
        expect(page.get_by_text(secret)).to_have_count(0)
    assert_accessible(page, "the round page, anonymous screening")

    page.get_by_role("link", name="A-7").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ansøger A-7")
    expect(page.get_by_text("Jeg brænder for ældreplejen.")).to_be_visible()
    expect(page.get_by_text("Sara Holm")).to_have_count(0)
    expect(page.get_by_text("Vises, når du har givet point")).to_have_count(2)
    assert_accessible(page, "an anonymous applicant")
    page.get_by_label("Dine point for Faglighed").select_option("4")
    page.get_by_role("button", name="Gem point for Faglighed").click()
    expect(page.get_by_text("Dine point er gemt.")).to_be_visible()
    row = page.get_by_role("row", name="Faglighed")
    expect(row).to_contain_text("4,0")
    expect(page.get_by_text("Vises, når du har givet point")).to_have_count(1)
    assert_accessible(page, "the applicant after scoring")

    page.set_viewport_size(PHONE)
    page.reload()
    assert _sticking_out(page) == []
    assert_accessible(page, "the applicant at 375 px")


def test_chair_shortlists_and_hr_sends_a_letter(page, live_server, users):
    ad, sara = _round(users)
    LetterTemplateFactory()
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/rekruttering/forloeb/{ad.slug}/")
    page.get_by_label("Flyt A-7 til trin").select_option(label="Udvalgt til samtale")
    page.get_by_role("button", name="Flyt A-7").click()
    expect(page.get_by_text("A-7 er flyttet til Udvalgt til samtale.")).to_be_visible()
    expect(page.get_by_role("heading", name="Udvalgt til samtale", level=2)).to_be_visible()
    expect(page.get_by_text("A-7 Sara Holm")).to_be_visible()
    assert StageChange.objects.filter(application=sara, stage="shortlisted").exists()
    assert_accessible(page, "the round after shortlisting")

    page.get_by_role("link", name="A-7").click()
    page.get_by_text("Book en samtale").click()
    page.get_by_label("Dato for samtalen").fill((today() + dt.timedelta(days=20)).isoformat())
    page.get_by_label("Fra kl.").fill("10:00")
    page.get_by_label("Til kl.").fill("11:00")
    page.get_by_label("Sted").fill("Plejecenter Nord, mødelokale 2")
    page.get_by_role("button", name="Book samtalen").click()
    expect(page.get_by_text("Samtalen er booket.")).to_be_visible()
    expect(page.get_by_role("link", name="Kalenderfil (iCal)")).to_be_visible()
    assert_accessible(page, "the applicant with an interview")

    page.get_by_role("link", name="Skriv et brev").click()
    expect(page.get_by_label("Tekst")).to_contain_text("Kære Sara Holm")
    expect(page.get_by_label("Tekst")).to_contain_text("Plejecenter Nord, mødelokale 2")
    assert_accessible(page, "the letter preview")
    page.get_by_role("button", name="Send brevet").click()
    expect(page.get_by_text("Brevet er sendt til ansøgeren.")).to_be_visible()
    assert [m.to for m in mail.outbox] == [["sara.holm@example.org"]]


def test_analyst_reads_the_fairness_figures(page, live_server, users):
    ad = JobAdFactory(slug="fair", status="published", deadline=dt.date(today().year, 6, 1))
    for i in range(12):
        a = ApplicationFactory(
            ad=ad, number=i + 1, name=f"Hemmelig {i}", gender="woman", birth_year=1990
        )
        if i < 7:
            StageChange.objects.create(application=a, stage="shortlisted")
    for i in range(10):
        ApplicationFactory(
            ad=ad, number=20 + i, name=f"Hemmelig {20 + i}", gender="man", birth_year=1960
        )
    login(page, live_server, "analyst")
    menu_link(page, "Ligestilling i rekruttering").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ligestilling i rekruttering")
    year = today().year
    expect(
        page.get_by_role("img", name=f"Andel udvalgt til samtale efter køn, {year} (procent)")
    ).to_be_visible()
    table = page.get_by_role("table", name=f"Ansøgere efter køn, {year}")
    expect(table.get_by_role("row", name="Kvinde")).to_contain_text("12")
    expect(table.get_by_role("row", name="Mand")).to_contain_text("under 0,8")
    expect(page.get_by_text("Hemmelig")).to_have_count(0)
    assert_accessible(page, "the fairness figures")
    page.get_by_label("Ansættelsesforløb").select_option(label=ad.title)
    page.get_by_role("button", name="Vis").click()
    expect(page.get_by_role("table", name=f"Ansøgere efter køn: {ad.title}")).to_be_visible()
    assert_accessible(page, "the fairness figures of a round")

    page.set_viewport_size(PHONE)
    page.reload()
    assert _sticking_out(page) == []
    assert_accessible(page, "the fairness figures at 375 px")


def test_an_analyst_on_a_committee_finds_the_round_in_the_menu(page, live_server, users):
    """Any role may sit on a committee (here an analyst as the employees' representative): the
    menu shows "Ansættelsesforløb" to members, and not to those who sit on none."""
    ad, _sara = _round(users)
    login(page, live_server, "dpo")
    expect(
        main_menu(page).get_by_role("link", name="Ansættelsesforløb", include_hidden=True)
    ).to_have_count(0)
    page.context.clear_cookies()
    CommitteeMemberFactory(ad=ad, user=users["analyst"])
    login(page, live_server, "analyst")
    menu_link(page, "Ansættelsesforløb").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine ansættelsesudvalg")
    page.get_by_role("link", name=ad.title).click()
    expect(page.get_by_role("link", name="A-7")).to_be_visible()
    expect(page.get_by_text("Sara Holm")).to_have_count(0)
    assert_accessible(page, "the round as an analyst on its committee")
