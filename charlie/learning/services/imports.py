"""Importing completions from CSV/XLSX, all or nothing (issue 14, point 3; docs/import-format.md
"Gennemførte kurser"), so Charlie is the one record even of courses that ran elsewhere.

Two passes, so memory stays bounded however long the file is:

1. every row is read, checked and matched (``learning.importing``) against look-ups built once
   — employee number and e-mail → person, course code and xAPI activity id → course. Unknown
   people and courses are problems, never guessed. Duplicate rows are found by an 8-byte
   digest of each row's key (an array of 8 bytes a row, sorted after the pass); on a dry run the
   keys already stored are counted in batches;
2. only when no file has a problem, and not on a dry run, the good rows — spooled compactly to
   a temporary file during the first pass — are written in batches through
   ``record_completions_in_bulk`` (source ``import``: plain rows, the audit log once per
   person), all inside one transaction.

The key of a row is the file's ``id`` (``fil:id:<id>``) or, without one, a hash of person,
course, date and result, so the same file twice stores nothing new.
"""

from __future__ import annotations

import hashlib
import tempfile
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import IO

import numpy as np
from django.db import transaction
from django.utils.translation import gettext_noop

from charlie.core.file_imports import ShownProblem, shown
from charlie.learning import importing
from charlie.learning.models import Completion, CompletionSource, Course
from charlie.learning.permissions import IMPORT_COMPLETIONS
from charlie.learning.services.common import today as local_today
from charlie.learning.services.completions import (
    BATCH,
    NewCompletion,
    record_completions_in_bulk,
)
from charlie.people.models import Person
from charlie.privacy.access import Access

#: A file larger than this is refused unread (about 3 million rows of this format).
MAX_FILE_BYTES = 200 * 1024**2
#: The audit log's detail for an import.
DETAIL = gettext_noop("indlæst fil")


@dataclass
class ImportResult:
    problems: list[ShownProblem] = field(default_factory=list)
    problem_count: int = 0
    rows: int = 0
    created: int = 0
    known: int = 0
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.problem_count


def lookups() -> importing.Lookups:
    """Every employee number, e-mail and course key, each built once (plain dicts of ints)."""
    by_number: dict[str, int] = {}
    by_email: dict[str, int] = {}
    for pk, number, email in Person.objects.values_list("pk", "employee_number", "email"):
        if number:
            by_number[number] = pk
        if email:
            by_email[email.lower()] = pk
    courses: dict[str, int] = {}
    for pk, code, activity in Course.objects.values_list("pk", "code", "activity_id"):
        courses[code] = pk
        courses.setdefault(code.lower(), pk)
        if activity:
            courses.setdefault(activity, pk)
    return importing.Lookups(by_number, by_email, courses)


def _digest(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "big")


def _checked(
    name: str, data: bytes, found: importing.Lookups, on: date, problems: list[importing.Problem]
) -> Iterator[importing.CompletionRow]:
    """The file's good rows, one at a time; its problems appended to ``problems``."""
    try:
        rows = importing.rows_of(name, data)
        header, header_problems = importing.read_header(name, rows)
        problems.extend(header_problems)
        if header is None:
            return
        any_row = False
        for number, cells in rows:
            if importing.is_blank(cells):
                continue
            any_row = True
            row, row_problems = importing.check_row(name, header, number, cells, found, on)
            problems.extend(row_problems)
            if row is not None:
                yield row
        if not any_row:
            problems.append(
                importing.Problem(
                    name, None, None, gettext_noop("Filen har ingen rækker under overskriften.")
                )
            )
    except ValueError as exc:
        problems.append(importing.Problem(name, None, None, str(exc)))
    except Exception:  # openpyxl and zipfile raise many kinds for a file that is not a workbook
        problems.append(
            importing.Problem(
                name, None, None, gettext_noop("Filen kan ikke læses som CSV eller Excel.")
            )
        )


def _known(keys: list[str]) -> int:
    return Completion.objects.filter(external_id__in=keys).count()


def import_completions(
    access: Access,
    files: Iterable[tuple[str, bytes]],
    *,
    dry_run: bool = False,
    today: date | None = None,
) -> ImportResult:
    """Check ``files`` (name, content) whole and, when no row has a problem and not
    ``dry_run``, store every row, all or nothing (see the module doc)."""
    access.require(IMPORT_COMPLETIONS)
    on = today or local_today()
    files = list(files)
    problems: list[importing.Problem] = []
    readable: list[tuple[str, bytes]] = []
    for name, data in files:
        if len(data) > MAX_FILE_BYTES:
            problems.append(
                importing.Problem(
                    name,
                    None,
                    None,
                    gettext_noop("Filen er for stor (højst %(mb)d MB). Del den i flere filer."),
                    {"mb": MAX_FILE_BYTES // 1024**2},
                )
            )
        else:
            readable.append((name, data))
    found = lookups()
    result = ImportResult(dry_run=dry_run)

    # Pass 1: check everything, find duplicates, count what is stored already; the good rows
    # are spooled, compactly, to a temporary file (memory stays bounded however long the file).
    digests = array("Q")  # 8 bytes a row: the duplicates are found after the pass
    pending: list[str] = []
    with tempfile.TemporaryFile("w+", encoding="utf-8", newline="\n") as spool:
        for name, data in readable:
            for row in _checked(name, data, found, on, problems):
                result.rows += 1
                digests.append(_digest(row.external_id))
                if not problems:
                    spool.write(_spooled(row))
                    if dry_run:  # a real import learns what is known from its own insert
                        pending.append(row.external_id)
                        if len(pending) >= BATCH:
                            result.known += _known(pending)
                            pending.clear()
        repeated = _repeated(digests)
        del digests
        if repeated:
            problems.extend(_duplicates(readable, found, on, repeated))
        if problems:
            result.problems = shown(problems)
            result.problem_count = len(problems)
            result.known = 0
            return result
        if dry_run:
            result.known += _known(pending)
            result.created = result.rows - result.known
            return result
        if not result.rows:
            return result

        # Pass 2: the spooled rows, written in batches, in one transaction, audited once per
        # person (``record_completions_in_bulk``: plain rows, no model object per row).
        spool.seek(0)
        with transaction.atomic():
            created = record_completions_in_bulk(
                access, _spooled_batches(spool), detail=DETAIL
            ).created
    result.created = created
    result.known = result.rows - created
    return result


def _repeated(digests: array) -> set[int]:  # type: ignore[type-arg]
    """The digests that occur more than once (sorted with numpy: 8 bytes a row)."""
    if len(digests) < 2:
        return set()
    ordered = np.sort(np.frombuffer(digests, dtype=np.uint64))
    same = ordered[1:] == ordered[:-1]
    return {int(d) for d in np.unique(ordered[1:][same])}


def _duplicates(
    readable: list[tuple[str, bytes]],
    found: importing.Lookups,
    on: date,
    repeated: set[int],
) -> list[importing.Problem]:
    """The rows whose key an earlier row has (a second reading, only when there are some)."""
    seen: set[int] = set()
    problems: list[importing.Problem] = []
    ignored: list[importing.Problem] = []
    for name, data in readable:
        for row in _checked(name, data, found, on, ignored):
            digest = _digest(row.external_id)
            if digest not in repeated:
                continue
            if digest in seen:
                problems.append(
                    importing.Problem(
                        name,
                        row.row,
                        "id",
                        gettext_noop(
                            "Rækken findes også længere oppe i filerne (samme id, eller samme "
                            "medarbejder, kursus, dato og resultat)."
                        ),
                    )
                )
            seen.add(digest)
    return problems


def _spooled(row: importing.CompletionRow) -> str:
    """One checked row as a line of the spool (the external id last: it may hold ``;``)."""
    return (
        ";".join(
            (
                str(row.person_id),
                str(row.course_id),
                str(row.completed_on.toordinal()),
                row.result,
                "" if row.hours is None else str(row.hours),
                "" if row.cost is None else str(row.cost),
                "" if row.valid_until is None else str(row.valid_until.toordinal()),
                row.external_id,  # no line breaks: check_row refuses control characters
            )
        )
        + "\n"
    )


def _spooled_batches(spool: IO[str]) -> Iterator[list[NewCompletion]]:
    """The spooled rows, ``BATCH`` at a time."""
    batch: list[NewCompletion] = []
    for line in spool:
        batch.append(_unspooled(line))
        if len(batch) >= BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _unspooled(line: str) -> NewCompletion:
    person, course, on, result, hours, cost, valid, external_id = line.rstrip("\n").split(";", 7)
    return NewCompletion(
        person_id=int(person),
        course_id=int(course),
        completed_on=date.fromordinal(int(on)),
        result=result,
        source=CompletionSource.IMPORT,
        external_id=external_id,
        hours=Decimal(hours) if hours else None,
        cost=Decimal(cost) if cost else None,
        valid_until=date.fromordinal(int(valid)) if valid else None,
    )
