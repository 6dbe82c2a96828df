"""Business cases (issue 17, point 4; docs/portfolio-business-cases.md): an initiative's case —
horizon, year 0, an optional own discount rate, lines per kind with an amount per year and an
optional three-point estimate, the staff affected and the non-financial benefits — the
municipality's rates, and the figures, which the pure module ``portfolio.businesscase``
computes (never stored).

**Scope.** ``READ_PORTFOLIO`` (HR, managers, analysts) reads cases and figures;
``MANAGE_PORTFOLIO`` (HR, the portfolio owner) edits a case and the rates. An initiative that
does not exist is a 404 (``NotFound``).

**Audit.** A business case holds no personal data (amounts, hours, a count of staff affected;
no names), so reading it writes nothing to the audit log; who changed a case or the rates last
is kept on the row (``updated_by``).

**Other parts** (priorities, reports) use ``evaluations(initiative_ids)``: every case's figures
in three queries, for services that have checked their own permission.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, ValidationFailed
from charlie.portfolio import businesscase as bc
from charlie.portfolio.models import BusinessCase, BusinessCaseLine, Initiative, LineKind, Rates
from charlie.portfolio.permissions import MANAGE_PORTFOLIO, READ_PORTFOLIO
from charlie.portfolio.services.common import today
from charlie.privacy.access import Access

log = logging.getLogger(__name__)

__all__ = [
    "LineInput",
    "business_case_of",
    "case_of",
    "evaluate_file",
    "evaluation_of",
    "evaluations",
    "initiative_by_number",
    "next_year",
    "rates",
    "rates_of",
    "save_business_case",
    "save_rates",
]


# --- From the tables to the pure module ------------------------------------------------------


def rates_of(row: Rates) -> bc.Rates:
    """The pure module's rates from the saved (or default) ``Rates`` row."""
    return bc.Rates(
        hourly_rate=float(row.hourly_rate),
        hours_per_fte=float(row.hours_per_fte),
        rate_early=float(row.rate_early),
        rate_late=float(row.rate_late),
        switch_year=int(row.switch_year),
    )


def _floats(
    values: Any, horizon: int, likely: tuple[float, ...] | None = None
) -> tuple[float, ...] | None:
    """Stored decimal strings as floats, year 0 first, cut or padded to the horizon (a shortened
    horizon leaves no stale years behind): padded with 0, or in a low or high estimate with the
    likely amounts (``likely``)."""
    if values is None:
        return None
    fill = likely if likely is not None else (0.0,) * horizon
    numbers = [
        float(Decimal(str(v))) if v not in (None, "") else fill[i]
        for i, v in enumerate(list(values)[:horizon])
    ]
    return tuple([*numbers, *fill[len(numbers) : horizon]])


def case_of(case: BusinessCase, lines: Iterable[BusinessCaseLine]) -> bc.Case:
    """The pure module's case from a saved case and its lines (in their order)."""
    horizon = int(case.horizon)
    return bc.Case(
        first_year=int(case.first_year),
        horizon=horizon,
        rate=float(case.rate) if case.rate is not None else None,
        lines=tuple(_line_of(line, horizon) for line in lines),
    )


def _line_of(line: BusinessCaseLine, horizon: int) -> bc.Line:
    amounts = _floats(line.amounts, horizon) or (0.0,) * horizon
    return bc.Line(
        kind=line.kind,
        label=line.label,
        amounts=amounts,
        low=_floats(line.low, horizon, amounts),
        high=_floats(line.high, horizon, amounts),
    )


def _evaluate(case: BusinessCase, rates_row: Rates) -> bc.Evaluation | None:
    try:
        return bc.evaluate(case_of(case, case.lines.all()), rates_of(rates_row))
    except (bc.CaseError, InvalidOperation, ValueError, TypeError):
        # Only a case written around the service can get here (the editor validates).
        log.warning("Business case %s cannot be computed", case.pk, exc_info=True)
        return None


def evaluations(initiative_ids: Iterable[int]) -> dict[int, bc.Evaluation]:
    """The figures of every initiative among ``initiative_ids`` that has a business case, by
    initiative id, at the municipality's current rates: three queries whatever the number.
    For other parts' services, which have checked their own permission (the figures hold no
    personal data)."""
    ids = {int(pk) for pk in initiative_ids}
    if not ids:
        return {}
    rates_row = Rates.current()
    cases = BusinessCase.objects.filter(initiative_id__in=ids).prefetch_related("lines")
    result: dict[int, bc.Evaluation] = {}
    for case in cases:
        evaluation = _evaluate(case, rates_row)
        if evaluation is not None:
            result[case.initiative_id] = evaluation
    return result


# --- Reading -----------------------------------------------------------------------------------


def initiative_by_number(access: Access, number: int) -> Initiative:
    """The initiative with this number, for a reader of the portfolio; ``NotFound`` if none."""
    access.require(READ_PORTFOLIO, MANAGE_PORTFOLIO)
    initiative = Initiative.objects.filter(number=number).first()
    if initiative is None:
        raise NotFound(_("Initiativet findes ikke."))
    return initiative


def business_case_of(access: Access, initiative: Initiative) -> BusinessCase | None:
    """The initiative's business case with its lines prefetched, or ``None``."""
    access.require(READ_PORTFOLIO, MANAGE_PORTFOLIO)
    return (
        BusinessCase.objects.filter(initiative=initiative)
        .prefetch_related("lines")
        .select_related("updated_by")
        .first()
    )


def evaluation_of(access: Access, initiative: Initiative) -> bc.Evaluation | None:
    """The figures of the initiative's business case, or ``None`` when it has none."""
    access.require(READ_PORTFOLIO, MANAGE_PORTFOLIO)
    case = BusinessCase.objects.filter(initiative=initiative).prefetch_related("lines").first()
    if case is None:
        return None
    return _evaluate(case, Rates.current())


def next_year() -> int:
    """The calendar year after this one: a new case's suggested year 0."""
    return today().year + 1


def rates(access: Access) -> Rates:
    """The municipality's rates (the defaults until someone saves them)."""
    access.require(READ_PORTFOLIO, MANAGE_PORTFOLIO)
    return Rates.current()


# --- Writing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class LineInput:
    """One line as the editor sends it: amounts per year (year 0 first) as decimals; ``low``
    and ``high`` ``None`` or one value per year."""

    kind: str
    label: str
    amounts: Sequence[Decimal | None]
    low: Sequence[Decimal | None] | None = None
    high: Sequence[Decimal | None] | None = None


def _stored(
    values: Sequence[Decimal | None] | None,
    horizon: int,
    likely: Sequence[Decimal] | None = None,
) -> list[str] | None:
    """Amounts per year as stored, cut or padded to the horizon. An empty or missing year is 0;
    in a low or high estimate (``likely``: the line's amounts) it is the likely amount, as in
    the file formats (``businesscase._amounts``): no spread stated for that year."""
    if values is None:
        return None
    fill = list(likely) if likely is not None else [Decimal(0)] * horizon
    numbers = [fill[i] if v is None else Decimal(v) for i, v in enumerate(list(values)[:horizon])]
    numbers += fill[len(numbers) : horizon]
    return [_decimal_text(n) for n in numbers]


def _decimal_text(number: Decimal) -> str:
    """``Decimal("500000.00")`` as ``"500000"``: plain digits, no exponent, no trailing 0s."""
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def _line_problems(n: int, line: LineInput) -> list[str]:
    problems: list[str] = []
    where = _("Linje %(n)s") % {"n": n}
    if line.kind not in LineKind.values:
        problems.append(_("%(where)s: ukendt art.") % {"where": where})
    if not line.label.strip():
        problems.append(_("%(where)s: skriv en tekst.") % {"where": where})
    for values in (line.amounts, line.low or (), line.high or ()):
        if any(v is not None and v < 0 for v in values):
            problems.append(
                _("%(where)s: beløb og timer skal være 0 eller mere.") % {"where": where}
            )
            break
    return problems


@transaction.atomic
def save_business_case(
    access: Access,
    initiative: Initiative,
    *,
    first_year: int,
    horizon: int,
    rate: Decimal | None,
    staff_affected: int | None,
    staff_note: str,
    non_financial: str,
    lines: Sequence[LineInput],
) -> BusinessCase:
    """Create or replace the initiative's business case: its settings and all its lines (the
    editor sends the whole case). ``ValidationFailed`` lists every problem; nothing is saved
    then."""
    access.require(MANAGE_PORTFOLIO)
    problems: list[str] = []
    if not 1900 <= first_year <= 2200:
        problems.append(_("År 0 skal være et kalenderår, fx 2027."))
    if not 1 <= horizon <= bc.MAX_HORIZON:
        problems.append(
            _("Horisonten skal være 1 til %(max)s år (renten efter år 70 er ikke fastsat).")
            % {"max": bc.MAX_HORIZON}
        )
    if rate is not None and not Decimal(0) <= rate < Decimal(1):
        problems.append(_("Diskonteringsrenten skal være en brøk mellem 0 og 1, fx 0,035."))
    for n, line in enumerate(lines, start=1):
        problems.extend(_line_problems(n, line))
    if problems:
        raise ValidationFailed(problems)
    case, _created = BusinessCase.objects.select_for_update().get_or_create(
        initiative=initiative,
        defaults={"first_year": first_year, "horizon": horizon},
    )
    case.first_year = first_year
    case.horizon = horizon
    case.rate = rate
    case.staff_affected = staff_affected
    case.staff_note = staff_note
    case.non_financial = non_financial
    case.updated_by = access.user
    case.save()
    case.lines.all().delete()
    rows = []
    for order, line in enumerate(lines):
        amounts = _stored(line.amounts, horizon) or []
        likely = [Decimal(v) for v in amounts] or [Decimal(0)] * horizon
        rows.append(
            BusinessCaseLine(
                case=case,
                kind=line.kind,
                label=line.label.strip(),
                amounts=amounts,
                low=_stored(line.low, horizon, likely),
                high=_stored(line.high, horizon, likely),
                order=order,
            )
        )
    BusinessCaseLine.objects.bulk_create(rows)
    return case


@transaction.atomic
def save_rates(
    access: Access,
    *,
    hourly_rate: Decimal,
    hours_per_fte: Decimal,
    rate_early: Decimal,
    rate_late: Decimal,
    switch_year: int,
) -> Rates:
    """Save the municipality's rates (every business case's figures change with them)."""
    access.require(MANAGE_PORTFOLIO)
    problems: list[str] = []
    if hourly_rate <= 0:
        problems.append(_("Kroner pr. time skal være større end 0."))
    if hours_per_fte <= 0:
        problems.append(_("Timer pr. årsværk skal være større end 0."))
    for value in (rate_early, rate_late):
        if not Decimal(0) <= value < Decimal(1):
            problems.append(_("En diskonteringsrente skal være en brøk mellem 0 og 1, fx 0,035."))
            break
    if not 0 <= switch_year < bc.MAX_HORIZON:
        problems.append(_("Skifteåret skal være mellem 0 og 70."))
    if problems:
        raise ValidationFailed(problems)
    row = Rates.objects.select_for_update().order_by("pk").first() or Rates()
    row.hourly_rate = hourly_rate
    row.hours_per_fte = hours_per_fte
    row.rate_early = rate_early
    row.rate_late = rate_late
    row.switch_year = switch_year
    row.updated_by = access.user
    row.save()
    return row


# --- Files (the CLI) ----------------------------------------------------------------------------


def evaluate_file(
    case: bc.Case, file_rates: dict[str, float], *, use_saved_rates: bool = True
) -> bc.Evaluation:
    """The figures of a case read from a file: the municipality's saved rates (or the
    defaults), with the hourly rate and hours per FTE the file sets taking precedence."""
    base = rates_of(Rates.current()) if use_saved_rates else bc.Rates()
    merged = bc.Rates(
        hourly_rate=file_rates.get("hourly_rate", base.hourly_rate),
        hours_per_fte=file_rates.get("hours_per_fte", base.hours_per_fte),
        rate_early=file_rates.get("rate_early", base.rate_early),
        rate_late=file_rates.get("rate_late", base.rate_late),
        switch_year=int(file_rates.get("switch_year", base.switch_year)),
    )
    return bc.evaluate(case, merged)
