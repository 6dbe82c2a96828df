"""The pages of the initiatives part: thin HTTP over ``services.initiatives``."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.portfolio.forms_initiatives import (
    FilterForm,
    InitiativeForm,
    OwnerSearchForm,
    StageForm,
)
from charlie.portfolio.permissions import MANAGE_PORTFOLIO
from charlie.portfolio.services import initiatives as svc

T = "portfolio/initiatives/"

#: The service's field names where the form names them otherwise.
_FORM_FIELD = {"forvaltning_id": "forvaltning"}


@require_GET
def home(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, T + "home.html", {"home": svc.home(access_of(request))})


@require_GET
def initiative_list(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    form = FilterForm(request.GET or None)
    chosen = form.filter()
    listing = svc.list_initiatives(access, chosen, request.GET.get("side") or 1)
    query = urlencode(
        {k: v for k, v in request.GET.items() if k != "side" and k in form.fields and v}
    )
    return render(
        request,
        T + "list.html",
        {"form": form, "listing": listing, "query": query, "filtered": bool(query)},
    )


def _put_errors(form: InitiativeForm, exc: ValidationFailed) -> None:
    if isinstance(exc, svc.InitiativeInvalid):
        for name, message in exc.errors:
            name = _FORM_FIELD.get(name, name)
            form.add_error(name if name in form.fields else None, message)
    else:
        add_service_errors(form, exc)


def _description_form(request: AuthenticatedRequest, number: int | None) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_PORTFOLIO)
    current = svc.initiative_of(access, number) if number is not None else None
    initial = InitiativeForm.initial_from(current) if current is not None else {}
    form = InitiativeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if current is None:
                saved = svc.create_initiative(access, **form.data_for_service())
                messages.success(
                    request, _("Initiativ nr. %(number)d er oprettet.") % {"number": saved.number}
                )
            else:
                saved = svc.update_initiative(access, current.number, **form.data_for_service())
                messages.success(request, _("Projektbeskrivelsen er gemt."))
        except ValidationFailed as exc:
            _put_errors(form, exc)
        else:
            return redirect("portfolio:initiative", number=saved.number)
    errors = error_links(form) if form.is_bound else []
    return render(
        request,
        T + "form.html",
        {"form": form, "errors": errors, "initiative": current},
        status=400 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
def initiative_new(request: AuthenticatedRequest) -> HttpResponse:
    return _description_form(request, None)


@require_http_methods(["GET", "POST"])
def initiative_edit(request: AuthenticatedRequest, number: int) -> HttpResponse:
    return _description_form(request, number)


def _page(
    request: AuthenticatedRequest, number: int, *, stage_form: StageForm | None = None
) -> HttpResponse:
    access = access_of(request)
    page = svc.initiative_page(access, number)
    context: dict[str, Any] = {"p": page, "i": page.initiative}
    if page.can_manage:
        context["stage_form"] = stage_form or StageForm(initial={"stage": page.initiative.stage})
        context["errors"] = error_links(stage_form) if stage_form is not None else []
    return render(
        request, T + "initiative.html", context, status=400 if stage_form is not None else 200
    )


@require_GET
def initiative(request: AuthenticatedRequest, number: int) -> HttpResponse:
    return _page(request, number)


@require_POST
def initiative_stage(request: AuthenticatedRequest, number: int) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_PORTFOLIO)
    form = StageForm(request.POST)
    if form.is_valid():
        try:
            change = svc.change_stage(
                access, number, form.cleaned_data["stage"], note=form.cleaned_data["note"]
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Initiativet er flyttet til fasen »%(stage)s«.")
                % {"stage": change.get_to_stage_display()},
            )
            return redirect("portfolio:initiative", number=number)
    return _page(request, number, stage_form=form)


@require_http_methods(["GET", "POST"])
def initiative_owner(request: AuthenticatedRequest, number: int) -> HttpResponse:
    """Find a person by name or employee number (GET ``q``) and make them the owner (POST
    ``person_id``), or remove the owner (POST ``action=remove``)."""
    access = access_of(request)
    access.require(MANAGE_PORTFOLIO)
    if request.method == "POST":
        if request.POST.get("action") == "remove":
            svc.set_owner(access, number, None)
            messages.success(request, _("Initiativet har ikke længere en ejer."))
            return redirect("portfolio:initiative", number=number)
        try:
            person_id = int(request.POST.get("person_id", ""))
        except ValueError as exc:
            raise NotFound from exc
        owner = svc.set_owner(access, number, person_id).owner
        name = owner.full_name if owner is not None else ""
        messages.success(request, _("%(name)s er nu ejer af initiativet.") % {"name": name})
        return redirect("portfolio:initiative", number=number)
    page = svc.initiative_page(access, number)
    form = OwnerSearchForm(request.GET or None)
    choices: list[svc.OwnerChoice] = []
    searched = form.is_bound and form.is_valid()
    if searched:
        choices = svc.find_owner_candidates(access, number, form.cleaned_data["q"])
    errors = error_links(form) if form.is_bound else []
    return render(
        request,
        T + "owner.html",
        {
            "p": page,
            "i": page.initiative,
            "form": form,
            "choices": choices,
            "searched": searched,
            "errors": errors,
            "limit": svc.OWNER_SEARCH_LIMIT,
        },
        status=400 if errors else 200,
    )
