"""Demand scenarios as multipliers (``scenario.py``), worked out by hand.

Growth rules compound yearly (a family's own rule wins over the all-families rule; uncovered
years are flat); driver rules tie demand to a driver table (for example citizens aged 80+,
DOMAIN.md 4) with ``demand = ratio × driver(year)`` and win over growth in their years; growth
continues from the driver's level afterwards.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose

from charlie.workforce.scenario import DriverRule, GrowthRule, driver_value, multipliers

BASE = 2025


def test_growth_compounds_yearly():
    # 2 % a year, 2026–2028: 1.02, 1.02² = 1.0404, 1.02³ = 1.061208.
    table = multipliers(1, BASE, [2026, 2027, 2028], [100], [GrowthRule(None, 2026, 2028, 0.02)])
    assert_allclose(table, [[1.02, 1.0404, 1.061208]])


def test_negative_growth():
    # −10 % a year: 0.9, 0.81.
    table = multipliers(1, BASE, [2026, 2027], [100], [GrowthRule(0, 2026, 2027, -0.10)])
    assert_allclose(table, [[0.9, 0.81]])


def test_family_rule_beats_the_all_families_rule():
    rules = [GrowthRule(None, 2026, 2030, 0.01), GrowthRule(1, 2027, 2028, 0.05)]
    table = multipliers(2, BASE, range(2026, 2031), [100, 50], rules)
    # Family 0: 1 % a year: 1.01, 1.0201, 1.030301, 1.04060401, 1.0510100501.
    # Family 1: 1.01; × 1.05 = 1.0605; × 1.05 = 1.113525; × 1.01 = 1.12466025;
    # × 1.01 = 1.1359068525.
    assert_allclose(
        table,
        [
            [1.01, 1.0201, 1.030301, 1.04060401, 1.0510100501],
            [1.01, 1.0605, 1.113525, 1.12466025, 1.1359068525],
        ],
    )


def test_family_rule_wins_whatever_the_order():
    rules = [GrowthRule(0, 2026, 2026, 0.05), GrowthRule(None, 2026, 2026, 0.01)]
    assert_allclose(multipliers(1, BASE, [2026], [10], rules), [[1.05]])


def test_years_without_rules_are_flat():
    # 3 % in 2027 only: 1.0 (2026), 1.03 (2027), then held at 1.03.
    table = multipliers(1, BASE, range(2026, 2030), [100], [GrowthRule(None, 2027, 2027, 0.03)])
    assert_allclose(table, [[1.0, 1.03, 1.03, 1.03]])
    assert_allclose(multipliers(2, BASE, [2026, 2027], [1, 2]), [[1.0, 1.0], [1.0, 1.0]])


def test_driver_keeps_todays_ratio_by_default():
    # Citizens 80+: 1,000 in 2025, 1,500 in 2030; linear between: 1,100, 1,200, … in 2026–2029.
    # Without a ratio demand moves with the driver: driver(year) / driver(2025).
    rule = DriverRule(0, 2026, 2030, {2025: 1000.0, 2030: 1500.0})
    table = multipliers(1, BASE, range(2026, 2031), [40], drivers=[rule])
    assert_allclose(table, [[1.1, 1.2, 1.3, 1.4, 1.5]])


def test_driver_with_explicit_ratio():
    # 0.05 people per citizen 80+, 40 people today: 2026: 0.05 · 1,100 = 55 → 55 / 40 = 1.375;
    # 2030: 0.05 · 1,500 = 75 → 1.875.
    rule = DriverRule(0, 2026, 2030, {2025: 1000.0, 2030: 1500.0}, ratio=0.05)
    table = multipliers(1, BASE, [2026, 2030], [40], drivers=[rule])
    assert_allclose(table, [[1.375, 1.875]])


def test_driver_only_for_its_family():
    rule = DriverRule(1, 2026, 2026, {2025: 100.0, 2026: 150.0})
    table = multipliers(2, BASE, [2026], [10, 10], drivers=[rule])
    assert_allclose(table, [[1.0], [1.5]])


@pytest.mark.parametrize(
    ("year", "expected"),
    [
        (2019, 10.0),  # before the table: flat at the first value
        (2020, 10.0),
        (2023, 13.0),  # 10 + 3/10 · (20 − 10)
        (2025, 15.0),
        (2030, 20.0),
        (2035, 20.0),  # after: flat at the last value
    ],
)
def test_driver_value_interpolates_and_holds_flat(year, expected):
    # Given out of order on purpose: the table is a mapping, not a list.
    assert driver_value({2030: 20.0, 2020: 10.0}, year) == pytest.approx(expected)


def test_driver_value_piecewise_and_single_year():
    table = {2020: 100.0, 2022: 120.0, 2030: 80.0}
    # 2021: halfway to 120 = 110; 2026: 120 + 4/8 · (80 − 120) = 100.
    assert driver_value(table, 2021) == pytest.approx(110.0)
    assert driver_value(table, 2026) == pytest.approx(100.0)
    assert driver_value({2024: 7.0}, 2040) == 7.0


def test_empty_driver_table_raises():
    with pytest.raises(ValueError):
        driver_value({}, 2030)
    with pytest.raises(ValueError):
        multipliers(1, BASE, [2026], [10], drivers=[DriverRule(0, 2026, 2026, {})])


def test_driver_beats_growth_in_its_years_and_growth_continues_after():
    growth = [GrowthRule(None, 2026, 2030, 0.10)]
    # Driver 100 (2025) → 130 (2028), linear: 110, 120, 130 in 2026–2028; in force 2027–2028.
    driver = DriverRule(0, 2027, 2028, {2025: 100.0, 2028: 130.0})
    table = multipliers(2, BASE, range(2026, 2031), [10, 10], growth, [driver])
    # Family 0: growth 1.1 (2026); driver 1.2 and 1.3 (not 1.21 · …); then growth from 1.3:
    # 1.43, 1.573. Family 1: growth only: 1.1, 1.21, 1.331, 1.4641, 1.61051.
    assert_allclose(
        table,
        [
            [1.1, 1.2, 1.3, 1.43, 1.573],
            [1.1, 1.21, 1.331, 1.4641, 1.61051],
        ],
    )


@settings(max_examples=100, deadline=None)
@given(
    st.floats(-0.2, 0.2),
    st.integers(1, 15),
)
def test_one_constant_rate_is_plain_compounding(rate, n):
    table = multipliers(
        1, BASE, range(BASE + 1, BASE + n + 1), [10], [GrowthRule(None, 0, 9999, rate)]
    )
    assert_allclose(table[0], [(1 + rate) ** i for i in range(1, n + 1)], rtol=1e-12)
