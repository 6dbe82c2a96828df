"""Onboarding after the start, in the browser with axe-core: the manager moves a plan's first
working day from the plan page (the open tasks move, the done ones stay), the new colleague ticks
off their own task on the pre-boarding page on a phone (375 px) while the others' tasks stay
read-only, and the DPO finds the onboarding plans' retention rule and approves its batch."""

from __future__ import annotations

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from charlie.core import tokens
from charlie.recruitment.models import OnboardingPlan, OnboardingTask
from charlie.recruitment.tests.factories import OnboardingPlanFactory, OnboardingTaskFactory
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E


def test_the_manager_moves_the_first_working_day(page, live_server, users, org):
    start = timezone.localdate() + dt.timedelta(days=20)
    plan = OnboardingPlanFactory(
        name="Sara Holm", unit=org.nord, manager=users["manager"], start_on=start
    )
    OnboardingTaskFactory(
        plan=plan, title="IT-adgang", owner="it", phase="before", due_on=start - dt.timedelta(7)
    )
    OnboardingTaskFactory(
        plan=plan,
        title="Arbejdstøj bestilt",
        owner="manager",
        phase="before",
        due_on=start - dt.timedelta(10),
        done_at=timezone.now(),
    )
    login(page, live_server, "manager")
    menu_link(page, "Introduktionsforløb").click()
    page.get_by_role("link", name="Sara Holm").click()
    page.get_by_role("link", name="Ret første arbejdsdag, leder, mentor eller velkomst").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ret introduktionsforløb: Sara Holm")
    assert_accessible(page, "the plan's edit form")

    page.get_by_label("Første arbejdsdag").fill("")
    page.get_by_role("button", name="Gem ændringerne").click()
    expect(page.get_by_role("alert")).to_contain_text("Forløbet blev ikke gemt")
    assert_accessible(page, "the edit form with an error")

    new_start = start + dt.timedelta(days=14)
    page.get_by_label("Første arbejdsdag").fill(new_start.isoformat())
    page.get_by_label("Mentor").fill("Mona Mentor")
    page.get_by_role("button", name="Gem ændringerne").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Introduktion: Sara Holm")
    expect(page.get_by_role("status").first).to_contain_text("fristen er flyttet for 1 åben opgave")
    assert_accessible(page, "the plan page after the move")
    assert OnboardingTask.objects.get(title="IT-adgang").due_on == new_start - dt.timedelta(7)
    assert OnboardingTask.objects.get(title="Arbejdstøj bestilt").due_on == start - dt.timedelta(10)
    plan.refresh_from_db()
    assert (plan.start_on, plan.mentor_name) == (new_start, "Mona Mentor")


def test_the_new_colleague_ticks_off_their_own_task_on_a_phone(page, live_server, users, org):
    token = tokens.generate_token()
    start = timezone.localdate() + dt.timedelta(days=7)
    plan = OnboardingPlanFactory(
        name="Sara Holm", unit=org.nord, start_on=start, token_hash=token.key_hash
    )
    own = OnboardingTaskFactory(
        plan=plan, title="Tag sygesikringskort med", owner="newcomer", due_on=start
    )
    OnboardingTaskFactory(plan=plan, title="IT-adgang", owner="it", due_on=start)
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}/job/velkommen/{token.plain}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Velkommen, Sara Holm")
    others = page.get_by_role("list").filter(has_text="IT-adgang")
    expect(others).to_contain_text("ansvarlig: IT")
    expect(others.get_by_role("button")).to_have_count(0)  # read-only
    assert _sticking_out(page) == []
    assert_accessible(page, "the pre-boarding page with tasks at 375 px")

    page.get_by_role("button", name=re.compile("Markér som udført.*sygesikringskort")).click()
    expect(page.get_by_role("status")).to_contain_text("er markeret som udført")
    expect(page.get_by_role("button", name=re.compile("Fortryd.*sygesikringskort"))).to_be_visible()
    assert _sticking_out(page) == []
    assert_accessible(page, "the pre-boarding page after the tick at 375 px")
    own.refresh_from_db()
    assert own.done_at is not None

    # The manager sees it done on the plan page.
    page.set_viewport_size({"width": 1280, "height": 900})
    login(page, live_server, "manager")
    page.goto(f"{live_server.url}/rekruttering/introduktion/{plan.pk}/")
    expect(page.locator(f"#opgave-{own.pk}")).to_contain_text("Udført")


def test_the_dpo_approves_deleting_onboarding_plans_a_year_after_they_ended(
    page, live_server, users, org
):
    start = timezone.localdate() - dt.timedelta(days=90 + 400)
    old = OnboardingPlanFactory(name="Gammel Kollega", unit=org.nord, start_on=start)
    OnboardingTaskFactory(plan=old, due_on=start)
    recent = OnboardingPlanFactory(name="Ny Kollega", unit=org.nord)
    login(page, live_server, "dpo")
    menu_link(page, "Opbevaring og sletning").click()
    rules = page.get_by_role("table", name="Regler for opbevaring med kommunens perioder")
    expect(rules).to_contain_text("Introduktion: forløb, opgaver og svar på opfølgningen")
    expect(rules).to_contain_text("12 måneder")
    page.get_by_role("button", name="Lav forslag nu").click()
    label = "Introduktion: forløb, opgaver og svar på opfølgningen"
    page.get_by_role("link", name=f"Godkend eller afvis »{label}«").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Forslag: {label}")
    expect(page.get_by_text("Gammel Kollega")).to_have_count(0)  # counts, never names
    assert_accessible(page, "the onboarding plans' proposed batch")
    page.get_by_label("Jeg har sikret mig, at kassationen er tilladt").check()
    page.get_by_role("button", name="Godkend og behandl 1 element").click()
    expect(page.get_by_role("status")).to_contain_text("godkendt og gennemført")
    assert list(OnboardingPlan.objects.values_list("pk", flat=True)) == [recent.pk]
