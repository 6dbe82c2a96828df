"""REST endpoints for absence (mounted in charlie.api at /api/v1/absence): the same figures and
deadlines as ``charlie absence stats|deadlines``, with the caller's scope (docs/absence.md).

Thin: ``absence.services`` applies scope, disclosure control and audit; the caller's
``Access`` is built once per call on the ``api`` channel (``people.services.access_of``).
"""

# No ``from __future__ import annotations``: django-ninja reads the annotations at run time.
from datetime import date
from typing import Any, Literal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Query, Router, Schema

from charlie.absence import services
from charlie.people import services as people
from charlie.people.api import COMMON_ERRORS

router = Router(tags=["absence"])


class FigureOut(Schema):
    """One group's figures; every measure is null when disclosure control hides the group."""

    group: dict[str, str] = Field(description='The group\'s key, e.g. {"job_family": "Lærere"}.')
    label: str
    depth: int = Field(description="Level in the organisation tree (grouping by unit), else 0.")
    suppressed: bool = Field(description="True when the group is hidden (too few people).")
    headcount: int | None = Field(description="Distinct people employed in the group.")
    fte: float | None = Field(description="Full-time employees (contracted hours / 37).")
    sickness_day_equivalents: float | None = Field(
        description="Dagsværk of 7.4 hours of sickness: own sickness and work injury together."
    )
    absence_rate: float | None = Field(
        description="Sygefraværsprocent as a fraction (0.05 = 5 %): own sickness and work injury "
        "÷ possible day-equivalents (worked + all four causes of absence, barsel included)."
    )
    days_per_fte: float | None = Field(description="Sickness day-equivalents per FTE.")
    periods_per_full_year_employee: float | None
    average_period_days: float | None = Field(description="Calendar days, periods that ended.")
    short_periods: int | None
    long_periods: int | None
    own_sickness_rate: float | None = Field(
        description="Egen sygdom ÷ the same possible day-equivalents (Danmarks Statistik's cause)."
    )
    work_injury_rate: float | None = Field(description="Arbejdsulykke/arbejdsskade, likewise.")
    child_sickness_rate: float | None = Field(description="Børns sygdom, likewise.")
    parental_leave_rate: float | None = Field(description="Barsels- og adoptionsorlov, likewise.")
    all_causes_rate: float | None = Field(description="All four causes together, likewise.")


class FiguresOut(Schema):
    start: date = Field(
        alias="from",
        description="The published window: the asked one widened to whole periods (months).",
    )
    end: date = Field(alias="to")
    requested_start: date = Field(alias="requested_from", description="The window asked for.")
    requested_end: date = Field(alias="requested_to")
    period_months: int = Field(
        description="Figures are published for whole periods of this many months."
    )
    by: str
    min_group_size: int
    long_after_days: int
    groups: list[FigureOut]
    total: FigureOut


@router.get(
    "/stats",
    response={200: FiguresOut, **COMMON_ERRORS},
    url_name="absence_stats",
    operation_id="getAbsenceStats",
    summary="Sickness absence figures, grouped",
    by_alias=True,
)
def stats(
    request: HttpRequest,
    start: date = Query(..., alias="from"),  # noqa: B008 - ninja's way of declaring a parameter
    end: date = Query(..., alias="to"),  # noqa: B008
    by: Literal["unit", "job_family", "month", "quarter", "year", "age_band"] = "year",
    long_after: int = Query(28, ge=1, le=365),
) -> dict[str, Any]:
    """The Danmarks Statistik/KRL measures for the window, widened to whole months (``from`` and
    ``to`` in the answer). HR and analysts: the municipality; a manager: their units. Groups
    below the minimum size in any month of the window have null figures, and so has one more
    group where the hidden ones could otherwise be computed from the others."""
    result = services.absence_figures(
        people.access_of(request, channel="api"),
        start=start,
        end=end,
        by=by,
        long_threshold_days=long_after,
    )
    return {
        "from": result.start,
        "to": result.end,
        "requested_from": result.requested_start or result.start,
        "requested_to": result.requested_end or result.end,
        "period_months": result.period_months,
        "by": result.by,
        "min_group_size": result.min_size,
        "long_after_days": result.long_threshold_days,
        "groups": [row.as_json() for row in result.rows],
        "total": result.total.as_json(),
    }


class ObligationOut(Schema):
    code: str
    due: date | None
    applies: bool
    information_only: bool
    description: str
    legal_basis: str
    reason: str


class CaseOut(Schema):
    first_day: date
    last_day: date | None
    absence_types: list[str]
    obligations: list[ObligationOut]


class DeadlinesOut(Schema):
    employee_number: str
    on: date
    cases: list[CaseOut]


@router.get(
    "/deadlines/{person_id}",
    response={200: DeadlinesOut, **COMMON_ERRORS},
    url_name="absence_deadlines",
    operation_id="getAbsenceDeadlines",
    summary="Follow-up deadlines of a person's sickness",
)
def deadlines(request: HttpRequest, person_id: int, on: date | None = None) -> dict[str, Any]:
    """The obligations under sygedagpengeloven for each sickness spell of a person in your
    scope (HR: everyone; a manager: their units; everyone: themselves). Audited."""
    result = services.deadlines(
        people.access_of(request, channel="api"),
        on=on or timezone.localdate(),
        person_id=person_id,
    )
    return result.as_json()
