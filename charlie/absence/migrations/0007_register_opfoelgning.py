"""Add the data category "opfoelgning" (sickness follow-up: tasks, notes, § 56 agreements and
retention plans) to the purposes that already cover absence, so "Mine data" can show it. Each
change gets a version, so the register's history shows when and why it was added."""

from django.db import migrations

from charlie.privacy.migration_ops import AddCategoryToPurpose


class Migration(migrations.Migration):
    dependencies = [
        ("absence", "0006_section56_retention_plan"),
    ]

    operations = [
        AddCategoryToPurpose(
            ("hr_administration", "personaleledelse", "egen_indsigt"),
            "opfoelgning",
            note=(
                "Opfølgning tilføjet: opgaver, notater, § 56-aftaler og fastholdelsesplaner om "
                "sygefravær."
            ),
        )
    ]
