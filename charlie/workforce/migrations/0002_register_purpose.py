"""Add the purpose "Arbejdsstyrkeplanlægning" to the data-use register, so the page "Sådan
bruger vi HR-data" explains the workforce plan in plain Danish before it is used, and
HR's look at one person's pension dates can be logged under it. The data protection officer can
edit the text afterwards; this is the first version."""

from django.db import migrations

CODE = "arbejdsstyrkeplanlaegning"
PURPOSE = {
    "code": CODE,
    "name": "Arbejdsstyrkeplanlægning",
    "description": (
        "Kommunen planlægger, hvor mange medarbejdere der skal rekrutteres i årene frem mod "
        "2040. Planen bruger din fødselsdato, din jobfamilie, din arbejdsplads (forvaltning) og "
        "din arbejdstid. Den bruger også, hvornår tidligere ansatte er stoppet og hvorfor "
        "(pension eller andet). Ud fra reglerne om folkepensionsalder og kommunens egen erfaring "
        "beregner planen, hvor mange der forventes at gå på pension eller stoppe hvert år. "
        "Resultatet er kun tal for grupper: pr. jobfamilie og pr. forvaltning, og aldrig for "
        "grupper, der er så små, at man kan genkende enkeltpersoner. Planen viser ikke, hvornår du forventes at gå på "
        "pension, og din leder kan ikke se det. Planen bruges ikke til at træffe afgørelser om "
        "dig. HR kan se din folkepensionsalder og de datoer, der følger af reglerne, når det er "
        "nødvendigt for at planlægge, og det bliver skrevet i loggen."
    ),
    "legal_basis": (
        "GDPR art. 6, stk. 1, litra e (kommunens opgaver som offentlig myndighed og "
        "arbejdsgiver: at sikre den nødvendige arbejdskraft), jf. art. 88 om behandling i "
        "ansættelsesforhold; databeskyttelsesloven § 12. Statistik og planlægning på "
        "grupper: art. 89."
    ),
    "categories": ["stamdata", "ansaettelse"],
    "who_may_see": (
        "HR og analytikere ser planen for hele kommunen, ledere for deres egne enheder. Alle ser "
        "kun tal for grupper. Kun HR kan se én medarbejders pensionsdatoer, og hvert opslag "
        "bliver skrevet i loggen."
    ),
    "retention": (
        "Planen gemmer ingen oplysninger om dig. Den beregnes ud fra de oplysninger, der allerede "
        "er gemt om din ansættelse, og de opbevares som beskrevet under HR-administration. "
        "Scenarierne indeholder kun antagelser om vækst, ikke personoplysninger."
    ),
}
FIELDS = tuple(PURPOSE) + ("active",)
NOTE = "Oprettet med Charlies standardtekst (arbejdsstyrkeplan)."


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
    dependencies = [
        ("workforce", "0001_initial"),
        ("privacy", "0007_audit_subject_index"),
    ]

    operations = [migrations.RunPython(add, remove)]
