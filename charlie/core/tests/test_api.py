"""The API shell: authentication (token or session), JSON errors, OpenAPI and the docs page."""

import json
import re

import pytest
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from charlie.api import api
from charlie.core import token_services
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.models import ApiToken

pytestmark = pytest.mark.django_db

ME = "/api/v1/me"
API_URLS = [
    ME,
    "/api/v1/org-units",
    "/api/v1/org-units/1",
    "/api/v1/people",
    "/api/v1/people/1",
    "/api/v1/people/1/employments",
    "/api/v1/employments",
]


def bearer(plain: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {plain}"}


@pytest.mark.parametrize("url", API_URLS)
def test_no_credentials_answer_401_json_not_a_redirect(client, url):
    response = client.get(url)
    assert response.status_code == 401
    assert response["Content-Type"].startswith("application/json")
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert "API-nøgle" in response.json()["detail"]


def test_token_authenticates(client, users):
    _, plain = token_services.create_token(user=users["employee"], name="x")
    response = client.get(ME, headers=bearer(plain))
    assert response.status_code == 200
    assert response.json() == {
        "username": "test-employee",
        "role": "employee",
        "role_label": "Medarbejder",
        "person_id": users["employee"].person.pk,
    }


def test_me_without_a_person_record(client, users):
    _, plain = token_services.create_token(user=users["admin"], name="x")
    body = client.get(ME, headers=bearer(plain)).json()
    assert body["role"] == "admin" and body["person_id"] is None


def test_session_authenticates(client_as):
    response = client_as("hr").get(ME)
    assert response.status_code == 200
    assert response.json()["role"] == "hr"


def test_wrong_revoked_and_expired_tokens_answer_401(client, users):
    token, plain = token_services.create_token(user=users["hr"], name="x")
    assert client.get(ME, headers=bearer(plain + "x")).status_code == 401
    assert client.get(ME, headers={"Authorization": plain}).status_code == 401
    token_services.revoke_token(user=users["hr"], token_id=token.pk)
    assert client.get(ME, headers=bearer(plain)).status_code == 401
    other, plain2 = token_services.create_token(user=users["hr"], name="y")
    ApiToken.objects.filter(pk=other.pk).update(expires_at=timezone.now())
    assert client.get(ME, headers=bearer(plain2)).status_code == 401


def test_demo_user_token_refused_outside_demo_mode(client, users, settings):
    users["hr"].is_demo = True
    users["hr"].save()
    _, plain = token_services.create_token(user=users["hr"], name="x")
    settings.DEMO = False
    assert client.get(ME, headers=bearer(plain)).status_code == 401
    settings.DEMO = True
    assert client.get(ME, headers=bearer(plain)).status_code == 200


def test_token_works_without_csrf_and_session_still_needs_it(users):
    """Bearer requests carry no cookie, so CSRF does not apply; ninja's session auth checks CSRF
    itself for unsafe methods. The API is read-only today, so POST is simply not allowed."""
    _, plain = token_services.create_token(user=users["hr"], name="x")
    client = Client(enforce_csrf_checks=True)
    assert client.get(ME, headers=bearer(plain)).status_code == 200
    assert client.post(ME, headers=bearer(plain)).status_code == 405


def _request():
    return RequestFactory().get(ME)


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (PermissionDenied(), 403),
        (DjangoPermissionDenied(), 403),
        (NotFound(), 404),
        (ValidationFailed(["Navnet mangler.", "Datoen er forkert."]), 422),
    ],
)
def test_charlie_errors_become_json(exc, status):
    response = api.on_exception(_request(), exc)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    detail = json.loads(response.content)["detail"]
    if status == 422:
        assert [d["msg"] for d in detail] == ["Navnet mangler.", "Datoen er forkert."]
    else:
        assert isinstance(detail, str) and detail


def test_openapi_schema_is_public_and_complete(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["info"]["title"] == "Charlie API"
    assert set(schema["paths"]) == {
        "/api/v1/me",
        "/api/v1/org-units",
        "/api/v1/org-units/{unit_id}",
        "/api/v1/people",
        "/api/v1/people/{person_id}",
        "/api/v1/people/{person_id}/employments",
        "/api/v1/employments",
        "/api/v1/absence/stats",
        "/api/v1/absence/deadlines/{person_id}",
        "/api/v1/workforce/pension-age",
        "/api/v1/workforce/scenarios",
        "/api/v1/workforce/project",
        "/api/v1/workforce/model",
        # skills, analysis part
        "/api/v1/skills/gap/{employee}/{profile}",
        "/api/v1/skills/candidates/{profile}",
        # learning (issue 14)
        "/api/v1/learning/courses",
        "/api/v1/learning/courses/{code}",
        "/api/v1/learning/compliance",
        # learning, records part
        "/api/v1/learning/completions/{employee}",
        # recruitment, pipeline part
        "/api/v1/recruitment/ads",
        "/api/v1/recruitment/rounds/{ad_slug}",
        "/api/v1/recruitment/fairness",
        # wellbeing, results part
        "/api/v1/wellbeing/surveys",
        "/api/v1/wellbeing/surveys/{survey_id}/results",
        # portfolio, benefits part
        "/api/v1/portfolio/initiatives",
        "/api/v1/portfolio/initiatives/{number}",
        "/api/v1/portfolio/beacons",
    }
    schemes = schema["components"]["securitySchemes"]
    assert schemes["TokenAuth"] == {"type": "http", "scheme": "bearer"}
    fields = {
        name.lower()
        for component in schema["components"]["schemas"].values()
        for name in component.get("properties", {})
    }
    assert not {f for f in fields if "password" in f or "cpr" in f or "hash" in f}
    assert {"employee_number", "birth_date", "person_id"} <= fields


def test_docs_page_runs_under_the_strict_csp(client):
    response = client.get(reverse("api:openapi-view"))
    assert response.status_code == 200
    csp = response["Content-Security-Policy"]
    assert "unsafe-eval" not in csp and "unsafe-inline" not in csp
    html = response.text
    # Every executable script is a local static file ('self'); the settings block is JSON data,
    # which the browser does not execute.
    for attrs in re.findall(r"<script([^>]*)>", html):
        assert 'type="application/json"' in attrs or 'src="/static/' in attrs, attrs
    assert "cdn" not in html.lower()
    for asset in re.findall(r'(?:src|href)="(/static/[^"]+)"', html):
        assert client.get(asset).status_code == 200, asset


def test_api_urls_do_not_redirect_to_log_in(client):
    """LoginRequiredMiddleware must leave the API alone; the API root is ninja's 404."""
    response = client.get("/api/v1/")
    assert response.status_code == 404
