"""Managers' follow-up tasks of sickness, their reminders and the calendar feed.

- ``refresh_tasks(on)`` turns every recent sickness spell's obligations (``absence.rules``, with
  the policy in force on the spell's first day) and the local dialogue rule
  (``absence.policy.find_dialogue_trigger``) into ``FollowUpTask`` rows, idempotently.
- ``tasks_for(access, on)``: a manager's open tasks for their units (sub-trees), all for HR.
- ``complete`` / ``not_applicable`` / ``add_note`` record who and when, audited.
- ``escalate_overdue(on)`` and ``send_reminders(on)`` are daily jobs (``absence.tasks``, the
  app's background tasks); they act for nobody and take no access.
- ``rotate_feed_token`` / ``feed`` give each manager a personal iCal feed.

Scope: a task belongs to the unit of the person's employment on the first sick day; a manager
sees the tasks of units in their sub-trees (``people.services.in_units``), HR sees all, others
none (403, ``permissions.MANAGE_TASKS``). Every read of a task or its notes is audited (category
``fravaer``). Tasks hold dates and rule texts only; notes are free text and the form says never
to write a diagnosis.
"""

from __future__ import annotations

import hashlib
import logging
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop, ngettext

from charlie.absence import ical, rules
from charlie.absence.kinds import CATEGORY_ABSENCE, SICKNESS_TYPES
from charlie.absence.models import (
    AbsencePeriod,
    FollowUpNote,
    FollowUpTask,
    ReminderPreference,
    TaskFeedToken,
    TaskStatus,
)
from charlie.absence.permissions import MANAGE_TASKS
from charlie.absence.policy import (
    DEFAULT_POLICY,
    Period,
    PolicyVersion,
    find_dialogue_trigger,
    policy_for,
)
from charlie.absence.rules import obligations
from charlie.absence.services.followup import load_agreements, load_plans
from charlie.absence.services.policy import policy_versions
from charlie.absence.spells import (
    LOOKBACK,
    agreement_on,
    plan_for_spell,
    sickness_case,
    sickness_spells,
    superseded,
    unit_on,
)
from charlie.core.cache import bump, cached
from charlie.core.errors import NotFound, PermissionDenied, ValidationFailed
from charlie.core.formats import format_date, format_date_short
from charlie.core.messages import Message, join, text
from charlie.core.models import User
from charlie.core.roles import Role
from charlie.core.text import check_text
from charlie.core.tokens import generate_token, hash_token
from charlie.people import services as people
from charlie.people.models import Employment, OrgUnit, Person
from charlie.privacy import services as audit
from charlie.privacy.access import Access
from charlie.privacy.models import Action

log = logging.getLogger(__name__)

DIALOGUE = "dialogue"
#: A dialogue task is due this many days after the dialogue rule fires (Charlie's default; the
#: policy sets when it fires, not how soon the talk is held).
DIALOGUE_DUE_DAYS = 14
#: Reminders cover tasks due within this many days (and overdue ones).
REMIND_DAYS_AHEAD = 2
NOTE_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 300

# Texts kept on the tasks as messages (``core.messages``): written in the reader's language, with
# the dates their way, when the task is shown.
DIALOGUE_PERIODS = text(
    "absence.dialogue.periods",
    gettext_noop("Hold en fraværssamtale: %(n)s sygeperioder fra %(start)s til %(end)s."),
)
DIALOGUE_DAYS = text(
    "absence.dialogue.days",
    gettext_noop("Hold en fraværssamtale: %(n)s sygedage fra %(start)s til %(end)s."),
)
RENEWED = text("absence.s56.renewed", gettext_noop("Aftalen er fornyet."))
SPELL_CHANGED = text(
    "absence.task.spell_changed", gettext_noop("Sygeperioden er rettet eller slettet.")
)
#: A § 56 renewal reminder becomes a manager's task this many days before it is due.
RENEWAL_TASK_HORIZON_DAYS = 90


def escalate_after_days() -> int:
    """Days a task may be overdue before it goes to HR (setting, default 3)."""
    return int(settings.CHARLIE_ABSENCE_ESCALATE_AFTER_DAYS)


def backfill_days() -> int:
    """A task is created only if its due date is at most this many days past (setting, default
    14): when Charlie first runs, a year of old deadlines does not flood the managers' lists."""
    return int(settings.CHARLIE_ABSENCE_TASK_BACKFILL_DAYS)


# --- Labels ----------------------------------------------------------------------------------


def task_label(code: str) -> str:
    """The task type in plain Danish, for lists, mails and the calendar."""
    if code.startswith("contact_day_"):
        return _("Kontakt på %(n)s. sygedag") % {"n": code.removeprefix("contact_day_")}
    if code.startswith("refund_claim"):
        return _("Søg refusion")
    labels = {
        "sickness_interview": _("Sygefraværssamtale"),
        "nemrefusion_report": _("Anmeld i NemRefusion"),
        "retention_plan": _("Fastholdelsesplan"),
        "section_56_renewal": _("Forny § 56-aftale"),
        DIALOGUE: _("Fraværssamtale"),
    }
    return labels.get(code, code)


def short_name(first_name: str, last_name: str) -> str:
    """First name and the last name's initial ("Anna J."): enough for a calendar."""
    initial = f" {last_name[:1]}." if last_name else ""
    return f"{first_name}{initial}"


# --- Refresh ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Wanted:
    """A task as the rules want it now (``applies`` False: close it if it is open)."""

    person_id: int
    first_day: date
    code: str
    due: date | None  # None only when it does not apply: the task keeps its date
    legal_basis: Message | str
    description: Message | str
    org_unit_id: int | None
    applies: bool
    reason: Message | str


@dataclass(frozen=True)
class RefreshResult:
    created: int
    updated: int
    closed: int
    people: int


def _wanted_for_person(
    person_id: int,
    rows: list[tuple[date, date | None, str]],
    jobs: list[Employment],
    versions: list[PolicyVersion],
    on: date,
    dialogue_after: date | None,
    s56: list[rules.Section56Terms] | None = None,
    plans: list[tuple[date, rules.RetentionPlanRequest]] | None = None,
) -> list[_Wanted]:
    result: list[_Wanted] = []
    s56, plans = s56 or [], plans or []
    spells = sickness_spells(rows)
    cutoff = on - LOOKBACK
    for first, last, _kinds in spells:
        if last is not None and last < cutoff:
            continue
        policy = policy_for(first, versions)
        unit = unit_on(first, jobs)
        seen: dict[str, int] = defaultdict(int)
        case = sickness_case(
            first,
            last,
            jobs,
            section_56=agreement_on(s56, first),
            retention_plan=plan_for_spell(plans, first, last),
        )
        for o in obligations(case, on, policy):
            # The § 56 renewal is one task per agreement (below), not one per spell. An
            # obligation without a due date that no longer applies (a refused retention plan)
            # still closes its open task, keeping the task's date.
            if o.information_only or o.code == rules.Code.SECTION_56_RENEWAL:
                continue
            if o.due is None and o.applies:
                continue
            seen[o.code] += 1
            code = o.code if o.code != "refund_claim" else f"refund_claim_{seen[o.code]}"
            description = join(o.description, o.reason) if o.applies else o.description
            result.append(
                _Wanted(
                    person_id,
                    first,
                    code,
                    o.due,
                    o.legal_basis,
                    description,
                    unit,
                    o.applies,
                    o.reason,
                )
            )
    horizon = on + timedelta(days=RENEWAL_TASK_HORIZON_DAYS)
    for agreement in s56:
        renewal = rules.section_56_renewal(agreement, policy_for(agreement.approved_on, versions))
        if renewal.due is None or renewal.due > horizon:
            continue
        renewed = superseded(agreement, s56)
        # Keyed by the approval day (the task's "first_day"): one reminder per agreement.
        result.append(
            _Wanted(
                person_id,
                agreement.approved_on,
                renewal.code,
                renewal.due,
                renewal.legal_basis,
                renewal.description,
                unit_on(renewal.due, jobs),
                not renewed,
                RENEWED() if renewed else "",
            )
        )
    if dialogue_after is not None:
        periods = [Period(first, last) for first, last, _kinds in spells]
        trigger = find_dialogue_trigger(periods, versions, after=dialogue_after, until=on)
        if trigger is not None:
            dialogue = DIALOGUE_PERIODS if trigger.reason == "periods" else DIALOGUE_DAYS
            result.append(
                _Wanted(
                    person_id,
                    trigger.fires_on,
                    DIALOGUE,
                    trigger.fires_on + timedelta(days=DIALOGUE_DUE_DAYS),
                    rules.LOCAL_POLICY(),
                    dialogue(n=trigger.count, start=trigger.window_start, end=trigger.window_end),
                    unit_on(trigger.fires_on, jobs),
                    True,
                    "",
                )
            )
    return result


def refresh_tasks(
    on: date | None = None, *, person_ids: Iterable[int] | None = None
) -> RefreshResult:
    """Create and update the follow-up tasks of every sickness spell that is ongoing on ``on``
    or ended within the last year. Idempotent: running it twice changes nothing the second time.

    - The policy of each spell is the version in force on its first day (``policy_for``).
    - Obligations that apply, have a due date and are not information-only become tasks; a new
      task is not created when its due date is more than ``backfill_days()`` past.
    - Done tasks are kept as they are. An open task whose obligation no longer applies (the
      person came back earlier, a period was corrected) becomes ``not_applicable`` with the
      reason; one closed that way is opened again if the obligation applies again.
    - The dialogue rule: at most one open dialogue task per person; after one is closed, the
      rule is checked again from the day it was closed.

    - § 56 agreements (``absence.services.agreements``): a spell whose 1st day lies in an
      agreement's validity has no employer period; each agreement gets one renewal task (keyed
      by its approval day), created ``RENEWAL_TASK_HORIZON_DAYS`` before it is due and closed when a
      later agreement is recorded. A spell's retention plan request opens the § 7 b task; a
      refusal closes it.

    ``person_ids`` limits the run to these people (after HR records an agreement or a plan).

    Set-based: a few queries load the periods, employments, agreements, plans and existing tasks
    of the people concerned; new and changed tasks are written in bulk.
    """
    on = on or people.today()
    only = None if person_ids is None else set(person_ids)
    versions = policy_versions()
    cutoff = on - LOOKBACK
    # Periods far enough back to rebuild spells and the dialogue windows (12 months by
    # default) of every spell in range.
    history_from = cutoff - timedelta(days=max(366, 31 * _longest_window(versions)))
    recent = AbsencePeriod.objects.filter(absence_type__in=SICKNESS_TYPES, start_date__lte=on)
    if only is not None:
        recent = recent.filter(person_id__in=only)
    sick_ids = set(
        recent.filter(Q(end_date__isnull=True) | Q(end_date__gte=cutoff))
        .values_list("person_id", flat=True)
        .distinct()
    )
    # Agreements of the people with recent sickness (any date: a spell may start long ago),
    # and of anyone whose agreement still runs (its renewal reminder).
    s56_where = Q(person_id__in=sick_ids) | Q(valid_until__gte=cutoff)
    if only is not None:
        s56_where &= Q(person_id__in=only)
    s56 = load_agreements(s56_where)
    person_ids = sick_ids | set(s56)
    plans = load_plans(sick_ids)
    periods: dict[int, list[tuple[date, date | None, str]]] = defaultdict(list)
    for pid, start, end, kind in (
        AbsencePeriod.objects.filter(
            absence_type__in=SICKNESS_TYPES, start_date__lte=on, person_id__in=person_ids
        )
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=history_from))
        .order_by("person_id", "start_date")
        .values_list("person_id", "start_date", "end_date", "absence_type")
        .iterator(chunk_size=5000)
    ):
        periods[pid].append((start, end, kind))
    jobs: dict[int, list[Employment]] = defaultdict(list)
    for pid, start, end, hours, unit, notice in (
        Employment.objects.filter(person_id__in=person_ids)
        .order_by("person_id", "start_date")
        .values_list(
            "person_id", "start_date", "end_date", "weekly_hours", "org_unit_id", "notice_date"
        )
        .iterator(chunk_size=5000)
    ):
        jobs[pid].append(
            Employment(
                person_id=pid,
                start_date=start,
                end_date=end,
                weekly_hours=hours,
                org_unit_id=unit,
                notice_date=notice,
            )
        )
    existing: dict[tuple[int, date, str], FollowUpTask] = {}
    dialogue_after: dict[int, date | None] = {}
    existing_where = Q(person_id__in=person_ids)
    if only is None:
        existing_where |= Q(status=TaskStatus.OPEN, first_day__gte=cutoff)
    for task in FollowUpTask.objects.filter(existing_where).only(
        "pk", "person_id", "first_day", "code", "due", "legal_basis", "description",
        "org_unit_id", "status", "status_reason", "done_by_id", "done_at",
    ):  # fmt: skip
        existing[(task.person_id, task.first_day, task.code)] = task
        if task.code == DIALOGUE:
            if task.status == TaskStatus.OPEN:
                dialogue_after[task.person_id] = None  # one open dialogue at a time
            elif dialogue_after.get(task.person_id, cutoff) is not None:
                closed_on = timezone.localdate(task.done_at) if task.done_at else task.first_day
                previous = dialogue_after.get(task.person_id) or cutoff
                dialogue_after[task.person_id] = max(previous, task.first_day, closed_on)

    wanted: dict[tuple[int, date, str], _Wanted] = {}
    skipped: set[int] = set()
    for pid in person_ids:
        try:
            wanted_here = _wanted_for_person(
                pid,
                periods[pid],
                jobs[pid],
                versions,
                on,
                dialogue_after.get(pid, cutoff),
                s56.get(pid),
                plans.get(pid),
            )
        except Exception as exc:
            # One person's impossible data (a date like 31-12-9999 that overflows date
            # arithmetic) must not stop the refresh for everyone else. Logged by id and the
            # error's class only: its text may quote the data.
            log.error(
                "refresh_tasks: person %s skipped (%s); check their absence and employments",
                pid,
                type(exc).__name__,
            )
            skipped.add(pid)
            continue
        for w in wanted_here:
            wanted[(w.person_id, w.first_day, w.code)] = w

    earliest_new = on - timedelta(days=backfill_days())
    to_create: list[FollowUpTask] = []
    to_update: list[FollowUpTask] = []
    closed = 0
    now = timezone.now()
    for key, w in wanted.items():
        found = existing.get(key)
        if found is None:
            if w.applies and w.due is not None and w.due >= earliest_new:
                to_create.append(
                    FollowUpTask(
                        person_id=w.person_id,
                        first_day=w.first_day,
                        code=w.code,
                        due=w.due,
                        legal_basis=w.legal_basis,
                        description=w.description,
                        org_unit_id=w.org_unit_id,
                    )
                )
            continue
        task = found
        if task.status == TaskStatus.DONE:
            continue
        changed = False
        for field, value in (
            ("due", w.due or task.due),
            ("legal_basis", w.legal_basis),
            ("description", w.description),
            ("org_unit_id", w.org_unit_id),
        ):
            if getattr(task, field) != value:
                setattr(task, field, value)
                changed = True
        if task.status == TaskStatus.OPEN and not w.applies:
            task.status, task.status_reason, task.done_at = TaskStatus.NOT_APPLICABLE, w.reason, now
            closed += 1
            changed = True
        elif task.status == TaskStatus.NOT_APPLICABLE and task.done_by_id is None and w.applies:
            task.status, task.status_reason, task.done_at = TaskStatus.OPEN, "", None
            changed = True
        if changed:
            to_update.append(task)
    # Open tasks of spells in range that the rules no longer give (a period was deleted or
    # corrected so the spell starts on another day).
    for key, task in existing.items():
        if key in wanted or task.status != TaskStatus.OPEN or task.code == DIALOGUE:
            continue
        if task.person_id in skipped:
            continue  # unknown, not gone: leave the skipped person's tasks as they are
        if task.first_day < cutoff:
            continue
        task.status = TaskStatus.NOT_APPLICABLE
        task.status_reason = SPELL_CHANGED()
        task.done_at = now
        to_update.append(task)
        closed += 1
    with transaction.atomic():
        FollowUpTask.objects.bulk_create(to_create, batch_size=1000)
        FollowUpTask.objects.bulk_update(
            to_update,
            ["due", "legal_basis", "description", "org_unit_id", "status", "status_reason",
             "done_at", "updated_at"],
            batch_size=1000,
        )  # fmt: skip
        if to_create or to_update:
            bump("tasks")  # bulk writes send no signals
        if to_create:
            audit.record(
                actor=None,
                subject_person_ids={t.person_id for t in to_create},
                action="create",
                category=CATEGORY_ABSENCE,
                purpose=people.PURPOSE_HR,
                channel="task",
                detail="opfølgningsopgaver",
            )
    return RefreshResult(len(to_create), len(to_update), closed, len(person_ids))


def refresh_now(person_ids: Iterable[int], on: date | None = None) -> RefreshResult:
    """Bring these people's follow-up tasks up to date at once — after a sick or well report
    or an import, not the next night — and, once the transaction commits, send the one-task
    reminders they call for (``send_reminders`` with ``person_ids``)."""
    ids = sorted(set(person_ids))
    if not ids:
        return RefreshResult(0, 0, 0, 0)
    result = refresh_tasks(on, person_ids=ids)
    transaction.on_commit(lambda: send_reminders(on, person_ids=ids), robust=True)
    return result


def _longest_window(versions: list[PolicyVersion]) -> int:
    policies = [v.policy for v in versions] or [DEFAULT_POLICY]
    return max(max(p.dialogue_days_months, p.dialogue_periods_months) for p in policies)


# --- Lists and detail ------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskRow:
    task: FollowUpTask
    person_name: str
    label: str
    overdue: bool
    days_overdue: int
    escalated: bool

    @property
    def sick_from(self) -> str:
        """ "Sygdom fra 3. marts 2025": the spell the task belongs to, in the reader's language
        (written here, not by a template tag per row of a long list)."""
        return _("Sygdom fra %(day)s") % {"day": format_date(self.task.first_day)}

    @property
    def overdue_text(self) -> str:
        n = self.days_overdue
        return ngettext("Overskredet %(n)s dag", "Overskredet %(n)s dage", n) % {"n": n}


def _scoped(access: Access) -> QuerySet[FollowUpTask]:
    """The tasks of the caller's units (all for HR); 403 without ``MANAGE_TASKS``."""
    access.require(MANAGE_TASKS)
    return FollowUpTask.objects.select_related("person", "org_unit").filter(people.in_units(access))


def _row(task: FollowUpTask, on: date) -> TaskRow:
    overdue = task.status == TaskStatus.OPEN and task.due < on
    return TaskRow(
        task=task,
        person_name=task.person.full_name,
        label=task_label(task.code),
        overdue=overdue,
        days_overdue=(on - task.due).days if overdue else 0,
        escalated=task.escalated_at is not None and task.status == TaskStatus.OPEN,
    )


def tasks_for(
    access: Access, on: date | None = None, *, escalated_only: bool = False
) -> list[TaskRow]:
    """Open tasks a manager (their units' sub-trees) or HR (all) must do, by due date, so
    overdue ones come first. Others get 403. The people listed are recorded as read."""
    on = on or people.today()
    qs = _scoped(access).filter(status=TaskStatus.OPEN)
    if escalated_only:
        qs = qs.filter(escalated_at__isnull=False)
    rows = [_row(t, on) for t in qs.order_by("due", "person__last_name", "pk")]
    access.record_read(
        {r.task.person_id for r in rows}, category=CATEGORY_ABSENCE, detail="opgaver"
    )
    return rows


# --- The task list: filters, search, sorting, paging -------------------------------------

#: Rows per page of the task list: a screenful on a phone, and each row costs (its person is
#: recorded as read, its actions rendered); the counts and the pages say how many there are.
PAGE_SIZE = 25

#: The task list's due-date filters (``TaskQuery.due``); "" is every open task.
DUE_FILTERS = ("", "due", "overdue", "today", "week", "done")

#: Task types as the list filters them: a prefix of ``FollowUpTask.code`` each.
TASK_KINDS = (
    "contact_day_",
    "sickness_interview",
    "retention_plan",
    "nemrefusion_report",
    "refund_claim",
    "section_56_renewal",
    DIALOGUE,
)

#: The list's sort orders: the URL value → the ORDER BY (a tiebreak on pk keeps pages stable).
SORTS: dict[str, tuple[str, ...]] = {
    # By the task's own columns: the (status, due) index gives a page without sorting them all.
    "due": ("due", "pk"),
    "-due": ("-due", "-pk"),
    "person": ("person__last_name", "person__first_name", "due", "pk"),
    "unit": ("org_unit__name", "due", "pk"),
    "type": ("code", "due", "pk"),
}


def kind_label(kind: str) -> str:
    """A ``TASK_KINDS`` value in plain Danish."""
    if kind == "contact_day_":
        return _("Kontakt på sygedag")
    return task_label(kind)


def due_filter_labels() -> dict[str, str]:
    return {
        "": _("Alle åbne"),
        "due": _("Frist i dag eller overskredet"),
        "overdue": _("Overskredet frist"),
        "today": _("Frist i dag"),
        "week": _("Frist resten af ugen"),
        "done": _("Afsluttede"),
    }


@dataclass(frozen=True)
class TaskQuery:
    """What the task list is asked for: filters, search text, sort order and page."""

    unit: int | None = None  # a unit and everything below it
    job_family: int | None = None  # the person's job family in the task's unit
    kind: str = ""  # one of TASK_KINDS
    due: str = ""  # one of DUE_FILTERS
    q: str = ""  # words that must each match the first or last name or employee number
    sort: str = ""  # a SORTS key; "" is by due date (done tasks: the newest first)
    page: int = 1


@dataclass(frozen=True)
class TaskPage:
    rows: list[TaskRow]
    total: int  # rows matching the whole query
    page: int
    pages: int
    first: int  # 1-based index of the first row shown (0 when none)
    last: int
    #: Per due filter (``DUE_FILTERS``), how many tasks match the other filters and the search.
    counts: dict[str, int]
    overdue: int
    escalated: int
    unit: OrgUnit | None


def _week_end(on: date) -> date:
    return on + timedelta(days=6 - on.weekday())


#: The statuses of a finished task (an index can use a list, not a "not open").
CLOSED = (TaskStatus.DONE, TaskStatus.NOT_APPLICABLE)


def _due_q(due: str, on: date) -> Q:
    if due == "done":
        return Q(status__in=CLOSED)
    q = Q(status=TaskStatus.OPEN)
    if due == "due":
        q &= Q(due__lte=on)
    elif due == "overdue":
        q &= Q(due__lt=on)
    elif due == "today":
        q &= Q(due=on)
    elif due == "week":
        q &= Q(due__gte=on, due__lte=_week_end(on))
    return q


def _unit_in_scope(access: Access, unit_id: int) -> OrgUnit:
    unit = OrgUnit.objects.filter(pk=unit_id).only("pk", "name", "path").first()
    if unit is None or not (
        access.everyone or any(unit.path.startswith(p) for p in access.unit_paths)
    ):
        raise NotFound
    return unit


def _name_matches(text: str) -> Q:
    """Tasks of the people found by the people search (``people.name_or_number_matches``:
    every word begins a first or last name, or is the employee number; indexed), so the task
    list finds the same people as the people list, and a year of tasks is not joined to them
    all."""
    words = " ".join(text.split()[:5])
    return Q(person_id__in=Person.objects.filter(people.name_or_number_matches(words)).values("pk"))


#: The data the task list's counts come from: the tasks, the people (names searched, units,
#: people erased) and the absence (periods deleted with their tasks by retention).
TASK_AREAS = ("tasks", "people", "absence")


def _counts_key(access: Access, query: TaskQuery, on: date) -> str:
    # Hashed: the search text may be a name, and it is never stored (not even as a key).
    raw = f"{query.unit}|{query.job_family}|{query.kind}|{query.q.strip()}"
    digest = hashlib.sha256(raw.encode()).hexdigest()[:32]
    scope = "all" if access.everyone else ",".join(sorted(access.unit_paths))
    return f"task_counts:{on}:{scope}:{digest}"


def _counts(base: QuerySet[FollowUpTask], on: date) -> dict[str, int]:
    """How many tasks each due filter holds. Open tasks are a few per cent of a year's: their
    counts come from the (status, due) index; the done ones are counted apart, without the
    date filters (the one count that reads a year of tasks: hence cached)."""
    week_end = _week_end(on)
    counts: dict[str, int] = base.filter(status=TaskStatus.OPEN).aggregate(
        n_open=Count("pk"),
        n_due=Count("pk", filter=Q(due__lte=on)),
        n_overdue=Count("pk", filter=Q(due__lt=on)),
        n_today=Count("pk", filter=Q(due=on)),
        n_week=Count("pk", filter=Q(due__gte=on, due__lte=week_end)),
        n_escalated=Count("pk", filter=Q(escalated_at__isnull=False)),
    )
    counts["n_done"] = base.filter(status__in=CLOSED).count()
    return counts


def task_list(access: Access, query: TaskQuery, on: date | None = None) -> TaskPage:
    """One page of the caller's follow-up tasks (a manager: their units' sub-trees; HR: all;
    others 403), filtered, searched and sorted, with the count behind every due filter.

    A ``unit`` outside the caller's scope is ``NotFound``. Only the people on the page are
    recorded as read (``fravaer``, "opgaver")."""
    on = on or people.today()
    base = FollowUpTask.objects.filter(people.in_units(access))
    access.require(MANAGE_TASKS)
    unit = None
    if query.unit is not None:
        unit = _unit_in_scope(access, query.unit)
        # The unit ids first (a few thousand units), then the tasks by their indexed unit key.
        base = base.filter(
            org_unit_id__in=OrgUnit.objects.filter(path__startswith=unit.path).values("pk")
        )
    if query.job_family is not None:
        base = base.filter(
            Exists(
                Employment.objects.filter(
                    person_id=OuterRef("person_id"),
                    org_unit_id=OuterRef("org_unit_id"),
                    job_family_id=query.job_family,
                    start_date__lte=OuterRef("first_day"),
                ).filter(Q(end_date__isnull=True) | Q(end_date__gte=OuterRef("first_day")))
            )
        )
    if query.kind in TASK_KINDS:
        base = base.filter(code__startswith=query.kind)
    if query.q.strip():
        base = base.filter(_name_matches(query.q))
    counts = cached(TASK_AREAS, _counts_key(access, query, on), lambda: _counts(base, on))
    due = query.due if query.due in DUE_FILTERS else ""
    by_filter = {
        "": counts["n_open"],
        "due": counts["n_due"],
        "overdue": counts["n_overdue"],
        "today": counts["n_today"],
        "week": counts["n_week"],
        "done": counts["n_done"],
    }
    total = by_filter[due]
    pages = max(1, -(-total // PAGE_SIZE))
    page = min(max(1, query.page), pages)
    order = SORTS.get(query.sort, SORTS["due"])
    if due == "done" and not query.sort:
        order = SORTS["-due"]  # finished tasks: the newest deadline first
    start = (page - 1) * PAGE_SIZE
    tasks = list(
        base.filter(_due_q(due, on))
        .select_related("person", "org_unit")
        .order_by(*order)[start : start + PAGE_SIZE]
    )
    rows = [_row(t, on) for t in tasks]
    access.record_read({t.person_id for t in tasks}, category=CATEGORY_ABSENCE, detail="opgaver")
    return TaskPage(
        rows=rows,
        total=total,
        page=page,
        pages=pages,
        first=start + 1 if rows else 0,
        last=start + len(rows),
        counts=by_filter,
        overdue=counts["n_overdue"],
        escalated=counts["n_escalated"],
        unit=unit,
    )


def task_filter_choices(access: Access) -> tuple[str, list[tuple[int, str]]]:
    """The list's filter choices: the units the caller may filter to as cached ``<option>``s
    (``people.unit_options_html``: HR every open unit, a manager their sub-trees, each named
    with its parent where names repeat) and the job families."""
    access.require(MANAGE_TASKS)
    return people.unit_options_html(access), people.job_family_choices()


def get_task(access: Access, task_id: int, *, on: date | None = None) -> TaskRow:
    """One task in the caller's scope (404 otherwise); the read is audited."""
    task = _scoped(access).filter(pk=task_id).select_related("done_by").first()
    if task is None:
        raise NotFound
    access.record_read([task.person_id], category=CATEGORY_ABSENCE, detail="opgave")
    return _row(task, on or people.today())


def notes_of(access: Access, task_id: int) -> list[FollowUpNote]:
    """The notes on a task: only the responsible manager and HR; every read is audited."""
    task = _scoped(access).filter(pk=task_id).first()
    if task is None:
        raise NotFound
    notes = list(task.notes.select_related("author"))
    access.record_read([task.person_id], category=CATEGORY_ABSENCE, detail="opfølgningsnotater")
    return notes


def _record_write(access: Access, task: FollowUpTask, action: str, detail: str) -> None:
    access.record([task.person_id], action=action, category=CATEGORY_ABSENCE, detail=detail)


def _open_task(access: Access, task_id: int) -> FollowUpTask:
    task = _scoped(access).filter(pk=task_id).first()
    if task is None:
        raise NotFound
    if task.status != TaskStatus.OPEN:
        raise ValidationFailed([_("Opgaven er allerede afsluttet; der er ikke mere at gøre.")])
    return task


def complete(access: Access, task_id: int) -> FollowUpTask:
    """Mark a task done by the caller now. Audited (update, fravaer)."""
    task = _open_task(access, task_id)
    task.status, task.done_by, task.done_at = TaskStatus.DONE, access.user, timezone.now()
    task.save(update_fields=["status", "done_by", "done_at", "updated_at"])
    _record_write(access, task, Action.UPDATE, "opgave udført")
    return task


def not_applicable(access: Access, task_id: int, reason: str) -> FollowUpTask:
    """Mark a task as not relevant, with the reason. Audited (update, fravaer)."""
    reason = reason.strip()
    if not reason:
        raise ValidationFailed(
            [_("Skriv kort, hvorfor opgaven ikke er relevant, fx »Medarbejderen er raskmeldt«.")]
        )
    if len(reason) > REASON_MAX_LENGTH:
        raise ValidationFailed(
            [_("Begrundelsen må højst være %(n)d tegn.") % {"n": REASON_MAX_LENGTH}]
        )
    check_text(reason, what=_("Begrundelsen"), max_length=REASON_MAX_LENGTH)
    task = _open_task(access, task_id)
    task.status, task.status_reason = TaskStatus.NOT_APPLICABLE, reason
    task.done_by, task.done_at = access.user, timezone.now()
    task.save(update_fields=["status", "status_reason", "done_by", "done_at", "updated_at"])
    _record_write(access, task, Action.UPDATE, "opgave ikke relevant")
    return task


def add_note(access: Access, task_id: int, text: str) -> FollowUpNote:
    """Add a note to a task in the caller's scope. Audited (create, fravaer)."""
    text = text.strip()
    if not text:
        raise ValidationFailed([_("Skriv notatet, før du gemmer.")])
    if len(text) > NOTE_MAX_LENGTH:
        raise ValidationFailed([_("Notatet må højst være %(n)d tegn.") % {"n": NOTE_MAX_LENGTH}])
    check_text(text, what=_("Notatet"), max_length=NOTE_MAX_LENGTH, multiline=True)
    task = _scoped(access).filter(pk=task_id).first()
    if task is None:
        raise NotFound
    note = FollowUpNote.objects.create(task=task, author=access.user, text=text)
    _record_write(access, task, Action.CREATE, "opfølgningsnotat")
    return note


# --- Reminders and escalations by e-mail ------------------------------------------------------
#
# Each manager and HR user chooses (``ReminderPreference``) between one mail per task (the
# default) and one daily digest. Per task: a mail when the task comes within
# ``REMIND_DAYS_AHEAD`` days of its due date (at once, when a sick report creates it), one more
# when it is overdue, and for HR one when it is escalated. Digest: one mail a day listing
# everything due. Mails name the person, the task and the date; never a cause or a note. Each
# person named is recorded as read by the recipient (channel ``task``).


def digest_chosen(access: Access) -> bool:
    """Whether the caller gets one daily digest instead of one mail per task."""
    access.require(MANAGE_TASKS)
    if access.user is None:
        return False
    return ReminderPreference.objects.filter(user=access.user, daily_digest=True).exists()


def choose_digest(access: Access, *, daily_digest: bool) -> None:
    """Set how the caller gets reminders (their own setting; no one else's data)."""
    access.require(MANAGE_TASKS)
    if access.user is None:
        raise PermissionDenied
    ReminderPreference.objects.update_or_create(
        user=access.user, defaults={"daily_digest": daily_digest}
    )


def escalate_overdue(on: date | None = None) -> int:
    """Open tasks overdue by more than ``escalate_after_days()`` get ``escalated_at`` (they show
    as escalated on HR's list) and are e-mailed to the HR users who get one mail per task
    (the others find them in their daily digest). Returns how many were escalated now."""
    on = on or people.today()
    limit = on - timedelta(days=escalate_after_days())
    due = FollowUpTask.objects.filter(
        status=TaskStatus.OPEN, escalated_at__isnull=True, due__lt=limit
    )
    ids = list(due.values_list("pk", flat=True))
    if not ids:
        return 0
    FollowUpTask.objects.filter(pk__in=ids).update(escalated_at=timezone.now())
    bump("tasks")
    recipients = [u for u in _hr_users() if u.pk not in _digest_user_ids()]
    if recipients:
        tasks = list(FollowUpTask.objects.filter(pk__in=ids).select_related("person", "org_unit"))
        for user in recipients:
            for t in tasks:
                _mail(
                    user,
                    _("Sendt videre til HR: %(task)s – %(name)s")
                    % {"task": task_label(t.code), "name": t.person.full_name},
                    [
                        _(
                            "Denne opgave har haft overskredet frist i mere end %(n)d dage og er "
                            "sendt videre til HR:"
                        )
                        % {"n": escalate_after_days()},
                        "",
                        _task_line(t, on),
                        _("Enhed: %(unit)s") % {"unit": t.org_unit.name if t.org_unit else "–"},
                    ],
                    {t.person_id},
                    detail="eskalering",
                )
    return len(ids)


def _managers() -> dict[User, list[str]]:
    """Active managers with an e-mail address → the paths of the open units they manage."""
    result: dict[User, list[str]] = defaultdict(list)
    units = OrgUnit.objects.filter(
        manager__user__role=Role.MANAGER, manager__user__is_active=True
    ).filter(Q(valid_to__isnull=True) | Q(valid_to__gte=people.today()))
    users: dict[int, User] = {
        u.pk: u
        for u in User.objects.filter(pk__in=units.values("manager__user_id")).exclude(email="")
    }
    for path, user_id in units.values_list("path", "manager__user_id"):
        if user_id in users:
            result[users[user_id]].append(path)
    return result


def _hr_users() -> list[User]:
    return list(User.objects.filter(role=Role.HR, is_active=True).exclude(email="").order_by("pk"))


def _digest_user_ids() -> set[int]:
    return set(
        ReminderPreference.objects.filter(daily_digest=True).values_list("user_id", flat=True)
    )


def _task_line(t: FollowUpTask, on: date) -> str:
    when = format_date_short(t.due)
    late = _(" (overskredet)") if t.due < on else ""
    return f"- {when}{late}: {task_label(t.code)} – {t.person.full_name}"


def _mail(user: User, subject: str, lines: list[str], person_ids: set[int], *, detail: str) -> bool:
    """Send one mail to ``user`` and record the people it names as read by them."""
    body = "\n".join(
        [
            _("Kære %(name)s") % {"name": user.get_full_name() or user.get_username()},
            "",
            *lines,
            "",
            _("Se opgaverne og reglerne bag dem under »Opfølgning« i Charlie."),
            _(
                "Du vælger selv under »Opfølgning«, om du vil have én mail pr. opgave eller én "
                "samlet mail om dagen."
            ),
        ]
    )
    try:
        send_mail(subject, body, None, [user.email])
    except Exception as exc:
        # One mail that cannot be sent must not stop the others.
        log.error("reminder mail to user %s failed (%s)", user.pk, type(exc).__name__)
        return False
    people.access_for(user, channel="task").record_read(
        person_ids, category=CATEGORY_ABSENCE, detail=detail
    )
    return True


def _needs_task_mail(t: FollowUpTask, on: date) -> bool:
    """A one-task reminder is due: never reminded, or overdue and not reminded since."""
    return t.reminded_on is None or (t.due < on and t.reminded_on <= t.due)


def send_reminders(on: date | None = None, *, person_ids: Iterable[int] | None = None) -> int:
    """E-mail the reminders of open tasks due within ``REMIND_DAYS_AHEAD`` days or overdue.

    Daily (``person_ids`` None): a digest user gets one mail — a manager their units' tasks,
    HR the escalated ones; a per-task user one mail per task that needs it
    (``_needs_task_mail``). With ``person_ids`` (just after a sick report or an import) only the
    per-task mails about those people go out; digests wait for the day's run. Returns the
    number of mails sent."""
    on = on or people.today()
    due_by = on + timedelta(days=REMIND_DAYS_AHEAD)
    qs = FollowUpTask.objects.filter(status=TaskStatus.OPEN, due__lte=due_by)
    if person_ids is not None:
        qs = qs.filter(person_id__in=set(person_ids))
    tasks = list(qs.select_related("person", "org_unit").order_by("due", "pk"))
    if not tasks:
        return 0
    digest = _digest_user_ids()
    sent = 0
    reminded: set[int] = set()
    for user, paths in _managers().items():
        mine = [
            t for t in tasks if t.org_unit and any(t.org_unit.path.startswith(p) for p in paths)
        ]
        if not mine:
            continue
        if user.pk in digest:
            if person_ids is not None:
                continue
            lines = [
                _(
                    "Du har disse opfølgningsopgaver med frist inden for %(n)d dage eller "
                    "overskredet frist:"
                )
                % {"n": REMIND_DAYS_AHEAD},
                "",
                *[_task_line(t, on) for t in mine],
            ]
            subject = _("Opfølgning: %(n)d opgaver med frist") % {"n": len(mine)}
            sent += _mail(user, subject, lines, {t.person_id for t in mine}, detail="påmindelse")
            continue
        for t in mine:
            if not _needs_task_mail(t, on):
                continue
            subject = (
                _("Overskredet frist: %(task)s – %(name)s")
                if t.due < on
                else _("Opfølgning: %(task)s – %(name)s")
            ) % {"task": task_label(t.code), "name": t.person.full_name}
            lines = [
                _task_line(t, on),
                "",
                str(t.description),
                _("Regel: %(rule)s") % {"rule": t.legal_basis},
            ]
            if _mail(user, subject, lines, {t.person_id}, detail="påmindelse"):
                sent += 1
                reminded.add(t.pk)
    if person_ids is None:
        escalated = [t for t in tasks if t.escalated_at is not None]
        for user in _hr_users():
            if user.pk not in digest or not escalated:
                continue
            lines = [
                _("Disse opgaver har overskredet frist og er sendt videre til HR:"),
                "",
                *[_task_line(t, on) for t in escalated],
            ]
            subject = _("Opfølgning: %(n)d opgaver sendt videre til HR") % {"n": len(escalated)}
            sent += _mail(
                user, subject, lines, {t.person_id for t in escalated}, detail="påmindelse"
            )
    if reminded:
        FollowUpTask.objects.filter(pk__in=reminded).update(reminded_on=on)
    return sent


# --- Calendar feed ---------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedStatus:
    exists: bool
    created_at: datetime | None
    expires_at: datetime | None = None

    @property
    def expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


def feed_status(access: Access) -> FeedStatus:
    access.require(MANAGE_TASKS)
    token = TaskFeedToken.objects.filter(user=access.user).first()
    if token is None:
        return FeedStatus(False, None)
    return FeedStatus(True, token.created_at, token.expires_at)


def feed_lifetime() -> timedelta:
    """How long a calendar link works (``CHARLIE_CALENDAR_FEED_DAYS``, decision 0016)."""
    return timedelta(days=settings.CHARLIE_CALENDAR_FEED_DAYS)


def rotate_feed_token(access: Access) -> str:
    """Make a new secret for the caller's calendar feed (the old link stops working); returns the
    plain secret, which is shown once and never stored (only its hash). It works for
    ``feed_lifetime()``."""
    access.require(MANAGE_TASKS)
    new = generate_token()
    now = timezone.now()
    TaskFeedToken.objects.update_or_create(
        user=access.user,
        defaults={"key_hash": new.key_hash, "created_at": now, "expires_at": now + feed_lifetime()},
    )
    return new.plain


def revoke_feed_token(access: Access) -> bool:
    """Stop the caller's calendar link; True when there was one."""
    access.require(MANAGE_TASKS)
    deleted, _rows = TaskFeedToken.objects.filter(user=access.user).delete()
    return bool(deleted)


def feed(raw_token: str, on: date | None = None) -> str:
    """The iCal text of the open tasks of the user the token belongs to; 404 for a missing,
    wrong or expired token or a user who may no longer see tasks. Audited with channel ``api``.
    Events hold the task and the person's first name and initial: never a note."""
    if not raw_token or len(raw_token) > 200:
        raise NotFound
    token = (
        TaskFeedToken.objects.filter(key_hash=hash_token(raw_token), expires_at__gt=timezone.now())
        .select_related("user")
        .first()
    )
    if token is None:
        raise NotFound
    access = people.access_for(token.user, channel="api")
    if not access.can(MANAGE_TASKS):
        raise NotFound  # an inactive account, or a role that may no longer see tasks
    rows = tasks_for(access, on)
    events = [
        ical.Event(
            uid=f"opgave-{r.task.pk}@charlie",
            day=r.task.due,
            summary=f"{r.label} – {short_name(r.task.person.first_name, r.task.person.last_name)}",
            description=str(r.task.legal_basis),
        )
        for r in rows
    ]
    return ical.calendar(events, name=_("Opfølgning"), stamp=datetime.now(tz=UTC))
