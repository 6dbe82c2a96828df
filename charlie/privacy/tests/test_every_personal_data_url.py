"""Every URL that shows a person's data writes the audit log.

Each app lists its such URLs in ``charlie/<app>/tests/cases.py``: ``PERSONAL_DATA_VISITS`` with
who visits each and whose data it shows, and ``PERSONAL_DATA_URL_NAMES``, the URL names that
must have a visit. The test visits each and checks that the request wrote entries with the right
actor, subjects, category, purpose and channel. A new page, partial, API endpoint or export that
shows personal data gets a visit in its app's ``cases.py``.
"""

from __future__ import annotations

import pytest
from django.urls import reverse

from charlie.core.testing.cases import Visit, personal_data_url_names, personal_data_visits
from charlie.privacy.models import AuditEntry

#: Every app's visits, in INSTALLED_APPS order.
PERSONAL_DATA_URLS: list[Visit] = personal_data_visits()


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
    """The URLs each app names as showing a person's data all have a visit."""
    personal = personal_data_url_names()
    assert "people:detail" in personal  # the collection found the apps' declarations
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
