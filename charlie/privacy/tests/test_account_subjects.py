"""Entries about user accounts: an account need not have a person, and the DPO finds
such entries by user name on the audit page and in its export."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from charlie.privacy import services
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


def record(users, *accounts: services.AccountSubject, **kwargs):
    return services.record(
        actor=users["admin"],
        subject_accounts=accounts,
        action="update",
        category="brugeradgang",
        purpose="brugeradministration",
        channel="ui",
        detail="rolle employee → analyst",
        **kwargs,
    )


def test_an_account_without_a_person_is_a_subject(users):
    (entry,) = record(users, services.AccountSubject(username="konsulent"))
    assert (entry.subject_username, entry.subject_person_id) == ("konsulent", None)


def test_an_account_with_a_person_names_both(users, org):
    subject = services.AccountSubject(username="test-employee", person_id=org.person_in_nord.pk)
    (entry,) = record(users, subject, subject)  # the same account twice: one entry
    assert entry.subject_person_id == org.person_in_nord.pk
    # It shows on the person's own log too ("Mine data" lists entries by person).
    assert AuditEntry.objects.filter(subject_person_id=org.person_in_nord.pk).count() == 1


def test_every_entry_has_a_subject():
    with pytest.raises(IntegrityError), transaction.atomic():
        AuditEntry.objects.create(
            actor_username="x",
            actor_role="admin",
            action="read",
            category="brugeradgang",
            purpose="brugeradministration",
            channel="ui",
        )


def test_the_dpo_finds_entries_about_an_account_by_user_name(client_as, users, org):
    record(users, services.AccountSubject(username="konsulent"))
    client = client_as("dpo")
    html = client.get("/privacy/audit/", {"username": "KONSULENT"}).content.decode()
    assert "Brugerkonto konsulent" in html
    assert "Slettet person" not in html
    export = client.get("/privacy/audit/export.csv", {"username": "konsulent"})
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    header = lines[0].split(";")
    rows = [dict(zip(header, line.split(";"), strict=True)) for line in lines[1:]]
    assert all(row["brugerkonto"] == "konsulent" and row["person_id"] == "" for row in rows)
    # The administrator's change, and the DPO's own look at the log about the account (the
    # audit page above is itself audited: purpose tilsyn, category logning).
    by_actor = {(row["brugernavn"], row["datakategori"]) for row in rows}
    assert ("test-admin", "brugeradgang") in by_actor
    assert ("test-dpo", "logning") in by_actor
