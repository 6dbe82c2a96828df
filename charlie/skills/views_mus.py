"""Thin HTTP views for MUS, development plans and the personal skill road map
(``services.mus``, ``services.plans``, ``services.roadmap``, ``services.mus_figures``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.privacy.services import render_pdf
from charlie.skills.models import ActivityKind, ActivityStatus
from charlie.skills.permissions import MANAGE_TAXONOMY
from charlie.skills.services import mus, plans
from charlie.skills.services import mus_figures as figures
from charlie.skills.services import roadmap as roadmaps


def _date(value: str | None, what: str, *, required: bool = False) -> date | None:
    if not value:
        if required:
            raise ValidationFailed([_("%(what)s skal udfyldes.") % {"what": what}])
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed([_("%(what)s er ikke en gyldig dato.") % {"what": what}]) from None


def _required_date(value: str | None, what: str) -> date:
    day = _date(value, what, required=True)
    if day is None:  # pragma: no cover - _date raised already
        raise ValidationFailed([_("%(what)s skal udfyldes.") % {"what": what}])
    return day


def _datetime(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise ValidationFailed([_("Tidspunktet er ikke gyldigt.")]) from None
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _errors(exc: ValidationFailed) -> list[tuple[str, str]]:
    return [("", str(m)) for m in exc.messages]


# --- MUS -------------------------------------------------------------------------------------


@require_GET
def mus_list(request: AuthenticatedRequest) -> HttpResponse:
    unit_id = _int(request.GET.get("enhed"))
    only_overdue = request.GET.get("forfaldne") == "1"
    data = mus.mus_list(
        access_of(request),
        unit_id=unit_id,
        only_overdue=only_overdue,
        page=_int(request.GET.get("side")) or 1,
    )
    query = urlencode(
        {k: v for k, v in (("enhed", unit_id), ("forfaldne", "1" if only_overdue else "")) if v}
    )
    planned = _int(request.GET.get("planlagt"))
    return render(
        request,
        "skills/mus/list.html",
        {
            "data": data,
            "query": query,
            "planned": planned,
            "can_add_activities": access_of(request).can(MANAGE_TAXONOMY),
        },
    )


@require_POST
def mus_schedule(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    unit_id = _int(request.POST.get("enhed"))
    back = {"enhed": unit_id} if unit_id else {}
    if request.POST.get("alle") == "1":
        count = mus.schedule_all_due(access, unit_id=unit_id)
        back["planlagt"] = count
    else:
        person_id = _int(request.POST.get("person"))
        if person_id is None:
            raise ValidationFailed([_("Vælg en medarbejder.")])
        due_on = _required_date(request.POST.get("due_on"), _("Senest"))
        meeting = mus.schedule(
            access, person_id, due_on=due_on, scheduled_at=_datetime(request.POST.get("at"))
        )
        return HttpResponseRedirect(reverse("skills:mus_detail", args=[meeting.pk]))
    query = urlencode({k: v for k, v in back.items() if v is not None})
    return HttpResponseRedirect(reverse("skills:mus_list") + (f"?{query}" if query else ""))


@require_http_methods(["GET", "POST"])
def mus_detail(request: AuthenticatedRequest, mus_id: int) -> HttpResponse:
    access = access_of(request)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        action = request.POST.get("handling", "")
        try:
            if action in ("forberedelse", "del"):
                mus.save_employee_preparation(
                    access,
                    mus_id,
                    request.POST.get("employee_preparation", ""),
                    share=action == "del",
                )
            elif action == "leder":
                mus.save_manager_preparation(
                    access, mus_id, request.POST.get("manager_preparation", "")
                )
            elif action == "afholdt":
                held_on = _required_date(request.POST.get("held_on"), _("Afholdt"))
                mus.mark_held(
                    access, mus_id, held_on=held_on, summary=request.POST.get("summary", "")
                )
            elif action == "plan":
                view = mus.mus_detail(access, mus_id)
                plan = plans.create_plan(access, view.person_id, mus_id=mus_id)
                return HttpResponseRedirect(reverse("skills:plan_detail", args=[plan.pk]))
            else:
                raise ValidationFailed([_("Ukendt handling.")])
            return HttpResponseRedirect(reverse("skills:mus_detail", args=[mus_id]))
        except ValidationFailed as exc:
            errors = _errors(exc)
    view = mus.mus_detail(access, mus_id)
    return render(
        request,
        "skills/mus/detail.html",
        {"mus": view, "errors": errors, "today": timezone.localdate()},
        status=400 if errors else 200,
    )


@require_GET
def mus_mine(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "skills/mus/mine.html", {"data": mus.my_mus(access_of(request))})


@require_GET
def mus_figures(request: AuthenticatedRequest) -> HttpResponse:
    data = figures.coverage(access_of(request), unit_id=_int(request.GET.get("enhed")))
    total, units = data.rows[:1], data.rows[1:]
    page = Paginator(units, 100).get_page(_int(request.GET.get("side")) or 1)
    return render(
        request,
        "skills/mus/figures.html",
        {
            "data": data,
            "total": total[0] if total else None,
            "page": page,
            "query": f"enhed={data.unit_id}" if data.unit_id else "",
        },
    )


# --- Development plans -------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def plan_detail(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    access = access_of(request)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        action = request.POST.get("handling", "")
        try:
            if action == "maal":
                plans.update_goals(access, plan_id, request.POST.get("goals", ""))
            elif action == "tilfoej":
                plans.add_activity(
                    access,
                    plan_id,
                    kind=request.POST.get("kind", ""),
                    title=request.POST.get("title", ""),
                    hours=request.POST.get("hours", "0") or "0",
                    starts_on=_date(request.POST.get("starts_on"), _("Start")),
                    ends_on=_date(request.POST.get("ends_on"), _("Slut")),
                )
            elif action == "fjern":
                plans.remove_activity(access, plan_id, _int(request.POST.get("activity")) or 0)
            elif action == "status":
                plans.set_activity_status(
                    access,
                    plan_id,
                    _int(request.POST.get("activity")) or 0,
                    request.POST.get("status", ""),
                )
            elif action == "underskriv":
                plans.sign(access, plan_id)
            else:
                raise ValidationFailed([_("Ukendt handling.")])
            return HttpResponseRedirect(reverse("skills:plan_detail", args=[plan_id]))
        except ValidationFailed as exc:
            errors = _errors(exc)
    view = plans.plan_detail(access, plan_id)
    return render(
        request,
        "skills/mus/plan.html",
        {
            "view": view,
            "errors": errors,
            "kinds": ActivityKind.choices,
            "statuses": ActivityStatus.choices,
        },
        status=400 if errors else 200,
    )


# --- The road map -----------------------------------------------------------------------------


def _roadmap_args(params: Any) -> dict[str, Any]:
    hours = params.get("timer", "")
    try:
        weekly = float(hours.replace(",", ".")) if hours else None
    except ValueError:
        raise ValidationFailed([_("Timer om ugen skal være et tal.")]) from None
    return {
        "code": params.get("maal", ""),
        "start": _date(params.get("start"), _("Start")),
        "weekly_hours": weekly,
    }


def _roadmap(request: AuthenticatedRequest, person_id: int | None) -> HttpResponse:
    access = access_of(request)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        args = _roadmap_args(request.POST)
        keys = request.POST.getlist("step")
        choices = [
            roadmaps.Choice(
                key=key,
                keep=request.POST.get(f"keep-{i}") == "1",
                position=_int(request.POST.get(f"position-{i}")) or i,
                starts_on=_date(request.POST.get(f"starts-{i}"), _("Start")),
            )
            for i, key in enumerate(keys, start=1)
        ]
        try:
            plan_id = roadmaps.adopt(access, person_id, choices=choices, **args)
            return HttpResponseRedirect(reverse("skills:plan_detail", args=[plan_id]))
        except ValidationFailed as exc:
            errors = _errors(exc)
        view = roadmaps.roadmap_for(access, person_id, **args)
    else:
        view = roadmaps.roadmap_for(access, person_id, **_roadmap_args(request.GET))
    pdf_url = (
        reverse("skills:roadmap_pdf_mine")
        if view.is_self
        else reverse("skills:roadmap_pdf_person", args=[view.person.pk])
    )
    query = urlencode(
        {
            "maal": view.profile.code if view.profile else "",
            "start": view.start.isoformat(),
            "timer": f"{view.hours_per_week:g}",
        }
    )
    return render(
        request,
        "skills/mus/roadmap.html",
        {"view": view, "errors": errors, "pdf_url": f"{pdf_url}?{query}"},
        status=400 if errors else 200,
    )


@require_http_methods(["GET", "POST"])
def roadmap_mine(request: AuthenticatedRequest) -> HttpResponse:
    return _roadmap(request, None)


@require_http_methods(["GET", "POST"])
def roadmap_person(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    return _roadmap(request, person_id)


def _roadmap_pdf(request: AuthenticatedRequest, person_id: int | None) -> HttpResponse:
    view = roadmaps.roadmap_for(access_of(request), person_id, **_roadmap_args(request.GET))
    html = render_to_string(
        "skills/mus/roadmap_pdf.html",
        {"view": view, "printed": timezone.localtime()},
        request=request,
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = 'attachment; filename="kompetencevej.pdf"'
    return response


@require_GET
def roadmap_pdf_mine(request: AuthenticatedRequest) -> HttpResponse:
    return _roadmap_pdf(request, None)


@require_GET
def roadmap_pdf_person(request: AuthenticatedRequest, person_id: int) -> HttpResponse:
    return _roadmap_pdf(request, person_id)


# --- Hand-entered learning activities ----------------------------------------------------------


@require_http_methods(["GET", "POST"])
def activities(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            roadmaps.add_learning_activity(
                access,
                skill_id=_int(request.POST.get("skill")) or 0,
                kind=request.POST.get("kind", ""),
                title=request.POST.get("title", ""),
                hours=request.POST.get("hours", ""),
                raises_to=request.POST.get("raises_to", ""),
                weeks=request.POST.get("weeks", ""),
            )
            return HttpResponseRedirect(reverse("skills:activities"))
        except ValidationFailed as exc:
            errors = _errors(exc)
    data = roadmaps.learning_activities(access, page=_int(request.GET.get("side")) or 1)
    return render(
        request,
        "skills/mus/activities.html",
        {"data": data, "errors": errors, "can_add": access.can(MANAGE_TAXONOMY)},
        status=400 if errors else 200,
    )
