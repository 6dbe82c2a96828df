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
from charlie.recruitment import adcheck
from charlie.recruitment.models import (
    AdStatus,
    Application,
    ApplicationFile,
    CommitteeMember,
    ConsentAction,
    ConsentEvent,
    Criterion,
    EmploymentType,
    FileKind,
    Interview,
    JobAd,
    LetterTemplate,
    Note,
    OnboardingTemplate,
    Requisition,
    RequisitionReason,
    RequisitionStatus,
    Score,
    Stage,
    StageChange,
    Story,
    TalentProfile,
    TemplateTask,
)

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
        'overenskomst. Ring til lederen for at høre mere, og søg via knappen "Søg stillingen".',
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
        'via knappen "Søg stillingen"; spørgsmål til skolelederen.',
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
        'måneden afhængigt af erfaring. Søg via knappen "Søg stillingen".',
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
        'knappen "Søg stillingen".',
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
        'Søg via knappen "Søg stillingen".',
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
    ("Gennemfør e-læringen om informationssikkerhed og GDPR", "week_1", 7, "newcomer", "gdpr"),
    ("Opfølgende samtale efter 30 dage", "day_30", 30, "manager", ""),
    ("Samtale efter 90 dage og aftale om udvikling", "day_90", 90, "manager", ""),
)
SOSU_TASKS: tuple[tuple[str, str, int, str, str], ...] = (
    ("Bestil arbejdstøj i de rigtige størrelser", "before", -10, "manager", ""),
    ("Forflytning i praksis", "week_1", 14, "newcomer", "forflytning-praksis"),
    ("Førstehjælp på arbejdspladsen", "day_30", 30, "newcomer", "foerstehjaelp"),
)

#: How the invented applicants of a round are spread: (gender, birth year offset from 1960).
GENDERS = ("woman", "woman", "woman", "man", "woman", "man", "", "woman")
FIRST_NAMES = {
    "woman": ("Sara", "Fatima", "Mette", "Ida", "Hanne", "Louise", "Amalie", "Bente", "Yasmin"),
    "man": ("Ali", "Jonas", "Mads", "Peter", "Omar", "Lars", "Kasper", "Mikkel"),
    "": ("Alex", "Kim", "Robin", "Sam"),
}
LAST_NAMES = ("Holm", "Khan", "Dahl", "Bak", "Nielsen", "Jensen", "Yilmaz", "Poulsen", "Skov")
#: A small, valid PDF: the demo's CVs (what an applicant sends is checked by content).
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)
CONSENT_VERSION = "2026-12"
#: The talent pool's consent text (double opt-in) and how long a consent holds, in days (the
#: demo's approximation of the default 6 months).
POOL_CONSENT_VERSION = "2026-12-2"
CONSENT_DAYS = 183


def _unit_of_manager(person_id: int | None) -> OrgUnit:
    unit = (
        OrgUnit.objects.filter(manager_id=person_id).order_by("pk").first() if person_id else None
    )
    if unit is None:
        unit = OrgUnit.objects.filter(kind=OrgUnitKind.INSTITUTION).order_by("pk").first()
    return unit  # type: ignore[return-value]


def _report(ad: JobAd) -> dict[str, Any]:
    """The check's report of the ad as HR saw it when publishing (services.ads does the same)."""
    from charlie.recruitment.services.ads import facts_of

    fields = {
        f: getattr(ad, f)
        for f in (
            "salary_text",
            "salary_min",
            "salary_max",
            "weekly_hours",
            "place",
            "postal_code",
            "city",
            "deadline",
            "contact_name",
            "contact_phone",
            "contact_email",
        )
    }
    report = adcheck.check(ad.body, lang=ad.lang, facts=facts_of(fields))
    return {**report.as_dict(), "checked_at": timezone.now().isoformat(timespec="seconds")}


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def create_demo_recruitment(
    reference_date: date, *, seed: int, users: dict[str, tuple[int, int | None]]
) -> RecruitmentDemo:
    """Write Demo Kommune's recruitment on ``reference_date`` (after ``create_demo`` wiped the
    people); ``users``: login → (user id, person id)."""
    rng = np.random.default_rng(seed + 15)
    ref = reference_date
    user = get_user_model().objects.in_bulk([uid for uid, _p in users.values()])
    hr = user.get(users["hr"][0]) if "hr" in users else None
    leder = user.get(users["leder"][0]) if "leder" in users else None
    employee = user.get(users["medarbejder"][0]) if "medarbejder" in users else None
    unit = _unit_of_manager(users.get("leder", (0, None))[1])
    families = {f.code: f for f in JobFamily.objects.all()}
    # The plan's figure for next year; where the demo is too small to show one, the request
    # is a replacement (a shortage must rest on a figure).
    gap = _shortage(leder, families["sosu"], ref.year + 1)
    with transaction.atomic():
        _templates(families)
        _stories(ref)
        requisition = Requisition.objects.create(
            unit=unit,
            job_family=families["sosu"],
            title="Social- og sundhedsassistent",
            weekly_hours=Decimal("32"),
            start_on=ref + timedelta(days=75),
            reason=RequisitionReason.SHORTAGE if gap is not None else RequisitionReason.REPLACEMENT,
            reason_text=(
                "Personaleplanen viser, at vi mangler social- og sundhedsassistenter de kommende "
                "år, og to kolleger går på pension til foråret."
            ),
            shortage_year=ref.year + 1 if gap is not None else None,
            shortage_gap=gap,
            status=RequisitionStatus.APPROVED,
            requested_by=leder,
            decided_by=hr,
            decided_at=_at(ref - timedelta(days=20)),
            decision_note="Godkendt. Annoncen skrives i samarbejde med lederen.",
        )
        common = {
            "unit": unit,
            "contact_name": leder.get_full_name() if leder else "Afdelingslederen",
            "contact_phone": "96 63 10 00",
            "contact_email": "job@demo-kommune.example",
            "city": "Demokøbing",
            "postal_code": "7620",
            "created_by": hr,
        }
        draft = JobAd.objects.create(
            slug="sosu-kladde-foer-sprogtjek",
            title="Social- og sundhedsassistent (første udkast)",
            body=SOSU_DRAFT,
            job_family=families["sosu"],
            employment_type=EmploymentType.PART_TIME,
            weekly_hours=Decimal("32"),
            place=unit.name,
            deadline=ref + timedelta(days=14),
            requisition=requisition,
            **common,
        )
        draft.report = _report(draft)
        draft.save(update_fields=["report"])
        sosu = JobAd.objects.create(
            slug="social-og-sundhedsassistent",
            title=f"Social- og sundhedsassistent til {unit.name}",
            summary="32 timer om ugen i dag- og aftenvagt. Nyuddannede og erfarne er velkomne.",
            body=SOSU_AD,
            job_family=families["sosu"],
            employment_type=EmploymentType.PART_TIME,
            weekly_hours=Decimal("32"),
            place=unit.name,
            salary_text="Løn efter overenskomst mellem KL og FOA",
            start_text=f"{requisition.start_on:%d.%m.%Y}",
            deadline=ref + timedelta(days=14),
            status=AdStatus.PUBLISHED,
            published_at=_at(ref - timedelta(days=10)),
            requisition=requisition,
            **common,
        )
        sosu.report = _report(sosu)
        sosu.save(update_fields=["report"])
        _committee(sosu, chair=leder, members=(hr, employee))
        others = _other_ads(ref, families, common)
        applications = _live_round(sosu, ref, rng)
        # Earlier rounds this year: one hire with its onboarding plan, two more for the figures.
        closed = _closed_rounds(ref, families, common, leder, hr, rng)
        applications += sum(closed.values())
        _talent_pool(ref, families, unit)
    plans = _onboarding(ref, users, closed_ad=next(iter(closed)))
    return RecruitmentDemo(
        ads=2 + len(others) + len(closed), applications=applications, plans=plans
    )


def _shortage(leder: Any, family: JobFamily, year: int) -> Decimal | None:
    """The workforce plan's recruitment need for the job family in ``year``, as the manager's
    requisition form shows it (``services.requisitions.shortage``, in full-time equivalents)."""
    from charlie.people.services import access_for
    from charlie.recruitment.services.requisitions import shortage

    if leder is None:
        return None
    found = shortage(access_for(leder), family.pk, year)
    return found.fte if found is not None else None


def _templates(families: dict[str, JobFamily]) -> None:
    """Letter templates and onboarding templates (replaced by their keys). "gdpr" stands for
    the built-in GDPR module's course, whose code the learning demo made from its title."""
    from charlie.demo.learning import GDPR_MODULE
    from charlie.learning.models import Course

    gdpr = Course.objects.filter(module__title=GDPR_MODULE).values_list("code", flat=True).first()
    for kind, (name, subject, body) in LETTERS.items():
        LetterTemplate.objects.update_or_create(
            kind=kind, name=name, defaults={"subject": subject, "body": body}
        )
    for family, name, tasks in (
        (None, "Standard for nye medarbejdere", ONBOARDING_TASKS),
        (families["sosu"], "Social- og sundhedspersonale", ONBOARDING_TASKS + SOSU_TASKS),
    ):
        template, _created = OnboardingTemplate.objects.update_or_create(
            job_family=family, defaults={"name": name}
        )
        template.tasks.all().delete()
        TemplateTask.objects.bulk_create(
            TemplateTask(
                template=template,
                title=title,
                phase=phase,
                offset_days=offset,
                owner=owner,
                course_code=(gdpr or "") if course == "gdpr" else course,
            )
            for title, phase, offset, owner, course in tasks
        )


def _stories(ref: date) -> None:
    for n, (slug, (title, theme, summary, body)) in enumerate(STORIES.items()):
        Story.objects.update_or_create(
            slug=slug,
            defaults={
                "title": title,
                "theme": theme,
                "summary": summary,
                "body": body,
                "published": True,
                "published_at": _at(ref - timedelta(days=30 + 10 * n)),
            },
        )


def _committee(ad: JobAd, *, chair: Any, members: tuple[Any, ...]) -> None:
    if chair is not None:
        CommitteeMember.objects.create(ad=ad, user=chair, chair=True)
    for member in members:
        if member is not None:
            CommitteeMember.objects.create(ad=ad, user=member)
    for order, name in enumerate(("Faglighed", "Samarbejde", "Motivation for stillingen"), 1):
        Criterion.objects.create(ad=ad, name=name, order=order)


def _other_ads(ref: date, families: dict[str, JobFamily], common: dict[str, Any]) -> list[JobAd]:
    ads = []
    for slug, row in OTHER_ADS.items():
        title, family, kind, hours, place, salary, low, high, summary, body, days = row
        ad = JobAd.objects.create(
            slug=slug,
            title=title,
            summary=summary,
            body=body,
            job_family=families[family],
            employment_type=kind,
            weekly_hours=Decimal(hours),
            place=place,
            salary_text=salary,
            salary_min=low,
            salary_max=high,
            deadline=ref + timedelta(days=days),
            status=AdStatus.PUBLISHED,
            published_at=_at(ref - timedelta(days=5)),
            **{**common, "contact_name": "Rekrutteringsteamet"},
        )
        ad.report = _report(ad)
        ad.save(update_fields=["report"])
        ads.append(ad)
    return ads


def _person(rng: np.random.Generator) -> tuple[str, str, int | None]:
    gender = GENDERS[int(rng.integers(len(GENDERS)))]
    first = FIRST_NAMES[gender][int(rng.integers(len(FIRST_NAMES[gender])))]
    last = LAST_NAMES[int(rng.integers(len(LAST_NAMES)))]
    year = None if rng.random() < 0.15 else int(1960 + rng.integers(0, 44))
    return gender, f"{first} {last}", year


def _applications(
    ad: JobAd, stages: list[str], ref: date, rng: np.random.Generator, *, with_files: bool
) -> list[Application]:
    """Invented applicants at these stages, each with the moves that brought them there."""
    order = [s.value for s in Stage]
    made = []
    for number, stage in enumerate(stages, 1):
        gender, name, year = _person(rng)
        application = Application.objects.create(
            ad=ad,
            number=number,
            name=name,
            email=f"{name.lower().replace(' ', '.')}.{ad.pk}.{number}@example.org",
            phone=f"20 {int(rng.integers(10, 99))} {int(rng.integers(10, 99))} "
            f"{int(rng.integers(10, 99))}",
            address=f"Demovej {number}, 7620 Demokøbing",
            birth_year=year,
            gender=gender,
            motivation=(
                "Jeg har arbejdet i ældreplejen i flere år og vil gerne være en del af et fast "
                "team, hvor vi udvikler hverdagen sammen med beboerne."
            ),
            stage=stage,
            token_hash=tokens.generate_token().key_hash,
            consent_version=CONSENT_VERSION,
            decided_at=_at(ref) if stage in (Stage.HIRED, Stage.REJECTED) else None,
        )
        reached = [Stage.RECEIVED.value]
        if stage == Stage.REJECTED:
            reached.append(stage)
        elif stage != Stage.RECEIVED:
            reached += [s for s in order[1 : order.index(stage) + 1] if s not in ("test",)]
        StageChange.objects.bulk_create(
            StageChange(application=application, stage=s) for s in reached
        )
        if with_files:
            ApplicationFile.objects.create(
                application=application,
                kind=FileKind.CV,
                name=f"CV {name}.pdf",
                content_type="application/pdf",
                size=len(DEMO_PDF),
                data=DEMO_PDF,
            )
        made.append(application)
    return made


def _live_round(ad: JobAd, ref: date, rng: np.random.Generator) -> int:
    """The SOSU round now: most still in anonymous screening, two shortlisted, one with an
    interview booked and scored, one rejected."""
    stages = [Stage.RECEIVED] * 7 + [Stage.SHORTLISTED] * 2 + [Stage.INTERVIEW_1, Stage.REJECTED]
    made = _applications(ad, [s.value for s in stages], ref, rng, with_files=True)
    interviewed = made[9]
    Interview.objects.create(
        application=interviewed,
        round=1,
        starts_at=_at(ref + timedelta(days=16), 10),
        ends_at=_at(ref + timedelta(days=16), 11),
        location=f"{ad.place}, mødelokalet",
    )
    chair = ad.committee.filter(chair=True).first()
    if chair is not None:
        for criterion, value in zip(ad.criteria.all(), (4, 5, 4), strict=False):
            Score.objects.create(
                application=interviewed, criterion=criterion, member=chair.user, score=value
            )
        Note.objects.create(
            application=interviewed,
            author=chair.user,
            text="Stærk faglighed og gode eksempler på samarbejde med pårørende.",
        )
    return len(made)


def _closed_rounds(
    ref: date,
    families: dict[str, JobFamily],
    common: dict[str, Any],
    leder: Any,
    hr: Any,
    rng: np.random.Generator,
) -> dict[JobAd, int]:
    """Three rounds that closed earlier this year; the first (a pædagog) ended with a hire."""
    rounds = (
        ("paedagog-vuggestuen-2026", "Pædagog til vuggestuen", "paedagog", 34),
        ("sosu-hjemmeplejen-2026", "Social- og sundhedsassistent til hjemmeplejen", "sosu", 38),
        (
            "administrativ-medarbejder-2026",
            "Administrativ medarbejder til HR",
            "administration",
            45,
        ),
    )
    result: dict[JobAd, int] = {}
    for i, (slug, title, family, count) in enumerate(rounds):
        deadline = max(date(ref.year, 1, 20), ref - timedelta(days=40 + 45 * i))
        ad = JobAd.objects.create(
            slug=slug,
            title=title,
            body=f'{title}. Løn efter overenskomst. Søg via knappen "Søg stillingen".',
            job_family=families[family],
            employment_type=EmploymentType.FULL_TIME,
            weekly_hours=Decimal("37"),
            place=common["unit"].name,
            deadline=deadline,
            status=AdStatus.CLOSED,
            published_at=_at(deadline - timedelta(days=21)),
            closed_at=_at(deadline + timedelta(days=1)),
            **common,
        )
        ad.report = _report(ad)
        ad.save(update_fields=["report"])
        _committee(ad, chair=leder, members=(hr,))
        shortlisted = max(4, count // 5)
        stages = [Stage.HIRED.value] + [Stage.REJECTED.value] * (count - 1)
        made = _applications(ad, stages, ref, rng, with_files=False)
        # The rejected who got as far as an interview: the first ``shortlisted`` of them.
        StageChange.objects.bulk_create(
            StageChange(application=a, stage=Stage.SHORTLISTED) for a in made[1:shortlisted]
        )
        result[ad] = len(made)
    return result


def _talent_pool(ref: date, families: dict[str, JobFamily], unit: OrgUnit) -> None:
    area = unit
    while area.parent_id is not None and area.parent.parent_id is not None:  # type: ignore[union-attr]
        area = area.parent  # type: ignore[assignment]
    for name, family_codes, alerts, contact, months_left in (
        ("Nadia Berg", ("sosu", "sygeplejerske"), True, True, 5),
        ("Thomas Lund", ("paedagog",), True, False, 2),
        ("Eva Møller", ("sosu",), False, True, 0),
    ):
        until = ref + timedelta(days=30 * months_left + 10)
        email = f"{name.lower().replace(' ', '.')}@example.org"
        profile = TalentProfile.objects.create(
            name=name,
            email=email,
            alerts=alerts,
            contact=contact,
            token_hash=tokens.generate_token().key_hash,
            consent_version=POOL_CONSENT_VERSION,
            consent_until=until,
            # Double opt-in: each confirmed from the e-mail the day they signed up.
            confirmed_at=_at(until - timedelta(days=CONSENT_DAYS)),
            last_alert_at=_at(ref - timedelta(days=1)),
        )
        profile.job_families.set([families[c] for c in family_codes])
        profile.areas.set([area])
        subject = hashlib.sha256(email.lower().encode()).hexdigest()
        for action in (ConsentAction.GIVEN, ConsentAction.CONFIRMED):
            ConsentEvent.objects.create(
                subject=subject,
                scope="talentbank",
                action=action,
                text_version=POOL_CONSENT_VERSION,
                until=until if action == ConsentAction.CONFIRMED else None,
            )


def _onboarding(ref: date, users: dict[str, tuple[int, int | None]], *, closed_ad: JobAd) -> int:
    """The hire of the first closed round: HR starts the plan, which began three weeks ago — the
    core terms' ansættelsesbevis is done, the rest is due within the month."""
    from charlie.people.services import access_for
    from charlie.recruitment.services.onboarding import start_plan

    hired = closed_ad.applications.filter(stage=Stage.HIRED).first()
    if hired is None or "hr" not in users:
        return 0
    hr = get_user_model().objects.get(pk=users["hr"][0])
    start = ref - timedelta(days=21)
    started = start_plan(
        access_for(hr),
        application_id=hired.pk,
        name=hired.name,
        email=hired.email,
        title=closed_ad.title,
        unit=closed_ad.unit,
        job_family=closed_ad.job_family,
        start_on=start,
        mentor_name="Birgitte Sørensen",
        welcome="Velkommen til! Vi glæder os til at arbejde sammen med dig.",
    )
    now = timezone.now()
    started.plan.tasks.filter(due_on__lt=ref - timedelta(days=2)).update(done_at=now, done_by=hr)
    return 1
