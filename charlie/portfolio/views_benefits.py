"""The pages of the portfolio's benefits part: benefits realisation (plans, periods, realised
values with chart and table), the automation register and its summary for every employee, the
portfolio overview and the council report as PDF and Excel. Thin HTTP over
``services.benefits``, ``services.automations`` and ``services.reports``, which check the
permissions and write the audit log."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from charlie.core import charts
from charlie.core.errors import PermissionDenied, ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.core.query import query_id, query_text
from charlie.people import services as people
from charlie.people.services import access_of
from charlie.portfolio import reports
from charlie.portfolio.forms_benefits import (
    AutomationFilterForm,
    AutomationForm,
    BenefitForm,
    PeriodsForm,
)
from charlie.portfolio.services import automations as automation_services
from charlie.portfolio.services import benefits as services
from charlie.portfolio.services import reports as report_services
from charlie.privacy.services import render_pdf


def _form_status(form: forms.BaseForm) -> int:
    return 400 if form.is_bound and form.errors else 200


# --- Benefits ----------------------------------------------------------------------------------


@require_GET
def benefits(request: AuthenticatedRequest) -> HttpResponse:
    status = query_text(request, "status", max_length=20)
    query = query_text(request, "q")
    page = services.benefit_list(
        access_of(request), status=status, query=query, page=query_id(request, "side") or 1
    )
    rest = urlencode({k: v for k, v in (("q", query), ("status", status)) if v})
    return render(
        request,
        "portfolio/benefits/list.html",
        {"page": page, "status": status, "query": query, "rest": rest},
    )


def benefit_chart(page: services.BenefitPage) -> str:
    """Planned and realised per period as grouped bars (the table beside it has the numbers)."""
    lines = page.periods
    if not lines:
        return ""
    unit = page.line.unit
    return charts.band_chart(
        f"gevinst-{page.benefit.pk}",
        _("Planlagt og realiseret pr. periode (%(unit)s)") % {"unit": unit},
        _(
            "Søjlediagram med to søjler for hver periode: den planlagte og den realiserede "
            "gevinst. En periode uden realiseret værdi har kun den planlagte søjle. Tallene står "
            "i tabellen under diagrammet."
        ),
        [f"{line.period.period_start:%m.%Y}" for line in lines],
        [
            charts.Series(
                _("Planlagt"), [float(line.period.planned) for line in lines], kind="bars"
            ),
            charts.Series(
                _("Realiseret"),
                [
                    float(line.period.realised) if line.period.realised is not None else None
                    for line in lines
                ],
                kind="bars",
            ),
        ],
        digits=0 if page.benefit.kind != "other" else 1,
        y_label=unit,
    )


@require_GET
def benefit(request: AuthenticatedRequest, benefit_id: int) -> HttpResponse:
    page = services.benefit_page(access_of(request), benefit_id)
    return render(
        request, "portfolio/benefits/benefit.html", {"p": page, "chart": benefit_chart(page)}
    )


@require_GET
def initiative_benefits(request: AuthenticatedRequest, number: int) -> HttpResponse:
    data = services.initiative_benefits(access_of(request), number)
    return render(request, "portfolio/benefits/initiative.html", {"data": data})


def _benefit_values(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": data["description"],
        "kind": data["kind"],
        "measure": data.get("measure") or "",
        "owner": data.get("owner") or "",
        "start": data["start"],
        "end": data["end"],
        "period": data["period"],
        "planned_per_period": data.get("planned_per_period"),
    }


@require_http_methods(["GET", "POST"])
def benefit_new(request: AuthenticatedRequest, number: int) -> HttpResponse:
    access = access_of(request)
    data = services.initiative_benefits(access, number)
    if not data.can_manage:
        raise PermissionDenied
    form = BenefitForm(
        request.POST if request.method == "POST" else None,
        initial={"kind": "hours", "period": "quarter"},
    )
    if request.method == "POST" and form.is_valid():
        try:
            created = services.create_benefit(
                access, number=number, **_benefit_values(form.cleaned_data)
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Gevinsten er oprettet med sine perioder."))
            return redirect("portfolio:benefit", created.pk)
    return render(
        request,
        "portfolio/benefits/form.html",
        {"form": form, "errors": error_links(form), "initiative": data.initiative, "benefit": None},
        status=_form_status(form),
    )


@require_http_methods(["GET", "POST"])
def benefit_edit(request: AuthenticatedRequest, benefit_id: int) -> HttpResponse:
    access = access_of(request)
    found = services.benefit_for_edit(access, benefit_id)
    initial = {
        "description": found.description,
        "kind": found.kind,
        "measure": found.measure,
        "owner": found.owner.employee_number if found.owner else "",
        "start": found.start,
        "end": found.end,
        "period": services.period_of(found),
    }
    form = BenefitForm(
        request.POST if request.method == "POST" else None, initial=initial, editing=True
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_benefit(access, benefit_id, **_benefit_values(form.cleaned_data))
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Gevinsten er gemt."))
            return redirect("portfolio:benefit", benefit_id)
    return render(
        request,
        "portfolio/benefits/form.html",
        {
            "form": form,
            "errors": error_links(form),
            "initiative": found.initiative,
            "benefit": found,
        },
        status=_form_status(form),
    )


@require_http_methods(["GET", "POST"])
def benefit_enter(request: AuthenticatedRequest, benefit_id: int) -> HttpResponse:
    """The periods' realised values (and the plans, for the portfolio owner)."""
    access = access_of(request)
    page = services.benefit_page(access, benefit_id)
    if not page.can_enter:
        raise PermissionDenied
    form = PeriodsForm(
        request.POST if request.method == "POST" else None,
        periods=page.periods,
        can_plan=page.can_manage,
    )
    if request.method == "POST" and form.is_valid():
        values = {}
        for row in form.rows:
            pk = row["line"].period.pk
            planned = form.cleaned_data.get(row["planned"]) if "planned" in row else None
            values[pk] = services.PeriodInput(
                planned=cast(Decimal | None, planned),
                realised=form.cleaned_data.get(row["realised"]),
                note=form.cleaned_data.get(row["note"]) or "",
            )
        try:
            services.enter_periods(access, benefit_id, values)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Værdierne er gemt."))
            return redirect("portfolio:benefit", benefit_id)
    return render(
        request,
        "portfolio/benefits/enter.html",
        {"p": page, "form": form, "rows": form.bound_rows(), "errors": error_links(form)},
        status=_form_status(form),
    )


# --- The automation register -----------------------------------------------------------------


def _filters(form: AutomationFilterForm) -> automation_services.AutomationFilter:
    data = form.cleaned_data if form.is_valid() else {}
    return automation_services.AutomationFilter(
        query=data.get("q") or "",
        kind=data.get("type") or "",
        status=data.get("status") or "",
        personal_data=data.get("personoplysninger") or "",
    )


@require_GET
def automations(request: AuthenticatedRequest) -> HttpResponse:
    form = AutomationFilterForm(request.GET)
    filters = _filters(form)
    data = automation_services.register_page(
        access_of(request), filters, query_id(request, "side") or 1
    )
    return render(
        request,
        "portfolio/automations/list.html",
        {"data": data, "form": form, "query": filters.as_query()},
    )


@require_GET
def automation(request: AuthenticatedRequest, automation_id: int) -> HttpResponse:
    item = automation_services.automation(access_of(request), automation_id)
    access = access_of(request)
    return render(
        request,
        "portfolio/automations/automation.html",
        {
            "a": item,
            "unit": people.unit_label(item.unit) if item.unit else "",
            "can_manage": access.can(automation_services.MANAGE_PORTFOLIO),
        },
    )


def _automation_values(data: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": data["name"],
        "kind": data["kind"],
        "process": data["process"],
        "owner": data.get("owner") or "",
        "unit_id": data.get("unit"),
        "initiative_number": data.get("initiative"),
        "hours_saved_per_month": data["hours_saved_per_month"],
        "status": data["status"],
        "data_touched": data.get("data_touched") or "",
        "personal_data": bool(data.get("personal_data")),
        "human_review": bool(data.get("human_review")),
        "review_note": data.get("review_note") or "",
        "started_on": data.get("started_on"),
    }


def _automation_form(
    request: AuthenticatedRequest, automation_id: int | None, initial: dict[str, Any]
) -> HttpResponse:
    access = access_of(request)
    form = AutomationForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        units=people.all_unit_choices(),
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = automation_services.save_automation(
                access, automation_id, **_automation_values(form.cleaned_data)
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Automatiseringen er gemt."))
            return redirect("portfolio:automation", saved.pk)
    return render(
        request,
        "portfolio/automations/form.html",
        {"form": form, "errors": error_links(form), "automation_id": automation_id, **initial},
        status=_form_status(form),
    )


@require_http_methods(["GET", "POST"])
def automation_new(request: AuthenticatedRequest) -> HttpResponse:
    access_of(request).require(automation_services.MANAGE_PORTFOLIO)
    return _automation_form(
        request, None, {"kind": "rpa", "status": "planned", "human_review": True}
    )


@require_http_methods(["GET", "POST"])
def automation_edit(request: AuthenticatedRequest, automation_id: int) -> HttpResponse:
    a = automation_services.automation_for_edit(access_of(request), automation_id)
    initial = {
        "name": a.name,
        "kind": a.kind,
        "process": a.process,
        "owner": a.owner.employee_number if a.owner else "",
        "unit": a.unit_id,
        "initiative": a.initiative.number if a.initiative else None,
        "hours_saved_per_month": a.hours_saved_per_month,
        "status": a.status,
        "started_on": a.started_on,
        "data_touched": a.data_touched,
        "personal_data": a.personal_data,
        "human_review": a.human_review,
        "review_note": a.review_note,
    }
    return _automation_form(request, automation_id, initial)


@require_GET
def automations_public(request: AuthenticatedRequest) -> HttpResponse:
    data = automation_services.public_summary(access_of(request))
    return render(request, "portfolio/automations/public.html", {"data": data})


# --- The overview and the council report -----------------------------------------------------


@require_GET
def overview(request: AuthenticatedRequest) -> HttpResponse:
    data = report_services.overview(access_of(request))
    return render(
        request,
        "portfolio/reports/overview.html",
        {"o": data, "chart": reports.stage_chart(data)},
    )


@require_GET
def report_pdf(request: AuthenticatedRequest) -> HttpResponse:
    """The council/management report as a tagged A4 PDF (nothing fetched)."""
    data = report_services.council_report(access_of(request))
    html = render_to_string(
        "portfolio/reports/report_pdf.html",
        {
            "r": data,
            "chart": reports.stage_chart(data.overview),
            "printed": timezone.localtime(),
            "municipality_name": settings.CHARLIE_MUNICIPALITY_NAME,
        },
        request=request,
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = (
        f'attachment; filename="digitaliseringsportefoelje-{data.on:%Y-%m-%d}.pdf"'
    )
    return response


@require_GET
def report_excel(request: AuthenticatedRequest) -> HttpResponse:
    data = report_services.council_report(access_of(request))
    response = HttpResponse(
        reports.workbook(data),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = (
        f'attachment; filename="digitaliseringsportefoelje-{data.on:%Y-%m-%d}.xlsx"'
    )
    return response
