"""The absence categories in the data-use register: migrations 0003 and 0007 add them to the
purposes with ``privacy.migration_ops.AddCategoryToPurpose`` (once, with a version each)."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.db import connection
from django.db.migrations.writer import MigrationWriter

from charlie.privacy.migration_ops import AddCategoryToPurpose
from charlie.privacy.models import Purpose, PurposeVersion

PURPOSES = ("hr_administration", "personaleledelse", "egen_indsigt")

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("category", "note"),
    [
        ("fravaer", "Fravær tilføjet: fraværsperioder med datoer og type, aldrig årsag eller "
         "diagnose."),
        ("opfoelgning", "Opfølgning tilføjet: opgaver, notater, § 56-aftaler og "
         "fastholdelsesplaner om sygefravær."),
    ],
)  # fmt: skip
def test_the_migrations_added_the_categories_with_a_version(category, note):
    for purpose in Purpose.objects.filter(code__in=PURPOSES):
        assert purpose.categories.count(category) == 1
        assert PurposeVersion.objects.filter(purpose=purpose, note=note).count() == 1


def test_the_operation_adds_once_and_reverses():
    op = AddCategoryToPurpose(PURPOSES[:2], "proeve", note="Prøve tilføjet.")
    editor = connection.schema_editor()  # not entered: the operation changes data only
    op.code(apps, editor)
    op.code(apps, editor)  # again: nothing more
    changed = Purpose.objects.filter(code__in=PURPOSES[:2])
    assert all(p.categories.count("proeve") == 1 for p in changed)
    assert "proeve" not in Purpose.objects.get(code=PURPOSES[2]).categories
    assert PurposeVersion.objects.filter(note="Prøve tilføjet.").count() == 2
    assert op.reverse_code is not None
    op.reverse_code(apps, editor)
    assert not any("proeve" in p.categories for p in Purpose.objects.all())


def test_the_operation_can_be_written_into_a_migration():
    op = AddCategoryToPurpose("egen_indsigt", "proeve", note="Prøve.")
    text, imports = MigrationWriter.serialize(op)
    assert "charlie.privacy.migration_ops.AddCategoryToPurpose(" in text
    assert "import charlie.privacy.migration_ops" in imports
    assert op.describe().startswith("Add data category proeve")
