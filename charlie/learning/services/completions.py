"""The one record of completions (issue 14, points 3 and 6): every source — an organiser's
attendance, a passed module, a file, an xAPI statement, HR by hand — lands here through
:func:`record_completions`, which is idempotent on each row's ``external_id``, fills the
course's hours, price and validity, and raises the skills the course teaches through
``skills.services.record_course_levels`` (source "course", level as the course defines)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction

from charlie.learning import rules
from charlie.learning.models import Completion, Course, CourseSkill
from charlie.learning.services.common import CATEGORY, for_learning
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.skills import services as skills

#: Rows per INSERT and per skills call: bounded memory for a million-row file.
BATCH = 5000


@dataclass(frozen=True, slots=True)
class NewCompletion:
    """One completion to record. ``hours`` and ``cost`` default to the course's hours and price,
    ``valid_until`` to the course's validity (``rules.valid_until``)."""

    person_id: int
    course_id: int
    completed_on: date
    result: str
    source: str
    external_id: str
    hours: Decimal | None = None
    cost: Decimal | None = None
    valid_until: date | None = None
    session_id: int | None = None


@dataclass(frozen=True, slots=True)
class Recorded:
    created: int
    already_known: int
    skill_levels: int


@dataclass(frozen=True, slots=True)
class _CourseFacts:
    hours: Decimal
    price: Decimal
    valid_months: int | None
    title: str
    skills: tuple[tuple[int, int], ...]


def _facts(course_ids: set[int]) -> dict[int, _CourseFacts]:
    skills_of: dict[int, list[tuple[int, int]]] = {}
    for course_id, skill_id, level in CourseSkill.objects.filter(
        course_id__in=course_ids
    ).values_list("course_id", "skill_id", "level"):
        skills_of.setdefault(course_id, []).append((skill_id, level))
    return {
        pk: _CourseFacts(hours, price, months, title, tuple(skills_of.get(pk, ())))
        for pk, hours, price, months, title in Course.objects.filter(pk__in=course_ids).values_list(
            "pk", "hours", "price", "valid_months", "title"
        )
    }


def record_completions(
    access: Access, rows: Sequence[NewCompletion], *, detail: str = "gennemført"
) -> Recorded:
    """Store these completions (those whose ``external_id`` is known already are skipped, so a
    file or statement sent twice, even at once, is stored once) and raise the skills their
    courses teach. Audited as a write of each person's learning record. The caller has checked
    its permission and scope; one transaction per call (callers that must be all-or-nothing
    over many batches wrap the calls in their own)."""
    created = known = levels = 0
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        c, k, lv = _record_batch(access, batch, detail=detail)
        created, known, levels = created + c, known + k, levels + lv
    return Recorded(created=created, already_known=known, skill_levels=levels)


def _record_batch(
    access: Access, batch: Sequence[NewCompletion], *, detail: str
) -> tuple[int, int, int]:
    ids = [row.external_id for row in batch]
    existing = set(
        Completion.objects.filter(external_id__in=ids).values_list("external_id", flat=True)
    )
    seen: set[str] = set()
    fresh: list[NewCompletion] = []
    for row in batch:
        if row.external_id in existing or row.external_id in seen:
            continue
        seen.add(row.external_id)
        fresh.append(row)
    if not fresh:
        return 0, len(batch), 0
    facts = _facts({row.course_id for row in fresh})
    objects = []
    levels: list[skills.CourseLevel] = []
    for row in fresh:
        course = facts[row.course_id]
        until = row.valid_until or rules.valid_until(
            row.completed_on, course.valid_months, row.result
        )
        objects.append(
            Completion(
                person_id=row.person_id,
                course_id=row.course_id,
                completed_on=row.completed_on,
                result=row.result,
                source=row.source,
                valid_until=until,
                hours=course.hours if row.hours is None else row.hours,
                cost=course.price if row.cost is None else row.cost,
                external_id=row.external_id,
                session_id=row.session_id,
                recorded_by=access.user,
            )
        )
        if row.result in rules.COUNTING_RESULTS:
            levels.extend(
                skills.CourseLevel(
                    person_id=row.person_id,
                    skill_id=skill_id,
                    level=level,
                    on=row.completed_on,
                    evidence=course.title,
                    expires_on=until,
                )
                for skill_id, level in course.skills
            )
    with transaction.atomic():
        # ignore_conflicts: a twin sent at the same moment by another process is stored once.
        Completion.objects.bulk_create(objects, ignore_conflicts=True)
        for_learning(access).record(
            {row.person_id for row in fresh}, action=Action.CREATE, category=CATEGORY, detail=detail
        )
        written = skills.record_course_levels(access, levels)
    return len(fresh), len(batch) - len(fresh), written
