"""Add the purpose "uddannelse" with the data category "uddannelse" (enrolments, e-learning
progress and quiz attempts, completions, certificates, mandatory-training tasks) to the data-use
register, and the category to "egen indsigt" (each employee's own reads) and to
"hr_administration" (under which privacy's retention logs the deletions the DPO approves).
``get_or_create``: a data protection officer's later edits are never overwritten."""

from django.db import migrations

from charlie.privacy.migration_ops import AddCategoryToPurpose, AddPurpose

PURPOSE = {
    "code": "uddannelse",
    "name": "Kurser og uddannelse",
    "description": (
        "Din leder og HR bruger oplysningerne om dine tilmeldinger, de kurser og den e-læring, "
        "du har gennemført, og dine kursusbeviser til at godkende dine tilmeldinger, til at "
        "sikre, at du har den uddannelse, dit job kræver (fx hygiejne, forflytning, førstehjælp "
        "og informationssikkerhed), og til at planlægge din udvikling sammen med dig. Et "
        "gennemført kursus opdaterer dine kompetencer. Tal for grupper (aldrig for "
        "enkeltpersoner) bruges til at følge kommunens timer og udgifter til læring."
    ),
    "legal_basis": (
        "GDPR art. 6, stk. 1, litra c (arbejdsgiverens pligt til oplæring og instruktion, "
        "arbejdsmiljøloven § 17, og krav om uddannelse i særlovgivning) og litra e (kommunens "
        "opgaver som offentlig myndighed, herunder aftalen om kompetenceudvikling), jf. art. 88 "
        "om behandling i ansættelsesforhold; databeskyttelsesloven § 12."
    ),
    "categories": ["uddannelse"],
    "who_may_see": (
        "Din leder og HR. Den, der arrangerer et kursus, ser deltagerlisten for sit kursus. "
        "Dine svar i e-læringens quiz ser kun du; HR og din leder ser, om du har bestået. "
        "Analytikere ser kun tal for grupper. Hver gang nogen ser eller ændrer oplysninger om "
        "dig, bliver det skrevet i loggen, og du kan se det under Mine data."
    ),
    "retention": (
        "Dine gennemførte kurser, kursusbeviser og tilmeldinger gemmes, mens du er ansat. Et "
        "kursus, hvis gyldighed er udløbet, slettes det antal år efter udløbet, kommunen har "
        "valgt (standard 5 år). Dine svar i e-læringens quiz slettes efter 2 år; om du bestod, "
        "står fortsat i listen over gennemførte kurser."
    ),
}
NOTE = "Oprettet med Charlies standardtekst: kurser og uddannelse."



class Migration(migrations.Migration):
    dependencies = [
        ("learning", "0001_initial"),
        ("privacy", "0011_audit_indexes_for_the_search_only"),
        ("skills", "0005_profiles_register_retention_text"),
    ]

    operations = [
        AddPurpose(PURPOSE, note=NOTE),
        AddCategoryToPurpose(
            ("egen_indsigt", "hr_administration"),
            "uddannelse",
            note="Kurser og uddannelse tilføjet.",
        ),
    ]
