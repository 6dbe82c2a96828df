"""The one record of completions (issue 14, points 3 and 6): every source — an organiser's
attendance, a passed module, a file, an xAPI statement, HR by hand — lands here through
:func:`record_completions`, which is idempotent on each row's ``external_id``, fills the
course's hours, price and validity, and raises the skills the course teaches through
``skills.services.record_course_levels`` (source "course", level as the course defines)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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
    its permission and scope; one transaction per call (callers that must be all-or-nothing
    over many batches wrap the calls in their own)."""
    created = known = levels = 0
    for start in range(0, len(rows), BATCH):
        batch = rows[start : start + BATCH]
        c, k, lv = _record_batch(access, batch, detail=detail)
        created, known, levels = created + c, known + k, levels + lv
    return Recorded(created=created, already_known=known, skill_levels=levels)


def _record_batch(
    access: Access, batch: Sequence[NewCompletion], *, detail: str
) -> tuple[int, int, int]:
    ids = [row.external_id for row in batch]
    existing = set(
        Completion.objects.filter(external_id__in=ids)
        .order_by()
        .values_list("external_id", flat=True)
    )
    seen: set[str] = set()
    fresh: list[NewCompletion] = []
    for row in batch:
        if row.external_id in existing or row.external_id in seen:
            continue
        seen.add(row.external_id)
        fresh.append(row)
    if not fresh:
        return 0, len(batch), 0
    facts = _facts({row.course_id for row in fresh})
    objects = []
    levels: list[skills.CourseLevel] = []
    for row in fresh:
        course = facts[row.course_id]
        until = row.valid_until or rules.valid_until(
            row.completed_on, course.valid_months, row.result
        )
        objects.append(
            Completion(
                person_id=row.person_id,
                course_id=row.course_id,
                completed_on=row.completed_on,
                result=row.result,
                source=row.source,
                valid_until=until,
                hours=course.hours if row.hours is None else row.hours,
                cost=course.price if row.cost is None else row.cost,
                external_id=row.external_id,
                session_id=row.session_id,
                recorded_by=access.user,
            )
        )
        if row.result in rules.COUNTING_RESULTS:
            levels.extend(
                skills.CourseLevel(
                    person_id=row.person_id,
                    skill_id=skill_id,
                    level=level,
                    on=row.completed_on,
                    evidence=course.title,
                    expires_on=until,
                )
                for skill_id, level in course.skills
            )
    # No savepoint inside a caller's transaction (two round trips saved per call): no caller
    # goes on after an error here, so the whole transaction rolls back.
    with transaction.atomic(savepoint=False):
        # ignore_conflicts: a twin sent at the same moment by another process is stored once.
        Completion.objects.bulk_create(objects, ignore_conflicts=True)
        for_learning(access).record(
            {row.person_id for row in fresh}, action=Action.CREATE, category=CATEGORY, detail=detail
        )
        written = skills.record_course_levels(access, levels)
    return len(fresh), len(batch) - len(fresh), written


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
    """What :func:`record_completions` does, for a file of a million rows: the same rows stored
    (idempotent on ``external_id``: ``ON CONFLICT (external_id) DO NOTHING``), the same hours,
    cost, validity and skills; but written as plain rows (``COPY`` into a temporary table and
    one ``INSERT … SELECT`` per batch on PostgreSQL, ``INSERT OR IGNORE`` on SQLite) instead of a
    model object per row, and audited **once** per person for all the batches. The caller must
    hold the transaction (``transaction.atomic``): the rows and the audit entries are written
    together or not at all."""
    if not connection.in_atomic_block:
        raise RuntimeError("record_completions_in_bulk must run inside transaction.atomic()")
    facts: dict[int, _CourseFacts] = {}
    people: set[int] = set()
    user_id = access.user.pk if access.user is not None and access.user.is_authenticated else None
    now = timezone.now()
    created = known = levels = 0
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
    return Recorded(created=created, already_known=known, skill_levels=levels)


def _insert(rows: list[tuple[Any, ...]]) -> list[str]:
    """Insert these rows (``_COLUMNS``), skipping every ``external_id`` stored already; the
    external ids of the rows written."""
    if not rows:
        return []
    qn = connection.ops.quote_name
    table = qn(Completion._meta.db_table)
    columns = ", ".join(qn(c) for c in _COLUMNS)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
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
                f"ON CONFLICT ({qn('external_id')}) DO NOTHING RETURNING {qn('external_id')}"
            )
            return [external_id for (external_id,) in cursor.fetchall()]
        ids = [row[8] for row in rows]
        stored = set(
            Completion.objects.filter(external_id__in=ids).values_list("external_id", flat=True)
        )
        fresh = [row for row in rows if row[8] not in stored]
        cursor.executemany(
            f"INSERT OR IGNORE INTO {table} ({columns}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(_COLUMNS))})",
            fresh,
        )
        return [row[8] for row in fresh]
