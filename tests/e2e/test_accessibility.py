"""Every page passes axe-core (WCAG 2.1 A and AA) for each role that can see it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import E2E, ROLES, assert_accessible, login, main_menu, menu_link

pytestmark = E2E


def test_login_page_and_its_errors(page, live_server, users):
    page.goto(f"{live_server.url}/login/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Log ind")
    assert_accessible(page, "the log-in page")

    page.get_by_role("button", name="Log ind").click()
    username = page.get_by_label("Brugernavn")
    expect(username).to_have_attribute("aria-invalid", "true")
    # The error message is tied to the field, so a screen reader reads it with the field.
    expect(username).to_have_accessible_description(re.compile("Fejl"))
    assert_accessible(page, "the log-in page after submitting it empty")

    page.get_by_label("Brugernavn").fill("test-hr")
    page.get_by_label("Adgangskode").fill("forkert-adgangskode")
    page.get_by_role("button", name="Log ind").click()
    expect(page.get_by_role("alert")).to_contain_text("Forkert brugernavn eller adgangskode")
    assert_accessible(page, "the log-in page with a wrong password")


@pytest.mark.parametrize("role", ROLES)
def test_front_page(page, live_server, users, role):
    login(page, live_server, role)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Velkommen")
    expect(main_menu(page)).to_be_visible()
    assert_accessible(page, f"the front page as {role}")


@pytest.mark.parametrize("role", ["employee", "hr"])
def test_organisation_tree(page, live_server, users, role):
    login(page, live_server, role)
    menu_link(page, "Organisation").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Organisation")
    expect(page.get_by_text("Social og Sundhed")).to_be_visible()
    assert_accessible(page, f"the organisation tree as {role}")


def test_own_person_page(page, live_server, users, org):
    login(page, live_server, "employee")
    page.get_by_role("main").get_by_role("link", name="Se alle mine oplysninger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(org.person_in_nord.full_name)
    expect(page.get_by_text("Det er dine egne oplysninger.")).to_be_visible()
    assert_accessible(page, "the employee's own person page")


@pytest.mark.parametrize(
    ("role", "person"), [("hr", "person_in_skole"), ("manager", "person_in_nord")]
)
def test_someone_elses_person_page(page, live_server, users, org, role, person):
    other = getattr(org, person)
    login(page, live_server, role)
    response = page.goto(f"{live_server.url}/people/{other.pk}/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text(other.full_name)
    expect(page.get_by_role("table", name="Ansættelser")).to_be_visible()
    assert_accessible(page, f"another person's page as {role}")


def test_my_data_without_a_person_record(page, live_server, users):
    login(page, live_server, "analyst")
    response = page.goto(f"{live_server.url}/people/me/")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine oplysninger")
    assert_accessible(page, "'Mine oplysninger' for a user without a person record")


@pytest.mark.parametrize("role", ["hr", "manager"])
def test_people_search_swaps_in_results(page, live_server, users, org, role):
    """The form is submitted by htmx (under the CSP) and only the results are swapped in."""
    login(page, live_server, role)
    menu_link(page, "Medarbejdere").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Medarbejdere")
    assert_accessible(page, f"the people search as {role}")

    page.evaluate("() => { window.notReloaded = true; }")
    target = org.person_in_nord
    with page.expect_request(lambda r: r.headers.get("hx-request") == "true") as htmx_request:
        page.get_by_label("Søg på navn eller medarbejdernummer").fill(target.employee_number)
        page.get_by_role("button", name="Søg").click()
    assert f"q={target.employee_number}" in htmx_request.value.url
    results = page.locator("#search-results")
    expect(results).to_have_count(1)
    expect(results).to_contain_text("1 medarbejder fundet")
    expect(
        results.get_by_role("link", name=f"{target.last_name}, {target.first_name}")
    ).to_be_visible()
    assert page.evaluate("() => window.notReloaded === true"), "the page was reloaded, not swapped"
    # The address holds the whole filter (search, unit, job family, …), so it can be bookmarked.
    expect(page).to_have_url(re.compile(rf"/people/\?q={target.employee_number}&enhed=&"))
    assert_accessible(page, f"the people search with results as {role}")


@pytest.mark.parametrize("role", [None, "employee"])
def test_accessibility_statement(page, live_server, users, role):
    if role:
        login(page, live_server, role)
    page.goto(f"{live_server.url}/")
    page.get_by_role("contentinfo").get_by_role("link", name="Tilgængelighedserklæring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tilgængelighedserklæring")
    assert_accessible(page, f"the accessibility statement ({role or 'not logged in'})")


def test_english_version(page, live_server, users):
    login(page, live_server, "hr")
    expect(page.locator("html")).to_have_attribute("lang", "da")
    page.get_by_role("contentinfo").get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="English")).to_have_attribute("aria-current", "true")
    assert_accessible(page, "the front page in English")
    page.goto(f"{live_server.url}/people/organisation/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    assert_accessible(page, "the organisation tree in English")


def test_403_page(page, live_server, users):
    login(page, live_server, "employee")
    response = page.goto(f"{live_server.url}/people/")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="forsiden")).to_be_visible()
    assert_accessible(page, "the 403 page")


@pytest.mark.parametrize("path", ["/people/999999/", "/findes-ikke/"])
def test_404_page(page, live_server, users, path):
    login(page, live_server, "hr")
    response = page.goto(f"{live_server.url}{path}")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name="forsiden")).to_be_visible()
    assert_accessible(page, f"the 404 page for {path}")


@pytest.mark.parametrize("role", ["employee", "hr"])
def test_api_token_page(page, live_server, users, role):
    login(page, live_server, role)
    response = page.goto(f"{live_server.url}/tokens/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, f"the API-token page as {role}")

    page.get_by_label("Navn").fill("Rapport i Excel")
    page.get_by_role("button", name="Lav nøgle").click()
    expect(page.get_by_role("alert")).to_contain_text("Rapport i Excel")
    assert_accessible(page, f"the API-token page showing a new token as {role}")

    page.get_by_role("link", name="Tilbagekald Rapport i Excel").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert_accessible(page, f"the page to revoke an API token as {role}")

    page.get_by_role("button", name="Tilbagekald nøglen").click()
    expect(page.get_by_role("status")).to_contain_text("er tilbagekaldt")
    assert_accessible(page, f"the API-token page with a message as {role}")


def test_audit_log_page(page, live_server, users, org):
    # HR reads a person's page, so the log has a row to show.
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/people/{org.person_in_skole.pk}/")
    page.context.clear_cookies()

    login(page, live_server, "dpo")
    menu_link(page, "Logning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logning")
    expect(page.get_by_role("table")).to_contain_text(org.person_in_skole.full_name)
    assert_accessible(page, "the audit log")

    page.get_by_label("Medarbejdernummer").fill("findes-ikke")
    page.get_by_role("button", name="Søg").click()
    expect(page.get_by_role("alert")).to_contain_text("Søgningen kunne ikke udføres")
    assert_accessible(page, "the audit log with a form error")


@pytest.mark.parametrize("role", ["employee", "dpo"])
def test_data_use_register_page(page, live_server, users, role):
    login(page, live_server, role)
    menu_link(page, "Sådan bruger vi HR-data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sådan bruger vi HR-data")
    expect(page.get_by_role("heading", level=2, name="HR-administration")).to_be_visible()
    assert_accessible(page, f"the data-use register as {role}")


def test_data_use_register_edit_page(page, live_server, users):
    login(page, live_server, "dpo")
    menu_link(page, "Sådan bruger vi HR-data").click()
    page.get_by_role("link", name="Ret »Egen indsigt«").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ret formålet »Egen indsigt«")
    expect(page.get_by_role("table")).to_contain_text("Oprettet")
    assert_accessible(page, "the data-use register's edit page")

    page.get_by_label("Note om ændringen").fill("")
    page.get_by_label("Stamdata").uncheck()
    page.get_by_label("Ansættelse").uncheck()
    page.get_by_role("button", name="Gem ændringerne").click()
    expect(page.get_by_role("alert")).to_contain_text("Formålet blev ikke gemt")
    assert_accessible(page, "the data-use register's edit page with errors")

    page.get_by_label("Stamdata").check()
    page.get_by_label("Ansættelse").check()
    page.get_by_label("Hvem kan se oplysningerne").fill("Kun dig selv.")
    page.get_by_label("Note om ændringen").fill("Kortere tekst")
    page.get_by_role("button", name="Gem ændringerne").click()
    expect(page.get_by_role("status")).to_contain_text("er gemt")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sådan bruger vi HR-data")
    assert_accessible(page, "the data-use register after a change")


def test_my_data_page(page, live_server, users, org):
    # HR reads the employee's page first, so the audit table has a row by someone else.
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/people/{org.person_in_nord.pk}/")
    page.context.clear_cookies()
    login(page, live_server, "employee")
    menu_link(page, "Mine data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine data")
    expect(page.get_by_role("heading", level=2, name="Stamdata")).to_be_visible()
    audit = page.get_by_role("table", name="Hvem har set eller ændret mine oplysninger")
    expect(audit).to_contain_text("test-hr")
    expect(page.get_by_role("link", name="Hent alle mine data (JSON)")).to_be_visible()
    assert_accessible(page, "'Mine data' for the employee")


def test_my_data_page_without_a_person_record(page, live_server, users):
    login(page, live_server, "analyst")
    response = page.goto(f"{live_server.url}/privacy/mine-data/")
    assert response.status == 200
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine data")
    expect(page.get_by_text("Der er ingen oplysninger om dig")).to_be_visible()
    assert_accessible(page, "'Mine data' for a user without a person record")
