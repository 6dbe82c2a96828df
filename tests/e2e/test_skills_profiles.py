"""Skill profiles end to end (issue 13, point 3): the employee finds a skill with the search
picker and proposes a level, says yes to hearing about new opportunities; the manager confirms
from the list of proposals; HR imports a file with a problem. axe-core checks every state, and
"Mine kompetencer" holds up on a phone (375 px)."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from charlie.skills.models import Skill
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E


def test_propose_confirm_and_opt_in(page, live_server, users, org):
    Skill.objects.create(uri="local:foerstehjaelp", name="Førstehjælp", source="local")
    Skill.objects.create(uri="local:forflytning", name="Forflytning", source="local")

    login(page, live_server, "employee")
    menu_link(page, "Mine kompetencer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine kompetencer")
    expect(page.get_by_text("Ingen bekræftede kompetencer endnu.")).to_be_visible()
    assert_accessible(page, "'Mine kompetencer' empty")

    page.get_by_label("Søg kompetence").fill("første")
    page.get_by_role("button", name="Søg", exact=True).click()
    page.get_by_role("link", name="Førstehjælp").click()
    page.get_by_label("Niveau", exact=True).select_option("2")
    page.get_by_label("Kilde", exact=True).select_option("certificate")
    page.get_by_label("Dokumentation", exact=True).fill("Røde Kors, kursusbevis")
    soon = timezone.localdate() + timedelta(days=30)
    page.get_by_label("Udløber", exact=True).fill(soon.isoformat())
    assert_accessible(page, "'Mine kompetencer' with the proposal form")
    # A CPR number in the evidence: the page again, with the values and the error.
    page.get_by_label("Dokumentation", exact=True).fill("Kursusbevis 010190-1235")
    page.get_by_role("button", name="Send forslag").click()
    expect(page.get_by_role("alert")).to_contain_text("Niveauet blev ikke gemt")
    expect(page.get_by_label("Kilde", exact=True)).to_have_value("certificate")
    assert_accessible(page, "'Mine kompetencer' with an error in the proposal")
    page.get_by_label("Dokumentation", exact=True).fill("Røde Kors, kursusbevis")
    page.get_by_role("button", name="Send forslag").click()
    expect(page.get_by_role("status")).to_contain_text("Dit forslag om Førstehjælp er sendt")
    expect(page.get_by_role("table", name="Forslag, der venter på bekræftelse")).to_contain_text(
        "Førstehjælp"
    )

    with page.expect_navigation():
        page.locator("#optin-opportunities-ja").check()
        page.locator("form:has(#optin-opportunities-ja)").get_by_role(
            "button", name="Gem svar"
        ).click()
    expect(page.get_by_role("status")).to_contain_text("Dit svar er gemt: ja")
    assert_accessible(page, "'Mine kompetencer' with a proposal and an opt-in")

    page.set_viewport_size(PHONE)
    page.reload()
    assert _sticking_out(page) == []
    assert_accessible(page, "'Mine kompetencer' at 375 px")

    # The manager confirms it from the list of proposals.
    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()
    login(page, live_server, "manager")
    menu_link(page, "Kompetencer til bekræftelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kompetencer til bekræftelse")
    assert_accessible(page, "the proposals waiting")
    page.get_by_role("button", name="Bekræft Førstehjælp").click()
    expect(page.get_by_role("status")).to_contain_text("Førstehjælp er bekræftet")
    page.goto(f"{live_server.url}/kompetencer/person/{org.person_in_nord.pk}/")
    held = page.get_by_role("table", name="Bekræftede kompetencer")
    expect(held).to_contain_text("Førstehjælp")
    expect(held).to_contain_text("2 – Øvet")
    expect(held).to_contain_text("udløber inden for 90 dage")
    assert_accessible(page, "a person's skills for the manager")

    # And the employee sees who confirmed it.
    page.context.clear_cookies()
    login(page, live_server, "employee")
    page.goto(f"{live_server.url}/kompetencer/")
    expect(page.get_by_role("table", name="De nyeste registreringer")).to_contain_text("bekræftet")


def test_hr_imports_a_file_with_a_problem(page, live_server, users, org, tmp_path):
    Skill.objects.create(uri="local:demens", name="Demens", source="local")
    bad = tmp_path / "kompetencer.csv"
    bad.write_text(
        "medarbejdernummer;kompetence;niveau;dato;kilde\n"
        f"{org.person_in_nord.employee_number};Demens;2;31-12-9999;kursus\n",
        encoding="utf-8",
    )
    login(page, live_server, "hr")
    menu_link(page, "Indlæs kompetencer").click()
    assert_accessible(page, "the skills import")
    page.get_by_label("Fil (CSV eller Excel)").set_input_files(str(bad))
    page.get_by_role("button", name="Indlæs").click()
    expect(page.get_by_role("alert")).to_contain_text("Intet er gemt")
    expect(page.get_by_role("table", name="Problemer")).to_contain_text("dato")
    assert_accessible(page, "the skills import with a problem")
