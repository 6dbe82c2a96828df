"""Managers' follow-up tasks in the browser: the list, a task with a note, "Udført", the
calendar link, and HR's policy page. axe-core checks every page."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, login, menu_link

pytestmark = E2E


def test_manager_follows_up(page, live_server, users, org):
    from charlie.absence.models import AbsencePeriod
    from charlie.absence.services import refresh_tasks

    today = timezone.localdate()
    AbsencePeriod.objects.create(
        person=org.person_in_nord, absence_type="sickness", start_date=today - timedelta(days=4)
    )
    refresh_tasks(today)

    login(page, live_server, "manager")
    menu_link(page, "Opfølgning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Opfølgning på sygefravær")
    table = page.get_by_role("table", name="Åbne opgaver, efter frist")
    expect(table).to_contain_text("Kontakt på 1. sygedag")
    expect(table).to_contain_text("Sygefraværssamtale")
    expect(table).to_contain_text("Overskredet 4 dage")
    assert_accessible(page, "the task list")

    table.get_by_role("link", name="Sygefraværssamtale", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sygefraværssamtale")
    expect(page.get_by_text("Skriv aldrig diagnoser eller årsager til sygdom")).to_be_visible()
    page.get_by_label("Nyt notat").fill("Samtale aftalt til mandag kl. 10.")
    page.get_by_role("button", name="Gem notat").click()
    expect(page.get_by_role("status")).to_contain_text("Notatet er gemt")
    expect(page.get_by_text("Samtale aftalt til mandag kl. 10.")).to_be_visible()
    assert_accessible(page, "a task with a note")

    page.get_by_role("button", name="Udført").click()
    expect(page.get_by_role("status")).to_contain_text("Opgaven er markeret som udført")
    assert_accessible(page, "a finished task")

    page.get_by_role("link", name="Tilbage til opfølgning").click()
    page.get_by_role("button", name="Lav nyt link").click()
    link = page.get_by_label("Kalenderlink")
    feed_url = link.input_value()
    assert "/absence/opgaver.ics?token=charlie_" in feed_url
    assert_accessible(page, "the task list with a new calendar link")
    page.context.clear_cookies()
    calendar = page.request.get(feed_url)
    assert calendar.status == 200
    assert "BEGIN:VEVENT" in calendar.text()


def test_hr_policy_page(page, live_server, users, org):
    login(page, live_server, "hr")
    menu_link(page, "Opfølgning").click()
    page.get_by_role("link", name="Se og ret den lokale fraværspolitik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokal fraværspolitik")
    page.get_by_role("button", name="Gem ny version").click()
    expect(page.get_by_role("alert")).to_contain_text("Versionen blev ikke gemt")
    assert_accessible(page, "the policy page with an error")


def _many_tasks(org, n=60):
    """``n`` open tasks in Plejecenter Nord and Syd, some overdue; returns today."""
    from charlie.absence.tests.factories import FollowUpTaskFactory

    today = timezone.localdate()
    for i in range(n):
        unit, person = (org.nord, org.person_in_nord) if i % 2 else (org.syd, org.person_in_syd)
        FollowUpTaskFactory(
            person=person,
            org_unit=unit,
            code=f"dialogue_{i}" if i > 1 else "contact_day_1",
            first_day=today - timedelta(days=40 + i),
            due=today + timedelta(days=i - 10),
        )
    return today


def test_hr_filters_the_list_to_one_units_overdue_tasks(page, live_server, users, org):
    """Done when: HR filters the task list to one unit's overdue tasks."""
    _many_tasks(org)
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/absence/opgaver/")
    expect(page.get_by_role("status").first).to_contain_text("Viser 1–25 af 60 opgaver.")
    page.get_by_label("Enhed (med underenheder)").select_option(label="Plejecenter Nord")
    page.get_by_role("button", name="Vis opgaver").click()
    page.get_by_role("link", name="Overskredet frist (5)").click()
    expect(page.get_by_text("Viser 1–5 af 5 opgaver.")).to_be_visible()
    rows = page.get_by_role("table", name="Åbne opgaver, efter frist").locator("tbody tr")
    expect(rows).to_have_count(5)
    for i in range(5):
        expect(rows.nth(i)).to_contain_text("Plejecenter Nord")
        expect(rows.nth(i)).to_contain_text("Overskredet")
    assert_accessible(page, "the task list filtered to one unit's overdue tasks")


def _reachable_at(page, live_server, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"{live_server.url}/absence/opgaver/")
    # The page itself never scrolls sideways: the table scrolls in its own box.
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    box = page.locator(".charlie-table-scroll")
    assert box.evaluate(
        "(el) => el.scrollWidth > el.clientWidth || el.scrollWidth <= el.clientWidth"
    )
    button = page.get_by_role("button", name="Udført").first
    button.scroll_into_view_if_needed()
    expect(button).to_be_in_viewport()
    assert_accessible(page, f"the task list at {width} px")
    button.click()
    expect(page.get_by_role("status").first).to_contain_text("Opgaven er markeret som udført")


def test_done_is_reachable_on_a_phone(page, live_server, users, org):
    """At 375 px the table scrolls inside its own box and "Udført" can be reached and used."""
    _many_tasks(org, n=3)
    login(page, live_server, "manager")
    _reachable_at(page, live_server, 375)


def test_the_list_at_200_percent_zoom(page, live_server, users, org):
    """1280 px at 200 % is 640 CSS pixels."""
    _many_tasks(org, n=3)
    login(page, live_server, "hr")
    _reachable_at(page, live_server, 640)
