"""Learning figures per unit, job family and module, through disclosure control."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from io import BytesIO

import pytest
from openpyxl import load_workbook

from charlie.core.errors import NotFound, PermissionDenied
from charlie.learning.models import Attempt, ModuleProgress
from charlie.learning.services import figures
from charlie.learning.tests.factories import CompletionFactory, CourseFactory, ModuleFactory
from charlie.people.models import Employment
from charlie.people.services import access_for
from charlie.people.tests.factories import EmploymentFactory, job_family

JUNE_30 = dt.date(2026, 6, 30)


@pytest.fixture(autouse=True)
def _today(monkeypatch):
    monkeypatch.setattr(figures, "today", lambda: JUNE_30)


@pytest.fixture
def staff(org):
    # Ten more in Syd and eight more in Nord, all 37 hours since 2015.
    for _ in range(10):
        EmploymentFactory(org_unit=org.syd)
    for _ in range(8):
        EmploymentFactory(org_unit=org.nord)
    syd = [e.person for e in Employment.objects.filter(org_unit=org.syd)]
    nord = [e.person for e in Employment.objects.filter(org_unit=org.nord)]
    return syd, nord


def test_hours_cost_and_share_per_unit(org, users, staff):
    syd, _nord = staff
    for person in syd:
        CompletionFactory(
            person=person, completed_on=dt.date(2026, 3, 3), hours=Decimal("7.4"), cost=1000
        )
    # Before the year: not in the hours, but within the 12 months (1 July 2025 … 30 June 2026).
    CompletionFactory(person=syd[0], completed_on=dt.date(2025, 8, 1), hours=50, cost=9000)
    # Failed: counts nowhere.
    CompletionFactory(person=syd[1], completed_on=dt.date(2026, 2, 1), hours=50, result="failed")
    data = figures.learning_figures(access_for(users["analyst"]), unit_id=org.aeldre.pk)
    assert data.cut == JUNE_30
    assert data.since == dt.date(2025, 7, 1)
    by_unit = {row.key: row for row in data.unit_rows}
    # Nord 9, Syd 11, the manager placed in Ældreområdet itself: 21 in all.
    assert by_unit[None].people == 21
    syd_row = by_unit[org.syd.pk]
    # Eleven people of 1.0 FTE each, 7.4 hours and 1,000 kr. each: 7.4 hours, 1,000 kr. per FTE.
    assert syd_row.people == 11
    assert syd_row.fte == 11.0
    assert syd_row.hours_per_fte == 7.4
    assert syd_row.cost_per_fte == 1000
    assert syd_row.learners == 11
    assert syd_row.learner_share == 100.0
    # All 21: 11 × 7.4 = 81.4 hours over 21 FTE = 3.876 → 3.9.
    assert by_unit[None].hours_per_fte == 3.9
    # The difference rule: Nord (9) would give away the manager alone (21 − 11 − 9 = 1).
    assert by_unit[org.nord.pk].people is None
    assert by_unit[org.nord.pk].hours_per_fte is None
    # Job families: everyone is a SOSU here, the same 21.
    assert [row.people for row in data.family_rows] == [21, 21]


def test_a_small_unit_shows_nothing(org, users):
    data = figures.learning_figures(access_for(users["hr"]), unit_id=org.aeldre.pk)
    # One person in Nord, one in Syd, the manager: too few for any figure.
    assert data.unit_rows
    assert all(row.people is None and row.hours_per_fte is None for row in data.unit_rows)


def test_a_manager_sees_only_own_units(org, users, staff):
    data = figures.learning_figures(access_for(users["manager"]))
    # The manager manages Plejecenter Nord (9 people, no sub-units): only the total.
    assert [(row.key, row.people) for row in data.unit_rows] == [(None, 9)]
    assert {pk for pk, _label in data.units} == {org.nord.pk}
    with pytest.raises(NotFound):
        figures.learning_figures(access_for(users["manager"]), unit_id=org.syd.pk)


@pytest.mark.parametrize("role", ["employee", "dpo", "admin"])
def test_others_get_no_figures(users, role):
    with pytest.raises(PermissionDenied):
        figures.learning_figures(access_for(users[role]))


def test_a_year_outside_the_choice_is_not_found(users):
    with pytest.raises(NotFound):
        figures.learning_figures(access_for(users["hr"]), year=2019)


def test_module_completion_rates(org, users, staff):
    syd, nord = staff
    module, small = ModuleFactory(title="Hygiejne"), ModuleFactory(title="Forflytning")
    for person in syd + nord[:4]:
        ModuleProgress.objects.create(person=person, module=module)
    for person in syd[:8]:
        Attempt.objects.create(person=person, module=module, score=90, passed=True)
    Attempt.objects.create(person=syd[9], module=module, score=10, passed=False)
    for person in syd[:3]:
        ModuleProgress.objects.create(person=person, module=small)
    march = dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC)
    ModuleProgress.objects.update(started_at=march)
    Attempt.objects.update(submitted_at=march)
    data = figures.learning_figures(access_for(users["analyst"]))
    rates = {row.label: row for row in data.module_rows}
    # 11 + 4 = 15 started Hygiejne, 8 passed: 53.3 per cent; 7 did not (enough to show).
    assert rates["Hygiejne"].started == 15
    assert rates["Hygiejne"].passed == 8
    assert rates["Hygiejne"].rate == 53.3
    # Three started Forflytning: too few.
    assert rates["Forflytning"].started is None
    assert rates["Forflytning"].rate is None
    # Another year: nobody started.
    assert figures.learning_figures(access_for(users["analyst"]), year=2025).module_rows == []


def test_the_page_and_the_excel_download(org, users, staff, client_as):
    syd, _nord = staff
    for person in syd:
        CompletionFactory(person=person, completed_on=dt.date(2026, 3, 3), hours=6, cost=1500)
    client = client_as("analyst")
    page = client.get("/laering/tal/", {"enhed": org.aeldre.pk})
    assert page.status_code == 200
    html = page.content.decode()
    assert "<svg" in html and 'id="tal-enheder"' in html
    assert "Plejecenter Syd" in html
    # No names on the page: the people of Syd are counted, not listed.
    assert syd[0].last_name + "</" not in html
    export = client.get("/laering/tal/excel/", {"enhed": org.aeldre.pk, "aar": "2026"})
    assert export.status_code == 200
    assert export["Content-Disposition"] == 'attachment; filename="laeringstal-2026.xlsx"'
    book = load_workbook(BytesIO(export.content))
    units = book.worksheets[0]
    rows = {r[0]: r for r in units.iter_rows(min_row=2, values_only=True) if r[0]}
    # Syd: 11 people, 11 FTE, 6 hours and 1,500 kr. each.
    assert rows["Plejecenter Syd"][1:5] == (11, 11.0, 6.0, 1500)
    # Nord is hidden (the difference rule): an empty cell.
    assert rows["Plejecenter Nord"][1] is None


def test_with_learning_is_hidden_when_those_without_are_few(org, users, staff):
    syd, _nord = staff
    # 8 of Syd's 11 learned: showing 8 would give away the 3 who did not (11 − 8).
    for person in syd[:8]:
        CompletionFactory(person=person, completed_on=dt.date(2026, 5, 1), hours=3)
    data = figures.learning_figures(access_for(users["analyst"]), unit_id=org.aeldre.pk)
    syd_row = next(row for row in data.unit_rows if row.key == org.syd.pk)
    assert syd_row.people == 11
    assert syd_row.learners is None
    assert syd_row.learner_share is None
    # Hours are a sum over all 11, shown with them: 8 × 3 = 24 over 11 FTE = 2.18 → 2.2.
    assert syd_row.hours_per_fte == 2.2


def test_a_module_passed_through_its_course_and_too_few_failures(org, users, staff):
    syd, _nord = staff
    course = CourseFactory(title="Hygiejne (e-læring)")
    module = ModuleFactory(title="Hygiejne")
    course.module = module
    course.save()
    for person in syd:
        ModuleProgress.objects.create(person=person, module=module)
    # 9 of 11 passed (recorded as completions from the module): the 2 others are too few, so
    # the number passed is hidden; the 11 who started are shown.
    for person in syd[:9]:
        CompletionFactory(
            person=person, course=course, source="module", result="passed",
            completed_on=dt.date(2026, 4, 1),
        )  # fmt: skip
    ModuleProgress.objects.update(started_at=dt.datetime(2026, 3, 1, 12, tzinfo=dt.UTC))
    (row,) = figures.learning_figures(access_for(users["hr"])).module_rows
    assert (row.started, row.passed, row.rate) == (11, None, None)
    # The manager of Nord: nobody there started it.
    assert figures.learning_figures(access_for(users["manager"])).module_rows == []


def test_one_job_family(org, users, staff):
    sosu = job_family("sosu")
    data = figures.learning_figures(access_for(users["hr"]), family_id=sosu.pk)
    # Only SOSU: the 21 of Ældreområdet and the HR person (SOSU by the factory's default) = 22;
    # the teacher in Nørre Skole is left out.
    assert [(row.key, row.people) for row in data.family_rows] == [(None, 22), (sosu.pk, 22)]
    with pytest.raises(NotFound):
        figures.learning_figures(access_for(users["hr"]), family_id=999_999)
