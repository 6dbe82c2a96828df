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
