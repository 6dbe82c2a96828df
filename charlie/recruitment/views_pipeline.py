"""The pipeline's pages (issue 15, points 5 and 7): rounds, a round's applicants by stage, one
applicant, letters, letter templates and the fairness figures. Thin HTTP over
``services.pipeline`` and ``services.fairness``, which check the round, the permissions and
write the audit log."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from charlie.core import charts
from charlie.core.errors import ValidationFailed
from charlie.core.formats import format_datetime
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.recruitment import fairness as calc
from charlie.recruitment.forms_pipeline import (
    InterviewForm,
    LetterChoiceForm,
    LetterForm,
    LetterTemplateForm,
    MoveForm,
    NoteForm,
    ScoreForm,
    TestResultForm,
)
from charlie.recruitment.permissions import MANAGE_ADS
from charlie.recruitment.services import fairness as fairness_services
from charlie.recruitment.services import pipeline as services


def _flash(request: AuthenticatedRequest, exc: ValidationFailed) -> None:
    for m in exc.messages:
        messages.error(request, m)


# --- Rounds -------------------------------------------------------------------------------------


@require_GET
def rounds(request: AuthenticatedRequest) -> HttpResponse:
    """HR: every round; anyone else: "Mine ansættelsesudvalg"."""
    access = access_of(request)
    lines = services.rounds(access)
    return render(
        request,
        "recruitment/pipeline/rounds.html",
        {"lines": lines, "hr": services.is_hr(access)},
    )


@require_GET
def round_page(request: AuthenticatedRequest, slug: str) -> HttpResponse:
    page = services.round_page(access_of(request), slug)
    return render(request, "recruitment/pipeline/round.html", {"p": page})


def _applicant(
    request: AuthenticatedRequest, application_id: int, status: int = 200, **bound: Any
) -> HttpResponse:
    page = services.applicant_page(access_of(request), application_id)
    context: dict[str, Any] = {
        "p": page,
        "move_form": MoveForm(),
        "note_form": NoteForm(),
        "interview_form": InterviewForm(),
        "test_form": TestResultForm(),
        "score_choices": ScoreForm.base_fields["score"].choices,  # type: ignore[attr-defined]
    }
    context.update(bound)
    context["errors"] = [e for f in bound.values() for e in error_links(f)]
    return render(request, "recruitment/pipeline/applicant.html", context, status=status)


@require_GET
def applicant(request: AuthenticatedRequest, application_id: int) -> HttpResponse:
    return _applicant(request, application_id)


@require_POST
def applicant_move(request: AuthenticatedRequest, application_id: int) -> HttpResponse:
    access = access_of(request)
    form = MoveForm(request.POST)
    back_to_round = request.POST.get("next") == "round"
    if form.is_valid():
        try:
            moved = services.move(access, application_id, form.cleaned_data["stage"])
        except ValidationFailed as exc:
            _flash(request, exc)
        else:
            messages.success(
                request,
                _("%(code)s er flyttet til %(stage)s.")
                % {"code": moved.code, "stage": moved.get_stage_display()},
            )
            if back_to_round:
                return redirect("recruitment:round", slug=moved.ad.slug)
    else:
        messages.error(request, _("Vælg et af trinnene på listen."))
    if back_to_round:
        _r, application = services.applicant_round(access, application_id)
        return redirect("recruitment:round", slug=application.ad.slug)
    return redirect("recruitment:applicant", application_id=application_id)


@require_POST
def applicant_score(request: AuthenticatedRequest, application_id: int) -> HttpResponse:
    form = ScoreForm(request.POST)
    if not form.is_valid():
        services.applicant_page(access_of(request), application_id)  # 404 outside the round
        messages.error(request, _("Giv mellem 1 og 5 point."))
    else:
        try:
            services.score(
                access_of(request),
                application_id,
                form.cleaned_data["criterion"],
                form.cleaned_data["score"],
            )
        except ValidationFailed as exc:
            _flash(request, exc)
        else:
            messages.success(request, _("Dine point er gemt."))
    return redirect(reverse("recruitment:applicant", args=[application_id]) + "#point")


@require_POST
def applicant_note(request: AuthenticatedRequest, application_id: int) -> HttpResponse:
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            services.add_note(access_of(request), application_id, form.cleaned_data["text"])
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Noten er gemt."))
            return redirect(reverse("recruitment:applicant", args=[application_id]) + "#noter")
    return _applicant(request, application_id, status=400, note_form=form)


@require_POST
def applicant_interview(request: AuthenticatedRequest, application_id: int) -> HttpResponse:
    form = InterviewForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        zone = timezone.get_current_timezone()
        try:
            services.book_interview(
                access_of(request),
                application_id,
                starts_at=datetime.combine(data["day"], data["starts"], tzinfo=zone),
                ends_at=datetime.combine(data["day"], data["ends"], tzinfo=zone),
                location=data["location"],
                round_number=data["round_number"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Samtalen er booket."))
            return redirect(reverse("recruitment:applicant", args=[application_id]) + "#samtaler")
    return _applicant(request, application_id, status=400, interview_form=form)


@require_POST
def applicant_test(request: AuthenticatedRequest, application_id: int) -> HttpResponse:
    form = TestResultForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.record_test(
                access_of(request),
                application_id,
                tool=data["tool"],
                summary=data["summary"],
                link=data["link"],
                consent_on=data["consent_on"],
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Testresultatet er gemt."))
            return redirect(reverse("recruitment:applicant", args=[application_id]) + "#test")
    return _applicant(request, application_id, status=400, test_form=form)


@require_http_methods(["GET", "POST"])
def applicant_letter(request: AuthenticatedRequest, application_id: int) -> HttpResponse:
    """GET: choose a template (and interview, reply date) and read the letter filled in; POST:
    send it as read and edited."""
    access = access_of(request)
    _r, application = services.letter_application(access, application_id)
    templates = services.letter_templates(access)
    if not templates:
        messages.error(request, _("Der er ingen brevskabeloner endnu. HR laver dem."))
        return redirect("recruitment:applicant", application_id=application_id)
    draft = None
    letter_form: LetterForm | None = None
    if request.method == "POST":
        letter_form = LetterForm(request.POST)
        if letter_form.is_valid():
            try:
                services.send_letter(access, application_id, **letter_form.cleaned_data)
            except ValidationFailed as exc:
                add_service_errors(letter_form, exc)
            else:
                messages.success(request, _("Brevet er sendt til ansøgeren."))
                return redirect(reverse("recruitment:applicant", args=[application_id]) + "#breve")
    interviews = list(application.interviews.all())
    choice = LetterChoiceForm(
        request.GET or {"skabelon": templates[0].pk},
        templates=[(t.pk, f"{t.get_kind_display()}: {t.name}") for t in templates],
        interviews=[(i.pk, format_datetime(timezone.localtime(i.starts_at))) for i in interviews],
    )
    if choice.is_valid():
        draft = services.letter_draft(
            access,
            application_id,
            choice.cleaned_data["skabelon"],
            interview_id=choice.cleaned_data["samtale"],
            reply_by=choice.cleaned_data["frist"],
        )
        if letter_form is None:
            letter_form = LetterForm(
                initial={
                    "kind": draft.template.kind,
                    "subject": draft.subject,
                    "body": draft.body,
                }
            )
    return render(
        request,
        "recruitment/pipeline/letter.html",
        {
            "application": application,
            "draft": draft,
            "choice": choice,
            "form": letter_form,
            "errors": error_links(choice) + (error_links(letter_form) if letter_form else []),
        },
        status=400 if request.method == "POST" else 200,
    )


@require_GET
def interview_ical(request: AuthenticatedRequest, interview_id: int) -> HttpResponse:
    body = services.interview_ical(
        access_of(request), interview_id, url=request.build_absolute_uri()
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="samtale-{interview_id}.ics"'
    return response


# --- Letter templates (HR) ------------------------------------------------------------------------


@require_GET
def letter_templates(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_ADS)
    return render(
        request,
        "recruitment/pipeline/letter_templates.html",
        {"templates": services.letter_templates(access)},
    )


@require_http_methods(["GET", "POST"])
def letter_template_edit(
    request: AuthenticatedRequest, template_id: int | None = None
) -> HttpResponse:
    access = access_of(request)
    access.require(MANAGE_ADS)
    current = services.letter_template(access, template_id) if template_id else None
    initial = (
        {
            "kind": current.kind,
            "name": current.name,
            "subject": current.subject,
            "body": current.body,
        }
        if current
        else {}
    )
    form = LetterTemplateForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_letter_template(access, template_id=template_id, **form.cleaned_data)
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Brevskabelonen er gemt."))
            return redirect("recruitment:letter_templates")
    return render(
        request,
        "recruitment/pipeline/letter_template_form.html",
        {"form": form, "errors": error_links(form), "current": current},
        status=400 if request.method == "POST" else 200,
    )


# --- Fairness -----------------------------------------------------------------------------------


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


GROUP_LABELS = {
    "woman": gettext_lazy("Kvinde"),
    "man": gettext_lazy("Mand"),
    "other": gettext_lazy("Andet"),
    "unsaid": gettext_lazy("Ikke oplyst"),
    "under_30": gettext_lazy("Under 30 år"),
    "30_39": gettext_lazy("30–39 år"),
    "40_49": gettext_lazy("40–49 år"),
    "50_59": gettext_lazy("50–59 år"),
    "60_plus": gettext_lazy("60 år og derover"),
}


def group_label(group: str) -> str:
    """A fairness group's name in the reader's language."""
    return str(GROUP_LABELS.get(group, group))


def _percent(value: float | None) -> float | None:
    return None if value is None else round(100 * value, 1)


def _fairness_charts(tables: dict[str, calc.Table], where: str, key: str) -> dict[str, str]:
    out = {}
    titles = {
        "gender": _("Andel udvalgt til samtale efter køn, %(where)s (procent)"),
        "age": _("Andel udvalgt til samtale efter aldersgruppe, %(where)s (procent)"),
    }
    for dimension, table in tables.items():
        out[dimension] = charts.bar_chart(
            f"ligestilling-{key}-{dimension}",
            titles[dimension] % {"where": where},
            _(
                "Søjlediagram over, hvor stor en andel af ansøgerne i hver gruppe der blev "
                "udvalgt til samtale. Skjulte tal vises ikke. Tallene står i tabellen under "
                "diagrammet."
            ),
            [(group_label(r.group), _percent(r.shortlist_rate)) for r in table.rows],
        )
    return out


def _display(table: calc.Table) -> dict[str, Any]:
    """A table's rows with their labels and rates in percent, for the template."""

    def row(r: calc.GroupRow, label: str) -> dict[str, Any]:
        return {
            "label": label,
            "applicants": r.applicants,
            "shortlisted": r.shortlisted,
            "hired": r.hired,
            "shortlist_pct": _percent(r.shortlist_rate),
            "hire_pct": _percent(r.hire_rate),
            "shortlist_ratio": r.shortlist_ratio,
            "hire_ratio": r.hire_ratio,
            "shortlist_flag": r.shortlist_flag,
            "hire_flag": r.hire_flag,
        }

    return {
        "rows": [row(r, group_label(r.group)) for r in table.rows],
        "total": row(table.total, _("I alt")),
    }


@require_GET
def fairness(request: AuthenticatedRequest) -> HttpResponse:
    data = fairness_services.fairness_figures(
        access_of(request),
        year=_int(request.GET.get("aar")),
        round_slug=(request.GET.get("forloeb") or "").strip()[:80],
    )
    year_charts = _fairness_charts(data.release.year, str(data.year), "aar")
    round_charts = (
        _fairness_charts(data.round_tables, data.round.title, "forloeb")
        if data.round and data.round_tables
        else {}
    )
    return render(
        request,
        "recruitment/fairness/fairness.html",
        {
            "data": data,
            "year_charts": year_charts,
            "round_charts": round_charts,
            "year_tables": {d: _display(t) for d, t in data.release.year.items()},
            "round_tables": (
                {d: _display(t) for d, t in data.round_tables.items()} if data.round_tables else {}
            ),
        },
    )
