"""Fraværsstatistik: the absence dashboard and its Excel export.

Thin HTTP over ``absence.services.absence_figures``, which applies scope (HR and analysts: the
municipality; managers: their units; others 403) and disclosure control. This module only lays
the figures out: the summary with the KRL reference, the table of groups (by job family with the
KRL figure and the difference), the four causes of absence apart, an SVG chart of the table, and
the .xlsx file. One KRL year everywhere on the page and in the file (``reference.comparison_year``:
``CHARLIE_ABSENCE_KRL_YEAR``, else the newest; the form may choose another).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from charlie.absence import excel, reference
from charlie.absence.services import FigureRow, Figures, absence_figures
from charlie.absence.stats import DEFAULT_LONG_THRESHOLD_DAYS
from charlie.core import charts
from charlie.core.errors import ValidationFailed
from charlie.core.forms import DateInput, add_service_errors, with_width
from charlie.core.http import AuthenticatedRequest
from charlie.people.services import access_of

GROUPINGS = (
    ("job_family", gettext_lazy("Stillingskategori")),
    ("unit", gettext_lazy("Enhed")),
    ("month", gettext_lazy("Måned")),
    ("quarter", gettext_lazy("Kvartal")),
    ("age_band", gettext_lazy("Aldersgruppe")),
)
TIME_GROUPINGS = ("month", "quarter")
#: Danmarks Statistik's four causes and all of them, in the order of ``Line.causes``.
CAUSE_LABELS = (
    gettext_lazy("Egen sygdom"),
    gettext_lazy("Arbejdsskade"),
    gettext_lazy("Børns sygdom"),
    gettext_lazy("Barsel"),
    gettext_lazy("Alle fire årsager"),
)
YEARS_BACK = 10


def _years() -> list[tuple[int, str]]:
    this = timezone.localdate().year
    return [(y, str(y)) for y in range(this, this - YEARS_BACK - 1, -1)]


def _date_input() -> forms.DateInput:
    return with_width(DateInput(), "s")


#: Levels of the unit tree the page shows by default: kommune, forvaltning, område.
DEFAULT_LEVELS = 3


class DashboardForm(forms.Form):
    year = forms.TypedChoiceField(
        label=gettext_lazy("År"),
        coerce=int,
        required=False,
        widget=forms.Select(),
    )
    start = forms.DateField(
        label=gettext_lazy("Fra dato"),
        required=False,
        help_text=gettext_lazy(
            "Udfyld fra og til for en anden periode end et helt år. Tallene gælder hele måneder."
        ),
        widget=_date_input(),
    )
    end = forms.DateField(label=gettext_lazy("Til dato"), required=False, widget=_date_input())
    by = forms.ChoiceField(
        label=gettext_lazy("Opdel efter"),
        choices=GROUPINGS,
        widget=forms.Select(),
    )
    long = forms.IntegerField(
        label=gettext_lazy("Langtidsfravær er over (kalenderdage)"),
        min_value=1,
        max_value=365,
        widget=with_width(forms.NumberInput(), "xs"),
    )
    krl = forms.TypedChoiceField(
        label=gettext_lazy("Sammenlign med KRL fra år"),
        help_text=gettext_lazy("Landstallet fra KRL, som hele siden sammenligner med."),
        coerce=int,
        widget=forms.Select(),
    )
    levels = forms.IntegerField(
        label=gettext_lazy("Niveauer i organisationen"),
        help_text=gettext_lazy(
            "Ved opdeling efter enhed: hvor mange niveauer siden viser (Excel-filen har dem alle)."
        ),
        min_value=1,
        max_value=8,
        widget=with_width(forms.NumberInput(), "xs"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = _years()  # type: ignore[attr-defined]
        self.fields["krl"].choices = [  # type: ignore[attr-defined]
            (y, str(y)) for y in reference.years(reference.KRL)
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start or end:
            if not (start and end):
                raise forms.ValidationError(
                    _("Udfyld både fra og til dato, eller tøm begge og vælg et år.")
                )
            if end < start:
                self.add_error("end", _("Til dato skal ligge efter fra dato."))
        elif not data.get("year"):
            self.add_error("year", _("Vælg et år, eller udfyld fra og til dato."))
        return data

    def window(self) -> tuple[date, date]:
        data = self.cleaned_data
        if data.get("start") and data.get("end"):
            return data["start"], data["end"]
        year = int(data["year"])
        return date(year, 1, 1), date(year, 12, 31)


def krl_year() -> int:
    """The page's KRL year by default: ``CHARLIE_ABSENCE_KRL_YEAR``, else the newest."""
    return reference.comparison_year(settings.CHARLIE_ABSENCE_KRL_YEAR)


def _form(request: AuthenticatedRequest) -> DashboardForm:
    defaults = {
        "year": str(timezone.localdate().year - 1),  # the last full year
        "by": "job_family",
        "long": str(DEFAULT_LONG_THRESHOLD_DAYS),
        "krl": str(krl_year()),
        "levels": str(DEFAULT_LEVELS),
    }
    keys = ("year", "start", "end", "by", "long", "krl", "levels")
    params = {key: request.GET.get(key) for key in keys}
    given = {k: v for k, v in params.items() if v not in (None, "")}
    return DashboardForm({**defaults, **given})


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 2)


@dataclass(frozen=True)
class Line:
    """One row of the table: the figures and, by job family, the comparison with the page's
    KRL year."""

    row: FigureRow
    krl: float | None
    difference: float | None

    @property
    def percent(self) -> float | None:
        return _percent(self.row.absence_rate)

    @property
    def causes(self) -> list[float | None]:
        """The four causes and all of them, in percent (the cause table's columns)."""
        row = self.row
        return [
            _percent(rate)
            for rate in (
                row.own_sickness_rate,
                row.work_injury_rate,
                row.child_sickness_rate,
                row.parental_leave_rate,
                row.all_causes_rate,
            )
        ]


def _lines(figures: Figures, krl_year: int, levels: int | None = None) -> list[Line]:
    """The table's lines; by unit only the top ``levels`` levels of the caller's tree (a
    municipality has thousands of units, more than a page can show or a reader can use)."""
    krl = reference.krl_by_job_family(krl_year) if figures.by == "job_family" else {}
    rows = figures.rows
    if figures.by == "unit" and levels is not None and rows:
        top = min(row.depth for row in rows)
        rows = [row for row in rows if row.depth < top + levels]
    lines = []
    for row in rows:
        ref = krl.get(row.label)
        value = ref.days_per_fte if ref else None
        diff = (
            round(row.days_per_fte - value, 1)
            if value is not None and row.days_per_fte is not None
            else None
        )
        lines.append(Line(row, value, diff))
    return lines


def _total_line(figures: Figures, krl_year: int) -> Line:
    """The total, compared by job family with the KRL year's total for all municipal
    employees."""
    row = figures.total
    if figures.by != "job_family":
        return Line(row, None, None)
    ref = reference.total(reference.KRL, krl_year).days_per_fte
    diff = None if row.days_per_fte is None else round(row.days_per_fte - ref, 1)
    return Line(row, ref, diff)


def _chart(figures: Figures, lines: list[Line], by_label: str, krl_total: Any) -> str:
    period = f"{figures.start:%d.%m.%Y}–{figures.end:%d.%m.%Y}"
    title = _("Sygedage pr. årsværk efter %(by)s, %(period)s") % {
        "by": by_label.lower(),
        "period": period,
    }
    if figures.by in TIME_GROUPINGS:
        points = [(line.row.label, line.row.days_per_fte) for line in lines]
        desc = _(
            "Linjediagram over sygedage pr. årsværk i hver %(by)s. Tallene står i tabellen "
            "under diagrammet."
        ) % {"by": by_label.lower()}
        return charts.line_chart("fravaer-diagram", title, desc, points)
    items = sorted(
        ((line.row.label, line.row.days_per_fte) for line in lines),
        key=lambda item: (item[1] is None, -(item[1] or 0)),
    )
    desc = _(
        "Søjlediagram over sygedage pr. årsværk i hver gruppe, højeste først. Den stiplede "
        "linje er %(series)s %(year)s for alle kommunalt ansatte. Tallene står i tabellen "
        "under diagrammet."
    ) % {"series": "KRL", "year": krl_total.year}
    return charts.bar_chart(
        "fravaer-diagram",
        title,
        desc,
        items,
        reference=(f"KRL {krl_total.year}", krl_total.days_per_fte),
    )


def _query(request: AuthenticatedRequest, form: DashboardForm) -> str:
    keep = {k: v for k, v in form.data.items() if v not in (None, "")}
    return urlencode(keep)


@require_GET
def dashboard(request: AuthenticatedRequest) -> HttpResponse:
    form = _form(request)
    by_label = dict(GROUPINGS).get(form.data.get("by", ""), "")
    access = access_of(request)
    context: dict[str, Any] = {
        "form": form,
        "figures": None,
        "by_label": by_label,
        # A manager's figures cover their own units; HR's and analysts' the municipality.
        "own_units_only": access.aggregate_paths() is not None,
    }
    if not form.is_valid():
        context["krl_total"] = reference.total(reference.KRL, krl_year())
        return render(request, "absence/dashboard.html", context, status=400)
    krl_total = reference.total(reference.KRL, form.cleaned_data["krl"])
    context["krl_total"] = krl_total
    start, end = form.window()
    try:
        figures = absence_figures(
            access,
            start=start,
            end=end,
            by=form.cleaned_data["by"],
            long_threshold_days=form.cleaned_data["long"],
        )
    except ValidationFailed as exc:
        add_service_errors(form, exc)
        return render(request, "absence/dashboard.html", context, status=400)
    lines = _lines(figures, krl_total.year, form.cleaned_data["levels"])
    total_line = _total_line(figures, krl_total.year)
    context.update(
        figures=figures,
        lines=lines,
        total=figures.total,
        total_percent=_percent(figures.total.absence_rate),
        total_causes=Line(figures.total, None, None).causes,
        total_cause_rows=list(
            zip(CAUSE_LABELS, Line(figures.total, None, None).causes, strict=True)
        ),
        total_difference=(
            None
            if figures.total.days_per_fte is None
            else round(figures.total.days_per_fte - krl_total.days_per_fte, 1)
        ),
        total_line=total_line,
        by_job_family=figures.by == "job_family",
        any_hidden=any(line.row.suppressed for line in lines) or figures.total.suppressed,
        chart=_chart(figures, lines, str(by_label), krl_total) if lines else "",
        query=_query(request, form),
    )
    return render(request, "absence/dashboard.html", context)


def _excel_rows(
    figures: Figures, lines: list[Line], krl_year: int
) -> tuple[list[excel.Column], list[list[Any]]]:
    by_job_family = figures.by == "job_family"
    columns = [
        excel.Column(_("Gruppe")),
        excel.Column(_("Antal personer"), "0"),
        excel.Column(_("Årsværk"), "0.0"),
        excel.Column(_("Sygedage, egen sygdom og arbejdsskade (dagsværk)"), "0.0"),
        excel.Column(_("Sygefraværsprocent, egen sygdom og arbejdsskade"), "0.00%"),
        excel.Column(_("Sygedage pr. årsværk"), "0.0"),
        excel.Column(_("Perioder pr. helårsansat"), "0.00"),
        excel.Column(_("Gns. periodelængde (kalenderdage)"), "0.0"),
        excel.Column(_("Korte perioder"), "0"),
        excel.Column(_("Lange perioder"), "0"),
        excel.Column(_("Egen sygdom, fraværsprocent"), "0.00%"),
        excel.Column(_("Arbejdsskade, fraværsprocent"), "0.00%"),
        excel.Column(_("Børns sygdom, fraværsprocent"), "0.00%"),
        excel.Column(_("Barsel, fraværsprocent"), "0.00%"),
        excel.Column(_("Alle fire årsager, fraværsprocent"), "0.00%"),
    ]
    if by_job_family:
        columns += [
            excel.Column(_("KRL %(year)s sygedage pr. årsværk") % {"year": krl_year}, "0.0"),
            excel.Column(_("Forskel fra KRL %(year)s") % {"year": krl_year}, "0.0"),
        ]

    def values(row: FigureRow, line: Line | None) -> list[Any]:
        label = ("  " * row.depth) + row.label if figures.by == "unit" else row.label
        out: list[Any] = [
            label,
            row.headcount,
            row.fte,
            row.sickness_day_equivalents,
            row.absence_rate,
            row.days_per_fte,
            row.periods_per_full_year_employee,
            row.average_period_days,
            row.short_periods,
            row.long_periods,
            row.own_sickness_rate,
            row.work_injury_rate,
            row.child_sickness_rate,
            row.parental_leave_rate,
            row.all_causes_rate,
        ]
        if by_job_family:
            out += [line.krl, line.difference] if line else [None, None]
        return out

    rows = [values(line.row, line) for line in lines]
    rows.append(values(figures.total, _total_line(figures, krl_year)))
    return columns, rows


@require_GET
def dashboard_xlsx(request: AuthenticatedRequest) -> HttpResponse:
    form = _form(request)
    if not form.is_valid():
        errors = " ".join(str(e) for errs in form.errors.values() for e in errs)
        return HttpResponse(errors, status=400, content_type="text/plain; charset=utf-8")
    start, end = form.window()
    try:
        figures = absence_figures(
            access_of(request),
            start=start,
            end=end,
            by=form.cleaned_data["by"],
            long_threshold_days=form.cleaned_data["long"],
        )
    except ValidationFailed as exc:
        return HttpResponse(
            " ".join(exc.messages), status=400, content_type="text/plain; charset=utf-8"
        )
    krl = form.cleaned_data["krl"]
    lines = _lines(figures, krl)
    columns, rows = _excel_rows(figures, lines, krl)
    by_label = dict(GROUPINGS)[figures.by]
    notes = [
        _("Sygefravær %(start)s–%(end)s, opdelt efter %(by)s.")
        % {
            "start": f"{figures.start:%d.%m.%Y}",
            "end": f"{figures.end:%d.%m.%Y}",
            "by": str(by_label).lower(),
        },
        _("Langtidsfravær: perioder over %(n)s kalenderdage.") % {"n": figures.long_threshold_days},
        _(
            "Sygefravær er egen sygdom og arbejdsskade lagt sammen. Fravær er Danmarks "
            "Statistiks fire årsager (egen sygdom, arbejdsskade, børns sygdom og barsel); hver "
            "årsags fraværsprocent har samme nævner, de mulige dagsværk, hvor barsel tæller med. "
            "Ferie, orlov uden løn, omsorgs- og seniordage tæller hverken som arbejde eller fravær."
        ),
        _(
            "Tomme felter er skjult af diskretionshensyn: en gruppe med færre end %(n)s "
            "personer i en af periodens måneder vises ikke, og et ekstra tal skjules, hvis de "
            "skjulte ellers kunne regnes ud fra andre tal – også en enheds egne medarbejdere."
        )
        % {"n": figures.min_size},
    ]
    if figures.widened and figures.requested_start and figures.requested_end:
        notes.append(
            _(
                "Tallene gælder hele måneder: den valgte periode %(start)s–%(end)s er udvidet "
                "til hele måneder."
            )
            % {
                "start": f"{figures.requested_start:%d.%m.%Y}",
                "end": f"{figures.requested_end:%d.%m.%Y}",
            }
        )
    if figures.by == "job_family":
        ref = reference.total(reference.KRL, krl)
        notes.append(
            _("Referencetal: %(series)s %(year)s, sygedage pr. årsværk. Kilde: %(url)s")
            % {"series": ref.series_name, "year": ref.year, "url": ref.source_url}
        )
    content = excel.workbook_bytes(columns, rows, notes)
    response = HttpResponse(
        content,
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    filename = f"fravaersstatistik-{figures.start:%Y%m%d}-{figures.end:%Y%m%d}-{figures.by}.xlsx"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
