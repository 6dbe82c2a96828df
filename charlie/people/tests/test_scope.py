import pytest

from charlie.core.errors import NotFound, PermissionDenied
from charlie.people import services
from charlie.people.services import access_for

pytestmark = pytest.mark.django_db


def test_hr_sees_everyone(org, users):
    assert services.visible_people(access_for(users["hr"])).count() == 5


def test_manager_sees_own_unit_and_self_only(org, users):
    seen = set(services.visible_people(access_for(users["manager"])))
    assert org.person_in_nord in seen
    assert org.person_in_syd not in seen
    assert org.person_in_skole not in seen
    assert users["manager"].person in seen


def test_employee_sees_only_self(org, users):
    assert list(services.visible_people(access_for(users["employee"]))) == [org.person_in_nord]


@pytest.mark.parametrize("role", ["employee", "analyst", "dpo", "admin"])
def test_roles_without_people_access_cannot_search(users, role):
    with pytest.raises(PermissionDenied):
        services.search_people(access_for(users[role]), "")


def test_out_of_scope_person_is_not_found(org, users):
    with pytest.raises(NotFound):
        services.get_person(access_for(users["manager"]), org.person_in_skole.pk)


def test_manager_loses_scope_when_employment_ends(org, users):
    employment = org.person_in_nord.employments.get()
    employment.end_date = services.today().replace(year=services.today().year - 1)
    employment.save()
    with pytest.raises(NotFound):
        services.get_person(access_for(users["manager"]), org.person_in_nord.pk)


def test_search_matches_name_and_number(org, users):
    people, total = services.search_people(
        access_for(users["hr"]), org.person_in_skole.employee_number
    )
    assert people == [org.person_in_skole] and total == 1
