"""Demand scenarios as numbers. Pure: the standard library and NumPy.

A scenario says, per job family and year, how many people are wanted relative to today:

- a **growth rule** gives a yearly rate for a range of years, for one job family or for all; a
  rule for one family wins over a rule for all in the years both cover; years no rule covers
  have 0 % growth (today's level carried forward);
- a **driver rule** ties a job family to a driver table (for example citizens aged 80+):
  ``demand = ratio × driver(year)``. Without a ratio, today's ratio is kept (today's people ÷ the
  driver's value in the base year), so demand moves in proportion to the driver. A driver rule
  wins over growth rules in its years. Driver tables are interpolated linearly between the years
  given and held flat outside them.

``multipliers`` turns the rules into a (families × years) table of demand ÷ today's people.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class GrowthRule:
    family: int | None  # None: every job family
    first_year: int
    last_year: int
    rate: float  # per year, 0.01 = 1 %


@dataclass(frozen=True)
class DriverRule:
    family: int
    first_year: int
    last_year: int
    driver: Mapping[int, float]  # year → value
    ratio: float | None = None  # people per driver unit; None: today's ratio


def driver_value(driver: Mapping[int, float], year: int) -> float:
    """The driver in ``year``: linear between the years given, flat outside them."""
    if not driver:
        raise ValueError("A driver table needs at least one year.")
    years = sorted(driver)
    return float(np.interp(year, years, [driver[y] for y in years]))


def multipliers(
    families: int,
    base_year: int,
    years: Sequence[int],
    base_people: Sequence[float],
    growth: Sequence[GrowthRule] = (),
    drivers: Sequence[DriverRule] = (),
) -> FloatArray:
    """Demand ÷ today's people per (family, year) for ``years`` (after ``base_year``)."""
    out = np.ones((families, len(years)))
    for family in range(families):
        level = 1.0
        for i, year in enumerate(years):
            rule = next(
                (d for d in drivers if d.family == family and d.first_year <= year <= d.last_year),
                None,
            )
            if rule is not None:
                today = base_people[family]
                base_driver = driver_value(rule.driver, base_year)
                if rule.ratio is not None and today > 0:
                    level = rule.ratio * driver_value(rule.driver, year) / today
                elif base_driver > 0:
                    level = driver_value(rule.driver, year) / base_driver
            else:
                level *= 1 + _rate(growth, family, year)
            out[family, i] = level
    return out


def _rate(rules: Sequence[GrowthRule], family: int, year: int) -> float:
    own = [r for r in rules if r.family == family and r.first_year <= year <= r.last_year]
    if own:
        return own[-1].rate
    common = [r for r in rules if r.family is None and r.first_year <= year <= r.last_year]
    return common[-1].rate if common else 0.0
