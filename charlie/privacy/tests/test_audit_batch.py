"""One audit write per request (charlie/privacy/batch.py)."""

from __future__ import annotations

import pytest

from charlie.people.services import access_for
from charlie.privacy import services
from charlie.privacy.batch import audit_batch, current_batch, flush_pending, forget_register
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


def _read(user, person_id, category="stamdata", purpose="hr_administration"):
    services.record(
        actor=user,
        subject_person_ids=[person_id],
        action="read",
        category=category,
        purpose=purpose,
        channel="ui",
    )


def test_entries_are_written_together_when_the_batch_ends(users, org, django_assert_num_queries):
    hr, person = users["hr"], org.person_in_nord
    forget_register()
    with audit_batch():
        # One query reads the register; nothing is written yet.
        with django_assert_num_queries(1):
            _read(hr, person.pk, "stamdata")
            _read(hr, person.pk, "ansaettelse")
            _read(hr, person.pk, "fravaer")
        assert AuditEntry.objects.count() == 0
    assert sorted(AuditEntry.objects.values_list("category", flat=True)) == [
        "ansaettelse",
        "fravaer",
        "stamdata",
    ]


def test_an_unregistered_purpose_still_fails_inside_a_batch(users, org):
    with audit_batch(), pytest.raises(services.UnregisteredPurpose):
        _read(users["hr"], org.person_in_nord.pk, purpose="marketing")


def test_entries_are_written_even_when_the_request_fails(users, org):
    with pytest.raises(RuntimeError), audit_batch():
        _read(users["hr"], org.person_in_nord.pk)
        raise RuntimeError("the view failed after reading")
    assert AuditEntry.objects.count() == 1


def test_flush_pending_writes_now_and_nested_batches_are_one(users, org):
    with audit_batch() as outer:
        with audit_batch() as inner:
            assert inner is outer
            _read(users["hr"], org.person_in_nord.pk)
        assert AuditEntry.objects.count() == 0
        flush_pending()
        assert AuditEntry.objects.count() == 1
    assert AuditEntry.objects.count() == 1


def test_a_request_writes_its_entries_before_the_response(client_as, org):
    from django.urls import reverse

    client_as("hr").get(reverse("people:detail", args=[org.person_in_nord.pk]))
    assert {"stamdata", "ansaettelse"} <= set(AuditEntry.objects.values_list("category", flat=True))


def test_insert_entries_writes_every_field_in_chunks(users, org):
    from charlie.privacy.batch import insert_entries

    hr = users["hr"]
    entries = [
        AuditEntry(
            actor=hr,
            actor_username="test-hr",
            actor_role="hr",
            subject_person_id=org.person_in_nord.pk + i,
            action="read",
            category="stamdata",
            purpose="hr_administration",
            channel="api",
            detail="x",
        )
        for i in range(7)
    ]
    insert_entries(entries, chunk=3)
    stored = list(AuditEntry.objects.order_by("subject_person_id"))
    assert len(stored) == 7
    first = stored[0]
    assert first.actor == hr and first.actor_role == "hr" and first.channel == "api"
    assert first.at is not None and first.detail == "x"


def test_the_register_copy_saves_the_query_but_never_a_refusal(
    users, org, django_assert_num_queries
):
    hr, person = users["hr"], org.person_in_nord
    forget_register()
    with audit_batch():
        _read(hr, person.pk)  # reads the register
    with audit_batch(), django_assert_num_queries(0):
        _read(hr, person.pk)  # a later request: the copy, no query (the insert comes after)
    # A change through the register drops the copy in this process at once.
    services.update_purpose(
        access_for(users["dpo"]),
        code="hr_administration",
        categories=["ansaettelse", "fravaer"],
        note="Uden stamdata",
        confirm_removal=True,
    )
    with audit_batch(), pytest.raises(services.UnregisteredPurpose):
        _read(hr, person.pk, "stamdata")


def test_an_addition_counts_at_once_even_with_a_copy(users, org):
    from charlie.privacy.models import Purpose

    hr, person = users["hr"], org.person_in_nord
    with audit_batch():
        _read(hr, person.pk)  # the copy now exists
    # Changed behind the copy's back (another process): a use the copy does not list re-reads.
    Purpose.objects.filter(code="hr_administration").update(
        categories=["stamdata", "ansaettelse", "fravaer", "ny"]
    )
    with audit_batch():
        assert current_batch().allows("hr_administration", "ny")
