"""Sickness absence statistics (pure module, no Django): Danmarks Statistik / KRL definitions.

Definitions (DOMAIN.md 2.1–2.4; Danmarks Statistik, "Fravær",
https://rss.dst.dk/da/Statistik/emner/arbejde-indkomst-og-formue/fravaer-og-arbejdsstandsninger/fravaer):

* **1 dagsværk = 7.4 hours** (37 hours ÷ 5). All day figures are *day-equivalents* (dagsværk):
  hours converted to full-time days, so part-time is converted to full time (DOMAIN.md 2.1).
* An employee with ``weekly_hours`` works ``weekly_hours / 5`` hours on each working day, i.e.
  ``weekly_hours / 37`` day-equivalents. A whole absence day therefore weighs ``weekly_hours / 37``;
  a partial absence day (``hours_per_day`` given) weighs ``min(hours_per_day, weekly_hours / 5) /
  7.4`` (capped: nobody is absent more hours than they would have worked).
* Working days are Danish working days (:mod:`charlie.core.calendar`): Monday–Friday minus public
  holidays, store bededag only up to 2023.
* **Contracted day-equivalents** of an employment in a window = its working days in the window ×
  ``weekly_hours / 37`` (the days it could be worked before any time off).
* **Possible day-equivalents** (mulige dagsværk) = worked + absence = contracted − time off
  (DOMAIN.md 2.1: "possible = actual + absence").
* **Absence** is Danmarks Statistik's four causes (fraværsårsager, DOMAIN.md 2.1): egen sygdom,
  børns sygdom, arbejdsulykke/arbejdsskade and barsels- og adoptionsorlov. All four stay in the
  denominator; each cause's rate is its day-equivalents ÷ the *same* possible day-equivalents.
* **Fraværsprocent** (the headline, :attr:`AbsenceFigures.rate`) = *sickness* day-equivalents ÷
  possible day-equivalents, where sickness is own sickness **plus work injury** — a headline that
  adds work injury to own sickness must say so (DOMAIN.md 2.1), and the pages do.

**Which types are which** (:data:`DEFAULT_CLASSIFICATION`; pass your own mapping to change it):

* ``OWN_SICKNESS`` (egen sygdom): own sickness and partial sickness (hours).
* ``WORK_INJURY`` (arbejdsulykke): work injury. With own sickness, the headline sickness rate.
* ``CHILD_SICKNESS`` (børns sygdom): child's 1st/2nd sick day, child's hospitalisation.
* ``PARENTAL_LEAVE`` (barsel): barsels- og forældreorlov. Absence in Danmarks Statistik's sense,
  so it stays in the denominator (an earlier version took it out: a unit with one person on
  barsel all month and one sick 2 days then showed 10.5 % instead of 5.3 %).
* ``TIME_OFF`` (out of the denominator): holiday, 6th holiday week, leave without pay, care days
  (omsorgsdage) and senior days — neither work nor one of the four causes (DOMAIN.md 2.1,
  inferred: agreed days off, like holiday).
* ``WORK``: course. Paid time spent on the job's behalf counts as worked; it changes nothing.

**Periods** (DOMAIN.md 2.2, https://www.dst.dk/da/Statistik/dokumentation/Times/fravaer/fravperiode):
a period counts in the time bucket (year, quarter, month) in which it **ends**. An unfinished
period (no end date, or an end date after the window) is *not counted* in the window: it is
counted when it ends, i.e. in a later window ("unfinished periods count in the following year").
Its day-equivalents up to the window's end are counted in the window all the same. For
year-to-date figures, end the window today. A period that outlasts the employment (the person
left while sick) is counted on the employment's last day, in that job's group: the period is over
for that job. A period's length is its full length in calendar days (``end − start + 1``), also
when it started before the window or outlasted the employment. Only sickness periods (own sickness
and work injury, the headline's causes) are
counted in the period figures (``periods_by_type`` has every type).

**Age** is whole years on the last day of each month (of the window, where it ends mid-month):
someone who turns 40 in March is in 30–39 in January and February and in 40–49 from March, and
is a head in both bands of a window that spans the birthday. So every measure of a window is the
sum of its months', which disclosure control relies on (docs/absence.md, "Perioder for
korte til at offentliggøre").

**Short/long**: no official threshold exists (DOMAIN.md 2.4, unconfirmed); a period is *long*
when it lasts more than ``long_threshold_days`` calendar days (default 28), otherwise short.

**Per full-time / full-year employee.** Full-time employees (FTE) in a bucket = contracted
day-equivalents ÷ the bucket's working days; full-year employees = employed working days (not
hours-weighted) ÷ the bucket's working days. For a one-year bucket a full-time employee employed
all year is 1.0 FTE whatever leave they take, so "days per full-time employee" = sickness ÷ FTE ≈
fraværsprocent × (working days − leave days): with about 24 days' leave this is the "227 days" that
KRL measures against (DOMAIN.md 2.3: 13.2 days = 5.8 %). For a window shorter or longer than a year
the figures are per employee *for that window*; group by year for yearly figures.

**Input preconditions** (the service layer ensures them): one person's absence periods do not
overlap; absence outside every employment of the person is outside the statistics. A person with
several concurrent employments is absent from each of them (each with its own hours).

Disclosure control is *not* applied here: every group carries ``headcount`` (distinct persons
employed in it) so the service layer can suppress small groups (:mod:`charlie.core.disclosure`).
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from typing import Literal

import numpy as np

from charlie.absence import kinds
from charlie.absence.kinds import ABSENCE_TYPES as ABSENCE_TYPES  # the codes, for the columns
from charlie.core.arrays import unique
from charlie.core.calendar import MonthDay, WorkingCalendar, get_calendar

HOURS_PER_DAY_EQUIVALENT = 7.4
FULL_TIME_WEEKLY_HOURS = 37.0
DEFAULT_LONG_THRESHOLD_DAYS = 28
#: Age bands: [..29], [30..39], [40..49], [50..59], [60..].
DEFAULT_AGE_BAND_EDGES: tuple[int, ...] = (30, 40, 50, 60)


class Category(IntEnum):
    """What an absence type is in the statistics: one of Danmarks Statistik's four causes of
    absence (DOMAIN.md 2.1), time off outside the denominator, or work."""

    OWN_SICKNESS = 0  # egen sygdom
    CHILD_SICKNESS = 1  # børns sygdom
    TIME_OFF = 2  # neither work nor absence: out of the denominator
    WORK = 3
    WORK_INJURY = 4  # arbejdsulykke/arbejdsskade
    PARENTAL_LEAVE = 5  # barsels- og adoptionsorlov


#: Danmarks Statistik's four causes of absence, in the order they are reported.
CAUSES: tuple[Category, ...] = (
    Category.OWN_SICKNESS,
    Category.CHILD_SICKNESS,
    Category.WORK_INJURY,
    Category.PARENTAL_LEAVE,
)
#: The causes the headline sickness rate (sygefravær) adds up: own sickness and work injury.
SICKNESS_CAUSES: tuple[Category, ...] = (Category.OWN_SICKNESS, Category.WORK_INJURY)

DEFAULT_CLASSIFICATION: Mapping[str, Category] = {
    kinds.SICKNESS: Category.OWN_SICKNESS,
    kinds.PARTIAL_SICKNESS: Category.OWN_SICKNESS,
    kinds.WORK_INJURY: Category.WORK_INJURY,
    kinds.CHILD_SICK: Category.CHILD_SICKNESS,
    kinds.CHILD_HOSPITAL: Category.CHILD_SICKNESS,
    kinds.CARE_DAY: Category.TIME_OFF,
    kinds.SENIOR_DAY: Category.TIME_OFF,
    kinds.HOLIDAY: Category.TIME_OFF,
    kinds.SIXTH_HOLIDAY_WEEK: Category.TIME_OFF,
    kinds.PARENTAL_LEAVE: Category.PARENTAL_LEAVE,
    kinds.UNPAID_LEAVE: Category.TIME_OFF,
    kinds.COURSE: Category.WORK,
}

Dimension = Literal["month", "quarter", "year", "unit", "job_family", "age_band"]
TIME_DIMENSIONS: dict[str, int] = {"month": 1, "quarter": 3, "year": 12}
DIMENSIONS: tuple[str, ...] = ("month", "quarter", "year", "unit", "job_family", "age_band")


# --------------------------------------------------------------------------------------------
# Scalar definitions (one period / one employment); the grouped function uses the same formulas.
# --------------------------------------------------------------------------------------------


def _overlap(
    a_start: dt.date, a_end: dt.date, b_start: dt.date, b_end: dt.date
) -> tuple[dt.date, dt.date] | None:
    start, end = max(a_start, b_start), min(a_end, b_end)
    return (start, end) if start <= end else None


def daily_day_equivalents(weekly_hours: float, hours_per_day: float | None = None) -> float:
    """Day-equivalents of one working day of absence (DOMAIN.md 2.1: 1 dagsværk = 7.4 hours).

    Whole day: ``weekly_hours / 37`` (the employee's daily hours ÷ 7.4). Partial absence:
    ``min(hours_per_day, weekly_hours / 5) / 7.4``.
    """
    if hours_per_day is None:
        return weekly_hours / FULL_TIME_WEEKLY_HOURS  # = (weekly_hours / 5) / 7.4, exactly
    return min(hours_per_day, weekly_hours / 5) / HOURS_PER_DAY_EQUIVALENT


def absence_day_equivalents(
    start: dt.date,
    end: dt.date,
    window_start: dt.date,
    window_end: dt.date,
    *,
    weekly_hours: float,
    hours_per_day: float | None = None,
    calendar: WorkingCalendar | None = None,
) -> float:
    """Absence day-equivalents of a period within a window (DOMAIN.md 2.1).

    Working days in period ∩ window × :func:`daily_day_equivalents` (hours ÷ 7.4; part-time
    scaled by ``weekly_hours / 37``).
    """
    cal = calendar or get_calendar()
    ov = _overlap(start, end, window_start, window_end)
    if ov is None:
        return 0.0
    return cal.working_days(*ov) * daily_day_equivalents(weekly_hours, hours_per_day)


def contracted_day_equivalents(
    start: dt.date,
    end: dt.date | None,
    window_start: dt.date,
    window_end: dt.date,
    *,
    weekly_hours: float,
    calendar: WorkingCalendar | None = None,
) -> float:
    """Day-equivalents an employment could be worked in the window before leave (DOMAIN.md 2.1).

    Its working days in the window × ``weekly_hours / 37``. Subtract time off (holiday, unpaid
    leave, …; not barsel) to get the possible day-equivalents (:func:`possible_day_equivalents`).
    """
    cal = calendar or get_calendar()
    ov = _overlap(start, end or window_end, window_start, window_end)
    if ov is None:
        return 0.0
    return cal.working_days(*ov) * weekly_hours / FULL_TIME_WEEKLY_HOURS


def possible_day_equivalents(contracted_de: float, time_off_de: float) -> float:
    """Mulige dagsværk = worked + absence = contracted − time off (DOMAIN.md 2.1: absence is all
    four causes, barsel included; only holiday, unpaid leave, care and senior days fall out)."""
    return contracted_de - time_off_de


def absence_rate(absence_de: float, possible_de: float) -> float:
    """Fraværsprocent as a fraction: absence ÷ (worked + absence) = absence ÷ possible
    (DOMAIN.md 2.1). NaN when nothing was possible."""
    return absence_de / possible_de if possible_de > 0 else float("nan")


def full_time_employees(contracted_de: float, window_working_days: int) -> float:
    """Full-time employees (FTE) = contracted day-equivalents ÷ the window's working days."""
    return contracted_de / window_working_days if window_working_days else float("nan")


def days_per_full_time_employee(absence_de: float, fte: float) -> float:
    """Absence day-equivalents per full-time employee (DOMAIN.md 2.1, 2.3)."""
    return absence_de / fte if fte > 0 else float("nan")


def periods_per_full_year_employee(periods: int, full_year_employees: float) -> float:
    """Absence periods per full-year employee (DOMAIN.md 2.1)."""
    return periods / full_year_employees if full_year_employees > 0 else float("nan")


def period_length_days(start: dt.date, end: dt.date) -> int:
    """Length of a period in calendar days, both ends included (DOMAIN.md 2.2)."""
    return (end - start).days + 1


def period_count_year(end: dt.date | None) -> int | None:
    """The year a period is counted in: the year it ends; ``None`` while unfinished (it is
    counted when it ends, i.e. in a following year) (DOMAIN.md 2.2)."""
    return None if end is None else end.year


def is_long_period(
    start: dt.date, end: dt.date, threshold_days: int = DEFAULT_LONG_THRESHOLD_DAYS
) -> bool:
    """Long-term when longer than ``threshold_days`` calendar days (DOMAIN.md 2.4: no official
    threshold, configurable)."""
    return period_length_days(start, end) > threshold_days


# --------------------------------------------------------------------------------------------
# Columnar input and grouped figures
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodColumns:
    """Absence periods, one row each. Dates ``datetime64[D]``; ``end`` NaT = not ended;
    ``hours_per_day`` NaN = whole days; ``type_code`` indexes ``type_names``."""

    person: np.ndarray
    type_code: np.ndarray
    start: np.ndarray
    end: np.ndarray
    hours_per_day: np.ndarray


@dataclass(frozen=True)
class EmploymentColumns:
    """Employments, one row each. ``end`` NaT = open-ended; ``job_family`` −1 = none."""

    person: np.ndarray
    unit: np.ndarray
    job_family: np.ndarray
    weekly_hours: np.ndarray
    start: np.ndarray
    end: np.ndarray
    birth_date: np.ndarray


def _nan_div(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    out = np.full(np.broadcast(a, b).shape, np.nan)
    np.divide(a, b, out=out, where=b > 0)
    return out


@dataclass
class AbsenceFigures:
    """Figures per group. ``keys[dim]`` holds each group's value of a dimension: the bucket's
    first day (``datetime64[D]``) for month/quarter/year, the index for unit/job family, the band
    number for age band (labels in ``age_band_labels``). Every array has one entry per group.
    """

    by: tuple[str, ...]
    keys: dict[str, np.ndarray]
    type_names: tuple[str, ...]
    #: Distinct persons employed in the group: the disclosure-control hook.
    headcount: np.ndarray
    #: Working days of the group's time bucket ∩ window (the window's when not grouped by time).
    working_days: np.ndarray
    contracted_de: np.ndarray
    employed_working_days: np.ndarray
    #: Day-equivalents per group × absence type.
    de_by_type: np.ndarray
    #: The headline: own sickness + work injury.
    sickness_de: np.ndarray
    #: Danmarks Statistik's four causes, apart.
    own_sickness_de: np.ndarray
    child_sickness_de: np.ndarray
    work_injury_de: np.ndarray
    parental_leave_de: np.ndarray
    #: Time off outside the denominator (holiday, unpaid leave, care and senior days).
    time_off_de: np.ndarray
    #: Periods ending in the group, per group × absence type.
    periods_by_type: np.ndarray
    sickness_periods: np.ndarray
    short_periods: np.ndarray
    long_periods: np.ndarray
    #: Total calendar days of the sickness periods counted.
    period_calendar_days: np.ndarray
    long_threshold_days: int
    age_band_labels: tuple[str, ...] = field(default_factory=tuple)

    def __len__(self) -> int:
        return len(self.headcount)

    @property
    def possible_de(self) -> np.ndarray:
        """Mulige dagsværk: contracted − time off; every cause of absence stays in."""
        return self.contracted_de - self.time_off_de

    @property
    def absence_de(self) -> np.ndarray:
        """All four causes together."""
        return (
            self.own_sickness_de
            + self.child_sickness_de
            + self.work_injury_de
            + self.parental_leave_de
        )

    @property
    def worked_de(self) -> np.ndarray:
        return self.possible_de - self.absence_de

    @property
    def rate(self) -> np.ndarray:
        """Fraværsprocent (fraction) for sickness: own sickness + work injury ÷ possible."""
        return _nan_div(self.sickness_de, self.possible_de)

    @property
    def own_sickness_rate(self) -> np.ndarray:
        return _nan_div(self.own_sickness_de, self.possible_de)

    @property
    def child_sickness_rate(self) -> np.ndarray:
        return _nan_div(self.child_sickness_de, self.possible_de)

    @property
    def work_injury_rate(self) -> np.ndarray:
        return _nan_div(self.work_injury_de, self.possible_de)

    @property
    def parental_leave_rate(self) -> np.ndarray:
        return _nan_div(self.parental_leave_de, self.possible_de)

    @property
    def absence_rate(self) -> np.ndarray:
        """All four causes ÷ the same possible day-equivalents."""
        return _nan_div(self.absence_de, self.possible_de)

    @property
    def fte(self) -> np.ndarray:
        return _nan_div(self.contracted_de, self.working_days)

    @property
    def full_year_employees(self) -> np.ndarray:
        return _nan_div(self.employed_working_days, self.working_days)

    @property
    def days_per_fte(self) -> np.ndarray:
        return _nan_div(self.sickness_de, self.fte)

    @property
    def periods_per_full_year_employee(self) -> np.ndarray:
        return _nan_div(self.sickness_periods, self.full_year_employees)

    @property
    def average_period_days(self) -> np.ndarray:
        return _nan_div(self.period_calendar_days, self.sickness_periods)


def _days(a: np.ndarray) -> np.ndarray:
    """datetime64 → int64 day numbers (NaT stays as the minimum int64)."""
    return np.asarray(a, dtype="datetime64[D]").astype(np.int64)


_NAT = np.iinfo(np.int64).min


def _month_code(days: np.ndarray) -> np.ndarray:
    return days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)


def _month_first_day(months: np.ndarray) -> np.ndarray:
    return months.astype("datetime64[M]").astype("datetime64[D]").astype(np.int64)


def _expand_time(
    starts: np.ndarray, ends: np.ndarray, size: int | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Split inclusive day ranges (all non-empty) into time buckets of ``size`` months.

    Returns (row index, bucket code, clipped start, clipped end). ``size`` None: one bucket (0).
    """
    n = len(starts)
    if size is None:
        return np.arange(n), np.zeros(n, dtype=np.int64), starts, ends
    b0 = _month_code(starts) // size
    b1 = _month_code(ends) // size
    counts = b1 - b0 + 1
    rows = np.repeat(np.arange(n), counts)
    firsts = np.cumsum(counts) - counts
    offset = np.arange(len(rows)) - np.repeat(firsts, counts)
    bucket = b0[rows] + offset
    bstart = _month_first_day(bucket * size)
    bend = _month_first_day((bucket + 1) * size) - 1
    return rows, bucket, np.maximum(starts[rows], bstart), np.minimum(ends[rows], bend)


def _year_and_day(dates: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Day numbers (or dates) as (years since 1970, 32 × month index + day index): the day part
    orders the days of a year like dates, so whole-year ages are integer comparisons."""
    d = _days(dates).astype("datetime64[D]")
    month = d.astype("datetime64[M]")
    year = d.astype("datetime64[Y]").astype(np.int64)
    return year, (d - month).astype(np.int64) + 32 * (month.astype(np.int64) - year * 12)


def _age(birth: np.ndarray, ref: np.ndarray) -> np.ndarray:
    """Whole years of age on ``ref`` (day numbers), vectorised."""
    b_year, b_day = _year_and_day(birth)
    r_year, r_day = _year_and_day(ref)
    return r_year - b_year - (r_day < b_day)


def age_bands(
    birth_date: np.ndarray, on: dt.date, edges: Sequence[int] = DEFAULT_AGE_BAND_EDGES
) -> np.ndarray:
    """The age band (index into :func:`age_band_labels`) of each birth date on ``on``: whole
    years, the rule :func:`compute_figures` groups by."""
    return BirthDates.of(birth_date).age_bands(on, edges)


@dataclass(frozen=True)
class BirthDates:
    """Birth dates split once into year and day of the year (as ``_age`` compares them), for
    the age bands of the same people on many days (every month of a release): whole-year
    ages are then integer arithmetic, not date arithmetic per day asked."""

    year: np.ndarray  # years since 1970
    day: np.ndarray  # 32 × month index + day index: orders the days of a year like dates

    @classmethod
    def of(cls, birth_date: np.ndarray) -> BirthDates:
        year, day = _year_and_day(birth_date)
        return cls(year=year, day=day)

    def take(self, rows: np.ndarray) -> BirthDates:
        return BirthDates(year=self.year[rows], day=self.day[rows])

    def age_bands(self, on: dt.date, edges: Sequence[int] = DEFAULT_AGE_BAND_EDGES) -> np.ndarray:
        """Each person's age band on ``on`` (the same as ``age_bands(birth_date, on)``)."""
        ref_year, ref_day = (int(part[0]) for part in _year_and_day(np.array([on])))
        ages = ref_year - self.year - (ref_day < self.day)
        return np.searchsorted(np.asarray(edges, dtype=np.int64), ages, side="right")


def age_band_labels(edges: Sequence[int]) -> tuple[str, ...]:
    """Labels such as ``("-29", "30-39", …, "60-")`` for band edges ``(30, 40, …, 60)``."""
    if not edges:
        return ("alle",)
    labels = [f"-{edges[0] - 1}"]
    labels += [f"{a}-{b - 1}" for a, b in itertools.pairwise(edges)]
    labels.append(f"{edges[-1]}-")
    return tuple(labels)


def compute_figures(
    periods: PeriodColumns,
    employments: EmploymentColumns,
    window_start: dt.date,
    window_end: dt.date,
    *,
    by: Sequence[Dimension] = (),
    type_names: Sequence[str] = ABSENCE_TYPES,
    classification: Mapping[str, Category] = DEFAULT_CLASSIFICATION,
    long_threshold_days: int = DEFAULT_LONG_THRESHOLD_DAYS,
    age_band_edges: Sequence[int] = DEFAULT_AGE_BAND_EDGES,
    extra_days_off: Sequence[MonthDay] = (),
) -> AbsenceFigures:
    """Absence figures for ``[window_start, window_end]`` grouped by ``by`` (DOMAIN.md 2.1–2.4;
    the definitions are in the module docstring).

    At most one time dimension (month, quarter or year); buckets are clipped to the window. Age
    is whole years on the last day of each month ∩ window. Units are the employment's own unit:
    roll-up of sub-units is :func:`roll_up`.
    Vectorised: about 3 million periods and 45,000 employments take a few seconds.
    """
    by = tuple(by)
    for dim in by:
        if dim not in DIMENSIONS:
            raise ValueError(f"Ukendt gruppering: {dim!r}. Brug en af {', '.join(DIMENSIONS)}.")
    if len(set(by)) != len(by):
        raise ValueError("Den samme gruppering er angivet to gange.")
    time_dims = [d for d in by if d in TIME_DIMENSIONS]
    if len(time_dims) > 1:
        raise ValueError("Gruppér efter højst én af måned, kvartal og år.")
    if window_end < window_start:
        raise ValueError("Periodens slutdato ligger før startdatoen.")
    size = TIME_DIMENSIONS[time_dims[0]] if time_dims else None
    # Rows are split into buckets of ``step`` months: the time buckets, or single months when
    # grouping by age (a person's age band is taken at the end of each month, so a window's
    # figures are the sum of its months' — what disclosure control by month relies on).
    step = 1 if "age_band" in by else size
    cal = get_calendar(extra_days_off)
    ws = int(_days(np.array([window_start]))[0])
    we = int(_days(np.array([window_end]))[0])
    cal.day_index(np.array([ws, we]))  # the window must lie in the calendar's span
    n_types = len(type_names)
    category = np.array([int(classification[t]) for t in type_names], dtype=np.int64)
    edges = np.asarray(age_band_edges, dtype=np.int64)

    # Employments: raw dates, open end = far future.
    e_person = np.asarray(employments.person, dtype=np.int64)
    e_start = _days(employments.start)
    e_end = _days(employments.end)
    e_end = np.where(e_end == _NAT, np.iinfo(np.int32).max, e_end)
    e_weekly = np.asarray(employments.weekly_hours, dtype=np.float64)
    e_unit = np.asarray(employments.unit, dtype=np.int64)
    e_family = np.asarray(employments.job_family, dtype=np.int64)
    e_birth = _days(employments.birth_date)

    # --- Employment rows: employment ∩ window, split into buckets.
    es = np.maximum(e_start, ws)
    ee = np.minimum(e_end, we)
    e_idx = np.flatnonzero(es <= ee)
    rows, e_bucket, e_s, e_e = _expand_time(es[e_idx], ee[e_idx], step)
    e_emp = e_idx[rows]
    e_wd = cal.working_days_int(e_s, e_e)

    # --- Period × employment pairs (same person, overlapping).
    # Only periods that touch the window matter (for days or for a count: both need it).
    p_start = _days(periods.start)
    p_end_raw = _days(periods.end)
    p_open = p_end_raw == _NAT
    p_end = np.where(p_open, np.iinfo(np.int32).max, p_end_raw)
    keep = np.flatnonzero((p_start <= we) & (p_end >= ws))
    p_start, p_end, p_open = p_start[keep], p_end[keep], p_open[keep]
    p_person = np.asarray(periods.person, dtype=np.int64)[keep]
    p_type = np.asarray(periods.type_code, dtype=np.int64)[keep]
    p_hours = np.asarray(periods.hours_per_day, dtype=np.float64)[keep]

    order = np.argsort(e_person, kind="stable")
    sorted_person = e_person[order]
    lo = np.searchsorted(sorted_person, p_person, side="left")
    hi = np.searchsorted(sorted_person, p_person, side="right")
    counts = hi - lo
    pair_p = np.repeat(np.arange(len(p_person)), counts)
    firsts = np.cumsum(counts) - counts
    pair_e = order[lo[pair_p] + np.arange(len(pair_p)) - np.repeat(firsts, counts)]
    ov_s = np.maximum(p_start[pair_p], e_start[pair_e])
    ov_e = np.minimum(p_end[pair_p], e_end[pair_e])
    overlaps = ov_s <= ov_e
    pair_p, pair_e, ov_s, ov_e = pair_p[overlaps], pair_e[overlaps], ov_s[overlaps], ov_e[overlaps]

    # Day-equivalents: pair ∩ window, split into buckets.
    a_s = np.maximum(ov_s, ws)
    a_e = np.minimum(ov_e, we)
    in_window = np.flatnonzero(a_s <= a_e)
    rows, a_bucket, a_s, a_e = _expand_time(a_s[in_window], a_e[in_window], step)
    a_pair = in_window[rows]
    a_emp = pair_e[a_pair]
    a_per = pair_p[a_pair]
    weekly = e_weekly[a_emp]
    hours = p_hours[a_per]
    per_day = np.where(
        np.isnan(hours),
        weekly / FULL_TIME_WEEKLY_HOURS,
        np.minimum(hours, weekly / 5) / HOURS_PER_DAY_EQUIVALENT,
    )
    a_de = cal.working_days_int(a_s, a_e) * per_day
    a_type = p_type[a_per]

    # Period counts: each finished period once, in the bucket of its end, attributed to the
    # overlapping employment whose overlap ends last (the first such employment on a tie).
    if len(pair_p):
        new_period = np.r_[True, pair_p[1:] != pair_p[:-1]]
        seg_starts = np.flatnonzero(new_period)
        seg_max = np.maximum.reduceat(ov_e, seg_starts)
        seg_len = np.diff(np.r_[seg_starts, len(pair_p)])
        best = np.flatnonzero(ov_e == np.repeat(seg_max, seg_len))
        best = best[np.r_[True, pair_p[best][1:] != pair_p[best][:-1]]]
    else:
        best = np.zeros(0, dtype=np.int64)
    # A period that outlasts the employment is counted on the employment's last day: the
    # period is over for this job, and it is counted in a month when the person worked there.
    c_per = pair_p[best]
    c_emp = pair_e[best]
    c_day = np.minimum(p_end[c_per], e_end[c_emp])
    ended = ~p_open[c_per] & (c_day >= ws) & (c_day <= we)
    c_per, c_emp, c_day = c_per[ended], c_emp[ended], c_day[ended]
    c_bucket = (
        _month_code(c_day) // step if step is not None else np.zeros(len(c_per), dtype=np.int64)
    )
    c_len = p_end[c_per] - p_start[c_per] + 1
    c_type = p_type[c_per]

    # --- Group keys across the three row sets.
    def bucket_end(bucket: np.ndarray, months: int | None) -> np.ndarray:
        if months is None:
            return np.full(len(bucket), we, dtype=np.int64)
        return np.minimum(_month_first_day((bucket + 1) * months) - 1, we)

    def dim_codes(dim: str, emp: np.ndarray, bucket: np.ndarray) -> np.ndarray:
        if dim in TIME_DIMENSIONS:
            return (bucket * (step or 1)) // (size or 1)
        if dim == "unit":
            return e_unit[emp]
        if dim == "job_family":
            return e_family[emp]
        return np.searchsorted(edges, _age(e_birth[emp], bucket_end(bucket, step)), side="right")

    row_sets = ((e_emp, e_bucket), (a_emp, a_bucket), (c_emp, c_bucket))
    codes = [[dim_codes(d, emp, b) for d in by] for emp, b in row_sets]
    keys = [np.zeros(len(emp), dtype=np.int64) for emp, _ in row_sets]
    mins, radices = [], []
    for j in range(len(by)):
        all_codes = np.concatenate([c[j] for c in codes])
        lo_j = int(all_codes.min()) if all_codes.size else 0
        radix = (int(all_codes.max()) - lo_j + 1) if all_codes.size else 1
        mins.append(lo_j)
        radices.append(radix)
        for i in range(3):
            keys[i] = keys[i] * radix + (codes[i][j] - lo_j)
    all_keys = np.concatenate(keys)
    key_space = int(np.prod(radices, dtype=np.float64)) if radices else 1
    if key_space <= max(4 * len(all_keys), 1 << 20):
        # Dense key space: compact with a presence table, O(n) instead of a sort.
        present = np.zeros(key_space, dtype=bool)
        present[all_keys] = True
        uniq = np.flatnonzero(present)
        group_of = np.cumsum(present) - 1
        inverse = group_of[all_keys]
    else:
        uniq, inverse = np.unique(all_keys, return_inverse=True)
    n_groups = len(uniq)
    splits = np.cumsum([len(k) for k in keys])[:-1]
    g_emp, g_abs, g_cnt = np.split(inverse.ravel(), splits)

    # Decode group values.
    out_keys: dict[str, np.ndarray] = {}
    rest = uniq.copy()
    decoded: list[np.ndarray] = [np.zeros(0)] * len(by)
    for j in range(len(by) - 1, -1, -1):
        decoded[j] = rest % radices[j] + mins[j]
        rest = rest // radices[j]
    g_bucket = np.zeros(n_groups, dtype=np.int64)
    for j, dim in enumerate(by):
        if dim in TIME_DIMENSIONS:
            g_bucket = decoded[j]
            out_keys[dim] = _month_first_day(decoded[j] * size).astype("datetime64[D]")
        else:
            out_keys[dim] = decoded[j]

    # Working days of each group's bucket ∩ window.
    if size is None:
        g_wd = np.full(n_groups, cal.working_days_int(np.array([ws]), np.array([we]))[0])
    else:
        g_wd = cal.working_days_int(
            np.maximum(_month_first_day(g_bucket * size), ws), bucket_end(g_bucket, size)
        )

    # --- Sums.
    contracted = np.bincount(
        g_emp, weights=e_wd * e_weekly[e_emp] / FULL_TIME_WEEKLY_HOURS, minlength=n_groups
    )
    employed_wd = np.bincount(g_emp, weights=e_wd, minlength=n_groups)
    # Distinct persons: a person with one employment has at most one row per group; only the
    # rows of persons with several employments need de-duplicating.
    n_persons = int(e_person.max(initial=0)) + 1
    several = np.bincount(e_person, minlength=n_persons)[e_person[e_emp]] > 1
    if step != size:
        several[:] = True  # one employment may have a row per month in the same group
    headcount = np.bincount(g_emp[~several], minlength=n_groups)
    if several.any():
        dup_keys = unique(g_emp[several] * n_persons + e_person[e_emp[several]])
        headcount += np.bincount(dup_keys // n_persons, minlength=n_groups)
    de_by_type = np.bincount(
        g_abs * n_types + a_type, weights=a_de, minlength=n_groups * n_types
    ).reshape(n_groups, n_types)
    periods_by_type = np.bincount(g_cnt * n_types + c_type, minlength=n_groups * n_types).reshape(
        n_groups, n_types
    )
    sick = np.isin(category[c_type], SICKNESS_CAUSES)
    long_ = sick & (c_len > long_threshold_days)

    def de_of(*cats: Category) -> np.ndarray:
        return np.asarray(de_by_type[:, np.isin(category, cats)].sum(axis=1), dtype=np.float64)

    return AbsenceFigures(
        by=by,
        keys=out_keys,
        type_names=tuple(type_names),
        headcount=headcount,
        working_days=g_wd,
        contracted_de=contracted,
        employed_working_days=employed_wd,
        de_by_type=de_by_type,
        sickness_de=de_of(*SICKNESS_CAUSES),
        own_sickness_de=de_of(Category.OWN_SICKNESS),
        child_sickness_de=de_of(Category.CHILD_SICKNESS),
        work_injury_de=de_of(Category.WORK_INJURY),
        parental_leave_de=de_of(Category.PARENTAL_LEAVE),
        time_off_de=de_of(Category.TIME_OFF),
        periods_by_type=periods_by_type,
        sickness_periods=np.bincount(g_cnt[sick], minlength=n_groups),
        short_periods=np.bincount(g_cnt[sick & ~long_], minlength=n_groups),
        long_periods=np.bincount(g_cnt[long_], minlength=n_groups),
        period_calendar_days=np.bincount(
            g_cnt[sick], weights=c_len[sick].astype(np.float64), minlength=n_groups
        ),
        long_threshold_days=long_threshold_days,
        age_band_labels=age_band_labels(list(age_band_edges)),
    )


def roll_up(values_by_unit: np.ndarray, parent: np.ndarray) -> np.ndarray:
    """Sum an additive per-unit figure (day-equivalents, period counts) up the unit tree.

    ``parent[u]`` is the parent index of unit ``u`` (−1 at a root); rows of ``values_by_unit``
    are units. Returns each unit's own value plus all its descendants'. Not for headcount: a
    person employed in two sub-units would be counted twice; recount distinct persons instead.
    """
    parent = np.asarray(parent, dtype=np.int64)
    totals = np.array(values_by_unit, dtype=np.float64, copy=True)
    # Depth of each unit, then push values from the deepest level up.
    depth = np.zeros(len(parent), dtype=np.int64)
    node = parent.copy()
    while (node >= 0).any():
        depth += node >= 0
        node = np.where(node >= 0, parent[np.maximum(node, 0)], -1)
    for level in range(int(depth.max(initial=0)), 0, -1):
        at = np.flatnonzero(depth == level)
        np.add.at(totals, parent[at], totals[at])
    return totals
