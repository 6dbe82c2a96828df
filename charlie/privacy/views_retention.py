"""The DPO's retention pages under /privacy/opbevaring/ (thin over ``services.retention``).

The overview shows the rules with the kommune's periods, the dry-run report (counts only), the
proposed batches and the deletion log. A batch page explains the archive rules and holds the
Approve and Reject forms (POST). Nothing here shows a person's data.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.forms import add_service_errors, with_width
from charlie.core.http import AuthenticatedRequest
from charlie.privacy.registry import RetentionRule, access_of
from charlie.privacy.retention import MONTHS, period_range
from charlie.privacy.services import retention as services

DELETION_LOG_LIMIT = 100


class PolicyForm(forms.Form):
    """The period of one rule, in the rule's unit (years or months) and range."""

    def __init__(self, *args: Any, rule: RetentionRule, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        low, high = period_range(rule.unit)
        numbers = {"min": low, "max": high}
        if rule.unit == MONTHS:
            label = _("Antal måneder")
            help_text = (
                _(
                    "Hele måneder efter periodens slutning, mellem %(min)d og %(max)d. Vælg en "
                    "periode, I kan begrunde."
                )
                % numbers
            )
            message = _("Skriv et helt antal måneder mellem %(min)d og %(max)d.") % numbers
        else:
            label = _("Antal år")
            help_text = _(
                "Hele år efter periodens slutning, mellem 1 og 50. Vælg en periode, I kan begrunde."
            )
            message = _("Skriv et helt antal år mellem %(min)d og %(max)d.") % numbers
        self.fields["years"] = forms.IntegerField(
            label=label,
            help_text=help_text,
            min_value=low,
            max_value=high,
            error_messages=dict.fromkeys(
                ("required", "invalid", "min_value", "max_value"), message
            ),
            widget=with_width(forms.NumberInput(), "xs"),
        )


class ApproveForm(forms.Form):
    archive_rules_checked = forms.BooleanField(
        label=gettext_lazy(
            "Jeg har sikret mig, at kassationen er tilladt efter kommunens bevarings- og "
            "kassationsbestemmelser."
        ),
        error_messages={
            "required": gettext_lazy(
                "Sæt flueben, når du har sikret dig, at kassationen er tilladt. Ellers afvis "
                "forslaget."
            )
        },
        widget=forms.CheckboxInput(),
    )


class RejectForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Begrundelse"),
        help_text=gettext_lazy(
            "Fx at kassationen endnu ikke er godkendt. Forslaget kommer igen ved næste kørsel."
        ),
        max_length=services.NOTE_MAX_LENGTH,
        error_messages={
            "required": gettext_lazy("Skriv en begrundelse for at afvise forslaget."),
            "max_length": gettext_lazy("Begrundelsen må højst være 500 tegn."),
        },
        widget=forms.Textarea(attrs={"rows": 3}),
    )


@never_cache
@require_GET
def overview(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    services.require_retention_access(access)
    today = timezone.localdate()
    reports = services.find_expired(today)
    batches = [
        {
            "batch": b,
            "rule_label": services.rule_label(b.rule_code),
            "category_label": services.category_label(b.category),
        }
        for b in services.proposed_batches(access)
    ]
    log_qs = services.deletion_log(access)
    log = [
        {
            "entry": e,
            "rule_label": services.rule_label(e.rule_code),
            "category_label": services.category_label(e.category),
        }
        for e in log_qs[:DELETION_LOG_LIMIT]
    ]
    context = {
        "today": today,
        "reports": reports,
        "batches": batches,
        "log": log,
        "log_total": log_qs.count(),
        "log_limit": DELETION_LOG_LIMIT,
    }
    return render(request, "privacy/retention.html", context)


@never_cache
@require_http_methods(["GET", "POST"])
def policy_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    access = access_of(request)
    services.require_retention_access(access)
    rule = services.get_rule(code)
    if request.method == "POST":
        form = PolicyForm(request.POST, rule=rule)
        if form.is_valid():
            years = form.cleaned_data["years"]
            try:
                services.update_policy(access, code, years)
            except ValidationFailed as exc:
                add_service_errors(form, exc, "years")
            else:
                if rule.unit == MONTHS:
                    text = ngettext(
                        "Perioden for »%(rule)s« er nu %(months)d måned.",
                        "Perioden for »%(rule)s« er nu %(months)d måneder.",
                        years,
                    )
                else:
                    text = _("Perioden for »%(rule)s« er nu %(years)d år.")
                messages.success(
                    request, text % {"rule": rule.label, "years": years, "months": years}
                )
                return redirect("privacy:retention")
    else:
        form = PolicyForm(initial={"years": services.years_for(rule)}, rule=rule)
    status = 400 if form.is_bound and form.errors else 200
    context = {"form": form, "rule": rule, "policy": services.policies().get(code)}
    return render(request, "privacy/retention_policy.html", context, status=status)


@require_POST
def propose(request: AuthenticatedRequest) -> HttpResponse:
    batches = services.propose_now(access_of(request))
    messages.success(
        request,
        _("Søgningen er kørt: %(n)d forslag venter på din afgørelse. Der er ikke slettet noget.")
        % {"n": len(batches)},
    )
    return redirect("privacy:retention")


def _batch_page(
    request: AuthenticatedRequest,
    batch_id: int,
    *,
    approve_form: ApproveForm | None = None,
    reject_form: RejectForm | None = None,
    errors: list[str] | None = None,
    status: int = 200,
) -> HttpResponse:
    batch = services.get_batch(access_of(request), batch_id)
    context = {
        "batch": batch,
        "rule_label": services.rule_label(batch.rule_code),
        "category_label": services.category_label(batch.category),
        "by_year": sorted(batch.by_year.items()),
        "approve_form": approve_form or ApproveForm(),
        "reject_form": reject_form or RejectForm(),
        "errors": errors or [],
    }
    return render(request, "privacy/retention_batch.html", context, status=status)


@never_cache
@require_GET
def batch(request: AuthenticatedRequest, batch_id: int) -> HttpResponse:
    return _batch_page(request, batch_id)


@require_POST
def approve(request: AuthenticatedRequest, batch_id: int) -> HttpResponse:
    access = access_of(request)
    services.require_retention_access(access)
    form = ApproveForm(request.POST)
    if not form.is_valid():
        return _batch_page(request, batch_id, approve_form=form, status=400)
    try:
        log = services.approve(access, batch_id)
    except ValidationFailed as exc:
        return _batch_page(request, batch_id, errors=exc.messages, status=400)
    messages.success(
        request,
        _("Forslaget er godkendt og gennemført: %(n)d behandlet. Det står i sletteloggen.")
        % {"n": log.count},
    )
    return redirect("privacy:retention")


@require_POST
def reject(request: AuthenticatedRequest, batch_id: int) -> HttpResponse:
    access = access_of(request)
    services.require_retention_access(access)
    form = RejectForm(request.POST)
    if not form.is_valid():
        return _batch_page(request, batch_id, reject_form=form, status=400)
    try:
        services.reject(access, batch_id, form.cleaned_data["note"])
    except ValidationFailed as exc:
        return _batch_page(request, batch_id, errors=exc.messages, status=400)
    messages.success(request, _("Forslaget er afvist. Der er ikke slettet noget."))
    return redirect("privacy:retention")
