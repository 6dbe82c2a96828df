"""Thin views of the analysis part (issue 13, points 6–8): a person's gap to a role, the unit ×
skill coverage, retiring skill holders, re-skilling candidates, shortage roles and project
teams. Each parses its form, makes one service call and renders."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.skills.forms_analysis import (
    CandidatesForm,
    HeatmapForm,
    RetiringForm,
    RoleForm,
    ShortagesForm,
    TeamForm,
)
from charlie.skills.permissions import FIND_CANDIDATES, READ_SKILL_FIGURES, READ_SKILLS
from charlie.skills.services import analysis, person_in_scope

PAGE_SIZE = 50


def _value(form: Any, name: str, default: Any) -> Any:
    value = form.cleaned_data.get(name) if form.is_valid() else None
    return default if value in (None, "") else value


@require_GET
def person_gap(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    access = access_of(request)
    access.require(READ_SKILLS)
    form = RoleForm(request.GET or None)
    code = _value(form, "rolle", "")
    result = analysis.person_gap(access, person_id, code) if code else None
    person = result.person if result else person_in_scope(access, person_id)
    return render(
        request,
        "skills/analysis/person_gap.html",
        {"form": form, "result": result, "person": person},
    )


@require_GET
def heatmap(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    access.require(READ_SKILL_FIGURES)
    form = HeatmapForm(request.GET or None)
    code = _value(form, "rolle", "")
    result = analysis.heatmap(access, code, unit_id=_value(form, "enhed", None)) if code else None
    page = Paginator(result.rows if result else [], PAGE_SIZE).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    return render(
        request,
        "skills/analysis/heatmap.html",
        {
            "form": form,
            "result": result,
            "page": page,
            "query": query.urlencode(),
            "code": code,
            "can_find": access.can(FIND_CANDIDATES),
        },
    )


@require_GET
def retiring(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    access.require(READ_SKILL_FIGURES)
    form = RetiringForm(request.GET or None)
    code = _value(form, "rolle", "")
    year = _value(form, "aar", analysis.DEFAULT_BY_YEAR)
    result = analysis.retiring_holders(access, code, by_year=year) if code else None
    return render(
        request,
        "skills/analysis/retiring.html",
        {"form": form, "result": result, "can_find": access.can(FIND_CANDIDATES)},
    )


@require_GET
def candidates(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    access.require(FIND_CANDIDATES)
    form = CandidatesForm(request.GET or None)
    code = _value(form, "rolle", "")
    result = (
        analysis.candidates(
            access,
            code,
            top=_value(form, "top", analysis.DEFAULT_TOP),
            by_year=_value(form, "aar", analysis.DEFAULT_BY_YEAR),
            hours_per_year=_value(form, "timer", analysis.DEFAULT_HOURS_PER_YEAR),
        )
        if code
        else None
    )
    return render(
        request,
        "skills/analysis/candidates.html",
        {"form": form, "result": result, "can_find": True},
    )


@require_GET
def shortages(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    form = ShortagesForm(request.GET or None)
    result = analysis.shortage_summary(
        access,
        by_year=_value(form, "aar", analysis.DEFAULT_BY_YEAR),
        hours_per_year=_value(form, "timer", analysis.DEFAULT_HOURS_PER_YEAR),
    )
    return render(
        request,
        "skills/analysis/shortages.html",
        {"form": form, "result": result, "can_find": True},
    )


@require_http_methods(["GET", "POST"])
def teams(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    proposals = analysis.team_proposals(access)
    form = TeamForm(request.POST or None)
    errors: list[str] = []
    if request.method == "POST" and form.is_valid():
        try:
            needs = analysis.parse_needs(form.need_rows())
            proposal = analysis.propose_team(
                access,
                form.cleaned_data["name"],
                needs,
                hours_per_person=form.cleaned_data.get("timer_pr_person"),
            )
        except ValidationFailed as exc:
            errors = list(exc.messages)
        else:
            return redirect("skills:team", proposal_id=proposal.pk)
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "skills/analysis/teams.html",
        {"form": form, "page": page, "errors": errors, "can_find": True},
        status=422 if errors or form.errors else 200,
    )


@require_GET
def team(request: AuthenticatedRequest, proposal_id: int) -> HttpResponse:
    view = analysis.team_proposal(access_of(request), proposal_id)
    return render(request, "skills/analysis/team.html", {"view": view})


@require_POST
def team_decide(request: AuthenticatedRequest, proposal_id: int) -> HttpResponse:
    analysis.decide_team(
        access_of(request), proposal_id, accept=request.POST.get("decision") == "accept"
    )
    return redirect("skills:team", proposal_id=proposal_id)
