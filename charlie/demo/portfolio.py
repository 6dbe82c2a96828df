"""Demo Kommune's digitalisation portfolio (issue 17), told as one story a user can follow
(docs/portfolio.md, "Prøv det i demoen"):

1. four published beacons (pejlemærker) with quarterly measurements since the baseline;
2. ideas and needs from the front line, with support and comments: the demo employee
   (``medarbejder``) has sent one that waits for HR, one HR rejected with a reason, and one that
   became an initiative;
3. a dozen initiatives in every stage, each with a project description, most with a business
   case (investment, running costs, own hours, hours saved) and the beacons they serve; one is a
   must-do (a legal requirement), some depend on others;
4. the criteria the municipality scores on, with scores, and a saved prioritisation under this
   year's budget;
5. an initiative with its skill needs and a team proposed from the people who said yes to
   project work, accepted by HR; its gaps are learning needs;
6. benefits with planned and realised values, and the automation register.

Everything is written through the portfolio's own services as HR (or as the employee for their
own idea), so the demo holds what the pages would have made; ideas of employees without a log-in
are written as rows of the same shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import numpy as np
from django.contrib.auth import get_user_model
from django.db import transaction

from charlie.core.errors import ValidationFailed
from charlie.people.models import Employment, OrgUnit, OrgUnitKind
from charlie.people.services import access_for
from charlie.portfolio.models import (
    Beacon,
    Idea,
    IdeaComment,
    IdeaKind,
    IdeaSupport,
    Initiative,
    Rates,
    Stage,
)
from charlie.privacy.access import Access

__all__ = ["PortfolioDemo", "create_demo_portfolio", "wipe_demo_portfolio"]


@dataclass(frozen=True, slots=True)
class PortfolioDemo:
    beacons: int
    ideas: int
    initiatives: int
    business_cases: int


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed + 17)


# --- 1. Beacons ----------------------------------------------------------------------------

#: (title, indicator, unit, baseline, target, years to the deadline, where it stands today as a
#: share of the way, description).
BEACONS = (
    (
        "Mere tid til borgerne",
        "Timer frigjort til kerneopgaven pr. år",
        "timer",
        "0",
        "20000",
        3,
        0.7,
        "Digitalisering skal give medarbejderne tid tilbage til borgerne, ikke flere skærme.",
    ),
    (
        "Digitale selvbetjeningsløsninger, borgerne bruger",
        "Andel af ansøgninger, der kommer digitalt",
        "%",
        "55",
        "85",
        3,
        0.5,
        "Borgerne skal kunne klare de almindelige henvendelser selv, når det passer dem.",
    ),
    (
        "Sikker og ansvarlig brug af data og AI",
        "Andel af robotter og AI-løsninger med dokumenteret menneskelig kontrol",
        "%",
        "40",
        "100",
        2,
        1.02,
        "Ingen automatisk afgørelse uden en person, der ser efter, og åbenhed om hvordan.",
    ),
    (
        "Lavere sygefravær gennem bedre planlægning",
        "Sygefravær i ældreplejen",
        "%",
        "7.8",
        "6.0",
        4,
        0.25,
        "Bedre vagtplaner og færre ændringer med kort varsel skal mindske slid og fravær.",
    ),
)


def _beacons(hr: Access, ref: date, rng: np.random.Generator) -> list[Beacon]:
    from charlie.portfolio.services import beacons

    made: list[Beacon] = []
    for order, (title, indicator, unit, base, target, years, share, text) in enumerate(BEACONS):
        start = date(ref.year - 2, 1, 1)
        beacon = beacons.save_beacon(
            hr,
            title=title,
            description=text,
            indicator=indicator,
            unit=unit,
            baseline=Decimal(base),
            baseline_on=start,
            target=Decimal(target),
            deadline=date(ref.year + years - 2, 12, 31),
            order=order,
        )
        beacons.set_published(hr, beacon.pk, published=True)
        # Quarterly measurements toward today's share of the way, with some noise.
        quarters = [
            date(y, m, 1)
            for y in range(start.year, ref.year + 1)
            for m in (3, 6, 9, 12)
            if start < date(y, m, 1) <= ref
        ]
        for n, day in enumerate(quarters, start=1):
            way = share * n / len(quarters) + float(rng.normal(0, 0.03))
            value = Decimal(base) + (Decimal(target) - Decimal(base)) * Decimal(str(round(way, 3)))
            beacons.add_measurement(
                hr, beacon.pk, measured_on=day, value=value.quantize(Decimal("0.1")), on=ref
            )
        made.append(beacon)
    return made


# --- 2. Ideas --------------------------------------------------------------------------------

#: (kind, title, description, hours a month) from the front line.
IDEAS = (
    (
        IdeaKind.NEED,
        "Vagtplanen ændres på papir og sms",
        "Når en kollega melder sig syg, ringer vi rundt og skriver ændringen på tavlen. Det tager "
        "tid hver morgen, og nogen får ikke besked.",
        "40",
    ),
    (
        IdeaKind.IDEA,
        "Robot til bilag fra e-mail til økonomisystemet",
        "Vi flytter hver dag bilag fra en fælles postkasse til økonomisystemet i hånden.",
        "60",
    ),
    (
        IdeaKind.IDEA,
        "Skærmbesøg til borgere, der ønsker det",
        "Nogle borgere vil hellere have et kort skærmbesøg end at vente på et fysisk besøg.",
        "80",
    ),
    (
        IdeaKind.NEED,
        "Vi taster de samme oplysninger to steder",
        "Oplysninger om nye borgere skrives både i omsorgssystemet og i et regneark.",
        "25",
    ),
    (
        IdeaKind.IDEA,
        "Fælles bookingsystem for mødelokaler og biler",
        "Mødelokaler og puljebiler bookes i tre forskellige kalendere.",
        "10",
    ),
    (
        IdeaKind.IDEA,
        "Taletilgængelig journal på tablets",
        "Dokumentation efter besøget kunne dikteres og rettes, i stedet for at blive tastet.",
        "120",
    ),
    (
        IdeaKind.NEED,
        "Nye kolleger får adgang til systemerne for sent",
        "Nye medarbejdere venter ofte en uge på brugere til systemerne.",
        "15",
    ),
    (
        IdeaKind.IDEA,
        "Chatbot til spørgsmål om affaldsordningen",
        "Borgerservice får mange ens spørgsmål om tømning og sortering.",
        "30",
    ),
)

#: What the demo employee sent: waiting for HR, rejected, and turned into initiative 1.
OWN_IDEAS = (
    (
        IdeaKind.IDEA,
        "Digital tjekliste til morgenmødet",
        "Vi skriver morgenmødets opgaver på en tavle; en fælles tjekliste på tablet ville spare "
        "tid og give overblik til aftenvagten.",
        "8",
    ),
    (
        IdeaKind.IDEA,
        "Egen app til kørselsregistrering",
        "En app kun til vores afdeling til at registrere kørsel.",
        "5",
    ),
)

COMMENTS = (
    "Det samme gælder hos os i hjemmeplejen.",
    "Godt forslag. Husk at tænke aftenvagten med.",
    "Vi prøvede noget lignende for et par år siden; det strandede på adgang til data.",
    "Det ville spare os mange opringninger.",
)


def _people(rng: np.random.Generator, ref: date, k: int) -> list[tuple[int, int]]:
    """``k`` employees (person id, unit id) with an employment on ``ref``, chosen at random."""
    rows = list(
        Employment.objects.filter(start_date__lte=ref)
        .exclude(end_date__lt=ref)
        .order_by("pk")
        .values_list("person_id", "org_unit_id")[:4000]
    )
    if not rows:
        return []
    picks = rng.choice(len(rows), size=min(k, len(rows)), replace=False)
    return [rows[int(i)] for i in picks]


def _ideas(
    hr: Access, employee: Access | None, ref: date, rng: np.random.Generator
) -> tuple[list[Idea], Initiative | None]:
    from charlie.portfolio.services import ideas

    people = _people(rng, ref, 40)
    made: list[Idea] = []
    for n, (kind, title, text, hours) in enumerate(IDEAS):
        if not people:
            break
        person_id, unit_id = people[n % len(people)]
        made.append(
            Idea.objects.create(
                kind=kind,
                title=title,
                description=text,
                hours_per_month=Decimal(hours),
                submitted_by_id=person_id,
                unit_id=unit_id,
            )
        )
    # Support and comments from colleagues (each once).
    for idea in made:
        for person_id, _unit in people[: int(rng.integers(2, 14))]:
            if person_id != idea.submitted_by_id:
                IdeaSupport.objects.get_or_create(idea=idea, person_id=person_id)
        for text in COMMENTS[: int(rng.integers(0, 3))]:
            IdeaComment.objects.create(idea=idea, person_id=people[-1][0], text=text)
    if len(made) >= 4:
        ideas.mark_review(hr, made[3].pk)
        ideas.reject(
            hr,
            made[4].pk,
            reason="Vi indfører et fælles bookingsystem for hele kommunen næste år; idéen er "
            "taget med i det arbejde.",
        )
        ideas.merge(hr, made[6].pk, into_id=made[3].pk, reason="Samme behov: dobbelt indtastning.")
    first = None
    if made:
        first = ideas.make_initiative(
            hr, made[0].pk, title="Digital vagtplan i ældreplejen", reason="Passer med pejlemærket."
        )
        ideas.make_initiative(hr, made[1].pk, reason="Et klart emne for en softwarerobot.")
    if employee is not None and employee.person_id:
        waiting = ideas.submit_idea(
            employee,
            kind=OWN_IDEAS[0][0],
            title=OWN_IDEAS[0][1],
            description=OWN_IDEAS[0][2],
            hours_per_month=Decimal(OWN_IDEAS[0][3]),
        )
        made.append(waiting)
        rejected = ideas.submit_idea(
            employee,
            kind=OWN_IDEAS[1][0],
            title=OWN_IDEAS[1][1],
            description=OWN_IDEAS[1][2],
            hours_per_month=Decimal(OWN_IDEAS[1][3]),
        )
        ideas.reject(
            hr,
            rejected.pk,
            reason="Kommunen har allerede en fælles løsning til kørsel i lønsystemet; "
            "vi sender en vejledning til din afdeling.",
        )
        made.append(rejected)
    return made, first


# --- 3. Initiatives and business cases ---------------------------------------------------------

#: (title, stage, tags, IT systems, beacons (indexes), must-do reason, problem, solution,
#: lines: kind → amounts per year (year 0 = this year)).
INITIATIVES: tuple[dict[str, Any], ...] = (
    {
        "title": "Selvbetjening til sygemelding og raskmelding",
        "stage": Stage.RUNNING,
        "tags": ["fast_follower"],
        "it_systems": ["Charlie", "KMD OPUS"],
        "beacons": [0, 3],
        "problem": "Sygemeldinger kommer pr. telefon og bliver skrevet ind i hånden.",
        "solution": "Medarbejderen melder sig syg og rask i Charlie; lederen får opgaverne.",
        "lines": {
            "investment": ["250000"],
            "running": ["0", "40000", "40000", "40000", "40000"],
            "staff_hours": ["300"],
            "hours_saved": ["400", "1500", "1500", "1500", "1500"],
        },
    },
    {
        "title": "Fælles ESDH med nabokommunerne",
        "stage": Stage.DECIDED,
        "tags": ["cross_municipal"],
        "it_systems": ["ESDH"],
        "beacons": [1],
        "problem": "Tre kommuner driver hver sit ESDH-system med samme leverandør.",
        "solution": "Et fælles udbud og én fælles drift, med adskilte data.",
        "lines": {
            "investment": ["1200000", "600000"],
            "running": ["0", "300000", "300000", "300000", "300000"],
            "staff_hours": ["800", "400"],
            "benefit": ["0", "350000", "450000", "450000", "450000"],
            "hours_saved": ["0", "500", "1000", "1000", "1000"],
        },
    },
    {
        "title": "Skærmbesøg i hjemmeplejen",
        "stage": Stage.ANALYSIS,
        "tags": ["trial"],
        "it_systems": ["Omsorgssystem", "Skærmbesøgsløsning"],
        "beacons": [0],
        "problem": "Korte tilsyn kræver kørsel, også når borgeren gerne vil ses på skærm.",
        "solution": "Skærmbesøg for borgere, der vælger det; afprøves i ét distrikt først.",
        "lines": {
            "investment": ["400000"],
            "running": ["0", "120000", "120000", "120000", "120000"],
            "staff_hours": ["500"],
            "hours_saved": ["0", "1200", "2400", "2400", "2400"],
        },
        "three_point": True,
    },
    {
        "title": "AI-hjælp til journalnotater med menneskelig kontrol",
        "stage": Stage.ANALYSIS,
        "tags": ["first_mover", "automation"],
        "it_systems": ["Omsorgssystem", "Talegenkendelse"],
        "beacons": [0, 2],
        "problem": "Dokumentation efter besøg tager op mod en time pr. vagt.",
        "solution": "Medarbejderen dikterer; et udkast skrives, og medarbejderen retter og "
        "godkender altid selv teksten.",
        "lines": {
            "investment": ["900000"],
            "running": ["0", "250000", "250000", "250000", "250000"],
            "staff_hours": ["900"],
            "hours_saved": ["0", "2000", "4000", "4000", "4000"],
        },
    },
    {
        "title": "Sikkerhedskrav efter NIS2",
        "stage": Stage.DECIDED,
        "tags": [],
        "it_systems": ["Alle"],
        "beacons": [2],
        "must_do": "Et lovkrav: kommunen skal leve op til NIS2-reglerne om informationssikkerhed.",
        "problem": "Kommunen skal dokumentere risikostyring og hændelseshåndtering.",
        "solution": "Fælles risikovurdering, logning og beredskabsplan.",
        "lines": {
            "investment": ["600000", "300000"],
            "running": ["0", "150000", "150000", "150000", "150000"],
            "staff_hours": ["600", "300"],
        },
    },
    {
        "title": "Chatbot til affald og genbrug",
        "stage": Stage.IDEA,
        "tags": ["fast_follower", "automation"],
        "it_systems": ["Hjemmeside"],
        "beacons": [1],
        "problem": "Mange ens spørgsmål i borgerservice om tømning og sortering.",
        "solution": "En chatbot med svar fra affaldsordningens egne sider; mennesker tager resten.",
        "lines": {
            "investment": ["150000"],
            "running": ["0", "60000", "60000", "60000", "60000"],
            "staff_hours": ["150"],
            "hours_saved": ["0", "600", "700", "700", "700"],
        },
    },
    {
        "title": "Brugeradgange klar før første arbejdsdag",
        "stage": Stage.BENEFITS,
        "tags": ["automation"],
        "it_systems": ["Charlie", "AD"],
        "beacons": [0],
        "problem": "Nye medarbejdere venter på brugere til systemerne.",
        "solution": "Adgange bestilles automatisk fra introduktionsforløbet.",
        "lines": {
            "investment": ["120000"],
            "running": ["0", "20000", "20000", "20000", "20000"],
            "staff_hours": ["120"],
            "hours_saved": ["300", "600", "600", "600", "600"],
        },
    },
    {
        "title": "Fælles booking af lokaler og biler",
        "stage": Stage.CLOSED,
        "tags": [],
        "it_systems": ["Booking"],
        "beacons": [],
        "problem": "Tre kalendere til lokaler og biler.",
        "solution": "Én bookingløsning for hele kommunen.",
        "lines": {
            "investment": ["80000"],
            "running": ["20000", "20000", "20000", "20000", "20000"],
            "hours_saved": ["400", "400", "400", "400", "400"],
        },
    },
)


def _line_inputs(lines: dict[str, list[str]], *, three_point: bool = False) -> list[Any]:
    from charlie.portfolio.services.cases import LineInput

    labels = {
        "investment": "Anskaffelse og implementering",
        "running": "Licens og drift",
        "staff_hours": "Egne timer i projektet",
        "hours_saved": "Sparede timer i driften",
        "benefit": "Sparede udgifter",
    }
    made = []
    for kind, amounts in lines.items():
        values = [Decimal(a) for a in amounts]
        low = high = None
        if three_point and kind in ("hours_saved", "investment"):
            low = [v * Decimal("0.7") if kind == "hours_saved" else v for v in values]
            high = [
                v * Decimal("1.2") if kind == "hours_saved" else v * Decimal("1.4") for v in values
            ]
        made.append(LineInput(kind=kind, label=labels[kind], amounts=values, low=low, high=high))
    return made


def _forvaltninger() -> list[int]:
    return list(
        OrgUnit.objects.filter(kind=OrgUnitKind.ADMINISTRATION)
        .order_by("pk")
        .values_list("pk", flat=True)
    )


def _initiatives(
    hr: Access, ref: date, beacons: list[Beacon], first: Initiative | None
) -> tuple[list[Initiative], int]:
    from charlie.portfolio.services import cases, initiatives

    forvaltninger = _forvaltninger()
    made: list[Initiative] = []
    cases_made = 0
    if first is not None:
        initiatives.update_initiative(
            hr,
            first.number,
            purpose="Færre ændringer med kort varsel og mindre tid brugt på at ringe rundt.",
            solution="En digital vagtplan, hvor ledige vagter tilbydes i appen.",
            target_group="Medarbejdere og ledere i ældreplejen.",
            tags=["fast_follower"],
            it_systems="Vagtplanssystem\nCharlie",
            beacon_ids=[beacons[0].pk, beacons[3].pk] if len(beacons) > 3 else [],
        )
        initiatives.change_stage(hr, first.number, Stage.ANALYSIS, note="Idéen er undersøgt.")
        cases.save_business_case(
            hr,
            first,
            first_year=ref.year,
            horizon=5,
            rate=None,
            staff_affected=420,
            staff_note="Alle i ældreplejen bruger vagtplanen; ingen stillinger nedlægges.",
            non_financial="Færre ændringer med kort varsel og bedre overblik for medarbejderne.",
            lines=_line_inputs(
                {
                    "investment": ["450000"],
                    "running": ["0", "90000", "90000", "90000", "90000"],
                    "staff_hours": ["400"],
                    "hours_saved": ["500", "2600", "2600", "2600", "2600"],
                }
            ),
        )
        made.append(first)
        cases_made += 1
    for n, spec in enumerate(INITIATIVES):
        initiative = initiatives.create_initiative(
            hr,
            title=spec["title"],
            problem=spec["problem"],
            solution=spec["solution"],
            purpose=spec["solution"],
            tags=spec["tags"],
            it_systems="\n".join(spec["it_systems"]),
            beacon_ids=[beacons[i].pk for i in spec["beacons"] if i < len(beacons)],
            must_do=bool(spec.get("must_do")),
            must_do_reason=spec.get("must_do", ""),
            forvaltning_id=forvaltninger[n % len(forvaltninger)] if forvaltninger else None,
            dpia="needed" if "automation" in spec["tags"] else "not_needed",
            dpia_note=(
                "Behandler personoplysninger automatisk; konsekvensanalyse før start."
                if "automation" in spec["tags"]
                else "Ingen nye personoplysninger."
            ),
        )
        if spec["stage"] != Stage.IDEA:
            initiatives.change_stage(hr, initiative.number, spec["stage"])
        cases.save_business_case(
            hr,
            initiative,
            first_year=ref.year - (1 if spec["stage"] in (Stage.BENEFITS, Stage.CLOSED) else 0),
            horizon=5,
            rate=None,
            staff_affected=None,
            staff_note="",
            non_financial="",
            lines=_line_inputs(spec["lines"], three_point=bool(spec.get("three_point"))),
        )
        cases_made += 1
        made.append(initiative)
    # The AI journal needs the speech recognition of the screen visits' platform.
    by_title = {i.title: i for i in made}
    ai = by_title.get("AI-hjælp til journalnotater med menneskelig kontrol")
    visits = by_title.get("Skærmbesøg i hjemmeplejen")
    if ai is not None and visits is not None:
        initiatives.update_initiative(hr, ai.number, depends_on=[visits.number])
    return made, cases_made


# --- 5. The team ---------------------------------------------------------------------------------


def _team(hr: Access, initiative: Initiative) -> None:
    """Skill needs for the AI journal, a team proposed from the people who opted in to project
    work, accepted by HR, and the gaps as learning needs. Nothing when no skill fits."""
    from charlie.portfolio.services import team

    # What the AI journal needs: (skill, level, hours). Skills the demo's taxonomy lacks are
    # left out; with four people at 100 hours each, some hours stay uncovered.
    wanted = (
        ("Sygeplejefaglig dokumentation", 2, 200),
        ("Kunstig intelligens i opgaveløsningen", 3, 300),
        ("Projektledelse", 3, 200),
        ("Informationssikkerhed", 2, 100),
    )
    ids = {name: pk for pk, name in team.skill_choices()}
    needs = [(ids[name], level, hours) for name, level, hours in wanted if name in ids]
    if not needs:
        return
    team.save_skill_needs(hr, initiative, needs)
    try:
        proposed = team.propose(hr, initiative, hours_per_person=100, max_members=4)
    except ValidationFailed:  # nobody opted in (a tiny demo): the needs stay
        return
    team.gaps_to_learning_needs(hr, initiative, proposed.proposal_id)
    team.decide(hr, initiative, proposed.proposal_id, accept=True)


# --- The whole story -----------------------------------------------------------------------------


def wipe_demo_portfolio() -> None:
    """Remove the last demo's portfolio (its initiatives keep skills' team proposals, which go
    too); called before the people are wiped."""
    from charlie.portfolio.models import Team
    from charlie.skills.models import TeamProposal

    proposals = list(Team.objects.values_list("proposal_id", flat=True))
    with transaction.atomic():
        Initiative.objects.all().delete()
        TeamProposal.objects.filter(pk__in=proposals).delete()
        Idea.objects.all().delete()
        Beacon.objects.all().delete()
        Rates.objects.all().delete()


def create_demo_portfolio(
    reference_date: date, *, seed: int, users: dict[str, tuple[int, int | None]]
) -> PortfolioDemo:
    """Write Demo Kommune's portfolio on ``reference_date``; ``users``: login → (user id,
    person id)."""
    rng = _rng(seed)
    ref = reference_date
    user = get_user_model().objects.in_bulk([uid for uid, _p in users.values()])
    hr_user = user.get(users["hr"][0]) if "hr" in users else None
    if hr_user is None:
        return PortfolioDemo(0, 0, 0, 0)
    wipe_demo_portfolio()
    hr = access_for(hr_user, channel="cli")
    employee_user = user.get(users["medarbejder"][0]) if "medarbejder" in users else None
    employee = access_for(employee_user, channel="cli") if employee_user is not None else None
    beacons = _beacons(hr, ref - timedelta(days=1), rng)
    ideas, first = _ideas(hr, employee, ref, rng)
    initiatives, cases_made = _initiatives(hr, ref, beacons, first)
    ai = next((i for i in initiatives if i.title.startswith("AI-hjælp")), None)
    if ai is not None:
        _team(hr, ai)
    for extra in EXTRAS:
        extra(hr, ref, initiatives, rng)
    return PortfolioDemo(
        beacons=len(beacons),
        ideas=len(ideas),
        initiatives=len(initiatives),
        business_cases=cases_made,
    )


# --- 4. Criteria, scores and a saved prioritisation ----------------------------------------

#: (name, source, weight, higher is better).
CRITERIA = (
    ("Strategisk sigte (pejlemærker)", "beacons", "2", True),
    ("Nutidsværdi", "npv", "2", True),
    ("Tidlige gevinster", "early", "1", True),
    ("Risiko", "manual", "1", False),
    ("Hastende", "manual", "1", True),
)


def _priorities(
    hr: Access, ref: date, initiatives: list[Initiative], rng: np.random.Generator
) -> None:
    """The municipality's criteria, HR's scores of the manual ones for every candidate, and a
    prioritisation of this year and the next four under a budget and staff hours, saved."""
    from charlie.portfolio.services import priorities

    made = [
        priorities.save_criterion(
            hr, name=name, source=source, weight=Decimal(weight), higher_is_better=better
        )
        for name, source, weight, better in CRITERIA
    ]
    manual = [c for c in made if c.source == "manual"]
    for initiative in priorities.candidates():
        priorities.set_scores(
            hr, initiative.number, {c.pk: int(rng.integers(1, 6)) for c in manual}
        )
    result = priorities.run(hr, first_year=ref.year, years=5, budget=2_000_000, hours=2_500)
    priorities.save_scenario(
        hr, name=f"Budget {ref.year}: 2 mio. kr. og 2.500 timer om året", result=result
    )
    tighter = priorities.run(hr, first_year=ref.year, years=5, budget=1_500_000, hours=2_000)
    priorities.save_scenario(
        hr, name=f"Budget {ref.year}: 1,5 mio. kr. og 2.000 timer om året", result=tighter
    )


# --- 6. Benefits and the automation register ---------------------------------------------

#: (name, kind, process, hours saved a month, status, data touched, personal data, review).
AUTOMATIONS = (
    (
        "Bilagsrobotten",
        "rpa",
        "Flytter bilag fra den fælles postkasse til økonomisystemet og sender dem til godkendelse.",
        "60",
        "running",
        "Fakturaer og kreditorernes navne.",
        False,
        "Bogholderiet ser hver uge de bilag, robotten ikke kunne placere.",
    ),
    (
        "Refusion af sygedagpenge",
        "rpa",
        "Søger refusion hos Udbetaling Danmark, når et sygefravær passerer 30 dage.",
        "35",
        "running",
        "Medarbejdernummer, sygefraværets datoer, løn.",
        True,
        "Lønkontoret godkender hver ansøgning, før den sendes.",
    ),
    (
        "Udkast til journalnotater",
        "ai",
        "Skriver et udkast til journalnotatet ud fra medarbejderens diktat.",
        "0",
        "planned",
        "Diktat og journalnotat om borgeren.",
        True,
        "Medarbejderen læser, retter og godkender altid selv notatet; intet gemmes uden det.",
    ),
    (
        "Brugeroprettelse fra introduktionsforløbet",
        "workflow",
        "Bestiller brugere til systemerne, når et introduktionsforløb oprettes.",
        "12",
        "running",
        "Navn, stilling, enhed og første arbejdsdag.",
        True,
        "IT-supporten godkender adgange til systemer med følsomme oplysninger.",
    ),
)


def _benefits(
    hr: Access, ref: date, initiatives: list[Initiative], rng: np.random.Generator
) -> None:
    """Planned benefits of the initiatives that are running or harvesting, quarterly, with
    realised values for the quarters behind us (most a little under plan); and the automation
    register."""
    from charlie.portfolio.services import automations, benefits

    owner = (
        Employment.objects.filter(start_date__lte=ref)
        .exclude(end_date__lt=ref)
        .order_by("pk")
        .values_list("person__employee_number", flat=True)
        .first()
    ) or ""
    harvesting = Initiative.objects.filter(
        pk__in=[i.pk for i in initiatives],
        stage__in=(Stage.RUNNING, Stage.BENEFITS, Stage.CLOSED),
    ).order_by("number")
    for n, initiative in enumerate(harvesting):
        start = date(ref.year - 1, 1, 1)
        benefit = benefits.create_benefit(
            hr,
            number=initiative.number,
            description="Sparede timer i driften",
            kind="hours",
            owner=owner,
            start=start,
            end=date(ref.year + 1, 12, 31),
            period="quarter",
            planned_per_period=Decimal(300 + 100 * n),
        )
        entered = {
            period.pk: benefits.PeriodInput(
                planned=period.planned,
                realised=(
                    period.planned * Decimal(str(round(float(rng.uniform(0.6, 1.1)), 2)))
                ).quantize(Decimal("1")),
            )
            for period in benefit.periods.order_by("period_start")
            if period.period_end < ref
        }
        if entered:
            benefits.enter_periods(hr, benefit.pk, entered)
    number = {i.title: i.number for i in initiatives}
    for name, kind, process, hours, status, data, personal, review in AUTOMATIONS:
        try:
            automations.save_automation(
                hr,
                None,
                name=name,
                kind=kind,
                process=process,
                owner=owner,
                initiative_number=number.get("AI-hjælp til journalnotater med menneskelig kontrol")
                if kind == "ai"
                else None,
                hours_saved_per_month=Decimal(hours),
                status=status,
                data_touched=data,
                personal_data=personal,
                human_review=True,
                review_note=review,
                started_on=date(ref.year - 1, 3, 1) if status == "running" else None,
            )
        except ValidationFailed:
            continue


#: Later parts of the story: each a function of (HR's access, the reference date, the
#: initiatives, the random generator).
EXTRAS: list[Any] = [_priorities, _benefits]
