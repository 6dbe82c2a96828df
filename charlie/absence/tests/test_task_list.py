"""The task list at scale: filters (unit with sub-units, job family, type, due), search,
sorting, paging with counts, the scope and the audit of the page's people (issue 12)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from charlie.absence import services as svc
from charlie.absence.models import FollowUpTask, TaskStatus
from charlie.absence.services.tasks import PAGE_SIZE, TaskQuery, task_list
from charlie.absence.tests.factories import FollowUpTaskFactory
from charlie.core.errors import NotFound, PermissionDenied
from charlie.people.services import access_for
from charlie.people.tests.factories import job_family
from charlie.privacy.models import AuditEntry

ON = date(2025, 3, 5)  # a Wednesday: the week ends Sunday 9 March


def task(person, unit, due, code="sickness_interview", **kw):
    return FollowUpTaskFactory(
        person=person, org_unit=unit, due=due, code=code, first_day=due - timedelta(days=3), **kw
    )


@pytest.fixture
def spread(org):
    """Tasks in Nord (overdue, today, this week, later, done), Syd (overdue) and Skole."""
    return {
        "nord_overdue": task(org.person_in_nord, org.nord, ON - timedelta(days=2)),
        "nord_today": task(org.person_in_nord, org.nord, ON, code="contact_day_1"),
        "nord_week": task(org.person_in_nord, org.nord, date(2025, 3, 9), code="contact_day_5"),
        "nord_later": task(org.person_in_nord, org.nord, date(2025, 3, 20), code="retention_plan"),
        "nord_done": task(
            org.person_in_nord,
            org.nord,
            ON - timedelta(days=9),
            code="contact_day_14",
            status=TaskStatus.DONE,
        ),
        "syd_overdue": task(org.person_in_syd, org.syd, ON - timedelta(days=1)),
        "skole_overdue": task(org.person_in_skole, org.skole, ON - timedelta(days=5)),
    }


def pks(page):
    return {r.task.pk for r in page.rows}


def test_hr_filters_to_one_units_overdue_tasks(org, users, spread):
    """Done when: HR filters the task list to one unit's overdue tasks."""
    hr = access_for(users["hr"])
    page = task_list(hr, TaskQuery(unit=org.nord.pk, due="overdue"), ON)
    assert pks(page) == {spread["nord_overdue"].pk}
    assert page.total == 1
    # The counts behind each due filter, within the unit: 4 open, 2 due (today + overdue),
    # 1 overdue, 1 today, 2 this week (5 and 9 March), 1 done.
    assert page.counts == {"": 4, "due": 2, "overdue": 1, "today": 1, "week": 2, "done": 1}


def test_unit_filter_includes_sub_units(org, users, spread):
    hr = access_for(users["hr"])
    page = task_list(hr, TaskQuery(unit=org.aeldre.pk, due="overdue"), ON)
    assert pks(page) == {spread["nord_overdue"].pk, spread["syd_overdue"].pk}
    page = task_list(hr, TaskQuery(due="overdue"), ON)
    assert page.total == 3


def test_job_family_type_and_search(org, users, spread):
    hr = access_for(users["hr"])
    teachers = task_list(hr, TaskQuery(job_family=job_family("laerer").pk, due="overdue"), ON)
    assert pks(teachers) == {spread["skole_overdue"].pk}
    contacts = task_list(hr, TaskQuery(kind="contact_day_"), ON)
    assert pks(contacts) == {spread["nord_today"].pk, spread["nord_week"].pk}
    name = org.person_in_syd
    found = task_list(hr, TaskQuery(q=f"{name.first_name[:3]} {name.last_name}"), ON)
    assert pks(found) == {spread["syd_overdue"].pk}
    assert task_list(hr, TaskQuery(q=name.employee_number), ON).total == 1


def test_done_and_sorting(org, users, spread):
    hr = access_for(users["hr"])
    assert pks(task_list(hr, TaskQuery(due="done"), ON)) == {spread["nord_done"].pk}
    by_due = [r.task.pk for r in task_list(hr, TaskQuery(), ON).rows]
    assert by_due[0] == spread["skole_overdue"].pk  # the most overdue first
    latest_first = [r.task.pk for r in task_list(hr, TaskQuery(sort="-due"), ON).rows]
    assert latest_first[0] == spread["nord_later"].pk
    by_unit = [r.task.org_unit.name for r in task_list(hr, TaskQuery(sort="unit"), ON).rows]
    assert by_unit == sorted(by_unit)


def test_paging_with_counts(org, users):
    for i in range(PAGE_SIZE + 3):
        task(org.person_in_nord, org.nord, ON + timedelta(days=i), code=f"dialogue{i}")
    hr = access_for(users["hr"])
    first = task_list(hr, TaskQuery(), ON)
    assert (first.total, first.pages, first.first, first.last) == (PAGE_SIZE + 3, 2, 1, PAGE_SIZE)
    second = task_list(hr, TaskQuery(page=2), ON)
    assert (second.first, second.last, len(second.rows)) == (PAGE_SIZE + 1, PAGE_SIZE + 3, 3)
    assert not pks(first) & pks(second)
    assert task_list(hr, TaskQuery(page=99), ON).page == 2  # past the end: the last page


def test_counts_are_cached_until_the_tasks_change(org, users, spread, django_assert_num_queries):
    """The done count reads a year of tasks: it is kept until a task, the people or the
    absence data change; every way a task changes shows at once."""
    hr = access_for(users["hr"])
    before = task_list(hr, TaskQuery(), ON).counts
    assert before["done"] == 1 and before["overdue"] == 3
    with CaptureQueriesContext(connection) as queries:
        task_list(hr, TaskQuery(), ON)
    assert not any("COUNT(" in q["sql"].upper() for q in queries.captured_queries)
    svc.tasks.complete(hr, spread["nord_overdue"].pk)  # one by one: a saved task
    after = task_list(hr, TaskQuery(), ON).counts
    assert (after["done"], after["overdue"]) == (2, 2)
    escalated = svc.tasks.escalate_overdue(ON + timedelta(days=60))  # in bulk: bumped there
    assert escalated == 5 and task_list(hr, TaskQuery(), ON).escalated == 5
    # The search text is part of the key: another name, other counts.
    named = task_list(hr, TaskQuery(q=org.person_in_syd.last_name), ON)
    assert named.counts[""] == 1


def test_manager_sees_only_their_units(org, users, spread):
    manager = access_for(users["manager"])
    page = task_list(manager, TaskQuery(), ON)
    assert {r.task.org_unit_id for r in page.rows} == {org.nord.pk}
    with pytest.raises(NotFound):
        task_list(manager, TaskQuery(unit=org.skole.pk), ON)
    options, _families = svc.tasks.task_filter_choices(manager)
    assert f'value="{org.nord.pk}"' in options and f'value="{org.skole.pk}"' not in options


@pytest.mark.parametrize("role", ["employee", "analyst", "dpo", "admin"])
def test_others_are_refused(users, role):
    with pytest.raises(PermissionDenied):
        task_list(access_for(users[role]), TaskQuery(), ON)


def test_only_the_page_is_recorded_as_read(org, users, spread):
    task_list(access_for(users["hr"]), TaskQuery(unit=org.nord.pk), ON)
    entries = AuditEntry.objects.filter(detail="opgaver")
    assert {e.subject_person_id for e in entries} == {org.person_in_nord.pk}
    assert entries.count() == 1


def test_the_page_filters_and_pages(org, users, spread, client_as):
    from django.urls import reverse

    url = reverse("absence:tasks")
    page = client_as("hr").get(url, {"unit": org.nord.pk, "due": "overdue"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Viser 1–4 af 4 opgaver." in html  # today, every open Nord task is overdue
    assert f'href="/people/{org.person_in_nord.pk}/"' in html
    assert f'<option value="{org.nord.pk}" selected>Plejecenter Nord</option>' in html
    # Junk in the query string is ignored, never a 500; a unit outside a manager's scope is a
    # 404 (whether it exists is not the manager's business).
    assert client_as("hr").get(url, {"unit": "x", "page": "-1", "sort": "drop"}).status_code == 200
    assert client_as("manager").get(url, {"unit": org.skole.pk}).status_code == 404


def test_a_row_shows_the_task_escaped_with_its_actions(org, users, spread, client_as):
    """The rows (``{% task_rows %}``): the person with a link and phone, the task, the
    deadline with how far it is overdue, *Udført* with the CSRF token, the unit, the rule —
    and every value escaped."""
    from django.urls import reverse

    person = org.person_in_syd
    person.first_name, person.phone = "Ann <b>", "+45 12 34 56 78"
    person.save()
    html = client_as("hr").get(reverse("absence:tasks"), {"unit": org.syd.pk}).content.decode()
    task = spread["syd_overdue"]
    assert f'<a href="/people/{person.pk}/">Ann &lt;b&gt; {person.last_name}</a>' in html
    assert '<a class="form-hint" href="tel:+45 12 34 56 78">' in html
    assert f'<a href="/absence/opgaver/{task.pk}/">Sygefraværssamtale</a>' in html
    assert f'action="/absence/opgaver/{task.pk}/udfoert/"' in html
    assert 'name="csrfmiddlewaretoken" value="' in html
    assert "Overskredet" in html and "<b>" not in html.split("<tbody>")[1].split("</tbody>")[0]
    assert "Plejecenter Syd" in html and task.legal_basis in html


def test_choosing_the_digest(users, client_as):
    from django.urls import reverse

    from charlie.absence.models import ReminderPreference

    response = client_as("manager").post(reverse("absence:reminders"), {"daily_digest": "1"})
    assert response.status_code == 302
    assert ReminderPreference.objects.get(user=users["manager"]).daily_digest
    client_as("manager").post(reverse("absence:reminders"), {"daily_digest": "0"})
    assert not ReminderPreference.objects.get(user=users["manager"]).daily_digest
    assert (
        client_as("employee").post(reverse("absence:reminders"), {"daily_digest": "1"}).status_code
        == 403
    )
    assert FollowUpTask.objects.count() == 0
