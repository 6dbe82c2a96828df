"""Retention of skill data (docs/retention.md): replaced assessments, rejected proposals and
replaced opt-in answers, by hand-worked dates, and through privacy's batches and page."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from charlie.people.services import access_for
from charlie.privacy import registry
from charlie.privacy.services import retention as privacy_retention
from charlie.skills.models import AssessmentStatus, OptIn, SkillAssessment
from charlie.skills.retention import (
    REJECTED_PROPOSALS,
    REPLACED_ASSESSMENTS,
    REPLACED_OPT_INS,
)
from charlie.skills.tests.factories import SkillAssessmentFactory, SkillFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 12, 6)


def test_the_rules_are_registered():
    rules = registry.retention_rules()
    for rule in (REPLACED_ASSESSMENTS, REJECTED_PROPOSALS, REPLACED_OPT_INS):
        assert rules[rule.code] is rule and rule.category == "kompetencer"


def test_rejected_proposals_go_after_two_years_to_the_day(org):
    # Two years before 2026-12-06 is 2024-12-06: a proposal of that date is not yet past.
    on_the_day = SkillAssessmentFactory(
        person=org.person_in_nord,
        status=AssessmentStatus.REJECTED,
        assessed_on=dt.date(2024, 12, 6),
    )
    day_before = SkillAssessmentFactory(
        person=org.person_in_nord,
        status=AssessmentStatus.REJECTED,
        assessed_on=dt.date(2024, 12, 5),
    )
    confirmed = SkillAssessmentFactory(person=org.person_in_nord, assessed_on=dt.date(2010, 1, 1))
    found = REJECTED_PROPOSALS.find(TODAY, 2)
    assert found == [day_before.pk]
    assert on_the_day.pk not in found and confirmed.pk not in found
    assert REJECTED_PROPOSALS.by_year(TODAY, 2) == {2024: 1}


def test_replaced_opt_ins_go_but_the_newest_answer_stays(org):
    person = org.person_in_nord
    old_yes = OptIn.objects.create(person=person, kind="projects", opted_in=True)
    newer_no = OptIn.objects.create(person=person, kind="projects", opted_in=False)
    lone = OptIn.objects.create(person=person, kind="opportunities", opted_in=True)
    OptIn.objects.filter(pk=old_yes.pk).update(at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC))
    OptIn.objects.filter(pk=newer_no.pk).update(at=dt.datetime(2021, 1, 1, tzinfo=dt.UTC))
    OptIn.objects.filter(pk=lone.pk).update(at=dt.datetime(2019, 1, 1, tzinfo=dt.UTC))
    assert REPLACED_OPT_INS.find(TODAY, 3) == [old_yes.pk]
    applied = REPLACED_OPT_INS.apply([old_yes.pk])
    assert applied.count == 1 and applied.person_ids == [person.pk]
    assert set(OptIn.objects.values_list("pk", flat=True)) == {newer_no.pk, lone.pk}


def test_privacy_proposes_a_batch_and_the_dpo_page_shows_the_rules(org, users, client):
    skill = SkillFactory()
    SkillAssessmentFactory(
        person=org.person_in_nord, skill=skill, level=1, assessed_on=dt.date(2015, 1, 1)
    )
    SkillAssessmentFactory(
        person=org.person_in_nord, skill=skill, level=2, assessed_on=dt.date(2016, 1, 1)
    )
    batches = privacy_retention.propose_batches(TODAY)
    batch = next(b for b in batches if b.rule_code == REPLACED_ASSESSMENTS.code)
    privacy_retention.approve(access_for(users["dpo"]), batch.pk, today=TODAY)
    assert list(SkillAssessment.objects.values_list("level", flat=True)) == [2]
    client.force_login(users["dpo"])
    page = client.get(reverse("privacy:retention")).content.decode()
    assert "Kompetencer: afviste forslag" in page


def test_the_register_says_what_is_deleted_when():
    from charlie.privacy.models import Purpose

    purpose = Purpose.objects.get(code="kompetenceudvikling")
    assert "afvist, efter 2 år" in purpose.retention
    assert "kompetencer" in Purpose.objects.get(code="hr_administration").categories
