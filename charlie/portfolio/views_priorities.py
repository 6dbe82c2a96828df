"""The prioritisation pages: criteria, scores, a run with its reasons and value-vs-effort chart,
saved scenarios and their comparison. Thin HTTP over ``services.priorities``, which checks the
permissions (READ_PORTFOLIO to see, MANAGE_PORTFOLIO to change or save)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.core.query import query_id
from charlie.people.services import access_of
from charlie.portfolio.effortchart import Point, value_effort_chart
from charlie.portfolio.forms_priorities import CriterionForm, RunForm, ScenarioForm
from charlie.portfolio.services import priorities as svc
from charlie.portfolio.services.common import today


def _chart(data: dict[str, Any]) -> str:
    points = [
        Point(
            row["number"],
            row["title"],
            float(sum(row["costs"] or [])),
            float(row["value"]),
            bool(row["chosen"]),
        )
        for row in data["initiatives"]
        if row["costs"] is not None
    ]
    if not points:
        return ""
    return value_effort_chart(
        "vaerdi-indsats",
        _("Værdi og omkostninger pr. initiativ"),
        _(
            "Punktdiagram: hvert initiativ efter dets omkostninger i perioden (vandret) og "
            "værdi fra 0 til 5 (lodret); valgte som fyldte cirkler, fravalgte som åbne "
            "firkanter, mærket med initiativets nummer. Tallene står i tabellen under diagrammet."
        ),
        points,
    )


def _result_context(data: dict[str, Any]) -> dict[str, Any]:
    years = list(range(data["first_year"], data["first_year"] + data["years"]))
    per_year = [
        {
            "year": year,
            "budget": data["budget"][t],
            "costs": data["costs"][t] if data["costs"] else 0,
            "hours_limit": data["hours_limit"][t],
            "hours": data["hours"][t] if data["hours"] else 0,
            "greedy_costs": data["greedy"]["costs"][t] if data["greedy"]["costs"] else 0,
        }
        for t, year in enumerate(years)
    ]
    for row in data["initiatives"]:
        row["total_cost"] = sum(row["costs"]) if row["costs"] is not None else None
        row["total_hours"] = sum(row["hours"]) if row["hours"] is not None else None
    return {"data": data, "per_year": per_year, "chart": _chart(data)}


def _run(access: Any, cleaned: dict[str, Any]) -> svc.Run:
    return svc.run(
        access,
        first_year=cleaned["forste_aar"],
        years=cleaned["antal_aar"],
        budget=cleaned["budget"],
        hours=cleaned["timer"],
    )


@require_GET
def priorities(request: AuthenticatedRequest) -> HttpResponse:
    """The run form; with its fields in the query string, the result below it."""
    access = access_of(request)
    svc.require_read(access)
    asked = "forste_aar" in request.GET
    form = RunForm(
        request.GET if asked else None, initial={"forste_aar": today().year, "antal_aar": 5}
    )
    context: dict[str, Any] = {"form": form, "can_manage": svc.can_manage(access)}
    if asked and form.is_valid():
        try:
            result = _run(access, form.cleaned_data)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            context.update(_result_context(svc.as_dict(result)))
            context["save_form"] = ScenarioForm()
            context["query"] = request.GET.urlencode()
    context["errors"] = error_links(form)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "portfolio/priorities/run.html", context, status=status)


@require_POST
def priorities_save(request: AuthenticatedRequest) -> HttpResponse:
    """Save the run asked for in the query string as a scenario."""
    access = access_of(request)
    form = RunForm(QueryDict(request.POST.get("query", "")))
    name = ScenarioForm(request.POST)
    svc.require_manage(access)
    if not form.is_valid() or not name.is_valid():
        messages.error(request, _("Scenariet blev ikke gemt: giv det et navn."))
        return redirect(f"{reverse('portfolio:priorities')}?{request.POST.get('query', '')}")
    saved = svc.save_scenario(
        access, name=name.cleaned_data["navn"], result=_run(access, form.cleaned_data)
    )
    messages.success(request, _("Scenariet »%(name)s« er gemt.") % {"name": saved.name})
    return redirect("portfolio:priorities_scenario", scenario_id=saved.pk)


# --- Criteria and scores -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def criteria(request: AuthenticatedRequest) -> HttpResponse:
    """The criteria; HR adds one with the form below the list."""
    access = access_of(request)
    rows = svc.criteria(access)
    if request.method == "POST":
        svc.require_manage(access)
    form = CriterionForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.save_criterion(access, **form.cleaned_data)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kriteriet er gemt."))
            return redirect("portfolio:priorities_criteria")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "portfolio/priorities/criteria.html",
        {
            "rows": rows,
            "form": form,
            "errors": error_links(form),
            "can_manage": svc.can_manage(access),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def criterion_edit(request: AuthenticatedRequest, criterion_id: int) -> HttpResponse:
    access = access_of(request)
    found = svc.criterion(access, criterion_id)
    initial = {
        "name": found.name,
        "source": found.source,
        "weight": found.weight,
        "higher_is_better": found.higher_is_better,
        "active": found.active,
    }
    form = CriterionForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            svc.save_criterion(access, criterion_id=criterion_id, **form.cleaned_data)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kriteriet er gemt."))
            return redirect("portfolio:priorities_criteria")
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "portfolio/priorities/criterion.html",
        {"criterion": found, "form": form, "errors": error_links(form)},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def scores(request: AuthenticatedRequest) -> HttpResponse:
    """Every candidate's manual scores (HR sets them, 0–5) and computed ones."""
    access = access_of(request)
    table = svc.score_table(access)
    if request.method == "POST":
        svc.require_manage(access)
        problems = []
        for row in table["rows"]:
            number = row["candidate"].number
            given: dict[int, int | None] = {}
            for criterion, current in row["manual"]:
                text = request.POST.get(f"score-{number}-{criterion.pk}", "").strip()
                value = int(text) if text.isdigit() else None
                if value != current:
                    given[criterion.pk] = value
            if given:
                try:
                    svc.set_scores(access, number, given)
                except ValidationFailed as exc:
                    problems.extend(exc.messages)
        for problem in problems:
            messages.error(request, problem)
        if not problems:
            messages.success(request, _("Scorerne er gemt."))
        return redirect("portfolio:priorities_scores")
    return render(
        request,
        "portfolio/priorities/scores.html",
        {
            **table,
            "can_manage": svc.can_manage(access),
            "choices": range(6),
            "columns": len(table["manual"]) + len(table["computed"]) + 2,
        },
    )


# --- Scenarios -----------------------------------------------------------------------------------


@require_GET
def scenarios(request: AuthenticatedRequest) -> HttpResponse:
    rows = svc.scenarios(access_of(request))
    return render(request, "portfolio/priorities/scenarios.html", {"rows": rows})


@require_GET
def scenario(request: AuthenticatedRequest, scenario_id: int) -> HttpResponse:
    found = svc.scenario(access_of(request), scenario_id)
    return render(
        request,
        "portfolio/priorities/scenario.html",
        {"scenario": found, **_result_context(dict(found.result))},
    )


@require_GET
def compare(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    rows = svc.scenarios(access)
    first, second = query_id(request, "a"), query_id(request, "b")
    compared = svc.compare(access, first, second) if first and second else None
    return render(
        request,
        "portfolio/priorities/compare.html",
        {"rows": rows, "compared": compared, "first": first, "second": second},
    )
