"""A manager or HR reports an employee sick or well from the person overview (the employee who
calls in sick): thin HTTP over ``absence.services.selfservice``, which checks the permission and
the scope, writes the audit log and makes the follow-up tasks at once."""

from __future__ import annotations

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


def _back(person_id: int) -> HttpResponse:
    """Back to the person overview's absence section."""
    return redirect(reverse("people:detail", kwargs={"person_id": person_id}) + "#fravaer")


def _errors(request: AuthenticatedRequest, form: SickReportForm | WellReportForm) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


@require_POST
def report_sick(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    form = SickReportForm(request.POST)
    if form.is_valid():
        try:
            period = selfservice.report_sick(
                access_of(request), first_day=form.cleaned_data["first_day"], person_id=person_id
            )
        except selfservice.ReportError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s er meldt syg fra %(date)s. Opfølgningens opgaver er lavet.")
                % {
                    "name": period.person.full_name,
                    "date": format_date(period.start_date, get_language()),
                },
            )
    else:
        _errors(request, form)
    return _back(person_id)


@require_POST
def report_well(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    form = WellReportForm(request.POST)
    if form.is_valid():
        try:
            period = selfservice.report_well(
                access_of(request), last_day=form.cleaned_data["last_day"], person_id=person_id
            )
        except selfservice.ReportError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(
                request,
                _("%(name)s er meldt rask med sidste sygedag %(date)s.")
                % {
                    "name": period.person.full_name,
                    "date": format_date(period.end_date or period.start_date, get_language()),
                },
            )
    else:
        _errors(request, form)
    return _back(person_id)
