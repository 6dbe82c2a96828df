"""REST endpoints for the people core: org units, people and employments (mounted in charlie.api).

Thin: every endpoint calls ``charlie.people.services``, which applies the caller's scope, and
turns the result into a schema. Errors (403/404/422) are mapped to JSON in ``charlie.api``.
No CPR number exists to expose; user accounts and password hashes are never part of a schema.
"""

# No ``from __future__ import annotations``: django-ninja reads the annotations at run time.
from collections.abc import Iterator
from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from charlie.core.errors import NotFound
from charlie.people import services
from charlie.people.models import Employment, Gender, OrgUnitKind, Person
from charlie.privacy.access import Access

# --- Schemas ---


class ErrorOut(Schema):
    """Every error except request validation: a message for people, in the user's language."""

    detail: str = Field(description="What went wrong and, where possible, how to fix it.")


class ValidationErrorOut(Schema):
    """Request validation failed (422): one entry per problem."""

    detail: list[dict[str, Any]] = Field(
        description="Problems found, each with `loc` (where), `msg` (what) and `type`."
    )


#: Answers every authenticated endpoint may give besides 200.
COMMON_ERRORS: dict[int, Any] = {
    401: ErrorOut,
    403: ErrorOut,
    404: ErrorOut,
    422: ValidationErrorOut,
}


class OrgUnitOut(Schema):
    """An organisation unit that is open today. The tree is flat: follow ``parent_id``."""

    id: int
    name: str
    short_name: str = Field(description="Short name; empty when none.")
    kind: OrgUnitKind = Field(
        description="Level in the tree: kommune, forvaltning, omraade, institution or afdeling."
    )
    parent_id: int | None = Field(description="The parent unit; null for the root.")
    path: str = Field(description="Materialised path of unit ids from the root, e.g. `/1/4/17/`.")
    depth: int = Field(description="0 for the root.")
    manager_id: int | None = Field(description="The person who manages the unit, if any.")
    headcount: int | None = Field(
        description=(
            "People employed today in this unit and all units below it; null when disclosure "
            "control hides it (fewer than the minimum group size, default 5, or a sibling's "
            "complement)."
        )
    )
    headcount_suppressed: bool = Field(description="True when the headcount is hidden.")
    valid_from: date
    valid_to: date | None = Field(description="Closing date, if one is set.")


class PersonSummaryOut(Schema):
    """A person as listed in search results."""

    id: int
    employee_number: str
    first_name: str
    last_name: str


class PersonOut(PersonSummaryOut):
    """A person's master data. The CPR number is never stored, so it is never shown."""

    birth_date: date
    gender: Gender = Field(description="Legal gender derived from the CPR number: K or M.")
    email: str = Field(description="Work e-mail; empty when unknown.")
    phone: str = Field(description="Work phone; empty when unknown.")


class EmploymentOut(Schema):
    """An employment (ansættelse): one person in one org unit from a start to an end date."""

    id: int
    person_id: int
    org_unit_id: int
    org_unit_name: str
    job_title: str
    job_family: str = Field(description="Job family code (stillingskategori), e.g. `sosu`.")
    job_family_name: str
    agreement: str = Field(description="Collective agreement; empty when unknown.")
    weekly_hours: float = Field(description="Agreed weekly hours; 37 is full time.")
    start_date: date
    notice_date: date | None = Field(
        description="The day notice was given (opsagt den); null when none is recorded."
    )
    end_date: date | None = Field(description="Last day; null while the employment runs.")
    end_reason: str | None = Field(description="Why it ended; null while it runs.")

    @staticmethod
    def resolve_org_unit_name(obj: Employment) -> str:
        return obj.org_unit.name

    @staticmethod
    def resolve_job_family(obj: Employment) -> str:
        return obj.job_family.code

    @staticmethod
    def resolve_job_family_name(obj: Employment) -> str:
        return obj.job_family.name

    @staticmethod
    def resolve_weekly_hours(obj: Employment) -> float:
        return float(obj.weekly_hours)

    @staticmethod
    def resolve_end_reason(obj: Employment) -> str | None:
        return obj.end_reason or None


class Pagination(LimitOffsetPagination):
    """limit/offset paging with bounds, so a request can never ask the database for absurd
    slices (an offset beyond a 64-bit integer would otherwise fail in the database).

    The page returned is recorded in the audit log (``services.record_page_read``): one read per
    person on the page, through the API channel."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=500, description="Items per page (at most 500).")
        offset: int = Field(0, ge=0, le=10_000_000, description="Items to skip.")

    def paginate_queryset(
        self, queryset: Any, pagination: Any, request: HttpRequest, **params: Any
    ) -> Any:
        page = super().paginate_queryset(queryset, pagination, request, **params)
        items = list(page[self.items_attribute])
        url_name = getattr(request.resolver_match, "url_name", "") or ""
        services.record_page_read(_access(request), items, detail=f"api:{url_name}")
        page[self.items_attribute] = items
        return page


#: An id in a path: positive and within a 64-bit primary key.
Id = Annotated[int, Path(ge=1, le=2**63 - 1)]
#: Free-text search; NUL cannot be stored in PostgreSQL text and is refused.
SearchText = Annotated[
    str,
    Query(
        max_length=100,
        pattern=r"^[^\x00]*$",
        description="Words that must all occur in the name, or an exact employee number.",
    ),
]


def _access(request: HttpRequest) -> Access:
    """The caller (token or session, as the API's auth classes set ``request.user``), on the
    API channel."""
    return services.access_of(request, channel="api")


# --- Org units ---

org_units_router = Router(tags=["org-units"])


def _flatten(nodes: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    for node in nodes:
        unit = node["unit"]
        yield {
            "id": unit.pk,
            "name": unit.name,
            "short_name": unit.short_name,
            "kind": unit.kind,
            "parent_id": unit.parent_id,
            "path": unit.path,
            "depth": unit.depth,
            "manager_id": unit.manager_id,
            "headcount": node["headcount"],
            "headcount_suppressed": node["headcount"] is None,
            "valid_from": unit.valid_from,
            "valid_to": unit.valid_to,
        }
        yield from _flatten(node["children"])


@org_units_router.get(
    "",
    response={200: list[OrgUnitOut], **COMMON_ERRORS},
    url_name="org_units",
    operation_id="listOrgUnits",
    summary="List the organisation tree",
)
def list_org_units(request: HttpRequest) -> list[dict[str, Any]]:
    """All units open today, depth-first from the root, with headcounts. Every role may read
    the tree: units and managers are not private in a municipality."""
    return list(_flatten(services.org_tree()))


@org_units_router.get(
    "/{unit_id}",
    response={200: OrgUnitOut, **COMMON_ERRORS},
    url_name="org_unit",
    operation_id="getOrgUnit",
    summary="One organisation unit",
)
def get_org_unit(request: HttpRequest, unit_id: Id) -> dict[str, Any]:
    """One unit that is open today; 404 for a closed or unknown unit."""
    for row in _flatten(services.org_tree()):
        if row["id"] == unit_id:
            return row
    raise NotFound


# --- People ---

people_router = Router(tags=["people"])


@people_router.get(
    "",
    response={200: list[PersonSummaryOut], **COMMON_ERRORS},
    url_name="people",
    operation_id="listPeople",
    summary="Search people in your scope",
)
@paginate(Pagination)
def list_people(request: HttpRequest, q: SearchText = "") -> Any:
    """People you may see, by name: HR sees everyone, a manager the people employed in their
    units' sub-trees and themselves. Other roles get 403."""
    return services.find_people(_access(request), q.strip())


@people_router.get(
    "/{person_id}",
    response={200: PersonOut, **COMMON_ERRORS},
    url_name="person",
    operation_id="getPerson",
    summary="One person",
)
def get_person(request: HttpRequest, person_id: Id) -> Person:
    """A person in your scope (everyone may read their own record); 404 otherwise, so whether
    someone outside your scope exists is not revealed."""
    return services.get_person(_access(request), person_id)


@people_router.get(
    "/{person_id}/employments",
    response={200: list[EmploymentOut], **COMMON_ERRORS},
    url_name="person_employments",
    operation_id="listPersonEmployments",
    summary="A person's employments",
)
def list_person_employments(request: HttpRequest, person_id: Id) -> Any:
    """All employments of a person in your scope, past and present, newest first. A manager
    sees only the employments in their own units."""
    return list(services.employments_of_person(_access(request), person_id))


# --- Employments ---

employments_router = Router(tags=["employments"])


@employments_router.get(
    "",
    response={200: list[EmploymentOut], **COMMON_ERRORS},
    url_name="employments",
    operation_id="listEmployments",
    summary="Employments in your scope",
)
@paginate(Pagination)
def list_employments(
    request: HttpRequest,
    current: Annotated[
        bool, Query(description="Only employments running today (default), or all.")
    ] = True,
    org_unit: Annotated[
        int | None,
        Query(ge=1, le=2**63 - 1, description="Only this unit and the units below it."),
    ] = None,
) -> Any:
    """HR sees all employments, a manager those in their units' sub-trees and their own.
    Other roles get 403."""
    return services.find_employments(_access(request), current_only=current, org_unit_id=org_unit)
