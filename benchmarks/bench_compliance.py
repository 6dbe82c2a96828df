"""Mandatory-training compliance benchmark (issue 14): 45,000 employees × 10 rules on a date.

One run, in one process, on a fresh database (seed 2030):

1. **Seed** (not timed): 1 municipality, 8 forvaltninger and 8 × 8 = 64 units below them;
   ``--employees`` people (default 45,000) with one current employment each (start dates 2000
   to 2026, three job families); 10 courses and 10 rules that each cover everyone — 4 with no
   condition, 3 through the three job families, 3 through the eight forvaltninger — renewed
   every 12, 24 or 36 months or once; for about 80 % of each
   person's rules one counting completion in 2021–2026 (a failed one for a few more).
2. **Service path**: ``learning.services.compliance.evaluate`` for the whole municipality on
   2026-06-01 — the rules, the employments, the completions grouped per person and course
   (a handful of queries) and one pass of the NumPy engine; and ``compliance_list`` as HR
   (the same, plus the first page's names and its audit).
3. **Reference, same run**: a per-person Python loop — for each person, for each rule: does it
   cover them, their last completion from a dict, the validity with ``learning.rules``'s
   ``valid_until`` and ``core.calendar.add_months``, the status — over the same rows, loaded by
   the same grouped query (the loop's load is timed with it). Both must give the same status for
   every pair (exit status 1 otherwise).

Target: the service path ≤ 2 s.

Usage::

    python benchmarks/bench_compliance.py [--employees 45000] [--repeat 3]
    python benchmarks/bench_compliance.py --database-url postgres://postgres@127.0.0.1:5432/bench_compliance
    ./dev bench compliance   # CHARLIE_BENCH_DATABASE_URL + "_compliance" when set

Without ``--database-url`` it runs on SQLite in a temporary file. A PostgreSQL database must be
on loopback and its name contain "bench": it is dropped and made anew.

Results: a Markdown table on stdout and in ``benchmarks/results/compliance-latest.md``
(git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS_DIR = ROOT / "benchmarks" / "results"
SEED = 2030
TARGET_S = 2.0
ON = dt.date(2026, 6, 1)
N_RULES = 10


def _prepare_postgres(url: str) -> None:
    import urllib.parse

    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.hostname not in {"127.0.0.1", "localhost", "::1"} or "bench" not in name:
        raise SystemExit("The database must be on loopback and its name contain 'bench'.")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _setup(url: str) -> None:
    os.environ.update(
        {
            "DATABASE_URL": url,
            "DJANGO_SETTINGS_MODULE": "charlie.settings",
            "CHARLIE_DEMO": "1",
            "DEBUG": "0",
            "LOG_LEVEL": "WARNING",
            "DATABASE_POOL": "0",
        }
    )
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


def seed(n: int) -> float:
    from django.db import connection

    from charlie.learning.models import Completion, Course, MandatoryRule
    from charlie.people.models import Employment, JobFamily, OrgUnitKind, Person
    from charlie.people.services import create_org_unit

    started = time.perf_counter()
    rng = random.Random(SEED)
    start = dt.date(2000, 1, 1)
    top = create_org_unit(
        name="Benchkommune", kind=OrgUnitKind.MUNICIPALITY, parent=None, valid_from=start
    )
    forv = [
        create_org_unit(
            name=f"Forvaltning {i}", kind=OrgUnitKind.ADMINISTRATION, parent=top, valid_from=start
        )
        for i in range(8)
    ]
    units = [
        create_org_unit(
            name=f"Enhed {i}.{j}", kind=OrgUnitKind.DEPARTMENT, parent=f, valid_from=start
        )
        for i, f in enumerate(forv)
        for j in range(8)
    ]
    families = list(JobFamily.objects.order_by("pk")[:3])
    Person.objects.bulk_create(
        (
            Person(
                pk=p,
                employee_number=f"B{p:07d}",
                first_name="Bench",
                last_name=f"Person {p}",
                birth_date=dt.date(1960 + p % 40, 1 + p % 12, 1),
                gender="F",
            )
            for p in range(1, n + 1)
        ),
        batch_size=5000,
    )
    unit_of = {p: rng.randrange(len(units)) for p in range(1, n + 1)}
    family_of = {p: rng.randrange(len(families)) for p in range(1, n + 1)}
    Employment.objects.bulk_create(
        (
            Employment(
                person_id=p,
                org_unit=units[unit_of[p]],
                job_title="Bench",
                job_family=families[family_of[p]],
                weekly_hours=37,
                start_date=dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9650)),
            )
            for p in range(1, n + 1)
        ),
        batch_size=5000,
    )
    renewals = [12, 24, 36, None]
    courses = [
        Course.objects.create(
            code=f"bench-{r}",
            title=f"Kursus {r}",
            format="classroom",
            valid_months=36 if r % 3 == 0 else None,
        )
        for r in range(N_RULES)
    ]
    for r, course in enumerate(courses):
        rule = MandatoryRule.objects.create(
            name=f"Krav {r}", course=course, renew_months=renewals[r % 4], grace_days=90
        )
        # Every rule covers everyone, but three through their job families and three through
        # the forvaltninger (all of them): 10 pairs a person, and every path of the engine.
        if 4 <= r < 7:
            rule.job_families.set(families)
        elif r >= 7:
            rule.units.set(forv)
    rows = []
    for p in range(1, n + 1):
        for r in range(N_RULES):
            roll = rng.random()
            if roll < 0.8:
                day = dt.date(2021, 1, 1) + dt.timedelta(days=rng.randrange(1980))
                result = "completed"
            elif roll < 0.83:
                day = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randrange(365))
                result = "failed"
            else:
                continue
            until = None
            if courses[r].valid_months:
                from charlie.learning.rules import valid_until

                until = valid_until(day, courses[r].valid_months, result)
            elif result == "failed":
                until = day - dt.timedelta(days=1)
            rows.append(
                Completion(
                    person_id=p,
                    course_id=courses[r].pk,
                    completed_on=day,
                    result=result,
                    source="import",
                    valid_until=until,
                    external_id=f"bench:{p}:{r}",
                )
            )
        if len(rows) >= 20000:
            Completion.objects.bulk_create(rows, batch_size=5000)
            rows = []
    Completion.objects.bulk_create(rows, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return time.perf_counter() - started


def reference(on: dt.date) -> dict[tuple[int, int], str]:
    """The per-person Python loop (see the module docstring)."""
    from django.db.models import Max

    from charlie.core.calendar import add_months
    from charlie.learning.models import Completion
    from charlie.learning.rules import COUNTING_RESULTS
    from charlie.learning.services.compliance import active_rules
    from charlie.people.services import current_employments

    rules = active_rules()
    people = {}
    for pid, family, path, start in current_employments(on=on).values_list(
        "person_id", "job_family_id", "org_unit__path", "start_date"
    ):
        people[pid] = (family, path, start)
    last: dict[tuple[int, int], tuple[dt.date, dt.date | None, bool]] = {}
    done = Completion.objects.filter(result__in=COUNTING_RESULTS, completed_on__lte=on)
    for pid, course, when, until in (
        done.values("person_id", "course_id")
        .annotate(when=Max("completed_on"), until=Max("valid_until"))
        .values_list("person_id", "course_id", "when", "until")
    ):
        last[(pid, course)] = (when, until, until is None)
    out = {}
    for pid, (family, path, start) in people.items():
        for rule in rules:
            if rule.families and family not in rule.families:
                continue
            if rule.unit_paths and not any(path.startswith(p) for p in rule.unit_paths):
                continue
            found = last.get((pid, rule.course_id or 0))
            if found is None:
                due = start + dt.timedelta(days=rule.grace_days)
                out[(pid, rule.pk)] = "never" if on <= due else "overdue"
                continue
            when, until, _forever = found
            if rule.renew_months:
                renewed = add_months(when, rule.renew_months) - dt.timedelta(days=1)
                until = renewed if until is None else min(until, renewed)
            if until is None:
                out[(pid, rule.pk)] = "ok"
            elif until < on:
                out[(pid, rule.pk)] = "overdue"
            elif (until - on).days <= 90:
                out[(pid, rule.pk)] = "due"
            else:
                out[(pid, rule.pk)] = "ok"
    return out


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        begun = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - begun)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=45_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--database-url",
        default=(
            os.environ["CHARLIE_BENCH_DATABASE_URL"] + "_compliance"
            if os.environ.get("CHARLIE_BENCH_DATABASE_URL")
            else ""
        ),
        help="PostgreSQL on loopback (default: SQLite in a temporary file).",
    )
    parser.add_argument(
        "--sqlite-path",
        default="",
        help="Keep the SQLite database here; an existing one is used as it is (no seeding).",
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the service path.")
    parser.add_argument(
        "--reuse", action="store_true", help="PostgreSQL: use the database as it is (seeded)."
    )
    args = parser.parse_args(argv)
    tmp = tempfile.TemporaryDirectory()
    reuse = (bool(args.sqlite_path) and Path(args.sqlite_path).exists()) or args.reuse
    if args.database_url:
        if not args.reuse:
            _prepare_postgres(args.database_url)
        url, engine_name = args.database_url, "PostgreSQL"
    else:
        path = args.sqlite_path or f"{tmp.name}/bench.sqlite3"
        url, engine_name = f"sqlite:///{path}", "SQLite"
    _setup(url)
    seeded = 0.0 if reuse else seed(args.employees)
    if args.profile:
        import cProfile
        import pstats

        from charlie.learning.services import compliance as service

        with cProfile.Profile() as prof:
            service.evaluate(on=ON, paths=None)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
        return 0

    from charlie.core.roles import Role
    from charlie.learning import compliance as engine
    from charlie.learning.services import compliance
    from charlie.people.services import operator_access

    t_service, data = timed(lambda: compliance.evaluate(on=ON, paths=None), args.repeat)
    hr = operator_access(Role.HR, channel="cli")
    t_page, page = timed(
        lambda: compliance.compliance_list(hr, compliance.Filter(on=ON)), args.repeat
    )
    t_ref, ref = timed(lambda: reference(ON), 1)
    ours = {
        (int(p), data.rules[int(r)].pk): engine.STATUS_NAMES[int(s)]
        for p, r, s in zip(data.person, data.rule, data.result.status, strict=True)
    }
    ok = ours == ref
    if not ok:
        differ = [k for k in ref if ours.get(k) != ref[k]][:5]
        print(f"the engine and the loop differ, e.g. {differ}", file=sys.stderr)
    pairs = len(data)
    counts = {name: int((data.result.status == code).sum()) for name, code in engine.CODE.items()}
    lines = [
        f"Compliance, {args.employees:,} employees × {N_RULES} rules = {pairs:,} pairs on "
        f"{ON.isoformat()}, {engine_name}, median of {args.repeat}",
        "",
        "| Work | Time | Per-person Python loop | Ratio | Target |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| service path (queries + NumPy engine) | {t_service * 1000:,.0f} ms | "
        f"{t_ref * 1000:,.0f} ms | {t_ref / t_service:,.1f}× | ≤ {TARGET_S:g} s "
        f"{'met' if t_service <= TARGET_S else 'MISSED'} |",
        f"| compliance list as HR (+ first page, audit) | {t_page * 1000:,.0f} ms | – | – | – |",
        "",
        f"Statuses: {counts}; the same for every pair in both: {'yes' if ok else 'NO'}. "
        f"First page: {len(page.rows)} rows. Seeding took {seeded:,.0f} s (not timed).",
    ]
    table = "\n".join(lines)
    print(table)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "compliance-latest.md").write_text(table + "\n")
    tmp.cleanup()
    return 0 if ok and t_service <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
