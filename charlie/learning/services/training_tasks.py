"""Managers' tasks and employees' reminders of mandatory training (issue 14, point 4).

The daily job (:func:`refresh_tasks`, ``tasks.py``) opens a ``TrainingTask`` for each person
whose training is due within ``CHARLIE_LEARNING_TASK_DAYS`` days (default 30) — counted to the
last valid day, or for someone who never took it to the end of the grace period — or overdue;
closes the open tasks of people who are compliant again (or no longer covered); and e-mails
each employee once per task (``reminded_on``). The manager sees the open tasks on the front
page (:func:`queue_items`) and on the compliance page (``compliance.open_tasks``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import numpy as np
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from charlie.core.formats import format_date
from charlie.core.roles import Role
from charlie.core.workqueue import QueueItem, QueueRow, Urgency
from charlie.learning import compliance as engine
from charlie.learning.models import TrainingTask
from charlie.learning.permissions import READ_LEARNING
from charlie.learning.services.common import CATEGORY, for_learning, today
from charlie.learning.services.compliance import evaluate, scope_paths
from charlie.people import services as people
from charlie.people.models import Person
from charlie.privacy.access import Access
from charlie.privacy.models import Action

log = logging.getLogger(__name__)

#: Rows a front-page item shows (the link leads to the full list).
ROWS = 5


def task_days() -> int:
    """Days before the due date that a task is opened (local policy; default 30)."""
    return int(getattr(settings, "CHARLIE_LEARNING_TASK_DAYS", 30))


@dataclass(frozen=True, slots=True)
class Refreshed:
    opened: int
    closed: int
    reminded: int


def refresh_tasks(*, on: date | None = None) -> Refreshed:
    """Open, close and remind (see the module docstring); idempotent within a day. Acts as
    the system (HR's scope, channel ``task``) and records every task written."""
    on = on or today()
    access = for_learning(people.operator_access(Role.HR, channel="task"))
    data = evaluate(on=on, paths=None)
    status = data.result.status
    days_left = np.where(
        np.isnat(data.result.due_on),
        np.int64(1 << 40),
        (data.result.due_on - np.datetime64(on, "D")).astype(np.int64),
    )
    needed = (status == engine.CODE[engine.OVERDUE]) | (
        ((status == engine.CODE[engine.DUE]) | (status == engine.CODE[engine.NEVER]))
        & (days_left <= task_days())
    )
    wanted: dict[tuple[int, int], date] = {}
    for i in np.flatnonzero(needed).tolist():
        due: date = data.result.due_on[i].astype("datetime64[D]").item()
        wanted[(int(data.person[i]), data.rules[int(data.rule[i])].pk)] = due
    open_tasks = {
        (t.person_id, t.rule_id): t for t in TrainingTask.objects.filter(closed_on__isnull=True)
    }
    to_close = [t.pk for key, t in open_tasks.items() if key not in wanted]
    new_keys = [(p, r, due) for (p, r), due in wanted.items() if (p, r) not in open_tasks]
    # A task closed earlier with the same due date (a completion withdrawn since) is reopened,
    # not made twice.
    closed_before = _closed_with_due(new_keys)
    fresh = [
        TrainingTask(person_id=p, rule_id=r, due_on=due, opened_on=on)
        for p, r, due in new_keys
        if (p, r, due) not in closed_before
    ]
    with transaction.atomic():
        closed = TrainingTask.objects.filter(pk__in=to_close).update(closed_on=on)
        TrainingTask.objects.filter(pk__in=closed_before.values()).update(
            closed_on=None, opened_on=on, reminded_on=None
        )
        TrainingTask.objects.bulk_create(fresh, ignore_conflicts=True)
        access.record(
            {p for p, _r, _due in new_keys},
            action=Action.CREATE,
            category=CATEGORY,
            detail="opgave",
        )
        access.record(
            {p for (p, _r), t in open_tasks.items() if t.pk in set(to_close)},
            action=Action.UPDATE,
            category=CATEGORY,
            detail="opgave lukket",
        )
    reminded = _remind(access, on)
    return Refreshed(opened=len(new_keys), closed=closed, reminded=reminded)


def _closed_with_due(keys: list[tuple[int, int, date]]) -> dict[tuple[int, int, date], int]:
    """The closed tasks among these (person, rule, due date) keys, by key → task id."""
    wanted = set(keys)
    found: dict[tuple[int, int, date], int] = {}
    persons = sorted({p for p, _r, _due in keys})
    for start in range(0, len(persons), 1000):
        for pk, p, r, due in TrainingTask.objects.filter(
            closed_on__isnull=False, person_id__in=persons[start : start + 1000]
        ).values_list("pk", "person_id", "rule_id", "due_on"):
            if (p, r, due) in wanted:
                found[(p, r, due)] = pk
    return found


def _remind(access: Access, on: date) -> int:
    """E-mail each employee with an open task not yet reminded (once per task)."""
    sent = 0
    tasks = list(
        TrainingTask.objects.filter(closed_on__isnull=True, reminded_on__isnull=True)
        .select_related("person", "rule")
        .order_by("person_id", "due_on")
    )
    for task in tasks:
        address = task.person.email
        if not address:
            continue
        late = task.due_on < on
        subject = (
            _("Din obligatoriske uddannelse er overskredet: %(rule)s")
            if late
            else _("Husk din obligatoriske uddannelse: %(rule)s")
        ) % {"rule": task.rule.name}
        body = "\n".join(
            [
                _("Kære %(name)s") % {"name": task.person.first_name},
                "",
                _("Du skal have »%(rule)s« senest %(due)s.")
                % {"rule": task.rule.name, "due": format_date(task.due_on)},
                _("Se din status og tilmeld dig et kursus under »Min læring« i Charlie."),
            ]
        )
        try:
            send_mail(subject, body, None, [address])
        except Exception as exc:
            # One mail that cannot be sent must not stop the others.
            log.error("training reminder to person %s failed (%s)", task.person_id, exc)
            continue
        TrainingTask.objects.filter(pk=task.pk).update(reminded_on=on)
        access.record_read([task.person_id], category=CATEGORY, detail="påmindelse")
        sent += 1
    return sent


@dataclass(frozen=True, slots=True)
class TaskLine:
    person_id: int
    name: str
    rule: str
    due_on: date
    overdue: bool
    reminded_on: date | None


def _open(access: Access, unit_id: int | None) -> QuerySet[TrainingTask]:
    access.require(READ_LEARNING)
    rows = TrainingTask.objects.filter(closed_on__isnull=True)
    paths = scope_paths(access, unit_id, today())
    if paths is not None:
        rows = rows.filter(
            person_id__in=people.current_employments()
            .filter(people.under_units(paths))
            .values("person_id")
        )
    return rows.exclude(person_id=access.person_id or 0)


def open_tasks(access: Access, *, unit_id: int | None = None, limit: int = 50) -> list[TaskLine]:
    """The open tasks of the people in the caller's scope (HR: everyone; a manager: the people
    employed in their units; one's own excepted), earliest due first, ``limit`` at most;
    recorded as read."""
    tasks = list(_open(access, unit_id).select_related("rule").order_by("due_on", "pk")[:limit])
    names = {
        pk: f"{first} {last}"
        for pk, first, last in Person.objects.filter(
            pk__in={t.person_id for t in tasks}
        ).values_list("pk", "first_name", "last_name")
    }
    on = today()
    for_learning(access).record_read(
        sorted({t.person_id for t in tasks}), category=CATEGORY, detail="opgaver"
    )
    return [
        TaskLine(
            t.person_id,
            names.get(t.person_id, ""),
            t.rule.name,
            t.due_on,
            t.due_on < on,
            t.reminded_on,
        )
        for t in tasks
    ]


def open_task_count(access: Access) -> int:
    return _open(access, None).count()


def queue_items(access: Access) -> list[QueueItem]:
    """The front page: a manager's (or HR's) open tasks of mandatory training."""
    if not access.can(READ_LEARNING) or not (access.everyone or access.unit_paths):
        return []
    lines = open_tasks(access, limit=ROWS)
    if not lines:
        return []
    overdue = any(line.overdue for line in lines)
    return [
        QueueItem(
            key="learning_tasks",
            title=gettext_lazy("Obligatorisk uddannelse"),
            count=open_task_count(access),
            urgency=Urgency.OVERDUE if overdue else Urgency.SOON,
            url=reverse("learning:compliance"),
            link_label=gettext_lazy("Se status for obligatorisk uddannelse"),
            rows=[
                QueueRow(
                    text=f"{line.name}: {line.rule}",
                    url=reverse("learning:person", args=[line.person_id]),
                    detail=line.due_on.strftime("%d-%m-%Y"),
                    urgency=Urgency.OVERDUE if line.overdue else Urgency.SOON,
                )
                for line in lines
            ],
            text=gettext_lazy("Medarbejdere, hvis obligatoriske uddannelse udløber eller mangler."),
        )
    ]
