"""Double opt-in for the talent pool, and the register's retention text for "rekruttering".

- ``TalentProfile.confirmed_at``: when the owner of the address confirmed the sign-up from the
  e-mail; ``consent_until`` is empty until then (the consent runs from the confirmation). The
  consent log gets the action "confirmed". Profiles made before this migration were made under
  the single opt-in of their day, with a consent that runs out by itself within
  ``CHARLIE_RECRUITMENT_CONSENT_MONTHS``: they count as confirmed when they were made.
- The register's retention text names the rules as they now are: unconfirmed sign-ups go after
  7 days, and onboarding plans (tasks and check-in answers) 12 months after the plan ended
  instead of "while you are employed". Changed only while the text is still Charlie's standard
  text: a data protection officer's own text is never overwritten. A ``PurposeVersion``
  records the change.
"""

from django.db import migrations, models
from django.db.models import F

from charlie.privacy.migration_ops import VERSIONED_FIELDS

OLD = (
    "En ansøgning, der ikke fører til ansættelse, slettes det antal måneder efter, at "
    "ansættelsesforløbet er afsluttet, kommunen har valgt (standard 6 måneder; "
    "Datatilsynet accepterer op til 3 år, hvis det kan begrundes). Du kan selv slette din "
    "ansøgning når som helst fra dit link. Talentbanken gemmer din profil, så længe dit "
    "samtykke gælder (standard 6 måneder ad gangen). Introduktionsforløbet gemmes, mens du "
    "er ansat."
)
NEW = (
    "En ansøgning, der ikke fører til ansættelse, slettes det antal måneder efter, at "
    "ansættelsesforløbet er afsluttet, kommunen har valgt (standard 6 måneder; "
    "Datatilsynet accepterer op til 3 år, hvis det kan begrundes). Du kan selv slette din "
    "ansøgning når som helst fra dit link. Talentbanken gemmer din profil, så længe dit "
    "samtykke gælder (standard 6 måneder ad gangen, regnet fra den dag, du bekræfter din "
    "tilmelding fra e-mailen); en tilmelding, du ikke bekræfter, slettes efter 7 dage. Dit "
    "introduktionsforløb – opgaverne og dine svar på spørgsmålene efter 30 og 90 dage – "
    "slettes det antal måneder efter, at forløbet sluttede, kommunen har valgt (standard 12 "
    "måneder). Forløbet slutter 90 dage efter din første arbejdsdag, eller ved fristen for "
    "dets sidste opgave, hvis den er senere."
)
NOTE = (
    "Opbevaring: talentbankens dobbelte bekræftelse og introduktionsforløbets "
    "opbevaringsregel (12 måneder) tilføjet."
)


def _set(apps, old: str, new: str) -> None:
    Purpose = apps.get_model("privacy", "Purpose")
    PurposeVersion = apps.get_model("privacy", "PurposeVersion")
    for purpose in Purpose.objects.filter(code="rekruttering", retention=old):
        purpose.retention = new
        purpose.save(update_fields=["retention", "changed_at"])
        PurposeVersion.objects.create(
            purpose=purpose, data={f: getattr(purpose, f) for f in VERSIONED_FIELDS}, note=NOTE
        )


def register_forwards(apps, schema_editor):
    _set(apps, OLD, NEW)


def register_backwards(apps, schema_editor):
    _set(apps, NEW, OLD)


def confirm_existing(apps, schema_editor):
    TalentProfile = apps.get_model("recruitment", "TalentProfile")
    TalentProfile.objects.filter(confirmed_at__isnull=True).update(confirmed_at=F("created_at"))


def unconfirmed_go(apps, schema_editor):
    """Backwards: the column ``consent_until`` is required again, so the sign-ups nobody
    confirmed (which have none) are deleted first, as the daily job would have."""
    TalentProfile = apps.get_model("recruitment", "TalentProfile")
    TalentProfile.objects.filter(consent_until__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0003_applying"),
    ]

    operations = [
        migrations.AddField(
            model_name="talentprofile",
            name="confirmed_at",
            field=models.DateTimeField(
                blank=True, null=True, verbose_name="tilmelding bekræftet"
            ),
        ),
        migrations.AlterField(
            model_name="consentevent",
            name="action",
            field=models.CharField(
                choices=[
                    ("given", "Givet"),
                    ("confirmed", "Bekræftet fra e-mailen"),
                    ("renewed", "Fornyet"),
                    ("withdrawn", "Trukket tilbage"),
                    ("expired", "Udløbet"),
                ],
                max_length=10,
                verbose_name="handling",
            ),
        ),
        migrations.AlterField(
            model_name="talentprofile",
            name="consent_until",
            field=models.DateField(blank=True, null=True, verbose_name="samtykke gælder til"),
        ),
        # Backwards this runs before the column is required again.
        migrations.RunPython(migrations.RunPython.noop, unconfirmed_go),
        migrations.RunPython(confirm_existing, migrations.RunPython.noop),
        migrations.RunPython(register_forwards, register_backwards),
    ]
