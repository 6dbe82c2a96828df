"""Who may open each URL of absence, and which of its URLs must write the audit log:
"Mit fravær", the statistics, follow-up tasks, § 56
agreements and the local policy.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` and
``charlie/privacy/tests/test_every_personal_data_url.py``.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from charlie.absence.tests.factories import AbsencePeriodFactory, FollowUpTaskFactory
from charlie.core.testing.cases import (
    LOGIN_REQUIRED,
    NORD,
    Case,
    Visit,
    days_ago,
    expect,
    nord,
    own,
    skole,
)


def followup_task_id(person: Any, unit: Any) -> int:
    """An open follow-up task for ``person``, owned by ``unit`` (the same one on every call)."""
    return FollowUpTaskFactory(person=person, org_unit=unit).pk


def open_sickness_for_everyone() -> dict[str, Any]:
    """An open sickness period from 3 days ago for every person with a user (no URL kwargs)."""
    from django.utils import timezone

    from charlie.people.models import Person

    for person in Person.objects.filter(user__isnull=False):
        AbsencePeriodFactory(person=person, start_date=timezone.localdate() - timedelta(days=3))
    return {}


def _followup_task(org: Any) -> int:
    """An open follow-up task for the person in Plejecenter Nord; returns its id."""
    return FollowUpTaskFactory(person=org.person_in_nord, org_unit=org.nord).pk


def _feed_token(username: str) -> str:
    from charlie.absence.services import rotate_feed_token
    from charlie.core.models import User
    from charlie.people.services import access_for

    return rotate_feed_token(access_for(User.objects.get(username=username)))


PERMISSION_CASES: list[Case] = [
    # "Mit fravær": always the user's own absence; users without a person record get a friendly
    # page (GET) and are refused (POST). No person id in the URL or the form.
    Case("absence:my_absence", expect(200, anonymous=LOGIN_REQUIRED)),
    Case("absence:report_sick", expect(405, anonymous=LOGIN_REQUIRED), label="GET is refused"),
    Case(
        "absence:report_sick",
        expect(403, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
        method="post",
        data={"first_day": days_ago(2)},
    ),
    Case("absence:report_well", expect(405, anonymous=LOGIN_REQUIRED), label="GET is refused"),
    Case(
        "absence:report_well",
        expect(403, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
        method="post",
        kwargs=lambda org: open_sickness_for_everyone(),
        data={"last_day": days_ago(1)},
        label="while sick",
    ),
    Case(
        "absence:report_well",
        expect(403, anonymous=LOGIN_REQUIRED, employee=400, manager=400, hr=400),
        method="post",
        data={"last_day": days_ago(1)},
        label="not sick",
    ),
    # Fraværsstatistik: aggregates for HR, analysts and managers (their units); the current year
    # has data in the test organisation (employments from 2015).
    Case(
        "absence:dashboard",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        data={"year": days_ago(0)[:4], "by": "job_family"},
    ),
    Case(
        "absence:dashboard",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        data={"year": days_ago(0)[:4], "by": "unit"},
        label="by unit",
    ),
    Case(
        "absence:dashboard_xlsx",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        data={"year": days_ago(0)[:4], "by": "job_family"},
    ),
    # Absence figures: aggregates for HR, analysts and managers (their units); deadlines of a
    # person in scope (here the employee's own: HR, their manager and themselves).
    Case(
        "api:absence_stats",
        expect(403, anonymous=401, manager=200, hr=200, analyst=200),
        data={"from": "2025-01-01", "to": "2025-12-31", "by": "unit"},
    ),
    Case(
        "api:absence_deadlines",
        expect(404, anonymous=401, employee=200, manager=200, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
    ),
    # Follow-up tasks: managers (their units) and HR only; the calendar feed
    # needs no session but a valid key (401 asking for one without it, 404 for a wrong one in
    # the link); the local policy is HR's.
    Case("absence:tasks", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200)),
    Case("absence:tasks_ics", expect(401), label="without a key"),
    Case(
        "absence:tasks_ics",
        expect(404),
        data={"token": "charlie_wrong"},
        label="with a wrong key in the link",
    ),
    Case("absence:feed_rotate", expect(405, anonymous=LOGIN_REQUIRED), label="GET is refused"),
    Case(
        "absence:feed_rotate",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        method="post",
    ),
    Case("absence:feed_revoke", expect(405, anonymous=LOGIN_REQUIRED), label="GET is refused"),
    Case(
        "absence:feed_revoke",
        expect(403, anonymous=LOGIN_REQUIRED, manager=302, hr=302),
        method="post",
    ),
    Case("absence:reminders", expect(405, anonymous=LOGIN_REQUIRED), label="GET is refused"),
    Case(
        "absence:reminders",
        expect(403, anonymous=LOGIN_REQUIRED, manager=302, hr=302),
        method="post",
        data={"daily_digest": "1"},
    ),
    Case(
        "absence:tasks",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        data={"due": "overdue", "q": "Jens", "sort": "person", "kind": "contact_day_"},
        label="filtered",
    ),
    Case(
        "absence:task",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=lambda org: {"task_id": followup_task_id(org.person_in_nord, org.nord)},
        label="a task in the manager's unit",
    ),
    Case(
        "absence:task",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=lambda org: {"task_id": followup_task_id(org.person_in_skole, org.skole)},
        label="a task outside the manager's unit",
    ),
    Case(
        "absence:task_done",
        expect(403, anonymous=LOGIN_REQUIRED, manager=302, hr=302),
        method="post",
        kwargs=lambda org: {"task_id": followup_task_id(org.person_in_nord, org.nord)},
    ),
    Case(
        "absence:task_not_applicable",
        expect(403, anonymous=LOGIN_REQUIRED, manager=400, hr=400),
        method="post",
        data={},
        kwargs=lambda org: {"task_id": followup_task_id(org.person_in_nord, org.nord)},
        label="without a reason",
    ),
    Case(
        "absence:task_note",
        expect(403, anonymous=LOGIN_REQUIRED, manager=400, hr=400),
        method="post",
        data={},
        kwargs=lambda org: {"task_id": followup_task_id(org.person_in_nord, org.nord)},
        label="without a text",
    ),
    # § 56 agreements and retention plans of one person: HR and the person's manager.
    Case(
        "absence:agreements",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
        label="a person in the manager's unit",
    ),
    Case(
        "absence:agreements",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="a person outside the manager's unit",
    ),
    Case(
        "absence:agreements",
        expect(403, anonymous=LOGIN_REQUIRED, manager=400, hr=400),
        method="post",
        data={"form": "s56"},
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
        label="empty form",
    ),
    # A manager or HR reports an employee sick or well from the person overview.
    Case(
        "absence:report_sick_for",
        expect(405, anonymous=LOGIN_REQUIRED),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
        label="GET is refused",
    ),
    Case(
        "absence:report_sick_for",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=302),
        method="post",
        data={"first_day": days_ago(1)},
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="a person outside the manager's unit",
    ),
    Case(
        "absence:report_well_for",
        expect(403, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
        method="post",
        data={"last_day": days_ago(1)},
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
        label="the manager's own employee (the employee: their own report)",
    ),
    Case("absence:policy", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    Case(
        "absence:policy",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400),
        method="post",
        data={},
        label="empty form",
    ),
]

PERSONAL_DATA_VISITS: list[Visit] = [
    # Follow-up deadlines of a person's sickness.
    Visit(
        "api:absence_deadlines",
        "manager",
        nord,
        "fravaer",
        "personaleledelse",
        channel="api",
        kwargs=NORD["person_id"],
    ),
    # "Mit fravær": the user's own absence history.
    Visit("absence:my_absence", "employee", own("employee"), "fravaer", "egen_indsigt"),
    Visit("absence:my_absence", "manager", own("manager"), "fravaer", "egen_indsigt"),
    # The front page's work queue: a manager's overdue task names the person (and the phone).
    Visit(
        "home",
        "manager",
        nord,
        "fravaer",
        "personaleledelse",
        kwargs=lambda org: _followup_task(org) and {},
        label="work queue",
    ),
    # Follow-up tasks: the list, one task with its notes, the calendar feed.
    Visit(
        "absence:tasks",
        "manager",
        nord,
        "fravaer",
        "personaleledelse",
        kwargs=lambda org: _followup_task(org) and {},
    ),
    Visit(
        "absence:task",
        "hr",
        nord,
        "fravaer",
        "hr_administration",
        kwargs=lambda org: {"task_id": _followup_task(org)},
    ),
    Visit(
        "absence:tasks_ics",
        "manager",
        nord,
        "fravaer",
        "personaleledelse",
        channel="api",
        kwargs=lambda org: _followup_task(org) and {},
        params=lambda org: {"token": _feed_token("test-manager")},
    ),
    # § 56 agreements and retention plans of one person.
    Visit(
        "absence:agreements",
        "manager",
        nord,
        "fravaer",
        "personaleledelse",
        kwargs=NORD["person_id"],
    ),
    Visit(
        "absence:agreements",
        "hr",
        skole,
        "fravaer",
        "hr_administration",
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
    ),
]

#: The URLs that show personal data: each has a visit above.
PERSONAL_DATA_URL_NAMES = {
    "api:absence_deadlines",
    "absence:my_absence",
    "absence:tasks",
    "absence:task",
    "absence:tasks_ics",
}
