"""Who may open each URL of recruitment, and which of its URLs must write the audit log.

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

# --- part careers ---
# Requisitions: a manager (their units) and HR ask; HR decides. Stories: HR writes them. The
# careers site: everyone, anonymous included. None of these pages shows personal data (a
# requisition names only the requesting and deciding users' accounts; not audited, see
# docs/recruitment-careers.md).
from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402


def _requisition(org: object, *, unit: str = "nord", status: str = "draft") -> dict[str, int]:
    """A requisition for Plejecenter Nord (the manager's unit) or Nørre Skole (outside it)."""
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from charlie.people.models import JobFamily
    from charlie.recruitment.models import Requisition

    req, _ = Requisition.objects.get_or_create(
        title=f"Case {unit} {status}",
        defaults={
            "unit": getattr(org, unit),
            "job_family": JobFamily.objects.get(code="sosu"),
            "weekly_hours": Decimal(32),
            "start_on": timezone.localdate() + dt.timedelta(days=60),
            "reason": "replacement",
            "status": status,
        },
    )
    return {"requisition_id": req.pk}


def _story(org: object) -> dict[str, int]:
    from charlie.recruitment.models import Story

    story, _ = Story.objects.get_or_create(
        slug="case-historie",
        defaults={"title": "Case", "theme": "green", "summary": "Kort.", "body": "Tekst."},
    )
    return {"story_id": story.pk}


def _public_story(org: object) -> dict[str, str]:
    from django.utils import timezone

    from charlie.recruitment.models import Story

    Story.objects.get_or_create(
        slug="offentlig-historie",
        defaults={
            "title": "På cykel til job",
            "theme": "green",
            "summary": "Kort.",
            "body": "Tekst.",
            "published": True,
            "published_at": timezone.now(),
        },
    )
    return {"slug": "offentlig-historie"}


def _ad(
    org: object, *, slug: str = "case-job", status: str = "published", days: int = 30
) -> dict[str, str]:
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from charlie.people.models import JobFamily
    from charlie.recruitment.models import JobAd

    JobAd.objects.get_or_create(
        slug=slug,
        defaults={
            "title": "Social- og sundhedsassistent",
            "body": "Vi søger en kollega.",
            "unit": org.nord,  # type: ignore[attr-defined]
            "job_family": JobFamily.objects.get(code="sosu"),
            "employment_type": "PART_TIME",
            "weekly_hours": Decimal(32),
            "place": "Plejecenter Nord",
            "deadline": timezone.localdate() + dt.timedelta(days=days),
            "status": status,
        },
    )
    return {"slug": slug}


_REQUESTERS = expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200)
_HR = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_PUBLIC = expect(200)

PERMISSION_CASES += [
    Case("recruitment:requisitions", _REQUESTERS),
    Case("recruitment:requisition_new", _REQUESTERS),
    Case(
        "recruitment:requisition_new",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        method="post",
        data={"title": ""},
        label="an incomplete form is shown again",
    ),
    Case("recruitment:requisition_shortage", _REQUESTERS),
    Case(
        "recruitment:requisition",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=_requisition,
        label="in the manager's unit",
    ),
    Case(
        "recruitment:requisition",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=lambda org: _requisition(org, unit="skole"),
        label="outside the manager's unit",
    ),
    Case(
        "recruitment:requisition_edit",
        expect(403, anonymous=LOGIN_REQUIRED, manager=200, hr=200),
        kwargs=_requisition,
    ),
    Case(
        "recruitment:requisition_edit",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=200),
        kwargs=lambda org: _requisition(org, unit="skole"),
        label="outside the manager's unit",
    ),
    Case(
        "recruitment:requisition_submit",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=302),
        method="post",
        kwargs=lambda org: _requisition(org, unit="skole"),
        label="outside the manager's unit",
    ),
    Case(
        "recruitment:requisition_delete",
        expect(403, anonymous=LOGIN_REQUIRED, manager=404, hr=302),
        method="post",
        kwargs=lambda org: _requisition(org, unit="skole"),
        label="outside the manager's unit",
    ),
    Case(
        "recruitment:requisition_decide",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=lambda org: _requisition(org, status="submitted"),
        data={"decision": "approve"},
    ),
    Case("recruitment:stories", _HR),
    Case("recruitment:story_new", _HR),
    Case("recruitment:story_edit", _HR, kwargs=_story),
    Case(
        "recruitment:story_publish",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=_story,
        data={"publish": "1"},
    ),
    Case(
        "recruitment:story_delete",
        expect(403, anonymous=LOGIN_REQUIRED, hr=302),
        method="post",
        kwargs=_story,
    ),
    # The public careers site: everyone, signed in or not.
    Case("careers:jobs", _PUBLIC),
    Case("careers:feed", _PUBLIC),
    Case("careers:language", expect(302)),
    Case("careers:stories", _PUBLIC),
    Case("careers:story", _PUBLIC, kwargs=_public_story),
    Case("careers:story", expect(404), kwargs=lambda org: {"slug": "findes-ikke"}, label="unknown"),
    Case("careers:job", _PUBLIC, kwargs=_ad, label="open"),
    Case(
        "careers:job",
        expect(404),
        kwargs=lambda org: _ad(org, slug="kladde", status="draft"),
        label="a draft",
    ),
    Case(
        "careers:job",
        expect(410),
        kwargs=lambda org: _ad(org, slug="udloebet", days=-1),
        label="past its deadline",
    ),
]
