"""Beacons (pejlemærker): the municipality's strategic goals with a measurable target, shown to
everyone inside the municipality with their progress (issue 17, point 1).

**Who may do what.** Everyone logged in reads the published beacons, their measurements and the
initiatives that serve them. The portfolio owner (``MANAGE_PORTFOLIO``: HR) also sees the
unpublished ones, creates and changes beacons, publishes them and adds measurements. An
unpublished beacon does not exist for anyone else (404).

**No personal data.** A beacon, its measurements and the initiatives' numbers, titles and stages
name no one, so nothing here writes the audit log. (Who entered a measurement is kept as the
user account, never shown.)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.text import check_text
from charlie.portfolio import beacons as progress_of
from charlie.portfolio.models import Beacon, BeaconMeasurement, Initiative
from charlie.portfolio.permissions import MANAGE_PORTFOLIO
from charlie.portfolio.services.common import today
from charlie.privacy.access import Access

#: The largest value a beacon's numbers may hold (``max_digits=14, decimal_places=2``).
LIMIT = Decimal("999999999999.99")


@dataclass(frozen=True)
class BeaconCard:
    """A beacon with its latest measurement's progress."""

    beacon: Beacon
    progress: progress_of.Progress
    status_label: str
    initiatives: int


@dataclass(frozen=True)
class BeaconDetail:
    card: BeaconCard
    measurements: list[BeaconMeasurement]
    #: The initiatives serving the beacon (number, title, stage: no one's name).
    initiatives: list[Initiative]
    can_manage: bool


def status_label(status: str) -> str:
    return {
        progress_of.NO_MEASUREMENT: _("Ikke målt endnu"),
        progress_of.REACHED: _("Målet er nået"),
        progress_of.ON_TRACK: _("På rette vej"),
        progress_of.BEHIND: _("Bagud i forhold til planen"),
        progress_of.MISSED: _("Fristen er overskredet"),
    }[status]


def _require_login(access: Access) -> None:
    if not access.is_authenticated:
        raise PermissionDenied


def _visible(access: Access) -> QuerySet[Beacon]:
    rows = Beacon.objects.all()
    return rows if access.can(MANAGE_PORTFOLIO) else rows.filter(published=True)


def _latest(beacon_ids: list[int]) -> dict[int, BeaconMeasurement]:
    """Each beacon's latest measurement, in one query."""
    latest: dict[int, BeaconMeasurement] = {}
    rows = BeaconMeasurement.objects.filter(beacon_id__in=beacon_ids).order_by(
        "beacon_id", "-measured_on", "-pk"
    )
    for row in rows:
        latest.setdefault(row.beacon_id, row)
    return latest


def _progress(beacon: Beacon, latest: BeaconMeasurement | None, on: date) -> progress_of.Progress:
    return progress_of.progress(
        baseline=beacon.baseline,
        target=beacon.target,
        baseline_on=beacon.baseline_on,
        deadline=beacon.deadline,
        latest=latest.value if latest is not None else None,
        latest_on=latest.measured_on if latest is not None else None,
        on=on,
    )


def _cards(beacons: list[Beacon], on: date) -> list[BeaconCard]:
    ids = [b.pk for b in beacons]
    latest = _latest(ids)
    counts: dict[int, int] = {}
    for beacon_id in Initiative.beacons.through.objects.filter(beacon_id__in=ids).values_list(
        "beacon_id", flat=True
    ):
        counts[beacon_id] = counts.get(beacon_id, 0) + 1
    cards = []
    for beacon in beacons:
        found = _progress(beacon, latest.get(beacon.pk), on)
        cards.append(
            BeaconCard(beacon, found, status_label(found.status), counts.get(beacon.pk, 0))
        )
    return cards


def beacon_cards(access: Access, *, on: date | None = None) -> list[BeaconCard]:
    """The beacons the caller may see (published ones; the portfolio owner all), in their
    order, each with its progress at ``on`` (today)."""
    _require_login(access)
    return _cards(list(_visible(access)), on or today())


def published_progress(*, on: date | None = None) -> list[BeaconCard]:
    """The published beacons with their progress, for the portfolio's overview and reports
    (no personal data; the caller has checked its own permission)."""
    return _cards(list(Beacon.objects.filter(published=True)), on or today())


def beacon_detail(access: Access, beacon_id: int, *, on: date | None = None) -> BeaconDetail:
    """One beacon with every measurement (oldest first) and the initiatives serving it; 404
    for a beacon the caller may not see."""
    _require_login(access)
    beacon = _visible(access).filter(pk=beacon_id).first()
    if beacon is None:
        raise NotFound
    card = _cards([beacon], on or today())[0]
    return BeaconDetail(
        card=card,
        measurements=list(beacon.measurements.order_by("measured_on", "pk")),
        initiatives=list(beacon.initiatives.order_by("number")),
        can_manage=access.can(MANAGE_PORTFOLIO),
    )


def beacon_for_owner(access: Access, beacon_id: int) -> Beacon:
    """A beacon, published or not, for the portfolio owner (403 for others, 404 if none)."""
    access.require(MANAGE_PORTFOLIO)
    beacon = Beacon.objects.filter(pk=beacon_id).first()
    if beacon is None:
        raise NotFound
    return beacon


def require_manage(access: Access) -> None:
    access.require(MANAGE_PORTFOLIO)


def _text(field: str, value: str, **kw: object) -> str:
    try:
        return check_text(value, **kw)  # type: ignore[arg-type]
    except ValidationFailed as exc:
        raise ValidationFailed(exc.messages, field=field) from None


def _number(field: str, value: Decimal | None, what: str) -> Decimal:
    if value is None:
        raise ValidationFailed([_("%(what)s skal udfyldes.") % {"what": what}], field=field)
    if abs(value) > LIMIT:
        raise ValidationFailed([_("%(what)s er for stort.") % {"what": what}], field=field)
    return value.quantize(Decimal("0.01"))


def save_beacon(
    access: Access,
    *,
    title: str,
    description: str,
    indicator: str,
    unit: str,
    baseline: Decimal | None,
    baseline_on: date,
    target: Decimal | None,
    deadline: date,
    order: int = 0,
    beacon_id: int | None = None,
) -> Beacon:
    """Create or change a beacon (the portfolio owner). A new beacon is unpublished until it is
    published; a published one changes at once for everyone."""
    beacon = beacon_for_owner(access, beacon_id) if beacon_id else Beacon()
    title = _text("title", title, what=_("Pejlemærke"), max_length=200, required=True)
    description = _text(
        "description", description, what=_("Beskrivelse"), max_length=5000, multiline=True
    )
    indicator = _text("indicator", indicator, what=_("Indikator"), max_length=200, required=True)
    unit = _text("unit", unit, what=_("Enhed"), max_length=40)
    baseline = _number("baseline", baseline, _("Udgangspunkt"))
    target = _number("target", target, _("Mål"))
    if target == baseline:
        raise ValidationFailed([_("Målet skal være et andet end udgangspunktet.")], field="target")
    if deadline <= baseline_on:
        raise ValidationFailed(
            [_("Fristen skal ligge efter den dag, udgangspunktet blev målt.")], field="deadline"
        )
    beacon.title, beacon.description, beacon.indicator, beacon.unit = (
        title,
        description,
        indicator,
        unit,
    )
    beacon.baseline, beacon.baseline_on, beacon.target, beacon.deadline = (
        baseline,
        baseline_on,
        target,
        deadline,
    )
    beacon.order = max(0, min(order, 32767))
    beacon.save()
    return beacon


def set_published(access: Access, beacon_id: int, *, published: bool) -> Beacon:
    """Publish a beacon (everyone sees it) or take it down (only the portfolio owner does)."""
    beacon = beacon_for_owner(access, beacon_id)
    if beacon.published != published:
        beacon.published = published
        beacon.save(update_fields=["published"])
    return beacon


def add_measurement(
    access: Access,
    beacon_id: int,
    *,
    measured_on: date,
    value: Decimal | None,
    note: str = "",
    on: date | None = None,
) -> tuple[BeaconMeasurement, bool]:
    """Record the indicator's value on a day (the portfolio owner). A second value for the same
    day replaces the first (a correction). Returns the measurement and whether it is new. A
    measurement cannot lie in the future or before the baseline was measured."""
    beacon = beacon_for_owner(access, beacon_id)
    on = on or today()
    value = _number("value", value, _("Værdi"))
    note = _text("note", note, what=_("Note"), max_length=300)
    if measured_on > on:
        raise ValidationFailed([_("Datoen må ikke ligge i fremtiden.")], field="measured_on")
    if measured_on < beacon.baseline_on:
        raise ValidationFailed(
            [_("Datoen må ikke ligge før den dag, udgangspunktet blev målt.")],
            field="measured_on",
        )
    with transaction.atomic():
        row, created = BeaconMeasurement.objects.update_or_create(
            beacon=beacon,
            measured_on=measured_on,
            defaults={"value": value, "note": note, "created_by": access.user},
        )
    return row, created


def delete_measurement(access: Access, beacon_id: int, measurement_id: int) -> None:
    """Remove a measurement entered by mistake (the portfolio owner)."""
    beacon = beacon_for_owner(access, beacon_id)
    deleted, _detail = BeaconMeasurement.objects.filter(pk=measurement_id, beacon=beacon).delete()
    if not deleted:
        raise NotFound
