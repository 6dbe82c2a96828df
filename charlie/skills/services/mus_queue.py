"""The skills app's items in the front page's work queue (``charlie.core.workqueue``).

- A manager: the people in their units whose MUS is overdue or due within
  ``mus_rules.DUE_SOON_DAYS`` days (names recorded as read), linked to the MUS list.
- HR: how many planned MUS talks are overdue in the municipality (a count, no names).
- Anyone linked to a person: their own next planned MUS.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from charlie.core.formats import format_date_short
from charlie.core.workqueue import QueueItem, QueueRow, Urgency
from charlie.people.models import Person
from charlie.privacy.access import Access
from charlie.skills.models import MusMeeting, MusStatus
from charlie.skills.mus_rules import MusState
from charlie.skills.permissions import MANAGE_MUS
from charlie.skills.services.common import CATEGORY, for_development
from charlie.skills.services.mus import mus_lines, today

ROWS = 8


def queue_items(access: Access) -> list[QueueItem]:
    items: list[QueueItem] = []
    if access.can(MANAGE_MUS):
        items.extend(_hr(access) if access.everyone else _manager(access))
    items.extend(_own(access))
    return items


def _manager(access: Access) -> list[QueueItem]:
    if not access.unit_paths:
        return []
    lines = [ln for ln in mus_lines(access) if ln.state in (MusState.OVERDUE, MusState.DUE_SOON)]
    if not lines:
        return []
    overdue = sum(1 for ln in lines if ln.state == MusState.OVERDUE)
    shown = lines[:ROWS]
    names = dict(
        (pk, f"{first} {last}")
        for pk, first, last in Person.objects.filter(
            pk__in=[ln.person_id for ln in shown]
        ).values_list("pk", "first_name", "last_name")
    )
    for_development(access).record_read(
        [ln.person_id for ln in shown], category=CATEGORY, detail="forside:mus"
    )
    rows = [
        QueueRow(
            text=names.get(ln.person_id, ""),
            url=reverse("skills:mus_detail", args=[ln.open_id])
            if ln.open_id
            else reverse("skills:mus_list"),
            detail=format_date_short(ln.due_on) if ln.due_on else "",
            urgency=Urgency.OVERDUE if ln.state == MusState.OVERDUE else Urgency.SOON,
        )
        for ln in shown
    ]
    return [
        QueueItem(
            key="skills_mus",
            title=_("MUS"),
            count=len(lines),
            urgency=Urgency.OVERDUE if overdue else Urgency.SOON,
            url=reverse("skills:mus_list"),
            link_label=_("Se alle MUS"),
            rows=rows,
            text=ngettext(
                "%(n)s medarbejder har overskredet sin årlige MUS.",
                "%(n)s medarbejdere har overskredet deres årlige MUS.",
                overdue,
            )
            % {"n": overdue}
            if overdue
            else _("MUS, der skal holdes inden for de næste 60 dage."),
            order=40,
        )
    ]


def _hr(access: Access) -> list[QueueItem]:
    count = MusMeeting.objects.filter(status=MusStatus.SCHEDULED, due_on__lt=today()).count()
    if not count:
        return []
    return [
        QueueItem(
            key="skills_mus",
            title=_("MUS"),
            count=count,
            urgency=Urgency.OVERDUE,
            url=reverse("skills:mus_list") + "?forfaldne=1",
            link_label=_("Se alle MUS"),
            text=ngettext(
                "%(n)s planlagt MUS er overskredet.",
                "%(n)s planlagte MUS er overskredet.",
                count,
            )
            % {"n": count},
            order=40,
        )
    ]


def _own(access: Access) -> list[QueueItem]:
    if access.person_id is None:
        return []
    meeting = (
        MusMeeting.objects.filter(person_id=access.person_id, status=MusStatus.SCHEDULED)
        .order_by("due_on", "pk")
        .first()
    )
    if meeting is None:
        return []
    for_development(access).record_read([access.person_id], category=CATEGORY, detail="forside:mus")
    overdue = meeting.due_on < today()
    when = meeting.scheduled_at.date() if meeting.scheduled_at else meeting.due_on
    return [
        QueueItem(
            key="skills_my_mus",
            title=_("Din MUS"),
            count=1,
            urgency=Urgency.OVERDUE if overdue else Urgency.INFO,
            url=reverse("skills:mus_detail", args=[meeting.pk]),
            link_label=_("Forbered din MUS"),
            text=_("Din næste MUS: %(date)s. Du kan forberede dig i Charlie.")
            % {"date": format_date_short(when)},
            order=41,
        )
    ]
