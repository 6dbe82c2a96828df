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

# --- catalogue part: the catalogue, sessions, enrolment, approvals, attendance ----------------


def _catalogue(org: object) -> dict[str, object]:
    """A course "foerstehjaelp" with one session in a month (deadline in two weeks), organised
    by the manager's account, and the employee's (Nord) request on it; idempotent."""
    from datetime import timedelta

    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from charlie.learning.models import Course, Enrolment, EnrolmentStatus, Session

    course, _ = Course.objects.get_or_create(
        code="foerstehjaelp",
        defaults={"title": "Førstehjælp", "format": "classroom", "price": 0},
    )
    starts = timezone.now() + timedelta(days=30)
    session = Session.objects.filter(course=course).first() or Session.objects.create(
        course=course,
        starts_at=starts,
        ends_at=starts + timedelta(hours=6),
        seats=10,
        registration_deadline=(starts - timedelta(days=16)).date(),
        organiser=get_user_model().objects.filter(username="test-manager").first(),
    )
    nord_row, _ = Enrolment.objects.get_or_create(
        person=org.person_in_nord,  # type: ignore[attr-defined]
        session=session,
        defaults={"status": EnrolmentStatus.REQUESTED},
    )
    skole_row, _ = Enrolment.objects.get_or_create(
        person=org.person_in_skole,  # type: ignore[attr-defined]
        session=session,
        defaults={"status": EnrolmentStatus.REQUESTED},
    )
    return {"course": course, "session": session, "nord": nord_row, "skole": skole_row}


def _code(org: object) -> dict[str, object]:
    return {"code": _catalogue(org)["course"].code}  # type: ignore[attr-defined]


def _session(org: object) -> dict[str, object]:
    return {"session_id": _catalogue(org)["session"].pk}  # type: ignore[attr-defined]


def _nord_enrolment(org: object) -> dict[str, object]:
    return {"enrolment_id": _catalogue(org)["nord"].pk}  # type: ignore[attr-defined]


def _skole_enrolment(org: object) -> dict[str, object]:
    return {"enrolment_id": _catalogue(org)["skole"].pk}  # type: ignore[attr-defined]


def _seated(org: object) -> dict[str, object]:
    """The session with the employee (Nord) enrolled."""
    found = _catalogue(org)
    found["nord"].status = "enrolled"  # type: ignore[attr-defined]
    found["nord"].save()  # type: ignore[attr-defined]
    return {"session_id": found["session"].pk}  # type: ignore[attr-defined]


def _with_requests(org: object) -> dict[str, object]:
    _catalogue(org)
    return {}


_EVERYONE = expect(200, anonymous=LOGIN_REQUIRED)
_HR_ONLY = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_HR_POST = expect(403, anonymous=LOGIN_REQUIRED, hr=302)

PERMISSION_CASES += [
    Case("learning:catalogue", _EVERYONE),
    Case("learning:course", _EVERYONE, kwargs=_code),
    Case("learning:session_ical", _EVERYONE, kwargs=_session),
    Case("learning:course_new", _HR_ONLY),
    Case("learning:course_edit", _HR_ONLY, kwargs=_code),
    Case("learning:course_skills", _HR_POST, method="post", kwargs=_code, data={"remove": "1"}),
    Case("learning:session_new", _HR_ONLY, kwargs=_code),
    Case("learning:session_edit", _HR_ONLY, kwargs=_session),
    Case("learning:session_cancel", _HR_POST, method="post", kwargs=_session),
    # Asking to join needs a person record (the analyst, DPO and admin have none).
    Case(
        "learning:session_join",
        expect(403, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
        method="post",
        kwargs=_session,
    ),
    # Enrolling someone directly (by employee number): the manager (Nord) and HR; the
    # an unknown number gives a message on the course page.
    Case(
        "learning:session_enrol",
        expect(403, anonymous=LOGIN_REQUIRED, manager=302, hr=302),
        method="post",
        kwargs=_session,
        data={"employee_number": "findes-ikke"},
    ),
    # The participant list: HR, and the session's organiser (here the manager's account).
    Case(
        "learning:session_participants",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=_session,
    ),
    Case(
        "learning:enrolment_approvals",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=_with_requests,
    ),
    # Approving, rejecting: the manager of Nord and HR (the second finds it decided: a message).
    Case(
        "learning:enrolment_approve",
        expect(403, anonymous=LOGIN_REQUIRED, manager=302, hr=302),
        method="post",
        kwargs=_nord_enrolment,
        label="a request from the manager's unit",
    ),
    Case(
        "learning:enrolment_approve",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=302),
        method="post",
        kwargs=_skole_enrolment,
        label="a request outside the manager's unit",
    ),
    Case(
        "learning:enrolment_reject",
        expect(403, anonymous=LOGIN_REQUIRED, manager=302, hr=302),
        method="post",
        kwargs=_nord_enrolment,
        data={"reason": "Holdet er for fagligt avanceret"},
    ),
    # Cancelling: the person themself (the employee in Nord), their manager and HR.
    Case(
        "learning:enrolment_cancel",
        expect(403, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
        method="post",
        kwargs=_nord_enrolment,
    ),
]

PERSONAL_DATA_VISITS += [
    Visit(
        "learning:enrolment_approvals",
        "manager",
        nord,
        "uddannelse",
        "uddannelse",
        kwargs=_with_requests,
    ),
    Visit(
        "learning:session_participants",
        "hr",
        nord,
        "uddannelse",
        "uddannelse",
        kwargs=_seated,
    ),
]

PERSONAL_DATA_URL_NAMES |= {"learning:enrolment_approvals", "learning:session_participants"}

# The catalogue's API: every role; 401 without credentials.
PERMISSION_CASES += [
    Case("api:learning_courses", expect(200, anonymous=401)),
    Case("api:learning_course", expect(200, anonymous=401), kwargs=_code),
]
