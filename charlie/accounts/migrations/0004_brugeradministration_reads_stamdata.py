"""The purpose "brugeradministration" may also use the category "stamdata": an administrator
who links a user account to its employee sees the employee's name, employee number and current
units in the search (accounts.services.find_people_to_link). The description says so, and a
new version records the change. A data protection officer's own edits are kept: the category
and the sentence are only added where they are missing."""

from django.db import migrations

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
SENTENCE = (
    " Når en administrator knytter en brugerkonto til den rigtige medarbejder, ser "
    "administratoren medarbejderens navn, medarbejdernummer og nuværende enheder – ikke andet."
)
NOTE = "Kategorien stamdata tilføjet: administratoren knytter konti til medarbejdere (issue 12)."


def add(apps, schema_editor):
    Purpose = apps.get_model("privacy", "Purpose")
    PurposeVersion = apps.get_model("privacy", "PurposeVersion")
    purpose = Purpose.objects.filter(code="brugeradministration").first()
    if purpose is None or "stamdata" in purpose.categories:
        return
    purpose.categories = [*purpose.categories, "stamdata"]
    if SENTENCE.strip() not in purpose.description:
        purpose.description = purpose.description.rstrip() + SENTENCE
    purpose.save()
    PurposeVersion.objects.create(
        purpose=purpose, data={f: getattr(purpose, f) for f in FIELDS}, note=NOTE
    )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_identity_link_and_role_source"),
    ]

    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
