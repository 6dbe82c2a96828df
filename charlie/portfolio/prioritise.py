"""Choosing the initiatives to do under a budget and a staff-hours limit per year: the exact
optimisation (a binary integer programme solved by HiGHS), a greedy value-per-krone heuristic for
comparison, the weighted score that is each initiative's value, and the reason each initiative
was chosen or not. Pure: no Django; plain floats in, dataclasses out.

The model (docs/portfolio-priorities.md):

- One binary variable *xᵢ* per initiative: 1 when it is chosen.
- **Maximise** Σ valueᵢ · xᵢ, where the value is the initiative's weighted score (``values``).
- **Budget**: for every year *t* with a limit, Σ costᵢₜ · xᵢ ≤ budgetₜ (kroner: investment and
  running costs of the business case in that calendar year).
- **Staff hours**: for every year *t* with a limit, Σ hoursᵢₜ · xᵢ ≤ hoursₜ (the municipality's
  own hours in the project).
- **Dependencies**: xᵢ ≤ xⱼ when *i* depends on *j* (no initiative without what it needs).
- **Must-do**: xᵢ = 1. A must-do also forces what it depends on, so the must-dos and their
  dependencies must fit every limit; when they do not, nothing is solved and ``problems`` says
  which year and limit is exceeded, by how much.

"Optimal" is reported only when HiGHS proves it: model status optimal with a MIP gap of at most
``GAP`` (relative; the default 10⁻⁴ of HiGHS would let a slightly worse set pass as optimal). A
time limit stops the solver; the best set found is then reported as ``time_limit``.
"""

from __future__ import annotations

import ctypes
import math
import os
import sys
import threading
import time
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

#: The largest relative MIP gap that still counts as proven optimal.
GAP = 1e-9
#: Seconds HiGHS may use before it stops with the best set found.
TIME_LIMIT = 10.0
#: The project's machines have 2 cores (STACK.md).
THREADS = 2
#: Costs and hours are compared with this slack (kroner, hours), against rounding.
TOLERANCE = 1e-6

OPTIMAL = "optimal"
TIME_LIMIT_REACHED = "time_limit"
INFEASIBLE = "infeasible"
HEURISTIC = "heuristic"

#: The reasons (``Reason.code``). Chosen: ``must_do``, ``required`` (a chosen initiative needs
#: it), ``chosen``. Not chosen: ``dependency`` (something it needs is not chosen), ``budget`` /
#: ``hours`` (adding it would exceed that year's limit), ``no_value`` (a value of 0 or less),
#: ``fits`` (it fits but the solver stopped before proving the set optimal, or the heuristic
#: missed it).
CHOSEN_CODES = ("must_do", "required", "chosen")


class PrioritisationError(ValueError):
    """Input that cannot be prioritised; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Item:
    """An initiative as the optimiser sees it: its key (the initiative's number), its value,
    and its costs (kroner) and own staff hours for each year of the window."""

    key: int
    value: float
    costs: tuple[float, ...]
    hours: tuple[float, ...]
    depends_on: tuple[int, ...] = ()
    must_do: bool = False
    title: str = ""


@dataclass(frozen=True)
class Limits:
    """The years of the window from ``first_year``, and a budget and an hours limit per year
    (``None``: no limit that year)."""

    first_year: int
    budget: tuple[float | None, ...]
    hours: tuple[float | None, ...]

    @property
    def years(self) -> int:
        return len(self.budget)

    @classmethod
    def every_year(
        cls, first_year: int, years: int, budget: float | None, hours: float | None
    ) -> Limits:
        return cls(first_year, (budget,) * years, (hours,) * years)


@dataclass(frozen=True)
class Reason:
    """Why an initiative was chosen or not. ``year``/``need``/``left``: for ``budget`` and
    ``hours``, the first year whose limit it would exceed, what it needs that year and what is
    left. ``keys``: the initiatives it depends on that are not chosen (``dependency``), or the
    chosen ones that need it (``required``). ``cheaper``: for ``budget``/``hours``, True when
    its value per krone is below that of every chosen initiative with costs."""

    code: str
    year: int | None = None
    need: float | None = None
    left: float | None = None
    keys: tuple[int, ...] = ()
    cheaper: bool = False

    @property
    def chosen(self) -> bool:
        return self.code in CHOSEN_CODES


@dataclass(frozen=True)
class Problem:
    """Why the must-dos cannot all be done: in ``year`` they (and what they depend on) need
    ``need`` of ``kind`` (``budget`` or ``hours``) but the limit is ``limit``."""

    kind: str
    year: int
    need: float
    limit: float
    keys: tuple[int, ...]


@dataclass(frozen=True)
class Result:
    method: str  # "exact" or "greedy"
    status: str  # OPTIMAL, TIME_LIMIT_REACHED, INFEASIBLE, HEURISTIC
    chosen: tuple[int, ...]
    value: float
    costs: tuple[float, ...]  # the chosen set's total per year
    hours: tuple[float, ...]
    reasons: dict[int, Reason]
    seconds: float
    gap: float | None = None
    problems: tuple[Problem, ...] = ()
    limits: Limits | None = field(default=None, compare=False)

    @property
    def optimal(self) -> bool:
        return self.status == OPTIMAL


# --- Values ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CriterionSpec:
    """A criterion: its key, weight and direction; ``scaled`` True for computed criteria (NPV,
    early gains, beacons), whose raw figures are scaled to 0–5 across the initiatives; manual
    scores are 0–5 already."""

    key: str
    weight: float
    higher_is_better: bool = True
    scaled: bool = False


def scale(raw: Mapping[int, float | None]) -> dict[int, float]:
    """Raw figures scaled linearly to 0–5 across the initiatives: the lowest 0, the highest 5.
    All equal: 2.5 each (the criterion then tells them apart by nothing). Missing: 0."""
    present = [v for v in raw.values() if v is not None]
    if not present:
        return dict.fromkeys(raw, 0.0)
    low, high = min(present), max(present)
    if high - low <= TOLERANCE:
        return {k: (2.5 if v is not None else 0.0) for k, v in raw.items()}
    return {k: (5 * (v - low) / (high - low) if v is not None else 0.0) for k, v in raw.items()}


def values(
    criteria: Sequence[CriterionSpec], scores: Mapping[int, Mapping[str, float | None]]
) -> dict[int, dict[str, float]]:
    """Each initiative's score per criterion on 0–5 (computed criteria scaled, lower-is-better
    ones turned round: 5 − score) and its value ``"total"``: Σ weight · score / Σ weight, a
    weighted score on 0–5. A missing manual score counts 0."""
    per_key: dict[int, dict[str, float]] = {key: {} for key in scores}
    for criterion in criteria:
        raw = {key: scores[key].get(criterion.key) for key in scores}
        if criterion.scaled:
            scaled = scale(raw)
        else:
            scaled = {
                k: float(min(max(v, 0.0), 5.0)) if v is not None else 0.0 for k, v in raw.items()
            }
        for key, score in scaled.items():
            if not criterion.higher_is_better and (raw[key] is not None or criterion.scaled):
                score = 5.0 - score
            per_key[key][criterion.key] = score
    total_weight = sum(max(c.weight, 0.0) for c in criteria)
    for row in per_key.values():
        weighted = sum(max(c.weight, 0.0) * row[c.key] for c in criteria)
        row["total"] = weighted / total_weight if total_weight > 0 else 0.0
    return per_key


# --- Checking ----------------------------------------------------------------------------------


def _check(items: Sequence[Item], limits: Limits) -> None:
    problems: list[str] = []
    if limits.years < 1 or len(limits.hours) != limits.years:
        problems.append("limits: budget and hours need one entry per year, at least one year")
    keys = [item.key for item in items]
    if len(set(keys)) != len(keys):
        problems.append("items: two items have the same key")
    known = set(keys)
    for item in items:
        if len(item.costs) != limits.years or len(item.hours) != limits.years:
            problems.append(f"item {item.key}: costs and hours need one entry per year")
        if not all(math.isfinite(v) for v in (item.value, *item.costs, *item.hours)):
            problems.append(f"item {item.key}: value, costs and hours must be numbers")
        unknown = [k for k in item.depends_on if k not in known]
        if unknown:
            problems.append(f"item {item.key}: depends on unknown {unknown}")
    for kind, row in (("budget", limits.budget), ("hours", limits.hours)):
        for value in row:
            if value is not None and not math.isfinite(value):
                problems.append(f"limits: {kind} must be numbers")
    if problems:
        raise PrioritisationError(problems)


def closure(items: Sequence[Item], keys: Iterable[int]) -> set[int]:
    """``keys`` and everything they depend on, directly or through others."""
    by_key = {item.key: item for item in items}
    seen: set[int] = set()
    todo = list(keys)
    while todo:
        key = todo.pop()
        if key in seen:
            continue
        seen.add(key)
        todo.extend(by_key[key].depends_on)
    return seen


def _totals(items: Sequence[Item], chosen: Iterable[int], years: int) -> tuple[np.ndarray, ...]:
    by_key = {item.key: item for item in items}
    costs = np.zeros(years)
    hours = np.zeros(years)
    for key in chosen:
        costs += by_key[key].costs
        hours += by_key[key].hours
    return costs, hours


def must_do_problems(items: Sequence[Item], limits: Limits) -> list[Problem]:
    """Every year and limit the must-dos (with what they depend on) exceed; empty when they fit
    — and then the whole problem is feasible, as choosing just them is."""
    forced = closure(items, [item.key for item in items if item.must_do])
    costs, hours = _totals(items, forced, limits.years)
    problems = []
    for kind, used, limit_row in (("budget", costs, limits.budget), ("hours", hours, limits.hours)):
        for t, limit in enumerate(limit_row):
            if limit is not None and used[t] > limit + TOLERANCE:
                problems.append(
                    Problem(
                        kind, limits.first_year + t, float(used[t]), limit, tuple(sorted(forced))
                    )
                )
    return problems


# --- Explaining --------------------------------------------------------------------------------


def _per_krone(item: Item) -> float:
    cost = sum(item.costs)
    return item.value / cost if cost > TOLERANCE else math.inf


def explain(items: Sequence[Item], limits: Limits, chosen: Iterable[int]) -> dict[int, Reason]:
    """The reason for each initiative, derived from the chosen set: a chosen one is a must-do,
    required by a chosen one, or chosen for its value; for one not chosen, what adding it alone
    to the chosen set would break — a dependency not chosen, else the first year whose budget
    (then hours) it would exceed; if it breaks nothing, a value of 0 or less, or else ``fits``."""
    chosen_set = set(chosen)
    by_key = {item.key: item for item in items}
    costs, hours = _totals(items, chosen_set, limits.years)
    needed_by: dict[int, list[int]] = {}
    for item in items:
        if item.key in chosen_set:
            for dep in item.depends_on:
                needed_by.setdefault(dep, []).append(item.key)
    forced = closure(items, [item.key for item in items if item.must_do])
    chosen_ratios = [_per_krone(by_key[k]) for k in chosen_set if sum(by_key[k].costs) > TOLERANCE]
    lowest_chosen = min(chosen_ratios) if chosen_ratios else math.inf
    reasons: dict[int, Reason] = {}
    for item in items:
        if item.key in chosen_set:
            if item.must_do:
                reasons[item.key] = Reason("must_do")
            elif item.key in forced or item.key in needed_by:
                reasons[item.key] = Reason(
                    "required", keys=tuple(sorted(needed_by.get(item.key, ())))
                )
            else:
                reasons[item.key] = Reason("chosen")
            continue
        missing = tuple(sorted(k for k in item.depends_on if k not in chosen_set))
        if missing:
            reasons[item.key] = Reason("dependency", keys=missing)
            continue
        reason = None
        for kind, used, limit_row, own in (
            ("budget", costs, limits.budget, item.costs),
            ("hours", hours, limits.hours, item.hours),
        ):
            for t, limit in enumerate(limit_row):
                if limit is not None and used[t] + own[t] > limit + TOLERANCE:
                    reason = Reason(
                        kind,
                        year=limits.first_year + t,
                        need=float(own[t]),
                        left=float(limit - used[t]),
                        cheaper=_per_krone(item) < lowest_chosen,
                    )
                    break
            if reason is not None:
                break
        if reason is None:
            reason = Reason("no_value") if item.value <= TOLERANCE else Reason("fits")
        reasons[item.key] = reason
    return reasons


def _result(
    method: str,
    status: str,
    items: Sequence[Item],
    limits: Limits,
    chosen: Iterable[int],
    started: float,
    gap: float | None = None,
) -> Result:
    chosen_keys = tuple(sorted(chosen))
    by_key = {item.key: item for item in items}
    costs, hours = _totals(items, chosen_keys, limits.years)
    return Result(
        method=method,
        status=status,
        chosen=chosen_keys,
        value=float(sum(by_key[k].value for k in chosen_keys)),
        costs=tuple(float(c) for c in costs),
        hours=tuple(float(h) for h in hours),
        reasons=explain(items, limits, chosen_keys),
        seconds=time.perf_counter() - started,
        gap=gap,
        limits=limits,
    )


def _infeasible(method: str, items: Sequence[Item], limits: Limits, problems, started) -> Result:
    zeros = (0.0,) * limits.years
    return Result(
        method=method,
        status=INFEASIBLE,
        chosen=(),
        value=0.0,
        costs=zeros,
        hours=zeros,
        reasons={},
        seconds=time.perf_counter() - started,
        problems=tuple(problems),
        limits=limits,
    )


# --- The greedy heuristic ----------------------------------------------------------------------


def greedy(items: Sequence[Item], limits: Limits) -> Result:
    """The value-per-krone heuristic: the must-dos and what they need first; then the others in
    falling order of value per krone of costs over the window (no costs first, then the higher
    value), each taken with what it depends on when all of it fits every limit."""
    started = time.perf_counter()
    _check(items, limits)
    problems = must_do_problems(items, limits)
    if problems:
        return _infeasible("greedy", items, limits, problems, started)
    by_key = {item.key: item for item in items}
    chosen = closure(items, [item.key for item in items if item.must_do])
    costs, hours = _totals(items, chosen, limits.years)
    budget = np.array([math.inf if b is None else b for b in limits.budget])
    hours_limit = np.array([math.inf if h is None else h for h in limits.hours])
    order = sorted(
        (item for item in items if item.key not in chosen and item.value > 0),
        key=lambda item: (-_per_krone(item), -item.value, item.key),
    )
    for item in order:
        if item.key in chosen:
            continue
        bundle = closure(items, [item.key]) - chosen
        add_costs = sum((np.array(by_key[k].costs) for k in bundle), np.zeros(limits.years))
        add_hours = sum((np.array(by_key[k].hours) for k in bundle), np.zeros(limits.years))
        if np.all(costs + add_costs <= budget + TOLERANCE) and np.all(
            hours + add_hours <= hours_limit + TOLERANCE
        ):
            chosen |= bundle
            costs += add_costs
            hours += add_hours
    return _result("greedy", HEURISTIC, items, limits, chosen, started)


# --- The exact optimisation --------------------------------------------------------------------

_banner_lock = threading.Lock()
_banner_shown = False


def _highs() -> Any:
    """A silent HiGHS instance. HiGHS prints its banner to the process's standard output when
    the first instance is made, before any option can silence it; that would break
    ``--format json`` output, so the first is made with file descriptor 1 pointed at /dev/null."""
    import highspy

    global _banner_shown
    with _banner_lock:
        if _banner_shown:
            highs = highspy.Highs()
        else:
            sys.stdout.flush()
            saved = os.dup(1)
            devnull = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(devnull, 1)
                highs = highspy.Highs()
                ctypes.CDLL(None).fflush(None)
            finally:
                os.dup2(saved, 1)
                os.close(saved)
                os.close(devnull)
            _banner_shown = True
    highs.setOptionValue("output_flag", False)
    return highs


def _model(items: Sequence[Item], limits: Limits, *, integer: bool = True) -> Any:
    """The model of the module docstring in a silent HiGHS instance: one column per item (binary,
    or continuous in [0, 1] when not ``integer``), the yearly limits and the dependencies."""
    import highspy

    n = len(items)
    highs = _highs()
    index = {item.key: i for i, item in enumerate(items)}
    inf = highspy.kHighsInf
    lower = np.array([1.0 if item.must_do else 0.0 for item in items])
    highs.addVars(n, lower, np.ones(n))
    if integer:
        highs.changeColsIntegrality(
            n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n)
        )
    highs.changeColsCost(
        n, np.arange(n, dtype=np.int32), np.array([item.value for item in items], dtype=float)
    )
    highs.changeObjectiveSense(highspy.ObjSense.kMaximize)
    # The rows: one per year with a limit (budget, then hours), one per dependency.
    rows_upper: list[float] = []
    rows_lower: list[float] = []
    starts: list[int] = []
    indices: list[int] = []
    coefficients: list[float] = []
    costs = np.array([item.costs for item in items], dtype=float).reshape(n, limits.years)
    hours = np.array([item.hours for item in items], dtype=float).reshape(n, limits.years)
    for matrix, limit_row in ((costs, limits.budget), (hours, limits.hours)):
        for t, limit in enumerate(limit_row):
            if limit is None:
                continue
            column = matrix[:, t]
            nonzero = np.flatnonzero(column)
            starts.append(len(indices))
            indices.extend(int(i) for i in nonzero)
            coefficients.extend(float(column[i]) for i in nonzero)
            rows_lower.append(-inf)
            rows_upper.append(float(limit))
    for item in items:
        for dep in item.depends_on:
            if dep == item.key:
                continue
            starts.append(len(indices))  # x_i − x_j ≤ 0
            indices.extend((index[item.key], index[dep]))
            coefficients.extend((1.0, -1.0))
            rows_lower.append(-inf)
            rows_upper.append(0.0)
    if starts:
        highs.addRows(
            len(starts),
            np.array(rows_lower),
            np.array(rows_upper),
            len(indices),
            np.array(starts, dtype=np.int32),
            np.array(indices, dtype=np.int32),
            np.array(coefficients),
        )
    return highs


def relaxation(items: Sequence[Item], limits: Limits) -> tuple[float, np.ndarray]:
    """The linear relaxation (every xᵢ in [0, 1] instead of 0 or 1): its value, a bound that no
    set within the limits can beat, and each item's reduced cost. An item whose reduced cost is
    larger in size than the bound minus a known set's value is decided: no better set changes
    it. How many are not tells how hard the proof of optimality is (benchmarks/README.md)."""
    _check(items, limits)
    problems = must_do_problems(items, limits)
    if problems:
        raise PrioritisationError(
            [f"the must-dos exceed the {p.kind} of {p.year}" for p in problems]
        )
    if not items:
        return 0.0, np.zeros(0)
    highs = _model(items, limits, integer=False)
    highs.run()
    bound = float(highs.getInfo().objective_function_value)
    return bound, np.array(highs.getSolution().col_dual)


def solve(
    items: Sequence[Item],
    limits: Limits,
    *,
    time_limit: float = TIME_LIMIT,
    threads: int = THREADS,
) -> Result:
    """The set of highest total value within every limit, with dependencies and must-dos
    respected, solved by HiGHS's branch and cut; ``status`` is ``optimal`` only when proven
    (gap ≤ ``GAP``). Must-dos that cannot fit: ``infeasible`` with ``problems``."""
    import highspy

    started = time.perf_counter()
    _check(items, limits)
    problems = must_do_problems(items, limits)
    if problems:
        return _infeasible("exact", items, limits, problems, started)
    n = len(items)
    if n == 0:
        return _result("exact", OPTIMAL, items, limits, (), started, gap=0.0)
    highs = _model(items, limits)
    highs.setOptionValue("time_limit", float(time_limit))
    highs.setOptionValue("threads", int(threads))
    highs.setOptionValue("mip_rel_gap", GAP)
    highs.setOptionValue("mip_abs_gap", GAP)
    highs.setOptionValue("random_seed", 0)
    inf = highspy.kHighsInf
    # The heuristic's set as the first incumbent: the exact result is never worse than it, even
    # when the time limit stops the search.
    start = set(greedy(items, limits).chosen)
    solution = highspy.HighsSolution()
    solution.col_value = [1.0 if item.key in start else 0.0 for item in items]
    highs.setSolution(solution)
    highs.run()
    model_status = highs.getModelStatus()
    info = highs.getInfo()
    values_found = np.array(highs.getSolution().col_value) if info.primal_solution_status else None
    gap = float(info.mip_gap) if info.mip_gap < inf else None
    if model_status == highspy.HighsModelStatus.kOptimal and gap is not None and gap <= GAP:
        status = OPTIMAL
    elif model_status == highspy.HighsModelStatus.kInfeasible:
        # Cannot happen once the must-dos fit (choosing just them is feasible); kept honest.
        return _infeasible("exact", items, limits, [], started)
    else:
        status = TIME_LIMIT_REACHED
    if values_found is None or len(values_found) != n:
        chosen: set[int] = closure(items, [item.key for item in items if item.must_do])
    else:
        chosen = {items[i].key for i in range(n) if values_found[i] > 0.5}
    return _result("exact", status, items, limits, chosen, started, gap=gap)


def feasible(items: Sequence[Item], limits: Limits, chosen: Iterable[int]) -> list[str]:
    """What the chosen set breaks: limits per year, dependencies, must-dos (empty: none)."""
    chosen_set = set(chosen)
    broken = []
    costs, hours = _totals(items, chosen_set, limits.years)
    for kind, used, limit_row in (("budget", costs, limits.budget), ("hours", hours, limits.hours)):
        for t, limit in enumerate(limit_row):
            if limit is not None and used[t] > limit + TOLERANCE:
                broken.append(f"{kind} {limits.first_year + t}: {used[t]} > {limit}")
    for item in items:
        if item.must_do and item.key not in chosen_set:
            broken.append(f"must-do {item.key} not chosen")
        if item.key in chosen_set:
            for dep in item.depends_on:
                if dep not in chosen_set:
                    broken.append(f"{item.key} chosen without {dep}")
    return broken


def as_dict(result: Result, items: Sequence[Item] | None = None) -> dict[str, Any]:
    """The result as plain JSON: kroner and hours rounded to whole numbers, values to 3
    decimals; with ``items`` each initiative's value, costs and hours too."""
    limits = result.limits
    years = [limits.first_year + t for t in range(limits.years)] if limits else []
    data: dict[str, Any] = {
        "method": result.method,
        "status": result.status,
        "chosen": list(result.chosen),
        "value": round(result.value, 3),
        "seconds": round(result.seconds, 4),
        "gap": result.gap,
        "years": years,
        "budget": list(limits.budget) if limits else [],
        "hours_limit": list(limits.hours) if limits else [],
        "costs": [round(c) for c in result.costs],
        "hours": [round(h) for h in result.hours],
        "problems": [
            {
                "kind": p.kind,
                "year": p.year,
                "need": round(p.need),
                "limit": round(p.limit),
                "initiatives": list(p.keys),
            }
            for p in result.problems
        ],
        "reasons": {
            str(key): {
                "code": r.code,
                "chosen": r.chosen,
                "year": r.year,
                "need": None if r.need is None else round(r.need),
                "left": None if r.left is None else round(r.left),
                "initiatives": list(r.keys),
                "lower_value_per_krone": r.cheaper,
            }
            for key, r in sorted(result.reasons.items())
        },
    }
    if items is not None:
        data["initiatives"] = [
            {
                "number": item.key,
                "title": item.title,
                "value": round(item.value, 3),
                "costs": [round(c) for c in item.costs],
                "hours": [round(h) for h in item.hours],
                "depends_on": list(item.depends_on),
                "must_do": item.must_do,
            }
            for item in items
        ]
    return data
