"""The typed Access: built once, in people.services, and the only thing services ask."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest
from django.test import RequestFactory

from charlie.core.errors import PermissionDenied
from charlie.core.roles import Role
from charlie.people import services as people
from charlie.people.permissions import LEAD_UNITS, READ_ORGANISATION_FIGURES, READ_PERSON
from charlie.privacy.access import PERMISSIONS, PURPOSE_OWN, Access, Permission, UnitGrant
from charlie.privacy.models import AuditEntry


@pytest.mark.django_db
def test_hr_sees_everyone_for_hr_purposes(users):
    access = people.access_for(users["hr"])
    assert access.role == Role.HR
    assert access.everyone and access.sees_others
    assert access.units == ()
    assert access.purpose == people.PURPOSE_HR
    assert access.person_id == users["hr"].person.pk
    assert access.can(READ_PERSON) and access.can(READ_ORGANISATION_FIGURES)
    assert not access.can(LEAD_UNITS)


@pytest.mark.django_db
def test_a_manager_holds_the_open_units_they_manage_with_their_periods(org, users):
    access = people.access_for(users["manager"])
    assert access.units == (UnitGrant(org.nord.path, org.nord.valid_from, None),)
    assert access.unit_paths == (org.nord.path,)
    assert not access.everyone
    assert access.purpose == people.PURPOSE_MANAGEMENT
    assert access.can(READ_PERSON) and access.can(LEAD_UNITS)
    assert not access.can(READ_ORGANISATION_FIGURES)
    assert access.aggregate_paths() == (org.nord.path,)


@pytest.mark.django_db
def test_a_closed_unit_is_not_in_scope(org, users):
    org.nord.valid_to = date(2000, 1, 1)
    org.nord.valid_from = date(1999, 1, 1)
    org.nord.save()
    access = people.access_for(users["manager"])
    assert access.units == ()
    assert not access.sees_others


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["employee", "analyst", "dpo", "admin"])
def test_other_roles_see_only_themselves_and_cannot_look_people_up(users, role):
    access = people.access_for(users[role])
    assert not access.sees_others
    assert access.purpose == ""
    with pytest.raises(PermissionDenied):
        access.require(READ_PERSON)
    with pytest.raises(PermissionDenied):
        people.find_people(access)


@pytest.mark.django_db
def test_anonymous_and_inactive_users_hold_nothing(users):
    from django.contrib.auth.models import AnonymousUser

    assert not people.access_for(AnonymousUser()).is_authenticated
    assert not people.access_for(None).is_authenticated
    users["hr"].is_active = False
    users["hr"].save()
    access = people.access_for(users["hr"])
    assert not access.is_authenticated and not access.can(READ_PERSON)
    assert not access.everyone


@pytest.mark.django_db
def test_the_operator_holds_a_role_but_no_account(users):
    access = people.operator_access(Role.ANALYST)
    assert access.user is None and access.is_authenticated
    assert access.can(READ_ORGANISATION_FIGURES) and not access.can(READ_PERSON)
    assert access.channel == "cli" and access.purpose == ""
    assert people.operator_access(Role.HR).purpose == people.PURPOSE_HR


def test_require_passes_when_one_permission_is_held():
    access = Access(user=None, role=Role.ANALYST)
    access.require(READ_PERSON, READ_ORGANISATION_FIGURES)
    with pytest.raises(PermissionDenied):
        access.require(READ_PERSON, LEAD_UNITS)


def test_a_permission_code_is_declared_once():
    assert PERMISSIONS["people.read_person"] is READ_PERSON
    Permission(READ_PERSON.code, READ_PERSON.label, READ_PERSON.roles)  # the same again is fine
    with pytest.raises(ValueError, match="declared twice"):
        Permission(READ_PERSON.code, "anden", frozenset({Role.ADMIN}))


def test_unit_mask_keeps_the_managed_sub_trees():
    paths = np.array(["/1/", "/1/4/", "/1/4/9/", "/1/5/", "/14/"])
    manager = Access(user=None, role=Role.MANAGER, units=(UnitGrant("/1/4/"), UnitGrant("/14/")))
    assert manager.unit_mask(paths).tolist() == [False, True, True, False, True]
    hr = Access(user=None, role=Role.HR, everyone=True)
    assert hr.unit_mask(paths).all()
    nobody = Access(user=None, role=Role.EMPLOYEE)
    assert not nobody.unit_mask(paths).any()


@pytest.mark.django_db
def test_record_read_splits_own_data_from_others(org, users):
    access = people.access_for(users["manager"])
    own = users["manager"].person.pk
    before = AuditEntry.objects.count()
    access.record_read([own, org.person_in_nord.pk], category=people.CATEGORY_MASTER_DATA)
    rows = dict(
        AuditEntry.objects.order_by("pk")[before:].values_list("subject_person_id", "purpose")
    )
    assert rows == {own: PURPOSE_OWN, org.person_in_nord.pk: people.PURPOSE_MANAGEMENT}


@pytest.mark.django_db
def test_the_channel_travels_with_the_access(org, users):
    access = people.access_for(users["hr"], channel="api")
    people.get_person(access, org.person_in_syd.pk)
    entry = AuditEntry.objects.order_by("-pk").first()
    assert entry is not None and entry.channel == "api"
    assert access.via("cli").channel == "cli" and access.channel == "api"


@pytest.mark.django_db
def test_access_of_builds_once_per_request(users, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = users["manager"]
    first = people.access_of(request)
    with django_assert_num_queries(0):
        assert people.access_of(request) is first
    assert people.access_of(request, channel="api").channel == "api"


@pytest.mark.django_db
def test_in_scope_filters_any_model_with_a_person(org, users):
    from charlie.people.models import Employment

    manager = people.access_for(users["manager"])
    seen = set(
        Employment.objects.filter(people.in_scope(manager, person="person")).values_list(
            "person_id", flat=True
        )
    )
    assert org.person_in_nord.pk in seen and users["manager"].person.pk in seen
    assert org.person_in_syd.pk not in seen and org.person_in_skole.pk not in seen
    in_units = set(
        Employment.objects.filter(people.in_units(manager)).values_list("person_id", flat=True)
    )
    assert in_units == {org.person_in_nord.pk}
