"""The retention rule for skill assessments (docs/retention.md): an assessment that a newer one
of the same skill has replaced is deleted N years after its date, once the data protection
officer approves a batch. The current level of each skill stays while the person is employed
(people's own retention deletes the person, and with them their skills). Registered in
``apps.py``."""

from __future__ import annotations

from datetime import date

from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from charlie.privacy.registry import Applied, RetentionRule
from charlie.privacy.retention import count_by_year, cutoff
from charlie.skills.models import SkillAssessment


def _replaced(today: date, years: int):  # type: ignore[no-untyped-def]
    newer = SkillAssessment.objects.filter(
        person_id=OuterRef("person_id"),
        skill_id=OuterRef("skill_id"),
        assessed_on__gt=OuterRef("assessed_on"),
        status="confirmed",
    )
    return SkillAssessment.objects.filter(assessed_on__lt=cutoff(today, years)).filter(
        Exists(newer)
    )


def find_replaced(today: date, years: int) -> list[int]:
    return list(_replaced(today, years).values_list("pk", flat=True))


def replaced_by_year(today: date, years: int) -> dict[int, int]:
    return count_by_year(_replaced(today, years).values_list("assessed_on", flat=True))


def delete_assessments(ids: list[int]) -> Applied:
    rows = SkillAssessment.objects.filter(pk__in=ids)
    person_ids = sorted(set(rows.values_list("person_id", flat=True)))
    count, _deleted = rows.delete()
    return Applied(count=count, person_ids=person_ids)


REPLACED_ASSESSMENTS = RetentionRule(
    code="skills_replaced_assessments",
    category="kompetencer",
    label=_("Kompetencer: erstattede vurderinger"),
    description=_(
        "En vurdering af en kompetence, som en nyere vurdering har erstattet, slettes det valgte "
        "antal år efter sin dato."
    ),
    default_years=5,
    action="delete",
    find=find_replaced,
    apply=delete_assessments,
    by_year=replaced_by_year,
)
