"""Absence figures for people to read: load the data, compute with ``stats``, apply disclosure
control.

``absence_figures(access, start, end, by)`` returns one row per group with the Danmarks
Statistik/KRL measures (``charlie.absence.stats``). Grouping by ``unit`` gives every unit with
its sub-units rolled up: the figures are computed once per level of the tree, with each
employment placed in its ancestor at that level, so head counts are distinct people, never a
sum.

**Disclosure control** (``core.disclosure``, category ``fravaer``; docs/absence.md) is decided
once per *period* — a calendar month by default (``CHARLIE_ABSENCE_PERIOD_MONTHS``) — on
everyone employed in it, for every grouping at once: the unit tree (each unit's own people a
group of their own), job families, age bands and the total. A window is widened to whole
periods, and a group's figures for the window are shown only when the group may be shown in
every period of it. So whatever windows and groupings an analyst combines, everything published
is a sum of figures of one period's release, and no group of fewer people than the minimum can
be solved for (``tests/test_attacker.py`` tries).

Who sees what (``permissions.READ_ABSENCE_FIGURES``, ``Access.aggregate_paths``): HR and
analysts the whole municipality; a manager the units they manage (their sub-trees); others
nobody (403). ``access=None`` is the system itself (the command line, background work): the
whole municipality. Only aggregates leave this module, so no audit entry is written (no
person's data is shown).
"""

from __future__ import annotations

import calendar
import dataclasses
import hashlib
from datetime import date
from typing import Any, NamedTuple, cast

import numpy as np
from django.conf import settings
from django.core.cache import cache
from django.db import connections
from django.db.models import Case, F, FloatField, Func, IntegerField, Q, Value, When
from django.db.models.functions import Cast
from django.utils.translation import gettext as _

from charlie.absence import stats
from charlie.absence.kinds import CATEGORY_ABSENCE
from charlie.absence.models import AbsencePeriod
from charlie.absence.permissions import READ_ABSENCE_FIGURES
from charlie.core.arrays import unique
from charlie.core.cache import cached, version
from charlie.core.calendar import FIRST_DATE, LAST_DATE
from charlie.core.disclosure import Grouping, Population, protect
from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.core.services import min_group_size
from charlie.people.job_families import display_name
from charlie.people.models import Employment, JobFamily, OrgUnit
from charlie.people.services import under_units, unit_labels
from charlie.privacy.access import Access

#: Unit paths in scope: ``None`` for the whole municipality.
Paths = tuple[str, ...] | None
#: The longest window: ten years of history and the year being planned.
MAX_WINDOW_DAYS = 11 * 366
BY_CHOICES = ("unit", "job_family", "month", "quarter", "year", "age_band")
#: Lengths of the period figures are published for (``CHARLIE_ABSENCE_PERIOD_MONTHS``).
PERIOD_MONTHS = (1, 3, 6, 12)


@dataclasses.dataclass(frozen=True)
class FigureRow:
    """One group. The measures are ``None`` when disclosure control hides the group.

    ``sickness_day_equivalents``, ``absence_rate`` (sygefraværsprocent), ``days_per_fte`` and the
    period figures are the headline: own sickness **and work injury** together. The denominator
    of every rate is the possible day-equivalents, with all four causes of absence in it (barsel
    too; DOMAIN.md 2.1)."""

    key: dict[str, str]
    label: str
    depth: int
    headcount: int | None
    fte: float | None
    sickness_day_equivalents: float | None
    absence_rate: float | None
    days_per_fte: float | None
    periods_per_full_year_employee: float | None
    average_period_days: float | None
    short_periods: int | None
    long_periods: int | None
    #: Danmarks Statistik's four causes apart (DOMAIN.md 2.1), each ÷ the same possible
    #: day-equivalents as ``absence_rate``; ``all_causes_rate`` is the four together.
    own_sickness_rate: float | None = None
    work_injury_rate: float | None = None
    child_sickness_rate: float | None = None
    parental_leave_rate: float | None = None
    all_causes_rate: float | None = None

    @property
    def suppressed(self) -> bool:
        return self.headcount is None

    def as_json(self) -> dict[str, Any]:
        return {
            "group": self.key,
            "label": self.label,
            "depth": self.depth,
            "suppressed": self.suppressed,
            "headcount": self.headcount,
            "fte": self.fte,
            "sickness_day_equivalents": self.sickness_day_equivalents,
            "absence_rate": self.absence_rate,
            "days_per_fte": self.days_per_fte,
            "periods_per_full_year_employee": self.periods_per_full_year_employee,
            "average_period_days": self.average_period_days,
            "short_periods": self.short_periods,
            "long_periods": self.long_periods,
            "own_sickness_rate": self.own_sickness_rate,
            "work_injury_rate": self.work_injury_rate,
            "child_sickness_rate": self.child_sickness_rate,
            "parental_leave_rate": self.parental_leave_rate,
            "all_causes_rate": self.all_causes_rate,
        }


#: The measures of a row: what disclosure control hides (every one of them).
MEASURES = tuple(
    f.name for f in dataclasses.fields(FigureRow) if f.name not in ("key", "label", "depth")
)


@dataclasses.dataclass(frozen=True)
class Figures:
    start: date  # the published window: whole periods
    end: date
    by: str
    min_size: int
    long_threshold_days: int
    rows: list[FigureRow]
    total: FigureRow
    period_months: int = 1
    requested_start: date | None = None  # the window asked for, where it was widened
    requested_end: date | None = None

    @property
    def widened(self) -> bool:
        return (self.requested_start, self.requested_end) != (None, None) and (
            self.requested_start,
            self.requested_end,
        ) != (self.start, self.end)


def period_months() -> int:
    """The length in months of the periods absence figures are published for (1, 3, 6 or 12)."""
    months = int(settings.CHARLIE_ABSENCE_PERIOD_MONTHS)
    if months not in PERIOD_MONTHS:
        raise ValueError(
            f"CHARLIE_ABSENCE_PERIOD_MONTHS skal være 1, 3, 6 eller 12, ikke {months}."
        )
    return months


def _month_end(day: date) -> date:
    return day.replace(day=calendar.monthrange(day.year, day.month)[1])


def published_window(start: date, end: date, months: int | None = None) -> tuple[date, date]:
    """The window widened to whole periods of ``months`` calendar months (counted from
    January): figures are published for whole periods only, so that the difference of two
    windows is itself a window of whole periods (docs/absence.md, "Perioder for
    korte til at offentliggøre")."""
    months = months or period_months()
    first = date(start.year, (start.month - 1) // months * months + 1, 1)
    last_month = (end.month - 1) // months * months + months
    return first, _month_end(date(end.year, last_month, 1))


def _periods(start: date, end: date, months: int) -> list[tuple[date, date]]:
    """The periods of a window of whole periods, in order."""
    out = []
    day = start
    while day <= end:
        last = _month_end(date(day.year, day.month + months - 1, 1))
        out.append((day, last))
        day = date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    return out


def _paths(access: Access | None) -> Paths:
    """Unit paths the caller may see figures for; None means all (``access`` None: the
    system). 403 without the permission, and for a manager of no open unit."""
    if access is None:
        return None
    access.require(READ_ABSENCE_FIGURES)
    paths = access.aggregate_paths()
    if paths is not None and not paths:
        raise PermissionDenied
    return paths


class _DayNumber(Func):
    """A date as its day number since 1970-01-01 (``datetime64[D]``'s), computed in the
    database: turning 150,000 rows of dates into Python ``date`` objects and back into NumPy
    took most of a cold request."""

    output_field = IntegerField()
    template = "(%(expressions)s - DATE '1970-01-01')"  # PostgreSQL

    def as_sqlite(self, compiler: Any, connection: Any, **extra: Any) -> Any:
        return self.as_sql(
            compiler,
            connection,
            template="CAST(julianday(%(expressions)s) - 2440587.5 AS INTEGER)",
            **extra,
        )


def _fetch(queryset: Any, columns: dict[str, Any]) -> list[np.ndarray]:
    """The ``columns`` (name → expression) of ``queryset`` as one NumPy array each, read with a
    plain cursor: numbers only, NULL as NaN, no model or converter per row."""
    query = queryset.annotate(**columns).values_list(*columns)
    sql, params = query.query.sql_with_params()
    with connections[query.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return [np.zeros(0, dtype=np.float64) for _ in columns]
    return list(np.array(rows, dtype=np.float64).T)


def _as_days(values: np.ndarray) -> np.ndarray:
    """Day numbers (NaN: none) as ``datetime64[D]`` (NaT)."""
    out = np.full(len(values), np.datetime64("NaT", "D"), dtype="datetime64[D]")
    known = ~np.isnan(values)
    out[known] = values[known].astype(np.int64).astype("datetime64[D]")
    return out


def _touching(start: date, end: date) -> Q:
    return Q(start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gte=start))


def _employments_in(start: date, end: date, paths: Paths) -> Any:
    employments = Employment.objects.filter(_touching(start, end))
    if paths is not None:
        employments = employments.filter(under_units(paths))
    return employments.order_by()


def _load_employments(start: date, end: date, paths: Paths) -> dict[str, Any]:
    """The employment columns (and the dense person index) for the window: people data only,
    so they are cached until the people data change and an absence change reloads only the
    periods."""
    e_pk, e_person, e_unit, e_family, e_hours, e_start, e_end, e_birth = _fetch(
        _employments_in(start, end, paths),
        {
            "c_pk": F("pk"),
            "c_person": F("person_id"),
            "c_unit": F("org_unit_id"),
            "c_family": F("job_family_id"),
            "c_hours": Cast("weekly_hours", FloatField()),
            "c_start": _DayNumber("start_date"),
            "c_end": _DayNumber("end_date"),
            "c_birth": _DayNumber("person__birth_date"),
        },
    )
    # In a fixed order, so that the same employments give the same release fingerprint: sorted
    # here, not by the database (whose sort of 50,000 rows spilled to disk at 45,000 people).
    order = np.argsort(e_pk, kind="stable")
    e_person, e_unit, e_family, e_hours, e_start, e_end, e_birth = (
        a[order] for a in (e_person, e_unit, e_family, e_hours, e_start, e_end, e_birth)
    )
    person_ids = unique(e_person.astype(np.int64))
    return {
        "person_ids": person_ids,
        "employments": stats.EmploymentColumns(
            person=np.searchsorted(person_ids, e_person.astype(np.int64)),
            unit=e_unit.astype(np.int64),
            job_family=np.where(np.isnan(e_family), -1, e_family).astype(np.int64),
            weekly_hours=e_hours,
            start=_as_days(e_start),
            end=_as_days(e_end),
            birth_date=_as_days(e_birth),
        ),
    }


def _load_periods(
    start: date, end: date, paths: Paths, person_ids: np.ndarray, *, cache: bool = False
) -> Any:
    """The absence periods touching the window of the people employed in it (in scope). With
    ``cache`` the periods read are kept until the absence data change — and, for a manager,
    whose periods are those of the people in their units, the people data — so an import or
    an HR correction reads the employments again, not the periods of the whole municipality."""
    if cache:
        areas = ("absence",) if paths is None else ("absence", "people")
        key = f"absence:period-columns:{start}:{end}:{paths}"
        raw = cached(areas, key, lambda: _read_periods(start, end, paths))
    else:
        raw = _read_periods(start, end, paths)
    # A person erased since (retention) has no employments left, so no index: dropped here.
    p_person, p_type, p_start, p_end, p_hours = raw
    employed = np.isin(p_person.astype(np.int64), person_ids)
    p_person, p_type, p_start, p_end, p_hours = (
        a[employed] for a in (p_person, p_type, p_start, p_end, p_hours)
    )
    return stats.PeriodColumns(
        person=np.searchsorted(person_ids, p_person.astype(np.int64)),
        type_code=p_type.astype(np.int64),
        start=_as_days(p_start),
        end=_as_days(p_end),
        hours_per_day=p_hours,
    )


def _read_periods(start: date, end: date, paths: Paths) -> tuple[np.ndarray, ...]:
    """The periods touching the window (a manager's: of the people employed in their units),
    as columns: person id, type code, first and last day numbers, hours per day."""
    type_index = {name: i for i, name in enumerate(stats.ABSENCE_TYPES)}
    periods = AbsencePeriod.objects.filter(_touching(start, end))
    if paths is not None:
        # A manager's people as a subquery, not a list of ids: SQLite refuses more than 32,766
        # parameters. For the whole municipality every period touching the window is read and
        # those of people not employed in it are dropped below: cheaper than the subquery.
        periods = periods.filter(
            person_id__in=_employments_in(start, end, paths).values("person_id")
        )
    p_person, p_type, p_start, p_end, p_hours = _fetch(
        periods.order_by(),
        {
            "c_person": F("person_id"),
            "c_type": Case(
                *(When(absence_type=name, then=Value(i)) for name, i in type_index.items()),
                default=Value(-1),
                output_field=IntegerField(),
            ),
            "c_start": _DayNumber("start_date"),
            "c_end": _DayNumber("end_date"),
            "c_hours": Cast("hours_per_day", FloatField()),
        },
    )
    return p_person, p_type, p_start, p_end, p_hours


def _load(start: date, end: date, paths: Paths, *, cache: bool = False) -> dict[str, Any]:
    """The columns ``stats.compute_figures`` needs, for employments and periods touching the
    window (in the actor's units). Person ids become dense indices. Only the columns needed,
    dates as day numbers from the database, read straight into NumPy. With ``cache`` the
    employment columns are kept until the people data change."""
    if cache:
        key = f"absence:employment-columns:{start}:{end}:{paths}"
        data = dict(cached("people", key, lambda: _load_employments(start, end, paths)))
    else:
        data = _load_employments(start, end, paths)
    data["periods"] = _load_periods(start, end, paths, data["person_ids"], cache=cache)
    return data


#: FigureRow's measures: (name, the ``stats.AbsenceFigures`` attribute, digits; None: a count).
_MEASURE_SOURCES: tuple[tuple[str, str, int | None], ...] = (
    ("headcount", "headcount", None),
    ("fte", "fte", 1),
    ("sickness_day_equivalents", "sickness_de", 1),
    ("absence_rate", "rate", 4),
    ("days_per_fte", "days_per_fte", 1),
    ("periods_per_full_year_employee", "periods_per_full_year_employee", 2),
    ("average_period_days", "average_period_days", 1),
    ("short_periods", "short_periods", None),
    ("long_periods", "long_periods", None),
    ("own_sickness_rate", "own_sickness_rate", 4),
    ("work_injury_rate", "work_injury_rate", 4),
    ("child_sickness_rate", "child_sickness_rate", 4),
    ("parental_leave_rate", "parental_leave_rate", 4),
    ("all_causes_rate", "absence_rate", 4),
)


def _rows_of(f: stats.AbsenceFigures) -> list[dict[str, Any]]:
    """Every group's measures as Python numbers (NaN → None), each property of ``f`` computed
    once for all groups, not once per group."""
    columns: dict[str, list[Any]] = {}
    for name, source, digits in _MEASURE_SOURCES:
        values = np.asarray(getattr(f, source))
        if digits is None:
            columns[name] = [int(v) for v in values.tolist()]
        else:
            rounded = np.round(values.astype(np.float64), digits).tolist()
            columns[name] = [None if v != v else v for v in rounded]  # NaN → None
    return [
        dict(zip(columns, values, strict=True)) for values in zip(*columns.values(), strict=True)
    ]


def _row(measures: dict[str, Any], key: dict[str, str], label: str, depth: int) -> FigureRow:
    return FigureRow(key=key, label=label, depth=depth, **measures)


def _hidden(row: FigureRow) -> FigureRow:
    """The row with its label only: disclosure control hides every figure, the four causes
    included."""
    hidden: dict[str, Any] = dict.fromkeys(MEASURES)
    return dataclasses.replace(row, **hidden)


def _time_label(value: Any, by: str) -> str:
    day = date.fromisoformat(str(value)[:10])
    if by == "year":
        return str(day.year)
    if by == "quarter":
        return f"{day.year} K{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


# --- Disclosure control: one release per period ----------------------------------------------


@dataclasses.dataclass(frozen=True)
class Release:
    """Which groups may be shown for one period (``core.disclosure.protect`` on everyone
    employed in it, in every grouping at once). A group absent from a map had nobody in the
    period: its figures for the period are zero and may be shown."""

    start: date
    end: date
    units: dict[int, bool]
    families: dict[int, bool]
    bands: dict[int, bool]
    total: bool

    def shows(self, by: str, key: int) -> bool:
        table = {"unit": self.units, "job_family": self.families, "age_band": self.bands}[by]
        return table.get(key, True)


_TOTAL = "total"


def _units_in_scope(paths: Paths) -> list[tuple[int, int | None, str]]:
    rows = OrgUnit.objects.values_list("pk", "parent_id", "path").order_by("path")
    if paths is None:
        return list(rows)
    return [r for r in rows if any(r[2].startswith(p) for p in paths)]


@dataclasses.dataclass(frozen=True)
class _Frame:
    """The groupings of every period's release, and each employment's cells in them."""

    units: Grouping[Any]
    families: Grouping[Any]
    bands: Grouping[Any]
    unit_cell: np.ndarray  # per employment
    family_cell: np.ndarray  # per employment
    band_cells: np.ndarray  # per age band
    births: stats.BirthDates  # per employment, for the age band in each month
    #: The groupings' shape (the unit tree in scope, the job families, the bands): what the
    #: cells mean, so a release's fingerprint covers it.
    fingerprint: str = ""

    @classmethod
    def of(cls, data: dict[str, Any], units: list[tuple[int, int | None, str]]) -> _Frame:
        emp: stats.EmploymentColumns = data["employments"]
        in_scope = {pk for pk, _parent, _path in units}
        unit_parent: dict[object, object] = {_TOTAL: None}
        for pk, parent, _path in units:
            unit_parent[pk] = parent if parent in in_scope else _TOTAL
        unit_tree = Grouping.tree(unit_parent)
        family_ids = sorted({int(f) for f in emp.job_family.tolist()})
        families = Grouping.line(_TOTAL, family_ids)
        bands = Grouping.line(_TOTAL, list(range(len(stats.DEFAULT_AGE_BAND_EDGES) + 1)))
        unit_index, family_index, band_index = unit_tree.index(), families.index(), bands.index()
        unit_keys = np.array(sorted(in_scope), dtype=np.int64)
        unit_cells = np.array([unit_index[k] for k in unit_keys.tolist()], dtype=np.int64)
        family_keys = np.array(family_ids, dtype=np.int64)
        family_cells = np.array([family_index[k] for k in family_ids], dtype=np.int64)
        return cls(
            units=unit_tree,
            families=families,
            bands=bands,
            unit_cell=unit_cells[np.searchsorted(unit_keys, emp.unit)],
            family_cell=family_cells[np.searchsorted(family_keys, emp.job_family)],
            band_cells=np.array([band_index[b] for b in range(len(bands) - 1)], dtype=np.int64),
            births=stats.BirthDates.of(emp.birth_date),
            fingerprint=hashlib.blake2b(
                repr((units, family_ids, stats.DEFAULT_AGE_BAND_EDGES)).encode(), digest_size=20
            ).hexdigest(),
        )


#: How long a release stays cached. It is stored by a fingerprint of its input, not by the
#: data's version, so it can never be stale, only unused.
RELEASE_TIMEOUT = 24 * 60 * 60


def _population(
    data: dict[str, Any], frame: _Frame, start: date, end: date
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The members of one period's release: one per employment and month (a person's age band
    is taken at each month's end), as (person id, unit cell, job family cell, age band cell)."""
    emp: stats.EmploymentColumns = data["employments"]
    person_ids: np.ndarray = data["person_ids"]
    person, leaf_unit, leaf_family, leaf_band = [], [], [], []
    for month_start, month_end in _periods(start, end, 1):
        first, last = np.datetime64(month_start, "D"), np.datetime64(month_end, "D")
        rows = np.flatnonzero((emp.start <= last) & (np.isnat(emp.end) | (emp.end >= first)))
        person.append(person_ids[emp.person[rows]])
        leaf_unit.append(frame.unit_cell[rows])
        leaf_family.append(frame.family_cell[rows])
        leaf_band.append(frame.band_cells[frame.births.take(rows).age_bands(month_end)])
    return (
        np.concatenate(person).astype(np.int64),
        np.concatenate(leaf_unit).astype(np.int64),
        np.concatenate(leaf_family).astype(np.int64),
        np.concatenate(leaf_band).astype(np.int64),
    )


def _compact(column: np.ndarray) -> np.ndarray:
    """The column in the narrowest integer type that holds it: a quarter of the bytes to hash
    for the cells (a few thousand units), half for the person ids."""
    if not len(column):
        return np.ascontiguousarray(column)
    low, high = int(column.min()), int(column.max())
    for kind in (np.int8, np.int16, np.int32):
        info = np.iinfo(kind)
        if info.min <= low and high <= info.max:
            return np.ascontiguousarray(column, dtype=kind)
    return np.ascontiguousarray(column, dtype=np.int64)


def _release(data: dict[str, Any], frame: _Frame, start: date, end: date, min_size: int) -> Release:
    """One period's release. It is cached by a fingerprint of everything ``protect`` decides
    on — the members (person ids, not indices; the rows in a fixed order), the groupings and
    the minimum — so a change to the people data that leaves a month's population as it was
    (a new phone number, this month's new hire for the months before) does not decide that
    month again. Absence data do not enter: the decision is on people, and every measure of
    a hidden group is hidden."""
    members = _population(data, frame, start, end)
    digest = hashlib.blake2b(digest_size=20)
    digest.update(f"{frame.fingerprint}:{min_size}".encode())
    for column in members:
        compact = _compact(column)
        digest.update(compact.dtype.str.encode())
        digest.update(compact.tobytes())
        digest.update(b"|")
    key = f"charlie:absence:release:{digest.hexdigest()}"
    decided = cache.get(key)
    if decided is None:
        decided = _decide(frame, members, min_size)
        cache.set(key, decided, RELEASE_TIMEOUT)
    return dataclasses.replace(decided, start=start, end=end)


def _decide(
    frame: _Frame,
    members: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    min_size: int,
) -> Release:
    person, leaf_unit, leaf_family, leaf_band = members
    population = Population.of(person, leaf_unit, leaf_family, leaf_band)
    groupings = [frame.units, frame.families, frame.bands]
    shown_units, shown_families, shown_bands = protect(population, groupings, min_size=min_size)

    def decided(grouping: Grouping[Any], shown: np.ndarray) -> dict[int, bool]:
        return {
            int(k): bool(v)
            for k, v in zip(grouping.keys, shown.tolist(), strict=True)
            if k != _TOTAL
        }

    return Release(
        start=date.min,
        end=date.min,
        units=decided(frame.units, shown_units),
        families=decided(frame.families, shown_families),
        bands=decided(frame.bands, shown_bands),
        total=bool(shown_units[frame.units.root]),
    )


def _releases(
    data: dict[str, Any], start: date, end: date, paths: Paths, min_size: int
) -> list[Release]:
    """Every period's release, kept until the people data change: the decisions are on people
    only, so the first figures after a sick report do not decide them (nor fingerprint every
    month's population) again."""
    months = period_months()

    def decide() -> list[Release]:
        frame = _Frame.of(data, _units_in_scope(paths))
        return [
            _release(data, frame, p_start, p_end, min_size)
            for p_start, p_end in _periods(start, end, months)
        ]

    return cached("people", f"absence:releases:{start}:{end}:{paths}:{min_size}:{months}", decide)


def _shown_in_all(releases: list[Release], by: str, key: int) -> bool:
    return all(release.shows(by, key) for release in releases)


# --- The figures ---------------------------------------------------------------------------------


#: The measures of ``stats.AbsenceFigures`` that are sums over employments and periods.
_ADDITIVE = (
    "contracted_de",
    "employed_working_days",
    "de_by_type",
    "sickness_de",
    "own_sickness_de",
    "child_sickness_de",
    "work_injury_de",
    "parental_leave_de",
    "time_off_de",
    "periods_by_type",
    "sickness_periods",
    "short_periods",
    "long_periods",
    "period_calendar_days",
)


class _Unit(NamedTuple):
    pk: int
    name: str
    path: str


def _unit_rows(
    data: dict[str, Any],
    start: date,
    end: date,
    long_threshold_days: int,
    paths: Paths,
    releases: list[Release],
) -> list[FigureRow]:
    """Every unit with its sub-units, depth first. With
    ``paths`` (a manager's units) only those sub-trees: their ancestors would otherwise show
    figures of the manager's people under the name of a larger unit."""
    units = {
        pk: _Unit(pk, name, path)
        for pk, name, path in OrgUnit.objects.values_list("pk", "name", "path")
    }
    # A name that repeats ("Afsnit Nord" ×3) is shown with its parent, in the table and chart.
    labels = unit_labels()
    emp: stats.EmploymentColumns = data["employments"]
    ancestors = {
        pk: [int(part) for part in u.path.strip("/").split("/") if part] for pk, u in units.items()
    }
    max_depth = max((len(a) for a in ancestors.values()), default=0)
    if not units or not len(emp.unit):
        return []
    # Each unit's ancestor at every level (−1 below its own level), looked up per employment
    # with one index operation per level.
    unit_keys = np.array(sorted(ancestors), dtype=np.int64)
    table = np.full((len(unit_keys) + 1, max_depth), -1, dtype=np.int64)  # last row: unknown
    for i, pk in enumerate(unit_keys.tolist()):
        table[i, : len(ancestors[pk])] = ancestors[pk]
    where = np.searchsorted(unit_keys, emp.unit)
    known = (where < len(unit_keys)) & (
        unit_keys[np.minimum(where, len(unit_keys) - 1)] == emp.unit
    )
    emp_row = np.where(known, where, len(unit_keys))
    # The figures once, each employment in its own unit; every additive measure is then summed
    # up the tree (``stats.roll_up``: the same sums as computing once per level, where each
    # employment and each period counts in its unit's ancestor). Head counts are not additive
    # (a person in two sub-units is one person above them): they are recounted per level.
    leaf = stats.compute_figures(
        data["periods"], emp, start, end, by=("unit",), long_threshold_days=long_threshold_days
    )
    n_units = len(unit_keys)
    parent_ids = np.array(
        [ancestors[pk][-2] if len(ancestors[pk]) > 1 else -1 for pk in unit_keys.tolist()],
        dtype=np.int64,
    )
    parent = np.full(n_units, -1, dtype=np.int64)
    has_parent = parent_ids >= 0
    parent[has_parent] = np.searchsorted(unit_keys, parent_ids[has_parent])
    at = np.searchsorted(unit_keys, leaf.keys["unit"])
    sums: dict[str, Any] = {}
    for name in _ADDITIVE:
        values = getattr(leaf, name)
        spread = np.zeros((n_units, *values.shape[1:]), dtype=np.float64)
        spread[at] = values
        sums[name] = stats.roll_up(spread, parent)
        if values.dtype.kind in "iu":
            sums[name] = np.rint(sums[name]).astype(np.int64)
    pairs = []
    for level in range(max_depth):
        at_level = table[emp_row, level]
        keep = at_level >= 0
        pairs.append(
            np.searchsorted(unit_keys, at_level[keep]) * (int(emp.person.max()) + 1)
            + emp.person[keep]
        )
    distinct = unique(np.concatenate(pairs))
    headcount = np.bincount(distinct // (int(emp.person.max()) + 1), minlength=n_units)
    present = np.flatnonzero(headcount > 0)
    f = dataclasses.replace(
        leaf,
        keys={"unit": unit_keys[present]},
        headcount=headcount[present],
        working_days=np.full(len(present), leaf.working_days[0] if len(leaf) else 0),
        **{name: values[present] for name, values in sums.items()},
    )
    measures = _rows_of(f)
    by_unit: dict[int, FigureRow] = {}
    for i, unit_pk in enumerate(f.keys["unit"].tolist()):
        unit = units[int(unit_pk)]
        if paths is not None and not any(unit.path.startswith(p) for p in paths):
            continue
        level = len(ancestors[unit.pk]) - 1
        label = labels.get(unit.pk, unit.name)
        by_unit[unit.pk] = _row(measures[i], {"unit": str(unit.pk)}, label, level)
    # A unit hidden in any period's release is hidden (one set, not 12 look-ups per unit).
    hidden = {int(k) for r in releases for k, shown in r.units.items() if not shown}
    rows = []
    for pk in sorted(by_unit, key=lambda pk: units[pk].path):
        row = by_unit[pk]
        rows.append(_hidden(row) if pk in hidden else row)
    return rows


def absence_figures(
    access: Access | None,
    *,
    start: date,
    end: date,
    by: str,
    long_threshold_days: int = stats.DEFAULT_LONG_THRESHOLD_DAYS,
) -> Figures:
    """Absence figures for the window, grouped by ``by`` (one of ``BY_CHOICES``), with the
    municipality's (or the manager's units') total. The window is widened to whole periods
    (``published_window``); disclosure-controlled; cached until the people or absence data
    change."""
    if by not in BY_CHOICES:
        raise ValidationFailed([_("Ukendt gruppering. Brug en af: %s.") % ", ".join(BY_CHOICES)])
    if end < start:
        raise ValidationFailed([_("Slutdatoen ligger før startdatoen.")])
    if start < FIRST_DATE or end > LAST_DATE:
        raise ValidationFailed(
            [_("Datoerne skal ligge mellem %(a)s og %(b)s.") % {"a": FIRST_DATE, "b": LAST_DATE}]
        )
    months = period_months()
    if by in stats.TIME_DIMENSIONS and stats.TIME_DIMENSIONS[by] % months:
        per = {"month": _("måned"), "quarter": _("kvartal"), "year": _("kalenderår")}[by]
        raise ValidationFailed(
            [
                _(
                    "Fraværstal offentliggøres for perioder på %(n)s måneder, så de kan ikke "
                    "opdeles pr. %(by)s. Vælg en længere opdeling."
                )
                % {"n": months, "by": per}
            ]
        )
    asked = (start, end)
    start, end = published_window(start, end, months)
    if (end - start).days > MAX_WINDOW_DAYS:
        raise ValidationFailed([_("Vælg en periode på højst 11 år.")])
    paths = _paths(access)
    # Keyed by both data versions: the figures change with the absence data and the people
    # data. (Nesting two ``cached`` calls, as before, kept the figures of the old absence data
    # after a sick report, until the people data changed.)
    key = (
        f"figures:{start}:{end}:{by}:{long_threshold_days}:{paths}:{months}"
        f":people{version('people')}"
    )
    figures = cached("absence", key, lambda: _compute(start, end, by, paths, long_threshold_days))
    return dataclasses.replace(
        figures, period_months=months, requested_start=asked[0], requested_end=asked[1]
    )


def _compute(start: date, end: date, by: str, paths: Paths, long_threshold_days: int) -> Figures:
    min_size = min_group_size(CATEGORY_ABSENCE)
    data = _load(start, end, paths, cache=True)
    releases = _releases(data, start, end, paths, min_size)
    total_f = stats.compute_figures(
        data["periods"],
        data["employments"],
        start,
        end,
        long_threshold_days=long_threshold_days,
    )
    total = _row(_rows_of(total_f)[0], {}, _("I alt"), 0) if len(total_f) else None
    if by == "unit":
        rows = _unit_rows(data, start, end, long_threshold_days, paths, releases)
    else:
        f = stats.compute_figures(
            data["periods"],
            data["employments"],
            start,
            end,
            by=(cast(stats.Dimension, by),),
            long_threshold_days=long_threshold_days,
        )
        codes = f.keys[by].tolist()
        if by == "job_family":
            names = {
                pk: display_name(code, name)
                for pk, code, name in JobFamily.objects.values_list("pk", "code", "name")
            }
            labels = [names.get(int(k), _("Ukendt")) for k in codes]
        elif by == "age_band":
            labels = [f.age_band_labels[int(k)] for k in codes]
        else:
            labels = [_time_label(k, by) for k in codes]
        rows = []
        measures = _rows_of(f)
        for i, code in enumerate(codes):
            row = _row(measures[i], {by: labels[i]}, labels[i], 0)
            if by in stats.TIME_DIMENSIONS:
                first = date.fromisoformat(str(code)[:10])
                last = published_window(first, first, stats.TIME_DIMENSIONS[by])[1]
                covering = [r for r in releases if first <= r.start and r.end <= last]
                visible = all(r.total for r in covering)
            else:
                visible = _shown_in_all(releases, by, int(code))
            rows.append(row if visible else _hidden(row))
    if total is None or not all(r.total for r in releases):
        total = _hidden(total) if total is not None else _hidden(_empty_total())
    return Figures(
        start=start,
        end=end,
        by=by,
        min_size=min_size,
        long_threshold_days=long_threshold_days,
        rows=rows,
        total=total,
    )


def _empty_total() -> FigureRow:
    empty = FigureRow({}, _("I alt"), 0, **dict.fromkeys(MEASURES))  # type: ignore[arg-type]
    return dataclasses.replace(empty, headcount=0, short_periods=0, long_periods=0)
