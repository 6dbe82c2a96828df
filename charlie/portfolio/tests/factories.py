"""factory-boy factories for the portfolio (the root conftest registers this module for pytest).
Each part of the app may add its factories below."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from charlie.people.tests.factories import PersonFactory
from charlie.portfolio.models import (
    Automation,
    AutomationKind,
    Beacon,
    Benefit,
    BenefitKind,
    BenefitPeriod,
    BusinessCase,
    BusinessCaseLine,
    Criterion,
    Idea,
    IdeaKind,
    Initiative,
    LineKind,
    Stage,
)


class BeaconFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Beacon

    title = factory.Sequence(lambda n: f"Pejlemærke {n}")
    indicator = "Andel af ansøgninger, der behandles digitalt"
    unit = "%"
    baseline = Decimal("40")
    baseline_on = dt.date(2025, 1, 1)
    target = Decimal("80")
    deadline = dt.date(2028, 12, 31)
    published = True


class IdeaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Idea

    kind = IdeaKind.IDEA
    title = factory.Sequence(lambda n: f"Idé {n}")
    description = "Vi taster de samme oplysninger i to systemer."
    hours_per_month = Decimal("20")
    submitted_by = factory.SubFactory(PersonFactory)


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Initiative

    number = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Initiativ {n}")
    stage = Stage.ANALYSIS
    purpose = "Færre dobbelte indtastninger."


class BusinessCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessCase

    initiative = factory.SubFactory(InitiativeFactory)
    first_year = 2027
    horizon = 5


class BusinessCaseLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BusinessCaseLine

    case = factory.SubFactory(BusinessCaseFactory)
    kind = LineKind.INVESTMENT
    label = "Licens og implementering"
    amounts = factory.LazyFunction(lambda: ["500000", "0", "0", "0", "0", "0"])


def business_case(initiative: Initiative, **lines: list[str]) -> BusinessCase:
    """A business case for ``initiative`` with one line per kind given: ``investment=[...]``,
    ``running=[...]``, ``staff_hours=[...]``, ``hours_saved=[...]``, ``benefit=[...]``."""
    case = BusinessCaseFactory(initiative=initiative)
    for order, (kind, amounts) in enumerate(lines.items()):
        BusinessCaseLineFactory(
            case=case, kind=LineKind(kind), label=kind, amounts=amounts, order=order
        )
    return case


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    name = factory.Sequence(lambda n: f"Kriterium {n}")
    weight = Decimal("1")


class BenefitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Benefit

    initiative = factory.SubFactory(InitiativeFactory)
    description = "Sparede timer i sagsbehandlingen"
    kind = BenefitKind.HOURS
    start = dt.date(2027, 1, 1)
    end = dt.date(2027, 12, 31)


class BenefitPeriodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BenefitPeriod

    benefit = factory.SubFactory(BenefitFactory)
    period_start = dt.date(2027, 1, 1)
    period_end = dt.date(2027, 3, 31)
    planned = Decimal("300")


class AutomationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Automation

    name = factory.Sequence(lambda n: f"Robot {n}")
    kind = AutomationKind.RPA
    process = "Flytter bilag fra e-mail til ESDH."
    hours_saved_per_month = Decimal("40")
    owner = factory.SubFactory(PersonFactory)
