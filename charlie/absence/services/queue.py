"""The absence app's items in the front page's work queue (``charlie.core.workqueue``).

- A manager: the follow-up tasks of their units due today or overdue, with the employee's phone
  number and a link to the person page; the people in their units who are sick today.
- HR: overdue tasks by unit (counts per unit, each linked to the task list filtered to that
  unit's overdue tasks) and the number due today.
- Anyone linked to a person: their own open sick report ("meld dig rask").

Every row about another person is recorded as read (``fravaer``, and ``stamdata`` for the phone
number). A few indexed queries each; rows are capped at ``ROWS`` (the link leads to the list).
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from charlie.absence.kinds import CATEGORY_ABSENCE, SICKNESS_TYPES
from charlie.absence.models import AbsencePeriod, FollowUpTask, TaskStatus
from charlie.absence.permissions import MANAGE_TASKS
from charlie.absence.services.tasks import task_label
from charlie.core.formats import format_date_short
from charlie.core.workqueue import QueueItem, QueueRow, Urgency
from charlie.people import services as people
from charlie.people.models import OrgUnit
from charlie.privacy.access import Access

#: At most this many rows per item on the front page; the item's link shows them all.
ROWS = 8


def _tasks_url(**params: object) -> str:
    query = urlencode({k: v for k, v in params.items() if v not in ("", None)})
    return reverse("absence:tasks") + (f"?{query}" if query else "")


def queue_items(access: Access) -> list[QueueItem]:
    """The absence items of the caller's work queue (see the module doc)."""
    on = people.today()
    items: list[QueueItem] = []
    if access.can(MANAGE_TASKS):
        if access.everyone:
            items.extend(_hr_tasks(access, on))
        else:
            items.extend(_manager_tasks(access, on))
            items.extend(_sick_today(access, on))
    items.extend(_own_sickness(access))
    return items


def _manager_tasks(access: Access, on: date) -> list[QueueItem]:
    qs = FollowUpTask.objects.filter(people.in_units(access), status=TaskStatus.OPEN, due__lte=on)
    total = qs.count()
    if not total:
        return [
            QueueItem(
                key="absence_tasks",
                title=_("Opfølgning på sygefravær"),
                count=0,
                text=_("Ingen opgaver med frist i dag eller overskredet frist."),
                url=_tasks_url(),
                link_label=_("Se alle opgaver"),
                order=10,
            )
        ]
    tasks = list(qs.select_related("person").order_by("due", "person__last_name", "pk")[:ROWS])
    ids = {t.person_id for t in tasks}
    access.record_read(ids, category=CATEGORY_ABSENCE, detail="forside:opgaver")
    access.record_read(ids, category=people.CATEGORY_MASTER_DATA, detail="forside:telefon")
    rows = [
        QueueRow(
            text=f"{task_label(t.code)} – {t.person.full_name}",
            url=reverse("people:detail", args=[t.person_id]),
            detail=(
                _("i dag")
                if t.due == on
                else _("overskredet siden %(date)s") % {"date": format_date_short(t.due)}
            ),
            urgency=Urgency.TODAY if t.due == on else Urgency.OVERDUE,
            phone=t.person.phone,
        )
        for t in tasks
    ]
    overdue = qs.filter(due__lt=on).count() if any(t.due < on for t in tasks) else 0
    return [
        QueueItem(
            key="absence_tasks",
            title=_("Opfølgning i dag og overskredne frister"),
            count=total,
            urgency=Urgency.OVERDUE if overdue else Urgency.TODAY,
            text=ngettext(
                "%(n)d opgave har overskredet frist.",
                "%(n)d opgaver har overskredet frist.",
                overdue,
            )
            % {"n": overdue}
            if overdue
            else "",
            url=_tasks_url(due="due"),
            link_label=_("Åbn opgavelisten"),
            rows=rows,
            order=10,
        )
    ]


def _sick_today(access: Access, on: date) -> list[QueueItem]:
    qs = AbsencePeriod.objects.filter(
        people.in_scope(access, person="person", on=on),
        absence_type__in=SICKNESS_TYPES,
        start_date__lte=on,
    ).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))
    if access.person_id is not None:
        qs = qs.exclude(person_id=access.person_id)
    total = qs.values("person_id").distinct().count()
    if not total:
        return []
    periods = list(qs.select_related("person").order_by("start_date", "person__last_name")[:ROWS])
    ids = {p.person_id for p in periods}
    access.record_read(ids, category=CATEGORY_ABSENCE, detail="forside:syge")
    access.record_read(ids, category=people.CATEGORY_MASTER_DATA, detail="forside:telefon")
    rows = [
        QueueRow(
            text=p.person.full_name,
            url=reverse("people:detail", args=[p.person_id]),
            detail=_("syg fra %(date)s") % {"date": format_date_short(p.start_date)},
            phone=p.person.phone,
        )
        for p in periods
    ]
    return [
        QueueItem(
            key="absence_sick_today",
            title=_("Syge i dag"),
            count=total,
            urgency=Urgency.SOON,
            rows=rows,
            order=20,
        )
    ]


def _hr_tasks(access: Access, on: date) -> list[QueueItem]:
    open_tasks = FollowUpTask.objects.filter(status=TaskStatus.OPEN, due__lte=on)
    by_unit = list(
        open_tasks.filter(due__lt=on)
        .values("org_unit_id")
        .annotate(n=Count("pk"))
        .order_by("-n", "org_unit_id")
    )
    overdue = sum(r["n"] for r in by_unit)
    due_today = open_tasks.filter(due=on).count()
    shown = by_unit[:ROWS]
    labels = people.unit_labels()  # the parent only where names repeat, as everywhere
    names = {
        pk: labels.get(pk, name)
        for pk, name in OrgUnit.objects.filter(
            pk__in=[r["org_unit_id"] for r in shown if r["org_unit_id"]]
        ).values_list("pk", "name")
    }
    rows = [
        QueueRow(
            text=names.get(r["org_unit_id"], _("Ingen enhed")),
            url=_tasks_url(unit=r["org_unit_id"] or "", due="overdue"),
            detail=ngettext("%(n)d overskredet", "%(n)d overskredne", r["n"]) % {"n": r["n"]},
            urgency=Urgency.OVERDUE,
        )
        for r in shown
    ]
    text = ngettext(
        "%(n)d opgave har frist i dag.", "%(n)d opgaver har frist i dag.", due_today
    ) % {"n": due_today}
    return [
        QueueItem(
            key="absence_tasks",
            title=_("Overskredne opgaver i sygefraværsopfølgningen, pr. enhed"),
            count=overdue,
            urgency=Urgency.OVERDUE if overdue else Urgency.INFO,
            text=text,
            url=_tasks_url(due="overdue"),
            link_label=_("Se alle overskredne opgaver"),
            rows=rows,
            order=10,
        )
    ]


def _own_sickness(access: Access) -> list[QueueItem]:
    if access.person_id is None:
        return []
    period = (
        AbsencePeriod.objects.filter(
            person_id=access.person_id, absence_type__in=SICKNESS_TYPES, end_date__isnull=True
        )
        .order_by("-start_date")
        .only("start_date")
        .first()
    )
    if period is None:
        return []
    access.record_read([access.person_id], category=CATEGORY_ABSENCE, detail="forside")
    return [
        QueueItem(
            key="absence_own",
            title=_("Du er meldt syg"),
            count=1,
            urgency=Urgency.TODAY,
            text=_(
                "Du er meldt syg fra %(date)s. Meld dig rask under »Mit fravær«, når du er rask "
                "igen, og se, hvad der sker i din sygefraværsopfølgning."
            )
            % {"date": format_date_short(period.start_date)},
            url=reverse("absence:my_absence"),
            link_label=_("Gå til Mit fravær"),
            order=5,
        )
    ]
