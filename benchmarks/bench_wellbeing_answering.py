"""Answering benchmark (issue 16): respondents answering a 60-question trivselsmåling by their
one-time links, over HTTP against gunicorn on PostgreSQL, with 1 respondent as the reference in
the same run.

Target: **p95 ≤ 200 ms at 100 concurrent respondents** for every request of answering — the
answering page, sending the answers, and the thank-you page.

In one run:

1. **Set up** the PostgreSQL database (``--database-url`` or ``CHARLIE_BENCH_DATABASE_URL``,
   default ``bench_wellbeing``; never ``charlie`` or ``test``; created if missing): migrate, a
   municipality of 5 forvaltninger × 8 units with ``--people`` employees (made once, reused),
   and, for each run, a new questionnaire version of 60 questions (8 dimensions of 7 scale
   questions, two of them on offensive behaviour, and a single choice, a multiple choice, a
   number and a free text) and a survey of every unit with the bands age, job family and
   seniority, **launched through the service** (the launch check, invitations with link keys).
   The one-time links are made from the keys, as the e-mails have them.
2. **Start gunicorn** (sync workers, ``--workers``, DEBUG off) on a free loopback port.
3. **Measure** three phases of ``--duration`` seconds, each respondent a thread with its own
   keep-alive connection and no cookies at the start (a new browser per link):

   - **1 respondent** alone, sending one answer after the other (the reference: what a request
     costs when nothing else runs), then **``--respondents`` respondents** (100): each opens
     the answering page, takes ``--think`` seconds on average to answer (uniform 0.5–1.5 ×),
     sends every answer (a comment from one in five), follows the redirect to the thank-you
     page, waits ``--pause`` seconds on average, and opens the next link. The defaults (5 s and
     1 s) are a far faster pace than a real 60-question survey (minutes): 100 such respondents
     send about 16 answers a second, 58,000 an hour — more than Copenhagen's whole survey.
   - **``--respondents`` respondents without think time** (``--no-stress`` leaves it out): the
     machine's ceiling, each respondent sending the next request as soon as the last is
     answered.

   Every answer other than the expected status is counted, and at the end the stored responses
   are counted against the answers the server accepted.
4. **Report** a Markdown table on stdout and in
   ``benchmarks/results/wellbeing-answering-latest.md``, the figures (with the load average
   before and after) in ``…-latest.json`` (git-ignored).
   Exit status 1 if a request failed or an answer was lost; a missed target is reported.

Usage::

    python benchmarks/bench_wellbeing_answering.py
    python benchmarks/bench_wellbeing_answering.py --duration 10 --respondents 100 --workers 3
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import platform
import random
import re
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_learning_import import ROOT, _check_url, _ensure_database

RESULTS_DIR = ROOT / "benchmarks" / "results"
SCRIPT = Path(__file__).resolve()
TARGET_P95_MS = 200.0
DEFAULT_DATABASE = "postgres://postgres@127.0.0.1:5432/bench_wellbeing"
TOP_NAME = "Benchmark Trivsel Kommune"
KINDS = ("answering page", "send answers", "thank-you page")


def log(message: str) -> None:
    print(f"[bench_wellbeing_answering] {message}", flush=True)


# --- Set-up (runs in a subprocess with the server's environment) -------------------------------


def _organisation(people: int) -> None:
    """5 forvaltninger × 8 units and ``people`` employees spread over them (made once)."""
    import datetime as dt
    from decimal import Decimal

    from charlie.people import services as people_services
    from charlie.people.models import Employment, JobFamily, OrgUnit, OrgUnitKind, Person

    if OrgUnit.objects.filter(name=TOP_NAME).exists():
        return
    rng = random.Random(2030)
    start = dt.date(2010, 1, 1)
    top = people_services.create_org_unit(
        name=TOP_NAME, kind=OrgUnitKind.MUNICIPALITY, parent=None, valid_from=start
    )
    units = []
    for f in range(5):
        area = people_services.create_org_unit(
            name=f"Forvaltning {f + 1}",
            kind=OrgUnitKind.ADMINISTRATION,
            parent=top,
            valid_from=start,
        )
        for u in range(8):
            units.append(
                people_services.create_org_unit(
                    name=f"Forvaltning {f + 1}, enhed {u + 1}",
                    kind=OrgUnitKind.INSTITUTION,
                    parent=area,
                    valid_from=start,
                )
            )
    families = list(JobFamily.objects.order_by("pk")[:6])
    persons = Person.objects.bulk_create(
        Person(
            employee_number=f"BW{i:06d}",
            first_name="Bench",
            last_name=f"Respondent {i}",
            birth_date=dt.date(rng.randint(1962, 2003), rng.randint(1, 12), rng.randint(1, 28)),
            gender=rng.choice("KM"),
            email=f"bw{i}@bench.invalid",
        )
        for i in range(people)
    )
    Employment.objects.bulk_create(
        Employment(
            person=person,
            org_unit=units[i % len(units)],
            job_title="Medarbejder",
            job_family=families[i % len(families)],
            weekly_hours=Decimal(rng.choice([37, 37, 32, 30])),
            start_date=dt.date(rng.randint(2000, 2025), rng.randint(1, 12), 1),
        )
        for i, person in enumerate(persons)
    )


LIKERT = [
    {"value": v, "label": label}
    for v, label in enumerate(
        ["I meget lille grad", "I lille grad", "Delvist", "I høj grad", "I meget høj grad"], 1
    )
]


def _version() -> Any:
    """A new questionnaire version of 60 questions (one per run: a version is frozen when used)."""
    from charlie.wellbeing.models import (
        Dimension,
        Question,
        QuestionKind,
        Questionnaire,
        QuestionnaireVersion,
    )

    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S%f")
    questionnaire = Questionnaire.objects.create(
        code=f"bench-{stamp}", name=f"Benchmark {stamp}", kind="wellbeing"
    )
    version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)
    questions = []
    order = 0
    for d in range(8):
        dimension = Dimension.objects.create(
            version=version, code=f"d{d}", name=f"Dimension {d + 1}", order=d, sensitive=d == 7
        )
        for q in range(7):
            order += 1
            questions.append(
                Question(
                    version=version,
                    dimension=dimension,
                    code=f"d{d}q{q}",
                    text=f"Spørgsmål {q + 1} om dimension {d + 1}: i hvor høj grad passer det?",
                    kind=QuestionKind.LIKERT,
                    options=LIKERT,
                    reverse=q == 3,
                    required=q == 0,
                    order=order,
                )
            )
    extra = Dimension.objects.create(version=version, code="andet", name="Andet", order=9)
    choices = [{"value": v, "label": f"Mulighed {v}"} for v in range(1, 5)]
    for code, kind, options in (
        ("shift", QuestionKind.SINGLE, choices),
        ("channels", QuestionKind.MULTIPLE, choices),
        ("overtime", QuestionKind.NUMBER, []),
        ("comment", QuestionKind.TEXT, []),
    ):
        order += 1
        questions.append(
            Question(
                version=version,
                dimension=extra,
                code=code,
                text=f"Spørgsmål {code}",
                kind=kind,
                options=options,
                minimum=0 if kind == QuestionKind.NUMBER else None,
                maximum=60 if kind == QuestionKind.NUMBER else None,
                order=order,
            )
        )
    Question.objects.bulk_create(questions)
    return version


def worker_setup(out: Path, people: int) -> None:
    import datetime as dt

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    from django.utils import timezone

    from charlie.core.roles import Role
    from charlie.people.models import OrgUnit
    from charlie.people.services import operator_access
    from charlie.wellbeing.models import Invitation, Question, Survey
    from charlie.wellbeing.services import surveys
    from charlie.wellbeing.services.answering import link_of_key

    _organisation(people)
    version = _version()
    today = timezone.localdate()
    survey = Survey.objects.create(
        name=f"Benchmark {datetime.now(UTC):%H:%M:%S}",
        kind="wellbeing",
        version=version,
        bands=["age", "job_family", "seniority"],
        opens_on=today,
        closes_on=today + dt.timedelta(days=14),
    )
    survey.units.set([OrgUnit.objects.get(name=TOP_NAME)])
    started = time.perf_counter()
    launched = surveys.launch(operator_access(Role.HR), survey.pk, drop_small_bands=True)
    launch_s = time.perf_counter() - started
    keys = Invitation.objects.filter(survey=survey).values_list("link_key", flat=True)
    questions = [
        {"code": q.code, "kind": q.kind, "values": [str(o["value"]) for o in q.options]}
        for q in Question.objects.filter(version=version).order_by("order")
    ]
    out.write_text(
        json.dumps(
            {
                "survey": survey.pk,
                "invited": launched.invited,
                "launch_s": launch_s,
                "links": [link_of_key(survey.pk, key) for key in keys],
                "questions": questions,
            }
        )
    )


def worker_count(out: Path, survey_id: int) -> None:
    import django

    django.setup()
    from charlie.wellbeing.models import Answer, Invitation, Response

    out.write_text(
        json.dumps(
            {
                "responses": Response.objects.filter(survey_id=survey_id).count(),
                "answers": Answer.objects.filter(response__survey_id=survey_id).count(),
                "answered": Invitation.objects.filter(survey_id=survey_id, answered=True).count(),
            }
        )
    )


# --- The respondents ------------------------------------------------------------------------------


def _answers(questions: list[dict[str, Any]], rng: random.Random) -> list[tuple[str, str]]:
    """What a respondent sends: every question answered (one in ten skipped), a comment from
    one in five."""
    fields: list[tuple[str, str]] = []
    for q in questions:
        name = f"q-{q['code']}"
        kind = q["kind"]
        if kind == "text":
            if rng.random() < 0.2:
                fields.append((name, "Mere tid til faglig sparring og bedre planlægning."))
            continue
        if kind != "likert" and rng.random() < 0.1:
            continue
        if kind in ("likert", "single"):
            fields.append((name, rng.choice(q["values"])))
        elif kind == "multiple":
            fields += [(name, v) for v in rng.sample(q["values"], 2)]
        elif kind == "number":
            fields.append((name, str(rng.randint(0, 20))))
    return fields


_CSRF = re.compile(r"csrftoken=([A-Za-z0-9]+)")


@dataclass
class Phase:
    name: str
    respondents: int
    think: float
    pause: float
    latencies: dict[str, list[float]] = field(default_factory=lambda: {k: [] for k in KINDS})
    sent: int = 0
    errors: list[str] = field(default_factory=list)
    seconds: float = 0.0
    ran_out: bool = False


class Links:
    def __init__(self, links: list[str]):
        self._links = iter(links)
        self._lock = threading.Lock()

    def next(self) -> str | None:
        with self._lock:
            return next(self._links, None)


def _respondent(
    port: int,
    links: Links,
    questions: list[dict[str, Any]],
    phase: Phase,
    stop_at: float,
    seed: int,
    lock: threading.Lock,
) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    if phase.think:  # the respondents arrive spread over the first answering time
        time.sleep(rng.uniform(0, phase.think))

    def request(method: str, path: str, body: str | None, headers: dict[str, str]) -> Any:
        nonlocal conn
        for attempt in (1, 2):
            try:
                conn.request(method, path, body=body, headers=headers)
                response = conn.getresponse()
                response.read()
                return response
            except (http.client.HTTPException, OSError):
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                if attempt == 2:
                    raise
        return None

    try:
        while time.monotonic() < stop_at:
            link = links.next()
            if link is None:
                phase.ran_out = True
                return
            path = f"/trivsel/svar/{link}/"
            t0 = time.perf_counter()
            page = request("GET", path, None, {})
            t1 = time.perf_counter()
            cookie = _CSRF.search(page.getheader("Set-Cookie") or "")
            if page.status != 200 or cookie is None:
                with lock:
                    phase.errors.append(f"GET {page.status}")
                continue
            if phase.think:
                time.sleep(phase.think * rng.uniform(0.5, 1.5))
            token = cookie.group(1)
            body = urllib.parse.urlencode(
                [("csrfmiddlewaretoken", token), *_answers(questions, rng)]
            )
            t2 = time.perf_counter()
            sent = request(
                "POST",
                path,
                body,
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": f"csrftoken={token}",
                },
            )
            t3 = time.perf_counter()
            location = sent.getheader("Location") or ""
            if sent.status != 302 or "/tak/" not in location:
                with lock:
                    phase.errors.append(f"POST {sent.status}")
                continue
            thanks = request("GET", urllib.parse.urlsplit(location).path, None, {})
            t4 = time.perf_counter()
            with lock:
                if thanks.status != 200:
                    phase.errors.append(f"GET thanks {thanks.status}")
                phase.latencies["answering page"].append((t1 - t0) * 1000)
                phase.latencies["send answers"].append((t3 - t2) * 1000)
                phase.latencies["thank-you page"].append((t4 - t3) * 1000)
                phase.sent += 1
            if phase.pause:
                time.sleep(phase.pause * rng.uniform(0.5, 1.5))
    except Exception as exc:  # a broken connection is an error of the run, not a crash
        with lock:
            phase.errors.append(type(exc).__name__)
    finally:
        conn.close()


def _run_phase(
    port: int, links: Links, questions: list[dict[str, Any]], phase: Phase, duration: float
) -> None:
    lock = threading.Lock()
    stop_at = time.monotonic() + duration
    threads = [
        threading.Thread(
            target=_respondent,
            args=(port, links, questions, phase, stop_at, 1000 * len(phase.name) + i, lock),
            daemon=True,
        )
        for i in range(phase.respondents)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 120)
    phase.seconds = time.perf_counter() - started


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


# --- Running --------------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _worker(args: list[str], env: dict[str, str], timeout: float) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
        out = Path(handle.name)
    try:
        subprocess.run(
            [sys.executable, str(SCRIPT), *args, "--out", str(out)],
            cwd=ROOT,
            env=env,
            check=True,
            timeout=timeout,
        )
        return dict(json.loads(out.read_text()))
    finally:
        out.unlink(missing_ok=True)


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


def _summary(phase: Phase) -> dict[str, Any]:
    everything = [ms for values in phase.latencies.values() for ms in values]
    return {
        "phase": phase.name,
        "respondents": phase.respondents,
        "think_s": phase.think,
        "pause_s": phase.pause,
        "answers_sent": phase.sent,
        "answers_per_s": phase.sent / phase.seconds if phase.seconds else 0.0,
        "requests_per_s": 3 * phase.sent / phase.seconds if phase.seconds else 0.0,
        "p50_ms": {k: _percentile(v, 50) for k, v in phase.latencies.items()},
        "p95_ms": {k: _percentile(v, 95) for k, v in phase.latencies.items()},
        "p99_ms": {k: _percentile(v, 99) for k, v in phase.latencies.items()},
        "p95_all_ms": _percentile(everything, 95),
        "errors": len(phase.errors),
        "error_kinds": sorted(set(phase.errors)),
        "ran_out_of_links": phase.ran_out,
    }


def _markdown(run: dict[str, Any]) -> str:
    lines = [
        f"## Answering — {run['started_at']} (commit {run['git_commit']})",
        "",
        f"{run['setup']['invited']:,} invited (a survey of 60 questions, bands age, job family and"
        f" seniority; launched in {run['setup']['launch_s']:.1f} s); {run['database']}; gunicorn "
        f"{run['workers']} sync workers; {run['cpus']} CPUs; {run['duration_s']:g} s per phase; "
        f"load average {run['load_before'][0]:.2f} before, {run['load_after'][0]:.2f} after. "
        f"Stored: {run['stored']['responses']:,} responses = {run['accepted']:,} answers accepted.",
        "",
        "| Phase | Respondents | Think (s) | Answers | Answers/s | p50 / p95 page (ms) "
        "| p50 / p95 send (ms) | p50 / p95 thanks (ms) | p95 all (ms) | Errors "
        f"| p95 ≤ {TARGET_P95_MS:.0f} ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for s in run["phases"]:
        if s["respondents"] == 1:
            verdict = "(reference)"
        elif not s["think_s"]:
            verdict = "(ceiling)"
        else:
            verdict = "yes" if s["met"] else "**no**"
        p50, p95 = s["p50_ms"], s["p95_ms"]
        lines.append(
            f"| {s['phase']} | {s['respondents']} | {s['think_s']:g} | {s['answers_sent']:,} | "
            f"{s['answers_per_s']:.1f} | {p50['answering page']:.1f} / {p95['answering page']:.1f}"
            f" | {p50['send answers']:.1f} / {p95['send answers']:.1f} | "
            f"{p50['thank-you page']:.1f} / {p95['thank-you page']:.1f} | {s['p95_all_ms']:.1f} | "
            f"{s['errors']} | {verdict} |"
        )
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Answering benchmark (see the docstring).")
    parser.add_argument("--respondents", type=int, default=100)
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per phase")
    parser.add_argument("--think", type=float, default=5.0, help="mean seconds to answer")
    parser.add_argument("--pause", type=float, default=1.0, help="mean seconds between links")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn sync workers")
    parser.add_argument("--people", type=int, default=12_000, help="employees (made once)")
    parser.add_argument("--no-stress", action="store_true", help="leave out the ceiling phase")
    parser.add_argument(
        "--database-url", default=os.environ.get("CHARLIE_BENCH_DATABASE_URL", DEFAULT_DATABASE)
    )
    parser.add_argument("--worker-setup", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--worker-count", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker_setup:
        worker_setup(args.out, args.people)
        return 0
    if args.worker_count is not None:
        worker_count(args.out, args.worker_count)
        return 0
    _check_url(args.database_url)
    _ensure_database(args.database_url)
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "SECRET_KEY": secrets.token_urlsafe(40),  # the links are HMACs with it: one for all
        "DEBUG": "0",
        "CHARLIE_DEMO": "0",
        "SECURE_COOKIES": "0",
        "LOG_LEVEL": "WARNING",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
        "DJANGO_SETTINGS_MODULE": "charlie.settings",
    }
    env.pop("CHARLIE_TESTING", None)
    log(f"setting up {args.database_url.rsplit('/', 1)[-1]} (migrate, people, a launched survey)")
    setup = _worker(["--worker-setup", "--people", str(args.people)], env, 1800)
    questions = setup["questions"]
    links = Links(setup.pop("links"))
    log(f"{setup['invited']:,} invited; launch took {setup['launch_s']:.1f} s")
    port = _free_port()
    with tempfile.TemporaryDirectory(prefix="charlie-bench-answering-") as tmp:
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
        phases = [
            # The reference: one respondent alone, back to back (many samples, no waiting).
            Phase("1 respondent", 1, 0.0, 0.0),
            Phase(f"{args.respondents} respondents", args.respondents, args.think, args.pause),
        ]
        if not args.no_stress:
            phases.append(Phase(f"{args.respondents}, no think time", args.respondents, 0.0, 0.0))
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    conn.request("GET", "/healthz")
                    if conn.getresponse().status == 200:
                        break
                except OSError:
                    pass
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit(f"gunicorn did not start:\n{log_path.read_text(errors='replace')}")
                time.sleep(0.25)
            # Warm every worker up (templates, connections) with a few answers.
            warm_up = Phase("warm-up", 6, 0.0, 0.0)
            _run_phase(port, links, questions, warm_up, 3.0)
            load_before = os.getloadavg()
            started_at = datetime.now(UTC).isoformat(timespec="seconds")
            for phase in phases:
                log(f"{phase.name}: {args.duration:g} s (think {phase.think:g} s)")
                _run_phase(port, links, questions, phase, args.duration)
                if phase.errors:
                    log(f"  errors: {sorted(set(phase.errors))}")
            load_after = os.getloadavg()
        finally:
            _stop(server)
    stored = _worker(["--worker-count", str(setup["survey"])], env, 600)
    summaries = [_summary(p) for p in phases]
    for s in summaries:
        s["met"] = all(v <= TARGET_P95_MS for v in s["p95_ms"].values())
    accepted = warm_up.sent + sum(p.sent for p in phases)
    run = {
        "started_at": started_at,
        "git_commit": _git_commit(),
        "cpus": os.cpu_count(),
        "python": platform.python_version(),
        "database": "PostgreSQL",
        "workers": args.workers,
        "duration_s": args.duration,
        "load_before": load_before,
        "load_after": load_after,
        "setup": setup,
        "stored": stored,
        "accepted": accepted,
        "phases": summaries,
    }
    table = _markdown(run)
    print(table)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "wellbeing-answering-latest.md").write_text(table, encoding="utf-8")
    (RESULTS_DIR / "wellbeing-answering-latest.json").write_text(
        json.dumps(run, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    failed = (
        any(s["errors"] for s in summaries)
        or stored["responses"] != accepted
        or stored["answered"] != accepted
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
