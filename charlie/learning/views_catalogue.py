"""The course catalogue's pages (issue 14, points 1 and 6): thin HTTP over
``services.catalogue`` and ``services.enrolments``, which check the permissions and scope and
write the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.core.query import query_text
from charlie.learning import services
from charlie.learning.forms_catalogue import (
    CatalogueFilterForm,
    CourseForm,
    CourseSkillForm,
    RejectForm,
    SessionForm,
)
from charlie.learning.models import Course, Session
from charlie.learning.permissions import APPROVE_ENROLMENTS, MANAGE_CATALOGUE
from charlie.people.services import access_of


@require_GET
def catalogue(request: AuthenticatedRequest) -> HttpResponse:
    """Search and filter the catalogue, a page at a time."""
    access = access_of(request)
    form = CatalogueFilterForm(request.GET, skills=services.taught_skills())
    data = form.cleaned_data if form.is_valid() else {}
    family = data.get("job_family")
    f = services.CourseFilter(
        q=query_text(request, "q"),
        skill_id=data.get("skill"),
        job_family_id=family.pk if family else None,
        format=data.get("format") or "",
        starts_from=data.get("starts_from"),
        starts_to=data.get("starts_to"),
    )
    page = services.search_courses(access, f, request.GET.get("side", 1))
    query = urlencode({k: str(v) for k, v in request.GET.items() if k != "side" and v})
    return render(
        request,
        "learning/catalogue/catalogue.html",
        {
            "form": form,
            "page": page,
            "query": query,
            "filtered": any(v for k, v in request.GET.items() if k != "side"),
            "can_manage": access.can(MANAGE_CATALOGUE),
        },
    )


@require_GET
def course(request: AuthenticatedRequest, code: str) -> HttpResponse:
    access = access_of(request)
    detail = services.course_detail(access, code)
    return render(
        request,
        "learning/catalogue/course.html",
        {
            "d": detail,
            "can_manage": access.can(MANAGE_CATALOGUE),
            "can_join": access.person_id is not None,
            "can_enrol": access.can(APPROVE_ENROLMENTS) and access.sees_others,
            "skill_form": CourseSkillForm(),
        },
    )


def _course_data(form: CourseForm) -> tuple[dict[str, Any], list[int]]:
    data = dict(form.cleaned_data)
    families = [f.pk for f in data.pop("job_families", [])]
    return data, families


@require_http_methods(["GET", "POST"])
def course_new(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_CATALOGUE)
    form = CourseForm(request.POST or None, initial={"active": True})
    if request.method == "POST" and form.is_valid():
        data, families = _course_data(form)
        try:
            saved = services.save_course(access, data, job_family_ids=families)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kurset er oprettet."))
            return redirect("learning:course", code=saved.code)
    return render(
        request,
        "learning/catalogue/course_form.html",
        {"form": form, "errors": error_links(form), "course": None},
    )


@require_http_methods(["GET", "POST"])
def course_edit(request: AuthenticatedRequest, code: str) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_CATALOGUE)
    current = services.course_for_edit(access, code)
    form = CourseForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        data, families = _course_data(form)
        try:
            services.save_course(access, data, job_family_ids=families, course_id=current.pk)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kurset er gemt."))
            return redirect("learning:course", code=code)
    return render(
        request,
        "learning/catalogue/course_form.html",
        {"form": form, "errors": error_links(form), "course": current},
    )


@require_POST
def course_skills(request: AuthenticatedRequest, code: str) -> HttpResponse:
    """Add or change a skill the course gives (``skill`` and ``level``) or remove one
    (``remove`` = skill id)."""
    access = access_of(request)
    access.require(MANAGE_CATALOGUE)
    current = services.course_for_edit(access, code)
    remove = request.POST.get("remove", "")
    if remove.isdigit():
        services.remove_course_skill(access, current.pk, int(remove))
        messages.success(request, _("Kompetencen er fjernet fra kurset."))
        return redirect("learning:course", code=code)
    form = CourseSkillForm(request.POST)
    if form.is_valid():
        try:
            services.set_course_skill(
                access, current.pk, form.cleaned_data["skill"], form.cleaned_data["level"]
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kompetencen er gemt på kurset."))
            return redirect("learning:course", code=code)
    detail = services.course_detail(access, code)
    return render(
        request,
        "learning/catalogue/course.html",
        {
            "d": detail,
            "can_manage": True,
            "can_join": access.person_id is not None,
            "skill_form": form,
            "errors": error_links(form),
        },
        status=422,
    )


def _session_form_page(
    request: AuthenticatedRequest, form: SessionForm, current: Course, session: Session | None
) -> HttpResponse:
    return render(
        request,
        "learning/catalogue/session_form.html",
        {
            "form": form,
            "errors": error_links(form),
            "course": current,
            "session": session,
        },
    )


@require_http_methods(["GET", "POST"])
def session_new(request: AuthenticatedRequest, code: str) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_CATALOGUE)
    current = services.course_for_edit(access, code)
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_session(access, current.pk, form.cleaned_data)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kursusdatoen er oprettet."))
            return redirect("learning:course", code=code)
    return _session_form_page(request, form, current, None)


@require_http_methods(["GET", "POST"])
def session_edit(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_CATALOGUE)
    session = services.session_for_edit(access, session_id)
    form = SessionForm(request.POST or None, instance=session)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_session(
                access, session.course_id, form.cleaned_data, session_id=session.pk
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Kursusdatoen er gemt."))
            return redirect("learning:course", code=session.course.code)
    return _session_form_page(request, form, session.course, session)


@require_POST
def session_cancel(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_CATALOGUE)
    session = services.session_for_edit(access, session_id)
    told = services.cancel_session(access, session.pk)
    messages.success(
        request, _("Kursusdatoen er aflyst. %(n)d fik besked pr. e-mail.") % {"n": told}
    )
    return redirect("learning:course", code=session.course.code)


@require_GET
def session_ical(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    access = access_of(request)
    body = services.session_ical(access, session_id, url=request.build_absolute_uri())
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="kursus-{session_id}.ics"'
    return response


@require_POST
def session_join(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    """The caller asks to join (the button on the course page)."""
    access = access_of(request)
    session = services.session_of(access, session_id)
    try:
        row = services.request_enrolment(access, session_id)
    except ValidationFailed as exc:
        for m in exc.messages:
            messages.error(request, m)
        return redirect("learning:course", code=session.course.code)
    messages.success(
        request,
        _("Din tilmelding er registreret: %(status)s.") % {"status": row.get_status_display()},
    )
    return redirect("learning:mine")


@require_POST
def session_enrol(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    """A manager or HR enrols an employee (by employee number) directly."""
    access = access_of(request)
    access.require(APPROVE_ENROLMENTS)
    session = services.session_of(access, session_id)
    number = query_text_post(request, "employee_number")
    try:
        row = services.enrol_by_number(access, session_id, number)
    except ValidationFailed as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(
            request,
            _("%(name)s er registreret: %(status)s.")
            % {"name": row.person.full_name, "status": row.get_status_display()},
        )
    return redirect("learning:course", code=session.course.code)


def query_text_post(request: AuthenticatedRequest, name: str) -> str:
    """A short text field from the form, without NUL bytes."""
    return (request.POST.get(name) or "").replace("\x00", "").strip()[:30]


@require_http_methods(["GET", "POST"])
def session_participants(request: AuthenticatedRequest, session_id: int) -> HttpResponse:
    """The participant list; POST marks one (``enrolment``, ``attended`` = "1" or "0")."""
    access = access_of(request)
    if request.method == "POST":
        enrolment = request.POST.get("enrolment", "")
        if not enrolment.isdigit():
            raise NotFound
        try:
            services.mark_attendance(
                access,
                session_id,
                int(enrolment),
                attended=request.POST.get("attended") == "1",
            )
        except ValidationFailed as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(request, _("Fremmødet er registreret."))
        return redirect("learning:session_participants", session_id=session_id)
    data = services.participants(access, session_id)
    return render(request, "learning/catalogue/participants.html", {"p": data})


@require_GET
def approvals(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    page = services.pending_approvals(access, request.GET.get("side", 1))
    return render(
        request,
        "learning/catalogue/approvals.html",
        {"page": page, "reject_form": RejectForm()},
    )


@require_POST
def approve(request: AuthenticatedRequest, enrolment_id: int) -> HttpResponse:
    access = access_of(request)
    try:
        row = services.approve(access, enrolment_id)
    except ValidationFailed as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(
            request,
            _("Tilmeldingen er godkendt: %(status)s.") % {"status": row.get_status_display()},
        )
    return redirect("learning:enrolment_approvals")


@require_POST
def reject(request: AuthenticatedRequest, enrolment_id: int) -> HttpResponse:
    access = access_of(request)
    access.require(APPROVE_ENROLMENTS)
    form = RejectForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    try:
        services.reject(access, enrolment_id, reason)
    except ValidationFailed as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Tilmeldingen er afvist."))
    return redirect("learning:enrolment_approvals")


@require_POST
def cancel(request: AuthenticatedRequest, enrolment_id: int) -> HttpResponse:
    access = access_of(request)
    try:
        services.cancel_enrolment(access, enrolment_id)
    except ValidationFailed as exc:
        for m in exc.messages:
            messages.error(request, m)
    else:
        messages.success(request, _("Du er afmeldt."))
    nxt = request.POST.get("next", "")
    if nxt == "approvals":
        return redirect("learning:enrolment_approvals")
    return redirect(reverse("learning:mine"))
