"""The workforce plan as plain data for the CLI and the REST API: one JSON (and CSV) shape for
both (docs/api.md, "Workforce plan"). Presentation only: the figures come from ``services`` and
``pension``."""

from __future__ import annotations

from datetime import date
from typing import Any

from charlie.workforce import pension
from charlie.workforce.services import Band, ModelReport, Plan, PlanRow

#: Birth dates ``pension-age`` accepts (CLI and API). The rules reach further back, but after
#: 2099 the pension date would soon pass the last year Python's calendar can represent.
FIRST_BIRTH, LAST_BIRTH = date(1800, 1, 1), date(2099, 12, 31)


def _age_number(age: pension.Age) -> float | int:
    """65½ → 65.5, 70 → 70 (an int where the age is whole years)."""
    return age.years if age.months == 0 else age.as_years()


def _rule_age(rule: pension.RuleAge | None) -> dict[str, Any] | None:
    if rule is None:
        return None
    return {
        "age": _age_number(rule.age),
        "years": rule.age.years,
        "months": rule.age.months,
        "reached_on": rule.reached_on.isoformat(),
        "legislated": rule.legislated,
        "note": str(rule.note),
    }


def _window(window: pension.Window | None) -> dict[str, Any] | None:
    if window is None:
        return None
    return {
        "earliest": window.earliest.isoformat(),
        "ends": window.ends.isoformat(),
        "apply_from": window.apply_from.isoformat() if window.apply_from else None,
        "conditions": str(window.conditions),
    }


def pension_as_dict(birth: date) -> dict[str, Any]:
    """The retirement ages of a person born on ``birth``, as JSON-able data (ISO dates).

    Folkepension: pensionsloven § 1 a (DOMAIN.md 3.1–3.2), paid from the 1st of the following
    month (borger.dk); efterløn: arbejdsløshedsforsikringsloven § 74 (DOMAIN.md 3.3); tidlig
    pension and seniorpension windows: information only (DOMAIN.md 3.4–3.5). All from
    ``charlie.workforce.pension``; ``legislated`` is False where a figure is not law.
    """
    return {
        "birth_date": birth.isoformat(),
        "folkepension": _rule_age(pension.folkepension(birth)),
        "folkepension_payable_from": pension.folkepension_payable_from(birth).isoformat(),
        "efterloen": _rule_age(pension.efterloen(birth)),
        "tidlig_pension": _window(pension.tidlig_pension_window(birth)),
        "seniorpension": _window(pension.seniorpension_window(birth)),
    }


def _rounded(value: float, digits: int = 4) -> float:
    return round(float(value), digits)


def model_report_as_dict(report: ModelReport) -> dict[str, Any]:
    """The exit model and its backtest as JSON-able data (``services.model_report``).

    Errors are weighted absolute percentage errors as fractions (0.12 = 12 %): ``model_error``
    over job family × year, ``model_total_error`` over the yearly totals, and the same for the
    naive baseline (``model.Backtest``). ``per_year`` gives the expected and actual exits of the
    cohort present on 1 January of the first tested year.
    """
    backtest = report.backtest
    tested: dict[str, Any] | None = None
    if backtest is not None:
        tested = {
            "fitted_on": list(backtest.fitted_on),
            "years": list(backtest.years),
            "cohort_size": backtest.cohort_size,
            "model_error": _rounded(backtest.model_error),
            "model_total_error": _rounded(backtest.model_total_error),
            "baseline_error": _rounded(backtest.baseline_error),
            "baseline_total_error": _rounded(backtest.baseline_total_error),
            "per_year": [
                {
                    "year": row.year,
                    "actual": row.actual,  # None: below the minimum group size
                    "model": _rounded(row.model, 1),
                    "baseline": _rounded(row.baseline, 1),
                }
                for row in report.backtest_years
            ],
        }
    return {
        "fitted_on": list(report.fitted_on),
        "person_years": report.person_years,
        "retirements": report.retirements,
        "other_exits": report.other_exits,
        "hires": report.hires,
        "k": report.k,
        "backtest": tested,
        "backtest_problem": report.backtest_problem or None,
        "min_group_size": report.min_size,
        "seniority_factors": [
            {"first_januaries_from": first, "first_januaries_to": last, "factor": _rounded(f)}
            for first, last, f in report.seniority
        ],
        "retirement_by_years_to_pension": [
            {"years_to_pension": ytp, "rate": _rounded(rate), "retirements": count}
            for ytp, rate, count in report.retirement_by_ytp
        ],
    }


# --- Text output ---------------------------------------------------------------------------


def plan_as_dict(result: Plan) -> dict[str, Any]:
    """The plan as plain JSON-able data (CLI and API; docs/workforce.md describes it)."""

    def band(b: Band) -> dict[str, float]:
        return {
            "p10": round(b.p10, 1),
            "p50": round(b.p50, 1),
            "p90": round(b.p90, 1),
            "mean": round(b.mean, 2),
        }

    def row(r: PlanRow) -> dict[str, Any]:
        return {
            "key": r.key,
            "label": r.label,
            "hidden": r.hidden,
            "headcount": r.base_headcount,
            "base_fte": None if r.base_fte is None else round(r.base_fte, 1),
            "years": [
                {
                    "year": y.year,
                    "headcount": band(y.headcount),
                    "fte": band(y.fte),
                    "retirements": band(y.retirements),
                    "other_exits": band(y.other_exits),
                    "exits": band(y.exits),
                    "recruitment": band(y.recruitment),
                    "demand": round(y.demand, 1),
                    "demand_fte": round(y.demand_fte, 1),
                }
                for y in r.years
            ],
        }

    return {
        "scenario": {
            "id": result.scenario_id,
            "name": result.scenario_name,
            "illustrative": result.illustrative,
        },
        "base_date": result.base_date.isoformat(),
        "years": result.years,
        "runs": result.runs,
        "seed": result.seed,
        "model_fitted_on": list(result.fitted_on),
        "min_group_size": result.min_size,
        "scope": result.scope_note,
        "job_family": [row(r) for r in result.rows["job_family"]],
        "forvaltning": [row(r) for r in result.rows["forvaltning"]],
        "total": row(result.total()),
    }


CSV_MEASURES = ("headcount", "fte", "retirements", "other_exits", "exits", "recruitment")


def plan_csv_rows(result: Plan) -> list[list[Any]]:
    """Long format: dimension, key, label, year, measure, p10, p50, p90, mean (hidden rows: empty
    figures)."""
    out: list[list[Any]] = [
        ["dimension", "key", "label", "year", "measure", "p10", "p50", "p90", "mean"]
    ]
    for dimension in ("job_family", "forvaltning", "total"):
        for r in result.rows[dimension]:
            if r.hidden:
                out.append([dimension, r.key, r.label, "", "hidden", "", "", "", ""])
                continue
            for y in r.years:
                for measure in CSV_MEASURES:
                    b: Band = getattr(y, measure)
                    out.append(
                        [
                            dimension,
                            r.key,
                            r.label,
                            y.year,
                            measure,
                            round(b.p10, 1),
                            round(b.p50, 1),
                            round(b.p90, 1),
                            round(b.mean, 2),
                        ]
                    )
                out.append(
                    [
                        dimension,
                        r.key,
                        r.label,
                        y.year,
                        "demand",
                        "",
                        round(y.demand, 1),
                        "",
                        round(y.demand, 1),
                    ]
                )
    return out
