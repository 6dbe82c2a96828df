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
