"""The APV and action plans in the browser (issue 16, points 4 and 5): the manager takes an APV
for Plejecenter Nord through its four steps to completion and the next APV's day; an employee
reads the written APV and the plan on a phone (375 px) and, as the owner of an action, sets its
status; and a sweep opens every page of the part with axe-core (the employees' pages also at
375 px). ``PAGES`` and ``NOT_PAGES`` name every URL of the part:
``charlie/wellbeing/tests/test_apv_pages.py`` (no browser) fails when one is in neither."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.urls import resolve, reverse
from django.utils import timezone
from playwright.sync_api import expect

from charlie.wellbeing.models import ActionStatus, ApvStep, SurveyStatus, WalkthroughStatus
from charlie.wellbeing.tests.factories import (
    ActionFactory,
    ApvFactory,
    ApvProblemFactory,
    SurveyFactory,
    WalkthroughItemFactory,
)
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E


def _at_phone_width(page: Any, where: str) -> None:
    page.set_viewport_size(PHONE)
    assert _sticking_out(page) == [], f"{where} at 375 px"
    assert_accessible(page, f"{where} at 375 px")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_the_manager_takes_an_apv_through_the_four_steps(page, live_server, users, org):
    login(page, live_server, "manager")
    menu_link(page, "APV", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("APV: arbejdspladsvurdering")
    expect(page.get_by_role("table")).to_contain_text("Ingen APV")
    assert_accessible(page, "the APV overview")

    # Start: the unit first, then the form.
    page.get_by_role("link", name="Start en APV").click()
    page.get_by_label("Enhed").select_option(label="Plejecenter Nord")
    page.get_by_role("button", name="Videre").click()
    assert_accessible(page, "the new APV form")
    page.get_by_label("Deltagere").fill("Arbejdsmiljørepræsentant Hanne Holm")
    page.get_by_role("button", name="Start APV'en").click()

    # Step 1: mapping. Leaving it before it is done says what is missing.
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kortlægning")
    expect(page.locator("#sygefravaer ~ dl").first).to_contain_text("Periode")
    assert_accessible(page, "the mapping page")
    page.get_by_label("Vurdering af sygefraværet").fill(
        "Fraværet er lavt; intet peger på arbejdsmiljøet."
    )
    selects = page.locator("select[id$='-status']")
    for i in range(selects.count()):
        selects.nth(i).select_option("ok")
    page.get_by_label("Vurdering: Støj og akustik").select_option("problem")
    page.get_by_label("Bemærkning: Støj og akustik").fill("Larm i fællesrummet ved frokost")
    page.get_by_role("button", name="Gem kortlægningen").click()
    expect(page.get_by_role("status").first).to_contain_text("Kortlægningen er gemt")
    page.get_by_role("button", name=re.compile("Gå videre til")).click()

    # Step 2: the walkthrough's problem, the assessment.
    page.get_by_role("link", name="Rediger beskrivelse, vurdering og problemer").click()
    assert_accessible(page, "the assessment page")
    page.get_by_role("button", name="Lav problemer fra runderingen").click()
    expect(page.get_by_role("table")).to_contain_text("Støj og akustik")
    page.get_by_label("Beskrivelse og vurdering").fill("Støj er det største problem.")
    page.get_by_role("button", name="Gem beskrivelse og vurdering").click()
    page.get_by_role("button", name=re.compile("Gå videre til")).click()

    # Step 3: an action for the problem, owned by the employee.
    missing = page.get_by_role("note")
    expect(missing).to_contain_text("mindst én handling")
    page.get_by_role("link", name=re.compile("Lav en handling")).click()
    assert_accessible(page, "the new action form")
    page.locator("#id_action").fill("Lydabsorberende plader i loftet")
    page.get_by_label("Ansvarlig").select_option(label=users["employee"].get_full_name())
    page.get_by_role("button", name="Gem handlingen").click()
    expect(page.locator("#handlingsplan ~ div table").first).to_contain_text("Lydabsorberende")
    page.get_by_role("button", name=re.compile("Gå videre til")).click()

    # Step 4: follow-up, then complete.
    page.get_by_role("link", name="Rediger opfølgningen").click()
    assert_accessible(page, "the follow-up page")
    page.get_by_label("Retningslinjer for opfølgning").fill("AMR og leder følger op på MED.")
    page.get_by_role("button", name="Gem retningslinjerne").click()
    page.get_by_role("button", name="Afslut APV'en").click()
    due = (timezone.localdate()).replace(year=timezone.localdate().year + 3)
    expect(page.get_by_role("status").first).to_contain_text("Næste APV skal laves senest")
    expect(page.locator("dl").first).to_contain_text(str(due.year))
    assert_accessible(page, "the completed APV")

    # The overview now says when the next one is due.
    page.goto(f"{live_server.url}{reverse('wellbeing:apvs')}")
    expect(page.get_by_role("table")).to_contain_text("I orden")

    # The employee reads it on a phone and, as the action's owner, sets its status.
    page.context.clear_cookies()
    login(page, live_server, "employee")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{reverse('wellbeing:my_plan')}")
    expect(page.get_by_role("table")).to_contain_text("Lydabsorberende plader i loftet")
    page.get_by_role("link", name=re.compile("Læs »APV for Plejecenter Nord")).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("APV for Plejecenter Nord")
    expect(page.locator("main")).to_contain_text("Arbejdsmiljørepræsentant Hanne Holm")
    assert _sticking_out(page) == []
    assert_accessible(page, "the written APV at 375 px")
    page.set_viewport_size({"width": 1280, "height": 900})


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    path: Callable[[dict[str, Any]], str]
    #: An employee's page: also checked at phone width.
    phone: bool = False


def _url(name: str, query: str = "", **keys: str) -> Callable[[dict[str, Any]], str]:
    def build(data: dict[str, Any]) -> str:
        return reverse(name, kwargs={arg: data[key] for arg, key in keys.items()}) + query

    return build


PAGES: list[Page] = [
    Page("wellbeing:apvs", "hr", _url("wellbeing:apvs")),
    Page("wellbeing:apv_new", "manager", _url("wellbeing:apv_new")),
    Page(  # Nord has an APV under way (the page leads there): HR starts one for Syd
        "wellbeing:apv_new",
        "hr",
        lambda d: reverse("wellbeing:apv_new") + f"?enhed={d['syd']}",
    ),
    Page("wellbeing:apv", "manager", _url("wellbeing:apv", apv_id="open")),
    Page("wellbeing:apv", "manager", _url("wellbeing:apv", apv_id="done")),
    Page("wellbeing:apv_mapping", "manager", _url("wellbeing:apv_mapping", apv_id="open")),
    Page("wellbeing:apv_assessment", "manager", _url("wellbeing:apv_assessment", apv_id="open")),
    Page("wellbeing:apv_problem_new", "manager", _url("wellbeing:apv_problem_new", apv_id="open")),
    Page(
        "wellbeing:apv_problem",
        "manager",
        _url("wellbeing:apv_problem", apv_id="open", problem_id="problem"),
    ),
    Page("wellbeing:apv_follow_up", "manager", _url("wellbeing:apv_follow_up", apv_id="open")),
    Page("wellbeing:apv_next_due", "hr", _url("wellbeing:apv_next_due", apv_id="done")),
    Page("wellbeing:apv_written", "employee", _url("wellbeing:apv_written", apv_id="done"), True),
    Page("wellbeing:actions", "manager", _url("wellbeing:actions", "?status=all")),
    Page("wellbeing:action_new", "manager", _url("wellbeing:action_new")),
    Page(
        "wellbeing:action_new",
        "manager",
        lambda d: (
            reverse("wellbeing:action_new")
            + f"?enhed={d['nord']}&maaling={d['survey']}&kilde=Indflydelse"
        ),
    ),
    Page("wellbeing:action", "manager", _url("wellbeing:action", action_id="action")),
    Page("wellbeing:action", "employee", _url("wellbeing:action", action_id="action"), True),
    Page("wellbeing:my_plan", "employee", _url("wellbeing:my_plan"), True),
]

_POST_REDIRECTS = "a form's action: it redirects to the page the form is on, which is swept"
_POST_OR_PAGE = "a form's action: it redirects, or shows the swept mapping page with the errors"

#: URLs of the part that answer no page of their own, and why.
NOT_PAGES: dict[str, str] = {
    "wellbeing:apv_step": _POST_REDIRECTS,
    "wellbeing:apv_absence": _POST_REDIRECTS,
    "wellbeing:apv_item_new": _POST_OR_PAGE,
    "wellbeing:apv_item_remove": _POST_REDIRECTS,
    "wellbeing:apv_problems_from_walkthrough": _POST_REDIRECTS,
    "wellbeing:apv_problem_remove": _POST_REDIRECTS,
    "wellbeing:apv_pdf": "the written APV as a PDF file (checked in test_apv_views.py)",
}


def _data(org: Any, users: dict[str, Any]) -> dict[str, Any]:
    """One of everything the pages show, so that no page is swept empty."""
    today = timezone.localdate()
    survey = SurveyFactory(status=SurveyStatus.CLOSED)
    survey.units.add(org.aeldre)
    open_apv = ApvFactory(
        unit=org.nord, survey=survey, absence_period="2026-01-01/2026-12-31", started_on=today
    )
    WalkthroughItemFactory(apv=open_apv, text="Støj", status=WalkthroughStatus.PROBLEM)
    WalkthroughItemFactory(apv=open_apv, text="Lys")
    problem = ApvProblemFactory(apv=open_apv, title="Støj i fællesrummet")
    done = ApvFactory(
        unit=org.nord,
        title="APV Plejecenter Nord 2025",
        step=ApvStep.DONE,
        started_on=today - dt.timedelta(days=500),
        completed_on=today - dt.timedelta(days=400),
        next_due_on=today - dt.timedelta(days=400) + dt.timedelta(days=3 * 365),
        participants="AMR Hanne",
        absence_period="2024-01-01/2024-12-31",
        absence_percent="4.20",
        absence_days_per_fte="9.8",
        absence_note="Lavt.",
        assessment="Få problemer.",
        follow_up_guidelines="MED følger op.",
    )
    WalkthroughItemFactory(apv=done, text="Indeklima", status=WalkthroughStatus.OK)
    action = ActionFactory(
        unit=org.nord,
        apv=open_apv,
        problem_ref=problem,
        owner=users["employee"],
        deadline=today - dt.timedelta(days=2),
    )
    ActionFactory(
        unit=org.nord,
        apv=done,
        owner=users["manager"],
        status=ActionStatus.DONE,
        done_on=today - dt.timedelta(days=100),
    )
    ApvFactory(
        unit=org.skole,
        step=ApvStep.DONE,
        completed_on=today - dt.timedelta(days=1200),
        next_due_on=today - dt.timedelta(days=100),
        started_on=today - dt.timedelta(1300),
    )
    return {
        "nord": org.nord.pk,
        "syd": org.syd.pk,
        "survey": survey.pk,
        "open": open_apv.pk,
        "done": done.pk,
        "problem": problem.pk,
        "action": action.pk,
    }


def test_every_apv_page_passes_axe(page, live_server, users, org):
    data = _data(org, users)
    signed_in = None
    for visit in sorted(PAGES, key=lambda p: p.role):
        if visit.role != signed_in:
            page.context.clear_cookies()
            login(page, live_server, visit.role)
            signed_in = visit.role
        path = visit.path(data)
        response = page.goto(f"{live_server.url}{path}")
        where = f"{visit.name} ({path}) as {visit.role}"
        assert response is not None and response.status == 200, f"{where}: {response.status}"
        assert resolve(urlsplit(page.url).path).view_name == visit.name, page.url
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_accessible(page, where)
        if visit.phone:
            _at_phone_width(page, where)


def test_errors_are_summarised_and_linked_to_their_fields(page, live_server, users, org):
    data = _data(org, users)
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}{reverse('wellbeing:apv_next_due', args=[data['done']])}")
    page.get_by_label("Næste APV senest").fill("2099-01-01")
    page.get_by_role("button", name="Gem").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("3 år efter")
    assert_accessible(page, "the next-APV form with an error")
    summary.get_by_role("link").first.click()
    expect(page.get_by_label("Næste APV senest")).to_be_focused()


def test_the_owner_updates_an_action_on_a_phone(page, live_server, users, org):
    data = _data(org, users)
    login(page, live_server, "employee")
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{reverse('wellbeing:action', args=[data['action']])}")
    expect(page.locator("main")).to_contain_text("Overskredet")
    page.get_by_label("Status").select_option(label="Gennemført")
    page.get_by_label("Opfølgning").fill("Pladerne er sat op.")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("status").first).to_contain_text("Handlingen er gemt")
    expect(page.locator("main")).not_to_contain_text("Overskredet")
    assert _sticking_out(page) == []
    assert_accessible(page, "the owner's action page at 375 px")
