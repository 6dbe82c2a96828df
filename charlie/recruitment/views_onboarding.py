"""The pages of onboarding: thin HTTP over ``services.onboarding``, which checks permissions and
scope and writes the audit log. The new colleague's pre-boarding page is public, by private
link (``welcome``)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.formats import format_date
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.recruitment.forms_onboarding import (
    CheckInForm,
    FindPersonForm,
    PlanEditForm,
    PlanForm,
    TemplateForm,
    TemplateTaskForm,
)
from charlie.recruitment.permissions import MANAGE_ONBOARDING_TEMPLATES
from charlie.recruitment.services import onboarding as svc

# --- Plans ----------------------------------------------------------------------------------


@require_GET
def plan_list(request: AuthenticatedRequest) -> HttpResponse:
    """The plans in scope; ``?mine=1``: those naming the caller as manager."""
    access = access_of(request)
    mine = request.GET.get("mine") == "1"
    return render(
        request,
        "recruitment/onboarding/plans.html",
        {
            "lines": svc.plans(access, mine=mine),
            "mine": mine,
            "can_templates": access.can(MANAGE_ONBOARDING_TEMPLATES),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_new(request: AuthenticatedRequest) -> HttpResponse:
    """Start a plan; ``?ansoegning=<id>`` fills it from a hired application."""
    access = access_of(request)
    units, managers = svc.unit_choices(access), svc.manager_choices(access)
    initial: dict[str, Any] = {}
    raw = request.GET.get("ansoegning", "")
    if raw.isdigit() and request.method == "GET":
        existing = svc.plan_of_application(access, int(raw))
        if existing is not None:
            messages.info(request, _("Der er allerede et introduktionsforløb for ansættelsen."))
            return redirect("recruitment:onboarding_plan", plan_id=existing.pk)
        initial = svc.prefill_from_application(access, int(raw))
    elif access.user is not None and any(pk == access.user.pk for pk, _label in managers):
        initial = {"manager": access.user.pk}
    form = PlanForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        units=units,
        managers=managers,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            started = svc.start_plan(
                access,
                application_id=data["application_id"],
                name=data["name"],
                email=data["email"],
                title=data["title"],
                unit=int(data["unit"]),
                job_family=data["job_family"],
                start_on=data["start_on"],
                manager=int(data["manager"]) if data["manager"] else None,
                mentor_name=data["mentor_name"],
                employee_number=data["employee_number"],
                welcome=data["welcome"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Introduktionsforløbet er startet med %(n)d opgaver.") % {"n": started.tasks}
                + " "
                + (
                    _("Linket til velkomstsiden er sendt til %(email)s.")
                    % {"email": started.plan.email}
                    if started.emailed
                    else _("Linket til velkomstsiden kunne ikke sendes: send et nyt link.")
                ),
            )
            return redirect("recruitment:onboarding_plan", plan_id=started.plan.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "recruitment/onboarding/plan_new.html",
        {"form": form, "errors": error_links(form), "from_application": bool(initial.get("name"))},
        status=status,
    )


@require_GET
def plan(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    access = access_of(request)
    detail = svc.plan_detail(access, plan_id)
    return render(
        request,
        "recruitment/onboarding/plan.html",
        {
            "d": detail,
            "find_form": FindPersonForm(initial={"employee_number": detail.plan.employee_number}),
        },
    )


@require_http_methods(["GET", "POST"])
def plan_edit(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    """Change the first working day (the open tasks' due dates move with it), the manager, the
    mentor and the welcome text."""
    access = access_of(request)
    current = svc.plan_for_edit(access, plan_id)  # 404 outside the caller's scope
    form = PlanEditForm(
        request.POST if request.method == "POST" else None,
        initial={
            "start_on": current.start_on,
            "manager": current.manager_id,
            "mentor_name": current.mentor_name,
            "welcome": current.welcome,
        },
        managers=svc.manager_choices(access),
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            edited = svc.edit_plan(
                access,
                plan_id,
                start_on=data["start_on"],
                manager=data["manager"],
                mentor_name=data["mentor_name"],
                welcome=data["welcome"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            _edited_messages(request, edited)
            if not edited.still_visible:
                return redirect("recruitment:onboarding")
            return redirect("recruitment:onboarding_plan", plan_id=plan_id)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "recruitment/onboarding/plan_edit.html",
        {"plan": current, "form": form, "errors": error_links(form)},
        status=status,
    )


def _edited_messages(request: AuthenticatedRequest, edited: svc.EditedPlan) -> None:
    if not edited.changed:
        messages.info(request, _("Der var ingen ændringer at gemme."))
        return
    text = _("Forløbet er gemt.")
    if edited.moved_days:
        text += " " + ngettext(
            "Første arbejdsdag er nu %(day)s, og fristen er flyttet for %(n)d åben opgave.",
            "Første arbejdsdag er nu %(day)s, og fristen er flyttet for %(n)d åbne opgaver.",
            edited.redated,
        ) % {"day": format_date(edited.plan.start_on), "n": edited.redated}
    if not edited.still_visible:
        text += " " + _("Du er ikke længere leder for forløbet og kan ikke se det mere.")
    messages.success(request, text)
    if edited.terms_to_update:
        messages.warning(
            request,
            _(
                "Ansættelsesbeviset er allerede givet med den gamle dato. Giv den nye "
                "tiltrædelsesdato skriftligt senest den dag, ændringen får virkning "
                "(ansættelsesbevisloven § 5)."
            ),
        )


@require_POST
def task_done(request: AuthenticatedRequest, plan_id: int, task_id: int) -> HttpResponse:
    """Mark a task done (``done=1``) or open it again (``done=0``)."""
    access = access_of(request)
    done = request.POST.get("done") == "1"
    task = svc.set_task_done(access, plan_id, task_id, done=done)
    messages.success(
        request,
        (_("»%(task)s« er udført.") if done else _("»%(task)s« er åbnet igen."))
        % {"task": task.title},
    )
    return redirect(f"{_plan_url(plan_id)}#opgave-{task.pk}")


def _plan_url(plan_id: int) -> str:
    return reverse("recruitment:onboarding_plan", args=[plan_id])


@require_POST
def find_person(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    """Join the plan to the person with the employee number, if the payroll import has
    brought them."""
    access = access_of(request)
    form = FindPersonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Skriv medarbejdernummeret."))
        return redirect("recruitment:onboarding_plan", plan_id=plan_id)
    number = form.cleaned_data["employee_number"]
    try:
        person = svc.find_person(access, plan_id, number)
    except ValidationFailed as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("recruitment:onboarding_plan", plan_id=plan_id)
    if person is None:
        messages.warning(
            request,
            _(
                "Ingen medarbejder har nummer %(number)s endnu. Forløbet knyttes af sig selv, "
                "når lønsystemets data er indlæst."
            )
            % {"number": number},
        )
    else:
        messages.success(request, _("Forløbet er knyttet til medarbejderen."))
    return redirect("recruitment:onboarding_plan", plan_id=plan_id)


@require_POST
def new_link(request: AuthenticatedRequest, plan_id: int) -> HttpResponse:
    access = access_of(request)
    if svc.send_new_link(access, plan_id):
        messages.success(request, _("Et nyt link er sendt. Det gamle virker ikke længere."))
    else:
        messages.error(request, _("Linket kunne ikke sendes. Prøv igen senere."))
    return redirect("recruitment:onboarding_plan", plan_id=plan_id)


@require_GET
def task_list(request: AuthenticatedRequest) -> HttpResponse:
    """The open tasks of the plans in scope, by owner."""
    access = access_of(request)
    return render(request, "recruitment/onboarding/tasks.html", {"groups": svc.open_tasks(access)})


# --- Templates (HR) ---------------------------------------------------------------------------


@require_GET
def template_list(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    return render(
        request, "recruitment/onboarding/templates.html", {"lines": svc.templates(access)}
    )


@require_http_methods(["GET", "POST"])
def template_new(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_ONBOARDING_TEMPLATES)
    form = TemplateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            template = svc.save_template(
                access, name=form.cleaned_data["name"], job_family=form.cleaned_data["job_family"]
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Skabelonen er oprettet. Tilføj nu dens opgaver."))
            return redirect("recruitment:onboarding_template", template_id=template.pk)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "recruitment/onboarding/template_new.html",
        {"form": form, "errors": error_links(form)},
        status=status,
    )


def _template_page(
    request: AuthenticatedRequest,
    template_id: int,
    *,
    form: TemplateForm | None = None,
    task_form: TemplateTaskForm | None = None,
    status: int = 200,
) -> HttpResponse:
    access = access_of(request)
    template = svc.template_of(access, template_id)
    courses = svc.course_choices(access)
    form = form or TemplateForm(initial={"name": template.name, "job_family": template.job_family})
    task_form = task_form or TemplateTaskForm(courses=courses, prefix="task")
    titles = dict(courses)
    return render(
        request,
        "recruitment/onboarding/template.html",
        {
            "template": template,
            "tasks": [
                (t, titles.get(t.course_code, t.course_code))
                for t in svc.template_tasks(access, template_id)
            ],
            "form": form,
            "task_form": task_form,
            "errors": error_links(form) + error_links(task_form),
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def template(request: AuthenticatedRequest, template_id: int) -> HttpResponse:
    """A template: its name and job family (POST saves them) and its tasks."""
    access = access_of(request)
    if request.method == "GET":
        return _template_page(request, template_id)
    form = TemplateForm(request.POST)
    if form.is_valid():
        try:
            svc.save_template(
                access,
                name=form.cleaned_data["name"],
                job_family=form.cleaned_data["job_family"],
                template_id=template_id,
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Skabelonen er gemt."))
            return redirect("recruitment:onboarding_template", template_id=template_id)
    svc.template_of(access, template_id)
    return _template_page(request, template_id, form=form, status=400)


def _save_task(
    request: AuthenticatedRequest, template_id: int, task_id: int | None
) -> tuple[TemplateTaskForm, bool]:
    access = access_of(request)
    form = TemplateTaskForm(request.POST, courses=svc.course_choices(access), prefix="task")
    if not form.is_valid():
        return form, False
    data = form.cleaned_data
    try:
        svc.save_template_task(
            access,
            template_id,
            title=data["title"],
            phase=data["phase"],
            offset_days=data["offset_days"],
            owner=data["owner"],
            course_code=data["course_code"],
            task_id=task_id,
        )
    except ValidationFailed as exc:
        add_service_errors(form, exc)
        return form, False
    return form, True


@require_POST
def template_task_new(request: AuthenticatedRequest, template_id: int) -> HttpResponse:
    access = access_of(request)
    svc.template_of(access, template_id)
    form, saved = _save_task(request, template_id, None)
    if saved:
        messages.success(request, _("Opgaven er tilføjet."))
        return redirect("recruitment:onboarding_template", template_id=template_id)
    return _template_page(request, template_id, task_form=form, status=400)


@require_http_methods(["GET", "POST"])
def template_task(request: AuthenticatedRequest, template_id: int, task_id: int) -> HttpResponse:
    """Change one task of a template."""
    access = access_of(request)
    current = svc.template_task(access, template_id, task_id)
    if request.method == "POST":
        form, saved = _save_task(request, template_id, task_id)
        if saved:
            messages.success(request, _("Opgaven er gemt."))
            return redirect("recruitment:onboarding_template", template_id=template_id)
    else:
        form = TemplateTaskForm(
            courses=svc.course_choices(access),
            prefix="task",
            initial={
                "title": current.title,
                "phase": current.phase,
                "offset_days": current.offset_days,
                "owner": current.owner,
                "course_code": current.course_code,
            },
        )
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "recruitment/onboarding/template_task.html",
        {
            "template": current.template,
            "task": current,
            "form": form,
            "errors": error_links(form),
        },
        status=status,
    )


@require_POST
def template_task_remove(
    request: AuthenticatedRequest, template_id: int, task_id: int
) -> HttpResponse:
    access = access_of(request)
    svc.remove_template_task(access, template_id, task_id)
    messages.success(request, _("Opgaven er fjernet fra skabelonen."))
    return redirect("recruitment:onboarding_template", template_id=template_id)


# --- The pre-boarding page (public) -------------------------------------------------------------


def _check_in_errors(form: CheckInForm) -> list[tuple[str, str]]:
    """The error summary's links: a radio group's go to its first choice."""
    if not form.is_bound:
        return []
    out = [("", str(e)) for e in form.non_field_errors()]
    for field in form:
        target = f"{field.auto_id}_0" if field.widget_type == "radioselect" else field.auto_id
        out += [(f"#{target}", f"{field.label}: {e}") for e in field.errors]
    return out


@login_not_required
@never_cache
@require_POST
def welcome_task(request: HttpRequest, token: str, task_id: int) -> HttpResponse:
    """The new colleague ticks off one of their own tasks on the pre-boarding page (``done=1``)
    or opens it again (``done=0``); the same link check as the page, and CSRF as every form."""
    done = request.POST.get("done") == "1"
    task = svc.set_own_task_done(token, task_id, done=done)
    messages.success(
        request,
        (_("»%(task)s« er markeret som udført.") if done else _("»%(task)s« er åbnet igen."))
        % {"task": task.title},
    )
    response = redirect(f"{reverse('careers:welcome', args=[token])}#opgave-{task.pk}")
    response["Referrer-Policy"] = "same-origin"
    return response


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def welcome(request: HttpRequest, token: str) -> HttpResponse:
    """The new colleague's page by private link: welcome, first day, their tasks, contacts,
    and the check-in from day 30 and day 90. A wrong or expired link is a 404."""
    page = svc.welcome_of(token)
    form = CheckInForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            svc.answer_check_in(token, form.cleaned_data)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Tak for dine svar. Din leder kan se dem."))
            return redirect("careers:welcome", token=token)
    status = 400 if form.is_bound and form.errors else 200
    response = render(
        request,
        "recruitment/onboarding/welcome.html",
        {"w": page, "token": token, "form": form, "errors": _check_in_errors(form)},
        status=status,
    )
    # The link is a secret: never sent on to another site as a referrer ("no-referrer" would
    # also make the browser send "Origin: null" with the check-in, which CSRF refuses).
    response["Referrer-Policy"] = "same-origin"
    return response
