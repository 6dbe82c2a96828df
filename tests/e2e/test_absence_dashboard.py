"""Fraværsstatistik in a browser: HR and a manager open it from the menu, change the filters and
see the chart and its table; axe-core checks every state."""

from __future__ import annotations

from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, login, main_menu, menu_link

pytestmark = E2E


def test_hr_filters_the_dashboard_and_sees_chart_and_table(page, live_server, users, org):
    login(page, live_server, "hr")
    menu_link(page, "Fraværsstatistik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fraværsstatistik")
    expect(
        page.get_by_role("img", name="Sygedage pr. årsværk efter stillingskategori")
    ).to_be_visible()
    table = page.get_by_role("table", name="Sygefravær efter stillingskategori")
    # One KRL year on the whole page (issue 12): the newest, 2023, in the summary and the table.
    expect(table).to_contain_text("KRL 2023, sygedage pr. årsværk")
    expect(page.get_by_text("KRL (Kommunernes og Regionernes Løndatakontor), 2023")).to_be_visible()
    expect(page.get_by_text("KRL 2019")).to_have_count(0)
    # The four causes apart, over the same denominator.
    causes = page.get_by_role("table", name="Fravær efter årsag, som Danmarks Statistik opgør det")
    for cause in ("Egen sygdom", "Arbejdsskade", "Børns sygdom", "Barsel"):
        expect(causes).to_contain_text(cause)
    year = page.get_by_label("År", exact=True).input_value()
    expect(page.get_by_role("link", name="Hent som Excel")).to_have_attribute(
        "href", f"/absence/statistik.xlsx?year={year}&by=job_family&long=28&krl=2023&levels=3"
    )
    assert_accessible(page, "Fraværsstatistik by job family")

    page.get_by_label("Opdel efter").select_option(label="Måned")
    page.get_by_role("button", name="Vis statistik").click()
    expect(page.get_by_role("table", name="Sygefravær efter måned")).to_be_visible()
    expect(page.get_by_role("img", name="Sygedage pr. årsværk efter måned")).to_be_visible()
    assert_accessible(page, "Fraværsstatistik by month")

    page.get_by_label("Opdel efter").select_option(label="Enhed")
    page.get_by_role("button", name="Vis statistik").click()
    expect(page.get_by_role("table", name="Sygefravær efter enhed")).to_contain_text("skjult")
    assert_accessible(page, "Fraværsstatistik by unit")

    # Only a from date: the error says how to fix it, and the page stays accessible.
    page.get_by_label("Fra dato").fill("2025-03-01")
    page.get_by_role("button", name="Vis statistik").click()
    expect(page.get_by_role("alert")).to_contain_text("Udfyld både fra og til dato")
    assert_accessible(page, "Fraværsstatistik with an error")


def test_the_dashboard_on_a_phone_and_at_200_percent_zoom(page, live_server, users, org):
    """375 px (a phone) and 640 CSS px (1280 px at 200 %): axe finds nothing, and the one KRL
    year is stated. (That the wide table scrolls in its own box instead of the page is issue
    12, point 5: the page-layout work checks it for every page.)"""
    login(page, live_server, "hr")
    for width in (375, 640):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(f"{live_server.url}/absence/statistik/?by=job_family&krl=2019")
        expect(
            page.get_by_text("KRL (Kommunernes og Regionernes Løndatakontor), 2019")
        ).to_be_visible()
        assert_accessible(page, f"Fraværsstatistik at {width} px")


def test_a_manager_has_the_dashboard_an_employee_does_not(page, live_server, users, org):
    login(page, live_server, "manager")
    menu_link(page, "Fraværsstatistik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fraværsstatistik")
    expect(page.get_by_text("de enheder, du er leder for")).to_be_visible()
    assert_accessible(page, "Fraværsstatistik as a manager")
    page.get_by_role("button", name="Log af").click()
    login(page, live_server, "employee")
    expect(
        main_menu(page).get_by_role("link", name="Fraværsstatistik", include_hidden=True)
    ).to_have_count(0)
