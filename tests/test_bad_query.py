"""Bad input in a query string is a 400 with a Danish message, never a 500.

``/workforce/plan.xlsx?to=abc`` answered 500: the view raised ``ValidationFailed`` and nothing
turned it into an answer. The fix is in one place (``ValidationFailed`` is a ``BadRequest``; the
400 page is ``core.views_errors.bad_request``) and free text is read through one reader
(``core.query.query_text``). The walk below sends junk in every query parameter a view reads to
every GET URL of ``tests/test_permissions.py``, as a role that may see it.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from tests.test_permissions import CASES

#: Every query parameter a view or an API endpoint of Charlie reads.
PARAMETERS = (
    "a", "b", "by", "category", "date_from", "date_to", "employee_number", "end", "format",
    "from", "levels", "limit", "long", "long_after", "medarbejdernummer", "next", "offset", "on",
    "org_unit", "page", "q", "runs", "scenario", "seed", "side", "start", "to", "token",
    "username", "year",
)  # fmt: skip
JUNK = (
    "abc",
    "\x00",
    "-1",
    "99999999999999999999",
    "1e400",
    "0001-01-01",
    "9999-12-31",
    "2024-02-30",
    "x" * 5000,
)
#: Slow pages that read no query string (a PDF takes seconds to render nine times).
READS_NO_QUERY = {"privacy:my_data_pdf"}


def _role_that_may_open(case) -> str | None:
    return next(
        (r for r, status in case.expected.items() if r != "anonymous" and status in (200, 400)),
        None,
    )


GET_CASES = [
    case
    for case in CASES
    if case.method == "get" and case.url_name not in READS_NO_QUERY and _role_that_may_open(case)
]


@pytest.fixture
def scenario(org, users):
    """A workforce scenario, so the plan pages parse their parameters instead of answering 404."""
    from charlie.workforce import services

    return services.create_illustrative_scenario()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "case", GET_CASES, ids=lambda c: c.url_name + (f" ({c.label})" if c.label else "")
)
def test_junk_in_the_query_string_is_never_a_server_error(case, org, users, scenario):
    role = _role_that_may_open(case)
    client = Client(raise_request_exception=False)
    client.force_login(users[role])
    url = reverse(case.url_name, kwargs=case.kwargs(org))
    failures = []
    for junk in JUNK:
        response = client.get(url, {**(case.data or {}), **dict.fromkeys(PARAMETERS, junk)})
        if response.status_code >= 500:
            failures.append((junk[:20], response.status_code))
    assert not failures, f"{url} as {role}: {failures}"


# --- The cases the penetration test found --------------------------------------------------------


@pytest.mark.django_db
def test_plan_xlsx_with_a_bad_year_is_400_with_a_danish_message(client_as, scenario):
    response = client_as("hr").get(reverse("workforce:plan_xlsx"), {"to": "abc"})
    assert response.status_code == 400
    text = response.content.decode()
    assert "Forespørgslen kan ikke bruges" in text
    assert "Vælg et gyldigt valg" in text or "gyldig" in text


@pytest.mark.django_db
def test_a_control_character_in_an_employee_number_is_dropped_not_a_500(client_as, org):
    """A NUL byte reached PostgreSQL ("cannot contain NUL characters") from the pension look-up;
    free text is now read through ``core.query.query_text``, like the search always did."""
    client = client_as("hr")
    url = reverse("workforce:pension_lookup")
    number = org.person_in_skole.employee_number
    response = client.get(url, {"medarbejdernummer": f"{number}\x00"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"/medarbejder/{org.person_in_skole.pk}/pension/")
    assert client.get(url, {"medarbejdernummer": "\x00"}).status_code == 302


@pytest.mark.django_db
def test_an_ordinary_search_still_works(client_as, org):
    response = client_as("hr").get(
        reverse("people:search"), {"q": f"  {org.person_in_skole.last_name} "}
    )
    assert response.status_code == 200
    assert response.context["query"] == org.person_in_skole.last_name
