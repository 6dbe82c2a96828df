"""MUS: the yearly development talk (issue 13, point 4; DOMAIN.md 10.1).

Every municipal employee has a right to a yearly MUS (Aftale om kompetenceudvikling between KL
and Forhandlingsfællesskabet, 2008 text § 5, stk. 3: "alle medarbejdere skal have en årlig
MUS"). The cadence is ``settings.CHARLIE_MUS_INTERVAL_MONTHS`` (default 12); the date logic is
the pure ``skills.mus_rules``.

- The manager (``MANAGE_MUS``: their own units; HR everyone) sees each person's last MUS, due
  date and state, the overdue people per unit, and plans the MUS of one person or of everyone
  due at once.
- Both prepare. The employee's preparation is theirs alone until they share it
  (``employee_shared_at``): before that no one else — not the manager, not HR — is ever given
  its text. The manager's preparation is the manager's (the employee is not shown it).
- After the talk the manager marks it held; the development plan follows (``services.plans``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Max, Min
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charlie.core.cache import bump
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.text import check_text
from charlie.people import services as people
from charlie.people.models import OrgUnit, Person
from charlie.privacy.access import Access
from charlie.privacy.models import Action
from charlie.skills import mus_rules
from charlie.skills.models import DevelopmentPlan, MusMeeting, MusStatus
from charlie.skills.mus_rules import MusState
from charlie.skills.permissions import MANAGE_MUS
from charlie.skills.services.common import CATEGORY, for_development, person_in_scope, today

#: Rows per page of the MUS list.
PER_PAGE = 50
#: The longest preparation or summary a user may write.
MAX_TEXT = 5000

STATE_LABELS = {
    MusState.HELD: gettext_lazy("Afholdt"),
    MusState.SCHEDULED: gettext_lazy("Planlagt"),
    MusState.DUE_SOON: gettext_lazy("Skal snart holdes"),
    MusState.OVERDUE: gettext_lazy("Overskredet"),
    MusState.NOT_DUE: gettext_lazy("Ikke forfalden"),
    MusState.UNKNOWN: gettext_lazy("Ukendt"),
}


def interval_months() -> int:
    """The MUS cadence in months (``CHARLIE_MUS_INTERVAL_MONTHS``; the agreement: 12)."""
    value = int(getattr(settings, "CHARLIE_MUS_INTERVAL_MONTHS", mus_rules.DEFAULT_INTERVAL_MONTHS))
    return max(1, value)


# --- The list: each person's last MUS, due date and state ------------------------------------


@dataclass(frozen=True)
class MusLine:
    person_id: int
    unit_id: int
    last_held: date | None
    due_on: date | None
    state: MusState
    open_id: int | None

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])


@dataclass(frozen=True)
class MusRow:
    """One line of the page, with the person's name and unit (read and audited)."""

    line: MusLine
    name: str
    employee_number: str
    unit: str


@dataclass(frozen=True)
class UnitOverdue:
    unit_id: int
    unit: str
    overdue: int
    people: int


@dataclass(frozen=True)
class MusList:
    page: Page[MusLine]
    rows: list[MusRow]
    per_unit: list[UnitOverdue]
    units: list[tuple[int, str]]
    unit_id: int | None
    only_overdue: bool
    overdue: int
    due_soon: int
    interval_months: int


def _paths(access: Access, unit_id: int | None) -> tuple[str, ...] | None:
    """The unit paths to list (``()``: nothing; ``None``: everyone, for HR)."""
    if unit_id is not None:
        if unit_id not in {pk for pk, _label in people.unit_choices(access)}:
            raise NotFound
        return (OrgUnit.objects.get(pk=unit_id).path,)
    if access.everyone:
        return None
    return tuple(sorted(access.unit_paths))


def mus_lines(access: Access, *, unit_id: int | None = None) -> list[MusLine]:
    """Every person employed today in the caller's units (or ``unit_id``'s sub-tree), with their
    MUS state, overdue first. A handful of queries whatever the size: 45,000 people are three
    grouped queries and one pass in Python. Records nothing: callers record what they show."""
    access.require(MANAGE_MUS)
    on = today()
    paths = _paths(access, unit_id)
    if paths == ():
        return []
    members = people.primary_employments(on=on, paths=paths or ())
    employed = people.current_employments(on=on)
    meetings = MusMeeting.objects.all()
    if paths:
        employed = employed.filter(people.under_units(paths))
        meetings = meetings.filter(person_id__in=employed.values("person_id"))
    starts = dict(
        employed.values("person_id")
        .annotate(first=Min("start_date"))
        .values_list("person_id", "first")
    )
    held = dict(
        meetings.filter(status=MusStatus.HELD)
        .values("person_id")
        .annotate(last=Max("held_on"))
        .values_list("person_id", "last")
    )
    open_rows: dict[int, tuple[date, int]] = {}
    for pid, due, pk in (
        meetings.filter(status=MusStatus.SCHEDULED)
        .order_by("person_id", "due_on", "pk")
        .values_list("person_id", "due_on", "pk")
    ):
        open_rows.setdefault(pid, (due, pk))
    months = interval_months()
    lines: list[MusLine] = []
    for person_id, unit, _family, _path in members:
        if person_id == access.person_id:
            continue  # one's own MUS is held with one's own manager
        open_due, open_id = open_rows.get(person_id, (None, None))
        status = mus_rules.status(
            last_held=held.get(person_id),
            employed_from=starts.get(person_id),
            open_due=open_due,
            today=on,
            interval_months=months,
        )
        lines.append(
            MusLine(person_id, unit, held.get(person_id), status.due_on, status.state, open_id)
        )
    order = {MusState.OVERDUE: 0, MusState.DUE_SOON: 1, MusState.SCHEDULED: 2}
    lines.sort(key=lambda ln: (order.get(ln.state, 3), ln.due_on or date.max, ln.person_id))
    return lines


def mus_list(
    access: Access, *, unit_id: int | None = None, only_overdue: bool = False, page: int = 1
) -> MusList:
    """The manager's MUS page: one page of people, the overdue count per unit."""
    lines = mus_lines(access, unit_id=unit_id)
    labels = people.unit_labels()
    names = dict(OrgUnit.objects.values_list("pk", "name"))
    per: dict[int, list[int]] = {}
    for ln in lines:
        counts = per.setdefault(ln.unit_id, [0, 0])
        counts[1] += 1
        counts[0] += ln.state == MusState.OVERDUE
    per_unit = sorted(
        (
            UnitOverdue(pk, labels.get(pk, names.get(pk, "")), overdue, total)
            for pk, (overdue, total) in per.items()
            if overdue
        ),
        key=lambda u: (-u.overdue, u.unit),
    )
    overdue = sum(u.overdue for u in per_unit)
    due_soon = sum(1 for ln in lines if ln.state == MusState.DUE_SOON)
    shown = [ln for ln in lines if ln.state == MusState.OVERDUE] if only_overdue else lines
    paged = Paginator(shown, PER_PAGE).get_page(page)
    ids = [ln.person_id for ln in paged.object_list]
    persons = Person.objects.in_bulk(ids)
    rows = [
        MusRow(
            ln,
            persons[ln.person_id].full_name,
            persons[ln.person_id].employee_number,
            labels.get(ln.unit_id, names.get(ln.unit_id, "")),
        )
        for ln in paged.object_list
    ]
    for_development(access).record_read(ids, category=CATEGORY, detail="mus-oversigt")
    return MusList(
        page=paged,
        rows=rows,
        per_unit=per_unit,
        units=people.unit_choices(access),
        unit_id=unit_id,
        only_overdue=only_overdue,
        overdue=overdue,
        due_soon=due_soon,
        interval_months=interval_months(),
    )


# --- Planning ----------------------------------------------------------------------------------


def schedule(
    access: Access, person_id: int, *, due_on: date, scheduled_at: datetime | None = None
) -> MusMeeting:
    """Plan one person's MUS (or move the planned one): a due date and, if known, the time."""
    access.require(MANAGE_MUS)
    person = person_in_scope(access, person_id)
    if person.pk == access.person_id:
        raise ValidationFailed([_("Din egen MUS planlægges af din egen leder.")])
    meeting = (
        MusMeeting.objects.filter(person=person, status=MusStatus.SCHEDULED)
        .order_by("due_on", "pk")
        .first()
    )
    action = Action.UPDATE
    if meeting is None:
        meeting = MusMeeting(person=person)
        action = Action.CREATE
    meeting.due_on = due_on
    meeting.scheduled_at = scheduled_at
    meeting.manager = access.user
    meeting.save()
    for_development(access).record([person.pk], action=action, category=CATEGORY, detail="mus")
    return meeting


def schedule_all_due(access: Access, *, unit_id: int | None = None) -> int:
    """Plan a MUS, on its due date, for everyone overdue or due within
    ``mus_rules.DUE_SOON_DAYS`` days who has none planned. Returns how many were planned."""
    due = [
        (ln.person_id, ln.due_on)
        for ln in mus_lines(access, unit_id=unit_id)
        if ln.open_id is None and ln.state in (MusState.OVERDUE, MusState.DUE_SOON)
    ]
    meetings = [MusMeeting(person_id=pid, due_on=on, manager=access.user) for pid, on in due if on]
    MusMeeting.objects.bulk_create(meetings, batch_size=1000)
    bump("skills_mus")  # bulk_create sends no signal (services.mus_figures' cache)
    for_development(access).record(
        [m.person_id for m in meetings], action=Action.CREATE, category=CATEGORY, detail="mus"
    )
    return len(meetings)


# --- One MUS: preparation, held ------------------------------------------------------------------


@dataclass(frozen=True)
class MusView:
    """What the caller may see of one MUS. ``employee_preparation`` is the employee's text for
    the employee, and for anyone else only once shared (``None`` before)."""

    id: int
    person_id: int
    person_name: str
    due_on: date
    scheduled_at: datetime | None
    held_on: date | None
    status: str
    status_label: str
    overdue: bool
    is_employee: bool
    employee_preparation: str | None
    employee_shared_at: datetime | None
    #: The manager's own notes: ``None`` for the employee.
    manager_preparation: str | None
    summary: str
    plans: list[DevelopmentPlan]


def _meeting(access: Access, mus_id: int) -> tuple[MusMeeting, bool]:
    """The meeting and whether the caller is its employee; 403 / 404 as for a person's data."""
    meeting = MusMeeting.objects.select_related("person").filter(pk=mus_id).first()
    if meeting is None:
        raise NotFound
    if access.person_id is not None and meeting.person_id == access.person_id:
        return meeting, True
    access.require(MANAGE_MUS)
    person_in_scope(access, meeting.person_id)
    return meeting, False


def _view(meeting: MusMeeting, is_employee: bool) -> MusView:
    shared = meeting.employee_shared_at is not None
    return MusView(
        id=meeting.pk,
        person_id=meeting.person_id,
        person_name=meeting.person.full_name,
        due_on=meeting.due_on,
        scheduled_at=meeting.scheduled_at,
        held_on=meeting.held_on,
        status=meeting.status,
        status_label=meeting.get_status_display(),
        overdue=mus_rules.is_overdue(meeting.due_on, meeting.held_on, today())
        and meeting.status == MusStatus.SCHEDULED,
        is_employee=is_employee,
        employee_preparation=meeting.employee_preparation if is_employee or shared else None,
        employee_shared_at=meeting.employee_shared_at,
        manager_preparation=None if is_employee else meeting.manager_preparation,
        summary=meeting.summary,
        plans=list(meeting.plans.order_by("-valid_from", "-pk")),
    )


def mus_detail(access: Access, mus_id: int) -> MusView:
    meeting, is_employee = _meeting(access, mus_id)
    for_development(access).record_read([meeting.person_id], category=CATEGORY, detail="mus")
    return _view(meeting, is_employee)


def save_employee_preparation(
    access: Access, mus_id: int, text: str, *, share: bool = False
) -> MusView:
    """The employee's own preparation; ``share`` ("Del med min leder") makes it visible to the
    manager from now on. Only the employee may write it."""
    meeting, is_employee = _meeting(access, mus_id)
    if not is_employee:
        raise PermissionDenied
    meeting.employee_preparation = check_text(
        text, what=_("Din forberedelse"), max_length=MAX_TEXT, multiline=True
    )
    if share and meeting.employee_shared_at is None:
        meeting.employee_shared_at = timezone.now()
    meeting.save(update_fields=["employee_preparation", "employee_shared_at"])
    for_development(access).record(
        [meeting.person_id],
        action=Action.UPDATE,
        category=CATEGORY,
        detail="mus-forberedelse delt" if share else "mus-forberedelse",
    )
    return _view(meeting, True)


def save_manager_preparation(access: Access, mus_id: int, text: str) -> MusView:
    meeting, is_employee = _meeting(access, mus_id)
    if is_employee:
        raise PermissionDenied
    meeting.manager_preparation = check_text(
        text, what=_("Lederens forberedelse"), max_length=MAX_TEXT, multiline=True
    )
    meeting.save(update_fields=["manager_preparation"])
    for_development(access).record(
        [meeting.person_id], action=Action.UPDATE, category=CATEGORY, detail="mus"
    )
    return _view(meeting, False)


def mark_held(access: Access, mus_id: int, *, held_on: date, summary: str = "") -> MusView:
    """The manager records that the talk was held (not in the future), with a short summary."""
    meeting, is_employee = _meeting(access, mus_id)
    if is_employee:
        raise PermissionDenied
    if held_on > today():
        raise ValidationFailed([_("En MUS kan ikke være afholdt i fremtiden.")], field="held_on")
    meeting.held_on = held_on
    meeting.status = MusStatus.HELD
    meeting.summary = check_text(summary, what=_("Referat"), max_length=MAX_TEXT, multiline=True)
    meeting.save(update_fields=["held_on", "status", "summary"])
    for_development(access).record(
        [meeting.person_id], action=Action.UPDATE, category=CATEGORY, detail="mus afholdt"
    )
    return _view(meeting, False)


# --- The employee's own ------------------------------------------------------------------------


@dataclass(frozen=True)
class MyMus:
    person: Person | None
    meetings: list[MusMeeting]
    plans: list[DevelopmentPlan]
    due_on: date | None
    state: MusState | None

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state]) if self.state else ""


def my_mus(access: Access) -> MyMus:
    """The caller's own MUS talks and development plans, and when the next MUS is due."""
    person = Person.objects.filter(pk=access.person_id).first() if access.person_id else None
    if person is None:
        return MyMus(None, [], [], None, None)
    meetings = list(MusMeeting.objects.filter(person=person).order_by("-due_on", "-pk"))
    plans = list(DevelopmentPlan.objects.filter(person=person).order_by("-valid_from", "-pk"))
    line = _own_status(person.pk, meetings)
    for_development(access).record_read([person.pk], category=CATEGORY, detail="mus")
    return MyMus(person, meetings, plans, line.due_on, line.state)


def _own_status(person_id: int, meetings: Iterable[MusMeeting]) -> mus_rules.MusStatusLine:
    meetings = list(meetings)
    held = [m.held_on for m in meetings if m.status == MusStatus.HELD and m.held_on]
    open_due = min((m.due_on for m in meetings if m.status == MusStatus.SCHEDULED), default=None)
    start = (
        people.current_employments()
        .filter(person_id=person_id)
        .aggregate(first=Min("start_date"))["first"]
    )
    return mus_rules.status(
        last_held=max(held, default=None),
        employed_from=start,
        open_due=open_due,
        today=today(),
        interval_months=interval_months(),
    )


# --- The person overview (people.overview) -------------------------------------------------------


def person_section(access: Access, person: Person) -> dict[str, object]:
    """The MUS section of the person page: when the next MUS is due and its state, the latest
    talks and plans, with links to plan a MUS and to the road map. ``MANAGE_MUS`` within scope
    (the employee's private preparation is never part of it)."""
    access.require(MANAGE_MUS)
    person_in_scope(access, person.pk)
    meetings = list(MusMeeting.objects.filter(person=person).order_by("-due_on", "-pk")[:3])
    plans = list(DevelopmentPlan.objects.filter(person=person).order_by("-valid_from", "-pk")[:3])
    line = _own_status(person.pk, MusMeeting.objects.filter(person=person))
    for_development(access).record_read([person.pk], category=CATEGORY, detail="person:overblik")
    return {
        "title": _("MUS og udvikling"),
        "person_id": person.pk,
        "is_self": person.pk == access.person_id,
        "due_on": line.due_on,
        "state": STATE_LABELS[line.state],
        "overdue": line.state == MusState.OVERDUE,
        "meetings": meetings,
        "plans": plans,
    }
