"""The person overview's section registry (people.overview)."""

import pytest

from charlie.core.errors import NotFound
from charlie.people import overview
from charlie.people.permissions import CORRECT_PERSON
from charlie.people.services import access_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def sections(monkeypatch):
    registry: dict = {}
    monkeypatch.setattr(overview, "_sections", registry)
    return registry


def test_sections_in_order_by_permission_and_left_out_when_empty(org, users, sections):
    calls = []

    def build(name, result):
        def _build(access, person):
            calls.append(name)
            if result is NotFound:
                raise NotFound
            return result

        return _build

    for key, order, permission, result in [
        ("b", 20, None, {"title": "B"}),
        ("a", 10, None, {"title": "A"}),
        ("hr_only", 5, CORRECT_PERSON, {"title": "HR"}),
        ("empty", 30, None, None),
        ("out_of_scope", 40, None, NotFound),
    ]:
        overview.register_section(
            overview.OverviewSection(
                key=key,
                template="x.html",
                build=build(key, result),
                order=order,
                permission=permission,
            )
        )
    manager = overview.sections_for(access_for(users["manager"]), org.person_in_nord)
    assert [s.key for s in manager] == ["a", "b"]
    assert "hr_only" not in calls  # never built without the permission
    hr = overview.sections_for(access_for(users["hr"]), org.person_in_nord)
    assert [s.key for s in hr] == ["hr_only", "a", "b"]


def test_absence_and_workforce_register_their_sections():
    keys = {s.key: s for s in overview.registered_sections()}
    assert {"fravaer", "pension"} <= set(keys)
    assert keys["fravaer"].order < keys["pension"].order
