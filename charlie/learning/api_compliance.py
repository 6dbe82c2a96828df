"""REST endpoint of mandatory training (mounted in charlie.api at /api/v1/learning/compliance):
the same rows as ``charlie learning compliance`` (docs/api.md), paged.

Thin: ``learning.services.compliance`` checks ``READ_LEARNING`` and the scope (HR everyone, a
manager the people employed in their units; a unit outside the scope is 404) and records every
person on the page as read, on the API channel.
"""

# No ``from __future__ import annotations``: django-ninja reads the annotations at run time.
from datetime import date
from typing import Annotated, Any, Literal

from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema

from charlie.core.api_types import IsoDate
from charlie.core.errors import ValidationFailed
from charlie.learning.services import compliance
from charlie.people import services as people
from charlie.people.api import COMMON_ERRORS

router = Router(tags=["learning"])


class ComplianceRowOut(Schema):
    employee_number: str
    name: str
    unit: str
    rule: str
    last_completion: date | None = Field(description="Null: never completed.")
    valid_until: date | None = Field(description="Null: never expires, or never completed.")
    due_on: date | None = Field(
        description="The last valid day, or for one who never completed it the end of the "
        "grace period; null when it never expires."
    )
    status: Literal["ok", "due", "overdue", "never"]


class CompliancePageOut(Schema):
    count: int
    items: list[ComplianceRowOut]


UnitCode = Annotated[
    str, Query(max_length=50, pattern=r"^[^\x00]*$", description="Unit code (with sub-units).")
]


@router.get(
    "",
    response={200: CompliancePageOut, **COMMON_ERRORS},
    url_name="learning_compliance",
    operation_id="listLearningCompliance",
    summary="Mandatory training per person and rule",
)
def compliance_rows(
    request: HttpRequest,
    unit: UnitCode = "",
    on: IsoDate | None = None,
    status: Literal["", "ok", "due", "overdue", "never"] = "",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    """One page of people and rules, overdue first, on the day ``on`` (default today): HR
    everyone, a manager the people employed in their units; others 403. Audited."""
    access = people.access_of(request, channel="api")
    try:
        unit_id = compliance.unit_by_code(unit) if unit else None
    except ValidationFailed as error:  # an unknown unit is a resource that is not there
        raise Http404(error.messages[0]) from error
    count, rows = compliance.compliance_page(
        access,
        compliance.Filter(unit_id=unit_id, on=on, status=status),
        offset=offset,
        limit=limit,
        detail="api:learning_compliance",
    )
    return {"count": count, "items": [row.as_dict() for row in rows]}
