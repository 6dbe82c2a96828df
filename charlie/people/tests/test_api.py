"""The people API, called with each role's personal token: same scopes as the web pages."""

import pytest

from charlie.core import token_services

pytestmark = pytest.mark.django_db

ROLES = ("employee", "manager", "hr", "analyst", "dpo", "admin")


def expect(default: int, **overrides: int) -> dict[str, int]:
    result = dict.fromkeys(ROLES, default)
    result.update(overrides)
    return result


@pytest.fixture
def api_get(client, users):
    """``api_get("hr", "/people")`` calls /api/v1/people with HR's bearer token."""
    tokens = {}

    def _get(role: str, path: str, **params):
        if role not in tokens:
            tokens[role] = token_services.create_token(user=users[role], name="test")[1]
        return client.get(
            f"/api/v1{path}", params, headers={"Authorization": f"Bearer {tokens[role]}"}
        )

    return _get


CASES = [
    ("/me", lambda org: expect(200)),
    ("/org-units", lambda org: expect(200)),
    ("/org-units/{nord}", lambda org: expect(200)),
    ("/org-units/987654321", lambda org: expect(404)),
    ("/people", lambda org: expect(403, manager=200, hr=200)),
    ("/people/{in_nord}", lambda org: expect(404, employee=200, manager=200, hr=200)),
    ("/people/{in_skole}", lambda org: expect(404, hr=200)),
    ("/people/987654321", lambda org: expect(404)),
    ("/people/{in_nord}/employments", lambda org: expect(404, employee=200, manager=200, hr=200)),
    ("/people/{in_skole}/employments", lambda org: expect(404, hr=200)),
    ("/employments", lambda org: expect(403, manager=200, hr=200)),
]


@pytest.mark.parametrize(("path", "expected"), CASES, ids=[c[0] for c in CASES])
def test_who_gets_what(api_get, org, path, expected):
    url = path.format(
        nord=org.nord.pk, in_nord=org.person_in_nord.pk, in_skole=org.person_in_skole.pk
    )
    got = {role: api_get(role, url).status_code for role in ROLES}
    assert got == expected(org)


def test_denials_are_json_in_danish(api_get, org):
    forbidden = api_get("analyst", "/people")
    assert forbidden["Content-Type"].startswith("application/json")
    assert forbidden.json() == {"detail": "Din rolle giver ikke adgang til dette."}
    hidden = api_get("manager", f"/people/{org.person_in_skole.pk}")
    assert hidden.json() == {"detail": "Findes ikke, eller du har ikke adgang til det."}


def test_hr_lists_everyone_paginated(api_get, org, users):
    body = api_get("hr", "/people").json()
    assert body["count"] == 5 and len(body["items"]) == 5
    assert set(body["items"][0]) == {"id", "employee_number", "first_name", "last_name"}
    page = api_get("hr", "/people", limit=2, offset=4).json()
    assert page["count"] == 5 and len(page["items"]) == 1
    everyone = [p["id"] for p in body["items"]]
    pages = [
        p["id"]
        for off in (0, 2, 4)
        for p in api_get("hr", "/people", limit=2, offset=off).json()["items"]
    ]
    assert pages == everyone


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"q": "x" * 101}])
def test_bad_paging_or_query_is_422(api_get, org, params):
    response = api_get("hr", "/people", **params)
    assert response.status_code == 422
    assert isinstance(response.json()["detail"], list)


def test_manager_lists_own_unit_and_self_only(api_get, org, users):
    ids = {p["id"] for p in api_get("manager", "/people").json()["items"]}
    assert ids == {org.person_in_nord.pk, users["manager"].person.pk}


def test_search_by_name_and_number(api_get, org):
    person = org.person_in_skole
    by_number = api_get("hr", "/people", q=person.employee_number).json()
    assert [p["id"] for p in by_number["items"]] == [person.pk]
    by_name = api_get("hr", "/people", q=f"{person.first_name} {person.last_name}").json()
    assert person.pk in [p["id"] for p in by_name["items"]]
    assert api_get("manager", "/people", q=person.employee_number).json()["count"] == 0


def test_person_detail_has_master_data_but_nothing_secret(api_get, org):
    body = api_get("employee", f"/people/{org.person_in_nord.pk}").json()
    assert set(body) == {
        "id",
        "employee_number",
        "first_name",
        "last_name",
        "birth_date",
        "gender",
        "email",
        "phone",
    }
    assert body["birth_date"] == org.person_in_nord.birth_date.isoformat()


def test_person_employments(api_get, org):
    items = api_get("manager", f"/people/{org.person_in_nord.pk}/employments").json()
    assert len(items) == 1
    employment = items[0]
    assert employment["org_unit_id"] == org.nord.pk
    assert employment["org_unit_name"] == "Plejecenter Nord"
    assert employment["job_family"] == "sosu"
    assert employment["weekly_hours"] == 37.0
    assert employment["end_date"] is None and employment["end_reason"] is None


def test_employments_in_scope(api_get, org, users):
    hr = api_get("hr", "/employments").json()
    assert hr["count"] == 5
    manager = api_get("manager", "/employments").json()
    assert {e["person_id"] for e in manager["items"]} == {
        org.person_in_nord.pk,
        users["manager"].person.pk,
    }
    in_skole = api_get("hr", "/employments", org_unit=org.kultur.pk).json()
    assert [e["person_id"] for e in in_skole["items"]] == [org.person_in_skole.pk]
    assert api_get("hr", "/employments", org_unit=987654321).status_code == 404


def test_ended_employments_only_when_asked(api_get, org):
    employment = org.person_in_skole.employments.get()
    employment.end_date = employment.start_date.replace(year=employment.start_date.year + 1)
    employment.end_reason = "resignation"
    employment.save()
    assert api_get("hr", "/employments").json()["count"] == 4
    everything = api_get("hr", "/employments", current="false").json()
    assert everything["count"] == 5
    ended = [e for e in everything["items"] if e["person_id"] == org.person_in_skole.pk]
    assert ended[0]["end_reason"] == "resignation"


def test_org_units_flat_tree_with_headcount(api_get, org, users):
    units = api_get("analyst", "/org-units").json()
    by_id = {u["id"]: u for u in units}
    assert len(units) == 7
    assert units[0]["id"] == org.kommune.pk and units[0]["parent_id"] is None
    nord = by_id[org.nord.pk]
    assert nord["parent_id"] == org.aeldre.pk
    assert nord["manager_id"] == users["manager"].person.pk
    assert nord["kind"] == "afdeling"
    assert nord["path"] == org.nord.path
    assert by_id[org.kommune.pk]["headcount"] == 5
    # Ældreområdet has 3 people: disclosure control hides it (minimum group size 5).
    assert by_id[org.aeldre.pk]["headcount"] is None
    assert by_id[org.aeldre.pk]["headcount_suppressed"] is True
    assert by_id[org.kommune.pk]["headcount_suppressed"] is False
    assert api_get("dpo", f"/org-units/{org.nord.pk}").json() == nord
