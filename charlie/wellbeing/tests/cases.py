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
