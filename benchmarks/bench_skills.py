"""Skills analysis benchmark (issue 13): candidate ranking and the unit × skill heatmap at
45,000 employees × 20 skills each.

Synthetic arrays, no database (seed 2030): ``--employees`` people (default 45,000) each holding
``--skills-each`` (default 20) of 60 skills at levels 1–4 — the table ``services.analysis
.load_levels`` builds from the database, as (person, skill, level) rows; an organisation of 1
municipality, 8 forvaltninger, 8 × 8 areas and 8 × 8 × 8 = 512 units below them (585 units,
people placed in the lowest ones); 10 % opted in.

Measured (median of ``--repeat``):

1. **candidates**: one role of 20 requirements (12 essential, levels 2–4): the dense
   held matrix from the rows (``Levels.from_rows`` + ``held``), coverage, gap hours, the
   ranking and the opted-in mask — what ``services.analysis.candidates`` computes after the
   query. Reference, same run: a straightforward per-person Python loop (a dict of each person's
   levels; for each person and requirement the same formula), then ``sorted``. Both must give
   the same top 100 (exit status 1 otherwise).
2. **heatmap**: for each of the role's 20 skills, who meets the level, and through
   ``core.disclosure.protect`` the counts per unit sub-tree and what may be shown, for the whole
   municipality (``matching.heat_counts``). Reference: the counts by a per-person loop (each
   person added to their unit and every ancestor, per skill); the disclosure engine is the same
   code in both and is timed apart. The counts must agree.

3. **with the database** (``--database-url``, PostgreSQL on loopback; a database whose name
   contains "bench", dropped and made anew): the same people as rows (45,000 persons with one
   current employment each in the 512 units, 900,000 confirmed assessments, the role profile,
   the opt-ins), then the services end to end as HR — ``services.analysis.candidates`` (query,
   scope, ranking, names, audit) and ``services.analysis.heatmap`` for the whole municipality.
   ``./dev bench skills`` passes ``CHARLIE_BENCH_DATABASE_URL`` with ``_skills`` appended.

Targets (on the project's 2-core machine): candidates ≤ 1 s, heatmap ≤ 2 s.

Usage::

    python benchmarks/bench_skills.py [--employees 45000] [--skills-each 20] [--repeat 3]
    ./dev bench skills

Results: a Markdown table on stdout and in ``benchmarks/results/skills-latest.md`` (git-ignored).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from charlie.core.disclosure import Grouping  # noqa: E402
from charlie.skills import matching  # noqa: E402

RESULTS_DIR = ROOT / "benchmarks" / "results"
SEED = 2030
N_SKILLS = 60
N_REQUIRED = 20
TARGETS_S = {"candidates": 1.0, "heatmap": 2.0}
MIN_SIZE = 5


def synthetic(n: int, each: int) -> dict[str, Any]:
    rng = np.random.default_rng(SEED)
    person_ids = np.arange(1, n + 1, dtype=np.int64) * 7  # ids are not row numbers
    skills = np.argsort(rng.random((n, N_SKILLS)), axis=1)[:, :each] + 1000
    pid = np.repeat(person_ids, each)
    sid = skills.ravel().astype(np.int64)
    lvl = rng.integers(1, 5, size=n * each).astype(np.int64)
    # The organisation: root 0, forvaltninger 1–8, areas, units.
    parent: dict[object, object] = {0: None}
    next_id = 1
    leaves = []
    for _f in range(8):
        f = next_id
        parent[f] = 0
        next_id += 1
        for _a in range(8):
            a = next_id
            parent[a] = f
            next_id += 1
            for _u in range(8):
                parent[next_id] = a
                leaves.append(next_id)
                next_id += 1
    tree: Grouping[object] = Grouping.tree(parent)
    index = tree.index()
    unit = np.array(leaves, dtype=np.int64)[rng.integers(0, len(leaves), size=n)]
    leaf = np.array([index[int(u)] for u in unit], dtype=np.int64)
    required = rng.integers(2, 5, size=N_REQUIRED).astype(np.int64)
    essential = np.arange(N_REQUIRED) < 12
    req_skills = rng.choice(np.arange(1000, 1000 + N_SKILLS), size=N_REQUIRED, replace=False)
    opted = rng.random(n) < 0.1
    return {
        "person_ids": person_ids,
        "pid": pid,
        "sid": sid,
        "lvl": lvl,
        "tree": tree,
        "parent": parent,
        "unit": unit,
        "leaf": leaf,
        "required": required,
        "essential": essential,
        "req_skills": req_skills.astype(np.int64),
        "opted": opted,
    }


# --- Candidates -----------------------------------------------------------------------------


def candidates_vectorised(d: dict[str, Any]) -> list[int]:
    levels = matching.Levels.from_rows(d["pid"], d["sid"], d["lvl"], persons=d["person_ids"])
    held = levels.held(d["req_skills"])[levels.rows_of(d["person_ids"])]
    cum = matching.cumulative_hours(matching.default_step_hours(N_REQUIRED, 8))
    scores = matching.coverage(held, d["required"], d["essential"])
    hours = matching.gap_hours(held, d["required"], cum)
    order = matching.rank(scores, hours, d["person_ids"])
    named = order[d["opted"][order]]
    return d["person_ids"][named[:100]].tolist()


def candidates_loop(d: dict[str, Any]) -> list[int]:
    held: dict[int, dict[int, int]] = {}
    for p, s, lv in zip(d["pid"].tolist(), d["sid"].tolist(), d["lvl"].tolist(), strict=True):
        held.setdefault(p, {})[s] = lv
    reqs = list(
        zip(d["req_skills"].tolist(), d["required"].tolist(), d["essential"].tolist(), strict=True)
    )
    total_w = sum(2.0 if e else 1.0 for _s, _r, e in reqs)
    rows = []
    for p, opted in zip(d["person_ids"].tolist(), d["opted"].tolist(), strict=True):
        mine = held.get(p, {})
        score = 0.0
        hours = 0.0
        for s, r, e in reqs:
            h = mine.get(s, 0)
            score += (2.0 if e else 1.0) * min(h, r) / r
            hours += matching.DEFAULT_HOURS_PER_LEVEL * max(0, r - h)
        rows.append((-round(score / total_w, 9), round(hours, 6), p, opted))
    rows.sort()
    return [p for _s, _h, p, opted in rows if opted][:100]


# --- Heatmap --------------------------------------------------------------------------------


def heatmap_vectorised(d: dict[str, Any]) -> Any:
    levels = matching.Levels.from_rows(d["pid"], d["sid"], d["lvl"], persons=d["person_ids"])
    held = levels.held(d["req_skills"])[levels.rows_of(d["person_ids"])]
    return matching.heat_counts(
        held, d["required"], d["person_ids"], d["leaf"], d["tree"], min_size=MIN_SIZE
    )


def heatmap_counts_vectorised(d: dict[str, Any]) -> np.ndarray:
    """The counts alone (what the reference loop computes): bincount per leaf, then sub-trees."""
    levels = matching.Levels.from_rows(d["pid"], d["sid"], d["lvl"], persons=d["person_ids"])
    held = levels.held(d["req_skills"])[levels.rows_of(d["person_ids"])]
    meets = matching.met(held, d["required"])
    tree = d["tree"]
    counts, _people = matching.met_by_group(meets, d["leaf"], len(tree))
    # Roll up the tree, deepest first (cells are in insertion order: parents before children).
    for c in range(len(tree) - 1, 0, -1):
        counts[tree.parent[c]] += counts[c]
    return counts


def heatmap_loop(d: dict[str, Any]) -> np.ndarray:
    held: dict[int, dict[int, int]] = {}
    for p, s, lv in zip(d["pid"].tolist(), d["sid"].tolist(), d["lvl"].tolist(), strict=True):
        held.setdefault(p, {})[s] = lv
    tree = d["tree"]
    up = tree.parent.tolist()
    reqs = list(zip(d["req_skills"].tolist(), d["required"].tolist(), strict=True))
    counts = [[0] * len(reqs) for _ in range(len(tree))]
    for p, leaf in zip(d["person_ids"].tolist(), d["leaf"].tolist(), strict=True):
        mine = held.get(p, {})
        for j, (s, r) in enumerate(reqs):
            if mine.get(s, 0) >= r:
                c = leaf
                while c >= 0:
                    counts[c][j] += 1
                    c = up[c]
    return np.array(counts, dtype=np.int64)


# --- With the database ---------------------------------------------------------------------


def _prepare_database(url: str) -> None:
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


def with_database(d: dict[str, Any], url: str, repeat: int) -> list[tuple[str, float, float]]:
    """(work, seconds, seeding seconds) of the services end to end."""
    import datetime as dt
    import os

    _prepare_database(url)
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

    from charlie.core.roles import Role
    from charlie.people.models import Employment, JobFamily, OrgUnitKind, Person
    from charlie.people.services import create_org_unit, operator_access
    from charlie.skills.models import (
        OptIn,
        RoleProfile,
        RoleRequirement,
        Skill,
        SkillAssessment,
    )
    from charlie.skills.services import analysis

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    start = dt.date(2010, 1, 1)
    made: dict[int, Any] = {}
    lowest = set(d["unit"].tolist())
    for key, up in d["parent"].items():
        kind = (
            OrgUnitKind.MUNICIPALITY
            if up is None
            else OrgUnitKind.DEPARTMENT
            if key in lowest
            else OrgUnitKind.AREA
        )
        made[key] = create_org_unit(
            name=f"Enhed {key}", kind=kind, parent=made.get(up), valid_from=start
        )
    family = JobFamily.objects.order_by("pk").first()
    Person.objects.bulk_create(
        (
            Person(
                pk=int(p),
                employee_number=f"B{int(p):07d}",
                first_name="Bench",
                last_name=f"Person {int(p)}",
                birth_date=dt.date(1960 + int(p) % 40, 1 + int(p) % 12, 1),
                gender="F",
            )
            for p in d["person_ids"]
        ),
        batch_size=5000,
    )
    Employment.objects.bulk_create(
        (
            Employment(
                person_id=int(p),
                org_unit=made[int(u)],
                job_title="Bench",
                job_family=family,
                weekly_hours=37,
                start_date=dt.date(2015, 1, 1),
            )
            for p, u in zip(d["person_ids"], d["unit"], strict=True)
        ),
        batch_size=5000,
    )
    Skill.objects.bulk_create(
        Skill(pk=s, uri=f"local:bench-{s}", source="local", name=f"Kompetence {s}")
        for s in range(1000, 1000 + N_SKILLS)
    )
    SkillAssessment.objects.bulk_create(
        (
            SkillAssessment(
                person_id=int(p),
                skill_id=int(s),
                level=int(lv),
                assessed_on=dt.date(2026, 1, 1),
                source="manager",
                status="confirmed",
            )
            for p, s, lv in zip(d["pid"], d["sid"], d["lvl"], strict=True)
        ),
        batch_size=10000,
    )
    profile = RoleProfile.objects.create(code="bench", name="Bench")
    RoleRequirement.objects.bulk_create(
        RoleRequirement(
            profile=profile,
            skill_id=int(s),
            min_level=int(r),
            requirement="essential" if e else "optional",
        )
        for s, r, e in zip(d["req_skills"], d["required"], d["essential"], strict=True)
    )
    OptIn.objects.bulk_create(
        OptIn(person_id=int(p), kind="opportunities", opted_in=True)
        for p in d["person_ids"][d["opted"]]
    )
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # what autovacuum would do after a bulk load
    seeded = time.perf_counter() - started
    hr = operator_access(Role.HR, channel="cli")
    t_cand, result = timed(lambda: analysis.candidates(hr, "bench", top=25), repeat)
    t_heat, heat = timed(lambda: analysis.heatmap(hr, "bench"), repeat)
    if not result.named or not heat.rows:
        raise SystemExit("database: the services found nothing")
    return [
        ("candidates, service end to end (PostgreSQL)", t_cand, seeded),
        ("heatmap, service end to end (PostgreSQL)", t_heat, seeded),
    ]


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=45_000)
    parser.add_argument("--skills-each", type=int, default=20)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--database-url",
        default=(
            os.environ["CHARLIE_BENCH_DATABASE_URL"] + "_skills"
            if os.environ.get("CHARLIE_BENCH_DATABASE_URL")
            else ""
        ),
        help="PostgreSQL on loopback for the services end to end (default: none).",
    )
    args = parser.parse_args(argv)
    d = synthetic(args.employees, args.skills_each)
    ok = True
    t_cand, top_vec = timed(lambda: candidates_vectorised(d), args.repeat)
    t_cand_ref, top_ref = timed(lambda: candidates_loop(d), 1)
    if top_vec != top_ref:
        print("candidates: the vectorised and the reference ranking differ", file=sys.stderr)
        ok = False
    t_heat, (met_counts, _all, shown) = timed(lambda: heatmap_vectorised(d), args.repeat)
    t_counts, counts_vec = timed(lambda: heatmap_counts_vectorised(d), args.repeat)
    t_heat_ref, counts_ref = timed(lambda: heatmap_loop(d), 1)
    if not (np.array_equal(counts_vec, counts_ref) and np.array_equal(met_counts, counts_ref)):
        print("heatmap: the counts differ from the reference", file=sys.stderr)
        ok = False
    rows = [
        ("candidates (one role, 20 requirements)", t_cand, t_cand_ref, TARGETS_S["candidates"]),
        ("heatmap counts only (585 units × 20 skills)", t_counts, t_heat_ref, None),
        (
            "heatmap with disclosure control (585 units × 20 skills)",
            t_heat,
            t_heat_ref + (t_heat - t_counts),
            TARGETS_S["heatmap"],
        ),
    ]
    n = args.employees
    lines = [
        f"Skills analysis, {n:,} employees × {args.skills_each} skills "
        f"({n * args.skills_each:,} levels), median of {args.repeat}",
        "",
        "| Work | Vectorised | Python loop | Ratio | Target |",
        "| --- | ---: | ---: | ---: | --- |",
    ]
    for name, t, ref, target in rows:
        verdict = (
            "–" if target is None else (f"≤ {target:g} s " + ("met" if t <= target else "MISSED"))
        )
        lines.append(
            f"| {name} | {t * 1000:,.0f} ms | {ref * 1000:,.0f} ms | {ref / t:,.1f}× | {verdict} |"
        )
    if args.database_url:
        db_rows = with_database(d, args.database_url, args.repeat)
        seeded = db_rows[0][2]
        for name, t, _seeded in db_rows:
            target = TARGETS_S["candidates" if name.startswith("candidates") else "heatmap"]
            verdict = f"≤ {target:g} s " + ("met" if t <= target else "MISSED")
            lines.append(f"| {name} | {t * 1000:,.0f} ms | – | – | {verdict} |")
            rows.append((name, t, float("nan"), target))
        lines.append("")
        lines.append(f"Seeding the database took {seeded:,.0f} s (not timed above).")
    lines.append("")
    lines.append(
        f"Shown heatmap cells: {int(shown.sum()):,} of {shown.size:,} "
        f"(minimum group size {MIN_SIZE})."
    )
    table = "\n".join(lines)
    print(table)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "skills-latest.md").write_text(table + "\n")
    (RESULTS_DIR / "skills-latest.json").write_text(
        json.dumps(
            {
                "employees": n,
                "skills_each": args.skills_each,
                "results": [
                    {"work": name, "seconds": t, "reference_seconds": ref, "target_s": target}
                    for name, t, ref, target in rows
                ],
            },
            indent=2,
        )
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
