"""factory-boy factories for absence, shared by every app's tests (registered in the root
conftest through ``pytest_plugins``)."""

from __future__ import annotations

import datetime as dt

import factory

from charlie.absence.models import AbsencePeriod, AbsenceType, FollowUpTask
from charlie.people.tests.factories import PersonFactory


class AbsencePeriodFactory(factory.django.DjangoModelFactory):
    """A sickness period; open (no end date) unless ``end_date`` is given."""

    class Meta:
        model = AbsencePeriod

    person = factory.SubFactory(PersonFactory)
    absence_type = AbsenceType.SICKNESS
    start_date = dt.date(2025, 3, 3)
    end_date = None


class FollowUpTaskFactory(factory.django.DjangoModelFactory):
    """An open sickness-interview task of a spell from 3 March 2025, due 31 March.

    The same person, first day and code give the same task (the permission cases ask for a
    case's URL once per role)."""

    class Meta:
        model = FollowUpTask
        django_get_or_create = ("person", "first_day", "code")

    person = factory.SubFactory(PersonFactory)
    first_day = dt.date(2025, 3, 3)
    code = "sickness_interview"
    due = dt.date(2025, 3, 31)
    legal_basis = "§ 7 a"
    description = "Hold sygefraværssamtale."
    org_unit = factory.LazyAttribute(
        lambda task: (job := task.person.employments.first()) and job.org_unit
    )
