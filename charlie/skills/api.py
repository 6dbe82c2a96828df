"""REST endpoints for competence analysis (mounted in charlie.api at /api/v1/skills): the same
answers as ``charlie skills gap`` and ``charlie skills candidates`` (docs/api.md).

Thin: ``skills.services.analysis`` checks the permissions and scope — the gap needs
``READ_SKILLS`` (HR everyone, a manager the people in their units; 404 outside), the candidates
``FIND_CANDIDATES`` (HR) — names only people who opted in and audits every one of them.
"""

# No ``from __future__ import annotations``: django-ninja reads the annotations at run time.
from typing import Any, Literal

from django.http import HttpRequest, HttpResponse
from ninja import Field, Query, Router, Schema

from charlie.core.csv_writer import csv_text
from charlie.people import services as people
from charlie.people.api import COMMON_ERRORS
from charlie.privacy.access import Access
from charlie.skills.cli.analysis_candidates import COLUMNS, as_json
from charlie.skills.services import analysis

router = Router(tags=["skills"])


def _access(request: HttpRequest) -> Access:
    return people.access_of(request, channel="api")


class GapLineOut(Schema):
    skill_id: int
    skill: str
    required_level: int
    held_level: int = Field(description="0: not held (or its evidence has expired).")
    missing_levels: int
    essential: bool


class GapOut(Schema):
    employee_number: str
    role: str
    role_version: int
    role_name: str
    coverage: float = Field(description="Weighted coverage 0–1 (docs/skills.md).")
    hours_to_close: float
    required: list[GapLineOut]
    held: list[GapLineOut]
    missing: list[GapLineOut]


@router.get(
    "/gap/{employee}/{profile}",
    response={200: GapOut, **COMMON_ERRORS},
    url_name="skills_gap",
    operation_id="getSkillsGap",
    summary="One employee against a role profile",
)
def gap(request: HttpRequest, employee: str, profile: str) -> dict[str, Any]:
    """The employee (by employee number) against the current version of the role profile
    with the code ``profile``: required, held and missing, with levels. HR, and a manager for
    the people in their units; others 403; outside scope 404. Audited."""
    return analysis.person_gap_by_number(_access(request), employee, profile).as_json()


class CandidateOut(Schema):
    rank: int
    employee_number: str
    name: str
    unit: str
    coverage: float
    hours_to_close: float
    missing: str


class BandOut(Schema):
    coverage: str
    count: int | None = Field(description="Null: hidden by disclosure control.")


class OthersOut(Schema):
    total: int | None
    bands: list[BandOut]


class CandidatesOut(Schema):
    role: str
    role_version: int
    role_name: str
    by_year: int
    hours_per_year: float
    candidates: list[CandidateOut] = Field(description="Only employees who opted in.")
    opted_in: int
    others: OthersOut = Field(description="Everyone else, as counts.")
    reskillable_by_year: int | None
    reskillable_opted_in: int
    min_group_size: int


_CSV_DOC = {
    "responses": {
        200: {
            "content": {
                "text/csv": {
                    "schema": {
                        "type": "string",
                        "description": "format=csv: columns " + ", ".join(COLUMNS) + ".",
                    }
                }
            }
        }
    }
}


@router.get(
    "/candidates/{profile}",
    response={200: CandidatesOut, **COMMON_ERRORS},
    url_name="skills_candidates",
    operation_id="getSkillsCandidates",
    summary="Re-skilling candidates for a role profile",
    openapi_extra=_CSV_DOC,
)
def candidates(
    request: HttpRequest,
    profile: str,
    top: int = Query(analysis.DEFAULT_TOP, ge=1, le=analysis.MAX_TOP),
    year: int = Query(analysis.DEFAULT_BY_YEAR, ge=2000, le=2100),
    hours_per_year: float = Query(analysis.DEFAULT_HOURS_PER_YEAR, gt=0, le=2000),
    output: Literal["json", "csv"] = Query("json", alias="format"),
) -> Any:
    """Employees outside the role's job family ranked by closeness; named only where they
    opted in (each audited as proposed). HR only; others 403."""
    result = analysis.candidates(
        _access(request), profile, top=top, by_year=year, hours_per_year=hours_per_year
    )
    if output == "csv":
        rows = result.as_rows()
        body = csv_text([COLUMNS, *[[r[c] for c in COLUMNS] for r in rows]])
        return HttpResponse(body, content_type="text/csv; charset=utf-8")
    return as_json(result)
