"""MUS and development plan coverage per unit, for the manager and HR (issue 13, point 4):
the share of today's employees with a current development plan (signed by both, valid today)
and with a MUS held in the last 12 months.

One view shows a unit and two levels of sub-units (the whole municipality: the top, the
forvaltninger and the areas); a row leads to the view of its own sub-tree. Figures only, through
``charlie.core.disclosure.protect`` in one release per view: the unit tree
(headcounts), the same tree counting only the people *with* a plan, and again only those with
a MUS. The three groupings share their total, so the engine also stops subtraction between
them — a unit minus its parent, or "with a plan" minus the headcount — from isolating fewer
than the minimum group size. A hidden figure is shown as "–" and its share is not computed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from charlie.core.cache import cached
from charlie.core.disclosure import Grouping, Population, people_per_cell, protect
from charlie.core.errors import NotFound
from charlie.core.services import min_group_size
from charlie.people import services as people
from charlie.people.models import OrgUnit
from charlie.privacy.access import Access
from charlie.skills import mus_rules
from charlie.skills.models import DevelopmentPlan, MusMeeting, MusStatus, PlanStatus
from charlie.skills.permissions import READ_SKILL_FIGURES
from charlie.skills.services.common import CATEGORY
from charlie.skills.services.mus import today

_TOTAL = "total"
#: The cache area bumped when a MUS or a plan is saved (apps.py).
AREA = "skills_mus"
#: Levels of units below the top (or the chosen unit) one view shows.
DEPTH = 2
_WITHOUT = "without"


@dataclass(frozen=True)
class CoverageRow:
    unit_id: int | None  # None: the total
    label: str
    depth: int
    people: int | None
    with_plan: int | None
    with_mus: int | None

    @staticmethod
    def _share(part: int | None, whole: int | None) -> float | None:
        if part is None or not whole:
            return None
        return round(100 * part / whole, 1)

    @property
    def plan_share(self) -> float | None:
        return self._share(self.with_plan, self.people)

    @property
    def mus_share(self) -> float | None:
        return self._share(self.with_mus, self.people)


@dataclass(frozen=True)
class Coverage:
    on: date
    min_size: int
    rows: list[CoverageRow]
    unit_id: int | None = None
    #: Units with sub-units (a row links to its deeper view).
    parents: set[int] = field(default_factory=set)


def _mirror(units: Sequence[tuple[int, int | None, str]], tag: str) -> Grouping[object]:
    in_tree = {pk for pk, _up, _path in units}
    parent: dict[object, object] = {_TOTAL: None, (tag, _WITHOUT): _TOTAL}
    for pk, up, _path in units:
        parent[(tag, pk)] = (tag, up) if up in in_tree else _TOTAL
    return Grouping.tree(parent, unpublished=[(tag, _WITHOUT)])


def _parts(path: str) -> list[str]:
    return [p for p in path.split("/") if p]


def _cut(
    units: Sequence[tuple[int, int | None, str]], roots: tuple[str, ...] | None, depth: int
) -> tuple[list[tuple[int, int | None, str]], dict[int, int]]:
    """The units down to ``depth`` levels below the roots (the tops of the tree when
    ``roots`` is None), and every unit's kept ancestor-or-self: people in deeper units count
    in the unit at the cut."""
    root_parts = (
        [_parts(r) for r in roots] if roots else [[p] for p in {_parts(u[2])[0] for u in units}]
    )
    kept: list[tuple[int, int | None, str]] = []
    into: dict[int, int] = {}
    for pk, up, path in units:
        parts = _parts(path)
        base = next((len(r) for r in root_parts if parts[: len(r)] == r), None)
        if base is None:
            continue
        if len(parts) - base <= depth:
            kept.append((pk, up, path))
            into[pk] = pk
        else:
            into[pk] = int(parts[base + depth - 1])
    return kept, into


def coverage(
    access: Access, *, unit_id: int | None = None, depth: int = DEPTH, on: date | None = None
) -> Coverage:
    """The coverage table, in tree order: the caller's scope (HR and analysts: the whole
    municipality; a manager: their units), or ``unit_id``'s sub-tree, ``depth`` levels deep.
    Each such view is one release (people in deeper units count in their unit at the cut), so
    the engine audits it exactly; a row links to its own deeper view."""
    access.require(READ_SKILL_FIGURES)
    on = on or today()
    paths = access.aggregate_paths()
    min_size = min_group_size(CATEGORY)
    if unit_id is not None:
        if unit_id not in {pk for pk, _label in people.unit_choices(access)}:
            raise NotFound
        paths = (OrgUnit.objects.get(pk=unit_id).path,)
    if paths == ():
        return Coverage(on, min_size, [])
    key = f"mus_coverage:{on}:{','.join(paths or ())}:{depth}:{min_size}"
    # Cached until people, MUS or plans change (apps.py bumps "skills_mus"): a wide view (an
    # area with a hundred sub-units) takes the engine seconds the first time.
    result = cached(("people", AREA), key, lambda: _coverage(on, paths, depth, min_size))
    return replace(result, unit_id=unit_id)


def _coverage(on: date, paths: tuple[str, ...] | None, depth: int, min_size: int) -> Coverage:
    every = list(OrgUnit.objects.order_by("path").values_list("pk", "parent_id", "path"))
    units, into = _cut(every, paths, depth)
    has_children = {up for _pk, up, _path in every if up is not None}
    members = [
        (who, into[unit], family, path)
        for who, unit, family, path in people.primary_employments(on=on, paths=paths or ())
        if unit in into
    ]
    ids = [m[0] for m in members]
    since = mus_rules.add_months(on, -12)
    plans = (
        DevelopmentPlan.objects.filter(
            status=PlanStatus.SIGNED, valid_from__lte=on, valid_to__gte=on
        )
        .values_list("person_id", flat=True)
        .distinct()
    )
    mus = (
        MusMeeting.objects.filter(status=MusStatus.HELD, held_on__gte=since, held_on__lte=on)
        .values_list("person_id", flat=True)
        .distinct()
    )
    # Every holder in one query each, kept only where employed in scope (no IN list of
    # 45,000 ids).
    employed = set(ids)
    with_plan = set(plans) & employed
    with_mus = set(mus) & employed

    in_tree = {pk for pk, _up, _path in units}
    parent: dict[object, object] = {_TOTAL: None}
    for pk, up, _path in units:
        parent[pk] = up if up in in_tree else _TOTAL
    tree = Grouping.tree(parent)
    plan_tree, mus_tree = _mirror(units, "plan"), _mirror(units, "mus")
    t_index, p_index, m_index = tree.index(), plan_tree.index(), mus_tree.index()
    person, leaf, leaf_plan, leaf_mus = [], [], [], []
    for who, unit, _family, _path in members:
        if unit not in in_tree:
            continue
        person.append(who)
        leaf.append(t_index[unit])
        leaf_plan.append(p_index[("plan", unit) if who in with_plan else ("plan", _WITHOUT)])
        leaf_mus.append(m_index[("mus", unit) if who in with_mus else ("mus", _WITHOUT)])
    population = Population.of(person, leaf, leaf_plan, leaf_mus)
    groupings = [tree, plan_tree, mus_tree]
    shown = protect(population, groupings, min_size=min_size)  # type: ignore[arg-type]
    counts = [c.tolist() for c in people_per_cell(population, groupings)]  # type: ignore[arg-type]

    def figure(g: int, index: int) -> int | None:
        return int(counts[g][index]) if shown[g][index] else None

    labels = people.unit_labels()
    names = dict(OrgUnit.objects.values_list("pk", "name"))
    top_depth = min((len(path.strip("/").split("/")) for _pk, _up, path in units), default=1)
    rows = [
        CoverageRow(
            None,
            "",
            0,
            figure(0, t_index[_TOTAL]),
            figure(1, p_index[_TOTAL]) if shown[0][t_index[_TOTAL]] else None,
            figure(2, m_index[_TOTAL]) if shown[0][t_index[_TOTAL]] else None,
        )
    ]
    # The root total is the same cell in the three groupings: its "with" figures are the
    # mirrored trees' top cells summed, shown only when every one of them is.
    tops = [pk for pk, up, _path in units if up not in in_tree]
    plan_tops = [p_index[("plan", pk)] for pk in tops]
    mus_tops = [m_index[("mus", pk)] for pk in tops]
    rows[0] = CoverageRow(
        None,
        "",
        0,
        rows[0].people,
        sum(counts[1][i] for i in plan_tops) if all(shown[1][i] for i in plan_tops) else None,
        sum(counts[2][i] for i in mus_tops) if all(shown[2][i] for i in mus_tops) else None,
    )
    if rows[0].people is None:
        rows[0] = CoverageRow(None, "", 0, None, None, None)
    for pk, _up, path in units:
        depth = len(path.strip("/").split("/")) - top_depth + 1
        headcount = figure(0, t_index[pk])
        rows.append(
            CoverageRow(
                pk,
                labels.get(pk, names.get(pk, "")),
                depth,
                headcount,
                figure(1, p_index[("plan", pk)]) if headcount is not None else None,
                figure(2, m_index[("mus", pk)]) if headcount is not None else None,
            )
        )
    return Coverage(on, min_size, rows, None, has_children)
