"""REST endpoints of recruitment (mounted in charlie.api at /api/v1/recruitment; docs in
docs/recruitment-pipeline.md): the open ads (public facts), a round's count per stage (HR and the
round's committee; anyone else 404) and the fairness figures (HR and analysts, through disclosure
control: a hidden figure is null). Thin: the services check the permissions and the round."""

# No ``from __future__ import annotations``: django-ninja reads the annotations at run time.
from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from charlie.people import services as people
from charlie.people.api import COMMON_ERRORS
from charlie.recruitment import fairness as calc
from charlie.recruitment.models import Stage
from charlie.recruitment.services import careers, pipeline
from charlie.recruitment.services import fairness as fairness_services

router = Router(tags=["recruitment"])


class AdOut(Schema):
    slug: str
    title: str
    unit: str
    job_family: str = Field(description="The job family's code.")
    employment_type: str = Field(description="schema.org employmentType.")
    weekly_hours: float
    place: str
    postal_code: str
    city: str
    salary_text: str
    deadline: date
    published_at: date | None


class StageCountOut(Schema):
    stage: str = Field(description=", ".join(Stage.values))
    label: str
    applicants: int = Field(description="Applicants in the stage now.")


class RoundOut(Schema):
    slug: str
    title: str
    status: str
    deadline: date
    anonymised_screening: bool
    applicants: int
    stages: list[StageCountOut]


class GroupOut(Schema):
    group: str = Field(
        description="Gender: woman, man, other, unsaid; age band: under_30, 30_39, 40_49, "
        "50_59, 60_plus, unsaid; the total: an empty string."
    )
    applicants: int | None = Field(description="Null: hidden by disclosure control.")
    shortlisted: int | None
    hired: int | None
    shortlist_rate: float | None = Field(description="Shortlisted over applicants (0–1).")
    hire_rate: float | None
    shortlist_ratio: float | None = Field(
        description="The group's shortlist rate over the highest group's (four-fifths rule)."
    )
    hire_ratio: float | None
    shortlist_flag: bool = Field(description="The ratio is below 0.8.")
    hire_flag: bool


class TableOut(Schema):
    total: GroupOut
    groups: list[GroupOut]


class FairnessRoundOut(Schema):
    slug: str
    title: str
    gender: TableOut
    age: TableOut


class FairnessOut(Schema):
    year: int
    min_size: int = Field(description="The smallest group shown.")
    gender: TableOut
    age: TableOut
    rounds: list[FairnessRoundOut]


@router.get(
    "/ads",
    response={200: list[AdOut], **COMMON_ERRORS},
    url_name="recruitment_ads",
    operation_id="listRecruitmentAds",
    summary="Open job ads",
)
def list_ads(request: HttpRequest) -> list[dict[str, Any]]:
    """The published ads whose deadline has not passed: the facts the careers site shows."""
    return [
        {
            "slug": ad.slug,
            "title": ad.title,
            "unit": ad.unit.name,
            "job_family": ad.job_family.code,
            "employment_type": ad.employment_type,
            "weekly_hours": float(ad.weekly_hours),
            "place": ad.place,
            "postal_code": ad.postal_code,
            "city": ad.city,
            "salary_text": ad.salary_text,
            "deadline": ad.deadline,
            "published_at": ad.published_at.date() if ad.published_at else None,
        }
        for ad in careers.open_ads()
    ]


AdSlug = Annotated[str, Path(max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")]


@router.get(
    "/rounds/{ad_slug}",
    response={200: RoundOut, **COMMON_ERRORS},
    url_name="recruitment_round",
    operation_id="getRecruitmentRound",
    summary="A round's applicants per stage",
)
def get_round(request: HttpRequest, ad_slug: AdSlug) -> dict[str, Any]:
    """How many of the round's applicants are in each stage (counts only): HR, and the members
    of the round's committee; 404 for anyone else and for an unknown ad."""
    ad, counts = pipeline.stage_counts(people.access_of(request, channel="api"), ad_slug)
    return {
        "slug": ad.slug,
        "title": ad.title,
        "status": ad.status,
        "deadline": ad.deadline,
        "anonymised_screening": ad.anonymised_screening,
        "applicants": sum(counts.values()),
        "stages": [
            {"stage": s, "label": str(Stage(s).label), "applicants": n} for s, n in counts.items()
        ],
    }


def _group(row: calc.GroupRow) -> dict[str, Any]:
    return {
        "group": row.group,
        "applicants": row.applicants,
        "shortlisted": row.shortlisted,
        "hired": row.hired,
        "shortlist_rate": row.shortlist_rate,
        "hire_rate": row.hire_rate,
        "shortlist_ratio": row.shortlist_ratio,
        "hire_ratio": row.hire_ratio,
        "shortlist_flag": row.shortlist_flag,
        "hire_flag": row.hire_flag,
    }


def _table(table: calc.Table) -> dict[str, Any]:
    return {"total": _group(table.total), "groups": [_group(r) for r in table.rows]}


@router.get(
    "/fairness",
    response={200: FairnessOut, **COMMON_ERRORS},
    url_name="recruitment_fairness",
    operation_id="getRecruitmentFairness",
    summary="Fairness figures of a year",
)
def get_fairness(
    request: HttpRequest,
    year: Annotated[int | None, Query(ge=1900, le=2200)] = None,
) -> dict[str, Any]:
    """Applicants, shortlisted and hired by gender and age band for the year (default: this
    year) and each of its rounds, with selection rates and four-fifths ratios, through
    disclosure control: HR and analysts. A year outside the last five and the next is 404."""
    data = fairness_services.fairness_figures(people.access_of(request, channel="api"), year=year)
    return {
        "year": data.year,
        "min_size": data.min_size,
        "gender": _table(data.release.year["gender"]),
        "age": _table(data.release.year["age"]),
        "rounds": [
            {
                "slug": r.slug,
                "title": r.title,
                "gender": _table(data.release.rounds[r.id]["gender"]),
                "age": _table(data.release.rounds[r.id]["age"]),
            }
            for r in data.rounds
        ],
    }
