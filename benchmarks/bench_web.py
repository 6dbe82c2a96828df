"""Web load benchmark: five pages under 20 concurrent users, at Copenhagen's size (DESIGN.md, L).

What it does, all on 127.0.0.1:

1. makes sure the PostgreSQL database exists (default ``charlie_bench`` on 127.0.0.1:5432),
   migrates it and, once, seeds the demo at 45,000 employees
   (``charlie seed-demo --employees 45000 --seed 1``);
2. starts gunicorn (sync workers, ``CHARLIE_DEMO=1``, DEBUG off, WhiteNoise) on a free port;
3. logs in as ``hr`` (CSRF token + session cookie);
4. measures the front page ``/``, a person page ``/people/<id>/`` (the middle person), the
   person overview of a current employee with much absence (absence, tasks, pension), the
   people list ``/people/``, a people search ``/people/?q=<the commonest 3-letter name
   prefix>`` and HR's follow-up task list ``/absence/opgaver/`` (unfiltered, and one
   forvaltning's overdue tasks) over a full year of tasks (made once: ``YEAR_OF_TASKS``), each
   for ``--duration`` seconds with 1 user (the reference) and with ``--users`` (20) users, no
   think time;
5. prints a Markdown table and writes it, with the raw figures as JSON, to
   ``benchmarks/results/web-latest.{md,json}`` (plus a time-stamped JSON copy).

The load comes from ``wrk`` (``./dev bench`` installs it with apt) with the Lua report script
``WRK_LUA`` below, or, when wrk is missing, from a Python thread client (slower: on a small
machine it competes with the server for the CPU, so its figures are pessimistic).

Target: p95 < 300 ms at 20 users. The 1-user figures taken in the same run show what concurrency
costs on this machine; compare ratios, not absolute times, across machines (STACK.md).

Usage::

    ./dev bench web                         # everything, defaults as above
    ./dev bench web --duration 5 --employees 2000   # a quick look
    python benchmarks/bench_web.py --help
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
BIN = Path(sys.executable).parent  # the virtualenv's bin/ (./dev runs us with .venv's Python)
# The public demo password (README); it works only while CHARLIE_DEMO=1.
DEMO_PASSWORD = "demo-kun-til-demo"  # noqa: S105
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "::1"}
TARGET_P95_MS = 300.0
#: The pages measured (``--pages``), in this order.
PAGE_KEYS = ("front", "person", "overview", "people", "search", "tasks", "overdue")

# Prints wrk's result as one JSON line. wrk counts only 4xx/5xx as errors; a redirect to the
# log-in page would pass for a fast success, so every status other than 200 is counted here.
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


@dataclass
class Measurement:
    page: str
    path: str
    users: int
    tool: str
    requests: int
    seconds: float
    requests_per_s: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    max_ms: float
    not_200: int
    socket_errors: int


@dataclass
class Run:
    started_at: str
    git_commit: str
    machine: dict[str, object]
    database: dict[str, object]
    server: dict[str, object]
    duration_s: float
    users: int
    target_p95_ms: float
    measurements: list[Measurement] = field(default_factory=list)


# --- Small helpers ------------------------------------------------------------------------------


def log(message: str) -> None:
    print(f"[bench_web] {message}", flush=True)


def charlie(*args: str, env: dict[str, str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run a ``charlie`` command; stop the benchmark with its output if it fails."""
    proc = subprocess.run(
        [str(BIN / "charlie"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if proc.returncode != 0:
        sys.exit(f"charlie {' '.join(args)} failed:\n{proc.stdout}\n{proc.stderr}")
    return proc


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def git_commit() -> str:
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


def percentile(sorted_values: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list (``q`` in 0–100)."""
    if not sorted_values:
        return float("nan")
    rank = max(1, min(len(sorted_values), round(q / 100 * len(sorted_values) + 0.5)))
    return sorted_values[rank - 1]


# --- Database ---------------------------------------------------------------------------------


def require_loopback(url: str) -> urllib.parse.SplitResult:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in {"postgres", "postgresql"} or parts.hostname not in LOOPBACK_HOSTS:
        sys.exit(
            "--database-url must be PostgreSQL on 127.0.0.1 "
            f"(got {parts.scheme}://{parts.hostname})"
        )
    return parts


def ensure_database(url: str) -> None:
    """Create the benchmark database if it is missing (connecting to ``postgres`` beside it)."""
    import psycopg
    from psycopg import sql

    parts = require_loopback(url)
    name = parts.path.lstrip("/")
    admin_url = urllib.parse.urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin_url, autocommit=True, connect_timeout=10) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
        if not exists:
            log(f"creating database {name}")
            conn.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def database_facts(url: str) -> dict[str, object]:
    """Row counts, PostgreSQL version and the person to measure (the middle id).

    ``current_employees`` (people employed today) is what ``seed-demo --employees`` sets; former
    employees from the ten years of history come on top in ``people``.
    """
    import psycopg

    with psycopg.connect(url, connect_timeout=10) as conn:
        version = conn.execute("SHOW server_version").fetchone()
        people = conn.execute("SELECT count(*) FROM people_person").fetchone()
        employments = conn.execute("SELECT count(*) FROM people_employment").fetchone()
        current = conn.execute(
            "SELECT count(DISTINCT person_id) FROM people_employment WHERE start_date <= "
            "CURRENT_DATE AND (end_date IS NULL OR end_date >= CURRENT_DATE)"
        ).fetchone()
        hr_user = conn.execute("SELECT 1 FROM core_user WHERE username = 'hr'").fetchone()
        person = conn.execute(
            "SELECT id FROM people_person ORDER BY id LIMIT 1 OFFSET %s",
            [max(0, (people[0] if people else 0) // 2)],
        ).fetchone()
        # The person overview: a current employee with the most absence periods among the
        # first thousand with any (absence, tasks and spells make the page's heaviest case).
        busy = conn.execute(
            "SELECT a.person_id FROM absence_absenceperiod a JOIN people_employment e "
            "ON e.person_id = a.person_id AND e.start_date <= CURRENT_DATE "
            "AND (e.end_date IS NULL OR e.end_date >= CURRENT_DATE) "
            "WHERE a.person_id IN (SELECT DISTINCT person_id FROM absence_absenceperiod "
            "ORDER BY person_id LIMIT 1000) "
            "GROUP BY a.person_id ORDER BY count(*) DESC, a.person_id LIMIT 1"
        ).fetchone()
        # The search: the first three letters of the commonest last name (Danish names make
        # it "han" or "nie" in the demo: thousands of matches, the hard case for an index).
        common = conn.execute(
            "SELECT lower(substr(last_name, 1, 3)) FROM people_person "
            "GROUP BY lower(substr(last_name, 1, 3)) ORDER BY count(*) DESC LIMIT 1"
        ).fetchone()
    return {
        "postgresql": version[0] if version else "?",
        "people": people[0] if people else 0,
        "employments": employments[0] if employments else 0,
        "current_employees": current[0] if current else 0,
        "has_hr_login": hr_user is not None,
        "person_id": person[0] if person else None,
        "overview_person_id": busy[0] if busy else (person[0] if person else None),
        "search_text": common[0] if common else "a",
    }


#: A full year of follow-up tasks (issue 12): the seed makes only the last 14 days' tasks, as a
#: new installation does. This makes every task of the last year's spells, and marks those due
#: more than 14 days ago done (or not applicable), as managers would have.
YEAR_OF_TASKS = """
from datetime import timedelta
from django.utils import timezone
from charlie.absence.models import FollowUpTask, TaskStatus
from charlie.absence.services import refresh_tasks
from charlie.people.services import today
on = today()
refresh_tasks(on)
old = FollowUpTask.objects.filter(status=TaskStatus.OPEN, due__lt=on - timedelta(days=14))
old.exclude(code="dialogue").update(status=TaskStatus.DONE, done_at=timezone.now())
old.update(status=TaskStatus.NOT_APPLICABLE, status_reason="Benchmark", done_at=timezone.now())
"""


def ensure_year_of_tasks(url: str, env: dict[str, str]) -> dict[str, object]:
    """Make a year of follow-up tasks once (``YEAR_OF_TASKS``); return their counts and the
    forvaltning (depth-1 unit) with the most overdue tasks, for the filtered list."""
    import psycopg

    def counts() -> tuple[int, int, object]:
        with psycopg.connect(url, connect_timeout=10) as conn:
            row = conn.execute(
                "SELECT count(*), count(*) FILTER (WHERE status = 'open'), min(due) "
                "FROM absence_followuptask"
            ).fetchone()
        return (row[0], row[1], row[2]) if row else (0, 0, None)

    total, open_, first_due = counts()
    year_ago = datetime.now(UTC).date().toordinal() - 330
    if first_due is None or first_due.toordinal() > year_ago:  # type: ignore[attr-defined]
        log("making a full year of follow-up tasks (once)")
        charlie(
            "shell",
            "-c",
            YEAR_OF_TASKS,
            env={**env, "CHARLIE_ABSENCE_TASK_BACKFILL_DAYS": "380"},
            timeout=3600,
        )
        total, open_, first_due = counts()
        # Fresh planner statistics for the tables just written, as autovacuum would give a
        # running installation in a while (the bench measures at once).
        with psycopg.connect(url, autocommit=True, connect_timeout=10) as conn:
            conn.execute("VACUUM ANALYZE")
    with psycopg.connect(url, connect_timeout=10) as conn:
        row = conn.execute(
            "SELECT split_part(u.path, '/', 3)::int AS top, count(*) AS n "
            "FROM absence_followuptask t JOIN people_orgunit u ON u.id = t.org_unit_id "
            "WHERE t.status = 'open' AND t.due < CURRENT_DATE AND u.depth >= 1 "
            "GROUP BY 1 ORDER BY 2 DESC LIMIT 1"
        ).fetchone()
    return {
        "followup_tasks": total,
        "open_followup_tasks": open_,
        "first_task_due": str(first_due),
        "unit_id": row[0] if row else "",
        "unit_overdue_tasks": row[1] if row else 0,
    }


# --- Server -----------------------------------------------------------------------------------


def start_gunicorn(
    port: int, workers: int, env: dict[str, str], log_path: Path
) -> subprocess.Popen[bytes]:
    with open(log_path, "wb") as log_file:
        return subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "charlie.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--worker-class",
                "sync",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
                "--no-control-socket",  # gunicorn 27's control socket is one path per user
            ],
            cwd=ROOT,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: stop_server() stops the workers too
        )


def stop_server(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(timeout=5)


def wait_until_up(port: int, proc: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            sys.exit(f"gunicorn exited:\n{log_path.read_text(errors='replace')}")
        try:
            status, _, _ = request(port, "GET", "/healthz")
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    sys.exit(f"gunicorn did not answer within 60 s:\n{log_path.read_text(errors='replace')}")


# --- HTTP client ------------------------------------------------------------------------------


def request(
    port: int,
    method: str,
    path: str,
    *,
    headers: dict[str, str] | None = None,
    body: str | None = None,
) -> tuple[int, dict[str, list[str]], str]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        text = response.read().decode("utf-8", errors="replace")
        found: dict[str, list[str]] = {}
        for name, value in response.getheaders():
            found.setdefault(name.lower(), []).append(value)
        return response.status, found, text
    finally:
        conn.close()


def cookies_from(headers: dict[str, list[str]]) -> dict[str, str]:
    result = {}
    for line in headers.get("set-cookie", []):
        name, _, rest = line.partition("=")
        result[name.strip()] = rest.split(";", 1)[0]
    return result


def log_in(port: int, username: str) -> str:
    """Log in through the real form; returns the Cookie header value for later requests."""
    status, headers, page = request(port, "GET", "/login/")
    if status != 200:
        sys.exit(f"GET /login/ answered {status}")
    cookies = cookies_from(headers)
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    if not match or "csrftoken" not in cookies:
        sys.exit("The log-in page has no CSRF token")
    form = urllib.parse.urlencode(
        {"username": username, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": match.group(1)}
    )
    status, headers, page = request(
        port,
        "POST",
        "/login/",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={cookies['csrftoken']}",
        },
        body=form,
    )
    cookies.update(cookies_from(headers))
    if status != 302 or "sessionid" not in cookies:
        sys.exit(f"Log-in as {username} failed (HTTP {status}); is the demo seeded?")
    return f"sessionid={cookies['sessionid']}; csrftoken={cookies['csrftoken']}"


def measure_with_wrk(
    wrk: str, port: int, path: str, cookie: str, users: int, duration: float, lua: Path
) -> dict[str, float]:
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
            "-H",
            f"Cookie: {cookie}",
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
            return {
                "requests": raw["requests"],
                "seconds": raw["duration_us"] / 1e6,
                "p50_ms": raw["p50_us"] / 1e3,
                "p95_ms": raw["p95_us"] / 1e3,
                "p99_ms": raw["p99_us"] / 1e3,
                "max_ms": raw["max_us"] / 1e3,
                "not_200": raw["not_200"],
                "socket_errors": raw["socket_errors"],
            }
    sys.exit(f"wrk gave no result:\n{proc.stdout}\n{proc.stderr}")


def measure_with_threads(
    port: int, path: str, cookie: str, users: int, duration: float, max_requests: int
) -> dict[str, float]:
    """``users`` threads, each a keep-alive connection sending requests back to back.

    Bounded by time (``duration``) and by count (``max_requests`` in all).
    """
    latencies: list[list[float]] = [[] for _ in range(users)]
    not_200 = [0] * users
    errors = [0] * users
    budget = threading.Semaphore(max_requests)
    start = time.monotonic()
    deadline = start + duration

    def user(i: int) -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        try:
            while time.monotonic() < deadline and budget.acquire(blocking=False):
                t0 = time.perf_counter()
                try:
                    conn.request("GET", path, headers={"Cookie": cookie})
                    response = conn.getresponse()
                    response.read()
                except (OSError, http.client.HTTPException):
                    errors[i] += 1
                    conn.close()
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    continue
                latencies[i].append((time.perf_counter() - t0) * 1000)
                if response.status != 200:
                    not_200[i] += 1
        finally:
            conn.close()

    threads = [threading.Thread(target=user, args=(i,), daemon=True) for i in range(users)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=duration + 60)
    elapsed = time.monotonic() - start
    values = sorted(v for per_user in latencies for v in per_user)
    return {
        "requests": len(values),
        "seconds": elapsed,
        "p50_ms": percentile(values, 50),
        "p95_ms": percentile(values, 95),
        "p99_ms": percentile(values, 99),
        "max_ms": values[-1] if values else float("nan"),
        "not_200": sum(not_200),
        "socket_errors": sum(errors),
    }


# --- Report -----------------------------------------------------------------------------------


def markdown(run: Run) -> str:
    db = run.database
    tool = run.measurements[0].tool if run.measurements else "?"
    lines = [
        f"## Web load benchmark — {run.started_at} (commit {run.git_commit})",
        "",
        f"{db['current_employees']:,} current employees ({db['people']:,} people with history), "
        f"{db['employments']:,} employments, "
        f"PostgreSQL {db['postgresql']}; gunicorn {run.server['workers']} sync workers; "
        f"{run.machine['cpus']} CPUs; {run.duration_s:g} s per row; load from {tool}.",
        "",
        "| Page | Users | Requests | Req/s | Median (ms) | p95 (ms) | p99 (ms) | Not 200 "
        "| p95 < 300 ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for m in run.measurements:
        ok = "yes" if m.p95_ms < run.target_p95_ms else "**no**"
        lines.append(
            f"| {m.page} `{m.path}` | {m.users} | {m.requests:,} | {m.requests_per_s:.1f} | "
            f"{m.p50_ms:.1f} | {m.p95_ms:.1f} | {m.p99_ms:.1f} | {m.not_200 + m.socket_errors} | "
            f"{ok if m.users > 1 else '(reference)'} |"
        )
    lines += ["", "Concurrency cost (20 users ÷ 1 user, same run):", ""]
    for page in dict.fromkeys(m.page for m in run.measurements):
        one = next((m for m in run.measurements if m.page == page and m.users == 1), None)
        many = next((m for m in run.measurements if m.page == page and m.users > 1), None)
        if one and many and one.p50_ms and one.requests_per_s:
            lines.append(
                f"- {page}: median latency × {many.p50_ms / one.p50_ms:.1f}, "
                f"throughput × {many.requests_per_s / one.requests_per_s:.1f}"
            )
    return "\n".join(lines) + "\n"


def save(run: Run, table: str) -> None:
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    data = json.dumps(asdict(run), indent=2, ensure_ascii=False)
    stamp = run.started_at.replace(":", "").replace("-", "")
    (RESULTS_DIR / f"web-{stamp}.json").write_text(data + "\n", encoding="utf-8")
    (RESULTS_DIR / "web-latest.json").write_text(data + "\n", encoding="utf-8")
    (RESULTS_DIR / "web-latest.md").write_text(table, encoding="utf-8")


# --- Main -------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description="Web load benchmark (see the module docstring).")
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "CHARLIE_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/charlie_bench"
        ),
        help="PostgreSQL on 127.0.0.1; created if missing (default: %(default)s)",
    )
    parser.add_argument("--employees", type=int, default=45_000, help="demo size (default: 45000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed for seed-demo")
    parser.add_argument(
        "--reseed", action="store_true", help="seed even if the size already matches"
    )
    parser.add_argument("--users", type=int, default=20, help="concurrent users (default: 20)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per measurement")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers (2-4)")
    parser.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    parser.add_argument(
        "--pages",
        nargs="+",
        choices=PAGE_KEYS,
        default=list(PAGE_KEYS),
        help="the pages to measure (default: all)",
    )
    parser.add_argument(
        "--max-requests", type=int, default=200_000, help="cap per measurement (Python client)"
    )
    args = parser.parse_args(argv)
    if not 1 <= args.users <= 200 or not 1 <= args.duration <= 300 or not 1 <= args.workers <= 16:
        parser.error("--users 1-200, --duration 1-300 s, --workers 1-16")
    require_loopback(args.database_url)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = datetime.now(UTC).replace(microsecond=0)
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "CHARLIE_DEMO": "1",
        "DEBUG": "0",
        "SECURE_COOKIES": "0",  # plain HTTP on loopback
        "LOG_LEVEL": "WARNING",
    }
    wrk = shutil.which("wrk") if args.tool in {"auto", "wrk"} else None
    if args.tool == "wrk" and not wrk:
        sys.exit("--tool wrk: wrk is not installed (apt-get install wrk)")
    tool = "wrk" if wrk else "python-threads"

    ensure_database(args.database_url)
    log("migrating and collecting static files")
    charlie("migrate", "--noinput", "-v0", env=env, timeout=600)
    charlie("collectstatic", "--noinput", "-v0", env=env, timeout=600)

    facts = database_facts(args.database_url)
    seeded_seconds = None
    # Seeded already at about this size? (seed-demo wipes and recreates, so only when needed.)
    current = int(facts["current_employees"])
    size_matches = 0.95 * args.employees <= current <= 1.05 * args.employees
    if args.reseed or not size_matches or not facts["has_hr_login"]:
        log(f"seeding {args.employees:,} employees (charlie seed-demo; takes a while once)")
        t0 = time.monotonic()
        charlie(
            "seed-demo",
            "--employees",
            str(args.employees),
            "--seed",
            str(args.seed),
            env=env,
            timeout=3600,
        )
        seeded_seconds = round(time.monotonic() - t0, 1)
        facts = database_facts(args.database_url)
    else:
        log(f"reusing the seeded database ({current:,} current employees)")
    if facts["person_id"] is None:
        sys.exit("The database holds no people after seeding")

    task_facts = ensure_year_of_tasks(args.database_url, env)
    every_page = {
        "front": ("Front page", "/"),
        "person": ("Person page", f"/people/{facts['person_id']}/"),
        "overview": ("Person overview", f"/people/{facts['overview_person_id']}/"),
        "people": ("People list", "/people/"),
        "search": (
            "People search",
            f"/people/?q={urllib.parse.quote(str(facts['search_text']))}",
        ),
        "tasks": ("Task list", "/absence/opgaver/"),
        "overdue": (
            "Task list: one forvaltning's overdue",
            f"/absence/opgaver/?unit={task_facts['unit_id']}&due=overdue",
        ),
    }
    pages = [every_page[key] for key in args.pages]
    port = free_port()
    run = Run(
        started_at=started.isoformat().replace("+00:00", "Z"),
        git_commit=git_commit(),
        machine={
            "cpus": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        database={
            **facts,
            **task_facts,
            "employees_requested": args.employees,
            "seed_seconds": seeded_seconds,
        },
        server={"workers": args.workers, "worker_class": "sync", "port": port},
        duration_s=args.duration,
        users=args.users,
        target_p95_ms=TARGET_P95_MS,
    )

    with tempfile.TemporaryDirectory(prefix="charlie-bench-") as tmp:
        server_log = Path(tmp) / "gunicorn.log"
        lua = Path(tmp) / "report.lua"
        lua.write_text(WRK_LUA, encoding="utf-8")
        log(f"starting gunicorn on 127.0.0.1:{port} with {args.workers} workers")
        server = start_gunicorn(port, args.workers, env, server_log)
        try:
            wait_until_up(port, server, server_log)
            cookie = log_in(port, "hr")
            for name, path in pages:
                status, _, _ = request(port, "GET", path, headers={"Cookie": cookie})
                if status != 200:
                    sys.exit(f"{name} {path} answered {status} for hr; nothing to measure")
            # Warm-up: every worker imports its code, opens its pool and fills Django's caches.
            for _, path in pages:
                measure_with_threads(port, path, cookie, args.workers * 2, 2.0, 200)
            for name, path in pages:
                for users in (1, args.users):
                    log(f"{name} {path}: {users} user(s), {args.duration:g} s, {tool}")
                    if wrk:
                        raw = measure_with_wrk(wrk, port, path, cookie, users, args.duration, lua)
                    else:
                        raw = measure_with_threads(
                            port, path, cookie, users, args.duration, args.max_requests
                        )
                    seconds = float(raw["seconds"]) or 1.0
                    run.measurements.append(
                        Measurement(
                            page=name,
                            path=path,
                            users=users,
                            tool=tool,
                            requests=int(raw["requests"]),
                            seconds=round(seconds, 2),
                            requests_per_s=round(raw["requests"] / seconds, 1),
                            p50_ms=round(raw["p50_ms"], 2),
                            p95_ms=round(raw["p95_ms"], 2),
                            p99_ms=round(raw["p99_ms"], 2),
                            max_ms=round(raw["max_ms"], 2),
                            not_200=int(raw["not_200"]),
                            socket_errors=int(raw["socket_errors"]),
                        )
                    )
        finally:
            stop_server(server)

    table = markdown(run)
    save(run, table)
    print()
    print(table)
    log(f"written to {RESULTS_DIR.relative_to(ROOT)}/web-latest.md and .json")
    failed = [m for m in run.measurements if m.not_200 or m.socket_errors]
    if failed:
        log("some requests failed (see 'Not 200'): the figures are not valid")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
