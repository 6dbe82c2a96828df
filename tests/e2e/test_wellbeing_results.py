"""The results of a survey in the browser (issue 16, points 3 and 6; "Done when": a manager sees
their unit's results with small groups suppressed and a harassment question hidden below 20,
and turns results into actions).

The story: HR approves a comment with the identifying detail edited out; the manager finds
"Trivselsresultater" in the menu, opens the survey, sees Plejecenter Nord's figures beside the
whole survey's with the harassment question hidden, reads the approved comment, and follows
"Lav en handling" to the APV part's new action with the unit, the survey and the source filled
in. A sweep then opens every page of the results part with axe-core, at 1280 and 375 px
(``PAGES``; ``NOT_PAGES`` names the URLs that answer a file). ``charlie/wellbeing/tests/
test_results_pages.py`` fails when a URL of the part is in neither.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.urls import resolve, reverse
from playwright.sync_api import expect

from charlie.wellbeing.models import Comment, PulseSeries, SurveyStatus
from charlie.wellbeing.tests.factories import (
    add_response,
    closed_survey,
    results_story,
    results_version,
)
from tests.e2e.helpers import E2E, assert_accessible, login, menu_link
from tests.e2e.test_small_screens import PHONE, _sticking_out

pytestmark = E2E

DESKTOP = {"width": 1280, "height": 900}


@dataclass(frozen=True)
class Page:
    name: str
    role: str
    path: Callable[[dict[str, Any]], str]
    label: str = ""


def _url(name: str, query: str = "", **keys: str) -> Callable[[dict[str, Any]], str]:
    def build(data: dict[str, Any]) -> str:
        return reverse(name, kwargs={arg: data[key] for arg, key in keys.items()}) + query.format(
            **data
        )

    return build


PAGES: list[Page] = [
    Page("wellbeing:results", "manager", _url("wellbeing:results")),
    Page("wellbeing:results_survey", "hr", _url("wellbeing:results_survey", survey_id="survey")),
    Page(
        "wellbeing:results_survey",
        "manager",
        _url("wellbeing:results_survey", survey_id="survey"),
        "the manager's unit",
    ),
    Page(
        "wellbeing:results_survey",
        "analyst",
        _url("wellbeing:results_survey", "?enhed={aeldre}", survey_id="survey"),
        "a unit with sub-units",
    ),
    Page(
        "wellbeing:results_survey",
        "hr",
        _url("wellbeing:results_survey", survey_id="open"),
        "an open survey",
    ),
    Page("wellbeing:results_rates", "hr", _url("wellbeing:results_rates", survey_id="survey")),
    Page(
        "wellbeing:results_comments", "hr", _url("wellbeing:results_comments", survey_id="survey")
    ),
    Page(
        "wellbeing:results_comment", "hr", _url("wellbeing:results_comment", comment_id="comment")
    ),
    Page("wellbeing:results_trend", "manager", _url("wellbeing:results_trend", series_id="series")),
]

NOT_PAGES: dict[str, str] = {
    "wellbeing:results_pdf": "the report for the MED/AMO meeting as a PDF file",
    "wellbeing:results_excel": "the figures as an Excel file",
}


def _data(org: Any) -> dict[str, Any]:
    survey = results_story(org)
    open_survey = closed_survey([org.kommune], name="Trivselsmåling 2028")
    open_survey.status = SurveyStatus.OPEN
    open_survey.closed_at = None
    open_survey.save()
    version = results_version(4)
    series = PulseSeries.objects.create(name="Puls", version=version, next_on=dt.date(2027, 9, 1))
    series.units.set([org.kommune])
    for month in (3, 4, 5):
        pulse = closed_survey(
            [org.kommune],
            version=version,
            name=f"Puls {month}",
            pulse=series,
            opens_on=dt.date(2027, month, 1),
            closes_on=dt.date(2027, month, 8),
        )
        for unit, value in ((org.nord, month - 1), (org.skole, 4)):
            for _ in range(6):
                add_response(pulse, unit, {"indflydelse-1": value, "indflydelse-2": 2})
    return {
        "survey": survey.pk,
        "open": open_survey.pk,
        "series": series.pk,
        "aeldre": org.aeldre.pk,
        "comment": Comment.objects.get(text="Kommentar 1 fra Nord").pk,
    }


def test_hr_reviews_and_the_manager_reads_the_results_and_makes_an_action(
    page, live_server, org, users
):
    data = _data(org)
    login(page, live_server, "hr")
    page.goto(f"{live_server.url}{reverse('wellbeing:results_comments', args=[data['survey']])}")
    expect(page.locator("blockquote")).to_have_text("Kommentar 1 fra Nord")
    page.get_by_role("link", name=re.compile("Gennemse kommentaren.*Kommentar 1 fra Nord")).click()
    page.get_by_label("Godkend med rettelser").check()
    page.get_by_label("Kommentaren, som den skal vises").fill("En kollega [navn fjernet] hjælper")
    page.get_by_role("button", name="Gem afgørelsen").click()
    expect(page.get_by_text("Afgørelsen er gemt.")).to_be_visible()

    page.context.clear_cookies()
    login(page, live_server, "manager")
    menu_link(page, "Trivselsresultater").first.click()
    page.get_by_role("link", name="Trivselsmåling 2027", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Trivselsmåling 2027")
    expect(page.locator(".font-lead")).to_contain_text("Plejecenter Nord")
    table = page.locator("#dimensioner")
    influence = table.get_by_role("row", name="Indflydelse")
    expect(influence).to_contain_text("81,3")  # Nord
    offensive = table.get_by_role("row", name="Krænkende adfærd")
    expect(offensive).to_contain_text("vises fra 20 svar")
    expect(offensive.locator("td").nth(1)).to_have_text("–skjult")
    expect(page.get_by_text("En kollega [navn fjernet] hjælper")).to_be_visible()
    expect(page.get_by_text("Kommentar 1 fra Nord")).to_have_count(0)
    assert_accessible(page, "the manager's results")
    page.set_viewport_size(PHONE)
    assert _sticking_out(page) == []
    assert_accessible(page, "the manager's results at 375 px")
    page.set_viewport_size(DESKTOP)

    link = table.get_by_role("link", name=re.compile("Lav en handling.*Indflydelse"))
    href = link.get_attribute("href") or ""
    parts = urlsplit(href)
    assert parts.path == "/trivsel/handlinger/ny/"
    query = parse_qs(parts.query)
    assert query == {
        "enhed": [str(org.nord.pk)],
        "maaling": [str(data["survey"])],
        "kilde": ["Indflydelse"],
    }


def test_every_results_page_passes_axe(page, live_server, org, users):
    data = _data(org)
    signed_in = None
    for visit in sorted(PAGES, key=lambda p: p.role):
        if visit.role != signed_in:
            page.context.clear_cookies()
            login(page, live_server, visit.role)
            signed_in = visit.role
        path = visit.path(data)
        where = f"{visit.name} ({path}) as {visit.role}"
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, where
        assert resolve(urlsplit(page.url).path).view_name == visit.name, page.url
        expect(page.get_by_role("heading", level=1)).to_have_count(1)
        assert_accessible(page, where)
        page.set_viewport_size(PHONE)
        assert _sticking_out(page) == [], f"{where} at 375 px"
        assert_accessible(page, f"{where} at 375 px")
        page.set_viewport_size(DESKTOP)
