"""Thin HTTP views over ``people.services``: parse, call the service, render."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from charlie.core import workqueue
from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.forms import DateInput, add_service_errors, with_width
from charlie.core.http import AuthenticatedRequest, render_page
from charlie.core.roles import Role
from charlie.people import overview, services
from charlie.people.forms import PeopleFilterForm, PersonCorrectionForm
from charlie.people.permissions import (
    CORRECT_PERSON,
    LEAD_UNITS,
    READ_ORGANISATION_FIGURES,
    RECORD_NOTICE,
)
from charlie.privacy.permissions import READ_AUDIT_LOG


@require_GET
def home(request: AuthenticatedRequest) -> HttpResponse:
    """The front page, by role: what each role needs first."""
    access = services.access_of(request)
    person = services.own_person(request.user)
    context: dict = {"person": person, "role": access.role, "queue": workqueue.items_for(access)}
    if person is not None:
        context["my_employments"] = services.my_current_employments(access)
    if access.can(LEAD_UNITS):
        context["my_units"] = services.managed_units_overview(access)
    if access.can(READ_ORGANISATION_FIGURES):
        context["overview"] = services.headcount_overview_table()
    context["show_data_protection"] = access.can(READ_AUDIT_LOG)
    # The administrator's own page; people cannot name accounts' permissions (accounts is above).
    context["show_administration"] = access.is_role(Role.ADMIN)
    return render(request, "people/home.html", context)


@require_GET
def me(request: AuthenticatedRequest) -> HttpResponse:
    person = services.own_person(request.user)
    if person is None:
        return render(request, "people/no_person.html", status=404)
    return redirect("people:detail", person_id=person.pk)


@require_GET
def person_detail(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    """The person overview: master data, employments, and the sections later apps register
    (``people.overview``: absence, follow-up, pension …), each scoped and audited by its app."""
    access = services.access_of(request)
    person = services.get_person(access, person_id)
    employments = services.employments_of(access, person)
    return render(
        request,
        "people/person_detail.html",
        {
            "person": person,
            "employments": employments,
            "is_self": person.user_id == request.user.pk,
            "can_record_notice": access.can(RECORD_NOTICE),
            "sections": overview.sections_for(access, person),
            "can_correct": access.can(CORRECT_PERSON) and person.user_id != request.user.pk,
        },
    )


class NoticeForm(forms.Form):
    notice_date = forms.DateField(
        label=gettext_lazy("Opsagt den"),
        required=False,
        help_text=gettext_lazy("Tom: ingen opsigelse (fx en tilbagekaldt opsigelse)."),
        widget=with_width(DateInput(), "s"),
    )


@require_http_methods(["GET", "POST"])
def employment_notice(request: AuthenticatedRequest, employment_id: int) -> HttpResponse:
    """HR records the day notice was given on an employment ("opsagt den")."""
    access = services.access_of(request)
    employment = services.employment_for_notice(access, employment_id)
    if request.method == "POST":
        form = NoticeForm(request.POST)
        if form.is_valid():
            try:
                services.record_notice(
                    access,
                    employment_id=employment.pk,
                    notice_date=form.cleaned_data["notice_date"],
                )
            except ValidationFailed as exc:
                add_service_errors(form, exc, "notice_date")
            else:
                messages.success(request, _("Opsigelsen er gemt."))
                return redirect("people:detail", person_id=employment.person_id)
        status = 400
    else:
        form = NoticeForm(initial={"notice_date": employment.notice_date})
        status = 200
    return render(
        request,
        "people/employment_notice.html",
        {"employment": employment, "form": form},
        status=status,
    )


@require_GET
def search(request: AuthenticatedRequest) -> HttpResponse:
    """The people list: search, filters, sorting and paging (htmx swaps the results)."""
    access = services.require_people_access(services.access_of(request))
    form = PeopleFilterForm(
        request.GET,
        units=services.unit_choices(access),
        units_html=services.unit_options_html(access),
        families=services.job_family_choices(),
        show_status=access.everyone,
    )
    form.is_valid()
    filters = form.filters()
    result = services.list_people(access, filters, page=request.GET.get("side"))
    params = request.GET.copy()
    params.pop("side", None)
    context = {
        "form": form,
        "result": result,
        "page": result.page,
        "filters": filters,
        "query": filters.query,
        "page_query": params.urlencode(),
        "today": services.today(),
        "filtered": bool(filters.query or filters.unit_id or filters.job_family_id)
        or filters.status != services.PeopleStatus.CURRENT,
    }
    return render_page(request, "people/search.html", context, partial="results")


@require_GET
def org_tree(request: AuthenticatedRequest) -> HttpResponse:
    context = {"roots": services.org_tree(), "min_size": services.headcount_min_size()}
    return render(request, "people/org_tree.html", context)


@require_http_methods(["GET", "POST"])
def person_edit(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    """HR corrects a person's name and contact details; with ``?rettelse=<id>`` (or the form's
    hidden field) it closes that request for correction in the same step."""
    access = services.access_of(request)
    access.require(CORRECT_PERSON)
    person = services.get_person(access, person_id)
    raw_id = request.POST.get("rettelse") or request.GET.get("rettelse") or ""
    correction = None
    if raw_id:
        if not raw_id.isdigit():
            raise NotFound
        correction = services.open_correction(access, person.pk, int(raw_id))
    form = PersonCorrectionForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        values = {name: form.cleaned_data[name] for name in services.CORRECTABLE_FIELDS}
        try:
            _person, changed = services.correct_person(
                access,
                person.pk,
                values=values,
                correction_id=correction.request_id if correction else None,
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            if correction is not None:
                messages.success(
                    request,
                    _(
                        "Oplysningerne er rettet, og anmodningen om rettelse er markeret som "
                        "rettet."
                    ),
                )
            elif changed:
                messages.success(request, _("Oplysningerne er rettet."))
            else:
                messages.info(request, _("Intet blev ændret."))
            return redirect("people:detail", person_id=person.pk)
    status = 400 if form.errors else 200
    context = {"person": person, "form": form, "correction": correction}
    return render(request, "people/person_edit.html", context, status=status)
