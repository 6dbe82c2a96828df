"""Benefits realisation (issue 17, point 7): an initiative's planned benefits, each with an owner
and dates, followed in periods (a quarter or a year) with a planned value; the owner or the
portfolio owner enters the realised value of each period, and the pages set the plan against
what was realised (docs/portfolio-benefits.md; the arithmetic is ``portfolio.realisation``).

Who: readers of the portfolio (``READ_PORTFOLIO``) see every benefit; a benefit's owner sees
and enters the realised values of their own; the portfolio owner (``MANAGE_PORTFOLIO``) creates,
edits and plans. Every page that shows an owner's name records the read; every write is logged.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.formats import format_date
from charlie.core.workqueue import QueueItem, QueueRow, Urgency
from charlie.people import services as people
from charlie.people.models import Person
from charlie.portfolio import realisation
from charlie.portfolio.models import Benefit, BenefitKind, BenefitPeriod, Initiative
from charlie.portfolio.permissions import MANAGE_PORTFOLIO, READ_PORTFOLIO
from charlie.portfolio.services.common import CATEGORY, for_portfolio, mine_row, today
from charlie.portfolio.services.initiatives import sees_names
from charlie.privacy.access import Access
from charlie.privacy.models import Action

__all__ = [
    "AUDIT_DETAILS",
    "BenefitLine",
    "BenefitPage",
    "benefit_list",
    "benefit_page",
    "create_benefit",
    "enter_periods",
    "initiative_benefits",
    "my_data",
    "queue_items",
    "summaries_by_initiative",
    "update_benefit",
]

DETAIL_LIST = gettext_noop("gevinster")
DETAIL_PAGE = gettext_noop("gevinst")
DETAIL_INITIATIVE = gettext_noop("initiativets gevinster")
DETAIL_SAVE = gettext_noop("gevinst gemt")
DETAIL_ENTER = gettext_noop("realiserede værdier")
AUDIT_DETAILS = (DETAIL_LIST, DETAIL_PAGE, DETAIL_INITIATIVE, DETAIL_SAVE, DETAIL_ENTER)

#: Rows of overdue periods shown on the front page (the link leads to the rest).
QUEUE_ROWS = 5


# --- Reading ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class PeriodLine:
    period: BenefitPeriod
    due: bool

    @property
    def missing(self) -> bool:
        return self.due and self.period.realised is None

    @property
    def difference(self) -> Decimal | None:
        if self.period.realised is None:
            return None
        return self.period.realised - self.period.planned


@dataclass(frozen=True)
class BenefitLine:
    """One benefit with its owner's name and its plan against what was realised."""

    benefit: Benefit
    owner_name: str
    summary: realisation.Summary

    @property
    def unit(self) -> str:
        return unit_of(self.benefit)


@dataclass
class BenefitPage:
    """One benefit: its periods and what the caller may do with them."""

    line: BenefitLine
    periods: list[PeriodLine]
    can_manage: bool
    can_enter: bool
    on: date = field(default_factory=today)

    @property
    def benefit(self) -> Benefit:
        return self.line.benefit


def unit_of(benefit: Benefit) -> str:
    """What the benefit's values are counted in ("timer", "kr." or its own measure)."""
    if benefit.kind == BenefitKind.HOURS:
        return _("timer")
    if benefit.kind == BenefitKind.KRONER:
        return _("kr.")
    return benefit.measure or _("enheder")


def names_visible(access: Access) -> bool:
    """Whether the caller may see the names of owners: HR and managers, not the analyst, who
    sees aggregates only (the initiatives part's ``sees_names``; DESIGN.md, "Roles and
    scopes"). Everyone sees their own name."""
    return sees_names(access)


def _name(person: Person | None) -> str:
    return f"{person.first_name} {person.last_name}" if person is not None else ""


def periods_of(benefit: Benefit) -> list[realisation.Period]:
    return [
        realisation.Period(p.period_start, p.period_end, p.planned, p.realised)
        for p in benefit.periods.all()
    ]


def _line(benefit: Benefit, on: date, access: Access) -> BenefitLine:
    shown = names_visible(access) or _is_owner(access, benefit)
    return BenefitLine(
        benefit,
        _name(benefit.owner) if shown else "",
        realisation.summarise(periods_of(benefit), on),
    )


def _record_owners(access: Access, benefits: Iterable[Benefit], detail: str) -> None:
    """Record the owners shown as read (none are shown to a caller without a purpose, except
    their own)."""
    owners = {
        b.owner_id
        for b in benefits
        if b.owner_id is not None and (names_visible(access) or b.owner_id == access.person_id)
    }
    for_portfolio(access).record_read(owners, category=CATEGORY, detail=detail)


def _benefits() -> Any:
    return Benefit.objects.select_related("initiative", "owner").prefetch_related("periods")


#: Benefits on one page of the list.
PAGE_SIZE = 50


def benefit_list(
    access: Access, *, status: str = "", query: str = "", page: int = 1
) -> Page[BenefitLine]:
    """One page of every benefit for readers of the portfolio, by initiative. ``status``:
    "missing" (a due period lacks its realised value), "behind" (realised less than planned so
    far) or "" (all); ``query`` searches the benefit's and the initiative's text. The owners on
    the page are recorded as read."""
    access.require(READ_PORTFOLIO)
    on = today()
    benefits = _benefits().order_by("initiative__number", "start", "pk")
    if query.strip():
        text = query.strip()
        benefits = benefits.filter(
            Q(description__icontains=text) | Q(initiative__title__icontains=text)
        )
    lines = [_line(b, on, access) for b in benefits]
    if status == "missing":
        lines = [line for line in lines if line.summary.missing]
    elif status == "behind":
        lines = [line for line in lines if line.summary.difference < 0]
    shown = Paginator(lines, PAGE_SIZE).get_page(page)
    _record_owners(access, (line.benefit for line in shown.object_list), DETAIL_LIST)
    return shown


def _initiative(number: int) -> Initiative:
    found = Initiative.objects.filter(number=number).select_related("forvaltning").first()
    if found is None:
        raise NotFound
    return found


@dataclass
class InitiativeBenefits:
    initiative: Initiative
    lines: list[BenefitLine]
    can_manage: bool


def initiative_benefits(access: Access, number: int) -> InitiativeBenefits:
    """An initiative's benefits with their plans against what was realised."""
    access.require(READ_PORTFOLIO)
    initiative = _initiative(number)
    on = today()
    lines = [_line(b, on, access) for b in _benefits().filter(initiative=initiative)]
    _record_owners(access, (line.benefit for line in lines), DETAIL_INITIATIVE)
    return InitiativeBenefits(initiative, lines, access.can(MANAGE_PORTFOLIO))


def _is_owner(access: Access, benefit: Benefit) -> bool:
    return access.person_id is not None and benefit.owner_id == access.person_id


def _benefit_for(access: Access, benefit_id: int) -> Benefit:
    """The benefit if the caller reads the portfolio or owns it; 404 for anyone else, so an
    employee cannot learn which benefits exist."""
    benefit = _benefits().filter(pk=benefit_id).first()
    if benefit is None:
        raise NotFound
    if not (access.can(READ_PORTFOLIO) or _is_owner(access, benefit)):
        if access.is_authenticated:
            raise NotFound
        raise PermissionDenied
    return benefit


def benefit_page(access: Access, benefit_id: int) -> BenefitPage:
    benefit = _benefit_for(access, benefit_id)
    on = today()
    _record_owners(access, [benefit], DETAIL_PAGE)
    can_manage = access.can(MANAGE_PORTFOLIO)
    return BenefitPage(
        line=_line(benefit, on, access),
        periods=[PeriodLine(p, p.period_end < on) for p in benefit.periods.all()],
        can_manage=can_manage,
        can_enter=can_manage or _is_owner(access, benefit),
        on=on,
    )


def summaries_by_initiative(
    initiative_ids: Iterable[int] | None = None, *, on: date | None = None
) -> dict[int, dict[str, realisation.Summary]]:
    """Plans against realised values per initiative and per kind ("hours", "kroner", "other"),
    for the overview and the report (no names: nothing to record). ``None``: every initiative."""
    on = on or today()
    periods = BenefitPeriod.objects.select_related("benefit").order_by("period_start")
    if initiative_ids is not None:
        periods = periods.filter(benefit__initiative_id__in=list(initiative_ids))
    grouped: dict[tuple[int, str], list[realisation.Period]] = {}
    for p in periods:
        key = (p.benefit.initiative_id, p.benefit.kind)
        grouped.setdefault(key, []).append(
            realisation.Period(p.period_start, p.period_end, p.planned, p.realised)
        )
    out: dict[int, dict[str, realisation.Summary]] = {}
    for (initiative_id, kind), rows in grouped.items():
        out.setdefault(initiative_id, {})[kind] = realisation.summarise(rows, on)
    return out


# --- Writing ---------------------------------------------------------------------------------


def owner_by_number(access: Access, employee_number: str) -> int | None:
    """The owner chosen by employee number (within the caller's scope); None when blank."""
    number = (employee_number or "").strip()
    if not number:
        return None
    person_id = people.person_id_by_employee_number(number)
    if person_id is None:
        raise ValidationFailed(
            [_("Der er ingen medarbejder med medarbejdernummer %(n)s.") % {"n": number}],
            field="owner",
        )
    try:
        people.ensure_in_scope(access, person_id)
    except NotFound as exc:
        raise ValidationFailed(
            [_("Medarbejder %(n)s er ikke i dit område.") % {"n": number}], field="owner"
        ) from exc
    return person_id


def _bounds(start: date, end: date, period: str) -> list[tuple[date, date]]:
    months = realisation.PERIOD_MONTHS.get(period)
    if months is None:
        raise ValidationFailed([_("Vælg kvartal eller år som periode.")], field="period")
    if end < start:
        raise ValidationFailed([_("Slutdatoen skal være efter startdatoen.")], field="end")
    try:
        return realisation.period_bounds(start, end, months)
    except ValueError as exc:
        raise ValidationFailed(
            [
                _("Højst %(n)s perioder: vælg år som periode, eller en kortere tid.")
                % {"n": realisation.MAX_PERIODS}
            ],
            field="end",
        ) from exc


def _check_kind(kind: str, measure: str) -> None:
    if kind not in BenefitKind.values:
        raise ValidationFailed([_("Vælg, hvad gevinsten måles i.")], field="kind")
    if kind == BenefitKind.OTHER and not measure.strip():
        raise ValidationFailed(
            [_("Skriv, hvad gevinsten måles i, fx »sager« eller »kørte km«.")], field="measure"
        )


def _log_write(access: Access, benefit: Benefit, *, detail: str) -> None:
    if benefit.owner_id is not None:
        for_portfolio(access).record(
            [benefit.owner_id], action=Action.UPDATE, category=CATEGORY, detail=detail
        )


@transaction.atomic
def create_benefit(
    access: Access,
    *,
    number: int,
    description: str,
    kind: str,
    measure: str = "",
    owner: str = "",
    start: date,
    end: date,
    period: str,
    planned_per_period: Decimal,
) -> Benefit:
    """A planned benefit of initiative ``number`` with its periods from ``start`` to ``end``,
    each planned at ``planned_per_period`` (edit them one by one afterwards). ``owner``: the
    owner's employee number, or blank."""
    access.require(MANAGE_PORTFOLIO)
    initiative = _initiative(number)
    _check_kind(kind, measure)
    bounds = _bounds(start, end, period)
    benefit = Benefit.objects.create(
        initiative=initiative,
        description=description.strip(),
        kind=kind,
        measure=measure.strip() if kind == BenefitKind.OTHER else "",
        owner_id=owner_by_number(access, owner),
        start=start,
        end=end,
    )
    BenefitPeriod.objects.bulk_create(
        BenefitPeriod(benefit=benefit, period_start=a, period_end=b, planned=planned_per_period)
        for a, b in bounds
    )
    _log_write(access, benefit, detail=DETAIL_SAVE)
    return benefit


def period_of(benefit: Benefit) -> str:
    """The benefit's period length as a form value ("quarter" or "year")."""
    starts = [p.period_start for p in benefit.periods.all()[:2]]
    if len(starts) == 2 and realisation.months_between(*starts) == 12:
        return "year"
    if len(starts) < 2 and realisation.months_between(benefit.start, benefit.end) >= 12:
        return "year"
    return "quarter"


def benefit_for_edit(access: Access, benefit_id: int) -> Benefit:
    """The benefit for the edit form, which shows its owner's employee number (recorded)."""
    access.require(MANAGE_PORTFOLIO)
    benefit = _benefit_for(access, benefit_id)
    _record_owners(access, [benefit], DETAIL_PAGE)
    return benefit


@transaction.atomic
def update_benefit(
    access: Access,
    benefit_id: int,
    *,
    description: str,
    kind: str,
    measure: str = "",
    owner: str = "",
    start: date,
    end: date,
    period: str,
    planned_per_period: Decimal | None = None,
) -> Benefit:
    """Change a benefit. New dates or a new period length lay out the periods again: a period
    that starts on the same day keeps its planned and realised values; a new one is planned at
    ``planned_per_period`` (0 when blank); one that falls away must not hold a realised value.
    ``planned_per_period`` given sets every period's plan."""
    access.require(MANAGE_PORTFOLIO)
    benefit = Benefit.objects.select_for_update().filter(pk=benefit_id).first()
    if benefit is None:
        raise NotFound
    _check_kind(kind, measure)
    bounds = _bounds(start, end, period)
    old_owner = benefit.owner_id
    existing = {p.period_start: p for p in benefit.periods.all()}
    starts = {a for a, _b in bounds}
    lost = [p for s, p in existing.items() if s not in starts and p.realised is not None]
    if lost:
        raise ValidationFailed(
            [
                _(
                    "Perioden fra %(day)s har en realiseret værdi og ville falde væk. Behold "
                    "datoerne og periodelængden, eller slet værdien først."
                )
                % {"day": format_date(p.period_start)}
                for p in lost
            ],
            field="start",
        )
    benefit.description = description.strip()
    benefit.kind = kind
    benefit.measure = measure.strip() if kind == BenefitKind.OTHER else ""
    benefit.owner_id = owner_by_number(access, owner)
    benefit.start, benefit.end = start, end
    benefit.save()
    BenefitPeriod.objects.filter(benefit=benefit).exclude(period_start__in=starts).delete()
    for a, b in bounds:
        kept = existing.get(a)
        if kept is None:
            BenefitPeriod.objects.create(
                benefit=benefit,
                period_start=a,
                period_end=b,
                planned=planned_per_period if planned_per_period is not None else Decimal(0),
            )
            continue
        kept.period_end = b
        if planned_per_period is not None:
            kept.planned = planned_per_period
        kept.save(update_fields=["period_end", "planned"])
    _log_write(access, benefit, detail=DETAIL_SAVE)
    if old_owner is not None and old_owner != benefit.owner_id:
        for_portfolio(access).record(
            [old_owner], action=Action.UPDATE, category=CATEGORY, detail=DETAIL_SAVE
        )
    return benefit


@dataclass(frozen=True)
class PeriodInput:
    """What was typed for one period: the plan (the portfolio owner only) and the realised
    value (None: not known yet) with a note."""

    planned: Decimal | None
    realised: Decimal | None
    note: str = ""


@transaction.atomic
def enter_periods(
    access: Access, benefit_id: int, values: Mapping[int, PeriodInput]
) -> list[BenefitPeriod]:
    """Save the realised values (and, for the portfolio owner, the plans) of a benefit's
    periods, by period id. The owner may enter realised values and notes, not change the plan;
    a realised value for a period that has not begun is refused."""
    benefit = _benefit_for(access, benefit_id)
    can_manage = access.can(MANAGE_PORTFOLIO)
    if not (can_manage or _is_owner(access, benefit)):
        raise PermissionDenied
    periods = {p.pk: p for p in BenefitPeriod.objects.select_for_update().filter(benefit=benefit)}
    unknown = set(values) - set(periods)
    if unknown:
        raise ValidationFailed([_("En af perioderne hører ikke til gevinsten. Hent siden igen.")])
    on = today()
    problems: list[str] = []
    changed: list[BenefitPeriod] = []
    now = timezone.now()
    for pk, given in values.items():
        period = periods[pk]
        if given.realised is not None and period.period_start > on:
            problems.append(
                _("Perioden fra %(day)s er ikke begyndt: der kan ikke være realiseret noget endnu.")
                % {"day": format_date(period.period_start)}
            )
            continue
        planned = period.planned
        if can_manage and given.planned is not None:
            planned = given.planned
        note = given.note.strip()[:300]
        if (planned, given.realised, note) == (period.planned, period.realised, period.note):
            continue
        if given.realised != period.realised or note != period.note:
            period.entered_by = access.user
            period.entered_at = now
        period.planned, period.realised, period.note = planned, given.realised, note
        changed.append(period)
    if problems:
        raise ValidationFailed(problems)
    BenefitPeriod.objects.bulk_update(
        changed, ["planned", "realised", "note", "entered_by", "entered_at"]
    )
    if changed:
        _log_write(access, benefit, detail=DETAIL_ENTER)
    return changed


# --- The front page and "Mine data" ----------------------------------------------------------


def queue_items(access: Access) -> list[QueueItem]:
    """The front page: the caller's own benefits with a due period whose realised value is
    missing (their own data: nothing to record about others)."""
    if access.person_id is None:
        return []
    on = today()
    missing = (
        BenefitPeriod.objects.filter(
            benefit__owner_id=access.person_id, period_end__lt=on, realised__isnull=True
        )
        .select_related("benefit")
        .order_by("period_end", "pk")
    )
    count = missing.count()
    if not count:
        return []
    rows = [
        QueueRow(
            text=p.benefit.description,
            url=reverse("portfolio:benefit_enter", args=[p.benefit_id]),
            detail=_("periode til %(day)s") % {"day": format_date(p.period_end)},
            urgency=Urgency.OVERDUE,
        )
        for p in missing[:QUEUE_ROWS]
    ]
    return [
        QueueItem(
            key="portfolio_benefits",
            title=gettext_lazy("Gevinster, der mangler realiserede tal"),
            count=count,
            urgency=Urgency.OVERDUE,
            url=reverse("portfolio:benefit_enter", args=[missing[0].benefit_id]),
            link_label=gettext_lazy("Indtast realiserede værdier"),
            rows=rows,
            text=gettext_lazy(
                "Du er gevinstejer: perioderne er slut, og de realiserede værdier mangler."
            ),
            order=80,
        )
    ]


def my_data(person_id: int) -> list[dict[str, Any]]:
    """The benefits a person owns, for "Mine data" (the portfolio's shared columns)."""
    owned = Benefit.objects.filter(owner_id=person_id).select_related("initiative")
    return [
        mine_row(
            _("Gevinstejer"),
            f"{benefit.description} ({benefit.initiative})",
            benefit.start,  # type: ignore[arg-type]  # mine_row writes a date as ISO
            _("til %(day)s") % {"day": format_date(benefit.end)},
            _("Du indtaster, hvad gevinsten blev i hver periode."),
        )
        for benefit in owned.order_by("start", "pk")
    ]
