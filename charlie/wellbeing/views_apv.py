"""The pages of the APV and of action plans: thin HTTP over ``services.apv`` and
``services.actions``, which check permissions and scope and write the audit log."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.formats import format_date
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.people import services as people
from charlie.people.services import access_of
from charlie.privacy.services import render_pdf
from charlie.wellbeing.forms_apv import (
    ActionFilterForm,
    ActionForm,
    AssessmentForm,
    DueFilterForm,
    FollowUpForm,
    ItemForm,
    MappingForm,
    NextDueForm,
    OwnerForm,
    ProblemForm,
    StartForm,
    UnitForm,
)
from charlie.wellbeing.permissions import SET_NEXT_DUE
from charlie.wellbeing.services import actions as action_svc
from charlie.wellbeing.services import apv as svc

#: Units a page of the overview shows.
PER_PAGE = 100
#: A new action's suggested deadline, in days from today.
DEFAULT_DEADLINE_DAYS = 90


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


def _status(*forms_: forms.BaseForm) -> int:
    return 400 if any(f.is_bound and f.errors for f in forms_) else 200


def _apv_url(apv_id: int, anchor: str = "") -> str:
    return reverse("wellbeing:apv", args=[apv_id]) + (f"#{anchor}" if anchor else "")


# --- The overview --------------------------------------------------------------------------------


@require_GET
def apvs(request: AuthenticatedRequest) -> HttpResponse:
    """Every unit the caller keeps: its last APV and when the next is due (overdue marked)."""
    access = access_of(request)
    form = DueFilterForm(request.GET or None)
    status = (form.cleaned_data.get("status") if form.is_valid() else "") or "all"
    rows = svc.due_overview(access, status=status)
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("side"))
    return render(
        request,
        "wellbeing/apv/apvs.html",
        {
            "form": form,
            "page": page,
            "query": urlencode({"status": status}) if status != "all" else "",
            "warn_days": svc.warn_days(),
        },
    )


# --- Starting an APV -----------------------------------------------------------------------------


def _pick_unit(request: AuthenticatedRequest, heading: str, back: str) -> HttpResponse:
    """The first question of a new APV or action: which unit (a GET form to this page)."""
    access = access_of(request)
    action_svc.unit_choices(access)  # 403 without the permission
    form = UnitForm(
        request.GET if "enhed" in request.GET else None,
        units_html=people.unit_options_html(access),
    )
    return render(
        request,
        "wellbeing/apv/unit_pick.html",
        {"form": form, "errors": error_links(form), "heading": heading, "back": back},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def apv_new(request: AuthenticatedRequest) -> HttpResponse:
    """Start an APV: ``?enhed=<id>`` the unit (else the unit is asked for first)."""
    access = access_of(request)
    unit_id = _int(request.GET.get("enhed"))
    if unit_id is None:
        return _pick_unit(request, _("Start en APV"), reverse("wellbeing:apvs"))
    unit = action_svc.managed_unit(access, unit_id)
    current = svc.under_way(access, unit.pk)
    if current is not None:
        messages.info(request, _("Enheden har allerede en APV i gang. Her er den."))
        return redirect("wellbeing:apv", apv_id=current.pk)
    surveys = svc.survey_choices(access, unit.pk)
    label = people.unit_label(unit)
    form = StartForm(
        request.POST if request.method == "POST" else None,
        initial={
            "title": _("APV for %(unit)s %(year)s")
            % {"unit": label, "year": timezone.localdate().year}
        },
        surveys=surveys,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            row = svc.start_apv(
                access,
                unit_id=unit.pk,
                title=data["title"],
                walkthrough=data["walkthrough"],
                survey_id=data["survey"],
                participants=data["participants"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("APV'en er startet. Trin 1 er kortlægningen; enhedens sygefravær er hentet."),
            )
            return redirect("wellbeing:apv_mapping", apv_id=row.pk)
    return render(
        request,
        "wellbeing/apv/new.html",
        {"form": form, "errors": error_links(form), "unit": label},
        status=_status(form),
    )


# --- The process page ----------------------------------------------------------------------------


@require_GET
def apv(request: AuthenticatedRequest, apv_id: int) -> HttpResponse:
    access = access_of(request)
    return render(request, "wellbeing/apv/apv.html", {"d": svc.apv_detail(access, apv_id)})


@require_POST
def apv_step(request: AuthenticatedRequest, apv_id: int) -> HttpResponse:
    """Move the APV on (``trin`` the next step) or back to an earlier step."""
    access = access_of(request)
    target = request.POST.get("trin", "")
    try:
        row = svc.move_to(access, apv_id, target)
    except ValidationFailed as exc:
        messages.error(
            request, _("APV'en kan ikke gå videre endnu:") + " " + " ".join(exc.messages)
        )
        return redirect(_apv_url(apv_id, "trin"))
    if row.step == "done":
        messages.success(
            request,
            _("APV'en er afsluttet. Næste APV skal laves senest %(date)s.")
            % {"date": format_date(row.next_due_on) if row.next_due_on else ""},
        )
    else:
        messages.success(
            request, _("APV'en er nu på trinnet »%(step)s«.") % {"step": row.get_step_display()}
        )
    return redirect(_apv_url(apv_id, "trin"))


# --- Step 1: mapping -----------------------------------------------------------------------------


def _mapping_page(
    request: AuthenticatedRequest,
    apv_id: int,
    *,
    form: MappingForm | None = None,
    item_form: ItemForm | None = None,
) -> HttpResponse:
    access = access_of(request)
    d = svc.apv_detail(access, apv_id, with_actions=False)
    surveys = svc.survey_choices(access, d.apv.unit_id)
    if form is None:
        form = MappingForm(
            initial={
                "title": d.apv.title,
                "participants": d.apv.participants,
                "survey": d.apv.survey_id,
                "absence_note": d.apv.absence_note,
            },
            surveys=surveys,
            items=d.items,
        )
    item_form = item_form or ItemForm(prefix="nyt")
    return render(
        request,
        "wellbeing/apv/mapping.html",
        {
            "d": d,
            "form": form,
            "item_form": item_form,
            "errors": error_links(form) + error_links(item_form),
            "min_group": svc.absence_min_group(),
        },
        status=_status(form, item_form),
    )


@require_http_methods(["GET", "POST"])
def apv_mapping(request: AuthenticatedRequest, apv_id: int) -> HttpResponse:
    if request.method != "POST":
        return _mapping_page(request, apv_id)
    access = access_of(request)
    d = svc.apv_detail(access, apv_id, with_actions=False)
    form = MappingForm(
        request.POST, surveys=svc.survey_choices(access, d.apv.unit_id), items=d.items
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            svc.save_mapping(
                access,
                apv_id,
                title=data["title"],
                participants=data["participants"],
                survey_id=data["survey"],
                absence_note=data["absence_note"],
                items=form.item_values(),
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc, field=exc.field if exc.field in form.fields else None)
        else:
            messages.success(request, _("Kortlægningen er gemt."))
            return redirect(_apv_url(apv_id, "kortlaegning"))
    return _mapping_page(request, apv_id, form=form)


@require_POST
def apv_absence(request: AuthenticatedRequest, apv_id: int) -> HttpResponse:
    """Fetch the unit's sickness absence again."""
    svc.fetch_absence(access_of(request), apv_id)
    messages.success(request, _("Sygefraværet er hentet igen."))
    return redirect(reverse("wellbeing:apv_mapping", args=[apv_id]) + "#sygefravaer")


@require_POST
def apv_item_new(request: AuthenticatedRequest, apv_id: int) -> HttpResponse:
    """A point of the APV's own on the walkthrough; ``standard=1``: the default checklist."""
    access = access_of(request)
    back = reverse("wellbeing:apv_mapping", args=[apv_id]) + "#rundering"
    if request.POST.get("standard") == "1":
        n = svc.add_default_checklist(access, apv_id)
        messages.success(request, _("Tjeklisten er tilføjet (%(n)d punkter).") % {"n": n})
        return redirect(back)
    form = ItemForm(request.POST, prefix="nyt")
    if form.is_valid():
        try:
            svc.add_item(
                access, apv_id, area=form.cleaned_data["area"], text=form.cleaned_data["text"]
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Punktet er tilføjet."))
            return redirect(back)
    return _mapping_page(request, apv_id, item_form=form)


@require_POST
def apv_item_remove(request: AuthenticatedRequest, apv_id: int, item_id: int) -> HttpResponse:
    svc.remove_item(access_of(request), apv_id, item_id)
    messages.success(request, _("Punktet er fjernet."))
    return redirect(reverse("wellbeing:apv_mapping", args=[apv_id]) + "#rundering")


# --- Step 2: description, assessment and prioritisation ------------------------------------------


@require_http_methods(["GET", "POST"])
def apv_assessment(request: AuthenticatedRequest, apv_id: int) -> HttpResponse:
    access = access_of(request)
    d = svc.apv_detail(access, apv_id, with_actions=False)
    form = AssessmentForm(
        request.POST if request.method == "POST" else None,
        initial={"assessment": d.apv.assessment},
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.save_assessment(access, apv_id, assessment=form.cleaned_data["assessment"])
        except ValidationFailed as exc:
            add_service_errors(form, exc, field="assessment")
        else:
            messages.success(request, _("Beskrivelsen og vurderingen er gemt."))
            return redirect(_apv_url(apv_id, "vurdering"))
    return render(
        request,
        "wellbeing/apv/assessment.html",
        {
            "d": d,
            "form": form,
            "errors": error_links(form),
            "unmade": sum(
                1 for i in d.items if i.status == "problem" and i.pk not in _items_with_problems(d)
            ),
            "findings": svc.survey_findings(access, apv_id),
        },
        status=_status(form),
    )


def _items_with_problems(d: svc.ApvDetail) -> set[int]:
    return {p.problem.item_id for p in d.problems if p.problem.item_id}


@require_POST
def apv_problems_from_walkthrough(request: AuthenticatedRequest, apv_id: int) -> HttpResponse:
    made = svc.problems_from_walkthrough(access_of(request), apv_id)
    messages.success(request, _("%(n)d problemer fra runderingen er tilføjet.") % {"n": made})
    return redirect(reverse("wellbeing:apv_assessment", args=[apv_id]) + "#problemer")


def _problem_page(
    request: AuthenticatedRequest, apv_id: int, problem_id: int | None
) -> HttpResponse:
    access = access_of(request)
    d = svc.apv_detail(access, apv_id, with_actions=False)
    found = svc.problem_of(access, apv_id, problem_id) if problem_id else None
    if found is not None:
        initial: dict[str, Any] = {
            "title": found.title,
            "description": found.description,
            "source": found.source,
            "priority": found.priority,
        }
    else:
        initial = {
            "source": (request.GET.get("kilde") or "")[:200],
            "title": (request.GET.get("titel") or "")[:200],
        }
    form = ProblemForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            svc.save_problem(
                access,
                apv_id,
                title=data["title"],
                description=data["description"],
                source=data["source"],
                priority=data["priority"],
                problem_id=problem_id,
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Problemet er gemt."))
            return redirect(reverse("wellbeing:apv_assessment", args=[apv_id]) + "#problemer")
    return render(
        request,
        "wellbeing/apv/problem.html",
        {"d": d, "form": form, "errors": error_links(form), "problem": found},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def apv_problem_new(request: AuthenticatedRequest, apv_id: int) -> HttpResponse:
    """A problem of the APV; ``?kilde=`` fills in where it was found and ``?titel=`` the
    problem (the survey's dimensions on the assessment page link here)."""
    return _problem_page(request, apv_id, None)


@require_http_methods(["GET", "POST"])
def apv_problem(request: AuthenticatedRequest, apv_id: int, problem_id: int) -> HttpResponse:
    return _problem_page(request, apv_id, problem_id)


@require_POST
def apv_problem_remove(request: AuthenticatedRequest, apv_id: int, problem_id: int) -> HttpResponse:
    svc.remove_problem(access_of(request), apv_id, problem_id)
    messages.success(
        request, _("Problemet er fjernet. Dets handlinger står stadig i handlingsplanen.")
    )
    return redirect(reverse("wellbeing:apv_assessment", args=[apv_id]) + "#problemer")


# --- Step 4: follow-up, and the next APV ---------------------------------------------------------


@require_http_methods(["GET", "POST"])
def apv_follow_up(request: AuthenticatedRequest, apv_id: int) -> HttpResponse:
    access = access_of(request)
    d = svc.apv_detail(access, apv_id)
    form = FollowUpForm(
        request.POST if request.method == "POST" else None,
        initial={"guidelines": d.apv.follow_up_guidelines},
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.save_follow_up(access, apv_id, guidelines=form.cleaned_data["guidelines"])
        except ValidationFailed as exc:
            add_service_errors(form, exc, field="guidelines")
        else:
            messages.success(request, _("Retningslinjerne for opfølgning er gemt."))
            return redirect(_apv_url(apv_id, "opfoelgning"))
    return render(
        request,
        "wellbeing/apv/follow_up.html",
        {"d": d, "form": form, "errors": error_links(form)},
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def apv_next_due(request: AuthenticatedRequest, apv_id: int) -> HttpResponse:
    """HR sets the next APV sooner, because the work changes."""
    access = access_of(request)
    access.require(SET_NEXT_DUE)
    d = svc.apv_detail(access, apv_id, with_actions=False)
    form = NextDueForm(
        request.POST if request.method == "POST" else None,
        initial={"due_on": d.apv.next_due_on, "reason": d.apv.next_due_reason},
    )
    if request.method == "POST" and form.is_valid():
        try:
            row = svc.set_next_due(
                access,
                apv_id,
                due_on=form.cleaned_data["due_on"],
                reason=form.cleaned_data["reason"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Næste APV skal laves senest %(date)s.")
                % {"date": format_date(row.next_due_on) if row.next_due_on else ""},
            )
            return redirect(_apv_url(apv_id))
    return render(
        request,
        "wellbeing/apv/next_due.html",
        {"d": d, "form": form, "errors": error_links(form)},
        status=_status(form),
    )


# --- The written APV -----------------------------------------------------------------------------


@require_GET
def apv_written(request: AuthenticatedRequest, apv_id: int) -> HttpResponse:
    """The written APV, for the unit's employees, its managers and HR (printable)."""
    access = access_of(request)
    d = svc.written(access, apv_id)
    return render(
        request,
        "wellbeing/apv/written.html",
        {"d": d, "can_manage": svc.can_manage(access, apv_id)},
    )


@require_GET
def apv_pdf(request: AuthenticatedRequest, apv_id: int) -> HttpResponse:
    """The written APV as PDF, for Arbejdstilsynet."""
    d = svc.written(access_of(request), apv_id)
    html = render_to_string(
        "wellbeing/apv/written_pdf.html",
        {"d": d, "printed": timezone.localtime()},
        request=request,
    )
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="apv-{d.apv.pk}.pdf"'
    return response


# --- Actions -------------------------------------------------------------------------------------


@require_GET
def actions(request: AuthenticatedRequest) -> HttpResponse:
    """The actions the caller keeps, by unit and status."""
    access = access_of(request)
    action_svc.unit_choices(access)  # 403 without the permission
    form = ActionFilterForm(request.GET or None, units_html=people.unit_options_html(access))
    data = form.cleaned_data if form.is_valid() else {}
    unit_id, status = data.get("enhed"), data.get("status") or "open"
    found = action_svc.action_list(access, unit_id=unit_id, status=status)
    return render(
        request,
        "wellbeing/apv/actions.html",
        {"form": form, "list": found, "status": status, "unit_id": unit_id},
    )


def _action_form_values(form: ActionForm) -> dict[str, Any]:
    data = form.cleaned_data
    return {
        "problem": data["problem"],
        "action": data["action"],
        "owner_id": data["owner"],
        "deadline": data["deadline"],
        "status": data["status"],
        "follow_up": data["follow_up"],
        "source": data["source"],
    }


def _add_errors(form: forms.Form, exc: ValidationFailed) -> None:
    pairs = getattr(exc, "errors", None) or [(exc.field, m) for m in exc.messages]
    for field, message in pairs:
        form.add_error(field if field in form.fields else None, message)


@require_http_methods(["GET", "POST"])
def action_new(request: AuthenticatedRequest) -> HttpResponse:
    """A new action: ``?problem=<id>`` from a problem of an APV, or ``?enhed=<unit>`` with
    ``&maaling=<survey>&kilde=<text>`` from a survey's result; without either, the unit is
    asked for first."""
    access = access_of(request)
    problem_id = _int(request.GET.get("problem"))
    unit_id = _int(request.GET.get("enhed"))
    if problem_id is None and unit_id is None:
        return _pick_unit(request, _("Ny handling"), reverse("wellbeing:actions"))
    initial = action_svc.prefill(
        access,
        unit_id=unit_id,
        survey_id=_int(request.GET.get("maaling")),
        source=request.GET.get("kilde", ""),
        problem_id=problem_id,
    )
    unit_id = initial["unit"]
    form = ActionForm(
        request.POST if request.method == "POST" else None,
        initial={
            **initial,
            "deadline": timezone.localdate() + timedelta(days=DEFAULT_DEADLINE_DAYS),
        },
        owners=action_svc.owner_choices(access, unit_id),
    )
    if request.method == "POST" and form.is_valid():
        try:
            row = action_svc.save_action(
                access,
                unit_id=unit_id,
                survey_id=initial.get("survey"),
                apv_problem_id=initial.get("apv_problem"),
                **_action_form_values(form),
            )
        except ValidationFailed as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Handlingen er gemt."))
            if row.apv_id:
                return redirect(_apv_url(row.apv_id, "handlingsplan"))
            return redirect("wellbeing:action", action_id=row.pk)
    return render(
        request,
        "wellbeing/apv/action_form.html",
        {
            "form": form,
            "errors": error_links(form),
            "unit": people.unit_label(action_svc.managed_unit(access, unit_id)),
            "initial": initial,
            "action_url": request.get_full_path(),
        },
        status=_status(form),
    )


@require_http_methods(["GET", "POST"])
def action(request: AuthenticatedRequest, action_id: int) -> HttpResponse:
    """One action: the keeper of the unit's plan changes every field, its owner the status and
    the follow-up."""
    access = access_of(request)
    view = action_svc.action_view(access, action_id)
    row = view.line.action
    post = request.POST if request.method == "POST" else None
    form: forms.Form
    if view.can_edit:
        form = ActionForm(
            post,
            initial={
                "problem": row.problem,
                "action": row.action,
                "owner": row.owner_id,
                "deadline": row.deadline,
                "status": row.status,
                "follow_up": row.follow_up,
                "source": row.source,
            },
            owners=action_svc.owner_choices(access, row.unit_id),
        )
    else:
        form = OwnerForm(post, initial={"status": row.status, "follow_up": row.follow_up})
    if post is not None and form.is_valid():
        try:
            if isinstance(form, ActionForm):
                action_svc.save_action(
                    access, unit_id=row.unit_id, action_id=row.pk, **_action_form_values(form)
                )
            else:
                action_svc.update_as_owner(
                    access,
                    action_id,
                    status=form.cleaned_data["status"],
                    follow_up=form.cleaned_data["follow_up"],
                )
        except ValidationFailed as exc:
            _add_errors(form, exc)
        else:
            messages.success(request, _("Handlingen er gemt."))
            return redirect("wellbeing:action", action_id=action_id)
    return render(
        request,
        "wellbeing/apv/action.html",
        {"view": view, "form": form, "errors": error_links(form)},
        status=_status(form),
    )


@require_GET
def my_plan(request: AuthenticatedRequest) -> HttpResponse:
    """The action plans and APVs of the caller's own units (every employee)."""
    return render(
        request,
        "wellbeing/apv/my_plan.html",
        {"plans": action_svc.my_plan(access_of(request))},
    )
