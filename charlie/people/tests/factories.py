"""factory-boy factories for the people core, shared by every app's tests."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import factory

from charlie.core.models import User
from charlie.core.roles import Role
from charlie.people import services
from charlie.people.models import Employment, Gender, JobFamily, OrgUnit, OrgUnitKind, Person


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Test"
    last_name = factory.Sequence(lambda n: f"Bruger{n}")
    role = Role.EMPLOYEE
    password = factory.django.Password("korrekt-hest-batteri-42")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    employee_number = factory.Sequence(lambda n: f"E{n:06d}")
    first_name = factory.Iterator(["Anne", "Mette", "Lars", "Søren", "Hanne", "Jens", "Åse"])
    last_name = factory.Iterator(["Jensen", "Nielsen", "Hansen", "Pedersen", "Østergaard"])
    birth_date = dt.date(1980, 5, 17)
    gender = Gender.FEMALE


def org_unit(name: str, kind: str, parent: OrgUnit | None = None, **kw: object) -> OrgUnit:
    """Create an org unit through the service, so its path is right."""
    return services.create_org_unit(
        name=name, kind=kind, parent=parent, valid_from=dt.date(2010, 1, 1), **kw
    )


def job_family(code: str = "sosu") -> JobFamily:
    return JobFamily.objects.get(code=code)


class EmploymentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employment

    person = factory.SubFactory(PersonFactory)
    org_unit = factory.LazyFunction(
        lambda: OrgUnit.objects.filter(kind=OrgUnitKind.DEPARTMENT).first()
    )
    job_title = "Social- og sundhedsassistent"
    job_family = factory.LazyFunction(lambda: JobFamily.objects.get(code="sosu"))
    agreement = "Overenskomst for social- og sundhedspersonale"
    weekly_hours = Decimal("37.00")
    start_date = dt.date(2015, 3, 1)
    end_date = None
