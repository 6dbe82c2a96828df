"""Question banks in the browser (issue 16, point 1): HR opens Charlie's own trivselsmåling and
previews it as respondents will see it on a phone (375 px), builds the municipality's own
questionnaire with a dimension and questions, sees the version locked once a survey uses it,
and imports a questionnaire from a file. axe-core checks every page, with and without errors.

``PAGES`` names every page of the part with how to reach it; ``NOT_PAGES`` the URLs that
answer no page of their own. ``test_every_questionnaire_url_is_swept`` (no browser) fails when a
URL of the part is in neither (``charlie/wellbeing/tests/test_questionnaires_views.py``, which
needs no browser, checks it)."""

from __future__ import annotations

import json
import re

from django.urls import reverse
from playwright.sync_api import expect

from charlie.wellbeing.models import Questionnaire
from charlie.wellbeing.services import questionnaires as svc
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E


def _for(action: str, what: str) -> re.Pattern[str]:
    """A link's name: the visible action and, for screen readers only, what it acts on (a
    hidden text after an element starts a new line of the accessible name)."""
    return re.compile(rf"^{re.escape(action)}\s*: {re.escape(what)}$")


#: Every page of the part (opened below, each checked by axe-core).
PAGES = {
    "questionnaires",
    "questionnaire_new",
    "questionnaire_import",
    "questionnaire",
    "questionnaire_version",
    "questionnaire_preview",
    "questionnaire_dimension_new",
    "questionnaire_dimension",
    "questionnaire_question_new",
    "questionnaire_question",
}
#: The URLs that answer no page of their own, and why.
NOT_PAGES = {
    "questionnaire_version_new": "a form's action: redirects to the new version",
    "questionnaire_version_delete": "a form's action: redirects to the list",
    "questionnaire_export": "a file download (JSON or CSV)",
    "questionnaire_dimension_remove": "a form's action: redirects to the version",
    "questionnaire_dimension_move": "a form's action: redirects to the version",
    "questionnaire_question_remove": "a form's action: redirects to the version",
    "questionnaire_question_move": "a form's action: redirects to the version",
}


def test_charlies_trivsel_bank_and_its_preview_on_a_phone(page, live_server, users):
    login(page, live_server, "hr")
    menu_link(page, "Spørgeskemaer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spørgeskemaer")
    table = page.get_by_role("table", name="Spørgeskemaer og deres versioner")
    expect(table).to_contain_text("Charlies egen")
    expect(table).to_contain_text("ikke valideret")
    assert_accessible(page, "the list of questionnaires")

    table.get_by_role("link", name="Trivselsmåling (Charlies egen)").click()
    expect(page.get_by_role("note").first).to_contain_text("ikke et valideret instrument")
    assert_accessible(page, "Charlie's trivsel questionnaire")

    page.get_by_role("link", name="Version 1").click()
    expect(page.get_by_role("heading", name="Krænkende adfærd")).to_be_visible()
    expect(page.get_by_role("table", name="Spørgsmål i Krænkende adfærd")).to_contain_text(
        "In the past 12 months, have you been bullied at your workplace?"
    )
    assert_accessible(page, "a version's page with Danish and English side by side")

    page.get_by_role("link", name="Forhåndsvisning, som den der svarer ser det (dansk)").click()
    page.set_viewport_size(PHONE)
    group = page.get_by_role(
        "group", name="Hvor ofte har du for lidt tid til at løse dine opgaver ordentligt?"
    )
    group.get_by_label("Ofte").check()
    expect(group.get_by_label("Ofte")).to_be_checked()
    expect(page.get_by_text("Skriv ikke navne, og skriv ikke noget om")).to_be_visible()
    assert _sticking_out(page) == []
    assert_accessible(page, "the preview at 375 px")
    page.get_by_role("link", name="English").click()
    expect(
        page.get_by_role(
            "group", name="In the past 12 months, have you been bullied at your workplace?"
        )
    ).to_be_visible()
    assert _sticking_out(page) == []
    assert_accessible(page, "the English preview at 375 px")


def test_hr_builds_a_questionnaire_and_a_survey_locks_it(page, live_server, users):
    login(page, live_server, "hr")
    page.goto(live_server.url + reverse("wellbeing:questionnaires"))
    page.get_by_role("link", name="Nyt spørgeskema").click()
    page.get_by_role("button", name="Opret spørgeskema").click()
    expect(page.get_by_role("alert")).to_contain_text("Navn")
    assert_accessible(page, "the new questionnaire form with an error")
    page.locator("#id_name").fill("Trivsel i hjemmeplejen")
    page.get_by_label("Type").select_option(label="Trivselsmåling")
    page.get_by_role("button", name="Opret spørgeskema").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trivsel i hjemmeplejen, version 1")
    expect(page.get_by_role("status")).to_contain_text("Spørgeskemaet er oprettet")

    page.get_by_role("link", name="Tilføj dimension").click()
    assert_accessible(page, "the new dimension form")
    page.locator("#id_name").fill("Kørsel")
    page.get_by_label("Navn på engelsk").fill("Driving")
    page.get_by_role("button", name="Gem dimensionen").click()
    expect(page.get_by_role("heading", name="Kørsel")).to_be_visible()

    page.get_by_role("link", name=_for("Tilføj spørgsmål her", "Kørsel")).click()
    page.get_by_label("Spørgsmål på dansk").fill("Hvor mange kilometer kører du om dagen?")
    page.get_by_label("Svartype").select_option(label="Tal")
    page.get_by_role("button", name="Gem spørgsmålet").click()
    expect(page.get_by_role("alert")).to_contain_text(
        "Et tal-spørgsmål skal have et mindste og et største tal."
    )
    assert_accessible(page, "the question form with an error")
    page.get_by_label("Mindste tal").fill("0")
    page.get_by_label("Største tal").fill("300")
    page.get_by_role("button", name="Gem spørgsmålet").click()
    expect(page.get_by_role("table", name="Spørgsmål i Kørsel")).to_contain_text("koersel-1")

    page.get_by_role("link", name="Tilføj spørgsmål", exact=True).click()
    assert_accessible(page, "the new question form")
    page.get_by_label("Spørgsmål på dansk").fill("Er der andet, du vil fortælle?")
    page.get_by_label("Spørgsmål på engelsk").fill("Anything else?")
    page.get_by_label("Svartype").select_option(label="Fritekst")
    page.get_by_role("button", name="Gem spørgsmålet").click()
    expect(page.get_by_role("table", name="Spørgsmål uden dimension")).to_contain_text(
        "Med advarsel mod navne og helbredsoplysninger"
    )
    page.get_by_role("link", name=_for("Ret", "spm-1")).click()
    expect(page.get_by_label("Spørgsmål på engelsk")).to_have_value("Anything else?")
    assert_accessible(page, "the question edit form")
    page.go_back()
    page.get_by_role("link", name=_for("Ret dimensionen", "Kørsel")).click()
    expect(page.get_by_label("Navn på engelsk")).to_have_value("Driving")
    assert_accessible(page, "the dimension edit form")

    # A survey is launched with the version (the surveys part calls freeze_version).
    version = Questionnaire.objects.get(code="trivsel-i-hjemmeplejen").versions.get()
    svc.freeze_version(version)
    page.goto(live_server.url + reverse("wellbeing:questionnaire_version", args=[version.pk]))
    expect(page.get_by_role("note").first).to_contain_text("kan kun læses")
    expect(page.get_by_role("link", name="Tilføj spørgsmål", exact=True)).to_have_count(0)
    assert_accessible(page, "a frozen version")
    # An edit page of the frozen version goes back to the version with the reason.
    page.goto(live_server.url + reverse("wellbeing:questionnaire_question_new", args=[version.pk]))
    expect(page.get_by_role("status")).to_contain_text("er låst, fordi en måling bruger den")
    page.get_by_role("link", name=re.compile("Lav en ny version")).click()
    page.get_by_role("button", name="Lav en ny version").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trivsel i hjemmeplejen, version 2")


def test_import_a_questionnaire_from_a_file(page, live_server, users):
    login(page, live_server, "hr")
    page.goto(live_server.url + reverse("wellbeing:questionnaire_import"))
    assert_accessible(page, "the import page")
    upload = page.get_by_label("Fil (JSON, CSV eller Excel)")
    upload.set_input_files(
        files=[
            {
                "name": "egen.csv",
                "mimeType": "text/csv",
                "buffer": "kode;spørgsmål;type\na;Trives du?;skala\na;Og nu?;slider\n".encode(),
            }
        ]
    )
    page.get_by_label("Kode").fill("egen")
    page.locator("#id_name").fill("Eget spørgeskema")
    page.get_by_label("Type").select_option(label="Andet")
    page.get_by_role("button", name="Indlæs").click()
    problems = page.get_by_role("table", name="Problemer")
    expect(problems).to_contain_text("Koden »a« er også brugt i række 2.")
    expect(problems).to_contain_text("Ukendt svartype")
    assert_accessible(page, "the import page with problems")
    document = {
        "code": "puls-skoler",
        "name": "Puls på skolerne",
        "kind": "pulse",
        "questions": [{"code": "travlt", "kind": "likert", "text": "Har du haft travlt?"}],
    }
    page.get_by_label("Fil (JSON, CSV eller Excel)").set_input_files(
        files=[
            {
                "name": "puls.json",
                "mimeType": "application/json",
                "buffer": json.dumps(document).encode(),
            }
        ]
    )
    page.get_by_label("Kode").fill("")
    page.locator("#id_name").fill("")
    page.get_by_label("Type").select_option(value="")
    page.get_by_role("button", name="Indlæs").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Puls på skolerne, version 1")
    expect(page.get_by_role("status")).to_contain_text("1 spørgsmål")
