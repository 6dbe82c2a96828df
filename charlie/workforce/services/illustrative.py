"""The illustrative scenario Demo Kommune ships with: every assumption traced to a national
figure in DOMAIN.md 4, and labelled illustrative (an example of how the plan is used, not a
forecast for the municipality)."""

from __future__ import annotations

from decimal import Decimal

from django.db import transaction

from charlie.core.formats import format_number
from charlie.people.models import JobFamily
from charlie.workforce.models import Driver, Rule, RuleKind, Scenario

#: KL: more than 50,000 extra staff needed in the municipalities by 2030 (DOMAIN.md 4.3), against
#: 508,900 municipal employees in 2020 (DOMAIN.md 4.1): (1 + 50,000 / 508,900)^(1/10) − 1 per year
#: over 2021–2030.
NATIONAL_GROWTH_PERCENT = Decimal(str(round(((1 + 50_000 / 508_900) ** (1 / 10) - 1) * 100, 2)))
#: Danmarks Statistik's forecast for Lemvig Kommune (DOMAIN.md 4.4): 19,722 inhabitants in 2020,
#: 17,501 in 2045.
LEMVIG_POPULATION = {"2020": 19722.0, "2045": 17501.0}
ILLUSTRATIVE_NAME = "Illustrativt scenarie (nationale tal)"


def _danish(value: Decimal) -> str:
    return format_number(value)


@transaction.atomic
def create_illustrative_scenario() -> Scenario:
    """The scenario Demo Kommune ships with: every assumption traced to DOMAIN.md 4, and
    labelled illustrative. Idempotent (returns the existing one). Made by the demo and set-up
    code, so nobody is its creator."""
    existing = Scenario.objects.filter(name=ILLUSTRATIVE_NAME).first()
    if existing is not None:
        return existing
    scenario = Scenario.objects.create(
        name=ILLUSTRATIVE_NAME,
        illustrative=True,
        description=(
            "Et eksempel, der viser, hvordan planen bruges. Det er ikke en prognose for "
            "kommunen. Antagelserne bygger på nationale tal:\n"
            f"1. Alle jobfamilier vokser {_danish(NATIONAL_GROWTH_PERCENT)} % om året til og med "
            "2030. "
            "KL vurderer, at kommunerne samlet mangler mere end 50.000 ekstra medarbejdere i "
            "2030, og kommunerne havde 508.900 ansatte i 2020. Det svarer til "
            f"{_danish(NATIONAL_GROWTH_PERCENT)} % om året fra 2021 til 2030. Efter 2030 er "
            "væksten 0 %, "
            "fordi der ikke er fundet et tal for 2035.\n"
            "2. Lærere: 0 % vækst. KL forventer et overskud på 1.800 lærere i 2030.\n"
            "3. Administration og IT følger indbyggertallet. Danmarks Statistiks prognose for "
            "Lemvig Kommune går fra 19.722 indbyggere i 2020 til 17.501 i 2045. Årene imellem "
            "er beregnet lineært.\n"
            "Ældreplejen mangler ifølge KL 19.000 medarbejdere i 2030 ved dagens serviceniveau. "
            "Det er en mangel på arbejdskraft, ikke en vækst i behovet. Derfor indgår tallet "
            "ikke som vækstrate, men det viser, hvor svært det kan blive at rekruttere."
        ),
    )
    families = {f.code: f for f in JobFamily.objects.all()}
    Rule.objects.create(
        scenario=scenario,
        kind=RuleKind.GROWTH,
        first_year=2021,
        last_year=2030,
        rate_percent=NATIONAL_GROWTH_PERCENT,
        note="KL: over 50.000 ekstra ansatte i 2030; 508.900 ansatte i 2020 (DOMAIN.md 4.1, 4.3)",
    )
    if "laerer" in families:
        Rule.objects.create(
            scenario=scenario,
            job_family=families["laerer"],
            kind=RuleKind.GROWTH,
            first_year=2021,
            last_year=2100,
            rate_percent=Decimal("0"),
            note="KL: overskud på 1.800 lærere i 2030 (DOMAIN.md 4.3)",
        )
    driver = Driver.objects.create(
        scenario=scenario,
        name="Indbyggere i Lemvig Kommune",
        source="Danmarks Statistiks befolkningsprognose, gengivet af TV Midtvest (DOMAIN.md 4.4)",
        values=LEMVIG_POPULATION,
    )
    if "administration" in families:
        Rule.objects.create(
            scenario=scenario,
            job_family=families["administration"],
            kind=RuleKind.DRIVER,
            first_year=2021,
            last_year=2100,
            driver=driver,
            note="Antagelse: behovet følger indbyggertallet",
        )
    return scenario
