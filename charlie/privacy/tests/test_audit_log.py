"""The audit log: append-only (ORM and PostgreSQL), what ``record`` writes, the DPO's pages."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from charlie.people.services import access_for
from charlie.privacy import services
from charlie.privacy.models import AuditEntry, AuditLogIsAppendOnly

pytestmark = pytest.mark.django_db

on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the database trigger exists on PostgreSQL only"
)


def _entry(users, org, **overrides):
    values = {
        "actor": users["hr"],
        "subject_person_ids": [org.person_in_nord.pk],
        "action": "read",
        "category": "stamdata",
        "purpose": "hr_administration",
        "channel": "ui",
        "detail": "person",
    }
    values.update(overrides)
    return services.record(**values)[0]


# --- record ---


def test_record_writes_one_entry_per_subject_with_the_actor_copied(users, org):
    entries = services.record(
        actor=users["manager"],
        subject_person_ids=[org.person_in_nord.pk, org.person_in_syd.pk, org.person_in_nord.pk],
        action="read",
        category="ansaettelse",
        purpose="personaleledelse",
        channel="api",
        detail="search:2",
    )
    assert len(entries) == 2
    stored = AuditEntry.objects.order_by("subject_person_id")
    assert [e.subject_person_id for e in stored] == sorted(
        [org.person_in_nord.pk, org.person_in_syd.pk]
    )
    for e in stored:
        assert e.actor == users["manager"]
        assert (e.actor_username, e.actor_role) == ("test-manager", "manager")
        assert (e.action, e.category, e.purpose, e.channel, e.detail) == (
            "read",
            "ansaettelse",
            "personaleledelse",
            "api",
            "search:2",
        )
        assert abs(e.at - timezone.now()) < timedelta(minutes=1)


def test_record_nothing_for_no_subjects(users):
    assert (
        services.record(
            actor=users["hr"],
            subject_person_ids=[],
            action="read",
            category="stamdata",
            purpose="hr_administration",
            channel="ui",
        )
        == []
    )
    assert not AuditEntry.objects.exists()


def test_record_refuses_unknown_action_and_channel(users, org):
    with pytest.raises(ValueError):
        _entry(users, org, action="peek")
    with pytest.raises(ValueError):
        _entry(users, org, channel="fax")


def test_deleting_the_user_keeps_the_entry_with_the_copied_name(users, org):
    entry = _entry(users, org)
    users["hr"].delete()
    entry = AuditEntry.objects.get(pk=entry.pk)
    assert entry.actor is None
    assert entry.actor_username == "test-hr"


# --- Append-only ---


def test_orm_refuses_to_change_or_delete(users, org):
    entry = _entry(users, org)
    entry.purpose = "something else"
    with pytest.raises(AuditLogIsAppendOnly):
        entry.save()
    with pytest.raises(AuditLogIsAppendOnly):
        entry.delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(purpose="x")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.all().delete()
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).delete()
    assert AuditEntry.objects.get(pk=entry.pk).purpose == "hr_administration"


@on_postgresql
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE privacy_auditentry SET purpose = 'x' WHERE id = %s",
        "UPDATE privacy_auditentry SET actor_id = NULL, actor_username = 'x' WHERE id = %s",
        "DELETE FROM privacy_auditentry WHERE id = %s",
    ],
)
def test_postgresql_refuses_raw_update_and_delete(users, org, sql):
    entry = _entry(users, org)
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, [entry.pk])
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.purpose, stored.actor_username) == ("hr_administration", "test-hr")


@on_postgresql
def test_postgresql_lets_only_the_actor_link_be_cleared(users, org):
    entry = _entry(users, org)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE privacy_auditentry SET actor_id = NULL WHERE id = %s", [entry.pk])
    assert AuditEntry.objects.get(pk=entry.pk).actor_id is None


# --- The DPO's page and export ---


def _search(client, **params):
    return client.get(reverse("privacy:audit"), params)


@pytest.fixture
def log(users, org):
    """Three entries: HR read two people's master data; the manager read one's employment."""
    services.record(
        actor=users["hr"],
        subject_person_ids=[org.person_in_nord.pk, org.person_in_skole.pk],
        action="read",
        category="stamdata",
        purpose="hr_administration",
        channel="ui",
        detail="person",
    )
    services.record(
        actor=users["manager"],
        subject_person_ids=[org.person_in_nord.pk],
        action="read",
        category="ansaettelse",
        purpose="personaleledelse",
        channel="api",
        detail="employments",
    )
    return org


def test_audit_page_lists_all_entries_newest_first_with_names(client_as, log):
    response = _search(client_as("dpo"))
    assert response.status_code == 200
    rows = response.context["rows"]
    assert len(rows) == 3
    assert rows[0].entry.actor_username == "test-manager"
    assert rows[0].person.name == log.person_in_nord.full_name
    assert rows[0].person.employee_number == log.person_in_nord.employee_number
    content = response.content.decode()
    assert log.person_in_skole.full_name in content
    assert "Personaleledelse" in content
    assert "Ansættelse" in content


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        (lambda org: {"employee_number": org.person_in_nord.employee_number}, 2),
        (lambda org: {"employee_number": org.person_in_skole.employee_number}, 1),
        (lambda org: {"username": "test-manager"}, 1),
        (lambda org: {"username": "TEST-HR"}, 2),
        (lambda org: {"category": "stamdata"}, 2),
        (lambda org: {"category": "ansaettelse", "username": "test-hr"}, 0),
        (lambda org: {"date_from": f"{timezone.localdate()}"}, 3),
        (lambda org: {"date_to": f"{timezone.localdate() - timedelta(days=1)}"}, 0),
        (lambda org: {"date_from": "2000-01-01", "date_to": f"{timezone.localdate()}"}, 3),
    ],
)
def test_audit_filters(client_as, log, params, expected):
    response = _search(client_as("dpo"), **params(log))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == expected


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"employee_number": "finnes-ikke"}, "employee_number", "ingen medarbejder"),
        ({"date_from": "31-12-2020"}, "date_from", "ÅÅÅÅ-MM-DD"),
        ({"date_from": "2024-02-01", "date_to": "2024-01-01"}, "date_to", "efter fra-datoen"),
        ({"category": "helbred"}, "category", "kategorierne"),
        ({"username": "a\x00b"}, "username", "Null-tegn"),
        ({"username": "a\x01b"}, "username", "ugyldige tegn"),
    ],
)
def test_invalid_filters_give_a_danish_form_error(client_as, log, params, field, message):
    response = _search(client_as("dpo"), **params)
    assert response.status_code == 400
    assert message in " ".join(response.context["form"].errors[field])
    assert "Søgningen kunne ikke udføres" in response.content.decode()


def test_csv_export_of_the_same_filter(client_as, log):
    response = client_as("dpo").get(
        reverse("privacy:audit_export"),
        {"employee_number": log.person_in_nord.employee_number},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    raw = b"".join(response.streaming_content)
    assert raw.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == list(services.CSV_HEADER)
    body = [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]
    assert [r["brugernavn"] for r in body] == ["test-manager", "test-hr"]
    for r in body:
        assert r["medarbejdernummer"] == log.person_in_nord.employee_number
        assert r["navn"] == log.person_in_nord.full_name
    assert body[0]["kanal"] == "api"
    assert body[0]["datakategori"] == "ansaettelse"


def test_csv_export_with_an_invalid_filter_answers_400(client_as, log):
    response = client_as("dpo").get(reverse("privacy:audit_export"), {"date_to": "igår"})
    assert response.status_code == 400


def test_audit_pages_paginate(client_as, users, org):
    services.record(
        actor=users["hr"],
        subject_person_ids=range(1, 121),
        action="read",
        category="stamdata",
        purpose="hr_administration",
        channel="task",
    )
    client = client_as("dpo")
    # Only HR's entries: each page the DPO sees adds entries of its own (purpose "tilsyn").
    first = _search(client, username="test-hr")
    assert len(first.context["rows"]) == 50
    third = client.get(reverse("privacy:audit"), {"side": 3, "username": "test-hr"})
    assert len(third.context["rows"]) == 20
    # People that no longer exist are shown by id.
    assert "Slettet person" in third.content.decode()


def test_only_the_dpo_sees_the_menu_entry(client_as):
    assert "Logning" in client_as("dpo").get(reverse("home")).content.decode()
    for role in ("employee", "manager", "hr", "analyst", "admin"):
        assert "Logning" not in client_as(role).get(reverse("home")).content.decode()


def test_search_audit_refuses_other_roles(users):
    from charlie.core.errors import PermissionDenied

    for role in ("employee", "manager", "hr", "analyst", "admin"):
        with pytest.raises(PermissionDenied):
            services.search_audit(access_for(users[role]), services.AuditFilter())
