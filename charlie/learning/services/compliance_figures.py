"""Compliance with mandatory training as figures for groups (issue 14, point 4): for one rule,
per unit, how many people it covers and how many of them are overdue, due within 90 days and in
order — for analysts, HR and managers (``READ_LEARNING_FIGURES``), never naming anyone.

One view shows a unit's direct sub-units (the whole municipality: the top units and their
sub-units); people in deeper units count in their sub-unit at the cut. Every figure goes through
``core.disclosure.protect`` in one release per view: the unit tree of the people the rule covers,
the same tree counting only the overdue and again only the due. The three groupings share their
total, so the engine also stops subtraction between them — a unit minus its parent, or "overdue"
minus the headcount — from isolating fewer than the minimum group size. A hidden figure is
``None`` ("–" on the page).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from charlie.core.disclosure import Grouping, Population, people_per_cell, protect
from charlie.core.errors import NotFound
from charlie.core.services import min_group_size
from charlie.learning import compliance as engine
from charlie.learning.permissions import READ_LEARNING_FIGURES
from charlie.learning.services.common import CATEGORY, today
from charlie.learning.services.compliance import active_rules, evaluate
from charlie.people import services as people
from charlie.people.models import OrgUnit
from charlie.privacy.access import Access

_TOTAL = "total"
_WITHOUT = "without"


@dataclass(frozen=True)
class FigureRow:
    unit_id: int | None  # None: the total
    label: str
    covered: int | None
    overdue: int | None
    due: int | None

    @property
    def ok(self) -> int | None:
        if self.covered is None or self.overdue is None or self.due is None:
            return None
        return self.covered - self.overdue - self.due

    @property
    def overdue_share(self) -> float | None:
        if self.overdue is None or not self.covered:
            return None
        return round(100 * self.overdue / self.covered, 1)


@dataclass(frozen=True)
class Figures:
    on: date
    min_size: int
    rules: list[tuple[int, str]]
    rule_id: int | None
    unit_id: int | None
    rows: list[FigureRow]
    units: list[tuple[int, str]]


def _parts(path: str) -> list[str]:
    return [p for p in path.split("/") if p]


def compliance_figures(
    access: Access, *, rule_id: int | None = None, unit_id: int | None = None
) -> Figures:
    """The figures of ``rule_id`` (the first active rule when none) in the caller's scope
    (HR and analysts: everyone; a manager: their units), or ``unit_id``'s sub-tree."""
    access.require(READ_LEARNING_FIGURES)
    on = today()
    min_size = min_group_size(CATEGORY)
    rules = [(r.pk, r.name) for r in active_rules()]
    if rule_id is None and rules:
        rule_id = rules[0][0]
    if rule_id is not None and rule_id not in {pk for pk, _name in rules}:
        raise NotFound
    paths = access.aggregate_paths()
    # Analysts and HR choose among every unit; a manager among theirs.
    units_choice = people.all_unit_choices() if paths is None else people.unit_choices(access)
    if unit_id is not None:
        if unit_id not in {pk for pk, _label in units_choice}:
            raise NotFound
        paths = (OrgUnit.objects.get(pk=unit_id).path,)
    if rule_id is None or paths == ():
        return Figures(on, min_size, rules, rule_id, unit_id, [], units_choice)
    data = evaluate(on=on, paths=paths, rule_id=rule_id)
    every = list(OrgUnit.objects.order_by("path").values_list("pk", "path"))
    path_of = dict(every)
    roots = [_parts(p) for p in paths] if paths else None
    # The rows: the roots' direct sub-units (the top units and theirs for everyone).
    cut: dict[int, int] = {}
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
            cut[pk] = int(parts[base])
    parent: dict[object, object] = {_TOTAL: None}
    for pk in shown_units:
        parent[pk] = _TOTAL
    parent[_WITHOUT] = _TOTAL  # people placed in a root unit itself: never published alone
    tree = Grouping.tree(parent, unpublished=[_WITHOUT])

    def mirror(tag: str) -> Grouping[object]:
        up: dict[object, object] = {_TOTAL: None, (tag, _WITHOUT): _TOTAL}
        for pk in shown_units:
            up[(tag, pk)] = _TOTAL
        return Grouping.tree(up, unpublished=[(tag, _WITHOUT)])

    over_tree, due_tree = mirror("overdue"), mirror("due")
    t_i, o_i, d_i = tree.index(), over_tree.index(), due_tree.index()
    person, leaf, leaf_o, leaf_d = [], [], [], []
    over_code, due_code = engine.CODE[engine.OVERDUE], engine.CODE[engine.DUE]
    for i in range(len(data)):
        unit = cut.get(int(data.unit[i]))
        key: object = unit if unit in t_i else _WITHOUT
        status = int(data.result.status[i])
        person.append(int(data.person[i]))
        leaf.append(t_i[key])
        leaf_o.append(o_i[("overdue", key) if status == over_code else ("overdue", _WITHOUT)])
        leaf_d.append(d_i[("due", key) if status == due_code else ("due", _WITHOUT)])
    if not person:
        return Figures(on, min_size, rules, rule_id, unit_id, [], units_choice)
    population = Population.of(person, leaf, leaf_o, leaf_d)
    groupings = [tree, over_tree, due_tree]
    shown = protect(population, groupings, min_size=min_size)  # type: ignore[arg-type]
    counts = [c.tolist() for c in people_per_cell(population, groupings)]  # type: ignore[arg-type]

    def figure(g: int, index: int) -> int | None:
        return int(counts[g][index]) if shown[g][index] else None

    labels = people.unit_labels()
    names = dict(OrgUnit.objects.filter(pk__in=shown_units).values_list("pk", "name"))
    rows = [
        FigureRow(
            None,
            "",
            figure(0, t_i[_TOTAL]),
            figure(1, o_i[_TOTAL]) if shown[0][t_i[_TOTAL]] else None,
            figure(2, d_i[_TOTAL]) if shown[0][t_i[_TOTAL]] else None,
        )
    ]
    for pk in sorted(shown_units, key=lambda u: path_of[u]):
        # A unit with nobody covered is left out (it says nothing).
        if counts[0][t_i[pk]] == 0:
            continue
        rows.append(
            FigureRow(
                pk,
                labels.get(pk, names.get(pk, "")),
                figure(0, t_i[pk]),
                figure(1, o_i[("overdue", pk)]),
                figure(2, d_i[("due", pk)]),
            )
        )
    return Figures(on, min_size, rules, rule_id, unit_id, rows, units_choice)
