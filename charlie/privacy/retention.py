"""When has an item been kept long enough? Pure date logic for the retention rules (no Django).

An item whose period ended on ``end`` is past a rule of ``years`` years on ``today`` when more
than ``years`` whole years have gone by: ended exactly ``years`` years ago is not yet past; one
day more is. In SQL that is ``end < cutoff(today, years)``.

The periods are local policy, never a statutory period (DOMAIN.md 6.2), and a kommune may only
discard under the archive rules (6.3), so these functions only *find*; the DPO approves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

MIN_YEARS = 1
MAX_YEARS = 50


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` years earlier; 29 February becomes 1 March when that
    year has none (so on 29 February an item that ended on 28 February N years ago, and is
    N years and a day old, is past)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year that is not a leap year
        return date(day.year - years, 3, 1)


def cutoff(today: date, years: int) -> date:
    """The first end date that is *not* yet past the rule: items that ended before it are."""
    if years < 0:
        raise ValueError("years must not be negative")
    return years_before(today, years)


def years_in_range(years: int) -> bool:
    """Whether ``years`` is a period the DPO may choose (1–50 years)."""
    return MIN_YEARS <= years <= MAX_YEARS


def is_past(end: date | None, today: date, years: int) -> bool:
    """Whether an item whose period ended on ``end`` is past the rule on ``today``.

    An open period (``end`` is None) never is.
    """
    return end is not None and end < cutoff(today, years)


def count_by_year(ends: Iterable[date]) -> dict[int, int]:
    """{year: count} of the end dates, oldest year first (for the DPO's dry-run report)."""
    counts = Counter(end.year for end in ends)
    return {year: counts[year] for year in sorted(counts)}
