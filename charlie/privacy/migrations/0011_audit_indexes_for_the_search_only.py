"""The audit log keeps only the indexes the DPO's search uses (benchmarks: every page view that
shows personal data inserts here, and each index makes that insert dearer).

Dropped: ``actor_username`` and ``category`` (each with PostgreSQL's ``_like`` twin) and the
actor link's index. The search matches user names case-insensitively (``UPPER(...) =
UPPER(...)``), which those plain indexes never served; the two user-name indexes are now on
``UPPER(...)``, ``at``. A search by category or period scans the ``at`` index newest first.

SQLite rebuilds the table for these changes and drops its triggers with it, so the append-only
triggers of 0010 are made again at the end.
"""

import importlib

import django.db.models.deletion
import django.db.models.functions.text
from django.conf import settings
from django.db import migrations, models


def create_sqlite_triggers(apps, schema_editor):
    module = importlib.import_module("charlie.privacy.migrations.0010_append_only_everywhere")
    module.create_sqlite_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0010_append_only_everywhere"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(
            model_name="auditentry",
            name="privacy_audit_account_idx",
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                db_index=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="bruger",
            ),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="actor_username",
            field=models.CharField(max_length=150, verbose_name="brugernavn"),
        ),
        migrations.AlterField(
            model_name="auditentry",
            name="category",
            field=models.CharField(max_length=40, verbose_name="datakategori"),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(
                django.db.models.functions.text.Upper("actor_username"),
                models.F("at"),
                name="privacy_audit_actor_idx",
            ),
        ),
        migrations.AddIndex(
            model_name="auditentry",
            index=models.Index(
                django.db.models.functions.text.Upper("subject_username"),
                models.F("at"),
                condition=models.Q(("subject_username", ""), _negated=True),
                name="privacy_audit_account_idx",
            ),
        ),
        migrations.RunPython(create_sqlite_triggers, migrations.RunPython.noop),
    ]
