"""The xAPI statements endpoint: token and version required, a statement lands as a completion,
the same id twice is stored once (other content: 409), unknown people and courses are kept and
shown to HR, never guessed; clients get a token shown once and can be revoked."""

from __future__ import annotations

import json
import uuid
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from charlie.learning import xapi
from charlie.learning.models import Completion, StatementStatus, XapiStatement
from charlie.learning.services import xapi as statements
from charlie.learning.tests.factories import CourseFactory
from charlie.people.services import access_for
from charlie.privacy.models import AuditEntry

pytestmark = pytest.mark.django_db

URL = "/xapi/statements"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"


@pytest.fixture
def token(users):
    return statements.create_client(access_for(users["hr"]), "Kommunens LMS").token


def _statement(actor, activity, *, verb=COMPLETED, sid=None, timestamp="2026-05-04T10:00:00Z"):
    body = {
        "actor": actor,
        "verb": {"id": verb},
        "object": {"id": activity, "objectType": "Activity"},
        "timestamp": timestamp,
    }
    if sid:
        body["id"] = sid
    return body


def _post(body, token, *, version="1.0.3"):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"}
    if version:
        headers["HTTP_X_EXPERIENCE_API_VERSION"] = version
    return Client().post(URL, json.dumps(body), content_type="application/json", **headers)


def test_a_statement_lands_as_a_completion_once(org, token):
    course = CourseFactory(code="hygiejne", activity_id="https://lms.example/a/17")
    nord = org.person_in_nord
    nord.email = "Anne@Kommune.dk"
    nord.save()
    sid = str(uuid.uuid4())
    body = _statement({"mbox": "mailto:anne@kommune.dk"}, "https://lms.example/a/17", sid=sid)
    response = _post(body, token)
    assert response.status_code == 200, response.content
    assert response.json() == [sid]
    assert response["X-Experience-API-Version"] == "1.0.3"
    stored = Completion.objects.get()
    # 10:00 UTC on 4 May 2026 is 12:00 in Copenhagen: the same day.
    assert (stored.person, stored.course, stored.completed_on) == (nord, course, date(2026, 5, 4))
    assert (stored.source, stored.external_id) == ("xapi", f"xapi:{sid}")
    assert XapiStatement.objects.get().completion == stored
    assert AuditEntry.objects.filter(subject_person_id=nord.pk, category="uddannelse").exists()
    # The same statement again: 200, nothing new. Other content under the same id: 409.
    assert _post(body, token).status_code == 200
    assert Completion.objects.count() == 1 and XapiStatement.objects.count() == 1
    other = dict(body, timestamp="2026-05-05T10:00:00Z")
    assert _post(other, token).status_code == 409


def test_account_actor_course_by_code_and_other_verbs(org, token):
    CourseFactory(code="foerstehjaelp")
    actor = {
        "account": {"homePage": "https://kommune.dk", "name": org.person_in_skole.employee_number}
    }
    batch = [
        _statement(actor, "https://lms.example/kurser/foerstehjaelp"),
        _statement(
            actor,
            "https://lms.example/kurser/foerstehjaelp",
            verb="http://adlnet.gov/expapi/verbs/attempted",
        ),
    ]
    response = _post(batch, token)
    assert response.status_code == 200 and len(response.json()) == 2
    assert Completion.objects.get().person == org.person_in_skole
    assert sorted(XapiStatement.objects.values_list("status", flat=True)) == ["ignored", "stored"]


def test_unknown_people_and_courses_are_kept_and_shown_to_hr(org, users, token):
    CourseFactory(code="hygiejne")
    batch = [
        _statement({"mbox": "mailto:ingen@example.org"}, "https://lms.example/hygiejne"),
        _statement(
            {
                "account": {
                    "homePage": "https://kommune.dk",
                    "name": org.person_in_nord.employee_number,
                }
            },
            "https://lms.example/ukendt",
        ),
    ]
    assert _post(batch, token).status_code == 200
    assert not Completion.objects.exists()
    assert set(XapiStatement.objects.values_list("status", flat=True)) == {
        StatementStatus.UNKNOWN_PERSON,
        StatementStatus.UNKNOWN_COURSE,
    }
    client = Client()
    client.force_login(users["hr"])
    page = client.get(reverse("learning:xapi_unmatched"))
    assert page.status_code == 200
    assert "ingen@example.org" in page.content.decode()
    # The known person on the unknown course is named on the page: the read is audited.
    assert AuditEntry.objects.filter(
        subject_person_id=org.person_in_nord.pk, action="read", category="uddannelse"
    ).exists()


def test_token_and_version_are_required(org, users, token):
    body = _statement({"mbox": "mailto:a@b.dk"}, "https://x/y")
    assert _post(body, "charlie_wrong-token-that-is-long-enough-to-look").status_code == 401
    assert Client().post(URL, "{}", content_type="application/json").status_code == 401
    assert _post(body, token, version="").status_code == 400
    assert _post(body, token, version="2.0.0").status_code == 400
    assert _post({"actor": {}}, token).status_code == 400
    assert not XapiStatement.objects.exists()
    client_row = statements.clients(access_for(users["hr"]))[0]
    statements.revoke_client(access_for(users["hr"]), client_row.pk)
    assert _post(body, token).status_code == 401


def test_about_tells_the_version():
    response = Client().get("/xapi/about")
    assert response.status_code == 200 and response.json()["version"] == ["1.0.3"]


def test_the_parser_takes_the_subset():
    assert xapi.course_code("https://lms.example/kurser/hygiejne/") == "hygiejne"
    # 23:30 at +02:00 is 21:30 UTC the same day.
    moment = xapi.parse_timestamp("2026-05-04T23:30:00+02:00")
    assert (moment.hour, moment.minute, moment.day) == (21, 30, 4)
    made = xapi.parse(json.dumps(_statement({"mbox": "mailto:A@B.dk"}, "https://x/y")).encode())
    assert made[0].email == "a@b.dk" and uuid.UUID(made[0].id)
    with pytest.raises(xapi.Invalid):
        xapi.parse(b"[]")
    sid = str(uuid.uuid4())
    twice = [_statement({"mbox": "mailto:a@b.dk"}, "https://x/y", sid=sid)] * 2
    with pytest.raises(xapi.Invalid):
        xapi.parse(json.dumps(twice).encode())


def test_hr_creates_a_client_and_sees_the_token_once(users):
    client = Client()
    client.force_login(users["hr"])
    response = client.post(reverse("learning:xapi_clients"), {"name": "Kommunens LMS"})
    assert response.status_code == 200
    assert "charlie_" in response.content.decode()
    again = client.get(reverse("learning:xapi_clients")).content.decode()
    assert "Kommunens LMS" in again


def test_a_statement_costs_a_handful_of_queries(org, token, django_assert_max_num_queries):
    """The endpoint is posted to once per statement (issue 14: 200 a second): the token, the
    statement id, the person (by the lower(email) index), the course's facts, the completion
    (its id returned by the insert), the statement and the audit entry, in one transaction; the
    course comes from the cache after the first."""
    CourseFactory(code="hygiejne", activity_id="https://lms.example/a/17")
    nord = org.person_in_nord
    nord.email = "Anne@Kommune.dk"
    nord.save()
    actor = {"mbox": "mailto:anne@kommune.dk"}
    assert _post(_statement(actor, "https://lms.example/a/17"), token).status_code == 200
    with django_assert_max_num_queries(9) as captured:
        response = _post(_statement(actor, "https://lms.example/a/17"), token)
    assert response.status_code == 200
    assert not [q for q in captured.captured_queries if '"activity_id" IN' in q["sql"]]
    assert Completion.objects.filter(person=nord).count() == 2
    assert AuditEntry.objects.filter(subject_person_id=nord.pk, category="uddannelse").count() == 2
