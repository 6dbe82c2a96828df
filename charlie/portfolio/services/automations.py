"""The automation register (issue 17, point 7): the municipality's software robots (RPA), AI and
automated workflows — the process each does, its owner, the hours it saves a month, its status,
the data it touches, whether it handles personal data, and whether and how a person reviews its
output (docs/portfolio-benefits.md).

Who: readers of the portfolio (``READ_PORTFOLIO``: HR, managers, analysts) see the register with
the owners' names (recorded as read); the portfolio owner (``MANAGE_PORTFOLIO``) keeps it. Every
logged-in employee sees a summary without names: which robots work in the municipality, on
which data, and who checks their output — openness about automated processing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.paginator import Page, Paginator
from django.db import transaction
from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core.errors import NotFound, ValidationFailed
from charlie.people import services as people
from charlie.portfolio.models import Automation, AutomationKind, AutomationStatus, Initiative
from charlie.portfolio.permissions import MANAGE_PORTFOLIO, READ_PORTFOLIO
from charlie.portfolio.services.benefits import names_visible, owner_by_number
from charlie.portfolio.services.common import CATEGORY, for_portfolio, mine_row
from charlie.privacy.access import Access
from charlie.privacy.models import Action

__all__ = [
    "AUDIT_DETAILS",
    "AutomationFilter",
    "automation",
    "automation_for_edit",
    "my_data",
    "public_summary",
    "register_page",
    "save_automation",
    "totals",
]

DETAIL_LIST = gettext_noop("automatiseringsregister")
DETAIL_PAGE = gettext_noop("automatisering")
DETAIL_SAVE = gettext_noop("automatisering gemt")
AUDIT_DETAILS = (DETAIL_LIST, DETAIL_PAGE, DETAIL_SAVE)

PAGE_SIZE = 50

#: The statuses counted as working now (the summary and the hours saved).
ACTIVE = (AutomationStatus.RUNNING,)


@dataclass(frozen=True)
class AutomationFilter:
    query: str = ""
    kind: str = ""
    status: str = ""
    personal_data: str = ""  # "ja", "nej" or ""
    unit_id: int | None = None

    def as_query(self) -> str:
        from urllib.parse import urlencode

        pairs = {
            "q": self.query,
            "type": self.kind,
            "status": self.status,
            "personoplysninger": self.personal_data,
            "enhed": self.unit_id or "",
        }
        return urlencode({k: v for k, v in pairs.items() if v})


def _filtered(filters: AutomationFilter) -> QuerySet[Automation]:
    qs = Automation.objects.select_related("owner", "unit", "initiative")
    text = filters.query.strip()
    if text:
        qs = qs.filter(
            Q(name__icontains=text) | Q(process__icontains=text) | Q(data_touched__icontains=text)
        )
    if filters.kind in AutomationKind.values:
        qs = qs.filter(kind=filters.kind)
    if filters.status in AutomationStatus.values:
        qs = qs.filter(status=filters.status)
    if filters.personal_data in ("ja", "nej"):
        qs = qs.filter(personal_data=filters.personal_data == "ja")
    if filters.unit_id:
        qs = qs.filter(unit_id=filters.unit_id)
    return qs.order_by("name", "pk")


@dataclass(frozen=True)
class Totals:
    count: int
    running: int
    hours_per_month: Decimal
    personal_data: int
    without_review: int


def totals(qs: QuerySet[Automation] | None = None) -> Totals:
    """Counts and the hours saved a month by those in operation."""
    qs = Automation.objects.all() if qs is None else qs
    agg = qs.aggregate(
        count=Count("pk"),
        running=Count("pk", filter=Q(status__in=ACTIVE)),
        hours=Sum("hours_saved_per_month", filter=Q(status__in=ACTIVE)),
        personal=Count("pk", filter=Q(personal_data=True)),
        unreviewed=Count("pk", filter=Q(human_review=False)),
    )
    return Totals(
        count=agg["count"],
        running=agg["running"],
        hours_per_month=agg["hours"] or Decimal(0),
        personal_data=agg["personal"],
        without_review=agg["unreviewed"],
    )


@dataclass
class RegisterPage:
    page: Page[Automation]
    totals: Totals
    can_manage: bool


def register_page(access: Access, filters: AutomationFilter, page: int = 1) -> RegisterPage:
    """One page of the register, filtered; the owners on the page are recorded as read."""
    access.require(READ_PORTFOLIO)
    qs = _filtered(filters)
    shown = Paginator(qs, PAGE_SIZE).get_page(page)
    names = names_visible(access)
    owners = {
        a.owner_id
        for a in shown.object_list
        if a.owner_id is not None and (names or a.owner_id == access.person_id)
    }
    for_portfolio(access).record_read(owners, category=CATEGORY, detail=DETAIL_LIST)
    labels = people.unit_labels()
    for item in shown.object_list:
        item.owner_name = _owner_name(item) if item.owner_id in owners else ""  # type: ignore[attr-defined]
        item.unit_label = (  # type: ignore[attr-defined]
            labels.get(item.unit.pk, item.unit.name) if item.unit else ""
        )
    return RegisterPage(shown, totals(qs), access.can(MANAGE_PORTFOLIO))


def _owner_name(item: Automation) -> str:
    return f"{item.owner.first_name} {item.owner.last_name}" if item.owner else ""


def automation(access: Access, automation_id: int) -> Automation:
    """One automation with its owner's name in ``owner_name`` (recorded as read; blank for an
    analyst, who sees no names)."""
    access.require(READ_PORTFOLIO)
    found = Automation.objects.select_related("owner", "unit", "initiative").filter(
        pk=automation_id
    )
    item = found.first()
    if item is None:
        raise NotFound
    owner = item.owner
    shown = owner is not None and (names_visible(access) or owner.pk == access.person_id)
    item.owner_name = _owner_name(item) if shown else ""  # type: ignore[attr-defined]
    if owner is not None and shown:
        for_portfolio(access).record_read([owner.pk], category=CATEGORY, detail=DETAIL_PAGE)
    return item


def automation_for_edit(access: Access, automation_id: int) -> Automation:
    access.require(MANAGE_PORTFOLIO)
    return automation(access, automation_id)


@transaction.atomic
def save_automation(
    access: Access,
    automation_id: int | None,
    *,
    name: str,
    kind: str,
    process: str,
    owner: str = "",
    unit_id: int | None = None,
    initiative_number: int | None = None,
    hours_saved_per_month: Decimal,
    status: str,
    data_touched: str = "",
    personal_data: bool,
    human_review: bool,
    review_note: str = "",
    started_on: date | None = None,
) -> Automation:
    """Create (``automation_id`` None) or change an automation. An automation that handles
    personal data must say what data it touches; one whose output a person reviews must say
    how (the register is where the data protection officer looks)."""
    access.require(MANAGE_PORTFOLIO)
    problems: list[tuple[str, str]] = []
    if kind not in AutomationKind.values:
        problems.append(("kind", _("Vælg typen af automatisering.")))
    if status not in AutomationStatus.values:
        problems.append(("status", _("Vælg en status.")))
    if hours_saved_per_month < 0:
        problems.append(("hours_saved_per_month", _("Sparede timer kan ikke være negative.")))
    if personal_data and not data_touched.strip():
        problems.append(
            (
                "data_touched",
                _("Skriv, hvilke data den bruger: den behandler personoplysninger."),
            )
        )
    if human_review and not review_note.strip():
        problems.append(
            ("review_note", _("Skriv, hvordan en person gennemser resultatet, og hvor ofte."))
        )
    if status == AutomationStatus.RUNNING and started_on is None:
        problems.append(("started_on", _("Skriv, hvornår den kom i drift.")))
    initiative_id = None
    if initiative_number is not None:
        initiative_id = (
            Initiative.objects.filter(number=initiative_number).values_list("pk", flat=True).first()
        )
        if initiative_id is None:
            problems.append(
                ("initiative", _("Der er intet initiativ nr. %(n)s.") % {"n": initiative_number})
            )
    if problems:
        field = problems[0][0]
        raise ValidationFailed([message for _f, message in problems], field=field)
    owner_id = owner_by_number(access, owner)
    if automation_id is None:
        item = Automation()
        old_owner = None
    else:
        found = Automation.objects.select_for_update().filter(pk=automation_id).first()
        if found is None:
            raise NotFound
        item = found
        old_owner = item.owner_id
    item.name = name.strip()
    item.kind = kind
    item.process = process.strip()
    item.owner_id = owner_id
    item.unit_id = unit_id
    item.initiative_id = initiative_id
    item.hours_saved_per_month = hours_saved_per_month
    item.status = status
    item.data_touched = data_touched.strip()
    item.personal_data = personal_data
    item.human_review = human_review
    item.review_note = review_note.strip() if human_review else ""
    item.started_on = started_on
    item.save()
    touched = {pk for pk in (owner_id, old_owner) if pk is not None}
    for_portfolio(access).record(
        touched,
        action=Action.CREATE if automation_id is None else Action.UPDATE,
        category=CATEGORY,
        detail=DETAIL_SAVE,
    )
    return item


@dataclass(frozen=True)
class PublicRow:
    """An automation as every employee sees it: no owner's name."""

    name: str
    kind: str
    process: str
    unit: str
    data_touched: str
    personal_data: bool
    human_review: bool
    review_note: str
    started_on: date | None


@dataclass
class PublicSummary:
    totals: Totals
    by_kind: list[tuple[str, int, Decimal]]
    rows: list[PublicRow]


def public_summary(access: Access) -> PublicSummary:
    """The automations in operation, for every logged-in employee: what they do, on which data,
    and how a person checks them — without the owners (no personal data, nothing to record)."""
    if not access.is_authenticated:
        raise NotFound
    running = Automation.objects.filter(status__in=ACTIVE).select_related("unit")
    labels = people.unit_labels()
    by_kind = []
    for kind in AutomationKind:
        agg = running.filter(kind=kind).aggregate(n=Count("pk"), h=Sum("hours_saved_per_month"))
        if agg["n"]:
            by_kind.append((str(kind.label), agg["n"], agg["h"] or Decimal(0)))
    rows = [
        PublicRow(
            name=a.name,
            kind=a.get_kind_display(),
            process=a.process,
            unit=labels.get(a.unit_id, a.unit.name) if a.unit_id and a.unit else "",
            data_touched=a.data_touched,
            personal_data=a.personal_data,
            human_review=a.human_review,
            review_note=a.review_note,
            started_on=a.started_on,
        )
        for a in running.order_by("name", "pk")
    ]
    return PublicSummary(totals(), by_kind, rows)


def my_data(person_id: int) -> list[dict[str, Any]]:
    """The automations a person owns, for "Mine data" (the portfolio's shared columns)."""
    return [
        mine_row(
            _("Ejer af automatisering"),
            a.name,
            a.started_on,  # type: ignore[arg-type]  # mine_row writes a date as ISO
            a.get_status_display(),
            a.get_kind_display(),
        )
        for a in Automation.objects.filter(owner_id=person_id).order_by("name", "pk")
    ]
