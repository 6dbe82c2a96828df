"""The job-ad pages (issue 15, point 2): thin HTTP over ``services.ads``, which checks the
permission. The editor sends the text to ``ad_check`` as one types (htmx) and shows the
partial it returns; the check never changes the text."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.recruitment import services
from charlie.recruitment.forms_ads import AdForm, CommitteeForm, CriterionForm
from charlie.recruitment.models import AdStatus
from charlie.recruitment.permissions import MANAGE_ADS

EDITOR = "recruitment/ads/editor.html"


@require_GET
def ads(request: AuthenticatedRequest) -> HttpResponse:
    """Every ad, or those of one status (``?status=draft|published|closed``)."""
    access = access_of(request)
    status = request.GET.get("status", "")
    rows = services.list_ads(access, status=status)
    return render(
        request,
        "recruitment/ads/list.html",
        {
            "ads": rows,
            "status": status if status in AdStatus.values else "",
            "statuses": AdStatus.choices,
            "requisitions": services.approved_requisitions(access),
        },
    )


def _report_for(request: AuthenticatedRequest, form: AdForm) -> dict[str, Any]:
    data = dict(form.cleaned_data) if form.is_bound and form.is_valid() else {}
    source = data or (form.data if form.is_bound else form.initial)
    return services.check_draft(access_of(request), {**source, "body": _body(form)})


def _body(form: AdForm) -> str:
    if form.is_bound:
        return str(form.data.get("body", ""))
    return str(form.initial.get("body", "") or (form.instance.body if form.instance.pk else ""))


def _requisition_id(value: Any) -> int | None:
    return int(value) if str(value or "").isdigit() else None


@require_http_methods(["GET", "POST"])
def ad_new(request: AuthenticatedRequest) -> HttpResponse:
    """A new ad; ``?stillingsoenske=<id>`` fills it in from an approved requisition."""
    access = access_of(request)
    if request.method == "POST":
        form = AdForm(request.POST)
        if form.is_valid():
            try:
                ad = services.save_ad(
                    access,
                    form.cleaned_data,
                    requisition_id=_requisition_id(form.cleaned_data.get("requisition")),
                )
            except ValidationFailed as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Opslaget er gemt som kladde."))
                return redirect("recruitment:ad", ad_id=ad.pk)
    else:
        initial: dict[str, Any] = {"lang": "da", "anonymised_screening": True}
        requisition_id = _requisition_id(request.GET.get("stillingsoenske"))
        if requisition_id is not None:
            initial |= services.requisition_initial(access, requisition_id)
            initial["requisition"] = requisition_id
        else:
            access.require(MANAGE_ADS)
        form = AdForm(initial=initial)
    return render(
        request,
        EDITOR,
        {
            "form": form,
            "errors": error_links(form),
            "ad": None,
            "report": _report_for(request, form),
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def ad_edit(request: AuthenticatedRequest, ad_id: int) -> HttpResponse:
    access = access_of(request)
    ad = services.ad_for_edit(access, ad_id)
    form = AdForm(request.POST or None, instance=ad)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_ad(access, form.cleaned_data, ad_id=ad.pk)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Opslaget er gemt."))
            return redirect("recruitment:ad", ad_id=ad.pk)
    return render(
        request,
        EDITOR,
        {"form": form, "errors": error_links(form), "ad": ad, "report": _report_for(request, form)},
        status=400 if form.is_bound else 200,
    )


@require_POST
def ad_check(request: AuthenticatedRequest) -> HttpResponse:
    """The check of the editor's text as it stands (htmx partial): changes nothing."""
    report = services.check_draft(access_of(request), request.POST)
    return render(request, f"{EDITOR}#report", {"report": report})


@require_GET
def ad(request: AuthenticatedRequest, ad_id: int) -> HttpResponse:
    """An ad's admin page: its facts, the check's report (kept at publication), publish and
    close, the scoring criteria and the committee."""
    access = access_of(request)
    page = services.ad_page(access, ad_id)
    return render(
        request,
        "recruitment/ads/ad.html",
        {
            "page": page,
            "ad": page.ad,
            "report": page.report,
            "criterion_form": CriterionForm(),
            "committee_form": CommitteeForm(users=services.committee_candidates(access)),
        },
    )


def _act(request: AuthenticatedRequest, ad_id: int, action: Any, done: str) -> HttpResponse:
    try:
        action(access_of(request), ad_id)
    except ValidationFailed as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("recruitment:ad", ad_id=ad_id)


@require_POST
def ad_publish(request: AuthenticatedRequest, ad_id: int) -> HttpResponse:
    return _act(request, ad_id, services.publish_ad, _("Opslaget er slået op."))


@require_POST
def ad_close(request: AuthenticatedRequest, ad_id: int) -> HttpResponse:
    return _act(request, ad_id, services.close_ad, _("Opslaget er lukket."))


@require_POST
def ad_criteria(request: AuthenticatedRequest, ad_id: int) -> HttpResponse:
    """Add a criterion (``name``) or remove one (``remove`` = its id)."""
    access = access_of(request)
    remove = request.POST.get("remove", "")
    try:
        if remove.isdigit():
            services.remove_criterion(access, ad_id, int(remove))
            messages.success(request, _("Kriteriet er fjernet."))
        else:
            form = CriterionForm(request.POST)
            if not form.is_valid():
                raise ValidationFailed([_("Skriv kriteriets navn (højst 200 tegn).")])
            services.add_criterion(access, ad_id, form.cleaned_data["name"])
            messages.success(request, _("Kriteriet er tilføjet."))
    except ValidationFailed as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(reverse("recruitment:ad", kwargs={"ad_id": ad_id}) + "#kriterier")


@require_POST
def ad_committee(request: AuthenticatedRequest, ad_id: int) -> HttpResponse:
    """Add a member (``user``, ``chair``) or remove one (``remove`` = the membership's id)."""
    access = access_of(request)
    remove = request.POST.get("remove", "")
    try:
        if remove.isdigit():
            services.remove_committee_member(access, ad_id, int(remove))
            messages.success(request, _("Medlemmet er fjernet fra udvalget."))
        else:
            form = CommitteeForm(request.POST, users=services.committee_candidates(access))
            if not form.is_valid():
                raise ValidationFailed([_("Vælg en bruger.")])
            services.add_committee_member(
                access, ad_id, form.cleaned_data["user"].pk, chair=form.cleaned_data["chair"]
            )
            messages.success(request, _("Udvalget er opdateret."))
    except ValidationFailed as exc:
        for message in exc.messages:
            messages.error(request, message)
    return redirect(reverse("recruitment:ad", kwargs={"ad_id": ad_id}) + "#udvalg")
