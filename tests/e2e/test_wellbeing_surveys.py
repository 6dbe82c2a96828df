"""Surveys in the browser (issue 16, points 2 and 6): HR launches a survey through the preview
that refuses a band split below the threshold until HR agrees to leave it out; an employee
answers on a phone (375 px) by the link from the e-mail, is told what is missing, skips a
question and gets the thank-you page; a used link and a closed survey get clear pages. Every
page of the part is opened with axe-core (``PAGES``; the public ones at 375 px too)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from charlie.core.roles import Role
from charlie.people.services import operator_access
from charlie.wellbeing.models import Answer, Invitation, PulseSeries, Response, Survey
from charlie.wellbeing.services import surveys
from charlie.wellbeing.tests.factories import (
    draft_survey,
    launched_survey,
    link_of,
    staff,
    survey_version,
)
from tests.e2e.helpers import E2E, assert_accessible, login

pytestmark = E2E

PHONE = {"width": 375, "height": 800}
DESKTOP = {"width": 1280, "height": 900}
HR = operator_access(Role.HR, channel="cli")


def _fits(page: Any) -> None:
    """Nothing is wider than the screen: no sideways scrolling at phone width."""
    width = page.evaluate("() => document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"the page is {width} px wide"


@dataclass(frozen=True)
class Page:
    """A page to open: its URL name, who opens it (None: the public), and its address."""

    name: str
    role: str | None
    path: Callable[[dict[str, Any]], str]


def _url(name: str, **keys: str) -> Callable[[dict[str, Any]], str]:
    return lambda d: reverse(name, kwargs={arg: d[key] for arg, key in keys.items()})


#: Every page of the surveys part (the POST-only URLs redirect to one of these).
PAGES = [
    Page("wellbeing:surveys", "hr", _url("wellbeing:surveys")),
    Page("wellbeing:survey_new", "hr", _url("wellbeing:survey_new")),
    Page("wellbeing:survey", "hr", _url("wellbeing:survey", survey_id="draft")),
    Page("wellbeing:survey", "hr", _url("wellbeing:survey", survey_id="open")),
    Page("wellbeing:survey", "hr", _url("wellbeing:survey", survey_id="closed")),
    Page("wellbeing:survey_edit", "hr", _url("wellbeing:survey_edit", survey_id="draft")),
    Page("wellbeing:survey_launch", "hr", _url("wellbeing:survey_launch", survey_id="draft")),
    Page(
        "wellbeing:survey_invitations", "hr", _url("wellbeing:survey_invitations", survey_id="open")
    ),
    Page("wellbeing:pulse_series_list", "hr", _url("wellbeing:pulse_series_list")),
    Page("wellbeing:pulse_series_new", "hr", _url("wellbeing:pulse_series_new")),
    Page("wellbeing:answer", None, _url("wellbeing:answer", token="link")),
    Page("wellbeing:answer", None, _url("wellbeing:answer", token="used_link")),
    Page("wellbeing:answer", None, _url("wellbeing:answer", token="closed_link")),
    Page("wellbeing:answer_thanks", None, _url("wellbeing:answer_thanks", survey_id="open")),
]


def _data(org: Any) -> dict[str, Any]:
    staff(org.nord, 8, birth=dt.date(1990, 1, 1))
    staff(org.syd, 6)
    draft = draft_survey([org.nord], bands=["age"], name="Trivselsmåling 2027 (kladde)")
    opened = launched_survey([org.nord, org.syd], name="Trivselsmåling 2027")
    invitations = list(Invitation.objects.filter(survey=opened).order_by("pk"))
    used = link_of(invitations[1])
    from charlie.wellbeing.services import answering

    answering.submit(used, lambda f: ["3"] if f == "q-influence" else [])
    closed = launched_survey([org.syd], name="Trivselsmåling 2026")
    closed_link = link_of(Invitation.objects.filter(survey=closed).first())
    surveys.close(HR, closed.pk)
    series = PulseSeries.objects.create(
        name="Månedspuls", version=survey_version(), next_on=timezone.localdate()
    )
    series.units.set([org.nord])
    return {
        "draft": draft.pk,
        "open": opened.pk,
        "closed": closed.pk,
        "link": link_of(invitations[0]),
        "used_link": used,
        "closed_link": closed_link,
    }


def test_every_surveys_page_passes_axe(page, live_server, users, org):
    data = _data(org)
    signed_in: str | None = "nobody"
    for visit in sorted(PAGES, key=lambda p: p.role or ""):
        if visit.role != signed_in:
            page.context.clear_cookies()
            if visit.role is not None:
                login(page, live_server, visit.role)
            signed_in = visit.role
        path = visit.path(data)
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, (
            f"{path}: {response and response.status}"
        )
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_accessible(page, f"{visit.name} ({path})")
        if visit.role is None:
            page.set_viewport_size(PHONE)
            _fits(page)
            assert_accessible(page, f"{visit.name} ({path}) at 375 px")
            page.set_viewport_size(DESKTOP)


#: The surveys part's URLs that are a form's action (they redirect to a swept page); the check
#: that every other URL of the part is in ``PAGES`` is ``tests/test_page_sweeps.py`` (no browser).
SURVEY_ACTIONS = {
    "wellbeing:survey_delete",
    "wellbeing:survey_close",
    "wellbeing:invitation_send_again",
    "wellbeing:pulse_series_pause",
}


def test_hr_launches_through_the_preview_that_refuses_a_small_band(page, live_server, users, org):
    staff(org.nord, 8, birth=dt.date(1990, 1, 1))  # 30–39; the fixture's one is 40–49
    survey = draft_survey([org.nord], bands=["age"], name="Trivselsmåling 2027")
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}{reverse('wellbeing:survey', args=[survey.pk])}")
    page.get_by_role("link", name="Se og send ud").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Send ud")
    expect(page.get_by_role("heading", name="Sådan beskytter Charlie svarene")).to_be_visible()
    table = page.get_by_role("table", name="Baggrundsoplysninger, der udelades")
    expect(table).to_contain_text("40–49 år")
    # Without consent: refused, with the reason in the error summary.
    page.get_by_role("button", name="Send målingen ud nu").click()
    expect(page.get_by_role("alert")).to_contain_text("Målingen blev ikke sendt ud")
    assert_accessible(page, "the launch preview with its error")
    assert not Invitation.objects.exists()
    page.get_by_label(re.compile("Udelad baggrundsoplysningerne")).check()
    page.get_by_role("button", name="Send målingen ud nu").click()
    expect(page.get_by_role("status")).to_contain_text("Målingen er sendt ud: 9 er inviteret")
    survey.refresh_from_db()
    assert survey.status == "open"
    assert_accessible(page, "the open survey")


def test_an_employee_answers_on_a_phone(page, live_server, org):
    staff(org.nord, 6)
    survey = launched_survey([org.nord], name="Trivselsmåling 2027")
    assert surveys.send_invitations() == 6
    link = re.search(r"https?://\S+/trivsel/svar/\S+/|/trivsel/svar/\S+/", mail.outbox[0].body)
    assert link is not None
    path = "/trivsel/svar/" + link.group(0).split("/trivsel/svar/")[1]
    page.set_viewport_size(PHONE)
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Trivselsmåling 2027")
    expect(page.get_by_text("Dine svar er anonyme")).to_be_visible()
    _fits(page)
    assert_accessible(page, "the answering page at 375 px")

    # A required question left out, a number too large: told, beside each question.
    page.get_by_role("group", name="Har du for meget at lave?").get_by_label("Delvist").check()
    page.get_by_label("Hvor mange timer arbejdede du over sidste måned?").fill("99")
    page.get_by_role("button", name="Send svar").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("Dine svar blev ikke sendt")
    expect(summary.get_by_role("link")).to_have_count(2)
    assert_accessible(page, "the answering page with errors at 375 px")
    _fits(page)
    summary.get_by_role("link").first.click()
    expect(page.locator("#q-influence-0")).to_be_focused()

    # Answered; "Spring over" on the sensitive question; a comment.
    influence = page.get_by_role("group", name=re.compile("Har du indflydelse"))
    influence.get_by_label("I høj grad").check()
    page.get_by_label("Hvor mange timer arbejdede du over sidste måned?").fill("4")
    page.get_by_role("group", name="Hvordan får du besked om ændringer?").get_by_label(
        "E-mail"
    ).check()
    page.get_by_role("group", name=re.compile("mobning")).get_by_label("Spring over").check()
    page.get_by_label("Er der andet, du vil fortælle om dit arbejdsmiljø?").fill(
        "Mere tid til sparring."
    )
    page.get_by_role("button", name="Send svar").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Tak for dine svar")
    assert_accessible(page, "the thank-you page at 375 px")
    _fits(page)
    response = Response.objects.get(survey=survey)
    codes = sorted(
        Answer.objects.filter(response=response).values_list("question__code", flat=True)
    )
    assert codes == ["channels", "influence", "overtime", "workload"]

    # The link again: a clear page, no error.
    page.goto(f"{live_server.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Linket er brugt")
    assert Survey.objects.get(pk=survey.pk).status == "open"
