"""HR records "opsagt den" (the notice date, sygedagpengeloven § 7 a) on an employment from the
person page, at 375 px and at 200 % zoom; axe-core checks each state."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, login

pytestmark = E2E


def test_hr_records_a_notice_date(page, live_server, users, org):
    login(page, live_server, "hr")
    for width in (375, 640):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/people/{org.person_in_skole.pk}/")
        page.get_by_role("link", name="Registrér opsigelse").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Opsigelse")
        assert_accessible(page, f"Opsigelse at {width} px")
        assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    page.get_by_label("Opsagt den").fill("2099-01-01")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("alert")).to_contain_text("fremtiden")
    assert_accessible(page, "Opsigelse with an error")
    page.get_by_label("Opsagt den").fill("2025-09-15")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_text("Opsigelsen er gemt.")).to_be_visible()
    expect(page.get_by_role("cell", name="15. september 2025")).to_be_visible()
    assert_accessible(page, "Person page with a notice date")
