"""xAPI endpoint benchmark (issue 14): ``POST /xapi/statements`` at a sustained rate, none lost.

In one run:

1. **Set up** the PostgreSQL database (``--database-url`` or ``CHARLIE_BENCH_DATABASE_URL``;
   never the database ``charlie``): migrate, create ``--people`` employees and 50 courses (the
   import benchmark's), and an xAPI client with a fresh token.
2. **Start gunicorn** (sync workers, as ``bench_web.py`` does) on a free loopback port.
3. **Post** one statement per request from ``--clients`` threads (``http.client``, keep-alive),
   each paced so that together they offer ``--rate`` statements a second for ``--duration``
   seconds; every statement has its own id; people by e-mail and by account alternate.
4. **Count**: the statements answered 200 against the rows stored for the client (none may be
   lost), the achieved rate, and the latency (median, p95, max).

Target: ≥ 200 statements a second sustained on the 2-core machine, none lost.

Usage::

    python benchmarks/bench_xapi.py --database-url postgres://postgres@127.0.0.1:5432/bench_xapi
    python benchmarks/bench_xapi.py --rate 200 --duration 30 --clients 8 --workers 3 \\
        --database-url …

Results: a Markdown table on stdout and in ``benchmarks/results/xapi-latest.md``, the figures as
JSON in ``benchmarks/results/xapi-latest.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_learning_import import (
    NUMBER_PREFIX,
    ROOT,
    _check_url,
    _ensure_database,
    _run,
)

RESULTS_DIR = ROOT / "benchmarks" / "results"
SCRIPT = Path(__file__).resolve()
TARGET_RATE = 200.0
COURSES = 50


def worker_setup(out: Path, people: int) -> None:
    """Migrate, people and courses (the import benchmark's), and a new client's token."""
    from bench_learning_import import worker_setup as setup

    setup(out, people, COURSES)
    from charlie.core.roles import Role
    from charlie.learning.services.xapi import create_client
    from charlie.people.services import operator_access

    made = create_client(operator_access(Role.HR), f"Benchmark {datetime.now(UTC):%H:%M:%S}")
    out.write_text(json.dumps({"token": made.token, "client_id": made.client.pk}))


def worker_count(out: Path, client_id: int) -> None:
    import django

    django.setup()
    from charlie.learning.models import XapiStatement

    rows = XapiStatement.objects.filter(token_id=client_id)
    out.write_text(
        json.dumps(
            {
                "stored": rows.count(),
                "completions": rows.filter(completion__isnull=False).count(),
            }
        )
    )


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


def _statement(n: int, people: int) -> dict[str, Any]:
    person = n % people
    actor: dict[str, Any] = (
        {"mbox": f"mailto:bench{person}@bench.invalid"}
        if n % 2
        else {
            "account": {"homePage": "https://bench.invalid", "name": f"{NUMBER_PREFIX}{person:06d}"}
        }
    )
    return {
        "id": str(uuid.uuid4()),
        "actor": actor,
        "verb": {"id": "http://adlnet.gov/expapi/verbs/completed"},
        "object": {"id": f"https://lms.bench.invalid/kurser/bk-{n % COURSES:02d}"},
        "timestamp": "2026-05-04T10:00:00Z",
    }


def _post_for(
    port: int,
    token: str,
    rate: float,
    duration: float,
    start_at: float,
    offset: int,
    step: int,
    people: int,
    latencies: list[float],
    counts: dict[str, int],
    lock: threading.Lock,
) -> None:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {
        "Authorization": f"Bearer {token}",
        "X-Experience-API-Version": "1.0.3",
        "Content-Type": "application/json",
    }
    interval = 1.0 / rate
    n = offset
    sent = 0
    while True:
        due = start_at + sent * interval
        if due - start_at >= duration:
            break
        wait = due - time.perf_counter()
        if wait > 0:
            time.sleep(wait)
        body = json.dumps(_statement(n, people))
        began = time.perf_counter()
        try:
            conn.request("POST", "/xapi/statements", body=body, headers=headers)
            response = conn.getresponse()
            response.read()
            status = response.status
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            status = 0
        elapsed = time.perf_counter() - began
        with lock:
            latencies.append(elapsed)
            key = "ok" if status == 200 else f"status_{status}"
            counts[key] = counts.get(key, 0) + 1
        n += step
        sent += 1
    conn.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=TARGET_RATE, help="statements a second")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds")
    parser.add_argument("--clients", type=int, default=8, help="concurrent posting threads")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--people", type=int, default=45_000)
    parser.add_argument("--database-url", default=os.environ.get("CHARLIE_BENCH_DATABASE_URL", ""))
    args = parser.parse_args(argv)
    if not args.database_url:
        sys.exit("Give --database-url postgres://… (or CHARLIE_BENCH_DATABASE_URL)")
    _check_url(args.database_url)
    _ensure_database(args.database_url)
    started = datetime.now(UTC).replace(microsecond=0)
    setup = _run(["--setup-xapi", str(args.people)], args.database_url, 1800, SCRIPT)
    if "error" in setup:
        sys.exit(f"setup failed: {setup['error']}")
    port = _free_port()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "charlie.settings",
        "DATABASE_URL": args.database_url,
        "CHARLIE_DEMO": "1",
        "DEBUG": "0",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    latencies: list[float] = []
    counts: dict[str, int] = {}
    lock = threading.Lock()
    with tempfile.TemporaryDirectory(prefix="charlie-bench-xapi-") as tmp:
        log_path = Path(tmp) / "gunicorn.log"
        with log_path.open("wb") as log_file:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "gunicorn",
                    "charlie.wsgi:application",
                    "--bind",
                    f"127.0.0.1:{port}",
                    "--workers",
                    str(args.workers),
                    "--worker-class",
                    "sync",
                    "--timeout",
                    "60",
                    "--no-control-socket",
                ],
                cwd=ROOT,
                env=env,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("GET", "/xapi/about")
                    if conn.getresponse().status == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit(f"gunicorn did not start:\n{log_path.read_text(errors='replace')}")
                time.sleep(0.25)
            start_at = time.perf_counter() + 0.5
            threads = [
                threading.Thread(
                    target=_post_for,
                    args=(
                        port,
                        setup["token"],
                        args.rate / args.clients,
                        args.duration,
                        start_at,
                        i,
                        args.clients,
                        args.people,
                        latencies,
                        counts,
                        lock,
                    ),
                )
                for i in range(args.clients)
            ]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            wall = time.perf_counter() - start_at
        finally:
            if server.poll() is None:
                os.killpg(server.pid, signal.SIGTERM)
                server.wait(timeout=15)
    count = _run(["--count", str(setup["client_id"])], args.database_url, 600, SCRIPT)
    posted = sum(counts.values())
    ok = counts.get("ok", 0)
    figures = {
        "started_at": started.isoformat(),
        "cpus": os.cpu_count(),
        "offered_rate": args.rate,
        "duration_s": args.duration,
        "wall_s": wall,
        "clients": args.clients,
        "workers": args.workers,
        "posted": posted,
        "answered_200": ok,
        "answers": counts,
        "stored": count.get("stored"),
        "completions": count.get("completions"),
        "achieved_rate": ok / wall if wall else 0.0,
        "median_ms": _percentile(latencies, 50) * 1000,
        "p95_ms": _percentile(latencies, 95) * 1000,
        "max_ms": max(latencies, default=0.0) * 1000,
    }
    lost = ok - int(count.get("stored") or 0)
    table = "\n".join(
        [
            f"xAPI statements, {args.clients} clients, gunicorn {args.workers} sync workers, "
            f"PostgreSQL, {os.cpu_count()} CPUs, {started:%Y-%m-%d}",
            "",
            "| Offered (/s) | Achieved (/s) | Posted | 200 | Stored | Lost | Median (ms) "
            "| p95 (ms) |",
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
            f"| {args.rate:.0f} | {figures['achieved_rate']:.0f} | {posted:,} | {ok:,} | "
            f"{count.get('stored', '–')} | {lost} | {figures['median_ms']:.0f} | "
            f"{figures['p95_ms']:.0f} |",
        ]
    )
    print(table)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "xapi-latest.md").write_text(table + "\n", encoding="utf-8")
    (RESULTS_DIR / "xapi-latest.json").write_text(json.dumps(figures, indent=2), encoding="utf-8")
    return 0 if lost == 0 and ok == posted and figures["achieved_rate"] >= 0.95 * args.rate else 1


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "--setup-xapi":
        worker_setup(Path(sys.argv[2]), int(sys.argv[3]))
    elif len(sys.argv) >= 3 and sys.argv[1] == "--count":
        worker_count(Path(sys.argv[2]), int(sys.argv[3]))
    else:
        sys.exit(main())
