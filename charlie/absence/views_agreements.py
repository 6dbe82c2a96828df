"""§ 56 agreements and retention plans of one person, for HR and the person's manager
(sygedagpengeloven §§ 56 and 7 b). Thin HTTP over ``absence.services.agreements``."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from charlie.absence.forms import DATE_INVALID
from charlie.absence.models import PlanDecision
from charlie.absence.services import agreements as svc
from charlie.core.errors import ValidationFailed
from charlie.core.formats import format_date
from charlie.core.forms import DateInput, add_service_errors
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of


def _date(label: Any, help_text: Any = "", required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required,
        widget=DateInput(),
        error_messages={"invalid": DATE_INVALID, "required": gettext_lazy("Vælg en dato.")},
    )


class Section56Form(forms.Form):
    approved_on = _date(
        gettext_lazy("Kommunen godkendte aftalen"),
        gettext_lazy(
            "Aftalen gælder i 2 år fra godkendelsen. Skriv aldrig, hvilken lidelse aftalen "
            "dækker: Charlie gemmer kun, at der er en aftale, og dens datoer."
        ),
    )


class RetentionPlanForm(forms.Form):
    first_day = forms.TypedChoiceField(
        label=gettext_lazy("Sygeperiode (første sygedag)"),
        coerce=date.fromisoformat,
        widget=forms.Select(),
        error_messages={"required": gettext_lazy("Vælg sygeperioden.")},
    )
    requested_on = _date(gettext_lazy("Medarbejderen anmodede om en plan"))
    expected_over_8_weeks = forms.TypedChoiceField(
        label=gettext_lazy("Forventes fraværet at vare over 8 uger?"),
        help_text=gettext_lazy("Kun da har medarbejderen ret til at få en plan (§ 7 b)."),
        choices=[("ja", gettext_lazy("Ja")), ("nej", gettext_lazy("Nej"))],
        coerce=lambda v: v == "ja",
        initial="ja",
        widget=forms.Select(),
    )
    decision = forms.ChoiceField(
        label=gettext_lazy("Arbejdsgiverens svar"),
        help_text=gettext_lazy("Arbejdsgiveren kan afslå at udarbejde en plan."),
        choices=[("", gettext_lazy("Ikke besvaret endnu")), *PlanDecision.choices],
        required=False,
        widget=forms.Select(),
    )
    decided_on = _date(gettext_lazy("Dato for svaret"), required=False)

    def __init__(self, *args: Any, spells: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["first_day"]
        if isinstance(field, forms.ChoiceField):
            field.choices = [(d.isoformat(), format_date(d, get_language())) for d in spells]


@never_cache
@require_http_methods(["GET", "POST"])
def agreements(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    access = access_of(request)
    overview = svc.overview(access, person_id)  # 403 / 404 outside the scope
    spells = [s.first_day for s in overview.spells]
    s56_form = Section56Form(prefix="s56")
    plan_form = RetentionPlanForm(prefix="plan", spells=spells)
    status = 200
    if request.method == "POST":
        which = request.POST.get("form")
        if which == "s56":
            s56_form = Section56Form(request.POST, prefix="s56")
            if s56_form.is_valid():
                try:
                    svc.record_agreement(access, person_id, s56_form.cleaned_data["approved_on"])
                except ValidationFailed as exc:
                    add_service_errors(s56_form, exc, "approved_on")
                else:
                    messages.success(request, _("§ 56-aftalen er registreret."))
                    return redirect("absence:agreements", person_id=person_id)
        elif which == "plan":
            plan_form = RetentionPlanForm(request.POST, prefix="plan", spells=spells)
            if plan_form.is_valid():
                data = plan_form.cleaned_data
                try:
                    svc.record_retention_plan(
                        access,
                        person_id,
                        first_day=data["first_day"],
                        requested_on=data["requested_on"],
                        expected_over_8_weeks=data["expected_over_8_weeks"],
                        decision=data["decision"],
                        decided_on=data["decided_on"],
                    )
                except ValidationFailed as exc:
                    add_service_errors(plan_form, exc)
                else:
                    messages.success(request, _("Fastholdelsesplanen er registreret."))
                    return redirect("absence:agreements", person_id=person_id)
        status = 400
    context = {"overview": overview, "s56_form": s56_form, "plan_form": plan_form}
    return render(request, "absence/agreements.html", context, status=status)
