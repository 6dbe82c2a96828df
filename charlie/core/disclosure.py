"""Disclosure control for aggregates (DESIGN.md principle 3; DOMAIN.md 5.3, 13).

Pure functions, no Django. **One engine**, :func:`protect`, decides for every published
aggregate which figures may be shown; ``protect_table``, ``protect_tree`` and the services of
every app are front ends to it (docs/architecture.md, "Disclosure control";
docs/decisions/0012-one-disclosure-engine.md).

What it guarantees: from everything one *release* publishes — every cell of every grouping of
one population, with its totals — no set of fewer than ``min_size`` people can be solved for by
adding and subtracting published figures (any linear combination, knowing which combinations of
groups are empty). A suppression decision is taken on a group's **people** (distinct persons);
every measure of a hidden group is hidden (the measures are sums over the same people, so the
same combinations that would solve for a count solve for its sick days).

A release is a population of *members* (a person; a person with two employments is two members
with the same person id) and one or more *groupings*: trees of cells (a line such as job families
with their total is a tree of depth one). A member sits in one finest cell per grouping; a cell's
figure is the sum over its sub-tree. A unit's own people — placed in the unit itself, not in a
sub-unit — are therefore a group of their own that is never published: the unit's figure minus
its sub-units' figures.

The rules, applied until nothing changes:

1. **Primary suppression**: a cell with 1 … ``min_size − 1`` people is hidden (0 is shown).
2. **Regions** (exact for one grouping): the published cells of a tree, shown or not, can only be
   combined into their *regions* — a shown cell's people that are in no shown cell below it
   (its own people plus those of hidden sub-cells). Every region must hold 0 or at least
   ``min_size`` people; otherwise a shown sub-cell is hidden too (the smallest that adds people),
   or, where there is none, the cell itself. This is the difference rule of a line (a total with
   exactly one hidden part, or hidden parts that together are too few) and of a tree, with the
   unit's own people as a never-published part of every line.
3. **Linked groupings** (several groupings of the same people, e.g. units, job families and age
   bands): regions of one grouping minus regions of another can isolate a few people where a job
   family sits almost entirely in one unit. For small releases an exact audit tries every set of
   fewer than ``min_size`` people's finest groups and asks linear algebra whether it lies in the
   span of the shown cells; for large ones a sufficient condition (a *certificate*) is checked:
   see :func:`_certificate`. Where either finds a way, one more cell is hidden.

The default minimum group size is 5, configurable per data category (e.g. 20 for harassment).
"""

from __future__ import annotations

import weakref
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from charlie.core.arrays import unique

DEFAULT_MIN_SIZE = 5
#: The exact audit tries at most this many candidate sets; above it the certificate decides.
EXACT_AUDIT_LIMIT = 150_000
_TOL = 1e-7

IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


def is_small(n: int, min_size: int) -> bool:
    return 0 < n < min_size


# --- The engine ---------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Grouping[K: Hashable]:
    """One way a release splits its population: a tree of cells.

    ``keys[i]`` names cell ``i``; ``parent[i]`` is its parent's number (−1 at the one root, the
    release's total). ``published[i]`` is False for a cell that is never shown whatever its size
    (e.g. a total nobody publishes); such a cell is treated as hidden.
    """

    keys: list[K]
    parent: IntArray
    published: BoolArray

    @classmethod
    def tree(cls, parent: Mapping[K, K | None], *, unpublished: Sequence[K] = ()) -> Grouping[K]:
        """A grouping from ``{cell: parent cell}`` with exactly one root (parent ``None``)."""
        keys = list(parent)
        index = {key: i for i, key in enumerate(keys)}
        ups = [parent[k] for k in keys]
        parents = np.array([-1 if up is None else index[up] for up in ups], dtype=np.int64)
        if int((parents < 0).sum()) != 1:
            raise ValueError("A grouping has exactly one root (its total).")
        published = np.ones(len(keys), dtype=bool)
        for key in unpublished:
            published[index[key]] = False
        return cls(keys, parents, published)

    @classmethod
    def line(cls, total: K, cells: Sequence[K]) -> Grouping[K]:
        """A total and its parts (job families, age bands, …)."""
        return cls.tree({total: None, **dict.fromkeys(cells, total)})

    def __len__(self) -> int:
        return len(self.keys)

    def index(self) -> dict[K, int]:
        return {key: i for i, key in enumerate(self.keys)}

    @property
    def root(self) -> int:
        return int(np.flatnonzero(self.parent < 0)[0])


@dataclass(frozen=True)
class Population:
    """The members of a release: ``person[m]`` (a person id; a person may be several members)
    and, per grouping, ``leaves[g][m]``: the finest cell of grouping ``g`` the member is in."""

    person: IntArray
    leaves: tuple[IntArray, ...]

    @classmethod
    def of(cls, person: Sequence[int] | IntArray, *leaves: Sequence[int] | IntArray) -> Population:
        return cls(
            np.asarray(person, dtype=np.int64),
            tuple(np.asarray(leaf, dtype=np.int64) for leaf in leaves),
        )

    def __len__(self) -> int:
        return len(self.person)


@dataclass
class _Tree:
    """Derived arrays of one grouping: depth levels and every cell's ancestor at each depth."""

    parent: IntArray
    levels: list[IntArray]  # cells by depth, root first
    depth: IntArray
    ancestors: list[IntArray]  # ancestors[d][c]: c's ancestor at depth d, or −1
    root: int

    @classmethod
    def of(cls, grouping: Grouping[Hashable]) -> _Tree:
        parent = grouping.parent
        n = len(parent)
        depth = np.full(n, -1, dtype=np.int64)
        root = grouping.root
        depth[root] = 0
        levels = [np.array([root], dtype=np.int64)]
        placed = 1
        while placed < n:
            nxt = np.flatnonzero((depth < 0) & np.isin(parent, levels[-1]))
            if not len(nxt):
                raise ValueError("Every cell of a grouping must lie under its root.")
            depth[nxt] = len(levels)
            levels.append(nxt)
            placed += len(nxt)
        # ancestors[d][c]: walk every cell up, recording where it passes each depth.
        ancestors = [np.full(n, -1, dtype=np.int64) for _ in levels]
        cells = np.arange(n, dtype=np.int64)
        current = cells.copy()
        while (current >= 0).any():
            ok = current >= 0
            at = current[ok]
            ancestors_at = depth[at]
            for d in unique(ancestors_at).tolist():
                sel = ancestors_at == d
                ancestors[d][cells[ok][sel]] = at[sel]
            current = np.where(ok, parent[np.maximum(current, 0)], -1)
        return cls(parent, levels, depth, ancestors, root)

    def owners(self, shown: BoolArray) -> IntArray:
        """Every cell's nearest shown ancestor-or-self (−1: none)."""
        owner = np.full(len(self.parent), -1, dtype=np.int64)
        for level in self.levels:
            up = self.parent[level]
            inherited = np.where(up >= 0, owner[np.maximum(up, 0)], -1)
            owner[level] = np.where(shown[level], level, inherited)
        return owner


_TREES: weakref.WeakKeyDictionary[Grouping[Any], _Tree] = weakref.WeakKeyDictionary()


def _tree(grouping: Grouping[Any]) -> _Tree:
    """The derived arrays of a grouping, kept while the grouping lives (a service protecting
    every month of a window reuses its groupings)."""
    tree = _TREES.get(grouping)
    if tree is None:
        tree = _TREES[grouping] = _Tree.of(grouping)
    return tree


@dataclass(frozen=True)
class _People:
    """The members' persons as dense numbers, and which members share a person with another
    (only those need de-duplicating when counting distinct people)."""

    person: IntArray
    shared: BoolArray

    @classmethod
    def of(cls, person: IntArray) -> _People:
        _ids, dense = np.unique(person, return_inverse=True)
        dense = dense.ravel().astype(np.int64)
        shared = np.bincount(dense)[dense] > 1 if len(dense) else np.zeros(0, dtype=bool)
        return cls(dense, shared)

    def count(self, group: IntArray, n_groups: int) -> IntArray:
        """Distinct persons per group (members with group −1 are left out)."""
        keep = group >= 0
        out = np.bincount(group[keep & ~self.shared], minlength=n_groups).astype(np.int64)
        multi = keep & self.shared
        if multi.any():
            stride = int(self.person.max()) + 1
            pairs = unique(group[multi] * stride + self.person[multi])
            out += np.bincount(pairs // stride, minlength=n_groups)
        return out


def _subtree_people(tree: _Tree, people: _People, leaf: IntArray) -> IntArray:
    n = len(tree.parent)
    out = np.zeros(n, dtype=np.int64)
    for d in range(len(tree.levels)):
        out += people.count(tree.ancestors[d][leaf], n)
    return out


def people_per_cell[K: Hashable](
    population: Population, groupings: Sequence[Grouping[K]]
) -> list[IntArray]:
    """Distinct people in each cell (its sub-tree included), per grouping: the figure a cell
    publishes when shown."""
    people = _People.of(population.person)
    return [
        _subtree_people(_tree(g), people, leaf)
        for g, leaf in zip(groupings, population.leaves, strict=True)
    ]


def protect[K: Hashable](
    population: Population,
    groupings: Sequence[Grouping[K]],
    *,
    min_size: int = DEFAULT_MIN_SIZE,
    exact_limit: int | None = None,
) -> list[BoolArray]:
    """Which cells of each grouping may be shown (the module docstring states the rules).

    Every grouping's root is the same total (the whole population); it is shown or hidden in all
    of them together. With several groupings, a hidden total hides everything.

    >>> units = Grouping.tree({"kommune": None, "a": "kommune", "b": "kommune"})
    >>> # 1 person placed in the kommune itself, 6 in a, 7 in b: 14 − 6 − 7 = the one person.
    >>> people = Population.of(range(14), [0] + [1] * 6 + [2] * 7)
    >>> [bool(x) for x in protect(people, [units])[0]]
    [True, False, True]
    """
    if len(population.leaves) != len(groupings):
        raise ValueError("One leaf array per grouping.")
    if exact_limit is None:
        exact_limit = EXACT_AUDIT_LIMIT
    trees = [_tree(g) for g in groupings]
    people = _People.of(population.person)
    subtree = [
        _subtree_people(t, people, leaf) for t, leaf in zip(trees, population.leaves, strict=True)
    ]
    shown = [
        g.published & ~((n > 0) & (n < min_size)) for g, n in zip(groupings, subtree, strict=True)
    ]
    linked = len(groupings) > 1
    # The exact audit's candidate sets depend on the population only, not on what is shown:
    # worked out once for the whole loop (each pass hides one more cell).
    audit = _AuditCache()
    while True:
        for g, tree in enumerate(trees):
            _regions(tree, people, population.leaves[g], shown[g], subtree[g], min_size)
        roots_hidden = any(not shown[g][t.root] for g, t in enumerate(trees))
        if linked and roots_hidden:
            return [np.zeros(len(g), dtype=bool) for g in groupings]
        if not linked:
            break
        hide = _linked(population, people, trees, shown, subtree, min_size, exact_limit, audit)
        if hide is None:
            break
        g, cell = hide
        shown[g][cell] = False
    return shown


def _regions(
    tree: _Tree,
    people_of: _People,
    leaf: IntArray,
    shown: BoolArray,
    subtree: IntArray,
    min_size: int,
) -> None:
    """Rule 2, in place: every shown cell's region holds 0 or at least ``min_size`` people."""
    n = len(tree.parent)
    while True:
        owner = tree.owners(shown)
        people = people_of.count(owner[leaf], n)
        bad = np.flatnonzero(shown & (people > 0) & (people < min_size))
        if not len(bad):
            return
        up = tree.parent
        owner_above = np.where(up >= 0, owner[np.maximum(up, 0)], -1)
        for cell in bad[np.argsort(-tree.depth[bad], kind="stable")]:
            if not shown[cell]:
                continue
            below = np.flatnonzero(shown & (owner_above == cell) & (subtree > 0))
            if len(below):
                # The smallest shown sub-cell (the least lost); its people, or those of its
                # sub-cells on a later pass, join the region.
                order = np.lexsort((-tree.depth[below], people[below] == 0, subtree[below]))
                shown[below[order[0]]] = False
            else:
                shown[cell] = False


# --- Linked groupings ---------------------------------------------------------------------------


def _linked(
    population: Population,
    people: _People,
    trees: list[_Tree],
    shown: list[BoolArray],
    subtree: list[IntArray],
    min_size: int,
    exact_limit: int,
    audit: _AuditCache | None = None,
) -> tuple[int, int] | None:
    """A cell to hide so that no small set can be found by combining groupings, or None."""
    decided, hide = _exact_audit(
        population, trees, shown, subtree, min_size, exact_limit, audit or _AuditCache()
    )
    if decided:
        return hide
    return _certificate(population, people, trees, shown, subtree, min_size)


class _TooLarge(Exception):
    pass


class _AuditCache:
    """What the exact audit works out from the population alone, kept across the passes of one
    ``protect``: the blocks' finest cells and the small candidate sets (``None`` when there are
    too many to decide exactly, so the certificate decides every pass)."""

    def __init__(self) -> None:
        self.ready = False
        self.block_leaves: IntArray | None = None
        self.candidates: list[tuple[int, ...]] | None = None


def _blocks(population: Population) -> tuple[IntArray, IntArray]:
    """Members with the same finest cell in every grouping form a block: (block of each
    member, the finest cells of each block as a blocks × groupings array)."""
    stacked = np.stack(population.leaves, axis=1)
    uniq, inverse = np.unique(stacked, axis=0, return_inverse=True)
    return inverse.ravel().astype(np.int64), uniq.astype(np.int64)


def _incidence(
    trees: list[_Tree], shown: list[BoolArray], block_leaves: IntArray
) -> tuple[npt.NDArray[np.float64], list[tuple[int, int]]]:
    """The shown cells × blocks 0/1 matrix (a cell contains a block when the block's finest cell
    is the cell or below it) and the (grouping, cell) of each row."""
    rows: list[npt.NDArray[np.float64]] = []
    labels: list[tuple[int, int]] = []
    n_blocks = len(block_leaves)
    for g, tree in enumerate(trees):
        cells = np.flatnonzero(shown[g])
        if not len(cells):
            continue
        row_of = np.full(len(tree.parent), -1, dtype=np.int64)
        row_of[cells] = np.arange(len(cells))
        a = np.zeros((len(cells), n_blocks))
        for d in range(len(tree.levels)):
            anc = tree.ancestors[d][block_leaves[:, g]]
            hit = anc >= 0
            r = np.where(hit, row_of[np.maximum(anc, 0)], -1)
            ok = r >= 0
            a[r[ok], np.flatnonzero(ok)] = 1.0
        rows.append(a)
        labels.extend((g, int(c)) for c in cells)
    return (np.vstack(rows) if rows else np.zeros((0, n_blocks))), labels


def _row_space(a: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    """An orthonormal basis (as columns) of the row space of ``a``."""
    if not a.size:
        return np.zeros((a.shape[1], 0))
    _u, s, vt = np.linalg.svd(a, full_matrices=False)
    rank = int((s > _TOL * max(1.0, float(s[0]))).sum()) if len(s) else 0
    return vt[:rank].T


def small_sets(
    block_people: Sequence[frozenset[int]], min_size: int, limit: int
) -> list[tuple[int, ...]]:
    """Every set of blocks with 1 … ``min_size − 1`` distinct people together (a block of
    ``min_size`` or more is never part of one). Raises ``_TooLarge`` past ``limit`` sets."""
    small = [i for i, p in enumerate(block_people) if 0 < len(p) < min_size]
    out: list[tuple[int, ...]] = []
    # (positions in ``small``, people) of the sets of the current size
    frontier: list[tuple[tuple[int, ...], frozenset[int]]] = [((), frozenset())]
    for _size in range(1, min_size):
        grown: list[tuple[tuple[int, ...], frozenset[int]]] = []
        for positions, people in frontier:
            first = positions[-1] + 1 if positions else 0
            for pos in range(first, len(small)):
                union = people | block_people[small[pos]]
                if len(union) < min_size:
                    grown.append(((*positions, pos), union))
            if len(out) + len(grown) > limit:
                raise _TooLarge
        out.extend(tuple(small[p] for p in positions) for positions, _people in grown)
        frontier = grown
        if not frontier:
            break
    return out


def _exact_audit(
    population: Population,
    trees: list[_Tree],
    shown: list[BoolArray],
    subtree: list[IntArray],
    min_size: int,
    limit: int,
    cache: _AuditCache,
) -> tuple[bool, tuple[int, int] | None]:
    """Exact for small releases: (True, the (grouping, cell) to hide or None); (False, None)
    when the release is too large to decide this way."""
    if not cache.ready:
        cache.ready = True
        if limit <= 0 or len(population) > 20_000:
            return False, None
        block_of, block_leaves = _blocks(population)
        if len(block_leaves) > 2_000:
            return False, None
        people: list[set[int]] = [set() for _ in range(len(block_leaves))]
        for b, p in zip(block_of.tolist(), population.person.tolist(), strict=True):
            people[b].add(p)
        frozen = [frozenset(p) for p in people]
        try:
            cache.candidates = small_sets(frozen, min_size, limit)
        except _TooLarge:
            return False, None
        cache.block_leaves = block_leaves
    candidates, leaves = cache.candidates, cache.block_leaves
    if candidates is None or leaves is None:
        return False, None
    if not candidates:
        return True, None
    a, labels = _incidence(trees, shown, leaves)
    basis = _row_space(a)
    if not basis.shape[1]:
        return True, None
    for size in range(1, min_size):
        combos = np.array([c for c in candidates if len(c) == size], dtype=np.int64)
        if not len(combos):
            continue
        projected = basis[combos].sum(axis=1)  # Q^T 1_S for every candidate S
        residual = size - (projected**2).sum(axis=1)
        hits = np.flatnonzero(residual < 1e-6)
        if len(hits):
            witness = combos[hits[0]]
            return True, _cell_to_hide(a, labels, witness, trees, subtree)
    return True, None


def _cell_to_hide(
    a: npt.NDArray[np.float64],
    labels: list[tuple[int, int]],
    witness: IntArray,
    trees: list[_Tree],
    subtree: list[IntArray],
) -> tuple[int, int]:
    """Of the shown cells the attack combines (least-squares coefficients), the smallest that is
    not a total."""
    target = np.zeros(a.shape[1])
    target[witness] = 1.0
    coefficients = np.linalg.lstsq(a.T, target, rcond=None)[0]
    used = [
        (subtree[g][c], -int(trees[g].depth[c]), g, c)
        for (g, c), y in zip(labels, coefficients, strict=True)
        if abs(y) > 1e-8 and c != trees[g].root
    ]
    if not used:
        g, c = labels[0]
        return g, trees[g].root
    _n, _d, g, c = min(used)
    return g, c


def _certificate(
    population: Population,
    people: _People,
    trees: list[_Tree],
    shown: list[BoolArray],
    subtree: list[IntArray],
    min_size: int,
) -> tuple[int, int] | None:
    """A sufficient condition for large releases; a cell to hide where it does not hold.

    Take the first grouping's regions (the unit tree's, after rule 2) and give every region of
    the other groupings a variable (their totals are fixed at 0: adding a constant to one
    grouping is absorbed by the first). A small set of people ``S`` solved for by some
    combination would value every finest group 0 or 1. A region of the first grouping whose
    finest groups all get the same value contributes nothing or the whole region (at least
    ``min_size`` people); so ``S`` needs *exceptional* regions whose groups get two values, at
    most ``k`` of them, ``k`` the number of regions fewer than ``min_size`` people can touch.
    Equal values within a region are linear equations on the variables. If the regions can be
    split into ``k + 1`` disjoint sets that each alone imply every equation the whole release
    implies (full rank), then any ``k`` exceptional regions leave one set intact, every region
    is forced to one value, and no such ``S`` exists. Only a region with a *small* finest group
    (fewer than ``min_size`` people) can be exceptional, so only those need splitting: the
    others count in every set, and ``k`` counts only the regions where a person is in a small
    group.

    The split deals the regions out in turn, those with the rarest variables first. Where it
    fails, the variable (a job family, an age band, …) that appears in the fewest mixed regions
    is hidden: it cannot be pinned down in enough independent places.
    """
    leaves = population.leaves
    region = trees[0].owners(shown[0])[leaves[0]]
    n_vars = 0
    member_vars: list[IntArray] = []
    var_cell: list[tuple[int, int]] = []
    for g in range(1, len(trees)):
        owner = trees[g].owners(shown[g])
        cells = np.flatnonzero(shown[g])
        cells = cells[cells != trees[g].root]
        var_of = np.full(len(owner), -1, dtype=np.int64)
        var_of[cells] = n_vars + np.arange(len(cells))
        var_cell.extend((g, int(c)) for c in cells)
        n_vars += len(cells)
        member_vars.append(var_of[owner[leaves[g]]])
    if n_vars == 0:
        return None
    # Each member's variables, one per other grouping, as one integer (a signature).
    radix = n_vars + 1
    span = radix ** len(member_vars)
    signature = np.zeros(len(region), dtype=np.int64)
    for mv in member_vars:
        signature = signature * radix + (mv + 1)
    keep = region >= 0
    pair_keys, member_pair = np.unique(region[keep] * span + signature[keep], return_inverse=True)
    member_pair = member_pair.ravel()
    pair_region, pair_sig = pair_keys // span, pair_keys % span
    kept = _People(people.person[keep], people.shared[keep])
    small_pair = kept.count(member_pair, len(pair_keys)) < min_size
    first = np.r_[True, pair_region[1:] != pair_region[:-1]]
    starts = np.flatnonzero(first)
    mixed = np.diff(np.r_[starts, len(pair_keys)]) > 1
    if not mixed.any():
        return None
    # Each pair's variables (−1: a total), and the rows as sparse ± entries of fixed width.
    pair_vars = np.empty((len(pair_keys), len(member_vars)), dtype=np.int64)
    rest = pair_sig.copy()
    for j in range(len(member_vars) - 1, -1, -1):
        pair_vars[:, j] = rest % radix - 1
        rest //= radix
    # Rows: each signature of a mixed region minus the region's first signature.
    region_of_pair = np.cumsum(first) - 1
    row_pairs = np.flatnonzero(~first)
    heads = starts[region_of_pair[row_pairs]]
    cols = np.concatenate([pair_vars[row_pairs], pair_vars[heads]], axis=1)
    vals = np.concatenate(
        [np.ones((len(row_pairs), len(member_vars))), -np.ones((len(row_pairs), len(member_vars)))],
        axis=1,
    )
    vals[cols < 0] = 0.0
    cols[cols < 0] = 0
    row_region = region_of_pair[row_pairs]

    # The Gram matrix (rowsᵀ rows) of any group of rows, from the rows' few non-zero entries.
    square = n_vars * n_vars
    cell_index = (cols[:, :, None] * n_vars + cols[:, None, :]).reshape(len(cols), -1)
    cell_weight = (vals[:, :, None] * vals[:, None, :]).reshape(len(cols), -1)

    def grams(group: IntArray, n_groups: int) -> npt.NDArray[np.float64]:
        """One Gram matrix per group of rows (rows of group −1 are left out)."""
        ok = group >= 0
        index = (group[ok, None] * square + cell_index[ok]).ravel()
        total = np.bincount(index, weights=cell_weight[ok].ravel(), minlength=n_groups * square)
        return total.reshape(n_groups, n_vars, n_vars)

    def rank(gram: npt.NDArray[np.float64]) -> int:
        values = np.linalg.eigvalsh(gram)
        return int((values > 1e-9 * max(1.0, float(values[-1]))).sum())

    risky = mixed & (np.bincount(region_of_pair, weights=small_pair, minlength=len(starts)) > 0)
    safe_rows = ~risky[row_region]
    every, safe = grams(safe_rows.astype(np.int64), 2)
    full = rank(every + safe)
    if full == 0 or rank(safe) >= full:
        return None
    pair_at, slot = np.nonzero(pair_vars >= 0)
    in_region = np.zeros((len(starts), n_vars), dtype=bool)
    in_region[region_of_pair[pair_at], pair_vars[pair_at, slot]] = True
    in_region &= mixed[:, None]
    coverage = in_region.sum(axis=0)
    # k: the most risky regions fewer than min_size people can touch (through small groups).
    in_small = small_pair[member_pair] & risky[region_of_pair[member_pair]]
    stride = len(starts)
    touched = unique(kept.person[in_small] * stride + region_of_pair[member_pair][in_small])
    per_person = np.bincount(touched // stride) if len(touched) else np.zeros(0, np.int64)
    needed = int(np.sort(per_person)[::-1][: min_size - 1].sum()) + 1
    candidates = np.flatnonzero(risky)
    never = np.iinfo(np.int64).max
    rarest = np.where(in_region[candidates], coverage[None, :], never).min(axis=1)
    order = candidates[np.argsort(rarest, kind="stable")]
    set_of_region = np.full(len(starts), -1, dtype=np.int64)
    set_of_region[order] = np.arange(len(order)) % needed
    per_set = grams(set_of_region[row_region], needed)
    if all(rank(safe + per_set[i]) >= full for i in range(needed)):
        return None
    weakest = [
        (int(coverage[v]), int(subtree[g][c]), v)
        for v, (g, c) in enumerate(var_cell)
        if coverage[v] > 0
    ]
    _cov, _people, v = min(weakest)
    return var_cell[v]


# --- Front ends: a count table and a tree of head counts ------------------------------------------


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


_TOTAL = ("__total__",)


def protect_table[R: Hashable, C: Hashable](
    counts: Mapping[tuple[R, C], int],
    rows: list[R],
    columns: list[C],
    *,
    min_size: int = DEFAULT_MIN_SIZE,
) -> ProtectedTable[R, C]:
    """A rows × columns table of counts of distinct people, with row, column and grand totals,
    through :func:`protect` (each person in one cell). Missing cells count as 0.

    >>> t = protect_table({("a", "x"): 3, ("a", "y"): 10, ("b", "x"): 7, ("b", "y"): 8},
    ...                   ["a", "b"], ["x", "y"])
    >>> t.cell("a", "x") is None and t.cell("a", "y") is None
    True
    """
    full = {(r, c): int(counts.get((r, c), 0)) for r in rows for c in columns}
    by_rows: dict[object, object] = {_TOTAL: None}
    by_rows.update(dict.fromkeys((("row", r) for r in rows), _TOTAL))
    by_rows.update({("cell", r, c): ("row", r) for r in rows for c in columns})
    row_tree: Grouping[object] = Grouping.tree(by_rows)
    col_line: Grouping[object] = Grouping.line(_TOTAL, [("col", c) for c in columns])
    row_index, col_index = row_tree.index(), col_line.index()
    leaf_rows: list[int] = []
    leaf_cols: list[int] = []
    for (r, c), n in full.items():
        leaf_rows += [row_index[("cell", r, c)]] * n
        leaf_cols += [col_index[("col", c)]] * n
    population = Population.of(np.arange(len(leaf_rows)), leaf_rows, leaf_cols)
    shown_rows, shown_cols = protect(population, [row_tree, col_line], min_size=min_size)
    row_totals = {r: sum(full[(r, c)] for c in columns) for r in rows}
    col_totals = {c: sum(full[(r, c)] for r in rows) for c in columns}
    hidden = {(r, c) for r in rows for c in columns if not shown_rows[row_index[("cell", r, c)]]}
    return ProtectedTable(
        rows=rows,
        columns=columns,
        cells={k: (None if k in hidden else n) for k, n in full.items()},
        row_totals={
            r: (t if shown_rows[row_index[("row", r)]] else None) for r, t in row_totals.items()
        },
        column_totals={
            c: (t if shown_cols[col_index[("col", c)]] else None) for c, t in col_totals.items()
        },
        total=sum(full.values()) if shown_rows[row_index[_TOTAL]] else None,
        min_size=min_size,
        suppressed=hidden,
    )


def protect_line[K: Hashable](
    counts: Mapping[K, int],
    *,
    total: int | None = None,
    min_size: int = DEFAULT_MIN_SIZE,
) -> tuple[dict[K, int | None], int | None]:
    """Separate groups of people (each person in one) and, where ``total`` is given, their
    published total (which may also hold people in none of the groups), through
    :func:`protect`: (each group's count or ``None``, the total or ``None``).

    >>> protect_line({"a": 3, "b": 9, "c": 12}, total=24)
    ({'a': None, 'b': None, 'c': 12}, 24)
    >>> protect_line({"2023": 3, "2024": 9})  # no total published: nothing to subtract from
    ({'2023': None, '2024': 9}, None)
    """
    keys = list(counts)
    grouping = Grouping.tree(
        {_TOTAL: None, **dict.fromkeys((("cell", k) for k in keys), _TOTAL)},
        unpublished=[] if total is not None else [_TOTAL],
    )
    index = grouping.index()
    leaves = [index[("cell", k)] for k in keys for _ in range(max(int(counts[k]), 0))]
    rest = max((total or 0) - len(leaves), 0)
    leaves += [index[_TOTAL]] * rest
    (shown,) = protect(Population.of(np.arange(len(leaves)), leaves), [grouping], min_size=min_size)
    values = {k: (int(counts[k]) if shown[index[("cell", k)]] else None) for k in keys}
    return values, (total if total is not None and shown[index[_TOTAL]] else None)


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
    """Each node's sub-tree total, or ``None`` where it must be hidden, through :func:`protect`.

    A node's total is its own people (``direct``, never published) plus its children's totals,
    so its own people are a part of the line like a hidden child: when they are 1 … ``min_size
    − 1``, the node and its shown children would give them away, and a child (or the node) is
    hidden too.

    >>> leaf = lambda k, n: TreeNode(k, n)
    >>> shown = protect_tree([TreeNode("root", 0, [leaf("a", 3), leaf("b", 10), leaf("c", 12)])])
    >>> [shown[k] for k in ("root", "a", "b", "c")]
    [25, None, None, 12]
    >>> # The manager alone in "top": 1 + 8 + 9 = 18 would give the manager away.
    >>> shown = protect_tree([TreeNode("top", 1, [leaf("x", 8), leaf("y", 9)])])
    >>> [shown[k] for k in ("top", "x", "y")]
    [18, None, 9]
    """
    parent: dict[object, object] = {_TOTAL: None}
    direct: dict[object, int] = {}
    totals: dict[K, int] = {}

    def walk(node: TreeNode[K], up: object) -> int:
        parent[node.key] = up
        direct[node.key] = node.direct
        total = node.direct + sum(walk(child, node.key) for child in node.children)
        totals[node.key] = total
        return total

    for root in roots:
        walk(root, _TOTAL)
    grouping = Grouping.tree(parent, unpublished=[_TOTAL])
    index = grouping.index()
    leaves = [index[key] for key, n in direct.items() for _ in range(n)]
    population = Population.of(np.arange(len(leaves)), leaves)
    (shown,) = protect(population, [grouping], min_size=min_size)
    return {key: (n if shown[index[key]] else None) for key, n in totals.items()}
