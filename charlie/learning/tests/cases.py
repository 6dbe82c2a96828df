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


# --- Part "compliance": mandatory training ----------------------------------------------------


def _everyone_rule(org: object) -> int:
    """A rule for everyone (first aid, once), made once per test: so the lists show people."""
    from charlie.learning.models import MandatoryRule
    from charlie.learning.tests.factories import CourseFactory

    rule = MandatoryRule.objects.filter(name="Førstehjælp (test)").first()
    if rule is None:
        rule = MandatoryRule.objects.create(name="Førstehjælp (test)", course=CourseFactory())
    return rule.pk


def _with_rule(org: object) -> dict[str, object]:
    _everyone_rule(org)
    return {}


def _skole_with_rule(org: object) -> dict[str, object]:
    _everyone_rule(org)
    return {"enhed": org.skole.pk}  # type: ignore[attr-defined]


_RULE = lambda org: {"rule_id": _everyone_rule(org)}  # noqa: E731

PERMISSION_CASES += [
    # Compliance of named people: HR everyone, the manager their units; nobody else.
    Case("learning:compliance", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200)),
    Case("learning:compliance_export", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200)),
    # The rules (no personal data): HR keeps the catalogue.
    Case("learning:rules", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    Case("learning:rule_new", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    Case("learning:rule_edit", expect(403, anonymous=LOGIN_REQUIRED, hr=200), kwargs=_RULE),
    Case(
        "learning:rule_edit",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        method="post",
        kwargs=_RULE,
        data={"name": "", "grace_days": "90"},
        label="an invalid rule is shown again with its errors",
    ),
    # Figures for groups (no names): analysts, HR and managers.
    Case(
        "learning:figures_compliance",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
        data={"krav": ""},
    ),
    # The API: the same rows as the CLI, for HR and managers in scope.
    Case("api:learning_compliance", expect(403, anonymous=401, manager=200, hr=200)),
]

PERSONAL_DATA_VISITS += [
    Visit("learning:compliance", "manager", nord, "uddannelse", "uddannelse", params=_with_rule),
    Visit("learning:compliance", "hr", skole, "uddannelse", "uddannelse", params=_skole_with_rule),
    Visit(
        "learning:compliance_export", "manager", nord, "uddannelse", "uddannelse", params=_with_rule
    ),
    Visit(
        "api:learning_compliance",
        "manager",
        nord,
        "uddannelse",
        "uddannelse",
        channel="api",
        params=_with_rule,
    ),
]

PERSONAL_DATA_URL_NAMES |= {
    "learning:compliance",
    "learning:compliance_export",
    "api:learning_compliance",
}

# --- Part "figures": learning figures per unit, job family and year (no names) ---
PERMISSION_CASES += [
    Case(
        "learning:figures",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
    ),
    Case(
        "learning:figures",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=404, analyst=404),
        data={"aar": "1999"},
        label="a year outside the choice",
    ),
    Case(
        "learning:figures_export",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
    ),
]
