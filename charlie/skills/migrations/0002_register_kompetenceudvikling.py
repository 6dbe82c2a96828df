"""Add the purpose "kompetenceudvikling" with the data category "kompetencer" (skills, MUS,
development plans, opt-ins, team proposals) to the data-use register, and the category to
"egen indsigt", so each employee's own reads are logged as such. ``get_or_create``: a data
protection officer's later edits are never overwritten."""

from django.db import migrations

from charlie.privacy.migration_ops import AddCategoryToPurpose, AddPurpose

PURPOSE = {
    "code": "kompetenceudvikling",
    "name": "Kompetenceudvikling",
    "description": (
        "Din leder og HR bruger oplysningerne om dine kompetencer, dine MUS-samtaler og din "
        "udviklingsplan til at planlægge din faglige udvikling sammen med dig: hvad du kan, hvad "
        "din stilling kræver, og hvilke kurser og aktiviteter der kan hjælpe dig videre. Tal for "
        "grupper (aldrig for enkeltpersoner) bruges til at planlægge kommunens behov for "
        "kompetencer. Du bliver kun foreslået som kandidat til en anden stilling eller et "
        "projekt, hvis du selv har sagt ja til det, og du kan altid trække dit ja tilbage."
    ),
    "legal_basis": (
        "GDPR art. 6, stk. 1, litra e (kommunens opgaver som offentlig myndighed) og litra c "
        "(aftalen om kompetenceudvikling: en årlig MUS og en udviklingsplan), jf. art. 88 om "
        "behandling i ansættelsesforhold; databeskyttelsesloven § 12. At blive foreslået som "
        "kandidat bygger på dit samtykke, som du kan trække tilbage (art. 6, stk. 1, litra a)."
    ),
    "categories": ["kompetencer"],
    "who_may_see": (
        "Din leder og HR. Din egen forberedelse til MUS ser kun du, indtil du deler den. "
        "Analytikere ser kun tal for grupper. Hver gang nogen ser eller ændrer oplysninger om "
        "dig, bliver det skrevet i loggen, og du kan se det under Mine data."
    ),
    "retention": (
        "Dine gældende kompetencer gemmes, mens du er ansat. En vurdering, som en nyere har "
        "erstattet, slettes efter det antal år, kommunen har valgt (standard 5 år). "
        "Udviklingsplaner og MUS gemmes, mens du er ansat."
    ),
}
NOTE = "Oprettet med Charlies standardtekst: kompetenceudvikling."



class Migration(migrations.Migration):
    dependencies = [
        ("skills", "0001_initial"),
        ("privacy", "0011_audit_indexes_for_the_search_only"),
    ]

    operations = [
        AddPurpose(PURPOSE, note=NOTE),
        AddCategoryToPurpose(
            ("egen_indsigt",), "kompetencer", note="Kompetencer og udvikling tilføjet."
        ),
    ]
