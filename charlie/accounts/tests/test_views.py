"""The pages "Brugere og roller" and "Rolleanmodninger": Danish, thin, and audited."""

from __future__ import annotations

import pytest
from django.urls import reverse

from charlie.accounts.models import RoleChange
from charlie.core.models import User
from charlie.core.roles import Role
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "en-god-lang-adgangskode-1"


def test_the_administrator_creates_a_user_with_a_role_that_waits_for_approval(client_as):
    client = client_as("admin")
    response = client.post(
        reverse("accounts:user_create"),
        {
            "username": "ny-hr",
            "first_name": "Nora",
            "last_name": "Holm",
            "email": "",
            "role": "hr",
            "reason": "Ny HR-konsulent fra 1. februar.",
            "password": PASSWORD,
            "password_again": PASSWORD,
        },
        follow=True,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Brugeren »ny-hr« er oprettet." in html
    assert "venter på en anden persons godkendelse" in html
    assert User.objects.get(username="ny-hr").role == Role.EMPLOYEE
    assert RoleChange.objects.get(user__username="ny-hr").is_pending


def test_the_create_form_shows_danish_errors_linked_to_the_fields(client_as):
    response = client_as("admin").post(
        reverse("accounts:user_create"),
        {"username": "", "password": "a", "password_again": "b", "role": "employee"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Brugeren blev ikke oprettet" in html
    assert 'href="#id_username"' in html
    assert "De to adgangskoder er ikke ens" in html


def test_the_user_list_searches_and_shows_pending_roles(client_as, users):
    client = client_as("admin")
    RoleChange.objects.create(
        user=users["analyst"],
        from_role="analyst",
        to_role="dpo",
        reason="x",
        status="pending",
        requested_by=users["admin"],
        requested_by_username="test-admin",
    )
    response = client.get(reverse("accounts:users"), {"q": "test-analyst"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "test-analyst" in html
    assert "test-hr" not in html
    assert "Venter: Databeskyttelsesrådgiver" in html
    assert AuditEntry.objects.filter(subject_username="test-analyst", action="read").exists()


def test_the_user_page_offers_no_password_for_hr(client_as, users):
    response = client_as("admin").get(reverse("accounts:user", args=[users["hr"].pk]))
    html = response.content.decode()
    assert "kan derfor kun skiftes af brugeren selv" in html
    assert reverse("accounts:user_password", args=[users["hr"].pk]) not in html


def test_own_account_page_offers_no_changes(client_as, users):
    response = client_as("admin").get(reverse("accounts:user", args=[users["admin"].pk]))
    html = response.content.decode()
    assert "Det er din egen konto" in html
    assert reverse("accounts:role_change", args=[users["admin"].pk]) not in html


def test_a_refused_role_change_is_shown_on_the_user_page(client_as, users):
    response = client_as("admin").post(
        reverse("accounts:role_change", args=[users["hr"].pk]), {"role": "hr", "reason": "x"}
    )
    assert response.status_code == 400
    assert "Brugeren har allerede rollen HR." in response.content.decode()


def test_hr_approves_on_the_requests_page_and_sees_the_menu_entry(client, users):
    target = User.objects.create_user("ny-hr", password="korrekt-hest-batteri-42")
    change = RoleChange.objects.create(
        user=target,
        from_role="employee",
        to_role="hr",
        reason="Ny HR-konsulent.",
        status="pending",
        requested_by=users["admin"],
        requested_by_username="test-admin",
    )
    client.force_login(users["hr"])
    page = client.get(reverse("home"))
    assert reverse("accounts:requests") in page.content.decode()  # the menu entry
    page = client.get(reverse("accounts:requests"))
    assert "ny-hr skal have rollen HR" in page.content.decode()
    response = client.post(
        reverse("accounts:request_decide", args=[change.pk]), {"decision": "approve"}, follow=True
    )
    assert "»ny-hr« har nu rollen HR" in response.content.decode()
    target.refresh_from_db()
    assert target.role == Role.HR
    # Nothing waits now: the menu entry goes away for HR.
    assert reverse("accounts:requests") not in client.get(reverse("home")).content.decode()


def test_the_dpo_sees_no_menu_entry_without_a_request(client_as):
    html = client_as("dpo").get(reverse("home")).content.decode()
    assert reverse("accounts:requests") not in html


def test_the_administrators_menu_has_users_and_roles(client_as):
    html = client_as("admin").get(reverse("home")).content.decode()
    assert "Brugere og roller" in html


def test_a_rejection_without_a_note_shows_the_error(client_as, users):
    target = User.objects.create_user("ny", password="korrekt-hest-batteri-42")
    change = RoleChange.objects.create(
        user=target,
        from_role="employee",
        to_role="dpo",
        reason="x",
        status="pending",
        requested_by=users["admin"],
        requested_by_username="test-admin",
    )
    response = client_as("dpo").post(
        reverse("accounts:request_decide", args=[change.pk]), {"decision": "reject"}
    )
    assert response.status_code == 400
    assert "Skriv kort, hvorfor anmodningen afvises." in response.content.decode()


def test_no_api_endpoint_touches_users_or_roles(client_as):
    schema = client_as("admin").get(reverse("api:openapi-json")).json()
    for path, operations in schema["paths"].items():
        assert "user" not in path and "role" not in path, path
        for method in operations:
            if method != "get":
                assert not path.startswith("/api/v1/me"), (method, path)


def test_the_user_list_has_pages_of_fifty(client_as, users):
    User.objects.bulk_create(User(username=f"konto-{n:03d}") for n in range(60))
    client = client_as("admin")
    html = client.get(reverse("accounts:users"), {"q": "konto-"}).content.decode()
    assert "Side 1 af 2" in html
    assert "?q=konto-&amp;side=2" in html
    html = client.get(reverse("accounts:users"), {"q": "konto-", "side": "2"}).content.decode()
    assert "konto-059" in html and "konto-000" not in html
    # Only the accounts shown were recorded as read.
    assert AuditEntry.objects.filter(subject_username="konto-059").count() == 1
    assert AuditEntry.objects.filter(subject_username="konto-000").count() == 1


def test_the_approver_sees_a_recent_password_from_an_administrator(client, users, rf):
    """The remaining path (decision 0014): an administrator resets an employee's password,
    logs in as them, chooses a 'own' password and asks for HR. The approver is told."""
    from charlie.accounts import services
    from charlie.core.services import change_own_password
    from charlie.people.services import access_for

    target = users["employee"]
    services.set_password(access_for(users["admin"]), user_id=target.pk, password=PASSWORD)
    target.refresh_from_db()
    change_own_password(
        request=rf.post("/password/"),
        user=target,
        current_password=PASSWORD,
        new_password="administratorens-valg-9",
        new_password_again="administratorens-valg-9",
        ip_address=None,
    )
    services.request_role_change(
        access_for(users["admin"]), user_id=target.pk, role=Role.HR, reason="Ny i HR."
    )
    client.force_login(users["hr"])
    html = client.get(reverse("accounts:requests")).content.decode()
    assert "En administrator satte sidst kontoens adgangskode" in html
    assert "spørg brugeren selv" in html
