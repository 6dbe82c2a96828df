"""Managers' follow-up tasks in the browser: the list, a task with a note, "Udført", the
calendar link, and HR's policy page. axe-core checks every page."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.e2e.helpers import E2E, assert_accessible, login, main_menu

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
    main_menu(page).get_by_role("link", name="Opfølgning").click()
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
    main_menu(page).get_by_role("link", name="Opfølgning").click()
    page.get_by_role("link", name="Se og ret den lokale fraværspolitik").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Lokal fraværspolitik")
    page.get_by_role("button", name="Gem ny version").click()
    expect(page.get_by_role("alert")).to_contain_text("Versionen blev ikke gemt")
    assert_accessible(page, "the policy page with an error")
