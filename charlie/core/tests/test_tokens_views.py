"""The "API-nøgler" pages: list, make (shown once), revoke."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from charlie.core import token_services
from charlie.core.models import ApiToken

pytestmark = pytest.mark.django_db

ROLES = ["employee", "manager", "hr", "analyst", "dpo", "admin"]


@pytest.mark.parametrize("role", ROLES)
def test_every_role_has_the_page_and_the_menu_entry(client_as, role):
    response = client_as(role).get(reverse("core:tokens"))
    assert response.status_code == 200
    assert f'href="{reverse("core:tokens")}"' in response.text
    assert "API-nøgler" in response.text


def test_anonymous_is_sent_to_log_in(client):
    response = client.get(reverse("core:tokens"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("core:login"))


def test_a_new_token_is_shown_once(client_as, users):
    client = client_as("employee")
    response = client.post(reverse("core:tokens"), {"name": "Excel", "expires_on": ""})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = ApiToken.objects.get(user=users["employee"])
    plain = response.context["plain_token"]
    assert plain in response.text
    assert "vises kun denne ene gang" in response.text
    assert token_services.authenticate_token(plain) == users["employee"]
    # The list shows only the prefix from now on.
    again = client.get(reverse("core:tokens"))
    assert plain not in again.text
    assert f"charlie_{token.prefix}" in again.text
    assert "Excel" in again.text


def test_expiry_date_means_to_the_end_of_that_day(client_as, users):
    day = timezone.localdate() + timedelta(days=10)
    client_as("hr").post(reverse("core:tokens"), {"name": "x", "expires_on": day.isoformat()})
    expires = timezone.localtime(ApiToken.objects.get().expires_at)
    assert expires.date() == day
    assert (expires.hour, expires.minute) == (23, 59)


@pytest.mark.parametrize(
    "data",
    [
        {"name": "", "expires_on": ""},
        {"name": "x", "expires_on": "ikke en dato"},
        {"name": "x", "expires_on": "2001-01-01"},
    ],
)
def test_invalid_input_shows_the_form_again(client_as, data):
    response = client_as("hr").post(reverse("core:tokens"), data)
    assert response.status_code == 400
    assert 'class="form-error-message"' in response.text or "alert-error" in response.text
    assert not ApiToken.objects.exists()


def test_revoke_asks_first_then_revokes(client_as, users):
    token, plain = token_services.create_token(user=users["manager"], name="script")
    client = client_as("manager")
    url = reverse("core:token_revoke", kwargs={"token_id": token.pk})
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "csrfmiddlewaretoken" in confirm.text
    token.refresh_from_db()
    assert token.revoked_at is None
    response = client.post(url)
    assert response.status_code == 302 and response["Location"] == reverse("core:tokens")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert token_services.authenticate_token(plain) is None
    listing = client.get(reverse("core:tokens"))
    assert "Tilbagekaldt" in listing.text


def test_revoke_needs_csrf(users):
    from django.test import Client

    token, _ = token_services.create_token(user=users["hr"], name="x")
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["hr"])
    response = client.post(reverse("core:token_revoke", kwargs={"token_id": token.pk}))
    assert response.status_code == 403
    token.refresh_from_db()
    assert token.revoked_at is None


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_users_token_is_not_found(client_as, users, method):
    token, plain = token_services.create_token(user=users["hr"], name="hr's")
    url = reverse("core:token_revoke", kwargs={"token_id": token.pk})
    response = getattr(client_as("manager"), method)(url)
    assert response.status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None
    assert token_services.authenticate_token(plain) == users["hr"]


def test_the_list_shows_only_own_tokens(client_as, users):
    token_services.create_token(user=users["hr"], name="hr-nøgle")
    token_services.create_token(user=users["dpo"], name="dpo-nøgle")
    text = client_as("dpo").get(reverse("core:tokens")).text
    assert "dpo-nøgle" in text and "hr-nøgle" not in text
