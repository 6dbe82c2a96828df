"""Learning figures for groups (issue 14, point 5, "Læringstal"): per year, per unit and per job
family, learning hours and cost per FTE and the share of employees with any learning in the last
12 months; per built-in module, how many who started it passed. For analysts, HR and managers
(``READ_LEARNING_FIGURES``; a manager only their own units), never naming anyone.

Who counts: the people with a current employment at the **cut** — the year's last day, or today
in the current year — each once, in the unit and job family of their main employment (most
weekly hours, ``people.services.primary_employments``: the compliance engine's choice). Their
FTE is averaged over the period 1 January … the cut (``learning.figures.average_fte``); their
hours and cost are those of counting completions (``rules.COUNTING_RESULTS``) dated in the
period. Someone who left during the year counts in neither hours nor FTE.

Disclosure control: one release (``core.disclosure.protect``) per view holds four groupings of
the same people — the unit tree, the job families, and each of them again counting only those
with learning in the last 12 months — so neither a unit minus its parent nor "with learning"
minus the headcount can isolate fewer than the minimum group size. Hours, cost and FTE are sums
over a group's people, so they are shown exactly when its headcount is. Module rates are a
release of their own (started per module, and again counting only those who passed).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import Q

from charlie.core.calendar import add_months
from charlie.core.disclosure import Grouping, Population, people_per_cell, protect
from charlie.core.errors import NotFound
from charlie.core.services import min_group_size
from charlie.learning import figures as calc
from charlie.learning.models import Attempt, Completion, Module, ModuleProgress
from charlie.learning.permissions import READ_LEARNING_FIGURES
from charlie.learning.rules import COUNTING_RESULTS
from charlie.learning.services.common import CATEGORY, today
from charlie.people import services as people
from charlie.people.models import Employment, JobFamily, OrgUnit
from charlie.privacy.access import Access

_TOTAL = "total"
_WITHOUT = "without"
_LEARNED = "learned"
_NOT = "not"
_PASSED = "passed"
#: Years offered besides the current one.
YEARS_BACK = 5


@dataclass(frozen=True)
class GroupRow:
    """One unit or job family (``key`` None: the total); ``None`` is a hidden figure."""

    key: int | None
    label: str
    people: int | None
    fte: float | None
    hours_per_fte: float | None
    cost_per_fte: float | None
    learners: int | None

    @property
    def hidden(self) -> bool:
        """The group is hidden by disclosure control (every figure of it is)."""
        return self.people is None

    @property
    def learner_share(self) -> float | None:
        if self.people is None or self.learners is None:
            return None
        return calc.share(self.learners, self.people)


@dataclass(frozen=True)
class ModuleRow:
    key: int | None
    label: str
    started: int | None
    passed: int | None

    @property
    def rate(self) -> float | None:
        if self.started is None or self.passed is None:
            return None
        return calc.share(self.passed, self.started)


@dataclass(frozen=True)
class LearningFigures:
    year: int
    years: list[int]
    cut: date
    since: date  # the first day of the 12 months that "any learning" looks at
    min_size: int
    unit_id: int | None
    family_id: int | None
    units: list[tuple[int, str]]
    families: list[tuple[int, str]]
    unit_rows: list[GroupRow]
    family_rows: list[GroupRow]
    module_rows: list[ModuleRow]


def _parts(path: str) -> list[str]:
    return [p for p in path.split("/") if p]


def learning_figures(
    access: Access,
    *,
    year: int | None = None,
    unit_id: int | None = None,
    family_id: int | None = None,
) -> LearningFigures:
    """The figures of ``year`` (default: the current one) in the caller's scope, or in
    ``unit_id``'s sub-tree (one row per direct sub-unit), for one job family when given."""
    access.require(READ_LEARNING_FIGURES)
    now = today()
    years = list(range(now.year, now.year - YEARS_BACK - 1, -1))
    year = now.year if year is None else year
    if year not in years:
        raise NotFound
    cut = min(date(year, 12, 31), now)
    first = date(year, 1, 1)
    since = add_months(cut, -12) + timedelta(days=1)
    min_size = min_group_size(CATEGORY)
    paths = access.aggregate_paths()
    units_choice = people.all_unit_choices() if paths is None else people.unit_choices(access)
    families = list(JobFamily.objects.order_by("sort_order", "name").values_list("pk", "name"))
    if unit_id is not None:
        if unit_id not in {pk for pk, _label in units_choice}:
            raise NotFound
        paths = (OrgUnit.objects.get(pk=unit_id).path,)
    if family_id is not None and family_id not in {pk for pk, _name in families}:
        raise NotFound

    def result(
        unit_rows: list[GroupRow], family_rows: list[GroupRow], module_rows: list[ModuleRow]
    ) -> LearningFigures:
        return LearningFigures(
            year, years, cut, since, min_size, unit_id, family_id, units_choice, families,
            unit_rows, family_rows, module_rows,
        )  # fmt: skip

    if paths == ():
        return result([], [], [])
    members = people.primary_employments(on=cut, paths=paths or ())
    if family_id is not None:
        members = [m for m in members if m[2] == family_id]
    if not members:
        return result([], [], [])
    person_ids = [m[0] for m in members]
    unit_rows, family_rows = _group_rows(
        members, paths, families, first=first, cut=cut, since=since, min_size=min_size
    )
    module_rows = _module_rows(set(person_ids), year=year, cut=cut, min_size=min_size)
    return result(unit_rows, family_rows, module_rows)


def _group_rows(
    members: list[tuple[int, int, int, str]],
    paths: tuple[str, ...] | None,
    families: list[tuple[int, str]],
    *,
    first: date,
    cut: date,
    since: date,
    min_size: int,
) -> tuple[list[GroupRow], list[GroupRow]]:
    person_ids = [m[0] for m in members]
    every = list(OrgUnit.objects.order_by("path").values_list("pk", "path"))
    path_of = dict(every)
    roots = [_parts(p) for p in paths] if paths else None
    # The rows: the roots' direct sub-units (for everyone: the forvaltninger, depth 1); people
    # in deeper units count in their sub-unit at that cut.
    cut_unit: dict[int, int] = {}
    shown_units: list[int] = []
    for pk, path in every:
        parts = _parts(path)
        if roots is None:
            base = 1
        else:
            base = next((len(r) for r in roots if parts[: len(r)] == r), -1)
            if base < 0:
                continue
        if len(parts) == base + 1:
            shown_units.append(pk)
        if len(parts) > base:
            cut_unit[pk] = int(parts[base])
    family_ids = [pk for pk, _name in families]

    def tree(tag: str, cells: list[int]) -> Grouping[object]:
        up: dict[object, object] = {_TOTAL: None, (tag, _WITHOUT): _TOTAL}
        for pk in cells:
            up[(tag, pk)] = _TOTAL
        return Grouping.tree(up, unpublished=[(tag, _WITHOUT)])

    def learned_tree(tag: str, cells: list[int]) -> Grouping[object]:
        # Everyone → those with learning (published) → per cell; those without: never shown.
        up: dict[object, object] = {
            _TOTAL: None,
            (tag, _LEARNED): _TOTAL,
            (tag, _NOT): _TOTAL,
            (tag, _WITHOUT): (tag, _LEARNED),
        }
        for pk in cells:
            up[(tag, pk)] = (tag, _LEARNED)
        return Grouping.tree(up, unpublished=[(tag, _NOT), (tag, _WITHOUT)])

    groupings = [
        tree("unit", shown_units),
        tree("family", family_ids),
        learned_tree("unit_learned", shown_units),
        learned_tree("family_learned", family_ids),
    ]
    index = [g.index() for g in groupings]

    # What each person did: counting completions in the year (hours, cost) and in 12 months.
    # The rows are read by date and kept by person here: a list of 45,000 ids in the query
    # would pass SQLite's limit on parameters.
    members_set = set(person_ids)
    completions = Completion.objects.filter(
        result__in=sorted(COUNTING_RESULTS),
        completed_on__gte=min(first, since),
        completed_on__lte=cut,
    ).values_list("person_id", "completed_on", "hours", "cost")
    hours: dict[int, float] = {}
    cost: dict[int, float] = {}
    learned: set[int] = set()
    for who, on, h, c in completions.iterator(chunk_size=5000):
        if who not in members_set:
            continue
        if on >= first:
            hours[who] = hours.get(who, 0.0) + float(h)
            cost[who] = cost.get(who, 0.0) + float(c)
        if on >= since:
            learned.add(who)
    employments = Employment.objects.filter(
        Q(end_date__isnull=True) | Q(end_date__gte=first),
        start_date__lte=cut,
    ).values_list("person_id", "weekly_hours", "start_date", "end_date")
    rows = [r for r in employments.iterator(chunk_size=5000) if r[0] in members_set]
    fte = calc.average_fte(
        [r[0] for r in rows],
        [float(r[1]) for r in rows],
        [r[2] for r in rows],
        [r[3] for r in rows],
        period=(first, cut),
        people=person_ids,
    )

    leaves: list[list[int]] = [[], [], [], []]
    for who, unit, family, _path in members:
        at = cut_unit.get(unit)
        unit_key = at if at in path_of and ("unit", at) in index[0] else _WITHOUT
        has = who in learned
        leaves[0].append(index[0][("unit", unit_key)])
        family_key = family if ("family", family) in index[1] else _WITHOUT
        leaves[1].append(index[1][("family", family_key)])
        leaves[2].append(index[2][("unit_learned", unit_key if has else _NOT)])
        leaves[3].append(index[3][("family_learned", family_key if has else _NOT)])
    population = Population.of(person_ids, *leaves)
    shown = protect(population, groupings, min_size=min_size)  # type: ignore[arg-type]
    counts = [c.tolist() for c in people_per_cell(population, groupings)]  # type: ignore[arg-type]
    n = [len(g) for g in groupings]
    # Sums per cell: a member adds to its leaf and to the total (every tree has depth one).
    hour_values = [hours.get(p, 0.0) for p in person_ids]
    cost_values = [cost.get(p, 0.0) for p in person_ids]
    sums = []
    for g in (0, 1):
        sums.append(
            (
                calc.group_sums(hour_values, leaves[g], n[g]),
                calc.group_sums(cost_values, leaves[g], n[g]),
                calc.group_sums(fte, leaves[g], n[g]),
            )
        )
    totals = (sum(hour_values), sum(cost_values), float(fte.sum()))

    def row(g: int, key: object, label: str, pk: int | None) -> GroupRow:
        base = index[g][key]
        tag = "unit_learned" if g == 0 else "family_learned"
        mirror = index[g + 2][(tag, _LEARNED if pk is None else pk)]
        if pk is None:
            h, c, f = totals
        else:
            h, c, f = (float(s[base]) for s in sums[g])
        learned_cell = counts[g + 2][mirror]
        learned_shown = bool(shown[g + 2][mirror])
        visible = bool(shown[g][base])
        return GroupRow(
            pk,
            label,
            int(counts[g][base]) if visible else None,
            round(f, 1) if visible else None,
            calc.per_fte(h, f) if visible else None,
            calc.per_fte(c, f, 0) if visible else None,
            int(learned_cell) if visible and learned_shown else None,
        )

    labels = people.unit_labels()
    names = dict(OrgUnit.objects.filter(pk__in=shown_units).values_list("pk", "name"))
    unit_rows = [row(0, _TOTAL, "", None)]
    for pk in sorted(shown_units, key=lambda u: path_of[u]):
        if counts[0][index[0][("unit", pk)]] == 0:
            continue  # nobody there: the row says nothing
        unit_rows.append(row(0, ("unit", pk), labels.get(pk, names.get(pk, "")), pk))
    family_rows = [row(1, _TOTAL, "", None)]
    for pk, name in families:
        if counts[1][index[1][("family", pk)]] == 0:
            continue
        family_rows.append(row(1, ("family", pk), name, pk))
    return unit_rows, family_rows


def _module_rows(person_ids: set[int], *, year: int, cut: date, min_size: int) -> list[ModuleRow]:
    """Per module, the people in scope who started it in ``year`` and how many of them have
    passed it by the cut (a passed quiz, or a passed completion of its course from the module)."""
    started = sorted(
        (p, m)
        for p, m in set(
            ModuleProgress.objects.filter(started_at__year=year).values_list(
                "person_id", "module_id"
            )
        )
        if p in person_ids
    )
    if not started:
        return []
    module_ids = sorted({m for _p, m in started})
    passed = set(
        Attempt.objects.filter(
            module_id__in=module_ids, passed=True, submitted_at__date__lte=cut
        ).values_list("person_id", "module_id")
    ) | set(
        Completion.objects.filter(
            course__module__in=module_ids,
            source="module",
            result="passed",
            completed_on__lte=cut,
        ).values_list("person_id", "course__module_id")
    )
    modules = dict(Module.objects.filter(pk__in=module_ids).values_list("pk", "title"))
    # Each module is a release of its own (no total across modules is published, so no
    # figure of one module can be subtracted from another's): everyone who started it, and
    # those who passed; those who did not are never shown, so they too must be 0 or enough.
    line = Grouping.tree({_TOTAL: None, _PASSED: _TOTAL, _NOT: _TOTAL}, unpublished=[_NOT])
    at = line.index()
    rows = []
    starters: dict[int, list[int]] = {}
    for p, m in started:
        starters.setdefault(m, []).append(p)
    for m in sorted(module_ids, key=lambda pk: (modules.get(pk, ""), pk)):
        who = starters[m]
        leaf = [at[_PASSED] if (p, m) in passed else at[_NOT] for p in who]
        population = Population.of(who, leaf)
        (shown,) = protect(population, [line], min_size=min_size)  # type: ignore[list-item]
        (counts,) = people_per_cell(population, [line])  # type: ignore[list-item]
        visible = bool(shown[at[_TOTAL]])
        rows.append(
            ModuleRow(
                m,
                modules.get(m, ""),
                int(counts[at[_TOTAL]]) if visible else None,
                int(counts[at[_PASSED]]) if visible and shown[at[_PASSED]] else None,
            )
        )
    return rows
