"""The workforce plan: the projection of a scenario from today's staff, in the caller's scope,
through disclosure control.

HR and analysts see the whole municipality, a manager the units they manage (today's staff in
their sub-trees; the exit rates are always the municipality's, which are aggregates of
everyone). The plan counts the same people as the organisation tree and the headcount table
(each person once, in their largest current employment), and shows a row only where
``people.headcount_release`` — the one release of today's headcounts — shows that job family or
forvaltning, so no combination of the three gives a small group away. No individual's projected
retirement date is ever part of it.
"""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np
from django.utils.translation import gettext as _

from charlie.core.cache import cached
from charlie.core.errors import ValidationFailed
from charlie.people import services as people
from charlie.people.models import JobFamily
from charlie.privacy.access import Access
from charlie.workforce import history, pension, projection
from charlie.workforce import scenario as demand
from charlie.workforce.models import RuleKind, Scenario
from charlie.workforce.permissions import READ_PLAN
from charlie.workforce.services.data import fitted_model, staff_data, today

DEFAULT_TO_YEAR = 2040
DEFAULT_RUNS = 1000
MIN_RUNS, MAX_RUNS = 100, 5000
DEFAULT_SEED = 2030
DIMENSIONS = ("job_family", "forvaltning")


@dataclasses.dataclass(frozen=True)
class Band:
    p10: float
    p50: float
    p90: float
    mean: float


@dataclasses.dataclass(frozen=True)
class YearRow:
    year: int
    headcount: Band
    fte: Band
    retirements: Band
    other_exits: Band
    exits: Band
    recruitment: Band
    demand: float
    demand_fte: float


@dataclasses.dataclass(frozen=True)
class PlanRow:
    key: str
    label: str
    hidden: bool  # disclosure control: no figures
    base_headcount: int | None
    base_fte: float | None
    years: list[YearRow]
    #: Cumulative sums to 2030, 2035 and 2040 (those in range) of "retirements",
    #: "other_exits", "exits" and "recruitment".
    until: dict[str, dict[int, Band]]

    @property
    def retirements_until(self) -> dict[int, Band]:
        return self.until.get("retirements", {})

    @property
    def recruitment_until(self) -> dict[int, Band]:
        return self.until.get("recruitment", {})


@dataclasses.dataclass(frozen=True)
class Plan:
    scenario_id: int
    scenario_name: str
    illustrative: bool
    base_date: date
    years: list[int]
    runs: int
    seed: int
    fitted_on: tuple[int, ...]
    min_size: int
    rows: dict[str, list[PlanRow]]  # "job_family", "forvaltning", "total"
    scope_note: str

    def total(self) -> PlanRow:
        return self.rows["total"][0]


def plan(
    access: Access,
    scenario: Scenario,
    *,
    to_year: int = DEFAULT_TO_YEAR,
    runs: int = DEFAULT_RUNS,
    seed: int = DEFAULT_SEED,
    on: date | None = None,
) -> Plan:
    """The projection of ``scenario`` from ``on`` (today) to ``to_year``, in the caller's scope,
    disclosure-controlled. Cached until the people data or the scenario changes."""
    access.require(READ_PLAN)
    on = on or today()
    if not on.year < to_year <= 2100:
        raise ValidationFailed([_("Slutåret skal ligge efter i år og senest 2100.")])
    if not MIN_RUNS <= runs <= MAX_RUNS:
        raise ValidationFailed(
            [_("Antal kørsler skal være mellem %(a)s og %(b)s.") % {"a": MIN_RUNS, "b": MAX_RUNS}]
        )
    paths = access.aggregate_paths()  # None: the whole municipality
    scope_key = "all" if paths is None else "units:" + ",".join(paths)
    key = (
        f"workforce:plan:{scenario.pk}:{scenario.version}:{to_year}:{runs}:{seed}:{on}:{scope_key}"
    )
    return cached("people", key, lambda: _plan(scenario, on, to_year, runs, seed, paths))


def _rules(
    scenario: Scenario, family_index: dict[int, int]
) -> tuple[list[demand.GrowthRule], list[demand.DriverRule]]:
    growth, drivers = [], []
    for rule in scenario.rules.select_related("driver"):
        family = family_index.get(rule.job_family_id) if rule.job_family_id else None
        if rule.kind == RuleKind.GROWTH and rule.rate_percent is not None:
            growth.append(
                demand.GrowthRule(
                    family, rule.first_year, rule.last_year, float(rule.rate_percent) / 100
                )
            )
        elif (
            rule.kind == RuleKind.DRIVER
            and rule.driver is not None
            and family is not None
            and rule.driver.values
        ):
            drivers.append(
                demand.DriverRule(
                    family,
                    rule.first_year,
                    rule.last_year,
                    rule.driver.table(),
                    float(rule.ratio) if rule.ratio is not None else None,
                )
            )
    return growth, drivers


def pension_years_of(birth_years: np.ndarray) -> np.ndarray:
    """The pension year of someone born on 1 July of each year (the projection counts people per
    birth year; the half-year steps of 1954–55 are long past for anyone projected)."""
    days = (
        (np.asarray(birth_years, dtype=np.int64) - 1970)
        .astype("datetime64[Y]")
        .astype("datetime64[D]")
    )
    return np.asarray(pension.folkepension_years(days + np.timedelta64(181, "D")), dtype=np.int64)


def _plan(
    scenario: Scenario,
    on: date,
    to_year: int,
    runs: int,
    seed: int,
    paths: tuple[str, ...] | None,
) -> Plan:
    data = staff_data()
    fitted, _panel = fitted_model(on)
    spells = data.spells
    day = history.day_number(on.year, on.month, on.day)
    mask = None
    if paths is not None:
        mask = np.array(
            [any(p.startswith(prefix) for prefix in paths) for p in data.unit_path], dtype=bool
        )
    years = list(range(on.year + 1, to_year + 1))
    stock, groups = projection.staff(
        spells, data.stay_start, day, years[0], data.family_names, data.unit_names, mask=mask
    )
    base_heads = np.bincount(stock.group, weights=stock.heads, minlength=len(groups)).astype(
        np.int64
    )
    family_count = len(data.family_codes)
    base_people = np.bincount(groups.family, weights=base_heads, minlength=family_count)
    family_pks = list(JobFamily.objects.order_by("sort_order", "name").values_list("pk", flat=True))
    growth, drivers = _rules(scenario, {pk: i for i, pk in enumerate(family_pks)})
    multipliers = demand.multipliers(
        family_count, on.year, years, base_people.tolist(), growth, drivers
    )
    wanted = projection.demand_path(base_heads, groups.family, multipliers)
    result = projection.project(
        stock, groups, fitted, wanted, years, pension_years_of, runs=runs, seed=seed
    )
    release = people.headcount_release(on=on, paths=paths or ())
    size = release.min_size
    out: dict[str, list[PlanRow]] = {}
    for dimension in DIMENSIONS:
        summary = result.by(dimension)
        keys = data.family_codes if dimension == "job_family" else [str(u) for u in data.unit_ids]
        present = [i for i in range(len(summary.labels)) if summary.base_heads[i] > 0]
        if dimension == "job_family":
            shown = [release.family(family_pks[i]) is not None for i in present]
        else:
            shown = [
                release.forvaltning(data.unit_ids[i] or people.TOP) is not None for i in present
            ]
        out[dimension] = [
            _row(summary, i, keys[i], hidden=not ok) for i, ok in zip(present, shown, strict=True)
        ]
    total = result.by(None)
    out["total"] = [_row(total, 0, "total", hidden=release.shown_total() is None)]
    return Plan(
        scenario_id=scenario.pk,
        scenario_name=scenario.name,
        illustrative=scenario.illustrative,
        base_date=on,
        years=years,
        runs=runs,
        seed=seed,
        fitted_on=fitted.years,
        min_size=size,
        rows=out,
        scope_note=_("Hele kommunen") if paths is None else _("Dine enheder"),
    )


def _band(
    summary: projection.Summary, measure: str, index: int, *, fte: bool = False
) -> list[Band]:
    q = summary.quantiles(measure, fte=fte)
    mean = summary.mean(measure, fte=fte)
    return [
        Band(
            float(q[0, y, index]),
            float(q[1, y, index]),
            float(q[2, y, index]),
            float(mean[y, index]),
        )
        for y in range(len(summary.years))
    ]


def _cumulative(summary: projection.Summary, measure: str, index: int) -> dict[int, Band]:
    out = {}
    for until in (2030, 2035, 2040):
        if summary.years and summary.years[0] <= until <= summary.years[-1]:
            q = summary.cumulative(measure, until)
            upto = [i for i, year in enumerate(summary.years) if year <= until]
            mean = float(summary.runs[measure][:, upto, index].sum(axis=1).mean())
            out[until] = Band(float(q[0, index]), float(q[1, index]), float(q[2, index]), mean)
    return out


def _row(summary: projection.Summary, index: int, key: str, *, hidden: bool) -> PlanRow:
    label = summary.labels[index]
    if hidden:
        return PlanRow(key, label, True, None, None, [], {})
    bands = {
        m: _band(summary, m, index)
        for m in ("headcount", "retirements", "other_exits", "exits", "recruitment")
    }
    fte = _band(summary, "headcount", index, fte=True)
    years = [
        YearRow(
            year=year,
            headcount=bands["headcount"][y],
            fte=fte[y],
            retirements=bands["retirements"][y],
            other_exits=bands["other_exits"][y],
            exits=bands["exits"][y],
            recruitment=bands["recruitment"][y],
            demand=float(summary.demand[y, index]),
            demand_fte=float(summary.demand_fte[y, index]),
        )
        for y, year in enumerate(summary.years)
    ]
    return PlanRow(
        key=key,
        label=label,
        hidden=False,
        base_headcount=int(summary.base_heads[index]),
        base_fte=float(summary.base_fte[index]),
        years=years,
        until={
            m: _cumulative(summary, m, index)
            for m in ("retirements", "other_exits", "exits", "recruitment")
        },
    )
