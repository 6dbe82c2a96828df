"""Retention of APVs and actions (docs/wellbeing-apv.md, "Opbevaring"): an APV with its action
plan is kept until the unit's next APV is completed and then 5 years; an action from a survey
5 years after it was closed. Dates worked out by hand; the DPO approves through privacy."""

from __future__ import annotations

import datetime as dt

import pytest

from charlie.people.services import access_for
from charlie.privacy import registry
from charlie.privacy.services import retention as privacy_retention
from charlie.wellbeing.models import Action, ActionStatus, Apv, ApvStep
from charlie.wellbeing.retention import APV_AND_ACTIONS, SURVEY_ACTIONS
from charlie.wellbeing.tests.factories import (
    ActionFactory,
    ApvFactory,
    ApvProblemFactory,
    WalkthroughItemFactory,
)

pytestmark = pytest.mark.django_db
TODAY = dt.date(2033, 6, 15)


def _done(unit, completed: dt.date) -> Apv:
    return ApvFactory(
        unit=unit,
        step=ApvStep.DONE,
        started_on=completed - dt.timedelta(days=90),
        completed_on=completed,
    )


def test_the_rules_are_registered():
    rules = registry.retention_rules()
    for rule in (APV_AND_ACTIONS, SURVEY_ACTIONS):
        assert rules[rule.code] is rule
        assert rule.category == "trivsel" and rule.default_years == 5


def test_an_apv_goes_5_years_after_the_next_one_was_completed(org, users):
    first = _done(org.nord, dt.date(2022, 3, 1))
    # Replaced on 15 June 2028: exactly 5 years before TODAY, so not yet past.
    second = _done(org.nord, dt.date(2028, 6, 15))
    third = _done(org.nord, dt.date(2031, 5, 1))  # in force: never deleted
    in_syd = _done(org.syd, dt.date(2020, 1, 1))  # the only APV of Syd
    assert APV_AND_ACTIONS.find(TODAY, 5) == []
    assert APV_AND_ACTIONS.find(TODAY + dt.timedelta(days=1), 5) == [first.pk]
    assert APV_AND_ACTIONS.by_year(TODAY + dt.timedelta(days=1), 5) == {2028: 1}
    # Ten years on, the second goes too (replaced 1 May 2031), never the third or Syd's.
    later = dt.date(2036, 5, 2)
    assert sorted(APV_AND_ACTIONS.find(later, 5)) == sorted([first.pk, second.pk])
    assert third.pk not in APV_AND_ACTIONS.find(dt.date(2060, 1, 1), 5)
    assert in_syd.pk not in APV_AND_ACTIONS.find(dt.date(2060, 1, 1), 5)


def test_an_apv_under_way_does_not_replace_the_one_in_force(org):
    old = _done(org.nord, dt.date(2020, 1, 1))
    ApvFactory(unit=org.nord, started_on=dt.date(2023, 1, 1))  # never completed
    assert APV_AND_ACTIONS.find(TODAY, 5) == []
    # An abandoned APV started before a completed one is replaced by it.
    abandoned = ApvFactory(unit=org.syd, started_on=dt.date(2020, 1, 1))
    _done(org.syd, dt.date(2021, 1, 1))
    assert APV_AND_ACTIONS.find(TODAY, 5) == [abandoned.pk]
    assert old.pk not in APV_AND_ACTIONS.find(TODAY, 5)


def test_deleting_an_apv_takes_its_walkthrough_problems_and_actions(org, users):
    old = _done(org.nord, dt.date(2020, 1, 1))
    WalkthroughItemFactory(apv=old)
    problem = ApvProblemFactory(apv=old)
    ActionFactory(unit=org.nord, apv=old, problem_ref=problem, owner=users["employee"])
    _done(org.nord, dt.date(2021, 1, 1))
    kept = ActionFactory(unit=org.nord, owner=users["manager"])  # a survey's action
    applied = APV_AND_ACTIONS.apply([old.pk])
    assert applied.count == 1 and applied.person_ids == [org.person_in_nord.pk]
    assert not Apv.objects.filter(pk=old.pk).exists()
    assert list(Action.objects.values_list("pk", flat=True)) == [kept.pk]


def test_an_action_from_a_survey_goes_5_years_after_it_was_closed(org, users):
    done = ActionFactory(
        unit=org.nord,
        owner=users["employee"],
        status=ActionStatus.DONE,
        done_on=dt.date(2028, 6, 14),
    )
    dropped = ActionFactory(
        unit=org.nord,
        owner=users["employee"],
        status=ActionStatus.DROPPED,
        done_on=dt.date(2028, 6, 15),  # exactly 5 years: not yet
    )
    ActionFactory(unit=org.nord, owner=users["employee"], deadline=dt.date(2020, 1, 1))  # open
    apv = _done(org.nord, dt.date(2020, 1, 1))
    ActionFactory(  # an APV's: goes with the APV
        unit=org.nord, apv=apv, status=ActionStatus.DONE, done_on=dt.date(2020, 1, 1)
    )
    assert SURVEY_ACTIONS.find(TODAY, 5) == [done.pk]
    assert SURVEY_ACTIONS.by_year(TODAY, 5) == {2028: 1}
    assert dropped.pk in SURVEY_ACTIONS.find(TODAY + dt.timedelta(days=1), 5)
    applied = SURVEY_ACTIONS.apply([done.pk])
    assert applied.count == 1 and applied.person_ids == [org.person_in_nord.pk]


def test_the_dpo_approves_the_batch(org, users):
    old = _done(org.nord, dt.date(2020, 1, 1))
    _done(org.nord, dt.date(2021, 1, 1))
    batches = privacy_retention.propose_batches(TODAY)
    batch = next(b for b in batches if b.rule_code == APV_AND_ACTIONS.code)
    privacy_retention.approve(access_for(users["dpo"]), batch.pk, today=TODAY)
    assert not Apv.objects.filter(pk=old.pk).exists()
    assert Apv.objects.count() == 1
