"""The employee's own absence page "Mit fravær": report sick, report recovered, own history and
the follow-up steps. Thin HTTP over ``absence.services.selfservice``; always the user's own
person (there is no person id in the URL or the form)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from charlie.absence.forms import SickReportForm, WellReportForm
from charlie.absence.services import selfservice
from charlie.core.formats import format_date
from charlie.core.forms import add_service_errors
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of


def _no_person(request: AuthenticatedRequest, status: int) -> HttpResponse:
    return render(request, "absence/my_absence_no_person.html", status=status)


def _page(
    request: AuthenticatedRequest,
    *,
    sick_form: SickReportForm | None = None,
    well_form: WellReportForm | None = None,
    status: int = 200,
) -> HttpResponse:
    data = selfservice.my_absence(access_of(request))
    if sick_form is None:
        sick_form = SickReportForm(initial={"first_day": data.today})
    if well_form is None:
        well_form = WellReportForm(
            initial={"last_day": selfservice.default_last_day(data.open_sickness, data.today)}
        )
    context = {
        "data": data,
        "sick_form": sick_form,
        "well_form": well_form,
        "type_help": selfservice.type_help(),
        "max_days_back": selfservice.MAX_DAYS_BACK,
    }
    return render(request, "absence/my_absence.html", context, status=status)


@never_cache
@require_GET
def my_absence(request: AuthenticatedRequest) -> HttpResponse:
    try:
        return _page(request)
    except selfservice.NoPerson:
        return _no_person(request, 200)


@never_cache
@require_POST
def report_sick(request: AuthenticatedRequest) -> HttpResponse:
    form = SickReportForm(request.POST)
    try:
        if form.is_valid():
            try:
                period = selfservice.report_sick(
                    access_of(request),
                    first_day=form.cleaned_data["first_day"],
                    partial_hours=form.partial_hours,
                )
            except selfservice.ReportError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _(
                        "Du er meldt syg fra %(date)s. Din leder får besked. God bedring. "
                        "Meld dig rask her, når du er rask igen."
                    )
                    % {"date": format_date(period.start_date, get_language())},
                )
                return redirect("absence:my_absence")
        return _page(request, sick_form=form, status=400)
    except selfservice.NoPerson:
        return _no_person(request, 403)


@never_cache
@require_POST
def report_well(request: AuthenticatedRequest) -> HttpResponse:
    form = WellReportForm(request.POST)
    try:
        if form.is_valid():
            try:
                period = selfservice.report_well(
                    access_of(request), last_day=form.cleaned_data["last_day"]
                )
            except selfservice.ReportError as exc:
                add_service_errors(form, exc)
            else:
                messages.success(
                    request,
                    _("Du er meldt rask. Din sidste sygedag var %(date)s. Din leder får besked.")
                    % {"date": format_date(period.end_date or period.start_date, get_language())},
                )
                return redirect("absence:my_absence")
        return _page(request, well_form=form, status=400)
    except selfservice.NoPerson:
        return _no_person(request, 403)
