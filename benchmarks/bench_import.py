"""Import benchmark: ``charlie import`` of 45,000 people and millions of absence periods.

In one run, on SQLite (a fresh database file per measurement, each in its own process so that
each peak memory is its own):

1. **Generate** (NumPy, seeded) in a temporary directory: ``enheder.csv`` (org units),
   ``medarbejdere.csv`` (people with employments, one row per employment; about 10 % have two)
   and one ``fravaer.csv`` per absence size (default 1,000,000 and 3,000,000 rows; unique keys,
   Danish dates ``dd-mm-åååå``, semicolons, decimal commas) — the format of
   docs/import-format.md.
2. **Import** them into an empty, migrated database with the real engine
   (``charlie.imports.services.run_import``: pass 1 checks everything, pass 2 writes in one
   transaction, audit log included): seconds and peak resident memory (``ru_maxrss``), and the
   memory after migrating, before the import (the baseline).
3. **Reference, same run**: a plain bulk load of the same rows into another empty database —
   the ``csv`` module and ``executemany`` inserts, no checks, no lookups of existing rows, no
   audit — seconds and peak memory.

Reported per absence size: rows, seconds for the import and for the plain load, their ratio,
and peak memory of both. The memory of the import should not grow with the file: compare the
two sizes. Target: the import of 45,000 people and 3,000,000 absence periods in under 2 minutes.

Usage::

    python -m benchmarks.bench_import                          # 45,000 people; 1 M and 3 M
    python -m benchmarks.bench_import --people 2000 --absences 50000,100000   # a quick check
    ./dev bench import

Results: a Markdown table on stdout and in ``benchmarks/results/import-latest.md``, the figures
as JSON in ``benchmarks/results/import-latest.json`` and ``import-<time>.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
SEED = 2030
TARGET_S = 120.0
FIRST_DAY = date(2016, 1, 1)
DAYS = 3653  # ten years of absence history

ABSENCE_TYPES = (
    ("sygdom", 0.55),
    ("delvis sygdom", 0.05),
    ("barns sygdom", 0.10),
    ("omsorgsdag", 0.08),
    ("ferie", 0.15),
    ("kursus", 0.07),
)
TITLES = (
    ("Social- og sundhedsassistent", "sosu"),
    ("Pædagog", "paedagog"),
    ("Lærer", "laerer"),
    ("Administrativ medarbejder", "administration"),
    ("Sygeplejerske", "sygeplejerske"),
    ("Pædagogmedhjælper", "paedagogmedhjaelper"),
)


# --------------------------------------------------------------------------------------------
# Generating the files
# --------------------------------------------------------------------------------------------


def _danish(days: Any) -> Any:
    """Day offsets from FIRST_DAY → ``dd-mm-åååå`` strings (a lookup table per distinct day)."""
    import numpy as np

    lo, hi = int(days.min()), int(days.max())
    table = np.array(
        [
            (lambda d: f"{d.day:02d}-{d.month:02d}-{d.year}")(
                date.fromordinal(FIRST_DAY.toordinal() + k)
            )
            for k in range(lo, hi + 1)
        ],
        dtype=object,
    )
    return table[days - lo]


def generate(folder: Path, people: int, absence_sizes: list[int]) -> dict[str, Path]:
    import numpy as np

    from charlie.core.csv_writer import CsvWriter  # the one CSV writer (no Django)

    rng = np.random.default_rng(SEED)
    files: dict[str, Path] = {}
    # Units: a kommune, 6 forvaltninger, 30 områder, and one department per 150 people.
    n_dept = max(1, people // 150)
    units = folder / "enheder.csv"
    with units.open("w", encoding="utf-8", newline="") as f:
        writer = CsvWriter(f, line_end="\n")
        writer.writerow(["enhedskode", "navn", "overordnet_enhedskode", "oprettet"])
        writer.writerow(["K", "Benchmark Kommune", "", "01-01-2007"])
        writer.writerows([f"F{i}", f"Forvaltning {i}", "K", "01-01-2007"] for i in range(6))
        writer.writerows([f"O{i}", f"Område {i}", f"F{i % 6}", "01-01-2007"] for i in range(30))
        writer.writerows(
            [f"A{i}", f"Afdeling {i}", f"O{i % 30}", "01-01-2007"] for i in range(n_dept)
        )
    files["units"] = units

    # People: birth 1960–2003, start 2005–2024; 10 % had an earlier, ended employment. Nobody
    # starts before turning 18 (also at the earlier employment, 1,500 days before): the import
    # refuses an employment that starts before the birth date.
    birth = rng.integers(0, 44 * 365, people)
    birth_day = birth - (FIRST_DAY - date(1960, 1, 1)).days
    born = _danish(birth_day)
    start = np.maximum(rng.integers(-11 * 365, 9 * 365, people), birth_day + 18 * 365 + 1500)
    dept = rng.integers(0, n_dept, people)
    title = rng.integers(0, len(TITLES), people)
    hours = rng.choice(["37", "32", "30", "28,5", "37,0"], people)
    gender = rng.choice(["K", "M"], people, p=[0.75, 0.25])
    second = rng.random(people) < 0.10
    starts = _danish(start)
    prior_start = _danish(start - 1500)
    prior_end = _danish(start - 1)
    people_file = folder / "medarbejdere.csv"
    rows = 0
    with people_file.open("w", encoding="utf-8", newline="") as f:
        writer = CsvWriter(f, line_end="\n")
        writer.writerow(
            [
                "medarbejdernummer", "fornavn", "efternavn", "foedselsdato", "koen", "enhedskode",
                "stillingsbetegnelse", "stillingskategori", "ugentlige_timer", "startdato",
                "slutdato", "fratraedelsesaarsag",
            ]
        )  # fmt: skip
        for i in range(people):
            name, family = TITLES[title[i]]
            person = [f"{100000 + i}", f"Fornavn{i}", f"Efternavn{i % 997}", born[i], gender[i]]
            if second[i]:
                writer.writerow(
                    [
                        *person, f"A{(dept[i] + 1) % n_dept}", name, family, "37",
                        prior_start[i], prior_end[i], "transfer",
                    ]
                )  # fmt: skip
                rows += 1
            writer.writerow([*person, f"A{dept[i]}", name, family, hours[i], starts[i], "", ""])
            rows += 1
    files["people"] = people_file
    files["employment_rows"] = rows  # type: ignore[assignment]

    # Absence: unique (person, type, start) keys, durations 0–14 days.
    weights = np.array([w for _, w in ABSENCE_TYPES])
    for n in absence_sizes:
        extra = int(n * 1.02) + 100
        person = rng.integers(0, people, extra)
        kind = rng.choice(len(ABSENCE_TYPES), extra, p=weights / weights.sum())
        first = rng.integers(0, DAYS, extra)
        key = (person.astype(np.int64) * 16 + kind) * 4096 + first
        _, index = np.unique(key, return_index=True)
        index = np.sort(rng.permutation(index)[:n])
        if len(index) < n:
            raise SystemExit("Too few unique absence keys; use fewer rows or more people.")
        person, kind, first = person[index], kind[index], first[index]
        length = rng.integers(0, 15, n)
        first_s, last_s = _danish(first), _danish(first + length)
        names = np.array([t for t, _ in ABSENCE_TYPES], dtype=object)[kind]
        path = folder / f"fravaer-{n}.csv"
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = CsvWriter(f, line_end="\n")
            writer.writerow(
                ["medarbejdernummer", "fravaerstype", "startdato", "slutdato", "timer_pr_dag"]
            )
            for lo in range(0, n, 200_000):
                hi = min(n, lo + 200_000)
                writer.writerows(
                    (100000 + p, t, s, e, "3,5" if t == "delvis sygdom" else "")
                    for p, t, s, e in zip(
                        person[lo:hi].tolist(),
                        names[lo:hi].tolist(),
                        first_s[lo:hi].tolist(),
                        last_s[lo:hi].tolist(),
                        strict=True,
                    )
                )
        files[f"absence-{n}"] = path
    return files


# --------------------------------------------------------------------------------------------
# Workers: one measurement in one process
# --------------------------------------------------------------------------------------------


def _rss_mib() -> float:
    """Peak resident memory of this process so far (``VmHWM``; unlike ``ru_maxrss`` it starts
    afresh at ``exec``, so the parent's generated arrays do not count)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    import resource  # not Linux: the nearest thing

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _migrate() -> float:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    return _rss_mib()


def worker_import(paths: list[Path], out: Path) -> None:
    baseline = _migrate()
    from charlie.core.roles import Role
    from charlie.imports import services
    from charlie.people.services import operator_access

    lines: list[str] = []
    started = time.perf_counter()
    result = services.run_import(
        operator_access(Role.HR),
        sources=services.sources_for(paths),
        detail="bench_import",
        progress=lambda line: lines.append(f"{time.perf_counter() - started:7.1f} s  {line}"),
    )
    seconds = time.perf_counter() - started
    if not result.ok:
        raise SystemExit(f"Import found problems: {result.problems[:5]}")
    summary = result.summary
    out.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "peak_rss_mib": _rss_mib(),
                "baseline_rss_mib": baseline,
                "summary": summary.to_json(),
                "progress_tail": lines[-6:],
            },
            indent=2,
        )
    )


def _iso(text: str) -> str | None:
    return f"{text[6:10]}-{text[3:5]}-{text[0:2]}" if text else None


def worker_plain(paths: list[Path], out: Path) -> None:
    """The reference: csv + executemany, no checks, no lookups, no audit, one transaction."""
    baseline = _migrate()
    from django.db import connection, transaction

    started = time.perf_counter()
    units_path, people_path, absence_path = paths
    with transaction.atomic(), connection.cursor() as cursor:
        # The same page cache as the import, and the absence indexes built once at the end
        # (as the import does into an empty table): only the checks and lookups differ.
        cursor.execute("PRAGMA cache_size = -131072")
        cursor.execute(
            "SELECT name, sql FROM sqlite_master "
            "WHERE type = 'index' AND tbl_name = 'absence_absenceperiod' AND sql IS NOT NULL"
        )
        absence_indexes = cursor.fetchall()
        for name, _sql in absence_indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        unit_ids: dict[str, int] = {}
        with units_path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter=";")
            next(reader)
            rows = []
            for i, (code, name, parent, valid_from) in enumerate(reader, start=1):
                unit_ids[code] = i
                rows.append(
                    (i, code, name, "", "afdeling", unit_ids.get(parent), f"/{i}/", 0, "",
                     _iso(valid_from))
                )  # fmt: skip
        cursor.executemany(
            "INSERT INTO people_orgunit (id, code, name, short_name, kind, parent_id, path, "
            "depth, cost_center, valid_from) VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            rows,
        )
        families = dict(cursor.execute("SELECT code, id FROM people_jobfamily").fetchall())
        person_ids: dict[str, int] = {}
        with people_path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter=";")
            next(reader)
            people, jobs = [], []
            for r in reader:
                number = r[0]
                if number not in person_ids:
                    person_ids[number] = len(person_ids) + 1
                    people.append(
                        (person_ids[number], number, r[1], r[2], _iso(r[3]), r[4], "", "", "")
                    )
                jobs.append(
                    (person_ids[number], unit_ids[r[5]], r[6], families[r[7]], "",
                     r[8].replace(",", "."), _iso(r[9]), _iso(r[10]), r[11], "")
                )  # fmt: skip
        cursor.executemany(
            "INSERT INTO people_person (id, employee_number, first_name, last_name, "
            "birth_date, gender, email, phone, person_key) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
            people,
        )
        cursor.executemany(
            "INSERT INTO people_employment (person_id, org_unit_id, job_title, job_family_id, "
            "agreement, weekly_hours, start_date, end_date, end_reason, source_id) "
            "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s)",
            jobs,
        )
        types = {"sygdom": "sickness", "delvis sygdom": "partial_sickness",
                 "barns sygdom": "child_sick", "omsorgsdag": "care_day", "ferie": "holiday",
                 "kursus": "course"}  # fmt: skip
        n = 0
        with absence_path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f, delimiter=";")
            next(reader)
            batch = []
            for number, kind, first, last, hours in reader:
                batch.append(
                    (person_ids[number], types[kind], _iso(first), _iso(last),
                     hours.replace(",", ".") or None)
                )  # fmt: skip
                if len(batch) >= 5000:
                    cursor.executemany(
                        "INSERT INTO absence_absenceperiod (person_id, absence_type, "
                        "start_date, end_date, hours_per_day) VALUES (%s, %s, %s, %s, %s)",
                        batch,
                    )
                    n += len(batch)
                    batch = []
            cursor.executemany(
                "INSERT INTO absence_absenceperiod (person_id, absence_type, start_date, "
                "end_date, hours_per_day) VALUES (%s, %s, %s, %s, %s)",
                batch,
            )
            n += len(batch)
        for _name, sql in absence_indexes:
            cursor.execute(sql)
    seconds = time.perf_counter() - started
    out.write_text(
        json.dumps(
            {
                "seconds": seconds,
                "peak_rss_mib": _rss_mib(),
                "baseline_rss_mib": baseline,
                "rows": {
                    "units": len(rows),
                    "people": len(people),
                    "employments": len(jobs),
                    "absences": n,
                },
            },
            indent=2,
        )
    )


# --------------------------------------------------------------------------------------------
# Parent
# --------------------------------------------------------------------------------------------


def _run(kind: str, paths: list[Path], workdir: Path, name: str, timeout: float) -> dict[str, Any]:
    out = workdir / f"{name}.json"
    var = workdir / f"var-{name}"
    var.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "charlie.settings",
        "DATABASE_URL": f"sqlite:///{var / 'bench.sqlite3'}",
        "CHARLIE_DEMO": "1",
        "DEBUG": "0",
        "CHARLIE_VAR_DIR": str(var),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, str(Path(__file__).resolve()), f"--{kind}", str(out)]
    command += [str(p) for p in paths]
    try:
        proc = subprocess.run(
            command, env=env, cwd=ROOT, timeout=timeout, capture_output=True, text=True
        )
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    finally:
        for leftover in var.glob("bench.sqlite3*"):
            leftover.unlink()
    if proc.returncode != 0 or not out.exists():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        return {"error": " | ".join(tail) or f"exit {proc.returncode}"}
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def _fmt(n: float) -> str:
    return f"{n:,.0f}"


def markdown(people: int, employments: int, rows: list[dict[str, Any]]) -> str:
    lines = [
        f"People: {_fmt(people)}, employment rows: {_fmt(employments)}.",
        "",
        "| Absence rows | Import s | Plain bulk load s | Import ÷ plain | Target < 120 s "
        "| Import peak RSS MiB | Import baseline MiB | Import growth MiB | Plain peak RSS MiB |",
        "|---:|---:|---:|---:|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        imp, plain = r["import"], r["plain"]
        if "error" in imp or "error" in plain:
            lines.append(
                f"| {_fmt(r['absences'])} | error: {imp.get('error', '')} "
                f"{plain.get('error', '')} |"
            )
            continue
        verdict = "✓" if imp["seconds"] < TARGET_S else "✗"
        lines.append(
            f"| {_fmt(r['absences'])} | {imp['seconds']:.1f} | {plain['seconds']:.1f} "
            f"| {imp['seconds'] / plain['seconds']:.1f}× | {verdict} "
            f"| {imp['peak_rss_mib']:.0f} | {imp['baseline_rss_mib']:.0f} "
            f"| {imp['peak_rss_mib'] - imp['baseline_rss_mib']:.0f} "
            f"| {plain['peak_rss_mib']:.0f} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--people", type=int, default=45_000)
    parser.add_argument("--absences", default="1000000,3000000", help="comma-separated sizes")
    parser.add_argument("--timeout", type=float, default=900.0)
    parser.add_argument("--keep", action="store_true", help="keep the generated files")
    parser.add_argument("--import", dest="worker_import", metavar="OUT", help=argparse.SUPPRESS)
    parser.add_argument("--plain", dest="worker_plain", metavar="OUT", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)
    if args.worker_import:
        worker_import([Path(p) for p in rest], Path(args.worker_import))
        return 0
    if args.worker_plain:
        worker_plain([Path(p) for p in rest], Path(args.worker_plain))
        return 0

    sizes = [int(s) for s in args.absences.split(",") if s]
    workdir = Path(tempfile.mkdtemp(prefix="charlie-bench-import-"))
    print(f"Generating {args.people:,} people and {sizes} absence rows in {workdir} …")
    started = time.perf_counter()
    files = generate(workdir, args.people, sizes)
    print(f"  generated in {time.perf_counter() - started:.1f} s")
    results = []
    for n in sizes:
        paths = [files["units"], files["people"], files[f"absence-{n}"]]
        print(f"Absence rows {n:,}: import …", flush=True)
        imp = _run("import", paths, workdir, f"import-{n}", args.timeout)
        print(f"  {imp.get('seconds', imp.get('error'))}; plain bulk load …", flush=True)
        plain = _run("plain", paths, workdir, f"plain-{n}", args.timeout)
        print(f"  {plain.get('seconds', plain.get('error'))}", flush=True)
        results.append({"absences": n, "import": imp, "plain": plain})
    table = markdown(args.people, int(files["employment_rows"]), results)  # type: ignore[call-overload]
    print()
    print(table)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    payload = {
        "when": stamp,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "people": args.people,
        "results": results,
    }
    for name in ("import-latest.json", f"import-{stamp}.json"):
        (RESULTS_DIR / name).write_text(json.dumps(payload, indent=2))
    (RESULTS_DIR / "import-latest.md").write_text(table + "\n")
    if not args.keep:
        for path in workdir.glob("*"):
            if path.is_file():
                path.unlink()
    failed = any("error" in r["import"] or "error" in r["plain"] for r in results)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
