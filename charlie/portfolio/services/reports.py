"""The portfolio overview and the council/management report (issue 17, point 8), and the data
the API gives (docs/portfolio-reports.md): initiatives by stage, beacon and forvaltning with
their count, total net present value and realised benefits; the beacons with their progress;
each initiative's stage and NPV; benefits realised against plan; the automations.

Readers of the portfolio (``READ_PORTFOLIO``) only. Nothing here names a person (no owners, no
submitters): the report is for the council and may be passed on, so nothing is recorded.

Two things other parts of the app own are reached in one place each, easy to swap when they
land: the NPVs (``evaluations``: the cases part's ``services.cases.evaluations``) and a
beacon's progress (``beacon_progress``: the ideas part's pure ``portfolio.beacons``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound
from charlie.people import services as people
from charlie.portfolio import beacons as beacons_progress
from charlie.portfolio import businesscase, realisation
from charlie.portfolio.models import (
    Automation,
    AutomationStatus,
    Beacon,
    BeaconMeasurement,
    BenefitKind,
    Initiative,
    Rates,
    Stage,
)
from charlie.portfolio.permissions import READ_PORTFOLIO
from charlie.portfolio.services import automations as automation_services
from charlie.portfolio.services import beacons as beacon_services
from charlie.portfolio.services import benefits as benefit_services
from charlie.portfolio.services import cases
from charlie.portfolio.services.common import today
from charlie.privacy.access import Access

__all__ = [
    "BeaconRow",
    "CouncilReport",
    "Group",
    "InitiativeRow",
    "Overview",
    "beacon_rows",
    "council_report",
    "evaluations",
    "initiative_detail",
    "initiative_rows",
    "overview",
]


# --- What other parts own, reached in one place each --------------------------------------


def evaluations(initiative_ids: Iterable[int]) -> dict[int, businesscase.Evaluation]:
    """The business-case figures of these initiatives, by initiative id (those without a case
    are left out): the cases part's ``services.cases.evaluations``."""
    return cases.evaluations(initiative_ids)


def beacon_progress(
    beacon: Beacon, latest: BeaconMeasurement | None, on: date
) -> beacons_progress.Progress:
    """How far the latest measurement has come from the baseline toward the target, and whether
    the beacon is on track: the ideas part's pure ``portfolio.beacons``."""
    return beacons_progress.progress(
        baseline=beacon.baseline,
        target=beacon.target,
        baseline_on=beacon.baseline_on,
        deadline=beacon.deadline,
        latest=latest.value if latest is not None else None,
        latest_on=latest.measured_on if latest is not None else None,
        on=on,
    )


# --- Benefits in kroner ------------------------------------------------------------------------


@dataclass(frozen=True)
class Money:
    """Benefits in kroner: hours at the hourly rate (``Rates``), kroner as they are; benefits
    in a unit of their own cannot be added and are left out (counted in ``other``)."""

    planned_total: Decimal = Decimal(0)
    planned_so_far: Decimal = Decimal(0)
    realised_so_far: Decimal = Decimal(0)
    other: int = 0

    @property
    def share(self) -> float | None:
        if not self.planned_so_far:
            return None
        return float(self.realised_so_far / self.planned_so_far)

    @property
    def percent(self) -> float | None:
        share = self.share
        return None if share is None else share * 100

    def __add__(self, other: Money) -> Money:
        return Money(
            self.planned_total + other.planned_total,
            self.planned_so_far + other.planned_so_far,
            self.realised_so_far + other.realised_so_far,
            self.other + other.other,
        )


def _money(by_kind: dict[str, realisation.Summary], hourly_rate: Decimal) -> Money:
    total = Money()
    for kind, s in by_kind.items():
        if kind == BenefitKind.OTHER:
            total += Money(other=1)
            continue
        factor = hourly_rate if kind == BenefitKind.HOURS else Decimal(1)
        total += Money(
            s.planned_total * factor, s.planned_so_far * factor, s.realised_so_far * factor
        )
    return total


# --- Initiatives ---------------------------------------------------------------------------------


@dataclass
class InitiativeRow:
    initiative: Initiative
    forvaltning: str
    beacon_ids: list[int]
    evaluation: businesscase.Evaluation | None
    benefits: Money

    @property
    def npv(self) -> float | None:
        return self.evaluation.npv if self.evaluation is not None else None

    @property
    def payback_year(self) -> int | None:
        return self.evaluation.payback_year if self.evaluation is not None else None

    @property
    def early_gains(self) -> float | None:
        return self.evaluation.early_gains if self.evaluation is not None else None


def _initiatives() -> Any:
    return (
        Initiative.objects.select_related("forvaltning")
        .prefetch_related(Prefetch("beacons", queryset=Beacon.objects.only("pk")))
        .order_by("number")
    )


def _rows(initiatives: list[Initiative], on: date) -> list[InitiativeRow]:
    ids = [i.pk for i in initiatives]
    figures = evaluations(ids)
    summaries = benefit_services.summaries_by_initiative(ids, on=on)
    hourly = Rates.current().hourly_rate
    labels = people.unit_labels()
    return [
        InitiativeRow(
            initiative=i,
            forvaltning=(labels.get(i.forvaltning.pk, i.forvaltning.name) if i.forvaltning else ""),
            beacon_ids=[b.pk for b in i.beacons.all()],
            evaluation=figures.get(i.pk),
            benefits=_money(summaries.get(i.pk, {}), hourly),
        )
        for i in initiatives
    ]


def initiative_rows(
    access: Access,
    *,
    stage: str = "",
    beacon_id: int | None = None,
    forvaltning_id: int | None = None,
) -> list[InitiativeRow]:
    """Every initiative (filtered) with its stage, NPV and benefits in kroner."""
    access.require(READ_PORTFOLIO)
    qs = _initiatives()
    if stage:
        qs = qs.filter(stage=stage)
    if beacon_id:
        qs = qs.filter(beacons__pk=beacon_id)
    if forvaltning_id:
        qs = qs.filter(forvaltning_id=forvaltning_id)
    return _rows(list(qs.distinct()), today())


@dataclass
class InitiativeDetail:
    row: InitiativeRow
    depends_on: list[int]
    benefits: list[benefit_services.BenefitLine]
    automations: list[Automation]


def initiative_detail(access: Access, number: int) -> InitiativeDetail:
    """One initiative for the API: its description, figures, benefits and automations (no
    names: the benefits' owners are left out)."""
    access.require(READ_PORTFOLIO)
    found = _initiatives().filter(number=number).first()
    if found is None:
        raise NotFound
    on = today()
    lines = [
        benefit_services.BenefitLine(
            b, "", realisation.summarise(benefit_services.periods_of(b), on)
        )
        for b in found.benefits.prefetch_related("periods").order_by("start", "pk")
    ]
    return InitiativeDetail(
        row=_rows([found], on)[0],
        depends_on=sorted(found.depends_on.values_list("number", flat=True)),
        benefits=lines,
        automations=list(found.automations.order_by("name", "pk")),
    )


# --- Beacons -------------------------------------------------------------------------------------


@dataclass
class BeaconRow:
    beacon: Beacon
    latest: BeaconMeasurement | None
    state: beacons_progress.Progress
    initiative_numbers: list[int]

    @property
    def progress(self) -> float | None:
        """The share of the way from baseline to target (0.5 = halfway)."""
        return self.state.share

    @property
    def progress_percent(self) -> float | None:
        return self.state.percent

    @property
    def status_label(self) -> str:
        return beacon_services.status_label(self.state.status)


def _beacon_rows(*, published_only: bool, on: date) -> list[BeaconRow]:
    beacons = Beacon.objects.prefetch_related(
        Prefetch("initiatives", queryset=Initiative.objects.only("pk", "number"))
    ).order_by("order", "pk")
    if published_only:
        beacons = beacons.filter(published=True)
    latest: dict[int, BeaconMeasurement] = {}
    for m in BeaconMeasurement.objects.filter(beacon__in=beacons).order_by("measured_on", "pk"):
        latest[m.beacon_id] = m
    return [
        BeaconRow(
            beacon=b,
            latest=latest.get(b.pk),
            state=beacon_progress(b, latest.get(b.pk), on),
            initiative_numbers=sorted(i.number for i in b.initiatives.all()),
        )
        for b in beacons
    ]


def beacon_rows(access: Access) -> list[BeaconRow]:
    """Every beacon (published or not) with its latest measurement and progress."""
    access.require(READ_PORTFOLIO)
    return _beacon_rows(published_only=False, on=today())


# --- The overview --------------------------------------------------------------------------------


@dataclass
class Group:
    """Initiatives in one stage, beacon or forvaltning."""

    key: str
    label: str
    count: int = 0
    with_case: int = 0
    npv: float = 0.0
    benefits: Money = field(default_factory=Money)

    def add(self, row: InitiativeRow) -> None:
        self.count += 1
        if row.npv is not None:
            self.with_case += 1
            self.npv += row.npv
        self.benefits += row.benefits


@dataclass
class Overview:
    on: date
    by_stage: list[Group]
    by_beacon: list[Group]
    by_forvaltning: list[Group]
    total: Group
    hourly_rate: Decimal
    automations: automation_services.Totals


def _overview(rows: list[InitiativeRow], beacons: list[Beacon], on: date) -> Overview:
    stages = {s.value: Group(s.value, str(s.label)) for s in Stage}
    by_beacon = {b.pk: Group(str(b.pk), b.title) for b in beacons}
    by_forvaltning: dict[str, Group] = {}
    total = Group("", _("Alle initiativer"))
    for row in rows:
        total.add(row)
        stages[row.initiative.stage].add(row)
        for beacon_id in row.beacon_ids:
            if beacon_id in by_beacon:
                by_beacon[beacon_id].add(row)
        key = str(row.initiative.forvaltning_id or "")
        if key not in by_forvaltning:
            by_forvaltning[key] = Group(key, row.forvaltning or _("Ingen forvaltning angivet"))
        by_forvaltning[key].add(row)
    return Overview(
        on=on,
        by_stage=list(stages.values()),
        by_beacon=list(by_beacon.values()),
        by_forvaltning=sorted(by_forvaltning.values(), key=lambda g: (g.key == "", g.label)),
        total=total,
        hourly_rate=Rates.current().hourly_rate,
        automations=automation_services.totals(),
    )


def overview(access: Access) -> Overview:
    """The portfolio by stage, beacon and forvaltning: how many initiatives, their total NPV
    (of those with a business case) and their benefits realised against plan, in kroner."""
    access.require(READ_PORTFOLIO)
    on = today()
    rows = _rows(list(_initiatives()), on)
    return _overview(rows, list(Beacon.objects.order_by("order", "pk")), on)


# --- The council report --------------------------------------------------------------------------


@dataclass
class CouncilReport:
    on: date
    overview: Overview
    beacons: list[BeaconRow]
    initiatives: list[InitiativeRow]
    automations: list[Automation]

    @property
    def with_benefits(self) -> list[InitiativeRow]:
        return [r for r in self.initiatives if r.benefits.planned_total or r.benefits.other]


def council_report(access: Access) -> CouncilReport:
    """Everything the council/management report shows (PDF and Excel): the published beacons
    with progress, every initiative with stage and NPV, benefits realised against plan, and the
    automations (planned and in operation; without owners)."""
    access.require(READ_PORTFOLIO)
    on = today()
    rows = _rows(list(_initiatives()), on)
    beacons = _beacon_rows(published_only=True, on=on)
    automations = list(
        Automation.objects.exclude(status=AutomationStatus.RETIRED)
        .select_related("initiative")
        .order_by("status", "name", "pk")
    )
    return CouncilReport(
        on=on,
        overview=_overview(rows, [b.beacon for b in beacons], on),
        beacons=beacons,
        initiatives=rows,
        automations=automations,
    )
