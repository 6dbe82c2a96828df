"""The team pages of an initiative (``initiativer/<number>/hold/``): skill needs, "Foreslå hold",
one proposal with coverage and gaps, gaps into learning needs, accept or reject. Thin HTTP over
``services.team``, which checks the permission and writes the audit log."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.portfolio.forms_team import NeedsForm, ProposeForm
from charlie.portfolio.services import team as svc


def _initiative_url(number: int) -> str:
    """The initiative's own page, when the initiatives part of the app provides one."""
    try:
        return reverse("portfolio:initiative", kwargs={"number": number})
    except NoReverseMatch:
        return ""


def _team_overview(
    request: AuthenticatedRequest, number: int, propose_form: ProposeForm, status: int = 200
) -> HttpResponse:
    access = access_of(request)
    initiative = svc.initiative_for_team(access, number)
    return render(
        request,
        "portfolio/team/team.html",
        {
            "initiative": initiative,
            "initiative_url": _initiative_url(number),
            "needs": svc.skill_needs(access, initiative),
            "teams": svc.teams_of(access, initiative),
            "learning_needs": svc.learning_needs(access, initiative),
            "form": propose_form,
            "errors": error_links(propose_form) if propose_form.is_bound else [],
        },
        status=status,
    )


@require_GET
def team(request: AuthenticatedRequest, number: int) -> HttpResponse:
    return _team_overview(request, number, ProposeForm())


@require_http_methods(["GET", "POST"])
def team_needs(request: AuthenticatedRequest, number: int) -> HttpResponse:
    access = access_of(request)
    initiative = svc.initiative_for_team(access, number)
    current = [(n.skill_id, n.level, n.hours) for n in svc.skill_needs(access, initiative)]
    data = request.POST if request.method == "POST" else None
    form = NeedsForm(data, skills=svc.skill_choices(), current=current)
    if request.method == "POST" and form.is_valid():
        try:
            svc.save_skill_needs(access, initiative, form.need_rows())
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kompetencebehovet er gemt."))
            return redirect("portfolio:team", number=number)
    return render(
        request,
        "portfolio/team/needs.html",
        {
            "initiative": initiative,
            "form": form,
            "errors": error_links(form) if form.is_bound else [],
        },
        status=422 if form.is_bound and form.errors else 200,
    )


@require_POST
def team_propose(request: AuthenticatedRequest, number: int) -> HttpResponse:
    access = access_of(request)
    initiative = svc.initiative_for_team(access, number)
    form = ProposeForm(request.POST)
    if form.is_valid():
        try:
            team = svc.propose(
                access,
                initiative,
                hours_per_person=form.cleaned_data.get("timer_pr_person"),
                max_members=form.cleaned_data["hoejst"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            return redirect("portfolio:team_proposal", number=number, proposal_id=team.proposal_id)
    return _team_overview(request, number, form, status=422)


@require_GET
def team_proposal(request: AuthenticatedRequest, number: int, proposal_id: int) -> HttpResponse:
    access = access_of(request)
    initiative = svc.initiative_for_team(access, number)
    page = svc.team_page(access, initiative, proposal_id)
    return render(request, "portfolio/team/proposal.html", {"page": page})


@require_POST
def team_decide(request: AuthenticatedRequest, number: int, proposal_id: int) -> HttpResponse:
    access = access_of(request)
    initiative = svc.initiative_for_team(access, number)
    accept = request.POST.get("decision") == "accept"
    try:
        told = svc.decide(access, initiative, proposal_id, accept=accept)
    except ValidationFailed as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        if accept:
            messages.success(
                request,
                ngettext(
                    "Holdet er godkendt. %(n)s person får besked på e-mail.",
                    "Holdet er godkendt. %(n)s personer får besked på e-mail.",
                    told,
                )
                % {"n": told},
            )
        else:
            messages.success(request, _("Forslaget er forkastet."))
    return redirect("portfolio:team_proposal", number=number, proposal_id=proposal_id)


@require_POST
def team_learning(request: AuthenticatedRequest, number: int, proposal_id: int) -> HttpResponse:
    access = access_of(request)
    initiative = svc.initiative_for_team(access, number)
    try:
        count = svc.gaps_to_learning_needs(access, initiative, proposal_id)
    except ValidationFailed as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            ngettext(
                "%(n)s hul er gjort til et læringsbehov.",
                "%(n)s huller er gjort til læringsbehov.",
                count,
            )
            % {"n": count},
        )
    return redirect("portfolio:team_proposal", number=number, proposal_id=proposal_id)
