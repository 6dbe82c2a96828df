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

# --- part cases ---
# Business cases hold no personal data (no names), so none of these URLs writes the audit log.
# The portfolio's readers (HR, managers, analysts) see the figures; HR edits and sets the rates.
from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402

_CASES_READERS = expect(403, anonymous=LOGIN_REQUIRED, hr=200, manager=200, analyst=200)
_CASES_HR_ONLY = expect(403, anonymous=LOGIN_REQUIRED, hr=200)


def _cases_initiative(org: object) -> dict[str, int]:
    """Initiative 9101 with a business case (idempotent)."""
    from charlie.portfolio.models import BusinessCase, BusinessCaseLine, Initiative

    initiative, _ = Initiative.objects.get_or_create(
        number=9101, defaults={"title": "Digital post til borgerne"}
    )
    case, created = BusinessCase.objects.get_or_create(
        initiative=initiative, defaults={"first_year": 2027, "horizon": 5}
    )
    if created:
        BusinessCaseLine.objects.create(
            case=case, kind="investment", label="Licens", amounts=["1000000"]
        )
        BusinessCaseLine.objects.create(
            case=case, kind="benefit", label="Porto", amounts=["0", "350000", "350000"]
        )
    return {"number": initiative.number}


PERMISSION_CASES += [
    Case("portfolio:business_case", _CASES_READERS, kwargs=_cases_initiative),
    Case("portfolio:business_case_edit", _CASES_HR_ONLY, kwargs=_cases_initiative),
    Case("portfolio:rates", _CASES_HR_ONLY),
]
