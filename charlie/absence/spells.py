"""Sickness spells and the cases the rules judge. Pure: the standard library only, never Django.

A *spell* is a run of sickness periods that overlap or follow each other day by day: the law
counts from the 1st day of a continuous absence. :func:`sickness_case` turns a spell, the
person's employments and their § 56 agreements and retention plans into the
``rules.SicknessCase`` that ``rules.obligations`` judges. The follow-up services load the data
and call these; nothing here reads the database.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from charlie.absence.rules import RetentionPlanRequest, Section56Terms, SicknessCase

#: Spells shown and followed up: ongoing ones, and those that ended at most this long before the
#: day asked about (refund claims under § 59 follow a case for months after it; a year covers
#: them).
LOOKBACK = timedelta(days=366)

#: (first day, last day or None while ongoing, absence types) of a spell.
Spell = tuple[date, date | None, list[str]]


class Job(Protocol):
    """What the follow-up needs of an employment (``people.models.Employment`` has it)."""

    @property
    def start_date(self) -> date: ...
    @property
    def end_date(self) -> date | None: ...
    @property
    def weekly_hours(self) -> Decimal: ...
    @property
    def org_unit_id(self) -> int | None: ...
    @property
    def notice_date(self) -> date | None: ...


def sickness_spells(periods: Sequence[tuple[date, date | None, str]]) -> list[Spell]:
    """Merge sickness periods that overlap or follow each other day by day into one spell: the
    law counts from the 1st day of a continuous absence. ``periods`` sorted by start."""
    spells: list[Spell] = []
    for start, end, kind in periods:
        if spells:
            first, last, kinds = spells[-1]
            if last is None or start <= last + timedelta(days=1):
                new_last = None if last is None or end is None else max(last, end)
                spells[-1] = (first, new_last, kinds if kind in kinds else [*kinds, kind])
                continue
        spells.append((start, end, [kind]))
    return spells


def is_recent(last: date | None, on: date) -> bool:
    """Whether a spell ending on ``last`` (None: ongoing) is within the :data:`LOOKBACK`."""
    return last is None or last >= on - LOOKBACK


def _running(job: Job, day: date) -> bool:
    return job.start_date <= day and (job.end_date is None or job.end_date >= day)


def employed_since(jobs: Sequence[Job], day: date) -> date | None:
    """The first day of the uninterrupted employment with the employer that runs on ``day``:
    employments that overlap or follow each other day by day are one employment with the
    kommune, whatever the unit or contract (sygedagpengeloven § 30, stk. 2, nr. 1: "ansat
    uafbrudt ... hos den pågældende arbejdsgiver"; DOMAIN.md 1.4). None when none runs on
    ``day``. Unit X since 1 Mar 2015, unit Y from 1 Sep 2025 → 1 Mar 2015."""
    if not any(_running(job, day) for job in jobs):
        return None
    start = min(job.start_date for job in jobs if _running(job, day))
    moved = True
    while moved:
        moved = False
        for job in jobs:
            reaches = job.end_date is None or job.end_date >= start - timedelta(days=1)
            if job.start_date < start and reaches:
                start, moved = job.start_date, True
    return start


def hours_before(jobs: Sequence[Job], first: date, weeks: int = 8) -> Decimal:
    """Contracted hours with the employer in the ``weeks`` weeks before ``first`` (the days
    first − 7·weeks … first − 1), every employment counted (§ 30, stk. 2, nr. 2 and stk. 4).
    Charlie has no time registration: weekly hours × days ÷ 7."""
    window_start, window_end = first - timedelta(weeks=weeks), first - timedelta(days=1)
    total = Decimal(0)
    for job in jobs:
        start = max(job.start_date, window_start)
        end = window_end if job.end_date is None else min(job.end_date, window_end)
        if end >= start:
            total += Decimal(job.weekly_hours) * Decimal((end - start).days + 1) / 7
    return total


def sickness_case(
    first: date,
    last: date | None,
    jobs: Sequence[Job],
    *,
    section_56: Section56Terms | None = None,
    retention_plan: RetentionPlanRequest | None = None,
) -> SicknessCase:
    """The case as the data know it. The § 30 conditions are about the employer, the kommune:
    the start of the uninterrupted employment (:func:`employed_since`) and the hours in the 8
    weeks before from every employment (:func:`hours_before`, estimated from the contracted
    weekly hours — Charlie has no time registration). The leave date is the end of the
    uninterrupted employment, if it has one, and the notice date is the one recorded on the
    employment that ends then (:func:`notice_given_on`): § 7 a's notice exception needs both.

    ``section_56`` is the person's § 56 agreement valid on ``first`` (:func:`agreement_on`);
    Charlie takes every spell in its validity as due to the covered condition (see
    ``absence.services.agreements``). ``retention_plan`` is the spell's fastholdelsesplan
    request."""
    related = section_56 is not None and section_56.is_valid_on(first)
    since = employed_since(jobs, first)
    if since is None:
        return SicknessCase(
            first_day=first,
            last_day=last,
            section_56=section_56,
            section_56_related=related,
            retention_plan=retention_plan,
        )
    return SicknessCase(
        first_day=first,
        last_day=last,
        employment_start=since,
        hours_last_8_weeks=hours_before(jobs, first),
        earlier_employment=any(job.end_date is not None and job.end_date < since for job in jobs),
        leave_date=(leave := _employed_until(jobs, first)),
        notice_given_on=notice_given_on(jobs, leave),
        section_56=section_56,
        section_56_related=related,
        retention_plan=retention_plan,
    )


def _employed_until(jobs: Sequence[Job], day: date) -> date | None:
    """The last day of the uninterrupted employment that runs on ``day`` (None: open)."""
    running = [job for job in jobs if _running(job, day)]
    if any(job.end_date is None for job in running):
        return None
    end = max(job.end_date for job in running if job.end_date is not None)
    moved = True
    while moved:
        moved = False
        for job in jobs:
            if job.start_date <= end + timedelta(days=1) and (
                job.end_date is None or job.end_date > end
            ):
                if job.end_date is None:
                    return None
                end, moved = job.end_date, True
    return end


def notice_given_on(jobs: Sequence[Job], leave_date: date | None) -> date | None:
    """The day notice was given (``Employment.notice_date``, "opsagt den") of the employment that
    ends the uninterrupted employment on ``leave_date``; the latest, if several end that day.
    None when the employment does not end or no notice date is recorded: then the § 7 a
    exception for an employee under notice (sygedagpengeloven § 7 a; DOMAIN.md 1.1) cannot
    apply."""
    if leave_date is None:
        return None
    notices = [
        job.notice_date
        for job in jobs
        if job.end_date == leave_date and job.notice_date is not None
    ]
    return max(notices) if notices else None


def unit_on(day: date, jobs: Sequence[Job]) -> int | None:
    """The org unit of the employment on ``day``; else the latest one started before it."""
    current = [j for j in jobs if j.start_date <= day and (j.end_date is None or j.end_date >= day)]
    if current:
        return current[-1].org_unit_id
    before = [j for j in jobs if j.start_date <= day]
    return before[-1].org_unit_id if before else None


def agreement_on(agreements: Sequence[Section56Terms], day: date) -> Section56Terms | None:
    """The agreement valid on ``day`` (the latest approved if two overlap), else None."""
    valid = [a for a in agreements if a.is_valid_on(day)]
    return max(valid, key=lambda a: a.approved_on) if valid else None


def plan_for_spell(
    plans: Sequence[tuple[date, RetentionPlanRequest]], first: date, last: date | None
) -> RetentionPlanRequest | None:
    """The plan recorded for the spell ``first``–``last``: its 1st day lies in the spell (a
    spell that grew backwards by a merged period keeps its plan)."""
    inside = [p for d, p in plans if first <= d and (last is None or d <= last)]
    return inside[-1] if inside else None


def superseded(agreement: Section56Terms, all_of_person: Sequence[Section56Terms]) -> bool:
    """Whether a later agreement was approved (the renewal happened)."""
    return any(a.approved_on > agreement.approved_on for a in all_of_person)
