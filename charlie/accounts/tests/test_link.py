"""An administrator links an account to its person and, for a manager, to the units they
manage — on a Charlie page, with the least personal data shown, every step audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from charlie.accounts import services
from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.core.models import User
from charlie.core.roles import Role
from charlie.people.services import access_for
from charlie.people.tests.factories import PersonFactory
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def account(db):
    return User.objects.create_user("ny-leder", password="korrekt-hest-batteri-42")


def test_the_search_shows_name_number_and_units_and_records_each_person(users, org, account):
    person = org.person_in_syd
    found = services.find_people_to_link(
        access_for(users["admin"]), user_id=account.pk, query=person.last_name[:4]
    )
    choice = next(c for c in found if c.person_id == person.pk)
    assert choice.employee_number == person.employee_number
    assert choice.units == ("Plejecenter Syd",)  # its name is unique: no parent needed
    assert choice.linked_to == ""
    entry = AuditEntry.objects.get(subject_person_id=person.pk, action="read")
    assert (entry.category, entry.purpose, entry.actor_username) == (
        "stamdata",
        "brugeradministration",
        "test-admin",
    )
    assert person.last_name not in entry.detail  # never the search text


def test_a_short_query_only_matches_a_whole_employee_number(users, org, account):
    admin = access_for(users["admin"])
    assert services.find_people_to_link(admin, user_id=account.pk, query="An") == []
    number = org.person_in_nord.employee_number
    (choice,) = services.find_people_to_link(admin, user_id=account.pk, query=number)
    assert choice.linked_to == "test-employee"


def test_at_most_ten_people_are_shown(users, org, account):
    PersonFactory.create_batch(12, first_name="Mette", last_name="Mettesen")
    found = services.find_people_to_link(
        access_for(users["admin"]), user_id=account.pk, query="Mettesen"
    )
    assert len(found) == services.PERSON_SEARCH_LIMIT


@pytest.mark.parametrize("role", ["employee", "manager", "hr", "analyst", "dpo"])
def test_only_administrators_search_and_link(users, org, account, role):
    access = access_for(users[role])
    with pytest.raises(PermissionDenied):
        services.find_people_to_link(access, user_id=account.pk, query="Jensen")
    with pytest.raises(PermissionDenied):
        services.link_person(access, user_id=account.pk, person_id=org.person_in_syd.pk)


def test_link_manage_and_unlink_are_audited_and_decide_scope(users, org, account):
    admin = access_for(users["admin"])
    person = org.person_in_syd
    services.link_person(admin, user_id=account.pk, person_id=person.pk)
    person.refresh_from_db()
    assert person.user_id == account.pk
    # A unit needs the role manager first.
    with pytest.raises(ValidationFailed, match="rollen Leder"):
        services.set_unit_manager(admin, user_id=account.pk, unit_id=org.syd.pk, manages=True)
    services.request_role_change(admin, user_id=account.pk, role=Role.MANAGER, reason="Ny leder.")
    account.refresh_from_db()
    assert access_for(account).units == ()
    services.set_unit_manager(admin, user_id=account.pk, unit_id=org.syd.pk, manages=True)
    assert [g.path for g in access_for(account).units] == [org.syd.path]
    # Taking over Plejecenter Nord replaces its manager; both are in the log.
    old_manager = users["manager"].person
    services.set_unit_manager(admin, user_id=account.pk, unit_id=org.nord.pk, manages=True)
    assert {u.pk for u in services.units_managed_by(account)} == {org.syd.pk, org.nord.pk}
    assert access_for(users["manager"]).units == ()
    assert AuditEntry.objects.filter(
        subject_person_id=old_manager.pk, detail__startswith="ikke længere leder"
    ).exists()
    services.set_unit_manager(admin, user_id=account.pk, unit_id=org.syd.pk, manages=False)
    services.unlink_person(admin, user_id=account.pk)
    person.refresh_from_db()
    assert person.user_id is None
    details = list(
        AuditEntry.objects.filter(subject_username="ny-leder", action="update")
        .order_by("pk")
        .values_list("detail", flat=True)
    )
    assert details == [
        "konto knyttet til medarbejder",
        f"rolle employee → manager (#{account.role_changes.get().pk})",
        f"leder for enhed #{org.syd.pk}",
        f"leder for enhed #{org.nord.pk}",
        f"ikke længere leder for enhed #{org.syd.pk}",
        "tilknytning til medarbejder fjernet",
    ]
    assert AuditEntry.objects.filter(
        subject_username="ny-leder", subject_person_id=person.pk
    ).count() == len(details)  # each also on the person's Mine data


def test_a_person_with_an_account_and_an_account_with_a_person_are_refused(users, org, account):
    admin = access_for(users["admin"])
    with pytest.raises(ValidationFailed, match="anden konto"):
        services.link_person(admin, user_id=account.pk, person_id=org.person_in_nord.pk)
    with pytest.raises(ValidationFailed, match="allerede knyttet"):
        services.link_person(admin, user_id=users["employee"].pk, person_id=org.person_in_syd.pk)
    with pytest.raises(ValidationFailed, match="din egen konto"):
        services.link_person(admin, user_id=users["admin"].pk, person_id=org.person_in_syd.pk)


# --- The pages ---


def test_the_pages_link_a_person_and_a_unit(client_as, users, org, account):
    client = client_as("admin")
    page = client.get(reverse("accounts:user", args=[account.pk])).content.decode()
    assert "Find medarbejderen" in page
    url = reverse("accounts:user_person", args=[account.pk])
    page = client.get(url, {"q": org.person_in_syd.employee_number}).content.decode()
    assert org.person_in_syd.full_name in page
    assert "Plejecenter Syd" in page
    response = client.post(url, {"person_id": org.person_in_syd.pk})
    assert response.status_code == 302
    services.request_role_change(
        access_for(users["admin"]), user_id=account.pk, role=Role.MANAGER, reason="Ny leder."
    )
    page = client.get(reverse("accounts:user", args=[account.pk])).content.decode()
    assert "Gør til leder for enheden" in page
    units_url = reverse("accounts:user_units", args=[account.pk])
    assert client.post(units_url, {"unit": org.syd.pk}).status_code == 302
    page = client.get(reverse("accounts:user", args=[account.pk])).content.decode()
    assert "Fjern som leder for Plejecenter Syd" in page
    assert client.post(units_url, {"unit": "987654"}).status_code == 400
    response = client.post(units_url, {"unit": org.syd.pk, "action": "remove"})
    assert response.status_code == 302
    assert services.units_managed_by(account) == []
    assert client.post(url, {"action": "unlink"}).status_code == 302
