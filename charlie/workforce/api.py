"""REST endpoints for the workforce plan (mounted in charlie.api at /api/v1/workforce): the same
answers as ``charlie workforce pension-age|project|backtest`` (docs/api.md).

Thin: ``workforce.services`` checks the permission (``workforce.permissions.READ_PLAN``: HR,
analysts, managers; a manager's plan covers their units) and applies disclosure control; the
JSON shapes come from ``workforce.serialise``, which the command uses too, so both interfaces
answer alike. ``pension-age`` is a rule, not a person's data: every authenticated user may ask
it, and nothing is audited.
"""

# No ``from __future__ import annotations``: django-ninja reads the annotations at run time.
import re
from datetime import date, datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema
from pydantic import AfterValidator, BeforeValidator, WithJsonSchema

from charlie.core.csv_writer import csv_text
from charlie.people import services as people
from charlie.people.api import COMMON_ERRORS
from charlie.privacy.access import Access
from charlie.workforce import serialise, services

router = Router(tags=["workforce"])


def _access(request: HttpRequest) -> Access:
    """The caller (token or session, as the API's auth classes set ``request.user``), on the
    API channel."""
    return people.access_of(request, channel="api")


def _iso_text(value: Any) -> Any:
    """Only ÅÅÅÅ-MM-DD: pydantic would also read a number such as 0 as a Unix time."""
    if not isinstance(value, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value):
        raise ValueError("Skriv fødselsdatoen som ÅÅÅÅ-MM-DD, fx 1971-01-01.")
    return value


def _birth_in_range(value: date) -> date:
    if not serialise.FIRST_BIRTH <= value <= serialise.LAST_BIRTH:
        raise ValueError("Fødselsdatoen skal ligge mellem 1800-01-01 og 2099-12-31.")
    return value


#: A date whose range OpenAPI states with a pattern (JSON Schema has no minimum for dates).
BirthDate = Annotated[
    date,
    BeforeValidator(_iso_text),
    AfterValidator(_birth_in_range),
    WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "pattern": r"^(18|19|20)[0-9]{2}-[0-9]{2}-[0-9]{2}$",
            "description": "Fødselsdato, ÅÅÅÅ-MM-DD (1800–2099).",
        }
    ),
]


# --- Pension age ------------------------------------------------------------------------------


class RuleAgeOut(Schema):
    """An age a rule sets, the day it is reached, and whether it is law."""

    age: float = Field(description="The age in years: 65.5 for 65½.")
    years: int
    months: int = Field(description="0 or 6 under today's rules.")
    reached_on: date = Field(description="The day the age is reached.")
    legislated: bool = Field(description="False where the figure is not (yet) law.")
    note: str = Field(description="What is uncertain about it, in Danish; empty when nothing.")


class WindowOut(Schema):
    """When an early-retirement scheme could run. Information only: the authorities decide."""

    earliest: date = Field(
        description=(
            "The first day it can be paid: the 1st of the month after the age condition is met "
            "(pensionsloven § 33)."
        )
    )
    ends: date = Field(description="The folkepension date; the scheme runs up to it.")
    apply_from: date | None
    conditions: str = Field(description="The other conditions, in Danish.")


class PensionAgeOut(Schema):
    birth_date: date
    folkepension: RuleAgeOut = Field(description="Pensionsloven § 1 a.")
    folkepension_payable_from: date = Field(
        description="The 1st of the month after folkepensionsalder is reached."
    )
    efterloen: RuleAgeOut | None = Field(description="Efterlønsalder (not membership).")
    tidlig_pension: WindowOut | None = Field(description="Null for cohorts without the scheme.")
    seniorpension: WindowOut | None = Field(description="Null for cohorts without the scheme.")


@router.get(
    "/pension-age",
    response={200: PensionAgeOut, **COMMON_ERRORS},
    url_name="workforce_pension_age",
    operation_id="getPensionAge",
    summary="Pension ages for a birth date",
)
def pension_age(
    request: HttpRequest,
    birth_date: BirthDate,
) -> dict[str, Any]:
    """Folkepensionsalder and the day it is reached (pensionsloven § 1 a), efterlønsalder and
    the tidlig pension and seniorpension windows for anyone born on ``birth_date``. A rule, no
    personal data: every authenticated user."""
    return serialise.pension_as_dict(birth_date)


# --- Scenarios --------------------------------------------------------------------------------


class ScenarioOut(Schema):
    id: int
    name: str
    illustrative: bool = Field(description="An example built on national figures, no forecast.")
    description: str = Field(description="The assumptions, in Danish.")
    updated_at: datetime


@router.get(
    "/scenarios",
    response={200: list[ScenarioOut], **COMMON_ERRORS},
    url_name="workforce_scenarios",
    operation_id="listWorkforceScenarios",
    summary="Demand scenarios",
)
def scenarios(request: HttpRequest) -> list[dict[str, Any]]:
    """Every scenario (they hold no personal data). HR, analysts and managers."""
    return [
        {
            "id": s.pk,
            "name": s.name,
            "illustrative": s.illustrative,
            "description": s.description,
            "updated_at": s.updated_at,
        }
        for s in services.scenarios(_access(request))
    ]


# --- The projection ---------------------------------------------------------------------------


class BandOut(Schema):
    """The 10th, 50th and 90th percentile and the mean over the simulated runs."""

    p10: float
    p50: float
    p90: float
    mean: float


class YearOut(Schema):
    year: int
    headcount: BandOut
    fte: BandOut
    retirements: BandOut
    other_exits: BandOut
    exits: BandOut
    recruitment: BandOut = Field(description="Hires needed to meet the demand.")
    demand: float = Field(description="Headcount the scenario asks for.")
    demand_fte: float


class PlanRowOut(Schema):
    """One job family, forvaltning or the total. Hidden rows (too few people today, or needed
    to stop subtraction) have ``headcount`` null and no years."""

    key: str
    label: str
    hidden: bool
    headcount: int | None = Field(description="People employed on the base date.")
    base_fte: float | None
    years: list[YearOut]


class PlanScenarioOut(Schema):
    id: int
    name: str
    illustrative: bool


class PlanOut(Schema):
    scenario: PlanScenarioOut
    base_date: date
    years: list[int]
    runs: int
    seed: int
    model_fitted_on: list[int]
    min_group_size: int
    scope: str = Field(description="Whose staff the plan covers, in Danish.")
    job_family: list[PlanRowOut]
    forvaltning: list[PlanRowOut]
    total: PlanRowOut


_CSV_DOC = {
    "responses": {
        200: {
            "content": {
                "text/csv": {
                    "schema": {
                        "type": "string",
                        "description": (
                            "format=csv: semicolon-separated, UTF-8; columns dimension, key, "
                            "label, year, measure, p10, p50, p90, mean."
                        ),
                    }
                }
            }
        }
    }
}


@router.get(
    "/project",
    response={200: PlanOut, **COMMON_ERRORS},
    url_name="workforce_project",
    operation_id="getWorkforceProjection",
    summary="Project the workforce for a scenario",
    openapi_extra=_CSV_DOC,
)
def project(
    request: HttpRequest,
    scenario: str | None = Query(
        None, description="Scenario name; default: the first by name, illustrative ones last."
    ),
    to: int = Query(
        services.DEFAULT_TO_YEAR,
        ge=2000,
        le=2100,
        description="Last year: after this year, at most 2100.",
    ),
    output: Literal["json", "csv"] = Query("json", alias="format"),
    runs: int = Query(services.DEFAULT_RUNS, ge=services.MIN_RUNS, le=services.MAX_RUNS),
    seed: int = Query(services.DEFAULT_SEED, ge=0, le=2**32 - 1),
) -> Any:
    """The projection from today to ``to`` (after this year), per job family, forvaltning and
    in total, disclosure-controlled. HR and analysts: the municipality; a manager: their units;
    others 403. An unknown scenario is 404."""
    access = _access(request)
    chosen = services.get_scenario(access, name=scenario)
    result = services.plan(access, chosen, to_year=to, runs=runs, seed=seed)
    if output == "csv":
        body = csv_text(serialise.plan_csv_rows(result))
        return HttpResponse(body, content_type="text/csv; charset=utf-8")
    return serialise.plan_as_dict(result)


# --- The model --------------------------------------------------------------------------------


class BacktestYearOut(Schema):
    year: int
    actual: int | None = Field(
        description="Exits that happened in the followed cohort; null below the minimum group size."
    )
    model: float = Field(description="Exits the model expected.")
    baseline: float = Field(description="Exits the naive baseline expected.")


class BacktestOut(Schema):
    """Fit on the years before, follow the staff of 1 January of the first tested year."""

    fitted_on: list[int]
    years: list[int]
    cohort_size: int
    model_error: float = Field(description="Weighted absolute % error per job family × year.")
    model_total_error: float = Field(description="The same over the yearly totals.")
    baseline_error: float
    baseline_total_error: float
    per_year: list[BacktestYearOut]


class RetirementRateOut(Schema):
    years_to_pension: int = Field(description="Pension year minus the year (−2 … 13, clipped).")
    rate: float
    retirements: int | None = Field(description="Null below the minimum group size.")


class SeniorityOut(Schema):
    first_januaries_from: int = Field(description="1 Januaries in the stay, from (1 = new).")
    first_januaries_to: int | None = Field(description="… to; null: or more.")
    factor: float = Field(description="Factor on other exits; 1 on average.")


class ModelOut(Schema):
    """Counts of people are null when below the minimum group size (disclosure control)."""

    fitted_on: list[int]
    person_years: int | None
    retirements: int | None
    other_exits: int | None
    hires: int | None
    min_group_size: int
    k: float = Field(description="Prior strength in person-years (shrinkage).")
    backtest: BacktestOut | None
    backtest_problem: str | None = Field(description="Why there is no backtest, in Danish.")
    seniority_factors: list[SeniorityOut]
    retirement_by_years_to_pension: list[RetirementRateOut]


@router.get(
    "/model",
    response={200: ModelOut, **COMMON_ERRORS},
    url_name="workforce_model",
    operation_id="getWorkforceModel",
    summary="The exit model and its backtest",
)
def exit_model(request: HttpRequest) -> dict[str, Any]:
    """How the exit model was fitted, and how well it predicted the last three complete years
    next to a naive baseline. HR, analysts and managers (municipality-wide aggregates)."""
    report = services.model_report(_access(request))
    return serialise.model_report_as_dict(report)
