"""The onboarding plans' retention rule (``retention.ONBOARDING_PLANS``), with dates worked out by
hand — month ends and leap years — and one batch through the DPO-approved engine end to end."""

from __future__ import annotations

import datetime as dt

import pytest

from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry
from charlie.privacy.registry import retention_rules
from charlie.privacy.services import retention as engine
from charlie.recruitment import retention
from charlie.recruitment.models import CheckIn, OnboardingPlan, OnboardingTask
from charlie.recruitment.tests.factories import (
    ApplicationFactory,
    OnboardingPlanFactory,
    OnboardingTaskFactory,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("org")]

D = dt.date


def _plan(start: D, *dues: D, **kw) -> OnboardingPlan:
    plan = OnboardingPlanFactory(start_on=start, **kw)
    for due in dues:
        OnboardingTaskFactory(plan=plan, due_on=due)
    return plan


def test_the_rule_is_registered_in_months_with_12_by_default():
    rule = retention_rules()["recruitment_onboarding_plans"]
    assert (rule.unit, rule.default_months, rule.category, rule.action) == (
        "months",
        12,
        "rekruttering",
        "delete",
    )
    # The description says what goes, the check-in answers as opinions of a named person.
    description = str(rule.description)
    assert "svar" in description and "meninger" in description and "90" in description


def test_twelve_months_after_the_90_day_mark():
    """Start 1 March 2027, tasks due by 1 April: the plan ended on day 90, 30 May 2027. Twelve
    months later is 30 May 2028: not yet past then; past on 31 May 2028."""
    plan = _plan(D(2027, 3, 1), D(2027, 2, 22), D(2027, 4, 1))
    assert retention.find_ended_plans(D(2028, 5, 30), 12) == []
    assert retention.find_ended_plans(D(2028, 5, 31), 12) == [plan.pk]
    assert retention.ended_plans_by_year(D(2028, 5, 31), 12) == {2027: 1}


def test_a_task_due_after_day_90_decides():
    """Start 31 January 2027 (90-day mark 1 May 2027), a task due on day 180, 30 July 2027: the
    plan ended 30 July 2027 and is past from 31 July 2028."""
    plan = _plan(D(2027, 1, 31), D(2027, 2, 7), D(2027, 7, 30))
    assert retention.find_ended_plans(D(2028, 5, 2), 12) == []
    assert retention.find_ended_plans(D(2028, 7, 30), 12) == []
    assert retention.find_ended_plans(D(2028, 7, 31), 12) == [plan.pk]


def test_a_plan_that_ended_on_a_leap_day():
    """Start 1 December 2027: day 90 is 29 February 2028. 29 February + 12 months is 28 February
    2029 (no 29th): on 28 February 2029 the cutoff is 28 February 2028, so the plan is not past;
    on 1 March 2029 it is (the cutoff is 1 March 2028)."""
    plan = _plan(D(2027, 12, 1))
    assert retention.find_ended_plans(D(2029, 2, 28), 12) == []
    assert retention.find_ended_plans(D(2029, 3, 1), 12) == [plan.pk]
    assert retention.ended_plans_by_year(D(2029, 3, 1), 12) == {2028: 1}


def test_six_months_at_the_end_of_august():
    """The DPO's 6 months, for a plan that ended 31 August 2027 (a task due then; start 1 May
    2027, day 90 = 30 July 2027). 31 August + 6 months has no 31 February: it is 29 February
    2028 (a leap year), so the plan is past from 1 March 2028. A plan that ended 1 September 2027
    (start 3 June 2027 + 90 days) is past from 2 March 2028."""
    august = _plan(D(2027, 5, 1), D(2027, 8, 31))
    september = _plan(D(2027, 6, 3))
    assert retention.find_ended_plans(D(2028, 2, 29), 6) == []
    assert retention.find_ended_plans(D(2028, 3, 1), 6) == [august.pk]
    assert sorted(retention.find_ended_plans(D(2028, 3, 2), 6)) == sorted([august.pk, september.pk])


def test_a_plan_not_yet_begun_or_still_running_is_never_found():
    _plan(D(2030, 1, 1), D(2029, 12, 20))  # starts in the future
    _plan(D(2027, 3, 1), D(2027, 3, 1), D(2031, 1, 1))  # a task due years ahead
    assert retention.find_ended_plans(D(2029, 6, 1), 12) == []


def test_deleting_takes_the_tasks_and_check_ins_and_names_the_linked_people(org):
    linked = _plan(D(2026, 1, 5), D(2026, 1, 12), person=org.person_in_nord)
    CheckIn.objects.create(plan=linked, day=30, answers={"better": "Mere tid med mentoren."})
    hired = ApplicationFactory(stage="hired")
    by_hand = _plan(D(2026, 2, 2), D(2026, 2, 9), application=hired)
    kept = _plan(D(2027, 2, 1), D(2027, 2, 8))
    applied = retention.delete_plans([linked.pk, by_hand.pk])
    assert applied.count == 2 and applied.person_ids == [org.person_in_nord.pk]
    assert list(OnboardingPlan.objects.values_list("pk", flat=True)) == [kept.pk]
    assert list(OnboardingTask.objects.values_list("plan_id", flat=True)) == [kept.pk]
    assert not CheckIn.objects.exists()
    hired.refresh_from_db()  # the application the person was hired from stays
    org.person_in_nord.refresh_from_db()  # and so does the person


def test_the_dpo_approves_a_batch_and_the_plans_are_gone(users, org):
    """Plans that ended 6 April 2026 (start 6 January 2026) and 5 June 2026 (a task due then):
    on 7 April 2027 only the first is past 12 months."""
    first = _plan(D(2026, 1, 6), D(2026, 1, 13), person=org.person_in_nord)
    second = _plan(D(2026, 1, 6), D(2026, 6, 5))
    today = D(2027, 4, 7)
    batches = {b.rule_code: b for b in engine.propose_batches(today)}
    batch = batches["recruitment_onboarding_plans"]
    assert batch.count == 1 and batch.by_year == {"2026": 1}
    assert (batch.years, batch.unit, batch.period_label) == (12, "months", "12 måneder")
    log = engine.approve(access_for(users["dpo"]), batch.pk, today=today)
    assert log.count == 1 and log.category == "rekruttering"
    assert list(OnboardingPlan.objects.values_list("pk", flat=True)) == [second.pk]
    entry = AuditEntry.objects.get(subject_person_id=org.person_in_nord.pk, action="delete")
    assert entry.category == "rekruttering"
    assert not OnboardingPlan.objects.filter(pk=first.pk).exists()


def test_the_register_tells_the_new_colleague_how_long_the_plan_is_kept():
    """Migration 0004 replaced "Introduktionsforløbet gemmes, mens du er ansat" (Charlie's
    standard text) and recorded the change."""
    from charlie.privacy.models import Purpose, PurposeVersion

    purpose = Purpose.objects.get(code="rekruttering")
    assert "mens du er ansat" not in purpose.retention
    assert "standard 12 måneder" in purpose.retention
    assert "slettes efter 7 dage" in purpose.retention
    latest = PurposeVersion.objects.filter(purpose=purpose).order_by("-pk").first()
    assert latest is not None and latest.data["retention"] == purpose.retention
