"""Importing employees' skills from CSV/XLSX, all or nothing (issue 13, point 3;
docs/import-format.md "Medarbejdernes kompetencer").

Like the people import: every file is read and checked whole first (``skills.importing``), then
every row is matched — the person by employee number, the skill by its id (``uri``) or exact
name, the level on that skill's scale — and only when no file has a problem are the rows written,
in one transaction. Each row becomes a confirmed assessment with the file's ``kilde``. A row that
is already there (same person, skill, date, level and source, confirmed) is not written again,
so the same file twice gives no duplicates. Every person written to is recorded in the audit log
(channel ``import``, purpose ``kompetenceudvikling``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_noop

from charlie.core.file_imports import ShownProblem, shown
from charlie.people.models import Person
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.skills import importing, rules
from charlie.skills.models import AssessmentStatus, Skill, SkillAssessment
from charlie.skills.permissions import IMPORT_SKILLS
from charlie.skills.services.common import CATEGORY, for_development

#: A file larger than this is refused unread (about 2 million rows of this format).
MAX_FILE_BYTES = 100 * 1024**2


@dataclass
class ImportResult:
    problems: list[ShownProblem] = field(default_factory=list)
    problem_count: int = 0
    rows: int = 0
    created: int = 0
    unchanged: int = 0
    people: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problem_count


def _key(person_id: int, skill_id: int, row: importing.SkillRow) -> tuple[object, ...]:
    return (person_id, skill_id, row.assessed_on, row.level, row.source)


def import_skills(
    access: Access,
    files: Iterable[tuple[str, bytes]],
    *,
    dry_run: bool = False,
    today: date | None = None,
) -> ImportResult:
    """Check ``files`` (name, content) whole and, when no row has a problem and not
    ``dry_run``, write them (see the module doc)."""
    access.require(IMPORT_SKILLS)
    on = today or timezone.localdate()
    rows: list[importing.SkillRow] = []
    problems: list[importing.Problem] = []
    for name, data in files:
        if len(data) > MAX_FILE_BYTES:
            problems.append(
                importing.Problem(
                    name,
                    None,
                    None,
                    gettext_noop("Filen er for stor (højst %(mb)d MB). Del den i flere filer."),
                    {"mb": MAX_FILE_BYTES // 1024**2},
                )
            )
            continue
        found, found_problems = importing.read(name, data, today=on)
        rows.extend(found)
        problems.extend(found_problems)

    numbers = {r.employee_number for r in rows}
    people = dict(
        Person.objects.filter(employee_number__in=numbers).values_list("employee_number", "pk")
    )
    refs = {r.skill for r in rows}
    by_uri = {s.uri: s for s in Skill.objects.filter(uri__in=refs)}
    by_name: dict[str, list[Skill]] = {}
    name_query = Q(pk__in=[])
    for ref in refs - set(by_uri):
        name_query |= Q(name__iexact=ref)
    for named in Skill.objects.filter(name_query) if refs - set(by_uri) else []:
        by_name.setdefault(named.name.lower(), []).append(named)

    matched: list[tuple[int, Skill, importing.SkillRow]] = []
    seen: dict[tuple[int, int, date], tuple[importing.SkillRow, tuple[object, ...]]] = {}
    for row in rows:

        def fail(
            column: str, message: str, row: importing.SkillRow = row, **params: object
        ) -> None:
            problems.append(importing.Problem(row.file, row.row, column, message, params))

        person_id = people.get(row.employee_number)
        if person_id is None:
            fail(
                "medarbejdernummer",
                gettext_noop("Der er ingen medarbejder med dette medarbejdernummer."),
            )
        skill: Skill | None = by_uri.get(row.skill)
        if skill is None:
            candidates = by_name.get(row.skill.lower(), [])
            active = [s for s in candidates if s.active]
            if len(active) > 1:
                fail(
                    "kompetence",
                    gettext_noop(
                        "Flere kompetencer hedder sådan. Brug kompetencens id (fx %(uri)s)."
                    ),
                    uri=active[0].uri,
                )
            elif active:
                skill = active[0]
            elif candidates:
                skill = candidates[0]
            else:
                fail(
                    "kompetence",
                    gettext_noop("Kompetencen findes ikke (hverken som id eller navn)."),
                )
        if skill is not None and not skill.active:
            fail(
                "kompetence",
                gettext_noop(
                    "Kompetencen er udgået eller lagt sammen med en anden. Brug den, der gælder nu."
                ),
            )
            skill = None
        if skill is not None:
            scale = rules.scale_of(skill.scale)
            if not scale.valid(row.level):
                fail(
                    "niveau",
                    gettext_noop(
                        "Niveauet skal være mellem 1 og %(top)d på denne kompetences skala."
                    ),
                    top=scale.top,
                )
                skill = None
        if person_id is None or skill is None:
            continue
        same = (person_id, skill.pk, row.assessed_on)
        key = _key(person_id, skill.pk, row)
        earlier = seen.get(same)
        if earlier is not None:
            if earlier[1] != key:
                fail(
                    "niveau",
                    gettext_noop(
                        "Rækken giver samme medarbejder, kompetence og dato et andet niveau "
                        "eller en anden kilde end række %(line)d i %(file)s."
                    ),
                    line=earlier[0].row,
                    file=earlier[0].file,
                )
            continue
        seen[same] = (row, key)
        matched.append((person_id, skill, row))

    result = ImportResult(rows=len(rows), dry_run=dry_run)
    if problems:
        result.problems = shown(problems)
        result.problem_count = len(problems)
        return result

    person_ids = {p for p, _s, _r in matched}
    existing = set(
        SkillAssessment.objects.filter(
            person_id__in=person_ids, status=AssessmentStatus.CONFIRMED
        ).values_list("person_id", "skill_id", "assessed_on", "level", "source")
    )
    new = [(p, s, r) for p, s, r in matched if _key(p, s.pk, r) not in existing]
    result.unchanged = len(matched) - len(new)
    result.created = len(new)
    result.people = len({p for p, _s, _r in new})
    if dry_run or not new:
        return result
    now = timezone.now()
    with transaction.atomic():
        SkillAssessment.objects.bulk_create(
            [
                SkillAssessment(
                    person_id=person_id,
                    skill=skill,
                    level=row.level,
                    assessed_on=row.assessed_on,
                    source=row.source,
                    status=AssessmentStatus.CONFIRMED,
                    evidence=row.evidence,
                    expires_on=row.expires_on,
                    decided_by=access.user,
                    decided_at=now,
                )
                for person_id, skill, row in new
            ],
            batch_size=2000,
        )
        for_development(access).record(
            {p for p, _s, _r in new},
            action=Action.CREATE,
            category=CATEGORY,
            detail="import",
            channel="import",
        )
    return result
