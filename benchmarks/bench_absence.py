"""Absence statistics benchmark: the full yearly figures at municipal scale, against plain SQL.

For each size (current employees; default 45,000, also ``--sizes 45000,500000``) and each
database (SQLite always, PostgreSQL with ``--database-url`` or ``CHARLIE_BENCH_DATABASE_URL``),
three processes, so that each stage's peak memory (``ru_maxrss``) is its own:

1. **seed**: migrate and ``create_demo(employees=size, seed=2030, reference_date=2026-06-30)``
   (ten years of history). With ``--reuse`` a database already seeded at about that size
   (current employees within 5 %) is kept;
2. **stats** (fresh process): the full yearly statistics for the last full year (2025): every
   unit × month × job family — ``figures._load`` (the columns from the database) and
   ``stats.compute_figures(..., by=("unit", "month", "job_family"))``, timed separately, with
   the process's peak memory. Then the **reference in the same process and database**: the
   same figures (sickness day-equivalents, contracted day-equivalents and head counts per
   unit × month × job family) in plain SQL — a calendar table of cumulative working days built
   from ``charlie.core.calendar`` and a month table, joined to employments and absence periods,
   summed with ``GROUP BY``. Every group of both is compared (max relative difference) and the
   ratio Python ÷ SQL reported. Target: ≤ 5 s and within 2× of the reference;
3. **service** (fresh process): ``figures.absence_figures(None, start=, end=, by="unit")`` end
   to end with an empty cache (load, one computation per level of the unit tree, roll-up,
   disclosure control), then the HR dashboard through Django's test client logged in as HR:
   ``/absence/statistik/…`` — or, while that page does not exist (404),
   ``/api/v1/absence/stats?from=…&to=…&by=unit`` — once with an empty cache and ``--requests``
   (50) times warm; p50/p95. Target: p95 < 500 ms. Next to it the same figures as JSON from
   the API, warm (what the page's HTML adds to the cached figures).

Usage::

    python -m benchmarks.bench_absence                          # SQLite (+ PostgreSQL if env)
    python -m benchmarks.bench_absence --reuse --database-url \\
        postgres://postgres@127.0.0.1:5432/charlie_bench_absence
    python -m benchmarks.bench_absence --sizes 45000,500000 --no-postgres --timeout 1800
    ./dev bench absence

PostgreSQL: the database in ``--database-url`` (its name must contain "bench"; it is dropped and
recreated unless ``--reuse`` finds it seeded), or ``CHARLIE_BENCH_DATABASE_URL`` with ``_absence``
appended; sizes other than 45,000 get ``_<size>`` appended too. SQLite: a file per size in
``--workdir`` (default: ``<tmp>/charlie-bench-absence``), kept for ``--reuse``.
Results: a Markdown table on stdout and in ``benchmarks/results/absence-latest.md``, the figures
in ``absence-latest.json`` and ``absence-<time>.json`` (git-ignored). Exit status 1 if a stage
failed or the two computations disagree; a missed target is reported, not an error.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
REFERENCE_DATE = date(2026, 6, 30)  # fixed, so runs on different days compare
SEED = 2030
WINDOW = (date(REFERENCE_DATE.year - 1, 1, 1), date(REFERENCE_DATE.year - 1, 12, 31))
BY: tuple[Literal["unit"], Literal["month"], Literal["job_family"]] = (
    "unit",
    "month",
    "job_family",
)
TARGET_S = 5.0
TARGET_RATIO = 2.0
TARGET_P95_MS = 500.0
#: Issue 12: the first statistics request after a data change.
TARGET_FIRST_MS = 500.0
#: Each "first request after a change" is measured this many times (a fresh change each), median.
FIRST_TRIES = 3
#: Relative differences above this between Python and SQL count as a disagreement.
TOLERANCE = 1e-9
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
DEFAULT_SIZE = 45_000


def _rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --------------------------------------------------------------------------------------------
# The SQL reference (pure helpers: SQL text and the comparison)
# --------------------------------------------------------------------------------------------


def reference_sql(vendor: str, employment: str, absence: str) -> tuple[str, str]:
    """(contracted day-equivalents and head count, sickness day-equivalents) per unit × month ×
    job family, as SQL over the temporary tables ``bench_cal`` (day, wd_before, wd_through:
    working days before / up to and including the day) and ``bench_month`` (first, last)."""
    greatest, least = ("GREATEST", "LEAST") if vendor == "postgresql" else ("MAX", "MIN")
    far = "DATE '9999-12-31'" if vendor == "postgresql" else "'9999-12-31'"
    contracted = f"""
        WITH em AS (
            SELECT e.person_id, e.org_unit_id AS unit, COALESCE(e.job_family_id, -1) AS jf,
                   m.first AS month, e.weekly_hours AS wh,
                   {greatest}(e.start_date, m.first) AS s,
                   {least}(COALESCE(e.end_date, m.last), m.last) AS t
            FROM {employment} e
            JOIN bench_month m ON e.start_date <= m.last
                AND (e.end_date IS NULL OR e.end_date >= m.first)
        )
        SELECT em.unit, em.month, em.jf,
               SUM((c2.wd_through - c1.wd_before) * em.wh) / 37.0,
               COUNT(DISTINCT em.person_id)
        FROM em
        JOIN bench_cal c1 ON c1.day = em.s
        JOIN bench_cal c2 ON c2.day = em.t
        GROUP BY em.unit, em.month, em.jf
    """  # noqa: S608 - table names from the models' metadata, no input
    from charlie.absence.kinds import SICKNESS_TYPES

    types = ", ".join(f"'{t}'" for t in SICKNESS_TYPES)
    sickness = f"""
        WITH pe AS (
            SELECT e.org_unit_id AS unit, COALESCE(e.job_family_id, -1) AS jf,
                   m.first AS month,
                   CASE WHEN p.hours_per_day IS NULL THEN e.weekly_hours / 37.0
                        ELSE {least}(p.hours_per_day, e.weekly_hours / 5.0) / 7.4 END AS per_day,
                   {greatest}(p.start_date, e.start_date, m.first) AS s,
                   {least}(COALESCE(p.end_date, {far}), COALESCE(e.end_date, {far}), m.last) AS t
            FROM {absence} p
            JOIN {employment} e ON e.person_id = p.person_id
                AND e.start_date <= COALESCE(p.end_date, {far})
                AND p.start_date <= COALESCE(e.end_date, {far})
            JOIN bench_month m ON p.start_date <= m.last
                AND (p.end_date IS NULL OR p.end_date >= m.first)
                AND e.start_date <= m.last AND (e.end_date IS NULL OR e.end_date >= m.first)
            WHERE p.absence_type IN ({types})
        )
        SELECT pe.unit, pe.month, pe.jf, SUM((c2.wd_through - c1.wd_before) * pe.per_day)
        FROM pe
        JOIN bench_cal c1 ON c1.day = pe.s
        JOIN bench_cal c2 ON c2.day = pe.t
        WHERE pe.s <= pe.t
        GROUP BY pe.unit, pe.month, pe.jf
    """  # noqa: S608 - table names from the models' metadata, no input
    return contracted, sickness


def calendar_rows(
    start: date, end: date
) -> tuple[list[tuple[date, int, int]], list[tuple[date, date]]]:
    """Rows of ``bench_cal`` (every day of the window with the working days before it and up to
    it, from ``charlie.core.calendar``) and ``bench_month`` (each month's first and last day)."""
    from charlie.core.calendar import get_calendar

    cal = get_calendar()
    days, before = [], 0
    day = start
    while day <= end:
        working = cal.is_working_day(day)
        days.append((day, before, before + int(working)))
        before += int(working)
        day += timedelta(days=1)
    months = []
    first = start.replace(day=1)
    while first <= end:
        nxt = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        months.append((max(first, start), min(nxt - timedelta(days=1), end)))
        first = nxt
    return days, months


def compare(
    python: dict[tuple[int, str, int], tuple[float, float, int]],
    sql: dict[tuple[int, str, int], tuple[float, float, int]],
) -> dict[str, Any]:
    """Max relative difference per measure over every group of either side (a group missing on
    one side counts as zeros there)."""
    names = ("sickness_de", "contracted_de", "headcount")
    worst = dict.fromkeys(names, 0.0)
    worst_group: dict[str, Any] = dict.fromkeys(names)
    for key in python.keys() | sql.keys():
        a = python.get(key, (0.0, 0.0, 0))
        b = sql.get(key, (0.0, 0.0, 0))
        for name, x, y in zip(names, a, b, strict=True):
            scale = max(abs(x), abs(y))
            if scale == 0:
                continue
            diff = abs(x - y) / scale
            if diff > worst[name]:
                worst[name], worst_group[name] = diff, list(key)
    return {
        "groups_python": len(python),
        "groups_sql": len(sql),
        "groups_only_python": len(python.keys() - sql.keys()),
        "groups_only_sql": len(sql.keys() - python.keys()),
        "max_rel_diff": worst,
        "worst_group": worst_group,
        "agree": max(worst.values()) <= TOLERANCE,
    }


def _run_reference(
    start: date, end: date
) -> tuple[dict[tuple[int, str, int], tuple[float, float, int]], dict[str, float]]:
    from django.db import connection

    from charlie.absence.models import AbsencePeriod
    from charlie.people.models import Employment

    vendor = connection.vendor
    timings: dict[str, float] = {}
    t0 = time.perf_counter()
    days, months = calendar_rows(start, end)
    as_param = (lambda d: d) if vendor == "postgresql" else (lambda d: d.isoformat())
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_cal")
        cur.execute("DROP TABLE IF EXISTS bench_month")
        cur.execute(
            "CREATE TEMPORARY TABLE bench_cal "
            "(day DATE PRIMARY KEY, wd_before INTEGER NOT NULL, wd_through INTEGER NOT NULL)"
        )
        cur.execute("CREATE TEMPORARY TABLE bench_month (first DATE PRIMARY KEY, last DATE)")
        cur.executemany(
            "INSERT INTO bench_cal VALUES (%s, %s, %s)", [(as_param(d), b, t) for d, b, t in days]
        )
        cur.executemany(
            "INSERT INTO bench_month VALUES (%s, %s)",
            [(as_param(f), as_param(la)) for f, la in months],
        )
        if vendor == "postgresql":
            cur.execute("ANALYZE bench_cal")
            cur.execute("ANALYZE bench_month")
        timings["calendar_s"] = time.perf_counter() - t0
        contracted_q, sickness_q = reference_sql(
            vendor, Employment._meta.db_table, AbsencePeriod._meta.db_table
        )
        t1 = time.perf_counter()
        cur.execute(contracted_q)
        contracted = cur.fetchall()
        timings["contracted_s"] = time.perf_counter() - t1
        t2 = time.perf_counter()
        cur.execute(sickness_q)
        sickness = cur.fetchall()
        timings["sickness_s"] = time.perf_counter() - t2
    timings["total_s"] = time.perf_counter() - t0
    sick = {(int(u), str(m)[:10], int(j)): float(v) for u, m, j, v in sickness}
    result = {
        (int(u), str(m)[:10], int(j)): (
            sick.get((int(u), str(m)[:10], int(j)), 0.0),
            float(c),
            int(n),
        )
        for u, m, j, c, n in contracted
    }
    for key, value in sick.items():
        result.setdefault(key, (value, 0.0, 0))
    return result, timings


# --------------------------------------------------------------------------------------------
# Workers (each stage in its own process)
# --------------------------------------------------------------------------------------------


def _current_employees() -> int:
    from django.db.models import Q

    from charlie.people.models import Employment

    current = Employment.objects.filter(
        Q(start_date__lte=REFERENCE_DATE)
        & (Q(end_date__isnull=True) | Q(end_date__gte=REFERENCE_DATE))
    )
    return current.values("person_id").distinct().count()


def worker_seed(size: int, reuse: bool) -> dict[str, Any]:
    from django.core.management import call_command

    from charlie.core.models import User
    from charlie.demo.services import create_demo

    call_command("migrate", interactive=False, verbosity=0)
    # Production static storage for the dashboard page (here, so that the service stage's
    # memory is its own).
    call_command("collectstatic", interactive=False, verbosity=0)
    if reuse:
        current = _current_employees()
        if 0.95 * size <= current <= 1.05 * size and User.objects.filter(username="hr").exists():
            return {"reused": True, "current_employees": current}
    summary = create_demo(employees=size, seed=SEED, reference_date=REFERENCE_DATE)
    return {
        "reused": False,
        "seconds": summary.seconds,
        "people": summary.people,
        "employments": summary.employments,
        "absence_periods": summary.absence_periods,
        "current_employees": _current_employees(),
        "peak_rss_mib": _rss_mib(),
    }


def worker_stats(size: int) -> dict[str, Any]:
    import numpy as np

    from charlie.absence import stats
    from charlie.absence.models import AbsencePeriod
    from charlie.absence.services import figures
    from charlie.people.models import Employment

    start, end = WINDOW
    stats.compute_figures  # noqa: B018 - imported before the baseline
    baseline = _rss_mib()
    t0 = time.perf_counter()
    data = figures._load(start, end, None)
    load_s = time.perf_counter() - t0
    after_load = _rss_mib()
    t1 = time.perf_counter()
    f = stats.compute_figures(data["periods"], data["employments"], start, end, by=BY)
    compute_s = time.perf_counter() - t1
    peak = _rss_mib()
    python = {
        (int(u), str(m)[:10], int(j)): (float(s), float(c), int(n))
        for u, m, j, s, c, n in zip(
            f.keys["unit"].tolist(),
            np.datetime_as_string(f.keys["month"], unit="D").tolist(),
            f.keys["job_family"].tolist(),
            f.sickness_de.tolist(),
            f.contracted_de.tolist(),
            f.headcount.tolist(),
            strict=True,
        )
    }
    sql, ref = _run_reference(start, end)
    check = compare(python, sql)
    python_s = load_s + compute_s
    return {
        "window": [start.isoformat(), end.isoformat()],
        "by": list(BY),
        "employments_total": Employment.objects.count(),
        "absence_periods_total": AbsencePeriod.objects.count(),
        "employments_loaded": len(data["employments"].person),
        "periods_loaded": len(data["periods"].person),
        "groups": len(f),
        "load_s": load_s,
        "compute_s": compute_s,
        "python_s": python_s,
        "baseline_rss_mib": baseline,
        "after_load_rss_mib": after_load,
        "peak_rss_mib": peak,
        "reference": ref,
        "ratio": python_s / ref["total_s"],
        "check": check,
        "sickness_de_total": sum(v[0] for v in python.values()),
    }


def _time_get(client: Any, url: str) -> tuple[float, int]:
    t0 = time.perf_counter()
    response = client.get(url)
    return time.perf_counter() - t0, response.status_code


def worker_service(size: int, page_url: str, requests: int) -> dict[str, Any]:
    from django.conf import settings
    from django.core.cache import cache
    from django.test import Client
    from django.utils.html import escape

    from charlie.absence.services import figures
    from charlie.core.models import User

    start, end = WINDOW
    # The test client's host; not setup_test_environment(), whose instrumented template
    # rendering (a signal per template rendered) would slow large pages down.
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    baseline = _rss_mib()
    cache.clear()
    t0 = time.perf_counter()
    result = figures.absence_figures(None, start=start, end=end, by="unit")
    service_s = time.perf_counter() - t0
    service_peak = _rss_mib()
    t1 = time.perf_counter()
    figures.absence_figures(None, start=start, end=end, by="unit")
    cached_s = time.perf_counter() - t1

    client = Client()
    client.force_login(User.objects.get(username="hr"))
    api_url = f"/api/v1/absence/stats?from={start}&to={end}&by=unit"
    cache.clear()
    cold_s, status = _time_get(client, page_url)
    used, fallback = page_url, False
    if status == 404:
        cache.clear()
        cold_s, status = _time_get(client, api_url)
        used, fallback = api_url, True
    if status != 200:
        raise SystemExit(f"{used} answered {status}")
    label = next(r.label for r in result.rows if not r.suppressed)
    if escape(label) not in client.get(used).content.decode():
        raise SystemExit(f"{used} does not show the unit {label!r}: not the figures asked for")
    times = []
    for _ in range(requests):
        elapsed, status = _time_get(client, used)
        if status != 200:
            raise SystemExit(f"{used} answered {status}")
        times.append(elapsed)
    ordered = sorted(times)
    api_times = []  # the same figures as JSON: what the page costs beyond the figures
    if not fallback:
        for _ in range(requests):
            elapsed, status = _time_get(client, api_url)
            if status != 200:
                raise SystemExit(f"{api_url} answered {status}")
            api_times.append(elapsed)
    api_sorted = sorted(api_times) or [float("nan")]
    # The first request after a data change (issue 12): a sick report or recovery changes the
    # absence data (what happens all day), an import or HR correction the people data. Each
    # change bumps its area's version, as the services and signals do; the figures cached
    # under the old version are no longer used.
    from charlie.core.cache import bump

    first: dict[str, list[float]] = {"absence": [], "people": []}
    for area in ("absence", "people"):
        for _ in range(FIRST_TRIES):
            bump(area)
            elapsed, status = _time_get(client, used)
            if status != 200:
                raise SystemExit(f"{used} answered {status}")
            first[area].append(elapsed)
    return {
        "first_after_absence_ms": statistics.median(first["absence"]) * 1000,
        "first_after_absence_all_ms": [t * 1000 for t in first["absence"]],
        "first_after_people_ms": statistics.median(first["people"]) * 1000,
        "first_after_people_all_ms": [t * 1000 for t in first["people"]],
        "service_s": service_s,
        "service_cached_s": cached_s,
        "service_rows": len(result.rows),
        "service_rows_suppressed": sum(1 for r in result.rows if r.suppressed),
        "baseline_rss_mib": baseline,
        "service_peak_rss_mib": service_peak,
        "dashboard_url": used,
        "dashboard_fallback_to_api": fallback,
        "dashboard_cold_ms": cold_s * 1000,
        "dashboard_requests": len(times),
        "dashboard_p50_ms": statistics.median(ordered) * 1000,
        "dashboard_p95_ms": ordered[max(int(len(ordered) * 0.95) - 1, 0)] * 1000,
        "dashboard_max_ms": ordered[-1] * 1000,
        "api_url": api_url,
        "api_p50_ms": statistics.median(api_sorted) * 1000,
        "api_p95_ms": api_sorted[max(int(len(api_sorted) * 0.95) - 1, 0)] * 1000,
        "peak_rss_mib": _rss_mib(),
    }


def worker(stage: str, size: int, out: Path, extra: dict[str, Any]) -> None:
    import django

    django.setup()
    if stage == "seed":
        result = worker_seed(size, bool(extra.get("reuse")))
    elif stage == "stats":
        result = worker_stats(size)
    else:
        result = worker_service(size, str(extra["page_url"]), int(extra["requests"]))
    out.write_text(json.dumps(result, indent=2))


# --------------------------------------------------------------------------------------------
# Parent: databases, processes, report
# --------------------------------------------------------------------------------------------


def _pg_parts(url: str) -> tuple[str, str]:
    parts = urllib.parse.urlsplit(url)
    if parts.hostname not in LOOPBACK_HOSTS:
        raise SystemExit(f"Refusing a PostgreSQL server that is not on loopback: {parts.hostname}")
    name = parts.path.lstrip("/")
    if "bench" not in name:
        raise SystemExit(f"Refusing {name!r}: a benchmark database's name must contain 'bench'.")
    return urllib.parse.urlunsplit(parts._replace(path="/postgres")), name


def _pg_url_for(base: str, size: int) -> str:
    if size == DEFAULT_SIZE:
        return base
    parts = urllib.parse.urlsplit(base)
    return urllib.parse.urlunsplit(parts._replace(path=parts.path.rstrip("/") + f"_{size}"))


def _pg_prepare(url: str, reuse: bool) -> None:
    """Create the database; drop it first unless ``reuse`` (the seed stage then checks its size)."""
    import psycopg
    from psycopg import sql

    admin, name = _pg_parts(url)
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if exists and not reuse:
            conn.execute(sql.SQL("DROP DATABASE {} WITH (FORCE)").format(sql.Identifier(name)))
        if not exists or not reuse:
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def _stage(
    stage: str, size: int, database_url: str, workdir: Path, timeout: float, extra: dict[str, Any]
) -> dict[str, Any]:
    out = workdir / f"result-{stage}-{size}.json"
    out.unlink(missing_ok=True)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "charlie.settings",
        "DATABASE_URL": database_url,
        "DATABASE_POOL": "0",
        "CHARLIE_DEMO": "1",
        "DEBUG": "0",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
        "CHARLIE_VAR_DIR": str(workdir / "var"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        stage,
        str(size),
        str(out),
        json.dumps(extra),
    ]
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            command, env=env, cwd=ROOT, timeout=timeout, capture_output=True, text=True
        )
    except subprocess.TimeoutExpired:
        return {"error": f"{stage}: timed out after {timeout:.0f} s"}
    if proc.returncode != 0 or not out.exists():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        return {"error": f"{stage}: " + (" | ".join(tail) or f"exit {proc.returncode}")}
    result: dict[str, Any] = json.loads(out.read_text())
    result["process_s"] = time.perf_counter() - started
    return result


def run_one(
    size: int, database: str, url: str, args: argparse.Namespace, workdir: Path
) -> dict[str, Any]:
    row: dict[str, Any] = {"employees": size, "database": database}
    for stage, extra in (
        ("seed", {"reuse": args.reuse}),
        ("stats", {}),
        ("service", {"page_url": args.page_url, "requests": args.requests}),
    ):
        print(f"{database}, {size:,} employees: {stage} …", file=sys.stderr, flush=True)
        result = _stage(stage, size, url, workdir, args.timeout, extra)
        row[stage] = result
        if "error" in result:
            row["error"] = result["error"]
            break
    return row


def _ok(value: bool) -> str:
    return "✓" if value else "✗"


def markdown(rows: list[dict[str, Any]]) -> str:
    nan = float("nan")
    lines = [
        f"Window {WINDOW[0]} – {WINDOW[1]}, by unit × month × job family; demo seed {SEED}, "
        f"reference date {REFERENCE_DATE}; {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}.",
        "",
        "| Employees | Database | Periods loaded | Groups | Load s | Compute s | Python s "
        "| SQL reference s | Python ÷ SQL | ≤ 5 s and ≤ 2× | Max rel. diff | Peak RSS MiB "
        "| Service by unit s | Service peak MiB | Dashboard | Cold ms | p50 ms | p95 ms "
        "| p95 < 500 ms | API p50 / p95 ms |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---|---:|---:|---:|---|---:|",
    ]
    for r in rows:
        if "error" in r and "stats" not in r:
            lines.append(f"| {r['employees']:,} | {r['database']} | error: {r['error']} |")
            continue
        s = r["stats"]
        if "error" in s:
            lines.append(f"| {r['employees']:,} | {r['database']} | error: {s['error']} |")
            continue
        met = s["python_s"] <= TARGET_S and s["ratio"] <= TARGET_RATIO
        diff = max(s["check"]["max_rel_diff"].values())
        cells = [
            f"{r['employees']:,}",
            r["database"],
            f"{s['periods_loaded']:,}",
            f"{s['groups']:,}",
            f"{s['load_s']:.2f}",
            f"{s['compute_s']:.2f}",
            f"{s['python_s']:.2f}",
            f"{s['reference']['total_s']:.2f}",
            f"{s['ratio']:.2f}×",
            _ok(met),
            f"{diff:.1e}",
            f"{s['peak_rss_mib']:,.0f}",
        ]
        v = r.get("service", {})
        if "error" in v or not v:
            cells += [f"error: {v.get('error', 'not run')}"] + [""] * 7
        else:
            page = "API (fallback)" if v["dashboard_fallback_to_api"] else "page"
            cells += [
                f"{v['service_s']:.2f}",
                f"{v['service_peak_rss_mib']:,.0f}",
                page,
                f"{v['dashboard_cold_ms']:,.0f}",
                f"{v['dashboard_p50_ms']:.1f}",
                f"{v['dashboard_p95_ms']:.1f}",
                _ok(v["dashboard_p95_ms"] < TARGET_P95_MS),
                f"{v.get('api_p50_ms', nan):.1f} / {v.get('api_p95_ms', nan):.1f}",
            ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [
        "",
        "First request after a data change (issue 12; median of "
        f"{FIRST_TRIES}, each after a fresh change), against the SQL reference of the same run:",
        "",
        "| Employees | Database | After an absence change ms | After a people change ms "
        "| Empty cache ms | ≤ 500 ms (absence / people) | SQL reference ms "
        "| First ÷ SQL reference (absence / people) |",
        "|---:|---|---:|---:|---:|---|---:|---|",
    ]
    for r in rows:
        v, s = r.get("service", {}), r.get("stats", {})
        if "first_after_absence_ms" not in v or "reference" not in s:
            continue
        ref_ms = s["reference"]["total_s"] * 1000
        a, p = v["first_after_absence_ms"], v["first_after_people_ms"]
        lines.append(
            f"| {r['employees']:,} | {r['database']} | {a:,.0f} | {p:,.0f} "
            f"| {v['dashboard_cold_ms']:,.0f} "
            f"| {_ok(a <= TARGET_FIRST_MS)} / {_ok(p <= TARGET_FIRST_MS)} | {ref_ms:,.0f} "
            f"| {a / ref_ms:.2f}× / {p / ref_ms:.2f}× |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default=str(DEFAULT_SIZE), help="current employees, a,b,…")
    parser.add_argument("--database-url", help="PostgreSQL URL (name must contain 'bench')")
    parser.add_argument("--no-sqlite", action="store_true", help="skip SQLite")
    parser.add_argument("--no-postgres", action="store_true", help="skip PostgreSQL")
    parser.add_argument("--reuse", action="store_true", help="keep a database seeded at the size")
    parser.add_argument("--requests", type=int, default=50, help="warm dashboard requests")
    parser.add_argument(
        "--page-url",
        default=f"/absence/statistik/?start={WINDOW[0]}&end={WINDOW[1]}&by=unit",
        help="the HR dashboard page (falls back to the API when it answers 404)",
    )
    parser.add_argument("--workdir", type=Path, help="where SQLite files live (kept for --reuse)")
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per stage")
    parser.add_argument("--worker", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        stage, size, out, extra = args.worker
        worker(stage, int(size), Path(out), json.loads(extra))
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    pg_base = args.database_url
    if not pg_base and os.environ.get("CHARLIE_BENCH_DATABASE_URL"):
        parts = urllib.parse.urlsplit(os.environ["CHARLIE_BENCH_DATABASE_URL"])
        pg_base = urllib.parse.urlunsplit(parts._replace(path=parts.path.rstrip("/") + "_absence"))
    if args.no_postgres:
        pg_base = None
    workdir = args.workdir or Path(tempfile.gettempdir()) / "charlie-bench-absence"
    workdir.mkdir(parents=True, exist_ok=True)
    rows: list[dict[str, Any]] = []
    for size in sizes:
        if not args.no_sqlite:
            path = workdir / f"absence-{size}.sqlite3"
            if not args.reuse:
                path.unlink(missing_ok=True)
            rows.append(run_one(size, "sqlite", f"sqlite:///{path}", args, workdir))
        if pg_base:
            url = _pg_url_for(pg_base, size)
            _pg_prepare(url, args.reuse)
            rows.append(run_one(size, "postgresql", url, args, workdir))
    table = markdown(rows)
    print(table)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "benchmark": "absence",
        "time": stamp,
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
        },
        "reference_date": REFERENCE_DATE.isoformat(),
        "seed": SEED,
        "results": rows,
    }
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / f"absence-{stamp}.json").write_text(json.dumps(report, indent=2))
    (RESULTS_DIR / "absence-latest.json").write_text(json.dumps(report, indent=2))
    (RESULTS_DIR / "absence-latest.md").write_text(table + "\n")
    failed = any("error" in r for r in rows) or any(
        not r["stats"]["check"]["agree"] for r in rows if "stats" in r and "check" in r["stats"]
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
