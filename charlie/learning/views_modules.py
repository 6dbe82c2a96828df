"""Thin HTTP views of built-in e-learning (part "elearning"): taking a module (lessons, quiz,
result, certificate PDF, images) over ``services.taking``, and HR's editor over
``services.modules``. The services check permissions and scope and write the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import NotFound, ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.learning.forms_modules import ImageForm, LessonForm, ModuleForm, QuestionForm
from charlie.learning.services import modules, taking
from charlie.people.services import access_of
from charlie.privacy.services import render_pdf

#: Modules a page, in the lists.
PAGE_SIZE = 25

# --- Taking a module ----------------------------------------------------------------------------


@require_GET
def module_list(request: AuthenticatedRequest) -> HttpResponse:
    rows = taking.published_modules(access_of(request))
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(request, "learning/modules/list.html", {"page": page})


@require_GET
def module(request: AuthenticatedRequest, module_id: int) -> HttpResponse:
    view = taking.module_for(access_of(request), module_id)
    return render(request, "learning/modules/module.html", {"view": view})


@require_http_methods(["GET", "POST"])
def lesson(request: AuthenticatedRequest, module_id: int, number: int) -> HttpResponse:
    access = access_of(request)
    if request.method == "POST":
        following = taking.mark_read(access, module_id, number)
        if following is None:
            return redirect("learning:module_quiz", module_id=module_id)
        return redirect("learning:module_lesson", module_id=module_id, number=following)
    view = taking.lesson_for(access, module_id, number)
    return render(request, "learning/modules/lesson.html", {"view": view})


def _answers(request: AuthenticatedRequest) -> dict[int, set[int]]:
    answers: dict[int, set[int]] = {}
    for key in request.POST:
        if not key.startswith("q"):
            continue
        try:
            question_id = int(key[1:])
            chosen = {int(v) for v in request.POST.getlist(key)}
        except ValueError:
            continue
        answers[question_id] = chosen
    return answers


@require_http_methods(["GET", "POST"])
def quiz(request: AuthenticatedRequest, module_id: int) -> HttpResponse:
    access = access_of(request)
    errors: list[tuple[str, str]] = []
    given: dict[int, set[int]] = {}
    if request.method == "POST":
        given = _answers(request)
        try:
            attempt = taking.submit_quiz(access, module_id, given)
        except ValidationFailed as exc:
            errors = [("", m) for m in exc.messages]
        else:
            return redirect("learning:module_attempt", attempt_id=attempt.pk)
    view = taking.quiz_for(access, module_id)
    chosen = {c for cs in given.values() for c in cs}
    return render(
        request,
        "learning/modules/quiz.html",
        {"view": view, "errors": errors, "chosen": chosen},
        status=400 if errors else 200,
    )


@require_GET
def attempt(request: AuthenticatedRequest, attempt_id: int) -> HttpResponse:
    view = taking.attempt_result(access_of(request), attempt_id)
    return render(request, "learning/modules/attempt.html", {"view": view})


def certificate_html(request: AuthenticatedRequest, view: taking.CertificateView) -> str:
    return render_to_string(
        "learning/modules/certificate_pdf.html", {"view": view}, request=request
    )


@require_GET
def certificate(request: AuthenticatedRequest, certificate_id: int) -> HttpResponse:
    view = taking.certificate_for(access_of(request), certificate_id)
    response = HttpResponse(
        render_pdf(certificate_html(request, view)), content_type="application/pdf"
    )
    response["Content-Disposition"] = (
        f'attachment; filename="kursusbevis-{view.certificate.code}.pdf"'
    )
    return response


@require_GET
def image(request: AuthenticatedRequest, module_id: int, image_id: int) -> HttpResponse:
    content, content_type = modules.module_image(access_of(request), module_id, image_id)
    response = HttpResponse(content, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Disposition"] = "inline"
    response["Cache-Control"] = "private, max-age=3600"
    return response


# --- HR's editor --------------------------------------------------------------------------------


def _module_data(form: ModuleForm) -> modules.ModuleData:
    d = form.cleaned_data
    return modules.ModuleData(
        title=d["title"],
        summary=d["summary"] or "",
        pass_mark=d["pass_mark"],
        valid_months=d["valid_months"],
        published=bool(d["published"]),
    )


@require_http_methods(["GET", "POST"])
def editor(request: AuthenticatedRequest) -> HttpResponse:
    """HR's list of modules, and the form for a new one."""
    access = access_of(request)
    rows = modules.editor_modules(access)
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = _module_data(form)
        try:
            created = modules.save_module(access, None, data)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Modulet er oprettet. Skriv nu lektioner og quiz."))
            return redirect("learning:module_edit", module_id=created.pk)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("side"))
    return render(
        request,
        "learning/modules/editor.html",
        {"page": page, "form": form, "errors": error_links(form) if form.is_bound else []},
        status=400 if form.is_bound else 200,
    )


def _edit_page(
    request: AuthenticatedRequest, module_id: int, form: ModuleForm | None = None
) -> HttpResponse:
    found = modules.editor_module(access_of(request), module_id)
    form = form or ModuleForm(
        initial={
            "title": found.title,
            "summary": found.summary,
            "pass_mark": found.pass_mark,
            "valid_months": found.valid_months,
            "published": found.published,
        }
    )
    return render(
        request,
        "learning/modules/edit.html",
        {
            "module": found,
            "form": form,
            "errors": error_links(form) if form.is_bound else [],
            "image_form": ImageForm(),
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def edit(request: AuthenticatedRequest, module_id: int) -> HttpResponse:
    access = access_of(request)
    if request.method == "GET":
        return _edit_page(request, module_id)
    form = ModuleForm(request.POST)
    if form.is_valid():
        try:
            modules.save_module(access, module_id, _module_data(form))
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Modulet er gemt."))
            return redirect("learning:module_edit", module_id=module_id)
    return _edit_page(request, module_id, form)


def _lesson_page(
    request: AuthenticatedRequest, module_id: int, lesson_id: int | None
) -> HttpResponse:
    access = access_of(request)
    found = modules.editor_module(access, module_id)
    current = None
    if lesson_id is not None:
        current = next((x for x in found.lessons.all() if x.pk == lesson_id), None)
        if current is None:
            raise NotFound
    initial = {"title": current.title, "body": current.body} if current else {}
    form = LessonForm(request.POST or None, initial=initial)
    preview_html = None
    if request.method == "POST":
        action = request.POST.get("action", "save")
        if action in {"up", "down"} and lesson_id is not None:
            modules.move_lesson(access, module_id, lesson_id, -1 if action == "up" else 1)
            return redirect("learning:module_edit", module_id=module_id)
        if action == "delete" and lesson_id is not None:
            modules.delete_lesson(access, module_id, lesson_id)
            messages.success(request, _("Lektionen er slettet."))
            return redirect("learning:module_edit", module_id=module_id)
        if form.is_valid():
            d = form.cleaned_data
            if action == "preview":
                preview_html = modules.preview(access, module_id, d["body"])
            else:
                try:
                    modules.save_lesson(
                        access, module_id, lesson_id, title=d["title"], body=d["body"]
                    )
                except ValidationFailed as exc:
                    add_service_errors(form, exc)
                else:
                    messages.success(request, _("Lektionen er gemt."))
                    return redirect("learning:module_edit", module_id=module_id)
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "learning/modules/lesson_edit.html",
        {
            "module": found,
            "lesson": current,
            "form": form,
            "errors": error_links(form) if form.is_bound else [],
            "preview": preview_html,
        },
        status=status,
    )


@require_http_methods(["GET", "POST"])
def lesson_new(request: AuthenticatedRequest, module_id: int) -> HttpResponse:
    return _lesson_page(request, module_id, None)


@require_http_methods(["GET", "POST"])
def lesson_edit(request: AuthenticatedRequest, module_id: int, lesson_id: int) -> HttpResponse:
    return _lesson_page(request, module_id, lesson_id)


def _question_page(
    request: AuthenticatedRequest, module_id: int, question_id: int | None
) -> HttpResponse:
    access = access_of(request)
    found = modules.editor_module(access, module_id)
    current = None
    initial: dict[str, Any] = {}
    if question_id is not None:
        current = next((q for q in found.questions.all() if q.pk == question_id), None)
        if current is None:
            raise NotFound
        initial = {
            "text": current.text,
            "explanation": current.explanation,
            "choices": "\n".join(
                f"{'* ' if c.correct else ''}{c.text}" for c in current.choices.all()
            ),
        }
    form = QuestionForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if request.POST.get("action") == "delete" and question_id is not None:
            modules.delete_question(access, module_id, question_id)
            messages.success(request, _("Spørgsmålet er slettet."))
            return redirect("learning:module_edit", module_id=module_id)
        if form.is_valid():
            d = form.cleaned_data
            try:
                modules.save_question(
                    access,
                    module_id,
                    question_id,
                    text=d["text"],
                    explanation=d["explanation"] or "",
                    choices=modules.parse_choices(d["choices"]),
                )
            except ValidationFailed as exc:
                add_service_errors(form, exc)
            else:
                messages.success(request, _("Spørgsmålet er gemt."))
                return redirect("learning:module_edit", module_id=module_id)
    return render(
        request,
        "learning/modules/question_edit.html",
        {
            "module": found,
            "question": current,
            "form": form,
            "errors": error_links(form) if form.is_bound else [],
        },
        status=400 if form.is_bound else 200,
    )


@require_http_methods(["GET", "POST"])
def question_new(request: AuthenticatedRequest, module_id: int) -> HttpResponse:
    return _question_page(request, module_id, None)


@require_http_methods(["GET", "POST"])
def question_edit(request: AuthenticatedRequest, module_id: int, question_id: int) -> HttpResponse:
    return _question_page(request, module_id, question_id)


@require_POST
def images(request: AuthenticatedRequest, module_id: int) -> HttpResponse:
    """Upload an image (``action=upload``) or delete one (``action=delete``, ``image``)."""
    access = access_of(request)
    if request.POST.get("action") == "delete":
        try:
            modules.delete_image(access, module_id, int(request.POST.get("image", "0") or 0))
        except ValidationFailed as exc:
            for m in exc.messages:
                messages.error(request, m)
        else:
            messages.success(request, _("Billedet er slettet."))
        return redirect("learning:module_edit", module_id=module_id)
    found = modules.editor_module(access, module_id)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["image"]
        try:
            # Read one byte past the limit at most: the service refuses what is too large.
            content = upload.read(modules.max_image_bytes() + 1)
            saved = modules.save_image(
                access, module_id, content=content, alt=form.cleaned_data["alt"]
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Billedet er gemt. Vis det i en lektion med ![%(alt)s](billede:%(id)s).")
                % {"alt": saved.alt, "id": saved.pk},
            )
            return redirect("learning:module_edit", module_id=module_id)
    return render(
        request,
        "learning/modules/edit.html",
        {
            "module": found,
            "form": ModuleForm(
                initial={
                    "title": found.title,
                    "summary": found.summary,
                    "pass_mark": found.pass_mark,
                    "valid_months": found.valid_months,
                    "published": found.published,
                }
            ),
            "errors": error_links(form),
            "image_form": form,
        },
        status=400,
    )
