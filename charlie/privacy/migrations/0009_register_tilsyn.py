"""Add the purpose "Tilsyn med databeskyttelsen" and its category "logning" to the data-use
register.

The data protection officer's search and export of the audit log show whose data was read or
changed, with names and employee numbers. Reading them is itself a use of those people's data,
so it is logged — under this purpose — and the employees can see it under "Mine data". The DPO
can edit the text afterwards; this is the first version.
"""

from django.db import migrations

CODE = "tilsyn"
PURPOSE = {
    "code": CODE,
    "name": "Tilsyn med databeskyttelsen",
    "description": (
        "Kommunens databeskyttelsesrådgiver (DPO) fører tilsyn med, at HR-data kun bruges, som "
        "det er beskrevet her. Derfor kan rådgiveren se loggen over, hvem der har set eller "
        "ændret oplysninger om dig, hvornår og til hvilket formål, med dit navn og "
        "medarbejdernummer. Når rådgiveren ser eller udtrækker loggen om dig, bliver det selv "
        "skrevet i loggen, så du kan se det under »Mine data«."
    ),
    "legal_basis": (
        "GDPR art. 6, stk. 1, litra c (kommunens pligt til at kunne påvise, at reglerne "
        "overholdes, art. 5, stk. 2, og til at sikre behandlingen, art. 32) og art. 39, stk. 1, "
        "litra b (databeskyttelsesrådgiverens opgave at overvåge overholdelsen)."
    ),
    "categories": ["logning"],
    "who_may_see": (
        "Kun databeskyttelsesrådgiveren. Rådgiveren ser loggen, ikke selve oplysningerne om dig, "
        "og hvert opslag bliver skrevet i loggen."
    ),
    "retention": (
        "Loggen kan ikke ændres eller slettes af systemet. Den opbevares, så længe kommunen har "
        "brug for at kunne dokumentere, hvem der har brugt oplysningerne, og kun slettes efter "
        "arkivlovgivningens regler."
    ),
}
FIELDS = (*PURPOSE, "active")
NOTE = "Oprettet med Charlies standardtekst (DPO'ens tilsyn med loggen)."


def add(apps, schema_editor):
    Purpose = apps.get_model("privacy", "Purpose")
    PurposeVersion = apps.get_model("privacy", "PurposeVersion")
    purpose, created = Purpose.objects.get_or_create(code=CODE, defaults=PURPOSE)
    if created:
        PurposeVersion.objects.create(
            purpose=purpose, data={f: getattr(purpose, f) for f in FIELDS}, note=NOTE
        )


def remove(apps, schema_editor):
    # The register keeps its history (versions are append-only): deactivate, never delete.
    apps.get_model("privacy", "Purpose").objects.filter(code=CODE).update(active=False)


class Migration(migrations.Migration):
    dependencies = [("privacy", "0008_audit_account_subject")]

    operations = [migrations.RunPython(add, remove)]
