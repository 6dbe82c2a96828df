"""The pages of the green part of well-being: green and health initiatives (employees join,
HR publishes and sees participation in figures), the public "about this survey" page, and the
onboarding check-ins in figures. Thin HTTP over ``services.initiatives``, ``services.about`` and
``services.checkins``, which check permissions and scope and write the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core import charts
from charlie.core.errors import ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.core.query import query_id
from charlie.people.services import access_of
from charlie.wellbeing.forms_green import InitiativeForm
from charlie.wellbeing.services import about as about_services
from charlie.wellbeing.services import checkins as checkin_services
from charlie.wellbeing.services import initiatives as svc

# --- Employees: the initiatives, joining and leaving --------------------------------------------


@require_GET
def initiatives(request: AuthenticatedRequest) -> HttpResponse:
    """The published initiatives, running or coming, and those the caller joined that ended."""
    view = svc.for_employee(access_of(request))
    return render(request, "wellbeing/green/initiatives.html", {"view": view})


@require_GET
def initiative(request: AuthenticatedRequest, initiative_id: int) -> HttpResponse:
    card = svc.published_initiative(access_of(request), initiative_id)
    return render(request, "wellbeing/green/initiative.html", {"card": card})


@require_POST
def initiative_join(request: AuthenticatedRequest, initiative_id: int) -> HttpResponse:
    try:
        joined = svc.join(access_of(request), initiative_id)
    except ValidationFailed as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(
            request,
            _("Du er tilmeldt.") if joined else _("Du var allerede tilmeldt."),
        )
    return redirect("wellbeing:initiative", initiative_id=initiative_id)


@require_POST
def initiative_leave(request: AuthenticatedRequest, initiative_id: int) -> HttpResponse:
    left = svc.leave(access_of(request), initiative_id)
    messages.success(request, _("Du er afmeldt.") if left else _("Du var ikke tilmeldt."))
    if request.POST.get("tilbage") == "oversigt":
        return redirect("wellbeing:initiatives")
    return redirect("wellbeing:initiative", initiative_id=initiative_id)


# --- HR: publishing and participation in figures -------------------------------------------


@require_GET
def initiatives_admin(request: AuthenticatedRequest) -> HttpResponse:
    lines = svc.initiatives_for_hr(access_of(request))
    return render(request, "wellbeing/green/admin.html", {"lines": lines})


def _save(
    request: AuthenticatedRequest, form: InitiativeForm, initiative_id: int | None
) -> HttpResponse | None:
    data = form.cleaned_data
    try:
        saved = svc.save_initiative(
            access_of(request),
            initiative_id=initiative_id,
            title=data["title"],
            kind=data["kind"],
            summary=data["summary"],
            body=data["body"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
        )
    except ValidationFailed as exc:
        add_service_errors(form, exc)
        return None
    messages.success(
        request,
        _("Initiativet er gemt.")
        if saved.published
        else _("Initiativet er gemt. Det er ikke offentliggjort endnu."),
    )
    return redirect("wellbeing:initiatives_admin")


def _form_page(
    request: AuthenticatedRequest, form: InitiativeForm, context: dict[str, Any]
) -> HttpResponse:
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "wellbeing/green/form.html",
        {"form": form, "errors": error_links(form), **context},
        status=status,
    )


@require_http_methods(["GET", "POST"])
def initiative_new(request: AuthenticatedRequest) -> HttpResponse:
    svc.require_manage(access_of(request))
    form = InitiativeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        done = _save(request, form, None)
        if done is not None:
            return done
    return _form_page(request, form, {"initiative": None})


@require_http_methods(["GET", "POST"])
def initiative_edit(request: AuthenticatedRequest, initiative_id: int) -> HttpResponse:
    found = svc.initiative_for_hr(access_of(request), initiative_id)
    initial = {
        "title": found.title,
        "kind": found.kind,
        "summary": found.summary,
        "body": found.body,
        "starts_on": found.starts_on,
        "ends_on": found.ends_on,
    }
    form = InitiativeForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        done = _save(request, form, initiative_id)
        if done is not None:
            return done
    return _form_page(request, form, {"initiative": found})


@require_POST
def initiative_publish(request: AuthenticatedRequest, initiative_id: int) -> HttpResponse:
    """``publish=1`` publishes, ``publish=0`` takes it down."""
    publish = request.POST.get("publish") == "1"
    found = svc.set_published(access_of(request), initiative_id, published=publish)
    messages.success(
        request,
        (
            _("»%(title)s« er offentliggjort. Alle medarbejdere kan se det og tilmelde sig.")
            if publish
            else _("»%(title)s« er taget af. Medarbejderne kan ikke længere se det.")
        )
        % {"title": found.title},
    )
    return redirect("wellbeing:initiatives_admin")


@require_GET
def initiative_participation(request: AuthenticatedRequest, initiative_id: int) -> HttpResponse:
    """How many joined, per unit (sub-units included), through disclosure control."""
    data = svc.participation_of(
        access_of(request), initiative_id, unit_id=query_id(request, "enhed")
    )
    chart = ""
    top = [line for line in data.lines if line.depth == 1]
    if len(top) > 1:
        chart = charts.bar_chart(
            "deltagelse-enheder",
            _("Tilmeldte pr. enhed: %(title)s") % {"title": data.initiative.title},
            _(
                "Søjlediagram over, hvor mange der har tilmeldt sig, i hver enhed på første "
                "niveau. Skjulte tal vises ikke. Tallene står i tabellen under diagrammet."
            ),
            [(line.label, line.participants) for line in top],
            digits=0,
        )
    return render(request, "wellbeing/green/participation.html", {"data": data, "chart": chart})


# --- Openness: the survey's public "about" page -------------------------------------------


@login_not_required
@never_cache
@require_GET
def survey_about(request: HttpRequest, survey_id: int) -> HttpResponse:
    """What the survey is for, who sees what, thresholds, bands, anonymity and retention; no
    log-in (the invitation e-mail and the answering page link here). A draft is a 404."""
    about = about_services.survey_about(access_of(request), survey_id)
    return render(request, "wellbeing/green/about.html", {"about": about})


# --- The onboarding check-ins in figures ---------------------------------------------------


@require_GET
def checkins(request: AuthenticatedRequest) -> HttpResponse:
    data = checkin_services.checkin_figures(
        access_of(request),
        half=request.GET.get("halvaar"),
        unit_id=query_id(request, "enhed"),
    )
    headline = next((c for c in data.columns if c.kind == "scale"), None) or (
        data.columns[0] if data.columns else None
    )
    chart_units = chart_halves = ""
    if headline is not None:
        top = [line for line in data.by_unit if line.depth == 1]
        if len(top) > 1:
            chart_units = charts.bar_chart(
                "introduktion-enheder",
                _("%(question)s — %(measure)s, pr. enhed, %(half)s")
                % {
                    "question": headline.label,
                    "measure": headline.measure,
                    "half": data.half_label,
                },
                _(
                    "Søjlediagram over svaret på spørgsmålet i hver enhed på første niveau. "
                    "Skjulte tal vises ikke. Tallene står i tabellen under diagrammet."
                ),
                [
                    (line.label, line.figures.headline.get(headline.key) if line.figures else None)
                    for line in top
                ],
            )
        # The half-years with answers (a hidden group is a gap marked "skjult"; a half-year
        # without answers has nothing to draw, and the table says so).
        answered = [line for line in data.by_half if line.figures is not None]
        if any(not line.figures.hidden for line in answered if line.figures):
            chart_halves = charts.line_chart(
                "introduktion-halvaar",
                _("%(question)s — %(measure)s, pr. halvår: %(unit)s")
                % {
                    "question": headline.label,
                    "measure": headline.measure,
                    "unit": data.focus_label,
                },
                _(
                    "Kurve over svaret på spørgsmålet i de halvår, hvor nye medarbejdere har "
                    "svaret (H1: januar–juni, H2: juli–december). Skjulte tal bryder kurven. "
                    "Tallene står i tabellen under diagrammet."
                ),
                [
                    (
                        checkin_services.half_short(line.half),
                        line.figures.headline.get(headline.key) if line.figures else None,
                    )
                    for line in answered
                ],
            )
    return render(
        request,
        "wellbeing/green/checkins.html",
        {
            "data": data,
            "headline": headline,
            "chart_units": chart_units,
            "chart_halves": chart_halves,
        },
    )
