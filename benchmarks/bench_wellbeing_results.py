"""Survey results benchmark (issue 16): 45,000 invitations, 35,000 answers × 60 questions, the
whole unit tree with disclosure control.

One run, in one process, on a fresh database (seed 2030):

1. **Seed** (not timed): a municipality of 8 forvaltninger × 8 områder × 40 units (2,633
   units); 45,000 people invited, spread unevenly over the units (many small ones); a closed
   survey with the bands age (5 values) and job family (4 values) and 60 questions in 15
   dimensions — 56 on a 1–5 scale (every fifth reverse) and 4 on offensive behaviour (single
   choice, the higher threshold); 35,000 anonymous responses, each answering all 60
   (2,100,000 answers); the tallies kept at the close.
2. **Service path** (``wellbeing.services.results._compute``, what the cache keeps): the
   survey's units, questions and responses, the answers as three numbers each (the response's
   place, the question, the value — the join done by the database), then the NumPy engine:
   every unit rolled up the tree and every background split of the top levels, per question
   and dimension, through ``core.disclosure.protect`` at 5 and 20.
3. **Reference, same run**: a straightforward per-group Python loop — the same answers loaded by
   the same query, then for every unit its responses (its own and its sub-units'), their
   answers summed per question, a group shown when it has at least 5 (20) answers — only the
   minimum, no difference rule. Both must give the same score wherever both show one.
4. **With skipped questions**: 2 % of the answers deleted at random, so every question is
   decided on its own count too (a release per question), timed again.

Target: the service path ≤ 3 s (issue 16).

Usage::

    python benchmarks/bench_wellbeing_results.py [--invited 45000] [--responses 35000]
    python benchmarks/bench_wellbeing_results.py --database-url postgres://postgres@127.0.0.1:5432/bench_wellbeing
    python benchmarks/bench_wellbeing_results.py --sqlite-path /tmp/w.sqlite3   # keep/reuse it
    python benchmarks/bench_wellbeing_results.py --database-url … --reuse [--profile]
    ./dev bench wellbeing_results   # CHARLIE_BENCH_DATABASE_URL + "_wellbeing" when set

Without ``--database-url`` it runs on SQLite in a temporary file. A PostgreSQL database must be
on loopback and its name contain "bench": it is dropped and made anew.

Results: a Markdown table on stdout and in ``benchmarks/results/wellbeing-results-latest.md``
(git-ignored).
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
RESULTS_DIR = ROOT / "benchmarks" / "results"
SEED = 2030
TARGET_S = 3.0
N_QUESTIONS = 60
N_SENSITIVE = 4
AGES = ["under-30", "30-39", "40-49", "50-59", "60+"]
FAMILIES = ["sosu", "paedagog", "laerer", "administration"]


def _prepare_postgres(url: str) -> None:
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


def _setup(url: str) -> None:
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

    call_command("migrate", verbosity=0)


def seed(n_invited: int, n_responses: int) -> tuple[int, float]:
    """The survey's id and the seconds seeding took."""
    from django.db import connection
    from django.utils import timezone

    from charlie.people.models import OrgUnit, OrgUnitKind, Person
    from charlie.people.services import create_org_unit
    from charlie.wellbeing.models import (
        Answer,
        Dimension,
        Invitation,
        Question,
        QuestionKind,
        Questionnaire,
        QuestionnaireVersion,
        Response,
        Survey,
        SurveyStatus,
        UnitTally,
    )

    started = time.perf_counter()
    rng = random.Random(SEED)
    start = dt.date(2000, 1, 1)
    top = create_org_unit(
        name="Benchkommune", kind=OrgUnitKind.MUNICIPALITY, parent=None, valid_from=start
    )
    leaves: list[OrgUnit] = []
    for f in range(8):
        forv = create_org_unit(
            name=f"Forvaltning {f}", kind=OrgUnitKind.ADMINISTRATION, parent=top, valid_from=start
        )
        for o in range(8):
            area = create_org_unit(
                name=f"Område {f}.{o}", kind=OrgUnitKind.AREA, parent=forv, valid_from=start
            )
            leaves += [
                create_org_unit(
                    name=f"Enhed {f}.{o}.{u}",
                    kind=OrgUnitKind.DEPARTMENT,
                    parent=area,
                    valid_from=start,
                )
                for u in range(40)
            ]
    # Uneven sizes: a few large units, many small ones (a Pareto weight per unit).
    weights = [rng.paretovariate(1.2) + 0.2 for _ in leaves]
    unit_of = rng.choices(range(len(leaves)), weights=weights, k=n_invited)
    Person.objects.bulk_create(
        (
            Person(
                pk=p,
                employee_number=f"W{p:07d}",
                first_name="Bench",
                last_name=f"Person {p}",
                birth_date=dt.date(1960 + p % 40, 1 + p % 12, 1),
                gender="F",
            )
            for p in range(1, n_invited + 1)
        ),
        batch_size=5000,
    )
    questionnaire = Questionnaire.objects.create(code="bench", name="Bench", kind="wellbeing")
    version = QuestionnaireVersion.objects.create(questionnaire=questionnaire, number=1)
    scale = [{"value": v, "label": str(v), "label_en": str(v)} for v in range(1, 6)]
    dims = [
        Dimension.objects.create(version=version, code=f"d{d}", name=f"Dimension {d}", order=d)
        for d in range(14)
    ]
    offensive = Dimension.objects.create(
        version=version, code="kraenkende", name="Krænkende adfærd", order=14, sensitive=True
    )
    questions = [
        Question.objects.create(
            version=version,
            dimension=dims[q // 4],
            code=f"q{q}",
            text=f"Spørgsmål {q}",
            kind=QuestionKind.LIKERT,
            options=scale,
            reverse=q % 5 == 0,
            order=q,
        )
        for q in range(N_QUESTIONS - N_SENSITIVE)
    ] + [
        Question.objects.create(
            version=version,
            dimension=offensive,
            code=f"s{q}",
            text=f"Krænkelse {q}",
            kind=QuestionKind.SINGLE,
            options=scale,
            order=100 + q,
        )
        for q in range(N_SENSITIVE)
    ]
    survey = Survey.objects.create(
        name="Bench",
        kind="wellbeing",
        version=version,
        bands=["age", "job_family"],
        opens_on=dt.date(2027, 3, 1),
        closes_on=dt.date(2027, 3, 21),
        status=SurveyStatus.CLOSED,
        launched_at=timezone.now(),
        closed_at=timezone.now(),
    )
    survey.units.set([top])
    bands_of = [
        {"age": rng.choice(AGES), "job_family": rng.choice(FAMILIES)} for _ in range(n_invited)
    ]
    answered = set(rng.sample(range(n_invited), n_responses))
    Invitation.objects.bulk_create(
        (
            Invitation(
                survey=survey,
                person_id=p + 1,
                unit=leaves[unit_of[p]],
                band_values=bands_of[p],
                answered=None,
            )
            for p in range(n_invited)
        ),
        batch_size=5000,
    )
    tallies: dict[int, list[int]] = {}
    for p in range(n_invited):
        tally = tallies.setdefault(leaves[unit_of[p]].pk, [0, 0])
        tally[0] += 1
        tally[1] += p in answered
    UnitTally.objects.bulk_create(
        UnitTally(survey=survey, unit_id=u, invited=i, answered=a) for u, (i, a) in tallies.items()
    )
    people = sorted(answered)
    rng.shuffle(people)  # no order of answering
    responses = [
        Response(id=uuid.uuid4(), survey=survey, unit=leaves[unit_of[p]], band_values=bands_of[p])
        for p in people
    ]
    Response.objects.bulk_create(responses, batch_size=5000)
    batch: list[Answer] = []
    for response in responses:
        mood = rng.random()
        for q in questions:
            if q.kind == QuestionKind.SINGLE:
                value = 1 if rng.random() > 0.08 else rng.randint(2, 5)
            else:
                value = min(5, max(1, round(1 + 4 * mood + rng.gauss(0, 1))))
            batch.append(Answer(id=uuid.uuid4(), response=response, question=q, value=value))
        if len(batch) >= 30000:
            Answer.objects.bulk_create(batch, batch_size=10000)
            batch = []
    Answer.objects.bulk_create(batch, batch_size=10000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return survey.pk, time.perf_counter() - started


def reference(survey_id: int, min_group: int, min_sensitive: int) -> dict[tuple[int, str], float]:
    """The per-group Python loop (see the module docstring): score per (unit id, question code)
    where at least the minimum answered."""
    from charlie.wellbeing.models import Question, Survey
    from charlie.wellbeing.services import results as service

    survey = Survey.objects.get(pk=survey_id)
    responses, rows = service._answers(survey_id)
    units = service._unit_tree(survey, {u for u, _b in responses})
    questions = {
        q.pk: q
        for q in Question.objects.filter(version_id=survey.version_id).select_related("dimension")
    }
    by_response: list[list[tuple[int, float]]] = [[] for _ in responses]
    for n, qid, value in rows.tolist():
        by_response[int(n)].append((int(qid), value))
    children: dict[int, list[int]] = {}
    for u in units:
        children.setdefault(u.parent, []).append(u.index)
    own: dict[int, list[int]] = {}
    index_of = {u.id: u.index for u in units}
    for r, (unit_id, _bands) in enumerate(responses):
        own.setdefault(index_of[unit_id], []).append(r)

    def members(i: int) -> list[int]:
        out = list(own.get(i, []))
        for child in children.get(i, []):
            out += members(child)
        return out

    out: dict[tuple[int, str], float] = {}
    for unit in units:
        sums: dict[int, float] = {}
        counts: dict[int, int] = {}
        for r in members(unit.index):
            for qid, value in by_response[r]:
                q = questions[qid]
                if q.kind != "likert":
                    continue
                turned = 6 - value if q.reverse else value
                sums[qid] = sums.get(qid, 0.0) + (turned - 1) * 25
                counts[qid] = counts.get(qid, 0) + 1
        for qid, total in sums.items():
            q = questions[qid]
            floor = (
                min_sensitive
                if q.sensitive or (q.dimension and q.dimension.sensitive)
                else min_group
            )
            if counts[qid] >= floor:
                out[(unit.id, q.code)] = total / counts[qid]
    return out


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    times = []
    result = None
    for _ in range(repeat):
        begun = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - begun)
    return statistics.median(times), result


def compare(ours: Any, ref: dict[tuple[int, str], float]) -> tuple[bool, int, int]:
    """Ours shows a subset of what the loop shows (the difference rule hides more), with the
    same scores: (agree, shown by us, shown by the loop)."""
    res = ours.results
    shown = 0
    agree = True
    for unit in ours.units:
        group = res.unit_group(unit.index)
        for q in ours.questions:
            if q.kind != "likert":
                continue
            score = res.question(q.index, group).score
            if score is None:
                continue
            shown += 1
            expected = ref.get((unit.id, q.code))
            if expected is None or abs(expected - score) > 1e-6:
                agree = False
    return agree, shown, len(ref)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--invited", type=int, default=45_000)
    parser.add_argument("--responses", type=int, default=35_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument(
        "--database-url",
        default=(
            os.environ["CHARLIE_BENCH_DATABASE_URL"] + "_wellbeing"
            if os.environ.get("CHARLIE_BENCH_DATABASE_URL")
            else ""
        ),
        help="PostgreSQL on loopback (default: SQLite in a temporary file).",
    )
    parser.add_argument(
        "--sqlite-path",
        default="",
        help="Keep the SQLite database here; an existing one is used as it is (no seeding).",
    )
    parser.add_argument(
        "--reuse", action="store_true", help="PostgreSQL: use the database as it is (seeded)."
    )
    parser.add_argument("--profile", action="store_true", help="cProfile the service path.")
    parser.add_argument(
        "--profile-skips", action="store_true", help="cProfile it with 2 % of answers skipped."
    )
    args = parser.parse_args(argv)
    tmp = tempfile.TemporaryDirectory()
    reuse = (bool(args.sqlite_path) and Path(args.sqlite_path).exists()) or args.reuse
    if args.database_url:
        if not args.reuse:
            _prepare_postgres(args.database_url)
        url, engine_name = args.database_url, "PostgreSQL"
    else:
        path = args.sqlite_path or f"{tmp.name}/bench.sqlite3"
        url, engine_name = f"sqlite:///{path}", "SQLite"
    _setup(url)
    if reuse:
        from charlie.wellbeing.models import Answer, Survey

        survey_id, seeded = Survey.objects.get(name="Bench").pk, 0.0
        if Answer.objects.count() < args.responses * N_QUESTIONS:
            raise SystemExit("The kept database has had answers removed: seed it anew.")
    else:
        survey_id, seeded = seed(args.invited, args.responses)

    from charlie.wellbeing.models import Answer, Survey
    from charlie.wellbeing.services import results as service

    survey = Survey.objects.get(pk=survey_id)
    min_group, min_sensitive = service.thresholds(survey)
    if args.profile_skips:
        from django.db import transaction

        transaction.set_autocommit(False)  # rolled back when the process ends
        Answer.objects.filter(id__lt=uuid.UUID(int=(2**128) // 50)).delete()
    if args.profile or args.profile_skips:
        import cProfile
        import pstats

        with cProfile.Profile() as prof:
            service._compute(survey)
        pstats.Stats(prof).sort_stats("cumulative").print_stats(30)
        return 0
    t_service, ours = timed(lambda: service._compute(survey), args.repeat)
    t_load, _loaded = timed(
        lambda: service._answers(survey_id, small_options=True), args.repeat
    )  # every option of the seeded questions is 1–5
    t_ref, ref = timed(lambda: reference(survey_id, min_group, min_sensitive), 1)
    agree, shown, ref_shown = compare(ours, ref)
    res = ours.results
    hidden_units = int(sum(res.responses_of(res.unit_group(u.index)) is None for u in ours.units))
    # Skipped questions: 2 % of the answers go (the smallest 2 % of the random keys).
    from django.db import transaction

    cut = uuid.UUID(int=(2**128) // 50)
    with transaction.atomic():
        removed, _ = Answer.objects.filter(id__lt=cut).delete()
        t_skips, skipped = timed(lambda: service._compute(survey), args.repeat)
        transaction.set_rollback(True)  # a kept database stays whole
    answers = args.responses * N_QUESTIONS
    lines = [
        f"Survey results, {args.invited:,} invited, {args.responses:,} responses × "
        f"{N_QUESTIONS} questions = {answers:,} answers, {len(ours.units):,} units, "
        f"{engine_name}, median of {args.repeat}",
        "",
        "| Work | Time | Per-group Python loop | Ratio | Target |",
        "| --- | ---: | ---: | ---: | --- |",
        f"| service path (load + engine, the whole tree, suppression at 5 and 20) | "
        f"{t_service * 1000:,.0f} ms | {t_ref * 1000:,.0f} ms | {t_ref / t_service:,.1f}× | "
        f"≤ {TARGET_S:g} s {'met' if t_service <= TARGET_S else 'MISSED'} |",
        f"| of which loading the answers (one query) | {t_load * 1000:,.0f} ms | – | – | – |",
        f"| with 2 % of answers skipped ({removed:,} fewer; {skipped.results.own_releases} "
        f"questions decided on their own count) | {t_skips * 1000:,.0f} ms | – | – | "
        f"{'met' if t_skips <= TARGET_S else 'over'} |",
        "",
        f"Units hidden (responses): {hidden_units:,} of {len(ours.units):,}; scale scores shown: "
        f"{shown:,} (the plain minimum of the loop shows {ref_shown:,}); the same score wherever "
        f"both show one: {'yes' if agree else 'NO'}. Background splits of the top "
        f"{res.band_depth} level(s). Seeding took {seeded:,.0f} s (not timed).",
    ]
    table = "\n".join(lines)
    print(table)
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    (RESULTS_DIR / "wellbeing-results-latest.md").write_text(table + "\n")
    tmp.cleanup()
    return 0 if agree and t_service <= TARGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
