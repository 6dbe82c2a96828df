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

# --- part adcheck ---
# Job ads and the inclusive-language check: HR only (MANAGE_ADS). Ads hold no personal data
# (the contact person is work contact data), so none of these URLs writes the audit log.
from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402


def _ad(org: object) -> dict[str, int]:
    """A draft ad in Plejecenter Nord (idempotent)."""
    from datetime import timedelta

    from django.utils import timezone

    from charlie.people.models import JobFamily
    from charlie.recruitment.models import JobAd

    ad, _ = JobAd.objects.get_or_create(
        slug="cases-sosu",
        defaults={
            "title": "Social- og sundhedsassistent",
            "body": "Vi søger en social- og sundhedsassistent.",
            "unit": org.nord,  # type: ignore[attr-defined]
            "job_family": JobFamily.objects.get(code="sosu"),
            "employment_type": "PART_TIME",
            "weekly_hours": 32,
            "place": "Plejecenter Nord",
            "deadline": timezone.localdate() + timedelta(days=30),
        },
    )
    return {"ad_id": ad.pk}


_HR_ONLY = expect(403, anonymous=LOGIN_REQUIRED, hr=200)
_HR_POSTS = expect(403, anonymous=LOGIN_REQUIRED, hr=302)

PERMISSION_CASES += [
    Case("recruitment:ads", _HR_ONLY),
    Case("recruitment:ad_new", _HR_ONLY),
    Case(
        "recruitment:ad_check",
        _HR_ONLY,
        method="post",
        data={"body": "Vi søger en yngre formand.", "lang": "da"},
    ),
    Case("recruitment:ad", _HR_ONLY, kwargs=_ad),
    Case("recruitment:ad_edit", _HR_ONLY, kwargs=_ad),
    Case("recruitment:ad_publish", _HR_POSTS, method="post", kwargs=_ad),
    Case("recruitment:ad_close", _HR_POSTS, method="post", kwargs=_ad),
    Case(
        "recruitment:ad_criteria",
        _HR_POSTS,
        method="post",
        kwargs=_ad,
        data={"name": "Faglighed"},
    ),
    Case(
        "recruitment:ad_committee",
        _HR_POSTS,
        method="post",
        kwargs=_ad,
        data={"user": ""},
    ),
]
