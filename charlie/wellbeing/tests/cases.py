"""Who may open each URL of wellbeing, and which of its URLs must write the audit log.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` (every URL needs a
case) and ``charlie/privacy/tests/test_every_personal_data_url.py``. The test organisation
(``org``) and the users (``users``, one per role) are the people core's fixtures. Each part of
the app adds its block below.
"""

from __future__ import annotations

from charlie.core.testing.cases import Case, Visit

PERMISSION_CASES: list[Case] = []

PERSONAL_DATA_VISITS: list[Visit] = []

#: The URLs that show personal data: each has a visit above.
PERSONAL_DATA_URL_NAMES: set[str] = set()

# --- part questionnaires ---
# Question banks: HR only (MANAGE_SURVEYS). Questionnaires are not personal data, so none of
# these URLs writes the audit log. The case's version is a draft (editable) of the
# municipality's own questionnaire, with one dimension and one question.
from collections.abc import Callable  # noqa: E402

from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402

_Q_HR_ONLY = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_Q_HR_POSTS = expect(403, anonymous=LOGIN_REQUIRED, hr=302)


def _q_draft(org: object) -> dict[str, int]:
    """An editable version 1 of "cases-egen" with a dimension and a question (idempotent)."""
    from charlie.wellbeing.models import Dimension, Question, Questionnaire, QuestionnaireVersion

    questionnaire, _ = Questionnaire.objects.get_or_create(
        code="cases-egen", defaults={"name": "Kommunens eget", "kind": "other"}
    )
    version, _ = QuestionnaireVersion.objects.get_or_create(questionnaire=questionnaire, number=1)
    dimension, _ = Dimension.objects.get_or_create(
        version=version, code="samarbejde", defaults={"name": "Samarbejde"}
    )
    question, _ = Question.objects.get_or_create(
        version=version,
        code="samarbejde-1",
        defaults={
            "dimension": dimension,
            "text": "Hjælper I hinanden?",
            "kind": "likert",
            "options": [{"value": n, "label": f"{n}", "label_en": f"{n}"} for n in (1, 2, 3, 4, 5)],
        },
    )
    return {
        "questionnaire_id": questionnaire.pk,
        "version_id": version.pk,
        "dimension_id": dimension.pk,
        "question_id": question.pk,
    }


def _q_only(*names: str) -> Callable[[object], dict[str, int]]:
    return lambda org: {k: v for k, v in _q_draft(org).items() if k in names}


_Q_QUESTIONNAIRE = _q_only("questionnaire_id")
_Q_VERSION = _q_only("version_id")
_Q_DIMENSION = _q_only("version_id", "dimension_id")
_Q_QUESTION = _q_only("version_id", "question_id")

PERMISSION_CASES += [
    Case("wellbeing:questionnaires", _Q_HR_ONLY),
    Case("wellbeing:questionnaire_new", _Q_HR_ONLY),
    Case("wellbeing:questionnaire_import", _Q_HR_ONLY),
    Case("wellbeing:questionnaire", _Q_HR_ONLY, kwargs=_Q_QUESTIONNAIRE),
    Case(
        "wellbeing:questionnaire_version_new",
        _Q_HR_POSTS,
        method="post",
        kwargs=_Q_QUESTIONNAIRE,
    ),
    Case("wellbeing:questionnaire_version", _Q_HR_ONLY, kwargs=_Q_VERSION),
    Case("wellbeing:questionnaire_preview", _Q_HR_ONLY, kwargs=_Q_VERSION),
    Case(
        "wellbeing:questionnaire_export",
        _Q_HR_ONLY,
        kwargs=lambda org: {**_Q_VERSION(org), "file_format": "json"},
    ),
    Case("wellbeing:questionnaire_version_delete", _Q_HR_POSTS, method="post", kwargs=_Q_VERSION),
    Case("wellbeing:questionnaire_dimension_new", _Q_HR_ONLY, kwargs=_Q_VERSION),
    Case("wellbeing:questionnaire_dimension", _Q_HR_ONLY, kwargs=_Q_DIMENSION),
    Case(
        "wellbeing:questionnaire_dimension_remove",
        _Q_HR_POSTS,
        method="post",
        kwargs=_Q_DIMENSION,
    ),
    Case(
        "wellbeing:questionnaire_dimension_move",
        _Q_HR_POSTS,
        method="post",
        kwargs=_Q_DIMENSION,
        data={"retning": "op"},
    ),
    Case("wellbeing:questionnaire_question_new", _Q_HR_ONLY, kwargs=_Q_VERSION),
    Case("wellbeing:questionnaire_question", _Q_HR_ONLY, kwargs=_Q_QUESTION),
    Case(
        "wellbeing:questionnaire_question_remove",
        _Q_HR_POSTS,
        method="post",
        kwargs=_Q_QUESTION,
    ),
    Case(
        "wellbeing:questionnaire_question_move",
        _Q_HR_POSTS,
        method="post",
        kwargs=_Q_QUESTION,
        data={"retning": "ned"},
    ),
]

# --- part apv ---
# The APV and action plans. MANAGE_APV: HR every unit, the manager Plejecenter Nord; anything
# outside is a 404. The written APV and the employees' plan: the unit's employees (the employee
# works in Nord), its managers and HR; a 404 for anyone else. The owners of actions are personal
# data: every page that shows them to someone writes the audit log (category and purpose
# "trivsel"). Steps that delete something are asked of Nørre Skole's APV, which only HR keeps.

from charlie.core.testing.cases import LOGIN_REQUIRED, expect, nord  # noqa: E402


def _apv_user(role: str):  # type: ignore[no-untyped-def]
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username=f"test-{role}")


def _apv_case(org, where: str = "nord", *, done: bool = False):  # type: ignore[no-untyped-def]
    """An APV of ``where`` (nord or skole) with a walkthrough point, a problem and two actions
    (owned by the employee and the manager in Nord; by HR in Skole); ``done``: completed a year
    ago. Idempotent."""
    import datetime as dt

    from django.utils import timezone

    from charlie.wellbeing.models import Action, Apv, ApvProblem, WalkthroughItem

    title = f"APV {where}{' afsluttet' if done else ''}"
    row = Apv.objects.filter(title=title).first()
    if row is not None:
        return row
    today = timezone.localdate()
    completed = today - dt.timedelta(days=365)
    row = Apv.objects.create(
        unit=getattr(org, where),
        title=title,
        started_on=completed - dt.timedelta(days=60) if done else today,
        step="done" if done else "mapping",
        completed_on=completed if done else None,
        next_due_on=completed.replace(year=completed.year + 3) if done else None,
        absence_period="2026-01-01/2026-12-31",
    )
    WalkthroughItem.objects.create(apv=row, area="Indeklima", text="Træk", order=1)
    problem = ApvProblem.objects.create(apv=row, title="Støj i fællesrummet", priority=1)
    owners = ("employee", "manager") if where == "nord" else ("hr",)
    for role in owners:
        Action.objects.create(
            unit=row.unit,
            apv=row,
            problem_ref=problem,
            problem="Støj",
            action=f"Lydplader ({role})",
            owner=_apv_user(role),
            deadline=today - dt.timedelta(days=3),
        )
    return row


def _apv_kwargs(where: str = "nord", *, done: bool = False):  # type: ignore[no-untyped-def]
    return lambda org: {"apv_id": _apv_case(org, where, done=done).pk}


def _apv_item_kwargs(where: str):  # type: ignore[no-untyped-def]
    def kwargs(org):  # type: ignore[no-untyped-def]
        row = _apv_case(org, where)
        return {"apv_id": row.pk, "item_id": row.items.first().pk}

    return kwargs


def _apv_problem_kwargs(where: str):  # type: ignore[no-untyped-def]
    def kwargs(org):  # type: ignore[no-untyped-def]
        row = _apv_case(org, where)
        return {"apv_id": row.pk, "problem_id": row.problems.first().pk}

    return kwargs


def _action_kwargs(where: str, owner: str):  # type: ignore[no-untyped-def]
    def kwargs(org):  # type: ignore[no-untyped-def]
        row = _apv_case(org, where)
        return {"action_id": row.actions.get(owner__username=f"test-{owner}").pk}

    return kwargs


_APV_STAFF = expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200)
_APV_STAFF_POST = expect(403, anonymous=LOGIN_REQUIRED, manager=302, hr=302)
_APV_HR_ONLY_IN_SKOLE = expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200)
_APV_HR_POST_IN_SKOLE = expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=302)
#: The written APV and an action: the unit's employee, its manager and HR; a 404 for others.
_APV_READERS = expect(404, anonymous=LOGIN_REQUIRED, employee=200, manager=200, hr=200)
_APV_READERS_SKOLE = expect(404, anonymous=LOGIN_REQUIRED, hr=200)

PERMISSION_CASES += [
    Case("wellbeing:apvs", _APV_STAFF),
    Case("wellbeing:apv_new", _APV_STAFF, label="the unit first"),
    Case("wellbeing:apv", _APV_STAFF, kwargs=_apv_kwargs()),
    Case("wellbeing:apv", _APV_HR_ONLY_IN_SKOLE, kwargs=_apv_kwargs("skole"), label="Skole"),
    Case(
        "wellbeing:apv_step",
        _APV_STAFF_POST,
        method="post",
        kwargs=_apv_kwargs(),
        data={"trin": "prioritising"},  # refused (nothing mapped): back to the page
    ),
    Case(
        "wellbeing:apv_step",
        _APV_HR_POST_IN_SKOLE,
        method="post",
        kwargs=_apv_kwargs("skole"),
        data={"trin": "prioritising"},
        label="Skole",
    ),
    Case("wellbeing:apv_mapping", _APV_STAFF, kwargs=_apv_kwargs()),
    Case(
        "wellbeing:apv_mapping", _APV_HR_ONLY_IN_SKOLE, kwargs=_apv_kwargs("skole"), label="Skole"
    ),
    Case("wellbeing:apv_absence", _APV_STAFF_POST, method="post", kwargs=_apv_kwargs()),
    Case(
        "wellbeing:apv_item_new",
        _APV_STAFF_POST,
        method="post",
        kwargs=_apv_kwargs(),
        data={"nyt-area": "Indeklima", "nyt-text": "Temperatur om sommeren"},
    ),
    Case(
        "wellbeing:apv_item_remove",
        _APV_HR_POST_IN_SKOLE,
        method="post",
        kwargs=_apv_item_kwargs("skole"),
    ),
    Case("wellbeing:apv_assessment", _APV_STAFF, kwargs=_apv_kwargs()),
    Case(
        "wellbeing:apv_problems_from_walkthrough",
        _APV_STAFF_POST,
        method="post",
        kwargs=_apv_kwargs(),
    ),
    Case("wellbeing:apv_problem_new", _APV_STAFF, kwargs=_apv_kwargs()),
    Case("wellbeing:apv_problem", _APV_STAFF, kwargs=_apv_problem_kwargs("nord")),
    Case(
        "wellbeing:apv_problem",
        _APV_HR_ONLY_IN_SKOLE,
        kwargs=_apv_problem_kwargs("skole"),
        label="Skole",
    ),
    Case(
        "wellbeing:apv_problem_remove",
        _APV_HR_POST_IN_SKOLE,
        method="post",
        kwargs=_apv_problem_kwargs("skole"),
    ),
    Case("wellbeing:apv_follow_up", _APV_STAFF, kwargs=_apv_kwargs()),
    Case(
        "wellbeing:apv_next_due",
        expect(403, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_apv_kwargs(done=True),
    ),
    Case("wellbeing:apv_written", _APV_READERS, kwargs=_apv_kwargs(done=True)),
    Case("wellbeing:apv_written", _APV_READERS_SKOLE, kwargs=_apv_kwargs("skole"), label="Skole"),
    Case("wellbeing:apv_pdf", _APV_READERS, kwargs=_apv_kwargs(done=True)),
    Case("wellbeing:apv_pdf", _APV_READERS_SKOLE, kwargs=_apv_kwargs("skole"), label="Skole"),
    Case("wellbeing:actions", _APV_STAFF),
    Case("wellbeing:action_new", _APV_STAFF, label="the unit first"),
    # The employee owns it; the manager keeps Nord's plan.
    Case("wellbeing:action", _APV_READERS, kwargs=_action_kwargs("nord", "employee")),
    Case(
        "wellbeing:action",
        _APV_READERS_SKOLE,
        kwargs=_action_kwargs("skole", "hr"),
        label="Skole",
    ),
    Case("wellbeing:my_plan", expect(200, anonymous=LOGIN_REQUIRED)),
]


def _person_of(role: str):  # type: ignore[no-untyped-def]
    return lambda org, users: {users[role].person.pk}


def _with(make, result=None):  # type: ignore[no-untyped-def]
    """URL kwargs (none) after making the data the page shows."""
    return lambda org: (make(org), result or {})[1]


PERSONAL_DATA_VISITS += [
    # The process page, the follow-up and the list show the owners to the manager.
    Visit("wellbeing:apv", "manager", nord, "trivsel", "trivsel", kwargs=_apv_kwargs()),
    Visit("wellbeing:apv_follow_up", "manager", nord, "trivsel", "trivsel", kwargs=_apv_kwargs()),
    Visit("wellbeing:actions", "manager", nord, "trivsel", "trivsel", kwargs=_with(_apv_case)),
    Visit(
        "wellbeing:action",
        "manager",
        nord,
        "trivsel",
        "trivsel",
        kwargs=_action_kwargs("nord", "employee"),
    ),
    # The employees' pages show the manager as an owner.
    Visit(
        "wellbeing:apv_written",
        "employee",
        _person_of("manager"),
        "trivsel",
        "trivsel",
        kwargs=_apv_kwargs(done=True),
    ),
    Visit(
        "wellbeing:apv_pdf",
        "employee",
        _person_of("manager"),
        "trivsel",
        "trivsel",
        kwargs=_apv_kwargs(done=True),
    ),
    Visit(
        "wellbeing:my_plan",
        "employee",
        _person_of("manager"),
        "trivsel",
        "trivsel",
        kwargs=_with(_apv_case),
    ),
    # The manager's front page: the overdue actions of Nord that others own.
    Visit(
        "home",
        "manager",
        nord,
        "trivsel",
        "trivsel",
        kwargs=_with(_apv_case),
        label="overdue actions",
    ),
]

PERSONAL_DATA_URL_NAMES |= {
    "wellbeing:apv",
    "wellbeing:apv_follow_up",
    "wellbeing:apv_written",
    "wellbeing:apv_pdf",
    "wellbeing:actions",
    "wellbeing:action",
    "wellbeing:my_plan",
}

# --- part green ---
# Green and health initiatives: everyone logged in sees the published ones, those with a person
# record join and leave for themselves (the analyst, DPO and administrator have none: 403), HR
# publishes and sees participation in figures. The survey's "about" page is public once the
# survey is launched; a draft's is HR's alone. The check-ins in figures: READ_RESULTS.
from charlie.core.testing.cases import LOGIN_REQUIRED, expect, own  # noqa: E402


def _green_initiative(org, *, published: bool = True):
    """A running initiative (idempotent); ``published=False``: a draft employees never see."""
    import datetime as dt

    from django.utils import timezone

    from charlie.wellbeing.models import Initiative

    start = timezone.localdate() - dt.timedelta(days=3)
    initiative, _created = Initiative.objects.get_or_create(
        title="Vi cykler til arbejde" if published else "Rygestop (ikke offentliggjort)",
        defaults={
            "kind": "cycling" if published else "health",
            "starts_on": start,
            "ends_on": start + dt.timedelta(days=30),
            "published": published,
        },
    )
    return initiative


def _green_kwargs(published: bool = True):
    return lambda org: {"initiative_id": _green_initiative(org, published=published).pk}


def _green_survey(org, status: str):
    """A survey of the whole kommune in ``status`` (idempotent)."""
    from charlie.wellbeing.models import Survey
    from charlie.wellbeing.tests.factories import SurveyFactory

    name = f"Trivselsmåling (adgangstest, {status})"
    survey = Survey.objects.filter(name=name).first()
    if survey is None:
        survey = SurveyFactory(name=name, status=status)
        survey.units.add(org.kommune)
    return survey


_GREEN_ALL = expect(200, anonymous=LOGIN_REQUIRED)
_GREEN_PEOPLE_POST = expect(403, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302)
_GREEN_HR = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_GREEN_HR_POST = expect(403, anonymous=LOGIN_REQUIRED, hr=302)

PERMISSION_CASES += [
    Case("wellbeing:initiatives", _GREEN_ALL),
    Case("wellbeing:initiative", _GREEN_ALL, kwargs=_green_kwargs()),
    Case(
        "wellbeing:initiative",
        expect(404, anonymous=LOGIN_REQUIRED),
        kwargs=_green_kwargs(published=False),
        label="not published",
    ),
    Case("wellbeing:initiative_join", _GREEN_PEOPLE_POST, method="post", kwargs=_green_kwargs()),
    Case(
        "wellbeing:initiative_join",
        expect(404, anonymous=LOGIN_REQUIRED, analyst=403, dpo=403, admin=403),
        method="post",
        kwargs=_green_kwargs(published=False),
        label="not published",
    ),
    Case("wellbeing:initiative_leave", _GREEN_PEOPLE_POST, method="post", kwargs=_green_kwargs()),
    Case("wellbeing:initiatives_admin", _GREEN_HR),
    Case("wellbeing:initiative_new", _GREEN_HR),
    Case("wellbeing:initiative_edit", _GREEN_HR, kwargs=_green_kwargs(published=False)),
    Case(
        "wellbeing:initiative_publish",
        _GREEN_HR_POST,
        method="post",
        kwargs=_green_kwargs(),
        data={"publish": "1"},
    ),
    Case("wellbeing:initiative_participation", _GREEN_HR, kwargs=_green_kwargs()),
    Case(
        "wellbeing:survey_about",
        expect(200),
        kwargs=lambda org: {"survey_id": _green_survey(org, "open").pk},
    ),
    Case(
        "wellbeing:survey_about",
        expect(404, hr=200),
        kwargs=lambda org: {"survey_id": _green_survey(org, "draft").pk},
        label="a draft",
    ),
    Case(
        "wellbeing:checkins",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200),
    ),
]

PERSONAL_DATA_VISITS += [
    # Showing the caller which initiatives they joined: their own read ("egen indsigt").
    Visit("wellbeing:initiatives", "employee", own("employee"), "trivsel", "egen_indsigt"),
    Visit(
        "wellbeing:initiative",
        "manager",
        own("manager"),
        "trivsel",
        "egen_indsigt",
        kwargs=_green_kwargs(),
    ),
]

PERSONAL_DATA_URL_NAMES |= {"wellbeing:initiatives", "wellbeing:initiative"}

# --- part surveys ---
# HR's survey pages (MANAGE_SURVEYS: HR only) and the public answering page, its thank-you
# page, both open to everyone (the one-time link is the key; nobody's log-in is looked at).
# A draft and an open survey in Plejecenter Nord (five more people are employed there, so the
# launch check lets it go out), and a pulse series. The invited list shows people: audited.
from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402

_SURVEYS_HR = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_SURVEYS_HR_POST = expect(403, anonymous=LOGIN_REQUIRED, hr=302)
_SURVEYS_PUBLIC = expect(200)


def _surveys_draft(org: object) -> dict[str, int]:
    """A draft survey in Plejecenter Nord (idempotent)."""
    from charlie.wellbeing.models import Survey
    from charlie.wellbeing.tests.factories import draft_survey

    survey = Survey.objects.filter(name="Kladde (cases)").first()
    if survey is None:
        survey = draft_survey([org.nord], name="Kladde (cases)")  # type: ignore[attr-defined]
    return {"survey_id": survey.pk}


def _surveys_open(org: object) -> dict[str, int]:
    """An open survey in Plejecenter Nord, with six invited (idempotent)."""
    from charlie.wellbeing.models import Survey
    from charlie.wellbeing.tests.factories import launched_survey, staff

    survey = Survey.objects.filter(name="Åben (cases)").first()
    if survey is None:
        staff(org.nord, 5)  # type: ignore[attr-defined]
        survey = launched_survey([org.nord], name="Åben (cases)")  # type: ignore[attr-defined]
    return {"survey_id": survey.pk}


def _surveys_invitation(org: object) -> dict[str, int]:
    from charlie.wellbeing.models import Invitation

    keys = _surveys_open(org)
    invitation = Invitation.objects.filter(survey_id=keys["survey_id"]).order_by("pk").first()
    assert invitation is not None
    return {**keys, "invitation_id": invitation.pk}


def _surveys_link(org: object) -> dict[str, str]:
    from charlie.wellbeing.models import Invitation
    from charlie.wellbeing.tests.factories import link_of

    keys = _surveys_open(org)
    invitation = (
        Invitation.objects.filter(survey_id=keys["survey_id"], answered=False)
        .order_by("-pk")
        .first()
    )
    assert invitation is not None
    return {"token": link_of(invitation)}


def _surveys_series(org: object) -> dict[str, int]:
    import datetime as dt

    from charlie.wellbeing.models import PulseSeries
    from charlie.wellbeing.tests.factories import survey_version

    series = PulseSeries.objects.filter(name="Puls (cases)").first()
    if series is None:
        series = PulseSeries.objects.create(
            name="Puls (cases)",
            version=survey_version(),
            next_on=dt.date(2030, 1, 1),
        )
        series.units.set([org.nord])  # type: ignore[attr-defined]
    return {"series_id": series.pk}


PERMISSION_CASES += [
    Case("wellbeing:surveys", _SURVEYS_HR),
    Case("wellbeing:survey_new", _SURVEYS_HR),
    Case("wellbeing:survey", _SURVEYS_HR, kwargs=_surveys_open),
    Case("wellbeing:survey", _SURVEYS_HR, kwargs=_surveys_draft, label="kladde"),
    Case("wellbeing:survey_edit", _SURVEYS_HR, kwargs=_surveys_draft),
    Case("wellbeing:survey_launch", _SURVEYS_HR, kwargs=_surveys_draft),
    Case("wellbeing:survey_delete", _SURVEYS_HR_POST, method="post", kwargs=_surveys_draft),
    Case("wellbeing:survey_close", _SURVEYS_HR_POST, method="post", kwargs=_surveys_open),
    Case("wellbeing:survey_invitations", _SURVEYS_HR, kwargs=_surveys_open),
    Case(
        "wellbeing:invitation_send_again",
        _SURVEYS_HR_POST,
        method="post",
        kwargs=_surveys_invitation,
    ),
    Case("wellbeing:pulse_series_list", _SURVEYS_HR),
    Case("wellbeing:pulse_series_new", _SURVEYS_HR),
    Case("wellbeing:pulse_series_pause", _SURVEYS_HR_POST, method="post", kwargs=_surveys_series),
    Case("wellbeing:answer", _SURVEYS_PUBLIC, kwargs=_surveys_link),
    Case("wellbeing:answer_thanks", _SURVEYS_PUBLIC, kwargs=_surveys_open),
]

PERSONAL_DATA_VISITS += [
    Visit(
        "wellbeing:survey_invitations",
        "hr",
        subjects=lambda org, users: {org.person_in_nord.pk},
        category="trivsel",
        purpose="trivsel",
        kwargs=_surveys_open,
    ),
]
PERSONAL_DATA_URL_NAMES |= {"wellbeing:survey_invitations"}

# --- part results ---
# A closed survey of the test organisation (``factories.results_story``: 8 answers in the
# manager's Plejecenter Nord, 3 in Syd, 5 in Ældreområdet, 12 in Nørre Skole; two comments in
# Nord, one approved) and a pulse series with one closed round. Results are for HR, analysts and
# managers (their own units: Nørre Skole is 404 for the manager); the review of comments is
# HR's, and every comment HR reads is audited as ``trivselskommentar:<id>``.
from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402

_RESULTS_SURVEY = "Trivselsmåling (adgangstest)"


def _results_survey(org):  # type: ignore[no-untyped-def]
    """The case's survey (idempotent)."""
    from charlie.wellbeing.models import Survey
    from charlie.wellbeing.tests.factories import results_story

    return Survey.objects.filter(name=_RESULTS_SURVEY).first() or results_story(
        org, name=_RESULTS_SURVEY
    )


def _results_kwargs(org):  # type: ignore[no-untyped-def]
    return {"survey_id": _results_survey(org).pk}


def _results_comment(org):  # type: ignore[no-untyped-def]
    from charlie.wellbeing.models import Comment

    survey = _results_survey(org)
    return {"comment_id": Comment.objects.filter(response__survey=survey).order_by("text")[1].pk}


def _results_series(org):  # type: ignore[no-untyped-def]
    import datetime as dt

    from charlie.wellbeing.models import PulseSeries
    from charlie.wellbeing.tests.factories import add_response, closed_survey, results_version

    series = PulseSeries.objects.filter(name="Puls (adgangstest)").first()
    if series is None:
        version = results_version(5)
        series = PulseSeries.objects.create(
            name="Puls (adgangstest)", version=version, next_on=dt.date(2027, 6, 1)
        )
        series.units.set([org.kommune])
        survey = closed_survey([org.kommune], version=version, name="Puls 1", pulse=series)
        for unit in (org.nord, org.skole):
            for _ in range(6):
                add_response(survey, unit, {"indflydelse-1": 4})
    return {"series_id": series.pk}


def _results_subjects(org, users):  # type: ignore[no-untyped-def]
    from charlie.wellbeing.models import Comment
    from charlie.wellbeing.services.comments import comment_subject

    survey = _results_survey(org)
    return {
        comment_subject(c.pk)
        for c in Comment.objects.filter(response__survey=survey, status="pending")
    }


def _results_subject(org, users):  # type: ignore[no-untyped-def]
    from charlie.wellbeing.services.comments import comment_subject

    return {comment_subject(_results_comment(org)["comment_id"])}


class _UnitId:
    """A unit's id as a query value, looked up when the request is made (the case's data is
    fixed before the test organisation exists)."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __str__(self) -> str:
        from charlie.people.models import OrgUnit

        return str(OrgUnit.objects.get(name=self.name).pk)


_SKOLE = _UnitId("Nørre Skole")
_READ_RESULTS = expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200, analyst=200)
_REVIEW = expect(403, anonymous=LOGIN_REQUIRED, hr=200)

PERMISSION_CASES += [
    Case("wellbeing:results", _READ_RESULTS),
    Case("wellbeing:results_survey", _READ_RESULTS, kwargs=_results_kwargs),
    Case(
        "wellbeing:results_survey",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200, analyst=200),
        kwargs=_results_kwargs,
        data={"enhed": _SKOLE},
        label="another unit",
    ),
    Case("wellbeing:results_rates", _READ_RESULTS, kwargs=_results_kwargs),
    Case("wellbeing:results_pdf", _READ_RESULTS, kwargs=_results_kwargs),
    Case("wellbeing:results_excel", _READ_RESULTS, kwargs=_results_kwargs),
    Case("wellbeing:results_comments", _REVIEW, kwargs=_results_kwargs),
    Case("wellbeing:results_comment", _REVIEW, kwargs=_results_comment),
    Case(
        "wellbeing:results_comment",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=_results_comment,
        data={"decision": "approve", "text": ""},
    ),
    Case("wellbeing:results_trend", _READ_RESULTS, kwargs=_results_series),
    Case("api:wellbeing_surveys", expect(403, anonymous=401, manager=200, hr=200, analyst=200)),
    Case(
        "api:wellbeing_survey_results",
        expect(403, anonymous=401, manager=200, hr=200, analyst=200),
        kwargs=_results_kwargs,
    ),
    Case(
        "api:wellbeing_survey_results",
        expect(403, anonymous=401, manager=404, hr=200, analyst=200),
        kwargs=_results_kwargs,
        data={"by": "question", "unit": _SKOLE},
        label="another unit",
    ),
]

PERSONAL_DATA_VISITS += [
    Visit(
        "wellbeing:results_comments",
        "hr",
        lambda org, users: set(),
        "trivsel",
        "trivsel",
        kwargs=_results_kwargs,
        accounts=_results_subjects,
    ),
    Visit(
        "wellbeing:results_comment",
        "hr",
        lambda org, users: set(),
        "trivsel",
        "trivsel",
        kwargs=_results_comment,
        accounts=_results_subject,
    ),
]
PERSONAL_DATA_URL_NAMES |= {"wellbeing:results_comments", "wellbeing:results_comment"}
