"""The import's use cases: check whole files, then write them in one transaction.

``run_import`` is the engine behind ``charlie import`` and the upload page:

1. **Pass 1** streams every source and checks it (``plan.Checker``): every problem is collected,
   with file, row, column and a Danish message. If there is one, nothing is written.
2. **Pass 2** streams the sources again and writes, inside ONE transaction, in batches of
   ``BATCH_SIZE`` (bulk inserts and updates). Memory holds a batch plus the key maps of units
   and people. Units are keyed by ``OrgUnit.code``, people by employee number, employments by
   (employee number, start date), absence periods by (employee number, type, start date), so
   importing the same files twice changes nothing. A snapshot source (KMD OPUS) is the whole
   current picture: an open employment of a person missing from it ends on the snapshot date.
   A dry run does the same inside a transaction that is rolled back.

Only HR may import (the CLI runs as the system: ``actor=None``). Every person whose data is
created or changed gets audit entries (channel ``import``); the people data's cache version is
bumped after a write.
"""

from __future__ import annotations

import logging
import pathlib
import shutil
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from charlie.absence import services as absence_services
from charlie.core.cache import bump
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.roles import Role
from charlie.imports.models import ImportRun, ImportStatus
from charlie.imports.own_format import source_for
from charlie.imports.plan import (
    FALLBACK_JOB_FAMILY,
    Checker,
    Summary,
    job_family_for_title,
    sort_problems,
    unit_kind_for_depth,
)
from charlie.imports.records import (
    AbsenceRecord,
    EmploymentRecord,
    OrgUnitRecord,
    PersonRecord,
    Problem,
    Source,
)
from charlie.people.models import Employment, EndReason, JobFamily, OrgUnit, Person
from charlie.privacy import services as audit
from charlie.privacy.models import Action, Channel

log = logging.getLogger(__name__)

BATCH_SIZE = 5_000
#: How often pass 1 reports progress, in rows per file.
PROGRESS_EVERY = 100_000
#: A unit the file gives no "oprettet" date for has existed since then.
DEFAULT_VALID_FROM = date(1900, 1, 1)
PURPOSE = "hr_administration"
CATEGORY_MASTER_DATA = "stamdata"
CATEGORY_EMPLOYMENT = "ansaettelse"
CATEGORY_ABSENCE = "fravaer"

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


def require_import_access(actor: Any) -> None:
    """HR only; ``None`` is the system (the ``charlie import`` command)."""
    if actor is None:
        return
    if not getattr(actor, "is_authenticated", False) or actor.role != Role.HR:
        raise PermissionDenied


def sources_for(paths: Iterable[pathlib.Path]) -> list[Source]:
    """A source per file, by its suffix (``ValidationFailed`` for a type we cannot read)."""
    sources = []
    errors = []
    for path in paths:
        try:
            sources.append(source_for(path))
        except ValueError as exc:
            errors.append(f"{path.name}: {exc}")
    if errors:
        raise ValidationFailed(errors)
    return sources


class _DryRun(Exception):
    """Raised inside the transaction of a dry run so that it rolls back."""


def run_import(
    *,
    actor: Any,
    sources: Sequence[Source],
    dry_run: bool = False,
    detail: str = "",
    progress: Progress | None = None,
) -> ImportResult:
    """Check every source, and write them all if nothing is wrong (see the module doc)."""
    require_import_access(actor)
    say = progress or (lambda line: None)
    checker = Checker()
    kinds_by_file: dict[str, set[str]] = {}
    for source in sources:
        kinds_by_file[source.file] = _check_source(source, checker, say)
    checker.finish(
        db_unit_codes=OrgUnit.objects.exclude(code="").values_list("code", flat=True),
        db_employee_numbers=Person.objects.values_list("employee_number", flat=True),
        job_family_codes=JobFamily.objects.values_list("code", flat=True),
    )
    summary = Summary(rows=dict(checker.rows))
    if checker.problem_count:
        say(f"{checker.problem_count} problemer fundet: intet er skrevet.")
        return ImportResult(
            summary, sort_problems(checker.problems), checker.problem_count, dry_run
        )
    try:
        with transaction.atomic(), _bulk_load_settings():
            writer = _Writer(actor=actor, summary=summary, say=say, detail=detail)
            writer.write(sources, checker, kinds_by_file)
            if dry_run:
                raise _DryRun
    except _DryRun:
        say("Prøvekørsel: intet er gemt.")
        return ImportResult(summary, [], 0, dry_run=True)
    return ImportResult(summary, [], 0, dry_run=False, written=True)


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
    checker.start_file(source.file, source.format)
    kinds: set[str] = set()
    n = 0
    last_row: int | None = None
    try:
        for item in source.read():
            checker.add(item, file=source.file, snapshot=source.snapshot)
            kinds.add(type(item).__name__)
            row = item.row
            if row is not None and row != last_row:
                last_row = row
                n += 1
                if n % PROGRESS_EVERY == 0:
                    say(f"{source.file}: {n} rækker læst")
    except Exception:
        log.exception("Import: reading %s failed", source.file)
        checker.problem(
            Problem(
                source.file,
                last_row,
                None,
                "Filen kunne ikke læses til ende (efter den viste række). Tjek at den er en "
                "gyldig CSV-, XLSX- eller OPUS-fil, og gem den igen fra det program, der "
                "lavede den.",
            )
        )
    say(f"{source.file}: {checker.rows.get(source.file, 0)} rækker læst i alt")
    return kinds


@dataclass
class _Writer:
    actor: Any
    summary: Summary
    say: Progress
    detail: str
    audit_ids: dict[tuple[str, str], set[int]] = field(default_factory=lambda: defaultdict(set))

    def write(
        self, sources: Sequence[Source], checker: Checker, kinds_by_file: dict[str, set[str]]
    ) -> None:
        self.today = timezone.localdate()
        self.person_ids: dict[str, int] = dict(Person.objects.values_list("employee_number", "pk"))
        self.family_ids: dict[str, int] = dict(JobFamily.objects.values_list("code", "pk"))
        self.done_people: set[str] = set()
        self.managers: dict[str, int] = {}
        self.batches = 0
        self.unit_ids: dict[str, int] = {}
        self.changed_units: set[str] = set()
        self.unchanged_units: set[str] = set()

        self.write_units(checker.units)
        people_kinds = {"PersonRecord", "EmploymentRecord"}
        people: list[PersonRecord] = []
        employments: list[EmploymentRecord] = []
        for source in sources:
            if not kinds_by_file.get(source.file, set()) & people_kinds:
                continue
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
        self.write_people(people)
        self.write_employments(employments)
        if any(source.snapshot for source in sources):
            snapshot_date = next(
                (s.snapshot_date for s in sources if s.snapshot and s.snapshot_date), self.today
            )
            self.end_missing(checker.snapshot_people, snapshot_date)
        self.write_managers()

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
        existing = {
            p.employee_number: p
            for p in Person.objects.filter(employee_number__in=[r.employee_number for r in records])
        }
        create: list[Person] = []
        update: list[Person] = []
        for r in records:
            person = existing.get(r.employee_number)
            values = {f: getattr(r, f) for f in fields}
            if person is None:
                create.append(Person(employee_number=r.employee_number, **values))
                continue
            changed = [f for f, v in values.items() if getattr(person, f) != v]
            if changed:
                for f in changed:
                    setattr(person, f, values[f])
                update.append(person)
                self.audit_ids[(CATEGORY_MASTER_DATA, Action.UPDATE)].add(person.pk)
                counts.changed += 1
            else:
                counts.unchanged += 1
        for person in Person.objects.bulk_create(create):
            self.person_ids[person.employee_number] = person.pk
            self.audit_ids[(CATEGORY_MASTER_DATA, Action.CREATE)].add(person.pk)
        counts.created += len(create)
        Person.objects.bulk_update(update, list(fields))
        self._batch("medarbejdere", len(records))

    def write_employments(self, records: list[EmploymentRecord]) -> None:
        if not records:
            return
        counts = self.summary.employments
        person_ids = {self.person_ids[r.employee_number] for r in records}
        existing = {
            (e.person_id, e.start_date): e
            for e in Employment.objects.filter(person_id__in=person_ids)
        }
        fields = (
            "org_unit_id", "job_title", "job_family_id", "agreement", "weekly_hours",
            "end_date", "end_reason",
        )  # fmt: skip
        create: list[Employment] = []
        update: list[Employment] = []
        for r in records:
            person_id = self.person_ids[r.employee_number]
            family = r.job_family_code or job_family_for_title(r.job_title)
            values = {
                "org_unit_id": self.unit_id(r.org_unit_code),
                "job_title": r.job_title,
                "job_family_id": self.family_ids.get(family)
                or self.family_ids[FALLBACK_JOB_FAMILY],
                "agreement": r.agreement,
                "weekly_hours": r.weekly_hours,
                "end_date": r.end_date,
                "end_reason": r.end_reason,
            }
            if r.is_manager and (r.end_date is None or r.end_date >= self.today):
                self.managers[r.org_unit_code] = person_id
            employment = existing.get((person_id, r.start_date))
            if employment is None:
                create.append(Employment(person_id=person_id, start_date=r.start_date, **values))
                self.audit_ids[(CATEGORY_EMPLOYMENT, Action.CREATE)].add(person_id)
                continue
            changed = [f for f, v in values.items() if getattr(employment, f) != v]
            if not changed:
                counts.unchanged += 1
                continue
            ended = employment.end_date is None and r.end_date is not None
            for f in changed:
                setattr(employment, f, values[f])
            update.append(employment)
            self.audit_ids[(CATEGORY_EMPLOYMENT, Action.UPDATE)].add(person_id)
            if ended:
                counts.ended += 1
            else:
                counts.changed += 1
        Employment.objects.bulk_create(create)
        counts.created += len(create)
        Employment.objects.bulk_update(update, list(fields))
        self._batch("ansættelser", len(records))

    def end_missing(self, present: set[str], snapshot_date: date) -> None:
        """End the open employments of everyone missing from a snapshot (OPUS) file."""
        present_ids = {self.person_ids[n] for n in present if n in self.person_ids}
        open_rows = Employment.objects.filter(end_date__isnull=True).values_list(
            "pk", "person_id", "start_date"
        )
        to_end = [
            Employment(
                pk=pk,
                end_date=max(snapshot_date, start),
                end_reason=EndReason.OTHER,
            )
            for pk, person_id, start in open_rows
            if person_id not in present_ids
        ]
        ended_people = {
            person_id for pk, person_id, start in open_rows if person_id not in present_ids
        }
        Employment.objects.bulk_update(to_end, ["end_date", "end_reason"], batch_size=1000)
        self.summary.employments.ended += len(to_end)
        self.audit_ids[(CATEGORY_EMPLOYMENT, Action.UPDATE)].update(ended_people)
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
        for (category, action), ids in sorted(self.audit_ids.items()):
            ordered = sorted(ids)
            for i in range(0, len(ordered), BATCH_SIZE):
                audit.record(
                    actor=self.actor,
                    subject_person_ids=ordered[i : i + BATCH_SIZE],
                    action=action,
                    category=category,
                    purpose=PURPOSE,
                    channel=Channel.IMPORT,
                    detail=self.detail,
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


# --- The upload page: a run per upload, worked by the background worker ---


def upload_dir(run_id: int) -> pathlib.Path:
    return pathlib.Path(settings.VAR_DIR) / "imports" / str(run_id)


def _safe_name(name: str) -> str:
    base = pathlib.Path(name.replace("\\", "/")).name.strip() or "fil"
    return "".join(ch if ch.isalnum() or ch in "._- æøåÆØÅ" else "_" for ch in base)


def start_upload(*, actor: Any, files: Sequence[Any], dry_run: bool) -> ImportRun:
    """Save the uploaded files under ``var/imports/<run>/`` and queue the import on the worker.

    ``files`` are Django ``UploadedFile`` objects (anything with ``name`` and ``chunks()``).
    """
    require_import_access(actor)
    if actor is None:
        raise PermissionDenied
    if not files:
        raise ValidationFailed(["Vælg mindst én fil."])
    names = [_safe_name(f.name) for f in files]
    bad = [
        n for n in names if pathlib.Path(n).suffix.lower() not in (".csv", ".txt", ".xlsx", ".xml")
    ]
    if bad:
        raise ValidationFailed(
            [f"»{n}« kan ikke importeres. Brug .csv, .xlsx eller OPUS-filer (.xml)." for n in bad]
        )
    if len(set(names)) != len(names):
        raise ValidationFailed(["To af filerne har samme navn. Giv dem hver sit navn."])
    run = ImportRun.objects.create(user=actor, file_names=names, dry_run=dry_run)
    folder = upload_dir(run.pk)
    folder.mkdir(parents=True, exist_ok=True)
    for upload, name in zip(files, names, strict=True):
        with (folder / name).open("wb") as out:
            for chunk in upload.chunks():
                out.write(chunk)
    from charlie.imports.tasks import run_import_task

    transaction.on_commit(lambda: run_import_task.enqueue(run_id=run.pk))
    return run


def execute_run(*, run_id: int) -> str:
    """Work one queued run (the worker calls this): import, store the result, delete the files."""
    run = ImportRun.objects.select_related("user").filter(pk=run_id).first()
    if run is None or not run.is_running:
        return "skipped"
    ImportRun.objects.filter(pk=run.pk).update(status=ImportStatus.RUNNING)
    folder = upload_dir(run.pk)
    try:
        paths = [folder / name for name in run.file_names]
        result = run_import(
            actor=run.user,
            sources=sources_for(paths),
            dry_run=run.dry_run,
            detail=f"upload {run.pk}",
        )
    except Exception as exc:
        if not isinstance(exc, ValidationFailed):
            log.exception("Import run %s failed", run.pk)
        run.status = ImportStatus.FAILED
        messages = (
            exc.messages
            if isinstance(exc, ValidationFailed)
            else [
                "Importen stoppede på grund af en fejl i Charlie. Intet er gemt. Prøv igen, og "
                "kontakt driften, hvis det sker igen."
            ]
        )
        run.problems = [{"file": "", "row": None, "column": None, "message": m} for m in messages]
        run.problem_count = len(messages)
    else:
        run.status = ImportStatus.DONE if result.ok else ImportStatus.PROBLEMS
        run.summary = result.summary.to_json()
        run.problems = [
            {"file": p.file, "row": p.row, "column": p.column, "message": p.message}
            for p in result.problems
        ]
        run.problem_count = result.problem_count
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "summary", "problems", "problem_count", "finished_at"])
    return str(run.status)


def get_run(*, actor: Any, run_id: int) -> ImportRun:
    require_import_access(actor)
    if actor is None:
        raise PermissionDenied
    run = ImportRun.objects.select_related("user").filter(pk=run_id).first()
    if run is None:
        raise NotFound
    return run


def recent_runs(*, actor: Any, limit: int = 10) -> list[ImportRun]:
    require_import_access(actor)
    if actor is None:
        raise PermissionDenied
    return list(ImportRun.objects.select_related("user")[:limit])


def kind_labels() -> dict[str, str]:
    return {
        "units": _("Enheder"),
        "people": _("Medarbejdere"),
        "employments": _("Ansættelser"),
        "absences": _("Fraværsperioder"),
    }


def summary_rows(summary: dict[str, Any]) -> list[dict[str, Any]]:
    """The summary as table rows: kind label and its counts."""
    labels = kind_labels()
    return [
        {"label": labels[key], "counts": counts}
        for key, counts in Summary.from_json(summary).kinds()
    ]
