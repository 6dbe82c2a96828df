"""factory-boy factories for learning (the root conftest registers this module for pytest)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from charlie.learning.models import (
    Completion,
    CompletionResult,
    CompletionSource,
    Course,
    CourseFormat,
    CourseSkill,
    MandatoryRule,
    Module,
    Session,
)
from charlie.people.tests.factories import PersonFactory
from charlie.skills.tests.factories import SkillFactory


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    code = factory.Sequence(lambda n: f"kursus-{n}")
    title = factory.Sequence(lambda n: f"Kursus {n}")
    format = CourseFormat.CLASSROOM
    hours = Decimal("7.0")
    price = Decimal("1500.00")


class CourseSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseSkill

    course = factory.SubFactory(CourseFactory)
    skill = factory.SubFactory(SkillFactory)
    level = 2


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_at = dt.datetime(2027, 2, 1, 9, 0, tzinfo=dt.UTC)
    ends_at = dt.datetime(2027, 2, 1, 15, 0, tzinfo=dt.UTC)
    place = "Rådhuset, mødelokale 1"
    seats = 10
    registration_deadline = dt.date(2027, 1, 15)


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module

    title = factory.Sequence(lambda n: f"Modul {n}")
    pass_mark = 80
    published = True


class CompletionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Completion

    person = factory.SubFactory(PersonFactory)
    course = factory.SubFactory(CourseFactory)
    completed_on = dt.date(2026, 3, 3)
    result = CompletionResult.COMPLETED
    source = CompletionSource.MANUAL
    external_id = factory.Sequence(lambda n: f"test:{n}")


class MandatoryRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MandatoryRule

    name = factory.Sequence(lambda n: f"Krav {n}")
    course = factory.SubFactory(CourseFactory)
    renew_months = 24
    grace_days = 90
