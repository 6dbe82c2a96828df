"""The import's item in HR's work queue (``charlie.core.workqueue``): the last import, how it
ended and its warnings (the notes the import wrote: counts and file names, no personal data)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from charlie.core.formats import format_date_short
from charlie.core.workqueue import QueueItem, QueueRow, Urgency
from charlie.imports.models import ImportRun, ImportStatus
from charlie.imports.permissions import IMPORT_DATA
from charlie.privacy.access import Access

#: Warnings shown on the front page; the import's page shows them all.
NOTES_SHOWN = 3


def queue_items(access: Access) -> list[QueueItem]:
    if not access.can(IMPORT_DATA):
        return []
    run = (
        ImportRun.objects.filter(dry_run=False)
        .only("pk", "status", "created_at", "finished_at", "summary", "problem_count")
        .first()
    )
    if run is None:
        return [
            QueueItem(
                key="imports_last",
                title=_("Seneste import"),
                count=0,
                text=_("Der er ikke importeret data endnu."),
                url=reverse("imports:upload"),
                link_label=_("Importér filer"),
                order=40,
            )
        ]
    notes = list((run.summary or {}).get("notes", []))
    when = timezone.localtime(run.finished_at or run.created_at).date()
    urgency = {
        ImportStatus.CONFIRM: Urgency.TODAY,
        ImportStatus.PROBLEMS: Urgency.SOON,
        ImportStatus.FAILED: Urgency.SOON,
    }.get(ImportStatus(run.status), Urgency.INFO)
    parts = [
        _("%(status)s den %(date)s.")
        % {"status": run.get_status_display(), "date": format_date_short(when)}
    ]
    if run.problem_count:
        parts.append(
            ngettext("%(n)d fejl i filerne.", "%(n)d fejl i filerne.", run.problem_count)
            % {"n": run.problem_count}
        )
    if notes:
        parts.append(
            ngettext("%(n)d advarsel.", "%(n)d advarsler.", len(notes)) % {"n": len(notes)}
        )
    if notes and urgency == Urgency.INFO:
        urgency = Urgency.SOON
    return [
        QueueItem(
            key="imports_last",
            title=_("Seneste import"),
            count=len(notes) + run.problem_count,
            urgency=urgency,
            text=" ".join(str(p) for p in parts),
            url=reverse("imports:run", args=[run.pk]),
            link_label=_("Se importen"),
            rows=[QueueRow(text=str(note)) for note in notes[:NOTES_SHOWN]],
            order=40,
        )
    ]
