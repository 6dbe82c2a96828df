"""Add the purpose "brugeradministration" with the data category "brugeradgang" (user accounts
and roles) to the data-use register, with a first version. ``get_or_create``: a data protection
officer's later edits are never overwritten."""

from django.db import migrations

from charlie.privacy.migration_ops import AddPurpose

PURPOSE = {
    "code": "brugeradministration",
    "name": "Brugeradministration",
    "description": (
        "Administratorer bruger oplysningerne om din brugerkonto – brugernavn, navn, e-mail, "
        "rolle, om kontoen er aktiv, og hvornår du sidst loggede ind – til at give dig adgang "
        "til Charlie med den rolle, dit arbejde kræver, og til at lukke adgangen igen, når du "
        "ikke længere skal have den. Rollerne HR og databeskyttelsesrådgiver, som giver adgang "
        "til personoplysninger, gives først, når en anden med samme rolle har godkendt det."
    ),
    "legal_basis": (
        "GDPR art. 6, stk. 1, litra e (kommunens opgaver som offentlig myndighed) og art. 32 "
        "(sikkerhed ved behandling: kun de rette personer må få adgang til personoplysninger); "
        "databeskyttelsesloven § 12 om behandling i ansættelsesforhold."
    ),
    "categories": ["brugeradgang"],
    "who_may_see": (
        "Administratorer, der styrer brugere og roller. HR og databeskyttelsesrådgiveren ser de "
        "anmodninger om deres egen rolle, som de skal godkende eller afvise. Hver gang nogen "
        "ser eller ændrer din konto eller rolle, bliver det skrevet i loggen, som "
        "databeskyttelsesrådgiveren læser."
    ),
    "retention": (
        "Oplysningerne gemmes, så længe du har en brugerkonto i Charlie. Hvem der har givet "
        "dig hvilken rolle og hvornår, gemmes i loggen sammen med resten af loggen."
    ),
}
NOTE = "Oprettet med Charlies standardtekst: brugere og roller."



class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_role_change"),
        ("privacy", "0008_audit_account_subject"),
    ]

    operations = [AddPurpose(PURPOSE, note=NOTE)]
