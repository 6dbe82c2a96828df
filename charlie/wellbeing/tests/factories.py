"""factory-boy factories for wellbeing (the root conftest registers this module for pytest).
Each part of the app adds its factories below."""

from __future__ import annotations

import datetime as dt

import factory

from charlie.wellbeing.models import (
    Dimension,
    Question,
    QuestionKind,
    Questionnaire,
    QuestionnaireKind,
    QuestionnaireVersion,
    Survey,
)

LIKERT = [
    {"value": 1, "label": "I meget lille grad", "label_en": "To a very small extent"},
    {"value": 2, "label": "I lille grad", "label_en": "To a small extent"},
    {"value": 3, "label": "Delvist", "label_en": "Somewhat"},
    {"value": 4, "label": "I høj grad", "label_en": "To a large extent"},
    {"value": 5, "label": "I meget høj grad", "label_en": "To a very large extent"},
]


class QuestionnaireFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Questionnaire

    code = factory.Sequence(lambda n: f"trivsel-{n}")
    name = "Trivselsmåling"
    kind = QuestionnaireKind.WELLBEING


class VersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = QuestionnaireVersion

    questionnaire = factory.SubFactory(QuestionnaireFactory)
    number = 1


class DimensionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dimension

    version = factory.SubFactory(VersionFactory)
    code = factory.Sequence(lambda n: f"dimension-{n}")
    name = "Indflydelse"


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    version = factory.SubFactory(VersionFactory)
    dimension = None
    code = factory.Sequence(lambda n: f"q{n}")
    text = "Har du indflydelse på, hvordan du gør dit arbejde?"
    kind = QuestionKind.LIKERT
    options = factory.LazyFunction(lambda: list(LIKERT))
    order = factory.Sequence(lambda n: n)


class SurveyFactory(factory.django.DjangoModelFactory):
    """A draft survey of a version; add units with ``survey.units.add(...)``."""

    class Meta:
        model = Survey

    name = "Trivselsmåling 2027"
    kind = QuestionnaireKind.WELLBEING
    version = factory.SubFactory(VersionFactory)
    opens_on = dt.date(2027, 3, 1)
    closes_on = dt.date(2027, 3, 21)


# --- part apv ---

from charlie.wellbeing.models import (  # noqa: E402
    Action,
    Apv,
    ApvProblem,
    WalkthroughItem,
)


class ApvFactory(factory.django.DjangoModelFactory):
    """An APV at step 1; give ``unit`` (an ``OrgUnit``)."""

    class Meta:
        model = Apv

    title = factory.Sequence(lambda n: f"APV {n}")
    started_on = dt.date(2027, 1, 4)


class WalkthroughItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WalkthroughItem

    apv = factory.SubFactory(ApvFactory)
    area = "Indeklima"
    text = factory.Sequence(lambda n: f"Punkt {n}")
    order = factory.Sequence(lambda n: n)


class ApvProblemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ApvProblem

    apv = factory.SubFactory(ApvFactory)
    title = factory.Sequence(lambda n: f"Problem {n}")
    priority = 2


class ActionFactory(factory.django.DjangoModelFactory):
    """An action of a unit; give ``unit`` (and ``owner``, a user)."""

    class Meta:
        model = Action

    problem = "For meget støj i fællesrummet"
    action = "Lydabsorberende plader i loftet"
    deadline = dt.date(2027, 6, 1)


# --- part green ---


class InitiativeFactory(factory.django.DjangoModelFactory):
    """A published cycling challenge that runs from 1 May to 31 May 2027."""

    class Meta:
        model = "wellbeing.Initiative"

    title = "Vi cykler til arbejde"
    kind = "cycling"
    summary = "Cykl til arbejde i maj, og se hvor mange kilometer din enhed samler."
    starts_on = dt.date(2027, 5, 1)
    ends_on = dt.date(2027, 5, 31)
    published = True


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "wellbeing.Participation"

    initiative = factory.SubFactory(InitiativeFactory)
    person = factory.SubFactory("charlie.people.tests.factories.PersonFactory")
    joined_on = dt.date(2027, 4, 20)


# --- part surveys ---
# A questionnaire version with every kind of question (until the questionnaires part's banks
# arrive), staff for a unit, and a survey launched through the service.

from decimal import Decimal  # noqa: E402

from charlie.core.roles import Role  # noqa: E402
from charlie.people.models import JobFamily, OrgUnit, Person  # noqa: E402
from charlie.people.services import operator_access  # noqa: E402
from charlie.people.tests.factories import EmploymentFactory, PersonFactory  # noqa: E402
from charlie.wellbeing.models import Invitation  # noqa: E402

CHOICES = [
    {"value": 1, "label": "Dagvagt", "label_en": "Day shift"},
    {"value": 2, "label": "Aftenvagt", "label_en": "Evening shift"},
    {"value": 3, "label": "Nattevagt", "label_en": "Night shift"},
]


def survey_version(**version: object) -> QuestionnaireVersion:
    """A version with two dimensions and one question of each kind: a scale (``influence``,
    required), a reversed scale (``workload``), a single choice (``shift``), a multiple choice
    (``channels``), a number (``overtime``, 0–60), a free text (``comment``), and a sensitive
    scale (``bullying``, in the sensitive dimension)."""
    v = VersionFactory(**version)
    work = DimensionFactory(version=v, code="indflydelse", name="Indflydelse", order=1)
    sensitive = DimensionFactory(
        version=v, code="kraenkende", name="Krænkende adfærd", order=2, sensitive=True
    )
    QuestionFactory(
        version=v,
        dimension=work,
        code="influence",
        text="Har du indflydelse på, hvordan du gør dit arbejde?",
        text_en="Do you have influence on how you do your work?",
        required=True,
        order=1,
    )
    QuestionFactory(
        version=v,
        dimension=work,
        code="workload",
        text="Har du for meget at lave?",
        reverse=True,
        order=2,
    )
    QuestionFactory(
        version=v,
        dimension=work,
        code="shift",
        text="Hvilken vagt har du oftest?",
        kind=QuestionKind.SINGLE,
        options=list(CHOICES),
        order=3,
    )
    QuestionFactory(
        version=v,
        dimension=work,
        code="channels",
        text="Hvordan får du besked om ændringer?",
        kind=QuestionKind.MULTIPLE,
        options=[
            {"value": 1, "label": "Møder"},
            {"value": 2, "label": "E-mail"},
            {"value": 3, "label": "Opslagstavle"},
        ],
        order=4,
    )
    QuestionFactory(
        version=v,
        dimension=work,
        code="overtime",
        text="Hvor mange timer arbejdede du over sidste måned?",
        kind=QuestionKind.NUMBER,
        options=[],
        minimum=0,
        maximum=60,
        order=5,
    )
    QuestionFactory(
        version=v,
        dimension=work,
        code="comment",
        text="Er der andet, du vil fortælle om dit arbejdsmiljø?",
        kind=QuestionKind.TEXT,
        options=[],
        order=6,
    )
    QuestionFactory(
        version=v,
        dimension=sensitive,
        code="bullying",
        text="Har du været udsat for mobning de seneste 12 måneder?",
        sensitive=True,
        order=1,
    )
    return v


def staff(
    unit: OrgUnit,
    count: int,
    *,
    family: str = "sosu",
    birth: dt.date = dt.date(1980, 5, 17),
    start: dt.date = dt.date(2015, 3, 1),
    hours: str = "37.00",
    email: bool = True,
) -> list[Person]:
    """``count`` people employed in ``unit`` from ``start`` (still employed)."""
    people = []
    for _i in range(count):
        person = PersonFactory(birth_date=birth)
        person.email = f"{person.employee_number.lower()}@example.dk" if email else ""
        person.save(update_fields=["email"])
        EmploymentFactory(
            person=person,
            org_unit=unit,
            start_date=start,
            job_family=JobFamily.objects.get(code=family),
            weekly_hours=Decimal(hours),
        )
        people.append(person)
    return people


def draft_survey(units: list[OrgUnit], **fields: object) -> Survey:
    """A draft survey of ``survey_version()`` open from today for three weeks."""
    from django.utils import timezone

    today = timezone.localdate()
    values: dict[str, object] = {
        "opens_on": today,
        "closes_on": today + dt.timedelta(days=20),
        "version": survey_version(),
    }
    values.update(fields)
    survey = SurveyFactory(**values)
    survey.units.set(units)
    return survey


def launched_survey(units: list[OrgUnit], *, drop_small_bands: bool = True, **fields: object):
    """A survey launched today through the service (as HR on the command line)."""
    from charlie.wellbeing.services import surveys

    survey = draft_survey(units, **fields)
    surveys.launch(
        operator_access(Role.HR, channel="cli"), survey.pk, drop_small_bands=drop_small_bands
    )
    survey.refresh_from_db()
    return survey


def link_of(invitation: Invitation) -> str:
    """The one-time link of an invitation (made from its key, as the e-mail has it)."""
    from charlie.wellbeing.services.answering import link_of_key

    assert invitation.link_key is not None
    return link_of_key(invitation.survey_id, invitation.link_key)


# --- part results ---
# A small questionnaire with every kind of question, and answers written straight into
# Response/Answer/Comment (the surveys part writes them in production through record_answers).

UDSAT = [
    {"value": 1, "label": "Nej", "label_en": "No"},
    {"value": 2, "label": "Ja, en enkelt gang", "label_en": "Yes, once"},
    {"value": 3, "label": "Ja, nogle gange", "label_en": "Yes, a few times"},
    {"value": 4, "label": "Ja, hver måned", "label_en": "Yes, every month"},
    {"value": 5, "label": "Ja, hver uge eller oftere", "label_en": "Yes, every week or more"},
]
WORK_HOURS = [
    {"value": 1, "label": "Dag", "label_en": "Day"},
    {"value": 2, "label": "Aften", "label_en": "Evening"},
    {"value": 3, "label": "Nat", "label_en": "Night"},
]


def results_version(number: int = 1, questionnaire=None):  # type: ignore[no-untyped-def]
    """A version with the dimensions "indflydelse" (two scale questions, the second reverse)
    and "kraenkende" (offensive behaviour: one single choice), a multiple choice
    "arbejdstid", a number "timer" and a free text "kommentar"."""
    from charlie.wellbeing.models import QuestionKind

    version = VersionFactory(
        number=number, **({"questionnaire": questionnaire} if questionnaire else {})
    )
    influence = DimensionFactory(version=version, code="indflydelse", name="Indflydelse", order=1)
    offensive = DimensionFactory(
        version=version, code="kraenkende", name="Krænkende adfærd", order=2, sensitive=True
    )
    QuestionFactory(
        version=version, dimension=influence, code="indflydelse-1", text="Har du indflydelse?"
    )
    QuestionFactory(
        version=version,
        dimension=influence,
        code="indflydelse-2",
        text="Hvor ofte bliver du overhørt?",
        reverse=True,
    )
    QuestionFactory(
        version=version,
        dimension=offensive,
        code="mobning",
        text="Har du været udsat for mobning?",
        kind=QuestionKind.SINGLE,
        options=list(UDSAT),
    )
    QuestionFactory(
        version=version,
        code="arbejdstid",
        text="Hvornår arbejder du?",
        kind=QuestionKind.MULTIPLE,
        options=list(WORK_HOURS),
    )
    QuestionFactory(
        version=version, code="timer", text="Timer om ugen?", kind=QuestionKind.NUMBER, options=[]
    )
    QuestionFactory(
        version=version,
        code="kommentar",
        text="Er der andet?",
        kind=QuestionKind.TEXT,
        options=[],
    )
    return version


def closed_survey(units, version=None, **kwargs):  # type: ignore[no-untyped-def]
    """A closed survey of ``version`` (default: a new ``results_version``) in ``units``."""
    from django.utils import timezone

    from charlie.wellbeing.models import SurveyStatus

    survey = SurveyFactory(
        version=version or results_version(),
        status=SurveyStatus.CLOSED,
        launched_at=timezone.now(),
        closed_at=timezone.now(),
        **kwargs,
    )
    survey.units.set(units)
    return survey


def add_response(survey, unit, values=None, *, bands=None, comments=None):  # type: ignore[no-untyped-def]
    """One anonymous response in ``unit``: ``values`` maps a question code to its value (a list
    for a multiple choice), ``comments`` a free-text question's code to its text."""
    from charlie.wellbeing.models import Answer, Comment, Question, Response

    by_code = {q.code: q for q in Question.objects.filter(version_id=survey.version_id)}
    response = Response.objects.create(survey=survey, unit=unit, band_values=bands or {})
    rows = []
    for code, value in (values or {}).items():
        for v in value if isinstance(value, list | tuple) else [value]:
            rows.append(Answer(response=response, question=by_code[code], value=float(v)))
    Answer.objects.bulk_create(rows)
    for code, text in (comments or {}).items():
        Comment.objects.create(response=response, question=by_code[code], text=text)
    return response


def results_story(org, *, name="Trivselsmåling 2027", previous=None):  # type: ignore[no-untyped-def]
    """A closed survey of the test organisation with the age band: 8 answers in Plejecenter
    Nord (the manager's unit; 4 aged 30–39, 4 aged 50–59), 3 in Plejecenter Syd (too few),
    5 in Ældreområdet itself and 12 in Nørre Skole — 28 in all. In Nord one approved and one
    waiting comment. Tallies: 10 invited and 8 answered in Nord, 5/3 in Syd, 6/5 in
    Ældreområdet, 15/12 in the school."""
    from charlie.wellbeing.models import CommentStatus, UnitTally

    survey = closed_survey([org.kommune], name=name, bands=["age"], previous=previous)
    for i in range(8):
        add_response(
            survey,
            org.nord,
            {
                "indflydelse-1": 4 + i % 2,
                "indflydelse-2": 2,
                "mobning": 1,
                "arbejdstid": [1],
                "timer": 37,
            },
            bands={"age": "30-39" if i < 4 else "50-59"},
            comments={"kommentar": f"Kommentar {i} fra Nord"} if i < 2 else None,
        )
    for _ in range(3):
        add_response(
            survey, org.syd, {"indflydelse-1": 1, "indflydelse-2": 5, "mobning": 5}, bands={}
        )
    for _ in range(5):
        add_response(
            survey, org.aeldre, {"indflydelse-1": 3, "indflydelse-2": 3, "mobning": 1}, bands={}
        )
    for i in range(12):
        add_response(
            survey,
            org.skole,
            {"indflydelse-1": 2 + i % 4, "indflydelse-2": 1 + i % 5, "mobning": 1 + (i == 0)},
            bands={"age": "30-39" if i % 2 else "50-59"},
        )
    from charlie.wellbeing.models import Comment

    first = Comment.objects.filter(text="Kommentar 0 fra Nord").get()
    first.status = CommentStatus.APPROVED
    first.shown_text = first.text
    first.save()
    for unit, invited, answered in (
        (org.nord, 10, 8),
        (org.syd, 5, 3),
        (org.aeldre, 6, 5),
        (org.skole, 15, 12),
    ):
        UnitTally.objects.create(survey=survey, unit=unit, invited=invited, answered=answered)
    return survey
