"""The exit model (``model.py``), checked by hand.

Retirement is modelled by years to the folkepension year (the age differs by birth date,
pensionsloven § 1 a, DOMAIN.md 3.1–3.2) and estimated from actual retirements, because municipal
staff retire well before it (63.1 years in 2015, DOMAIN.md 3.6). Other exits go by age band.
Rates are shrunk towards the pooled rate: ``(exits + k·pooled) / (exposure + k)``.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from charlie.workforce.history import OTHER, RETIRED, STAYED, Panel
from charlie.workforce.model import (
    AGE_BANDS,
    HIRE_AGES,
    N_YTP,
    YTP_MAX,
    YTP_MIN,
    Backtest,
    BetaRates,
    ExitModel,
    age_band,
    backtest,
    fit,
    hire_class,
    shrunk,
    ytp_class,
)


def make_panel(rows: list[tuple[int, int, int, int, int, int]]) -> Panel:
    """Rows of ``(year, person, family, birth_year, pension_year, exit)``."""
    cols = list(zip(*rows, strict=True)) if rows else [()] * 6
    n = len(rows)
    return Panel(
        year=np.array(cols[0], dtype=np.int64),
        person=np.array(cols[1], dtype=np.int64),
        birth_year=np.array(cols[3], dtype=np.int64),
        pension_year=np.array(cols[4], dtype=np.int64),
        family=np.array(cols[2], dtype=np.int64),
        unit=np.zeros(n, dtype=np.int64),
        fte=np.ones(n),
        exit=np.array(cols[5], dtype=np.int8),
        tenure=np.full(n, 10, dtype=np.int64),  # everyone long-serving: one seniority class
    )


# --- Classes ---------------------------------------------------------------------------------


def test_age_band_edges():
    # Bands: <25, 25–29, 30–34, …, 60–64, 65+ (age reached that year).
    ages = np.array([-3, 0, 24, 25, 29, 30, 59, 60, 64, 65, 70, 99])
    assert age_band(ages).tolist() == [0, 0, 0, 1, 1, 2, 7, 8, 8, 9, 9, 9]
    assert len(AGE_BANDS) == 10


def test_ytp_class_edges():
    # Class = clip(pension_year − year, −2, 13) + 2: 16 classes, 0 = two or more years past the
    # pension year, 2 = the pension year itself, 15 = 13 or more years before it.
    assert (YTP_MIN, YTP_MAX, N_YTP) == (-2, 13, 16)
    pension_year = np.array([2020, 2023, 2024, 2025, 2026, 2038, 2039, 2060])
    assert ytp_class(pension_year, 2025).tolist() == [0, 0, 1, 2, 3, 15, 15, 15]
    # Year as an array (per person-year).
    assert ytp_class(np.array([2030, 2030]), np.array([2030, 2031])).tolist() == [2, 1]


def test_hire_class_edges():
    # Classes: lower edges 16, 20, 25, …, 65; younger than 16 counts as 16–19, older as 65+.
    ages = np.array([14, 16, 19, 20, 24, 25, 59, 60, 64, 65, 72])
    assert hire_class(ages).tolist() == [0, 0, 0, 1, 1, 2, 8, 9, 9, 10, 10]
    assert len(HIRE_AGES) == 11


# --- Shrinkage -------------------------------------------------------------------------------


def test_shrunk_by_hand():
    events = np.array([[1.0, 0.0], [9.0, 10.0]])
    exposure = np.array([[5.0, 5.0], [100.0, 100.0]])
    rates = shrunk(events, exposure, 30.0)
    # Pooled per class: class 0 (1 + 9) / (5 + 100) = 10/105 = 2/21; class 1 (0 + 10) / 105 = 2/21.
    # k · pooled = 30 · 2/21 = 20/7; k · (1 − pooled) = 30 · 19/21 = 190/7.
    assert_allclose(rates.alpha, [[1 + 20 / 7, 20 / 7], [9 + 20 / 7, 10 + 20 / 7]])
    assert_allclose(rates.beta, [[4 + 190 / 7, 5 + 190 / 7], [91 + 190 / 7, 90 + 190 / 7]])
    # Means (events + 20/7) / (exposure + 30):
    # (1 + 20/7)/35 = 27/245, (20/7)/35 = 20/245, (9 + 20/7)/130 = 83/910, (10 + 20/7)/130 = 90/910.
    assert_allclose(rates.mean, [[27 / 245, 20 / 245], [83 / 910, 90 / 910]])
    assert rates.events is events
    assert rates.exposure is exposure


def test_shrunk_pooled_differs_by_class():
    events = np.array([[2.0, 30.0], [8.0, 10.0]])
    exposure = np.array([[10.0, 100.0], [90.0, 100.0]])
    rates = shrunk(events, exposure, 10.0)
    # Pooled: class 0 = 10/100 = 0.1, class 1 = 40/200 = 0.2.
    # Family 0, class 0: (2 + 10·0.1) / (10 + 10) = 3/20; class 1: (30 + 2) / 110 = 32/110.
    # Family 1, class 0: (8 + 1) / 100 = 9/100; class 1: (10 + 2) / 110 = 12/110.
    assert_allclose(rates.mean, [[3 / 20, 32 / 110], [9 / 100, 12 / 110]])


def test_shrunk_class_without_exposure_falls_back_to_overall_rate():
    events = np.array([[1.0, 0.0], [3.0, 0.0]])
    exposure = np.array([[10.0, 0.0], [10.0, 0.0]])
    rates = shrunk(events, exposure, 30.0)
    # Nobody in class 1: its prior is the overall rate 4/20 = 0.2, mean (0 + 6) / (0 + 30).
    assert_allclose(rates.mean[:, 1], [0.2, 0.2])
    # Class 0 pooled is also 0.2: (1 + 6)/40 and (3 + 6)/40.
    assert_allclose(rates.mean[:, 0], [7 / 40, 9 / 40])


def test_shrunk_zero_pooled_rate_keeps_a_proper_beta():
    # Nobody ever left: the prior is clipped to 1e-6 so alpha stays positive (Beta draws work).
    rates = shrunk(np.zeros((2, 3)), np.full((2, 3), 50.0), 30.0)
    assert np.all(rates.alpha > 0)
    assert_allclose(rates.alpha, 30 * 1e-6)
    assert_allclose(rates.mean, 30e-6 / 80)


def test_small_family_keeps_pooled_rate_large_family_its_own():
    # Family 0: 5 person-years, 1 exit (own rate 0.2). Family 1: 10,000, 500 exits (0.05).
    # Family 2: 10,000, 1,500 exits (0.15). Pooled: 2,001 / 20,005 = 0.1000250.
    events = np.array([[1.0], [500.0], [1500.0]])
    exposure = np.array([[5.0], [10_000.0], [10_000.0]])
    pooled = 2001 / 20005
    mean = shrunk(events, exposure, 30.0).mean[:, 0]
    # Family 0: (1 + 30·0.100025) / 35 = 0.11431: much nearer the pooled 0.100 than its own 0.2.
    assert mean[0] == pytest.approx((1 + 30 * pooled) / 35)
    assert abs(mean[0] - pooled) < 0.15 * abs(0.2 - pooled)
    # Family 1: (500 + 3.00075) / 10,030 = 0.050150: within 0.0002 of its own 0.05.
    assert mean[1] == pytest.approx(0.05, abs=2e-4)
    assert mean[2] == pytest.approx(0.15, abs=2e-4)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, 500), st.floats(0, 1)),
        min_size=6,
        max_size=6,
    ),
    st.floats(0.5, 200),
)
def test_shrunk_mean_lies_between_own_and_pooled(cells, k):
    exposure = np.array([c[0] for c in cells], dtype=float).reshape(3, 2)
    events = np.floor(exposure * np.array([c[1] for c in cells]).reshape(3, 2))
    rates = shrunk(events, exposure, k)
    mean = rates.mean
    assert np.all((mean > 0) & (mean < 1))
    prior = rates.alpha - events  # k · pooled
    prior_rate = prior / k
    seen = exposure > 0
    own = np.where(seen, events / np.maximum(exposure, 1), prior_rate)
    lo, hi = np.minimum(own, prior_rate), np.maximum(own, prior_rate)
    assert np.all(mean >= lo - 1e-12)
    assert np.all(mean <= hi + 1e-12)


# --- Fit -------------------------------------------------------------------------------------


def test_fit_reproduces_the_counts():
    panel = make_panel(
        [
            # year, person, family, birth, pension year, exit
            # 2020, family 0: age 60 (band 8), 7 years to 2027 (class 7 + 2 = 9): one retires.
            (2020, 1, 0, 1960, 2027, RETIRED),
            (2020, 2, 0, 1960, 2027, STAYED),
            # Age 30 (band 2), 39 years to pension (class 15): other exit.
            (2020, 3, 0, 1990, 2059, OTHER),
            # Family 1: age 25 (band 1), class 15.
            (2020, 4, 1, 1995, 2064, STAYED),
            # 2021, family 1: age 66 (band 9), 1 year to 2022 (class 3): retires.
            (2021, 5, 1, 1955, 2022, RETIRED),
            # 2019 is not a fitted year.
            (2019, 6, 0, 1990, 2059, OTHER),
        ]
    )
    model = fit(panel, 2, range(2020, 2022), k=30.0)
    assert model.years == (2020, 2021)
    assert model.k == 30.0
    assert model.families == 2
    ret_events = np.zeros((2, N_YTP))
    ret_events[0, 9] = 1
    ret_events[1, 3] = 1
    ret_exposure = np.zeros((2, N_YTP))
    ret_exposure[0, 9] = 2
    ret_exposure[0, 15] = 1
    ret_exposure[1, 15] = 1
    ret_exposure[1, 3] = 1
    assert_allclose(model.retirement.events, ret_events)
    assert_allclose(model.retirement.exposure, ret_exposure)
    other_events = np.zeros((2, len(AGE_BANDS)))
    other_events[0, 2] = 1
    other_exposure = np.zeros((2, len(AGE_BANDS)))
    other_exposure[0, 8] = 1  # person 2; person 1 retired
    other_exposure[0, 2] = 1
    other_exposure[1, 1] = 1
    # person 5 (band 9) retired: no other-exit exposure
    assert_allclose(model.other.events, other_events)
    assert_allclose(model.other.exposure, other_exposure)
    # The Beta posteriors are the shrunk tables.
    expected = shrunk(ret_events, ret_exposure, 30.0)
    assert_allclose(model.retirement.alpha, expected.alpha)
    assert_allclose(model.retirement.beta, expected.beta)
    # No hires given: recruits get a uniform age mix.
    assert_allclose(model.hire_ages, np.full((2, len(HIRE_AGES)), 1 / len(HIRE_AGES)))


def test_other_exit_exposure_excludes_those_who_retired():
    # Ten 62-year-olds (band 8, class 2 + 2 = 4) in family 0: 3 retire, 2 leave otherwise, 5 stay.
    exits = [RETIRED] * 3 + [OTHER] * 2 + [STAYED] * 5
    panel = make_panel([(2020, i, 0, 1958, 2022, code) for i, code in enumerate(exits)])
    model = fit(panel, 1, (2020,), k=30.0)
    assert model.retirement.events[0, 4] == 3
    assert model.retirement.exposure[0, 4] == 10
    assert model.other.events[0, 8] == 2
    assert model.other.exposure[0, 8] == 7  # 10 − 3 retired
    # One family: pooled = own, so the shrunk mean is the crude rate: 3/10 and 2/7.
    assert model.retirement.mean[0, 4] == pytest.approx(0.3)
    assert model.other.mean[0, 8] == pytest.approx(2 / 7)


def test_fit_hire_ages_shrunk_towards_pooled_mix():
    panel = make_panel([(2020, 1, 0, 1980, 2047, STAYED), (2020, 2, 1, 1980, 2047, STAYED)])
    # Family 0 hired two aged 22 and 23 (class 1, 20–24); family 1 one aged 40 (class 5, 40–44).
    # Pooled mix: class 1 = 2/3, class 5 = 1/3; k · pooled = 20 and 10.
    model = fit(
        panel,
        2,
        (2020,),
        k=30.0,
        hire_family=np.array([0, 0, 1]),
        hire_age=np.array([22, 23, 40]),
    )
    expected = np.zeros((2, len(HIRE_AGES)))
    expected[0, 1], expected[0, 5] = (2 + 20) / 32, 10 / 32
    expected[1, 1], expected[1, 5] = 20 / 31, (1 + 10) / 31
    assert_allclose(model.hire_ages, expected)
    assert_allclose(model.hire_ages.sum(axis=1), 1.0)


def test_rates_competing_risks_sum_to_at_most_one():
    retirement = np.full((1, N_YTP), 0.0)
    retirement[0, 4] = 0.7  # two years before the pension year
    other = np.full((1, len(AGE_BANDS)), 0.6)
    model = ExitModel(
        retirement=BetaRates(
            retirement * 1e6, (1 - retirement) * 1e6 + 1e-9, retirement, retirement
        ),
        other=BetaRates(other * 1e6, (1 - other) * 1e6, other, other),
        hire_ages=np.full((1, len(HIRE_AGES)), 1 / len(HIRE_AGES)),
        years=(2020,),
        k=30.0,
    )
    family = np.array([0, 0])
    birth = np.array([1960, 1990])
    pension = np.array([2027, 2059])  # 2 and 34 years to go in 2025
    p_r, p_o = model.rates(family, birth, pension, 2025)
    assert_allclose(p_r, [0.7, 0.0], atol=1e-9)
    # 62-year-old: other 0.6 capped at 1 − 0.7 = 0.3; 35-year-old keeps 0.6.
    assert_allclose(p_o, [0.3, 0.6], atol=1e-9)
    assert np.all(p_r + p_o <= 1 + 1e-12)


# --- Backtest --------------------------------------------------------------------------------


def _stable_panel(p_last: float) -> Panel:
    """2010–2020, two families. Fit years: 1,000 people aged 42 per family and year, exactly 100
    leave (10 %), except 2017 (T−3), where ``p_last`` leave. The cohort of 2018 (1,000 per
    family, aged 42) then loses exactly 10 % a year: 100, 90, 81. Nobody retires; the pension year
    is 27 years off (class 15). Chance plays no part: the counts are exact."""
    rows: list[tuple[int, int, int, int, int, int]] = []
    person = 0
    for family in (0, 1):
        for year in range(2010, 2018):
            leave = 100 if year < 2017 else round(1000 * p_last)
            for i in range(1000):
                rows.append(
                    (year, person, family, year - 42, year + 27, OTHER if i < leave else STAYED)
                )
                person += 1
        alive = 1000
        cohort = list(range(person, person + alive))
        person += alive
        for year in (2018, 2019, 2020):
            leave = alive // 10
            for i, who in enumerate(cohort):
                rows.append((year, who, family, 1976, 2045, OTHER if i < leave else STAYED))
            cohort = cohort[leave:]
            alive -= leave
    return make_panel(rows)


def test_backtest_beats_baseline_when_last_year_was_unusual():
    panel = _stable_panel(0.15)
    result = backtest(panel, 2, 2020)
    assert result.fitted_on == tuple(range(2010, 2018))
    assert result.years == (2018, 2019, 2020)
    assert result.cohort_size == 2000
    assert_allclose(result.actual, [[100, 90, 81], [100, 90, 81]])
    # Model: band 4 (40–44) for ages 42–44 in 2018–2020; fitted other rate (7·100 + 150) / 8,000
    # = 0.10625 per family (pooled = own, so shrinkage changes nothing); retirement practically
    # 0 (nobody retired: prior 1e-6). Expected exits 1,000·h, 1,000·(1 − h)·h, 1,000·(1 − h)²·h.
    h = 850 / 8000
    model_row = [1000 * h, 1000 * (1 - h) * h, 1000 * (1 - h) ** 2 * h]
    assert_allclose(result.model, [model_row, model_row], rtol=1e-6)
    # Baseline: 2017's crude 0.15: 150, 127.5, 108.375.
    assert_allclose(result.baseline, [[150, 127.5, 108.375]] * 2)
    # Errors: model Σ|…| = 2·(6.25 + 4.961 + 3.871) over 542; baseline 2·114.875 / 542.
    model_error = sum(abs(m - a) for m, a in zip(model_row, [100, 90, 81], strict=True)) / 271
    assert result.model_error == pytest.approx(model_error, rel=1e-6)
    assert result.model_error == pytest.approx(0.05565, abs=1e-4)
    assert result.baseline_error == pytest.approx(114.875 / 271)
    assert result.model_error <= result.baseline_error
    assert result.model_total_error <= result.baseline_total_error


def test_backtest_both_exact_when_rates_never_change():
    result = backtest(_stable_panel(0.10), 2, 2020)
    # Every year 10 %: model and baseline both predict 100, 90, 81 exactly.
    assert result.model_error == pytest.approx(0.0, abs=1e-6)
    assert result.baseline_error == pytest.approx(0.0)


def test_backtest_needs_history_before_and_in_the_tested_years():
    later_only = make_panel([(2019, 1, 0, 1980, 2047, 0), (2020, 1, 0, 1980, 2047, 0)])
    with pytest.raises(ValueError):
        backtest(later_only, 1, 2020)
    no_test_year = make_panel([(2015, 1, 0, 1980, 2047, 0), (2016, 1, 0, 1980, 2047, 0)])
    with pytest.raises(ValueError):
        backtest(no_test_year, 1, 2020)


def test_backtest_actual_by_family_on_first_test_year():
    # Person 1 is in family 0 on 1 Jan 2018 and moves to family 1 in 2019, where they leave: the
    # exit counts for family 0 (their family in the cohort), year index 1.
    panel = make_panel(
        [
            (2017, 1, 0, 1980, 2049, 0),
            (2018, 1, 0, 1980, 2049, 0),
            (2019, 1, 1, 1980, 2049, OTHER),
            (2019, 2, 1, 1980, 2049, OTHER),  # not in the 2018 cohort
        ]
    )
    result = backtest(panel, 2, 2020)
    assert_allclose(result.actual, [[0, 1, 0], [0, 0, 0]])
    assert result.cohort_size == 1


def test_backtest_error_measures_by_hand():
    bt = Backtest(
        fitted_on=(2017,),
        years=(2018, 2019, 2020),
        cohort_size=100,
        actual=np.array([[10.0, 0.0, 2.0], [5.0, 5.0, 0.0]]),
        model=np.array([[8.0, 1.0, 2.0], [6.0, 5.0, 1.0]]),
        baseline=np.array([[10.0, 4.0, 0.0], [0.0, 5.0, 3.0]]),
    )
    # Σ actual = 22. Model: |−2| + 1 + 0 + 1 + 0 + 1 = 5 → 5/22.
    assert bt.model_error == pytest.approx(5 / 22)
    # Baseline: 0 + 4 + 2 + 5 + 0 + 3 = 14 → 14/22.
    assert bt.baseline_error == pytest.approx(14 / 22)
    # Yearly totals: actual 15, 5, 2; model 14, 6, 3 → (1 + 1 + 1)/22; baseline 10, 9, 3 →
    # (5 + 4 + 1)/22.
    assert bt.model_total_error == pytest.approx(3 / 22)
    assert bt.baseline_total_error == pytest.approx(10 / 22)
    nothing = Backtest(
        (2017,), (2018, 2019, 2020), 0, np.zeros((1, 3)), np.ones((1, 3)), np.ones((1, 3))
    )
    assert nothing.model_error == 0.0
    assert nothing.baseline_total_error == 0.0
