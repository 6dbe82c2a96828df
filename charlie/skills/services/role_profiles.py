"""Role profiles (issue 13, point 2): what a job family, a position title or a unit's role
requires — skills with a minimum level on the skill's own scale, essential or optional.

Versioned: every save writes a new ``RoleProfile`` row with the same code and the next version
number and makes it the current one; the previous version stays with its requirements
(``is_current=False``), so gap analyses and plans made against it keep their meaning.

Other parts call :func:`current_profile`, :func:`profile_needs` and
:func:`profiles_for_job_family` (re-exported by ``skills.services``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max, Q
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.text import check_text
from charlie.people.models import JobFamily, OrgUnit
from charlie.privacy.access import Access
from charlie.skills import gaps, rules
from charlie.skills.models import (
    Occupation,
    OccupationSkill,
    Requirement,
    RoleProfile,
    RoleRequirement,
    Skill,
)
from charlie.skills.permissions import MANAGE_TAXONOMY, READ_TAXONOMY
from charlie.skills.services.taxonomy import resolve_skill, slugify_da, suggest_skills

#: The levels a profile started from an ESCO occupation asks for (issue 13, point 2).
ESSENTIAL_LEVEL = 2
OPTIONAL_LEVEL = 1

# --- What other parts call ----------------------------------------------------------------------


def current_profile(code: str) -> RoleProfile:
    """The current version of the profile ``code`` (``NotFound`` if there is none)."""
    found = (
        RoleProfile.objects.filter(code=code, is_current=True).select_related("job_family").first()
    )
    if found is None:
        raise NotFound
    return found


def profile_choices() -> list[tuple[str, str]]:
    """(code, name) of every current profile, by name: the choices of the pages' role pickers."""
    return list(
        RoleProfile.objects.filter(is_current=True).order_by("name").values_list("code", "name")
    )


def profile_needs(profile: RoleProfile) -> list[gaps.Need]:
    """The profile's requirements as ``gaps.Need``, essential first, then by skill id."""
    rows = RoleRequirement.objects.filter(profile=profile).values_list(
        "skill_id", "min_level", "requirement"
    )
    needs = [gaps.Need(s, level, kind == Requirement.ESSENTIAL) for s, level, kind in rows]
    return sorted(needs, key=lambda n: (not n.essential, n.skill_id))


def profiles_for_job_family(job_family_id: int) -> list[RoleProfile]:
    """The current profiles made for a job family."""
    return list(RoleProfile.objects.filter(job_family_id=job_family_id, is_current=True))


# --- Reading ------------------------------------------------------------------------------------


def list_profiles(access: Access, q: str = "") -> list[RoleProfile]:
    """The current profiles, by name or code."""
    access.require(READ_TAXONOMY)
    qs = RoleProfile.objects.filter(is_current=True).select_related("job_family", "org_unit")
    if q.strip():
        qs = qs.filter(Q(name__icontains=q.strip()) | Q(code__icontains=q.strip()))
    return list(qs.order_by("name", "code"))


@dataclass(frozen=True)
class RequirementLine:
    requirement: RoleRequirement
    level: rules.Level
    top: int


@dataclass(frozen=True)
class ProfileView:
    profile: RoleProfile
    requirements: list[RoleRequirement]
    history: list[RoleProfile]

    @property
    def lines(self) -> list[RequirementLine]:
        """Each requirement with its level's name on the skill's scale ("2 af 4, Øvet")."""
        out = []
        for r in self.requirements:
            scale = rules.scale_of(r.skill.scale)
            number = min(max(r.min_level, 1), scale.top)
            out.append(RequirementLine(r, scale.level(number), scale.top))
        return out


def profile(access: Access, code: str, version: int | None = None) -> ProfileView:
    """One profile (the current version, or ``version``), its requirements and all versions."""
    access.require(READ_TAXONOMY)
    qs = RoleProfile.objects.filter(code=code).select_related(
        "job_family", "org_unit", "occupation", "created_by"
    )
    found = qs.filter(version=version).first() if version else qs.filter(is_current=True).first()
    if found is None:
        raise NotFound
    requirements = list(
        RoleRequirement.objects.filter(profile=found)
        .select_related("skill")
        .order_by("requirement", "skill__name")
    )
    return ProfileView(found, requirements, list(qs.order_by("-version")))


# --- Writing ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RequirementInput:
    """One requirement as entered: the skill by id, or by its id text (``uri``) or exact name."""

    skill_id: int | None
    skill_text: str
    min_level: int | None
    essential: bool


@dataclass(frozen=True)
class ProfileInput:
    name: str
    description: str = ""
    job_family_id: int | None = None
    org_unit_id: int | None = None
    job_title: str = ""
    occupation_id: int | None = None
    note: str = ""
    requirements: tuple[RequirementInput, ...] = ()


def _requirements(data: ProfileInput, previous: set[int]) -> list[tuple[Skill, int, bool]]:
    problems: list[str] = []
    out: dict[int, tuple[Skill, int, bool]] = {}
    by_id = Skill.objects.in_bulk([r.skill_id for r in data.requirements if r.skill_id])
    for n, r in enumerate(data.requirements, start=1):
        where = _("Krav %(n)s") % {"n": n}
        skill: Skill | None
        if r.skill_id:
            skill = by_id.get(r.skill_id)
        else:
            skill = resolve_skill(r.skill_text)
            if skill is None:
                near = suggest_skills(r.skill_text)
                text = (
                    _("%(where)s: »%(text)s« findes ikke. Mente du: %(names)s?")
                    if near
                    else _("%(where)s: »%(text)s« findes ikke (skriv id eller præcist navn).")
                )
                names = ", ".join(f"»{n}«" for n in near)
                problems.append(text % {"where": where, "text": r.skill_text[:80], "names": names})
                continue
        if skill is None:
            problems.append(_("%(where)s: kompetencen findes ikke.") % {"where": where})
            continue
        if not skill.active and skill.pk not in previous:
            problems.append(
                _("%(where)s: »%(skill)s« er udgået og kan ikke bruges i nye krav.")
                % {"where": where, "skill": skill.name}
            )
            continue
        scale = rules.scale_of(skill.scale)
        if r.min_level is None or not scale.valid(r.min_level):
            problems.append(
                _("%(where)s: niveauet for »%(skill)s« skal være 1–%(top)s.")
                % {"where": where, "skill": skill.name, "top": scale.top}
            )
            continue
        if skill.pk in out:
            problems.append(
                _("%(where)s: »%(skill)s« står der allerede.")
                % {"where": where, "skill": skill.name}
            )
            continue
        out[skill.pk] = (skill, r.min_level, r.essential)
    if problems:
        raise ValidationFailed(problems, field="requirements")
    return list(out.values())


def save_profile(
    access: Access, data: ProfileInput, *, code: str | None = None, user: Any = None
) -> RoleProfile:
    """Save a profile: a new one (``code`` None: the code is made from the name) or a new
    version of ``code``. The previous version stays as it was, no longer current."""
    access.require(MANAGE_TAXONOMY)
    name = check_text(data.name, what=_("Navn"), max_length=200, required=True)
    description = check_text(
        data.description, what=_("Beskrivelse"), max_length=4000, multiline=True
    )
    job_title = check_text(data.job_title, what=_("Stilling"), max_length=150)
    note = check_text(data.note, what=_("Ændringsnote"), max_length=300)
    family = JobFamily.objects.filter(pk=data.job_family_id).first() if data.job_family_id else None
    unit = OrgUnit.objects.filter(pk=data.org_unit_id).first() if data.org_unit_id else None
    occ = Occupation.objects.filter(pk=data.occupation_id).first() if data.occupation_id else None
    with transaction.atomic():
        previous: RoleProfile | None = None
        if code is not None:
            previous = (
                RoleProfile.objects.select_for_update().filter(code=code, is_current=True).first()
            )
            if previous is None:
                raise NotFound
        before = (
            set(RoleRequirement.objects.filter(profile=previous).values_list("skill_id", flat=True))
            if previous
            else set()
        )
        requirements = _requirements(data, before)
        if previous is None:
            base = slugify_da(name)[:70]
            new_code, n = base, 1
            while RoleProfile.objects.filter(code=new_code).exists():
                n += 1
                new_code = f"{base}-{n}"
            version = 1
        else:
            new_code = previous.code
            version = (
                RoleProfile.objects.filter(code=new_code).aggregate(m=Max("version"))["m"] or 0
            ) + 1
            previous.is_current = False
            previous.save(update_fields=["is_current"])
            if occ is None and data.occupation_id is None:
                occ = previous.occupation
        created = RoleProfile.objects.create(
            code=new_code,
            version=version,
            name=name,
            description=description,
            job_family=family,
            org_unit=unit,
            job_title=job_title,
            occupation=occ,
            is_current=True,
            note=note,
            created_by=user if getattr(user, "pk", None) else None,
        )
        RoleRequirement.objects.bulk_create(
            RoleRequirement(
                profile=created,
                skill=skill,
                min_level=level,
                requirement=Requirement.ESSENTIAL if essential else Requirement.OPTIONAL,
            )
            for skill, level, essential in requirements
        )
    return created


def requirements_from_occupation(access: Access, occupation_id: int) -> list[RequirementInput]:
    """The start of a profile from an ESCO occupation: its essential skills at level 2
    (essential) and its optional skills at level 1 (optional), to be edited before saving.
    Retired or merged skills are left out (a merged one is replaced by its target)."""
    access.require(READ_TAXONOMY)
    if not Occupation.objects.filter(pk=occupation_id).exists():
        raise NotFound
    out: dict[int, RequirementInput] = {}
    rows = (
        OccupationSkill.objects.filter(occupation_id=occupation_id)
        .select_related("skill", "skill__merged_into")
        .order_by("-essential", "skill__name")
    )
    for rel in rows:
        skill = rel.skill
        while skill.merged_into_id is not None:
            skill = skill.merged_into  # type: ignore[assignment]
        if not skill.active or skill.pk in out:
            continue
        level = ESSENTIAL_LEVEL if rel.essential else OPTIONAL_LEVEL
        out[skill.pk] = RequirementInput(skill.pk, skill.name, level, rel.essential)
    return list(out.values())


def profiles_using(access: Access, skill_id: int) -> list[RoleProfile]:
    """The current profiles that require a skill (shown before merging or retiring it)."""
    access.require(READ_TAXONOMY)
    return list(
        RoleProfile.objects.filter(is_current=True, requirements__skill_id=skill_id)
        .distinct()
        .order_by("name")
    )
