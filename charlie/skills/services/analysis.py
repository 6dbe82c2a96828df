"""Gap analysis, re-skilling toward shortages and "Sæt det rette hold" (issue 13, points 6–8).

The arithmetic is in ``skills.matching`` (pure, vectorised); this module loads what it needs in
few queries, checks permissions and scope, protects every figure for a group through
``core.disclosure`` and writes the audit log for every person it shows by name:

- :func:`person_gap`: one person against a role profile (``READ_SKILLS`` + scope);
- :func:`heatmap`: units × a role's skills, the share meeting the level (``READ_SKILL_FIGURES``);
- :func:`retiring_holders`: holders of each skill of a role who reach their folkepension age by
  a year (pensionsloven § 1 a through ``workforce.services.pension_years_of``), aggregated;
- :func:`candidates` and :func:`shortage_summary`: re-skilling candidates for a role, named only
  where the person has opted in (``OptIn`` "opportunities"), counts for everyone else
  (``FIND_CANDIDATES``);
- :func:`propose_team`, :func:`team_proposal`, :func:`decide_team`: a project team by greedy set
  cover among people who opted in to project work (``FIND_CANDIDATES``).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from django.db import connection, transaction
from django.db.models import Case, IntegerField, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.core.disclosure import Grouping, protect_line
from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.services import min_group_size
from charlie.core.text import check_text
from charlie.people import services as people
from charlie.people.models import OrgUnit, Person
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.skills import matching
from charlie.skills.gaps import GapLine, Need, gap
from charlie.skills.models import (
    AssessmentStatus,
    LearningActivity,
    OptInKind,
    ProposalStatus,
    Requirement,
    RoleProfile,
    Skill,
    SkillAssessment,
    TeamMember,
    TeamProposal,
)
from charlie.skills.permissions import FIND_CANDIDATES, READ_SKILL_FIGURES, READ_SKILLS
from charlie.skills.rules import scale_of
from charlie.skills.services.common import (
    CATEGORY,
    DETAIL_CANDIDATE,
    DETAIL_TEAM,
    for_development,
    person_in_scope,
    today,
)
from charlie.skills.services.optins import opted_in_person_ids
from charlie.skills.services.role_profiles import current_profile, profile_choices
from charlie.skills.services.taxonomy import skill_names

#: Hours of learning a year an employee can give to re-skilling, unless HR says otherwise
#: (two weeks of 37 hours).
DEFAULT_HOURS_PER_YEAR = 74.0
#: The year the issue asks about ("how many … by 2030?").
DEFAULT_BY_YEAR = 2030
DEFAULT_TOP = 25
#: The years one may ask about; a past year counts only what is already so.
FIRST_YEAR, LAST_YEAR = 2000, 2100
MAX_TOP = 500
#: The closeness bands HR sees counts of for the people who have not opted in.
BANDS = ((0.8, 1.01), (0.5, 0.8), (0.0, 0.5))


# --- Loading ------------------------------------------------------------------------------------


def load_levels(
    person_ids: Iterable[int] | None = None,
    *,
    skill_ids: Sequence[int] | None = None,
    on: date | None = None,
) -> matching.Levels:
    """The newest confirmed level of each person's skills, in one query: rows ordered by
    person, skill and newest first, the first of each (person, skill) kept with NumPy. A newest
    level whose evidence has expired (``expires_on`` before ``on``) counts as not held.
    ``person_ids``: only these people (and each of them gets a row even with no skill);
    ``skill_ids``: only these skills (a role's requirements: far fewer rows to read)."""
    on = on or today()
    rows = SkillAssessment.objects.filter(status=AssessmentStatus.CONFIRMED)
    if skill_ids is not None:
        rows = rows.filter(skill_id__in=list(skill_ids))
    wanted = None if person_ids is None else np.unique(np.fromiter(person_ids, dtype=np.int64))
    if wanted is not None and len(wanted) < 5000:
        rows = rows.filter(person_id__in=wanted.tolist())
    expired = Case(
        When(expires_on__lt=on, then=Value(1)), default=Value(0), output_field=IntegerField()
    )
    query = (
        rows.order_by("person_id", "skill_id", "-assessed_on", "-pk")
        .annotate(expired=expired)
        .values_list("person_id", "skill_id", "level", "expired")
    )
    # The ORM's SQL on a plain cursor: hundreds of thousands of integer rows without a Python
    # conversion step per row (the columns are integers in every database). No people or no
    # skills asked for (a team when nobody opted in): nothing to read, and the ORM has no SQL
    # for an empty ``IN``.
    data: list[tuple[int, ...]] = []
    if (wanted is None or len(wanted)) and (skill_ids is None or len(skill_ids)):
        sql, params = query.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            data = cursor.fetchall()
    if data:
        table = np.array(data, dtype=np.int64)  # one conversion in C, not a loop per column
        pid, sid, lvl = table[:, 0], table[:, 1], table[:, 2]
        first = np.ones(len(table), dtype=bool)
        first[1:] = (pid[1:] != pid[:-1]) | (sid[1:] != sid[:-1])
        keep = first & (table[:, 3] == 0)
        if wanted is not None:
            keep &= np.isin(pid, wanted)
        pid, sid, lvl = pid[keep], sid[keep], lvl[keep]
    else:
        pid = sid = lvl = np.zeros(0, dtype=np.int64)
    return matching.Levels.from_rows(pid, sid, lvl, persons=wanted)


@dataclass(frozen=True)
class Requirements:
    profile: RoleProfile
    skill_ids: list[int]
    names: list[str]
    scales: list[str]
    required: list[int]
    essential: list[bool]

    def needs(self) -> list[Need]:
        return [
            Need(s, r, e)
            for s, r, e in zip(self.skill_ids, self.required, self.essential, strict=True)
        ]


def requirements_of(profile: RoleProfile) -> Requirements:
    rows = list(
        profile.requirements.select_related("skill").order_by("-requirement", "skill__name")
    )
    rows.sort(key=lambda r: (r.requirement != Requirement.ESSENTIAL, r.skill.name))
    return Requirements(
        profile=profile,
        skill_ids=[r.skill_id for r in rows],
        names=[r.skill.name for r in rows],
        scales=[r.skill.scale for r in rows],
        required=[r.min_level for r in rows],
        essential=[r.requirement == Requirement.ESSENTIAL for r in rows],
    )


def step_hours(req: Requirements) -> np.ndarray:
    """Hours per level step of each required skill: the shortest learning activity entered for
    the skill that raises it to that level, else ``matching.DEFAULT_HOURS_PER_LEVEL``."""
    top = max([8, *req.required])
    steps = matching.default_step_hours(len(req.skill_ids), top)
    column = {s: j for j, s in enumerate(req.skill_ids)}
    explicit = np.zeros(steps.shape, dtype=bool)
    for skill_id, level, hours in LearningActivity.objects.filter(
        skill_id__in=req.skill_ids
    ).values_list("skill_id", "raises_to", "hours"):
        j = column[skill_id]
        if 1 <= level <= top:
            steps[j, level] = (
                min(steps[j, level], float(hours)) if explicit[j, level] else float(hours)
            )
            explicit[j, level] = True
    return steps


@dataclass(frozen=True)
class Staff:
    """Today's people in scope, each once (their largest current employment, as the headcount
    release counts them): ids, unit pk, job family pk and unit path."""

    person: np.ndarray
    unit: np.ndarray
    family: np.ndarray
    paths: list[str]


def staff(access: Access, *, on: date | None = None) -> Staff:
    paths = access.aggregate_paths()
    rows = people.primary_employments(on=on or today(), paths=paths or ())
    if paths is not None and not paths:
        rows = []
    rows.sort()
    return Staff(
        person=np.array([r[0] for r in rows], dtype=np.int64),
        unit=np.array([r[1] for r in rows], dtype=np.int64),
        family=np.array([r[2] for r in rows], dtype=np.int64),
        paths=[r[3] for r in rows],
    )


# --- Person vs profile --------------------------------------------------------------------------


@dataclass(frozen=True)
class GapRow:
    skill_id: int
    name: str
    required: int
    held: int
    missing: int
    essential: bool
    met: bool
    required_label: str
    held_label: str


@dataclass(frozen=True)
class PersonGap:
    person: Person
    profile: RoleProfile
    rows: list[GapRow]
    coverage: float
    hours: float

    @property
    def missing(self) -> list[GapRow]:
        return [r for r in self.rows if not r.met]

    @property
    def held(self) -> list[GapRow]:
        return [r for r in self.rows if r.held]

    def as_json(self) -> dict[str, Any]:
        def line(r: GapRow) -> dict[str, Any]:
            return {
                "skill_id": r.skill_id,
                "skill": r.name,
                "required_level": r.required,
                "held_level": r.held,
                "missing_levels": r.missing,
                "essential": r.essential,
            }

        return {
            "employee_number": self.person.employee_number,
            "role": self.profile.code,
            "role_version": self.profile.version,
            "role_name": self.profile.name,
            "coverage": round(self.coverage, 4),
            "hours_to_close": round(self.hours, 1),
            "required": [line(r) for r in self.rows],
            "held": [line(r) for r in self.held],
            "missing": [line(r) for r in self.missing],
        }


def _level_label(scale: str, number: int) -> str:
    if number <= 0:
        return _("Ikke vurderet")
    try:
        level = scale_of(scale).level(number)
    except ValueError:
        return str(number)
    return f"{number} – {_(level.name)}"


def person_gap(access: Access, person_id: int, code: str) -> PersonGap:
    """One person's confirmed skills against the current role profile ``code``: 403 without
    ``READ_SKILLS``, 404 outside scope or for an unknown role. Audited as a read."""
    access.require(READ_SKILLS)
    person = person_in_scope(access, person_id)
    req = requirements_of(current_profile(code))
    levels = load_levels([person.pk], skill_ids=req.skill_ids)
    held_row = levels.held(req.skill_ids)[0] if len(levels) else np.zeros(len(req.skill_ids))
    held = {s: int(h) for s, h in zip(req.skill_ids, held_row, strict=True) if h}
    lines: list[GapLine] = gap(held, req.needs())
    index = {s: j for j, s in enumerate(req.skill_ids)}
    cum = matching.cumulative_hours(step_hours(req))
    matrix = np.asarray(held_row, dtype=np.int64)[None, :]
    rows = [
        GapRow(
            skill_id=g.skill_id,
            name=req.names[index[g.skill_id]],
            required=g.required,
            held=g.held,
            missing=g.missing,
            essential=g.essential,
            met=g.met,
            required_label=_level_label(req.scales[index[g.skill_id]], g.required),
            held_label=_level_label(req.scales[index[g.skill_id]], g.held),
        )
        for g in lines
    ]
    for_development(access).record_read([person.pk], category=CATEGORY, detail="gab")
    return PersonGap(
        person=person,
        profile=req.profile,
        rows=rows,
        coverage=float(matching.coverage(matrix, req.required, req.essential)[0]),
        hours=float(matching.gap_hours(matrix, req.required, cum)[0]),
    )


def person_gap_by_number(access: Access, employee_number: str, code: str) -> PersonGap:
    person_id = people.person_id_by_employee_number(employee_number)
    if person_id is None:
        raise NotFound
    return person_gap(access, person_id, code)


# --- Heatmap: units × skills ----------------------------------------------------------------------


@dataclass(frozen=True)
class HeatCell:
    met: int | None  # None: hidden by disclosure control
    people: int | None
    share: float | None  # 0–1

    @property
    def percent(self) -> int | None:
        return None if self.share is None else round(self.share * 100)

    @property
    def band(self) -> int:
        """0–4 for the colour class (the number is always written in the cell)."""
        return -1 if self.share is None else min(int(self.share * 5), 4)


@dataclass(frozen=True)
class HeatRow:
    unit_id: int
    label: str
    has_children: bool
    cells: list[HeatCell]


@dataclass(frozen=True)
class Heatmap:
    profile: RoleProfile
    skills: list[str]
    required: list[str]
    rows: list[HeatRow]
    parent: HeatRow | None
    min_size: int
    any_hidden: bool
    population_note: str

    @property
    def columns(self) -> list[tuple[str, str]]:
        return list(zip(self.skills, self.required, strict=True))


def unit_names() -> dict[int, str]:
    """Every unit's display name (a repeated name qualified, ``people.unit_labels``)."""
    labels = people.unit_labels()
    return {pk: labels.get(pk, name) for pk, name in OrgUnit.objects.values_list("pk", "name")}


def _unit_tree(access: Access) -> tuple[list[tuple[int, int | None, str]], Grouping[object]]:
    paths = access.aggregate_paths()
    units: list[tuple[int, int | None, str]] = list(
        OrgUnit.objects.order_by("path").values_list("pk", "parent_id", "path")
    )
    if paths is not None:
        units = [u for u in units if any(u[2].startswith(p) for p in paths)]
    in_tree = {u[0] for u in units}
    parent: dict[object, object] = {"total": None}
    for pk, up, _path in units:
        parent[pk] = up if up in in_tree else "total"
    return units, Grouping.tree(parent, unpublished=["total"])


def heatmap(access: Access, code: str, *, unit_id: int | None = None) -> Heatmap:
    """The share of people meeting each required level of role ``code``, for a unit and its
    sub-units (``unit_id``; default the top of the caller's scope). The population: today's
    employees in the role's job family (everyone, for a role without one), each once."""
    access.require(READ_SKILL_FIGURES)
    req = requirements_of(current_profile(code))
    min_size = max(people.headcount_min_size(), min_group_size(CATEGORY))
    units, tree = _unit_tree(access)
    index = tree.index()
    st = staff(access)
    mask = np.ones(len(st.person), dtype=bool)
    if req.profile.job_family_id:
        mask = st.family == req.profile.job_family_id
    person = st.person[mask]
    leaf = np.array([index.get(int(u), -1) for u in st.unit[mask]], dtype=np.int64)
    inside = leaf >= 0
    person, leaf = person[inside], leaf[inside]
    levels = load_levels(person.tolist(), skill_ids=req.skill_ids)
    held = levels.held(req.skill_ids)[levels.rows_of(person)]
    met_counts, all_counts, shown = matching.heat_counts(
        held, req.required, person, leaf, tree, min_size=min_size
    )
    labels = unit_names()
    children: dict[int | None, list[int]] = {}
    unit_ids = {u[0] for u in units}
    for pk, up, _path in units:
        children.setdefault(up if up in unit_ids else None, []).append(pk)

    def row(pk: int) -> HeatRow:
        i = index[pk]
        cells = [
            HeatCell(
                met=int(met_counts[i, j]) if shown[i, j] else None,
                people=int(all_counts[i, j]) if shown[i, j] else None,
                share=(
                    float(met_counts[i, j] / all_counts[i, j])
                    if shown[i, j] and all_counts[i, j]
                    else None
                ),
            )
            for j in range(len(req.skill_ids))
        ]
        return HeatRow(pk, labels.get(pk, str(pk)), bool(children.get(pk)), cells)

    if unit_id is not None and unit_id not in unit_ids:
        raise NotFound
    parent = row(unit_id) if unit_id is not None else None
    rows = [row(pk) for pk in children.get(unit_id, [])]
    rows = [r for r in rows if any(c.people != 0 for c in r.cells)]
    any_hidden = any(c.share is None for r in rows for c in r.cells)
    note = (
        _("Ansatte i stillingskategorien %(family)s") % {"family": req.profile.job_family}
        if req.profile.job_family_id
        else _("Alle ansatte")
    )
    return Heatmap(
        profile=req.profile,
        skills=req.names,
        required=[_level_label(s, r) for s, r in zip(req.scales, req.required, strict=True)],
        rows=rows,
        parent=parent,
        min_size=min_size,
        any_hidden=any_hidden,
        population_note=note,
    )


# --- Retiring skill holders ---------------------------------------------------------------------


@dataclass(frozen=True)
class RetiringRow:
    skill: str
    required: str
    holders: int | None
    retiring: int | None


@dataclass(frozen=True)
class Retiring:
    profile: RoleProfile
    by_year: int
    rows: list[RetiringRow]
    min_size: int


def retiring_holders(access: Access, code: str, *, by_year: int = DEFAULT_BY_YEAR) -> Retiring:
    """For each skill of role ``code``: how many of today's employees in scope hold it at the
    required level, and how many of them reach their folkepension age by the end of ``by_year``
    (pensionsloven § 1 a, as the workforce plan's projection counts it:
    ``workforce.services.pension_years_of`` by birth year). Each skill is one release of
    (retiring, staying) with their total, through ``core.disclosure.protect_line``."""
    from charlie.workforce import services as workforce

    access.require(READ_SKILL_FIGURES)
    if not FIRST_YEAR <= by_year <= LAST_YEAR:
        raise ValidationFailed([_("Året skal ligge mellem 2000 og 2100.")])
    req = requirements_of(current_profile(code))
    min_size = max(people.headcount_min_size(), min_group_size(CATEGORY))
    st = staff(access)
    births = dict(
        Person.objects.filter(pk__in=st.person.tolist()).values_list("pk", "birth_date__year")
    )
    birth_years = np.array([births.get(int(p), 1970) for p in st.person], dtype=np.int64)
    pension_year = np.asarray(workforce.pension_years_of(birth_years), dtype=np.int64)
    retiring = pension_year <= by_year
    levels = load_levels(st.person.tolist(), skill_ids=req.skill_ids)
    meets = matching.met(levels.held(req.skill_ids)[levels.rows_of(st.person)], req.required)
    rows = []
    for j, name in enumerate(req.names):
        holders = int(meets[:, j].sum())
        going = int((meets[:, j] & retiring).sum())
        values, total = protect_line(
            {"retiring": going, "staying": holders - going}, total=holders, min_size=min_size
        )
        rows.append(
            RetiringRow(
                skill=name,
                required=_level_label(req.scales[j], req.required[j]),
                holders=total,
                retiring=values["retiring"],
            )
        )
    return Retiring(profile=req.profile, by_year=by_year, rows=rows, min_size=min_size)


# --- Re-skilling candidates -----------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    person_id: int
    name: str
    employee_number: str
    unit: str
    coverage: float
    hours: float
    missing: list[str]

    @property
    def percent(self) -> int:
        return round(self.coverage * 100)


@dataclass(frozen=True)
class CandidateBand:
    label: str
    count: int | None


@dataclass(frozen=True)
class Candidates:
    profile: RoleProfile
    named: list[Candidate]
    named_total: int
    bands: list[CandidateBand]  # the people who have not opted in: counts only
    others_total: int | None
    by_year: int
    hours_per_year: float
    reskillable: int | None
    reskillable_named: int
    min_size: int

    def as_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "rank": i + 1,
                "employee_number": c.employee_number,
                "name": c.name,
                "unit": c.unit,
                "coverage": round(c.coverage, 4),
                "hours_to_close": round(c.hours, 1),
                "missing": "; ".join(c.missing),
            }
            for i, c in enumerate(self.named)
        ]


@dataclass(frozen=True)
class _Scored:
    req: Requirements
    person: np.ndarray
    unit: np.ndarray
    scores: np.ndarray
    hours: np.ndarray
    held: np.ndarray
    opted: np.ndarray


def score_people(
    levels: matching.Levels,
    person: np.ndarray,
    required: Sequence[int],
    essential: Sequence[bool],
    cum: np.ndarray,
    skill_ids: Sequence[int],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(coverage, gap hours, held matrix) for these people against the requirements."""
    held = levels.held(skill_ids)[levels.rows_of(person)]
    return (
        matching.coverage(held, required, essential),
        matching.gap_hours(held, required, cum),
        held,
    )


def _score(access: Access, code: str) -> _Scored:
    req = requirements_of(current_profile(code))
    st = staff(access)
    keep = np.ones(len(st.person), dtype=bool)
    if req.profile.job_family_id:
        keep = st.family != req.profile.job_family_id  # already in the role: not re-skilling
    person, unit = st.person[keep], st.unit[keep]
    levels = load_levels(person.tolist(), skill_ids=req.skill_ids)
    cum = matching.cumulative_hours(step_hours(req))
    scores, hours, held = score_people(
        levels, person, req.required, req.essential, cum, req.skill_ids
    )
    opted = np.isin(person, np.array(sorted(opted_in_person_ids(OptInKind.NEW_OPPORTUNITIES))))
    return _Scored(req, person, unit, scores, hours, held, opted)


def count_pair(whole: int, part: int, min_size: int) -> tuple[int | None, int | None]:
    """A count and a part of it that are published side by side: each is shown only where it
    is 0 or at least ``min_size``, and the whole only where the rest (whole − part) is too —
    otherwise subtracting the two would give a small group away.

    >>> count_pair(12, 9, 5)
    (None, 9)
    >>> count_pair(14, 9, 5), count_pair(3, 0, 5)
    ((14, 9), (None, 0))
    """

    def ok(n: int) -> bool:
        return n == 0 or n >= min_size

    return (whole if ok(whole) and ok(whole - part) else None), (part if ok(part) else None)


def _years_left(by_year: int) -> float:
    return float(by_year - today().year) + 1.0 - today().timetuple().tm_yday / 365.25


def candidates(
    access: Access,
    code: str,
    *,
    top: int = DEFAULT_TOP,
    by_year: int = DEFAULT_BY_YEAR,
    hours_per_year: float = DEFAULT_HOURS_PER_YEAR,
) -> Candidates:
    """Today's employees outside the role's job family, ranked by closeness to role ``code``
    (``skills.matching``). Named: only those whose newest "opportunities" opt-in is yes, the
    best ``top``; each of them is audited with ``DETAIL_CANDIDATE`` (so they see it in "Mine
    data"). Everyone else: counts per closeness band, through disclosure control."""
    access.require(FIND_CANDIDATES)
    if not 1 <= top <= MAX_TOP:
        raise ValidationFailed([_("Antal skal være mellem 1 og %(max)s.") % {"max": MAX_TOP}])
    if not 0 < hours_per_year <= 2000:
        raise ValidationFailed([_("Timer om året skal være mellem 1 og 2000.")])
    if not FIRST_YEAR <= by_year <= LAST_YEAR:
        raise ValidationFailed([_("Året skal ligge mellem 2000 og 2100.")])
    s = _score(access, code)
    min_size = max(people.headcount_min_size(), min_group_size(CATEGORY))
    order = matching.rank(s.scores, s.hours, s.person)
    named_rows = order[s.opted[order]]
    shown = named_rows[:top]
    persons = Person.objects.in_bulk(s.person[shown].tolist())
    labels = unit_names()
    named = []
    for i in shown:
        p = persons[int(s.person[i])]
        missing = [
            f"{s.req.names[j]} ({int(s.held[i, j])} → {s.req.required[j]})"
            for j in range(len(s.req.skill_ids))
            if s.held[i, j] < s.req.required[j]
        ]
        named.append(
            Candidate(
                person_id=p.pk,
                name=f"{p.first_name} {p.last_name}",
                employee_number=p.employee_number,
                unit=labels.get(int(s.unit[i]), ""),
                coverage=float(s.scores[i]),
                hours=float(s.hours[i]),
                missing=missing,
            )
        )
    for_development(access).record_read(
        [c.person_id for c in named], category=CATEGORY, detail=DETAIL_CANDIDATE
    )
    others = ~s.opted
    band_counts = {
        f"{lo:.1f}": int((others & (s.scores >= lo) & (s.scores < hi)).sum()) for lo, hi in BANDS
    }
    values, others_total = protect_line(band_counts, total=int(others.sum()), min_size=min_size)
    band_labels = [_("mindst 80 %"), _("50–79 %"), _("under 50 %")]
    can = matching.reskillable(s.hours, hours_per_year=hours_per_year, years=_years_left(by_year))
    reskillable, _named = count_pair(int(can.sum()), int((can & s.opted).sum()), min_size)
    return Candidates(
        profile=s.req.profile,
        named=named,
        named_total=int(s.opted.sum()),
        bands=[
            CandidateBand(label, values[key])
            for label, key in zip(band_labels, band_counts, strict=True)
        ],
        others_total=others_total,
        by_year=by_year,
        hours_per_year=hours_per_year,
        reskillable=reskillable,
        reskillable_named=int((can & s.opted).sum()),
        min_size=min_size,
    )


@dataclass(frozen=True)
class ShortageRow:
    profile: RoleProfile
    family: str
    recruitment: float | None  # the plan's median recruitment need until by_year
    reskillable: int | None
    reskillable_opted_in: int | None
    opted_in: int | None


@dataclass(frozen=True)
class Shortages:
    by_year: int
    hours_per_year: float
    scenario: str
    rows: list[ShortageRow]
    other_roles: list[tuple[str, str]]
    min_size: int
    note: str = ""
    problems: list[str] = field(default_factory=list)


def shortage_families(access: Access, by_year: int) -> tuple[str, dict[str, float]]:
    """The job families (code → median recruitment need until ``by_year``) the workforce plan's
    first scenario projects to lack people, through ``workforce.services`` (its own permission
    and disclosure control apply). No scenario: none."""
    from charlie.workforce import services as workforce

    try:
        scenario = workforce.get_scenario(access)
    except NotFound:
        return "", {}
    to_year = max(by_year, today().year + 1)
    result = workforce.plan(access, scenario, to_year=to_year, runs=workforce.MIN_RUNS)
    need: dict[str, float] = {}
    for row in result.rows.get("job_family", []):
        if row.hidden:
            continue
        until = [y for y in row.years if y.year <= by_year]
        total = sum(y.recruitment.p50 for y in until)
        if total > 0.5:
            need[row.key] = total
    return scenario.name, need


def shortage_summary(
    access: Access,
    *,
    by_year: int = DEFAULT_BY_YEAR,
    hours_per_year: float = DEFAULT_HOURS_PER_YEAR,
) -> Shortages:
    """For each current role profile of a job family the workforce plan projects to lack
    people: how many employees outside the family could close the gap by ``by_year`` at
    ``hours_per_year`` hours of learning a year, and how many of them have opted in. Counts
    only, each pair through ``count_pair``; nobody is named here."""
    access.require(FIND_CANDIDATES)
    if not FIRST_YEAR <= by_year <= LAST_YEAR:
        raise ValidationFailed([_("Året skal ligge mellem 2000 og 2100.")])
    if not 0 < hours_per_year <= 2000:
        raise ValidationFailed([_("Timer om året skal være mellem 1 og 2000.")])
    min_size = max(people.headcount_min_size(), min_group_size(CATEGORY))
    scenario, need = shortage_families(access, by_year)
    profiles = list(
        RoleProfile.objects.filter(is_current=True, job_family__code__in=list(need))
        .select_related("job_family")
        .order_by("name")
    )
    rows = []
    years = _years_left(by_year)
    for profile in profiles:
        s = _score(access, profile.code)
        can = matching.reskillable(s.hours, hours_per_year=hours_per_year, years=years)
        can_all, can_opted = count_pair(int(can.sum()), int((can & s.opted).sum()), min_size)
        _everyone, opted = count_pair(len(s.opted), int(s.opted.sum()), min_size)
        if profile.job_family is None:
            continue
        rows.append(
            ShortageRow(
                profile=profile,
                family=str(profile.job_family),
                recruitment=need.get(profile.job_family.code),
                reskillable=can_all,
                reskillable_opted_in=can_opted,
                opted_in=opted,
            )
        )
    shown = {p.code for p in profiles}
    return Shortages(
        by_year=by_year,
        hours_per_year=hours_per_year,
        scenario=scenario,
        rows=rows,
        other_roles=[(c, n) for c, n in profile_choices() if c not in shown],
        min_size=min_size,
    )


# --- "Sæt det rette hold" -------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamNeed:
    skill_id: int
    level: int
    hours: float


def parse_needs(rows: Iterable[tuple[Any, Any, Any]]) -> list[TeamNeed]:
    """Validated needs from (skill id, level, hours) triples; empty rows are skipped."""
    needs: list[TeamNeed] = []
    problems: list[str] = []
    skills = dict(Skill.objects.values_list("pk", "scale"))
    for n, (skill, level, hours) in enumerate(rows, start=1):
        if skill in (None, "") and level in (None, "") and hours in (None, ""):
            continue
        try:
            skill_id, lvl, hrs = int(skill), int(level), float(str(hours).replace(",", "."))
        except (TypeError, ValueError):
            problems.append(_("Linje %(n)s: vælg en kompetence, et niveau og timer.") % {"n": n})
            continue
        if skill_id not in skills:
            problems.append(_("Linje %(n)s: kompetencen findes ikke.") % {"n": n})
        elif not scale_of(skills[skill_id]).valid(lvl):
            problems.append(_("Linje %(n)s: niveauet findes ikke på skalaen.") % {"n": n})
        elif not 0 < hrs <= 10000:
            problems.append(_("Linje %(n)s: timer skal være mellem 1 og 10.000.") % {"n": n})
        else:
            needs.append(TeamNeed(skill_id, lvl, hrs))
    if not needs and not problems:
        problems.append(_("Angiv mindst én kompetence, som projektet har brug for."))
    if len({n.skill_id for n in needs}) != len(needs):
        problems.append(_("Hver kompetence må kun stå én gang."))
    if problems:
        raise ValidationFailed(problems)
    return needs


@dataclass(frozen=True)
class TeamView:
    proposal: TeamProposal
    members: list[dict[str, Any]]
    needs: list[dict[str, Any]]
    coverage: float


def propose_team(
    access: Access,
    name: str,
    needs: Sequence[TeamNeed],
    *,
    hours_per_person: float | None = None,
    max_members: int = 12,
) -> TeamProposal:
    """A draft team for a project, across units, from today's employees whose newest
    "projects" opt-in is yes, by greedy set cover (``matching.greedy_team``). Saved as a
    ``TeamProposal`` with its members; each proposed person is audited with ``DETAIL_TEAM``."""
    access.require(FIND_CANDIDATES)
    name = check_text(name, what=_("Projekt"), max_length=200) or ""
    if not name:
        raise ValidationFailed([_("Giv projektet et navn.")])
    if hours_per_person is not None and not 0 < hours_per_person <= 2000:
        raise ValidationFailed([_("Timer pr. person skal være mellem 1 og 2000.")])
    if not 1 <= max_members <= 50:
        raise ValidationFailed([_("Holdet skal have mellem 1 og 50 personer.")])
    st = staff(access)
    opted = np.isin(st.person, np.array(sorted(opted_in_person_ids(OptInKind.PROJECTS))))
    person = st.person[opted]
    levels = load_levels(person.tolist(), skill_ids=[n.skill_id for n in needs])
    held = levels.held([n.skill_id for n in needs])[levels.rows_of(person)]
    meets = matching.met(held, [n.level for n in needs])
    capacity = None if hours_per_person is None else np.full(len(person), hours_per_person)
    team = matching.greedy_team(
        meets, [n.hours for n in needs], capacity=capacity, max_members=max_members
    )
    with transaction.atomic():
        proposal = TeamProposal.objects.create(
            name=name,
            needs=[
                {
                    "skill": n.skill_id,
                    "level": n.level,
                    "hours": n.hours,
                    "missing_hours": float(team.missing_hours[j]),
                }
                for j, n in enumerate(needs)
            ],
            created_by=access.user,
        )
        TeamMember.objects.bulk_create(
            TeamMember(
                proposal=proposal,
                person_id=int(person[i]),
                skills=[needs[j].skill_id for j in cover],
            )
            for i, cover in zip(team.members, team.covers, strict=True)
        )
        for_development(access).record(
            [int(person[i]) for i in team.members],
            action=Action.CREATE,
            category=CATEGORY,
            detail=DETAIL_TEAM,
        )
    return proposal


def team_proposals(access: Access, *, ids: Iterable[int] | None = None) -> list[TeamProposal]:
    """The newest 200 proposals, or exactly those with ``ids`` (the portfolio's teams of an
    initiative). No names: the members are not loaded."""
    access.require(FIND_CANDIDATES)
    proposals = TeamProposal.objects.select_related("created_by", "decided_by")
    if ids is not None:
        return list(proposals.filter(pk__in=list(ids)))
    return list(proposals[:200])


def team_member_ids(access: Access, proposal_id: int) -> list[int]:
    """The person ids of a proposal's members (the portfolio tells them of an accepted team and
    records its own audit entries); 404 for an unknown proposal."""
    access.require(FIND_CANDIDATES)
    if not TeamProposal.objects.filter(pk=proposal_id).exists():
        raise NotFound
    return list(
        TeamMember.objects.filter(proposal_id=proposal_id)
        .order_by("pk")
        .values_list("person_id", flat=True)
    )


def team_proposal(access: Access, proposal_id: int) -> TeamView:
    """One proposal with its members by name (audited with ``DETAIL_TEAM``) and coverage."""
    access.require(FIND_CANDIDATES)
    proposal = (
        TeamProposal.objects.select_related("created_by", "decided_by")
        .filter(pk=proposal_id)
        .first()
    )
    if proposal is None:
        raise NotFound
    members = list(proposal.members.select_related("person").order_by("pk"))
    skill_ids = [int(n["skill"]) for n in proposal.needs]
    names = skill_names(skill_ids)
    labels = unit_names()
    units = dict(
        (p, u)
        for p, u, _f, _path in people.primary_employments(on=today())
        if p in {m.person_id for m in members}
    )
    needs = []
    total = sum(float(n["hours"]) for n in proposal.needs) or 1.0
    missing = sum(float(n.get("missing_hours", 0)) for n in proposal.needs)
    for n in proposal.needs:
        sid = int(n["skill"])
        needs.append(
            {
                "skill": names.get(sid, str(sid)),
                "level": n["level"],
                "hours": n["hours"],
                "missing_hours": n.get("missing_hours", 0),
                "covered_by": [
                    f"{m.person.first_name} {m.person.last_name}"
                    for m in members
                    if sid in m.skills
                ],
            }
        )
    rows = [
        {
            "name": f"{m.person.first_name} {m.person.last_name}",
            "employee_number": m.person.employee_number,
            "unit": labels.get(units.get(m.person_id, 0), ""),
            "skills": [names.get(int(s), str(s)) for s in m.skills],
        }
        for m in members
    ]
    for_development(access).record_read(
        [m.person_id for m in members], category=CATEGORY, detail=DETAIL_TEAM
    )
    return TeamView(proposal=proposal, members=rows, needs=needs, coverage=1 - missing / total)


def decide_team(access: Access, proposal_id: int, *, accept: bool) -> TeamProposal:
    """The named decider (the caller) accepts or rejects a draft; a decided one stays as is."""
    access.require(FIND_CANDIDATES)
    with transaction.atomic():
        proposal = TeamProposal.objects.select_for_update().filter(pk=proposal_id).first()
        if proposal is None:
            raise NotFound
        if proposal.status != ProposalStatus.DRAFT:
            raise ValidationFailed([_("Forslaget er allerede afgjort.")])
        proposal.status = ProposalStatus.ACCEPTED if accept else ProposalStatus.REJECTED
        proposal.decided_by = access.user
        proposal.decided_at = timezone.now()
        proposal.save(update_fields=["status", "decided_by", "decided_at"])
        person_ids = list(proposal.members.values_list("person_id", flat=True))
        for_development(access).record(
            person_ids, action=Action.UPDATE, category=CATEGORY, detail=DETAIL_TEAM
        )
    return proposal


def team_skill_choices() -> list[tuple[int, str]]:
    return list(
        Skill.objects.filter(retired_on__isnull=True, merged_into__isnull=True)
        .order_by("name")
        .values_list("pk", "name")
    )
