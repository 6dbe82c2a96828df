"""The follow-up tasks' rule texts become messages (core.messages), rendered in the reader's
language. The columns stay the same text columns: only the model's field class changes, so the
database is not touched; rows written before keep their Danish text and show it as it is."""

from django.db import migrations

import charlie.core.fields


class Migration(migrations.Migration):
    dependencies = [
        ("absence", "0010_reminder_preference"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="followuptask",
                    name="description",
                    field=charlie.core.fields.MessageField(max_length=300, verbose_name="opgave"),
                ),
                migrations.AlterField(
                    model_name="followuptask",
                    name="legal_basis",
                    field=charlie.core.fields.MessageField(max_length=200, verbose_name="regel"),
                ),
                migrations.AlterField(
                    model_name="followuptask",
                    name="status_reason",
                    field=charlie.core.fields.MessageField(
                        blank=True, max_length=300, verbose_name="begrundelse"
                    ),
                ),
            ],
        ),
    ]
