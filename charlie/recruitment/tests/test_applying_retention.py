"""The retention rules of recruitment, with dates worked out by hand, and one batch through the
DPO-approved engine end to end."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from charlie.people.services import access_for
from charlie.privacy.registry import retention_rules
from charlie.privacy.services import retention as engine
from charlie.recruitment import retention
from charlie.recruitment.models import (
    AdStatus,
    Application,
    ApplicationFile,
    ConsentEvent,
    Stage,
    StageChange,
)
from charlie.recruitment.tests.factories import ApplicationFactory, JobAdFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("org")]

CPH = ZoneInfo("Europe/Copenhagen")


def _at(day: dt.date, hour: int = 12) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=CPH)


def _round(deadline: dt.date, decided: list[tuple[str, dt.date]], **ad_kw) -> list[Application]:
    ad = JobAdFactory(status=ad_kw.pop("status", AdStatus.PUBLISHED), deadline=deadline, **ad_kw)
    rows = []
    for stage, day in decided:
        rows.append(
            ApplicationFactory(
                ad=ad,
                stage=stage,
                decided_at=_at(day) if stage in ("hired", "rejected") else None,
                withdrawn_at=_at(day) if stage == "withdrawn" else None,
            )
        )
    return rows


def test_both_rules_are_registered():
    rules = retention_rules()
    assert rules["recruitment_applicants_not_hired"].default_years == 1
    assert rules["recruitment_consent_log"].default_years == 2


def test_applicants_not_hired_go_one_year_after_the_last_decision():
    """Deadline 1 May 2025; the last decision 1 June 2025, so the round closed 1 June 2025. On
    1 June 2026 exactly one year has passed: not yet; on 2 June 2026 it has."""
    rejected, withdrawn, _hired = _round(
        dt.date(2025, 5, 1),
        [
            ("rejected", dt.date(2025, 5, 20)),
            ("withdrawn", dt.date(2025, 5, 10)),
            ("hired", dt.date(2025, 6, 1)),
        ],
    )
    assert retention.find_not_hired(dt.date(2026, 6, 1), 1) == []
    assert sorted(retention.find_not_hired(dt.date(2026, 6, 2), 1)) == sorted(
        [rejected.pk, withdrawn.pk]
    )
    assert retention.not_hired_by_year(dt.date(2026, 6, 2), 1) == {2025: 2}
    # Three years: on 2 June 2028 they are past, not on 1 June 2028.
    assert retention.find_not_hired(dt.date(2028, 6, 1), 3) == []
    assert len(retention.find_not_hired(dt.date(2028, 6, 2), 3)) == 2


def test_the_deadline_counts_when_decisions_came_before_it():
    """Everybody withdrew by 1 March 2025, the deadline was 15 March 2025: closed 15 March."""
    (only,) = _round(dt.date(2025, 3, 15), [("withdrawn", dt.date(2025, 3, 1))])
    assert retention.find_not_hired(dt.date(2026, 3, 15), 1) == []
    assert retention.find_not_hired(dt.date(2026, 3, 16), 1) == [only.pk]


def test_an_ad_closed_early_ended_when_it_was_closed():
    """HR closed the ad on 10 February 2025 (deadline 1 April 2025); the last rejection was 12
    February: the round closed 12 February 2025."""
    (app,) = _round(
        dt.date(2025, 4, 1),
        [("rejected", dt.date(2025, 2, 12))],
        status=AdStatus.CLOSED,
        closed_at=_at(dt.date(2025, 2, 10)),
    )
    assert retention.find_not_hired(dt.date(2026, 2, 12), 1) == []
    assert retention.find_not_hired(dt.date(2026, 2, 13), 1) == [app.pk]


def test_a_round_with_an_undecided_applicant_is_not_closed():
    _round(
        dt.date(2024, 1, 1),
        [("rejected", dt.date(2024, 1, 10)), ("interview_1", dt.date(2024, 1, 10))],
    )
    assert retention.find_not_hired(dt.date(2027, 1, 1), 1) == []


def test_an_open_ad_is_not_closed_and_a_decision_late_in_the_evening_counts_in_copenhagen():
    """A rejection at 00:30 on 2 January 2025 Copenhagen time (23:30 UTC on 1 January) belongs
    to 2 January."""
    ad = JobAdFactory(status=AdStatus.PUBLISHED, deadline=dt.date(2024, 12, 31))
    app = ApplicationFactory(
        ad=ad, stage="rejected", decided_at=dt.datetime(2025, 1, 1, 23, 30, tzinfo=dt.UTC)
    )
    assert retention.find_not_hired(dt.date(2026, 1, 2), 1) == []
    assert retention.find_not_hired(dt.date(2026, 1, 3), 1) == [app.pk]
    JobAdFactory(status=AdStatus.PUBLISHED, deadline=dt.date(2099, 1, 1))
    assert len(retention.find_not_hired(dt.date(2026, 1, 3), 1)) == 1


def test_deleting_takes_everything_about_the_application_but_never_a_hired_one():
    rejected, hired = _round(
        dt.date(2025, 5, 1), [("rejected", dt.date(2025, 5, 2)), ("hired", dt.date(2025, 5, 3))]
    )
    ApplicationFile.objects.create(
        application=rejected,
        kind="cv",
        name="cv.pdf",
        content_type="application/pdf",
        size=1,
        data=b"x",
    )
    StageChange.objects.create(application=rejected, stage="rejected")
    applied = retention.delete_applications([rejected.pk, hired.pk])
    assert applied.count == 1 and applied.person_ids == []
    assert list(Application.objects.values_list("pk", flat=True)) == [hired.pk]
    assert not ApplicationFile.objects.exists() and not StageChange.objects.exists()


def test_the_consent_log_goes_two_years_after_each_event():
    old = ConsentEvent.objects.create(
        subject="a" * 64, scope="talentbank", action="given", text_version="2026-12"
    )
    new = ConsentEvent.objects.create(
        subject="b" * 64, scope="talentbank", action="renewed", text_version="2026-12"
    )
    ConsentEvent.objects.filter(pk=old.pk).update(at=_at(dt.date(2024, 3, 1)))
    ConsentEvent.objects.filter(pk=new.pk).update(at=_at(dt.date(2024, 3, 2)))
    assert retention.find_consent_events(dt.date(2026, 3, 1), 2) == []
    assert retention.find_consent_events(dt.date(2026, 3, 2), 2) == [old.pk]
    assert retention.consent_events_by_year(dt.date(2026, 3, 3), 2) == {2024: 2}
    assert retention.delete_consent_events([old.pk]).count == 1
    assert list(ConsentEvent.objects.values_list("pk", flat=True)) == [new.pk]


def test_the_dpo_approves_a_batch_and_the_applicants_are_gone(users):
    _rejected, hired = _round(
        dt.date(2024, 5, 1), [("rejected", dt.date(2024, 5, 2)), ("hired", dt.date(2024, 5, 3))]
    )
    today = dt.date(2026, 1, 1)
    batches = {b.rule_code: b for b in engine.propose_batches(today)}
    batch = batches["recruitment_applicants_not_hired"]
    assert batch.count == 1 and batch.by_year == {"2024": 1}
    log = engine.approve(access_for(users["dpo"]), batch.pk, today=today)
    assert log.count == 1 and log.category == "rekruttering"
    assert list(Application.objects.values_list("pk", flat=True)) == [hired.pk]
    assert Application.objects.get().stage == Stage.HIRED
