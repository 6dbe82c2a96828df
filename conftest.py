"""Shared pytest fixtures: a small organisation with one user per role.

``org`` builds: Testkommune → two forvaltninger → an område → two afdelinger, with people
employed in each, and ``users`` gives a logged-in-able user for every role, linked to people the
way the scope rules expect (the manager manages "Plejecenter Nord").
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest


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
    from charlie.people.models import OrgUnitKind
    from charlie.people.tests.factories import (
        EmploymentFactory,
        job_family,
        org_unit,
    )

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
    from charlie.core.roles import Role
    from charlie.people.tests.factories import EmploymentFactory, UserFactory

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


@pytest.fixture(autouse=True)
def _clear_cache():
    """Data versions roll back with each test's transaction, so cached results must go too."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
