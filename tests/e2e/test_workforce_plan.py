"""The workforce plan in a browser (issue 5, "Done when"): HR opens the plan from the menu, sees
per job family how many will leave and must be recruited each year with bands, changes a growth
rate and sees the effect, downloads the Excel file; axe-core checks every page."""

from __future__ import annotations

from playwright.sync_api import expect

from charlie.workforce import services
from charlie.workforce.tests.data import make_history
from tests.e2e.helpers import E2E, assert_accessible, login, main_menu

pytestmark = E2E


def test_hr_plans_changes_a_growth_rate_and_exports(page, live_server, users, org):
    make_history(org)
    services.create_illustrative_scenario()
    login(page, live_server, "hr")
    main_menu(page).get_by_role("link", name="Arbejdsstyrkeplan").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Arbejdsstyrkeplan")
    expect(page.get_by_text("Illustrativt scenarie", exact=True)).to_be_visible()
    expect(page.get_by_role("img", name="Rekrutteringsbehov pr. år")).to_be_visible()
    expect(page.get_by_role("img", name="Forventede fratrædelser pr. år")).to_be_visible()
    families = page.get_by_role("table", name="Jobfamilier: i dag og samlet frem til milepælene")
    expect(families).to_contain_text("Social- og sundhedspersonale")
    expect(families).to_contain_text("skjult")  # the two akademikere
    assert_accessible(page, "Arbejdsstyrkeplan")

    # One job family's years with bands, opened from its disclosure.
    page.get_by_text("År for år: Social- og sundhedspersonale").first.click()
    expect(
        page.get_by_role("table", name="Social- og sundhedspersonale: år for år")
    ).to_contain_text("2040")
    sosu_2040 = page.locator("#plan-jobfamilier-sosu tbody tr").last.inner_text()

    # Change the growth rate: the illustrative scenario is copied, the plan recomputed.
    page.get_by_label("Navn på det nye scenarie").fill("Mere pleje")
    page.get_by_role("textbox", name="Vækst pr. år (%) for Social- og sundhedspersonale").fill("5")
    page.get_by_role("button", name="Gem og beregn igen").click()
    expect(page.get_by_text("Vækstraterne er gemt i scenariet »Mere pleje«.")).to_be_visible()
    expect(page.get_by_role("combobox", name="Scenarie")).to_have_value(
        str(services.get_scenario(users["hr"], name="Mere pleje").pk)
    )
    expect(page.get_by_text("Illustrativt scenarie", exact=True)).to_have_count(0)
    page.get_by_text("År for år: Social- og sundhedspersonale").first.click()
    assert page.locator("#plan-jobfamilier-sosu tbody tr").last.inner_text() != sosu_2040
    assert_accessible(page, "Arbejdsstyrkeplan after a change")

    with page.expect_download() as download:
        page.get_by_role("link", name="Hent planen som Excel").click()
    assert download.value.suggested_filename.startswith("arbejdsstyrkeplan-")

    page.get_by_role("link", name="Sådan er tallene beregnet").click()
    expect(page.get_by_role("table", name="Fratrædelser pr. år")).to_be_visible()
    assert_accessible(page, "Sådan er arbejdsstyrkeplanen beregnet")

    page.get_by_label("Medarbejdernummer").fill(org.person_in_nord.employee_number)
    page.get_by_role("button", name="Slå op").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Pensionsdatoer")
    expect(page.get_by_text("17. maj 2050").first).to_be_visible()
    assert_accessible(page, "Pensionsdatoer")


def test_a_manager_sees_the_plan_for_their_units_only(page, live_server, users, org):
    make_history(org)
    services.create_illustrative_scenario()
    login(page, live_server, "manager")
    main_menu(page).get_by_role("link", name="Arbejdsstyrkeplan").click()
    expect(page.get_by_text("Dine enheder, ansatte pr.")).to_be_visible()
    expect(page.get_by_role("button", name="Gem og beregn igen")).to_have_count(0)
    assert_accessible(page, "Arbejdsstyrkeplan as a manager")
    page.get_by_role("button", name="Log af").click()
    login(page, live_server, "employee")
    expect(main_menu(page).get_by_role("link", name="Arbejdsstyrkeplan")).to_have_count(0)
