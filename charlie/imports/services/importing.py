"""The import's use cases: check whole files, then write them in one transaction.

``run_import`` is the engine behind ``charlie import`` and the upload page:

1. **Pass 1** streams every source and checks it (``plan.Checker``): every problem is collected,
   with file, row, column and a Danish message (never a value from the file). If there is one,
   nothing is written.
2. **Pass 2** streams the sources again and writes, inside ONE transaction, in batches of
   ``BATCH_SIZE`` (bulk inserts and updates), while holding the import lock (``import_lock``:
   two imports never write at once). Memory holds a batch plus the key maps of units and
   people. Units are keyed by ``OrgUnit.code``; people by the keyed hash of their CPR number
   when the file has one (OPUS: several employments of one person are one person), else by
   employee number; employments by their payroll id (OPUS ``<employee id>``) or else by
   (employee number, start date); absence periods by (employee number, type, start date). The
   database has the same keys as unique constraints. Importing the same files twice changes
   nothing. A dry run does the same inside a transaction that is rolled back.
3. **Leavers**: an OPUS ``action="leave"`` (or a ``leaveDate``) ends an employment. An
   employment merely missing from a file is left alone, unless the import is told that the
   files are a **complete snapshot** (``snapshot=True``): then every open employment not in them
   ends on the file's date. If that would end more than the threshold
   (``needs_confirmation``), nothing is saved until someone confirms (``confirmed=True``).

Only HR may import (the CLI runs as the system, ``people.services.operator_access``). Every
person whose data is created or changed gets audit entries (channel ``import``); the people
data's cache version is bumped after a write.
"""

from __future__ import annotations

import fcntl
import logging
import pathlib
import traceback
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from charlie.absence import services as absence_services
from charlie.core.cache import bump
from charlie.core.cpr import redact_cpr
from charlie.core.errors import ValidationFailed
from charlie.imports import texts
from charlie.imports.own_format import source_for
from charlie.imports.permissions import IMPORT_DATA
from charlie.imports.person_key import PersonKeyer
from charlie.imports.plan import (
    FALLBACK_JOB_FAMILY,
    MAX_LISTED_ENDINGS,
    Checker,
    Summary,
    job_family_for_title,
    sort_problems,
    unit_kind_for_depth,
)
from charlie.imports.records import (
    AbsenceRecord,
    EmploymentRecord,
    LeaveRecord,
    OrgUnitRecord,
    PersonRecord,
    Problem,
    Source,
)
from charlie.people import services as people_services
from charlie.people.models import Employment, EndReason, JobFamily, OrgUnit, Person
from charlie.privacy import services as audit
from charlie.privacy.batch import audit_batch
from charlie.privacy.models import Action, Channel

if TYPE_CHECKING:
    from charlie.core.models import User
    from charlie.privacy.access import Access

log = logging.getLogger(__name__)

BATCH_SIZE = 5_000
#: How often pass 1 reports progress, in rows per file.
PROGRESS_EVERY = 100_000
#: A unit the file gives no "oprettet" date for has existed since then.
DEFAULT_VALID_FROM = date(1900, 1, 1)
#: At most this many problems are stored with a run (all are counted).
STORED_PROBLEMS = 1_000
#: The import writes for HR administration, in the categories the owning apps declare.
PURPOSE = people_services.PURPOSE_HR
CATEGORY_MASTER_DATA = people_services.CATEGORY_MASTER_DATA
CATEGORY_EMPLOYMENT = people_services.CATEGORY_EMPLOYMENT
CATEGORY_ABSENCE = absence_services.CATEGORY_ABSENCE

Progress = Callable[[str], None]


@dataclass
class ImportResult:
    summary: Summary
    #: The problems kept (at most ``plan.MAX_PROBLEMS``), sorted by file and row.
    problems: list[Problem]
    problem_count: int
    dry_run: bool
    written: bool = False

    @property
    def ok(self) -> bool:
        return self.problem_count == 0

    @property
    def needs_confirmation(self) -> bool:
        """Nothing was saved: the snapshot would end more employments than the threshold."""
        return self.summary.needs_confirmation and not self.written and not self.dry_run


def require_import_access(access: Access) -> None:
    """HR only (the ``charlie import`` command runs as the operator with HR's permissions)."""
    access.require(IMPORT_DATA)


def person_keyer() -> PersonKeyer | None:
    """The keyed hash of CPR numbers from the settings (``CHARLIE_PERSON_KEY_SECRET`` and the
    old secrets of a rotation), or None when no secret is set (OPUS files are then refused)."""
    secret = settings.CHARLIE_PERSON_KEY_SECRET
    if not secret:
        return None
    old = settings.CHARLIE_PERSON_KEY_OLD_SECRETS
    return PersonKeyer(secret.encode(), tuple(s.encode() for s in old if s))


def sources_for(
    paths: Iterable[pathlib.Path], *, names: Sequence[str] | None = None
) -> list[Source]:
    """A source per file, by its suffix (``ValidationFailed`` for a type we cannot read).

    ``names`` are the names to show (an upload's original names) when they differ."""
    sources = []
    errors = []
    keyer = person_keyer()
    paths = list(paths)
    for i, path in enumerate(paths):
        name = names[i] if names else None
        try:
            sources.append(source_for(path, name=name, keyer=keyer))
        except ValueError as exc:
            errors.append(f"{redact_cpr(name or path.name)}: {exc}")
    if errors:
        raise ValidationFailed(errors)
    return sources


class _Stop(Exception):
    """Raised inside the write transaction so that it rolls back (a dry run, or a snapshot
    that needs a confirmation first)."""


def run_import(
    access: Access,
    *,
    sources: Sequence[Source],
    dry_run: bool = False,
    detail: str = "",
    progress: Progress | None = None,
    snapshot: bool = False,
    confirmed: bool = False,
) -> ImportResult:
    """Check every source, and write them all if nothing is wrong (see the module doc).

    ``snapshot``: the files are the complete current picture; open employments missing from
    them end. ``confirmed``: end them even when they are more than ``needs_confirmation``
    allows without asking.
    """
    require_import_access(access)
    say = progress or (lambda line: None)
    checker = Checker()
    kinds_by_file: dict[str, set[str]] = {}
    for source in sources:
        kinds_by_file[source.file] = _check_source(source, checker, say)
    if snapshot and not any(
        kinds & {"EmploymentRecord", "PersonRecord"} for kinds in kinds_by_file.values()
    ):
        checker.problem(
            Problem(
                sources[0].file if sources else "",
                None,
                None,
                texts.SNAPSHOT_WITHOUT_EMPLOYMENTS(),
            )
        )
    checker.finish(
        db_unit_codes=OrgUnit.objects.exclude(code="").values_list("code", flat=True),
        db_employee_numbers=_known_employee_numbers(),
        job_family_codes=JobFamily.objects.values_list("code", flat=True),
    )
    summary = Summary(rows=dict(checker.rows), notes=checker.notes())
    if checker.problem_count:
        say(f"{checker.problem_count} problemer fundet: intet er skrevet.")
        return ImportResult(
            summary, sort_problems(checker.problems), checker.problem_count, dry_run
        )
    try:
        with import_lock(say), transaction.atomic(), _bulk_load_settings():
            _lock_in_transaction(say)
            writer = _Writer(
                actor=access.user,
                summary=summary,
                say=say,
                detail=detail,
                snapshot=snapshot,
                confirmed=confirmed or dry_run,
            )
            writer.write(sources, checker, kinds_by_file)
            if dry_run or (summary.needs_confirmation and not confirmed):
                raise _Stop
    except _Stop:
        if dry_run:
            say("Prøvekørsel: intet er gemt.")
            return ImportResult(summary, [], 0, dry_run=True)
        say(
            f"Importen ville afslutte {summary.employments.ended} ansættelser: intet er gemt, "
            "før det er bekræftet."
        )
        return ImportResult(summary, [], 0, dry_run=False)
    _refresh_followup(writer, say)
    return ImportResult(summary, [], 0, dry_run=False, written=True)


def _refresh_followup(writer: _Writer, say: Progress) -> None:
    """The follow-up tasks of the people whose absence the import wrote, at once (in the
    worker's run of the upload), not the next night. A failure here loses nothing: the import
    is saved, and the daily refresh catches up."""
    ids = writer.audit_ids.get((CATEGORY_ABSENCE, Action.CREATE), set()) | writer.audit_ids.get(
        (CATEGORY_ABSENCE, Action.UPDATE), set()
    )
    if not ids:
        return
    try:
        result = absence_services.refresh_now(ids)
    except Exception as exc:
        log.error("Import: follow-up tasks not refreshed: %s", where_raised(exc))
        say("Opfølgningsopgaverne opdateres ved næste daglige kørsel.")
        return
    say(f"Opfølgningsopgaver: {result.created} oprettet, {result.updated} opdateret.")


def _known_employee_numbers() -> Iterator[str]:
    """Employee numbers in Charlie, and the payroll ids of employments (an absence file may
    name a person by the id of one of their employments)."""
    yield from Person.objects.values_list("employee_number", flat=True).iterator(chunk_size=10_000)
    yield from (
        Employment.objects.exclude(source_id="")
        .values_list("source_id", flat=True)
        .iterator(chunk_size=10_000)
    )


def needs_confirmation(*, ending: int, open_employments: int) -> bool:
    """True when a snapshot would end so many employments that a person must confirm it first:
    more than ``CHARLIE_IMPORT_CONFIRM_ENDINGS`` (default 20) **and** more than
    ``CHARLIE_IMPORT_CONFIRM_SHARE`` per cent (default 5) of the open employments. A monthly file
    ends a few per cent; a partial file (a "delta") ends nearly everyone."""
    most = int(settings.CHARLIE_IMPORT_CONFIRM_ENDINGS)
    share = float(settings.CHARLIE_IMPORT_CONFIRM_SHARE)
    return ending > most and ending * 100 > share * max(open_employments, 1)


# --- One import at a time ---

#: The PostgreSQL advisory lock of the import (any fixed 64-bit number; "CHARIMPT").
IMPORT_LOCK_ID = 0x43484152494D5054


@contextmanager
def import_lock(say: Progress) -> Iterator[None]:
    """Hold the import lock while writing, so two imports never write at once (two at once
    would both find a row missing and both insert it).

    PostgreSQL: a transaction-level advisory lock, taken first thing in the write transaction
    (``_lock_in_transaction``); it goes with the transaction, also when a worker dies. SQLite:
    the write transaction is ``BEGIN IMMEDIATE`` (settings), which already excludes other
    writers, but waits only 20 seconds; an exclusive lock on ``var/imports/import.lock``
    makes a second import wait for the first instead of failing.
    """
    if connection.vendor != "sqlite":
        yield
        return
    folder = pathlib.Path(settings.VAR_DIR) / "imports"
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / "import.lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("Venter på, at en anden import bliver færdig …")
            fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _lock_in_transaction(say: Progress) -> None:
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_try_advisory_xact_lock(%s)", [IMPORT_LOCK_ID])
        if not cursor.fetchone()[0]:
            say("Venter på, at en anden import bliver færdig …")
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [IMPORT_LOCK_ID])


#: SQLite's page cache while writing (KiB): inserts into the absence indexes in random order
#: need more than the default 2 MiB. A fixed bound, not growing with the file.
SQLITE_CACHE_KIB = 131_072


@contextmanager
def _bulk_load_settings() -> Iterator[None]:
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous}")


def _check_source(source: Source, checker: Checker, say: Progress) -> set[str]:
    """Pass 1 over one source; returns the kinds of record it holds."""
    checker.start_file(
        source.file,
        source.format,
        file_date=source.snapshot_date,
        dated_by_file=source.dated_by_file,
    )
    kinds: set[str] = set()
    n = 0
    last_row: int | None = None
    try:
        for item in source.read():
            checker.add(item, file=source.file)
            kinds.add(type(item).__name__)
            row = item.row
            if row is not None and row != last_row:
                last_row = row
                n += 1
                if n % PROGRESS_EVERY == 0:
                    say(f"{source.file}: {n} rækker læst")
    except Exception as exc:
        log.error("Import: reading a file failed: %s", where_raised(exc))
        checker.problem(
            Problem(
                source.file,
                last_row,
                None,
                texts.FILE_UNREADABLE(),
            )
        )
    say(f"{source.file}: {checker.rows.get(source.file, 0)} rækker læst i alt")
    return kinds


@dataclass
class _Writer:
    actor: User | None
    summary: Summary
    say: Progress
    detail: str
    snapshot: bool = False
    confirmed: bool = False
    audit_ids: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))

    def write(
        self, sources: Sequence[Source], checker: Checker, kinds_by_file: dict[str, set[str]]
    ) -> None:
        self.today = timezone.localdate()
        self.person_ids: dict[str, int] = dict(Person.objects.values_list("employee_number", "pk"))
        for source_id, person_id in Employment.objects.exclude(source_id="").values_list(
            "source_id", "person_id"
        ):
            self.person_ids.setdefault(source_id, person_id)
        self.family_ids: dict[str, int] = dict(JobFamily.objects.values_list("code", "pk"))
        self.done_people: set[str] = set()
        self.managers: dict[str, int] = {}
        self.batches = 0
        self.unit_ids: dict[str, int] = {}
        self.changed_units: set[str] = set()
        self.unchanged_units: set[str] = set()
        #: Every employment this import created or found in the files (a snapshot ends the
        #: other open ones).
        self.seen: set[int] = set()
        self.rekeyed = 0
        self.joined_in_charlie = 0
        #: Person keys of the people this import creates → the employee number created under.
        self.new_keys: dict[str, str] = {}

        self.write_units(checker.units)
        people_kinds = {"PersonRecord", "EmploymentRecord", "LeaveRecord"}
        people: list[PersonRecord] = []
        employments: list[EmploymentRecord] = []
        leaves: list[tuple[LeaveRecord, date]] = []
        for source in sources:
            if not kinds_by_file.get(source.file, set()) & people_kinds:
                continue
            file_date = source.snapshot_date or self.today
            for item in source.read():
                if isinstance(item, PersonRecord):
                    if item.employee_number not in self.done_people:
                        self.done_people.add(item.employee_number)
                        people.append(item)
                        if len(people) >= BATCH_SIZE:
                            self.write_people(people)
                            people = []
                elif isinstance(item, EmploymentRecord):
                    employments.append(item)
                    if len(employments) >= BATCH_SIZE:
                        self.write_people(people)
                        people = []
                        self.write_employments(employments)
                        employments = []
                elif isinstance(item, LeaveRecord):
                    leaves.append((item, file_date))
        self.write_people(people)
        self.write_employments(employments)
        self.write_leaves(leaves)
        if self.snapshot:
            snapshot_date = next((s.snapshot_date for s in sources if s.snapshot_date), self.today)
            self.end_missing(snapshot_date)
        self.write_managers()
        if self.rekeyed:
            self.summary.notes.append(texts.REKEYED(n=self.rekeyed))
        if self.joined_in_charlie:
            self.summary.notes.append(texts.JOINED_IN_CHARLIE(n=self.joined_in_charlie))

        absences: list[AbsenceRecord] = []
        self.had_absence: set[int] | None = None
        self.employments_by_person: dict[int, list[tuple[date, date | None, int]]] | None = None
        absence_sources = [
            s for s in sources if "AbsenceRecord" in kinds_by_file.get(s.file, set())
        ]
        if absence_sources:
            with absence_services.bulk_load():
                for source in absence_sources:
                    for item in source.read():
                        if isinstance(item, AbsenceRecord):
                            absences.append(item)
                            if len(absences) >= BATCH_SIZE:
                                self.write_absences(absences)
                                absences = []
                self.write_absences(absences)

        self.write_audit()
        if self.summary.written:
            bump("people")

    def _ended(self, employment_id: int, end: date) -> None:
        """Count an employment this import ends, and list it (up to a bound)."""
        self.summary.employments.ended += 1
        if len(self.summary.ended) < MAX_LISTED_ENDINGS:
            self.summary.ended.append([employment_id, end.isoformat()])

    # --- units ---

    def write_units(self, records: dict[str, OrgUnitRecord]) -> None:
        if not records:
            return
        counts = self.summary.units
        existing: dict[str, OrgUnit] = {}
        codes = list(records)
        for i in range(0, len(codes), BATCH_SIZE):
            for found in OrgUnit.objects.filter(code__in=codes[i : i + BATCH_SIZE]):
                existing[found.code] = found
        outside_codes = {r.parent_code for r in records.values() if r.parent_code} - set(records)
        outside = {
            u.code: (u.pk, u.depth)
            for u in OrgUnit.objects.filter(code__in=list(outside_codes)).only("pk", "depth")
        }

        def level(code: str) -> int:
            depth = 0
            parent = records[code].parent_code
            while parent in records:
                depth += 1
                parent = records[parent].parent_code
            return depth

        by_level: dict[int, list[OrgUnitRecord]] = defaultdict(list)
        for code in records:
            by_level[level(code)].append(records[code])
        ids: dict[str, tuple[int, int]] = dict(outside)  # code → (pk, depth)
        for depth_in_file in sorted(by_level):
            create: list[OrgUnit] = []
            update: list[OrgUnit] = []
            for r in by_level[depth_in_file]:
                parent = ids.get(r.parent_code) if r.parent_code else None
                parent_id = parent[0] if parent else None
                depth = parent[1] + 1 if parent else 0
                kind = r.kind or unit_kind_for_depth(depth)
                unit = existing.get(r.code)
                if unit is None:
                    create.append(
                        OrgUnit(
                            code=r.code,
                            name=r.name,
                            short_name=r.short_name,
                            kind=kind,
                            parent_id=parent_id,
                            cost_center=r.cost_center,
                            valid_from=r.valid_from or DEFAULT_VALID_FROM,
                            valid_to=r.valid_to,
                            path="",
                            depth=depth,
                        )
                    )
                    continue
                new = {
                    "name": r.name,
                    "short_name": r.short_name,
                    "kind": r.kind or unit.kind,
                    "parent_id": parent_id,
                    "cost_center": r.cost_center,
                    "valid_from": r.valid_from or unit.valid_from,
                    "valid_to": r.valid_to,
                }
                changed = {k: v for k, v in new.items() if getattr(unit, k) != v}
                if changed:
                    ended = "valid_to" in changed and unit.valid_to is None
                    for k, v in changed.items():
                        setattr(unit, k, v)
                    update.append(unit)
                    self.changed_units.add(r.code)
                    if ended:
                        counts.ended += 1
                    else:
                        counts.changed += 1
                else:
                    counts.unchanged += 1
                    self.unchanged_units.add(r.code)
                ids[r.code] = (unit.pk, depth)
            for new_unit in OrgUnit.objects.bulk_create(create):
                ids[new_unit.code] = (new_unit.pk, new_unit.depth)
                self.changed_units.add(new_unit.code)
            counts.created += len(create)
            OrgUnit.objects.bulk_update(
                update,
                ["name", "short_name", "kind", "parent_id", "cost_center", "valid_from",
                 "valid_to"],
            )  # fmt: skip
        if counts.created or counts.changed or counts.ended:
            _repair_paths()
        self.unit_ids = dict(OrgUnit.objects.exclude(code="").values_list("code", "pk"))
        self.say(f"Enheder skrevet: {counts.created} nye, {counts.changed} ændret")

    def unit_id(self, code: str) -> int:
        if not self.unit_ids:
            self.unit_ids = dict(OrgUnit.objects.exclude(code="").values_list("code", "pk"))
        return self.unit_ids[code]

    def write_managers(self) -> None:
        """A current employment marked ``leder`` makes the person the unit's manager."""
        if not self.managers:
            return
        units = OrgUnit.objects.filter(pk__in=[self.unit_id(c) for c in self.managers])
        update = []
        for unit in units:
            person_id = self.managers[unit.code]
            if unit.manager_id != person_id:
                unit.manager_id = person_id
                update.append(unit)
                if unit.code not in self.changed_units:
                    self.changed_units.add(unit.code)
                    self.summary.units.changed += 1
                    if unit.code in self.unchanged_units:
                        self.unchanged_units.discard(unit.code)
                        self.summary.units.unchanged -= 1
        OrgUnit.objects.bulk_update(update, ["manager_id"])

    # --- people and employments ---

    def write_people(self, records: list[PersonRecord]) -> None:
        if not records:
            return
        counts = self.summary.people
        fields = ("first_name", "last_name", "birth_date", "gender", "email", "phone")
        by_number = {
            p.employee_number: p
            for p in Person.objects.filter(employee_number__in=[r.employee_number for r in records])
        }
        keys = [k for r in records for k in (r.person_key, *r.previous_keys) if k]
        by_key = (
            {p.person_key: p for p in Person.objects.filter(person_key__in=keys)} if keys else {}
        )
        create: list[Person] = []
        update: dict[int, Person] = {}
        aliases: list[tuple[str, str]] = []  # (employee number, the number it is created under)
        for r in records:
            if r.person_key and r.person_key in self.new_keys:
                # The same person as one created earlier in this import (another file).
                aliases.append((r.employee_number, self.new_keys[r.person_key]))
                continue
            person = next(
                (by_key[k] for k in (r.person_key, *r.previous_keys) if k in by_key), None
            ) or by_number.get(r.employee_number)
            values: dict[str, Any] = {f: getattr(r, f) for f in fields}
            if person is None:
                create.append(
                    Person(employee_number=r.employee_number, person_key=r.person_key, **values)
                )
                if r.person_key:
                    self.new_keys[r.person_key] = r.employee_number
                continue
            self.person_ids[r.employee_number] = person.pk
            if r.person_key and person.person_key != r.person_key:
                if person.person_key:
                    self.rekeyed += 1
                person.person_key = r.person_key
                update[person.pk] = person
            changed = [f for f, v in values.items() if getattr(person, f) != v]
            if changed:
                for f in changed:
                    setattr(person, f, values[f])
                update[person.pk] = person
                self.audit_ids[(CATEGORY_MASTER_DATA, Action.UPDATE)].add(person.pk)
                counts.changed += 1
            else:
                counts.unchanged += 1
        for person in Person.objects.bulk_create(create):
            self.person_ids[person.employee_number] = person.pk
            self.audit_ids[(CATEGORY_MASTER_DATA, Action.CREATE)].add(person.pk)
        for number, created_as in aliases:
            self.person_ids[number] = self.person_ids[created_as]
        counts.created += len(create)
        Person.objects.bulk_update(list(update.values()), [*fields, "person_key"])
        self._batch("medarbejdere", len(records))

    def write_employments(self, records: list[EmploymentRecord]) -> None:
        if not records:
            return
        counts = self.summary.employments
        person_ids = {self.person_ids[r.employee_number] for r in records}
        # Known by (person, start) when the file gives no payroll id: the one without an id
        # wins (it is the one such a file made).
        by_start = {
            (e.person_id, e.start_date): e
            for e in Employment.objects.filter(person_id__in=person_ids).order_by("-source_id")
        }
        source_ids = [r.source_id for r in records if r.source_id]
        by_source = (
            {e.source_id: e for e in Employment.objects.filter(source_id__in=source_ids)}
            if source_ids
            else {}
        )
        # Employments imported before they had payroll ids, under the person whose employee
        # number is the id (OPUS made one person per employment then).
        legacy: dict[tuple[str, date], Employment] = {}
        missing = [r.source_id for r in records if r.source_id and r.source_id not in by_source]
        if missing:
            for e in Employment.objects.filter(
                source_id="", person__employee_number__in=missing
            ).select_related("person"):
                legacy[(e.person.employee_number, e.start_date)] = e
        fields = (
            "org_unit_id", "job_title", "job_family_id", "agreement", "weekly_hours",
            "end_date", "end_reason",
        )  # fmt: skip
        create: list[Employment] = []
        update: list[Employment] = []
        for r in records:
            person_id = self.person_ids[r.employee_number]
            family = r.job_family_code or job_family_for_title(r.job_title)
            values: dict[str, Any] = {
                "org_unit_id": self.unit_id(r.org_unit_code),
                "job_title": r.job_title,
                "job_family_id": self.family_ids.get(family)
                or self.family_ids[FALLBACK_JOB_FAMILY],
                "agreement": r.agreement,
                "weekly_hours": r.weekly_hours,
                "end_date": r.end_date,
                "end_reason": r.end_reason,
            }
            if r.notice_known:
                values["notice_date"] = r.notice_date
            if r.is_manager and (r.end_date is None or r.end_date >= self.today):
                self.managers[r.org_unit_code] = person_id
            if r.source_id:
                employment = by_source.get(r.source_id)
                if employment is None and not r.start_assumed:
                    employment = legacy.get((r.source_id, r.start_date)) or by_start.get(
                        (person_id, r.start_date)
                    )
                    if employment is not None and employment.source_id:
                        employment = None  # another payroll id's employment
                values["source_id"] = r.source_id
                values["person_id"] = person_id
                if not r.start_assumed:
                    values["start_date"] = r.start_date
            else:
                employment = by_start.get((person_id, r.start_date))
            if employment is None:
                values.setdefault("start_date", r.start_date)
                values.setdefault("person_id", person_id)
                create.append(Employment(**values))
                self.audit_ids[(CATEGORY_EMPLOYMENT, Action.CREATE)].add(person_id)
                continue
            self.seen.add(employment.pk)
            if r.start_assumed and r.end_date is not None and r.end_date < employment.start_date:
                values["end_date"] = employment.start_date  # it cannot end before it began
            changed = [f for f, v in values.items() if getattr(employment, f) != v]
            if not changed:
                counts.unchanged += 1
                continue
            if "person_id" in changed:
                # The same person as another in Charlie (same CPR number): the employment and
                # its absence move to the person the file shows.
                self.joined_in_charlie += 1
                self.audit_ids[(CATEGORY_EMPLOYMENT, Action.UPDATE)].add(employment.person_id)
                absence_services.move_absences(employment.pk, person_id)
            ended = employment.end_date is None and values["end_date"] is not None
            for f in changed:
                setattr(employment, f, values[f])
            update.append(employment)
            self.audit_ids[(CATEGORY_EMPLOYMENT, Action.UPDATE)].add(person_id)
            if ended:
                self._ended(employment.pk, values["end_date"])
            else:
                counts.changed += 1
        for created in Employment.objects.bulk_create(create):
            self.seen.add(created.pk)
        counts.created += len(create)
        Employment.objects.bulk_update(
            update,
            [*fields, "notice_date", "source_id", "person_id", "start_date"],
            batch_size=1000,
        )
        self._batch("ansættelser", len(records))

    def write_leaves(self, leaves: list[tuple[LeaveRecord, date]]) -> None:
        """End the open employments the files say have ended (OPUS ``action="leave"``, a
        cancelled contract): by payroll id, or, for one imported before it had an id, the open
        employments of the person with that employee number."""
        if not leaves:
            return
        wanted = {leave.source_id: (leave, day) for leave, day in leaves}
        found = [
            (e.source_id, e)
            for e in Employment.objects.filter(source_id__in=list(wanted), end_date__isnull=True)
        ]
        known = {e.source_id for e in Employment.objects.filter(source_id__in=list(wanted))}
        legacy_numbers = [n for n in wanted if n not in known]
        found += [
            (e.person.employee_number, e)
            for e in Employment.objects.filter(
                source_id="", end_date__isnull=True, person__employee_number__in=legacy_numbers
            ).select_related("person")
        ]
        update = []
        for key, e in found:
            leave, day = wanted[key]
            end = max(leave.end_date or day, e.start_date)
            e.end_date, e.end_reason = end, EndReason.OTHER
            update.append(e)
            self.seen.add(e.pk)
            self._ended(e.pk, end)
            self.audit_ids[(CATEGORY_EMPLOYMENT, Action.UPDATE)].add(e.person_id)
        Employment.objects.bulk_update(update, ["end_date", "end_reason"])
        if update:
            self.say(f"Ansættelser afsluttet (fratrådt ifølge filen): {len(update)}")

    def end_missing(self, snapshot_date: date) -> None:
        """End the open employments missing from a complete snapshot — unless there are so many
        that a person must confirm it first (``needs_confirmation``)."""
        open_rows = list(
            Employment.objects.filter(end_date__isnull=True).values_list(
                "pk", "person_id", "start_date"
            )
        )
        to_end = [
            (pk, person_id, max(snapshot_date, start))
            for pk, person_id, start in open_rows
            if pk not in self.seen
        ]
        for pk, _person_id, end in to_end:
            self._ended(pk, end)
        if needs_confirmation(ending=len(to_end), open_employments=len(open_rows)):
            self.summary.needs_confirmation = True
            if not self.confirmed:
                return  # run_import rolls back: nothing is ended before it is confirmed
        Employment.objects.bulk_update(
            [Employment(pk=pk, end_date=end, end_reason=EndReason.OTHER) for pk, _p, end in to_end],
            ["end_date", "end_reason"],
            batch_size=1000,
        )
        self.audit_ids[(CATEGORY_EMPLOYMENT, Action.UPDATE)].update(p for _pk, p, _e in to_end)
        if to_end:
            self.say(f"Ansættelser afsluttet (mangler i øjebliksbilledet): {len(to_end)}")

    # --- absence ---

    def employment_for(self, person_id: int, day: date) -> int | None:
        if self.employments_by_person is None:
            by_person: dict[int, list[tuple[date, date | None, int]]] = defaultdict(list)
            rows = Employment.objects.order_by("person_id", "-start_date").values_list(
                "person_id", "start_date", "end_date", "pk"
            )
            for pid, start, end, pk in rows.iterator(chunk_size=10_000):
                by_person[pid].append((start, end, pk))
            self.employments_by_person = by_person
        for start, end, pk in self.employments_by_person.get(person_id, ()):
            if start <= day and (end is None or day <= end):
                return pk
        return None

    def write_absences(self, records: list[AbsenceRecord]) -> None:
        if not records:
            return
        counts = self.summary.absences
        if self.had_absence is None:
            self.had_absence = absence_services.person_ids_with_absence()
        rows = []
        for r in records:
            person_id = self.person_ids[r.employee_number]
            rows.append(
                absence_services.AbsenceRow(
                    person_id=person_id,
                    employment_id=self.employment_for(person_id, r.start_date),
                    absence_type=r.absence_type,
                    start_date=r.start_date,
                    end_date=r.end_date,
                    hours_per_day=r.hours_per_day,
                )
            )
        asked = [row.person_id for row in rows if row.person_id in self.had_absence]
        existing = (
            absence_services.existing_absences(asked, {row.start_date for row in rows})
            if asked
            else {}
        )
        create = []
        update = []
        created_for = self.audit_ids[(CATEGORY_ABSENCE, Action.CREATE)]
        updated_for = self.audit_ids[(CATEGORY_ABSENCE, Action.UPDATE)]
        for row in rows:
            old = existing.get((row.person_id, row.absence_type, row.start_date))
            if old is None:
                create.append(row)
                created_for.add(row.person_id)
            elif (old.end_date, old.hours_per_day, old.employment_id) != (
                row.end_date,
                row.hours_per_day,
                row.employment_id,
            ):
                update.append((old.id, row))
                updated_for.add(row.person_id)
            else:
                counts.unchanged += 1
        absence_services.insert_absences(create)
        absence_services.update_absences(update)
        counts.created += len(create)
        counts.changed += len(update)
        self._batch("fraværsperioder", len(records))

    # --- bookkeeping ---

    def _batch(self, what: str, n: int) -> None:
        self.batches += 1
        self.say(f"Batch {self.batches} skrevet: {n} {what}")

    def write_audit(self) -> None:
        detail = redact_cpr(self.detail)
        for (category, action), ids in sorted(self.audit_ids.items()):
            ordered = sorted(ids)
            for i in range(0, len(ordered), BATCH_SIZE):
                # Each chunk in an audit batch: written with the batch's multi-row insert,
                # about twice as fast as one by one for the 135,000 entries of a Copenhagen-sized
                # first import, and memory stays at one chunk.
                with audit_batch():
                    audit.record(
                        actor=self.actor,
                        subject_person_ids=ordered[i : i + BATCH_SIZE],
                        action=action,
                        category=category,
                        purpose=PURPOSE,
                        channel=Channel.IMPORT,
                        detail=detail,
                    )


def _repair_paths() -> None:
    """Set every unit's materialised path and depth from its parent (after creates and moves).

    Loads (pk, parent, path, depth) of all units — a few thousand even in Copenhagen — and
    writes only those that differ.
    """
    rows = list(OrgUnit.objects.values_list("pk", "parent_id", "path", "depth"))
    children: dict[int | None, list[int]] = defaultdict(list)
    current: dict[int, tuple[str, int]] = {}
    for pk, parent_id, path, depth in rows:
        children[parent_id].append(pk)
        current[pk] = (path, depth)
    wrong: list[OrgUnit] = []
    stack: list[tuple[int, str, int]] = [(pk, "/", 0) for pk in children[None]]
    while stack:
        pk, prefix, depth = stack.pop()
        path = f"{prefix}{pk}/"
        if current[pk] != (path, depth):
            wrong.append(OrgUnit(pk=pk, path=path, depth=depth))
        stack.extend((child, path, depth + 1) for child in children.get(pk, ()))
    OrgUnit.objects.bulk_update(wrong, ["path", "depth"], batch_size=1000)


def where_raised(exc: BaseException) -> str:
    """An exception for the log: its class and where it was raised (the last frames), never
    its text, which may quote the file or the data (a CPR number, a name)."""
    frames = traceback.extract_tb(exc.__traceback__)[-4:]
    places = " ← ".join(
        f"{pathlib.Path(f.filename).name}:{f.lineno} {f.name}" for f in reversed(frames)
    )
    return f"{type(exc).__name__} at {places}"
