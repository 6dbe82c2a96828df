"""Tasks at once and reminders by e-mail (issue 12, point 2).

A sick report — by the employee in "Mit fravær" or by an import — creates the person's follow-up
tasks in the same request (the import: in the worker's run), not the next night; reminders and
escalations go by Django's e-mail backend (the tests' locmem outbox), one mail per task or one
daily digest as each user chooses."""

from __future__ import annotations

import pathlib
from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse

from charlie.absence import services as svc
from charlie.absence.models import AbsencePeriod, FollowUpTask, TaskStatus
from charlie.absence.services import selfservice
from charlie.core.roles import Role
from charlie.people.services import access_for, operator_access
from charlie.people.services import today as local_today
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db

FIRST = date(2025, 3, 3)  # Monday; contact day 1 is due the same day, day 5 on Fri 7 Mar
ON = date(2025, 3, 5)


@pytest.fixture
def manager_mail(users):
    users["manager"].email = "leder@example.dk"
    users["manager"].save()
    return users["manager"]


def test_a_sick_report_shows_its_day_1_task_at_once(org, users, client_as):
    """Done when: a sick report at 06:15 shows its day-1 task at 06:15 (the same request)."""
    today = local_today()
    response = client_as("employee").post(
        reverse("absence:report_sick"), {"first_day": today.isoformat()}
    )
    assert response.status_code == 302
    task = FollowUpTask.objects.get(person=org.person_in_nord, code="contact_day_1")
    assert (task.due, task.status, task.org_unit) == (today, TaskStatus.OPEN, org.nord)
    page = client_as("manager").get(reverse("absence:tasks"), {"due": "today"})
    assert "Kontakt på 1. sygedag" in page.content.decode()
    home = client_as("manager").get(reverse("home"))
    assert "Kontakt på 1. sygedag" in home.content.decode()


def test_a_well_report_closes_the_tasks_at_once(org, users):
    employee = access_for(users["employee"])
    selfservice.report_sick(employee, first_day=FIRST, on=FIRST)
    assert FollowUpTask.objects.filter(person=org.person_in_nord, code="contact_day_5").exists()
    selfservice.report_well(employee, last_day=date(2025, 3, 4), on=ON)
    day_5 = FollowUpTask.objects.get(person=org.person_in_nord, code="contact_day_5")
    assert day_5.status == TaskStatus.NOT_APPLICABLE


def test_one_mail_per_task_at_once_and_once_more_when_overdue(
    org, users, manager_mail, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        selfservice.report_sick(access_for(users["employee"]), first_day=FIRST, on=FIRST)
    # The sick report mail, and one reminder for the day-1 contact (due within 2 days).
    subjects = sorted(m.subject for m in mail.outbox)
    name = org.person_in_nord.full_name
    assert subjects == sorted(
        [f"Sygemelding: {name}", f"Opfølgning: Kontakt på 1. sygedag – {name}"]
    )
    reminder = next(m for m in mail.outbox if m.subject.startswith("Opfølgning"))
    assert reminder.to == ["leder@example.dk"]
    assert "03.03.2025" in reminder.body and "diagnose" not in reminder.body.lower()
    mail.outbox.clear()
    # 4 Mar: day 1 (3 Mar) is overdue — one more mail; 5 Mar: day 5 (Fri 7 Mar) comes within
    # 2 days — its first mail.
    assert svc.send_reminders(date(2025, 3, 4)) == 1
    assert svc.send_reminders(ON) == 1
    assert [m.subject for m in mail.outbox] == [
        f"Overskredet frist: Kontakt på 1. sygedag – {name}",
        f"Opfølgning: Kontakt på 5. sygedag – {name}",
    ]
    mail.outbox.clear()
    assert svc.send_reminders(date(2025, 3, 6)) == 0  # each mail only once
    reads = AuditEntry.objects.filter(detail="påmindelse", channel="task")
    assert {e.subject_person_id for e in reads} == {org.person_in_nord.pk}


def test_the_digest_is_one_mail_a_day_and_not_sent_at_once(
    org, users, manager_mail, django_capture_on_commit_callbacks
):
    svc.tasks.choose_digest(access_for(manager_mail), daily_digest=True)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        selfservice.report_sick(access_for(users["employee"]), first_day=FIRST, on=FIRST)
    assert [m.subject for m in mail.outbox] == [f"Sygemelding: {org.person_in_nord.full_name}"]
    mail.outbox.clear()
    assert svc.send_reminders(ON) == 1
    [digest] = mail.outbox
    assert "Kontakt på 1. sygedag" in digest.body and "Kontakt på 5. sygedag" in digest.body
    assert svc.send_reminders(date(2025, 3, 6)) == 1  # every day while tasks are due


def test_escalations_are_mailed_to_hr(org, users, manager_mail):
    users["hr"].email = "hr@example.dk"
    users["hr"].save()
    AbsencePeriod.objects.create(
        person=org.person_in_nord, absence_type="sickness", start_date=FIRST
    )
    svc.refresh_tasks(ON)
    mail.outbox.clear()
    assert svc.escalate_overdue(date(2025, 3, 7)) == 1  # day 1 (3 Mar) overdue by 4 days
    [message] = mail.outbox
    assert message.to == ["hr@example.dk"]
    assert message.subject.startswith("Sendt videre til HR: Kontakt på 1. sygedag")
    assert "Plejecenter Nord" in message.body
    # An HR user with the digest gets the escalated tasks in the day's one mail instead.
    svc.tasks.choose_digest(access_for(users["hr"]), daily_digest=True)
    mail.outbox.clear()
    svc.send_reminders(date(2025, 3, 7))
    digest = [m for m in mail.outbox if m.to == ["hr@example.dk"]]
    assert len(digest) == 1 and "sendt videre til HR" in digest[0].body


def test_an_import_creates_the_tasks_in_the_same_run(tmp_path):
    from charlie.imports import services as imports

    examples = pathlib.Path(__file__).resolve().parents[3] / "docs" / "examples"
    system = operator_access(Role.HR)
    files = [examples / "enheder.csv", examples / "medarbejdere.csv"]
    assert imports.run_import(system, sources=imports.sources_for(files)).ok
    today = local_today()
    absence = tmp_path / "fravaer.csv"
    absence.write_text(
        "medarbejdernummer;fravaerstype;startdato;slutdato\n"
        f"1001;sygdom;{(today - timedelta(days=1)).strftime('%d-%m-%Y')};\n",
        encoding="utf-8",
    )
    result = imports.run_import(system, sources=imports.sources_for([absence]))
    assert result.ok, result.problems
    codes = set(
        FollowUpTask.objects.filter(person__employee_number="1001").values_list("code", flat=True)
    )
    assert {"contact_day_1", "contact_day_5"} <= codes
