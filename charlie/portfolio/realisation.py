"""Benefits realisation: a benefit's periods, and its plan set against what was realised. Pure: no
Django, dates and decimals in, dataclasses out (docs/portfolio-benefits.md).

The rules:

- **Periods.** A benefit runs from its first to its last day. It is followed in periods of a
  quarter (3 months) or a year (12 months) counted from the first day; the last period ends on
  the last day, so it may be shorter. A period starting on the 31st of a month steps to the last
  day of shorter months (31 January + 1 month = 28/29 February).
- **Due.** A period is due once it has ended (its last day is before today). A due period with
  no realised value is *missing*: the benefit's owner has a number to enter.
- **Realised so far** is the sum of the realised values entered; **planned so far** the sum of
  the planned values of the due periods and of any period whose realised value is entered early.
  The share realised is realised so far / planned so far (none while nothing is planned so far).
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

#: Period lengths in months, by their name in forms and the API.
PERIOD_MONTHS = {"quarter": 3, "year": 12}

#: The most periods a benefit may have (a quarter each for 25 years).
MAX_PERIODS = 100


def add_months(day: date, months: int) -> date:
    """``day`` moved ``months`` calendar months on, on the same day of the month or the last day
    of a shorter month.

    >>> add_months(date(2027, 1, 31), 1)
    datetime.date(2027, 2, 28)
    >>> add_months(date(2027, 11, 1), 3)
    datetime.date(2028, 2, 1)
    """
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def period_bounds(start: date, end: date, months: int) -> list[tuple[date, date]]:
    """The periods of ``months`` months from ``start`` to ``end`` (both included); the last one
    ends on ``end``. ``ValueError`` when ``end`` is before ``start``, the length is not positive
    or there would be more than ``MAX_PERIODS``.

    >>> period_bounds(date(2027, 1, 1), date(2027, 8, 15), 3)  # doctest: +NORMALIZE_WHITESPACE
    [(datetime.date(2027, 1, 1), datetime.date(2027, 3, 31)),
     (datetime.date(2027, 4, 1), datetime.date(2027, 6, 30)),
     (datetime.date(2027, 7, 1), datetime.date(2027, 8, 15))]
    """
    if months <= 0:
        raise ValueError("months must be positive")
    if end < start:
        raise ValueError("end is before start")
    bounds: list[tuple[date, date]] = []
    n = 0
    while True:
        first = add_months(start, months * n)
        if first > end:
            return bounds
        if len(bounds) == MAX_PERIODS:
            raise ValueError(f"more than {MAX_PERIODS} periods")
        last = min(add_months(start, months * (n + 1)) - timedelta(days=1), end)
        bounds.append((first, last))
        n += 1


def months_between(first: date, next_first: date) -> int:
    """Whole calendar months from one period's first day to the next one's: how long the
    periods of a saved benefit are (3 or 12)."""
    return (next_first.year - first.year) * 12 + next_first.month - first.month


@dataclass(frozen=True)
class Period:
    """One period's plan and, once entered, its realised value."""

    start: date
    end: date
    planned: Decimal
    realised: Decimal | None = None


@dataclass(frozen=True)
class Summary:
    """A benefit's (or several benefits') plan set against what was realised, on ``on``."""

    planned_total: Decimal
    planned_so_far: Decimal
    realised_so_far: Decimal
    due: int
    missing: int

    @property
    def share(self) -> float | None:
        """Realised so far / planned so far (1.0 = as planned); None while nothing is planned."""
        if self.planned_so_far == 0:
            return None
        return float(self.realised_so_far / self.planned_so_far)

    @property
    def percent(self) -> float | None:
        """The share in per cent (100.0 = as planned), for ``da_percent``."""
        share = self.share
        return None if share is None else share * 100

    @property
    def difference(self) -> Decimal:
        """Realised so far − planned so far (negative: behind the plan)."""
        return self.realised_so_far - self.planned_so_far


def is_due(period: Period, on: date) -> bool:
    """Whether the period has ended before ``on``."""
    return period.end < on


def summarise(periods: Sequence[Period], on: date) -> Summary:
    """The plan against the realised values of ``periods`` on the day ``on`` (module rules)."""
    planned_total = sum((p.planned for p in periods), Decimal(0))
    so_far = [p for p in periods if is_due(p, on) or p.realised is not None]
    due = [p for p in periods if is_due(p, on)]
    return Summary(
        planned_total=planned_total,
        planned_so_far=sum((p.planned for p in so_far), Decimal(0)),
        realised_so_far=sum((p.realised for p in periods if p.realised is not None), Decimal(0)),
        due=len(due),
        missing=sum(1 for p in due if p.realised is None),
    )


def combine(summaries: Sequence[Summary]) -> Summary:
    """Several summaries in the same unit added up."""
    return Summary(
        planned_total=sum((s.planned_total for s in summaries), Decimal(0)),
        planned_so_far=sum((s.planned_so_far for s in summaries), Decimal(0)),
        realised_so_far=sum((s.realised_so_far for s in summaries), Decimal(0)),
        due=sum(s.due for s in summaries),
        missing=sum(s.missing for s in summaries),
    )
