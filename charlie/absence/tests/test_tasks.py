"""Managers' follow-up tasks: refresh, scope, notes, escalation,
reminders. Dates are worked out by hand in the comments."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from charlie.absence import services as svc
from charlie.absence.models import AbsencePeriod, FollowUpTask, TaskStatus
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry

# Monday 3 March 2025; day 5 is Fri 7 Mar, day 14 is Sun 16 Mar; the interview is due at the
# end of week 4: Mon 31 Mar 2025.
FIRST = date(2025, 3, 3)
ON = date(2025, 3, 5)


def sick(person, start, end=None):
    return AbsencePeriod.objects.create(
        person=person, absence_type="sickness", start_date=start, end_date=end
    )


def tasks(person):
    return {t.code: t for t in FollowUpTask.objects.filter(person=person)}


@pytest.fixture
def nord_sick(org):
    sick(org.person_in_nord, FIRST)
    return org.person_in_nord


def test_refresh_creates_the_tasks_with_hand_computed_dates(org, nord_sick):
    result = svc.refresh_tasks(ON)
    got = tasks(nord_sick)
    assert got["contact_day_1"].due == date(2025, 3, 3)
    assert got["contact_day_5"].due == date(2025, 3, 7)
    assert got["contact_day_14"].due == date(2025, 3, 16)
    assert got["sickness_interview"].due == date(2025, 3, 31)
    # NemRefusion: 5 weeks after the 1st day = Mon 7 Apr 2025 (§ 40).
    assert got["nemrefusion_report"].due == date(2025, 4, 7)
    assert "§ 7 a" in str(got["sickness_interview"].legal_basis)
    # Information only (employer period, jobcenter, § 59 limit) never becomes a task.
    assert not {"employer_period", "jobcenter_follow_up", "refund_dispensation_limit"} & set(got)
    assert all(t.org_unit == org.nord and t.status == TaskStatus.OPEN for t in got.values())
    assert result.created == len(got)


def test_refresh_is_idempotent(org, nord_sick):
    svc.refresh_tasks(ON)
    before = list(FollowUpTask.objects.order_by("pk").values())
    second = svc.refresh_tasks(ON)
    assert (second.created, second.updated, second.closed) == (0, 0, 0)
    assert list(FollowUpTask.objects.order_by("pk").values()) == before


def test_recovery_closes_open_tasks_and_keeps_done_ones(org, users, nord_sick):
    svc.refresh_tasks(ON)
    done = tasks(nord_sick)["contact_day_1"]
    svc.complete(access_for(users["manager"]), done.pk)
    # Back at work after Thu 6 Mar: contact on day 5 (7 Mar) and the interview do not arise.
    AbsencePeriod.objects.filter(person=nord_sick).update(end_date=date(2025, 3, 6))
    result = svc.refresh_tasks(date(2025, 3, 7))
    got = tasks(nord_sick)
    assert got["contact_day_1"].status == TaskStatus.DONE
    assert got["contact_day_5"].status == TaskStatus.NOT_APPLICABLE
    assert got["sickness_interview"].status == TaskStatus.NOT_APPLICABLE
    assert (
        str(got["sickness_interview"].status_reason) == "Medarbejderen var rask igen før fristen."
    )
    assert result.closed >= 2
    # The period is extended again: the automatically closed tasks open again.
    AbsencePeriod.objects.filter(person=nord_sick).update(end_date=None)
    svc.refresh_tasks(date(2025, 3, 8))
    assert tasks(nord_sick)["sickness_interview"].status == TaskStatus.OPEN


def test_old_deadlines_are_not_backfilled(org):
    # Sick from 1 Dec 2024, ongoing; refresh on 5 Mar 2025: the contacts (Dec) are long past.
    sick(org.person_in_nord, date(2024, 12, 1))
    svc.refresh_tasks(ON)
    got = tasks(org.person_in_nord)
    assert "contact_day_1" not in got and "sickness_interview" not in got
    # Refund claim 1: employer period 1–30 Dec; refund from 31 Dec → claim by 31 Mar 2025.
    assert got["refund_claim_1"].due == date(2025, 3, 31)


def test_dialogue_task_when_three_periods_in_six_months(org):
    p = org.person_in_syd
    sick(p, date(2025, 1, 6), date(2025, 1, 7))
    sick(p, date(2025, 2, 3), date(2025, 2, 4))
    sick(p, date(2025, 3, 3), date(2025, 3, 4))  # the 3rd period in 6 months: fires 3 Mar
    svc.refresh_tasks(ON)
    dialogue = FollowUpTask.objects.get(person=p, code="dialogue")
    assert dialogue.first_day == date(2025, 3, 3)
    assert dialogue.due == date(2025, 3, 17)  # + 14 days
    assert "3 sygeperioder" in str(dialogue.description)
    svc.refresh_tasks(ON)
    assert FollowUpTask.objects.filter(person=p, code="dialogue").count() == 1


def test_manager_sees_only_own_units_hr_all_others_403(org, users):
    sick(org.person_in_nord, FIRST)
    sick(org.person_in_skole, FIRST)
    svc.refresh_tasks(ON)
    manager_people = {r.task.person_id for r in svc.tasks_for(access_for(users["manager"]), ON)}
    assert manager_people == {org.person_in_nord.pk}
    hr_people = {r.task.person_id for r in svc.tasks_for(access_for(users["hr"]), ON)}
    assert hr_people == {org.person_in_nord.pk, org.person_in_skole.pk}
    for role in ("employee", "analyst", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            svc.tasks_for(access_for(users[role]), ON)
    skole_task = FollowUpTask.objects.filter(person=org.person_in_skole).first()
    with pytest.raises(NotFound):
        svc.get_task(access_for(users["manager"]), skole_task.pk)
    with pytest.raises(NotFound):
        svc.complete(access_for(users["manager"]), skole_task.pk)


def test_list_is_sorted_by_due_date_and_flags_overdue(org, users, nord_sick):
    svc.refresh_tasks(ON)
    rows = svc.tasks_for(access_for(users["manager"]), date(2025, 3, 8))
    dues = [r.task.due for r in rows]
    assert dues == sorted(dues)
    first = rows[0]
    assert first.task.code == "contact_day_1" and first.overdue and first.days_overdue == 5
    assert not next(r for r in rows if r.task.code == "sickness_interview").overdue


def test_complete_and_not_applicable_record_who_and_when(org, users, nord_sick):
    svc.refresh_tasks(ON)
    got = tasks(nord_sick)
    svc.complete(access_for(users["manager"]), got["contact_day_1"].pk)
    task = FollowUpTask.objects.get(pk=got["contact_day_1"].pk)
    assert task.status == TaskStatus.DONE and task.done_by == users["manager"] and task.done_at
    with pytest.raises(ValidationFailed):
        svc.complete(access_for(users["manager"]), task.pk)  # already closed
    with pytest.raises(ValidationFailed):
        svc.not_applicable(access_for(users["hr"]), got["contact_day_5"].pk, "  ")
    svc.not_applicable(access_for(users["hr"]), got["contact_day_5"].pk, "Raskmeldt")
    task = FollowUpTask.objects.get(pk=got["contact_day_5"].pk)
    assert (task.status, task.status_reason, task.done_by) == (
        TaskStatus.NOT_APPLICABLE,
        "Raskmeldt",
        users["hr"],
    )
    updates = AuditEntry.objects.filter(action="update", category="fravaer")
    assert updates.filter(actor=users["manager"], purpose="personaleledelse").count() == 1
    assert updates.filter(actor=users["hr"], purpose="hr_administration").count() == 1


def test_notes_are_audited_and_hidden_from_others(org, users, nord_sick):
    svc.refresh_tasks(ON)
    task = tasks(nord_sick)["sickness_interview"]
    svc.add_note(access_for(users["manager"]), task.pk, "Samtale aftalt til mandag.")
    with pytest.raises(ValidationFailed):
        svc.add_note(access_for(users["manager"]), task.pk, "CPR 010203-1234")
    before = AuditEntry.objects.filter(detail="opfølgningsnotater").count()
    assert [n.text for n in svc.notes_of(access_for(users["hr"]), task.pk)] == [
        "Samtale aftalt til mandag."
    ]
    read = AuditEntry.objects.filter(detail="opfølgningsnotater")
    assert read.count() == before + 1
    assert read.last().actor == users["hr"] and read.last().category == "fravaer"
    # The employee (whose task it is) and the analyst never see the notes.
    for role in ("employee", "analyst", "dpo"):
        with pytest.raises(PermissionDenied):
            svc.notes_of(access_for(users[role]), task.pk)


def test_note_page_shows_notes_only_to_manager_and_hr(client_as, org, users, nord_sick):
    svc.refresh_tasks(ON)
    task = tasks(nord_sick)["sickness_interview"]
    svc.add_note(access_for(users["manager"]), task.pk, "Ring igen torsdag.")
    url = reverse("absence:task", kwargs={"task_id": task.pk})
    page = client_as("hr").get(url)
    assert page.status_code == 200
    assert "Ring igen torsdag." in page.content.decode()
    assert "diagnose" in page.content.decode()  # the form warns: never a diagnosis
    assert client_as("employee").get(url).status_code == 403


def test_escalation_after_three_days(org, users, nord_sick, settings):
    svc.refresh_tasks(ON)
    # contact_day_1 is due 3 Mar: overdue by more than 3 days from 7 Mar (on 7 Mar: 4 days).
    assert svc.escalate_overdue(date(2025, 3, 6)) == 0  # 3 days: not yet
    assert svc.escalate_overdue(date(2025, 3, 7)) == 1
    assert svc.escalate_overdue(date(2025, 3, 7)) == 0  # only once
    escalated = svc.tasks_for(access_for(users["hr"]), date(2025, 3, 7), escalated_only=True)
    assert [r.task.code for r in escalated] == ["contact_day_1"]
    assert escalated[0].escalated
    settings.CHARLIE_ABSENCE_ESCALATE_AFTER_DAYS = 0
    assert svc.escalate_overdue(date(2025, 3, 8)) == 1  # contact_day_5 (7 Mar)


def test_reminders_mail_the_manager_a_digest(org, users, nord_sick):
    users["manager"].email = "leder@example.dk"
    users["manager"].save()
    svc.tasks.choose_digest(access_for(users["manager"]), daily_digest=True)
    svc.refresh_tasks(ON)
    mail.outbox.clear()
    # On 5 Mar: due by 7 Mar or overdue → contact day 1 (3 Mar) and day 5 (7 Mar).
    assert svc.send_reminders(ON) == 1
    [message] = mail.outbox
    assert message.to == ["leder@example.dk"]
    assert "Kontakt på 1. sygedag" in message.body
    assert "Kontakt på 5. sygedag" in message.body
    assert "Sygefraværssamtale" not in message.body  # due 31 Mar
    assert nord_sick.full_name in message.body
    assert "03.03.2025 (overskredet)" in message.body
    assert "07.03.2025:" in message.body
    assert AuditEntry.objects.filter(detail="påmindelse", channel="task").exists()


def test_no_reminder_without_tasks_or_email(org, users, nord_sick):
    svc.refresh_tasks(ON)
    mail.outbox.clear()
    assert svc.send_reminders(ON) == 0  # the manager has no e-mail address
    assert mail.outbox == []
