"""The retention rules of recruitment, with dates worked out by hand, and one batch through the
DPO-approved engine end to end."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from charlie.core.errors import ValidationFailed
from charlie.people.services import access_for
from charlie.privacy.models import RetentionPolicy
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
    applicants = rules["recruitment_applicants_not_hired"]
    assert (applicants.unit, applicants.default_months, applicants.default_period) == (
        "months",
        6,
        6,
    )
    assert rules["recruitment_consent_log"].default_years == 2
    assert rules["recruitment_consent_log"].unit == "years"


def test_applicants_not_hired_go_six_months_after_the_last_decision():
    """Deadline 1 May 2025; the last decision 1 June 2025, so the round closed 1 June 2025. On
    1 December 2025 exactly six months have passed: not yet; on 2 December 2025 they have."""
    rejected, withdrawn, _hired = _round(
        dt.date(2025, 5, 1),
        [
            ("rejected", dt.date(2025, 5, 20)),
            ("withdrawn", dt.date(2025, 5, 10)),
            ("hired", dt.date(2025, 6, 1)),
        ],
    )
    assert retention.find_not_hired(dt.date(2025, 12, 1), 6) == []
    assert sorted(retention.find_not_hired(dt.date(2025, 12, 2), 6)) == sorted(
        [rejected.pk, withdrawn.pk]
    )
    assert retention.not_hired_by_year(dt.date(2025, 12, 2), 6) == {2025: 2}
    # 36 months (what Datatilsynet accepts at most): past on 2 June 2028, not on 1 June 2028.
    assert retention.find_not_hired(dt.date(2028, 6, 1), 36) == []
    assert len(retention.find_not_hired(dt.date(2028, 6, 2), 36)) == 2


def test_six_months_at_the_end_of_a_month():
    """Rounds that closed on 31 August 2026 (the deadline; everybody withdrew before it), 28
    February 2027 and 1 March 2027. 31 August + 6 months has no 31 February: it is 28 February
    2027, so that round is past from 1 March 2027. 28 February 2027 + 6 months = 28 August 2027:
    past from 29 August, and so on 31 August 2027; 1 March 2027 + 6 months = 1 September 2027:
    not yet on 31 August 2027."""
    (august,) = _round(dt.date(2026, 8, 31), [("withdrawn", dt.date(2026, 8, 1))])
    (february,) = _round(dt.date(2027, 2, 28), [("withdrawn", dt.date(2027, 2, 1))])
    (march,) = _round(dt.date(2027, 3, 1), [("withdrawn", dt.date(2027, 2, 1))])
    assert retention.find_not_hired(dt.date(2027, 2, 28), 6) == []
    assert retention.find_not_hired(dt.date(2027, 3, 1), 6) == [august.pk]
    assert retention.find_not_hired(dt.date(2027, 8, 28), 6) == [august.pk]
    assert sorted(retention.find_not_hired(dt.date(2027, 8, 29), 6)) == [august.pk, february.pk]
    assert sorted(retention.find_not_hired(dt.date(2027, 8, 31), 6)) == [august.pk, february.pk]
    assert sorted(retention.find_not_hired(dt.date(2027, 9, 2), 6)) == sorted(
        [august.pk, february.pk, march.pk]
    )
    assert retention.not_hired_by_year(dt.date(2027, 9, 2), 6) == {2026: 1, 2027: 2}


def test_the_deadline_counts_when_decisions_came_before_it():
    """Everybody withdrew by 1 March 2025, the deadline was 15 March 2025: closed 15 March, past
    6 months later from 16 September 2025."""
    (only,) = _round(dt.date(2025, 3, 15), [("withdrawn", dt.date(2025, 3, 1))])
    assert retention.find_not_hired(dt.date(2025, 9, 15), 6) == []
    assert retention.find_not_hired(dt.date(2025, 9, 16), 6) == [only.pk]


def test_an_ad_closed_early_ended_when_it_was_closed():
    """HR closed the ad on 10 February 2025 (deadline 1 April 2025); the last rejection was 12
    February: the round closed 12 February 2025, past 6 months later from 13 August 2025."""
    (app,) = _round(
        dt.date(2025, 4, 1),
        [("rejected", dt.date(2025, 2, 12))],
        status=AdStatus.CLOSED,
        closed_at=_at(dt.date(2025, 2, 10)),
    )
    assert retention.find_not_hired(dt.date(2025, 8, 12), 6) == []
    assert retention.find_not_hired(dt.date(2025, 8, 13), 6) == [app.pk]


def test_a_round_with_an_undecided_applicant_is_not_closed():
    _round(
        dt.date(2024, 1, 1),
        [("rejected", dt.date(2024, 1, 10)), ("interview_1", dt.date(2024, 1, 10))],
    )
    assert retention.find_not_hired(dt.date(2027, 1, 1), 6) == []


def test_an_open_ad_is_not_closed_and_a_decision_late_in_the_evening_counts_in_copenhagen():
    """A rejection at 00:30 on 2 January 2025 Copenhagen time (23:30 UTC on 1 January) belongs
    to 2 January: past 6 months later from 3 July 2025."""
    ad = JobAdFactory(status=AdStatus.PUBLISHED, deadline=dt.date(2024, 12, 31))
    app = ApplicationFactory(
        ad=ad, stage="rejected", decided_at=dt.datetime(2025, 1, 1, 23, 30, tzinfo=dt.UTC)
    )
    assert retention.find_not_hired(dt.date(2025, 7, 2), 6) == []
    assert retention.find_not_hired(dt.date(2025, 7, 3), 6) == [app.pk]
    JobAdFactory(status=AdStatus.PUBLISHED, deadline=dt.date(2099, 1, 1))
    assert len(retention.find_not_hired(dt.date(2025, 7, 3), 6)) == 1


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
    """The round closed 3 May 2024; on 4 November 2024 six months and a day have passed."""
    _rejected, hired = _round(
        dt.date(2024, 5, 1), [("rejected", dt.date(2024, 5, 2)), ("hired", dt.date(2024, 5, 3))]
    )
    assert "recruitment_applicants_not_hired" not in {
        b.rule_code for b in engine.propose_batches(dt.date(2024, 11, 3))
    }
    today = dt.date(2024, 11, 4)
    batches = {b.rule_code: b for b in engine.propose_batches(today)}
    batch = batches["recruitment_applicants_not_hired"]
    assert batch.count == 1 and batch.by_year == {"2024": 1}
    assert (batch.years, batch.unit, batch.period_label) == (6, "months", "6 måneder")
    log = engine.approve(access_for(users["dpo"]), batch.pk, today=today)
    assert log.count == 1 and log.category == "rekruttering"
    assert (log.years, log.unit, log.period_label) == (6, "months", "6 måneder")
    assert list(Application.objects.values_list("pk", flat=True)) == [hired.pk]
    assert Application.objects.get().stage == Stage.HIRED


def test_the_dpo_sets_months_and_a_period_set_in_years_before_counts_as_months(users):
    """A period the DPO chose when the rule counted years (1 year) is 12 months now; setting
    3 months is stored in months; 601 months is refused (the engine allows 1–600 months; the
    rule's description says Datatilsynet accepts up to 36)."""
    rule = retention_rules()["recruitment_applicants_not_hired"]
    assert engine.years_for(rule) == 6
    RetentionPolicy.objects.create(rule_code=rule.code, years=1, unit="years")
    assert engine.years_for(rule) == 12
    report = next(r for r in engine.find_expired(dt.date(2026, 1, 1)) if r.rule is rule)
    assert (report.years, report.policy_set, report.period_label) == (12, True, "12 måneder")
    policy = engine.update_policy(access_for(users["dpo"]), rule.code, 3)
    assert (policy.years, policy.unit, policy.period_label) == (3, "months", "3 måneder")
    assert engine.years_for(rule) == 3
    with pytest.raises(ValidationFailed):
        engine.update_policy(access_for(users["dpo"]), rule.code, 601)
