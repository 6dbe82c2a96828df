"""Employee skill profiles: levels with date, source, evidence and expiry; the employee
proposes and the manager confirms; the history is kept (issue 13, point 3)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from charlie.people.models import Person
from charlie.privacy.access import Access
from charlie.skills.models import AssessmentStatus, SkillAssessment
from charlie.skills.permissions import READ_SKILLS
from charlie.skills.services.common import CATEGORY, for_development, person_in_scope


@dataclass(frozen=True)
class Profile:
    person: Person | None
    #: The newest confirmed assessment per skill, by skill name.
    current: list[SkillAssessment]
    #: Proposals waiting for the manager.
    proposed: list[SkillAssessment]


def current_assessments(person_id: int) -> list[SkillAssessment]:
    """The newest confirmed assessment of each skill (merged skills under the skill they were
    merged into are not folded here: the taxonomy's merge moves them)."""
    newest: dict[int, SkillAssessment] = {}
    rows = (
        SkillAssessment.objects.filter(person_id=person_id, status=AssessmentStatus.CONFIRMED)
        .select_related("skill")
        .order_by("skill_id", "-assessed_on", "-pk")
    )
    for row in rows:
        newest.setdefault(row.skill_id, row)
    return sorted(newest.values(), key=lambda a: a.skill.name)


def _profile(access: Access, person: Person, *, detail: str) -> Profile:
    proposed = list(
        SkillAssessment.objects.filter(person=person, status=AssessmentStatus.PROPOSED)
        .select_related("skill")
        .order_by("-created_at")
    )
    for_development(access).record_read([person.pk], category=CATEGORY, detail=detail)
    return Profile(person=person, current=current_assessments(person.pk), proposed=proposed)


def my_profile(access: Access) -> Profile:
    """The caller's own skills (empty for a user without a person record)."""
    person = Person.objects.filter(pk=access.person_id).first() if access.person_id else None
    if person is None:
        return Profile(person=None, current=[], proposed=[])
    return _profile(access, person, detail="mine")


def profile_of(access: Access, person_id: int) -> Profile:
    """One person's skills: 403 without the permission, 404 outside the caller's scope."""
    access.require(READ_SKILLS)
    return _profile(access, person_in_scope(access, person_id), detail="person")


def today() -> date:
    return timezone.localdate()
