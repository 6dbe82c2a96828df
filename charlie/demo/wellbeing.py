"""Demo Kommune's well-being and working environment (issue 16), told as one story a user can
follow (docs/wellbeing.md, "Prøv det i demoen"):

1. two trivselsmålinger of the whole municipality, two years apart, the last closed three weeks
   ago; about three in four answered. HR has reviewed most of the comments, a few wait;
2. the demo manager (``leder``) sees their unit's results — small groups and the
   offensive-behaviour questions below 20 answers are not shown — and has an APV under way at the
   action plan, with the unit's sickness absence from the absence app, two problems from the
   results and two actions, one of them overdue; other units' APVs are done, one is overdue;
3. a draft trivselsmåling for the manager's area is ready for HR to launch (the invitations are
   written to the server's console in the demo: e-mails are not sent);
4. a monthly pulse with three rounds gives the trend;
5. two green initiatives, with participation shown only in figures.

The answers are invented: per unit a working climate drawn at random, per question an answer
around it. They are written in bulk in the shape ``services.answering.record_answers`` writes
(a response with a random key, the unit and the band values the launch gave the invitation,
nothing else); the surveys are launched and closed by the real services, so the close wipes
the links and answered flags and keeps the tallies as it always does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from django.contrib.auth import get_user_model
from django.db import transaction

from charlie.people.models import OrgUnit
from charlie.people.services import access_for
from charlie.wellbeing.apv import next_due
from charlie.wellbeing.models import (
    Action,
    ActionStatus,
    Answer,
    Apv,
    ApvStep,
    Comment,
    CommentStatus,
    Initiative,
    InitiativeKind,
    Invitation,
    Participation,
    PulseSeries,
    Question,
    QuestionKind,
    QuestionnaireKind,
    Response,
    Survey,
)
from charlie.wellbeing.services.common import today as service_today

__all__ = ["WellbeingDemo", "create_demo_wellbeing"]


@dataclass(frozen=True, slots=True)
class WellbeingDemo:
    surveys: int
    responses: int
    apvs: int
    actions: int


#: Comments as respondents write them, with nothing that points at anyone.
COMMENTS = (
    "Vi har et godt sammenhold på holdet, men travlheden om morgenen slider.",
    "Det ville hjælpe med færre skift mellem vagtplaner med kort varsel.",
    "Jeg savner mere tid til faglig sparring.",
    "Ledelsen lytter, men det tager lang tid, før der sker noget.",
    "Gode kolleger. Dårligt indeklima i personalerummet om sommeren.",
    "Mere information om de forandringer, der kommer.",
)

BANDS = ["age", "seniority"]


def _rng(seed: int) -> np.random.Generator:
    return np.random.default_rng(seed + 16)


def _value(question: Question, climate: float, rng: np.random.Generator) -> float | None:
    """One invented answer to ``question`` in a unit whose working climate is ``climate``
    (around 0; positive is better)."""
    if question.kind == QuestionKind.LIKERT:
        centre = (2.4 - climate) if question.reverse else (3.7 + climate)
        return float(min(5, max(1, round(rng.normal(centre, 0.9)))))
    if question.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
        values = [o["value"] for o in question.options]
        if not values:
            return None
        if question.sensitive or (question.dimension is not None and question.dimension.sensitive):
            # Offensive behaviour: most have never met it; the first option is "no".
            return float(
                values[0] if rng.random() < 0.93 else values[int(rng.integers(1, len(values)))]
            )
        return float(values[int(rng.integers(0, len(values)))])
    if question.kind == QuestionKind.NUMBER:
        low, high = question.minimum or 0, question.maximum or 10
        return float(int(rng.integers(low, high + 1)))
    return None


def _answer(
    survey: Survey,
    share: float,
    climates: dict[int, float],
    rng: np.random.Generator,
    *,
    reviewed: float = 1.0,
) -> int:
    """About ``share`` of the invitations answer; the rest do not. Returns the responses."""
    questions = list(
        Question.objects.filter(version=survey.version)
        .select_related("dimension")
        .order_by("order")
    )
    invitations = list(survey.invitations.values_list("pk", "unit_id", "band_values"))
    chosen = [row for row in invitations if rng.random() < share]
    responses, answers, comments = [], [], []
    for _pk, unit_id, band_values in chosen:
        response = Response(survey=survey, unit_id=unit_id, band_values=band_values)
        responses.append(response)
        climate = climates.get(unit_id, 0.0)
        for question in questions:
            if question.kind == QuestionKind.TEXT:
                if rng.random() < 0.08:
                    status = (
                        CommentStatus.APPROVED if rng.random() < reviewed else CommentStatus.PENDING
                    )
                    text = COMMENTS[int(rng.integers(0, len(COMMENTS)))]
                    comments.append(
                        Comment(
                            response=response,
                            question=question,
                            text=text,
                            status=status,
                            shown_text=text if status == CommentStatus.APPROVED else "",
                        )
                    )
                continue
            if rng.random() < 0.03:
                continue  # "Spring over"
            value = _value(question, climate, rng)
            if value is not None:
                answers.append(Answer(response=response, question=question, value=value))
    Response.objects.bulk_create(responses, batch_size=2000)
    Answer.objects.bulk_create(answers, batch_size=5000)
    Comment.objects.bulk_create(comments, batch_size=2000)
    Invitation.objects.filter(pk__in=[pk for pk, _u, _b in chosen]).update(
        answered=True, token_hash=None, link_key=None
    )
    return len(responses)


def _round(
    hr: Any,
    *,
    name: str,
    kind: str,
    version_id: int,
    units: list[OrgUnit],
    opens: date,
    closes: date,
    previous: Survey | None = None,
    pulse: PulseSeries | None = None,
    bands: list[str] | None = None,
) -> Survey:
    """A survey launched on ``opens`` by the real launch (invitations for the people employed
    then, bands checked against the group sizes)."""
    from charlie.wellbeing.services import surveys

    survey = Survey.objects.create(
        name=name,
        kind=kind,
        version_id=version_id,
        bands=BANDS if bands is None else bands,
        opens_on=opens,
        closes_on=closes,
        previous=previous,
        pulse=pulse,
        created_by=hr.user,
        intro="Tak, fordi du tager dig tid. Det tager omkring 10 minutter.",
    )
    survey.units.set(units)
    surveys.launch(hr, survey.pk, drop_small_bands=True, on=opens)
    survey.refresh_from_db()
    return survey


def _close(hr: Any, survey: Survey) -> None:
    from charlie.wellbeing.services import surveys

    surveys.close(hr, survey.pk)


def create_demo_wellbeing(
    reference_date: date, *, seed: int, users: dict[str, tuple[int, int | None]]
) -> WellbeingDemo:
    """Write Demo Kommune's well-being on ``reference_date`` (after ``create_demo`` wiped the
    people); ``users``: login → (user id, person id)."""
    from charlie.wellbeing.services import questionnaires

    rng = _rng(seed)
    ref = reference_date
    user = get_user_model().objects.in_bulk([uid for uid, _p in users.values()])
    hr_user = user.get(users["hr"][0]) if "hr" in users else None
    leder = user.get(users["leder"][0]) if "leder" in users else None
    if hr_user is None:
        return WellbeingDemo(0, 0, 0, 0)
    hr = access_for(hr_user, channel="cli")
    # Surveys, series and initiatives do not point at people: remove the last demo's.
    Survey.objects.all().delete()
    PulseSeries.objects.all().delete()
    Initiative.objects.all().delete()
    root = OrgUnit.objects.filter(parent__isnull=True).order_by("pk").first()
    if root is None:
        return WellbeingDemo(0, 0, 0, 0)
    unit_ids = list(OrgUnit.objects.values_list("pk", flat=True))
    climates = {pk: float(rng.normal(0, 0.35)) for pk in unit_ids}
    trivsel = questionnaires.charlie_bank("trivsel")
    puls = questionnaires.charlie_bank("puls")
    responses = 0

    # 1. Two rounds of the whole municipality.
    before = _round(
        hr,
        name=f"Trivselsmåling {ref.year - 2}",
        kind=QuestionnaireKind.WELLBEING,
        version_id=trivsel.pk,
        units=[root],
        opens=ref - timedelta(days=2 * 365 + 40),
        closes=ref - timedelta(days=2 * 365 + 19),
    )
    responses += _answer(before, 0.72, {k: v - 0.1 for k, v in climates.items()}, rng)
    _close(hr, before)
    latest = _round(
        hr,
        name=f"Trivselsmåling {ref.year}",
        kind=QuestionnaireKind.WELLBEING,
        version_id=trivsel.pk,
        units=[root],
        opens=ref - timedelta(days=40),
        closes=ref - timedelta(days=19),
        previous=before,
    )
    responses += _answer(latest, 0.76, climates, rng, reviewed=0.8)
    _close(hr, latest)

    # 3. A draft for the manager's area, for HR to launch in the demo.
    unit = OrgUnit.objects.filter(manager_id=users.get("leder", (0, None))[1]).first()
    area = unit.parent if unit is not None and unit.parent is not None else root
    draft = Survey.objects.create(
        name=f"Trivselsmåling {ref.year + 1}: {area.name}",
        kind=QuestionnaireKind.WELLBEING,
        version=trivsel,
        bands=BANDS,
        opens_on=ref,
        closes_on=ref + timedelta(days=21),
        previous=latest,
        created_by=hr_user,
        intro="Tak, fordi du tager dig tid. Det tager omkring 10 minutter.",
    )
    draft.units.set([area])

    # 4. A monthly pulse with three rounds, the last still open.
    series = PulseSeries.objects.create(
        name="Månedlig puls",
        version=puls,
        every_months=1,
        open_days=7,
        next_on=ref + timedelta(days=30 - ref.day % 30),
        created_by=hr_user,
    )
    series.units.set([root])
    for months_ago in (3, 2, 1):
        opens = ref - timedelta(days=30 * months_ago)
        pulse = _round(
            hr,
            name=f"Puls {opens:%m/%Y}",
            kind=QuestionnaireKind.PULSE,
            version_id=puls.pk,
            units=[root],
            opens=opens,
            closes=opens + timedelta(days=7),
            pulse=series,
            bands=[],
        )
        drift = {k: v + 0.05 * (3 - months_ago) for k, v in climates.items()}
        responses += _answer(pulse, 0.55, drift, rng)
        _close(hr, pulse)

    # 2. The manager's APV, under way, and other units' APVs.
    apvs, actions = _apvs(ref, leder, unit, latest)

    # 5. Green initiatives.
    _initiatives(ref, hr_user, rng)
    return WellbeingDemo(
        surveys=Survey.objects.count(), responses=responses, apvs=apvs, actions=actions
    )


def _apvs(ref: date, leder: Any, unit: OrgUnit | None, survey: Survey) -> tuple[int, int]:
    """The manager's APV at the action plan, through the real services (the unit's sickness
    absence comes from the absence app); done APVs for other units, one overdue."""
    from charlie.wellbeing.services import actions as action_services
    from charlie.wellbeing.services import apv as apv_services

    count = 0
    managed = OrgUnit.objects.filter(manager__isnull=False, parent__isnull=False)
    if unit is not None:
        managed = managed.exclude(pk=unit.pk)
    others = list(managed.order_by("path")[:8])
    with transaction.atomic():
        for i, other in enumerate(others):
            completed = ref - timedelta(days=200 + 170 * i)
            Apv.objects.create(
                unit=other,
                title=f"APV {completed.year}: {other.name}",
                step=ApvStep.DONE,
                started_on=completed - timedelta(days=60),
                completed_on=completed,
                next_due_on=next_due(completed),
                assessment=(
                    "Kortlægningen viste et godt arbejdsmiljø med enkelte fysiske problemer."
                ),
                follow_up_guidelines="Handlingsplanen følges op på personalemøderne hvert kvartal.",
            )
            count += 1
    if unit is None or leder is None:
        return count, 0
    manager = access_for(leder, channel="cli")
    apv = apv_services.start_apv(
        manager,
        unit_id=unit.pk,
        title=f"APV {ref.year}: {unit.name}",
        walkthrough=True,
        survey_id=survey.pk,
        participants=(
            "Lederen, arbejdsmiljørepræsentanten og to medarbejdere fra dag- og aftenvagt."
        ),
    )
    first = apv_services.save_problem(
        manager,
        apv.pk,
        title="Travlhed om morgenen",
        description=(
            "Trivselsmålingen og snakken på personalemødet peger på for mange opgaver mellem kl. "
            "7 og 10. Det giver stress og fejl i dokumentationen."
        ),
        source=survey.name,
        priority=1,
    )
    second = apv_services.save_problem(
        manager,
        apv.pk,
        title="Varmt personalerum om sommeren",
        description="Rundgangen fandt for høj temperatur i personalerummet i juni–august.",
        source="Rundgang",
        priority=2,
    )
    Apv.objects.filter(pk=apv.pk).update(
        step=ApvStep.ACTION_PLAN,
        absence_note=(
            "Sygefraværet er lidt over kommunens gennemsnit. Vi følger det sammen med "
            "handlingsplanen for travlheden om morgenen."
        ),
        assessment=(
            "Det psykiske arbejdsmiljø er generelt godt: kollegerne hjælper hinanden. Travlheden "
            "om morgenen er det største problem; det fysiske arbejdsmiljø har ét problem."
        ),
    )
    made = 0
    for problem, text, days, status in (
        (
            first,
            "Flyt to faste opgaver fra morgenen til eftermiddagen, og prøv det i tre måneder.",
            45,
            ActionStatus.IN_PROGRESS,
        ),
        (
            second,
            "Få ejendomsservice til at se på ventilationen og sætte solafskærmning op.",
            -10,
            ActionStatus.PLANNED,
        ),
    ):
        action = action_services.save_action(
            manager,
            unit_id=unit.pk,
            problem=problem.title,
            action=text,
            owner_id=leder.pk,
            # The service checks the deadline against today (the demo may be dated earlier).
            deadline=max(ref, service_today()) + timedelta(days=max(days, 0)),
            status=status,
            source=problem.source,
            survey_id=survey.pk if problem is first else None,
            apv_problem_id=problem.pk,
        )
        if days < 0:
            # Overdue: the deadline passed ten days ago (a new action's deadline cannot lie
            # before today, so it is moved back here).
            Action.objects.filter(pk=action.pk).update(
                deadline=max(ref, service_today()) + timedelta(days=days)
            )
        made += 1
    return count + 1, made


def _initiatives(ref: date, hr_user: Any, rng: np.random.Generator) -> None:
    from charlie.people.models import Person

    cycling = Initiative.objects.create(
        title="Vi cykler til arbejde",
        kind=InitiativeKind.CYCLING,
        summary="Cykl til arbejde i maj, og se hvor mange kilometer kommunen samler.",
        body="Tilmeld dig, og registrér dine ture. Der er cykelparkering og bad ved rådhuset.",
        starts_on=date(ref.year, 5, 1) if ref.month < 5 else date(ref.year + 1, 5, 1),
        ends_on=date(ref.year, 5, 31) if ref.month < 5 else date(ref.year + 1, 5, 31),
        published=True,
        created_by=hr_user,
    )
    health = Initiative.objects.create(
        title="Sundhedstjek på arbejdspladsen",
        kind=InitiativeKind.HEALTH,
        summary="Blodtryk, kondition og en snak om søvn og stress — i arbejdstiden.",
        body="Sundhedstjekket tager 30 minutter og foregår på din arbejdsplads.",
        starts_on=ref - timedelta(days=30),
        ends_on=ref + timedelta(days=60),
        published=True,
        created_by=hr_user,
    )
    people = list(
        Person.objects.filter(employments__end_date__isnull=True)
        .distinct()
        .values_list("pk", flat=True)
    )
    rows = []
    for initiative, share in ((cycling, 0.12), (health, 0.22)):
        for pk in people:
            if rng.random() < share:
                rows.append(
                    Participation(
                        initiative=initiative,
                        person_id=pk,
                        joined_on=min(ref, initiative.starts_on)
                        - timedelta(days=int(rng.integers(0, 20))),
                    )
                )
    Participation.objects.bulk_create(rows, batch_size=2000)
