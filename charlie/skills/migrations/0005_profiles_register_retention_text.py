"""The register's retention text for "kompetenceudvikling" names all three retention rules of
skill data (rejected proposals and replaced opt-in answers came with part "profiles"), so the
plain-Danish text an employee reads (issue 13, point 9) says what is really deleted when.

Changed only while the text is still Charlie's standard text: a data protection officer's own
text is never overwritten. A ``PurposeVersion`` records the change."""

from django.db import migrations

from charlie.privacy.migration_ops import VERSIONED_FIELDS

OLD = (
    "Dine gældende kompetencer gemmes, mens du er ansat. En vurdering, som en nyere har "
    "erstattet, slettes efter det antal år, kommunen har valgt (standard 5 år). "
    "Udviklingsplaner og MUS gemmes, mens du er ansat."
)
NEW = (
    "Dine gældende kompetencer og dit nyeste svar om at blive kontaktet gemmes, mens du er "
    "ansat. En vurdering, som en nyere har erstattet, slettes efter det antal år, kommunen har "
    "valgt (standard 5 år); et forslag, som din leder har afvist, efter 2 år; et tidligere "
    "svar om at blive kontaktet efter 3 år. Udviklingsplaner og MUS gemmes, mens du er ansat."
)
NOTE = "Opbevaring: afviste forslag og tidligere svar om at blive kontaktet tilføjet."


def _set(apps, old: str, new: str) -> None:
    Purpose = apps.get_model("privacy", "Purpose")
    PurposeVersion = apps.get_model("privacy", "PurposeVersion")
    for purpose in Purpose.objects.filter(code="kompetenceudvikling", retention=old):
        purpose.retention = new
        purpose.save(update_fields=["retention", "changed_at"])
        PurposeVersion.objects.create(
            purpose=purpose, data={f: getattr(purpose, f) for f in VERSIONED_FIELDS}, note=NOTE
        )


def forwards(apps, schema_editor):
    _set(apps, OLD, NEW)


def backwards(apps, schema_editor):
    _set(apps, NEW, OLD)


class Migration(migrations.Migration):
    dependencies = [("skills", "0004_profiles_retention_purpose")]

    operations = [migrations.RunPython(forwards, backwards)]
