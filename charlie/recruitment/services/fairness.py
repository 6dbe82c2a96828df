"""Fairness figures (issue 15, point 7): per round and per year, applicants, shortlisted and
hired by gender and by age band, selection rates and the four-fifths ratio — for HR and analysts
(``READ_FAIRNESS``), through disclosure control, never per person and never naming anyone
(``recruitment.fairness`` states the rules and the release).

A round belongs to the year of its ad's deadline. Every application to the year's ads counts as
an applicant (also one later withdrawn); who was shortlisted and hired is read from the
pipeline's history (``StageChange``) and the current stage. Applicants are told apart by their
e-mail address, so someone who applied twice counts once in a figure. The release is cached
until an application or a move changes (``apps.py`` bumps ``recruitment_fairness``).
"""

from __future__ import annotations

from dataclasses import dataclass

from charlie.core.cache import cached
from charlie.core.errors import NotFound
from charlie.core.services import min_group_size
from charlie.privacy.access import Access
from charlie.recruitment import fairness as calc
from charlie.recruitment import rules
from charlie.recruitment.models import AdStatus, Application, JobAd, StageChange
from charlie.recruitment.permissions import READ_FAIRNESS
from charlie.recruitment.services.common import CATEGORY, today

#: The cache area the figures are kept under (bumped when applications or moves change).
AREA = "recruitment_fairness"
#: Years offered besides the current one.
YEARS_BACK = 5


@dataclass(frozen=True)
class RoundRef:
    id: int
    slug: str
    title: str


@dataclass(frozen=True)
class FairnessFigures:
    year: int
    years: list[int]
    min_size: int
    release: calc.Release
    rounds: list[RoundRef]
    round: RoundRef | None  # the round chosen, if any

    @property
    def round_tables(self) -> dict[str, calc.Table] | None:
        return self.release.rounds.get(self.round.id) if self.round else None


def _applicants(year: int) -> tuple[list[calc.Applicant], list[RoundRef]]:
    ads = list(
        JobAd.objects.filter(deadline__year=year)
        .exclude(status=AdStatus.DRAFT)
        .order_by("deadline", "title", "pk")
        .values_list("pk", "slug", "title")
    )
    refs = [RoundRef(pk, slug, title) for pk, slug, title in ads]
    ad_ids = [r.id for r in refs]
    rows = list(
        Application.objects.filter(ad_id__in=ad_ids).values_list(
            "pk", "ad_id", "email", "gender", "birth_year", "submitted_at", "stage"
        )
    )
    reached: dict[int, set[str]] = {}
    for application_id, stage in StageChange.objects.filter(
        application__ad_id__in=ad_ids
    ).values_list("application_id", "stage"):
        reached.setdefault(application_id, set()).add(stage)
    people: dict[str, int] = {}
    out = []
    for pk, ad_id, email, gender, birth_year, submitted_at, stage in rows:
        stages = reached.get(pk, set()) | {stage}
        out.append(
            calc.Applicant(
                person=people.setdefault(email.strip().lower(), len(people)),
                round=ad_id,
                gender=calc.gender_group(gender),
                age=calc.age_band(birth_year, submitted_at.date()),
                shortlisted=rules.reached_shortlist(stages),
                hired=rules.HIRED in stages,
            )
        )
    return out, refs


def _release(year: int, min_size: int) -> tuple[calc.Release, list[RoundRef]]:
    applicants, refs = _applicants(year)
    return calc.release(applicants, [r.id for r in refs], min_size=min_size), refs


def fairness_figures(
    access: Access, *, year: int | None = None, round_slug: str = ""
) -> FairnessFigures:
    """The year's figures (default: this year), and one round's when ``round_slug`` names a
    round of that year (else 404)."""
    access.require(READ_FAIRNESS)
    now = today()
    years = list(range(now.year + 1, now.year - YEARS_BACK - 1, -1))
    year = now.year if year is None else year
    if year not in years:
        raise NotFound
    min_size = min_group_size(CATEGORY)
    release, refs = cached(AREA, f"year:{year}:{min_size}", lambda: _release(year, min_size))
    chosen = None
    if round_slug:
        chosen = next((r for r in refs if r.slug == round_slug), None)
        if chosen is None:
            raise NotFound
    return FairnessFigures(year, years, min_size, release, refs, chosen)
