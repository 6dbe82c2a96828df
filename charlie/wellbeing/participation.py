"""People per unit, rolled up the unit tree, through disclosure control (pure, no Django).

Green and health initiatives (issue 16, point 7) publish how many joined, per unit; the onboarding
check-ins' figures (``checkins.py``) count the new colleagues behind each figure the same way.
Both are one *release* per population — one initiative's participants, one half-year's check-ins
— over the whole unit tree, protected by ``charlie.core.disclosure.protect`` (decision 0012):

- a unit's figure is the people in its sub-tree; a unit's own people (placed in the unit itself)
  are never published apart, so the region rule also covers "a unit minus its sub-units";
- no figure for 1 … ``min_size − 1`` people, and one more is hidden where subtraction would
  give a small group away;
- **nearly everyone** (participation only): where the headcount is known, a unit whose people
  joined all, or all but fewer than ``min_size``, is not published either — "all 7 in the unit
  joined the stop-smoking course" tells that each of them did (an attribute of everyone in the
  group, which no count of the group itself can hide).

A view of the tree (a unit and a few levels below it) only *shows* part of the release; it is
never a release of its own, so two views cannot be subtracted from each other.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from charlie.core.disclosure import Grouping, Population, people_per_cell, protect

#: The key of the release's total (every member, whatever their unit).
TOTAL = "total"

type Cell = int | str


@dataclass(frozen=True)
class UnitRelease:
    """What one release may show: the distinct people in each unit's sub-tree (``TOTAL``:
    everyone) and whether it is shown. A unit with no one is shown as 0."""

    min_size: int
    people: Mapping[Cell, int]
    shown: Mapping[Cell, bool]

    def figure(self, cell: Cell) -> int | None:
        """The cell's people, or ``None`` where it is hidden."""
        return self.people.get(cell, 0) if self.shown.get(cell, True) else None

    @property
    def total(self) -> int | None:
        return self.figure(TOTAL)


def tree_parents(parents: Mapping[int, int | None]) -> dict[Cell, Cell | None]:
    """The release's tree: ``TOTAL`` at the root and every unit under its parent (a top unit,
    or one whose parent is not given, under ``TOTAL``)."""
    tree: dict[Cell, Cell | None] = {TOTAL: None}
    for unit, up in parents.items():
        tree[unit] = up if up is not None and up in parents else TOTAL
    return tree


def ancestors(parents: Mapping[int, int | None]) -> dict[int, tuple[Cell, ...]]:
    """Every unit's cells from itself up to ``TOTAL`` (a unit is in its own sub-tree)."""
    tree = tree_parents(parents)
    found: dict[int, tuple[Cell, ...]] = {}
    for unit in parents:
        chain: list[Cell] = []
        cell: Cell | None = unit
        while cell is not None:
            chain.append(cell)
            cell = tree[cell]
        found[unit] = tuple(chain)
    return found


def subtree_totals(parents: Mapping[int, int | None], own: Mapping[int, int]) -> dict[Cell, int]:
    """Each cell's sum of ``own`` (a count per unit, its own people) over its sub-tree."""
    up = ancestors(parents)
    totals: dict[Cell, int] = dict.fromkeys(tree_parents(parents), 0)
    for unit, n in own.items():
        for cell in up.get(unit, (TOTAL,)):
            totals[cell] += n
    return totals


def nearly_everyone(
    headcount: Mapping[Cell, int], members: Mapping[Cell, int], *, min_size: int
) -> set[Cell]:
    """The cells where the members are everyone, or all but fewer than ``min_size`` of the
    cell's people (``headcount``, sub-trees included): publishing them would tell something
    of each person in the cell.

    >>> sorted(nearly_everyone({"a": 7, "b": 30, "c": 3}, {"a": 7, "b": 12, "c": 0}, min_size=5))
    ['a']
    """
    return {cell for cell, n in members.items() if n > 0 and headcount.get(cell, 0) - n < min_size}


def release(
    parents: Mapping[int, int | None],
    members: Sequence[tuple[int, int]],
    *,
    min_size: int,
    headcount: Mapping[int, int] | None = None,
) -> UnitRelease:
    """Protect the people per unit of one population.

    ``parents``: every unit → its parent (``None`` at the top); ``members``: ``(person, unit)``
    pairs — one person may be several members (two check-ins), counted once per cell;
    ``headcount``: everyone's own unit counts, when known (``nearly_everyone``).

    >>> tree = {1: None, 2: 1, 3: 1}
    >>> r = release(tree, [(p, 2) for p in range(6)] + [(p, 3) for p in range(6, 8)], min_size=5)
    >>> [r.figure(c) for c in (1, 2, 3)]  # 3 holds 2: hidden, and 2 with it (8 − 6 = 2)
    [8, None, None]
    >>> r = release(tree, [(p, 2) for p in range(6)], min_size=5, headcount={2: 7, 3: 20})
    >>> [r.figure(c) for c in (1, 2, 3)]  # 6 of 7 in unit 2 joined: 2 is not published
    [6, None, 0]
    """
    tree = tree_parents(parents)
    unpublished: Iterable[Cell] = ()
    if headcount is not None:
        own: dict[int, int] = {}
        for _person, unit in members:
            own[unit] = own.get(unit, 0) + 1
        unpublished = nearly_everyone(
            subtree_totals(parents, headcount),
            subtree_totals(parents, own),
            min_size=min_size,
        )
    grouping: Grouping[Cell] = Grouping.tree(tree, unpublished=list(unpublished))
    index = grouping.index()
    population = Population.of(
        [person for person, _unit in members], [index[unit] for _person, unit in members]
    )
    (shown,) = protect(population, [grouping], min_size=min_size)
    (people,) = people_per_cell(population, [grouping])
    return UnitRelease(
        min_size=min_size,
        people={key: int(people[i]) for key, i in index.items()},
        shown={key: bool(shown[i]) for key, i in index.items()},
    )


@dataclass(frozen=True)
class ViewRow:
    """One unit of a view: ``depth`` 0 for a root of the view; ``deeper``: it has sub-units
    below the view's last level (its own view shows them)."""

    unit: int
    depth: int
    deeper: bool


def view_rows(
    units: Sequence[tuple[int, int | None]], roots: Sequence[int], *, depth: int
) -> list[ViewRow]:
    """The roots and their sub-units down to ``depth`` levels, in the order of ``units``
    (``(unit, parent)`` pairs in tree order, e.g. by materialised path).

    >>> units = [(1, None), (2, 1), (4, 2), (5, 4), (3, 1)]
    >>> [(r.unit, r.depth, r.deeper) for r in view_rows(units, [1], depth=1)]
    [(1, 0, False), (2, 1, True), (3, 1, False)]
    """
    children: dict[int, list[int]] = {}
    for unit, up in units:
        if up is not None:
            children.setdefault(up, []).append(unit)
    rows: list[ViewRow] = []

    def walk(unit: int, level: int) -> None:
        below = children.get(unit, [])
        rows.append(ViewRow(unit, level, level == depth and bool(below)))
        if level < depth:
            for child in below:
                walk(child, level + 1)

    for root in roots:
        walk(root, 0)
    return rows
