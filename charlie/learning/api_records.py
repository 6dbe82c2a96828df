"""REST endpoint for one person's completions (mounted in charlie.api at
/api/v1/learning/completions; docs/api.md "Learning"). Thin: ``services.records`` checks the
permission (HR, a manager within their units; 404 outside) and audits the read."""

# No ``from __future__ import annotations``: django-ninja reads the annotations at run time.
import datetime as dt
from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from charlie.learning.services import records
from charlie.people import services as people
from charlie.people.api import COMMON_ERRORS

router = Router(tags=["learning"])


class CompletionOut(Schema):
    course_code: str
    course_title: str
    completed_on: dt.date
    result: str = Field(description="completed, passed or failed.")
    source: str = Field(description="session, module, import, xapi or manual.")
    valid_until: dt.date | None = Field(description="Null: never expires.")
    hours: Decimal
    cost: Decimal


class CompletionsOut(Schema):
    employee_number: str
    total: int
    offset: int
    completions: list[CompletionOut]


class PageIn(Schema):
    offset: int = Field(0, ge=0)
    limit: int = Field(100, ge=1, le=records.MAX_LIMIT)


@router.get(
    "/{employee}",
    response={200: CompletionsOut, **COMMON_ERRORS},
    url_name="learning_completions",
    operation_id="getLearningCompletions",
    summary="One employee's completed courses",
)
def completions(request: HttpRequest, employee: str, page: Query[PageIn]) -> dict[str, Any]:
    """The employee's (by employee number) completed courses, newest first, wherever they ran.
    HR, and a manager for the people in their units; others 403; outside scope 404. Audited."""
    found = records.completions_of(
        people.access_of(request, channel="api"), employee, offset=page.offset, limit=page.limit
    )
    return {
        "employee_number": found.employee_number,
        "total": found.total,
        "offset": page.offset,
        "completions": [
            {
                "course_code": c.course.code,
                "course_title": c.course.title,
                "completed_on": c.completed_on,
                "result": c.result,
                "source": c.source,
                "valid_until": c.valid_until,
                "hours": c.hours,
                "cost": c.cost,
            }
            for c in found.completions
        ],
    }
