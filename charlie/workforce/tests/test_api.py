"""/api/v1/workforce/…: roles, the JSON and CSV answers, disclosure control.

Pension dates are worked out by hand in test_cli.py's PENSION_CASES (pensionsloven § 1 a,
DOMAIN.md 3.1–3.2); the API gives the same JSON as ``charlie workforce pension-age --format
json``.
"""

import csv
import json
from io import StringIO

import pytest
from django.utils import timezone

from charlie.core import token_services
from charlie.workforce import services
from charlie.workforce.tests.test_cli import PENSION_CASES, make_staff, run

pytestmark = pytest.mark.django_db

ROLES = ("employee", "manager", "hr", "analyst", "dpo", "admin")


@pytest.fixture
def api_get(client, users):
    """``api_get("hr", "/workforce/scenarios")`` calls /api/v1/… with HR's bearer token."""
    tokens = {}

    def _get(role, path, **params):
        if role not in tokens:
            tokens[role] = token_services.create_token(user=users[role], name="test")[1]
        return client.get(
            f"/api/v1{path}", params, headers={"Authorization": f"Bearer {tokens[role]}"}
        )

    return _get


@pytest.fixture
def staff(org, users):
    make_staff(org)
    return services.create_illustrative_scenario()


def expect(default, **overrides):
    result = dict.fromkeys(ROLES, default)
    result.update(overrides)
    return result


PLAN_ROLES = {"manager": 200, "hr": 200, "analyst": 200}

CASES = [
    ("/workforce/pension-age?birth_date=1971-01-01", expect(200)),
    ("/workforce/scenarios", expect(403, **PLAN_ROLES)),
    ("/workforce/project?runs=100&to=2030", expect(403, **PLAN_ROLES)),
    ("/workforce/project?runs=100&to=2030&format=csv", expect(403, **PLAN_ROLES)),
    ("/workforce/model", expect(403, **PLAN_ROLES)),
]


@pytest.mark.parametrize(("path", "expected"), CASES, ids=[c[0] for c in CASES])
def test_who_gets_what(api_get, staff, path, expected):
    got = {role: api_get(role, path).status_code for role in ROLES}
    assert got == expected


@pytest.mark.parametrize(
    "path",
    [
        "/workforce/pension-age?birth_date=1971-01-01",
        "/workforce/scenarios",
        "/workforce/project",
        "/workforce/model",
    ],
)
def test_anonymous_is_401(client, path):
    response = client.get(f"/api/v1{path}")
    assert response.status_code == 401
    assert response.json()["detail"].startswith("Du er ikke logget ind")


@pytest.mark.parametrize(
    ("birth", "age", "reached", "paid", "early_age", "early_reached"), PENSION_CASES
)
def test_pension_age(api_get, users, birth, age, reached, paid, early_age, early_reached):
    response = api_get("employee", "/workforce/pension-age", birth_date=birth)
    assert response.status_code == 200
    data = response.json()
    assert data["folkepension"]["age"] == age
    assert data["folkepension"]["reached_on"] == reached
    assert data["folkepension_payable_from"] == paid
    assert data["efterloen"]["age"] == early_age
    assert data["efterloen"]["reached_on"] == early_reached
    # The same answer as the command line.
    assert data == json.loads(run("pension-age", birth, "--format", "json")[0])


BAD_BIRTH_DATES = ["1971-02-30", "01-01-1971", "i går", "1799-12-31", "2100-01-01", "0", "1971-1-1"]


@pytest.mark.parametrize("value", [*BAD_BIRTH_DATES, "1971-01-01T00:00"])
def test_pension_age_bad_birth_date_is_422(api_get, users, value):
    response = api_get("employee", "/workforce/pension-age", birth_date=value)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "birth_date"


def test_pension_age_needs_a_birth_date(api_get, users):
    assert api_get("employee", "/workforce/pension-age").status_code == 422


def test_scenarios(api_get, staff):
    data = api_get("analyst", "/workforce/scenarios").json()
    assert [s["id"] for s in data] == [staff.pk]
    assert data[0]["name"] == services.ILLUSTRATIVE_NAME
    assert data[0]["illustrative"] is True
    assert "KL" in data[0]["description"]
    assert data[0]["updated_at"]


def test_project_json_hides_small_groups(api_get, staff):
    response = api_get("hr", "/workforce/project", runs=100, to=2032)
    assert response.status_code == 200
    data = response.json()
    this_year = timezone.localdate().year
    assert data["years"] == list(range(this_year + 1, 2033))
    assert data["scenario"]["id"] == staff.pk
    assert data["runs"] == 100
    assert data["total"]["headcount"] == 33  # make_staff: the whole municipality
    rows = [*data["job_family"], *data["forvaltning"], data["total"]]
    hidden = [row for row in rows if row["hidden"]]
    assert {row["key"] for row in hidden} >= {"administration"}  # 3 people
    for row in rows:
        count = row["headcount"]
        assert count is None or (isinstance(count, int) and count >= data["min_group_size"])
        if count is None:
            assert row["years"] == []
        else:
            assert len(row["years"]) == len(data["years"])


def test_project_manager_sees_only_their_units(api_get, staff):
    data = api_get("manager", "/workforce/project", runs=100, to=2030).json()
    # The manager manages Plejecenter Nord: the fixture's person there and make_staff's six
    # sosu in Nord (the 1st, 3rd, 5th, … of its twelve) — 7 people, all sosu.
    assert data["scope"] == "Dine enheder"
    assert data["total"]["headcount"] == 7
    assert [row["key"] for row in data["job_family"] if not row["hidden"]] == ["sosu"]


def test_project_csv(api_get, staff):
    response = api_get("hr", "/workforce/project", runs=100, to=2030, format="csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    rows = list(csv.reader(StringIO(response.content.decode("utf-8")), delimiter=";"))
    assert rows[0] == ["dimension", "key", "label", "year", "measure", "p10", "p50", "p90", "mean"]
    assert ["job_family", "administration", "Administration og IT", "", "hidden"] in [
        row[:5] for row in rows
    ]
    measures = {row[4] for row in rows[1:] if row[0] == "total"}
    assert measures == {
        "headcount",
        "fte",
        "retirements",
        "other_exits",
        "exits",
        "recruitment",
        "demand",
    }


def test_project_by_scenario_name(api_get, staff):
    found = api_get("hr", "/workforce/project", runs=100, to=2030, scenario=staff.name)
    assert found.json()["scenario"]["name"] == staff.name
    missing = api_get("hr", "/workforce/project", runs=100, scenario="Findes ikke")
    assert missing.status_code == 404


@pytest.mark.parametrize(
    "params",
    [
        {"to": timezone.localdate().year},  # the plan starts next year
        {"runs": 99},
        {"runs": 5001},
        {"format": "xlsx"},
        {"seed": -1},
    ],
)
def test_project_bad_parameters_are_422(api_get, staff, params):
    assert api_get("hr", "/workforce/project", **params).status_code == 422


def test_model(api_get, staff):
    response = api_get("manager", "/workforce/model")
    assert response.status_code == 200
    data = response.json()
    this_year = timezone.localdate().year
    assert data["fitted_on"] == list(range(this_year - 6, this_year))
    test = data["backtest"]
    assert test["years"] == [this_year - 3, this_year - 2, this_year - 1]
    assert [y["year"] for y in test["per_year"]] == test["years"]
    for key in ("model_error", "model_total_error", "baseline_error", "baseline_total_error"):
        assert test[key] >= 0


def test_the_schema_documents_the_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    project = paths["/api/v1/workforce/project"]["get"]
    assert set(project["responses"]["200"]["content"]) == {"application/json", "text/csv"}
    for path in ("pension-age", "scenarios", "model"):
        assert "403" in paths[f"/api/v1/workforce/{path}"]["get"]["responses"]
