"""Learning figures, pure (no Django): full-time equivalents over a period, sums per group and
the ratios the page "Læringstal" shows (issue 14, point 5). The service
(``services/figures.py``) loads the rows, places each person in groups and lets
``core.disclosure.protect`` decide which groups may be shown; this module only counts.

- **FTE** (årsværk): an employment of ``weekly_hours`` counts ``weekly_hours / 37`` (37 hours a
  week is full time under the municipal collective agreements, KL/Forhandlingsfællesskabet's
  arbejdstidsaftaler), weighted by the share of the period's days it was in force. A person's FTE
  is the sum over their employments, so the average over the period.
- **Hours and cost per FTE**: a group's summed hours (cost) divided by its summed FTE.
- **Share**: a count over a count, as a percentage.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

import numpy as np
import numpy.typing as npt

#: Weekly hours of a full-time job (fuldtid) in Danish municipalities.
FULL_TIME_HOURS = 37.0

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]


def average_fte(
    person: Sequence[int],
    weekly_hours: Sequence[float],
    start: Sequence[date],
    end: Sequence[date | None],
    *,
    period: tuple[date, date],
    people: Sequence[int],
    full_time: float = FULL_TIME_HOURS,
) -> FloatArray:
    """Each of ``people``'s average FTE over ``period`` (first and last day, both included),
    from their employments (one row each: the person, weekly hours, start, end or ``None``).

    An employment of 37 hours for half the period counts 0.5; two of 18.5 hours the whole
    period count 1.0 together. Employments of people not in ``people`` are ignored.
    """
    first, last = period[0].toordinal(), period[1].toordinal()
    days = last - first + 1
    if days <= 0:
        raise ValueError("The period ends before it begins.")
    index = {p: i for i, p in enumerate(people)}
    out = np.zeros(len(people), dtype=np.float64)
    if not len(person):
        return out
    starts = np.array([d.toordinal() for d in start], dtype=np.int64)
    ends = np.array([last if d is None else d.toordinal() for d in end], dtype=np.int64)
    overlap = np.clip(np.minimum(ends, last) - np.maximum(starts, first) + 1, 0, None)
    fte = np.asarray(weekly_hours, dtype=np.float64) / full_time * overlap / days
    where = np.array([index.get(p, -1) for p in person], dtype=np.int64)
    keep = where >= 0
    np.add.at(out, where[keep], fte[keep])
    return out


def group_sums(
    values: Sequence[float] | FloatArray, group: Sequence[int], n_groups: int
) -> FloatArray:
    """The sum of ``values`` per group (``group[i]`` is the group of ``values[i]``)."""
    out = np.zeros(n_groups, dtype=np.float64)
    if len(group):
        np.add.at(out, np.asarray(group, dtype=np.int64), np.asarray(values, dtype=np.float64))
    return out


def per_fte(amount: float, fte: float, digits: int = 1) -> float | None:
    """``amount`` per FTE, rounded; ``None`` where the group has no FTE."""
    if fte <= 0:
        return None
    return round(amount / fte, digits)


def share(part: int, whole: int) -> float | None:
    """``part`` of ``whole`` in per cent with one decimal; ``None`` of nobody."""
    if whole <= 0:
        return None
    return round(100 * part / whole, 1)
