""" "Mine data" end to end: the employee asks for a correction, HR handles it from the task list,
and the employee sees the answer; the PDF download works. axe-core checks every page."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, login, menu_link

pytestmark = E2E

MESSAGE = "Mit telefonnummer er forkert. Det rigtige er 12 34 56 78."


def test_request_correction_and_hr_handles_it(page, live_server, users, org):
    login(page, live_server, "employee")
    menu_link(page, "Mine data").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mine data")
    expect(page.get_by_role("heading", level=2, name="Fravær", exact=True)).to_be_visible()
    expect(page.get_by_text("Du har ikke bedt om at få rettet noget.")).to_be_visible()
    assert_accessible(page, "'Mine data' with the correction form")

    # The PDF link works: fetched with the page's cookies.
    pdf_link = page.get_by_role("link", name="Hent mine data som PDF")
    expect(pdf_link).to_be_visible()
    pdf = page.request.get(f"{live_server.url}{pdf_link.get_attribute('href')}")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")

    # Sending without a message shows the error at the field.
    page.get_by_label("Hvilke oplysninger drejer det sig om?").select_option(label="Stamdata")
    page.get_by_role("button", name="Send anmodning til HR").click()
    message = page.get_by_label("Hvad er forkert, og hvad er det rigtige?")
    expect(message).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_role("alert")).to_contain_text("Anmodningen blev ikke sendt")
    assert_accessible(page, "'Mine data' with an error in the correction form")

    message.fill(MESSAGE)
    page.get_by_role("button", name="Send anmodning til HR").click()
    expect(page.get_by_role("status")).to_contain_text("Din anmodning om rettelse er sendt til HR")
    requests = page.get_by_role("table", name="Mine anmodninger om rettelse, nyeste først")
    expect(requests).to_contain_text(MESSAGE)
    expect(requests).to_contain_text("Åben")
    assert_accessible(page, "'Mine data' after sending a request")

    # HR sees it on the task list, with the open count in the menu.
    page.context.clear_cookies()
    login(page, live_server, "hr")
    menu_link(page, "Rettelser (1 åben)").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmodninger om rettelse")
    tasks = page.get_by_role("table", name="Anmodninger om rettelse, åbne først")
    expect(tasks).to_contain_text(org.person_in_nord.employee_number)
    expect(tasks).to_contain_text("Stamdata")
    assert_accessible(page, "HR's list of requests for correction")

    tasks.get_by_role("link", name=org.person_in_nord.full_name).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmodning om rettelse")
    expect(page.get_by_text(MESSAGE)).to_be_visible()
    assert_accessible(page, "a request for correction")

    # Rejecting without a response is refused with a clear message.
    page.get_by_label("Afvist – oplysningerne rettes ikke").check()
    page.get_by_role("button", name="Gem afgørelsen").click()
    expect(page.get_by_role("alert")).to_contain_text("Skriv et svar til medarbejderen")
    assert_accessible(page, "a request for correction with an error")

    page.get_by_label("Rettet – oplysningerne er rettet").check()
    page.get_by_label("Svar til medarbejderen").fill("Rettet i lønsystemet.")
    page.get_by_role("button", name="Gem afgørelsen").click()
    expect(page.get_by_role("status")).to_contain_text("»Rettet«")
    expect(menu_link(page, "Rettelser", exact=True)).to_be_visible()

    # The employee sees the status and HR's response.
    page.context.clear_cookies()
    login(page, live_server, "employee")
    page.goto(f"{live_server.url}/privacy/mine-data/")
    requests = page.get_by_role("table", name="Mine anmodninger om rettelse, nyeste først")
    expect(requests).to_contain_text("Rettet")
    expect(requests).to_contain_text("Rettet i lønsystemet.")
    assert_accessible(page, "'Mine data' with a handled request")
