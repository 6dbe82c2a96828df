"""Completions import benchmark (issue 14): ``charlie learning import`` of a million rows.

In one run:

1. **Generate** (seeded) a CSV file of completions in the documented format
   (docs/import-format.md, "Gennemførte kurser"): ``--rows`` rows (1,000,000 by default) for
   ``--people`` employees (45,000) × ``--courses`` courses (50), every row a distinct
   (person, course, date) with a source ``id`` on every tenth row; and a file a tenth that size.
2. **Set up** the PostgreSQL database (``--database-url`` or ``CHARLIE_BENCH_DATABASE_URL``;
   never the database ``charlie``): migrate, and create the people and courses once.
3. **Import** each file into an empty completions table with the real service
   (``services.imports.import_completions``: streamed, checked in a first pass, written in a
   second through ``record_completions_in_bulk`` in batches, one transaction), each in its own
   process, reporting the time and the peak RSS (``VmHWM``). The RSS of the small and the
   large file shows that memory does not grow with the file.
4. **Reference, same run**: the naive way — per row, look up the person and the course and
   ``get_or_create`` the completion, in one transaction — on ``--sample`` rows, its time
   scaled to the file's rows.

Target: the million rows in ≤ 120 s, memory bounded.

Usage::

    python benchmarks/bench_learning_import.py --database-url postgres://postgres@127.0.0.1:5432/bench_learning
    python benchmarks/bench_learning_import.py --rows 100000 --database-url …

Results: a Markdown table on stdout and in ``benchmarks/results/learning-import-latest.md``,
the figures as JSON in ``benchmarks/results/learning-import-latest.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
SEED = 2030
TARGET_S = 120.0
NUMBER_PREFIX = "BL"
FIRST_DAY = date(2016, 1, 1)
DAYS = 3600


def _rss_mib() -> float:
    """Peak resident memory of this process so far (``VmHWM``: starts afresh at ``exec``)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- The file -----------------------------------------------------------------------------------


def generate(path: Path, rows: int, people: int, courses: int, seed: int) -> None:
    """``rows`` distinct completions: row i is person i mod people, on a course and day that
    make (person, course, day) unique."""
    rng = random.Random(seed)
    results = ("bestået", "gennemført", "ikke bestået")
    with path.open("w", encoding="utf-8", newline="") as out:
        out.write("medarbejdernummer;kursuskode;dato;resultat;timer;id\n")
        for i in range(rows):
            person = i % people
            round_ = i // people
            course = (person + round_) % courses
            day = FIRST_DAY + timedelta(days=(round_ * 37 + person) % DAYS)
            hours = f"{rng.randint(1, 30) / 2:.1f}".replace(".", ",")
            source_id = f"LMS-{i}" if i % 10 == 0 else ""
            out.write(
                f"{NUMBER_PREFIX}{person:06d};bk-{course:02d};{day:%d-%m-%Y};"
                f"{rng.choice(results)};{hours};{source_id}\n"
            )


# --- Workers (each in its own process) ----------------------------------------------------------


def worker_setup(out: Path, people: int, courses: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from charlie.learning.models import Course
    from charlie.people.models import Person

    have = set(
        Person.objects.filter(employee_number__startswith=NUMBER_PREFIX).values_list(
            "employee_number", flat=True
        )
    )
    Person.objects.bulk_create(
        [
            Person(
                employee_number=f"{NUMBER_PREFIX}{n:06d}",
                first_name="Bench",
                last_name=f"Person {n}",
                birth_date=date(1970, 1, 1) + timedelta(days=n % 12000),
                gender="F" if n % 2 else "M",
                email=f"bench{n}@bench.invalid",
            )
            for n in range(people)
            if f"{NUMBER_PREFIX}{n:06d}" not in have
        ],
        batch_size=5000,
    )
    for c in range(courses):
        Course.objects.get_or_create(
            code=f"bk-{c:02d}",
            defaults={"title": f"Benchmarkkursus {c}", "format": "external", "hours": 7},
        )
    out.write_text(json.dumps({"rss_mib": _rss_mib()}))


def _empty_completions() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("TRUNCATE learning_completion CASCADE")


def worker_import(out: Path, path: Path) -> None:
    import django

    django.setup()
    _empty_completions()
    baseline = _rss_mib()
    from charlie.core.roles import Role
    from charlie.learning.services.imports import import_completions
    from charlie.people.services import operator_access

    data = path.read_bytes()
    started = time.perf_counter()
    result = import_completions(
        operator_access(Role.HR, channel="import"), [(path.name, data)], today=date(2026, 12, 6)
    )
    seconds = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"Import found problems: {result.problems[:5]}")
    out.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "rows": result.rows,
                "created": result.created,
                "rss_mib": _rss_mib(),
                "rss_before_mib": baseline,
                "file_mib": len(data) / 1024**2,
            }
        )
    )


def worker_reference(out: Path, path: Path, sample: int) -> None:
    """The naive path: per row, two look-ups and a ``get_or_create``, in one transaction."""
    import django

    django.setup()
    _empty_completions()
    from django.db import transaction

    from charlie.learning.models import Completion, Course
    from charlie.people.models import Person

    results = {"bestået": "passed", "gennemført": "completed", "ikke bestået": "failed"}
    lines = path.read_text(encoding="utf-8").splitlines()[1 : sample + 1]
    started = time.perf_counter()
    with transaction.atomic():
        for n, line in enumerate(lines):
            number, code, day, result, hours, source_id = line.split(";")
            person = Person.objects.get(employee_number=number)
            course = Course.objects.get(code=code)
            d, m, y = (int(x) for x in day.split("-"))
            Completion.objects.get_or_create(
                external_id=f"ref:{source_id or n}",
                defaults={
                    "person": person,
                    "course": course,
                    "completed_on": date(y, m, d),
                    "result": results[result],
                    "source": "import",
                    "hours": hours.replace(",", "."),
                },
            )
    seconds = time.perf_counter() - started
    out.write_text(json.dumps({"seconds": seconds, "rows": len(lines), "rss_mib": _rss_mib()}))


# --- Parent -------------------------------------------------------------------------------------


def _run(
    args: list[str], database_url: str, timeout: float, script: Path | None = None
) -> dict[str, Any]:
    """Run this file (or ``script``) as a worker in its own process; its JSON answer."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "charlie.settings",
        "DATABASE_URL": database_url,
        "CHARLIE_DEMO": "1",
        "DEBUG": "0",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, str(script or Path(__file__).resolve()), *args[:1], str(out)]
    command += args[1:]
    try:
        proc = subprocess.run(
            command, env=env, cwd=ROOT, timeout=timeout, capture_output=True, text=True
        )
        if proc.returncode != 0 or not out.read_text():
            tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
            return {"error": " | ".join(tail) or f"exit {proc.returncode}"}
        return dict(json.loads(out.read_text()))
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    finally:
        out.unlink(missing_ok=True)


def _check_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if parts.scheme not in {"postgres", "postgresql"}:
        sys.exit("--database-url must be PostgreSQL")
    if name in {"charlie", "test", ""}:
        sys.exit(f"refusing to use the database {name!r}; name a benchmark database")
    return name


def _ensure_database(url: str) -> None:
    import psycopg
    from psycopg import sql

    parts = urllib.parse.urlsplit(url)
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    name = parts.path.lstrip("/")
    with psycopg.connect(admin, autocommit=True, connect_timeout=10) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=45_000)
    parser.add_argument("--courses", type=int, default=50)
    parser.add_argument("--sample", type=int, default=5_000, help="rows for the reference")
    parser.add_argument("--database-url", default=os.environ.get("CHARLIE_BENCH_DATABASE_URL", ""))
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if not args.database_url:
        sys.exit("Give --database-url postgres://… (or CHARLIE_BENCH_DATABASE_URL)")
    _check_url(args.database_url)
    _ensure_database(args.database_url)
    started = datetime.now(UTC).replace(microsecond=0)
    timeout = 3600.0
    with tempfile.TemporaryDirectory(prefix="charlie-bench-learning-") as tmp:
        big = Path(tmp) / "gennemfoerte.csv"
        small = Path(tmp) / "gennemfoerte-tiendedel.csv"
        t0 = time.perf_counter()
        generate(big, args.rows, args.people, args.courses, args.seed)
        generate(small, max(1, args.rows // 10), args.people, args.courses, args.seed)
        print(f"generated {args.rows:,} rows in {time.perf_counter() - t0:.1f} s", flush=True)
        setup = _run(["--setup", str(args.people), str(args.courses)], args.database_url, timeout)
        if "error" in setup:
            sys.exit(f"setup failed: {setup['error']}")
        small_run = _run(["--import", str(small)], args.database_url, timeout)
        print(f"tenth: {small_run}", flush=True)
        big_run = _run(["--import", str(big)], args.database_url, timeout)
        print(f"full: {big_run}", flush=True)
        reference = _run(["--reference", str(big), str(args.sample)], args.database_url, timeout)
        print(f"reference: {reference}", flush=True)
    scaled = (
        reference["seconds"] * args.rows / reference["rows"]
        if "seconds" in reference and reference.get("rows")
        else None
    )
    figures = {
        "started_at": started.isoformat(),
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "rows": args.rows,
        "people": args.people,
        "courses": args.courses,
        "tenth": small_run,
        "full": big_run,
        "reference_sample": reference,
        "reference_scaled_s": scaled,
        "target_s": TARGET_S,
    }

    def cell(run: dict[str, Any], key: str, fmt: str) -> str:
        return format(run[key], fmt) if key in run else run.get("error", "–")

    speedup = f"{scaled / big_run['seconds']:.0f}×" if scaled and "seconds" in big_run else "–"
    table = "\n".join(
        [
            f"Completions import, {args.people:,} people × {args.courses} courses, PostgreSQL, "
            f"{os.cpu_count()} CPUs, {started:%Y-%m-%d}",
            "",
            "| Run | Rows | Time (s) | Peak RSS (MiB) | Target |",
            "| --- | ---: | ---: | ---: | --- |",
            f"| import, a tenth | {args.rows // 10:,} | {cell(small_run, 'seconds', '.1f')} | "
            f"{cell(small_run, 'rss_mib', '.0f')} | |",
            f"| import, full | {args.rows:,} | {cell(big_run, 'seconds', '.1f')} | "
            f"{cell(big_run, 'rss_mib', '.0f')} | ≤ {TARGET_S:.0f} s |",
            f"| reference (per-row ORM), scaled from {args.sample:,} rows | {args.rows:,} | "
            f"{scaled:.0f} | {cell(reference, 'rss_mib', '.0f')} | |"
            if scaled
            else f"| reference | – | {reference.get('error', '–')} | | |",
            "",
            f"The real import is {speedup} faster than the reference.",
        ]
    )
    print(table)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "learning-import-latest.md").write_text(table + "\n", encoding="utf-8")
    (RESULTS_DIR / "learning-import-latest.json").write_text(
        json.dumps(figures, indent=2), encoding="utf-8"
    )
    ok = "seconds" in big_run and big_run["seconds"] <= TARGET_S
    return 0 if ok else 1


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--setup":
        worker_setup(Path(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]))
    elif len(sys.argv) >= 3 and sys.argv[1] == "--import":
        worker_import(Path(sys.argv[2]), Path(sys.argv[3]))
    elif len(sys.argv) >= 3 and sys.argv[1] == "--reference":
        worker_reference(Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
    else:
        sys.exit(main())
