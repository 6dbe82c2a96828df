"""Writing absence periods in bulk: what the payroll import needs.

The absence app owns ``AbsencePeriod``; other apps (the import) write it only through these
functions. They write in bulk and send no signals, so each bumps the absence data's version
(``core.cache``) itself; the caller runs them inside its transaction and writes the audit log.
Absence is dates and types only (DOMAIN.md 6.4).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import connection

from charlie.absence.kinds import ABSENCE_TYPES
from charlie.absence.models import AbsencePeriod
from charlie.core.cache import bump


@dataclass(frozen=True, slots=True)
class AbsenceRow:
    """One absence period to write: plain values, no model instance (millions are written)."""

    person_id: int
    employment_id: int | None
    absence_type: str
    start_date: date
    end_date: date | None
    hours_per_day: Decimal | None


@dataclass(frozen=True, slots=True)
class ExistingAbsence:
    id: int
    employment_id: int | None
    end_date: date | None
    hours_per_day: Decimal | None


AbsenceKey = tuple[int, str, date]


@contextmanager
def bulk_load() -> Iterator[None]:
    """Around many ``insert_absences``: on SQLite, when the table is still empty (a first
    load), its indexes are dropped and built once at the end — several times faster than
    keeping millions of random inserts into four indexes in order. Otherwise nothing changes.
    Run it inside the caller's transaction, so a failure rolls the indexes back too.
    """
    table = AbsencePeriod._meta.db_table
    rebuild: list[str] = []
    if connection.vendor == "sqlite" and not AbsencePeriod.objects.exists():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master "
                "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                [table],
            )
            for name, sql in cursor.fetchall():
                cursor.execute(f"DROP INDEX {connection.ops.quote_name(name)}")
                rebuild.append(sql)
    try:
        yield
    finally:
        if rebuild:
            with connection.cursor() as cursor:
                for sql in rebuild:
                    cursor.execute(sql)


def person_ids_with_absence() -> set[int]:
    """The people who have any absence period, so an import asks only about them."""
    return set(AbsencePeriod.objects.values_list("person_id", flat=True).distinct())


def existing_absences(
    person_ids: Iterable[int], start_dates: Iterable[date]
) -> dict[AbsenceKey, ExistingAbsence]:
    """Absence periods of these people starting on these days, by (person, type, start).

    If a person has two periods with the same type and start (entered by hand), the one with the
    lowest id is the one an import updates.
    """
    people, days = sorted(set(person_ids)), sorted(set(start_dates))
    if not people or not days:
        return {}
    rows = (
        AbsencePeriod.objects.filter(person_id__in=people, start_date__in=days)
        .order_by("-id")
        .values_list(
            "id", "person_id", "absence_type", "start_date", "employment_id", "end_date",
            "hours_per_day",
        )
    )  # fmt: skip
    return {
        (person_id, kind, start): ExistingAbsence(pk, employment_id, end, hours)
        for pk, person_id, kind, start, employment_id, end, hours in rows
    }


def _check(row: AbsenceRow) -> None:
    if row.absence_type not in ABSENCE_TYPES:
        raise ValueError(f"Unknown absence type {row.absence_type!r}")


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def insert_absences(rows: Sequence[AbsenceRow]) -> int:
    """Insert the periods with one ``executemany``; returns how many."""
    if not rows:
        return 0
    for row in rows:
        _check(row)
    table = connection.ops.quote_name(AbsencePeriod._meta.db_table)
    columns = "person_id, employment_id, absence_type, start_date, end_date, hours_per_day"
    sql = f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s, %s, %s)"  # noqa: S608
    day = connection.ops.adapt_datefield_value
    params = [
        (
            r.person_id,
            r.employment_id,
            r.absence_type,
            day(r.start_date),
            None if r.end_date is None else day(r.end_date),
            _decimal(r.hours_per_day),
        )
        for r in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)
    bump("absence")
    return len(rows)


def update_absences(changes: Sequence[tuple[int, AbsenceRow]]) -> int:
    """Set employment, end date and hours of existing periods (by id); returns how many."""
    if not changes:
        return 0
    objects = [
        AbsencePeriod(
            pk=pk,
            person_id=row.person_id,
            employment_id=row.employment_id,
            absence_type=row.absence_type,
            start_date=row.start_date,
            end_date=row.end_date,
            hours_per_day=row.hours_per_day,
        )
        for pk, row in changes
    ]
    AbsencePeriod.objects.bulk_update(
        objects, ["employment_id", "end_date", "hours_per_day"], batch_size=1000
    )
    bump("absence")
    return len(objects)


def move_absences(employment_id: int, person_id: int) -> int:
    """Give the periods of one employment to another person (the import found that two people
    in Charlie are one: the same CPR number in a payroll file); returns how many moved."""
    moved = AbsencePeriod.objects.filter(employment_id=employment_id).update(person_id=person_id)
    if moved:
        bump("absence")
    return moved
