"""Add the purpose "rekruttering" with the data category "rekruttering" (applications, their
files, scores, notes, interviews and letters; talent-pool profiles; onboarding plans) to the
data-use register, and the category to "egen indsigt" (a new colleague's own reads) and to
"hr_administration" (under which privacy's retention logs the deletions the DPO approves).
``get_or_create``: a data protection officer's later edits are never overwritten."""

from django.db import migrations

from charlie.privacy.migration_ops import AddCategoryToPurpose, AddPurpose

PURPOSE = {
    "code": "rekruttering",
    "name": "Rekruttering og introduktion",
    "description": (
        "Når du søger et job i kommunen, bruger HR og stillingens ansættelsesudvalg din "
        "ansøgning, dit CV, udvalgets vurderinger og noter, samtaleaftaler og breve til at "
        "vurdere ansøgerne og vælge, hvem der skal ansættes. Den første screening kan være "
        "anonym: navn, alder, køn og adresse skjules, til du er udvalgt til samtale. Køn og "
        "fødselsår, som du frivilligt oplyser, bruges kun i tal for grupper, der viser, om "
        "rekrutteringen er ligeværdig (aldrig for enkeltpersoner). Med dit samtykke kommer du "
        "i talentbanken og får jobagent. Bliver du ansat, bruges oplysningerne til dit "
        "introduktionsforløb og til at give dig ansættelsesbevis til tiden."
    ),
    "legal_basis": (
        "GDPR art. 6, stk. 1, litra b (skridt før en ansættelseskontrakt, på din anmodning) og "
        "litra e (kommunens opgaver som offentlig myndighed), jf. art. 88 om behandling i "
        "ansættelsesforhold; databeskyttelsesloven § 12; ansættelsesbevisloven § 3. Talentbank "
        "og jobagent: dit samtykke (art. 6, stk. 1, litra a), som du kan trække tilbage."
    ),
    "categories": ["rekruttering"],
    "who_may_see": (
        "HR og medlemmerne af ansættelsesudvalget for den stilling, du har søgt, og kun den. "
        "Under en anonym screening ser udvalget ikke dit navn, din alder, dit køn eller din "
        "adresse. Analytikere ser kun tal for grupper. Din nye leder og HR ser dit "
        "introduktionsforløb. Hver gang nogen ser eller ændrer oplysninger om dig, bliver det "
        "skrevet i loggen."
    ),
    "retention": (
        "En ansøgning, der ikke fører til ansættelse, slettes det antal måneder efter, at "
        "ansættelsesforløbet er afsluttet, kommunen har valgt (standard 6 måneder; "
        "Datatilsynet accepterer op til 3 år, hvis det kan begrundes). Du kan selv slette din "
        "ansøgning når som helst fra dit link. Talentbanken gemmer din profil, så længe dit "
        "samtykke gælder (standard 6 måneder ad gangen). Introduktionsforløbet gemmes, mens du "
        "er ansat."
    ),
}
NOTE = "Oprettet med Charlies standardtekst: rekruttering og introduktion."



class Migration(migrations.Migration):
    dependencies = [
        ("recruitment", "0001_initial"),
        ("learning", "0003_register_retention_xapi"),
    ]

    operations = [
        AddPurpose(PURPOSE, note=NOTE),
        AddCategoryToPurpose(
            ("egen_indsigt", "hr_administration"),
            "rekruttering",
            note="Rekruttering og introduktion tilføjet.",
        ),
    ]
