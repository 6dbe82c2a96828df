"""Careers site benchmark (issue 15): the public list ``/job/`` and a job page under 50
concurrent users on the 2-core machine, with 1 user as the reference in the same run.

Target: p95 ≤ 100 ms at 50 users for the list and the job page.

In one run:

1. **Set up** a database (``--database-url``; by default a new SQLite file in a temporary
   folder, removed afterwards): migrate and collect the static files, then a municipality of
   five forvaltninger with institutions, ``--ads`` published ads (60) of about 400 words with
   salary, address and contact, 10 drafts, 10 closed or past their deadline, and 6 published
   stories — what a municipality's careers site holds on an ordinary day.
2. **Start gunicorn** (sync workers, ``--workers``, DEBUG off) on a free loopback port, and time
   the first request of each page (the cache is empty: the page is rendered once per worker).
3. **Measure** with ``wrk`` (no think time, a new visitor per connection: no cookies) each page
   for ``--duration`` seconds with 1 and with ``--users`` connections: the list, the list
   filtered by a job family, a job page, and the feed — and, as the floor, the health check
   ``/healthz`` (one tiny query through the same middleware and server: no page can be served
   faster on this machine at that moment). Every answer other than 200 is counted.
4. **Report** a Markdown table on stdout and in ``benchmarks/results/careers-latest.md``, and
   the figures with the machine's load average before and after as JSON in
   ``careers-latest.json`` (git-ignored).

Usage::

    python benchmarks/bench_careers.py                      # defaults as above
    python benchmarks/bench_careers.py --duration 5 --users 50 --workers 3
    python benchmarks/bench_careers.py --database-url postgres://postgres@127.0.0.1:5432/bench_careers
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
SCRIPT = Path(__file__).resolve()
TARGET_P95_MS = 100.0

WRK_LUA = r"""
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) not_ok = 0 end
function response(status, headers, body)
  if status ~= 200 then not_ok = not_ok + 1 end
end
function done(summary, latency, requests)
  local bad = 0
  for _, t in ipairs(threads) do bad = bad + t:get("not_ok") end
  local e = summary.errors
  io.write(string.format(
    'BENCH_JSON {"requests": %d, "duration_us": %d, "p50_us": %d, "p95_us": %d, ' ..
    '"p99_us": %d, "max_us": %d, "not_200": %d, "socket_errors": %d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, bad, e.connect + e.read + e.write + e.timeout))
end
"""

PARAGRAPH = (
    "Vi er en arbejdsplads med plads til faglighed, humor og udvikling. Du bliver en del af "
    "et erfarent team, der lægger vægt på godt samarbejde med borgere, pårørende og kolleger, "
    "og du får en grundig introduktion med en fast kollega de første uger. "
)


def log(message: str) -> None:
    print(f"[bench_careers] {message}", flush=True)


# --- Set-up (runs in a subprocess with the benchmark's environment) ----------------------------


def worker_setup(out: Path, ads: int) -> None:
    """Migrate and make the careers site's data; write the addresses to measure to ``out``."""
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)  # production static storage
    import datetime as dt
    from decimal import Decimal

    from django.utils import timezone

    from charlie.people import services as people
    from charlie.people.models import JobFamily, OrgUnit, OrgUnitKind
    from charlie.recruitment.models import AdStatus, EmploymentType, JobAd, Story, StoryTheme

    if not OrgUnit.objects.exists():
        start = dt.date(2010, 1, 1)
        top = people.create_org_unit(
            name="Benchmark Kommune", kind=OrgUnitKind.MUNICIPALITY, parent=None, valid_from=start
        )
        for name in ("Social og Sundhed", "Børn og Unge", "Kultur og Fritid", "Teknik", "Økonomi"):
            area = people.create_org_unit(
                name=name, kind=OrgUnitKind.ADMINISTRATION, parent=top, valid_from=start
            )
            for i in range(4):
                people.create_org_unit(
                    name=f"{name} – enhed {i + 1}",
                    kind=OrgUnitKind.INSTITUTION,
                    parent=area,
                    valid_from=start,
                )
    units = list(OrgUnit.objects.filter(kind=OrgUnitKind.INSTITUTION).order_by("pk"))
    families = list(JobFamily.objects.order_by("sort_order", "name"))
    types = [t for t, _label in EmploymentType.choices]
    today = timezone.localdate()
    now = timezone.now()
    JobAd.objects.all().delete()
    Story.objects.all().delete()
    body = "\n\n".join(
        [PARAGRAPH * 3, "Vi tilbyder:\n- " + "\n- ".join(["fleksible vagter"] * 5), PARAGRAPH * 8]
    )
    rows = []
    for i in range(ads + 20):
        status = AdStatus.PUBLISHED if i < ads + 5 else AdStatus.DRAFT
        if ads <= i < ads + 5:  # published, but past the deadline
            deadline = today - dt.timedelta(days=i - ads + 1)
        else:
            deadline = today + dt.timedelta(days=7 + i % 30)
        if ads + 15 <= i:
            status = AdStatus.CLOSED
        unit = units[i % len(units)]
        rows.append(
            JobAd(
                slug=f"job-{i + 1}",
                title=f"{families[i % len(families)].name} til {unit.name}",
                summary="Bliv en del af et godt team med faglig udvikling og fleksible vagter.",
                body=body,
                unit=unit,
                job_family=families[i % len(families)],
                employment_type=types[i % len(types)],
                weekly_hours=Decimal(37 - i % 10),
                place=unit.name,
                street_address="Rådhusgade 1",
                postal_code="7620",
                city="Lemvig",
                salary_text="Løn efter overenskomst",
                salary_min=Decimal(28000 + 100 * i),
                salary_max=Decimal(34000 + 100 * i),
                deadline=deadline,
                contact_name="Pia Leder",
                contact_phone="96 63 11 00",
                contact_email="job@kommune.example",
                status=status,
                published_at=now - dt.timedelta(days=i % 20) if status != AdStatus.DRAFT else None,
            )
        )
    JobAd.objects.bulk_create(rows)
    themes = [t for t, _label in StoryTheme.choices]
    Story.objects.bulk_create(
        Story(
            slug=f"historie-{i + 1}",
            title=f"Historie {i + 1} om livet som ansat",
            theme=themes[i % len(themes)],
            summary="Kolleger fortæller.",
            body=PARAGRAPH * 6,
            published=True,
            published_at=now - dt.timedelta(days=i),
        )
        for i in range(6)
    )
    from charlie.core.cache import bump

    bump("recruitment_careers")
    family = families[0].pk
    out.write_text(
        json.dumps(
            {
                "open_ads": JobAd.objects.filter(
                    status=AdStatus.PUBLISHED, deadline__gte=today
                ).count(),
                "all_ads": JobAd.objects.count(),
                "stories": Story.objects.count(),
                "pages": {
                    "list": "/job/",
                    "list filtered": f"/job/?fag={family}",
                    "job page": f"/job/job-{ads // 2}/",
                    "feed": "/job/feed/",
                    # The floor: Django's whole middleware and gunicorn for a one-query answer.
                    "health check (floor)": "/healthz",
                },
            }
        )
    )


# --- Measuring ------------------------------------------------------------------------------------


@dataclass
class Measurement:
    page: str
    path: str
    users: int
    requests: int
    seconds: float
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    not_200: int


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _get(port: int, path: str) -> tuple[int, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        t0 = time.perf_counter()
        conn.request("GET", path)
        response = conn.getresponse()
        response.read()
        return response.status, (time.perf_counter() - t0) * 1000
    finally:
        conn.close()


def _wrk(wrk: str, port: int, path: str, users: int, duration: float, lua: Path) -> dict[str, Any]:
    proc = subprocess.run(
        [
            wrk,
            f"-t{min(users, 2)}",
            f"-c{users}",
            f"-d{round(duration)}s",
            "--timeout",
            "10s",
            "-s",
            str(lua),
            f"http://127.0.0.1:{port}{path}",
        ],
        capture_output=True,
        text=True,
        timeout=duration + 60,
        check=False,
    )
    for line in proc.stdout.splitlines():
        if line.startswith("BENCH_JSON "):
            raw = json.loads(line.removeprefix("BENCH_JSON "))
            return raw
    sys.exit(f"wrk gave no result:\n{proc.stdout}\n{proc.stderr}")


def _stop(server: subprocess.Popen[bytes]) -> None:
    if server.poll() is None:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait(timeout=5)


def _git_commit() -> str:
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=10,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return "unknown"


def _markdown(run: dict[str, Any], rows: list[Measurement]) -> str:
    lines = [
        f"## Careers site — {run['started_at']} (commit {run['git_commit']})",
        "",
        f"{run['data']['open_ads']} open ads ({run['data']['all_ads']} in all), "
        f"{run['data']['stories']} stories; {run['database']}; gunicorn {run['workers']} sync "
        f"workers; {run['cpus']} CPUs; {run['duration_s']:g} s per row; load from wrk; load "
        f"average {run['load_before'][0]:.2f} before, {run['load_after'][0]:.2f} after.",
        "",
        "First request of each page after start (empty cache, one worker): "
        + ", ".join(f"{k} {v:.0f} ms" for k, v in run["first_ms"].items())
        + ".",
        "",
        "| Page | Users | Requests | Req/s | Median (ms) | p95 (ms) | p99 (ms) | Not 200 "
        f"| p95 ≤ {TARGET_P95_MS:.0f} ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in rows:
        ok = "yes" if m.p95_ms <= TARGET_P95_MS else "**no**"
        if m.path == "/healthz":
            ok = "(floor)"
        lines.append(
            f"| {m.page} `{m.path}` | {m.users} | {m.requests:,} | {m.requests_per_s:.0f} | "
            f"{m.p50_ms:.1f} | {m.p95_ms:.1f} | {m.p99_ms:.1f} | {m.not_200} | "
            f"{ok if m.users > 1 else '(reference)'} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Careers site benchmark (see the docstring).")
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per row")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--ads", type=int, default=60, help="published, open ads")
    parser.add_argument("--database-url", default="", help="default: a new SQLite file")
    parser.add_argument("--worker-setup", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker_setup:
        worker_setup(args.worker_setup, args.ads)
        return 0
    wrk = shutil.which("wrk")
    if wrk is None:
        sys.exit("wrk is needed (apt-get install wrk)")
    with tempfile.TemporaryDirectory(prefix="charlie-bench-careers-") as tmp:
        folder = Path(tmp)
        database = args.database_url or f"sqlite:///{folder / 'careers.sqlite3'}"
        env = {
            **os.environ,
            "DATABASE_URL": database,
            "SECRET_KEY": secrets.token_urlsafe(40),
            "DEBUG": "0",
            "CHARLIE_DEMO": "0",
            "SECURE_COOKIES": "0",
            "LOG_LEVEL": "WARNING",
            "CHARLIE_MUNICIPALITY_NAME": "Benchmark Kommune",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
            "DJANGO_SETTINGS_MODULE": "charlie.settings",
        }
        env.pop("CHARLIE_TESTING", None)
        log(f"setting up {database.split(':', 1)[0]} with {args.ads} open ads (migrate first)")
        out = folder / "setup.json"
        subprocess.run(
            [sys.executable, str(SCRIPT), "--worker-setup", str(out), "--ads", str(args.ads)],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=1800,
        )
        data = json.loads(out.read_text())
        lua = folder / "report.lua"
        lua.write_text(WRK_LUA)
        port = _free_port()
        log_path = folder / "gunicorn.log"
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
        rows: list[Measurement] = []
        first: dict[str, float] = {}
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    if _get(port, "/healthz")[0] == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit(f"gunicorn did not start:\n{log_path.read_text(errors='replace')}")
                time.sleep(0.25)
            pages: dict[str, str] = data["pages"]
            for name, path in pages.items():
                status, ms = _get(port, path)
                if status != 200:
                    _stop(server)
                    tail = log_path.read_text(errors="replace")[-3000:]
                    sys.exit(f"GET {path} answered {status}:\n{tail}")
                first[name] = ms
            for _ in range(10 * args.workers):  # every worker renders its own copy once
                for path in pages.values():
                    _get(port, path)
            load_before = os.getloadavg()
            started_at = datetime.now(UTC).isoformat(timespec="seconds")
            for name, path in pages.items():
                for users in (1, args.users):
                    log(f"{name} {path}: {users} user(s), {args.duration:g} s")
                    raw = _wrk(wrk, port, path, users, args.duration, lua)
                    seconds = raw["duration_us"] / 1e6
                    rows.append(
                        Measurement(
                            page=name,
                            path=path,
                            users=users,
                            requests=raw["requests"],
                            seconds=seconds,
                            requests_per_s=raw["requests"] / seconds if seconds else 0.0,
                            p50_ms=raw["p50_us"] / 1e3,
                            p95_ms=raw["p95_us"] / 1e3,
                            p99_ms=raw["p99_us"] / 1e3,
                            max_ms=raw["max_us"] / 1e3,
                            not_200=raw["not_200"] + raw["socket_errors"],
                        )
                    )
            load_after = os.getloadavg()
        finally:
            _stop(server)
    run = {
        "started_at": started_at,
        "git_commit": _git_commit(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "database": "SQLite" if not args.database_url else "PostgreSQL",
        "workers": args.workers,
        "duration_s": args.duration,
        "users": args.users,
        "load_before": load_before,
        "load_after": load_after,
        "first_ms": first,
        "data": data,
        "measurements": [asdict(m) for m in rows],
    }
    table = _markdown(run, rows)
    print(table)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "careers-latest.md").write_text(table, encoding="utf-8")
    (RESULTS_DIR / "careers-latest.json").write_text(
        json.dumps(run, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    missed = [m for m in rows if m.users > 1 and m.p95_ms > TARGET_P95_MS and m.path != "/healthz"]
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
