"""Thin HTTP views over ``people.services``: parse, call the service, render."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from charlie.core.http import AuthenticatedRequest
from charlie.core.query import query_text
from charlie.core.roles import Role
from charlie.people import services


@require_GET
def home(request: AuthenticatedRequest) -> HttpResponse:
    """The front page, by role: what each role needs first (issue 2, UI shell)."""
    user = request.user
    person = services.own_person(user)
    context: dict = {"person": person, "role": user.role}
    if person is not None:
        context["my_employments"] = services.my_current_employments(user)
    if user.role == Role.MANAGER:
        context["my_units"] = services.managed_units_overview(user)
    if user.role in (Role.HR, Role.ANALYST):
        context["overview"] = services.headcount_overview_table()
    return render(request, "people/home.html", context)


@require_GET
def me(request: AuthenticatedRequest) -> HttpResponse:
    person = services.own_person(request.user)
    if person is None:
        return render(request, "people/no_person.html", status=404)
    return redirect("people:detail", person_id=person.pk)


@require_GET
def person_detail(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    person = services.get_person(request.user, person_id)
    employments = services.employments_of(request.user, person)
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
    people, total = services.search_people(request.user, query)
    context = {"people": people, "total": total, "query": query}
    if request.htmx and not request.htmx.history_restore_request:
        return render(request, "people/search.html#results", context)
    return render(request, "people/search.html", context)


@require_GET
def org_tree(request: AuthenticatedRequest) -> HttpResponse:
    context = {"roots": services.org_tree(), "min_size": services.headcount_min_size()}
    return render(request, "people/org_tree.html", context)
