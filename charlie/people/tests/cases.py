"""Who may open each URL of people, and which of its URLs must write the audit log:
the people pages, the front page and the people API.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` and
``charlie/privacy/tests/test_every_personal_data_url.py``.
"""

from __future__ import annotations

from charlie.core.testing.cases import (
    LOGIN_REQUIRED,
    NORD,
    SKOLE_NUMBER,
    Case,
    Visit,
    expect,
    nord,
    own,
    skole,
)

PERMISSION_CASES: list[Case] = [
    Case("home", expect(200, anonymous=LOGIN_REQUIRED)),
    Case("people:search", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200)),
    Case(
        "people:me",
        expect(404, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
    ),
    Case("people:org_tree", expect(200, anonymous=LOGIN_REQUIRED)),
    Case(
        "people:detail",
        expect(404, anonymous=LOGIN_REQUIRED, employee=200, manager=200, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
        label="a person in the manager's unit (the employee's own record)",
    ),
    Case(
        "people:detail",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="a person outside the manager's unit",
    ),
    Case(
        "people:detail",
        expect(404, anonymous=LOGIN_REQUIRED),
        kwargs=lambda org: {"person_id": 987654321},
        label="a person who does not exist",
    ),
    Case(
        "people:employment_notice",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=lambda org: {"employment_id": org.person_in_skole.employments.first().pk},
        label="HR records the notice date (opsagt den)",
    ),
    Case(
        "people:employment_notice",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        data={"notice_date": ""},
        kwargs=lambda org: {"employment_id": org.person_in_skole.employments.first().pk},
        label="HR saves it",
    ),
    Case(
        "people:employment_notice",
        expect(403, anonymous=LOGIN_REQUIRED, hr=404),
        kwargs=lambda org: {"employment_id": 987654321},
        label="an employment that does not exist",
    ),
    Case(
        "people:search",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=lambda org: {},
        data={"enhed": "1", "status": "all", "sortering": "-navn", "side": "2"},
        label="filtered, sorted, a page on",
    ),
    Case(
        "people:edit",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
        label="a person in the manager's unit",
    ),
    Case(
        "people:edit",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="a person outside the manager's unit",
    ),
    Case(
        "people:edit",
        expect(403, anonymous=LOGIN_REQUIRED, hr=404),
        kwargs=lambda org: {"person_id": 987654321},
        label="a person who does not exist",
    ),
    Case(
        "people:edit",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        data={"first_name": "Jens", "last_name": "Hansen", "email": "", "phone": "1"},
        label="the correction itself",
    ),
    Case("api:org_units", expect(200, anonymous=401)),
    Case("api:org_unit", expect(200, anonymous=401), kwargs=lambda org: {"unit_id": org.nord.pk}),
    Case("api:people", expect(403, anonymous=401, manager=200, hr=200)),
    Case("api:employments", expect(403, anonymous=401, manager=200, hr=200)),
    Case(
        "api:person",
        expect(404, anonymous=401, employee=200, manager=200, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
        label="in the manager's unit",
    ),
    Case(
        "api:person",
        expect(404, anonymous=401, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="outside it",
    ),
    Case(
        "api:person_employments",
        expect(404, anonymous=401, employee=200, manager=200, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_nord.pk},
    ),
]

PERSONAL_DATA_VISITS: list[Visit] = [
    # People pages
    Visit(
        "people:detail",
        "hr",
        skole,
        "stamdata",
        "hr_administration",
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
    ),
    Visit(
        "people:detail",
        "hr",
        skole,
        "ansaettelse",
        "hr_administration",
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="employments",
    ),
    Visit(
        "people:detail", "manager", nord, "stamdata", "personaleledelse", kwargs=NORD["person_id"]
    ),
    Visit(
        "people:detail",
        "employee",
        own("employee"),
        "stamdata",
        "egen_indsigt",
        kwargs=NORD["person_id"],
        label="own record",
    ),
    Visit("people:search", "hr", skole, "stamdata", "hr_administration", params=SKOLE_NUMBER),
    Visit(
        "people:search",
        "hr",
        skole,
        "stamdata",
        "hr_administration",
        params=SKOLE_NUMBER,
        headers={"HX-Request": "true"},
        label="htmx partial",
    ),
    Visit(
        "people:search",
        "manager",
        nord,
        "stamdata",
        "personaleledelse",
        params=lambda org: {"q": org.person_in_nord.last_name},
    ),
    Visit(
        "people:employment_notice",
        "hr",
        skole,
        "ansaettelse",
        "hr_administration",
        kwargs=lambda org: {"employment_id": org.person_in_skole.employments.first().pk},
    ),
    Visit(
        "people:detail",
        "manager",
        nord,
        "fravaer",
        "personaleledelse",
        kwargs=NORD["person_id"],
        label="the absence section of the overview",
    ),
    Visit(
        "people:detail",
        "hr",
        skole,
        "fravaer",
        "hr_administration",
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="the absence section of the overview",
    ),
    Visit(
        "people:search",
        "hr",
        skole,
        "ansaettelse",
        "hr_administration",
        params=SKOLE_NUMBER,
        label="the employment beside the name",
    ),
    Visit(
        "people:edit",
        "hr",
        skole,
        "stamdata",
        "hr_administration",
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
    ),
    # Front pages
    Visit("home", "manager", nord, "ansaettelse", "personaleledelse", label="my units"),
    Visit("home", "manager", own("manager"), "ansaettelse", "egen_indsigt", label="own"),
    Visit("home", "hr", own("hr"), "ansaettelse", "egen_indsigt"),
    Visit("home", "employee", own("employee"), "ansaettelse", "egen_indsigt"),
    # The API
    Visit(
        "api:person",
        "hr",
        skole,
        "stamdata",
        "hr_administration",
        channel="api",
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
    ),
    Visit(
        "api:person",
        "employee",
        own("employee"),
        "stamdata",
        "egen_indsigt",
        channel="api",
        kwargs=NORD["person_id"],
    ),
    Visit(
        "api:person_employments",
        "manager",
        nord,
        "ansaettelse",
        "personaleledelse",
        channel="api",
        kwargs=NORD["person_id"],
    ),
    Visit(
        "api:people",
        "hr",
        skole,
        "stamdata",
        "hr_administration",
        channel="api",
        params=SKOLE_NUMBER,
    ),
    Visit("api:people", "manager", nord, "stamdata", "personaleledelse", channel="api"),
    Visit(
        "api:employments",
        "hr",
        skole,
        "ansaettelse",
        "hr_administration",
        channel="api",
        params=lambda org: {"org_unit": org.skole.pk},
    ),
    Visit("api:employments", "manager", nord, "ansaettelse", "personaleledelse", channel="api"),
]

#: The URLs that show personal data: each has a visit above.
PERSONAL_DATA_URL_NAMES = {
    "home",
    "people:detail",
    "people:search",
    "people:employment_notice",
    "people:edit",
    "api:person",
    "api:person_employments",
    "api:people",
    "api:employments",
}
