"""Seed the data-use register with the purposes of the apps that exist (people).

The texts are the starting point; the data protection officer edits them at
/privacy/register/<code>/edit/. Each purpose gets a first version, so the history starts here.
Retention: Danish law sets no fixed period for former employees' data (DOMAIN.md 6.2), and a
kommune may only discard records under the archive rules (6.3), so no period is invented here.
"""

from django.db import migrations

EMPLOYMENT_BASIS = (
    "GDPR art. 6, stk. 1, litra b (din ansættelseskontrakt), litra c (kommunens pligter som "
    "arbejdsgiver efter lov og overenskomst) og litra e (kommunens opgaver som offentlig "
    "myndighed), jf. art. 88 om behandling i ansættelsesforhold; databeskyttelsesloven § 12."
)

EMPLOYMENT_RETENTION = (
    "Oplysningerne gemmes, mens du er ansat. Når du er fratrådt, gemmes de, så længe der er et "
    "administrativt eller retligt behov for dem, fx til spørgsmål om løn, pension, arbejdsskader "
    "eller forældelsesfrister. Loven fastsætter ingen fast frist. Kommunen fastsætter fristerne "
    "i sin egen slettepolitik, og som offentlig myndighed må kommunen kun slette (kassere) "
    "oplysninger efter arkivlovgivningens regler. Nogle oplysninger skal afleveres til arkiv i "
    "stedet for at blive slettet."
)

PURPOSES = [
    {
        "code": "hr_administration",
        "name": "HR-administration",
        "description": (
            "HR bruger oplysningerne til at administrere din ansættelse: når du bliver ansat "
            "eller fratræder, og når din stilling, dit arbejdssted eller din arbejdstid ændres. "
            "Oplysningerne bruges også, når kommunen skal overholde love og overenskomster, fx "
            "når du skal have et ansættelsesbevis, eller når en myndighed skal have "
            "oplysninger."
        ),
        "legal_basis": EMPLOYMENT_BASIS,
        "categories": ["stamdata", "ansaettelse"],
        "who_may_see": (
            "Medarbejdere i HR. De kan se oplysninger om alle ansatte i kommunen. Hver gang de "
            "ser eller ændrer oplysninger om dig, bliver det skrevet i loggen."
        ),
        "retention": EMPLOYMENT_RETENTION,
    },
    {
        "code": "personaleledelse",
        "name": "Personaleledelse",
        "description": (
            "Din leder bruger oplysningerne til at lede enheden: hvem der er ansat, i hvilke "
            "stillinger og med hvilken arbejdstid, så arbejdet kan planlægges og fordeles. En "
            "leder kan kun se medarbejdere i de enheder, lederen er leder for."
        ),
        "legal_basis": EMPLOYMENT_BASIS,
        "categories": ["stamdata", "ansaettelse"],
        "who_may_see": (
            "Ledere med personaleansvar, og kun for medarbejdere i deres egne enheder. Hver gang "
            "en leder ser oplysninger om dig, bliver det skrevet i loggen."
        ),
        "retention": EMPLOYMENT_RETENTION,
    },
    {
        "code": "egen_indsigt",
        "name": "Egen indsigt",
        "description": (
            "Du kan altid se de oplysninger, kommunen har om dig i Charlie, under »Mine "
            "oplysninger«. Så kan du selv kontrollere, at de er rigtige, og bede om at få rettet "
            "fejl."
        ),
        "legal_basis": "GDPR art. 15 (din ret til indsigt i dine egne oplysninger).",
        "categories": ["stamdata", "ansaettelse"],
        "who_may_see": "Kun dig selv. Også når du ser dine egne oplysninger, bliver det logget.",
        "retention": (
            "Når du ser dine egne oplysninger, gemmes der ikke noget nyt om dig, kun en linje i "
            "loggen. Selve oplysningerne opbevares som beskrevet under HR-administration."
        ),
    },
]

NOTE = "Oprettet med Charlies standardtekst."


def seed(apps, schema_editor):
    Purpose = apps.get_model("privacy", "Purpose")
    PurposeVersion = apps.get_model("privacy", "PurposeVersion")
    for values in PURPOSES:
        purpose, created = Purpose.objects.get_or_create(
            code=values["code"], defaults={**values, "active": True}
        )
        if created:
            PurposeVersion.objects.create(
                purpose=purpose, data={**values, "active": True}, note=NOTE
            )


class Migration(migrations.Migration):
    dependencies = [("privacy", "0003_purpose_register")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
