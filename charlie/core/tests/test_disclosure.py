"""Disclosure control: hand-worked examples and Hypothesis properties."""

import doctest

from hypothesis import given, settings
from hypothesis import strategies as st

from charlie.core import disclosure
from charlie.core.disclosure import TreeNode, protect_table, protect_tree

ROWS = ["a", "b", "c"]
COLS = ["x", "y", "z"]


def test_small_cell_and_its_complement_are_hidden():
    # Row a: 3 is small; its row total 13 is shown, so a second cell of row a must hide too.
    counts = {("a", "x"): 3, ("a", "y"): 10, ("b", "x"): 7, ("b", "y"): 8}
    t = protect_table(counts, ["a", "b"], ["x", "y"])
    assert t.cell("a", "x") is None
    assert t.cell("a", "y") is None
    # Column x now has one hidden... no: both a-cells hidden → columns x and y each have one
    # hidden cell, so b-cells are hidden as well.
    assert t.cell("b", "x") is None and t.cell("b", "y") is None
    assert t.total == 28


def test_zero_is_not_suppressed_and_large_cells_are_shown():
    counts = {("a", "x"): 0, ("a", "y"): 12, ("b", "x"): 6, ("b", "y"): 9}
    t = protect_table(counts, ["a", "b"], ["x", "y"])
    assert t.cells == {("a", "x"): 0, ("a", "y"): 12, ("b", "x"): 6, ("b", "y"): 9}
    assert not t.suppressed


def test_small_totals_are_hidden():
    t = protect_table({("a", "x"): 2}, ["a"], ["x"], min_size=5)
    assert t.row_totals["a"] is None and t.column_totals["x"] is None and t.total is None


def test_higher_threshold_for_sensitive_categories():
    t = protect_table({("a", "x"): 19, ("a", "y"): 40}, ["a"], ["x", "y"], min_size=20)
    assert t.cell("a", "x") is None and t.cell("a", "y") is None


tables = st.dictionaries(
    st.tuples(st.sampled_from(ROWS), st.sampled_from(COLS)), st.integers(0, 30), max_size=9
)


@settings(max_examples=300)
@given(tables, st.integers(2, 20))
def test_no_small_group_is_ever_shown(counts, min_size):
    t = protect_table(counts, ROWS, COLS, min_size=min_size)
    shown = [v for v in t.cells.values() if v is not None]
    shown += [v for v in t.row_totals.values() if v is not None]
    shown += [v for v in t.column_totals.values() if v is not None]
    assert all(v == 0 or v >= min_size for v in shown)


@settings(max_examples=300)
@given(tables, st.integers(2, 20))
def test_no_hidden_cell_can_be_recovered_by_subtraction(counts, min_size):
    """No shown line total has exactly one hidden cell (the difference rule)."""
    t = protect_table(counts, ROWS, COLS, min_size=min_size)
    for r in ROWS:
        if t.row_totals[r] is not None:
            assert sum(t.cells[(r, c)] is None for c in COLS) != 1
    for c in COLS:
        if t.column_totals[c] is not None:
            assert sum(t.cells[(r, c)] is None for r in ROWS) != 1


@settings(max_examples=200)
@given(tables)
def test_totals_are_true_sums(counts):
    t = protect_table(counts, ROWS, COLS, min_size=1)
    assert t.total == sum(counts.values()) or (t.total is None and sum(counts.values()) == 0)


# --- Trees (the org tree's headcounts) ---


def test_the_module_examples_hold():
    assert doctest.testmod(disclosure).failed == 0


def test_tree_hides_a_small_unit_and_a_sibling_when_the_parent_has_nobody_of_its_own():
    tree = TreeNode("kommune", 0, [TreeNode("a", 0, [TreeNode("a1", 3), TreeNode("a2", 9)])])
    shown = protect_tree([tree])
    # a1 is small; a has no people of its own, so a − a2 would give a1: a2 is hidden too.
    assert shown["a1"] is None and shown["a2"] is None
    assert shown["a"] == 12 and shown["kommune"] == 12


def test_tree_keeps_siblings_when_the_parent_has_people_of_its_own():
    # The parent's 6 own people are never published, so 15 − 9 = 6 mixes them with a1's 3.
    tree = TreeNode("a", 3, [TreeNode("a1", 3), TreeNode("a2", 9)])
    shown = protect_tree([tree], min_size=5)
    assert shown == {"a1": None, "a2": 9, "a": 15}


def test_tree_hides_the_parent_when_no_sibling_can_hide():
    tree = TreeNode(
        "r", 0, [TreeNode("a", 0, [TreeNode("a1", 2), TreeNode("a2", 0)]), TreeNode("b", 20)]
    )
    shown = protect_tree([tree])
    # a1 hidden; its sibling is 0 (nothing to hide), so a's total goes; then r's line has one
    # hidden child (a), so b is hidden as well.
    assert shown["a1"] is None and shown["a"] is None and shown["a2"] == 0
    assert shown["b"] is None and shown["r"] == 22


def test_tree_threshold_is_configurable():
    shown = protect_tree([TreeNode("r", 25, [TreeNode("a", 19)])], min_size=20)
    assert shown == {"a": None, "r": 44}


def trees(depth: int = 3):
    leaf = st.builds(TreeNode, key=st.uuids(), direct=st.integers(0, 25))
    if depth == 0:
        return leaf
    return st.one_of(
        leaf,
        st.builds(
            TreeNode,
            key=st.uuids(),
            direct=st.integers(0, 25) | st.just(0),
            children=st.lists(trees(depth - 1), max_size=4),
        ),
    )


def _walk(node):
    yield node
    for child in node.children:
        yield from _walk(child)


@settings(max_examples=300, deadline=None)
@given(st.lists(trees(), min_size=1, max_size=3), st.integers(2, 20))
def test_tree_properties(roots, min_size):
    shown = protect_tree(roots, min_size=min_size)
    for root in roots:
        for node in _walk(root):
            value = shown[node.key]
            # Totals are true when shown, and never a small group.
            assert value is None or value == node.total()
            assert value is None or value == 0 or value >= min_size
            # No shown line without own people has exactly one hidden child.
            if value is not None and node.direct == 0 and node.children:
                assert sum(shown[c.key] is None for c in node.children) != 1


def test_minimum_group_size_per_category(settings):
    from charlie.core.services import min_group_size

    settings.CHARLIE_MIN_GROUP_SIZE = 5
    settings.CHARLIE_MIN_GROUP_SIZE_BY_CATEGORY = {"chikane": 20, "lax": 3}
    assert min_group_size() == 5
    assert min_group_size("stamdata") == 5
    assert min_group_size("chikane") == 20
    # A category can only be stricter than the default, never looser.
    assert min_group_size("lax") == 5
