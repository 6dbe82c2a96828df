"""A business case's figures: net present value, payback year, early gains, the sensitivity table
and three-point estimates, with every step kept so that a page can show how each figure was
computed. Pure: no Django, plain floats in, dataclasses out.

The rules (docs/portfolio-business-cases.md):

- **Years.** Year 0 is the first calendar year of the case; a horizon of *n* years runs from year
  0 to year *n* − 1. Amounts are kroner in fixed prices (real terms, as the rate is real).
- **Costs** are investments, running costs and the hours of the municipality's own staff in the
  project, at the hourly rate. **Benefits** are hours saved, at the hourly rate, and other
  financial benefits. Hours saved are also shown as full-time equivalents (hours per FTE).
- **Discounting** at Finansministeriet's socio-economic discount rate, real: 3.5 % a year for
  years 0–35 and 2.5 % from year 36 to 70 (Finansministeriet, "Dokumentationsnotat for den
  samfundsøkonomiske diskonteringsrente", 7 January 2021; DOMAIN.md 8.2). Year *t*'s factor is
  ∏ₖ₌₁ᵗ 1 / (1 + rₖ) with rₖ the rate of year *k*: 1 in year 0, 1.035⁻³⁵ · 1.025⁻⁽ᵗ⁻³⁵⁾ after
  year 35. The rate after year 70 is not settled, so a horizon ends with year 70 (71 years). A
  case may set one rate of its own for every year instead.
- **Net present value** is the sum over the years of (benefits − costs) × the year's factor.
- **Payback year**: the first calendar year from which the cumulative net (undiscounted) stays
  ≥ 0 to the end of the horizon; ``None`` when the horizon ends below 0. The discounted payback
  year uses the discounted net.
- **Early gains**: the gross benefits of the first year (year 0), in kroner — what the budget
  sees at once.
- **Sensitivity**: the NPV and payback year with benefits −25 %, costs +25 %, both, and the
  benefits delayed by a year (costs as planned; the last year's benefits fall outside the
  horizon).
- **Three-point estimates** (optional, per line and year): ``low`` and ``high`` beside the most
  likely amount. The expected amount is (low + 4 × likely + high) / 6 (PERT); the pessimistic
  case takes the high costs and the low benefits, the optimistic case the reverse.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

#: Finansministeriet's real socio-economic discount rate (note of 7 January 2021).
RATE_EARLY = 0.035
RATE_LATE = 0.025
#: The last year discounted at ``RATE_EARLY``; ``RATE_LATE`` applies from the next.
SWITCH_YEAR = 35
#: The rate after year 70 is not settled (DOMAIN.md 8.2), so the longest horizon is 71 years.
MAX_HORIZON = 71

COST_KINDS = ("investment", "running", "staff_hours")
BENEFIT_KINDS = ("hours_saved", "benefit")
HOUR_KINDS = ("staff_hours", "hours_saved")
KINDS = COST_KINDS + BENEFIT_KINDS

#: The sensitivity table's rows, in order.
SENSITIVITY = ("base", "benefits_minus_25", "costs_plus_25", "both", "delay_one_year")


class CaseError(ValueError):
    """A business case that cannot be computed; ``problems`` lists every problem found."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Rates:
    """Kroner per hour, hours per full-time equivalent, and the discount rates."""

    hourly_rate: float = 450.0
    hours_per_fte: float = 1628.0
    rate_early: float = RATE_EARLY
    rate_late: float = RATE_LATE
    switch_year: int = SWITCH_YEAR


@dataclass(frozen=True)
class Line:
    """One line: its kind (``KINDS``), a label and an amount per year (kroner, or hours for the
    hour kinds); ``low``/``high`` an optional three-point estimate per year."""

    kind: str
    label: str
    amounts: tuple[float, ...]
    low: tuple[float, ...] | None = None
    high: tuple[float, ...] | None = None


@dataclass(frozen=True)
class Case:
    first_year: int
    horizon: int
    lines: tuple[Line, ...]
    #: One rate for every year instead of the rates' two; ``None``: the rates'.
    rate: float | None = None


@dataclass(frozen=True)
class Year:
    """One year of the computation, as the "how this is computed" view shows it."""

    index: int
    year: int
    costs: float
    benefits: float
    net: float
    factor: float
    discounted: float
    cumulative: float
    cumulative_discounted: float
    hours_saved: float
    fte_saved: float
    by_kind: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class Outcome:
    """NPV and payback year of one variant of the case (a sensitivity row)."""

    key: str
    npv: float
    payback_year: int | None


@dataclass(frozen=True)
class Evaluation:
    case: Case
    rates: Rates
    years: list[Year]
    npv: float
    payback_year: int | None
    discounted_payback_year: int | None
    early_gains: float
    total_costs: float
    total_benefits: float
    hours_saved: float
    fte_saved_per_year: float
    sensitivity: list[Outcome]
    #: ``{"expected": …, "pessimistic": …, "optimistic": …}`` NPVs, when any line has low/high.
    three_point: dict[str, float] | None


# --- Reading -----------------------------------------------------------------------------------


def _number(value: Any, where: str, problems: list[str]) -> float:
    if isinstance(value, bool):
        problems.append(f"{where}: {value!r} er ikke et tal")
        return 0.0
    if isinstance(value, int | float):
        number = float(value)
    else:
        text = str(value).strip().replace(" ", "")
        if text == "":
            return 0.0
        try:
            number = float(text)
        except ValueError:
            problems.append(f"{where}: {value!r} er ikke et tal")
            return 0.0
    if number != number or number in (float("inf"), float("-inf")):
        problems.append(f"{where}: {value!r} er ikke et tal")
        return 0.0
    return number


def _amounts(
    values: Any,
    horizon: int,
    where: str,
    problems: list[str],
    likely: tuple[float, ...] | None = None,
) -> tuple[float, ...] | None:
    """A line's amounts per year, padded to the horizon with 0. With ``likely`` (a low or high
    estimate beside those amounts) a missing year or an empty cell is the likely amount: no
    spread stated for that year."""
    if values is None:
        return None
    if not isinstance(values, list | tuple):
        problems.append(f"{where}: skal være en liste med et beløb pr. år")
        return None
    if len(values) > horizon:
        problems.append(f"{where}: {len(values)} år, men horisonten er {horizon} år")
    numbers = []
    for i, value in enumerate(values[:horizon]):
        if likely is not None and (value is None or str(value).strip() == ""):
            numbers.append(likely[i])
        else:
            numbers.append(_number(value, f"{where}, år {i}", problems))
    rest = likely[len(numbers) :] if likely is not None else [0.0] * (horizon - len(numbers))
    return tuple([*numbers, *rest])


def case_from_dict(data: Mapping[str, Any]) -> tuple[Case, dict[str, float]]:
    """A case from the documented JSON shape (docs/portfolio-business-cases.md); returns the
    case and any rates the file sets (``hourly_rate``, ``hours_per_fte``). ``CaseError`` lists
    every problem, each with where it is."""
    problems: list[str] = []
    first_year = data.get("first_year")
    horizon = data.get("horizon")
    if not isinstance(first_year, int) or isinstance(first_year, bool) or first_year < 1900:
        problems.append("first_year: skal være et kalenderår, fx 2027")
        first_year = 2000
    if not isinstance(horizon, int) or isinstance(horizon, bool) or not 1 <= horizon <= MAX_HORIZON:
        problems.append(f"horizon: skal være et helt antal år fra 1 til {MAX_HORIZON}")
        # Read the lines against the longest horizon, so that the one bad horizon is not
        # reported again as too many years on every line.
        horizon = MAX_HORIZON
    rate = data.get("rate")
    if isinstance(rate, str) and not rate.strip():
        rate = None  # an empty cell (a CSV's header row): the rates' two, as when left out
    if rate is not None:
        rate = _number(rate, "rate", problems)
        if not 0 <= rate < 1:
            problems.append("rate: skal være en brøk mellem 0 og 1, fx 0.035")
    rates: dict[str, float] = {}
    for key in ("hourly_rate", "hours_per_fte"):
        if data.get(key) is not None and str(data[key]).strip() != "":
            value = _number(data[key], key, problems)
            if value <= 0:
                problems.append(f"{key}: skal være større end 0")
            rates[key] = value
    lines: list[Line] = []
    raw_lines = data.get("lines")
    if not isinstance(raw_lines, list) or not raw_lines:
        problems.append("lines: angiv mindst én linje")
        raw_lines = []
    for n, raw in enumerate(raw_lines, start=1):
        where = f"lines[{n}]"
        if not isinstance(raw, Mapping):
            problems.append(f"{where}: skal være et objekt")
            continue
        kind = raw.get("kind")
        if kind not in KINDS:
            problems.append(f"{where}.kind: {kind!r} er ikke en af {', '.join(KINDS)}")
            continue
        amounts = _amounts(raw.get("amounts"), horizon, f"{where}.amounts", problems)
        if amounts is None:
            problems.append(f"{where}.amounts: mangler")
            continue
        low = _amounts(raw.get("low"), horizon, f"{where}.low", problems, amounts)
        high = _amounts(raw.get("high"), horizon, f"{where}.high", problems, amounts)
        lines.append(
            Line(
                kind=kind, label=str(raw.get("label") or kind), amounts=amounts, low=low, high=high
            )
        )
    if problems:
        raise CaseError(problems)
    return Case(first_year=first_year, horizon=horizon, lines=tuple(lines), rate=rate), rates


# --- Computing ---------------------------------------------------------------------------------


def discount_factors(horizon: int, rates: Rates, rate: float | None = None) -> list[float]:
    """Year *t*'s factor ∏ₖ₌₁ᵗ 1/(1 + rₖ): ``rates.rate_early`` up to ``rates.switch_year``,
    ``rates.rate_late`` after; or ``rate`` for every year when given."""
    factors = [1.0]
    for k in range(1, horizon):
        r = (
            rate
            if rate is not None
            else (rates.rate_early if k <= rates.switch_year else rates.rate_late)
        )
        factors.append(factors[-1] / (1 + r))
    return factors


def _kroner(kind: str, amount: float, rates: Rates) -> float:
    return amount * rates.hourly_rate if kind in HOUR_KINDS else amount


def _payback(first_year: int, nets: Iterable[float]) -> int | None:
    """The first calendar year from which the cumulative net is ≥ 0 in every remaining year of
    the horizon; ``None`` when the horizon ends below 0."""
    cumulative = 0.0
    since: int | None = None
    for i, net in enumerate(nets):
        cumulative += net
        if cumulative < -1e-6:
            since = None
        elif since is None:
            since = i
    return None if since is None else first_year + since


def _flows(case: Case, rates: Rates) -> tuple[list[float], list[float]]:
    costs = [0.0] * case.horizon
    benefits = [0.0] * case.horizon
    for line in case.lines:
        target = costs if line.kind in COST_KINDS else benefits
        for i, amount in enumerate(line.amounts[: case.horizon]):
            target[i] += _kroner(line.kind, amount, rates)
    return costs, benefits


def _npv_of(costs: Sequence[float], benefits: Sequence[float], factors: Sequence[float]) -> float:
    return sum((b - c) * f for c, b, f in zip(costs, benefits, factors, strict=True))


def _outcome(
    key: str, case: Case, costs: list[float], benefits: list[float], factors: list[float]
) -> Outcome:
    nets = [b - c for c, b in zip(costs, benefits, strict=True)]
    return Outcome(key, _npv_of(costs, benefits, factors), _payback(case.first_year, nets))


def _pert(line: Line) -> Line:
    low = line.low or line.amounts
    high = line.high or line.amounts
    expected = tuple(
        (lo + 4 * m + hi) / 6 for lo, m, hi in zip(low, line.amounts, high, strict=True)
    )
    return replace(line, amounts=expected)


def _extreme(line: Line, *, pessimistic: bool) -> Line:
    cost = line.kind in COST_KINDS
    take_high = cost if pessimistic else not cost
    chosen = (line.high if take_high else line.low) or line.amounts
    return replace(line, amounts=chosen)


def evaluate(case: Case, rates: Rates | None = None) -> Evaluation:
    """Every figure of the case, with the computation year by year."""
    rates = rates or Rates()
    if not 1 <= case.horizon <= MAX_HORIZON:
        raise CaseError([f"horisonten skal være 1 til {MAX_HORIZON} år"])
    factors = discount_factors(case.horizon, rates, case.rate)
    costs, benefits = _flows(case, rates)
    hours = [0.0] * case.horizon
    by_kind = [dict.fromkeys(KINDS, 0.0) for _ in range(case.horizon)]
    for line in case.lines:
        for i, amount in enumerate(line.amounts[: case.horizon]):
            by_kind[i][line.kind] += _kroner(line.kind, amount, rates)
            if line.kind == "hours_saved":
                hours[i] += amount
    years: list[Year] = []
    cumulative = cumulative_discounted = 0.0
    for i in range(case.horizon):
        net = benefits[i] - costs[i]
        cumulative += net
        cumulative_discounted += net * factors[i]
        years.append(
            Year(
                index=i,
                year=case.first_year + i,
                costs=costs[i],
                benefits=benefits[i],
                net=net,
                factor=factors[i],
                discounted=net * factors[i],
                cumulative=cumulative,
                cumulative_discounted=cumulative_discounted,
                hours_saved=hours[i],
                fte_saved=hours[i] / rates.hours_per_fte if rates.hours_per_fte else 0.0,
                by_kind=by_kind[i],
            )
        )
    nets = [y.net for y in years]
    delayed = [0.0, *benefits[:-1]]
    sensitivity = [
        _outcome("base", case, costs, benefits, factors),
        _outcome("benefits_minus_25", case, costs, [b * 0.75 for b in benefits], factors),
        _outcome("costs_plus_25", case, [c * 1.25 for c in costs], benefits, factors),
        _outcome("both", case, [c * 1.25 for c in costs], [b * 0.75 for b in benefits], factors),
        _outcome("delay_one_year", case, costs, delayed, factors),
    ]
    three_point = None
    if any(line.low is not None or line.high is not None for line in case.lines):
        three_point = {}
        for key, variant in (
            ("expected", tuple(_pert(line) for line in case.lines)),
            ("pessimistic", tuple(_extreme(line, pessimistic=True) for line in case.lines)),
            ("optimistic", tuple(_extreme(line, pessimistic=False) for line in case.lines)),
        ):
            c, b = _flows(replace(case, lines=variant), rates)
            three_point[key] = _npv_of(c, b, factors)
    total_hours = sum(hours)
    return Evaluation(
        case=case,
        rates=rates,
        years=years,
        npv=sensitivity[0].npv,
        payback_year=_payback(case.first_year, nets),
        discounted_payback_year=_payback(case.first_year, [y.discounted for y in years]),
        early_gains=benefits[0],
        total_costs=sum(costs),
        total_benefits=sum(benefits),
        hours_saved=total_hours,
        fte_saved_per_year=(
            total_hours / case.horizon / rates.hours_per_fte if rates.hours_per_fte else 0.0
        ),
        sensitivity=sensitivity,
        three_point=three_point,
    )


def as_dict(evaluation: Evaluation) -> dict[str, Any]:
    """The figures as plain JSON (``charlie portfolio business-case --format json``): kroner
    rounded to whole kroner, factors to six decimals."""
    return {
        "first_year": evaluation.case.first_year,
        "horizon": evaluation.case.horizon,
        "rate": evaluation.case.rate,
        "rates": {
            "hourly_rate": evaluation.rates.hourly_rate,
            "hours_per_fte": evaluation.rates.hours_per_fte,
            "rate_early": evaluation.rates.rate_early,
            "rate_late": evaluation.rates.rate_late,
            "switch_year": evaluation.rates.switch_year,
        },
        "npv": round(evaluation.npv),
        "payback_year": evaluation.payback_year,
        "discounted_payback_year": evaluation.discounted_payback_year,
        "early_gains": round(evaluation.early_gains),
        "total_costs": round(evaluation.total_costs),
        "total_benefits": round(evaluation.total_benefits),
        "hours_saved": round(evaluation.hours_saved, 1),
        "fte_saved_per_year": round(evaluation.fte_saved_per_year, 2),
        "sensitivity": [
            {"case": o.key, "npv": round(o.npv), "payback_year": o.payback_year}
            for o in evaluation.sensitivity
        ],
        "three_point": (
            {k: round(v) for k, v in evaluation.three_point.items()}
            if evaluation.three_point is not None
            else None
        ),
        "years": [
            {
                "year": y.year,
                "costs": round(y.costs),
                "benefits": round(y.benefits),
                "net": round(y.net),
                "factor": round(y.factor, 6),
                "discounted": round(y.discounted),
                "cumulative": round(y.cumulative),
                "hours_saved": round(y.hours_saved, 1),
                "fte_saved": round(y.fte_saved, 2),
            }
            for y in evaluation.years
        ],
    }
