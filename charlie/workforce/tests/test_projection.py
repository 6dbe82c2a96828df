"""The Monte Carlo workforce projection (``projection.py``).

Exits follow the exit model (retirement by years to the folkepension year, pensionsloven § 1 a,
DOMAIN.md 3.1–3.2; other exits by age band); recruitment fills the gap to demand,
``max(0, demand − people left)``. The models here are built by hand with Beta posteriors so
concentrated (``alpha + beta`` = 1e8) that every run draws practically the mean rate; what is
left is the binomial chance in who leaves, whose variance ``n·p·(1 − p)`` gives the tolerances.
"""

from __future__ import annotations

import numpy as np
from numpy.testing import assert_allclose, assert_array_equal

from charlie.workforce.model import AGE_BANDS, HIRE_AGES, N_YTP, BetaRates, ExitModel
from charlie.workforce.projection import (
    CHUNK,
    MEASURES,
    Groups,
    Result,
    Stock,
    demand_path,
    project,
)

STRENGTH = 1e8
RUNS = 1000


def beta_rates(p: np.ndarray) -> BetaRates:
    """Rates fixed at ``p``: a Beta posterior of strength 1e8 (a zero rate gets mean 1e-14).
    ``events`` marks where the history saw exits (retirement is impossible where it saw none)."""
    p = np.asarray(p, dtype=float)
    alpha = np.maximum(p, 1e-14) * STRENGTH
    return BetaRates(
        alpha=alpha,
        beta=(1 - p) * STRENGTH,
        events=(p > 0).astype(float),
        exposure=np.ones_like(p),
    )


def fixed_model(
    retirement: np.ndarray, other: np.ndarray, hire_ages: np.ndarray | None = None
) -> ExitModel:
    families = retirement.shape[0]
    if hire_ages is None:
        hire_ages = np.full((families, len(HIRE_AGES)), 1 / len(HIRE_AGES))
    return ExitModel(
        retirement=beta_rates(retirement),
        other=beta_rates(other),
        hire_ages=hire_ages,
        years=(2020,),
        k=30.0,
    )


def pension_at_67(births: np.ndarray) -> np.ndarray:
    return births + 67


def one_group(label: str = "SOSU") -> Groups:
    return Groups(
        family=np.array([0]), keys={"job_family": np.array([0])}, labels={"job_family": [label]}
    )


# --- One cell, retirement only -----------------------------------------------------------------


def _retirement_only(demand: float, seed: int = 1) -> Result:
    # 1,000 people born 1965; pension year 1965 + 67 = 2032; in 2030 that is 2 years away:
    # ytp class 2 − (−2) = 4, retirement 20 %. Other exits: 0 in every band.
    retirement = np.zeros((1, N_YTP))
    retirement[0, 4] = 0.2
    model = fixed_model(retirement, np.zeros((1, len(AGE_BANDS))))
    stock = Stock(
        group=np.array([0]),
        birth_year=np.array([1965]),
        heads=np.array([1000]),
        fte=np.array([900.0]),
    )
    return project(
        stock,
        one_group(),
        model,
        np.array([[demand]]),
        [2030],
        pension_at_67,
        runs=RUNS,
        seed=seed,
    )


def test_single_cell_mean_exits_is_n_times_p():
    result = _retirement_only(demand=0.0)
    exits = result.runs["exits"][:, 0, 0].astype(float)
    # Binomial(1000, 0.2): mean 200, variance 1000 · 0.2 · 0.8 = 160. Standard error of the
    # mean over 1,000 runs: √(160 / 1000) = 0.4; 4 standard errors = 1.6.
    assert abs(exits.mean() - 200) < 4 * np.sqrt(160 / RUNS)
    # The spread is binomial too: the sample variance's standard error is ≈ 160 · √(2/999)
    # ≈ 7.2; allow 5 of them.
    assert abs(exits.var(ddof=1) - 160) < 5 * 160 * np.sqrt(2 / (RUNS - 1))
    assert_array_equal(result.runs["retirements"], result.runs["exits"])
    assert not result.runs["other_exits"].any()
    assert_array_equal(result.runs["headcount_start"], 1000)
    # Demand 0 is below the stock: no recruitment, headcount falls by the exits.
    assert not result.runs["recruitment"].any()
    assert_array_equal(result.runs["headcount"], 1000 - result.runs["exits"])
    assert result.run_count == RUNS
    assert result.runs["exits"].shape == (RUNS, 1, 1)


def test_single_cell_demand_equal_to_stock_replaces_every_exit():
    result = _retirement_only(demand=1000.0)
    assert_array_equal(result.runs["recruitment"], result.runs["exits"])
    assert_array_equal(result.runs["headcount"], 1000)


def test_nobody_retires_in_classes_without_retirements_in_history():
    # People born 1966 are 3 years from their pension year (2033) in 2030: class 5. The
    # posterior there has mean 0.3 (a prior pulled from elsewhere), but the history saw no
    # retirement in that class in any family (events 0): the projection retires nobody there.
    p = np.zeros((1, N_YTP))
    p[0, 4] = p[0, 5] = 0.3
    retirement = BetaRates(
        alpha=np.maximum(p, 1e-14) * STRENGTH,
        beta=(1 - p) * STRENGTH,
        events=np.where(np.arange(N_YTP) == 4, 1.0, 0.0)[None, :],
        exposure=np.ones((1, N_YTP)),
    )
    model = ExitModel(
        retirement=retirement,
        other=beta_rates(np.zeros((1, len(AGE_BANDS)))),
        hire_ages=np.full((1, len(HIRE_AGES)), 1 / len(HIRE_AGES)),
        years=(2020,),
        k=30.0,
    )
    stock = Stock(np.array([0, 0]), np.array([1965, 1966]), np.array([1000, 1000]), np.ones(2))
    result = project(
        stock, one_group(), model, np.array([[0.0]]), [2030], pension_at_67, runs=200, seed=3
    )
    # Only the 1,000 born 1965 (class 4) can leave: Binomial(1000, 0.3), mean 300, sd ≈ 14.5;
    # over 200 runs the mean is within 4 · 14.5 / √200 ≈ 4.1 of 300. Had the 1966 cohort
    # retired too, the mean would be near 600.
    exits = result.runs["exits"][:, 0, 0]
    assert abs(exits.mean() - 300) < 4 * np.sqrt(1000 * 0.3 * 0.7 / 200)
    assert_array_equal(result.runs["retirements"], result.runs["exits"])


# --- Recruitment -------------------------------------------------------------------------------


def _two_groups(seed: int = 5, runs: int = RUNS, threads: int | None = None) -> Result:
    # Nobody retires; 10 % other exits at every age. Group 0: 1,000 people, demand 1,100 (above
    # the stock). Group 1: 500 people, demand 400, so it first shrinks by its exits and recruits
    # only once it is below 400. Group 2: 300 people, demand 0.
    model = fixed_model(np.zeros((2, N_YTP)), np.full((2, len(AGE_BANDS)), 0.1))
    stock = Stock(
        group=np.array([0, 0, 1, 2]),
        birth_year=np.array([1970, 1990, 1980, 1975]),
        heads=np.array([600, 400, 500, 300]),
        fte=np.array([540.0, 400.0, 400.0, 300.0]),
    )
    groups = Groups(
        family=np.array([0, 1, 1]),
        keys={"job_family": np.array([0, 1, 1]), "forvaltning": np.array([0, 0, 1])},
        labels={"job_family": ["Pædagog", "Lærer"], "forvaltning": ["Børn", "Skole"]},
    )
    years = list(range(2026, 2031))
    demand = np.tile([1100.0, 400.0, 0.0], (len(years), 1))
    return project(
        stock,
        groups,
        model,
        demand,
        years,
        pension_at_67,
        runs=runs,
        seed=seed,
        threads=threads,
    )


def test_recruitment_fills_the_gap_to_demand_in_every_run():
    result = _two_groups()
    runs = {name: result.runs[name].astype(np.int64) for name in MEASURES}
    remaining = runs["headcount_start"] - runs["exits"]
    expected = np.maximum(0, np.rint(result.demand[None, :, :] - remaining)).astype(np.int64)
    assert_array_equal(runs["recruitment"], expected)
    assert_array_equal(
        runs["headcount"], runs["headcount_start"] - runs["exits"] + runs["recruitment"]
    )
    # Each year starts with the last one's headcount; the first with today's people.
    assert_array_equal(runs["headcount_start"][:, 1:], runs["headcount"][:, :-1])
    assert_array_equal(runs["headcount_start"][:, 0], np.tile([1000, 500, 300], (RUNS, 1)))
    assert_array_equal(runs["other_exits"], runs["exits"] - runs["retirements"])
    assert not runs["retirements"].any()
    # Group 0 (demand above the stock) ends every year at exactly 1,100.
    assert_array_equal(runs["headcount"][:, :, 0], 1100)
    # Group 2 (demand 0) never recruits and only shrinks by its exits.
    assert not runs["recruitment"][:, :, 2].any()
    assert np.all(np.diff(runs["headcount"][:, :, 2], axis=1) <= 0)
    # Group 1 in 2026: Binomial(500, 0.1) exits (mean 50, sd ≈ 6.7) leave ≈ 450 > 400: no
    # recruitment unless more than 100 leave (15 sd; never at this seed or any other).
    assert not runs["recruitment"][:, 0, 1].any()
    # By 2030 it has shrunk to 400 in most runs (450, 405, 364.5 … on average) and recruits.
    assert runs["recruitment"][:, -1, 1].mean() > 0
    assert np.all(runs["headcount"][:, -1, 1] >= 400)


def test_recruits_take_the_hire_age_mix_and_then_leave_by_their_age():
    # Everyone recruited is aged 32 (class 30–34, projected at 32). Other exits: 50 % in the
    # 30–34 band only. Today's 100 people (born 1955, aged 75 in 2030) never leave.
    other = np.zeros((1, len(AGE_BANDS)))
    other[0, 2] = 0.5
    hire = np.zeros((1, len(HIRE_AGES)))
    hire[0, 3] = 1.0
    model = fixed_model(np.zeros((1, N_YTP)), other, hire)
    stock = Stock(np.array([0]), np.array([1955]), np.array([100]), np.array([100.0]))
    result = project(
        stock,
        one_group(),
        model,
        np.array([[600.0], [600.0]]),
        [2030, 2031],
        pension_at_67,
        runs=RUNS,
        seed=9,
    )
    # 2030: nobody leaves; 500 recruits born 2030 − 32 = 1998.
    assert not result.runs["exits"][:, 0, 0].any()
    assert_array_equal(result.runs["recruitment"][:, 0, 0], 500)
    # 2031: the recruits are 33 (band 30–34): Binomial(500, 0.5), mean 250, variance 125;
    # 4 standard errors of the mean over 1,000 runs: 4 · √(125/1000) ≈ 1.41.
    exits = result.runs["exits"][:, 1, 0].astype(float)
    assert abs(exits.mean() - 250) < 4 * np.sqrt(125 / RUNS)
    assert_array_equal(result.runs["recruitment"][:, 1, 0], result.runs["exits"][:, 1, 0])


def test_young_employee_with_a_short_horizon():
    # A 16-year-old (born 2010) in 2026 and a one-year projection (to_year = today + 1 is
    # allowed by services.plan): births run to 2026 − 18 = 2008, so 2010 has no column.
    model = fixed_model(np.zeros((1, N_YTP)), np.full((1, len(AGE_BANDS)), 0.1))
    stock = Stock(
        np.array([0, 0]), np.array([1980, 2010]), np.array([10, 1]), np.array([10.0, 1.0])
    )
    result = project(
        stock, one_group(), model, np.array([[11.0]]), [2026], pension_at_67, runs=10, seed=1
    )
    assert_array_equal(result.runs["headcount_start"], 11)


# --- Reproducibility -----------------------------------------------------------------------------


def test_same_seed_same_result_other_seed_other_result():
    a, b, c = (
        _two_groups(seed=5, runs=300),
        _two_groups(seed=5, runs=300),
        _two_groups(seed=6, runs=300),
    )
    for name in MEASURES:
        assert_array_equal(a.runs[name], b.runs[name])
    assert any(not np.array_equal(a.runs[name], c.runs[name]) for name in ("exits", "headcount"))
    assert (a.seed, c.seed) == (5, 6)


def test_threads_do_not_change_the_result():
    # 300 runs = chunks of 125, 125 and 50, each with its own stream from the seed.
    assert CHUNK == 125
    one = _two_groups(seed=7, runs=300, threads=1)
    two = _two_groups(seed=7, runs=300, threads=2)
    for name in MEASURES:
        assert one.runs[name].shape[0] == 300
        assert_array_equal(one.runs[name], two.runs[name])


# --- Summaries -----------------------------------------------------------------------------------


def test_by_dimension_sums_groups_per_run():
    result = _two_groups(runs=250)
    family = result.by("job_family")
    assert family.labels == ["Pædagog", "Lærer"]
    for name in MEASURES:
        runs = result.runs[name].astype(float)
        assert_allclose(family.runs[name][:, :, 0], runs[:, :, 0])
        assert_allclose(family.runs[name][:, :, 1], runs[:, :, 1] + runs[:, :, 2])
        assert_allclose(result.by(None).runs[name][:, :, 0], runs.sum(axis=2))
    # FTE per head: group 0 (540 + 400) / 1,000 = 0.94; group 1 400/500 = 0.8; group 2 1.0.
    assert_allclose(result.fte_per_head, [0.94, 0.8, 1.0])
    heads = result.runs["headcount"].astype(float)
    assert_allclose(family.fte["headcount"][:, :, 1], 0.8 * heads[:, :, 1] + heads[:, :, 2])
    assert_allclose(family.base_heads, [1000, 800])
    assert_allclose(family.base_fte, [940, 700])
    assert_allclose(family.demand, np.tile([1100.0, 400.0], (5, 1)))
    assert_allclose(family.demand_fte, np.tile([1100 * 0.94, 400 * 0.8], (5, 1)))
    by_unit = result.by("forvaltning")
    assert by_unit.labels == ["Børn", "Skole"]
    assert_allclose(by_unit.base_heads, [1500, 300])
    assert result.by(None).labels == ["I alt"]


def test_extra_dimension_changes_nothing_else():
    # A skill is one more key on the groups.
    plain = _two_groups(seed=4, runs=250)
    skill_groups = Groups(
        family=plain.groups.family,
        keys={**plain.groups.keys, "skill": np.array([1, 0, 1])},
        labels={**plain.groups.labels, "skill": ["Dansk", "Digital"]},
    )
    model = fixed_model(np.zeros((2, N_YTP)), np.full((2, len(AGE_BANDS)), 0.1))
    stock = Stock(
        group=np.array([0, 0, 1, 2]),
        birth_year=np.array([1970, 1990, 1980, 1975]),
        heads=np.array([600, 400, 500, 300]),
        fte=np.array([540.0, 400.0, 400.0, 300.0]),
    )
    with_skill = project(
        stock,
        skill_groups,
        model,
        plain.demand,
        plain.years,
        pension_at_67,
        runs=250,
        seed=4,
    )
    for name in MEASURES:
        assert_array_equal(with_skill.runs[name], plain.runs[name])
        assert_allclose(with_skill.by("job_family").runs[name], plain.by("job_family").runs[name])
    skill = with_skill.by("skill")
    exits = plain.runs["exits"].astype(float)
    assert_allclose(skill.runs["exits"][:, :, 0], exits[:, :, 1])
    assert_allclose(skill.runs["exits"][:, :, 1], exits[:, :, 0] + exits[:, :, 2])
    assert_allclose(skill.base_heads, [500, 1300])


def test_quantiles_mean_and_cumulative():
    result = _two_groups(runs=250)
    summary = result.by("job_family")
    q = summary.quantiles("exits")
    assert q.shape == (3, 5, 2)
    assert np.all(q[0] <= q[1]) and np.all(q[1] <= q[2])
    assert_allclose(q, np.percentile(summary.runs["exits"], [10, 50, 90], axis=0))
    q_fte = summary.quantiles("headcount", fte=True)
    assert_allclose(q_fte, np.percentile(summary.fte["headcount"], [10, 50, 90], axis=0))
    assert_allclose(summary.mean("recruitment"), summary.runs["recruitment"].mean(axis=0))
    # Cumulative to 2028 (years 2026–2028): percentiles of each run's own sum, not sums of
    # percentiles.
    per_run = summary.runs["recruitment"][:, 0:3, :].sum(axis=1)
    assert_allclose(
        summary.cumulative("recruitment", 2028), np.percentile(per_run, [10, 50, 90], axis=0)
    )
    # Sums of percentiles would be wrong: in group 0 each year's recruitment is 100 + exits
    # (≈ 110, sd ≈ 9.5, independent years), so the P10 of the 3-year sum lies about
    # 1.28 · 9.5 · (3 − √3) ≈ 15 above the sum of the yearly P10s.
    p10_sum = summary.quantiles("recruitment")[0, 0:3, 0].sum()
    assert summary.cumulative("recruitment", 2028)[0, 0] > p10_sum + 5
    # Until before the first year: nothing summed.
    assert_allclose(summary.cumulative("recruitment", 2025), 0.0)


def test_demand_path_by_hand():
    # Groups of 10, 20 and 30 people in families 0, 1, 0; family 0 grows 10 %, family 1 halves.
    multipliers = np.array([[1.0, 1.1], [1.0, 0.5]])
    path = demand_path(np.array([10, 20, 30]), np.array([0, 1, 0]), multipliers)
    assert_allclose(path, [[10, 20, 30], [11, 10, 33]])
