"""Audit-log overhead on the person page: latency with and without the audit write, same run.

Every read of a person's data writes the audit log. This measures what that costs on
the page HR opens most, ``/people/<id>/``:

1. migrates a fresh database (a SQLite file in a temporary directory, or the PostgreSQL database
   given with ``--database-url``, which must contain "bench" in its name and is emptied) and
   seeds the demo municipality (``--employees``, default 2,000 — Lemvig's size);
2. renders the person page in-process through Django's test client, logged in as HR, for
   ``--requests`` different people, ``--rounds`` times: each page as shipped (its audit entries,
   register check included) and right after with ``privacy.services.record`` replaced by a
   no-op (the reference). Interleaving page by page gives both sides the same cache and database
   state, and drift on a busy machine (fsync times on a shared disk vary a lot) hits both alike;
3. reports the median and p95 per request of both, and the added share. Target: under 10 %.

The HTTP server is left out on purpose: it adds the same fixed cost to both sides and would only
dilute the ratio (``bench_web.py`` measures the page over HTTP under load).

Usage::

    python -m benchmarks.bench_audit                     # SQLite, 2,000 employees
    python -m benchmarks.bench_audit --employees 45000 --requests 400
    python -m benchmarks.bench_audit --database-url postgres://postgres@127.0.0.1:5432/charlie_bench_audit

``./dev bench`` runs it with PostgreSQL when ``CHARLIE_BENCH_DATABASE_URL`` is set (a database
named after it with ``_audit`` appended). Results: a Markdown table on stdout and in
``benchmarks/results/audit-latest.md``, the figures in ``audit-latest.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
REFERENCE_DATE = date(2026, 6, 30)
TARGET_ADDED = 0.10


def _database_url(args: argparse.Namespace, tmp: Path) -> str:
    if args.database_url:
        return str(args.database_url)
    base = os.environ.get("CHARLIE_BENCH_DATABASE_URL")
    if base and not args.sqlite:
        parts = urllib.parse.urlsplit(base)
        return urllib.parse.urlunsplit(parts._replace(path=parts.path + "_audit"))
    return f"sqlite:///{tmp / 'audit.sqlite3'}"


def _prepare_postgres(url: str) -> None:
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = parts.path.lstrip("/")
    if "bench" not in name:
        sys.exit(f"Refusing to empty {name!r}: a benchmark database's name must contain 'bench'.")
    admin = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def _time_pages(client: Any, urls: list[str]) -> list[float]:
    times = []
    for url in urls:
        start = time.perf_counter()
        response = client.get(url)
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            sys.exit(f"{url} answered {response.status_code}")
    return times


def run(args: argparse.Namespace) -> dict[str, Any]:
    tmp = Path(tempfile.mkdtemp(prefix="charlie-bench-audit-"))
    url = _database_url(args, tmp)
    if url.startswith("postgres"):
        _prepare_postgres(url)
    os.environ.update(
        DATABASE_URL=url, CHARLIE_DEMO="1", CHARLIE_VAR_DIR=str(tmp), SECURE_COOKIES="0"
    )
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "charlie.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    from charlie.core.models import User
    from charlie.demo.services import create_demo
    from charlie.people.models import Person
    from charlie.privacy import services as privacy_services
    from charlie.privacy.models import AuditEntry

    setup_test_environment()  # lets the test client run against this database
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production static storage
    create_demo(employees=args.employees, seed=1, reference_date=REFERENCE_DATE)
    client = Client()
    client.force_login(User.objects.get(username="hr"))
    ids = list(Person.objects.order_by("?").values_list("pk", flat=True)[: args.requests])
    urls = [f"/people/{pk}/" for pk in ids]
    _time_pages(client, urls[:20])  # warm caches, templates and connections

    real_record = privacy_services.record
    with_audit: list[float] = []
    without_audit: list[float] = []
    entries_before = AuditEntry.objects.count()

    def no_record(**kwargs: Any) -> list[Any]:
        return []  # the reference: no audit write

    for _ in range(args.rounds):
        for page in urls:  # each page twice in a row, with and without: drift hits both alike
            with_audit += _time_pages(client, [page])
            privacy_services.record = no_record
            try:
                without_audit += _time_pages(client, [page])
            finally:
                privacy_services.record = real_record
    written = AuditEntry.objects.count() - entries_before

    def summary(times: list[float]) -> dict[str, float]:
        ordered = sorted(times)
        return {
            "median_ms": statistics.median(ordered) * 1000,
            "p95_ms": ordered[int(len(ordered) * 0.95) - 1] * 1000,
            "mean_ms": statistics.fmean(ordered) * 1000,
        }

    result = {
        "database": "postgresql" if url.startswith("postgres") else "sqlite",
        "employees": args.employees,
        "requests_per_side": len(with_audit),
        "audit_entries_written": written,
        "with_audit": summary(with_audit),
        "without_audit": summary(without_audit),
    }
    result["added_share"] = (
        result["with_audit"]["median_ms"] / result["without_audit"]["median_ms"] - 1
    )
    return result


def report(result: dict[str, Any]) -> str:
    w, wo = result["with_audit"], result["without_audit"]
    verdict = "met" if result["added_share"] < TARGET_ADDED else "NOT met"
    return "\n".join(
        [
            f"# Audit overhead on the person page ({result['database']}, "
            f"{result['employees']:,} employees)",
            "",
            f"{result['requests_per_side']} page views per side, interleaved page by page; "
            f"{result['audit_entries_written']} audit entries written.",
            "",
            "| | median ms | p95 ms | mean ms |",
            "| --- | ---: | ---: | ---: |",
            f"| with audit log | {w['median_ms']:.2f} | {w['p95_ms']:.2f} | {w['mean_ms']:.2f} |",
            f"| without (reference) | {wo['median_ms']:.2f} | {wo['p95_ms']:.2f} | "
            f"{wo['mean_ms']:.2f} |",
            "",
            f"Added by the audit log (median): **{result['added_share'] * 100:.1f} %** "
            f"(target < {TARGET_ADDED * 100:.0f} %: {verdict}). "
            f"Machine: {platform.machine()}, {os.cpu_count()} CPUs, Python "
            f"{platform.python_version()}.",
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--employees", type=int, default=2000)
    parser.add_argument("--requests", type=int, default=200, help="people per round")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--database-url", help="PostgreSQL URL (name must contain 'bench')")
    parser.add_argument("--sqlite", action="store_true", help="ignore CHARLIE_BENCH_DATABASE_URL")
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    result = run(args)
    text = report(result)
    print(text)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "audit-latest.md").write_text(text + "\n")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for name in ("audit-latest.json", f"audit-{stamp}.json"):
        (RESULTS_DIR / name).write_text(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
