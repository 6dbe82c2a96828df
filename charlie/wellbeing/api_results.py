"""REST endpoints of wellbeing's results (mounted in charlie.api at /api/v1/wellbeing; docs in
docs/api.md and docs/wellbeing-results.md): the surveys the caller may see, and a closed
survey's figures by unit, dimension or question through disclosure control (a hidden group has
``"suppressed": true`` and null figures). HR and analysts every unit, a manager their own
units; others 403. Thin: the services check the permission, the survey and the unit."""

# No ``from __future__ import annotations``: django-ninja reads the annotations at run time.
from datetime import date
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from charlie.people import services as people
from charlie.people.api import COMMON_ERRORS
from charlie.wellbeing.services import results

router = Router(tags=["wellbeing"])

Id = Annotated[int, Path(ge=1, le=2**63 - 1)]


class SurveyOut(Schema):
    id: int
    name: str
    kind: str = Field(description="wellbeing, apv, pulse, onboarding or other.")
    status: str = Field(description="open or closed (drafts are not listed).")
    opens_on: date
    closes_on: date
    min_group: int = Field(description="The smallest group shown.")
    min_sensitive: int = Field(description="The smallest group shown for offensive behaviour.")
    previous_id: int | None = Field(description="The round the results are compared with.")
    pulse_series_id: int | None
    results: bool = Field(description="Whether the survey has results (it is closed).")


class ResultRowOut(Schema):
    """One group's figures; which fields are filled depends on ``by`` (see docs/api.md)."""

    unit_id: int | None = Field(description="Null: the whole survey.")
    unit_code: str
    unit: str
    parent_id: int | None = None
    level: int = Field(description="0 the whole survey, 1 a top unit, 2 below it, …")
    suppressed: bool = Field(description="The group is hidden: every figure is null.")
    min_group: int = Field(description="The threshold this figure is decided on.")
    count: int | None = Field(
        description="Responses (by=unit) or answers (by=dimension/question); null when hidden."
    )
    score: float | None = Field(None, description="Mean score 0–100 (100 the most favourable).")
    favourable: float | None = Field(None, description="Share (0–1) in the two best options.")
    invited: int | None = None
    answered: int | None = None
    response_rate: float | None = None
    dimension: str | None = None
    dimension_name: str | None = None
    question: str | None = None
    question_text: str | None = None
    kind: str | None = None
    sensitive: bool | None = None
    exposed: float | None = Field(
        None, description="Offensive behaviour: the share (0–1) answering other than 'Nej'."
    )
    mean: float | None = Field(None, description="A number question's mean.")
    distribution: dict[str, int] | None = Field(
        None, description="Answers per option value (a question's, when shown)."
    )
    municipality: float | None = Field(None, description="The whole survey's figure.")
    previous: float | None = Field(None, description="The previous round's figure.")
    municipality_score: float | None = None
    previous_score: float | None = None


@router.get(
    "/surveys",
    response={200: list[SurveyOut], **COMMON_ERRORS},
    url_name="wellbeing_surveys",
    operation_id="listWellbeingSurveys",
    summary="Surveys with results or response rates",
)
def list_surveys(request: HttpRequest) -> list[dict[str, Any]]:
    """The sent surveys the caller may see: every one for HR and analysts, those that reached
    a manager's units for a manager."""
    return [
        {
            "id": s.id,
            "name": s.name,
            "kind": s.kind,
            "status": s.status,
            "opens_on": s.opens_on,
            "closes_on": s.closes_on,
            "min_group": s.min_group,
            "min_sensitive": s.min_sensitive,
            "previous_id": s.previous_id,
            "pulse_series_id": s.pulse_id,
            "results": s.has_results,
        }
        for s in results.survey_list(people.access_of(request, channel="api"))
    ]


@router.get(
    "/surveys/{survey_id}/results",
    response={200: list[ResultRowOut], **COMMON_ERRORS},
    url_name="wellbeing_survey_results",
    operation_id="getWellbeingSurveyResults",
    summary="A closed survey's figures by unit, dimension or question",
)
def get_results(
    request: HttpRequest,
    survey_id: Id,
    by: Annotated[Literal["unit", "dimension", "question"], Query()] = "unit",
    unit: Annotated[
        int | None, Query(ge=1, le=2**63 - 1, description="A unit's id (sub-units included).")
    ] = None,
) -> list[dict[str, Any]]:
    """``by=unit``: every unit in the caller's scope (under ``unit``), after the whole survey;
    ``by=dimension`` or ``by=question``: those of ``unit`` (default: the whole survey). 404 for
    a survey or unit outside the caller's scope; 422 while the survey is open."""
    return results.result_rows(
        people.access_of(request, channel="api"), survey_id, by=by, unit_id=unit
    )
