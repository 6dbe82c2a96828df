"""Who may open each URL of learning, and which of its URLs must write the audit log.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` (every URL needs a
case) and ``charlie/privacy/tests/test_every_personal_data_url.py``. The test organisation
(``org``) and the users (``users``, one per role) are the people core's fixtures. Each part adds
its own block below.
"""

from __future__ import annotations

from datetime import date  # part "elearning"

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


# --- Part "elearning": built-in modules (taking, certificates, HR's editor) ------------------


def _test_module(org):
    """A published module with two lessons, a question, an image and its course (idempotent)."""
    from charlie.learning.models import Choice, Lesson, Module, ModuleImage, Question
    from charlie.learning.services.modules import sync_course

    found = Module.objects.filter(title="Testmodul til adgang").first()
    if found:
        return found
    module = Module.objects.create(title="Testmodul til adgang", published=True, valid_months=12)
    Lesson.objects.create(module=module, position=1, title="Første", body="# Første\n\nTekst")
    Lesson.objects.create(module=module, position=2, title="Anden", body="Mere tekst")
    question = Question.objects.create(module=module, position=1, text="Rigtigt?")
    Choice.objects.create(question=question, position=1, text="Ja", correct=True)
    Choice.objects.create(question=question, position=2, text="Nej", correct=False)
    ModuleImage.objects.create(
        module=module,
        content=b"\x89PNG\r\n\x1a\n",
        content_type="image/png",
        alt="Et billede",
    )
    sync_course(module)
    return module


def _passed(org, person):
    """A passed attempt of ``person`` with its completion and certificate (idempotent)."""
    from charlie.learning.models import Attempt, Certificate, Completion

    module = _test_module(org)
    attempt = Attempt.objects.filter(person=person, module=module).first()
    if attempt is None:
        attempt = Attempt.objects.create(person=person, module=module, score=100, passed=True)
        completion = Completion.objects.create(
            person=person,
            course=module.course,
            completed_on=date(2026, 3, 3),
            result="passed",
            source="module",
            external_id=f"attempt:{attempt.pk}",
        )
        Certificate.objects.create(
            completion=completion,
            attempt=attempt,
            code=f"TEST-{attempt.pk}",
            issued_on=date(2026, 3, 3),
        )
    return attempt


def _module_kwargs(org):
    return {"module_id": _test_module(org).pk}


def _lesson_kwargs(org):
    return {"module_id": _test_module(org).pk, "number": 1}


def _attempt_kwargs(org):
    return {"attempt_id": _passed(org, org.person_in_nord).pk}


def _nord_certificate(org):
    return {"certificate_id": _passed(org, org.person_in_nord).certificate.pk}


def _skole_certificate(org):
    return {"certificate_id": _passed(org, org.person_in_skole).certificate.pk}


def _image_kwargs(org):
    module = _test_module(org)
    return {"module_id": module.pk, "image_id": module.images.get().pk}


def _editor_lesson(org):
    module = _test_module(org)
    return {"module_id": module.pk, "lesson_id": module.lessons.get(position=1).pk}


def _editor_question(org):
    module = _test_module(org)
    return {"module_id": module.pk, "question_id": module.questions.get().pk}


#: Taking a module: every role reads the published modules (no person: the empty state);
#: only a person saves progress; attempts are the person's own; a certificate is the person's
#: own, or HR's and the manager's within scope (404 for everyone else).
PERMISSION_CASES += [
    Case("learning:modules", expect(200, anonymous=LOGIN_REQUIRED)),
    Case("learning:module", expect(200, anonymous=LOGIN_REQUIRED), kwargs=_module_kwargs),
    Case("learning:module_lesson", expect(200, anonymous=LOGIN_REQUIRED), kwargs=_lesson_kwargs),
    Case(
        "learning:module_lesson",
        expect(404, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302),
        method="post",
        kwargs=_lesson_kwargs,
        data={"go": "next"},
        label="saving progress needs a person record",
    ),
    Case("learning:module_quiz", expect(200, anonymous=LOGIN_REQUIRED), kwargs=_module_kwargs),
    Case(
        "learning:module_attempt",
        expect(404, anonymous=LOGIN_REQUIRED, employee=200),
        kwargs=_attempt_kwargs,
        label="the employee's own attempt",
    ),
    Case(
        "learning:module_certificate",
        expect(404, anonymous=LOGIN_REQUIRED, employee=200, manager=200, hr=200),
        kwargs=_nord_certificate,
        label="the employee's certificate",
    ),
    Case(
        "learning:module_certificate",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_skole_certificate,
        label="a certificate outside the manager's units",
    ),
    Case("learning:module_image", expect(200, anonymous=LOGIN_REQUIRED), kwargs=_image_kwargs),
    # HR's editor (MANAGE_CATALOGUE).
    Case("learning:module_editor", expect(403, anonymous=LOGIN_REQUIRED, hr=200)),
    Case(
        "learning:module_edit", expect(403, anonymous=LOGIN_REQUIRED, hr=200), kwargs=_module_kwargs
    ),
    Case(
        "learning:module_lesson_new",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_module_kwargs,
    ),
    Case(
        "learning:module_lesson_edit",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_editor_lesson,
    ),
    Case(
        "learning:module_question_new",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_module_kwargs,
    ),
    Case(
        "learning:module_question_edit",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_editor_question,
    ),
    Case(
        "learning:module_images",
        expect(403, anonymous=LOGIN_REQUIRED, hr=400),
        method="post",
        kwargs=_module_kwargs,
        data={"action": "upload", "alt": "Uden fil"},
        label="an upload without a file",
    ),
]

PERSONAL_DATA_VISITS += [
    Visit("learning:modules", "employee", own("employee"), "uddannelse", "egen_indsigt"),
    Visit(
        "learning:module",
        "employee",
        own("employee"),
        "uddannelse",
        "egen_indsigt",
        kwargs=_module_kwargs,
    ),
    Visit(
        "learning:module_lesson",
        "employee",
        own("employee"),
        "uddannelse",
        "egen_indsigt",
        kwargs=_lesson_kwargs,
    ),
    Visit(
        "learning:module_quiz",
        "employee",
        own("employee"),
        "uddannelse",
        "egen_indsigt",
        kwargs=_module_kwargs,
    ),
    Visit(
        "learning:module_attempt",
        "employee",
        own("employee"),
        "uddannelse",
        "egen_indsigt",
        kwargs=_attempt_kwargs,
    ),
    Visit(
        "learning:module_certificate",
        "employee",
        own("employee"),
        "uddannelse",
        "egen_indsigt",
        kwargs=_nord_certificate,
    ),
    Visit(
        "learning:module_certificate",
        "manager",
        nord,
        "uddannelse",
        "uddannelse",
        kwargs=_nord_certificate,
    ),
    Visit(
        "learning:module_certificate",
        "hr",
        skole,
        "uddannelse",
        "uddannelse",
        kwargs=_skole_certificate,
    ),
]

PERSONAL_DATA_URL_NAMES |= {
    "learning:modules",
    "learning:module",
    "learning:module_lesson",
    "learning:module_quiz",
    "learning:module_attempt",
    "learning:module_certificate",
}


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
