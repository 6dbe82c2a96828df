"""The APV's and action plans' pages through the test client: the forms, their errors beside
the fields, the results part's link to a new action, the owner's form, the written APV and
its PDF."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

import pytest
from django.urls import reverse
from django.utils import timezone

from charlie.wellbeing.models import Action, Apv, ApvStep, SurveyStatus, WalkthroughStatus
from charlie.wellbeing.tests.factories import (
    ActionFactory,
    ApvFactory,
    SurveyFactory,
    WalkthroughItemFactory,
)

pytestmark = pytest.mark.django_db


def test_starting_an_apv_asks_for_the_unit_first(client_as, org):
    client = client_as("manager")
    page = client.get(reverse("wellbeing:apv_new"))
    assert page.status_code == 200 and b'name="enhed"' in page.content
    assert "Plejecenter Nord" in page.content.decode()
    assert "Nørre Skole" not in page.content.decode()  # not the manager's
    # A unit outside the scope is a 404.
    assert client.get(reverse("wellbeing:apv_new"), {"enhed": org.skole.pk}).status_code == 404
    url = reverse("wellbeing:apv_new") + f"?enhed={org.nord.pk}"
    form = client.get(url)
    assert "APV for Plejecenter Nord" in form.content.decode()
    empty = client.post(url, {"title": "", "walkthrough": "on"})
    assert empty.status_code == 400
    assert 'href="#id_title"' in empty.content.decode()
    made = client.post(url, {"title": "APV 2027", "walkthrough": "on", "participants": "AMR"})
    row = Apv.objects.get()
    assert made.url == reverse("wellbeing:apv_mapping", args=[row.pk])
    assert row.items.count() > 10 and row.absence_period
    # A second one for the unit leads to the one under way.
    assert client.get(url).url == reverse("wellbeing:apv", args=[row.pk])


def test_the_mapping_form_saves_each_point(client_as, org):
    row = ApvFactory(unit=org.nord, absence_period="2026-01-01/2026-12-31")
    noise = WalkthroughItemFactory(apv=row, text="Støj")
    light = WalkthroughItemFactory(apv=row, text="Lys")
    client = client_as("manager")
    url = reverse("wellbeing:apv_mapping", args=[row.pk])
    page = client.get(url).content.decode()
    assert f'id="id_item-{noise.pk}-status"' in page and "Vurdering: Støj" in page
    answer = client.post(
        url,
        {
            "title": row.title,
            "participants": "AMR Hanne",
            "absence_note": "Intet særligt.",
            f"item-{noise.pk}-status": WalkthroughStatus.PROBLEM,
            f"item-{noise.pk}-note": "Larm ved frokost",
            f"item-{light.pk}-status": WalkthroughStatus.OK,
        },
    )
    assert answer.status_code == 302
    noise.refresh_from_db()
    assert (noise.status, noise.note) == ("problem", "Larm ved frokost")
    # Forward to step 2 works now; the page says why it did not before.
    assert client.post(reverse("wellbeing:apv_step", args=[row.pk]), {"trin": "prioritising"})
    row.refresh_from_db()
    assert row.step == ApvStep.PRIORITISING


def test_a_refused_step_says_why_on_the_page(client_as, org):
    row = ApvFactory(unit=org.nord)
    client = client_as("manager")
    answer = client.post(
        reverse("wellbeing:apv_step", args=[row.pk]), {"trin": "prioritising"}, follow=True
    )
    text = answer.content.decode()
    assert "kan ikke gå videre endnu" in text and "§ 15 a, stk. 3" in text


def test_a_new_item_with_errors_is_shown_beside_its_field(client_as, org):
    row = ApvFactory(unit=org.nord)
    answer = client_as("manager").post(
        reverse("wellbeing:apv_item_new", args=[row.pk]), {"nyt-area": "", "nyt-text": ""}
    )
    assert answer.status_code == 400
    assert 'href="#id_nyt-area"' in answer.content.decode()


def test_a_survey_result_becomes_an_action(client_as, org, users):
    survey = SurveyFactory(status=SurveyStatus.CLOSED)
    survey.units.add(org.nord)
    client = client_as("manager")
    query = urlencode(
        {"enhed": org.nord.pk, "maaling": survey.pk, "kilde": "Indflydelse: 2,9 (kommunen 3,6)"}
    )
    url = f"{reverse('wellbeing:action_new')}?{query}"
    page = client.get(url).content.decode()
    assert "Indflydelse: 2,9 (kommunen 3,6)" in page and survey.name in page
    deadline = (timezone.localdate() + dt.timedelta(days=60)).isoformat()
    answer = client.post(
        url,
        {
            "problem": "Lav indflydelse på vagtplanen",
            "action": "Vagtplanen lægges sammen på personalemødet",
            "owner": users["employee"].pk,
            "deadline": deadline,
            "status": "planned",
            "source": "Indflydelse: 2,9 (kommunen 3,6)",
        },
    )
    row = Action.objects.get()
    assert answer.url == reverse("wellbeing:action", args=[row.pk])
    assert (row.survey_id, row.unit_id, row.owner_id) == (
        survey.pk,
        org.nord.pk,
        users["employee"].pk,
    )


def test_action_errors_are_shown_beside_their_fields(client_as, org, users):
    client = client_as("manager")
    url = f"{reverse('wellbeing:action_new')}?enhed={org.nord.pk}"
    answer = client.post(
        url,
        {
            "problem": "Støj",
            "action": "Plader",
            "owner": users["employee"].pk,
            "deadline": "2001-01-01",
            "status": "planned",
        },
    )
    assert answer.status_code == 400
    assert 'href="#id_deadline"' in answer.content.decode()
    assert "Fristen ligger før i dag" in answer.content.decode()


def test_the_owner_sees_only_status_and_follow_up(client_as, org, users):
    row = ActionFactory(unit=org.nord, owner=users["employee"], deadline=timezone.localdate())
    client = client_as("employee")
    url = reverse("wellbeing:action", args=[row.pk])
    page = client.get(url).content.decode()
    assert 'name="status"' in page and 'name="follow_up"' in page
    assert 'name="owner"' not in page and 'name="deadline"' not in page
    client.post(url, {"status": "in_progress", "follow_up": "Bestilt"})
    row.refresh_from_db()
    assert (row.status, row.follow_up) == ("in_progress", "Bestilt")
    # The manager edits every field.
    assert 'name="deadline"' in client_as("manager").get(url).content.decode()


def test_the_written_apv_and_its_pdf(client_as, org, users):
    row = ApvFactory(
        unit=org.nord,
        title="APV Plejecenter Nord 2027",
        step=ApvStep.DONE,
        completed_on=dt.date(2027, 3, 15),
        next_due_on=dt.date(2030, 3, 15),
        participants="Arbejdsmiljørepræsentant Hanne",
        absence_period="2026-03-01/2027-02-28",
        absence_percent="5.34",
        absence_days_per_fte="11.8",
        absence_note="Fraværet er steget efter sommeren.",
        follow_up_guidelines="Status på hvert MED-møde.",
    )
    ActionFactory(unit=org.nord, apv=row, owner=users["manager"])
    client = client_as("employee")
    page = client.get(reverse("wellbeing:apv_written", args=[row.pk])).content.decode()
    for text in (
        "Arbejdsmiljørepræsentant Hanne",
        "5,34 %",
        "11,8",
        "1. marts 2026",
        "Fraværet er steget efter sommeren.",
        "15. marts 2030",
        "Lydabsorberende plader i loftet",
        users["manager"].get_full_name(),
    ):
        assert text in page, text
    pdf = client.get(reverse("wellbeing:apv_pdf", args=[row.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_the_employees_plan_page(client_as, org, users):
    ActionFactory(unit=org.nord, owner=users["manager"], action="Nye stole i personalestuen")
    ActionFactory(unit=org.skole, owner=users["hr"], action="Ikke min enhed")
    page = client_as("employee").get(reverse("wellbeing:my_plan")).content.decode()
    assert "Nye stole i personalestuen" in page and "Ikke min enhed" not in page
    empty = client_as("analyst").get(reverse("wellbeing:my_plan")).content.decode()
    assert "ingen APV eller handlingsplan" in empty


def test_the_survey_results_become_problems(client_as, org, monkeypatch):
    """The results part's ``unit_summary`` (its contract) gives the unit's dimensions; each
    shown one links to a new problem with the survey and the score as its source."""
    import sys
    import types
    from dataclasses import dataclass

    @dataclass(frozen=True)
    class Score:
        code: str
        label: str
        score: float | None
        favourable: float | None
        answers: int | None
        shown: bool
        threshold: int

    asked = []

    def unit_summary(access, survey_id, unit_id):
        asked.append((access.role, survey_id, unit_id))
        return [
            Score("indflydelse", "Indflydelse", 48.4, 0.4, 12, True, 5),
            Score("kraenkende", "Krænkende adfærd", None, None, None, False, 20),
            Score("ledelse", "Ledelse", 71.0, 0.7, 12, True, 5),
        ]

    fake = types.ModuleType("charlie.wellbeing.services.results")
    fake.unit_summary = unit_summary  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "charlie.wellbeing.services.results", fake)
    survey = SurveyFactory(name="Trivsel 2027", status=SurveyStatus.CLOSED)
    survey.units.add(org.nord)
    row = ApvFactory(unit=org.nord, survey=survey, step=ApvStep.PRIORITISING)
    client = client_as("manager")
    page = client.get(reverse("wellbeing:apv_assessment", args=[row.pk])).content.decode()
    assert asked == [("manager", survey.pk, org.nord.pk)]
    assert page.index("Indflydelse") < page.index("Ledelse") < page.index("Krænkende adfærd")
    assert "For få svar" in page
    link = reverse("wellbeing:apv_problem_new", args=[row.pk])
    assert f"{link}?kilde=Trivsel%202027%3A%20Indflydelse%20%2848%20af%20100%29" in page
    form = client.get(
        link, {"kilde": "Trivsel 2027: Indflydelse (48 af 100)", "titel": "Indflydelse"}
    )
    assert 'value="Trivsel 2027: Indflydelse (48 af 100)"' in form.content.decode()
    assert 'value="Indflydelse"' in form.content.decode()


def test_the_next_apvs_day_is_told_as_a_danish_date(client_as, org):
    """Completing an APV and moving the next one earlier say the day as every page does
    ("15. marts 2030"), not as 15-03-2030."""
    today = timezone.localdate()
    row = ApvFactory(
        unit=org.nord,
        step=ApvStep.FOLLOW_UP,
        started_on=today,
        participants="AMR Hanne",
        absence_period="2026-01-01/2026-12-31",
        absence_note="Lavt.",
        assessment="Få problemer.",
        follow_up_guidelines="MED følger op.",
    )
    WalkthroughItemFactory(apv=row, status=WalkthroughStatus.OK)
    done = client_as("manager").post(
        reverse("wellbeing:apv_step", args=[row.pk]), {"trin": "done"}, follow=True
    )
    row.refresh_from_db()
    assert row.step == ApvStep.DONE and row.next_due_on is not None
    day = row.next_due_on
    months = ("januar", "februar", "marts", "april", "maj", "juni", "juli", "august")
    months += ("september", "oktober", "november", "december")
    assert f"senest {day.day}. {months[day.month - 1]} {day.year}." in done.content.decode()
    earlier = dt.date(today.year + 1, 3, 15)
    moved = client_as("hr").post(
        reverse("wellbeing:apv_next_due", args=[row.pk]),
        {"due_on": earlier.isoformat(), "reason": "Flytning til nye lokaler"},
        follow=True,
    )
    assert f"Næste APV skal laves senest 15. marts {earlier.year}." in moved.content.decode()
