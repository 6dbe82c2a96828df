"""Test data shared by the absence tests."""

from __future__ import annotations

from datetime import date
from typing import Any

from charlie.absence.models import AbsencePeriod
from charlie.people.models import OrgUnit, OrgUnitKind
from charlie.people.tests.factories import EmploymentFactory, org_unit


def sick_team(org: Any) -> OrgUnit:
    """Six full-time people in a new unit, Hjemmeplejen under Ældreområdet, each sick Monday 3 –
    Friday 7 March 2025: 5 sick days of 253 working days.

    Also three coordinators placed in Ældreområdet itself and five staff in the kommune itself:
    a unit's own people are a group of their own (docs/absence.md), and with only the manager
    and Nord's and Syd's one each they would be too few, so Hjemmeplejen would be hidden to
    protect them."""
    unit = org_unit("Hjemmeplejen", OrgUnitKind.DEPARTMENT, org.aeldre)
    for _ in range(6):
        person = EmploymentFactory(org_unit=unit, start_date=date(2020, 1, 1)).person
        AbsencePeriod.objects.create(
            person=person,
            absence_type="sickness",
            start_date=date(2025, 3, 3),
            end_date=date(2025, 3, 7),
        )
    for _ in range(3):
        EmploymentFactory(org_unit=org.aeldre, start_date=date(2020, 1, 1))
    for _ in range(5):
        EmploymentFactory(org_unit=org.kommune, start_date=date(2020, 1, 1))
    return unit
