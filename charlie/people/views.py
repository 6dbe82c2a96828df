"""Thin HTTP views over ``people.services``: parse, call the service, render."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from charlie.core import workqueue
from charlie.core.http import AuthenticatedRequest, render_page
from charlie.core.query import query_text
from charlie.core.roles import Role
from charlie.people import services
from charlie.people.permissions import LEAD_UNITS, READ_ORGANISATION_FIGURES
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
        },
    )


@require_GET
def search(request: AuthenticatedRequest) -> HttpResponse:
    query = query_text(request, "q")
    people, total = services.search_people(services.access_of(request), query)
    context = {"people": people, "total": total, "query": query}
    return render_page(request, "people/search.html", context, partial="results")


@require_GET
def org_tree(request: AuthenticatedRequest) -> HttpResponse:
    context = {"roots": services.org_tree(), "min_size": services.headcount_min_size()}
    return render(request, "people/org_tree.html", context)
