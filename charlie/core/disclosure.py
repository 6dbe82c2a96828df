"""Disclosure control for aggregates (DESIGN.md principle 3; DOMAIN.md 5.3, 13).

Pure functions, no Django. A count table is published with

1. **primary suppression**: a cell with 1 … ``min_size − 1`` people is hidden (0 is shown: an
   empty cell reveals nobody);
2. **complementary suppression** (the difference rule): a row or column whose total is shown may
   not have exactly one hidden cell, or that cell could be recovered by subtracting the others from
   the total. Another cell of that row/column is hidden too (the smallest non-zero one); where
   there is none, the line's total is hidden instead. The row totals and column totals are lines
   of the grand total and follow the same rule. Repeated until nothing changes. Totals below
   ``min_size`` are hidden like cells.

The default minimum group size is 5, configurable per data category (e.g. 20 for harassment).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field

DEFAULT_MIN_SIZE = 5


@dataclass(frozen=True)
class ProtectedTable[R: Hashable, C: Hashable]:
    """A count table after suppression. ``None`` marks a hidden value."""

    rows: list[R]
    columns: list[C]
    cells: dict[tuple[R, C], int | None]
    row_totals: dict[R, int | None]
    column_totals: dict[C, int | None]
    total: int | None
    min_size: int
    suppressed: set[tuple[R, C]] = field(default_factory=set)

    def cell(self, row: R, column: C) -> int | None:
        return self.cells[(row, column)]


def is_small(n: int, min_size: int) -> bool:
    return 0 < n < min_size


def _next_to_hide[K: Hashable](values: Mapping[K, int], hidden: set[K]) -> K | None:
    """The smallest non-zero shown value of a line, to hide beside its one hidden value."""
    candidates = [k for k, v in values.items() if k not in hidden and v > 0]
    return min(candidates, key=lambda k: values[k]) if candidates else None


def protect_table[R: Hashable, C: Hashable](
    counts: Mapping[tuple[R, C], int],
    rows: list[R],
    columns: list[C],
    *,
    min_size: int = DEFAULT_MIN_SIZE,
) -> ProtectedTable[R, C]:
    """Apply primary and complementary suppression to a rows × columns table of counts.

    Missing cells count as 0. Row, column and grand totals are the true sums, hidden when small.

    >>> t = protect_table({("a", "x"): 3, ("a", "y"): 10, ("b", "x"): 7, ("b", "y"): 8},
    ...                   ["a", "b"], ["x", "y"])
    >>> t.cell("a", "x") is None and t.cell("a", "y") is None
    True
    """
    full = {(r, c): int(counts.get((r, c), 0)) for r in rows for c in columns}
    row_totals = {r: sum(full[(r, c)] for c in columns) for r in rows}
    col_totals = {c: sum(full[(r, c)] for r in rows) for c in columns}
    total = sum(full.values())

    hidden = {key for key, n in full.items() if is_small(n, min_size)}
    hidden_rows = {r for r, n in row_totals.items() if is_small(n, min_size)}
    hidden_cols = {c for c, n in col_totals.items() if is_small(n, min_size)}
    hide_total = is_small(total, min_size)

    changed = True
    while changed:
        changed = False
        for r in rows:
            if r in hidden_rows:
                continue
            line = {(r, c): full[(r, c)] for c in columns}
            if sum(k in hidden for k in line) == 1:
                extra = _next_to_hide(line, hidden)
                if extra is None:
                    hidden_rows.add(r)  # nothing else to hide: the total must go
                else:
                    hidden.add(extra)
                changed = True
        for c in columns:
            if c in hidden_cols:
                continue
            line = {(r, c): full[(r, c)] for r in rows}
            if sum(k in hidden for k in line) == 1:
                extra = _next_to_hide(line, hidden)
                if extra is None:
                    hidden_cols.add(c)
                else:
                    hidden.add(extra)
                changed = True
        # The margins are lines too: the grand total minus the shown row (column) totals.
        for margin_changed in (
            _protect_margin(row_totals, hidden_rows, hide_total),
            _protect_margin(col_totals, hidden_cols, hide_total),
        ):
            if margin_changed is not None:
                changed = True
                hide_total = hide_total or margin_changed

    return ProtectedTable(
        rows=rows,
        columns=columns,
        cells={k: (None if k in hidden else n) for k, n in full.items()},
        row_totals={r: (None if r in hidden_rows else t) for r, t in row_totals.items()},
        column_totals={c: (None if c in hidden_cols else t) for c, t in col_totals.items()},
        total=None if hide_total else total,
        min_size=min_size,
        suppressed=hidden,
    )


def _protect_margin[K: Hashable](
    margin: Mapping[K, int], hidden: set[K], total_hidden: bool
) -> bool | None:
    """Apply the difference rule to one margin (the row or column totals) in place.

    Returns ``None`` when nothing changed, ``True`` when the grand total must be hidden, and
    ``False`` when another margin value was hidden instead.
    """
    if total_hidden or sum(k in hidden for k in margin) != 1:
        return None
    extra = _next_to_hide(margin, hidden)
    if extra is None:
        return True
    hidden.add(extra)
    return False


@dataclass(frozen=True)
class DisplayTable:
    """A protected table with labels, ready for ``core/_count_table.html``."""

    caption: str
    row_header: str
    column_labels: list[str]
    rows: list[dict[str, object]]  # {"label", "cells": [int|None], "total": int|None}
    column_totals: list[int | None]
    total: int | None
    min_size: int
    any_suppressed: bool


def display_table[R: Hashable, C: Hashable](
    table: ProtectedTable[R, C],
    *,
    caption: str,
    row_header: str,
    row_labels: Mapping[R, str],
    column_labels: Mapping[C, str],
    drop_empty: bool = True,
) -> DisplayTable:
    """Label a protected table for display; rows and columns that are all zero are dropped."""
    rows = [
        r
        for r in table.rows
        if not drop_empty or any(table.cells[(r, c)] != 0 for c in table.columns)
    ]
    columns = [
        c
        for c in table.columns
        if not drop_empty or any(table.cells[(r, c)] != 0 for r in table.rows)
    ]
    return DisplayTable(
        caption=caption,
        row_header=row_header,
        column_labels=[column_labels[c] for c in columns],
        rows=[
            {
                "label": row_labels[r],
                "cells": [table.cells[(r, c)] for c in columns],
                "total": table.row_totals[r],
            }
            for r in rows
        ],
        column_totals=[table.column_totals[c] for c in columns],
        total=table.total,
        min_size=table.min_size,
        any_suppressed=bool(table.suppressed),
    )


# --- Trees: headcounts of units and their sub-units ---


@dataclass(frozen=True)
class TreeNode[K: Hashable]:
    """One unit: its own count (people placed directly in it) and its sub-units."""

    key: K
    direct: int
    children: list[TreeNode[K]] = field(default_factory=list)

    def total(self) -> int:
        return self.direct + sum(child.total() for child in self.children)


def protect_tree[K: Hashable](
    roots: list[TreeNode[K]], *, min_size: int = DEFAULT_MIN_SIZE
) -> dict[K, int | None]:
    """Each node's sub-tree total, or ``None`` where it must be hidden.

    A tree of totals is a set of lines: a node's total is its own direct count plus its
    children's totals. Direct counts are never published, so only totals are cells here:

    1. **primary suppression**: a total of 1 … ``min_size − 1`` is hidden (0 is shown);
    2. **the difference rule**: when a shown node has exactly one hidden child and no people of
       its own (direct = 0), that child equals the node's total minus its shown siblings; so the
       smallest non-zero shown sibling is hidden too, or the node's own total where there is
       none. When the node has people of its own, their unpublished count stands between the
       total and the children, and nothing can be subtracted out. Repeated until nothing
       changes, because hiding a node's total makes its own parent's line a candidate.

    >>> leaf = lambda k, n: TreeNode(k, n)
    >>> shown = protect_tree([TreeNode("root", 0, [leaf("a", 3), leaf("b", 10), leaf("c", 12)])])
    >>> [shown[k] for k in ("root", "a", "b", "c")]
    [25, None, None, 12]
    """
    totals: dict[K, int] = {}
    lines: list[tuple[TreeNode[K], list[K]]] = []

    def walk(node: TreeNode[K]) -> int:
        total = node.direct + sum(walk(child) for child in node.children)
        totals[node.key] = total
        lines.append((node, [child.key for child in node.children]))
        return total

    for root in roots:
        walk(root)
    hidden = {key for key, n in totals.items() if is_small(n, min_size)}

    changed = True
    while changed:
        changed = False
        for node, children in lines:
            if node.key in hidden or node.direct > 0:
                continue
            if sum(child in hidden for child in children) != 1:
                continue
            extra = _next_to_hide({child: totals[child] for child in children}, hidden)
            hidden.add(node.key if extra is None else extra)
            changed = True
    return {key: (None if key in hidden else n) for key, n in totals.items()}
