"""Absence figures from the data: hand-worked values, disclosure control, scope, CLI."""

from __future__ import annotations

import json
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from charlie.absence.models import AbsencePeriod
from charlie.absence.services import absence_figures
from charlie.absence.tests.data import sick_team
from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.people.models import OrgUnitKind
from charlie.people.services import access_for
from charlie.people.tests.factories import EmploymentFactory, org_unit

YEAR = {"start": date(2025, 1, 1), "end": date(2025, 12, 31)}


@pytest.fixture
def team(org):
    """Six full-time people in Hjemmeplejen, each sick 3–7 March 2025 (``data.sick_team``)."""
    return sick_team(org)


@pytest.mark.django_db
def test_a_units_figures_worked_out_by_hand(team, users):
    rows = {
        row.label: row for row in absence_figures(access_for(users["hr"]), by="unit", **YEAR).rows
    }
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
    # Rolled up: Ældreområdet holds Hjemmeplejen's 6, Nord's, Syd's, its manager and its
    # three coordinators.
    assert rows["Ældreområdet"].headcount == 6 + 3 + 3
    assert rows["Ældreområdet"].sickness_day_equivalents == 30.0


@pytest.mark.django_db
def test_small_groups_show_no_figures(team, users):
    rows = {
        row.label: row for row in absence_figures(access_for(users["hr"]), by="unit", **YEAR).rows
    }
    # Plejecenter Nord and Syd have one person each: hidden, every measure None.
    for name in ("Plejecenter Nord", "Plejecenter Syd"):
        assert rows[name].suppressed
        assert rows[name].absence_rate is None and rows[name].sickness_day_equivalents is None
    # Nørre Skole (one person) is hidden, and so is its forvaltning (the same person).
    assert rows["Nørre Skole"].suppressed


@pytest.mark.django_db
def test_a_manager_sees_only_their_units_others_are_refused(team, users, org):
    result = absence_figures(access_for(users["manager"]), by="unit", **YEAR)
    assert {row.label for row in result.rows} == {"Plejecenter Nord"}
    for role in ("employee", "dpo", "admin"):
        with pytest.raises(PermissionDenied):
            absence_figures(access_for(users[role]), by="unit", **YEAR)
    with pytest.raises(ValidationFailed):
        absence_figures(access_for(users["hr"]), by="weekday", **YEAR)


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


def test_one_list_of_absence_types():
    """The model's labelled choices are the pure module's codes, in the same order."""
    from charlie.absence import kinds
    from charlie.absence.models import AbsenceType

    assert tuple(AbsenceType.values) == kinds.ABSENCE_TYPES
    assert set(kinds.SICKNESS_TYPES) <= set(kinds.ABSENCE_TYPES)


# --- Disclosure control that survives subtraction ---


@pytest.fixture
def direktion(db):
    """The penetration test's case: a kommunaldirektør alone in the top unit, sick 10 days in
    March, above two forvaltninger of eight and nine people."""
    top = org_unit("Kommunen", OrgUnitKind.MUNICIPALITY)
    a = org_unit("Forvaltning A", OrgUnitKind.ADMINISTRATION, top)
    b = org_unit("Forvaltning B", OrgUnitKind.ADMINISTRATION, top)
    director = EmploymentFactory(org_unit=top, start_date=date(2020, 1, 1)).person
    AbsencePeriod.objects.create(
        person=director,
        absence_type="sickness",
        start_date=date(2025, 3, 3),
        end_date=date(2025, 3, 14),
    )
    for unit, n in ((a, 8), (b, 9)):
        for _ in range(n):
            EmploymentFactory(org_unit=unit, start_date=date(2020, 1, 1))
    return top


@pytest.mark.django_db
def test_the_directors_figures_cannot_be_subtracted_from_the_tree(client, direktion, users):
    """GET /api/v1/absence/stats?by=unit as analyst: the top unit and both forvaltninger were
    published, and top − A − B gave the director's 10 sick days exactly (008f944)."""
    client.force_login(users["analyst"])
    answer = client.get(
        "/api/v1/absence/stats", {"from": "2025-01-01", "to": "2025-12-31", "by": "unit"}
    ).json()
    rows = {g["label"]: g for g in answer["groups"]}
    top, a, b = rows["Kommunen"], rows["Forvaltning A"], rows["Forvaltning B"]
    shown = [r for r in (top, a, b) if not r["suppressed"]]
    if len(shown) == 3:
        own = top["sickness_day_equivalents"] - a["sickness_day_equivalents"]
        own -= b["sickness_day_equivalents"]
        pytest.fail(f"the director's own sick days can be computed: {own}")
    assert top["headcount"] == 18  # the total is still there
    assert not a["suppressed"] or not b["suppressed"]  # and something below it


@pytest.mark.django_db
def test_a_window_is_widened_to_whole_months(team, users):
    """An analyst may ask for any from/to; figures are published for whole months only, so two
    windows never differ by a day (1–30 March vs 1–31 March would give 31 March alone)."""
    one_day = absence_figures(
        access_for(users["analyst"]), by="year", start=date(2025, 3, 31), end=date(2025, 3, 31)
    )
    march = absence_figures(
        access_for(users["analyst"]), by="year", start=date(2025, 3, 1), end=date(2025, 3, 30)
    )
    assert (one_day.start, one_day.end) == (date(2025, 3, 1), date(2025, 3, 31))
    assert (march.start, march.end) == (date(2025, 3, 1), date(2025, 3, 31))
    assert one_day.total == march.total
    assert one_day.widened and (one_day.requested_start, one_day.requested_end) == (
        date(2025, 3, 31),
        date(2025, 3, 31),
    )


@pytest.mark.django_db
def test_longer_periods_are_configurable(team, users, settings):
    settings.CHARLIE_ABSENCE_PERIOD_MONTHS = 3
    result = absence_figures(
        access_for(users["analyst"]), by="quarter", start=date(2025, 2, 10), end=date(2025, 2, 11)
    )
    assert (result.start, result.end) == (date(2025, 1, 1), date(2025, 3, 31))
    with pytest.raises(ValidationFailed):
        absence_figures(access_for(users["analyst"]), by="month", **YEAR)


@pytest.mark.django_db
def test_a_group_too_small_in_one_month_is_hidden_for_the_whole_window(org, users):
    """Five people all year, a sixth only in March: January–March and January–February both
    have enough people, but their difference is March, whose group must then be shown — so
    each month is decided on its own and the window shows only what every month may."""
    unit = org_unit("Lille enhed", OrgUnitKind.DEPARTMENT, org.kommune)
    for _ in range(5):
        EmploymentFactory(org_unit=unit, start_date=date(2020, 1, 1), end_date=date(2025, 2, 28))
    EmploymentFactory(org_unit=unit, start_date=date(2020, 1, 1))
    early = absence_figures(
        access_for(users["analyst"]), by="unit", start=date(2025, 1, 1), end=date(2025, 2, 28)
    )
    spring = absence_figures(
        access_for(users["analyst"]), by="unit", start=date(2025, 1, 1), end=date(2025, 3, 31)
    )
    row = {r.label: r for r in spring.rows}["Lille enhed"]
    assert row.suppressed  # only one person left in March
    assert not {r.label: r for r in early.rows}["Lille enhed"].suppressed


@pytest.mark.django_db
def test_barsel_stays_in_the_denominator_and_the_causes_are_apart(org, users):
    """DOMAIN.md 2.1: barsel is absence, so it stays in the denominator, and the four causes
    are reported apart over the same denominator.

    Six full-time people in one unit, March 2025: 31 days from a Saturday = 21 weekdays, no
    public holiday (Easter is in April) → 21 working days each, 6 × 21 = 126 possible
    day-equivalents. One is on barsel all month (21), one sick Mon 3 – Tue 4 March (2), one has
    a work injury Wed 5 March (1), one a child's 1st sick day Thu 6 March (1).

    - sygefravær (own sickness + work injury) = 3 ÷ 126 = 2.38 % (with barsel taken out of the
      denominator it would wrongly be 3 ÷ 105 = 2.86 %);
    - own sickness 2/126 = 1.59 %, work injury 1/126 = 0.79 %, child's sickness 1/126 = 0.79 %,
      barsel 21/126 = 16.67 %; all four 25/126 = 19.84 %.
    """
    unit = org_unit("Barselsenheden", OrgUnitKind.DEPARTMENT, org.kommune)
    people = [
        EmploymentFactory(org_unit=unit, start_date=date(2020, 1, 1)).person for _ in range(6)
    ]
    for person, kind, start, end in (
        (people[0], "parental_leave", date(2025, 2, 1), date(2025, 6, 30)),
        (people[1], "sickness", date(2025, 3, 3), date(2025, 3, 4)),
        (people[2], "work_injury", date(2025, 3, 5), date(2025, 3, 5)),
        (people[3], "child_sick", date(2025, 3, 6), date(2025, 3, 6)),
    ):
        AbsencePeriod.objects.create(
            person=person, absence_type=kind, start_date=start, end_date=end
        )
    march = {"start": date(2025, 3, 1), "end": date(2025, 3, 31)}
    rows = {r.label: r for r in absence_figures(access_for(users["hr"]), by="unit", **march).rows}
    row = rows["Barselsenheden"]
    assert row.headcount == 6
    assert row.sickness_day_equivalents == 3.0
    assert row.absence_rate == round(3 / 126, 4)
    assert row.own_sickness_rate == round(2 / 126, 4)
    assert row.work_injury_rate == round(1 / 126, 4)
    assert row.child_sickness_rate == round(1 / 126, 4)
    assert row.parental_leave_rate == round(21 / 126, 4)
    assert row.all_causes_rate == round(25 / 126, 4)
    # The API and the CLI give the causes too, and hide them with the rest.
    as_json = row.as_json()
    assert as_json["parental_leave_rate"] == round(21 / 126, 4)
    hidden = {r.label: r for r in absence_figures(access_for(users["hr"]), by="unit", **march).rows}
    small = [r for r in hidden.values() if r.suppressed]
    assert small, "the org fixture has units too small to show"
    for r in small:
        for name in ("own_sickness_rate", "work_injury_rate", "child_sickness_rate"):
            assert getattr(r, name) is None
        assert r.parental_leave_rate is None and r.all_causes_rate is None


@pytest.mark.django_db
def test_a_new_absence_period_shows_at_once(team, users):
    """The figures are cached by the absence data's version and the people data's: a sick
    report shows in the next request (nesting the two caches kept the old figures)."""
    hr = access_for(users["hr"])
    before = {r.label: r for r in absence_figures(hr, by="unit", **YEAR).rows}["Hjemmeplejen"]
    person = team.employments.first().person
    AbsencePeriod.objects.create(
        person=person,
        absence_type="sickness",
        start_date=date(2025, 6, 2),
        end_date=date(2025, 6, 6),
    )
    after = {r.label: r for r in absence_figures(hr, by="unit", **YEAR).rows}["Hjemmeplejen"]
    assert after.sickness_day_equivalents == before.sickness_day_equivalents + 5


@pytest.mark.django_db
def test_periods_are_read_again_after_an_absence_change_not_a_people_change(team, users):
    """After a people change (an import, an HR correction) the figures are computed again but
    the periods of the whole municipality are not read again; a period written in bulk (the
    payroll import, no signals) shows at once, because the bulk writer bumps the absence data."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from charlie.absence.services.periods import AbsenceRow, insert_absences
    from charlie.core.cache import bump

    hr = access_for(users["hr"])

    def hjemmeplejen():
        return {r.label: r for r in absence_figures(hr, by="unit", **YEAR).rows}["Hjemmeplejen"]

    before = hjemmeplejen()
    bump("people")
    with CaptureQueriesContext(connection) as queries:
        assert hjemmeplejen() == before
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    assert "people_employment" in sql and "absence_absenceperiod" not in sql
    person = team.employments.first().person
    insert_absences(
        [AbsenceRow(person.pk, None, "sickness", date(2025, 6, 2), date(2025, 6, 6), None)]
    )
    assert hjemmeplejen().sickness_day_equivalents == before.sickness_day_equivalents + 5
