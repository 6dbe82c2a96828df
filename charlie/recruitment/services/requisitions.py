"""Requisitions (issue 15, point 1): a manager asks to fill a position in their units, HR
approves or rejects it with a note, and the manager sees the decision.

A manager (``REQUEST_POSITIONS``) asks only for the units they manage and those below
(``people.unit_choices``, the one scope of units); HR asks for any unit and decides
(``APPROVE_REQUISITIONS``). A request is a draft until it is sent to HR; only a draft can be
changed or deleted, only a sent one decided.

The reason "shortage" ties the request to the workforce plan: the plan's projected recruitment
need for the job family in the chosen year (``charlie.workforce.services.plan``, in the caller's
scope and through its disclosure control) is shown and kept with the request as it was when the
request was saved (``shortage_year``, ``shortage_gap`` in full-time equivalents). Where the plan
shows no figure for the job family — too few people to show, or no scenario — the reason cannot
be "shortage".

Requisitions hold no personal data beyond the requesting and deciding users' accounts (who
asked, who decided): they are about positions, not people, so reading them is not audited.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.formats import format_date_short
from charlie.core.text import check_text
from charlie.core.workqueue import QueueItem, QueueRow, Urgency
from charlie.people import services as people
from charlie.people.models import JobFamily
from charlie.privacy.access import Access
from charlie.recruitment.models import Requisition, RequisitionReason, RequisitionStatus
from charlie.recruitment.permissions import APPROVE_REQUISITIONS, REQUEST_POSITIONS
from charlie.workforce import services as workforce

__all__ = [
    "MAX_HOURS",
    "MAX_POSITIONS",
    "Shortage",
    "decide_requisition",
    "delete_requisition",
    "list_requisitions",
    "queue_items",
    "requisition_detail",
    "requisition_for_edit",
    "requisition_units",
    "save_requisition",
    "shortage",
    "shortage_years",
    "submit_requisition",
]

PAGE_SIZE = 25
QUEUE_ROWS = 5
#: A full-time week in the municipal agreements, and the most positions in one request.
MAX_HOURS = Decimal(37)
MAX_POSITIONS = 50
#: How long a decision stays on the requester's front page.
DECISION_SHOWN_DAYS = 14


# --- The workforce plan's shortage ------------------------------------------------------------


@dataclass(frozen=True)
class Shortage:
    """The workforce plan's projected recruitment need for one job family and year: the mean
    of its runs (the expected need; the median of a small group is often 0 though some runs
    hire), with the 80 % band (P10–P90), in people and in full-time equivalents (people × the
    job family's FTE per person today, as the plan counts FTE)."""

    job_family_id: int
    year: int
    people: float
    people_low: float
    people_high: float
    fte: Decimal
    scenario_id: int
    scenario_name: str
    illustrative: bool

    @property
    def plan_url(self) -> str:
        return (
            reverse("workforce:plan")
            + f"?scenario={self.scenario_id}&to={workforce.DEFAULT_TO_YEAR}"
        )


def shortage_years() -> list[int]:
    """The years the workforce plan projects (next year to its end)."""
    return list(range(people.today().year + 1, workforce.DEFAULT_TO_YEAR + 1))


def shortage(access: Access, job_family_id: int, year: int) -> Shortage | None:
    """The plan's recruitment need for ``job_family_id`` in ``year``, in the caller's scope, or
    None where the plan shows none (no scenario, a group too small to show, a year outside
    the plan, or a caller who may not read the plan)."""
    code = JobFamily.objects.filter(pk=job_family_id).values_list("code", flat=True).first()
    if code is None or year not in shortage_years():
        return None
    try:
        scenario = workforce.get_scenario(access)
        plan = workforce.plan(access, scenario)
    except (NotFound, PermissionDenied, ValidationFailed):
        return None
    row = next((r for r in plan.rows["job_family"] if r.key == code), None)
    if row is None or row.hidden or not row.base_headcount or row.base_fte is None:
        return None
    found = next((y for y in row.years if y.year == year), None)
    if found is None:
        return None
    per_head = row.base_fte / row.base_headcount
    fte = Decimal(str(found.recruitment.mean * per_head)).quantize(
        Decimal("0.1"), rounding=ROUND_HALF_UP
    )
    return Shortage(
        job_family_id=job_family_id,
        year=year,
        people=found.recruitment.mean,
        people_low=found.recruitment.p10,
        people_high=found.recruitment.p90,
        fte=fte,
        scenario_id=plan.scenario_id,
        scenario_name=plan.scenario_name,
        illustrative=plan.illustrative,
    )


# --- Seeing them --------------------------------------------------------------------------------


def requisition_units(access: Access) -> list[tuple[int, str]]:
    """The units the caller may ask for: HR every open unit, a manager their units and the
    units below them."""
    access.require(REQUEST_POSITIONS)
    return people.unit_choices(access)


def _visible(access: Access) -> QuerySet[Requisition]:
    qs = Requisition.objects.select_related("unit", "job_family", "requested_by", "decided_by")
    if access.can(APPROVE_REQUISITIONS):
        return qs
    access.require(REQUEST_POSITIONS)
    mine = Q(requested_by=access.user) if access.user is not None else Q(pk__in=[])
    return qs.filter(people.in_units(access, unit="unit") | mine)


#: The statuses in the order HR works through them.
_STATUS_ORDER = Case(
    When(status=RequisitionStatus.SUBMITTED, then=Value(0)),
    When(status=RequisitionStatus.DRAFT, then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)


def list_requisitions(access: Access, *, status: str = "", page_number: Any = 1) -> Page[Any]:
    """The requisitions the caller may see — HR every one, a manager those for their units
    and their own — those waiting for HR first, then the newest."""
    qs = _visible(access)
    if status:
        qs = qs.filter(status=status)
    qs = qs.annotate(status_order=_STATUS_ORDER).order_by("status_order", "-created_at", "-pk")
    return Paginator(qs, PAGE_SIZE).get_page(page_number)


def requisition_detail(access: Access, requisition_id: int) -> Requisition:
    """One requisition the caller may see (404 otherwise: its existence is not theirs)."""
    found = _visible(access).filter(pk=requisition_id).first()
    if found is None:
        raise NotFound
    return found


def _in_scope(access: Access, unit_id: int) -> bool:
    return any(pk == unit_id for pk, _label in people.unit_choices(access))


def requisition_for_edit(access: Access, requisition_id: int) -> Requisition:
    """A draft the caller may change: one for a unit in their scope."""
    access.require(REQUEST_POSITIONS)
    found = requisition_detail(access, requisition_id)
    if not _in_scope(access, found.unit_id):
        raise NotFound
    if found.status != RequisitionStatus.DRAFT:
        raise ValidationFailed([_("Stillingsønsket er sendt til HR og kan ikke længere rettes.")])
    return found


# --- Asking -------------------------------------------------------------------------------------


def save_requisition(
    access: Access, data: dict[str, Any], *, requisition_id: int | None = None
) -> Requisition:
    """Create or change a draft from a form's cleaned data: ``unit_id``, ``job_family_id``,
    ``title``, ``weekly_hours``, ``positions``, ``start_on``, ``temporary_until``, ``reason``,
    ``reason_text`` and, for a shortage, ``shortage_year``."""
    access.require(REQUEST_POSITIONS)
    req = (
        Requisition(requested_by=access.user)
        if requisition_id is None
        else requisition_for_edit(access, requisition_id)
    )
    unit_id = data.get("unit_id")
    if unit_id is None or not _in_scope(access, int(unit_id)):
        raise ValidationFailed(
            [_("Du kan kun bede om stillinger i de enheder, du er leder for.")], field="unit"
        )
    family_id = data.get("job_family_id")
    if family_id is None or not JobFamily.objects.filter(pk=family_id).exists():
        raise ValidationFailed([_("Vælg en stillingskategori.")], field="job_family")
    hours = data.get("weekly_hours")
    if hours is None or not Decimal(1) <= hours <= MAX_HOURS:
        raise ValidationFailed(
            [_("Timetallet skal være mellem 1 og 37 timer om ugen.")], field="weekly_hours"
        )
    positions = data.get("positions") or 1
    if not 1 <= positions <= MAX_POSITIONS:
        raise ValidationFailed(
            [_("Antal stillinger skal være mellem 1 og %(n)d.") % {"n": MAX_POSITIONS}],
            field="positions",
        )
    start_on = data.get("start_on")
    if start_on is None or start_on < people.today():
        raise ValidationFailed(
            [_("Ønsket tiltrædelse kan ikke ligge før i dag.")], field="start_on"
        )
    until = data.get("temporary_until")
    if until is not None and until <= start_on:
        raise ValidationFailed(
            [_("En tidsbegrænset stilling skal slutte efter tiltrædelsen.")],
            field="temporary_until",
        )
    reason = data.get("reason")
    if reason not in RequisitionReason.values:
        raise ValidationFailed([_("Vælg en begrundelse.")], field="reason")
    req.shortage_year, req.shortage_gap = None, None
    if reason == RequisitionReason.SHORTAGE:
        year = data.get("shortage_year")
        found = shortage(access, int(family_id), int(year)) if year else None
        if found is None:
            raise ValidationFailed(
                [
                    _(
                        "Personaleplanen viser ikke et rekrutteringsbehov for stillingskategorien "
                        "det år (for få medarbejdere til at vise tal, eller intet scenarie). Vælg "
                        "en anden begrundelse, og beskriv behovet."
                    )
                ],
                field="shortage_year",
            )
        if found.fte <= 0:
            raise ValidationFailed(
                [
                    _(
                        "Personaleplanen viser intet rekrutteringsbehov for stillingskategorien "
                        "i %(year)d. Vælg en anden begrundelse, og beskriv behovet."
                    )
                    % {"year": found.year}
                ],
                field="shortage_year",
            )
        req.shortage_year, req.shortage_gap = found.year, found.fte
    req.unit_id = int(unit_id)
    req.job_family_id = int(family_id)
    req.title = check_text(
        data.get("title"), what=_("Stillingsbetegnelsen"), max_length=200, required=True
    )
    req.weekly_hours = hours
    req.positions = positions
    req.start_on = start_on
    req.temporary_until = until
    req.reason = reason
    req.reason_text = check_text(
        data.get("reason_text"), what=_("Uddybningen"), max_length=2000, multiline=True
    )
    req.save()
    return req


def submit_requisition(access: Access, requisition_id: int) -> Requisition:
    """Send a draft to HR."""
    with transaction.atomic():
        req = requisition_for_edit(access, requisition_id)
        req.status = RequisitionStatus.SUBMITTED
        req.save(update_fields=["status"])
    return req


def delete_requisition(access: Access, requisition_id: int) -> None:
    """Delete a draft (a sent request stays, decided or not)."""
    requisition_for_edit(access, requisition_id).delete()


# --- HR decides ---------------------------------------------------------------------------------


def decide_requisition(
    access: Access, requisition_id: int, *, approve: bool, note: str = ""
) -> Requisition:
    """Approve or reject a sent request; a rejection says why (``note``)."""
    access.require(APPROVE_REQUISITIONS)
    text = check_text(note, what=_("Bemærkningen"), max_length=2000, multiline=True)
    if not approve and not text:
        raise ValidationFailed(
            [_("Skriv en bemærkning, der forklarer lederen, hvorfor ønsket afvises.")],
            field="note",
        )
    with transaction.atomic():
        req = Requisition.objects.select_for_update().filter(pk=requisition_id).first()
        if req is None:
            raise NotFound
        if req.status != RequisitionStatus.SUBMITTED:
            raise ValidationFailed([_("Stillingsønsket er ikke sendt til HR, eller er afgjort.")])
        req.status = RequisitionStatus.APPROVED if approve else RequisitionStatus.REJECTED
        req.decided_by = access.user
        req.decided_at = timezone.now()
        req.decision_note = text
        req.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
    return req


# --- The front page -----------------------------------------------------------------------------


def queue_items(access: Access) -> list[QueueItem]:
    """HR: the requests waiting for a decision. The requester: their requests decided in the
    last two weeks."""
    items: list[QueueItem] = []
    if access.can(APPROVE_REQUISITIONS):
        waiting = Requisition.objects.filter(status=RequisitionStatus.SUBMITTED)
        total = waiting.count()
        if total:
            rows = list(waiting.select_related("unit").order_by("created_at", "pk")[:QUEUE_ROWS])
            items.append(
                QueueItem(
                    key="recruitment_requisitions",
                    title=gettext_lazy("Stillingsønsker til godkendelse"),
                    count=total,
                    urgency=Urgency.SOON,
                    url=reverse("recruitment:requisitions") + "?status=submitted",
                    link_label=gettext_lazy("Se alle stillingsønsker til godkendelse"),
                    rows=[
                        QueueRow(
                            text=f"{r.title}, {r.unit.name}",
                            url=reverse("recruitment:requisition", args=[r.pk]),
                            detail=format_date_short(r.start_on),
                        )
                        for r in rows
                    ],
                    order=50,
                )
            )
    elif access.can(REQUEST_POSITIONS) and access.user is not None:
        since = timezone.now() - timedelta(days=DECISION_SHOWN_DAYS)
        decided = Requisition.objects.filter(
            requested_by=access.user,
            status__in=[RequisitionStatus.APPROVED, RequisitionStatus.REJECTED],
            decided_at__gte=since,
        )
        total = decided.count()
        if total:
            rows = list(decided.order_by("-decided_at", "-pk")[:QUEUE_ROWS])
            items.append(
                QueueItem(
                    key="recruitment_requisition_decisions",
                    title=gettext_lazy("HR har afgjort dine stillingsønsker"),
                    count=total,
                    urgency=Urgency.INFO,
                    url=reverse("recruitment:requisitions"),
                    link_label=gettext_lazy("Se dine stillingsønsker"),
                    rows=[
                        QueueRow(
                            text=f"{r.title}: {r.get_status_display()}",
                            url=reverse("recruitment:requisition", args=[r.pk]),
                        )
                        for r in rows
                    ],
                    order=50,
                )
            )
    return items
