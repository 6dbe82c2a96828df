"""What "Mine data" shows about a person's absence (GDPR art. 15 and 20).

Registered with privacy in ``AbsenceConfig.ready``. Like every provider it reads the database
directly and returns plain JSON-able rows with Danish labels; "Mine data" writes the audit entry.
Absence is dates and types only: there is no cause or diagnosis to show (DOMAIN.md 6.4).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from charlie.absence.models import (
    AbsencePeriod,
    FollowUpNote,
    FollowUpTask,
    RetentionPlan,
    Section56Agreement,
)


def my_data_absence(person_id: int) -> list[dict[str, Any]]:
    """Each of the person's absence periods, newest first, with Danish labels.

    A period that has not ended shows "ikke afsluttet" as its last day; hours per day are only
    set for partial absence (empty otherwise).
    """
    periods = AbsencePeriod.objects.filter(person_id=person_id).order_by("-start_date", "-pk")
    return [
        {
            _("Fraværstype"): str(p.get_absence_type_display()),
            _("Første fraværsdag"): p.start_date.isoformat(),
            _("Sidste fraværsdag"): p.end_date.isoformat() if p.end_date else _("ikke afsluttet"),
            _("Timer pr. dag"): str(p.hours_per_day) if p.hours_per_day is not None else "",
        }
        for p in periods.only("absence_type", "start_date", "end_date", "hours_per_day")
    ]


def my_data_followup(person_id: int) -> list[dict[str, Any]]:
    """The sickness follow-up held about the person: tasks (with who closed them), the notes on
    them, § 56 agreements and retention plans, newest first. Notes are shown in full: the
    employee has a right of access to what their manager and HR wrote (GDPR art. 15).
    """

    def row(what: str, day: Any, until: Any, status: str, text: str) -> dict[str, Any]:
        return {
            _("Hvad"): what,
            _("Dato"): day.isoformat() if day else "",
            _("Frist eller gyldig til"): until.isoformat() if until else "",
            _("Status"): status,
            _("Notat"): text,
        }

    rows = [
        (
            task.due,
            row(
                str(task.description),
                task.first_day,
                task.due,
                str(task.get_status_display())
                + (f" ({task.done_at.date().isoformat()})" if task.done_at else ""),
                str(task.status_reason),
            ),
        )
        for task in FollowUpTask.objects.filter(person_id=person_id)
    ]
    rows += [
        (note.created_at.date(), row(_("Notat"), note.created_at.date(), None, "", note.text))
        for note in FollowUpNote.objects.filter(task__person_id=person_id)
    ]
    rows += [
        (a.approved_on, row(_("§ 56-aftale"), a.approved_on, a.valid_until, "", ""))
        for a in Section56Agreement.objects.filter(person_id=person_id)
    ]
    rows += [
        (
            p.requested_on,
            row(
                _("Fastholdelsesplan"),
                p.requested_on,
                p.decided_on,
                str(p.get_decision_display()) if p.decision else _("ikke besvaret"),
                "",
            ),
        )
        for p in RetentionPlan.objects.filter(person_id=person_id)
    ]
    return [r for _key, r in sorted(rows, key=lambda item: item[0], reverse=True)]
