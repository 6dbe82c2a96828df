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
