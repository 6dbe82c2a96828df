"""The workforce projection to 2040 with Monte Carlo bands. Pure: NumPy.

*Groups.* The projection works on groups — today job family × forvaltning — each with the job
family that drives its rates. A group is just a row with keys in named dimensions
(``Groups.keys``), so a later dimension (a skill) is one more key: results are summed to any
dimension with ``Result.by``. Within a group, people are counted per birth year.

*One year.* For each group and birth year the people present on 1 January leave with the model's
probabilities (``model.ExitModel``): a binomial number leaves, and of those a binomial share
retires. Then the group recruits what it needs to reach the year's demand: ``max(0, demand −
people left)``, so recruitment need = exits + growth (never negative: a shrinking group hires
nobody and shrinks by its exits). Recruits enter with the age mix of the municipality's own
hires (``ExitModel.hire_ages``, each class at its middle age) and age and leave like everyone else
in the following years. Headcount is people; FTE is people × the group's FTE per person today.

*Seniority.* Other exits are scaled by the model's seniority factors (``ExitModel.tenure``): each
group and birth year keeps the expected number of its people in their first ``RECENT`` years
(today's newer staff, then the recruits, ageing one class a year with the expected share that
stays), and its rate is the mix of the factors of those and of everyone else.

*Monte Carlo.* Every run draws its own rates from the model's Beta posteriors, then its own exits
and recruits' ages, so the spread covers both the uncertainty of the rates and chance. Runs are
split into fixed chunks, each with its own stream spawned from the seed, and the chunks run on
threads (NumPy releases the GIL while drawing): the same seed gives the same result on any machine,
whatever the number of cores. P10/P50/P90 are taken per group and year, and, for sums over groups
or years, on each run's sum — never by adding percentiles.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from charlie.workforce.history import Spells, year_of
from charlie.workforce.model import (
    HIRE_AGE_MIDDLE,
    TENURE_EDGES,
    ExitModel,
    age_band,
    tenure_class,
    ytp_class,
)

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Seniority classes tracked apart (1 … RECENT 1 Januaries); everyone else has stayed longer.
RECENT = int(TENURE_EDGES[-1]) - 1
#: Runs per chunk (each chunk has its own random stream; see the module docstring).
CHUNK = 125
#: The measures a projection reports per group and year.
MEASURES = ("headcount_start", "retirements", "other_exits", "exits", "recruitment", "headcount")


@dataclass(frozen=True)
class Groups:
    """The projection's groups. ``family[g]`` picks the rates; ``keys[dim][g]`` is the group's
    value (an index into ``labels[dim]``) in each reporting dimension."""

    family: IntArray
    keys: dict[str, IntArray]
    labels: dict[str, list[str]]

    def __len__(self) -> int:
        return len(self.family)


@dataclass(frozen=True)
class Stock:
    """Today's people, counted per group and birth year (one row per non-empty cell)."""

    group: IntArray
    birth_year: IntArray
    heads: IntArray
    fte: FloatArray
    #: Seniority on 1 January of the first projected year (``history.Panel.tenure``); ``None``
    #: when unknown (everyone then gets the average factor).
    tenure: IntArray | None = None


@dataclass(frozen=True)
class Result:
    """Per run, year and group: the measures of ``MEASURES`` (people)."""

    years: tuple[int, ...]
    groups: Groups
    runs: dict[str, npt.NDArray[np.int32]]  # measure → (runs, years, groups)
    demand: FloatArray  # (years, groups), people
    fte_per_head: FloatArray  # (groups,)
    base_heads: IntArray  # (groups,), today
    seed: int
    run_count: int = field(default=0)

    def by(self, dimension: str | None) -> Summary:
        """Sum the groups to ``dimension`` (``None``: everything as one row)."""
        if dimension is None:
            index = np.zeros(len(self.groups), dtype=np.int64)
            labels = ["I alt"]
        else:
            index = self.groups.keys[dimension]
            labels = self.groups.labels[dimension]
        n = len(labels)
        onehot = np.zeros((len(self.groups), n))
        onehot[np.arange(len(self.groups)), index] = 1.0
        runs = {name: values @ onehot for name, values in self.runs.items()}
        fte = {
            name: values @ (onehot * self.fte_per_head[:, None])
            for name, values in self.runs.items()
        }
        return Summary(
            years=self.years,
            labels=labels,
            runs=runs,
            fte=fte,
            demand=self.demand @ onehot,
            demand_fte=self.demand @ (onehot * self.fte_per_head[:, None]),
            base_heads=self.base_heads @ onehot,
            base_fte=(self.base_heads * self.fte_per_head) @ onehot,
        )


@dataclass(frozen=True)
class Summary:
    """A projection summed to one dimension: per run (runs, years, rows) for each measure."""

    years: tuple[int, ...]
    labels: list[str]
    runs: dict[str, FloatArray]
    fte: dict[str, FloatArray]
    demand: FloatArray  # (years, rows)
    demand_fte: FloatArray
    base_heads: FloatArray  # (rows,)
    base_fte: FloatArray

    def quantiles(self, measure: str, *, fte: bool = False) -> FloatArray:
        """(3, years, rows): P10, P50, P90."""
        values = (self.fte if fte else self.runs)[measure]
        return np.percentile(values, [10, 50, 90], axis=0)

    def mean(self, measure: str, *, fte: bool = False) -> FloatArray:
        return (self.fte if fte else self.runs)[measure].mean(axis=0)

    def cumulative(self, measure: str, until: int) -> FloatArray:
        """(3, rows): P10, P50, P90 of the sum over the years up to and including ``until``."""
        upto = [i for i, year in enumerate(self.years) if year <= until]
        total = self.runs[measure][:, upto, :].sum(axis=1)
        return np.percentile(total, [10, 50, 90], axis=0)


def staff(
    spells: Spells,
    stay_start: IntArray,
    day: int,
    first_year: int,
    family_labels: list[str],
    unit_labels: list[str],
    *,
    mask: npt.NDArray[np.bool_] | None = None,
) -> tuple[Stock, Groups]:
    """Today's staff (employed on ``day``; ``mask`` limits the employments, e.g. to a manager's
    units) as groups of job family × unit (forvaltning), counted per birth year and seniority on
    1 January ``first_year``. A person counts once, in their largest current employment."""
    current = (spells.start <= day) & (spells.end >= day)
    if mask is not None:
        current &= mask
    rows = np.flatnonzero(current)
    rows = rows[np.lexsort((-spells.fte[rows], spells.person[rows]))]
    if len(rows):
        rows = rows[np.r_[True, spells.person[rows][1:] != spells.person[rows][:-1]]]
    n_units = max(len(unit_labels), 1)
    group_keys, group_of = np.unique(
        spells.family[rows] * n_units + spells.unit[rows], return_inverse=True
    )
    groups = Groups(
        family=group_keys // n_units,
        keys={"job_family": group_keys // n_units, "forvaltning": group_keys % n_units},
        labels={"job_family": family_labels, "forvaltning": unit_labels},
    )
    # Seniority: the 1 Januaries of the stay up to first_year (capped: RECENT + 1 = settled).
    tenure = np.minimum(first_year - year_of(stay_start[rows] - 1), RECENT + 1)
    cell = (group_of * 10_000 + spells.birth_year[rows]) * 100 + tenure
    cells, cell_of = np.unique(cell, return_inverse=True)
    stock = Stock(
        group=cells // 1_000_000,
        birth_year=(cells // 100) % 10_000,
        heads=np.bincount(cell_of, minlength=len(cells)),
        fte=np.bincount(cell_of, weights=spells.fte[rows], minlength=len(cells)),
        tenure=cells % 100,
    )
    return stock, groups


def demand_path(base_heads: IntArray, family: IntArray, multipliers: FloatArray) -> FloatArray:
    """Demand per (year, group): today's people × the family's multiplier for the year
    (``multipliers``: (families, years), from a scenario; 1.0 = today's level)."""
    return (multipliers[family, :] * base_heads[:, None]).T


def project(
    stock: Stock,
    groups: Groups,
    model: ExitModel,
    demand: FloatArray,
    years: Sequence[int],
    pension_year_of: Callable[[IntArray], IntArray],
    *,
    runs: int = 1000,
    seed: int = 2030,
    threads: int | None = None,
) -> Result:
    """Run the projection (module docstring). ``demand``: (years, groups) people wanted at the end
    of each year. ``pension_year_of(birth_years)``: the year people born in those years reach
    folkepensionsalder."""
    years = tuple(int(y) for y in years)
    n_groups = len(groups)
    # Birth years: from the oldest person today to the youngest recruit in the last year.
    oldest = int(stock.birth_year.min()) if len(stock.heads) else years[0] - 70
    youngest = years[-1] - int(HIRE_AGE_MIDDLE.min())
    if len(stock.heads):  # someone younger than the youngest recruit in the last year
        youngest = max(youngest, int(stock.birth_year.max()))
    births = np.arange(min(oldest, years[0] - 80), youngest + 1)
    pension_years = pension_year_of(births)
    base = np.zeros((n_groups, len(births)), dtype=np.int64)
    np.add.at(base, (stock.group, stock.birth_year - births[0]), stock.heads)
    # The newer staff, by seniority 1 … RECENT (expected counts; the rest have stayed longer).
    recent = np.zeros((RECENT, n_groups, len(births)))
    if stock.tenure is not None:
        new = stock.tenure <= RECENT
        np.add.at(
            recent,
            (
                np.maximum(stock.tenure[new], 1) - 1,
                stock.group[new],
                stock.birth_year[new] - births[0],
            ),
            stock.heads[new],
        )
    base_heads = base.sum(axis=1)
    fte = np.bincount(stock.group, weights=stock.fte, minlength=n_groups)
    fte_per_head = np.where(base_heads > 0, fte / np.maximum(base_heads, 1), 1.0)

    chunks = [min(CHUNK, runs - start) for start in range(0, runs, CHUNK)]
    streams = np.random.SeedSequence(seed).spawn(len(chunks))
    workers = threads or min(len(chunks), os.cpu_count() or 1)

    def one(index: int) -> dict[str, npt.NDArray[np.int32]]:
        return _simulate(
            np.random.default_rng(streams[index]),
            chunks[index],
            base,
            recent,
            stock.tenure is not None,
            births,
            pension_years,
            groups.family,
            model,
            demand,
            years,
        )

    if workers > 1:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            parts = list(pool.map(one, range(len(chunks))))
    else:
        parts = [one(i) for i in range(len(chunks))]
    merged = {name: np.concatenate([p[name] for p in parts]) for name in MEASURES}
    return Result(
        years=years,
        groups=groups,
        runs=merged,
        demand=demand,
        fte_per_head=fte_per_head,
        base_heads=base_heads,
        seed=seed,
        run_count=runs,
    )


def _simulate(
    rng: np.random.Generator,
    runs: int,
    base: IntArray,
    recent: FloatArray,
    seniority_known: bool,
    births: IntArray,
    pension_years: IntArray,
    family: IntArray,
    model: ExitModel,
    demand: FloatArray,
    years: tuple[int, ...],
) -> dict[str, npt.NDArray[np.int32]]:
    n_groups, n_births = base.shape
    retire_rates = model.retirement.sample(rng, runs)[:, family, :]  # (runs, groups, ytp)
    # Classes in which nobody retired in the history keep a retirement rate of exactly 0.
    possible = model.retirement.events.sum(axis=0) > 0
    retire_rates[:, :, ~possible] = 0.0
    other_rates = model.other.sample(rng, runs)[:, family, :]  # (runs, groups, bands)
    hire_p = model.hire_ages[family]  # (groups, hire classes)
    stock = np.broadcast_to(base, (runs, n_groups, n_births)).copy()
    # Seniority: the factor of each of the RECENT newest classes, and of everyone else.
    recent = recent.copy()
    recent_factor = model.tenure[tenure_class(np.arange(1, RECENT + 1))]
    settled_factor = float(model.tenure[-1]) if seniority_known else 1.0
    out = {name: np.zeros((runs, len(years), n_groups), dtype=np.int32) for name in MEASURES}
    for i, year in enumerate(years):
        ytp = ytp_class(pension_years, year)  # (births,)
        band = age_band(year - births)
        p_r = retire_rates[:, :, ytp]  # (runs, groups, births)
        # Each cell's other-exit rate is scaled by its expected mix of seniority.
        mean_stock = stock.mean(axis=0)
        settled = np.maximum(mean_stock - recent.sum(axis=0), 0.0)
        weighted = np.tensordot(recent_factor, recent, axes=1) + settled_factor * settled
        factor = np.where(mean_stock > 0, weighted / np.maximum(mean_stock, 1e-12), settled_factor)
        base_o = other_rates[:, :, band]
        p_o = np.minimum(base_o * factor, 1 - p_r)
        p_exit = p_r + p_o
        out["headcount_start"][:, i] = stock.sum(axis=2)
        leaving = rng.binomial(stock, p_exit)
        # Of those leaving, a binomial share retires; only where retirement is possible at all.
        retiring = np.zeros_like(leaving)
        near = np.flatnonzero(possible[ytp])
        if len(near):
            share = p_r[:, :, near] / np.maximum(p_exit[:, :, near], 1e-12)
            retiring[:, :, near] = rng.binomial(leaving[:, :, near], np.minimum(share, 1.0))
        stock -= leaving
        out["retirements"][:, i] = retiring.sum(axis=2)
        out["exits"][:, i] = leaving.sum(axis=2)
        out["other_exits"][:, i] = out["exits"][:, i] - out["retirements"][:, i]
        remaining = stock.sum(axis=2)
        need = np.maximum(0, np.rint(demand[i][None, :] - remaining)).astype(np.int64)
        out["recruitment"][:, i] = need
        # The newer staff who stay become one year more senior; the recruits are the newest.
        mean_r, mean_o = p_r.mean(axis=0), base_o.mean(axis=0)
        stay = 1 - np.minimum(
            mean_r[None] + np.minimum(mean_o[None] * recent_factor[:, None, None], 1 - mean_r),
            1.0,
        )
        recent = np.roll(recent * stay, 1, axis=0)
        recent[0] = 0.0
        if need.any():
            hired = rng.multinomial(need, hire_p)  # (runs, groups, hire classes)
            columns = year - HIRE_AGE_MIDDLE - births[0]
            valid = (columns >= 0) & (columns < n_births)
            stock[:, :, columns[valid]] += hired[:, :, valid]
            recent[0][:, columns[valid]] = hired[:, :, valid].mean(axis=0)
        out["headcount"][:, i] = stock.sum(axis=2)
    return out
