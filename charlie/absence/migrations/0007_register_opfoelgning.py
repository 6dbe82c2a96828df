"""Add the data category "opfoelgning" (sickness follow-up: tasks, notes, § 56 agreements and
retention plans) to the purposes that already cover absence, so "Mine data" can show it. Each
change gets a version, so the register's history shows when and why it was added."""

from django.db import migrations

PURPOSES = ("hr_administration", "personaleledelse", "egen_indsigt")
NOTE = "Opfølgning tilføjet: opgaver, notater, § 56-aftaler og fastholdelsesplaner om sygefravær."
FIELDS = (
    "code",
    "name",
    "description",
    "legal_basis",
    "categories",
    "who_may_see",
    "retention",
    "active",
)


def add(apps, schema_editor):
    Purpose = apps.get_model("privacy", "Purpose")
    PurposeVersion = apps.get_model("privacy", "PurposeVersion")
    for purpose in Purpose.objects.filter(code__in=PURPOSES):
        if "opfoelgning" in purpose.categories:
            continue
        purpose.categories = [*purpose.categories, "opfoelgning"]
        purpose.save(update_fields=["categories", "changed_at"])
        PurposeVersion.objects.create(
            purpose=purpose, data={f: getattr(purpose, f) for f in FIELDS}, note=NOTE
        )


def remove(apps, schema_editor):
    Purpose = apps.get_model("privacy", "Purpose")
    for purpose in Purpose.objects.filter(code__in=PURPOSES):
        purpose.categories = [c for c in purpose.categories if c != "opfoelgning"]
        purpose.save(update_fields=["categories", "changed_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("absence", "0006_section56_retention_plan"),
    ]

    operations = [migrations.RunPython(add, remove)]
