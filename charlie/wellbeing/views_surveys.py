"""The pages of surveys: thin HTTP over ``services.surveys`` (HR: create, preview, launch,
close, the invited, pulse series) and ``services.answering`` (the public answering page).

The answering page acts for nobody: it never looks at who is logged in, writes no audit entry
and sets no message (docs/wellbeing-anonymity.md)."""

from __future__ import annotations

import html
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core.errors import ValidationFailed
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.wellbeing.forms_surveys import (
    LaunchForm,
    SeriesForm,
    SurveyForm,
    band_groups,
    unit_groups,
)
from charlie.wellbeing.models import QuestionKind, SurveyStatus
from charlie.wellbeing.services import answering
from charlie.wellbeing.services import surveys as svc

T = "wellbeing/surveys/"


def _errors(form: forms.Form) -> list[tuple[str, str]]:
    return error_links(form) if form.is_bound else []


def _put_errors(form: forms.Form, exc: ValidationFailed) -> None:
    if isinstance(exc, svc.SurveyInvalid):
        for field_name, message in exc.errors:
            form.add_error(field_name if field_name in form.fields else None, message)
    else:
        add_service_errors(form, exc)


# --- Surveys (HR) -----------------------------------------------------------------------------


@require_GET
def survey_list(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    return render(
        request,
        T + "list.html",
        {"surveys": svc.list_surveys(access), "statuses": SurveyStatus},
    )


def _survey_form(request: AuthenticatedRequest, survey_id: int | None = None) -> HttpResponse:
    access = access_of(request)
    current = svc.get_survey(access, survey_id) if survey_id is not None else None
    if current is not None and current.status != SurveyStatus.DRAFT:
        messages.error(request, _("En måling, der er sendt ud, kan ikke ændres."))
        return redirect("wellbeing:survey", survey_id=current.pk)
    if current is None:
        min_group, min_sensitive = svc.default_thresholds()
        initial: dict[str, Any] = {
            "min_group": min_group,
            "min_sensitive": min_sensitive,
            "max_reminders": 2,
            "remind_every_days": 7,
            "kind": "wellbeing",
            "bands": ["age", "job_family", "seniority"],
        }
    else:
        initial = {
            "name": current.name,
            "kind": current.kind,
            "version": current.version_id,
            "units": [u.pk for u in current.units.all()],
            "bands": current.bands,
            "min_group": current.min_group,
            "min_sensitive": current.min_sensitive,
            "opens_on": current.opens_on,
            "closes_on": current.closes_on,
            "previous": current.previous_id,
            "intro": current.intro,
            "max_reminders": current.max_reminders,
            "remind_every_days": current.remind_every_days,
        }
    form = SurveyForm(
        request.POST if request.method == "POST" else None,
        access=access,
        exclude=survey_id,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = svc.save_survey(access, form.data_for_service(), survey_id=survey_id)
        except ValidationFailed as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("Målingen er gemt som kladde."))
            return redirect("wellbeing:survey", survey_id=saved.pk)
    return render(
        request,
        T + "form.html",
        {
            "form": form,
            "errors": _errors(form),
            "survey": current,
            "band_groups": band_groups(form),
            **_unit_picker(form, access),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _unit_picker(form: forms.Form, access: Any) -> dict[str, Any]:
    groups = unit_groups(form, access)
    # A small organisation shows every unit at once; a large one folds each forvaltning.
    return {"unit_groups": groups, "few_units": sum(len(g.choices) for g in groups) <= 40}


@require_http_methods(["GET", "POST"])
def survey_new(request: AuthenticatedRequest) -> HttpResponse:
    return _survey_form(request)


@require_http_methods(["GET", "POST"])
def survey_edit(request: AuthenticatedRequest, survey_id: int) -> HttpResponse:
    return _survey_form(request, survey_id)


@require_GET
def survey(request: AuthenticatedRequest, survey_id: int) -> HttpResponse:
    access = access_of(request)
    return render(request, T + "survey.html", {"p": svc.survey_page(access, survey_id)})


@require_http_methods(["GET", "POST"])
def survey_launch(request: AuthenticatedRequest, survey_id: int) -> HttpResponse:
    """The launch preview (GET) and the launch (POST)."""
    access = access_of(request)
    preview = svc.launch_preview(access, survey_id)
    form = LaunchForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            launched = svc.launch(
                access, survey_id, drop_small_bands=form.cleaned_data["drop_small_bands"]
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(
                request,
                _("Målingen er sendt ud: %(n)d er inviteret. E-mails sendes i baggrunden.")
                % {"n": launched.invited},
            )
            return redirect("wellbeing:survey", survey_id=survey_id)
    errors = _errors(form)
    return render(
        request,
        T + "launch.html",
        {"preview": preview, "form": form, "errors": errors},
        status=400 if errors else 200,
    )


@require_POST
def survey_close(request: AuthenticatedRequest, survey_id: int) -> HttpResponse:
    access = access_of(request)
    try:
        closed = svc.close(access, survey_id)
    except ValidationFailed as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Målingen er lukket. Invitationernes link og svarstatus er slettet; %(n)d svar.")
            % {"n": closed.answered},
        )
    return redirect("wellbeing:survey", survey_id=survey_id)


@require_POST
def survey_delete(request: AuthenticatedRequest, survey_id: int) -> HttpResponse:
    access = access_of(request)
    svc.delete_draft(access, survey_id)
    messages.success(request, _("Kladden er slettet."))
    return redirect("wellbeing:surveys")


@require_GET
def survey_invitations(request: AuthenticatedRequest, survey_id: int) -> HttpResponse:
    access = access_of(request)
    missing = request.GET.get("mangler") == "1"
    survey_obj, page = svc.invitation_page(
        access, survey_id, page_number=request.GET.get("side", 1), missing_email=missing
    )
    return render(
        request,
        T + "invitations.html",
        {
            "survey": survey_obj,
            "page": page,
            "missing": missing,
            "query": "mangler=1" if missing else "",
            "open": survey_obj.status == SurveyStatus.OPEN,
        },
    )


@require_POST
def invitation_send_again(
    request: AuthenticatedRequest, survey_id: int, invitation_id: int
) -> HttpResponse:
    access = access_of(request)
    try:
        svc.send_link_again(access, survey_id, invitation_id)
    except ValidationFailed as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _(
                "Har personen ikke svaret endnu, er linket sendt igen til den e-mailadresse, "
                "Charlie har nu."
            ),
        )
    return redirect("wellbeing:survey_invitations", survey_id=survey_id)


# --- Pulse series (HR) --------------------------------------------------------------------------


@require_GET
def series_list(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    return render(request, T + "series_list.html", {"rows": svc.list_series(access)})


@require_http_methods(["GET", "POST"])
def series_new(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    form = SeriesForm(
        request.POST if request.method == "POST" else None,
        access=access,
        initial={"every_months": 1, "open_days": 7},
    )
    if request.method == "POST" and form.is_valid():
        try:
            svc.save_series(access, form.data_for_service())
        except ValidationFailed as exc:
            _put_errors(form, exc)
        else:
            messages.success(request, _("Pulsmålingen er oprettet."))
            return redirect("wellbeing:pulse_series_list")
    return render(
        request,
        T + "series_form.html",
        {"form": form, "errors": _errors(form), **_unit_picker(form, access)},
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
def series_pause(request: AuthenticatedRequest, series_id: int) -> HttpResponse:
    """Pause a series, or (``aktiv=1``) take it up again."""
    access = access_of(request)
    active = request.POST.get("aktiv") == "1"
    series = svc.set_series_active(access, series_id, active)
    if active:
        messages.success(request, _("»%(name)s« er genoptaget.") % {"name": series.name})
    else:
        messages.success(request, _("»%(name)s« er sat på pause.") % {"name": series.name})
    return redirect("wellbeing:pulse_series_list")


# --- Answering (public, by one-time link) -------------------------------------------------------


def _public(response: HttpResponse) -> HttpResponse:
    # The link is a secret: never sent on as a referrer ("no-referrer" would make the browser
    # send "Origin: null" with the answers, which CSRF refuses), never cached or indexed.
    response["Referrer-Policy"] = "same-origin"
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


def _link_page(request: HttpRequest, link: answering.Link, status: int = 200) -> HttpResponse:
    return _public(
        render(
            request,
            T + "link.html",
            {"survey": link.survey, "state": link.state, "about": svc.about_path(link.survey.pk)},
            status=status,
        )
    )


@login_not_required
@never_cache
@require_http_methods(["GET", "POST"])
def answer(request: HttpRequest, token: str) -> HttpResponse:
    """The answering page by one-time link. A used or closed link gets a page that says so."""
    values: dict[str, list[str]] = {}
    errors: list[tuple[str, str]] = []
    if request.method == "POST":
        try:
            done = answering.submit(token, request.POST.getlist)
        except answering.LinkGone as gone:
            return _link_page(request, gone.link)
        except answering.AnswerErrors as exc:
            errors = exc.errors
            values = {k: request.POST.getlist(k) for k in request.POST if k.startswith("q-")}
        else:
            return redirect("wellbeing:answer_thanks", survey_id=done.pk)
    page = answering.answer_page(token)
    if page.state != answering.LinkState.OPEN:
        return _link_page(request, answering.Link(page.survey, page.state))
    return _public(
        render(
            request,
            T + "answer.html",
            {
                "page": page,
                "survey": page.survey,
                "sections": _page_html(page, values, dict(errors)),
                "errors": _summary(page, errors),
                "about": svc.about_path(page.survey.pk),
            },
            status=400 if errors else 200,
        )
    )


def _e(text: object) -> str:
    """HTML-escaped text (the standard library's: the questions' markup is written as plain
    strings, see ``question_html``)."""
    return html.escape(str(text), quote=True)


def question_html(q: answering.QuestionView, chosen: list[str], error: str) -> str:
    """One question as DKFDS markup: a scale or a single choice is a group of radio buttons
    with »Spring over« when the question may be skipped, a multiple choice a group of
    checkboxes, a number an input, a free text a text area with the warning not to write names
    or health details. Written as plain strings with every value escaped: a survey has 60–100
    questions of five or six choices, and ``format_html`` (or a template) cost several times
    the markup on the page every respondent opens."""
    field_name = q.field
    hints = [q.question.help_text] if q.question.help_text else []
    if q.kind == QuestionKind.TEXT:
        hints.append(
            _(
                "Skriv ikke navne, og skriv ikke om nogens helbred eller sygdom – heller ikke "
                "din egen. HR læser kommentarerne først og fjerner det, der kan pege på nogen, "
                "før lederen ser dem."
            )
        )
    elif not q.question.required and q.kind == QuestionKind.MULTIPLE:
        hints.append(_("Vælg det, der passer, eller spring spørgsmålet over."))
    hint = " ".join(hints)
    described = " ".join(
        ([f"{field_name}-hint"] if hint else []) + ([f"{field_name}-error"] if error else [])
    )
    describe = f' aria-describedby="{_e(described)}"' if described else ""
    parts = [f'<div class="form-group{" form-error" if error else ""}">']
    messages = ""
    if hint:
        messages += f'<span class="form-hint" id="{_e(field_name)}-hint">{_e(hint)}</span>'
    if error:
        messages += (
            f'<span class="form-error-message" id="{_e(field_name)}-error">'
            f'<span class="sr-only">{_e(_("Fejl"))}: </span>{_e(error)}</span>'
        )
    required = (
        f'<span class="sr-only"> ({_e(_("skal besvares"))})</span>' if q.question.required else ""
    )
    if q.kind in (QuestionKind.NUMBER, QuestionKind.TEXT):
        value = _e(chosen[0]) if chosen else ""
        parts.append(
            f'<label class="form-label" for="{_e(field_name)}">{_e(q.text)}{required}</label>'
            + messages
        )
        if q.kind == QuestionKind.NUMBER:
            parts.append(
                '<input type="text" inputmode="decimal" class="form-input input-width-xs" '
                f'id="{_e(field_name)}" name="{_e(field_name)}" value="{value}"{describe}>'
            )
        else:
            parts.append(
                f'<textarea class="form-input" rows="4" maxlength="{answering.MAX_COMMENT}" '
                f'id="{_e(field_name)}" name="{_e(field_name)}"{describe}>{value}</textarea>'
            )
        parts.append("</div>")
        return "".join(parts)
    kind = "checkbox" if q.kind == QuestionKind.MULTIPLE else "radio"
    options = [(f"{field_name}-{i}", o.value, o.label) for i, o in enumerate(q.options)]
    if kind == "radio" and not q.question.required:
        options.append((f"{field_name}-skip", "", _("Spring over")))
    skipped = chosen == [""]
    parts.append(
        f'<fieldset{describe}><legend class="form-label">{_e(q.text)}{required}</legend>'
        f'{messages}<ul class="nobullet-list">'
    )
    for input_id, value, label in options:
        checked = " checked" if (value in chosen if value else skipped) else ""
        parts.append(
            f'<li><input type="{kind}" class="form-{kind}" name="{_e(field_name)}" '
            f'id="{_e(input_id)}" value="{_e(value)}"{checked}>'
            f'<label for="{_e(input_id)}">{_e(label)}</label></li>'
        )
    parts.append("</ul></fieldset></div>")
    return "".join(parts)


#: The blank form's markup per questionnaire version and language: the same for every
#: respondent of a survey (a used version is frozen, so it never changes), so it is written
#: once per process. Keyed by the version's id and the moment it was frozen.
_BLANK_FORMS: dict[tuple[int, str, str], list[tuple[str, SafeString]]] = {}
_BLANK_FORMS_MAX = 64


def _page_html(
    page: answering.AnswerPage, values: dict[str, list[str]], errors: dict[str, str]
) -> list[tuple[str, SafeString]]:
    """Each section's title and its questions' markup (the blank form from memory)."""
    version = page.survey.version
    key = None
    if not values and not errors and version.frozen_at is not None:
        key = (version.pk, version.frozen_at.isoformat(), translation.get_language() or "")
        found = _BLANK_FORMS.get(key)
        if found is not None:
            return found
    sections = [
        (
            section.title,
            mark_safe(  # noqa: S308 - every value in it is escaped by question_html
                "".join(
                    question_html(q, values.get(q.field, []), errors.get(q.field, ""))
                    for q in section.questions
                )
            ),
        )
        for section in page.sections
    ]
    if key is not None:
        if len(_BLANK_FORMS) >= _BLANK_FORMS_MAX:
            _BLANK_FORMS.clear()
        _BLANK_FORMS[key] = sections
    return sections


def _summary(page: answering.AnswerPage, errors: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The error summary: each question's text and message, linked to its first input."""
    questions = {q.field: q for s in page.sections for q in s.questions}
    out = []
    for field_name, message in errors:
        question = questions.get(field_name)
        if question is not None:
            out.append((f"#{question.first_id}", f"{question.text} – {message}"))
    return out


@login_not_required
@require_GET
def answer_thanks(request: HttpRequest, survey_id: int) -> HttpResponse:
    survey_obj = answering.thanks_survey(survey_id)
    return _public(
        render(
            request,
            T + "thanks.html",
            {"survey": survey_obj, "about": svc.about_path(survey_obj.pk)},
        )
    )
