"""A retention period's unit: years or calendar months (docs/retention.md).

The stored periods (``years`` on the policies, the batches and the deletion log) are in the
row's ``unit``. Every row written before has ``unit = "years"``, which is what it meant, so no
row is changed: the deletion log stays as it was written. The column ``years`` keeps its name.

SQLite rebuilds the tables to add a column with a default and drops their triggers with them,
so the append-only triggers of 0010 are made again at the end (they list every column, the new
one included). PostgreSQL adds the column without touching a row, so its rule is not hit.
"""

import importlib

from django.db import migrations, models


def create_sqlite_triggers(apps, schema_editor):
    module = importlib.import_module("charlie.privacy.migrations.0010_append_only_everywhere")
    module.create_sqlite_triggers(apps, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("privacy", "0011_audit_indexes_for_the_search_only"),
    ]

    operations = [
        migrations.AddField(
            model_name="deletionlog",
            name="unit",
            field=models.CharField(
                choices=[("years", "år"), ("months", "måneder")],
                default="years",
                max_length=6,
                verbose_name="enhed",
            ),
        ),
        migrations.AddField(
            model_name="retentionbatch",
            name="unit",
            field=models.CharField(
                choices=[("years", "år"), ("months", "måneder")],
                default="years",
                max_length=6,
                verbose_name="enhed",
            ),
        ),
        migrations.AddField(
            model_name="retentionpolicy",
            name="unit",
            field=models.CharField(
                choices=[("years", "år"), ("months", "måneder")],
                default="years",
                max_length=6,
                verbose_name="enhed",
            ),
        ),
        migrations.AlterField(
            model_name="deletionlog",
            name="years",
            field=models.PositiveSmallIntegerField(verbose_name="periode"),
        ),
        migrations.AlterField(
            model_name="retentionbatch",
            name="years",
            field=models.PositiveSmallIntegerField(verbose_name="periode"),
        ),
        migrations.AlterField(
            model_name="retentionpolicy",
            name="years",
            field=models.PositiveSmallIntegerField(verbose_name="periode"),
        ),
        migrations.RunPython(create_sqlite_triggers, migrations.RunPython.noop),
    ]
