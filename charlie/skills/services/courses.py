"""Levels that completed courses give (issue 14, point 6): the learning app calls
:func:`record_course_levels` when a person completes a course that teaches skills, and the
person's profile shows the skill with the source "course" — confirmed at once, as an
organiser's record, a passed module, an imported file or an xAPI statement is evidence enough.

A completion *raises* a skill; it never lowers one. A new row is written only where it becomes
the person's current level and changes something: no current level, the current one has
expired, the course gives a higher level, or the same level with a later expiry (a renewed
certificate). An older completion that arrives late never overrides a newer assessment.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.skills import rules
from charlie.skills.models import AssessmentSource, AssessmentStatus, Skill, SkillAssessment
from charlie.skills.services.common import CATEGORY, for_development

#: The audit detail of a level a course gave.
DETAIL_COURSE = "kursus"


@dataclass(frozen=True, slots=True)
class CourseLevel:
    person_id: int
    skill_id: int
    level: int
    on: date
    evidence: str = ""
    expires_on: date | None = None


def _raises(new: CourseLevel, current: tuple[int, date, date | None] | None) -> bool:
    if current is None:
        return True
    level, assessed_on, expires_on = current
    if new.on < assessed_on:
        return False
    if expires_on is not None and expires_on < new.on:
        return True
    if new.level != level:
        return new.level > level
    if expires_on is None:
        return False
    return new.expires_on is None or new.expires_on > expires_on


def record_course_levels(access: Access, levels: Sequence[CourseLevel]) -> int:
    """Write the levels these completions give, where they raise the person's profile (see the
    module docstring); returns how many rows were written. Levels outside the skill's scale are
    skipped. Audited as a write of each person's skills, under competence development. The
    caller (learning's services) has checked its own permission and scope."""
    if not levels:
        return 0
    skill_ids = {lv.skill_id for lv in levels}
    person_ids = {lv.person_id for lv in levels}
    scales = dict(Skill.objects.filter(pk__in=skill_ids).values_list("pk", "scale"))
    current: dict[tuple[int, int], tuple[int, date, date | None]] = {}
    rows = (
        SkillAssessment.objects.filter(
            person_id__in=person_ids, skill_id__in=skill_ids, status=AssessmentStatus.CONFIRMED
        )
        .order_by("person_id", "skill_id", "-assessed_on", "-pk")
        .values_list("person_id", "skill_id", "level", "assessed_on", "expires_on")
    )
    for person_id, skill_id, level, assessed_on, expires_on in rows:
        current.setdefault((person_id, skill_id), (level, assessed_on, expires_on))
    now = timezone.now()
    new_rows: list[SkillAssessment] = []
    for lv in sorted(levels, key=lambda x: (x.on, x.level)):
        scale = scales.get(lv.skill_id)
        if scale is None or not rules.scale_of(scale).valid(lv.level):
            continue
        key = (lv.person_id, lv.skill_id)
        if not _raises(lv, current.get(key)):
            continue
        current[key] = (lv.level, lv.on, lv.expires_on)
        new_rows.append(
            SkillAssessment(
                person_id=lv.person_id,
                skill_id=lv.skill_id,
                level=lv.level,
                assessed_on=lv.on,
                source=AssessmentSource.COURSE,
                status=AssessmentStatus.CONFIRMED,
                evidence=lv.evidence[:300],
                expires_on=lv.expires_on,
                proposed_by=access.user,
                decided_by=access.user,
                decided_at=now,
            )
        )
    if not new_rows:
        return 0
    with transaction.atomic():
        SkillAssessment.objects.bulk_create(new_rows, batch_size=2000)
        for_development(access).record(
            {r.person_id for r in new_rows},
            action=Action.CREATE,
            category=CATEGORY,
            detail=DETAIL_COURSE,
        )
    return len(new_rows)
