"""The workforce plan in a browser: HR opens the plan from the menu, sees per job family how
many will leave and must be recruited each year with bands, changes a growth rate and sees the
effect, downloads the Excel file; axe-core checks every page."""

from __future__ import annotations

from playwright.sync_api import expect

from charlie.people.services import access_for
from charlie.workforce import services
from charlie.workforce.tests.data import make_history
from tests.e2e.helpers import E2E, assert_accessible, login, main_menu, menu_link

pytestmark = E2E


def test_hr_plans_changes_a_growth_rate_and_exports(page, live_server, users, org):
    make_history(org)
    services.create_illustrative_scenario()
    login(page, live_server, "hr")
    menu_link(page, "Arbejdsstyrkeplan").click()
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
        str(services.get_scenario(access_for(users["hr"]), name="Mere pleje").pk)
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
    menu_link(page, "Arbejdsstyrkeplan").click()
    expect(page.get_by_text("Dine enheder, ansatte pr.")).to_be_visible()
    expect(page.get_by_role("button", name="Gem og beregn igen")).to_have_count(0)
    assert_accessible(page, "Arbejdsstyrkeplan as a manager")
    page.get_by_role("button", name="Log af").click()
    login(page, live_server, "employee")
    expect(
        main_menu(page).get_by_role("link", name="Arbejdsstyrkeplan", include_hidden=True)
    ).to_have_count(0)


def test_hr_writes_a_scenario_with_a_driver_and_compares_it(page, live_server, users, org):
    make_history(org)
    services.create_illustrative_scenario()
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/workforce/scenarier/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Scenarier")
    assert_accessible(page, "Scenarier")

    page.get_by_label("Navn på det nye scenarie").fill("Ældreboom")
    page.get_by_role("button", name="Opret scenarie").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Ældreboom")
    assert_accessible(page, "A new scenario")

    # A driver table with Danish numbers, then a rule that uses it.
    new_driver = page.locator("form").filter(has=page.get_by_role("button", name="Tilføj driveren"))
    new_driver.get_by_label("Navn").fill("Borgere på 80 år og derover")
    new_driver.get_by_label("Kilde").fill("Egen fremskrivning (test)")
    new_driver.get_by_label("Værdier pr. år").fill("2026 1.000\n2040 1.500,5")
    new_driver.get_by_role("button", name="Tilføj driveren").click()
    expect(
        page.get_by_role("button", name="Gem driveren Borgere på 80 år og derover")
    ).to_be_visible()

    rule = page.get_by_role("group", name="Regel 1 (ny)")
    rule.get_by_label("Jobfamilie").select_option(label="Social- og sundhedspersonale")
    rule.get_by_label("Type").select_option(label="Driver")
    rule.get_by_label("Fra år").fill("2027")
    rule.get_by_label("Til år").fill("2040")
    rule.get_by_label("Driver", exact=True).select_option(label="Borgere på 80 år og derover")
    page.get_by_role("button", name="Gem scenariet").click()
    expect(page.get_by_role("group", name="Regel 1", exact=True)).to_be_visible()
    assert_accessible(page, "A scenario with a driver rule")

    # A bad driver line: said with its line number, nothing saved.
    values = page.get_by_label("Værdier pr. år").first
    values.fill("2026 1.000\nto tusind")
    page.get_by_role("button", name="Gem driveren Borgere på 80 år og derover").click()
    expect(page.get_by_role("alert")).to_contain_text("Linje 2")
    assert_accessible(page, "A driver with an error")

    page.goto(f"{live_server.url}/workforce/scenarier/")
    page.get_by_label("Scenarie A").select_option(label="Illustrativt scenarie (nationale tal)")
    page.get_by_label("Scenarie B").select_option(label="Ældreboom")
    page.get_by_role("button", name="Sammenlign").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sammenlign scenarier")
    expect(page.get_by_role("table").first).to_contain_text("Social- og sundhedspersonale")
    assert_accessible(page, "Two scenarios side by side")
