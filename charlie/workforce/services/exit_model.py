"""The exit model, openly: how it was fitted and how well it predicted the last three complete
years next to a naive baseline. Municipality-wide aggregates for everyone who may read the plan;
every count of people goes through disclosure control."""

from __future__ import annotations

import dataclasses
from datetime import date

import numpy as np
from django.utils.translation import gettext as _

from charlie.core.cache import cached
from charlie.core.disclosure import protect_line
from charlie.core.services import min_group_size
from charlie.privacy.access import Access
from charlie.workforce import history, model
from charlie.workforce.permissions import READ_PLAN
from charlie.workforce.services.data import (
    CATEGORY,
    FIT_YEARS,
    fit_years,
    fitted_model,
    hires,
    staff_data,
    today,
)


@dataclasses.dataclass(frozen=True)
class BacktestYear:
    year: int
    actual: int | None  # people who left; None when below the minimum group size
    model: float  # expected, not a count of people
    baseline: float


@dataclasses.dataclass(frozen=True)
class ModelReport:
    """How the model was fitted and tested. Counts of people below the minimum group size are
    ``None`` (disclosure control); rates and expected values are not counts and are shown."""

    fitted_on: tuple[int, ...]
    person_years: int | None
    retirements: int | None
    other_exits: int | None
    hires: int | None
    k: float
    backtest: model.Backtest | None
    backtest_years: list[BacktestYear]
    backtest_problem: str
    min_size: int
    retirement_by_ytp: list[tuple[int, float, int | None]]  # (years to pension year, rate, n)
    #: The factor on other exits per seniority class: (first, last 1 January of the stay, factor);
    #: last ``None`` = or more.
    seniority: list[tuple[int, int | None, float]]


def model_report(access: Access, *, on: date | None = None) -> ModelReport:
    """How the exit model was fitted and how well it predicted the last three years."""
    access.require(READ_PLAN)
    on = on or today()
    return cached("people", f"workforce:report:{on.year}", lambda: _model_report(on))


def _shown(count: float, size: int) -> int | None:
    """One count of people on its own (no total to subtract it from), through the engine."""
    return protect_line({"n": round(count)}, min_size=size)[0]["n"]


def _model_report(on: date) -> ModelReport:
    data = staff_data()
    fitted, panel = fitted_model(on)
    size = min_group_size(CATEGORY)
    last = on.year - 1
    problem = ""
    result = None
    all_years = range(on.year - FIT_YEARS - 3, on.year)
    full = history.panel(data.spells, all_years)
    try:
        result = model.backtest(
            full,
            len(data.family_codes),
            last,
            k=fitted.k,
            **hires(data, range(all_years.start, last - 2)),
        )
    except ValueError:
        problem = _("Der er ikke historik nok til at teste modellen (mindst fire hele år).")
    rows = panel.rows(np.isin(panel.year, fitted.years))
    events = fitted.retirement.events.sum(axis=0)
    rates = fitted.retirement.alpha.sum(axis=0) / (
        fitted.retirement.alpha + fitted.retirement.beta
    ).sum(axis=0)
    retirements = _shown(int((rows.exit == history.RETIRED).sum()), size)
    # Retirements by years to pension are parts of the retirements shown above: a line.
    by_ytp, _total = protect_line(
        {
            ytp: round(float(events[ytp - model.YTP_MIN]))
            for ytp in range(model.YTP_MIN, model.YTP_MAX + 1)
        },
        total=retirements,
        min_size=size,
    )
    ytp_rows = [
        (ytp, float(rates[ytp - model.YTP_MIN]), by_ytp[ytp])
        for ytp in range(model.YTP_MIN, model.YTP_MAX + 1)
    ]
    years = []
    if result is not None:
        actual, _total = protect_line(
            {year: round(float(result.actual[:, i].sum())) for i, year in enumerate(result.years)},
            min_size=size,
        )
        years = [
            BacktestYear(
                year=year,
                actual=actual[year],
                model=float(result.model[:, i].sum()),
                baseline=float(result.baseline[:, i].sum()),
            )
            for i, year in enumerate(result.years)
        ]
    return ModelReport(
        fitted_on=fitted.years,
        person_years=_shown(len(rows), size),
        retirements=retirements,
        other_exits=_shown(int((rows.exit == history.OTHER).sum()), size),
        hires=_shown(len(hires(data, fit_years(on))["hire_age"]), size),
        k=fitted.k,
        backtest=result,
        backtest_years=years,
        backtest_problem=problem,
        min_size=size,
        retirement_by_ytp=ytp_rows,
        seniority=[
            (int(first), None if last is None else int(last) - 1, float(factor))
            for first, last, factor in zip(
                [1, *model.TENURE_EDGES.tolist()],
                [*model.TENURE_EDGES.tolist(), None],
                fitted.tenure.tolist(),
                strict=True,
            )
        ],
    )
