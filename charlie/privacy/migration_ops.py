"""Migration operations for the data-use register, for any app's migrations.

An app that starts holding a new category of personal data adds it to the purposes that cover
it in the register (``Purpose.categories``), so "Mine data" and the register show it::

    from charlie.privacy.migration_ops import AddCategoryToPurpose

    operations = [
        AddCategoryToPurpose(
            ("hr_administration", "personaleledelse", "egen_indsigt"),
            "fravaer",
            note="Fravær tilføjet: fraværsperioder med datoer og type.",
        )
    ]

The migration must depend on the privacy migration that made those purposes
(``privacy.0004_seed_purposes``), directly or through the app's earlier migrations.

An app whose data serves a purpose of its own adds that purpose with Charlie's standard text
(the same text ``privacy.standard_texts`` holds, in both languages)::

    operations = [AddPurpose(PURPOSE, note="Oprettet med Charlies standardtekst: …")]
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

#: The fields of a purpose kept in each ``PurposeVersion`` (its content at that version).
VERSIONED_FIELDS = (
    "code",
    "name",
    "description",
    "legal_basis",
    "categories",
    "who_may_see",
    "retention",
    "active",
)


class AddCategoryToPurpose(migrations.RunPython):
    """Add the data category ``category`` to each purpose in ``purposes`` (a code or several)
    that does not have it yet, and record a ``PurposeVersion`` with ``note`` for each one
    changed, so the register's history shows when and why the category came. A purpose that
    does not exist is skipped. Reversed, the category is taken off those purposes again (the
    versions stay: the history is append-only)."""

    def __init__(self, purposes: str | Sequence[str], category: str, *, note: str) -> None:
        self.purposes = (purposes,) if isinstance(purposes, str) else tuple(purposes)
        self.data_category = category
        self.note = note
        super().__init__(self._add, self._remove)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (
            self.__class__.__name__,
            [self.purposes, self.data_category],
            {"note": self.note},
        )

    def describe(self) -> str:
        return f"Add data category {self.data_category} to purposes {', '.join(self.purposes)}"

    def _add(self, apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        purpose_model = apps.get_model("privacy", "Purpose")
        version_model = apps.get_model("privacy", "PurposeVersion")
        for purpose in purpose_model.objects.filter(code__in=self.purposes):
            if self.data_category in purpose.categories:
                continue
            purpose.categories = [*purpose.categories, self.data_category]
            purpose.save(update_fields=["categories", "changed_at"])
            version_model.objects.create(
                purpose=purpose,
                data={f: getattr(purpose, f) for f in VERSIONED_FIELDS},
                note=self.note,
            )

    def _remove(self, apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        purpose_model = apps.get_model("privacy", "Purpose")
        for purpose in purpose_model.objects.filter(code__in=self.purposes):
            purpose.categories = [c for c in purpose.categories if c != self.data_category]
            purpose.save(update_fields=["categories", "changed_at"])


class AddPurpose(migrations.RunPython):
    """Add the purpose ``purpose`` (the register's fields: ``code``, ``name``, ``description``,
    ``legal_basis``, ``categories``, ``who_may_see``, ``retention``), active, with a first
    ``PurposeVersion`` carrying ``note``. ``get_or_create`` by code: a purpose that is there
    already — a data protection officer's later edits — is never overwritten. Reversed, the
    purpose is deactivated, never deleted (the register's history is append-only)."""

    def __init__(self, purpose: dict[str, Any], *, note: str) -> None:
        self.purpose = dict(purpose)
        self.note = note
        super().__init__(self._add, self._deactivate)

    def deconstruct(self) -> tuple[str, list[Any], dict[str, Any]]:
        return (self.__class__.__name__, [self.purpose], {"note": self.note})

    def describe(self) -> str:
        return f"Add purpose {self.purpose['code']} to the data-use register"

    def _add(self, apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        purpose_model = apps.get_model("privacy", "Purpose")
        version_model = apps.get_model("privacy", "PurposeVersion")
        data = {**self.purpose, "active": True}
        purpose, created = purpose_model.objects.get_or_create(code=data["code"], defaults=data)
        if created:
            version_model.objects.create(purpose=purpose, data=data, note=self.note)

    def _deactivate(self, apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
        purpose_model = apps.get_model("privacy", "Purpose")
        purpose_model.objects.filter(code=self.purpose["code"]).update(active=False)
