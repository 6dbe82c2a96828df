"""Who may open each URL of learning, and which of its URLs must write the audit log.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` (every URL needs a
case) and ``charlie/privacy/tests/test_every_personal_data_url.py``. The test organisation
(``org``) and the users (``users``, one per role) are the people core's fixtures. Each part adds
its own block below.
"""

from __future__ import annotations

from charlie.core.testing.cases import (
    LOGIN_REQUIRED,
    NORD,
    Case,
    Visit,
    expect,
    nord,
    own,
    skole,
)

PERMISSION_CASES: list[Case] = [
    # One's own learning: everyone (users without a person record get the empty state).
    Case("learning:mine", expect(200, anonymous=LOGIN_REQUIRED)),
    # Another person's learning: HR, and the manager within their units; 404 outside the scope.
    Case(
        "learning:person",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=NORD["person_id"],
        label="a person in the manager's unit",
    ),
    Case(
        "learning:person",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="a person outside the manager's unit",
    ),
]

PERSONAL_DATA_VISITS: list[Visit] = [
    Visit("learning:mine", "employee", own("employee"), "uddannelse", "egen_indsigt"),
    Visit("learning:person", "manager", nord, "uddannelse", "uddannelse", kwargs=NORD["person_id"]),
    Visit(
        "learning:person",
        "hr",
        skole,
        "uddannelse",
        "uddannelse",
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
    ),
]

#: The URLs that show personal data: each has a visit above.
PERSONAL_DATA_URL_NAMES = {"learning:mine", "learning:person"}


# --- records: the completions file, unusable xAPI statements, xAPI clients, the endpoint --------


def _a_client(org):  # type: ignore[no-untyped-def]
    from charlie.learning.models import XapiClient

    client, _created = XapiClient.objects.get_or_create(
        name="Kommunens LMS", defaults={"prefix": "abcdefgh", "key_hash": "0" * 64}
    )
    return {"client_id": client.pk}


def _unusable_statement_about_nord(org):  # type: ignore[no-untyped-def]
    import uuid

    from charlie.learning.models import StatementStatus, XapiStatement

    XapiStatement.objects.get_or_create(
        statement_id=uuid.UUID("6f1c2a1e-0000-4000-8000-000000000001"),
        defaults={
            "verb": "http://adlnet.gov/expapi/verbs/completed",
            "actor": f"account:{org.person_in_nord.employee_number}",
            "activity": "https://lms.example/ukendt",
            "status": StatementStatus.UNKNOWN_COURSE,
            "raw": {},
        },
    )
    return {}


PERMISSION_CASES += [
    # The completions file: HR only.
    Case("learning:import_completions", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    Case(
        "learning:import_completions",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        method="post",
        label="no file: the form's error",
    ),
    # Statements that named an unknown person or course: HR only.
    Case("learning:xapi_unmatched", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    # Learning systems' tokens (configuration): HR and the administrator.
    Case("learning:xapi_clients", expect(403, anonymous=LOGIN_REQUIRED, hr=200, admin=200)),
    Case(
        "learning:xapi_revoke",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302, admin=302),
        method="post",
        kwargs=_a_client,
    ),
    # The xAPI endpoint takes a learning system's token, never a session: 401 for everyone
    # here (test_records_xapi.py posts with a token).
    Case("xapi:statements", expect(401), method="post"),
    Case("xapi:about", expect(200)),
]

PERSONAL_DATA_VISITS += [
    Visit(
        "learning:xapi_unmatched",
        "hr",
        nord,
        "uddannelse",
        "uddannelse",
        kwargs=_unusable_statement_about_nord,
    ),
]

PERSONAL_DATA_URL_NAMES |= {"learning:xapi_unmatched"}

# records: one person's completions through the API (HR; a manager within their units).
PERMISSION_CASES += [
    Case(
        "api:learning_completions",
        expect(403, anonymous=401, manager=200, hr=200),
        kwargs=lambda org: {"employee": org.person_in_nord.employee_number},
        label="a person in the manager's unit",
    ),
    Case(
        "api:learning_completions",
        expect(403, anonymous=401, manager=404, hr=200),
        kwargs=lambda org: {"employee": org.person_in_skole.employee_number},
        label="a person outside the manager's unit",
    ),
]
PERSONAL_DATA_VISITS += [
    Visit(
        "api:learning_completions",
        "manager",
        nord,
        "uddannelse",
        "uddannelse",
        channel="api",
        kwargs=lambda org: {"employee": org.person_in_nord.employee_number},
    ),
]
PERSONAL_DATA_URL_NAMES |= {"api:learning_completions"}
