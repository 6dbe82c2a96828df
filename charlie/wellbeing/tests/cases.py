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
