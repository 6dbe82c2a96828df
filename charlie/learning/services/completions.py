"""The one record of completions (issue 14, points 3 and 6): every source — an organiser's
attendance, a passed module, a file, an xAPI statement, HR by hand — lands here through
:func:`record_completions`, which is idempotent on each row's ``external_id``, fills the
course's hours, price and validity, and raises the skills the course teaches through
``skills.services.record_course_levels`` (source "course", level as the course defines)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from charlie.learning import rules
from charlie.learning.models import Completion, Course
from charlie.learning.services.common import CATEGORY, for_learning
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.skills import services as skills

#: Rows per INSERT and per skills call: bounded memory for a million-row file.
BATCH = 5000


@dataclass(frozen=True, slots=True)
class NewCompletion:
    """One completion to record. ``hours`` and ``cost`` default to the course's hours and price,
    ``valid_until`` to the course's validity (``rules.valid_until``)."""

    person_id: int
    course_id: int
    completed_on: date
    result: str
    source: str
    external_id: str
    hours: Decimal | None = None
    cost: Decimal | None = None
    valid_until: date | None = None
    session_id: int | None = None


@dataclass(frozen=True, slots=True)
class Recorded:
    created: int
    already_known: int
    skill_levels: int
    #: External id → completion id of each row this call wrote (``record_completions`` only:
    #: an import of a million rows does not keep them).
    ids: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _CourseFacts:
    hours: Decimal
    price: Decimal
    valid_months: int | None
    title: str
    skills: tuple[tuple[int, int], ...]


def _facts(course_ids: set[int]) -> dict[int, _CourseFacts]:
    """The courses' facts and the skills they teach, in one query (a row per skill)."""
    found: dict[int, tuple[Decimal, Decimal, int | None, str]] = {}
    skills_of: dict[int, list[tuple[int, int]]] = {}
    for pk, hours, price, months, title, skill_id, level in (
        Course.objects.filter(pk__in=course_ids)
        .order_by()
        .values_list(
            "pk", "hours", "price", "valid_months", "title", "skills__skill_id", "skills__level"
        )
    ):
        found[pk] = (hours, price, months, title)
        if skill_id is not None:
            skills_of.setdefault(pk, []).append((skill_id, level))
    return {
        pk: _CourseFacts(hours, price, months, title, tuple(skills_of.get(pk, ())))
        for pk, (hours, price, months, title) in found.items()
    }


def record_completions(
    access: Access, rows: Sequence[NewCompletion], *, detail: str = "gennemført"
) -> Recorded:
    """Store these completions (those whose ``external_id`` is known already are skipped, so a
    file or statement sent twice, even at once, is stored once) and raise the skills their
    courses teach. Audited as a write of each person's learning record. The caller has checked
    its permission and scope. One transaction; inside a caller's, no savepoint of its own (two
    round trips saved per call: no caller goes on after an error here, so the whole transaction
    rolls back)."""
    batches = [rows[start : start + BATCH] for start in range(0, len(rows), BATCH)]
    with transaction.atomic(savepoint=False):
        return _record(access, batches, detail=detail, keep_ids=True)


# --- Many completions at once (the import of a file) ---------------------------------------------

#: The columns :func:`record_completions_in_bulk` writes, in order.
_COLUMNS = (
    "person_id",
    "course_id",
    "completed_on",
    "result",
    "source",
    "valid_until",
    "hours",
    "cost",
    "external_id",
    "session_id",
    "recorded_by_id",
    "created_at",
)
#: PostgreSQL: the session's temporary table the rows are copied into before the insert.
_LOAD_TABLE = "learning_completion_load"


def record_completions_in_bulk(
    access: Access, batches: Iterable[Sequence[NewCompletion]], *, detail: str = "gennemført"
) -> Recorded:
    """What :func:`record_completions` does, for a file of a million rows given in batches: the
    rows written as plain rows (``COPY`` into a temporary table and one ``INSERT … SELECT`` per
    batch on PostgreSQL), audited **once** per person for all the batches, and no ids kept. The
    caller must hold the transaction (``transaction.atomic``): the rows and the audit entries
    are written together or not at all."""
    if not connection.in_atomic_block:
        raise RuntimeError("record_completions_in_bulk must run inside transaction.atomic()")
    return _record(access, batches, detail=detail, keep_ids=False)


def _record(
    access: Access, batches: Iterable[Sequence[NewCompletion]], *, detail: str, keep_ids: bool
) -> Recorded:
    """Both public functions' work: per batch, the course facts (hours, price, validity,
    skills), the rows, the skills they raise; then one audit entry per person written to."""
    facts: dict[int, _CourseFacts] = {}
    people: set[int] = set()
    user_id = access.user.pk if access.user is not None and access.user.is_authenticated else None
    now = timezone.now()
    created = known = levels = 0
    ids: dict[str, int] = {}
    for batch in batches:
        missing = {row.course_id for row in batch} - facts.keys()
        if missing:
            facts.update(_facts(missing))
        values: dict[str, tuple[Any, ...]] = {}
        for row in batch:
            course = facts[row.course_id]
            until = row.valid_until or rules.valid_until(
                row.completed_on, course.valid_months, row.result
            )
            values.setdefault(
                row.external_id,
                (
                    row.person_id,
                    row.course_id,
                    row.completed_on,
                    row.result,
                    row.source,
                    until,
                    course.hours if row.hours is None else row.hours,
                    course.price if row.cost is None else row.cost,
                    row.external_id,
                    row.session_id,
                    user_id,
                    now,
                ),
            )
        fresh = _insert(list(values.values()))
        created += len(fresh)
        known += len(batch) - len(fresh)
        if keep_ids:
            ids.update(fresh)
        course_levels: list[skills.CourseLevel] = []
        for external_id in fresh:
            person_id, course_id, on, result, _s, until, *_rest = values[external_id]
            people.add(person_id)
            course = facts[course_id]
            if course.skills and result in rules.COUNTING_RESULTS:
                course_levels.extend(
                    skills.CourseLevel(
                        person_id=person_id,
                        skill_id=skill_id,
                        level=level,
                        on=on,
                        evidence=course.title,
                        expires_on=until,
                    )
                    for skill_id, level in course.skills
                )
        if course_levels:
            levels += skills.record_course_levels(access, course_levels)
    # One entry per person for the whole import, written BATCH people at a time (memory).
    ordered = sorted(people)
    for start in range(0, len(ordered), BATCH):
        for_learning(access).record(
            ordered[start : start + BATCH], action=Action.CREATE, category=CATEGORY, detail=detail
        )
    return Recorded(created=created, already_known=known, skill_levels=levels, ids=ids)


#: Rows per ``INSERT … VALUES``: 12,000 parameters, within SQLite's 32,766 and PostgreSQL's
#: 65,535. Larger batches on PostgreSQL travel by ``COPY``.
_VALUES_ROWS = 1000


def _insert(rows: list[tuple[Any, ...]]) -> dict[str, int]:
    """Insert these rows (``_COLUMNS``), skipping every ``external_id`` stored already (also by
    another process at the same moment: ``ON CONFLICT … DO NOTHING``); the rows written, as
    external id → completion id, from ``RETURNING`` (PostgreSQL, and SQLite from 3.35; Django
    requires 3.37). One statement per call for an xAPI statement or a passed module."""
    if not rows:
        return {}
    qn = connection.ops.quote_name
    table = qn(Completion._meta.db_table)
    columns = ", ".join(qn(c) for c in _COLUMNS)
    returning = f"ON CONFLICT ({qn('external_id')}) DO NOTHING RETURNING {qn('external_id')}, id"
    written: dict[str, int] = {}
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and len(rows) > _VALUES_ROWS:
            # Table and column names from the model, quoted; the values travel by COPY.
            # ON COMMIT DROP: gone with the import's transaction, so a pooled connection never
            # keeps one with yesterday's columns.
            cursor.execute(
                f"CREATE TEMPORARY TABLE IF NOT EXISTS {qn(_LOAD_TABLE)} ON COMMIT DROP AS "  # noqa: S608
                f"SELECT {columns} FROM {table} WITH NO DATA"
            )
            cursor.execute(f"TRUNCATE {qn(_LOAD_TABLE)}")
            with cursor.cursor.copy(f"COPY {qn(_LOAD_TABLE)} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            cursor.execute(
                f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {qn(_LOAD_TABLE)} "  # noqa: S608
                + returning
            )
            return dict(cursor.fetchall())
        one = "(" + ", ".join(["%s"] * len(_COLUMNS)) + ")"
        for start in range(0, len(rows), _VALUES_ROWS):
            chunk = rows[start : start + _VALUES_ROWS]
            cursor.execute(
                f"INSERT INTO {table} ({columns}) VALUES {', '.join([one] * len(chunk))} "  # noqa: S608
                + returning,
                [value for row in chunk for value in row],
            )
            written.update(cursor.fetchall())
    return written
