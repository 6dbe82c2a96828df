"""REST endpoints of the course catalogue (mounted in charlie.api at /api/v1/learning/courses):
the same search and filters as the catalogue page, and one course with its skills and upcoming
sessions (docs/api.md). No personal data; every role with the catalogue may read it."""

# No ``from __future__ import annotations``: django-ninja reads the annotations at run time.
from datetime import date, datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.urls import reverse
from ninja import Field, Query, Router, Schema

from charlie.core.api_types import IsoDate
from charlie.learning import services
from charlie.learning.models import CourseFormat
from charlie.people import services as people
from charlie.people.api import COMMON_ERRORS

router = Router(tags=["learning"])

SearchText = Annotated[
    str,
    Query(
        max_length=100,
        pattern=r"^[^\x00]*$",
        description="Words in the title, description or provider, or the exact code.",
    ),
]


class CourseOut(Schema):
    code: str
    title: str
    format: str = Field(description=", ".join(CourseFormat.values))
    provider: str
    hours: float
    price: float = Field(description="Kroner.")
    requires_approval: bool
    active: bool
    next_start: datetime | None = None


class CoursePageOut(Schema):
    count: int
    page: int
    pages: int
    items: list[CourseOut]


class SkillOut(Schema):
    skill_id: int
    name: str
    level: int


class SessionOut(Schema):
    id: int
    starts_at: datetime
    ends_at: datetime
    place: str
    seats: int
    free_seats: int
    registration_deadline: date
    cancelled: bool
    ical_url: str


class CourseDetailOut(CourseOut):
    description: str
    valid_months: int | None
    job_families: list[str]
    skills: list[SkillOut]
    sessions: list[SessionOut]


def _course(c: Any) -> dict[str, Any]:
    return {
        "code": c.code,
        "title": c.title,
        "format": c.format,
        "provider": c.provider,
        "hours": float(c.hours),
        "price": float(c.price),
        "requires_approval": c.requires_approval,
        "active": c.active,
        "next_start": getattr(c, "next_start", None),
    }


@router.get(
    "",
    response={200: CoursePageOut, **COMMON_ERRORS},
    url_name="learning_courses",
    operation_id="listCourses",
    summary="Search the course catalogue",
)
def list_courses(
    request: HttpRequest,
    q: SearchText = "",
    skill: Annotated[int | None, Query(ge=1, le=2**63 - 1)] = None,
    job_family: Annotated[str, Query(max_length=50, pattern=r"^[-a-z0-9_]*$")] = "",
    format: Annotated[str, Query(max_length=12, pattern=r"^[a-z_]*$")] = "",
    starts_from: IsoDate | None = None,
    starts_to: IsoDate | None = None,
    page: Annotated[int, Query(ge=1, le=1_000_000)] = 1,
) -> dict[str, Any]:
    """Active courses (HR also inactive ones), 25 a page, filtered like the catalogue page:
    by skill id, job family code, format and a date range that a session starts in."""
    access = people.access_of(request, channel="api")
    f = services.CourseFilter(
        q=q.strip(),
        skill_id=skill,
        job_family_id=services.job_family_id(job_family) if job_family else None,
        format=format,
        starts_from=starts_from,
        starts_to=starts_to,
    )
    found = services.search_courses(access, f, page)
    return {
        "count": found.paginator.count,
        "page": found.number,
        "pages": found.paginator.num_pages,
        "items": [_course(c) for c in found.object_list],
    }


@router.get(
    "/{code}",
    response={200: CourseDetailOut, **COMMON_ERRORS},
    url_name="learning_course",
    operation_id="getCourse",
    summary="One course with its skills and sessions",
)
def get_course(request: HttpRequest, code: str) -> dict[str, Any]:
    """A course by its code with the skills and levels it gives, the target job families and
    the upcoming sessions with free seats; 404 for an unknown (or, to non-HR, inactive) code."""
    d = services.course_detail(people.access_of(request, channel="api"), code)
    return {
        **_course(d.course),
        "description": d.course.description,
        "valid_months": d.course.valid_months,
        "job_families": [f.code for f in d.job_families],
        "skills": [{"skill_id": s.skill_id, "name": s.name, "level": s.level} for s in d.skills],
        "sessions": [
            {
                "id": line.session.pk,
                "starts_at": line.session.starts_at,
                "ends_at": line.session.ends_at,
                "place": line.session.place,
                "seats": line.session.seats,
                "free_seats": line.free,
                "registration_deadline": line.session.registration_deadline,
                "cancelled": line.session.cancelled,
                "ical_url": request.build_absolute_uri(
                    reverse("learning:session_ical", args=[line.session.pk])
                ),
            }
            for line in d.sessions
        ],
    }
