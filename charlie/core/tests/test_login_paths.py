"""One log-in (decision 0015): every way in goes through
``core.services.log_in``, with the lock-out and the demo rule, and no flag outside the role
grants anything.

Checked paths: Charlie's log-in page; the Django admin's log-in (a redirect to Charlie's page);
``django.contrib.auth.authenticate`` and the test client's ``login`` (the backend refuses them);
sessions (the backend ends those of inactive users and, outside demo mode, demo logins); API
tokens (``token_services.authenticate_token``, tested in test_api.py); the API's session auth
(the same sessions); the admin's password change (redirects to "Skift adgangskode", which checks
the current password through ``log_in``). No URL serves one of Django's own log-in, password
reset or password change views (walked below).
"""

from __future__ import annotations

import pytest
from django.contrib.auth import SESSION_KEY, authenticate
from django.contrib.auth import views as auth_views
from django.core.management import CommandError, call_command
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from charlie.core.models import LoginAttempt, User
from charlie.core.roles import Role

PASSWORD = "korrekt-hest-batteri-42"
DEMO_PASSWORD = "demo-kun-til-demo"


@pytest.fixture
def demo_admin(db):
    """The demo's ``admin`` as older versions of ``charlie demo`` made it: a staff account."""
    return User.objects.create_user(
        "admin", password=DEMO_PASSWORD, role=Role.ADMIN, is_demo=True, is_staff=True
    )


def _logged_in(client) -> bool:
    return SESSION_KEY in client.session


# --- The admin's log-in ---


@pytest.mark.django_db
@override_settings(DEMO=False)
def test_admin_login_refuses_the_demo_password_outside_demo_mode(client, demo_admin):
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "admin", "password": DEMO_PASSWORD}
    )
    assert not _logged_in(client)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))
    assert client.get("/admin/").status_code == 302  # still not in


@pytest.mark.django_db
def test_admin_login_is_charlies_login_page(client):
    response = client.get("/admin/login/?next=/admin/people/jobfamily/")
    assert response.status_code == 302
    assert response["Location"] == (reverse("core:login") + "?next=/admin/people/jobfamily/")


@pytest.mark.django_db
def test_the_lock_out_applies_to_the_admin(client, users):
    admin = users["admin"]
    admin.is_staff = True  # what the admin's own log-in form used to ask for
    admin.save()
    for _ in range(5):
        client.post(reverse("core:login"), {"username": "test-admin", "password": "forkert"})
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "test-admin", "password": PASSWORD}
    )
    assert not _logged_in(client)
    assert response.status_code == 302
    # Through Charlie's page the right password is refused too, while the account is locked.
    response = client.post(reverse("core:login"), {"username": "test-admin", "password": PASSWORD})
    assert response.status_code == 400
    assert not _logged_in(client)
    assert not LoginAttempt.objects.filter(username="test-admin", succeeded=True).exists()


@pytest.mark.django_db
@override_settings(DEMO=True)
def test_in_demo_mode_the_demo_admin_logs_in_through_charlie_and_reaches_the_admin(
    client, demo_admin
):
    response = client.post(
        reverse("core:login"), {"username": "admin", "password": DEMO_PASSWORD, "next": "/admin/"}
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


# --- authenticate() outside log_in, and sessions ---


@pytest.mark.django_db
def test_authenticate_outside_log_in_finds_no_user(client, users):
    assert authenticate(username="test-admin", password=PASSWORD) is None
    assert client.login(username="test-admin", password=PASSWORD) is False


@pytest.mark.django_db
def test_a_demo_session_ends_when_demo_mode_is_turned_off(client, demo_admin):
    with override_settings(DEMO=True):
        client.post(reverse("core:login"), {"username": "admin", "password": DEMO_PASSWORD})
        assert client.get(reverse("home")).status_code == 200
    with override_settings(DEMO=False):
        assert client.get(reverse("home")).status_code == 302
        assert client.get(reverse("api:me")).status_code == 401


@pytest.mark.django_db
def test_a_deactivated_users_session_ends(client, users):
    client.force_login(users["hr"])
    assert client.get(reverse("home")).status_code == 200
    User.objects.filter(pk=users["hr"].pk).update(is_active=False)
    assert client.get(reverse("home")).status_code == 302


def _views():
    def walk(resolver):
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern)
            elif isinstance(pattern, URLPattern):
                yield pattern

    return list(walk(get_resolver()))


def test_no_url_serves_djangos_own_log_in_or_password_views():
    forbidden = {
        auth_views.LoginView,
        auth_views.PasswordResetView,
        auth_views.PasswordResetConfirmView,
        auth_views.PasswordChangeView,
    }
    for pattern in _views():
        view_class = getattr(pattern.callback, "view_class", None)
        assert view_class not in forbidden, f"{pattern.pattern} serves {view_class}"


@pytest.mark.django_db
def test_the_admins_password_change_is_charlies_page(client, users):
    client.force_login(users["admin"])
    response = client.get("/admin/password_change/")
    assert response.status_code == 302
    assert response["Location"] == reverse("core:password_change")


# --- The admin without superuser or staff flags ---


@pytest.mark.django_db
def test_the_administrator_edits_job_families_without_any_flag(client, users):
    admin = users["admin"]
    admin.is_staff = False
    admin.save()
    client.force_login(admin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/people/jobfamily/").status_code == 200
    assert client.get("/admin/people/jobfamily/add/").status_code == 200
    from charlie.people.models import JobFamily

    family = JobFamily.objects.get(code="sosu")
    response = client.post(
        f"/admin/people/jobfamily/{family.pk}/change/",
        {"name": "Social- og sundhedsassistent", "code": "sosu", "sort_order": 99},
    )
    assert response.status_code == 302
    family.refresh_from_db()
    assert family.sort_order == 99


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["employee", "manager", "hr", "analyst", "dpo"])
def test_other_roles_stay_out_of_the_admin_whatever_their_flags(client, users, role):
    user = users[role]
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get("/admin/").status_code == 302
    assert client.get("/admin/people/jobfamily/").status_code == 302


@pytest.mark.django_db
def test_the_admin_has_no_user_group_or_task_tables(client, users):
    """Users and roles are Charlie pages; the admin's user form let an administrator make
    themselves HR or DPO without a trace."""
    client.force_login(users["admin"])
    hr = users["hr"]
    assert client.get("/admin/core/user/").status_code == 404
    response = client.post(
        f"/admin/core/user/{users['admin'].pk}/change/", {"username": "test-admin", "role": "dpo"}
    )
    assert response.status_code == 404
    assert client.get(f"/admin/core/user/{hr.pk}/password/").status_code == 404
    assert client.get("/admin/auth/group/").status_code == 404
    assert client.get("/admin/django_tasks_db/dbtaskresult/").status_code == 404
    users["admin"].refresh_from_db()
    assert users["admin"].role == Role.ADMIN


@pytest.mark.django_db
def test_an_administrator_cannot_make_themselves_dpo_in_the_admin(client, users):
    """The pen test's path: the demo administrator (once a superuser) changed their
    own role in the admin's user form. Today the flag is refused and the form is gone."""
    admin = users["admin"]
    try:
        with transaction.atomic():
            User.objects.filter(pk=admin.pk).update(is_superuser=True, is_staff=True)
    except IntegrityError:
        pass  # Charlie keeps is_superuser false (a constraint)
    admin.refresh_from_db()
    client.force_login(admin)
    response = client.post(
        f"/admin/core/user/{admin.pk}/change/",
        {
            "username": "test-admin",
            "first_name": "",
            "last_name": "",
            "email": "",
            "is_active": "on",
            "is_staff": "on",
            "role": "dpo",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "08:00:00",
        },
    )
    assert response.status_code == 404
    admin.refresh_from_db()
    assert admin.role == Role.ADMIN


def test_every_admin_table_takes_its_permissions_from_the_role():
    from django.contrib import admin

    from charlie.core.admin import AdministratorAdmin

    registered = admin.site._registry
    assert registered, "the admin should keep the configuration tables"
    for model, model_admin in registered.items():
        assert isinstance(model_admin, AdministratorAdmin), model


# --- No superusers ---


@pytest.mark.django_db
def test_createsuperuser_refuses_and_points_to_bootstrap_role():
    with pytest.raises(CommandError, match="bootstrap-role"):
        call_command("createsuperuser", "--noinput", username="root", email="")
    assert not User.objects.filter(username="root").exists()
    with pytest.raises(ValueError, match="bootstrap-role"):
        User.objects.create_superuser("root", password=PASSWORD)


@pytest.mark.django_db
def test_the_database_refuses_a_superuser(users):
    with pytest.raises(IntegrityError), transaction.atomic():
        User.objects.filter(pk=users["admin"].pk).update(is_superuser=True)


# --- "Skift adgangskode" ---


@pytest.mark.django_db
def test_changing_ones_password_checks_the_current_one_through_log_in(client, users):
    user = users["employee"]
    user.password_from_administrator = True
    user.save()
    client.force_login(user)
    url = reverse("core:password_change")
    new = {"new_password": "mit-eget-nye-kodeord-9", "new_password_again": "mit-eget-nye-kodeord-9"}
    response = client.post(url, {"current_password": "forkert", **new})
    assert response.status_code == 400
    assert "Den nuværende adgangskode er forkert" in response.content.decode()
    assert LoginAttempt.objects.filter(username="test-employee", succeeded=False).count() == 1
    response = client.post(url, {"current_password": PASSWORD, **new})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("mit-eget-nye-kodeord-9")
    assert not user.password_from_administrator
    assert client.get(reverse("home")).status_code == 200  # still logged in


@pytest.mark.django_db
def test_the_password_form_cannot_be_used_to_guess_past_the_lock_out(client, users):
    client.force_login(users["employee"])
    url = reverse("core:password_change")
    new = {"new_password": "mit-eget-nye-kodeord-9", "new_password_again": "mit-eget-nye-kodeord-9"}
    for _ in range(5):
        client.post(url, {"current_password": "forkert", **new})
    response = client.post(url, {"current_password": PASSWORD, **new})
    assert response.status_code == 400
    assert "For mange mislykkede forsøg" in response.content.decode()
    users["employee"].refresh_from_db()
    assert users["employee"].check_password(PASSWORD)


@pytest.mark.django_db
def test_the_new_password_must_follow_the_rules(client, users):
    client.force_login(users["employee"])
    response = client.post(
        reverse("core:password_change"),
        {"current_password": PASSWORD, "new_password": "kort", "new_password_again": "kort"},
    )
    assert response.status_code == 400
    assert "mindst 12 tegn" in response.content.decode()


@pytest.mark.django_db
@override_settings(DEMO=True)
def test_a_demo_login_keeps_its_public_password(client, demo_admin):
    client.force_login(demo_admin)
    response = client.post(
        reverse("core:password_change"),
        {
            "current_password": DEMO_PASSWORD,
            "new_password": "mit-eget-nye-kodeord-9",
            "new_password_again": "mit-eget-nye-kodeord-9",
        },
    )
    assert response.status_code == 400
    demo_admin.refresh_from_db()
    assert demo_admin.check_password(DEMO_PASSWORD)
