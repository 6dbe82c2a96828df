"""``charlie bootstrap-role``: the first administrator, HR user and DPO of a new installation,
audited on the command-line channel, and only while nobody holds the role."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from charlie.accounts import services
from charlie.core.errors import ValidationFailed
from charlie.core.models import User
from charlie.core.roles import Role
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db

PASSWORD = "en-god-lang-adgangskode-1"


def run(*args: str) -> str:
    out = io.StringIO()
    call_command("bootstrap_role", *args, stdout=out)
    return out.getvalue()


def test_a_new_installation_gets_its_first_administrator(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    output = run("Første-Admin", "--role", "admin", "--password-stdin", "--first-name", "Anna")
    user = User.objects.get(username="første-admin")
    assert user.role == Role.ADMIN
    assert user.check_password(PASSWORD)
    assert not user.is_superuser
    assert "første-admin har nu rollen Administrator" in output
    created, granted = AuditEntry.objects.filter(subject_username="første-admin").order_by("pk")
    assert (created.action, created.channel, created.actor_username) == ("create", "cli", "")
    assert (granted.action, granted.channel) == ("update", "cli")
    assert "første med rollen" in granted.detail


@pytest.mark.parametrize("role", ["hr", "dpo", "admin"])
def test_it_refuses_once_someone_holds_the_role(users, role):
    with pytest.raises(CommandError, match="Der findes allerede en aktiv bruger"):
        run("test-employee", "--role", role)
    users["employee"].refresh_from_db()
    assert users["employee"].role == Role.EMPLOYEE
    assert not AuditEntry.objects.exists()


def test_an_existing_account_gets_the_role_when_nobody_holds_it(users):
    users["dpo"].is_active = False
    users["dpo"].save()
    run("test-employee", "--role", "dpo")
    users["employee"].refresh_from_db()
    assert users["employee"].role == Role.DPO
    assert AuditEntry.objects.filter(subject_username="test-employee", channel="cli").exists()


def test_other_roles_are_given_in_charlie():
    with pytest.raises(ValidationFailed):
        services.bootstrap_role(username="x", role=Role.MANAGER, password=PASSWORD)
    with pytest.raises(CommandError):
        run("x", "--role", "manager")


def test_without_a_terminal_the_password_must_come_from_stdin(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    with pytest.raises(CommandError, match="--password-stdin"):
        run("ny-admin", "--role", "admin")
    assert not User.objects.filter(username="ny-admin").exists()


def test_a_weak_password_is_refused(monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("kort\n"))
    with pytest.raises(CommandError, match="mindst 12 tegn"):
        run("ny-admin", "--role", "admin", "--password-stdin")
    assert not User.objects.filter(username="ny-admin").exists()
