"""The register's retention text for "uddannelse" names the third retention rule: xAPI
statements as received (with the learner's e-mail address) are deleted after a year.

Changed only while the text is still Charlie's standard text: a data protection officer's own
text is never overwritten. A ``PurposeVersion`` records the change."""

from django.db import migrations

from charlie.privacy.migration_ops import VERSIONED_FIELDS

OLD = (
    "Dine gennemførte kurser, kursusbeviser og tilmeldinger gemmes, mens du er ansat. Et "
    "kursus, hvis gyldighed er udløbet, slettes det antal år efter udløbet, kommunen har "
    "valgt (standard 5 år). Dine svar i e-læringens quiz slettes efter 2 år; om du bestod, "
    "står fortsat i listen over gennemførte kurser."
)
NEW = (
    "Dine gennemførte kurser, kursusbeviser og tilmeldinger gemmes, mens du er ansat. Et "
    "kursus, hvis gyldighed er udløbet, slettes det antal år efter udløbet, kommunen har "
    "valgt (standard 5 år). Dine svar i e-læringens quiz slettes efter 2 år; om du bestod, "
    "står fortsat i listen over gennemførte kurser. Et udsagn, som et andet læringssystem har "
    "sendt om dig (xAPI), slettes efter 1 år; det kursus, det blev til, står fortsat i listen."
)
NOTE = "Opbevaring: modtagne xAPI-udsagn tilføjet."


def _set(apps, old: str, new: str) -> None:
    Purpose = apps.get_model("privacy", "Purpose")
    PurposeVersion = apps.get_model("privacy", "PurposeVersion")
    for purpose in Purpose.objects.filter(code="uddannelse", retention=old):
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
    dependencies = [("learning", "0002_register_uddannelse")]

    operations = [migrations.RunPython(forwards, backwards)]
