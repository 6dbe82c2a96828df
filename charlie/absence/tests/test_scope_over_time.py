"""Scope holds over time: a manager sees a person's absence, deadlines and
history only for the time the person was in the manager's units.

The case: Jensen worked in Nørre Skole (another manager's unit) until 31 Dec 2022 and was sick
there in March 2022; on 1 Jan 2023 Jensen moved to Plejecenter Nord, which our manager manages,
and was sick again in May 2023. Before the fix, the manager's ``?on=2022-06-01`` showed the
2022 spell from the school.
"""

from __future__ import annotations

from datetime import date

import pytest

from charlie.absence.models import AbsencePeriod, Section56Agreement
from charlie.absence.services import agreements, deadlines
from charlie.people import services as people
from charlie.people.models import EndReason
from charlie.people.services import Window, access_for
from charlie.people.tests.factories import EmploymentFactory, PersonFactory


@pytest.fixture
def moved(org):
    person = PersonFactory()
    EmploymentFactory(
        person=person,
        org_unit=org.skole,
        start_date=date(2019, 8, 1),
        end_date=date(2022, 12, 31),
        end_reason=EndReason.TRANSFER,
    )
    EmploymentFactory(person=person, org_unit=org.nord, start_date=date(2023, 1, 1))
    AbsencePeriod.objects.create(
        person=person,
        absence_type="sickness",
        start_date=date(2022, 3, 7),
        end_date=date(2022, 4, 20),
    )
    AbsencePeriod.objects.create(
        person=person,
        absence_type="sickness",
        start_date=date(2023, 5, 8),
        end_date=date(2023, 5, 12),
    )
    return person


def _first_days(result):
    return [case.first_day for case in result.cases]


@pytest.mark.django_db
def test_visible_windows(moved, users):
    assert people.visible_windows(access_for(users["hr"]), moved.pk) is None
    assert people.visible_windows(access_for(users["manager"]), moved.pk) == (
        Window(date(2023, 1, 1)),
    )


@pytest.mark.django_db
def test_the_manager_sees_no_spell_from_the_persons_time_in_another_unit(moved, users):
    in_2022 = deadlines(access_for(users["manager"]), on=date(2022, 6, 1), person_id=moved.pk)
    assert _first_days(in_2022) == []
    in_2023 = deadlines(access_for(users["manager"]), on=date(2023, 6, 1), person_id=moved.pk)
    assert _first_days(in_2023) == [date(2023, 5, 8)]
    # HR sees both (cases are shown for a year after they end: on 1 Apr 2023 both count).
    hr = deadlines(access_for(users["hr"]), on=date(2023, 4, 1), person_id=moved.pk)
    assert _first_days(hr) == [date(2022, 3, 7)]
    hr = deadlines(access_for(users["hr"]), on=date(2023, 6, 1), person_id=moved.pk)
    assert _first_days(hr) == [date(2023, 5, 8)]  # the 2022 spell ended over a year before
    manager = deadlines(access_for(users["manager"]), on=date(2023, 4, 1), person_id=moved.pk)
    assert _first_days(manager) == []


@pytest.mark.django_db
def test_a_spell_running_when_the_person_arrived_is_shown_whole(moved, users):
    AbsencePeriod.objects.create(
        person=moved, absence_type="sickness", start_date=date(2022, 12, 19), end_date=None
    )
    result = deadlines(access_for(users["manager"]), on=date(2023, 1, 10), person_id=moved.pk)
    # The deadlines run from the first day, 19 Dec 2022, and are now this manager's to keep.
    assert _first_days(result) == [date(2022, 12, 19)]


@pytest.mark.django_db
def test_the_api_answers_the_same(moved, users, client):
    from charlie.core.token_services import create_token

    _token, token = create_token(user=users["manager"], name="test")
    response = client.get(
        f"/api/v1/absence/deadlines/{moved.pk}?on=2022-06-01",
        headers={"authorization": f"Bearer {token}"},
    )
    assert response.status_code == 200
    assert response.json()["cases"] == []


@pytest.mark.django_db
def test_agreements_and_spells_on_the_overview(moved, users):
    for approved in (date(2020, 2, 1), date(2023, 2, 1)):
        Section56Agreement.objects.create(
            person=moved, approved_on=approved, valid_until=approved.replace(year=approved.year + 2)
        )
    manager = agreements.overview(access_for(users["manager"]), moved.pk, on=date(2023, 6, 1))
    assert [spell.first_day for spell in manager.spells] == [date(2023, 5, 8)]
    # The 2020 agreement ran out on 1 Feb 2022, before the person came to the unit.
    assert [a.row.approved_on for a in manager.agreements] == [date(2023, 2, 1)]
    hr = agreements.overview(access_for(users["hr"]), moved.pk, on=date(2023, 4, 1))
    assert [spell.first_day for spell in hr.spells] == [date(2022, 3, 7)]
    assert len(hr.agreements) == 2
    assert (
        agreements.overview(access_for(users["manager"]), moved.pk, on=date(2023, 4, 1)).spells
        == []
    )
    assert agreements.spell_choices(
        access_for(users["manager"]), moved.pk, on=date(2023, 6, 1)
    ) == [date(2023, 5, 8)]
