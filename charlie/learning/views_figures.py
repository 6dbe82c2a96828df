"""Part "figures": the page "Læringstal" (issue 14, point 5) and its Excel download. Thin: parse
the filters, call ``services.figures.learning_figures``, draw the charts, render."""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from charlie.core import charts
from charlie.core.excel import Column, Sheet, Value, workbook_bytes
from charlie.core.http import AuthenticatedRequest
from charlie.core.templatetags.formats import da_date
from charlie.learning.services import figures
from charlie.learning.services.figures import GroupRow, LearningFigures
from charlie.people.services import access_of

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def _data(request: HttpRequest) -> LearningFigures:
    return figures.learning_figures(
        access_of(request),  # type: ignore[arg-type]
        year=_int(request.GET.get("aar")),
        unit_id=_int(request.GET.get("enhed")),
        family_id=_int(request.GET.get("stillingskategori")),
    )


def _label(row: GroupRow) -> str:
    return row.label if row.key is not None else _("I alt")


def _charts(data: LearningFigures) -> dict[str, str]:
    out: dict[str, str] = {}
    year = data.year
    if len(data.unit_rows) > 1:
        out["units_hours"] = charts.bar_chart(
            "laering-timer-enhed",
            _("Læringstimer pr. årsværk pr. enhed, %(year)s") % {"year": year},
            _(
                "Søjlediagram over timer med læring pr. årsværk i hver enhed. Skjulte tal "
                "vises ikke. Tallene står i tabellen under diagrammet."
            ),
            [(_label(r), r.hours_per_fte) for r in data.unit_rows],
        )
        out["units_share"] = charts.bar_chart(
            "laering-andel-enhed",
            _("Andel medarbejdere med læring de seneste 12 måneder pr. enhed (procent)"),
            _(
                "Søjlediagram over andelen af medarbejderne i hver enhed, der har gennemført "
                "læring de seneste 12 måneder. Tallene står i tabellen under diagrammet."
            ),
            [(_label(r), r.learner_share) for r in data.unit_rows],
        )
    if len(data.family_rows) > 1:
        out["families_hours"] = charts.bar_chart(
            "laering-timer-stilling",
            _("Læringstimer pr. årsværk pr. stillingskategori, %(year)s") % {"year": year},
            _(
                "Søjlediagram over timer med læring pr. årsværk i hver stillingskategori. "
                "Tallene står i tabellen under diagrammet."
            ),
            [(_label(r), r.hours_per_fte) for r in data.family_rows],
        )
    if data.module_rows:
        out["modules"] = charts.bar_chart(
            "laering-moduler",
            _("Andel bestået af dem, der startede e-læringsmodulet, %(year)s (procent)")
            % {"year": year},
            _(
                "Søjlediagram over andelen, der har bestået hvert e-læringsmodul, blandt dem "
                "der startede det. Tallene står i tabellen under diagrammet."
            ),
            [(r.label, r.rate) for r in data.module_rows],
        )
    return out


@require_GET
def figures_page(request: AuthenticatedRequest) -> HttpResponse:
    data = _data(request)
    query = urlencode(
        {
            k: v
            for k, v in (
                ("aar", data.year),
                ("enhed", data.unit_id or ""),
                ("stillingskategori", data.family_id or ""),
            )
            if v != ""
        }
    )
    return render(
        request,
        "learning/figures/figures.html",
        {"data": data, "charts": _charts(data), "query": query},
    )


def _group_sheet(title: str, first: str, rows: Sequence[GroupRow], notes: list[str]) -> Sheet:
    return Sheet(
        title=title,
        columns=[
            Column(first),
            Column(_("Medarbejdere"), "#,##0"),
            Column(_("Årsværk"), "#,##0.0"),
            Column(_("Timer pr. årsværk"), "#,##0.0"),
            Column(_("Udgift pr. årsværk (kr.)"), "#,##0"),
            Column(_("Med læring de seneste 12 måneder"), "#,##0"),
            Column(_("Andel med læring (procent)"), "0.0"),
        ],
        rows=[
            [
                _label(r),
                r.people,
                r.fte,
                r.hours_per_fte,
                r.cost_per_fte,
                r.learners,
                r.learner_share,
            ]
            for r in rows
        ],
        notes=notes,
        frozen_columns=1,
    )


@require_GET
def figures_export(request: AuthenticatedRequest) -> HttpResponse:
    data = _data(request)
    notes = [
        _("År: %(year)s (1. januar – %(cut)s).") % {"year": data.year, "cut": da_date(data.cut)},
        _("Læring de seneste 12 måneder: %(since)s – %(cut)s.")
        % {"since": da_date(data.since), "cut": da_date(data.cut)},
        _(
            "Tomme felter er skjulte tal: grupper med færre end %(n)s personer vises ikke, og "
            "heller ikke tal, som de kan regnes ud fra."
        )
        % {"n": data.min_size},
    ]
    module_rows: list[list[Value]] = [
        [r.label, r.started, r.passed, r.rate] for r in data.module_rows
    ]
    sheets = [
        _group_sheet(_("Enheder"), _("Enhed"), data.unit_rows, notes),
        _group_sheet(_("Stillingskategorier"), _("Stillingskategori"), data.family_rows, notes),
        Sheet(
            title=_("E-læringsmoduler"),
            columns=[
                Column(_("Modul")),
                Column(_("Startet"), "#,##0"),
                Column(_("Bestået"), "#,##0"),
                Column(_("Andel bestået (procent)"), "0.0"),
            ],
            rows=module_rows,
            notes=notes,
            frozen_columns=1,
        ),
    ]
    response = HttpResponse(workbook_bytes(sheets), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="laeringstal-{data.year}.xlsx"'
    return response
