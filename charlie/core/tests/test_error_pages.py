import json

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_csrf_failure_page_is_danish_and_explains_what_to_do(users):
    client = Client(enforce_csrf_checks=True)
    client.force_login(users["hr"])
    response = client.post(reverse("core:logout"))
    assert response.status_code == 403
    assert "Formularen er udløbet" in response.text and "Intet blev gemt" in response.text


# --- The API answers JSON on errors, never an HTML page or a traceback ---


@pytest.fixture
def broken_me(monkeypatch):
    """``/api/v1/me`` fails with an unexpected error whose text must not leak."""
    from charlie import api

    def fail(user):
        raise RuntimeError("hemmelig-detalje fra databasen")

    monkeypatch.setattr(api.people_services, "own_person", fail)


@pytest.mark.parametrize("debug", [False, True])
def test_an_api_server_error_is_json_without_a_traceback(users, broken_me, settings, debug):
    settings.DEBUG = debug
    client = Client(raise_request_exception=False)
    client.force_login(users["hr"])
    response = client.get("/api/v1/me")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert "Der skete en fejl på serveren" in body["detail"]
    text = response.content.decode()
    assert "hemmelig-detalje" not in text and "Traceback" not in text


def test_an_api_server_error_is_logged_with_its_traceback(users, broken_me, caplog):
    client = Client(raise_request_exception=False)
    client.force_login(users["hr"])
    with caplog.at_level("ERROR", logger="django.request"):
        client.get("/api/v1/me")
    record = next(r for r in caplog.records if r.name == "django.request")
    assert record.exc_info and "hemmelig-detalje" in str(record.exc_info[1])


def test_django_answers_json_under_the_api_and_pages_elsewhere(client_as):
    client = client_as("hr")
    missing = client.get("/api/v1/findes-ikke")
    assert missing.status_code == 404
    assert missing.json() == {"detail": "Findes ikke, eller du har ikke adgang til det."}
    page = client.get("/findes-ikke/")
    assert page.status_code == 404 and "Siden findes ikke" in page.content.decode()


def test_a_server_error_outside_the_api_views_is_json_under_the_api():
    from django.test import RequestFactory

    from charlie.core.views_errors import server_error

    response = server_error(RequestFactory().get("/api/v1/people"))
    assert response.status_code == 500
    assert json.loads(response.content)["detail"].startswith("Der skete en fejl på serveren")
    page = server_error(RequestFactory().get("/people/"))
    assert page.status_code == 500 and b"Der skete en fejl" in page.content
