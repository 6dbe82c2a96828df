"""Add the purpose "digitalisering" with the data category "digitalisering" (who submitted,
supported and commented on ideas; initiatives', benefits' and automations' owners; the people
proposed for a team are skills' "kompetencer") to the data-use register, and the category to
"egen indsigt" (one's own ideas, comments and ownerships) and to "hr_administration" (under
which privacy's retention logs the deletions the DPO approves). ``get_or_create``: a data
protection officer's later edits are never overwritten."""

from django.db import migrations

from charlie.privacy.migration_ops import AddCategoryToPurpose, AddPurpose

PURPOSE = {
    "code": "digitalisering",
    "name": "Digitalisering og porteføljestyring",
    "description": (
        "Kommunen samler idéer og behov fra medarbejderne, beskriver digitaliseringsprojekter, "
        "regner business cases og følger gevinsterne. Når du indsender en idé, støtter eller "
        "kommenterer den, bruger vi dit navn og din enhed, så porteføljeejeren kan spørge dig "
        "og du kan se, hvad der skete med idéen. Er du ejer af et initiativ, en gevinst eller "
        "en softwarerobot, står dit navn på den. Foreslås du til et projekthold, sker det kun, "
        "hvis du selv har sagt ja til projektarbejde, og du kan se det under Mine data."
    ),
    "legal_basis": (
        "GDPR art. 6, stk. 1, litra e (kommunens opgaver som offentlig myndighed og "
        "arbejdsgiver: styring af kommunens digitalisering), jf. art. 88 om behandling i "
        "ansættelsesforhold; databeskyttelsesloven § 12. Forslag til projekthold: dit "
        "tilvalg af projektarbejde."
    ),
    "categories": ["digitalisering"],
    "who_may_see": (
        "Alle ansatte ser idéerne og kommentarerne, men ikke hvem der har skrevet dem. "
        "Porteføljeejeren (HR og digitalisering) ser, hvem der har indsendt og kommenteret, og "
        "behandler alt i porteføljen. Ledere ser, hvem der ejer initiativer; analytikere ser "
        "kun porteføljens tal og rapporter uden navne. Hver gang nogen ser eller ændrer "
        "oplysninger om dig, bliver det skrevet i loggen."
    ),
    "retention": (
        "Idéer, kommentarer og støtte gemmes, så længe idéen eller det initiativ, den blev til, "
        "er i porteføljen; en afvist idé slettes det antal måneder efter afgørelsen, kommunen "
        "har valgt. Ejerskaber står, så længe initiativet, gevinsten eller robotten findes."
    ),
}
NOTE = "Oprettet med Charlies standardtekst: digitalisering og porteføljestyring."



class Migration(migrations.Migration):
    dependencies = [
        ("portfolio", "0001_initial"),
        ("wellbeing", "0010_merge_parts"),
    ]

    operations = [
        AddPurpose(PURPOSE, note=NOTE),
        AddCategoryToPurpose(
            ("egen_indsigt", "hr_administration"),
            "digitalisering",
            note="Digitalisering og porteføljestyring tilføjet.",
        ),
    ]
