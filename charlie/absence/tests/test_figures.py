"""Absence figures from the data: hand-worked values, disclosure control, scope, CLI."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from charlie.absence.figures import absence_figures
from charlie.absence.models import AbsencePeriod
from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.people.models import OrgUnitKind
from charlie.people.tests.factories import EmploymentFactory, org_unit

YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}


@pytest.fixture
def team(org):
    """Six full-time people in a new unit, each sick Monday 3 – Friday 7 March 2025."""
    unit = org_unit("Hjemmeplejen", OrgUnitKind.DEPARTMENT, org.aeldre)
    people = []
    for _ in range(6):
        person = EmploymentFactory(org_unit=unit, start_date=date(2020, 1, 1)).person
        AbsencePeriod.objects.create(
            person=person,
            absence_type="sickness",
            start_date=date(2025, 3, 3),
            end_date=date(2025, 3, 7),
        )
        people.append(person)
    return unit


@pytest.mark.django_db
def test_a_units_figures_worked_out_by_hand(team, users):
    rows = {row.label: row for row in absence_figures(users["hr"], by="unit", **YEAR).rows}
    row = rows["Hjemmeplejen"]
    # 2025: 1 Jan is a Wednesday, so 52 weeks + 1 weekday = 261 weekdays; public holidays on
    # weekdays: 1 Jan, 17, 18 and 21 Apr (Easter), 29 May (Ascension), 9 Jun (Whit Monday),
    # 25 and 26 Dec = 8 (no store bededag since 2024) → 253 working days.
    # Each person: 5 sick working days × 37/37 = 5 day-equivalents out of 253 possible.
    assert row.headcount == 6
    assert row.fte == 6.0
    assert row.sickness_day_equivalents == 30.0
    assert row.absence_rate == round(5 / 253, 4)  # 0.0198
    assert row.days_per_fte == 5.0
    assert row.periods_per_full_year_employee == 1.0
    assert row.average_period_days == 5.0  # 3–7 March: 5 calendar days
    assert (row.short_periods, row.long_periods) == (6, 0)
    # Rolled up: Ældreområdet holds Hjemmeplejen's 6, Nord's, Syd's and its manager's.
    assert rows["Ældreområdet"].headcount == 6 + 3
    assert rows["Ældreområdet"].sickness_day_equivalents == 30.0


@pytest.mark.django_db
def test_small_groups_show_no_figures(team, users):
    rows = {row.label: row for row in absence_figures(users["hr"], by="unit", **YEAR).rows}
    # Plejecenter Nord and Syd have one person each: hidden, every measure None.
    for name in ("Plejecenter Nord", "Plejecenter Syd"):
        assert rows[name].suppressed
        assert rows[name].absence_rate is None and rows[name].sickness_day_equivalents is None
    # Nørre Skole (one person) is hidden, and so is its forvaltning (the same person).
    assert rows["Nørre Skole"].suppressed


@pytest.mark.django_db
def test_a_manager_sees_only_their_units_others_are_refused(team, users, org):
    result = absence_figures(users["manager"], by="unit", **YEAR)
    assert {row.label for row in result.rows} == {"Plejecenter Nord"}
    for role in ("employee", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            absence_figures(users[role], by="unit", **YEAR)
    with pytest.raises(ValidationFailed):
        absence_figures(users["hr"], by="weekday", **YEAR)


@pytest.mark.django_db
def test_command_stats_json_and_csv(team):
    out = StringIO()
    call_command(
        "absence", "stats", "--from", "2025-01-01", "--to", "2025-12-31", "--by", "month",
        stdout=out,
    )  # fmt: skip
    data = json.loads(out.getvalue())
    assert data["min_group_size"] == 5 and data["by"] == "month"
    march = next(g for g in data["groups"] if g["label"] == "2025-03")
    assert march["sickness_day_equivalents"] == 30.0
    csv_out = StringIO()
    call_command(
        "absence", "stats", "--from", "2025-01-01", "--to", "2025-12-31", "--by", "year",
        "--format", "csv", stdout=csv_out,
    )  # fmt: skip
    header, year, total = csv_out.getvalue().strip().splitlines()
    assert header.startswith("gruppe;") and year.startswith("2025;")
    assert total.startswith("I alt;")


def test_the_pure_statistics_know_every_absence_type_of_the_model():
    from charlie.absence import stats
    from charlie.absence.models import AbsenceType

    assert set(stats.ABSENCE_TYPES) == set(AbsenceType.values)
    assert set(stats.DEFAULT_CLASSIFICATION) == set(AbsenceType.values)
