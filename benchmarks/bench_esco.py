"""ESCO import benchmark: ``charlie skills import-esco`` of an ESCO-size package (issue 13).

In one run:

1. **Generate** (seeded) in a temporary directory an ESCO package in the official CSV format
   (``occupations_da.csv``, ``skills_da.csv``, ``occupationSkillRelations_da.csv``, with the
   columns of ESCO's own download, extra columns included, quoted labels over two lines, about
   150-character descriptions): 3,000 occupations, 14,000 skills and 130,000 relations by
   default — the size of ESCO v1.2.
2. **Import** it into an empty, migrated SQLite database with the real service
   (``services.taxonomy.import_esco``: the whole package read and checked first, then written in
   one transaction with ``bulk_create`` in batches and uri → id maps): seconds; then the **same
   package again** (nothing changes: the idempotent path, every row compared).
3. **Reference, same run**: the straightforward way — ``get_or_create`` row by row (each
   relation looking up its occupation and skill by URI), in one transaction — on a 1/10 sample
   (every tenth occupation and skill, and the relations between them), its time scaled by the
   sample's share of rows.
4. With ``--database-url postgres://…`` the import and the re-import also run on PostgreSQL
   (the ESCO tables of that database are emptied first; never point it at a production
   database).

Target: the import in ≤ 60 s. Each measurement runs in its own process.

Usage::

    python benchmarks/bench_esco.py                    # ESCO size, SQLite
    python benchmarks/bench_esco.py --occupations 300 --skills 1400 --relations 13000
    python benchmarks/bench_esco.py --database-url postgres://postgres@127.0.0.1:5432/bench_esco
    ./dev bench esco

Results: a Markdown table on stdout and in ``benchmarks/results/esco-latest.md``, the figures
as JSON in ``benchmarks/results/esco-latest.json`` (git-ignored).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
SEED = 2030
TARGET_S = 60.0
ESCO = "http://data.europa.eu/esco"

OCC_HEADER = [
    "conceptType", "conceptUri", "iscoGroup", "preferredLabel", "altLabels", "hiddenLabels",
    "status", "modifiedDate", "regulatedProfessionNote", "scopeNote", "definition", "inScheme",
    "description", "code",
]  # fmt: skip
SKILL_HEADER = [
    "conceptType", "conceptUri", "skillType", "reuseLevel", "preferredLabel", "altLabels",
    "hiddenLabels", "status", "modifiedDate", "scopeNote", "definition", "inScheme",
    "description",
]  # fmt: skip
REL_HEADER = [
    "occupationUri", "occupationLabel", "relationType", "skillType", "skillUri", "skillLabel",
]  # fmt: skip
WORDS = [
    "pleje", "omsorg", "borger", "dokumentation", "medicin", "forflytning", "rehabilitering",
    "demens", "digital", "sikkerhed", "kommunikation", "samarbejde", "vejledning",
    "planlægning", "kvalitet", "sundhed", "hygiejne", "ernæring", "træning", "journal",
    "velfærdsteknologi", "administration", "økonomi", "ledelse", "undervisning",
]  # fmt: skip
REUSE = ["sector-specific", "occupation-specific", "cross-sector", "transversal"]


def _text(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def occ_uri(i: int) -> str:
    return f"{ESCO}/occupation/{i:08x}-0000-4000-8000-{i:012x}"


def skill_uri(i: int) -> str:
    return f"{ESCO}/skill/{i:08x}-1111-4000-8000-{i:012x}"


def generate(folder: Path, occupations: int, skills: int, relations: int) -> None:
    rng = random.Random(SEED)
    with (folder / "occupations_da.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(OCC_HEADER)
        for i in range(occupations):
            label = f"{_text(rng, 3)} {i}"
            w.writerow(
                ["Occupation", occ_uri(i), f"{rng.randint(1000, 9629)}", label,
                 f"{label} (alternativ)\n{_text(rng, 2)}", "", "released",
                 "2024-01-01T00:00:00Z", "", "", "", f"{ESCO}/concept-scheme/occupations",
                 _text(rng, 20), f"{rng.randint(1000, 9629)}.{i}"]
            )  # fmt: skip
    with (folder / "skills_da.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(SKILL_HEADER)
        for i in range(skills):
            label = f"{_text(rng, 3)} {i}"
            if i % 50 == 0:
                label = f"{_text(rng, 2)}\n{i}"  # a quoted label over two lines
            w.writerow(
                ["KnowledgeSkillCompetence", skill_uri(i),
                 rng.choice(["skill/competence", "knowledge"]),
                 rng.choice(REUSE),
                 label, "", "", "released", "2024-01-01T00:00:00Z", "", "",
                 f"{ESCO}/concept-scheme/member-skills", _text(rng, 20)]
            )  # fmt: skip
    per = relations // occupations
    extra = relations - per * occupations
    with (folder / "occupationSkillRelations_da.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(REL_HEADER)
        for i in range(occupations):
            k = per + (1 if i < extra else 0)
            for s in rng.sample(range(skills), k):
                w.writerow(
                    [occ_uri(i), "", rng.choice(["essential", "optional"]), "", skill_uri(s), ""]
                )


def sample(source: Path, target: Path, every: int) -> dict[str, int]:
    """Every ``every``-th occupation with all its relations, and the skills those relations
    name plus every ``every``-th skill: about 1/``every`` of the occupations and relations."""
    target.mkdir()
    rel = "occupationSkillRelations_da.csv"
    keep_occ: set[str] = set()
    with (source / "occupations_da.csv").open(encoding="utf-8", newline="") as f:
        r = csv.reader(f)
        next(r)
        keep_occ = {row[1] for n, row in enumerate(r) if n % every == 0}
    keep_skill: set[str] = set()
    counts = {}
    with (
        (source / rel).open(encoding="utf-8", newline="") as f,
        (target / rel).open("w", encoding="utf-8", newline="") as g,
    ):
        r, w = csv.reader(f), csv.writer(g)
        w.writerow(next(r))
        n = 0
        for row in r:
            if row[0] in keep_occ:
                keep_skill.add(row[4])
                w.writerow(row)
                n += 1
    counts[rel] = n
    for name, keep, add_every in (
        ("occupations_da.csv", keep_occ, 0),
        ("skills_da.csv", keep_skill, every),
    ):
        with (
            (source / name).open(encoding="utf-8", newline="") as f,
            (target / name).open("w", encoding="utf-8", newline="") as g,
        ):
            r, w = csv.reader(f), csv.writer(g)
            w.writerow(next(r))
            kept = 0
            for n, row in enumerate(r):
                if row[1] in keep or (add_every and n % add_every == 0):
                    w.writerow(row)
                    kept += 1
        counts[name] = kept
    return counts


# --- Workers --------------------------------------------------------------------------------


def _setup() -> None:
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)
    from charlie.skills.models import Occupation, OccupationSkill, Skill

    OccupationSkill.objects.all().delete()
    Occupation.objects.all().delete()
    Skill.objects.filter(source="esco").delete()


def worker_import(folder: Path, out: Path) -> None:
    _setup()
    from charlie.core.roles import Role
    from charlie.people.services import operator_access
    from charlie.skills.services import taxonomy

    times = []
    counts = []
    for _run in range(2):  # the import, then the same package again
        started = time.perf_counter()
        result = taxonomy.import_esco(operator_access(Role.HR), folder)
        times.append(time.perf_counter() - started)
        if not result.ok:
            raise SystemExit(f"Problems: {[str(p) for p in result.problems[:5]]}")
        counts.append(result.counts)
    out.write_text(json.dumps({"seconds": times[0], "again_seconds": times[1], "counts": counts}))


def worker_reference(folder: Path, out: Path) -> None:
    """Row by row with get_or_create, in one transaction (no checks before writing)."""
    _setup()
    from django.db import transaction

    from charlie.skills.models import Occupation, OccupationSkill, Skill

    started = time.perf_counter()
    rows = 0
    with transaction.atomic():
        with (folder / "occupations_da.csv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                Occupation.objects.get_or_create(
                    uri=r["conceptUri"],
                    defaults={
                        "name": r["preferredLabel"],
                        "description": r["description"],
                        "code": r["code"],
                        "isco_group": r["iscoGroup"],
                    },
                )
                rows += 1
        with (folder / "skills_da.csv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                Skill.objects.get_or_create(
                    uri=r["conceptUri"],
                    defaults={
                        "source": "esco",
                        "name": r["preferredLabel"],
                        "description": r["description"],
                        "kind": r["skillType"],
                    },
                )
                rows += 1
        with (folder / "occupationSkillRelations_da.csv").open(encoding="utf-8", newline="") as f:
            for r in csv.DictReader(f):
                OccupationSkill.objects.get_or_create(
                    occupation=Occupation.objects.get(uri=r["occupationUri"]),
                    skill=Skill.objects.get(uri=r["skillUri"]),
                    defaults={"essential": r["relationType"] == "essential"},
                )
                rows += 1
    out.write_text(json.dumps({"seconds": time.perf_counter() - started, "rows": rows}))


# --- Parent ---------------------------------------------------------------------------------


def _run(kind: str, folder: Path, workdir: Path, name: str, db_url: str | None) -> dict[str, Any]:
    out = workdir / f"{name}.json"
    var = workdir / f"var-{name}"
    var.mkdir()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "charlie.settings",
        "DATABASE_URL": db_url or f"sqlite:///{var / 'bench.sqlite3'}",
        "CHARLIE_DEMO": "1",
        "DEBUG": "0",
        "CHARLIE_VAR_DIR": str(var),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [sys.executable, str(Path(__file__).resolve()), f"--{kind}", str(out), str(folder)]
    proc = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    for leftover in var.glob("bench.sqlite3*"):
        leftover.unlink()
    if proc.returncode != 0 or not out.exists():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        return {"error": " | ".join(tail) or f"exit {proc.returncode}"}
    result: dict[str, Any] = json.loads(out.read_text())
    return result


def markdown(sizes: dict[str, int], rows: list[dict[str, Any]]) -> str:
    lines = [
        f"Package: {sizes['occupations']:,} occupations, {sizes['skills']:,} skills, "
        f"{sizes['relations']:,} relations.",
        "",
        "| Database | Import s | Same package again s | Reference (row by row, scaled) s "
        "| Reference ÷ import | Target ≤ 60 s |",
        "|---|---:|---:|---:|---:|---|",
    ]
    for r in rows:
        imp, ref = r["import"], r.get("reference")
        if "error" in imp:
            lines.append(f"| {r['database']} | error: {imp['error']} | | | | |")
            continue
        ref_s = ref["scaled_seconds"] if ref and "error" not in ref else None
        lines.append(
            f"| {r['database']} | {imp['seconds']:.1f} | {imp['again_seconds']:.1f} "
            f"| {f'{ref_s:.1f}' if ref_s else '–'} "
            f"| {f'{ref_s / imp["seconds"]:.1f}×' if ref_s else '–'} "
            f"| {'✓' if imp['seconds'] <= TARGET_S else '✗'} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--occupations", type=int, default=3000)
    parser.add_argument("--skills", type=int, default=14000)
    parser.add_argument("--relations", type=int, default=130000)
    parser.add_argument("--sample", type=int, default=10, help="reference on 1/N of the rows")
    parser.add_argument("--database-url", default="", help="also on this PostgreSQL database")
    parser.add_argument("--import", dest="worker_import", metavar="OUT", help=argparse.SUPPRESS)
    parser.add_argument("--reference", dest="worker_ref", metavar="OUT", help=argparse.SUPPRESS)
    args, rest = parser.parse_known_args(argv)
    if args.worker_import:
        worker_import(Path(rest[0]), Path(args.worker_import))
        return 0
    if args.worker_ref:
        worker_reference(Path(rest[0]), Path(args.worker_ref))
        return 0

    workdir = Path(tempfile.mkdtemp(prefix="charlie-bench-esco-"))
    folder = workdir / "esco"
    folder.mkdir()
    print(f"Generating the ESCO package in {folder} …", flush=True)
    generate(folder, args.occupations, args.skills, args.relations)
    small = sample(folder, workdir / "sample", args.sample)
    total = args.occupations + args.skills + args.relations
    share = sum(small.values()) / total
    sizes = {"occupations": args.occupations, "skills": args.skills, "relations": args.relations}
    results = []
    targets = [("SQLite", None)]
    if args.database_url:
        targets.append(("PostgreSQL", args.database_url))
    for label, url in targets:
        print(f"{label}: import …", flush=True)
        imp = _run("import", folder, workdir, f"import-{label}", url)
        print(
            f"  {imp.get('seconds', imp.get('error'))}; reference on 1/{args.sample} …", flush=True
        )
        ref = _run("reference", workdir / "sample", workdir, f"ref-{label}", url)
        if "error" not in ref:
            ref["scaled_seconds"] = ref["seconds"] / share
            ref["sample_rows"] = small
        print(f"  {ref.get('scaled_seconds', ref.get('error'))}", flush=True)
        results.append({"database": label, "import": imp, "reference": ref})
    table = markdown(sizes, results)
    print()
    print(table)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    payload = {
        "when": stamp,
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "sizes": sizes,
        "results": results,
    }
    (RESULTS_DIR / "esco-latest.json").write_text(json.dumps(payload, indent=2))
    (RESULTS_DIR / "esco-latest.md").write_text(table + "\n")
    return 1 if any("error" in r["import"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
