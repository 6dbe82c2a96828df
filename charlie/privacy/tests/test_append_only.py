"""Append-only tables stay append-only on both databases.

The audit log, the data-use register's versions and the deletion log are written once. The ORM
refuses every way it has of changing or deleting a row — including the internal ``_update``
that ``save()`` of a known id runs, and ``_raw_delete`` — and the database refuses UPDATE
(SQLite and PostgreSQL) and DELETE (PostgreSQL), except for setting the link to a deleted user
account to NULL and nothing else.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.db import DatabaseError, connection, transaction

from charlie.people.services import access_for
from charlie.privacy import services
from charlie.privacy.models import (
    AppendOnlyModel,
    AuditEntry,
    AuditLogIsAppendOnly,
    DeletionLog,
    PurposeVersion,
    RetentionBatch,
)

pytestmark = pytest.mark.django_db

#: Each append-only model and the column linking it to a user account.
LINKS: dict[type[AppendOnlyModel], str | None] = {
    AuditEntry: "actor_id",
    PurposeVersion: "changed_by_id",
    DeletionLog: None,
}


def test_every_append_only_model_is_covered_here():
    models = {m for m in apps.get_models() if issubclass(m, AppendOnlyModel)}
    assert models == set(LINKS)
    for model in models:
        assert model._base_manager.__class__ is model.objects.__class__


@pytest.fixture
def rows(users, org) -> dict[type[AppendOnlyModel], Any]:
    """One stored row of each append-only model, linked to a user where it can be."""
    entry = services.record(
        actor=users["hr"],
        subject_person_ids=[org.person_in_nord.pk],
        action="read",
        category="stamdata",
        purpose="hr_administration",
        channel="ui",
        detail="person",
    )[0]
    services.update_purpose(
        access_for(users["dpo"]),
        code="hr_administration",
        name="HR-administration (ny)",
        note="Test",
    )
    version = PurposeVersion.objects.filter(changed_by=users["dpo"]).get()
    batch = RetentionBatch.objects.create(
        rule_code="testregel", category="stamdata", action="delete", years=1,
        as_of=date(2026, 1, 1), count=0,
    )  # fmt: skip
    log = DeletionLog.objects.create(
        rule_code="testregel", category="stamdata", action="delete", count=0, years=1,
        as_of=date(2026, 1, 1), approver_username="test-dpo", approver_role="dpo", batch=batch,
    )  # fmt: skip
    return {AuditEntry: entry, PurposeVersion: version, DeletionLog: log}


def _snapshot(row: Any) -> dict[str, Any]:
    stored = type(row)._base_manager.get(pk=row.pk)
    return {f.attname: getattr(stored, f.attname) for f in type(row)._meta.concrete_fields}


def _text_field(model: type[AppendOnlyModel]) -> Any:
    return next(f for f in model._meta.concrete_fields if f.get_internal_type() == "CharField")


MODELS = pytest.mark.parametrize("model", list(LINKS), ids=lambda m: m.__name__)


# --- The ORM --------------------------------------------------------------------------------


@MODELS
def test_save_of_a_known_id_is_refused_not_an_update(rows, model):
    """A new instance with a stored row's id passed the ``_state.adding`` check and Django
    UPDATEd the row (on SQLite nothing else stopped it)."""
    row = rows[model]
    before = _snapshot(row)
    copy = model(**{**before, "id": row.pk})
    text_field = _text_field(model)
    setattr(copy, text_field.attname, "forfalsket")
    with pytest.raises(AuditLogIsAppendOnly):
        copy.save()
    with pytest.raises(AuditLogIsAppendOnly):
        row.save()
    with pytest.raises(AuditLogIsAppendOnly):
        model(**{**before, "id": None}).save(update_fields=[text_field.name])
    assert _snapshot(row) == before


@MODELS
def test_every_bulk_change_is_refused(rows, model):
    row = rows[model]
    before = _snapshot(row)
    text_field = _text_field(model)
    for manager in (model.objects, model._base_manager):
        qs = manager.filter(pk=row.pk)
        with pytest.raises(AuditLogIsAppendOnly):
            qs.update(**{text_field.name: "x"})
        with pytest.raises(AuditLogIsAppendOnly):
            qs._update([(text_field, None, "x")])
        with pytest.raises(AuditLogIsAppendOnly):
            qs._raw_delete(qs.db)
        with pytest.raises(AuditLogIsAppendOnly):
            qs.delete()
        with pytest.raises(AuditLogIsAppendOnly):
            manager.bulk_update([row], [text_field.name])
        with pytest.raises(AuditLogIsAppendOnly):
            manager.bulk_create(
                [row], update_conflicts=True, unique_fields=["id"], update_fields=[text_field.name]
            )
    with pytest.raises(AuditLogIsAppendOnly):
        row.delete()
    assert _snapshot(row) == before


def test_deleting_a_user_account_clears_only_the_links(rows, users):
    entry, version = rows[AuditEntry], rows[PurposeVersion]
    entry_before, version_before = _snapshot(entry), _snapshot(version)
    users["hr"].delete()
    users["dpo"].delete()
    assert _snapshot(entry) == {**entry_before, "actor_id": None}
    assert _snapshot(version) == {**version_before, "changed_by_id": None}


def test_the_orm_lets_only_a_user_link_be_cleared(rows):
    entry = rows[AuditEntry]
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(actor=None, detail="x")
    with pytest.raises(AuditLogIsAppendOnly):
        AuditEntry.objects.filter(pk=entry.pk).update(subject_person_id=None)
    assert AuditEntry.objects.filter(pk=entry.pk).update(actor=None) == 1


# --- The database ---------------------------------------------------------------------------


def _refused(sql: str, params: list[Any]) -> None:
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def _changes(model: type[AppendOnlyModel]) -> list[tuple[str, str]]:
    """(column, an SQL expression that changes it) for every column."""
    out = []
    for f in model._meta.concrete_fields:
        column = connection.ops.quote_name(f.column)
        numbers = ("BigIntegerField", "PositiveIntegerField", "PositiveSmallIntegerField")
        if f.primary_key or f.is_relation or f.get_internal_type() in numbers:
            out.append((f.column, f"{column} + 1000"))
        elif connection.vendor == "sqlite" or f.get_internal_type() == "CharField":
            out.append((f.column, f"{column} || 'x'"))
        elif f.get_internal_type() == "DateTimeField":
            out.append((f.column, f"{column} + interval '1 day'"))
        elif f.get_internal_type() == "DateField":
            out.append((f.column, f"{column} + 1"))
        elif f.get_internal_type() == "JSONField":
            out.append((f.column, f"{column} || '{{\"x\": 1}}'::jsonb"))
    return out


CASES = [
    (model, column, expression)
    for model in LINKS
    for column, expression in _changes(model)
    if column != LINKS[model]
]


@pytest.mark.parametrize(
    ("model", "column", "expression"), CASES, ids=[f"{m.__name__}.{c}" for m, c, _e in CASES]
)
def test_the_database_refuses_an_update_of_any_column(rows, model, column, expression):
    """On SQLite too: with or without the user link cleared at the same time."""
    row = rows[model]
    before = _snapshot(row)
    table = connection.ops.quote_name(model._meta.db_table)
    quoted = connection.ops.quote_name(column)
    _refused(f"UPDATE {table} SET {quoted} = {expression} WHERE id = %s", [row.pk])  # noqa: S608
    link = LINKS[model]
    if link:
        link_q = connection.ops.quote_name(link)
        _refused(
            f"UPDATE {table} SET {link_q} = NULL, {quoted} = {expression} WHERE id = %s",  # noqa: S608
            [row.pk],
        )
    assert _snapshot(row) == before


LINKED = [m for m, link in LINKS.items() if link]


@pytest.mark.parametrize("model", LINKED, ids=lambda m: m.__name__)
def test_the_database_lets_only_the_user_link_be_cleared(rows, users, model):
    row = rows[model]
    before = _snapshot(row)
    link = LINKS[model]
    table = connection.ops.quote_name(model._meta.db_table)
    link_q = connection.ops.quote_name(link)
    _refused(f"UPDATE {table} SET {link_q} = %s WHERE id = %s", [users["admin"].pk, row.pk])  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {link_q} = NULL WHERE id = %s", [row.pk])  # noqa: S608
    assert _snapshot(row) == {**before, link: None}


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="on SQLite Django's flush between tests deletes rows with DELETE; the app refuses it",
)
@MODELS
def test_postgresql_refuses_delete(rows, model):
    row = rows[model]
    table = connection.ops.quote_name(model._meta.db_table)
    _refused(f"DELETE FROM {table} WHERE id = %s", [row.pk])  # noqa: S608
    assert model.objects.filter(pk=row.pk).exists()


@MODELS
def test_writing_a_row_over_itself_changes_nothing_and_passes(rows, model):
    """Django's restore of serialized test data (``serialized_rollback``, the browser tests)
    saves every row over itself: neither the ORM nor the database may refuse that. The same
    restore with one value changed is refused."""
    from django.core import serializers

    row = rows[model]
    before = _snapshot(row)
    stored = type(row)._base_manager.get(pk=row.pk)
    for restored in serializers.deserialize("python", serializers.serialize("python", [stored])):
        restored.save()
    assert _snapshot(row) == before
    table = connection.ops.quote_name(model._meta.db_table)
    column = connection.ops.quote_name(_text_field(model).column)
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table} SET {column} = {column} WHERE id = %s", [row.pk])  # noqa: S608
    assert _snapshot(row) == before
    changed = type(row)._base_manager.get(pk=row.pk)
    setattr(changed, _text_field(model).attname, "forfalsket")
    for restored in serializers.deserialize("python", serializers.serialize("python", [changed])):
        with pytest.raises(AuditLogIsAppendOnly), transaction.atomic():
            restored.save()
    assert _snapshot(row) == before
