"""What "Mine data" shows about a person's absence (GDPR art. 15 and 20).

Registered with privacy in ``AbsenceConfig.ready``. Like every provider it reads the database
directly and returns plain JSON-able rows with Danish labels; "Mine data" writes the audit entry.
Absence is dates and types only: there is no cause or diagnosis to show (DOMAIN.md 6.4).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from charlie.absence.models import AbsencePeriod


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
