"""The exit model, estimated from the municipality's own history. Pure: NumPy.

Each year a person present on 1 January leaves during the year with two competing probabilities:

- **retirement**, by *years to the pension year* (the calendar year they reach folkepensionsalder,
  ``pension.py``, minus this year), per job family. Retirement is driven by the distance to the
  pension age, not by age alone, because the pension age differs by birth date (65 to 70,
  DOMAIN.md 3.1–3.2) — and it is estimated from actual retirements, because municipal staff
  retire well below the pension age (about 63 in 2015, DOMAIN.md 3.6; "rules" 10). Distances
  beyond ``YTP_MAX`` share one class, as do those past the pension year by 2 or more;
- **other exits** (resignation, dismissal, end of contract, death, …) by age band, per job family,
  times a factor for seniority (``TENURE_EDGES``: the number of 1 Januaries in the person's
  current stay), shared by all job families: new staff leave more often than those who have
  stayed, so a group that stays together grows more stable. The factors are fitted by
  alternating with the rates and average 1 over the person-years fitted on.

*Shrinkage.* A job family's rate in a class is pulled towards the municipality-wide rate of that
class: ``rate = (exits + k · pooled) / (exposure + k)``, a Beta prior of strength ``k`` person-years
centred on the pooled rate. A family with a handful of people in a class keeps nearly the pooled
rate, a large family its own ("five people do not make a trend"). The same Beta posterior,
``Beta(exits + k·pooled, exposure − exits + k·(1 − pooled))``, is what the Monte Carlo draws from,
so the bands include the uncertainty of the rates, not only the chance in who leaves.

*Recruits' ages.* New hires per job family are spread over age classes in the proportions seen
among the municipality's own hires from outside in the same years (shrunk the same way).

*Backtest.* ``backtest`` fits on the years up to T−3, follows the people present on 1 January T−2
through T−2 … T, and compares the expected exits with those that happened, next to a naive
baseline: last year's (T−3) crude exit rates by job family and age band, applied the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from charlie.core.arrays import unique
from charlie.workforce.history import OTHER, RETIRED, Panel

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Lower edges of the age bands for other exits: <25, 25–29, …, 60–64, 65+ (age reached that year).
AGE_BANDS = np.array([0, 25, 30, 35, 40, 45, 50, 55, 60, 65])
#: Years to the pension year: −2 (or more past) … YTP_MAX (or more before).
YTP_MIN, YTP_MAX = -2, 13
N_YTP = YTP_MAX - YTP_MIN + 1
#: Age classes of new hires (lower edges) and the age each class is projected with (its middle).
HIRE_AGES = np.array([16, 20, 25, 30, 35, 40, 45, 50, 55, 60, 65])
HIRE_AGE_MIDDLE = np.array([18, 22, 27, 32, 37, 42, 47, 52, 57, 62, 66])
#: Seniority classes by the number of 1 Januaries in the current stay (``Panel.tenure``): 1 (hired
#: within the last year), 2, 3–5 and 6 or more. Lower edges of classes 1–3.
TENURE_EDGES = np.array([2, 3, 6])
N_TENURE = len(TENURE_EDGES) + 1
#: Default prior strength, in person-years (see the module docstring).
DEFAULT_K = 30.0
#: Rounds of fitting the seniority factors (the fit settles within a few).
TENURE_ITERATIONS = 4


def age_band(age: IntArray) -> IntArray:
    """Index into ``AGE_BANDS``."""
    return np.clip(np.searchsorted(AGE_BANDS, age, side="right") - 1, 0, len(AGE_BANDS) - 1)


def ytp_class(pension_year: IntArray, year: IntArray | int) -> IntArray:
    """Index of the years-to-pension class (``pension_year − year``, clipped)."""
    return np.clip(pension_year - year, YTP_MIN, YTP_MAX) - YTP_MIN


def tenure_class(tenure: IntArray) -> IntArray:
    """Index of the seniority class (``TENURE_EDGES``)."""
    return np.searchsorted(TENURE_EDGES, tenure, side="right")


def hire_class(age: IntArray) -> IntArray:
    return np.clip(np.searchsorted(HIRE_AGES, age, side="right") - 1, 0, len(HIRE_AGES) - 1)


@dataclass(frozen=True)
class BetaRates:
    """Beta posteriors per (job family, class): mean ``alpha / (alpha + beta)``."""

    alpha: FloatArray
    beta: FloatArray
    events: FloatArray  # observed, before shrinkage
    exposure: FloatArray

    @property
    def mean(self) -> FloatArray:
        return self.alpha / (self.alpha + self.beta)

    def sample(self, rng: np.random.Generator, runs: int) -> FloatArray:
        """``runs`` draws of the whole table: shape (runs, families, classes)."""
        return rng.beta(
            np.broadcast_to(self.alpha, (runs, *self.alpha.shape)),
            np.broadcast_to(self.beta, (runs, *self.beta.shape)),
        )


def shrunk(events: FloatArray, exposure: FloatArray, k: float) -> BetaRates:
    """Rates per (family, class) shrunk towards the pooled rate of each class (module docstring).
    A class nobody was exposed to falls back to the overall rate."""
    total_events, total_exposure = events.sum(), exposure.sum()
    overall = total_events / total_exposure if total_exposure > 0 else 0.0
    pooled_exposure = exposure.sum(axis=0)
    pooled = np.where(
        pooled_exposure > 0,
        events.sum(axis=0) / np.maximum(pooled_exposure, 1e-12),
        overall,
    )
    prior = np.clip(pooled, 1e-6, 1 - 1e-6)
    alpha = events + k * prior
    beta = np.maximum(exposure - events, 0) + k * (1 - prior)
    return BetaRates(alpha=alpha, beta=beta, events=events, exposure=exposure)


@dataclass(frozen=True)
class ExitModel:
    retirement: BetaRates  # (families, N_YTP)
    other: BetaRates  # (families, len(AGE_BANDS))
    hire_ages: FloatArray  # (families, len(HIRE_AGES)), rows sum to 1
    years: tuple[int, ...]  # the years it was fitted on
    k: float
    #: Factor on other exits per seniority class (``TENURE_EDGES``), 1 on average over the
    #: person-years fitted on: new staff leave more often than those who have stayed.
    tenure: FloatArray = field(default_factory=lambda: np.ones(N_TENURE))

    @property
    def families(self) -> int:
        return self.retirement.alpha.shape[0]

    def rates(
        self,
        family: IntArray,
        birth_year: IntArray,
        pension_year: IntArray,
        year: int,
        tenure: IntArray | None = None,
    ) -> tuple[FloatArray, FloatArray]:
        """Mean ``(retirement, other)`` probabilities for people in ``year`` (with ``tenure``:
        their seniority that year; without it, the average); together ≤ 1."""
        p_r = self.retirement.mean[family, ytp_class(pension_year, year)]
        p_o = self.other.mean[family, age_band(year - birth_year)]
        if tenure is not None:
            p_o = p_o * self.tenure[tenure_class(tenure)]
        return p_r, np.minimum(p_o, 1 - p_r)


def fit(
    panel: Panel,
    families: int,
    years: range | tuple[int, ...],
    *,
    k: float = DEFAULT_K,
    hire_family: IntArray | None = None,
    hire_age: IntArray | None = None,
) -> ExitModel:
    """Fit the model on the panel rows of ``years``. ``hire_family``/``hire_age`` are the hires
    from outside in those years (``history.entries``); without them recruits get the age mix of
    the pooled exposure."""
    rows = panel.rows(np.isin(panel.year, np.asarray(tuple(years))))
    ytp = ytp_class(rows.pension_year, rows.year)
    band = age_band(rows.year - rows.birth_year)
    retired = (rows.exit == RETIRED).astype(float)
    other = (rows.exit == OTHER).astype(float)

    def table(classes: IntArray, n: int, weights: FloatArray | None) -> FloatArray:
        flat = rows.family * n + classes
        counts = np.bincount(flat, weights=weights, minlength=families * n)
        return counts.reshape(families, n).astype(np.float64)

    retirement = shrunk(table(ytp, N_YTP, retired), table(ytp, N_YTP, None).astype(float), k)
    n_bands = len(AGE_BANDS)
    # Other exits: rate(family, age band) × factor(seniority), fitted by alternating the two
    # (iterative proportional fitting of a multiplicative model). The exposure excludes those
    # who retired that year (competing risk); the factors are scaled to average 1.
    exposed = 1 - retired
    seniority = tenure_class(rows.tenure)
    class_exposure = np.bincount(seniority, weights=exposed, minlength=N_TENURE)
    class_events = np.bincount(seniority, weights=other, minlength=N_TENURE)
    factors = np.ones(N_TENURE)
    events = table(band, n_bands, other)
    for _ in range(TENURE_ITERATIONS):
        other_rates = shrunk(events, table(band, n_bands, exposed * factors[seniority]), k)
        expected = np.bincount(
            seniority,
            weights=exposed * other_rates.mean[rows.family, band],
            minlength=N_TENURE,
        )
        factors = np.where(expected > 0, class_events / np.maximum(expected, 1e-12), 1.0)
        total = class_exposure.sum()
        scale = (factors * class_exposure).sum() / total if total > 0 else 1.0
        factors = factors / scale if scale > 0 else np.ones(N_TENURE)
    other_rates = shrunk(events, table(band, n_bands, exposed * factors[seniority]), k)
    n_hire = len(HIRE_AGES)
    if hire_family is not None and hire_age is not None and len(hire_family):
        counts = (
            np.bincount(hire_family * n_hire + hire_class(hire_age), minlength=families * n_hire)
            .reshape(families, n_hire)
            .astype(float)
        )
    else:
        counts = np.zeros((families, n_hire))
    pooled = counts.sum(axis=0)
    pooled = pooled / pooled.sum() if pooled.sum() > 0 else np.full(n_hire, 1 / n_hire)
    hire_ages = (counts + k * pooled) / (counts.sum(axis=1, keepdims=True) + k)
    return ExitModel(
        retirement=retirement,
        other=other_rates,
        hire_ages=hire_ages,
        years=tuple(int(y) for y in years),
        k=k,
        tenure=factors,
    )


# --- Backtest ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Backtest:
    """Expected and actual exits of the people present on 1 January ``years[0]``."""

    fitted_on: tuple[int, ...]
    years: tuple[int, ...]
    cohort_size: int
    actual: FloatArray  # (families, years)
    model: FloatArray
    baseline: FloatArray

    @staticmethod
    def _wape(predicted: FloatArray, actual: FloatArray) -> float:
        total = actual.sum()
        return float(np.abs(predicted - actual).sum() / total) if total > 0 else 0.0

    @property
    def model_error(self) -> float:
        """Weighted absolute percentage error over job family × year:
        Σ|predicted − actual| / Σ actual."""
        return self._wape(self.model, self.actual)

    @property
    def baseline_error(self) -> float:
        return self._wape(self.baseline, self.actual)

    @property
    def model_total_error(self) -> float:
        """The same over the yearly totals (all job families together)."""
        return self._wape(self.model.sum(axis=0), self.actual.sum(axis=0))

    @property
    def baseline_total_error(self) -> float:
        return self._wape(self.baseline.sum(axis=0), self.actual.sum(axis=0))


def _follow(
    cohort: Panel, years: tuple[int, ...], hazard: Callable[[int], FloatArray]
) -> FloatArray:
    """Expected exits per (family, year) of a closed cohort with yearly ``hazard(year)``."""
    families = int(cohort.family.max()) + 1 if len(cohort) else 0
    alive = np.ones(len(cohort))
    out = np.zeros((families, len(years)))
    for i, year in enumerate(years):
        p = hazard(year)
        out[:, i] = np.bincount(cohort.family, weights=alive * p, minlength=families)
        alive = alive * (1 - p)
    return out


def backtest(
    panel: Panel,
    families: int,
    last_year: int,
    *,
    k: float = DEFAULT_K,
    hire_family: IntArray | None = None,
    hire_age: IntArray | None = None,
) -> Backtest:
    """Fit on the panel's years up to ``last_year − 3``, project ``last_year − 2 … last_year`` for
    the people present on 1 January ``last_year − 2``, and compare (module docstring)."""
    first_test = last_year - 2
    test_years = (first_test, first_test + 1, last_year)
    fit_years = tuple(int(y) for y in unique(panel.year) if y <= last_year - 3)
    if not fit_years or not (panel.year == first_test).any():
        raise ValueError("Backtest needs history before and in the three years tested.")
    model = fit(panel, families, fit_years, k=k, hire_family=hire_family, hire_age=hire_age)
    cohort = panel.rows(panel.year == first_test)

    def model_hazard(year: int) -> FloatArray:
        # Those who stay grow more senior: one more 1 January each year.
        seniority = cohort.tenure + (year - first_test)
        p_r, p_o = model.rates(
            cohort.family, cohort.birth_year, cohort.pension_year, year, seniority
        )
        return p_r + p_o

    # Naive baseline: year T−3's crude exit rates by family × age band (family, then overall,
    # where a cell had nobody).
    last = panel.rows(panel.year == last_year - 3)
    n_bands = len(AGE_BANDS)
    flat = last.family * n_bands + age_band(last.year - last.birth_year)
    size = families * n_bands
    left = np.bincount(flat, weights=(last.exit != 0).astype(float), minlength=size)
    exposed = np.bincount(flat, minlength=size).astype(float)
    fam_left = left.reshape(families, n_bands).sum(axis=1)
    fam_exposed = exposed.reshape(families, n_bands).sum(axis=1)
    overall = left.sum() / exposed.sum() if exposed.sum() else 0.0
    fam_rate = np.where(fam_exposed > 0, fam_left / np.maximum(fam_exposed, 1), overall)
    crude = np.where(
        exposed > 0, left / np.maximum(exposed, 1), np.repeat(fam_rate, n_bands)
    ).reshape(families, n_bands)

    def baseline_hazard(year: int) -> FloatArray:
        return crude[cohort.family, age_band(year - cohort.birth_year)]

    # Actual exits of the cohort, by the family they had on 1 January T−2.
    family_of = dict(zip(cohort.person.tolist(), cohort.family.tolist(), strict=True))
    actual = np.zeros((families, 3))
    later = panel.rows(np.isin(panel.year, test_years) & (panel.exit != 0))
    for person, year in zip(later.person.tolist(), later.year.tolist(), strict=True):
        family = family_of.get(person)
        if family is not None:
            actual[family, year - first_test] += 1

    def pad(table: FloatArray) -> FloatArray:
        out = np.zeros((families, 3))
        out[: table.shape[0]] = table
        return out

    return Backtest(
        fitted_on=fit_years,
        years=test_years,
        cohort_size=len(cohort),
        actual=actual,
        model=pad(_follow(cohort, test_years, model_hazard)),
        baseline=pad(_follow(cohort, test_years, baseline_hazard)),
    )
