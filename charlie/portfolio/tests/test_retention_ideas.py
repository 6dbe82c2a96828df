"""The retention rule for rejected ideas: N months (default 12) after the decision, with their
support and comments; other ideas stay. Dates worked out by hand."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from charlie.portfolio.models import Idea, IdeaComment, IdeaStatus, IdeaSupport
from charlie.portfolio.retention import (
    REJECTED_IDEAS,
    delete_rejected_ideas,
    find_rejected_ideas,
    rejected_ideas_by_year,
)
from charlie.portfolio.tests.factories import IdeaFactory
from charlie.privacy import registry

pytestmark = pytest.mark.django_db

CPH = ZoneInfo("Europe/Copenhagen")


def _decided(status: str, day: dt.date, **kw) -> Idea:
    moment = dt.datetime(day.year, day.month, day.day, 0, 30, tzinfo=CPH)
    return IdeaFactory(status=status, decided_at=moment, reason="Svar.", **kw)


def test_the_rule_is_registered_under_the_category():
    assert registry.retention_rules()["portfolio_rejected_ideas"] is REJECTED_IDEAS
    assert REJECTED_IDEAS.category == "digitalisering" and REJECTED_IDEAS.default_months == 12


def test_twelve_months_after_the_decision_and_only_rejected_ideas(org):
    # Rejected 15 March 2027 at 00:30 Copenhagen time (still the 14th in UTC: the local day
    # counts). On 15 March 2028 the cutoff is 15 March 2027, not after it: kept. On 16 March
    # 2028 the cutoff is 16 March 2027: past.
    rejected = _decided(IdeaStatus.REJECTED, dt.date(2027, 3, 15))
    # 31 August 2027: 12 months after is 31 August 2028; on that day the cutoff is 31 August
    # 2027 (kept), on 1 September 2028 it is 1 September 2027 (past).
    august = _decided(IdeaStatus.REJECTED, dt.date(2027, 8, 31))
    _decided(IdeaStatus.INITIATIVE, dt.date(2020, 1, 1))
    _decided(IdeaStatus.MERGED, dt.date(2020, 1, 1))
    IdeaFactory(status=IdeaStatus.NEW)
    assert find_rejected_ideas(dt.date(2028, 3, 15), 12) == []
    assert find_rejected_ideas(dt.date(2028, 3, 16), 12) == [rejected.pk]
    assert find_rejected_ideas(dt.date(2028, 8, 31), 12) == [rejected.pk]
    assert sorted(find_rejected_ideas(dt.date(2028, 9, 1), 12)) == sorted([rejected.pk, august.pk])
    assert rejected_ideas_by_year(dt.date(2028, 9, 1), 12) == {2027: 2}


def test_deleting_takes_support_and_comments_and_names_everyone(org):
    idea = _decided(IdeaStatus.REJECTED, dt.date(2027, 3, 15), submitted_by=org.person_in_nord)
    IdeaSupport.objects.create(idea=idea, person=org.person_in_skole)
    IdeaComment.objects.create(idea=idea, person=org.person_in_syd, text="Godt forslag.")
    merged = IdeaFactory(status=IdeaStatus.MERGED, merged_into=idea)
    applied = delete_rejected_ideas([idea.pk, merged.pk])
    assert applied.count == 1
    assert applied.person_ids == sorted(
        [org.person_in_nord.pk, org.person_in_skole.pk, org.person_in_syd.pk]
    )
    assert not Idea.objects.filter(pk=idea.pk).exists()
    assert not IdeaSupport.objects.exists() and not IdeaComment.objects.exists()
    merged.refresh_from_db()
    assert merged.merged_into is None
