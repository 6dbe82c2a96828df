"""Skills held with a certificate, in bulk (issue 14: mandatory training may ask for "a skill
with a certificate"; the learning app's compliance engine reads them here, never the tables)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.db.models import Max, QuerySet

from charlie.people.models import Person
from charlie.skills.models import AssessmentStatus, SkillAssessment


def certified_skills(
    skill_ids: Iterable[int], *, on: date, people: QuerySet[Person] | None = None
) -> list[tuple[int, int, date, date]]:
    """(person, skill, last assessed, latest expiry) of every confirmed assessment with an
    expiry date, assessed on or before ``on``, of these skills — for ``people`` when given.
    One grouped query; no audit (the caller, which checked its own permission and scope,
    records what it shows)."""
    rows = SkillAssessment.objects.filter(
        skill_id__in=list(skill_ids),
        status=AssessmentStatus.CONFIRMED,
        expires_on__isnull=False,
        assessed_on__lte=on,
    )
    if people is not None:
        rows = rows.filter(person_id__in=people.values("pk"))
    return [
        (person, skill, last, until)
        for person, skill, last, until in rows.values("person_id", "skill_id")
        .annotate(last=Max("assessed_on"), until=Max("expires_on"))
        .values_list("person_id", "skill_id", "last", "until")
    ]


def certificate_skill(text: str) -> tuple[int, str] | None:
    """The skill a rule of mandatory training names, by its id text or exact name (merged
    skills lead to the one they became); ``None`` when unknown or retired."""
    from charlie.skills.services.taxonomy import offered_skills, resolve_skill

    skill = resolve_skill(text)
    if skill is None or not offered_skills().filter(pk=skill.pk).exists():
        return None
    return skill.pk, skill.name
