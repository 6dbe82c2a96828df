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

# --- part benefits ---
# Benefits realisation and the automation register: readers of the portfolio (HR, managers,
# analysts) see them with the owners' names (recorded as read), HR keeps them; a benefit's owner
# sees and enters their own (others get 404, so they cannot learn which benefits exist); every
# logged-in employee sees the robots in operation without names.
import datetime as _dt  # noqa: E402
from decimal import Decimal as _Decimal  # noqa: E402

from charlie.core.testing.cases import LOGIN_REQUIRED, expect  # noqa: E402
from charlie.core.testing.cases import Case as _Case  # noqa: E402
from charlie.core.testing.cases import Visit as _Visit  # noqa: E402

_B_READERS = expect(403, anonymous=LOGIN_REQUIRED, hr=200, manager=200, analyst=200)
_B_HR = expect(403, anonymous=LOGIN_REQUIRED, hr=200)


def _b_initiative(org: object) -> object:
    from charlie.portfolio.models import Initiative

    initiative, _ = Initiative.objects.get_or_create(
        number=9001, defaults={"title": "Digital post til borgerne", "stage": "benefits"}
    )
    return initiative


def _b_benefit(org: object, *, owner: str = "person_in_skole") -> int:
    """A benefit of initiative 9001 owned by ``owner`` (an attribute of ``org``), with two
    quarters of 2025 (ended: the owner has a value to enter)."""
    from charlie.portfolio.models import Benefit, BenefitPeriod

    person = getattr(org, owner)
    benefit, created = Benefit.objects.get_or_create(
        initiative=_b_initiative(org),
        description=f"Sparede timer ({owner})",
        defaults={
            "kind": "hours",
            "owner": person,
            "start": _dt.date(2025, 1, 1),
            "end": _dt.date(2025, 6, 30),
        },
    )
    if created:
        for start, end in (
            (_dt.date(2025, 1, 1), _dt.date(2025, 3, 31)),
            (_dt.date(2025, 4, 1), _dt.date(2025, 6, 30)),
        ):
            BenefitPeriod.objects.create(
                benefit=benefit, period_start=start, period_end=end, planned=_Decimal(100)
            )
    return benefit.pk


def _b_kwargs(org: object) -> dict[str, int]:
    return {"benefit_id": _b_benefit(org)}


def _b_own_kwargs(org: object) -> dict[str, int]:
    return {"benefit_id": _b_benefit(org, owner="person_in_nord")}


def _b_number(org: object) -> dict[str, int]:
    return {"number": _b_initiative(org).number}  # type: ignore[attr-defined]


def _b_automation(org: object) -> dict[str, int]:
    from charlie.portfolio.models import Automation

    item, _ = Automation.objects.get_or_create(
        name="Bilagsrobot",
        defaults={
            "kind": "rpa",
            "process": "Flytter bilag fra e-mail til ESDH.",
            "owner": org.person_in_skole,  # type: ignore[attr-defined]
            "status": "running",
            "hours_saved_per_month": _Decimal(40),
            "started_on": _dt.date(2025, 1, 1),
            "review_note": "Stikprøver hver uge.",
        },
    )
    return {"automation_id": item.pk}


def _b_skole_owner(org: object, users: object) -> set[int]:
    return {org.person_in_skole.pk}  # type: ignore[attr-defined]


PERMISSION_CASES += [
    _Case("portfolio:benefits", _B_READERS, kwargs=lambda org: (_b_benefit(org), {})[1]),
    _Case(
        "portfolio:benefit",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200, manager=200, analyst=200),
        kwargs=_b_kwargs,
    ),
    _Case(
        "portfolio:benefit",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200, manager=200, analyst=200, employee=200),
        kwargs=_b_own_kwargs,
        label="the employee owns it",
    ),
    _Case("portfolio:benefit_edit", _B_HR, kwargs=_b_kwargs),
    _Case(
        "portfolio:benefit_enter",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200, manager=403, analyst=403),
        kwargs=_b_kwargs,
    ),
    _Case(
        "portfolio:benefit_enter",
        expect(404, anonymous=LOGIN_REQUIRED, hr=200, manager=403, analyst=403, employee=200),
        kwargs=_b_own_kwargs,
        label="the employee owns it",
    ),
    _Case("portfolio:initiative_benefits", _B_READERS, kwargs=_b_number),
    _Case("portfolio:benefit_new", _B_HR, kwargs=_b_number),
    _Case("portfolio:automations", _B_READERS, kwargs=lambda org: (_b_automation(org), {})[1]),
    _Case("portfolio:automation", _B_READERS, kwargs=_b_automation),
    _Case("portfolio:automation_new", _B_HR),
    _Case("portfolio:automation_edit", _B_HR, kwargs=_b_automation),
    _Case("portfolio:automations_public", expect(200, anonymous=LOGIN_REQUIRED)),
    # The overview and the council report: no names, nothing to record.
    _Case("portfolio:overview", _B_READERS, kwargs=lambda org: (_b_benefit(org), {})[1]),
    _Case("portfolio:report_pdf", _B_READERS, kwargs=lambda org: (_b_benefit(org), {})[1]),
    _Case("portfolio:report_excel", _B_READERS, kwargs=lambda org: (_b_automation(org), {})[1]),
    # The API: readers of the portfolio; no names, nothing to record.
    _Case(
        "api:portfolio_initiatives",
        expect(403, anonymous=401, hr=200, manager=200, analyst=200),
        kwargs=lambda org: (_b_benefit(org), {})[1],
    ),
    _Case(
        "api:portfolio_initiative",
        expect(403, anonymous=401, hr=200, manager=200, analyst=200),
        kwargs=lambda org: (_b_benefit(org), _b_number(org))[1],
    ),
    _Case("api:portfolio_beacons", expect(403, anonymous=401, hr=200, manager=200, analyst=200)),
]

PERSONAL_DATA_VISITS += [
    _Visit(
        "portfolio:benefits",
        "manager",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        params=lambda org: (_b_benefit(org), {})[1],
    ),
    _Visit(
        "portfolio:benefit",
        "hr",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        kwargs=_b_kwargs,
    ),
    _Visit(
        "portfolio:benefit_enter",
        "hr",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        kwargs=_b_kwargs,
    ),
    _Visit(
        "portfolio:initiative_benefits",
        "manager",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        kwargs=lambda org: (_b_benefit(org), _b_number(org))[1],
    ),
    _Visit(
        "portfolio:benefit_edit",
        "hr",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        kwargs=_b_kwargs,
    ),
    _Visit(
        "portfolio:automations",
        "hr",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        params=lambda org: (_b_automation(org), {})[1],
    ),
    _Visit(
        "portfolio:automation",
        "manager",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        kwargs=_b_automation,
    ),
    _Visit(
        "portfolio:automation_edit",
        "hr",
        _b_skole_owner,
        "digitalisering",
        "digitalisering",
        kwargs=_b_automation,
    ),
]
PERSONAL_DATA_URL_NAMES |= {
    "portfolio:benefits",
    "portfolio:benefit",
    "portfolio:benefit_enter",
    "portfolio:initiative_benefits",
    "portfolio:benefit_edit",
    "portfolio:automations",
    "portfolio:automation",
    "portfolio:automation_edit",
}
