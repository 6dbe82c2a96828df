"""factory-boy factories for skills (the root conftest registers this module for pytest)."""

from __future__ import annotations

import datetime as dt

import factory

from charlie.people.tests.factories import PersonFactory
from charlie.skills.models import (
    AssessmentSource,
    AssessmentStatus,
    RoleProfile,
    RoleRequirement,
    Skill,
    SkillAssessment,
    SkillSource,
)


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill

    name = factory.Sequence(lambda n: f"Kompetence {n}")
    uri = factory.Sequence(lambda n: f"local:kompetence-{n}")
    source = SkillSource.LOCAL


class SkillAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SkillAssessment

    person = factory.SubFactory(PersonFactory)
    skill = factory.SubFactory(SkillFactory)
    level = 2
    assessed_on = dt.date(2026, 3, 3)
    source = AssessmentSource.MANAGER
    status = AssessmentStatus.CONFIRMED


class RoleProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleProfile

    code = factory.Sequence(lambda n: f"rolle-{n}")
    name = factory.Sequence(lambda n: f"Rolle {n}")


class RoleRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleRequirement

    profile = factory.SubFactory(RoleProfileFactory)
    skill = factory.SubFactory(SkillFactory)
    min_level = 2
