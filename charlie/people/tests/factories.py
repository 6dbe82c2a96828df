"""factory-boy factories and the test organisation for the people core, shared by every app's
tests (registered in the root conftest through ``pytest_plugins``).

``org`` builds: Testkommune → two forvaltninger → an område → two afdelinger, with people
employed in each, and ``users`` gives a logged-in-able user for every role, linked to people the
way the scope rules expect (the manager manages "Plejecenter Nord").
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

import factory
import pytest

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


# --- The test organisation and one user per role ------------------------------------------------


@dataclass
class Org:
    kommune: object
    social: object
    kultur: object
    aeldre: object
    nord: object
    syd: object
    skole: object
    person_in_nord: object
    person_in_syd: object
    person_in_skole: object


@pytest.fixture
def org(db):
    kommune = org_unit("Testkommune", OrgUnitKind.MUNICIPALITY)
    social = org_unit("Social og Sundhed", OrgUnitKind.ADMINISTRATION, kommune)
    kultur = org_unit("Børn og Kultur", OrgUnitKind.ADMINISTRATION, kommune)
    aeldre = org_unit("Ældreområdet", OrgUnitKind.AREA, social)
    nord = org_unit("Plejecenter Nord", OrgUnitKind.DEPARTMENT, aeldre)
    syd = org_unit("Plejecenter Syd", OrgUnitKind.DEPARTMENT, aeldre)
    skole = org_unit("Nørre Skole", OrgUnitKind.INSTITUTION, kultur)
    p_nord = EmploymentFactory(org_unit=nord).person
    p_syd = EmploymentFactory(org_unit=syd).person
    p_skole = EmploymentFactory(
        org_unit=skole, job_family=job_family("laerer"), job_title="Lærer"
    ).person
    return Org(kommune, social, kultur, aeldre, nord, syd, skole, p_nord, p_syd, p_skole)


@pytest.fixture
def users(org):
    """One user per role. Keys are the role values: employee, manager, hr, analyst, dpo, admin."""
    result = {}
    for role in Role:
        user = UserFactory(
            username=f"test-{role.value}",
            role=role,
            first_name=role.label,
            is_staff=role == Role.ADMIN,
        )
        result[role.value] = user
    # The employee is the person employed in Plejecenter Nord.
    org.person_in_nord.user = result["employee"]
    org.person_in_nord.save()
    # The manager is employed in Ældreområdet and manages Plejecenter Nord only.
    manager_person = EmploymentFactory(org_unit=org.aeldre, job_title="Plejecenterleder").person
    manager_person.user = result["manager"]
    manager_person.save()
    org.nord.manager = manager_person
    org.nord.save()
    # HR has a person record in the kommune itself.
    hr_person = EmploymentFactory(org_unit=org.kommune, job_title="HR-konsulent").person
    hr_person.user = result["hr"]
    hr_person.save()
    return result


@pytest.fixture
def client_as(client, users):
    """``client_as("hr")`` returns the test client logged in as that role."""

    def _as(role: str):
        client.force_login(users[role])
        return client

    return _as
