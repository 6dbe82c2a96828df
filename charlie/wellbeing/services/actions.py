"""Action plans that get done (issue 16, point 5; docs/wellbeing-apv.md): every action of a
unit — from a problem of its APV, or from a survey's result (``wellbeing:action_new?enhed=
<unit>&maaling=<survey>&kilde=<text>``) — with an owner, a deadline, a status and a follow-up;
reminders to the owners of overdue actions, the front page, and the plan the unit's employees
see.

**Scope.** ``MANAGE_APV``: HR keeps every unit's actions, a manager those of the units they
manage and below (``people.services.in_units``). The **owner** of an action may update its
status and follow-up, whatever their role. **Reading** a unit's plan: its employees — everyone
currently employed in the unit or a unit below it (so a unit's plan is also its sub-units'
employees') — the managers above it and HR. Anything outside is a 404.

**Audit.** An action's owner is personal data of the owner (category and purpose ``trivsel``):
every page that shows owners to someone records them as read; every change records the owner as
written. One's own actions are "egen indsigt" (``Access.record``).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, gettext_noop

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.roles import Role
from charlie.core.text import check_text
from charlie.core.workqueue import QueueItem, QueueRow, Urgency
from charlie.people import services as people
from charlie.people.models import OrgUnit, Person
from charlie.privacy import services as privacy
from charlie.privacy.access import Access
from charlie.privacy.models import Action as AuditAction
from charlie.wellbeing import apv as rules
from charlie.wellbeing.models import Action, ActionStatus, ApvProblem, Survey
from charlie.wellbeing.permissions import MANAGE_APV
from charlie.wellbeing.services.common import CATEGORY, PURPOSE, today

log = logging.getLogger(__name__)

#: The audit details this part writes (registered in apps.py; no personal data in them).
DETAIL_PLAN = gettext_noop("handlingsplan")
DETAIL_ACTION = gettext_noop("handling")
DETAIL_SAVED = gettext_noop("handling gemt")
DETAIL_REMINDER = gettext_noop("påmindelse om handling")
DETAIL_FRONT_PAGE = gettext_noop("handlinger på forsiden")
AUDIT_DETAILS = (DETAIL_PLAN, DETAIL_ACTION, DETAIL_SAVED, DETAIL_REMINDER, DETAIL_FRONT_PAGE)

#: Rows a front-page item shows; actions a list shows at most.
ROWS = 5
LIST_LIMIT = 500
#: Closed actions stay on the employees' plan this many days after they were closed.
SHOWN_CLOSED_DAYS = 365

OPEN = (ActionStatus.PLANNED, ActionStatus.IN_PROGRESS)
CLOSED = (ActionStatus.DONE, ActionStatus.DROPPED)


def reminder_every_days() -> int:
    """Days between two reminders of the same overdue action (local policy; default 7)."""
    return max(int(getattr(settings, "CHARLIE_WELLBEING_ACTION_REMINDER_DAYS", 7)), 1)


def _base_url() -> str:
    return str(getattr(settings, "CHARLIE_BASE_URL", "")).rstrip("/")


# --- Scope ---------------------------------------------------------------------------------------


def managed_q(access: Access, *, unit: str = "unit") -> Q:
    """The rows (``unit`` the lookup to their unit) the caller keeps: 403 without
    ``MANAGE_APV``; HR everything, a manager their units and below."""
    access.require(MANAGE_APV)
    return people.in_units(access, unit=unit)


def reader_unit_ids(access: Access) -> set[int]:
    """The units whose APV and plan the caller reads as an employee: the units of their current
    employments and every unit above them (an APV of "Ældreområdet" is also the APV of the
    people in its plejecentre)."""
    ids: set[int] = set()
    if access.person_id is None:
        return ids
    # The caller's own units only decide what they may read: not a read of their employments.
    own = people.current_employments().filter(person_id=access.person_id)
    for path in own.values_list("org_unit__path", flat=True):
        ids.update(int(part) for part in path.strip("/").split("/") if part.isdigit())
    return ids


def readable_q(access: Access, *, unit: str = "unit") -> Q:
    """The rows the caller may read: their own units' (as an employee) and, with
    ``MANAGE_APV``, those they keep."""
    if not access.is_authenticated:
        return Q(pk__in=[])
    if access.can(MANAGE_APV) and access.everyone:
        return Q()  # (an empty Q would vanish from an "or")
    q = Q(**{f"{unit}_id__in": sorted(reader_unit_ids(access))})
    if access.can(MANAGE_APV):
        q |= people.in_units(access, unit=unit)
    return q


def managed_unit(access: Access, unit_id: int) -> OrgUnit:
    """A unit the caller keeps action plans and APVs for; 404 outside the scope."""
    unit = OrgUnit.objects.filter(managed_q(access, unit=""), pk=unit_id).first()
    if unit is None:
        raise NotFound
    return unit


def unit_choices(access: Access) -> list[tuple[int, str]]:
    """The open units the caller may make actions and APVs in (HR: all; a manager: theirs)."""
    access.require(MANAGE_APV)
    return people.unit_choices(access)


# --- Audit ---------------------------------------------------------------------------------------


def acting(access: Access) -> Access:
    """The caller acting for well-being: others' data under the purpose ``trivsel`` — also for
    an employee, whose role has no purpose of its own for others' data (their own stays
    "egen indsigt")."""
    return replace(access, purpose=PURPOSE)


def audit_owners(
    access: Access,
    actions: Iterable[Action],
    *,
    action: str = AuditAction.READ,
    detail: str = DETAIL_PLAN,
) -> None:
    """Write the audit log for the owners these actions show: the owner's person where the
    account has one, else the account (an HR user without a person record)."""
    owner_ids = {a.owner_id for a in actions if a.owner_id}
    if not owner_ids:
        return
    persons = dict(Person.objects.filter(user_id__in=owner_ids).values_list("user_id", "pk"))
    acting(access).record(persons.values(), action=action, category=CATEGORY, detail=detail)
    alone = owner_ids - set(persons)
    if alone:
        names = get_user_model().objects.filter(pk__in=alone).values_list("username", flat=True)
        privacy.record(
            actor=access.user,
            subject_accounts=[privacy.AccountSubject(username=n) for n in names],
            action=action,
            category=CATEGORY,
            purpose=PURPOSE,
            channel=access.channel,
            detail=detail,
        )


# --- Lines ---------------------------------------------------------------------------------------


def owner_name(user: Any) -> str:
    if user is None:
        return ""
    return str(user.get_full_name() or user.username)


@dataclass(frozen=True)
class ActionLine:
    """An action as the pages show it."""

    action: Action
    owner: str
    overdue: bool
    unit: str

    @property
    def closed(self) -> bool:
        return self.action.status in CLOSED


def lines_of(actions: Iterable[Action], *, on: date | None = None) -> list[ActionLine]:
    """Each action with its owner's name, whether it is overdue and its unit's label (the
    actions carry ``owner`` and ``unit``: ``select_related``)."""
    on = on or today()
    labels = people.unit_labels()
    return [
        ActionLine(
            action=a,
            owner=owner_name(a.owner),
            overdue=rules.action_overdue(a.deadline, a.status, on),
            unit=labels.get(a.unit_id, a.unit.name),
        )
        for a in actions
    ]


def _with_related(rows: QuerySet[Action]) -> QuerySet[Action]:
    return rows.select_related("owner", "unit", "survey", "apv", "problem_ref")


# --- The list (managers and HR) ------------------------------------------------------------------

STATUS_FILTERS = ("open", "overdue", "closed", "all")


def status_filter_choices() -> list[tuple[str, str]]:
    return [
        ("open", _("Åbne")),
        ("overdue", _("Overskredne")),
        ("closed", _("Gennemførte og opgivne")),
        ("all", _("Alle")),
    ]


@dataclass(frozen=True)
class ActionList:
    lines: list[ActionLine]
    total: int
    limited: bool


def action_list(
    access: Access, *, unit_id: int | None = None, status: str = "open", on: date | None = None
) -> ActionList:
    """The actions the caller keeps (HR: every unit; a manager: their units), of one unit and
    the units below it when ``unit_id`` is given, filtered by status; the owners shown are
    recorded as read."""
    on = on or today()
    rows = Action.objects.filter(managed_q(access))
    if unit_id is not None:
        unit = managed_unit(access, unit_id)
        rows = rows.filter(unit__path__startswith=unit.path)
    if status == "open":
        rows = rows.filter(status__in=OPEN)
    elif status == "overdue":
        rows = rows.filter(status__in=OPEN, deadline__lt=on)
    elif status == "closed":
        rows = rows.filter(status__in=CLOSED)
    elif status != "all":
        raise ValidationFailed([_("Ukendt status.")], field="status")
    total = rows.count()
    found = list(_with_related(rows).order_by("deadline", "pk")[:LIST_LIMIT])
    audit_owners(access, found)
    return ActionList(lines_of(found, on=on), total, total > len(found))


# --- One action ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionView:
    line: ActionLine
    #: The caller keeps the unit's plan: every field may be changed.
    can_edit: bool
    #: The caller owns the action: its status and follow-up may be changed.
    is_owner: bool


def _action(access: Access, action_id: int) -> tuple[Action, bool, bool]:
    """The action, whether the caller keeps it and whether they own it; 404 when neither
    (or when it is not theirs to read)."""
    found = _with_related(Action.objects.filter(pk=action_id)).first()
    if found is None or not access.is_authenticated:
        raise NotFound
    keeps = (
        access.can(MANAGE_APV) and Action.objects.filter(managed_q(access), pk=action_id).exists()
    )
    owns = access.user is not None and found.owner_id == access.user.pk
    if not keeps and not owns:
        raise NotFound
    return found, keeps, owns


def action_view(access: Access, action_id: int) -> ActionView:
    """One action, for the caller who keeps its unit's plan or owns it (recorded as read)."""
    found, keeps, owns = _action(access, action_id)
    audit_owners(access, [found], detail=DETAIL_ACTION)
    return ActionView(lines_of([found])[0], can_edit=keeps, is_owner=owns)


# --- Owners --------------------------------------------------------------------------------------


def owner_choices(access: Access, unit_id: int) -> list[tuple[int, str]]:
    """Who may own an action of the unit: the accounts of the people currently employed in it
    or below it, of the managers of it and of the units above it, HR's accounts, and the
    caller."""
    unit = managed_unit(access, unit_id)
    employed = people.current_employments().filter(org_unit__path__startswith=unit.path)
    above = [int(p) for p in unit.path.strip("/").split("/") if p.isdigit()]
    managers = OrgUnit.objects.filter(pk__in=above, manager__isnull=False).values("manager_id")
    q = Q(person__in=employed.values("person_id")) | Q(person__in=managers) | Q(role=Role.HR)
    if access.user is not None:
        q |= Q(pk=access.user.pk)
    users = (
        get_user_model()
        .objects.filter(q, is_active=True)
        .distinct()
        .order_by("first_name", "last_name", "username")
    )
    return [(u.pk, owner_name(u)) for u in users]


# --- Prefill and save ----------------------------------------------------------------------------


def survey_covers(survey: Survey, unit: OrgUnit) -> bool:
    """Whether the survey was asked in the unit (in it, or in a unit above it)."""
    above = [int(p) for p in unit.path.strip("/").split("/") if p.isdigit()]
    return survey.units.filter(pk__in=above).exists()


def _problem(access: Access, problem_id: int) -> ApvProblem:
    problem = (
        ApvProblem.objects.filter(managed_q(access, unit="apv__unit"), pk=problem_id)
        .select_related("apv", "apv__unit")
        .first()
    )
    if problem is None:
        raise NotFound
    return problem


def prefill(
    access: Access,
    *,
    unit_id: int | None = None,
    survey_id: int | None = None,
    source: str = "",
    problem_id: int | None = None,
) -> dict[str, Any]:
    """The new action's fields: from a problem of an APV (``problem_id``), or from a survey's
    result (``unit_id``, ``survey_id`` and ``source``, the dimension or question it came from:
    the results part's "Lav en handling"). A unit, survey or problem outside the caller's
    reach is a 404."""
    if problem_id is not None:
        problem = _problem(access, problem_id)
        text = problem.title + (f"\n\n{problem.description}" if problem.description else "")
        return {
            "unit": problem.apv.unit_id,
            "apv_problem": problem.pk,
            "problem": text,
            "source": problem.source or problem.apv.title,
        }
    if unit_id is None:
        access.require(MANAGE_APV)
        return {}
    unit = managed_unit(access, unit_id)
    initial: dict[str, Any] = {"unit": unit.pk}
    if survey_id is not None:
        survey = Survey.objects.filter(pk=survey_id).first()
        if survey is None or not survey_covers(survey, unit):
            raise NotFound
        initial["survey"] = survey.pk
        initial["survey_name"] = survey.name
    cleaned = (source or "").strip()[:300]
    if cleaned:
        initial["source"] = cleaned
        initial["problem"] = cleaned
    return initial


class ValidationFailedMany(ValidationFailed):
    """Several fields wrong at once: ``errors`` as (field, message) pairs."""

    def __init__(self, errors: list[tuple[str, str]]):
        super().__init__([m for _f, m in errors], field=errors[0][0] if errors else None)
        self.errors = errors


def _status(value: str) -> str:
    if value not in ActionStatus.values:
        raise ValidationFailed([_("Vælg en status.")], field="status")
    return value


def _closed_on(action: Action, status: str, on: date) -> date | None:
    """The day an action was closed (done or dropped), kept while it stays closed; used for
    the plan and for retention."""
    if status in CLOSED:
        return action.done_on if action.status in CLOSED and action.done_on else on
    return None


def save_action(
    access: Access,
    *,
    unit_id: int,
    problem: str,
    action: str,
    owner_id: int | None,
    deadline: date | None,
    status: str = ActionStatus.PLANNED,
    follow_up: str = "",
    source: str = "",
    survey_id: int | None = None,
    apv_problem_id: int | None = None,
    action_id: int | None = None,
) -> Action:
    """Make or change an action of a unit the caller keeps. The owner must be one of
    ``owner_choices``; a new action's deadline may not lie before today; a survey must have
    been asked in the unit. A problem of an APV ties the action to that APV (and its unit).
    The owner is recorded as written."""
    on = today()
    if action_id is not None:
        row, keeps, _owns = _action(access, action_id)
        if not keeps:
            raise NotFound
        unit = row.unit
    else:
        row = Action(created_by=access.user)
        if apv_problem_id is not None:
            found = _problem(access, apv_problem_id)
            row.apv, row.problem_ref = found.apv, found
            unit = found.apv.unit
        else:
            unit = managed_unit(access, unit_id)
        row.unit = unit
    errors: list[tuple[str, str]] = []

    def field_error(name: str, exc: ValidationFailed) -> None:
        errors.extend((exc.field or name, m) for m in exc.messages)

    try:
        row.problem = check_text(
            problem, what=_("Problem"), max_length=5000, multiline=True, required=True
        )
    except ValidationFailed as exc:
        field_error("problem", exc)
    try:
        row.action = check_text(
            action, what=_("Handling"), max_length=5000, multiline=True, required=True
        )
    except ValidationFailed as exc:
        field_error("action", exc)
    try:
        row.follow_up = check_text(follow_up, what=_("Opfølgning"), max_length=5000, multiline=True)
    except ValidationFailed as exc:
        field_error("follow_up", exc)
    try:
        row.source = check_text(source, what=_("Udgangspunkt"), max_length=300)
    except ValidationFailed as exc:
        field_error("source", exc)
    if owner_id is None:
        errors.append(("owner", _("Vælg, hvem der er ansvarlig for handlingen.")))
    elif owner_id not in {pk for pk, _label in owner_choices(access, unit.pk)}:
        errors.append(
            ("owner", _("Den ansvarlige skal høre til enheden, være leder over den eller HR."))
        )
    if deadline is None:
        errors.append(("deadline", _("Frist skal udfyldes.")))
    elif action_id is None and deadline < on and status not in CLOSED:
        errors.append(("deadline", _("Fristen ligger før i dag. Vælg en dag fra i dag og frem.")))
    if status not in ActionStatus.values:
        errors.append(("status", _("Vælg en status.")))
    survey = None
    if survey_id is not None:
        survey = Survey.objects.filter(pk=survey_id).first()
        if survey is None or not survey_covers(survey, unit):
            errors.append(("survey", _("Målingen er ikke gennemført i enheden.")))
    if errors or deadline is None:
        raise ValidationFailedMany(errors)
    row.owner_id = owner_id
    row.deadline = deadline
    row.done_on = _closed_on(row, status, on)
    row.status = status
    if action_id is None and survey is not None:
        row.survey = survey
    with transaction.atomic():
        row.save()
        audit_owners(
            access,
            [row],
            action=AuditAction.UPDATE if action_id else AuditAction.CREATE,
            detail=DETAIL_SAVED,
        )
    return row


def update_as_owner(access: Access, action_id: int, *, status: str, follow_up: str) -> Action:
    """The owner (or the plan's keeper) sets the status and writes the follow-up."""
    row, _keeps, _owns = _action(access, action_id)
    status = _status(status)
    row.follow_up = check_text(follow_up, what=_("Opfølgning"), max_length=5000, multiline=True)
    row.done_on = _closed_on(row, status, today())
    row.status = status
    with transaction.atomic():
        row.save(update_fields=["status", "follow_up", "done_on"])
        audit_owners(access, [row], action=AuditAction.UPDATE, detail=DETAIL_SAVED)
    return row


# --- Overdue actions: reminders and the front page -----------------------------------------------


def overdue_for(user: Any, *, on: date | None = None) -> list[Action]:
    """The open actions ``user`` owns whose deadline has passed, oldest deadline first (the
    contract with the other parts: reminders and the front page)."""
    if user is None or not getattr(user, "pk", None):
        return []
    on = on or today()
    return list(
        _with_related(Action.objects.filter(owner=user, status__in=OPEN, deadline__lt=on)).order_by(
            "deadline", "pk"
        )
    )


def send_reminders(*, on: date | None = None) -> int:
    """E-mail each owner of overdue actions (``apv.action_reminder_due``: again after
    ``reminder_every_days()`` days), one mail per owner listing them; ``reminded_on`` is set on
    each. Acts as the system (channel ``task``); returns the number of actions reminded."""
    on = on or today()
    every = reminder_every_days()
    access = people.operator_access(Role.HR, channel="task")
    candidates = _with_related(
        Action.objects.filter(status__in=OPEN, deadline__lt=on, owner__isnull=False)
    ).order_by("deadline", "pk")
    by_owner: dict[int, list[Action]] = defaultdict(list)
    for row in candidates:
        if row.owner_id is not None and rules.action_reminder_due(
            row.deadline, row.status, on, reminded_on=row.reminded_on, every_days=every
        ):
            by_owner[row.owner_id].append(row)
    sent = 0
    for owner_id, rows in by_owner.items():
        owner = rows[0].owner
        if owner is None or not owner.is_active or not owner.email:
            log.warning("action owner %s has no e-mail address", owner_id)
            continue
        if not _mail_reminder(owner.email, rows):
            continue
        Action.objects.filter(pk__in=[r.pk for r in rows]).update(reminded_on=on)
        audit_owners(access, rows, detail=DETAIL_REMINDER)
        sent += len(rows)
    return sent


def _mail_reminder(to: str, rows: list[Action]) -> bool:
    labels = people.unit_labels()
    body = [
        _("Du er ansvarlig for disse handlinger i en handlingsplan, og fristen er overskredet:"),
        "",
    ]
    for row in rows:
        unit = labels.get(row.unit_id, row.unit.name)
        text = row.action if len(row.action) <= 80 else row.action[:79] + "…"
        body.append(f"- {unit}: {text} — {_('frist')} {row.deadline:%d-%m-%Y}")
        body.append(f"  {_base_url()}{reverse('wellbeing:action', args=[row.pk])}")
    body += [
        "",
        _(
            "Skriv, hvordan det går, og sæt status på handlingen. Er den gennemført eller "
            "opgivet, holder påmindelserne op."
        ),
    ]
    try:
        send_mail(_("Handlinger med overskredet frist"), "\n".join(body), None, [to])
    except Exception as exc:
        log.error("action reminder failed (%s)", type(exc).__name__)
        return False
    return True


def _row(action: Action, labels: dict[int, str], *, owner: bool) -> QueueRow:
    unit = labels.get(action.unit_id, action.unit.name)
    text = action.action if len(action.action) <= 70 else action.action[:69] + "…"
    if owner:
        text = f"{text} ({owner_name(action.owner)})"
    return QueueRow(
        text=f"{unit}: {text}",
        url=reverse("wellbeing:action", args=[action.pk]),
        detail=action.deadline.strftime("%d-%m-%Y"),
        urgency=Urgency.OVERDUE,
    )


def queue_items(access: Access) -> list[QueueItem]:
    """The front page: the caller's own overdue actions (anyone may own one), and for a manager
    the overdue actions of their units that others own (the owners recorded as read)."""
    if not access.is_authenticated or access.user is None:
        return []
    on = today()
    items: list[QueueItem] = []
    own = overdue_for(access.user, on=on)
    # The unit labels only when there is a row to label: the front page takes them once itself.
    labels = people.unit_labels() if own else {}
    if own:
        items.append(
            QueueItem(
                key="wellbeing_my_actions",
                title=gettext_lazy("Dine handlinger i handlingsplaner"),
                count=len(own),
                urgency=Urgency.OVERDUE,
                url=reverse("wellbeing:my_plan"),
                link_label=gettext_lazy("Se handlingsplanen"),
                rows=[_row(a, labels, owner=False) for a in own[:ROWS]],
                text=gettext_lazy("Handlinger, du er ansvarlig for, hvis frist er overskredet."),
                order=55,
            )
        )
    if access.can(MANAGE_APV) and not access.everyone and access.units:
        others = Action.objects.filter(managed_q(access), status__in=OPEN, deadline__lt=on).exclude(
            owner=access.user
        )
        rows = list(_with_related(others).order_by("deadline", "pk")[:ROWS])
        if rows:
            labels = labels or people.unit_labels()
            audit_owners(access, rows, detail=DETAIL_FRONT_PAGE)
            items.append(
                QueueItem(
                    key="wellbeing_unit_actions",
                    title=gettext_lazy("Handlingsplaner i dine enheder"),
                    count=others.count(),
                    urgency=Urgency.OVERDUE,
                    url=reverse("wellbeing:actions") + "?status=overdue",
                    link_label=gettext_lazy("Se alle overskredne handlinger"),
                    rows=[_row(a, labels, owner=True) for a in rows],
                    text=gettext_lazy("Handlinger, hvis frist er overskredet."),
                    order=56,
                )
            )
    return items


# --- The plan the unit's employees see -----------------------------------------------------------


@dataclass(frozen=True)
class UnitPlan:
    """One unit's plan on the employees' page: its latest APV and its actions."""

    unit: OrgUnit
    label: str
    apv: Any  # the unit's latest APV (``models.Apv``), if any
    lines: list[ActionLine]


def my_plan(access: Access, *, on: date | None = None) -> list[UnitPlan]:
    """The action plans of the caller's own units and the units above them, deepest first:
    each unit's latest APV, its open actions and those closed in the last year. The owners
    shown are recorded as read."""
    from charlie.wellbeing.models import Apv

    on = on or today()
    ids = reader_unit_ids(access)
    if not ids:
        return []
    recent = on - timedelta(days=SHOWN_CLOSED_DAYS)
    actions = list(
        _with_related(
            Action.objects.filter(unit_id__in=sorted(ids)).filter(
                Q(status__in=OPEN) | Q(done_on__gte=recent) | Q(done_on__isnull=True)
            )
        ).order_by("deadline", "pk")
    )
    latest: dict[int, Apv] = {}
    for apv in Apv.objects.filter(unit_id__in=sorted(ids)).order_by("pk"):
        latest[apv.unit_id] = apv
    audit_owners(access, actions, detail=DETAIL_PLAN)
    by_unit: dict[int, list[Action]] = defaultdict(list)
    for row in actions:
        by_unit[row.unit_id].append(row)
    labels = people.unit_labels()
    units = OrgUnit.objects.filter(pk__in=set(by_unit) | set(latest)).order_by("-depth", "path")
    return [
        UnitPlan(u, labels.get(u.pk, u.name), latest.get(u.pk), lines_of(by_unit[u.pk], on=on))
        for u in units
    ]
