"""The rules of mandatory training HR keeps (issue 14, point 4): which course — or which skill
held with a certificate — the people of some job families and/or units must have, how often it
is renewed and the grace period for new employees. No personal data; ``MANAGE_CATALOGUE``.

The intervals are **local policy**: the rules behind mandatory training — e.g. the food hygiene
rules (hygiejnebevis for staff handling food, fødevarelovgivningen), the Working Environment
Authority's rules on moving and handling people (forflytning, Arbejdstilsynet), first aid — say
that the training is needed; the municipality sets how often it must be renewed. The default
grace period for new employees is 90 days (``CHARLIE_LEARNING_GRACE_DAYS``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.text import check_text
from charlie.learning.models import Course, MandatoryRule
from charlie.learning.permissions import MANAGE_CATALOGUE
from charlie.people import services as people
from charlie.privacy.access import Access
from charlie.skills import services as skills


def default_grace_days() -> int:
    return int(getattr(settings, "CHARLIE_LEARNING_GRACE_DAYS", 90))


@dataclass(frozen=True)
class Choices:
    courses: list[tuple[int, str]]
    job_families: list[tuple[int, str]]
    units: list[tuple[int, str]]


def choices() -> Choices:
    """What a rule may point at (configuration, no personal data)."""
    return Choices(
        courses=list(Course.objects.filter(active=True).values_list("pk", "title")),
        job_families=people.job_family_choices(),
        units=people.all_unit_choices(),
    )


@dataclass(frozen=True)
class RuleLine:
    pk: int
    name: str
    what: str
    families: list[str]
    units: list[str]
    renew_months: int | None
    grace_days: int
    active: bool


def rule_list(access: Access) -> list[RuleLine]:
    """Every rule, active first (few rows: a municipality has tens of rules)."""
    access.require(MANAGE_CATALOGUE)
    rules = list(
        MandatoryRule.objects.select_related("course")
        .prefetch_related("job_families", "units")
        .order_by("-active", "name", "pk")
    )
    names = skills.skill_names({r.skill_id for r in rules if r.skill_id})
    labels = people.unit_labels()
    return [
        RuleLine(
            r.pk,
            r.name,
            r.course.title if r.course else names.get(r.skill_id or 0, ""),
            [str(f.display_name) for f in r.job_families.all()],
            [labels.get(u.pk, u.name) for u in r.units.all()],
            r.renew_months,
            r.grace_days,
            r.active,
        )
        for r in rules
    ]


def rule_for_edit(access: Access, rule_id: int | None) -> MandatoryRule | None:
    access.require(MANAGE_CATALOGUE)
    if rule_id is None:
        return None
    rule = MandatoryRule.objects.filter(pk=rule_id).first()
    if rule is None:
        raise NotFound
    return rule


def initial(rule: MandatoryRule | None) -> dict[str, Any]:
    if rule is None:
        return {"grace_days": default_grace_days(), "active": True}
    skill = skills.skill_names([rule.skill_id]).get(rule.skill_id, "") if rule.skill_id else ""
    return {
        "name": rule.name,
        "course": rule.course_id,
        "skill": skill,
        "job_families": [f.pk for f in rule.job_families.all()],
        "units": [u.pk for u in rule.units.all()],
        "renew_months": rule.renew_months,
        "grace_days": rule.grace_days,
        "active": rule.active,
    }


def save_rule(access: Access, rule_id: int | None, data: dict[str, Any]) -> MandatoryRule:
    """Create (``rule_id`` None) or change a rule; ``active`` False deactivates it (kept, with
    its tasks' history). Exactly one of a course and a skill."""
    access.require(MANAGE_CATALOGUE)
    rule = rule_for_edit(access, rule_id) or MandatoryRule()
    name = check_text(data.get("name"), what=_("Navn"), max_length=200, required=True)
    course_id: int | None = data.get("course")
    skill_text = (data.get("skill") or "").strip()
    if bool(course_id) == bool(skill_text):
        raise ValidationFailed(
            [_("Vælg enten et kursus eller en kompetence med certifikat (ikke begge).")],
            field="course",
        )
    skill_id = None
    if skill_text:
        found = skills.certificate_skill(skill_text)
        if found is None:
            raise ValidationFailed(
                [_("Kender ikke kompetencen »%(skill)s«.") % {"skill": skill_text}], field="skill"
            )
        skill_id = found[0]
    elif course_id is None or not Course.objects.filter(pk=course_id).exists():
        raise ValidationFailed([_("Kurset findes ikke.")], field="course")
    with transaction.atomic():
        rule.name = name
        rule.course_id = course_id or None
        rule.skill_id = skill_id
        rule.renew_months = data.get("renew_months") or None
        grace = data.get("grace_days")
        rule.grace_days = default_grace_days() if grace is None else int(grace)
        rule.active = bool(data.get("active"))
        rule.save()
        rule.job_families.set(data.get("job_families") or [])
        rule.units.set(data.get("units") or [])
    return rule
