"""The retention rule for participation in green and health initiatives: N years (default 2)
after the initiative ended, or after it started when it has no end. Dates worked out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from charlie.privacy import registry
from charlie.wellbeing.retention import (
    PARTICIPATIONS,
    delete_participations,
    find_participations,
    participations_by_year,
)
from charlie.wellbeing.tests.factories import InitiativeFactory, ParticipationFactory

pytestmark = pytest.mark.django_db


def test_the_rule_is_registered_under_the_category():
    assert registry.retention_rules()["wellbeing_participations"] is PARTICIPATIONS
    assert PARTICIPATIONS.category == "trivsel" and PARTICIPATIONS.default_years == 2


def test_two_years_after_the_end_or_the_start():
    # Ended 31 May 2027: 2 years later the cutoff on 31 May 2029 is 31 May 2027 itself, which is
    # not before it; on 1 June 2029 the cutoff is 1 June 2027 and the participation is past.
    may = ParticipationFactory(initiative=InitiativeFactory(ends_on=dt.date(2027, 5, 31)))
    # No end: counted from its start, 29 February 2028; 2 years later there is no 29 February,
    # so the cutoff on 28 February 2030 is 28 February 2028 (not past) and on 1 March 2030
    # it is 1 March 2028 (past).
    open_ended = ParticipationFactory(
        initiative=InitiativeFactory(starts_on=dt.date(2028, 2, 29), ends_on=None)
    )
    assert find_participations(dt.date(2029, 5, 31), 2) == []
    assert find_participations(dt.date(2029, 6, 1), 2) == [may.pk]
    assert find_participations(dt.date(2030, 2, 28), 2) == [may.pk]
    assert sorted(find_participations(dt.date(2030, 3, 1), 2)) == sorted([may.pk, open_ended.pk])
    assert participations_by_year(dt.date(2030, 3, 1), 2) == {2027: 1, 2028: 1}


def test_deleting_names_the_people_for_the_audit_log():
    joined = ParticipationFactory()
    applied = delete_participations([joined.pk])
    assert applied.count == 1 and applied.person_ids == [joined.person_id]
