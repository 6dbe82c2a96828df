"""Who may open each URL of the portfolio, and which of its URLs must write the audit log.

Collected by ``charlie.core.testing.cases`` for ``tests/test_permissions.py`` (every URL needs a
case) and ``charlie/privacy/tests/test_every_personal_data_url.py``. The test organisation
(``org``) and the users (``users``, one per role) are the people core's fixtures. Each part of
the app appends its cases below its own heading.
"""

from __future__ import annotations

from charlie.core.testing.cases import Case, Visit

PERMISSION_CASES: list[Case] = []

PERSONAL_DATA_VISITS: list[Visit] = []

#: The URLs that show personal data: each has a visit above.
PERSONAL_DATA_URL_NAMES: set[str] = set()

# --- part ideas ---
# Beacons: everyone logged in reads the published ones; an unpublished one exists only for the
# portfolio owner (HR); HR keeps beacons and measurements. Ideas: everyone logged in reads them;
# those with a person record (employee, manager, HR) submit, support and comment; the analyst,
# DPO and administrator have none (403). HR triages and hides comments. The idea's page shows HR
# the submitter's and commenters' names (audited); an employee's own support and comments are
# their own read, as is "Mine idéer".
from charlie.core.testing.cases import LOGIN_REQUIRED, expect, own, skole  # noqa: E402

_IDEAS_ALL = expect(200, anonymous=LOGIN_REQUIRED)
_IDEAS_PEOPLE = expect(200, anonymous=LOGIN_REQUIRED, analyst=403, dpo=403, admin=403)
_IDEAS_PEOPLE_POST = expect(403, anonymous=LOGIN_REQUIRED, employee=302, manager=302, hr=302)
_IDEAS_HR = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_IDEAS_HR_POST = expect(403, anonymous=LOGIN_REQUIRED, hr=302)


def _ideas_beacon(org, *, published: bool = True):
    """A beacon (idempotent); ``published=False``: one only the portfolio owner sees."""
    from charlie.portfolio.models import Beacon
    from charlie.portfolio.tests.factories import BeaconFactory

    title = "Digital post (adgangstest)" if published else "Udkast (adgangstest)"
    return Beacon.objects.filter(title=title).first() or BeaconFactory(
        title=title, published=published
    )


def _ideas_beacon_kwargs(published: bool = True):
    return lambda org: {"beacon_id": _ideas_beacon(org, published=published).pk}


def _ideas_measurement_kwargs(org):
    import datetime as dt
    from decimal import Decimal

    from charlie.portfolio.models import BeaconMeasurement

    beacon = _ideas_beacon(org)
    row, _created = BeaconMeasurement.objects.get_or_create(
        beacon=beacon, measured_on=dt.date(2025, 6, 1), defaults={"value": Decimal("50")}
    )
    return {"beacon_id": beacon.pk, "measurement_id": row.pk}


def _ideas_idea(org):
    """An open idea from the person in Nørre Skole, with a comment by them (idempotent)."""
    from charlie.portfolio.models import Idea, IdeaComment
    from charlie.portfolio.tests.factories import IdeaFactory

    title = "Dobbelt indtastning af fravær (adgangstest)"
    idea = Idea.objects.filter(title=title).first()
    if idea is None:
        idea = IdeaFactory(title=title, submitted_by=org.person_in_skole)
        IdeaComment.objects.create(idea=idea, person=org.person_in_skole, text="Det er et problem.")
    return idea


def _ideas_idea_kwargs(org):
    return {"idea_id": _ideas_idea(org).pk}


def _ideas_comment_kwargs(org):
    idea = _ideas_idea(org)
    return {"idea_id": idea.pk, "comment_id": idea.comments.first().pk}


PERMISSION_CASES += [
    Case("portfolio:beacons", _IDEAS_ALL),
    Case("portfolio:beacon", _IDEAS_ALL, kwargs=_ideas_beacon_kwargs()),
    Case(
        "portfolio:beacon",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200),
        kwargs=_ideas_beacon_kwargs(published=False),
        label="not published",
    ),
    Case("portfolio:beacon_new", _IDEAS_HR),
    Case("portfolio:beacon_edit", _IDEAS_HR, kwargs=_ideas_beacon_kwargs(published=False)),
    Case(
        "portfolio:beacon_publish",
        _IDEAS_HR_POST,
        method="post",
        kwargs=_ideas_beacon_kwargs(),
        data={"publish": "1"},
    ),
    Case(
        "portfolio:beacon_measure",
        _IDEAS_HR_POST,
        method="post",
        kwargs=_ideas_beacon_kwargs(),
        data={"measured_on": "2025-09-01", "value": "55", "note": ""},
    ),
    Case(
        "portfolio:beacon_measurement_delete",
        _IDEAS_HR_POST,
        method="post",
        kwargs=_ideas_measurement_kwargs,
    ),
    Case("portfolio:ideas", _IDEAS_ALL),
    Case("portfolio:idea_new", _IDEAS_PEOPLE),
    Case("portfolio:my_ideas", _IDEAS_ALL),
    Case("portfolio:idea", _IDEAS_ALL, kwargs=_ideas_idea_kwargs),
    Case(
        "portfolio:idea_support",
        _IDEAS_PEOPLE_POST,
        method="post",
        kwargs=_ideas_idea_kwargs,
        data={"stoet": "1"},
    ),
    Case(
        "portfolio:idea_comment",
        _IDEAS_PEOPLE_POST,
        method="post",
        kwargs=_ideas_idea_kwargs,
        data={"text": "Det oplever vi også."},
    ),
    Case(
        "portfolio:idea_comment_hide",
        _IDEAS_HR_POST,
        method="post",
        kwargs=_ideas_comment_kwargs,
        data={"skjul": "1"},
    ),
    Case(
        "portfolio:idea_triage",
        _IDEAS_HR_POST,
        method="post",
        kwargs=_ideas_idea_kwargs,
        data={"decision": "review"},
    ),
]

PERSONAL_DATA_VISITS += [
    # The portfolio owner sees who submitted and who commented.
    Visit(
        "portfolio:idea", "hr", skole, "digitalisering", "digitalisering", kwargs=_ideas_idea_kwargs
    ),
    # An employee sees whether they support the idea and which comments are theirs.
    Visit(
        "portfolio:idea",
        "employee",
        own("employee"),
        "digitalisering",
        "egen_indsigt",
        kwargs=_ideas_idea_kwargs,
        label="own",
    ),
    Visit("portfolio:my_ideas", "employee", own("employee"), "digitalisering", "egen_indsigt"),
]

PERSONAL_DATA_URL_NAMES |= {"portfolio:idea", "portfolio:my_ideas"}
