"""The results pages (issue 16, points 3 and 6): the surveys, one unit's results with charts and
tables, response rates, the PDF for the MED/AMO meeting and the Excel file, HR's review of
comments, and a pulse series' trend. Thin HTTP over ``services.results`` and
``services.comments``, which check the permission and the unit's scope and apply disclosure
control."""

from __future__ import annotations

import uuid
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from charlie.core import charts
from charlie.core.errors import ValidationFailed
from charlie.core.formats import format_date
from charlie.core.forms import add_service_errors, error_links
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of
from charlie.privacy.services import render_pdf
from charlie.wellbeing import reports
from charlie.wellbeing.forms_results import CommentDecisionForm
from charlie.wellbeing.permissions import REVIEW_COMMENTS
from charlie.wellbeing.services import comments as comment_services
from charlie.wellbeing.services import results as services


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _unit(request: AuthenticatedRequest) -> int | None:
    return _int(request.GET.get("enhed"))


@require_GET
def surveys(request: AuthenticatedRequest) -> HttpResponse:
    access = access_of(request)
    return render(
        request,
        "wellbeing/results/surveys.html",
        {
            "surveys": services.survey_list(access),
            "series": services.series_list(access),
            "can_review": access.can(REVIEW_COMMENTS),
        },
    )


def dimension_chart(page: services.UnitPage) -> str:
    """The unit's dimension scores as horizontal bars (hidden scores say so)."""
    rows = [r for r in page.dimensions if r.kind == "dimension" and r.municipality is not None]
    if not rows:
        return ""
    where = page.unit_name or _("hele målingen")
    return charts.bar_chart(
        "trivsel-dimensioner",
        _("Score pr. dimension, %(where)s (0–100)") % {"where": where},
        _(
            "Søjlediagram over enhedens score i hver dimension fra 0 til 100, hvor 100 er "
            "bedst. Skjulte tal vises ikke. Tallene står i tabellen under diagrammet sammen "
            "med hele målingens og sidste målings."
        ),
        [(r.label, r.score) for r in rows],
    )


def _page_context(request: AuthenticatedRequest, survey_id: int) -> dict[str, Any]:
    access = access_of(request)
    page = services.unit_page(access, survey_id, _unit(request))
    shown = (
        comment_services.approved_comments(
            access, survey_id, page.unit.id if page.unit else None, page=page
        )
        if page.ready
        else []
    )
    return {
        "p": page,
        "chart": dimension_chart(page) if page.ready else "",
        "comments": shown,
        "can_review": access.can(REVIEW_COMMENTS),
        "unit_query": f"?enhed={page.unit.id}" if page.unit else "",
    }


@require_GET
def survey(request: AuthenticatedRequest, survey_id: int) -> HttpResponse:
    return render(request, "wellbeing/results/survey.html", _page_context(request, survey_id))


@require_GET
def rates(request: AuthenticatedRequest, survey_id: int) -> HttpResponse:
    page = services.response_rates(access_of(request), survey_id)
    return render(request, "wellbeing/results/rates.html", {"p": page})


def _file_name(page: services.UnitPage, ending: str) -> str:
    from charlie.core.text import danish_slug

    where = (
        danish_slug(page.unit_name, fallback="enhed", max_length=60)
        if page.unit
        else "hele-maalingen"
    )
    return f"trivsel-{page.survey.id}-{where}.{ending}"


@require_GET
def report_pdf(request: AuthenticatedRequest, survey_id: int) -> HttpResponse:
    """The unit's results as a tagged A4 PDF for the MED/AMO meeting (nothing fetched)."""
    context = _page_context(request, survey_id)
    page: services.UnitPage = context["p"]
    if not page.ready:
        raise ValidationFailed([_("Målingen er ikke lukket: der er først resultater, når den er.")])
    context.update(
        printed=timezone.localtime(), municipality_name=settings.CHARLIE_MUNICIPALITY_NAME
    )
    html = render_to_string("wellbeing/results/report_pdf.html", context, request=request)
    response = HttpResponse(render_pdf(html), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{_file_name(page, "pdf")}"'
    return response


@require_GET
def report_excel(request: AuthenticatedRequest, survey_id: int) -> HttpResponse:
    """The unit's results as an Excel workbook: dimensions, questions with their distribution,
    sub-units, background splits and response rates."""
    access = access_of(request)
    page = services.unit_page(access, survey_id, _unit(request))
    if not page.ready:
        raise ValidationFailed([_("Målingen er ikke lukket: der er først resultater, når den er.")])
    body = reports.workbook(page)
    response = HttpResponse(
        body, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_file_name(page, "xlsx")}"'
    return response


@require_GET
def comments(request: AuthenticatedRequest, survey_id: int) -> HttpResponse:
    status = request.GET.get("status", "pending")
    data = comment_services.review_list(access_of(request), survey_id, status=status)
    return render(
        request,
        "wellbeing/results/comments.html",
        {
            "data": data,
            "survey": services.survey_row(access_of(request), survey_id),
            "statuses": [
                (value, f"{label} ({data.counts.get(value, sum(data.counts.values()))})")
                for value, label in [
                    ("pending", _("Venter på HR")),
                    ("approved", _("Godkendt")),
                    ("edited", _("Godkendt med rettelser")),
                    ("hidden", _("Skjult")),
                    ("", _("Alle")),
                ]
            ],
        },
    )


@require_http_methods(["GET", "POST"])
def comment(request: AuthenticatedRequest, comment_id: uuid.UUID) -> HttpResponse:
    """One comment: HR approves it, edits out identifying details, or hides it."""
    access = access_of(request)
    item, survey_id = comment_services.review_item(access, comment_id)
    form = CommentDecisionForm(
        request.POST if request.method == "POST" else None,
        initial={"text": item.shown_text or item.text},
    )
    if request.method == "POST" and form.is_valid():
        try:
            comment_services.decide(
                access, comment_id, form.cleaned_data["decision"], form.cleaned_data["text"]
            )
        except ValidationFailed as exc:
            add_service_errors(form, exc)
        else:
            messages.success(request, _("Afgørelsen er gemt."))
            return redirect(reverse("wellbeing:results_comments", args=[survey_id]))
    # A radio group has no one input to link to: the error links to its first choice.
    errors = [
        ("#id_decision_0" if href == "#" else href, text)
        for href, text in (error_links(form) if form.is_bound else [])
    ]
    return render(
        request,
        "wellbeing/results/comment.html",
        {"item": item, "form": form, "errors": errors, "survey_id": survey_id},
        status=400 if errors else 200,
    )


def trend_charts(data: services.Trend) -> list[tuple[services.TrendLine, str, int]]:
    """One line chart per question or dimension: the unit beside the whole survey."""
    out = []
    x = [format_date(p.opens_on) for p in data.points]
    where = data.labels.get(data.unit.id, data.unit.name) if data.unit else _("Hele målingen")
    for i, line in enumerate(data.lines):
        values = [p.values[i] for p in data.points]
        if not x or all(v is None for v in values + list(line.municipality)):
            continue
        series = [charts.Series(where, values)]
        if data.unit is not None:
            series.append(charts.Series(_("Hele målingen"), list(line.municipality)))
        svg = charts.band_chart(
            f"puls-{i}",
            line.label,
            _(
                "Linjediagram over udviklingen fra måling til måling. Skjulte tal vises som "
                "huller. Tallene står i tabellen under diagrammerne."
            ),
            x,
            series,
            digits=1,
        )
        out.append((line, svg, i))
    return out


@require_GET
def trend(request: AuthenticatedRequest, series_id: int) -> HttpResponse:
    data = services.trend(access_of(request), series_id, _unit(request))
    return render(
        request,
        "wellbeing/results/trend.html",
        {"t": data, "charts": trend_charts(data)},
    )
