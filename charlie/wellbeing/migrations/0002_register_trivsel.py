"""Add the purpose "trivsel" with the data category "trivsel" (invitations to surveys, action
plans' owners, participation in initiatives; the answers hold no person) to the data-use
register, and the category to "egen indsigt" (one's own invitations and actions) and to
"hr_administration" (under which privacy's retention logs the deletions the DPO approves).
``get_or_create``: a data protection officer's later edits are never overwritten."""

from django.db import migrations

from charlie.privacy.migration_ops import AddCategoryToPurpose, AddPurpose

PURPOSE = {
    "code": "trivsel",
    "name": "Trivsel og arbejdsmiljø",
    "description": (
        "Kommunen måler trivsel mindst hvert 3. år (trivselsaftalen) og laver "
        "arbejdspladsvurdering (APV) mindst hvert 3. år (arbejdsmiljøloven). Når du inviteres "
        "til en måling, bruger vi dit navn, din e-mail og din enhed til at sende dig et "
        "engangslink og til at minde dig om at svare. Dine svar gemmes uden dit navn: kun med "
        "din enhed og de baggrundsoplysninger (fx aldersgruppe), målingen spørger om, og som "
        "er valgt, før målingen sendes ud. Resultater vises kun for grupper, der er store nok "
        "(mindst 5 svar, 20 for spørgsmål om krænkende adfærd). Handlingsplaner viser, hvem "
        "der er ansvarlig for en handling. Tilmelder du dig et grønt initiativ eller et "
        "sundhedstilbud, vises det kun som antal for grupper."
    ),
    "legal_basis": (
        "GDPR art. 6, stk. 1, litra c (arbejdsmiljøloven: APV, jf. bekendtgørelse om "
        "arbejdets udførelse) og litra e (kommunens opgaver som arbejdsgiver, jf. "
        "trivselsaftalen i de kommunale overenskomster), jf. art. 88 om behandling i "
        "ansættelsesforhold; databeskyttelsesloven § 12."
    ),
    "categories": ["trivsel"],
    "who_may_see": (
        "Ingen ser dine svar: de er ikke knyttet til dig. HR ser, hvem der er inviteret, og "
        "mens målingen er åben, om du har svaret (til påmindelser og svarprocenter); det "
        "slettes, når målingen lukker. Ledere og analytikere ser kun resultater for grupper, "
        "der er store nok. Fritekstsvar læses først af HR, som fjerner oplysninger, der kan "
        "pege på nogen, før lederen ser dem. Alle ansatte i en enhed ser enhedens "
        "handlingsplan og APV."
    ),
    "retention": (
        "Invitationer slettes, når målingens resultater ikke længere bruges (standard 5 år "
        "efter lukning, så to målinger kan sammenlignes). Svarene har intet navn og gemmes "
        "med målingen. APV og handlingsplaner gemmes, så længe de gælder, og mindst til den "
        "næste APV er lavet."
    ),
}
NOTE = "Oprettet med Charlies standardtekst: trivsel og arbejdsmiljø."



class Migration(migrations.Migration):
    dependencies = [
        ("wellbeing", "0001_initial"),
        ("recruitment", "0002_register_rekruttering"),
    ]

    operations = [
        AddPurpose(PURPOSE, note=NOTE),
        AddCategoryToPurpose(
            ("egen_indsigt", "hr_administration"),
            "trivsel",
            note="Trivsel og arbejdsmiljø tilføjet.",
        ),
    ]
