"""Mandatory training end to end (issue 14, point 4): HR makes a rule for Plejecenter Nord, the
manager opens "Obligatorisk uddannelse" and sees the overdue person in their unit, on a desktop
and on a phone (375 px); the employee sees it under "Min læring". axe-core checks every page."""

from __future__ import annotations

import datetime as dt

from playwright.sync_api import expect

from charlie.learning.tests.factories import CompletionFactory, CourseFactory
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E


def test_manager_sees_overdue_training(page, live_server, users, org):
    course = CourseFactory(title="Hygiejnekursus", valid_months=12)
    # Taken 2020-03-02, valid 12 months → to 2021-03-01: long overdue, whatever today is.
    CompletionFactory(person=org.person_in_nord, course=course, completed_on=dt.date(2020, 3, 2))

    login(page, live_server, "hr")
    page.goto(f"{live_server.url}/laering/krav/regler/ny/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Opret krav om uddannelse")
    assert_accessible(page, "the new rule form")
    page.locator("#id_name").fill("Hygiejnebevis")
    page.locator("#id_course").select_option(label="Hygiejnekursus")
    page.locator("#id_units").select_option(label="Plejecenter Nord")
    page.locator("#id_renew_months").fill("12")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Krav om uddannelse")
    expect(page.get_by_role("table")).to_contain_text("Hygiejnebevis")
    assert_accessible(page, "the rules")

    page.context.clear_cookies()
    login(page, live_server, "manager")
    menu_link(page, "Obligatorisk uddannelse").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Obligatorisk uddannelse")
    table = page.get_by_role("table", name="Medarbejdere og krav, overskredne først (1 i alt)")
    expect(table).to_contain_text(org.person_in_nord.full_name)
    expect(table).to_contain_text("Overskredet")
    expect(table).to_contain_text("1. marts 2021")
    expect(table).not_to_contain_text(org.person_in_syd.full_name)
    assert_accessible(page, "the compliance list")
    page.get_by_label("Status").select_option("overdue")
    page.get_by_role("button", name="Vis").click()
    expect(
        page.get_by_role("table", name="Medarbejdere og krav, overskredne først (1 i alt)")
    ).to_be_visible()

    page.set_viewport_size(PHONE)
    page.reload()
    assert _sticking_out(page) == []
    assert_accessible(page, "the compliance list at 375 px")

    page.set_viewport_size({"width": 1280, "height": 900})
    page.context.clear_cookies()
    login(page, live_server, "employee")
    menu_link(page, "Min læring").click()
    expect(page.get_by_role("heading", name="Obligatorisk uddannelse")).to_be_visible()
    expect(page.get_by_role("table", name="Obligatorisk uddannelse")).to_contain_text("Overskredet")
    assert_accessible(page, "'Min læring' with mandatory training")

    # The analyst reads the figures only: no names, small groups hidden.
    page.context.clear_cookies()
    login(page, live_server, "analyst")
    menu_link(page, "Obligatorisk uddannelse i tal").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Obligatorisk uddannelse i tal")
    expect(
        page.get_by_role("table", name="Medarbejdere omfattet af kravet, pr. enhed")
    ).to_be_visible()
    expect(page.get_by_text(org.person_in_nord.full_name)).to_have_count(0)
    assert_accessible(page, "the compliance figures")
