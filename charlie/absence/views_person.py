"""A manager or HR reports an employee sick or well from the person overview (the employee who
calls in sick): thin HTTP over ``absence.services.selfservice``, which checks the permission and
the scope, writes the audit log and makes the follow-up tasks at once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from charlie.absence.forms import SickReportForm, WellReportForm
from charlie.absence.services import selfservice
from charlie.core.formats import format_date
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.privacy.access import Access


def _back(person_id: int) -> HttpResponse:
    """Back to the person overview's absence section."""
    return redirect(reverse("people:detail", kwargs={"person_id": person_id}) + "#fravaer")


def _report(
    request: AuthenticatedRequest,
    person_id: int,
    form: SickReportForm | WellReportForm,
    report: Callable[[Access, dict[str, Any]], str],
) -> HttpResponse:
    """Validate ``form``, call ``report`` (the service; it returns the confirmation) and go back
    to the overview with the confirmation, or with every error as a message."""
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, str(error))
    else:
        try:
            messages.success(request, report(access_of(request), form.cleaned_data))
        except selfservice.ReportError as exc:
            messages.error(request, str(exc))
    return _back(person_id)


def _day(day: date) -> str:
    return format_date(day, get_language())


@require_POST
def report_sick(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    def report(access: Access, data: dict[str, Any]) -> str:
        period = selfservice.report_sick(access, first_day=data["first_day"], person_id=person_id)
        return _("%(name)s er meldt syg fra %(date)s. Opfølgningens opgaver er lavet.") % {
            "name": period.person.full_name,
            "date": _day(period.start_date),
        }

    return _report(request, person_id, SickReportForm(request.POST), report)


@require_POST
def report_well(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    def report(access: Access, data: dict[str, Any]) -> str:
        period = selfservice.report_well(access, last_day=data["last_day"], person_id=person_id)
        return _("%(name)s er meldt rask med sidste sygedag %(date)s.") % {
            "name": period.person.full_name,
            "date": _day(period.end_date or period.start_date),
        }

    return _report(request, person_id, WellReportForm(request.POST), report)
