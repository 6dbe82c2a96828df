"""Create the demo municipality in the database: generate, wipe, bulk-insert, demo logins.

``create_demo`` replaces *all* org units, people, employments and absence periods (and rows in
other apps that depend on them) with Demo Kommune: it is meant for a demo database only. Rows
are written in bulk, never one ``save()`` at a time: ``executemany`` in chunks on SQLite,
``COPY … FROM STDIN`` on PostgreSQL, all in one transaction, with explicit primary keys (paths
are ``/1/4/17/`` exactly as ``people.services.create_org_unit`` builds them); PostgreSQL's
sequences are reset afterwards so later inserts get fresh keys. While loading, the tables'
secondary indexes (and on PostgreSQL their foreign keys) are dropped and rebuilt once at the
end, the way ``pg_restore`` loads: much faster than maintaining them row by row.

The demo logins (one per role) share one public password and carry ``is_demo=True``; the login
service refuses them unless ``CHARLIE_DEMO`` is on (``charlie.core.services.log_in``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from time import perf_counter
from typing import Any

import numpy as np
import numpy.typing as npt
from django.contrib.auth.hashers import make_password
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, connections, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import ForeignObjectRel
from django.utils import timezone

from charlie.absence import services as absence
from charlie.absence.models import AbsencePeriod
from charlie.core.cache import bump
from charlie.core.models import User
from charlie.core.roles import Role
from charlie.demo.generator import (
    ABSENCE_TYPES,
    END_REASONS,
    FAMILY_CODES,
    MUNICIPALITY_NAME,
    DemoData,
    generate,
)
from charlie.demo.learning import create_demo_learning
from charlie.demo.portfolio import create_demo_portfolio
from charlie.demo.recruitment import create_demo_recruitment
from charlie.demo.skills import create_demo_skills
from charlie.demo.wellbeing import create_demo_wellbeing
from charlie.people.job_families import JOB_FAMILIES
from charlie.people.models import Employment, JobFamily, OrgUnit, Person
from charlie.workforce import services as workforce

Progress = Callable[[str, int, int], None]

DEFAULT_EMPLOYEES = 1800
DEFAULT_SEED = 2030
#: The one password of every demo login. It is public (README, ``charlie demo``) and only works
#: while CHARLIE_DEMO is on.
DEMO_PASSWORD = "demo-kun-til-demo"  # noqa: S105
CHUNK_ROWS = 50_000

#: The stages reported to ``progress``, in order, with Danish labels for the console.
STAGES: dict[str, str] = {
    "generate": "Genererer data",
    "delete": "Sletter tidligere demodata",
    "people": "Medarbejdere",
    "org_units": "Organisationsenheder",
    "employments": "Ansættelser",
    "absences": "Fraværsperioder",
    "finish": "Indekser, sekvenser og statistik",
    "users": "Demo-logins",
    "skills": "Kompetencer, MUS og udviklingsplaner",
    "learning": "Kurser, e-læring og obligatorisk uddannelse",
    "recruitment": "Rekruttering og introduktion",
    "wellbeing": "Trivsel, APV og handlingsplaner",
    "portfolio": "Digitaliseringsportefølje",
}


@dataclass(frozen=True, slots=True)
class DemoLogin:
    """A demo login: user name, role and the shared demo password."""

    username: str
    role: Role
    password: str = DEMO_PASSWORD

    @property
    def role_label(self) -> str:
        return str(self.role.label)


DEMO_LOGINS: tuple[DemoLogin, ...] = (
    DemoLogin("medarbejder", Role.EMPLOYEE),
    DemoLogin("leder", Role.MANAGER),
    DemoLogin("hr", Role.HR),
    DemoLogin("analytiker", Role.ANALYST),
    DemoLogin("dpo", Role.DPO),
    DemoLogin("admin", Role.ADMIN),
)


@dataclass(frozen=True, slots=True)
class DemoUser:
    """A demo login as created, with the person it is linked to (if any)."""

    login: DemoLogin
    user_id: int
    person_id: int | None
    person_name: str
    job_title: str
    unit: str


@dataclass(frozen=True, slots=True)
class DemoSummary:
    employees: int
    seed: int
    reference_date: date
    history_start: date
    org_units: int
    people: int
    employments: int
    absence_periods: int
    users: tuple[DemoUser, ...]
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)

    @property
    def rows(self) -> int:
        return self.org_units + self.people + self.employments + self.absence_periods


def other_data_present(*, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether the database holds people or units that are not Demo Kommune's.

    ``create_demo`` would delete them; the commands refuse unless told ``--force``.
    """
    units = OrgUnit.objects.using(using)
    if units.filter(parent__isnull=True, name=MUNICIPALITY_NAME).exists():
        return units.filter(parent__isnull=True).exclude(name=MUNICIPALITY_NAME).exists()
    return units.exists() or Person.objects.using(using).exists()


def demo_exists(*, using: str = DEFAULT_DB_ALIAS) -> bool:
    """Whether Demo Kommune and its demo logins are in the database."""
    return OrgUnit.objects.using(using).filter(
        parent__isnull=True, name=MUNICIPALITY_NAME
    ).exists() and User.objects.using(using).filter(
        is_demo=True, username__in=[login.username for login in DEMO_LOGINS]
    ).count() == len(DEMO_LOGINS)


def demo_users(*, using: str = DEFAULT_DB_ALIAS) -> tuple[DemoUser, ...]:
    """The demo logins in the database, with the person and current job each is linked to."""
    users = {
        u.username: u
        for u in User.objects.using(using).filter(
            is_demo=True, username__in=[login.username for login in DEMO_LOGINS]
        )
    }
    result = []
    for login in DEMO_LOGINS:
        user = users.get(login.username)
        if user is None:
            continue
        person = Person.objects.using(using).filter(user=user).first()
        job = (
            person.employments.filter(end_date__isnull=True).select_related("org_unit").first()
            if person is not None
            else None
        )
        result.append(
            DemoUser(
                login=login,
                user_id=user.pk,
                person_id=person.pk if person is not None else None,
                person_name=person.full_name if person is not None else "",
                job_title=job.job_title if job is not None else "",
                unit=job.org_unit.name if job is not None else "",
            )
        )
    return tuple(result)


def create_demo(
    *,
    employees: int = DEFAULT_EMPLOYEES,
    seed: int = DEFAULT_SEED,
    reference_date: date | None = None,
    progress: Progress | None = None,
    using: str = DEFAULT_DB_ALIAS,
) -> DemoSummary:
    """Replace the organisation, people, employments and absence with Demo Kommune.

    Deletes every ``OrgUnit``, ``Person``, ``Employment`` and ``AbsencePeriod`` (and the rows of
    other apps that depend on them) and the demo users, then writes ``generate(...)``'s data in
    bulk and creates one demo login per role. ``progress(stage, done, total)`` is called as
    each stage advances (stages: ``STAGES``). Returns counts, logins and timings.
    """
    report: Progress = progress or (lambda stage, done, total: None)
    timings: dict[str, float] = {}
    started = perf_counter()
    ref = reference_date or timezone.localdate()

    report("generate", 0, 1)
    data = generate(employees=employees, seed=seed, reference_date=ref)
    timings["generate"] = perf_counter() - started
    report("generate", 1, 1)

    connection = connections[using]
    with transaction.atomic(using=using):
        mark = perf_counter()
        _wipe(connection, report)
        timings["delete"] = perf_counter() - mark
        writer = _BulkWriter(connection, report, data)
        with _indexes_suspended(connection, _CORE_MODELS, timings):
            for stage, write in (
                # People first: org units point at their managers.
                ("people", writer.people),
                ("org_units", writer.org_units),
                ("employments", writer.employments),
                ("absences", writer.absences),
            ):
                mark = perf_counter()
                write()
                timings[stage] = perf_counter() - mark
            report("finish", 0, 3)  # leaving the block rebuilds the indexes
        report("finish", 1, 3)
        mark = perf_counter()
        _reset_sequences(connection)
        timings["sequences"] = perf_counter() - mark
        report("finish", 2, 3)
        mark = perf_counter()
        _analyze(connection)
        timings["analyze"] = perf_counter() - mark
        report("finish", 3, 3)
        report("users", 0, 1)
        mark = perf_counter()
        users = _create_users(data, using)
        timings["users"] = perf_counter() - mark
        report("users", 1, 1)
        bump("people")  # bulk inserts send no signals: invalidate cached aggregates here
        bump("absence")
        mark = perf_counter()
    # Leaving the block commits; deferred foreign-key checks run here.
    timings["commit"] = perf_counter() - mark
    mark = perf_counter()
    absence.refresh_tasks(ref)  # the managers see today's follow-up tasks
    timings["followup_tasks"] = perf_counter() - mark
    # The workforce plan's illustrative scenario (assumptions traced to DOMAIN.md 4).
    workforce.create_illustrative_scenario()
    # Skills, MUS and development plans for the current employees (issue 13).
    report("skills", 0, 1)
    mark = perf_counter()
    employee = next((u.person_id for u in users if u.login.username == "medarbejder"), None)
    create_demo_skills(ref, seed=seed, employee_person_id=employee)
    timings["skills"] = perf_counter() - mark
    report("skills", 1, 1)
    # Courses, e-learning, mandatory training and completions (issue 14).
    report("learning", 0, 1)
    mark = perf_counter()
    create_demo_learning(ref, seed=seed, employee_person_id=employee)
    timings["learning"] = perf_counter() - mark
    report("learning", 1, 1)
    # A hiring round from requisition to onboarding, the careers site, the talent pool (issue 15).
    report("recruitment", 0, 1)
    mark = perf_counter()
    logins = {u.login.username: (u.user_id, u.person_id) for u in users}
    create_demo_recruitment(ref, seed=seed, users=logins)
    timings["recruitment"] = perf_counter() - mark
    report("recruitment", 1, 1)
    # Two trivselsmålinger, a pulse, the manager's APV with actions, green initiatives (issue 16).
    report("wellbeing", 0, 1)
    mark = perf_counter()
    create_demo_wellbeing(ref, seed=seed, users=logins)
    timings["wellbeing"] = perf_counter() - mark
    report("wellbeing", 1, 1)
    # Beacons, ideas, initiatives with business cases, a team, benefits (issue 17).
    report("portfolio", 0, 1)
    mark = perf_counter()
    create_demo_portfolio(ref, seed=seed, users=logins)
    timings["portfolio"] = perf_counter() - mark
    report("portfolio", 1, 1)
    return DemoSummary(
        employees=employees,
        seed=seed,
        reference_date=ref,
        history_start=data.history_start,
        org_units=len(data.org_units),
        people=len(data.people),
        employments=len(data.employments),
        absence_periods=len(data.absences),
        users=users,
        seconds=perf_counter() - started,
        timings=timings,
    )


# --------------------------------------------------------------------------------------------
# Deleting
# --------------------------------------------------------------------------------------------

_CORE_MODELS: tuple[type[models.Model], ...] = (AbsencePeriod, Employment, Person, OrgUnit)


def _dependants() -> tuple[list[type[models.Model]], list[tuple[type[models.Model], str]]]:
    """Models whose rows go with the people core, and nullable links to it to clear.

    Starting from the four core models, any model with a foreign key to one of them is wiped
    too, unless the key is ``SET_NULL`` (then the column is set to NULL). Returned children first.
    """
    wipe: list[type[models.Model]] = list(_CORE_MODELS)
    nullify: list[tuple[type[models.Model], str]] = []
    queue = list(_CORE_MODELS)
    while queue:
        model = queue.pop(0)
        for rel in model._meta.get_fields(include_hidden=True):
            # Reverse foreign keys (hidden ones too: the links of many-to-many tables).
            if not isinstance(rel, ForeignObjectRel) or rel.many_to_many:
                continue
            related: type[models.Model] = rel.related_model  # type: ignore[assignment]
            if related in wipe or related._meta.proxy:
                continue
            if rel.on_delete is models.SET_NULL:
                nullify.append((related, str(rel.field.column)))
            else:
                wipe.append(related)
                queue.append(related)
    nullify = [(m, c) for m, c in nullify if m not in wipe]
    extra = [m for m in wipe if m not in _CORE_MODELS]
    return [*reversed(extra), *_CORE_MODELS], nullify


def _wipe(connection: BaseDatabaseWrapper, report: Progress) -> None:
    wipe, nullify = _dependants()
    qn = connection.ops.quote_name
    report("delete", 0, len(wipe) + 1)
    with connection.cursor() as cursor:
        for model, column in nullify:
            table = qn(model._meta.db_table)
            cursor.execute(f"UPDATE {table} SET {qn(column)} = NULL WHERE {qn(column)} IS NOT NULL")  # noqa: S608
        if connection.vendor == "postgresql" and not nullify:
            tables = ", ".join(qn(m._meta.db_table) for m in wipe)
            # TRUNCATE refuses tables with deferred checks pending from earlier in the same
            # transaction: run those checks now, then defer again (Django's default).
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(f"TRUNCATE {tables}")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        else:
            cursor.execute(f"UPDATE {qn(OrgUnit._meta.db_table)} SET manager_id = NULL")  # noqa: S608
            for done, model in enumerate(wipe, 1):
                cursor.execute(f"DELETE FROM {qn(model._meta.db_table)}")  # noqa: S608
                report("delete", done, len(wipe) + 1)
            if connection.vendor == "postgresql":
                # The deletes leave deferred foreign-key checks pending, and the writer's
                # ALTER TABLE refuses a table with pending trigger events: run them now.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")
    demo_users = User.objects.using(connection.alias).filter(is_demo=True)
    demo_users.exclude(username__in=[login.username for login in DEMO_LOGINS]).delete()
    report("delete", len(wipe) + 1, len(wipe) + 1)


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------

Column = Callable[[slice], Sequence[Any]]


class _BulkWriter:
    """Writes the generated arrays table by table, in chunks, as database-ready values."""

    def __init__(self, connection: BaseDatabaseWrapper, report: Progress, data: DemoData) -> None:
        self.connection = connection
        self.report = report
        self.data = data
        family_ids = dict(JobFamily.objects.using(connection.alias).values_list("code", "pk"))
        for order, seed in enumerate(JOB_FAMILIES):  # normally seeded by a migration
            if seed.code not in family_ids:
                family_ids[seed.code] = (
                    JobFamily.objects.using(connection.alias)
                    .create(code=seed.code, name=seed.name, sort_order=order * 10)
                    .pk
                )
        self.family_id = np.array([family_ids[code] for code in FAMILY_CODES], dtype=np.int64)
        lo = min(
            data.people.birth_date.min(),
            data.employments.start_date.min(),
            np.datetime64(data.org_units.valid_from, "D"),
        )
        ends = data.employments.end_date
        hi = max(ends[~np.isnat(ends)].max(), np.datetime64(data.reference_date, "D"))
        self.date_base = int(lo.astype(np.int64))
        days = np.arange(lo, hi + np.timedelta64(1, "D"), dtype="datetime64[D]")
        self.iso = np.datetime_as_string(days).astype(object)

    # -- value helpers -------------------------------------------------------------------

    def dates(self, values: npt.NDArray[np.datetime64]) -> list[str | None]:
        missing = np.isnat(values)
        idx = values.astype(np.int64) - self.date_base
        idx[missing] = 0
        out = self.iso[idx]
        out[missing] = None
        return out.tolist()  # type: ignore[no-any-return]

    @staticmethod
    def ids_or_none(values: npt.NDArray[Any]) -> list[int | None]:
        out = values.astype(object)
        out[values == 0] = None
        return out.tolist()  # type: ignore[no-any-return]

    @staticmethod
    def labels(codes: npt.NDArray[Any], table: Sequence[str], missing: str = "") -> list[str]:
        lookup = np.asarray([*table, missing], dtype=object)
        return lookup[np.where(codes < 0, len(table), codes)].tolist()  # type: ignore[no-any-return]

    # -- tables --------------------------------------------------------------------------

    def org_units(self) -> None:
        u = self.data.org_units
        valid_from = u.valid_from.isoformat()
        self.insert(
            OrgUnit,
            "org_units",
            len(u),
            {
                "id": lambda s: u.id[s].tolist(),
                "name": lambda s: u.name[s],
                "short_name": lambda s: u.short_name[s],
                "kind": lambda s: u.kind[s],
                "parent_id": lambda s: self.ids_or_none(u.parent_id[s]),
                "path": lambda s: u.path[s],
                "depth": lambda s: u.depth[s].tolist(),
                "cost_center": lambda s: u.cost_center[s],
                "manager_id": lambda s: self.ids_or_none(u.manager_person_id[s]),
                "valid_from": lambda s: [valid_from] * len(u.id[s]),
                "valid_to": lambda s: [None] * len(u.id[s]),
            },
        )

    def people(self) -> None:
        p = self.data.people
        gender = p.gender
        self.insert(
            Person,
            "people",
            len(p),
            {
                "id": lambda s: p.id[s].tolist(),
                "employee_number": p.employee_number,
                "first_name": p.first_name,
                "last_name": p.last_name,
                "birth_date": lambda s: self.dates(p.birth_date[s]),
                "gender": lambda s: gender[s].tolist(),
                "email": p.email,
                "phone": lambda s: [""] * len(p.birth_date[s]),
                "user_id": lambda s: [None] * len(p.birth_date[s]),
            },
        )

    def employments(self) -> None:
        e = self.data.employments
        self.insert(
            Employment,
            "employments",
            len(e),
            {
                "id": lambda s: e.id[s].tolist(),
                "person_id": lambda s: e.person_id[s].tolist(),
                "org_unit_id": lambda s: e.org_unit_id[s].tolist(),
                "job_title": lambda s: self.labels(e.title[s], e.titles),
                "job_family_id": lambda s: self.family_id[e.job_family[s]].tolist(),
                "agreement": lambda s: self.labels(e.agreement[s], e.agreements),
                "weekly_hours": lambda s: e.weekly_hours[s].tolist(),
                "start_date": lambda s: self.dates(e.start_date[s]),
                "end_date": lambda s: self.dates(e.end_date[s]),
                "end_reason": lambda s: self.labels(e.end_reason[s], END_REASONS),
            },
        )

    def absences(self) -> None:
        a = self.data.absences

        def hours(s: slice) -> list[float | None]:
            values = a.hours_per_day[s]
            out = values.astype(object)
            out[np.isnan(values)] = None
            return out.tolist()  # type: ignore[no-any-return]

        self.insert(
            AbsencePeriod,
            "absences",
            len(a),
            {
                "id": lambda s: a.id[s].tolist(),
                "person_id": lambda s: a.person_id[s].tolist(),
                "employment_id": lambda s: a.employment_id[s].tolist(),
                "absence_type": lambda s: self.labels(a.absence_type[s], ABSENCE_TYPES),
                "start_date": lambda s: self.dates(a.start_date[s]),
                "end_date": lambda s: self.dates(a.end_date[s]),
                "hours_per_day": hours,
            },
        )

    def insert(
        self, model: type[models.Model], stage: str, n_rows: int, columns: dict[str, Column]
    ) -> None:
        """Insert ``n_rows`` rows; columns the generator does not know get their default."""
        connection = self.connection
        names: list[str] = []
        getters: list[Column] = []
        for f in model._meta.concrete_fields:
            if f.generated:  # computed by the database (Person's search keys)
                continue
            names.append(str(f.column))
            if f.column in columns:
                getters.append(columns[f.column])
                continue
            if f.has_default():
                value = f.get_db_prep_save(f.get_default(), connection)
            elif f.null:
                value = None
            else:
                raise ValueError(f"{model.__name__}.{f.name} has no value and no default.")
            getters.append(_constant(value))
        qn = connection.ops.quote_name
        table = qn(model._meta.db_table)
        column_list = ", ".join(qn(c) for c in names)
        self.report(stage, 0, n_rows)
        with connection.cursor() as cursor:
            for start in range(0, n_rows, CHUNK_ROWS):
                rows = slice(start, min(start + CHUNK_ROWS, n_rows))
                values = zip(*(get(rows) for get in getters), strict=True)
                if connection.vendor == "postgresql":
                    with cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy:
                        for row in values:
                            copy.write_row(row)
                else:
                    placeholders = ", ".join(["%s"] * len(names))
                    cursor.executemany(
                        f"INSERT INTO {table} ({column_list}) VALUES ({placeholders})",  # noqa: S608
                        list(values),
                    )
                self.report(stage, rows.stop, n_rows)


@contextmanager
def _indexes_suspended(
    connection: BaseDatabaseWrapper, tables: Sequence[type[models.Model]], timings: dict[str, float]
) -> Iterator[None]:
    """Drop secondary indexes (and, on PostgreSQL, foreign keys) while loading; rebuild after.

    Building an index once over sorted data is much faster than maintaining it row by row, and
    one foreign-key validation per table is much faster than one check per row (the way
    ``pg_restore`` loads). Primary keys and unique constraints stay. It all happens inside the
    caller's transaction, so a failed load leaves the schema as it was.
    """
    names = [m._meta.db_table for m in tables]
    qn = connection.ops.quote_name
    rebuild: list[str] = []
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in names:
                cursor.execute(
                    "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
                    "WHERE conrelid = %s::regclass AND contype = 'f'",
                    [table],
                )
                for name, definition in cursor.fetchall():
                    cursor.execute(f"ALTER TABLE {qn(table)} DROP CONSTRAINT {qn(name)}")
                    rebuild.append(
                        f"ALTER TABLE {qn(table)} ADD CONSTRAINT {qn(name)} {definition}"
                    )
                cursor.execute(
                    "SELECT i.indexname, i.indexdef FROM pg_indexes i "
                    "WHERE i.schemaname = current_schema() AND i.tablename = %s AND NOT EXISTS "
                    "(SELECT 1 FROM pg_constraint c WHERE c.conindid = "
                    "(quote_ident(i.schemaname) || '.' || quote_ident(i.indexname))::regclass)",
                    [table],
                )
                for name, definition in cursor.fetchall():
                    cursor.execute(f"DROP INDEX {qn(name)}")
                    rebuild.insert(0, definition)
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA cache_size")
            cache_size = cursor.fetchone()[0]
            cursor.execute("PRAGMA cache_size = -262144")  # 256 MiB while loading
            for table in names:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master "
                    "WHERE type = 'index' AND tbl_name = %s AND sql IS NOT NULL",
                    [table],
                )
                for name, definition in cursor.fetchall():
                    cursor.execute(f"DROP INDEX {qn(name)}")
                    rebuild.append(definition)
    yield
    mark = perf_counter()
    with connection.cursor() as cursor:
        for sql in rebuild:
            cursor.execute(sql)
        if connection.vendor == "sqlite":
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")
    timings["indexes"] = perf_counter() - mark


def _constant(value: Any) -> Column:
    def column(rows: slice) -> list[Any]:
        return [value] * (rows.stop - rows.start)

    return column


def _reset_sequences(connection: BaseDatabaseWrapper) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), list(_CORE_MODELS))
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def _analyze(connection: BaseDatabaseWrapper) -> None:
    """Refresh the query planner's statistics for the freshly filled tables."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("PRAGMA analysis_limit = 1000")
        for model in _CORE_MODELS:
            cursor.execute(f"ANALYZE {qn(model._meta.db_table)}")


# --------------------------------------------------------------------------------------------
# Demo logins
# --------------------------------------------------------------------------------------------


def _choose_people(data: DemoData) -> dict[str, int]:
    """Which current employment (index) each demo login is linked to; −1 for none.

    The employee is a SOSU-assistent on a care-home ward (with some absence to look at); the
    manager manages the institution with the most people in its sub-tree (one with departments
    or at least 15 people); HR, analyst, DPO and administrator work in Staben, falling back to
    neighbouring departments (or no person) in a very small demo.
    """
    e = data.employments
    units = data.org_units
    current = e.current(data.reference_date)
    title = np.asarray(e.titles, dtype=object)[e.title]
    unit_idx = e.org_unit_id.astype(np.int64) - 1
    unit_type = np.asarray(units.unit_type, dtype=object)[unit_idx]
    is_manager = e.job_family == FAMILY_CODES.index("leder")
    staff = current & ~is_manager
    has_absence = np.zeros(len(e), dtype=bool)
    has_absence[data.absences.employment_id - 1] = True
    taken = np.zeros(len(data.people) + 1, dtype=bool)

    def pick(candidates: npt.NDArray[np.bool_], *prefer: npt.NDArray[np.bool_]) -> int:
        candidates = candidates & ~taken[e.person_id]
        for preference in prefer:
            if (candidates & preference).any():
                candidates = candidates & preference
        hits = np.flatnonzero(candidates)
        if not len(hits):
            return -1
        taken[e.person_id[hits[0]]] = True
        return int(hits[0])

    def in_staben(types: tuple[str, ...], wanted_title: str) -> int:
        for key in types:
            k = pick(staff & (unit_type == key), title == wanted_title)
            if k >= 0:
                return k
        return -1

    # Manager first: the institution with the most people in its sub-tree.
    headcount = np.bincount(unit_idx[current], minlength=len(units))
    subtree = headcount.copy()
    for i in range(len(units) - 1, 0, -1):  # parents come before children: sum bottom-up
        subtree[units.parent_id[i] - 1] += subtree[i]
    has_children = np.zeros(len(units), dtype=bool)
    has_children[units.parent_id[units.parent_id > 0] - 1] = True
    institution = np.array([kind == "institution" for kind in units.kind])
    score = np.where(institution & (has_children | (subtree >= 15)), subtree, -1)
    best = int(np.argmax(score))
    chosen = {
        "leder": pick(current & is_manager & (e.person_id == units.manager_person_id[best])),
        "medarbejder": pick(
            staff & (title == "Social- og sundhedsassistent"),
            unit_type == "plejecenter",
            has_absence,
        ),
        "hr": in_staben(("hr",), "HR-konsulent"),
        "analytiker": in_staben(("analyse", "oekonomi", "sekretariat", "hr"), "Dataanalytiker"),
        "dpo": in_staben(("jura", "sekretariat", "hr"), "Databeskyttelsesrådgiver"),
        "admin": in_staben(("it", "sekretariat", "oekonomi"), "IT-medarbejder"),
    }
    return chosen


def _create_users(data: DemoData, using: str) -> tuple[DemoUser, ...]:
    chosen = _choose_people(data)
    e = data.employments
    people = data.people
    password = make_password(DEMO_PASSWORD)  # hashed once: the same for every demo login
    result = []
    for login in DEMO_LOGINS:
        k = chosen.get(login.username, -1)
        person_id = int(e.person_id[k]) if k >= 0 else None
        row = slice(person_id - 1, person_id) if person_id else None
        first = people.first_name(row)[0] if row else "Demo"
        last = people.last_name(row)[0] if row else str(login.role.label)
        email = people.email(row)[0] if row else ""
        user, _ = User.objects.using(using).update_or_create(
            username=login.username,
            defaults={
                "role": login.role,
                "is_demo": True,
                "is_active": True,
                # No superuser or staff flag: the admin role alone opens the admin's
                # configuration tables, and users and roles are Charlie pages (decision 0014).
                "is_staff": False,
                "is_superuser": False,
                "first_name": first,
                "last_name": last,
                "email": email,
                "password": password,
            },
        )
        if person_id:
            Person.objects.using(using).filter(pk=person_id).update(user=user)
        result.append(
            DemoUser(
                login=login,
                user_id=user.pk,
                person_id=person_id,
                person_name=f"{first} {last}" if row else "",
                job_title=e.titles[e.title[k]] if k >= 0 else "",
                unit=data.org_units.name[e.org_unit_id[k] - 1] if k >= 0 else "",
            )
        )
    return tuple(result)
