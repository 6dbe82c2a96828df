"""Who may open each URL of accounts, and which of its URLs must write the audit log:
users and roles.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` and
``charlie/privacy/tests/test_every_personal_data_url.py``.
"""

from __future__ import annotations

from typing import Any

from charlie.core.testing.cases import (
    LOGIN_REQUIRED,
    Case,
    Visit,
    expect,
    nord,
)


def account_id() -> int:
    """An employee's account (not one of the role users), the same one on every call; its
    password is the user's own."""
    from charlie.core.models import User

    user, created = User.objects.get_or_create(
        username="perm-konto", defaults={"first_name": "Perm", "last_name": "Konto"}
    )
    if created:
        user.set_password("korrekt-hest-batteri-42")
        user.save()
    return user.pk


def pending_role_change_id(role: str) -> int:
    """A pending request, asked by the administrator, that ``account_id()`` get ``role``."""
    from charlie.accounts.models import RoleChange
    from charlie.core.models import User

    change, _created = RoleChange.objects.get_or_create(
        user_id=account_id(),
        status="pending",
        defaults={
            "from_role": "employee",
            "to_role": role,
            "reason": "Ny kollega.",
            "requested_by": User.objects.get(username="test-admin"),
            "requested_by_username": "test-admin",
        },
    )
    return change.pk


def _pending_role_change(org: Any) -> dict[str, Any]:
    """A pending request (asked by the administrator) that an account without a person gets
    the role HR; no URL kwargs."""
    from charlie.accounts.models import RoleChange
    from charlie.core.models import User

    account = User.objects.create_user("konto-uden-person", password="korrekt-hest-batteri-42")
    RoleChange.objects.create(
        user=account,
        from_role="employee",
        to_role="hr",
        reason="Ny kollega.",
        status="pending",
        requested_by=User.objects.get(username="test-admin"),
        requested_by_username="test-admin",
    )
    return {}


def role_users(org: Any, users: Any) -> set[str]:
    return {user.username for user in users.values()}


ACCOUNTS = {"category": "brugeradgang", "purpose": "brugeradministration"}


PERMISSION_CASES: list[Case] = [
    # Users and roles (decision 0014): administrators manage accounts and ask for roles; HR and
    # the DPO decide the requests for their own role; the admin's user form is gone.
    Case("accounts:users", expect(403, anonymous=LOGIN_REQUIRED, admin=200)),
    Case(
        "accounts:users",
        expect(403, anonymous=LOGIN_REQUIRED, admin=400),
        data={"role": "superuser"},
        label="unknown role",
    ),
    Case("accounts:user_create", expect(403, anonymous=LOGIN_REQUIRED, admin=200)),
    Case(
        "accounts:user_create",
        expect(403, anonymous=LOGIN_REQUIRED, admin=302),
        method="post",
        data={
            "username": "ny-bruger",
            "first_name": "Ny",
            "last_name": "Bruger",
            "role": "employee",
            "password": "en-god-lang-adgangskode-1",
            "password_again": "en-god-lang-adgangskode-1",
        },
        label="create",
    ),
    Case(
        "accounts:user_create",
        expect(403, anonymous=LOGIN_REQUIRED, admin=400),
        method="post",
        data={},
        label="empty form",
    ),
    Case(
        "accounts:user",
        expect(403, anonymous=LOGIN_REQUIRED, admin=200),
        kwargs=lambda org: {"user_id": account_id()},
    ),
    Case(
        "accounts:user",
        expect(403, anonymous=LOGIN_REQUIRED, admin=404),
        kwargs=lambda org: {"user_id": 987654321},
        label="unknown user",
    ),
    Case(
        "accounts:role_change",
        expect(405, anonymous=LOGIN_REQUIRED),
        kwargs=lambda org: {"user_id": account_id()},
        label="GET is refused",
    ),
    Case(
        "accounts:role_change",
        expect(403, anonymous=LOGIN_REQUIRED, admin=302),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={"role": "analyst", "reason": "Skal lave statistik."},
        label="a role that needs no approval",
    ),
    Case(
        "accounts:role_change",
        expect(403, anonymous=LOGIN_REQUIRED, admin=302),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={"role": "hr", "reason": "Ny HR-konsulent."},
        label="HR: a request for approval",
    ),
    Case(
        "accounts:role_change",
        expect(403, anonymous=LOGIN_REQUIRED, admin=400),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={"role": "hr"},
        label="without a reason",
    ),
    Case(
        "accounts:user_active",
        expect(403, anonymous=LOGIN_REQUIRED, admin=302),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={"active": "0"},
    ),
    Case(
        "accounts:user_password",
        expect(403, anonymous=LOGIN_REQUIRED, admin=302),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={
            "password": "en-god-lang-adgangskode-1",
            "password_again": "en-god-lang-adgangskode-1",
        },
    ),
    Case(
        "accounts:user_password",
        expect(403, anonymous=LOGIN_REQUIRED, admin=400),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={"password": "kort", "password_again": "kort"},
        label="too short",
    ),
    Case("accounts:requests", expect(403, anonymous=LOGIN_REQUIRED, hr=200, dpo=200, admin=200)),
    Case(
        "accounts:request_decide",
        expect(405, anonymous=LOGIN_REQUIRED),
        kwargs=lambda org: {"change_id": pending_role_change_id("hr")},
        label="GET is refused",
    ),
    Case(
        "accounts:request_decide",
        # HR approves first; the DPO cannot see a request for HR (404); others may never decide.
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, dpo=404),
        method="post",
        kwargs=lambda org: {"change_id": pending_role_change_id("hr")},
        data={"decision": "approve"},
        label="approve HR",
    ),
    Case(
        "accounts:request_decide",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400, dpo=404),
        method="post",
        kwargs=lambda org: {"change_id": pending_role_change_id("hr")},
        data={"decision": "reject"},
        label="reject without a note",
    ),
    Case(
        "accounts:request_decide",
        expect(403, anonymous=LOGIN_REQUIRED, admin=302),
        method="post",
        kwargs=lambda org: {"change_id": pending_role_change_id("dpo")},
        data={"decision": "withdraw"},
        label="withdraw",
    ),
]

PERMISSION_CASES += [
    # Linking an account to its person and a manager's units (administrators only).
    Case(
        "accounts:user_person",
        expect(403, anonymous=LOGIN_REQUIRED, admin=200),
        kwargs=lambda org: {"user_id": account_id()},
    ),
    Case(
        "accounts:user_person",
        expect(403, anonymous=LOGIN_REQUIRED, admin=200),
        kwargs=lambda org: {"user_id": account_id()},
        data={"q": "Jensen"},
        label="search",
    ),
    Case(
        "accounts:user_person",
        expect(403, anonymous=LOGIN_REQUIRED, admin=404),
        kwargs=lambda org: {"user_id": 987654321},
        label="unknown user",
    ),
    Case(
        "accounts:user_person",
        expect(403, anonymous=LOGIN_REQUIRED, admin=400),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={"action": "unlink"},
        label="unlink an account without a person",
    ),
    Case(
        "accounts:user_person",
        expect(403, anonymous=LOGIN_REQUIRED, admin=400),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={"person_id": "ikke-et-tal"},
        label="no person",
    ),
    Case(
        "accounts:user_units",
        expect(405, anonymous=LOGIN_REQUIRED),
        kwargs=lambda org: {"user_id": account_id()},
        label="GET is refused",
    ),
    Case(
        "accounts:user_units",
        expect(403, anonymous=LOGIN_REQUIRED, admin=400),
        method="post",
        kwargs=lambda org: {"user_id": account_id()},
        data={"unit": "1"},
        label="an employee gets no unit",
    ),
    # Log-in with the municipality's identity provider (decision 0020): open to everyone, and
    # 404 while no IdP is configured (as here); the flow itself is tested in test_oidc.py
    # against a provider the tests start.
    Case("oidc_authentication_init", expect(404)),
    Case("oidc_authentication_callback", expect(404)),
    Case(
        "oidc_authentication_callback",
        expect(404),
        data={"code": "x", "state": "y"},
        label="with a code",
    ),
]

PERSONAL_DATA_VISITS: list[Visit] = [
    # Users and roles (decision 0014): accounts are subjects by user name, and by person when
    # they have one (the employee's account is the person in Plejecenter Nord).
    Visit("accounts:users", "admin", nord, **ACCOUNTS, accounts=role_users),
    Visit(
        "accounts:user",
        "admin",
        nord,
        **ACCOUNTS,
        kwargs=lambda org: {"user_id": org.person_in_nord.user_id},
        accounts=lambda org, users: {"test-employee"},
    ),
    Visit(
        "accounts:user_person",
        "admin",
        lambda org, users: {org.person_in_syd.pk},
        category="stamdata",
        purpose="brugeradministration",
        kwargs=lambda org: {"user_id": account_id()},
        params=lambda org: {"q": org.person_in_syd.employee_number},
        label="the search for the person to link",
    ),
    Visit(
        "accounts:requests",
        "hr",
        lambda org, users: set(),
        **ACCOUNTS,
        kwargs=_pending_role_change,
        accounts=lambda org, users: {"konto-uden-person"},
        label="an account without a person",
    ),
    Visit(
        "accounts:requests",
        "admin",
        lambda org, users: set(),
        **ACCOUNTS,
        kwargs=_pending_role_change,
        accounts=lambda org, users: {"konto-uden-person"},
    ),
]

#: The URLs that show personal data: each has a visit above.
PERSONAL_DATA_URL_NAMES = {
    "accounts:users",
    "accounts:user",
    "accounts:user_person",
    "accounts:requests",
}
