"""Users and roles (decision 0014): every change audited, HR and DPO only with
a second person's approval, and no way around it — tried as an attacker would."""

from __future__ import annotations

import pytest

from charlie.accounts import services
from charlie.accounts.models import RoleChange, RoleChangeStatus
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.models import User
from charlie.core.roles import Role
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "korrekt-hest-batteri-42"
NEW_PASSWORD = "en-god-lang-adgangskode-1"


def account(username: str = "ny-kollega", **fields) -> User:
    """An account whose password the user chose themselves (no person record)."""
    return User.objects.create_user(username, password=PASSWORD, **fields)


def entries_about(username: str):
    return AuditEntry.objects.filter(subject_username=username).order_by("pk")


# --- Roles that need no second person ---


def test_a_role_without_personal_data_is_given_at_once_and_audited(users):
    target = account()
    change = services.request_role_change(
        access_for(users["admin"]), user_id=target.pk, role=Role.ANALYST, reason="Statistik."
    )
    target.refresh_from_db()
    assert target.role == Role.ANALYST
    assert change.status == RoleChangeStatus.DONE
    (entry,) = entries_about("ny-kollega")
    assert entry.subject_person_id is None  # an account without a person is still a subject
    assert (entry.action, entry.category, entry.purpose, entry.channel) == (
        "update",
        "brugeradgang",
        "brugeradministration",
        "ui",
    )
    assert entry.actor_username == "test-admin"
    assert "employee → analyst" in entry.detail


def test_an_account_with_a_person_is_logged_on_the_person_too(users, org):
    services.request_role_change(
        access_for(users["admin"]),
        user_id=users["employee"].pk,
        role=Role.MANAGER,
        reason="Ny leder.",
    )
    (entry,) = entries_about("test-employee")
    assert entry.subject_person_id == org.person_in_nord.pk


def test_taking_hr_away_needs_no_approval(users):
    services.request_role_change(
        access_for(users["admin"]),
        user_id=users["hr"].pk,
        role=Role.EMPLOYEE,
        reason="Fratrådt HR.",
    )
    users["hr"].refresh_from_db()
    assert users["hr"].role == Role.EMPLOYEE


# --- HR and DPO: a pending request until a second, qualified person decides ---


@pytest.mark.parametrize("role", [Role.HR, Role.DPO])
def test_hr_and_dpo_wait_for_approval_and_both_steps_are_audited(users, role):
    target = account()
    change = services.request_role_change(
        access_for(users["admin"]), user_id=target.pk, role=role, reason="Ny kollega."
    )
    target.refresh_from_db()
    assert change.status == RoleChangeStatus.PENDING
    assert target.role == Role.EMPLOYEE  # unchanged until approved
    approver = users[role.value]
    services.decide_role_change(access_for(approver), change_id=change.pk, approve=True)
    target.refresh_from_db()
    assert target.role == role
    requested, approved = entries_about("ny-kollega")
    assert (requested.action, requested.actor_username) == ("create", "test-admin")
    assert "anmodet" in requested.detail
    assert (approved.action, approved.actor_username) == ("update", approver.username)
    assert "godkendt" in approved.detail


def test_a_rejection_keeps_the_role_and_is_audited(users):
    target = account()
    change = services.request_role_change(
        access_for(users["admin"]), user_id=target.pk, role=Role.HR, reason="Ny kollega."
    )
    with pytest.raises(ValidationFailed, match="afvises"):
        services.decide_role_change(access_for(users["hr"]), change_id=change.pk, approve=False)
    services.decide_role_change(
        access_for(users["hr"]), change_id=change.pk, approve=False, note="Kender ikke personen."
    )
    target.refresh_from_db()
    assert target.role == Role.EMPLOYEE
    change.refresh_from_db()
    assert change.status == RoleChangeStatus.REJECTED
    assert "afvist" in entries_about("ny-kollega").last().detail


@pytest.mark.parametrize("decider", ["admin", "employee", "manager", "analyst"])
def test_only_a_holder_of_the_role_may_decide(users, decider):
    target = account()
    change = services.request_role_change(
        access_for(users["admin"]), user_id=target.pk, role=Role.HR, reason="Ny kollega."
    )
    with pytest.raises(PermissionDenied):
        services.decide_role_change(access_for(users[decider]), change_id=change.pk, approve=True)
    target.refresh_from_db()
    assert target.role == Role.EMPLOYEE


def test_the_dpo_does_not_decide_for_hr_nor_hr_for_the_dpo(users):
    hr_change = services.request_role_change(
        access_for(users["admin"]), user_id=account("a").pk, role=Role.HR, reason="Ny."
    )
    dpo_change = services.request_role_change(
        access_for(users["admin"]), user_id=account("b").pk, role=Role.DPO, reason="Ny."
    )
    with pytest.raises(NotFound):
        services.decide_role_change(access_for(users["dpo"]), change_id=hr_change.pk, approve=True)
    with pytest.raises(NotFound):
        services.decide_role_change(access_for(users["hr"]), change_id=dpo_change.pk, approve=True)


def test_an_administrator_cannot_give_themselves_a_role(users):
    for role in Role:
        with pytest.raises(ValidationFailed, match="din egen rolle"):
            services.request_role_change(
                access_for(users["admin"]), user_id=users["admin"].pk, role=role, reason="Mig."
            )


def test_the_one_who_asked_cannot_approve_even_after_getting_the_role(users):
    """Admin A asks HR for X; A later becomes HR (approved by someone else); A still cannot
    approve X's request."""
    a = users["admin"]
    x = account("x")
    change = services.request_role_change(access_for(a), user_id=x.pk, role=Role.HR, reason="Ny.")
    a.role = Role.HR  # however A got it
    a.save()
    with pytest.raises(ValidationFailed, match="selv bedt om"):
        services.decide_role_change(access_for(a), change_id=change.pk, approve=True)
    x.refresh_from_db()
    assert x.role == Role.EMPLOYEE


def test_the_target_cannot_approve_their_own_request(users):
    other_admin = account("admin2", role=Role.ADMIN)
    change = services.request_role_change(
        access_for(other_admin), user_id=users["dpo"].pk, role=Role.HR, reason="Skifter til HR."
    )
    # Even a target who (somehow) already holds the role may not decide their own request.
    User.objects.filter(pk=users["dpo"].pk).update(role=Role.HR)
    users["dpo"].refresh_from_db()
    with pytest.raises(ValidationFailed, match="gælder dig selv"):
        services.decide_role_change(access_for(users["dpo"]), change_id=change.pk, approve=True)


def test_a_sock_puppet_cannot_approve(users):
    """The attack: an administrator makes an account of their own, asks HR for it, and tries
    to approve it with another account they control."""
    admin = users["admin"]
    puppet = services.create_user(
        access_for(admin),
        username="marionet",
        first_name="Mari",
        last_name="Onet",
        email="",
        role=Role.HR,
        password=NEW_PASSWORD,
        reason="Ny HR-konsulent.",
    )
    assert puppet.user.role == Role.EMPLOYEE
    assert puppet.change is not None and puppet.change.is_pending
    # A second puppet as administrator (needs no approval) still may not decide HR requests.
    helper = services.create_user(
        access_for(admin),
        username="hjaelper",
        first_name="Hj",
        last_name="Ælper",
        email="",
        role=Role.ADMIN,
        password=NEW_PASSWORD,
        reason="Endnu en administrator.",
    )
    helper.user.refresh_from_db()
    assert helper.user.role == Role.ADMIN
    for who in (helper.user, puppet.user):
        with pytest.raises(PermissionDenied):
            services.decide_role_change(access_for(who), change_id=puppet.change.pk, approve=True)
    # A real HR user would be asked — but cannot approve while the administrator knows the
    # puppet's password.
    with pytest.raises(ValidationFailed, match="Skift adgangskode"):
        services.decide_role_change(
            access_for(users["hr"]), change_id=puppet.change.pk, approve=True
        )
    puppet.user.refresh_from_db()
    assert puppet.user.role == Role.EMPLOYEE


def test_approval_waits_until_the_user_has_chosen_their_own_password(users, rf):
    from charlie.core.services import change_own_password

    target = account()
    services.set_password(access_for(users["admin"]), user_id=target.pk, password=NEW_PASSWORD)
    change = services.request_role_change(
        access_for(users["admin"]), user_id=target.pk, role=Role.DPO, reason="Ny DPO."
    )
    with pytest.raises(ValidationFailed, match="Skift adgangskode"):
        services.decide_role_change(access_for(users["dpo"]), change_id=change.pk, approve=True)
    target.refresh_from_db()
    change_own_password(
        request=rf.post("/password/"),
        user=target,
        current_password=NEW_PASSWORD,
        new_password="mit-helt-eget-kodeord-3",
        new_password_again="mit-helt-eget-kodeord-3",
        ip_address=None,
    )
    services.decide_role_change(access_for(users["dpo"]), change_id=change.pk, approve=True)
    target.refresh_from_db()
    assert target.role == Role.DPO


def test_an_administrator_cannot_set_the_password_of_hr_or_dpo(users):
    for role in ("hr", "dpo"):
        with pytest.raises(ValidationFailed, match="kun skiftes af brugeren selv"):
            services.set_password(
                access_for(users["admin"]), user_id=users[role].pk, password=NEW_PASSWORD
            )
        users[role].refresh_from_db()
        assert users[role].check_password(PASSWORD)
    target = account()
    services.request_role_change(
        access_for(users["admin"]), user_id=target.pk, role=Role.HR, reason="Ny."
    )
    with pytest.raises(ValidationFailed, match="kun skiftes af brugeren selv"):
        services.set_password(access_for(users["admin"]), user_id=target.pk, password=NEW_PASSWORD)


def test_a_second_request_waits_for_the_first(users):
    target = account()
    services.request_role_change(
        access_for(users["admin"]), user_id=target.pk, role=Role.HR, reason="x"
    )
    with pytest.raises(ValidationFailed, match="venter allerede"):
        services.request_role_change(
            access_for(users["admin"]), user_id=target.pk, role=Role.ANALYST, reason="y"
        )


def test_an_approved_request_cannot_be_decided_again(users):
    target = account()
    change = services.request_role_change(
        access_for(users["admin"]), user_id=target.pk, role=Role.HR, reason="x"
    )
    services.decide_role_change(access_for(users["hr"]), change_id=change.pk, approve=True)
    services.request_role_change(
        access_for(users["admin"]), user_id=target.pk, role=Role.EMPLOYEE, reason="Fejl."
    )
    with pytest.raises(ValidationFailed, match="allerede afgjort"):
        services.decide_role_change(access_for(users["hr"]), change_id=change.pk, approve=True)
    target.refresh_from_db()
    assert target.role == Role.EMPLOYEE


def test_a_deactivated_account_is_not_given_the_role(users):
    target = account()
    change = services.request_role_change(
        access_for(users["admin"]), user_id=target.pk, role=Role.HR, reason="x"
    )
    services.set_active(access_for(users["admin"]), user_id=target.pk, active=False)
    with pytest.raises(ValidationFailed, match="deaktiveret"):
        services.decide_role_change(access_for(users["hr"]), change_id=change.pk, approve=True)


def test_withdrawing_is_for_administrators_and_audited(users):
    target = account()
    change = services.request_role_change(
        access_for(users["admin"]), user_id=target.pk, role=Role.HR, reason="x"
    )
    with pytest.raises(PermissionDenied):
        services.withdraw_role_change(access_for(users["hr"]), change_id=change.pk)
    services.withdraw_role_change(access_for(users["admin"]), change_id=change.pk)
    change.refresh_from_db()
    assert change.status == RoleChangeStatus.WITHDRAWN
    assert "trukket tilbage" in entries_about("ny-kollega").last().detail


@pytest.mark.parametrize("role", ["employee", "manager", "hr", "analyst", "dpo"])
def test_only_administrators_manage_accounts(users, role):
    target = account()
    actor = users[role]
    with pytest.raises(PermissionDenied):
        services.request_role_change(access_for(actor), user_id=target.pk, role=Role.HR, reason="x")
    with pytest.raises(PermissionDenied):
        services.set_active(access_for(actor), user_id=target.pk, active=False)
    with pytest.raises(PermissionDenied):
        services.set_password(access_for(actor), user_id=target.pk, password=NEW_PASSWORD)
    with pytest.raises(PermissionDenied):
        services.list_users(access_for(actor))
    with pytest.raises(PermissionDenied):
        services.create_user(
            access_for(actor),
            username="x",
            first_name="x",
            last_name="x",
            email="",
            role=Role.EMPLOYEE,
            password=NEW_PASSWORD,
        )
    assert not RoleChange.objects.exists()
    assert not AuditEntry.objects.exists()


# --- Accounts ---


def test_creating_an_account_is_audited_and_its_password_must_be_replaced(users):
    new = services.create_user(
        access_for(users["admin"]),
        username="Ny.Kollega",
        first_name="Ny",
        last_name="Kollega",
        email="ny@kommune.dk",
        role=Role.EMPLOYEE,
        password=NEW_PASSWORD,
    )
    assert new.user.username == "ny.kollega"
    assert new.user.password_from_administrator
    assert new.change is None
    (entry,) = entries_about("ny.kollega")
    assert entry.action == "create"


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"username": ""}, "Udfyld feltet »Brugernavn«."),
        ({"username": "test-hr"}, "Brugernavnet er taget. Vælg et andet."),
        ({"username": "med mellemrum"}, "Brugernavnet må kun indeholde"),
        ({"first_name": "Anne 010170-1234"}, "CPR-nummer"),
        ({"email": "ikke-en-adresse"}, "Skriv en gyldig e-mailadresse"),
        ({"role": "superuser"}, "Vælg en af rollerne på listen."),
        ({"role": "hr", "reason": ""}, "Udfyld feltet »Begrundelse«."),
        ({"password": "kort"}, "mindst 12 tegn"),
    ],
)
def test_account_input_errors_are_danish_and_echo_nothing(users, fields, message):
    values = {
        "username": "ny",
        "first_name": "Ny",
        "last_name": "Kollega",
        "email": "",
        "role": Role.EMPLOYEE,
        "password": NEW_PASSWORD,
        "reason": "",
    } | fields
    with pytest.raises(ValidationFailed) as exc:
        services.create_user(access_for(users["admin"]), **values)
    text = " ".join(exc.value.messages)
    assert message in text
    assert "010170" not in text
    assert not User.objects.filter(username="ny").exists()


def test_deactivating_ends_the_session_and_is_audited(client, users):
    client.force_login(users["hr"])
    services.set_active(access_for(users["admin"]), user_id=users["hr"].pk, active=False)
    assert client.get("/").status_code == 302
    assert entries_about("test-hr").last().detail == "konto deaktiveret"
    with pytest.raises(ValidationFailed, match="din egen konto"):
        services.set_active(access_for(users["admin"]), user_id=users["admin"].pk, active=False)


def test_a_role_change_reaches_the_dpos_audit_page_and_export(client, users):
    target = account("ekstern-konsulent")  # no person record
    services.request_role_change(
        access_for(users["admin"]), user_id=target.pk, role=Role.ANALYST, reason="Analyse."
    )
    client.force_login(users["dpo"])
    page = client.get("/privacy/audit/", {"username": "ekstern-konsulent"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "Brugerkonto ekstern-konsulent" in html
    assert "employee → analyst" in html
    export = client.get("/privacy/audit/export.csv", {"username": "ekstern-konsulent"})
    body = b"".join(export.streaming_content).decode("utf-8-sig")
    header, *rows = body.splitlines()
    assert "brugerkonto" in header.split(";")
    assert any("ekstern-konsulent" in row and "employee → analyst" in row for row in rows)
