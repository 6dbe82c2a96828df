"""Absence figures for people to read: load the data, compute with ``stats``, apply disclosure
control (issue 4, point 2). Part of the absence app's services.

``absence_figures(actor, start, end, by)`` returns one row per group with the Danmarks
Statistik/KRL measures (``charlie.absence.stats``). Grouping by ``unit`` gives every unit with
its sub-units rolled up: the figures are computed once per level of the tree, with each
employment placed in its ancestor at that level, so head counts are distinct people, never a
sum. Every group goes through disclosure control (``core.disclosure``, category ``fravaer``):
a group of fewer people than the minimum shows no figures, and where one hidden group could be
recovered from the total, another is hidden too (``protect_table``; for units ``protect_tree``).

Who sees what: HR and analysts the whole municipality; a manager the units they manage (their
sub-trees); others nobody (403). Only aggregates leave this module, so no audit entry is
written (no person's data is shown).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any, cast

import numpy as np
from django.db.models import Q
from django.utils.translation import gettext as _

from charlie.absence import stats
from charlie.absence.models import AbsencePeriod
from charlie.core.cache import cached
from charlie.core.calendar import FIRST_DATE, LAST_DATE
from charlie.core.disclosure import TreeNode, protect_table, protect_tree
from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.core.roles import Role
from charlie.core.services import min_group_size
from charlie.people import services as people
from charlie.people.models import Employment, JobFamily, OrgUnit

CATEGORY = "fravaer"
#: The longest window: ten years of history and the year being planned.
MAX_WINDOW_DAYS = 11 * 366
BY_CHOICES = ("unit", "job_family", "month", "quarter", "year", "age_band")


@dataclasses.dataclass(frozen=True)
class FigureRow:
    """One group. The measures are ``None`` when disclosure control hides the group."""

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
        }


@dataclasses.dataclass(frozen=True)
class Figures:
    start: date
    end: date
    by: str
    min_size: int
    long_threshold_days: int
    rows: list[FigureRow]
    total: FigureRow


def _scope_units(actor: Any) -> list[str] | None:
    """Unit paths the actor may see figures for; None means all. 403 for other roles."""
    if actor is None or actor.role in (Role.HR, Role.ANALYST):
        return None
    if actor.role == Role.MANAGER:
        paths = list(people.managed_units(actor).values_list("path", flat=True))
        if paths:
            return paths
    raise PermissionDenied


def _dates(values: Sequence[date | None]) -> np.ndarray:
    return np.array([v if v is not None else "NaT" for v in values], dtype="datetime64[D]")


def _load(start: date, end: date, paths: list[str] | None) -> dict[str, Any]:
    """The columns ``stats.compute_figures`` needs, for employments and periods touching the
    window (in the actor's units). Person ids become dense indices."""
    touching = Q(start_date__lte=end) & (Q(end_date__isnull=True) | Q(end_date__gte=start))
    employments = Employment.objects.filter(touching)
    if paths is not None:
        in_scope = Q()
        for path in paths:
            in_scope |= Q(org_unit__path__startswith=path)
        employments = employments.filter(in_scope)
    e = list(
        employments.values_list(
            "person_id",
            "org_unit_id",
            "job_family_id",
            "weekly_hours",
            "start_date",
            "end_date",
            "person__birth_date",
        )
    )
    person_ids = np.array(sorted({row[0] for row in e}), dtype=np.int64)
    # The people as a subquery, not a list of ids: SQLite refuses more than 32,766 parameters,
    # and a municipality of 45,000 has more people than that.
    p = list(
        AbsencePeriod.objects.filter(
            touching, person_id__in=employments.values("person_id")
        ).values_list("person_id", "absence_type", "start_date", "end_date", "hours_per_day")
    )
    type_index = {name: i for i, name in enumerate(stats.ABSENCE_TYPES)}
    return {
        "person_ids": person_ids,
        "employments": stats.EmploymentColumns(
            person=np.searchsorted(person_ids, np.array([r[0] for r in e], dtype=np.int64)),
            unit=np.array([r[1] for r in e], dtype=np.int64),
            job_family=np.array([r[2] if r[2] is not None else -1 for r in e], dtype=np.int64),
            weekly_hours=np.array([float(r[3]) for r in e], dtype=np.float64),
            start=_dates([r[4] for r in e]),
            end=_dates([r[5] for r in e]),
            birth_date=_dates([r[6] for r in e]),
        ),
        "periods": stats.PeriodColumns(
            person=np.searchsorted(person_ids, np.array([r[0] for r in p], dtype=np.int64)),
            type_code=np.array([type_index[r[1]] for r in p], dtype=np.int64),
            start=_dates([r[2] for r in p]),
            end=_dates([r[3] for r in p]),
            hours_per_day=np.array(
                [float(r[4]) if r[4] is not None else np.nan for r in p], dtype=np.float64
            ),
        ),
    }


def _row(f: stats.AbsenceFigures, i: int, key: dict[str, str], label: str, depth: int) -> FigureRow:
    def number(values: np.ndarray, digits: int) -> float | None:
        value = float(values[i])
        return None if np.isnan(value) else round(value, digits)

    return FigureRow(
        key=key,
        label=label,
        depth=depth,
        headcount=int(f.headcount[i]),
        fte=number(f.fte, 1),
        sickness_day_equivalents=number(f.sickness_de, 1),
        absence_rate=number(f.rate, 4),
        days_per_fte=number(f.days_per_fte, 1),
        periods_per_full_year_employee=number(f.periods_per_full_year_employee, 2),
        average_period_days=number(f.average_period_days, 1),
        short_periods=int(f.short_periods[i]),
        long_periods=int(f.long_periods[i]),
    )


def _hidden(row: FigureRow) -> FigureRow:
    """The row with its label only: disclosure control hides every figure."""
    return FigureRow(row.key, row.label, row.depth, *([None] * 9))


def _time_label(value: Any, by: str) -> str:
    day = date.fromisoformat(str(value)[:10])
    if by == "year":
        return str(day.year)
    if by == "quarter":
        return f"{day.year} K{(day.month - 1) // 3 + 1}"
    return f"{day.year}-{day.month:02d}"


def _unit_rows(
    data: dict[str, Any],
    start: date,
    end: date,
    long_threshold_days: int,
    paths: list[str] | None,
) -> list[FigureRow]:
    """Every unit with its sub-units, depth first, by computing once per tree level. With
    ``paths`` (a manager's units) only those sub-trees: their ancestors would otherwise show
    figures of the manager's people under the name of a larger unit."""
    units = {u.pk: u for u in OrgUnit.objects.all()}
    emp: stats.EmploymentColumns = data["employments"]
    ancestors = {
        pk: [int(part) for part in u.path.strip("/").split("/") if part] for pk, u in units.items()
    }
    max_depth = max((len(a) for a in ancestors.values()), default=0)
    by_unit: dict[int, FigureRow] = {}
    for level in range(max_depth):
        at_level = np.array(
            [
                ancestors[u][level] if len(ancestors.get(u, [])) > level else -1
                for u in emp.unit.tolist()
            ],
            dtype=np.int64,
        )
        keep = at_level >= 0
        if not keep.any():
            continue
        columns = dataclasses.replace(
            emp,
            **{
                name: getattr(emp, name)[keep]
                for name in ("person", "job_family", "weekly_hours", "start", "end", "birth_date")
            },
            unit=at_level[keep],
        )
        f = stats.compute_figures(
            data["periods"],
            columns,
            start,
            end,
            by=("unit",),
            long_threshold_days=long_threshold_days,
        )
        for i, unit_pk in enumerate(f.keys["unit"].tolist()):
            unit = units[int(unit_pk)]
            if paths is not None and not any(unit.path.startswith(p) for p in paths):
                continue
            by_unit[unit.pk] = _row(f, i, {"unit": str(unit.pk)}, unit.name, level)
    # Disclosure on the tree of head counts (direct = distinct people in the unit itself is not
    # published; the tree rule hides a sibling where a small unit could be subtracted out).
    children: dict[int | None, list[int]] = {}
    for pk in sorted(by_unit, key=lambda pk: units[pk].path):
        parent = units[pk].parent_id
        children.setdefault(parent if parent in by_unit else None, []).append(pk)

    def node(pk: int) -> TreeNode[int]:
        kids = [node(c) for c in children.get(pk, [])]
        total = by_unit[pk].headcount or 0
        return TreeNode(pk, max(total - sum(k.total() for k in kids), 0), kids)

    min_size = min_group_size(CATEGORY)
    shown = protect_tree([node(pk) for pk in children.get(None, [])], min_size=min_size)
    rows = []
    for pk in sorted(by_unit, key=lambda pk: units[pk].path):
        row = by_unit[pk]
        small = row.headcount is not None and 0 < row.headcount < min_size
        rows.append(_hidden(row) if shown.get(pk) is None or small else row)
    return rows


def absence_figures(
    actor: Any,
    *,
    start: date,
    end: date,
    by: str,
    long_threshold_days: int = stats.DEFAULT_LONG_THRESHOLD_DAYS,
) -> Figures:
    """Absence figures for the window, grouped by ``by`` (one of ``BY_CHOICES``), with the
    municipality's (or the manager's units') total. Disclosure-controlled; cached until the
    people or absence data change."""
    if by not in BY_CHOICES:
        raise ValidationFailed([_("Ukendt gruppering. Brug en af: %s.") % ", ".join(BY_CHOICES)])
    if end < start:
        raise ValidationFailed([_("Slutdatoen ligger før startdatoen.")])
    if start < FIRST_DATE or end > LAST_DATE:
        raise ValidationFailed(
            [_("Datoerne skal ligge mellem %(a)s og %(b)s.") % {"a": FIRST_DATE, "b": LAST_DATE}]
        )
    if (end - start).days > MAX_WINDOW_DAYS:
        raise ValidationFailed([_("Vælg en periode på højst 11 år.")])
    paths = _scope_units(actor)
    key = f"figures:{start}:{end}:{by}:{long_threshold_days}:{paths}"
    return cached(
        "absence",
        key,
        lambda: cached("people", key, lambda: _compute(start, end, by, paths, long_threshold_days)),
    )


def _compute(
    start: date, end: date, by: str, paths: list[str] | None, long_threshold_days: int
) -> Figures:
    min_size = min_group_size(CATEGORY)
    data = _load(start, end, paths)
    total_f = stats.compute_figures(
        data["periods"],
        data["employments"],
        start,
        end,
        long_threshold_days=long_threshold_days,
    )
    total = _row(total_f, 0, {}, _("I alt"), 0) if len(total_f) else None
    if by == "unit":
        rows = _unit_rows(data, start, end, long_threshold_days, paths)
    else:
        f = stats.compute_figures(
            data["periods"],
            data["employments"],
            start,
            end,
            by=(cast(stats.Dimension, by),),
            long_threshold_days=long_threshold_days,
        )
        if by == "job_family":
            names = dict(JobFamily.objects.values_list("pk", "name"))
            labels = [names.get(int(k), _("Ukendt")) for k in f.keys[by].tolist()]
        elif by == "age_band":
            labels = [f.age_band_labels[int(k)] for k in f.keys[by].tolist()]
        else:
            labels = [_time_label(k, by) for k in f.keys[by].tolist()]
        rows = [_row(f, i, {by: labels[i]}, labels[i], 0) for i in range(len(f))]
        # The difference rule over the groups and the total (one column of head counts).
        table = protect_table(
            {(i, "n"): row.headcount or 0 for i, row in enumerate(rows)},
            list(range(len(rows))),
            ["n"],
            min_size=min_size,
        )
        rows = [
            row if table.cell(i, "n") is not None else _hidden(row) for i, row in enumerate(rows)
        ]
    if total is None or (total.headcount or 0) < min_size:
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
    return FigureRow({}, _("I alt"), 0, 0, None, None, None, None, None, None, 0, 0)
