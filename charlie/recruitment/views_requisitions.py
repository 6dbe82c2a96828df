"""Requisitions' pages (issue 15, point 1): thin HTTP over ``services.requisitions``, which
checks the permissions and the manager's scope."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest, render_page
from charlie.people import services as people
from charlie.people.services import access_of
from charlie.recruitment import services
from charlie.recruitment.forms_requisitions import (
    DecisionForm,
    RequisitionFilterForm,
    RequisitionForm,
)
from charlie.recruitment.models import Requisition, RequisitionReason, RequisitionStatus
from charlie.recruitment.permissions import APPROVE_REQUISITIONS, REQUEST_POSITIONS

TEMPLATES = "recruitment/requisitions/"


@require_GET
def requisition_list(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    form = RequisitionFilterForm(request.GET)
    status = form.cleaned_data.get("status", "") if form.is_valid() else ""
    page = services.list_requisitions(access, status=status, page_number=request.GET.get("side", 1))
    return render(
        request,
        TEMPLATES + "list.html",
        {
            "form": form,
            "page": page,
            "query": urlencode({"status": status}) if status else "",
            "can_request": access.can(REQUEST_POSITIONS),
            "can_decide": access.can(APPROVE_REQUISITIONS),
        },
    )


def _form(request: AuthenticatedRequest, **kwargs: Any) -> RequisitionForm:
    access = access_of(request)
    return RequisitionForm(
        request.POST or None,
        units=services.requisition_units(access),
        job_families=people.job_family_choices(),
        years=services.shortage_years(),
        **kwargs,
    )


def _save(
    request: AuthenticatedRequest, form: RequisitionForm, requisition_id: int | None
) -> Requisition | None:
    access = access_of(request)
    if not form.is_valid():
        return None
    try:
        saved = services.save_requisition(
            access, form.service_data(), requisition_id=requisition_id
        )
    except ValidationFailed as exc:
        add_service_errors(form, exc)
        return None
    if "send" in request.POST:
        services.submit_requisition(access, saved.pk)
        messages.success(request, _("Stillingsønsket er sendt til HR."))
    else:
        messages.success(request, _("Stillingsønsket er gemt som kladde."))
    return saved


def _form_page(
    request: AuthenticatedRequest, form: RequisitionForm, requisition: Requisition | None
) -> HttpResponse:
    return render(
        request,
        TEMPLATES + "form.html",
        {
            "form": form,
            "errors": error_links(form) if form.is_bound else [],
            "requisition": requisition,
            "shortage_reason": RequisitionReason.SHORTAGE.value,
        },
    )


@require_http_methods(["GET", "POST"])
def requisition_new(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    access.require(REQUEST_POSITIONS)
    form = _form(request, initial={"positions": 1, "weekly_hours": 37})
    if request.method == "POST":
        saved = _save(request, form, None)
        if saved is not None:
            return redirect("recruitment:requisition", requisition_id=saved.pk)
    return _form_page(request, form, None)


@require_http_methods(["GET", "POST"])
def requisition_edit(request: AuthenticatedRequest, requisition_id: int) -> HttpResponse:
    access = access_of(request)
    current = services.requisition_for_edit(access, requisition_id)
    form = _form(
        request,
        initial={
            "unit": current.unit_id,
            "job_family": current.job_family_id,
            "title": current.title,
            "weekly_hours": current.weekly_hours,
            "positions": current.positions,
            "start_on": current.start_on,
            "temporary_until": current.temporary_until,
            "reason": current.reason,
            "shortage_year": current.shortage_year,
            "reason_text": current.reason_text,
        },
    )
    if request.method == "POST":
        saved = _save(request, form, current.pk)
        if saved is not None:
            return redirect("recruitment:requisition", requisition_id=saved.pk)
    return _form_page(request, form, current)


@require_GET
def requisition_detail(request: AuthenticatedRequest, requisition_id: int) -> HttpResponse:
    access = access_of(request)
    req = services.requisition_detail(access, requisition_id)
    draft = req.status == RequisitionStatus.DRAFT
    return render(
        request,
        TEMPLATES + "detail.html",
        {
            "r": req,
            "can_edit": draft
            and access.can(REQUEST_POSITIONS)
            and any(pk == req.unit_id for pk, _l in services.requisition_units(access)),
            "can_decide": access.can(APPROVE_REQUISITIONS)
            and req.status == RequisitionStatus.SUBMITTED,
            "decision_form": DecisionForm(),
        },
    )


@require_POST
def requisition_submit(request: AuthenticatedRequest, requisition_id: int) -> HttpResponse:
    services.submit_requisition(access_of(request), requisition_id)
    messages.success(request, _("Stillingsønsket er sendt til HR."))
    return redirect("recruitment:requisition", requisition_id=requisition_id)


@require_POST
def requisition_delete(request: AuthenticatedRequest, requisition_id: int) -> HttpResponse:
    services.delete_requisition(access_of(request), requisition_id)
    messages.success(request, _("Kladden er slettet."))
    return redirect("recruitment:requisitions")


@require_POST
def requisition_decide(request: AuthenticatedRequest, requisition_id: int) -> HttpResponse:
    access = access_of(request)
    access.require(APPROVE_REQUISITIONS)
    form = DecisionForm(request.POST)
    approve = request.POST.get("decision") == "approve"
    if form.is_valid():
        try:
            services.decide_requisition(
                access, requisition_id, approve=approve, note=form.cleaned_data["note"]
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Stillingsønsket er godkendt.") if approve else _("Stillingsønsket er afvist."),
            )
            return redirect("recruitment:requisition", requisition_id=requisition_id)
    req = services.requisition_detail(access, requisition_id)
    return render(
        request,
        TEMPLATES + "detail.html",
        {
            "r": req,
            "can_edit": False,
            "can_decide": req.status == RequisitionStatus.SUBMITTED,
            "decision_form": form,
            "errors": error_links(form),
        },
        status=400,
    )


@require_GET
def requisition_shortage(request: AuthenticatedRequest) -> HttpResponse:
    """The workforce plan's figure for the chosen job family and year (an htmx partial of the
    form, and a page of its own without JavaScript)."""
    access = access_of(request)
    access.require(REQUEST_POSITIONS)
    found = None
    try:
        family = int(request.GET.get("job_family", ""))
        year = int(request.GET.get("shortage_year", ""))
    except ValueError:
        family = year = 0
    if family and year:
        found = services.shortage(access, family, year)
    return render_page(
        request,
        TEMPLATES + "shortage.html",
        {"shortage": found, "asked": bool(family and year), "year": year},
        partial="figure",
    )
