"""Demo Kommune's recruitment and onboarding (issue 15), told as one story a user can follow:

1. the demo manager (``leder``) asked for a social- og sundhedsassistent because the workforce
   plan shows a shortage of them; HR approved it;
2. HR wrote the ad and fixed what the language check flagged (the first draft is kept beside it
   as a draft, so the check can be tried on it); the ad is on the careers site until its
   deadline, with other open jobs and three employer-branding stories;
3. applications came in; the committee (the manager as chair, HR, and the demo employee as the
   staff's member) screens them anonymously — two are shortlisted, one has an interview booked;
4. an earlier round this year (a pædagog) ended with a hire: the onboarding plan runs, with the
   ansættelsesbevis deadlines, and two more closed rounds give the fairness page its figures;
5. the talent pool has people with job alerts and consents that expire.

Everything but the templates and stories is wiped with the people by ``create_demo`` (every row
here points at an org unit); templates and stories are replaced by their keys. Applicants are
invented (``demo.names``) and their e-mail addresses are at example.org."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from charlie.core import tokens
from charlie.people.models import JobFamily, OrgUnit, OrgUnitKind

__all__ = ["RecruitmentDemo", "create_demo_recruitment"]


@dataclass(frozen=True, slots=True)
class RecruitmentDemo:
    ads: int
    applications: int
    plans: int


# --- Texts --------------------------------------------------------------------------------------

SOSU_DRAFT = """Plejecenteret søger en ung og energisk social- og sundhedsassistent til vores \
dynamiske team. Du er konkurrencemindet, selvstændig og vant til at tage styringen. Du skal \
kunne arbejde under pres og være en stærk leder af dine kolleger på vagten. Vi forventer, at du \
er nyuddannet, så du kan vokse med opgaverne. Vores formand for arbejdsmiljøudvalget tager imod \
dig på første dag."""

SOSU_AD = """Vil du være med til at give vores beboere en god hverdag? Plejecenteret søger en \
social- og sundhedsassistent, der har lyst til at arbejde tæt sammen med beboere, pårørende og \
kolleger.

Som social- og sundhedsassistent hos os
- giver du pleje og omsorg og har ansvar for medicin og sygeplejefaglige opgaver,
- dokumenterer du i omsorgssystemet og deler din viden med kollegerne,
- er du med til at udvikle hverdagen på plejecentret sammen med beboerne.

Vi forventer, at du er uddannet social- og sundhedsassistent og har autorisation. Nyuddannede \
og erfarne er lige velkomne, og vi giver dig en mentor det første halve år.

Vi tilbyder en arbejdsplads med faste teams, gode muligheder for efteruddannelse og et \
arbejdsmiljø, hvor vi hjælper hinanden. Du kan selv være med til at planlægge din vagtplan.

Løn og ansættelsesvilkår efter overenskomst mellem KL og FOA. Stillingen er på 32 timer om ugen \
i dag- og aftenvagt med weekend hver tredje uge.

Vil du vide mere, så ring til afdelingslederen. Søg stillingen via knappen "Søg stillingen". \
Vi holder samtaler i ugen efter ansøgningsfristen."""

#: slug → (title, job family, employment type, hours, place, salary text, salary min, salary max,
#: summary, body, days to the deadline).
OTHER_ADS: dict[str, tuple[Any, ...]] = {
    "paedagog-boernehuset-solsikken": (
        "Pædagog til Børnehuset Solsikken",
        "paedagog",
        "FULL_TIME",
        "37",
        "Børnehuset Solsikken",
        "Løn efter overenskomst mellem KL og BUPL",
        None,
        None,
        "Vi søger en pædagog til vores vuggestuegruppe med 12 børn.",
        "Vi søger en pædagog, der har lyst til at skabe trygge rammer for de mindste. Du bliver "
        "en del af et team på fire, der planlægger hverdagen sammen.\n\nVi forventer, at du er "
        "uddannet pædagog og trives med tæt samarbejde med forældrene.\n\nLøn efter "
        "overenskomst. Ring til lederen for at høre mere, og søg via knappen \"Søg stillingen\".",
        21,
    ),
    "laerer-til-vestskolen": (
        "Lærer til udskolingen på Vestskolen",
        "laerer",
        "FULL_TIME",
        "37",
        "Vestskolen",
        "Løn efter overenskomst mellem KL og Lærernes Centralorganisation",
        None,
        None,
        "Lærer med dansk og samfundsfag til 7.–9. klasse.",
        "Vestskolen søger en lærer med linjefag i dansk og gerne samfundsfag. Du bliver en del "
        "af et årgangsteam, der samarbejder om undervisningen.\n\nLøn efter overenskomst. Søg "
        "via knappen \"Søg stillingen\"; spørgsmål til skolelederen.",
        30,
    ),
    "sagsbehandler-jobcenter": (
        "Socialrådgiver til Jobcentret",
        "socialraadgiver",
        "FULL_TIME",
        "37",
        "Jobcentret, Rådhuset",
        "Løn efter overenskomst mellem KL og Dansk Socialrådgiverforening",
        Decimal("36500"),
        Decimal("41000"),
        "Socialrådgiver til sygedagpengeområdet.",
        "Vi søger en socialrådgiver til vores team for sygedagpenge. Du følger borgere tæt og "
        "samarbejder med arbejdsgivere og læger.\n\nLøn efter overenskomst, 36.500–41.000 kr. om "
        "måneden afhængigt af erfaring. Søg via knappen \"Søg stillingen\".",
        18,
    ),
    "sygeplejerske-hjemmeplejen": (
        "Sygeplejerske til hjemmesygeplejen",
        "sygeplejerske",
        "PART_TIME",
        "30",
        "Hjemmesygeplejen Nord",
        "Løn efter overenskomst mellem KL og Dansk Sygeplejeråd",
        None,
        None,
        "Sygeplejerske, 30 timer, dag og aften.",
        "Hjemmesygeplejen søger en sygeplejerske på 30 timer om ugen. Du planlægger dine "
        "besøg selv og har kolleger at sparre med hver dag.\n\nLøn efter overenskomst. Søg via "
        "knappen \"Søg stillingen\".",
        25,
    ),
    "elev-social-og-sundhed": (
        "Elev til social- og sundhedsassistentuddannelsen",
        "elev",
        "INTERN",
        "37",
        "Demo Kommunes ældreområde",
        "Elevløn efter overenskomst mellem KL og FOA",
        None,
        None,
        "Uddannelsesaftale med start i august.",
        "Vil du uddanne dig til social- og sundhedsassistent? Vi tilbyder uddannelsesaftaler "
        "med praktik på vores plejecentre og i hjemmeplejen.\n\nElevløn efter overenskomst. "
        "Søg via knappen \"Søg stillingen\".",
        40,
    ),
}

#: slug → (title, theme, summary, body).
STORIES: dict[str, tuple[str, str, str, str]] = {
    "fleksibelt-arbejdsliv": (
        "Fleksibelt arbejdsliv, fra småbørn til seniorår",
        "flexible",
        "Vi tilpasser arbejdstiden til livet: nedsat tid med små børn, seniorordninger og "
        "vagtplaner, du selv er med til at lægge.",
        "Hos os kan arbejdslivet følge livet. Har du små børn, kan du gå ned i tid i en periode "
        "og komme op igen. Er du senior, kan du aftale færre vagter eller nye opgaver, så du "
        "kan blive længere på arbejdsmarkedet på dine vilkår.\n\nI ældreplejen lægger teamene "
        "vagtplanen sammen, så ønsker om fri kan gå op i en højere enhed.",
    ),
    "groen-transport": (
        "Grøn transport til arbejdet",
        "green",
        "Cykelordning, samkørsel og elbiler i hjemmeplejen.",
        "Kommunen har en cykelordning, hvor du kan lease en elcykel gennem lønnen. "
        "Hjemmeplejen kører i elbiler, og vi hjælper med at finde kolleger at køre sammen med.",
    ),
    "udvikling-og-karriere": (
        "Udviklingsveje: fra elev til leder",
        "development",
        "Efteruddannelse, e-læring og en personlig kompetenceplan for alle.",
        "Alle medarbejdere har en udviklingsplan, der følger af MUS. Vi tilbyder kurser, "
        "e-læring og uddannelse på tværs af fag, og mange af vores ledere startede som elever "
        "hos os.",
    ),
}

#: kind → (name, subject, body).
LETTERS: dict[str, tuple[str, str, str]] = {
    "interview": (
        "Indkaldelse til samtale",
        "Samtale om stillingen som {stilling}",
        "Kære {navn}\n\nTak for din ansøgning. Vi vil gerne invitere dig til en samtale "
        "{dato} kl. {tid} på {sted}.\n\nGiv os besked, hvis tidspunktet ikke passer.\n\n"
        "Venlig hilsen\n{kommune}",
    ),
    "rejection": (
        "Afslag efter ansøgning",
        "Din ansøgning om stillingen som {stilling}",
        "Kære {navn}\n\nTak for din ansøgning og for din interesse for at arbejde hos os. Vi "
        "har valgt en anden ansøger til stillingen.\n\nVi håber, du vil søge hos os igen.\n\n"
        "Venlig hilsen\n{kommune}",
    ),
    "offer": (
        "Tilbud om ansættelse",
        "Tilbud om ansættelse som {stilling}",
        "Kære {navn}\n\nVi er glade for at kunne tilbyde dig stillingen som {stilling}. Svar "
        "os senest {frist}. Du får dit ansættelsesbevis inden for de frister, loven giver.\n\n"
        "Venlig hilsen\n{kommune}",
    ),
}

#: (title, phase, days from the start, owner, course code or "").
ONBOARDING_TASKS: tuple[tuple[str, str, int, str, str], ...] = (
    ("Bestil IT-adgang, mail og telefon", "before", -14, "it", ""),
    ("Bestil nøgler og adgangskort", "before", -7, "manager", ""),
    ("Find en mentor og fortæl mentoren om starten", "before", -7, "manager", ""),
    ("Send velkomst og praktisk information", "before", -5, "hr", ""),
    ("Læs velkomstsiden og svar på spørgsmålene", "before", -3, "newcomer", ""),
    ("Velkomst og rundvisning på arbejdspladsen", "day_1", 0, "manager", ""),
    ("Første dag sammen med mentoren", "day_1", 0, "mentor", ""),
    ("Introduktion til arbejdsmiljø og beredskab", "week_1", 3, "manager", ""),
    ("Gennemfør e-læringen om informationssikkerhed og GDPR", "week_1", 7, "newcomer", "gdpr-e"),
    ("Opfølgende samtale efter 30 dage", "day_30", 30, "manager", ""),
    ("Samtale efter 90 dage og aftale om udvikling", "day_90", 90, "manager", ""),
)
SOSU_TASKS: tuple[tuple[str, str, int, str, str], ...] = (
    ("Bestil arbejdstøj i de rigtige størrelser", "before", -10, "manager", ""),
    ("Forflytningskursus", "week_1", 14, "newcomer", "forflytning"),
    ("Førstehjælp på arbejdspladsen", "day_30", 30, "newcomer", "foerstehjaelp"),
)

#: (gender, birth year) for the invented applicants: women are most applicants to care jobs,
#: as in the kommune's real rounds; some say neither.
GENDERS = ("woman", "woman", "woman", "man", "woman", "man", "", "woman")

# The rest of this module is written when the parts are merged (the ad check's report, the
# pipeline's stage moves and the onboarding plan through their functions).


def _hash(plain: str) -> str:
    return hashlib.sha256(plain.encode()).hexdigest()


def _unit_of_manager(person_id: int | None) -> OrgUnit:
    unit = OrgUnit.objects.filter(manager_id=person_id).order_by("pk").first() if person_id else None
    return unit or OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT).order_by("pk").first()  # type: ignore[return-value]


def create_demo_recruitment(
    reference_date: date, *, seed: int, users: dict[str, tuple[int, int | None]]
) -> RecruitmentDemo:
    """Write Demo Kommune's recruitment on ``reference_date``; ``users``: login → (user id,
    person id)."""
    raise NotImplementedError  # written at merge


_ = (np, get_user_model, transaction, timezone, tokens, JobFamily, datetime, time, timedelta)
