"""When has an item been kept long enough? Pure date logic for the retention rules (no Django).

A rule counts its period in whole years or in whole calendar months (its *unit*). An item whose
period ended on ``end`` is past a rule of N years (months) on ``today`` when more than N years
(months) have gone by: ended exactly N years (months) ago is not yet past; one day more is. In
SQL that is ``end < cutoff(today, years)`` or ``end < cutoff_months(today, months)``
(``period_cutoff`` picks by unit).

"Exactly N months after ``end``" is ``end`` moved N calendar months on, a day that does not
exist clamped to the month's last (31 August + 6 months = 28 February, 29 in a leap year), as
29 February + 1 year is 28 February for the year rule. So 12 months and 1 year are the same rule.

The periods are local policy, never a statutory period (DOMAIN.md 6.2), and a kommune may only
discard under the archive rules (6.3), so these functions only *find*; the DPO approves.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta
from typing import Literal

from charlie.core.calendar import add_months

type Unit = Literal["years", "months"]

YEARS: Unit = "years"
MONTHS: Unit = "months"

MIN_YEARS = 1
MAX_YEARS = 50
#: Months: up to the same 50 years. Datatilsynet accepts up to 3 years (36 months) for applicants
#: who were not hired (DOMAIN.md 6.1); the rule's description says so, the range does not.
MIN_MONTHS = 1
MAX_MONTHS = 600


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


def cutoff_months(today: date, months: int) -> date:
    """The first end date that is *not* yet past a rule of ``months`` months on ``today``.

    ``today`` moved ``months`` months back, clamped to the month's end, is the cutoff when it
    kept its day; when it was clamped, it is the day after. On 31 August 2027, 6 months back
    is 28 February 2027 (clamped), and 28 February 2027 + 6 months = 28 August 2027 is already
    behind us, so the cutoff is 1 March 2027: an item that ended 28 February 2027 is past
    (6 months and 3 days), one that ended 1 March 2027 is not. On 28 August 2027 the cutoff is
    28 February 2027 (ended exactly 6 months ago: not yet past; 27 February: past).
    """
    if months < 0:
        raise ValueError("months must not be negative")
    back = add_months(today, -months)
    return back if back.day == today.day else back + timedelta(days=1)


def period_cutoff(today: date, period: int, unit: Unit) -> date:
    """``cutoff`` or ``cutoff_months``, by the rule's unit."""
    return cutoff_months(today, period) if unit == MONTHS else cutoff(today, period)


def period_range(unit: Unit) -> tuple[int, int]:
    """The periods the DPO may choose in ``unit``: (1, 50) years or (1, 600) months."""
    return (MIN_MONTHS, MAX_MONTHS) if unit == MONTHS else (MIN_YEARS, MAX_YEARS)


def period_in_range(period: int, unit: Unit) -> bool:
    """Whether ``period`` (in ``unit``) is a period the DPO may choose."""
    low, high = period_range(unit)
    return low <= period <= high


def years_in_range(years: int) -> bool:
    """Whether ``years`` is a period the DPO may choose (1–50 years)."""
    return period_in_range(years, YEARS)


def is_past(end: date | None, today: date, years: int, unit: Unit = YEARS) -> bool:
    """Whether an item whose period ended on ``end`` is past the rule on ``today`` (``years``
    is the period in ``unit``).

    An open period (``end`` is None) never is.
    """
    return end is not None and end < period_cutoff(today, years, unit)


def count_by_year(ends: Iterable[date]) -> dict[int, int]:
    """{year: count} of the end dates, oldest year first (for the DPO's dry-run report)."""
    counts = Counter(end.year for end in ends)
    return {year: counts[year] for year in sorted(counts)}
