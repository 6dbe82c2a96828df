"""Green everyday life and health (issue 16, point 7): HR publishes initiatives — a cycling
challenge, climate-friendly commuting, health offers — with their dates; employees see the
published ones and join or leave them; participation is shown **only in aggregate**.

**Who may do what.** ``MANAGE_INITIATIVES`` (HR) creates, edits and publishes initiatives and
sees participation per initiative and per unit. Anyone with a person record joins and leaves
for themselves only: the services take the caller's own person from ``access`` and never a
person id. An unpublished initiative does not exist for employees (404).

**Figures, never names.** No service returns who joined, not even to HR: one release per
initiative (its participants employed today, each in the unit of their largest current
employment) over the whole unit tree, through ``participation.release`` and
``charlie.core.disclosure`` (decision 0012), with the headcount so that a unit where all or
nearly all joined is not published either. A view of a unit and two levels below it only shows
part of that release. Released figures are cached until the people data or a participation
change (``AREA``, bumped in ``apps.py``).

**Audit.** Joining and leaving are written as the person's own action on their own data
(``egen indsigt``, category ``trivsel``); so is a page that shows the caller which initiatives
they joined. Publishing an initiative touches no one's data.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from charlie.core.cache import cached
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.text import check_text
from charlie.people import services as people
from charlie.people.models import OrgUnit
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.wellbeing import participation
from charlie.wellbeing.models import Initiative, InitiativeKind, Participation
from charlie.wellbeing.permissions import MANAGE_INITIATIVES
from charlie.wellbeing.services.checkins import min_group, unit_names
from charlie.wellbeing.services.common import CATEGORY, for_wellbeing, today

#: The audit details this part writes (registered in apps.py; no personal data in them).
DETAIL_JOINED = gettext_noop("tilmeldt initiativ")
DETAIL_LEFT = gettext_noop("afmeldt initiativ")
DETAIL_OWN = gettext_noop("egne tilmeldinger til initiativer")
AUDIT_DETAILS = (DETAIL_JOINED, DETAIL_LEFT, DETAIL_OWN)

#: The cache area bumped when a participation is saved or deleted (apps.py).
AREA = "wellbeing_initiatives"
#: Levels of units below the chosen unit (or the top) that a participation view shows.
DEPTH = 2

UPCOMING, RUNNING, ENDED = "upcoming", "running", "ended"


def phase_of(initiative: Initiative, on: date) -> str:
    """Before its first day, from its first to its last day (both included; no last day: it
    keeps running), or after."""
    if on < initiative.starts_on:
        return UPCOMING
    if initiative.ends_on is not None and on > initiative.ends_on:
        return ENDED
    return RUNNING


def phase_label(phase: str) -> str:
    return {UPCOMING: _("Kommer"), RUNNING: _("I gang"), ENDED: _("Afsluttet")}[phase]


# --- The figures: one release per initiative --------------------------------------------------


@dataclass(frozen=True)
class _Base:
    """Today's people and the unit tree, which every initiative's release shares."""

    unit_of: dict[int, int]
    headcount: dict[int, int]
    parents: dict[int, int | None]


def _base(on: date) -> _Base:
    def compute() -> _Base:
        unit_of = {who: unit for who, unit, _f, _p in people.primary_employments(on=on)}
        return _Base(
            unit_of,
            dict(Counter(unit_of.values())),
            dict(OrgUnit.objects.values_list("pk", "parent_id")),
        )

    return cached("people", f"wellbeing_headcount:{on}", compute)


def _releases(ids: Iterable[int], on: date) -> dict[int, participation.UnitRelease]:
    """Each initiative's release (cached until people or participations change)."""
    size = min_group()
    loaded: list[_Base] = []

    def base() -> _Base:
        if not loaded:
            loaded.append(_base(on))
        return loaded[0]

    def compute(initiative_id: int) -> Callable[[], participation.UnitRelease]:
        def run() -> participation.UnitRelease:
            b = base()
            joined = Participation.objects.filter(initiative_id=initiative_id)
            members = [
                (who, b.unit_of[who])
                for who in joined.values_list("person_id", flat=True)
                if who in b.unit_of
            ]
            return participation.release(b.parents, members, min_size=size, headcount=b.headcount)

        return run

    return {pk: cached(("people", AREA), f"initiative:{pk}:{on}:{size}", compute(pk)) for pk in ids}


# --- Employees: the published initiatives, joining and leaving ------------------------------------


@dataclass(frozen=True)
class Card:
    """An initiative as an employee sees it: whether they joined, and how many did (``None``
    when the figure is hidden)."""

    initiative: Initiative
    phase: str
    phase_label: str
    joined: bool
    participants: int | None
    can_join: bool
    min_size: int


@dataclass(frozen=True)
class EmployeeView:
    current: list[Card]
    #: Ended initiatives the caller took part in.
    ended: list[Card]
    #: Whether the caller has a person record (only then can they join).
    has_person: bool
    min_size: int


def _own(access: Access) -> int:
    """The caller's own person; joining is for people with a person record only (403)."""
    if access.person_id is None:
        raise PermissionDenied
    return access.person_id


def _published() -> QuerySet[Initiative]:
    return Initiative.objects.filter(published=True)


def _cards(access: Access, rows: list[Initiative], on: date) -> list[Card]:
    joined: set[int] = set()
    if access.person_id is not None:
        joined = set(
            Participation.objects.filter(
                person_id=access.person_id, initiative__in=[i.pk for i in rows]
            ).values_list("initiative_id", flat=True)
        )
    figures = _releases([i.pk for i in rows], on)
    cards = []
    for initiative in rows:
        phase = phase_of(initiative, on)
        cards.append(
            Card(
                initiative=initiative,
                phase=phase,
                phase_label=phase_label(phase),
                joined=initiative.pk in joined,
                participants=figures[initiative.pk].total,
                can_join=phase != ENDED and access.person_id is not None,
                min_size=figures[initiative.pk].min_size,
            )
        )
    return cards


def _record_own_read(access: Access) -> None:
    if access.person_id is not None:
        for_wellbeing(access).record_read([access.person_id], category=CATEGORY, detail=DETAIL_OWN)


def for_employee(access: Access, *, on: date | None = None) -> EmployeeView:
    """The published initiatives that are running or coming, and the ended ones the caller
    joined; for everyone logged in (joining needs a person record). Showing the caller their
    own participation is recorded as their own read."""
    if not access.is_authenticated:
        raise PermissionDenied
    on = on or today()
    still = Q(ends_on__isnull=True) | Q(ends_on__gte=on)
    current = list(_published().filter(still).order_by("starts_on", "title", "pk"))
    ended: list[Initiative] = []
    if access.person_id is not None:
        ended = list(
            _published()
            .filter(ends_on__lt=on, participations__person_id=access.person_id)
            .order_by("-ends_on", "title", "pk")
        )
    _record_own_read(access)
    return EmployeeView(
        current=_cards(access, current, on),
        ended=_cards(access, ended, on),
        has_person=access.person_id is not None,
        min_size=min_group(),
    )


def published_initiative(access: Access, initiative_id: int, *, on: date | None = None) -> Card:
    """One published initiative for an employee (404 when it is not published)."""
    if not access.is_authenticated:
        raise PermissionDenied
    initiative = _published().filter(pk=initiative_id).first()
    if initiative is None:
        raise NotFound
    _record_own_read(access)
    return _cards(access, [initiative], on or today())[0]


def join(access: Access, initiative_id: int, *, on: date | None = None) -> bool:
    """Join a published initiative that has not ended, as oneself (True: joined now; False:
    already joined). Written to the audit log as the person's own action."""
    person_id = _own(access)
    on = on or today()
    initiative = _published().filter(pk=initiative_id).first()
    if initiative is None:
        raise NotFound
    if phase_of(initiative, on) == ENDED:
        raise ValidationFailed([_("Initiativet er slut, så du kan ikke længere tilmelde dig.")])
    with transaction.atomic():
        _row, created = Participation.objects.get_or_create(
            initiative=initiative, person_id=person_id, defaults={"joined_on": on}
        )
        if created:
            for_wellbeing(access).record(
                [person_id], action=Action.CREATE, category=CATEGORY, detail=DETAIL_JOINED
            )
    return created


def leave(access: Access, initiative_id: int) -> bool:
    """Leave an initiative one joined (True: left now; False: was not joined). The
    participation is deleted; the audit log keeps that it was, as the person's own action."""
    person_id = _own(access)
    if not Initiative.objects.filter(pk=initiative_id).exists():
        raise NotFound
    with transaction.atomic():
        deleted, _detail = Participation.objects.filter(
            initiative_id=initiative_id, person_id=person_id
        ).delete()
        if deleted:
            for_wellbeing(access).record(
                [person_id], action=Action.DELETE, category=CATEGORY, detail=DETAIL_LEFT
            )
    return bool(deleted)


# --- HR: publishing ------------------------------------------------------------------------


def _checked(field: str, value: str, **kw: Any) -> str:
    """``check_text``, its messages put beside ``field``."""
    try:
        return check_text(value, **kw)
    except ValidationFailed as exc:
        raise ValidationFailed(exc.messages, field=field) from None


@dataclass(frozen=True)
class AdminLine:
    initiative: Initiative
    phase_label: str
    participants: int | None
    min_size: int


def require_manage(access: Access) -> None:
    """Only HR (``MANAGE_INITIATIVES``) makes and publishes initiatives (403 otherwise)."""
    access.require(MANAGE_INITIATIVES)


def initiatives_for_hr(access: Access, *, on: date | None = None) -> list[AdminLine]:
    """Every initiative, published or not, newest first, with how many joined (aggregate)."""
    access.require(MANAGE_INITIATIVES)
    on = on or today()
    rows = list(Initiative.objects.order_by("-starts_on", "title", "pk"))
    figures = _releases([i.pk for i in rows], on)
    return [
        AdminLine(i, phase_label(phase_of(i, on)), figures[i.pk].total, figures[i.pk].min_size)
        for i in rows
    ]


def initiative_for_hr(access: Access, initiative_id: int) -> Initiative:
    access.require(MANAGE_INITIATIVES)
    initiative = Initiative.objects.filter(pk=initiative_id).first()
    if initiative is None:
        raise NotFound
    return initiative


def save_initiative(
    access: Access,
    *,
    title: str,
    kind: str,
    summary: str,
    body: str,
    starts_on: date,
    ends_on: date | None,
    initiative_id: int | None = None,
) -> Initiative:
    """Create or change an initiative (HR). A new one is not published until HR publishes
    it; a published one changes at once for everyone."""
    access.require(MANAGE_INITIATIVES)
    initiative = initiative_for_hr(access, initiative_id) if initiative_id else Initiative()
    title = _checked("title", title, what=_("Titel"), max_length=200, required=True)
    summary = _checked("summary", summary, what=_("Kort beskrivelse"), max_length=300)
    body = _checked("body", body, what=_("Tekst"), max_length=10_000, multiline=True)
    if kind not in InitiativeKind.values:
        raise ValidationFailed([_("Vælg en type.")], field="kind")
    if ends_on is not None and ends_on < starts_on:
        raise ValidationFailed(
            [_("Slutdatoen skal være samme dag som startdatoen eller senere.")], field="ends_on"
        )
    initiative.title, initiative.kind, initiative.summary, initiative.body = (
        title,
        kind,
        summary,
        body,
    )
    initiative.starts_on, initiative.ends_on = starts_on, ends_on
    if initiative.pk is None:
        initiative.created_by = access.user
    initiative.save()
    return initiative


def set_published(access: Access, initiative_id: int, *, published: bool) -> Initiative:
    """Publish an initiative (employees see it and may join) or take it down (it disappears
    for them; those who joined keep their participation and may leave it)."""
    initiative = initiative_for_hr(access, initiative_id)
    if initiative.published != published:
        initiative.published = published
        initiative.save(update_fields=["published"])
    return initiative


# --- HR: participation per unit --------------------------------------------------------------


@dataclass(frozen=True)
class UnitLine:
    unit_id: int
    label: str
    depth: int
    #: The unit has sub-units below the view (its own view shows them).
    deeper: bool
    participants: int | None


@dataclass(frozen=True)
class ParticipationView:
    initiative: Initiative
    on: date
    min_size: int
    total: int | None
    lines: list[UnitLine]
    #: The unit the view starts from (None: the top of the organisation).
    unit_id: int | None
    unit_label: str
    units: list[tuple[int, str]]


def participation_of(
    access: Access, initiative_id: int, *, unit_id: int | None = None, on: date | None = None
) -> ParticipationView:
    """How many joined, in total and per unit (sub-units included) from ``unit_id`` (or the
    top) two levels down — never who. Units where no one joined are left out."""
    initiative = initiative_for_hr(access, initiative_id)
    on = on or today()
    units = people.unit_choices(access, on=on)
    labels = dict(units)
    tree = list(OrgUnit.objects.order_by("path").values_list("pk", "parent_id"))
    if unit_id is not None:
        if unit_id not in labels:
            raise NotFound
        roots = [unit_id]
    else:
        roots = [pk for pk, up in tree if up is None]
    found = _releases([initiative.pk], on)[initiative.pk]
    names = unit_names()
    lines = []
    for row in participation.view_rows(tree, roots, depth=DEPTH):
        figure = found.figure(row.unit)
        if figure == 0 and row.depth > 0:
            continue
        lines.append(UnitLine(row.unit, names.get(row.unit, ""), row.depth, row.deeper, figure))
    return ParticipationView(
        initiative=initiative,
        on=on,
        min_size=found.min_size,
        total=found.total,
        lines=lines,
        unit_id=unit_id,
        unit_label=labels.get(unit_id, "") if unit_id is not None else "",
        units=units,
    )
