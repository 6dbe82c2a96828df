"""The strict Content-Security-Policy holds in a real browser, and log-in locks after five
failures."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import E2E, PASSWORD, login

pytestmark = E2E


def test_pages_load_their_assets_and_break_no_csp_rule(page, live_server, users, org, browser_log):
    """DKFDS (CSS, fonts, JS) and htmx load under the CSP; no page logs a CSP violation."""
    response = page.goto(f"{live_server.url}/login/")
    csp = response.headers["content-security-policy"]
    assert "'nonce-" in csp
    assert "unsafe-eval" not in csp
    assert "unsafe-inline" not in csp

    login(page, live_server, "hr")
    for path in [
        "/",
        "/people/organisation/",
        f"/people/{org.person_in_skole.pk}/",
        "/tilgaengelighed/",
        "/tokens/",
        "/people/",
    ]:
        response = page.goto(f"{live_server.url}{path}")
        assert response.status == 200, path
    # The last page, the people search, swaps its results in with htmx.
    page.get_by_label("Søg på navn eller medarbejdernummer").fill(org.person_in_skole.last_name)
    page.get_by_role("button", name="Søg").click()
    expect(page.locator("#search-results")).to_contain_text(
        f"{org.person_in_skole.last_name}, {org.person_in_skole.first_name}"
    )

    # DKFDS's stylesheet, font and script and htmx all loaded from /static/.
    assert page.evaluate("() => document.fonts.check('16px \"IBM Plex Sans\"')")
    assert "IBM Plex Sans" in page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert page.evaluate("() => typeof window.DKFDS") == "object"
    assert page.evaluate("() => window.htmx.config.allowEval") is False
    static_failures = [url for status, url in browser_log.failed_responses if "/static/" in url]
    assert not static_failures, static_failures
    assert not browser_log.csp_violations, browser_log.csp_violations
    assert not browser_log.errors, browser_log.errors


def test_log_in_locks_after_five_failures_even_for_the_right_password(page, live_server, users):
    page.goto(f"{live_server.url}/login/")
    alert = page.get_by_role("alert")
    for attempt in range(1, 6):
        page.get_by_label("Brugernavn").fill("test-hr")
        page.get_by_label("Adgangskode").fill(f"forkert-{attempt}")
        with page.expect_navigation():  # the old page's alert must not answer for the new one
            page.get_by_role("button", name="Log ind").click()
        if attempt < 5:
            expect(alert).to_contain_text("Forkert brugernavn eller adgangskode")
    # The fifth failure locks the account, and the answer says so.
    expect(alert).to_contain_text("For mange mislykkede forsøg")

    page.get_by_label("Brugernavn").fill("test-hr")
    page.get_by_label("Adgangskode").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()
    expect(alert).to_contain_text("For mange mislykkede forsøg. Kontoen er låst til kl.")
    expect(page).to_have_url(f"{live_server.url}/login/")
    page.goto(f"{live_server.url}/")
    expect(page).to_have_url(f"{live_server.url}/login/?next=/")
