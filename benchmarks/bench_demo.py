"""Demo-data benchmark: how fast ``create_demo`` fills a fresh database at sizes S, L and XL.

For each size (current employees; default 1,800, 45,000 and 500,000 — DESIGN.md "Data") and each
database, a separate process (so that each size's peak memory is its own):

1. migrates a fresh database — a SQLite file in a temporary directory, and/or a PostgreSQL
   database that this script creates and drops;
2. runs ``charlie.demo.services.create_demo`` (generate + bulk insert, 10 years of history) and
   takes its wall time and the process's peak resident memory (``ru_maxrss``; tracemalloc would
   slow NumPy down and misses memory outside Python's allocator);
3. measures the **reference in the same run**: the ordinary row-by-row ORM path, ``save()`` on
   500 people and 2,000 absence periods (values from the same demo) inside one transaction
   (the kindest row-by-row case; rolled back afterwards), as rows per second.

Reported per size and database: row counts, seconds for generating and writing, bulk rows/s,
row-by-row rows/s and their ratio (the speed-up), and peak memory. Targets on the project's
2-core machine: 45,000 within 60 s and 500,000 within 10 minutes.

Usage::

    python -m benchmarks.bench_demo                              # SQLite, all three sizes
    python -m benchmarks.bench_demo --sizes 1800,45000 \\
        --database-url postgres://postgres@127.0.0.1:5432/charlie_bench_demo
    ./dev bench demo                                             # SQLite + PostgreSQL

Without ``--database-url``, PostgreSQL is used too when ``CHARLIE_BENCH_DATABASE_URL`` is set
(as ``./dev bench`` does), in a database named after it with ``_demo`` appended — never the
named database itself. An existing database is dropped only if its name contains "bench".
Results: a Markdown table on stdout and in ``benchmarks/results/demo-latest.md``, the figures
as JSON in ``benchmarks/results/demo-latest.json`` and ``demo-<time>.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
REFERENCE_DATE = date(2026, 6, 30)  # fixed, so runs on different days compare
SEED = 2030
SAMPLE_PEOPLE = 500
SAMPLE_ABSENCES = 2000
TARGETS_S = {45_000: 60.0, 500_000: 600.0}
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}


# --------------------------------------------------------------------------------------------
# Worker: one size in one process
# --------------------------------------------------------------------------------------------


def _row_by_row_reference(data: Any) -> dict[str, float]:
    """Seconds for ``save()`` of sample people and absence periods, one row at a time."""
    import numpy as np
    from django.db import transaction

    from charlie.absence.models import AbsencePeriod
    from charlie.demo.generator import ABSENCE_TYPES
    from charlie.people.models import Person

    p, a = data.people, data.absences
    rows = slice(0, SAMPLE_PEOPLE)
    people = [
        Person(
            employee_number=f"BENCH{i}",
            first_name=first,
            last_name=last,
            birth_date=born.astype(object),
            gender=gender,
            email=email,
        )
        for i, first, last, born, gender, email in zip(
            range(SAMPLE_PEOPLE),
            p.first_name(rows),
            p.last_name(rows),
            p.birth_date[rows],
            p.gender[rows].tolist(),
            p.email(rows),
            strict=True,
        )
    ]
    absences = [
        AbsencePeriod(
            person_id=int(a.person_id[i]),
            employment_id=int(a.employment_id[i]),
            absence_type=ABSENCE_TYPES[a.absence_type[i]],
            start_date=a.start_date[i].astype(object),
            end_date=None if np.isnat(a.end_date[i]) else a.end_date[i].astype(object),
            hours_per_day=None if np.isnan(a.hours_per_day[i]) else float(a.hours_per_day[i]),
        )
        for i in range(min(SAMPLE_ABSENCES, len(a)))
    ]

    class Rollback(Exception):
        pass

    start = time.perf_counter()
    try:
        with transaction.atomic():
            for person in people:
                person.save()
            for absence in absences:
                absence.save()
            elapsed = time.perf_counter() - start
            raise Rollback
    except Rollback:
        pass
    n = len(people) + len(absences)
    return {"rows": n, "seconds": elapsed, "rows_per_s": n / elapsed}


def worker(size: int, out: Path) -> None:
    """Runs inside the child process: migrate, create_demo, reference, peak memory."""
    import resource

    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from charlie.demo import generator
    from charlie.demo.services import create_demo

    started = time.perf_counter()
    call_command("migrate", interactive=False, verbosity=0)
    migrate_s = time.perf_counter() - started
    summary = create_demo(employees=size, seed=SEED, reference_date=REFERENCE_DATE)
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # The reference row-by-row path needs the sample values; regenerating is cheap next to it.
    data = generator.generate(employees=min(size, 1800), seed=SEED, reference_date=REFERENCE_DATE)
    reference = _row_by_row_reference(data)
    result = {
        "employees": size,
        "database": connection.vendor,
        "org_units": summary.org_units,
        "people": summary.people,
        "employments": summary.employments,
        "absence_periods": summary.absence_periods,
        "rows": summary.rows,
        "seconds": summary.seconds,
        "generate_s": summary.timings.get("generate", 0.0),
        "write_s": summary.seconds - summary.timings.get("generate", 0.0),
        "timings": summary.timings,
        "bulk_rows_per_s": summary.rows / summary.seconds,
        "reference": reference,
        "speedup": summary.rows / summary.seconds / reference["rows_per_s"],
        "peak_rss_mib": peak_kib / 1024,
        "migrate_s": migrate_s,
    }
    out.write_text(json.dumps(result, indent=2))


# --------------------------------------------------------------------------------------------
# Parent: databases, processes, report
# --------------------------------------------------------------------------------------------


def _pg_admin(url: str) -> tuple[str, str]:
    """(connection string to the server's ``postgres`` database, the database name in url)."""
    parts = urllib.parse.urlsplit(url)
    if parts.hostname not in LOOPBACK_HOSTS:
        raise SystemExit(f"Refusing a PostgreSQL server that is not on loopback: {parts.hostname}")
    name = parts.path.lstrip("/")
    if not name:
        raise SystemExit("The PostgreSQL URL must name a database.")
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), name


def _pg_recreate(url: str, *, drop_only: bool = False) -> None:
    import psycopg
    from psycopg import sql

    admin, name = _pg_admin(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and "bench" not in name:
            raise SystemExit(
                f"Database {name!r} exists and has no 'bench' in its name: not dropped."
            )
        if exists:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        if not drop_only:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _run_size(
    size: int, database: str, database_url: str, workdir: Path, timeout: float
) -> dict[str, Any]:
    out = workdir / f"result-{database}-{size}.json"
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "charlie.settings",
        "DATABASE_URL": database_url,
        "DATABASE_POOL": "0",
        "CHARLIE_DEMO": "1",
        "DEBUG": "0",
        "CHARLIE_VAR_DIR": str(workdir / "var"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", str(size), str(out)]
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            command, env=env, cwd=ROOT, timeout=timeout, capture_output=True, text=True
        )
    except subprocess.TimeoutExpired:
        return {
            "employees": size,
            "database": database,
            "error": f"timed out after {timeout:.0f} s",
        }
    if proc.returncode != 0 or not out.exists():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        error = " | ".join(tail) or f"exit {proc.returncode}"
        return {"employees": size, "database": database, "error": error}
    result: dict[str, Any] = json.loads(out.read_text())
    result["process_s"] = time.perf_counter() - started
    return result


def _fmt(n: float, digits: int = 0) -> str:
    return f"{n:,.{digits}f}"


def markdown(results: list[dict[str, Any]]) -> str:
    head = (
        "| Employees | Database | Org units | People | Employments | Absence periods | Rows "
        "| Generate s | Write s | Total s | Target | Bulk rows/s | Row-by-row rows/s "
        "| Bulk ÷ row-by-row | Peak RSS MiB |\n"
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|"
    )
    lines = [head]
    for r in results:
        if "error" in r:
            lines.append(
                f"| {_fmt(r['employees'])} | {r.get('database', '')} | error: {r['error']} |"
            )
            continue
        target = TARGETS_S.get(r["employees"])
        verdict = (
            "" if target is None else f"≤ {target:.0f} s {'✓' if r['seconds'] <= target else '✗'}"
        )
        lines.append(
            f"| {_fmt(r['employees'])} | {r['database']} | {_fmt(r['org_units'])} "
            f"| {_fmt(r['people'])} | {_fmt(r['employments'])} | {_fmt(r['absence_periods'])} "
            f"| {_fmt(r['rows'])} | {r['generate_s']:.1f} | {r['write_s']:.1f} "
            f"| {r['seconds']:.1f} | {verdict} | {_fmt(r['bulk_rows_per_s'])} "
            f"| {_fmt(r['reference']['rows_per_s'])} | {r['speedup']:.0f}× "
            f"| {_fmt(r['peak_rss_mib'])} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--sizes", default="1800,45000,500000", help="current employees, comma-separated"
    )
    parser.add_argument("--database-url", help="PostgreSQL database to create, fill and drop")
    parser.add_argument("--no-sqlite", action="store_true", help="skip SQLite")
    parser.add_argument(
        "--timeout", type=float, default=900.0, help="seconds per size and database"
    )
    parser.add_argument("--worker", nargs=2, metavar=("SIZE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        worker(int(args.worker[0]), Path(args.worker[1]))
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    pg_url = args.database_url
    if not pg_url and os.environ.get("CHARLIE_BENCH_DATABASE_URL"):
        parts = urllib.parse.urlsplit(os.environ["CHARLIE_BENCH_DATABASE_URL"])
        pg_url = urllib.parse.urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_demo"))
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="charlie-bench-demo-") as tmp:
        workdir = Path(tmp)
        for size in sizes:
            if not args.no_sqlite:
                url = f"sqlite:///{workdir / f'demo-{size}.sqlite3'}"
                print(f"SQLite, {size:,} employees …", file=sys.stderr, flush=True)
                results.append(_run_size(size, "sqlite", url, workdir, args.timeout))
                (workdir / f"demo-{size}.sqlite3").unlink(missing_ok=True)
            if pg_url:
                print(f"PostgreSQL, {size:,} employees …", file=sys.stderr, flush=True)
                _pg_recreate(pg_url)
                try:
                    results.append(_run_size(size, "postgresql", pg_url, workdir, args.timeout))
                finally:
                    _pg_recreate(pg_url, drop_only=True)
    table = markdown(results)
    print(table)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "benchmark": "demo",
        "time": stamp,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "reference_date": REFERENCE_DATE.isoformat(),
        "seed": SEED,
        "results": results,
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"demo-{stamp}.json").write_text(json.dumps(report, indent=2))
    (RESULTS_DIR / "demo-latest.json").write_text(json.dumps(report, indent=2))
    (RESULTS_DIR / "demo-latest.md").write_text(table + "\n")
    return 1 if any("error" in r for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
