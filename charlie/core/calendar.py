"""Danish working days (pure module, no Django).

**What counts as a working day.** Monday–Friday, minus the Danish public holidays
(helligdage) as given by the ``holidays`` package (``holidays.Denmark``, public category):
nytårsdag, skærtorsdag, langfredag, påskedag, 2. påskedag, store bededag (up to 2023 only),
Kristi himmelfartsdag, pinsedag, 2. pinsedag, juledag and 2. juledag. The dates are never
hand-written here.

**Store bededag** (the 4th Friday after Easter, i.e. Easter Sunday + 26 days) was abolished as a
public holiday from 2024 by *lov nr. 203 af 28/02/2023 om afskaffelse af store bededag som
helligdag*. ``holidays`` ≥ 0.2x already leaves it out from 2024; :func:`_public_holidays` enforces
it explicitly anyway (removed from 2024, present up to 2023), so an older or a changed version of
the package cannot silently change the working-day count.

**Days that are not public holidays but commonly days off**: grundlovsdag (5 June), juleaftensdag
(24 December), nytårsaftensdag (31 December) and, under some agreements, 1 May. They are *not*
holidays under the law and are therefore **working days by default**. Pass them in
``extra_days_off`` (e.g. :data:`COMMON_DAYS_OFF`) where a local agreement gives them off. Any
such choice must be used consistently for numerator and denominator of a rate.

Speed: a :class:`WorkingCalendar` keeps a cumulative count of working days for every date from
:data:`FIRST_DATE` to :data:`LAST_DATE`, so the number of working days in any inclusive range is
one subtraction, and ``working_days_array`` handles millions of ranges with two NumPy gathers.
"""

from __future__ import annotations

import calendar as _calendar
import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays
import numpy as np
from dateutil.easter import easter

type MonthDay = tuple[int, int]

GRUNDLOVSDAG: MonthDay = (6, 5)
JULEAFTENSDAG: MonthDay = (12, 24)
NYTAARSAFTENSDAG: MonthDay = (12, 31)
ARBEJDERNES_KAMPDAG: MonthDay = (5, 1)
#: The three days most Danish public employers give off although they are not public holidays.
COMMON_DAYS_OFF: frozenset[MonthDay] = frozenset({GRUNDLOVSDAG, JULEAFTENSDAG, NYTAARSAFTENSDAG})

#: Last year store bededag was a public holiday (lov nr. 203 af 28/02/2023 abolishes it from 2024).
STORE_BEDEDAG_LAST_YEAR = 2023

#: The dates the calendar covers (inclusive). Ranges are clipped by callers to a statistics window
#: inside this span; a date outside it raises ``ValueError``.
FIRST_DATE = dt.date(1950, 1, 1)
LAST_DATE = dt.date(2100, 12, 31)

_EPOCH = np.datetime64("1970-01-01", "D")
_WEEKMASK = "1111100"


def store_bededag(year: int) -> dt.date:
    """The 4th Friday after Easter Sunday (Easter Sunday + 26 days)."""
    return easter(year) + dt.timedelta(days=26)


def _public_holidays(years: Iterable[int]) -> dict[dt.date, str]:
    """Danish public holidays for ``years`` from ``holidays.Denmark``, with store bededag
    removed from 2024 (lov nr. 203 af 28/02/2023) and kept up to 2023, whatever the package does.
    """
    years = list(years)
    result: dict[dt.date, str] = dict(holidays.Denmark(years=years).items())
    for year in years:
        day = store_bededag(year)
        if year > STORE_BEDEDAG_LAST_YEAR:
            result.pop(day, None)
        else:
            result.setdefault(day, "Store bededag")
    return result


def danish_public_holidays(year: int) -> dict[dt.date, str]:
    """The public holidays (helligdage) of one year, date → Danish name."""
    return dict(sorted(_public_holidays([year]).items()))


class WorkingCalendar:
    """Working days Monday–Friday minus public holidays and ``extra_days_off``.

    Build through :func:`get_calendar` (cached); building takes about 0.1 s.
    """

    def __init__(self, extra_days_off: Iterable[MonthDay] = ()) -> None:
        self.extra_days_off: frozenset[MonthDay] = frozenset(extra_days_off)
        days_off = set(_public_holidays(range(FIRST_DATE.year, LAST_DATE.year + 1)))
        for year in range(FIRST_DATE.year, LAST_DATE.year + 1):
            for month, day in self.extra_days_off:
                days_off.add(dt.date(year, month, day))
        #: Sorted days off (public holidays plus extras, weekends included where they fall).
        self.holidays: np.ndarray = np.array(sorted(days_off), dtype="datetime64[D]")
        self.busdaycalendar = np.busdaycalendar(weekmask=_WEEKMASK, holidays=self.holidays)
        self.first = np.datetime64(FIRST_DATE, "D")
        self.last = np.datetime64(LAST_DATE, "D")
        all_days = np.arange(self.first, self.last + np.timedelta64(1, "D"), dtype="datetime64[D]")
        is_working = np.is_busday(all_days, busdaycal=self.busdaycalendar)
        #: cumulative[i] = working days strictly before first + i, so [a, b] has
        #: cumulative[b - first + 1] - cumulative[a - first] working days.
        self.cumulative: np.ndarray = np.concatenate(
            ([0], np.cumsum(is_working, dtype=np.int32))
        ).astype(np.int32)
        self._first_int = int((self.first - _EPOCH).astype(np.int64))
        self._size = len(all_days)

    def is_working_day(self, day: dt.date) -> bool:
        return bool(np.is_busday(np.datetime64(day, "D"), busdaycal=self.busdaycalendar))

    def working_days(self, start: dt.date, end: dt.date) -> int:
        """Working days from ``start`` to ``end``, both included; 0 when ``end < start``."""
        if end < start:
            return 0
        if start < FIRST_DATE or end > LAST_DATE:
            raise ValueError(f"Datoerne skal ligge mellem {FIRST_DATE} og {LAST_DATE}.")
        a = (start - FIRST_DATE).days
        b = (end - FIRST_DATE).days
        return int(self.cumulative[b + 1] - self.cumulative[a])

    def day_index(self, days: np.ndarray) -> np.ndarray:
        """Day numbers (int64, days since 1970-01-01) → index into ``cumulative``, checked."""
        idx = np.asarray(days, dtype=np.int64) - self._first_int
        if idx.size and (idx.min() < 0 or idx.max() >= self._size):
            raise ValueError(f"Datoerne skal ligge mellem {FIRST_DATE} og {LAST_DATE}.")
        return idx

    def working_days_int(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Vectorised inclusive count for day numbers (int64 days since 1970-01-01).

        Ranges with ``end < start`` give 0. Both arrays must lie inside the calendar's span.
        """
        starts = np.asarray(starts, dtype=np.int64)
        ends = np.asarray(ends, dtype=np.int64)
        empty = ends < starts
        ends = np.where(empty, starts, ends)
        a = self.day_index(starts)
        b = self.day_index(ends)
        counts = self.cumulative[b + 1] - self.cumulative[a]
        return np.where(empty, 0, counts).astype(np.int64)

    def working_days_array(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """Vectorised inclusive count for ``datetime64[D]`` arrays (no NaT)."""
        s = np.asarray(starts, dtype="datetime64[D]").astype(np.int64)
        e = np.asarray(ends, dtype="datetime64[D]").astype(np.int64)
        return self.working_days_int(s, e)

    def working_days_busday(self, starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
        """The same count through ``numpy.busday_count`` (slower; a cross-check)."""
        s = np.asarray(starts, dtype="datetime64[D]")
        e = np.asarray(ends, dtype="datetime64[D]") + np.timedelta64(1, "D")
        counts = np.busday_count(s, e, busdaycal=self.busdaycalendar)
        return np.maximum(counts, 0).astype(np.int64)


@lru_cache(maxsize=8)
def _cached_calendar(extra_days_off: frozenset[MonthDay]) -> WorkingCalendar:
    return WorkingCalendar(extra_days_off)


def get_calendar(extra_days_off: Iterable[MonthDay] = ()) -> WorkingCalendar:
    """The (cached) calendar for a set of extra days off; default: public holidays only."""
    return _cached_calendar(frozenset(extra_days_off))


def working_days(start: dt.date, end: dt.date, *, extra_days_off: Iterable[MonthDay] = ()) -> int:
    """Danish working days from ``start`` to ``end``, both included (0 if ``end < start``)."""
    return get_calendar(extra_days_off).working_days(start, end)


def working_days_array(
    starts: np.ndarray, ends: np.ndarray, *, extra_days_off: Iterable[MonthDay] = ()
) -> np.ndarray:
    """Vectorised :func:`working_days` for ``datetime64[D]`` arrays (inclusive, 0 if empty)."""
    return get_calendar(extra_days_off).working_days_array(starts, ends)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` moved by whole calendar months; a day that does not exist becomes the month's
    last: 31 Jan + 1 month = 28 Feb (29 Feb in a leap year); 31 May − 3 months = 28/29 Feb.
    Clamping to the month's end gives the earlier date, the safe side for a deadline."""
    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = _calendar.monthrange(year, month0 + 1)[1]
    return dt.date(year, month0 + 1, min(day.day, last))
