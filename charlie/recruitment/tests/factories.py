"""factory-boy factories for recruitment (the root conftest registers this module for pytest)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from charlie.core import tokens
from charlie.people.models import JobFamily, OrgUnit, OrgUnitKind
from charlie.recruitment.models import (
    Application,
    EmploymentType,
    JobAd,
    OnboardingPlan,
    Requisition,
    RequisitionReason,
    Story,
    StoryTheme,
)


def _unit() -> OrgUnit:
    return OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT).first()  # type: ignore[return-value]


def _sosu() -> JobFamily:
    return JobFamily.objects.get(code="sosu")


class RequisitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requisition

    unit = factory.LazyFunction(_unit)
    job_family = factory.LazyFunction(_sosu)
    title = "Social- og sundhedsassistent"
    weekly_hours = Decimal("32.00")
    start_on = dt.date(2027, 3, 1)
    reason = RequisitionReason.SHORTAGE


class JobAdFactory(factory.django.DjangoModelFactory):
    """A draft ad; ``status="published"`` and a ``deadline`` ahead make it public."""

    class Meta:
        model = JobAd

    slug = factory.Sequence(lambda n: f"sosu-assistent-{n}")
    title = "Social- og sundhedsassistent til Plejecenter Nord"
    body = "Vi søger en social- og sundhedsassistent til vores dejlige plejecenter."
    unit = factory.LazyFunction(_unit)
    job_family = factory.LazyFunction(_sosu)
    employment_type = EmploymentType.PART_TIME
    weekly_hours = Decimal("32.00")
    place = "Plejecenter Nord"
    postal_code = "7620"
    city = "Lemvig"
    salary_text = "Løn efter overenskomst mellem KL og FOA"
    deadline = dt.date(2027, 1, 15)
    contact_name = "Pia Leder"
    contact_email = "pia@kommune.example"


class ApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Application

    ad = factory.SubFactory(JobAdFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.Iterator(["Sara Holm", "Ali Khan", "Bente Dahl", "Jonas Bak"])
    email = factory.Sequence(lambda n: f"ansoeger{n}@example.org")
    token_hash = factory.LazyFunction(lambda: tokens.generate_token().key_hash)
    consent_version = "2026-12"


class StoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Story

    slug = factory.Sequence(lambda n: f"historie-{n}")
    title = "Fleksibelt arbejdsliv med små børn"
    theme = StoryTheme.FLEXIBLE
    summary = "Sådan får vi hverdagen til at hænge sammen."
    body = "Vi har fleksible mødetider."
    published = True


class OnboardingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OnboardingPlan

    name = "Sara Holm"
    email = "sara@example.org"
    title = "Social- og sundhedsassistent"
    unit = factory.LazyFunction(_unit)
    job_family = factory.LazyFunction(_sosu)
    start_on = dt.date(2027, 3, 1)
    token_hash = factory.LazyFunction(lambda: tokens.generate_token().key_hash)


# --- part onboarding ---


class OnboardingTemplateFactory(factory.django.DjangoModelFactory):
    """A template for social- og sundhedsassistenter (``job_family=None``: the default)."""

    class Meta:
        model = "recruitment.OnboardingTemplate"

    name = "SOSU-assistent"
    job_family = factory.LazyFunction(_sosu)


class TemplateTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "recruitment.TemplateTask"

    template = factory.SubFactory(OnboardingTemplateFactory)
    title = "IT-adgang og brugernavn"
    phase = "before"
    offset_days = -7
    owner = "it"


class OnboardingTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = "recruitment.OnboardingTask"

    plan = factory.SubFactory(OnboardingPlanFactory)
    title = "Nøgler og adgangskort"
    phase = "day_1"
    owner = "manager"
    due_on = dt.date(2027, 3, 1)


# --- part pipeline ---

from charlie.recruitment.models import (  # noqa: E402
    CommitteeMember,
    Criterion,
    LetterKind,
    LetterTemplate,
)


class CriterionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criterion

    ad = factory.SubFactory(JobAdFactory)
    name = factory.Iterator(["Faglighed", "Samarbejde", "Motivation"])
    order = factory.Sequence(lambda n: n)


class CommitteeMemberFactory(factory.django.DjangoModelFactory):
    """``user`` must be given (a user of the ``users`` fixture)."""

    class Meta:
        model = CommitteeMember

    ad = factory.SubFactory(JobAdFactory)
    chair = False


class LetterTemplateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = LetterTemplate

    kind = LetterKind.INTERVIEW
    name = "Indkaldelse til samtale"
    subject = "Samtale om stillingen som {stilling}"
    body = (
        "Kære {navn}\n\nTak for din ansøgning. Vi vil gerne invitere dig til samtale "
        "{dato} kl. {tid} på {sted}.\n\nVenlig hilsen\n{kommune}"
    )
