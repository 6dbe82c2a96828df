"""REST endpoints of the digitalisation portfolio (mounted in charlie.api at /api/v1/portfolio;
docs in docs/portfolio-reports.md and docs/api.md): the initiatives with stage, business-case
figures and benefits realised against plan, one initiative in full, and the beacons with their
progress. Readers of the portfolio (HR, managers, analysts: ``READ_PORTFOLIO``); others 403.
No names of people: owners and submitters are on the pages, not here. Thin: the services check
the permission."""

# No ``from __future__ import annotations``: django-ninja reads the annotations at run time.
from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from charlie.people import services as people
from charlie.people.api import COMMON_ERRORS
from charlie.portfolio.models import Stage
from charlie.portfolio.services import reports

router = Router(tags=["portfolio"])

Number = Annotated[int, Path(ge=1, le=2**31 - 1, description="The initiative's number.")]


class BenefitsOut(Schema):
    """Benefits in kroner: hours at the hourly rate, kroner as they are."""

    planned_total: float = Field(description="Planned over every period (kr.).")
    planned_so_far: float = Field(
        description="Planned for the periods that have ended, or have a realised value (kr.)."
    )
    realised_so_far: float = Field(description="Realised values entered (kr.).")
    share: float | None = Field(description="realised_so_far / planned_so_far; null when 0.")
    other_unit: int = Field(description="Benefits measured in a unit of their own (not in kr.).")


class InitiativeOut(Schema):
    number: int
    title: str
    stage: str = Field(description="idea, analysis, decided, running, benefits or closed.")
    stage_label: str
    forvaltning_id: int | None
    forvaltning: str
    tags: list[str]
    it_systems: list[str]
    beacon_ids: list[int]
    must_do: bool
    dpia: str = Field(description="unknown, not_needed, needed or done.")
    npv: float | None = Field(description="Net present value (kr.); null without a case.")
    payback_year: int | None
    early_gains: float | None = Field(description="Year 0's gross benefits (kr.).")
    benefits: BenefitsOut


class OutcomeOut(Schema):
    key: str = Field(description="base, benefits_minus_25, costs_plus_25, both or delay_one_year.")
    npv: float
    payback_year: int | None


class BusinessCaseOut(Schema):
    first_year: int
    horizon: int
    npv: float
    payback_year: int | None
    discounted_payback_year: int | None
    early_gains: float
    total_costs: float
    total_benefits: float
    hours_saved: float
    fte_saved_per_year: float
    sensitivity: list[OutcomeOut]


class PeriodOut(Schema):
    start: date
    end: date
    planned: float
    realised: float | None


class BenefitOut(Schema):
    id: int
    description: str
    kind: str = Field(description="hours, kroner or other.")
    unit: str
    start: date
    end: date
    planned_total: float
    planned_so_far: float
    realised_so_far: float
    share: float | None
    missing: int = Field(description="Periods that have ended without a realised value.")
    periods: list[PeriodOut]


class AutomationOut(Schema):
    id: int
    name: str
    kind: str
    status: str
    hours_saved_per_month: float
    personal_data: bool
    human_review: bool


class InitiativeDetailOut(InitiativeOut):
    purpose: str
    problem: str
    target_group: str
    scope: str
    solution: str
    organisation: str
    timeline: str
    risks: str
    dependencies_text: str
    dpia_note: str
    must_do_reason: str
    depends_on: list[int] = Field(description="Numbers of the initiatives it depends on.")
    business_case: BusinessCaseOut | None
    benefit_items: list[BenefitOut]
    automations: list[AutomationOut]


class BeaconOut(Schema):
    id: int
    title: str
    description: str
    indicator: str
    unit: str
    baseline: float
    baseline_on: date
    target: float
    deadline: date
    published: bool
    latest_value: float | None
    latest_on: date | None
    progress: float | None = Field(
        description="(latest − baseline) / (target − baseline): 0 at the baseline, 1 at target."
    )
    initiative_numbers: list[int]


def _money(m: reports.Money) -> dict[str, Any]:
    return {
        "planned_total": float(m.planned_total),
        "planned_so_far": float(m.planned_so_far),
        "realised_so_far": float(m.realised_so_far),
        "share": m.share,
        "other_unit": m.other,
    }


def _initiative(row: reports.InitiativeRow) -> dict[str, Any]:
    i = row.initiative
    return {
        "number": i.number,
        "title": i.title,
        "stage": i.stage,
        "stage_label": str(Stage(i.stage).label),
        "forvaltning_id": i.forvaltning_id,
        "forvaltning": row.forvaltning,
        "tags": list(i.tags or []),
        "it_systems": list(i.it_systems or []),
        "beacon_ids": row.beacon_ids,
        "must_do": i.must_do,
        "dpia": i.dpia,
        "npv": row.npv,
        "payback_year": row.payback_year,
        "early_gains": row.early_gains,
        "benefits": _money(row.benefits),
    }


@router.get(
    "/initiatives",
    response={200: list[InitiativeOut], **COMMON_ERRORS},
    url_name="portfolio_initiatives",
    operation_id="listPortfolioInitiatives",
    summary="Initiatives with stage, NPV and benefits",
)
def list_initiatives(
    request: HttpRequest,
    stage: Annotated[str, Query(description="Only this stage.", max_length=10)] = "",
    beacon: Annotated[int | None, Query(ge=1, le=2**63 - 1, description="A beacon's id.")] = None,
    forvaltning: Annotated[
        int | None, Query(ge=1, le=2**63 - 1, description="A forvaltning's unit id.")
    ] = None,
) -> list[dict[str, Any]]:
    rows = reports.initiative_rows(
        people.access_of(request, channel="api"),
        stage=stage,
        beacon_id=beacon,
        forvaltning_id=forvaltning,
    )
    return [_initiative(row) for row in rows]


@router.get(
    "/initiatives/{number}",
    response={200: InitiativeDetailOut, **COMMON_ERRORS},
    url_name="portfolio_initiative",
    operation_id="getPortfolioInitiative",
    summary="One initiative: description, business case, benefits, automations",
)
def get_initiative(request: HttpRequest, number: Number) -> dict[str, Any]:
    d = reports.initiative_detail(people.access_of(request, channel="api"), number)
    i = d.row.initiative
    e = d.row.evaluation
    return {
        **_initiative(d.row),
        **{
            name: getattr(i, name)
            for name in (
                "purpose",
                "problem",
                "target_group",
                "scope",
                "solution",
                "organisation",
                "timeline",
                "risks",
                "dependencies_text",
                "dpia_note",
                "must_do_reason",
            )
        },
        "depends_on": d.depends_on,
        "business_case": None
        if e is None
        else {
            "first_year": e.case.first_year,
            "horizon": e.case.horizon,
            "npv": e.npv,
            "payback_year": e.payback_year,
            "discounted_payback_year": e.discounted_payback_year,
            "early_gains": e.early_gains,
            "total_costs": e.total_costs,
            "total_benefits": e.total_benefits,
            "hours_saved": e.hours_saved,
            "fte_saved_per_year": e.fte_saved_per_year,
            "sensitivity": [
                {"key": o.key, "npv": o.npv, "payback_year": o.payback_year} for o in e.sensitivity
            ],
        },
        "benefit_items": [
            {
                "id": line.benefit.pk,
                "description": line.benefit.description,
                "kind": line.benefit.kind,
                "unit": line.unit,
                "start": line.benefit.start,
                "end": line.benefit.end,
                "planned_total": float(line.summary.planned_total),
                "planned_so_far": float(line.summary.planned_so_far),
                "realised_so_far": float(line.summary.realised_so_far),
                "share": line.summary.share,
                "missing": line.summary.missing,
                "periods": [
                    {
                        "start": p.period_start,
                        "end": p.period_end,
                        "planned": float(p.planned),
                        "realised": float(p.realised) if p.realised is not None else None,
                    }
                    for p in line.benefit.periods.all()
                ],
            }
            for line in d.benefits
        ],
        "automations": [
            {
                "id": a.pk,
                "name": a.name,
                "kind": a.kind,
                "status": a.status,
                "hours_saved_per_month": float(a.hours_saved_per_month),
                "personal_data": a.personal_data,
                "human_review": a.human_review,
            }
            for a in d.automations
        ],
    }


@router.get(
    "/beacons",
    response={200: list[BeaconOut], **COMMON_ERRORS},
    url_name="portfolio_beacons",
    operation_id="listPortfolioBeacons",
    summary="Beacons with their latest measurement and progress",
)
def list_beacons(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "id": r.beacon.pk,
            "title": r.beacon.title,
            "description": r.beacon.description,
            "indicator": r.beacon.indicator,
            "unit": r.beacon.unit,
            "baseline": float(r.beacon.baseline),
            "baseline_on": r.beacon.baseline_on,
            "target": float(r.beacon.target),
            "deadline": r.beacon.deadline,
            "published": r.beacon.published,
            "latest_value": float(r.latest.value) if r.latest else None,
            "latest_on": r.latest.measured_on if r.latest else None,
            "progress": r.progress,
            "initiative_numbers": r.initiative_numbers,
        }
        for r in reports.beacon_rows(people.access_of(request, channel="api"))
    ]
