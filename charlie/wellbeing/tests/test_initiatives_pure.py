"""People per unit through disclosure control (``charlie.wellbeing.participation``), worked by
hand, and the promise checked the way an attacker works: from one release's shown figures, no
subtraction along the tree leaves a group of 1 … min − 1 people."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from charlie.wellbeing.participation import (
    TOTAL,
    ancestors,
    nearly_everyone,
    release,
    subtree_totals,
    tree_parents,
    view_rows,
)

#: Kommune 1 → forvaltninger 2, 3 → område 4 (under 2) → afdelinger 5, 6 (under 4); 7 under 3.
TREE = {1: None, 2: 1, 3: 1, 4: 2, 5: 4, 6: 4, 7: 3}


def members(**per_unit: int) -> list[tuple[int, int]]:
    """``u5=6`` → six people in unit 5, each a person of their own."""
    out: list[tuple[int, int]] = []
    for key, n in per_unit.items():
        unit = int(key[1:])
        out += [(len(out) + i, unit) for i in range(n)]
    return out


def test_the_tree_has_the_total_on_top_and_each_unit_under_its_parent():
    assert tree_parents({1: None, 2: 1, 9: 8}) == {TOTAL: None, 1: TOTAL, 2: 1, 9: TOTAL}
    assert ancestors(TREE)[5] == (5, 4, 2, 1, TOTAL)
    assert subtree_totals(TREE, {5: 3, 6: 4, 7: 10})[2] == 7
    assert subtree_totals(TREE, {5: 3, 6: 4, 7: 10})[TOTAL] == 17


def test_figures_roll_up_and_zero_is_shown():
    r = release(TREE, members(u5=6, u6=7, u7=9), min_size=5)
    assert [r.figure(u) for u in (1, 2, 3, 4, 5, 6, 7)] == [22, 13, 9, 13, 6, 7, 9]
    assert r.total == 22
    assert release(TREE, [], min_size=5).figure(5) == 0


def test_a_small_unit_is_hidden_and_so_is_the_smallest_sibling_that_would_give_it_away():
    # Unit 6 has 2: hidden. Område 4 (9) minus unit 5 (7) would be the 2: unit 5 goes too.
    r = release(TREE, members(u5=7, u6=2, u7=9), min_size=5)
    assert r.figure(6) is None
    assert r.figure(5) is None
    assert r.figure(4) == 9


def test_a_units_own_people_are_never_published_apart():
    # Three people placed in område 4 itself, 8 in unit 5 and 6 in unit 6: 17 − 8 − 6 = 3,
    # so one of the units is hidden (the smaller, 6).
    r = release(TREE, members(u4=3, u5=8, u6=6), min_size=5)
    assert r.figure(4) == 17
    assert r.figure(6) is None
    assert r.figure(5) == 8


def test_one_person_with_two_answers_is_one_person():
    # Four people in unit 5, one of them twice (their 30- and 90-day check-ins): 4 people.
    rows = [(1, 5), (2, 5), (3, 5), (4, 5), (4, 5)]
    assert release(TREE, rows, min_size=5).figure(5) is None


def test_where_nearly_everyone_joined_the_figure_would_tell_about_each():
    # Unit 5 has 8 people and 7 joined: "all but one" — hidden. Unit 6: 6 of 20 joined.
    headcount = {5: 8, 6: 20, 7: 30}
    r = release(TREE, members(u5=7, u6=6), min_size=5, headcount=headcount)
    assert r.figure(5) is None
    # Område 4 then holds 13 with unit 5's 7 hidden under it: still ≥ 5, shown; 28 people.
    assert r.figure(4) == 13
    assert r.figure(6) == 6
    # Everyone in a unit: the same.
    assert nearly_everyone({5: 6}, {5: 6}, min_size=5) == {5}
    assert nearly_everyone({5: 30}, {5: 0}, min_size=5) == set()


def test_a_view_shows_a_part_of_the_tree_and_says_where_it_goes_deeper():
    units = [(1, None), (2, 1), (4, 2), (5, 4), (6, 4), (3, 1), (7, 3)]
    rows = view_rows(units, [1], depth=2)
    assert [(r.unit, r.depth, r.deeper) for r in rows] == [
        (1, 0, False),
        (2, 1, False),
        (4, 2, True),
        (3, 1, False),
        (7, 2, False),
    ]
    assert [r.unit for r in view_rows(units, [4], depth=2)] == [4, 5, 6]


@st.composite
def _population(draw):
    """A random tree of up to 12 units and people in it (some placed in inner units)."""
    n = draw(st.integers(2, 12))
    parents = {1: None}
    for unit in range(2, n + 1):
        parents[unit] = draw(st.integers(1, unit - 1))
    sizes = draw(st.lists(st.integers(0, 9), min_size=n, max_size=n))
    rows: list[tuple[int, int]] = []
    for unit, size in zip(range(1, n + 1), sizes, strict=True):
        rows += [(len(rows) + i, unit) for i in range(size)]
    return parents, rows


@settings(max_examples=150, deadline=None)
@given(_population(), st.integers(3, 6))
def test_no_shown_cell_minus_its_shown_children_is_a_small_group(population, min_size):
    """The attacker's subtraction along the tree: a shown cell minus the shown cells just below
    it (sub-trees of hidden cells merge into it) is 0 or at least ``min_size`` people."""
    parents, rows = population
    r = release(parents, rows, min_size=min_size)
    tree = tree_parents(parents)
    for cell in tree:
        shown = r.figure(cell)
        if shown is None:
            continue
        assert shown == 0 or shown >= min_size
        # The nearest shown cells below ``cell``.
        below = []
        stack = [c for c, p in tree.items() if p == cell]
        while stack:
            child = stack.pop()
            if r.figure(child) is None:
                stack += [c for c, p in tree.items() if p == child]
            else:
                below.append(child)
        rest = shown - sum(r.figure(c) or 0 for c in below)
        assert rest == 0 or rest >= min_size, (cell, shown, below)
