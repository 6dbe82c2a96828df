"""Applying and the talent pool end to end (issue 15, points 4 and 6): an applicant on a phone
(375 px) applies with a PDF, lands on their own page and withdraws; someone signs up for the
talent pool, confirms from the link in the e-mail (double opt-in), renews and leaves; HR sees the
pool. axe-core checks every page in every state."""

from __future__ import annotations

import re

from django.core import mail
from playwright.sync_api import expect

from charlie.recruitment.models import Application, Stage, TalentProfile
from charlie.recruitment.tests.factories import (
    ApplicationFactory,
    TalentProfileFactory,
    open_ad,
    pdf_bytes,
)
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link

pytestmark = E2E

PHONE = {"width": 375, "height": 800}


def _fits(page) -> None:
    """Nothing is wider than the screen: no sideways scrolling at phone width."""
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide"


def test_an_applicant_applies_from_a_phone_and_withdraws(page, live_server, org, tmp_path):
    ad = open_ad(title="Social- og sundhedsassistent", unit=org.nord)
    cv = tmp_path / "Mit CV.pdf"
    cv.write_bytes(pdf_bytes("Sara Holm"))
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/job/{ad.slug}/ansoeg/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Social- og sundhedsassistent")
    assert_accessible(page, "the application form at 375 px")
    _fits(page)

    # Sent without the required fields: the error summary links to each field.
    page.get_by_role("button", name="Send ansøgning").click()
    expect(page.get_by_role("alert")).to_contain_text("Ansøgningen blev ikke sendt")
    assert_accessible(page, "the application form with errors")
    assert not Application.objects.exists()

    page.get_by_label("Navn").fill("Sara Holm")
    page.get_by_label("E-mail").fill("sara@example.org")
    page.get_by_label("Telefon").fill("12 34 56 78")
    page.get_by_label("CV").set_input_files(str(cv))
    page.get_by_label("Kort motivation").fill("Jeg vil gerne arbejde hos jer.")
    page.get_by_label("Fødselsår (valgfrit)").fill("1990")
    page.get_by_label("Kvinde").check()
    page.get_by_label("Jeg har læst, hvordan kommunen behandler mine oplysninger").check()
    page.get_by_role("button", name="Send ansøgning").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Din ansøgning")
    expect(page.get_by_role("status")).to_contain_text("Vi har modtaget din ansøgning")
    expect(page.get_by_role("main")).to_contain_text("Modtaget")
    expect(page.get_by_role("main")).to_contain_text("Mit CV.pdf")
    assert_accessible(page, "the applicant's own page")
    _fits(page)
    application = Application.objects.get()
    assert application.number == 1 and application.files.count() == 1
    assert re.search(r"/job/ansoegning/charlie_", mail.outbox[0].body)

    page.get_by_role("link", name="Træk ansøgningen tilbage").click()
    assert_accessible(page, "the confirmation to withdraw")
    page.get_by_role("button", name="Ja, træk ansøgningen tilbage").click()
    expect(page.get_by_role("main")).to_contain_text("Trukket tilbage")
    application.refresh_from_db()
    assert application.stage == Stage.WITHDRAWN

    page.get_by_role("link", name="Slet ansøgningen nu").click()
    assert_accessible(page, "the confirmation to delete")
    page.get_by_role("button", name="Ja, slet ansøgningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ansøgningen er slettet")
    assert_accessible(page, "the application deleted")
    assert not Application.objects.exists()


def test_someone_joins_the_talent_pool_renews_and_leaves(page, live_server, org):
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/job/talentbank/")
    assert_accessible(page, "the talent pool sign-up at 375 px")
    _fits(page)
    page.get_by_label("Navn").fill("Mads Holm")
    page.get_by_label("E-mail").fill("mads@example.org")
    page.get_by_label("Social- og sundhedspersonale").check()
    page.get_by_label("Social og Sundhed").check()
    page.get_by_role("button", name="Skriv mig op").click()
    expect(page.get_by_role("alert")).to_contain_text("Du er ikke skrevet op endnu")
    assert_accessible(page, "the sign-up with an error")
    page.get_by_label("Jeg giver samtykke").check()
    page.get_by_role("button", name="Skriv mig op").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tjek din e-mail")
    assert_accessible(page, "the sign-up done")

    # Double opt-in: nothing counts until the link in the e-mail is followed and confirmed.
    assert TalentProfile.objects.get().confirmed_at is None
    link = re.search(r"(/job/talentbank/charlie_[\w-]+/bekraeft/)", mail.outbox[0].body).group(1)
    page.goto(f"{live_server.url}{link}")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bekræft din tilmelding til talentbanken"
    )
    expect(page.get_by_text("mads@example.org")).to_be_visible()
    assert_accessible(page, "the confirmation page at 375 px")
    _fits(page)
    page.get_by_role("button", name="Bekræft min tilmelding").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din profil i talentbanken")
    expect(page.get_by_role("status")).to_contain_text("Du er nu i talentbanken")
    assert TalentProfile.objects.get().confirmed_at is not None
    assert_accessible(page, "the profile page at 375 px")
    _fits(page)
    page.get_by_role("button", name=re.compile("Forny samtykket")).click()
    expect(page.get_by_role("status")).to_contain_text("Dit samtykke er fornyet")
    page.get_by_role("link", name="Træk samtykket tilbage og slet profilen").click()
    assert_accessible(page, "the confirmation to leave")
    page.get_by_role("button", name="Ja, slet min profil").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Din profil er slettet")
    assert_accessible(page, "the profile deleted")
    assert not TalentProfile.objects.exists()


def test_hr_sees_the_pool_and_invites_a_rejected_applicant(page, live_server, users, org):
    TalentProfileFactory(name="Mads Holm", email="mads@example.org")
    application = ApplicationFactory(ad=open_ad(), stage=Stage.REJECTED, name="Ali Khan")
    login(page, live_server, "hr")
    menu_link(page, "Talentbank").click()
    expect(page.get_by_role("table")).to_contain_text("Mads Holm")
    assert_accessible(page, "HR's talent pool")
    page.get_by_role("link", name="Inviter ansøgere, der fik afslag").click()
    expect(page.get_by_role("table")).to_contain_text("Ali Khan")
    assert_accessible(page, "the applicants to invite")
    page.get_by_role("button", name="Send invitation til Ali Khan").click()
    expect(page.get_by_role("status")).to_contain_text("Invitationen til talentbanken er sendt")
    assert_accessible(page, "an invitation sent")
    application.refresh_from_db()
    assert application.pool_invited_at is not None
