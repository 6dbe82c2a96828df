"""The onboarding check-ins through the well-being engine (issue 16, point 6): recruitment gives
the answers without names or free text; the figures per unit and half-year follow the
anonymity rules (5 by default), HR and analysts see every unit, a manager their own."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from charlie.core.errors import NotFound, PermissionDenied
from charlie.people import services as people
from charlie.recruitment import services as recruitment
from charlie.recruitment.models import CheckIn
from charlie.recruitment.tests.factories import OnboardingPlanFactory
from charlie.wellbeing.checkins import Answered, HalfYear, Question, unit_figures
from charlie.wellbeing.participation import TOTAL
from charlie.wellbeing.services import checkins as svc

D = dt.date
CPH = ZoneInfo("Europe/Copenhagen")
#: 15 May 2027: the view covers 2. halvår 2024 … 1. halvår 2027.
ON = D(2027, 5, 15)


def _answers(welcome: int = 4, equipped: str = "yes", better: str = "") -> dict:
    return {
        "equipped": equipped,
        "who_to_ask": "partly",
        "welcome": welcome,
        "introduction": "yes",
        "better": better,
    }


def _check_in(unit, answered: dt.datetime, *, plan=None, day: int = 30, **answers):
    plan = plan or OnboardingPlanFactory(unit=unit, name="Sara Holm", start_on=answered.date())
    check_in = CheckIn.objects.create(plan=plan, day=day, answers=_answers(**answers))
    CheckIn.objects.filter(pk=check_in.pk).update(answered_at=answered)
    return plan


def _at(day: D) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, 10, 0, tzinfo=CPH)


# --- Half-years and the pure figures -----------------------------------------------------


def test_half_years_are_january_to_june_and_july_to_december():
    assert HalfYear.of(D(2027, 1, 1)) == HalfYear(2027, 1)
    assert HalfYear.of(D(2027, 6, 30)) == HalfYear(2027, 1)
    assert HalfYear.of(D(2027, 7, 1)) == HalfYear(2027, 2)
    assert HalfYear.of(D(2027, 12, 31)) == HalfYear(2027, 2)
    assert HalfYear(2027, 1).last(3) == [HalfYear(2027, 1), HalfYear(2026, 2), HalfYear(2026, 1)]
    assert HalfYear(2026, 2).first_day == D(2026, 7, 1)
    assert HalfYear.parse("2026-2") == HalfYear(2026, 2)
    assert HalfYear.parse("2026-0") is None and HalfYear.parse("") is None


QUESTIONS = [
    Question("equipped", "choice", ("yes", "partly", "no")),
    Question("welcome", "scale", ("1", "2", "3", "4", "5")),
]


def test_figures_by_hand():
    # Unit 2 (under 1): five colleagues; colleague 0 answered twice (30 and 90 days).
    rows = [
        Answered(0, 2, {"equipped": "yes", "welcome": 5}),
        Answered(0, 2, {"equipped": "yes", "welcome": 4}),
        Answered(1, 2, {"equipped": "partly", "welcome": 3}),
        Answered(2, 2, {"equipped": "no", "welcome": 2}),
        Answered(3, 2, {"equipped": "yes", "welcome": 4}),
        Answered(4, 2, {"equipped": "yes", "welcome": 5}),
    ]
    found = unit_figures({1: None, 2: 1}, rows, QUESTIONS, min_size=5)
    f = found[2]
    assert (f.people, f.answers) == (5, 6)
    # 4 of 6 check-ins said "yes": 66.7 %; the mean of 5, 4, 3, 2, 4, 5 = 23 / 6 = 3.83.
    assert f.headline == {"equipped": 66.7, "welcome": 3.8}
    assert f.distribution["equipped"] == {"yes": 66.7, "partly": 16.7, "no": 16.7}
    assert f.distribution["welcome"]["4"] == 33.3
    assert found[1] == found[TOTAL] == f


def test_four_colleagues_show_nothing_even_with_more_answers():
    rows = [Answered(i % 4, 2, {"equipped": "yes", "welcome": 5}) for i in range(8)]
    f = unit_figures({1: None, 2: 1}, rows, QUESTIONS, min_size=5)[2]
    assert f.hidden and f.answers is None and f.headline == {} and f.distribution == {}


# --- Recruitment's answers without names ---------------------------------------------------


def test_recruitment_gives_the_answers_without_names_or_free_text(org):
    plan = _check_in(org.nord, _at(D(2027, 2, 3)), better="Min mentor Mona var syg.")
    _check_in(org.nord, _at(D(2027, 5, 3)), plan=plan, day=90, welcome=5)
    _check_in(org.syd, _at(D(2026, 1, 3)))
    rows = recruitment.check_in_answers(since=D(2027, 1, 1))
    assert [(r.unit_id, r.day, r.answered_on) for r in rows] == [
        (org.nord.pk, 30, D(2027, 2, 3)),
        (org.nord.pk, 90, D(2027, 5, 3)),
    ]
    assert rows[0].respondent == rows[1].respondent
    assert "better" not in rows[0].answers
    assert rows[1].answers == {
        "equipped": "yes",
        "who_to_ask": "partly",
        "welcome": 5,
        "introduction": "yes",
    }
    assert "Sara" not in repr(rows) and "Mona" not in repr(rows)


def test_an_answer_late_on_30_june_belongs_to_the_first_half(org):
    """23:30 on 30 June in Copenhagen is 21:30 UTC: the day is Copenhagen's."""
    late = dt.datetime(2027, 6, 30, 23, 30, tzinfo=CPH)
    _check_in(org.nord, late)
    (row,) = recruitment.check_in_answers(since=D(2027, 6, 30))
    assert row.answered_on == D(2027, 6, 30)
    assert HalfYear.of(row.answered_on) == HalfYear(2027, 1)


# --- The service: scope and suppression ------------------------------------------------------


def _six_in_syd_and_two_in_nord(org):
    for i in range(6):
        _check_in(org.syd, _at(D(2027, 2, 1 + i)), welcome=5 if i % 2 else 3)
    for i in range(2):
        _check_in(org.nord, _at(D(2027, 3, 1 + i)), welcome=1)
    # Last year's second half: five in Syd.
    for i in range(5):
        _check_in(org.syd, _at(D(2026, 9, 1 + i)), welcome=2)


def test_hr_sees_every_unit_with_small_groups_hidden(users, org):
    _six_in_syd_and_two_in_nord(org)
    data = svc.checkin_figures(people.access_for(users["hr"]), on=ON, unit_id=org.aeldre.pk)
    assert data.half == HalfYear(2027, 1)
    lines = {line.label: line.figures for line in data.by_unit}
    # Nord's 2 are hidden, and Syd with them (Ældreområdet 8 − Syd 6 = 2).
    assert lines["Ældreområdet"].people == 8
    assert lines["Plejecenter Nord"].hidden and lines["Plejecenter Syd"].hidden
    # The whole municipality over the half-years: 5 in 2. halvår 2026, 8 now.
    whole = svc.checkin_figures(people.access_for(users["hr"]), on=ON)
    assert whole.focus_label == "Hele kommunen"
    trend = {line.half: line.figures for line in whole.by_half}
    assert trend[HalfYear(2026, 2)].people == 5
    assert trend[HalfYear(2026, 2)].headline["welcome"] == 2.0
    assert trend[HalfYear(2027, 1)].people == 8
    # (3 + 5 + 3 + 5 + 3 + 5 + 1 + 1) / 8 = 26 / 8 = 3.25 → 3.2 (rounded half to even)
    assert trend[HalfYear(2027, 1)].headline["welcome"] == pytest.approx(3.2, abs=0.05)
    assert trend[HalfYear(2025, 1)] is None


def test_a_manager_sees_their_own_units_only(users, org):
    _six_in_syd_and_two_in_nord(org)
    manager = people.access_for(users["manager"])  # manages Plejecenter Nord
    data = svc.checkin_figures(manager, on=ON)
    assert [line.label for line in data.by_unit] == ["Plejecenter Nord"]
    assert data.by_unit[0].figures.hidden  # 2 new colleagues
    assert data.focus_label == "Plejecenter Nord"
    with pytest.raises(NotFound):
        svc.checkin_figures(manager, on=ON, unit_id=org.syd.pk)
    with pytest.raises(PermissionDenied):
        svc.checkin_figures(people.access_for(users["employee"]), on=ON)


def test_the_chosen_half_year_and_the_latest_with_answers(users, org):
    _check_in(org.syd, _at(D(2026, 9, 1)))
    hr = people.access_for(users["hr"])
    # Nothing in 2027 yet: the newest half-year with answers is chosen.
    assert svc.checkin_figures(hr, on=ON).half == HalfYear(2026, 2)
    assert svc.checkin_figures(hr, on=ON, half="2026-1").half == HalfYear(2026, 1)
    # A half-year outside the view falls back.
    assert svc.checkin_figures(hr, on=ON, half="2019-1").half == HalfYear(2026, 2)


def test_the_page_has_a_chart_with_its_table_and_no_free_text(client_as, org):
    from django.utils import timezone

    now = timezone.localdate()
    for unit in (org.syd, org.nord):
        for _i in range(5):
            _check_in(unit, _at(now), better="Mona var sød")
    page = client_as("hr").get(reverse("wellbeing:checkins"), {"enhed": org.aeldre.pk})
    html = page.content.decode()
    assert page.status_code == 200
    assert "<svg" in html and 'id="tal-enheder"' in html and 'id="tal-halvaar"' in html
    assert 'data-count="10"' in html and 'data-count="5"' in html
    assert "Mona" not in html and "Sara Holm" not in html
    assert client_as("analyst").get(reverse("wellbeing:checkins")).status_code == 200
