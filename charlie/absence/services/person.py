"""One person's absence and sickness follow-up, for the person overview (``people.overview``).

People, below absence in the app order, shows it through the section registry: ``apps.py``
registers :func:`person_section` and its template. Scope is checked here again (HR everyone, a
manager the people in their units: ``people.visible_people``, 404 outside it) and the read is
recorded (category ``fravaer``). A manager sees only what lies in the person's time in the
manager's units (``people.visible_windows``), as on the agreements page.

Kept small: the periods and tasks shown are capped, and the 12-month rate is one person's
``stats.compute_figures`` — a few indexed queries, no matter the size of the municipality.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np
from django.utils.translation import gettext as _

from charlie.absence import stats
from charlie.absence.kinds import CATEGORY_ABSENCE, SICKNESS_TYPES
from charlie.absence.models import (
    AbsencePeriod,
    AbsenceType,
    FollowUpTask,
    RetentionPlan,
    Section56Agreement,
    TaskStatus,
)
from charlie.absence.permissions import MANAGE_TASKS
from charlie.absence.services.followup import recent_spells
from charlie.absence.services.selfservice import default_last_day
from charlie.absence.services.tasks import task_label
from charlie.people import services as people
from charlie.people.models import Person
from charlie.privacy.access import Access

#: How many periods and done tasks the overview lists (the rest are counted).
SHOWN_PERIODS = 20
SHOWN_DONE_TASKS = 10
RATE_DAYS = 365


@dataclass(frozen=True)
class PeriodRow:
    label: str
    first_day: date
    last_day: date | None
    days: int


@dataclass(frozen=True)
class TaskLine:
    task: FollowUpTask
    label: str
    overdue: bool


def _float(value: object) -> float | None:
    return None if value is None else float(value)  # type: ignore[arg-type]


def _dates(values: list[date | None]) -> np.ndarray:
    return np.array([np.datetime64(v, "D") if v else np.datetime64("NaT", "D") for v in values])


def person_rate(
    employments: list[tuple[float, date, date | None]],
    periods: list[tuple[str, date, date | None, float | None]],
    start: date,
    end: date,
) -> float | None:
    """The person's sickness rate (fraction) in [start, end] by Danmarks Statistik's
    definition (``stats.compute_figures``); None when nothing was possible (not employed)."""
    if not employments:
        return None
    type_index = {name: i for i, name in enumerate(stats.ABSENCE_TYPES)}
    figures = stats.compute_figures(
        stats.PeriodColumns(
            person=np.zeros(len(periods), dtype=np.int64),
            type_code=np.array([type_index[p[0]] for p in periods], dtype=np.int64),
            start=_dates([p[1] for p in periods]),
            end=_dates([p[2] for p in periods]),
            hours_per_day=np.array(
                [float(p[3]) if p[3] is not None else np.nan for p in periods], dtype=np.float64
            ),
        ),
        stats.EmploymentColumns(
            person=np.zeros(len(employments), dtype=np.int64),
            unit=np.zeros(len(employments), dtype=np.int64),
            job_family=np.zeros(len(employments), dtype=np.int64),
            weekly_hours=np.array([e[0] for e in employments], dtype=np.float64),
            start=_dates([e[1] for e in employments]),
            end=_dates([e[2] for e in employments]),
            birth_date=_dates([date(1970, 1, 1)] * len(employments)),
        ),
        start,
        end,
    )
    if not len(figures):
        return None
    rate = float(figures.rate[0])
    return None if np.isnan(rate) else rate


def person_section(access: Access, person: Person, *, on: date | None = None) -> dict[str, Any]:
    """The absence section of the person overview: the 12-month sickness rate, recent sickness
    spells, absence periods, open and done follow-up tasks, § 56 agreements and retention
    plans. HR and managers (``MANAGE_TASKS``, 403 otherwise); 404 outside the caller's scope."""
    access.require(MANAGE_TASKS)
    people.ensure_in_scope(access, person.pk)
    on = on or people.today()
    windows = people.visible_windows(access, person.pk)
    access.record_read([person.pk], category=CATEGORY_ABSENCE, detail="person:overblik")

    start = on - timedelta(days=RATE_DAYS - 1)
    jobs = [
        (float(hours), max(first, start), last)
        for hours, first, last in people.employments_in_view(access, person.pk)
        .filter(start_date__lte=on)
        .exclude(end_date__lt=start)
        .values_list("weekly_hours", "start_date", "end_date")
    ]
    all_periods = [
        p
        for p in AbsencePeriod.objects.filter(person=person, start_date__lte=on).order_by(
            "-start_date", "-pk"
        )
        if people.windows_overlap(windows, p.start_date, p.end_date)
    ]
    in_year = [p for p in all_periods if p.end_date is None or p.end_date >= start]
    rate = person_rate(
        jobs,
        [(p.absence_type, p.start_date, p.end_date, _float(p.hours_per_day)) for p in in_year],
        start,
        on,
    )
    type_labels = {value: str(label) for value, label in AbsenceType.choices}
    periods = [
        PeriodRow(
            label=type_labels.get(p.absence_type, p.absence_type),
            first_day=p.start_date,
            last_day=p.end_date,
            days=((p.end_date or on) - p.start_date).days + 1,
        )
        for p in all_periods[:SHOWN_PERIODS]
    ]
    tasks = FollowUpTask.objects.filter(people.in_units(access), person=person)
    open_tasks = [
        TaskLine(t, task_label(t.code), t.due < on)
        for t in tasks.filter(status=TaskStatus.OPEN).order_by("due", "pk")
    ]
    done = tasks.exclude(status=TaskStatus.OPEN)
    done_tasks = [
        TaskLine(t, task_label(t.code), False)
        for t in done.order_by("-done_at", "-due", "-pk")[:SHOWN_DONE_TASKS]
    ]
    agreements = [
        a
        for a in Section56Agreement.objects.filter(person=person).order_by("-approved_on")
        if people.windows_overlap(windows, a.approved_on, a.valid_until)
    ]
    plans = [
        p
        for p in RetentionPlan.objects.filter(person=person).order_by("-first_day")
        if people.windows_overlap(windows, p.first_day, p.first_day)
    ]
    sick = next(
        (p for p in all_periods if p.absence_type in SICKNESS_TYPES and p.end_date is None), None
    )
    return {
        "title": _("Fravær og opfølgning"),
        "person": person,
        # A manager or HR reports an employee sick or well here (not themselves: "Mit fravær").
        "can_report": person.pk != access.person_id,
        "open_sickness": sick,
        "last_day_default": default_last_day(sick, on),
        "today": on,
        "rate_start": start,
        "rate_percent": None if rate is None else rate * 100,
        "spells": list(reversed(recent_spells(person.pk, on, windows))),
        "periods": periods,
        "period_count": len(all_periods),
        "open_tasks": open_tasks,
        "done_tasks": done_tasks,
        "done_count": done.count() if len(done_tasks) == SHOWN_DONE_TASKS else len(done_tasks),
        "agreements": agreements,
        "plans": plans,
    }
