"""Onboarding end to end (issue 15, point 9): HR builds a template with a course from the
catalogue, the manager starts a plan and ticks off a task on the plan page, and the new
colleague opens the pre-boarding page on a phone (375 px) and answers the 30-day check-in,
which the manager then sees. axe-core checks every page."""

from __future__ import annotations

import datetime as dt
import re

from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from charlie.learning.tests.factories import CourseFactory
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E


def test_template_plan_and_welcome_page(page, live_server, users, org, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    CourseFactory(code="hygiejne", title="Hygiejne i plejen")

    # HR: a template for SOSU with a course from the catalogue.
    login(page, live_server, "hr")
    menu_link(page, "Introduktionsskabeloner").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skabeloner for introduktionsforløb")
    assert_accessible(page, "the template list")
    page.get_by_role("link", name="Opret skabelon").click()
    page.get_by_label("Navn").fill("SOSU-assistenter")
    page.get_by_label("Stillingskategori").select_option(label="Social- og sundhedspersonale")
    page.get_by_role("button", name="Opret skabelon").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skabelon: SOSU-assistenter")
    page.locator("#id_task-title").fill("Hygiejnekursus")
    page.get_by_label("Fase").select_option(label="Efter 30 dage")
    page.get_by_label("Ansvarlig").select_option(label="Den nye medarbejder")
    page.get_by_label("Obligatorisk kursus").select_option(label="Hygiejne i plejen (hygiejne)")
    page.get_by_role("button", name="Tilføj opgave").click()
    expect(page.get_by_role("table")).to_contain_text("Hygiejnekursus")
    # An offset outside its phase is explained beside the field.
    page.locator("#id_task-title").fill("Nøgler")
    page.get_by_label("Fase").select_option(label="Første dag")
    page.get_by_label("Dage fra første arbejdsdag").fill("5")
    page.get_by_label("Ansvarlig").select_option(label="Leder")
    page.get_by_role("button", name="Tilføj opgave").click()
    expect(page.get_by_role("alert")).to_contain_text("Dagene passer ikke til fasen")
    assert_accessible(page, "the template editor with an error")
    page.get_by_label("Dage fra første arbejdsdag").fill("0")
    page.get_by_role("button", name="Tilføj opgave").click()
    expect(page.get_by_role("table")).to_contain_text("Nøgler")
    assert_accessible(page, "the template editor")

    # The manager starts a plan that began 30 days ago (so the check-in is open).
    page.context.clear_cookies()
    login(page, live_server, "manager")
    menu_link(page, "Introduktionsforløb").click()
    page.get_by_role("link", name="Start et introduktionsforløb").click()
    assert_accessible(page, "the new plan form")
    start = timezone.localdate() - dt.timedelta(days=30)
    page.get_by_label("Navn").fill("Sara Holm")
    page.get_by_label("E-mail").fill("sara@example.org")
    page.locator("#id_title").fill("Social- og sundhedsassistent")
    page.get_by_label("Enhed").select_option(label="Plejecenter Nord")
    page.get_by_label("Stillingskategori").select_option(label="Social- og sundhedspersonale")
    page.get_by_label("Første arbejdsdag").fill(start.isoformat())
    page.get_by_label("Mentor").fill("Mona Mentor")
    page.get_by_label("Velkomst og praktisk information om første dag").fill(
        "Mød kl. 7.30 i receptionen."
    )
    page.get_by_role("button", name="Start forløbet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Introduktion: Sara Holm")
    expect(page.get_by_role("status").first).to_contain_text("4 opgaver")
    keys = page.get_by_role("table", name="Første dag")
    expect(keys).to_contain_text("Overskredet")
    assert_accessible(page, "the plan page")
    keys.get_by_role("button", name=re.compile("Udført.*Nøgler")).click()
    expect(page.get_by_role("table", name="Første dag")).to_contain_text("Udført")
    expect(page.get_by_role("table", name="Efter 30 dage")).to_contain_text("lovkrav")

    # The new colleague, on a phone, by the link in the e-mail.
    link = re.search(r"https?://\S+|/job/velkommen/\S+", mail.outbox[-1].body).group(0)
    path = link[link.index("/job/") :]
    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Sara Holm")
    expect(page.get_by_text("Mød kl. 7.30 i receptionen.")).to_be_visible()
    expect(page.get_by_text("Hygiejnekursus", exact=True)).to_be_visible()
    assert _sticking_out(page) == []
    assert_accessible(page, "the pre-boarding page at 375 px")
    page.get_by_role("button", name="Send svar").click()
    expect(page.get_by_role("alert")).to_contain_text("Dine svar blev ikke gemt")
    assert_accessible(page, "the check-in with errors at 375 px")
    page.get_by_role("group", name="Har du det, du skal bruge").get_by_label("Ja").check()
    page.get_by_role("group", name="Ved du, hvem du kan spørge").get_by_label("Delvist").check()
    page.get_by_role("group", name="Hvor velkommen føler du dig?").get_by_label("4").check()
    page.get_by_role("group", name="Har introduktionen givet dig").get_by_label("Ja").check()
    page.get_by_label("Er der noget, vi kan gøre bedre?").fill("Mere tid med min mentor.")
    page.get_by_role("button", name="Send svar").click()
    expect(page.get_by_text("Tak, du har svaret.")).to_be_visible()
    assert _sticking_out(page) == []
    assert_accessible(page, "the pre-boarding page after the check-in")

    # The manager sees the answers.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, "manager")
    menu_link(page, "Introduktionsforløb").click()
    page.get_by_role("link", name="Sara Holm").click()
    expect(page.get_by_text("Mere tid med min mentor.")).to_be_visible()
    assert_accessible(page, "the plan page with a check-in")
