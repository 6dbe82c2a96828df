"""The prioritisation in the browser (issue 17, point 5), with axe-core on every page: HR adds a
criterion and scores the initiatives, runs the prioritisation under a budget, reads why each
initiative was chosen or not beside the value-vs-effort chart and its table, saves two
scenarios and compares them; a manager reads the result."""

from __future__ import annotations

from playwright.sync_api import expect

from charlie.portfolio.tests.factories import InitiativeFactory, business_case
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link

pytestmark = E2E


def test_hr_scores_runs_saves_and_compares(page, live_server, org, users):
    post = InitiativeFactory(number=1, title="Digital post")
    bot = InitiativeFactory(number=2, title="Chatbot")
    platform = InitiativeFactory(number=3, title="Fælles platform")
    bot.depends_on.add(platform)
    business_case(post, investment=["600000", "0"])
    business_case(bot, investment=["500000", "0"])
    business_case(platform, investment=["300000", "0"], staff_hours=["100", "0"])

    login(page, live_server, "hr")
    menu_link(page, "Prioritering", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Prioritering af initiativer")
    assert_accessible(page, "the prioritisation form")

    page.get_by_role("link", name="Prioriteringskriterier").click()
    page.get_by_label("Kriterium").fill("Hastende")
    page.get_by_label("Vurderet (0–5)").check()
    page.get_by_label("Vægt").fill("1")
    page.get_by_role("button", name="Tilføj kriteriet").click()
    expect(page.get_by_role("table")).to_contain_text("Hastende")
    assert_accessible(page, "the criteria")

    page.get_by_role("link", name="Scorer", exact=True).click()
    page.get_by_label("Hastende for initiativ 1").select_option("5")
    page.get_by_label("Hastende for initiativ 2").select_option("4")
    page.get_by_label("Hastende for initiativ 3").select_option("1")
    page.get_by_role("button", name="Gem scorerne").click()
    expect(page.get_by_role("status").first).to_contain_text("Scorerne er gemt")
    assert_accessible(page, "the scores")

    page.get_by_role("link", name="Kør prioriteringen").click()
    page.get_by_label("Første år").fill("2027")
    page.get_by_label("Antal år").fill("2")
    page.get_by_label("Budget pr. år (kr.)").fill("1.000.000")
    page.get_by_role("button", name="Prioritér").click()
    table = page.locator("#tal-prioritering")
    expect(
        table.locator("tr", has=page.get_by_role("rowheader", name="2. Chatbot"))
    ).to_contain_text("budgettet i 2027 rækker ikke")
    expect(
        table.locator("tr", has=page.get_by_role("rowheader", name="1. Digital post"))
    ).to_contain_text("Valgt")
    expect(page.get_by_role("img", name="Værdi og omkostninger pr. initiativ")).to_be_visible()
    assert_accessible(page, "a prioritisation's result")
    page.get_by_label("Navn på scenariet").fill("Stramt budget")
    page.get_by_role("button", name="Gem scenariet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Scenarie: Stramt budget")
    assert_accessible(page, "a saved scenario")

    page.goto(f"{live_server.url}/digitalisering/prioritering/")
    page.get_by_label("Første år").fill("2027")
    page.get_by_label("Budget pr. år (kr.)").fill("2.000.000")
    page.get_by_role("button", name="Prioritér").click()
    page.get_by_label("Navn på scenariet").fill("Rundt budget")
    page.get_by_role("button", name="Gem scenariet").click()

    page.get_by_role("link", name="Tilbage til scenarierne").click()
    assert_accessible(page, "the scenarios")
    page.get_by_role("link", name="Sammenlign to scenarier").click()
    page.get_by_label("Første scenarie").select_option(label="Stramt budget")
    page.get_by_label("Andet scenarie").select_option(label="Rundt budget")
    page.get_by_role("button", name="Sammenlign").click()
    chatbot = page.locator("tr", has=page.get_by_role("rowheader", name="2. Chatbot"))
    expect(chatbot).to_contain_text("Forskellig")
    assert_accessible(page, "two scenarios compared")

    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/digitalisering/prioritering/scenarier/")
    page.get_by_role("link", name="Stramt budget").click()
    expect(page.locator("#tal-prioritering")).to_contain_text("Digital post")
