"""The daily job (tasks and reminders), the CLI, the pages and the export of compliance."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from charlie.learning.models import MandatoryRule, TrainingTask
from charlie.learning.services import training_tasks
from charlie.learning.tests.factories import CompletionFactory, CourseFactory
from charlie.people.services import access_for

ON = dt.date(2026, 6, 1)


@pytest.fixture
def hygiene(org):
    course = CourseFactory(title="Hygiejnekursus")
    rule = MandatoryRule.objects.create(name="Hygiejnebevis", course=course, renew_months=12)
    rule.units.set([org.nord, org.syd])
    org.person_in_nord.email = "nord@example.org"
    org.person_in_nord.save()
    org.person_in_syd.email = "syd@example.org"
    org.person_in_syd.save()
    return course, rule


def test_daily_job_opens_reminds_once_and_closes(org, users, hygiene):
    course, _rule = hygiene
    # Nord: taken 2025-06-20 → valid to 2026-06-19: 18 days left on 2026-06-01 ≤ 30 → a task.
    CompletionFactory(person=org.person_in_nord, course=course, completed_on=dt.date(2025, 6, 20))
    # Syd: taken 2025-08-01 → valid to 2026-07-31: 60 days left → no task yet.
    CompletionFactory(person=org.person_in_syd, course=course, completed_on=dt.date(2025, 8, 1))
    result = training_tasks.refresh_tasks(on=ON)
    assert (result.opened, result.closed, result.reminded) == (1, 0, 1)
    task = TrainingTask.objects.get()
    assert (task.person_id, task.due_on, task.reminded_on) == (
        org.person_in_nord.pk,
        dt.date(2026, 6, 19),
        ON,
    )
    assert mail.outbox[0].to == ["nord@example.org"]
    assert "Hygiejnebevis" in mail.outbox[0].subject
    # The next day: nothing new, no second mail.
    again = training_tasks.refresh_tasks(on=dt.date(2026, 6, 2))
    assert (again.opened, again.closed, again.reminded) == (0, 0, 0)
    assert len(mail.outbox) == 1
    # The manager sees the task (Nord is theirs) on the front page.
    items = training_tasks.queue_items(access_for(users["manager"]))
    assert items[0].count == 1
    # Renewed on 2026-06-10 → valid to 2027-06-09: compliant, the task is closed.
    CompletionFactory(person=org.person_in_nord, course=course, completed_on=dt.date(2026, 6, 10))
    done = training_tasks.refresh_tasks(on=dt.date(2026, 6, 10))
    assert (done.opened, done.closed) == (0, 1)
    assert TrainingTask.objects.get().closed_on == dt.date(2026, 6, 10)
    assert training_tasks.queue_items(access_for(users["manager"])) == []


def test_cli_json_and_csv(org, users, hygiene):
    org.nord.code = "NORD"
    org.nord.save()
    course, _rule = hygiene
    CompletionFactory(person=org.person_in_nord, course=course, completed_on=dt.date(2025, 6, 20))
    out = io.StringIO()
    call_command(
        "learning",
        "compliance",
        "--unit",
        "NORD",
        "--on",
        "2026-06-01",
        "--format",
        "json",
        stdout=out,
    )
    rows = json.loads(out.getvalue())
    assert rows == [
        {
            "employee_number": org.person_in_nord.employee_number,
            "name": org.person_in_nord.full_name,
            "unit": "Plejecenter Nord",
            "rule": "Hygiejnebevis",
            "last_completion": "2025-06-20",
            "valid_until": "2026-06-19",
            "due_on": "2026-06-19",
            "status": "due",
        }
    ]
    out = io.StringIO()
    call_command("learning", "compliance", "--on", "2026-06-01", "--format", "csv", stdout=out)
    table = list(csv.reader(io.StringIO(out.getvalue()), delimiter=";"))  # Danish CSV
    assert table[0][-1] == "status"
    # Syd never took it; employed since 2015 → overdue, listed first.
    assert [r[-1] for r in table[1:]] == ["overdue", "due"]


def test_cli_unknown_unit(org, users, hygiene):
    with pytest.raises(CommandError, match="Ukendt enhedskode"):
        call_command("learning", "compliance", "--unit", "FINDES-IKKE", "--format", "json")


def test_pages_and_export(client_as, org, users, hygiene):
    course, _rule = hygiene
    manager = client_as("manager")
    page = manager.get(reverse("learning:compliance"))
    assert page.status_code == 200
    text = page.content.decode()
    assert org.person_in_nord.full_name in text
    assert org.person_in_syd.full_name not in text  # Syd is not the manager's unit
    export = manager.get(reverse("learning:compliance_export"))
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    hr = client_as("hr")
    response = hr.post(
        reverse("learning:rule_new"),
        {"name": "Forflytning", "course": str(course.pk), "grace_days": "60", "active": "on"},
    )
    assert response.status_code == 302
    assert MandatoryRule.objects.get(name="Forflytning").grace_days == 60
    both = hr.post(
        reverse("learning:rule_new"),
        {"name": "Begge", "course": str(course.pk), "skill": "noget", "grace_days": "60"},
    )
    assert both.status_code == 200
    assert "ikke begge" in both.content.decode()


def test_api_rows_scope_and_unknown_unit(client_as, org, users, hygiene):
    course, _rule = hygiene
    CompletionFactory(person=org.person_in_nord, course=course, completed_on=dt.date(2025, 6, 20))
    manager = client_as("manager")
    url = reverse("api:learning_compliance")
    body = manager.get(url, {"on": "2026-06-01"}).json()
    # Only Nord is the manager's; valid to 2026-06-19, 18 days left → due.
    assert body["count"] == 1
    assert body["items"][0]["status"] == "due"
    assert body["items"][0]["valid_until"] == "2026-06-19"
    hr = client_as("hr")
    overdue = hr.get(url, {"on": "2026-06-01", "status": "overdue"}).json()
    assert [i["employee_number"] for i in overdue["items"]] == [org.person_in_syd.employee_number]
    assert hr.get(url, {"unit": "FINDES-IKKE"}).status_code == 404
    assert client_as("employee").get(url).status_code == 403


def test_a_withdrawn_completion_reopens_the_task(org, users, hygiene):
    course, _rule = hygiene
    # Syd never took it (employed since 2015): overdue, a task due 2015-05-30 (+ 90 days).
    training_tasks.refresh_tasks(on=ON)
    syd = TrainingTask.objects.get(person=org.person_in_syd)
    assert syd.due_on == dt.date(2015, 5, 30)
    done = CompletionFactory(
        person=org.person_in_syd, course=course, completed_on=dt.date(2026, 6, 2)
    )
    training_tasks.refresh_tasks(on=dt.date(2026, 6, 2))
    syd.refresh_from_db()
    assert syd.closed_on == dt.date(2026, 6, 2)
    done.delete()  # registered by mistake
    again = training_tasks.refresh_tasks(on=dt.date(2026, 6, 3))
    assert again.opened == 1
    syd.refresh_from_db()
    assert (syd.closed_on, syd.opened_on) == (None, dt.date(2026, 6, 3))
    assert TrainingTask.objects.filter(person=org.person_in_syd).count() == 1
