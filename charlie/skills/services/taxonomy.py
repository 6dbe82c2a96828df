"""The skill taxonomy (issue 13, point 1): local skills and their groups, the ESCO import,
DigComp 2.2, merging and retiring skills, and the job families' ESCO occupations.

The taxonomy holds no personal data, except that a merge moves people's assessments from one
skill to another: that write is logged for the people it touches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.text import check_text, danish_slug
from charlie.people.models import JobFamily
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.skills import digcomp, esco
from charlie.skills.models import (
    JobFamilyOccupation,
    LearningActivity,
    Occupation,
    OccupationSkill,
    PlanActivity,
    RoleRequirement,
    Scale,
    Skill,
    SkillAssessment,
    SkillGroup,
    SkillSource,
)
from charlie.skills.permissions import MANAGE_TAXONOMY, READ_TAXONOMY
from charlie.skills.services.common import CATEGORY, for_development

PAGE_SIZE = 50
BATCH = 2000

# --- Browsing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkillFilter:
    q: str = ""
    source: str = ""
    group: int | None = None
    retired: bool = False  # also show retired and merged skills


def _skills(f: SkillFilter) -> QuerySet[Skill]:
    qs = Skill.objects.select_related("group", "merged_into")
    if f.q:
        qs = qs.filter(Q(name__icontains=f.q) | Q(uri=f.q))
    if f.source:
        qs = qs.filter(source=f.source)
    if f.group:
        qs = qs.filter(group_id=f.group)
    if not f.retired:
        qs = qs.filter(retired_on__isnull=True, merged_into__isnull=True)
    return qs.order_by("name", "pk")


def search_skills(access: Access, f: SkillFilter, page: int | str = 1) -> Page[Skill]:
    """Skills by name (or exact id), source and group, a page at a time (ESCO has 14,000)."""
    access.require(READ_TAXONOMY)
    return Paginator(_skills(f), PAGE_SIZE).get_page(page)


def skill(access: Access, skill_id: int) -> Skill:
    access.require(READ_TAXONOMY)
    found = Skill.objects.select_related("group", "merged_into").filter(pk=skill_id).first()
    if found is None:
        raise NotFound
    return found


def offered_skills() -> QuerySet[Skill]:
    """The skills that may be used on new records: neither retired nor merged."""
    return Skill.objects.filter(retired_on__isnull=True, merged_into__isnull=True)


def resolve_skill(text: str) -> Skill | None:
    """A skill by its id text (``local:forflytning``, an ESCO URI) or exact name; merged skills
    lead to the skill they were merged into. ``None`` if not found or the name is ambiguous."""
    text = text.strip()
    found = Skill.objects.filter(uri=text).first()
    if found is None:
        named = list(Skill.objects.filter(name__iexact=text, merged_into__isnull=True)[:2])
        found = named[0] if len(named) == 1 else None
    while found is not None and found.merged_into_id is not None:
        found = found.merged_into
    return found


def active_skills_matching(query: str, *, limit: int) -> tuple[list[Skill], int]:
    """Active skills whose name holds ``query`` (or whose id is it), the shortest names first,
    at most ``limit`` of them, and how many matched; none for fewer than two letters. The
    employee's skill picker and the profile form's suggestions. No personal data."""
    text = query.strip()
    if len(text) < 2:
        return [], 0
    qs = Skill.objects.filter(retired_on__isnull=True, merged_into__isnull=True).filter(
        Q(name__icontains=text) | Q(uri__iexact=text)
    )
    total = qs.count()
    found = sorted(qs.order_by("name")[:500], key=lambda s: (len(s.name), s.name))[:limit]
    return found, total


def skill_names(skill_ids: Iterable[int]) -> dict[int, str]:
    """Skill id → name for these ids (no personal data)."""
    return dict(Skill.objects.filter(pk__in=list(skill_ids)).values_list("pk", "name"))


def suggest_skills(text: str, *, limit: int = 3) -> list[str]:
    """Names of the nearest active skills, for a typed name that is not exact."""
    return [skill.name for skill in active_skills_matching(text, limit=limit)[0]]


def groups(access: Access) -> list[SkillGroup]:
    access.require(READ_TAXONOMY)
    return list(SkillGroup.objects.all())


# --- Local skills and groups --------------------------------------------------------------------


def slugify_da(text: str) -> str:
    """A stable ASCII slug of a Danish name ("Forflytning" → "forflytning")."""
    return danish_slug(text, fallback="kompetence")


def _group(group_id: int | None) -> SkillGroup | None:
    if group_id is None:
        return None
    found = SkillGroup.objects.filter(pk=group_id).first()
    if found is None:
        raise ValidationFailed([_("Gruppen findes ikke.")], field="group")
    return found


def create_local_skill(
    access: Access,
    *,
    name: str,
    description: str = "",
    group_id: int | None = None,
    scale: str = Scale.DEFAULT,
) -> Skill:
    """A new local skill with the id ``local:<slug of the name>`` (a number added if taken)."""
    access.require(MANAGE_TAXONOMY)
    name = check_text(name, what=_("Navn"), max_length=255, required=True)
    description = check_text(description, what=_("Beskrivelse"), max_length=2000, multiline=True)
    if scale not in Scale.values:
        raise ValidationFailed([_("Ukendt skala.")], field="scale")
    if Skill.objects.filter(source=SkillSource.LOCAL, name__iexact=name).exists():
        raise ValidationFailed(
            [_("Der findes allerede en lokal kompetence med navnet »%(name)s«.") % {"name": name}],
            field="name",
        )
    base = f"local:{slugify_da(name)}"
    uri, n = base, 1
    while Skill.objects.filter(uri=uri).exists():
        n += 1
        uri = f"{base}-{n}"
    return Skill.objects.create(
        uri=uri,
        source=SkillSource.LOCAL,
        name=name,
        description=description,
        group=_group(group_id),
        scale=scale,
    )


def update_skill(
    access: Access,
    skill_id: int,
    *,
    name: str,
    description: str = "",
    group_id: int | None = None,
) -> Skill:
    """A local skill's name, description and group; an ESCO or DigComp skill's group only (its
    name and description come from the source). The id never changes."""
    access.require(MANAGE_TAXONOMY)
    target = skill(access, skill_id)
    target.group = _group(group_id)
    if target.source == SkillSource.LOCAL:
        target.name = check_text(name, what=_("Navn"), max_length=255, required=True)
        target.description = check_text(
            description, what=_("Beskrivelse"), max_length=2000, multiline=True
        )
        clash = Skill.objects.filter(source=SkillSource.LOCAL, name__iexact=target.name)
        if clash.exclude(pk=target.pk).exists():
            raise ValidationFailed(
                [
                    _("Der findes allerede en lokal kompetence med navnet »%(name)s«.")
                    % {"name": target.name}
                ],
                field="name",
            )
    target.save()
    return target


def save_group(access: Access, *, name: str, group_id: int | None = None) -> SkillGroup:
    """Create a group, or rename one (``group_id``)."""
    access.require(MANAGE_TAXONOMY)
    name = check_text(name, what=_("Navn"), max_length=120, required=True)
    clash = SkillGroup.objects.filter(name__iexact=name)
    if group_id is not None:
        clash = clash.exclude(pk=group_id)
    if clash.exists():
        raise ValidationFailed(
            [_("Der findes allerede en gruppe med navnet »%(name)s«.") % {"name": name}],
            field="name",
        )
    if group_id is None:
        return SkillGroup.objects.create(name=name)
    group = SkillGroup.objects.filter(pk=group_id).first()
    if group is None:
        raise NotFound
    group.name = name
    group.save(update_fields=["name"])
    return group


# --- Merge and retire ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MergeResult:
    source: Skill
    target: Skill
    assessments: int
    requirements: int
    activities: int


def merge_skill(access: Access, source_id: int, target_id: int) -> MergeResult:
    """Merge ``source`` into ``target`` in one transaction: the people's assessments, the
    current role profiles' requirements and the planned and catalogue activities move to the
    target; the source stays, pointing to the target (``merged_into``), so records made before
    keep their meaning. Earlier versions of role profiles keep the source (their history).

    A requirement for both skills in one profile keeps the higher level and "essential" if
    either was. Both skills must be on the same scale, or the levels would change meaning."""
    access.require(MANAGE_TAXONOMY)
    with transaction.atomic():
        locked = {
            s.pk: s for s in Skill.objects.select_for_update().filter(pk__in=[source_id, target_id])
        }
        source, target = locked.get(source_id), locked.get(target_id)
        if source is None or target is None:
            raise NotFound
        problems = []
        if source.pk == target.pk:
            problems.append(_("En kompetence kan ikke lægges sammen med sig selv."))
        if not source.active:
            problems.append(_("Kompetencen er allerede udgået eller lagt sammen."))
        if not target.active:
            problems.append(
                _("Den kompetence, der lægges sammen med, er udgået eller lagt sammen.")
            )
        if source.scale != target.scale:
            problems.append(
                _("De to kompetencer bruger forskellige skalaer, så niveauerne kan ikke flyttes.")
            )
        if problems:
            raise ValidationFailed(problems, field="target")

        people = list(
            SkillAssessment.objects.filter(skill=source)
            .values_list("person_id", flat=True)
            .distinct()
        )
        moved = SkillAssessment.objects.filter(skill=source).update(skill=target)

        requirements = 0
        for req in RoleRequirement.objects.filter(skill=source, profile__is_current=True):
            other = RoleRequirement.objects.filter(profile_id=req.profile_id, skill=target).first()
            if other is None:
                req.skill = target
                req.save(update_fields=["skill"])
            else:
                other.min_level = max(other.min_level, req.min_level)
                if req.requirement == "essential":
                    other.requirement = "essential"
                other.save(update_fields=["min_level", "requirement"])
                req.delete()
            requirements += 1
        activities = PlanActivity.objects.filter(skill=source).update(skill=target)
        activities += LearningActivity.objects.filter(skill=source).update(skill=target)
        # Skills merged into the source earlier now point to the final target.
        Skill.objects.filter(merged_into=source).update(merged_into=target)
        source.merged_into = target
        source.save(update_fields=["merged_into"])
        if people:
            for_development(access).record(
                people,
                action=Action.UPDATE,
                category=CATEGORY,
                detail=f"kompetence {source.uri} lagt sammen med {target.uri}",
            )
    return MergeResult(source, target, moved, requirements, activities)


def retire_skill(access: Access, skill_id: int, on: date | None = None) -> Skill:
    """Mark a skill retired: it stays on every record that has it, but is not offered for new
    ones (``offered_skills``)."""
    access.require(MANAGE_TAXONOMY)
    target = skill(access, skill_id)
    if target.retired_on is not None:
        raise ValidationFailed([_("Kompetencen er allerede udgået.")])
    target.retired_on = on or timezone.localdate()
    target.save(update_fields=["retired_on"])
    return target


def reinstate_skill(access: Access, skill_id: int) -> Skill:
    """Undo a retirement (not a merge)."""
    access.require(MANAGE_TAXONOMY)
    target = skill(access, skill_id)
    target.retired_on = None
    target.save(update_fields=["retired_on"])
    return target


# --- DigComp 2.2 --------------------------------------------------------------------------------


def ensure_digcomp(skill_model: Any = Skill) -> int:
    """Create or update the 21 DigComp 2.2 competences (``digcomp:1.1`` …) on the DigComp
    scale; returns how many were created. Idempotent; called by migration 0003 with the
    historical model."""
    created = 0
    for uri, values in digcomp.skill_rows():
        _obj, new = skill_model.objects.update_or_create(uri=uri, defaults=values)
        created += int(new)
    return created


# --- ESCO ---------------------------------------------------------------------------------------


@dataclass
class EscoResult:
    """What an import did (or, with ``dry_run``, would do)."""

    problems: list[esco.Problem] = field(default_factory=list)
    files: dict[str, str] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problems


def _batches[T](items: list[T], size: int = BATCH) -> Iterable[list[T]]:
    for lo in range(0, len(items), size):
        yield items[lo : lo + size]


def import_esco(
    access: Access,
    folder: Path,
    *,
    dry_run: bool = False,
    progress: Callable[[str], None] | None = None,
) -> EscoResult:
    """Import the official ESCO CSV package in ``folder`` (any language).

    The whole package is read and checked first (``esco.read_package``); if anything is wrong,
    nothing is written and every problem is returned. Otherwise, in one transaction:
    occupations and skills are matched on their concept URI — new ones created, changed labels,
    descriptions, codes and ISCO-08 groups updated, unchanged ones left alone — and the
    relations of the package's occupations are made to match the package (new created,
    essential/optional updated, those no longer in the package removed). Skills and occupations
    no longer in the package stay (role profiles and assessments may use them). Running the
    same package twice changes nothing."""
    access.require(MANAGE_TAXONOMY)
    say = progress or (lambda line: None)
    package = esco.read_package(folder, progress=say)
    result = EscoResult(problems=package.problems, files=package.files, dry_run=dry_run)
    if not package.ok:
        return result
    counts = result.counts
    with transaction.atomic():
        # Occupations.
        have = {
            uri: (pk, (name, description, code, isco))
            for uri, pk, name, description, code, isco in Occupation.objects.values_list(
                "uri", "id", "name", "description", "code", "isco_group"
            )
        }
        new_occ, changed_occ = [], []
        for o in package.occupations:
            values = (o.name, o.description, o.code, o.isco_group)
            old = have.get(o.uri)
            if old is None:
                new_occ.append(
                    Occupation(
                        uri=o.uri,
                        name=o.name,
                        description=o.description,
                        code=o.code,
                        isco_group=o.isco_group,
                    )
                )
            elif old[1] != values:
                changed_occ.append(
                    Occupation(
                        pk=old[0],
                        uri=o.uri,
                        name=o.name,
                        description=o.description,
                        code=o.code,
                        isco_group=o.isco_group,
                    )
                )
        counts.update(occupations_new=len(new_occ), occupations_changed=len(changed_occ))

        # Skills (ESCO's only; a local or DigComp id never starts with http).
        have_s = {
            uri: (pk, (name, description, kind))
            for uri, pk, name, description, kind in Skill.objects.filter(
                source=SkillSource.ESCO
            ).values_list("uri", "id", "name", "description", "kind")
        }
        new_sk, changed_sk = [], []
        for s in package.skills:
            old_s = have_s.get(s.uri)
            if old_s is None:
                new_sk.append(
                    Skill(
                        uri=s.uri,
                        source=SkillSource.ESCO,
                        name=s.name,
                        description=s.description,
                        kind=s.kind,
                    )
                )
            elif old_s[1] != (s.name, s.description, s.kind):
                changed_sk.append(
                    Skill(pk=old_s[0], name=s.name, description=s.description, kind=s.kind)
                )
        counts.update(skills_new=len(new_sk), skills_changed=len(changed_sk))

        if not dry_run:
            for occ_batch in _batches(new_occ):
                Occupation.objects.bulk_create(occ_batch)
            for occ_batch in _batches(changed_occ):
                Occupation.objects.bulk_update(
                    occ_batch, ["name", "description", "code", "isco_group"]
                )
            say(
                _("Erhverv gemt: %(new)s nye, %(changed)s ændrede")
                % {"new": len(new_occ), "changed": len(changed_occ)}
            )
            for skill_batch in _batches(new_sk):
                Skill.objects.bulk_create(skill_batch)
            for skill_batch in _batches(changed_sk):
                Skill.objects.bulk_update(skill_batch, ["name", "description", "kind"])
            say(
                _("Kompetencer gemt: %(new)s nye, %(changed)s ændrede")
                % {"new": len(new_sk), "changed": len(changed_sk)}
            )

        # Relations, by ids (new rows have none in a dry run: they count as new).
        occ_id = dict(Occupation.objects.values_list("uri", "id"))
        skill_id = dict(Skill.objects.filter(source=SkillSource.ESCO).values_list("uri", "id"))
        in_package = {occ_id[o.uri] for o in package.occupations if o.uri in occ_id}
        existing: dict[tuple[int, int], tuple[int, bool]] = {}
        if in_package:
            for pk, o_id, s_id, essential in OccupationSkill.objects.values_list(
                "id", "occupation_id", "skill_id", "essential"
            ):
                if o_id in in_package:
                    existing[(o_id, s_id)] = (pk, essential)
        new_rel: list[OccupationSkill] = []
        changed_rel: list[OccupationSkill] = []
        unknown = 0
        keep: set[tuple[int, int]] = set()
        for (o_uri, s_uri), essential in package.relations.items():
            o_pk, s_pk = occ_id.get(o_uri), skill_id.get(s_uri)
            if o_pk is None or s_pk is None:
                unknown += 1  # only in a dry run: the occupation or skill is new
                continue
            keep.add((o_pk, s_pk))
            old_r = existing.get((o_pk, s_pk))
            if old_r is None:
                new_rel.append(
                    OccupationSkill(occupation_id=o_pk, skill_id=s_pk, essential=essential)
                )
            elif old_r[1] != essential:
                changed_rel.append(OccupationSkill(pk=old_r[0], essential=essential))
        stale = [pk for key, (pk, _e) in existing.items() if key not in keep]
        counts.update(
            relations_new=len(new_rel) + unknown,
            relations_changed=len(changed_rel),
            relations_removed=len(stale),
        )
        if not dry_run:
            for n, rel_batch in enumerate(_batches(new_rel, 5000), start=1):
                OccupationSkill.objects.bulk_create(rel_batch)
                if n % 10 == 0:
                    say(_("Relationer gemt: %(n)s …") % {"n": n * 5000})
            for rel_batch in _batches(changed_rel):
                OccupationSkill.objects.bulk_update(rel_batch, ["essential"])
            for ids in _batches(stale, 900):
                OccupationSkill.objects.filter(pk__in=ids).delete()
            say(
                _("Relationer gemt: %(new)s nye, %(changed)s ændrede, %(removed)s fjernet")
                % {"new": len(new_rel), "changed": len(changed_rel), "removed": len(stale)}
            )
    counts.update(
        occupations=len(package.occupations),
        skills=len(package.skills),
        relations=len(package.relations),
    )
    return result


# --- Occupations and job families ---------------------------------------------------------------


def search_occupations(access: Access, q: str = "", page: int | str = 1) -> Page[Occupation]:
    """ESCO occupations by name, ESCO code or ISCO-08 group, a page at a time."""
    access.require(READ_TAXONOMY)
    qs = Occupation.objects.all()
    q = q.strip()
    if q:
        cond = Q(name__icontains=q) | Q(code__startswith=q)
        if q.isdigit():
            cond |= Q(isco_group__startswith=q)
        qs = qs.filter(cond)
    return Paginator(qs.order_by("name", "pk"), PAGE_SIZE).get_page(page)


@dataclass(frozen=True)
class OccupationDetail:
    occupation: Occupation
    essential: list[Skill]
    optional: list[Skill]


def occupation(access: Access, occupation_id: int) -> OccupationDetail:
    access.require(READ_TAXONOMY)
    found = Occupation.objects.filter(pk=occupation_id).first()
    if found is None:
        raise NotFound
    essential: list[Skill] = []
    optional: list[Skill] = []
    for rel in (
        OccupationSkill.objects.filter(occupation=found)
        .select_related("skill")
        .order_by("skill__name")
    ):
        (essential if rel.essential else optional).append(rel.skill)
    return OccupationDetail(found, essential, optional)


@dataclass(frozen=True)
class FamilyMapping:
    family: JobFamily
    occupations: list[Occupation]


def job_family_mappings(access: Access) -> list[FamilyMapping]:
    """Every job family with the ESCO occupations it is mapped to."""
    access.require(READ_TAXONOMY)
    by_family: dict[int, list[Occupation]] = {}
    for link in JobFamilyOccupation.objects.select_related("occupation").order_by(
        "occupation__name"
    ):
        by_family.setdefault(link.job_family_id, []).append(link.occupation)
    return [FamilyMapping(f, by_family.get(f.pk, [])) for f in JobFamily.objects.all()]


def job_family(access: Access, family_id: int) -> FamilyMapping:
    access.require(READ_TAXONOMY)
    family = JobFamily.objects.filter(pk=family_id).first()
    if family is None:
        raise NotFound
    occupations = [
        link.occupation
        for link in JobFamilyOccupation.objects.filter(job_family=family)
        .select_related("occupation")
        .order_by("occupation__name")
    ]
    return FamilyMapping(family, occupations)


def map_job_family(access: Access, family_id: int, occupation_id: int, *, mapped: bool) -> None:
    """Map a job family to an ESCO occupation (``mapped``), or remove the mapping."""
    access.require(MANAGE_TAXONOMY)
    if not JobFamily.objects.filter(pk=family_id).exists():
        raise NotFound
    if not Occupation.objects.filter(pk=occupation_id).exists():
        raise ValidationFailed([_("Erhvervet findes ikke.")], field="occupation")
    if mapped:
        JobFamilyOccupation.objects.get_or_create(
            job_family_id=family_id, occupation_id=occupation_id
        )
    else:
        JobFamilyOccupation.objects.filter(
            job_family_id=family_id, occupation_id=occupation_id
        ).delete()
