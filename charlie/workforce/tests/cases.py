"""Who may open each URL of workforce, and which of its URLs must write the audit log:
the workforce plan, scenarios, pension dates and the workforce API.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` and
``charlie/privacy/tests/test_every_personal_data_url.py``.
"""

from __future__ import annotations

from typing import Any

from charlie.core.testing.cases import (
    LOGIN_REQUIRED,
    Case,
    expect,
)


def with_scenario(kwargs: dict[str, Any]) -> dict[str, Any]:
    """Make sure the illustrative scenario exists (idempotent); returns ``kwargs``."""
    from charlie.workforce import services

    services.create_illustrative_scenario()
    return kwargs


def own_scenario_id() -> int:
    """A scenario of HR's own (not illustrative), the same one on every call."""
    from charlie.workforce.models import Scenario

    scenario, _created = Scenario.objects.get_or_create(name="Eget scenarie")
    return scenario.pk


def driver_id() -> int:
    from charlie.workforce.models import Driver

    driver, _created = Driver.objects.get_or_create(
        scenario_id=own_scenario_id(), name="Borgere 80+", defaults={"values": {"2025": 100.0}}
    )
    return driver.pk


PERMISSION_CASES: list[Case] = [
    # The workforce plan: aggregates for HR, analysts and managers; scenarios are
    # edited by HR and analysts; one person's pension dates only by HR.
    Case("workforce:plan", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200)),
    Case(
        "workforce:plan",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        kwargs=lambda org: with_scenario({}),
        data={"to": "2030"},
        label="with a scenario",
    ),
    Case(
        "workforce:plan_xlsx",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        kwargs=lambda org: with_scenario({}),
        data={"to": "2030"},
    ),
    Case(
        "workforce:model", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200)
    ),
    Case(
        "workforce:growth",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=302),
        method="post",
        kwargs=lambda org: {"scenario_id": own_scenario_id()},
        data={"to": "2040", "rate-sosu": "1,5"},
    ),
    Case("workforce:pension_lookup", expect(403, anonymous=LOGIN_REQUIRED, hr=302)),
    Case(
        "workforce:person_pension",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
    ),
    Case(
        "workforce:scenarios",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
    ),
    Case(
        "api:workforce_pension_age", expect(200, anonymous=401), data={"birth_date": "1971-01-01"}
    ),
    Case("api:workforce_scenarios", expect(403, anonymous=401, manager=200, hr=200, analyst=200)),
    Case(
        "api:workforce_project",
        expect(403, anonymous=401, manager=404, hr=404, analyst=404),
        data={"runs": 100},
        label="no scenario yet",
    ),
    Case(
        "api:workforce_project",
        expect(403, anonymous=401, manager=200, hr=200, analyst=200),
        kwargs=lambda org: with_scenario({}),
        data={"runs": 100, "to": "2030"},
    ),
    Case(
        "api:workforce_project",
        expect(403, anonymous=401, manager=200, hr=200, analyst=200),
        kwargs=lambda org: with_scenario({}),
        data={"runs": 100, "to": "2030", "format": "csv"},
        label="csv",
    ),
    Case("api:workforce_model", expect(403, anonymous=401, manager=200, hr=200, analyst=200)),
    Case(
        "workforce:scenarios",
        # HR goes first and creates it; the analyst then meets the name in use (400).
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=400),
        method="post",
        data={"name": "Nyt scenarie"},
        label="create",
    ),
    Case(
        "workforce:scenario",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        kwargs=lambda org: {"scenario_id": own_scenario_id()},
    ),
    Case(
        "workforce:scenario_copy",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=400),  # the name is taken by then
        method="post",
        kwargs=lambda org: {"scenario_id": own_scenario_id()},
        data={"name": "Kopi til test"},
    ),
    Case(
        "workforce:scenario_delete",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=404),  # HR deleted it first
        method="post",
        kwargs=lambda org: {"scenario_id": own_scenario_id()},
        data={"confirm": "on"},
    ),
    Case(
        "workforce:driver_new",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=400),  # the name is taken by then
        method="post",
        kwargs=lambda org: {"scenario_id": own_scenario_id()},
        data={"name": "Nyt grundlag", "source": "Test", "values": "2025 100\n2035 150"},
    ),
    Case(
        "workforce:driver",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=302),
        method="post",
        kwargs=lambda org: {"scenario_id": own_scenario_id(), "driver_id": driver_id()},
        data={"name": "Borgere 80+", "source": "Test", "values": "2025 100\n2035 160"},
    ),
    Case(
        "workforce:driver_delete",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, analyst=404),  # HR deleted it first
        method="post",
        kwargs=lambda org: {"scenario_id": own_scenario_id(), "driver_id": driver_id()},
    ),
    Case(
        "workforce:compare",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        kwargs=lambda org: with_scenario({}),
        label="before two scenarios are chosen",
    ),
]
