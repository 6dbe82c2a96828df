"""Prioritisation (docs/portfolio-priorities.md): the criteria and their manual scores, each
initiative's value, costs and hours loaded for the optimiser, the exact and the greedy run,
the reason per initiative in words, and saved scenarios to compare.

The candidates are the initiatives in the stages idé, analyse and besluttet. An initiative's
costs per calendar year are its business case's investment and running lines (kroner), its
hours the ``staff_hours`` lines, read through the cases part (``cases.evaluations``: the pure
``businesscase`` module's case and figures). A candidate without a business case is not
prioritised and says so, nor is one that needs such a candidate (a must-do is, regardless). A
dependency on an initiative that is not a candidate (it is running or done) counts as met. No
personal data is read or written here (titles and figures only), so nothing goes to the audit
log; a scenario keeps who saved it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.formats import format_number
from charlie.portfolio import prioritise
from charlie.portfolio.models import (
    Criterion,
    CriterionSource,
    Initiative,
    Scenario,
    Score,
    Stage,
)
from charlie.portfolio.permissions import MANAGE_PORTFOLIO, READ_PORTFOLIO
from charlie.portfolio.services import cases
from charlie.portfolio.services.common import today
from charlie.privacy.access import Access

#: The stages whose initiatives are prioritised.
CANDIDATE_STAGES = (Stage.IDEA, Stage.ANALYSIS, Stage.DECIDED)
#: The longest window of years a run may cover.
MAX_YEARS = 10


# --- Criteria and scores -----------------------------------------------------------------------


def require_read(access: Access) -> None:
    access.require(READ_PORTFOLIO)


def require_manage(access: Access) -> None:
    access.require(MANAGE_PORTFOLIO)


def can_manage(access: Access) -> bool:
    return access.can(MANAGE_PORTFOLIO)


def criterion(access: Access, criterion_id: int) -> Criterion:
    access.require(MANAGE_PORTFOLIO)
    found = Criterion.objects.filter(pk=criterion_id).first()
    if found is None:
        raise NotFound
    return found


def criteria(access: Access, *, active_only: bool = False) -> list[Criterion]:
    access.require(READ_PORTFOLIO)
    rows = Criterion.objects.all()
    if active_only:
        rows = rows.filter(active=True)
    return list(rows)


@transaction.atomic
def save_criterion(
    access: Access,
    *,
    criterion_id: int | None = None,
    name: str,
    source: str,
    weight: Decimal,
    higher_is_better: bool = True,
    active: bool = True,
) -> Criterion:
    access.require(MANAGE_PORTFOLIO)
    problems = []
    if not name.strip():
        problems.append(_("Giv kriteriet et navn."))
    if source not in CriterionSource.values:
        problems.append(_("Vælg et grundlag for kriteriet."))
    if weight is None or weight < 0:
        problems.append(_("Vægten skal være 0 eller mere."))
    if problems:
        raise ValidationFailed(problems)
    found = (
        Criterion(order=Criterion.objects.count())
        if criterion_id is None
        else Criterion.objects.filter(pk=criterion_id).first()
    )
    if found is None:
        raise NotFound
    found.name = name.strip()
    found.source = source
    found.weight = weight
    found.higher_is_better = higher_is_better
    found.active = active
    found.save()
    return found


def score_table(access: Access) -> dict[str, Any]:
    """The candidates with their manual scores and computed values, for the scores page."""
    access.require(READ_PORTFOLIO)
    loaded = load(today().year, 5)
    manual = [c for c in loaded.criteria if c.source == CriterionSource.MANUAL]
    ids = {i.number: i.pk for i in candidates()}
    stored = manual_scores(list(ids.values()))
    rows = []
    for c in loaded.candidates:
        own = stored.get(ids[c.number], {})
        rows.append(
            {
                "candidate": c,
                "manual": [(criterion, own.get(criterion.pk)) for criterion in manual],
                "computed": [
                    (criterion, c.scores.get(str(criterion.pk), 0.0))
                    for criterion in loaded.criteria
                    if criterion.source != CriterionSource.MANUAL
                ],
            }
        )
    return {
        "manual": manual,
        "computed": [c for c in loaded.criteria if c.source != CriterionSource.MANUAL],
        "rows": rows,
    }


def candidates() -> list[Initiative]:
    return list(
        Initiative.objects.filter(stage__in=CANDIDATE_STAGES)
        .prefetch_related("depends_on")
        .order_by("number")
    )


def candidate(access: Access, number: int) -> Initiative:
    access.require(READ_PORTFOLIO)
    initiative = Initiative.objects.filter(number=number, stage__in=CANDIDATE_STAGES).first()
    if initiative is None:
        raise NotFound
    return initiative


def manual_scores(initiative_ids: Sequence[int]) -> dict[int, dict[int, int]]:
    """initiative id → criterion id → score, for the manual criteria."""
    scores: dict[int, dict[int, int]] = {}
    for initiative_id, criterion_id, value in Score.objects.filter(
        initiative_id__in=initiative_ids
    ).values_list("initiative_id", "criterion_id", "value"):
        scores.setdefault(initiative_id, {})[criterion_id] = value
    return scores


@transaction.atomic
def set_scores(access: Access, number: int, scores: dict[int, int | None]) -> None:
    """An initiative's manual scores (criterion id → 0–5, or None to clear)."""
    access.require(MANAGE_PORTFOLIO)
    initiative = candidate(access, number)
    manual = set(
        Criterion.objects.filter(source=CriterionSource.MANUAL).values_list("pk", flat=True)
    )
    problems = []
    for criterion_id, value in scores.items():
        if criterion_id not in manual:
            problems.append(_("Kriteriet %(id)s scores ikke manuelt.") % {"id": criterion_id})
        elif value is not None and not 0 <= value <= 5:
            problems.append(_("En score skal være et helt tal fra 0 til 5."))
    if problems:
        raise ValidationFailed(problems)
    for criterion_id, value in scores.items():
        if value is None:
            Score.objects.filter(initiative=initiative, criterion_id=criterion_id).delete()
        else:
            Score.objects.update_or_create(
                initiative=initiative, criterion_id=criterion_id, defaults={"value": value}
            )


# --- Loading the figures -----------------------------------------------------------------------


@dataclass(frozen=True)
class Candidate:
    number: int
    title: str
    stage: str
    has_case: bool
    npv: float | None
    early_gains: float | None
    beacons: int
    scores: dict[str, float]  # criterion id (str) → 0–5, and "total"


@dataclass(frozen=True)
class Portfolio:
    first_year: int
    years: int
    candidates: list[Candidate]
    items: list[prioritise.Item]
    criteria: list[Criterion]
    #: Candidates with a business case that need a candidate without one.
    waiting: set[int]


def load(first_year: int, years: int) -> Portfolio:
    """Every candidate with its value, and the items (those with a business case) for the
    optimiser over ``years`` years from ``first_year``."""
    initiatives = candidates()
    ids = [i.pk for i in initiatives]
    # The business cases' figures through the cases part (three queries, the municipality's
    # rates); a case that cannot be computed counts as none.
    evaluations = cases.evaluations(ids)
    beacon_counts: dict[int, int] = {}
    through = Initiative.beacons.through
    for initiative_id in through.objects.filter(initiative_id__in=ids).values_list(
        "initiative_id", flat=True
    ):
        beacon_counts[initiative_id] = beacon_counts.get(initiative_id, 0) + 1
    active = list(Criterion.objects.filter(active=True))
    manual = manual_scores(ids)
    raw: dict[int, dict[str, float | None]] = {}
    for initiative in initiatives:
        evaluation = evaluations.get(initiative.pk)
        row: dict[str, float | None] = {}
        for criterion in active:
            if criterion.source == CriterionSource.NPV:
                row[str(criterion.pk)] = evaluation.npv if evaluation else None
            elif criterion.source == CriterionSource.EARLY:
                row[str(criterion.pk)] = evaluation.early_gains if evaluation else None
            elif criterion.source == CriterionSource.BEACONS:
                row[str(criterion.pk)] = float(beacon_counts.get(initiative.pk, 0))
            else:
                value = manual.get(initiative.pk, {}).get(criterion.pk)
                row[str(criterion.pk)] = float(value) if value is not None else None
        raw[initiative.number] = row
    specs = [
        prioritise.CriterionSpec(
            str(c.pk),
            float(c.weight),
            higher_is_better=c.higher_is_better,
            scaled=c.source != CriterionSource.MANUAL,
        )
        for c in active
    ]
    scored = prioritise.values(specs, raw)
    # Those that need (directly or through others) a candidate without a business case wait
    # for that case; a must-do is prioritised regardless.
    with_case = {i.number for i in initiatives if i.pk in evaluations}
    needs = {
        i.number: {d.number for d in i.depends_on.all() if d.stage in CANDIDATE_STAGES}
        for i in initiatives
    }
    must = {i.number for i in initiatives if i.must_do}
    waiting: set[int] = set()
    changed = True
    while changed:
        changed = False
        for number in with_case - waiting - must:
            if any(d not in with_case or d in waiting for d in needs[number]):
                waiting.add(number)
                changed = True
    numbers = with_case - waiting
    out: list[Candidate] = []
    items: list[prioritise.Item] = []
    for initiative in initiatives:
        evaluation = evaluations.get(initiative.pk)
        out.append(
            Candidate(
                number=initiative.number,
                title=initiative.title,
                stage=initiative.stage,
                has_case=evaluation is not None,
                npv=evaluation.npv if evaluation else None,
                early_gains=evaluation.early_gains if evaluation else None,
                beacons=beacon_counts.get(initiative.pk, 0),
                scores=scored[initiative.number],
            )
        )
        if evaluation is None or initiative.number not in numbers:
            continue
        costs = [0.0] * years
        hours = [0.0] * years
        case = evaluation.case
        for line in case.lines:
            for i, amount in enumerate(line.amounts):
                t = case.first_year + i - first_year
                if not 0 <= t < years:
                    continue
                if line.kind in ("investment", "running"):
                    costs[t] += amount
                elif line.kind == "staff_hours":
                    hours[t] += amount
        items.append(
            prioritise.Item(
                key=initiative.number,
                value=scored[initiative.number]["total"],
                costs=tuple(costs),
                hours=tuple(hours),
                depends_on=tuple(
                    sorted(d.number for d in initiative.depends_on.all() if d.number in numbers)
                ),
                must_do=initiative.must_do,
                title=initiative.title,
            )
        )
    return Portfolio(first_year, years, out, items, active, waiting)


# --- Running -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Run:
    portfolio: Portfolio
    limits: prioritise.Limits
    exact: prioritise.Result
    greedy: prioritise.Result


def _limit_row(values: Sequence[float | None] | float | None, years: int) -> tuple:
    if values is None or isinstance(values, int | float | Decimal):
        return (None if values is None else float(values),) * years
    row = [None if v is None else float(v) for v in values]
    if len(row) == 1:
        return (row[0],) * years
    if len(row) != years:
        raise ValidationFailed(
            [_("Angiv ét beløb for alle år eller ét for hvert af de %(n)s år.") % {"n": years}]
        )
    return tuple(row)


def run(
    access: Access,
    *,
    first_year: int,
    years: int,
    budget: Sequence[float | None] | float | None,
    hours: Sequence[float | None] | float | None,
    time_limit: float = prioritise.TIME_LIMIT,
) -> Run:
    """The exact and the greedy choice under these limits (one value for every year, or one per
    year; None: no limit)."""
    access.require(READ_PORTFOLIO)
    problems = []
    if not 1 <= years <= MAX_YEARS:
        problems.append(_("Antal år skal være fra 1 til %(n)s.") % {"n": MAX_YEARS})
    if not 1900 < first_year < 3000:
        problems.append(_("Første år skal være et kalenderår, fx 2027."))
    if problems:
        raise ValidationFailed(problems)
    limits = prioritise.Limits(first_year, _limit_row(budget, years), _limit_row(hours, years))
    if any(v is not None and v < 0 for v in (*limits.budget, *limits.hours)):
        raise ValidationFailed([_("Budget og timer kan ikke være negative.")])
    portfolio = load(first_year, years)
    exact = prioritise.solve(portfolio.items, limits, time_limit=time_limit)
    heuristic = prioritise.greedy(portfolio.items, limits)
    return Run(portfolio, limits, exact, heuristic)


def _kr(amount: float | None) -> str:
    return format_number(round(amount or 0))


def reason_text(reason: prioritise.Reason | None, *, titles: dict[int, str] | None = None) -> str:
    """The reason in Danish words."""
    titles = titles or {}

    def names(keys: Sequence[int]) -> str:
        return ", ".join(f"{k}. {titles.get(k, '')}".strip() for k in keys)

    if reason is None:
        return _("Ikke med: initiativet har ingen business case endnu.")
    code = reason.code
    if code == "must_do":
        return _("Valgt: skal gennemføres.")
    if code == "required":
        return _("Valgt: forudsætning for %(names)s.") % {"names": names(reason.keys)}
    if code == "chosen":
        return _("Valgt: giver mest værdi inden for budget og timer.")
    if code == "dependency":
        return _("Ikke valgt: forudsætter %(names)s, som ikke er valgt.") % {
            "names": names(reason.keys)
        }
    if code in ("budget", "hours"):
        if code == "budget":
            text = _(
                "Ikke valgt: budgettet i %(year)s rækker ikke "
                "(kræver %(need)s kr., %(left)s kr. tilbage)."
            )
        else:
            text = _(
                "Ikke valgt: timerne i %(year)s rækker ikke "
                "(kræver %(need)s timer, %(left)s tilbage)."
            )
        text = text % {"year": reason.year, "need": _kr(reason.need), "left": _kr(reason.left)}
        if reason.cheaper:
            text += " " + _("Det giver mindre værdi pr. krone end de valgte.")
        else:
            text += " " + _("De valgte giver tilsammen mere værdi.")
        return text
    if code == "no_value":
        return _("Ikke valgt: værdien er 0.")
    return _("Ikke valgt, selv om det kunne være med: beregningen blev stoppet af tidsgrænsen.")


def as_dict(result: Run) -> dict[str, Any]:
    """The run as plain JSON (the CLI's ``--format json``, a scenario's ``result``)."""
    titles = {c.number: c.title for c in result.portfolio.candidates}
    exact = prioritise.as_dict(result.exact, result.portfolio.items)
    greedy_data = prioritise.as_dict(result.greedy)
    initiatives = []
    for c in result.portfolio.candidates:
        reason = result.exact.reasons.get(c.number)
        no_reason = "waiting" if c.number in result.portfolio.waiting else "no_business_case"
        if reason is None and c.has_case and result.exact.status == prioritise.INFEASIBLE:
            no_reason = "infeasible"
        initiatives.append(
            {
                "number": c.number,
                "title": c.title,
                "stage": c.stage,
                "has_business_case": c.has_case,
                "value": round(c.scores["total"], 3),
                "npv": None if c.npv is None else round(c.npv),
                "chosen": bool(reason and reason.chosen),
                "chosen_by_greedy": c.number in result.greedy.chosen,
                "reason": reason.code if reason else no_reason,
                "reason_text": (
                    reason_text(reason, titles=titles)
                    if reason or no_reason == "no_business_case"
                    else _("Ikke med: forudsætter et initiativ, der mangler en business case.")
                    if no_reason == "waiting"
                    else _("Ikke beregnet: det, der skal gennemføres, kan ikke nås i grænserne.")
                ),
            }
        )
    figures = {i["number"]: i for i in exact.pop("initiatives", [])}
    for row in initiatives:
        item = figures.get(row["number"])
        row["costs"] = item["costs"] if item else None
        row["hours"] = item["hours"] if item else None
        row["depends_on"] = item["depends_on"] if item else []
        row["must_do"] = item["must_do"] if item else False
    return {
        "first_year": result.limits.first_year,
        "years": result.exact.limits.years if result.exact.limits else 0,
        "budget": list(result.limits.budget),
        "hours_limit": list(result.limits.hours),
        "status": result.exact.status,
        "optimal": result.exact.optimal,
        "gap": result.exact.gap,
        "seconds": round(result.exact.seconds, 3),
        "chosen": list(result.exact.chosen),
        "value": round(result.exact.value, 3),
        "costs": exact["costs"],
        "hours": exact["hours"],
        "problems": exact["problems"],
        "problem_texts": [problem_text(p) for p in result.exact.problems],
        "greedy": {
            "chosen": greedy_data["chosen"],
            "value": greedy_data["value"],
            "costs": greedy_data["costs"],
            "hours": greedy_data["hours"],
        },
        "initiatives": initiatives,
    }


def problem_text(problem: prioritise.Problem) -> str:
    keys = ", ".join(str(k) for k in problem.keys)
    if problem.kind == "budget":
        text = _(
            "Initiativerne, der skal gennemføres (%(keys)s med forudsætninger), koster "
            "%(need)s kr. i %(year)s, men budgettet er %(limit)s kr."
        )
    else:
        text = _(
            "Initiativerne, der skal gennemføres (%(keys)s med forudsætninger), kræver "
            "%(need)s timer i %(year)s, men grænsen er %(limit)s timer."
        )
    return text % {
        "keys": keys,
        "need": _kr(problem.need),
        "year": problem.year,
        "limit": _kr(problem.limit),
    }


# --- Scenarios ---------------------------------------------------------------------------------


@transaction.atomic
def save_scenario(access: Access, *, name: str, result: Run) -> Scenario:
    access.require(MANAGE_PORTFOLIO)
    if not name.strip():
        raise ValidationFailed([_("Giv scenariet et navn.")])
    return Scenario.objects.create(
        name=name.strip(),
        first_year=result.limits.first_year,
        years=result.limits.years,
        budget=list(result.limits.budget),
        hours=list(result.limits.hours),
        weights={str(c.pk): str(c.weight) for c in result.portfolio.criteria},
        result=as_dict(result),
        created_by=access.user,
    )


def scenarios(access: Access) -> list[Scenario]:
    access.require(READ_PORTFOLIO)
    return list(Scenario.objects.all())


def scenario(access: Access, pk: int) -> Scenario:
    access.require(READ_PORTFOLIO)
    found = Scenario.objects.filter(pk=pk).first()
    if found is None:
        raise NotFound
    return found


def compare(access: Access, first: int, second: int) -> dict[str, Any]:
    """Two saved scenarios side by side: the limits and totals of each, and every initiative
    with whether each chose it."""
    a, b = scenario(access, first), scenario(access, second)
    rows: dict[int, dict[str, Any]] = {}
    for side, sc in (("a", a), ("b", b)):
        for row in sc.result.get("initiatives", []):
            entry = rows.setdefault(row["number"], {"number": row["number"], "title": row["title"]})
            entry[side] = row["chosen"]
            entry[f"{side}_reason"] = row["reason_text"]
    ordered = sorted(rows.values(), key=lambda r: r["number"])
    for row in ordered:
        row["differs"] = row.get("a") != row.get("b")
    return {"a": a, "b": b, "rows": ordered}
