"""Every URL that shows a person's data writes the audit log (issue 3).

``PERSONAL_DATA_URLS`` lists each such URL with who visits it and whose data it shows; the test
visits it and checks that the request wrote entries with the right actor, subjects, category,
purpose and channel. A new page, partial, API endpoint or export that shows personal data gets a
row here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.urls import reverse

from charlie.privacy.models import AuditEntry


@dataclass(frozen=True)
class Visit:
    url_name: str
    role: str
    #: The people whose data the answer shows: (org, users) → person ids.
    subjects: Callable[[Any, Any], set[int]]
    category: str
    purpose: str
    channel: str = "ui"
    kwargs: Callable[[Any], dict[str, Any]] = field(default=lambda org: {})
    params: Callable[[Any], dict[str, Any]] = field(default=lambda org: {})
    headers: dict[str, str] = field(default_factory=dict)
    label: str = ""
    #: The user accounts whose data the answer shows (pages about accounts and roles), by user
    #: name: (org, users) → user names. An account need not have a person.
    accounts: Callable[[Any, Any], set[str]] = field(default=lambda org, users: set())


def own(role: str) -> Callable[[Any, Any], set[int]]:
    return lambda org, users: {users[role].person.pk}


def nord(org: Any, users: Any) -> set[int]:
    return {org.person_in_nord.pk}


def skole(org: Any, users: Any) -> set[int]:
    return {org.person_in_skole.pk}


def with_correction(category: str, *, detail: bool) -> Callable[[Any], dict[str, Any]]:
    """URL kwargs that first create an open request for correction from the person in Nord:
    ``request_id`` for the detail page, nothing for the list."""

    def make(org: Any) -> dict[str, Any]:
        from charlie.privacy.models import CorrectionRequest

        request = CorrectionRequest.objects.create(
            subject_person_id=org.person_in_nord.pk, category=category, message="Forkert."
        )
        return {"request_id": request.pk} if detail else {}

    return make


def with_log_entry(org: Any) -> dict[str, Any]:
    """No URL kwargs; first HR's read of the person in Nord, for the DPO's audit log to show."""
    from charlie.privacy.services import record

    record(
        actor=None,
        subject_person_ids=[org.person_in_nord.pk],
        action="read",
        category="stamdata",
        purpose="hr_administration",
        channel="task",
    )
    return {}


def _followup_task(org: Any) -> int:
    """An open follow-up task for the person in Plejecenter Nord; returns its id."""
    from datetime import date

    from charlie.absence.models import FollowUpTask

    return FollowUpTask.objects.create(
        person=org.person_in_nord,
        first_day=date(2025, 3, 3),
        code="sickness_interview",
        due=date(2025, 3, 31),
        legal_basis="§ 7 a",
        description="Hold sygefraværssamtale.",
        org_unit=org.nord,
    ).pk


def _feed_token(username: str) -> str:
    from charlie.absence.services import rotate_feed_token
    from charlie.core.models import User
    from charlie.people.services import access_for

    return rotate_feed_token(access_for(User.objects.get(username=username)))


def _pending_role_change(org: Any) -> dict[str, Any]:
    """A pending request (asked by the administrator) that an account without a person gets
    the role HR; no URL kwargs."""
    from charlie.accounts.models import RoleChange
    from charlie.core.models import User

    account = User.objects.create_user("konto-uden-person", password="korrekt-hest-batteri-42")
    RoleChange.objects.create(
        user=account,
        from_role="employee",
        to_role="hr",
        reason="Ny kollega.",
        status="pending",
        requested_by=User.objects.get(username="test-admin"),
        requested_by_username="test-admin",
    )
    return {}


def role_users(org: Any, users: Any) -> set[str]:
    return {user.username for user in users.values()}


ACCOUNTS = {"category": "brugeradgang", "purpose": "brugeradministration"}


def _import_run_ending_nord(org: Any) -> dict[str, Any]:
    """A dry run of a complete snapshot that would end the employment of the person in Nord."""
    from charlie.core.models import User
    from charlie.imports.models import ImportRun

    job = org.person_in_nord.employments.get()
    run = ImportRun.objects.create(
        user=User.objects.get(username="test-hr"),
        file_names=["ZLPE20250131_delta.xml"],
        dry_run=True,
        snapshot=True,
        status="done",
        summary={"employments": {"ended": 1}, "ended": [[job.pk, "2025-01-31"]]},
    )
    return {"run_id": run.pk}


NORD = {"person_id": lambda org: {"person_id": org.person_in_nord.pk}}
SKOLE_NUMBER = lambda org: {"q": org.person_in_skole.employee_number}  # noqa: E731

PERSONAL_DATA_URLS: list[Visit] = [
    # People pages
    Visit(
        "people:detail",
        "hr",
        skole,
        "stamdata",
        "hr_administration",
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
    ),
    Visit(
        "people:detail",
        "hr",
        skole,
        "ansaettelse",
        "hr_administration",
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="employments",
    ),
    Visit(
        "people:detail", "manager", nord, "stamdata", "personaleledelse", kwargs=NORD["person_id"]
    ),
    Visit(
        "people:detail",
        "employee",
        own("employee"),
        "stamdata",
        "egen_indsigt",
        kwargs=NORD["person_id"],
        label="own record",
    ),
    Visit("people:search", "hr", skole, "stamdata", "hr_administration", params=SKOLE_NUMBER),
    Visit(
        "people:search",
        "hr",
        skole,
        "stamdata",
        "hr_administration",
        params=SKOLE_NUMBER,
        headers={"HX-Request": "true"},
        label="htmx partial",
    ),
    Visit(
        "people:search",
        "manager",
        nord,
        "stamdata",
        "personaleledelse",
        params=lambda org: {"q": org.person_in_nord.last_name},
    ),
    # Front pages
    Visit("home", "manager", nord, "ansaettelse", "personaleledelse", label="my units"),
    Visit("home", "manager", own("manager"), "ansaettelse", "egen_indsigt", label="own"),
    Visit("home", "hr", own("hr"), "ansaettelse", "egen_indsigt"),
    Visit("home", "employee", own("employee"), "ansaettelse", "egen_indsigt"),
    # Follow-up deadlines of a person's sickness (absence, issue 4).
    Visit(
        "api:absence_deadlines",
        "manager",
        nord,
        "fravaer",
        "personaleledelse",
        channel="api",
        kwargs=NORD["person_id"],
    ),
    # "Mit fravær": the user's own absence history (absence, issue 4).
    Visit("absence:my_absence", "employee", own("employee"), "fravaer", "egen_indsigt"),
    Visit("absence:my_absence", "manager", own("manager"), "fravaer", "egen_indsigt"),
    # Follow-up tasks (absence, issue 4): the list, one task with its notes, the calendar feed.
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
    # § 56 agreements and retention plans of one person (absence, issue 4).
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
    # "Mine data"
    Visit("privacy:my_data", "employee", own("employee"), "stamdata", "egen_indsigt"),
    Visit("privacy:my_data", "hr", own("hr"), "ansaettelse", "egen_indsigt"),
    Visit("privacy:my_data_json", "employee", own("employee"), "ansaettelse", "egen_indsigt"),
    Visit("privacy:my_data_pdf", "employee", own("employee"), "stamdata", "egen_indsigt"),
    Visit("privacy:my_data_pdf", "employee", own("employee"), "fravaer", "egen_indsigt"),
    # The DPO's audit log: the page and the CSV export name the people the entries are about.
    Visit("privacy:audit", "dpo", nord, "logning", "tilsyn", kwargs=with_log_entry),
    Visit("privacy:audit_export", "dpo", nord, "logning", "tilsyn", kwargs=with_log_entry),
    # HR's requests for correction: the request's category, for HR administration.
    Visit(
        "privacy:corrections",
        "hr",
        nord,
        "ansaettelse",
        "hr_administration",
        kwargs=with_correction("ansaettelse", detail=False),
    ),
    Visit(
        "privacy:correction",
        "hr",
        nord,
        "fravaer",
        "hr_administration",
        kwargs=with_correction("fravaer", detail=True),
    ),
    # An import's page lists the employments it ends or would end, by name (issue 10).
    Visit(
        "imports:run",
        "hr",
        nord,
        "ansaettelse",
        "hr_administration",
        kwargs=_import_run_ending_nord,
    ),
    # The API
    Visit(
        "api:person",
        "hr",
        skole,
        "stamdata",
        "hr_administration",
        channel="api",
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
    ),
    Visit(
        "api:person",
        "employee",
        own("employee"),
        "stamdata",
        "egen_indsigt",
        channel="api",
        kwargs=NORD["person_id"],
    ),
    Visit(
        "api:person_employments",
        "manager",
        nord,
        "ansaettelse",
        "personaleledelse",
        channel="api",
        kwargs=NORD["person_id"],
    ),
    Visit(
        "api:people",
        "hr",
        skole,
        "stamdata",
        "hr_administration",
        channel="api",
        params=SKOLE_NUMBER,
    ),
    Visit("api:people", "manager", nord, "stamdata", "personaleledelse", channel="api"),
    Visit(
        "api:employments",
        "hr",
        skole,
        "ansaettelse",
        "hr_administration",
        channel="api",
        params=lambda org: {"org_unit": org.skole.pk},
    ),
    Visit("api:employments", "manager", nord, "ansaettelse", "personaleledelse", channel="api"),
    # Users and roles (decision 0014): accounts are subjects by user name, and by person when
    # they have one (the employee's account is the person in Plejecenter Nord).
    Visit("accounts:users", "admin", nord, **ACCOUNTS, accounts=role_users),
    Visit(
        "accounts:user",
        "admin",
        nord,
        **ACCOUNTS,
        kwargs=lambda org: {"user_id": org.person_in_nord.user_id},
        accounts=lambda org, users: {"test-employee"},
    ),
    Visit(
        "accounts:requests",
        "hr",
        lambda org, users: set(),
        **ACCOUNTS,
        kwargs=_pending_role_change,
        accounts=lambda org, users: {"konto-uden-person"},
        label="an account without a person",
    ),
    Visit(
        "accounts:requests",
        "admin",
        lambda org, users: set(),
        **ACCOUNTS,
        kwargs=_pending_role_change,
        accounts=lambda org, users: {"konto-uden-person"},
    ),
]


def _id(visit: Visit) -> str:
    return f"{visit.url_name} as {visit.role}" + (f" ({visit.label})" if visit.label else "")


@pytest.mark.django_db
@pytest.mark.parametrize("visit", PERSONAL_DATA_URLS, ids=_id)
def test_personal_data_url_writes_the_audit_log(visit: Visit, client, org, users):
    user = users[visit.role]
    client.force_login(user)
    url = reverse(visit.url_name, kwargs=visit.kwargs(org))  # may write entries to show
    before = set(AuditEntry.objects.values_list("pk", flat=True))
    response = client.get(url, visit.params(org), headers=visit.headers)
    assert response.status_code == 200
    if response.streaming:  # an export is read, and audited, as it streams
        b"".join(response.streaming_content)

    written = AuditEntry.objects.exclude(pk__in=before)
    assert written.exists(), f"{url} wrote no audit entry"
    assert all(e.actor_id == user.pk for e in written)
    assert all(e.actor_username == user.username and e.actor_role == user.role for e in written)
    assert all(e.channel == visit.channel and e.action == "read" for e in written)
    matching = written.filter(category=visit.category, purpose=visit.purpose)
    subjects = set(matching.values_list("subject_person_id", flat=True))
    expected = visit.subjects(org, users)
    assert expected <= subjects, (
        f"{url}: expected {visit.category}/{visit.purpose} reads of {expected}, got "
        f"{list(written.values_list('subject_person_id', 'category', 'purpose'))}"
    )
    accounts = set(matching.exclude(subject_username="").values_list("subject_username", flat=True))
    assert visit.accounts(org, users) <= accounts, f"{url}: account reads {accounts}"


def test_every_personal_data_url_name_is_covered():
    """The people and API URLs that return a person's data all have a row above."""
    personal = {
        "home",
        "people:detail",
        "people:search",
        "api:person",
        "api:person_employments",
        "api:people",
        "api:employments",
        "privacy:my_data",
        "privacy:my_data_json",
        "privacy:my_data_pdf",
        "privacy:corrections",
        "privacy:correction",
        "api:absence_deadlines",
        "absence:my_absence",
        "absence:tasks",
        "absence:task",
        "absence:tasks_ics",
        "accounts:users",
        "accounts:user",
        "accounts:requests",
        "privacy:audit",
        "privacy:audit_export",
        "imports:run",
    }
    assert personal <= {visit.url_name for visit in PERSONAL_DATA_URLS}


@pytest.mark.django_db
def test_pages_without_personal_data_write_nothing(client_as):
    client = client_as("analyst")
    for name in ("home", "people:org_tree", "api:org_units"):
        assert client.get(reverse(name)).status_code == 200
    assert not AuditEntry.objects.exists()


@pytest.mark.django_db
def test_a_refused_read_writes_nothing(client_as, org):
    client = client_as("manager")
    url = reverse("people:detail", kwargs={"person_id": org.person_in_skole.pk})
    assert client.get(url).status_code == 404
    assert not AuditEntry.objects.exists()
