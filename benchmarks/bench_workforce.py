"""Workforce projection benchmark: 1,000 Monte Carlo runs to 2040 at sizes S, L and XL.

For each size (current employees; default 1,800, 45,000 and 500,000 — DESIGN.md "Data"), in a
process of its own (so that each size's memory is its own), with no database: the demo
municipality from ``charlie.demo.generator.generate`` (seed 2030, reference date 2026-06-30, ten
years of history) goes through the same pure pipeline as ``workforce.services``:

1. **spells**: ``history.Spells`` from the generator's arrays, as ``services.data`` builds them
   from the database (job family; unit = the forvaltning, the depth-1 ancestor of the
   employment's unit; FTE = weekly hours ÷ 37; retirement = end reason "retirement"; pension
   year from the exact birth date, pensionsloven § 1 a, DOMAIN.md 3.1–3.2);
2. **fit**: the panel of the 6 complete years before the reference year and ``model.fit`` with
   the hires from outside in those years (``services.data.fitted_model``);
3. **plan**: today's staff as ``projection.Stock``/``Groups`` (one row per person, their largest
   current employment: job family × forvaltning, counted per birth year, ``services.plans``), and
   demand from ``scenario.multipliers`` with one growth rule, 1 % a year for all job families;
4. **projection**: ``projection.project(..., runs=1000)`` for 2027–2040. It runs its chunks of
   runs on threads (``os.cpu_count()`` of them, at most one per chunk of 125 runs); it is also
   timed on one thread.

Measured: generation (apart: not part of the projection), spells, fit + plan + projection and
the projection alone (median of ``--repeat`` repetitions below 100,000 employees, one above,
after one short untimed projection that pays the process's one-off start-up costs);
peak memory: Python's traced allocations (``tracemalloc``; NumPy reports its arrays to it) of
the fit and of the projection, and the process's peak resident memory during them (``VmHWM``,
reset through ``/proc/self/clear_refs`` just before).

**Reference, same process**: a straightforward per-person Python loop over the same model. For
each run it draws the rate tables from the same Beta posteriors (``sample(rng, 1)``), then for
each year and each person (a list of tuples) decides with ``random.random()`` whether they
leave and whether that is a retirement, and recruits ``max(0, demand − remaining)`` people per
group with ages drawn from the model's hire-age mix (each class at its middle age) — the rules
of ``projection._simulate``. A few runs are timed (20 at 1,800, 3 at 45,000, 1 at 500,000) and
scaled to 1,000; the ratio reference ÷ vectorised is printed. Its mean total exits per year are
compared with the vectorised projection's: the difference in units of its standard error (from
the spread of the 1,000 vectorised runs) must stay within ±4 in every year and in the sum over
the years, or the two are not the same model (exit status 1).

**Backtest** (``model.backtest``, as the model page shows it): fit on the years up to T − 3,
T = 2025, predict the exits of the people present on 1 January 2023 in 2023–2025; the weighted
absolute percentage error per job family × year and on the yearly totals, for the model and for
the naive baseline (T − 3's crude rates by job family and age band).

Targets (on the project's 2-core machine): fit + projection for 45,000 within 2 s and
for 500,000 within 20 s.

Usage::

    python -m benchmarks.bench_workforce                       # 1,800, 45,000 and 500,000
    python -m benchmarks.bench_workforce --sizes 1800,45000 --repeat 3
    ./dev bench workforce

Results: a Markdown table on stdout and in ``benchmarks/results/workforce-latest.md``, the
figures as JSON in ``workforce-latest.json`` and ``workforce-<time>.json`` (git-ignored). Exit
status 1 if a size failed or the reference disagrees; a missed target is reported, not an error.
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import os
import platform
import random
import resource
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from charlie.demo import generator
from charlie.workforce import history, model, pension, projection, scenario

ROOT = Path(__file__).resolve().parent.parent
RESULTS_DIR = ROOT / "benchmarks" / "results"
REFERENCE_DATE = date(2026, 6, 30)  # fixed, so runs on different days compare
SEED = 2030  # the demo municipality
PROJECTION_SEED = 2030  # services.DEFAULT_SEED
TO_YEAR = 2040
RUNS = 1000
FIT_YEARS = 6  # services.FIT_YEARS
GROWTH = 0.01  # demand: 1 % a year for every job family
DEFAULT_SIZES = (1_800, 45_000, 500_000)
#: Fit + projection, seconds.
TARGETS_S = {45_000: 2.0, 500_000: 20.0}
#: |mean difference| ÷ its standard error above this: the reference and the projection disagree.
Z_LIMIT = 4.0
MIB = 1024 * 1024

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def default_reference_runs(size: int) -> int:
    """Runs of the Python reference: 20 at 1,800, 3 at 45,000, 1 at 500,000."""
    if size <= 5_000:
        return 20
    return 3 if size <= 100_000 else 1


def default_repeat(size: int) -> int:
    return 5 if size < 100_000 else 1


# --------------------------------------------------------------------------------------------
# Memory
# --------------------------------------------------------------------------------------------


def _status_kib(field: str) -> float | None:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return float(line.split()[1])
    except OSError:
        return None
    return None


def _rss_mib() -> float:
    kib = _status_kib("VmRSS")
    return kib / 1024 if kib is not None else float("nan")


def _reset_peak_rss() -> bool:
    """Reset the process's resident high-water mark (Linux ≥ 4.0); False where not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return True


def _peak_rss_mib() -> float:
    kib = _status_kib("VmHWM")
    if kib is None:  # not Linux: the peak of the whole process
        kib = float(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    return kib / 1024


# --------------------------------------------------------------------------------------------
# The pipeline, from the generator's arrays (as workforce.services does from the database)
# --------------------------------------------------------------------------------------------


def pension_years_of(birth_years: IntArray) -> IntArray:
    """The pension year of someone born on 1 July of each year (pensionsloven § 1 a, DOMAIN.md
    3.1–3.2): the projection counts people per birth year. The same logic as
    ``services.pension_years_of``, which cannot be imported without Django."""
    days = (np.asarray(birth_years, dtype=np.int64) - 1970).astype("datetime64[Y]")
    mid_year = days.astype("datetime64[D]") + np.timedelta64(181, "D")
    return np.asarray(pension.folkepension_years(mid_year), dtype=np.int64)


def forvaltning_of_units(org_units: generator.OrgUnits) -> tuple[IntArray, list[str]]:
    """Per org unit (indexed by id − 1): the index of its forvaltning (the depth-1 ancestor in
    its path ``/1/4/17/``; 0 = the top of the tree, as ``services.data.top_unit``), and their
    names."""
    top_ids = [int(p.strip("/").split("/")[1]) if p.count("/") > 2 else 0 for p in org_units.path]
    ids = sorted(set(top_ids))
    index = {unit_id: i for i, unit_id in enumerate(ids)}
    names_by_id = dict(zip(org_units.id.tolist(), org_units.name, strict=True))
    names = [names_by_id[u] if u else "Øverste niveau" for u in ids]
    return np.array([index[t] for t in top_ids], dtype=np.int64), names


def spells_from_demo(data: generator.DemoData) -> tuple[history.Spells, list[str]]:
    """``history.Spells`` of every employment in ``data`` and the forvaltning names (the units)."""
    emp = data.employments
    unit_of_unit, unit_names = forvaltning_of_units(data.org_units)
    births = data.people.birth_date[emp.person_id.astype(np.int64) - 1]
    epoch = np.datetime64("1970-01-01", "D")
    end = (emp.end_date - epoch).astype(np.int64)
    end[np.isnat(emp.end_date)] = history.OPEN
    spells = history.Spells(
        person=emp.person_id.astype(np.int64),
        birth_year=births.astype("datetime64[Y]").astype(np.int64) + 1970,
        pension_year=np.asarray(pension.folkepension_years(births), dtype=np.int64),
        family=emp.job_family.astype(np.int64),
        unit=unit_of_unit[emp.org_unit_id.astype(np.int64) - 1],
        fte=emp.weekly_hours.astype(np.float64) / 37,
        start=(emp.start_date - epoch).astype(np.int64),
        end=end,
        retirement=emp.end_reason == generator.END_REASONS.index("retirement"),
    )
    return spells, unit_names


def hires_in(spells: history.Spells, years: range) -> tuple[IntArray, IntArray]:
    """``(job family, age)`` of the hires from outside in ``years`` (``services.data.hires``)."""
    _person, day, family, age = history.entries(spells)
    year = history.year_of(day)
    keep = (year >= years.start) & (year < years.stop)
    return family[keep], age[keep]


def fit_model(spells: history.Spells, on: date) -> model.ExitModel:
    """The exit model on the ``FIT_YEARS`` complete years before ``on``
    (``services.data.fitted_model``)."""
    years = range(on.year - FIT_YEARS, on.year)
    panel = history.panel(spells, years)
    family, age = hires_in(spells, years)
    return model.fit(panel, len(generator.FAMILY_CODES), years, hire_family=family, hire_age=age)


def plan_inputs(
    spells: history.Spells, unit_names: list[str], on: date, to_year: int
) -> tuple[projection.Stock, projection.Groups, FloatArray, list[int]]:
    """Today's staff as groups (job family × forvaltning) counted per birth year, and demand
    with 1 % growth a year for all job families (``services.plans``)."""
    day = history.day_number(on.year, on.month, on.day)
    stock, groups = projection.staff(
        spells,
        history.stay_starts(spells),
        day,
        on.year + 1,
        list(generator.FAMILY_CODES),
        unit_names,
    )
    base_heads = np.bincount(stock.group, weights=stock.heads, minlength=len(groups)).astype(
        np.int64
    )
    years = list(range(on.year + 1, to_year + 1))
    families = len(generator.FAMILY_CODES)
    base_people = np.bincount(groups.family, weights=base_heads, minlength=families)
    rule = scenario.GrowthRule(None, years[0], years[-1], GROWTH)
    multipliers = scenario.multipliers(families, on.year, years, base_people.tolist(), [rule])
    return stock, groups, projection.demand_path(base_heads, groups.family, multipliers), years


def run_pipeline(
    spells: history.Spells, unit_names: list[str], runs: int, threads: int | None = None
) -> tuple[dict[str, float], model.ExitModel, projection.Result, tuple[Any, ...]]:
    """Fit, plan and project once; the seconds of each stage."""
    t0 = time.perf_counter()
    fitted = fit_model(spells, REFERENCE_DATE)
    t1 = time.perf_counter()
    stock, groups, demand, years = plan_inputs(spells, unit_names, REFERENCE_DATE, TO_YEAR)
    t2 = time.perf_counter()
    result = projection.project(
        stock,
        groups,
        fitted,
        demand,
        years,
        pension_years_of,
        runs=runs,
        seed=PROJECTION_SEED,
        threads=threads,
    )
    t3 = time.perf_counter()
    times = {"fit_s": t1 - t0, "plan_s": t2 - t1, "projection_s": t3 - t2, "total_s": t3 - t0}
    return times, fitted, result, (stock, groups, demand, years)


# --------------------------------------------------------------------------------------------
# The reference: one person at a time, in plain Python
# --------------------------------------------------------------------------------------------


def reference_projection(
    stock: projection.Stock,
    groups: projection.Groups,
    fitted: model.ExitModel,
    demand: FloatArray,
    years: Sequence[int],
    pension_year_of: Callable[[IntArray], IntArray],
    *,
    runs: int,
    seed: int,
) -> dict[str, FloatArray]:
    """The projection's model (``projection._simulate``) person by person: per run and year, the
    total exits, retirements and recruits, each (runs, years)."""
    rng = np.random.default_rng(seed)
    chance = random.Random(seed)
    family = groups.family.tolist()
    n_groups = len(family)
    possible = (fitted.retirement.events.sum(axis=0) > 0).tolist()
    band_edges = model.AGE_BANDS.tolist()
    hire_classes = list(range(len(model.HIRE_AGE_MIDDLE)))
    hire_middle = model.HIRE_AGE_MIDDLE.tolist()
    hire_weights = fitted.hire_ages.tolist()
    wanted = demand.tolist()
    lowest = min(int(stock.birth_year.min()), years[0] - 80)
    highest = years[-1] - min(hire_middle)
    born = np.arange(lowest, highest + 1)
    pension_year = dict(zip(born.tolist(), pension_year_of(born).tolist(), strict=True))
    tenures = stock.tenure.tolist() if stock.tenure is not None else [10**6] * len(stock.heads)
    today = [
        (g, b, t)
        for g, b, t, heads in zip(
            stock.group.tolist(),
            stock.birth_year.tolist(),
            tenures,
            stock.heads.tolist(),
            strict=True,
        )
        for _ in range(heads)
    ]
    # Seniority factors by the 1 Januaries of the stay (everyone unknown: the average, 1).
    seniority = fitted.tenure.tolist()
    seniority_edges = model.TENURE_EDGES.tolist()
    known = stock.tenure is not None
    out = {name: np.zeros((runs, len(years))) for name in ("exits", "retirements", "recruitment")}
    for run in range(runs):
        retire = fitted.retirement.sample(rng, 1)[0].tolist()  # (families, years-to-pension)
        other = fitted.other.sample(rng, 1)[0].tolist()  # (families, age bands)
        for row in retire:  # classes nobody retired in keep a rate of exactly 0
            for c, ok in enumerate(possible):
                if not ok:
                    row[c] = 0.0
        people = today
        for i, year in enumerate(years):
            stayed: list[tuple[int, int, int]] = []
            remaining = [0] * n_groups
            exits = retirements = recruits = 0
            for g, birth, tenure in people:
                f = family[g]
                ytp = min(max(pension_year[birth] - year, model.YTP_MIN), model.YTP_MAX)
                ytp -= model.YTP_MIN
                band = max(bisect.bisect_right(band_edges, year - birth) - 1, 0)
                p_retire = retire[f][ytp]
                if known or tenure <= seniority_edges[-1] - 1:
                    factor = seniority[bisect.bisect_right(seniority_edges, tenure)]
                else:
                    factor = 1.0
                p_exit = p_retire + min(other[f][band] * factor, 1 - p_retire)
                if chance.random() < p_exit:
                    exits += 1
                    if possible[ytp] and chance.random() < p_retire / max(p_exit, 1e-12):
                        retirements += 1
                else:
                    stayed.append((g, birth, tenure + 1))
                    remaining[g] += 1
            for g in range(n_groups):
                need = max(0, round(wanted[i][g] - remaining[g]))
                if need:
                    ages = chance.choices(hire_classes, weights=hire_weights[family[g]], k=need)
                    stayed.extend((g, year - hire_middle[c], 1) for c in ages)
                    recruits += need
            people = stayed
            out["exits"][run, i] = exits
            out["retirements"][run, i] = retirements
            out["recruitment"][run, i] = recruits
    return out


def compare(vectorised: npt.NDArray[Any], reference: FloatArray) -> dict[str, Any]:
    """Mean total exits per year of both, and the difference in standard errors (the spread of
    the vectorised runs stands for both: the same model has the same spread)."""
    vec = vectorised.astype(np.float64)
    n_vec, n_ref = vec.shape[0], reference.shape[0]
    scale = math.sqrt(1 / n_ref + 1 / n_vec)

    def z(v: FloatArray, r: FloatArray) -> FloatArray:
        se = v.std(axis=0, ddof=1) * scale
        diff = r.mean(axis=0) - v.mean(axis=0)
        return np.where(se > 0, diff / np.maximum(se, 1e-12), np.where(diff == 0, 0.0, np.inf))

    z_year = z(vec, reference)
    z_sum = float(z(vec.sum(axis=1, keepdims=True), reference.sum(axis=1, keepdims=True))[0])
    mean_vec, mean_ref = float(vec.mean()), float(reference.mean())
    return {
        "vectorised_mean_exits_per_year": mean_vec,
        "reference_mean_exits_per_year": mean_ref,
        "relative_difference": (mean_ref - mean_vec) / mean_vec if mean_vec else 0.0,
        "vectorised_by_year": vec.mean(axis=0).tolist(),
        "reference_by_year": reference.mean(axis=0).tolist(),
        "max_abs_z_year": float(np.abs(z_year).max()),
        "z_sum": z_sum,
        "agree": bool(np.abs(z_year).max() <= Z_LIMIT and abs(z_sum) <= Z_LIMIT),
    }


# --------------------------------------------------------------------------------------------
# One size (in its own process)
# --------------------------------------------------------------------------------------------


def worker(size: int, out: Path, options: dict[str, Any]) -> None:
    runs = int(options["runs"])
    repeat = int(options["repeat"]) if options.get("repeat") else default_repeat(size)
    ref_runs = int(options.get("reference_runs") or default_reference_runs(size))
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    data = generator.generate(employees=size, seed=SEED, reference_date=REFERENCE_DATE)
    generate_s = time.perf_counter() - started
    t0 = time.perf_counter()
    spells, unit_names = spells_from_demo(data)
    spells_s = time.perf_counter() - t0
    counts = {
        "people": len(data.people),
        "employments": len(data.employments),
        "org_units": len(data.org_units),
        "forvaltninger": len(unit_names),
    }
    del data  # what the app holds is the spells; the demo's absence periods are not part of it

    # One short untimed projection first (two chunks, so the threads start too): the first
    # call in a process pays one-off costs (first touch of NumPy's memory pools and code) that
    # a running server has paid long before.
    warm_fit = fit_model(spells, REFERENCE_DATE)
    warm_stock, warm_groups, warm_demand, warm_years = plan_inputs(
        spells, unit_names, REFERENCE_DATE, TO_YEAR
    )
    projection.project(
        warm_stock,
        warm_groups,
        warm_fit,
        warm_demand,
        warm_years,
        pension_years_of,
        runs=2 * projection.CHUNK,
    )
    del warm_fit, warm_stock, warm_groups, warm_demand, warm_years

    # Timed repetitions; the resident peak over them, from a reset high-water mark.
    rss_before = _rss_mib()
    hwm_reset = _reset_peak_rss()
    reps = []
    for _ in range(repeat):
        times, fitted, result, inputs = run_pipeline(spells, unit_names, runs)
        reps.append(times)
    peak_rss = _peak_rss_mib()
    stock, groups, demand, years = inputs
    median = {key: statistics.median(r[key] for r in reps) for key in reps[0]}
    t0 = time.perf_counter()
    projection.project(stock, groups, fitted, demand, years, pension_years_of, runs=runs, threads=1)
    one_thread_s = time.perf_counter() - t0

    # Traced allocations (not timed: tracing slows Python's allocator down).
    tracemalloc.start()
    fit_model(spells, REFERENCE_DATE)
    fit_traced = tracemalloc.get_traced_memory()[1]
    tracemalloc.reset_peak()
    base_traced = tracemalloc.get_traced_memory()[0]
    projection.project(stock, groups, fitted, demand, years, pension_years_of, runs=runs)
    projection_traced = tracemalloc.get_traced_memory()[1] - base_traced
    tracemalloc.stop()

    # The reference, a few runs, scaled to ``runs``.
    t0 = time.perf_counter()
    reference = reference_projection(
        stock, groups, fitted, demand, years, pension_years_of, runs=ref_runs, seed=PROJECTION_SEED
    )
    reference_s = time.perf_counter() - t0
    reference_scaled = reference_s / ref_runs * runs
    check = compare(result.runs["exits"].sum(axis=2), reference["exits"])
    check["vectorised_mean_retirements_per_year"] = float(
        result.runs["retirements"].sum(axis=2).mean()
    )
    check["reference_mean_retirements_per_year"] = float(reference["retirements"].mean())
    check["vectorised_mean_recruitment_per_year"] = float(
        result.runs["recruitment"].sum(axis=2).mean()
    )
    check["reference_mean_recruitment_per_year"] = float(reference["recruitment"].mean())

    # The backtest, as the model page computes it (services.exit_model).
    t0 = time.perf_counter()
    last = REFERENCE_DATE.year - 1
    all_years = range(REFERENCE_DATE.year - FIT_YEARS - 3, REFERENCE_DATE.year)
    hire_family, hire_age = hires_in(spells, range(all_years.start, last - 2))
    test = model.backtest(
        history.panel(spells, all_years),
        len(generator.FAMILY_CODES),
        last,
        k=fitted.k,
        hire_family=hire_family,
        hire_age=hire_age,
    )
    backtest_s = time.perf_counter() - t0

    report = {
        "employees": size,
        **counts,
        "spells": len(spells),
        "groups": len(groups),
        "stock_cells": len(stock.heads),
        "years": [years[0], years[-1]],
        "runs": runs,
        "threads": min(math.ceil(runs / projection.CHUNK), os.cpu_count() or 1),
        "repeat": repeat,
        "generate_s": generate_s,
        "spells_s": spells_s,
        "repetitions": reps,
        **{f"median_{key}": value for key, value in median.items()},
        "min_projection_s": min(r["projection_s"] for r in reps),
        "max_projection_s": max(r["projection_s"] for r in reps),
        "load_average_before": load_before,
        "load_average_after": os.getloadavg()[0],
        "projection_one_thread_s": one_thread_s,
        "traced_peak_fit_mib": fit_traced / MIB,
        "traced_peak_projection_mib": projection_traced / MIB,
        "rss_before_mib": rss_before,
        "peak_rss_mib": peak_rss,
        "peak_rss_is_stage_peak": hwm_reset,
        "process_peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "reference_runs": ref_runs,
        "reference_s": reference_s,
        "reference_scaled_s": reference_scaled,
        "ratio": reference_scaled / median["projection_s"],
        "ratio_one_thread": reference_scaled / one_thread_s,
        "check": check,
        "target_s": TARGETS_S.get(size),
        "backtest": {
            "fitted_on": list(test.fitted_on),
            "years": list(test.years),
            "cohort": test.cohort_size,
            "actual_exits": float(test.actual.sum()),
            "model_exits": float(test.model.sum()),
            "baseline_exits": float(test.baseline.sum()),
            "model_error": test.model_error,
            "baseline_error": test.baseline_error,
            "model_total_error": test.model_total_error,
            "baseline_total_error": test.baseline_total_error,
            "seconds": backtest_s,
        },
    }
    out.write_text(json.dumps(report, indent=2))


# --------------------------------------------------------------------------------------------
# Parent: one process per size, report
# --------------------------------------------------------------------------------------------


def run_size(size: int, options: dict[str, Any], timeout: float, workdir: Path) -> dict[str, Any]:
    out = workdir / f"workforce-{size}.json"
    out.unlink(missing_ok=True)
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        str(size),
        str(out),
        json.dumps(options),
    ]
    started = time.perf_counter()
    try:
        proc = subprocess.run(
            command, env=env, cwd=ROOT, timeout=timeout, capture_output=True, text=True
        )
    except subprocess.TimeoutExpired:
        return {"employees": size, "error": f"timed out after {timeout:.0f} s"}
    if proc.returncode != 0 or not out.exists():
        tail = (proc.stderr or proc.stdout).strip().splitlines()[-5:]
        return {"employees": size, "error": " | ".join(tail) or f"exit {proc.returncode}"}
    result: dict[str, Any] = json.loads(out.read_text())
    result["process_s"] = time.perf_counter() - started
    out.unlink(missing_ok=True)
    return result


def _pct(value: float) -> str:
    return f"{value * 100:.1f} %"


def markdown(rows: list[dict[str, Any]]) -> str:
    cpus = os.cpu_count()
    runs = next((r["runs"] for r in rows if "runs" in r), RUNS)
    lines = [
        f"{runs:,} runs to {TO_YEAR}, demand +1 %/year "
        f"for all job families; demo seed {SEED}, reference date {REFERENCE_DATE}; {cpus} CPUs "
        f"(the projection's threads), Python {platform.python_version()}, "
        f"NumPy {np.__version__}.",
        "",
        "| Employees | People | Employments | Generate s | Spells s | Fit + projection s "
        "| Projection s (range) | Projection 1 thread s | Traced peak MiB (fit / projection) "
        "| Peak RSS MiB (before) | Load avg. | Reference runs "
        f"| Reference s per {runs:,} runs | Reference ÷ vectorised (÷ 1 thread) | Target "
        "| Exits/year vectorised / reference (z) "
        "| Backtest family × year: model / baseline | Backtest totals: model / baseline |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|",
    ]
    for r in rows:
        if "error" in r:
            lines.append(f"| {r['employees']:,} | error: {r['error']} |")
            continue
        target = r["target_s"]
        met = (
            "—"
            if target is None
            else f"≤ {target:g} s {'✓' if r['median_total_s'] <= target else '✗'}"
        )
        c, b = r["check"], r["backtest"]
        cells = [
            f"{r['employees']:,}",
            f"{r['people']:,}",
            f"{r['employments']:,}",
            f"{r['generate_s']:.1f}",
            f"{r['spells_s']:.2f}",
            f"{r['median_total_s']:.2f}",
            f"{r['median_projection_s']:.2f}"
            + (
                f" ({r['min_projection_s']:.2f}–{r['max_projection_s']:.2f})"
                if r["repeat"] > 1
                else ""
            ),
            f"{r['projection_one_thread_s']:.2f}",
            f"{r['traced_peak_fit_mib']:,.0f} / {r['traced_peak_projection_mib']:,.0f}",
            f"{r['peak_rss_mib']:,.0f} ({r['rss_before_mib']:,.0f})",
            f"{r['load_average_before']:.1f}",
            f"{r['reference_runs']}",
            f"{r['reference_scaled_s']:,.0f}",
            f"{r['ratio']:,.0f}× ({r['ratio_one_thread']:,.0f}×)",
            met,
            f"{c['vectorised_mean_exits_per_year']:,.1f} / "
            f"{c['reference_mean_exits_per_year']:,.1f} ({c['z_sum']:+.1f})"
            + ("" if c["agree"] else " ✗"),
            f"{_pct(b['model_error'])} / {_pct(b['baseline_error'])}",
            f"{_pct(b['model_total_error'])} / {_pct(b['baseline_total_error'])}",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def _machine() -> dict[str, Any]:
    memory_kib = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory_kib = int(line.split()[1])
    except OSError:
        pass
    return {
        "python": platform.python_version(),
        "numpy": np.__version__,
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "memory_gib": memory_kib / 1024 / 1024 if memory_kib else None,
        "load_average": os.getloadavg(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    parser.add_argument(
        "--sizes",
        default=",".join(str(s) for s in DEFAULT_SIZES),
        help="current employees, a,b,… (default 1800,45000,500000)",
    )
    parser.add_argument("--runs", type=int, default=RUNS, help="Monte Carlo runs (1000)")
    parser.add_argument(
        "--repeat", type=int, help="timed repetitions (default 5 below 100,000 employees, else 1)"
    )
    parser.add_argument(
        "--reference-runs", type=int, help="runs of the Python reference (default by size)"
    )
    parser.add_argument("--timeout", type=float, default=1800.0, help="seconds per size")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker:
        size, out, options = args.worker
        worker(int(size), Path(out), json.loads(options))
        return 0
    sizes = [int(s.replace("_", "")) for s in args.sizes.split(",") if s.strip()]
    options = {"runs": args.runs, "repeat": args.repeat, "reference_runs": args.reference_runs}
    RESULTS_DIR.mkdir(parents=True, exist_ok=True)
    rows = []
    for size in sizes:
        print(f"{size:,} employees …", file=sys.stderr, flush=True)
        rows.append(run_size(size, options, args.timeout, RESULTS_DIR))
    table = markdown(rows)
    print(table)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    report = {
        "benchmark": "workforce",
        "time": stamp,
        "machine": _machine(),
        "reference_date": REFERENCE_DATE.isoformat(),
        "seed": SEED,
        "projection_seed": PROJECTION_SEED,
        "to_year": TO_YEAR,
        "growth": GROWTH,
        "results": rows,
    }
    (RESULTS_DIR / f"workforce-{stamp}.json").write_text(json.dumps(report, indent=2))
    (RESULTS_DIR / "workforce-latest.json").write_text(json.dumps(report, indent=2))
    (RESULTS_DIR / "workforce-latest.md").write_text(table + "\n")
    failed = any("error" in r or not r["check"]["agree"] for r in rows)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
