"""Log-in with the municipality's identity provider (decision 0020), end to end against a
small OpenID Connect provider in a thread (``oidc_provider``): Charlie's log-in page → the IdP
→ the callback, with real HTTP for the token, the keys and the userinfo."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
import requests
from django.contrib.auth import SESSION_KEY
from django.test import override_settings
from django.urls import reverse

from charlie.accounts import services
from charlie.accounts.models import IdentityLink, RoleChange, RoleChangeSource, RoleChangeStatus
from charlie.accounts.tests.oidc_provider import running_provider
from charlie.core.models import ApiToken, User
from charlie.core.roles import Role
from charlie.core.token_services import authenticate_token, create_token
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db

MAPPING = "hr-gruppe=hr,ledere=manager,dpo-gruppe=dpo"


@pytest.fixture(scope="module")
def provider_server():
    with running_provider() as provider:
        yield provider


@pytest.fixture
def provider(provider_server):
    provider_server.user = {}
    provider_server.spoil = ""
    extra = {
        "CHARLIE_OIDC_GROUP_ROLES": MAPPING,
        "CHARLIE_OIDC_EMPLOYEE_NUMBER_CLAIM": "medarbejdernummer",
    }
    with override_settings(**provider_server.settings(**extra)):
        yield provider_server


def log_in(client, provider, claims, *, next_url: str = ""):
    """Click "Log ind med kommunens konto", log in at the IdP as ``claims``, come back."""
    provider.user = claims
    start = reverse("oidc_authentication_init") + (f"?next={next_url}" if next_url else "")
    response = client.get(start)
    assert response.status_code == 302
    assert response["Location"].startswith(provider.url + "/authorize?")
    at_idp = requests.get(response["Location"], allow_redirects=False, timeout=5)
    assert at_idp.status_code == 302
    back = urlparse(at_idp.headers["Location"])
    assert back.path == reverse("oidc_authentication_callback")
    return client.get(f"{back.path}?{back.query}")


def logged_in_as(client) -> User | None:
    user_id = client.session.get(SESSION_KEY)
    return User.objects.get(pk=user_id) if user_id else None


def refusal(client) -> str:
    page = client.get(reverse("core:login"))
    return page.content.decode()


# --- The log-in page ---


def test_the_log_in_page_shows_the_button_when_the_idp_is_configured(client, provider):
    page = client.get(reverse("core:login")).content.decode()
    assert "Log ind med kommunens konto" in page
    assert 'name="password"' in page  # local passwords are still on


def test_without_an_idp_there_is_no_button_and_the_urls_are_404(client, db):
    page = client.get(reverse("core:login")).content.decode()
    assert "Log ind med kommunens konto" not in page
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404


# --- Matching accounts, linking people, roles from groups ---


def test_a_group_gives_its_role_and_the_grant_is_audited(client, provider, users):
    hr_person_user = users["employee"]  # the employee in Plejecenter Nord
    hr_person_user.email = "anne@kommune.dk"
    hr_person_user.save()
    response = log_in(
        client,
        provider,
        {"sub": "idp-anne", "email": "anne@kommune.dk", "groups": ["ledere", "alle"]},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    user = logged_in_as(client)
    assert user is not None and user.pk == hr_person_user.pk
    assert user.role == Role.MANAGER
    change = RoleChange.objects.get(user=user)
    assert (change.status, change.source, change.from_role, change.to_role) == (
        RoleChangeStatus.DONE,
        RoleChangeSource.IDP,
        Role.EMPLOYEE,
        Role.MANAGER,
    )
    assert "ledere" in change.reason
    entry = AuditEntry.objects.get(subject_username=user.username, action="update")
    assert (entry.category, entry.purpose, entry.channel) == (
        "brugeradgang",
        "brugeradministration",
        "ui",
    )
    assert entry.actor_id is None
    assert "employee → manager: fra kommunens log-in, gruppe ledere" in entry.detail
    assert entry.subject_person_id == users["employee"].person.pk  # also on Mine data
    link = IdentityLink.objects.get(user=user)
    assert (link.subject, link.role_from_groups, link.role_group) == ("idp-anne", True, "ledere")
    assert client.get(reverse("home")).status_code == 200


def test_hr_from_the_idp_needs_no_second_person_but_is_visible_and_loses_the_password(
    client, provider, users
):
    target = User.objects.create_user("bo", email="bo@kommune.dk", password="bos-egen-kode-123")
    log_in(client, provider, {"sub": "idp-bo", "email": "bo@kommune.dk", "groups": "HR-gruppe"})
    target.refresh_from_db()
    assert target.role == Role.HR
    assert not target.has_usable_password()  # no administrator can know it
    assert not RoleChange.objects.filter(user=target, status=RoleChangeStatus.PENDING).exists()
    admin = client.__class__()
    admin.force_login(users["admin"])
    page = admin.get(reverse("accounts:user", args=[target.pk])).content.decode()
    assert "fra gruppen »hr-gruppe« hos kommunens log-in" in page
    assert "Rollen styres af brugerens grupper hos kommunens log-in" in page
    # The role is not changed in Charlie any more: the IdP decides it.
    with pytest.raises(services.ValidationFailed, match="kommunens log-in"):
        services.request_role_change(
            access_for(users["admin"]), user_id=target.pk, role=Role.ANALYST, reason="Nej."
        )


def test_the_role_follows_the_groups_at_every_log_in(client, provider, users):
    claims = {"sub": "idp-cai", "email": "cai@kommune.dk", "groups": ["dpo-gruppe"]}
    User.objects.create_user("cai", email="cai@kommune.dk")
    log_in(client, provider, claims)
    assert logged_in_as(client).role == Role.DPO
    client.logout()
    # Out of the group: back to employee, audited; the same e-mail is no longer needed.
    log_in(client, provider, {"sub": "idp-cai", "email": "ny@kommune.dk", "groups": []})
    user = logged_in_as(client)
    assert user.username == "cai" and user.role == Role.EMPLOYEE
    details = list(
        AuditEntry.objects.filter(subject_username="cai", action="update").values_list(
            "detail", flat=True
        )
    )
    assert any("dpo → employee: fra kommunens log-in, ingen kortlagt gruppe" in d for d in details)
    # The same groups again change nothing and write no role change.
    client.logout()
    log_in(client, provider, {"sub": "idp-cai", "groups": []})
    assert RoleChange.objects.filter(user=user).count() == 2


def test_a_role_the_mapping_never_gives_stays_where_charlie_gave_it(client, provider, users):
    """HR given in Charlie (with a second person) is not taken away by a mapping without HR;
    the mapped roles are the IdP's to give, and Charlie refuses them for such an account."""
    users["hr"].email = "hr@kommune.dk"
    users["hr"].save()
    with override_settings(CHARLIE_OIDC_GROUP_ROLES="ledere=manager"):
        log_in(client, provider, {"sub": "idp-hr", "email": "hr@kommune.dk", "groups": []})
        assert logged_in_as(client).role == Role.HR
        assert not RoleChange.objects.filter(user=users["hr"]).exists()
        target = User.objects.create_user("emma", email="emma@kommune.dk")
        client.logout()
        log_in(client, provider, {"sub": "idp-emma", "email": "emma@kommune.dk"})
        admin = access_for(users["admin"])
        with pytest.raises(services.ValidationFailed, match="gives af en gruppe"):
            services.request_role_change(
                admin, user_id=target.pk, role=Role.MANAGER, reason="Ny leder."
            )
        services.request_role_change(admin, user_id=target.pk, role=Role.ANALYST, reason="Tal.")
        target.refresh_from_db()
        assert target.role == Role.ANALYST
        client.logout()
        log_in(client, provider, {"sub": "idp-emma", "email": "emma@kommune.dk"})
        target.refresh_from_db()
        assert target.role == Role.ANALYST  # not a mapped role: the IdP leaves it


def test_the_employee_number_links_a_new_account_to_its_person(client, provider, org):
    person = org.person_in_syd
    response = log_in(
        client,
        provider,
        {
            "sub": "idp-syd",
            "preferred_username": "Syd.Person",
            "email": "syd@kommune.dk",
            "given_name": "Sidsel",
            "family_name": "Syd",
            "medarbejdernummer": person.employee_number,
            "groups": ["ukendt-gruppe"],
        },
    )
    assert response.status_code == 302
    user = logged_in_as(client)
    assert user.username == "syd.person"
    assert user.role == Role.EMPLOYEE  # an unknown group gives nothing more
    assert not user.has_usable_password()
    person.refresh_from_db()
    assert person.user_id == user.pk
    details = set(
        AuditEntry.objects.filter(subject_username="syd.person").values_list("detail", flat=True)
    )
    assert "konto oprettet ved log-in med kommunens log-in (rolle employee)" in details
    assert "konto knyttet til medarbejder (medarbejdernummer fra kommunens log-in)" in details


def test_an_unknown_user_without_a_person_or_a_mapped_group_is_refused(client, provider, org):
    response = log_in(
        client, provider, {"sub": "idp-fremmed", "email": "x@kommune.dk", "groups": ["alle"]}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("core:login")
    assert logged_in_as(client) is None
    assert not User.objects.filter(email="x@kommune.dk").exists()
    assert "du har ikke adgang til Charlie" in refusal(client)


def test_an_unknown_user_in_a_mapped_group_gets_an_account_with_that_role(client, provider, org):
    log_in(client, provider, {"sub": "idp-ny", "email": "ny-leder@kommune.dk", "groups": "ledere"})
    user = logged_in_as(client)
    assert user.username == "ny-leder@kommune.dk" and user.role == Role.MANAGER


def test_claims_that_name_two_accounts_are_refused(client, provider, users, org):
    users["hr"].email = "dobbelt@kommune.dk"
    users["hr"].save()
    log_in(
        client,
        provider,
        {
            "sub": "idp-dobbelt",
            "email": "dobbelt@kommune.dk",
            "medarbejdernummer": org.person_in_nord.employee_number,  # the employee's person
        },
    )
    assert logged_in_as(client) is None
    assert "to forskellige konti" in refusal(client)


def test_an_unverified_email_matches_no_account(client, provider, users):
    users["admin"].email = "admin@kommune.dk"
    users["admin"].save()
    log_in(
        client,
        provider,
        {"sub": "idp-x", "email": "admin@kommune.dk", "email_verified": False, "groups": []},
    )
    assert logged_in_as(client) is None


def test_a_deactivated_account_stays_out(client, provider, users):
    users["analyst"].email = "ana@kommune.dk"
    users["analyst"].is_active = False
    users["analyst"].save()
    log_in(client, provider, {"sub": "idp-ana", "email": "ana@kommune.dk"})
    assert logged_in_as(client) is None
    assert "deaktiveret" in refusal(client)


@override_settings(DEMO=True)
def test_a_demo_login_is_never_reached_through_the_idp(client, provider, db):
    User.objects.create_user("leder", email="leder@demo.dk", is_demo=True, role=Role.MANAGER)
    log_in(client, provider, {"sub": "idp-demo", "email": "leder@demo.dk"})
    assert logged_in_as(client) is None


def test_without_a_mapping_roles_stay_in_charlie(client, provider, users):
    users["analyst"].email = "ana@kommune.dk"
    users["analyst"].save()
    with override_settings(CHARLIE_OIDC_GROUP_ROLES=""):
        log_in(
            client, provider, {"sub": "idp-ana", "email": "ana@kommune.dk", "groups": "hr-gruppe"}
        )
    user = logged_in_as(client)
    assert user.role == Role.ANALYST
    assert not RoleChange.objects.filter(user=user).exists()


# --- What the protocol must refuse ---


@pytest.mark.parametrize(
    "spoil", ["nonce", "issuer", "audience", "expired", "signature", "userinfo_sub"]
)
def test_a_bad_token_is_refused(client, provider, users, spoil):
    users["employee"].email = "anne@kommune.dk"
    users["employee"].save()
    provider.spoil = spoil
    response = log_in(client, provider, {"sub": "idp-anne", "email": "anne@kommune.dk"})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:login")
    assert "mislykkedes" in refusal(client)
    assert logged_in_as(client) is None


def test_a_state_that_is_not_this_sessions_is_refused(client, provider, users):
    users["employee"].email = "anne@kommune.dk"
    users["employee"].save()
    provider.user = {"sub": "idp-anne", "email": "anne@kommune.dk"}
    response = client.get(reverse("oidc_authentication_init"))
    at_idp = requests.get(response["Location"], allow_redirects=False, timeout=5)
    back = urlparse(at_idp.headers["Location"])
    code = dict(p.split("=", 1) for p in back.query.split("&"))["code"]
    forged = client.get(reverse("oidc_authentication_callback"), {"code": code, "state": "falsk"})
    assert forged.status_code == 302 and forged["Location"] == reverse("core:login")
    assert logged_in_as(client) is None
    # Another browser cannot use the code and state either: they are not in its session.
    other = client.__class__()
    stolen = other.get(f"{back.path}?{back.query}")
    assert stolen.status_code == 302 and stolen["Location"] == reverse("core:login")
    assert SESSION_KEY not in other.session


def test_an_idp_that_does_not_answer_is_a_message_not_an_error(client, provider, users):
    with override_settings(OIDC_OP_TOKEN_ENDPOINT="http://127.0.0.1:9/token"):
        log_in(client, provider, {"sub": "idp-anne"})
    assert logged_in_as(client) is None
    assert "svarer ikke" in refusal(client)


def test_authenticate_outside_the_callback_finds_no_user(provider, users, rf):
    from django.contrib.auth import authenticate

    request = rf.get("/login/", {"code": "x", "state": "y"})
    assert authenticate(request, nonce="n", code_verifier="v") is None


# --- Local passwords off (CHARLIE_LOCAL_LOGIN=0) ---


def test_with_local_passwords_off_the_form_is_gone_and_passwords_are_refused(
    client, provider, users
):
    with override_settings(CHARLIE_LOCAL_LOGIN=False):
        page = client.get(reverse("core:login")).content.decode()
        assert "Log ind med kommunens konto" in page
        assert 'name="password"' not in page
        response = client.post(
            reverse("core:login"), {"username": "test-hr", "password": "korrekt-hest-batteri-42"}
        )
        assert response.status_code == 403
        assert logged_in_as(client) is None
        # The service refuses too, whatever view calls it.
        from charlie.core.services import log_in as password_log_in

        result = password_log_in(
            request=None, username="test-hr", password="korrekt-hest-batteri-42", ip_address=None
        )
        assert result.user is None
        # "Skift adgangskode" has nothing to change.
        client.force_login(users["hr"])
        page = client.get(reverse("core:password_change")).content.decode()
        assert "kommunens konto" in page and 'name="current_password"' not in page
        assert client.post(reverse("core:password_change"), {}).status_code == 403


def test_with_local_passwords_off_api_tokens_keep_working(users, provider):
    _token, plain = create_token(user=users["hr"], name="Lønsystem")
    with override_settings(CHARLIE_LOCAL_LOGIN=False):
        assert authenticate_token(plain) == users["hr"]
    assert ApiToken.objects.filter(user=users["hr"]).count() == 1


@override_settings(CHARLIE_LOCAL_LOGIN=False, DEMO=True)
def test_with_local_passwords_off_the_demo_logins_still_work_in_the_demo(client, db):
    User.objects.create_user("leder", password="demo-kun-til-demo", is_demo=True)
    User.objects.create_user("ikke-demo", password="demo-kun-til-demo")
    page = client.get(reverse("core:login")).content.decode()
    assert 'name="password"' in page and "Demo-logins" in page
    client.post(reverse("core:login"), {"username": "ikke-demo", "password": "demo-kun-til-demo"})
    assert logged_in_as(client) is None
    client.post(reverse("core:login"), {"username": "leder", "password": "demo-kun-til-demo"})
    assert logged_in_as(client).username == "leder"


@override_settings(CHARLIE_LOCAL_LOGIN=False)
def test_with_local_passwords_off_administrators_make_accounts_without_one(client_as, users):
    client = client_as("admin")
    page = client.get(reverse("accounts:user_create")).content.decode()
    assert 'name="password"' not in page
    response = client.post(
        reverse("accounts:user_create"),
        {"username": "uden-kode", "first_name": "Uden", "last_name": "Kode", "role": "employee"},
    )
    assert response.status_code == 302
    account = User.objects.get(username="uden-kode")
    assert not account.has_usable_password() and not account.password_from_administrator
    with pytest.raises(services.ValidationFailed, match="slået fra"):
        services.set_password(
            access_for(users["admin"]), user_id=account.pk, password="en-god-lang-adgangskode-1"
        )


def test_oidc_discover_prints_the_settings_from_the_discovery_document(provider_server):
    from io import StringIO

    from django.core.management import CommandError, call_command

    out = StringIO()
    call_command("oidc_discover", provider_server.url, stdout=out)
    lines = out.getvalue().splitlines()
    assert f"CHARLIE_OIDC_ISSUER={provider_server.url}" in lines
    assert f"CHARLIE_OIDC_JWKS_ENDPOINT={provider_server.url}/jwks" in lines
    assert f"CHARLIE_OIDC_TOKEN_ENDPOINT={provider_server.url}/token" in lines
    with pytest.raises(CommandError, match="Could not read"):
        call_command("oidc_discover", provider_server.url + "/ingen", stdout=StringIO())


# --- Settings from the environment ---

PROBE = (
    "import json, charlie.settings as s; print(json.dumps([s.CHARLIE_OIDC_ENABLED, "
    "s.AUTHENTICATION_BACKENDS, s.CHARLIE_LOCAL_LOGIN]))"
)
FULL = {
    "CHARLIE_OIDC_ISSUER": "https://login.kommune.dk",
    "CHARLIE_OIDC_AUTHORIZATION_ENDPOINT": "https://login.kommune.dk/auth",
    "CHARLIE_OIDC_TOKEN_ENDPOINT": "https://login.kommune.dk/token",
    "CHARLIE_OIDC_USERINFO_ENDPOINT": "https://login.kommune.dk/userinfo",
    "CHARLIE_OIDC_JWKS_ENDPOINT": "https://login.kommune.dk/jwks",
    "CHARLIE_OIDC_CLIENT_ID": "charlie",
    "CHARLIE_OIDC_CLIENT_SECRET": "s",
}


def _settings(tmp_path, **env):
    import json
    import os
    import subprocess
    import sys
    from pathlib import Path

    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("CHARLIE_", "DJANGO_")) and k not in {"DEBUG", "SECRET_KEY"}
    }
    clean.update(CHARLIE_VAR_DIR=str(tmp_path), SECRET_KEY="x" * 50, **env)
    proc = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", PROBE],
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parents[3],
    )
    return (json.loads(proc.stdout) if proc.returncode == 0 else None), proc.stderr


def test_the_idp_is_off_until_configured_and_half_a_configuration_stops_the_start(tmp_path):
    (enabled, backends, local), _ = _settings(tmp_path)
    assert (enabled, local) == (False, True)
    assert backends == ["charlie.core.backends.CharlieBackend"]
    (enabled, backends, _local), _ = _settings(tmp_path, **FULL)
    assert enabled is True and backends[-1] == "charlie.accounts.oidc.OIDCBackend"
    half = {k: v for k, v in FULL.items() if k != "CHARLIE_OIDC_CLIENT_SECRET"}
    result, stderr = _settings(tmp_path, **half)
    assert result is None and "CHARLIE_OIDC_CLIENT_SECRET" in stderr
    result, stderr = _settings(tmp_path, CHARLIE_LOCAL_LOGIN="0")
    assert result is None and "no one could log in" in stderr
    (_enabled, _backends, local), _ = _settings(tmp_path, CHARLIE_LOCAL_LOGIN="0", **FULL)
    assert local is False


def test_a_mapping_that_cannot_be_used_stops_the_start():
    from django.core.exceptions import ImproperlyConfigured

    from charlie.accounts import sso

    with (
        override_settings(CHARLIE_OIDC_GROUP_ROLES="ledere=chef"),
        pytest.raises(ImproperlyConfigured, match="unknown role"),
    ):
        sso.config()
