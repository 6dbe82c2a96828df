"""Add the data category "fravaer" (absence periods: dates and types, never causes) to the
purposes in the data-use register that already cover the people core. Each change gets a
version, so the register's history shows when and why absence was added."""

from django.db import migrations

PURPOSES = ("hr_administration", "personaleledelse", "egen_indsigt")
NOTE = "Fravær tilføjet: fraværsperioder med datoer og type, aldrig årsag eller diagnose."
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
        if "fravaer" in purpose.categories:
            continue
        purpose.categories = [*purpose.categories, "fravaer"]
        purpose.save(update_fields=["categories", "changed_at"])
        PurposeVersion.objects.create(
            purpose=purpose, data={f: getattr(purpose, f) for f in FIELDS}, note=NOTE
        )


def remove(apps, schema_editor):
    Purpose = apps.get_model("privacy", "Purpose")
    for purpose in Purpose.objects.filter(code__in=PURPOSES):
        purpose.categories = [c for c in purpose.categories if c != "fravaer"]
        purpose.save(update_fields=["categories", "changed_at"])


class Migration(migrations.Migration):
    dependencies = [
        ("absence", "0002_initial"),
        ("privacy", "0004_seed_purposes"),
    ]

    operations = [migrations.RunPython(add, remove)]
