"""Disclosure control: hand-worked examples and Hypothesis properties."""

from hypothesis import given, settings
from hypothesis import strategies as st

from charlie.core.disclosure import protect_table

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
