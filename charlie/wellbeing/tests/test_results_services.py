"""The results services: who sees which survey and unit, the figures through disclosure control,
the comparison with the previous round, response rates, the rows of the CLI and the API, a
pulse series' trend, and ``unit_summary`` for the other parts."""

from __future__ import annotations

import datetime as dt

import pytest

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.wellbeing.models import Invitation, PulseSeries, SurveyStatus
from charlie.wellbeing.services import results
from charlie.wellbeing.tests.factories import (
    add_response,
    closed_survey,
    results_story,
    results_version,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def story(org, users):
    return results_story(org)


def row(page, code):
    for dim in page.dimensions:
        if dim.code == code:
            return dim
        for q in dim.questions:
            if q.code == code:
                return q
    return next(q for q in page.questions if q.code == code)


def test_hr_sees_the_whole_survey_with_small_groups_hidden(story, org, users):
    access = access_for(users["hr"])
    page = results.unit_page(access, story.pk)
    assert page.ready and page.unit is None and page.everything
    assert page.responses == 28
    influence = row(page, "indflydelse")
    assert influence.shown and influence.answers == 56
    # Syd has 3 answers: hidden; Ældreområdet minus Nord is Syd and its own 5: enough.
    syd = results.unit_page(access, story.pk, org.syd.pk)
    assert syd.responses is None and not row(syd, "indflydelse").shown
    nord = results.unit_page(access, story.pk, org.nord.pk)
    assert nord.responses == 8
    # indflydelse-1: 4,5,4,5,… → 75 and 100 → 87.5; indflydelse-2 reverse 2 → 4 → 75.
    assert row(nord, "indflydelse-1").score == 87.5
    assert row(nord, "indflydelse-2").score == 75.0
    assert row(nord, "indflydelse").score == pytest.approx(81.25)
    assert row(nord, "indflydelse").municipality == influence.score


def test_the_harassment_question_is_hidden_below_20(story, org, users):
    access = access_for(users["hr"])
    nord = results.unit_page(access, story.pk, org.nord.pk)
    assert row(nord, "mobning").threshold == 20
    assert not row(nord, "mobning").shown
    assert not row(nord, "kraenkende").shown
    whole = results.unit_page(access, story.pk)
    mobning = row(whole, "mobning")
    assert mobning.shown and mobning.answers == 28
    assert mobning.exposed == pytest.approx(4 / 28)  # Syd's 3 and one in the school
    assert mobning.headline == pytest.approx(100 * 4 / 28)


def test_a_manager_sees_their_own_units_only(story, org, users):
    access = access_for(users["manager"])
    page = results.unit_page(access, story.pk)
    assert page.unit is not None and page.unit.id == org.nord.pk
    assert not page.everything
    assert [unit_id for unit_id, _label in page.choices] == [org.nord.pk]
    for other in (org.skole, org.aeldre, org.syd):
        with pytest.raises(NotFound):
            results.unit_page(access, story.pk, other.pk)
    # The whole survey's figure stands beside theirs for comparison.
    assert row(page, "indflydelse").municipality is not None


def test_roles_without_results_are_refused(story, users):
    for role in ("employee", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            results.unit_page(access_for(users[role]), story.pk)


def test_a_survey_outside_the_managers_units_is_not_found(org, users):
    survey = closed_survey([org.skole])
    add_response(survey, org.skole, {"indflydelse-1": 3})
    with pytest.raises(NotFound):
        results.unit_page(access_for(users["manager"]), survey.pk)
    assert survey.pk not in [s.id for s in results.survey_list(access_for(users["manager"]))]
    assert survey.pk in [s.id for s in results.survey_list(access_for(users["analyst"]))]


def test_an_open_survey_shows_its_response_rate_only(org, users):
    survey = closed_survey([org.kommune])
    survey.status = SurveyStatus.OPEN
    survey.closed_at = None
    survey.save()
    from charlie.people.tests.factories import EmploymentFactory

    for i in range(7):
        person = EmploymentFactory(org_unit=org.skole).person
        Invitation.objects.create(survey=survey, person=person, unit=org.skole, answered=i < 5)
    page = results.unit_page(access_for(users["hr"]), survey.pk)
    assert not page.ready and not page.dimensions
    assert page.rate is not None and (page.rate.invited, page.rate.answered) == (7, 5)
    with pytest.raises(ValidationFailed):
        results.result_rows(access_for(users["hr"]), survey.pk, by="unit")


def test_response_rates_from_the_tallies_hide_small_units(story, org, users):
    page = results.response_rates(access_for(users["hr"]), story.pk)
    by_unit = {r.unit.id if r.unit else None: r for r in page.rows}
    assert (by_unit[None].invited, by_unit[None].answered) == (36, 28)
    assert by_unit[org.nord.pk].answered == 8 and by_unit[org.nord.pk].rate == 0.8
    assert by_unit[org.syd.pk].answered is None and by_unit[org.syd.pk].invited is None
    assert by_unit[org.aeldre.pk].answered == 16
    manager = results.response_rates(access_for(users["manager"]), story.pk)
    assert [r.unit.id if r.unit else None for r in manager.rows] == [None, org.nord.pk]


def test_rows_for_the_command_line_and_the_api(story, org, users):
    access = access_for(users["analyst"])
    units = results.result_rows(access, story.pk, by="unit")
    assert units[0]["unit_id"] is None and units[0]["count"] == 28
    syd = next(r for r in units if r["unit_id"] == org.syd.pk)
    assert syd["suppressed"] is True
    assert all(syd[k] is None for k in ("count", "score", "favourable", "answered"))
    nord = next(r for r in units if r["unit_id"] == org.nord.pk)
    assert nord["count"] == 8 and nord["response_rate"] == 0.8
    questions = results.result_rows(access, story.pk, by="question", unit_id=org.nord.pk)
    mobning = next(r for r in questions if r["question"] == "mobning")
    assert mobning["suppressed"] and mobning["min_group"] == 20 and mobning["count"] is None
    arbejdstid = next(r for r in questions if r["question"] == "arbejdstid")
    assert arbejdstid["distribution"] == {"1": 8, "2": 0, "3": 0}
    assert arbejdstid["municipality"] is None  # a choice has no headline figure
    timer = next(r for r in questions if r["question"] == "timer")
    assert timer["mean"] == 37.0
    dims = results.result_rows(access, story.pk, by="dimension")
    assert {d["dimension"] for d in dims} == {"indflydelse", "kraenkende"}
    with pytest.raises(ValidationFailed):
        results.result_rows(access, story.pk, by="person")


def test_the_previous_round_is_matched_by_code(org, users):
    before = closed_survey([org.kommune], name="Trivselsmåling 2025", version=results_version(7))
    for _ in range(6):
        add_response(before, org.nord, {"indflydelse-1": 3, "indflydelse-2": 3})
    now = results_story(org, previous=before)
    page = results.unit_page(access_for(users["hr"]), now.pk, org.nord.pk)
    assert page.previous_name == "Trivselsmåling 2025"
    assert row(page, "indflydelse-1").previous == 50.0
    assert row(page, "indflydelse-1").versus_previous == 37.5
    assert row(page, "indflydelse").previous == 50.0


def test_unit_summary_for_the_apv_and_the_front_page(story, org, users):
    scores = results.unit_summary(access_for(users["manager"]), story.pk, org.nord.pk)
    by_code = {s.code: s for s in scores}
    assert by_code["indflydelse"].score == pytest.approx(81.25)
    assert not by_code["kraenkende"].shown and by_code["kraenkende"].threshold == 20
    with pytest.raises(NotFound):
        results.unit_summary(access_for(users["manager"]), story.pk, org.skole.pk)
    # A unit of the organisation that had no answers of its own in the survey: nothing.
    assert results.unit_summary(access_for(users["hr"]), story.pk, org.kultur.pk) != []


def test_a_pulse_series_trend(org, users):
    version = results_version(3)
    series = PulseSeries.objects.create(name="Puls", version=version, next_on=dt.date(2027, 5, 1))
    series.units.set([org.kommune])
    for month, value in ((1, 3), (2, 4), (3, 5)):
        survey = closed_survey(
            [org.kommune],
            version=version,
            name=f"Puls {month}",
            pulse=series,
            opens_on=dt.date(2027, month, 1),
            closes_on=dt.date(2027, month, 7),
        )
        for _ in range(6 if month != 2 else 3):
            add_response(survey, org.nord, {"indflydelse-1": value})
        for _ in range(5):
            add_response(survey, org.skole, {"indflydelse-1": 1})
    trend = results.trend(access_for(users["manager"]), series.pk)
    assert trend.unit is not None and trend.unit.id == org.nord.pk
    line = next(i for i, line in enumerate(trend.lines) if line.code == "q:indflydelse-1")
    assert [p.values[line] for p in trend.points] == [50.0, None, 100.0]
    assert [p.responses for p in trend.points] == [6, None, 6]
    assert trend.lines[line].municipality[0] == pytest.approx(300 / 11)
    with pytest.raises(NotFound):
        results.trend(access_for(users["manager"]), series.pk, org.skole.pk)
    everything = results.trend(access_for(users["hr"]), series.pk)
    assert everything.unit is None and everything.points[1].values[line] is not None


def test_a_manager_whose_unit_had_no_answers_of_its_own_sees_the_whole_survey(org, users):
    survey = closed_survey([org.kommune])
    for _ in range(6):
        add_response(survey, org.skole, {"indflydelse-1": 4})
    page = results.unit_page(access_for(users["manager"]), survey.pk)
    assert page.unit is None and not page.everything and page.choices == ()
    assert page.responses == 6
