"""Privacy's items in the front page's work queue (``charlie.core.workqueue``).

- HR: the open requests for correction (count and the oldest's date), linked to the inbox.
- The data protection officer: retention proposals waiting for approval, and the requests for
  correction HR has not answered yet (a count: the DPO supervises, HR handles them).
- An employee: their own requests still open.

Counts and dates only: no row names another person, so nothing here is a read of personal data
(the employee's own open requests are their own, and only counted).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Min
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from charlie.core.formats import format_date_short
from charlie.core.workqueue import QueueItem, Urgency
from charlie.privacy.models import BatchStatus, CorrectionRequest, CorrectionStatus, RetentionBatch
from charlie.privacy.permissions import DECIDE_RETENTION, HANDLE_CORRECTIONS, READ_AUDIT_LOG

if TYPE_CHECKING:
    from charlie.privacy.access import Access

#: An open request for correction older than this many days is shown as urgent (GDPR art. 12(3):
#: answer without undue delay and within a month).
CORRECTION_URGENT_DAYS = 14


def queue_items(access: Access) -> list[QueueItem]:
    items: list[QueueItem] = []
    if access.can(HANDLE_CORRECTIONS) or access.can(READ_AUDIT_LOG):
        items.extend(_open_corrections(access))
    if access.can(DECIDE_RETENTION):
        items.extend(_retention(access))
    if access.person_id is not None:
        items.extend(_own_corrections(access))
    return items


def _open_corrections(access: Access) -> list[QueueItem]:
    agg = CorrectionRequest.objects.filter(status=CorrectionStatus.OPEN).aggregate(
        n=Count("pk"), oldest=Min("created_at")
    )
    n, oldest = agg["n"], agg["oldest"]
    handles = access.can(HANDLE_CORRECTIONS)
    if not n:
        if not handles:
            return []
        return [
            QueueItem(
                key="privacy_corrections",
                title=_("Anmodninger om rettelse"),
                count=0,
                text=_("Ingen åbne anmodninger om rettelse."),
                order=30,
            )
        ]
    age = (timezone.now() - oldest).days
    text = _("Den ældste er fra %(date)s.") % {
        "date": format_date_short(timezone.localtime(oldest).date())
    }
    if not handles:
        text = " ".join([text, _("HR behandler anmodningerne; her ser du, om de venter.")])
    return [
        QueueItem(
            key="privacy_corrections",
            title=ngettext(
                "%(n)d åben anmodning om rettelse", "%(n)d åbne anmodninger om rettelse", n
            )
            % {"n": n},
            count=n,
            urgency=Urgency.OVERDUE if age > CORRECTION_URGENT_DAYS else Urgency.SOON,
            text=text,
            url=reverse("privacy:corrections") if handles else "",
            link_label=_("Behandl anmodningerne") if handles else "",
            order=30,
        )
    ]


def _retention(access: Access) -> list[QueueItem]:
    agg = RetentionBatch.objects.filter(status=BatchStatus.PROPOSED).aggregate(
        n=Count("pk"), oldest=Min("found_at")
    )
    n = agg["n"]
    if not n:
        return [
            QueueItem(
                key="privacy_retention",
                title=_("Sletteforslag"),
                count=0,
                text=_("Ingen sletteforslag venter på din godkendelse."),
                url=reverse("privacy:retention"),
                link_label=_("Opbevaring og sletning"),
                order=20,
            )
        ]
    return [
        QueueItem(
            key="privacy_retention",
            title=ngettext(
                "%(n)d sletteforslag venter på din godkendelse",
                "%(n)d sletteforslag venter på din godkendelse",
                n,
            )
            % {"n": n},
            count=n,
            urgency=Urgency.TODAY,
            text=_("Det ældste blev fundet %(date)s.")
            % {"date": format_date_short(timezone.localtime(agg["oldest"]).date())},
            url=reverse("privacy:retention"),
            link_label=_("Godkend eller afvis forslagene"),
            order=20,
        )
    ]


def _own_corrections(access: Access) -> list[QueueItem]:
    if access.person_id is None:
        return []
    n = CorrectionRequest.objects.filter(
        subject_person_id=access.person_id, status=CorrectionStatus.OPEN
    ).count()
    if not n:
        return []
    return [
        QueueItem(
            key="privacy_own_corrections",
            title=ngettext(
                "Din anmodning om rettelse er under behandling",
                "Dine %(n)d anmodninger om rettelse er under behandling",
                n,
            )
            % {"n": n},
            count=n,
            text=_("HR svarer dig under »Mine data«."),
            url=reverse("privacy:my_data"),
            link_label=_("Gå til Mine data"),
            order=60,
        )
    ]
