"""§ 56 agreements and fastholdelsesplaner (sygedagpengeloven §§ 56 and 7 b).
Dates are worked out by hand in the comments."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from charlie.absence.models import (
    AbsencePeriod,
    FollowUpTask,
    RetentionPlan,
    Section56Agreement,
    TaskStatus,
)
from charlie.absence.services import agreements as svc
from charlie.absence.services import deadlines, refresh_tasks
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry

# Monday 10 March 2025 + 2 years = 10 March 2027; valid to the day before: Tue 9 March 2027.
# Renewal reminder 2 months (default policy) before the last valid day: Sat 9 January 2027.
APPROVED = date(2025, 3, 10)


@pytest.fixture
def nord(org):
    """The person in Plejecenter Nord, employed since 2020 (the § 30 conditions are met)."""
    person = org.person_in_nord
    employment = person.employments.get()
    employment.start_date = date(2020, 1, 1)
    employment.save()
    return person


def sick(person, start, end=None):
    return AbsencePeriod.objects.create(
        person=person, absence_type="sickness", start_date=start, end_date=end
    )


def by_code(person, first_day):
    return {t.code: t for t in FollowUpTask.objects.filter(person=person, first_day=first_day)}


def obligations_of(users, person, on):
    result = deadlines(access_for(users["hr"]), on=on, person_id=person.pk)
    return {case.first_day: {o.code: o for o in case.obligations} for case in result.cases}


def test_agreement_is_valid_two_years_and_stored_with_its_last_day(users, nord):
    row = svc.record_agreement(access_for(users["hr"]), nord.pk, APPROVED, on=date(2025, 3, 12))
    assert row.valid_until == date(2027, 3, 9)
    assert row.recorded_by == users["hr"]
    overview = svc.overview(access_for(users["hr"]), nord.pk, on=date(2025, 3, 12))
    (agreement,) = overview.agreements
    assert agreement.renewal_due == date(2027, 1, 9)
    assert agreement.valid_now and not agreement.renewed


def test_spell_under_a_valid_agreement_has_no_employer_period(users, nord):
    # Sick from Monday 17 March 2025, a week after the approval, ongoing.
    first = date(2025, 3, 17)
    sick(nord, first)
    on = date(2025, 3, 20)
    without = obligations_of(users, nord, on)[first]
    # Without the agreement: 30 days from 17 Mar (day 1) end on Tue 15 April 2025.
    assert without["employer_period"].applies
    assert without["employer_period"].due == date(2025, 4, 15)

    svc.record_agreement(access_for(users["hr"]), nord.pk, APPROVED, on=on)
    got = obligations_of(users, nord, on)[first]
    assert not got["employer_period"].applies
    assert "§ 56" in str(got["employer_period"].reason)
    # Wages paid, no employer period: report within 5 weeks: Mon 21 April 2025 (§ 40); refund
    # from the 1st day, first claim within 3 months: 17 June 2025 (§ 59).
    assert got["nemrefusion_report"].due == date(2025, 4, 21)
    assert got["nemrefusion_report"].applies
    assert got["refund_claim"].due == date(2025, 6, 17)
    assert got["section_56_renewal"].due == date(2027, 1, 9)


def test_spell_before_the_approval_or_after_expiry_keeps_its_employer_period(users, nord):
    sick(nord, date(2025, 3, 3), date(2025, 3, 31))  # before 10 March 2025
    sick(nord, date(2027, 3, 10))  # the day after the last valid day, 9 March 2027
    svc.record_agreement(access_for(users["hr"]), nord.pk, APPROVED, on=date(2025, 3, 12))
    before = obligations_of(users, nord, date(2025, 4, 1))[date(2025, 3, 3)]
    assert before["employer_period"].applies
    after = obligations_of(users, nord, date(2027, 3, 12))[date(2027, 3, 10)]
    assert after["employer_period"].applies
    # Tasks: the § 56 renewal is not repeated per spell.
    refresh_tasks(date(2027, 3, 12))
    assert "section_56_renewal" not in by_code(nord, date(2027, 3, 10))


def test_renewal_task_appears_90_days_ahead_and_closes_when_renewed(users, nord):
    svc.record_agreement(access_for(users["hr"]), nord.pk, APPROVED, on=date(2025, 3, 12))
    refresh_tasks(date(2026, 10, 10))  # 91 days before 9 Jan 2027: not yet
    assert not FollowUpTask.objects.filter(code="section_56_renewal").exists()
    refresh_tasks(date(2026, 10, 11))  # 90 days before
    task = FollowUpTask.objects.get(code="section_56_renewal")
    assert (task.first_day, task.due, task.status) == (APPROVED, date(2027, 1, 9), "open")
    assert task.org_unit == nord.employments.get().org_unit
    assert "§ 56" in str(task.legal_basis) and "9. marts 2027" in str(task.description)
    # Idempotent.
    again = refresh_tasks(date(2026, 10, 11))
    assert (again.created, again.updated, again.closed) == (0, 0, 0)
    # The kommune renews on 5 January 2027: the old reminder closes; the new agreement runs to
    # 4 January 2029, its reminder (4 Nov 2028) is far ahead, so no task yet.
    svc.record_agreement(access_for(users["hr"]), nord.pk, date(2027, 1, 5), on=date(2027, 1, 5))
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_APPLICABLE
    assert str(task.status_reason) == "Aftalen er fornyet."
    assert FollowUpTask.objects.filter(code="section_56_renewal").count() == 1


def test_retention_plan_request_opens_a_task_and_a_refusal_closes_it(users, nord):
    # Sick from Tuesday 4 March 2025; the end of week 8 is Tuesday 29 April 2025.
    first = date(2025, 3, 4)
    sick(nord, first)
    refresh_tasks(date(2025, 3, 20))
    assert "retention_plan" not in by_code(nord, first)  # no request: information only

    svc.record_retention_plan(
        access_for(users["manager"]),
        nord.pk,
        first_day=first,
        requested_on=date(2025, 3, 20),
        expected_over_8_weeks=True,
        on=date(2025, 3, 20),
    )
    task = by_code(nord, first)["retention_plan"]
    # Due by the jobcenter's first follow-up: end of week 8 from the 1st sick day (+ 55).
    assert (task.due, task.status) == (date(2025, 4, 28), TaskStatus.OPEN)  # 4 Mar + 55
    assert "§ 7 b" in str(task.legal_basis)

    # The employer refuses on 25 March: the same plan row is updated; the task closes.
    svc.record_retention_plan(
        access_for(users["hr"]),
        nord.pk,
        first_day=first,
        requested_on=date(2025, 3, 20),
        expected_over_8_weeks=True,
        decision="refused",
        decided_on=date(2025, 3, 25),
        on=date(2025, 3, 25),
    )
    assert RetentionPlan.objects.count() == 1
    task.refresh_from_db()
    assert task.status == TaskStatus.NOT_APPLICABLE
    assert "afslået" in str(task.status_reason)
    assert "25. marts 2025" in str(task.status_reason)
    got = obligations_of(users, nord, date(2025, 3, 25))[first]["retention_plan"]
    assert not got.applies


def test_plan_not_expected_over_8_weeks_gives_no_task(users, nord):
    first = date(2025, 3, 4)
    sick(nord, first)
    svc.record_retention_plan(
        access_for(users["hr"]),
        nord.pk,
        first_day=first,
        requested_on=date(2025, 3, 10),
        expected_over_8_weeks=False,
        on=date(2025, 3, 10),
    )
    assert "retention_plan" not in by_code(nord, first)
    got = obligations_of(users, nord, date(2025, 3, 10))[first]["retention_plan"]
    assert not got.applies and "ikke at vare over 8 uger" in str(got.reason)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"first_day": date(2025, 3, 5)}, "sygeperioder"),
        ({"requested_on": date(2025, 3, 1)}, "fra første sygedag"),
        ({"decision": "refused"}, "datoen for arbejdsgiverens svar"),
        ({"decided_on": date(2025, 3, 12)}, "Vælg arbejdsgiverens svar"),
        ({"decision": "refused", "decided_on": date(2025, 3, 9)}, "Svardatoen"),
    ],
)
def test_retention_plan_errors_say_how_to_fix(users, nord, kwargs, message):
    sick(nord, date(2025, 3, 4))
    data = {
        "first_day": date(2025, 3, 4),
        "requested_on": date(2025, 3, 10),
        "expected_over_8_weeks": True,
        **kwargs,
    }
    with pytest.raises(ValidationFailed) as exc:
        svc.record_retention_plan(access_for(users["hr"]), nord.pk, on=date(2025, 3, 20), **data)
    assert any(message in m for m in exc.value.messages)
    assert not RetentionPlan.objects.exists()


def test_agreement_in_the_future_or_twice_is_refused(users, nord):
    with pytest.raises(ValidationFailed):
        svc.record_agreement(
            access_for(users["hr"]), nord.pk, date(2025, 3, 13), on=date(2025, 3, 12)
        )
    svc.record_agreement(access_for(users["hr"]), nord.pk, APPROVED, on=date(2025, 3, 12))
    with pytest.raises(ValidationFailed):
        svc.record_agreement(access_for(users["hr"]), nord.pk, APPROVED, on=date(2025, 3, 12))
    assert Section56Agreement.objects.count() == 1


def test_scope_hr_and_the_persons_manager_only(users, org, nord):
    svc.record_agreement(access_for(users["manager"]), nord.pk, APPROVED, on=date(2025, 3, 12))
    with pytest.raises(NotFound):  # outside the manager's units
        svc.overview(access_for(users["manager"]), org.person_in_skole.pk)
    with pytest.raises(NotFound):
        svc.record_agreement(access_for(users["manager"]), org.person_in_skole.pk, APPROVED)
    for role in ("employee", "analyst", "dpo"):
        with pytest.raises(PermissionDenied):
            svc.overview(access_for(users[role]), nord.pk)
    assert Section56Agreement.objects.count() == 1


def test_reads_and_writes_are_audited_as_absence_data(users, nord):
    svc.record_agreement(access_for(users["hr"]), nord.pk, APPROVED, on=date(2025, 3, 12))
    svc.overview(access_for(users["manager"]), nord.pk)
    created = AuditEntry.objects.filter(
        action="create", category="fravaer", actor_username=users["hr"].username
    )
    assert created.filter(detail="§ 56-aftale", subject_person_id=nord.pk).exists()
    read = AuditEntry.objects.filter(
        action="read",
        category="fravaer",
        actor_username=users["manager"].username,
        detail="aftaler",
    ).get()
    assert (read.purpose, read.subject_person_id) == ("personaleledelse", nord.pk)


def test_page_records_an_agreement_and_a_plan(client_as, users, nord):
    today = timezone.localdate()
    first = today - timedelta(days=10)
    sick(nord, first)
    url = reverse("absence:agreements", kwargs={"person_id": nord.pk})
    client = client_as("manager")
    page = client.get(url)
    assert page.status_code == 200
    assert "Registrér § 56-aftale" in page.text and "lidelse" in page.text

    answer = client.post(url, {"form": "s56", "s56-approved_on": today.isoformat()})
    assert answer.status_code == 302
    assert Section56Agreement.objects.get(person=nord).recorded_by == users["manager"]

    answer = client.post(
        url,
        {
            "form": "plan",
            "plan-first_day": first.isoformat(),
            "plan-requested_on": today.isoformat(),
            "plan-expected_over_8_weeks": "ja",
            "plan-decision": "accepted",
            "plan-decided_on": "",
        },
    )
    assert answer.status_code == 400
    assert "Skriv datoen for arbejdsgiverens svar." in answer.text
    answer = client.post(
        url,
        {
            "form": "plan",
            "plan-first_day": first.isoformat(),
            "plan-requested_on": today.isoformat(),
            "plan-expected_over_8_weeks": "ja",
            "plan-decision": "accepted",
            "plan-decided_on": today.isoformat(),
        },
    )
    assert answer.status_code == 302
    plan = RetentionPlan.objects.get(person=nord)
    assert (plan.first_day, plan.decision) == (first, "accepted")
    assert "Arbejdsgiveren udarbejder planen" in client.get(url).text
