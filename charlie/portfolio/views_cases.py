"""The pages of business cases: the figures with "Sådan er tallene regnet", the editor, and the
rates. Thin HTTP over ``services.cases``, which checks permissions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, cast

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from charlie.core.errors import ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.portfolio import businesscase as bc
from charlie.portfolio.forms_cases import (
    EXTRA_LINES,
    CaseForm,
    LineFormSet,
    RatesForm,
    amounts_text,
)
from charlie.portfolio.models import LineKind
from charlie.portfolio.permissions import MANAGE_PORTFOLIO
from charlie.portfolio.services import cases as svc

SENSITIVITY_LABELS = {
    "base": gettext_lazy("Grundberegning"),
    "benefits_minus_25": gettext_lazy("Gevinster −25 %"),
    "costs_plus_25": gettext_lazy("Omkostninger +25 %"),
    "both": gettext_lazy("Gevinster −25 % og omkostninger +25 %"),
    "delay_one_year": gettext_lazy("Gevinsterne kommer et år senere"),
}
THREE_POINT_LABELS = {
    "expected": gettext_lazy("Forventet (vægtet gennemsnit)"),
    "pessimistic": gettext_lazy("Pessimistisk"),
    "optimistic": gettext_lazy("Optimistisk"),
}
HUNDRED = Decimal(100)


def _errors(*forms_: forms.BaseForm) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    for n, form in enumerate(forms_):
        if form.is_bound:
            prefix = _("Linje %(n)s – ") % {"n": n} if n else ""
            out += error_links(cast(forms.Form, form), prefix)
    return out


@require_GET
def business_case(request: AuthenticatedRequest, number: int) -> HttpResponse:
    """The figures of an initiative's business case and how they are computed."""
    access = access_of(request)
    initiative = svc.initiative_by_number(access, number)
    case = svc.business_case_of(access, initiative)
    evaluation = svc.evaluation_of(access, initiative) if case is not None else None
    context: dict[str, Any] = {
        "initiative": initiative,
        "case": case,
        "evaluation": evaluation,
        "can_edit": access.can(MANAGE_PORTFOLIO),
    }
    if evaluation is not None:
        kinds = dict(LineKind.choices)
        context.update(
            {
                "sensitivity": [(SENSITIVITY_LABELS[o.key], o) for o in evaluation.sensitivity],
                "three_point": [
                    (THREE_POINT_LABELS[k], v) for k, v in (evaluation.three_point or {}).items()
                ],
                "lines": [
                    (kinds.get(line.kind, line.kind), line, line.kind in bc.COST_KINDS)
                    for line in evaluation.case.lines
                ],
                "rate_early_pct": evaluation.rates.rate_early * 100,
                "rate_late_pct": evaluation.rates.rate_late * 100,
                "own_rate_pct": (
                    evaluation.case.rate * 100 if evaluation.case.rate is not None else None
                ),
                "late_from": evaluation.rates.switch_year + 1,
                "last_year": evaluation.case.first_year + evaluation.case.horizon - 1,
            }
        )
    return render(request, "portfolio/cases/business_case.html", context)


def _line_initial(case: Any) -> list[dict[str, Any]]:
    if case is None:
        return []
    return [
        {
            "kind": line.kind,
            "label": line.label,
            "amounts": amounts_text(line.amounts),
            "low": amounts_text(line.low),
            "high": amounts_text(line.high),
        }
        for line in case.lines.all()
    ]


@require_http_methods(["GET", "POST"])
def business_case_edit(request: AuthenticatedRequest, number: int) -> HttpResponse:
    """The business case editor: settings, then every line with an amount per year."""
    access = access_of(request)
    access.require(MANAGE_PORTFOLIO)
    initiative = svc.initiative_by_number(access, number)
    case = svc.business_case_of(access, initiative)
    if case is not None:
        initial = {
            "first_year": case.first_year,
            "horizon": case.horizon,
            "rate_percent": case.rate * HUNDRED if case.rate is not None else None,
            "staff_affected": case.staff_affected,
            "staff_note": case.staff_note,
            "non_financial": case.non_financial,
        }
    else:
        initial = {"first_year": svc.next_year(), "horizon": 5}
    lines_initial = _line_initial(case)
    lines_initial += [{} for _ in range(EXTRA_LINES)]
    post = request.POST if request.method == "POST" else None
    form = CaseForm(post, initial=initial)
    formset = LineFormSet(post, initial=lines_initial, prefix="linje")
    if post is not None and form.is_valid() and formset.is_valid():
        data = form.cleaned_data
        rate = data["rate_percent"]
        try:
            svc.save_business_case(
                access,
                initiative,
                first_year=data["first_year"],
                horizon=data["horizon"],
                rate=rate / HUNDRED if rate is not None else None,
                staff_affected=data["staff_affected"],
                staff_note=data["staff_note"],
                non_financial=data["non_financial"],
                lines=[
                    svc.LineInput(
                        kind=f.cleaned_data["kind"],
                        label=f.cleaned_data["label"],
                        amounts=f.cleaned_data["amounts"] or [],
                        low=f.cleaned_data["low"],
                        high=f.cleaned_data["high"],
                    )
                    for f in formset.forms
                    if not f.is_blank()
                ],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Business casen er gemt."))
            return redirect("portfolio:business_case", number=initiative.number)
    errors = _errors(form, *formset.forms) if post is not None else []
    if post is not None and formset.non_form_errors():
        errors += [("", str(e)) for e in formset.non_form_errors()]
    return render(
        request,
        "portfolio/cases/edit.html",
        {"initiative": initiative, "form": form, "formset": formset, "errors": errors},
        status=400 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
def rates(request: AuthenticatedRequest) -> HttpResponse:
    """The municipality's rates for every business case."""
    access = access_of(request)
    access.require(MANAGE_PORTFOLIO)
    row = svc.rates(access)
    form = RatesForm(
        request.POST if request.method == "POST" else None,
        initial={
            "hourly_rate": row.hourly_rate,
            "hours_per_fte": row.hours_per_fte,
            "rate_early_percent": Decimal(row.rate_early) * HUNDRED,
            "rate_late_percent": Decimal(row.rate_late) * HUNDRED,
            "switch_year": row.switch_year,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            svc.save_rates(
                access,
                hourly_rate=data["hourly_rate"],
                hours_per_fte=data["hours_per_fte"],
                rate_early=data["rate_early_percent"] / HUNDRED,
                rate_late=data["rate_late_percent"] / HUNDRED,
                switch_year=data["switch_year"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Satserne er gemt."))
            return redirect("portfolio:rates")
    errors = _errors(form)
    return render(
        request,
        "portfolio/cases/rates.html",
        {"form": form, "errors": errors, "rates": row},
        status=400 if errors else 200,
    )
