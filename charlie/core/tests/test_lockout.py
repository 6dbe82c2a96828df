"""The lock-out rule (pure) and the log-in service/view that apply it."""

from datetime import UTC, datetime, timedelta

import pytest
from django.test import override_settings
from django.urls import reverse

from charlie.core.lockout import Attempt, LockoutPolicy, locked_until

T0 = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)
POLICY = LockoutPolicy(max_failures=5, window=timedelta(minutes=15))


def fails(*minutes: int) -> list[Attempt]:
    return [Attempt(T0 + timedelta(minutes=m), False) for m in minutes]


def test_four_failures_do_not_lock():
    assert locked_until(fails(0, 1, 2, 3), now=T0 + timedelta(minutes=4), policy=POLICY) is None


def test_fifth_failure_locks_until_first_counted_failure_leaves_window():
    until = locked_until(fails(0, 1, 2, 3, 4), now=T0 + timedelta(minutes=5), policy=POLICY)
    assert until == T0 + timedelta(minutes=15)


def test_lock_lifts_when_failures_age_out():
    attempts = fails(0, 1, 2, 3, 4)
    assert locked_until(attempts, now=T0 + timedelta(minutes=15, seconds=1), policy=POLICY) is None


def test_success_resets_the_count():
    attempts = [*fails(0, 1, 2), Attempt(T0 + timedelta(minutes=3), True), *fails(4, 5)]
    assert locked_until(attempts, now=T0 + timedelta(minutes=6), policy=POLICY) is None


def test_more_failures_extend_the_lock():
    attempts = fails(0, 1, 2, 3, 4, 10)
    until = locked_until(attempts, now=T0 + timedelta(minutes=11), policy=POLICY)
    assert until == T0 + timedelta(minutes=16)


@pytest.mark.django_db
def test_login_view_locks_after_five_failures_even_with_right_password(client, users):
    url = reverse("core:login")
    for _ in range(5):
        response = client.post(url, {"username": "test-hr", "password": "forkert"})
        assert response.status_code == 400
        assert "Forkert brugernavn eller adgangskode" in response.text or "låst" in response.text
    response = client.post(url, {"username": "test-hr", "password": "korrekt-hest-batteri-42"})
    assert response.status_code == 400
    assert "Kontoen er låst" in response.text
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_login_view_logs_in_and_follows_safe_next(client, users):
    response = client.post(
        reverse("core:login"),
        {"username": "TEST-HR ", "password": "korrekt-hest-batteri-42", "next": "/people/"},
    )
    assert response.status_code == 302 and response["Location"] == "/people/"


@pytest.mark.django_db
def test_login_refuses_offsite_next(client, users):
    response = client.post(
        reverse("core:login"),
        {
            "username": "test-hr",
            "password": "korrekt-hest-batteri-42",
            "next": "https://evil.example/",
        },
    )
    assert response.status_code == 302 and response["Location"] == "/"


@pytest.mark.django_db
@override_settings(DEMO=False)
def test_demo_user_cannot_log_in_outside_demo(client, users):
    users["hr"].is_demo = True
    users["hr"].save()
    response = client.post(
        reverse("core:login"), {"username": "test-hr", "password": "korrekt-hest-batteri-42"}
    )
    assert response.status_code == 400


@pytest.mark.django_db
@override_settings(DEMO=True)
def test_demo_user_can_log_in_in_demo(client, users):
    users["hr"].is_demo = True
    users["hr"].save()
    response = client.post(
        reverse("core:login"), {"username": "test-hr", "password": "korrekt-hest-batteri-42"}
    )
    assert response.status_code == 302


@pytest.mark.django_db
def test_login_ignores_case_of_a_mixed_case_user_name(client, users):
    users["hr"].username = "Test-HR-Mixed"
    users["hr"].save()
    response = client.post(
        reverse("core:login"), {"username": "test-hr-mixed", "password": "korrekt-hest-batteri-42"}
    )
    assert response.status_code == 302
