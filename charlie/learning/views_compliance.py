"""Thin views of mandatory training (issue 14, point 4): the compliance list with its Excel
export, and the rules HR keeps. Parse, call one service, render."""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from charlie.core.errors import ValidationFailed
from charlie.core.excel import Column, Sheet, workbook_bytes
from charlie.core.forms import ErrorLink, add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.core.query import query_text
from charlie.learning.forms_compliance import RuleForm
from charlie.learning.permissions import MANAGE_CATALOGUE
from charlie.learning.services import (
    compliance,
    compliance_figures,
    rules_admin,
    training_tasks,
)
from charlie.people.services import access_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _filters(request: AuthenticatedRequest) -> tuple[compliance.Filter, str]:
    status = request.GET.get("status", "")
    if status not in {key for key, _label in compliance.STATUS_CHOICES}:
        status = ""
    filters = compliance.Filter(
        unit_id=_int(request.GET.get("enhed")),
        rule_id=_int(request.GET.get("krav")),
        status=status,
        query=query_text(request, "q"),
        on=_date(request.GET.get("dato")),
    )
    params = {
        "enhed": filters.unit_id,
        "krav": filters.rule_id,
        "status": filters.status,
        "q": filters.query,
        "dato": filters.on.isoformat() if filters.on else "",
    }
    return filters, urlencode({k: v for k, v in params.items() if v})


@require_GET
def compliance_list(request: AuthenticatedRequest) -> HttpResponse:
    filters, query = _filters(request)
    access = access_of(request)
    data = compliance.compliance_list(access, filters, page=_int(request.GET.get("side")) or 1)
    return render(
        request,
        "learning/compliance/list.html",
        {
            "data": data,
            "query": query,
            "status_choices": compliance.STATUS_CHOICES,
            "tasks": training_tasks.open_tasks(access, unit_id=filters.unit_id),
            "can_manage_rules": access.can(MANAGE_CATALOGUE),
        },
    )


@require_GET
def compliance_export(request: AuthenticatedRequest) -> HttpResponse:
    filters, _query = _filters(request)
    rows = compliance.compliance_rows(access_of(request), filters, limit=compliance.EXPORT_LIMIT)
    sheet = Sheet(
        title=_("Obligatorisk uddannelse"),
        columns=[
            Column(_("Medarbejdernummer")),
            Column(_("Navn")),
            Column(_("Enhed")),
            Column(_("Krav")),
            Column(_("Seneste gennemførelse")),
            Column(_("Gyldig til")),
            Column(_("Frist")),
            Column(_("Status")),
        ],
        rows=[
            [
                r.employee_number,
                r.name,
                r.unit,
                r.rule,
                r.last.isoformat() if r.last else None,
                r.valid_until.isoformat() if r.valid_until else None,
                r.due_on.isoformat() if r.due_on else None,
                r.status_label,
            ]
            for r in rows
        ],
        frozen_columns=2,
    )
    response = HttpResponse(workbook_bytes([sheet]), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="obligatorisk-uddannelse.xlsx"'
    return response


# --- Rules (HR) ---------------------------------------------------------------------------------


@require_GET
def rule_list(request: AuthenticatedRequest) -> HttpResponse:
    rules = rules_admin.rule_list(access_of(request))
    return render(request, "learning/compliance/rules.html", {"rules": rules})


@require_http_methods(["GET", "POST"])
def rule_edit(request: AuthenticatedRequest, rule_id: int | None = None) -> HttpResponse:
    access = access_of(request)
    rule = rules_admin.rule_for_edit(access, rule_id)
    errors: list[ErrorLink] = []
    if request.method == "POST":
        form = RuleForm(request.POST)
        if form.is_valid():
            try:
                rules_admin.save_rule(access, rule_id, form.cleaned_data)
            except ValidationFailed as exc:
                add_service_errors(form, exc)
            else:
                return HttpResponseRedirect(reverse("learning:rules"))
        errors = error_links(form)
    else:
        form = RuleForm(initial=rules_admin.initial(rule))
    return render(
        request,
        "learning/compliance/rule_form.html",
        {"form": form, "rule": rule, "errors": errors},
    )


# --- Figures (no names) -------------------------------------------------------------------------


@require_GET
def figures_compliance(request: AuthenticatedRequest) -> HttpResponse:
    data = compliance_figures.compliance_figures(
        access_of(request),
        rule_id=_int(request.GET.get("krav")),
        unit_id=_int(request.GET.get("enhed")),
    )
    return render(request, "learning/compliance/figures.html", {"data": data})
