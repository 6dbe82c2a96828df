"""The pages of the questionnaires part (issue 16, point 1): thin HTTP over
``services.questionnaires``, which checks the permission (HR, ``MANAGE_SURVEYS``) and the
versioning rules. A change to a frozen version is refused by the service; the page then goes
back to the version, whose note says why."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core import language
from charlie.core.errors import ValidationFailed
from charlie.core.forms import error_links
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.wellbeing import forms_questionnaires as qforms
from charlie.wellbeing.permissions import MANAGE_SURVEYS
from charlie.wellbeing.services import questionnaires as svc

TEMPLATES = "wellbeing/questionnaires/"


def _add_problems(form: forms.BaseForm, exc: ValidationFailed) -> None:
    """A service's problems beside their fields (a field the form lacks: at the top)."""
    by_field = getattr(exc, "by_field", None) or [(exc.field, m) for m in exc.messages]
    for name, message in by_field:
        form.add_error(name if name in form.fields else None, message)


def _version_url(version_id: int, anchor: str = "") -> str:
    url = reverse("wellbeing:questionnaire_version", kwargs={"version_id": version_id})
    return f"{url}#{anchor}" if anchor else url


def _to_version(version_id: int) -> HttpResponse:
    return redirect(_version_url(version_id))


def unless_frozen(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page that changes a version: when the version is frozen, back to the version's page
    with the reason (the service refused before anything changed)."""

    @functools.wraps(view)
    def wrapper(request: AuthenticatedRequest, version_id: int, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, version_id, **kwargs)
        except svc.Frozen as exc:
            messages.error(request, " ".join(exc.messages))
            return _to_version(version_id)

    return wrapper


# --- Questionnaires ---------------------------------------------------------------------------


@require_GET
def questionnaire_list(request: AuthenticatedRequest) -> HttpResponse:
    return render(
        request, TEMPLATES + "list.html", {"lines": svc.questionnaires(access_of(request))}
    )


@require_http_methods(["GET", "POST"])
def questionnaire_new(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_SURVEYS)
    form = qforms.NewQuestionnaireForm(request.POST or None, initial={"kind": "other"})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            questionnaire = svc.create_questionnaire(
                access,
                code=data["code"],
                name=data["name"],
                name_en=data["name_en"],
                kind=data["kind"],
                description=data["description"],
            )
        except ValidationFailed as exc:
            _add_problems(form, exc)
        else:
            messages.success(request, _("Spørgeskemaet er oprettet. Tilføj nu spørgsmålene."))
            version = questionnaire.versions.get()
            return _to_version(version.pk)
    return render(
        request,
        TEMPLATES + "new.html",
        {"form": form, "errors": error_links(form)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
def questionnaire_detail(request: AuthenticatedRequest, questionnaire_id: int) -> HttpResponse:
    """A questionnaire: its name and description (POST saves them) and its versions."""
    access = access_of(request)
    line = svc.questionnaire_of(access, questionnaire_id)
    q = line.questionnaire
    form = qforms.QuestionnaireForm(
        request.POST or None,
        initial={
            "name": q.name,
            "name_en": q.name_en,
            "kind": q.kind,
            "description": q.description,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            svc.update_questionnaire(
                access,
                questionnaire_id,
                name=data["name"],
                name_en=data["name_en"],
                kind=data["kind"],
                description=data["description"],
            )
        except ValidationFailed as exc:
            _add_problems(form, exc)
        else:
            messages.success(request, _("Spørgeskemaet er gemt."))
            return redirect("wellbeing:questionnaire", questionnaire_id=questionnaire_id)
    latest = line.versions[0] if line.versions else None
    return render(
        request,
        TEMPLATES + "questionnaire.html",
        {
            "line": line,
            "form": form,
            "errors": error_links(form),
            "note_form": qforms.NoteForm(),
            "can_copy": latest is None or latest.frozen_at is not None,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
def version_new(request: AuthenticatedRequest, questionnaire_id: int) -> HttpResponse:
    """The next version, a copy of the latest (frozen) one."""
    access = access_of(request)
    form = qforms.NoteForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        version = svc.new_version(access, questionnaire_id, note=note)
    except ValidationFailed as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("wellbeing:questionnaire", questionnaire_id=questionnaire_id)
    messages.success(
        request,
        _("Version %(n)d er lavet som en kopi af den forrige. Ret den, før den bruges.")
        % {"n": version.number},
    )
    return _to_version(version.pk)


# --- A version --------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@unless_frozen
def version_detail(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    """A version's dimensions and questions, Danish and English side by side; while it is not
    frozen, links to change them (POST saves the version's note)."""
    access = access_of(request)
    view = svc.version_view(access, version_id)
    form = qforms.NoteForm(request.POST or None, initial={"note": view.version.note})
    if request.method == "POST" and form.is_valid():
        try:
            svc.save_version_note(access, version_id, form.cleaned_data["note"])
        except svc.Frozen:
            raise
        except ValidationFailed as exc:
            _add_problems(form, exc)
        else:
            messages.success(request, _("Noten er gemt."))
            return _to_version(version_id)
    return render(
        request,
        TEMPLATES + "version.html",
        {"v": view, "note_form": form, "errors": error_links(form)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_GET
def version_preview(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    """The version as respondents will see it, at a phone's width; ``?sprog=en``: in English."""
    view = svc.version_view(access_of(request), version_id)
    lang = request.GET.get("sprog") or language.active()
    lang = "en" if lang == "en" else "da"
    form = qforms.AnswerForm(sections=view.sections, language=lang)
    return render(request, TEMPLATES + "preview.html", {"v": view, "form": form, "lang": lang})


@require_GET
def version_export(
    request: AuthenticatedRequest, version_id: int, file_format: str
) -> HttpResponse:
    """The version as a JSON or CSV file in the format the import reads."""
    export = svc.export_version(access_of(request), version_id, file_format)
    response = HttpResponse(export.content, content_type=export.content_type)
    response["Content-Disposition"] = f'attachment; filename="{export.name}"'
    return response


@require_POST
@unless_frozen
def version_delete(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    try:
        kept = svc.delete_version(access_of(request), version_id)
    except svc.Frozen:
        raise
    except ValidationFailed as exc:
        messages.error(request, " ".join(exc.messages))
        return _to_version(version_id)
    if kept is None:
        messages.success(request, _("Spørgeskemaet er slettet."))
        return redirect("wellbeing:questionnaires")
    messages.success(request, _("Versionen er slettet."))
    return redirect("wellbeing:questionnaire", questionnaire_id=kept.pk)


# --- Dimensions ---------------------------------------------------------------------------------


def _dimension_page(
    request: AuthenticatedRequest,
    version_id: int,
    dimension_id: int | None,
) -> HttpResponse:
    access = access_of(request)
    version = svc.version_for_edit(access, version_id)
    dimension = svc.dimension_of(access, version_id, dimension_id) if dimension_id else None
    initial = (
        {
            "name": dimension.name,
            "name_en": dimension.name_en,
            "code": dimension.code,
            "sensitive": dimension.sensitive,
        }
        if dimension
        else {}
    )
    form = qforms.DimensionForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            svc.save_dimension(
                access,
                version_id,
                code=data["code"],
                name=data["name"],
                name_en=data["name_en"],
                sensitive=data["sensitive"],
                dimension_id=dimension_id,
            )
        except svc.Frozen:
            raise
        except ValidationFailed as exc:
            _add_problems(form, exc)
        else:
            messages.success(request, _("Dimensionen er gemt."))
            return _to_version(version_id)
    return render(
        request,
        TEMPLATES + "dimension.html",
        {"version": version, "dimension": dimension, "form": form, "errors": error_links(form)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@unless_frozen
def dimension_new(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    return _dimension_page(request, version_id, None)


@require_http_methods(["GET", "POST"])
@unless_frozen
def dimension_edit(
    request: AuthenticatedRequest, version_id: int, dimension_id: int
) -> HttpResponse:
    return _dimension_page(request, version_id, dimension_id)


@require_POST
@unless_frozen
def dimension_remove(
    request: AuthenticatedRequest, version_id: int, dimension_id: int
) -> HttpResponse:
    try:
        svc.remove_dimension(access_of(request), version_id, dimension_id)
    except svc.Frozen:
        raise
    except ValidationFailed as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Dimensionen er fjernet."))
    return _to_version(version_id)


@require_POST
@unless_frozen
def dimension_move(
    request: AuthenticatedRequest, version_id: int, dimension_id: int
) -> HttpResponse:
    svc.move_dimension(
        access_of(request), version_id, dimension_id, up=request.POST.get("retning") == "op"
    )
    return redirect(_version_url(version_id, f"dimension-{dimension_id}"))


# --- Questions ----------------------------------------------------------------------------------


def _question_page(
    request: AuthenticatedRequest, version_id: int, question_id: int | None
) -> HttpResponse:
    access = access_of(request)
    version = svc.version_for_edit(access, version_id)
    question = svc.question_of(access, version_id, question_id) if question_id else None
    dimensions = svc.dimension_choices(access, version_id)
    if question is not None:
        initial = qforms.question_initial(question)
    else:
        initial = {"kind": "likert", "scale": "grad"}
        chosen = request.GET.get("dimension", "")
        if chosen.isdigit() and any(pk == int(chosen) for pk, _n in dimensions):
            initial["dimension"] = int(chosen)
    form = qforms.QuestionForm(request.POST or None, initial=initial, dimensions=dimensions)
    if request.method == "POST" and form.is_valid():
        try:
            saved = svc.save_question(
                access, version_id, form.question_input(), question_id=question_id
            )
        except svc.Frozen:
            raise
        except ValidationFailed as exc:
            _add_problems(form, exc)
        else:
            messages.success(request, _("Spørgsmålet %(code)s er gemt.") % {"code": saved.code})
            return redirect(_version_url(version_id, f"question-{saved.pk}"))
    return render(
        request,
        TEMPLATES + "question.html",
        {"version": version, "question": question, "form": form, "errors": error_links(form)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_http_methods(["GET", "POST"])
@unless_frozen
def question_new(request: AuthenticatedRequest, version_id: int) -> HttpResponse:
    """Add a question; ``?dimension=<id>`` chooses its dimension."""
    return _question_page(request, version_id, None)


@require_http_methods(["GET", "POST"])
@unless_frozen
def question_edit(request: AuthenticatedRequest, version_id: int, question_id: int) -> HttpResponse:
    return _question_page(request, version_id, question_id)


@require_POST
@unless_frozen
def question_remove(
    request: AuthenticatedRequest, version_id: int, question_id: int
) -> HttpResponse:
    svc.remove_question(access_of(request), version_id, question_id)
    messages.success(request, _("Spørgsmålet er fjernet."))
    return _to_version(version_id)


@require_POST
@unless_frozen
def question_move(request: AuthenticatedRequest, version_id: int, question_id: int) -> HttpResponse:
    svc.move_question(
        access_of(request), version_id, question_id, up=request.POST.get("retning") == "op"
    )
    return redirect(_version_url(version_id, f"question-{question_id}"))


# --- Import -------------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
def questionnaire_import(request: AuthenticatedRequest) -> HttpResponse:
    """Upload a municipality's own questionnaire (JSON, or CSV with its code, name and kind
    beside it): every problem with its row and column, all or nothing."""
    access = access_of(request)
    access.require(MANAGE_SURVEYS)
    form = qforms.ImportForm(request.POST or None, request.FILES or None)
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["upload"]
        # At most one byte over the limit is read: the service refuses a file that long.
        data = upload.read(svc.MAX_FILE_BYTES + 1)
        result = svc.import_questionnaire(
            access,
            upload.name or "fil",
            data,
            meta=form.meta(),
            dry_run=form.cleaned_data["dry_run"],
        )
        if result.ok and result.version is not None:
            messages.success(
                request,
                _(
                    "Indlæst: version %(n)d af »%(name)s« med %(questions)d spørgsmål i "
                    "%(dimensions)d dimensioner."
                )
                % {
                    "n": result.version.number,
                    "name": result.questionnaire.name if result.questionnaire else "",
                    "questions": result.questions,
                    "dimensions": result.dimensions,
                },
            )
            return _to_version(result.version.pk)
    return render(
        request,
        TEMPLATES + "import.html",
        {"form": form, "errors": error_links(form), "result": result},
        status=400 if (form.is_bound and form.errors) or (result and not result.ok) else 200,
    )
