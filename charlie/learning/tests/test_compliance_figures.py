"""Compliance figures per unit, through disclosure control: no names, no small groups."""

from __future__ import annotations

import pytest

from charlie.core.errors import PermissionDenied
from charlie.learning.models import MandatoryRule
from charlie.learning.services import compliance_figures
from charlie.learning.tests.factories import CourseFactory
from charlie.people.services import access_for
from charlie.people.tests.factories import EmploymentFactory


@pytest.fixture
def rule(org):
    # Ten more in Syd and eight more in Nord (all employed since 2015, never took it: overdue).
    for _ in range(10):
        EmploymentFactory(org_unit=org.syd)
    for _ in range(8):
        EmploymentFactory(org_unit=org.nord)
    rule = MandatoryRule.objects.create(name="Forflytning", course=CourseFactory())
    rule.units.set([org.aeldre])
    return rule


def test_analyst_sees_protected_counts(org, users, rule):
    data = compliance_figures.compliance_figures(
        access_for(users["analyst"]), unit_id=org.aeldre.pk
    )
    by_unit = {row.unit_id: row for row in data.rows}
    # Nord: the person of the org and 8 more = 9; Syd: 1 + 10 = 11; the manager, employed in
    # Ældreområdet itself, counts only in the total (9 + 11 + 1 = 21).
    assert by_unit[None].covered == 21
    assert by_unit[org.syd.pk].covered == 11
    # The difference rule: showing Nord too would give away the one person placed in
    # Ældreområdet itself (21 − 11 − 9 = 1), so Nord is hidden.
    assert by_unit[org.nord.pk].covered is None
    assert by_unit[org.syd.pk].overdue == 11
    assert by_unit[org.syd.pk].due == 0
    for row in data.rows:
        for value in (row.covered, row.overdue):
            assert value is None or value == 0 or value >= data.min_size


def test_small_units_are_hidden(org, users):
    rule = MandatoryRule.objects.create(name="Hygiejne", course=CourseFactory())
    rule.units.set([org.aeldre])
    data = compliance_figures.compliance_figures(access_for(users["hr"]), unit_id=org.aeldre.pk)
    # One person in Nord, one in Syd, the manager: every figure is too small.
    assert all(row.covered is None for row in data.rows)


@pytest.mark.parametrize("role", ["employee", "dpo", "admin"])
def test_others_get_no_figures(users, role):
    with pytest.raises(PermissionDenied):
        compliance_figures.compliance_figures(access_for(users[role]))
