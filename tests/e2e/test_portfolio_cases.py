"""Business cases in the browser (issue 17, point 4), with axe-core on every page: HR sets the
rates from the menu, fills in an initiative's business case with a mistake first, and reads the
figures and "Sådan er tallene regnet"; a manager reads the figures."""

from __future__ import annotations

from playwright.sync_api import expect

from charlie.portfolio.tests.factories import InitiativeFactory
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link

pytestmark = E2E


def test_hr_sets_rates_fills_in_a_case_and_a_manager_reads_the_figures(
    page, live_server, org, users
):
    InitiativeFactory(number=7, title="Digital post til borgerne")

    login(page, live_server, "hr")
    menu_link(page, "Satser for business cases").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Satser for business cases")
    assert_accessible(page, "the rates")
    page.get_by_role("button", name="Gem satserne").click()
    expect(page.get_by_text("Satserne er gemt.")).to_be_visible()

    page.goto(f"{live_server.url}/digitalisering/initiativer/7/business-case/")
    assert_accessible(page, "a case not yet made")
    page.get_by_role("link", name="Lav en business case").click()
    page.get_by_label("År 0 (kalenderår)").fill("2027")
    page.get_by_label("Horisont (antal år)").fill("5")
    first = page.get_by_role("group", name="Linje 1")
    first.get_by_label("Art").select_option("investment")
    first.get_by_label("Beløb pr. år (mest sandsynligt)").fill("1.000.000")
    second = page.get_by_role("group", name="Linje 2")
    second.get_by_label("Art").select_option("benefit")
    second.get_by_label("Tekst").fill("Sparet porto")
    second.get_by_label("Beløb pr. år (mest sandsynligt)").fill(
        "0; 350.000; 350.000; 350.000; 350.000"
    )
    page.get_by_role("button", name="Gem business casen").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv en tekst til linjen.")
    assert_accessible(page, "the editor with an error")
    page.get_by_role("group", name="Linje 1").get_by_label("Tekst").fill("Licens")
    page.get_by_role("button", name="Gem business casen").click()
    expect(page.get_by_text("285.578 kr.").first).to_be_visible()
    expect(page.get_by_role("heading", name="Sådan er tallene regnet")).to_be_visible()
    assert_accessible(page, "the figures")

    page.context.clear_cookies()
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/digitalisering/initiativer/7/business-case/")
    expect(page.get_by_text("285.578 kr.").first).to_be_visible()
    expect(page.get_by_role("link", name="Ret business casen")).to_have_count(0)
