"""Who may open each URL of skills, and which of its URLs must write the audit log.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` (every URL needs a
case) and ``charlie/privacy/tests/test_every_personal_data_url.py``. The test organisation
(``org``) and the users (``users``, one per role) are the people core's fixtures.
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
    # One's own skills: everyone (users without a person record get the empty state).
    Case("skills:mine", expect(200, anonymous=LOGIN_REQUIRED)),
    # Another person's skills: HR, and the manager within their units; 404 outside the scope.
    Case(
        "skills:person",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=NORD["person_id"],
        label="a person in the manager's unit",
    ),
    Case(
        "skills:person",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
        label="a person outside the manager's unit",
    ),
]

PERSONAL_DATA_VISITS: list[Visit] = [
    Visit("skills:mine", "employee", own("employee"), "kompetencer", "egen_indsigt"),
    Visit(
        "skills:person",
        "manager",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=NORD["person_id"],
    ),
    Visit(
        "skills:person",
        "hr",
        skole,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=lambda org: {"person_id": org.person_in_skole.pk},
    ),
]

#: The URLs that show personal data: each has a visit above.
PERSONAL_DATA_URL_NAMES = {"skills:mine", "skills:person"}

# --- Part "mus": MUS, development plans, the road map ---------------------------------------


def _mus(person_attr: str):
    """URL kwargs: a planned MUS of the org's person (made once, idempotent)."""

    def build(org):
        import datetime as dt

        from charlie.skills.models import MusMeeting

        person = getattr(org, person_attr)
        meeting, _created = MusMeeting.objects.get_or_create(
            person=person, defaults={"due_on": dt.date(2026, 12, 1)}
        )
        return {"mus_id": meeting.pk}

    return build


def _plan(person_attr: str):
    def build(org):
        import datetime as dt

        from charlie.skills.models import DevelopmentPlan

        person = getattr(org, person_attr)
        plan, _created = DevelopmentPlan.objects.get_or_create(
            person=person,
            defaults={"valid_from": dt.date(2026, 1, 1), "valid_to": dt.date(2026, 12, 31)},
        )
        return {"plan_id": plan.pk}

    return build


_SKOLE = lambda org: {"person_id": org.person_in_skole.pk}  # noqa: E731
#: Users without a person record have no MUS, plan or road map of their own: 404.
_OWN_ONLY = expect(404, anonymous=LOGIN_REQUIRED, employee=200, manager=200, hr=200)
#: The employee's own (the employee is the person in Nord), the manager in scope, HR.
_NORD_PERSONAL = expect(403, anonymous=LOGIN_REQUIRED, employee=200, manager=200, hr=200)
_SKOLE_PERSONAL = expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200)

PERMISSION_CASES += [
    Case("skills:mus_list", expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200)),
    Case("skills:mus_schedule", expect(405, anonymous=LOGIN_REQUIRED), label="GET"),
    Case(
        "skills:mus_schedule",
        expect(403, anonymous=LOGIN_REQUIRED, manager=302, hr=302),
        method="post",
        data={"alle": "1"},
        label="plan MUS for everyone due",
    ),
    Case("skills:mus_mine", expect(200, anonymous=LOGIN_REQUIRED)),
    Case(
        "skills:mus_figures",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
    ),
    Case("skills:mus_detail", _NORD_PERSONAL, kwargs=_mus("person_in_nord"), label="own / in unit"),
    Case("skills:mus_detail", _SKOLE_PERSONAL, kwargs=_mus("person_in_skole"), label="outside"),
    Case(
        "skills:mus_detail",
        expect(403, anonymous=LOGIN_REQUIRED, employee=302),
        kwargs=_mus("person_in_nord"),
        method="post",
        data={"handling": "forberedelse", "employee_preparation": "Mine tanker"},
        label="only the employee writes their preparation",
    ),
    Case("skills:plan_detail", _NORD_PERSONAL, kwargs=_plan("person_in_nord"), label="in unit"),
    Case("skills:plan_detail", _SKOLE_PERSONAL, kwargs=_plan("person_in_skole"), label="outside"),
    Case("skills:roadmap_mine", _OWN_ONLY),
    Case("skills:roadmap_pdf_mine", _OWN_ONLY),
    Case("skills:roadmap_person", _NORD_PERSONAL, kwargs=NORD["person_id"], label="in unit"),
    Case("skills:roadmap_person", _SKOLE_PERSONAL, kwargs=_SKOLE, label="outside"),
    Case("skills:roadmap_pdf_person", _NORD_PERSONAL, kwargs=NORD["person_id"], label="in unit"),
    Case("skills:roadmap_pdf_person", _SKOLE_PERSONAL, kwargs=_SKOLE, label="outside"),
    Case(
        "skills:activities",
        expect(200, anonymous=LOGIN_REQUIRED, dpo=403, admin=403),
    ),
    Case(
        "skills:activities",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400),
        method="post",
        data={"title": ""},
        label="only HR adds (an empty form: 400)",
    ),
]

PERSONAL_DATA_VISITS += [
    Visit("skills:mus_list", "manager", nord, "kompetencer", "kompetenceudvikling"),
    Visit("skills:mus_mine", "employee", own("employee"), "kompetencer", "egen_indsigt"),
    Visit(
        "skills:mus_detail",
        "employee",
        own("employee"),
        "kompetencer",
        "egen_indsigt",
        kwargs=_mus("person_in_nord"),
    ),
    Visit(
        "skills:mus_detail",
        "manager",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=_mus("person_in_nord"),
    ),
    Visit(
        "skills:plan_detail",
        "manager",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=_plan("person_in_nord"),
    ),
    Visit("skills:roadmap_mine", "employee", own("employee"), "kompetencer", "egen_indsigt"),
    Visit("skills:roadmap_pdf_mine", "employee", own("employee"), "kompetencer", "egen_indsigt"),
    Visit(
        "skills:roadmap_person",
        "manager",
        nord,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=NORD["person_id"],
    ),
    Visit(
        "skills:roadmap_pdf_person",
        "hr",
        skole,
        "kompetencer",
        "kompetenceudvikling",
        kwargs=_SKOLE,
    ),
]

PERSONAL_DATA_URL_NAMES |= {
    "skills:mus_list",
    "skills:mus_mine",
    "skills:mus_detail",
    "skills:plan_detail",
    "skills:roadmap_mine",
    "skills:roadmap_pdf_mine",
    "skills:roadmap_person",
    "skills:roadmap_pdf_person",
}
