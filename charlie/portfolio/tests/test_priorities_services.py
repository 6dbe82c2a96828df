"""Prioritisation services and CLI: figures read from the business cases, values from the
criteria, the run's choice and reasons, scenarios, permissions."""

from __future__ import annotations

import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command

from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.people import services as people
from charlie.portfolio.models import CriterionSource, Score, Stage
from charlie.portfolio.services import priorities as svc
from charlie.portfolio.tests.factories import (
    BeaconFactory,
    CriterionFactory,
    InitiativeFactory,
    business_case,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def portfolio():
    """Three candidates from 2027 (business cases from 2027, 5 years), one running initiative
    and one candidate without a case. Criteria: a manual one (weight 1) only.

    1: 600,000 kr. in 2027, score 5.  2: 500,000 kr. in 2027, score 4, needs 3.
    3: 300,000 kr. in 2027 and 100 own hours, score 1.
    With 1,000,000 kr. in 2027: {1, 3} = 6 (900,000) or {2, 3} = 5 (800,000) → {1, 3}.
    """
    manual = CriterionFactory(name="Hastende", source=CriterionSource.MANUAL)
    one = InitiativeFactory(number=1, title="Digital post")
    two = InitiativeFactory(number=2, title="Chatbot")
    three = InitiativeFactory(number=3, title="Fælles platform")
    two.depends_on.add(three)
    business_case(one, investment=["600000", "0", "0", "0", "0"])
    business_case(two, investment=["500000", "0", "0", "0", "0"])
    business_case(three, investment=["300000"], staff_hours=["100", "0"])
    running = InitiativeFactory(number=4, stage=Stage.RUNNING)
    business_case(running, investment=["9000000"])
    InitiativeFactory(number=5, title="Uden tal")
    for initiative, value in ((one, 5), (two, 4), (three, 1)):
        Score.objects.create(initiative=initiative, criterion=manual, value=value)
    return manual


def test_load_reads_costs_and_hours_per_calendar_year(portfolio):
    loaded = svc.load(2026, 3)
    items = {item.key: item for item in loaded.items}
    assert set(items) == {1, 2, 3}  # 4 is running, 5 has no case
    assert items[1].costs == (0.0, 600000.0, 0.0)
    assert items[3].hours == (0.0, 100.0, 0.0)
    assert items[2].depends_on == (3,)
    assert items[1].value == pytest.approx(5.0)
    assert [c.number for c in loaded.candidates] == [1, 2, 3, 5]


def test_run_chooses_under_the_budget_and_explains(portfolio, users):
    hr = people.access_for(users["hr"])
    result = svc.run(hr, first_year=2027, years=5, budget=1_000_000, hours=None)
    assert result.exact.status == "optimal"
    assert result.exact.chosen == (1, 3)
    data = svc.as_dict(result)
    reasons = {row["number"]: row for row in data["initiatives"]}
    assert reasons[2]["reason"] == "budget"
    assert "2027" in reasons[2]["reason_text"]
    assert reasons[3]["reason"] == "chosen"
    assert reasons[5]["reason"] == "no_business_case"
    assert data["costs"][0] == 900_000
    assert data["greedy"]["value"] <= data["value"]


def test_computed_criteria_are_scaled_across_candidates(portfolio):
    beacons = CriterionFactory(name="Strategi", source=CriterionSource.BEACONS, weight=Decimal(3))
    beacon = BeaconFactory()
    InitiativeFactory._meta.model.objects.get(number=2).beacons.add(beacon)
    loaded = svc.load(2027, 5)
    values = {c.number: c.scores for c in loaded.candidates}
    assert values[2][str(beacons.pk)] == 5.0
    assert values[1][str(beacons.pk)] == 0.0
    # 2: (1 · 4 + 3 · 5) / 4 = 4.75; 1: (5 + 0) / 4 = 1.25
    assert values[2]["total"] == pytest.approx(4.75)
    assert values[1]["total"] == pytest.approx(1.25)


def test_an_impossible_must_do_is_reported(portfolio, users):
    InitiativeFactory._meta.model.objects.filter(number=1).update(must_do=True)
    hr = people.access_for(users["hr"])
    data = svc.as_dict(svc.run(hr, first_year=2027, years=5, budget=500_000, hours=None))
    assert data["status"] == "infeasible"
    assert data["problem_texts"] and "2027" in data["problem_texts"][0]


def test_scenarios_are_saved_and_compared(portfolio, users):
    hr = people.access_for(users["hr"])
    tight = svc.save_scenario(
        hr, name="Stramt", result=svc.run(hr, first_year=2027, years=5, budget=800_000, hours=None)
    )
    loose = svc.save_scenario(
        hr, name="Rundt", result=svc.run(hr, first_year=2027, years=5, budget=None, hours=None)
    )
    compared = svc.compare(hr, tight.pk, loose.pk)
    rows = {row["number"]: row for row in compared["rows"]}
    assert rows[2]["a"] is False and rows[2]["b"] is True and rows[2]["differs"]
    manager = people.access_for(users["manager"])
    assert svc.compare(manager, tight.pk, loose.pk)["a"].name == "Stramt"
    with pytest.raises(PermissionDenied):
        svc.save_scenario(
            manager,
            name="x",
            result=svc.run(manager, first_year=2027, years=1, budget=None, hours=None),
        )


def test_scores_are_0_to_5_and_only_for_manual_criteria(portfolio, users):
    hr = people.access_for(users["hr"])
    computed = CriterionFactory(source=CriterionSource.NPV)
    with pytest.raises(ValidationFailed):
        svc.set_scores(hr, 1, {portfolio.pk: 6})
    with pytest.raises(ValidationFailed):
        svc.set_scores(hr, 1, {computed.pk: 3})
    svc.set_scores(hr, 1, {portfolio.pk: 2})
    assert Score.objects.get(initiative__number=1, criterion=portfolio).value == 2
    with pytest.raises(PermissionDenied):
        svc.set_scores(people.access_for(users["employee"]), 1, {portfolio.pk: 2})


def test_cli_prints_json_with_the_reasons(portfolio):
    out = StringIO()
    call_command(
        "portfolio",
        "prioritise",
        "--budget",
        "1000000",
        "--first-year",
        "2027",
        "--format",
        "json",
        stdout=out,
    )
    data = json.loads(out.getvalue())
    assert data["chosen"] == [1, 3]
    assert data["optimal"] is True
    assert {row["number"]: row["chosen"] for row in data["initiatives"]} == {
        1: True,
        2: False,
        3: True,
        5: False,
    }
    text = StringIO()
    call_command(
        "portfolio",
        "prioritise",
        "--budget",
        "1000000,0",
        "--years",
        "2",
        "--first-year",
        "2027",
        stdout=text,
    )
    assert "[x] 1. Digital post" in text.getvalue()


def test_what_needs_a_candidate_without_a_case_waits_for_it(portfolio, users):
    # 5 has no business case; 6 needs 5, and 7 needs 6: both wait (not chosen, and said why).
    no_case = InitiativeFactory._meta.model.objects.get(number=5)
    six = InitiativeFactory(number=6, title="Selvbetjening")
    seven = InitiativeFactory(number=7, title="Robot")
    six.depends_on.add(no_case)
    seven.depends_on.add(six)
    business_case(six, investment=["1000"])
    business_case(seven, investment=["1000"])
    hr = people.access_for(users["hr"])
    data = svc.as_dict(svc.run(hr, first_year=2027, years=5, budget=None, hours=None))
    reasons = {row["number"]: row["reason"] for row in data["initiatives"]}
    assert reasons[6] == reasons[7] == "waiting"
    assert reasons[5] == "no_business_case"
    assert data["chosen"] == [1, 2, 3]
