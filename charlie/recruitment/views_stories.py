"""HR's pages for the employer-branding stories (signed in, ``/rekruttering/historier/``):
thin HTTP over ``services.stories``, which checks ``MANAGE_ADS``."""

from __future__ import annotations

from typing import cast

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.recruitment import services
from charlie.recruitment.forms_requisitions import StoryForm
from charlie.recruitment.models import Story
from charlie.recruitment.permissions import MANAGE_ADS

TEMPLATES = "recruitment/careers/"


@require_GET
def story_list(request: AuthenticatedRequest) -> HttpResponse:
    page = services.stories.stories_for_hr(access_of(request), request.GET.get("side", 1))
    return render(request, TEMPLATES + "stories_hr.html", {"page": page})


def _form_page(request: AuthenticatedRequest, form: StoryForm, story: Story | None) -> HttpResponse:
    return render(
        request,
        TEMPLATES + "story_form.html",
        {
            "form": form,
            "errors": error_links(cast(forms.Form, form)) if form.is_bound else [],
            "story": story,
        },
    )


@require_http_methods(["GET", "POST"])
def story_new(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_ADS)
    form = StoryForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.stories.save_story(access, form.cleaned_data)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Historien er gemt. Den er ikke offentliggjort endnu."))
            return redirect("recruitment:stories")
    return _form_page(request, form, None)


@require_http_methods(["GET", "POST"])
def story_edit(request: AuthenticatedRequest, story_id: int) -> HttpResponse:
    access = access_of(request)
    current = services.stories.story_for_edit(access, story_id)
    form = StoryForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            services.stories.save_story(access, form.cleaned_data, story_id=current.pk)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Historien er gemt."))
            return redirect("recruitment:stories")
    return _form_page(request, form, current)


@require_POST
def story_publish(request: AuthenticatedRequest, story_id: int) -> HttpResponse:
    publish = request.POST.get("publish") == "1"
    services.stories.set_published(access_of(request), story_id, published=publish)
    messages.success(
        request,
        _("Historien er offentliggjort på karrieresiden.")
        if publish
        else _("Historien er taget af karrieresiden."),
    )
    return redirect("recruitment:stories")


@require_POST
def story_delete(request: AuthenticatedRequest, story_id: int) -> HttpResponse:
    services.stories.delete_story(access_of(request), story_id)
    messages.success(request, _("Historien er slettet."))
    return redirect("recruitment:stories")
