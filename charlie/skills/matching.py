"""Matching people's confirmed skills against role profiles and project needs, vectorised
(issue 13, points 6–8). Pure: NumPy and the standard library, never Django.

Everything works on one sparse table of the newest confirmed level per person and skill
(:class:`Levels`: three parallel arrays, as ``services.analysis`` loads them in one query), so
45,000 employees × 20 skills are scored in a few array operations instead of a loop per person.

**The closeness measure** (point 7, documented in docs/skills.md): for a role with requirements
``req_j`` (minimum level) and weights ``w_j`` — 2 for an essential skill, 1 for a nice-to-have —
a person holding ``held_j`` (0 when not held) scores

    coverage = Σ_j w_j · min(held_j, req_j) / req_j  ÷  Σ_j w_j

between 0 (none of it) and 1 (every requirement met). Levels above the requirement earn nothing
extra, a half-way level earns half. The hours that would close the gap are
``Σ_j (cum_j[req_j] − cum_j[min(held_j, req_j)])``, where ``cum_j[L]`` is the hours of learning
from nothing to level ``L`` of skill ``j`` (from the learning activities entered for the skill,
else :data:`DEFAULT_HOURS_PER_LEVEL` per level step). Ranking: the highest coverage first, then
the fewest hours, then the person id (so equal candidates keep a stable order).

**The team** (point 8): greedy set cover (:func:`greedy_team`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

from charlie.core.disclosure import Grouping, Population, people_per_cell, protect

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
BoolArray = npt.NDArray[np.bool_]

#: Weights of the closeness measure.
ESSENTIAL_WEIGHT = 2.0
OPTIONAL_WEIGHT = 1.0
#: Hours of learning per level step where no learning activity for the skill says otherwise:
#: about a week's course (37 hours, the full-time week of the municipal agreements).
DEFAULT_HOURS_PER_LEVEL = 37.0


@dataclass(frozen=True)
class Levels:
    """The newest confirmed level of each person's skills: entry ``e`` says that the person
    ``person_ids[person[e]]`` holds skill ``skill_ids[skill[e]]`` at ``level[e]``. Persons and
    skills are sorted by id; a person with no skill has no entry (and may still be a row)."""

    person_ids: IntArray
    skill_ids: IntArray
    person: IntArray
    skill: IntArray
    level: IntArray

    @classmethod
    def from_rows(
        cls,
        person_id: Sequence[int] | IntArray,
        skill_id: Sequence[int] | IntArray,
        level: Sequence[int] | IntArray,
        *,
        persons: Sequence[int] | IntArray | None = None,
    ) -> Levels:
        """From (person id, skill id, level) rows, one per person and skill. ``persons``: all
        the rows of the table (people with no skill get a row of zeros)."""
        pid = np.asarray(person_id, dtype=np.int64)
        sid = np.asarray(skill_id, dtype=np.int64)
        lvl = np.asarray(level, dtype=np.int64)
        all_persons = np.unique(
            np.concatenate([pid, np.asarray(persons if persons is not None else [], np.int64)])
        )
        skills = np.unique(sid)
        return cls(
            person_ids=all_persons,
            skill_ids=skills,
            person=np.searchsorted(all_persons, pid),
            skill=np.searchsorted(skills, sid),
            level=lvl,
        )

    def __len__(self) -> int:
        return len(self.person_ids)

    def held(self, skill_ids: Sequence[int] | IntArray) -> IntArray:
        """A dense persons × ``skill_ids`` matrix of levels (0: not held)."""
        wanted = np.asarray(skill_ids, dtype=np.int64)
        column = np.full(len(self.skill_ids), -1, dtype=np.int64)
        if len(self.skill_ids):
            at = np.minimum(np.searchsorted(self.skill_ids, wanted), len(self.skill_ids) - 1)
            found = self.skill_ids[at] == wanted
            column[at[found]] = np.flatnonzero(found)
        out = np.zeros((len(self.person_ids), len(wanted)), dtype=np.int64)
        col = column[self.skill] if len(self.skill) else np.zeros(0, dtype=np.int64)
        keep = col >= 0
        out[self.person[keep], col[keep]] = self.level[keep]
        return out

    def rows_of(self, person_ids: Sequence[int] | IntArray) -> IntArray:
        """Row numbers of these persons (−1 for one not in the table)."""
        wanted = np.asarray(person_ids, dtype=np.int64)
        if not len(self.person_ids):
            return np.full(len(wanted), -1, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.person_ids, wanted), len(self.person_ids) - 1)
        return np.where(self.person_ids[at] == wanted, at, -1)


def weights(essential: Sequence[bool] | BoolArray) -> FloatArray:
    return np.where(np.asarray(essential, dtype=bool), ESSENTIAL_WEIGHT, OPTIONAL_WEIGHT)


def coverage(
    held: IntArray, required: Sequence[int] | IntArray, essential: Sequence[bool] | BoolArray
) -> FloatArray:
    """The closeness of each row of ``held`` to the requirements (see the module docstring).

    >>> coverage(np.array([[2, 0], [1, 1], [4, 2]]), [2, 2], [True, False]).round(3).tolist()
    [0.667, 0.5, 1.0]
    """
    req = np.asarray(required, dtype=np.float64)
    w = weights(essential)
    if not len(req):
        return np.ones(held.shape[0], dtype=np.float64)
    part = np.minimum(held, req) / np.maximum(req, 1.0)
    return np.asarray(part @ w / w.sum(), dtype=np.float64)


def met(held: IntArray, required: Sequence[int] | IntArray) -> BoolArray:
    """Whether each person meets each requirement."""
    return np.asarray(held >= np.asarray(required, dtype=np.int64), dtype=bool)


def cumulative_hours(step_hours: FloatArray) -> FloatArray:
    """``cum[j, L]``: hours from nothing to level ``L`` of skill ``j``, from ``step_hours[j, L]``
    (hours from level ``L − 1`` to ``L``; column 0 is ignored)."""
    steps = np.array(step_hours, dtype=np.float64, copy=True)
    steps[:, 0] = 0.0
    return np.cumsum(steps, axis=1)


def default_step_hours(n_skills: int, top: int) -> FloatArray:
    """:data:`DEFAULT_HOURS_PER_LEVEL` for every level step of every skill."""
    return np.full((n_skills, top + 1), DEFAULT_HOURS_PER_LEVEL, dtype=np.float64)


def gap_hours(held: IntArray, required: Sequence[int] | IntArray, cum: FloatArray) -> FloatArray:
    """Hours of learning that would bring each row of ``held`` up to every requirement.

    >>> cum = cumulative_hours(np.array([[0, 10, 20, 30], [0, 5, 5, 5]], dtype=float))
    >>> gap_hours(np.array([[0, 0], [1, 3], [3, 1]]), [2, 2], cum).tolist()
    [40.0, 20.0, 5.0]
    """
    req = np.asarray(required, dtype=np.int64)
    if not len(req):
        return np.zeros(held.shape[0], dtype=np.float64)
    reached = np.minimum(held, req)
    cols = np.arange(len(req))
    goal = cum[cols, req]
    have = cum[cols[None, :], reached]
    return np.asarray((goal[None, :] - have).sum(axis=1), dtype=np.float64)


def rank(scores: FloatArray, hours: FloatArray, person_ids: IntArray) -> IntArray:
    """Row numbers best first: the highest coverage, then the fewest hours, then the id.
    Coverage is compared to 9 decimals, so a sum's rounding never splits equal candidates."""
    return np.lexsort((person_ids, np.round(hours, 6), -np.round(scores, 9))).astype(np.int64)


def reskillable(hours: FloatArray, *, hours_per_year: float, years: float) -> BoolArray:
    """Who could close the gap within ``years`` at ``hours_per_year`` of learning a year."""
    return np.asarray(hours <= hours_per_year * max(years, 0.0), dtype=bool)


def met_by_group(meets: BoolArray, group: IntArray, n_groups: int) -> tuple[IntArray, IntArray]:
    """Per group (rows) and requirement (columns): (people meeting, people in the group), for
    people whose finest group is ``group`` (−1: in none). Sub-tree totals are the disclosure
    engine's work (``core.disclosure``)."""
    k = meets.shape[1]
    inside = group >= 0
    g = group[inside]
    people = np.bincount(g, minlength=n_groups).astype(np.int64)
    flat = (g[:, None] * k + np.arange(k)[None, :])[meets[inside]]
    counts = np.bincount(flat, minlength=n_groups * k).reshape(n_groups, k).astype(np.int64)
    return counts, people


def heat_counts(
    held: IntArray,
    required: Sequence[int],
    person: IntArray,
    leaf: IntArray,
    tree: Grouping[Any],
    *,
    min_size: int,
) -> tuple[IntArray, IntArray, BoolArray]:
    """Per tree cell and requirement: people meeting, people in the sub-tree, and whether the
    cell may be shown. One release per skill of two populations (those meeting and those not):
    a share is shown only where both counts pass ``core.disclosure.protect`` (neither 1 … min −
    1 people nor recoverable by subtracting sub-units from their unit, the unit's own people
    included), so neither "who holds it" nor "who lacks it" can be narrowed to a small group."""
    meets = met(held, required)
    n_cells = len(tree)
    k = meets.shape[1]
    met_counts = np.zeros((n_cells, k), dtype=np.int64)
    all_counts = np.zeros((n_cells, k), dtype=np.int64)
    shown = np.zeros((n_cells, k), dtype=bool)
    everyone = Population.of(person, leaf)
    (total,) = people_per_cell(everyone, [tree])
    for j in range(k):
        yes = meets[:, j]
        pop_yes = Population.of(person[yes], leaf[yes])
        pop_no = Population.of(person[~yes], leaf[~yes])
        (shown_yes,) = protect(pop_yes, [tree], min_size=min_size)
        (shown_no,) = protect(pop_no, [tree], min_size=min_size)
        (count_yes,) = people_per_cell(pop_yes, [tree])
        met_counts[:, j] = count_yes
        all_counts[:, j] = total
        shown[:, j] = shown_yes & shown_no & ((total == 0) | (total >= min_size))
    return met_counts, all_counts, shown


# --- "Sæt det rette hold": greedy set cover -----------------------------------------------------


@dataclass(frozen=True)
class Team:
    #: Row numbers of the chosen people, in the order they were picked.
    members: list[int]
    #: For each chosen person, the needs (column numbers) they were picked to cover.
    covers: list[list[int]]
    #: Hours of each need still uncovered (0 where covered).
    missing_hours: FloatArray

    @property
    def uncovered(self) -> list[int]:
        return [int(j) for j in np.flatnonzero(self.missing_hours > 0)]


def greedy_team(
    meets: BoolArray,
    hours: Sequence[float] | FloatArray,
    *,
    capacity: Sequence[float] | FloatArray | None = None,
    max_members: int = 12,
) -> Team:
    """A team that covers the needs' hours, by greedy weighted set cover.

    ``meets[i, j]``: person ``i`` holds need ``j``'s skill at the level it asks; ``hours[j]``:
    the project hours of need ``j``; ``capacity[i]``: the hours person ``i`` can give (default:
    unlimited, so one holder covers a need). Each round picks the person who covers the most
    still-missing hours (ties: the lowest row, so the result is deterministic), assigns them to
    every need they meet up to their capacity, and stops when nothing is missing, nobody adds
    anything, or ``max_members`` are picked. Greedy set cover is within a factor ``ln(n) + 1``
    of the smallest team (Chvátal 1979), and it explains itself: each member covers what is
    listed next to them.

    >>> m = np.array([[1, 1, 0], [0, 0, 1], [1, 0, 1]], dtype=bool)
    >>> t = greedy_team(m, [10, 10, 10])
    >>> t.members, t.covers, t.uncovered
    ([0, 1], [[0, 1], [2]], [])
    """
    need = np.array(hours, dtype=np.float64, copy=True)
    n = meets.shape[0]
    left = (
        np.full(n, np.inf) if capacity is None else np.array(capacity, dtype=np.float64, copy=True)
    )
    chosen = np.zeros(n, dtype=bool)
    members: list[int] = []
    covers: list[list[int]] = []
    while len(members) < max_members and (need > 0).any() and n:
        # What each person could cover now: min(their capacity, the hours they can take).
        open_ = meets & (need > 0)[None, :]
        reach = np.where(open_, need[None, :], 0.0).sum(axis=1)
        gain = np.minimum(reach, left)
        gain[chosen] = 0.0
        best = int(np.argmax(gain))
        if gain[best] <= 0:
            break
        chosen[best] = True
        cover: list[int] = []
        budget = left[best]
        for j in np.flatnonzero(open_[best]):
            take = min(need[j], budget)
            if take <= 0:
                break
            need[j] -= take
            budget -= take
            cover.append(int(j))
        left[best] = budget
        members.append(best)
        covers.append(cover)
    return Team(members=members, covers=covers, missing_hours=need)
