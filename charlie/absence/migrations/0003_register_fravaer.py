"""Add the data category "fravaer" (absence periods: dates and types, never causes) to the
purposes in the data-use register that already cover the people core. Each change gets a
version, so the register's history shows when and why absence was added."""

from django.db import migrations

from charlie.privacy.migration_ops import AddCategoryToPurpose


class Migration(migrations.Migration):
    dependencies = [
        ("absence", "0002_initial"),
        ("privacy", "0004_seed_purposes"),
    ]

    operations = [
        AddCategoryToPurpose(
            ("hr_administration", "personaleledelse", "egen_indsigt"),
            "fravaer",
            note="Fravær tilføjet: fraværsperioder med datoer og type, aldrig årsag eller diagnose.",
        )
    ]
