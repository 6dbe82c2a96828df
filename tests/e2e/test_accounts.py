"""Users and roles in the browser: the administrator creates an account that
should be HR, HR approves it only after the user has chosen their own password, and the DPO
sees every step in the log. Each page is checked with axe; the Django admin's log-in is
Charlie's log-in page."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import E2E, PASSWORD, assert_accessible, login, menu_link

pytestmark = E2E

FIRST_PASSWORD = "foerste-kode-fra-admin-7"
OWN_PASSWORD = "mit-eget-gode-kodeord-8"


def _log_in_as(page, live_server, username: str, password: str) -> None:
    page.goto(f"{live_server.url}/login/")
    page.get_by_label("Brugernavn").fill(username)
    page.get_by_label("Adgangskode").fill(password)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/")


def test_a_new_hr_user_needs_a_second_person_and_their_own_password(page, live_server, users):
    # The administrator creates the account and asks for the role HR.
    login(page, live_server, "admin")
    menu_link(page, "Brugere og roller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brugere og roller")
    expect(page.get_by_role("table", name="Brugere efter brugernavn")).to_contain_text("test-hr")
    assert_accessible(page, "the user list")

    page.get_by_role("link", name="Opret bruger").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opret bruger")
    assert_accessible(page, "the create-user form")
    page.get_by_label("Brugernavn").fill("nora")
    page.get_by_label("Fornavn").fill("Nora")
    page.get_by_label("Efternavn").fill("Holm")
    page.get_by_label("Rolle").select_option("hr")
    page.get_by_label("Første adgangskode").fill(FIRST_PASSWORD)
    page.get_by_label("Gentag adgangskoden").fill(FIRST_PASSWORD)
    page.get_by_role("button", name="Opret bruger").click()
    expect(page.get_by_role("alert")).to_contain_text("Brugeren blev ikke oprettet")
    expect(page.get_by_role("alert")).to_contain_text("Udfyld feltet »Begrundelse«.")
    assert_accessible(page, "the create-user form with errors")

    page.get_by_label("Begrundelse").fill("Ny HR-konsulent i lønteamet.")
    page.get_by_label("Første adgangskode").fill(FIRST_PASSWORD)
    page.get_by_label("Gentag adgangskoden").fill(FIRST_PASSWORD)
    page.get_by_role("button", name="Opret bruger").click()
    expect(page.get_by_role("status")).to_contain_text("venter på en anden persons godkendelse")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bruger nora")
    expect(page.get_by_text("kan derfor kun skiftes af brugeren selv")).to_be_visible()
    assert_accessible(page, "a user's page with a pending role")
    page.context.clear_cookies()

    # HR sees the request, but cannot approve while the administrator knows the password.
    login(page, live_server, "hr")
    menu_link(page, "Rolleanmodninger").click()
    expect(page.get_by_role("heading", name="nora skal have rollen HR")).to_be_visible()
    assert_accessible(page, "the role requests as HR")
    page.get_by_role("button", name="Godkend anmodningen for nora").click()
    expect(page.get_by_role("alert")).to_contain_text("Skift adgangskode")
    assert_accessible(page, "the role requests with an error")
    page.context.clear_cookies()

    # Nora chooses her own password.
    _log_in_as(page, live_server, "nora", FIRST_PASSWORD)
    page.get_by_role("link", name="Skift adgangskode").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Skift adgangskode")
    assert_accessible(page, "the password page")
    page.get_by_label("Nuværende adgangskode").fill(FIRST_PASSWORD)
    page.get_by_label("Ny adgangskode").fill(OWN_PASSWORD)
    page.get_by_label("Gentag den nye adgangskode").fill("noget-andet-helt-8")
    page.get_by_role("button", name="Skift adgangskode").click()
    expect(page.get_by_role("alert")).to_contain_text("ikke ens")
    assert_accessible(page, "the password page with an error")
    page.get_by_label("Nuværende adgangskode").fill(FIRST_PASSWORD)
    page.get_by_label("Ny adgangskode").fill(OWN_PASSWORD)
    page.get_by_label("Gentag den nye adgangskode").fill(OWN_PASSWORD)
    page.get_by_role("button", name="Skift adgangskode").click()
    expect(page.get_by_role("status")).to_contain_text("Din adgangskode er skiftet.")
    page.context.clear_cookies()

    # Now HR approves, and Nora is HR.
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/users/requests/")
    page.get_by_role("button", name="Godkend anmodningen for nora").click()
    expect(page.get_by_role("status")).to_contain_text("»nora« har nu rollen HR")
    expect(page.get_by_text("Der er ingen anmodninger, der venter.")).to_be_visible()
    page.context.clear_cookies()

    # The DPO finds every step in the log.
    login(page, live_server, "dpo")
    page.goto(f"{live_server.url}/privacy/audit/?username=nora")
    table = page.get_by_role("table", name="Logposter, nyeste først")
    expect(table).to_contain_text("Brugerkonto nora")
    expect(table).to_contain_text("godkendt")
    expect(table).to_contain_text("anmodet, afventer godkendelse")
    expect(table).to_contain_text("konto oprettet")
    assert_accessible(page, "the audit log with role changes")


def test_the_admin_log_in_is_charlies_and_the_admin_keeps_its_tables(page, live_server, users):
    page.goto(f"{live_server.url}/admin/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/admin/")
    page.get_by_label("Brugernavn").fill("test-admin")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    page.get_by_role("button", name="Log ind").click()
    page.wait_for_url(f"{live_server.url}/admin/")
    expect(page.get_by_role("link", name="Stillingskategorier")).to_be_visible()
    expect(page.get_by_role("link", name="Brugere", exact=True)).to_have_count(0)
